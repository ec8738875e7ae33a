"""End-to-end speed: load a word-timed transcript, segment it, write SRT; 1k to 1M words.

    python benchmarks/segmentation_speed.py [--sizes 1000,10000,100000,1000000] [--profile N]

Each size runs in a fresh interpreter, so that its peak memory is its own: the child loads the
transcript with ``cuecraft.load(path, format="words")``, segments it with ``Rules()`` (the
Amberscript defaults: 42 x 2, 2 s per row) and writes SRT with ``cuecraft.write``. Missing
pieces are skipped and named in the output (the ``words`` reader or the SRT writer).

Input: realistic synthetic transcripts from ``../shared/bench/peers/make_transcript.py`` (real
English phrase structure, punctuation, speaker turns, pauses) when it exists, otherwise from
the small generator below. Peak memory is the child's peak resident set size
(``resource.getrusage``), interpreter and imports included; ``--tracemalloc`` also reports the
peak of Python allocations (slower).

Target (issue 3): 100k words end to end in <= 1.0 s and <= 150 MB on 2 cores, with time
growing linearly (10x the words, at most 11x the time).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MAKE_TRANSCRIPT = ROOT.parent / "shared" / "bench" / "peers" / "make_transcript.py"


def generate(words: int, path: Path, seed: int = 7) -> str:
    """Write a transcript of ``words`` words to ``path``; returns the generator's name."""
    if MAKE_TRANSCRIPT.is_file():
        subprocess.run(
            [sys.executable, str(MAKE_TRANSCRIPT), str(words), str(path), "--seed", str(seed)],
            check=True,
        )
        return "make_transcript.py"
    path.write_text(json.dumps(_fallback_transcript(words, seed)), encoding="utf-8")
    return "built-in generator"


_VOCABULARY = (
    "the a of to and in that it is was for on with as I you he they we at be this have "
    "from or one had by word but not what all were when your can said there use an each "
    "which she do how their if will up other about out many then them these so some her "
    "would make like him into time has look two more write go see number no way could "
    "people my than first water been call who oil its now find long down day did get come "
    "made may part Anna Berlin Monday Netflix 42 2024"
)


def _fallback_transcript(count: int, seed: int) -> dict[str, Any]:
    """English-like words, a punctuation mark every 8-15 words, turns and pauses."""
    rng = random.Random(seed)
    vocabulary = _VOCABULARY.split()
    words: list[dict[str, Any]] = []
    clock = 0.5
    speaker = 1
    until_mark = rng.randint(8, 15)
    for _ in range(count):
        text = rng.choice(vocabulary)
        gap = rng.uniform(0.0, 0.06)
        until_mark -= 1
        if until_mark == 0:
            text += rng.choice(".,.,?")
            until_mark = rng.randint(8, 15)
            gap = rng.uniform(0.2, 0.9) if rng.random() > 0.03 else rng.uniform(1.5, 5.0)
            if rng.random() < 0.1:
                speaker = 3 - speaker
        duration = max(0.08, (0.09 + 0.055 * len(text)) * rng.uniform(0.7, 1.3))
        words.append(
            {
                "text": text,
                "start": round(clock, 3),
                "end": round(clock + duration, 3),
                "speaker": f"S{speaker}",
            }
        )
        clock += duration + gap
    return {"words": words}


def child(path: str, out: str, use_tracemalloc: bool, profile: bool) -> None:
    """Time one run in this (fresh) process and print the numbers as JSON."""
    import resource

    if use_tracemalloc:
        import tracemalloc

        tracemalloc.start()
    import cuecraft
    from cuecraft.model import Speaker, Transcript, Word
    from cuecraft.segment import Rules, segment

    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    notes = []
    began = time.perf_counter()
    if "words" in cuecraft.readers.READERS:
        transcript = cuecraft.load(path, format="words")
    else:
        notes.append("no 'words' reader: built the Transcript in the benchmark")
        with open(path, encoding="utf-8") as handle:
            raw = json.load(handle)["words"]
        labels = sorted({w["speaker"] for w in raw})
        transcript = Transcript(
            words=tuple(
                Word(
                    text=w["text"],
                    start_ms=round(w["start"] * 1000),
                    end_ms=round(w["end"] * 1000),
                    speaker=w["speaker"],
                )
                for w in raw
            ),
            speakers=tuple(Speaker(id=s, name=s) for s in labels),
        )
    loaded = time.perf_counter()
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    cues = segment(transcript, Rules())
    segmented = time.perf_counter()
    if profile:
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr)
        stats.sort_stats("tottime").print_stats(12)
    if "srt" in cuecraft.writers.WRITERS:
        cuecraft.write(cues, out)
    else:
        notes.append("no SRT writer registered: load + segment only")
    written = time.perf_counter()
    result = {
        "words": len(transcript.words),
        "cues": len(cues),
        "load_s": loaded - began,
        "segment_s": segmented - loaded,
        "write_s": written - segmented,
        "total_s": written - began,
        "baseline_mb": baseline_mb,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "notes": notes,
    }
    if use_tracemalloc:
        result["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    print(json.dumps(result))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations")
    parser.add_argument("--profile", type=int, metavar="N", help="cProfile segment() at N words")
    parser.add_argument("--child", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child[0], args.child[1], args.tracemalloc, args.profile is not None)
        return 0

    sizes = [int(size) for size in args.sizes.split(",")]
    folder = Path(tempfile.mkdtemp(prefix="cuecraft-speed-"))
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; rules: Rules() defaults")
    header = (
        f"{'words':>9} {'cues':>7} {'load s':>8} {'segment s':>10} {'write s':>8} "
        f"{'total s':>8} {'words/s':>9} {'seg words/s':>12} {'peak MB':>8} {'x time':>7}"
    )
    print(header)
    previous: dict[str, Any] | None = None
    for size in sizes:
        source = folder / f"t{size}.json"
        generator = generate(size, source)
        command = [sys.executable, __file__, "--child", str(source), str(folder / "out.srt")]
        if args.tracemalloc:
            command.append("--tracemalloc")
        if args.profile == size:
            command += ["--profile", str(size)]
        done = subprocess.run(command, check=True, capture_output=True, text=True)
        if done.stderr:
            print(done.stderr, file=sys.stderr)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        growth = ""
        if previous is not None:
            growth = f"{result['total_s'] / previous['total_s']:.1f}"
        print(
            f"{result['words']:>9,} {result['cues']:>7,} {result['load_s']:>8.3f} "
            f"{result['segment_s']:>10.3f} {result['write_s']:>8.3f} {result['total_s']:>8.3f} "
            f"{result['words'] / result['total_s']:>9,.0f} "
            f"{result['words'] / result['segment_s']:>12,.0f} {result['peak_mb']:>8.1f} "
            f"{growth:>7}"
            + (
                f"  (tracemalloc peak {result['tracemalloc_peak_mb']:.1f} MB)"
                if "tracemalloc_peak_mb" in result
                else ""
            )
        )
        for note in result["notes"]:
            print(f"  note: {note}")
        previous = result
        source.unlink()
    print(f"input: {generator}; interpreter + imports alone: {result['baseline_mb']:.0f} MB peak")
    print("target: 100,000 words end to end <= 1.0 s and <= 150 MB; x time <= 11 per 10x words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
