"""Hypothesis strategies shared by the tests: words, transcripts, rules."""

from __future__ import annotations

from hypothesis import strategies as st

from cuecraft.model import Speaker, Transcript, Word
from cuecraft.segment.rules import Rules

_WORD_TEXT = st.text(
    alphabet=st.characters(whitelist_categories=("Lu", "Ll", "Nd", "Po"), max_codepoint=0x17F),
    min_size=1,
    max_size=14,
)


@st.composite
def transcripts(draw: st.DrawFn, max_words: int = 80, long_words: bool = True) -> Transcript:
    """Valid transcripts: monotonic starts, zero-length words, pauses, speaker changes."""
    count = draw(st.integers(min_value=1, max_value=max_words))
    speaker_count = draw(st.integers(min_value=0, max_value=3))
    speakers = tuple(
        Speaker(id=f"spk{n + 1}", name=f"Speaker {n + 1}") for n in range(speaker_count)
    )
    ids: list[str | None] = [s.id for s in speakers] or [None]
    text_strategy = (
        _WORD_TEXT
        if not long_words
        else st.one_of(_WORD_TEXT, st.text(alphabet="abcdefgh", min_size=40, max_size=60))
    )
    words = []
    clock = draw(st.integers(min_value=0, max_value=10_000))
    for _ in range(count):
        clock += draw(st.sampled_from([0, 0, 10, 50, 120, 400, 2000, 20_000]))
        duration = draw(st.sampled_from([0, 80, 200, 350, 600, 1500]))
        words.append(
            Word(
                text=draw(text_strategy),
                start_ms=clock,
                end_ms=clock + duration,
                speaker=draw(st.sampled_from(ids)),
                confidence=draw(st.one_of(st.none(), st.floats(min_value=0, max_value=1))),
            )
        )
        clock += duration
    return Transcript(words=tuple(words), speakers=speakers, language="en")


@st.composite
def rules(draw: st.DrawFn) -> Rules:
    """Random valid rules, within the ranges Amberscript and the style guides allow."""
    return Rules(
        max_chars_per_row=draw(st.integers(min_value=20, max_value=45)),
        max_rows=draw(st.integers(min_value=1, max_value=3)),
        max_row_seconds=draw(st.one_of(st.none(), st.floats(min_value=1.0, max_value=4.0))),
        frame_rate=draw(st.one_of(st.none(), st.sampled_from([23.976, 24.0, 25.0, 29.97, 30.0]))),
    )


@st.composite
def segment_rules(draw: st.DrawFn) -> Rules:
    """Any valid segmentation rules: every limit, switch, language and engine."""
    max_rows = draw(st.integers(min_value=1, max_value=3))
    min_duration = draw(st.sampled_from([0, 500, 833, 1200]))
    pause = draw(st.sampled_from([None, 150, 300, 700]))
    forced = draw(st.sampled_from([None, 1500, 4000]))
    if pause is not None and forced is not None and forced < pause:
        forced = None
    return Rules(
        max_chars_per_row=draw(st.integers(min_value=10, max_value=45)),
        max_rows=max_rows,
        max_row_seconds=draw(st.one_of(st.none(), st.floats(min_value=1.3, max_value=4.0))),
        min_duration_ms=min_duration,
        max_duration_ms=draw(st.sampled_from([2000, 4500, 7000])),
        max_chars_per_second=draw(st.sampled_from([13.0, 17.0, 21.0])),
        min_gap_ms=draw(st.sampled_from([None, 0, 80, 250])),
        frame_rate=draw(st.one_of(st.none(), st.sampled_from([23.976, 24.0, 25.0, 29.97, 30.0]))),
        new_cue_on_speaker_change=draw(st.booleans()),
        dual_speaker_dashes=max_rows >= 2 and draw(st.booleans()),
        pause_break_ms=pause,
        forced_pause_break_ms=forced,
        max_chars_per_cue=draw(st.one_of(st.none(), st.integers(min_value=15, max_value=90))),
        language=draw(st.sampled_from([None, "en", "nl", "fr", "ja", "xx"])),
        engine=draw(st.sampled_from(["optimal", "optimal", "greedy"])),
    )


_CUE_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzäöüßé.,?!'", min_size=1, max_size=10)


@st.composite
def timed_cues(draw: st.DrawFn, max_rows: int = 2) -> list[tuple[int, int, list[list[str]]]]:
    """Non-overlapping subtitle cues for reader tests: ``(start_ms, end_ms, rows of words)``."""
    cues = []
    clock = draw(st.integers(min_value=0, max_value=10_000))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        clock += draw(st.integers(min_value=0, max_value=3000))
        duration = draw(st.integers(min_value=0, max_value=6000))
        rows = draw(
            st.lists(st.lists(_CUE_WORD, min_size=1, max_size=6), min_size=1, max_size=max_rows)
        )
        cues.append((clock, clock + duration, rows))
        clock += duration
    return cues
