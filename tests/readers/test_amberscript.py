"""Amberscript reader: real exports, the bundled sample, the deprecated shape, highlights."""

from __future__ import annotations

import itertools
import json
import math
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import amberscript
from tests.conftest import SAMPLES, corpus_dir


def _ms(seconds: float) -> int:
    return math.floor(seconds * 1000 + 0.5)


def _check_against_raw(path: Path) -> cuecraft.Transcript:
    """Load ``path`` and compare it with what plain loops over the raw JSON say."""
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = cuecraft.load(path)
    assert transcript.source.format == "amberscript"
    offset = raw.get("startTimeOffset", 0)
    texts, starts, ends, speakers, pristine, confidences = [], [], [], [], [], []
    paragraph_starts = 0
    for segment in raw["segments"]:
        paragraph_starts += bool(segment["words"])
        for word in segment["words"]:
            texts.append(word["text"])
            starts.append(_ms(word["start"]) + _ms(offset))
            ends.append(_ms(word["end"]) + _ms(offset))
            speakers.append(segment["speaker"])
            pristine.append(word.get("pristine"))
            confidences.append(word.get("conf"))
    words = transcript.words
    assert len(words) == len(texts)
    assert [w.text for w in words] == texts
    assert [w.start_ms for w in words] == starts
    assert [w.end_ms for w in words] == ends
    assert [w.speaker for w in words] == speakers
    assert [w.pristine for w in words] == pristine
    assert [w.confidence for w in words] == confidences  # int 1 == 1.0, None stays None
    assert all(isinstance(w.confidence, float) for w in words if w.confidence is not None)
    assert sum(w.paragraph_start for w in words) == paragraph_starts
    # Every listed speaker is kept, used or not, in the export's order.
    assert [(s.id, s.name) for s in transcript.speakers] == [
        (s["spkid"], s["name"]) for s in raw["speakers"]
    ]
    # Turns: a new one only where the segment speaker changes.
    changes = sum(1 for before, after in itertools.pairwise(speakers) if before != after)
    assert len(transcript.turns()) == changes + 1
    assert transcript.source.metadata == {
        key: raw[key] for key in ("id", "recordId", "filename") if key in raw
    }
    return transcript


def _corpus_files() -> list[Path]:
    return sorted(corpus_dir("vendors", "amberscript").glob("*.json"))


def test_every_real_export_matches_its_raw_json() -> None:
    files = _corpus_files()
    assert files, "the Amberscript corpus folder is empty"
    for path in files:
        transcript = _check_against_raw(path)
        assert transcript.diagnostics == (), path.name


def test_real_export_details() -> None:
    folder = corpus_dir("vendors", "amberscript")
    eight = cuecraft.load(folder / "radio-arg-pub-8spk.json")
    used = {w.speaker for w in eight.words}
    assert len(eight.speakers) == 8
    assert len(used) == 5  # listed but unused speakers are kept
    dollar = [w for w in eight.words if w.text == "$."]
    assert dollar
    assert all(w.start_ms == w.end_ms for w in dollar)  # zero-length tokens kept
    edited = cuecraft.load(folder / "radio-arg-anunciador-2spk.json")
    assert sum(w.pristine is False for w in edited.words) == 16


def test_bundled_sample_matches_its_raw_json() -> None:
    transcript = _check_against_raw(SAMPLES / "amberscript" / "interview.json")
    assert len(transcript.words) >= 300
    names = {transcript.speaker_name(w.speaker) for w in transcript.words}
    assert names == {"Zoë Müller", "José Núñez"}
    assert [s.name for s in transcript.speakers][-1] == "Speaker 3"  # listed, never used
    assert any(w.pristine is False for w in transcript.words)


# The deprecated /jobs/export?format=json sample of seed 001 (Dutch, null duration and conf).
DEPRECATED: dict[str, Any] = {
    "id": "5c9e45057103e464a4c6f477",
    "recordId": "RECORD_ID",
    "speakers": [
        {"spkid": "spk1", "name": "Speaker 1"},
        {"spkid": "spk2", "name": "Speaker 2"},
        {"spkid": "spk3", "name": "Speaker 3"},
    ],
    "segments": [
        {
            "speaker": "spk1",
            "words": [
                {"text": "Goedemiddag", "start": 2.11, "end": 2.68, "duration": None, "conf": None},
                {"text": "welkom", "start": 2.68, "end": 3.01, "duration": None, "conf": None},
            ],
        },
        {
            "speaker": "spk2",
            "words": [
                {"text": "Vragen", "start": 4.14, "end": 4.9, "duration": None, "conf": None},
                {"text": "uur.", "start": 4.98, "end": 5.4, "duration": None, "conf": None},
            ],
        },
    ],
}


