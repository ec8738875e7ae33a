"""Every registered reader, fed hostile input, raises a cuecraft error with a location or
succeeds: never another exception, never a hang.

The example count comes from the hypothesis profile (``HYPOTHESIS_PROFILE``: ``dev`` and
``ci`` are bounded, ``big`` is for long local runs; see tests/conftest.py).
"""

from __future__ import annotations

import functools
import json
import math
import re
import time
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cuecraft
from cuecraft.errors import CuecraftError
from cuecraft.model import Transcript
from cuecraft.readers import READERS, detect
from cuecraft.readers._values import shown
from tests.hardening.fuzzing import (
    as_parsed,
    as_text,
    check_error,
    mutate,
    mutate_lines,
    nested,
    paths,
    time_limit,
)
from tests.hardening.seed_variants import variant, variant_names
from tests.hardening.seeds import seed, seed_names

JSON_READERS = sorted(name for name, spec in READERS.items() if spec.kind == "json")
SEEDED = [name for name in JSON_READERS if name in seed_names()]
PER_CALL_SECONDS = 20.0
"""A single load taking longer than this counts as a hang."""

_FUZZ = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _load(doc: Any, reader: str | None, parsed: Any = None) -> None:
    """Load ``doc`` (parsed JSON or bytes) strictly and leniently; only a transcript or a
    cuecraft error may come out. ``parsed`` is the document that error pointers refer to."""
    parsed = doc if parsed is None else parsed
    for strict in (True, False):
        with time_limit(PER_CALL_SECONDS):
            try:
                transcript = cuecraft.load(doc, reader, source="fuzz.json", strict=strict)
            except CuecraftError as error:
                check_error(error, parsed)
            else:
                assert isinstance(transcript, Transcript)
                check_transcript(transcript)


def check_transcript(transcript: Transcript) -> None:
    """A transcript that was read must be writable: every string encodable, times plausible
    (a lone surrogate or a 10**400 time used to crash the writers and the engine)."""
    transcript.model_dump_json().encode("utf-8")
    assert all(word.end_ms <= 10**12 for word in transcript.words)


def _as_bytes(doc: Any) -> bytes | None:
    """The document as JSON text with NaN/Infinity literals (None when too deep to dump)."""
    try:
        return json.dumps(doc, allow_nan=True, ensure_ascii=False).encode("utf-8", "surrogatepass")
    except (RecursionError, ValueError):
        return None


def test_every_json_reader_has_a_seed() -> None:
    missing = [name for name in JSON_READERS if name not in seed_names()]
    assert not missing, f"add a seed document to tests/hardening/seeds.py for {missing}"


@pytest.mark.parametrize("reader", SEEDED)
def test_seeds_load(reader: str) -> None:
    transcript = cuecraft.load(seed(reader), reader)
    assert transcript.words
    spec, _ = detect(seed(reader), source="seed.json")
    assert spec.name == reader  # detected, uniquely


@st.composite
def hostile_documents(draw: st.DrawFn, reader: str) -> Any:
    """The reader's seed with one to four hostile mutations."""
    return mutate(draw, seed(reader))


@st.composite
def hostile_variants(draw: st.DrawFn, name: str) -> tuple[str, Any]:
    """An extra shape's reader and its document with one to four hostile mutations."""
    reader, doc = variant(name)
    return reader, mutate(draw, doc)


def fuzz_one(doc: Any, reader: str, *, ascii_only: bool) -> None:
    """Load a mutated document as parsed JSON (with and without detection) and as text."""
    parsed = as_parsed(doc)
    if isinstance(parsed, (dict, list)):  # parsed JSON (a bare string would be taken as a path)
        _load(parsed, reader)
        _load(parsed, None)  # detection must not crash either
    raw = as_text(doc, ascii_only=ascii_only)
    if raw is not None:
        _load(raw, reader, parsed)


@pytest.mark.parametrize("reader", SEEDED)
@_FUZZ
@given(data=st.data())
def test_hostile_documents(reader: str, data: st.DataObject) -> None:
    doc = data.draw(hostile_documents(reader))
    fuzz_one(doc, reader, ascii_only=data.draw(st.booleans()))


