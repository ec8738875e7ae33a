"""The PDF writer's fpdf2 document: a page header and footer drawn on every page.

Its own module so that fpdf2 (and fontTools under it, a third of a second to import) loads
only when a PDF is written: :mod:`cuecraft.writers.pdf` imports this inside ``write``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from fpdf import FPDF

__all__ = ["Document"]


class Document(FPDF):
    """An FPDF with a footer on each page and the table header row on each new page."""

    def __init__(
        self,
        paper: str,
        *,
        draw_header: Callable[[FPDF, Sequence[tuple[float, str]]], None],
        draw_footer: Callable[[FPDF], None],
    ) -> None:
        super().__init__(unit="mm", format=paper)
        self.header_row: list[tuple[float, str]] | None = None
        self.draw_header_row: bool = False
        self._draw_header = draw_header
        self._draw_footer = draw_footer

    def footer(self) -> None:
        self._draw_footer(self)

    def header(self) -> None:
        if self.header_row is not None and self.draw_header_row:
            self._draw_header(self, self.header_row)
