"""What every command shares: the command protocol, the usage error, the sub-parser type and
``--debug``.

The flags generated from the rules and writer options are :mod:`cuecraft.commands._flags`;
reading them back into rules and options (with house rules) is
:mod:`cuecraft.commands._settings`; what the commands print (errors in the CLI's own terms,
exit statuses) is :mod:`cuecraft.commands._report`.
"""

from __future__ import annotations

import argparse
from typing import Protocol, TypeAlias

from cuecraft.commands._parser import CliParser, add_debug_flag
from cuecraft.errors import CuecraftError

__all__ = ["CliParser", "Command", "Subparsers", "UsageError", "add_debug_flag"]

Subparsers: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Command(Protocol):
    """What a command module provides (``cuecraft.commands.<name>``)."""

    def add_parser(self, subparsers: Subparsers) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


class UsageError(CuecraftError):
    """A command line that asks for something impossible (exit status 2)."""
