# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# cython: cdivision=True
"""The optimal segmenter's recurrence: the cheapest cue ending after each word, by DP.

``best[j]`` is the lowest total cost of laying out words ``[0, j)``. For every cue ``[i, j)``
the hard limits allow, :func:`solve` adds the cue's own cost (ending it, the duration and
reading-speed costs) and the cost of its best row layout (keep, row-break, shape and orphan
costs) to ``best[i]``; see :mod:`cuecraft.segment.engine` for the model. Every array it reads
comes from :mod:`cuecraft.segment.tables`; what it returns is one record per word position,
which :func:`cuecraft.segment.engine.layouts_from_records` walks back into cues.

Row layouts: the fewest rows the text fits in, more only when the per-row screen time needs
them (up to ``max_rows``). Two rows are searched with a table of shape costs; a cue holding two
speakers gets one row each; three rows or more go to :mod:`cuecraft.segment.rowsplit`. A cue
holds a bounded number of words, so the whole is linear in the number of words. Ties go to
the earliest candidate (cue start, then row starts in order): the result is deterministic.

Written in Cython's pure Python mode (:mod:`cuecraft._cython`): compiled when the
extension was built, else run as is; both give the same layouts to the bit, because every
cost is computed by the same operations in the same order in both. Run as Python, :func:`solve`
leaves the loop to :mod:`cuecraft.segment.python_recurrence`, which gets the same records with
fewer Python statements per candidate.
"""

from __future__ import annotations

from collections.abc import MutableSequence
from typing import TYPE_CHECKING

from cuecraft.segment.rowsplit import RowSplitter
from cuecraft.segment.tables import MAX_ROWS, Limits, Tables, float_array, int_array

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

if not cython.compiled:  # only run as Python (see solve)
    from cuecraft.segment import python_recurrence

__all__ = [
    "RECORD",
    "Recurrence",
    "duration_cost",
    "kernel_compiled",
    "reading_speed_cost",
    "solve",
]

RECORD = MAX_ROWS
"""Width of a position's record: the start of its last cue, then the starts of that cue's
second, third and fourth rows (-1 where the cue has fewer rows)."""

_INF = float("inf")


def kernel_compiled() -> bool:
    """True when this module runs compiled."""
    return bool(cython.compiled)


@cython.cfunc
@cython.inline
@cython.exceptval(check=False)
def _ceil(value: float) -> cython.Py_ssize_t:
    # math.ceil in C: compiled, math.ceil is a call into Python (a float and an int object
    # each time) for every candidate cue longer than its rows' screen time. Exact for any
    # finite value in range: the cast truncates toward zero, one more is the ceiling of a
    # positive non-integer.
    whole: cython.Py_ssize_t = cython.cast(cython.Py_ssize_t, value)
    if whole < value:
        whole += 1
    return whole


@cython.ccall
@cython.exceptval(check=False)
def duration_cost(
    available_ms: cython.Py_ssize_t, minimum_ms: cython.Py_ssize_t, too_short: float
) -> float:
    """:func:`cuecraft.segment.scoring.duration_cost`, as the kernel evaluates it."""
    if available_ms >= minimum_ms or minimum_ms <= 0:
        return 0.0
    return too_short * (minimum_ms - available_ms) / minimum_ms


@cython.ccall
@cython.exceptval(check=False)
def reading_speed_cost(
    chars: cython.Py_ssize_t, available_ms: cython.Py_ssize_t, limit: float, weight: float
) -> float:
    """:func:`cuecraft.segment.scoring.reading_speed_cost`, as the kernel evaluates it."""
    needed_ms: float = chars * 1000.0 / limit
    if available_ms >= needed_ms:
        return 0.0
    if available_ms <= 0:
        return weight * 4.0
    excess: float = needed_ms / available_ms - 1.0
    return weight * (excess if excess < 4.0 else 4.0)


def solve(tables: Tables, limits: Limits) -> MutableSequence[int]:
    """The cheapest layout of the whole text, as one record per word position.

    The record of position ``j`` (``RECORD`` ints from ``j * RECORD``) describes the last cue
    of the best layout of words ``[0, j)``: the word it starts at, then the words its second,
    third and fourth rows start at (-1 where it has fewer rows). Position ``n`` ends the text;
    its cue's start leads to the record before, and so on back to 0.
    """
    record = int_array((tables.n + 1) * RECORD, -1)
    recurrence: Recurrence = Recurrence(tables, limits, record)
    splitter: RowSplitter = RowSplitter(tables, limits)
    # Run as Python, the same records come faster another way (python_recurrence).
    if not cython.compiled and python_recurrence.run(
        recurrence, splitter, duration_cost, reading_speed_cost
    ):
        return record
    recurrence.run(splitter)
    return record


