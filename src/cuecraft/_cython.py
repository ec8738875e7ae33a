"""Stand-in for the ``cython`` module where Cython is absent: the kernel runs as Python.

The kernel modules (the engine's, such as :mod:`cuecraft.segment.tables` and
:mod:`cuecraft.segment.kernel`, and the readers' :mod:`cuecraft._column_kernel`) are
written in Cython's "pure Python mode": plain Python with C types in annotations and
decorators. Compiled, Cython reads those; uncompiled, they do nothing, and this module gives
them something harmless to be (Cython itself is never needed at run time). It also types them
for mypy: a C integer is an ``int``, a C double a ``float``, and a typed memoryview such as
``cython.double[::1]`` a mutable sequence of floats.

Only the names the kernel uses are here; a new one has to be added before it is used.
"""

from __future__ import annotations

from collections.abc import Callable, MutableSequence
from typing import Any, TypeAlias, TypeVar, overload

__all__ = [
    "Py_ssize_t",
    "bint",
    "boundscheck",
    "cast",
    "ccall",
    "cclass",
    "cfunc",
    "compiled",
    "declare",
    "double",
    "exceptval",
    "final",
    "inline",
    "longlong",
    "void",
    "wraparound",
]

_F = TypeVar("_F", bound=Callable[..., object])
_C = TypeVar("_C", bound=type)
_T = TypeVar("_T")

compiled = False
"""False here; True in a module Cython compiled."""

Py_ssize_t = int
bint = bool
void: TypeAlias = None
"""What a C function returns when it returns nothing (annotating ``None`` makes Cython
return a Python object)."""


class _Floats(type):
    """``double[::1]``: a one-dimensional array of C doubles (here, any list of floats)."""

    def __getitem__(cls, item: slice) -> type[MutableSequence[float]]:
        return list


class _Ints(type):
    """``longlong[::1]``: a one-dimensional array of C long longs (here, a list of ints)."""

    def __getitem__(cls, item: slice) -> type[MutableSequence[int]]:
        return list


class double(metaclass=_Floats):  # Cython's name for the C type
    """The C double, only spelt here to declare arrays (scalars are annotated ``float``)."""


class longlong(metaclass=_Ints):  # Cython's name for the C type
    """The C long long, only spelt here to declare arrays (scalars are ``Py_ssize_t``)."""


@overload
def declare(kind: type[double], value: float = ...) -> float: ...
@overload
def declare(kind: type[_T]) -> _T: ...
@overload
def declare(kind: type[_T], value: _T) -> _T: ...
def declare(kind: object, value: Any = None) -> Any:
    """A typed variable (compiled) or just ``value`` (here)."""
    return value


def cast(kind: Callable[[Any], _T], value: Any) -> _T:
    """A C cast (compiled); here ``kind(value)`` (``Py_ssize_t`` is ``int``)."""
    return kind(value)


def _identity(function: _F) -> _F:
    return function


def cfunc(function: _F) -> _F:
    """A C function, called without Python's call overhead (compiled)."""
    return function


def ccall(function: _F) -> _F:
    """A C function that Python code can call too (``cpdef``)."""
    return function


def inline(function: _F) -> _F:
    return function


def final(cls: _C) -> _C:
    return cls


def cclass(cls: _C) -> _C:
    """An extension type: attributes declared with :func:`declare` become C fields."""
    return cls


def boundscheck(flag: bool) -> Callable[[_F], _F]:
    return _identity


def wraparound(flag: bool) -> Callable[[_F], _F]:
    return _identity


def exceptval(*value: object, check: bool = True) -> Callable[[_F], _F]:
    """How a C function reports an exception; ``check=False``: it raises none."""
    return _identity
