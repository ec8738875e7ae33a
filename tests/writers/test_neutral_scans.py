"""The whole-file scans that let the SRT writer skip looking at cues one by one (#12) answer
as the per-row checks they stand for, on text drawn from the characters those checks watch."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.writers._neutral import has_number_row, plain_for_srt

# pysubs2's SubRip timestamp: what a row must not hold twice in a file.
SRT_CLOCK = re.compile(r"\d{1,2}:\d{1,2}:\d{1,2}[.,]\d{1,3}")
NUMBER_ROW = re.compile(r" *\d+ *")

rows = st.lists(st.text(alphabet="0129:., ab-<>{}\\\u0663", max_size=14), min_size=1, max_size=8)


@given(rows)
def test_plain_for_srt_is_no_markup_and_fewer_than_two_clock_times(texts: list[str]) -> None:
    text = "\n".join(texts)
    markup = any(mark in text for mark in ("-->", "<", "{", "\\"))
    clocks = sum(len(SRT_CLOCK.findall(row)) for row in texts)
    assert plain_for_srt(text) == (not markup and clocks < 2)


@given(rows)
def test_has_number_row_is_any_row_of_digits_only(texts: list[str]) -> None:
    expected = any(NUMBER_ROW.fullmatch(row) for row in texts)
    assert has_number_row("\n".join(texts)) == expected


def test_the_scans_on_plain_rows() -> None:
    assert plain_for_srt("we met at 10:30.\nthen left")
    assert not plain_for_srt("00:00:01,000 and\n00:00:02,000")
    assert has_number_row("we counted\n 12 ")
    assert not has_number_row("we counted 12\nthen")
