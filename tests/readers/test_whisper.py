"""Whisper reader: local Whisper, faster-whisper dumps, the OpenAI API's verbose_json."""

from __future__ import annotations

from typing import Any

import pytest

from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import READERS, detect
from cuecraft.readers.whisper import SPEC, restore_punctuation

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)

# The real CLI output excerpt quoted in docs/vendor-formats.md (AjinkyaASK/... readme.md).
README_EXCERPT: dict[str, Any] = {
    "text": " Jane? Mark? Hi!",
    "language": "en",
    "segments": [
        {
            "id": 0,
            "seek": 0,
            "start": 0.66,
            "end": 7.92,
            "text": " Jane? Mark? Hi! It's been ages since I last saw you. How are you and Jackie?",
            "tokens": [50364],
            "temperature": 0.0,
            "avg_logprob": -0.2,
            "compression_ratio": 1.3,
            "no_speech_prob": 0.01,
            "words": [
                {"word": " Jane?", "start": 0.66, "end": 1.14, "probability": 0.6182716488838196},
                {"word": " Mark?", "start": 1.6, "end": 2.38, "probability": 0.8746496438980103},
            ],
        },
        {
            "id": 1,
            "seek": 0,
            "start": 2.38,
            "end": 3.0,
            "text": " Hi!",
            "tokens": [50364],
            "words": [{"word": " Hi!", "start": 2.5, "end": 2.5, "probability": 0.9}],
        },
    ],
}


def test_local_output_strips_the_leading_space_and_keeps_probability() -> None:
    transcript = read(README_EXCERPT, source="cli.json")
    assert [w.text for w in transcript.words] == ["Jane?", "Mark?", "Hi!"]
    assert [(w.start_ms, w.end_ms) for w in transcript.words] == [
        (660, 1140),
        (1600, 2380),
        (2500, 2500),
    ]
    assert transcript.words[0].confidence == pytest.approx(0.6182716488838196)
    assert [w.paragraph_start for w in transcript.words] == [True, False, True]
    assert transcript.language == "en"
    assert transcript.source.format == "whisper"


def test_faster_whisper_segment_list_with_array_words() -> None:
    # faster-whisper < 1.1: [segment._asdict() ...] leaves each Word NamedTuple as an array.
    doc = [
        {
            "id": 1,
            "seek": 0,
            "start": 0.0,
            "end": 1.0,
            "text": " Hello world.",
            "tokens": [1],
            "words": [[0.0, 0.4, " Hello", 0.9], [0.5, 1.0, " world.", 0.8]],
        }
    ]
    spec, _ = detect(doc, source="fw.json")
    assert spec.name == "whisper"
    transcript = read(doc, source="fw.json")
    assert [(w.text, w.start_ms, w.end_ms, w.confidence) for w in transcript.words] == [
        ("Hello", 0, 400, 0.9),
        ("world.", 500, 1000, 0.8),
    ]
    doc[0]["words"][1][1] = "late"  # type: ignore[index]
    with pytest.raises(SchemaError) as caught:
        read(doc, source="fw.json")
    assert caught.value.pointer == "/0/words/1/1"


def _token(text: str, start: float, end: float, p: float = 0.9) -> dict[str, Any]:
    return {"word": text, "start": start, "end": end, "probability": p}


def test_whisper_cpp_tokens_are_glued_into_words() -> None:
    # whisper.cpp's verbose_json lists tokens; only a token that starts a word has the space.
    doc = {
        "language": "en",
        "segments": [
            {
                "start": 0.0,
                "end": 2.0,
                "text": " That's why we can't.",
                "words": [
                    _token(" That", 0.0, 0.3),
                    _token("'s", 0.3, 0.4, 0.5),
                    _token(" why", 0.4, 0.7),
                    _token(" we", 0.7, 0.9),
                    _token(" can", 0.9, 1.2),
                    _token("'t", 1.2, 1.3),
                    _token(".", 1.3, 1.4),
                ],
            },
            {
                "start": 2.0,
                "end": 3.0,
                "text": "我们走吧",
                "words": [_token("我们", 2.0, 2.4), _token("走", 2.4, 2.6), _token("吧", 2.6, 2.9)],
            },
        ],
    }
    transcript = read(doc, source="cpp.json")
    assert [w.text for w in transcript.words] == [
        "That's",
        "why",
        "we",
        "can't.",
        "我们",
        "走",
        "吧",
    ]
    that, _, _, cant, *_ = transcript.words
    assert (that.start_ms, that.end_ms, that.confidence) == (0, 400, 0.5)
    assert (cant.start_ms, cant.end_ms) == (900, 1400)
    assert transcript.source.metadata["glued_tokens"] == 3


