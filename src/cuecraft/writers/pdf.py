"""PDF transcript writer through fpdf2: the DOCX writer's paragraphs or table, page numbers.

HappyScribe exports ``pdf`` with the same timestamp, speaker and highlight options as its
``docx`` (seed 003), Scribie ``.pdf`` beside ``.docx`` (seed 002). The content is the DOCX
writer's, from the same document model (``_document.plan_blocks`` and ``_styled``): title,
start time in grey, speaker in bold, highlights as coloured backgrounds, words below
``min_confidence`` in dark red or underlined, and the timecode | speaker | text table with its
header row repeated on every page. Every page carries "Page n of N".

Fonts: DejaVu Sans (regular and bold, bundled under ``fonts/``, Bitstream Vera licence) is
embedded as a subset, and HarfBuzz (uharfbuzz) shapes the text, so accented Latin, Cyrillic,
Greek, Hebrew and Arabic render (Arabic letters joined, right-to-left turns laid out from the
right margin). DejaVu has no CJK, Thai or Devanagari glyphs: such characters are reported as a
``missing-glyph`` diagnostic naming the words, never dropped without a word.

Why fpdf2: pure Python (no C library beyond HarfBuzz's wheel), maintained (2.8, 2026), embeds
and subsets TrueType fonts, and shapes complex scripts with HarfBuzz; reportlab has no text
shaping, so its Arabic would be unjoined. The output is deterministic: fixed creation date
unless given, and fpdf2 derives the file identifier from the content.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, BinaryIO, Literal

from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._document import Block, plan_blocks
from cuecraft.writers._pdf_layout import Box, boxes, direction, draw_line, wrap
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._styled import (
    Run,
    StyledOptions,
    Styler,
    creation_date,
    document_language,
    document_title,
    lead,
    table_columns,
)

if TYPE_CHECKING:
    from fpdf import FPDF

    from cuecraft.writers._pdf_document import Document

__all__ = ["SPEC", "PdfOptions", "write"]

Measure = Callable[[str, bool], float]

_FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
_MARGIN_MM = 20.0
_SIZE_PT = 11.0
_TITLE_SIZE_PT = 18.0
_LINE_MM = 6.0  # 11 pt text with 1.55 line spacing
_CELL_PAD_MM = 1.5
_COLUMN_MM = {"Timecode": 24.0, "Speaker": 34.0}
_GRID_RGB = (0x99, 0x99, 0x99)
_HEADER_RGB = (0xEE, 0xEE, 0xEE)


class PdfOptions(StyledOptions):
    """Options of the PDF writer: the DOCX writer's, plus the paper size."""

    paper: Literal["A4", "Letter", "Legal", "A3", "A5"] = "A4"
    """Paper size."""


@cache
def _font_path(style: str) -> str:
    return str(resources.files("cuecraft.writers") / "fonts" / _FONT_FILES[style])


@cache
def _covered() -> frozenset[int]:
    """The code points DejaVu Sans has a glyph for."""
    from fontTools.ttLib import TTFont  # loaded only when a PDF is written

    font = TTFont(_font_path(""), lazy=True)
    covered = frozenset(font.getBestCmap())
    font.close()
    return covered


def _report_missing(blocks: Sequence[Block], diagnostics: list[Diagnostic]) -> None:
    """One diagnostic per word with characters the embedded font cannot show."""
    covered = _covered()
    for block in blocks:
        for token in block.tokens:
            missing = sorted(
                {c for c in token.text if ord(c) not in covered and not c.isspace()},
                key=ord,
            )
            # Zero-width joiners and marks with no glyph of their own render as nothing.
            missing = [c for c in missing if c not in "\u200b\u200c\u200d\u200e\u200f\ufeff"]
            if missing and token.word_index is not None:
                codes = ", ".join(f"U+{ord(c):04X}" for c in missing)
                diagnostics.append(
                    Diagnostic(
                        code="missing-glyph",
                        message=f"word {token.text!r}: the PDF font (DejaVu Sans) has no glyph "
                        f"for {codes}; the word is in the PDF's text but shows as blank",
                        word_index=token.word_index,
                    )
                )


def _draw_footer(pdf: FPDF) -> None:
    pdf.set_y(-_MARGIN_MM + 5)
    pdf.set_font(_FONT, "", 9)
    pdf.set_text_color(*(0x55, 0x55, 0x55))
    pdf.cell(0, 5, f"Page {pdf.page_no()} of {{nb}}", align="C")


