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

SRT has no escaping. Rows are stripped and empty ones dropped (a blank row would end the cue;
see :mod:`cuecraft.writers._cuetext`), and what readers would take for markup or structure is
replaced by a character that looks the same, with a diagnostic (see
:mod:`cuecraft.writers._neutral`): ``-->`` is written ``--›``, angle brackets that could
make a tag ``‹ ›``, braces that could make an override block ``｛ ｝``, the backslash of
``\\N``, ``\\n``, ``\\h`` ``⧵``, the colon after the hours of clock times when a row
holds two ``∶``; a last row of digits only gets a no-break space after them.

SRT times have two-digit hours: a cue ending at 100 hours or later is an
:class:`~cuecraft.errors.UnencodableError` naming the cue (pysubs2 and cuecraft's reader
would take ``100:00:00,000`` for ``00:00:00,000``; pysubs2's writer clamps it).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from typing import Final, Literal, TextIO

from pydantic import BaseModel, ConfigDict

from cuecraft.columns import CueTable
from cuecraft.display import Display
from cuecraft.errors import UnencodableError
from cuecraft.model import Cue
from cuecraft.timing import format_clock, format_clocks
from cuecraft.writers._cuetext import Row, plan, table_rows
from cuecraft.writers._neutral import has_number_row, plain_for_srt, report, srt_rows
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "SrtOptions", "display", "write"]


class SrtOptions(BaseModel):
    """Options of the SRT writer.

    Example: Windows line endings and a speaker name at every change of speaker::

        SrtOptions(eol="\\r\\n", speaker_labels="prefix")
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""

    speaker_labels: Literal["none", "prefix", "dash"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker); dash (Netflix '-'
    leading each speaker's rows in a cue that holds two speakers)."""


# The last time two-digit hours can hold (pysubs2 subrip MAX_REPRESENTABLE_TIME).
MAX_TIME_MS: Final = 100 * 3_600_000 - 1


def _row_text(row: Row) -> str:
    if row.label is not None:
        return f"{row.label}: {row.text}"
    if row.dash:
        return f"-{row.text}"
    return row.text


def write(
    cues: Sequence[Cue] | CueTable,
    out: TextIO,
    options: SrtOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as SRT.

    Args:
        cues: the cues, in order (a list or a :class:`~cuecraft.columns.CueTable`); cue
            numbers count the cues written, from 1.
        out: a text stream opened with ``newline=""`` (the line ending comes from options).
        options: layout options (``SrtOptions()`` when None).
        context: speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for text that has no UTF-8 encoding (a lone surrogate), or a cue
            ending at 100 hours or later.
    """
    options = options or SrtOptions()
    eol = options.eol
    if isinstance(cues, CueTable) and options.speaker_labels == "none":
        rows = table_rows(cues)
        if rows is not None:
            whole = "\n".join(rows)  # every row of the file: scanned once, not cue by cue
            if plain_for_srt(whole):
                out.write(_table_text(cues, rows, has_number_row(whole), eol, context))
                return
    planned = plan(cues, options.speaker_labels, context)
    for cue in planned:
        if cue.end_ms > MAX_TIME_MS:
            raise UnencodableError(
                f"ends at {format_clock(cue.end_ms)}; SRT times have two-digit hours (at most "
                f"{format_clock(MAX_TIME_MS)})",
                cue_index=cue.index,
            )
    texts = [[_row_text(row) for row in cue.rows] for cue in planned]
    plain = plain_for_srt("\n".join(itertools.chain.from_iterable(texts)))
    chunks: list[str] = []
    for number, (cue, shown) in enumerate(zip(planned, texts, strict=True), start=1):
        start = format_clock(cue.start_ms, separator=",")
        end = format_clock(cue.end_ms, separator=",")
        rows, changes = srt_rows(shown, plain=plain)
        if changes:
            report(changes, cue.index, context, escaped=False)
        chunks.append(f"{number}{eol}{start} --> {end}{eol}{eol.join(rows)}{eol}")
    # One write: a stream's write costs more than joining the text.
    out.write(eol.join(chunks))


def _table_text(
    table: CueTable, rows: list[str], number_rows: bool, eol: str, context: WriteContext | None
) -> str:
    """The file for a table whose rows need no change but a last row of digits (the common
    case, without an object per cue or row: issue #12). Same text as the general path.
    ``number_rows``: whether any row is only digits (:func:`has_number_row`); where none is,
    no cue's rows are looked at one by one."""
    if len(table) and max(table.ends) > MAX_TIME_MS:
        index = next(k for k, end in enumerate(table.ends) if end > MAX_TIME_MS)
        raise UnencodableError(
            f"ends at {format_clock(table.ends[index])}; SRT times have two-digit hours (at "
            f"most {format_clock(MAX_TIME_MS)})",
            cue_index=index,
        )
    bounds = list(itertools.pairwise(table.cue_rows))
    bodies = [eol.join(rows[first:stop]) for first, stop in bounds]
    if number_rows:
        for cue, (first, stop) in enumerate(bounds):
            if stop - first > 1:
                shown, changes = srt_rows(rows[first:stop], plain=True)
                if changes:
                    report(changes, cue, context, escaped=False)
                    bodies[cue] = eol.join(shown)
    starts = format_clocks(table.starts, separator=",")
    ends = format_clocks(table.ends, separator=",")
    return eol.join(
        [
            f"{number}{eol}{start} --> {end}{eol}{body}{eol}"
            for number, start, end, body in zip(
                range(1, len(bodies) + 1), starts, ends, bodies, strict=True
            )
        ]
    )


def display(options: SrtOptions) -> Display:
    """What a SRT cue shows besides its text: the speaker labels of ``options``, whose
    room the segmenter reserves in each row (``WriterSpec.display``)."""
    return Display(name="SRT cues", row_labels=options.speaker_labels)


SPEC = WriterSpec(
    name="srt",
    extensions=(".srt",),
    takes="cues",
    binary=False,
    options=SrtOptions,
    write=write,
    display=display,
    tables=True,
    description="SubRip subtitles (Amberscript export-srt layout)",
)
