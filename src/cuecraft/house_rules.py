"""House rules: segmentation rules and writer options kept in one TOML or JSON file.

A post house keeps its subtitle standard in a file and passes it with ``--rules``::

    description = "Our broadcast house style"

    [rules]                      # any field of cuecraft.Rules
    max_chars_per_row = 37
    max_row_seconds = "none"     # TOML has no null: the string "none" switches a limit off

    [writers.stl]                # the options model of each writer, by writer name
    frame_rate = 25

Everything is validated when the file is loaded, and an error names the file and the key
(``house.toml: rules.max_rows: ...``). Shipped presets live in ``cuecraft/presets/*.toml``
and are loaded by name (:func:`resolve`). TOML needs Python 3.11 (``tomllib``) or the
``tomli`` backport on 3.10; JSON works everywhere.
"""

from __future__ import annotations

import json
import os
import sys
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cuecraft.api import make_options
from cuecraft.errors import RulesError
from cuecraft.segment import Rules
from cuecraft.writers import WRITERS, get_writer

__all__ = [
    "HouseRules",
    "HouseRulesError",
    "PresetInfo",
    "list_presets",
    "load",
    "loads",
    "merge",
    "preset_text",
    "resolve",
]

MAX_FILE_BYTES = 1024 * 1024
"""A house rules file is a few lines; anything bigger is refused."""

_TOP_LEVEL = ("description", "rules", "writers")
_NONE_WORD = "none"


class HouseRulesError(RulesError):
    """A house rules file that cannot be read or holds an invalid value.

    Attributes:
        source: the file name (or preset name).
        field: the dotted key of the problem (``rules.max_rows``, ``writers.srt.eol``), if any.
    """

    def __init__(self, message: str, *, source: str, field: str | None = None) -> None:
        self.source = source
        super().__init__(message, field=field)
        where = [part for part in (source, field) if part]
        Exception.__init__(self, ": ".join([*where, message]))


@dataclass(frozen=True)
class HouseRules:
    """Validated house rules.

    Attributes:
        rules: the segmentation rules (fields not in the file keep their defaults; the ones
            it set are ``rules.model_fields_set``, which writers respect while they fit the
            others to their display).
        writer_options: writer name -> validated options model, for the writers named.
        rule_values: the rule fields the file set explicitly (what a merge starts from).
        writer_values: writer name -> the option values the file set explicitly.
        source: the file or preset the rules came from.
        description: the file's ``description``, if any.
    """

    rules: Rules = field(default_factory=Rules)
    writer_options: Mapping[str, BaseModel] = field(default_factory=dict)
    rule_values: Mapping[str, Any] = field(default_factory=dict)
    writer_values: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: str = "<defaults>"
    description: str | None = None

    def options_for(self, writer: str) -> BaseModel | None:
        """The validated options for ``writer``, or None when the file names none."""
        return self.writer_options.get(writer)


@dataclass(frozen=True)
class PresetInfo:
    """A shipped preset: its name and one-line description."""

    name: str
    description: str


