"""timing: the one rounding step, clock strings, frames and timecodes, and fitted spans."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.timing import (
    fit_spans,
    format_clock,
    frames_to_ms,
    ms_to_frames,
    parse_timecode,
    seconds_to_ms,
)


@pytest.mark.parametrize(
    ("seconds", "ms"),
    [(0.0, 0), (1.2345, 1235), (0.0005, 1), (0.0004999, 0), (-0.0005, -1), (-1.2344, -1234)],
)
def test_seconds_round_half_away_from_zero(seconds: float, ms: int) -> None:
    assert seconds_to_ms(seconds) == ms


@pytest.mark.parametrize("seconds", [math.nan, math.inf, -math.inf, 1e308, -1e308])
def test_seconds_that_are_no_time(seconds: float) -> None:
    with pytest.raises(ValueError, match=r"finite|too large"):
        seconds_to_ms(seconds)


def test_format_clock() -> None:
    assert format_clock(3_723_004) == "01:02:03,004"
    assert format_clock(0, separator=".") == "00:00:00.000"
    assert format_clock(100 * 3_600_000, hours_digits=3) == "100:00:00,000"
    assert format_clock(5_999, hours_digits=1) == "0:00:05,999"
    with pytest.raises(ValueError, match="negative"):
        format_clock(-1)


@pytest.mark.parametrize(
    ("ms", "fps", "frames"),
    [(0, 25, 0), (40, 25, 1), (19, 25, 0), (20, 25, 1), (1000, 29.97, 30), (1001, 23.976, 24)],
)
def test_ms_to_frames(ms: int, fps: float, frames: int) -> None:
    assert ms_to_frames(ms, fps) == frames


@pytest.mark.parametrize("fps", [0, -25, math.nan, math.inf])
def test_frame_rate_must_be_positive(fps: float) -> None:
    with pytest.raises(ValueError, match="frame rate"):
        ms_to_frames(1000, fps)
    with pytest.raises(ValueError, match="frame rate"):
        frames_to_ms(25, fps)


def test_times_too_large_for_a_float_overflow() -> None:
    with pytest.raises(OverflowError):
        ms_to_frames(10**400, 25)
    with pytest.raises(OverflowError):
        frames_to_ms(10**400, 25)


@given(st.integers(0, 10**9), st.sampled_from([23.976, 24, 25, 29.97, 30, 50, 60]))
def test_frames_round_trip_within_half_a_frame(ms: int, fps: float) -> None:
    back = frames_to_ms(ms_to_frames(ms, fps), fps)
    assert abs(back - ms) <= 1000 / fps / 2 + 1


@pytest.mark.parametrize(
    ("timecode", "fps", "ms"),
    [
        ("00:00:01:00", 25, 1000),
        ("01:02:03:12", 25, 3_723_480),
        (" 10:00:00;15 ", 30, 36_000_500),
        ("00:00:00:29", 29.97, 968),
    ],
)
def test_parse_timecode(timecode: str, fps: float, ms: int) -> None:
    assert parse_timecode(timecode, fps) == ms


@pytest.mark.parametrize(
    ("timecode", "problem"),
    [
        ("00:00:01", "expected a timecode"),
        ("00:00:01:00:00", "expected a timecode"),
        ("aa:00:01:00", "expected a timecode"),
        ("00:-1:01:00", "expected a timecode"),
        ("00:60:00:00", "out of range"),
        ("00:00:60:00", "out of range"),
        ("00:00:00:25", "out of range"),
    ],
)
def test_bad_timecodes(timecode: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_timecode(timecode, 25)


def test_fit_spans_examples() -> None:
    assert fit_spans([(0, 0), (0, 3), (2, 5)]) == [(0, 1), (1, 2), (2, 5)]
    assert fit_spans([]) == []
    assert fit_spans([(5, 9)]) == [(5, 9)]
    # A span that would run into the next ends where the next starts.
    assert fit_spans([(0, 10), (4, 6)]) == [(0, 4), (4, 6)]


@given(st.lists(st.tuples(st.integers(0, 500), st.integers(0, 60)), max_size=30))
def test_fitted_spans_are_ordered_and_never_empty(raw: list[tuple[int, int]]) -> None:
    spans = sorted((start, start + length) for start, length in raw)
    fitted = fit_spans(spans)
    assert len(fitted) == len(spans)
    previous_end = 0
    for (start, end), (raw_start, _) in zip(fitted, spans, strict=True):
        assert end > start >= max(raw_start, previous_end)
        previous_end = end
