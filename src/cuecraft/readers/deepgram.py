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

A clean single-channel response is read column by column (``_read_columns``, issue #12):
the same words, speakers, paragraphs and metadata as the word-by-word :func:`read_careful`,
which reads everything else (several channels, streaming messages, a field it would report
or a word it would repair).

Streaming (``/v1/listen`` over a WebSocket), issue #9: one ``Results`` message or a list of
the messages a client saved, ``{type: "Results", channel_index: [c, n], start, duration,
is_final, speech_final, channel: {alternatives: [{transcript, words}]}, metadata}``. Only
final results (``is_final: true``) are read: an interim result is a draft of the same audio
that a later final result replaces, so reading both would duplicate words. Interim results
after the last final one (a stream cut short) are not superseded: the last of them is kept,
with a warning. Other message types (``Metadata``, ``SpeechStarted``, ``UtteranceEnd``)
carry no words and are skipped. A result after one with ``speech_final: true`` starts a
paragraph; with ``channel_index[1] > 1`` the channel becomes the speaker, as above.
"""

from __future__ import annotations

import heapq
from typing import Any, Literal

from pydantic import Field

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._shapes_cloud import is_deepgram as sniff
from cuecraft.readers._spec import (
    MAX_SECONDS,
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    plain_numbers,
    table_from_columns,
    utf8,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import (
    Confidence,
    RawModel,
    Seconds,
    SpeakerIndex,
    Text,
    mark_paragraphs,
    paragraph_indices,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    word: Text
    punctuated_word: Text | None = None
    start: Seconds
    end: Seconds
    confidence: Confidence | None = None
    speaker: SpeakerIndex | None = None


class _RawParagraph(RawModel):
    start: Seconds


class _RawParagraphs(RawModel):
    paragraphs: list[_RawParagraph] = Field(default_factory=list)


class _RawAlternative(RawModel):
    words: list[_RawWord]
    paragraphs: _RawParagraphs | None = None


class _RawChannel(RawModel):
    alternatives: list[_RawAlternative] = Field(min_length=1)
    detected_language: Text | None = None


class _RawUtterance(RawModel):
    start: Seconds
    channel: SpeakerIndex | None = None


class _RawResults(RawModel):
    channels: list[_RawChannel] = Field(min_length=1)
    utterances: list[_RawUtterance] | None = None


class _RawMetadata(RawModel):
    request_id: Text | None = None


class _RawDocument(RawModel):
    metadata: _RawMetadata | None = None
    results: _RawResults


def _speaker_id(channel: int, speaker: int | None, multichannel: bool) -> str | None:
    if not multichannel:
        return None if speaker is None else f"S{speaker}"
    return f"C{channel}" if speaker is None else f"C{channel}S{speaker}"


def _draft(
    word: _RawWord, channel: int, multichannel: bool, pointer: str, paragraph_start: bool = False
) -> WordDraft:
    """One Deepgram word (batch or streaming) as a draft; ``pointer`` is its JSON pointer."""
    return WordDraft(
        text=word.punctuated_word if word.punctuated_word is not None else word.word,
        start=word.start,
        end=word.end,
        confidence=word.confidence,
        speaker=_speaker_id(channel, word.speaker, multichannel),
        pointer=pointer,
        paragraph_start=paragraph_start,
    )


def _speaker_name(speaker_id: str) -> str:
    channel, _, speaker = speaker_id.partition("S")
    parts = [f"Channel {channel[1:]}"] if channel else []
    if speaker:
        parts.append(f"Speaker {speaker}")
    return " ".join(parts)


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a Deepgram pre-recorded response (or streaming ``Results`` messages).

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    if isinstance(doc, dict) and doc.get("type") != "Results":
        fast = _read_columns(doc, source=source)
        if fast is not None:
            return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a response the fast path leaves)."""
    if isinstance(doc, list) or (isinstance(doc, dict) and doc.get("type") == "Results"):
        return read_live(doc, source=source, strict=strict)
    raw = validate(_RawDocument, doc, source=source)
    multichannel = len(raw.results.channels) > 1
    per_channel: list[list[WordDraft]] = []
    for c, channel in enumerate(raw.results.channels):
        alternative = channel.alternatives[0]
        drafts = [
            _draft(word, c, multichannel, f"/results/channels/{c}/alternatives/0/words/{w}")
            for w, word in enumerate(alternative.words)
        ]
        mark_paragraphs(drafts, _paragraph_times(raw, c))
        per_channel.append(drafts)
    # Channels are separate recordings of one timeline: merge them by start, keeping each
    # channel's own order (words are never reordered within a channel) and channel order on ties.
    merged = list(heapq.merge(*per_channel, key=lambda draft: draft.start))
    names = {d.speaker: _speaker_name(d.speaker) for d in merged if d.speaker is not None}
    return assemble_table(
        merged,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(merged, names),
        language=raw.results.channels[0].detected_language,
        metadata=_metadata(raw),
    )


def _paragraph_times(raw: _RawDocument, channel: int) -> list[float]:
    """Where channel ``channel``'s paragraphs start: its first alternative's paragraphs, else
    the utterances of that channel (none: no paragraphs beyond the first word)."""
    paragraphs = raw.results.channels[channel].alternatives[0].paragraphs
    if paragraphs and paragraphs.paragraphs:
        return [p.start for p in paragraphs.paragraphs]
    return [u.start for u in raw.results.utterances or () if (u.channel or 0) == channel]


def _metadata(raw: _RawDocument) -> dict[str, Any]:
    return (
        {"request_id": raw.metadata.request_id} if raw.metadata and raw.metadata.request_id else {}
    )


_WORD_FIELDS = ("word", "start", "end", "punctuated_word", "confidence", "speaker")
"""A word's fields as the fast path reads them: the three it needs, then the optional ones."""

_MAX_SPEAKER = 1_000_000
"""The largest speaker number ``SpeakerIndex`` (readers/_vendor.py) accepts."""


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean single-channel response read column by column (no model object
    per word), as :mod:`cuecraft.readers.amberscript` does; None for anything else (several
    channels, an odd field, a word the careful path would repair, skip or refuse), which
    :func:`read_careful` reads word by word and reports where."""
    results = doc.get("results")
    if type(results) is not dict:
        return None
    channels = results.get("channels")
    if type(channels) is not list or len(channels) != 1 or type(channels[0]) is not dict:
        return None  # several channels are merged by time: the careful path
    channel = channels[0]
    alternatives = channel.get("alternatives")
    if type(alternatives) is not list or not alternatives or type(alternatives[0]) is not dict:
        return None
    first = alternatives[0]
    items = first.get("words")
    if type(items) is not list or not items:
        return None
    columns = COLUMN_KERNEL.dict_columns(items, _WORD_FIELDS[:3], _WORD_FIELDS[3:])
    if columns is None:
        return None
    words, starts, ends, punctuated, confidences, numbers = columns
    texts = _texts(words, punctuated)
    speakers = _speaker_numbers(numbers)
    if texts is None or speakers is None:
        return None
    # The response's other fields as the careful path validates them (this alternative's
    # words aside; the other alternatives' words too, as it does).
    bare = {**first, "words": []}
    bare_channel = {**channel, "alternatives": [bare, *alternatives[1:]]}
    bare_doc = {**doc, "results": {**results, "channels": [bare_channel]}}
    raw = valid_or_none(_RawDocument, bare_doc, source=source)
    if raw is None:
        return None
    labels = {number: None if number is None else f"S{number}" for number in speakers}
    times = _paragraph_times(raw, 0)
    # paragraph_indices reads the starts before table_from_columns checks them.
    if times and not plain_numbers(starts, MAX_SECONDS):
        return None
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: f"/results/channels/0/alternatives/0/words/{index}",
            confidences=confidences,
            speakers=list(map(labels.__getitem__, numbers)),
            paragraph_starts=paragraph_indices(starts, times) if times else (),
        ),
        source=source,
        reader="deepgram",
        speakers=[
            Speaker(id=label, name=_speaker_name(label))
            for label in labels.values()
            if label is not None
        ],
        language=raw.results.channels[0].detected_language,
        metadata=_metadata(raw),
    )


def _texts(words: list[Any], punctuated: list[Any]) -> list[Any] | None:
    """Each word's text (``punctuated_word``, else ``word``), when every ``word`` is a string
    the careful path accepts (it validates the ones it does not show too) and every
    ``punctuated_word`` a string or absent; else None."""
    if set(map(type, words)) != {str} or not utf8(words):
        return None
    kinds = set(map(type, punctuated))
    if not kinds <= {str, type(None)}:
        return None
    if type(None) not in kinds:
        return punctuated
    if str not in kinds:
        return words
    return [word if text is None else text for word, text in zip(words, punctuated, strict=True)]


def _speaker_numbers(numbers: list[Any]) -> list[int | None] | None:
    """The distinct speaker numbers in first-seen order, when every one is an int in the
    range ``SpeakerIndex`` accepts, or absent; else None. Types are checked on the whole
    column: as dict keys, ``True`` and ``1.0`` would pass for ``1``."""
    if not set(map(type, numbers)) <= {int, type(None)}:
        return None
    distinct: list[int | None] = list(dict.fromkeys(numbers))
    given = [number for number in distinct if number is not None]
    if given and (min(given) < 0 or max(given) > _MAX_SPEAKER):
        return None
    return distinct


class _RawLiveChannel(RawModel):
    alternatives: list[_RawAlternative] = Field(min_length=1)


class _RawLiveResult(RawModel):
    type: Literal["Results"]
    channel: _RawLiveChannel
    channel_index: list[SpeakerIndex] | None = None
    is_final: bool = False
    speech_final: bool = False
    metadata: _RawMetadata | None = None


def read_live(doc: Any, *, source: str, strict: bool) -> WordTable:
    """Read streaming messages: final results only (see the module docstring)."""
    messages: list[tuple[str, Any]] = (
        [(f"/{i}", item) for i, item in enumerate(doc)] if isinstance(doc, list) else [("", doc)]
    )
    results: list[tuple[str, _RawLiveResult]] = []
    for pointer, item in messages:
        if isinstance(item, dict) and item.get("type") != "Results":
            continue  # Metadata, SpeechStarted, UtteranceEnd: no words
        results.append((pointer, validate(_RawLiveResult, item, source=source, root=pointer)))
    if not results:
        raise InputError(
            "expected Deepgram streaming messages with at least one of type 'Results'",
            source=source,
            pointer="",
        )
    last_final = max((i for i, (_, r) in enumerate(results) if r.is_final), default=-1)
    notes: list[Diagnostic] = []
    chosen = [(p, r) for p, r in results if r.is_final]
    skipped = sum(1 for _, r in results if not r.is_final)
    tail = [(p, r) for p, r in results[last_final + 1 :] if not r.is_final]
    if tail and any(r.channel.alternatives[0].words for _, r in tail[-1:]):
        # The stream ended before Deepgram finalised this audio: the last draft is all there is.
        chosen.append(tail[-1])
        skipped -= 1
        notes.append(
            Diagnostic(
                code="interim-result",
                source=source,
                pointer=tail[-1][0],
                message="the stream ends with an interim result no final result replaced; "
                "its words are kept and may be less accurate",
            )
        )
    if skipped:
        notes.append(
            Diagnostic(
                code="interim-skipped",
                source=source,
                severity="info",
                message=f"{skipped} interim results skipped (superseded by final results)",
            )
        )
    multichannel = any(
        r.channel_index and len(r.channel_index) > 1 and r.channel_index[1] > 1 for _, r in chosen
    )
    drafts: list[WordDraft] = []
    new_paragraph = True
    for pointer, result in chosen:
        channel = result.channel_index[0] if result.channel_index else 0
        for w, word in enumerate(result.channel.alternatives[0].words):
            drafts.append(
                _draft(
                    word,
                    channel,
                    multichannel,
                    f"{pointer}/channel/alternatives/0/words/{w}",
                    paragraph_start=new_paragraph and w == 0,
                )
            )
        if result.channel.alternatives[0].words:
            new_paragraph = result.speech_final
    names = {d.speaker: _speaker_name(d.speaker) for d in drafts if d.speaker is not None}
    request_ids = [r.metadata.request_id for _, r in chosen if r.metadata and r.metadata.request_id]
    metadata: dict[str, Any] = {"variant": "streaming"}
    if request_ids:
        metadata["request_id"] = request_ids[0]
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, names),
        metadata=metadata,
        diagnostics=notes,
    )


SPEC = ReaderSpec(
    name="deepgram",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Deepgram /v1/listen response (pre-recorded, or streaming Results messages)",
    schema=_RawDocument | _RawLiveResult | list[_RawLiveResult],
)
