"""Whole-list passes of :func:`cuecraft.segment.boundaries.boundary_facts` against the
per-item formulations they replaced."""

from __future__ import annotations

from random import Random

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.columns import WordTable
from cuecraft.model import Transcript
from cuecraft.segment import resolve_rules
from cuecraft.segment.boundaries import boundary_facts, pause_strengths
from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.learned import load_model
from cuecraft.segment.linguistics import word_key
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, pause_strength
from tests.strategies import transcripts

KERNELS = [load_kernel(pure=True).boundary_kernel, active_kernel().boundary_kernel]


@given(
    st.lists(st.integers(-50, 4000), max_size=40),
    st.sets(st.integers(0, 39)),
    st.integers(0, 2000),
)
def test_pause_strengths_are_those_of_each_gap(
    gaps: list[int], repeats: set[int], minimum: int
) -> None:
    rules = Rules(min_duration_ms=minimum)
    repeats = {b for b in repeats if b < len(gaps)}
    expected = [pause_strength(gap, rules) for gap in gaps]
    for b in repeats:
        if gaps[b] < rules.min_duration_ms:
            expected[b] = 0.0
    assert [repr(value) for value in pause_strengths(gaps, rules, repeats)] == [
        repr(value) for value in expected
    ]


@given(
    transcripts(max_words=40), st.lists(st.sampled_from(["(", "♪", "No.", "extra"])), st.randoms()
)
def test_boundary_facts_with_a_vocabulary_are_the_same(
    transcript: Transcript, extra: list[str], random: Random
) -> None:
    # The distinct texts found once by the caller, in any order and with words the text
    # does not use, change nothing: every per-word pass looks each word up by its text.
    words = WordTable.from_transcript(transcript)
    rules, language = resolve_rules(words, Rules())
    vocabulary = [*set(words.texts), *extra]
    random.shuffle(vocabulary)
    for kernel in KERNELS:
        args = (words.texts, words.starts, words.ends, words.speakers, rules, language)
        found = boundary_facts(*args, DEFAULT_WEIGHTS, kernel)
        given_vocabulary = boundary_facts(*args, DEFAULT_WEIGHTS, kernel, set(vocabulary))
        for name in ("cue_end", "line_end", "keep", "forced", "change"):
            assert [repr(value) for value in getattr(found, name)] == [
                repr(value) for value in getattr(given_vocabulary, name)
            ], name


@given(st.text(min_size=1, max_size=12))
def test_model_terms_from_a_given_key_are_the_same(text: str) -> None:
    model = load_model("en")
    assert model is not None
    key = word_key(text)
    assert model.left(text, key) == model.left(text)
    assert model.right(text, key) == model.right(text)
