"""Amberscript JSON reader: ``segments[].words[]`` with a ``speakers[]`` table.

Spec: the Amberscript API documentation (seeds ``000_*.txt`` and ``001_*.txt``,
``GET /jobs/export-json``), checked against three real exports (``docs/vendor-formats.md``,
section Amberscript). The deprecated ``GET /jobs/export?format=json`` shape (seed 001) is read
too: it lacks ``filename``, ``startTimeOffset``, ``pristine`` and ``highlights``, and sends
``null`` for ``duration`` and ``conf``.

Mapping:

* ``speakers[]`` -> :class:`~cuecraft.model.Speaker` (``spkid`` is the id, ``name`` the name).
  Speakers listed but never used are kept; a segment speaker that is not listed becomes a
  speaker named by its id, with a diagnostic.
* a segment is a paragraph, not a turn: its first word gets ``paragraph_start``. Consecutive
  segments of the same speaker form one turn (``Transcript.turns()`` derives turns from
  speaker changes).
* ``start``/``end`` are seconds (JSON ints when whole); ``startTimeOffset`` (>= 0) is added to
  every time. ``conf`` may be ``null`` or an int; ``pristine`` is kept as is.
* ``duration`` is redundant (``end - start`` with float32 noise such as ``0.48000002``): it
  must be a finite number or ``null``, and only a difference of more than
  ``DURATION_TOLERANCE_S`` from ``end - start`` is reported, as an ``info`` diagnostic.
* ``id``, ``recordId`` and ``filename`` go to ``SourceInfo.metadata``. The export has no
  language: pass ``language="es"`` to :func:`read` (``cuecraft.load(..., language="es")``).

Highlights: their element shape is undocumented and every real export has ``[]``. Two
plausible shapes are accepted, each optionally with string ``label`` and ``color``:

* ``{"start": s, "end": s}``: seconds on the words' time base (``startTimeOffset`` is added);
  the highlight covers the words lying entirely inside ``[start, end]``;
* ``{"first": i, "stop": j}``: the half-open span of word indices, counted over all words of
  the export in document order (``segments`` flattened).

Any other element (or one with invalid values) is a ``SchemaError`` with its pointer in strict
mode, and is dropped with an ``unsupported-highlight`` diagnostic when ``strict=False``. A
valid highlight that covers no word is dropped with an ``empty-highlight`` diagnostic.
"""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import ConfigDict, Field, JsonValue

