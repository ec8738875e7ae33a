"""Pathological inputs at growing sizes: does any stage blow up beyond linear time? (issue 10)

    python benchmarks/pathological.py                        # hostile shapes at N, 2N and 4N
    python benchmarks/pathological.py --cases sbv-write-digits,ass-write-braces --scale 2
    python benchmarks/pathological.py --word-lists --sizes 1000,10000 --formats srt --memory

**Hostile shapes** (the default). Each case builds one input of size N that stresses one
weakness a quadratic regex or a string built by concatenation would have, and runs one stage
on it (``read``: ``cuecraft.load`` of the bytes; ``write``: one writer on ready cues or a
transcript), at N, 2N and 4N, each in a fresh subprocess with a time limit on the stage
(``--timeout``; building the input is not timed):

* ``vtt-voice-spaces``: a WebVTT cue ``<v`` + N spaces + ``x``;
* ``srt-voice-cues``: an SRT file of N KiB of cues like that one;
* ``srt-newlines``: one SRT cue holding N newlines between two words;
* ``vtt-cr-only``: a WebVTT file of N KiB with CR-only line endings;
* ``sbv-read-digits`` / ``sbv-write-digits``: an SBV word of N digits;
* ``ass-read-braces`` / ``ass-write-braces``: an ASS word of N ``{``;
* ``markup-write-all``: one cue holding N times a string of everything the subtitle writers
  neutralise (tags, braces, ``\\N``, ``-->``, ``[br]``, clock times), written as SRT, WebVTT,
  SBV, ASS and TTML;
* ``txt-turn`` / ``docx-turn``: one speaker turn of N words;
* ``json-integer``: a word-list JSON whose start time is an integer of N digits;
* ``json-nesting``: a JSON document nested N arrays deep.

The table gives the CPU seconds of the stage at each size (wall time on a shared machine
mostly measures the neighbours; the time limit is wall time) and the ratio of each to the one
before: about 2 when the input doubles means linear time, about 4 quadratic. ``timeout``
means the run was stopped (the larger sizes are then skipped); ``refused`` that cuecraft
raised one of its own errors (a fast, clean refusal is a good outcome); ``RAISED`` that
another exception escaped (a bug); ``fast`` that a run took under 10 ms, too little for a
ratio. ``peak MiB`` is the child process's peak resident memory at the largest size, ``+MiB``
how much the stage added.

**Word lists** (``--word-lists``): the older sweep of generic word-list JSON at 1k..1M words,
built to stress the engine (no punctuation, a speaker per word, zero-length and same-instant
words, giant words); it times ``load``, ``segment`` and each writer and prints microseconds
per word (a flat column is linear). Timings are informative and never decide a test; quote
them with the command and the machine that produced them.
"""

from __future__ import annotations

import argparse
import json
import platform
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from functools import partial
from itertools import pairwise
from typing import Any

import cuecraft
from cuecraft.api import render
from cuecraft.model import Cue, Line, Transcript, Word
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


