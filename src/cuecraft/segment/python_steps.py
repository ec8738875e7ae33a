"""Engine steps as Python runs them fastest, where no C compiler built the kernel.

The compiled kernel does these steps in typed loops (:mod:`cuecraft.segment.cue_kernel`);
run as Python, the engine's general code for them spends most of its time on work that is
not needed there (an object per cue, unit conversions that are identities). Each function
here gives exactly what that general code gives; compiled, nothing imports this module.
``tests/segment/test_columns_of_records.py`` and ``tests/segment/test_timing_ms.py``
compare them.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import MutableSequence, Sequence

from cuecraft.segment.notes import Notes, Pending
from cuecraft.segment.rules import Rules
from cuecraft.segment.timing import (
    _DELAYED,
    _TOO_FAST,
    _TOO_SHORT,
    _earliest_start,
    _longest_units,
)

__all__ = ["columns_of_records", "time_in_ms"]

Columns = tuple[MutableSequence[int], MutableSequence[int], bytes]
"""A layout as :func:`cuecraft.segment.engine.spans_of` gives it."""


def columns_of_records(
    record: Sequence[int], change: Sequence[bool], dual_speaker_dashes: bool, width: int
) -> tuple[Columns, list[int]]:
    """The columns of the best layout, as :func:`cuecraft.segment.engine.spans_of` gives
    them from :func:`~cuecraft.segment.engine.layouts_from_records`, and the first word of
    every cue (then the word count), without a :class:`~cuecraft.segment.layout.CueLayout`
    per cue (``width``: ints per record, ``RECORD``; compiled, the kernel has
    :func:`~cuecraft.segment.cue_kernel.columns_from_records`)."""
    cues: list[list[int]] = []  # each cue's row firsts, from the last cue back
    j = len(record) // width - 1
    stop = max(j, 0)
    while j > 0:
        at = j * width
        # The cue's first word, then the first words of its other rows (-1: no such row).
        rows = [k for k in record[at : at + width] if k >= 0]
        cues.append(rows)
        j = rows[0]
    cues.reverse()
    row_firsts = list(itertools.chain.from_iterable(cues))
    row_firsts.append(stop)
    cue_rows = [0, *itertools.accumulate(map(len, cues))]
    if dual_speaker_dashes:
        dashes = bytes(len(rows) > 1 and change[rows[1] - 1] for rows in cues)
    else:
        dashes = bytes(len(cues))
    cue_firsts = [rows[0] for rows in cues]
    cue_firsts.append(stop)
    return (row_firsts, cue_rows, dashes), cue_firsts


_EXACT = 2**52
"""Below this magnitude an int ``x`` is exact as a float with ``x + 0.5`` exact too, so that
``floor(x * 1.0 + 0.5) == x``: in milliseconds, the loop's unit conversions are identities."""


def time_in_ms(
    word_starts_ms: Sequence[int],
    word_ends_ms: Sequence[int],
    spans: Sequence[tuple[int, int]],
    chars: Sequence[int],
    row_counts: Sequence[int],
    rules: Rules,
    cps: float,
) -> tuple[list[int], list[int], Notes] | None:
    """The Python loop of :func:`time_span_notes` without a frame rate, where every unit is
    a millisecond: the same operations on the same values, without the conversions that
    are identities there (None when a time is too large for that, or not an int)."""
    starts = [word_starts_ms[first] for first, _ in spans]
    last_ends = [
        word_ends_ms[first] if stop - first == 1 else max(word_ends_ms[first:stop])
        for first, stop in spans
    ]
    for times in (starts, last_ends):
        if times and not (
            min(times) > -_EXACT
            and max(times) < _EXACT
            and all(type(time) is int for time in set(times))
        ):
            return None
    count = len(spans)
    gap = rules.gap_ms
    minimum = rules.min_duration_ms
    # The duration limit and the longest cue in ms of each row count that occurs; the
    # longest does not depend on the start when units are ms.
    limits = {rows: rules.longest_cue_ms(rows) for rows in set(row_counts)}
    longest_of = {rows: _longest_units(0, limit, 1.0, same_unit) for rows, limit in limits.items()}
    cue_starts: list[int] = []
    cue_ends: list[int] = []
    diagnostics: list[Pending] = []
    previous_end: int | None = None
    for index, (first, _) in enumerate(spans):
        start = starts[index]
        floor = 0 if previous_end is None else previous_end + gap
        if start < floor:
            delayed = start
            start = floor
            diagnostics.append((*_DELAYED, (index, first, start - delayed, minimum)))
        spoken_end = max(last_ends[index], start)
        shown = chars[index]
        wanted = max(minimum, shown * 1000.0 / cps)
        rows = row_counts[index]
        end = min(max(spoken_end, start + math.floor(wanted + 0.5)), start + longest_of[rows])
        if index + 1 < count:
            end = min(end, starts[index + 1] - gap)
        end = max(end, start + 1)
        if end - start < minimum and start > floor:
            limit_ms = limits[rows]
            earlier = _earliest_start(end, min(minimum, limit_ms), floor, 1.0, same_unit)
            while end - earlier > limit_ms:
                earlier += 1
            start = min(start, earlier)
        previous_end = end
        cue_starts.append(start)
        cue_ends.append(end)
        duration = end - start
        if duration < minimum:
            diagnostics.append((*_TOO_SHORT, (index, first, duration, minimum)))
        if shown * 1000 > cps * max(duration, 1):
            diagnostics.append((*_TOO_FAST, (index, first, shown, duration, cps)))
    return cue_starts, cue_ends, Notes(pending=diagnostics)


def same_unit(value: int) -> int:
    return value
