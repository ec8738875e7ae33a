"""Why a JSON text failed to parse, and where: the slow paths behind ``decode_json``.

Python's ``json`` module reports syntax errors with a line and column, but three failures
come without one: an integer literal longer than ``sys.get_int_max_str_digits()`` (a plain
``ValueError``), nesting deeper than the recursion limit (``RecursionError``), and an empty
input (reported as "Expecting value" at line 1). These helpers run only after a failure, so
a valid document never pays for them. Issue #10: every failure names its place.
"""

from __future__ import annotations

import re
import sys

__all__ = ["MAX_NESTING", "deep_offset", "huge_int_offset", "looks_like", "position"]

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
