"""Frame-based time for the editing-tool writers (Avid markers, Premiere XML, FCPXML, MAXQDA):
the frame rate and start offset options they share, milliseconds to frames at the exact rate
(23.976 is 24000/1001), and SMPTE time code labels, non-drop or drop-frame.

Drop-frame (29.97 only; SMPTE ST 12-1): the labels skip frame numbers 00 and 01 at the start of
every minute except minutes 00, 10, 20, ..., so the label keeps pace with the clock; the frame
count itself is unchanged. It is written with ``;`` before the frames (``00:01:00;02``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

from pydantic import ConfigDict, field_validator, model_validator

from cuecraft._validated import SettingsModel
from cuecraft.errors import RulesError
from cuecraft.segment.rules import known_frame_rate

__all__ = ["EXACT_RATES", "TimecodeOptions", "frames", "label", "nominal", "offset_frames"]

# Frame rate -> exact frames per second.
EXACT_RATES: Final[dict[float, Fraction]] = {
    23.976: Fraction(24000, 1001),
    24.0: Fraction(24),
    25.0: Fraction(25),
    29.97: Fraction(30000, 1001),
    30.0: Fraction(30),
}

_OFFSET = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:[:;](\d{2})|\.(\d{3}))$")


class TimecodeOptions(SettingsModel):
    """Frame rate and start offset, shared by the editing-tool writers."""

    model_config = ConfigDict(frozen=True, extra="forbid")

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
        match = _OFFSET.match(value)
        if match is None:
            raise ValueError("expected a time code HH:MM:SS:FF or a time HH:MM:SS.mmm")
        if int(match.group(2)) > 59 or int(match.group(3)) > 59:
            raise ValueError("minutes and seconds must be 00-59")
        return value

    @model_validator(mode="after")
    def _consistent(self) -> TimecodeOptions:
        if self.drop_frame and self.frame_rate != 29.97:
            raise RulesError("drop-frame time code exists at 29.97 fps only", field="drop_frame")
        match = _OFFSET.match(self.start_offset)
        assert match is not None  # checked by _offset_shape
        if match.group(4) is not None and int(match.group(4)) >= nominal(self.frame_rate):
            raise RulesError(
                f"frame {match.group(4)} does not exist at {self.frame_rate:g} fps",
                field="start_offset",
            )
        return self


def nominal(rate: float) -> int:
    """Frames per time code second: 24, 25 or 30 (23.976 counts as 24, 29.97 as 30)."""
    return round(EXACT_RATES[rate])


def frames(ms: int, rate: float) -> int:
    """The nearest frame to a time in ms at the exact rate (half a frame rounds up)."""
    exact = Fraction(ms, 1000) * EXACT_RATES[rate]
    return int(exact + Fraction(1, 2))


def _dropped_before(count: int) -> int:
    # Frame labels skipped by drop-frame before frame ``count`` (2 per minute, not every 10th).
    ten_minutes, rest = divmod(count, 17982)  # frames in 10 minutes of 29.97 drop-frame
    return 18 * ten_minutes + (2 * ((rest - 2) // 1798) if rest > 2 else 0)


def label(count: int, options: TimecodeOptions) -> str:
    """Time code label of frame ``count`` (already offset): ``HH:MM:SS:FF`` or ``HH:MM:SS;FF``."""
    base = nominal(options.frame_rate)
    shown = count + _dropped_before(count) if options.drop_frame else count
    seconds, frame = divmod(shown, base)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    separator = ";" if options.drop_frame else ":"
    return f"{hour:02d}:{minute:02d}:{second:02d}{separator}{frame:02d}"


def offset_frames(options: TimecodeOptions) -> int:
    """The start offset as a frame count at the options' rate."""
    match = _OFFSET.match(options.start_offset)
    assert match is not None  # validated
    hours, minutes, seconds = (int(match.group(i)) for i in (1, 2, 3))
    if match.group(5) is not None:
        ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(match.group(5))
        return frames(ms, options.frame_rate)
    base = nominal(options.frame_rate)
    count = ((hours * 60 + minutes) * 60 + seconds) * base + int(match.group(4))
    if options.drop_frame:
        total_minutes = hours * 60 + minutes
        count -= 2 * (total_minutes - total_minutes // 10)
    return count
