"""EBU-STL text-field character tables (EBU Tech 3264 §"Character code tables", CCT 00-04).

* CCT ``00`` Latin: ISO 6937 as EBU uses it. ``20h``-``7Eh`` are ASCII except ``24h``, which is
  the currency sign ``¤`` (the dollar sign is ``A4h``). ``A0h``-``FFh`` hold symbols and
  letters, and ``C1h``-``CFh`` are *non-spacing diacritic prefixes*: an accented letter is
  two bytes, the prefix and then the base letter (``é`` = ``C2 65``). The pair is one
  character cell on screen.
* CCT ``01``-``04``: ISO 8859-5 (Cyrillic), 8859-6 (Arabic), 8859-7 (Greek), 8859-8 (Hebrew)
  in the upper half ``A0h``-``FFh``, ASCII in the lower half.

The accented letters that CCT 00 encodes are exactly ISO 6937's repertoire (:data:`_REPERTOIRE`,
the same set ttconv's decoder knows), not every base letter with every prefix: a pair outside
it (say ``ǹ``) is not something other readers decode, so the writer treats it as unencodable.

Encoding never loses text silently. :func:`encode_char` answers "which bytes, if any";
:func:`replacement` gives the documented fallback for a character a table lacks
(:data:`REPLACEMENTS`, then the letter without its accents, then ``?``), and the writer reports
every replacement it makes.

Aliases: ``Ð`` (U+00D0, capital eth) is written as ``E2h`` like ``Đ`` (U+0110): ISO 6937 has
one code for the two identical glyphs, and decoding gives ``Đ``.
"""

from __future__ import annotations

import codecs
import unicodedata
from typing import Final, Literal

__all__ = [
    "CHARACTER_TABLES",
    "REPLACEMENTS",
    "TableName",
    "decode_char",
    "encode_char",
    "replacement",
    "representable",
]

TableName = Literal["latin", "cyrillic", "arabic", "greek", "hebrew"]

CHARACTER_TABLES: Final[dict[TableName, str]] = {
    "latin": "00",
    "cyrillic": "01",
    "arabic": "02",
    "greek": "03",
    "hebrew": "04",
}
"""Table name -> the two-digit CCT code written in the GSI block."""

_CODECS: Final[dict[TableName, str]] = {
    "cyrillic": "iso8859_5",
    "arabic": "iso8859_6",
    "greek": "iso8859_7",
    "hebrew": "iso8859_8",
}

# CCT 00, single bytes A0h-FFh (EBU Tech 3264 Appendix 2; ../shared/docs/ebu-stl.md §7).
# C1h-CFh are the diacritic prefixes (below); C0h, C9h, CCh, D8h-DBh and E5h are unassigned.
_LATIN_HIGH: Final[dict[int, str]] = {
    0xA0: "\u00a0",  # no-break space
    0xA1: "¡",
    0xA2: "¢",
    0xA3: "£",
    0xA4: "$",
    0xA5: "¥",
    0xA6: "#",
    0xA7: "§",
    0xA8: "¤",
    0xA9: "‘",
    0xAA: "“",
    0xAB: "«",
    0xAC: "←",
    0xAD: "↑",
    0xAE: "→",
    0xAF: "↓",
    0xB0: "°",
    0xB1: "±",
    0xB2: "²",
    0xB3: "³",
    0xB4: "×",
    0xB5: "µ",
    0xB6: "¶",
    0xB7: "·",
    0xB8: "÷",
    0xB9: "’",
    0xBA: "”",
    0xBB: "»",
    0xBC: "¼",
    0xBD: "½",
    0xBE: "¾",
    0xBF: "¿",
    0xD0: "―",  # horizontal bar U+2015 (ttconv decodes it as the em dash U+2014)
    0xD1: "¹",
    0xD2: "®",
    0xD3: "©",
    0xD4: "™",
    0xD5: "♪",
    0xD6: "¬",
    0xD7: "¦",
    0xDC: "⅛",
    0xDD: "⅜",
    0xDE: "⅝",
    0xDF: "⅞",
    0xE0: "Ω",
    0xE1: "Æ",
    0xE2: "Đ",
    0xE3: "ª",
    0xE4: "Ħ",
    0xE6: "Ĳ",
    0xE7: "Ŀ",
    0xE8: "Ł",
    0xE9: "Ø",
    0xEA: "Œ",
    0xEB: "º",
    0xEC: "Þ",
    0xED: "Ŧ",
    0xEE: "Ŋ",
    0xEF: "ŉ",
    0xF0: "ĸ",
    0xF1: "æ",
    0xF2: "đ",
    0xF3: "ð",
    0xF4: "ħ",
    0xF5: "ı",
    0xF6: "ĳ",
    0xF7: "ŀ",
    0xF8: "ł",
    0xF9: "ø",
    0xFA: "œ",
    0xFB: "ß",
    0xFC: "þ",
    0xFD: "ŧ",
    0xFE: "ŋ",
    0xFF: "\u00ad",  # soft hyphen
}

