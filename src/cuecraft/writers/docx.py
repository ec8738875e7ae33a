"""Word (DOCX) transcript writer through python-docx: paragraphs per speaker turn, or a table.

The same paragraphs as the TXT writer (``_document.py``), with the speaker name in bold, the
start time in grey, highlighted passages as highlighted runs and, optionally, low-confidence
words marked for review. The table layout (timecode | speaker | text) is the one
post-production editors paste into their tools. HappyScribe exports docx with the same
show_timestamps / show_speakers / show_highlights options (seed 003).

Output is byte-for-byte deterministic: fixed document dates unless given, and a zip with
fixed entry dates (python-docx stamps every entry with the current time).
"""

from __future__ import annotations

import io
from datetime import datetime, timezone
from typing import TYPE_CHECKING, BinaryIO

from cuecraft._dates import now
from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._document import Block, Token, plan_blocks
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._styled import (
    REVIEW_RGB,
    TIMESTAMP_RGB,
    StyledOptions,
    document_language,
    document_title,
    merged_runs,
    rezipped,
    table_columns,
)

# python-docx (and lxml under it) loads only when a DOCX is written: the functions that use it
# import it, and the tables below name Word's highlight colours by WD_COLOR_INDEX member name.
if TYPE_CHECKING:
    from docx.document import Document
    from docx.text.paragraph import Paragraph

__all__ = ["DEFAULT_CREATED", "SPEC", "DocxOptions", "write"]

DEFAULT_CREATED = datetime(2000, 1, 1, tzinfo=timezone.utc)
"""Creation and modification date written when none is given (so output is byte-stable)."""

_MAX_PROPERTY_CHARS = 255  # python-docx (and Word) limit for a core property

# Word can only highlight in these 15 colours; a vendor colour maps to the nearest one.
_HIGHLIGHTS: dict[str, tuple[int, int, int]] = {
    "YELLOW": (0xFF, 0xFF, 0x00),
    "BRIGHT_GREEN": (0x00, 0xFF, 0x00),
    "TURQUOISE": (0x00, 0xFF, 0xFF),
    "PINK": (0xFF, 0x00, 0xFF),
    "BLUE": (0x00, 0x00, 0xFF),
    "RED": (0xFF, 0x00, 0x00),
    "DARK_BLUE": (0x00, 0x00, 0x80),
    "TEAL": (0x00, 0x80, 0x80),
    "GREEN": (0x00, 0x80, 0x00),
    "VIOLET": (0x80, 0x00, 0x80),
    "DARK_RED": (0x80, 0x00, 0x00),
    "DARK_YELLOW": (0x80, 0x80, 0x00),
    "GRAY_50": (0x80, 0x80, 0x80),
    "GRAY_25": (0xC0, 0xC0, 0xC0),
    "BLACK": (0x00, 0x00, 0x00),
}
_HIGHLIGHT_NAMES = {
    "yellow": "YELLOW",
    "green": "BRIGHT_GREEN",
    "cyan": "TURQUOISE",
    "turquoise": "TURQUOISE",
    "magenta": "PINK",
    "pink": "PINK",
    "blue": "BLUE",
    "red": "RED",
    "teal": "TEAL",
    "violet": "VIOLET",
    "purple": "VIOLET",
    "gray": "GRAY_25",
    "grey": "GRAY_25",
}


class DocxOptions(StyledOptions):
    """Options of the DOCX writer: the TXT options that make sense in Word, plus layout.

    The same fields as the PDF, ODT and HTML writers (``StyledOptions``).
    """


# (kind, highlight (a WD_COLOR_INDEX member name), marked for review)
_Format = tuple[str, str | None, bool]
_PLAIN: _Format = ("text", None, False)


def _shared(left: _Format, right: _Format) -> _Format:
    """The formatting of the space between two tokens: what both of them have."""
    if left[0] != "text" or right[0] != "text":
        return _PLAIN
    return ("text", left[1] if left[1] == right[1] else None, left[2] and right[2])


def _highlight_index(color: str | None) -> str:
    """The Word highlight nearest to a vendor colour (a name or ``#RRGGBB``); yellow if unknown."""
    if color is None:
        return "YELLOW"
    text = color.strip().lower()
    if text in _HIGHLIGHT_NAMES:
        return _HIGHLIGHT_NAMES[text]
    digits = text.removeprefix("#")
    if len(digits) != 6 or any(char not in "0123456789abcdef" for char in digits):
        return "YELLOW"
    rgb = tuple(int(digits[n : n + 2], 16) for n in (0, 2, 4))
    return min(
        _HIGHLIGHTS,
        key=lambda index: sum((a - b) ** 2 for a, b in zip(rgb, _HIGHLIGHTS[index], strict=True)),
    )


class _Styler:
    """Per-word run formats: highlight colour and the review mark."""

    def __init__(self, transcript: Transcript, options: DocxOptions) -> None:
        self._highlights: list[str | None] = [None] * len(transcript.words)
        if options.show_highlights:
            for highlight in transcript.highlights:
                index = _highlight_index(highlight.color)
                for word in range(highlight.first, highlight.stop):
                    self._highlights[word] = index
        threshold = options.min_confidence
        self._review = [
            threshold is not None and word.confidence is not None and word.confidence < threshold
            for word in transcript.words
        ]
        self._mark = options.low_confidence_mark

    def format(self, token: Token) -> _Format:
        if token.word_index is None:
            return ("timecode", None, False)
        return ("text", self._highlights[token.word_index], self._review[token.word_index])

    def add_runs(self, paragraph: Paragraph, tokens: tuple[Token, ...]) -> None:
        """Words as runs; neighbours with the same format share one run.

        The space between two words takes the formatting both words share, so a highlight
        covers exactly the highlighted words, gaps included.
        """
        from docx.enum.text import WD_COLOR_INDEX, WD_UNDERLINE
        from docx.shared import RGBColor

        for text, (kind, highlight, review) in merged_runs(tokens, self.format, _shared):
            run = paragraph.add_run(text)
            if kind == "timecode":
                run.font.color.rgb = RGBColor(*TIMESTAMP_RGB)
            if highlight is not None:
                run.font.highlight_color = WD_COLOR_INDEX[highlight]
            if review and self._mark == "color":
                run.font.color.rgb = RGBColor(*REVIEW_RGB)
            elif review:
                run.font.underline = WD_UNDERLINE.WAVY


