"""What the subtitle readers share: cues to words, times and speakers; SRT and WebVTT text.

:func:`transcript_from_cues` is the part after the cues, for every subtitle reader (SRT,
WebVTT, SBV, ASS/SSA, TTML). :func:`read_subtitles` reads SRT and WebVTT: cues come from the
linear block parser of :mod:`cuecraft.readers._cue_blocks`, text from :func:`clean_row`.

**Overlapping cues are merged.** Cues that overlap in time (a cue starting before the
latest end so far: simultaneous cues in two regions, positioned SRT cues sharing one time
span, a sign over dialogue) become one cue: from the first start to the latest end, its rows
stacked and its words in file order. An ``overlapping-cues-merged`` note names the cues'
lines. So no cue is squeezed to the few milliseconds between two starts.

**Word times are approximated**: a cue's words share its time span in proportion to their
length in characters (spaces not counted), one after the other, and the last word ends with
the cue. Cues after merging never overlap, so word times increase; a word is zero-length only
when its cue is.

**Text, SRT**: the tags SubRip players render (``<i>``, ``<b>``, ``<u>``, ``<s>``,
``<font ...>``, any case) and ASS override blocks (``{\\an8}``, which many SRT files carry)
are removed, ``\\N`` and ``\\n`` are row breaks and ``\\h`` a space. Other text in angle
brackets (``<LAUGHING>``, ``<bold>``) is kept as text, and ``&amp;`` is text.
**Text, WebVTT**: tags (``<i>``, ``<c.yellow>``, ``<00:00:01.000>``) are removed and
character references decoded (``&amp;`` is ``&``); ``{\\an8}`` and ``\\N`` are not WebVTT
markup and stay text. Removed markup is reported once per file (``markup-stripped``, info:
the count and the first line). Every cue's first word gets ``paragraph_start``.

**Rolling captions** (YouTube's automatic captions): when most cues start with the previous
cue's last row(s), and at least three of them add new text after it, the file rolls, and
each cue's repeated leading rows are dropped, so each word is kept once; cues that only
repeat are dropped. A ``rolling-captions`` note gives the count.

**Speakers**, per row, in this order: a WebVTT voice span ``<v Name>`` or ``<v.loud Name>``
(the speaker changes there); a speaker label, dash or chevrons leading the row, by the rule
of :mod:`cuecraft.readers._speakers` (``speaker_labels="auto"``, ``"always"`` or ``"none"``):

    A row-start ``Name:`` is a speaker label when it is bracketed (``[SPEAKER_01]:``), in
    capitals (``JOHN:``; not in a file written in capitals), or when the file has at least
    two such names that each recur. Otherwise it is text. A dialogue dash (``-``, ``–``,
    ``—``; ``-5``, ``-ish`` and ``--`` are text) or ``>>`` leading a row marks a change of
    speaker without naming one: it is removed, the speaker becomes unknown, and no speaker
    is invented.

A label holds until the next label or dash, across cues; words before the first label have
no speaker. An info note (``speaker-labels``) lists the names read as labels and those kept
as text.

Problems carry the 1-based line of the cue's timing line: a malformed timing line (also an
implausible hour such as ``9999``), a cue that ends before it starts, a cue that starts before
the previous one. Slips up to ``REPAIR_TOLERANCE_MS`` are repaired with a diagnostic; larger
ones are errors unless ``strict=False``. A file without any cue is an error.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from cuecraft.errors import InputError, UnknownFormatError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._cue_blocks import Format, parse_blocks
from cuecraft.readers._decoding import decoding_notes, normalise_newlines
from cuecraft.readers._speakers import SPEAKER_LABELS, SpeakerLabels, SpeakerState, row_label
from cuecraft.readers._spec import REPAIR_TOLERANCE_MS, WordDraft, assemble
from cuecraft.timing import format_clock

__all__ = [
    "SPEAKER_LABELS",
    "SpeakerLabels",
    "SpeakerState",
    "TimedCue",
    "check_speaker_labels",
    "check_unicode",
    "read_subtitles",
    "row_label",
    "transcript_from_cues",
]

# Each alternative scans to the next "<" or ">" (or "{", "}") at most: linear on any text.
_TAG_VTT: Final = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>")
# SRT: a tag name, then ">" or a blank and attributes; only the names below are markup.
_TAG_SRT: Final = re.compile(r"</?([A-Za-z]{1,8})(?:[ \t][^<>]*)?>|\{\\[^{}]*\}")
_SRT_TAG_NAMES: Final = frozenset({"i", "b", "u", "s", "font"})
# "<v" and optional classes, one blank, then the name up to ">": the parts are disjoint
# (no "\s+" next to a lazy "[^<>]*?" as before, which was cubic on "<v" and many spaces).
_VOICE: Final = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]([^<>]*)>")
_SRT_BREAK: Final = re.compile(r"\\[Nn]")
_ROLLING_MIN: Final = 3
_ROLLING_ROWS: Final = 3  # a rolling window repeats at most this many rows


@dataclass
class TimedCue:
    start_ms: int
    end_ms: int
    text: str
    line: int | None


@dataclass
class _TextCue(TimedCue):
    """An SRT or WebVTT cue: its rows as written, each with its line number."""

    rows: list[tuple[int, str]] = field(default_factory=list)


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


@dataclass
class _Markup:
    """Markup removed from a file's text, for one note: how much, and where first."""

    count: int = 0
    first_line: int | None = None
    examples: list[str] = field(default_factory=list)

    def saw(self, line: int, tags: list[str]) -> None:
        tags = [tag for tag in tags if not tag.startswith(("<v", "</v"))]  # voices: speakers
        if not tags:
            return
        self.count += len(tags)
        if self.first_line is None:
            self.first_line = line
        for tag in tags:
            if len(self.examples) < 3 and tag[:20] not in self.examples:
                self.examples.append(tag[:20])


