# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""Precomputed tables for the optimal segmenter's recurrence (:mod:`cuecraft.segment.kernel`).

Everything the recurrence reads per word or per boundary is computed here once, in O(n):
prefix sums of the row widths and of the keep costs, the cost of ending a cue after each word,
how far a row or a cue starting at each word can reach, where the next speaker change is.
:class:`Limits` holds the scalars of the rules and weights it needs, so the recurrence knows
nothing of :class:`~cuecraft.segment.rules.Rules` or the cost model: the per-boundary costs
come in as arrays (:class:`~cuecraft.segment.boundaries.BoundaryFacts`), and only the form of
the in-cue costs (:mod:`cuecraft.segment.scoring`) is built into the kernel.

This module is compiled by Cython when it can be (see :mod:`cuecraft.segment.compiled`);
then its arrays are ``array.array`` (the kernel reads them as typed memoryviews), otherwise
plain lists, which pure Python indexes faster.
"""

from __future__ import annotations

import functools
import itertools
from array import array
from collections.abc import MutableSequence, Sequence
from typing import TYPE_CHECKING

import msgspec

from cuecraft.segment.boundaries import BoundaryFacts
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import Weights

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

__all__ = ["MAX_ROWS", "Limits", "Tables", "build_tables", "limits_for"]

MAX_ROWS = 4
"""The most rows a cue can have (CEA-608 captions show four)."""

Floats = MutableSequence[float]
Ints = MutableSequence[int]


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class Limits(msgspec.Struct, frozen=True):
    """The scalars of the rules and the cost model that the recurrence reads.

    Attributes:
        sep: width of the separator between two words of a row (0 or 1).
        row_chars: ``max_chars_per_row``.
        max_rows: ``max_rows``.
        cue_chars: ``max_chars_per_cue``, 0 when there is none.
        longest_ms: the longest a cue of ``r`` rows may be spoken, at index ``r`` (index 0
            repeats one row).
        row_ms: ``max_row_seconds`` in ms, 0.0 when there is none.
        gap_ms, min_duration_ms, chars_per_second: as in the rules.
        dash: width of the speaker dash leading both rows of a two-speaker cue (0 unless
            ``dual_speaker_dashes``).
        cue, dual_speaker, orphan, balance, pyramid, too_short, reading_speed: weights.
    """

    sep: int
    row_chars: int
    max_rows: int
    cue_chars: int
    longest_ms: tuple[int, ...]
    row_ms: float
    gap_ms: int
    min_duration_ms: int
    chars_per_second: float
    dash: int
    cue: float
    dual_speaker: float
    orphan: float
    balance: float
    pyramid: float
    too_short: float
    reading_speed: float


def limits_for(rules: Rules, weights: Weights, separator: str) -> Limits:
    """The :class:`Limits` of ``rules`` and ``weights`` for a language's row separator."""
    return Limits(
        sep=len(separator),
        row_chars=rules.max_chars_per_row,
        max_rows=rules.max_rows,
        cue_chars=rules.max_chars_per_cue or 0,
        longest_ms=tuple(rules.longest_cue_ms(max(rows, 1)) for rows in range(rules.max_rows + 1)),
        row_ms=0.0 if rules.max_row_seconds is None else rules.max_row_seconds * 1000,
        gap_ms=rules.gap_ms,
        min_duration_ms=rules.min_duration_ms,
        chars_per_second=rules.max_chars_per_second,
        dash=len(rules.speaker_dash) if rules.dual_speaker_dashes else 0,
        cue=weights.cue,
        dual_speaker=weights.dual_speaker,
        orphan=weights.orphan,
        balance=weights.balance,
        pyramid=weights.pyramid,
        too_short=weights.too_short,
        reading_speed=weights.reading_speed,
    )


