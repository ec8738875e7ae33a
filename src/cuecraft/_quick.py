"""Model objects made without pydantic's validator when every value plainly fits its field.

Building a pydantic validator costs start-up: the first one in a process some 50 ms (it
loads pydantic's schema machinery and looks for plugins in every installed package), each
further model a few ms more. A command-line conversion makes a handful of small objects
(``Rules``, the writer's options, ``SourceInfo``, a ``Speaker`` per speaker) from values
that are plainly right, so it would pay that for nothing (issue #12).

:func:`quick_construct` makes such an object with pydantic's ``model_construct`` after
checking each value itself, and only for what it can judge exactly: an int, float, bool or
str (or None, a literal, an empty list or dict) of the field's type within the field's
bounds, on a model whose only validators are ``after`` model validators, which it runs. On
any doubt (a value of another type, an int for a float field, an unknown constraint, a
field validator) it returns None and the caller validates as usual, so pydantic stays the
authority on what is wrong and on every message. :class:`QuickMeta` does this for
``Model(**values)`` of the classes marked :func:`quick_construction`.
"""

from __future__ import annotations

import math
import re
import types
from collections.abc import Callable, Mapping
from typing import Any, Literal, TypeVar, Union, cast, get_args, get_origin

import annotated_types
from pydantic import BaseModel
from pydantic._internal._model_construction import ModelMetaclass
from pydantic.fields import FieldInfo
from pydantic.types import AllowInfNan, Strict

__all__ = ["UNSURE", "QuickMeta", "quick_construct", "quick_construction", "quick_from_string"]

Model = TypeVar("Model", bound=BaseModel)

Check = Callable[[Any], bool]

# Settings that change what validation gives (str_strip_whitespace, coercions...) are not
# here: a model with one of them is always validated.
_PLAIN_CONFIG = frozenset({"frozen", "extra", "defer_build", "title", "use_attribute_docstrings"})

_BOUNDS: dict[type, Callable[[Any, Any], bool]] = {
    annotated_types.Ge: lambda bound, value: value >= bound.ge,
    annotated_types.Gt: lambda bound, value: value > bound.gt,
    annotated_types.Le: lambda bound, value: value <= bound.le,
    annotated_types.Lt: lambda bound, value: value < bound.lt,
}
_LENGTHS: dict[type, Callable[[Any, Any], bool]] = {
    annotated_types.MinLen: lambda bound, value: len(value) >= bound.min_length,
    annotated_types.MaxLen: lambda bound, value: len(value) <= bound.max_length,
}

_plans: dict[type[BaseModel], dict[str, Check | None] | None] = {}
_required: dict[type[BaseModel], frozenset[str]] = {}

UNSURE: Any = object()
"""What :func:`quick_from_string` gives for a string it leaves to pydantic."""

_INT = re.compile(r"-?[0-9]+")
_DECIMAL = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")


def quick_construct(cls: type[Model], data: Mapping[str, Any]) -> Model | None:
    """``cls(**data)`` without building its validator, or None when a value (or the model)
    is not one this module can judge exactly; then validate ``data`` as usual."""
    if cls in _plans:
        plan = _plans[cls]
    else:
        plan = _plans[cls] = _plan(cls)
        fields = cls.model_fields
        _required[cls] = frozenset(name for name, field in fields.items() if field.is_required())
    if plan is None or not _required[cls] <= data.keys():
        return None  # validation says which field is missing
    values: dict[str, Any] = {}
    for name, value in data.items():
        check = plan.get(name)
        if check is None or not check(value):
            return None
        # A typed list or dict passes only empty, and validation makes each object its own;
        # a value of an ``Any`` field is kept as it is, as validation keeps it.
        empty = isinstance(value, (list, dict)) and not value
        values[name] = type(value)() if empty else value
    made = cls.model_construct(**values)
    for decorator in cls.__pydantic_decorators__.model_validators.values():
        try:
            kept = decorator.func(made)
        except Exception:
            return None
        if kept is not made:
            return None
    return made


