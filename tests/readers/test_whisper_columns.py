"""Whisper's fast path (issue #12): a clean document of the common shapes (local Whisper, a
faster-whisper segment list, the API's top-level words) read column by column gives exactly
what the word-by-word path gives (words, times, probabilities, a paragraph per segment, word
pieces glued, punctuation restored from the API's text, language, variant); anything else
(array words, segments without word timestamps, whisper.cpp, any invalid field) goes word by
word, with the same repairs and errors."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import whisper
from tests.conftest import ROOT
from tests.readers.fast_paths import (
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    sometimes_odd,
    word_groups,
)
from tests.readers.test_whisper import README_EXCERPT

_REAL = ROOT / "tests" / "data" / "realworld" / "whisper"
_WORD_STAMPS = _REAL / "wct2-word-stamps.json"

# Whole words with their leading space, and pieces without one that the careful path glues
# to the word before (Catalan elisions, whisper.cpp tokens) where most entries have a space.
_TEXTS = [" Hola,", " l", "'esquelet", "-los", " que", "我们", "."]
_ODD_TEXTS = ["", " ", 3, None, "\ud800", " \u2003"]
_ODD_NUMBERS = ["1", -1, True, None, float("nan"), 2e9, 10**400]


@st.composite
def _word(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` s; where ``odd`` draws True, a field goes wrong."""
    word: dict[str, Any] = {
        "word": draw(st.sampled_from(_ODD_TEXTS if draw(odd) else _TEXTS)),
        "start": draw(st.sampled_from(_ODD_NUMBERS)) if draw(odd) else at,
        # Now and then a word that ends before it starts (a repair, or a refusal).
        "end": at + draw(st.sampled_from([-0.05, -0.5, 0, 0.25, 1])) if draw(odd) else at + 0.5,
    }
    if draw(st.booleans()):
        word["probability"] = draw(
            st.sampled_from([1.5, -0.1, "0.5", False])
            if draw(odd)
            else st.one_of(st.none(), st.just(1), st.floats(0, 1))
        )
    elif draw(odd):
        word.pop(draw(st.sampled_from(["word", "start", "end"])))
    return word


def _segments(draw: st.DrawFn, odd: st.SearchStrategy[bool]) -> list[dict[str, Any]]:
    groups, at = word_groups(draw, _word, odd, groups=4, words=5)
    segments: list[dict[str, Any]] = []
    for index, entries in enumerate(groups):
        items: list[Any] = entries
        if draw(odd):  # faster-whisper < 1.1: each word as [start, end, word, probability]
            items = [[w.get("start"), w.get("end"), w.get("word"), None] for w in entries]
        segment: dict[str, Any] = {
            "id": index,
            "seek": 0,
            "start": 0.0,
            "end": at,
            "text": " Hola, l'esquelet.",
            "tokens": [50364],
            "words": items,
        }
        if draw(odd):  # no word timestamps here (spread or refused), or a bad segment field
            changes: list[tuple[str, Any]] = [
                ("words", None),
                ("words", []),
                ("words", "x"),
                ("start", "0"),
                ("text", 5),
            ]
            key, value = draw(st.sampled_from(changes))
            segment[key] = value
            if key == "words" and draw(st.booleans()):
                segment["text"] = draw(st.sampled_from(["", "  ", " Hola."]))
        segments.append(segment)
    return segments


@st.composite
def _local(draw: st.DrawFn) -> Any:
    """A local Whisper result or a faster-whisper segment list, clean or (half the time) with
    a few fields gone wrong."""
    odd = sometimes_odd(draw, 14)
    segments = _segments(draw, odd)
    if draw(st.booleans()):
        return segments  # faster-whisper's segments dumped as a list
    doc: dict[str, Any] = {"text": " Hola, l'esquelet.", "segments": segments}
    if draw(st.booleans()):
        doc["language"] = draw(st.sampled_from([5, "\ud800"]) if draw(odd) else st.just("ca"))
    if draw(odd):
        doc[draw(st.sampled_from(["words", "transcription", "text"]))] = draw(
            st.sampled_from([None, 7, [{"offsets": {"from": 0, "to": 10}, "text": "Hi"}]])
        )
    return doc


