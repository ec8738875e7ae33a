"""TTML writer options and time units (ms, or media-time-base frames) for ``writers/ttml.py``.

Namespaces, frame rates and time expressions are the TTML codec's
(:mod:`cuecraft.formats.ttml`).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction
from typing import Literal

from pydantic import ConfigDict, field_validator, model_validator

from cuecraft._validated import SettingsModel
from cuecraft.errors import RulesError
from cuecraft.formats.timecode import OFFSET, known_frame_rate
from cuecraft.formats.ttml import LANGUAGE_TAG, RATES, format_time

__all__ = ["Clock", "TtmlOptions"]


def _offset(value: str) -> re.Match[str] | None:
    """``start_offset`` as TTML takes it: :data:`~cuecraft.formats.timecode.OFFSET` with ``:``
    before the frames (TTML has no drop-frame labels)."""
    match = OFFSET.match(value)
    return None if match is None or match.group(4) == ";" else match


class TtmlOptions(SettingsModel):
    """Options of the TTML writer.

    Example: a DFXP file in 25 fps frames, ten hours on, with speakers as TTML agents::

        TtmlOptions(flavour="dfxp", time_format="frames", frame_rate=25,
                    start_offset="10:00:00:00", speaker_labels="agent")
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    flavour: Literal["ttml", "dfxp", "adb.dfxp"] = "ttml"
    """ttml (TTML1, namespace http://www.w3.org/ns/ttml), dfxp (the same document declaring
    the DFXP presentation profile; the 2006 ttaf1 namespace is not written) or adb.dfxp
    (CaptionSync's DFXP for Flash players and Panopto: DFXP with begin and dur)."""

    timing: Literal["begin-end", "begin-dur"] | None = None
    """Each cue's times as begin and end, or begin and dur (its duration; CaptionSync's
    begin/dur syntax); None: begin-dur for adb.dfxp, else begin-end."""

    time_format: Literal["clock", "offset", "frames"] = "clock"
    """Times as clock (HH:MM:SS.mmm), offset (12.345s) or frames (HH:MM:SS:FF at
    frame_rate, with ttp:frameRate)."""

    frame_rate: float = 25.0
    """Frame rate (23.976, 24, 25, 29.97, 30) of frames times and start_offset."""

    start_offset: str = "00:00:00:00"
    """Added to every time: a broadcast timecode HH:MM:SS:FF (frames at frame_rate) or
    HH:MM:SS.mmm, e.g. 10:00:00:00 (CaptionSync's offset timecode)."""

    language: str | None = None
    """xml:lang of the document, a BCP 47 tag (en, nl-BE); None takes the transcript's
    language, or und (undetermined) when it has none."""

    speaker_labels: Literal["none", "agent", "prefix"] = "none"
    """Speaker labels: none; agent (TTML ttm:agent, named by each p); prefix ('Name: ')."""

    region: Literal["bottom", "top"] = "bottom"
    """Where cues sit: one region over the middle 80% of the screen, its text aligned to the
    bottom (displayAlign after) or top (before), rows centred."""

    @field_validator("frame_rate")
    @classmethod
    def _known_rate(cls, value: float) -> float:
        return known_frame_rate(value)

    @field_validator("language")
    @classmethod
    def _language_tag(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.strip().replace("_", "-")
        if not LANGUAGE_TAG.match(value):
            raise ValueError("expected a BCP 47 tag such as en or nl-BE ('und' if unknown)")
        return value

    @field_validator("start_offset")
    @classmethod
    def _offset_shape(cls, value: str) -> str:
        value = value.strip()
        match = _offset(value)
        if match is None:
            raise ValueError("expected a timecode HH:MM:SS:FF or a time HH:MM:SS.mmm")
        if int(match.group(2)) > 59 or int(match.group(3)) > 59:
            raise ValueError("minutes and seconds must be 00-59")
        return value

    @model_validator(mode="after")
    def _frame_exists(self) -> TtmlOptions:
        # RulesError is not a ValueError, so pydantic lets it through with its field name.
        match = _offset(self.start_offset)
        assert match is not None  # checked by _offset_shape
        nominal = RATES[self.frame_rate][0]
        if match.group(5) is not None and int(match.group(5)) >= nominal:
            raise RulesError(
                f"frame {match.group(5)} does not exist at {self.frame_rate:g} fps",
                field="start_offset",
            )
        return self

    @property
    def uses_dur(self) -> bool:
        """True when cues are timed by begin and dur."""
        if self.timing is None:
            return self.flavour == "adb.dfxp"
        return self.timing == "begin-dur"

    @property
    def effective_frame_rate(self) -> Fraction:
        """Frames per second as written: ``ttp:frameRate`` times ``ttp:frameRateMultiplier``."""
        nominal, multiplier = RATES[self.frame_rate]
        return nominal * multiplier

    @property
    def offset_seconds(self) -> Fraction:
        """``start_offset`` in seconds; its frames count at the effective frame rate."""
        match = _offset(self.start_offset)
        assert match is not None
        hours, minutes, seconds, _, frames, millis = match.groups()
        whole = Fraction((int(hours) * 60 + int(minutes)) * 60 + int(seconds))
        if frames is not None:
            return whole + int(frames) / self.effective_frame_rate
        return whole + Fraction(int(millis), 1000)


def _round(value: Fraction) -> int:
    """Nearest integer, halves up."""
    return math.floor(value + Fraction(1, 2))


class Clock:
    """Turns cue times into whole units (ms, or frames in the media time base) and back."""

    def __init__(self, options: TtmlOptions) -> None:
        self.format = options.time_format
        self.offset = options.offset_seconds
        self.nominal = RATES[options.frame_rate][0]
        self.rate = options.effective_frame_rate

    def units(self, ms: int) -> int:
        seconds = self.offset + Fraction(ms, 1000)
        if self.format != "frames":
            return _round(seconds * 1000)
        # TTML1 §10.3.1 (media time base): HH:MM:SS:FF is HH:MM:SS seconds plus FF frames at
        # the effective rate, FF below ttp:frameRate. The nearest such instant, as a count
        # of (second, frame) steps; at 29.97 a second's last frame ends before the next
        # second, so the grid has a short step there.
        whole = math.floor(seconds)
        frame = _round((seconds - whole) * self.rate)
        if frame >= self.nominal:
            whole, frame = whole + 1, 0
        return whole * self.nominal + frame

    def text(self, units: int) -> str:
        return format_time(units, self.format, self.nominal)

    @property
    def unit_name(self) -> str:
        return "frame" if self.format == "frames" else "millisecond"