@pytest.mark.parametrize("name", variant_names())
@_FUZZ
@given(data=st.data())
def test_hostile_variant_documents(name: str, data: st.DataObject) -> None:
    # The other shapes of issue #9 (Deepgram streaming, Whisper segments, whisper.cpp).
    reader, doc = data.draw(hostile_variants(name))
    fuzz_one(doc, reader, ascii_only=data.draw(st.booleans()))


@pytest.mark.parametrize("name", variant_names())
def test_variants_load_and_are_detected(name: str) -> None:
    reader, doc = variant(name)
    transcript = cuecraft.load(doc, strict=False)
    assert transcript.source.format == reader
    assert transcript.words


@pytest.mark.parametrize("reader", SEEDED)
@pytest.mark.parametrize("kind", ["list", "dict"])
def test_deep_nesting(reader: str, kind: str) -> None:
    # 100 000 levels: far beyond any recursion limit, in every place a value can go.
    deep = nested(100_000, kind=kind)
    doc = seed(reader)
    targets: list[Any] = [doc]
    while targets:
        node = targets.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, (dict, list)):
                targets.append(value)
            node[key] = deep if not isinstance(value, (dict, list)) else value
    _load(doc, reader)
    text = ("[" * 100_000 + "]" * 100_000).encode() if kind == "list" else None
    if text is not None:
        _load(text, reader)
        _load(text, None)


@pytest.mark.parametrize("reader", SEEDED)
def test_ten_megabyte_strings(reader: str) -> None:
    huge = "é" * (10 * 1024 * 1024)
    doc = seed(reader)
    targets: list[Any] = [doc]
    while targets:
        node = targets.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in list(items):
            if isinstance(value, (dict, list)):
                targets.append(value)
            elif isinstance(value, str):
                node[key] = huge
    started = time.perf_counter()
    _load(doc, reader)
    assert time.perf_counter() - started < 2 * PER_CALL_SECONDS


@pytest.mark.parametrize("reader", SEEDED)
def test_non_finite_literals(reader: str) -> None:
    # JSON text with NaN, Infinity and -Infinity literals (Python's json accepts them) in
    # every numeric field.
    for literal in ("NaN", "Infinity", "-Infinity", "1e999", "-0"):
        text = re.sub(r'(": )-?\d+(\.\d+)?(?=[,}\]])', r"\g<1>" + literal, json.dumps(seed(reader)))
        _load(text.encode(), reader, json.loads(text))


@functools.cache
def subtitle_seed(reader: str) -> bytes:
    """The words seed written in a subtitle format (the writer of the same name)."""
    from cuecraft.api import render
    from cuecraft.writers import get_writer

    data, _ = render(cuecraft.load(seed("words")), get_writer(reader))
    return data


@st.composite
def hostile_lines(draw: st.DrawFn, reader: str) -> bytes:
    """The reader's subtitle seed with one to four line-level mutations."""
    return mutate_lines(draw, subtitle_seed(reader))


TEXT_READERS = sorted(n for n, s in READERS.items() if s.kind == "text")


@pytest.mark.parametrize("reader", TEXT_READERS)
@_FUZZ
@given(data=st.data())
def test_hostile_subtitle_lines(reader: str, data: st.DataObject) -> None:
    # Structure-aware: a real file of the format with its lines mutated (issue #10).
    _load(data.draw(hostile_lines(reader)), reader)


_TEXT_PIECES = st.sampled_from(
    [
        "1\n",
        "00:00:01,000 --> 00:00:02,000\n",
        "00:00:02.000 --> 00:00:01.000\n",
        "99:99:99,999 --> 00:00:00,000\n",
        "00:00:01,000 -->\n",
        "WEBVTT\n",
        "NOTE x\n",
        "STYLE\n",
        "\n",
        "Hello <i>there</i>\n",
        "- dash\n",
        "\x00\n",
        "\u202eמרחב\n",
        "-->\n",
        "\ufeff",
        "\r\n",
    ]
)