def quick_from_string(annotation: Any, raw: str) -> Any:
    """What ``TypeAdapter(annotation).validate_strings(raw)`` gives (a command-line value),
    for a str, int or float field (or one of them or None) and a plain decimal string;
    :data:`UNSURE` for anything else (" 5", "1_000", "1e3", another type...), where the
    caller asks pydantic, which also says what is wrong."""
    members = (
        set(get_args(annotation))
        if get_origin(annotation) in (Union, types.UnionType)
        else {annotation}
    )
    members.discard(type(None))
    if members == {str}:
        return raw
    if len(raw) > 18:  # int() refuses 4,300 digits and more: pydantic says what it says
        return UNSURE
    if members == {int} and _INT.fullmatch(raw):
        return int(raw)
    if members == {float} and _DECIMAL.fullmatch(raw):
        return float(raw)
    return UNSURE


_opted: set[type] = set()


def quick_construction(cls: type[Model]) -> type[Model]:
    """Class decorator: ``cls(**values)`` tries :func:`quick_construct` first (its metaclass
    must be :class:`QuickMeta`). Only for the few objects a conversion makes before any
    validator is built: made in bulk (a Word per word), validation is the faster way."""
    _opted.add(cls)
    return cls


class QuickMeta(ModelMetaclass):
    """Makes ``Model(**values)`` of a class marked :func:`quick_construction` go through
    :func:`quick_construct` first."""

    def __call__(cls, *args: Any, **data: Any) -> Any:
        if not args and cls in _opted:
            made = quick_construct(cast("type[BaseModel]", cls), data)
            if made is not None:
                return made
        return super().__call__(*args, **data)


def _plan(cls: type[BaseModel]) -> dict[str, Check | None] | None:
    """A check per field (None for a field whose values it cannot judge: given, it is
    validated), or None when the model has anything the checks cannot mirror."""
    decorators = cls.__pydantic_decorators__
    if (
        not set(cls.model_config) <= _PLAIN_CONFIG
        or decorators.field_validators
        or decorators.validators
        or decorators.root_validators
        or any(d.info.mode != "after" for d in decorators.model_validators.values())
        or cls.__private_attributes__
        or cls.__pydantic_post_init__ is not None
        or getattr(cls, "__pydantic_root_model__", False)
    ):
        return None
    fields = cls.model_fields
    if any(f.alias is not None or f.validation_alias is not None for f in fields.values()):
        return None  # a value may be given under another name
    return {name: _field_check(field) for name, field in fields.items()}


def _field_check(field: FieldInfo) -> Check | None:
    bounds: list[tuple[Callable[[Any, Any], bool], Any]] = []
    lengths: list[tuple[Callable[[Any, Any], bool], Any]] = []
    for item in field.metadata:
        if type(item) in _BOUNDS:
            bounds.append((_BOUNDS[type(item)], item))
        elif type(item) in _LENGTHS:
            lengths.append((_LENGTHS[type(item)], item))
        elif isinstance(item, Strict) or (isinstance(item, AllowInfNan) and not item.allow_inf_nan):
            continue  # the checks below are as strict, and take finite floats only
        else:
            return None
    return _type_check(field.annotation, bounds, lengths)


def _type_check(
    annotation: Any,
    bounds: list[tuple[Callable[[Any, Any], bool], Any]],
    lengths: list[tuple[Callable[[Any, Any], bool], Any]],
) -> Check | None:
    """The check of one annotation: exact types only (pydantic would convert the others)."""
    if annotation is Any and not bounds and not lengths:
        return lambda value: True
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [_type_check(member, bounds, lengths) for member in get_args(annotation)]
        if any(member is None for member in members):
            return None
        checks = [member for member in members if member is not None]
        return lambda value: any(check(value) for check in checks)
    if annotation is type(None):
        return lambda value: value is None
    if annotation is bool:
        return lambda value: type(value) is bool
    if annotation is int:
        return lambda value: type(value) is int and all(ok(b, value) for ok, b in bounds)
    if annotation is float:
        return lambda value: (
            type(value) is float and math.isfinite(value) and all(ok(b, value) for ok, b in bounds)
        )
    if annotation is str:
        return lambda value: type(value) is str and all(ok(b, value) for ok, b in lengths)
    if origin is Literal:
        choices = get_args(annotation)
        return lambda value: any(type(value) is type(c) and value == c for c in choices)
    if origin in (list, dict):
        return lambda value: (
            type(value) is origin and not value and all(ok(b, value) for ok, b in lengths)
        )
    return None
