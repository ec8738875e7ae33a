"""TTML codec (cuecraft.formats.ttml): one table of rates and namespaces, and time expressions
that the writer writes and the reader reads back."""

from __future__ import annotations

from fractions import Fraction
from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.formats.ttml import (
    DEFAULT_RATES,
    NAMESPACES,
    RATES,
    TT,
    TTM,
    TTP,
    Rates,
    format_time,
    parse_time,
)


def test_rates_are_frame_rate_and_multiplier() -> None:
    # TTML1 6.2.3/6.2.4: 23.976 and 29.97 are written as 24 and 30 times 1000/1001.
    assert {
        23.976: (24, Fraction(1000, 1001)),
        24.0: (24, Fraction(1)),
        25.0: (25, Fraction(1)),
        29.97: (30, Fraction(1000, 1001)),
        30.0: (30, Fraction(1)),
    } == RATES


def test_the_written_namespace_is_the_first_read() -> None:
    assert NAMESPACES[0] == TT == "http://www.w3.org/ns/ttml"
    assert (f"{TT}#parameter", f"{TT}#metadata") == (TTP, TTM)


def _rates(rate: float) -> Rates:
    nominal, multiplier = RATES[rate]
    return Rates(nominal * multiplier, nominal, 1, Fraction(1), "media", "nonDrop")


@given(st.integers(min_value=0, max_value=99 * 3_600_000), st.sampled_from(["clock", "offset"]))
def test_millisecond_times_read_back(ms: int, form: Literal["clock", "offset"]) -> None:
    text = format_time(ms, form, 25)
    assert parse_time(text, DEFAULT_RATES) == (Fraction(ms, 1000), None)


@given(st.sampled_from(sorted(RATES)), st.data())
def test_frame_times_read_back_at_the_effective_rate(rate: float, data: st.DataObject) -> None:
    rates = _rates(rate)
    seconds = data.draw(st.integers(min_value=0, max_value=24 * 3600))
    frame = data.draw(st.integers(min_value=0, max_value=rates.nominal_frame_rate - 1))
    text = format_time(
        seconds * rates.nominal_frame_rate + frame, "frames", rates.nominal_frame_rate
    )
    assert parse_time(text, rates) == (seconds + frame / rates.frame_rate, None)


@pytest.mark.parametrize(
    ("units", "form", "text"),
    [
        (3_723_004, "clock", "01:02:03.004"),
        (12_345, "offset", "12.345s"),
        (251, "frames", "00:00:10:01"),
    ],
)
def test_time_expressions(
    units: int, form: Literal["clock", "offset", "frames"], text: str
) -> None:
    assert format_time(units, form, 25) == text
