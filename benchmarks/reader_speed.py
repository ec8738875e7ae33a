"""Loading speed per vendor format (issue #12): the same words in each vendor's JSON shape.

    python benchmarks/reader_speed.py [--words 100000] [--runs 3] [--src OTHER/src ...]
                                      [--formats words,amberscript,...]

``../shared/bench/peers/make_transcript.py N --seed 11`` writes one word list; this script
rewrites it in the shape of the big JSON vendors: Amberscript, Scribie, AssemblyAI, Deepgram,
AWS Transcribe, Rev.ai, Speechmatics, Google Speech-to-Text, OpenAI Whisper, WhisperX,
whisper-timestamped, HappyScribe and the generic word list itself, all of which have a column
fast path. It then times
``cuecraft.load_words(path)`` in a fresh process per source tree: the best CPU time
(``time.process_time``) of ``--runs`` loads, and the words loaded. ``--src`` adds another
tree (before/after; the first column is this one). The loaded transcripts of every tree are
compared, so a faster path that reads differently shows as "differs". Needs ``../shared``;
without it, says so and exits 0.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAKE_TRANSCRIPT = ROOT.parent / "shared" / "bench" / "peers" / "make_transcript.py"

Words = list[dict[str, Any]]


def _speaker_number(word: dict[str, Any]) -> int:
    label = str(word.get("speaker") or "S1")
    return int(label[1:]) if label[1:].isdigit() else 1


def _runs(words: Words, size: int = 12) -> list[Words]:
    """Consecutive runs of one speaker, at most ``size`` words each (segments)."""
    found: list[Words] = []
    for _, run in itertools.groupby(words, key=_speaker_number):
        items = list(run)
        found += [items[i : i + size] for i in range(0, len(items), size)]
    return found


def amberscript(words: Words) -> Any:
    segments = [
        {
            "speaker": f"spk{_speaker_number(run[0])}",
            "words": [
                {
                    "text": w["text"],
                    "start": w["start"],
                    "end": w["end"],
                    "duration": round(w["end"] - w["start"], 3),
                    "conf": 0.93,
                    "pristine": True,
                }
                for w in run
            ],
        }
        for run in _runs(words, 10**9)
    ]
    numbers = sorted({_speaker_number(w) for w in words})
    speakers = [{"spkid": f"spk{n}", "name": f"Speaker {n}"} for n in numbers]
    return {"id": "bench", "filename": "bench.mp3", "speakers": speakers, "segments": segments}


def scribie(words: Words) -> Any:
    items = []
    for w, after in itertools.zip_longest(words, words[1:]):
        item = {"word": w["text"], "start": w["start"], "end": w["end"], "conf": 0.9}
        if after is not None and _speaker_number(after) != _speaker_number(w):
            item.update(turn=1, turn_conf=0.8)
        items.append(item)
    return items


def assemblyai(words: Words) -> Any:
    items = [
        {
            "text": w["text"],
            "start": round(w["start"] * 1000),
            "end": round(w["end"] * 1000),
            "confidence": 0.97,
            "speaker": "AB"[_speaker_number(w) % 2],
        }
        for w in words
    ]
    utterances = [
        {"start": run[0]["start"], "end": run[-1]["end"], "speaker": run[0]["speaker"]}
        for run in _runs(items, 10**9)
    ]
    return {
        "id": "bench",
        "status": "completed",
        "audio_url": "https://example.com/bench.mp3",
        "language_code": "en_us",
        "words": items,
        "utterances": utterances,
    }


def deepgram(words: Words) -> Any:
    items = [
        {
            "word": w["text"].lower().strip(".,?!"),
            "start": w["start"],
            "end": w["end"],
            "confidence": 0.98,
            "punctuated_word": w["text"],
            "speaker": _speaker_number(w) - 1,
            "speaker_confidence": 0.7,
        }
        for w in words
    ]
    alternative = {"transcript": "", "confidence": 0.98, "words": items}
    return {
        "metadata": {"request_id": "bench", "duration": words[-1]["end"], "channels": 1},
        "results": {"channels": [{"alternatives": [alternative]}]},
    }


def aws_transcribe(words: Words) -> Any:
    items: list[dict[str, Any]] = []
    for w in words:
        text = w["text"]
        mark = text[-1] if text[-1] in ".,?!" and len(text) > 1 else ""
        content = text[:-1] if mark else text
        items.append(
            {
                "start_time": f"{w['start']:.3f}",
                "end_time": f"{w['end']:.3f}",
                "alternatives": [{"confidence": "0.99", "content": content}],
                "type": "pronunciation",
                "speaker_label": f"spk_{_speaker_number(w) - 1}",
            }
        )
        if mark:
            items.append(
                {
                    "alternatives": [{"confidence": "0.0", "content": mark}],
                    "type": "punctuation",
                    "speaker_label": f"spk_{_speaker_number(w) - 1}",
                }
            )
    return {
        "jobName": "bench",
        "status": "COMPLETED",
        "results": {"transcripts": [{"transcript": ""}], "items": items},
    }


def revai(words: Words) -> Any:
    monologues = []
    for run in _runs(words, 10**9):
        elements: list[dict[str, Any]] = []
        for w in run:
            text = w["text"]
            mark = text[-1] if text[-1] in ".,?!" and len(text) > 1 else ""
            if elements:
                elements.append({"type": "punct", "value": " "})
            elements.append(
                {
                    "type": "text",
                    "value": text[:-1] if mark else text,
                    "ts": w["start"],
                    "end_ts": w["end"],
                    "confidence": 0.96,
                }
            )
            if mark:
                elements.append({"type": "punct", "value": mark})
        monologues.append({"speaker": _speaker_number(run[0]) - 1, "elements": elements})
    return {"monologues": monologues}


def speechmatics(words: Words) -> Any:
    results: list[dict[str, Any]] = []
    for w in words:
        text = w["text"]
        mark = text[-1] if text[-1] in ".,?!" and len(text) > 1 else ""
        speaker = f"S{_speaker_number(w)}"
        results.append(
            {
                "alternatives": [
                    {
                        "confidence": 0.95,
                        "content": text[:-1] if mark else text,
                        "language": "en",
                        "speaker": speaker,
                    }
                ],
                "start_time": w["start"],
                "end_time": w["end"],
                "type": "word",
            }
        )
        if mark:
            results.append(
                {
                    "alternatives": [
                        {"confidence": 1.0, "content": mark, "language": "en", "speaker": speaker}
                    ],
                    "attaches_to": "previous",
                    "end_time": w["end"],
                    "is_eos": mark != ",",
                    "start_time": w["end"],
                    "type": "punctuation",
                }
            )
    metadata = {
        "transcription_config": {"language": "en", "diarization": "speaker"},
        "language_pack_info": {"word_delimiter": " "},
    }
    return {"format": "2.9", "job": {"id": "bench"}, "metadata": metadata, "results": results}


def whisper(words: Words) -> Any:
    segments = [
        {
            "id": index,
            "seek": 0,
            "start": run[0]["start"],
            "end": run[-1]["end"],
            "text": " " + " ".join(w["text"] for w in run),
            "words": [
                {"word": " " + w["text"], "start": w["start"], "end": w["end"], "probability": 0.9}
                for w in run
            ],
        }
        for index, run in enumerate(_runs(words))
    ]
    return {"text": "", "segments": segments, "language": "en"}


def whisperx(words: Words) -> Any:
    segments = [
        {
            "start": run[0]["start"],
            "end": run[-1]["end"],
            "text": " ".join(w["text"] for w in run),
            "speaker": f"SPEAKER_0{_speaker_number(run[0])}",
            "words": [
                {
                    "word": w["text"],
                    "start": w["start"],
                    "end": w["end"],
                    "score": 0.8,
                    "speaker": f"SPEAKER_0{_speaker_number(w)}",
                }
                for w in run
            ],
        }
        for run in _runs(words)
    ]
    copy = [dict(item) for segment in segments for item in segment["words"]]
    return {"segments": segments, "word_segments": copy, "language": "en"}


def whisper_timestamped(words: Words) -> Any:
    segments = [
        {
            "start": run[0]["start"],
            "end": run[-1]["end"],
            "text": " " + " ".join(w["text"] for w in run),
            "confidence": 0.9,
            "words": [
                {"text": w["text"], "start": w["start"], "end": w["end"], "confidence": 0.9}
                for w in run
            ],
        }
        for run in _runs(words)
    ]
    return {"text": "", "segments": segments, "language": "en"}


def happyscribe(words: Words) -> Any:
    """Speaker blocks of typed tokens: a word, its trailing mark as a ``punctuation`` token,
    then a ``spacing`` token, as HappyScribe's editor splits them."""
    blocks = []
    for run in _runs(words, 40):
        tokens: Words = []
        for w in run:
            text = w["text"]
            mark = text[-1] if text[-1] in ".,?!;" and len(text) > 1 else ""
            times = {"data_start": w["start"], "data_end": w["end"]}
            tokens.append({"text": text[: len(text) - len(mark)], "type": "text", **times})
            tokens[-1]["confidence"] = 0.95
            if mark:
                at = {"data_start": w["end"], "data_end": w["end"]}
                tokens.append({"text": mark, "type": "punctuation", **at, "confidence": 1.0})
            tokens.append({"text": " ", "type": "spacing", "data_start": w["end"]})
            tokens[-1]["data_end"] = w["end"]
        number = _speaker_number(run[0])
        blocks.append(
            {
                "speaker": f"Speaker {number}",
                "speaker_number": number,
                "data_start": run[0]["start"],
                "data_end": run[-1]["end"],
                "words": tokens[:-1],
            }
        )
    return blocks


