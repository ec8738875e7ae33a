"""WhisperX reader: scores, diarized speakers, and words the aligner could not time."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from cuecraft.errors import InputError
from cuecraft.readers import detect
from cuecraft.readers.whisperx import SPEC
from tests.readers.vendor_payloads import (
    Case,
    whisperx_cases,
)

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _doc(words: list[dict[str, Any]], **segment: Any) -> dict[str, Any]:
    return {
        "segments": [{"start": 40.0, "end": 45.0, "text": "", **segment, "words": words}],
        "word_segments": words,
        "language": "en",
    }


def test_untimed_digits_are_kept_with_interpolated_times() -> None:
    # m-bain/whisperX#559: "2266" has no start/end/score after alignment.
    doc = _doc(
        [
            {
                "word": "with",
                "start": 41.119,
                "end": 41.26,
                "score": 0.862,
                "speaker": "SPEAKER_01",
            },
            {"word": "2266"},
            {"word": "okay,", "start": 42.76, "end": 44.781, "score": 0.869},
        ],
        speaker="SPEAKER_01",
    )
    transcript = read(doc, source="wx.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("with", 41119, 41260),
        ("2266", 41260, 42760),
        ("okay,", 42760, 44781),
    ]
    assert transcript.words[1].confidence is None
    # Words without their own speaker take their segment's.
    assert [w.speaker for w in transcript.words] == ["SPEAKER_01"] * 3
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("interpolated-time", "/segments/0/words/1")
    ]


def test_runs_of_untimed_words_share_the_gap_and_use_the_segment_edges() -> None:
    doc = _doc(
        [
            {"word": "£13.60"},
            {"word": "is", "start": 41.0, "end": 41.2, "score": 0.9},
            {"word": "in"},
            {"word": "2014."},
        ]
    )
    transcript = read(doc, source="wx.json")
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [
        (40000, 41000),  # from the segment start to the next word
        (41000, 41200),
        (41200, 43100),  # the rest of the segment, split evenly
        (43100, 45000),
    ]
    assert len(transcript.diagnostics) == 3


def test_an_untimed_word_between_overlapping_neighbours_gets_zero_length() -> None:
    doc = _doc(
        [
            {"word": "a", "start": 41.0, "end": 42.0, "score": 0.9},
            {"word": "1"},
            {"word": "b", "start": 41.5, "end": 42.5, "score": 0.9},
        ]
    )
    words = read(doc, source="wx.json").words
    assert (words[1].start_ms, words[1].end_ms) == (41500, 41500)


def test_flat_word_segments_are_read_when_segments_have_no_words() -> None:
    doc = {
        "segments": [{"start": 0.0, "end": 1.0, "text": "Guten Tag"}],
        "word_segments": [
            {"word": "Guten", "start": 0.02, "end": 0.35, "score": 0.97},
            {"word": "Tag", "start": 0.4, "end": 0.8, "score": 0.9},
        ],
    }
    assert detect(doc, source="wx.json")[0].name == "whisperx"
    assert [w.text for w in read(doc, source="wx.json").words] == ["Guten", "Tag"]


def test_unaligned_output_is_refused_with_a_reason() -> None:
    doc = {"segments": [{"start": 0.0, "end": 1.0, "text": "hi"}], "word_segments": []}
    with pytest.raises(InputError, match="alignment") as caught:
        read(doc, source="wx.json")
    assert caught.value.pointer == "/segments"


def test_speakers_keep_whisperx_labels() -> None:
    doc = _doc(
        [
            {"word": "Hi.", "start": 41.0, "end": 41.2, "score": 0.9, "speaker": "SPEAKER_00"},
            {"word": "Yo.", "start": 42.0, "end": 42.2, "score": 0.9, "speaker": "SPEAKER_03"},
        ]
    )
    transcript = read(doc, source="wx.json")
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("SPEAKER_00", "SPEAKER_00"),
        ("SPEAKER_03", "SPEAKER_03"),
    ]


@given(whisperx_cases())
def test_each_untimed_word_gets_an_interpolated_time_note(case: Case) -> None:
    # The conformance test (test_conformance.py) checks the words; this, WhisperX's notes.
    transcript = read(case.payload, source="case.json")
    untimed = sum(1 for e in case.expected if e.start_ms is None)
    assert sum(d.code == "interpolated-time" for d in transcript.diagnostics) == untimed
