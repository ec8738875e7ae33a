"""Model objects made without pydantic's validator when every value plainly fits its field.

Building a pydantic validator costs start-up: the first one in a process some 50 ms (it
loads pydantic's schema machinery and looks for plugins in every installed package), each
further model a few ms more. A command-line conversion makes a handful of small objects
(``Rules``, the writer's options, ``SourceInfo``, a ``Speaker`` per speaker) from values
that are plainly right, so it would pay that for nothing (issue #12).

:func:`quick_construct` makes such an object with pydantic's ``model_construct`` after
checking each value itself, and only for what it can judge exactly: an int, float, bool or
str (or None, a literal) of the field's type within the field's bounds (an int in a float
field becomes the float, as validation converts it), JSON values (vendor metadata), nested
models given as dicts and lists of them (a vendor's speaker list), on a model whose only
validators are ``after`` model validators, which it runs. ``after`` validators of a field
that take the value alone are run too: one that refuses the value or changes it leaves the
object to validation. Keys that are no field are dropped where the model ignores extras, as
validation drops them; a field's one ``before`` validator is run on the value first. On any
doubt (a value of another type, an unknown constraint) it returns None and the caller
validates as usual, so pydantic stays the authority on what is wrong and on every message.
:class:`QuickMeta` does this for ``Model(**values)`` of the classes marked
:func:`quick_construction`.

A real export's envelope (everything but the words, which the column fast paths read) is
then made without a validator: the first validator a process builds costs some 40 ms.
"""

from __future__ import annotations

import inspect
import math
import re
import types
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal, TypeVar, Union, cast, get_args, get_origin

import annotated_types
from pydantic import AfterValidator, BaseModel, BeforeValidator, JsonValue
from pydantic._internal._model_construction import ModelMetaclass
from pydantic.fields import FieldInfo
from pydantic.types import AllowInfNan, Strict

__all__ = [
    "UNSURE",
    "QuickMeta",
    "quick_construct",
    "quick_construction",
    "quick_construction_up_to",
    "quick_from_string",
]

Model = TypeVar("Model", bound=BaseModel)

Check = Callable[[Any], bool]

# Ints that convert to a float exactly (larger ones are left to validation's conversion).
_EXACT_INT = 2**53

_NO: Any = object()
"""What a :class:`_Convert` gives for a value it cannot judge."""

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

_plans: dict[type[BaseModel], dict[str, tuple[str, Check | _Convert | None]] | None] = {}
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
        _required[cls] = frozenset(
            key for key, (name, _) in (plan or {}).items() if cls.model_fields[name].is_required()
        )
    if plan is None or not _required[cls] <= data.keys():
        return None  # validation says which field is missing
    # Keys that are no field: validation drops them where the model ignores extras.
    ignored = cls.model_config.get("extra", "ignore") == "ignore"
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key not in plan:
            if ignored:
                continue
            return None
        name, check = plan[key]
        if check is None:
            return None
        if isinstance(check, _Convert):
            # Validation builds this value (a nested model, JSON containers): so does this.
            value = check.convert(value)
            if value is _NO:
                return None
        elif not check(value):
            return None
        values[name] = _fresh(value)
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


_opted: dict[type, int | None] = {}  # marked class -> how many objects (None: all)
_made: dict[type, int] = {}  # marked class -> objects made quickly in this process


def quick_construction(cls: type[Model]) -> type[Model]:
    """Class decorator: ``cls(**values)`` tries :func:`quick_construct` first (its metaclass
    must be :class:`QuickMeta`). Only for the few objects a conversion makes before any
    validator is built: made in bulk (a Word per word), validation is the faster way."""
    _opted[cls] = None
    return cls


def quick_construction_up_to(objects: int) -> Callable[[type[Model]], type[Model]]:
    """:func:`quick_construction` for the first ``objects`` objects of a class in a process,
    for a class made a few at a time as a rule but at times in bulk (a diagnostic for every
    word of a long file): the validator, built once and faster per object, makes the rest."""

    def mark(cls: type[Model]) -> type[Model]:
        _opted[cls] = objects
        return cls

    return mark


class QuickMeta(ModelMetaclass):
    """Makes ``Model(**values)`` of a class marked :func:`quick_construction` go through
    :func:`quick_construct` first."""

    def __call__(cls, *args: Any, **data: Any) -> Any:
        if not args and cls in _opted:
            limit = _opted[cls]
            if limit is None or _made.get(cls, 0) < limit:
                made = quick_construct(cast("type[BaseModel]", cls), data)
                if made is not None:
                    _made[cls] = _made.get(cls, 0) + 1
                    return made
        return super().__call__(*args, **data)


