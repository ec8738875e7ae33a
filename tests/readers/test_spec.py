"""The shared reader helpers in readers/_spec.py and _values.py, on their slow paths: the
checks a vendor reader's own schema normally catches first, which must still hold when it
does not."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, TypeAdapter, model_validator

from cuecraft.errors import InputError, SchemaError
from cuecraft.model import Speaker
from cuecraft.readers._spec import WordDraft, assemble, decode_json, validate
from cuecraft.readers._values import check_unicode, shown


def _draft(**fields: Any) -> WordDraft:
    values: dict[str, Any] = {"text": "word", "start": 1.0, "end": 2.0, "pointer": "/words/0"}
    values.update(fields)
    return WordDraft(**values)


def _read(*drafts: WordDraft, strict: bool = True, **options: Any) -> Any:
    return assemble(list(drafts), source="t.json", reader="test", strict=strict, **options)


def test_decode_json_takes_text_with_a_byte_order_mark() -> None:
    assert decode_json('\ufeff{"a": 1}', source="t.json") == {"a": 1}


def test_check_unicode_walks_lists_tuples_and_non_string_keys() -> None:
    check_unicode({1: ["ok", ("fine",)], "k": None}, source="t")
    with pytest.raises(InputError) as caught:
        check_unicode({1: [("ok", "\udc80")]}, source="t", pointer="/root")
    assert caught.value.pointer == "/root/1/0/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str


def test_validate_explains_missing_and_unexpected_fields_with_pointers() -> None:
    with pytest.raises(SchemaError) as caught:
        validate(_Strict, {"nmae": "x"}, source="t.json", root="/meta")
    problems = {(p.pointer, p.message) for p in caught.value.problems}
    assert problems == {
        ("/meta/name", "missing required field"),
        ("/meta/nmae", "unexpected field"),
    }


class _Bottomless(BaseModel):
    @model_validator(mode="before")
    @classmethod
    def _recurse(cls, value: Any) -> Any:
        return _Bottomless.model_validate(value)


def test_validate_turns_recursion_into_a_schema_error_at_the_root() -> None:
    with pytest.raises(SchemaError) as caught:
        validate(_Bottomless, {}, source="t.json", root="/deep")
    assert caught.value.pointer == "/deep"


def test_validate_takes_a_type_adapter() -> None:
    assert validate(TypeAdapter(list[int]), [1, 2], source="t") == [1, 2]
    with pytest.raises(SchemaError) as caught:
        validate(TypeAdapter(list[int]), [1, "x" * 100], source="t")
    assert caught.value.pointer == "/1"
    assert caught.value.problems[0].message.endswith("...)")  # long input shortened


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (10**5000, "<an integer of about 5001 digits>"),
        (-(10**5000), "-<an integer of about 5001 digits>"),
        (12, "12"),
        ("x" * 100, "'" + "x" * 56 + "..."),
        ("\ud800", "'\\ud800'"),
    ],
    ids=["huge", "huge-negative", "small", "long", "surrogate"],  # str(10**5000) fails
)
def test_shown_is_safe_and_short(value: Any, expected: str) -> None:
    assert shown(value) == expected


@pytest.mark.parametrize(
    ("fields", "pointer", "words"),
    [
        ({"text": 5}, "/words/0/text", "string"),
        ({"start": "1.0"}, "/words/0/start", "must be a number"),
        ({"start": True}, "/words/0/start", "must be a number"),
        ({"end": float("nan")}, "/words/0/end", "finite"),
        ({"start": -0.5}, "/words/0/start", "negative"),
        ({"end": 10**5000}, "/words/0/end", "about 5001 digits"),
        ({"end": 2e9}, "/words/0/end", "implausibly large"),
        ({"end": 2e12, "unit": "ms"}, "/words/0/end", "implausibly large"),
        ({"confidence": 1.5}, "/words/0/confidence", "0..1"),
        ({"confidence": True}, "/words/0/confidence", "0..1"),
        ({"speaker": 3}, "/words/0", "speaker must be a string"),
        ({"pristine": "yes"}, "/words/0", "pristine a boolean"),
    ],
)
def test_assemble_refuses_bad_drafts_with_the_field_pointer(
    fields: dict[str, Any], pointer: str, words: str
) -> None:
    for strict in (True, False):
        with pytest.raises(InputError) as caught:
            _read(_draft(**fields), strict=strict)
        assert caught.value.pointer == pointer
        assert words in caught.value.reason


def test_assemble_times_in_ms_and_large_plausible_times() -> None:
    transcript = _read(_draft(start=1500, end=10**9, unit="ms"), _draft(start=2e6, end=3e6))
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [
        (1500, 10**9),
        (2_000_000_000, 3_000_000_000),
    ]


def test_assemble_refuses_a_lone_surrogate_in_a_speaker_name_or_the_language() -> None:
    with pytest.raises(InputError, match="speaker 's1' name"):
        _read(_draft(speaker="s1"), speakers=[Speaker(id="s1", name="\ud800")])
    with pytest.raises(InputError, match="language"):
        _read(_draft(), language="e\udfffn")
    with pytest.raises(InputError) as caught:
        _read(_draft(), metadata={"title": ["ok", "\ud800"]})
    assert caught.value.pointer == "/title/1"


def test_assemble_reports_a_model_invariant_as_an_input_error() -> None:
    twice = [Speaker(id="s1", name="A"), Speaker(id="s1", name="B")]
    with pytest.raises(InputError, match="unique"):
        _read(_draft(speaker="s1"), speakers=twice)


class _Seconds(float):
    """A float subclass (numpy's float64 is one): not on the fast path, still a time."""


def test_assemble_takes_number_subclasses() -> None:
    transcript = _read(_draft(start=_Seconds(1.5), end=_Seconds(2.25)))
    assert (transcript.words[0].start_ms, transcript.words[0].end_ms) == (1500, 2250)
