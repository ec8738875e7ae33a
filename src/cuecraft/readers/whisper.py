"""OpenAI Whisper JSON reader: the local ``whisper`` CLI/Python result, the OpenAI API's
``verbose_json`` with word timestamps, and faster-whisper dumps.

Shapes (docs/vendor-formats.md, "OpenAI Whisper"):

* local Whisper (``word_timestamps=True``, ``--output_format json``) and faster-whisper dumped
  the same way: ``{text, language, segments: [{start, end, text, words: [{word, start, end,
  probability}]}]}``; word texts carry a leading space and attached punctuation (``" Jane?"``);
* faster-whisper dumped as a bare list of segments (``[asdict(s) for s in segments]``), and
  pre-1.1 dumps via ``segment._asdict()`` whose words are arrays ``[start, end, word,
  probability]``;
* the OpenAI API ``verbose_json`` + ``timestamp_granularities=["word"]``: a top-level
  ``words: [{word, start, end}]`` without punctuation and without probability, beside the
  full ``text`` and ``language`` as a name (``"english"``).
* output without word timestamps (segments only, issue #9) and whisper.cpp's own
  ``-oj``/``-ojf`` JSON (``transcription[]`` with ``offsets``): see ``_whisper_segments``.
  Segment-only words are spread over their segment by length in lenient mode only.

Mapping: the leading space is stripped; each segment starts a paragraph; in a segment whose
entries mark word starts with a leading space, an entry without one is the rest of the word
before it and is glued to it (whisper.cpp's ``verbose_json`` lists tokens: ``" don"``,
``"'t"``, ``"."``), its end and the lower confidence kept; ``probability`` is the
confidence. API words get their punctuation back from ``text`` when the word is found there
in order (``"Hello"`` + ``"Hello, world."`` gives ``"Hello,"``); a word that is not found stays
bare. API language names become Whisper's codes (``"english"`` -> ``"en"``).

A clean local result, segment list or API document is read column by column (issue #12); the
rest (whisper.cpp, array words, segments without word timestamps, anything to repair or
refuse) word by word, by :func:`read_careful`, which the fast path mirrors.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, TypeAdapter

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import InputError
from cuecraft.model import Diagnostic
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_whisper import is_array_word, is_whisper_cpp, sample_words
from cuecraft.readers._shapes_whisper import is_whisper as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    grouped_columns,
    table_from_columns,
    utf8,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import Confidence, RawModel, Seconds, Text, merge
from cuecraft.readers._whisper_columns import glue, glued_entries, unglued_index
from cuecraft.readers._whisper_segments import (
    WHISPER_HINT,
    RawCpp,
    refuse_or_note,
    segment_words,
    whisper_cpp_drafts,
)

__all__ = ["SPEC", "read", "sniff"]

_MAX_GAP = 64
"""Characters of spaces and punctuation allowed between two API words in ``text``."""


class _RawWord(RawModel):
    word: Text
    start: Seconds
    end: Seconds
    probability: Confidence | None = None


_ArrayWord = tuple[Seconds, Seconds, Text, Confidence | None]
"""faster-whisper < 1.1 ``Word`` NamedTuple dumped by ``json``: ``[start, end, word, p]``."""


class _RawSegment(RawModel):
    start: Seconds | None = None
    end: Seconds | None = None
    text: Text | None = None
    words: list[_RawWord] | None = None


class _RawArraySegment(RawModel):
    start: Seconds | None = None
    end: Seconds | None = None
    text: Text | None = None
    words: list[_ArrayWord] | None = None


class _RawLocal(RawModel):
    text: Text | None = None
    language: Text | None = None
    segments: list[_RawSegment]


class _RawArrayLocal(RawModel):
    text: Text | None = None
    language: Text | None = None
    segments: list[_RawArraySegment]


class _RawApi(RawModel):
    task: Text | None = None
    language: Text | None = None
    duration: Seconds | None = None
    text: Text | None = None
    words: list[_RawWord]


_SEGMENT_LIST = TypeAdapter(list[_RawSegment])
_ARRAY_SEGMENT_LIST = TypeAdapter(list[_RawArraySegment])


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read any of the Whisper shapes (local, faster-whisper dump, API verbose_json).

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: when there are no word timestamps, or for times out of order.
    """
    fast = _read_columns(doc, source=source)
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a document the fast path leaves)."""
    if isinstance(doc, dict) and isinstance(doc.get("words"), list):
        return _read_api(doc, source=source, strict=strict)
    if is_whisper_cpp(doc):
        return _read_cpp(doc, source=source, strict=strict)
    array_words = all(is_array_word(w) for w in sample_words(_segment_items(doc)) or [None])
    drafts: list[WordDraft] = []
    language: str | None = None
    metadata: dict[str, Any] = {}
    if isinstance(doc, list):
        adapter = _ARRAY_SEGMENT_LIST if array_words else _SEGMENT_LIST
        segments: list[Any] = validate(adapter, doc, source=source)
        prefix = ""
        metadata["variant"] = "segment-list"
    else:
        # Anything but an object fails here, as a schema error at the root.
        shape: type[BaseModel] = _RawArrayLocal if array_words else _RawLocal
        raw: Any = validate(shape, doc, source=source)
        segments, language, prefix = raw.segments, raw.language, "/segments"
        metadata["variant"] = "local"
    glued = 0
    spread_segments = spread_words = 0
    timed = False
    for s, segment in enumerate(segments):
        if not segment.words:
            # No word timestamps in this segment: its text's words are spread over it.
            words = _spread_segment(segment, f"{prefix}/{s}", source)
            spread_segments += bool(words)
            spread_words += len(words)
            drafts.extend(words)
            continue
        timed = True
        items = [
            word if isinstance(word, tuple) else (word.start, word.end, word.word, word.probability)
            for word in segment.words
        ]
        spaced = _marks_words_with_spaces([text for _, _, text, _ in items])
        for w, (start, end, text, probability) in enumerate(items):
            draft = WordDraft(
                text=text.strip(),
                start=start,
                end=end,
                confidence=probability,
                pointer=f"{prefix}/{s}/words/{w}",
                paragraph_start=w == 0,
            )
            if spaced and w > 0 and text[:1].strip() and draft.text:
                merge(drafts[-1], draft)
                glued += 1
            else:
                drafts.append(draft)
    if glued:
        metadata["glued_tokens"] = glued
    notes: list[Diagnostic] = []
    if spread_words:
        # Segments only: strict mode refuses (issue #9). A few untimed segments among timed
        # ones are spread in both modes, so that no text is dropped.
        notes.append(
            refuse_or_note(
                strict=strict and not timed,
                source=source,
                pointer=prefix,
                hint=WHISPER_HINT,
                segments=spread_segments,
                words=spread_words,
            )
        )
        metadata["interpolated_words"] = spread_words
    if not drafts:
        raise InputError(
            f"no words: the segments hold no text and no word timestamps ({WHISPER_HINT})",
            source=source,
            pointer=prefix,
        )
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        language=language_code(language),
        metadata=metadata,
        diagnostics=notes,
        time_fields=("start", "end") if not array_words else ("0", "1"),
    )


def _spread_segment(segment: Any, pointer: str, source: str) -> list[WordDraft]:
    text = segment.text or ""
    if not text.strip():
        return []
    if segment.start is None or segment.end is None:
        raise InputError(
            "a segment without word timestamps needs its start and end",
            source=source,
            pointer=f"{pointer}/{'start' if segment.start is None else 'end'}",
        )
    return segment_words(text, segment.start, segment.end, pointer=pointer)


def _read_cpp(doc: Any, *, source: str, strict: bool) -> WordTable:
    raw = validate(RawCpp, doc, source=source)
    drafts, notes, glued = whisper_cpp_drafts(raw, source=source, strict=strict)
    metadata: dict[str, Any] = {"variant": "whisper.cpp"}
    if glued:
        metadata["glued_tokens"] = glued
    if not drafts:
        raise InputError("the transcript has no words", source=source, pointer="/transcription")
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        language=language_code(raw.result.language if raw.result else None),
        metadata=metadata,
        diagnostics=notes,
        time_fields=("offsets/from", "offsets/to"),
    )


def _marks_words_with_spaces(texts: list[str]) -> bool:
    """Do these entries mark the start of a word with a leading space?

    OpenAI Whisper and faster-whisper give whole words, each with its leading space.
    whisper.cpp gives tokens: ``" that"``, ``"'s"``, ``" don"``, ``"'t"``, ``"."``, where only
    a token that starts a word has the space, so the others belong to the word before. Scripts
    written without spaces (Chinese, Japanese) have no such marks and are left as they are.
    """
    words = [text for text in texts[1:] if text.strip()]
    return bool(words) and 2 * sum(1 for text in words if text[:1].isspace()) >= len(words)


def _segment_items(doc: Any) -> Any:
    return doc if isinstance(doc, list) else doc.get("segments") if isinstance(doc, dict) else None


def _read_api(doc: dict[str, Any], *, source: str, strict: bool) -> WordTable:
    raw = validate(_RawApi, doc, source=source)
    texts = [word.word.strip() for word in raw.words]
    if raw.text:
        texts = restore_punctuation(texts, raw.text)
    drafts = [
        WordDraft(
            text=text,
            start=word.start,
            end=word.end,
            confidence=word.probability,
            pointer=f"/words/{index}",
        )
        for index, (word, text) in enumerate(zip(raw.words, texts, strict=True))
    ]
    metadata: dict[str, Any] = {"variant": "openai-api"}
    if raw.task:
        metadata["task"] = raw.task
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        language=language_code(raw.language),
        metadata=metadata,
    )


def _read_columns(doc: Any, *, source: str) -> WordTable | None:
    """The fast path: a clean document of the common shapes (local Whisper or a faster-whisper
    segment list, words as objects; the API's top-level words) read column by column, without
    a model object per word, as :mod:`cuecraft.readers.words` does. None for anything else
    (whisper.cpp, array words, segments without word timestamps, any field not plainly
    valid), which :func:`read_careful` reads word by word and reports where."""
    # The careful path's dispatch, in its order.
    if isinstance(doc, dict) and isinstance(doc.get("words"), list):
        return _api_columns(doc, source=source)
    if isinstance(doc, list):
        return _segment_columns(doc, None, source=source)
    if isinstance(doc, dict) and not is_whisper_cpp(doc):
        return _segment_columns(doc.get("segments"), doc, source=source)
    return None


_WORD_FIELDS = ("word", "start", "end", "probability")
"""A word's fields as the fast path reads them: the three it needs, then the optional one."""


def _segment_columns(segments: Any, doc: dict[str, Any] | None, *, source: str) -> WordTable | None:
    """Local Whisper (``doc``, its ``segments``) or a bare segment list (``doc`` None)."""
    grouped = grouped_columns(
        segments,
        "words",
        _WORD_FIELDS[:3],
        _WORD_FIELDS[3:],
        root="" if doc is None else "/segments",
        needs_key=False,
    )
    if grouped is None:
        return None
    # A segment without words has its text spread over it (or refused): careful path only.
    for segment in grouped.groups:
        text = segment.get("text")
        if not segment.get("words") and isinstance(text, str) and text.strip():
            return None
    shell = [{**segment, "words": None} for segment in grouped.groups]
    # The segments' and the document's other fields as the careful path validates them
    # (a bare list's segments have the same model as a local result's).
    raw = valid_or_none(
        _RawLocal, {"segments": shell} if doc is None else {**doc, "segments": shell}, source=source
    )
    columns, firsts, texts = grouped.columns, grouped.firsts, grouped.columns[0]
    # Every entry a non-blank string: the careful path skips a blank one with a note.
    if raw is None or set(map(type, texts)) != {str} or not all(map(str.strip, texts)):
        return None
    metadata: dict[str, Any] = {"variant": "segment-list" if doc is None else "local"}
    glued = glued_entries(texts, firsts, grouped.group_of)
    if glued:
        merged = glue(columns, firsts, glued)
        if merged is None:
            return None
        columns, firsts = merged
        metadata["glued_tokens"] = len(glued)
    texts, starts, ends, probabilities = columns
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: grouped.pointer(unglued_index(index, glued)),
            confidences=probabilities,
            paragraph_starts=firsts,
        ),
        source=source,
        reader=SPEC.name,
        language=language_code(None if doc is None else raw.language),
        metadata=metadata,
    )


