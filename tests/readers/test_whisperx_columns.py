"""WhisperX's fast path (issue #12): a clean, fully aligned result read column by column
gives exactly what the word-by-word path gives (words, times, scores, speakers from the word
or its segment, a paragraph per segment, language); anything else (unaligned words, words
only in ``word_segments``, any invalid field) goes word by word, with the same repairs and
errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import whisperx
from tests.conftest import ROOT
from tests.readers.fast_paths import (
    left_to_careful,
    same_as_careful,
    sometimes_odd,
    word_groups,
)

_REAL = ROOT / "tests" / "data" / "realworld" / "whisperx" / "call-recording-en.json"


@st.composite
def _word(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` s; where ``odd`` draws True, a field goes wrong."""
    word: dict[str, Any] = {"word": draw(st.sampled_from(["", 3]) if draw(odd) else st.just("Hi"))}
    if draw(odd):  # unaligned (the aligner's digits and symbols), or not a number
        bad = draw(st.sampled_from([None, "1", -1]))
        if bad is not None:
            word["start"] = bad
    else:
        word["start"] = at
        word["end"] = at + draw(st.floats(0, 2))
        word["score"] = draw(st.floats(0, 1))
    if draw(st.integers(0, 2)) == 0:
        word["speaker"] = draw(st.sampled_from(["", 7]) if draw(odd) else st.just("SPEAKER_01"))
    return word


@st.composite
def _result(draw: st.DrawFn) -> dict[str, Any]:
    """A result, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 13)
    groups, at = word_groups(draw, _word, odd)
    segments: list[dict[str, Any]] = []
    for items in groups:
        segment: dict[str, Any] = {"start": 0.0, "end": at + 1, "text": "Hi", "words": items}
        if draw(st.booleans()):
            segment["speaker"] = draw(st.sampled_from(["", 5]) if draw(odd) else st.just("SPK_0"))
        if draw(odd):
            segment.pop("words")
        segments.append(segment)
    doc: dict[str, Any] = {"segments": segments, "language": "en"}
    flat = [dict(item) for segment in segments for item in segment.get("words", ())]
    copy = draw(
        st.sampled_from(["same", "none", "empty", "other"] if draw(odd) else ["same", "none"])
    )
    if copy == "same":
        doc["word_segments"] = flat
    elif copy == "empty":
        doc["word_segments"] = []
    elif copy == "other":
        doc["word_segments"] = [*flat, {"word": "x", "start": -1}]
    return doc


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_result())
def test_reading_a_result_gives_what_the_word_by_word_path_gives(doc: dict[str, Any]) -> None:
    same_as_careful(whisperx.read, whisperx.read_careful, doc)


def test_a_real_result_takes_the_fast_path() -> None:
    doc = json.loads(_REAL.read_text(encoding="utf-8"))
    assert whisperx._read_columns(doc, source="t.json") is not None
    assert same_as_careful(whisperx.read, whisperx.read_careful, doc)[0] == "ok"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc["segments"][1]["words"][0].pop("start"), "an unaligned word"),
        (lambda doc: doc["word_segments"].pop(), "word_segments not a copy of the words"),
        (lambda doc: doc["segments"][1].update(speaker=""), "an empty segment speaker"),
        (lambda doc: doc.update(language=7), "a language that is not a string"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    left_to_careful(whisperx, _REAL, change)
