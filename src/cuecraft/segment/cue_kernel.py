# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The per-cue loop of cue timing (:func:`cuecraft.segment.timing.time_spans`), compiled.

:mod:`cuecraft.segment.timing` says what the loop does and why; this is the same loop on
typed columns, run when the module is compiled (issue #12: cue timing was a tenth of the
segmentation of a 100k-word transcript). Times are in units: milliseconds, or frames when
``fps`` is set (then ``to_ms`` rounds a frame's start to the millisecond, as
:func:`cuecraft.timing.frames_to_ms` does). Every operation is the one the Python loop does,
on the same doubles in the same order, so both give the same times to the millisecond
(``tests/segment/test_cue_kernel.py`` checks them against each other).

Run as Python, the loop in :mod:`cuecraft.segment.timing` is used instead: it is the same
algorithm, and this module's loop run as Python would only be slower.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import MutableSequence, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

__all__ = [
    "COMPILED",
    "DELAYED",
    "READING_SPEED",
    "TOO_SHORT",
    "columns_from_records",
    "time_cues",
]

COMPILED = bool(cython.compiled)
"""True when this module runs compiled (:mod:`cuecraft.segment.timing` then uses it)."""

DELAYED = 0
"""Event: the cue starts after its first word (value: by how many ms)."""
TOO_SHORT = 1
"""Event: the cue is shorter than the minimum duration (value: its duration in ms)."""
READING_SPEED = 2
"""Event: the cue is over the reading speed (value: its duration in ms)."""


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _floor(value: float) -> cython.Py_ssize_t:
    # math.floor in C: compiled, math.floor is a call into Python (a float and an int
    # object each time), several per cue. Exact for the finite times here: the cast
    # truncates toward zero, one less is the floor of a negative non-integer.
    whole: cython.Py_ssize_t = cython.cast(cython.Py_ssize_t, value)
    if whole > value:
        whole -= 1
    return whole


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _to_ms(value: cython.Py_ssize_t, fps: float) -> cython.Py_ssize_t:
    if fps == 0.0:
        return value
    return _floor(value * 1000.0 / fps + 0.5)


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _unit(ms: float, scale: float) -> cython.Py_ssize_t:
    return _floor(ms * scale + 0.5)


def time_cues(
    word_starts_ms: Sequence[int],
    word_ends_ms: Sequence[int],
    firsts: Sequence[int],
    stops: Sequence[int],
    chars: Sequence[int],
    longest_ms: Sequence[int],
    fps: float,
    gap: int,
    minimum: int,
    cps: float,
) -> tuple[MutableSequence[int], MutableSequence[int], list[tuple[int, int, int]]]:
    """The start and end ms of every cue ``[firsts[c], stops[c])`` and its events
    ``(kind, cue, value)`` in order (:data:`DELAYED`, :data:`TOO_SHORT`,
    :data:`READING_SPEED`). ``chars``: what each cue shows; ``longest_ms``: each cue's
    duration limit; ``fps``: 0.0 for times in ms; ``gap``: in units."""
    count: cython.Py_ssize_t = len(firsts)
    scale: float = 1.0 if fps == 0.0 else fps / 1000.0
    starts_out: MutableSequence[int] = array("q", [0]) * count
    ends_out: MutableSequence[int] = array("q", [0]) * count
    events: list[tuple[int, int, int]] = []
    word_starts = cython.declare(cython.longlong[::1], array("q", word_starts_ms))
    word_ends = cython.declare(cython.longlong[::1], array("q", word_ends_ms))
    first_words = cython.declare(cython.longlong[::1], array("q", firsts))
    stop_words = cython.declare(cython.longlong[::1], array("q", stops))
    shown_chars = cython.declare(cython.longlong[::1], array("q", chars))
    limits = cython.declare(cython.longlong[::1], array("q", longest_ms))
    cue_starts = cython.declare(cython.longlong[::1], starts_out)
    cue_ends = cython.declare(cython.longlong[::1], ends_out)
    gap_units: cython.Py_ssize_t = gap
    least: cython.Py_ssize_t = minimum
    index: cython.Py_ssize_t
    word: cython.Py_ssize_t
    start: cython.Py_ssize_t
    next_start: cython.Py_ssize_t
    floor: cython.Py_ssize_t
    previous_end: cython.Py_ssize_t = 0
    delayed: cython.Py_ssize_t
    last_end: cython.Py_ssize_t
    spoken_end: cython.Py_ssize_t
    shown: cython.Py_ssize_t
    wanted: float
    limit_ms: cython.Py_ssize_t
    units: cython.Py_ssize_t
    end: cython.Py_ssize_t
    earlier: cython.Py_ssize_t
    target: cython.Py_ssize_t
    start_ms: cython.Py_ssize_t
    end_ms: cython.Py_ssize_t
    duration: cython.Py_ssize_t
    next_start = _unit(word_starts[first_words[0]], scale) if count else 0
    for index in range(count):
        start = next_start
        if index + 1 < count:
            next_start = _unit(word_starts[first_words[index + 1]], scale)
        floor = 0 if index == 0 else previous_end + gap_units
        if start < floor:
            delayed = start
            start = floor
            events.append((DELAYED, index, _to_ms(start, fps) - _to_ms(delayed, fps)))
        last_end = word_ends[first_words[index]]
        for word in range(first_words[index] + 1, stop_words[index]):
            if word_ends[word] > last_end:
                last_end = word_ends[word]
        spoken_end = max(_unit(last_end, scale), start)
        shown = shown_chars[index]
        wanted = max(float(least), shown * 1000.0 / cps)
        limit_ms = limits[index]
        # The most units the cue may last, after both ends are rounded to ms (at least 1).
        units = max(1, _floor(limit_ms * scale + 1e-9))
        while units > 1 and _to_ms(start + units, fps) - _to_ms(start, fps) > limit_ms:
            units -= 1
        end = min(max(spoken_end, start + _unit(wanted, scale)), start + units)
        if index + 1 < count:
            end = min(end, next_start - gap_units)
        end = max(end, start + 1)
        if _to_ms(end, fps) - _to_ms(start, fps) < least and start > floor:
            # The latest start, not before floor, that lasts min(minimum, limit) ms.
            target = min(least, limit_ms)
            earlier = end - max(1, cython.cast(cython.Py_ssize_t, math.ceil(target * scale - 1e-9)))
            while earlier < end - 1 and _to_ms(end, fps) - _to_ms(earlier + 1, fps) >= target:
                earlier += 1
            while _to_ms(end, fps) - _to_ms(earlier, fps) < target and earlier > floor:
                earlier -= 1
            earlier = max(earlier, floor)
            while _to_ms(end, fps) - _to_ms(earlier, fps) > limit_ms:
                earlier += 1
            start = min(start, earlier)
        previous_end = end
        start_ms = _to_ms(start, fps)
        end_ms = _to_ms(end, fps)
        cue_starts[index] = start_ms
        cue_ends[index] = end_ms
        duration = end_ms - start_ms
        if duration < least:
            events.append((TOO_SHORT, index, duration))
        if shown * 1000 > cps * max(duration, 1):
            events.append((READING_SPEED, index, duration))
    return starts_out, ends_out, events


