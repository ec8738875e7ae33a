"""Cue timing in the compiled kernel (:mod:`cuecraft.segment.cue_kernel`) gives the times and
diagnostics of the Python loop in :mod:`cuecraft.segment.timing`, to the millisecond (#12)."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cuecraft.segment import Rules
from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.timing import time_spans

PURE = load_kernel(pure=True).cue_kernel
ACTIVE = active_kernel()
# The kernel's loop run as Python: what the compiled module runs, readable by coverage.
PURE_LOOP = SimpleNamespace(
    COMPILED=True,
    time_cues=PURE.time_cues,
    DELAYED=PURE.DELAYED,
    TOO_SHORT=PURE.TOO_SHORT,
    READING_SPEED=PURE.READING_SPEED,
)
RATES = [None, 23.976, 24.0, 25.0, 29.97, 30.0]


@st.composite
def timed_spans(draw: st.DrawFn) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    count = draw(st.integers(min_value=1, max_value=40))
    steps = draw(st.lists(st.integers(0, 3000), min_size=count, max_size=count))
    starts = list(itertools.accumulate(steps))
    ends = [start + draw(st.integers(0, 9000)) for start in starts]
    cuts = sorted(draw(st.sets(st.integers(1, count - 1), max_size=count - 1)) if count > 1 else [])
    bounds = [0, *cuts, count]
    return starts, ends, list(itertools.pairwise(bounds))


@given(
    timed=timed_spans(),
    data=st.data(),
    fps=st.sampled_from(RATES),
    gap=st.sampled_from([0, 1, 83, 160]),
    minimum=st.sampled_from([0, 1, 833, 1200, 5000]),
    row_seconds=st.sampled_from([None, 0.5, 2.0, 7.0]),
    cps=st.sampled_from([5.0, 17.0, 21.5]),
)
def test_the_kernel_times_cues_as_the_python_loop_does(
    timed: tuple[list[int], list[int], list[tuple[int, int]]],
    data: st.DataObject,
    fps: float | None,
    gap: int,
    minimum: int,
    row_seconds: float | None,
    cps: float,
) -> None:
    starts, ends, spans = timed
    count = len(spans)
    chars = data.draw(st.lists(st.integers(1, 90), min_size=count, max_size=count))
    rows = data.draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
    assume(row_seconds is None or row_seconds * 1000 >= minimum)
    rules = Rules(
        frame_rate=fps,
        min_gap_ms=gap,
        min_duration_ms=minimum,
        max_row_seconds=row_seconds,
        max_chars_per_second=cps,
        max_rows=4,
    )
    expected = time_spans(starts, ends, spans, chars, rows, rules, kernel=PURE)
    kernels: list[Any] = [PURE_LOOP]
    if ACTIVE.compiled:
        kernels.append(ACTIVE.cue_kernel)
    for kernel in kernels:
        assert time_spans(starts, ends, spans, chars, rows, rules, kernel=kernel) == expected


def test_the_python_mode_runs_the_timing_module_loop() -> None:
    assert not PURE.COMPILED
    if not ACTIVE.compiled:
        pytest.skip("the compiled kernel is not in use")
    assert ACTIVE.cue_kernel.COMPILED
