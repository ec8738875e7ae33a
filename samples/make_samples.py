"""Write the bundled vendor samples: one invented interview in each vendor's JSON shape.

Run from anywhere: ``python samples/make_samples.py``. The output is deterministic (fixed
seed, fixed ids), so re-running it reproduces the committed files byte for byte.

The interview is invented for cuecraft (no real recording). Word times are synthetic: each word
lasts in proportion to its length, words inside a sentence are 0-80 ms apart, sentences
0.3-1.2 s, and paragraphs 0.6-2.0 s.

Shapes follow docs/vendor-formats.md: Amberscript export-json (spkid table, paragraphs as
segments, JSON ints for whole times and for ``conf`` 1, float32 noise in ``duration``, a few
words edited by hand with ``pristine: false``, one speaker listed but unused), Scribie (flat
word array with ``turn`` after the last word of each speaker turn), HappyScribe (speaker blocks
of word, punctuation and spacing tokens, written with a UTF-8 BOM) and the generic word list
(``{"meta": ..., "words": [...]}``).
"""

from __future__ import annotations

import json
import random
import re
import struct
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent

HOST = "Zoë Müller"
GUEST = "José Núñez"

# (speaker, paragraph). Consecutive paragraphs of one speaker are one turn.
INTERVIEW: list[tuple[str, str]] = [
    (
        HOST,
        "Good evening, and welcome to Open Studio. I'm Zoë Müller. My guest tonight runs a "
        "community radio station in Valencia. Welcome, José.",
    ),
    (GUEST, "Thank you, Zoë. It's a pleasure to be here."),
    (
        HOST,
        "Let's start at the beginning. How did the station come about, and who listens to it?",
    ),
    (
        GUEST,
        "We started in 1999 with one borrowed transmitter and a kitchen table. A few "
        "neighbours wanted to hear local news in Valencian and in Spanish, so we simply began "
        "talking. Today we have about forty volunteers, and most of our listeners are older "
        "people who still prefer the radio to their phones.",
    ),
    (
        GUEST,
        "Of course, the audience has changed. Younger people find us through the podcast, "
        "and many of them ask for transcripts. Some of them cannot hear well; others listen "
        "on the bus without headphones.",
    ),
    (HOST, "So the transcripts came from your listeners, not from the station?"),
    (
        GUEST,
        "Exactly. At first we typed everything by hand, which took hours for every "
        "programme. Then we tried automatic transcription. The machine is fast, but it does "
        "not know our street names, and it writes “Núñez” in three different ways.",
    ),
    (HOST, "¿Qué tal the subtitles, then? Are they good enough to publish?"),
    (
        GUEST,
        "Mostly, yes. We correct the names, we check the numbers, and we split long sentences "
        "so that nobody has to read more than two short lines at a time. Timing matters more "
        "than people think. If a line stays on screen too briefly, the viewer gives up.",
    ),
    (
        HOST,
        "What would you tell a small station that wants to start doing this tomorrow?",
    ),
    (
        GUEST,
        "Start small. Pick one programme a week, keep a list of the names you use, and ask "
        "your listeners what they need. They will tell you, believe me. And do not be afraid "
        "of mistakes; a transcript with two errors is still better than no transcript at all.",
    ),
    (
        HOST,
        "José Núñez, thank you very much for coming in tonight. That's all for this edition "
        "of Open Studio. Goodbye, and see you next week.",
    ),
    (GUEST, "Goodbye, and thanks again."),
]

SPEAKERS = {HOST: "spk1", GUEST: "spk2"}


def _f32(value: float) -> float:
    narrowed: float = struct.unpack("f", struct.pack("f", value))[0]
    return narrowed


def _float32_duration(start: float, end: float) -> float:
    """``end - start`` as Amberscript writes ``duration``: float32 arithmetic, printed in the
    shortest form that reads back as the same float32 (``0.48000002`` for 1.46 - 0.98)."""
    narrowed = _f32(_f32(end) - _f32(start))
    for digits in range(1, 10):
        shown = float(f"{narrowed:.{digits}g}")
        if _f32(shown) == narrowed:
            return shown
    return narrowed


def _number(value: float) -> float | int:
    """Seconds rounded to 10 ms; a JSON int when whole, as in the real exports."""
    rounded = round(value, 2)
    return int(rounded) if rounded == int(rounded) else rounded


def timed_words() -> list[dict[str, Any]]:
    """The interview as timed words: text, start, end, confidence, speaker, paragraph."""
    rng = random.Random(20240611)
    clock = 0.62
    words: list[dict[str, Any]] = []
    for paragraph_index, (speaker, paragraph) in enumerate(INTERVIEW):
        if paragraph_index:
            clock += rng.uniform(0.6, 2.0)
        tokens = paragraph.split()
        for position, text in enumerate(tokens):
            length = len(re.sub(r"\W", "", text)) or 1
            duration = 0.09 + 0.055 * length + rng.uniform(-0.03, 0.05)
            start = clock
            end = clock + duration
            words.append(
                {
                    "text": text,
                    "start": _number(start),
                    "end": _number(end),
                    "confidence": round(rng.uniform(0.55, 0.99), 2) if rng.random() < 0.2 else 1,
                    "speaker": speaker,
                    "paragraph": paragraph_index,
                }
            )
            clock = end
            if position + 1 < len(tokens):
                ends_sentence = text[-1] in ".?!"
                clock += rng.uniform(0.3, 1.2) if ends_sentence else rng.uniform(0.0, 0.08)
    return words


