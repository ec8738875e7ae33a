"""A linear block parser for SubRip and WebVTT: timing lines, identifiers, rows, with line numbers.

One pass over the lines (the text's line endings are already ``\\n``); every regular
expression is anchored and has no two adjacent unbounded quantifiers that can match the same
characters, so the cost is linear in the input whatever it holds (issue #10).

* A **timing line** is ``START --> END`` with optional cue settings after a space or tab. A
  time is ``[H:]M:S.fff`` with ``.`` or ``,`` before the fraction (SRT's ``00:00:01,000``,
  WebVTT's ``00:01.000``, MS Teams' ``0:0:0.210``); the fraction is decimal (``,5`` is
  500 ms, ``,04`` is 40 ms). A time with hours may have no fraction (``00:01:39``, as
  astisub and other tools write it); without hours it needs one, since ``01:39`` could be
  hours and minutes. Such short times are unambiguous, so they are read in strict mode too,
  with one ``short-time`` info note (the first line and the count). Hours above 99, minutes
  or seconds above 59 or a fraction of more than three digits make the timing line
  malformed.
* The line just before a timing line is the cue's **identifier**: in WebVTT any line that
  follows a blank line (or the header); in SRT a number that follows a blank line, or that
  is the previous cue's number plus one. Any other line is text, so a cue whose last row is a
  number (``We counted to`` / ``10``) keeps it.
* A cue's **rows** are the non-blank lines after its timing line up to the next cue's
  identifier or timing line; blank lines inside a cue are not an end of text (real files
  have them), so no text is lost.
* A line with ``-->`` that is not a valid timing line is **malformed** when it stands where a
  timing line is expected (after a blank line, or after an identifier that follows one):
  an error, or with ``strict=False`` its block is skipped with a diagnostic. Elsewhere it is
  text (a row may say ``-->``).
* WebVTT: the ``WEBVTT`` header runs to the first blank line; ``NOTE``, ``STYLE`` and
  ``REGION`` blocks run to the next blank line and are skipped. Text before the first cue
  that is not an identifier is reported (``text-outside-cues``) and skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final, Literal

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic

__all__ = ["BlockCue", "Format", "parse_blocks"]

Format = Literal["srt", "vtt"]

_TIME: Final = r"(?:(\d{1,9}):)?(\d{1,9}):(\d{1,9})(?:[.,](\d{1,9}))?"
# Disjoint neighbours only: digits, then [ \t]*, then the arrow; ".*" comes after a blank.
_TIMING: Final = re.compile(rf"[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}(?:[ \t].*)?")
_VTT_BLOCK: Final = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")
_MAX_HOURS: Final = 99


@dataclass
class BlockCue:
    """A cue as written: its times, its rows with their line numbers, its timing line."""

    start_ms: int
    end_ms: int
    line: int
    identifier: str | None = None
    rows: list[tuple[int, str]] = field(default_factory=list)


def _ms(groups: tuple[str | None, ...]) -> int | str:
    """Milliseconds from one time's groups, or why the time is malformed."""
    hours, minutes, seconds, fraction = groups
    if hours is not None and int(hours) > _MAX_HOURS:
        return f"hours {hours} are implausible (at most {_MAX_HOURS})"
    if int(minutes or 0) > 59 or int(seconds or 0) > 59:
        return "minutes and seconds run from 00 to 59"
    if fraction is None and hours is None:
        return "a time without hours needs a fraction of a second (00:01.000)"
    if fraction is not None and len(fraction) > 3:
        return "the fraction of a second has at most 3 digits"
    fraction = fraction or ""
    whole = (int(hours or 0) * 60 + int(minutes or 0)) * 60 + int(seconds or 0)
    return whole * 1000 + int(fraction.ljust(3, "0"))


def _short(groups: tuple[str | None, ...]) -> bool:
    """A time written without milliseconds or with a fraction of fewer than 3 digits."""
    return any(fraction is None or len(fraction) < 3 for fraction in (groups[3], groups[7]))


def _timing(line: str) -> tuple[int, int, bool] | str | None:
    """``(start_ms, end_ms, short)`` of a timing line, a reason it is malformed, or None (no
    arrow); ``short`` when a time has no milliseconds or a 1- or 2-digit fraction."""
    if "-->" not in line:
        return None
    match = _TIMING.fullmatch(line)
    if match is None:
        return "expected START --> END with times like 00:00:01,000"
    start, end = _ms(match.groups()[:4]), _ms(match.groups()[4:])
    if isinstance(start, str):
        return start
    if isinstance(end, str):
        return end
    return start, end, _short(match.groups())


def _looks_timed(line: str) -> bool:
    """A line meant as a timing line: a clock time (digits and a colon) before the arrow."""
    before = line.split("-->", 1)[0].strip()
    return before[:1].isdigit() and ":" in before


