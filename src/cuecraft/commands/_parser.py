"""The argument parser class of every cuecraft command, and the flags every parser has.

This module imports nothing beyond argparse: ``cuecraft --version`` uses it before (and
instead of) importing any command.

Help text is the costly part of a parser (the generated flags' texts come from the rule and
option models' docstrings, read from their source), and a command line that asks for no help
never prints it: :func:`cuecraft.cli.main` builds its parser inside :func:`without_help` when
no ``-h``/``--help`` is in sight, and the code that adds flags asks :func:`help_wanted` before
composing their help.
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import typing
from collections.abc import Iterator

__all__ = [
    "CliParser",
    "add_debug_flag",
    "for_command_line",
    "help_wanted",
    "long_options_given",
    "without_help",
]

_HELP_WANTED = contextvars.ContextVar("cuecraft_help_wanted", default=True)
_COMMAND_LINE: contextvars.ContextVar[tuple[str, ...] | None] = contextvars.ContextVar(
    "cuecraft_command_line", default=None
)


def help_wanted() -> bool:
    """Whether the parser being built may print its help (True unless :func:`without_help`)."""
    return _HELP_WANTED.get()


@contextlib.contextmanager
def without_help() -> Iterator[None]:
    """Build parsers whose flags need no help text: the command line asks for none."""
    token = _HELP_WANTED.set(False)
    try:
        yield
    finally:
        _HELP_WANTED.reset(token)


@contextlib.contextmanager
def for_command_line(tokens: typing.Sequence[str]) -> Iterator[None]:
    """Build parsers for this command line (:func:`long_options_given` reads it)."""
    token = _COMMAND_LINE.set(tuple(tokens))
    try:
        yield
    finally:
        _COMMAND_LINE.reset(token)


def long_options_given() -> set[str] | None:
    """The ``--options`` on the command line the parser is built for (without ``=value``),
    or None when the parser is not built for a known command line (it must accept all)."""
    tokens = _COMMAND_LINE.get()
    if tokens is None:
        return None
    given = set()
    for token in tokens:
        if token == "--":
            break  # the rest are operands
        if token.startswith("--"):
            given.add(token.split("=", 1)[0])
    return given


class CliParser(argparse.ArgumentParser):
    """argparse with a short usage error: the usage line, the error, and where help is.

    argparse prints the whole usage block (56 lines for ``convert``) before the one line
    that matters; here a mistake costs at most three lines.
    """

    def error(self, message: str) -> typing.NoReturn:
        usage = (self.usage or "%(prog)s [options]").replace("%(prog)s", self.prog)
        lines = [
            f"usage: {usage}",
            f"{self.prog}: error: {message}",
            f"Try '{self.prog} --help' for more.",
        ]
        self.exit(2, "\n".join(line[:200] for line in lines) + "\n")


def add_debug_flag(parser: argparse.ArgumentParser, *, top_level: bool = False) -> None:
    """``--debug``: show tracebacks. Accepted before and after the command name."""
    parser.add_argument(
        "--debug",
        action="store_true",
        default=False if top_level else argparse.SUPPRESS,
        help="show a traceback when something fails",
    )
