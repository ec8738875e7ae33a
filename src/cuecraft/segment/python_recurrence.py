"""The recurrence of :mod:`cuecraft.segment.kernel` as it runs fastest as Python.

Compiled, :meth:`Recurrence.run <cuecraft.segment.kernel.Recurrence.run>` visits every cue
``[i, j)`` the limits allow, and drops most of them after a comparison or two. Run as Python,
what costs is each pass through its loop of a dozen statements, so :func:`run` gets the same
records with fewer statements per ``j``:

- what the loop tracks per ``j`` but depends on ``i`` alone (how far the fast one-row path
  reaches, where the time limit breaks the loop, the latest end of the cue's words) is found
  once per ``i``, by scans that resume where the previous ``i`` left them;
- the one-row cues get a loop of their own that holds only the test that drops them;
- before a speaker change, a cue of more rows whose cost fails even the lowest bound the loop
  could test it against is dropped before the loop's state is read;
- ``_last_end`` and ``_two_rows`` are inline, and ``_two_rows`` skips a test that its loop
  makes redundant when no shape or orphan cost is below zero.

Every cost is computed by the same float operations in the same order as in the loop, and
ties go to the earliest candidate as there; the comments in :func:`_sweep` say why nothing
left out can change a record. ``tests/segment/test_python_recurrence.py`` compares the
records with the loop's and the compiled kernel's. (Whole-slice operations, such as
``itertools.compress`` over ``map``, were slower here: a cue's candidates number about ten.)

Only run as Python: the compiled kernel runs its own loop.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction
from itertools import accumulate
from operator import le
from typing import TYPE_CHECKING

from cuecraft.segment.tables import MAX_ROWS

if TYPE_CHECKING:
    from cuecraft.segment.kernel import Recurrence
    from cuecraft.segment.rowsplit import RowSplitter

__all__ = ["run"]

_INF = float("inf")
_RECORD = MAX_ROWS  # kernel.RECORD: the width of a position's record
_NO_ROWS = (-1, -1, -1)  # the second, third and fourth row starts of a one-row cue

CostOf = Callable[..., float]


def run(
    recurrence: Recurrence,
    splitter: RowSplitter,
    duration_cost: CostOf,
    reading_speed_cost: CostOf,
) -> bool:
    """Fill ``recurrence.best`` and ``recurrence.record`` as ``recurrence.run(splitter)``
    does, to the bit, and return True; or return False, having changed nothing, when the
    tables are outside what the proofs below assume (then the loop itself must run).

    ``duration_cost`` and ``reading_speed_cost``: the kernel's functions of those names.
    """
    if not _applies(recurrence):
        return False
    _sweep(recurrence, splitter, duration_cost, reading_speed_cost)
    return True


def _applies(recurrence: Recurrence) -> bool:
    """True when what :func:`_sweep` leaves out is provably without effect for these
    tables: always, for the tables :func:`~cuecraft.segment.tables.build_tables` makes of a
    transcript and valid rules (and of their change and next_change, which agree)."""
    return (
        # The bound that drops cues of more rows: costs plus (rows - 1) * negative_delta.
        recurrence.negative_delta <= 0
        # A cue's time limits compare max_end - start, and max_end >= start: with limits not
        # below zero, "max_end - start > limit" is "a word [i, j) ends after start + limit".
        and recurrence.longest_ms[1] >= 0
        and recurrence.longest_ms[recurrence.max_rows] >= 0
        and math.isfinite(recurrence.row_ms)  # a Fraction in _sweep
        # Words start in order (Transcript checks it), so the scans for late words resume.
        and all(map(le, recurrence.starts, recurrence.starts[1:]))
    )


def _sweep(
    recurrence: Recurrence,
    splitter: RowSplitter,
    duration_cost: CostOf,
    reading_speed_cost: CostOf,
) -> None:
    """The loop of ``Recurrence.run`` with fewer statements per ``j``; see there for what they
    do. The comments here say why a statement left out cannot change anything."""
    r = recurrence
    n = r.n
    best = r.best
    record = r.record
    starts = r.starts
    ends = r.ends
    prefix = r.prefix
    keep_prefix = r.keep_prefix
    end_keep = r.end_keep
    change = r.change
    next_change = r.next_change
    top_end = r.top_end
    top_row_end = r.top_row_end
    cap = r.cap
    alone = r.alone
    longest_ms = r.longest_ms
    delta = r.delta
    shape = r.shape
    orphan = r.orphan
    sep = r.sep
    cue_chars = r.cue_chars
    max_rows = r.max_rows
    row_ms = r.row_ms
    gap_ms = r.gap_ms
    min_duration_ms = r.min_duration_ms
    chars_per_second = r.chars_per_second
    negative_delta = r.negative_delta
    too_short = r.too_short
    reading_speed = r.reading_speed
    one_row_ms = longest_ms[1]
    longest_any = longest_ms[max_rows]
    row_width = r.row_chars + 1
    hops = range(1, max_rows)
    # A cue of 1 to R rows goes on past the loop's drop test only if its
    # cost + (rows - 1) * negative_delta < best[j]; with negative_delta <= 0 and rounding
    # monotonic, then cost + lowest_bonus < best[j] too. R: the rows a cue can get, at most
    # max_rows (j <= last, or the loop breaks) or 2 (the speaker rule).
    lowest_bonus = (max(max_rows, 2) - 1) * negative_delta
    # "rows > max_rows" breaks only where ceil(spoken / row_ms) > max_rows, so (rounding is
    # monotonic) only where spoken > max_rows * row_ms; before stop, spoken <= longest_any.
    plain = not (row_ms > 0 and longest_any > Fraction(row_ms) * max_rows)
    # No two-row layout then costs less than its row break (delta): see _two_rows below.
    shapes_add = orphan >= 0 and min(shape) >= 0
    # Shifted by one, so that the loops index them by j or k: end_keep_at[j], delta_at[k].
    end_keep_at = [_INF, *end_keep]
    delta_at = [_INF, *delta]
    # latest_end[j]: the latest end of words [0, j). Where no word before i ends after word
    # i starts, max_end (the latest end of start and words [i, j)) is max(start, this).
    latest_end = list(accumulate(ends, max, initial=-_INF))
    # Word n "ends" after any time: the scans for a word ending late stop there.
    padded_ends = [*ends, _INF]
    late_one = late_any = 0  # the scans' positions (see below)
    for i in range(n):
        base = best[i] - keep_prefix[i]
        start = starts[i]
        one_row = top_row_end[i]
        # Recurrence._last_end, inline.
        last = one_row
        for _row in hops:
            if last < n:
                last = top_end[last]
        if cap[i] < last:
            last = cap[i]
        if cue_chars:
            cue_base = prefix[i] + sep
            while prefix[last] - cue_base > cue_chars and last > i + 1:
                last -= 1
        fast_end = next_change[i] + 1
        if one_row < fast_end:
            fast_end = one_row
        if last < fast_end:
            fast_end = last
        # The first words from i on that end after start + one_row_ms and after
        # start + longest_any: max_end passes the limit at the j after them. Starts do not
        # decrease (_applies), so neither do these: each scan resumes where it stopped.
        if late_one < i:
            late_one = i
        limit = start + one_row_ms
        while padded_ends[late_one] <= limit:
            late_one += 1
        if late_any < i:
            late_any = i
        limit = start + longest_any
        while padded_ends[late_any] <= limit:
            late_any += 1
        # The loop breaks at the first j >= i + 2 where max_end - start > longest_any.
        stop = late_any + 1 if late_any > i else i + 2
        # [i + 1, one_stop): the fast path (j <= fast_end, max_end - start <= one_row_ms),
        # which never breaks (j < stop) and leaves fit_rows, change_at and k_lo alone.
        one_stop = late_one + 1
        if fast_end < one_stop:
            one_stop = fast_end + 1
        if stop < one_stop:
            one_stop = stop
        if last < stop:
            stop = last + 1
        top_base = prefix[i] + sep - alone[i]
        in_order = latest_end[i] <= start
        for j in range(i + 1, one_stop):
            cost = base + end_keep_at[j]
            # The loop's test is "cost >= best[j]: continue"; a NaN cost goes on there but
            # never passes "cost < best[j]" at the end, so both drop it.
            if cost < best[j]:
                top = latest_end[j] if in_order else max(ends[i:j])
                spoken = top - start if top > start else 0
                room = one_row_ms
                if j < n and starts[j] - gap_ms - start < room:
                    room = starts[j] - gap_ms - start
                available = spoken if room < spoken else room
                if available < min_duration_ms:
                    cost += duration_cost(available, min_duration_ms, too_short)
                chars = prefix[j] - top_base
                if chars * 1000 > chars_per_second * available:
                    cost += reading_speed_cost(chars, available, chars_per_second, reading_speed)
                if cost < best[j]:
                    best[j] = cost
                    at = j * _RECORD
                    record[at] = i
                    record[at + 1 : at + _RECORD] = _NO_ROWS
        if one_stop >= stop:
            continue
        # [one_stop, stop): the other path, every j (max_end only grows and fast_end is
        # passed, so no j here takes the fast path). The state as the loop has it here:
        # fit_rows, fit_end and k_lo only ever catch up with j, to values that depend on j
        # alone; change_at is -1 (no change before next_change[i]).
        label = alone[i]
        fit_rows = 1
        fit_end = one_row
        change_at = -1
        k_lo = i + 1
        # Below plain_stop, no j sees a speaker change (change_at stays -1) or breaks the
        # loop (plain): a j whose cost fails even lowest_bonus would "continue" in the loop
        # and change nothing there, so it is dropped before the state is brought up to it.
        plain_stop = next_change[i] + 2 if plain else one_stop
        for j in range(one_stop, stop):
            cost = base + end_keep_at[j]
            if j < plain_stop and cost + lowest_bonus >= best[j]:
                continue
            top = latest_end[j] if in_order else max(ends[i:j])
            spoken = top - start if top > start else 0
            w = j - 1
            if w > i and change[w - 1]:
                change_at = w
            while j > fit_end:
                fit_rows += 1
                fit_end = top_end[fit_end]
            rows = fit_rows
            if row_ms > 0 and spoken > rows * row_ms and w > i:
                rows = math.ceil(spoken / row_ms)
                if rows > max_rows:
                    break
                if rows > j - i:
                    continue
            if change_at >= 0:
                if rows > 2:
                    break
                rows = 2
            if rows == 1:
                if cost >= best[j]:
                    continue
            elif cost + (rows - 1) * negative_delta >= best[j]:
                continue
            room = longest_ms[rows]
            if j < n and starts[j] - gap_ms - start < room:
                room = starts[j] - gap_ms - start
            available = spoken if room < spoken else room
            if available < min_duration_ms:
                cost += duration_cost(available, min_duration_ms, too_short)
            chars = prefix[j] - top_base
            if chars * 1000 > chars_per_second * available:
                cost += reading_speed_cost(chars, available, chars_per_second, reading_speed)
            second = third = fourth = -1
            if rows == 1:
                pass
            elif change_at >= 0:
                cost += r._two_speakers(i, j, change_at)
                second = change_at
            elif rows == 2:
                # Recurrence._two_rows, inline.
                while top_end[k_lo] < j:
                    k_lo += 1
                k_hi = one_row if one_row < w else w
                if k_lo > k_hi:
                    continue  # no layout: the extra cost is infinite, cost < best[j] fails
                # _two_rows gives up when cost + min(delta[k_lo - 1 : k_hi]) >= best[j]; with
                # shape and orphan costs not negative, no layout then passes "cost < best[j]"
                # below either (each is at least that sum), so the test is left out.
                if not shapes_add and cost + min(delta[k_lo - 1 : k_hi]) >= best[j]:
                    continue
                row = (prefix[j] - top_base) * row_width - top_base
                extra = _INF
                for k in range(k_lo, k_hi + 1):
                    kept = delta_at[k] + shape[row + prefix[k]]
                    if kept < extra:
                        extra = kept
                        second = k
                if second == i + 1 or second == w:
                    extra = _INF
                    for k in range(k_lo, k_hi + 1):
                        kept = delta_at[k] + shape[row + prefix[k]]
                        kept += orphan * ((k == i + 1) + (k == w))
                        if kept < extra:
                            extra = kept
                            second = k
                cost += extra
            else:
                extra, second, third, fourth = splitter.best(i, j, rows, label, cost, best[j])
                cost += extra
            if cost < best[j]:
                best[j] = cost
                at = j * _RECORD
                record[at] = i
                record[at + 1] = second
                record[at + 2] = third
                record[at + 3] = fourth
