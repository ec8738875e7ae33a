"""WebVTT writer, laid out like Amberscript's export-vtt sample (seed 001), per W3C WebVTT.

The file starts with ``WEBVTT`` (and optional header text on the same line), then each cue
after one blank line: an optional numeric identifier, the times ``HH:MM:SS.mmm --> HH:MM:SS.mmm``
and the rows; the file ends with one line ending, UTF-8 without a BOM::

    WEBVTT - created by www.amberscript.com

    1
    00:00:00.449 --> 00:00:03.769
    Hi, welcome to Amber script, in this short

Cue text escapes ``&``, ``<`` and ``>`` as ``&amp;``, ``&lt;`` and ``&gt;`` (WebVTT section
4.2.2, "cue text": these three must be escaped), which also keeps ``-->`` out of the text.
Rows are never empty (a blank line ends a cue; see :mod:`cuecraft.writers._cuetext`). What
pysubs2 and cuecraft's reader would still take for SubStation markup or a timing line
(``{...}``, ``\\N``, two clock times on a row) is written with numeric character references,
and an all-digit last row gets a no-break space after its digits, with ``info`` diagnostics (see
:mod:`cuecraft.writers._neutral`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal, TextIO

from pydantic import BaseModel, ConfigDict, field_validator

from cuecraft.columns import CueTable
from cuecraft.display import Display
from cuecraft.model import Cue
from cuecraft.timing import format_clocks
from cuecraft.writers._cuetext import PlannedCue, plan
from cuecraft.writers._neutral import report, vtt_rows
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "VttOptions", "display", "escape", "write"]

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_NOT_IN_HEADER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """Escape text for a WebVTT cue (or a voice annotation): ``&``, ``<`` and ``>``.

    >>> escape("a --> <b> & c")
    'a --&gt; &lt;b&gt; &amp; c'
    """
    return text.translate(_ESCAPES)


class VttOptions(BaseModel):
    """Options of the WebVTT writer.

    Example: Amberscript's header and voice spans::

        VttOptions(header="- created by www.amberscript.com", speaker_labels="voice")
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending: LF (default) or CRLF."""

    header: str | None = None
    """Text after 'WEBVTT ' on the first line (one line, without '-->'); none by default."""

    cue_identifiers: bool = True
    """Number the cues from 1, as Amberscript's sample does."""

    speaker_labels: Literal["none", "prefix", "dash", "voice"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker); dash (Netflix '-'
    for two speakers in a cue); voice (a WebVTT voice span '<v Name>' per speaker)."""

    @field_validator("header")
    @classmethod
    def _one_line_header(cls, value: str | None) -> str | None:
        # WebVTT 4.1: the header text follows "WEBVTT" and a space on the same line and must
        # not contain "-->" (the parser would take the line for a cue timing).
        if value is None or not value.strip():
            return None
        if "\n" in value or "\r" in value:
            raise ValueError("must be one line")
        if "-->" in value:
            raise ValueError("must not contain '-->'")
        if _NOT_IN_HEADER.search(value):
            raise ValueError("must not contain control characters or lone surrogates")
        return value


def _cue_rows(cue: PlannedCue) -> list[str]:
    voices = [row.voice for row in cue.rows if row.voice is not None]
    # WebVTT 4.2.2: the voice end tag may be omitted when the span is the whole cue text.
    whole = len(voices) == 1 and cue.rows[0].voice is not None
    whole = whole and all(row.speaker == cue.rows[0].speaker for row in cue.rows)
    lines: list[str] = []
    open_voice = False
    for index, row in enumerate(cue.rows):
        text = escape(row.text)
        if row.label is not None:
            text = f"{escape(row.label)}: {text}"
        elif row.dash:
            text = f"-{text}"
        elif row.voice is not None:
            text = f"<v {escape(row.voice)}>{text}"
            open_voice = True
        following = cue.rows[index + 1] if index + 1 < len(cue.rows) else None
        if open_voice and not whole and (following is None or following.speaker != row.speaker):
            text += "</v>"
            open_voice = False
        lines.append(text)
    return lines


def write(
    cues: Sequence[Cue] | CueTable,
    out: TextIO,
    options: VttOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as WebVTT.

    Args:
        cues: the cues, in order (a list or a :class:`~cuecraft.columns.CueTable`);
            identifiers count the cues written, from 1.
        out: a text stream opened with ``newline=""`` (the line ending comes from options).
        options: layout options (``VttOptions()`` when None).
        context: speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for text that has no UTF-8 encoding (a lone surrogate).
    """
    options = options or VttOptions()
    eol = options.eol
    planned = plan(cues, options.speaker_labels, context)
    starts = format_clocks([cue.start_ms for cue in planned], separator=".")
    ends = format_clocks([cue.end_ms for cue in planned], separator=".")
    # Built whole and written once: a stream's write costs more than joining the text.
    chunks = ["WEBVTT" + (f" {options.header}" if options.header else "") + eol]
    for number, cue in enumerate(planned, start=1):
        chunks.append(eol)
        if options.cue_identifiers:
            chunks.append(f"{number}{eol}")
        chunks.append(f"{starts[number - 1]} --> {ends[number - 1]}{eol}")
        rows, changes = vtt_rows(_cue_rows(cue))
        report(changes, cue.index, context, escaped=True)
        chunks.extend(line + eol for line in rows)
    out.write("".join(chunks))


def display(options: VttOptions) -> Display:
    """What a WebVTT cue shows besides its text: the speaker labels of ``options``, whose
    room the segmenter reserves in each row (``WriterSpec.display``)."""
    return Display(name="WebVTT cues", row_labels=options.speaker_labels)


SPEC = WriterSpec(
    name="vtt",
    extensions=(".vtt",),
    takes="cues",
    binary=False,
    options=VttOptions,
    write=write,
    display=display,
    tables=True,
    description="WebVTT subtitles (Amberscript export-vtt layout, optional voice spans)",
)
