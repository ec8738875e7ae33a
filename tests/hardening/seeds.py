"""One small valid document per JSON reader: the starting point the fuzz tests mutate.

Each seed is the smallest document that exercises the reader's main fields (two speakers,
punctuation, confidences, a paragraph break where the vendor has them). ``test_seeds_load``
proves every seed reads with its own reader, so a mutation is a change to a valid document.
A new JSON reader needs a seed here: ``test_every_json_reader_has_a_seed`` says so.
"""

from __future__ import annotations

import copy
from typing import Any

_SEEDS: dict[str, Any] = {
    "azure": {
        "source": "https://example.com/a.wav",
        "timestamp": "2024-01-01T00:00:00Z",
        "durationInTicks": 30000000,
        "combinedRecognizedPhrases": [{"channel": 0, "display": "Hello, world. Hi"}],
        "recognizedPhrases": [
            {
                "recognitionStatus": "Success",
                "channel": 0,
                "speaker": 1,
                "offset": "PT0.5S",
                "duration": "PT0.9S",
                "offsetInTicks": 5000000.0,
                "durationInTicks": 9000000.0,
                "locale": "en-US",
                "nBest": [
                    {
                        "confidence": 0.9,
                        "display": "Hello, world.",
                        "words": [
                            {
                                "word": "hello",
                                "offsetInTicks": 5000000,
                                "durationInTicks": 4000000,
                                "confidence": 0.9,
                            },
                            {
                                "word": "world",
                                "offsetInTicks": 10000000,
                                "durationInTicks": 4000000,
                                "confidence": 0.8,
                            },
                        ],
                        "displayWords": [
                            {
                                "displayText": "Hello,",
                                "offsetInTicks": 5000000,
                                "durationInTicks": 4000000,
                            },
                            {
                                "displayText": "world.",
                                "offsetInTicks": 10000000,
                                "durationInTicks": 4000000,
                            },
                        ],
                    }
                ],
            },
            {
                "recognitionStatus": "Success",
                "channel": 0,
                "speaker": 2,
                "offsetInTicks": 20000000,
                "durationInTicks": 3000000,
                "nBest": [
                    {
                        "display": "Hi",
                        "displayWords": [
                            {
                                "displayText": "Hi",
                                "offsetInTicks": 20000000,
                                "durationInTicks": 3000000,
                            }
                        ],
                    }
                ],
            },
        ],
    },
    "google": {
        "results": [
            {
                "alternatives": [
                    {
                        "transcript": "Hello, world.",
                        "confidence": 0.9,
                        "words": [
                            {
                                "startTime": "0.500s",
                                "endTime": "0.900s",
                                "word": "Hello,",
                                "confidence": 0.9,
                                "speakerTag": 1,
                            },
                            {
                                "startTime": {"seconds": "1"},
                                "endTime": {"seconds": "1", "nanos": 400000000},
                                "word": "world.",
                                "confidence": 0.8,
                                "speakerTag": 1,
                            },
                        ],
                    }
                ],
                "channelTag": 1,
                "languageCode": "en-us",
            },
            {
                "alternatives": [
                    {
                        "transcript": "Hi",
                        "words": [
                            {
                                "startOffset": "2s",
                                "endOffset": "2.300s",
                                "word": "Hi",
                                "speakerLabel": "2",
                            }
                        ],
                    }
                ],
                "channelTag": 1,
            },
        ]
    },
    "amberscript": {
        "id": "job-1",
        "recordId": "rec-1",
        "filename": "a.mp3",
        "startTimeOffset": 0,
        "speakers": [{"spkid": "spk1", "name": "Zoë"}, {"spkid": "spk2", "name": "José"}],
        "segments": [
            {
                "speaker": "spk1",
                "words": [
                    {
                        "text": "Hello,",
                        "start": 0.5,
                        "end": 0.9,
                        "duration": 0.4,
                        "conf": 0.9,
                        "pristine": True,
                    },
                    {
                        "text": "world.",
                        "start": 1.0,
                        "end": 1.4,
                        "duration": 0.4,
                        "conf": 1,
                        "pristine": False,
                    },
                ],
            },
            {
                "speaker": "spk2",
                "words": [{"text": "Hi!", "start": 2.0, "end": 2.3, "duration": 0.3, "conf": 0.8}],
            },
        ],
        "highlights": [],
    },
    "scribie": [
        {"word": "Hello,", "start": 0.5, "end": 0.9, "duration": 0.4, "conf": 0.9},
        {
            "word": "world.",
            "start": 1.0,
            "end": 1.4,
            "duration": 0.4,
            "conf": 1,
            "turn": True,
            "turn_conf": 0.9,
        },
        {"word": "Hi!", "start": 2.0, "end": 2.3, "duration": 0.3, "conf": 0.8},
    ],
    "happyscribe": [
        {
            "speaker": "Zoë",
            "speaker_number": 0,
            "data_start": 0.5,
            "data_end": 1.4,
            "words": [
                {
                    "text": "Hello",
                    "type": "text",
                    "data_start": 0.5,
                    "data_end": 0.9,
                    "confidence": 0.9,
                },
                {"text": ",", "type": "punctuation", "data_start": 0.9, "data_end": 0.9},
                {"text": " ", "type": "spacing"},
                {
                    "text": "world",
                    "type": "text",
                    "data_start": 1.0,
                    "data_end": 1.4,
                    "confidence": 1,
                },
            ],
        },
        {
            "speaker": "José",
            "speaker_number": 1,
            "data_start": 2.0,
            "data_end": 2.3,
            "words": [
                {
                    "text": "Hi",
                    "type": "text",
                    "data_start": 2.0,
                    "data_end": 2.3,
                    "confidence": 0.8,
                },
            ],
        },
    ],
    "words": {
        "language": "en",
        "words": [
            {"text": "Hello,", "start": 0.5, "end": 0.9, "speaker": "Zoë", "confidence": 0.9},
            {"text": "world.", "start": 1.0, "end": 1.4, "speaker": "Zoë"},
            {"text": "Hi!", "start": 2.0, "end": 2.3, "speaker": "José", "confidence": None},
        ],
    },
    "canonical": {
        "words": [
            {"text": "Hello,", "start_ms": 500, "end_ms": 900, "speaker": "s1"},
            {"text": "Hi!", "start_ms": 2000, "end_ms": 2300, "speaker": "s2", "confidence": 0.8},
        ],
        "speakers": [{"id": "s1", "name": "Zoë"}, {"id": "s2", "name": "José"}],
        "language": "en",
    },
    "whisper": {
        "text": " Hello, world. Hi!",
        "language": "en",
        "segments": [
            {
                "id": 0,
                "start": 0.5,
                "end": 2.3,
                "text": " Hello, world. Hi!",
                "words": [
                    {"word": " Hello,", "start": 0.5, "end": 0.9, "probability": 0.9},
                    {"word": " world.", "start": 1.0, "end": 1.4, "probability": 1.0},
                    {"word": " Hi!", "start": 2.0, "end": 2.3, "probability": 0.8},
                ],
            }
        ],
    },
    "whisperx": {
        "segments": [
            {
                "start": 0.5,
                "end": 1.4,
                "text": "Hello, world.",
                "speaker": "SPEAKER_00",
                "words": [
                    {
                        "word": "Hello,",
                        "start": 0.5,
                        "end": 0.9,
                        "score": 0.9,
                        "speaker": "SPEAKER_00",
                    },
                    {"word": "world."},
                ],
            },
            {
                "start": 2.0,
                "end": 2.3,
                "text": "Hi!",
                "speaker": "SPEAKER_01",
                "words": [
                    {
                        "word": "Hi!",
                        "start": 2.0,
                        "end": 2.3,
                        "score": 0.8,
                        "speaker": "SPEAKER_01",
                    },
                ],
            },
        ],
        "word_segments": [
            {"word": "Hello,", "start": 0.5, "end": 0.9, "score": 0.9, "speaker": "SPEAKER_00"},
            {"word": "world."},
            {"word": "Hi!", "start": 2.0, "end": 2.3, "score": 0.8, "speaker": "SPEAKER_01"},
        ],
    },
    "whisper_timestamped": {
        "text": " Hello, world. Hi!",
        "segments": [
            {
                "start": 0.5,
                "end": 2.3,
                "text": " Hello, world. Hi!",
                "confidence": 0.9,
                "words": [
                    {"text": "Hello,", "start": 0.5, "end": 0.9, "confidence": 0.9},
                    {"text": "world.", "start": 1.0, "end": 1.4, "confidence": 1.0},
                    {"text": "Hi!", "start": 2.0, "end": 2.3, "confidence": 0.8},
                ],
            }
        ],
    },
    "aws_transcribe": {
        "jobName": "job",
        "accountId": "1",
        "status": "COMPLETED",
        "results": {
            "transcripts": [{"transcript": "Hello, world. Hi!"}],
            "speaker_labels": {
                "speakers": 2,
                "segments": [
                    {
                        "start_time": "0.5",
                        "end_time": "1.4",
                        "speaker_label": "spk_0",
                        "items": [
                            {"start_time": "0.5", "end_time": "0.9", "speaker_label": "spk_0"},
                            {"start_time": "1.0", "end_time": "1.4", "speaker_label": "spk_0"},
                        ],
                    },
                    {
                        "start_time": "2.0",
                        "end_time": "2.3",
                        "speaker_label": "spk_1",
                        "items": [
                            {"start_time": "2.0", "end_time": "2.3", "speaker_label": "spk_1"},
                        ],
                    },
                ],
            },
            "items": [
                {
                    "start_time": "0.5",
                    "end_time": "0.9",
                    "type": "pronunciation",
                    "alternatives": [{"confidence": "0.9", "content": "Hello"}],
                    "speaker_label": "spk_0",
                },
                {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": ","}]},
                {
                    "start_time": "1.0",
                    "end_time": "1.4",
                    "type": "pronunciation",
                    "alternatives": [{"confidence": "1.0", "content": "world"}],
                    "speaker_label": "spk_0",
                },
                {
                    "start_time": "2.0",
                    "end_time": "2.3",
                    "type": "pronunciation",
                    "alternatives": [{"confidence": "0.8", "content": "Hi"}],
                    "speaker_label": "spk_1",
                },
            ],
        },
    },
    "deepgram": {
        "metadata": {"request_id": "r", "duration": 3.0, "channels": 1},
        "results": {
            "channels": [
                {
                    "alternatives": [
                        {
                            "transcript": "hello world hi",
                            "confidence": 0.9,
                            "words": [
                                {
                                    "word": "hello",
                                    "start": 0.5,
                                    "end": 0.9,
                                    "confidence": 0.9,
                                    "punctuated_word": "Hello,",
                                    "speaker": 0,
                                },
                                {
                                    "word": "world",
                                    "start": 1.0,
                                    "end": 1.4,
                                    "confidence": 1.0,
                                    "punctuated_word": "world.",
                                    "speaker": 0,
                                },
                                {
                                    "word": "hi",
                                    "start": 2.0,
                                    "end": 2.3,
                                    "confidence": 0.8,
                                    "punctuated_word": "Hi!",
                                    "speaker": 1,
                                },
                            ],
                        }
                    ]
                }
            ]
        },
    },
    "assemblyai": {
        "id": "x",
        "status": "completed",
        "language_code": "en",
        "audio_url": "https://example.com/a.mp3",
        "text": "Hello, world. Hi!",
        "words": [
            {"text": "Hello,", "start": 500, "end": 900, "confidence": 0.9, "speaker": "A"},
            {"text": "world.", "start": 1000, "end": 1400, "confidence": 1.0, "speaker": "A"},
            {"text": "Hi!", "start": 2000, "end": 2300, "confidence": 0.8, "speaker": "B"},
        ],
        "utterances": None,
    },
    "revai": {
        "monologues": [
            {
                "speaker": 0,
                "elements": [
                    {"type": "text", "value": "Hello", "ts": 0.5, "end_ts": 0.9, "confidence": 0.9},
                    {"type": "punct", "value": ","},
                    {"type": "punct", "value": " "},
                    {"type": "text", "value": "world", "ts": 1.0, "end_ts": 1.4, "confidence": 1.0},
                ],
            },
            {
                "speaker": 1,
                "elements": [
                    {"type": "text", "value": "Hi", "ts": 2.0, "end_ts": 2.3, "confidence": 0.8},
                    {"type": "unknown", "value": "<inaudible>"},
                ],
            },
        ]
    },
    "speechmatics": {
        "format": "2.9",
        "job": {"id": "j", "duration": 3, "data_name": "", "created_at": ""},
        "metadata": {
            "type": "transcription",
            "transcription_config": {"language": "en", "diarization": "speaker"},
            "language_pack_info": {"word_delimiter": " "},
        },
        "results": [
            {
                "alternatives": [
                    {"confidence": 0.9, "content": "Hello", "language": "en", "speaker": "S1"}
                ],
                "start_time": 0.5,
                "end_time": 0.9,
                "type": "word",
            },
            {
                "alternatives": [
                    {"confidence": 1.0, "content": ",", "language": "en", "speaker": "S1"}
                ],
                "start_time": 0.9,
                "end_time": 0.9,
                "type": "punctuation",
                "attaches_to": "previous",
                "is_eos": False,
            },
            {
                "alternatives": [
                    {"confidence": 0.8, "content": "Hi", "language": "en", "speaker": "S2"}
                ],
                "start_time": 2.0,
                "end_time": 2.3,
                "type": "word",
            },
        ],
    },
}


def seed_names() -> list[str]:
    """The readers that have a seed, sorted."""
    return sorted(_SEEDS)


def seed(reader: str) -> Any:
    """A fresh deep copy of the reader's seed (the tests mutate it)."""
    return copy.deepcopy(_SEEDS[reader])
