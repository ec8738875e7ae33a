"""JSON decoding for the readers: a fast decoder first, Python's ``json`` to say what is wrong.

:func:`decode` (behind ``readers._spec.decode_json``) hands the input to msgspec's C decoder,
which takes the UTF-8 bytes as they are (no copy as text) and builds the same Python objects
as ``json.loads``: 40-45 % less CPU and no text copy (issue #12 item 5; figures in
``benchmarks/README.md``). It is used only where its result is exactly ``json.loads``'s: it
refuses what Python's ``json`` reads differently or locates better (``NaN``/``Infinity``
literals, numbers beyond a float, integers past the digit limit, lone surrogate escapes, a
byte order mark, invalid UTF-8, any syntax error), and every refused input goes through
``json`` as before, so errors keep their messages and places. Without msgspec installed,
everything goes through ``json``; until a document of 512 KiB or more comes, small ones do
too (importing msgspec would cost more than it saves on them).

Python's ``json`` module reports syntax errors with a line and column, but three failures
come without one: an integer literal longer than ``sys.get_int_max_str_digits()`` (a plain
``ValueError``), nesting deeper than the recursion limit (``RecursionError``), and an empty
input (reported as "Expecting value" at line 1). The helpers below run only after a failure,
so a valid document never pays for them. Issue #10: every failure names its place.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable
from typing import Any

from cuecraft.errors import InputError

__all__ = [
    "MAX_NESTING",
    "decode",
    "decode_stdlib",
    "deep_offset",
    "huge_int_offset",
    "looks_like",
    "position",
]

MAX_NESTING = 500
"""Nesting depth reported as too deep (no vendor document nests more than ~10 levels)."""

# A JSON string (so that digits and brackets inside strings are skipped) or the token sought.
_STRING = r'"(?:[^"\\]|\\.)*"'
_BRACKETS = re.compile(_STRING + r"|[\[\]{}]", re.DOTALL)


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column


def huge_int_offset(text: str) -> tuple[int, int] | None:
    """Offset and digit count of the first integer literal over Python's digit limit."""
    limit = sys.get_int_max_str_digits() or 4300
    pattern = re.compile(_STRING + r"|-?\d{" + str(limit + 1) + r",}", re.DOTALL)
    for match in pattern.finditer(text):
        token = match.group()
        if not token.startswith('"'):
            return match.start(), len(token.lstrip("-"))
    return None


def deep_offset(text: str, limit: int = MAX_NESTING) -> tuple[int, int]:
    """Offset where nesting first passes ``limit`` (else the deepest point), and that depth."""
    depth = deepest = 0
    deepest_at = 0
    for match in _BRACKETS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > deepest:
                deepest, deepest_at = depth, match.start()
            if depth > limit:
                return match.start(), depth
        elif token in "]}":
            depth -= 1
    return deepest_at, deepest


# What a non-JSON text looks like, for a reader forced with format= (detection would have
# routed these elsewhere). Checked on the first few hundred characters only.
_LOOKS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (re.compile(r"\s*WEBVTT"), "WebVTT", "vtt"),
    (re.compile(r"\s*\d+\s*\r?\n\s*\d+:\d\d:\d\d[,.]\d+\s*-->"), "SubRip (SRT)", "srt"),
    (re.compile(r"\s*\d+:\d\d:\d\d\.\d+,\d+:\d\d:\d\d\.\d+"), "YouTube SBV", "sbv"),
    (re.compile(r"\s*\[Script Info\]", re.IGNORECASE), "ASS/SSA", "ass"),
    (
        re.compile(r"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(tt:)?tt[\s>/]", re.DOTALL),
        "TTML",
        "ttml",
    ),
    (re.compile(r"\s*<"), "XML or HTML", ""),
    (re.compile(r"\d{3}STL\d\d\.01"), "EBU-STL", "stl"),
)


def looks_like(text: str) -> str | None:
    """``"this looks like WebVTT, not JSON; pass format=vtt"`` for a known non-JSON text."""
    head = text[:512]
    for pattern, name, reader in _LOOKS:
        if pattern.match(head):
            hint = f"; pass format={reader}" if reader else ""
            return f"this looks like {name}, not JSON{hint}"
    return None


