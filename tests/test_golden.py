"""Golden files: each ``tests/golden/<case>/`` converted end to end and compared exactly.

A case holds one ``input.<reader>.json`` (read with that reader), ``rules.json`` (``Rules``
fields; ``{}`` for the defaults), an optional ``options.json`` (writer name -> options) and
one ``expected.<ext>`` per output: the writer is chosen from the extension as the CLI does.
Text is compared as text (line endings included), binary formats as bytes, and
``expected.docx.json`` by the paragraphs and runs python-docx extracts.

``pytest --update-golden`` rewrites every existing ``expected.*`` from the current output
(create an empty ``expected.<ext>`` to add a format to a case); review the diff before
committing it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.api import render, writer_for
from cuecraft.errors import UnknownFormatError
from cuecraft.readers import READERS
from cuecraft.segment import Rules

GOLDEN = Path(__file__).resolve().parent / "golden"


def _cases() -> list[tuple[Path, Path]]:
    return [
        (case, expected)
        for case in sorted(p for p in GOLDEN.iterdir() if p.is_dir())
        for expected in sorted(case.glob("expected.*"))
    ]


def _input(case: Path) -> tuple[Path, str]:
    inputs = sorted(case.glob("input.*"))
    assert len(inputs) == 1, f"{case.name}: expected exactly one input.<reader>.json"
    return inputs[0], inputs[0].name.split(".")[1]


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def test_there_are_golden_cases() -> None:
    assert len(_cases()) >= 6
    for case in {case for case, _ in _cases()}:
        _input(case)
        assert (case / "rules.json").exists(), case.name


@pytest.mark.parametrize(
    ("case", "expected"),
    _cases(),
    ids=[f"{case.name}/{expected.name}" for case, expected in _cases()],
)
def test_golden(case: Path, expected: Path, update_golden: bool) -> None:
    source, reader = _input(case)
    if reader not in READERS:
        pytest.skip(f"the {reader} reader is not registered yet")
    kind = expected.name.removeprefix("expected.")
    extracted = kind == "docx.json"
    try:
        spec = writer_for(f"x.{kind.removesuffix('.json') if extracted else kind}", None)
    except UnknownFormatError:
        pytest.skip(f"no writer for {kind} is registered yet")
    rule_values = _json(case / "rules.json")
    transcript = cuecraft.load(source, reader)
    data, _ = render(
        transcript,
        spec,
        rules=Rules(**rule_values),
        options=_json(case / "options.json").get(spec.name),
        # A fixed title: the default (the input's path) would differ between machines.
        title=case.name,
    )
    if extracted:
        from tests.writers.test_docx import extract, pretty

        actual: Any = pretty(extract(data)) + "\n"
    elif spec.binary:
        actual = data
    else:
        actual = data.decode("utf-8")
    if update_golden:
        if isinstance(actual, bytes):
            expected.write_bytes(actual)
        else:
            expected.write_bytes(actual.encode("utf-8"))
    stored = expected.read_bytes()
    assert stored, f"{expected} is empty; run pytest --update-golden and review the result"
    if isinstance(actual, bytes):
        assert actual == stored
    else:
        assert actual == stored.decode("utf-8")
