"""The two-row shape table the kernel reads (``Tables.shape``) against ``shape_cost``."""

from __future__ import annotations

import math
from array import array

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.segment.boundaries import BoundaryFacts
from cuecraft.segment.compiled import load_kernel
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights, shape_cost
from cuecraft.segment.tables import _shape_by_total


@given(
    row_chars=st.integers(1, 60),
    sep=st.integers(0, 2),
    balance=st.floats(0, 10, allow_nan=False),
    pyramid=st.floats(0, 10, allow_nan=False),
)
def test_shape_table_holds_shape_cost_of_every_two_row_split(
    row_chars: int, sep: int, balance: float, pyramid: float
) -> None:
    table = _shape_by_total(row_chars, sep, balance, pyramid)
    weights = Weights(balance=balance, pyramid=pyramid)
    assert len(table) == (2 * row_chars + sep + 1) * (row_chars + 1)
    for total in range(2 * row_chars + sep + 1):
        for top in range(row_chars + 1):
            bottom = total - top - sep
            cell = table[total * (row_chars + 1) + top]
            if 0 <= bottom <= row_chars:
                # The same float, bit for bit: the layouts depend on exact ties.
                assert cell == shape_cost((top, bottom), row_chars, weights)
            else:
                assert math.isinf(cell)


def test_shape_table_prefers_a_bottom_heavy_pyramid() -> None:
    table = _shape_by_total(42, 1, DEFAULT_WEIGHTS.balance, DEFAULT_WEIGHTS.pyramid)
    total = 10 + 1 + 30
    assert table[total * 43 + 10] < table[total * 43 + 30]


@given(
    facts=st.integers(2, 30).flatmap(
        lambda n: st.tuples(
            *(st.lists(st.floats(0, 50, allow_nan=False), min_size=n - 1, max_size=n - 1),) * 3,
            st.lists(st.booleans(), min_size=n - 1, max_size=n - 1),
            st.lists(st.booleans(), min_size=n - 1, max_size=n - 1),
        )
    )
)
def test_tables_are_the_same_from_cost_lists_and_cost_arrays(
    facts: tuple[list[float], list[float], list[float], list[bool], list[bool]],
) -> None:
    # The compiled boundary kernel hands the tables arrays of C doubles, which they read in
    # place; the Python one hands them lists, which they convert: the tables must not differ.
    cue_end, line_end, keep, forced, change = facts
    n = len(cue_end) + 1
    tables = load_kernel().tables
    limits = tables.limits_for(Rules(), DEFAULT_WEIGHTS, " ")
    widths, starts, ends = (
        [3] * n,
        array("q", range(0, 500 * n, 500)),
        array("q", range(400, 500 * n, 500)),
    )
    from_lists = BoundaryFacts(cue_end, line_end, keep, forced, change)
    from_arrays = BoundaryFacts(
        array("d", cue_end), array("d", line_end), array("d", keep), forced, change
    )
    built = [
        tables.build_tables(widths, starts, ends, f, limits) for f in (from_lists, from_arrays)
    ]
    for name in ("keep_prefix", "delta", "end_keep", "change", "next_change", "cap"):
        assert list(getattr(built[0], name)) == list(getattr(built[1], name)), name
    assert (
        built[0].negative_delta
        == built[1].negative_delta
        == min(0.0, *(row - kept for row, kept in zip(line_end, keep, strict=True)))
    )
    assert list(built[0].change) == [int(flag) for flag in change]
