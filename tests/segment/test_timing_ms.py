"""The millisecond loop of cue timing (:func:`cuecraft.segment.python_steps.time_in_ms`,
without a frame rate) against the general loop of :func:`cuecraft.segment.timing.
time_span_notes` it bypasses, with every diagnostic."""

from __future__ import annotations

from unittest import mock

from hypothesis import assume, example, given
from hypothesis import strategies as st

from cuecraft.segment import python_steps, timing
from cuecraft.segment.compiled import load_kernel
from cuecraft.segment.rules import Rules
from tests.segment.test_cue_kernel import cue_columns, timed_spans

PURE = load_kernel(pure=True).cue_kernel


def _timed(
    starts: list[int],
    ends: list[int],
    spans: list[tuple[int, int]],
    chars: list[int],
    rows: list[int],
    rules: Rules,
) -> tuple[list[int], list[int], list[object]]:
    found = timing.time_span_notes(starts, ends, spans, chars, rows, rules, kernel=PURE)
    return found[0], found[1], [note.model_dump() for note in found[2]]


@given(
    timed=timed_spans(),
    data=st.data(),
    gap=st.sampled_from([0, 1, 83, 160]),
    minimum=st.sampled_from([0, 1, 833, 1200, 5000]),
    row_seconds=st.sampled_from([None, 0.5, 2.0, 7.0]),
    cps=st.sampled_from([5.0, 17.0, 21.5]),
)
@example(  # two cues whose first words start together: the second is delayed
    timed=([0, 0], [10, 10], [(0, 1), (1, 2)]),
    data=None,
    gap=83,
    minimum=833,
    row_seconds=None,
    cps=17.0,
)
@example(  # 14 characters at 17 a second: 823.53 ms, which rounds up
    timed=([0], [10], [(0, 1)]), data=None, gap=0, minimum=0, row_seconds=None, cps=17.0
)
def test_the_ms_loop_is_the_general_loop(
    timed: tuple[list[int], list[int], list[tuple[int, int]]],
    data: st.DataObject | None,
    gap: int,
    minimum: int,
    row_seconds: float | None,
    cps: float,
) -> None:
    starts, ends, spans = timed
    chars, rows = cue_columns(data, len(spans)) if data else ([14] * len(spans), [1] * len(spans))
    assume(row_seconds is None or row_seconds * 1000 >= minimum)
    rules = Rules(
        min_gap_ms=gap,
        min_duration_ms=minimum,
        max_row_seconds=row_seconds,
        max_chars_per_second=cps,
        max_rows=4,
    )
    fast = _timed(starts, ends, spans, chars, rows, rules)
    with mock.patch.object(python_steps, "time_in_ms", return_value=None):
        general = _timed(starts, ends, spans, chars, rows, rules)
    assert fast == general


def test_times_too_large_for_exact_floats_take_the_general_loop() -> None:
    huge = 2**53 + 1
    assert python_steps.time_in_ms([huge], [huge], [(0, 1)], [3], [1], Rules(), 17.0) is None
    assert python_steps.time_in_ms([0.5], [1], [(0, 1)], [3], [1], Rules(), 17.0) is None  # type: ignore[list-item]
