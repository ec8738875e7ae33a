"""SubViewer (SBV) reader: YouTube and Scribie ``.sbv`` subtitles back to a word-timed transcript.

Spec: there is no formal one. The layout is YouTube's "SubViewer (.sbv)" caption download, which
Scribie offers among its transcript formats (seed 002), and SubViewer 2.0, the program the
format comes from. What is read:

* **Cues**: blocks separated by blank lines. Each block is a timing line
  ``H:MM:SS.mmm,H:MM:SS.mmm`` (YouTube writes ``0:00:01.200,0:00:03.500``; hours are not
  zero-padded and may have more digits, spaces around the comma are tolerated) followed by
  the cue's rows. There are no cue numbers. A line that is a timing line always starts a new
  cue, even without a blank line before it (the writer defuses rows that look like one).
* **Times**: the fraction is a decimal fraction of a second, so SubViewer 2's centiseconds
  (``00:00:01.20``) are 1200 ms, as is YouTube's ``0:00:01.200``. Minutes and seconds above
  59 make a malformed timing line.
* **SubViewer 2 header**: a file may start with ``[INFORMATION]`` ... ``[END INFORMATION]``,
  ``[SUBTITLE]`` and style lines such as ``[COLF]&HFFFFFF,[STYLE]bd,...``; every bracketed
  line before the first timing line is skipped. ``[DELAY]`` is not applied (a warning says so
  when it is not zero); the other header fields are ignored. :func:`sniff` recognises such a
  file, but ``detect()`` takes text starting with ``[`` for JSON, so name the reader
  (``format="sbv"``, ``--from sbv``); ``cuecraft check`` detects it.
* **Text**: decoded by :func:`cuecraft.readers._spec.decode_text` (BOMs, ``encoding=``, the
  warned fallbacks); its notes become the transcript's diagnostics. ``[br]``
  (any case) inside a row is a row break, as in SubViewer 2. There is no markup: the text is
  kept as written.
* **Words**: as for SRT (:func:`cuecraft.readers._subtitles.transcript_from_cues`): each
  cue's time is shared among its words in proportion to their length, not overlapping the
  next cue; every cue's first word gets ``paragraph_start``.
* **Speakers**: by the rule of :mod:`cuecraft.readers._speakers`, as for SRT: ``>>``
  leading a row is YouTube's mark of a change of speaker; ``>> ANNA: Hi`` names the speaker
  ``ANNA`` when ``ANNA:`` is a label by the file's rule (``speaker_labels``), and a bare
  ``>> Hi`` stays text (the words ``>>`` and ``Hi``), the speaker unknown from there: a
  chevron says the speaker changed, not who speaks. ``-`` dashes work the same way.

Problems carry the 1-based line: a block that does not start with a valid timing line, a cue
ending before it starts or starting before the previous cue by more than
``REPAIR_TOLERANCE_MS`` (smaller slips are repaired with a diagnostic), and a file without any
cue. With ``strict=False`` a block with a malformed timing line is skipped with a diagnostic
and larger slips are repaired too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._spec import MAX_SECONDS, ReaderSpec
from cuecraft.readers._subtitles import (
    RowsCue,
    SpeakerState,
    cues_as_written,
    read_cue_text,
    row_label,
)

__all__ = ["SPEC", "read", "read_cues", "sniff"]

_TIME: Final = r"(\d{1,9}):([0-5]?\d):([0-5]?\d)\.(\d{1,3})"
_TIMING: Final = re.compile(rf"[ \t]*{_TIME}[ \t]*,[ \t]*{_TIME}[ \t]*")
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_BREAK_TAG: Final = re.compile(r"\[br\]", re.IGNORECASE)
_HEADER: Final = "[INFORMATION]"
_EXPECTED: Final = "H:MM:SS.mmm,H:MM:SS.mmm"


def _lines(text: str) -> list[str]:
    return _LINE_BREAK.split(text)


def sniff(text: Any) -> bool:
    """Text whose first non-blank line is an SBV timing line, or a SubViewer 2 header.

    SRT starts with a cue number and its timing lines hold ``-->``; WebVTT starts with
    ``WEBVTT``; SubStation with ``[Script Info]``: none of them has a first line of the form
    ``H:MM:SS.mmm,H:MM:SS.mmm``. A SubViewer 2 header (``[INFORMATION]``) counts only with an
    SBV timing line in the first 4 KiB.
    """
    if not isinstance(text, str):
        return False
    lines = _lines(text[:4096].removeprefix("\ufeff"))
    first = next((line.strip() for line in lines if line.strip()), "")
    if first.upper() == _HEADER:
        return any(_TIMING.fullmatch(line) for line in lines)
    return _TIMING.fullmatch(first) is not None


@dataclass
class _SbvCue(RowsCue):
    """A cue with its rows as written (split at ``[br]``)."""


def _ms(match: re.Match[str], first: int) -> int:
    hours, minutes, seconds, fraction = (match.group(first + n) for n in range(4))
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(
        fraction.ljust(3, "0")
    )


def _skip_header(lines: list[str], source: str, notes: list[Diagnostic]) -> int:
    """Index of the first line after a SubViewer 2 header (0 when there is none)."""
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or lines[first].strip().upper() != _HEADER:
        return 0
    index = first + 1
    while index < len(lines):
        line = lines[index].strip()
        if _TIMING.fullmatch(line) or (line and not line.startswith("[")):
            break
        if line.upper().startswith("[DELAY]") and line[7:].strip() not in ("", "0"):
            notes.append(
                Diagnostic(
                    code="sbv-delay-ignored",
                    source=source,
                    message=f"line {index + 1}: SubViewer {line!r} is not applied",
                )
            )
        index += 1
    return index


def _parse(text: str, *, source: str, strict: bool, notes: list[Diagnostic]) -> list[_SbvCue]:
    lines = _lines(text)
    start = _skip_header(lines, source, notes)
    cues: list[_SbvCue] = []
    current: _SbvCue | None = None
    skipping = False
    for number, line in enumerate(lines[start:], start=start + 1):
        if not line.strip():
            current, skipping = None, False
            continue
        if skipping:
            continue
        timing = _TIMING.fullmatch(line)
        if timing is not None:
            start_ms, end_ms = _ms(timing, 1), _ms(timing, 5)
            if max(start_ms, end_ms) > MAX_SECONDS * 1000:
                raise InputError(
                    f"cue time is implausibly large (over {MAX_SECONDS:.0e} s)",
                    source=source,
                    line=number,
                    column=1,
                )
            current = _SbvCue(start_ms, end_ms, "", number)
            cues.append(current)
            continue
        if current is not None:
            current.rows.extend(_BREAK_TAG.split(line))
            continue
        message = f"expected a timing line {_EXPECTED}, got {line.strip()[:60]!r}"
        if strict:
            raise InputError(message, source=source, line=number, column=1)
        notes.append(
            Diagnostic(
                code="malformed-timing",
                source=source,
                message=f"line {number}: {message}; the block was skipped",
            )
        )
        skipping = True
    if not cues:
        raise InputError(
            f"no cues found in this SBV input (expected a timing line {_EXPECTED})",
            source=source,
            line=min(start + 1, len(lines)),
        )
    for cue in cues:
        cue.text = "\n".join(cue.rows)
    return cues


def _words_of(cue: _SbvCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    words: list[tuple[str, str | None]] = []
    for row in cue.rows:
        words.extend((word, speakers.current) for word in row_label(row, speakers).split())
    return words


def read_cues(
    data: bytes | str, *, source: str = "<bytes>"
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The file's cues as ``(start_ms, end_ms, rows)`` in file order, as written.

    For checking an SBV file against subtitle rules (``cuecraft check``): no repair, no words;
    rows are split at line ends and ``[br]``, ``>>`` and labels are kept.

    Raises:
        InputError: for a malformed timing line or no cue, with the line.
    """
    return cues_as_written(data, _parse, source=source)


