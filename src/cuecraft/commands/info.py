"""``cuecraft info``: what a transcript file holds, and what cuecraft could not map.

    cuecraft info interview.json
    cuecraft info interview.json --format json

Reports the detected vendor, language, duration, words, speakers, the confidence
distribution, the vendor metadata kept, the reader's diagnostics and the fields the reader
ignores (see :mod:`cuecraft.tools.info`). The file is read leniently by default, so that what was
repaired is shown rather than refused; ``--strict`` reads it as ``convert`` does.
"""

from __future__ import annotations

import argparse
import json
import sys

from cuecraft.commands._common import Subparsers, add_debug_flag
from cuecraft.commands.rules import add_max_bytes_flag
from cuecraft.tools.info import describe, iter_lines

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``info`` sub-parser."""
    parser = subparsers.add_parser(
        "info",
        help="describe a transcript: vendor, words, speakers, confidence, unmapped content",
        description=(
            "Describe a transcript file: detected vendor, language, duration, words, speakers, "
            "confidence distribution, and what cuecraft could not map (diagnostics, fields the "
            "reader ignores)."
        ),
    )
    parser.add_argument("file", metavar="FILE", help="a transcript or subtitle file")
    parser.add_argument(
        "--from", dest="from_format", metavar="READER", help="input format (default: detected)"
    )
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or JSON"
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="read strictly, as convert does (default: lenient, showing repairs)",
    )
    add_max_bytes_flag(parser)
    add_debug_flag(parser)


def run(args: argparse.Namespace) -> int:
    """Describe ``args.file``; returns 0 (a file that cannot be read raises InputError)."""
    info = describe(args.file, args.from_format, strict=args.strict, max_bytes=args.max_bytes)
    if args.format == "json":
        json.dump(info.to_dict(), sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for line in iter_lines(info):
            print(line)
    return 0