def _add_lead(paragraph: Paragraph, block: Block, options: DocxOptions) -> None:
    """The start time (grey) and the speaker's name (bold) that open a turn's paragraph."""
    from docx.shared import RGBColor

    if block.timestamp is not None:
        run = paragraph.add_run(block.timestamp)
        run.font.color.rgb = RGBColor(*TIMESTAMP_RGB)
        if options.timestamp_style == "line":
            run.add_break()
        else:
            paragraph.add_run(" ")
    if block.speaker is not None:
        paragraph.add_run(f"{block.speaker}:").bold = True
        paragraph.add_run(" ")


def _write_table(
    document: Document, blocks: list[Block], options: DocxOptions, styler: _Styler
) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Inches

    columns = table_columns(options)
    table = document.add_table(rows=1, cols=len(columns))
    table.style = document.styles["Table Grid"]
    section = document.sections[-1]
    usable = int(section.page_width or 0) - int(section.left_margin or 0)
    usable -= int(section.right_margin or 0)
    fixed = {"Timecode": int(Inches(1.0)), "Speaker": int(Inches(1.4))}
    rest = usable - sum(fixed[name] for name in columns if name in fixed)
    widths = [fixed.get(name, rest) for name in columns]
    # Word reads the grid, LibreOffice the cells: set both.
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for cell, name, width in zip(table.rows[0].cells, columns, widths, strict=True):
        cell.paragraphs[0].add_run(name).bold = True
        cell.width = width
    # Repeat the header row on every page (w:tblHeader).
    header_properties = table.rows[0]._tr.get_or_add_trPr()
    header_properties.append(header_properties.makeelement(qn("w:tblHeader"), {}))
    for block in blocks:
        cells = dict(zip(columns, table.add_row().cells, strict=True))
        for name, width in zip(columns, widths, strict=True):
            cells[name].width = width
        if "Timecode" in cells and block.timestamp is not None:
            cells["Timecode"].paragraphs[0].add_run(block.timestamp)
        if "Speaker" in cells and block.speaker is not None:
            cells["Speaker"].paragraphs[0].add_run(block.speaker).bold = True
        styler.add_runs(cells["Text"].paragraphs[0], block.tokens)


def _set_properties(
    document: Document,
    title: str,
    language: str | None,
    created: datetime,
    diagnostics: list[Diagnostic],
) -> None:
    """Core properties, the spell-check language, and no stale template leftovers."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn

    properties = document.core_properties
    if len(title) > _MAX_PROPERTY_CHARS:
        diagnostics.append(
            Diagnostic(
                code="title-truncated",
                message=f"the title is {len(title)} characters; the document property keeps "
                f"the first {_MAX_PROPERTY_CHARS}",
                severity="info",
            )
        )
    properties.title = title[:_MAX_PROPERTY_CHARS]
    properties.author = ""
    properties.comments = ""
    properties.last_modified_by = ""
    properties.revision = 1
    when = created.astimezone(timezone.utc) if created.tzinfo else created
    properties.created = when
    properties.modified = when
    if language:
        properties.language = language[:_MAX_PROPERTY_CHARS]
        # Proofing language of all text: docDefaults/rPrDefault/rPr/lang.
        defaults = document.styles.element.find(qn("w:docDefaults"))
        lang = None if defaults is None else defaults.find(f".//{qn('w:lang')}")
        if lang is not None:
            lang.set(qn("w:val"), language)
    # python-docx's template carries a thumbnail of an unrelated page: drop it.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package.rels[rel_id]


def write(
    transcript: Transcript, out: BinaryIO, options: DocxOptions, context: WriteContext
) -> None:
    """Write the transcript as a Word document.

    Args:
        transcript: the transcript; paragraphs (or table rows) follow its speaker turns.
        out: a binary stream.
        options: layout and what to show.
        context: title and language; receives a diagnostic for every character removed
            from vendor text (control characters a DOCX cannot hold).
    """
    import docx

    diagnostics = context.diagnostics
    document = docx.Document()
    title = document_title(options, context)
    language = document_language(transcript, context)
    _set_properties(document, title, language, options.created or now(), diagnostics)
    if title:
        document.add_heading(title, level=0)
    blocks = plan_blocks(transcript, options, context)
    styler = _Styler(transcript, options)
    if options.layout == "table":
        _write_table(document, blocks, options, styler)
    else:
        for block in blocks:
            paragraph = document.add_paragraph()
            _add_lead(paragraph, block, options)
            styler.add_runs(paragraph, block.tokens)
    buffer = io.BytesIO()
    document.save(buffer)
    out.write(rezipped(buffer.getvalue()))


SPEC = WriterSpec(
    name="docx",
    extensions=(".docx",),
    takes="transcript",
    binary=True,
    options=DocxOptions,
    write=write,
    description="Word transcript: a paragraph per speaker turn, or a timecode | speaker | text "
    "table",
)
