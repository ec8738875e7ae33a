"""Whole-list passes of :func:`cuecraft.segment.boundaries.boundary_facts` against the
per-item formulations they replaced."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.segment.boundaries import pause_strengths
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import pause_strength


@given(
    st.lists(st.integers(-50, 4000), max_size=40),
    st.sets(st.integers(0, 39)),
    st.integers(0, 2000),
)
def test_pause_strengths_are_those_of_each_gap(
    gaps: list[int], repeats: set[int], minimum: int
) -> None:
    rules = Rules(min_duration_ms=minimum)
    repeats = {b for b in repeats if b < len(gaps)}
    expected = [pause_strength(gap, rules) for gap in gaps]
    for b in repeats:
        if gaps[b] < rules.min_duration_ms:
            expected[b] = 0.0
    assert [repr(value) for value in pause_strengths(gaps, rules, repeats)] == [
        repr(value) for value in expected
    ]
