"""Objects made without pydantic's validator (:mod:`cuecraft._quick`, issue #12) are exactly
what validation makes from the same values, and anything validation refuses is left to it."""

from __future__ import annotations

import importlib
import json
import math
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import cuecraft
from cuecraft import _quick
from cuecraft._quick import UNSURE, quick_construct, quick_from_string
from cuecraft.errors import CuecraftError, RulesError
from cuecraft.model import Diagnostic, SourceInfo, Speaker, Word
from cuecraft.segment.rules import Rules
from tests.conftest import corpus_dir


def _models() -> list[type[BaseModel]]:
    """Every pydantic model class cuecraft defines (every module imported)."""
    for module in pkgutil.walk_packages(cuecraft.__path__, "cuecraft."):
        if not module.name.endswith("__main__"):  # that one runs the command line
            importlib.import_module(module.name)
    found: set[type[BaseModel]] = set()
    stack = [BaseModel]
    while stack:
        for sub in stack.pop().__subclasses__():
            stack.append(sub)
            if sub.__module__.startswith("cuecraft.") and sub.model_fields:
                found.add(sub)
    return sorted(found, key=lambda model: f"{model.__module__}.{model.__qualname__}")


MODELS = _models()

_JSON_LEAF = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(),
    st.text(max_size=3),
    st.sampled_from([(1, 2), b"x", {1: 2}, {"a": (1,)}, "\ud800"]),
)
_JSON_NODE = st.one_of(
    st.lists(_JSON_LEAF, max_size=3), st.dictionaries(st.text(max_size=3), _JSON_LEAF, max_size=3)
)

_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 12),
    st.sampled_from([0, 1, 2, 4, 5, 200, 201, 10_000, 10_001, 2**63, -1]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 0.5, 1.0, 2.0, 17.0, 1e300, math.nan]),
    st.text(max_size=5),
    st.sampled_from(["none", "prefix", "dash", "optimal", "greedy", "\n", "\r\n", "-", "en"]),
    st.just([]),
    st.just({}),
    st.just([1]),
    st.just({"a": 1}),
    st.just({"a": [1, {"b": None}]}),
    st.just(["x", 2.5]),
    # JSON as vendor metadata holds it (two levels), and what JsonValue refuses inside it.
    st.dictionaries(st.text(max_size=3), st.one_of(_JSON_LEAF, _JSON_NODE), max_size=3),
)


def _data(draw: st.DrawFn, model: type[BaseModel]) -> dict[str, Any]:
    names = draw(st.lists(st.sampled_from(sorted(model.model_fields)), unique=True, max_size=5))
    data = {name: draw(_VALUES) for name in names}
    if draw(st.integers(0, 9)) == 0:
        data["not_a_field"] = draw(_VALUES)
    return data


def _state(made: BaseModel) -> tuple[Any, ...]:
    values = [(name, type(value), repr(value)) for name, value in made.__dict__.items()]
    return type(made), values, made.model_fields_set


def test_the_models_of_a_conversion_are_all_checked() -> None:
    names = {model.__name__ for model in MODELS}
    assert {"Rules", "SrtOptions", "SourceInfo", "Speaker", "Diagnostic", "Word"} <= names


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model.__qualname__)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_a_quick_object_is_the_validated_object(
    model: type[BaseModel], data: st.DataObject
) -> None:
    values = data.draw(st.composite(lambda draw: _data(draw, model))())
    quick = quick_construct(model, values)
    if quick is None:
        return
    try:
        validated = model.model_validate(values)
    except (ValidationError, CuecraftError) as exc:
        pytest.fail(f"made without validation, but validation refuses it: {exc}")
    assert _state(quick) == _state(validated)
    assert quick == validated


def test_a_rule_out_of_bounds_is_refused_with_validations_message() -> None:
    with pytest.raises(RulesError) as caught:
        Rules(max_rows=9)
    assert caught.value.field == "max_rows"
    assert quick_construct(Rules, {"max_rows": 9}) is None


def test_an_inconsistent_rule_set_is_left_to_validation() -> None:
    # The model validator raises inside the quick path: validation gives the message.
    values = {"min_duration_ms": 9000, "max_duration_ms": 1000}
    assert quick_construct(Rules, values) is None
    with pytest.raises(RulesError):
        Rules(**values)


def test_a_value_of_an_any_field_is_kept_as_it_is() -> None:
    from cuecraft.readers.words import _RawDocument

    meta = {"source": "x", "nested": [1, {"a": None}]}
    raw = quick_construct(_RawDocument, {"words": [], "meta": meta})
    assert raw is not None
    assert raw.meta == meta
    assert raw == _RawDocument.model_validate({"words": [], "meta": meta})