def _parse_toml(text: str, source: str) -> Any:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        try:
            import tomli as tomllib
        except ImportError:
            raise HouseRulesError(
                "reading TOML on Python 3.10 needs the 'tomli' package; "
                "install it or write the house rules as JSON",
                source=source,
            ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise HouseRulesError(f"invalid TOML: {exc}", source=source) from exc


def _parse_json(text: str, source: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise HouseRulesError(
            f"invalid JSON: {exc.msg} (at line {exc.lineno}, column {exc.colno})", source=source
        ) from exc
    except RecursionError as exc:
        raise HouseRulesError("invalid JSON: nested too deeply", source=source) from exc


def _nullable(model: type[BaseModel], name: str) -> bool:
    annotation = model.model_fields[name].annotation
    return annotation is type(None) or type(None) in typing.get_args(annotation)


def _values(
    model: type[BaseModel], table: Any, *, source: str, prefix: str, toml: bool
) -> dict[str, Any]:
    """The table's values checked for unknown keys, with ``"none"`` -> None in TOML."""
    if not isinstance(table, dict):
        raise HouseRulesError(
            f"must be a table of options, got {type(table).__name__}", source=source, field=prefix
        )
    known = sorted(model.model_fields)
    values: dict[str, Any] = {}
    for key, value in table.items():
        if key not in model.model_fields:
            raise HouseRulesError(
                f"unknown option; known: {', '.join(known)}", source=source, field=f"{prefix}.{key}"
            )
        if (
            toml
            and isinstance(value, str)
            and value.lower() == _NONE_WORD
            and _nullable(model, key)
        ):
            value = None
        values[key] = value
    return values


def _build_rules(values: Mapping[str, Any], *, source: str) -> Rules:
    try:
        return Rules(**values)
    except RulesError as exc:
        raise HouseRulesError(
            exc.reason, source=source, field=f"rules.{exc.field}" if exc.field else "rules"
        ) from None


def _build_options(name: str, values: Mapping[str, Any], *, source: str) -> BaseModel:
    try:
        return make_options(WRITERS[name], values)
    except RulesError as exc:
        key = f"writers.{name}" + (f".{exc.field}" if exc.field else "")
        raise HouseRulesError(exc.reason, source=source, field=key) from None


def _from_document(doc: Any, *, source: str, toml: bool) -> HouseRules:
    if not isinstance(doc, dict):
        raise HouseRulesError(
            f"expected a table (object) at the top, got {type(doc).__name__}", source=source
        )
    for key in doc:
        if key not in _TOP_LEVEL:
            raise HouseRulesError(
                f"unknown key; expected {', '.join(_TOP_LEVEL)}", source=source, field=key
            )
    description = doc.get("description")
    if description is not None and not isinstance(description, str):
        raise HouseRulesError("must be a string", source=source, field="description")
    rule_values = _values(Rules, doc.get("rules", {}), source=source, prefix="rules", toml=toml)
    rules = _build_rules(rule_values, source=source)
    writers_table = doc.get("writers", {})
    if not isinstance(writers_table, dict):
        raise HouseRulesError("must be a table of writer tables", source=source, field="writers")
    writer_values: dict[str, dict[str, Any]] = {}
    writer_options: dict[str, BaseModel] = {}
    for name, table in writers_table.items():
        if name not in WRITERS:
            raise HouseRulesError(
                f"unknown writer; known: {', '.join(sorted(WRITERS))}",
                source=source,
                field=f"writers.{name}",
            )
        spec = WRITERS[name]
        values = _values(spec.options, table, source=source, prefix=f"writers.{name}", toml=toml)
        writer_values[name] = values
        writer_options[name] = _build_options(name, values, source=source)
    return HouseRules(
        rules=rules,
        writer_options=writer_options,
        rule_values=rule_values,
        writer_values=writer_values,
        source=source,
        description=description,
    )


def loads(text: str, *, format: str, source: str = "<string>") -> HouseRules:
    """Validate house rules given as TOML or JSON text.

    Args:
        text: the file's content.
        format: ``"toml"`` or ``"json"``.
        source: a label for error messages.

    Raises:
        HouseRulesError: naming the source and the key of the first problem.
    """
    if format == "toml":
        doc = _parse_toml(text, source)
    elif format == "json":
        doc = _parse_json(text, source)
    else:
        raise HouseRulesError(
            f"unknown house rules format {format!r}; use toml or json", source=source
        )
    return _from_document(doc, source=source, toml=format == "toml")


def load(path: str | os.PathLike[str]) -> HouseRules:
    """Load a house rules file; ``.json`` is JSON, anything else TOML.

    Raises:
        HouseRulesError: for a missing, oversized or invalid file, naming file and key.
    """
    source = str(path)
    try:
        size = Path(path).stat().st_size
        if size > MAX_FILE_BYTES:
            raise HouseRulesError(
                f"file is {size} bytes; house rules are at most 1 MiB", source=source
            )
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise HouseRulesError("no such file", source=source) from None
    except IsADirectoryError:
        raise HouseRulesError("is a directory, not a file", source=source) from None
    except OSError as exc:
        raise HouseRulesError(f"cannot read: {exc.strerror or exc}", source=source) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise HouseRulesError(f"not UTF-8 text (byte {exc.start})", source=source) from None
    kind = "json" if source.lower().endswith(".json") else "toml"
    return loads(text, format=kind, source=source)


def _preset_files() -> dict[str, Any]:
    folder = resources.files("cuecraft") / "presets"
    return {
        entry.name.removesuffix(".toml"): entry
        for entry in folder.iterdir()
        if entry.name.endswith(".toml")
    }


def preset_text(name: str) -> str:
    """The TOML text of a shipped preset (comments included: they cite the sources).

    Raises:
        HouseRulesError: for an unknown preset, listing the known ones.
    """
    files = _preset_files()
    if name not in files:
        raise HouseRulesError(
            f"unknown preset; known: {', '.join(sorted(files))}", source=name or "<preset>"
        )
    text: str = files[name].read_text(encoding="utf-8")
    return text


def list_presets() -> list[PresetInfo]:
    """The shipped presets, sorted by name, with their descriptions."""
    presets = []
    for name in sorted(_preset_files()):
        house = loads(preset_text(name), format="toml", source=f"preset {name}")
        presets.append(PresetInfo(name=name, description=house.description or ""))
    return presets


def resolve(spec: str | os.PathLike[str]) -> HouseRules:
    """House rules from a file path, or from a shipped preset's name.

    An existing file wins over a preset of the same name; a name with no file and no preset
    is an error listing the presets.

    Raises:
        HouseRulesError: for a missing or invalid file, or an unknown preset.
    """
    path = Path(spec)
    if path.exists() or path.suffix.lower() in (".toml", ".json") or len(path.parts) > 1:
        return load(path)
    name = str(spec)
    files = _preset_files()
    if name not in files:
        raise HouseRulesError(
            f"no such file, and no preset of that name; presets: {', '.join(sorted(files))}",
            source=name,
        )
    return loads(preset_text(name), format="toml", source=f"preset {name}")


def _explicit(values: BaseModel | Mapping[str, Any] | None) -> dict[str, Any]:
    if values is None:
        return {}
    if isinstance(values, BaseModel):
        return {name: getattr(values, name) for name in values.model_fields_set}
    return dict(values)


def merge(
    house: HouseRules | None,
    rule_values: Rules | Mapping[str, Any] | None = None,
    writer_values: Mapping[str, BaseModel | Mapping[str, Any]] | None = None,
) -> HouseRules:
    """House rules with explicit overrides (command-line flags) on top.

    Args:
        house: the house rules (None: the defaults).
        rule_values: rule fields to override (only the ones the user gave); a ``Rules``
            instance contributes the fields set explicitly (``model_fields_set``).
        writer_values: writer name -> option values to override (a mapping, or an options
            model whose explicitly set fields are taken).

    Raises:
        RulesError: when the merged values are invalid or inconsistent (naming the field).
        UnknownFormatError: for an unknown writer name.
    """
    base = house or HouseRules()
    merged_rules = {**base.rule_values, **_explicit(rule_values)}
    merged_writers = {name: dict(values) for name, values in base.writer_values.items()}
    for name, values in (writer_values or {}).items():
        merged_writers.setdefault(name, {}).update(_explicit(values))
    options = {
        name: make_options(get_writer(name), values) for name, values in merged_writers.items()
    }
    return HouseRules(
        rules=Rules(**merged_rules),
        writer_options=options,
        rule_values=merged_rules,
        writer_values=merged_writers,
        source=base.source,
        description=base.description,
    )
