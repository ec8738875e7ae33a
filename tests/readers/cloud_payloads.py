"""Hypothesis strategies for the cloud readers whose payloads are not in
:mod:`tests.readers.vendor_payloads`: Azure Speech (batch, fast transcription and SDK results;
ticks or ms, display or lexical words, channels)
and Google Cloud Speech-to-Text (duration strings and objects, v1/v2 names, channels).

Same contract as there: each :class:`~tests.readers.vendor_payloads.Case` carries the words a
correct reader must produce, computed from the drawn script, and the leaves worth corrupting.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from tests.readers.vendor_payloads import (
    NUMBER,
    OPTIONAL_NUMBER,
    TEXT,
    Case,
    Expected,
    Kind,
    ScriptWord,
    scripts,
)
from tests.readers.vendor_payloads import _paragraphs as _groups

TICKS = 10_000  # per millisecond: a tick is 100 ns


def _azure_batch_phrase(
    group: list[ScriptWord], display: bool, ticks: Callable[[int], float | int]
) -> tuple[dict[str, Any], str, str]:
    field, text_field = ("displayWords", "displayText") if display else ("words", "word")
    phrase = {
        "recognitionStatus": "Success",
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
    return phrase, f"nBest/0/{field}", text_field


def _azure_fast_phrase(group: list[ScriptWord]) -> dict[str, Any]:
    return {
        "offsetMilliseconds": group[0].start_ms,
        "durationMilliseconds": group[-1].end_ms - group[0].start_ms,
        "text": " ".join(w.shown for w in group),
        "words": [
            {
                "text": w.shown,
                "offsetMilliseconds": w.start_ms,
                "durationMilliseconds": w.end_ms - w.start_ms,
                "confidence": w.confidence,
            }
            for w in group
        ],
        "locale": "en-US",
        "confidence": 0.9,
    }


def _azure_sdk_result(
    group: list[ScriptWord], ticks: Callable[[int], float | int]
) -> dict[str, Any]:
    display = " ".join(w.shown for w in group)
    return {
        "Id": "0",
        "RecognitionStatus": "Success",
        "Offset": ticks(group[0].start_ms),
        "Duration": ticks(group[-1].end_ms - group[0].start_ms),
        "DisplayText": display,
        "NBest": [
            {
                "Confidence": 0.9,
                "Lexical": " ".join(w.text.lower() for w in group),
                "Display": display,
                "Words": [
                    {
                        "Word": w.text.lower(),
                        "Offset": ticks(w.start_ms),
                        "Duration": ticks(w.end_ms - w.start_ms),
                        "Confidence": w.confidence,
                    }
                    for w in group
                ],
            }
        ],
    }


@st.composite
def azure_cases(draw: st.DrawFn) -> Case:
    """Batch (display or lexical words), fast-transcription or SDK results; ticks as ints or
    floats; diarized or per channel. Lexical words read with the phrase's display text."""
    script = draw(scripts())
    shape = draw(st.sampled_from(["batch", "fast", "sdk"]))
    display = draw(st.booleans())
    floats = draw(st.booleans())
    mode = draw(st.sampled_from(["plain", "diarized", "channels"]))
    keys = {
        "batch": ("channel", "speaker", "offsetInTicks", "durationInTicks", "confidence"),
        "fast": ("channel", "speaker", "offsetMilliseconds", "durationMilliseconds", "confidence"),
        "sdk": ("Channel", "SpeakerId", "Offset", "Duration", "Confidence"),
    }[shape]

    def ticks(ms: int) -> float | int:
        return float(ms * TICKS) if floats else ms * TICKS

    phrases = []
    expected: list[tuple[int, int, int, Expected]] = []
    targets = []
    groups = _groups(script)
    multichannel = mode == "channels" and len({g[0].speaker for g in groups}) > 1
    for p, group in enumerate(groups):
        if shape == "batch":
            phrase, words_at, text_field = _azure_batch_phrase(group, display, ticks)
            base_at = f"/recognizedPhrases/{p}"
        elif shape == "fast":
            phrase, words_at, text_field = _azure_fast_phrase(group), "words", "text"
            base_at = f"/phrases/{p}"
        else:
            phrase, words_at, text_field = _azure_sdk_result(group, ticks), "NBest/0/Words", "Word"
            base_at = f"/{p}"
        phrase[keys[0]] = group[0].speaker if mode == "channels" else 0
        if mode == "diarized":
            who = group[0].speaker + 1
            phrase[keys[1]] = f"Guest-{who}" if shape == "sdk" else who
        phrases.append(phrase)
        for i, w in enumerate(group):
            base = f"{base_at}/{words_at}/{i}"
            targets += [
                (f"{base}/{text_field}", TEXT),
                (f"{base}/{keys[2]}", NUMBER),
                (f"{base}/{keys[3]}", NUMBER),
                (f"{base}/{keys[4]}", OPTIONAL_NUMBER),
            ]
            speaker = (
                (f"Guest-{group[0].speaker + 1}" if shape == "sdk" else str(group[0].speaker + 1))
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
                    # Lexical words come out in display form, from the phrase's display text.
                    Expected(w.shown, w.start_ms, w.end_ms, speaker, w.confidence),
                )
            )
    if multichannel:
        # Channels merge by start; on a tie the channel whose phrase came first goes first.
        rank: dict[int, int] = {}
        for group in groups:
            rank.setdefault(group[0].speaker, len(rank))
        expected.sort(key=lambda e: (e[0], rank[e[1]], e[2]))
    payload: Any
    if shape == "batch":
        payload = {
            "source": "https://example.com/a.wav",
            "timestamp": "2024-01-01T00:00:00Z",
            "durationInTicks": ticks(script[-1].end_ms),
            "combinedRecognizedPhrases": [],
            "recognizedPhrases": phrases,
        }
    elif shape == "fast":
        payload = {
            "durationMilliseconds": script[-1].end_ms,
            "combinedPhrases": [{"text": " ".join(w.shown for w in script)}],
            "phrases": phrases,
        }
    else:
        payload = phrases
    return Case("azure", payload, [e[3] for e in expected], targets)


