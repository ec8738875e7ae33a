"""Peers: cuecraft against the tools a user would otherwise pick, on the same transcript.

    python benchmarks/peers.py [--sizes 2000,20000] [--seed 7] [--peer-python PATH]

For each size, ``../shared/bench/peers/make_transcript.py`` writes one seeded transcript; then
cuecraft and every peer script in that folder (deepgram-captions, whisper's SRT writer,
srt-equalizer, stable-ts) turn it into SRT with the same targets: 42 characters per row, 2 rows,
at most 4.0 s per cue (cuecraft: ``Rules(max_chars_per_row=42, max_rows=2,
max_row_seconds=2.0)``, i.e. 2 rows x 2.0 s). ``check_srt.py`` scores every SRT.

Every tool runs in a fresh interpreter and is timed around ``subprocess.run``, so interpreter
start and imports count for all alike; "cuecraft in-process" is load + segment + write alone.
The peers need packages that are not in the project venv, so their scripts run with
``--peer-python`` (default: ``$CUECRAFT_PEER_PYTHON``, else this interpreter); a peer whose
package does not import is skipped with the reason. A peers venv, as in
``../shared/bench/peers/README.md``::

    python3 -m venv /tmp/peers-venv
    /tmp/peers-venv/bin/pip install deepgram-captions srt srt-equalizer pysubs2
    /tmp/peers-venv/bin/pip install --no-deps openai-whisper
    # stable-ts (optional, CPU torch from the local wheel):
    /tmp/peers-venv/bin/pip install torch==2.13.0 numpy tqdm tiktoken numba more-itertools
    /tmp/peers-venv/bin/pip install --no-deps stable-ts-whisperless
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = ROOT.parent / "shared" / "bench" / "peers"

MAX_CHARS = 42
MAX_ROWS = 2
MAX_ROW_SECONDS = 2.0
MAX_DURATION = MAX_ROWS * MAX_ROW_SECONDS
LIMITS = [
    "--max-chars",
    str(MAX_CHARS),
    "--max-lines",
    str(MAX_ROWS),
    "--max-duration",
    str(MAX_DURATION),
]

PEERS = {
    "deepgram-captions": "deepgram_captions_srt.py",
    "whisper writer": "whisper_writer_srt.py",
    "srt-equalizer": "srt_equalizer_srt.py",
    "stable-ts": "stable_ts_srt.py",
}

# check_srt.py --json key -> column title
CHECKS = {
    "cues": "cues",
    "rows_over_chars": f"rows>{MAX_CHARS}",
    "cues_over_lines": f"cues>{MAX_ROWS}rows",
    "over_duration": f">{MAX_DURATION:.1f} s",
    "over_cps": ">17 cps",
    "bad_breaks": "bad breaks",
    "speaker_spanning": "spans speaker",
}

# What a peer script prints when its package is absent (whisper_writer_srt.py exits with a
# sentence of its own instead of a traceback).
MISSING_PACKAGE = ("ModuleNotFoundError", "ImportError", "is not installed")


def child(source: str, out: str) -> None:
    """Run cuecraft in this (fresh) process; print its in-process time as JSON."""
    import cuecraft

    began = time.perf_counter()
    transcript = cuecraft.load(source, format="words")
    rules = cuecraft.Rules(
        max_chars_per_row=MAX_CHARS, max_rows=MAX_ROWS, max_row_seconds=MAX_ROW_SECONDS
    )
    cues = cuecraft.segment(transcript, rules)
    cuecraft.write(cues, out)
    seconds = time.perf_counter() - began
    print(json.dumps({"words": len(transcript.words), "seconds": seconds}))


def timed(command: list[str]) -> tuple[float, subprocess.CompletedProcess[str]]:
    began = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    return time.perf_counter() - began, done


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


def check(source: Path, srt: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(PEERS_DIR / "check_srt.py"), str(source), str(srt), *LIMITS, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def row(tool: str, words: int, seconds: float, counts: dict[str, Any] | None) -> str:
    cells = [f"{tool:<22}", f"{words:>7,}", f"{seconds:>8.3f}", f"{words / seconds:>10,.0f}"]
    for key, title in CHECKS.items():
        cells.append(f"{counts[key] if counts else '-':>{max(len(title), 5)}}")
    return " ".join(cells)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="2000,20000", help="words per transcript")
    parser.add_argument("--seed", type=int, default=7, help="make_transcript.py seed")
    parser.add_argument(
        "--peer-python",
        default=os.environ.get("CUECRAFT_PEER_PYTHON") or sys.executable,
        help="interpreter with the peers' packages (default: $CUECRAFT_PEER_PYTHON, else this)",
    )
    parser.add_argument("--child", nargs=2, metavar=("IN", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(*args.child)
        return 0
    if not PEERS_DIR.is_dir():
        print(f"skipped: {PEERS_DIR} not found (the peer scripts live in ../shared)")
        return 0
    if not Path(args.peer_python).is_file():
        parser.error(f"--peer-python {args.peer_python} does not exist")

    sizes = [int(size) for size in args.sizes.split(",")]
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores; peers: {args.peer_python}")
    print(
        f"targets: {MAX_CHARS} chars/row, {MAX_ROWS} rows, {MAX_DURATION:.1f} s per cue;"
        f" seed {args.seed}"
    )
    titles = " ".join(f"{title:>5}" for title in CHECKS.values())
    print(f"{'tool':<22} {'words':>7} {'seconds':>8} {'words/s':>10} {titles}")
    skipped: set[str] = set()
    with tempfile.TemporaryDirectory(prefix="cuecraft-peers-") as tmp:
        folder = Path(tmp)
        for size in sizes:
            source = folder / f"t{size}.json"
            subprocess.run(
                [
                    sys.executable,
                    str(PEERS_DIR / "make_transcript.py"),
                    str(size),
                    str(source),
                    "--seed",
                    str(args.seed),
                ],
                check=True,
            )
            words = len(json.loads(source.read_text(encoding="utf-8"))["words"])

            out = folder / "cuecraft.srt"
            seconds, done = timed([sys.executable, __file__, "--child", str(source), str(out)])
            if done.returncode != 0:
                print(f"{'cuecraft':<22} failed: {last_line(done.stderr)}")
            else:
                inner = json.loads(done.stdout.strip().splitlines()[-1])
                print(row("cuecraft", words, seconds, check(source, out)))
                print(row("cuecraft in-process", words, inner["seconds"], None))

            for name, script in PEERS.items():
                if name in skipped:
                    continue
                out = folder / f"{script}.srt"
                command = [args.peer_python, str(PEERS_DIR / script), str(source), str(out)]
                seconds, done = timed([*command, *LIMITS])
                if done.returncode != 0:
                    reason = last_line(done.stderr)
                    if any(marker in done.stderr for marker in MISSING_PACKAGE):
                        # The package will not appear for a larger size either.
                        skipped.add(name)
                        print(f"{name:<22} skipped: {reason}")
                    else:
                        print(f"{name:<22} failed: {reason}")
                    continue
                print(row(name, words, seconds, check(source, out)))
            source.unlink()
    print(
        "seconds: wall time of a fresh interpreter (start + imports + load + segment + write);"
        " in-process: load + segment + write only"
    )
    print(
        f"checks (check_srt.py): rows over {MAX_CHARS} chars, cues over {MAX_ROWS} rows, over "
        f"{MAX_DURATION:.1f} s, over 17 chars/s, rows or cues ending on an article, preposition, "
        "auxiliary, pronoun or first name, cues spanning a speaker change"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
