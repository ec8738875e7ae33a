"""whisper-timestamped's fast path (issue #12): a clean result read column by column gives
exactly what the word-by-word path gives (words, times, confidences, a paragraph per segment,
language); anything else goes word by word, with the same errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import whisper_timestamped as reader
from tests.conftest import corpus_dir
from tests.readers.fast_paths import (
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    sometimes_odd,
    word_groups,
)


@st.composite
def _word(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` s; where ``odd`` draws True, a field goes wrong."""
    return {
        "text": draw(st.sampled_from(["", " ", 3]) if draw(odd) else st.just("Yeah,")),
        "start": draw(st.sampled_from(["1", -1, None])) if draw(odd) else at,
        "end": at + draw(st.floats(0, 2)),
        "confidence": draw(st.sampled_from([1.5, "x"]) if draw(odd) else st.floats(0, 1)),
    }


@st.composite
def _result(draw: st.DrawFn) -> dict[str, Any]:
    """A result, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 13)
    groups, at = word_groups(draw, _word, odd)
    segments: list[dict[str, Any]] = []
    for items in groups:
        segment: dict[str, Any] = {"start": 0.0, "end": at, "text": " Yeah,", "words": items}
        if draw(odd):
            segment[draw(st.sampled_from(["words", "start"]))] = draw(st.sampled_from([None, "x"]))
        segments.append(segment)
    language = draw(st.sampled_from([5, None]) if draw(odd) else st.sampled_from(["en", "fr"]))
    return {"text": " Yeah,", "language": language, "segments": segments}


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_result())
def test_reading_a_result_gives_what_the_word_by_word_path_gives(doc: dict[str, Any]) -> None:
    same_as_careful(reader.read, reader.read_careful, doc)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc["segments"][1]["words"][0].update(start=None), "an untimed word"),
        (lambda doc: doc["segments"][1].update(end="7"), "a segment end that is not a number"),
        (lambda doc: doc.update(language=7), "a language that is not a string"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    path = corpus_dir("vendors", "whisper-timestamped") / "short-4seg.json"
    left_to_careful(reader, path, change)


def test_real_results_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(
        reader, sorted(corpus_dir("vendors", "whisper-timestamped").glob("*.json"))
    )
