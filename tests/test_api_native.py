"""Issue #15, the API: dumps/loads, text streams, pysubs2 in and out, named cues, rules that
cannot apply, option models, model errors, readable help."""

from __future__ import annotations

import io
import json
import pydoc
import sys

import pysubs2
import pytest

import cuecraft
from cuecraft.errors import InputError, ModelError, RulesError, SchemaError, UnknownFormatError
from cuecraft.options import ReaderOptions, SrtOptions, StlOptions, TtmlOptions, VttOptions

SRT = "1\n00:00:01,000 --> 00:00:02,500\nHello there.\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n"


def _named() -> cuecraft.Transcript:
    return cuecraft.Transcript(
        words=(
            cuecraft.Word(text="Hola,", start_ms=0, end_ms=400, speaker="spk_0"),
            cuecraft.Word(text="amigo.", start_ms=450, end_ms=900, speaker="spk_0"),
            cuecraft.Word(text="Bien.", start_ms=2500, end_ms=2900, speaker="spk_1"),
        ),
        speakers=(
            cuecraft.Speaker(id="spk_0", name="Zoë Müller"),
            cuecraft.Speaker(id="spk_1", name="José"),
        ),
        language="es",
    )


def test_dumps_text_is_str_and_binary_is_bytes() -> None:
    srt = cuecraft.dumps(_named(), "srt")
    assert isinstance(srt, str)
    assert srt.startswith("1\n00:00:00,000 --> ")
    assert "Hola, amigo." in srt
    stl = cuecraft.dumps(_named(), "stl")
    assert isinstance(stl, bytes)
    assert stl[3:11] == b"STL25.01"


def test_dumps_accepts_aliases_in_any_case() -> None:
    assert cuecraft.dumps(_named(), "WebVTT") == cuecraft.dumps(_named(), "vtt")
    assert cuecraft.dumps(_named(), "SubRip") == cuecraft.dumps(_named(), "srt")
    # DFXP is a writer of its own (the DFXP profile), named in any case.
    assert cuecraft.dumps(_named(), "DFXP") == cuecraft.dumps(_named(), "dfxp")
    with pytest.raises(UnknownFormatError):
        cuecraft.dumps(_named(), "nope")


def test_write_to_text_streams_and_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    buffer = io.StringIO()
    cuecraft.write(_named(), buffer, "srt")
    assert buffer.getvalue() == cuecraft.dumps(_named(), "srt")
    binary = io.BytesIO()
    cuecraft.write(_named(), binary, "srt")
    assert binary.getvalue().decode() == buffer.getvalue()
    cuecraft.write(_named(), sys.stdout, "vtt")
    assert capsys.readouterr().out == cuecraft.dumps(_named(), "vtt")


def test_binary_format_to_a_bare_text_stream_is_a_cuecraft_error() -> None:
    with pytest.raises(cuecraft.OutputError, match="binary format"):
        cuecraft.write(_named(), io.StringIO(), "stl")


def test_loads_reads_text_and_load_never_takes_text_for_a_path() -> None:
    transcript = cuecraft.loads(SRT)
    assert [w.text for w in transcript.words] == ["Hello", "there.", "Bye."]
    assert transcript.source.name == "<string>"
    assert cuecraft.loads(SRT.encode(), "srt").words == transcript.words
    with pytest.raises(InputError, match=r"cuecraft\.loads") as info:
        cuecraft.load(SRT)
    assert info.value.source == "<str>"  # the text is never printed as a file name
    with pytest.raises(InputError, match="takes str or bytes"):
        cuecraft.loads(123)  # type: ignore[arg-type]


def test_loads_json() -> None:
    text = json.dumps({"words": [{"text": "Hi", "start": 0.0, "end": 0.4}]})
    assert cuecraft.loads(text).words[0].text == "Hi"


def test_pysubs2_round_trip_keeps_words_times_and_names() -> None:
    subs = cuecraft.to_pysubs2(_named())
    assert isinstance(subs, pysubs2.SSAFile)
    assert [event.name for event in subs] == ["Zoë Müller", "José"]
    assert subs[1].start == 2500
    back = cuecraft.load(subs)
    assert [w.text for w in back.words] == [w.text for w in _named().words]
    assert [back.speaker_name(w.speaker) for w in back.words] == ["Zoë Müller"] * 2 + ["José"]


def test_load_reads_a_pysubs2_file_made_by_pysubs2() -> None:
    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=1000, end=2000, text=r"One two\Nthree"))
    transcript = cuecraft.load(subs)
    assert [w.text for w in transcript.words] == ["One", "two", "three"]
    assert transcript.source.name == "<SSAFile>"


def test_to_pysubs2_of_cues_and_rules_with_cues_is_an_error() -> None:
    cues = cuecraft.segment(_named(), cuecraft.Rules(max_chars_per_row=20))
    assert len(cuecraft.to_pysubs2(cues)) == len(cues)
    with pytest.raises(RulesError, match="already segmented"):
        cuecraft.to_pysubs2(cues, cuecraft.Rules())