def amberscript(words: list[dict[str, Any]]) -> dict[str, Any]:
    rng = random.Random(7)
    segments: list[dict[str, Any]] = []
    for word in words:
        if not segments or segments[-1]["_paragraph"] != word["paragraph"]:
            segments.append(
                {"_paragraph": word["paragraph"], "speaker": SPEAKERS[word["speaker"]], "words": []}
            )
        edited = rng.random() < 0.03
        segments[-1]["words"].append(
            {
                "start": word["start"],
                "end": word["end"],
                "duration": _float32_duration(word["start"], word["end"]),
                "text": word["text"],
                "conf": 1 if edited else word["confidence"],
                "pristine": not edited,
            }
        )
    for segment in segments:
        del segment["_paragraph"]
    return {
        "id": "3f6c2a9e-5b1d-4c7e-9a0f-2d8b71e4c5a6",
        "recordId": "open-studio-episode-12",
        "filename": "open-studio-ep12.mp3",
        "startTimeOffset": 0,
        "speakers": [
            {"spkid": "spk1", "name": HOST},
            {"spkid": "spk2", "name": GUEST},
            {"spkid": "spk3", "name": "Speaker 3"},
        ],
        "segments": segments,
        "highlights": [],
    }


def scribie(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rng = random.Random(11)
    out: list[dict[str, Any]] = []
    for index, word in enumerate(words):
        item: dict[str, Any] = {
            "word": word["text"],
            "start": word["start"],
            "end": word["end"],
            "duration": round(word["end"] - word["start"], 2),
            "conf": float(word["confidence"]),
        }
        following = words[index + 1] if index + 1 < len(words) else None
        if following is not None and following["speaker"] != word["speaker"]:
            # "a speaker turn after this word" (the value is undocumented; we write 1)
            item["turn"] = 1
            item["turn_conf"] = round(rng.uniform(0.7, 0.99), 2)
        out.append(item)
    return out


_SPLIT = re.compile(r"^(\W*?)(\w.*?\w|\w)?(\W*)$")


def _tokens(word: dict[str, Any]) -> list[dict[str, Any]]:
    """A word as HappyScribe tokens: leading marks, the word, trailing marks (typed)."""
    match = _SPLIT.match(word["text"])
    assert match is not None
    lead, core, trail = match.groups()
    tokens: list[dict[str, Any]] = []

    def add(text: str, kind: str, start: float, end: float) -> None:
        tokens.append(
            {
                "text": text,
                "type": kind,
                "data_start": start,
                "data_end": end,
                "confidence": float(word["confidence"]) if kind == "text" else 1.0,
            }
        )

    for mark in lead:
        add(mark, "punctuation", word["start"], word["start"])
    add(core or "", "text", word["start"], word["end"])
    for mark in trail:
        add(mark, "punctuation", word["end"], word["end"])
    return tokens


def happyscribe(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    numbers = {HOST: 0, GUEST: 1}
    blocks: list[dict[str, Any]] = []
    paragraph = None
    for word in words:
        if word["paragraph"] != paragraph:
            paragraph = word["paragraph"]
            blocks.append(
                {
                    "speaker": word["speaker"],
                    "speaker_number": numbers[word["speaker"]],
                    "data_start": word["start"],
                    "data_end": word["end"],
                    "words": [],
                }
            )
        block = blocks[-1]
        if block["words"]:
            at = block["words"][-1]["data_end"]
            block["words"].append(
                {"text": " ", "type": "spacing", "data_start": at, "data_end": at}
            )
        block["words"].extend(_tokens(word))
        block["data_end"] = word["end"]
    return blocks


def generic(words: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "meta": {
            "source": "cuecraft samples/make_samples.py (invented interview)",
            "timing": "synthetic, proportional to word length",
        },
        "words": [
            {
                "text": word["text"],
                "start": word["start"],
                "end": word["end"],
                "speaker": word["speaker"],
                "confidence": word["confidence"],
            }
            for word in words
        ],
    }


def _write(path: Path, document: Any, *, bom: bool = False) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(document, ensure_ascii=False, indent=1) + "\n"
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8", newline="\n")


def main() -> None:
    words = timed_words()
    _write(HERE / "amberscript" / "interview.json", amberscript(words))
    _write(HERE / "scribie" / "interview.json", scribie(words))
    # HappyScribe exports may start with a UTF-8 BOM (its own exporter strips one).
    _write(HERE / "happyscribe" / "interview.json", happyscribe(words), bom=True)
    _write(HERE / "words" / "talk.words.json", generic(words))
    print(f"{len(words)} words written to {HERE}")


if __name__ == "__main__":
    main()
