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

from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Diagnostic, Highlight, Speaker, Transcript
from cuecraft.readers._shapes_cloud import is_amberscript as sniff
from cuecraft.readers._spec import ReaderSpec, WordDraft, assemble, validate
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


def read(doc: Any, *, source: str, strict: bool = True, language: str | None = None) -> Transcript:
    """Read an Amberscript ``export-json`` (or deprecated ``export?format=json``) document.

    Args:
        doc: the parsed JSON object.
        source: a label for messages (file name).
        strict: when False, repairable timing slips and unsupported highlights become
            diagnostics instead of errors.
        language: the transcript's language code; the export does not carry one.

    Returns:
        The transcript, with ``speakers`` in the export's order.

    Raises:
        SchemaError: with the JSON pointer of every problem, e.g. ``/segments/3/words/12/end``.
        InputError: for an empty transcript or a timing problem beyond the repair tolerance.

    Example:
        >>> t = read({"speakers": [{"spkid": "spk1", "name": "Ana"}], "segments": [
        ...     {"speaker": "spk1", "words": [{"text": "Hola.", "start": 1, "end": 1.5}]}]},
        ...     source="<json>")
        >>> t.words[0].start_ms, t.speaker_name(t.words[0].speaker)
        (1000, 'Ana')
    """
    if not isinstance(doc, dict):
        raise SchemaError(
            [Problem("", f"expected an Amberscript JSON object, got {type(doc).__name__}")],
            source=source,
        )
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
    metadata: dict[str, JsonValue] = {
        key: value
        for key, value in (("id", raw.id), ("recordId", raw.recordId), ("filename", raw.filename))
        if value is not None
    }
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
    kept = _kept_indices(drafts)
    highlights, highlight_notes = _highlights(
        raw.highlights, transcript, kept, offset_ms, source=source, strict=strict
    )
    return transcript.model_copy(
        update={
            "highlights": tuple(highlights),
            "diagnostics": (*transcript.diagnostics, *highlight_notes),
        }
    )


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


def _kept_indices(drafts: list[WordDraft]) -> list[int | None]:
    """Transcript word index of each vendor word (None for blank tokens assemble() skipped)."""
    indices: list[int | None] = []
    count = 0
    for draft in drafts:
        if draft.text.strip():
            indices.append(count)
            count += 1
        else:
            indices.append(None)
    return indices


def _highlights(
    elements: list[Any],
    transcript: Transcript,
    kept: list[int | None],
    offset_ms: int,
    *,
    source: str,
    strict: bool,
) -> tuple[list[Highlight], list[Diagnostic]]:
    highlights: list[Highlight] = []
    notes: list[Diagnostic] = []
    problems: list[Problem] = []
    for index, element in enumerate(elements):
        pointer = f"/highlights/{index}"
        try:
            span = _highlight_span(element, pointer, transcript, kept, offset_ms)
        except _Unsupported as exc:
            problems.append(Problem(exc.pointer, exc.message))
            notes.append(
                Diagnostic(
                    code="unsupported-highlight",
                    source=source,
                    pointer=exc.pointer,
                    message=f"{exc.message}; highlight dropped",
                )
            )
            continue
        if span is None:
            notes.append(
                Diagnostic(
                    code="empty-highlight",
                    source=source,
                    pointer=pointer,
                    message="highlight covers no word; dropped",
                )
            )
            continue
        first, stop = span
        label = element.get("label")
        color = element.get("color")
        highlights.append(Highlight(first=first, stop=stop, label=label, color=color))
    if problems and strict:
        raise SchemaError(problems, source=source)
    return highlights, notes


class _Unsupported(Exception):
    def __init__(self, pointer: str, message: str) -> None:
        self.pointer = pointer
        self.message = message
        super().__init__(message)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _highlight_span(
    element: Any, pointer: str, transcript: Transcript, kept: list[int | None], offset_ms: int
) -> tuple[int, int] | None:
    """The word span ``(first, stop)`` of one highlight element, None when it covers none."""
    if not isinstance(element, dict):
        raise _Unsupported(pointer, f"highlight must be an object, got {type(element).__name__}")
    for key in ("label", "color"):
        if element.get(key) is not None and not isinstance(element[key], str):
            raise _Unsupported(f"{pointer}/{key}", f"{key} must be a string")
    by_time = {"start", "end"} <= element.keys()
    by_index = {"first", "stop"} <= element.keys()
    if by_time == by_index:
        raise _Unsupported(
            pointer,
            "unsupported highlight shape (expected {start, end} in seconds "
            "or {first, stop} word indices)",
        )
    if by_time:
        for key in ("start", "end"):
            if not _is_number(element[key]) or not 0 <= element[key] <= 1e9:
                raise _Unsupported(f"{pointer}/{key}", f"{key} must be seconds in 0..1e9")
        start_ms = seconds_to_ms(element["start"]) + offset_ms
        end_ms = seconds_to_ms(element["end"]) + offset_ms
        if end_ms < start_ms:
            raise _Unsupported(f"{pointer}/end", "end is before start")
        inside = [
            index
            for index, word in enumerate(transcript.words)
            if start_ms <= word.start_ms and word.end_ms <= end_ms
        ]
        return (inside[0], inside[-1] + 1) if inside else None
    for key in ("first", "stop"):
        value = element[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= len(kept):
            raise _Unsupported(f"{pointer}/{key}", f"{key} must be a word index in 0..{len(kept)}")
    if element["stop"] < element["first"]:
        raise _Unsupported(f"{pointer}/stop", "stop is before first")
    mapped = [i for i in kept[element["first"] : element["stop"]] if i is not None]
    return (mapped[0], mapped[-1] + 1) if mapped else None


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
