"""What the styled transcript documents (PDF, ODT, interactive HTML) share with DOCX.

The options are the DOCX writer's (title, layout, highlights, low-confidence marking, creation
date) on top of :class:`DocumentOptions`, so ``--to pdf``, ``--to odt`` and ``--to html`` take
the same flags as ``--to docx`` (HappyScribe exports pdf and html with the docx options, seed
003; Scribie offers ``.odt`` and ``.pdf`` beside ``.docx``, seed 002). The paragraphs come from
:func:`plan_blocks`; this module adds the per-word formatting and the runs built from it.
Unlike Word, these formats take any highlight colour, so a vendor colour is kept as RGB.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from itertools import groupby
from operator import itemgetter
from typing import Literal, TypeVar

from pydantic import Field

from cuecraft._dates import now
from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._document import Block, DocumentOptions, Token, cleaned
from cuecraft.writers._spec import WriteContext

__all__ = [
    "REVIEW_RGB",
    "TIMESTAMP_RGB",
    "Run",
    "StyledOptions",
    "Styler",
    "creation_date",
    "document_language",
    "document_title",
    "highlight_rgb",
    "lead",
    "rezipped",
    "table_columns",
]

_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can carry

"""Creation date written when none is given (so output is byte-stable), as for DOCX."""

RGB = tuple[int, int, int]
TIMESTAMP_RGB: RGB = (0x76, 0x76, 0x76)  # grey, 4.5:1 contrast on white (as in DOCX)
REVIEW_RGB: RGB = (0xC0, 0x00, 0x00)  # dark red (as in DOCX)
_YELLOW: RGB = (0xFF, 0xFF, 0x00)
# Vendor colour names (HappyScribe, Amberscript highlight colours) as light marker shades, so
# that black text stays readable on them.
_NAMED: dict[str, RGB] = {
    "yellow": _YELLOW,
    "green": (0x9C, 0xF0, 0x9C),
    "cyan": (0x9E, 0xF0, 0xF0),
    "turquoise": (0x9E, 0xF0, 0xF0),
    "blue": (0xA8, 0xC8, 0xFF),
    "magenta": (0xF5, 0xA8, 0xF5),
    "pink": (0xFF, 0xB6, 0xD9),
    "red": (0xFF, 0xA8, 0xA8),
    "orange": (0xFF, 0xCC, 0x80),
    "teal": (0x9E, 0xE0, 0xD8),
    "violet": (0xD8, 0xB4, 0xFF),
    "purple": (0xD8, 0xB4, 0xFF),
    "gray": (0xD0, 0xD0, 0xD0),
    "grey": (0xD0, 0xD0, 0xD0),
}


class StyledOptions(DocumentOptions):
    """Options of the PDF, ODT and HTML writers: the DOCX writer's, field for field."""

    layout: Literal["paragraphs", "table"] = "paragraphs"
    """``paragraphs``: one paragraph per speaker turn. ``table``: one row per turn with the
    columns timecode | speaker | text (a column is left out when its option is off; in this
    layout ``timestamp_style`` only chooses the clock format)."""

    title: str | None = None
    """Document title (heading and document properties); defaults to the title given to
    ``write`` or the source file name. An empty string writes no title."""

    show_highlights: bool = True
    """Show the transcript's highlights as highlighted text (HappyScribe show_highlights)."""

    min_confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    """Mark words whose recogniser confidence is below this (0..1) for review; None marks
    nothing. Words without a confidence are never marked."""

    low_confidence_mark: Literal["color", "underline"] = "color"
    """How words below ``min_confidence`` are marked: dark red text, or an underline (wavy
    where the format has one)."""

    created: datetime | None = None
    """Creation date in the document properties (UTC when no time zone is given); None: now
    (or ``SOURCE_DATE_EPOCH``, for byte-stable output), as for DOCX."""


def highlight_rgb(color: str | None) -> RGB:
    """A vendor highlight colour (a name or ``#RRGGBB``) as RGB; yellow when unknown."""
    if color is None:
        return _YELLOW
    text = color.strip().lower()
    if text in _NAMED:
        return _NAMED[text]
    digits = text.removeprefix("#")
    if len(digits) != 6 or any(char not in "0123456789abcdef" for char in digits):
        return _YELLOW
    red, green, blue = (int(digits[n : n + 2], 16) for n in (0, 2, 4))
    return red, green, blue


@dataclass(frozen=True)
class Run:
    """Neighbouring text of one format: a timecode, or words with the same marks."""

    text: str
    timecode: bool = False
    highlight: RGB | None = None
    review: bool = False


