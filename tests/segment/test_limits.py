"""Every hard limit at exactly its value (allowed) and one unit past it (not), for the
segmenters and the cue timing (#9). Each test here fails if the limit's comparison in the
engine or the timing is made strict or loose by one (``>`` for ``>=`` and the reverse)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cuecraft.model import Cue, Speaker, Transcript, Word
from cuecraft.segment import segment, segment_with_report
from cuecraft.segment.rules import FRAME_RATES, Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS
from cuecraft.tools.check import check_cues

ENGINES = ["optimal", "greedy"]
_SPEAKERS = (Speaker(id="A", name="Ann"), Speaker(id="B", name="Bo"))


def _words(*spans: tuple[str, int, int]) -> Transcript:
    words = tuple(Word(text=text, start_ms=start, end_ms=end) for text, start, end in spans)
    return Transcript(words=words, language="en")


def _rows(cues: list[Cue]) -> list[list[str]]:
    return [[line.text for line in cue.lines] for cue in cues]


def _clean(cues: list[Cue], rules: Rules) -> bool:
    """What convert writes passes check with the same rules, with no slack at all."""
    return check_cues(cues, rules, tolerance_ms=0).errors == 0


# Rows: max_chars_per_row ---------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_row_of_exactly_max_chars_per_row_is_one_row(engine: str) -> None:
    transcript = _words(("aaaa", 0, 300), ("bbbb", 400, 700))  # "aaaa bbbb": 9 characters
    rules = Rules(max_chars_per_row=9, engine=engine)
    cues = segment(transcript, rules)
    assert _rows(cues) == [["aaaa bbbb"]]
    assert _clean(cues, rules)


@pytest.mark.parametrize("engine", ENGINES)
def test_one_character_more_than_max_chars_per_row_breaks_the_row(engine: str) -> None:
    transcript = _words(("aaaa", 0, 300), ("bbbb", 400, 700))
    rules = Rules(max_chars_per_row=8, engine=engine)
    cues = segment(transcript, rules)
    assert [row for rows in _rows(cues) for row in rows] == ["aaaa", "bbbb"]
    assert _clean(cues, rules)


@pytest.mark.parametrize("engine", ENGINES)
def test_word_of_exactly_max_chars_per_row_shares_its_cue(engine: str) -> None:
    transcript = _words(("aaaaaaaaaaaa", 0, 300), ("bb", 400, 700))
    rules = Rules(max_chars_per_row=12, engine=engine)
    cues = segment(transcript, rules)
    assert _rows(cues) == [["aaaaaaaaaaaa", "bb"]]


def test_single_word_of_exactly_max_chars_per_row_is_no_problem() -> None:
    result = segment_with_report(_words(("a" * 12, 0, 900)), Rules(max_chars_per_row=12))
    assert result.diagnostics == []
    longer = segment_with_report(_words(("a" * 13, 0, 900)), Rules(max_chars_per_row=12))
    assert [d.code for d in longer.diagnostics] == ["word-longer-than-row"]


# Rows per cue: max_rows ---------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_cue_of_exactly_max_rows(engine: str) -> None:
    # Three 4-character words, spoken in one breath: exactly three rows of 4 when allowed.
    transcript = _words(("aaaa", 0, 250), ("bbbb", 300, 550), ("cccc", 600, 850))
    rules = Rules(max_chars_per_row=4, max_rows=3, engine=engine)
    cues = segment(transcript, rules)
    assert max(len(cue.lines) for cue in cues) <= 3
    assert _clean(cues, rules)
    two = Rules(max_chars_per_row=4, max_rows=2, engine=engine)
    cues = segment(transcript, two)
    assert len(cues) == 2
    assert max(len(cue.lines) for cue in cues) == 2


# Duration: max_duration_ms and max_row_seconds ------------------------------------------

_NO_PAUSES = {"pause_break_ms": None, "forced_pause_break_ms": None}


@pytest.mark.parametrize("engine", ENGINES)
def test_cue_spoken_for_exactly_max_duration_is_one_cue(engine: str) -> None:
    rules = Rules(max_row_seconds=None, max_duration_ms=3000, engine=engine, **_NO_PAUSES)
    cues = segment(_words(("one", 0, 500), ("two", 2500, 3000)), rules)
    assert _rows(cues) == [["one two"]]
    assert (cues[0].start_ms, cues[0].end_ms) == (0, 3000)
    assert _clean(cues, rules)


@pytest.mark.parametrize("engine", ENGINES)
def test_cue_spoken_one_ms_longer_than_max_duration_is_split(engine: str) -> None:
    rules = Rules(max_row_seconds=None, max_duration_ms=3000, engine=engine, **_NO_PAUSES)
    cues = segment(_words(("one", 0, 500), ("two", 2500, 3001)), rules)
    assert _rows(cues) == [["one"], ["two"]]
    assert _clean(cues, rules)


@pytest.mark.parametrize("engine", ENGINES)
def test_cue_of_exactly_the_per_row_screen_time_is_one_row(engine: str) -> None:
    rules = Rules(max_row_seconds=2.0, engine=engine, **_NO_PAUSES)
    cues = segment(_words(("one", 0, 300), ("two", 1700, 2000)), rules)
    assert _rows(cues) == [["one two"]]
    assert (cues[0].start_ms, cues[0].end_ms) == (0, 2000)
    assert _clean(cues, rules)


def test_cue_one_ms_over_the_per_row_screen_time_needs_a_second_row() -> None:
    rules = Rules(max_row_seconds=2.0, **_NO_PAUSES)
    cues = segment(_words(("one", 0, 300), ("two", 1700, 2001)), rules)
    for cue in cues:
        assert cue.end_ms - cue.start_ms <= 2000 * len(cue.lines)
    assert _rows(cues) != [["one two"]]
    assert _clean(cues, rules)


def test_cue_of_exactly_the_longest_two_row_time_is_one_cue() -> None:
    # Two rows x 2 s: a cue spoken for exactly 4 s may hold both words, one per row.
    rules = Rules(max_row_seconds=2.0, **_NO_PAUSES)
    cues = segment(_words(("one", 0, 300), ("two", 3700, 4000)), rules)
    assert _rows(cues) == [["one", "two"]]
    assert _clean(cues, rules)
    cues = segment(_words(("one", 0, 300), ("two", 3700, 4001)), rules)
    assert _rows(cues) == [["one"], ["two"]]


def test_first_word_of_exactly_the_limit_shares_its_cue_with_a_word_inside_it() -> None:
    rules = Rules(max_row_seconds=None, max_duration_ms=3000, **_NO_PAUSES)
    cues = segment(_words(("Hellooo", 0, 3000), ("x", 100, 200)), rules)
    assert _rows(cues) == [["Hellooo x"]]


def test_first_word_longer_than_the_limit_stays_alone_even_with_a_word_inside_it() -> None:
    # The second word ends before the first one: the limit holds whatever the order of ends.
    rules = Rules(max_row_seconds=None, max_duration_ms=7000, **_NO_PAUSES)
    result = segment_with_report(_words(("Hellooo", 0, 8000), ("x", 100, 200)), rules)
    assert _rows(result.cues) == [["Hellooo"], ["x"]]
    assert "word-longer-than-cue" in {d.code for d in result.diagnostics}
    assert _clean(result.cues, rules)


# Timing: the duration limit after rounding, the gap, the minimum duration ----------------


@pytest.mark.parametrize("frame_rate", [None, *FRAME_RATES])
def test_single_word_spoken_longer_than_the_limit_is_shown_for_the_limit(
    frame_rate: float | None,
) -> None:
    # #9: a long word is shown for at most the per-row time; the next cue starts on time.
    rules = Rules(max_row_seconds=2.0, frame_rate=frame_rate)
    result = segment_with_report(_words(("Sooooo", 0, 3500), ("next", 5000, 5300)), rules)
    cues = result.cues
    frame = 0 if frame_rate is None else 1000 / frame_rate
    duration = cues[0].end_ms - cues[0].start_ms
    assert 2000 - frame - 1 <= duration <= 2000
    assert abs(cues[1].start_ms - 5000) <= frame / 2 + 1
    assert [d.code for d in result.diagnostics] == ["word-longer-than-cue"]
    assert _clean(cues, rules)


def test_word_spoken_exactly_the_limit_keeps_all_of_it() -> None:
    cues = segment(_words(("Sooooo", 0, 2000), ("next", 2600, 2900)), Rules())
    assert (cues[0].start_ms, cues[0].end_ms) == (0, 2000)


@pytest.mark.parametrize("frame_rate", FRAME_RATES)
def test_frame_snapped_cue_never_exceeds_the_limit(frame_rate: float) -> None:
    # Words whose span is exactly the limit in ms: rounding start and end to frames apart
    # used to give a cue one or two frames longer (#9).
    rules = Rules(frame_rate=frame_rate, max_row_seconds=1.0)
    for start in range(0, 200, 7):
        cues = segment(_words(("aa", start, start + 300), ("bb", start + 700, start + 1000)), rules)
        for cue in cues:
            assert cue.end_ms - cue.start_ms <= 1000 * len(cue.lines)
        assert _clean(cues, rules)


def test_gap_of_exactly_the_minimum_is_kept_and_no_start_is_delayed() -> None:
    result = segment_with_report(_words(("One.", 0, 200), ("Two.", 500, 700)), Rules())
    first, second = result.cues
    assert second.start_ms - first.end_ms == 80
    assert "start-delayed" not in {d.code for d in result.diagnostics}
    report = check_cues(result.cues, Rules(), tolerance_ms=0)
    assert report.counts()["gap-under-minimum"] == 0


# The layout of the hand rules (#13's learned costs off: they would join "Hi. Next one."):
# these tests are about the timing of a given layout.
_HAND = replace(DEFAULT_WEIGHTS, learned=0.0)


def test_short_cue_starts_earlier_to_reach_exactly_the_minimum() -> None:
    # #9: "Hi." has 1.1 s of free time before it but the next word follows 200 ms later.
    transcript = _words(("Hi.", 1000, 1100), ("Next", 1300, 1600), ("one.", 1600, 2400))
    cues = segment_with_report(transcript, Rules(), weights=_HAND).cues
    assert (cues[0].start_ms, cues[0].end_ms) == (1220 - 833, 1220)
    assert cues[1].start_ms == 1300


def test_early_start_stops_exactly_at_the_gap_after_the_previous_cue() -> None:
    transcript = _words(
        ("A.", 0, 100), ("Hi.", 1000, 1100), ("Next", 1300, 1600), ("one.", 1600, 2400)
    )
    cues = segment_with_report(transcript, Rules(), weights=_HAND).cues
    assert [c.start_ms for c in cues][:2] == [0, 833 + 80]
    assert cues[1].start_ms - cues[0].end_ms == 80
    assert _clean(cues, Rules())


def test_early_start_stays_within_the_duration_limit() -> None:
    # A minimum of 2 s with a 2 s per-row limit: the early start may not add more.
    rules = Rules(min_duration_ms=2000, max_row_seconds=2.0, pause_break_ms=None)
    words = (
        Word(text="Hi.", start_ms=5000, end_ms=5100, speaker="A"),
        Word(text="Next", start_ms=5300, end_ms=5600, speaker="B"),
    )
    cues = segment(Transcript(words=words, speakers=_SPEAKERS, language="en"), rules)
    assert (cues[0].start_ms, cues[0].end_ms) == (3220, 5220)
    assert _clean(cues, rules)


@pytest.mark.parametrize(("row_chars", "shared"), [(5, True), (4, False)])
def test_two_speaker_rows_of_exactly_max_chars_per_row(row_chars: int, shared: bool) -> None:
    # "-aaaa" and "-bbbb" are 5 characters with their dashes; each speaker alone would be
    # too short to read, so they share a cue whenever the rows fit.
    words = (
        Word(text="aaaa", start_ms=0, end_ms=200, speaker="A"),
        Word(text="bbbb", start_ms=220, end_ms=400, speaker="B"),
    )
    rules = Rules(dual_speaker_dashes=True, max_chars_per_row=row_chars)
    cues = segment(Transcript(words=words, speakers=_SPEAKERS, language="en"), rules)
    if shared:
        assert _rows(cues) == [["-aaaa", "-bbbb"]]
    else:
        assert _rows(cues) == [["aaaa"], ["bbbb"]]
    assert _clean(cues, rules)


def test_reading_speed_exactly_at_the_limit_is_not_reported() -> None:
    # 17 characters in exactly 1 s at 17 cps, the next cue leaving exactly that room.
    rules = Rules(max_row_seconds=None, min_duration_ms=0)
    for text, reported in (("abcdefghijklmnopq", False), ("abcdefghijklmnopqr", True)):
        transcript = _words((text, 0, 500), ("next", 1080, 1500))
        result = segment_with_report(transcript, rules)
        assert result.cues[0].end_ms == 1000
        codes = {(d.code, d.cue_index) for d in result.diagnostics}
        assert (("reading-speed", 0) in codes) is reported
        report = check_cues(result.cues, rules, tolerance_ms=0)
        assert (report.counts()["reading-speed"] == 1) is reported
