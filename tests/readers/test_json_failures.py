"""Issue #10: every JSON failure is a cuecraft error with a location, in every JSON reader.

Regression tests from small constructed inputs: an integer literal over Python's 4300-digit
limit, implausible canonical times, lone surrogates outside word texts, nesting too deep,
empty input, and a subtitle or XML file forced through a JSON reader.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError
from cuecraft.readers import READERS
from cuecraft.readers._jsontext import MAX_NESTING, deep_offset, huge_int_offset, looks_like
from tests.hardening.seeds import seed

JSON_READERS = sorted(name for name, spec in READERS.items() if spec.kind == "json")
HUGE = "7" * 5000


def _first_number_replaced(reader: str, literal: str) -> tuple[str, int, int]:
    """The reader's seed as JSON text with its first number replaced; line/column of it."""
    text = json.dumps(seed(reader), indent=1)
    match = re.search(r'(?<=": )\d+(\.\d+)?(?=[,\n}\]])', text)
    assert match is not None, f"seed for {reader} has no number"
    line = text.count("\n", 0, match.start()) + 1
    column = match.start() - text.rfind("\n", 0, match.start())
    return text[: match.start()] + literal + text[match.end() :], line, column


@pytest.mark.parametrize("reader", JSON_READERS)
def test_integer_over_4300_digits_is_an_input_error_with_its_line_and_column(reader: str) -> None:
    text, line, column = _first_number_replaced(reader, HUGE)
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode(), reader)
    assert (caught.value.line, caught.value.column) == (line, column)
    assert "5000 digits" in caught.value.reason


def test_huge_integer_is_also_located_when_the_format_is_detected() -> None:
    text, line, column = _first_number_replaced("deepgram", "-" + HUGE)
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode())
    assert (caught.value.line, caught.value.column) == (line, column)


def test_digits_inside_a_string_are_not_mistaken_for_the_huge_integer() -> None:
    text = '{"id": "' + HUGE + '", "words": [{"text": "a", "start": ' + HUGE + ', "end": 1}]}'
    assert huge_int_offset(text) == (text.index(": " + HUGE) + 2, 5000)
    assert huge_int_offset('{"id": "' + HUGE + '"}') is None


@pytest.mark.parametrize("field", ["start_ms", "end_ms"])
@pytest.mark.parametrize("value", [10**400, 10**13, 2**63])
def test_canonical_implausible_time_is_refused_with_its_pointer(field: str, value: int) -> None:
    doc = seed("canonical")
    doc["words"][1][field] = value
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "canonical")
    assert caught.value.pointer == f"/words/1/{field}"


def test_canonical_plausible_long_time_still_reads() -> None:
    doc = seed("canonical")
    doc["words"][1]["end_ms"] = 10**12  # exactly the limit: about 31 years
    assert cuecraft.load(doc, "canonical").words[1].end_ms == 10**12


@pytest.mark.parametrize(
    ("path", "pointer"),
    [
        (("speakers", 0, "name"), "/speakers/0/name"),
        (("language",), "/language"),
        (("source", "metadata", "note"), "/source/metadata/note"),
        (("source", "metadata", "list", 1), "/source/metadata/list/1"),
    ],
)
def test_canonical_lone_surrogate_outside_words_is_refused_with_its_pointer(
    path: tuple[Any, ...], pointer: str
) -> None:
    doc = seed("canonical")
    doc["source"] = {"metadata": {"note": "ok", "list": ["ok", "ok"]}}
    node: Any = doc
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = "bad \ud800"
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "canonical")
    assert caught.value.pointer == pointer
    str(caught.value).encode("utf-8")  # the message itself is printable


def test_lone_surrogate_in_a_metadata_key_points_at_the_object() -> None:
    doc = seed("words")
    doc["meta"] = {"fine": {"\udfff": 1}}
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "words")
    assert caught.value.pointer == "/meta/fine"


def test_words_meta_with_a_lone_surrogate_is_refused_in_both_modes() -> None:
    doc = seed("words")
    doc["metadata"] = {"title": "x\ud800"}
    for strict in (True, False):
        with pytest.raises(InputError) as caught:
            cuecraft.load(doc, "words", strict=strict)
        assert caught.value.pointer == "/metadata/title"