def _word_lists(args: argparse.Namespace) -> int:
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
    for case in (args.cases or ",".join(CASES)).split(","):
        first_rate: float | None = None
        for size in sizes:
            data = _document(case, size)
            load_s, load_mb, loaded = _timed(partial(cuecraft.load, data, "words"), args.memory)
            assert isinstance(loaded, cuecraft.Transcript)
            transcript: cuecraft.Transcript = loaded
            segment_s, segment_mb, _ = _timed(partial(segment, transcript, rules), args.memory)
            write_s = 0.0
            write_mb = 0.0
            for name in formats:
                spec = get_writer(name)
                seconds, peak, _ = _timed(
                    partial(render, transcript, spec, rules=rules), args.memory
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


# ---------------------------------------------------------------------- hostile shapes


def _cue(text: str) -> list[Cue]:
    return [Cue(start_ms=0, end_ms=1000, lines=(Line(text=text, first=0, stop=1),))]


def _turn(count: int) -> Transcript:
    words = (Word(text="word", start_ms=i * 10, end_ms=i * 10 + 5) for i in range(count))
    return Transcript(words=tuple(words))


def _srt_voice_cues(kib: int) -> bytes:
    cues: list[str] = []
    size = 0
    number = 0
    while size < kib * 1024:
        number += 1
        cue = f"{number}\n00:00:00,000 --> 00:00:01,000\n<v{' ' * 200}x\n\n"
        cues.append(cue)
        size += len(cue)
    return "".join(cues).encode()


def _vtt_cr_only(kib: int) -> bytes:
    cues = ["WEBVTT\r"]
    size = 0
    second = 0
    while size < kib * 1024:
        minutes, seconds = divmod(second, 60)
        hours, minutes = divmod(minutes, 60)
        clock = f"{hours:02d}:{minutes:02d}:{seconds:02d}"
        cue = f"\r{clock}.000 --> {clock}.500\rword{second}\r"
        cues.append(cue)
        size += len(cue)
        second += 1
    return "".join(cues).encode()


_SRT_HEAD = "1\n00:00:00,000 --> 00:00:01,000\n"
_ASS_HEAD = (
    "[Script Info]\nScriptType: v4.00+\n\n[Events]\nFormat: Layer, Start, End, Style, Name, "
    "MarginL, MarginR, MarginV, Effect, Text\nDialogue: 0,0:00:00.00,0:00:01.00,Default,,0,0,0,,"
)

# case -> (stage, default N, builder of the stage's input for a size)
HOSTILE: dict[str, tuple[str, int, Callable[[int], Any]]] = {
    "vtt-voice-spaces": (
        "read vtt",
        100_000,
        lambda n: f"WEBVTT\n\n00:00:00.000 --> 00:00:01.000\n<v{' ' * n}x\n".encode(),
    ),
    "srt-voice-cues": ("read srt", 500, _srt_voice_cues),
    "srt-newlines": (
        "read srt",
        20_000,
        lambda n: f"{_SRT_HEAD}hello{chr(10) * n}world\n".encode(),
    ),
    "vtt-cr-only": ("read vtt", 500, _vtt_cr_only),
    "sbv-read-digits": (
        "read sbv",
        1_000_000,
        lambda n: f"0:00:00.000,0:00:01.000\n{'7' * n}\n".encode(),
    ),
    "sbv-write-digits": ("write sbv", 1_000_000, lambda n: _cue("7" * n)),
    "ass-read-braces": ("read ass", 1_000_000, lambda n: f"{_ASS_HEAD}{'{' * n}\n".encode()),
    "ass-write-braces": ("write ass", 1_000_000, lambda n: _cue("{" * n)),
    "markup-write-all": (
        "write all",
        20_000,
        lambda n: _cue("<i>{\\b1}\\N --> [br] 00:00:01,000 0:00:02.000,0:00:03.000 " * n),
    ),
    "txt-turn": ("write txt", 100_000, _turn),
    "docx-turn": ("write docx", 50_000, _turn),
    "json-integer": (
        "read json",
        100_000,
        lambda n: f'{{"words": [{{"text": "a", "start": {"9" * n}, "end": 1}}]}}'.encode(),
    ),
    "json-nesting": ("read json", 100_000, lambda n: ("[" * n + "]" * n).encode()),
}


def _run_one(case: str, size: int) -> dict[str, Any]:
    """Build the input, then time the stage alone (in this process: a child of main)."""
    stage, _, build = HOSTILE[case]
    payload = build(size)
    print("built", flush=True)  # the parent starts its time limit now
    kind, name = stage.split()
    if kind == "read":
        action: Callable[[], object] = lambda: cuecraft.load(  # noqa: E731
            payload, None if name == "json" else name
        )
    else:
        names = ("srt", "vtt", "sbv", "ass", "ttml") if name == "all" else (name,)
        specs = [get_writer(each) for each in names]
        action = lambda: [render(payload, spec) for spec in specs]  # noqa: E731
    before = _peak_mib()
    # CPU time of this process: on a shared machine, wall time mostly measures the neighbours.
    started = time.process_time()
    outcome = "ok"
    try:
        action()
    except cuecraft.CuecraftError as exc:
        outcome = f"refused ({type(exc).__name__})"
    except Exception as exc:  # a raw exception is a bug to report, not a reason to stop
        outcome = f"RAISED {type(exc).__name__}: {str(exc)[:60]}"
    seconds = time.process_time() - started
    peak = _peak_mib()
    return {"seconds": seconds, "peak": peak, "added": max(0.0, peak - before), "outcome": outcome}


def _peak_mib() -> float:
    try:
        import resource
    except ImportError:  # Windows: no getrusage
        return 0.0
    # ru_maxrss is in KiB on Linux (bytes on macOS).
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 2**20


def _child(case: str, size: int, timeout: float) -> dict[str, Any] | None:
    """One measurement in a fresh interpreter, or None when the stage ran past ``timeout``.

    The clock starts when the child says its input is built: building a large transcript
    is not what is measured. A quadratic regex runs inside one C call, which no signal in
    the child can interrupt, so the parent kills the child instead.
    """
    command = [sys.executable, __file__, "--one", case, str(size)]
    # Unbuffered, so that reading the first line takes nothing more from the pipe.
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, bufsize=0
    ) as child:
        assert child.stdout is not None
        ready = child.stdout.readline().strip() == b"built"
        try:
            out, err = child.communicate(timeout=timeout if ready else None)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate()
            return None
    lines = out.decode("utf-8", "replace").strip().splitlines()
    if child.returncode != 0 or not ready or not lines:
        last = (err.decode("utf-8", "replace").strip().splitlines() or ["?"])[-1]
        return {"seconds": float("nan"), "peak": 0.0, "added": 0.0, "outcome": f"crash: {last}"}
    result: dict[str, Any] = json.loads(lines[-1])
    return result


