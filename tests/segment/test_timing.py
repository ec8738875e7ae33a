"""Cue timing: start at the first word, extend toward the targets, keep the gap, snap to frames."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.model import Line, Transcript, Word
from cuecraft.segment.rules import Rules
from cuecraft.segment.timing import time_cues, time_layout


def _words(*spans: tuple[str, int, int]) -> Transcript:
    return Transcript(words=tuple(Word(text=t, start_ms=s, end_ms=e) for t, s, e in spans))


def _layout(transcript: Transcript, *cuts: int) -> list[tuple[int, int, list[Line]]]:
    bounds = [0, *cuts, len(transcript.words)]
    return [
        (
            first,
            stop,
            [
                Line(
                    text=" ".join(w.text for w in transcript.words[first:stop]),
                    first=first,
                    stop=stop,
                )
            ],
        )
        for first, stop in itertools.pairwise(bounds)
    ]


def test_cue_starts_at_first_word_and_ends_at_last_when_long_enough() -> None:
    transcript = _words(("Hello", 1000, 1500), ("there.", 1600, 2200))
    (cue,) = time_cues(transcript, _layout(transcript), Rules(min_duration_ms=500))
    assert (cue.start_ms, cue.end_ms) == (1000, 2200)


def test_short_cue_is_extended_to_the_minimum_duration() -> None:
    transcript = _words(("Hi.", 1000, 1200))
    (cue,) = time_cues(transcript, _layout(transcript), Rules())
    assert (cue.start_ms, cue.end_ms) == (1000, 1833)


def test_extension_toward_reading_speed() -> None:
    text = "Supercalifragilistic expialidocious"  # 35 characters: 2059 ms at 17 cps
    transcript = _words((text.split()[0], 0, 500), (text.split()[1], 500, 1000))
    (cue,) = time_cues(transcript, _layout(transcript), Rules(max_row_seconds=None))
    assert cue.end_ms == round(35 * 1000 / 17)


def test_extension_capped_by_the_per_row_limit() -> None:
    text = "x" * 40
    transcript = _words((text, 0, 100))
    rules = Rules(max_row_seconds=1.0, min_duration_ms=0, max_chars_per_second=10)
    (cue,) = time_cues(transcript, _layout(transcript), rules)
    assert cue.end_ms == 1000


def test_extension_stops_at_next_cue_minus_gap() -> None:
    transcript = _words(("One.", 0, 200), ("Two.", 500, 700))
    first, second = time_cues(transcript, _layout(transcript, 1), Rules())
    assert first.end_ms == 500 - 80
    assert second.start_ms == 500


def test_end_pulled_back_to_keep_the_gap() -> None:
    # The speech runs on: the first cue's last word ends 20 ms before the next one starts.
    transcript = _words(("One", 0, 480), ("two.", 500, 900))
    first, second = time_cues(transcript, _layout(transcript, 1), Rules(min_gap_ms=80))
    assert first.end_ms == 420
    assert second.start_ms == 500


def test_colliding_starts_never_overlap_nor_collapse() -> None:
    transcript = _words(("A", 0, 0), ("B", 0, 0), ("C", 0, 0))
    cues, notes = time_layout(transcript, _layout(transcript, 1, 2), Rules())
    assert all(cue.end_ms > cue.start_ms for cue in cues)
    assert [c.start_ms for c in cues] == [0, 81, 162]
    assert [n.code for n in notes if n.code == "start-delayed"] == ["start-delayed"] * 2


def test_frame_snapping_keeps_whole_frames_and_never_zero() -> None:
    transcript = _words(("A", 1001, 1001), ("B", 1010, 1010), ("C", 5000, 5400))
    rules = Rules(frame_rate=25.0, min_duration_ms=0)
    cues = time_cues(transcript, _layout(transcript, 1, 2), rules)
    for cue in cues:
        assert cue.start_ms % 40 == 0
        assert cue.end_ms % 40 == 0
        assert cue.end_ms - cue.start_ms >= 40
    for previous, cue in itertools.pairwise(cues):
        assert cue.start_ms - previous.end_ms >= 80


def test_reading_speed_and_short_cues_are_reported_as_info() -> None:
    transcript = _words(("Unbelievably", 0, 100), ("fast!", 120, 200), ("Next.", 300, 600))
    _, notes = time_layout(transcript, _layout(transcript, 2), Rules())
    codes = {(n.code, n.cue_index, n.severity) for n in notes}
    assert ("reading-speed", 0, "info") in codes
    assert ("too-short", 0, "info") in codes


def test_language_reading_speed_can_override_the_rules() -> None:
    transcript = _words(("今日は晴れ", 0, 100))
    (cue,), _ = time_layout(
        transcript, _layout(transcript), Rules(min_duration_ms=0), chars_per_second=4.0
    )
    assert cue.end_ms == 1250


@given(
    st.lists(st.tuples(st.integers(0, 3000), st.integers(0, 900)), min_size=1, max_size=30),
    st.sampled_from([None, 23.976, 25.0, 29.97]),
    st.sampled_from([None, 0, 40, 200]),
)
def test_timing_never_overlaps_and_keeps_the_gap(
    steps: list[tuple[int, int]], fps: float | None, gap: int | None
) -> None:
    clock, spans = 0, []
    for index, (step, length) in enumerate(steps):
        clock += step
        spans.append((f"w{index}", clock, clock + length))
    transcript = _words(*spans)
    rules = Rules(frame_rate=fps, min_gap_ms=gap)
    cuts = list(range(1, len(spans)))
    cues = time_cues(transcript, _layout(transcript, *cuts), rules)
    tolerance = 0 if fps is None else 1
    for cue in cues:
        assert cue.end_ms > cue.start_ms
    for previous, cue in itertools.pairwise(cues):
        assert cue.start_ms - previous.end_ms >= rules.gap_ms - tolerance