def test_only_the_marked_classes_try_the_quick_path(monkeypatch: pytest.MonkeyPatch) -> None:
    # Made in bulk (a Word per word), objects are validated: pydantic's validator is faster
    # than the checks in Python once built.
    tried: list[type[BaseModel]] = []
    real = _quick.quick_construct

    def spy(cls: type[BaseModel], data: Any) -> Any:
        tried.append(cls)
        return real(cls, data)

    monkeypatch.setattr(_quick, "quick_construct", spy)
    Word(text="a", start_ms=0, end_ms=1)
    Speaker(id="S1", name="Ana")
    Rules(max_rows=1)
    assert tried == [Speaker, Rules]


def test_plain_values_make_the_object_quickly() -> None:
    rules = quick_construct(Rules, {"max_chars_per_row": 32, "max_row_seconds": 2.5})
    assert rules is not None
    assert rules == Rules.model_validate({"max_chars_per_row": 32, "max_row_seconds": 2.5})
    assert rules.model_fields_set == {"max_chars_per_row", "max_row_seconds"}
    # An int where a float is expected becomes the float, as validation converts it.
    seconds = quick_construct(Rules, {"max_row_seconds": 2})
    assert seconds is not None
    assert type(seconds.max_row_seconds) is float
    assert seconds == Rules.model_validate({"max_row_seconds": 2})
    # An int that no float holds exactly is left to validation's conversion.
    assert quick_construct(Rules, {"max_row_seconds": 2**53 + 1}) is None


_ANNOTATIONS = [int, int | None, float, float | None, str, str | None, bool, int | str]


@pytest.mark.parametrize("annotation", _ANNOTATIONS, ids=repr)
@given(
    raw=st.one_of(
        st.text(max_size=8),
        st.from_regex(r"\A[-+ ]?[0-9_]{0,5}(\.[0-9]{0,3})?(e[0-9])?\s?\Z"),
        st.sampled_from(["None", "null", "inf", "nan", "-0", "007", "1_000", "٣", "2.", ".5"]),
        st.just("9" * 5000),
    )
)
def test_a_flag_value_converts_as_pydantic_converts_it(annotation: Any, raw: str) -> None:
    quick = quick_from_string(annotation, raw)
    if quick is UNSURE:
        return
    expected = TypeAdapter(annotation).validate_strings(raw)
    assert (type(quick), repr(quick)) == (type(expected), repr(expected))


def test_vendor_metadata_is_judged_and_copied_as_validation_copies_it() -> None:
    nested: list[Any] = [1, {"a": None}]
    meta = {"meta": {"source": "x", "nested": nested, "n": float("nan")}}
    quick = quick_construct(SourceInfo, {"format": "words", "metadata": meta})
    assert quick is not None
    assert quick.metadata == SourceInfo.model_validate({"metadata": meta}).metadata
    assert quick.metadata is not meta
    copied: Any = quick.metadata["meta"]
    assert copied["nested"] == nested
    assert copied["nested"] is not nested
    for refused in ({"a": (1, 2)}, {"a": {1: 2}}, {"a": b"x"}):
        assert quick_construct(SourceInfo, {"metadata": refused}) is None


def test_metadata_nested_deeper_than_the_quick_check_goes_is_validated() -> None:
    deep: Any = None
    for _ in range(100):
        deep = [deep]
    assert quick_construct(SourceInfo, {"metadata": {"a": deep}}) is None
    assert SourceInfo(metadata={"a": deep}).metadata == {"a": deep}


# The reader models of real exports: what the quick path makes of a whole document (nested
# models, vendor fields the model ignores, strings checked by an ``after`` validator, ints in
# float fields, AWS Transcribe's numbers in strings) is what validation makes of it, down to
# every nested object.
_REAL = {
    "amberscript": ("amberscript", "_RawDocument"),
    "assemblyai": ("assemblyai", "_RawDocument"),
    "aws-transcribe": ("aws_transcribe", "_RawDocument"),
    "deepgram": ("deepgram", "_RawDocument"),
    "rev-ai": ("revai", "_RawDocument"),
    "speechmatics": ("speechmatics", "_RawDocument"),
    "whisper-timestamped": ("whisper_timestamped", "_RawDocument"),
}


def _tree(value: Any) -> Any:
    """A model object's values all the way down, with their types (equality alone takes
    1 == 1.0)."""
    if isinstance(value, BaseModel):
        fields = {name: _tree(item) for name, item in value.__dict__.items()}
        return type(value), fields, value.model_fields_set
    if isinstance(value, (list, tuple)):
        return type(value), [_tree(item) for item in value]
    if isinstance(value, dict):
        return type(value), {key: _tree(item) for key, item in value.items()}
    return type(value), repr(value)


