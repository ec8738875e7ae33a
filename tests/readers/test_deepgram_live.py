"""Issue #9: Deepgram streaming ``Results`` messages, one message or a saved list of them.

Real single messages live in tests/data/vendors/deepgram/ (see its SOURCES.md); the message
lists are constructed in the documented shape, since no saved stream with a licence was found.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError
from cuecraft.readers import detect

DATA = Path(__file__).resolve().parent.parent / "data" / "vendors" / "deepgram"


def _result(
    words: list[tuple[str, float, float]],
    *,
    is_final: bool = True,
    speech_final: bool = False,
    channel: int = 0,
    channels: int = 1,
) -> dict[str, Any]:
    return {
        "type": "Results",
        "channel_index": [channel, channels],
        "duration": 1.0,
        "start": words[0][1] if words else 0.0,
        "is_final": is_final,
        "speech_final": speech_final,
        "channel": {
            "alternatives": [
                {
                    "transcript": " ".join(w for w, _, _ in words),
                    "confidence": 0.9,
                    "words": [
                        {
                            "word": w.lower().strip(".,"),
                            "start": s,
                            "end": e,
                            "confidence": 0.9,
                            "punctuated_word": w,
                        }
                        for w, s, e in words
                    ],
                }
            ]
        },
        "metadata": {"request_id": "req-1", "model_uuid": "m"},
        "from_finalize": False,
    }


STREAM: list[dict[str, Any]] = [
    {"type": "Metadata", "request_id": "req-1", "channels": 1},
    {"type": "SpeechStarted", "channel": [0], "timestamp": 0.0},
    _result([("Hello", 0.1, 0.4)], is_final=False),
    _result([("Hello", 0.1, 0.4), ("word", 0.5, 0.8)], is_final=False),
    _result([("Hello,", 0.1, 0.4), ("world.", 0.5, 0.9)], speech_final=True),
    _result([("Next", 1.2, 1.5)], is_final=False),
    _result([("Next", 1.2, 1.5), ("one.", 1.6, 1.9)]),
    {"type": "UtteranceEnd", "channel": [0, 1], "last_word_end": 1.9},
]


def _texts(transcript: cuecraft.Transcript) -> list[str]:
    return [w.text for w in transcript.words]


@pytest.mark.parametrize("path", sorted(DATA.glob("live-*.json")), ids=lambda p: p.name)
def test_real_single_messages_read_every_word_once_in_order(path: Path) -> None:
    raw = json.loads(path.read_text(encoding="utf-8"))
    expected = [w["punctuated_word"] for w in raw["channel"]["alternatives"][0]["words"]]
    spec, _ = detect(path.read_bytes(), source=path.name)
    assert spec.name == "deepgram"
    transcript = cuecraft.load(path)
    assert _texts(transcript) == expected
    assert transcript.source.metadata["request_id"] == raw["metadata"]["request_id"]
    assert all(w.speaker is None for w in transcript.words)


def test_a_stream_keeps_only_final_results() -> None:
    transcript = cuecraft.load(copy.deepcopy(STREAM))
    assert _texts(transcript) == ["Hello,", "world.", "Next", "one."]
    assert [w.paragraph_start for w in transcript.words] == [True, False, True, False]
    [note] = transcript.diagnostics
    assert (note.code, note.severity) == ("interim-skipped", "info")
    assert "3 interim" in note.message


def test_interim_results_after_the_last_final_keep_the_last_one_with_a_warning() -> None:
    stream = [
        *copy.deepcopy(STREAM),
        _result([("Cut", 2.0, 2.2)], is_final=False),
        _result([("Cut", 2.0, 2.2), ("short", 2.3, 2.6)], is_final=False),
    ]
    transcript = cuecraft.load(stream, "deepgram")
    assert _texts(transcript) == ["Hello,", "world.", "Next", "one.", "Cut", "short"]
    codes = {d.code: d for d in transcript.diagnostics}
    assert codes["interim-result"].pointer == f"/{len(stream) - 1}"
    assert codes["interim-result"].severity == "warning"


def test_errors_point_into_the_message_list() -> None:
    stream = copy.deepcopy(STREAM)
    stream[6]["channel"]["alternatives"][0]["words"][1]["end"] = "soon"
    with pytest.raises(InputError) as caught:
        cuecraft.load(stream, "deepgram")
    assert caught.value.pointer == "/6/channel/alternatives/0/words/1/end"


def test_one_message_errors_point_from_the_root() -> None:
    message = _result([("Hi", 0.0, 0.2)])
    message["channel"]["alternatives"][0]["words"][0]["start"] = -1
    with pytest.raises(InputError) as caught:
        cuecraft.load(message, "deepgram")
    assert caught.value.pointer == "/channel/alternatives/0/words/0/start"


def test_multichannel_stream_names_the_channel_as_speaker() -> None:
    stream = [
        _result([("Left", 0.0, 0.3)], channel=0, channels=2),
        _result([("Right", 0.1, 0.4)], channel=1, channels=2),
    ]
    transcript = cuecraft.load(stream, "deepgram")
    assert [(w.text, w.speaker) for w in transcript.words] == [("Left", "C0"), ("Right", "C1")]
    assert [s.name for s in transcript.speakers] == ["Channel 0", "Channel 1"]


def test_a_stream_without_words_is_an_empty_transcript_error() -> None:
    with pytest.raises(InputError, match="no words"):
        cuecraft.load([_result([]), {"type": "UtteranceEnd"}], "deepgram")


@pytest.mark.parametrize(
    "doc",
    [
        [{"type": "Metadata"}],  # no Results at all
        [{"word": "a", "start": 0, "end": 1, "turn": 1}],  # Scribie
        [{"type": "Results"}],  # no channel
        {"type": "Results", "channel": "x"},
    ],
)
def test_look_alikes_are_not_claimed_as_streaming(doc: Any) -> None:
    from cuecraft.readers import deepgram

    assert not deepgram.sniff(doc)
