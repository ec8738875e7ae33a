"""The ``cuecraft`` command line: a thin argparse shell over :mod:`cuecraft.api`.

Exit status: 0 when all went well, 1 when an input (or output) failed, 2 for a usage error.
Errors are one ``cuecraft: <message>`` line on stderr (a traceback only with ``--debug``);
reader and writer diagnostics are ``warning: <message>`` lines. The commands live in
:mod:`cuecraft.commands`, one module each.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from typing import cast

from cuecraft import __version__
from cuecraft.commands import COMMANDS
from cuecraft.commands._common import CliParser, Subparsers, add_debug_flag
from cuecraft.commands._report import run_guarded

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every registered command."""
    parser = CliParser(
        prog="cuecraft",
        description="Turn word-timed transcripts into subtitles (SRT, WebVTT, ...) and documents.",
    )
    parser.add_argument("--version", action="version", version=f"cuecraft {__version__}")
    add_debug_flag(parser, top_level=True)
    # Sub-parsers are CliParser too (argparse makes them of the parent's class).
    subparsers = cast(
        Subparsers, parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    )
    for command in COMMANDS.values():
        command.add_parser(subparsers)
    return parser


def _command_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]  # type: ignore[no-any-return]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 failed input, 2 usage error)."""
    parser = build_parser()
    try:
        args, extras = parser.parse_known_args(argv)
        if extras:  # said by the command's own parser, with its own usage line
            _command_parser(parser, args.command).error(
                f"unrecognized arguments: {' '.join(extras)}"
            )
    except SystemExit as exc:  # --help, --version and argparse's usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    return run_guarded(COMMANDS[args.command].run, args)
