"""Speed side by side (issue #12): cuecraft convert -> SRT, the greedy peers and the floor.

    python benchmarks/speed.py [--sizes 1000,10000,100000] [--million] [--runs 3]
                               [--peer-python PATH] [--seed 11] [--startup] [--decode]

For each size, ``../shared/bench/peers/make_transcript.py N t.json --seed 11`` writes one
transcript, and every tool turns it into SRT in a fresh process, ``--runs`` times:

* ``cuecraft``: ``python -m cuecraft convert t.json -o out.srt`` with the peers' targets
  (``--max-chars-per-row 42 --max-rows 2 --max-row-seconds 2``: 42 x 2, 4.0 s per cue), once
  as installed (the compiled kernel when it is built) and once with ``CUECRAFT_PURE_PYTHON=1``.
  The label says which ran: "compiled" only when a compiled cuecraft module was loaded;
* every peer script in ``../shared/bench/peers`` (deepgram-captions, whisper's SRT writer,
  srt-equalizer, stable-ts), run by ``--peer-python`` (default ``$CUECRAFT_PEER_PYTHON``, else
  this interpreter); a peer whose package is missing is skipped with the reason;
* the floor: ``json.load`` and a greedy SRT writer (42 x 2, nothing else) in plain Python.

Figures are medians over the runs of the whole process (interpreter start and imports
included), the tools taking turns (each runs once per round): CPU seconds (user + system,
from ``os.wait4``), wall seconds and peak resident set size. "vs peer" is the CPU time over
the fastest peer's in the same size (<= 1.0: no slower); "10x" is the CPU growth from the
previous size. Both cuecraft runs are compared byte for byte.

``--startup`` adds start-up figures (``import cuecraft``, ``cuecraft --version``, ``--help``,
``formats``: median CPU over 20 runs, and over a bare interpreter); ``--decode`` times the JSON
decoders on the largest transcript. Needs ``../shared``; without it, says so and exits 0.
The peers' venv is described in ``../shared/bench/peers/README.md`` (or ``peers.py``).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PEERS_DIR = ROOT.parent / "shared" / "bench" / "peers"
LIMITS = ["--max-chars", "42", "--max-lines", "2", "--max-duration", "4.0"]
RULES = ["--max-chars-per-row", "42", "--max-rows", "2", "--max-row-seconds", "2"]
PEERS = {
    "deepgram-captions": "deepgram_captions_srt.py",
    "whisper writer": "whisper_writer_srt.py",
    "srt-equalizer": "srt_equalizer_srt.py",
    "stable-ts": "stable_ts_srt.py",
}
MISSING_PACKAGE = ("ModuleNotFoundError", "ImportError", "is not installed")

# The floor: what any tool must do at least (read the JSON, write SRT), with no rules but
# 42 characters x 2 rows. Run as ``python -c FLOOR IN OUT``.
FLOOR = """
import json, sys
def stamp(seconds):
    ms = round(seconds * 1000)
    return f"{ms // 3600000:02}:{ms // 60000 % 60:02}:{ms // 1000 % 60:02},{ms % 1000:03}"
with open(sys.argv[1], encoding="utf-8") as f:
    words = json.load(f)["words"]
out, rows, row, first, last, number = [], [], "", None, None, 0
def flush():
    global rows, row, first, number
    if row:
        rows.append(row)
    if rows:
        number += 1
        out.append(f"{number}\\n{stamp(first)} --> {stamp(last)}\\n" + "\\n".join(rows) + "\\n")
    rows, row, first = [], "", None
for word in words:
    text = word["text"].strip()
    if not text:
        continue
    if row and len(row) + 1 + len(text) > 42:
        rows.append(row)
        row = ""
        if len(rows) == 2:
            flush()
    if first is None:
        first = word["start"]
    row = f"{row} {text}" if row else text
    last = word["end"]
flush()
with open(sys.argv[2], "w", encoding="utf-8") as f:
    f.write("\\n".join(out))
