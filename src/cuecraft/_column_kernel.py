# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The per-word checks of the readers' column pass, compiled (issue #12).

:mod:`cuecraft.readers._column_pass` accepts a document's words as columns when nothing in
them needs repairing, and :class:`cuecraft.columns.WordTable` checks its invariants again.
Run as Python, both do so with whole-column operations (``map``, ``min``, ``all``), each a
pass over the column; compiled, these functions make one typed pass instead (about a fifth
of loading a 100k-word transcript was those passes). Each gives exactly the answer of the
Python it replaces (``tests/test_column_kernel.py`` checks both on drawn columns).

Run as Python, the callers keep their whole-column operations: this module's loops run as
Python would only be slower.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

__all__ = [
    "COMPILED",
    "changes",
    "dict_columns",
    "gaps",
    "in_order",
    "interned",
    "known",
    "length_sums",
    "lookup",
    "nonblank_texts",
    "nonempty_strings",
    "times_ms",
    "where",
]

COMPILED = bool(cython.compiled)
"""True when this module runs compiled (the column pass then uses it)."""


def times_ms(values: list[Any], scale: float, limit: float) -> array[int] | None:
    """``floor(value * scale + 0.5)`` of every value, when each is a plain number (a float
    or an int, not a bool) in ``0..limit``; else None.

    What ``_plain_times`` in :mod:`cuecraft.readers._column_pass` gives, in one pass. An int
    too large for a float raises OverflowError, as the Python's ``math.isfinite`` does.
    """
    n: cython.Py_ssize_t = len(values)
    out = array("q", bytes(8 * n))
    view = cython.declare(cython.longlong[::1], out)
    i: cython.Py_ssize_t
    value: float
    for i in range(n):
        item = values[i]
        if type(item) is float:
            value = item
        elif type(item) is int:
            value = float(item)
        else:
            return None
        # NaN fails both comparisons; infinity fails the second.
        if not (value >= 0.0 and value <= limit):
            return None
        # Non-negative, so truncation is floor, as int() is in the Python.
        view[i] = cython.cast(cython.Py_ssize_t, value * scale + 0.5)
    return out


def in_order(starts: Sequence[int], ends: Sequence[int]) -> bool:
    """Whether every word ends no earlier than it starts and starts no earlier than the
    word before it (``starts`` and ``ends``: 64-bit columns of equal length)."""
    first = cython.declare(cython.longlong[::1], starts)
    last = cython.declare(cython.longlong[::1], ends)
    n: cython.Py_ssize_t = len(first)
    i: cython.Py_ssize_t
    previous: cython.Py_ssize_t = first[0] if n else 0
    for i in range(n):
        if last[i] < first[i] or first[i] < previous:
            return False
        previous = first[i]
    return True


def dict_columns(
    items: list[Any], required: tuple[str, ...], optional: tuple[str, ...]
) -> list[list[Any]] | None:
    """One column per key: the ``required`` keys' values, then the ``optional`` keys' (None
    where absent), when every item is a dict (not a subclass) holding every required key;
    else None."""
    keys: tuple[str, ...] = required + optional
    width: cython.Py_ssize_t = len(keys)
    needed: cython.Py_ssize_t = len(required)
    k: cython.Py_ssize_t
    columns: list[list[Any]] = [[] for k in range(width)]
    for item in items:
        if type(item) is not dict:
            return None
        record: dict[str, Any] = item
        for k in range(width):
            value = record.get(keys[k])
            if value is None and k < needed and keys[k] not in record:
                return None
            columns[k].append(value)
    return columns


def interned(values: list[Any], seen: dict[Any, Any]) -> list[Any]:
    """Each value as the first equal one seen, ``seen`` left holding the distinct values in
    first-seen order: ``list(map(seen.setdefault, values, values))`` in one typed pass. An
    unhashable value raises TypeError, as ``dict.fromkeys`` does."""
    n: cython.Py_ssize_t = len(values)
    out: list[Any] = [None] * n
    i: cython.Py_ssize_t
    for i in range(n):
        value = values[i]
        out[i] = seen.setdefault(value, value)
    return out


