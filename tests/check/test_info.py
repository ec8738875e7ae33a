"""``cuecraft info``: what a file holds and what could not be mapped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cuecraft.cli import main
from cuecraft.errors import InputError
from cuecraft.tools.info import describe, unknown_fields
from tests.conftest import SAMPLES, corpus_dir


def test_describe_a_sample() -> None:
    info = describe(SAMPLES / "amberscript" / "interview.json")
    assert info.reader == "amberscript"
    assert info.words == 330
    assert [speaker.name for speaker in info.speakers] == ["Zoë Müller", "José Núñez"]
    assert sum(speaker.words for speaker in info.speakers) == info.words
    assert info.speakers_unused == ("spk3",)
    assert info.duration_ms == info.end_ms - info.start_ms > 0
    confidence = info.confidence
    assert confidence["words_with"] + confidence["words_without"] == info.words
    assert sum(bin["words"] for bin in confidence["histogram"]) == confidence["words_with"]
    assert 0 <= confidence["min"] <= confidence["median"] <= confidence["max"] <= 1
    assert info.edited_words is not None
    assert info.unknown_fields == {}
    assert set(info.metadata) >= {"id", "filename"}


def test_unmapped_content(tmp_path: Path) -> None:
    doc = json.loads((SAMPLES / "amberscript" / "interview.json").read_text("utf-8"))
    doc["project"] = {"client": "x"}
    doc["segments"][0]["style"] = "bold"
    doc["segments"][0]["words"][0]["emphasis"] = True
    doc["segments"][3]["words"][1]["emphasis"] = False
    doc["segments"][2]["words"][0]["text"] = "   "  # not a word: skipped with a diagnostic
    path = tmp_path / "extra.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    info = describe(path)
    assert info.unknown_fields == {
        "/project": 1,
        "/segments/*/style": 1,
        "/segments/*/words/*/emphasis": 2,
    }
    assert info.diagnostics.get("empty-word") == 1
    assert info.words == 329


def test_unknown_fields_top_level_array() -> None:
    doc = json.loads((SAMPLES / "scribie" / "interview.json").read_text("utf-8"))
    doc[0]["colour"] = "red"
    assert unknown_fields(doc, "scribie") == {"/*/colour": 1}


def test_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["info", str(SAMPLES / "happyscribe" / "interview.json")]) == 0
    out = capsys.readouterr().out
    assert "format:      happyscribe" in out
    assert "words:       330" in out
    assert main(["info", str(SAMPLES / "words" / "talk.words.json"), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert (document["reader"], document["words"]) == ("words", 330)
    assert main(["info", str(tmp_path / "missing.json")]) == 1
    assert "no such file" in capsys.readouterr().err
    assert main(["info", str(SAMPLES / "words" / "talk.words.json"), "--max-bytes", "1k"]) == 1
    assert "limit" in capsys.readouterr().err


def test_subtitle_input(tmp_path: Path) -> None:
    path = tmp_path / "a.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello there\n", encoding="utf-8")
    info = describe(path)
    assert (info.reader, info.words, info.unknown_fields) == ("srt", 2, None)


def test_corpus_files_describe() -> None:
    for path in sorted(corpus_dir("vendors").glob("*/*.json")):
        info = describe(path)
        assert info.words > 0, path
        assert info.unknown_fields is not None


def test_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="directory"):
        describe(tmp_path)
