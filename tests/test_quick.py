"""Objects made without pydantic's validator (:mod:`cuecraft._quick`, issue #12) are exactly
what validation makes from the same values, and anything validation refuses is left to it."""

from __future__ import annotations

import importlib
import math
import pkgutil
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, TypeAdapter, ValidationError

import cuecraft
from cuecraft import _quick
from cuecraft._quick import UNSURE, quick_construct, quick_from_string
from cuecraft.errors import CuecraftError, RulesError
from cuecraft.model import Speaker, Word
from cuecraft.segment.rules import Rules


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
    # An int where a float is expected is converted by validation: left to it.
    assert quick_construct(Rules, {"max_row_seconds": 2}) is None
    assert Rules(max_row_seconds=2).max_row_seconds == 2.0


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