"""

# Whether a compiled cuecraft module is loaded once the engine is imported.
PROBE = (
    "import sys, cuecraft.segment\n"
    "print(any(str(getattr(m, '__file__', '') or '').endswith(('.so', '.pyd'))"
    " for n, m in list(sys.modules.items()) if n.startswith('cuecraft')))"
)


@dataclass
class Run:
    cpu: float
    wall: float
    rss_mb: float
    status: int
    stderr: str


# SRT hours have two digits; make_transcript.py's million words run to 112 hours.
SRT_LAST_SECOND = 99 * 3600


def make_transcript(words: int, path: Path, seed: int) -> None:
    """``make_transcript.py``'s transcript; one that would end past 99 hours has its times
    scaled to end there, so that every tool can write it as SRT (cuecraft refuses a time of
    100 hours: SRT readers take it for 0)."""
    script = str(PEERS_DIR / "make_transcript.py")
    subprocess.run([sys.executable, script, str(words), str(path), "--seed", str(seed)], check=True)
    doc = json.loads(path.read_text(encoding="utf-8"))
    last = max(word["end"] for word in doc["words"])
    if last > SRT_LAST_SECOND:
        scale = SRT_LAST_SECOND / last
        for word in doc["words"]:
            word["start"] = round(word["start"] * scale, 3)
            word["end"] = round(word["end"] * scale, 3)
        path.write_text(json.dumps(doc, separators=(",", ":")), encoding="utf-8")


def child_env(env: dict[str, str] | None = None) -> dict[str, str]:
    """``env`` (else this process's) without PYTHONDONTWRITEBYTECODE: with it, every run
    would compile every module again, a cost no installed tool pays."""
    env = dict(os.environ if env is None else env)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(command: Sequence[str], env: dict[str, str] | None = None) -> Run:
    """Run ``command`` to its end: its own CPU time and peak RSS (``wait4``), and wall time."""
    with tempfile.TemporaryFile() as err:
        began = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.DEVNULL, stderr=err, env=child_env(env)
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - began
        process.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    # ru_maxrss is in KiB on Linux, in bytes on macOS.
    rss = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Run(usage.ru_utime + usage.ru_stime, wall, rss, process.returncode, stderr)


def median_of(command: Sequence[str], runs: int, env: dict[str, str] | None = None) -> Run:
    """Medians over ``runs`` runs after an untimed one that writes the bytecode caches (the
    first failure is returned as it is)."""
    return alternating_medians({"": (command, env)}, runs)[""]


def alternating_medians(
    commands: dict[str, tuple[Sequence[str], dict[str, str] | None]], runs: int
) -> dict[str, Run]:
    """Medians of each command over ``runs`` rounds in which every command runs once, after
    an untimed round that writes the bytecode caches; a command's first failure is its
    result. Rounds, not one command's runs after another's: a shared machine's speed drifts
    over a minute, and tools timed in turn would each get a different machine."""
    done: dict[str, list[Run]] = {label: [] for label in commands}
    failed: dict[str, Run] = {}
    for round_ in range(runs + 1):
        for label, (command, env) in commands.items():
            if label in failed:
                continue
            run = measure(command, env)
            if run.status != 0:
                failed[label] = run
            elif round_:
                done[label].append(run)
    medians = {
        label: Run(
            statistics.median(r.cpu for r in runs_),
            statistics.median(r.wall for r in runs_),
            statistics.median(r.rss_mb for r in runs_),
            0,
            "",
        )
        for label, runs_ in done.items()
        if label not in failed
    }
    return {label: failed.get(label) or medians[label] for label in commands}


def last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1][:100] if lines else "no output"


def cuecraft_env(pure: bool, src: Path) -> dict[str, str]:
    """The environment of a cuecraft process: ``src`` first on the path, the engine mode."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(src), env.get("PYTHONPATH")]))
    env.pop("CUECRAFT_PURE_PYTHON", None)
    if pure:
        env["CUECRAFT_PURE_PYTHON"] = "1"
    return env


def engine_label(pure: bool, src: Path) -> str:
    if pure:
        return "cuecraft (pure Python)"
    probe = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, env=cuecraft_env(False, src)
    )
    compiled = probe.stdout.strip() == "True"
    return "cuecraft (compiled)" if compiled else "cuecraft (no kernel built)"


def table_row(cells: Sequence[str], widths: Sequence[int]) -> str:
    return (
        "| "
        + " | ".join(
            f"{c:<{w}}" if i == 0 else f"{c:>{w}}"
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        )
        + " |"
    )


