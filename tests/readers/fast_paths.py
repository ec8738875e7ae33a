"""Shared checks for the readers' column fast paths (issue #12): a reader's ``read`` must give
exactly what its word-by-word ``read_careful`` gives, for every document."""

from __future__ import annotations

import copy
import json
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

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


def sometimes_odd(draw: st.DrawFn, one_in: int) -> st.SearchStrategy[bool]:
    """Half the documents come out clean; in the others, a field goes wrong wherever this
    strategy draws True (one time in ``one_in``)."""
    messy = draw(st.booleans())
    return st.integers(1, one_in).map(lambda n: messy and n == 1)


def word_groups(
    draw: st.DrawFn,
    word: Callable[[float, st.SearchStrategy[bool]], st.SearchStrategy[dict[str, Any]]],
    odd: st.SearchStrategy[bool],
    *,
    groups: int = 4,
    words: int = 4,
) -> tuple[list[list[dict[str, Any]]], float]:
    """Up to ``groups`` lists (segments) of up to ``words`` words, in time order: each word
    starts where the one before ended (where that end is a number); and the last end."""
    found: list[list[dict[str, Any]]] = []
    at = 0.0
    for _ in range(draw(st.integers(0, groups))):
        items = []
        for _ in range(draw(st.integers(0, words))):
            item = draw(word(at, odd))
            items.append(item)
            end = item.get("end")
            if isinstance(end, (int, float)) and not isinstance(end, bool):
                at = end
        found.append(items)
    return found, at


def read_fast_as_careful(module: ModuleType, files: list[Path]) -> None:
    """Every file in ``files`` (real documents) takes ``module``'s fast path and reads as its
    word-by-word path does."""
    assert files
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert module._read_columns(doc, source=path.name) is not None, path
        assert same_as_careful(module.read, module.read_careful, doc)[0] == "ok", path


def left_to_careful(module: ModuleType, path: Path, change: Callable[[Any], Any]) -> None:
    """The document in ``path`` changed by ``change`` is left by ``module``'s fast path to its
    word-by-word path, and read as that path reads it."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    change(doc)
    assert module._read_columns(doc, source="t.json") is None
    same_as_careful(module.read, module.read_careful, doc)


def changed_goes_to_careful(module: ModuleType, doc: Any, change: Callable[[Any], Any]) -> None:
    """``doc`` (a clean document) changed by ``change`` is left by ``module``'s fast path to
    its word-by-word path, and read as that path reads it, strict or not."""
    change(doc)
    assert module._read_columns(copy.deepcopy(doc), source="t.json") is None
    for strict in (True, False):
        same_as_careful(module.read, module.read_careful, doc, strict=strict)


def share_on_fast_path(
    module: ModuleType, documents: st.SearchStrategy[Any], *, examples: int = 400
) -> float:
    """Check on ``examples`` generated ``documents`` (strict or not) that ``module.read``
    reads what ``module.read_careful`` reads; the share that took the fast path, which must
    be at least a tenth (not a timing: a guard that the documents still exercise it)."""
    taken: Counter[bool] = Counter()

    @settings(max_examples=examples, suppress_health_check=[HealthCheck.too_slow])
    @given(doc=documents, strict=st.booleans())
    def check(doc: Any, strict: bool) -> None:
        fast = module._read_columns(copy.deepcopy(doc), source="t.json") is not None
        event("fast path" if fast else "careful path")
        taken[fast] += 1
        same_as_careful(module.read, module.read_careful, doc, strict=strict)

    check()
    share = taken[True] / taken.total()
    name = module.__name__.rsplit(".", 1)[1]
    print(f"{name}: {share:.0%} of {taken.total()} generated documents took the fast path")
    assert share >= 0.1
    return share
