"""Rev.ai's fast path (issue #12): a clean transcript read column by column gives exactly what
the word-by-word path gives (words cut at the spacing elements, or at each text element when
there are none, punctuation glued on, spans from the first to the latest timed element, the
lowest confidence, speakers ``S0``... named from the monologues, a paragraph per monologue);
anything else (an untimed or unknown element, timed punctuation, an odd field, a repair) goes
word by word, with the same errors and diagnostics."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import strategies as st

from cuecraft.readers import revai
from tests.conftest import corpus_dir
from tests.readers.fast_paths import (
    changed_goes_to_careful,
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    share_on_fast_path,
    sometimes_odd,
)

SPACE = {"type": "punct", "value": " "}

# Values the careful path refuses, repairs or reads otherwise, by field.
_ODD_VALUES = ["", " ", 3, None, "\ud800", "\x00", "a\x00b"]
_ODD_TIMES = [-1, "1", True, None, 2e9, 10**400, float("nan")]
_ODD_CONFIDENCES = [1.5, -0.1, "x", True, 10**400, None]
# True, False, 1.0 and 0.0 are equal to a speaker number another monologue may have.
_ODD_SPEAKERS = [-1, True, False, 1.0, 0.0, "1", 1_000_001, 10**400]
_ODD_ELEMENTS = [
    {"type": "unknown", "value": "<inaudible>"},  # untimed: interpolated, with a diagnostic
    {"type": "text", "value": "x"},  # untimed text
    {"type": "punct", "value": ",", "ts": 1.0, "end_ts": 1.0},  # timed punctuation
    {"type": "punct", "value": ",", "confidence": 0.5},
    {"type": "punct", "value": "\t"},  # spacing, but not a space
    {"type": "punct", "value": ""},  # punctuation, not spacing
    {"type": 5, "value": "x", "ts": 1.0, "end_ts": 1.0},
    {"type": "text", "value": " ", "ts": 1.0, "end_ts": 1.0},  # a text of spacing
    {"value": "x"},
    ["x"],
    None,
]


@st.composite
def _text(
    draw: st.DrawFn, at: float, before: float, odd: st.SearchStrategy[bool]
) -> dict[str, Any]:
    """A timed text element starting at ``at`` s after one that started at ``before``; where
    ``odd`` draws True, a field goes wrong or is missing, or the times slip (within or beyond
    the repair tolerance)."""
    start: Any = at
    if draw(odd):
        slips = [max(before - 0.05, 0), max(before - 0.5, 0)]
        start = draw(st.sampled_from(slips) | st.sampled_from(_ODD_TIMES))
    length = draw(st.one_of(st.sampled_from([0, 1]), st.floats(0, 2)))
    plain = type(start) in (int, float) and 0 <= start <= 10**6
    end: Any = (start if plain else at) + length
    if draw(odd):
        end = draw(st.sampled_from([at - 0.05, at - 0.5]) | st.sampled_from(_ODD_TIMES))
    value = draw(st.sampled_from(["Hi", "my", "name's", "co", "30", "Qué"]))
    element: dict[str, Any] = {
        "type": "text",
        "value": draw(st.sampled_from(_ODD_VALUES)) if draw(odd) else value,
        "ts": start,
        "end_ts": end,
    }
    if draw(st.integers(0, 5)):
        element["confidence"] = draw(
            st.sampled_from(_ODD_CONFIDENCES)
            if draw(odd)
            else st.one_of(st.floats(0, 1), st.sampled_from([0, 1]))
        )
    for key in ("type", "value", "ts", "end_ts"):
        if draw(odd):
            element.pop(key)
    return element


@st.composite
def _elements(
    draw: st.DrawFn, at: float, spaced: bool, punctuated: bool, odd: st.SearchStrategy[bool]
) -> tuple[list[Any], float]:
    """A monologue's elements, up to five words: an opening mark now and then, one to three
    text elements (``co`` ``-`` ``founder``, ``30`` ``%``), closing punctuation, spaces
    between (when ``spaced``); and the last end."""
    elements: list[Any] = []
    before = at
    for w in range(draw(st.integers(0, 5))):
        if w and spaced:
            elements.append(dict(SPACE))
            if draw(st.integers(0, 9)) == 0:
                elements.append(dict(SPACE))  # two in a row
        if punctuated and draw(st.integers(0, 9)) == 0:
            elements.append({"type": "punct", "value": draw(st.sampled_from(['"', "¿"]))})
        for piece in range(draw(st.sampled_from([1, 1, 1, 2, 3]))):
            if piece and punctuated and draw(st.booleans()):
                elements.append({"type": "punct", "value": "-"})
            element = draw(_text(at, before, odd))
            elements.append(element)
            start: Any = element.get("ts")
            end: Any = element.get("end_ts")
            if type(start) in (int, float) and 0 <= start <= 1e6:
                before = start
            if type(end) in (int, float) and at <= end <= 1e6:
                at = end  # NaN fails the comparisons
        if punctuated and draw(st.booleans()):
            elements.append({"type": "punct", "value": draw(st.sampled_from([",", ".", "?"]))})
        if draw(odd):
            elements.insert(
                draw(st.integers(0, len(elements))),
                copy.deepcopy(draw(st.sampled_from(_ODD_ELEMENTS))),
            )
    if spaced and elements and draw(st.integers(0, 4)) == 0:
        elements.insert(draw(st.sampled_from([0, len(elements)])), dict(SPACE))  # at an edge
    return elements, at


@st.composite
def _transcript(draw: st.DrawFn) -> dict[str, Any]:
    """A transcript, spaced (as Rev.ai writes it) or, now and then, without spacing elements
    (``skip_punctuation``; rarely with punctuation left); clean or (half the time) with a few
    fields gone wrong."""
    odd = sometimes_odd(draw, draw(st.sampled_from([12, 40, 150])))
    shape = draw(st.sampled_from(["spaced", "spaced", "spaced", "bare", "unspaced"]))
    monologues: list[Any] = []
    at = 0.0
    for _ in range(draw(st.integers(0, 4))):
        elements, at = draw(_elements(at, shape == "spaced", shape != "bare", odd))
        monologue: dict[str, Any] = {"elements": elements}
        if draw(st.integers(0, 5)):
            speaker = draw(st.sampled_from([0, 1, 2, None]))
            monologue["speaker"] = draw(st.sampled_from(_ODD_SPEAKERS)) if draw(odd) else speaker
        if draw(st.integers(0, 3)) == 0:
            name = draw(st.sampled_from(["Jane", "", None]))
            monologue["speaker_name"] = draw(st.sampled_from([5, "\ud800"])) if draw(odd) else name
        if draw(st.integers(0, 3)) == 0:
            info: Any = {"id": 1, "display_name": draw(st.sampled_from(["Joe", "", None]))}
            if draw(odd):
                info = draw(st.sampled_from(["x", {"display_name": 5}, None]))
            monologue["speaker_info"] = info
        if draw(odd):
            monologue = draw(st.sampled_from([{"speaker": 0}, {"elements": None}, "x"]))
        monologues.append(monologue)
    doc: dict[str, Any] = {"monologues": monologues}
    if draw(odd):
        doc = draw(st.sampled_from([{}, {"monologues": None}, {"monologues": {}}]))
    return doc


def test_reading_a_transcript_gives_what_the_word_by_word_path_gives() -> None:
    share_on_fast_path(revai, _transcript())


def _element(value: str, ts: float, confidence: float = 1.0) -> dict[str, Any]:
    return {"type": "text", "value": value, "ts": ts, "end_ts": ts + 0.5, "confidence": confidence}


def _clean() -> dict[str, Any]:
    return {
        "monologues": [
            {
                "speaker": 1,
                "speaker_info": {"id": 1, "display_name": "Jane Doe"},
                "elements": [
                    _element("Hi", 0.5),
                    {"type": "punct", "value": ","},
                    SPACE,
                    _element("my", 0.7, 0.8),
                    SPACE,
                    _element("co", 1.0, 0.7),
                    {"type": "punct", "value": "-"},
                    _element("founder", 1.5, 0.9),
                    SPACE,
                    _element("30", 2.0),
                    _element("%", 2.5, 0.4),
                    {"type": "punct", "value": "."},
                ],
            },
            {"speaker": 2, "speaker_name": "Bob", "elements": []},
            {
                "speaker": 2,
                "elements": [SPACE, {"type": "punct", "value": '"'}, _element("Yes", 4.0), SPACE],
            },
        ]
    }


def test_a_clean_transcript_takes_the_fast_path() -> None:
    doc = _clean()
    assert revai._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(revai.read, revai.read_careful, doc)
    words = [(w["text"], w["start_ms"], w["end_ms"], w["confidence"]) for w in transcript["words"]]
    assert words == [
        ("Hi,", 500, 1000, 1.0),
        ("my", 700, 1200, 0.8),
        ("co-founder", 1000, 2000, 0.7),
        ("30%.", 2000, 3000, 0.4),
        ('"Yes', 4000, 4500, 1.0),
    ]
    assert [w["paragraph_start"] for w in transcript["words"]] == [True, False, False, False, True]
    assert [(s["id"], s["name"]) for s in transcript["speakers"]] == [
        ("S1", "Jane Doe"),
        ("S2", "Bob"),
    ]


def test_without_spacing_elements_each_text_element_is_a_word_on_the_fast_path_too() -> None:
    doc = {
        "monologues": [
            {
                "speaker": 0,
                "elements": [
                    {"type": "punct", "value": "¿"},
                    _element("Qué", 0.5),
                    _element("tal", 1.0),
                    {"type": "punct", "value": "?"},
                ],
            },
            {"elements": [_element("Bien", 2.0), _element("gracias", 2.5)]},
        ]
    }
    assert revai._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(revai.read, revai.read_careful, doc)
    assert [w["text"] for w in transcript["words"]] == ["¿Qué", "tal?", "Bien", "gracias"]
    assert [w["speaker"] for w in transcript["words"]] == ["S0", "S0", None, None]


def _elements_of(doc: dict[str, Any], monologue: int = 0) -> list[Any]:
    elements: list[Any] = doc["monologues"][monologue]["elements"]
    return elements


def _texts_of(doc: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        element
        for monologue in doc["monologues"]
        for element in monologue["elements"]
        if element["type"] == "text"
    ]


_CHANGES = [
    pytest.param(
        lambda doc: _elements_of(doc).insert(2, {"type": "unknown", "value": "<inaudible>"}),
        id="an inaudible tag (interpolated)",
    ),
    pytest.param(lambda doc: _texts_of(doc)[1].pop("end_ts"), id="a text without its end"),
    pytest.param(
        lambda doc: _elements_of(doc)[1].update(ts=_texts_of(doc)[0]["end_ts"]),
        id="a timed punctuation mark",
    ),
    pytest.param(
        lambda doc: _elements_of(doc)[1].update(confidence=0.5),
        id="punctuation with a confidence",
    ),
    pytest.param(lambda doc: _texts_of(doc)[1].update(value=" "), id="a blank word"),
    pytest.param(lambda doc: _texts_of(doc)[1].update(value="a\x00b"), id="a NUL in a word"),
    pytest.param(lambda doc: _texts_of(doc)[1].update(ts="1.0"), id="a string time"),
    pytest.param(
        lambda doc: _texts_of(doc)[1].update(ts=_texts_of(doc)[0]["ts"] - 0.05),
        id="a start before the previous word's, to repair",
    ),
    pytest.param(
        lambda doc: _texts_of(doc)[1].update(end_ts=_texts_of(doc)[1]["ts"] - 0.05),
        id="an end before the start, to repair",
    ),
    pytest.param(lambda doc: _texts_of(doc)[1].update(ts=10**400), id="a huge time"),
    pytest.param(lambda doc: _texts_of(doc)[1].update(confidence=10**400), id="a huge confidence"),
    # As dict keys or after int(), these would pass for speaker 1 or 0.
    pytest.param(lambda doc: doc["monologues"][0].update(speaker=True), id="a boolean speaker"),
    pytest.param(lambda doc: doc["monologues"][0].update(speaker=1.0), id="a float speaker"),
    pytest.param(lambda doc: doc["monologues"][0].update(speaker=-1), id="a negative speaker"),
    pytest.param(
        lambda doc: doc["monologues"][0].update(speaker_info={"display_name": 5}),
        id="a display name that is not a string",
    ),
    pytest.param(
        lambda doc: doc["monologues"].append({"speaker": 3}), id="a monologue without elements"
    ),
    pytest.param(lambda doc: _elements_of(doc).append("x"), id="an element that is no object"),
]


@pytest.mark.parametrize("change", _CHANGES)
def test_what_needs_the_careful_path_goes_there(change: Any) -> None:
    changed_goes_to_careful(revai, _clean(), change)


@pytest.mark.parametrize("change", _CHANGES)
def test_a_real_transcript_changed_goes_to_the_careful_path(change: Any) -> None:
    path = corpus_dir("vendors", "rev-ai") / "startup-talk-1spk.json"
    left_to_careful(revai, path, change)


def test_real_transcripts_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(revai, sorted(corpus_dir("vendors", "rev-ai").glob("*.json")))
