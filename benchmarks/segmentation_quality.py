"""Segmentation quality against human subtitles: our optimal engine next to the greedy baseline.

    python benchmarks/segmentation_quality.py [--set ted_dev] [--suber] [--keep DIR]

Runs cuecraft over every ``NAME.words.json`` of a set in ``../shared/corpus/segmentation``
(default ``ted_dev``: 30 TED talks, 68k words, subtitled by TED at 42 chars x 2 rows) and scores
the result against the human ``NAME.ref.srt`` with the shared scorer
(``../shared/bench/segquality/score.py``: break precision/recall/F1, Sigma, SubER, conformity).

TED's rules: 42 characters x 2 rows, pauses on (a cue boundary at silences of 0.3 s or more,
forced at 1.5 s), Netflix durations (5/6 s to 7 s) and 17 cps. No per-row screen time: TED has
none (its cues run up to ~7 s on one or two rows), so ``max_row_seconds=None``.

The scorer needs ``sacrebleu`` (and ``subtitle-edit-rate`` for SubER), so run this with a
Python that has them, outside the project venv::

    python3 -m venv /tmp/venv-seg && /tmp/venv-seg/bin/pip install subtitle-edit-rate -e .
    /tmp/venv-seg/bin/python benchmarks/segmentation_quality.py

Without ``../shared`` beside the project, it prints a message and exits 0. SubER is off by
default (minutes per talk for segmenters that ignore pauses); ``--suber`` turns it on.
"""

from __future__ import annotations

import argparse
import glob
import importlib
import itertools
import json
import os
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType
from typing import Any

import cuecraft
from cuecraft.model import Cue, Speaker, Transcript, Word
from cuecraft.segment import Rules, segment_with_report
from cuecraft.timing import format_clock

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus" / "segmentation"
SCORER = SHARED / "bench" / "segquality"

TED_RULES = Rules(
    max_chars_per_row=42,
    max_rows=2,
    max_row_seconds=None,
    pause_break_ms=300,
    forced_pause_break_ms=1500,
    language="en",
)
"""TED's own style: 42 x 2, pauses on, Netflix durations and reading speed, no per-row limit."""

SYSTEMS: dict[str, Rules] = {
    "optimal": TED_RULES,
    "greedy": TED_RULES.model_copy(update={"engine": "greedy"}),
}

TARGETS = {"any F1": 0.65, "eob F1": 0.65, "eol F1": 0.45, "Sigma": 82.0}


def load_words(path: str) -> Transcript:
    """A ``*.words.json`` file as a Transcript: the ``words`` reader when registered."""
    if "words" in cuecraft.readers.READERS:
        return cuecraft.load(path, format="words", language="en")
    with open(path, encoding="utf-8") as handle:
        raw = json.load(handle)["words"]
    speakers = sorted({w["speaker"] for w in raw if w.get("speaker")})
    words = tuple(
        Word(
            text=w["text"].strip(),
            start_ms=round(w["start"] * 1000),
            end_ms=max(round(w["end"] * 1000), round(w["start"] * 1000)),
            speaker=w.get("speaker"),
        )
        for w in raw
    )
    return Transcript(
        words=words, speakers=tuple(Speaker(id=s, name=s) for s in speakers), language="en"
    )


def write_srt(cues: list[Cue], path: str) -> None:
    """Write SRT with the project's writer when registered, else a minimal one."""
    if "srt" in cuecraft.writers.WRITERS:
        cuecraft.write(cues, path)
        return
    with open(path, "w", encoding="utf-8") as handle:
        for number, cue in enumerate(cues, 1):
            handle.write(
                f"{number}\n{format_clock(cue.start_ms)} --> {format_clock(cue.end_ms)}\n"
                f"{cue.text}\n\n"
            )


def timing_problems(cues: list[Cue], rules: Rules) -> tuple[int, int]:
    """(overlapping cues, gaps under the minimum) in one file."""
    overlaps = short_gaps = 0
    for previous, cue in itertools.pairwise(cues):
        if cue.start_ms < previous.end_ms:
            overlaps += 1
        elif cue.start_ms - previous.end_ms < rules.gap_ms:
            short_gaps += 1
    return overlaps, short_gaps


def run_system(
    inputs: list[str], rules: Rules, out_dir: str, **segment_options: Any
) -> dict[str, Any]:
    """Segment every input into ``out_dir/NAME.srt``; returns timing and hard-limit counts."""
    os.makedirs(out_dir, exist_ok=True)
    seconds = 0.0
    words = overlaps = short_gaps = 0
    for path in inputs:
        name = os.path.basename(path)[: -len(".words.json")]
        transcript = load_words(path)
        began = time.perf_counter()
        cues = segment_with_report(transcript, rules, **segment_options).cues
        seconds += time.perf_counter() - began
        words += len(transcript.words)
        o, g = timing_problems(cues, rules)
        overlaps += o
        short_gaps += g
        write_srt(cues, os.path.join(out_dir, name + ".srt"))
    return {"segment_s": seconds, "words": words, "overlaps": overlaps, "short_gaps": short_gaps}


def import_scorer() -> ModuleType | None:
    if not (SCORER / "score.py").is_file():
        return None
    sys.path.insert(0, str(SCORER))
    try:
        return importlib.import_module("score")
    finally:
        sys.path.pop(0)


