"""EBU-STL writer (EBU Tech 3264-E): one 1024-byte GSI block, then 128-byte TTI blocks.

Spec summary, reader quirks and checklist: ../shared/docs/ebu-stl.md. What this writer does:

* **GSI**: every field from :class:`StlOptions` or computed (counts, TCF, MNC/MNR). Numbers are
  zero-padded digits, free text is space padded in the DOS code page ``code_page``. No clock is
  read: the creation date is an option with a fixed default, so output is byte-stable.
* **Times**: cue times (ms from programme start) become frames at the nominal rate of
  ``frame_rate`` (``round(ms * fps / 1000)``), plus ``start_of_programme`` (TCP). Rounding never
  makes a cue vanish or overlap: a cue lasts at least one frame, starts no earlier than the
  previous cue ends, and ends where the next one starts if it would run into it. Any cue moved
  by more than that rounding is reported as a ``stl-retimed`` diagnostic.
* **Teletext** (``display_standard="teletext"``, the default): each row is
  ``[0D double height] [colour] 0B 0B text [0A 0A]``: boxed (two start-box codes, as teletext
  requires), double height by default, the end-box pair only when it still fits the 40 cells.
  Rows are separated by ``8A 8A`` after double-height rows (``8A`` otherwise), and the
  subtitle is bottom-aligned: VP 22 for one double-height row, 20 for two. With the defaults a
  row holds 37 visible characters (40 cells minus ``0D 0B 0B``), 36 with ``speaker_colors``.
* **Open subtitling** (``display_standard="open"``): plain rows separated by ``8A``, no
  teletext codes (go-astisub rejects a whole open file that has any); VP counts rows on a grid
  of MNR rows, bottom row = MNR.
* **Text** is NFC-normalised; runs of spaces and tabs become one space (ttconv glues the words
  around a double space); a line break inside a line starts a new row.
  Characters are encoded in the chosen table (:mod:`cuecraft.writers._iso6937`): accented Latin
  letters as diacritic prefix + base letter. A character the table lacks is an
  :class:`~cuecraft.errors.UnencodableError` naming the cue and the character, or, with
  ``unencodable="replace"``, its documented replacement plus a ``stl-replaced`` diagnostic for
  every cue and character replaced.
* **Extension blocks** carry a text field longer than 112 bytes (same SN, EBN 00, 01, ... and
  FF for the last). A diacritic prefix is never split from its letter; in that one case the
  non-final block ends with one ``8F``.
* Limits that make a cue impossible to write (a row wider than the display, more rows than
  the screen, a time past 23:59:59) raise :class:`~cuecraft.errors.UnencodableError` with the
  cue index. :func:`display` declares what the display holds and the default rules are
  fitted to it, so with default rules these never happen; a row limit the user set above
  what the display holds is a :class:`~cuecraft.errors.RulesError` before anything is segmented.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, BinaryIO, Final, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from cuecraft._dates import today
from cuecraft._validated import SettingsModel
from cuecraft.display import Display
from cuecraft.errors import OutputError, RulesError, UnencodableError
from cuecraft.model import Cue, Diagnostic
from cuecraft.timing import fit_spans, ms_to_frames
from cuecraft.writers._iso6937 import (
    CHARACTER_TABLES,
    TableName,
    encode_char,
    replacement,
)
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._stl_layout import (
    EBN_LAST,
    GSI,
    GSI_FIELDS,
    LANGUAGE_CODES,
    TELETEXT_COLUMNS,
    TELETEXT_ROWS,
    TF_SIZE,
    TTI,
)

__all__ = [
    "DEFAULT_CREATION_DATE",
    "SPEC",
    "StlOptions",
    "display",
    "language_code",
    "render",
    "row_capacity",
    "write",
]

DEFAULT_CREATION_DATE: Final = date(2000, 1, 1)
"""The creation date earlier versions wrote when none was given. Now the default is today
(:func:`cuecraft._dates.today`; ``SOURCE_DATE_EPOCH`` fixes it for reproducible output)."""

MAX_SUBTITLES: Final = 0xFFFF
"""SN is two bytes."""
MAX_BLOCKS_PER_SUBTITLE: Final = 0xF0 + 1
"""EBN 00h-EFh number the non-final blocks of a subtitle, FFh the last one."""

_DISPLAY_CODES: Final = {"open": "0", "teletext": "1", "teletext-level-2": "2"}
_JUSTIFICATION_CODES: Final = {"none": 0, "left": 1, "center": 2, "right": 3}
# Teletext colours for speakers, in the usual UK/EBU order (ebu-stl.md §6): white, yellow,
# cyan, green.
_SPEAKER_COLOURS: Final = (0x07, 0x03, 0x06, 0x02)
_DOUBLE_HEIGHT: Final = 0x0D
_START_BOX: Final = 0x0B
_END_BOX: Final = 0x0A
_NEW_ROW: Final = 0x8A
_UNUSED: Final = 0x8F
_MAX_TIMECODE_SECONDS: Final = 24 * 3600
_TABLE_ALIASES: Final[dict[str, str]] = {code: name for name, code in CHARACTER_TABLES.items()}
_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
# Spaces that separate words; NBSP is text (written as A0h), not a separator.
_SEPARATORS = re.compile(r"[ \t\f\v]+")
_TIMECODE = re.compile(r"^(\d{2})[:;.]?(\d{2})[:;.]?(\d{2})[:;.]?(\d{2})$")
_HEX_CODE = re.compile(r"^[0-7][0-9A-Fa-f]$")


def language_code(tag: str | None) -> str | None:
    """EBU language code (``"09"``) for a BCP 47 tag (``"en-GB"``) or an EBU code; None if
    unknown."""
    if tag is None:
        return None
    tag = tag.strip()
    if _HEX_CODE.match(tag):
        return tag.upper()
    primary = re.split(r"[-_]", tag.lower(), maxsplit=1)[0]
    return LANGUAGE_CODES.get(primary)


class StlOptions(SettingsModel):
    """Options of the EBU-STL writer; each field names the GSI field it fills.

    Example: broadcast teletext with programme timecode from 10:00:00:00::

        StlOptions(start_of_programme="10:00:00:00", programme_title="Interview",
                   country="GBR", creation_date=date(2025, 1, 1))
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    frame_rate: Literal[25, 30] = 25
    """Frames per second of all timecodes: 25 (DFC ``STL25.01``) or 30 (``STL30.01``)."""

    display_standard: Literal["teletext", "teletext-level-2", "open"] = "teletext"
    """DSC: ``teletext`` (level 1, boxed rows), ``teletext-level-2``, or ``open`` subtitling
    (burnt-in / in-vision: plain rows without teletext codes)."""

    character_table: Literal["auto", "latin", "cyrillic", "arabic", "greek", "hebrew"] = "auto"
    """CCT of the text: ``latin`` (00, ISO 6937), ``cyrillic`` (01, ISO 8859-5), ``arabic``
    (02), ``greek`` (03), ``hebrew`` (04); ``auto`` takes the table that encodes the most
    characters of the text (Latin when tied). The codes ``00``-``04`` are accepted too."""

    code_page: Literal[437, 850, 860, 863, 865] = 850
    """CPN: DOS code page of the GSI free-text fields (titles, names)."""

    language_code: str | None = None
    """LC: an EBU code (two hex digits, ``09`` English) or a BCP 47 tag (``en-GB``); None takes
    the transcript's language, and ``00`` (unknown) when that has no EBU code."""

    programme_title: str | None = Field(default=None, max_length=32)
    """OPT; None takes the title of the conversion (the input file's name)."""

    episode_title: str = Field(default="", max_length=32)
    """OET: original episode title."""

    translated_programme_title: str = Field(default="", max_length=32)
    """TPT: translated programme title."""

    translated_episode_title: str = Field(default="", max_length=32)
    """TET: translated episode title."""

    translator_name: str = Field(default="", max_length=32)
    """TN: translator's name."""

    translator_contact: str = Field(default="", max_length=32)
    """TCD: translator's contact details."""

    subtitle_list_reference: str = Field(default="", max_length=16)
    """SLR: subtitle list reference code (a job or list id)."""

    publisher: str = Field(default="", max_length=32)
    """PUB: publisher."""

    editor_name: str = Field(default="", max_length=32)
    """EN: editor's name."""

    editor_contact: str = Field(default="", max_length=32)
    """ECD: editor's contact details."""

    country: str = ""
    """CO: country of origin, ISO 3166 alpha-3 (``GBR``, ``DEU``); empty writes spaces."""

    creation_date: date | None = None
    """CD: creation date (ISO ``2025-01-31``); None: today (or the date of the environment
    variable SOURCE_DATE_EPOCH, for reproducible output)."""

    revision_date: date | None = None
    """RD: date of the last revision, not before ``creation_date``; None = creation date."""

    revision_number: int = Field(default=0, ge=0, le=99)
    """RN: how many times the file was revised (0-99)."""

    start_of_programme: str = "00:00:00:00"
    """TCP: timecode of programme start, ``HH:MM:SS:FF``; every cue time is offset by it
    (``10:00:00:00`` is the broadcast convention; CaptionSync's offset maps here)."""

    timecodes_for_use: bool = True
    """TCS: whether the timecodes are meant to match the programme's (1) or not (0)."""

    double_height: bool = True
    """Teletext only: double-height rows (each row uses two teletext rows)."""

    speaker_colors: bool = False
    """Teletext only: colour each row by speaker (white, yellow, cyan, green, in order of
    appearance). Costs one cell per row: 36 visible characters instead of 37."""

    vertical_position: Literal["bottom", "top"] = "bottom"
    """Where subtitles sit: ``bottom`` (ending on the last row) or ``top`` (from row 1)."""

    justification: Literal["center", "left", "right", "none"] = "center"
    """JC: row justification; ``none`` keeps the row as written (JC 00)."""

    max_displayable_chars: int | None = Field(default=None, ge=1, le=99)
    """MNC: declared row width. None: 40 for teletext; for open subtitles 40 or the longest
    row if longer. Rows longer than this are refused."""

    max_displayable_rows: int | None = Field(default=None, ge=1, le=99)
    """MNR: declared rows of the display grid. None: 23 (teletext, and the open grid)."""

    unencodable: Literal["error", "replace"] = "error"
    """A character the table lacks: ``error`` (UnencodableError naming cue and character) or
    ``replace`` (documented replacement, reported as a diagnostic)."""

    @field_validator("character_table", mode="before")
    @classmethod
    def _table_code(cls, value: Any) -> Any:
        if isinstance(value, str) and value in _TABLE_ALIASES:
            return _TABLE_ALIASES[value]
        return value

    @field_validator("language_code")
    @classmethod
    def _language(cls, value: str | None) -> str | None:
        if value is None:
            return None
        code = language_code(value)
        if code is None:
            raise ValueError("expected an EBU code (two hex digits 00-7F) or a known BCP 47 tag")
        return code

    @field_validator("country")
    @classmethod
    def _country(cls, value: str) -> str:
        value = value.strip().upper()
        if value and not re.fullmatch(r"[A-Z]{3}", value):
            raise ValueError("expected an ISO 3166 alpha-3 code such as GBR, or nothing")
        return value

    @field_validator("start_of_programme")
    @classmethod
    def _timecode(cls, value: str) -> str:
        match = _TIMECODE.match(value.strip())
        if match is None:
            raise ValueError("expected a timecode HH:MM:SS:FF")
        hours, minutes, seconds, _ = (int(part) for part in match.groups())
        if hours > 23 or minutes > 59 or seconds > 59:
            raise ValueError("hours must be 00-23, minutes and seconds 00-59")
        return ":".join(match.groups())

    @model_validator(mode="after")
    def _check_consistency(self) -> StlOptions:
        # RulesError is not a ValueError, so pydantic lets it through with its field name.
        frames = int(self.start_of_programme[-2:])
        if frames >= self.frame_rate:
            raise RulesError(
                f"frame {frames} does not exist at {self.frame_rate} fps",
                field="start_of_programme",
            )
        created = self.creation_date or today()
        if self.revision_date is not None and self.revision_date < created:
            raise RulesError(
                f"{self.revision_date} is before creation_date {created}",
                field="revision_date",
            )
        if self.display_standard != "open":
            if self.max_displayable_chars is not None and (
                self.max_displayable_chars > TELETEXT_COLUMNS
            ):
                raise RulesError(
                    f"a teletext row has {TELETEXT_COLUMNS} cells, got "
                    f"{self.max_displayable_chars}",
                    field="max_displayable_chars",
                )
            if self.max_displayable_rows is not None and (
                self.max_displayable_rows > TELETEXT_ROWS
            ):
                raise RulesError(
                    f"a teletext page has {TELETEXT_ROWS} subtitle rows, got "
                    f"{self.max_displayable_rows}",
                    field="max_displayable_rows",
                )
        codec = f"cp{self.code_page}"
        for name in _FREE_TEXT:
            value = getattr(self, name)
            if value is None:
                continue
            try:
                value.encode(codec)
            except UnicodeEncodeError as exc:
                raise RulesError(
                    f"{value[exc.start]!r} cannot be written in code page {self.code_page}",
                    field=name,
                ) from None
        return self


