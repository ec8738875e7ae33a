"""Whisper output without word timestamps, and whisper.cpp's own JSON: the two shapes of
issue #9 that the Whisper reader used to refuse.

* Segments only (openai-whisper or faster-whisper run without word timestamps, whisper.cpp
  ``-oj``): each segment's ``text`` is split at whitespace and its words get times inside the
  segment, proportional to their character length (the idea of the SRT reader). This is
  lenient mode only: strict mode refuses, naming ``strict=False`` and how to get real word
  timings from the tool that made the file.
* whisper.cpp ``-oj``/``-ojf`` (``--output-json[-full]``): ``{systeminfo, model, params,
  result: {language}, transcription: [{timestamps: {from, to}, offsets: {from, to}, text,
  tokens?: [{text, timestamps, offsets, id, p, t_dtw}]}]}``; ``offsets`` are milliseconds,
  ``timestamps`` the same as ``"HH:MM:SS,mmm"``. ``-ojf`` adds the tokens, whose offsets are
  the token times; special tokens (``[_BEG_]``, ``[_TT_150]``, ``<|endoftext|>``) are skipped
  and word pieces glued as in the Whisper reader.
"""

from __future__ import annotations

import math
import re

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic
from cuecraft.readers._spec import WordDraft
from cuecraft.readers._vendor import Confidence, Milliseconds, RawModel, Text, merge, spread

__all__ = [
    "CPP_HINT",
    "WHISPER_HINT",
    "RawCpp",
    "refuse_or_note",
    "segment_words",
    "whisper_cpp_drafts",
]

WHISPER_HINT = (
    "run openai-whisper with --word_timestamps True (in Python, openai-whisper and "
    "faster-whisper take word_timestamps=True)"
)
CPP_HINT = "run whisper.cpp with -ojf (--output-json-full), which adds token times"
_SPECIAL = re.compile(r"\[_[A-Z]+_?\d*\]|<\|[^|]*\|>")


def segment_words(
    text: str, start: float, end: float, *, pointer: str, unit: str = "s"
) -> list[WordDraft]:
    """The words of a segment's text, with times spread over the segment by length."""
    words = text.split()
    if not words:
        return []
    spans = spread(start, max(end, start), [len(word) for word in words])
    return [
        WordDraft(
            text=word,
            start=first,
            end=last,
            pointer=pointer,
            paragraph_start=index == 0,
            unit="ms" if unit == "ms" else "s",
        )
        for index, (word, (first, last)) in enumerate(zip(words, spans, strict=True))
    ]


def refuse_or_note(
    *, strict: bool, source: str, pointer: str, hint: str, segments: int, words: int
) -> Diagnostic:
    """Strict mode refuses segment-only output; lenient mode gets this warning instead."""
    if strict:
        raise InputError(
            f"no word timestamps, only segment times: {hint}; or pass strict=False "
            "to spread word times over each segment by length",
            source=source,
            pointer=pointer,
        )
    return Diagnostic(
        code="interpolated-time",
        source=source,
        pointer=pointer,
        message=f"no word timestamps: the times of {words} words in {segments} segments are "
        f"interpolated inside each segment by character length; for real word times, {hint}",
    )


class _RawToken(RawModel):
    text: Text
    offsets: dict[str, Milliseconds] | None = None
    p: Confidence | None = None


class _RawCppSegment(RawModel):
    text: Text = ""
    offsets: dict[str, Milliseconds] | None = None
    timestamps: dict[str, Text] | None = None
    tokens: list[_RawToken] | None = None


class _RawResult(RawModel):
    language: Text | None = None


class RawCpp(RawModel):
    """whisper.cpp's document (only the fields cuecraft uses)."""

    result: _RawResult | None = None
    transcription: list[_RawCppSegment]


_CLOCK = re.compile(r"(\d{1,6}):(\d\d):(\d\d)[,.](\d{3})")


