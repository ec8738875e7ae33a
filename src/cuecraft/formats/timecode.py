"""Frame rates and SMPTE time codes, shared by every format that counts frames.

The frame rates cuecraft writes (23.976, 24, 25, 29.97, 30) with their exact values (23.976 is
24000/1001), milliseconds to frames at the exact rate, and SMPTE time code labels, non-drop or
drop-frame. Used by the segmentation rules (``Rules.frame_rate``), the TTML codec
(:mod:`cuecraft.formats.ttml`) and the editing-tool writers (Avid, Premiere, FCPXML, MAXQDA).

Drop-frame (29.97 only; SMPTE ST 12-1): the labels skip frame numbers 00 and 01 at the start of
every minute except minutes 00, 10, 20, ..., so the label keeps pace with the clock; the frame
count itself is unchanged. It is written with ``;`` before the frames (``00:01:00;02``).
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Final

__all__ = [
    "EXACT_RATES",
    "FRAME_RATES",
    "OFFSET",
    "frames",
    "known_frame_rate",
    "label",
    "nominal",
    "offset_count",
]

# Frame rate -> exact frames per second.
EXACT_RATES: Final[dict[float, Fraction]] = {
    23.976: Fraction(24000, 1001),
    24.0: Fraction(24),
    25.0: Fraction(25),
    29.97: Fraction(30000, 1001),
    30.0: Fraction(30),
}

FRAME_RATES: Final = tuple(EXACT_RATES)
"""The frame rates options and rules accept: 23.976, 24, 25, 29.97, 30."""

OFFSET: Final = re.compile(r"^(\d{2}):(\d{2}):(\d{2})(?:([:;])(\d{2})|\.(\d{3}))$")
"""A start offset: a time code ``HH:MM:SS:FF`` (``;`` before drop-frame frames) or a time
``HH:MM:SS.mmm``. Groups: hours, minutes, seconds, frame separator, frames, milliseconds."""


def known_frame_rate(value: float) -> float:
    """``value`` as one of :data:`FRAME_RATES` (within 1e-6), for option validators.

    Raises:
        ValueError: naming the frame rates (pydantic turns it into a field error).
    """
    for rate in FRAME_RATES:
        if abs(value - rate) < 1e-6:
            return rate
    raise ValueError(f"must be one of {', '.join(f'{rate:g}' for rate in FRAME_RATES)}")


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


def label(count: int, rate: float, *, drop_frame: bool = False) -> str:
    """Time code label of frame ``count``: ``HH:MM:SS:FF``, or ``HH:MM:SS;FF`` drop-frame."""
    base = nominal(rate)
    shown = count + _dropped_before(count) if drop_frame else count
    seconds, frame = divmod(shown, base)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    separator = ";" if drop_frame else ":"
    return f"{hour:02d}:{minute:02d}:{second:02d}{separator}{frame:02d}"


def offset_count(offset: str, rate: float, *, drop_frame: bool = False) -> int:
    """A start offset matching :data:`OFFSET` as a frame count at ``rate``.

    Raises:
        ValueError: when ``offset`` does not match :data:`OFFSET`.
    """
    match = OFFSET.match(offset)
    if match is None:
        raise ValueError(f"expected a time code HH:MM:SS:FF or a time HH:MM:SS.mmm: {offset!r}")
    hours, minutes, seconds = (int(match.group(i)) for i in (1, 2, 3))
    if match.group(6) is not None:
        ms = ((hours * 60 + minutes) * 60 + seconds) * 1000 + int(match.group(6))
        return frames(ms, rate)
    base = nominal(rate)
    count = ((hours * 60 + minutes) * 60 + seconds) * base + int(match.group(5))
    if drop_frame:
        total_minutes = hours * 60 + minutes
        count -= 2 * (total_minutes - total_minutes // 10)
    return count
