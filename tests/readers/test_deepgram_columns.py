"""Deepgram's fast path (issue #12): a clean single-channel response read column by column
gives exactly what the word-by-word path gives (texts from ``punctuated_word`` or ``word``,
times, confidences, speakers ``S0``..., paragraphs at the paragraphs or the utterances,
language, request id); anything else (several channels, streaming messages, an odd field, a
repair) goes word by word, with the same errors and diagnostics."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import deepgram
from tests.conftest import ROOT, corpus_dir
from tests.readers.fast_paths import (
    changed_goes_to_careful,
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    sometimes_odd,
)

_WORDS = "/results/channels/0/alternatives/0/words"

# Values the careful path refuses, repairs or reads otherwise, by field.
_ODD_TEXTS = ["", " ", 3, None, "\ud800"]
_ODD_TIMES = [-1, "1", True, None, 2e9, 10**400, float("nan")]
_ODD_CONFIDENCES = [1.5, -0.1, "x", True, 10**400]
# True, False, 1.0 and 0.0 are equal to a speaker number the words may have used before.
_ODD_SPEAKERS = [-1, True, False, 1.0, 0.0, "1", 1_000_001, 10**400]


@st.composite
def _word(draw: st.DrawFn, at: float, before: float, odd: st.SearchStrategy[bool]) -> Any:
    """A word starting at ``at`` s (seconds are JSON ints when whole, as Deepgram writes
    them) after a word that started at ``before``; where ``odd`` draws True, a field goes
    wrong, is missing, or the word is out of order (within or beyond the repair tolerance)
    or is no object at all."""
    if draw(odd):
        return draw(st.sampled_from([["x"], "x", None]))
    start: Any = at
    if draw(odd):
        # Half the time a slip the careful path repairs (with a diagnostic) or refuses.
        slips = [max(before - 0.05, 0), max(before - 0.5, 0)]
        start = draw(st.sampled_from(slips) | st.sampled_from(_ODD_TIMES))
    length = draw(st.one_of(st.sampled_from([0, 1]), st.floats(0, 2)))
    plain = type(start) in (int, float) and 0 <= start <= 10**6
    end: Any = (start if plain else at) + length
    if draw(odd):
        end = draw(st.sampled_from([at - 0.05, at - 0.5]) | st.sampled_from(_ODD_TIMES))
    text = draw(st.sampled_from(["and", "jessica", "yeah"]))
    word: dict[str, Any] = {
        "word": draw(st.sampled_from(_ODD_TEXTS)) if draw(odd) else text,
        "start": start,
        "end": end,
    }
    if draw(st.integers(0, 5)):
        punctuated = draw(st.sampled_from(_ODD_TEXTS)) if draw(odd) else text.title() + ","
        word["punctuated_word"] = punctuated
    if draw(st.integers(0, 5)):
        word["confidence"] = draw(
            st.sampled_from(_ODD_CONFIDENCES)
            if draw(odd)
            else st.one_of(st.floats(0, 1), st.none())
        )
    if draw(st.booleans()):
        word["speaker"] = draw(
            st.sampled_from(_ODD_SPEAKERS) if draw(odd) else st.sampled_from([0, 1, 2, None])
        )
        word["speaker_confidence"] = draw(st.floats(0, 1))
    for key in ("word", "start", "end"):
        if draw(odd):
            word.pop(key)
    return word


@st.composite
def _words(draw: st.DrawFn, odd: st.SearchStrategy[bool]) -> tuple[list[Any], float]:
    """Up to eight words in time order, and the last end."""
    items: list[Any] = []
    at: float = 0
    before: float = 0
    for _ in range(draw(st.integers(0, 8))):
        item = draw(_word(at, before, odd))
        items.append(item)
        fields: dict[str, Any] = item if isinstance(item, dict) else {}
        start, end = fields.get("start"), fields.get("end")
        if isinstance(start, (int, float)) and not isinstance(start, bool) and 0 <= start <= 1e6:
            before = start
        if isinstance(end, (int, float)) and not isinstance(end, bool) and at <= end <= 1e6:
            at = end  # NaN fails the comparisons
    return items, at


@st.composite
def _response(draw: st.DrawFn) -> dict[str, Any]:
    """A pre-recorded response, clean or (half the time) with a few fields gone wrong: the
    words, the paragraphs, the utterances, the language, the metadata, the channels."""
    odd = sometimes_odd(draw, draw(st.sampled_from([10, 60])))
    words, at = draw(_words(odd))
    alternative: dict[str, Any] = {"transcript": "", "confidence": 0.9, "words": words}
    span = st.one_of(st.integers(0, int(at) + 1), st.floats(0, at + 0.5))
    if draw(st.booleans()):
        starts: list[Any] = draw(st.lists(span, max_size=4))
        if draw(odd):
            starts.append(draw(st.sampled_from(["0", -1, None, True])))
        paragraphs = [
            {"sentences": [], "start": start, "end": at, "num_words": 1} for start in starts
        ]
        alternative["paragraphs"] = {"transcript": "", "paragraphs": paragraphs}
        if draw(odd):
            alternative["paragraphs"] = draw(st.sampled_from([None, [], {}]))
    if draw(odd):
        alternative.pop("words")
    alternatives: list[Any] = [alternative]
    if draw(st.integers(0, 7)) == 0:
        # A second alternative: never read, but validated (its words too).
        other, _ = draw(_words(odd))
        alternatives.append({"transcript": "", "words": other})
    if draw(odd):
        alternatives = draw(st.sampled_from([[], [None], ["x"]]))
    channel: dict[str, Any] = {"alternatives": alternatives}
    if draw(st.booleans()):
        languages = st.sampled_from([5, "\ud800", None]) if draw(odd) else st.sampled_from(["en"])
        channel["detected_language"] = draw(languages)
    channels: list[Any] = [channel]
    if draw(odd):
        # Several channels are merged by time; none, or one that is not an object.
        more, _ = draw(_words(odd))
        extra = [{"alternatives": [{"words": more}]}]
        channels = draw(st.sampled_from([channels + extra, [], [None], "x"]))
    results: dict[str, Any] = {"channels": channels}
    if draw(st.booleans()):
        utterances: list[Any] = [
            {"start": start, "end": at, "channel": draw(st.sampled_from([0, 1, None]))}
            for start in draw(st.lists(span, max_size=4))
        ]
        if draw(odd):
            utterances.append(draw(st.sampled_from([{"start": "0"}, {"start": 0, "channel": -1}])))
        results["utterances"] = utterances
        if draw(odd):
            results["utterances"] = draw(st.sampled_from([None, {}, "x"]))
    doc: dict[str, Any] = {"results": results}
    if draw(st.booleans()):
        request_ids = st.sampled_from([5, "", None, "\ud800"]) if draw(odd) else st.just("r-1")
        metadata = {"request_id": draw(request_ids), "duration": at, "channels": len(channels)}
        doc["metadata"] = draw(st.sampled_from([None, "x"])) if draw(odd) else metadata
    if draw(odd):
        doc.pop("results")
    return doc


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_response(), strict=st.booleans())
def test_reading_a_response_gives_what_the_word_by_word_path_gives(
    doc: dict[str, Any], strict: bool
) -> None:
    same_as_careful(deepgram.read, deepgram.read_careful, doc, strict=strict)


def _clean() -> dict[str, Any]:
    words = [
        {"word": "and", "start": 3, "end": 3.5, "confidence": 0.8, "speaker": 0},
        {"word": "so", "start": 3.5, "end": 4.1, "confidence": 0.9, "speaker": 0},
        {"word": "drew", "start": 4.64, "end": 5.14, "confidence": 1, "speaker": 1},
        {"word": "yes", "start": 5.2, "end": 5.5, "confidence": 0.7, "speaker": 1},
    ]
    for word in words:
        word["punctuated_word"] = str(word["word"]).title() + ","
        word["speaker_confidence"] = 0.5
    alternative = {
        "transcript": "",
        "words": words,
        "paragraphs": {"paragraphs": [{"start": 3.0, "speaker": 0}, {"start": 4.6}]},
    }
    return {
        "metadata": {"request_id": "r-1", "duration": 6.0, "channels": 1},
        "results": {
            "channels": [{"alternatives": [alternative], "detected_language": "en"}],
            "utterances": [{"start": 3.0, "channel": 0}, {"start": 5.2, "channel": 0}],
        },
    }


def test_a_clean_response_takes_the_fast_path() -> None:
    doc = _clean()
    assert deepgram._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(deepgram.read, deepgram.read_careful, doc)
    assert [w["text"] for w in transcript["words"]] == ["And,", "So,", "Drew,", "Yes,"]
    assert [w["paragraph_start"] for w in transcript["words"]] == [True, False, True, False]
    assert [(s["id"], s["name"]) for s in transcript["speakers"]] == [
        ("S0", "Speaker 0"),
        ("S1", "Speaker 1"),
    ]


def _utterances_only(doc: dict[str, Any]) -> None:
    del doc["results"]["channels"][0]["alternatives"][0]["paragraphs"]


def test_utterances_give_the_paragraphs_on_the_fast_path_too() -> None:
    doc = _clean()
    _utterances_only(doc)
    assert deepgram._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(deepgram.read, deepgram.read_careful, doc)
    assert [w["paragraph_start"] for w in transcript["words"]] == [True, False, False, True]


def _word_of(doc: dict[str, Any], index: int = 1) -> dict[str, Any]:
    word: dict[str, Any] = doc["results"]["channels"][0]["alternatives"][0]["words"][index]
    return word


def _second_channel(doc: dict[str, Any]) -> None:
    channels = doc["results"]["channels"]
    channels.append({"alternatives": [{"words": [dict(_word_of(doc), start=3.6, end=3.7)]}]})


_CHANGES = [
    pytest.param(_second_channel, id="a second channel (merged by time)"),
    pytest.param(lambda doc: _word_of(doc).update(punctuated_word=" "), id="a blank word"),
    pytest.param(lambda doc: _word_of(doc).update(word=7), id="a word that is not shown, not text"),
    pytest.param(lambda doc: _word_of(doc).update(start="3.5"), id="a string time"),
    pytest.param(
        lambda doc: _word_of(doc).update(start=_word_of(doc, 0)["start"] - 0.05),
        id="a start before the previous word's, to repair",
    ),
    pytest.param(
        lambda doc: _word_of(doc).update(end=_word_of(doc)["start"] - 0.05),
        id="an end before the start, to repair",
    ),
    pytest.param(lambda doc: _word_of(doc).update(speaker=True), id="a boolean speaker"),
    # The first word's speaker is 0: as dict keys, these would pass for it.
    pytest.param(lambda doc: _word_of(doc).update(speaker=False), id="a boolean speaker, as 0"),
    pytest.param(lambda doc: _word_of(doc).update(speaker=0.0), id="a float speaker, as 0"),
    pytest.param(lambda doc: _word_of(doc).update(speaker=1_000_001), id="a speaker too large"),
    pytest.param(lambda doc: _word_of(doc).update(confidence=10**400), id="a huge confidence"),
    pytest.param(lambda doc: _word_of(doc).update(start=10**400), id="a huge time"),
    pytest.param(
        lambda doc: doc["results"]["channels"][0].update(detected_language=5),
        id="a language that is not a string",
    ),
    pytest.param(
        lambda doc: doc["results"]["utterances"].append({"start": "0"}),
        id="an utterance start that is not a number",
    ),
    pytest.param(
        lambda doc: doc["results"]["channels"][0]["alternatives"].append({"words": [{}]}),
        id="a second alternative with a word missing its fields",
    ),
]


@pytest.mark.parametrize("change", _CHANGES)
def test_what_needs_the_careful_path_goes_there(change: Any) -> None:
    changed_goes_to_careful(deepgram, _clean(), change)


@pytest.mark.parametrize("change", _CHANGES)
def test_a_real_response_changed_goes_to_the_careful_path(change: Any) -> None:
    path = corpus_dir("vendors", "deepgram") / "nova2-diarized-3spk.json"
    left_to_careful(deepgram, path, change)


def test_real_responses_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(deepgram, sorted(corpus_dir("vendors", "deepgram").glob("*.json")))


def _streaming_files() -> list[Path]:
    return sorted((ROOT / "tests" / "data" / "vendors" / "deepgram").glob("*.json"))


@pytest.mark.parametrize("path", _streaming_files(), ids=lambda path: path.name)
def test_streaming_messages_are_read_word_by_word(path: Path) -> None:
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert same_as_careful(deepgram.read, deepgram.read_careful, doc)[0] == "ok"
    same_as_careful(deepgram.read, deepgram.read_careful, [doc, doc])