@pytest.mark.parametrize("reader", sorted(n for n, s in READERS.items() if s.kind == "text"))
@_FUZZ
@given(pieces=st.lists(st.one_of(_TEXT_PIECES, st.text(max_size=30)), max_size=40))
def test_hostile_text_subtitles(reader: str, pieces: list[str]) -> None:
    data = "".join(pieces).encode("utf-8", "surrogatepass")
    _load(data, reader)


@functools.cache
def _stl_bytes() -> bytes:
    transcript = cuecraft.load(seed("words"))
    from cuecraft.api import render
    from cuecraft.writers import get_writer

    data, _ = render(transcript, get_writer("stl"))
    return data


@st.composite
def hostile_stl(draw: st.DrawFn) -> bytes:
    """A rendered EBU-STL file with up to eight bytes changed, maybe cut short."""
    original = bytearray(_stl_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        position = draw(st.integers(min_value=0, max_value=len(original) - 1))
        original[position] = draw(st.integers(min_value=0, max_value=255))
    cut = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=len(original))))
    return bytes(original if cut is None else original[:cut])


@pytest.mark.skipif("stl" not in READERS, reason="no EBU-STL reader registered")
@_FUZZ
@given(blob=hostile_stl())
def test_hostile_stl(blob: bytes) -> None:
    _load(blob, "stl")


@functools.cache
def _ttml_bytes() -> bytes:
    transcript = cuecraft.load(seed("words"))
    from cuecraft.api import render
    from cuecraft.writers import get_writer

    data, _ = render(transcript, get_writer("ttml"), options={"speaker_labels": "agent"})
    return data


_XML_PIECES = st.sampled_from(
    [b"<", b">", b"&", b"&amp;", b"]]>", b"<br/>", b"<!DOCTYPE x>", b'begin="', b"\x00", b"\xff"]
)


@st.composite
def hostile_ttml(draw: st.DrawFn) -> bytes:
    """A rendered TTML file with up to eight XML-ish pieces spliced in."""
    blob = bytearray(_ttml_bytes())
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        position = draw(st.integers(min_value=0, max_value=len(blob)))
        piece = draw(st.one_of(_XML_PIECES, st.binary(min_size=1, max_size=4)))
        cut = draw(st.integers(min_value=0, max_value=len(piece)))
        blob[position : position + cut] = piece
    return bytes(blob)


@_FUZZ
@given(blob=hostile_ttml())
def test_hostile_ttml(blob: bytes) -> None:
    _load(blob, "ttml")


_LEAF_VALUES: list[Any] = [
    None,
    True,
    "",
    " \t",
    "\ud800",
    "a\x00b",
    "\u202eשלום",
    "NaN",
    "1e999",
    1e308,
    -1e308,
    10**400,
    10**5000,
    -(10**5000),
    -1,
    math.nan,
    math.inf,
    [],
    {},
]
_DELETE = object()


def _leaf_variants(reader: str) -> list[tuple[str, Any]]:
    """Every single-leaf change of the seed: each leaf set to each hostile value, each key
    deleted. Deterministic, so CI always covers them (the random search adds combinations)."""
    variants: list[tuple[str, Any]] = []
    for path in paths(seed(reader)):
        if not path:
            continue
        for value in [*_LEAF_VALUES, _DELETE]:
            doc = seed(reader)
            parent = doc
            for token in path[:-1]:
                parent = parent[token]
            if value is _DELETE:
                del parent[path[-1]]
            else:
                parent[path[-1]] = value
            label = (
                "/".join(map(str, path)) + "=" + ("<deleted>" if value is _DELETE else shown(value))
            )
            variants.append((label, doc))
    return variants


@pytest.mark.parametrize("reader", SEEDED)
def test_every_leaf_hostile(reader: str) -> None:
    failures: list[str] = []
    for label, doc in _leaf_variants(reader):
        try:
            _load(doc, reader)
        except AssertionError as exc:
            failures.append(f"{label}: {exc}")
        except Exception as exc:
            failures.append(f"{label}: {type(exc).__name__}: {exc}".splitlines()[0])
    assert not failures, f"{len(failures)} hostile leaves escaped:\n" + "\n".join(failures[:40])
