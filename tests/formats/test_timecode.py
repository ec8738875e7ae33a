"""Frame rates and SMPTE labels (cuecraft.formats.timecode), shared by rules, TTML and the
editing-tool writers."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.formats.timecode import (
    EXACT_RATES,
    FRAME_RATES,
    frames,
    known_frame_rate,
    label,
    nominal,
    offset_count,
)
from cuecraft.segment import rules


def test_segmentation_rules_use_the_same_frame_rates() -> None:
    assert rules.FRAME_RATES is FRAME_RATES
    assert rules.known_frame_rate is known_frame_rate
    assert FRAME_RATES == (23.976, 24.0, 25.0, 29.97, 30.0)


@pytest.mark.parametrize(
    ("given_rate", "rate"), [(23.976, 23.976), (25, 25.0), (29.9700000001, 29.97)]
)
def test_known_frame_rate_snaps_to_the_table(given_rate: float, rate: float) -> None:
    assert known_frame_rate(given_rate) == rate


@pytest.mark.parametrize("rate", [0, 29.96, 50, -25])
def test_unknown_frame_rate_names_the_known_ones(rate: float) -> None:
    with pytest.raises(ValueError, match=r"23\.976, 24, 25, 29\.97, 30"):
        known_frame_rate(rate)


def test_nominal_and_exact_rates() -> None:
    assert [nominal(rate) for rate in FRAME_RATES] == [24, 24, 25, 30, 30]
    assert EXACT_RATES[29.97] == Fraction(30000, 1001)
    assert frames(1000, 29.97) == 30  # 29.97 frames: the nearest is the 30th
    assert frames(20, 25.0) == 1  # half a frame rounds up


@pytest.mark.parametrize(
    ("count", "drop_frame", "text"),
    [
        (0, False, "00:00:00:00"),
        (1799, True, "00:00:59;29"),
        (1800, True, "00:01:00;02"),  # labels 00 and 01 are skipped each minute...
        (17982, True, "00:10:00;00"),  # ...but not in every tenth minute
        (107892, True, "01:00:00;00"),
        (1800, False, "00:01:00:00"),
    ],
)
def test_labels(count: int, drop_frame: bool, text: str) -> None:
    assert label(count, 29.97, drop_frame=drop_frame) == text


@given(st.integers(min_value=0, max_value=24 * 3600 * 30 - 1))
def test_drop_frame_label_reads_back_as_its_frame(count: int) -> None:
    text = label(count, 29.97, drop_frame=True)
    assert offset_count(text, 29.97, drop_frame=True) == count


@pytest.mark.parametrize(
    ("offset", "rate", "count"),
    [("01:00:00:00", 25.0, 90000), ("00:00:01:12", 24.0, 36), ("00:00:01.500", 25.0, 38)],
)
def test_offsets(offset: str, rate: float, count: int) -> None:
    assert offset_count(offset, rate) == count


def test_an_offset_that_is_no_time_code_is_refused() -> None:
    with pytest.raises(ValueError, match="HH:MM:SS:FF"):
        offset_count("1:00:00", 25.0)
