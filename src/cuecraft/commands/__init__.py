"""The cuecraft commands: one module per command, registered by name in ``_NAMES``.

A command module exposes ``add_parser(subparsers) -> None``, which adds its sub-parser under
the module's name, and ``run(args) -> int``, which returns the exit status (see
:class:`cuecraft.commands._common.Command`). A new command is one new module plus its name
in ``_NAMES``.
"""

from __future__ import annotations

import importlib
from typing import cast

from cuecraft.commands._common import Command

__all__ = ["COMMANDS", "Command"]

_NAMES = ("convert", "formats", "batch", "check", "info", "rules")


def _load(name: str) -> Command:
    module = importlib.import_module(f"{__name__}.{name}")
    if not (
        callable(getattr(module, "add_parser", None)) and callable(getattr(module, "run", None))
    ):
        raise TypeError(f"command module {module.__name__} needs add_parser() and run()")
    return cast(Command, module)


COMMANDS: dict[str, Command] = {name: _load(name) for name in _NAMES}
"""Command name -> command module, in the order ``cuecraft --help`` lists them."""