def _follows(candidate: str, last: str) -> bool:
    """Whether cue number ``candidate`` is ``last`` + 1. Numbers of more than 18 digits are
    no cue numbers (and Python refuses to convert more than 4,300 digits)."""
    if not (last.isdecimal() and len(candidate) <= 18 and len(last) <= 18):
        return False
    return int(candidate) == int(last) + 1


class _Parser:
    def __init__(self, fmt: Format, source: str, strict: bool, notes: list[Diagnostic]) -> None:
        self.fmt = fmt
        self.source = source
        self.strict = strict
        self.notes = notes
        self.cues: list[BlockCue] = []
        self.stray: list[tuple[int, str]] = []  # text before the first cue
        self.after_blank: set[int] = set()  # line numbers of lines that follow a blank line
        self.skipping = False
        self.short: list[int] = []  # line numbers of timing lines with short times

    def rows(self) -> list[tuple[int, str]]:
        return self.cues[-1].rows if self.cues else self.stray

    def identifier(self, number: int) -> str | None:
        """Pop and return the line before timing line ``number`` if it is the identifier."""
        rows = self.rows()
        if not rows or rows[-1][0] != number - 1:
            return None
        previous, text = rows[-1]
        candidate = text.strip()
        if self.fmt == "vtt":
            is_id = previous in self.after_blank
        else:
            last = self.cues[-1].identifier if self.cues else None
            is_id = candidate.isdecimal() and (
                previous in self.after_blank or (last is not None and _follows(candidate, last))
            )
        if not is_id:
            return None
        rows.pop()
        return candidate

    def expects_timing(self, number: int) -> bool:
        rows = self.rows()
        if number in self.after_blank:
            return True
        return bool(rows) and rows[-1][0] == number - 1 and rows[-1][0] in self.after_blank

    def malformed(self, number: int, line: str, reason: str) -> None:
        message = f"malformed timing line {line.strip()[:80]!r}: {reason}"
        if self.strict:
            raise InputError(message, source=self.source, line=number, column=1)
        self.notes.append(
            Diagnostic(
                code="malformed-timing",
                source=self.source,
                message=f"line {number}: {message}; the block was skipped",
            )
        )
        self.identifier(number)
        self.skipping = True

    def feed(self, number: int, line: str, blank_before: bool) -> None:
        if blank_before:
            self.after_blank.add(number)
            self.skipping = False
        if self.skipping:
            return
        timing = _timing(line)
        if isinstance(timing, tuple):
            if timing[2]:
                self.short.append(number)
            identifier = self.identifier(number)
            self.cues.append(BlockCue(timing[0], timing[1], number, identifier))
            return
        if timing is not None and (_looks_timed(line) or self.expects_timing(number)):
            self.malformed(number, line, timing)
            return
        if self.fmt == "vtt" and blank_before and _VTT_BLOCK.match(line):
            self.skipping = True  # NOTE, STYLE, REGION: to the next blank line
            return
        self.rows().append((number, line))


def parse_blocks(
    text: str, fmt: Format, *, source: str, strict: bool, notes: list[Diagnostic]
) -> list[BlockCue]:
    """The cues of SRT or WebVTT text whose line endings are ``\\n`` (see the module docstring).

    Raises:
        InputError: for a malformed timing line (strict), or when there is no cue.
    """
    parser = _Parser(fmt, source, strict, notes)
    lines = text.split("\n")
    index = 0
    if fmt == "vtt" and lines and lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        index = 1  # the header: to the first blank line (or a timing line without one)
        while index < len(lines) and lines[index].strip() and "-->" not in lines[index]:
            index += 1
    blank_before = True
    for number in range(index + 1, len(lines) + 1):
        line = lines[number - 1]
        if not line.strip():
            blank_before = True
            continue
        parser.feed(number, line, blank_before)
        blank_before = False
    if parser.stray:
        first = parser.stray[0][0]
        notes.append(
            Diagnostic(
                code="text-outside-cues",
                source=source,
                message=(
                    f"line {first}: {len(parser.stray)} line(s) of text before the first cue "
                    "were skipped"
                ),
            )
        )
    if parser.short:
        notes.append(
            Diagnostic(
                code="short-time",
                source=source,
                severity="info",
                message=(
                    f"line {parser.short[0]}: {len(parser.short)} timing line(s) with times "
                    "without milliseconds or with a 1- or 2-digit fraction of a second, read "
                    "as decimal fractions (00:01:41,04 is 1 min 41.040 s)"
                ),
            )
        )
    if not parser.cues:
        raise InputError(f"no cues found in this {fmt.upper()} input", source=source)
    return parser.cues
