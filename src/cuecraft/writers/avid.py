"""Avid Media Composer marker list writer (``.txt``): one marker per cue, for "Import Markers".

Format: the tab-separated text Media Composer writes with "Export Markers" and reads back with
"Import Markers" (Avid Media Composer Editing Guide, "Working with Markers"; a real exported
list is quoted in adamhawkey/EDL_tools ``Marker_tools/README.md``), one marker per line::

    user<TAB>01:00:01:12<TAB>V1<TAB>red<TAB>Good evening, and welcome<TAB>35

The fields are: the marker name (the user who placed it), the time code of the marker in the
sequence, the track, the colour (red, green, blue, cyan, magenta, yellow, black, white), the
comment, and the duration in frames (Media Composer 2018.12 and later make a marker with a
duration greater than 1 a spanned marker). HappyScribe's "Avid Markers (.txt)" export (seed
``003_*.txt``) is this list with the transcript as comments.

Mapping: each cue becomes one marker; its rows are joined with a space into the comment (a
marker comment is one line). The time code is the cue's start in frames at ``frame_rate``
(the exact rate: 29.97 is 30000/1001) plus ``start_offset``, labelled non-drop or drop-frame;
the duration is the cue's length in frames, at least 1. A tab or line break inside the text
would split the line into wrong fields: it is written as a space and reported
(``control-in-text``). The file is UTF-8 without a byte-order mark.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, TextIO

from cuecraft.display import Display
from cuecraft.formats.timecode import frames
from cuecraft.model import Cue, Diagnostic
from cuecraft.writers._cuetext import plan
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._timecode import TimecodeOptions, label, offset_frames

__all__ = ["SPEC", "AvidOptions", "write"]

_FIELD_BREAK = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")


class AvidOptions(TimecodeOptions):
    """Options of the Avid marker writer.

    Example: 29.97 drop-frame markers on a sequence starting at one hour::

        AvidOptions(frame_rate=29.97, drop_frame=True, start_offset="01:00:00;00")
    """

    marker_name: str = "cuecraft"
    """The marker name (Avid's user column)."""

    track: str = "V1"
    """The track the markers sit on (V1, A1, TC...)."""

    color: Literal["red", "green", "blue", "cyan", "magenta", "yellow", "black", "white"] = "red"
    """Marker colour."""

    speaker_labels: Literal["none", "prefix"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker)."""

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""


def _field(text: str, index: int, context: WriteContext | None) -> str:
    cleaned = _FIELD_BREAK.sub(" ", text)
    if cleaned != text and context is not None:
        context.diagnostics.append(
            Diagnostic(
                code="control-in-text",
                cue_index=index,
                message="a tab or line break in the text was written as a space "
                "(it would split the marker line)",
            )
        )
    return cleaned


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: AvidOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as an Avid marker list.

    Raises:
        UnencodableError: for text that has no UTF-8 encoding (a lone surrogate).
    """
    options = options or AvidOptions()
    offset = offset_frames(options)
    name = _field(options.marker_name, 0, None)
    track = _field(options.track, 0, None)
    for cue in plan(cues, options.speaker_labels, context):
        texts = [row.text if row.label is None else f"{row.label}: {row.text}" for row in cue.rows]
        comment = _field(" ".join(texts), cue.index, context)
        start = frames(cue.start_ms, options.frame_rate)
        length = max(1, frames(cue.end_ms, options.frame_rate) - start)
        timecode = label(offset + start, options)
        out.write(f"{name}\t{timecode}\t{track}\t{options.color}\t{comment}\t{length}{options.eol}")


def display(options: AvidOptions) -> Display:
    """Frame timing at the marker rate (unless the rules set another), and room for speaker
    labels (``WriterSpec.display``)."""
    return Display(
        name="Avid markers",
        frame_rate=options.frame_rate,
        row_labels=options.speaker_labels,
    )


SPEC = WriterSpec(
    name="avid",
    extensions=(".avid.txt",),
    takes="cues",
    binary=False,
    options=AvidOptions,
    write=write,
    display=display,
    description="Avid Media Composer marker list (Import Markers .txt)",
)
