"""Hypothesis strategies for the engine readers: valid vendor payloads with the words they mean.

Each strategy draws a *script* (words with their punctuation, times in ms, confidence, speaker,
paragraph breaks) and renders it in one vendor's shape. The expected words are computed from
the script, not by the reader's code. Each case also lists the leaves that must be rejected
when corrupted, so the tests can check that garbage raises an ``InputError`` at that pointer.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import pytest
from hypothesis import strategies as st

from cuecraft.errors import InputError
from cuecraft.readers import get_reader

Kind = Literal["type", "missing", "nan", "negative"]
NUMBER: tuple[Kind, ...] = ("type", "missing", "nan", "negative")
OPTIONAL_NUMBER: tuple[Kind, ...] = ("type", "nan", "negative")
TEXT: tuple[Kind, ...] = ("type", "missing")


@dataclass(frozen=True)
class ScriptWord:
    """One word as the speaker said it, before any vendor renders it."""

    text: str
    punct: str
    start_ms: int
    end_ms: int
    confidence: float
    speaker: int
    paragraph: bool

    @property
    def shown(self) -> str:
        return self.text + self.punct


@dataclass(frozen=True)
class Expected:
    text: str
    start_ms: int | None  # None: the vendor gave no time (interpolated by the reader)
    end_ms: int | None
    speaker: str | None
    confidence: float | None


@dataclass
class Case:
    """A vendor payload, the words it must read as, and the leaves worth corrupting."""

    reader: str
    payload: Any
    expected: list[Expected]
    targets: list[tuple[str, tuple[Kind, ...]]] = field(default_factory=list)
    strings_are_numbers: bool = False  # AWS writes numbers as strings


_TEXT = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éü",
    min_size=1,
    max_size=10,
)
_CONFIDENCE = st.integers(min_value=0, max_value=1000).map(lambda n: n / 1000)


@st.composite
def scripts(draw: st.DrawFn, max_words: int = 25) -> list[ScriptWord]:
    """Words in time order (gaps, zero-length words), some punctuation, up to 3 speakers."""
    count = draw(st.integers(min_value=1, max_value=max_words))
    clock = draw(st.integers(min_value=0, max_value=5000))
    speaker = 0
    words = []
    for index in range(count):
        clock += draw(st.sampled_from([0, 10, 60, 300, 1500]))
        duration = draw(st.sampled_from([0, 40, 180, 420, 900]))
        paragraph = index == 0 or draw(st.integers(min_value=0, max_value=3)) == 0
        if paragraph and index:
            speaker = draw(st.integers(min_value=0, max_value=2))
        words.append(
            ScriptWord(
                text=draw(_TEXT),
                punct=draw(st.sampled_from(["", "", "", ",", ".", "?"])),
                start_ms=clock,
                end_ms=clock + duration,
                confidence=draw(_CONFIDENCE),
                speaker=speaker,
                paragraph=paragraph,
            )
        )
        clock += duration
    return words


def _paragraphs(script: list[ScriptWord]) -> list[list[ScriptWord]]:
    groups: list[list[ScriptWord]] = []
    for word in script:
        if word.paragraph or not groups:
            groups.append([])
        groups[-1].append(word)
    return groups


def _s(ms: int) -> float:
    return ms / 1000


# --- Whisper family ---------------------------------------------------------------------


@st.composite
def whisper_cases(draw: st.DrawFn) -> Case:
    """Local Whisper / faster-whisper (object or bare segment list) and the OpenAI API shape."""
    script = draw(scripts())
    variant = draw(st.sampled_from(["local", "segment-list", "api"]))
    expected = [Expected(w.shown, w.start_ms, w.end_ms, None, w.confidence) for w in script]
    if variant == "api":
        payload: Any = {
            "task": "transcribe",
            "language": "english",
            "duration": _s(script[-1].end_ms),
            "text": " ".join(w.shown for w in script),
            "words": [
                {"word": w.text, "start": _s(w.start_ms), "end": _s(w.end_ms)} for w in script
            ],
        }
        expected = [Expected(w.shown, w.start_ms, w.end_ms, None, None) for w in script]
        api_targets = [
            (f"/words/{i}/{key}", kinds)
            for i in range(len(script))
            for key, kinds in (("word", TEXT), ("start", NUMBER), ("end", NUMBER))
        ]
        return Case("whisper", payload, expected, api_targets)
    segments = [
        {
            "id": n,
            "seek": 0,
            "start": _s(group[0].start_ms),
            "end": _s(group[-1].end_ms),
            "text": "".join(" " + w.shown for w in group),
            "tokens": [50364],
            "words": [
                {
                    "word": " " + w.shown,
                    "start": _s(w.start_ms),
                    "end": _s(w.end_ms),
                    "probability": w.confidence,
                }
                for w in group
            ],
        }
        for n, group in enumerate(_paragraphs(script))
    ]
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    prefix = "" if variant == "segment-list" else "/segments"
    for n, group in enumerate(_paragraphs(script)):
        for i in range(len(group)):
            base = f"{prefix}/{n}/words/{i}"
            targets += [
                (f"{base}/word", TEXT),
                (f"{base}/start", NUMBER),
                (f"{base}/end", NUMBER),
                (f"{base}/probability", OPTIONAL_NUMBER),
            ]
    if variant == "segment-list":
        return Case("whisper", segments, expected, targets)
    return Case("whisper", {"text": "", "segments": segments, "language": "en"}, expected, targets)


@st.composite
def whisperx_cases(draw: st.DrawFn) -> Case:
    """Aligned and diarized WhisperX output; some words unaligned (no start/end/score)."""
    script = draw(scripts())
    unaligned = [draw(st.booleans()) and draw(st.booleans()) for _ in script]
    segments: list[dict[str, Any]] = []
    expected: list[Expected] = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    position = 0
    for n, group in enumerate(_paragraphs(script)):
        speaker = f"SPEAKER_{group[0].speaker:02d}"
        words: list[dict[str, Any]] = []
        for i, word in enumerate(group):
            base = f"/segments/{n}/words/{i}"
            targets.append((f"{base}/word", TEXT))
            if unaligned[position]:
                words.append({"word": word.shown})
                expected.append(Expected(word.shown, None, None, speaker, None))
            else:
                words.append(
                    {
                        "word": word.shown,
                        "start": _s(word.start_ms),
                        "end": _s(word.end_ms),
                        "score": word.confidence,
                        "speaker": speaker,
                    }
                )
                expected.append(
                    Expected(word.shown, word.start_ms, word.end_ms, speaker, word.confidence)
                )
                targets += [
                    (f"{base}/start", OPTIONAL_NUMBER),
                    (f"{base}/end", OPTIONAL_NUMBER),
                    (f"{base}/score", OPTIONAL_NUMBER),
                ]
            position += 1
        segments.append(
            {
                "start": _s(group[0].start_ms),
                "end": _s(group[-1].end_ms),
                "text": " ".join(w.shown for w in group),
                "speaker": speaker,
                "words": words,
            }
        )
    flat = [word for segment in segments for word in segment["words"]]
    payload = {"segments": segments, "word_segments": flat, "language": "en"}
    return Case("whisperx", payload, expected, targets)


@st.composite
def whisper_timestamped_cases(draw: st.DrawFn) -> Case:
    script = draw(scripts())
    segments = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    for n, group in enumerate(_paragraphs(script)):
        segments.append(
            {
                "start": _s(group[0].start_ms),
                "end": _s(group[-1].end_ms),
                "text": " " + " ".join(w.shown for w in group),
                "confidence": 0.9,
                "words": [
                    {
                        "text": w.shown,
                        "start": _s(w.start_ms),
                        "end": _s(w.end_ms),
                        "confidence": w.confidence,
                    }
                    for w in group
                ],
            }
        )
        for i in range(len(group)):
            base = f"/segments/{n}/words/{i}"
            targets += [
                (f"{base}/text", TEXT),
                (f"{base}/start", NUMBER),
                (f"{base}/end", NUMBER),
                (f"{base}/confidence", OPTIONAL_NUMBER),
            ]
    expected = [Expected(w.shown, w.start_ms, w.end_ms, None, w.confidence) for w in script]
    payload = {"text": "", "segments": segments, "language": "en"}
    return Case("whisper_timestamped", payload, expected, targets)


# --- Cloud engines ----------------------------------------------------------------------


@st.composite
def aws_cases(draw: st.DrawFn) -> Case:
    """Newer output (speaker_label on items) or older (speakers only in speaker_labels)."""
    script = draw(scripts())
    on_items = draw(st.booleans())
    items: list[dict[str, Any]] = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    for word in script:
        label = f"spk_{word.speaker}"
        item: dict[str, Any] = {
            "type": "pronunciation",
            "alternatives": [{"confidence": f"{word.confidence:.3f}", "content": word.text}],
            "start_time": f"{word.start_ms / 1000:.3f}",
            "end_time": f"{word.end_ms / 1000:.3f}",
        }
        if on_items:
            item["speaker_label"] = label
        base = f"/results/items/{len(items)}"
        targets += [
            (f"{base}/alternatives/0/content", TEXT),
            (f"{base}/alternatives/0/confidence", OPTIONAL_NUMBER),
            (f"{base}/start_time", NUMBER),
            (f"{base}/end_time", NUMBER),
        ]
        items.append(item)
        if word.punct:
            punct: dict[str, Any] = {
                "type": "punctuation",
                "alternatives": [{"confidence": "0.0", "content": word.punct}],
            }
            if on_items:
                punct["speaker_label"] = label
            items.append(punct)
    segments = [
        {
            "start_time": f"{group[0].start_ms / 1000:.3f}",
            "end_time": f"{group[-1].end_ms / 1000:.3f}",
            "speaker_label": f"spk_{group[0].speaker}",
            "items": [
                {
                    "start_time": f"{w.start_ms / 1000:.3f}",
                    "end_time": f"{w.end_ms / 1000:.3f}",
                    "speaker_label": f"spk_{w.speaker}",
                }
                for w in group
            ],
        }
        for group in _paragraphs(script)
    ]
    payload = {
        "jobName": "job",
        "accountId": "1",
        "status": "COMPLETED",
        "results": {
            "transcripts": [{"transcript": " ".join(w.shown for w in script)}],
            "speaker_labels": {"speakers": 3, "segments": segments},
            "items": items,
        },
    }
    expected = [
        Expected(w.shown, w.start_ms, w.end_ms, f"spk_{w.speaker}", w.confidence) for w in script
    ]
    return Case("aws_transcribe", payload, expected, targets, strings_are_numbers=True)


@st.composite
def deepgram_cases(draw: st.DrawFn) -> Case:
    """Punctuated and diarized (nova) or bare lower-case words (whisper models)."""
    script = draw(scripts())
    rich = draw(st.booleans())
    words = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    for i, w in enumerate(script):
        word: dict[str, Any] = {
            "word": w.text.lower(),
            "start": _s(w.start_ms),
            "end": _s(w.end_ms),
            "confidence": w.confidence,
        }
        base = f"/results/channels/0/alternatives/0/words/{i}"
        targets += [
            (f"{base}/word", TEXT),
            (f"{base}/start", NUMBER),
            (f"{base}/end", NUMBER),
            (f"{base}/confidence", OPTIONAL_NUMBER),
        ]
        if rich:
            word.update(speaker=w.speaker, speaker_confidence=0.5, punctuated_word=w.shown)
            targets.append((f"{base}/speaker", ("type", "negative")))
        words.append(word)
    alternative: dict[str, Any] = {"transcript": "", "confidence": 0.9, "words": words}
    if rich:
        alternative["paragraphs"] = {
            "transcript": "",
            "paragraphs": [
                {
                    "sentences": [],
                    "speaker": group[0].speaker,
                    "num_words": len(group),
                    "start": _s(group[0].start_ms),
                    "end": _s(group[-1].end_ms),
                }
                for group in _paragraphs(script)
            ],
        }
    payload = {
        "metadata": {"request_id": "r", "duration": 1.0, "channels": 1},
        "results": {"channels": [{"alternatives": [alternative]}]},
    }
    expected = [
        Expected(
            w.shown if rich else w.text.lower(),
            w.start_ms,
            w.end_ms,
            f"S{w.speaker}" if rich else None,
            w.confidence,
        )
        for w in script
    ]
    return Case("deepgram", payload, expected, targets)


@st.composite
def assemblyai_cases(draw: st.DrawFn) -> Case:
    """Speakers on the words, with utterances or with ``utterances: null``."""
    script = draw(scripts())
    with_utterances = draw(st.booleans())
    letters = "ABC"
    words = [
        {
            "text": w.shown,
            "start": w.start_ms,
            "end": w.end_ms,
            "confidence": 1 if w.confidence == 1 else w.confidence,
            "speaker": letters[w.speaker],
        }
        for w in script
    ]
    utterances = (
        [
            {
                "confidence": 0.9,
                "start": group[0].start_ms,
                "end": group[-1].end_ms,
                "speaker": letters[group[0].speaker],
                "text": " ".join(w.shown for w in group),
                "words": [],
            }
            for group in _paragraphs(script)
        ]
        if with_utterances
        else None
    )
    payload = {
        "id": "x",
        "status": "completed",
        "language_code": "en",
        "audio_url": "https://example.com/a.mp3",
        "text": " ".join(w.shown for w in script),
        "words": words,
        "utterances": utterances,
    }
    targets = [
        (f"/words/{i}/{key}", kinds)
        for i in range(len(script))
        for key, kinds in (
            ("text", TEXT),
            ("start", NUMBER),
            ("end", NUMBER),
            ("confidence", OPTIONAL_NUMBER),
            ("speaker", ("type",)),
        )
    ]
    expected = [
        Expected(w.shown, w.start_ms, w.end_ms, letters[w.speaker], w.confidence) for w in script
    ]
    return Case("assemblyai", payload, expected, targets)


@st.composite
def revai_cases(draw: st.DrawFn) -> Case:
    """Monologues per speaker turn; punctuation and spaces as elements."""
    script = draw(scripts())
    monologues = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    for m, group in enumerate(_paragraphs(script)):
        elements: list[dict[str, Any]] = []
        for i, w in enumerate(group):
            if i:
                elements.append({"type": "punct", "value": " "})
            base = f"/monologues/{m}/elements/{len(elements)}"
            targets += [
                (f"{base}/value", TEXT),
                (f"{base}/ts", OPTIONAL_NUMBER),
                (f"{base}/end_ts", OPTIONAL_NUMBER),
                (f"{base}/confidence", OPTIONAL_NUMBER),
            ]
            elements.append(
                {
                    "type": "text",
                    "value": w.text,
                    "ts": _s(w.start_ms),
                    "end_ts": _s(w.end_ms),
                    "confidence": w.confidence,
                }
            )
            if w.punct:
                elements.append({"type": "punct", "value": w.punct})
        monologues.append({"speaker": group[0].speaker, "elements": elements})
    expected = [
        Expected(w.shown, w.start_ms, w.end_ms, f"S{w.speaker}", w.confidence) for w in script
    ]
    return Case("revai", {"monologues": monologues}, expected, targets)


@st.composite
def speechmatics_cases(draw: st.DrawFn) -> Case:
    """json-v2 with punctuation results; diarized ("S1") or not ("UU")."""
    script = draw(scripts())
    diarized = draw(st.booleans())
    results: list[dict[str, Any]] = []
    targets: list[tuple[str, tuple[Kind, ...]]] = []
    for w in script:
        speaker = f"S{w.speaker + 1}" if diarized else "UU"
        base = f"/results/{len(results)}"
        targets += [
            (f"{base}/alternatives/0/content", TEXT),
            (f"{base}/alternatives/0/confidence", OPTIONAL_NUMBER),
            (f"{base}/start_time", NUMBER),
            (f"{base}/end_time", NUMBER),
        ]
        results.append(
            {
                "alternatives": [
                    {
                        "confidence": w.confidence,
                        "content": w.text,
                        "language": "en",
                        "speaker": speaker,
                    }
                ],
                "start_time": _s(w.start_ms),
                "end_time": _s(w.end_ms),
                "type": "word",
            }
        )
        if w.punct:
            results.append(
                {
                    "alternatives": [
                        {"confidence": 1, "content": w.punct, "language": "en", "speaker": speaker}
                    ],
                    "attaches_to": "previous",
                    "is_eos": w.punct != ",",
                    "start_time": _s(w.end_ms),
                    "end_time": _s(w.end_ms),
                    "type": "punctuation",
                }
            )
    payload = {
        "format": "2.9",
        "job": {"id": "j", "duration": 1, "data_name": "", "created_at": ""},
        "metadata": {
            "type": "transcription",
            "transcription_config": {
                "language": "en",
                "diarization": "speaker" if diarized else "none",
            },
            "language_pack_info": {"word_delimiter": " "},
        },
        "results": results,
    }
    expected = [
        Expected(
            w.shown, w.start_ms, w.end_ms, f"S{w.speaker + 1}" if diarized else None, w.confidence
        )
        for w in script
    ]
    return Case("speechmatics", payload, expected, targets)


# --- Checks shared by the vendor tests -----------------------------------------------------


def check_round(case: Case) -> None:
    """The payload reads as exactly the expected words, in order."""
    transcript = get_reader(case.reader).read_transcript(
        copy.deepcopy(case.payload), source="case.json"
    )
    got = transcript.words
    assert [w.text for w in got] == [e.text for e in case.expected]
    for word, want in zip(got, case.expected, strict=True):
        if want.start_ms is not None and want.end_ms is not None:
            assert (word.start_ms, word.end_ms) == (want.start_ms, want.end_ms), word
        assert word.speaker == want.speaker
        if want.confidence is None:
            assert word.confidence is None
        else:
            assert word.confidence == pytest.approx(want.confidence, abs=1e-9)
    assert {s.id for s in transcript.speakers} == {w.speaker for w in got} - {None}


def resolves(doc: Any, pointer: str) -> bool:
    """Whether an RFC 6901 pointer names a node of ``doc``."""
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def _corrupt(value: Any, kind: Kind, numbers_as_strings: bool) -> Any:
    if kind == "type":
        return {"oops": 1} if isinstance(value, str) or value is None else "oops"
    if kind == "nan":
        return "NaN" if numbers_as_strings else math.nan
    assert kind == "negative"
    if numbers_as_strings:
        return f"-{abs(float(value)) + 1.5}"
    return -abs(value) - 1.5


def check_corruption(case: Case, draw: Callable[[st.SearchStrategy[Any]], Any]) -> None:
    """A corrupted leaf raises an InputError (nothing else) pointing at that leaf."""
    pointer, kinds = draw(st.sampled_from(case.targets))
    kind = draw(st.sampled_from(kinds))
    payload = copy.deepcopy(case.payload)
    *path, leaf = pointer.split("/")[1:]
    parent = payload
    for token in path:
        parent = parent[int(token)] if isinstance(parent, list) else parent[token]
    if kind == "missing":
        del parent[leaf]
    else:
        parent[leaf] = _corrupt(parent[leaf], kind, case.strings_are_numbers)
    for strict in (True, False):  # garbage is not a "repairable" slip: lenient mode refuses it too
        with pytest.raises(InputError) as caught:
            get_reader(case.reader).read(copy.deepcopy(payload), source="bad.json", strict=strict)
        error = caught.value
        assert error.pointer == pointer, (kind, str(error))
    parent_pointer = pointer.rsplit("/", 1)[0]
    assert resolves(payload, pointer if kind != "missing" else parent_pointer)


def check_detected(case: Case) -> None:
    """detect() picks this vendor's reader, and only it."""
    from cuecraft.readers import detect

    spec, _ = detect(copy.deepcopy(case.payload), source="case.json")
    assert spec.name == case.reader
