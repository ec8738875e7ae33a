"""``cuecraft formats``: the registered readers and writers, with their extensions and flags.

cuecraft formats            # every reader and writer
cuecraft formats stl        # the STL reader's and writer's options, as flags
"""

from __future__ import annotations

import argparse
import json
import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cuecraft.commands._common import Subparsers, UsageError, add_debug_flag
from cuecraft.errors import UnknownFormatError
from cuecraft.readers import READERS, get_reader
from cuecraft.writers import WRITERS, get_writer

if TYPE_CHECKING:
    from cuecraft.commands._flags import Flag

# The flag machinery (pydantic, the rules, every writer's options) is imported inside the
# functions that describe options: the plain table comes from the registries' infos alone
# (issue #12: ``cuecraft formats`` imports no format module).

__all__ = ["HelpFormatAction", "add_parser", "describe", "format_help", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``formats`` sub-parser."""
    parser = subparsers.add_parser(
        "formats",
        help="list the input and output formats",
        description="List the readers (input formats) and writers (output formats).",
    )
    parser.add_argument(
        "name",
        nargs="?",
        metavar="NAME",
        help="a format (srt, WebVTT, dfxp...): show its reader's and writer's options",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_debug_flag(parser)


def _names(name: str) -> set[str]:
    found = set()
    for lookup in (get_reader, get_writer):
        try:
            found.add(lookup(name).name)
        except UnknownFormatError:
            continue
    return found


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def _listing() -> dict[str, list[dict[str, Any]]]:
    """Names, extensions and descriptions: what the table shows (no format module needed)."""
    return {
        kind: [
            {
                "name": info.name,
                "extensions": list(info.extensions),
                "description": info.description,
            }
            for info in infos
        ]
        for kind, infos in (("readers", READERS.infos()), ("writers", WRITERS.infos()))
    }


def describe() -> dict[str, list[dict[str, Any]]]:
    """Readers and writers as plain data (what ``--json`` prints)."""
    from cuecraft.commands._flags import flag_table

    table = flag_table()
    writers = []
    for name, spec in WRITERS.items():
        options = []
        for field_name, info in spec.options.model_fields.items():
            flag = table.flag_for(name, field_name)
            options.append(
                {
                    "name": field_name,
                    "flag": flag.option if flag is not None else None,
                    "default": _jsonable(info.default),
                }
            )
        writers.append(
            {
                "name": name,
                "extensions": list(spec.extensions),
                "description": spec.description,
                "takes": spec.takes,
                "binary": spec.binary,
                "options": options,
            }
        )
    readers = [
        {
            "name": info.name,
            "extensions": list(info.extensions),
            "description": info.description,
            "kind": info.kind,
        }
        for info in READERS.infos()
    ]
    return {"readers": readers, "writers": writers}


def _table(rows: list[dict[str, Any]]) -> list[str]:
    width = max((len(row["name"]) for row in rows), default=0)
    extension_width = max((len(" ".join(row["extensions"])) for row in rows), default=0)
    return [
        f"  {row['name']:<{width}}  {' '.join(row['extensions']):<{extension_width}}  "
        f"{row['description']}".rstrip()
        for row in rows
    ]


def _wrap(head: str, text: str) -> list[str]:
    if len(head) > 28:
        return [
            f"  {head}",
            *textwrap.wrap(text, 96, initial_indent=" " * 6, subsequent_indent=" " * 6),
        ]
    lines = textwrap.wrap(text, 96 - 30) or [""]
    return [f"  {head:<28}{lines[0]}", *(" " * 30 + line for line in lines[1:])]


def _flag_head(flag: Flag) -> str:
    from cuecraft.commands._flags import metavar

    if flag.is_bool:
        return f"{flag.option}/--no-{flag.key}"
    choices = flag.choices
    shape = "{" + ",".join(choices) + "}" if choices is not None else metavar(flag)
    return f"{flag.option} {shape}"


def _reader_lines(name: str) -> list[str]:
    from cuecraft.commands._flags import plain
    from cuecraft.commands._reader_flags import reader_flag

    spec = get_reader(name)
    lines = [
        f"reader {spec.name} ({' '.join(spec.extensions) or 'detected'}): "
        f"{plain(spec.description)}",
        "  options (flags of convert and batch):",
    ]
    for option in dict.fromkeys((*spec.options, "speaker_names", "language")):
        flag, shape, text = reader_flag(option)
        shown = "{" + ",".join(shape) + "}" if isinstance(shape, tuple) else shape
        lines += _wrap(f"{flag} {shown}", text)
    return lines


def _writer_lines(name: str) -> list[str]:
    from cuecraft.commands._flags import flag_help, flag_table, plain, token

    spec = get_writer(name)
    table = flag_table()
    takes = (
        "cues: the transcript is segmented with the rules (cuecraft convert --help)"
        if spec.takes == "cues"
        else "the whole transcript (never segmented)"
    )
    kind = "binary" if spec.binary else "text"
    lines = [
        f"writer {spec.name} ({' '.join(spec.extensions)}, {kind}): {plain(spec.description)}",
        f"  writes {takes}",
        "  options:",
    ]
    count = 0
    for field_name, info in spec.options.model_fields.items():
        flag = table.flag_for(spec.name, field_name)
        if flag is None:
            default = token(info.default) if info.default is not None else "unset"
            lines += _wrap(f"({field_name})", f"API only (options=); default {default}")
        else:
            lines += _wrap(_flag_head(flag), flag_help(flag).replace("%%", "%"))
        count += 1
    if not count:
        lines.append("  (none)")
    return lines


def format_help(name: str) -> str:
    """What ``cuecraft formats NAME`` prints: the reader's and the writer's options.

    Raises:
        UsageError: when no reader or writer has that name or alias.
    """
    sections: list[list[str]] = []
    for describe_one in (_reader_lines, _writer_lines):
        try:
            sections.append(describe_one(name))
        except UnknownFormatError:
            continue
    if not sections:
        known = sorted(set(READERS) | set(WRITERS))
        raise UsageError(f"no format {name!r}; known: {', '.join(known)}")
    return "\n\n".join("\n".join(lines) for lines in sections)


class HelpFormatAction(argparse.Action):
    """``--help-format NAME``: print one format's options and exit (like ``--help``)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: Any) -> None:
        kwargs.setdefault("metavar", "NAME")
        kwargs.setdefault("help", "show the options of one format (as cuecraft formats NAME)")
        super().__init__(option_strings, dest, default=argparse.SUPPRESS, **kwargs)

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        try:
            print(format_help(str(values)))
        except UsageError as exc:
            parser.error(str(exc))
        parser.exit(0)


def run(args: argparse.Namespace) -> int:
    """Print the formats (or one format's options); returns 0."""
    if args.name is not None:
        if args.json:
            data = describe()
            found = {
                kind: [row for row in rows if row["name"] in _names(args.name)]
                for kind, rows in data.items()
            }
            print(json.dumps(found, indent=2, ensure_ascii=False))
            return 0
        print(format_help(args.name))
        return 0
    if args.json:
        print(json.dumps(describe(), indent=2, ensure_ascii=False))
        return 0
    data = _listing()  # the table needs no flags: the flag table is not built
    lines = ["readers (-f/--from):", *_table(data["readers"]), "", "writers (-t/--to):"]
    lines += _table(data["writers"])
    lines += ["", "Options of one format: cuecraft formats NAME. Names are case-insensitive;"]
    lines += ["aliases: webvtt (vtt), subrip (srt), dfxp (ttml), ebu-stl (stl), youtube (sbv)."]
    print("\n".join(lines))
    return 0
