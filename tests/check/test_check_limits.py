"""check at exactly each limit (passes) and one unit past it (reported), with no slack and
with the default slack: convert and check agree exactly at the boundary (#9)."""

from __future__ import annotations

import pytest

from cuecraft.segment import Rules
from cuecraft.tools.check import SubtitleCue, check_cues

RULES = Rules(
    max_chars_per_row=20,
    max_rows=2,
    max_row_seconds=2.0,
    min_duration_ms=1000,
    max_duration_ms=3000,
    max_chars_per_second=10,
    min_gap_ms=100,
)


def _codes(*cues: tuple[int, int, tuple[str, ...]], tolerance_ms: int | None = 0) -> list[str]:
    subtitles = [SubtitleCue(n, s, e, rows) for n, (s, e, rows) in enumerate(cues, start=1)]
    report = check_cues(subtitles, RULES, tolerance_ms=tolerance_ms)
    return [finding.code for finding in report.findings]


def test_row_of_exactly_max_chars_per_row_passes() -> None:
    assert _codes((0, 2000, ("aaaaaaaaa bbbbbbbbbb",))) == []  # 20 characters
    assert "row-too-long" in _codes((0, 2000, ("aaaaaaaaa bbbbbbbbbbb",)))  # 21


def test_row_counts_nfc_code_points() -> None:
    # "e" + combining acute is one character on screen, as the engine counts it.
    assert _codes((0, 2000, ("aaaaaaaaa bbbbbbbbb\u0065\u0301",))) == []


def test_exactly_max_rows_passes() -> None:
    assert _codes((0, 2000, ("one", "two"))) == []
    assert _codes((0, 3000, ("one", "two", "six"))) == ["too-many-rows"]


@pytest.mark.parametrize("tolerance", [0, None])
def test_exactly_the_per_row_screen_time_passes(tolerance: int | None) -> None:
    slack = 0 if tolerance is not None else 1
    assert _codes((0, 2000 + slack, ("one row",)), tolerance_ms=tolerance) == []
    assert _codes((0, 2001 + slack, ("one row",)), tolerance_ms=tolerance) == ["too-long"]
    assert _codes((0, 3000 + slack, ("two", "rows")), tolerance_ms=tolerance) == []


@pytest.mark.parametrize("tolerance", [0, None])
def test_exactly_max_duration_passes(tolerance: int | None) -> None:
    # Two rows would allow 4 s per row; max_duration_ms caps them at 3 s.
    slack = 0 if tolerance is not None else 1
    assert _codes((0, 3000 + slack, ("two", "rows")), tolerance_ms=tolerance) == []
    assert _codes((0, 3001 + slack, ("two", "rows")), tolerance_ms=tolerance) == ["too-long"]


@pytest.mark.parametrize("tolerance", [0, None])
def test_exactly_the_minimum_duration_passes(tolerance: int | None) -> None:
    slack = 0 if tolerance is not None else 1
    assert _codes((0, 1000 - slack, ("short",)), tolerance_ms=tolerance) == []
    assert _codes((0, 999 - slack, ("short",)), tolerance_ms=tolerance) == ["too-short"]


def test_exactly_the_reading_speed_passes() -> None:
    # 20 characters in 2 s at 10 cps; one more character is over.
    assert _codes((0, 2000, ("aaaaaaaaa bbbbbbbbbb",))) == []
    assert _codes((0, 2000, ("aaaaaaaaa bbbbbbbbbb", "c"))) == ["reading-speed"]
    # The default slack is 1 ms of duration: 20 characters in 1999 ms pass, in 1998 do not.
    assert _codes((0, 1999, ("aaaaaaaaa bbbbbbbbbb",)), tolerance_ms=None) == []
    assert _codes((0, 1998, ("aaaaaaaaa bbbbbbbbbb",)), tolerance_ms=None) == ["reading-speed"]


@pytest.mark.parametrize("tolerance", [0, None])
def test_exactly_the_minimum_gap_passes(tolerance: int | None) -> None:
    slack = 0 if tolerance is not None else 1
    first = (0, 1000, ("one",))
    assert _codes(first, (1100 - slack, 2100, ("two",)), tolerance_ms=tolerance) == []
    gap = _codes(first, (1099 - slack, 2100, ("two",)), tolerance_ms=tolerance)
    assert gap == ["gap-under-minimum"]


def test_touching_cues_are_no_overlap_but_one_ms_earlier_is() -> None:
    first = (0, 1000, ("one",))
    assert _codes(first, (1000, 2000, ("two",))) == ["gap-under-minimum"]
    assert _codes(first, (999, 2000, ("two",))) == ["overlap"]


def test_single_word_over_the_row_is_a_warning_after_a_label_or_dash() -> None:
    rules = Rules(max_chars_per_row=20)
    for row in ("Extraordinarily-long-word", "Ann Lee: Extraordinarily", "-Extraordinarily-long"):
        report = check_cues([SubtitleCue(1, 0, 2000, (row,))], rules, tolerance_ms=0)
        assert [(f.code, f.severity) for f in report.findings] == [
            ("word-longer-than-row", "warning")
        ], row
    # Two words could have been broken: an error, whatever row holds the single long word.
    report = check_cues(
        [SubtitleCue(1, 0, 4000, ("Extraordinarily-long-word", "two words here and more"))],
        rules,
        tolerance_ms=0,
    )
    assert [f.code for f in report.findings] == ["row-too-long"]
    assert report.findings[0].value == 23
