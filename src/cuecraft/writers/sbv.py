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
skipped with a diagnostic). Three things in a row could change the file's meaning, so they
are replaced by characters that look the same and reported (see
:mod:`cuecraft.writers._neutral`):

* a row holding two clock times (``0:00:01.000,0:00:02.000``) would be read as the timing line
  of a new cue: the colon after their hours is written ``∶`` (U+2236 RATIO; code
  ``timing-line-in-text``), as the SRT writer does;
* ``[br]`` is a row break for SubViewer readers: written ``［br］`` (code
  ``break-tag-in-text``);
* ``>>`` leading a row is YouTube's change of speaker: written ``››`` unless it is the
  writer's own mark (code ``chevrons-in-text``).

Speaker labels: ``prefix`` writes ``Name: `` at each change of speaker; ``chevrons`` writes
YouTube's ``>> Name: `` there (``>>`` alone when the new speaker is unknown).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict

from cuecraft.display import Display
from cuecraft.model import Cue
from cuecraft.timing import format_clock
from cuecraft.writers._cuetext import Row, plan
from cuecraft.writers._neutral import report, sbv_rows
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "SbvOptions", "display", "write"]


class SbvOptions(BaseModel):
    """Options of the SBV writer.

    Example: Windows line endings and YouTube's speaker marks::

        SbvOptions(eol="\\r\\n", speaker_labels="chevrons")
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""

    speaker_labels: Literal["none", "prefix", "chevrons"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker); chevrons (YouTube
    '>> Name: ' at each change of speaker)."""


def _clock(ms: int) -> str:
    return format_clock(ms, separator=".", hours_digits=1)


def _row_text(row: Row) -> str:
    text = row.text if row.label is None else f"{row.label}: {row.text}"
    return f">> {text}" if row.chevrons else text


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
        rows, changes = sbv_rows(
            [_row_text(row) for row in cue.rows], [row.chevrons for row in cue.rows]
        )
        report(changes, cue.index, context, escaped=False)
        for text in rows:
            out.write(text + eol)


def display(options: SbvOptions) -> Display:
    """What a SBV cue shows besides its text: the speaker labels of ``options``, whose
    room the segmenter reserves in each row (``WriterSpec.display``)."""
    return Display(name="SBV cues", row_labels=options.speaker_labels)


SPEC = WriterSpec(
    name="sbv",
    extensions=(".sbv",),
    takes="cues",
    binary=False,
    options=SbvOptions,
    write=write,
    display=display,
    description="SubViewer subtitles (YouTube and Scribie .sbv layout)",
)