@pytest.mark.parametrize("reader", JSON_READERS)
def test_lone_surrogate_in_any_seed_string_never_reaches_the_transcript(reader: str) -> None:
    # Each string of the seed in turn becomes a lone surrogate: the load either refuses it
    # (with a pointer inside the document) or keeps a transcript that serialises.
    from tests.hardening.fuzzing import paths, resolves

    for path in paths(seed(reader)):
        doc = seed(reader)
        node: Any = doc
        for token in path[:-1]:
            node = node[token]
        if not path or not isinstance(node[path[-1]], str):
            continue
        node[path[-1]] = "x\ud800"
        pointer: str | None = None
        try:
            transcript = cuecraft.load(doc, reader, strict=False)
        except InputError as error:
            pointer = error.pointer
        else:
            transcript.model_dump_json().encode("utf-8")
        assert pointer is None or resolves(doc, pointer), (path, pointer)


@pytest.mark.parametrize("reader", JSON_READERS)
def test_nesting_too_deep_gives_the_line_and_column_where_the_limit_is_passed(
    reader: str,
) -> None:
    text = '{"words": [\n' + "[" * 5000 + "]" * 5000 + "]}"
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode(), reader)
    assert caught.value.line == 2
    assert caught.value.column == MAX_NESTING - 1  # the outer object and array count too
    assert "nested too deeply" in caught.value.reason


def test_depth_scan_skips_brackets_inside_strings() -> None:
    text = '{"a": "[[[[[[", "b": [[1]]}'
    assert deep_offset(text, limit=2) == (text.index("[[1") + 1, 3)
    assert deep_offset('{"a": "[[[["}', limit=2) == (0, 1)
    assert deep_offset("[[], [[]], []]") == (6, 3)  # the first place of the deepest level


@pytest.mark.parametrize("reader", JSON_READERS)
@pytest.mark.parametrize("data", [b"", b"\xef\xbb\xbf", "", " \n\t "])
def test_empty_input_says_it_is_empty(reader: str, data: bytes | str) -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(data.encode() if isinstance(data, str) else data, reader)
    assert "empty" in caught.value.reason or "only whitespace" in caught.value.reason


@pytest.mark.parametrize(
    ("text", "reader"),
    [
        ("WEBVTT\n\n00:00.000 --> 00:01.000\nHello\n", "vtt"),
        ("\ufeff1\n00:00:01,000 --> 00:00:02,000\nHello\n", "srt"),
        ("0:00:01.000,0:00:02.000\nHello\n", "sbv"),
        ("[Script Info]\nTitle: x\n", "ass"),
        ('<?xml version="1.0"?>\n<tt xmlns="http://www.w3.org/ns/ttml"/>', "ttml"),
    ],
)
def test_subtitle_text_forced_through_a_json_reader_says_what_it_looks_like(
    text: str, reader: str
) -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode(), "deepgram")
    assert f"pass format={reader}" in caught.value.reason
    assert caught.value.line is not None


def test_html_and_binary_stl_are_named_too() -> None:
    assert looks_like("<html><body>") == "this looks like XML or HTML, not JSON"
    stl = b"850STL25.01" + b"\xff" * 100
    with pytest.raises(InputError) as caught:
        cuecraft.load(stl, "whisper")
    assert "EBU-STL" in caught.value.reason
    assert caught.value.offset == 11


def test_plain_json_syntax_errors_keep_their_message_without_a_guess() -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(b'{"words": [}', "words")
    assert caught.value.reason.startswith("invalid JSON: ")
    assert "looks like" not in caught.value.reason
    assert (caught.value.line, caught.value.column) == (1, 12)


@pytest.mark.parametrize(
    ("extra", "pointer"),
    [
        (
            {"diagnostics": [{"code": "x", "message": "m", "word_index": 10**5000}]},
            "/diagnostics/0/word_index",
        ),
        ({"source": {"metadata": {"a": [1, -(10**30)]}}}, "/source/metadata/a/1"),
        ({"highlights": [{"first": 0, "stop": 2**64}]}, "/highlights/0/stop"),
    ],
    ids=["diagnostic-index", "metadata", "highlight"],
)
def test_canonical_integers_beyond_64_bits_are_refused_with_their_pointer(
    extra: dict[str, Any], pointer: str
) -> None:
    # The canonical writer would write them, and no JSON reader would take the file back.
    doc = {**seed("canonical"), **extra}
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "canonical")
    assert caught.value.pointer == pointer


def test_words_meta_integers_beyond_64_bits_are_refused() -> None:
    doc = {**seed("words"), "meta": {"talk": {"id": 10**20}}}
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "words")
    assert caught.value.pointer == "/meta/talk/id"


@pytest.mark.parametrize("doc", [["not", "an object"], {"words": ["not a word"]}])
def test_canonical_wrong_shapes_are_refused_at_their_place(doc: Any) -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "canonical")
    assert caught.value.pointer in ("", "/words/0")
