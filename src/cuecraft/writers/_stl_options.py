"""EBU-STL writer options (the GSI fields they fill) and what the display they describe
holds: row capacity, rows per subtitle, frame rates (:func:`display`, for fitting the rules).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any, Final, Literal

from pydantic import ConfigDict, Field, field_validator, model_validator

from cuecraft._dates import today
from cuecraft._validated import SettingsModel
from cuecraft.display import Display
from cuecraft.errors import RulesError
from cuecraft.formats.stl.iso6937 import (
    CHARACTER_TABLES,
)
from cuecraft.formats.stl.layout import (
    LANGUAGE_CODES,
    TELETEXT_COLUMNS,
    TELETEXT_ROWS,
)
from cuecraft.formats.stl.timecode import TIMECODE

__all__ = [
    "DEFAULT_CREATION_DATE",
    "FREE_TEXT",
    "TIMECODE",
    "StlOptions",
    "display",
    "grid_rows",
    "is_teletext",
    "language_code",
    "max_rows",
    "row_capacity",
    "row_height",
]

DEFAULT_CREATION_DATE: Final = date(2000, 1, 1)
"""The creation date earlier versions wrote when none was given. Now the default is today
(:func:`cuecraft._dates.today`; ``SOURCE_DATE_EPOCH`` fixes it for reproducible output)."""

_TABLE_ALIASES: Final[dict[str, str]] = {code: name for name, code in CHARACTER_TABLES.items()}
_HEX_CODE = re.compile(r"^[0-7][0-9A-Fa-f]$")


# Option field -> GSI field, for the free-text fields (all space padded, code page CPN).
FREE_TEXT: Final[dict[str, str]] = {
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

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

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
        match = TIMECODE.match(value.strip())
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
        for name in FREE_TEXT:
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


def is_teletext(options: StlOptions) -> bool:
    return options.display_standard != "open"


def _row_prefix_cells(options: StlOptions) -> int:
    """Control-code cells before the text of a teletext row: [0D] [colour] 0B 0B."""
    return int(options.double_height) + int(options.speaker_colors) + 2


def row_capacity(options: StlOptions) -> int:
    """The most visible characters a row can hold with these options.

    Teletext: 40 cells minus the row's control codes (37 by default), and no more than MNC.
    Open subtitles: MNC when given, else 99 (the largest MNC the GSI can declare).
    """
    if is_teletext(options):
        cells = TELETEXT_COLUMNS - _row_prefix_cells(options)
        return min(cells, options.max_displayable_chars or TELETEXT_COLUMNS)
    return options.max_displayable_chars or 99


def row_height(options: StlOptions) -> int:
    return 2 if is_teletext(options) and options.double_height else 1


def grid_rows(options: StlOptions) -> int:
    return options.max_displayable_rows or TELETEXT_ROWS


def max_rows(options: StlOptions) -> int:
    """Most rows one subtitle can have on screen."""
    return grid_rows(options) // row_height(options)


def display(options: StlOptions) -> Display:
    """What the STL display can show with these options (``WriterSpec.display``).

    Rows of :func:`row_capacity` characters (37 on boxed double-height teletext, so a default
    of 42 is lowered to it) and as many rows as the grid holds; cue times snapped to the
    file's frames (25 fps, or 30/29.97 for STL30.01). A limit or frame rate the user set
    beyond it is an error, raised before anything is segmented.
    """
    what = "teletext" if is_teletext(options) else "open-subtitle"
    return Display(
        name=f"the EBU-STL {what} display",
        max_chars_per_row=row_capacity(options),
        max_rows=max_rows(options),
        frame_rate=float(options.frame_rate),
        frame_rates=(25.0,) if options.frame_rate == 25 else (30.0, 29.97),
        frame_rate_option="the STL frame_rate option",
    )
