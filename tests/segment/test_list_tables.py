"""The whole-list passes of :mod:`cuecraft.segment.list_tables` against the loops of
:mod:`cuecraft.segment.tables` they replace when the kernel runs as Python.

The loops are the Python source of the tables module (:func:`~cuecraft.segment.compiled.
load_kernel` with ``pure=True``), run directly: the reference, and what the compiled kernel
runs. Floats are compared by their bits (``repr``), ``-0.0`` and NaN included.
"""

from __future__ import annotations

import math

from hypothesis import example, given
from hypothesis import strategies as st
from msgspec.structs import fields

from cuecraft.segment import list_tables
from cuecraft.segment.boundaries import BoundaryFacts
from cuecraft.segment.compiled import load_kernel
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS

LOOPS = load_kernel(pure=True).tables

costs = st.one_of(
    st.floats(-50, 50, allow_nan=False),
    st.sampled_from([0.0, -0.0, 1.5, math.inf, -math.inf, math.nan]),
)


@st.composite
def boundary_lists(draw: st.DrawFn) -> tuple[list[int], list[bool], list[int], list[int]]:
    """Widths (display widths: never negative; long words now and then), forced flags,
    change flags and label widths of a few words."""
    n = draw(st.integers(1, 40))
    widths = draw(st.lists(st.integers(0, 50), min_size=n, max_size=n))
    forced = draw(st.lists(st.booleans(), min_size=n - 1, max_size=n - 1))
    change = draw(st.lists(st.sampled_from([0, 0, 1]), min_size=n - 1, max_size=n - 1))
    labels = draw(st.lists(st.sampled_from([0, 0, 0, 3, 12]), min_size=n, max_size=n))
    return widths, forced, change, labels


def _bits(values: list[float]) -> list[str]:
    return [repr(value) for value in values]


@given(boundary_lists(), st.integers(0, 2), st.integers(0, 45))
@example(([0], [], [], [0]), 1, 0)
def test_row_reaches_are_the_loops(
    lists: tuple[list[int], list[bool], list[int], list[int]], sep: int, row_chars: int
) -> None:
    widths, _, _, labels = lists
    prefix = list_tables.prefix(widths, sep)
    assert prefix == list(LOOPS._prefix(widths, sep))
    assert list_tables.top_end(prefix, sep, row_chars, None) == list(
        LOOPS._top_end(prefix, sep, row_chars, None)
    )
    assert list_tables.top_end(prefix, sep, row_chars, labels) == list(
        LOOPS._top_end(prefix, sep, row_chars, labels)
    )
    top_end = list_tables.top_end(prefix, sep, row_chars, None)
    assert list_tables.bottom_start(top_end) == list(LOOPS._bottom_start(prefix, sep, row_chars))


@given(boundary_lists(), st.integers(1, 50))
@example(([5, 60, 5, 5], [False, True, False], [1, 1, 0], [0, 0, 0, 0]), 42)
def test_caps_and_changes_are_the_loops(
    lists: tuple[list[int], list[bool], list[int], list[int]], word_limit: int
) -> None:
    widths, forced, change, labels = lists
    assert list_tables.next_change(change) == list(LOOPS._next_change(change))
    assert list_tables.caps(widths, labels, forced, change, word_limit) == list(
        LOOPS._caps(widths, labels, forced, change, word_limit)
    )


@given(
    st.integers(0, 30).flatmap(
        lambda n: st.tuples(
            *(st.lists(costs, min_size=n, max_size=n),) * 2,
        )
    )
)
def test_cost_sums_are_the_loops_to_the_bit(lists: tuple[list[float], list[float]]) -> None:
    keep, line_end = lists
    sums, delta, lowest = list_tables.keep_and_delta(keep, line_end)
    loop_sums, loop_delta, loop_lowest = LOOPS._keep_and_delta(keep, line_end)
    assert _bits(sums) == _bits(list(loop_sums))
    assert _bits(delta) == _bits(list(loop_delta))
    assert repr(lowest) == repr(loop_lowest)


@given(boundary_lists(), st.booleans())
def test_build_tables_is_the_loops(
    lists: tuple[list[int], list[bool], list[int], list[int]], labelled: bool
) -> None:
    # The whole table set, as build_tables gives it run as Python, against every loop.
    widths, forced, change, labels = lists
    n = len(widths)
    costs = [float(b % 7) - 2.5 for b in range(n - 1)]
    facts = BoundaryFacts(costs, costs[::-1], costs, forced, [bool(flag) for flag in change])
    limits = LOOPS.limits_for(Rules(), DEFAULT_WEIGHTS, " ")
    starts = list(range(0, 500 * n, 500))
    built = LOOPS.build_tables(
        widths, starts, starts, facts, limits, (labels, labels) if labelled else None
    )
    prefix = LOOPS._prefix(widths, limits.sep)
    alone = labels if labelled else [0] * n
    keep_prefix, delta, lowest = LOOPS._keep_and_delta(costs, costs[::-1])
    expected = {
        "prefix": prefix,
        "keep_prefix": keep_prefix,
        "delta": delta,
        "negative_delta": lowest,
        "end_keep": LOOPS._end_keep(costs, forced, keep_prefix, limits.cue),
        "change": change,
        "next_change": LOOPS._next_change(change),
        "top_end": LOOPS._top_end(prefix, limits.sep, limits.row_chars, None),
        "top_row_end": LOOPS._top_end(
            prefix, limits.sep, limits.row_chars, labels if labelled else None
        ),
        "bottom_start": LOOPS._bottom_start(prefix, limits.sep, limits.row_chars),
        "cap": LOOPS._caps(widths, alone, forced, change, limits.row_chars),
    }
    for field in fields(built):
        if field.name in expected:
            assert getattr(built, field.name) == expected[field.name], field.name
