"""SubRip (SRT) writer, laid out exactly like Amberscript's export-srt sample (seed 001).

Each cue is its number (from 1), the times ``HH:MM:SS,mmm --> HH:MM:SS,mmm`` and its rows;
cues are separated by one blank line and the file ends with one line ending, UTF-8 without a
BOM::

    1
    00:00:00,449 --> 00:00:03,769
    Hi, welcome to Amber script, in this short

    2
    00:00:03,869 --> 00:00:07,400
    video, we would like to show you how
    you can use Amber script at its full

SRT has no escaping, so text is written as it is: a blank row would end the cue early, so
rows are stripped and empty ones dropped (see :mod:`cuecraft.writers._cuetext`). A row that
contains ``-->`` is kept but reported, since lenient players may take it for a timing line.
A row holding two clock times (``00:00:01,000 ... 00:00:02,000``) is what readers such as
pysubs2 take for a timing line, which would split the cue: a WORD JOINER (U+2060, invisible,
zero width) goes after the hours of each clock time so that no reader matches it, and the
change is reported (code ``timing-line-in-text``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict

from cuecraft.model import Cue, Diagnostic
from cuecraft.segment.rules import Rules
from cuecraft.timing import format_clock
from cuecraft.writers._cuetext import Row, label_rules, plan
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "SrtOptions", "adjust_rules", "write"]


class SrtOptions(BaseModel):
    """Options of the SRT writer.

    Example: Windows line endings and a speaker name at every change of speaker::

        SrtOptions(eol="\\r\\n", speaker_labels="prefix")
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""

    speaker_labels: Literal["none", "prefix", "dash"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker); dash (Netflix '-'
    leading each speaker's rows in a cue that holds two speakers)."""


# What SRT readers take for a clock time (pysubs2's TIMESTAMP, the loosest we know of).
_CLOCK = re.compile(r"(\d{1,2})(:\d{1,2}:\d{1,2}[.,]\d{1,3})")
_WORD_JOINER = "\u2060"


def _defuse_timing(text: str) -> str | None:
    """The row with its clock times broken up, or None when it cannot pass for a timing line."""
    if len(_CLOCK.findall(text)) < 2:
        return None
    return _CLOCK.sub(lambda m: m.group(1) + _WORD_JOINER + m.group(2), text)


def _row_text(row: Row) -> str:
    if row.label is not None:
        return f"{row.label}: {row.text}"
    if row.dash:
        return f"-{row.text}"
    return row.text


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: SrtOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as SRT.

    Args:
        cues: the cues, in order; cue numbers count the cues written, from 1.
        out: a text stream opened with ``newline=""`` (the line ending comes from options).
        options: layout options (``SrtOptions()`` when None).
        context: speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for text that has no UTF-8 encoding (a lone surrogate).
    """
    options = options or SrtOptions()
    eol = options.eol
    for number, cue in enumerate(plan(cues, options.speaker_labels, context), start=1):
        if number > 1:
            out.write(eol)
        start = format_clock(cue.start_ms, separator=",")
        end = format_clock(cue.end_ms, separator=",")
        out.write(f"{number}{eol}{start} --> {end}{eol}")
        for row in cue.rows:
            text = _row_text(row)
            defused = _defuse_timing(text)
            if defused is not None:
                text = defused
                if context is not None:
                    context.diagnostics.append(
                        Diagnostic(
                            code="timing-line-in-text",
                            cue_index=cue.index,
                            message=(
                                "row holds two clock times, which SRT readers take for a "
                                "timing line; a word joiner (U+2060) was put after their hours"
                            ),
                        )
                    )
            if "-->" in text and context is not None:
                context.diagnostics.append(
                    Diagnostic(
                        code="arrow-in-text",
                        cue_index=cue.index,
                        message="row contains '-->', which some players read as a timing line",
                    )
                )
            out.write(text + eol)


def adjust_rules(rules: Rules, options: SrtOptions, explicit: frozenset[str]) -> Rules:
    """Reserve room in each row for the speaker labels this writer adds
    (``WriterSpec.adjust_rules``; see :func:`~cuecraft.writers._cuetext.label_rules`)."""
    return label_rules(rules, options.speaker_labels)


SPEC = WriterSpec(
    name="srt",
    extensions=(".srt",),
    takes="cues",
    binary=False,
    options=SrtOptions,
    write=write,
    adjust_rules=adjust_rules,
    description="SubRip subtitles (Amberscript export-srt layout)",
)
