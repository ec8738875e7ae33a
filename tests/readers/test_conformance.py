"""Reader conformance: what every reader promises, checked for every registered reader.

* **Generated payloads** (the engine and cloud readers, whose payloads are drawn by
  :mod:`tests.readers.vendor_payloads` and :mod:`tests.readers.cloud_payloads`): a payload
  reads as exactly the words it means, in order, with their times, speakers and confidences;
  ``detect()`` picks this reader and only it; and a corrupted leaf raises an ``InputError``
  (never another exception) whose pointer names that leaf, in strict and lenient mode.
  (The file readers' own payload properties are in ``test_policy.py``.)
* **Fixtures**: every file a reader has under ``samples/<reader>/``, ``tests/data/<reader>/``
  or ``tests/data/realworld/<reader>/`` is detected as that reader; each sample reads.
* **Coverage**: no registered reader is left out of both.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.readers import READERS, detect
from tests.conftest import ROOT, SAMPLES
from tests.readers.cloud_payloads import azure_cases, google_cases
from tests.readers.payloads import VENDORS as POLICY_VENDORS
from tests.readers.vendor_payloads import (
    Case,
    assemblyai_cases,
    aws_cases,
    check_corruption,
    check_detected,
    check_round,
    deepgram_cases,
    revai_cases,
    speechmatics_cases,
    whisper_cases,
    whisper_timestamped_cases,
    whisperx_cases,
)

GENERATED: dict[str, Callable[[], st.SearchStrategy[Case]]] = {
    "assemblyai": assemblyai_cases,
    "aws_transcribe": aws_cases,
    "azure": azure_cases,
    "deepgram": deepgram_cases,
    "google": google_cases,
    "revai": revai_cases,
    "speechmatics": speechmatics_cases,
    "whisper": whisper_cases,
    "whisper_timestamped": whisper_timestamped_cases,
    "whisperx": whisperx_cases,
}
"""Reader name -> the strategy drawing its payloads (each case names its reader)."""

DATA = ROOT / "tests" / "data"

EXEMPT: dict[str, str] = {
    "canonical": "cuecraft's own JSON: write-then-read round trips in tests/test_api.py",
}
"""Readers with neither generated payloads nor fixture files, and why."""


def _fixtures(reader: str) -> list[Path]:
    folders = (SAMPLES / reader, DATA / reader, DATA / "realworld" / reader)
    return sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.iterdir()
        if path.is_file() and path.suffix not in (".py", ".md")
    )


FIXTURES = [
    pytest.param(reader, path, id=f"{reader}/{path.name}")
    for reader in sorted(READERS)
    for path in _fixtures(reader)
]

CHECKS: dict[str, Callable[[Case, st.DataObject], None]] = {
    "reads-the-right-words": lambda case, _: check_round(case),
    "is-detected": lambda case, _: check_detected(case),
    "corruption-is-an-input-error-at-the-leaf": lambda case, data: check_corruption(
        case, data.draw
    ),
}


@pytest.mark.parametrize("check", sorted(CHECKS))
@pytest.mark.parametrize("reader", sorted(GENERATED))
@given(data=st.data())
def test_generated_payloads_conform(reader: str, check: str, data: st.DataObject) -> None:
    case = data.draw(GENERATED[reader](), label="case")
    assert case.reader == reader  # the strategy renders this reader's shape
    CHECKS[check](case, data)


@pytest.mark.parametrize(("reader", "path"), FIXTURES)
def test_fixture_files_are_detected_as_their_reader(reader: str, path: Path) -> None:
    spec, doc = detect(path.read_bytes(), source=path.name)
    assert spec.name == reader
    if path.is_relative_to(SAMPLES):
        assert spec.read_transcript(doc, source=path.name).words


def test_every_registered_reader_is_checked() -> None:
    with_files = {reader for reader in READERS if _fixtures(reader)}
    covered = set(GENERATED) | set(POLICY_VENDORS) | with_files
    assert sorted(set(READERS) - covered - set(EXEMPT)) == []
    assert set(EXEMPT) <= set(READERS) - covered  # no stale exemption
