"""Shared checks for the readers' column fast paths (issue #12): a reader's ``read`` must give
exactly what its word-by-word ``read_careful`` gives, for every document."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from cuecraft.columns import WordTable
from cuecraft.errors import CuecraftError


def outcome(function: Callable[[], Any]) -> tuple[str, Any]:
    """("ok", the transcript as data), ("error", type and message) or ("none", None)."""
    try:
        read = function()
    except CuecraftError as error:
        return "error", (type(error).__name__, str(error))
    if read is None:
        return "none", None
    transcript = read.transcript() if isinstance(read, WordTable) else read
    return "ok", transcript.model_dump()


def same_as_careful(
    read: Callable[..., Any], careful: Callable[..., Any], doc: Any, **options: Any
) -> tuple[str, Any]:
    """Read ``doc`` both ways, each from a fresh copy; the outcome, after checking that they
    agree."""
    data = json.dumps(doc)
    expected = outcome(lambda: careful(json.loads(data), source="t.json", **options))
    found = outcome(lambda: read(json.loads(data), source="t.json", **options))
    assert found == expected
    return found
