"""Hostile-input machinery for the hardening tests: values, mutations, a hang guard.

A hostile document is a valid seed (``seeds.py``) with one to four mutations, each at a node
drawn from the whole tree: a value replaced by a value of the wrong kind, a key removed, a
junk key added, an array item duplicated, or a key written twice. The values are what vendors
and attackers send: wrong types, huge and non-finite numbers, numbers as strings, empty and
whitespace-only text, control characters, right-to-left and mixed scripts, lone surrogates,
deep nesting.

Some hostile inputs exist only as JSON text (an integer literal of 5000 digits, ``1e400``, a
key written twice): the mutated document carries markers for them, and :func:`as_text` and
:func:`as_parsed` turn it into the JSON text and into what ``json.loads`` makes of that text.
"""

from __future__ import annotations

import json
import math
import re
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from hypothesis import strategies as st

from cuecraft.errors import CuecraftError, FormatDetectionError, InputError

Path = tuple[str | int, ...]

_AWKWARD_TEXT = [
    "",
    " ",
    "\t\n ",
    "\u3000",
    "\x00",
    "a\x00b",
    "\x1b[31mred\x1b[0m",
    "\r\n",
    "\ufeff",
    "\u202e\u202dmirror",
    "\u200b",
    "\u0301",
    "مرحبا بالعالم",
    "שלום עולם",
    "Zoë 中文 العربية Ελληνικά Кириллица",
    "👩‍👩‍👧‍👦",
    "\ud800",
    "\udfff lone",
    "-->",
    "00:00:01,000 --> 00:00:02,000",
    "WEBVTT",
    "<v Bob>",
    "<b>&amp;</b>",
    "../../etc/passwd",
    "NaN",
    "Infinity",
    "-1",
    "1e309",
    "١٢٣",
    " 1.5 ",
    "0x10",
    "1_000",
    "x" * 10_000,
]

_AWKWARD_NUMBERS: list[Any] = [
    0,
    -1,
    -0.0,
    1,
    2**31,
    2**53 + 1,
    2**63,
    2**64,
    -(2**63) - 1,
    10**20,
    10**400,
    1e308,
    -1e308,
    5e-324,
    math.nan,
    math.inf,
    -math.inf,
    0.1 + 0.2,
]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.sampled_from(_AWKWARD_NUMBERS),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(_AWKWARD_TEXT),
    st.text(max_size=20),
)


def nested(depth: int, *, kind: str = "list") -> Any:
    """A value nested ``depth`` levels deep, built without recursion."""
    value: Any = "deep"
    for _ in range(depth):
        value = [value] if kind == "list" else {"x": value}
    return value


HUGE_INT = "\x00cuecraft:huge-int\x00"
"""Marker: an integer literal of 5000 digits in the text (10**5000 in the parsed form)."""
OVERFLOW_FLOAT = "\x00cuecraft:1e400\x00"
"""Marker: the literal ``1e400`` in the text (``inf`` once parsed)."""
DUPLICATE = "\x00cuecraft:dup\x00"
"""Key prefix: the key after it is written a second time (``json.loads`` keeps the last)."""
_HUGE_DIGITS = "9" * 5000

hostile_values = st.one_of(
    scalars,
    st.sampled_from([HUGE_INT, OVERFLOW_FLOAT, 10**5000, -(10**400)]),
    st.lists(scalars, max_size=3),
    st.dictionaries(
        st.sampled_from(["", "x", "text", "start", "end", "words"]), scalars, max_size=3
    ),
    st.builds(
        nested, st.sampled_from([2, 50, 2_000, 5_000]), kind=st.sampled_from(["list", "dict"])
    ),
)


def paths(doc: Any) -> list[Path]:
    """Every node's path, the root first (iterative: seeds are small, mutations may be deep)."""
    found: list[Path] = []
    stack: list[tuple[Path, Any]] = [((), doc)]
    while stack:
        path, node = stack.pop()
        found.append(path)
        if len(path) > 20:
            continue
        if isinstance(node, dict):
            stack.extend(((*path, key), value) for key, value in node.items())
        elif isinstance(node, list):
            stack.extend(((*path, index), value) for index, value in enumerate(node))
    return found


def _get(doc: Any, path: Path) -> Any:
    for token in path:
        doc = doc[token]
    return doc


def mutate(draw: st.DrawFn, doc: Any) -> Any:
    """Apply one to four hostile mutations to ``doc`` (in place when possible)."""
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(paths(doc)))
        action = draw(
            st.sampled_from(["replace", "replace", "delete", "add", "duplicate", "twice"])
        )
        if not path:
            if action == "replace":
                doc = draw(hostile_values)
            continue
        parent = _get(doc, path[:-1])
        token = path[-1]
        if action == "replace":
            parent[token] = draw(hostile_values)
        elif action == "delete":
            del parent[token]
        elif action == "add" and isinstance(parent, dict):
            parent[draw(st.sampled_from(["", "extra", "text", "speaker", "\x00"]))] = draw(
                hostile_values
            )
        elif action == "duplicate" and isinstance(parent, list):
            parent.insert(int(token), parent[int(token)])
        elif action == "twice" and isinstance(parent, dict) and isinstance(token, str):
            parent[DUPLICATE + token] = draw(hostile_values)
    return doc