def _plan(cls: type[BaseModel]) -> dict[str, tuple[str, Check | _Convert | None]] | None:
    """Per key a value is given under (a field's alias, else its name): the field's name and
    check (None for a field whose values it cannot judge: given, it is validated); None when
    the model has anything the checks cannot mirror."""
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
    plan: dict[str, tuple[str, Check | _Convert | None]] = {}
    for name, field in cls.model_fields.items():
        # Validation reads a field under its alias only (the name is then an unknown key).
        key = field.alias if field.alias is not None else name
        if not isinstance(key, str) or field.validation_alias not in (None, key):
            return None  # a value may be given under another name (or path)
        plan[key] = (name, _field_check(field))
    return plan


def _field_check(field: FieldInfo) -> Check | _Convert | None:
    return _constrained(field.annotation, field.metadata)


def _constrained(annotation: Any, metadata: list[Any]) -> Check | _Convert | None:
    """The check of ``annotation`` under the constraints and ``after`` validators of
    ``metadata`` (a field's, or an ``Annotated`` type's); None for anything else there."""
    bounds: list[tuple[Callable[[Any, Any], bool], Any]] = []
    lengths: list[tuple[Callable[[Any, Any], bool], Any]] = []
    afters: list[Callable[[Any], Any]] = []
    befores: list[Callable[[Any], Any]] = []
    # Field(...) inside Annotated[...] holds its constraints as metadata of its own.
    items = [x for i in metadata for x in (i.metadata if isinstance(i, FieldInfo) else [i])]
    for item in items:
        if type(item) in _BOUNDS:
            bounds.append((_BOUNDS[type(item)], item))
        elif type(item) in _LENGTHS:
            lengths.append((_LENGTHS[type(item)], item))
        elif isinstance(item, Strict) or (isinstance(item, AllowInfNan) and not item.allow_inf_nan):
            continue  # the checks below are as strict, and take finite floats only
        elif isinstance(item, AfterValidator) and _one_argument(item.func):
            afters.append(cast("Callable[[Any], Any]", item.func))
        elif isinstance(item, BeforeValidator) and _one_argument(item.func) and not befores:
            befores.append(cast("Callable[[Any], Any]", item.func))
        else:
            return None
    check = _type_check(annotation, bounds, lengths)
    if check is None or not (afters or befores):
        return check
    base = _as_convert(check)

    def convert(value: Any) -> Any:
        # A ``before`` validator gets the value as given (AWS Transcribe's numbers in strings)
        # and what it returns is checked as the field's type, as validation does.
        for before in befores:
            try:
                value = before(value)
            except (ValueError, AssertionError):
                return _NO
        made = base.convert(value)
        if made is _NO:
            return _NO
        # The validators run on the value as validation would give it; one that changes
        # the value (or refuses it: validation then says why) is left to validation.
        for after in afters:
            try:
                if after(made) is not made:
                    return _NO
            except (ValueError, AssertionError):
                return _NO
        return made

    return _Convert(convert)


def _one_argument(func: Callable[..., Any]) -> bool:
    """Whether a field validator takes the value alone (no validation info)."""
    try:
        parameters = inspect.signature(func).parameters.values()
    except (TypeError, ValueError):
        return False
    return [p.kind for p in parameters] == [inspect.Parameter.POSITIONAL_OR_KEYWORD]


