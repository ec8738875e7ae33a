"""TTML codec: namespaces, frame rates and time expressions (TTML1 section 10.3.1, TTML2
section 7.2), shared by the TTML reader (:mod:`cuecraft.readers.ttml`) and writer
(:mod:`cuecraft.writers.ttml`).

Besides the TTML forms, :func:`parse_time` reads the forms real files use although TTML does
not allow them, and says which one it met so the reader can report it: ``3:58.640`` and
``02:35`` (minutes and seconds, Apple Music lyrics), ``19.764`` and ``95`` (seconds without a
unit), ``00:00:01,500`` (a decimal comma, SRT habit). Every pattern is anchored and has no
nested or adjacent unbounded repetition, and the text is at most :data:`MAX_EXPRESSION`
characters, so matching is linear and ``int()`` stays small. :func:`format_time` writes the
three forms the writer offers (clock, offset, frames).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import Final, Literal

from cuecraft.formats.timecode import EXACT_RATES, nominal
from cuecraft.timing import format_clock

__all__ = [
    "DEFAULT_RATES",
    "DFXP_PROFILE",
    "LANGUAGE_TAG",
    "MAX_EXPRESSION",
    "METADATA",
    "NAMESPACES",
    "NONSTANDARD",
    "PARAMETER",
    "RATES",
    "STYLING",
    "TT",
    "TTM",
    "TTP",
    "TTS",
    "XML",
    "Rates",
    "format_time",
    "parse_time",
    "read_rates",
]

# Namespaces ----------------------------------------------------------------------------------

TT: Final = "http://www.w3.org/ns/ttml"
"""TTML1, TTML2, EBU-TT-D, IMSC1: the namespace the writer writes."""
NAMESPACES: Final = (
    TT,
    "http://www.w3.org/2006/10/ttaf1",  # DFXP (TTML1 candidate recommendation)
    "http://www.w3.org/2006/04/ttaf1",  # DFXP (first working drafts)
)
"""The namespaces of the root ``tt`` element that the reader accepts."""
TTP: Final = f"{TT}#parameter"
TTS: Final = f"{TT}#styling"
TTM: Final = f"{TT}#metadata"
PARAMETER: Final = tuple(f"{ns}#parameter" for ns in NAMESPACES)
METADATA: Final = tuple(f"{ns}#metadata" for ns in NAMESPACES)
STYLING: Final = tuple(f"{ns}#styling" for ns in NAMESPACES)
XML: Final = "http://www.w3.org/XML/1998/namespace"
DFXP_PROFILE: Final = "http://www.w3.org/ns/ttml/profile/dfxp-presentation"

# BCP 47 in shape only (RFC 5646 section 2.1): subtags of letters and digits, 1-8 long.
LANGUAGE_TAG: Final = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")

# Frame rates ---------------------------------------------------------------------------------

RATES: Final[dict[float, tuple[int, Fraction]]] = {
    rate: (nominal(rate), exact / nominal(rate)) for rate, exact in EXACT_RATES.items()
}
"""Frame rate -> (``ttp:frameRate``, ``ttp:frameRateMultiplier``) (TTML1 6.2.3, 6.2.4):
23.976 is 24 times 1000/1001, 29.97 is 30 times 1000/1001."""

# Time expressions ----------------------------------------------------------------------------

MAX_EXPRESSION: Final = 64  # characters; keeps int() far from Python's digit limit

# re.ASCII: TTML digits are 0-9 (Python's \d would take any script's digits).
_CLOCK: Final = re.compile(r"(\d+):(\d{2}):(\d{2})(?:([.,])(\d+)|:(\d{2,})(?:\.(\d+))?)?", re.ASCII)
_SHORT_CLOCK: Final = re.compile(r"(\d+):(\d{2})(?:([.,])(\d+))?", re.ASCII)
_BARE_SECONDS: Final = re.compile(r"(\d+)(?:\.(\d+))?", re.ASCII)
_OFFSET: Final = re.compile(r"(\d+)(?:\.(\d+))?(h|ms|m|s|f|t)", re.ASCII)
_UNIT_SECONDS: Final = {
    "h": Fraction(3600),
    "m": Fraction(60),
    "s": Fraction(1),
    "ms": Fraction(1, 1000),
}
_POSITIVE: Final = re.compile(r"\s*([1-9]\d{0,8})\s*", re.ASCII)
# "1000 1001" as TTML writes it, or "1:1" as astisub and some other tools do.
_MULTIPLIER: Final = re.compile(r"\s*([1-9]\d{0,8})(?:\s+|\s*:\s*)([1-9]\d{0,8})\s*", re.ASCII)

NONSTANDARD: Final = {
    "minutes": "minutes:seconds without hours",
    "bare": "seconds without a unit",
    "comma": "a decimal comma",
    "hours": "hours with one digit",
}
"""The non-TTML forms :func:`parse_time` accepts, by the kind it returns, for messages."""


@dataclass(frozen=True)
class Rates:
    """The parameters that turn time expressions into seconds (TTML2 section 7.2)."""

    frame_rate: Fraction  # effective: ttp:frameRate times ttp:frameRateMultiplier
    nominal_frame_rate: int
    sub_frame_rate: int
    tick_rate: Fraction
    time_base: str
    drop_mode: str


DEFAULT_RATES: Final = Rates(Fraction(30), 30, 1, Fraction(1), "media", "nonDrop")


def read_rates(parameter: Callable[[str], str | None], fail: Callable[[str], Exception]) -> Rates:
    """The rates from the root's ``ttp:`` attributes (``parameter(name)`` gives one or None).

    Raises:
        whatever ``fail(message)`` returns, for a malformed or unsupported parameter.
    """

    def number(name: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
        value = parameter(name)
        if value is None:
            return None
        match = pattern.fullmatch(value)
        if match is None:
            expected = "two positive integers" if pattern is _MULTIPLIER else "a positive integer"
            raise fail(f"ttp:{name}={value!r} must be {expected}")
        return match

    def choice(name: str, default: str, allowed: tuple[str, ...]) -> str:
        value = (parameter(name) or default).strip()
        if value not in allowed:
            raise fail(f"ttp:{name}={value!r} must be one of {', '.join(allowed)}")
        return value

    frame_rate = number("frameRate", _POSITIVE)
    multiplier = number("frameRateMultiplier", _MULTIPLIER)
    sub_frame_rate = number("subFrameRate", _POSITIVE)
    tick_rate = number("tickRate", _POSITIVE)
    nominal = int(frame_rate.group(1)) if frame_rate else 30  # ttp:frameRate: default 30
    effective = Fraction(nominal) * (
        Fraction(int(multiplier.group(1)), int(multiplier.group(2))) if multiplier else 1
    )
    sub_frames = int(sub_frame_rate.group(1)) if sub_frame_rate else 1
    if tick_rate:
        ticks = Fraction(int(tick_rate.group(1)))
    else:
        # ttp:tickRate, when absent: the effective frame rate times the sub-frame rate if a
        # frame rate is given, else one tick a second.
        ticks = effective * sub_frames if frame_rate else Fraction(1)
    time_base = choice("timeBase", "media", ("media", "smpte", "clock"))
    drop_mode = choice("dropMode", "nonDrop", ("nonDrop", "dropNTSC", "dropPAL"))
    if time_base == "smpte" and drop_mode == "dropPAL":
        raise fail("ttp:dropMode='dropPAL' is not supported")
    return Rates(effective, nominal, sub_frames, ticks, time_base, drop_mode)


def _fraction(digits: str | None) -> Fraction:
    return Fraction(f"0.{digits}") if digits else Fraction(0)


def parse_time(text: str, rates: Rates) -> tuple[Fraction, str | None] | None:
    """Seconds for a time expression, and the :data:`NONSTANDARD` kind it uses (None: TTML).

    Returns None when the text is no time expression, or has minutes or seconds over 59, or
    frames or sub-frames at or above their rate.
    """
    if len(text) > MAX_EXPRESSION:
        return None
    offset = _OFFSET.fullmatch(text)
    if offset:
        count = int(offset.group(1)) + _fraction(offset.group(2))
        unit = offset.group(3)
        if unit == "f":
            return count / rates.frame_rate, None
        if unit == "t":
            return count / rates.tick_rate, None
        return count * _UNIT_SECONDS[unit], None
    bare = _BARE_SECONDS.fullmatch(text)
    if bare:
        return int(bare.group(1)) + _fraction(bare.group(2)), "bare"
    short = _SHORT_CLOCK.fullmatch(text)
    if short:
        minutes, seconds = int(short.group(1)), int(short.group(2))
        if seconds > 59:
            return None
        return minutes * 60 + seconds + _fraction(short.group(4)), "minutes"
    clock = _CLOCK.fullmatch(text)
    if clock is None:
        return None
    hours, minutes, seconds = (int(clock.group(n)) for n in (1, 2, 3))
    if minutes > 59 or seconds > 59:
        return None
    kind = "hours" if len(clock.group(1)) < 2 else None
    whole = (hours * 60 + minutes) * 60 + seconds
    if clock.group(5) is not None:
        return whole + _fraction(clock.group(5)), "comma" if clock.group(4) == "," else kind
    if clock.group(6) is None:
        return Fraction(whole), kind
    frames = int(clock.group(6))
    sub_frames = int(clock.group(7) or 0)
    if frames >= rates.nominal_frame_rate or sub_frames >= rates.sub_frame_rate:
        return None
    fraction = Fraction(sub_frames, rates.sub_frame_rate)
    if rates.time_base != "smpte":
        return whole + (frames + fraction) / rates.frame_rate, kind
    # SMPTE labels count frames at the nominal rate; drop-frame labels skip frames 0 and 1
    # of every minute not divisible by ten (SMPTE ST 12-1).
    label = whole * rates.nominal_frame_rate + frames
    if rates.drop_mode == "dropNTSC":
        total_minutes = hours * 60 + minutes
        label -= 2 * (total_minutes - total_minutes // 10)
    return (label + fraction) / rates.frame_rate, kind


def format_time(
    units: int, time_format: Literal["clock", "offset", "frames"], frame_rate: int
) -> str:
    """A time expression for ``units``: milliseconds as clock ``HH:MM:SS.mmm`` or offset
    ``12.345s``, or media-time-base frames as ``HH:MM:SS:FF`` (``frame_rate`` frames a second,
    the ``ttp:frameRate``)."""
    if time_format == "frames":
        seconds, frame = divmod(units, frame_rate)
        minutes, second = divmod(seconds, 60)
        hour, minute = divmod(minutes, 60)
        return f"{hour:02d}:{minute:02d}:{second:02d}:{frame:02d}"
    if time_format == "offset":
        return f"{units // 1000}.{units % 1000:03d}s"
    return format_clock(units, separator=".")
