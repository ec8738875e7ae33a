"""Generic word-list reader: ``{"words": [{"text", "start", "end", "speaker"?, "confidence"?}]}``.

The simplest timed-word JSON, in seconds, for tools that have no vendor shape of their own;
it is also the format of the segmentation benchmark's ``*.words.json`` files (the shared
corpus, ``segmentation/ted_dev/``), which carry a ``meta`` object beside ``words``.

Mapping:

* ``text`` is kept as given (stripped); it may hold a space (``"me --"``) and then stays one
  word. ``start``/``end`` are seconds; ``confidence`` is 0..1 or ``null``.
* ``speaker`` is a label: it is both the speaker's id and its name. Speakers are listed in
  order of first appearance.
* ``language`` (a string), when present, becomes the transcript language unless the
  ``language=`` option is given. ``meta`` (or ``metadata``), when it is an object, is kept in
  ``SourceInfo.metadata["meta"]``. Other top-level keys are ignored by the reader, but the
  sniffer only claims documents without them (see :func:`sniff`).
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter
from types import ModuleType
from typing import Annotated, Any

from pydantic import ConfigDict, Field, JsonValue

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Speaker
from cuecraft.readers._shapes_whisper import is_words as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    check_unicode,
    interned,
    table_from_columns,
    utf8,
    valid_or_none,
    validate,
)
from cuecraft.readers._typed_words import decode_words
from cuecraft.readers._vendor import Confidence, RawModel, Seconds, SpeakerLabel, Text

__all__ = ["SPEC", "read", "read_bytes", "sniff"]


# Word texts are checked for lone surrogates by assemble(), once per word, with the pointer,
# so they are not Text (which checks them at validation).
_Text = Annotated[str, Field(strict=True)]


class _RawWord(RawModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    text: _Text
    start: Seconds
    end: Seconds
    speaker: SpeakerLabel | None = None
    confidence: Confidence | None = None


class _RawDocument(RawModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    words: list[_RawWord]
    language: Text | None = None
    # Free-form; kept only when it is an object (other top-level values are ignored).
    meta: Any = None
    metadata: Any = None


def read(doc: Any, *, source: str, strict: bool = True, language: str | None = None) -> WordTable:
    """Read a generic word list.

    Args:
        doc: the parsed JSON object.
        source: a label for messages (file name).
        strict: when False, repairable timing slips become diagnostics instead of errors.
        language: the transcript's language code (overrides a top-level ``language``).

    Raises:
        SchemaError: with the JSON pointer of every problem, e.g. ``/words/4/start``.
        InputError: for an empty transcript or a timing problem beyond the repair tolerance.

    Example:
        >>> t = read({"words": [{"text": "Hi.", "start": 0.5, "end": 0.75}]}, source="<json>")
        >>> t.starts[0], t.ends[0]
        (500, 750)
    """
    if not isinstance(doc, dict):
        raise SchemaError(
            [Problem("", f"expected a JSON object with 'words', got {type(doc).__name__}")],
            source=source,
        )
    fast = _read_columns(doc, source=source, language=language)
    if fast is not None:
        return fast
    raw = validate(_RawDocument, doc, source=source)
    labels = dict.fromkeys(word.speaker for word in raw.words if word.speaker is not None)
    drafts = [
        WordDraft(
            text=word.text,
            start=word.start,
            end=word.end,
            pointer=f"/words/{index}",
            confidence=word.confidence,
            speaker=word.speaker,
        )
        for index, word in enumerate(raw.words)
    ]
    return assemble_table(
        drafts,
        source=source,
        reader="words",
        strict=strict,
        speakers=[Speaker(id=label, name=label) for label in labels],
        language=language if language is not None else raw.language,
        metadata=_metadata(raw, source),
    )


def _metadata(raw: _RawDocument, source: str) -> dict[str, JsonValue] | None:
    """The first of ``meta`` and ``metadata`` that is an object, kept as ``{"meta": ...}``."""
    meta_key, meta = next(
        (
            (key, m)
            for key, m in (("meta", raw.meta), ("metadata", raw.metadata))
            if isinstance(m, dict)
        ),
        ("", None),
    )
    if meta is None:
        return None
    check_unicode(meta, source=source, pointer=f"/{meta_key}", max_int=2**63 - 1)
    return {"meta": meta}


def _word_columns(words: list[Any], kernel: ModuleType = COLUMN_KERNEL) -> list[list[Any]] | None:
    """The text, start, end, speaker and confidence of every word, when each word is an
    object with the first three (the last two None where absent); else None. ``kernel``:
    the :mod:`~cuecraft._column_kernel` to use where it is compiled."""
    if not words:
        return None
    if kernel.COMPILED:
        columns: list[list[Any]] | None = kernel.dict_columns(
            words, ("text", "start", "end"), ("speaker", "confidence")
        )
        return columns
    if set(map(type, words)) != {dict}:
        return None
    try:
        required = [list(map(itemgetter(key), words)) for key in ("text", "start", "end")]
    except KeyError:  # a field missing
        return None
    optional = [list(map(dict.get, words, repeat(key))) for key in ("speaker", "confidence")]
    return [*required, *optional]


def _read_columns(doc: dict[str, Any], *, source: str, language: str | None) -> WordTable | None:
    """The fast path: a clean word list read column by column, without a model object per
    word (``table_from_columns``). None when any word object is not plainly valid (a missing
    field, a string where a number belongs...): then :func:`read` validates word by word and
    says where."""
    words = doc.get("words")
    if not isinstance(words, list) or not words:
        return None
    columns = _word_columns(words)
    if columns is None:
        return None
    texts, starts, ends, labels, confidences = columns
    envelope = {key: value for key, value in doc.items() if key != "words"}
    return _table(texts, starts, ends, labels, confidences, envelope, source, language)


def read_bytes(data: bytes | str, *, source: str, language: str | None = None) -> WordTable | None:
    """:func:`read` straight from the JSON bytes of a clean word list, decoded into typed
    objects rather than a dict per word (:mod:`~cuecraft.readers._typed_words`); None when
    ``data`` is not one (or needs a repair), and the caller reads it the generic way."""
    columns = decode_words(data)
    if columns is None:
        return None
    return _table(
        columns.texts,
        columns.starts,
        columns.ends,
        columns.speakers,
        columns.confidences,
        columns.envelope,
        source,
        language,
    )


def _table(
    texts: list[Any],
    starts: list[Any],
    ends: list[Any],
    labels: list[Any],
    confidences: list[Any] | None,
    envelope: dict[str, Any],
    source: str,
    language: str | None,
) -> WordTable | None:
    """The table of a word list's columns and its other top-level fields (``envelope``);
    None when a word needs the careful path."""
    # A speaker label is a non-empty string (SpeakerLabel); the other checks are the column
    # pass's own. Checked on the distinct labels (a few), found in the pass that gives the
    # column one object per label (which the column pass takes as it is).
    try:
        speakers = interned(labels)
    except TypeError:  # a list where a label belongs: the careful path says where
        return None
    distinct = speakers.distinct
    if "" in distinct or not set(map(type, distinct)) <= {str, type(None)}:
        return None
    named = [label for label in distinct if label]
    if not utf8(named):  # a lone surrogate: the careful path says which word
        return None
    # The document's other fields as the careful path validates them (the words aside).
    raw = valid_or_none(_RawDocument, {**envelope, "words": []}, source=source)
    if raw is None:
        return None
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: f"/words/{index}",
            confidences=confidences,
            speakers=speakers,
        ),
        source=source,
        reader="words",
        speakers=[Speaker(id=label, name=label) for label in named],
        language=language if language is not None else raw.language,
        metadata=_metadata(raw, source),
    )


SPEC = ReaderSpec(
    name="words",
    kind="json",
    extensions=(".words.json", ".json"),
    sniff=sniff,
    read=read,
    read_bytes=read_bytes,
    description="generic word list JSON: {words: [{text, start, end, speaker?, confidence?}]}",
    options=("language",),
    schema=_RawDocument,
)
