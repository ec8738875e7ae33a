"""Deepgram pre-recorded (``/v1/listen``) response reader:
``results.channels[].alternatives[0].words[]``.

Shape (docs/vendor-formats.md, "Deepgram"; samples corpus/vendors/deepgram/): ``{metadata:
{request_id, duration, channels, models, model_info}, results: {channels: [{alternatives:
[{transcript, confidence, words: [{word, punctuated_word?, start, end, confidence, speaker?,
speaker_confidence?}], paragraphs?: {paragraphs: [{start, end, speaker, num_words}]}}],
detected_language?}], utterances?: [{start, end, channel, speaker}]}}``.

Mapping:

* ``punctuated_word`` (with ``punctuate``/``smart_format``) is the text, else the bare
  ``word`` (the ``whisper`` models send no ``punctuated_word`` and no ``speaker``);
* the integer ``speaker`` becomes ``"S0"``, ``"S1"``..., named ``"Speaker 0"``...;
* multichannel audio: every channel is read and the words merged by start time; then the
  channel is part of the speaker id (``"C1"``, or ``"C1S0"`` when diarized too);
* paragraphs start at each ``paragraphs.paragraphs[].start``, else at each utterance start;
* ``detected_language`` of the first channel is the language.
"""

from __future__ import annotations

import heapq
from typing import Any

from pydantic import BaseModel, Field

from cuecraft.model import Transcript
from cuecraft.readers._spec import ReaderSpec, WordDraft, assemble, validate
from cuecraft.readers._vendor import (
    Confidence,
    Seconds,
    SpeakerIndex,
    Text,
    mark_paragraphs,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(BaseModel):
    word: Text
    punctuated_word: Text | None = None
    start: Seconds
    end: Seconds
    confidence: Confidence | None = None
    speaker: SpeakerIndex | None = None


class _RawParagraph(BaseModel):
    start: Seconds


class _RawParagraphs(BaseModel):
    paragraphs: list[_RawParagraph] = []


class _RawAlternative(BaseModel):
    words: list[_RawWord]
    paragraphs: _RawParagraphs | None = None


class _RawChannel(BaseModel):
    alternatives: list[_RawAlternative] = Field(min_length=1)
    detected_language: Text | None = None


class _RawUtterance(BaseModel):
    start: Seconds
    channel: SpeakerIndex | None = None


class _RawResults(BaseModel):
    channels: list[_RawChannel] = Field(min_length=1)
    utterances: list[_RawUtterance] | None = None


class _RawMetadata(BaseModel):
    request_id: Text | None = None


class _RawDocument(BaseModel):
    metadata: _RawMetadata | None = None
    results: _RawResults


def sniff(doc: Any) -> bool:
    """An object whose ``results`` holds ``channels[].alternatives``."""
    # "results.channels[].alternatives": AWS's "results" holds "items", Speechmatics'
    # "results" is a list, and no other vendor nests words under channels.
    results = doc.get("results") if isinstance(doc, dict) else None
    channels = results.get("channels") if isinstance(results, dict) else None
    return (
        isinstance(channels, list)
        and bool(channels)
        and isinstance(channels[0], dict)
        and isinstance(channels[0].get("alternatives"), list)
    )


def _speaker_id(channel: int, speaker: int | None, multichannel: bool) -> str | None:
    if not multichannel:
        return None if speaker is None else f"S{speaker}"
    return f"C{channel}" if speaker is None else f"C{channel}S{speaker}"


def _speaker_name(speaker_id: str) -> str:
    channel, _, speaker = speaker_id.partition("S")
    parts = [f"Channel {channel[1:]}"] if channel else []
    if speaker:
        parts.append(f"Speaker {speaker}")
    return " ".join(parts)


def read(doc: Any, *, source: str, strict: bool = True) -> Transcript:
    """Read a Deepgram pre-recorded response.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    raw = validate(_RawDocument, doc, source=source)
    multichannel = len(raw.results.channels) > 1
    per_channel: list[list[WordDraft]] = []
    for c, channel in enumerate(raw.results.channels):
        alternative = channel.alternatives[0]
        drafts = [
            WordDraft(
                text=word.punctuated_word if word.punctuated_word is not None else word.word,
                start=word.start,
                end=word.end,
                confidence=word.confidence,
                speaker=_speaker_id(c, word.speaker, multichannel),
                pointer=f"/results/channels/{c}/alternatives/0/words/{w}",
            )
            for w, word in enumerate(alternative.words)
        ]
        if alternative.paragraphs and alternative.paragraphs.paragraphs:
            mark_paragraphs(drafts, (p.start for p in alternative.paragraphs.paragraphs))
        elif raw.results.utterances:
            mark_paragraphs(
                drafts,
                (u.start for u in raw.results.utterances if (u.channel or 0) == c),
            )
        per_channel.append(drafts)
    # Channels are separate recordings of one timeline: merge them by start, keeping each
    # channel's own order (words are never reordered within a channel) and channel order on ties.
    merged = list(heapq.merge(*per_channel, key=lambda draft: draft.start))
    names = {d.speaker: _speaker_name(d.speaker) for d in merged if d.speaker is not None}
    metadata: dict[str, Any] = {}
    if raw.metadata and raw.metadata.request_id:
        metadata["request_id"] = raw.metadata.request_id
    return assemble(
        merged,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(merged, names),
        language=raw.results.channels[0].detected_language,
        metadata=metadata,
    )


SPEC = ReaderSpec(
    name="deepgram",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Deepgram pre-recorded /v1/listen response",
)