class Tables(msgspec.Struct, frozen=True):
    """Per-word and per-boundary arrays (index ``b`` of a boundary: the one after word ``b``).

    Attributes:
        n: number of words.
        starts, ends: word times in ms.
        prefix: ``prefix[k]``, the width of words ``[0, k)`` plus one separator after each.
        keep_prefix: ``keep_prefix[k]``, the keep costs of boundaries ``[0, k)``.
        delta: ``delta[b]``, the cost of a row break at ``b`` instead of keeping the row.
        negative_delta: the lowest ``delta``, or 0 (a bound for pruning).
        end_keep: ``end_keep[w]``, the cost of ending a cue after word ``w`` (and the fixed
            cost of a cue) plus ``keep_prefix[w]``.
        change: ``change[b]`` is 1 where a two-speaker cue must break its row.
        next_change: the first ``change`` boundary at or after word ``i`` (``n - 1``: none).
        top_end: ``top_end[i]``, the largest ``k`` such that words ``[i, k)`` fit on a row.
        top_row_end: the same for the top row of a cue, after its speaker label.
        bottom_start: ``bottom_start[j]``, the smallest ``k`` such that words ``[k, j)`` fit
            on a row (a row below the top one; index 0 is unused).
        cap: no cue starting at word ``i`` may end after word ``cap[i] - 1``.
        alone, shared: label widths (:class:`~cuecraft.segment.labels.RowLabels`, or 0).
        shape: :func:`~cuecraft.segment.scoring.shape_cost` of two rows, at
            ``shape[total * (row_chars + 1) + top]`` for ``total`` characters in all and a top
            row of ``top``; infinite where the rows do not fit.
    """

    n: int
    starts: Ints
    ends: Ints
    prefix: Ints
    keep_prefix: Floats
    delta: Floats
    negative_delta: float
    end_keep: Floats
    change: Ints
    next_change: Ints
    top_end: Ints
    top_row_end: Ints
    bottom_start: Ints
    cap: Ints
    alone: Ints
    shared: Ints
    shape: Floats


def int_array(size: int, fill: int = 0) -> Ints:
    """``size`` ints: an ``array`` of C long longs when compiled, else a list."""
    if cython.compiled:
        return array("q", [fill]) * size
    return [fill] * size


def float_array(size: int, fill: float = 0.0) -> Floats:
    """``size`` floats: an ``array`` of C doubles when compiled, else a list."""
    if cython.compiled:
        return array("d", [fill]) * size
    return [fill] * size


def _ints(values: Sequence[int]) -> Ints:
    return array("q", values) if cython.compiled else list(values)


def _doubles(values: Sequence[float]) -> Sequence[float]:
    """``values`` as an ``array`` of C doubles when compiled (as given if they are one: the
    loops below read them as typed memoryviews, not through a Python float per item)."""
    if not cython.compiled or (isinstance(values, array) and values.typecode == "d"):
        return values
    return array("d", values)


def build_tables(
    widths: Sequence[int],
    starts: Sequence[int],
    ends: Sequence[int],
    facts: BoundaryFacts,
    limits: Limits,
    labels: tuple[Sequence[int], Sequence[int]] | None = None,
) -> Tables:
    """The tables for words of the given row widths and times, boundary facts and limits.

    ``labels``: the ``alone`` and ``shared`` label widths per word, if the writer adds any.
    """
    n = len(widths)
    alone = _ints(labels[0]) if labels is not None else int_array(n)
    shared = _ints(labels[1]) if labels is not None else int_array(n)
    word_limit = limits.row_chars
    if limits.cue_chars and limits.cue_chars < word_limit:
        word_limit = limits.cue_chars
    if not cython.compiled:
        return _list_tables(widths, starts, ends, facts, limits, alone, shared, word_limit)
    prefix = _prefix(widths, limits.sep)
    keep_prefix, delta, lowest_delta = _keep_and_delta(facts.keep, facts.line_end)
    # The flags as numbers; set only where the speaker changes (a few in a hundred).
    change = int_array(len(facts.change))
    for b in itertools.compress(itertools.count(), facts.change):
        change[b] = 1
    top_end = _top_end(prefix, limits.sep, limits.row_chars, None)
    return Tables(
        n=n,
        starts=_ints(starts),
        ends=_ints(ends),
        prefix=prefix,
        keep_prefix=keep_prefix,
        delta=delta,
        negative_delta=lowest_delta,
        end_keep=_end_keep(facts.cue_end, facts.forced, keep_prefix, limits.cue),
        change=change,
        next_change=_next_change(change),
        top_end=top_end,
        top_row_end=(
            top_end if labels is None else _top_end(prefix, limits.sep, limits.row_chars, alone)
        ),
        bottom_start=_bottom_start(prefix, limits.sep, limits.row_chars),
        cap=_caps(widths, alone, facts.forced, change, word_limit),
        alone=alone,
        shared=shared,
        shape=_shape_table(limits.row_chars, limits.sep, limits.balance, limits.pyramid),
    )


