"""The boundary classifier's per-boundary loop (:mod:`cuecraft.segment.boundary_kernel`):
the compiled extension and its Python source classify alike, and the codes say what the
word lists say (#12: the loop moved out of :mod:`cuecraft.segment.linguistics`)."""

from __future__ import annotations

from dataclasses import replace
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.segment.boundaries import _compiled_costs, _hand_costs
from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.learned import boundary_inputs, load_model, residual_parts, residuals
from cuecraft.segment.linguistics import (
    LANGUAGES,
    NEUTRAL,
    Boundary,
    Language,
    _word_code,
    boundary_codes,
    classify_boundaries,
    word_key,
)
from cuecraft.segment.linguistics import word_codes as codes_of_words
from cuecraft.segment.scoring import DEFAULT_WEIGHTS

PURE = load_kernel(pure=True).boundary_kernel
ACTIVE = active_kernel()
needs_compiled = pytest.mark.skipif(
    not ACTIVE.compiled,
    reason="the compiled kernel is not in use (not built, or CUECRAFT_PURE_PYTHON=1)",
)
CLASSES = [int(member) for member in Boundary]
FIELD = st.sampled_from([*CLASSES, PURE.NONE])
FLAGS = (
    "capitalised",
    "determiner",
    "quantifier",
    "particle",
    "filler",
    "have",
    "to",
    "number_abbreviation",
    "starts_with_digit",
)


@st.composite
def word_codes(draw: st.DrawFn) -> int:
    facts = {name: draw(st.booleans()) for name in FLAGS}
    code: int = PURE.pack(draw(FIELD), draw(FIELD), draw(FIELD), **facts)
    return code


@needs_compiled
@given(st.lists(word_codes(), max_size=40), st.data())
def test_both_modes_classify_any_codes_alike(codes: list[int], data: st.DataObject) -> None:
    pairs = data.draw(
        st.one_of(
            st.just([]),
            st.lists(st.integers(0, 1), min_size=len(codes) - 1, max_size=len(codes) - 1),
        )
        if codes
        else st.just([])
    )
    pure = list(PURE.classify_codes(codes, pairs))
    assert list(ACTIVE.boundary_kernel.classify_codes(codes, pairs)) == pure
    assert len(pure) == max(len(codes) - 1, 0)
    assert set(pure) <= set(CLASSES)


def _vocabulary(language: Language) -> list[str]:
    listed = language if language.determiners else LANGUAGES["en"]
    words = set().union(
        listed.determiners,
        listed.prepositions,
        listed.conjunctions,
        listed.pronouns,
        listed.auxiliaries,
        listed.negations,
        listed.particles,
        listed.fillers,
        listed.abbreviations,
        listed.number_abbreviations,
        *(set(pair) for pair in listed.modals),
    )
    return [*sorted(words), "have", "to", "No.", "Mr.", "J.", "12", "1,000", "Zoë's", "Simon"]


@st.composite
def sentences(draw: st.DrawFn, language: Language) -> list[str]:
    words = []
    for word in draw(st.lists(st.sampled_from(_vocabulary(language)), min_size=1, max_size=14)):
        shape = draw(st.sampled_from(["", "cap", "end", "open", "upper"]))
        if shape == "cap":
            word = word.capitalize()
        elif shape == "end":
            word += draw(st.sampled_from([".", ",", "?", "!", ";", ":", "-", ")", '"', "…"]))
        elif shape == "open":
            word = draw(st.sampled_from(["(", '"', "¿", "«"])) + word
        elif shape == "upper":
            word = word.upper()
        words.append(word)
    return words


@needs_compiled
@pytest.mark.parametrize("code", ["en", "es", "fr", "nl", "de", "it", "pt", "neutral"])
@given(data=st.data())
def test_both_modes_classify_word_list_sentences_alike(code: str, data: st.DataObject) -> None:
    language = LANGUAGES.get(code, NEUTRAL)
    texts = data.draw(sentences(language))
    compiled = list(boundary_codes(texts, language))
    assert compiled == list(boundary_codes(texts, language, PURE))
    assert compiled == [int(member) for member in classify_boundaries(texts, language)]


