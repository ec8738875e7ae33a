"""EBU-STL codec pieces shared by reader and writer (cuecraft.formats.stl)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.formats.stl.layout import DISPLAY_CODES, GSI_SIZE, is_gsi
from cuecraft.formats.stl.timecode import (
    decode_timecode,
    format_timecode,
    parse_timecode,
    timecode_bytes,
)

DAY_FRAMES = 24 * 3600


@given(st.sampled_from([24, 25, 30, 50]), st.data())
def test_time_code_bytes_text_and_frames_agree(fps: int, data: st.DataObject) -> None:
    count = data.draw(st.integers(min_value=0, max_value=DAY_FRAMES * fps - 1))
    raw = timecode_bytes(count, fps)
    assert decode_timecode(raw, fps) == count
    assert parse_timecode(format_timecode(count, fps), fps) == count
    assert format_timecode(count, fps) == ":".join(f"{part:02d}" for part in raw)


@pytest.mark.parametrize("raw", [bytes([24, 0, 0, 0]), bytes([0, 60, 0, 0]), bytes([0, 0, 0, 25])])
def test_impossible_time_codes_decode_to_none(raw: bytes) -> None:
    assert decode_timecode(raw, 25) is None


@pytest.mark.parametrize(
    ("text", "frames"),
    [("10:00:00:00", 900000), ("10.00.00.01", 900001), ("00000024", 24), (" 00:00:01:00 ", 25)],
)
def test_time_code_texts(text: str, frames: int) -> None:
    assert parse_timecode(text, 25) == frames


@pytest.mark.parametrize("text", ["", "10:00:00", "00:00:00:25", "ab:00:00:00"])
def test_texts_that_are_no_time_code_at_25_fps(text: str) -> None:
    assert parse_timecode(text, 25) is None


def test_hours_past_a_day_are_still_shown() -> None:
    assert format_timecode(25 * 3600 * 25, 25) == "25:00:00:00"


def test_gsi_recognition_and_display_codes() -> None:
    assert is_gsi(b"850STL25.01" + b" " * (GSI_SIZE - 11))
    assert not is_gsi(b"850STL25.02")
    assert not is_gsi(b"<?xml version")
    assert DISPLAY_CODES == {"open": "0", "teletext": "1", "teletext-level-2": "2"}