def read(
    text: str, *, source: str, strict: bool = True, speaker_labels: str = "auto"
) -> Transcript:
    """Read SBV text (YouTube, Scribie; SubViewer 2 too).

    Args:
        text: the decoded file.
        source: a label for messages (file name).
        strict: when False, a block with a malformed timing line is skipped and cue timing
            slips are repaired, each with a diagnostic, instead of raising.
        speaker_labels: which row-start ``Name:`` prefixes are speaker labels: ``"auto"``
            (decided per file), ``"always"`` or ``"none"`` (see :mod:`._speakers`).

    Raises:
        InputError: with the line of the cue at fault, or when there is no cue or no word.

    Example:
        >>> t = read("0:00:01.000,0:00:02.000\\n>> ANNA: Hello there.\\n", source="x")
        >>> [(w.text, w.start_ms, w.speaker) for w in t.words]
        [('Hello', 1000, 'ANNA'), ('there.', 1454, 'ANNA')]
    """
    return read_cue_text(
        text,
        _parse,
        _words_of,
        source=source,
        reader="sbv",
        strict=strict,
        speaker_labels=speaker_labels,
    )


SPEC = ReaderSpec(
    name="sbv",
    kind="text",
    # Only .sbv: SubViewer 2 files are often named .sub, which MicroDVD uses too.
    extensions=(".sbv",),
    sniff=sniff,
    read=read,
    options=("speaker_labels",),
    description="SubViewer/YouTube SBV subtitles (word times approximated inside each cue)",
    read_cues=read_cues,
)
