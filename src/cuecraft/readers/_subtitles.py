"""What the SRT and VTT readers share: cues through pysubs2, then words, times and speakers.

The part after the cues (timing policy, word times, speakers) is
:func:`transcript_from_cues`, which the TTML reader uses too.

Subtitles have no word timing, so it is **approximated**: a cue's words share its time span in
proportion to their length in characters (spaces not counted), one after the other, and the
last word ends with the cue. When the next cue starts before this one ends (overlapping
cues), the words are spread up to the next cue's start instead, so words stay in time order;
only the last word keeps the cue's end.

Text: pysubs2 reads the cues (``keep_html_tags=True``); this module strips the remaining tags
(``<i>``, ``<c.yellow>``, ``{\\an8}``...), decodes character references in VTT (``&amp;``),
turns ``\\h`` into a space and joins the ``\\N`` rows with spaces before splitting on whitespace.
Every cue's first word gets ``paragraph_start``.

Speakers, detected per row in this order (in both formats):

* a WebVTT voice span ``<v Name>`` or ``<v.loud Name>``: the speaker changes there;
* a leading dialogue dash (``-``, ``–``, ``—``): a new speaker whose identity is unknown. A dash
  says that the speaker changed, not who speaks, so each dash opens its own anonymous
  speaker, numbered in order (id ``turnK``, name ``"Turn K"``), as for Scribie turns;
* a ``Name:`` prefix: one to four words, each starting with a capital letter (``JOHN:``,
  ``Zoë Müller:``, ``Dr. Smith:``), followed by a space. A row that begins with such a word
  and a colon for another reason (``Note: ...``) is taken as a label too.

A label holds until the next one, across cues (subtitles usually label a speaker only where
the speaker changes); words before the first label have no speaker. The name is the
speaker's id and name.

Problems carry the 1-based line of the cue's timing line: a line with ``-->`` that is not a
valid timing line, a cue that ends before it starts, a cue that starts before the previous
one. Slips up to ``REPAIR_TOLERANCE_MS`` are repaired with a diagnostic; larger ones are errors
unless ``strict=False``. A file without any cue is an error.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

import pysubs2
from pysubs2.formats.subrip import SubripFormat
from pysubs2.formats.webvtt import WebVTTFormat

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Speaker, Transcript
from cuecraft.readers._spec import REPAIR_TOLERANCE_MS, WordDraft, assemble

__all__ = [
    "SpeakerState",
    "TimedCue",
    "check_unicode",
    "read_subtitles",
    "row_label",
    "transcript_from_cues",
]

Format = Literal["srt", "vtt"]

_TAG = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>|\{\\[^{}]*\}")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?\s+([^<>]*?)\s*>")
_DASH = re.compile(r"^\s*[-–—](?![-\d])\s*")  # not "-5 °C", not "--"
_NAME = re.compile(r"^\s*([^\W\d_][\w'.\-]*(?:\s+[^\W\d_][\w'.\-]*){0,3}):\s+")
_VTT_BLOCK = re.compile(r"^(NOTE|STYLE|REGION)(\s|$)")


@dataclass
class TimedCue:
    start_ms: int
    end_ms: int
    text: str
    line: int | None


def _timing_pattern(fmt: Format) -> re.Pattern[str]:
    return WebVTTFormat.TIMESTAMP if fmt == "vtt" else SubripFormat.TIMESTAMP


def _prepare(
    text: str, fmt: Format, *, source: str, strict: bool, notes: list[Diagnostic]
) -> tuple[str, list[int]]:
    """Blank what pysubs2 would glue into cue text; return the text and timing-line numbers.

    Lines are blanked, never removed, so line numbers stay those of the input.
    """
    pattern = _timing_pattern(fmt)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    timing: list[int] = []
    skip_block = False
    for index, line in enumerate(lines):
        if not line.strip():
            skip_block = False
            continue
        if skip_block:
            lines[index] = ""
            continue
        is_timing = len(pattern.findall(line)) == 2
        if is_timing:
            timing.append(index)
            previous = lines[index - 1] if index else ""
            before = lines[index - 2] if index > 1 else ""
            # A cue identifier: SRT's number, or any VTT line standing alone before the timing.
            if previous.strip() and (
                previous.strip().isdigit() or (fmt == "vtt" and not before.strip())
            ):
                lines[index - 1] = ""
            continue
        if "-->" in line:
            message = f"malformed timing line {line.strip()!r}"
            if strict:
                raise InputError(message, source=source, line=index + 1, column=1)
            notes.append(
                Diagnostic(
                    code="malformed-timing",
                    source=source,
                    message=f"line {index + 1}: {message}; the block was skipped",
                )
            )
            lines[index] = ""
            skip_block = True
            continue
        previous = lines[index - 1] if index else ""
        if fmt == "vtt" and not previous.strip() and _VTT_BLOCK.match(line):
            # WebVTT NOTE, STYLE and REGION blocks run to the next blank line.
            lines[index] = ""
            skip_block = True
    return "\n".join(lines), timing


def _cues(
    text: str, fmt: Format, *, source: str, strict: bool, notes: list[Diagnostic]
) -> list[TimedCue]:
    prepared, timing = _prepare(text, fmt, source=source, strict=strict, notes=notes)
    try:
        subs = pysubs2.SSAFile.from_string(prepared, format_=fmt, keep_html_tags=True)
    except Exception as exc:  # pysubs2 documents no parse errors; never let one escape raw
        raise InputError(f"cannot parse {fmt.upper()}: {exc}", source=source) from exc
    events = list(subs.events)
    if not events:
        raise InputError(f"no cues found in this {fmt.upper()} input", source=source)
    # pysubs2 makes one event per timing line, in file order (subrip.py from_file).
    lines: list[int | None] = [n + 1 for n in timing]
    if len(lines) != len(events):
        lines = [None] * len(events)
    return [
        TimedCue(event.start, event.end, event.text, line)
        for event, line in zip(events, lines, strict=True)
    ]


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


def _is_name(candidate: str) -> bool:
    return len(candidate) <= 32 and all(word[0].isupper() for word in candidate.split())


class SpeakerState:
    """The speaker state while reading: the current label, and every speaker met."""

    def __init__(self) -> None:
        self.current: str | None = None
        self.known: dict[str, Speaker] = {}
        self.anonymous = 0

    def name(self, name: str) -> None:
        self.current = name
        self.known.setdefault(name, Speaker(id=name, name=name))

    def dash(self) -> None:
        self.anonymous += 1
        speaker_id = f"turn{self.anonymous}"
        self.known[speaker_id] = Speaker(id=speaker_id, name=f"Turn {self.anonymous}")
        self.current = speaker_id


def _clean(text: str, fmt: Format) -> str:
    text = _TAG.sub("", text).replace("\\h", " ")
    return html.unescape(text) if fmt == "vtt" else text


def row_label(text: str, speakers: SpeakerState) -> str:
    """Strip a leading dash and ``Name:`` label from a row, updating the speaker state."""
    dash = _DASH.match(text)
    if dash:
        text = text[dash.end() :]
    name = _NAME.match(text)
    if name and _is_name(name.group(1)):
        speakers.name(name.group(1))
        return text[name.end() :]
    if dash and text.strip():
        speakers.dash()
    return text


def _row_words(row: str, fmt: Format, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    """The words of one row with their speakers; updates the speaker state."""
    words: list[tuple[str, str | None]] = []
    pieces = _VOICE.split(row)  # text, voice name, text, voice name, text...
    for position, piece in enumerate(pieces):
        if position % 2:
            voice = _clean(piece, fmt).strip()
            if voice:
                speakers.name(voice)
            continue
        text = _clean(piece, fmt)
        if position == 0:
            text = row_label(text, speakers)
        words.extend((word, speakers.current) for word in text.split())
    return words


def _spread(cue: TimedCue, limit_ms: int, count: int, lengths: list[int]) -> list[tuple[int, int]]:
    """Word spans inside a cue, proportional to character length (see the module docstring)."""
    total = sum(lengths)
    span = limit_ms - cue.start_ms
    bounds = [cue.start_ms]
    running = 0
    for length in lengths:
        running += length
        bounds.append(cue.start_ms + span * running // total)
    spans = [(bounds[i], bounds[i + 1]) for i in range(count)]
    spans[-1] = (spans[-1][0], max(cue.end_ms, spans[-1][0]))
    return spans


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


def read_subtitles(text: str, fmt: Format, *, source: str, strict: bool) -> Transcript:
    """Read SRT or VTT text into a transcript (see the module docstring for the mapping).

    Raises:
        InputError: with the line number of the cue at fault, or when there is no cue or word.
    """
    check_unicode(text, source)
    notes: list[Diagnostic] = []
    cues = _cues(text, fmt, source=source, strict=strict, notes=notes)

    def words_of(cue: TimedCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
        words: list[tuple[str, str | None]] = []
        for row in re.split(r"\\N|\\n|\n", cue.text):
            words.extend(_row_words(row, fmt, speakers))
        return words

    return transcript_from_cues(
        cues, words_of, source=source, reader=fmt, strict=strict, notes=notes
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
) -> Transcript:
    """Cues in file order to a transcript: check their times, spread words, assemble.

    This is the part every subtitle reader shares (SRT, VTT, TTML): the timing policy of
    :func:`_check_times`, word times by character length (:func:`_spread`), speakers.

    Args:
        cues: the cues, in time order as far as the file keeps it.
        words_of: a cue's words with their speakers; it may update the speaker state.
        reader: the reader name recorded in ``transcript.source.format``.
        notes: diagnostics so far; repairs and notes are added to it.
        language: the transcript's language tag, when the file declares one.
        metadata: kept as ``transcript.source.metadata``.

    Raises:
        InputError: for a cue time beyond repair in strict mode, or when there is no word.
    """
    _check_times(cues, source=source, strict=strict, notes=notes)
    speakers = SpeakerState()
    drafts: list[WordDraft] = []
    for index, cue in enumerate(cues):
        words = words_of(cue, speakers)
        if not words:
            notes.append(
                Diagnostic(
                    code="empty-cue",
                    source=source,
                    cue_index=index,
                    severity="info",
                    message=(f"line {cue.line}: " if cue.line else "") + "cue has no words",
                )
            )
            continue
        next_start = cues[index + 1].start_ms if index + 1 < len(cues) else cue.end_ms
        limit = max(cue.start_ms, min(cue.end_ms, next_start))
        spans = _spread(cue, limit, len(words), [len(word) for word, _ in words])
        for position, ((word, speaker), (start_ms, end_ms)) in enumerate(
            zip(words, spans, strict=True)
        ):
            drafts.append(
                WordDraft(
                    text=word,
                    start=start_ms,
                    end=end_ms,
                    pointer="",  # not JSON; cue times were checked above, with lines
                    speaker=speaker,
                    paragraph_start=position == 0,
                    unit="ms",
                )
            )
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
