"""Scenarist SCC reader: CEA-608 broadcast captions back to a word-timed transcript.

Spec: the file layout of McPoodle's "Scenarist Closed Caption Format" and the codes of
47 CFR 15.119 and CTA-608-E (:mod:`cuecraft.formats.cea608`). What is read:

* **Header**: the first non-blank line is ``Scenarist_SCC V1.0`` (a BOM is allowed);
  :func:`sniff` recognises a file by it.
* **Lines**: a time code, white space, then 4-hex-digit words, one per frame from that time
  code on, at 29.97 fps. ``HH:MM:SS;FF`` (also ``.`` or ``,`` before the frames) is
  drop-frame, ``HH:MM:SS:FF`` non-drop-frame. A line that starts before the previous line's
  words have all gone out starts where they end (a decoder takes one word a frame); a line
  that starts before the previous line's time code is out of order: an error in strict
  mode, else it is read in place with a diagnostic. Blank lines are skipped.
* **Captions**: decoded by :mod:`cuecraft.readers._scc_decode` on channel 1: pop-on
  captions from their EOC, roll-up and paint-on text from its first character, each until
  the screen changes. Times are frames * 1001/30 ms from 00:00:00;00 (no offset is taken
  off; a file starting at 01:00:00;00 gives times from one hour).
* **Words**: as for the other subtitle readers
  (:func:`cuecraft.readers._subtitles.transcript_from_cues`): each caption's time is shared
  among its words by length; ``>>`` and ``Name:`` speaker labels follow the file's rule.
* **Problems** carry the 1-based line and column: a missing header, a malformed time code or
  word, a file without captions. Bytes with a parity error (CEA-608 bytes have odd parity)
  are decoded anyway and counted in one ``scc-parity`` diagnostic; codes on other channels
  and unknown codes in one ``scc-ignored`` note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from cuecraft.errors import InputError
from cuecraft.formats import cea608
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._scc_decode import Decoder
from cuecraft.readers._spec import ReaderSpec
from cuecraft.readers._subtitles import (
    RowsCue,
    SpeakerState,
    cues_as_written,
    read_cue_text,
    row_label,
)

__all__ = ["SPEC", "read", "read_cues", "sniff"]

HEADER: Final = "Scenarist_SCC V1.0"
_LINE_BREAK: Final = re.compile(r"\r\n|\r|\n")
_TIMECODE: Final = re.compile(r"(\d{2}):(\d{2}):(\d{2})([:;.,])(\d{2})")
_WORD: Final = re.compile(r"[0-9A-Fa-f]{4}")


def sniff(text: Any) -> bool:
    """Text whose first non-blank line is the ``Scenarist_SCC V1.0`` header."""
    if not isinstance(text, str):
        return False
    for line in _LINE_BREAK.split(text[:1024].removeprefix("\ufeff")):
        if line.strip():
            return line.strip().startswith(HEADER)
    return False


@dataclass
class _SccCue(RowsCue):
    """A caption as shown, with its rows."""


def _frame(match: re.Match[str]) -> int:
    hours, minutes, seconds, separator, frames = match.groups()
    return cea608.timecode_to_frame(
        int(hours), int(minutes), int(seconds), int(frames), drop=separator != ":"
    )


def _decode(text: str, *, source: str, strict: bool, notes: list[Diagnostic]) -> list[_SccCue]:
    lines = _LINE_BREAK.split(text.removeprefix("\ufeff"))
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None or not lines[first].strip().startswith(HEADER):
        raise InputError(
            f"not an SCC file: the first line must be {HEADER!r}",
            source=source,
            line=(first or 0) + 1,
            column=1,
        )
    decoder = Decoder()
    cursor = 0  # the frame the next word goes out on
    previous_start = -1
    parity_errors = 0
    for number, line in enumerate(lines[first + 1 :], start=first + 2):
        stripped = line.strip()
        if not stripped:
            continue
        match = _TIMECODE.match(stripped)
        try:
            start = _frame(match) if match is not None else None
        except ValueError as exc:
            raise InputError(str(exc), source=source, line=number, column=1) from None
        if match is None or start is None:
            raise InputError(
                f"expected a time code HH:MM:SS;FF and words, got {stripped[:40]!r}",
                source=source,
                line=number,
                column=1,
            )
        if start < previous_start:
            message = "time code is earlier than the previous line's (lines must be in order)"
            if strict:
                raise InputError(message, source=source, line=number, column=1)
            notes.append(
                Diagnostic(
                    code="scc-out-of-order",
                    source=source,
                    message=f"line {number}: {message}; read in place",
                )
            )
            cursor = start
        previous_start = start
        cursor = max(cursor, start)
        column = match.end() + 1 + (len(line) - len(line.lstrip()))
        for word_match in re.finditer(r"\S+", stripped[match.end() :]):
            word = word_match.group()
            if not _WORD.fullmatch(word):
                raise InputError(
                    f"expected a word of 4 hex digits, got {word[:12]!r}",
                    source=source,
                    line=number,
                    column=column + word_match.start(),
                )
            value = int(word, 16)
            high, low = value >> 8, value & 0xFF
            parity_errors += (cea608.parity(high & 0x7F) != high) + (
                cea608.parity(low & 0x7F) != low
            )
            decoder.feed(high & 0x7F, low & 0x7F, cursor, number)
            cursor += 1
    shown = decoder.finish(cursor)
    if parity_errors:
        notes.append(
            Diagnostic(
                code="scc-parity",
                source=source,
                message=f"{parity_errors} bytes have even parity (CEA-608 bytes have odd "
                "parity); decoded anyway",
            )
        )
    if decoder.overflow:
        notes.append(
            Diagnostic(
                code="scc-row-overflow",
                source=source,
                message=f"{decoder.overflow} characters were written past column 32; kept "
                "(a decoder would overwrite the last column with them)",
            )
        )
    if decoder.ignored:
        notes.append(
            Diagnostic(
                code="scc-ignored",
                source=source,
                severity="info",
                message=f"{decoder.ignored} codes with no caption meaning were ignored",
            )
        )
    cues = [
        _SccCue(
            cea608.frame_to_ms(item.start),
            cea608.frame_to_ms(item.end if item.end is not None else cursor),
            "\n".join(item.rows),
            item.line,
            [row.strip() for row in item.rows if row.strip()],
        )
        for item in shown
    ]
    cues = [cue for cue in cues if cue.rows]
    if not cues:
        raise InputError(
            "no captions found in this SCC file (nothing is ever shown on channel 1)",
            source=source,
            line=first + 1,
        )
    return cues


def _words_of(cue: _SccCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    words: list[tuple[str, str | None]] = []
    for row in cue.rows:
        words.extend((word, speakers.current) for word in row_label(row, speakers).split())
    return words


def read_cues(
    data: bytes | str, *, source: str = "<bytes>"
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The captions as shown, ``(start_ms, end_ms, rows)``, for ``cuecraft check``.

    Raises:
        InputError: for a file that is not SCC, is malformed, or shows no caption.
    """
    return cues_as_written(data, _decode, source=source)


def read(
    text: str, *, source: str, strict: bool = True, speaker_labels: str = "auto"
) -> Transcript:
    """Read a Scenarist SCC file (CEA-608 pop-on, roll-up and paint-on captions).

    Args:
        text: the decoded file.
        source: a label for messages (file name).
        strict: when False, lines out of time order are read in place, with a diagnostic.
        speaker_labels: which row-start ``Name:`` prefixes are speaker labels: ``"auto"``,
            ``"always"`` or ``"none"`` (see :mod:`._speakers`).

    Raises:
        InputError: with the line (and column) at fault, or when no caption is shown.
    """
    return read_cue_text(
        text,
        _decode,
        _words_of,
        source=source,
        reader="scc",
        strict=strict,
        speaker_labels=speaker_labels,
    )


SPEC = ReaderSpec(
    name="scc",
    kind="text",
    extensions=(".scc",),
    sniff=sniff,
    read=read,
    options=("speaker_labels",),
    description="Scenarist SCC broadcast captions (CEA-608 pop-on, roll-up, paint-on)",
    read_cues=read_cues,
    # SCC time codes count 29.97 fps frames (drop-frame or not), whatever the file says.
    frame_rate=lambda data: 30000 / 1001,
)
