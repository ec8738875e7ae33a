"""What every subtitle reader shares: cues to words, times and speakers.

:func:`transcript_from_cues` is the part after the cues, for every subtitle reader (SRT and
WebVTT through :mod:`cuecraft.readers._srt_vtt`, SBV, ASS/SSA, TTML).

**Overlapping cues are merged.** Cues that overlap in time (a cue starting before the
latest end so far: simultaneous cues in two regions, positioned SRT cues sharing one time
span, a sign over dialogue) become one cue: from the first start to the latest end, its rows
stacked and its words in file order. An ``overlapping-cues-merged`` note names the cues'
lines. So no cue is squeezed to the few milliseconds between two starts.

**Word times are approximated**: a cue's words share its time span in proportion to their
length in characters (spaces not counted), one after the other, and the last word ends with
the cue. Cues after merging never overlap, so word times increase; a word is zero-length only
when its cue is. Every cue's first word (after merging) gets ``paragraph_start``.

**Speakers**, per row: what the format says (a WebVTT voice span ``<v Name>``, an ASS Name
field, a TTML agent), then a speaker label, dash or chevrons leading the row, by the rule of
:mod:`cuecraft.readers._speakers` (reader option ``speaker_labels="auto"``, ``"always"`` or
``"none"``):

    A row-start ``Name:`` is a speaker label when it is bracketed (``[SPEAKER_01]:``) or
    follows ``>>``, in capitals (``JOHN:``; not in a file written in capitals), or when the
    file has at least two such names that each recur. Otherwise it is text. A dialogue dash
    (``-``, ``–``, ``—``; ``-5``, ``-ish`` and ``--`` are text) or ``>>`` leading a row marks
    a change of speaker without naming one: it is removed, the speaker becomes unknown, and
    no speaker is invented.

A label holds until the next label or dash, across cues; words before the first label have
no speaker. An info note (``speaker-labels``) lists the names read as labels, those kept as
text, and the dashes and chevrons removed.

Cue times (:func:`_check_times`): a cue that ends before it starts, or starts before the
previous one, by up to ``REPAIR_TOLERANCE_MS`` is repaired with a diagnostic; by more it is
an error with the cue's line unless ``strict=False``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from cuecraft.errors import InputError, UnknownFormatError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._decoding import decoding_notes
from cuecraft.readers._speakers import SPEAKER_LABELS, SpeakerLabels, SpeakerState, row_label
from cuecraft.readers._spec import REPAIR_TOLERANCE_MS, WordDraft, assemble, decode_text
from cuecraft.timing import format_clock

__all__ = [
    "SPEAKER_LABELS",
    "CueParser",
    "RowsCue",
    "SpeakerLabels",
    "SpeakerState",
    "TimedCue",
    "check_speaker_labels",
    "check_unicode",
    "cues_as_written",
    "read_cue_text",
    "row_label",
    "transcript_from_cues",
]


@dataclass
class TimedCue:
    start_ms: int
    end_ms: int
    text: str
    line: int | None


@dataclass
class RowsCue(TimedCue):
    """A cue with its rows as written."""

    rows: list[str] = field(default_factory=list)


_Parsed = TypeVar("_Parsed", bound=TimedCue)


class CueParser(Protocol[_Parsed]):
    """A text format's parser: the cues in file order; repairs and notes go to ``notes``."""

    def __call__(
        self, text: str, *, source: str, strict: bool, notes: list[Diagnostic]
    ) -> list[_Parsed]: ...


def check_speaker_labels(value: str) -> SpeakerLabels:
    """``value`` if it is a ``speaker_labels`` mode, else an error naming the modes."""
    if value not in SPEAKER_LABELS:
        raise UnknownFormatError(value, SPEAKER_LABELS, what="speaker_labels value")
    return value  # type: ignore[return-value]  # checked just above


