"""Issue #9: every word of each real vendor file comes out once, in order; no reader makes a
speaker out of a word.

The expected words are counted from the raw JSON here, independently of the readers: each
vendor's word tokens are listed with plain dict access, and the transcript must give the same
count and the same characters in the same order (punctuation tokens glued by the reader are
checked through the concatenated text). The files are the shared corpus
(``../shared/corpus/vendors``, skipped when absent) and tests/data/vendors.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.readers import READERS
from tests.conftest import CORPUS
from tests.hardening.seeds import seed

DATA = Path(__file__).resolve().parent.parent / "data" / "vendors"
# (words, every token's text in order incl. punctuation) from the raw document.
Expected = tuple[list[str], list[str]]


def _amberscript(doc: Any) -> Expected:
    words = [w["text"] for s in doc["segments"] for w in s["words"] if w["text"].strip()]
    return words, words


def _assemblyai(doc: Any) -> Expected:
    words = [w["text"] for w in doc["words"] if w["text"].strip()]
    return words, words


def _aws(doc: Any) -> Expected:
    items = doc["results"]["items"]
    words = [i["alternatives"][0]["content"] for i in items if i["type"] == "pronunciation"]
    return words, [i["alternatives"][0]["content"] for i in items]


def _deepgram(doc: Any) -> Expected:
    live = doc.get("type") == "Results"  # a streaming message
    channels = [doc["channel"]] if live else doc["results"]["channels"]
    words = [
        w.get("punctuated_word", w["word"]) for c in channels for w in c["alternatives"][0]["words"]
    ]
    return words, words


def _revai(doc: Any) -> Expected:
    # A word is a run of elements between spacing elements that holds a text element.
    words: list[str] = []
    run: list[dict[str, Any]] = []
    elements = [e for m in doc["monologues"] for e in [*m["elements"], {"value": " "}]]
    for element in elements:
        if element["value"].strip():
            run.append(element)
            continue
        if any(e.get("type") == "text" for e in run):
            words.append("".join(e["value"] for e in run))
        run = []
    return words, [e["value"] for e in elements if e["value"].strip()]


def _speechmatics(doc: Any) -> Expected:
    results = doc["results"]
    words = [r["alternatives"][0]["content"] for r in results if r["type"] in ("word", "entity")]
    return words, [r["alternatives"][0]["content"] for r in results]


def _whisper_timestamped(doc: Any) -> Expected:
    words = [w["text"] for s in doc["segments"] for w in s["words"] if w["text"].strip()]
    return words, words


COUNTERS: dict[str, tuple[str, Callable[[Any], Expected]]] = {
    "amberscript": ("amberscript", _amberscript),
    "assemblyai": ("assemblyai", _assemblyai),
    "aws-transcribe": ("aws_transcribe", _aws),
    "deepgram": ("deepgram", _deepgram),
    "rev-ai": ("revai", _revai),
    "speechmatics": ("speechmatics", _speechmatics),
    "whisper-timestamped": ("whisper_timestamped", _whisper_timestamped),
}


def _files() -> list[Any]:
    found: list[Any] = []
    # The shared corpus is optional: without it only the committed files are tested.
    for label, root in (("corpus", CORPUS / "vendors"), ("data", DATA)):
        for folder, (reader, counter) in COUNTERS.items():
            for path in sorted((root / folder).glob("*.json")):
                found.append(pytest.param(path, reader, counter, id=f"{label}/{path.name}"))
    return found


FILES = _files()


def _squash(texts: list[str]) -> str:
    return re.sub(r"\s+", "", "".join(texts))


@pytest.mark.skipif(not FILES, reason="no real vendor files found")
@pytest.mark.parametrize(("path", "reader", "counter"), FILES)
def test_every_word_of_a_real_file_comes_out_once_in_order(
    path: Path, reader: str, counter: Callable[[Any], Expected]
) -> None:
    words, tokens = counter(json.loads(path.read_text(encoding="utf-8")))
    transcript = cuecraft.load(path, strict=False)
    assert transcript.source.format == reader
    out = [w.text for w in transcript.words]
    assert len(out) == len(words), f"{len(out)} words out, {len(words)} in the file"
    # Same characters in the same order: nothing lost, duplicated or moved.
    assert _squash(out) == _squash(tokens)
    # Each word out starts with its own vendor word (punctuation may be glued on either side).
    mismatched = [
        (i, got, want)
        for i, (got, want) in enumerate(zip(out, words, strict=True))
        if want.strip() not in got
    ]
    assert not mismatched, mismatched[:5]


@pytest.mark.skipif(not FILES, reason="no real vendor files found")
@pytest.mark.parametrize(("path", "reader", "counter"), FILES)
def test_speakers_come_only_from_the_vendor_fields(
    path: Path, reader: str, counter: Callable[[Any], Expected]
) -> None:
    transcript = cuecraft.load(path, strict=False)
    listed = {s.id for s in transcript.speakers}
    assert {w.speaker for w in transcript.words} - {None} <= listed
    texts = {w.text.rstrip(":") for w in transcript.words if w.text.endswith(":")}
    assert not texts & listed, "a word ending in ':' became a speaker id"


JSON_READERS = sorted(name for name, spec in READERS.items() if spec.kind == "json")


def _first_word_path(doc: Any, first: str) -> list[Any] | None:
    """Path of the string the first word comes from: in document order, the first string
    that the word's text starts with (``"Hello"`` or ``" Hello,"`` for ``"Hello,"``)."""
    stack: list[tuple[list[Any], Any]] = [([], doc)]
    while stack:
        path, node = stack.pop()
        if isinstance(node, str) and node.strip() and first.startswith(node.strip()):
            return path
        if isinstance(node, dict):
            stack.extend(reversed([([*path, k], v) for k, v in node.items()]))
        elif isinstance(node, list):
            stack.extend(reversed([([*path, i], v) for i, v in enumerate(node)]))
    return None


@pytest.mark.parametrize("reader", JSON_READERS)
@pytest.mark.parametrize("label", ["SPEAKER_01:", "John:", ">> Anna:", "[Speaker 2]"])
def test_a_speaker_like_first_word_stays_a_word(reader: str, label: str) -> None:
    doc = seed(reader)
    before = cuecraft.load(seed(reader), reader)
    path = _first_word_path(doc, before.words[0].text)
    assert path is not None, f"no word text found in the {reader} seed"
    node = doc
    for token in path[:-1]:
        node = node[token]
    node[path[-1]] = label
    transcript = cuecraft.load(doc, reader)
    assert transcript.words[0].text.startswith(label)  # punctuation tokens may be glued on
    assert len(transcript.words) == len(before.words)
    assert [w.speaker for w in transcript.words] == [w.speaker for w in before.words]
    assert [s.id for s in transcript.speakers] == [s.id for s in before.speakers]
