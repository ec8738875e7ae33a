"""OpenDocument Text (ODT) transcript writer through odfpy: the DOCX writer's layouts.

Scribie offers ``.odt`` beside ``.docx`` and ``.pdf`` (seed 002). The content is the DOCX
writer's, from the same document model (``_document.plan_blocks`` and ``_styled``): a title
heading, the start time in grey, the speaker in bold, highlights as coloured text backgrounds,
words below ``min_confidence`` in dark red or with a wavy underline, or the timecode | speaker |
text table whose header row repeats on every page (``table:table-header-rows``).

Scribie's third document format, ``.doc`` (binary Word 97), is not written: it is obsolete,
and every word processor that opens ``.doc`` opens DOCX and ODT.

Output is byte-for-byte deterministic: a fixed creation date unless given, and the package
re-zipped with fixed entry dates (odfpy stamps each entry with the current time), the
``mimetype`` entry first and stored uncompressed as ODF 1.2 part 3, section 3.3, requires.
"""

from __future__ import annotations

from typing import BinaryIO

from cuecraft.model import Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._styled import StyledOptions

__all__ = ["SPEC", "OdtOptions", "write"]


class OdtOptions(StyledOptions):
    """Options of the ODT writer: the DOCX writer's, field for field."""


def write(
    transcript: Transcript, out: BinaryIO, options: OdtOptions, context: WriteContext
) -> None:
    """Write the transcript as an OpenDocument text document.

    Args:
        transcript: the transcript; paragraphs (or table rows) follow its speaker turns.
        out: a binary stream.
        options: layout and what to show.
        context: title and language; receives a diagnostic for every character removed
            from vendor text (control characters XML cannot hold).
    """
    # odfpy loads only when an ODT is written (most runs never do).
    from cuecraft.writers._odt_render import render

    render(transcript, out, options, context)


SPEC = WriterSpec(
    name="odt",
    extensions=(".odt",),
    takes="transcript",
    binary=True,
    options=OdtOptions,
    write=write,
    description="OpenDocument transcript: the DOCX paragraphs or timecode | speaker | text table",
)