def test_deprecated_export_shape() -> None:
    transcript = cuecraft.load(DEPRECATED)
    assert transcript.source.format == "amberscript"
    assert [w.text for w in transcript.words] == ["Goedemiddag", "welkom", "Vragen", "uur."]
    assert [w.start_ms for w in transcript.words] == [2110, 2680, 4140, 4980]
    assert all(w.confidence is None and w.pristine is None for w in transcript.words)
    assert [s.id for s in transcript.speakers] == ["spk1", "spk2", "spk3"]
    assert transcript.turns() == [(0, 2), (2, 4)]
    assert transcript.source.metadata == {"id": "5c9e45057103e464a4c6f477", "recordId": "RECORD_ID"}
    assert transcript.diagnostics == ()


def _doc(*segments: tuple[str, list[tuple[str, float, float]]], **top: Any) -> dict[str, Any]:
    return {
        "speakers": [{"spkid": "spk1", "name": "Ana"}, {"spkid": "spk2", "name": "Bea"}],
        "segments": [
            {"speaker": speaker, "words": [{"text": t, "start": s, "end": e} for t, s, e in words]}
            for speaker, words in segments
        ],
        **top,
    }


def test_same_speaker_segments_are_paragraphs_of_one_turn() -> None:
    transcript = cuecraft.load(
        _doc(
            ("spk1", [("Uno.", 0, 0.5)]),
            ("spk1", [("Dos.", 1, 1.5), ("tres", 1.6, 2)]),
            ("spk2", [("Sí.", 3, 3.4)]),
        )
    )
    assert [w.paragraph_start for w in transcript.words] == [True, True, False, True]
    assert transcript.turns() == [(0, 3), (3, 4)]


def test_start_time_offset_is_added_to_every_time() -> None:
    transcript = cuecraft.load(
        _doc(("spk1", [("a", 0, 0.5), ("b", 1, 1.25)]), startTimeOffset=12.5)
    )
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [(12500, 13000), (13500, 13750)]


def test_negative_start_time_offset_is_a_schema_error() -> None:
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(_doc(("spk1", [("a", 0, 0.5)]), startTimeOffset=-1), "amberscript")
    assert caught.value.pointer == "/startTimeOffset"


def test_duration_noise_is_ignored_and_a_real_mismatch_is_an_info_diagnostic() -> None:
    doc = _doc(("spk1", [("a", 0.98, 1.46), ("b", 2, 2.5)]))
    doc["segments"][0]["words"][0]["duration"] = 0.48000002
    doc["segments"][0]["words"][1]["duration"] = 3
    transcript = cuecraft.load(doc)
    [note] = transcript.diagnostics
    assert (note.code, note.pointer, note.severity) == (
        "duration-mismatch",
        "/segments/0/words/1/duration",
        "info",
    )
    doc["segments"][0]["words"][1]["duration"] = "0.5"
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc)
    assert caught.value.pointer == "/segments/0/words/1/duration"


def test_json_int_times_and_confidence_are_accepted_strings_are_not() -> None:
    doc = _doc(("spk1", [("a", 4, 5)]))
    doc["segments"][0]["words"][0]["conf"] = 1
    transcript = cuecraft.load(doc)
    assert (transcript.words[0].start_ms, transcript.words[0].confidence) == (4000, 1.0)
    doc["segments"][0]["words"][0]["start"] = "4"
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc)
    assert caught.value.pointer == "/segments/0/words/0/start"


def test_unlisted_segment_speaker_gets_a_diagnostic_and_is_named_by_its_id() -> None:
    transcript = cuecraft.load(_doc(("spk9", [("a", 0, 1)])))
    assert transcript.speaker_name("spk9") == "spk9"
    assert [d.code for d in transcript.diagnostics] == ["unlisted-speaker"]


def test_duplicate_speaker_id_is_a_schema_error() -> None:
    doc = _doc(("spk1", [("a", 0, 1)]))
    doc["speakers"].append({"spkid": "spk1", "name": "Other"})
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc)
    assert caught.value.pointer == "/speakers/2/spkid"


def test_language_is_a_reader_option() -> None:
    doc = _doc(("spk1", [("Hola", 0, 1)]))
    assert cuecraft.load(doc).language is None
    assert cuecraft.load(doc, language="es").language == "es"


def test_schema_errors_point_at_each_field() -> None:
    doc = _doc(("spk1", [("a", 0, 1), ("b", 1, 2)]), ("spk2", [("c", 3, 4)]))
    doc["segments"][0]["words"][1]["end"] = "2.0"
    del doc["segments"][1]["words"][0]["text"]
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc, "amberscript")
    assert [p.pointer for p in caught.value.problems] == [
        "/segments/0/words/1/end",
        "/segments/1/words/0/text",
    ]
    assert str(caught.value).startswith("<json>: /segments/0/words/1/end: ")


