"""EBU-STL time codes: TCI/TCO as four bytes ``HH MM SS FF``, TCP/TCF as eight digits.

Frames are counted at the nominal rate of the disk format code (STL25.01: 25; STL30.01: 30;
tools also write 23, 24 and 50, and STL23.01 counts 24 frames a second). Valid time codes have
hours 0-23, minutes and seconds 0-59, frames below the rate (EBU Tech 3264 TTI TCI/TCO).
"""

from __future__ import annotations

import re
from typing import Final

__all__ = [
    "NOMINAL_RATES",
    "TIMECODE",
    "decode_timecode",
    "format_timecode",
    "parse_timecode",
    "timecode_bytes",
]

NOMINAL_RATES: Final = {b"23": 24, b"24": 24, b"25": 25, b"30": 30, b"50": 50}
"""The two digits of the disk format code ``STLxx.01`` -> frames per time code second.
Frame rates in the spec (25, 30) and in tools (23, 24, 50; ttconv reads them)."""

TIMECODE: Final = re.compile(r"^(\d{2})[:;.]?(\d{2})[:;.]?(\d{2})[:;.]?(\d{2})$")
"""A time code as text, ``HH:MM:SS:FF`` (``;`` or ``.`` between the parts, or nothing)."""


def _parts(frames: int, fps: int) -> tuple[int, int, int, int]:
    seconds, frame = divmod(frames, fps)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return hour, minute, second, frame


def timecode_bytes(frames: int, fps: int) -> bytes:
    """Frame ``frames`` (below 24 hours) as the four bytes ``HH MM SS FF`` of TCI/TCO."""
    return bytes(_parts(frames, fps))


def format_timecode(frames: int, fps: int) -> str:
    """Frame ``frames`` as ``HH:MM:SS:FF`` (for messages; hours may pass 23)."""
    return ":".join(f"{part:02d}" for part in _parts(frames, fps))


def _count(hours: int, minutes: int, seconds: int, frames: int, fps: int) -> int | None:
    if hours > 23 or minutes > 59 or seconds > 59 or frames >= fps:
        return None
    return (hours * 3600 + minutes * 60 + seconds) * fps + frames


def decode_timecode(raw: bytes, fps: int) -> int | None:
    """TCI/TCO bytes as frames since 00:00:00:00; None for an impossible time code."""
    hours, minutes, seconds, frames = raw
    return _count(hours, minutes, seconds, frames, fps)


def parse_timecode(text: str, fps: int) -> int | None:
    """A :data:`TIMECODE` text (TCP, a time origin) as frames; None when it is none at ``fps``."""
    match = TIMECODE.match(text.strip())
    if match is None:
        return None
    hours, minutes, seconds, frames = (int(part) for part in match.groups())
    return _count(hours, minutes, seconds, frames, fps)