def sizes_table(args: argparse.Namespace, folder: Path) -> list[str]:
    """Print the table; returns the notes to print under it (skipped, failed, compared)."""
    notes: list[str] = []
    sizes = [int(size) for size in args.sizes.split(",")]
    if args.million and 1_000_000 not in sizes:
        sizes.append(1_000_000)
    tools: list[tuple[str, str]] = [("cuecraft", "compiled"), ("cuecraft", "pure")]
    tools += [("peer", name) for name in PEERS] + [("floor", "floor")]
    labels = {
        ("cuecraft", "compiled"): engine_label(False, args.src),
        ("cuecraft", "pure"): engine_label(True, args.src),
    }
    widths = [30, 9, 8, 8, 8, 8, 6]
    print(table_row(["tool", "words", "CPU s", "wall s", "RSS MB", "vs peer", "10x"], widths))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    skipped: dict[str, str] = {}
    previous: dict[str, float] = {}
    for size in sizes:
        source = folder / f"t{size}.json"
        make_transcript(size, source, args.seed)
        outputs: dict[str, Path] = {}
        commands: dict[str, tuple[list[str], dict[str, str] | None]] = {}
        for kind, name in tools:
            label = labels.get((kind, name), name)
            if name in skipped:
                continue
            out = folder / f"{kind}-{name}.srt".replace(" ", "_")
            outputs[label] = out
            if kind == "cuecraft":
                command = [sys.executable, "-m", "cuecraft", "convert", str(source), "-o", str(out)]
                commands[label] = ([*command, *RULES], cuecraft_env(name == "pure", args.src))
            elif kind == "peer":
                command = [args.peer_python, str(PEERS_DIR / PEERS[name]), str(source), str(out)]
                commands[label] = ([*command, *LIMITS], None)
            else:
                commands[label] = ([sys.executable, "-c", FLOOR, str(source), str(out)], None)
        results: dict[str, Run] = {}
        for label, run in alternating_medians(commands, args.runs).items():
            if label in PEERS and run.status != 0 and any(m in run.stderr for m in MISSING_PACKAGE):
                skipped[label] = last_line(run.stderr)
                notes.append(f"{label} skipped: {skipped[label]}")
            elif run.status != 0:
                notes.append(f"{label} failed at {size:,} words: {last_line(run.stderr)}")
            else:
                results[label] = run
        peer_cpu = [results[n].cpu for n in PEERS if n in results]
        fastest = min(peer_cpu) if peer_cpu else None
        for label, run in results.items():
            ratio = f"{run.cpu / fastest:.2f}" if fastest else "-"
            growth = f"{run.cpu / previous[label]:.1f}" if label in previous else ""
            previous[label] = run.cpu
            cells = [
                label,
                f"{size:,}",
                f"{run.cpu:.3f}",
                f"{run.wall:.3f}",
                f"{run.rss_mb:.0f}",
                ratio,
                growth,
            ]
            print(table_row(cells, widths), flush=True)
        pair = [outputs[labels[t]] for t in tools[:2] if labels[t] in results]
        if len(pair) == 2:
            same = pair[0].read_bytes() == pair[1].read_bytes()
            verdict = "identical" if same else "DIFFERENT"
            notes.append(f"{size:,} words: both cuecraft engines wrote {verdict} SRT")
        source.unlink()
    return notes


def startup_table(runs: int, src: Path, folder: Path) -> None:
    """Median CPU of short commands, and over a bare interpreter."""
    python = sys.executable
    small = folder / "t20.json"
    make_transcript(20, small, 11)
    commands = {
        "python -c pass (bare)": [python, "-c", "pass"],
        "python -c 'import cuecraft'": [python, "-c", "import cuecraft"],
        "cuecraft --version": [python, "-m", "cuecraft", "--version"],
        "cuecraft --help": [python, "-m", "cuecraft", "--help"],
        "cuecraft convert --help": [python, "-m", "cuecraft", "convert", "--help"],
        "cuecraft formats": [python, "-m", "cuecraft", "formats"],
        "cuecraft convert (20 words)": [
            *(python, "-m", "cuecraft", "convert", str(small), "-o", str(folder / "t20.srt")),
        ],
    }
    widths = [28, 9, 9, 10]
    print(table_row(["command", "CPU ms", "wall ms", "over bare"], widths))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    bare = None
    for name, command in commands.items():
        run = median_of(command, runs, cuecraft_env(False, src))
        if run.status != 0:
            print(f"  ({name} failed: {last_line(run.stderr)})", file=sys.stderr)
            continue
        bare = run.cpu if bare is None else bare
        cells = [
            name,
            f"{run.cpu * 1000:.0f}",
            f"{run.wall * 1000:.0f}",
            f"{(run.cpu - bare) * 1000:+.0f}",
        ]
        print(table_row(cells, widths), flush=True)


