"""Time helpers: seconds <-> integer milliseconds, clock strings and frame timecodes. Pure."""

from __future__ import annotations

import math
from collections.abc import Sequence

__all__ = [
    "fit_spans",
    "format_clock",
    "format_clocks",
    "frames_to_ms",
    "ms_to_frames",
    "parse_timecode",
    "seconds_to_ms",
]


def seconds_to_ms(seconds: float) -> int:
    """Round seconds to the nearest millisecond (half away from zero), the only rounding step.

    Raises:
        ValueError: for NaN or infinite input, or one too large to count in milliseconds.
    """
    if not math.isfinite(seconds):
        raise ValueError(f"time must be a finite number of seconds, got {seconds!r}")
    scaled = seconds * 1000.0
    if not math.isfinite(scaled):  # 1e308 s is finite, its milliseconds are not
        raise ValueError(f"time {seconds!r} s is too large")
    return math.floor(scaled + 0.5) if scaled >= 0 else -math.floor(-scaled + 0.5)


def format_clock(ms: int, *, separator: str = ",", hours_digits: int = 2) -> str:
    """Format milliseconds as ``HH:MM:SS,mmm`` (SRT) or, with ``separator='.'``, WebVTT.

    >>> format_clock(3_723_004)
    '01:02:03,004'
    """
    if ms < 0:
        raise ValueError(f"time must not be negative, got {ms} ms")
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:0{hours_digits}d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


# Two- and three-digit fields, looked up instead of formatted: a file's clocks in a tenth
# of the time (issue #12).
_TWO = tuple(f"{n:02d}" for n in range(100))
_THREE = tuple(f"{n:03d}" for n in range(1000))
_HUNDRED_HOURS = 100 * 3_600_000


def format_clocks(values: Sequence[int], *, separator: str = ",") -> list[str]:
    """:func:`format_clock` of every value (two-digit hours), in one pass.

    >>> format_clocks([0, 3_723_004], separator=".")
    ['00:00:00.000', '01:02:03.004']
    """
    if values and (min(values) < 0 or max(values) >= _HUNDRED_HOURS):
        return [format_clock(ms, separator=separator) for ms in values]
    two, three = _TWO, _THREE
    return [
        f"{two[ms // 3_600_000]}:{two[ms // 60_000 % 60]}:{two[ms // 1000 % 60]}"
        f"{separator}{three[ms % 1000]}"
        for ms in values
    ]


def _check_rate(fps: float) -> None:
    if not (math.isfinite(fps) and fps > 0):
        raise ValueError(f"frame rate must be a positive number, got {fps!r}")


def ms_to_frames(ms: int, fps: float) -> int:
    """Nearest frame number for a time in ms at ``fps`` frames per second (half rounds up).

    Raises:
        ValueError: for a frame rate that is not a positive number.
        OverflowError: for a time too large for a float (beyond 10**308 ms).
    """
    _check_rate(fps)
    return math.floor(ms * fps / 1000.0 + 0.5)


def frames_to_ms(frames: int, fps: float) -> int:
    """Time in ms of the start of a frame, rounded to the nearest millisecond.

    Raises:
        ValueError: for a frame rate that is not a positive number.
        OverflowError: for a frame number too large for a float.
    """
    _check_rate(fps)
    return math.floor(frames * 1000.0 / fps + 0.5)


def parse_timecode(timecode: str, fps: float) -> int:
    """Parse a broadcast timecode ``HH:MM:SS:FF`` into milliseconds at ``fps``.

    Raises:
        ValueError: when the text is not a valid timecode for that frame rate.
    """
    parts = timecode.strip().replace(";", ":").split(":")
    if len(parts) != 4 or not all(part.isdigit() for part in parts):
        raise ValueError(f"expected a timecode HH:MM:SS:FF, got {timecode!r}")
    hours, minutes, seconds, frames = (int(part) for part in parts)
    if minutes > 59 or seconds > 59 or frames >= math.ceil(fps):
        raise ValueError(f"timecode {timecode!r} is out of range at {fps:g} fps")
    return (hours * 3600 + minutes * 60 + seconds) * 1000 + frames_to_ms(frames, fps)


def fit_spans(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Rounded spans made safe to write, in whole units (milliseconds or frames).

    Each span lasts at least one unit, starts no earlier than the previous one ends, and ends
    where the next one starts if it would otherwise run into it.

    >>> fit_spans([(0, 0), (0, 3), (2, 5)])
    [(0, 1), (1, 2), (2, 5)]
    """
    fitted: list[tuple[int, int]] = []
    previous_end = 0
    for k, (raw_start, raw_end) in enumerate(spans):
        start = max(raw_start, previous_end)
        end = max(raw_end, start + 1)
        if k + 1 < len(spans) and start < spans[k + 1][0] < end:
            end = spans[k + 1][0]
        fitted.append((start, end))
        previous_end = end
    return fitted
