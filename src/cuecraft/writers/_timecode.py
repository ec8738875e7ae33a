"""Frame-based time options of the editing-tool writers (Avid markers, Premiere XML, FCPXML,
MAXQDA): the frame rate and start offset they share. The time code arithmetic (exact rates,
frames, drop-frame labels) is the codec :mod:`cuecraft.formats.timecode`.
"""

from __future__ import annotations

from pydantic import ConfigDict, field_validator, model_validator

from cuecraft._validated import SettingsModel
from cuecraft.errors import RulesError
from cuecraft.formats import timecode
from cuecraft.formats.timecode import OFFSET, known_frame_rate, nominal

__all__ = ["TimecodeOptions", "label", "offset_frames"]


class TimecodeOptions(SettingsModel):
    """Frame rate and start offset, shared by the editing-tool writers."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    frame_rate: float = 25.0
    """Frame rate (23.976, 24, 25, 29.97, 30) of the time codes and of start_offset."""

    start_offset: str = "00:00:00:00"
    """Added to every time: a time code HH:MM:SS:FF (frames at frame_rate) or HH:MM:SS.mmm,
    e.g. 01:00:00:00, where Avid and Premiere sequences usually start."""

    drop_frame: bool = False
    """Drop-frame time code labels (29.97 only; HH:MM:SS;FF)."""

    @field_validator("frame_rate")
    @classmethod
    def _known_rate(cls, value: float) -> float:
        return known_frame_rate(value)

    @field_validator("start_offset")
    @classmethod
    def _offset_shape(cls, value: str) -> str:
        value = value.strip()
        match = OFFSET.match(value)
        if match is None:
            raise ValueError("expected a time code HH:MM:SS:FF or a time HH:MM:SS.mmm")
        if int(match.group(2)) > 59 or int(match.group(3)) > 59:
            raise ValueError("minutes and seconds must be 00-59")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> TimecodeOptions:
        if self.drop_frame and self.frame_rate != 29.97:
            raise RulesError("drop-frame time code exists at 29.97 fps only", field="drop_frame")
        match = OFFSET.match(self.start_offset)
        assert match is not None  # checked by _offset_shape
        if match.group(5) is not None and int(match.group(5)) >= nominal(self.frame_rate):
            raise RulesError(
                f"frame {match.group(5)} does not exist at {self.frame_rate:g} fps",
                field="start_offset",
            )
        return self


def label(count: int, options: TimecodeOptions) -> str:
    """Time code label of frame ``count`` (already offset): ``HH:MM:SS:FF`` or ``HH:MM:SS;FF``."""
    return timecode.label(count, options.frame_rate, drop_frame=options.drop_frame)


def offset_frames(options: TimecodeOptions) -> int:
    """The start offset as a frame count at the options' rate."""
    return timecode.offset_count(
        options.start_offset, options.frame_rate, drop_frame=options.drop_frame
    )
