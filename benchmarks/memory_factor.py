"""Peak memory of a conversion per input byte: the measurement behind ``api.MEMORY_FACTORS``.

    python benchmarks/memory_factor.py [--words 200000] [--cues 60000]

Each case runs in a fresh interpreter: it builds the input in memory, then ``load`` +
``write`` (SRT, so segmentation included) and reports the growth of the peak resident set
size (``resource.getrusage``) over the input's size. Inputs are the worst realistic shapes:
compact word-list JSON of one- and two-letter words, and SRT cues of three short words.
"""

from __future__ import annotations

import argparse
import io
import json
import random
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VOCABULARY = ["a", "I", "to", "the", "of", "is", "it", "an", "be", "we", "so", "no"]


def _clock(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d},{millis:03d}"


def make_input(kind: str, count: int) -> bytes:
    rng = random.Random(1)
    if kind == "json":
        words = [
            {"text": rng.choice(VOCABULARY), "start": round(n * 0.15, 2), "end": n * 0.15 + 0.1}
            for n in range(count)
        ]
        return json.dumps({"words": words}, separators=(",", ":")).encode()
    cues = [
        f"{n + 1}\n{_clock(n * 1000)} --> {_clock(n * 1000 + 900)}\na I to\n\n"
        for n in range(count)
    ]
    return "".join(cues).encode()


def child(kind: str, count: int) -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import cuecraft

    data = make_input(kind, count)
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    transcript = cuecraft.load(data)
    cuecraft.write(transcript, io.BytesIO(), "srt")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(
        f"{kind:5} {len(data) / 2**20:7.1f} MiB in, {len(transcript.words):7d} words: "
        f"peak grew {(peak - base) / len(data):5.1f}x the input"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=200_000, help="words of the JSON case")
    parser.add_argument("--cues", type=int, default=60_000, help="cues of the SRT case")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return 0
    for kind, count in (("json", args.words), ("srt", args.cues)):
        subprocess.run([sys.executable, __file__, "--child", kind, str(count)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
