"""``cuecraft rules``: the shipped house-rules presets, and validation of a house rules file.

    cuecraft rules --list
    cuecraft rules --show netflix-en > house.toml      # a commented starting point
    cuecraft rules --validate house.toml               # every value, checked and resolved

Also the flags that commands applying house rules or reading inputs share: ``--rules``,
``--max-bytes``, and for the converting commands ``--max-memory`` and ``--input-encoding``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import TYPE_CHECKING, Any

from cuecraft._limits import MAX_INPUT_BYTES
from cuecraft.commands._common import Subparsers, add_debug_flag

if TYPE_CHECKING:
    from cuecraft import house_rules

__all__ = [
    "add_house_rules_flag",
    "add_input_flags",
    "add_max_bytes_flag",
    "add_parser",
    "parse_size",
    "run",
]

_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def parse_size(text: str) -> int:
    """A byte count: ``1048576``, ``512k``, ``100M``, ``2G`` (binary units)."""
    match = re.fullmatch(r"\s*(\d+)\s*([kmgKMG]?)(?:i?[bB])?\s*", text)
    if not match:
        raise argparse.ArgumentTypeError(f"expected a size like 100M or 2G, got {text!r}")
    value = int(match.group(1)) * _UNITS[match.group(2).lower()]
    if value < 1:
        raise argparse.ArgumentTypeError("the size must be at least 1 byte")
    return value


def add_max_bytes_flag(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes SIZE``: refuse inputs larger than this (``api.MAX_INPUT_BYTES``)."""
    parser.add_argument(
        "--max-bytes",
        type=parse_size,
        default=MAX_INPUT_BYTES,
        metavar="SIZE",
        help=f"refuse inputs larger than this, e.g. 50M (default: {MAX_INPUT_BYTES // 1024**2}M)",
    )


def add_input_flags(parser: argparse.ArgumentParser) -> None:
    """``--max-bytes``, ``--max-memory`` and ``--input-encoding``: how inputs are read.

    They are ``load()``'s ``max_bytes``, ``max_memory_bytes`` and ``encoding``.
    """
    add_max_bytes_flag(parser)
    parser.add_argument(
        "--max-memory",
        type=parse_size,
        default=None,
        metavar="SIZE",
        help="refuse an input needing more memory than this, e.g. 4G (default: all of it)",
    )
    parser.add_argument(
        "--input-encoding",
        metavar="ENCODING",
        default=None,
        help="text encoding of subtitle input, e.g. cp1252 (default: detected)",
    )


def add_house_rules_flag(parser: argparse.ArgumentParser) -> None:
    """``--rules FILE|PRESET`` (dest ``house_rules``), as ``convert`` has it."""
    parser.add_argument(
        "--rules",
        dest="house_rules",
        metavar="FILE|PRESET",
        help="house rules (a TOML or JSON file, or a preset: see cuecraft rules --list); "
        "flags override it",
    )


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``rules`` sub-parser."""
    parser = subparsers.add_parser(
        "rules",
        help="list, show and validate house rules (presets and files)",
        description=(
            "House rules hold every segmentation rule and writer option in a TOML or JSON "
            "file ([rules] and [writers.<name>] tables); --rules uses one in convert, batch "
            "and check. Shipped presets can be listed, printed (with the source of each "
            "value) and used as a starting point."
        ),
    )
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--list", action="store_true", help="list the shipped presets")
    action.add_argument(
        "--show", metavar="PRESET", help="print a preset's TOML, comments and sources included"
    )
    action.add_argument(
        "--validate",
        metavar="FILE|PRESET",
        help="check a house rules file and print every resolved value",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="output for --list and --validate (default: text)",
    )
    add_debug_flag(parser)


def _resolved(house: house_rules.HouseRules) -> dict[str, Any]:
    return {
        "source": house.source,
        "description": house.description,
        "rules": house.rules.model_dump(mode="json"),
        "set_by_file": sorted(house.rules.model_fields_set),
        "writers": {
            name: options.model_dump(mode="json") for name, options in house.writer_options.items()
        },
    }


def _toml_value(value: Any) -> str:
    if value is None:
        return '"none"'
    return json.dumps(value, ensure_ascii=False)


def run(args: argparse.Namespace) -> int:
    """List, show or validate house rules; returns 0 (errors raise HouseRulesError)."""
    # Imported here: convert and batch import this module for its flags, and house rules
    # load every writer's options (issue #12: lean start-up).
    from cuecraft import house_rules

    if args.list:
        presets = house_rules.list_presets()
        if args.format == "json":
            json.dump(
                [{"name": p.name, "description": p.description} for p in presets],
                sys.stdout,
                indent=2,
            )
            sys.stdout.write("\n")
        else:
            width = max((len(p.name) for p in presets), default=0)
            for preset in presets:
                print(f"{preset.name:<{width}}  {preset.description}")
        return 0
    if args.show is not None:
        sys.stdout.write(house_rules.preset_text(args.show))
        return 0
    house = house_rules.resolve(args.validate)
    resolved = _resolved(house)
    if args.format == "json":
        json.dump(resolved, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    print(f"# {house.source}: valid" + (f" - {house.description}" if house.description else ""))
    print("# every value in effect; '# default' marks those the file does not set")
    print("[rules]")
    for name, value in resolved["rules"].items():
        mark = "" if name in house.rules.model_fields_set else "  # default"
        print(f"{name} = {_toml_value(value)}{mark}")
    for name, values in resolved["writers"].items():
        print(f"\n[writers.{name}]")
        for key, value in values.items():
            set_here = key in house.writer_values.get(name, {})
            mark = "" if set_here else "  # default"
            print(f"{key} = {_toml_value(value)}{mark}")
    return 0