def _srt_markup(match: re.Match[str]) -> str:
    name = match.group(1)
    return "" if name is None or name.lower() in _SRT_TAG_NAMES else match.group()


def _tags(row: str, fmt: Format) -> list[str]:
    """The markup :func:`clean_row` removes from ``row``."""
    if fmt == "vtt":
        return [m.group() for m in _TAG_VTT.finditer(row)]
    return [m.group() for m in _TAG_SRT.finditer(row) if not _srt_markup(m)]


def clean_row(text: str, fmt: Format) -> str:
    """One row's text without markup (see the module docstring)."""
    if fmt == "vtt":
        return html.unescape(_TAG_VTT.sub("", text))
    return _TAG_SRT.sub(_srt_markup, text).replace("\\h", " ")


def _rows(block_rows: list[tuple[int, str]], fmt: Format) -> list[tuple[int, str]]:
    if fmt == "vtt":
        return block_rows
    return [(number, part) for number, row in block_rows for part in _SRT_BREAK.split(row)]


def _row_words(row: str, fmt: Format, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    """The words of one row with their speakers; updates the speaker state."""
    words: list[tuple[str, str | None]] = []
    pieces = _VOICE.split(row) if fmt == "vtt" else [row]  # text, voice, text, voice, text...
    for position, piece in enumerate(pieces):
        if position % 2:
            voice = clean_row(piece, fmt).strip()
            if voice:
                speakers.name(voice)
            continue
        text = clean_row(piece, fmt)
        if position == 0:
            text = row_label(text, speakers)
        words.extend((word, speakers.current) for word in text.split())
    return words


def _drop_rolling_repeats(
    cues: list[_TextCue], fmt: Format, *, source: str, notes: list[Diagnostic]
) -> list[_TextCue]:
    """Rolling captions: drop each cue's rows that repeat the previous cue's last rows."""
    plain = [
        [(" ".join(clean_row(row, fmt).split()), (n, row)) for n, row in cue.rows] for cue in cues
    ]
    plain = [[entry for entry in rows if entry[0]] for rows in plain]
    repeats: list[int] = [0]
    rolling = pure = 0
    for previous, current in itertools.pairwise(plain):
        texts, before = [text for text, _ in current], [text for text, _ in previous]
        size = next(
            (
                k
                for k in range(min(len(texts), len(before), _ROLLING_ROWS), 0, -1)
                if texts[:k] == before[-k:]
            ),
            0,
        )
        repeats.append(size)
        if size and size < len(texts):
            rolling += 1
        elif size:
            pure += 1
    pairs = len(cues) - 1
    if rolling < _ROLLING_MIN or (rolling + pure) * 5 < pairs * 4:
        return cues
    kept: list[_TextCue] = []
    for cue, rows, size in zip(cues, plain, repeats, strict=True):
        if size < len(rows):
            cue.rows = [entry for _, entry in rows[size:]]
            kept.append(cue)
    dropped = sum(repeats)
    notes.append(
        Diagnostic(
            code="rolling-captions",
            source=source,
            severity="info",
            message=(
                f"rolling captions (each cue repeats the previous cue's last row): {dropped} "
                f"repeated row(s) removed, {len(cues) - len(kept)} cue(s) that only repeated "
                "were dropped"
            ),
        )
    )
    return kept


def read_subtitles(
    text: str,
    fmt: Format,
    *,
    source: str,
    strict: bool,
    speaker_labels: str = "auto",
) -> Transcript:
    """Read SRT or VTT text into a transcript (see the module docstring for the mapping).

    Raises:
        InputError: with the line number of the cue at fault, or when there is no cue or word.
        UnknownFormatError: for an unknown ``speaker_labels`` value.
    """
    mode = check_speaker_labels(speaker_labels)
    check_unicode(text, source)
    notes = decoding_notes(text)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    blocks = parse_blocks(text, fmt, source=source, strict=strict, notes=notes)
    markup = _Markup()
    cues: list[_TextCue] = []
    for block in blocks:
        rows = _rows(block.rows, fmt)
        for number, row in rows:
            markup.saw(number, _tags(row, fmt))
        joined = "\n".join(row for _, row in rows)
        cues.append(_TextCue(block.start_ms, block.end_ms, joined, block.line, rows))
    if markup.count:
        notes.append(
            Diagnostic(
                code="markup-stripped",
                source=source,
                severity="info",
                message=(
                    f"line {markup.first_line}: {markup.count} formatting tag(s) removed "
                    f"({', '.join(markup.examples)}...)"
                ),
            )
        )
    cues = _drop_rolling_repeats(cues, fmt, source=source, notes=notes)

    def words_of(cue: _TextCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
        return [word for _, row in cue.rows for word in _row_words(row, fmt, speakers)]

    return transcript_from_cues(
        cues, words_of, source=source, reader=fmt, strict=strict, notes=notes, speaker_labels=mode
    )


def _check_times(
    cues: Sequence[TimedCue], *, source: str, strict: bool, notes: list[Diagnostic]
) -> None:
    """Apply the sloppiness policy to cue times, in place, with line numbers."""
    previous_start = 0
    for index, cue in enumerate(cues):
        where = f"line {cue.line}: " if cue.line else ""
        if cue.end_ms < cue.start_ms:
            slip = cue.start_ms - cue.end_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"cue ends {slip} ms before it starts (at most {REPAIR_TOLERANCE_MS} ms is "
                    "repaired, or pass strict=False)",
                    source=source,
                    line=cue.line,
                )
            notes.append(
                Diagnostic(
                    code="end-before-start",
                    source=source,
                    cue_index=index,
                    message=f"{where}cue ended {slip} ms before its start; set end = start",
                )
            )
            cue.end_ms = cue.start_ms
        if cue.start_ms < previous_start:
            slip = previous_start - cue.start_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"cue starts {slip} ms before the previous cue (cues must be in time order)",
                    source=source,
                    line=cue.line,
                )
            notes.append(
                Diagnostic(
                    code="start-out-of-order",
                    source=source,
                    cue_index=index,
                    message=f"{where}cue started {slip} ms before the previous cue; moved",
                )
            )
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