# Option field -> GSI field, for the free-text fields (all space padded, code page CPN).
_FREE_TEXT: Final[dict[str, str]] = {
    "programme_title": "OPT",
    "episode_title": "OET",
    "translated_programme_title": "TPT",
    "translated_episode_title": "TET",
    "translator_name": "TN",
    "translator_contact": "TCD",
    "subtitle_list_reference": "SLR",
    "publisher": "PUB",
    "editor_name": "EN",
    "editor_contact": "ECD",
}
_SIZES: Final[dict[str, int]] = dict(GSI_FIELDS)


def _teletext(options: StlOptions) -> bool:
    return options.display_standard != "open"


def _row_prefix_cells(options: StlOptions) -> int:
    """Control-code cells before the text of a teletext row: [0D] [colour] 0B 0B."""
    return int(options.double_height) + int(options.speaker_colors) + 2


def row_capacity(options: StlOptions) -> int:
    """The most visible characters a row can hold with these options.

    Teletext: 40 cells minus the row's control codes (37 by default), and no more than MNC.
    Open subtitles: MNC when given, else 99 (the largest MNC the GSI can declare).
    """
    if _teletext(options):
        cells = TELETEXT_COLUMNS - _row_prefix_cells(options)
        return min(cells, options.max_displayable_chars or TELETEXT_COLUMNS)
    return options.max_displayable_chars or 99


