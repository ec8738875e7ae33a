"""An integer too large for a float (``10**400`` written out in full) in a word's time or
confidence: every column fast path leaves the document to its reader's word-by-word path, which
refuses it with the JSON pointer, instead of raising OverflowError from the column checks."""

from __future__ import annotations

import importlib
from typing import Any

import pytest

from tests.hardening.seeds import seed
from tests.readers.fast_paths import same_as_careful

FAST_READERS = [
    "amberscript",
    "assemblyai",
    "aws_transcribe",
    "deepgram",
    "google",
    "happyscribe",
    "revai",
    "scribie",
    "speechmatics",
    "whisper",
    "whisper_timestamped",
    "whisperx",
]

HUGE = 10**400

_TEXT_KEYS = {"text", "word", "value", "alternatives", "content"}
"""The keys that make an object a word (or a word's alternative) in some reader's shape."""


def _first_word_with(doc: Any, keys: tuple[str, ...]) -> tuple[dict[str, Any], str] | None:
    """The first word (an object in a list, with a text (Rev.ai: a value; Speechmatics:
    alternatives, each with a content) and no words of its own) that holds one of ``keys``
    with a number, and that key."""
    stack = [doc]
    while stack:
        node = stack.pop(0)
        if isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, list):
            for item in node:
                if isinstance(item, dict) and _TEXT_KEYS & item.keys() and "words" not in item:
                    for key in keys:
                        if type(item.get(key)) in (int, float):
                            return item, key
            stack.extend(node)
    return None


@pytest.mark.parametrize("name", FAST_READERS)
@pytest.mark.parametrize(
    "keys",
    [
        ("start", "start_time", "startTime", "data_start", "ts"),
        ("end", "end_time", "data_end", "end_ts"),
        ("confidence", "probability"),
    ],
)
def test_huge_integer_goes_to_the_careful_path(name: str, keys: tuple[str, ...]) -> None:
    module = importlib.import_module(f"cuecraft.readers.{name}")
    doc = seed(name)
    found = _first_word_with(doc, keys)
    if found is None:
        pytest.skip(f"the {name} seed's words have no numeric {keys[0]}")
    item, key = found
    item[key] = HUGE
    # Without the column pass's guard, ``read`` raised OverflowError here.
    kind, detail = same_as_careful(module.read, module.read_careful, doc)
    assert kind == "error", detail
