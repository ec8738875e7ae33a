"""Vendor language names and codes become BCP 47 tags."""

from __future__ import annotations

import pytest

from cuecraft.readers._languages import language_code
from cuecraft.readers.assemblyai import read as read_assemblyai
from cuecraft.readers.whisper_timestamped import read as read_whisper_timestamped


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("English", "en"),  # whisper-timestamped and the OpenAI API report names
        ("arabic", "ar"),
        ("haitian creole", "ht"),
        ("en_us", "en-US"),  # AssemblyAI
        ("en-us", "en-US"),
        ("pt-BR", "pt-BR"),
        ("zh_hans", "zh-Hans"),
        ("es-419", "es-419"),
        ("nl", "nl"),
        (" fr ", "fr"),
        ("", None),
        ("und", None),
        (None, None),
        ("x\x00", "x\x00"),  # not a tag: kept as given, for the writers to judge
    ],
)
def test_language_code(given: str | None, expected: str | None) -> None:
    assert language_code(given) == expected


def test_whisper_timestamped_language_name_becomes_a_code() -> None:
    doc = {
        "text": " Hello.",
        "language": "Arabic",
        "segments": [
            {
                "id": 0,
                "start": 0.0,
                "end": 1.0,
                "text": " Hello.",
                "words": [{"text": "Hello.", "start": 0.1, "end": 0.6, "confidence": 0.9}],
            }
        ],
    }
    assert read_whisper_timestamped(doc, source="wt.json").language == "ar"


def test_assemblyai_language_code_becomes_a_tag() -> None:
    doc = {
        "id": "x",
        "status": "completed",
        "language_code": "en_us",
        "text": "Hello.",
        "words": [{"text": "Hello.", "start": 100, "end": 600, "confidence": 0.9}],
    }
    assert read_assemblyai(doc, source="aai.json").language == "en-US"