def _row_height(options: StlOptions) -> int:
    return 2 if _teletext(options) and options.double_height else 1


def _grid_rows(options: StlOptions) -> int:
    return options.max_displayable_rows or TELETEXT_ROWS


def _max_rows(options: StlOptions) -> int:
    """Most rows one subtitle can have on screen."""
    return _grid_rows(options) // _row_height(options)


def display(options: StlOptions) -> Display:
    """What the STL display can show with these options (``WriterSpec.display``).

    Rows of :func:`row_capacity` characters (37 on boxed double-height teletext, so a default
    of 42 is lowered to it) and as many rows as the grid holds; cue times snapped to the
    file's frames (25 fps, or 30/29.97 for STL30.01). A limit or frame rate the user set
    beyond it is an error, raised before anything is segmented.
    """
    what = "teletext" if _teletext(options) else "open-subtitle"
    return Display(
        name=f"the EBU-STL {what} display",
        max_chars_per_row=row_capacity(options),
        max_rows=_max_rows(options),
        frame_rate=float(options.frame_rate),
        frame_rates=(25.0,) if options.frame_rate == 25 else (30.0, 29.97),
        frame_rate_option="the STL frame_rate option",
    )


@dataclass(frozen=True)
class _Row:
    text: str
    speaker: str | None


