"""Azure Speech batch transcription reader: ticks, display words or lexical words, speakers,
channels, phrases that were not recognised."""

from __future__ import annotations

from typing import Any

import pytest

from cuecraft.errors import InputError
from cuecraft.readers.azure import SPEC, sniff

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _phrase(**fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "recognitionStatus": "Success",
        "channel": 0,
        "offsetInTicks": 7600000.0,
        "durationInTicks": 13200000.0,
        "nBest": [
            {
                "confidence": 0.56,
                "lexical": "hello world",
                "display": "Hello world.",
                "words": [
                    {"word": "hello", "offsetInTicks": 7600000.0, "durationInTicks": 3000000.0},
                    {"word": "world", "offsetInTicks": 10600000.0, "durationInTicks": 4200000.0},
                ],
            }
        ],
    }
    base.update(fields)
    return base


def test_documented_sample_reads_lexical_words_in_display_form_in_milliseconds() -> None:
    # The shape of Microsoft's "Get batch transcription results" sample; the lexical words
    # take the display text's capitals and punctuation.
    doc = {"source": "x.wav", "recognizedPhrases": [_phrase(locale="en-US")]}
    transcript = read(doc, source="a.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("Hello", 760, 1060),
        ("world.", 1060, 1480),
    ]
    assert transcript.language is not None
    assert transcript.language.lower().startswith("en")


def test_display_words_are_preferred_over_lexical_words() -> None:
    phrase = _phrase()
    phrase["nBest"][0]["displayWords"] = [
        {"displayText": "Hello", "offsetInTicks": 7600000, "durationInTicks": 3000000},
        {"displayText": "world.", "offsetInTicks": 10600000, "durationInTicks": 4200000},
    ]
    transcript = read({"recognizedPhrases": [phrase]}, source="a.json")
    assert [w.text for w in transcript.words] == ["Hello", "world."]


def test_unrecognised_phrase_is_skipped_with_a_diagnostic() -> None:
    failed = {"recognitionStatus": "NoMatch", "channel": 0, "offsetInTicks": 0, "nBest": []}
    transcript = read({"recognizedPhrases": [failed, _phrase()]}, source="a.json")
    assert len(transcript.words) == 2
    assert [d.pointer for d in transcript.diagnostics] == ["/recognizedPhrases/0"]


def test_phrase_without_word_timings_says_how_to_get_them() -> None:
    phrase = _phrase()
    del phrase["nBest"][0]["words"]
    with pytest.raises(InputError, match="wordLevelTimestampsEnabled") as caught:
        read({"recognizedPhrases": [phrase]}, source="a.json")
    assert caught.value.pointer == "/recognizedPhrases/0/nBest/0"


def test_speakers_are_named_and_phrases_start_paragraphs() -> None:
    second = _phrase(speaker=2)
    for word in second["nBest"][0]["words"]:
        word["offsetInTicks"] += 20000000
    transcript = read({"recognizedPhrases": [_phrase(speaker=1), second]}, source="a.json")
    assert [w.speaker for w in transcript.words] == ["1", "1", "2", "2"]
    assert [s.name for s in transcript.speakers] == ["Speaker 1", "Speaker 2"]
    assert [w.paragraph_start for w in transcript.words] == [True, False, True, False]


def test_sniffer_needs_a_recognized_phrases_list() -> None:
    assert sniff({"recognizedPhrases": []})
    assert not sniff({"recognizedPhrases": {}})
    assert not sniff({"phrases": []})  # the fast-transcription API is a different shape
