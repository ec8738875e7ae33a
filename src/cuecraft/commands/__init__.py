"""The cuecraft commands: one module per command, registered by name in ``_NAMES``.

A command module exposes ``add_parser(subparsers) -> None``, which adds its sub-parser under
the module's name, and ``run(args) -> int``, which returns the exit status (see
:class:`cuecraft.commands._common.Command`). A new command is one new module plus its name
in ``_NAMES``.

A command module is imported the first time it is looked up in :data:`COMMANDS`, so that
``cuecraft convert`` does not import what ``cuecraft batch`` needs, and ``cuecraft --version``
imports none of them (issue #12).
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from cuecraft.commands._common import Command

__all__ = ["COMMANDS", "Command"]

_NAMES = ("convert", "formats", "batch", "check", "info", "rules")


def _load(name: str) -> Command:
    module = importlib.import_module(f"{__name__}.{name}")
    if not (
        callable(getattr(module, "add_parser", None)) and callable(getattr(module, "run", None))
    ):
        raise TypeError(f"command module {module.__name__} needs add_parser() and run()")
    return cast("Command", module)


class _Commands(Mapping[str, "Command"]):
    """Command name -> command module, imported on first lookup."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names
        self._loaded: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = _load(name)
        return self._loaded[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def __contains__(self, name: object) -> bool:
        return name in self._names  # without importing the module

    def __repr__(self) -> str:
        return f"COMMANDS({', '.join(self._names)})"


COMMANDS: Mapping[str, Command] = _Commands(_NAMES)
"""Command name -> command module, in the order ``cuecraft --help`` lists them."""


def _attribute(name: str) -> object:
    # ``Command`` lives with the flag machinery, which imports pydantic: only on request.
    if name == "Command":
        from cuecraft.commands._common import Command

        return Command
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if not TYPE_CHECKING:  # for mypy, an unknown name stays an error rather than an object
    __getattr__ = _attribute
