"""Diagnostics made when they are first looked at (issue #12).

Cue timing reports every cue over the reading speed: on fast speech, most cues of a long
transcript. A :class:`~cuecraft.model.Diagnostic` is a validated model object (several
microseconds each), and a conversion keeps only the segmenter's limit warnings; so the
segmenter records what each diagnostic would say (its code, and the function and arguments
that make it) and :class:`Notes` makes the objects on demand: all of them when the sequence
is read, or only those of some codes (:meth:`Notes.of`).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from typing import Any, overload

from cuecraft.model import Diagnostic

__all__ = ["Notes", "Pending"]

Pending = tuple[str, Callable[..., Diagnostic], tuple[Any, ...]]
"""A diagnostic not made yet: its code, and the function and arguments that make it."""


def _itself(diagnostic: Diagnostic) -> Diagnostic:
    return diagnostic


class Notes(Sequence[Diagnostic]):
    """A sequence of diagnostics, made when first read (each once), in the order given."""

    __slots__ = ("_made", "_pending")

    def __init__(self, made: Iterable[Diagnostic] = (), pending: Iterable[Pending] = ()) -> None:
        self._pending: list[Pending] = [(d.code, _itself, (d,)) for d in made]
        self._pending.extend(pending)
        self._made: list[Diagnostic] | None = None

    def __add__(self, other: Notes) -> Notes:
        joined = Notes()
        joined._pending = [*self._pending, *other._pending]
        return joined

    @property
    def codes(self) -> list[str]:
        """The code of each diagnostic, in order, without making any."""
        return [code for code, _, _ in self._pending]

    def of(self, codes: Collection[str]) -> list[Diagnostic]:
        """The diagnostics with one of ``codes``, making only those."""
        if self._made is not None:
            return [diagnostic for diagnostic in self._made if diagnostic.code in codes]
        return [make(*arguments) for code, make, arguments in self._pending if code in codes]

    def _all(self) -> list[Diagnostic]:
        if self._made is None:
            self._made = [make(*arguments) for _, make, arguments in self._pending]
        return self._made

    def __len__(self) -> int:
        return len(self._pending)

    @overload
    def __getitem__(self, index: int) -> Diagnostic: ...
    @overload
    def __getitem__(self, index: slice) -> list[Diagnostic]: ...
    def __getitem__(self, index: int | slice) -> Diagnostic | list[Diagnostic]:
        return self._all()[index]

    def __iter__(self) -> Iterator[Diagnostic]:
        return iter(self._all())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Notes):
            return self._all() == other._all()
        if isinstance(other, Sequence):
            return self._all() == list(other)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable, as a list

    def __repr__(self) -> str:
        return f"Notes({len(self)} diagnostics)"