DECODE = """
import json, statistics, sys, time
from cuecraft.readers import _jsontext
data = open(sys.argv[1], "rb").read()
def best(function):
    times = []
    for _ in range(5):
        began = time.process_time()
        function(data)
        times.append(time.process_time() - began)
    return statistics.median(times)
rows = [("json.loads (text decoded)", best(lambda d: json.loads(d.decode("utf-8-sig"))))]
for name in ("decode_stdlib", "decode"):  # absent before issue #12 (--src of an older tree)
    function = getattr(_jsontext, name, None)
    cost = best(lambda d: function(d, source="t")) if function else None
    rows.append((f"_jsontext.{name}", cost))
try:
    import orjson
except ImportError:
    rows.append(("orjson.loads", None))
else:
    rows.append(("orjson.loads", best(orjson.loads)))
try:
    import msgspec
except ImportError:
    rows.append(("msgspec.json.decode", None))
else:
    rows.append(("msgspec.json.decode", best(msgspec.json.decode)))
for name, seconds in rows:
    shown = "absent" if seconds is None else f"{seconds * 1000:.1f}"
    print(f"| {name:<26} | {shown:>8} |")
"""


def decode_table(folder: Path, size: int, seed: int, src: Path) -> None:
    source = folder / "decode.json"
    make_transcript(size, source, seed)
    print(f"JSON decoding, {size:,} words ({source.stat().st_size / 1e6:.1f} MB), median CPU of 5:")
    print(f"| {'decoder':<26} | {'CPU ms':>8} |")
    print(f"|{'-' * 28}|{'-' * 10}|")
    done = subprocess.run(
        [sys.executable, "-c", DECODE, str(source)],
        capture_output=True,
        text=True,
        env=cuecraft_env(False, src),
    )
    print(done.stdout.rstrip() or f"failed: {last_line(done.stderr)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="words per transcript")
    parser.add_argument("--million", action="store_true", help="also 1,000,000 words")
    parser.add_argument("--runs", type=int, default=3, help="runs per tool and size (median)")
    parser.add_argument("--seed", type=int, default=11, help="make_transcript.py seed")
    parser.add_argument(
        "--peer-python",
        default=os.environ.get("CUECRAFT_PEER_PYTHON") or sys.executable,
        help="interpreter with the peers' packages (default: $CUECRAFT_PEER_PYTHON, else this)",
    )
    parser.add_argument(
        "--src",
        type=Path,
        default=ROOT / "src",
        help="the cuecraft source tree to measure (before/after)",
    )
    parser.add_argument("--startup", action="store_true", help="also start-up figures")
    parser.add_argument(
        "--no-sizes", action="store_true", help="only what --startup and --decode ask for"
    )
    parser.add_argument("--decode", action="store_true", help="also JSON decoder figures")
    args = parser.parse_args(argv)
    args.src = args.src.resolve()
    if not PEERS_DIR.is_dir():
        print(f"skipped: {PEERS_DIR} not found (make_transcript.py and the peers live there)")
        return 0
    print(
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')};"
        f" peers: {args.peer_python}; medians of {args.runs} runs"
    )
    with tempfile.TemporaryDirectory(prefix="cuecraft-speed-") as tmp:
        if args.startup:
            startup_table(max(args.runs, 20), args.src, Path(tmp))
            print()
        if args.decode:
            decode_table(Path(tmp), max(int(s) for s in args.sizes.split(",")), args.seed, args.src)
            print()
        if not args.no_sizes:
            for note in sizes_table(args, Path(tmp)):
                print(f"- {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
