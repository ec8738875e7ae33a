"""Generic word-list reader: the bundled sample, the segmentation corpus, sniffing."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import SchemaError
from cuecraft.readers import canonical, words
from tests.conftest import SAMPLES, corpus_dir


def _check_against_raw(path: Path) -> cuecraft.Transcript:
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = cuecraft.load(path)
    assert transcript.source.format == "words"
    items = raw["words"]
    assert [w.text for w in transcript.words] == [item["text"].strip() for item in items]
    assert [w.start_ms for w in transcript.words] == [
        math.floor(item["start"] * 1000 + 0.5) for item in items
    ]
    assert [w.end_ms for w in transcript.words] == [
        math.floor(item["end"] * 1000 + 0.5) for item in items
    ]
    assert [w.speaker for w in transcript.words] == [item.get("speaker") for item in items]
    labels = list(dict.fromkeys(item["speaker"] for item in items if "speaker" in item))
    assert [(s.id, s.name) for s in transcript.speakers] == [(label, label) for label in labels]
    assert transcript.source.metadata == ({"meta": raw["meta"]} if "meta" in raw else {})
    return transcript


def test_bundled_sample_matches_its_raw_json() -> None:
    transcript = _check_against_raw(SAMPLES / "words" / "talk.words.json")
    assert len(transcript.words) >= 300
    assert [s.name for s in transcript.speakers] == ["Zoë Müller", "José Núñez"]


def test_segmentation_corpus_word_lists() -> None:
    files = sorted(corpus_dir("segmentation", "ted_dev").glob("*.words.json"))
    assert files
    spaced = 0
    for path in files:
        transcript = _check_against_raw(path)
        spaced += sum(" " in w.text for w in transcript.words)
    assert spaced > 0  # texts such as "me --" stay one word


def test_language_from_document_and_option() -> None:
    doc: dict[str, Any] = {"language": "de", "words": [{"text": "Hallo", "start": 0, "end": 1}]}
    assert cuecraft.load(doc).language == "de"
    assert cuecraft.load(doc, language="en").language == "en"


def test_unknown_top_level_keys_are_ignored_by_the_reader() -> None:
    doc = {"words": [{"text": "a", "start": 0, "end": 1}], "meta": "not an object", "x": 1}
    transcript = cuecraft.load(doc, "words")
    assert transcript.source.metadata == {}


def test_confidence_and_speaker_are_optional_and_checked() -> None:
    doc = {"words": [{"text": "a", "start": 0, "end": 1, "confidence": 1, "speaker": None}]}
    transcript = cuecraft.load(doc, "words")
    assert (transcript.words[0].confidence, transcript.words[0].speaker) == (1.0, None)
    doc["words"][0]["confidence"] = 1.01
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc, "words")
    assert caught.value.pointer == "/words/0/confidence"


def test_sniffer_excludes_look_alikes() -> None:
    plain = {"words": [{"text": "a", "start": 0, "end": 1}]}
    assert words.sniff(plain)
    assert words.sniff({**plain, "meta": {}, "language": "en"})
    # Canonical transcript JSON: start_ms/end_ms.
    native = {"words": [{"text": "a", "start_ms": 0, "end_ms": 1000}]}
    assert canonical.sniff(native)
    assert not words.sniff(native)
    # AssemblyAI: top-level words in ms beside many other keys.
    assemblyai = {"id": "x", "status": "completed", "text": "a", **plain, "utterances": None}
    assert not words.sniff(assemblyai)
    # OpenAI verbose_json: "word", beside task/duration.
    assert not words.sniff({"task": "transcribe", "words": [{"word": "a", "start": 0, "end": 1}]})
    # Amberscript and Whisper nest words in segments.
    assert not words.sniff({"segments": [{"words": plain["words"]}]})
    assert not words.sniff({"words": []})
    assert not words.sniff([plain])