def _api_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The API's ``verbose_json``: top-level words, punctuation restored from ``text``."""
    found = COLUMN_KERNEL.dict_columns(doc["words"], _WORD_FIELDS[:3], _WORD_FIELDS[3:])
    if found is None:
        return None
    words, starts, ends, probabilities = found
    raw = valid_or_none(_RawApi, {**doc, "words": []}, source=source)
    if raw is None or set(map(type, words)) != {str}:
        return None
    texts = list(map(str.strip, words))
    # A blank word is skipped with a note, and one that is not valid Unicode refused.
    if not all(texts) or not utf8(texts):
        return None
    if raw.text:
        texts = restore_punctuation(texts, raw.text)
    metadata: dict[str, Any] = {"variant": "openai-api"}
    if raw.task:
        metadata["task"] = raw.task
    return table_from_columns(
        RawColumns(
            texts, starts, ends, pointer=lambda index: f"/words/{index}", confidences=probabilities
        ),
        source=source,
        reader=SPEC.name,
        language=language_code(raw.language),
        metadata=metadata,
    )


def restore_punctuation(words: list[str], text: str) -> list[str]:
    """Each word widened to its whitespace-delimited token in ``text`` (punctuation included).

    Words are searched in order, case-insensitively. Between the previous match and this one
    only spaces and punctuation may lie; otherwise the word is not where it should be and is
    kept as given (the search does not move on, so one miss cannot shift the others).
    """
    restored: list[str] = []
    position = 0
    for word in words:
        if not word:
            restored.append(word)
            continue
        # Only a short stretch of spaces and marks may precede the word, so the search
        # window is bounded (a long text never makes this quadratic).
        window = position + len(word) + _MAX_GAP
        match = re.compile(re.escape(word), re.IGNORECASE).search(text, position, window)
        if match is None or any(ch.isalnum() for ch in text[position : match.start()]):
            restored.append(word)
            continue
        first, stop = match.start(), match.end()
        while first > position and _is_mark(text[first - 1]):
            first -= 1
        while stop < len(text) and _is_mark(text[stop]):
            stop += 1
        restored.append(text[first:stop])
        position = stop
    return restored


def _is_mark(char: str) -> bool:
    return not char.isspace() and not char.isalnum()


SPEC = ReaderSpec(
    name="whisper",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="OpenAI Whisper JSON (local, faster-whisper dump, API verbose_json with words)",
    schema=_RawLocal | _RawArrayLocal | _RawApi | list[_RawSegment] | list[_RawArraySegment],
)
