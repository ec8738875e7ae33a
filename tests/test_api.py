"""api: load from every kind of source, writer choice, option validation, atomic writes."""

from __future__ import annotations

import io
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft import api
from cuecraft.errors import (
    FormatDetectionError,
    InputError,
    OutputError,
    RulesError,
    UnencodableError,
    UnknownFormatError,
)
from cuecraft.model import Cue, Speaker, Transcript, Word
from cuecraft.segment import Rules, segment
from cuecraft.writers import WRITERS, WriteContext, get_writer
from cuecraft.writers.srt import SrtOptions


def _transcript() -> Transcript:
    return Transcript(
        words=(
            Word(text="Hello", start_ms=0, end_ms=400, speaker="a"),
            Word(text="world.", start_ms=450, end_ms=900, speaker="a"),
            Word(text="Hi!", start_ms=2500, end_ms=2900, speaker="b"),
        ),
        speakers=(Speaker(id="a", name="Ann"), Speaker(id="b", name="Bob")),
        language="en",
    )


@pytest.fixture
def canonical_bytes() -> bytes:
    return _transcript().model_dump_json().encode()


# ------------------------------------------------------------------------------------ load


def test_load_from_every_kind_of_source(tmp_path: Path, canonical_bytes: bytes) -> None:
    path = tmp_path / "t.cuecraft.json"
    path.write_bytes(canonical_bytes)
    doc = json.loads(canonical_bytes)
    sources: list[Any] = [
        path,
        str(path),
        canonical_bytes,
        bytearray(canonical_bytes),
        io.BytesIO(canonical_bytes),
        io.StringIO(canonical_bytes.decode()),
        doc,
    ]
    for source in sources:
        transcript = api.load(source)
        assert transcript.words == _transcript().words
        assert transcript.speakers == _transcript().speakers
    assert api.load(canonical_bytes, "canonical").words == _transcript().words


def test_load_errors_name_the_source(tmp_path: Path) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(InputError) as info:
        api.load(missing)
    assert info.value.source == str(missing)
    with pytest.raises(InputError) as info:
        api.load(tmp_path)
    assert info.value.source == str(tmp_path)
    with pytest.raises(InputError) as info:
        api.load(b'{"words": [', source="upload")
    assert (info.value.source, info.value.line) == ("upload", 1)
    with pytest.raises(InputError, match="over the 10-byte limit"):
        api.load(b"x" * 11, max_bytes=10)
    with pytest.raises(InputError, match="cannot load a int"):
        api.load(42)  # type: ignore[arg-type]


def test_load_refuses_to_guess(canonical_bytes: bytes) -> None:
    with pytest.raises(FormatDetectionError) as info:
        api.load(b'{"nothing": "here"}')
    assert info.value.candidates == ()
    with pytest.raises(UnknownFormatError) as unknown:
        api.load(canonical_bytes, "no-such-reader")
    assert unknown.value.format == "no-such-reader"
    with pytest.raises(UnknownFormatError):
        api.load(canonical_bytes, "canonical", bogus_option=1)


# ----------------------------------------------------------------------- choosing a writer


@pytest.mark.parametrize(
    ("target", "name"),
    [
        ("x.srt", "srt"),
        ("X.SRT", "srt"),
        ("dir.v1/x.vtt", "vtt"),
        ("x.cuecraft.json", "canonical"),
    ],
)
def test_writer_for_extension(target: str, name: str) -> None:
    assert api.writer_for(target, None).name == name


def test_writer_for_format_wins_and_unknowns_are_named() -> None:
    assert api.writer_for("x.srt", "vtt").name == "vtt"
    with pytest.raises(UnknownFormatError) as info:
        api.writer_for("x.xyz", None)
    assert info.value.format == ".xyz"
    assert ".srt" in info.value.known
    with pytest.raises(UnknownFormatError):
        api.writer_for("x.srt", "nope")
    with pytest.raises(OutputError):
        api.writer_for("-", None)


