"""What the vendor-JSON writers (Amberscript, HappyScribe, Scribie) share: times in seconds as
the vendors write them, word runs (a paragraph or a change of speaker starts one), and a JSON
dump that reports a character UTF-8 cannot hold with its JSON pointer instead of crashing."""

from __future__ import annotations

import json
import re
from typing import Any, TextIO

from pydantic import BaseModel, ConfigDict, Field

from cuecraft.errors import UnencodableError, json_pointer
from cuecraft.model import Transcript

__all__ = ["VendorJsonOptions", "dump", "runs", "seconds", "surrogate_at"]

_SURROGATE = re.compile("[\ud800-\udfff]")


class VendorJsonOptions(BaseModel):
    """Options of the vendor-JSON writers.

    Example: pretty-printed with two spaces::

        VendorJsonOptions(indent=2)
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    indent: int | None = Field(default=None, ge=0, le=8)
    """Pretty-print with this indent; None writes one compact line."""


def seconds(ms: int) -> int | float:
    """Milliseconds as the vendors write seconds: an int when whole (``4``), else ``1.3``.

    ``ms / 1000`` reads back to the same millisecond: every reader rounds seconds * 1000 to
    the nearest integer, and the float error of the division is far below half a millisecond.
    """
    whole, part = divmod(ms, 1000)
    return whole if part == 0 else ms / 1000


def runs(transcript: Transcript) -> list[tuple[int, int]]:
    """Half-open word spans: a new run at each paragraph start and each change of speaker."""
    spans: list[tuple[int, int]] = []
    first = 0
    words = transcript.words
    for index in range(1, len(words)):
        if words[index].paragraph_start or words[index].speaker != words[index - 1].speaker:
            spans.append((first, index))
            first = index
    spans.append((first, len(words)))
    return spans


def surrogate_at(value: Any, path: tuple[str | int, ...] = ()) -> tuple[str, str] | None:
    """The JSON pointer and character of the first lone surrogate in a JSON-able value.

    UTF-8 cannot hold one; the writers of JSON (canonical and the vendors') name where it is.
    Keys are searched too, and tuples (which JSON writes as arrays).
    """
    if isinstance(value, str):
        found = _SURROGATE.search(value)
        return (json_pointer(path), found.group()) if found else None
    items: list[tuple[Any, Any]] = []
    if isinstance(value, dict):
        items = list(value.items())
        for key, _ in items:
            if isinstance(key, str) and _SURROGATE.search(key):
                return json_pointer(path), _SURROGATE.findall(key)[0]
    elif isinstance(value, list | tuple):
        items = list(enumerate(value))
    for key, item in items:
        found_at = surrogate_at(item, (*path, key))
        if found_at is not None:
            return found_at
    return None


def dump(doc: Any, out: TextIO, indent: int | None, *, vendor: str) -> None:
    """Write ``doc`` as UTF-8 JSON text (no ASCII escaping) and a final newline.

    Raises:
        UnencodableError: for a lone surrogate (in a speaker name, say), naming its pointer:
            the vendors read UTF-8, and replacing the character would change the text.
    """
    found = surrogate_at(doc)
    if found is not None:
        pointer, char = found
        raise UnencodableError(
            f"{vendor} JSON {pointer or '/'}: lone surrogate U+{ord(char):04X} cannot be "
            "written as UTF-8",
            char=char,
        )
    out.write(json.dumps(doc, ensure_ascii=False, indent=indent))
    out.write("\n")