def test_api_verbose_json_gets_punctuation_back_from_the_text() -> None:
    doc = {
        "task": "transcribe",
        "language": "english",
        "duration": 3.2,
        "text": 'Hello, world. It\'s 1990 — "quoted" U.S. stuff?',
        "segments": [{"id": 0, "start": 0.0, "end": 3.2, "text": "Hello, world."}],
        "words": [
            {"word": "Hello", "start": 0.0, "end": 0.4},
            {"word": "world", "start": 0.5, "end": 0.9},
            {"word": "It's", "start": 1.0, "end": 1.2},
            {"word": "1990", "start": 1.2, "end": 1.6},
            {"word": "quoted", "start": 1.7, "end": 2.0},
            {"word": "U.S", "start": 2.1, "end": 2.4},
            {"word": "stuff", "start": 2.5, "end": 3.2},
        ],
    }
    transcript = read(doc, source="api.json")
    assert [w.text for w in transcript.words] == [
        "Hello,",
        "world.",
        "It's",
        "1990",
        '"quoted"',
        "U.S.",
        "stuff?",
    ]
    assert all(w.confidence is None for w in transcript.words)
    assert transcript.language == "en"
    assert transcript.source.metadata["variant"] == "openai-api"


def test_restore_punctuation_leaves_a_word_it_cannot_place_and_carries_on() -> None:
    text = "One, two. Three!"
    assert restore_punctuation(["one", "zwei", "two", "three"], text) == [
        "One,",
        "zwei",
        "two.",
        "Three!",
    ]
    # A word that only appears further on is not taken from there (words in between).
    assert restore_punctuation(["three", "one"], text) == ["three", "One,"]


def test_output_without_word_timestamps_is_refused_with_a_reason() -> None:
    doc = {
        "text": " Hi.",
        "language": "en",
        "segments": [{"id": 0, "seek": 0, "start": 0.0, "end": 1.0, "text": " Hi.", "tokens": [1]}],
    }
    assert detect(doc, source="x.json")[0].name == "whisper"
    with pytest.raises(InputError, match="word_timestamps") as caught:
        read(doc, source="x.json")
    assert caught.value.pointer == "/segments"


def test_schema_problems_are_all_reported_with_pointers() -> None:
    doc = {
        "segments": [
            {"start": 0, "end": 1, "text": "", "words": [{"word": " a", "start": -1, "end": 1}]},
            {"start": 1, "end": 2, "text": "", "words": [{"start": 1, "end": "2"}]},
        ]
    }
    with pytest.raises(SchemaError) as caught:
        read(doc, source="x.json")
    pointers = [problem.pointer for problem in caught.value.problems]
    assert pointers == [
        "/segments/0/words/0/start",
        "/segments/1/words/0/word",
        "/segments/1/words/0/end",
    ]


@pytest.mark.parametrize(
    ("doc", "reader"),
    [
        pytest.param(README_EXCERPT, "whisper", id="whisper-local"),
        pytest.param(
            {
                "segments": [
                    {
                        "start": 0,
                        "end": 1,
                        "text": "a",
                        "words": [{"word": "a", "start": 0, "end": 1, "score": 0.5}],
                    }
                ]
            },
            "whisperx",
            id="whisperx-score",
        ),
        pytest.param(
            {
                "segments": [
                    {
                        "start": 0,
                        "end": 1,
                        "text": "a",
                        "words": [{"text": "a", "start": 0, "end": 1, "confidence": 0.5}],
                    }
                ]
            },
            "whisper_timestamped",
            id="whisper-timestamped",
        ),
        pytest.param(
            {"words": [{"word": "a", "start": 0, "end": 1}], "text": "a", "task": "transcribe"},
            "whisper",
            id="openai-api",
        ),
    ],
)
def test_the_whisper_family_is_told_apart(doc: Any, reader: str) -> None:
    matches = [name for name, spec in READERS.items() if spec.kind == "json" and spec.sniff(doc)]
    assert matches == [reader]
