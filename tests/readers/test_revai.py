"""Rev.ai reader: spacing and punctuation elements, monologue speakers, untimed tags."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from cuecraft import load
from cuecraft.errors import SchemaError
from cuecraft.readers import detect
from cuecraft.readers.revai import SPEC
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _sample() -> Path:
    return corpus_dir("vendors", "rev-ai") / "startup-talk-1spk.json"


def test_real_file_reads_the_text_rev_ai_spelled_out() -> None:
    path = _sample()
    raw = json.loads(path.read_text(encoding="utf-8"))
    # Independently: the elements concatenated are the text; words are what spaces separate.
    expected = [
        token
        for monologue in raw["monologues"]
        for token in "".join(e["value"] for e in monologue["elements"]).split()
    ]
    transcript = load(path)
    assert transcript.source.format == "revai"
    assert [w.text for w in transcript.words] == expected
    assert len(transcript.words) == 403  # 410 text elements; co-founder x6 and 30% glued
    texts = [w.text for w in transcript.words]
    assert texts[:3] == ["Hi,", "my", "name's"]
    founder = transcript.words[texts.index("co-founder")]
    assert (founder.start_ms, founder.end_ms, founder.confidence) == (3820, 4460, 1.0)
    assert "30%" in texts
    assert {w.speaker for w in transcript.words} == {"S0"}
    assert [(s.id, s.name) for s in transcript.speakers] == [("S0", "Speaker 0")]
    assert transcript.diagnostics == ()


def test_real_file_is_detected_uniquely() -> None:
    spec, _ = detect(_sample().read_bytes(), source="rev.json")
    assert spec.name == "revai"


def _text(value: str, ts: float, confidence: float = 1.0) -> dict[str, Any]:
    return {"type": "text", "value": value, "ts": ts, "end_ts": ts + 0.5, "confidence": confidence}


SPACE = {"type": "punct", "value": " "}


def test_inaudible_tags_are_kept_with_interpolated_times_and_speakers_named() -> None:
    doc = {
        "monologues": [
            {
                "speaker": 1,
                "speaker_info": {"id": 1, "display_name": "Jane Doe"},
                "elements": [_text("Hello", 0.5), {"type": "punct", "value": "."}],
            },
            {
                "speaker": 2,
                "elements": [
                    _text("block", 4.5),
                    SPACE,
                    {"type": "unknown", "value": "<inaudible>"},
                    SPACE,
                    _text("text", 6.5, 0.8),
                    {"type": "punct", "value": "."},
                ],
            },
        ]
    }
    transcript = read(doc, source="rev.json")
    assert [(w.text, w.start_ms, w.end_ms, w.speaker) for w in transcript.words] == [
        ("Hello.", 500, 1000, "S1"),
        ("block", 4500, 5000, "S2"),
        ("<inaudible>", 5000, 6500, "S2"),
        ("text.", 6500, 7000, "S2"),
    ]
    assert [w.paragraph_start for w in transcript.words] == [True, True, False, False]
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("S1", "Jane Doe"),
        ("S2", "Speaker 2"),
    ]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("interpolated-time", "/monologues/1/elements/2")
    ]


def test_without_spacing_elements_every_element_is_a_word() -> None:
    # skip_punctuation=true drops every punct element, spaces included.
    doc = {"monologues": [{"speaker": 0, "elements": [_text("Hello", 0.5), _text("World", 1.75)]}]}
    assert [w.text for w in read(doc, source="rev.json").words] == ["Hello", "World"]


def test_punctuation_stays_with_its_word_when_no_space_element_follows() -> None:
    # Found by hypothesis: a one-word monologue has punctuation but no spacing element.
    doc = {
        "monologues": [
            {"speaker": 0, "elements": [_text("0", 0.0), {"type": "punct", "value": ","}]}
        ]
    }
    assert [w.text for w in read(doc, source="rev.json").words] == ["0,"]
    doc = {
        "monologues": [
            {
                "speaker": 0,
                "elements": [{"type": "punct", "value": '"'}, _text("Hi", 0.0), _text("you", 1.0)],
            }
        ]
    }
    assert [w.text for w in read(doc, source="rev.json").words] == ['"Hi', "you"]


def test_glued_elements_keep_the_lowest_confidence() -> None:
    doc = {
        "monologues": [
            {
                "speaker": 0,
                "elements": [
                    _text("30", 1.0, 0.9),
                    _text("%", 1.5, 0.4),
                    SPACE,
                    _text("more", 2.0),
                ],
            }
        ]
    }
    words = read(doc, source="rev.json").words
    assert [(w.text, w.start_ms, w.end_ms, w.confidence) for w in words] == [
        ("30%", 1000, 2000, 0.4),
        ("more", 2000, 2500, 1.0),
    ]


def test_schema_errors_point_at_the_element() -> None:
    doc = {
        "monologues": [
            {"speaker": 0, "elements": [_text("a", 0.0), SPACE, {"type": "text", "ts": 1.0}]}
        ]
    }
    with pytest.raises(SchemaError) as caught:
        read(doc, source="rev.json")
    assert caught.value.pointer == "/monologues/0/elements/2/value"
