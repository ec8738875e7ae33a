"""Typed reading straight from the bytes (issue #12): the generic word list decoded by msgspec
into typed structs, without a dict per word.

Loading tries it before detection, so two things must hold for every document it accepts:
detection would have chosen the same reader (no other sniffer claims the document), and the
reader gives the same table, diagnostics and errors as the generic path (decode, then read).
Anything it is unsure of goes the generic way, which says where the problem is.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cuecraft
from cuecraft import _loading
from cuecraft.errors import CuecraftError
from cuecraft.readers import READERS, _claimants, _jsontext, read_typed, words
from cuecraft.readers._typed_words import decode_words
from tests.conftest import SAMPLES, corpus_dir
from tests.readers.fast_paths import outcome

pytest.importorskip("msgspec")

# Keys other vendors put in their word objects (a typed word ignores unknown keys, as the
# reader does): none may make another reader claim what the typed decoder accepts.
_OTHER_WORD_KEYS = (
    "word",
    "punctuated_word",
    "type",
    "alternatives",
    "speaker_confidence",
    "probability",
    "score",
    "start_ms",
    "end_ms",
    "startTime",
    "ts",
)

_numbers = st.one_of(
    st.integers(min_value=-5, max_value=10**6),
    st.floats(min_value=-5, max_value=1e6, allow_nan=False, allow_infinity=False),
)
_any_value = st.one_of(st.none(), st.booleans(), st.text(max_size=3), _numbers)


@st.composite
def _word(draw: st.DrawFn, at: float) -> dict[str, Any]:
    """A word starting at ``at`` (seconds) or, now and then, somewhere odd."""
    start = at if draw(st.integers(0, 9)) else draw(_numbers)
    length = draw(st.one_of(st.integers(0, 2), st.floats(0, 2)))
    word: dict[str, Any] = {
        "text": draw(st.one_of(st.sampled_from(["a", " b ", "c.", "No."]), st.text(max_size=4))),
        "start": start,
        "end": start + length if draw(st.integers(0, 9)) else draw(_numbers),
    }
    if draw(st.booleans()):
        word["speaker"] = draw(st.one_of(st.none(), st.sampled_from(["S1", "S2", ""]), _numbers))
    if draw(st.booleans()):
        word["confidence"] = draw(st.one_of(st.none(), st.floats(0, 1.5), st.booleans()))
    for key in draw(st.lists(st.sampled_from(_OTHER_WORD_KEYS), max_size=2, unique=True)):
        word[key] = draw(_any_value)
    return word


@st.composite
def _words(draw: st.DrawFn) -> list[dict[str, Any]]:
    """Mostly clean word lists (in order, non-negative times), some of them not."""
    items: list[dict[str, Any]] = []
    at = 0.0
    for _ in range(draw(st.integers(0, 6))):
        item = draw(_word(at))
        items.append(item)
        end = item["end"]
        at = end if isinstance(end, (int, float)) and not isinstance(end, bool) else at
    return items


@st.composite
def _document(draw: st.DrawFn) -> dict[str, Any]:
    doc: dict[str, Any] = {"words": draw(_words())}
    for key in draw(st.lists(st.sampled_from(["language", "meta", "metadata", "x"]), unique=True)):
        doc[key] = draw(st.one_of(_any_value, st.just({"k": "v"}), st.just([1])))
    return doc


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_document())
def test_only_the_word_list_reader_claims_what_typed_decoding_accepts(doc: dict[str, Any]) -> None:
    data = json.dumps(doc).encode()
    if decode_words(data) is not None:
        assert _claimants("json", json.loads(data)) == ["words"]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_document(), language=st.sampled_from([None, "es"]))
def test_typed_reading_gives_what_the_generic_reader_gives(
    doc: dict[str, Any], language: str | None
) -> None:
    data = json.dumps(doc).encode()
    typed = outcome(lambda: words.read_bytes(data, source="t.json", language=language))
    if typed[0] == "none":
        return  # the generic path reads it (and says what is wrong)
    generic = outcome(lambda: words.read(json.loads(data), source="t.json", language=language))
    assert typed == generic


def test_documents_of_other_shapes_are_left_to_detection() -> None:
    refused = [
        b'{"words": [{"text": "a", "start": "1", "end": 2}]}',  # a string time
        b'{"words": [{"text": "a", "start": 1, "end": 2}], "status": "done"}',  # AssemblyAI-like
        b'{"words": [{"text": "a", "start_ms": 1, "end_ms": 2, "start": 0, "end": 1}]}',
        b'{"words": []}',
        b'{"segments": [{"words": [{"text": "a", "start": 1, "end": 2}]}]}',
        b'[{"text": "a", "start": 1, "end": 2}]',
        b'{"words": [{"text": "a", "start": 1, "end": 2}',  # truncated
    ]
    assert [decode_words(data) for data in refused] == [None] * len(refused)


def test_a_byte_order_mark_and_text_input_are_read() -> None:
    data = b'{"words": [{"text": "a", "start": 1, "end": 2, "speaker": "S1"}]}'
    for given_data in (b"\xef\xbb\xbf" + data, data.decode(), "\ufeff" + data.decode()):
        columns = decode_words(given_data)
        assert columns is not None
        assert (columns.texts, columns.starts, columns.speakers) == (["a"], [1], ["S1"])


def _big_word_list(tmp_path: Path) -> Path:
    """A word list over the size from which loading tries typed reading."""
    items = [
        {"text": f"w{i}.", "start": i * 0.5, "end": i * 0.5 + 0.4, "speaker": f"S{i // 500}"}
        for i in range(12_000)
    ]
    path = tmp_path / "big.words.json"
    path.write_text(json.dumps({"language": "en", "words": items}), encoding="utf-8")
    assert path.stat().st_size > _jsontext._FAST_FROM
    return path


def test_loading_a_large_word_list_reads_it_typed_and_as_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _big_word_list(tmp_path)
    taken: list[str] = []

    def spy(*args: Any, **kwargs: Any) -> Any:
        found = read_typed(*args, **kwargs)
        taken.append("typed" if found is not None else "generic")
        return found

    monkeypatch.setattr(_loading, "read_typed", spy)
    typed = cuecraft.load_words(path, speaker_names="Ann,Bob")
    assert taken == ["typed"]
    monkeypatch.setattr(_loading, "read_typed", lambda *args, **kwargs: None)
    generic = cuecraft.load_words(path, speaker_names="Ann,Bob")
    assert typed.transcript() == generic.transcript()
    assert [s.name for s in typed.speaker_list[:2]] == ["Ann", "Bob"]
    # Named as -f words, and through cuecraft.load.
    assert cuecraft.load(path, format="words", speaker_names="Ann,Bob") == generic.transcript()


def test_a_large_document_needing_repair_is_read_the_generic_way(tmp_path: Path) -> None:
    path = _big_word_list(tmp_path)
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["words"][7]["end"] = doc["words"][7]["start"] - 0.001  # ends 1 ms before it starts
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert words.read_bytes(path.read_bytes(), source="big") is None  # the column pass refuses
    lenient = cuecraft.load(path, strict=False)
    assert [d.code for d in lenient.diagnostics] == ["end-before-start"]
    assert lenient.diagnostics[0].pointer == "/words/7/end"


def test_an_option_of_another_reader_is_refused_as_before(tmp_path: Path) -> None:
    path = _big_word_list(tmp_path)
    with pytest.raises(CuecraftError, match="time_origin"):
        cuecraft.load_words(path, time_origin="zero")


def test_only_the_word_list_reader_is_typed() -> None:
    typed = [info.name for info in READERS.infos() if info.typed]
    assert typed == ["words"]
    assert all((READERS[name].read_bytes is not None) for name in typed)


def test_real_word_lists_read_typed_as_the_generic_reader_reads_them() -> None:
    files = [SAMPLES / "words" / "talk.words.json"]
    files += sorted(corpus_dir("segmentation", "ted_dev").glob("*.words.json"))[:5]
    for path in files:
        data = path.read_bytes()
        typed = words.read_bytes(data, source=path.name)
        assert typed is not None, path
        generic = words.read(json.loads(data), source=path.name)
        assert typed.transcript() == generic.transcript(), path
