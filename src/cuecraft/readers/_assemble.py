"""Where raw vendor words become validated columns: the sloppiness policy of
:mod:`cuecraft.readers._spec`, applied word by word (:func:`assemble_table`). For a clean
document, :mod:`cuecraft.readers._column_pass` gives the same columns faster; both end with
:func:`finish_table`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from types import ModuleType
from typing import Any, Literal, NamedTuple

import msgspec

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import InputError, ModelError
from cuecraft.model import Diagnostic, Highlight, SourceInfo, Speaker, Transcript
from cuecraft.readers._values import check_string, check_unicode, shown
from cuecraft.timing import seconds_to_ms

__all__ = [
    "MAX_SECONDS",
    "PLAIN_LIMIT",
    "REPAIR_TOLERANCE_MS",
    "Interned",
    "WordDraft",
    "assemble",
    "assemble_table",
    "finish_table",
    "interned",
]

REPAIR_TOLERANCE_MS = 100
"""Largest timing slip (ms) that strict mode still repairs, with a warning."""

MAX_SECONDS = 1e9
"""Times beyond this (about 31 years) are refused rather than overflowing."""
# Largest value of each unit that needs no check beyond being a non-negative number.
PLAIN_LIMIT = {"s": MAX_SECONDS, "ms": MAX_SECONDS * 1000.0}


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class WordDraft(msgspec.Struct):
    """A vendor word before validation: times in seconds or ms, and where it came from."""

    text: str
    start: float
    end: float
    pointer: str
    confidence: float | None = None
    speaker: str | None = None
    pristine: bool | None = None
    paragraph_start: bool = False
    unit: Literal["s", "ms"] = "s"
    confidence_field: str = "confidence"
    text_field: str = "text"


class Interned(NamedTuple):
    """A column with one object per distinct value (each value is the first equal one in the
    column), and those values in order of first appearance."""

    values: list[Any]
    distinct: list[Any]


def interned(values: list[Any], kernel: ModuleType = COLUMN_KERNEL) -> Interned:
    """``values`` :class:`Interned`; TypeError for an unhashable value. ``kernel``: the
    :mod:`~cuecraft._column_kernel` to use where it is compiled."""
    seen: dict[Any, Any] = {}
    if kernel.COMPILED and type(values) is list:
        shared: list[Any] = kernel.interned(values, seen)
    else:
        shared = list(map(seen.setdefault, values, values))
    return Interned(shared, list(seen))


def _to_ms(value: float, unit: str, what: str, draft: WordDraft, source: str) -> int:
    # Fast path for the plain, plausible number nearly every word has; anything else goes
    # through the checks below, which say what is wrong.
    kind = type(value)
    if (kind is float or kind is int) and 0 <= value <= PLAIN_LIMIT[unit]:
        scaled = value * 1000.0 if unit == "s" else float(value)
        return math.floor(scaled + 0.5)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(
            f"{what} must be a number, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(
            f"{what} must be a finite number, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    if value < 0:
        raise InputError(
            f"{what} must not be negative, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    # Compared before any division: an integer too large for a float must not overflow.
    if value > PLAIN_LIMIT[unit]:
        raise InputError(
            f"{what} {shown(value)} is implausibly large (over {MAX_SECONDS:.0e} s)",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    seconds = value if unit == "s" else value / 1000.0
    return seconds_to_ms(seconds)  # at most 10**12 ms: the limit above bounds it


def assemble_table(
    drafts: Sequence[WordDraft],
    *,
    source: str,
    reader: str,
    strict: bool,
    speakers: Sequence[Speaker] = (),
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    highlights: Sequence[Highlight] = (),
    diagnostics: Sequence[Diagnostic] = (),
    start_offset_ms: int = 0,
    time_fields: tuple[str, str] = ("start", "end"),
) -> WordTable:
    """Turn vendor word drafts into validated columns, applying the sloppiness policy.

    Args:
        drafts: the words in document order, each with the JSON pointer of its object.
        time_fields: the vendor's names of the start/end fields, for error pointers.
        start_offset_ms: added to every time (Amberscript ``startTimeOffset``).

    Raises:
        InputError: for an empty transcript, bad times or a timing slip beyond the tolerance
            in strict mode.
    """
    notes = list(diagnostics)
    texts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    confidences: list[float | None] = []
    speakers_of: list[str | None] = []
    pristine: list[bool | None] = []
    paragraphs: list[int] = []
    start_field, end_field = time_fields
    previous_start = 0
    for draft in drafts:
        if not isinstance(draft.text, str):
            raise InputError(
                f"text must be a string, got {type(draft.text).__name__}",
                source=source,
                pointer=f"{draft.pointer}/{draft.text_field}",
            )
        try:
            draft.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            # A JSON "\ud800" escape decodes to a lone surrogate no output format can hold.
            raise InputError(
                f"text is not valid Unicode (lone surrogate at character {exc.start})",
                source=source,
                pointer=f"{draft.pointer}/{draft.text_field}",
            ) from None
        text = draft.text.strip()
        if not text:
            notes.append(
                # Spacing, not a word (whisper-timestamped emits " " tokens between phrases):
                # nothing is lost, so this is a note, not a warning.
                Diagnostic(
                    code="empty-word",
                    source=source,
                    pointer=draft.pointer,
                    message="token with no text skipped",
                    severity="info",
                )
            )
            continue
        start_ms = _to_ms(draft.start, draft.unit, start_field, draft, source)
        end_ms = _to_ms(draft.end, draft.unit, end_field, draft, source)
        start_ms += start_offset_ms
        end_ms += start_offset_ms
        index = len(texts)
        if end_ms < start_ms:
            slip = start_ms - end_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"{end_field} {end_ms / 1000:.3f} s is before {start_field} "
                    f"{start_ms / 1000:.3f} s (by {slip} ms; at most {REPAIR_TOLERANCE_MS} ms "
                    "is repaired, or pass strict=False)",
                    source=source,
                    pointer=f"{draft.pointer}/{end_field}",
                    word_index=index,
                )
            notes.append(
                Diagnostic(
                    code="end-before-start",
                    source=source,
                    pointer=f"{draft.pointer}/{end_field}",
                    word_index=index,
                    message=f"end was {slip} ms before start; set end = start",
                )
            )
            end_ms = start_ms
        if start_ms < previous_start:
            slip = previous_start - start_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"{start_field} {start_ms / 1000:.3f} s is before the previous word's start "
                    f"{previous_start / 1000:.3f} s (by {slip} ms; words must be in time order)",
                    source=source,
                    pointer=f"{draft.pointer}/{start_field}",
                    word_index=index,
                )
            notes.append(
                Diagnostic(
                    code="start-out-of-order",
                    source=source,
                    pointer=f"{draft.pointer}/{start_field}",
                    word_index=index,
                    message=f"started {slip} ms before the previous word; "
                    "moved to the previous word's start",
                )
            )
            start_ms = previous_start
            end_ms = max(end_ms, start_ms)
        confidence = draft.confidence
        if confidence is not None and (
            isinstance(confidence, bool)
            or not isinstance(confidence, (int, float))
            or not math.isfinite(confidence)
            or not 0.0 <= confidence <= 1.0
        ):
            raise InputError(
                f"confidence must be a number in 0..1, got {shown(confidence)}",
                source=source,
                pointer=f"{draft.pointer}/{draft.confidence_field}",
                word_index=index,
            )
        if not isinstance(draft.speaker, (str, type(None))) or not isinstance(
            draft.pristine, (bool, type(None))
        ):
            raise InputError(
                f"speaker must be a string and pristine a boolean, got {shown(draft.speaker)} "
                f"and {shown(draft.pristine)}",
                source=source,
                pointer=draft.pointer,
                word_index=index,
            )
        texts.append(text)
        starts.append(start_ms)
        ends.append(end_ms)
        confidences.append(None if confidence is None else float(confidence))
        speakers_of.append(draft.speaker)
        pristine.append(draft.pristine)
        if draft.paragraph_start:
            paragraphs.append(index)
        previous_start = start_ms
    return finish_table(
        texts=texts,
        starts=starts,
        ends=ends,
        confidences=None if confidences.count(None) == len(texts) else confidences,
        speakers=speakers_of,
        pristine=None if pristine.count(None) == len(texts) else pristine,
        paragraphs=paragraphs,
        source=source,
        reader=reader,
        listed=speakers,
        language=language,
        metadata=metadata,
        highlights=highlights,
        notes=notes,
    )


def finish_table(
    *,
    texts: list[str] | Interned,
    starts: Sequence[int],
    ends: Sequence[int],
    confidences: list[float | None] | None,
    speakers: list[str | None] | Interned,
    pristine: list[bool | None] | None,
    paragraphs: Sequence[int],
    source: str,
    reader: str,
    listed: Sequence[Speaker],
    language: str | None,
    metadata: dict[str, Any] | None,
    highlights: Sequence[Highlight],
    notes: list[Diagnostic],
) -> WordTable:
    """What both passes end with: the whole-file strings checked, speakers the words use
    but the document does not list named by their ids (with a diagnostic), the table.

    ``texts`` and ``speakers`` are made :class:`Interned` here unless they come so (from the
    column pass, which checks each distinct text and speaker once)."""
    # One string object per distinct text and speaker (a decoder makes one per word): a
    # transcript's few thousand distinct words instead of a string for each of a million.
    if not isinstance(texts, Interned):
        texts = interned(texts)
    if not isinstance(speakers, Interned):
        speakers = interned(speakers)
    if not texts.values:
        raise InputError("the transcript has no words", source=source)
    # A safety net: each reader checks the vendor strings it keeps, with their pointers.
    for speaker in listed:
        check_string(speaker.name, None, source, what=f"speaker {speaker.id!r} name")
    if language is not None:
        check_string(language, None, source, what="language")
    check_unicode(metadata or {}, source=source, pointer="")
    ids = {speaker.id for speaker in listed}
    extra = [Speaker(id=s, name=s) for s in speakers.distinct if s is not None and s not in ids]
    for speaker in extra:
        notes.append(
            Diagnostic(
                code="unlisted-speaker",
                source=source,
                message=f"speaker {speaker.id!r} is used but not listed; named by its id",
            )
        )
    try:
        return WordTable(
            texts.values,
            starts,
            ends,
            speakers=speakers.values,
            confidences=confidences,
            pristine=pristine,
            paragraph_starts=(0, *paragraphs),  # a transcript starts a paragraph
            speaker_list=(*listed, *extra),
            language=language,
            source=SourceInfo(format=reader, name=source, metadata=metadata or {}),
            highlights=highlights,
            diagnostics=notes,
        )
    except ModelError as exc:  # speaker ids listed twice, say
        raise InputError(exc.problems[0].message, source=source) from exc


def assemble(
    drafts: Sequence[WordDraft],
    *,
    source: str,
    reader: str,
    strict: bool,
    speakers: Sequence[Speaker] = (),
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    highlights: Sequence[Highlight] = (),
    diagnostics: Sequence[Diagnostic] = (),
    start_offset_ms: int = 0,
    time_fields: tuple[str, str] = ("start", "end"),
) -> Transcript:
    """:func:`assemble_table`, as a :class:`~cuecraft.model.Transcript` (for readers that
    change the transcript further)."""
    return assemble_table(
        drafts,
        source=source,
        reader=reader,
        strict=strict,
        speakers=speakers,
        language=language,
        metadata=metadata,
        highlights=highlights,
        diagnostics=diagnostics,
        start_offset_ms=start_offset_ms,
        time_fields=time_fields,
    ).transcript()
