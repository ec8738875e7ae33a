"""The sloppiness policy and the error contract, across the JSON vendor readers.

Properties: any valid generated payload reads back with every word's text in order and its
times as rounded ms; a payload with one field broken raises an ``InputError`` (never another
exception) whose pointer leads to the broken field inside the payload.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import READERS, detect
from tests.conftest import SAMPLES
from tests.readers.payloads import VENDORS, Corrupted, Payload, corrupted, payloads, resolve


def _load_json_text(doc: Any, vendor: str, *, strict: bool = True) -> cuecraft.Transcript:
    # Through the JSON text (NaN and Infinity are written as JavaScript literals, which
    # Python's json reads back), so decoding is part of what is tested.
    return cuecraft.load(json.dumps(doc).encode(), vendor, strict=strict)


@pytest.mark.parametrize("vendor", VENDORS)
@given(data=st.data())
def test_valid_payload_keeps_every_word_in_order(vendor: str, data: st.DataObject) -> None:
    payload: Payload = data.draw(payloads(vendor))
    transcript = _load_json_text(payload.doc, vendor)
    assert [w.text for w in transcript.words] == payload.texts
    assert [w.start_ms for w in transcript.words] == payload.starts_ms
    assert [w.end_ms for w in transcript.words] == payload.ends_ms
    assert transcript.source.format == vendor


@pytest.mark.parametrize("vendor", VENDORS)
@given(data=st.data())
def test_valid_payload_is_detected_as_its_vendor(vendor: str, data: st.DataObject) -> None:
    payload: Payload = data.draw(payloads(vendor))
    spec, _ = detect(json.dumps(payload.doc).encode(), source="<generated>")
    assert spec.name == vendor


def _assert_points_inside(error: InputError, case: Corrupted) -> None:
    assert error.pointer is not None, error
    try:
        resolve(case.doc, error.pointer)
    except LookupError:
        # Only a missing field may be named by a pointer that does not resolve, and then its
        # parent must.
        parent, _, key = error.pointer.rpartition("/")
        container = resolve(case.doc, parent)
        assert isinstance(container, dict), error.pointer
        assert key not in container, error.pointer
        assert case.kind.startswith("missing"), (case.kind, error.pointer)
    # The error names the broken field (or the broken container itself).
    assert error.pointer == case.pointer, (case.kind, error.pointer, case.pointer)


@pytest.mark.parametrize("vendor", VENDORS)
@given(data=st.data())
def test_corrupted_payload_raises_input_error_with_pointer(
    vendor: str, data: st.DataObject
) -> None:
    case: Corrupted = data.draw(corrupted(vendor))
    with pytest.raises(InputError) as caught:
        _load_json_text(case.doc, vendor)
    _assert_points_inside(caught.value, case)


@pytest.mark.parametrize("vendor", VENDORS)
@given(data=st.data())
def test_corruption_other_than_reversal_fails_in_lenient_mode_too(
    vendor: str, data: st.DataObject
) -> None:
    case: Corrupted = data.draw(corrupted(vendor))
    if case.repairable:
        transcript = _load_json_text(case.doc, vendor, strict=False)
        assert any(d.code == "end-before-start" for d in transcript.diagnostics)
        return
    with pytest.raises(InputError) as caught:
        _load_json_text(case.doc, vendor, strict=False)
    _assert_points_inside(caught.value, case)


# --- the sloppiness policy, shown on the generic word list (every reader shares assemble()) ---


def _words(*items: tuple[str, float, float]) -> dict[str, Any]:
    return {"words": [{"text": t, "start": s, "end": e} for t, s, e in items]}


def test_small_end_before_start_is_repaired_with_a_diagnostic_even_in_strict_mode() -> None:
    transcript = cuecraft.load(_words(("a", 1.0, 0.95), ("b", 1.2, 1.5)), "words")
    assert (transcript.words[0].start_ms, transcript.words[0].end_ms) == (1000, 1000)
    [note] = transcript.diagnostics
    assert (note.code, note.pointer, note.word_index) == ("end-before-start", "/words/0/end", 0)


def test_large_end_before_start_is_an_error_in_strict_mode_and_repaired_in_lenient() -> None:
    doc = _words(("a", 0.5, 0.6), ("b", 2.0, 1.5))
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "words")
    assert (caught.value.pointer, caught.value.word_index) == ("/words/1/end", 1)
    lenient = cuecraft.load(doc, "words", strict=False)
    assert (lenient.words[1].start_ms, lenient.words[1].end_ms) == (2000, 2000)
    assert [d.code for d in lenient.diagnostics] == ["end-before-start"]


def test_start_out_of_order_is_moved_small_and_refused_large() -> None:
    small = cuecraft.load(_words(("a", 1.0, 1.2), ("b", 0.95, 1.3)), "words")
    assert [w.start_ms for w in small.words] == [1000, 1000]
    assert [d.code for d in small.diagnostics] == ["start-out-of-order"]
    with pytest.raises(InputError) as caught:
        cuecraft.load(_words(("a", 3.0, 3.2), ("b", 1.0, 1.3)), "words")
    assert caught.value.pointer == "/words/1/start"
    lenient = cuecraft.load(_words(("a", 3.0, 3.2), ("b", 1.0, 1.3)), "words", strict=False)
    assert [w.text for w in lenient.words] == ["a", "b"]  # never reordered


@pytest.mark.parametrize(
    ("value", "literal"),
    [(-0.5, "-0.5"), (float("nan"), "NaN"), (float("inf"), "Infinity")],
)
def test_negative_nan_and_infinite_times_are_errors_in_both_modes(
    value: float, literal: str
) -> None:
    text = '{"words": [{"text": "a", "start": 0, "end": 1}, {"text": "b", "start": %s, "end": 2}]}'
    for strict in (True, False):
        with pytest.raises(SchemaError) as caught:
            cuecraft.load((text % literal).encode(), "words", strict=strict)
        assert caught.value.pointer == "/words/1/start"


def test_overlapping_and_zero_length_words_are_kept_as_they_are() -> None:
    transcript = cuecraft.load(_words(("a", 1.0, 2.0), ("b", 1.5, 1.5), ("$.", 1.5, 1.5)), "words")
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [
        (1000, 2000),
        (1500, 1500),
        (1500, 1500),
    ]
    assert transcript.diagnostics == ()


@pytest.mark.parametrize(
    ("vendor", "doc", "pointer"),
    [
        (
            "amberscript",
            {
                "speakers": [{"spkid": "spk1", "name": "A"}],
                "segments": [
                    {
                        "speaker": "spk1",
                        "words": [
                            {"text": " ", "start": 0, "end": 0.1},
                            {"text": "x", "start": 0.2, "end": 0.3},
                        ],
                    }
                ],
            },
            "/segments/0/words/0",
        ),
        (
            "scribie",
            [
                {"word": "\t", "start": 0, "end": 0.1, "conf": 1},
                {"word": "x", "start": 1, "end": 2},
            ],
            "/0",
        ),
        ("words", _words(("  ", 0, 0.1), ("x", 0.2, 0.4)), "/words/0"),
    ],
)
def test_whitespace_only_token_is_skipped_with_a_diagnostic(
    vendor: str, doc: Any, pointer: str
) -> None:
    transcript = cuecraft.load(doc, vendor)
    assert [w.text for w in transcript.words] == ["x"]
    assert transcript.words[0].paragraph_start
    assert [(d.code, d.pointer, d.severity) for d in transcript.diagnostics] == [
        ("empty-word", pointer, "info")
    ]


@pytest.mark.parametrize(
    ("vendor", "doc"),
    [
        ("amberscript", {"speakers": [{"spkid": "spk1", "name": "A"}], "segments": []}),
        ("amberscript", {"speakers": [], "segments": [{"speaker": "spk1", "words": []}]}),
        ("scribie", []),
        ("happyscribe", []),
        ("happyscribe", [{"speaker": "A", "speaker_number": 0, "words": [{"text": " "}]}]),
        ("words", {"words": []}),
        ("words", _words((" ", 0, 1))),
    ],
)
def test_empty_transcript_is_an_input_error(vendor: str, doc: Any) -> None:
    with pytest.raises(InputError, match="no words"):
        cuecraft.load(doc, vendor)


@pytest.mark.parametrize("vendor", VENDORS)
def test_invalid_json_reports_line_and_column(vendor: str) -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(b'{\n  "words": [\n    {"text": "a",, }\n  ]\n}', vendor)
    assert (caught.value.line, caught.value.column) == (3, 18)  # the second comma
    assert not isinstance(caught.value, SchemaError)


@pytest.mark.parametrize(
    ("vendor", "doc"),
    [
        ("amberscript", [{"word": "a", "start": 0, "end": 1}]),
        ("scribie", {"words": []}),
        ("happyscribe", {"segments": []}),
        ("words", [1, 2]),
    ],
)
def test_wrong_vendor_shape_is_a_schema_error_at_the_root(vendor: str, doc: Any) -> None:
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc, vendor)
    assert caught.value.pointer == ""


def test_every_problem_is_reported_not_only_the_first() -> None:
    doc = {"words": [{"text": 1, "start": 0, "end": 1}, {"text": "b", "start": "x"}]}
    with pytest.raises(SchemaError) as caught:
        cuecraft.load(doc, "words")
    assert sorted(p.pointer for p in caught.value.problems) == [
        "/words/0/text",
        "/words/1/end",
        "/words/1/start",
    ]


# --- cuecraft.load: every kind of source, and unreadable files ---

SAMPLE = SAMPLES / "amberscript" / "interview.json"


def _texts_and_times(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda p: p, id="path"),
        pytest.param(lambda p: str(p), id="str-path"),
        pytest.param(lambda p: p.read_bytes(), id="bytes"),
        pytest.param(lambda p: io.BytesIO(p.read_bytes()), id="binary-stream"),
        pytest.param(lambda p: json.loads(p.read_text(encoding="utf-8")), id="parsed-json"),
    ],
)
def test_load_accepts_path_bytes_stream_and_parsed_json(make: Any) -> None:
    reference = cuecraft.load(SAMPLE, "amberscript")
    transcript = cuecraft.load(make(SAMPLE))  # detected from content
    assert transcript.source.format == "amberscript"
    assert _texts_and_times(transcript) == _texts_and_times(reference)
    assert transcript.speakers == reference.speakers


def test_load_with_an_open_file_names_the_source() -> None:
    with SAMPLE.open("rb") as stream:
        transcript = cuecraft.load(stream)
    assert transcript.source.name == str(SAMPLE)


def test_unreadable_files_are_input_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as caught:
        cuecraft.load(tmp_path / "missing.json")
    assert caught.value.source == str(tmp_path / "missing.json")
    with pytest.raises(InputError, match="directory"):
        cuecraft.load(tmp_path)
    not_a_folder = tmp_path / "file.json"
    not_a_folder.write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read file"):
        cuecraft.load(not_a_folder / "child.json")
    binary = tmp_path / "noise.json"
    binary.write_bytes(b"\xff\xfe\x00{")
    with pytest.raises(InputError):
        cuecraft.load(binary, "amberscript")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file"
)
def test_file_without_read_permission_is_an_input_error(tmp_path: Path) -> None:
    locked = tmp_path / "locked.json"
    locked.write_bytes(SAMPLE.read_bytes())
    locked.chmod(0)
    with pytest.raises(InputError, match="cannot read"):
        cuecraft.load(locked)


@pytest.mark.parametrize("vendor", sorted(READERS))
def test_unknown_reader_option_is_refused(vendor: str) -> None:
    with pytest.raises(cuecraft.UnknownFormatError):
        cuecraft.load(SAMPLE, vendor, no_such_option=1)
