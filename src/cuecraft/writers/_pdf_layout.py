"""Line breaking and drawing for the PDF writer: words as boxes, highlights as filled boxes.

fpdf2 fills a whole cell, not a text span, so the PDF writer breaks lines itself: each word
(and each space) is a box of measured width, drawn with its own colours. A paragraph written
right to left (its first strong character Hebrew or Arabic, Unicode bidi rule P2) is laid out
from the right margin, and a run of left-to-right words inside it keeps its own order, which
is the bidi algorithm at word granularity; fpdf2 and HarfBuzz shape and order the letters
inside each word.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from cuecraft.writers._styled import REVIEW_RGB, TIMESTAMP_RGB, Run

if TYPE_CHECKING:
    from fpdf import FPDF

__all__ = ["Box", "boxes", "direction", "draw_line", "wrap"]

_RTL_CLASSES = frozenset({"R", "AL"})


@dataclass(frozen=True)
class Box:
    """A word, a space or a label, with everything needed to draw it."""

    text: str
    width: float
    bold: bool = False
    color: tuple[int, int, int] | None = None
    fill: tuple[int, int, int] | None = None
    underline: bool = False

    @property
    def is_space(self) -> bool:
        return not self.text.strip()


def direction(text: str) -> str:
    """``"rtl"`` when the first strong character is right to left, else ``"ltr"``."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _RTL_CLASSES:
            return "rtl"
        if kind == "L":
            return "ltr"
    return "ltr"


def _split(text: str) -> list[str]:
    """Words and the spaces between them, each its own piece (nothing dropped)."""
    pieces: list[str] = []
    current = ""
    for char in text:
        if (char == " ") != (current[:1] == " ") and current:
            pieces.append(current)
            current = ""
        current += char
    if current:
        pieces.append(current)
    return pieces


def boxes(
    runs: Sequence[Run],
    measure: Callable[[str, bool], float],
    *,
    review_mark: str,
    bold: bool = False,
) -> list[Box]:
    """The runs as word and space boxes with their colours."""
    result: list[Box] = []
    for run in runs:
        color = TIMESTAMP_RGB if run.timecode else None
        underline = False
        if run.review and review_mark == "color":
            color = REVIEW_RGB
        elif run.review:
            underline = True
        for piece in _split(run.text):
            result.append(Box(piece, measure(piece, bold), bold, color, run.highlight, underline))
    return result


def _fit(box: Box, width: float, measure: Callable[[str, bool], float]) -> list[Box]:
    """A word wider than the line, cut into pieces that fit (never clipped away)."""
    pieces: list[Box] = []
    current = ""
    for char in box.text:
        if current and measure(current + char, box.bold) > width:
            pieces.append(_with_text(box, current, measure))
            current = ""
        current += char
    pieces.append(_with_text(box, current, measure))
    return pieces


def _with_text(box: Box, text: str, measure: Callable[[str, bool], float]) -> Box:
    return Box(text, measure(text, box.bold), box.bold, box.color, box.fill, box.underline)


def wrap(
    items: Sequence[Box], width: float, measure: Callable[[str, bool], float]
) -> list[list[Box]]:
    """Boxes broken into lines no wider than ``width``; spaces at a break are dropped."""
    lines: list[list[Box]] = [[]]
    used = 0.0
    for item in items:
        line = lines[-1]
        if item.is_space and not line:
            continue
        if used + item.width > width and line:
            while line and line[-1].is_space:
                used -= line.pop().width
            if item.is_space:
                lines.append([])
                used = 0.0
                continue
            lines.append([])
            line = lines[-1]
            used = 0.0
        if item.width > width:
            *full, item = _fit(item, width, measure)
            for piece in full:
                line.append(piece)
                lines.append([])
                line = lines[-1]
        line.append(item)
        used += item.width
    while lines[-1] and lines[-1][-1].is_space:
        lines[-1].pop()
    return [line for line in lines if line] or [[]]


def _visual(line: Sequence[Box], paragraph: str) -> list[Box]:
    """The line's boxes in drawing order, left to right."""
    if paragraph == "ltr" and all(direction(box.text) == "ltr" for box in line):
        return list(line)
    # Resolve each box: strong words keep their direction, spaces and digits take the
    # paragraph's; then reverse the runs against the paragraph direction (bidi rule L2).
    kinds = [direction(box.text) if not box.is_space else paragraph for box in line]
    for index, box in enumerate(line):
        if not any(unicodedata.bidirectional(char) in ("L", "R", "AL") for char in box.text):
            kinds[index] = paragraph
    order: list[Box] = []
    start = 0
    while start < len(line):
        stop = start
        while stop < len(line) and kinds[stop] == kinds[start]:
            stop += 1
        group = list(line[start:stop])
        if kinds[start] != paragraph:
            group.reverse()
        order.extend(group)
        start = stop
    return order[::-1] if paragraph == "rtl" else order


def _merged(line: Sequence[Box]) -> list[Box]:
    """Neighbouring boxes of one style as one (fpdf2 shapes each cell: fewer is faster)."""
    merged: list[Box] = []
    for box in line:
        last = merged[-1] if merged else None
        if last is not None and (last.bold, last.color, last.fill, last.underline) == (
            box.bold,
            box.color,
            box.fill,
            box.underline,
        ):
            merged[-1] = Box(
                last.text + box.text,
                last.width + box.width,
                box.bold,
                box.color,
                box.fill,
                box.underline,
            )
        else:
            merged.append(box)
    return merged


def draw_line(
    pdf: FPDF, line: Sequence[Box], *, left: float, width: float, height: float, paragraph: str
) -> None:
    """Draw one laid-out line at the current y, from ``left`` (or flush right when RTL)."""
    total = sum(box.width for box in line)
    x = left + width - total if paragraph == "rtl" else left
    y = pdf.get_y()
    visual = _visual(line, paragraph)
    if paragraph == "ltr" and visual == list(line):
        # Only a plain left-to-right line: merged text keeps the order fpdf2 would give it.
        visual = _merged(visual)
    for box in visual:
        style = ("B" if box.bold else "") + ("U" if box.underline else "")
        pdf.set_font(style=style)
        pdf.set_text_color(*(box.color or (0, 0, 0)))
        if box.fill is not None:
            pdf.set_fill_color(*box.fill)
        pdf.set_xy(x, y)
        pdf.cell(box.width, height, box.text, fill=box.fill is not None)
        x += box.width
    pdf.set_xy(left, y + height)
