"""The two-row shape table the kernel reads (``Tables.shape``) against ``shape_cost``."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

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
