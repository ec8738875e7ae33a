"""The learned boundary costs (#13): shipped for English only, a correction to the hand rules."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.model import Transcript, Word
from cuecraft.segment import Rules, segment_with_report
from cuecraft.segment.boundaries import BoundaryFacts, boundary_facts
from cuecraft.segment.learned import (
    CHAR_STEP,
    MAX_CHARS,
    MAX_LENGTH,
    MAX_POSITION,
    BoundaryModel,
    boundary_inputs,
    load_model,
    residuals,
    word_terms,
)
from cuecraft.segment.linguistics import Boundary, Language, language_for, word_key
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights

_HAND = replace(DEFAULT_WEIGHTS, learned=0.0)
_ZERO = (0.0, 0.0)


def _words(text: str, pause_after: int = -1, pause_ms: int = 0) -> list[Word]:
    words = []
    t = 0
    for index, token in enumerate(text.split()):
        words.append(Word(text=token, start_ms=t, end_ms=t + 250))
        t += 300 + (pause_ms if index == pause_after else 0)
    return words


def _model(**tables: object) -> BoundaryModel:
    fields: dict[str, object] = {
        "language": "en",
        "cue_end_scale": 1.0,
        "line_end_scale": 1.0,
        "classes": (_ZERO,) * len(Boundary),
        "pause": _ZERO,
        "left_words": {},
        "right_words": {},
        "left_length": (_ZERO,) * (MAX_LENGTH + 1),
        "right_length": (_ZERO,) * (MAX_LENGTH + 1),
        "left_punctuation": (_ZERO,) * 10,
        "right_capitalised": _ZERO,
        "since": (_ZERO,) * (MAX_POSITION + 1),
        "until": (_ZERO,) * (MAX_POSITION + 1),
    }
    fields.update(tables)
    return BoundaryModel(**fields)  # type: ignore[arg-type]


def test_english_ships_a_model_and_the_other_languages_none() -> None:
    english = load_model("en")
    assert english is not None
    assert english.language == "en"
    assert english.cue_end_scale > 0
    assert "the" in english.left_words
    assert len(english.since_chars) == len(english.until_chars) == MAX_CHARS + 1
    for code in ("nl", "de", "fr", "es", "it", "pt", "neutral"):
        assert load_model(code) is None


def _facts(words: list[Word], rules: Rules, language: Language, weights: Weights) -> BoundaryFacts:
    return boundary_facts(
        [w.text for w in words],
        [w.start_ms for w in words],
        [w.end_ms for w in words],
        [w.speaker for w in words],
        rules,
        language,
        weights,
    )


def test_languages_without_a_model_keep_the_hand_costs() -> None:
    words = _words("Wij gaan naar de markt en kopen daar brood voor het hele weekend.")
    dutch = language_for("nl")
    learned = _facts(words, Rules(), dutch, DEFAULT_WEIGHTS)
    hand = _facts(words, Rules(), dutch, _HAND)
    assert learned == hand


def test_learned_costs_change_english_and_can_be_turned_off() -> None:
    words = _words("So I went to the market and I bought some bread for the whole weekend.")
    english = language_for("en")
    learned = _facts(words, Rules(), english, DEFAULT_WEIGHTS)
    hand = _facts(words, Rules(), english, _HAND)
    assert learned.cue_end != hand.cue_end
    assert learned.keep == hand.keep
    assert min(learned.cue_end) >= 0.0
    assert min(learned.line_end) >= 0.0
    # A model fitted for another language is never applied.
    german = replace(DEFAULT_WEIGHTS, boundary_model=_model(language="de"))
    assert _facts(words, Rules(), english, german) == hand


def test_sentence_positions_count_words_since_the_start_and_until_the_end() -> None:
    s, n = Boundary.SENTENCE, Boundary.NEUTRAL
    # "A b. C d e." -> boundaries after A, b., C, d
    inputs = boundary_inputs([n, s, n, n], [0.0, 0.0, 0.0, 0.0], DEFAULT_WEIGHTS.pause_hold)
    assert list(inputs.since) == [1, 2, 1, 2]
    assert list(inputs.until) == [1, 3, 2, 1]
    long = boundary_inputs([n] * 20, [0.0] * 20, DEFAULT_WEIGHTS.pause_hold)
    assert max(long.since) == MAX_POSITION
    assert max(long.until) == MAX_POSITION


def test_clause_positions_count_characters_since_the_last_clause_end() -> None:
    s, c, n = Boundary.SENTENCE, Boundary.CLAUSE, Boundary.NEUTRAL
    texts = ["Hello", "there,", "my", "dear", "friend.", "Bye"]
    hold = DEFAULT_WEIGHTS.pause_hold
    inputs = boundary_inputs([n, c, n, n, s], [0.0] * 5, hold, texts)
    # Characters with spaces: "Hello" 5, "Hello there," 12 | "my dear friend." 15...
    assert list(inputs.since_chars) == [5 // 6, 12 // 6, 2 // 6, 7 // 6, 15 // 6]
    assert list(inputs.until_chars) == [6 // 6, 15 // 6, 12 // 6, 7 // 6, 3 // 6]
    # Without the texts (or with no clause end for long), the character terms are absent/capped.
    assert list(boundary_inputs([n, c], [0.0, 0.0], hold).since_chars) == []
    long = boundary_inputs([n] * 30, [0.0] * 30, hold, ["word"] * 31)
    assert max(long.since_chars) == max(long.until_chars) == MAX_CHARS
    assert CHAR_STEP * MAX_CHARS == 84


def test_clause_position_tables_add_to_the_scores() -> None:
    steps = MAX_CHARS + 1
    model = _model(
        since_chars=((0.0, 0.0),) * 2 + ((1.0, 0.5),) + ((0.0, 0.0),) * (steps - 3),
        until_chars=((0.0, -1.0),) * steps,
    )
    texts = ["Hello", "there,", "my", "friend."]
    classes = [Boundary.NEUTRAL, Boundary.CLAUSE, Boundary.NEUTRAL]
    inputs = boundary_inputs(classes, [0.0] * 3, DEFAULT_WEIGHTS.pause_hold, texts)
    scores = residuals(model, texts, inputs, (1.0, 2.0))
    # Only "Hello there," (12 characters: step 2) gets the since term; every row term -1 x 2.
    assert scores == [complex(0, -2), complex(1.0, 1.0 - 2.0), complex(0, -2)]
    # A model without the tables (an older file) ignores the character positions.
    assert residuals(_model(), texts, inputs) == [0j, 0j, 0j]


def test_residuals_sum_the_tables_and_a_pause_shrinks_them() -> None:
    model = _model(
        left_words={"market": (1.0, 0.5)},
        right_words={"and": (0.25, 2.0)},
        right_capitalised=(-3.0, -3.0),
    )
    texts = ["the", "market", "and", "more"]
    classes = [Boundary.AFTER_DETERMINER, Boundary.BEFORE_CONJUNCTION, Boundary.AFTER_CONJUNCTION]
    calm = boundary_inputs(classes, [0.0, 0.0, 0.0], DEFAULT_WEIGHTS.pause_hold)
    scores = residuals(model, texts, calm, (2.0, 1.0))
    assert scores == [0j, complex(2 * 1.25, 2.5), 0j]
    # A full pause before a conjunction (no hold): the pause decides, the correction goes.
    paused = boundary_inputs(classes, [0.0, 1.0, 0.0], DEFAULT_WEIGHTS.pause_hold)
    assert residuals(model, texts, paused, (2.0, 1.0))[1] == 0j


def test_a_pause_after_an_article_still_does_not_end_the_cue() -> None:
    # The learned term keeps #13's pause hold: a hesitation after "the" is not a cue end.
    words = _words("We finally found the answer to the question we asked.", 3, 600)
    cues = segment_with_report(Transcript(words=tuple(words), language="en"), Rules()).cues
    rows = [line.text for cue in cues for line in cue.lines]
    assert not any(row.endswith(" the") for row in rows)
    assert " ".join(rows) == " ".join(word.text for word in words)


_ENGLISH = load_model("en")
_LISTED = sorted(_ENGLISH.left_words)[:20] + sorted(_ENGLISH.right_words)[:20] if _ENGLISH else []


@given(
    st.lists(
        st.one_of(
            st.sampled_from(_LISTED),
            st.sampled_from(_LISTED).map(lambda word: word.title() + "!"),
            st.text(alphabet="aZé’'.,;:-—”»)]…。 ", min_size=1, max_size=14),
        ),
        unique=True,
    ),
    st.sampled_from([(1.0, 1.0), (0.7, 1.3), (0.1, 3.0)]),
)
def test_word_terms_are_the_terms_of_each_word(
    texts: list[str], scales: tuple[float, float]
) -> None:
    # The list passes against the per-word methods they replaced, to the bit.
    assert _ENGLISH is not None
    lefts, rights = word_terms(_ENGLISH, texts, [word_key(text) for text in texts], scales)
    for text, left, right in zip(texts, lefts, rights, strict=True):
        end, row = _ENGLISH.left(text)
        assert repr(left) == repr(complex(end * scales[0], row * scales[1]))
        end, row = _ENGLISH.right(text)
        assert repr(right) == repr(complex(end * scales[0], row * scales[1]))