def _measure(pdf: FPDF) -> Measure:
    # Transcripts repeat their words: measuring (shaping) each distinct one once is most of
    # the PDF writer's speed.
    widths: dict[tuple[str, bool], float] = {}

    def measure(text: str, bold: bool) -> float:
        key = (text, bold)
        if key not in widths:
            pdf.set_font(_FONT, "B" if bold else "", _SIZE_PT)
            widths[key] = float(pdf.get_string_width(text))
        return widths[key]

    return measure


def _paragraph_direction(runs: Sequence[Run]) -> str:
    return direction("".join(run.text for run in runs if not run.timecode))


def _lead_boxes(block: Block, options: PdfOptions, measure: Measure) -> tuple[list[Box], bool]:
    """The boxes before the words, and whether the timestamp stands on its own line."""
    timestamp, speaker = lead(block)
    items: list[Box] = []
    own_line = timestamp is not None and options.timestamp_style == "line"
    if timestamp is not None and not own_line:
        items += boxes([Run(timestamp, timecode=True), Run(" ")], measure, review_mark="")
    if speaker is not None:
        items += boxes([Run(speaker)], measure, review_mark="", bold=True)
        items += boxes([Run(" ")], measure, review_mark="")
    return items, own_line


def _ensure_room(pdf: FPDF, height: float) -> bool:
    """Start a new page when ``height`` does not fit; True when a page was added."""
    if pdf.get_y() + height > pdf.page_break_trigger:
        pdf.add_page()
        return True
    return False


def _write_paragraphs(
    pdf: Document, blocks: Sequence[Block], options: PdfOptions, styler: Styler
) -> None:
    measure = _measure(pdf)
    width = pdf.epw
    for block in blocks:
        runs = styler.runs(block.tokens)
        paragraph = _paragraph_direction(runs)
        items, own_line = _lead_boxes(block, options, measure)
        items += boxes(runs, measure, review_mark=options.low_confidence_mark)
        lines = wrap(items, width, measure)
        if own_line and block.timestamp is not None:
            stamp = boxes([Run(block.timestamp, timecode=True)], measure, review_mark="")
            lines.insert(0, stamp)
        # Keep a turn's first two lines together (no orphaned timestamp at a page foot).
        _ensure_room(pdf, _LINE_MM * min(2, len(lines)))
        for line in lines:
            _ensure_room(pdf, _LINE_MM)
            draw_line(
                pdf, line, left=pdf.l_margin, width=width, height=_LINE_MM, paragraph=paragraph
            )
        pdf.set_y(pdf.get_y() + _LINE_MM / 2)


def _draw_header(pdf: FPDF, columns: Sequence[tuple[float, str]]) -> None:
    x = pdf.l_margin
    y = pdf.get_y()
    pdf.set_font(_FONT, "B", _SIZE_PT)
    pdf.set_text_color(0, 0, 0)
    pdf.set_fill_color(*_HEADER_RGB)
    pdf.set_draw_color(*_GRID_RGB)
    for width, name in columns:
        pdf.rect(x, y, width, _LINE_MM + 2 * _CELL_PAD_MM, style="DF")
        pdf.set_xy(x + _CELL_PAD_MM, y + _CELL_PAD_MM)
        pdf.cell(width - 2 * _CELL_PAD_MM, _LINE_MM, name)
        x += width
    pdf.set_xy(pdf.l_margin, y + _LINE_MM + 2 * _CELL_PAD_MM)