class Styler:
    """Per-word formats (highlight colour, review mark) and the runs of a paragraph."""

    def __init__(self, transcript: Transcript, options: StyledOptions) -> None:
        self.highlights: list[RGB | None] = [None] * len(transcript.words)
        if options.show_highlights:
            for highlight in transcript.highlights:
                rgb = highlight_rgb(highlight.color)
                for index in range(highlight.first, min(highlight.stop, len(self.highlights))):
                    self.highlights[index] = rgb
        threshold = options.min_confidence
        self.review = [
            threshold is not None and word.confidence is not None and word.confidence < threshold
            for word in transcript.words
        ]

    def piece(self, token: Token) -> Run:
        """The format of one token, as a one-token run."""
        if token.word_index is None:
            return Run(token.text, timecode=True)
        index = token.word_index
        return Run(token.text, highlight=self.highlights[index], review=self.review[index])

    def runs(self, tokens: Sequence[Token]) -> list[Run]:
        """The tokens as runs, neighbours of one format merged (see :func:`merged_runs`)."""

        def style(token: Token) -> _Style:
            run = self.piece(token)
            return (run.timecode, run.highlight, run.review)

        return [Run(text, *key) for text, key in merged_runs(tokens, style, _between)]


_Style = tuple[bool, "RGB | None", bool]
"""A run's format as (timecode, highlight, review)."""

F = TypeVar("F", bound=Hashable)


def merged_runs(
    tokens: Sequence[Token], style: Callable[[Token], F], between: Callable[[F, F], F]
) -> list[tuple[str, F]]:
    """The tokens' text as runs of one format each (linear in the tokens).

    ``style`` gives a token's format; the space before a token takes ``between(previous,
    current)``, the formatting both share, so a highlight covers exactly the highlighted
    words, the gaps between them included. Each run's text is joined once (issue #10:
    appending to a run's string made a long turn quadratic). The DOCX writer uses it with
    Word's highlight colours, the other styled writers through :meth:`Styler.runs`.
    """
    pieces: list[tuple[str, F]] = []
    previous: F | None = None
    for token in tokens:
        current = style(token)
        if previous is not None and token.space:
            pieces.append((token.space, between(previous, current)))
        pieces.append((token.text, current))
        previous = current
    return [
        ("".join(text for text, _ in group), key)
        for key, group in groupby(pieces, key=itemgetter(1))
    ]


def _between(left: _Style, right: _Style) -> _Style:
    if left[0] or right[0]:
        return (False, None, False)
    return (False, left[1] if left[1] == right[1] else None, left[2] and right[2])


def document_title(options: StyledOptions, context: WriteContext) -> str:
    """The title to show: the option, else the one given to ``write`` (the file name)."""
    raw = options.title if options.title is not None else context.title or ""
    return cleaned(raw, context.diagnostics, what="title", word_index=None)


def document_language(transcript: Transcript, context: WriteContext) -> str | None:
    """The transcript's language (BCP 47 or vendor code), cleaned, if known."""
    language = transcript.language or context.language
    if not language:
        return None
    diagnostics: list[Diagnostic] = context.diagnostics
    return cleaned(language, diagnostics, what="language", word_index=None) or None


def creation_date(options: StyledOptions) -> datetime:
    """The creation date in UTC (a naive date is taken as UTC)."""
    when = options.created or now()
    if when.tzinfo is None:
        return when.replace(tzinfo=timezone.utc)
    return when.astimezone(timezone.utc)


def table_columns(options: StyledOptions) -> list[str]:
    """The table layout's columns: timecode and speaker only when their options are on."""
    shown = (
        ("Timecode", options.include_timestamps),
        ("Speaker", options.include_speakers),
        ("Text", True),
    )
    return [name for name, on in shown if on]


def lead(block: Block) -> tuple[str | None, str | None]:
    """A paragraph's timestamp and speaker label (``"Name:"``), each None when not shown."""
    speaker = f"{block.speaker}:" if block.speaker is not None else None
    return block.timestamp, speaker


def rezipped(data: bytes, *, stored_first: str | None = None) -> bytes:
    """A zip package again with fixed entry dates and attributes, so output is byte-stable.

    python-docx and odfpy stamp each entry with the current time. Entries keep their order
    and are deflated; ``stored_first`` names one moved first and stored uncompressed (ODF's
    ``mimetype``: ODF 1.2 part 3, section 3.3).
    """
    source = zipfile.ZipFile(io.BytesIO(data))
    names = source.namelist()
    if stored_first is not None:
        names.sort(key=lambda name: name != stored_first)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name in names:
            entry = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            stored = name == stored_first
            entry.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(name))
    return buffer.getvalue()