# ------------------------------------------------------------------------------- decoding

_BOM = b"\xef\xbb\xbf"
_UNSET: Any = object()
_fast_decoder: Any = _UNSET  # (msgspec.json.decode, msgspec.DecodeError), None without msgspec

_FAST_FROM = 512 * 1024
"""Input size (bytes or characters) from which msgspec is imported: importing it costs about
3 ms, what it saves on a 512 KiB document (some 8,000 words). Once imported, it decodes all."""


def _fast() -> tuple[Callable[[Any], Any], type[Exception]] | None:
    """msgspec's decoder and its error class, imported on first use (None when absent)."""
    global _fast_decoder
    if _fast_decoder is _UNSET:
        try:
            import msgspec
        except ImportError:  # an optional speed-up: json reads everything too
            _fast_decoder = None
        else:
            _fast_decoder = (msgspec.json.decode, msgspec.DecodeError)
    return _fast_decoder  # type: ignore[no-any-return]


def fast_worthwhile(data: bytes | str) -> bool:
    """Whether msgspec decodes ``data``: it is imported already, or ``data`` is large enough
    to pay for importing it (:data:`_FAST_FROM`)."""
    return _fast_decoder is not _UNSET or len(data) >= _FAST_FROM


def without_bom(data: bytes | str) -> Any:
    """``data`` without a leading byte-order mark, as msgspec takes it (bytes without one are
    viewed, not copied)."""
    if isinstance(data, bytes):
        return memoryview(data)[len(_BOM) :] if data.startswith(_BOM) else data
    return data.removeprefix("\ufeff")


def decode(data: bytes | str, *, source: str) -> Any:
    """Parse JSON (a UTF-8 BOM is allowed); every failure carries a line and column.

    The same result and the same errors as :func:`decode_stdlib`, faster: see the module
    docstring for what the fast decoder takes and what it leaves to ``json``.
    """
    fast = _fast() if fast_worthwhile(data) else None
    if fast is not None:
        function, refused = fast
        try:
            return function(without_bom(data))
        except (refused, RecursionError, ValueError):
            pass  # json says what is wrong, and where (a str with a lone surrogate: ValueError)
    return decode_stdlib(data, source=source)


def decode_stdlib(data: bytes | str, *, source: str) -> Any:
    """Parse JSON with Python's ``json``; every failure carries a line and column.

    Beyond syntax errors: an empty input says so; an integer literal too long for Python
    (over ``sys.get_int_max_str_digits()`` digits) and nesting too deep are located; a text
    that is plainly another format (WebVTT, SRT, TTML...) is named, for a JSON reader forced
    with ``format=`` (issue #10).
    """
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            looks = looks_like(data[:512].decode("latin-1"))
            raise InputError(
                f"not UTF-8 text (byte {exc.start}: {exc.reason})"
                + (f"; {looks}" if looks else ""),
                source=source,
                offset=exc.start,
            ) from exc
    else:
        text = data.removeprefix("\ufeff")
    if not text.strip():
        raise InputError(
            "the input is empty" if not text else "the input is only whitespace", source=source
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        looks = looks_like(text)
        raise InputError(
            f"invalid JSON: {exc.msg}" + (f"; {looks}" if looks else ""),
            source=source,
            line=exc.lineno,
            column=exc.colno,
        ) from exc
    except RecursionError as exc:
        offset, depth = deep_offset(text)
        line, column = position(text, offset)
        levels = f"more than {MAX_NESTING}" if depth > MAX_NESTING else depth
        raise InputError(
            f"invalid JSON: nested too deeply ({levels} levels of arrays and objects)",
            source=source,
            line=line,
            column=column,
        ) from exc
    except ValueError as exc:
        # Python refuses to convert an integer literal of more than 4300 digits (CVE-2020-10735).
        found = huge_int_offset(text)
        if found is None:  # pragma: no cover - json raises no other ValueError
            raise InputError(f"invalid JSON: {exc}", source=source) from exc
        offset, digits = found
        line, column = position(text, offset)
        raise InputError(
            f"invalid JSON: an integer of {digits} digits is too long to be a plausible value",
            source=source,
            line=line,
            column=column,
        ) from exc
