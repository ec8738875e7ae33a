"""``cuecraft formats``: the registered readers and writers, with their extensions and flags."""

from __future__ import annotations

import argparse
import json
from typing import Any

from cuecraft.commands._common import Subparsers, add_debug_flag, flag_table
from cuecraft.readers import READERS
from cuecraft.writers import WRITERS

__all__ = ["add_parser", "describe", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``formats`` sub-parser."""
    parser = subparsers.add_parser(
        "formats",
        help="list the input and output formats",
        description="List the readers (input formats) and writers (output formats).",
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of a table")
    add_debug_flag(parser)


def _jsonable(value: Any) -> Any:
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def describe() -> dict[str, list[dict[str, Any]]]:
    """Readers and writers as plain data (what ``--json`` prints)."""
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
            "name": name,
            "extensions": list(spec.extensions),
            "description": spec.description,
            "kind": spec.kind,
        }
        for name, spec in READERS.items()
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


def run(args: argparse.Namespace) -> int:
    """Print the formats; returns 0."""
    data = describe()
    if args.json:
        print(json.dumps(data, indent=2, ensure_ascii=False))
        return 0
    lines = ["readers (--from):", *_table(data["readers"]), "", "writers (--to):"]
    lines += _table(data["writers"])
    print("\n".join(lines))
    return 0