# A duration is a string or an object: "negative" has no numeric form to corrupt.
DURATION: tuple[Kind, ...] = ("type", "missing", "nan")


def _string(ms: int) -> str:
    # Google writes "0s", "1s", "1.300s": no fraction for whole seconds, else 3 digits.
    whole, part = divmod(ms, 1000)
    return f"{whole}s" if part == 0 else f"{whole}.{part:03d}s"


def _object(ms: int) -> dict[str, Any]:
    # The client libraries print {seconds: "5", nanos: N} and omit zero members.
    whole, part = divmod(ms, 1000)
    out: dict[str, Any] = {}
    if whole:
        out["seconds"] = str(whole)
    if part:
        out["nanos"] = part * 1_000_000
    return out


@st.composite
def google_cases(draw: st.DrawFn) -> Case:
    """v1 REST strings, v1 client objects or v2 offsets; plain, diarized or multichannel."""
    script = draw(scripts())
    style = draw(st.sampled_from(["v1", "client", "v2"]))
    mode = draw(st.sampled_from(["plain", "diarized", "channels"]))
    names = ("startOffset", "endOffset") if style == "v2" else ("startTime", "endTime")
    time = _object if style == "client" else _string

    def word(w: ScriptWord, speaker: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            names[0]: time(w.start_ms),
            names[1]: time(w.end_ms),
            "word": w.shown,
            "confidence": w.confidence,
        }
        if speaker:
            if style == "v2":
                out["speakerLabel"] = str(w.speaker + 1)
            else:
                out["speakerTag"] = w.speaker + 1
        return out

    results: list[dict[str, Any]] = []
    for group in _groups(script):
        result: dict[str, Any] = {
            "alternatives": [
                {
                    "transcript": " ".join(w.shown for w in group),
                    "confidence": 0.9,
                    "words": [word(w, False) for w in group],
                }
            ],
            "languageCode": "en-us",
        }
        if mode == "channels":
            result["channelTag"] = group[0].speaker + 1
        results.append(result)
    first = 0
    if mode == "diarized":
        first = len(results)
        results.append({"alternatives": [{"words": [word(w, True) for w in script]}]})
    payload: dict[str, Any] = {"results": results}
    if draw(st.booleans()):
        payload = {"name": "123", "done": True, "response": payload}
    root = "/response" if "response" in payload else ""

    multichannel = mode == "channels" and len({w.speaker for w in script}) > 1
    if mode == "channels":
        # Each channel's words in order; channels merged by start, earlier channel first on ties.
        order: dict[int, int] = {}
        for group in _groups(script):
            order.setdefault(group[0].speaker, len(order))
        chans = [_channel_of(script, i) for i in range(len(script))]
        ranked = sorted(range(len(script)), key=lambda i: (script[i].start_ms, order[chans[i]]))
        expected = [
            Expected(
                script[i].shown,
                script[i].start_ms,
                script[i].end_ms,
                f"C{chans[i] + 1}" if multichannel else None,
                script[i].confidence,
            )
            for i in ranked
        ]
    else:
        expected = [
            Expected(
                w.shown,
                w.start_ms,
                w.end_ms,
                str(w.speaker + 1) if mode == "diarized" else None,
                w.confidence,
            )
            for w in script
        ]
    targets = []
    index = 0
    for r, result in enumerate(results[first:], start=first):
        for i, _ in enumerate(result["alternatives"][0]["words"]):
            base = f"{root}/results/{r}/alternatives/0/words/{i}"
            targets += [
                (f"{base}/word", TEXT),
                (f"{base}/{names[0]}", DURATION),
                (f"{base}/{names[1]}", DURATION),
                (f"{base}/confidence", OPTIONAL_NUMBER),
            ]
            index += 1
    return Case("google", payload, expected, targets)


def _channel_of(script: list[ScriptWord], index: int) -> int:
    # A word's channel is the speaker of its paragraph (how google_cases tags results).
    speaker = script[0].speaker
    for i, word in enumerate(script[: index + 1]):
        if word.paragraph or i == 0:
            speaker = word.speaker
    return speaker
