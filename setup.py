"""Build script: the segmentation engine's kernel and the readers' column checks, compiled
by Cython where they can be.

Everything else about the package is in ``pyproject.toml``. The kernel modules
(``cuecraft/segment/boundary_kernel.py``, ``cue_kernel.py``, ``tables.py``, ``rowsplit.py``,
``kernel.py``, and ``cuecraft/_column_kernel.py``) are Python written in
Cython's pure Python mode: with Cython and a C compiler they become extension modules (about
20 times faster); without either, or if compiling fails for any reason, the install goes on
with a warning and the same modules run as Python. ``CUECRAFT_PURE_PYTHON=1`` at install
time skips compiling altogether. An editable install (``pip install -e .``) builds them in
place, beside the sources.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

KERNEL_MODULES = (
    "cuecraft._column_kernel",
    "cuecraft.segment.boundary_kernel",
    "cuecraft.segment.cue_kernel",
    "cuecraft.segment.tables",
    "cuecraft.segment.rowsplit",
    "cuecraft.segment.kernel",
)


def _warn(message: str) -> None:
    print(f"cuecraft: {message}; the segmentation engine will run as pure Python", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """``build_ext`` that never fails the install: a module that does not compile stays
    Python (its ``.py`` source is installed either way)."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # no compiler at all, a broken toolchain...
            _warn(f"could not build the compiled kernel ({exc})")

    def build_extension(self, ext: Any) -> None:
        if self.compiler.compiler_type != "msvc":
            # Same results to the bit as Python: no fused multiply-add where C would allow it.
            ext.extra_compile_args = [*ext.extra_compile_args, "-O2", "-ffp-contract=off"]
        try:
            super().build_extension(ext)
        except Exception as exc:
            _warn(f"could not compile {ext.name} ({exc})")


def _extensions() -> list[Any]:
    if os.environ.get("CUECRAFT_PURE_PYTHON", "") not in ("", "0"):
        return []
    try:
        from Cython.Build import cythonize
    except ImportError:
        _warn("Cython is not installed")
        return []
    modules = [
        Extension(name, [os.path.join("src", *name.split(".")) + ".py"])
        for name in KERNEL_MODULES
    ]
    try:
        return list(
            cythonize(
                modules,
                build_dir=os.path.join("build", "cython"),
                compiler_directives={"language_level": 3},
                quiet=True,
            )
        )
    except Exception as exc:
        _warn(f"Cython could not translate the kernel ({exc})")
        return []


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalBuildExt})
