"""The cuecraft commands: one module per command, registered by name in ``_LOADERS``.

A command module exposes ``add_parser(subparsers) -> None``, which adds its sub-parser under
the module's name, and ``run(args) -> int``, which returns the exit status (see
:class:`cuecraft.commands._common.Command`). A new command is one new module plus its name
in ``_LOADERS``.

A command module is imported the first time it is looked up in :data:`COMMANDS`, so that
``cuecraft convert`` does not import what ``cuecraft batch`` needs, and ``cuecraft --version``
imports none of them (issue #12). Each loader imports its module by name, so the imports
stay visible to readers and to the layering contract (``lint-imports``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cuecraft.commands._common import Command

__all__ = ["COMMANDS", "Command"]


def _convert() -> Command:
    from cuecraft.commands import convert

    return convert


def _formats() -> Command:
    from cuecraft.commands import formats

    return formats


def _batch() -> Command:
    from cuecraft.commands import batch

    return batch


def _check() -> Command:
    from cuecraft.commands import check

    return check


def _info() -> Command:
    from cuecraft.commands import info

    return info


def _rules() -> Command:
    from cuecraft.commands import rules

    return rules


_LOADERS: dict[str, Callable[[], Command]] = {
    "convert": _convert,
    "formats": _formats,
    "batch": _batch,
    "check": _check,
    "info": _info,
    "rules": _rules,
}
_NAMES = tuple(_LOADERS)


class _Commands(Mapping[str, "Command"]):
    """Command name -> command module, imported on first lookup."""

    def __init__(self, names: tuple[str, ...]) -> None:
        self._names = names
        self._loaded: dict[str, Command] = {}

    def __getitem__(self, name: str) -> Command:
        if name not in self._names:
            raise KeyError(name)
        if name not in self._loaded:
            self._loaded[name] = _LOADERS[name]()
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