def google(words: Words) -> Any:
    """A diarized v1 REST response: ``"1.300s"`` times, results without speakers, then the
    last result repeating every word with its ``speakerTag`` (Google's diarization guide)."""

    def item(w: dict[str, Any]) -> dict[str, Any]:
        return {"startTime": f"{w['start']:.3f}s", "endTime": f"{w['end']:.3f}s", "word": w["text"]}

    results: list[dict[str, Any]] = [
        {
            "alternatives": [
                {
                    "transcript": " ".join(w["text"] for w in run),
                    "confidence": 0.92,
                    "words": [item(w) for w in run],
                }
            ],
            "resultEndTime": f"{run[-1]['end']:.3f}s",
            "languageCode": "en-us",
        }
        for run in _runs(words, 30)
    ]
    tagged = [dict(item(w), speakerTag=_speaker_number(w)) for w in words]
    results.append({"alternatives": [{"transcript": "", "words": tagged}]})
    return {"results": results, "totalBilledTime": f"{round(words[-1]['end'])}s"}


SHAPES: dict[str, Callable[[Words], Any]] = {
    "words": lambda words: {"words": words},
    "amberscript": amberscript,
    "scribie": scribie,
    "assemblyai": assemblyai,
    "deepgram": deepgram,
    "aws_transcribe": aws_transcribe,
    "revai": revai,
    "speechmatics": speechmatics,
    "whisper": whisper,
    "whisperx": whisperx,
    "whisper_timestamped": whisper_timestamped,
    "happyscribe": happyscribe,
    "google": google,
}

