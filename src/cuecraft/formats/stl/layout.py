"""EBU-STL binary layouts (EBU Tech 3264-E): the GSI and TTI blocks, declared once.

Both the writer and the reader pack and unpack through these ``struct`` formats, so an offset
can never disagree between the two. Offsets and meanings: ../shared/docs/ebu-stl.md §2-§3.
"""

from __future__ import annotations

import re
import struct
from typing import Final

__all__ = [
    "DFC",
    "DISPLAY_CODES",
    "EBN_LAST",
    "EBN_USER_DATA",
    "GSI",
    "GSI_FIELDS",
    "GSI_SIZE",
    "LANGUAGE_CODES",
    "LANGUAGE_TAGS",
    "NEW_ROW",
    "TELETEXT_COLUMNS",
    "TELETEXT_ROWS",
    "TF_SIZE",
    "TTI",
    "TTI_FIELDS",
    "TTI_SIZE",
    "TTI_TF_OFFSET",
    "UNUSED_SPACE",
    "gsi_offset",
    "is_gsi",
]

GSI_SIZE: Final = 1024
TTI_SIZE: Final = 128
TF_SIZE: Final = 112
TTI_TF_OFFSET: Final = 16

# GSI: ASCII text; numbers are right-aligned decimal digits with leading zeros, free text is
# space padded (in the DOS code page named by CPN).
GSI_FIELDS: Final[tuple[tuple[str, int], ...]] = (
    # identification: code page, disk format (frame rate), display standard, tables
    ("CPN", 3),  # Code Page Number: 437 850 860 863 865
    ("DFC", 8),  # Disk Format Code: STL25.01 / STL30.01
    ("DSC", 1),  # Display Standard Code: " " 0 open, 1 teletext level 1, 2 level 2
    ("CCT", 2),  # Character Code Table of TF: 00 Latin ... 04 Hebrew
    ("LC", 2),  # Language Code: two hex digits from the EBU table
    # titles and people (free text)
    ("OPT", 32),  # Original Programme Title
    ("OET", 32),  # Original Episode Title
    ("TPT", 32),  # Translated Programme Title
    ("TET", 32),  # Translated Episode Title
    ("TN", 32),  # Translator's Name
    ("TCD", 32),  # Translator's Contact Details
    ("SLR", 16),  # Subtitle List Reference Code
    # dates and counts
    ("CD", 6),  # Creation Date YYMMDD
    ("RD", 6),  # Revision Date YYMMDD
    ("RN", 2),  # Revision Number
    ("TNB", 5),  # Total Number of TTI Blocks (all blocks)
    ("TNS", 5),  # Total Number of Subtitles
    ("TNG", 3),  # Total Number of Subtitle Groups
    ("MNC", 2),  # Maximum Number of Displayable Characters in a row
    ("MNR", 2),  # Maximum Number of Displayable Rows
    # time codes
    ("TCS", 1),  # Time Code Status: 1 = intended for use
    ("TCP", 8),  # Time Code of Start of Programme HHMMSSFF
    ("TCF", 8),  # Time Code of First In-Cue HHMMSSFF
    # disks, origin, publisher
    ("TND", 1),  # Total Number of Disks
    ("DSN", 1),  # Disk Sequence Number
    ("CO", 3),  # Country of Origin (ISO 3166 alpha-3)
    ("PUB", 32),  # Publisher
    ("EN", 32),  # Editor's Name
    ("ECD", 32),  # Editor's Contact Details
    ("SPARE", 75),  # reserved, spaces
    ("UDA", 576),  # User-Defined Area
)

GSI: Final = struct.Struct("".join(f"{size}s" for _, size in GSI_FIELDS))

# TTI: binary. SN is little-endian; TCI/TCO are 4 bytes h, m, s, f.
TTI_FIELDS: Final[tuple[str, ...]] = (
    "SGN",  # Subtitle Group Number
    "SN",  # Subtitle Number (2 bytes, LSB first)
    "EBN",  # Extension Block Number: FFh last block, FEh user data, 00h.. continued
    "CS",  # Cumulative Status: 0 none, 1 first, 2 intermediate, 3 last
    "TCI",  # Time Code In (h, m, s, f)
    "TCO",  # Time Code Out
    "VP",  # Vertical Position (teletext row 1-23)
    "JC",  # Justification Code: 0 unchanged, 1 left, 2 centred, 3 right
    "CF",  # Comment Flag: 0 subtitle, 1 comment
    "TF",  # Text Field, padded with 8Fh
)

TTI: Final = struct.Struct("<BHBB4s4sBBB112s")

