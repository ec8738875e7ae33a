"""Adding the generated rule and writer-option flags to a command's parser, and choosing
the smallest flag table that parses its command line.

The whole table (:func:`~cuecraft.commands._flags.flag_table`) comes from the rules and every
writer's options, so building it imports every writer module (a tenth of a second). A
command line that gives no rule or option flag needs none of them, and one that gives only
rule flags needs the rules' alone: a flag that writers share with the rules
(:data:`SHARED_RULE_FLAGS`) parses the same either way, and once the writer is known,
:func:`table_for` adds its side of the flag when it has one. With ``--help`` the whole table
is built, for its text.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Iterable
from typing import Any

from cuecraft.commands._flags import (
    RESERVED,
    RULES,
    Flag,
    FlagTable,
    build_flag_table,
    flag_help,
    flag_table,
    metavar,
)
from cuecraft.commands._parser import help_wanted, long_options_given
from cuecraft.segment import Rules
from cuecraft.writers import WRITERS, WriterSpec

__all__ = ["SHARED_RULE_FLAGS", "add_setting_flags", "rules_table", "table_for", "table_of"]

SHARED_RULE_FLAGS: dict[str, tuple[str, ...]] = {
    "max-chars-per-row": ("txt",),
    "frame-rate": ("adb.dfxp", "avid", "dfxp", "fcpxml", "maxqda", "premiere", "stl", "ttml"),
}
"""Rule flags that writers' options have too, and those writers (a test checks this against
the whole table, and that each parses as the rules' flag alone does): given one of them and
one of its writers, :func:`table_for` adds the writer's flags to the rules'."""

_TABLE_DEST = "setting_flags"
"""Where :func:`add_setting_flags` leaves the table its flags come from, in the namespace."""


@functools.cache
def rules_table() -> FlagTable:
    """The flags of the segmentation rules alone."""
    return build_flag_table(Rules, {}, RESERVED)


def table_of(args: argparse.Namespace) -> FlagTable:
    """The flag table the parser of ``args`` was built with (:func:`add_setting_flags`);
    the whole table for a namespace made otherwise."""
    table = getattr(args, _TABLE_DEST, None)
    return table if isinstance(table, FlagTable) else flag_table()


def _table_for_command_line(parser: argparse.ArgumentParser) -> FlagTable:
    """The smallest table that parses the command line ``parser`` is built for exactly as
    the whole table would (see the module docstring)."""
    given = long_options_given()
    if given is None or help_wanted():
        return flag_table()
    # argparse keeps every option string it knows in _option_string_actions.
    unknown = given - set(parser._option_string_actions)
    if not unknown:
        return FlagTable(())
    rules = rules_table()
    scratch = argparse.ArgumentParser(add_help=False)
    _add(scratch, rules, show_writer_options=False)
    if not unknown <= set(scratch._option_string_actions):
        return flag_table()  # a writer option, or a typo: argparse says which
    return rules


def table_for(args: argparse.Namespace, specs: Iterable[WriterSpec]) -> FlagTable:
    """:func:`table_of` ``args``, with the flags of those of the writers ``specs`` that share
    a rule flag the command line gave (:data:`SHARED_RULE_FLAGS`) where the table holds only
    the rules' side of it: the parser was built before the writer was known (``--max-chars-
    per-row`` is also the TXT writer's wrap width)."""
    table = table_of(args)
    given = [
        flag for flag in table.flags if flag.key in SHARED_RULE_FLAGS and hasattr(args, flag.dest)
    ]
    missing = sorted(
        {
            spec.name
            for flag in given
            for spec in specs
            if spec.name in SHARED_RULE_FLAGS[flag.key]
            and all(target.owner != spec.name for target in flag.targets)
        }
    )
    if not missing:
        return table
    return build_flag_table(Rules, {name: WRITERS[name] for name in missing}, RESERVED)


def add_setting_flags(
    parser: argparse.ArgumentParser,
    table: FlagTable | None = None,
    *,
    show_writer_options: bool = False,
) -> None:
    """Add the generated rule and writer-option flags to ``parser``: those of ``table``, or
    of the smallest table its command line needs (all of them when help is asked for).

    Every flag defaults to "not given" (absent from the namespace), so only what the user
    typed is applied; :func:`~cuecraft.commands._settings.settings_from_args` reads them back
    with :func:`table_of`. Writer options are not listed in ``--help`` (there are dozens):
    ``cuecraft formats NAME`` shows a writer's.
    """
    table = table if table is not None else _table_for_command_line(parser)
    parser.set_defaults(**{_TABLE_DEST: table})
    _add(parser, table, show_writer_options=show_writer_options)


def _add(parser: argparse.ArgumentParser, table: FlagTable, *, show_writer_options: bool) -> None:
    rules_group = parser.add_argument_group(
        "segmentation rules", "Limits for cutting a transcript into cues (subtitle formats only)."
    )
    writer_group = parser.add_argument_group(
        "writer options",
        "Each format's own options (--font, --eol, --creation-date...) are listed by "
        "'cuecraft formats NAME' or '--help-format NAME'.",
    )
    for flag in table.flags:
        group = rules_group if RULES in flag.owners else writer_group
        hidden = RULES not in flag.owners and not show_writer_options
        aliases, negative_aliases = flag.aliases()
        common: dict[str, Any] = {"dest": flag.dest, "default": argparse.SUPPRESS}
        # Help text is composed only when help is asked for (issue #12: lean start-up).
        helptext = (
            argparse.SUPPRESS
            if hidden or not help_wanted()
            else flag_help(flag, brief=not show_writer_options)
        )
        if flag.is_bool:
            group.add_argument(
                flag.option,
                *aliases,
                action=argparse.BooleanOptionalAction,
                help=helptext,
                **common,
            )
            continue
        target: Any = group.add_mutually_exclusive_group() if flag.negatable else group
        target.add_argument(
            flag.option,
            *aliases,
            metavar=metavar(flag) if flag.choices is None else "{" + ",".join(flag.choices) + "}",
            choices=_accepted(flag),
            help=helptext,
            **common,
        )
        if flag.negatable:
            target.add_argument(
                f"--no-{flag.key}",
                *negative_aliases,
                action="store_const",
                const=None,
                help=argparse.SUPPRESS,
                **common,
            )


def _accepted(flag: Flag) -> list[str] | None:
    """The choices argparse accepts: a number of seconds also as ``10s`` (as the help says)."""
    choices = flag.choices
    if choices is None:
        return None
    numeric = all(
        isinstance(c, (int, float)) and not isinstance(c, bool)
        for t in flag.targets
        for c in t.choices
    )
    return choices + [f"{choice}s" for choice in choices] if numeric else choices
