"""A registry of formats that imports a format's module only when that format is used.

Issue #12 (lean start-up): ``cuecraft formats`` lists every reader and writer, and a
conversion looks formats up by name, extension or kind; none of that should import the 45
format modules (their pydantic models, regular expressions and tables cost most of a second).
Each format is registered with the facts that listing and lookup need (an *info*) and the
location of its spec (``"cuecraft.writers.srt:SPEC"``); the spec is imported on first lookup.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from typing import Generic, Protocol, TypeVar

__all__ = ["Info", "LazyRegistry"]


class Info(Protocol):
    """What every info has: the format's name and the location of its spec."""

    @property
    def name(self) -> str: ...

    @property
    def location(self) -> str: ...


InfoT = TypeVar("InfoT", bound=Info)
SpecT = TypeVar("SpecT")


class LazyRegistry(MutableMapping[str, SpecT], Generic[InfoT, SpecT]):
    """Format name -> spec, importing each spec's module on first lookup.

    It behaves as the plain dict it replaces: in registration order, and writable, so a test
    may put a spec of its own under a name (its info is then read from that spec).
    """

    def __init__(self, infos: Iterable[InfoT], describe: Callable[[SpecT], InfoT]) -> None:
        self._infos = {info.name: info for info in infos}
        self._describe = describe
        self._specs: dict[str, SpecT] = {}

    def info(self, name: str) -> InfoT:
        """The registered facts of format ``name``, without importing it (KeyError if none)."""
        return self._infos[name]

    def infos(self) -> list[InfoT]:
        """Every format's facts, in registry order, without importing any format module."""
        return list(self._infos.values())

    def __getitem__(self, name: str) -> SpecT:
        spec = self._specs.get(name)
        if spec is None:
            module, _, attribute = self._infos[name].location.partition(":")
            spec = getattr(importlib.import_module(module), attribute)
            self._specs[name] = spec
        return spec

    def __setitem__(self, name: str, spec: SpecT) -> None:
        self._infos[name] = self._describe(spec)
        self._specs[name] = spec

    def __delitem__(self, name: str) -> None:
        del self._infos[name]
        self._specs.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._infos)

    def __len__(self) -> int:
        return len(self._infos)

    def __contains__(self, name: object) -> bool:
        return name in self._infos  # without importing the format

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(self._infos)})"