# Diacritic prefix byte -> the Unicode combining mark it stands for, and the spacing accent
# that "prefix + space" produces (Tech 3264: a prefix followed by a space is the accent itself).
_PREFIXES: Final[dict[int, tuple[str, str]]] = {
    0xC1: ("\u0300", "`"),  # grave
    0xC2: ("\u0301", "´"),  # acute
    0xC3: ("\u0302", "^"),  # circumflex
    0xC4: ("\u0303", "~"),  # tilde
    0xC5: ("\u0304", "¯"),  # macron
    0xC6: ("\u0306", "˘"),  # breve
    0xC7: ("\u0307", "˙"),  # dot above
    0xC8: ("\u0308", "¨"),  # diaeresis / umlaut
    0xCA: ("\u030a", "˚"),  # ring above
    0xCB: ("\u0327", "¸"),  # cedilla
    0xCD: ("\u030b", "˝"),  # double acute
    0xCE: ("\u0328", "˛"),  # ogonek
    0xCF: ("\u030c", "ˇ"),  # caron
}

# ISO 6937's accented letters: prefix -> the base letters it combines with.
_REPERTOIRE: Final[dict[int, str]] = {
    0xC1: "AEIOUaeiou",
    0xC2: "ACEILNORSUYZacegilnorsuyz",
    0xC3: "ACEGHIJOSUWYaceghijosuwy",
    0xC4: "AINOUainou",
    0xC5: "AEIOUaeiou",
    0xC6: "AGUagu",
    0xC7: "CEGIZcegz",
    0xC8: "AEIOUYaeiouy",
    0xCA: "AUau",
    0xCB: "CGKLNRSTcgklnrst",
    0xCD: "OUou",
    0xCE: "AEIUaeiu",
    0xCF: "CDELNRSTZcdelnrstz",
}


def _compose(letter: str, mark: str) -> str:
    return unicodedata.normalize("NFC", letter + mark)


def _build_latin() -> tuple[dict[str, bytes], dict[bytes, str]]:
    encode: dict[str, bytes] = {}
    decode: dict[bytes, str] = {}
    for code in range(0x20, 0x7F):
        char = "¤" if code == 0x24 else chr(code)
        decode[bytes([code])] = char
        if code != 0x24:
            encode[char] = bytes([code])
    for code, char in _LATIN_HIGH.items():
        decode[bytes([code])] = char
        # A6h (#) and 24h (¤) are second codes for # and ¤: encode to 23h and A8h only.
        encode.setdefault(char, bytes([code]))
    encode["#"] = b"#"
    encode["¤"] = b"\xa8"
    encode["Ð"] = b"\xe2"  # alias: one glyph, one code in ISO 6937
    for prefix, (mark, spacing) in _PREFIXES.items():
        decode[bytes([prefix, 0x20])] = spacing
        if not spacing.isascii():
            encode[spacing] = bytes([prefix, 0x20])
        for letter in _REPERTOIRE.get(prefix, ""):
            composed = _compose(letter, mark)
            pair = bytes([prefix, ord(letter)])
            if prefix == 0xC2 and letter == "g":
                # Older ISO 6937 tables put ģ under the acute (its cedilla is drawn above).
                composed = "ģ"
            else:
                encode[composed] = pair
            decode[pair] = composed
    return encode, decode


