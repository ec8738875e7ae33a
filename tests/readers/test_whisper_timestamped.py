"""whisper-timestamped reader, on the real sample and on generated payloads."""

from __future__ import annotations

import json
from pathlib import Path

from cuecraft import load
from cuecraft.readers import detect
from tests.conftest import corpus_dir


def _sample() -> Path:
    return corpus_dir("vendors", "whisper-timestamped") / "short-4seg.json"


def test_real_sample_reads_every_word_in_order() -> None:
    path = _sample()
    raw = json.loads(path.read_text(encoding="utf-8"))
    expected = [word["text"] for segment in raw["segments"] for word in segment["words"]]
    transcript = load(path)
    assert transcript.source.format == "whisper_timestamped"
    assert [w.text for w in transcript.words] == expected
    assert len(transcript.words) == 59
    first = transcript.words[0]
    assert (first.text, first.start_ms, first.end_ms, first.confidence) == ("Yeah,", 120, 380, 0.74)
    assert transcript.language == "en"
    assert sum(w.paragraph_start for w in transcript.words) == len(raw["segments"])
    assert transcript.diagnostics == ()


def test_real_sample_is_detected_uniquely() -> None:
    spec, _ = detect(_sample().read_bytes(), source="short-4seg.json")
    assert spec.name == "whisper_timestamped"