def test_written_cues_name_speakers_as_the_transcript_does() -> None:
    cues = cuecraft.segment(_named())
    assert {line.speaker_name for cue in cues for line in cue.lines} == {"Zoë Müller", "José"}
    options = VttOptions(speaker_labels="voice")
    from_cues = cuecraft.dumps(cues, "vtt", options=options)
    assert "<v Zoë Müller>" in from_cues
    assert "<v spk_0>" not in from_cues
    assert from_cues == cuecraft.dumps(_named(), "vtt", options=options)


def test_rules_that_cannot_apply_are_errors() -> None:
    cues = cuecraft.segment(_named())
    with pytest.raises(RulesError, match="already segmented"):
        cuecraft.write(cues, io.StringIO(), "srt", rules=cuecraft.Rules(max_rows=1))
    with pytest.raises(RulesError, match="never segments"):
        cuecraft.dumps(_named(), "txt", rules=cuecraft.Rules(max_chars_per_row=30))
    # Default rules with a writer that never segments: nothing asked, nothing refused.
    assert cuecraft.dumps(_named(), "txt", rules=cuecraft.Rules())


def test_option_models_are_exported_and_accepted() -> None:
    srt = cuecraft.dumps(_named(), "srt", options=SrtOptions(eol="\r\n"))
    assert isinstance(srt, str)
    assert "\r\n" in srt
    assert issubclass(TtmlOptions, cuecraft.options.WRITER_OPTIONS["ttml"])
    assert issubclass(StlOptions, cuecraft.options.WRITER_OPTIONS["stl"])
    # Built directly with a bad value: a cuecraft error naming the option.
    with pytest.raises(RulesError, match="eol"):
        SrtOptions(eol="\t")
    with pytest.raises(RulesError, match="speaker_labels"):
        ReaderOptions(speaker_labels="loud")
    with pytest.raises(RulesError, match="takes SrtOptions"):
        cuecraft.dumps(_named(), "srt", options=VttOptions())


def test_reader_options_model_and_generic_options() -> None:
    deepgram_like = {
        "words": [
            {"text": "Hola", "start": 0.0, "end": 0.4, "speaker": "0"},
            {"text": "¿Qué", "start": 1.0, "end": 1.3, "speaker": "1"},
        ]
    }
    plain = cuecraft.load(deepgram_like)
    named = cuecraft.load(deepgram_like, options=ReaderOptions(speaker_names=["Zoë", "José"]))
    assert [named.speaker_name(w.speaker) for w in named.words] == ["Zoë", "José"]
    assert [w.speaker for w in named.words] == [w.speaker for w in plain.words]
    spanish = cuecraft.loads(SRT, language="es")
    assert spanish.language == "es"
    first = plain.words[0].speaker
    assert first is not None
    by_id = cuecraft.load(deepgram_like, speaker_names={first: "Ana"})
    assert by_id.speaker_name(first) == "Ana"
    with pytest.raises(InputError, match="not a speaker here"):
        cuecraft.load(deepgram_like, speaker_names="nobody=Ana")
    extra = cuecraft.loads(SRT, speaker_names="Ana")
    assert [d.code for d in extra.diagnostics] == ["unused-speaker-name"]
    with pytest.raises(UnknownFormatError, match="time_origin"):
        cuecraft.loads(SRT, "srt", time_origin="zero")


def test_model_validation_errors_are_cuecraft_errors() -> None:
    with pytest.raises(ModelError) as info:
        cuecraft.Word(text="", start_ms=-1, end_ms=0)
    assert isinstance(info.value, cuecraft.CuecraftError)
    assert isinstance(info.value, SchemaError)
    assert [p.pointer for p in info.value.problems] == ["/text", "/start_ms"]
    with pytest.raises(ModelError, match="at least one word"):
        cuecraft.Transcript(words=())
    with pytest.raises(ModelError, match="/words/0/end_ms"):
        cuecraft.Transcript.model_validate({"words": [{"text": "a", "start_ms": 0}]})
    with pytest.raises(ModelError):
        cuecraft.Cue.model_validate_json('{"start_ms": 5, "end_ms": 1, "lines": []}')


def test_help_of_transcript_is_readable() -> None:
    text = pydoc.plain(pydoc.render_doc(cuecraft.Transcript))
    assert len(text.splitlines()) < 200
    assert "__pydantic_core_schema__" not in text
    assert "ModelError" in text  # __init__ says what it raises
    whole = pydoc.plain(pydoc.render_doc(cuecraft))
    assert len(whole.splitlines()) < 3000  # was 5,000
    assert "speaker_name" in text
    assert "model_dump_json" in text
    assert "model_post_init" not in text  # pydantic's plumbing is not listed
    assert "parse_raw" not in text  # nor its deprecated methods
