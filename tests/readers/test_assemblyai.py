"""AssemblyAI reader: millisecond times, speaker letters, utterances or null."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuecraft import load
from cuecraft.errors import InputError
from cuecraft.readers import detect
from cuecraft.readers.assemblyai import SPEC
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)

FILES = ["transcription-no-speakers.json", "utterances-speaker-labels.json"]


def _corpus(name: str) -> Path:
    return corpus_dir("vendors", "assemblyai") / name


@pytest.mark.parametrize("name", FILES)
def test_real_files_read_every_word_in_milliseconds(name: str) -> None:
    path = _corpus(name)
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = load(path)
    assert transcript.source.format == "assemblyai"
    assert len(transcript.words) == len(raw["words"]) == 60
    assert [w.text for w in transcript.words] == [w["text"] for w in raw["words"]]
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [
        (w["start"], w["end"]) for w in raw["words"]
    ]
    assert [w.confidence for w in transcript.words] == [w["confidence"] for w in raw["words"]]
    first = transcript.words[0]
    assert (first.text, first.start_ms, first.end_ms, first.speaker) == ("Yeah.", 170, 718, "A")
    assert [(s.id, s.name) for s in transcript.speakers] == [("A", "Speaker A")]
    assert transcript.language == "en"
    assert transcript.diagnostics == ()


def test_null_utterances_still_load() -> None:
    raw = json.loads(_corpus("transcription-no-speakers.json").read_text(encoding="utf-8"))
    assert raw["utterances"] is None
    assert sum(w.paragraph_start for w in read(raw, source="a.json").words) == 1


@pytest.mark.parametrize("name", FILES)
def test_real_files_are_detected_uniquely(name: str) -> None:
    spec, _ = detect(_corpus(name).read_bytes(), source=name)
    assert spec.name == "assemblyai"


def _doc(words: list[dict[str, Any]] | None, **extra: Any) -> dict[str, Any]:
    return {"id": "t", "status": "completed", "audio_url": "u", "words": words, **extra}


def test_words_without_speaker_take_it_from_their_utterance() -> None:
    words = [
        {"text": "Hi.", "start": 0, "end": 400, "confidence": 1, "speaker": None},
        {"text": "Hello.", "start": 900, "end": 1300, "confidence": 0.5, "speaker": None},
    ]
    utterances = [
        {"start": 0, "end": 400, "speaker": "A", "text": "Hi.", "words": []},
        {"start": 900, "end": 1300, "speaker": "B", "text": "Hello.", "words": []},
    ]
    transcript = read(_doc(words, utterances=utterances), source="a.json")
    assert [(w.speaker, w.paragraph_start) for w in transcript.words] == [("A", True), ("B", True)]
    assert transcript.words[0].confidence == 1.0


def test_unfinished_transcript_is_refused_with_its_status() -> None:
    with pytest.raises(InputError, match="processing") as caught:
        read(_doc(None, status="processing"), source="a.json")
    assert caught.value.pointer == "/words"
