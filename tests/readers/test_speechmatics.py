"""Speechmatics reader: attaches_to, entities read once, "UU" speakers."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuecraft import load
from cuecraft.errors import SchemaError
from cuecraft.readers import detect
from cuecraft.readers.speechmatics import SPEC
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)

FILES = ["v2.8-batch-short.json", "v2.9-entities-no-diarization.json"]


def _corpus(name: str) -> Path:
    return corpus_dir("vendors", "speechmatics") / name


def _independent_words(raw: dict[str, Any]) -> list[str]:
    """Rebuild the text (punctuation glued to the left), then split at spaces."""
    text = ""
    for result in raw["results"]:
        content = result["alternatives"][0]["content"]
        text += content if result["type"] == "punctuation" else " " + content
    return text.split()


@pytest.mark.parametrize("name", FILES)
def test_real_files_read_every_word_once(name: str) -> None:
    path = _corpus(name)
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = load(path)
    assert transcript.source.format == "speechmatics"
    assert [w.text for w in transcript.words] == _independent_words(raw)
    assert all(w.speaker is None for w in transcript.words)  # "UU" everywhere
    assert transcript.speakers == ()
    assert transcript.language == "en"
    assert transcript.diagnostics == ()


def test_short_file_words_and_confidences() -> None:
    transcript = load(_corpus("v2.8-batch-short.json"))
    assert len(transcript.words) == 17
    texts = [w.text for w in transcript.words]
    assert texts[:3] == ["Tidy", "things", "up."]
    ensure = transcript.words[texts.index("Ensure")]
    assert (ensure.start_ms, ensure.end_ms, ensure.confidence) == (6130, 6600, 0.51)


def test_entities_are_not_doubled() -> None:
    path = _corpus("v2.9-entities-no-diarization.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = load(path)
    word_results = sum(1 for r in raw["results"] if r["type"] == "word")
    entities = sum(1 for r in raw["results"] if r["type"] == "entity")
    assert len(transcript.words) == word_results + entities == 158
    texts = [w.text for w in transcript.words]
    position = texts.index("first")
    assert texts[position - 1 : position + 2] == ["his", "first", "piece"]
    assert (transcript.words[position].start_ms, transcript.words[position].end_ms) == (4590, 4860)


@pytest.mark.parametrize("name", FILES)
def test_real_files_are_detected_uniquely(name: str) -> None:
    spec, _ = detect(_corpus(name).read_bytes(), source=name)
    assert spec.name == "speechmatics"


def _result(
    kind: str, content: str, start: float, speaker: str = "S1", **extra: Any
) -> dict[str, Any]:
    return {
        "type": kind,
        "start_time": start,
        "end_time": start if kind == "punctuation" else start + 0.3,
        "alternatives": [{"content": content, "confidence": 0.9, "speaker": speaker}],
        **extra,
    }


def _doc(results: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "format": "2.9",
        "metadata": {"transcription_config": {"language": "de"}},
        "results": results,
    }


def test_attaches_to_next_both_and_none() -> None:
    doc = _doc(
        [
            _result("punctuation", "„", 0.0, attaches_to="next"),
            _result("word", "Mehr", 0.0),
            _result("word", "E", 1.0),
            _result("punctuation", "-", 1.3, attaches_to="both"),
            _result("word", "Mail", 1.3),
            _result("punctuation", "“", 1.6, attaches_to="previous"),
            _result("punctuation", "–", 1.7, attaches_to="none"),
            _result("word", "ok", 2.0, speaker="S2"),
        ]
    )
    transcript = read(doc, source="sm.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("„Mehr", 0, 300),
        ("E-Mail“", 1000, 1600),
        ("–", 1700, 1700),
        ("ok", 2000, 2300),
    ]
    assert [(s.id, s.name) for s in transcript.speakers] == [("S1", "S1"), ("S2", "S2")]
    assert transcript.language == "de"


def test_entity_without_written_form_is_one_word_and_speaker_change_starts_a_paragraph() -> None:
    doc = _doc(
        [
            _result("word", "on", 0.0),
            _result("entity", "19th of January 2023", 0.5, entity_class="date"),
            {"type": "speaker_change", "start_time": 2.0, "end_time": 2.0},
            _result("word", "yes", 2.0, speaker="UU", channel="channel_2"),
        ]
    )
    transcript = read(doc, source="sm.json")
    assert [(w.text, w.paragraph_start, w.speaker) for w in transcript.words] == [
        ("on", True, "S1"),
        ("19th of January 2023", False, "S1"),
        ("yes", True, "channel_2"),
    ]


def test_entity_written_form_words_keep_their_own_times() -> None:
    written = [
        {"type": "word", "start_time": 1.0, "end_time": 1.2, "alternatives": [{"content": "$1"}]},
        {
            "type": "word",
            "start_time": 1.2,
            "end_time": 1.6,
            "alternatives": [{"content": "million"}],
        },
    ]
    doc = _doc([_result("entity", "$1 million", 1.0, written_form=written, spoken_form=[])])
    words = read(doc, source="sm.json").words
    assert [(w.text, w.start_ms, w.end_ms) for w in words] == [
        ("$1", 1000, 1200),
        ("million", 1200, 1600),
    ]


def test_a_result_without_alternatives_is_a_schema_error() -> None:
    doc = _doc(
        [
            _result("word", "a", 0.0),
            {"type": "word", "start_time": 1.0, "end_time": 1.1, "alternatives": []},
        ]
    )
    with pytest.raises(SchemaError) as caught:
        read(doc, source="sm.json")
    assert caught.value.pointer == "/results/1/alternatives"
