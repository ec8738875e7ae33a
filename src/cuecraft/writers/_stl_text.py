"""EBU-STL subtitle text: rows from cues, the character table, teletext control codes, and
the text field split into 112-byte TTI blocks (never between a diacritic and its letter).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from cuecraft.errors import UnencodableError
from cuecraft.formats.stl.iso6937 import (
    CHARACTER_TABLES,
    TableName,
    encode_char,
    replacement,
)
from cuecraft.formats.stl.layout import (
    NEW_ROW,
    TELETEXT_COLUMNS,
    TF_SIZE,
    UNUSED_SPACE,
)
from cuecraft.model import Cue, Diagnostic
from cuecraft.writers._stl_options import (
    StlOptions,
    is_teletext,
    max_rows,
    row_capacity,
    row_height,
)

__all__ = [
    "MAX_BLOCKS_PER_SUBTITLE",
    "Encoder",
    "Subtitle",
    "choose_table",
    "cue_rows",
    "encode_text_field",
    "split_blocks",
]

MAX_BLOCKS_PER_SUBTITLE: Final = 0xF0 + 1
"""EBN 00h-EFh number the non-final blocks of a subtitle, FFh the last one."""

# Teletext colours for speakers, in the usual UK/EBU order (ebu-stl.md §6): white, yellow,
# cyan, green.
_SPEAKER_COLOURS: Final = (0x07, 0x03, 0x06, 0x02)
_DOUBLE_HEIGHT: Final = 0x0D
_START_BOX: Final = 0x0B
_END_BOX: Final = 0x0A
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# Spaces that separate words; NBSP is text (written as A0h), not a separator.
_SEPARATORS = re.compile(r"[ \t\f\v]+")


@dataclass(frozen=True)
class _Row:
    text: str
    speaker: str | None


@dataclass(frozen=True)
class Subtitle:
    index: int
    rows: tuple[_Row, ...]


def cue_rows(cue: Cue) -> tuple[_Row, ...]:
    rows: list[_Row] = []
    for line in cue.lines:
        for piece in _LINE_BREAK.split(unicodedata.normalize("NFC", line.text)):
            text = _SEPARATORS.sub(" ", piece).strip(" ")
            if text:
                rows.append(_Row(text, line.speaker))
    return tuple(rows)


def choose_table(subtitles: Sequence[Subtitle]) -> TableName:
    """The table that encodes the most letters of the text; Latin when tied. Only letters
    count: symbols must not pull Latin text away (ISO 8859-7 has the euro sign)."""
    counts = Counter(
        char for sub in subtitles for row in sub.rows for char in row.text if char.isalpha()
    )
    best: TableName = "latin"
    best_score = -1
    for table in ("latin", "cyrillic", "greek", "arabic", "hebrew"):
        score = sum(n for char, n in counts.items() if encode_char(char, table) is not None)
        if score > best_score:
            best, best_score = table, score
    return best


class Encoder:
    """Encodes rows to one table, enforcing the unencodable policy and recording replacements."""

    def __init__(self, table: TableName, replace: bool) -> None:
        self.table = table
        self.replace = replace
        self.replaced: Counter[tuple[str, str]] = Counter()

    def encode(self, text: str, cue_index: int) -> tuple[bytes, int]:
        """Bytes and character cells of one row."""
        out = bytearray()
        cells = 0
        for char in text:
            encoded = encode_char(char, self.table)
            if encoded is None:
                if not self.replace:
                    raise UnencodableError(
                        f"{char!r} (U+{ord(char):04X}) is not in the EBU-STL {self.table} "
                        f"character table (CCT {CHARACTER_TABLES[self.table]}); pick another "
                        "character_table or pass unencodable='replace'",
                        cue_index=cue_index,
                        char=char,
                    )
                substitute = replacement(char, self.table)
                self.replaced[(char, substitute)] += 1
                for part in substitute:
                    out += encode_char(part, self.table) or b"?"
                    cells += 1
                continue
            out += encoded
            cells += 1
        return bytes(out), cells

    def notes(self, cue_index: int) -> list[Diagnostic]:
        notes = [
            Diagnostic(
                code="stl-replaced",
                cue_index=cue_index,
                message=f"{char!r} (U+{ord(char):04X}) written as {substitute!r}"
                + (f" {count} times" if count > 1 else "")
                + f": not in the {self.table} table (CCT {CHARACTER_TABLES[self.table]})",
            )
            for (char, substitute), count in self.replaced.items()
        ]
        self.replaced.clear()
        return notes


def encode_text_field(
    subtitle: Subtitle,
    options: StlOptions,
    encoder: Encoder,
    colours: dict[str | None, int],
) -> tuple[bytes, int]:
    """The subtitle's TF bytes and its widest row in characters."""
    teletext = is_teletext(options)
    capacity = row_capacity(options)
    if len(subtitle.rows) > max_rows(options):
        raise UnencodableError(
            f"{len(subtitle.rows)} rows do not fit the display, which shows at most "
            f"{max_rows(options)} rows per subtitle",
            cue_index=subtitle.index,
        )
    encoded_rows: list[bytes] = []
    widest = 0
    for number, row in enumerate(subtitle.rows, start=1):
        text, cells = encoder.encode(row.text, subtitle.index)
        if cells > capacity:
            where = "a teletext row" if teletext else "an open-subtitle row"
            raise UnencodableError(
                f"row {number} has {cells} characters; {where} holds at most {capacity} "
                "with these options (segment with a lower max_chars_per_row)",
                cue_index=subtitle.index,
            )
        widest = max(widest, cells)
        if not teletext:
            encoded_rows.append(text)
            continue
        prefix = bytearray()
        if options.double_height:
            prefix.append(_DOUBLE_HEIGHT)
        if options.speaker_colors:
            if row.speaker not in colours:
                colours[row.speaker] = _SPEAKER_COLOURS[len(colours) % len(_SPEAKER_COLOURS)]
            prefix.append(colours[row.speaker])
        prefix += bytes([_START_BOX, _START_BOX])
        # Teletext ends the box at the end of the row anyway; the explicit end-box pair is the
        # classic broadcaster layout, written when it fits the 40 cells.
        room = TELETEXT_COLUMNS - len(prefix) - cells
        suffix = bytes([_END_BOX, _END_BOX]) if room >= 2 else b""
        encoded_rows.append(bytes(prefix) + text + suffix)
    separator = bytes([NEW_ROW]) * row_height(options) if teletext else bytes([NEW_ROW])
    return separator.join(encoded_rows), widest


def split_blocks(text_field: bytes, table: TableName, cue_index: int) -> list[bytes]:
    """Split a text field into 112-byte TF chunks, never between a diacritic and its letter."""
    chunks: list[bytes] = []
    position = 0
    while len(text_field) - position > TF_SIZE:
        cut = position + TF_SIZE
        if table == "latin" and 0xC1 <= text_field[cut - 1] <= 0xCF:
            cut -= 1
        chunks.append(text_field[position:cut].ljust(TF_SIZE, bytes([UNUSED_SPACE])))
        position = cut
    chunks.append(text_field[position:].ljust(TF_SIZE, bytes([UNUSED_SPACE])))
    if len(chunks) > MAX_BLOCKS_PER_SUBTITLE:
        raise UnencodableError(
            f"the text needs {len(chunks)} TTI blocks; a subtitle can have at most "
            f"{MAX_BLOCKS_PER_SUBTITLE}",
            cue_index=cue_index,
        )
    return chunks