@dataclass(frozen=True)
class _Subtitle:
    index: int
    rows: tuple[_Row, ...]


def _rows(cue: Cue) -> tuple[_Row, ...]:
    rows: list[_Row] = []
    for line in cue.lines:
        for piece in _LINE_BREAK.split(unicodedata.normalize("NFC", line.text)):
            text = _SEPARATORS.sub(" ", piece).strip(" ")
            if text:
                rows.append(_Row(text, line.speaker))
    return tuple(rows)


def _choose_table(subtitles: Sequence[_Subtitle]) -> TableName:
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


class _Encoder:
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


def _text_field(
    subtitle: _Subtitle,
    options: StlOptions,
    encoder: _Encoder,
    colours: dict[str | None, int],
) -> tuple[bytes, int]:
    """The subtitle's TF bytes and its widest row in characters."""
    teletext = _teletext(options)
    capacity = row_capacity(options)
    if len(subtitle.rows) > _max_rows(options):
        raise UnencodableError(
            f"{len(subtitle.rows)} rows do not fit the display, which shows at most "
            f"{_max_rows(options)} rows per subtitle",
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
    separator = bytes([_NEW_ROW]) * _row_height(options) if teletext else bytes([_NEW_ROW])
    return separator.join(encoded_rows), widest


def _split_blocks(text_field: bytes, table: TableName, cue_index: int) -> list[bytes]:
    """Split a text field into 112-byte TF chunks, never between a diacritic and its letter."""
    chunks: list[bytes] = []
    position = 0
    while len(text_field) - position > TF_SIZE:
        cut = position + TF_SIZE
        if table == "latin" and 0xC1 <= text_field[cut - 1] <= 0xCF:
            cut -= 1
        chunks.append(text_field[position:cut].ljust(TF_SIZE, bytes([_UNUSED])))
        position = cut
    chunks.append(text_field[position:].ljust(TF_SIZE, bytes([_UNUSED])))
    if len(chunks) > MAX_BLOCKS_PER_SUBTITLE:
        raise UnencodableError(
            f"the text needs {len(chunks)} TTI blocks; a subtitle can have at most "
            f"{MAX_BLOCKS_PER_SUBTITLE}",
            cue_index=cue_index,
        )
    return chunks


def _frames(
    cues: Sequence[Cue], indices: Sequence[int], fps: int, notes: list[Diagnostic]
) -> list[tuple[int, int]]:
    """In/out frames for the cues written: rounded, at least one frame, never overlapping."""
    starts = [ms_to_frames(cues[i].start_ms, fps) for i in indices]
    ends = [ms_to_frames(cues[i].end_ms, fps) for i in indices]
    spans = fit_spans(list(zip(starts, ends, strict=True)))
    for k, (index, (start, end)) in enumerate(zip(indices, spans, strict=True)):
        if (start, end) != (starts[k], ends[k]):
            notes.append(
                Diagnostic(
                    code="stl-retimed",
                    cue_index=index,
                    message=f"frames {starts[k]}-{ends[k]} written as {start}-{end} so that "
                    "the subtitle lasts at least one frame and does not overlap its "
                    "neighbours",
                )
            )
    return spans


def _timecode_bytes(frames: int, fps: int) -> bytes:
    seconds, frame = divmod(frames, fps)
    minutes, second = divmod(seconds, 60)
    hour, minute = divmod(minutes, 60)
    return bytes([hour, minute, second, frame])


def _timecode_digits(frames: int, fps: int) -> str:
    return "".join(f"{part:02d}" for part in _timecode_bytes(frames, fps))


def _free_text(value: str, size: int, codec: str) -> bytes:
    return value.encode(codec).ljust(size, b" ")


def _auto_title(title: str, codec: str, notes: list[Diagnostic]) -> str:
    """The conversion's title as OPT: characters the code page lacks become '?', and it is
    cut to 32 bytes, each reported (the user did not choose this text)."""
    fitted = title.encode(codec, errors="replace").decode(codec)
    if fitted != title:
        notes.append(
            Diagnostic(
                code="stl-title",
                message=f"programme title {title!r}: characters outside code page "
                f"{codec[2:]} written as '?'",
            )
        )
    if len(fitted) > _SIZES["OPT"]:
        notes.append(
            Diagnostic(
                code="stl-title",
                message=f"programme title {title!r} cut to its first {_SIZES['OPT']} "
                "characters (OPT holds 32)",
            )
        )
        fitted = fitted[: _SIZES["OPT"]]
    return fitted


def _yymmdd(day: date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"


def render(cues: Sequence[Cue], options: StlOptions, context: WriteContext) -> bytes:
    """The whole STL file for ``cues`` (see :func:`write`)."""
    notes = context.diagnostics
    fps = options.frame_rate
    subtitles: list[_Subtitle] = []
    for index, cue in enumerate(cues):
        rows = _rows(cue)
        if not rows:
            notes.append(
                Diagnostic(code="stl-empty-cue", cue_index=index, message="no text; not written")
            )
            continue
        subtitles.append(_Subtitle(index, rows))
    if len(subtitles) > MAX_SUBTITLES:
        raise OutputError(
            f"{len(subtitles)} subtitles; an EBU-STL file numbers at most {MAX_SUBTITLES}"
        )

    if options.character_table == "auto":
        table = _choose_table(subtitles)
        if table != "latin":
            notes.append(
                Diagnostic(
                    code="stl-character-table",
                    severity="info",
                    message=f"character table {table} (CCT {CHARACTER_TABLES[table]}) chosen "
                    "for the text",
                )
            )
    else:
        table = options.character_table
    encoder = _Encoder(table, replace=options.unencodable == "replace")

    tcp = _TIMECODE.match(options.start_of_programme)
    assert tcp is not None  # validated by StlOptions
    hours, minutes, seconds, frame = (int(part) for part in tcp.groups())
    tcp_frames = ((hours * 60 + minutes) * 60 + seconds) * fps + frame
    limit = _MAX_TIMECODE_SECONDS * fps
    spans = _frames(cues, [sub.index for sub in subtitles], fps, notes)

    teletext = _teletext(options)
    height = _row_height(options)
    grid = _grid_rows(options)
    colours: dict[str | None, int] = {}
    blocks: list[bytes] = []
    widest = 0
    first_in: int | None = None
    for number, (subtitle, (start, end)) in enumerate(zip(subtitles, spans, strict=True), start=1):
        if tcp_frames + end >= limit:
            raise UnencodableError(
                "ends after 23:59:59 in timecode (start_of_programme plus the cue's end); "
                "an STL timecode has no day",
                cue_index=subtitle.index,
            )
        text_field, row_width = _text_field(subtitle, options, encoder, colours)
        notes.extend(encoder.notes(subtitle.index))
        widest = max(widest, row_width)
        row_count = len(subtitle.rows)
        if options.vertical_position == "top":
            vertical = 1
        elif teletext:
            vertical = TELETEXT_ROWS + 1 - row_count * height
        else:
            vertical = grid - row_count + 1
        time_in = _timecode_bytes(tcp_frames + start, fps)
        time_out = _timecode_bytes(tcp_frames + end, fps)
        if first_in is None:
            first_in = tcp_frames + start
        chunks = _split_blocks(text_field, table, subtitle.index)
        for position, chunk in enumerate(chunks):
            extension = EBN_LAST if position == len(chunks) - 1 else position
            blocks.append(
                TTI.pack(
                    0,  # SGN: one subtitle group
                    number,  # SN, from 1
                    extension,
                    0,  # CS: not a cumulative set
                    time_in,
                    time_out,
                    vertical,
                    _JUSTIFICATION_CODES[options.justification],
                    0,  # CF: subtitle text, not a comment
                    chunk,
                )
            )
    if len(blocks) > 99999:
        raise OutputError(f"{len(blocks)} TTI blocks; TNB holds at most 99999")

    if options.language_code is not None:
        language = options.language_code
    else:
        language = language_code(context.language) or "00"
        if context.language and language == "00":
            notes.append(
                Diagnostic(
                    code="stl-language",
                    severity="info",
                    message=f"language {context.language!r} has no EBU code; LC written as 00",
                )
            )
    codec = f"cp{options.code_page}"
    free_text = {gsi: getattr(options, name) or "" for name, gsi in _FREE_TEXT.items()}
    if options.programme_title is None and context.title:
        free_text["OPT"] = _auto_title(context.title, codec, notes)
    if teletext:
        columns = options.max_displayable_chars or TELETEXT_COLUMNS
    else:
        columns = options.max_displayable_chars or max(TELETEXT_COLUMNS, widest)
    created = options.creation_date or today()
    revision = options.revision_date or created
    values: dict[str, bytes] = {
        "CPN": f"{options.code_page:03d}".encode(),
        "DFC": f"STL{fps}.01".encode(),
        "DSC": _DISPLAY_CODES[options.display_standard].encode(),
        "CCT": CHARACTER_TABLES[table].encode(),
        "LC": language.encode(),
        "CD": _yymmdd(created).encode(),
        "RD": _yymmdd(revision).encode(),
        "RN": f"{options.revision_number:02d}".encode(),
        "TNB": f"{len(blocks):05d}".encode(),
        "TNS": f"{len(subtitles):05d}".encode(),
        "TNG": b"001" if subtitles else b"000",
        "MNC": f"{columns:02d}".encode(),
        "MNR": f"{grid:02d}".encode(),
        "TCS": b"1" if options.timecodes_for_use else b"0",
        "TCP": _timecode_digits(tcp_frames, fps).encode(),
        "TCF": _timecode_digits(first_in if first_in is not None else tcp_frames, fps).encode(),
        "TND": b"1",
        "DSN": b"1",
        "CO": (options.country or "").encode().ljust(3, b" "),
    }
    for gsi, text in free_text.items():
        values[gsi] = _free_text(text, _SIZES[gsi], codec)
    header = GSI.pack(*(values.get(name, b"").ljust(size, b" ") for name, size in GSI_FIELDS))
    return header + b"".join(blocks)


def write(
    cues: Sequence[Cue],
    out: BinaryIO,
    options: StlOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as an EBU-STL file.

    Args:
        cues: the cues in time order (times in ms from programme start).
        out: a binary stream.
        options: GSI fields and layout (``StlOptions()`` when None).
        context: the transcript's language and title, and where diagnostics go.

    Raises:
        UnencodableError: a character outside the character table (unless
            ``unencodable="replace"``), or a cue the display cannot show (too wide, too many
            rows, past 23:59:59); ``cue_index`` says which.
        OutputError: more subtitles or blocks than the GSI counters hold.
    """
    options = options or StlOptions()
    context = context or WriteContext()
    out.write(render(cues, options, context))


SPEC = WriterSpec(
    name="stl",
    extensions=(".stl",),
    takes="cues",
    binary=True,
    options=StlOptions,
    write=write,
    description="EBU-STL (EBU Tech 3264) binary subtitles, teletext or open",
    display=display,
)
