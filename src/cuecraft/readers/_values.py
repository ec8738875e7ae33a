"""Checks on vendor values that every JSON reader shares: strings no output can encode,
integers too large to print or to carry, and a safe way to quote a value in a message."""

from __future__ import annotations

from typing import Any

from cuecraft.errors import InputError, json_pointer

__all__ = ["check_string", "check_unicode", "shown"]


def check_unicode(
    value: Any, *, source: str, pointer: str = "", max_int: int | None = None
) -> None:
    """Refuse a lone surrogate anywhere in a JSON value (keys included), with its pointer.

    A JSON ``"\\ud800"`` escape decodes to a lone surrogate, which no output format can encode
    (the canonical and ASS writers would crash on it). Readers that keep free-form vendor data
    (metadata, speaker names) check it here, at read time; word texts are checked per word.
    Iterative, so a deeply nested value cannot exhaust the stack. With ``max_int``, an
    integer beyond +-``max_int`` is refused too (one that JSON text could not carry back).

    Raises:
        InputError: with the pointer of the string (or key) holding the surrogate, or of
            the integer out of range.
    """
    stack: list[tuple[str, Any]] = [(pointer, value)]
    while stack:
        where, node = stack.pop()
        if isinstance(node, str):
            check_string(node, where, source)
        elif max_int is not None and isinstance(node, int) and abs(node) > max_int:
            raise InputError(
                f"integer {shown(node)} is implausibly large (over {max_int})",
                source=source,
                pointer=where,
            )
        elif isinstance(node, dict):
            for key, item in node.items():
                if isinstance(key, str):
                    check_string(key, where, source, what="key")
                stack.append((where + json_pointer([key]), item))
        elif isinstance(node, (list, tuple)):
            stack.extend((f"{where}/{index}", item) for index, item in enumerate(node))


def check_string(text: str, pointer: str | None, source: str, *, what: str = "text") -> None:
    """Refuse a string holding a lone surrogate, naming what it is and where."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(
            f"{what} is not valid Unicode (lone surrogate at character {exc.start})",
            source=source,
            pointer=pointer,
        ) from None


def shown(value: Any) -> str:
    """``repr(value)`` for a message, safe for integers too long for ``repr`` (over 4300
    digits raise ValueError) and bounded in length."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        digits = int(value.bit_length() * 0.30103) + 1
        return f"{'-' if value < 0 else ''}<an integer of about {digits} digits>"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
