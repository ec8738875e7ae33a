"""The public API is exactly what ``cuecraft.__all__`` lists (httpx test_exported_members.py)."""

from __future__ import annotations

import cuecraft

EXPECTED = [
    "Cue",
    "CuecraftError",
    "Diagnostic",
    "FidelityError",
    "FormatDetectionError",
    "Highlight",
    "InputError",
    "Line",
    "ModelError",
    "OutputError",
    "Rules",
    "RulesError",
    "SchemaError",
    "SegmentationError",
    "SourceInfo",
    "Speaker",
    "Transcript",
    "UnencodableError",
    "UnknownFormatError",
    "Word",
    "WordTable",
    "__version__",
    "convert",
    "dumps",
    "load",
    "load_words",
    "loads",
    "options",
    "readers",
    "segment",
    "to_pysubs2",
    "write",
    "writers",
]


def test_all_is_exact_and_sorted() -> None:
    assert cuecraft.__all__ == EXPECTED
    assert cuecraft.__all__ == sorted(cuecraft.__all__)


def test_every_name_resolves() -> None:
    for name in cuecraft.__all__:
        assert getattr(cuecraft, name) is not None, name


def test_no_other_public_names() -> None:
    public = {
        name
        for name, value in vars(cuecraft).items()
        if not name.startswith("_") and getattr(value, "__module__", "cuecraft") != "__future__"
    }
    # Submodules imported by the package itself are attributes too; they are not API.
    submodules = {
        name
        for name in public - set(EXPECTED)
        if type(getattr(cuecraft, name)).__name__ == "module"
    }
    assert public - submodules - {"annotations"} <= set(EXPECTED)


def test_version_is_a_string() -> None:
    assert isinstance(cuecraft.__version__, str)
    assert cuecraft.__version__.count(".") >= 2