def nonblank_texts(texts: list[Any], seen: dict[str, str]) -> list[str] | None:
    """Every text stripped and then :func:`interned` in ``seen``, when each is a ``str`` (not
    a subclass) with more than whitespace in it; else None: what the column pass makes of
    ``map(str.strip, texts)`` once it has checked the types and that none is blank."""
    n: cython.Py_ssize_t = len(texts)
    out: list[str] = [""] * n
    i: cython.Py_ssize_t
    last: cython.Py_ssize_t
    text: str
    for i in range(n):
        item = texts[i]
        if type(item) is not str:
            return None
        text = item
        last = len(text) - 1
        # Nearly every word has no whitespace at either end, and then strip() would give the
        # text itself (it strips what str.isspace calls whitespace, as this test does).
        if last < 0 or text[0].isspace() or text[last].isspace():
            text = text.strip()
            if not text:
                return None
        out[i] = seen.setdefault(text, text)
    return out


def nonempty_strings(texts: list[Any]) -> bool:
    """Whether every text is a non-empty ``str`` (not a subclass): ``all(texts) and
    set(map(type, texts)) == {str}`` for a column that is not empty, in one typed pass."""
    n: cython.Py_ssize_t = len(texts)
    i: cython.Py_ssize_t
    for i in range(n):
        item = texts[i]
        if type(item) is not str or not item:
            return False
    return True


def known(values: list[Any], allowed: set[Any]) -> bool:
    """Whether every value is in ``allowed``: ``set(values) <= allowed`` in one typed pass
    that looks up only where the value changes (a speaker column is runs of one object). An
    unhashable value raises TypeError, as ``set`` does."""
    n: cython.Py_ssize_t = len(values)
    i: cython.Py_ssize_t
    if n == 0:
        return True
    previous = values[0]
    if previous not in allowed:
        return False
    for i in range(1, n):
        value = values[i]
        if value is not previous:
            if value not in allowed:
                return False
            previous = value
    return True


def lookup(keys: Sequence[Any], table: dict[Any, int]) -> array[int]:
    """``table[key]`` of every key, as C long longs: ``list(map(table.__getitem__, keys))``
    in one typed pass, with no Python int per key (the engine maps a million words to the
    numbers of their few thousand distinct texts this way). A missing key raises KeyError."""
    n: cython.Py_ssize_t = len(keys)
    out = array("q", bytes(8 * n))
    view = cython.declare(cython.longlong[::1], out)
    i: cython.Py_ssize_t
    for i in range(n):
        view[i] = table[keys[i]]
    return out


def where(keys: Sequence[Any], chosen: set[Any] | frozenset[Any]) -> list[int]:
    """The indices of the keys in ``chosen``: ``list(compress(range(len(keys)),
    map(chosen.__contains__, keys)))`` in one typed pass (the engine finds the few words
    that need a second look among a million this way)."""
    n: cython.Py_ssize_t = len(keys)
    found: list[int] = []
    i: cython.Py_ssize_t
    for i in range(n):
        if keys[i] in chosen:
            found.append(i)
    return found


def changes(values: Sequence[Any]) -> list[int]:
    """The indices ``i`` where ``values[i] != values[i + 1]``, as
    ``compress(count(), map(operator.ne, values, values[1:]))`` gives them, in one typed
    pass (the engine finds the speaker changes among a million words this way)."""
    n: cython.Py_ssize_t = len(values)
    found: list[int] = []
    i: cython.Py_ssize_t
    for i in range(n - 1):
        if values[i] != values[i + 1]:
            found.append(i)
    return found


def length_sums(texts: Sequence[str]) -> array[int]:
    """``[0, *accumulate(map(len, texts))]`` as C long longs, in one typed pass (the engine
    counts the characters of every cue from these prefix sums)."""
    n: cython.Py_ssize_t = len(texts)
    out = array("q", bytes(8 * (n + 1)))
    view = cython.declare(cython.longlong[::1], out)
    i: cython.Py_ssize_t
    total: cython.Py_ssize_t = 0
    for i in range(n):
        total += len(texts[i])
        view[i + 1] = total
    return out


def gaps(starts: Sequence[int], ends: Sequence[int]) -> list[int] | None:
    """``starts[i + 1] - ends[i]`` for every word but the last: the silence after each word,
    as ``list(map(operator.sub, starts[1:], ends))`` gives them (``starts`` and ``ends``:
    64-bit columns of equal length); None if a time is negative (a difference could then
    overflow 64 bits; from 0, none can)."""
    first = cython.declare(cython.longlong[::1], starts)
    last = cython.declare(cython.longlong[::1], ends)
    n: cython.Py_ssize_t = len(first)
    found: list[int] = []
    i: cython.Py_ssize_t
    for i in range(n - 1):
        if first[i + 1] < 0 or last[i] < 0:
            return None
        found.append(first[i + 1] - last[i])
    return found
