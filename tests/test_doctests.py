"""The docstring examples of every cuecraft module run (issue #15: they never ran in CI)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import cuecraft

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(cuecraft.__path__, prefix="cuecraft.")
    if not name.endswith("__main__")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, verbose=False)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"


def test_the_package_docstring_has_a_running_example() -> None:
    finder = doctest.DocTestFinder()
    examples = sum(len(test.examples) for test in finder.find(cuecraft, "cuecraft"))
    assert examples >= 4
