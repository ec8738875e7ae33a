"""Issue #9: Whisper output without word timestamps and whisper.cpp's JSON (-oj, -ojf).

Shapes from the tools' documentation (docs/vendor-formats.md, whisper.cpp's
``output_json``); no licensed real file of either was found (tests/data/vendors/SOURCES.md).
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError
from cuecraft.readers import detect
from cuecraft.readers._vendor import spread

LOCAL: dict[str, Any] = {
    "text": " Hello there world. Bye.",
    "language": "en",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.0,
            "end": 2.0,
            "text": " Hello there world.",
            "tokens": [50364, 2425, 456, 1002, 13],
            "temperature": 0.0,
            "avg_logprob": -0.2,
            "compression_ratio": 0.9,
            "no_speech_prob": 0.01,
        },
        {"id": 1, "seek": 0, "start": 2.5, "end": 3.0, "text": " Bye.", "tokens": [3]},
    ],
}
# faster-whisper run without word_timestamps, segments dumped with dataclasses.asdict.
FASTER: list[dict[str, Any]] = [{**segment, "words": None} for segment in LOCAL["segments"]]
CPP: dict[str, Any] = {
    "systeminfo": "AVX = 1 | AVX2 = 1",
    "model": {"type": "base", "multilingual": False, "vocab": 51864},
    "params": {"model": "models/ggml-base.en.bin", "language": "en", "translate": False},
    "result": {"language": "en"},
    "transcription": [
        {
            "timestamps": {"from": "00:00:00,000", "to": "00:00:02,000"},
            "offsets": {"from": 0, "to": 2000},
            "text": " Hello there world.",
        },
        {
            "timestamps": {"from": "00:00:02,500", "to": "00:00:03,000"},
            "offsets": {"from": 2500, "to": 3000},
            "text": " Bye.",
        },
    ],
}
SPREAD = [("Hello", 0, 625), ("there", 625, 1250), ("world.", 1250, 2000), ("Bye.", 2500, 3000)]


def _token(text: str, start: int, end: int, p: float = 0.9) -> dict[str, Any]:
    return {
        "text": text,
        "timestamps": {"from": "", "to": ""},
        "offsets": {"from": start, "to": end},
        "id": 1,
        "p": p,
        "t_dtw": -1,
    }


CPP_FULL: dict[str, Any] = {
    "result": {"language": "en"},
    "transcription": [
        {
            "offsets": {"from": 0, "to": 2000},
            "text": " Don't stop.",
            "tokens": [
                _token("[_BEG_]", 0, 0),
                _token(" Don", 0, 400),
                _token("'t", 400, 600, 0.5),
                _token(" stop", 700, 1500),
                _token(".", 1500, 1500),
                _token("[_TT_100]", 2000, 2000),
            ],
        }
    ],
}


def _triples(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


@pytest.mark.parametrize("doc", [LOCAL, FASTER, CPP], ids=["openai", "faster", "whisper.cpp"])
def test_segments_only_are_detected_as_whisper(doc: Any) -> None:
    spec, _ = detect(copy.deepcopy(doc), source="x.json")
    assert spec.name == "whisper"


@pytest.mark.parametrize("doc", [LOCAL, FASTER, CPP], ids=["openai", "faster", "whisper.cpp"])
def test_segments_only_lenient_spreads_words_by_length_with_one_warning(doc: Any) -> None:
    transcript = cuecraft.load(copy.deepcopy(doc), "whisper", strict=False)
    assert _triples(transcript) == SPREAD
    assert [w.paragraph_start for w in transcript.words] == [True, False, False, True]
    [note] = transcript.diagnostics
    assert (note.code, note.severity) == ("interpolated-time", "warning")
    assert "4 words in 2 segments" in note.message


@pytest.mark.parametrize(
    ("doc", "advice", "pointer"),
    [
        (LOCAL, "--word_timestamps True", "/segments"),
        (FASTER, "word_timestamps=True", ""),
        (CPP, "-ojf", "/transcription"),
    ],
    ids=["openai", "faster", "whisper.cpp"],
)
def test_segments_only_strict_names_lenient_mode_and_how_to_get_word_times(
    doc: Any, advice: str, pointer: str
) -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(copy.deepcopy(doc), "whisper")
    assert "strict=False" in caught.value.reason
    assert advice in caught.value.reason
    assert caught.value.pointer == pointer


def test_an_untimed_segment_among_timed_ones_is_spread_even_in_strict_mode() -> None:
    doc = copy.deepcopy(LOCAL)
    doc["segments"][1]["words"] = [
        {"word": " Bye.", "start": 2.6, "end": 2.9, "probability": 0.9},
    ]
    transcript = cuecraft.load(doc, "whisper")
    assert _triples(transcript) == [*SPREAD[:3], ("Bye.", 2600, 2900)]
    assert [d.code for d in transcript.diagnostics] == ["interpolated-time"]


def test_segment_without_times_or_words_is_refused_with_its_pointer() -> None:
    doc = copy.deepcopy(LOCAL)
    del doc["segments"][1]["end"]
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "whisper", strict=False)
    assert caught.value.pointer == "/segments/1/end"


def test_blank_segments_alone_are_refused_as_wordless() -> None:
    doc = copy.deepcopy(LOCAL)
    for segment in doc["segments"]:
        segment["text"] = "  "
    with pytest.raises(InputError, match="no words"):
        cuecraft.load(doc, "whisper", strict=False)


def test_whisper_cpp_full_json_glues_tokens_and_skips_special_ones() -> None:
    transcript = cuecraft.load(copy.deepcopy(CPP_FULL))
    assert _triples(transcript) == [("Don't", 0, 600), ("stop.", 700, 1500)]
    assert [w.confidence for w in transcript.words] == [0.5, 0.9]
    assert transcript.language == "en"
    assert transcript.source.metadata["variant"] == "whisper.cpp"
    assert not transcript.diagnostics


def test_whisper_cpp_unspaced_script_keeps_each_token() -> None:
    doc = {
        "transcription": [
            {
                "offsets": {"from": 0, "to": 300},
                "text": "你好",
                "tokens": [_token("你", 0, 100), _token("好", 100, 300)],
            }
        ]
    }
    assert _triples(cuecraft.load(doc, "whisper")) == [("你", 0, 100), ("好", 100, 300)]


def test_whisper_cpp_clock_timestamps_serve_when_offsets_are_missing() -> None:
    doc = copy.deepcopy(CPP)
    for segment in doc["transcription"]:
        del segment["offsets"]
    assert _triples(cuecraft.load(doc, "whisper", strict=False)) == SPREAD


def test_whisper_cpp_bad_clock_is_refused_with_its_pointer() -> None:
    doc = copy.deepcopy(CPP)
    del doc["transcription"][1]["offsets"]
    doc["transcription"][1]["timestamps"]["to"] = "soon"
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "whisper", strict=False)
    assert caught.value.pointer == "/transcription/1/timestamps/to"


def test_whisper_cpp_token_time_errors_point_at_the_token_offsets() -> None:
    doc = copy.deepcopy(CPP_FULL)
    del doc["transcription"][0]["tokens"][3]["offsets"]["to"]
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "whisper")
    assert caught.value.pointer == "/transcription/0/tokens/3/offsets/to"


def test_spread_is_proportional_and_ends_at_the_segment_end() -> None:
    assert spread(0.0, 10.0, [1, 3, 1]) == [(0.0, 2.0), (2.0, 8.0), (8.0, 10.0)]
    assert spread(1.0, 1.0, [2, 2]) == [(1.0, 1.0), (1.0, 1.0)]
    assert spread(0.0, 4.0, [0, 0]) == [(0.0, 2.0), (2.0, 4.0)]


def test_whisper_cpp_token_without_offsets_is_kept_at_the_previous_end() -> None:
    doc = copy.deepcopy(CPP_FULL)
    tokens = doc["transcription"][0]["tokens"]
    tokens.insert(4, {"text": " now", "id": 9, "p": 0.4})  # after " stop": no offsets
    del tokens[2]["offsets"]  # "'t": a piece, glued without a time of its own
    transcript = cuecraft.load(doc, "whisper")
    assert _triples(transcript) == [("Don't", 0, 400), ("stop", 700, 1500), ("now.", 1500, 1500)]
    [note] = transcript.diagnostics
    assert (note.code, note.pointer) == ("interpolated-time", "/transcription/0/tokens/4")


def test_whisper_cpp_untimed_first_token_starts_at_the_segment() -> None:
    doc = copy.deepcopy(CPP_FULL)
    doc["transcription"][0]["offsets"] = {"from": 100, "to": 2000}
    del doc["transcription"][0]["tokens"][1]["offsets"]
    transcript = cuecraft.load(doc, "whisper")
    assert _triples(transcript)[0] == ("Don't", 100, 600)


def test_api_verbose_json_without_words_is_claimed_by_its_task() -> None:
    # An OpenAI-compatible server's verbose_json: segments without "seek"/"tokens".
    doc = {
        "task": "transcribe",
        "language": "english",
        "duration": 3.0,
        "text": "Hello there world. Bye.",
        "segments": [
            {"id": 0, "start": 0.0, "end": 2.0, "text": " Hello there world."},
            {"id": 1, "start": 2.5, "end": 3.0, "text": " Bye."},
        ],
    }
    spec, _ = detect(doc, source="api.json")
    assert spec.name == "whisper"
    transcript = cuecraft.load(doc, strict=False)
    assert _triples(transcript) == SPREAD
    assert transcript.language == "en"


def test_whisper_cpp_blank_segments_and_tokens_give_no_words_error() -> None:
    doc = copy.deepcopy(CPP)
    for segment in doc["transcription"]:
        segment["text"] = " "
    doc["transcription"].append(
        {"offsets": {"from": 3000, "to": 3100}, "text": " ", "tokens": [_token(" ", 3000, 3100)]}
    )
    with pytest.raises(InputError, match="no words"):
        cuecraft.load(doc, "whisper", strict=False)
    del doc["transcription"][-1]  # blank segment texts alone: refused at the segment list
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "whisper", strict=False)
    assert caught.value.pointer == "/transcription"


def test_unaligned_whisperx_output_says_how_to_read_it_and_that_works() -> None:
    doc = {
        "segments": [{"start": 0.0, "end": 2.0, "text": " Hello there world."}],
        "language": "en",
    }
    with pytest.raises(InputError, match="format=whisper and strict=False"):
        cuecraft.load(copy.deepcopy(doc), "whisperx")
    transcript = cuecraft.load(doc, "whisper", strict=False)
    assert _triples(transcript) == SPREAD[:3]
