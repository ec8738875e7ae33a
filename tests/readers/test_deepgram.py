"""Deepgram reader: punctuated words, integer speakers, paragraphs, multichannel."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuecraft import load
from cuecraft.readers import detect
from cuecraft.readers.deepgram import SPEC
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _corpus(name: str) -> Path:
    return corpus_dir("vendors", "deepgram") / name


def _raw_words(path: Path) -> list[dict[str, Any]]:
    raw = json.loads(path.read_text(encoding="utf-8"))
    words: list[dict[str, Any]] = raw["results"]["channels"][0]["alternatives"][0]["words"]
    return words


def test_diarized_nova_file_uses_punctuated_words_and_speakers() -> None:
    path = _corpus("nova2-diarized-3spk.json")
    raw = _raw_words(path)
    transcript = load(path)
    assert transcript.source.format == "deepgram"
    assert len(transcript.words) == len(raw) == 226
    assert [w.text for w in transcript.words] == [w["punctuated_word"] for w in raw]
    assert [w.speaker for w in transcript.words] == [f"S{w['speaker']}" for w in raw]
    assert [w.confidence for w in transcript.words] == [w["confidence"] for w in raw]
    assert [w.text for w in transcript.words[:3]] == ["And,", "Jessica,", "Christina,"]
    assert transcript.words[0].start_ms == 3040
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("S0", "Speaker 0"),
        ("S1", "Speaker 1"),
        ("S2", "Speaker 2"),
    ]
    # 11 paragraphs; the second starts at "Drew," (17.66 s), speaker 1.
    starts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    assert len(starts) == 11
    assert (transcript.words[starts[1]].text, transcript.words[starts[1]].speaker) == (
        "Drew,",
        "S1",
    )
    assert transcript.diagnostics == ()


def test_whisper_model_file_without_punctuated_word_or_speaker_loads() -> None:
    path = _corpus("whisper-model-no-punctuated.json")
    raw = _raw_words(path)
    transcript = load(path)
    assert [w.text for w in transcript.words] == [w["word"] for w in raw]
    assert len(transcript.words) == 59
    assert transcript.words[0].text == "yeah"
    assert all(w.speaker is None for w in transcript.words)
    assert transcript.speakers == ()


@pytest.mark.parametrize("name", ["nova2-diarized-3spk.json", "whisper-model-no-punctuated.json"])
def test_real_files_are_detected_uniquely(name: str) -> None:
    spec, _ = detect(_corpus(name).read_bytes(), source=name)
    assert spec.name == "deepgram"


def _word(text: str, start: float, **extra: Any) -> dict[str, Any]:
    return {"word": text.lower(), "start": start, "end": start + 0.2, "confidence": 0.9, **extra}


def test_multichannel_audio_merges_channels_by_time() -> None:
    doc = {
        "metadata": {"channels": 2},
        "results": {
            "channels": [
                {"alternatives": [{"words": [_word("a", 0.0), _word("c", 2.0)]}]},
                {"alternatives": [{"words": [_word("b", 1.0), _word("d", 2.0, speaker=1)]}]},
            ]
        },
    }
    transcript = read(doc, source="dg.json")
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("a", "C0"),
        ("b", "C1"),
        ("c", "C0"),
        ("d", "C1S1"),
    ]
    assert {s.id: s.name for s in transcript.speakers} == {
        "C0": "Channel 0",
        "C1": "Channel 1",
        "C1S1": "Channel 1 Speaker 1",
    }


def test_utterances_mark_paragraphs_when_there_are_no_paragraphs() -> None:
    doc = {
        "results": {
            "channels": [
                {"alternatives": [{"words": [_word("a", 0.0), _word("b", 1.0), _word("c", 2.0)]}]}
            ],
            "utterances": [{"start": 0.0, "channel": 0}, {"start": 1.9, "channel": 0}],
        }
    }
    assert [w.paragraph_start for w in read(doc, source="dg.json").words] == [True, False, True]


def test_detected_language_is_kept() -> None:
    doc = {
        "results": {
            "channels": [
                {"alternatives": [{"words": [_word("hola", 0.0)]}], "detected_language": "es"}
            ]
        }
    }
    assert read(doc, source="dg.json").language == "es"
