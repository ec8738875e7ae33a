"""AWS Transcribe reader: string numbers, punctuation items, speakers old and new."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuecraft import load
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import detect
from cuecraft.readers.aws_transcribe import SPEC
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _corpus(name: str) -> Path:
    return corpus_dir("vendors", "aws-transcribe") / name


def _independent_words(raw: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """Word texts with punctuation glued on, counted straight from the items."""
    words: list[tuple[str, dict[str, Any]]] = []
    for item in raw["results"]["items"]:
        content = item["alternatives"][0]["content"]
        if item["type"] == "punctuation":
            text, first = words[-1]
            words[-1] = (text + content, first)
        else:
            words.append((content, item))
    return words


def test_long_interview_reads_every_word_with_speakers_and_confidence() -> None:
    path = _corpus("interview-2spk-long.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    expected = _independent_words(raw)
    transcript = load(path)
    assert transcript.source.format == "aws_transcribe"
    assert len(transcript.words) == len(expected) == 6173
    assert [w.text for w in transcript.words] == [text for text, _ in expected]
    assert [w.speaker for w in transcript.words] == [i["speaker_label"] for _, i in expected]
    assert [w.confidence for w in transcript.words] == [
        float(i["alternatives"][0]["confidence"]) for _, i in expected
    ]
    assert [w.text for w in transcript.words[:4]] == ["There", "we", "go.", "So"]
    assert (transcript.words[2].start_ms, transcript.words[2].end_ms) == (4369, 4670)
    assert [(s.id, s.name) for s in transcript.speakers] == [("spk_0", "spk_0"), ("spk_1", "spk_1")]
    # One paragraph per speaker segment.
    assert sum(w.paragraph_start for w in transcript.words) == len(
        raw["results"]["speaker_labels"]["segments"]
    )
    assert transcript.diagnostics == ()


def test_legacy_2018_output_loads_and_repairs_its_reversed_word() -> None:
    path = _corpus("legacy-2018-guitar-lesson.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    expected = _independent_words(raw)
    transcript = load(path)
    assert [w.text for w in transcript.words] == [text for text, _ in expected]
    assert len(transcript.words) == 200
    assert transcript.words[0].text == "Let's,"
    # "get": start 0.500, end 0.460 -> end = start, with a diagnostic at the item.
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("end-before-start", "/results/items/2/end_time"),
        ("start-out-of-order", "/results/items/3/start_time"),
    ]
    assert transcript.words[1].text == "get"
    assert (transcript.words[1].start_ms, transcript.words[1].end_ms) == (500, 500)
    assert transcript.speakers == ()


@pytest.mark.parametrize("name", ["interview-2spk-long.json", "legacy-2018-guitar-lesson.json"])
def test_real_files_are_detected_uniquely(name: str) -> None:
    spec, _ = detect(_corpus(name).read_bytes(), source=name)
    assert spec.name == "aws_transcribe"


def _item(
    content: str, start: str | None = None, end: str | None = None, **extra: Any
) -> dict[str, Any]:
    item: dict[str, Any] = {
        "type": "pronunciation" if start is not None else "punctuation",
        "alternatives": [{"confidence": "0.9", "content": content}],
        **extra,
    }
    if start is not None:
        item.update(start_time=start, end_time=end)
    return item


def _doc(items: list[dict[str, Any]], **results: Any) -> dict[str, Any]:
    return {
        "jobName": "j",
        "status": "COMPLETED",
        "results": {"transcripts": [{"transcript": ""}], "items": items, **results},
    }


def test_older_output_joins_speakers_by_times() -> None:
    doc = _doc(
        [_item("Hi", "0.10", "0.30"), _item("."), _item("Yes", "1.0", "1.2")],
        speaker_labels={
            "speakers": 2,
            "segments": [
                {
                    "start_time": "0.09",
                    "end_time": "0.30",
                    "speaker_label": "spk_0",
                    "items": [{"start_time": "0.100", "end_time": "0.3", "speaker_label": "spk_0"}],
                },
                {
                    "start_time": "1.0",
                    "end_time": "1.2",
                    "speaker_label": "spk_1",
                    "items": [{"start_time": "1.0", "end_time": "1.2", "speaker_label": "spk_1"}],
                },
            ],
        },
    )
    transcript = read(doc, source="aws.json")
    assert [(w.text, w.speaker, w.paragraph_start) for w in transcript.words] == [
        ("Hi.", "spk_0", True),
        ("Yes", "spk_1", True),
    ]


def test_words_with_the_same_times_take_their_speakers_in_order() -> None:
    # Found by hypothesis: zero-length words at one instant, said by two speakers.
    def segment(label: str) -> dict[str, Any]:
        item = {"start_time": "1.0", "end_time": "1.0", "speaker_label": label}
        return {"start_time": "1.0", "end_time": "1.0", "speaker_label": label, "items": [item]}

    doc = _doc(
        [_item("a", "1.0", "1.0"), _item("b", "1.0", "1.0"), _item("c", "1.0", "1.0")],
        speaker_labels={"speakers": 2, "segments": [segment("spk_0"), segment("spk_1")]},
    )
    words = read(doc, source="aws.json").words
    assert [w.speaker for w in words] == ["spk_0", "spk_1", "spk_1"]


def test_audio_segments_mark_paragraphs_in_newer_output() -> None:
    doc = _doc(
        [
            _item("One", "0.1", "0.2", id=0),
            _item("two", "0.3", "0.4", id=1),
            _item(".", id=2),
            _item("Three", "0.5", "0.6", id=3),
        ],
        audio_segments=[{"id": 0, "items": [0, 1, 2]}, {"id": 1, "items": [3]}],
    )
    words = read(doc, source="aws.json").words
    assert [(w.text, w.paragraph_start) for w in words] == [
        ("One", True),
        ("two.", False),
        ("Three", True),
    ]


def test_opening_punctuation_goes_to_the_next_word() -> None:
    doc = _doc([_item("¿"), _item("Qué", "0.1", "0.2"), _item("?")])
    assert [w.text for w in read(doc, source="aws.json").words] == ["¿Qué?"]


def test_pronunciation_without_times_is_a_schema_error() -> None:
    doc = _doc(
        [_item("a", "0.1", "0.2"), {"type": "pronunciation", "alternatives": [{"content": "b"}]}]
    )
    with pytest.raises(SchemaError) as caught:
        read(doc, source="aws.json")
    assert [p.pointer for p in caught.value.problems] == [
        "/results/items/1/start_time",
        "/results/items/1/end_time",
    ]


@pytest.mark.parametrize("bad", ["NaN", "inf", "1,5", "", " 1.0", "0x10"])
def test_only_decimal_strings_are_numbers(bad: str) -> None:
    doc = _doc([_item("a", bad, "0.2")])
    with pytest.raises(SchemaError) as caught:
        read(doc, source="aws.json")
    assert caught.value.pointer == "/results/items/0/start_time"


def test_reversed_word_beyond_the_tolerance_needs_lenient_mode() -> None:
    doc = _doc([_item("a", "1.0", "0.5")])
    with pytest.raises(InputError) as caught:
        read(doc, source="aws.json")
    assert caught.value.pointer == "/results/items/0/end_time"
    lenient = read(doc, source="aws.json", strict=False)
    assert (lenient.words[0].start_ms, lenient.words[0].end_ms) == (1000, 1000)
