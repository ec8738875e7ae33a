"""Batch throughput: files per second on the local process pool and on 1 and 2 Dask workers,
per-file CPU, and a projection to an archive (issue #16).

    python benchmarks/batch_scale.py [--files 24] [--words 9000] [--formats srt,vtt]
                                     [--project 1000000] [--workers 10,100,1000]

Each input is a generated Amberscript export of ``--words`` words (9,000 is about one hour of
speech at 150 words a minute). The same inputs are converted, with ``--force``, by:

* ``inline``: one process, no pool (its CPU time per file is the per-file cost);
* ``pool 2``: cuecraft's own worker processes (``jobs=2``; ``jobs=1`` is the inline run);
* ``dask N``: a ``distributed.LocalCluster`` of N single-threaded worker processes on
  loopback, through ``run_batch(executor=client.get_executor())``.

Every configuration's outputs are compared byte for byte with the inline run's. The projection
divides ``--project`` files times the per-file CPU by the workers, scaled by the efficiency
measured with 2 Dask workers here (their files per second / (2 x the inline run's), both
measured under the same load), and adds
nothing for storage: object-store reads and writes overlap with other workers' CPU, and each
worker holds one file at a time. Needs ``pip install 'cuecraft[dask]'`` for the Dask rows.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import platform
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Executor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from cuecraft.batch import BatchReport, run_batch  # noqa: E402

# One sentence of plain words, read as a list (SIM905: a 28-line literal says less).
_WORDS = (  # noqa: SIM905
    "the archive holds ten years of programmes and every one of them needs new subtitles "
    "before the autumn schedule so we start with the news then the documentaries"
).split()


def make_input(index: int, words: int) -> bytes:
    """An Amberscript export of ``words`` words in sentences of about 12, two speakers."""
    segments: list[dict[str, Any]] = []
    time_s = 0.5
    for first in range(0, words, 60):
        made = []
        for n in range(first, min(words, first + 60)):
            text = _WORDS[(n * 7 + index) % len(_WORDS)]
            if n % 12 == 0:
                text = text.capitalize()
            if n % 12 == 11:
                text += "."
            made.append(
                {
                    "start": round(time_s, 2),
                    "end": round(time_s + 0.3, 2),
                    "text": text,
                    "conf": 1,
                    "pristine": True,
                }
            )
            time_s += 0.4 + (0.6 if n % 12 == 11 else 0.0)
        segments.append({"speaker": f"spk{first // 60 % 2 + 1}", "words": made})
    doc = {
        "speakers": [{"spkid": "spk1", "name": "Ana"}, {"spkid": "spk2", "name": "Ben"}],
        "segments": segments,
    }
    return json.dumps(doc).encode()


def digest(folder: Path) -> str:
    hashed = hashlib.sha256()
    for path in sorted(folder.iterdir()):
        hashed.update(path.name.encode() + b"\0" + path.read_bytes())
    return hashed.hexdigest()


def timed(label: str, run: Callable[[], BatchReport], files: int) -> dict[str, Any]:
    cpu, wall = time.process_time(), time.perf_counter()
    report = run()
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    assert report.converted == files, (label, report.failures()[:1])
    return {"label": label, "wall_s": wall, "files_per_s": files / wall, "cpu_s": cpu}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=24)
    parser.add_argument("--words", type=int, default=9000)
    parser.add_argument("--formats", default="srt,vtt")
    parser.add_argument("--project", type=int, default=1_000_000)
    parser.add_argument("--workers", default="10,100,1000")
    args = parser.parse_args(argv)
    formats = args.formats.split(",")
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        (base / "in").mkdir()
        for index in range(args.files):
            (base / "in" / f"t{index:04d}.json").write_bytes(make_input(index, args.words))

        def batch(out: str, **kwargs: Any) -> Callable[[], BatchReport]:
            return lambda: run_batch(
                [base / "in"], base / out, formats, force=True, timeout=None, **kwargs
            )

        # Warm up this process (lazy imports, first-use caches) so they do not count.
        run_batch([next((base / "in").iterdir())], base / "warm", formats, jobs=1)
        rows.append(timed("inline", batch("inline", jobs=1), args.files))
        reference = digest(base / "inline")
        # jobs=1 is the inline run (cuecraft starts no pool for one worker).
        rows.append(timed("pool 2", batch("pool2", jobs=2), args.files))
        distributed: Any = None
        try:
            distributed = importlib.import_module("distributed")
        except ImportError:
            print("distributed is not installed: no Dask rows (pip install 'cuecraft[dask]')")
        if distributed is not None:
            for workers in (1, 2):
                with (
                    distributed.LocalCluster(
                        n_workers=workers,
                        threads_per_worker=1,
                        processes=True,
                        host="127.0.0.1",
                        dashboard_address="127.0.0.1:0",
                    ) as cluster,
                    distributed.Client(cluster) as client,
                ):
                    executor: Executor = client.get_executor(pure=False)
                    client.run(lambda: __import__("cuecraft.batch"))  # warm imports
                    rows.append(
                        timed(
                            f"dask {workers}",
                            batch(f"dask{workers}", executor=executor),
                            args.files,
                        )
                    )
        for row in rows:
            folder = base / row["label"].replace(" ", "")
            row["identical"] = digest(folder) == reference
    per_file_cpu = rows[0]["cpu_s"] / args.files
    per_file_wall = rows[0]["wall_s"] / args.files
    print(
        f"Python {platform.python_version()} on {platform.machine()} {platform.system()}, "
        f"{os.cpu_count()} CPUs; {args.files} files of {args.words} words -> "
        f"{', '.join(formats)}"
    )
    print("\n| run | wall s | files/s | outputs identical to inline |\n|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['label']} | {row['wall_s']:.2f} | {row['files_per_s']:.2f} | "
            f"{'yes' if row['identical'] else 'NO'} |"
        )
    print(f"\nper file (inline): {per_file_cpu:.3f} s CPU, {per_file_wall:.3f} s wall")
    dask2 = next((row for row in rows if row["label"] == "dask 2"), None)
    efficiency = 1.0
    if dask2 is not None:
        # Measured against the inline run's wall rate: both ran under the same load.
        efficiency = min(1.0, dask2["files_per_s"] * per_file_wall / 2)
        print(f"efficiency with 2 Dask workers here: {efficiency:.0%} of 2 x the inline rate")
    print(f"\nprojection: {args.project:,} files like these")
    print("| workers | hours |\n|---|---|")
    for workers in (int(n) for n in args.workers.split(",")):
        hours = args.project * per_file_cpu / (workers * efficiency) / 3600
        print(f"| {workers} | {hours:,.1f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