# Below this a run is too short for its ratio to mean anything (timer and start-up noise).
_MEASURABLE_S = 0.01


def _hostile(args: argparse.Namespace) -> int:
    cases = (args.cases or ",".join(HOSTILE)).split(",")
    unknown = [case for case in cases if case not in HOSTILE]
    if unknown:
        raise SystemExit(f"unknown case(s): {', '.join(unknown)}; known: {', '.join(HOSTILE)}")
    print(f"# python {platform.python_version()} on {platform.machine()} {platform.system()}")
    print(f"# {' '.join(sys.argv)}")
    print(
        "# ratio: time at this size / time at the size before (input x2): ~2 linear, ~4 quadratic"
    )
    header = f"{'case':<18} {'stage':<10} {'N':>8} {'cpu s N':>8} {'at 2N':>8} {'at 4N':>8}"
    header += f" {'ratios':>11} {'peak MiB':>9} {'+MiB':>6}  outcome"
    print(header)
    for case in cases:
        stage, size, _ = HOSTILE[case]
        size = max(1, int(size * args.scale))
        seconds: list[str] = []
        times: list[float] = []
        last: dict[str, Any] | None = None
        outcome = "ok"
        for factor in (1, 2, 4):
            result = _child(case, size * factor, args.timeout)
            if result is None:
                seconds.append("timeout")
                outcome = f"timeout after {args.timeout:g} s"
                break
            last = result
            times.append(result["seconds"])
            seconds.append(f"{result['seconds']:.3f}")
            outcome = result["outcome"]
        seconds += ["-"] * (3 - len(seconds))
        ratios = "/".join(
            f"{later / earlier:.1f}" if earlier >= _MEASURABLE_S else "fast"
            for earlier, later in pairwise(times)
        )
        line = f"{case:<18} {stage:<10} {size:>8} {seconds[0]:>8} {seconds[1]:>8} {seconds[2]:>8}"
        peak = f"{last['peak']:.0f}" if last else "-"
        added = f"{last['added']:.0f}" if last else "-"
        line += f" {ratios or '-':>11} {peak:>9} {added:>6}  {outcome}"
        print(line, flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--cases", default=None, help="comma-separated case names")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply each case's N")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    parser.add_argument("--word-lists", action="store_true", help="the word-list sweep instead")
    parser.add_argument("--sizes", default="1000,10000,100000,1000000", help="word lists")
    parser.add_argument("--formats", default="srt,vtt,txt", help="word lists: writers")
    parser.add_argument("--engine", choices=("optimal", "greedy"), default=None)
    parser.add_argument("--memory", action="store_true", help="word lists: peak MiB (slower)")
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(_run_one(args.one[0], int(args.one[1]))))
        return 0
    return _word_lists(args) if args.word_lists else _hostile(args)


if __name__ == "__main__":
    raise SystemExit(main())