EBN_LAST: Final = 0xFF
EBN_USER_DATA: Final = 0xFE

# Text field codes (EBU Tech 3264 TTI TF; ../shared/docs/ebu-stl.md).
NEW_ROW: Final = 0x8A
"""CR/LF: the next displayed row."""
UNUSED_SPACE: Final = 0x8F
"""Pads the text field; only 8Fh may follow the first one."""

DFC: Final = re.compile(rb"^STL(\d\d)\.01$")
"""GSI Disk Format Code: ``STL25.01``, ``STL30.01`` (the two digits name the frame rate)."""

DISPLAY_CODES: Final = {"open": "0", "teletext": "1", "teletext-level-2": "2"}
"""GSI Display Standard Code by name (a space: undefined)."""

TELETEXT_COLUMNS: Final = 40
"""Cells in a teletext row, control codes included."""
TELETEXT_ROWS: Final = 23
"""Subtitle rows on a teletext page (row 0 is the page header)."""

assert GSI.size == GSI_SIZE, GSI.size
assert TTI.size == TTI_SIZE, TTI.size


def is_gsi(data: bytes) -> bool:
    """Three code page digits, then a disk format code like ``STL25.01``."""
    return len(data) >= 11 and data[:3].isdigit() and DFC.match(data[3:11]) is not None


def gsi_offset(name: str) -> int:
    """Byte offset of a GSI field (for error locations)."""
    offset = 0
    for field, size in GSI_FIELDS:
        if field == name:
            return offset
        offset += size
    raise KeyError(name)


# EBU Tech 3264 Appendix 3 language codes (two upper-case hex digits), keyed by the ISO 639
# code that a BCP 47 tag starts with. Several tags may share a code (no/nb/nn); the first one
# listed for a code is what the reader gives back.
LANGUAGE_CODES: Final[dict[str, str]] = {
    "sq": "01",
    "br": "02",
    "ca": "03",
    "hr": "04",
    "cy": "05",
    "cs": "06",
    "da": "07",
    "de": "08",
    "en": "09",
    "es": "0A",
    "eo": "0B",
    "et": "0C",
    "eu": "0D",
    "fo": "0E",
    "fr": "0F",
    "fy": "10",
    "ga": "11",
    "gd": "12",
    "gl": "13",
    "is": "14",
    "it": "15",
    "se": "16",
    "la": "17",
    "lv": "18",
    "lb": "19",
    "lt": "1A",
    "hu": "1B",
    "mt": "1C",
    "nl": "1D",
    "no": "1E",
    "nb": "1E",
    "nn": "1E",
    "oc": "1F",
    "pl": "20",
    "pt": "21",
    "ro": "22",
    "rm": "23",
    "sr": "24",
    "sk": "25",
    "sl": "26",
    "fi": "27",
    "sv": "28",
    "tr": "29",
    "wa": "2B",
    "zu": "45",
    "vi": "46",
    "uz": "47",
    "ur": "48",
    "uk": "49",
    "th": "4A",
    "te": "4B",
    "tt": "4C",
    "ta": "4D",
    "tg": "4E",
    "sw": "4F",
    "srn": "50",
    "so": "51",
    "si": "52",
    "sn": "53",
    "sh": "54",
    "rue": "55",
    "ru": "56",
    "qu": "57",
    "ps": "58",
    "pa": "59",
    "fa": "5A",
    "pap": "5B",
    "or": "5C",
    "ne": "5D",
    "nd": "5E",
    "mr": "5F",
    "mo": "60",
    "ms": "61",
    "mg": "62",
    "mk": "63",
    "lo": "64",
    "ko": "65",
    "km": "66",
    "kk": "67",
    "kn": "68",
    "ja": "69",
    "id": "6A",
    "hi": "6B",
    "he": "6C",
    "iw": "6C",
    "ha": "6D",
    "gn": "6E",
    "gu": "6F",
    "el": "70",
    "ka": "71",
    "ff": "72",
    "prs": "73",
    "cv": "74",
    "zh": "75",
    "cmn": "75",
    "yue": "75",
    "my": "76",
    "bg": "77",
    "bn": "78",
    "be": "79",
    "bm": "7A",
    "az": "7B",
    "as": "7C",
    "hy": "7D",
    "ar": "7E",
    "am": "7F",
}

LANGUAGE_TAGS: Final[dict[str, str]] = {}
"""EBU language code -> the BCP 47 tag the reader reports (``2A`` Flemish is ``nl-BE``)."""
for _tag, _code in LANGUAGE_CODES.items():
    LANGUAGE_TAGS.setdefault(_code, _tag)
LANGUAGE_TAGS["2A"] = "nl-BE"
