"""Advanced SubStation Alpha (ASS) and SSA reader: Aegisub scripts back to a transcript.

pysubs2 parses the script (``SSAFile.from_string``; ASS or SSA from its styles section, or an
SSA ``Format: Marked`` event line); this module maps its events to cues and then to words with
:func:`cuecraft.readers._subtitles.transcript_from_cues`, so word times are approximated by
character length inside each event, as for SRT.

* ``Comment`` events are skipped, as players skip them; so are ``Picture``, ``Sound`` and
  other event kinds pysubs2 does not read. Styles, layers, positions and effects are ignored.
* Text is ``SSAEvent.plaintext``: override blocks (``{\\i1}``, ``{\\pos(10,20)}``, karaoke
  ``{\\k20}``) removed, ``\\N`` and ``\\n`` become row breaks and ``\\h`` a space. Vector
  drawings (text after ``{\\p1}``) are shapes, not words, and are dropped. A WORD JOINER right
  after a backslash (U+2060, what :mod:`cuecraft.writers.ass` puts there so that ``\\N`` in
  text stays text) is removed again.
* Speakers: in a script that fills the Name ("Actor") field of any event, each event's words
  belong to its Name (none when it is empty); otherwise a speaker holds across events, as in
  SRT. Inside an event, ``Name:`` labels and dialogue dashes change the speaker by the SRT
  and WebVTT rules (:mod:`cuecraft.readers._subtitles`).
* ASS events need not be in time order (Aegisub keeps them in editing order, and signs are
  often grouped apart from dialogue), so the cues are sorted by start time, file order
  breaking ties, with an ``events-reordered`` note when that changes their order. Overlapping
  events (a sign during dialogue) are kept, and read as SRT reads overlapping cues.

Problems say where: ``line N`` of the file and ``event K`` (counting ``Dialogue`` and
``Comment`` events from 1). An event line with fewer than the ten fields or a time pysubs2
cannot read is an error, or with ``strict=False`` skipped with a diagnostic; a negative time
is always an error; end-before-start follows the SRT policy. A script without dialogue is an
error.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from typing import Any

import pysubs2
from pysubs2.formats.substation import SECTION_HEADING, SubstationFormat, parse_tags

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._spec import ReaderSpec
from cuecraft.readers._subtitles import SpeakerState, TimedCue, row_label, transcript_from_cues

__all__ = ["SPEC", "read", "sniff"]

# The section header every ASS/SSA script starts with (the SRT sniffer excludes it too).
_SIGNATURE = re.compile(r"^[ \t]*\[Script Info\][ \t]*$", re.M)
# A backslash with the writer's WORD JOINER before a character that would make a sequence.
_JOINED = re.compile("\\\\\u2060(?=[Nnh{}])")
# pysubs2 reads these sections as key/value pairs or attachments, never as events.
_NOT_EVENTS = ("Info", "Aegisub", "Fonts", "Graphics")
_EVENT_FIELDS = 10


@dataclass
class _EventCue(TimedCue):
    """A cue from one Dialogue event: its Name field and its event number (from 1)."""

    name: str = ""
    event: int = 0


@dataclass(frozen=True)
class _EventLine:
    line: int  # 1-based line of the file
    event: int  # 1-based among Dialogue and Comment events


def sniff(text: Any) -> bool:
    """Text with a ``[Script Info]`` line within its first 4 KiB: an ASS or SSA script.

    Every SubStation script starts with that section (Aegisub, libass and pysubs2 write it
    first). The SRT sniffer excludes any text holding it, WebVTT starts with ``WEBVTT`` and
    TTML is XML, so no other reader claims such a file.
    """
    return isinstance(text, str) and _SIGNATURE.search(text[:4096]) is not None


def _scan(lines: list[str]) -> tuple[list[_EventLine], list[tuple[int, str]]]:
    """Where pysubs2 will find events, and every Style or event line (mirrors ``from_file``)."""
    events: list[_EventLine] = []
    parsed: list[tuple[int, str]] = []
    skipping = False
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if SECTION_HEADING.match(line):
            skipping = any(word in line for word in _NOT_EVENTS)
        elif skipping:
            continue
        elif line.startswith(("Dialogue:", "Comment:")):
            events.append(_EventLine(number, len(events) + 1))
            parsed.append((number, line))
        elif line.startswith("Style:"):
            parsed.append((number, line))
    return events, parsed


def _format_of(text: str) -> str:
    guessed = SubstationFormat.guess_format(text)
    if guessed is not None:
        return guessed
    return "ssa" if re.search(r"^\s*Format:\s*Marked\b", text, re.M) else "ass"


def _parse(text: str, fmt: str) -> pysubs2.SSAFile:
    # pysubs2 warns about layers, margins and alignments it cannot read and uses a default;
    # none of those reach the transcript, so the warnings are not worth a diagnostic.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return pysubs2.SSAFile.from_string(text, format_=fmt)


def _failing(parsed: list[tuple[int, str]], fmt: str) -> list[tuple[int, str]]:
    """The Style and event lines pysubs2 cannot read on their own, with its reason."""
    failures: list[tuple[int, str]] = []
    for number, line in parsed:
        try:
            _parse(line, fmt)
        except Exception as exc:  # pysubs2 documents no parse errors; any is the line's fault
            failures.append((number, str(exc) or type(exc).__name__))
    return failures


def _events(text: str, *, source: str, strict: bool, notes: list[Diagnostic]) -> list[_EventCue]:
    lines = text.split("\n")
    fmt = _format_of(text)
    where, parsed = _scan(lines)
    by_line = {entry.line: entry for entry in where}

    def locate(number: int) -> str:
        entry = by_line.get(number)
        return f"event {entry.event}: " if entry else "style: "

    def reject(number: int, message: str) -> None:
        if strict:
            raise InputError(locate(number) + message, source=source, line=number)
        notes.append(
            Diagnostic(
                code="malformed-event",
                source=source,
                message=f"line {number}: {locate(number)}{message}; the line was skipped",
            )
        )
        lines[number - 1] = ""

    for entry in where:
        rest = lines[entry.line - 1].split(":", 1)[1]
        if rest.count(",") < _EVENT_FIELDS - 1:
            # pysubs2 would fill the missing fields with defaults (a 10 s event at 0:00).
            fields = rest.count(",") + 1
            reject(entry.line, f"{fields} fields; an event line has {_EVENT_FIELDS}")
    try:
        subs = _parse("\n".join(lines), fmt)
    except Exception as exc:
        failures = _failing([(n, lines[n - 1].strip()) for n, _ in parsed if lines[n - 1]], fmt)
        if not failures:
            raise InputError(f"cannot parse {fmt.upper()}: {exc}", source=source) from exc
        for number, reason in failures:
            reject(number, f"cannot parse: {reason}")
        try:
            subs = _parse("\n".join(lines), fmt)
        except Exception as again:
            raise InputError(f"cannot parse {fmt.upper()}: {again}", source=source) from again
    remaining = [entry for entry in where if lines[entry.line - 1]]
    events = list(subs.events)
    if len(events) != len(remaining):  # never expected: _scan mirrors pysubs2
        remaining = [_EventLine(0, index + 1) for index in range(len(events))]
    cues: list[_EventCue] = []
    for entry, event in zip(remaining, events, strict=True):
        if event.is_comment:
            continue
        if event.start < 0 or event.end < 0:
            raise InputError(
                f"event {entry.event}: negative time", source=source, line=entry.line or None
            )
        cues.append(
            _EventCue(
                start_ms=event.start,
                end_ms=event.end,
                text=_plain(event),
                line=entry.line or None,
                name=event.name.strip(),
                event=entry.event,
            )
        )
    if not cues:
        raise InputError(f"no dialogue events found in this {fmt.upper()} input", source=source)
    return cues


def _plain(event: pysubs2.SSAEvent) -> str:
    if event.is_drawing:
        kept = "".join(fragment for fragment, style in parse_tags(event.text) if not style.drawing)
        event = pysubs2.SSAEvent(text=kept)
    return _JOINED.sub("\\\\", event.plaintext)


def _in_time_order(cues: list[_EventCue], *, source: str, notes: list[Diagnostic]) -> None:
    ordered = sorted(cues, key=lambda cue: cue.start_ms)  # stable: file order breaks ties
    moved = sum(1 for a, b in zip(cues, ordered, strict=True) if a is not b)
    if moved:
        notes.append(
            Diagnostic(
                code="events-reordered",
                source=source,
                severity="info",
                message=f"events are not in time order; sorted by start time ({moved} moved)",
            )
        )
        cues[:] = ordered


def read(text: str, *, source: str, strict: bool = True) -> Transcript:
    """Read an ASS or SSA script.

    Args:
        text: the decoded file.
        source: a label for messages (file name).
        strict: when False, malformed event lines and repairable time problems become
            diagnostics instead of errors.

    Raises:
        InputError: with the line (and event number) at fault, or when there is no dialogue.

    Example:
        >>> script = (
        ...     "[Script Info]\\nScriptType: v4.00+\\n\\n[Events]\\n"
        ...     "Dialogue: 0,0:00:01.00,0:00:02.00,Default,Ann,0,0,0,,{\\\\i1}Hello\\\\Nthere.\\n"
        ... )
        >>> [(w.text, w.start_ms, w.speaker) for w in read(script, source="x").words]
        [('Hello', 1000, 'Ann'), ('there.', 1454, 'Ann')]
    """
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        line = text.count("\n", 0, exc.start) + 1
        raise InputError("lone surrogate in the text", source=source, line=line) from exc
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    notes: list[Diagnostic] = []
    cues = _events(text, source=source, strict=strict, notes=notes)
    _in_time_order(cues, source=source, notes=notes)
    uses_names = any(cue.name for cue in cues)

    def words_of(cue: _EventCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
        if uses_names:
            speakers.current = None
            if cue.name:
                speakers.name(cue.name)
        words: list[tuple[str, str | None]] = []
        for row in cue.text.split("\n"):
            words.extend((word, speakers.current) for word in row_label(row, speakers).split())
        return words

    return transcript_from_cues(
        cues, words_of, source=source, reader="ass", strict=strict, notes=notes
    )


SPEC = ReaderSpec(
    name="ass",
    kind="text",
    extensions=(".ass", ".ssa"),
    sniff=sniff,
    read=read,
    description="Advanced SubStation Alpha and SSA scripts (Aegisub; word times approximated)",
)
