"""Pathological inputs at growing sizes: does any stage blow up beyond linear time?

    python benchmarks/pathological.py                       # 1k, 10k, 100k and 1M words
    python benchmarks/pathological.py --sizes 1000,10000 --formats srt --memory

Each case is a generic word-list JSON (the ``words`` reader) built to stress one weakness:

* ``no-punctuation``: no sentence or clause ends, so no natural break anywhere;
* ``speaker-every-word``: the speaker changes at every word (a cue per word);
* ``zero-length``: every word lasts 0 ms (times still increase);
* ``same-instant``: every word starts and ends at 0 ms (no timing information at all);
* ``giant-words``: every word is longer than a row (60 characters).

For each case and size it times ``load`` (bytes -> Transcript), ``segment`` and each writer,
and prints microseconds per word. Linear time shows as a flat ``us/word`` column as the size
grows by 10x; the last column is the ratio to the smallest size. Timings are informative and
never decide a test. Quote them with the command and the machine that produced them.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
import tracemalloc
from collections.abc import Callable

import cuecraft
from cuecraft.api import render
from cuecraft.segment import Rules, segment
from cuecraft.writers import get_writer

_VOCABULARY = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]


def _document(case: str, count: int) -> bytes:
    words = []
    clock = 0
    for index in range(count):
        text = _VOCABULARY[index % len(_VOCABULARY)]
        speaker = "A"
        start, end = clock, clock + 250
        if case == "speaker-every-word":
            speaker = "AB"[index % 2]
        elif case == "zero-length":
            end = start
        elif case == "same-instant":
            start = end = 0
        elif case == "giant-words":
            text = (text * 8)[:60]
        words.append({"text": text, "start": start / 1000, "end": end / 1000, "speaker": speaker})
        clock += 300
    return json.dumps({"words": words}).encode()


CASES = ("no-punctuation", "speaker-every-word", "zero-length", "same-instant", "giant-words")


def _timed(action: Callable[[], object], memory: bool) -> tuple[float, float, object]:
    if memory:
        tracemalloc.start()
    started = time.perf_counter()
    result = action()
    elapsed = time.perf_counter() - started
    peak = 0.0
    if memory:
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return elapsed, peak, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", default="1000,10000,100000,1000000")
    parser.add_argument("--cases", default=",".join(CASES))
    parser.add_argument("--formats", default="srt,vtt,txt")
    parser.add_argument("--engine", choices=("optimal", "greedy"), default=None)
    parser.add_argument("--memory", action="store_true", help="measure peak MiB (slower)")
    args = parser.parse_args(argv)
    sizes = [int(size) for size in args.sizes.split(",")]
    formats = [name for name in args.formats.split(",") if name]
    rules = Rules(engine=args.engine) if args.engine else Rules()
    print(f"# python {platform.python_version()} on {platform.machine()} {platform.system()}")
    print(f"# {' '.join(sys.argv)}")
    header = f"{'case':<20} {'words':>8} {'load s':>8} {'segment s':>10} {'write s':>8}"
    header += f" {'total s':>8} {'us/word':>8} {'x first':>7}"
    if args.memory:
        header += f" {'peak MiB':>9}"
    print(header)
    for case in args.cases.split(","):
        first_rate: float | None = None
        for size in sizes:
            data = _document(case, size)
            load_s, load_mb, loaded = _timed(
                lambda data=data: cuecraft.load(data, "words"), args.memory
            )
            assert isinstance(loaded, cuecraft.Transcript)
            transcript: cuecraft.Transcript = loaded
            segment_s, segment_mb, _ = _timed(
                lambda transcript=transcript: segment(transcript, rules), args.memory
            )
            write_s = 0.0
            write_mb = 0.0
            for name in formats:
                spec = get_writer(name)
                seconds, peak, _ = _timed(
                    lambda spec=spec, transcript=transcript: render(transcript, spec, rules=rules),
                    args.memory,
                )
                write_s += seconds
                write_mb = max(write_mb, peak)
            total = load_s + segment_s + write_s
            rate = total / size * 1e6
            first_rate = first_rate or rate
            line = f"{case:<20} {size:>8} {load_s:>8.2f} {segment_s:>10.2f} {write_s:>8.2f}"
            line += f" {total:>8.2f} {rate:>8.1f} {rate / first_rate:>7.2f}"
            if args.memory:
                line += f" {max(load_mb, segment_mb, write_mb):>9.1f}"
            print(line, flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