def check_unicode(text: str, source: str) -> None:
    """Refuse a lone surrogate, which no output can encode, with its line and column.

    Only a str handed in directly can hold one (decoded bytes cannot).
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        column = exc.start - (text.rfind("\n", 0, exc.start) + 1) + 1
        raise InputError(
            "lone surrogate in the text", source=source, line=line, column=column
        ) from exc


def _slipped(
    cue: TimedCue,
    index: int,
    slip: int,
    problem: tuple[str, str, str],
    *,
    source: str,
    strict: bool,
    notes: list[Diagnostic],
) -> None:
    """Refuse a time slip over the tolerance when strict; else note that it is repaired.

    ``problem`` is ``(refusal, diagnostic code, note)``.
    """
    refusal, code, note = problem
    if strict and slip > REPAIR_TOLERANCE_MS:
        raise InputError(refusal, source=source, line=cue.line)
    where = f"line {cue.line}: " if cue.line else ""
    notes.append(Diagnostic(code=code, source=source, cue_index=index, message=where + note))


def _check_times(
    cues: Sequence[TimedCue], *, source: str, strict: bool, notes: list[Diagnostic]
) -> None:
    """Apply the sloppiness policy to cue times, in place, with line numbers."""
    previous_start = 0
    for index, cue in enumerate(cues):
        if cue.end_ms < cue.start_ms:
            slip = cue.start_ms - cue.end_ms
            problem = (
                f"cue ends {slip} ms before it starts (at most {REPAIR_TOLERANCE_MS} ms is "
                "repaired, or pass strict=False)",
                "end-before-start",
                f"cue ended {slip} ms before its start; set end = start",
            )
            _slipped(cue, index, slip, problem, source=source, strict=strict, notes=notes)
            cue.end_ms = cue.start_ms
        if cue.start_ms < previous_start:
            slip = previous_start - cue.start_ms
            problem = (
                f"cue starts {slip} ms before the previous cue (cues must be in time order)",
                "start-out-of-order",
                f"cue started {slip} ms before the previous cue; moved",
            )
            _slipped(cue, index, slip, problem, source=source, strict=strict, notes=notes)
            cue.start_ms = previous_start
            cue.end_ms = max(cue.end_ms, cue.start_ms)
        previous_start = cue.start_ms


def _overlap_groups(cues: Sequence[TimedCue]) -> list[list[int]]:
    """Runs of cues (indices, file order) that overlap in time; cues are in start order."""
    groups: list[list[int]] = []
    latest_end = -1
    for index, cue in enumerate(cues):
        if groups and cue.start_ms < latest_end:
            groups[-1].append(index)
            latest_end = max(latest_end, cue.end_ms)
        else:
            groups.append([index])
            latest_end = cue.end_ms
    return groups


def _spread(start_ms: int, end_ms: int, lengths: list[int]) -> list[tuple[int, int]]:
    """Word spans inside a cue, proportional to character length (see the module docstring)."""
    total = sum(lengths)
    span = end_ms - start_ms
    bounds = [start_ms]
    running = 0
    for length in lengths:
        running += length
        bounds.append(start_ms + span * running // total)
    return [(bounds[i], bounds[i + 1]) for i in range(len(lengths))]


def _merge_note(cues: Sequence[TimedCue], group: list[int], end_ms: int, source: str) -> Diagnostic:
    lines = [cues[i].line for i in group]
    where = (
        "lines " + ", ".join(str(line) for line in lines)
        if all(lines)
        else f"cues {group[0] + 1}-{group[-1] + 1}"
    )
    span = f"{format_clock(cues[group[0]].start_ms)} --> {format_clock(end_ms)}"
    return Diagnostic(
        code="overlapping-cues-merged",
        source=source,
        cue_index=group[0],
        severity="info",
        message=f"{where}: {len(group)} cues overlap in time; merged into one cue {span}",
    )


def _label_note(probe: SpeakerState, decided: SpeakerState, source: str) -> Diagnostic | None:
    """One info note on what the label rule did in this file, when it did anything."""
    parts: list[str] = []
    if probe.mode == "auto" and probe.counts:
        taken = sorted(decided.accepted)
        kept = decided.rejected()
        if taken:
            more = "..." if len(taken) > 5 else ""
            parts.append("row-start 'Name:' read as speaker labels: " + ", ".join(taken[:5]) + more)
        if kept:
            shown = ", ".join(f"'{name}:' ({probe.counts[name]}x)" for name in kept[:5])
            more = "..." if len(kept) > 5 else ""
            parts.append("row-start 'Name:' kept as text: " + shown + more)
    if decided.marks:
        parts.append(f"{decided.marks} row-leading dash(es) or '>>' (speaker changes) removed")
    if not parts:
        return None
    return Diagnostic(
        code="speaker-labels",
        source=source,
        severity="info",
        message="; ".join(parts) + " (reader option speaker_labels)",
    )


CueT = TypeVar("CueT", bound=TimedCue)


def transcript_from_cues(
    cues: list[CueT],
    words_of: Callable[[CueT, SpeakerState], list[tuple[str, str | None]]],
    *,
    source: str,
    reader: str,
    strict: bool,
    notes: list[Diagnostic],
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    speaker_labels: SpeakerLabels = "auto",
) -> Transcript:
    """Cues in file order to a transcript: check times, merge overlaps, spread words, assemble.

    This is the part every subtitle reader shares (SRT, VTT, SBV, ASS, TTML): the timing
    policy of :func:`_check_times`, overlapping cues merged, word times by character length
    (:func:`_spread`), speakers decided per file (``words_of`` runs twice: once to collect
    the candidate labels, once to read).

    Args:
        cues: the cues, in time order as far as the file keeps it.
        words_of: a cue's words with their speakers; it may update the speaker state, and
            must call :func:`row_label` on each row for the label rule to apply.
        reader: the reader name recorded in ``transcript.source.format``.
        notes: diagnostics so far; repairs and notes are added to it.
        language: the transcript's language tag, when the file declares one.
        metadata: kept as ``transcript.source.metadata``.
        speaker_labels: ``"auto"``, ``"always"`` or ``"none"`` (:mod:`._speakers`).

    Raises:
        InputError: for a cue time beyond repair in strict mode, or when there is no word.
    """
    _check_times(cues, source=source, strict=strict, notes=notes)
    probe = SpeakerState(speaker_labels, collecting=True)
    for cue in cues:
        words_of(cue, probe)
    speakers = probe.decide()
    drafts: list[WordDraft] = []
    for group in _overlap_groups(cues):
        words: list[tuple[str, str | None]] = []
        for index in group:
            found = words_of(cues[index], speakers)
            if not found:
                cue = cues[index]
                notes.append(
                    Diagnostic(
                        code="empty-cue",
                        source=source,
                        cue_index=index,
                        severity="info",
                        message=(f"line {cue.line}: " if cue.line else "") + "cue has no words",
                    )
                )
            words.extend(found)
        start_ms = cues[group[0]].start_ms
        end_ms = max(cues[index].end_ms for index in group)
        if len(group) > 1:
            notes.append(_merge_note(cues, group, end_ms, source))
        if not words:
            continue
        spans = _spread(start_ms, end_ms, [len(word) for word, _ in words])
        for position, ((word, speaker), (start, end)) in enumerate(zip(words, spans, strict=True)):
            drafts.append(
                WordDraft(
                    text=word,
                    start=start,
                    end=end,
                    pointer="",  # not JSON; cue times were checked above, with lines
                    speaker=speaker,
                    paragraph_start=position == 0,
                    unit="ms",
                )
            )
    label_note = _label_note(probe, speakers, source)
    if label_note is not None:
        notes.append(label_note)
    return assemble(
        drafts,
        source=source,
        reader=reader,
        strict=strict,
        speakers=list(speakers.known.values()),
        language=language,
        metadata=metadata,
        diagnostics=notes,
    )


def read_cue_text(
    text: str,
    parse: CueParser[CueT],
    words_of: Callable[[CueT, SpeakerState], list[tuple[str, str | None]]],
    *,
    source: str,
    reader: str,
    strict: bool,
    speaker_labels: str,
) -> Transcript:
    """A text subtitle file to a transcript: ``parse`` it, then :func:`transcript_from_cues`.

    Raises:
        InputError: for a lone surrogate (with its line and column), and as ``parse`` and
            :func:`transcript_from_cues` raise.
        UnknownFormatError: for an unknown ``speaker_labels`` value.
    """
    mode = check_speaker_labels(speaker_labels)
    check_unicode(text, source)
    notes = decoding_notes(text)
    cues = parse(text, source=source, strict=strict, notes=notes)
    return transcript_from_cues(
        cues,
        words_of,
        source=source,
        reader=reader,
        strict=strict,
        notes=notes,
        speaker_labels=mode,
    )


_RowsT = TypeVar("_RowsT", bound=RowsCue)


def cues_as_written(
    data: bytes | str, parse: CueParser[_RowsT], *, source: str
) -> list[tuple[int, int, tuple[str, ...]]]:
    """A text subtitle file's cues as ``(start_ms, end_ms, rows)`` in file order, as written
    (for ``cuecraft check``: strict, no repair, no words).

    Raises:
        InputError: for undecodable bytes or a lone surrogate, and as ``parse`` raises.
    """
    text = decode_text(data, source=source)
    check_unicode(text, source)
    cues = parse(text, source=source, strict=True, notes=[])
    return [(cue.start_ms, cue.end_ms, tuple(cue.rows)) for cue in cues]
