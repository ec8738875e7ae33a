"""The fast JSON decoder (issue #12 item 5) reads exactly what ``json`` reads, and no more.

``_jsontext.decode`` tries msgspec first and leaves everything it refuses to Python's
``json`` (``decode_stdlib``), which says what is wrong and where. Each check compares the two
paths: the same objects (types included: ``1`` vs ``1.0``, ``-0.0``) or the same error with
the same place.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.errors import InputError
from cuecraft.readers import _jsontext
from cuecraft.readers._jsontext import decode, decode_stdlib

HAS_MSGSPEC = _jsontext._fast() is not None


@pytest.fixture(autouse=True)
def _fast_from_the_first_byte(monkeypatch: pytest.MonkeyPatch) -> None:
    """Small documents take the fast decoder too (normally only once msgspec is imported)."""
    monkeypatch.setattr(_jsontext, "_FAST_FROM", 0)


def _outcome(function: Any, data: bytes | str) -> tuple[str, Any]:
    """What decoding gives: ("ok", repr of the value) or ("error", every location field)."""
    try:
        value = function(data, source="t.json")
    except InputError as error:
        fields = (error.reason, error.line, error.column, error.offset, error.pointer)
        return "error", fields
    return "ok", _shape(value)


def _shape(value: Any) -> Any:
    """The value with every number's type kept (``1 == 1.0 == True`` would hide a change)."""
    if isinstance(value, dict):
        return ("dict", [(key, _shape(item)) for key, item in value.items()])
    if isinstance(value, list):
        return ("list", [_shape(item) for item in value])
    if isinstance(value, float):
        return ("float", "nan" if math.isnan(value) else value.hex())
    return (type(value).__name__, value)


HUGE = "7" * 5000
CASES: dict[str, bytes | str] = {
    "plain": b'{"words": [{"text": "Hello,", "start": 0.52, "end": 0.81, "speaker": "S1"}]}',
    "numbers": b"[0, -0, -0.0, 1.0, 1E2, 1e-400, 0.1, 2.675, 5e-324, 1.7976931348623157e308]",
    "int-64-bit-edges": b"[9223372036854775807, 9223372036854775808, 18446744073709551616]",
    "int-100-digits": b"[" + b"7" * 100 + b", -" + b"7" * 100 + b"]",
    "int-4300-digits-negative": b"[-" + b"7" * 4300 + b"]",
    "int-over-the-limit": ('{"a": 1,\n "b": ' + HUGE + "}").encode(),
    "nan-infinity": b'{"a": NaN, "b": Infinity, "c": -Infinity}',
    "float-overflow": b'{"start": 1e400, "end": -1e999}',
    "duplicate-keys": b'{"a": 1, "b": 2, "a": 3}',
    "lone-surrogate-escape": b'{"text": "x\\ud800"}',
    "surrogate-pair": b'{"text": "\\ud83d\\ude00 \\u00e9"}',
    "bom-bytes": b'\xef\xbb\xbf{"a": [1, 2]}',
    "bom-text": '\ufeff{"a": [1, 2]}',
    "text-input": '{"a": "Zoë"}',
    "text-lone-surrogate": '{"a": "\ud800"}',
    "invalid-utf8": b'{"a": "\xff"}',
    "cesu-surrogate": b'{"a": "\xed\xa0\x80"}',
    "empty": b"",
    "bom-only": b"\xef\xbb\xbf",
    "whitespace": b" \n\t ",
    "unicode-whitespace": "\u00a0",
    "syntax-error": b'{"words": [}',
    "trailing-garbage": b"[1] x",
    "leading-zero": b"[01]",
    "control-character": b'["a\x01b"]',
    "too-deep": b'{"words": [\n' + b"[" * 5000 + b"]" * 5000 + b"]}",
    "webvtt": b"WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n",
    "binary-stl": b"850STL25.01" + b"\xff" * 100,
    "top-level-scalar": b"3",
}


@pytest.mark.parametrize("name", list(CASES))
def test_decode_gives_what_json_gives_value_or_error(name: str) -> None:
    data = CASES[name]
    assert _outcome(decode, data) == _outcome(decode_stdlib, data)


def test_the_error_cases_keep_their_places() -> None:
    # Spot checks that the comparison above compares real locations.
    assert _outcome(decode, CASES["syntax-error"])[1][1:3] == (1, 12)
    reason, line, column, _, _ = _outcome(decode, CASES["int-over-the-limit"])[1]
    assert "5000 digits" in reason
    assert (line, column) == (2, 7)
    assert _outcome(decode, CASES["invalid-utf8"])[1][3] == 7
    assert "only whitespace" in _outcome(decode, CASES["unicode-whitespace"])[1][0]


def test_values_json_reads_specially_survive() -> None:
    doc = decode(CASES["nan-infinity"], source="t.json")
    assert math.isnan(doc["a"])
    assert doc["b"] == math.inf
    assert decode(CASES["lone-surrogate-escape"], source="t.json") == {"text": "x\ud800"}
    assert decode(CASES["duplicate-keys"], source="t.json") == {"a": 3, "b": 2}


@pytest.mark.skipif(not HAS_MSGSPEC, reason="msgspec is not installed")
def test_a_valid_document_does_not_go_through_json(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("json.loads was called")

    monkeypatch.setattr(json, "loads", refuse)
    assert decode(CASES["plain"], source="t.json")["words"][0]["speaker"] == "S1"
    assert decode(CASES["bom-bytes"], source="t.json") == {"a": [1, 2]}
    assert decode(CASES["text-input"], source="t.json") == {"a": "Zoë"}


def test_small_documents_do_not_import_msgspec(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jsontext, "_FAST_FROM", 1024)
    monkeypatch.setattr(_jsontext, "_fast_decoder", _jsontext._UNSET)
    assert decode(CASES["plain"], source="t.json")["words"][0]["text"] == "Hello,"
    assert _jsontext._fast_decoder is _jsontext._UNSET  # json decoded it; msgspec not imported
    plain = CASES["plain"]
    assert isinstance(plain, bytes)
    big = b'{"words": [' + b", ".join([plain] * 20) + b"]}"
    assert len(decode(big, source="t.json")["words"]) == 20
    assert _jsontext._fast_decoder is not _jsontext._UNSET


def test_without_msgspec_everything_goes_through_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_jsontext, "_fast_decoder", None)
    for data in CASES.values():
        assert _outcome(decode, data) == _outcome(decode_stdlib, data)


_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=12)
)
_DOCUMENTS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=25,
)


@given(doc=_DOCUMENTS, ascii_only=st.booleans(), indent=st.sampled_from([None, 1]))
def test_any_document_decodes_as_json_decodes_it(doc: Any, ascii_only: bool, indent: Any) -> None:
    # NaN, infinities and lone surrogates included: the fast decoder refuses those.
    text = json.dumps(doc, ensure_ascii=ascii_only, indent=indent, allow_nan=True)
    data = text.encode("utf-8", "surrogatepass")
    assert _outcome(decode, data) == _outcome(decode_stdlib, data)
    assert _outcome(decode, text) == _outcome(decode_stdlib, text)