@pytest.mark.parametrize(("literal", "pointer_key"), [("NaN", "start"), ("Infinity", "end")])
def test_nan_and_infinity_in_json_text_get_a_pointer(literal: str, pointer_key: str) -> None:
    doc = _doc(("spk1", [("a", 0, 1)]))
    doc["segments"][0]["words"][0][pointer_key] = 123456.0
    text = json.dumps(doc).replace("123456.0", literal)
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(text.encode(), "amberscript")
    assert caught.value.pointer == f"/segments/0/words/0/{pointer_key}"


def test_large_reversal_is_an_error_with_its_pointer() -> None:
    doc = _doc(("spk1", [("a", 0, 1)]), ("spk2", [("b", 5, 4.5)]))
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc)
    assert caught.value.pointer == "/segments/1/words/0/end"
    lenient = cuecraft.load(doc, strict=False)
    assert lenient.words[1].end_ms == 5000


# --- highlights ---


def _with_highlights(*highlights: Any) -> dict[str, Any]:
    return _doc(
        ("spk1", [("a", 0, 1), ("b", 1, 2), ("c", 2, 3)]),
        ("spk2", [("d", 4, 5)]),
        highlights=list(highlights),
    )


def test_time_highlight_covers_the_words_inside_it() -> None:
    transcript = cuecraft.load(
        _with_highlights({"start": 1, "end": 3, "label": "quote", "color": "yellow"})
    )
    [highlight] = transcript.highlights
    assert (highlight.first, highlight.stop, highlight.label, highlight.color) == (
        1,
        3,
        "quote",
        "yellow",
    )
    assert transcript.highlighted() == [False, True, True, False]


def test_time_highlight_follows_the_start_time_offset() -> None:
    doc = _with_highlights({"start": 4, "end": 5})
    doc["startTimeOffset"] = 10
    assert [(h.first, h.stop) for h in cuecraft.load(doc).highlights] == [(3, 4)]


def test_index_highlight_is_a_half_open_word_span() -> None:
    transcript = cuecraft.load(_with_highlights({"first": 2, "stop": 4}))
    assert [(h.first, h.stop) for h in transcript.highlights] == [(2, 4)]


def test_index_highlight_counts_vendor_words_including_skipped_blanks() -> None:
    doc = _with_highlights({"first": 2, "stop": 3})
    doc["segments"][0]["words"][0]["text"] = " "  # skipped: transcript words shift by one
    transcript = cuecraft.load(doc)
    assert [w.text for w in transcript.words] == ["b", "c", "d"]
    assert [(h.first, h.stop) for h in transcript.highlights] == [(1, 2)]


@pytest.mark.parametrize(
    ("highlight", "pointer"),
    [
        ("important", "/highlights/0"),
        ({"text": "hello"}, "/highlights/0"),
        ({"start": 1, "end": 2, "first": 0, "stop": 1}, "/highlights/0"),
        ({"start": "1", "end": 2}, "/highlights/0/start"),
        ({"start": 3, "end": 1}, "/highlights/0/end"),
        ({"first": 0, "stop": 9}, "/highlights/0/stop"),
        ({"first": 2, "stop": 1}, "/highlights/0/stop"),
        ({"first": 0, "stop": 1, "color": 3}, "/highlights/0/color"),
    ],
)
def test_unsupported_highlight_is_an_error_strict_and_a_diagnostic_lenient(
    highlight: Any, pointer: str
) -> None:
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(_with_highlights(highlight))
    assert caught.value.pointer == pointer
    transcript = cuecraft.load(_with_highlights(highlight, {"first": 0, "stop": 1}), strict=False)
    assert [(h.first, h.stop) for h in transcript.highlights] == [(0, 1)]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("unsupported-highlight", pointer)
    ]


def test_highlight_without_words_is_dropped_with_a_diagnostic() -> None:
    transcript = cuecraft.load(_with_highlights({"start": 3.2, "end": 3.8}))
    assert transcript.highlights == ()
    assert [d.code for d in transcript.diagnostics] == ["empty-highlight"]


def test_sniffer_claims_amberscript_only() -> None:
    assert amberscript.sniff(DEPRECATED)
    assert amberscript.sniff({"speakers": [], "segments": DEPRECATED["segments"]})
    # Whisper family: segments with words but no spkid table.
    whisper = {"segments": [{"start": 0, "end": 1, "words": [{"word": " Hi", "start": 0}]}]}
    whisperx = {"segments": [{"speaker": "SPEAKER_00", "words": [{"word": "Hi", "start": 0}]}]}
    assert not amberscript.sniff(whisper)
    assert not amberscript.sniff(whisperx)
    assert not amberscript.sniff({"words": [{"text": "a", "start": 0, "end": 1}]})
    assert not amberscript.sniff([DEPRECATED])
