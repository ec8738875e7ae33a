"""The ODT writer's odfpy rendering: styles, paragraphs, the table, the deterministic package.

Part of :mod:`cuecraft.writers.odt` (whose docstring states the layout), split out so that
odfpy loads only when an ODT is written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, BinaryIO

from odf import dc, meta, teletype
from odf.opendocument import OpenDocumentText
from odf.style import (
    ParagraphProperties,
    Style,
    TableCellProperties,
    TableColumnProperties,
    TableProperties,
    TextProperties,
)
from odf.table import Table, TableCell, TableColumn, TableHeaderRows, TableRow
from odf.text import H, LineBreak, P, Span

from cuecraft.model import Transcript
from cuecraft.writers._document import Block, plan_blocks
from cuecraft.writers._spec import WriteContext
from cuecraft.writers._styled import (
    REVIEW_RGB,
    TIMESTAMP_RGB,
    Run,
    StyledOptions,
    Styler,
    creation_date,
    document_language,
    document_title,
    rezipped,
    table_columns,
)

__all__ = ["render"]

_TEXT_WIDTH_CM = 17.0  # A4 less LibreOffice's default 2 cm margins
_COLUMN_CM = {"Timecode": 2.5, "Speaker": 3.6}


def _hex(rgb: tuple[int, int, int]) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


class _Styles:
    """The document's automatic styles, each made once, on first use."""

    def __init__(self, document: Any, review_mark: str) -> None:
        self._document = document
        self._review_mark = review_mark
        self._made: dict[str, Any] = {}

    def _add(self, name: str, family: str, *properties: Any) -> Any:
        if name not in self._made:
            style = Style(name=name, family=family)
            for item in properties:
                style.addElement(item)
            self._document.automaticstyles.addElement(style)
            self._made[name] = style
        return self._made[name]

    def run(self, run: Run) -> Any | None:
        """The text style of a run, or None for plain text."""
        if run.timecode:
            return self._add("Timecode", "text", TextProperties(color=_hex(TIMESTAMP_RGB)))
        if run.highlight is None and not run.review:
            return None
        name = "Word"
        settings: dict[str, str] = {}
        if run.highlight is not None:
            name += "_" + _hex(run.highlight)[1:]
            settings["backgroundcolor"] = _hex(run.highlight)
        if run.review and self._review_mark == "color":
            name += "_review"
            settings["color"] = _hex(REVIEW_RGB)
        elif run.review:
            name += "_wave"
            settings.update(
                textunderlinestyle="wave", textunderlinewidth="auto", textunderlinecolor="#c00000"
            )
        return self._add(name, "text", TextProperties(**settings))

    def bold(self) -> Any:
        return self._add(
            "Speaker", "text", TextProperties(fontweight="bold", fontweightasian="bold")
        )

    def paragraph(self) -> Any:
        return self._add("Turn", "paragraph", ParagraphProperties(marginbottom="0.25cm"))

    def title(self) -> Any:
        return self._add(
            "Title",
            "paragraph",
            ParagraphProperties(marginbottom="0.4cm"),
            TextProperties(fontsize="20pt", fontweight="bold"),
        )

    def table(self) -> Any:
        return self._add(
            "Transcript", "table", TableProperties(width=f"{_TEXT_WIDTH_CM}cm", align="left")
        )

    def column(self, name: str, width_cm: float) -> Any:
        return self._add(
            f"Column_{name}", "table-column", TableColumnProperties(columnwidth=f"{width_cm}cm")
        )

    def cell(self) -> Any:
        return self._add(
            "Cell", "table-cell", TableCellProperties(border="0.5pt solid #999999", padding="0.1cm")
        )


def _span(style: Any, text: str) -> Any:
    span = Span(stylename=style)
    teletype.addTextToElement(span, text)
    return span


def _add_runs(paragraph: Any, runs: Sequence[Run], styles: _Styles) -> None:
    for run in runs:
        style = styles.run(run)
        target = Span(stylename=style) if style is not None else paragraph
        # teletype writes runs of spaces as text:s, which ODF would otherwise collapse.
        teletype.addTextToElement(target, run.text)
        if style is not None:
            paragraph.addElement(target)


def _paragraph(block: Block, options: StyledOptions, styles: _Styles, styler: Styler) -> Any:
    paragraph = P(stylename=styles.paragraph())
    if block.timestamp is not None:
        paragraph.addElement(_span(styles.run(Run("", timecode=True)), block.timestamp))
        if options.timestamp_style == "line":
            paragraph.addElement(LineBreak())
        else:
            teletype.addTextToElement(paragraph, " ")
    if block.speaker is not None:
        paragraph.addElement(_span(styles.bold(), f"{block.speaker}:"))
        teletype.addTextToElement(paragraph, " ")
    _add_runs(paragraph, styler.runs(block.tokens), styles)
    return paragraph


def _table(blocks: Sequence[Block], options: StyledOptions, styles: _Styles, styler: Styler) -> Any:
    names = table_columns(options)
    rest = _TEXT_WIDTH_CM - sum(_COLUMN_CM.get(name, 0.0) for name in names)
    table = Table(name="Transcript", stylename=styles.table())
    for name in names:
        table.addElement(TableColumn(stylename=styles.column(name, _COLUMN_CM.get(name, rest))))
    header = TableHeaderRows()
    row = TableRow()
    for name in names:
        cell = TableCell(stylename=styles.cell(), valuetype="string")
        heading = P()
        heading.addElement(_span(styles.bold(), name))
        cell.addElement(heading)
        row.addElement(cell)
    header.addElement(row)
    table.addElement(header)
    for block in blocks:
        row = TableRow()
        for name in names:
            cell = TableCell(stylename=styles.cell(), valuetype="string")
            paragraph = P()
            if name == "Timecode" and block.timestamp is not None:
                teletype.addTextToElement(paragraph, block.timestamp)
            elif name == "Speaker" and block.speaker is not None:
                paragraph.addElement(_span(styles.bold(), block.speaker))
            elif name == "Text":
                _add_runs(paragraph, styler.runs(block.tokens), styles)
            cell.addElement(paragraph)
            row.addElement(cell)
        table.addElement(row)
    return table


def render(
    transcript: Transcript, out: BinaryIO, options: StyledOptions, context: WriteContext
) -> None:
    """Write the transcript as an ODT document (see :func:`cuecraft.writers.odt.write`)."""
    title = document_title(options, context)
    language = document_language(transcript, context)
    blocks = plan_blocks(transcript, options, context)
    document = OpenDocumentText()
    styles = _Styles(document, options.low_confidence_mark)
    when = creation_date(options).strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(meta.CreationDate(text=when))
    document.meta.addElement(dc.Date(text=when))
    if title:
        document.meta.addElement(dc.Title(text=title))
        heading = H(outlinelevel=1, stylename=styles.title())
        teletype.addTextToElement(heading, title)
        document.text.addElement(heading)
    if language:
        document.meta.addElement(dc.Language(text=language))
    styler = Styler(transcript, options)
    if options.layout == "table":
        document.text.addElement(_table(blocks, options, styles, styler))
    else:
        for block in blocks:
            document.text.addElement(_paragraph(block, options, styles, styler))
    buffer = io.BytesIO()
    document.write(buffer)
    out.write(rezipped(buffer.getvalue(), stored_first="mimetype"))