def _transform(doc: Any, leaf: Any, key: Any) -> Any:
    """A copy of ``doc`` with ``leaf`` applied to every scalar and ``key`` to every dict key
    (iterative: mutations nest thousands of levels deep)."""
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(doc, root, 0)]
    while stack:
        node, holder, slot = stack.pop()
        if isinstance(node, dict):
            copy: Any = {}
            holder[slot] = copy
            items = [(key(name), value) for name, value in node.items()]
            for new_name, _ in items:
                copy[new_name] = None
            # Pushed in reverse so they are assigned in order: a key written twice keeps
            # its last value, as json.loads does.
            stack.extend((value, copy, new_name) for new_name, value in reversed(items))
        elif isinstance(node, list):
            copy = [None] * len(node)
            holder[slot] = copy
            stack.extend((value, copy, index) for index, value in enumerate(node))
        else:
            holder[slot] = leaf(node)
    return root[0]


def _parsed_leaf(value: Any) -> Any:
    if value == HUGE_INT:
        return 10**5000
    if value == OVERFLOW_FLOAT:
        return math.inf
    return value


def as_parsed(doc: Any) -> Any:
    """What ``json.loads`` would make of :func:`as_text` (where it can parse it)."""
    return _transform(
        doc,
        _parsed_leaf,
        lambda name: name.removeprefix(DUPLICATE) if isinstance(name, str) else name,
    )


def _text_leaf(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return HUGE_INT  # json.dumps cannot write it (Python's int digit limit)
    return value


def as_text(doc: Any, *, ascii_only: bool = False) -> bytes | None:
    """The document as JSON text, markers expanded; None when too deep to dump.

    With ``ascii_only`` a lone surrogate becomes a ``\\ud800`` escape (which decodes back to
    the surrogate); otherwise it is written raw, which is not valid UTF-8.
    """
    try:
        text = json.dumps(
            _transform(doc, _text_leaf, lambda n: n), allow_nan=True, ensure_ascii=ascii_only
        )
    except (RecursionError, ValueError):
        return None
    for marker, literal in ((HUGE_INT, _HUGE_DIGITS), (OVERFLOW_FLOAT, "1e400")):
        text = text.replace(json.dumps(marker), literal)
    text = text.replace(json.dumps(DUPLICATE)[1:-1], "")
    return text.encode("utf-8", "surrogatepass")


def resolves(doc: Any, pointer: str) -> bool:
    """Whether an RFC 6901 pointer names a node of ``doc``."""
    node = doc
    for raw in pointer.split("/")[1:]:
        token = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return False
    return True


def check_error(error: BaseException, doc: Any) -> None:
    """A refusal is a cuecraft error that says where: the source, and a pointer into ``doc``.

    A pointer may name a missing key (the parent must then exist) or, for an array, one index
    past the end (an item that should be there).
    """
    assert isinstance(error, CuecraftError), repr(error)
    str(error).encode("utf-8")  # printable: no lone surrogate in the message or the pointer
    if isinstance(error, InputError):
        assert error.source, f"no source in {error!r}"
        if error.pointer and not isinstance(error, FormatDetectionError):
            parent = error.pointer.rsplit("/", 1)[0]
            assert resolves(doc, error.pointer) or resolves(doc, parent), (
                f"pointer {error.pointer!r} is not inside the document: {error}"
            )


class Hang(Exception):
    """Raised by :func:`time_limit` when a call runs too long."""


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Fail with :class:`Hang` when the block runs longer than ``seconds`` (POSIX main thread)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable or sys.platform == "win32":
        yield
        return

    def expire(signum: int, frame: Any) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


_LINE_PIECES: list[bytes] = [
    b"",
    b"\x00",
    b"\xff\xfe",
    b"\xed\xa0\x80",  # a surrogate encoded as UTF-8 (CESU): invalid UTF-8
    b"-->",
    b"00:00:01,000 --> 00:00:00,500",
    b"99:99:99,999 --> 00:00:00,000",
    b"9" * 5000 + b":00:00,000 --> 00:00:01,000",
    b"00:00:00,000 --> " + b"9" * 5000 + b":00:00,000",
    b"0:00:00.000," + b"9" * 400 + b":00:00.000",
    b"Dialogue: 0,0:00:00.00,9" + b"9" * 400 + b":00:00.00,Default,,0,0,0,,x",
    b"<b>" * 5000 + b"deep",
    b"{\\i1}" * 5000 + b"deep",
    b"<v " + b"x" * 10_000 + b">",
    b"NOTE " + b"[" * 5000,
    b"WEBVTT",
    b"[Script Info]",
    b"[Events]",
    b"Format: Start, End, Text",
    b"\xef\xbb\xbf",
    b"\r",
    "\u202eשלום – Zoë 中文".encode(),
]


def mutate_lines(draw: st.DrawFn, data: bytes) -> bytes:
    """One to four line-level mutations of a subtitle file: a line deleted, duplicated,
    swapped with another, replaced by or prefixed with a hostile piece, or its digits
    replaced by a huge number (structure-aware: timing lines keep their shape)."""
    lines = data.split(b"\n")
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        if not lines:
            lines = [b""]
        index = draw(st.integers(min_value=0, max_value=len(lines) - 1))
        action = draw(st.sampled_from(["delete", "copy", "swap", "replace", "prefix", "digits"]))
        piece = draw(st.one_of(st.sampled_from(_LINE_PIECES), st.binary(max_size=8)))
        if action == "delete":
            del lines[index]
        elif action == "copy":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(min_value=0, max_value=len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "replace":
            lines[index] = piece
        elif action == "prefix":
            lines[index] = piece + lines[index]
        else:
            huge = draw(st.sampled_from([b"9" * 5000, b"9" * 20, b"-1", b"1e400", b"NaN"]))
            lines[index] = re.sub(rb"\d+", huge, lines[index], count=1)
    return b"\n".join(lines)