def _write_table(
    pdf: Document, blocks: Sequence[Block], options: PdfOptions, styler: Styler
) -> None:
    measure = _measure(pdf)
    names = table_columns(options)
    fixed = sum(_COLUMN_MM[name] for name in names if name in _COLUMN_MM)
    widths = [_COLUMN_MM.get(name, pdf.epw - fixed) for name in names]
    columns = list(zip(widths, names, strict=True))
    pdf.header_row = columns
    _draw_header(pdf, columns)
    pdf.draw_header_row = True
    for block in blocks:
        runs = styler.runs(block.tokens)
        paragraph = _paragraph_direction(runs)
        cells: list[tuple[list[list[Box]], str]] = []
        for width, name in columns:
            inner = width - 2 * _CELL_PAD_MM
            if name == "Timecode":
                items = boxes([Run(block.timestamp or "")], measure, review_mark="")
                cells.append((wrap(items, inner, measure), "ltr"))
            elif name == "Speaker":
                text = block.speaker or ""
                items = boxes([Run(text)], measure, review_mark="", bold=True)
                cells.append((wrap(items, inner, measure), direction(text)))
            else:
                items = boxes(runs, measure, review_mark=options.low_confidence_mark)
                cells.append((wrap(items, inner, measure), paragraph))
        rows = max(len(lines) for lines, _ in cells)
        _ensure_room(pdf, _LINE_MM * min(rows, 2) + 2 * _CELL_PAD_MM)
        top = pdf.get_y()
        pdf.set_y(top + _CELL_PAD_MM)
        for row in range(rows):
            if pdf.get_y() + _LINE_MM > pdf.page_break_trigger:
                _frame(pdf, columns, top, pdf.get_y())
                pdf.add_page()
                top = pdf.get_y()
            y = pdf.get_y()
            x = pdf.l_margin
            for (width, _name), (lines, flow) in zip(columns, cells, strict=True):
                if row < len(lines):
                    pdf.set_y(y)
                    draw_line(
                        pdf,
                        lines[row],
                        left=x + _CELL_PAD_MM,
                        width=width - 2 * _CELL_PAD_MM,
                        height=_LINE_MM,
                        paragraph=flow,
                    )
                x += width
            pdf.set_y(y + _LINE_MM)
        pdf.set_y(pdf.get_y() + _CELL_PAD_MM)
        _frame(pdf, columns, top, pdf.get_y())


def _frame(pdf: FPDF, columns: Sequence[tuple[float, str]], top: float, bottom: float) -> None:
    """The cell borders of one row (or of its part on one page)."""
    pdf.set_draw_color(*_GRID_RGB)
    x = pdf.l_margin
    for width, _name in columns:
        pdf.rect(x, top, width, bottom - top)
        x += width
    pdf.set_xy(pdf.l_margin, bottom)


def write(
    transcript: Transcript, out: BinaryIO, options: PdfOptions, context: WriteContext
) -> None:
    """Write the transcript as a PDF document.

    Args:
        transcript: the transcript; paragraphs (or table rows) follow its speaker turns.
        out: a binary stream.
        options: layout, what to show, paper size.
        context: title and language; receives a diagnostic for every character removed and
            every word the embedded font has no glyph for.
    """
    diagnostics = context.diagnostics
    title = document_title(options, context)
    language = document_language(transcript, context)
    blocks = plan_blocks(transcript, options, context)
    _report_missing(blocks, diagnostics)
    # fpdf2 loads only when a PDF is written (most runs never do).
    from cuecraft.writers._pdf_document import Document

    pdf = Document(options.paper, draw_header=_draw_header, draw_footer=_draw_footer)
    for style, _file in _FONT_FILES.items():
        pdf.add_font(_FONT, style, _font_path(style))
    pdf.set_text_shaping(True)
    pdf.c_margin = 0  # boxes are measured exactly; padding is ours
    pdf.set_margins(_MARGIN_MM, _MARGIN_MM, _MARGIN_MM)
    pdf.set_auto_page_break(True, margin=_MARGIN_MM)
    pdf.set_creation_date(creation_date(options))
    pdf.set_creator("cuecraft")
    if title:
        pdf.set_title(title)
    if language:
        pdf.set_lang(language)
    pdf.add_page()
    if title:
        pdf.set_font(_FONT, "B", _TITLE_SIZE_PT)
        pdf.set_text_color(0, 0, 0)
        pdf.multi_cell(
            0, _TITLE_SIZE_PT * 0.5, title, align="R" if direction(title) == "rtl" else "L"
        )
        pdf.set_y(pdf.get_y() + _LINE_MM)
    pdf.set_font(_FONT, "", _SIZE_PT)
    # Our own line breaking places every word; fpdf2's automatic break would move a word
    # mid-line onto a new page.
    pdf.set_auto_page_break(False, margin=_MARGIN_MM)
    styler = Styler(transcript, options)
    if options.layout == "table":
        _write_table(pdf, blocks, options, styler)
    else:
        _write_paragraphs(pdf, blocks, options, styler)
    out.write(bytes(pdf.output()))


SPEC = WriterSpec(
    name="pdf",
    extensions=(".pdf",),
    takes="transcript",
    binary=True,
    options=PdfOptions,
    write=write,
    description="PDF transcript: the DOCX content and layouts, page numbers, an embedded "
    "Unicode font",
)