def test_make_options() -> None:
    spec = get_writer("srt")
    assert api.make_options(spec, None) == SrtOptions()
    options = SrtOptions(eol="\r\n")
    assert api.make_options(spec, options) is options
    assert api.make_options(spec, {"eol": "\r\n"}) == options
    with pytest.raises(RulesError) as info:
        api.make_options(spec, get_writer("vtt").options())
    assert info.value.field == "options"
    with pytest.raises(RulesError) as info:
        api.make_options(spec, {"speaker_labels": "loud"})
    assert info.value.field == "speaker_labels"


# ---------------------------------------------------------------------------------- render


def test_render_segments_transcripts_and_takes_cues() -> None:
    transcript = _transcript()
    spec = get_writer("srt")
    data, notes = api.render(transcript, spec, rules=Rules(max_chars_per_row=20))
    cues = segment(transcript, Rules(max_chars_per_row=20))
    assert api.render(cues, spec)[0] == data
    assert notes == []
    assert data.decode().startswith("1\n00:00:00,000 --> ")


def test_render_passes_speaker_names_to_cue_writers() -> None:
    data, _ = api.render(_transcript(), get_writer("vtt"), options={"speaker_labels": "voice"})
    assert b"<v Ann>Hello world." in data
    assert b"<v Bob>Hi!" in data


def test_transcript_writers_need_a_transcript() -> None:
    cues = segment(_transcript())
    with pytest.raises(OutputError, match="needs a Transcript"):
        api.render(cues, get_writer("canonical"))


# ----------------------------------------------------------------------------------- write


def test_write_to_a_path_a_stream_and_stdout(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    transcript = _transcript()
    expected, _ = api.render(transcript, get_writer("vtt"))
    target = tmp_path / "out.vtt"
    assert api.write(transcript, target) == []
    assert target.read_bytes() == expected
    stream = io.BytesIO()
    api.write(transcript, stream, "vtt")
    assert stream.getvalue() == expected
    api.write(transcript, "-", "vtt")
    assert capsysbinary.readouterr().out == expected
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.vtt"]


def test_write_replaces_an_existing_file(tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    target.write_text("old content that is longer than the new one" * 100, encoding="utf-8")
    cuecraft.write(_transcript(), target)
    assert target.read_bytes() == api.render(_transcript(), get_writer("srt"))[0]


def test_a_failing_writer_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import dataclasses

    def fail(cues: Sequence[Cue], out: Any, options: Any, context: WriteContext) -> None:
        out.write("half")
        raise UnencodableError("cannot", cue_index=0)

    monkeypatch.setitem(WRITERS, "srt", dataclasses.replace(WRITERS["srt"], write=fail))
    existing = tmp_path / "keep.srt"
    existing.write_text("precious", encoding="utf-8")
    for target in (existing, tmp_path / "new.srt"):
        with pytest.raises(UnencodableError):
            cuecraft.write(_transcript(), target)
    assert existing.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.srt"]


def test_an_unwritable_target_is_an_output_error(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "folder" / "out.srt"
    with pytest.raises(OutputError) as info:
        cuecraft.write(_transcript(), target)
    assert info.value.target == str(target)


def test_convert(tmp_path: Path, canonical_bytes: bytes) -> None:
    target = tmp_path / "out.srt"
    transcript = cuecraft.convert(
        canonical_bytes,
        target,
        input_format="canonical",
        rules=Rules(max_rows=1),
        options={"speaker_labels": "prefix"},
    )
    assert transcript.words == _transcript().words
    text = target.read_text(encoding="utf-8")
    assert "Ann: Hello" in text
    assert "Bob: Hi!" in text


def test_known_formats() -> None:
    readers, writers = api.known_formats()
    assert {"canonical"} <= set(readers)
    assert {"canonical", "srt", "vtt"} <= set(writers)
    assert writers == sorted(writers)


def test_load_and_segment_leave_the_garbage_collector_as_they_found_it() -> None:
    import gc

    sample = Path(__file__).resolve().parent.parent / "samples" / "amberscript" / "interview.json"
    assert gc.isenabled()
    cuecraft.segment(cuecraft.load(sample))
    assert gc.isenabled()
    gc.disable()
    try:
        cuecraft.segment(cuecraft.load(sample))
        assert not gc.isenabled()
    finally:
        gc.enable()
