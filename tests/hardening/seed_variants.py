"""Other shapes a JSON reader takes (issue #9), fuzzed like the seeds in ``seeds.py``:
Deepgram streaming messages, Whisper segments without words, whisper.cpp JSON, and a real
Deepgram message committed in tests/data/vendors (see its SOURCES.md)."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

__all__ = ["variant", "variant_names"]

# name -> (reader, document)
_VARIANTS: dict[str, tuple[str, Any]] = {
    "deepgram-live": (
        "deepgram",
        [
            {"type": "Metadata", "request_id": "r", "channels": 1},
            {
                "type": "Results",
                "channel_index": [0, 1],
                "start": 0.5,
                "duration": 1.0,
                "is_final": False,
                "speech_final": False,
                "channel": {
                    "alternatives": [
                        {"words": [{"word": "hello", "start": 0.5, "end": 0.9, "confidence": 0.5}]}
                    ]
                },
            },
            {
                "type": "Results",
                "channel_index": [0, 1],
                "start": 0.5,
                "duration": 1.0,
                "is_final": True,
                "speech_final": True,
                "channel": {
                    "alternatives": [
                        {
                            "transcript": "Hello, world.",
                            "words": [
                                {
                                    "word": "hello",
                                    "punctuated_word": "Hello,",
                                    "start": 0.5,
                                    "end": 0.9,
                                    "confidence": 0.9,
                                    "speaker": 0,
                                },
                                {"word": "world", "start": 1.0, "end": 1.4, "confidence": 1},
                            ],
                        }
                    ]
                },
                "metadata": {"request_id": "r"},
            },
            {"type": "UtteranceEnd", "channel": [0, 1], "last_word_end": 1.4},
        ],
    ),
    "whisper-segments": (
        "whisper",
        {
            "text": " Hello, world. Hi!",
            "language": "en",
            "segments": [
                {
                    "id": 0,
                    "seek": 0,
                    "start": 0.5,
                    "end": 1.4,
                    "text": " Hello, world.",
                    "tokens": [1, 2],
                    "temperature": 0.0,
                    "no_speech_prob": 0.1,
                },
                {"id": 1, "seek": 0, "start": 2.0, "end": 2.3, "text": " Hi!", "tokens": [3]},
            ],
        },
    ),
    "whisper-cpp": (
        "whisper",
        {
            "systeminfo": "AVX = 1",
            "model": {"type": "base"},
            "params": {"model": "m.bin", "language": "en", "translate": False},
            "result": {"language": "en"},
            "transcription": [
                {
                    "timestamps": {"from": "00:00:00,500", "to": "00:00:01,400"},
                    "offsets": {"from": 500, "to": 1400},
                    "text": " Hello, world.",
                    "tokens": [
                        {"text": "[_BEG_]", "offsets": {"from": 500, "to": 500}, "id": 1, "p": 1},
                        {"text": " Hello", "offsets": {"from": 500, "to": 900}, "id": 2, "p": 0.9},
                        {"text": ",", "offsets": {"from": 900, "to": 900}, "id": 3, "p": 0.9},
                        {"text": " world", "offsets": {"from": 1000, "to": 1400}, "id": 4, "p": 1},
                    ],
                },
                {
                    "timestamps": {"from": "00:00:02,000", "to": "00:00:02,300"},
                    "offsets": {"from": 2000, "to": 2300},
                    "text": " Hi!",
                },
            ],
        },
    ),
}


# Real files committed in tests/data/vendors (see its SOURCES.md), fuzzed as seeds too.
_REAL = Path(__file__).resolve().parent.parent / "data" / "vendors"
_REAL_VARIANTS = {"deepgram-live-real": ("deepgram", "deepgram/live-result-final-6words.json")}


def variant_names() -> list[str]:
    """The extra shapes, sorted."""
    return sorted([*_VARIANTS, *_REAL_VARIANTS])


def variant(name: str) -> tuple[str, Any]:
    """The reader and a fresh copy of the document of an extra shape."""
    if name in _REAL_VARIANTS:
        reader, path = _REAL_VARIANTS[name]
        return reader, json.loads((_REAL / path).read_text(encoding="utf-8"))
    reader, doc = _VARIANTS[name]
    return reader, copy.deepcopy(doc)
