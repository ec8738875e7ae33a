"""SubViewer (SBV) writer, laid out like YouTube's "SubViewer (.sbv)" caption download.

Each cue is its times ``H:MM:SS.mmm,H:MM:SS.mmm`` (hours not zero-padded, as YouTube writes
them) and its rows; there are no cue numbers. Cues are separated by one blank line and the
file ends with one line ending, UTF-8 without a BOM::

    0:00:00.449,0:00:03.769
    Hi, welcome to Amber script, in this short

    0:00:03.869,0:00:07.400
    video, we would like to show you how
    you can use Amber script at its full

SBV has no escaping, so text is written as it is, with the row rules of SRT (see
:mod:`cuecraft.writers._cuetext`: rows stripped, empty ones dropped, a cue without text
skipped with a diagnostic). Two things in a row could change the file's meaning, so they are
defused with a WORD JOINER (U+2060, invisible, zero width) and reported:

* a row holding two clock times (``0:00:01.000,0:00:02.000``) would be read as the timing line
  of a new cue: the joiner goes after the hours of each clock time (code
  ``timing-line-in-text``), as the SRT writer does;
* ``[br]`` is a row break for SubViewer readers: the joiner goes after the ``[`` (code
  ``break-tag-in-text``).

Speaker labels: ``prefix`` writes ``Name: `` at each change of speaker; ``chevrons`` writes
YouTube's ``>> Name: `` there (``>>`` alone when the new speaker is unknown).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final, Literal, TextIO

from pydantic import BaseModel, ConfigDict

from cuecraft.model import Cue, Diagnostic
from cuecraft.timing import format_clock
from cuecraft.writers._cuetext import Row, plan
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "SbvOptions", "write"]


class SbvOptions(BaseModel):
    """Options of the SBV writer.

    Example: Windows line endings and YouTube's speaker marks::

        SbvOptions(eol="\\r\\n", speaker_labels="chevrons")
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""

    speaker_labels: Literal["none", "prefix", "chevrons"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker); chevrons (YouTube
    '>> Name: ' at each change of speaker)."""


# A clock time as lenient SubViewer (and SRT) readers see one; hours of any length. The
# lookbehind starts a match only at the first digit of a run: without it, each digit of a
# long run tried (and failed) again, quadratic time on a word of digits (issue 10).
_CLOCK: Final = re.compile(r"(?<!\d)(\d+)(:\d{1,2}:\d{1,2}[.,]\d+)")
_BREAK_TAG: Final = re.compile(r"\[(br\])", re.IGNORECASE)
_WORD_JOINER: Final = "\u2060"


def _clock(ms: int) -> str:
    return format_clock(ms, separator=".", hours_digits=1)


def _row_text(row: Row) -> str:
    text = row.text if row.label is None else f"{row.label}: {row.text}"
    return f">> {text}" if row.chevrons else text


def _defuse(text: str, cue_index: int, context: WriteContext | None) -> str:
    notes: list[Diagnostic] = []
    if len(_CLOCK.findall(text)) >= 2:
        text = _CLOCK.sub(lambda m: m.group(1) + _WORD_JOINER + m.group(2), text)
        notes.append(
            Diagnostic(
                code="timing-line-in-text",
                cue_index=cue_index,
                message=(
                    "row holds two clock times, which SBV readers may take for a timing "
                    "line; a word joiner (U+2060) was put after their hours"
                ),
            )
        )
    if _BREAK_TAG.search(text):
        text = _BREAK_TAG.sub(lambda m: "[" + _WORD_JOINER + m.group(1), text)
        notes.append(
            Diagnostic(
                code="break-tag-in-text",
                cue_index=cue_index,
                message=(
                    "row contains '[br]', which SubViewer readers take for a line break; "
                    "a word joiner (U+2060) was put after the '['"
                ),
            )
        )
    if context is not None:
        context.diagnostics.extend(notes)
    return text


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: SbvOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as SBV.

    Args:
        cues: the cues, in order.
        out: a text stream opened with ``newline=""`` (the line ending comes from options).
        options: layout options (``SbvOptions()`` when None).
        context: speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for text that has no UTF-8 encoding (a lone surrogate).
    """
    options = options or SbvOptions()
    eol = options.eol
    for position, cue in enumerate(plan(cues, options.speaker_labels, context)):
        if position:
            out.write(eol)
        out.write(f"{_clock(cue.start_ms)},{_clock(cue.end_ms)}{eol}")
        for row in cue.rows:
            out.write(_defuse(_row_text(row), cue.index, context) + eol)


SPEC = WriterSpec(
    name="sbv",
    extensions=(".sbv",),
    takes="cues",
    binary=False,
    options=SbvOptions,
    write=write,
    description="SubViewer subtitles (YouTube and Scribie .sbv layout)",
)
