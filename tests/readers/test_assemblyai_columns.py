"""AssemblyAI's fast path (issue #12): a clean transcript read column by column gives exactly
what the word-by-word path gives (words, times, confidences, speakers, paragraphs at the
utterances, language, id); anything else goes word by word, with the same errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import assemblyai
from tests.conftest import corpus_dir
from tests.readers.fast_paths import (
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    sometimes_odd,
)


@st.composite
def _word(draw: st.DrawFn, at: int, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` ms; where ``odd`` draws True, a field goes wrong."""
    start: Any = draw(st.sampled_from([-5, "10", 2.5e15, True])) if draw(odd) else at
    end: Any = draw(st.integers(-5, 10**6)) if draw(odd) else at + draw(st.integers(0, 900))
    texts = st.sampled_from(["Yeah.", "As", "we", "said,"])
    word: dict[str, Any] = {
        "text": draw(st.text(max_size=3) if draw(odd) else texts),
        "start": start,
        "end": end,
        "confidence": draw(st.sampled_from([1.5, "x"]) if draw(odd) else st.floats(0, 1)),
    }
    if draw(st.integers(0, 5)):
        word["speaker"] = draw(st.sampled_from(["", 7]) if draw(odd) else st.sampled_from("AB"))
    return word


@st.composite
def _transcript(draw: st.DrawFn) -> dict[str, Any]:
    """A transcript, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 10)
    items: list[dict[str, Any]] = []
    at = 0
    for _ in range(draw(st.integers(0, 8))):
        item = draw(_word(at, odd))
        items.append(item)
        at = item["end"] if type(item["end"]) is int and item["end"] > at else at
    doc: dict[str, Any] = {"id": "t1", "status": "completed", "words": items}
    if draw(st.booleans()):
        doc["language_code"] = draw(st.sampled_from(["en_us", "und", 5]))
    if draw(st.booleans()):
        # Utterance starts anywhere in the words' span (a few ms early, too); now and then
        # one that is not a number.
        starts = draw(st.lists(st.integers(-10, at + 10), max_size=4))
        utterances: list[dict[str, Any]] = [
            {"start": start, "end": at + 10, "speaker": "A"} for start in starts
        ]
        if draw(odd):
            utterances.append({"start": "0", "end": 1})
        doc["utterances"] = utterances
    return doc


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_transcript())
def test_reading_a_transcript_gives_what_the_word_by_word_path_gives(doc: dict[str, Any]) -> None:
    same_as_careful(assemblyai.read, assemblyai.read_careful, doc)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc["words"][1].pop("speaker"), "a word whose speaker its utterance gives"),
        (lambda doc: doc["words"][1].update(start="884"), "a string time"),
        (lambda doc: doc.update(language_code=3), "a language code that is not a string"),
        (lambda doc: doc["words"][1].update(text=" "), "a blank word"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    path = corpus_dir("vendors", "assemblyai") / "utterances-speaker-labels.json"
    left_to_careful(assemblyai, path, change)


def test_real_transcripts_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(assemblyai, sorted(corpus_dir("vendors", "assemblyai").glob("*.json")))
