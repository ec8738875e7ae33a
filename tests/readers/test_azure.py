"""Azure Speech batch transcription reader: ticks, display words or lexical words, speakers,
channels, phrases that were not recognised."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.errors import InputError
from cuecraft.readers.azure import read, sniff
from tests.readers.vendor_payloads import (
    NUMBER,
    OPTIONAL_NUMBER,
    TEXT,
    Case,
    Expected,
    ScriptWord,
    check_corruption,
    check_detected,
    check_round,
    scripts,
)

TICKS = 10_000  # per millisecond: a tick is 100 ns


def _groups(script: list[ScriptWord]) -> list[list[ScriptWord]]:
    groups: list[list[ScriptWord]] = []
    for word in script:
        if word.paragraph or not groups:
            groups.append([])
        groups[-1].append(word)
    return groups


@st.composite
def azure_cases(draw: st.DrawFn) -> Case:
    """Display words or lexical words; ticks as ints or floats; diarized or per channel."""
    script = draw(scripts())
    display = draw(st.booleans())
    floats = draw(st.booleans())
    mode = draw(st.sampled_from(["plain", "diarized", "channels"]))
    field, text_field = ("displayWords", "displayText") if display else ("words", "word")

    def ticks(ms: int) -> float | int:
        return float(ms * TICKS) if floats else ms * TICKS

    phrases = []
    expected: list[tuple[int, int, int, Expected]] = []
    targets = []
    groups = _groups(script)
    multichannel = mode == "channels" and len({g[0].speaker for g in groups}) > 1
    for p, group in enumerate(groups):
        phrase: dict[str, Any] = {
            "recognitionStatus": "Success",
            "channel": group[0].speaker if mode == "channels" else 0,
            "offset": "PT0S",
            "duration": "PT0S",
            "offsetInTicks": ticks(group[0].start_ms),
            "durationInTicks": ticks(group[-1].end_ms - group[0].start_ms),
            "nBest": [
                {
                    "confidence": 0.9,
                    "lexical": " ".join(w.text.lower() for w in group),
                    "display": " ".join(w.shown for w in group),
                    field: [
                        {
                            text_field: w.shown if display else w.text,
                            "offset": "PT0S",
                            "duration": "PT0S",
                            "offsetInTicks": ticks(w.start_ms),
                            "durationInTicks": ticks(w.end_ms - w.start_ms),
                            "confidence": w.confidence,
                        }
                        for w in group
                    ],
                }
            ],
        }
        if mode == "diarized":
            phrase["speaker"] = group[0].speaker + 1
        phrases.append(phrase)
        for i, w in enumerate(group):
            base = f"/recognizedPhrases/{p}/nBest/0/{field}/{i}"
            targets += [
                (f"{base}/{text_field}", TEXT),
                (f"{base}/offsetInTicks", NUMBER),
                (f"{base}/durationInTicks", NUMBER),
                (f"{base}/confidence", OPTIONAL_NUMBER),
            ]
            speaker = (
                str(group[0].speaker + 1)
                if mode == "diarized"
                else f"C{group[0].speaker}"
                if multichannel
                else None
            )
            expected.append(
                (
                    w.start_ms,
                    group[0].speaker if mode == "channels" else 0,
                    len(expected),
                    Expected(
                        w.shown if display else w.text, w.start_ms, w.end_ms, speaker, w.confidence
                    ),
                )
            )
    if multichannel:
        # Channels merge by start; on a tie the channel whose phrase came first goes first.
        rank: dict[int, int] = {}
        for group in groups:
            rank.setdefault(group[0].speaker, len(rank))
        expected.sort(key=lambda e: (e[0], rank[e[1]], e[2]))
    payload = {
        "source": "https://example.com/a.wav",
        "timestamp": "2024-01-01T00:00:00Z",
        "durationInTicks": ticks(script[-1].end_ms),
        "combinedRecognizedPhrases": [],
        "recognizedPhrases": phrases,
    }
    return Case("azure", payload, [e[3] for e in expected], targets)


@given(azure_cases())
def test_generated_payloads_read_into_the_right_words(case: Case) -> None:
    check_round(case)


@given(azure_cases(), st.data())
def test_corrupted_payloads_raise_input_errors_at_the_leaf(case: Case, data: st.DataObject) -> None:
    check_corruption(case, data.draw)


@given(azure_cases())
def test_generated_payloads_are_detected(case: Case) -> None:
    check_detected(case)


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


def test_documented_sample_reads_lexical_words_in_milliseconds() -> None:
    # The shape of Microsoft's "Get batch transcription results" sample.
    doc = {"source": "x.wav", "recognizedPhrases": [_phrase(locale="en-US")]}
    transcript = read(doc, source="a.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("hello", 760, 1060),
        ("world", 1060, 1480),
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
