"""CEA-608 (line 21) caption codec for Scenarist SCC: parity, character sets, codes, time code.

Sources:

* 47 CFR 15.119, "Closed caption decoder requirements for analog television receivers"
  (US Code of Federal Regulations): the 15-row by 32-column caption grid, odd parity on
  every byte, the standard character set (ASCII with ten positions replaced: 0x2A ``á``,
  0x5C ``é``, 0x5E ``í``, 0x5F ``ó``, 0x60 ``ú``, 0x7B ``ç``, 0x7C ``÷``, 0x7D ``Ñ``,
  0x7E ``ñ``, 0x7F ``█``), the special characters (``11 30``-``11 3F``: ``®°½¿™¢£♪à``,
  transparent space, ``èâêîôû``), the preamble address codes (PACs: row and indent), the
  mid-row codes and the miscellaneous control codes (RCL, BS, DER, RU2-RU4, FON, RDC, TR,
  RTD, EDM, CR, ENM, EOC) and tab offsets.
* ANSI/CTA-608-E, "Line 21 Data Services": the extended characters (``12 20``-``13 3F``,
  Spanish, French, Portuguese, German and Danish letters and signs), each sent after a
  standard character that a decoder deletes first (the decoder backspaces), so that an
  older decoder shows the standard one; and the redundancy rule: a two-byte code (first
  byte 10h-1Fh) is sent twice, and a decoder ignores an identical pair that directly
  follows the first one.
* McPoodle's "Scenarist Closed Caption Format" (theneitherworld.com/mcpoodle/SCC_TOOLS/DOCS/
  SCC_FORMAT.HTML): the file is the header ``Scenarist_SCC V1.0``, then lines of a time
  code, a tab and 4-hex-digit words (one byte pair each, parity included), one word per
  frame at 29.97 fps from that time code on; ``HH:MM:SS;FF`` is drop-frame,
  ``HH:MM:SS:FF`` non-drop-frame.

Only channel 1 (CC1) codes are produced; the decoder reads channel 1 and reports the rest.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "BS",
    "COLUMNS",
    "CR",
    "EDM",
    "ENM",
    "EOC",
    "EXTENDED",
    "RCL",
    "RDC",
    "ROLL_UP",
    "ROWS",
    "SPECIAL",
    "STANDARD",
    "TAB_OFFSETS",
    "encode_char",
    "frame_to_ms",
    "frame_to_timecode",
    "ms_to_frame",
    "pac",
    "pac_position",
    "parity",
    "timecode_to_frame",
    "word_hex",
]

ROWS: Final = 15
COLUMNS: Final = 32

# Miscellaneous control codes, channel 1 (first byte 14h, field 1), without parity.
RCL: Final = (0x14, 0x20)  # resume caption loading (pop-on)
BS: Final = (0x14, 0x21)  # backspace
DER: Final = (0x14, 0x24)  # delete to end of row
ROLL_UP: Final = {2: (0x14, 0x25), 3: (0x14, 0x26), 4: (0x14, 0x27)}  # RU2, RU3, RU4
RDC: Final = (0x14, 0x29)  # resume direct captioning (paint-on)
EDM: Final = (0x14, 0x2C)  # erase displayed memory
CR: Final = (0x14, 0x2D)  # carriage return (roll-up)
ENM: Final = (0x14, 0x2E)  # erase non-displayed memory
EOC: Final = (0x14, 0x2F)  # end of caption (swap memories)
TAB_OFFSETS: Final = {1: (0x17, 0x21), 2: (0x17, 0x22), 3: (0x17, 0x23)}

# 15.119: the standard set is ASCII 20h-7Fh except these ten positions.
_STANDARD_DIFFERENCES: Final = {
    0x2A: "á",
    0x5C: "é",
    0x5E: "í",
    0x5F: "ó",
    0x60: "ú",
    0x7B: "ç",
    0x7C: "÷",
    0x7D: "Ñ",
    0x7E: "ñ",
    0x7F: "█",
}
STANDARD: Final[dict[int, str]] = {
    code: _STANDARD_DIFFERENCES.get(code, chr(code)) for code in range(0x20, 0x80)
}
"""Standard character byte -> character."""

# 15.119 special characters: second byte 30h-3Fh after 11h. 39h is the transparent space.
SPECIAL: Final[dict[int, str]] = dict(zip(range(0x30, 0x40), "®°½¿™¢£♪à\u00a0èâêîôû", strict=True))
"""Special character second byte (first byte 11h) -> character (39h, transparent space,
as U+00A0)."""

# CTA-608-E extended characters: (first byte, second byte) -> (character, the standard
# character sent before it for decoders without the extended set).
_EXTENDED_12: Final = "ÁÉÓÚÜü‘¡*’─©℠•“”ÀÂÇÈÊËëÎÏïÔÙùÛ«»"
_FALLBACK_12: Final = 'AEOUUu\'!.\'-cs.""AACEEEeIIiOUuU""'
_EXTENDED_13: Final = "ÃãÍÌìÒòÕõ{}\\^_|~ÄäÖöß¥¤¦ÅåØø┌┐└┘"
_FALLBACK_13: Final = "AaIIiOoOo[]/'-!-AaOosYC!AaOo++++"
EXTENDED: Final[dict[tuple[int, int], tuple[str, str]]] = {}
for _first, _chars, _fallbacks in (
    (0x12, _EXTENDED_12, _FALLBACK_12),
    (0x13, _EXTENDED_13, _FALLBACK_13),
):
    for _offset, (_char, _fallback) in enumerate(zip(_chars, _fallbacks, strict=True)):
        EXTENDED[(_first, 0x20 + _offset)] = (_char, _fallback)
"""Extended character code -> (character, standard fallback sent before it)."""

_ENCODE: Final[dict[str, tuple[int, ...]]] = {}
# Order matters only for characters in two sets: the standard set wins (one byte).
for (_first, _second), (_char, _) in EXTENDED.items():
    _ENCODE.setdefault(_char, (_first, _second))
for _second, _char in SPECIAL.items():
    _ENCODE[_char] = (0x11, _second)
for _code, _char in STANDARD.items():
    _ENCODE[_char] = (_code,)


def encode_char(char: str) -> tuple[int, ...] | None:
    """The bytes (without parity) of one character: one standard byte, a special character's
    two-byte code, or an extended character's fallback byte followed by its two-byte code.
    None when CEA-608 has no such character.

    >>> encode_char("a"), encode_char("é"), encode_char("♪"), encode_char("ü")
    ((97,), (92,), (17, 55), (117, 18, 37))
    """
    code = _ENCODE.get(char)
    if code is None:
        return None
    if len(code) == 2 and code[0] in (0x12, 0x13):
        fallback = EXTENDED[(code[0], code[1])][1]
        return (ord(fallback), *code)
    return code


def parity(byte: int) -> int:
    """``byte`` (7 bits) with bit 7 set so that the number of one bits is odd (15.119).

    >>> hex(parity(0x14)), hex(parity(0x20)), hex(parity(0x00))
    ('0x94', '0x20', '0x80')
    """
    if not 0 <= byte < 0x80:
        raise ValueError(f"a CEA-608 byte has 7 data bits, got {byte:#x}")
    return byte | 0x80 if bin(byte).count("1") % 2 == 0 else byte


def word_hex(first: int, second: int) -> str:
    """A byte pair as an SCC word: four lower-case hex digits, parity added.

    >>> word_hex(0x14, 0x2F)
    '942f'
    """
    return f"{parity(first):02x}{parity(second):02x}"


# PAC first byte (channel 1) and base of the second byte, for each row (15.119 table).
_PAC_ROWS: Final = {
    1: (0x11, 0x40),
    2: (0x11, 0x60),
    3: (0x12, 0x40),
    4: (0x12, 0x60),
    5: (0x15, 0x40),
    6: (0x15, 0x60),
    7: (0x16, 0x40),
    8: (0x16, 0x60),
    9: (0x17, 0x40),
    10: (0x17, 0x60),
    11: (0x10, 0x40),
    12: (0x13, 0x40),
    13: (0x13, 0x60),
    14: (0x14, 0x40),
    15: (0x14, 0x60),
}
_PAC_ROW_OF: Final = {value: row for row, value in _PAC_ROWS.items()}


def pac(row: int, indent: int = 0) -> tuple[int, int]:
    """The preamble address code putting the cursor at ``row`` (1-15), column ``indent``
    (0, 4, ... 28), white, not underlined.

    >>> [word_hex(*pac(15)), word_hex(*pac(14, 4))]
    ['9470', '9452']
    """
    if row not in _PAC_ROWS or indent % 4 or not 0 <= indent <= 28:
        raise ValueError(f"no PAC for row {row}, indent {indent}")
    first, base = _PAC_ROWS[row]
    # Second byte 50h-5Fh (70h-7Fh): indent 0-28 in steps of 4, even = not underlined.
    return first, base + 0x10 + indent // 2


def pac_position(first: int, second: int) -> tuple[int, int] | None:
    """(row, column) a channel-1 PAC moves the cursor to, or None if the pair is no PAC.

    Second bytes 40h-4Fh (60h-6Fh) set a colour or italics at column 0; 50h-5Fh (70h-7Fh)
    an indent.
    """
    if second < 0x40 or second > 0x7F:
        return None
    row = _PAC_ROW_OF.get((first, second & 0x60))
    if row is None:
        return None
    low = second & 0x1F
    return row, (low - 0x10) // 2 * 4 if low >= 0x10 else 0


_FRAMES_PER_10_MINUTES: Final = 17982  # 10 * 60 * 30 - 9 * 2 (drop-frame)
_FRAMES_PER_MINUTE: Final = 1798  # 60 * 30 - 2


def ms_to_frame(ms: int) -> int:
    """Nearest 29.97 fps frame (1001/30 ms each) of a time in ms, halves rounding up."""
    return (ms * 30 * 2 + 1001) // (1001 * 2)


def frame_to_ms(frame: int) -> int:
    """Start of a 29.97 fps frame in ms, rounded to the nearest millisecond."""
    return (frame * 1001 * 2 + 30) // (30 * 2)


def frame_to_timecode(frame: int) -> str:
    """Drop-frame time code ``HH:MM:SS;FF`` of a frame count at 29.97 fps (SMPTE 12M: frame
    labels 00 and 01 are skipped at the start of each minute except every tenth).

    >>> frame_to_timecode(1800), frame_to_timecode(17982)
    ('00:01:00;02', '00:10:00;00')
    """
    if frame < 0:
        raise ValueError(f"frame must not be negative, got {frame}")
    tens, rest = divmod(frame, _FRAMES_PER_10_MINUTES)
    label = frame + 18 * tens
    if rest >= 2:
        label += 2 * ((rest - 2) // _FRAMES_PER_MINUTE)
    hours, label = divmod(label, 30 * 3600)
    minutes, label = divmod(label, 30 * 60)
    seconds, frames = divmod(label, 30)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d};{frames:02d}"


def timecode_to_frame(hours: int, minutes: int, seconds: int, frames: int, drop: bool) -> int:
    """Frame count of a time code at 29.97 fps: drop-frame labels (``;``) skip two labels a
    minute except every tenth; non-drop-frame (``:``) counts 30 labels a second.

    Raises:
        ValueError: for minutes or seconds above 59, a frame label above 29, or a dropped
            label (``00:01:00;00``).
    """
    if minutes > 59 or seconds > 59 or frames > 29:
        raise ValueError("minutes and seconds must be 00-59 and frames 00-29")
    total_minutes = hours * 60 + minutes
    if drop and seconds == 0 and frames < 2 and minutes % 10:
        raise ValueError(
            f"frame label {frames:02d} does not exist in minute {minutes:02d} (drop-frame)"
        )
    labels = (total_minutes * 60 + seconds) * 30 + frames
    if not drop:
        return labels
    return labels - 2 * (total_minutes - total_minutes // 10)
