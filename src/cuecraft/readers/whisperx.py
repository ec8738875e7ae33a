"""WhisperX JSON reader: aligned ``segments[].words[]`` with scores and diarized speakers.

Shape (docs/vendor-formats.md, "WhisperX"): ``{segments: [{start, end, text, speaker?,
words: [{word, start, end, score, speaker?}]}], word_segments: [...], language}``.

Mapping: words are read from ``segments[].words`` (``word_segments`` is a flat copy of the
same words and is only used when no segment carries words). ``score`` is the confidence;
``speaker`` (``"SPEAKER_00"``) comes from the word, else from its segment; speakers keep
WhisperX's labels as ids and names. Each segment starts a paragraph.

Quirk: the aligner cannot place tokens without letters in its dictionary (``"2014."``,
``"£13.60"``): such words have no ``start``/``end``/``score`` (m-bain/whisperX#253, #559).
They are kept, with times interpolated between their neighbours and a diagnostic each.
"""

from __future__ import annotations

from typing import Any

from cuecraft.columns import WordTable
from cuecraft.errors import InputError
from cuecraft.model import Speaker
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_whisper import is_whisperx as sniff
from cuecraft.readers._spec import (
    ReaderSpec,
    WordDraft,
    assemble_table,
    distinct_values,
    grouped_columns,
    table_from_columns,
    utf8,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import (
    Confidence,
    RawModel,
    Seconds,
    Slot,
    SpeakerLabel,
    Text,
    interpolate,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    word: Text
    start: Seconds | None = None
    end: Seconds | None = None
    score: Confidence | None = None
    speaker: SpeakerLabel | None = None


class _RawSegment(RawModel):
    start: Seconds | None = None
    end: Seconds | None = None
    text: Text | None = None
    speaker: SpeakerLabel | None = None
    words: list[_RawWord] | None = None


class _RawDocument(RawModel):
    segments: list[_RawSegment]
    word_segments: list[_RawWord] | None = None
    language: Text | None = None


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a WhisperX result.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: when there are no words at all, or for times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean result whose words are all aligned, read column by column (no
    model object per word), as :mod:`cuecraft.readers.words` does; None for anything else
    (an unaligned word, words only in ``word_segments``...), which :func:`read_careful`
    reads word by word and reports where."""
    grouped = grouped_columns(
        doc.get("segments"),
        "words",
        _WORD_FIELDS[:3],
        _WORD_FIELDS[3:],
        root="/segments",
        needs_key=False,
    )
    if grouped is None:
        return None
    columns, segments = grouped.columns, grouped.groups
    segment_speakers = grouped.per_word("speaker")
    texts, _, _, scores, word_speakers = columns
    if not texts:
        return None
    # word_segments is a flat copy of the same words in real output: then it is as valid as
    # they are. Anything else the careful path validates and reports.
    copy = doc.get("word_segments")
    flat = [item for segment in segments for item in segment.get("words") or ()]
    if copy is not None and copy != [] and copy != flat:
        return None
    shell = [{**segment, "words": None} for segment in segments]
    raw = valid_or_none(
        _RawDocument, {**doc, "segments": shell, "word_segments": None}, source=source
    )
    labels = [
        own if own is not None else around
        for own, around in zip(word_speakers, segment_speakers, strict=True)
    ]
    distinct = distinct_values(labels)
    if raw is None or distinct is None or "" in distinct:
        return None
    if not set(map(type, distinct)) <= {str, type(None)} or not utf8(
        [label for label in distinct if label]
    ):
        return None
    return table_from_columns(
        grouped.raw(confidences=scores, speakers=labels),
        source=source,
        reader="whisperx",
        speakers=[Speaker(id=label, name=label) for label in distinct if label is not None],
        language=language_code(raw.language),
    )


_WORD_FIELDS = ("word", "start", "end", "score", "speaker")
"""A word's fields as the fast path reads them: the three it needs, then the optional ones."""


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a result the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    # (word, segment or None, pointer, first word of its segment)
    entries: list[tuple[_RawWord, _RawSegment | None, str, bool]] = [
        (word, segment, f"/segments/{s}/words/{w}", w == 0)
        for s, segment in enumerate(raw.segments)
        for w, word in enumerate(segment.words or ())
    ]
    if not entries and raw.word_segments:
        entries = [
            (word, None, f"/word_segments/{w}", w == 0) for w, word in enumerate(raw.word_segments)
        ]
    if not entries:
        raise InputError(
            "no words: run WhisperX with alignment (word-level timestamps), or read the "
            "segments with format=whisper and strict=False, which spreads word times over them",
            source=source,
            pointer="/segments",
        )
    slots = [
        Slot(
            start=word.start,
            end=word.end,
            pointer=pointer,
            lower=segment.start if segment else None,
            upper=segment.end if segment else None,
        )
        for word, segment, pointer, _ in entries
    ]
    notes = interpolate(
        slots, source=source, why="the aligner gave this word no timestamps (digits, symbols)"
    )
    drafts = [
        WordDraft(
            text=word.word,
            start=slot.start if slot.start is not None else 0.0,
            end=slot.end if slot.end is not None else 0.0,
            confidence=word.score,
            speaker=word.speaker or (segment.speaker if segment else None),
            pointer=pointer,
            paragraph_start=first,
        )
        for (word, segment, pointer, first), slot in zip(entries, slots, strict=True)
    ]
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, {}),
        language=language_code(raw.language),
        diagnostics=notes,
    )


SPEC = ReaderSpec(
    name="whisperx",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="WhisperX JSON (aligned words with scores, diarized speakers)",
    schema=_RawDocument,
)
