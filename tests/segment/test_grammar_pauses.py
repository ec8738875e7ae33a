"""Pauses that respect grammar, and the per-language word lists (#13).

A pause in real speech is often a hesitation inside a phrase ("the | success"); it makes a
break cheaper but never attractive there. Only a forced pause or a speaker change overrides
the grammar.
"""

from __future__ import annotations

import pytest

from cuecraft.model import Speaker, Transcript, Word
from cuecraft.segment import segment
from cuecraft.segment.linguistics import LANGUAGES, Boundary, classify_boundaries, language_for
from cuecraft.segment.rules import Rules
from cuecraft.segment.wordlists import LIST_NAMES, WORD_LISTS


def _timed(spec: list[tuple[str, int]], speakers: list[str] | None = None) -> Transcript:
    """Words of 250 ms; each entry gives the silence before the next word."""
    words = []
    start = 0
    for index, (text, pause) in enumerate(spec):
        speaker = speakers[index] if speakers else None
        words.append(Word(text=text, start_ms=start, end_ms=start + 250, speaker=speaker))
        start += 250 + pause
    known = sorted(set(speakers or []))
    return Transcript(
        words=tuple(words), speakers=tuple(Speaker(id=s, name=s) for s in known), language="en"
    )


SENTENCE = [
    "such",
    "an",
    "important",
    "thing",
    "to",
    "the",
    "success",
    "of",
    "a",
    "startup",
    "and",
    "we",
    "want",
    "the",
    "right",
    "people",
    "to",
    "join",
    "us",
    "early",
]


def _row_ends(transcript: Transcript, rules: Rules) -> list[str]:
    cues = segment(transcript, rules)
    return [transcript.words[line.stop - 1].text for cue in cues for line in cue.lines]


@pytest.mark.parametrize("after", ["the", "to", "of", "a", "we"])
def test_a_hesitation_inside_a_phrase_ends_no_row(after: str) -> None:
    index = SENTENCE.index(after)
    spec = [(text, 600 if i == index else 20) for i, text in enumerate(SENTENCE)]
    ends = _row_ends(_timed(spec), Rules(max_row_seconds=None))
    assert after not in ends[:-1]
    assert ends[-1] == "early"


def test_a_pause_at_an_allowed_boundary_still_ends_the_cue() -> None:
    index = SENTENCE.index("startup")
    spec = [(text, 600 if i == index else 20) for i, text in enumerate(SENTENCE)]
    cues = segment(_timed(spec), Rules(max_row_seconds=None))
    assert any(cue.text.endswith("startup") for cue in cues)


def test_a_forced_pause_overrides_the_grammar() -> None:
    index = SENTENCE.index("the")
    spec = [(text, 1600 if i == index else 20) for i, text in enumerate(SENTENCE)]
    cues = segment(_timed(spec), Rules(max_row_seconds=None))
    assert cues[0].text.endswith("to the")


def test_a_speaker_change_overrides_the_grammar() -> None:
    index = SENTENCE.index("the")
    speakers = ["A" if i <= index else "B" for i in range(len(SENTENCE))]
    spec = [(text, 20) for text in SENTENCE]
    cues = segment(_timed(spec, speakers), Rules(max_row_seconds=None))
    assert cues[0].text.endswith("to the")


@pytest.mark.parametrize(
    ("code", "text", "after", "expected"),
    [
        # "it" is a subject pronoun (#13): "thought it | was" splits subject and verb.
        ("en", "I thought it was late", "it", Boundary.AFTER_PRONOUN),
        # An object pronoun before a preposition or conjunction binds nothing after it.
        ("en", "apply it to another student", "it", Boundary.BEFORE_PREPOSITION),
        ("en", "I told you that before", "you", Boundary.BEFORE_CONJUNCTION),
        # "No." as a whole answer ends a sentence; "No. 5" is the abbreviation.
        ("en", "No. We left", "No.", Boundary.SENTENCE),
        ("en", "page No. 5 says", "No.", Boundary.NEUTRAL),
        ("es", "No. No, gracias", "No.", Boundary.SENTENCE),
        ("es", "el núm. 5 dice", "núm.", Boundary.NEUTRAL),
        ("de", "Nr. 5 kommt", "Nr.", Boundary.NEUTRAL),
        # The English list is not applied to other languages: "Mt." ends a Spanish sentence.
        ("es", "vino Mt. Luego", "Mt.", Boundary.SENTENCE),
        # Modal constructions stay whole.
        ("es", "tengo que ir", "tengo", Boundary.AFTER_AUXILIARY),
        ("es", "tengo que ir", "que", Boundary.AFTER_AUXILIARY),
        ("es", "hay que comer", "hay", Boundary.AFTER_AUXILIARY),
        ("fr", "j'ai à faire", "j'ai", Boundary.AFTER_AUXILIARY),
        ("fr", "il a à faire", "à", Boundary.AFTER_AUXILIARY),
        ("pt", "tenho que sair", "tenho", Boundary.AFTER_AUXILIARY),
        ("it", "ho da fare", "ho", Boundary.AFTER_AUXILIARY),
        ("de", "wir müssen gehen", "müssen", Boundary.AFTER_AUXILIARY),
        ("nl", "je hoeft te komen", "hoeft", Boundary.AFTER_AUXILIARY),
        ("en", "we used to live", "used", Boundary.AFTER_AUXILIARY),
        # Hesitations: a filler inside a phrase continues it, an ASR comma after an article too.
        ("en", "to the um email", "um", Boundary.AFTER_DETERMINER),
        ("en", "showed the, um the email", "the,", Boundary.AFTER_DETERMINER),
        ("fr", "dans le euh jardin", "euh", Boundary.AFTER_DETERMINER),
    ],
)
def test_language_rules(code: str, text: str, after: str, expected: Boundary) -> None:
    words = text.split()
    classes = classify_boundaries(words, language_for(code))
    assert classes[words.index(after)] == expected


def test_every_profiled_language_has_its_own_data_lists() -> None:
    assert set(WORD_LISTS) == {"en", "nl", "de", "fr", "es", "it", "pt"}
    for code in ("en", "nl", "de", "fr", "es", "it", "pt"):
        lists = WORD_LISTS[code]
        assert lists.code == code
        assert set(lists.words) == set(LIST_NAMES)
        language = LANGUAGES[code]
        assert language.determiners == lists.words["determiners"]
        assert language.abbreviations
        assert language.number_abbreviations
        assert language.fillers
        assert language.modals
        assert all("." in word for word in language.abbreviations)
    # No language lists "no." as a plain abbreviation: a whole answer "No." must end.
    assert all("no." not in LANGUAGES[code].abbreviations for code in WORD_LISTS)


def test_a_bare_number_ending_the_text_is_not_left_alone_on_the_last_row() -> None:
    # Found by tests/corpus (ttconv_vp18_3_lines.stl): with the pause hold, "This is row | 18"
    # became the cheapest layout, and SRT readers take a last row "18" for a cue number.
    spec = [("This", 210), ("is", 210), ("row", 210), ("18", 0)]
    words = []
    start = 40
    for text, pause in spec:
        words.append(Word(text=text, start_ms=start, end_ms=start + 630))
        start += 630 + pause
    cues = segment(Transcript(words=tuple(words), language="en"), Rules())
    rows = [line.text for cue in cues for line in cue.lines]
    assert "18" not in rows
    assert " ".join(rows) == "This is row 18"
