"""``cuecraft convert``: one transcript in, one subtitle file or document out.

    cuecraft convert interview.json -o interview.srt --max-chars-per-row 37
    cuecraft convert - -o - -t vtt --speaker-labels voice < interview.json > interview.vtt
    cuecraft convert call.json -o call.srt --speaker-names "Zoë,José" --language es

The output format comes from the output's extension unless ``--to`` names it. Every rule and
writer-option flag is generated (see :mod:`cuecraft.commands._flags`).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from cuecraft._gc import paused_gc
from cuecraft.api import load_words, write, writer_for
from cuecraft.columns import WordTable
from cuecraft.commands._common import Subparsers, UsageError, add_debug_flag
from cuecraft.commands._reader_flags import add_reader_flags, reader_flag, reader_options
from cuecraft.commands._report import print_diagnostics
from cuecraft.commands._setting_flags import add_setting_flags
from cuecraft.commands._settings import resolve_settings, settings_from_args
from cuecraft.commands.formats import HelpFormatAction
from cuecraft.commands.rules import add_house_rules_flag, add_input_flags
from cuecraft.errors import UnknownFormatError
from cuecraft.readers import READERS
from cuecraft.writers import WriterSpec

__all__ = ["add_parser", "add_strictness_flags", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``convert`` sub-parser."""
    parser = subparsers.add_parser(
        "convert",
        help="convert a transcript to subtitles or a document",
        usage="%(prog)s INPUT -o OUTPUT [-f READER] [-t WRITER] [options]",
        description=(
            "Read a word-timed transcript (format detected unless -f is given), segment it "
            "for subtitle formats, and write it whole or not at all. - is standard input or "
            "output. Each format's options: cuecraft formats NAME or --help-format NAME."
        ),
    )
    parser.add_argument("input", metavar="INPUT", help="transcript file, or - for standard input")
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        metavar="OUTPUT",
        help="output file (its extension picks the format), or - for standard output",
    )
    parser.add_argument(
        "-f", "--from", dest="from_format", metavar="READER", help="input format (any case)"
    )
    parser.add_argument(
        "-t", "--to", dest="to_format", metavar="WRITER", help="output format, e.g. srt, WebVTT"
    )
    parser.add_argument("--help-format", action=HelpFormatAction)
    add_house_rules_flag(parser)
    add_strictness_flags(parser, lenient="repair what can be repaired and report it as warnings")
    add_input_flags(parser)
    add_reader_flags(parser)
    add_debug_flag(parser)
    add_setting_flags(parser)


def add_strictness_flags(parser: argparse.ArgumentParser, *, lenient: str) -> None:
    """``--strict`` (the default) or ``--lenient`` (dest ``strict``); ``lenient`` is its help."""
    strictness = parser.add_mutually_exclusive_group()
    strictness.add_argument(
        "--strict",
        dest="strict",
        action="store_true",
        default=True,
        help="refuse input with timing problems beyond the repair tolerance (default)",
    )
    strictness.add_argument("--lenient", dest="strict", action="store_false", help=lenient)


def _writer(args: argparse.Namespace) -> WriterSpec:
    if args.output == "-" and args.to_format is None:
        raise UsageError("writing to standard output (-o -) needs -t/--to WRITER")
    spec = writer_for(args.output, args.to_format)
    if args.output == "-" and spec.binary and _is_terminal(sys.stdout):
        raise UsageError(
            f"{spec.name} is a binary format: not written to a terminal; "
            "redirect standard output (> file) or give -o FILE"
        )
    return spec


def _is_terminal(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty()) if callable(isatty) else False
    except (OSError, ValueError):
        return False


def run(args: argparse.Namespace) -> int:
    """Convert ``args.input`` to ``args.output``; returns the exit status."""
    # Reading and segmenting pause the collector already; the writer and the glue between
    # them build only objects that live until the output is written (issue #12).
    with paused_gc():
        return _convert(args)


def _convert(args: argparse.Namespace) -> int:
    spec = _writer(args)
    settings = settings_from_args(args, spec)
    rules, options = resolve_settings(spec, settings, args.house_rules)
    given = reader_options(args)
    try:
        transcript = _load(args, given)
    except UnknownFormatError as exc:
        if exc.format not in given:
            raise
        flag, _, _ = reader_flag(exc.format)
        users = sorted(info.name for info in READERS.infos() if exc.format in info.options)
        raise UsageError(
            f"{flag} does not apply to this input ({exc.what.split()[-1].rstrip(':')}); "
            f"it is for {', '.join(users)} input"
        ) from exc
    print_diagnostics(transcript.diagnostics)
    notes = write(transcript, args.output, spec.name, rules=rules, options=options)
    print_diagnostics(notes)
    return 0


def _load(args: argparse.Namespace, given: dict[str, Any]) -> WordTable:
    # The words as columns: a conversion builds no model object per word (issue #12).
    return load_words(
        sys.stdin.buffer if args.input == "-" else args.input,
        args.from_format,
        strict=args.strict,
        source="<stdin>" if args.input == "-" else None,
        max_bytes=args.max_bytes,
        max_memory_bytes=args.max_memory,
        encoding=args.input_encoding,
        **given,
    )