def _type_check(
    annotation: Any,
    bounds: list[tuple[Callable[[Any, Any], bool], Any]],
    lengths: list[tuple[Callable[[Any, Any], bool], Any]],
) -> Check | _Convert | None:
    """The check of one annotation: exact types only (pydantic would convert the others)."""
    if annotation is Any and not bounds and not lengths:
        return lambda value: True
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        members = [_type_check(member, bounds, lengths) for member in get_args(annotation)]
        if any(member is None for member in members):
            return None
        checks = [member for member in members if member is not None]
        if not any(isinstance(check, _Convert) for check in checks):
            plain = cast("list[Check]", checks)
            return lambda value: any(check(value) for check in plain)
        if sum(isinstance(check, _Convert) for check in checks) > 1:
            return None  # two members may take the same dict: validation picks the best fit
        # A member that takes the value as it is first: validation prefers the exact type
        # (3 stays an int in ``float | int``).
        ordered = sorted(checks, key=lambda check: isinstance(check, _Convert))
        converts = [_as_convert(check) for check in ordered]

        def first(value: Any) -> Any:
            for member in converts:
                made = member.convert(value)
                if made is not _NO:
                    return made
            return _NO

        return _Convert(first)
    if annotation is type(None):
        return lambda value: value is None
    if annotation is bool:
        return lambda value: type(value) is bool
    if annotation is int:
        return lambda value: type(value) is int and all(ok(b, value) for ok, b in bounds)
    if annotation is float:

        def as_float(value: Any) -> Any:
            # Validation takes an int for a float field (strict too) and gives the float.
            if type(value) is int and -_EXACT_INT <= value <= _EXACT_INT:
                value = float(value)
            elif type(value) is not float:
                return _NO
            if not math.isfinite(value) or not all(ok(b, value) for ok, b in bounds):
                return _NO
            return value

        return _Convert(as_float)
    if origin is Annotated and not bounds and not lengths:
        base, *metadata = get_args(annotation)
        return _constrained(base, metadata)
    if annotation is str:
        return lambda value: type(value) is str and all(ok(b, value) for ok, b in lengths)
    if origin is Literal:
        choices = get_args(annotation)
        return lambda value: any(type(value) is type(c) and value == c for c in choices)
    if annotation is JsonValue and not bounds and not lengths:
        return _Convert(_json)
    if origin is dict and get_args(annotation) == (str, JsonValue) and not bounds:
        return _Convert(
            lambda value: (
                _json(value)
                if type(value) is dict and all(ok(b, value) for ok, b in lengths)
                else _NO
            )
        )
    if isinstance(annotation, type) and issubclass(annotation, BaseModel) and not bounds:
        model = annotation
        return _Convert(lambda value: _nested(model, value))
    if origin is list and not bounds:
        item = _type_check(get_args(annotation)[0], [], [])
        if item is None:
            return None
        each = _as_convert(item)

        def items(value: Any) -> Any:
            if type(value) is not list or not all(ok(b, value) for ok, b in lengths):
                return _NO
            made = [each.convert(element) for element in value]
            return _NO if any(element is _NO for element in made) else made

        return _Convert(items)
    if origin in (list, dict):
        return lambda value: (
            type(value) is origin and not value and all(ok(b, value) for ok, b in lengths)
        )
    return None


class _Convert:
    """A field's check where validation builds the value (JSON containers, a nested model,
    a list of them): ``convert(value)`` gives what validation gives, or :data:`_NO`."""

    __slots__ = ("convert",)

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert


def _as_convert(check: Check | _Convert) -> _Convert:
    if isinstance(check, _Convert):
        return check
    return _Convert(lambda value: _fresh(value) if check(value) else _NO)


def _fresh(value: Any) -> Any:
    """A value as validation gives it back: an empty list or dict (the only ones a plain
    check passes) is a new one; anything else is kept as it is (an ``Any`` value too)."""
    if type(value) in (list, dict) and not value:
        return type(value)()
    return value


def _nested(model: type[BaseModel], value: Any) -> Any:
    """A nested model given as a dict, made as :func:`quick_construct` makes it."""
    if type(value) is not dict:
        return _NO  # a model object: validation may revalidate or copy it
    made = quick_construct(model, value)
    return _NO if made is None else made


# Deeper documents are left to validation (and its recursion guard).
_JSON_DEPTH = 64


def _json(value: Any, depth: int = 0) -> Any:
    """What ``JsonValue`` makes of ``value``, in one pass: None, bool, int, float or str as they
    are (exact types, any value: validation takes NaN, huge ints and lone surrogates too), a
    list or dict (exact, with str keys) of such values as a copy with its own containers, as
    validation returns it; :data:`_NO` for anything else."""
    kind = type(value)
    if value is None or kind is bool or kind is int or kind is float or kind is str:
        return value
    if depth >= _JSON_DEPTH:
        return _NO
    if kind is list:
        items = [_json(item, depth + 1) for item in value]
        return _NO if any(item is _NO for item in items) else items
    if kind is dict:
        if not all(type(key) is str for key in value):
            return _NO
        copy = {key: _json(item, depth + 1) for key, item in value.items()}
        return _NO if any(item is _NO for item in copy.values()) else copy
    return _NO