@st.composite
def _api(draw: st.DrawFn) -> dict[str, Any]:
    """An API ``verbose_json`` with word timestamps, clean or with a few fields gone wrong."""
    odd = sometimes_odd(draw, 12)
    words: list[dict[str, Any]] = []
    at = 0.0
    for text in draw(st.lists(st.sampled_from(["Hello", "world", "its", "US", "1990"]))):
        word = draw(_word(at, odd))
        if isinstance(word.get("word"), str) and not draw(odd):
            word["word"] = text  # the API's words: no leading space, no punctuation
            word.pop("probability", None)
        words.append(word)
        end = word.get("end")
        if isinstance(end, (int, float)) and not isinstance(end, bool):
            at = end
    doc: dict[str, Any] = {"words": words}
    if draw(st.booleans()):
        doc["text"] = draw(
            st.sampled_from([None, 5])
            if draw(odd)
            else st.sampled_from(["", "Hello, world. Its 1990 — U.S.!", "Hello world world."])
        )
    if draw(st.booleans()):
        doc["task"] = draw(
            st.sampled_from([1]) if draw(odd) else st.sampled_from(["", "translate"])
        )
    if draw(st.booleans()):
        doc["language"] = draw(st.sampled_from(["english", "Catalan", "en_us", "und"]))
    if draw(st.booleans()):
        doc["duration"] = -3 if draw(odd) else at
    if draw(st.booleans()):
        doc["segments"] = [{"id": 0, "start": 0.0, "end": at, "text": "Hello"}]
    return doc


def _same_as_careful(doc: Any, strict: bool = True) -> tuple[str, Any]:
    return same_as_careful(whisper.read, whisper.read_careful, doc, strict=strict)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=st.one_of(_local(), _api()), strict=st.booleans())
def test_reading_a_document_gives_what_the_word_by_word_path_gives(doc: Any, strict: bool) -> None:
    _same_as_careful(doc, strict)


def test_a_real_result_takes_the_fast_path() -> None:
    # openai-whisper on Catalan speech: three elided pieces ("'esquelet", "-los") glued.
    read_fast_as_careful(whisper, [_WORD_STAMPS])
    doc = json.loads(_WORD_STAMPS.read_text(encoding="utf-8"))
    metadata = whisper.read(doc, source="t.json").transcript().source.metadata
    assert metadata == {"variant": "local", "glued_tokens": 3}


@pytest.mark.parametrize("name", ["wct2-diarization", "wct2-segments-only", "wct2-vad"])
def test_real_results_without_word_timestamps_are_left_to_the_careful_path(name: str) -> None:
    doc = json.loads((_REAL / f"{name}.json").read_text(encoding="utf-8"))
    assert whisper._read_columns(doc, source="t.json") is None
    assert _same_as_careful(doc, strict=True)[0] == "error"
    assert _same_as_careful(doc, strict=False)[0] == "ok"  # spread over the segments


@pytest.mark.parametrize(
    "doc",
    [
        pytest.param(README_EXCERPT, id="local"),
        pytest.param(README_EXCERPT["segments"], id="segment-list"),
        pytest.param(
            {
                "task": "transcribe",
                "language": "english",
                "text": "Hello, world.",
                "words": [
                    {"word": "Hello", "start": 0.0, "end": 0.4},
                    {"word": "world", "start": 0.5, "end": 0.9},
                ],
            },
            id="openai-api",
        ),
    ],
)
def test_the_common_shapes_take_the_fast_path(doc: Any) -> None:
    assert whisper._read_columns(json.loads(json.dumps(doc)), source="t.json") is not None
    assert _same_as_careful(doc)[0] == "ok"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc["segments"][1].update(words=None), "a segment without word timestamps"),
        (lambda doc: doc["segments"][1]["words"][0].update(start=None), "an untimed word"),
        (lambda doc: doc["segments"][1]["words"][2].update(word=" "), "a blank token"),
        (lambda doc: doc["segments"][1]["words"][2].update(end=1.0), "an end before its start"),
        (lambda doc: doc["segments"][1]["words"][2].update(probability=2), "a probability > 1"),
        (lambda doc: doc["segments"][1].update(end="7"), "a segment end that is not a number"),
        (lambda doc: doc.update(language=7), "a language that is not a string"),
        (
            lambda doc: doc["segments"][1]["words"][1].update(start=10**400),
            "a glued piece whose start is an integer too large for a float",
        ),
        (
            lambda doc: doc["segments"][1].update(
                words=[[w["start"], w["end"], w["word"], None] for w in doc["segments"][1]["words"]]
            ),
            "words as arrays (faster-whisper < 1.1)",
        ),
        (
            lambda doc: doc.update(transcription=[{"offsets": {"from": 0, "to": 1}, "text": "x"}]),
            "whisper.cpp's own JSON",
        ),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    left_to_careful(whisper, _WORD_STAMPS, change)
