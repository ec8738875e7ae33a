"""Boundary classes per language: the style guides' break and never-break rules."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.segment.linguistics import (
    _FUNCTION_WORDS,
    _LISTED,
    LANGUAGES,
    NEUTRAL,
    Boundary,
    Language,
    classify_boundaries,
    guess_language,
    language_for,
    word_key,
)


def _classes(text: str, code: str) -> list[Boundary]:
    return classify_boundaries(text.split(), language_for(code))


def _at(text: str, code: str, after: str) -> Boundary:
    words = text.split()
    return _classes(text, code)[words.index(after)]


@pytest.mark.parametrize(
    ("text", "after", "expected"),
    [
        ("It ended. Then we left", "ended.", Boundary.SENTENCE),
        ("Why? Because", "Why?", Boundary.SENTENCE),
        ("He said, “Stop!” and left", "“Stop!”", Boundary.SENTENCE),
        ("Mr. Smith came", "Mr.", Boundary.NAME),
        ("see J. Smith", "J.", Boundary.NAME),
        ("apples, pears", "apples,", Boundary.CLAUSE),
        ("this -- that", "--", Boundary.CLAUSE),
        ("cats and dogs", "cats", Boundary.BEFORE_CONJUNCTION),
        ("cats and dogs", "and", Boundary.AFTER_CONJUNCTION),
        ("a book about birds", "book", Boundary.BEFORE_PREPOSITION),
        ("a book about birds", "about", Boundary.AFTER_PREPOSITION),
        ("the table", "the", Boundary.AFTER_DETERMINER),
        ("my boss's warning", "boss's", Boundary.AFTER_DETERMINER),
        ("18 hours", "18", Boundary.AFTER_DETERMINER),
        # A number or possessive binds only to a content word: "in 1999 | with", "Ann's | in".
        ("in 1999 with friends", "1999", Boundary.BEFORE_PREPOSITION),
        ("it was Ann's and mine", "Ann's", Boundary.BEFORE_CONJUNCTION),
        ("we sold 3 the next day", "3", Boundary.BEFORE_PHRASE),
        ("Simon Garfunkel sang", "Simon", Boundary.NAME),
        ("they went", "they", Boundary.AFTER_PRONOUN),
        ("will have eaten", "will", Boundary.AFTER_AUXILIARY),
        ("it's raining", "it's", Boundary.AFTER_AUXILIARY),
        ("don't go", "don't", Boundary.AFTER_NEGATION),
        ("gave up", "gave", Boundary.BEFORE_PARTICLE),
        ("saw that we", "saw", Boundary.BEFORE_CONJUNCTION),
        ("went home happy", "went", Boundary.NEUTRAL),
        ("our listeners are older", "listeners", Boundary.BEFORE_VERB),
        ("we have about forty", "have", Boundary.BEFORE_PREPOSITION),  # "have" as main verb
        ("she had a plan", "had", Boundary.BEFORE_PHRASE),
        ("nobody has to read", "has", Boundary.AFTER_AUXILIARY),  # modal "has to"
        ("we have eaten", "have", Boundary.AFTER_AUXILIARY),
        ("the station will close", "station", Boundary.BEFORE_VERB),
        ("they will close", "they", Boundary.AFTER_PRONOUN),  # the pronoun rule comes first
    ],
)
def test_english_boundaries(text: str, after: str, expected: Boundary) -> None:
    assert _at(text, "en", after) == expected


@pytest.mark.parametrize(
    ("code", "text", "after", "expected"),
    [
        ("nl", "de tafel", "de", Boundary.AFTER_DETERMINER),
        ("nl", "ik ben moe", "ik", Boundary.AFTER_PRONOUN),
        ("nl", "huis en tuin", "huis", Boundary.BEFORE_CONJUNCTION),
        ("de", "der Tisch", "der", Boundary.AFTER_DETERMINER),
        ("de", "ich habe gegessen", "habe", Boundary.AFTER_AUXILIARY),
        ("de", "Haus mit Garten", "Haus", Boundary.BEFORE_PREPOSITION),
        ("fr", "la table", "la", Boundary.AFTER_DETERMINER),
        ("fr", "je ne sais pas", "ne", Boundary.AFTER_NEGATION),
        ("fr", "je sais pas", "sais", Boundary.BEFORE_PARTICLE),
        ("fr", "il se lève", "se", Boundary.AFTER_NEGATION),
        ("es", "el perro", "el", Boundary.AFTER_DETERMINER),
        ("es", "he comido", "he", Boundary.AFTER_AUXILIARY),
        ("es", "pan y vino", "pan", Boundary.BEFORE_CONJUNCTION),
        ("it", "il cane", "il", Boundary.AFTER_DETERMINER),
        ("it", "non parla", "non", Boundary.AFTER_NEGATION),
        ("pt", "o gato", "o", Boundary.AFTER_DETERMINER),
        ("pt", "eu sou", "eu", Boundary.AFTER_PRONOUN),
    ],
)
def test_other_languages(code: str, text: str, after: str, expected: Boundary) -> None:
    assert _at(text, code, after) == expected


def test_language_codes_resolve_by_primary_subtag() -> None:
    assert language_for("en-US").code == "en"
    assert language_for("pt_BR").code == "pt"
    assert language_for("NL").code == "nl"
    assert language_for("zh-Hant").code == "zh"
    assert language_for("fi") is NEUTRAL
    assert language_for(None) is NEUTRAL
    assert language_for("") is NEUTRAL


def test_every_word_listed_language_has_all_lists() -> None:
    for code in ("en", "nl", "de", "fr", "es", "it", "pt"):
        language = LANGUAGES[code]
        assert language.spaces
        assert language.separator == " "
        for words in (language.determiners, language.prepositions, language.conjunctions):
            assert words
            assert all(word == word.lower() for word in words)
        assert language.pronouns
        assert language.auxiliaries
        assert language.negations


def test_unspaced_scripts_have_their_row_lengths() -> None:
    assert (LANGUAGES["ja"].row_chars, LANGUAGES["zh"].row_chars, LANGUAGES["th"].row_chars) == (
        13,
        16,
        35,
    )
    assert all(not LANGUAGES[code].spaces for code in ("ja", "zh", "th"))
    assert LANGUAGES["ja"].separator == ""


def test_neutral_profile_uses_punctuation_only() -> None:
    classes = classify_boundaries(["the", "cat,", "the", "dog.", "a"], NEUTRAL)
    assert classes == [
        Boundary.NEUTRAL,
        Boundary.CLAUSE,
        Boundary.NEUTRAL,
        Boundary.SENTENCE,
    ]


def test_cjk_punctuation_ends_sentences_and_clauses() -> None:
    classes = classify_boundaries(["今日は", "晴れ。", "明日、", "雨"], language_for("ja"))
    assert classes == [Boundary.NEUTRAL, Boundary.SENTENCE, Boundary.CLAUSE]


def test_one_word_has_no_boundaries() -> None:
    assert classify_boundaries(["Hello."], language_for("en")) == []


def _guess_word_by_word(texts: list[str], sample: int) -> Language:
    # guess_language as it was: every sampled word looked up, one at a time.
    counts = dict.fromkeys(_LISTED, 0)
    seen = 0
    for text in texts[:sample]:
        key = word_key(text)
        seen += 1
        for code, vocabulary in _FUNCTION_WORDS.items():
            if key in vocabulary:
                counts[code] += 1
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if seen and hits >= 0.15 * seen and hits >= 1.5 * runner_up:
        return LANGUAGES[best]
    return NEUTRAL


_SOME_FUNCTION_WORDS = sorted(
    set().union(*(sorted(words)[:12] for words in _FUNCTION_WORDS.values()))
)


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_SOME_FUNCTION_WORDS).map(str.title),
            st.sampled_from(_SOME_FUNCTION_WORDS),
            st.sampled_from(["house", "Haus", "maison", "casa", "Hello,", "“de”", "'s"]),
        ),
        max_size=60,
    ),
    st.integers(0, 70),
)
def test_guess_language_counts_distinct_words_as_word_by_word(
    texts: list[str], sample: int
) -> None:
    assert guess_language(texts, sample) == _guess_word_by_word(texts, sample)
