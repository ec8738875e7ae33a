# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
# cython: cdivision=True
"""The cheapest layout of one cue in three rows or more, for :mod:`cuecraft.segment.kernel`.

A layout's extra cost is the cost of its row breaks (``Tables.delta``), its shape
(:func:`~cuecraft.segment.scoring.shape_cost`: balance and pyramid) and its orphans
(:func:`~cuecraft.segment.scoring.orphan_cost`). The balance term depends on the longest and
the shortest row, so the cost does not add up row by row and a plain DP over rows would miss
the optimum; :class:`RowSplitter` enumerates the layouts instead, in order of their row starts
(the first cheapest wins ties), and only along the ones whose remaining words still fit the
remaining rows. The search also stops a branch whose cost so far, plus the least the rows
left could add, already loses. A cue holds at most ``rows * (max_chars_per_row + 1)``
characters, so the work per cue is bounded.

Written in Cython's pure Python mode, like the kernel (see there).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cuecraft.segment.tables import MAX_ROWS, Limits, Tables, int_array

if TYPE_CHECKING:
    from cuecraft.segment import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft.segment import _cython as cython

__all__ = ["RowSplitter", "shape_cost"]

_INF = float("inf")
# Prune a branch only when its bound loses by more than rounding could explain: the bound
# adds the same terms as the cost, in another order.
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
    return balance * (spread / row_chars) + pyramid * top_heavy / row_chars


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
    negative_delta = cython.declare(cython.double)
    prune = cython.declare(cython.bint)
    prefix = cython.declare(cython.longlong[::1])
    top_end = cython.declare(cython.longlong[::1])
    delta = cython.declare(cython.double[::1])
    # The layout being searched (row starts) and the best one so far, with its cost.
    path = cython.declare(cython.longlong[::1])
    split = cython.declare(cython.longlong[::1])
    split_cost = cython.declare(cython.double)

    def __init__(self, tables: Tables, limits: Limits) -> None:
        self.n = tables.n
        self.sep = limits.sep
        self.row_chars = limits.row_chars
        self.orphan = limits.orphan
        self.balance = limits.balance
        self.pyramid = limits.pyramid
        self.negative_delta = tables.negative_delta
        # The bound assumes shape and orphan costs that only grow as rows are added.
        self.prune = limits.orphan >= 0 and limits.balance >= 0 and limits.pyramid >= 0
        self.prefix = tables.prefix
        self.top_end = tables.top_end
        self.delta = tables.delta
        self.path = int_array(MAX_ROWS + 1)
        self.split = int_array(MAX_ROWS + 1, -1)
        self.split_cost = _INF

    def best(
        self,
        i: cython.Py_ssize_t,
        j: cython.Py_ssize_t,
        rows: cython.Py_ssize_t,
        label: cython.Py_ssize_t,
    ) -> tuple[float, int, int, int]:
        """The cheapest layout of the cue ``[i, j)`` in ``rows`` rows (3 or 4), ``label``
        characters leading the top row: its extra cost (infinite if no layout fits) and the
        starts of its second, third and fourth rows (-1 for a row it does not have)."""
        self.split_cost = _INF
        self.path[0] = i
        self.split[3] = -1
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
    ) -> None:
        """Every layout of words ``[k, j)`` as rows ``row`` to ``rows - 1``, in order of
        their row starts, given the rows above (``above``: the length of the one just above;
        ``longest``, ``shortest``, ``top_heavy``, ``orphans``, ``breaks``: their shape,
        orphans and break costs so far). The first cheapest goes to ``split``."""
        prefix = self.prefix
        length: cython.Py_ssize_t
        cost: float
        if row == rows - 1:
            length = prefix[j] - prefix[k] - self.sep
            # The same sums, in the same order, as delta + ... + shape_cost + orphan_cost.
            cost = breaks + shape_cost(
                max(longest, length) - min(shortest, length),
                top_heavy + max(0, above - length),
                self.row_chars,
                self.balance,
                self.pyramid,
            )
            cost += self.orphan * (orphans + (j - k == 1))
            if cost < self.split_cost:
                self.split_cost = cost
                for row in range(1, rows):
                    self.split[row] = self.path[row]
            return
        below: cython.Py_ssize_t = rows - 1 - row  # rows still to fill after this one
        e: cython.Py_ssize_t
        for e in range(k + 1, j - below + 1):  # this row is [k, e)
            length = prefix[e] - prefix[k] - self.sep + label
            if length > self.row_chars:
                break
            if not self._fits(e, j, below):
                continue
            heavy: cython.Py_ssize_t = top_heavy + max(0, above - length)
            alone: cython.Py_ssize_t = orphans + (e - k == 1)
            cost = breaks + self.delta[e - 1]
            if self.prune:
                bound: float = (
                    cost
                    + below * self.negative_delta
                    + shape_cost(
                        max(longest, length) - min(shortest, length),
                        heavy,
                        self.row_chars,
                        self.balance,
                        self.pyramid,
                    )
                    + self.orphan * alone
                )
                if bound > self.split_cost + _SLACK:
                    continue
            self.path[row + 1] = e
            self._search(
                row + 1,
                e,
                rows,
                j,
                0,
                length,
                max(longest, length),
                min(shortest, length),
                heavy,
                alone,
                cost,
            )

    @cython.cfunc
    @cython.exceptval(check=False)
    def _fits(
        self, k: cython.Py_ssize_t, j: cython.Py_ssize_t, rows: cython.Py_ssize_t
    ) -> cython.bint:
        """Whether words ``[k, j)`` fit in ``rows`` rows (filling each row in turn needs the
        fewest rows of any layout)."""
        while rows > 0 and k < j:
            k = self.top_end[k]
            rows -= 1
        return k >= j
