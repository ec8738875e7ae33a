"""Shipped data files are read from the package folder, or through importlib.resources when
the package lives in a zip archive (:mod:`cuecraft._package_data`)."""

from __future__ import annotations

import importlib
import sys
import zipfile
from pathlib import Path

import pytest

from cuecraft._package_data import package_text

# cuecraft.segment the attribute is the function; the module is this.
SEGMENT = importlib.import_module("cuecraft.segment").__file__ or ""


def test_a_shipped_file_is_read_from_the_package_folder() -> None:
    text = package_text("cuecraft.segment", SEGMENT, "data", "words_en.json")
    assert text is not None
    assert text == (Path(SEGMENT).parent / "data" / "words_en.json").read_text(encoding="utf-8")


def test_a_missing_file_is_none() -> None:
    assert package_text("cuecraft.segment", SEGMENT, "data", "nope.json") is None


def test_a_package_in_a_zip_archive_is_read_through_importlib_resources(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = tmp_path / "zipped.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("zipped_pkg/__init__.py", "")
        bundle.writestr("zipped_pkg/data/hello.txt", "héllo")
    monkeypatch.syspath_prepend(str(archive))
    module = importlib.import_module("zipped_pkg")
    try:
        assert module.__file__ is not None
        assert package_text("zipped_pkg", module.__file__, "data", "hello.txt") == "héllo"
        assert package_text("zipped_pkg", module.__file__, "data", "gone.txt") is None
    finally:
        sys.modules.pop("zipped_pkg", None)