def _list_tables(
    widths: Sequence[int],
    starts: Sequence[int],
    ends: Sequence[int],
    facts: BoundaryFacts,
    limits: Limits,
    alone: Ints,
    shared: Ints,
    word_limit: int,
) -> Tables:
    """:func:`build_tables` run as Python: the same lists from :mod:`~cuecraft.segment.
    list_tables` (whole-list passes), the labels already resolved."""
    from cuecraft.segment import list_tables  # only run as Python (compiled: the loops)

    sep, row_chars = limits.sep, limits.row_chars
    prefix = list_tables.prefix(widths, sep)
    keep_prefix, delta, lowest_delta = list_tables.keep_and_delta(facts.keep, facts.line_end)
    change = [0] * len(facts.change)
    for b in itertools.compress(itertools.count(), facts.change):
        change[b] = 1
    top_end = list_tables.top_end(prefix, sep, row_chars, None)
    return Tables(
        n=len(widths),
        starts=list(starts),
        ends=list(ends),
        prefix=prefix,
        keep_prefix=keep_prefix,
        delta=delta,
        negative_delta=lowest_delta,
        end_keep=_end_keep(facts.cue_end, facts.forced, keep_prefix, limits.cue),
        change=change,
        next_change=list_tables.next_change(change),
        top_end=top_end,
        top_row_end=(
            top_end if not any(alone) else list_tables.top_end(prefix, sep, row_chars, alone)
        ),
        bottom_start=list_tables.bottom_start(top_end),
        cap=list_tables.caps(widths, alone, facts.forced, change, word_limit),
        alone=alone,
        shared=shared,
        shape=_shape_table(row_chars, sep, limits.balance, limits.pyramid),
    )


def _prefix(widths: Sequence[int], sep: cython.Py_ssize_t) -> Ints:
    n: cython.Py_ssize_t = len(widths)
    prefix = int_array(n + 1)
    out = cython.declare(cython.longlong[::1], prefix)  # typed access when compiled
    total: cython.Py_ssize_t = 0
    width: cython.Py_ssize_t  # typed first, so that the sum is C arithmetic when compiled
    k: cython.Py_ssize_t
    for k in range(n):
        width = widths[k]
        total += width + sep
        out[k + 1] = total
    return prefix


def _keep_and_delta(
    keep: Sequence[float], line_end: Sequence[float]
) -> tuple[Floats, Floats, float]:
    """``keep_prefix``, ``delta`` and ``negative_delta`` (see :class:`Tables`)."""
    boundaries: cython.Py_ssize_t = len(keep)
    keep_prefix = float_array(boundaries + 2)
    delta = float_array(boundaries)
    sums = cython.declare(cython.double[::1], keep_prefix)
    deltas = cython.declare(cython.double[::1], delta)
    keeps = cython.declare(cython.double[::1], _doubles(keep))
    row_ends = cython.declare(cython.double[::1], _doubles(line_end))
    running: float = 0.0
    lowest: float = 0.0
    b: cython.Py_ssize_t
    for b in range(boundaries):
        kept: float = keeps[b]
        running += kept
        sums[b + 1] = running
        deltas[b] = row_ends[b] - kept
        if deltas[b] < lowest:
            lowest = deltas[b]
    sums[boundaries + 1] = running
    return keep_prefix, delta, lowest


def _end_keep(
    cue_end: Sequence[float], forced: Sequence[bool], keep_prefix: Floats, cue: float
) -> Floats:
    """``end_keep`` (see :class:`Tables`). A forced boundary, and the end of the text, cost
    every layout the same, so only the fixed cost of a cue remains there."""
    boundaries: cython.Py_ssize_t = len(cue_end)
    end_keep = float_array(boundaries + 1)
    out = cython.declare(cython.double[::1], end_keep)
    sums = cython.declare(cython.double[::1], keep_prefix)
    ends = cython.declare(cython.double[::1], _doubles(cue_end))
    b: cython.Py_ssize_t
    for b in range(boundaries):
        end: float = cue if forced[b] else ends[b] + cue
        out[b] = end + sums[b]
    end_keep[boundaries] = cue + keep_prefix[boundaries]
    return end_keep


def _next_change(change: Ints) -> Ints:
    n: cython.Py_ssize_t = len(change) + 1
    following: cython.Py_ssize_t = n - 1
    next_change = int_array(n, n - 1)
    out = cython.declare(cython.longlong[::1], next_change)
    changes = cython.declare(cython.longlong[::1], change)
    b: cython.Py_ssize_t
    for b in range(n - 2, -1, -1):
        if changes[b]:
            following = b
        out[b] = following
    return next_change