_LETTERS = st.characters(whitelist_categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Nd", "No", "Po"))


@pytest.mark.parametrize("code", ["en", "es", "fr", "nl", "de", "it", "pt", "neutral"])
@given(data=st.data())
def test_plain_words_are_coded_as_word_by_word(code: str, data: st.DataObject) -> None:
    # The two codes of a plain word against the look-ups of each word they replace.
    language = LANGUAGES.get(code, NEUTRAL)
    texts = data.draw(sentences(language)) + data.draw(
        st.lists(st.text(_LETTERS, min_size=1, max_size=5) | st.sampled_from(["I", "ǅx", "ⅷ"]))
    )
    keys = {text: word_key(text) for text in texts}
    for kernel in (PURE, ACTIVE.boundary_kernel):
        expected = {text: _word_code(text, key, language, kernel) for text, key in keys.items()}
        assert codes_of_words(keys, language, kernel) == expected


def test_modal_constructions_bind_both_of_their_boundaries() -> None:
    # "tengo | que | ir": the verb and its link, and the link and the infinitive (#13).
    spanish = LANGUAGES["es"]
    for kernel in (PURE, ACTIVE.boundary_kernel):
        classes = list(boundary_codes(["Yo", "tengo", "que", "ir"], spanish, kernel))
        assert classes[1:] == [Boundary.AFTER_AUXILIARY, Boundary.AFTER_AUXILIARY]


def test_a_filler_inside_a_phrase_binds_like_the_boundary_before_it() -> None:
    english = LANGUAGES["en"]
    for kernel in (PURE, ACTIVE.boundary_kernel):
        classes = list(boundary_codes(["read", "the", "um", "email"], english, kernel))
        assert classes[1:] == [Boundary.AFTER_DETERMINER, Boundary.AFTER_DETERMINER]


ENGLISH_MODEL = load_model("en")
WORDS = ["the", "market", "and", "more.", "Simon", "said,", "to", "have", "(laughs)", "um"]


@given(
    texts=st.lists(st.sampled_from(WORDS), min_size=2, max_size=30),
    data=st.data(),
    scales=st.tuples(st.sampled_from([1.0, 0.5, 2.0]), st.sampled_from([1.0, 0.75])),
    chars=st.booleans(),
)
def test_the_learned_sums_are_the_complex_sums_to_the_bit(
    texts: list[str], data: st.DataObject, scales: tuple[float, float], chars: bool
) -> None:
    assert ENGLISH_MODEL is not None
    count = len(texts) - 1
    classes = data.draw(st.lists(st.sampled_from(CLASSES), min_size=count, max_size=count))
    strengths = data.draw(
        st.lists(
            st.one_of(st.just(0.0), st.floats(min_value=0.01, max_value=1.0)),
            min_size=count,
            max_size=count,
        )
    )
    inputs = boundary_inputs(
        classes, strengths, DEFAULT_WEIGHTS.pause_hold, texts if chars else None
    )
    expected = residuals(ENGLISH_MODEL, texts, inputs, scales)  # complex sums in Python
    # The kernel's loop, run as Python and (where built) compiled.
    loops: list[Any] = [SimpleNamespace(COMPILED=True, learned_scores=PURE.learned_scores)]
    if ACTIVE.compiled:
        loops.append(ACTIVE.boundary_kernel)
    for kernel in loops:
        ends, rows = residual_parts(ENGLISH_MODEL, texts, inputs, scales, kernel)
        assert [complex(end, row) for end, row in zip(ends, rows, strict=True)] == expected


@given(
    classes=st.lists(st.sampled_from(CLASSES), max_size=60),
    data=st.data(),
    chars=st.booleans(),
)
def test_the_kernel_counts_positions_as_the_list_operations_do(
    classes: list[int], data: st.DataObject, chars: bool
) -> None:
    words = st.text(st.sampled_from("ab,. é"), min_size=1, max_size=30)
    texts = data.draw(st.lists(words, min_size=len(classes) + 1, max_size=len(classes) + 1))
    strengths = [0.0] * len(classes)
    shown = texts if chars else None
    expected = boundary_inputs(classes, strengths, DEFAULT_WEIGHTS.pause_hold, shown, PURE)
    loops: list[Any] = [SimpleNamespace(COMPILED=True, positions=PURE.positions)]
    if ACTIVE.compiled:
        loops.append(ACTIVE.boundary_kernel)
    for kernel in loops:
        got = boundary_inputs(classes, strengths, DEFAULT_WEIGHTS.pause_hold, shown, kernel)
        for name in ("since", "until", "since_chars", "until_chars"):
            assert list(getattr(got, name)) == list(getattr(expected, name)), name


@given(
    data=st.data(),
    count=st.integers(0, 40),
    learned=st.booleans(),
    holds=st.lists(st.floats(0.0, 1.0), min_size=len(CLASSES), max_size=len(CLASSES)),
    pause=st.tuples(st.floats(0.0, 9.0), st.floats(0.0, 9.0), st.floats(0.0, 9.0)),
)
def test_the_kernel_prices_boundaries_as_scoring_does(
    data: st.DataObject,
    count: int,
    learned: bool,
    holds: list[float],
    pause: tuple[float, float, float],
) -> None:
    # The form of scoring.boundary_costs is built into the kernel: if it changes, this fails.
    weights = replace(
        DEFAULT_WEIGHTS,
        pause_hold=tuple(holds),
        pause_cue_end=pause[0],
        pause_line_end=pause[1],
        pause_keep=pause[2],
    )
    classes = data.draw(st.lists(st.sampled_from(CLASSES), min_size=count, max_size=count))
    strengths = data.draw(
        st.lists(st.one_of(st.just(0.0), st.floats(0.0, 1.0)), min_size=count, max_size=count)
    )
    scores = None
    if learned:
        column = st.lists(st.floats(-5.0, 5.0), min_size=count, max_size=count)
        scores = (data.draw(column), data.draw(column))
    expected = _hand_costs(classes, strengths, weights, scores)
    kernels: list[Any] = [PURE]
    if ACTIVE.compiled:
        kernels.append(ACTIVE.boundary_kernel)
    for kernel in kernels:
        got = _compiled_costs(kernel, classes, strengths, weights, scores)
        assert [list(column) for column in got] == [list(column) for column in expected]
