"""Detection across the whole shared corpus, and the engine readers' answers to wrong roots."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cuecraft.errors import FormatDetectionError, InputError
from cuecraft.readers import READERS, detect, get_reader
from tests.conftest import corpus_dir
from tests.readers.vendor_payloads import resolves

ENGINE_READERS = (
    "assemblyai",
    "aws_transcribe",
    "deepgram",
    "revai",
    "speechmatics",
    "whisper",
    "whisper_timestamped",
    "whisperx",
)

# Corpus folder -> reader. Folder names follow the vendors; reader names follow the modules.
FOLDERS = {
    "assemblyai": "assemblyai",
    "aws-transcribe": "aws_transcribe",
    "deepgram": "deepgram",
    "rev-ai": "revai",
    "speechmatics": "speechmatics",
    "whisper": "whisper",
    "whisper-timestamped": "whisper_timestamped",
    "whisperx": "whisperx",
}


def test_every_engine_reader_is_registered() -> None:
    assert set(ENGINE_READERS) <= set(READERS)
    assert list(READERS) == sorted(READERS)


def test_each_engine_corpus_file_is_detected_as_its_vendor_only() -> None:
    root = corpus_dir("vendors")
    checked = 0
    for folder, reader in FOLDERS.items():
        for path in sorted((root / folder).glob("*.json")) if (root / folder).is_dir() else ():
            spec, _ = detect(path.read_bytes(), source=path.name)
            assert spec.name == reader, path
            checked += 1
    assert checked >= 10  # 2 AssemblyAI, 2 AWS, 2 Deepgram, 1 Rev.ai, 2 Speechmatics, 1 w-t


def test_no_corpus_json_file_matches_two_readers() -> None:
    # Every JSON file in the shared corpus, whoever's format it is: at most one reader may
    # claim it (detect() refuses to guess, so two would make the file undetectable).
    root = corpus_dir()
    ambiguous: list[tuple[Path, tuple[str, ...]]] = []
    for path in sorted(root.rglob("*.json")):
        try:
            detect(path.read_bytes(), source=path.name)
        except FormatDetectionError as error:
            if error.candidates:
                ambiguous.append((path, error.candidates))
    assert ambiguous == []


@pytest.mark.parametrize("reader", ENGINE_READERS)
@pytest.mark.parametrize("doc", ["text", 3, None, [], {}, {"segments": "x", "results": 1}])
def test_wrong_shapes_are_input_errors_with_a_pointer_inside(reader: str, doc: Any) -> None:
    with pytest.raises(InputError) as caught:
        get_reader(reader).read(doc, source="wrong.json")
    pointer = caught.value.pointer
    assert pointer is not None
    assert resolves(doc, pointer) or resolves(doc, pointer.rsplit("/", 1)[0])
