"""Which implementation of the engine's kernel runs: the compiled extension or pure Python.

:mod:`~cuecraft.segment.boundary_kernel`, :mod:`~cuecraft.segment.cue_kernel`,
:mod:`~cuecraft.segment.tables`,
:mod:`~cuecraft.segment.rowsplit` and :mod:`~cuecraft.segment.kernel` are one source for
both: ``pip install`` compiles them with Cython when it can (see ``setup.py``) and installs
them as Python when it cannot. Python's import system prefers the compiled module where both
exist; ``CUECRAFT_PURE_PYTHON=1`` in the environment makes cuecraft load the Python source
instead (the same algorithm, with the same results to the bit, only slower).
:func:`kernel_mode` says which is in use.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import sys
import warnings
from pathlib import Path
from types import ModuleType
from typing import NamedTuple

from cuecraft._compiled import is_extension, load_source, pure_python_requested

__all__ = [
    "KernelModules",
    "active_kernel",
    "extension_built",
    "kernel_mode",
    "load_kernel",
    "pure_python_requested",
]

_PACKAGE = "cuecraft.segment"
_NAMES = (
    "boundary_kernel",
    "cue_kernel",
    "tables",
    "rowsplit",
    "kernel",
)  # each imports the ones before it


class KernelModules(NamedTuple):
    """The kernel modules, all compiled or all Python."""

    boundary_kernel: ModuleType
    cue_kernel: ModuleType
    tables: ModuleType
    rowsplit: ModuleType
    kernel: ModuleType

    @property
    def compiled(self) -> bool:
        """True when every one of them is a compiled extension module."""
        modules = (self.boundary_kernel, self.cue_kernel, self.tables, self.rowsplit, self.kernel)
        return all(is_extension(module) for module in modules)


def load_kernel(*, pure: bool | None = None) -> KernelModules:
    """The kernel modules: compiled where built, unless ``pure`` (default: the environment).

    Pure modules are loaded from the ``.py`` files beside the extension. When the compiled
    ones are already imported (a test comparing both), the pure ones are loaded apart and
    the compiled ones stay registered.
    """
    if pure is None:
        pure = pure_python_requested()
    if not pure:
        try:
            return KernelModules(
                *(importlib.import_module(f"{_PACKAGE}.{name}") for name in _NAMES)
            )
        except ImportError as exc:  # an extension built for another Python, say
            warnings.warn(
                f"cuecraft: the compiled segmentation kernel does not load ({exc}); "
                "running it as Python",
                RuntimeWarning,
                stacklevel=2,
            )
            for name in _NAMES:
                sys.modules.pop(f"{_PACKAGE}.{name}", None)
    return KernelModules(*_load_sources())


def _load_sources() -> list[ModuleType]:
    saved = {name: sys.modules.pop(f"{_PACKAGE}.{name}", None) for name in _NAMES}
    loaded: list[ModuleType] = []
    try:
        for name in _NAMES:
            full_name = f"{_PACKAGE}.{name}"
            previous = saved[name]
            if previous is not None and not is_extension(previous):
                loaded.append(previous)  # already the Python source
                sys.modules[full_name] = previous
                continue
            module = load_source(full_name, Path(__file__).with_name(f"{name}.py"))
            sys.modules[full_name] = module  # so that the next module imports this one
            loaded.append(module)
    finally:
        for name, kept in saved.items():
            if kept is not None:
                sys.modules[f"{_PACKAGE}.{name}"] = kept
    return loaded


def extension_built() -> bool:
    """True when the compiled extension of every kernel module is installed (whether or not
    it is used: see :func:`kernel_mode`)."""
    here = Path(__file__).parent
    return all(
        any(
            (here / f"{name}{suffix}").exists() for suffix in importlib.machinery.EXTENSION_SUFFIXES
        )
        for name in _NAMES
    )


_ACTIVE = load_kernel()


def active_kernel() -> KernelModules:
    """The kernel modules the engine uses."""
    return _ACTIVE


def kernel_mode() -> str:
    """``"compiled"`` when the engine's kernel runs as the compiled extension, ``"python"``
    when it runs as Python (no extension was built, or ``CUECRAFT_PURE_PYTHON=1``).

    >>> kernel_mode() in ("compiled", "python")
    True
    """
    return "compiled" if _ACTIVE.compiled else "python"