_LATIN_ENCODE, _LATIN_DECODE = _build_latin()

REPLACEMENTS: Final[dict[str, str]] = {
    "€": "EUR",
    "…": "...",
    "–": "-",
    "—": "-",
    "‐": "-",
    "‑": "-",
    "−": "-",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "\u00a0": " ",
    "\u2009": " ",
    "\u202f": " ",
    "\t": " ",
    "\u00ad": "",
    "\u200b": "",
    "•": "*",
    "♪": "#",
    "♫": "#",
}
"""Documented fallbacks for characters a table lacks (used only where the table lacks them:
``‘`` stays ``A9h`` in CCT 00 and becomes ``'`` in the Cyrillic table)."""


def encode_char(char: str, table: TableName) -> bytes | None:
    """The text-field bytes for one (NFC) character in ``table``, or None if it has none."""
    if table == "latin":
        return _LATIN_ENCODE.get(char)
    try:
        encoded = codecs.encode(char, _CODECS[table])
    except UnicodeEncodeError:
        return None
    code = encoded[0]
    # Only the character halves: 00h-1Fh and 80h-9Fh are control codes in a text field.
    if len(encoded) != 1 or not (0x20 <= code <= 0x7E or code >= 0xA0):
        return None
    return encoded


def replacement(char: str, table: TableName) -> str:
    """The documented stand-in for a character ``table`` cannot encode.

    :data:`REPLACEMENTS` first, then the character without its accents (``ǹ`` -> ``n``),
    then ``?``. The result is always encodable in ``table``.
    """
    candidate = REPLACEMENTS.get(char)
    if candidate is not None and all(encode_char(c, table) is not None for c in candidate):
        return candidate
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if bare and bare != char and all(encode_char(c, table) is not None for c in bare):
        return bare
    return "?"


def decode_char(data: bytes, pos: int, table: TableName) -> tuple[str | None, int]:
    """Decode the character at ``data[pos]`` (a character code, not a control code).

    Returns:
        ``(text, next_pos)``; ``text`` is None for an unassigned code or an invalid diacritic
        pair (the caller reports it). A diacritic prefix consumes the following byte when it
        is a letter or a space.
    """
    code = data[pos]
    if table != "latin":
        try:
            return codecs.decode(bytes([code]), _CODECS[table]), pos + 1
        except UnicodeDecodeError:
            return None, pos + 1
    if code in _PREFIXES:
        following = data[pos + 1] if pos + 1 < len(data) else None
        if following is None:
            return None, pos + 1
        pair = bytes([code, following])
        known = _LATIN_DECODE.get(pair)
        if known is not None:
            return known, pos + 2
        if chr(following).isascii() and chr(following).isalpha():
            # Outside ISO 6937's repertoire but unambiguous: compose it.
            return _compose(chr(following), _PREFIXES[code][0]), pos + 2
        return None, pos + 1
    return _LATIN_DECODE.get(bytes([code])), pos + 1


def representable(table: TableName) -> frozenset[str]:
    """Every character that ``table`` encodes and decodes back to itself (for tests/docs)."""
    if table == "latin":
        return frozenset(
            char for char, encoded in _LATIN_ENCODE.items() if _LATIN_DECODE.get(encoded) == char
        )
    chars: set[str] = set()
    for code in [*range(0x20, 0x7F), *range(0xA0, 0x100)]:
        try:
            char = codecs.decode(bytes([code]), _CODECS[table])
        except UnicodeDecodeError:
            continue
        if encode_char(char, table) == bytes([code]):
            chars.add(char)
    return frozenset(chars)
