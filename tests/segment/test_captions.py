"""Sound captions, music and repeated phrases stay together (#9), and every word still comes
out once, in order, under any rules, frame rate and preset."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cuecraft import house_rules
from cuecraft.model import Cue, Transcript, Word
from cuecraft.segment import segment, segment_with_report
from cuecraft.segment.captions import (
    _CLOSING,
    _MUSIC,
    _OPENING,
    _only,
    attachments,
    repeated_sentences,
)
from cuecraft.segment.rules import FRAME_RATES, Rules
from tests.segment.test_engine import check_invariants
from tests.strategies import segment_rules


def _transcript(text: str, step: int = 300, duration: int = 250) -> Transcript:
    words = tuple(
        Word(text=token, start_ms=i * step, end_ms=i * step + duration)
        for i, token in enumerate(text.split())
    )
    return Transcript(words=words, language="en")


def _rows(cues: list[Cue]) -> list[str]:
    return [line.text for cue in cues for line in cue.lines]


def test_glue_attaches_opening_marks_forward_and_closing_marks_back() -> None:
    texts = ["we", "(", "PENGUINS", "CHIRP", ")", "now", "♪", "la", "la", "♪", "end", "."]
    found = attachments(texts)
    glued = {b for b, glue in enumerate(found.glue) if glue}
    # after "(" (word 1), before ")" (word 4), after the opening ♪ (word 6), before the
    # closing ♪ (word 9), before the lone full stop (word 11).
    assert glued == {1, 3, 6, 8, 10}
    assert found.spans == [(1, 4), (6, 9)]


def test_music_note_roles_alternate_and_a_note_inside_a_word_counts() -> None:
    found = attachments(["♪Hello", "there♪", "and", "♪", "la", "♪"])
    assert found.spans == [(0, 1), (3, 5)]
    assert {b for b, glue in enumerate(found.glue) if glue} == {3, 4}


def test_repeated_short_sentences_are_found() -> None:
    assert repeated_sentences(["No.", "No.", "No.", "I", "will", "not", "go."]) == [0, 1]
    assert repeated_sentences(["Thank", "you.", "Thank", "you!", "Bye."]) == [1]
    assert repeated_sentences(["Go!", "Stop!", "Go!"]) == []
    long = ["We", "are", "here.", "We", "are", "here.", "We", "are", "here", "now."]
    assert repeated_sentences(long, max_words=2) == []


def test_bracketed_caption_is_not_split_after_its_opening_bracket() -> None:
    # #9: "( PENGUINS CHIRP" + ") (" before the fix.
    text = "( PENGUINS CHIRP ) ( WATER SPLASHES ) ( WIND HOWLS ) ( PENGUINS CHIRP LOUDLY )"
    rows = _rows(segment(_transcript(text), Rules()))
    # Each caption whole on its row (the learned costs of #13 may pair two on one row).
    assert " ".join(rows) == text
    for row in rows:
        assert row.startswith("( ")
        assert row.endswith(" )")
    assert "( PENGUINS CHIRP LOUDLY )" in rows


def test_lyric_lines_keep_their_notes() -> None:
    text = "♪ I got a feeling ♪ ♪ that tonight's gonna be a good night ♪ ♪ Let's go ♪"
    rows = _rows(segment(_transcript(text), Rules()))
    assert rows == [
        "♪ I got a feeling ♪",
        "♪ that tonight's gonna be a good night ♪",
        "♪ Let's go ♪",
    ]


def test_caption_that_fits_a_row_is_not_broken_across_rows() -> None:
    text = "We sat down ♪ la la la la ♪ and sang the whole night long until morning came"
    rows = _rows(segment(_transcript(text), Rules(max_chars_per_row=30)))
    assert "♪ la la la la ♪" in rows
    text = "The birds gather on the ice now ( PENGUINS CHIRP ) and go into the water"
    rows = _rows(segment(_transcript(text), Rules(max_chars_per_row=32)))
    assert any("( PENGUINS CHIRP )" in row for row in rows)


def test_caption_longer_than_a_cue_may_break() -> None:
    words = " ".join(f"word{i}" for i in range(30))
    cues = segment(_transcript(f"( {words} )"), Rules(max_chars_per_row=20))
    assert len(cues) > 1  # no cue can hold it: broken where it reads best, nothing lost
    assert _rows(cues)[0].startswith("( word0")


def test_repeated_phrase_is_one_cue_when_each_repeat_would_be_too_short() -> None:
    spans = [("No.", 0, 200), ("No.", 700, 900), ("No.", 1400, 1600), ("Stop", 3000, 3300)]
    words = tuple(Word(text=t, start_ms=s, end_ms=e) for t, s, e in spans)
    cues = segment(Transcript(words=words, language="en"), Rules())
    assert [line.text for line in cues[0].lines] == ["No. No. No."]
    assert all(cue.end_ms - cue.start_ms >= 833 for cue in cues)


def test_repeats_far_apart_stay_separate_cues() -> None:
    spans = [("Go!", 0, 200), ("Go!", 1500, 1700)]
    words = tuple(Word(text=t, start_ms=s, end_ms=e) for t, s, e in spans)
    assert len(segment(Transcript(words=words, language="en"), Rules())) == 2


_MARKS = ["(", ")", "[", "]", "♪", "♫", "(LAUGHTER)", "[Music]", ".", ",", "No.", "Go!"]
_WORDS = ["the", "PENGUINS", "CHIRP", "water", "splashes", "and", "then", "we", "home."]
_TOKENS = st.sampled_from([*_MARKS, *_WORDS])


@st.composite
def caption_transcripts(draw: st.DrawFn) -> Transcript:
    """Transcripts full of brackets, notes and repeats, evenly timed (no forced breaks)."""
    tokens = draw(st.lists(_TOKENS, min_size=1, max_size=50))
    step = draw(st.sampled_from([150, 300, 450]))
    return _transcript(" ".join(tokens), step=step, duration=step - 40)


@given(caption_transcripts(), segment_rules())
def test_fidelity_and_limits_hold_with_captions(transcript: Transcript, rules: Rules) -> None:
    check_invariants(transcript, rules, segment_with_report(transcript, rules))


@given(
    caption_transcripts(),
    st.sampled_from(["netflix-en", "bbc-teletext", "amberscript-default"]),
    st.sampled_from([None, *FRAME_RATES]),
)
def test_fidelity_and_limits_hold_under_presets_and_frame_rates(
    transcript: Transcript, preset: str, frame_rate: float | None
) -> None:
    rules = house_rules.resolve(preset).rules
    if frame_rate is not None:
        rules = Rules(**{**rules.model_dump(exclude_unset=True), "frame_rate": frame_rate})
    check_invariants(transcript, rules, segment_with_report(transcript, rules))


@given(caption_transcripts(), st.integers(min_value=20, max_value=42))
def test_no_row_strands_an_opening_mark_when_nothing_forces_it(
    transcript: Transcript, row_chars: int
) -> None:
    rules = Rules(max_chars_per_row=row_chars, max_row_seconds=None, forced_pause_break_ms=None)
    cues = segment(transcript, rules)
    texts = [word.text for word in transcript.words]
    glue = attachments(texts).glue
    for cue in cues:
        for line in cue.lines:
            if line.stop < len(texts):
                assert not glue[line.stop - 1], (line.text, texts[line.stop])


@given(st.text(alphabet="([“¡)]».?♪♫a ,", max_size=6))
def test_only_marks_is_every_character_tested(text: str) -> None:
    # The set operation against the test of each character it replaced.
    for marks in (_OPENING, _CLOSING, _MUSIC):
        assert _only(text, marks) == (bool(text) and all(char in marks for char in text))