@pytest.mark.parametrize("folder", sorted(_REAL))
def test_a_real_export_is_made_quickly_as_validation_makes_it(folder: str) -> None:
    module, name = _REAL[folder]
    model = getattr(importlib.import_module(f"cuecraft.readers.{module}"), name)
    files = sorted(corpus_dir("vendors", folder).glob("*.json"))
    assert files
    quick_ones = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        quick = quick_construct(model, doc)
        if quick is None:
            continue
        quick_ones += 1
        assert _tree(quick) == _tree(model.model_validate(doc)), path.name
    assert quick_ones, f"no {folder} export is made quickly"


def test_an_after_validator_that_refuses_leaves_the_value_to_validation() -> None:
    from cuecraft.readers.amberscript import _RawSpeaker

    assert quick_construct(_RawSpeaker, {"spkid": "a", "name": "Ann"}) is not None
    assert quick_construct(_RawSpeaker, {"spkid": "a", "name": "\ud800"}) is None
    assert quick_construct(_RawSpeaker, {"spkid": "", "name": "Ann"}) is None


def test_fields_the_model_does_not_have_are_dropped_as_validation_drops_them() -> None:
    from cuecraft.readers.amberscript import _RawSpeaker

    made = quick_construct(_RawSpeaker, {"spkid": "a", "name": "Ann", "colour": "red"})
    assert made == _RawSpeaker.model_validate({"spkid": "a", "name": "Ann", "colour": "red"})
    assert made is not None
    assert made.model_fields_set == {"spkid", "name"}


def test_diagnostics_are_made_quickly_up_to_a_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    # A few diagnostics build no validator; a diagnostic for every word of a long file is
    # made by the validator once the limit is reached.
    monkeypatch.setattr(_quick, "_made", {})
    tried: list[type[BaseModel]] = []
    real = _quick.quick_construct

    def spy(cls: type[BaseModel], data: Any) -> Any:
        tried.append(cls)
        return real(cls, data)

    monkeypatch.setattr(_quick, "quick_construct", spy)
    made = [Diagnostic(code="x", message=f"word {i}", word_index=i) for i in range(100)]
    assert tried == [Diagnostic] * 64
    assert made == [Diagnostic.model_validate(d.model_dump()) for d in made]
    assert all(d.model_fields_set == {"code", "message", "word_index"} for d in made)


class _Numbers(BaseModel):
    either: float | int = 0
    other: int | float = 0
    seconds: float | None = None


@given(st.one_of(st.integers(-(2**60), 2**60), st.floats(), st.booleans(), st.none()))
def test_a_union_gives_the_type_validation_gives(value: Any) -> None:
    # An int stays an int where the union has one (whatever the order), and becomes a float
    # where it has none; a value validation refuses is not made.
    values = {"either": value, "other": value, "seconds": value}
    quick = quick_construct(_Numbers, values)
    if quick is None:
        return
    assert _tree(quick) == _tree(_Numbers.model_validate(values))


def test_a_field_given_under_its_alias_is_made_as_validation_makes_it() -> None:
    from cuecraft.readers.aws_transcribe import _RawDocument

    results = {"transcripts": [{"transcript": "Hi."}], "items": []}
    for doc in (
        {"jobName": "job", "results": results},
        {"job_name": "job", "results": results},  # the field's name is no key of the export
        {"jobName": "job", "job_name": "other", "results": results},
    ):
        quick = quick_construct(_RawDocument, doc)
        assert quick is not None
        assert _tree(quick) == _tree(_RawDocument.model_validate(doc))


def test_a_real_google_response_is_made_quickly_as_validation_makes_it() -> None:
    from cuecraft.readers._shapes_cloud import google_response
    from cuecraft.readers.google import _RawResponse

    folder = Path(__file__).parent / "data" / "vendors" / "google"
    files = sorted(folder.glob("*.json"))
    assert files
    for path in files:
        body, _ = google_response(json.loads(path.read_text(encoding="utf-8")))
        # The response as the fast path checks it: its words are read as columns.
        results = [
            {**result, "alternatives": [{**a, "words": []} for a in result["alternatives"]]}
            for result in body["results"]
        ]
        bare = {**body, "results": results}
        quick = quick_construct(_RawResponse, bare)  # durations in strings: before validators
        assert quick is not None, path.name
        assert _tree(quick) == _tree(_RawResponse.model_validate(bare)), path.name
