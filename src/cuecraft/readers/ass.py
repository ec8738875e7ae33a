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
  SRT. Inside an event, ``Name:`` labels and dialogue dashes follow the rule of
  :mod:`cuecraft.readers._speakers` (reader option ``speaker_labels``): a label is decided
  per file, and a dash without one stays text and never creates a speaker.
* ASS events need not be in time order (Aegisub keeps them in editing order, and signs are
  often grouped apart from dialogue), so the cues are sorted by start time, file order
  breaking ties, with an ``events-reordered`` note when that changes their order. Events
  that overlap in time (a sign during dialogue) are merged into one cue, their words in
  that order, as every subtitle reader does (:mod:`cuecraft.readers._subtitles`).
* Text is decoded by :func:`cuecraft.readers._spec.decode_text`; its notes (a fallback
  encoding, replaced bytes) become the transcript's diagnostics.

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
from typing import TYPE_CHECKING, Any

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._decoding import decode_text, decoding_notes, normalise_newlines
from cuecraft.readers._spec import ReaderSpec
from cuecraft.readers._subtitles import (
    SpeakerState,
    TimedCue,
    check_speaker_labels,
    row_label,
    transcript_from_cues,
)

# pysubs2 loads only when an ASS/SSA file is read (sniffing needs no parser).
if TYPE_CHECKING:
    import pysubs2

__all__ = ["SPEC", "read", "sniff"]

# The section header every ASS/SSA script starts with (the SRT sniffer excludes it too).
# "\r" too: a CRLF script handed in as a str is still a script (issue #9).
_SIGNATURE = re.compile(r"^[ \t]*\[Script Info\][ \t\r]*$", re.M)
# A backslash with the writer's WORD JOINER before a character that would make a sequence.
_JOINED = re.compile("\\\\\u2060(?=[Nnh{}])")
# pysubs2 reads these sections as key/value pairs or attachments, never as events.
# In an override block: "\p1" starts a vector drawing, "\p0" or a style reset "\r" ends it.
_DRAWING = re.compile(r"\\(?:p(\d{1,9})|r)")
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
    from pysubs2.formats.substation import SECTION_HEADING

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
    from pysubs2.formats.substation import SubstationFormat

    guessed = SubstationFormat.guess_format(text)
    if guessed is not None:
        return guessed
    # "[ \t]*", not "\s*": with re.M, "\s*" runs over newlines from every line start, which
    # is quadratic in a run of blank lines.
    return "ssa" if re.search(r"^[ \t]*Format:[ \t]*Marked\b", text, re.M) else "ass"


def _parse(text: str, fmt: str) -> pysubs2.SSAFile:
    # pysubs2 warns about layers, margins and alignments it cannot read and uses a default;
    # none of those reach the transcript, so the warnings are not worth a diagnostic.
    import pysubs2

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
    blocks = 0
    first_line: int | None = None
    first_block = ""
    for entry, event in zip(remaining, events, strict=True):
        if event.is_comment:
            continue
        if event.start < 0 or event.end < 0:
            raise InputError(
                f"event {entry.event}: negative time", source=source, line=entry.line or None
            )
        text, found, example = _plain(event.text)
        if found and first_line is None:
            first_line, first_block = entry.line or None, example
        blocks += found
        cues.append(
            _EventCue(
                start_ms=event.start,
                end_ms=event.end,
                text=text,
                line=entry.line or None,
                name=event.name.strip(),
                event=entry.event,
            )
        )
    if not cues:
        raise InputError(f"no dialogue events found in this {fmt.upper()} input", source=source)
    if blocks:
        at = f"line {first_line}: " if first_line else ""
        notes.append(
            Diagnostic(
                code="markup-stripped",
                source=source,
                severity="info",
                message=f"{at}{blocks} override block(s) removed, the first {first_block!r}",
            )
        )
    return cues


def _plain(text: str) -> tuple[str, int, str]:
    """An event's text without override blocks and drawings; how many blocks, the first.

    The same reading as pysubs2's ``plaintext`` and ``parse_tags`` (a block runs from ``{``
    to the next ``}``; an unclosed ``{`` is text; ``\\p1`` starts a drawing, ``\\p0`` or
    ``\\r`` ends it), but in one pass: theirs rescans the rest of the text from every ``{``
    and joins every prefix of the blocks, which is quadratic (issue #10).
    """
    pieces: list[str] = []
    drawing = False
    blocks = position = 0
    first = ""
    while (opening := text.find("{", position)) >= 0:
        closing = text.find("}", opening + 1)
        if closing < 0:
            break
        if not drawing:
            pieces.append(text[position:opening])
        for match in _DRAWING.finditer(text, opening + 1, closing):
            drawing = match.group(1) is not None and int(match.group(1)) > 0
        blocks += 1
        first = first or text[opening : min(closing + 1, opening + 20)]
        position = closing + 1
    if not drawing:
        pieces.append(text[position:])
    plain = "".join(pieces).replace("\\h", " ").replace("\\n", "\n").replace("\\N", "\n")
    return _JOINED.sub("\\\\", plain), blocks, first


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


def read_cues(
    data: bytes | str, *, source: str = "<bytes>"
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The script's dialogue events as ``(start_ms, end_ms, rows)`` as shown, in file order,
    for ``cuecraft check``: override blocks removed, ``\\N`` and ``\\n`` split rows, no repair.

    Raises:
        InputError: for a malformed event line or no dialogue, with the line.
    """
    text = decode_text(data, source=source)
    cues = _events(text, source=source, strict=True, notes=[])
    return [
        (cue.start_ms, cue.end_ms, tuple(row.strip() for row in cue.text.split("\n")))
        for cue in cues
    ]


def read(
    text: str, *, source: str, strict: bool = True, speaker_labels: str = "auto"
) -> Transcript:
    """Read an ASS or SSA script.

    Args:
        text: the decoded file.
        source: a label for messages (file name).
        strict: when False, malformed event lines and repairable time problems become
            diagnostics instead of errors.
        speaker_labels: which row-start ``Name:`` prefixes are speaker labels: ``"auto"``
            (decided per file), ``"always"`` or ``"none"`` (see :mod:`._speakers`).

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
    mode = check_speaker_labels(speaker_labels)
    notes = decoding_notes(text)
    text = normalise_newlines(text)
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
        cues,
        words_of,
        source=source,
        reader="ass",
        strict=strict,
        notes=notes,
        speaker_labels=mode,
    )


SPEC = ReaderSpec(
    name="ass",
    kind="text",
    extensions=(".ass", ".ssa"),
    sniff=sniff,
    read=read,
    options=("speaker_labels",),
    description="Advanced SubStation Alpha and SSA scripts (Aegisub; word times approximated)",
    read_cues=read_cues,
)
