"""A one-off fuzz campaign, not a test: many mutated documents per reader, failures counted.

    PYTHONPATH=src python -m tests.hardening.campaign [EXAMPLES] [READER ...]

For each JSON reader seed and extra shape (``seeds.py``), each real vendor file of the
shared corpus under 200 KB (when the corpus is there), each subtitle reader's rendered seed
and the STL and TTML ones, it loads EXAMPLES mutated inputs (default 2000) in strict and
lenient mode, parsed and as text, and prints per reader how many loads succeeded or were
refused with a cuecraft error, and how many escaped as anything else (the first few shown).
The same mutations run in the test suite with the hypothesis profile's example count.
"""

from __future__ import annotations

import json
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPUS
from tests.hardening import test_fuzz_readers as fuzz
from tests.hardening.fuzzing import Hang, mutate
from tests.hardening.seed_variants import variant_names
from tests.hardening.seeds import seed


def _campaign(label: str, examples: int, run: Any, strategy: Any) -> Counter[str]:
    counts: Counter[str] = Counter()
    escapes: list[str] = []

    @settings(
        max_examples=examples,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(value=strategy)
    def one(value: Any) -> None:
        counts["inputs"] += 1
        try:
            run(value)
        except (AssertionError, Hang, Exception) as exc:
            counts["escaped"] += 1
            if len(escapes) < 5:
                frame = traceback.extract_tb(exc.__traceback__)[-1]
                where = f"{frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
                escapes.append(f"{type(exc).__name__} at {where}: {str(exc)[:200]}")
        else:
            counts["ok"] += 1

    started = time.perf_counter()
    one()
    seconds = time.perf_counter() - started
    print(
        f"{label:24} inputs {counts['inputs']:5}  passed {counts['ok']:5}  "
        f"escaped {counts['escaped']:4}  ({seconds:.0f} s)",
        flush=True,
    )
    for line in escapes:
        print(f"    {line}")
    return counts


_CORPUS_READERS = {
    "amberscript": "amberscript",
    "assemblyai": "assemblyai",
    "aws-transcribe": "aws_transcribe",
    "deepgram": "deepgram",
    "rev-ai": "revai",
    "speechmatics": "speechmatics",
    "whisper-timestamped": "whisper_timestamped",
}


def _corpus_seeds() -> list[tuple[Path, str]]:
    """Real vendor files of the shared corpus small enough to mutate quickly (< 200 KB)."""
    root = CORPUS / "vendors"
    return [
        (path, reader)
        for folder, reader in _CORPUS_READERS.items()
        for path in sorted((root / folder).glob("*.json"))
        if path.stat().st_size < 200_000
    ]


@st.composite
def _mutated_file(draw: st.DrawFn, path: Path) -> Any:
    return mutate(draw, json.loads(path.read_text(encoding="utf-8")))


def main(argv: list[str]) -> int:
    examples = int(argv[0]) if argv and argv[0].isdigit() else 2000
    wanted = {name for name in argv if not name.isdigit()}
    total: Counter[str] = Counter()
    jobs: list[tuple[str, Any, Any]] = []
    for reader in fuzz.SEEDED:
        jobs.append(
            (
                reader,
                lambda pair, r=reader: fuzz.fuzz_one(pair[0], r, ascii_only=pair[1]),
                st.tuples(fuzz.hostile_documents(reader), st.booleans()),
            )
        )
    for name in variant_names():
        jobs.append(
            (
                name,
                lambda pair: fuzz.fuzz_one(pair[0][1], pair[0][0], ascii_only=pair[1]),
                st.tuples(fuzz.hostile_variants(name), st.booleans()),
            )
        )
    for reader in fuzz.TEXT_READERS:
        jobs.append(
            (reader, lambda blob, r=reader: fuzz._load(blob, r), fuzz.hostile_lines(reader))
        )
    for path, reader in _corpus_seeds():
        jobs.append(
            (
                f"corpus:{path.name}",
                lambda pair, r=reader: fuzz.fuzz_one(pair[0], r, ascii_only=pair[1]),
                st.tuples(_mutated_file(path), st.booleans()),
            )
        )
    jobs.append(("stl", lambda blob: fuzz._load(blob, "stl"), fuzz.hostile_stl()))
    jobs.append(("ttml", lambda blob: fuzz._load(blob, "ttml"), fuzz.hostile_ttml()))
    assert seed("words")  # the subtitle seeds are rendered from it
    for label, run, strategy in jobs:
        if wanted and label not in wanted:
            continue
        counts = _campaign(label, examples, run, strategy)
        total.update(counts)
    print(
        f"{'total':24} inputs {total['inputs']:5}  passed {total['ok']:5}  "
        f"escaped {total['escaped']:4}"
    )
    return 1 if total["escaped"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