from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Diagnostic, Speaker, Transcript
from cuecraft.readers._amberscript_highlights import highlights, kept_indices
from cuecraft.readers._shapes_cloud import is_amberscript as sniff
from cuecraft.readers._spec import (
    ReaderSpec,
    WordDraft,
    assemble,
    distinct_values,
    grouped_columns,
    table_from_columns,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import Confidence as _Confidence
from cuecraft.readers._vendor import Number as _Number
from cuecraft.readers._vendor import RawModel
from cuecraft.readers._vendor import Seconds as _Seconds
from cuecraft.readers._vendor import SpeakerLabel as _Id
from cuecraft.readers._vendor import Text as _Text
from cuecraft.timing import seconds_to_ms

__all__ = ["DURATION_TOLERANCE_S", "SPEC", "read", "sniff"]

DURATION_TOLERANCE_S = 0.05
"""A ``duration`` further than this from ``end - start`` gets an ``info`` diagnostic."""


_VENDOR = ConfigDict(extra="ignore", frozen=True)  # unknown vendor fields are tolerated


class _RawWord(RawModel):
    model_config = _VENDOR

    text: _Text
    start: _Seconds
    end: _Seconds
    duration: _Number | None = None
    conf: _Confidence | None = None
    pristine: Annotated[bool, Field(strict=True)] | None = None


class _RawSegment(RawModel):
    model_config = _VENDOR

    speaker: _Id | None = None
    words: list[_RawWord]


class _RawSpeaker(RawModel):
    model_config = _VENDOR

    spkid: _Id
    name: _Text


class _RawDocument(RawModel):
    model_config = _VENDOR

    id: _Text | None = None
    recordId: _Text | None = None  # the vendor's field name
    filename: _Text | None = None
    startTimeOffset: _Seconds = 0.0  # the vendor's field name
    speakers: list[_RawSpeaker]
    segments: list[_RawSegment]
    highlights: list[Any] | None = None


def read(doc: Any, *, source: str, strict: bool = True, language: str | None = None) -> WordTable:
    """Read an Amberscript ``export-json`` (or deprecated ``export?format=json``) document.

    Args:
        doc: the parsed JSON object.
        source: a label for messages (file name).
        strict: when False, repairable timing slips and unsupported highlights become
            diagnostics instead of errors.
        language: the transcript's language code; the export does not carry one.

    Returns:
        The words as columns (``.transcript()`` gives the model), with ``speakers`` in the
        export's order.

    Raises:
        SchemaError: with the JSON pointer of every problem, e.g. ``/segments/3/words/12/end``.
        InputError: for an empty transcript or a timing problem beyond the repair tolerance.

    Example:
        >>> t = read({"speakers": [{"spkid": "spk1", "name": "Ana"}], "segments": [
        ...     {"speaker": "spk1", "words": [{"text": "Hola.", "start": 1, "end": 1.5}]}]},
        ...     source="<json>").transcript()
        >>> t.words[0].start_ms, t.speaker_name(t.words[0].speaker)
        (1000, 'Ana')
    """
    if not isinstance(doc, dict):
        raise SchemaError(
            [Problem("", f"expected an Amberscript JSON object, got {type(doc).__name__}")],
            source=source,
        )
    fast = _read_columns(doc, source=source, language=language)
    if fast is not None:
        return fast
    careful = read_careful(doc, source=source, strict=strict, language=language)
    return WordTable.from_transcript(careful)  # one return type, as the loader builds anyway


def read_careful(
    doc: dict[str, Any], *, source: str, strict: bool = True, language: str | None = None
) -> Transcript:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads an export the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    offset_ms = seconds_to_ms(raw.startTimeOffset)
    speakers = _speakers(raw, source)
    notes: list[Diagnostic] = []
    drafts: list[WordDraft] = []
    for s, segment in enumerate(raw.segments):
        paragraph = True
        for w, word in enumerate(segment.words):
            pointer = f"/segments/{s}/words/{w}"
            drafts.append(
                WordDraft(
                    text=word.text,
                    start=word.start,
                    end=word.end,
                    pointer=pointer,
                    confidence=word.conf,
                    speaker=segment.speaker,
                    pristine=word.pristine,
                    paragraph_start=paragraph and bool(word.text.strip()),
                )
            )
            paragraph = paragraph and not word.text.strip()
            if (
                word.duration is not None
                and abs(word.duration - (word.end - word.start)) > DURATION_TOLERANCE_S
            ):
                notes.append(
                    Diagnostic(
                        code="duration-mismatch",
                        source=source,
                        pointer=f"{pointer}/duration",
                        severity="info",
                        message=f"duration {word.duration:g} s differs from end - start "
                        f"{word.end - word.start:g} s; ignored",
                    )
                )
    metadata = _metadata(raw)
    # Highlights need the final word times, so read the words first without them.
    transcript = assemble(
        drafts,
        source=source,
        reader="amberscript",
        strict=strict,
        speakers=speakers,
        language=language,
        metadata=metadata,
        diagnostics=notes,
        start_offset_ms=offset_ms,
    )
    if not raw.highlights:
        return transcript
    kept = kept_indices(drafts)
    found, highlight_notes = highlights(
        raw.highlights, transcript, kept, offset_ms, source=source, strict=strict
    )
    return transcript.model_copy(
        update={
            "highlights": tuple(found),
            "diagnostics": (*transcript.diagnostics, *highlight_notes),
        }
    )


def _read_columns(doc: dict[str, Any], *, source: str, language: str | None) -> WordTable | None:
    """The fast path: a clean export read column by column, without a model object per word
    (``table_from_columns``), as :mod:`cuecraft.readers.words` does. None when any word or
    segment is not plainly valid, a duration is off, or there are highlights: then
    :func:`read` validates word by word and says where."""
    grouped = grouped_columns(
        doc.get("segments"),
        "words",
        _WORD_FIELDS[:3],
        _WORD_FIELDS[3:],
        root="/segments",
        needs_key=True,
    )
    if grouped is None:
        return None
    columns, segments = grouped.columns, grouped.groups
    _, starts, ends, durations, confidences, pristine = columns
    if not _durations_agree(durations, starts, ends):
        return None
    # The export's other fields as the careful path validates them (the words aside).
    raw = valid_or_none(_RawDocument, {**doc, "segments": []}, source=source)
    if raw is None or raw.highlights or len({s.spkid for s in raw.speakers}) < len(raw.speakers):
        return None  # the careful path reads highlights, and reports a speaker listed twice
    speakers = _speakers(raw, source)
    # Every segment's speaker, words or not, is one the table lists (or none): the careful
    # path decides about the others.
    distinct = distinct_values([segment.get("speaker") for segment in segments])
    if distinct is None or not set(distinct) <= {speaker.id for speaker in speakers} | {None}:
        return None
    return table_from_columns(
        grouped.raw(
            confidences=confidences, speakers=grouped.per_word("speaker"), pristine=pristine
        ),
        source=source,
        reader="amberscript",
        speakers=speakers,
        language=language,
        metadata=_metadata(raw),
        start_offset_ms=seconds_to_ms(raw.startTimeOffset),
    )


_WORD_FIELDS = ("text", "start", "end", "duration", "conf", "pristine")
"""A word's fields as the fast path reads them: the three it needs, then the optional ones."""


def _durations_agree(durations: list[Any], starts: list[Any], ends: list[Any]) -> bool:
    """Whether every given duration is a plain number within the tolerance of ``end -
    start`` (the careful path reports the others), judged only where the times are plain."""
    for duration, start, end in zip(durations, starts, ends, strict=True):
        if duration is None:
            continue
        if type(duration) not in (int, float) or not math.isfinite(duration):
            return False
        if type(start) not in (int, float) or type(end) not in (int, float):
            return False
        try:
            if abs(duration - (end - start)) > DURATION_TOLERANCE_S:
                return False
        except OverflowError:  # an integer too large for a float: the careful path says where
            return False
    return True


def _metadata(raw: _RawDocument) -> dict[str, JsonValue]:
    """``id``, ``recordId`` and ``filename``, where the export has them."""
    return {
        key: value
        for key, value in (("id", raw.id), ("recordId", raw.recordId), ("filename", raw.filename))
        if value is not None
    }


def _speakers(raw: _RawDocument, source: str) -> list[Speaker]:
    seen: dict[str, int] = {}
    problems: list[Problem] = []
    for index, speaker in enumerate(raw.speakers):
        if speaker.spkid in seen:
            problems.append(
                Problem(
                    f"/speakers/{index}/spkid",
                    f"speaker id {speaker.spkid!r} is already listed at /speakers/"
                    f"{seen[speaker.spkid]}",
                )
            )
        seen.setdefault(speaker.spkid, index)
    if problems:
        raise SchemaError(problems, source=source)
    return [Speaker(id=speaker.spkid, name=speaker.name) for speaker in raw.speakers]


SPEC = ReaderSpec(
    name="amberscript",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Amberscript export-json (and the deprecated export?format=json)",
    options=("language",),
    schema=_RawDocument,
)
