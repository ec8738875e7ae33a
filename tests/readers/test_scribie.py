"""Scribie reader: turns after words, numbered anonymous speakers, speaker_names."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import scribie
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "scribie" / "interview.json"


def _doc(*turns: list[str], turn_value: Any = 1) -> list[dict[str, Any]]:
    """Words of each turn, 0.5 s apart, with ``turn`` after each turn's last word."""
    doc: list[dict[str, Any]] = []
    clock = 0.0
    for number, turn in enumerate(turns):
        for position, text in enumerate(turn):
            word: dict[str, Any] = {
                "word": text,
                "start": clock,
                "end": clock + 0.4,
                "duration": 0.4,
                "conf": 0.9,
            }
            if position == len(turn) - 1 and number < len(turns) - 1:
                word["turn"] = turn_value
                word["turn_conf"] = 0.8
            doc.append(word)
            clock += 0.5
    return doc


def test_bundled_sample_matches_its_raw_json() -> None:
    raw = json.loads(SAMPLE.read_text(encoding="utf-8"))
    transcript = cuecraft.load(SAMPLE)
    assert transcript.source.format == "scribie"
    assert [w.text for w in transcript.words] == [item["word"] for item in raw]
    assert [w.start_ms for w in transcript.words] == [
        math.floor(item["start"] * 1000 + 0.5) for item in raw
    ]
    assert [w.confidence for w in transcript.words] == [item["conf"] for item in raw]
    # Turn k starts after the k-th word carrying "turn" (key presence, counted here).
    turn_starts = [0] + [i + 1 for i, item in enumerate(raw[:-1]) if "turn" in item]
    assert [first for first, _ in transcript.turns()] == turn_starts
    assert [i for i, w in enumerate(transcript.words) if w.paragraph_start] == turn_starts
    assert [s.name for s in transcript.speakers] == [
        f"Turn {k}" for k in range(1, len(turn_starts) + 1)
    ]
    assert len(transcript.words) >= 300


def test_sample_with_speaker_names_alternates_the_two_names() -> None:
    transcript = cuecraft.load(SAMPLE, speaker_names=["Zoë Müller", "José Núñez"])
    names = [
        transcript.speaker_name(transcript.words[first].speaker) for first, _ in transcript.turns()
    ]
    assert names == ["Zoë Müller", "José Núñez"] * (len(names) // 2)
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("spk1", "Zoë Müller"),
        ("spk2", "José Núñez"),
    ]


@pytest.mark.parametrize("value", [1, True, 0, False, None, "", "AT", {}])
def test_turn_is_a_presence_flag_whatever_its_value(value: Any) -> None:
    transcript = cuecraft.load(_doc(["Hi."], ["Hello."], turn_value=value), "scribie")
    assert transcript.turns() == [(0, 1), (1, 2)]
    assert [s.id for s in transcript.speakers] == ["turn1", "turn2"]


def test_without_turn_keys_everything_is_one_turn() -> None:
    doc = _doc(["a", "b", "c"])
    transcript = cuecraft.load(doc, "scribie")
    assert transcript.turns() == [(0, 3)]
    assert [s.name for s in transcript.speakers] == ["Turn 1"]


def test_each_turn_is_its_own_speaker_without_names() -> None:
    transcript = cuecraft.load(_doc(["a"], ["b", "c"], ["d"]), "scribie")
    assert [w.speaker for w in transcript.words] == ["turn1", "turn2", "turn2", "turn3"]
    assert [w.paragraph_start for w in transcript.words] == [True, True, False, True]


def test_turn_on_the_last_word_opens_no_empty_turn() -> None:
    doc = _doc(["a", "b"])
    doc[-1]["turn"] = 1
    transcript = cuecraft.load(doc, "scribie")
    assert [s.id for s in transcript.speakers] == ["turn1"]


def test_speaker_names_cycle_over_turns_and_equal_names_share_an_id() -> None:
    doc = _doc(["a"], ["b"], ["c"], ["d"])
    cycled = cuecraft.load(doc, "scribie", speaker_names=["Ann", "Bob", "Cy"])
    assert [cycled.speaker_name(w.speaker) for w in cycled.words] == ["Ann", "Bob", "Cy", "Ann"]
    assert cycled.words[0].speaker == cycled.words[3].speaker == "spk1"
    repeated = cuecraft.load(doc, "scribie", speaker_names=["Ann", "Bob", "Ann"])
    assert [w.speaker for w in repeated.words] == ["spk1", "spk2", "spk1", "spk1"]
    assert [s.name for s in repeated.speakers] == ["Ann", "Bob"]
    # Consecutive turns of one name merge into one model turn.
    assert repeated.turns() == [(0, 1), (1, 2), (2, 4)]


def test_speaker_names_lists_unused_names_too() -> None:
    transcript = cuecraft.load(_doc(["a"]), "scribie", speaker_names=["Ann", "Bob"])
    assert [s.name for s in transcript.speakers] == ["Ann", "Bob"]


def test_speaker_names_as_scribie_comma_separated_string() -> None:
    transcript = cuecraft.load(_doc(["a"], ["b"]), "scribie", speaker_names="John Doe, Jane Doe")
    assert [transcript.speaker_name(w.speaker) for w in transcript.words] == [
        "John Doe",
        "Jane Doe",
    ]


def test_empty_speaker_names_number_the_turns() -> None:
    transcript = cuecraft.load(_doc(["a"], ["b"]), "scribie", speaker_names=[])
    assert [s.name for s in transcript.speakers] == ["Turn 1", "Turn 2"]


@pytest.mark.parametrize("names", [["Ann", ""], ["Ann", 3]])
def test_invalid_speaker_names_are_input_errors(names: list[Any]) -> None:
    with pytest.raises(InputError, match="speaker_names"):
        cuecraft.load(_doc(["a"]), "scribie", speaker_names=names)


def test_schema_error_points_into_the_array() -> None:
    doc = _doc(["a", "b", "c", "d"])
    doc[3]["end"] = None
    doc[1]["conf"] = 2
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc, "scribie")
    assert [p.pointer for p in caught.value.problems] == ["/1/conf", "/3/end"]


def test_not_an_array_is_a_schema_error() -> None:
    with pytest.raises(SchemaError) as caught:
        cuecraft.load({"word": "a"}, "scribie")
    assert caught.value.pointer == ""


def test_sniffer_claims_scribie_only() -> None:
    assert scribie.sniff(_doc(["a"]))
    assert scribie.sniff([{"word": "a", "start": 0, "end": 1, "turn": 1}])
    # A dumped Whisper word list: no Scribie key.
    assert not scribie.sniff([{"word": " a", "start": 0, "end": 1, "probability": 0.9}])
    # HappyScribe blocks.
    assert not scribie.sniff([{"speaker": "A", "words": [], "data_start": 0}])
    assert not scribie.sniff([])
    assert not scribie.sniff({"words": _doc(["a"])})