@cython.final
@cython.cclass
class Recurrence:
    """The dynamic programme over word positions for one text (see :func:`solve`).

    Its fields are the tables and limits it reads, typed so that compiled code reads them
    without Python objects.
    """

    n = cython.declare(cython.Py_ssize_t)
    sep = cython.declare(cython.Py_ssize_t)
    row_chars = cython.declare(cython.Py_ssize_t)
    max_rows = cython.declare(cython.Py_ssize_t)
    cue_chars = cython.declare(cython.Py_ssize_t)
    gap_ms = cython.declare(cython.Py_ssize_t)
    min_duration_ms = cython.declare(cython.Py_ssize_t)
    dash = cython.declare(cython.Py_ssize_t)
    row_ms = cython.declare(cython.double)
    chars_per_second = cython.declare(cython.double)
    negative_delta = cython.declare(cython.double)
    dual_speaker = cython.declare(cython.double)
    orphan = cython.declare(cython.double)
    too_short = cython.declare(cython.double)
    reading_speed = cython.declare(cython.double)
    longest_ms = cython.declare(cython.longlong[::1])
    starts = cython.declare(cython.longlong[::1])
    ends = cython.declare(cython.longlong[::1])
    prefix = cython.declare(cython.longlong[::1])
    keep_prefix = cython.declare(cython.double[::1])
    delta = cython.declare(cython.double[::1])
    end_keep = cython.declare(cython.double[::1])
    change = cython.declare(cython.longlong[::1])
    next_change = cython.declare(cython.longlong[::1])
    top_end = cython.declare(cython.longlong[::1])
    top_row_end = cython.declare(cython.longlong[::1])
    cap = cython.declare(cython.longlong[::1])
    alone = cython.declare(cython.longlong[::1])
    shared = cython.declare(cython.longlong[::1])
    shape = cython.declare(cython.double[::1])
    # best[j]: the lowest cost of words [0, j); record[j * RECORD:]: how it ends (RECORD).
    best = cython.declare(cython.double[::1])
    record = cython.declare(cython.longlong[::1])
    # The start of the second row of the last two-row layout (_two_rows).
    second = cython.declare(cython.Py_ssize_t)

    def __init__(self, tables: Tables, limits: Limits, record: MutableSequence[int]) -> None:
        self.n = tables.n
        self.sep = limits.sep
        self.row_chars = limits.row_chars
        self.max_rows = min(limits.max_rows, MAX_ROWS)
        self.cue_chars = limits.cue_chars
        self.gap_ms = limits.gap_ms
        self.min_duration_ms = limits.min_duration_ms
        self.dash = limits.dash
        self.row_ms = limits.row_ms
        self.chars_per_second = limits.chars_per_second
        self.negative_delta = tables.negative_delta
        self.dual_speaker = limits.dual_speaker
        self.orphan = limits.orphan
        self.too_short = limits.too_short
        self.reading_speed = limits.reading_speed
        self.longest_ms = int_array(len(limits.longest_ms))
        for rows, longest in enumerate(limits.longest_ms):
            self.longest_ms[rows] = longest
        self.starts = tables.starts
        self.ends = tables.ends
        self.prefix = tables.prefix
        self.keep_prefix = tables.keep_prefix
        self.delta = tables.delta
        self.end_keep = tables.end_keep
        self.change = tables.change
        self.next_change = tables.next_change
        self.top_end = tables.top_end
        self.top_row_end = tables.top_row_end
        self.cap = tables.cap
        self.alone = tables.alone
        self.shared = tables.shared
        self.shape = tables.shape
        self.best = float_array(self.n + 1, _INF)
        self.best[0] = 0.0
        self.record = record
        self.second = -1

    @cython.cfunc
    def run(self, splitter: RowSplitter) -> cython.void:
        """Offer every cue the limits allow to the position it ends at, word by word.

        One call for the whole text (not one per word): run as Python, each call and each
        field read costs, and the fields are read here once.
        """
        n: cython.Py_ssize_t = self.n
        best = self.best
        record = self.record
        starts = self.starts
        ends = self.ends
        prefix = self.prefix
        keep_prefix = self.keep_prefix
        end_keep = self.end_keep
        change = self.change
        next_change = self.next_change
        top_end = self.top_end
        top_row_end = self.top_row_end
        alone = self.alone
        longest_ms = self.longest_ms
        sep: cython.Py_ssize_t = self.sep
        max_rows: cython.Py_ssize_t = self.max_rows
        row_ms: float = self.row_ms
        gap_ms: cython.Py_ssize_t = self.gap_ms
        min_duration_ms: cython.Py_ssize_t = self.min_duration_ms
        chars_per_second: float = self.chars_per_second
        negative_delta: float = self.negative_delta
        too_short: float = self.too_short
        reading_speed: float = self.reading_speed
        one_row_ms: cython.Py_ssize_t = longest_ms[1]
        longest_any: cython.Py_ssize_t = longest_ms[max_rows]
        i: cython.Py_ssize_t
        j: cython.Py_ssize_t
        w: cython.Py_ssize_t
        rows: cython.Py_ssize_t
        spoken: cython.Py_ssize_t
        room: cython.Py_ssize_t
        available: cython.Py_ssize_t
        chars: cython.Py_ssize_t
        second: cython.Py_ssize_t
        third: cython.Py_ssize_t
        fourth: cython.Py_ssize_t
        at: cython.Py_ssize_t
        cost: float
        extra: float
        for i in range(n):
            # The cues that start at word i.
            base: float = best[i] - keep_prefix[i]  # in-cue keep costs: end_keep[w] - this
            start: cython.Py_ssize_t = starts[i]
            label: cython.Py_ssize_t = alone[i]
            top_base: cython.Py_ssize_t = prefix[i] + sep - label  # chars = prefix[j] - this
            one_row: cython.Py_ssize_t = top_row_end[i]  # j <= one_row: fits on one row
            last: cython.Py_ssize_t = self._last_end(i, one_row)
            # Candidates up to fast_end are one-row cues of one speaker: only their cost is
            # needed to discard them, which is what happens to most candidates.
            fast_end: cython.Py_ssize_t = min(one_row, last, next_change[i] + 1)
            fit_rows: cython.Py_ssize_t = 1  # the fewest rows words [i, j) fit in ...
            fit_end: cython.Py_ssize_t = one_row  # ... and the last j they hold
            change_at: cython.Py_ssize_t = -1
            k_lo: cython.Py_ssize_t = i + 1  # smallest k whose bottom row [k, j) fits
            max_end: cython.Py_ssize_t = max(start, ends[i])
            w = i
            for j in range(i + 1, last + 1):
                end: cython.Py_ssize_t = ends[j - 1]
                if end > max_end:
                    max_end = end
                    if max_end - start > longest_any and j > i + 1:
                        break
                elif j == i + 2 and max_end - start > longest_any:
                    # A first word spoken longer than the limit stays alone even when the
                    # next word ends inside it (max_end did not grow).
                    break
                if j <= fast_end and max_end - start <= one_row_ms:
                    cost = base + end_keep[j - 1]
                    if cost >= best[j]:
                        continue
                    rows = 1
                else:
                    w = j - 1
                    if w > i and change[w - 1]:
                        change_at = w
                    while j > fit_end:
                        fit_rows += 1
                        fit_end = top_end[fit_end]
                    rows = fit_rows
                    # At exactly rows * row_ms, ceil() below gives the same rows: "> " and
                    # ">=" agree; a cue of exactly the per-row time stays in its rows.
                    if row_ms > 0 and max_end - start > rows * row_ms and w > i:
                        rows = _ceil((max_end - start) / row_ms)
                        if rows > max_rows:
                            break
                        if rows > j - i:
                            continue
                    if change_at >= 0:
                        if rows > 2:
                            break
                        rows = 2
                    cost = base + end_keep[w]
                    if rows == 1:
                        if cost >= best[j]:
                            continue
                    elif cost + (rows - 1) * negative_delta >= best[j]:
                        continue
                # Cue-level costs on the time the cue can get before the next one.
                spoken = max_end - start
                room = longest_ms[rows]
                if j < n and starts[j] - gap_ms - start < room:
                    room = starts[j] - gap_ms - start
                available = spoken if room < spoken else room
                # Guards for speed only: both costs are zero at exactly the limit (so "<" or
                # "<=" here give the same layout); the limits themselves are pinned in scoring.
                if available < min_duration_ms:
                    cost += duration_cost(available, min_duration_ms, too_short)
                chars = prefix[j] - top_base
                if chars * 1000 > chars_per_second * available:
                    cost += reading_speed_cost(chars, available, chars_per_second, reading_speed)
                # The rows: their extra cost, and where the second, third and fourth start.
                second = third = fourth = -1
                if rows == 1:
                    pass
                elif change_at >= 0:
                    cost += self._two_speakers(i, j, change_at)
                    second = change_at
                elif rows == 2:
                    while top_end[k_lo] < j:
                        k_lo += 1
                    cost += self._two_rows(i, j, k_lo, one_row, label, cost, best[j])
                    second = self.second
                else:
                    extra, second, third, fourth = splitter.best(i, j, rows, label, cost, best[j])
                    cost += extra
                if cost < best[j]:  # this cue is the best way to end at j (so far)
                    best[j] = cost
                    at = j * RECORD
                    record[at] = i
                    record[at + 1] = second
                    record[at + 2] = third
                    record[at + 3] = fourth

    @cython.cfunc
    @cython.exceptval(check=False)
    def _last_end(self, i: cython.Py_ssize_t, one_row: cython.Py_ssize_t) -> cython.Py_ssize_t:
        """The last ``j`` a cue starting at ``i`` may end at: it fits ``max_rows`` rows, the
        cap (:attr:`Tables.cap`) and the character limit of a cue."""
        prefix = self.prefix
        last: cython.Py_ssize_t = one_row
        _row: cython.Py_ssize_t
        for _row in range(1, self.max_rows):  # each row after the first
            if last < self.n:
                last = self.top_end[last]
        last = min(last, self.cap[i])
        if self.cue_chars:
            top_base: cython.Py_ssize_t = prefix[i] + self.sep
            while prefix[last] - top_base > self.cue_chars and last > i + 1:
                last -= 1
        return last

    @cython.cfunc
    @cython.exceptval(check=False)
    def _two_speakers(
        self, i: cython.Py_ssize_t, j: cython.Py_ssize_t, k: cython.Py_ssize_t
    ) -> float:
        """Extra cost of the cue ``[i, j)`` as two speakers' rows, the second from ``k``:
        both led by the dash (dual mode) and the label; infinite if they do not fit."""
        prefix = self.prefix
        top: cython.Py_ssize_t = prefix[k] - prefix[i] - self.sep + self.dash + self.shared[i]
        bottom: cython.Py_ssize_t = prefix[j] - prefix[k] - self.sep + self.dash + self.shared[k]
        if top > self.row_chars or bottom > self.row_chars:
            return _INF
        if self.cue_chars and top + bottom > self.cue_chars:
            return _INF
        # The row break at the change costs dual_speaker instead of its class cost, and each
        # row is a speaker's whole turn: a one-word row is no orphan here.
        kept: float = self.keep_prefix[k] - self.keep_prefix[k - 1]
        total: cython.Py_ssize_t = top + bottom + self.sep
        return self.dual_speaker - kept + self.shape[total * (self.row_chars + 1) + top]

    @cython.cfunc
    @cython.exceptval(check=False)
    def _two_rows(
        self,
        i: cython.Py_ssize_t,
        j: cython.Py_ssize_t,
        k_lo: cython.Py_ssize_t,
        one_row: cython.Py_ssize_t,
        label: cython.Py_ssize_t,
        cost: float,
        bound: float,
    ) -> float:
        """Extra cost of the cheapest two-row layout of the cue ``[i, j)``, its second row
        starting at ``second``; infinite if none can bring ``cost`` under ``bound``.

        ``k_lo``: the first word that can start a bottom row holding the rest;
        ``one_row``: the last word the top row can hold is the one before it.
        """
        delta = self.delta
        prefix = self.prefix
        shape = self.shape
        w: cython.Py_ssize_t = j - 1
        k_hi: cython.Py_ssize_t = one_row if one_row < w else w
        k: cython.Py_ssize_t
        if k_lo > k_hi:
            return _INF
        lowest: float
        if cython.compiled:
            lowest = delta[k_lo - 1]
            for k in range(k_lo, k_hi):
                if delta[k] < lowest:
                    lowest = delta[k]
        else:
            lowest = min(delta[k_lo - 1 : k_hi])  # the fastest way in Python
        if cost + lowest >= bound:
            return _INF
        # shape_by_total[chars]: the top row's length includes its label.
        top_base: cython.Py_ssize_t = prefix[i] + self.sep - label
        row: cython.Py_ssize_t = (prefix[j] - top_base) * (self.row_chars + 1) - top_base
        best_extra: float = _INF
        best_k: cython.Py_ssize_t = -1
        extra: float
        for k in range(k_lo, k_hi + 1):
            extra = delta[k - 1] + shape[row + prefix[k]]
            if extra < best_extra:
                best_extra = extra
                best_k = k
        # A single word on the top row (k = i + 1) or the bottom one (k = w) is an orphan;
        # only when the winner is one of those can the orphan cost change it.
        if best_k == i + 1 or best_k == w:
            best_extra = _INF
            for k in range(k_lo, k_hi + 1):
                extra = delta[k - 1] + shape[row + prefix[k]]
                extra += self.orphan * ((k == i + 1) + (k == w))
                if extra < best_extra:
                    best_extra = extra
                    best_k = k
        self.second = best_k
        return best_extra