def _row(label: str, values: list[str]) -> str:
    return f"{label:<20}" + "".join(f"{v:>17}" for v in values)


def report(results: dict[str, dict[str, Any]], baselines: dict[str, dict[str, Any]]) -> str:
    columns = {**results, **baselines}
    lines = [_row("", list(columns))]

    def metric(label: str, get: Any, fmt: str) -> None:
        values = []
        for res in columns.values():
            try:
                value = get(res)
            except (KeyError, TypeError):
                value = None
            values.append("-" if value is None else format(value, fmt))
        lines.append(_row(label, values))

    for kind in ("eob", "eol", "any"):
        metric(f"{kind} P", lambda r, k=kind: r["breaks"][k]["P"], ".3f")
        metric(f"{kind} R", lambda r, k=kind: r["breaks"][k]["R"], ".3f")
        metric(f"{kind} F1", lambda r, k=kind: r["breaks"][k]["F1"], ".3f")
    metric("Sigma", lambda r: r["Sigma"], ".2f")
    metric("SubER", lambda r: r.get("SubER"), ".2f")
    conformity = [
        ("cues", "cues", "d"),
        ("rows <= 42 chars %", "pct_lines_le_42", ".2f"),
        ("cues <= 2 rows %", "pct_cues_le_2_lines", ".2f"),
        ("chars per row", "mean_chars_per_line", ".2f"),
        ("rows per cue", "mean_lines_per_cue", ".2f"),
        ("CPS median", "cps_median", ".2f"),
        ("CPS <= 17 %", "pct_cps_le_17", ".2f"),
        ("CPS <= 21 %", "pct_cps_le_21", ".2f"),
        ("mean duration s", "mean_duration_s", ".2f"),
        ("cues > 7 s %", "pct_dur_gt_7s", ".2f"),
        ("cues < 5/6 s %", "pct_dur_lt_0.833s", ".2f"),
    ]
    for label, key, fmt in conformity:
        metric(label, lambda r, k=key: r["conformity_hyp"][k], fmt)
    metric("overlapping cues", lambda r: r["run"]["overlaps"], "d")
    metric("gaps < min gap", lambda r: r["run"]["short_gaps"], "d")
    metric("segment words/s", lambda r: r["run"]["words"] / r["run"]["segment_s"], ",.0f")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="ted_dev", help="folder in ../shared/corpus/segmentation")
    parser.add_argument("--suber", action="store_true", help="also compute SubER (slow)")
    parser.add_argument("--keep", metavar="DIR", help="keep the hypothesis SRT files here")
    parser.add_argument("--json", metavar="FILE", help="write all numbers to this JSON file")
    args = parser.parse_args(argv)

    set_dir = CORPUS / args.set
    scorer = import_scorer()
    if not set_dir.is_dir() or scorer is None:
        print(f"skipped: the shared corpus or scorer is not at {SHARED} (needs ../shared)")
        return 0
    try:
        importlib.import_module("sacrebleu")
    except ImportError:
        print("skipped: the scorer needs sacrebleu; pip install subtitle-edit-rate (see --help)")
        return 0
    inputs = sorted(glob.glob(str(set_dir / "*.words.json")))
    if not inputs:
        print(f"skipped: no *.words.json in {set_dir}")
        return 0

    out_root = args.keep or tempfile.mkdtemp(prefix="cuecraft-segq-")
    results: dict[str, dict[str, Any]] = {}
    for name, rules in SYSTEMS.items():
        out_dir = os.path.join(out_root, name.replace(" ", "_"))
        run = run_system(inputs, rules, out_dir)
        res = scorer.score(scorer.pairs_from_args(str(set_dir), out_dir), do_suber=args.suber)
        res["run"] = run
        results[name] = res

    baselines: dict[str, dict[str, Any]] = {}
    for label, stem in (("shared greedy", "greedy"), ("shared gr+pause", "greedy-pause0.3")):
        for suffix in (args.set, args.set.rsplit("_", 1)[-1]):  # mustcinema_amara -> amara
            path = SCORER / "results" / f"{stem}_{suffix}.json"
            if path.is_file():
                baselines[label] = json.loads(path.read_text(encoding="utf-8"))
                break

    words = results["optimal"]["run"]["words"]
    print(f"set {args.set}: {len(inputs)} files, {words:,} words; rules: {TED_RULES!r}")
    print(report(results, baselines))
    optimal = results["optimal"]
    got = {
        "any F1": optimal["breaks"]["any"]["F1"],
        "eob F1": optimal["breaks"]["eob"]["F1"],
        "eol F1": optimal["breaks"]["eol"]["F1"],
        "Sigma": optimal["Sigma"],
    }
    verdicts = []
    for key, target in TARGETS.items():
        met = got[key] >= target
        verdicts.append(
            f"{key} {got[key]:.3f} {'>=' if met else '<'} {target:g} {'met' if met else 'MISSED'}"
        )
    print("targets: " + ", ".join(verdicts))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump({"results": results, "baselines": baselines}, handle, indent=1)
    if not args.keep:
        print(f"(hypotheses written under {out_root}; pass --keep DIR to choose the folder)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
