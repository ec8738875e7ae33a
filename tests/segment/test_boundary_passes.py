"""Whole-list passes of :func:`cuecraft.segment.boundaries.boundary_facts` against the
per-item formulations they replaced."""

from __future__ import annotations

import itertools
from random import Random

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.columns import WordTable
from cuecraft.model import Transcript
from cuecraft.segment import resolve_rules
from cuecraft.segment.boundaries import _lone_last_number, boundary_facts, pause_strengths, pauses
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
    st.lists(st.integers(-50, 4000), max_size=40),
    st.sets(st.integers(0, 39)),
    st.sampled_from([0, 300, 833, 2000]),
    st.sampled_from([None, 150, 300]),
    st.one_of(st.none(), st.integers(0, 4000)),
    st.booleans(),
)
def test_pauses_mark_what_whole_list_passes_find(
    gaps: list[int],
    repeats: set[int],
    minimum: int,
    pause: int | None,
    limit: int | None,
    doubles: bool,
) -> None:
    # The boundaries with a pause and the forced ones, found from the marked gaps, are those
    # that a pass over every strength and every gap finds.
    rules = Rules(min_duration_ms=minimum, pause_break_ms=pause, forced_pause_break_ms=None)
    found = pauses(gaps, rules, repeats, limit, doubles=doubles)
    strengths = pause_strengths(gaps, rules, repeats)
    assert [repr(value) for value in found.strengths] == [repr(value) for value in strengths]
    assert found.paused == [b for b, strength in enumerate(strengths) if strength]
    assert found.forced == [b for b, gap in enumerate(gaps) if limit is not None and gap >= limit]


@given(
    st.lists(st.sampled_from(["18", "row", "5.", "٣"]), min_size=1, max_size=30),
    st.data(),
)
def test_lone_numbers_from_forced_indices_as_from_flags(
    texts: list[str], data: st.DataObject
) -> None:
    # The forced boundaries given once each (a pause and a speaker change may both force
    # one) price what the flags per boundary did.
    count = len(texts) - 1
    boundaries = st.lists(st.integers(0, max(count - 1, 0)), unique=True) if count else st.just([])
    paused, changed = data.draw(boundaries), data.draw(boundaries)
    flags = [b in paused or b in changed for b in range(count)]
    expected = [0.5] * count
    for word in [*itertools.compress(range(count), flags), count]:
        if word > 0 and texts[word].isdigit():
            expected[word - 1] += DEFAULT_WEIGHTS.attach
    line_end = [0.5] * count
    _lone_last_number(texts, set(paused).union(changed), DEFAULT_WEIGHTS, line_end)
    assert line_end == expected


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
