# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# cython: cdivision=True
"""The cheapest layout of one cue in three rows or more, for :mod:`cuecraft.segment.kernel`.

A layout's extra cost is the cost of its row breaks (``Tables.delta``), its shape
(:func:`~cuecraft.segment.scoring.shape_cost`: balance and pyramid) and its orphans
(:func:`~cuecraft.segment.scoring.orphan_cost`). The balance term depends on the longest and
the shortest row, so the cost does not add up row by row and a plain DP over rows would miss
the optimum; :class:`RowSplitter` enumerates the layouts instead, in order of their row starts
(the first cheapest wins ties), and only along the ones whose remaining words still fit the
remaining rows (``Tables.bottom_start``). It drops a branch whose cost so far, plus the least
the rows left could add, already loses: to the best layout found, or to the best way the
recurrence already knows to end at the same word (then no layout of this cue matters). A cue
holds at most ``rows * (max_chars_per_row + 1)`` characters, so the work per cue is bounded.

Written in Cython's pure Python mode, like the kernel (see there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cuecraft.segment.tables import MAX_ROWS, Limits, Tables, int_array

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

__all__ = ["RowSplitter", "shape_cost"]

_INF = float("inf")
# Drop a branch only when its bound loses by more than rounding could explain (the bound adds
# the same terms as the cost, in another order): by this much, relative to the costs compared.
_SLACK = 1e-9


@cython.ccall
@cython.exceptval(check=False)
def shape_cost(
    spread: cython.Py_ssize_t,
    top_heavy: cython.Py_ssize_t,
    row_chars: cython.Py_ssize_t,
    balance: float,
    pyramid: float,
) -> float:
    """:func:`cuecraft.segment.scoring.shape_cost` as the kernel evaluates it, for rows
    whose longest and shortest differ by ``spread`` characters and whose top-heavy steps
    (a row longer than the one below it) add up to ``top_heavy``."""
    # float(): compiled, int / int would divide as C integers.
    return balance * (spread / float(row_chars)) + pyramid * top_heavy / row_chars


@cython.final
@cython.cclass
class RowSplitter:
    """Searches the row layouts of the cues of one text (see the module docstring)."""

    n = cython.declare(cython.Py_ssize_t)
    sep = cython.declare(cython.Py_ssize_t)
    row_chars = cython.declare(cython.Py_ssize_t)
    orphan = cython.declare(cython.double)
    balance = cython.declare(cython.double)
    pyramid = cython.declare(cython.double)
    prune = cython.declare(cython.bint)
    prefix = cython.declare(cython.longlong[::1])
    bottom_start = cython.declare(cython.longlong[::1])
    delta = cython.declare(cython.double[::1])
    # The layout being searched (row starts) and the best one so far, with its cost.
    path = cython.declare(cython.longlong[::1])
    split = cython.declare(cython.longlong[::1])
    split_cost = cython.declare(cython.double)
    # For the cue being searched: the lowest cost of a row break inside it; the cost of the
    # cue before its rows, and the cost it must stay under (with the slack for rounding).
    lowest_delta = cython.declare(cython.double)
    cue_cost = cython.declare(cython.double)
    bound = cython.declare(cython.double)
    bound_slack = cython.declare(cython.double)

    def __init__(self, tables: Tables, limits: Limits) -> None:
        self.n = tables.n
        self.sep = limits.sep
        self.row_chars = limits.row_chars
        self.orphan = limits.orphan
        self.balance = limits.balance
        self.pyramid = limits.pyramid
        # The bound assumes shape and orphan costs that only grow as rows are added.
        self.prune = limits.orphan >= 0 and limits.balance >= 0 and limits.pyramid >= 0
        self.prefix = tables.prefix
        self.bottom_start = tables.bottom_start
        self.delta = tables.delta
        self.path = int_array(MAX_ROWS + 1)
        self.split = int_array(MAX_ROWS + 1, -1)
        self.split_cost = _INF
        self.lowest_delta = 0.0
        self.cue_cost = 0.0
        self.bound = _INF
        self.bound_slack = 0.0

    def best(
        self,
        i: cython.Py_ssize_t,
        j: cython.Py_ssize_t,
        rows: cython.Py_ssize_t,
        label: cython.Py_ssize_t,
        cost: float = 0.0,
        bound: float = _INF,
    ) -> tuple[float, int, int, int]:
        """The cheapest layout of the cue ``[i, j)`` in ``rows`` rows (2 to 4), ``label``
        characters leading the top row: its extra cost and the starts of its second, third
        and fourth rows (-1 for a row it does not have).

        The extra cost is infinite if no layout fits, or if none can bring ``cost`` (the cue's
        cost before its rows) under ``bound``: then the layout returned is not the cheapest.
        """
        self.split_cost = _INF
        self.split[1] = self.split[2] = self.split[3] = -1
        self.path[0] = i
        lowest: float = self.delta[i]
        k: cython.Py_ssize_t
        for k in range(i + 1, j - 1):
            if self.delta[k] < lowest:
                lowest = self.delta[k]
        self.lowest_delta = lowest
        self.cue_cost = cost
        self.bound = bound
        self.bound_slack = _SLACK * (1.0 + abs(bound)) if bound < _INF else 0.0
        if self.prune and cost + (rows - 1) * lowest > bound + self.bound_slack:
            return _INF, -1, -1, -1
        if rows == 2:
            self._last_two(0, i, 2, j, label, 0, 0, self.row_chars + 1, 0, 0, 0.0)
        else:
            self._search(0, i, rows, j, label, 0, 0, self.row_chars + 1, 0, 0, 0.0)
        return self.split_cost, self.split[1], self.split[2], self.split[3]

    @cython.cfunc
    @cython.exceptval(check=False)
    def _search(
        self,
        row: cython.Py_ssize_t,
        k: cython.Py_ssize_t,
        rows: cython.Py_ssize_t,
        j: cython.Py_ssize_t,
        label: cython.Py_ssize_t,
        above: cython.Py_ssize_t,
        longest: cython.Py_ssize_t,
        shortest: cython.Py_ssize_t,
        top_heavy: cython.Py_ssize_t,
        orphans: cython.Py_ssize_t,
        breaks: float,
    ) -> cython.void:
        """Every layout of words ``[k, j)`` as rows ``row`` to ``rows - 1`` (three or more),
        in order of their row starts, given the rows above: ``above`` is the length of the one
        just above, ``longest``, ``shortest``, ``top_heavy``, ``orphans`` and ``breaks`` their
        shape, orphans and break costs so far. The first cheapest goes to ``split``."""
        prefix = self.prefix
        sep: cython.Py_ssize_t = self.sep
        below: cython.Py_ssize_t = rows - 1 - row  # rows still to fill after this one
        first: cython.Py_ssize_t = j  # the first e such that [e, j) fits the rows below
        e: cython.Py_ssize_t
        _row: cython.Py_ssize_t
        for _row in range(below):
            first = self.bottom_start[first]
        for e in range(first if first > k + 1 else k + 1, j - below + 1):  # this row: [k, e)
            length: cython.Py_ssize_t = prefix[e] - prefix[k] - sep + label
            if length > self.row_chars:
                break
            heavy: cython.Py_ssize_t = top_heavy + (above - length if above > length else 0)
            alone: cython.Py_ssize_t = orphans + (e - k == 1)
            high: cython.Py_ssize_t = longest if longest > length else length
            low: cython.Py_ssize_t = shortest if shortest < length else length
            cost: float = breaks + self.delta[e - 1]
            if self.prune:
                # ``below - 1`` breaks to come, each costing at least ``lowest_delta``; the
                # rows below hold ``rest`` characters: the longest of them at least their
                # mean, the shortest at most.
                rest: cython.Py_ssize_t = prefix[j] - prefix[e] - below * sep
                mean_high: cython.Py_ssize_t = (rest + below - 1) // below
                mean_low: cython.Py_ssize_t = rest // below
                least: float = (
                    cost
                    + (below - 1) * self.lowest_delta
                    + shape_cost(
                        (high if high > mean_high else mean_high)
                        - (low if low < mean_low else mean_low),
                        heavy,
                        self.row_chars,
                        self.balance,
                        self.pyramid,
                    )
                    + self.orphan * alone
                )
                if least > self.split_cost + _SLACK:
                    continue
                if self.cue_cost + least > self.bound + self.bound_slack:
                    continue
            self.path[row + 1] = e
            if below == 2:
                self._last_two(row + 1, e, rows, j, 0, length, high, low, heavy, alone, cost)
            else:
                self._search(row + 1, e, rows, j, 0, length, high, low, heavy, alone, cost)

    @cython.cfunc
    @cython.exceptval(check=False)
    def _last_two(
        self,
        row: cython.Py_ssize_t,
        k: cython.Py_ssize_t,
        rows: cython.Py_ssize_t,
        j: cython.Py_ssize_t,
        label: cython.Py_ssize_t,
        above: cython.Py_ssize_t,
        longest: cython.Py_ssize_t,
        shortest: cython.Py_ssize_t,
        top_heavy: cython.Py_ssize_t,
        orphans: cython.Py_ssize_t,
        breaks: float,
    ) -> cython.void:
        """Every layout of words ``[k, j)`` as the last two rows, given the rows above (as in
        :meth:`_search`, their starts in ``path``); the first cheapest goes to ``split``."""
        prefix = self.prefix
        sep: cython.Py_ssize_t = self.sep
        first: cython.Py_ssize_t = self.bottom_start[j]  # the last row [e, j) fits from here
        e: cython.Py_ssize_t
        for e in range(first if first > k + 1 else k + 1, j):  # the rows [k, e) and [e, j)
            length: cython.Py_ssize_t = prefix[e] - prefix[k] - sep + label
            if length > self.row_chars:
                break
            last: cython.Py_ssize_t = prefix[j] - prefix[e] - sep
            high: cython.Py_ssize_t = longest if longest > length else length
            high = high if high > last else last
            low: cython.Py_ssize_t = shortest if shortest < length else length
            low = low if low < last else last
            heavy: cython.Py_ssize_t = top_heavy + (above - length if above > length else 0)
            heavy += length - last if length > last else 0
            # The same sums, in the same order, as delta + ... + shape_cost + orphan_cost.
            cost: float = breaks + self.delta[e - 1]
            cost = cost + shape_cost(high - low, heavy, self.row_chars, self.balance, self.pyramid)
            cost += self.orphan * (orphans + (e - k == 1) + (j - e == 1))
            if cost < self.split_cost:
                self.split_cost = cost
                self.path[row + 1] = e
                r: cython.Py_ssize_t
                for r in range(1, rows):
                    self.split[r] = self.path[r]
