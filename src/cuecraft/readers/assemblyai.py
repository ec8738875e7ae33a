"""AssemblyAI transcript reader (``GET /v2/transcript/{id}``): ``words[]`` in milliseconds.

Shape (docs/vendor-formats.md, "AssemblyAI"; samples corpus/vendors/assemblyai/): ``{id,
status, language_code, audio_url, text, words: [{text, start, end, confidence, speaker}],
utterances: [{start, end, speaker, text, words}] | null, ...feature fields}``.

Mapping: ``start``/``end`` are integer milliseconds; ``text`` carries its punctuation;
``confidence`` may be the int ``1``; ``speaker`` (``"A"``, ``"B"``..., named ``"Speaker A"``)
comes from the word, else from the utterance that contains the word's start; each utterance
starts a paragraph. ``utterances`` is ``null`` in real output even with ``speaker_labels``
(then the words' own speakers are all there is). A transcript whose ``status`` is not
``completed`` has no words and is refused with that status.
"""

from __future__ import annotations

import math
from typing import Any

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import InputError
from cuecraft.model import Speaker
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_cloud import is_assemblyai as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    distinct_values,
    table_from_columns,
    utf8,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import (
    Confidence,
    Milliseconds,
    RawModel,
    SpeakerLabel,
    Text,
    mark_paragraphs,
    paragraph_indices,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    text: Text
    start: Milliseconds
    end: Milliseconds
    confidence: Confidence | None = None
    speaker: SpeakerLabel | None = None


class _RawUtterance(RawModel):
    start: Milliseconds
    end: Milliseconds
    speaker: SpeakerLabel | None = None


class _RawDocument(RawModel):
    id: Text | None = None
    status: Text | None = None
    language_code: Text | None = None
    words: list[_RawWord] | None = None
    utterances: list[_RawUtterance] | None = None


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read an AssemblyAI transcript object.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for a transcript that is not completed, or times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean transcript read column by column (no model object per word),
    as :mod:`cuecraft.readers.words` does; None for anything else, which
    :func:`read_careful` reads word by word and reports where."""
    words = doc.get("words")
    if type(words) is not list or not words:
        return None
    columns = COLUMN_KERNEL.dict_columns(words, ("text", "start", "end"), ("confidence", "speaker"))
    if columns is None:
        return None
    texts, starts, ends, confidences, labels = columns
    distinct = distinct_values(labels)
    if distinct is None or not set(map(type, distinct)) <= {str, type(None)} or "" in distinct:
        return None
    named = [label for label in distinct if label is not None]
    if not utf8(named):  # a lone surrogate: the careful path says which word
        return None
    raw = valid_or_none(_RawDocument, {**doc, "words": []}, source=source)
    if raw is None or not set(map(type, starts)) <= {int, float}:
        return None
    paragraphs: list[int] = []
    if raw.utterances:
        if None in distinct or not all(map(math.isfinite, starts)):
            return None  # words whose speaker comes from their utterance: the careful path
        paragraphs = paragraph_indices(starts, (u.start for u in raw.utterances), unit="ms")
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: f"/words/{index}",
            unit="ms",
            confidences=confidences,
            speakers=labels,
            paragraph_starts=paragraphs,
        ),
        source=source,
        reader="assemblyai",
        speakers=[Speaker(id=label, name=f"Speaker {label}") for label in named],
        language=language_code(raw.language_code),
        metadata={"id": raw.id} if raw.id else {},
    )


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a transcript the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    if raw.words is None:
        state = raw.status or "unknown"
        raise InputError(
            f"the transcript has no words (status {state!r}; only 'completed' ones do)",
            source=source,
            pointer="/words",
        )
    utterances = sorted(raw.utterances or (), key=lambda u: u.start)
    drafts: list[WordDraft] = []
    cursor = 0
    for index, word in enumerate(raw.words):
        speaker = word.speaker
        if speaker is None and utterances:
            while cursor + 1 < len(utterances) and utterances[cursor + 1].start <= word.start:
                cursor += 1
            around = utterances[cursor]
            if around.start <= word.start <= around.end:
                speaker = around.speaker
        drafts.append(
            WordDraft(
                text=word.text,
                start=word.start,
                end=word.end,
                confidence=word.confidence,
                speaker=speaker,
                pointer=f"/words/{index}",
                unit="ms",
            )
        )
    if utterances:
        mark_paragraphs(drafts, (u.start for u in utterances), unit="ms")
    names = {d.speaker: f"Speaker {d.speaker}" for d in drafts if d.speaker is not None}
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, names),
        language=language_code(raw.language_code),
        metadata={"id": raw.id} if raw.id else {},
    )


SPEC = ReaderSpec(
    name="assemblyai",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="AssemblyAI transcript (GET /v2/transcript/{id})",
    schema=_RawDocument,
)