CHILD = """
import hashlib, sys, time
from cuecraft import load_words
best = None
for _ in range(int(sys.argv[3])):
    began = time.process_time()
    table = load_words(sys.argv[1], format=sys.argv[2])
    spent = time.process_time() - began
    best = spent if best is None else min(best, spent)
digest = hashlib.sha256(table.transcript().model_dump_json().encode()).hexdigest()[:12]
print(best, len(table.texts), digest)
"""


def _load(src: Path, path: Path, name: str, runs: int) -> tuple[float, int, str]:
    env = dict(os.environ, PYTHONPATH=str(src))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), name, str(runs)],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        return float("nan"), 0, done.stderr.strip().splitlines()[-1][:60]
    best, count, digest = done.stdout.split()
    return float(best), int(count), digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--src", action="append", default=[], help="another source tree")
    parser.add_argument("--formats", default=",".join(SHAPES))
    args = parser.parse_args(argv)
    if not MAKE_TRANSCRIPT.is_file():
        print(f"skipped: {MAKE_TRANSCRIPT} not found (../shared is not beside the project)")
        return 0
    trees = [ROOT / "src", *(Path(src).resolve() for src in args.src)]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder, "words.json")
        command = [sys.executable, str(MAKE_TRANSCRIPT), str(args.words), str(base)]
        subprocess.run([*command, "--seed", str(args.seed)], check=True)
        words = json.loads(base.read_text(encoding="utf-8"))["words"]
        header = ["format", *(f"CPU s ({tree.parent.name})" for tree in trees), "words", "same"]
        print(f"{args.words:,} words, best of {args.runs} loads, {sys.version.split()[0]}")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for name in args.formats.split(","):
            path = Path(folder, f"{name}.json")
            path.write_text(json.dumps(SHAPES[name](words)), encoding="utf-8")
            found = [_load(tree, path, name, args.runs) for tree in trees]
            times = [f"{seconds:.3f}" if count else digest for seconds, count, digest in found]
            same = "yes" if len({digest for _, _, digest in found}) == 1 else "differs"
            print(f"| {name} | {' | '.join(times)} | {found[0][1]:,} | {same} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