def columns_from_records(
    record: Sequence[int], change: Sequence[bool], dual_speaker_dashes: bool, width: int
) -> tuple[MutableSequence[int], MutableSequence[int], bytes]:
    """The best layout as the columns of a :class:`~cuecraft.columns.CueTable` (the first
    word of every row, then the word count; the first row of every cue, then the row count;
    each cue's dash flag), walked back from the kernel's records (``width`` ints per word
    position: the cue's start, then the starts of its other rows, -1 for none), as
    :func:`cuecraft.segment.engine.layouts_from_records` and
    :func:`~cuecraft.segment.engine.spans_of` give them."""
    records = cython.declare(cython.longlong[::1], array("q", record))
    changes = cython.declare(
        cython.longlong[::1], array("q", change) if len(change) else array("q", [0])
    )
    step: cython.Py_ssize_t = width
    n: cython.Py_ssize_t = len(record) // step - 1
    dual: cython.bint = dual_speaker_dashes
    # Walking back gives the rows last first: collect them reversed, then turn them around.
    row_starts_out: MutableSequence[int] = array("q", [0]) * n
    cue_sizes_out: MutableSequence[int] = array("q", [0]) * n
    flags_out = bytearray(n)
    row_starts = cython.declare(cython.longlong[::1], row_starts_out)
    cue_sizes = cython.declare(cython.longlong[::1], cue_sizes_out)
    rows: cython.Py_ssize_t = 0
    cues: cython.Py_ssize_t = 0
    j: cython.Py_ssize_t = n
    at: cython.Py_ssize_t
    k: cython.Py_ssize_t
    start: cython.Py_ssize_t
    second: cython.Py_ssize_t
    count: cython.Py_ssize_t
    while j > 0:
        at = j * step
        count = 1
        second = -1
        for k in range(step - 1, 0, -1):  # the later rows, last first
            start = records[at + k]
            if start >= 0:
                row_starts[rows] = start
                rows += 1
                count += 1
                second = start
        row_starts[rows] = records[at]
        rows += 1
        cue_sizes[cues] = count
        # A two-speaker dash cue: dashes allowed and its second row starts a speaker's turn.
        flags_out[cues] = 1 if dual and second >= 0 and changes[second - 1] else 0
        cues += 1
        j = records[at]
    row_firsts: MutableSequence[int] = array("q", [0]) * (rows + 1)
    cue_rows: MutableSequence[int] = array("q", [0]) * (cues + 1)
    firsts = cython.declare(cython.longlong[::1], row_firsts)
    starts = cython.declare(cython.longlong[::1], cue_rows)
    for k in range(rows):
        firsts[k] = row_starts[rows - 1 - k]
    firsts[rows] = n
    for k in range(cues):
        starts[k + 1] = starts[k] + cue_sizes[cues - 1 - k]
    flags_out = flags_out[:cues]
    flags_out.reverse()
    return row_firsts, cue_rows, bytes(flags_out)
