"""Cue timing in the compiled kernel (:mod:`cuecraft.segment.cue_kernel`) gives the times and
diagnostics of the Python loop in :mod:`cuecraft.segment.timing`, to the millisecond (#12)."""

from __future__ import annotations

import itertools
import math
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from cuecraft.columns import WordTable
from cuecraft.model import Transcript
from cuecraft.segment import Rules, resolve_rules
from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.engine import _records, layout_columns, layout_optimal, spans_of
from cuecraft.segment.kernel import RECORD
from cuecraft.segment.labels import label_widths
from cuecraft.segment.scoring import DEFAULT_WEIGHTS
from cuecraft.segment.timing import time_spans
from tests.strategies import segment_rules, transcripts

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


@given(st.floats(-1e12, 1e12) | st.integers(-(10**12), 10**12).map(float))
def test_the_kernels_floor_is_maths(value: float) -> None:
    # Compiled, the kernel floors in C rather than through math.floor: the times above are
    # compared in both modes; here the Python form, negative values too.
    assert PURE._floor(value) == math.floor(value)


@st.composite
def timed_spans(draw: st.DrawFn) -> tuple[list[int], list[int], list[tuple[int, int]]]:
    count = draw(st.integers(min_value=1, max_value=40))
    steps = draw(st.lists(st.integers(0, 3000), min_size=count, max_size=count))
    starts = list(itertools.accumulate(steps))
    ends = [start + draw(st.integers(0, 9000)) for start in starts]
    cuts = sorted(draw(st.sets(st.integers(1, count - 1), max_size=count - 1)) if count > 1 else [])
    bounds = [0, *cuts, count]
    return starts, ends, list(itertools.pairwise(bounds))


def cue_columns(data: st.DataObject, count: int) -> tuple[list[int], list[int]]:
    """The characters and the rows of each of ``count`` cues, drawn."""
    chars = data.draw(st.lists(st.integers(1, 90), min_size=count, max_size=count))
    rows = data.draw(st.lists(st.integers(1, 4), min_size=count, max_size=count))
    return chars, rows


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
    chars, rows = cue_columns(data, len(spans))
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


@given(transcripts(), segment_rules(), st.booleans())
def test_the_kernel_reads_the_records_as_the_layouts_do(
    transcript: Transcript, drawn: Rules, dashes: bool
) -> None:
    fields = drawn.model_dump(exclude_unset=True)
    if dashes:
        fields.update(dual_speaker_dashes=True, new_cue_on_speaker_change=False)
        fields["max_rows"] = max(2, fields.get("max_rows", 2))
    rules, language = resolve_rules(transcript, Rules(**{**fields, "engine": "optimal"}))
    words = WordTable.from_transcript(transcript)
    labels = label_widths(words, rules)
    layouts, diagnostics = layout_optimal(words, rules, language, labels=labels)
    expected = spans_of(layouts)
    columns, notes = layout_columns(words, rules, language, labels=labels)
    assert (list(columns[0]), list(columns[1]), columns[2]) == expected
    assert notes == diagnostics
    record, change = _records(words, rules, language, DEFAULT_WEIGHTS, labels, None)
    for kernel in (PURE, ACTIVE.cue_kernel):
        got = kernel.columns_from_records(record, change, rules.dual_speaker_dashes, RECORD)
        assert (list(got[0]), list(got[1]), got[2]) == expected
