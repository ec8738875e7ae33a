"""Flags back to settings: the rule and writer-option values a command line asked for,
validated by the models themselves, merged with house rules (``--rules``).

An invalid value is a :class:`~cuecraft.commands._common.UsageError` naming the field and
its flag.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, NamedTuple

from pydantic import BaseModel, TypeAdapter, ValidationError

from cuecraft._quick import UNSURE, quick_from_string
from cuecraft.commands._common import UsageError
from cuecraft.commands._flags import RULES, Flag, FlagTable, Target, flag_table, token
from cuecraft.commands._setting_flags import table_for
from cuecraft.errors import RulesError
from cuecraft.segment import Rules
from cuecraft.writers import WriterSpec

if TYPE_CHECKING:
    from cuecraft.house_rules import HouseRules

__all__ = [
    "Settings",
    "build_options",
    "build_rules",
    "explain_rules_error",
    "resolve_settings",
    "settings_from_args",
]


class Settings(NamedTuple):
    """What the flags asked for: rule values and writer option values, not yet validated."""

    rule_values: Mapping[str, Any]
    option_values: Mapping[str, Any]


def _coerce(flag: Flag, target: Target, raw: Any) -> Any:
    if raw is None or isinstance(raw, bool):
        return raw
    if target.kind == "choice":
        for choice in target.choices:
            if raw in (token(choice), str(choice)) or (
                isinstance(choice, (int, float)) and raw == f"{choice}s"
            ):
                return choice
        known = ", ".join(token(choice) for choice in target.choices)
        owner = "rules" if target.owner == RULES else f"the {target.owner} writer"
        raise UsageError(f"{flag.option}: {raw!r} is not valid for {owner}; choose from {known}")
    quick = quick_from_string(target.annotation, raw)
    if quick is not UNSURE:
        return quick
    try:
        return TypeAdapter(target.annotation).validate_strings(raw)
    except ValidationError as exc:
        raise UsageError(f"{flag.option}: {exc.errors()[0]['msg']} (got {raw!r})") from None


def _applies(target: Target, spec: WriterSpec) -> bool:
    return target.owner == spec.name or (target.owner == RULES and spec.takes == "cues")


def settings_from_args(
    args: argparse.Namespace, spec: WriterSpec, table: FlagTable | None = None
) -> Settings:
    """The rule and option values the user gave, for the chosen writer.

    Raises:
        UsageError: for a flag that the writer does not use, or a value of the wrong type.
    """
    table = table or table_for(args, [spec])
    rule_values: dict[str, Any] = {}
    option_values: dict[str, Any] = {}
    for flag in table.flags:
        if not hasattr(args, flag.dest):
            continue
        raw = getattr(args, flag.dest)
        targets = [target for target in flag.targets if _applies(target, spec)]
        if not targets:
            if flag.owners == [RULES]:
                why = "it writes the whole transcript and never segments"
            else:
                users = [o for o in flag.owners if o != RULES]
                why = f"it is an option of {', '.join(users)}"
            raise UsageError(f"{flag.option} does not apply to the {spec.name} writer ({why})")
        for target in targets:
            values = rule_values if target.owner == RULES else option_values
            values[target.field] = _coerce(flag, target, raw)
    return Settings(rule_values, option_values)


def explain_rules_error(exc: RulesError, owner: str, table: FlagTable | None = None) -> str:
    """A RulesError's message naming both the field and its flag."""
    table = table or flag_table()
    flag = table.flag_for(owner, exc.field)
    where = exc.field or ("rules" if owner == RULES else f"{owner} options")
    if flag is not None:
        where = f"{where} ({flag.option})"
    return f"invalid {where}: {exc.reason}"


def build_rules(values: Mapping[str, Any]) -> Rules:
    """``Rules(**values)``; an invalid value is a UsageError naming the field and its flag."""
    try:
        return Rules(**values)
    except RulesError as exc:
        raise UsageError(explain_rules_error(exc, RULES)) from exc


def build_options(spec: WriterSpec, values: Mapping[str, Any]) -> BaseModel:
    """The writer's validated options; an invalid value is a UsageError naming its flag."""
    from cuecraft.api import make_options

    try:
        return make_options(spec, values)
    except RulesError as exc:
        raise UsageError(explain_rules_error(exc, spec.name)) from exc


def resolve_settings(
    spec: WriterSpec, settings: Settings, house: str | None = None
) -> tuple[Rules | None, BaseModel]:
    """Rules (None for writers that do not segment) and the writer's options.

    The one path from a command line to ``Rules``: the house rules file's values, then the
    flags on top, validated once; an invalid value is a UsageError naming the field and its
    flag. The rule fields the user chose (file or flags) are ``rules.model_fields_set``,
    which the writer's display respects (:func:`cuecraft.segment.fit.fit_rules`).

    Args:
        spec: the chosen writer.
        settings: what the flags asked for (:func:`settings_from_args`).
        house: a house rules file or preset name (``--rules``); the flags override it.

    Raises:
        UsageError: for an invalid value, naming the field and its flag.
        HouseRulesError: for a house rules file that cannot be used (naming file and key).
    """
    from_file: HouseRules | None = None
    if house is not None:
        from cuecraft import house_rules  # only for --rules: it loads every writer's options

        from_file = house_rules.resolve(house)
    rules: Rules | None = None
    if spec.takes == "cues":
        if from_file is not None and not settings.rule_values:
            rules = from_file.rules  # validated when the file was loaded
        else:
            base = from_file.rule_values if from_file is not None else {}
            rules = build_rules({**base, **settings.rule_values})
    kept = from_file.options_for(spec.name) if from_file is not None else None
    if kept is not None and not settings.option_values:
        return rules, kept
    file_options = from_file.writer_values.get(spec.name, {}) if from_file is not None else {}
    return rules, build_options(spec, {**file_options, **settings.option_values})
