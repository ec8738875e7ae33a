"""The ``cuecraft`` command line: a thin argparse shell over :mod:`cuecraft.api`.

Exit status: 0 when all went well, 1 when an input (or output) failed, 2 for a usage error.
Errors are one ``cuecraft: <message>`` line on stderr (a traceback only with ``--debug``);
reader and writer diagnostics are ``warning: <message>`` lines. The commands live in
:mod:`cuecraft.commands`, one module each.

Start-up (issue #12): the parser gets only the command that the command line names, so
``cuecraft convert`` imports no other command and ``cuecraft --version`` none at all; the
whole parser is built for ``--help``, a missing or unknown command, or anything else unusual
before the command name, so that argparse says what it always said. Flags get their help
text only when the command line asks for help (see :mod:`cuecraft.commands._parser`).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Iterable, Sequence
from typing import cast

from cuecraft import __version__
from cuecraft._gc import paused_gc
from cuecraft.commands import COMMANDS
from cuecraft.commands._parser import CliParser, add_debug_flag, for_command_line, without_help

__all__ = ["build_parser", "console_main", "main"]

# The options of the top-level parser that come before the command name (besides --help).
_TOP_LEVEL_FLAGS = ("--debug", "--version")


def build_parser(commands: Iterable[str] | None = None) -> argparse.ArgumentParser:
    """The argument parser with every registered command, or only the ``commands`` named."""
    parser = CliParser(
        prog="cuecraft",
        description="Turn word-timed transcripts into subtitles (SRT, WebVTT, ...) and documents.",
    )
    parser.add_argument("--version", action="version", version=f"cuecraft {__version__}")
    add_debug_flag(parser, top_level=True)
    # Sub-parsers are CliParser too (argparse makes them of the parent's class).
    subparsers = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", required=True),
    )
    for name in COMMANDS if commands is None else commands:
        COMMANDS[name].add_parser(subparsers)
    return parser


def _needed(tokens: Sequence[str]) -> tuple[str, ...] | None:
    """The commands the parser needs for this command line (None: all of them).

    Only the top-level ``--debug``/``--version`` (or an abbreviation argparse accepts) may
    come before a known command name; ``--version`` with no command needs no command at all.
    """
    for token in tokens:
        if len(token) > 2 and any(flag.startswith(token) for flag in _TOP_LEVEL_FLAGS):
            continue
        if token.startswith("-") or token not in COMMANDS:
            return None  # help, "--", a mistake or an unknown command: argparse says it all
        return (token,)
    return () if any(token.startswith("--v") for token in tokens) else None


def _asks_help(tokens: Sequence[str]) -> bool:
    """Whether argparse may print a help text: ``-h``, ``--help`` or ``--help-format``.

    Generous on purpose (any ``--h...`` prefix, any short-option cluster with an ``h``, a
    value that looks like one): a false alarm only costs the help text being built.
    """
    for token in tokens:
        if token == "--":
            return False
        if token.startswith("--h") or (token[:1] == "-" and token[1:2] != "-" and "h" in token):
            return True
    return False


def _command_parser(parser: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction) and name in action.choices:
            return action.choices[name]  # type: ignore[no-any-return]
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 ok, 1 failed input, 2 usage error)."""
    return _main(sys.argv[1:] if argv is None else list(argv), program=False)


def console_main() -> int:
    """:func:`main` as the ``cuecraft`` program (the console script and ``python -m
    cuecraft``), whose process ends when it returns.

    The program keeps the cyclic garbage collector off what lives until it exits (issue #12):
    once the command's modules are imported, and again before returning, every object there
    is moved out of the collector's reach (:func:`gc.freeze`). Collections during the command
    then scan only the command's own objects, and the interpreter's shutdown no longer runs
    full collections over every imported module and class only to exit (together some 35 ms
    of a conversion). Files and the output are closed by then; only finalizers of objects
    caught in reference cycles are skipped, which an exiting process does not need.
    In-process callers (tests, tools) call :func:`main`, which leaves the collector as it is.
    """
    status = _main(sys.argv[1:], program=True)
    gc.freeze()
    return status


def _main(tokens: list[str], *, program: bool) -> int:
    # The collector paused while the command's modules are imported: they are all kept, and
    # each threshold crossed would rescan them for nothing (issue #12).
    with (
        paused_gc(),
        contextlib.nullcontext() if _asks_help(tokens) else without_help(),
        for_command_line(tokens),
    ):
        parser = build_parser(_needed(tokens))
        if program:
            gc.freeze()  # what the program imported lives until it exits (console_main)
    try:
        args, extras = parser.parse_known_args(tokens)
        if extras:  # said by the command's own parser, with its own usage line
            _command_parser(parser, args.command).error(
                f"unrecognized arguments: {' '.join(extras)}"
            )
    except SystemExit as exc:  # --help, --version and argparse's usage errors
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    from cuecraft.commands._report import run_guarded  # imports the flag machinery

    return run_guarded(COMMANDS[args.command].run, args)
