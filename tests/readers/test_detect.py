"""detect(): every sample is recognised by exactly one reader; otherwise it refuses to guess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cuecraft.errors import FormatDetectionError, InputError
from cuecraft.readers import READERS, ReaderSpec, amberscript, detect, happyscribe, scribie, words
from tests.conftest import SAMPLES, corpus_dir

MINE = (amberscript, happyscribe, scribie, words)


@pytest.mark.parametrize(
    ("path", "name"),
    [
        (SAMPLES / "amberscript" / "interview.json", "amberscript"),
        (SAMPLES / "scribie" / "interview.json", "scribie"),
        (SAMPLES / "happyscribe" / "interview.json", "happyscribe"),
        (SAMPLES / "words" / "talk.words.json", "words"),
    ],
)
def test_each_sample_is_detected_uniquely(path: Path, name: str) -> None:
    data = path.read_bytes()
    spec, doc = detect(data, source=path.name)
    assert spec.name == name
    matching = [s.name for s in READERS.values() if s.kind == "json" and s.sniff(doc)]
    assert matching == [name]
    # Parsed JSON is detected the same way.
    assert detect(doc, source=path.name)[0].name == name


def test_real_amberscript_and_word_lists_are_detected() -> None:
    for path in sorted(corpus_dir("vendors", "amberscript").glob("*.json")):
        assert detect(path.read_bytes(), source=path.name)[0].name == "amberscript"
    for path in sorted(corpus_dir("segmentation", "ted_dev").glob("*.words.json"))[:3]:
        assert detect(path.read_bytes(), source=path.name)[0].name == "words"


def test_other_vendors_real_files_are_not_claimed_by_these_sniffers() -> None:
    vendors = corpus_dir("vendors")
    others = [
        path for path in sorted(vendors.glob("*/*.json")) if path.parent.name != "amberscript"
    ]
    assert others
    for path in others:
        doc = json.loads(path.read_text(encoding="utf-8"))
        claimed = [module.SPEC.name for module in MINE if module.sniff(doc)]
        assert claimed == [], path


def test_ambiguity_raises_with_the_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    copycat = ReaderSpec(
        name="copycat",
        kind="json",
        extensions=(".json",),
        sniff=words.sniff,
        read=words.read,
        description="a second reader that claims the same documents",
    )
    monkeypatch.setitem(READERS, "copycat", copycat)
    with pytest.raises(FormatDetectionError) as caught:
        detect(b'{"words": [{"text": "a", "start": 0, "end": 1}]}', source="x.json")
    assert sorted(caught.value.candidates) == ["copycat", "words"]
    assert caught.value.source == "x.json"


@pytest.mark.parametrize(
    "data",
    [
        b'{"hello": "world"}',
        b"[1, 2, 3]",
        b"[]",
        b'{"words": []}',
        b'[{"text": "a", "start": 0}]',
    ],
)
def test_unknown_json_raises_without_candidates(data: bytes) -> None:
    with pytest.raises(FormatDetectionError) as caught:
        detect(data, source="x.json")
    assert caught.value.candidates == ()


def test_invalid_json_is_not_a_detection_problem() -> None:
    with pytest.raises(InputError) as caught:
        detect(b'{"words": [', source="x.json")
    assert not isinstance(caught.value, FormatDetectionError)
    assert caught.value.line == 1


def test_utf16_json_and_an_explicit_encoding_are_detected() -> None:
    payload = '{"words": [{"text": "Zoë", "start": 0, "end": 1}]}'
    spec, doc = detect(payload.encode("utf-16"), source="x.json")
    assert (spec.name, doc["words"][0]["text"]) == ("words", "Zoë")
    spec, doc = detect(payload.encode("latin-1"), source="x.json", encoding="latin-1")
    assert (spec.name, doc["words"][0]["text"]) == ("words", "Zoë")
    with pytest.raises(InputError, match="unknown encoding"):
        detect(payload.encode(), source="x.json", encoding="no-such-codec")
