"""Decoding text subtitle files: byte-order marks, an explicit encoding, bad bytes, newlines.

The rule (:func:`decode_text`), in order:

1. ``encoding`` given: the bytes are decoded with it (a BOM of that encoding is dropped). An
   unknown name, or bytes that are not valid in it, is an :class:`InputError` (with the byte
   offset, and the line for ASCII-compatible encodings): the caller said what the file is.
2. A byte-order mark: UTF-32 (LE/BE), UTF-16 (LE/BE) or UTF-8.
3. No BOM but NUL bytes in every other position of the first 4 KiB: UTF-16 without a BOM, in
   the byte order the NULs show (a note says so).
4. Otherwise UTF-8. A file that is not valid UTF-8 is read one of two ways, each with a
   warning: when it holds no valid UTF-8 multi-byte sequence at all, it was never UTF-8, and
   it is read as Windows-1252 (the usual encoding of older subtitle files); when it does hold
   some, it is UTF-8 with a few bad bytes, and each bad byte run becomes U+FFFD. The warning
   names the lines (so ``Café`` in a UTF-8 file with one stray byte elsewhere stays ``Café``).

Whatever the path, a leading U+FEFF is dropped and line endings become ``\\n`` (CRLF and a
lone CR alike), once, here: every reader and sniffer downstream sees ``\\n`` only.

The result is a :class:`DecodedText`, a ``str`` that also carries the decoding's
``diagnostics``; the text readers add them to the transcript (:func:`decoding_notes`).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Sequence
from typing import Final

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic

__all__ = ["DecodedText", "decode_text", "decoding_notes", "normalise_newlines"]

# A lone surrogate cannot come out of a successful UTF-8/16/32 decoding, so it can mark the
# bytes a decoder rejected until they are counted and replaced.
_MARK: Final = "\udcff"
_HANDLER: Final = "cuecraft-mark-invalid"
_BAD_RUN: Final = re.compile(f"{_MARK}+")
# Any character beyond ASCII except the mark: a valid multi-byte UTF-8 sequence was decoded.
_MULTIBYTE: Final = re.compile(f"[^\\x00-\\x7f{_MARK}]")
_SHOWN_LINES: Final = 5

_BOMS: Final = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
)


def _mark(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return _MARK, error.end


codecs.register_error(_HANDLER, _mark)


class DecodedText(str):
    """Decoded text that remembers what decoding noticed (a fallback, replaced bytes)."""

    diagnostics: tuple[Diagnostic, ...]

    def __new__(cls, text: str, diagnostics: Sequence[Diagnostic] = ()) -> DecodedText:
        self = super().__new__(cls, text)
        self.diagnostics = tuple(diagnostics)
        return self


def decoding_notes(text: str) -> list[Diagnostic]:
    """The diagnostics :func:`decode_text` attached to ``text`` (none for a plain str)."""
    return list(getattr(text, "diagnostics", ()))


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR to LF (two linear passes; no regex)."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _lines_with_marks(text: str) -> list[int]:
    lines: list[int] = []
    number, position = 1, 0
    for run in _BAD_RUN.finditer(text):
        number += text.count("\n", position, run.start())
        position = run.start()
        if not lines or lines[-1] != number:
            lines.append(number)
    return lines


def _replace_marks(text: str, what: str, *, source: str) -> tuple[str, list[Diagnostic]]:
    """Newlines normalised, then each marked bad-byte run replaced, with a note of the lines."""
    text = normalise_newlines(text.removeprefix("\ufeff"))
    lines = _lines_with_marks(text)
    if not lines:
        return text, []
    shown = ", ".join(str(n) for n in lines[:_SHOWN_LINES])
    more = f" and {len(lines) - _SHOWN_LINES} more" if len(lines) > _SHOWN_LINES else ""
    note = Diagnostic(
        code="invalid-bytes",
        source=source,
        message=(
            f"line {shown}{more}: bytes that are not valid {what} were replaced with U+FFFD "
            "(pass encoding= to read the file in another encoding)"
        ),
    )
    return text.replace(_MARK, "\ufffd"), [note]


def _explicit(data: bytes, encoding: str, *, source: str) -> DecodedText:
    try:
        name = codecs.lookup(encoding).name
    except (LookupError, ValueError, TypeError):  # ValueError: a NUL in the name
        raise InputError(f"unknown encoding {encoding!r}", source=source) from None
    skip = 0
    if name in ("utf-8", "utf-8-sig"):
        name = "utf-8"
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        text = data[skip:].decode(name)
    except LookupError:  # a codec that does not decode bytes to text (base64, rot13...)
        raise InputError(f"{encoding!r} is not a text encoding", source=source) from None
    except UnicodeDecodeError as exc:
        line = None
        if "\n".encode(name, "ignore") == b"\n":
            line = data.count(b"\n", 0, skip + exc.start) + 1
        raise InputError(
            f"not valid {encoding} text ({exc.reason})",
            source=source,
            line=line,
            offset=skip + exc.start,
        ) from exc
    except UnicodeError as exc:  # codecs such as idna fail without a position
        raise InputError(f"not valid {encoding} text ({exc})", source=source) from exc
    return DecodedText(normalise_newlines(text.removeprefix("\ufeff")))


def _utf16_without_bom(data: bytes) -> str | None:
    head = data[:4096]
    if len(head) < 4 or b"\x00" not in head:
        return None
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def decode_text(data: bytes | str, *, source: str, encoding: str | None = None) -> DecodedText:
    """Decode a subtitle text file (see the module docstring for the rule).

    Args:
        data: the file's bytes; a str is taken as already decoded (BOM and CRs still removed).
        source: a label for messages.
        encoding: a Python codec name (``"cp1252"``, ``"latin-1"``, ``"shift_jis"``...);
            None to read BOMs and UTF-8, with the fallbacks above.

    Returns:
        The text with ``\\n`` line endings, carrying the decoding diagnostics.

    Raises:
        InputError: for an unknown encoding, or bytes not valid in the one given.
    """
    if isinstance(data, str):
        return DecodedText(normalise_newlines(data.removeprefix("\ufeff")))
    if encoding is not None:
        return _explicit(data, encoding, source=source)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            text = data[len(bom) :].decode(codec, _HANDLER)
            return DecodedText(*_replace_marks(text, label, source=source))
    wide = _utf16_without_bom(data)
    if wide is not None:
        order = "UTF-16LE" if wide.endswith("le") else "UTF-16BE"
        text, notes = _replace_marks(data.decode(wide, _HANDLER), order, source=source)
        notes.append(
            Diagnostic(
                code="utf16-without-bom",
                source=source,
                severity="info",
                message=f"no byte-order mark; the NUL bytes show {order}, read as such",
            )
        )
        return DecodedText(text, notes)
    text = data.decode("utf-8", _HANDLER)
    if _MARK not in text:
        return DecodedText(normalise_newlines(text.removeprefix("\ufeff")))
    if _MULTIBYTE.search(text) is None:
        # Not one valid multi-byte sequence: this file was never UTF-8.
        # cp1252 leaves five bytes undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D): those are marked.
        text, notes = _replace_marks(data.decode("cp1252", _HANDLER), "Windows-1252", source=source)
        fallback = Diagnostic(
            code="not-utf8",
            source=source,
            message=(
                "not UTF-8 (no valid multi-byte sequence); read as Windows-1252 "
                "(pass encoding= if the file is in another encoding)"
            ),
        )
        return DecodedText(text, [fallback, *notes])
    return DecodedText(*_replace_marks(text, "UTF-8", source=source))
