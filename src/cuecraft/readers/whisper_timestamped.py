"""whisper-timestamped (linto-ai) JSON reader: ``segments[].words[]`` of ``{text, start, end,
confidence}``.

Shape (docs/vendor-formats.md, "whisper-timestamped"; sample
corpus/vendors/whisper-timestamped/short-4seg.json): ``{text, language, segments: [{start,
end, text, confidence, words: [{text, start, end, confidence}]}]}``; the tool's own output also
keeps Whisper's segment fields (``id``, ``seek``, ``tokens``...), which are not needed here.

Mapping: ``text`` (no leading space, punctuation attached) is the word, ``confidence`` its
confidence; each segment starts a paragraph; ``language`` is Whisper's code.
"""

from __future__ import annotations

from typing import Any

from cuecraft.columns import WordTable
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_whisper import is_whisper_timestamped as sniff
from cuecraft.readers._spec import (
    ReaderSpec,
    WordDraft,
    assemble_table,
    grouped_columns,
    table_from_columns,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import Confidence, RawModel, Seconds, Text

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    text: Text
    start: Seconds
    end: Seconds
    confidence: Confidence | None = None


class _RawSegment(RawModel):
    start: Seconds | None = None
    end: Seconds | None = None
    text: Text | None = None
    words: list[_RawWord] | None = None


class _RawDocument(RawModel):
    text: Text | None = None
    language: Text | None = None
    segments: list[_RawSegment]


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a whisper-timestamped result.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean result read column by column (no model object per word), as
    :mod:`cuecraft.readers.words` does; None for anything else, which :func:`read_careful`
    reads word by word and reports where."""
    grouped = grouped_columns(
        doc.get("segments"),
        "words",
        ("text", "start", "end"),
        ("confidence",),
        root="/segments",
        needs_key=False,
    )
    if grouped is None:
        return None
    shell = [{**segment, "words": None} for segment in grouped.groups]
    raw = valid_or_none(_RawDocument, {**doc, "segments": shell}, source=source)
    if raw is None:
        return None
    return table_from_columns(
        grouped.raw(confidences=grouped.columns[3]),
        source=source,
        reader=SPEC.name,
        language=language_code(raw.language),
    )


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a result the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    drafts = [
        WordDraft(
            text=word.text,
            start=word.start,
            end=word.end,
            confidence=word.confidence,
            pointer=f"/segments/{s}/words/{w}",
            paragraph_start=w == 0,
        )
        for s, segment in enumerate(raw.segments)
        for w, word in enumerate(segment.words or ())
    ]
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        language=language_code(raw.language),
    )


SPEC = ReaderSpec(
    name="whisper_timestamped",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="whisper-timestamped (linto-ai) JSON with word confidences",
    schema=_RawDocument,
)
