"""Modules that run compiled where they were built, and as Python everywhere else.

The engine's kernel (:mod:`cuecraft.segment.compiled`) and the column checks of the readers
(:mod:`cuecraft._column_kernel`) are Python written in Cython's pure Python mode
(:mod:`cuecraft._cython`): ``pip install`` compiles them when it can (``setup.py``) and
installs them as Python when it cannot. Python's import system prefers the compiled module
where both exist; ``CUECRAFT_PURE_PYTHON=1`` in the environment makes cuecraft load the Python
source instead (the same algorithm, with the same results, only slower).
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import os
import sys
import warnings
from pathlib import Path
from types import ModuleType

__all__ = ["is_extension", "load_module", "load_source", "pure_python_requested"]


def pure_python_requested() -> bool:
    """True when ``CUECRAFT_PURE_PYTHON`` is set to anything but ``""`` or ``"0"``."""
    return os.environ.get("CUECRAFT_PURE_PYTHON", "") not in ("", "0")


def is_extension(module: ModuleType | None) -> bool:
    """True when ``module`` was loaded from a compiled extension file."""
    suffixes = tuple(importlib.machinery.EXTENSION_SUFFIXES)
    return str(getattr(module, "__file__", "")).endswith(suffixes)


def load_source(full_name: str, path: Path) -> ModuleType:
    """The Python source at ``path`` run as module ``full_name``, without registering it in
    ``sys.modules`` (the caller decides whether it replaces a compiled module there)."""
    spec = importlib.util.spec_from_file_location(full_name, path)
    if spec is None or spec.loader is None:  # pragma: no cover - the file ships
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    # Registered while it runs: a dataclass looks its module up there.
    previous = sys.modules.get(full_name)
    sys.modules[full_name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        if previous is None:
            del sys.modules[full_name]
        else:
            sys.modules[full_name] = previous
    return module


def load_module(full_name: str, *, pure: bool | None = None) -> ModuleType:
    """Module ``full_name``: compiled where built, unless ``pure`` (default: the environment,
    :func:`pure_python_requested`); else its Python source, loaded apart from the compiled
    module (which stays importable, so tests can compare the two)."""
    if pure is None:
        pure = pure_python_requested()
    if not pure:
        try:
            return importlib.import_module(full_name)
        except ImportError as exc:  # an extension built for another Python, say
            warnings.warn(
                f"cuecraft: the compiled {full_name} does not load ({exc}); running it as Python",
                RuntimeWarning,
                stacklevel=2,
            )
    package, _, name = full_name.rpartition(".")
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        raise ImportError(f"cannot find package {package}")
    directory = Path(next(iter(spec.submodule_search_locations)))
    return load_source(full_name, directory / f"{name}.py")
