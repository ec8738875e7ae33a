"""Speechmatics' fast path (issue #12): a clean transcript read column by column gives exactly
what the word-by-word path gives (words and entities' written forms, punctuation glued as
``attaches_to`` says, speakers from the alternatives or the channels, ``"UU"`` as none,
language, format, job id, word delimiter); anything else (two alternatives, a ``speaker_change``,
``both``, an odd field, a repair) goes word by word, with the same errors and diagnostics."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from hypothesis import strategies as st

from cuecraft.readers import speechmatics
from tests.conftest import corpus_dir
from tests.readers.fast_paths import (
    changed_goes_to_careful,
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    share_on_fast_path,
    sometimes_odd,
)

# Values the careful path refuses, repairs or reads otherwise, by field.
_ODD_CONTENTS = ["", " ", 5, None, "\ud800"]
_ODD_TIMES = [-1, "1", True, None, 2e9, 10**400, float("nan")]
_ODD_CONFIDENCES = [1.5, -0.1, "x", True, 10**400]
_ODD_LABELS = ["", 5, True, "\ud800", ["S1"]]
_ODD_ATTACHES = ["both", "sideways", 5, ["next"]]


@st.composite
def _alternatives(
    draw: st.DrawFn, content: str, speaker: str | None, odd: st.SearchStrategy[bool]
) -> Any:
    """``[{content, confidence, language, speaker}]`` (the one alternative Speechmatics
    sends); where ``odd`` draws True, a field goes wrong, or there are none, or two."""
    alternative: dict[str, Any] = {
        "content": draw(st.sampled_from(_ODD_CONTENTS)) if draw(odd) else content,
        "language": draw(st.sampled_from([5, "\ud800"])) if draw(odd) else "en",
    }
    if draw(st.integers(0, 5)):
        alternative["confidence"] = draw(
            st.sampled_from(_ODD_CONFIDENCES)
            if draw(odd)
            else st.one_of(st.floats(0, 1), st.sampled_from([0, 1]))
        )
    if speaker is not None:
        alternative["speaker"] = draw(st.sampled_from(_ODD_LABELS)) if draw(odd) else speaker
    if draw(odd):
        return draw(st.sampled_from([[], [alternative, dict(alternative)], None, "x", [None]]))
    return [alternative]


@st.composite
def _timed(
    draw: st.DrawFn, at: float, before: float, odd: st.SearchStrategy[bool]
) -> tuple[Any, Any]:
    """A start at ``at`` s (after a word that started at ``before``) and an end; where
    ``odd`` draws True, one slips (within or beyond the repair tolerance) or goes wrong."""
    start: Any = at
    if draw(odd):
        slips = [max(before - 0.05, 0), max(before - 0.5, 0)]
        start = draw(st.sampled_from(slips) | st.sampled_from(_ODD_TIMES))
    length = draw(st.one_of(st.sampled_from([0, 1]), st.floats(0, 2)))
    plain = type(start) in (int, float) and 0 <= start <= 10**6
    end: Any = (start if plain else at) + length
    if draw(odd):
        end = draw(st.sampled_from([at - 0.05, at - 0.5]) | st.sampled_from(_ODD_TIMES))
    return start, end


def _advance(at: float, before: float, start: Any, end: Any) -> tuple[float, float]:
    """Where the next word starts, and the start it must not slip behind."""
    if type(start) in (int, float) and 0 <= start <= 1e6:
        before = start
    if type(end) in (int, float) and at <= end <= 1e6:
        at = end  # NaN fails the comparisons
    return at, before


@st.composite
def _results(draw: st.DrawFn, odd: st.SearchStrategy[bool]) -> list[Any]:
    """Up to ten words, diarized (``S1``, ``S2``, ``UU``), by channel, or neither; with
    punctuation after (``previous``, the default), before (``next``) or alone (``none``),
    entities with their written form, and now and then a legacy ``speaker_change``."""
    diarization = draw(st.sampled_from(["speaker", "channel", "none"]))
    results: list[Any] = []
    at = before = 0.0
    if draw(st.integers(0, 6)) == 0:
        # Punctuation before any word goes to the first word, whichever way it attaches.
        attach = draw(st.sampled_from(["previous", None, "none", "next"]))
        results.append(draw(_punctuation(at, None, attach, odd)))
    for _ in range(draw(st.integers(0, 10))):
        speaker = draw(st.sampled_from(["S1", "S2", "UU"])) if diarization != "none" else None
        if draw(st.integers(0, 20)) == 0:
            results.append({"type": "speaker_change", "start_time": at, "end_time": at})
        if draw(st.integers(0, 8)) == 0:
            results.append(draw(_punctuation(at, speaker, "next", odd)))
        kind = draw(st.sampled_from(["word"] * 6 + ["entity"]))
        if kind == "entity":
            result, at, before = draw(_entity(at, before, speaker, odd))
        else:
            start, end = draw(_timed(at, before, odd))
            content = draw(st.sampled_from(["Tidy", "things", "up", "Qué"]))
            result = {
                "alternatives": draw(_alternatives(content, speaker, odd)),
                "start_time": start,
                "end_time": end,
                "type": "word" if not draw(odd) else draw(st.sampled_from(["other", 5])),
            }
            at, before = _advance(at, before, start, end)
        if diarization == "channel":
            result["channel"] = draw(st.sampled_from(_ODD_LABELS)) if draw(odd) else "1"
        if draw(odd):
            result["written_form"] = draw(st.sampled_from([[], None, "x"]))
        results.append(result)
        if draw(st.integers(0, 2)) == 0:
            attach = draw(st.sampled_from(["previous", "previous", None, "none", "next"]))
            results.append(draw(_punctuation(at, speaker, attach, odd)))
    if draw(odd):
        for field in ("type", "start_time", "end_time", "alternatives"):
            if results and isinstance(results[-1], dict) and draw(odd):
                results[-1].pop(field, None)
        results.insert(draw(st.integers(0, len(results))), draw(st.sampled_from([None, "x", []])))
    return results


@st.composite
def _punctuation(
    draw: st.DrawFn, at: float, speaker: str | None, attach: str | None, odd: Any
) -> dict[str, Any]:
    """A punctuation result at ``at`` (start == end, as Speechmatics writes it)."""
    content = draw(st.sampled_from([".", ",", "?", "¿"]))
    result: dict[str, Any] = {
        "alternatives": draw(_alternatives(content, speaker, odd)),
        "start_time": at,
        "end_time": at,
        "type": "punctuation",
        "is_eos": False,
    }
    if attach is not None:
        result["attaches_to"] = attach
    if draw(odd):
        result["attaches_to"] = draw(st.sampled_from(_ODD_ATTACHES))
    return result


@st.composite
def _entity(
    draw: st.DrawFn, at: float, before: float, speaker: str | None, odd: st.SearchStrategy[bool]
) -> tuple[dict[str, Any], float, float]:
    """An entity: one to three written-form words with their own times, read in its place."""
    begin = at
    forms: list[Any] = []
    for content in draw(st.lists(st.sampled_from(["1st", "£", "20"]), min_size=1, max_size=3)):
        start, end = draw(_timed(at, before, odd))
        forms.append(
            {
                "alternatives": draw(_alternatives(content, speaker, odd)),
                "start_time": start,
                "end_time": end,
                "type": "word",
            }
        )
        at, before = _advance(at, before, start, end)
    if draw(odd):
        forms[-1] = draw(st.sampled_from([{"start_time": at, "end_time": at}, None]))
    entity = {
        "alternatives": draw(_alternatives("first", speaker, odd)),
        "start_time": begin,
        "end_time": at,
        "type": "entity",
        "entity_class": "ordinal",
        "spoken_form": [{"alternatives": [{"content": "first"}], "type": "word"}],
        "written_form": forms,
    }
    return entity, at, before


@st.composite
def _transcript(draw: st.DrawFn) -> dict[str, Any]:
    """A transcript, clean or (half the time) with a few fields gone wrong: the results, the
    job, the metadata."""
    odd = sometimes_odd(draw, draw(st.sampled_from([15, 50, 200])))
    doc: dict[str, Any] = {"results": draw(_results(odd))}
    if draw(st.booleans()):
        doc["format"] = draw(st.sampled_from([5, None])) if draw(odd) else "2.9"
    if draw(st.booleans()):
        doc["job"] = {"id": draw(st.sampled_from([5, "", None])) if draw(odd) else "j-1"}
    if draw(st.booleans()):
        config = {"language": draw(st.sampled_from([5, "\ud800"])) if draw(odd) else "en"}
        pack = {"word_delimiter": draw(st.sampled_from([5, None])) if draw(odd) else " "}
        doc["metadata"] = {"transcription_config": config, "language_pack_info": pack}
        if draw(odd):
            doc["metadata"] = draw(st.sampled_from(["x", {"transcription_config": "x"}]))
    if draw(odd):
        doc["results"] = draw(st.sampled_from([None, {}, "x"]))
    return doc


def test_reading_a_transcript_gives_what_the_word_by_word_path_gives() -> None:
    share_on_fast_path(speechmatics, _transcript())


def _result(kind: str, content: str, start: float, end: float, **fields: Any) -> dict[str, Any]:
    alternative = {"content": content, "confidence": 0.9, "language": "en", "speaker": "S1"}
    return {
        "alternatives": [alternative],
        "start_time": start,
        "end_time": end,
        "type": kind,
        **fields,
    }


def _clean() -> dict[str, Any]:
    entity = _result("entity", "1st", 2.0, 2.5, entity_class="ordinal")
    entity["written_form"] = [_result("word", "1st", 2.0, 2.5)]
    entity["spoken_form"] = [_result("word", "first", 2.0, 2.5)]
    results = [
        _result("punctuation", "¿", 0.5, 0.5, attaches_to="next"),
        _result("word", "Qué", 0.5, 0.9),
        _result("punctuation", "?", 0.9, 0.9, attaches_to="previous", is_eos=True),
        _result("word", "the", 1.0, 1.4),
        entity,
        _result("punctuation", "-", 2.5, 2.5, attaches_to="none"),
        _result("word", "go", 3.0, 3.3),
        _result("punctuation", ".", 3.3, 3.3),
    ]
    results[3]["alternatives"][0]["speaker"] = "UU"
    results[6]["alternatives"][0]["speaker"] = "S2"
    return {
        "format": "2.9",
        "job": {"id": "j-1", "duration": 4},
        "metadata": {
            "transcription_config": {"language": "en", "diarization": "speaker"},
            "language_pack_info": {"word_delimiter": " "},
        },
        "results": results,
    }


def test_a_clean_transcript_takes_the_fast_path() -> None:
    doc = _clean()
    assert speechmatics._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(speechmatics.read, speechmatics.read_careful, doc)
    words = [(w["text"], w["start_ms"], w["end_ms"], w["speaker"]) for w in transcript["words"]]
    assert words == [
        ("¿Qué?", 500, 900, "S1"),
        ("the", 1000, 1400, None),
        ("1st", 2000, 2500, "S1"),
        ("-", 2500, 2500, "S1"),
        ("go.", 3000, 3300, "S2"),
    ]
    assert [(s["id"], s["name"]) for s in transcript["speakers"]] == [("S1", "S1"), ("S2", "S2")]
    assert transcript["language"] == "en"


def test_channels_are_the_speakers_of_unknown_speakers_on_the_fast_path_too() -> None:
    doc = _clean()
    for result in doc["results"]:
        result["channel"] = "2"
    assert speechmatics._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(speechmatics.read, speechmatics.read_careful, doc)
    assert [w["speaker"] for w in transcript["words"]] == ["S1", "2", "S1", "S1", "S2"]


def _word_of(doc: dict[str, Any], index: int = 1) -> dict[str, Any]:
    words = [result for result in doc["results"] if result["type"] == "word"]
    word: dict[str, Any] = words[index]
    return word


def _punctuation_of(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in doc["results"] if r["type"] == "punctuation")
    return found


def _entity_of(doc: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = next(r for r in doc["results"] if r["type"] == "entity")
    return found


_CHANGES = [
    pytest.param(
        lambda doc: doc["results"].insert(
            2, {"type": "speaker_change", "start_time": 0.9, "end_time": 0.9}
        ),
        id="a legacy speaker change",
    ),
    pytest.param(lambda doc: _punctuation_of(doc).update(attaches_to="both"), id="both"),
    pytest.param(
        lambda doc: _word_of(doc)["alternatives"].append({"content": "x"}), id="two alternatives"
    ),
    pytest.param(lambda doc: _word_of(doc).update(alternatives=[]), id="no alternative"),
    pytest.param(lambda doc: _word_of(doc)["alternatives"][0].update(content=" "), id="a blank"),
    pytest.param(lambda doc: _word_of(doc).update(start_time="1.0"), id="a string time"),
    pytest.param(lambda doc: _punctuation_of(doc).update(end_time=None), id="untimed punctuation"),
    # Read by no word, but validated by the careful path all the same.
    pytest.param(
        lambda doc: _punctuation_of(doc)["alternatives"][0].update(confidence=1.5),
        id="a punctuation confidence out of range",
    ),
    pytest.param(lambda doc: _entity_of(doc).update(start_time="2"), id="an entity's string time"),
    pytest.param(
        lambda doc: _entity_of(doc)["alternatives"][0].update(confidence=True),
        id="an entity's boolean confidence",
    ),
    pytest.param(
        lambda doc: _word_of(doc).update(start_time=_word_of(doc, 0)["start_time"] - 0.05),
        id="a start before the previous word's, to repair",
    ),
    pytest.param(
        lambda doc: _word_of(doc).update(end_time=_word_of(doc)["start_time"] - 0.05),
        id="an end before the start, to repair",
    ),
    pytest.param(lambda doc: _word_of(doc).update(start_time=10**400), id="a huge time"),
    pytest.param(
        lambda doc: _word_of(doc)["alternatives"][0].update(confidence=10**400),
        id="a huge confidence",
    ),
    pytest.param(
        lambda doc: _word_of(doc)["alternatives"][0].update(speaker=""), id="an empty speaker"
    ),
    pytest.param(
        lambda doc: _word_of(doc)["alternatives"][0].update(language=5),
        id="a language that is not a string",
    ),
    pytest.param(lambda doc: _word_of(doc).update(channel=1), id="a channel that is a number"),
    pytest.param(lambda doc: _word_of(doc).update(written_form=[]), id="a word's written form"),
    pytest.param(lambda doc: _entity_of(doc).update(written_form=[]), id="an empty written form"),
    pytest.param(
        lambda doc: _entity_of(doc)["written_form"][0].pop("alternatives"),
        id="a written form word without alternatives",
    ),
    pytest.param(
        lambda doc: doc["metadata"].update(transcription_config={"language": 5}),
        id="a language setting that is not a string",
    ),
]


@pytest.mark.parametrize("change", _CHANGES)
def test_what_needs_the_careful_path_goes_there(change: Any) -> None:
    changed_goes_to_careful(speechmatics, _clean(), change)


@pytest.mark.parametrize("change", _CHANGES)
def test_a_real_transcript_changed_goes_to_the_careful_path(change: Any) -> None:
    path = corpus_dir("vendors", "speechmatics") / "v2.9-entities-no-diarization.json"
    left_to_careful(speechmatics, path, change)


def test_real_transcripts_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(speechmatics, sorted(corpus_dir("vendors", "speechmatics").glob("*.json")))