def _top_end(
    prefix: Ints, sep: cython.Py_ssize_t, row_chars: cython.Py_ssize_t, labels: Ints | None
) -> Ints:
    """For each word ``i``, the largest ``k`` such that words ``[i, k)`` fit on one row
    (two pointers); with ``labels``, after the label that leads a cue's top row."""
    n: cython.Py_ssize_t = len(prefix) - 1
    top_end = int_array(n)
    out = cython.declare(cython.longlong[::1], top_end)
    sums = cython.declare(cython.longlong[::1], prefix)
    k: cython.Py_ssize_t = 0
    i: cython.Py_ssize_t
    width: cython.Py_ssize_t
    for i in range(n):
        width = 0 if labels is None else labels[i]
        if width:
            # A label shortens this row only: scan it alone, keep k for the next word.
            end: cython.Py_ssize_t = i + 1
            while end < n and sums[end + 1] - sums[i] - sep + width <= row_chars:
                end += 1
            out[i] = end
            continue
        k = max(k, i + 1)
        while k < n and sums[k + 1] - sums[i] - sep <= row_chars:
            k += 1
        out[i] = k
    return top_end


def _bottom_start(prefix: Ints, sep: cython.Py_ssize_t, row_chars: cython.Py_ssize_t) -> Ints:
    """For each ``j``, the smallest ``k < j`` such that words ``[k, j)`` fit on one row (a
    word too long for any row makes a row of its own), by two pointers."""
    n: cython.Py_ssize_t = len(prefix) - 1
    bottom_start = int_array(n + 1)
    out = cython.declare(cython.longlong[::1], bottom_start)
    sums = cython.declare(cython.longlong[::1], prefix)
    k: cython.Py_ssize_t = 0
    j: cython.Py_ssize_t
    for j in range(1, n + 1):
        while k < j - 1 and sums[j] - sums[k] - sep > row_chars:
            k += 1
        out[j] = k
    return bottom_start


def _caps(
    widths: Sequence[int],
    alone: Ints,
    forced: Sequence[bool],
    change: Ints,
    word_limit: cython.Py_ssize_t,
) -> Ints:
    """For each word i, the largest j such that a cue ``[i, j)`` crosses no forced boundary,
    holds no word too long to share a cue (such a word stands alone), and, in dual-speaker
    mode, no more than one speaker change."""
    n: cython.Py_ssize_t = len(widths)
    cap = int_array(n, n)
    out = cython.declare(cython.longlong[::1], cap)
    changes = cython.declare(cython.longlong[::1], change)
    labels = cython.declare(cython.longlong[::1], alone)
    limit: cython.Py_ssize_t = n
    first_change: cython.Py_ssize_t = n
    second_change: cython.Py_ssize_t = n
    i: cython.Py_ssize_t
    width: cython.Py_ssize_t  # typed first, so that the sum is C arithmetic when compiled
    for i in range(n - 1, -1, -1):
        if i < n - 1:
            if forced[i]:
                limit = i + 1
            if changes[i]:
                first_change, second_change = i, first_change
        width = widths[i]
        if width + labels[i] > word_limit:
            out[i] = i + 1
            limit = i
            continue
        out[i] = min(limit, second_change + 1)
    return cap


def _shape_table(row_chars: int, sep: int, balance: float, pyramid: float) -> Floats:
    table = _shape_by_total(row_chars, sep, balance, pyramid)
    return array("d", table) if cython.compiled else list(table)


@functools.lru_cache(maxsize=16)
def _shape_by_total(row_chars: int, sep: int, balance: float, pyramid: float) -> tuple[float, ...]:
    """:func:`~cuecraft.segment.scoring.shape_cost` of two rows, by total characters and
    top-row length (see ``Tables.shape``).

    The same arithmetic as ``shape_cost((top, bottom), row_chars, weights)``, in the same
    order (so the same floats: ``tests/segment/test_tables.py`` compares them), without a
    call and two tuples for each of the ~2,000 cells: this table is built on every run."""
    inf = float("inf")
    table: list[float] = []
    for total in range(2 * row_chars + sep + 1):
        for top in range(row_chars + 1):
            bottom = total - top - sep
            if 0 <= bottom <= row_chars:
                spread = abs(top - bottom) / row_chars
                top_heavy = top - bottom if top > bottom else 0
                table.append(balance * spread + pyramid * top_heavy / row_chars)
            else:
                table.append(inf)
    return tuple(table)