def _segment_span(segment: _RawCppSegment, pointer: str, source: str) -> tuple[float, float]:
    """A segment's ``offsets`` (ms), else its ``timestamps`` clock strings."""
    if segment.offsets is not None and {"from", "to"} <= segment.offsets.keys():
        return segment.offsets["from"], segment.offsets["to"]
    stamps = segment.timestamps or {}
    times: list[float] = []
    for key in ("from", "to"):
        match = _CLOCK.fullmatch(stamps.get(key, ""))
        if match is None:
            raise InputError(
                "a segment needs offsets {from, to} in ms or timestamps 'HH:MM:SS,mmm'",
                source=source,
                pointer=f"{pointer}/timestamps/{key}" if key in stamps else pointer,
            )
        hours, minutes, seconds, millis = (int(part) for part in match.groups())
        times.append(((hours * 60 + minutes) * 60 + seconds) * 1000 + millis)
    return times[0], times[1]


def whisper_cpp_drafts(
    raw: RawCpp, *, source: str, strict: bool
) -> tuple[list[WordDraft], list[Diagnostic], int]:
    """Word drafts (times in ms) from whisper.cpp JSON; also the count of glued tokens."""
    drafts: list[WordDraft] = []
    notes: list[Diagnostic] = []
    untimed = 0
    untimed_segments = 0
    glued = 0
    for s, segment in enumerate(raw.transcription):
        pointer = f"/transcription/{s}"
        tokens = [
            (t, token)
            for t, token in enumerate(segment.tokens or ())
            if not _SPECIAL.fullmatch(token.text.strip())
        ]
        timed = [(t, token) for t, token in tokens if token.offsets is not None]
        if timed:
            spaced = _spaced([token.text for _, token in timed])
            first_word = len(drafts)
            for index, (t, token) in enumerate(tokens):
                piece = bool(spaced and token.text[:1].strip() and token.text.strip())
                piece = piece and len(drafts) > first_word
                if token.offsets is None:
                    # whisper.cpp writes no times for a token it could not place: it gets the
                    # end of the word before it (zero length), never dropped.
                    at = (
                        drafts[-1].end
                        if len(drafts) > first_word
                        else _segment_span(segment, pointer, source)[0]
                    )
                    offsets: dict[str, float] = {"from": at, "to": at}
                    if token.text.strip() and not piece:  # a glued piece needs no time
                        notes.append(_untimed_token(source, f"{pointer}/tokens/{t}"))
                else:
                    offsets = dict(token.offsets)
                draft = WordDraft(
                    text=token.text.strip(),
                    start=offsets.get("from", math.nan),
                    end=offsets.get("to", math.nan),
                    confidence=token.p,
                    pointer=f"{pointer}/tokens/{t}",
                    paragraph_start=index == 0,
                    unit="ms",
                )
                if piece:
                    merge(drafts[-1], draft)
                    glued += 1
                else:
                    drafts.append(draft)
            continue
        start, end = _segment_span(segment, pointer, source)
        words = segment_words(segment.text, start, end, pointer=pointer, unit="ms")
        if words:
            untimed += len(words)
            untimed_segments += 1
            drafts.extend(words)
    if untimed:
        notes.append(
            refuse_or_note(
                strict=strict,
                source=source,
                pointer="/transcription",
                hint=CPP_HINT,
                segments=untimed_segments,
                words=untimed,
            )
        )
    return drafts, notes, glued


def _untimed_token(source: str, pointer: str) -> Diagnostic:
    return Diagnostic(
        code="interpolated-time",
        source=source,
        pointer=pointer,
        message="token without offsets; given the end time of the word before it",
    )


def _spaced(texts: list[str]) -> bool:
    """Do these tokens mark word starts with a leading space? whisper.cpp gives the first
    token of a segment one in spaced scripts; Chinese or Japanese tokens have none."""
    words = [text for text in texts if text.strip()]
    if not words:
        return False
    rest = words[1:]
    return words[0][:1].isspace() or 2 * sum(1 for t in rest if t[:1].isspace()) >= len(rest)
