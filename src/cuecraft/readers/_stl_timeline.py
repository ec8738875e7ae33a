"""EBU-STL time codes: checking them, and placing every subtitle of a file on one timeline.

Used by :mod:`cuecraft.readers.stl`, whose docstring states the rules; this module holds the
subtitle record, time code validation (EBU Tech 3264 TTI TCI/TCO: hours 0-23, minutes and
seconds 0-59, frames below the DFC's rate) and the placement of *parts*: runs of subtitles in
file order whose time codes belong to one timeline. Broadcast files made of several parts
(reels or programme parts joined together, a second STL file appended with its own GSI
block, the time code restarting at the programme start or at zero) keep every subtitle: each
part keeps its own spacing and is placed after the previous one, in file order.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final, Literal

from cuecraft.errors import InputError
from cuecraft.formats.stl.timecode import decode_timecode, format_timecode
from cuecraft.timing import format_clock, frames_to_ms

__all__ = [
    "HOUR_LEAD_IN_MINUTES",
    "SPLICE_SECONDS",
    "Subtitle",
    "check_times",
    "place",
]

SPLICE_SECONDS: Final = 10
"""A time code going back by more than this starts a new part (unless it is a lone slip)."""

HOUR_LEAD_IN_MINUTES: Final = 10
"""A part before the programme start counts from the top of its first hour when that is
at most this long before its first subtitle (a reel at 01:00:00:00, a restart at zero)."""

Note = Callable[..., None]  # _Reader.note(code, message, block=..., severity=...)


@dataclass
class Subtitle:
    """One subtitle (a TTI block, or an extension chain) while the file is read."""

    block: int  # TTI block number (from 1) of its first block
    number: int
    group: int
    cumulative: int
    raw_in: bytes  # TCI and TCO as the four bytes HH MM SS FF
    raw_out: bytes
    comment: bool
    text: bytearray
    part_origin: int | None = None  # set after a second GSI block: that GSI's origin, frames
    last_extension: int = -1
    rows: list[str] = field(default_factory=list)
    time_in: int = 0  # frames since 00:00:00:00 (time code labels at the nominal rate)
    time_out: int = 0
    start: int = 0  # frames on the output timeline, once placed
    end: int = 0


def _shown(raw: bytes) -> str:
    return ":".join(f"{value:02d}" for value in raw)


def check_times(
    subtitles: list[Subtitle],
    fps: int,
    origin: int,
    *,
    strict: bool,
    source: str,
    offsets: dict[int, int],
    note: Note,
) -> None:
    """Decode TCI/TCO of each subtitle; an impossible one is an error, or (lenient) repaired.

    ``offsets`` maps a subtitle's block number to its byte offset in the file. The lenient
    repair times the subtitle from its neighbours in file order: an impossible TCI becomes
    the previous subtitle's TCO (the first subtitle's own TCO, or the origin), an impossible
    TCO the next valid TCI (or the TCI: a zero-length cue).
    """
    bad: list[tuple[bool, bool]] = []
    for subtitle in subtitles:
        flags = []
        for raw, which, position in ((subtitle.raw_in, "in", 5), (subtitle.raw_out, "out", 9)):
            value = decode_timecode(raw, fps)
            flags.append(value is None)
            if value is None and strict:
                raise InputError(
                    f"impossible time code {which} {_shown(raw)} at {fps} fps (hours 0-23, "
                    f"minutes and seconds 0-59, frames 0-{fps - 1}); pass strict=False "
                    "(--lenient) to time this subtitle from its neighbours",
                    source=source,
                    block=subtitle.block,
                    offset=offsets[subtitle.block] + position,
                )
            if which == "in":
                subtitle.time_in = value or 0
            else:
                subtitle.time_out = value or 0
        bad.append((flags[0], flags[1]))
    # The next valid time code in after each subtitle, found in one backward pass.
    next_in: list[int | None] = [None] * len(subtitles)
    upcoming: int | None = None
    for index in range(len(subtitles) - 1, -1, -1):
        next_in[index] = upcoming
        if not bad[index][0]:
            upcoming = subtitles[index].time_in
    for index, (subtitle, (bad_in, bad_out)) in enumerate(zip(subtitles, bad, strict=True)):
        if bad_in:
            if index:
                subtitle.time_in = subtitles[index - 1].time_out
                taken = "the previous subtitle's time code out"
            elif not bad_out:
                subtitle.time_in = min(subtitle.time_out, origin)
                taken = "the programme start" if origin <= subtitle.time_out else "its time out"
            else:
                subtitle.time_in = origin
                taken = "the programme start"
            note(
                "stl-timecode",
                f"impossible time code in {_shown(subtitle.raw_in)} at {fps} fps; "
                f"replaced by {taken} ({format_timecode(subtitle.time_in, fps)})",
                block=subtitle.block,
            )
        if bad_out:
            following = next_in[index]
            subtitle.time_out = max(subtitle.time_in, following or 0)
            note(
                "stl-timecode",
                f"impossible time code out {_shown(subtitle.raw_out)} at {fps} fps; the "
                f"subtitle ends at {format_timecode(subtitle.time_out, fps)}, "
                + ("where the next one starts" if following is not None else "where it starts"),
                block=subtitle.block,
            )


Reason = Literal["first-before", "back", "below", "reaches", "gsi"]


@dataclass
class _Part:
    origin: int
    members: list[Subtitle]
    reason: Reason | None  # why this part starts (None: the file's first part, at/after origin)
    previous: Subtitle | None = None


def _below(frames: int, origin: int) -> bool:
    return frames < origin


def _split(subtitles: list[Subtitle], origin: int, fps: int, note: Note) -> list[_Part]:
    """Cut the subtitles (file order) into parts; repair lone slips in place."""
    threshold = SPLICE_SECONDS * fps
    parts: list[_Part] = []
    part_origin = origin
    for index, subtitle in enumerate(subtitles):
        if subtitle.part_origin is not None:
            part_origin = subtitle.part_origin
            if parts:
                parts.append(_Part(part_origin, [subtitle], "gsi", subtitles[index - 1]))
                continue
        if not parts:
            first: Reason | None = "first-before" if _below(subtitle.time_in, part_origin) else None
            parts.append(_Part(part_origin, [subtitle], first))
            continue
        previous = subtitles[index - 1]
        crosses = _below(subtitle.time_in, part_origin) != _below(previous.time_in, part_origin)
        back = subtitle.time_in < previous.time_in - threshold
        if not (crosses or back):
            parts[-1].members.append(subtitle)
            continue
        following = subtitles[index + 1] if index + 1 < len(subtitles) else None
        if (
            following is not None
            and following.part_origin is None
            and following.time_in >= previous.time_in
            and _below(following.time_in, part_origin) == _below(previous.time_in, part_origin)
        ):
            # A lone slip: the next subtitle goes on from the previous one's timeline, so this
            # time code is a typo, not a new part. Keep the file order and the duration.
            # It goes between its neighbours: after the previous one, before the next one.
            duration = max(0, subtitle.time_out - subtitle.time_in)
            shown = format_timecode(subtitle.time_in, fps)
            subtitle.time_in = max(previous.time_in, min(previous.time_out, following.time_in))
            subtitle.time_out = max(
                subtitle.time_in, min(subtitle.time_in + duration, following.time_in)
            )
            note(
                "stl-timecode-slip",
                f"time code in {shown} is out of line with blocks {previous.block} and "
                f"{following.block} around it (a typo?); placed between them, at "
                f"{format_timecode(subtitle.time_in, fps)}",
                block=subtitle.block,
            )
            parts[-1].members.append(subtitle)
            continue
        if not crosses:
            reason: Reason = "back"
        elif _below(subtitle.time_in, part_origin):
            reason = "below"
        else:
            reason = "reaches"
        parts.append(_Part(part_origin, [subtitle], reason, previous))
    return parts


def place(
    subtitles: list[Subtitle], origin: int, fps: int, note: Note, *, origin_name: str
) -> list[Subtitle]:
    """Set ``start``/``end`` (output frames) of every subtitle; return them in output order.

    Each part keeps its own spacing. The first part counts from ``origin`` (its subtitles at
    ``time - origin``); every later part starts where the previous parts ended: a part whose
    time codes are at or after its origin (the TCP of the GSI block it follows) keeps its
    lead-in (``end of previous parts + time - origin``). A part before its origin has no
    programme start: it counts from the top of the hour of its first time code when that is
    less than :data:`HOUR_LEAD_IN_MINUTES` before it (reels and parts start on the hour:
    01:00:00:00, or 00:00:00:00 when the time code restarted), else from its first subtitle.
    Inside a part, subtitles out of time order are sorted.
    """
    if not subtitles:
        return []
    parts = _split(subtitles, origin, fps, note)
    placed: list[Subtitle] = []
    cursor = 0
    for part in parts:
        members = part.members
        if any(b.time_in < a.time_in for a, b in itertools.pairwise(members)):
            moved = next(b for a, b in itertools.pairwise(members) if b.time_in < a.time_in)
            note(
                "stl-order",
                "subtitles are not in time order; sorted by time code in",
                block=moved.block,
            )
            members.sort(key=lambda sub: sub.time_in)
        earliest = members[0].time_in
        base = part.origin if earliest >= part.origin else _start_of_part(earliest, fps)
        shift = cursor - base
        for member in members:
            member.start = member.time_in + shift
            member.end = member.time_out + shift
        if part.reason is not None:
            _explain(part, members[0], fps, note, origin_name=origin_name)
        cursor = max(cursor, max(member.end for member in members))
        placed.extend(members)
    return placed


def _start_of_part(earliest: int, fps: int) -> int:
    hour = earliest - earliest % (3600 * fps)
    return hour if earliest - hour < HOUR_LEAD_IN_MINUTES * 60 * fps else earliest


def _explain(part: _Part, first: Subtitle, fps: int, note: Note, *, origin_name: str) -> None:
    at = format_clock(frames_to_ms(first.start, fps), separator=".")
    code = format_timecode(first.time_in, fps)
    start = format_timecode(part.origin, fps)
    previous = part.previous
    count = len(part.members)
    # "this part (N subtitles) starts at 00:01:48.000, keeping its own spacing"
    placed = (
        f"this part ({count} subtitle{'s' if count != 1 else ''}) starts at {at}, keeping "
        "its own spacing"
    )
    if part.reason == "first-before":
        message = f"time code in {code} is before the {origin_name} {start}: {placed}"
    elif part.reason == "gsi":
        message = (
            f"another file's GSI block comes before this subtitle (files joined together), "
            f"with its {origin_name} {start}: {placed}, after the previous part"
        )
    else:
        assert previous is not None
        before = f"{format_timecode(previous.time_in, fps)} in block {previous.block}"
        if part.reason == "back":
            cause = f"goes back from {before}"
        elif part.reason == "below":
            cause = f"goes back from {before} to before the {origin_name} {start}"
        else:
            cause = f"reaches the {origin_name} {start} after {before}, which is before it"
        message = (
            f"time code in {code} {cause}: a new part (parts joined together, or the time "
            f"code restarted); {placed}, after the previous part"
        )
    note("stl-part", message, block=first.block)
