"""Small generated transcripts for the archive-scale tests (issue #16), and the worker-side
fault injectors the Dask tests submit (importable by worker processes: ``tests`` is a package
on the path the workers inherit)."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable
from concurrent.futures import Executor, Future
from pathlib import Path
from typing import Any

from cuecraft.batch import BatchJob, FileResult, run_job
from cuecraft.batch.executor import run_job_again
from tests.conftest import SAMPLES

_VOCABULARY = ("archive", "broadcast", "corpus", "Danube", "evening", "forecast", "García")


def transcript_bytes(index: int, words: int = 12) -> bytes:
    """An Amberscript export of ``words`` words, different for each ``index``."""
    doc = json.loads((SAMPLES / "amberscript" / "interview.json").read_text("utf-8"))
    segment = dict(doc["segments"][0])
    template = segment["words"][0]
    made = []
    for n in range(words):
        start = round(0.5 + n * 0.4 + index * 0.001, 3)
        text = f"{_VOCABULARY[(index + n) % len(_VOCABULARY)]}{index if n == 0 else ''}"
        made.append({**template, "text": text, "start": start, "end": round(start + 0.3, 3)})
    segment["words"] = made
    doc["segments"] = [segment]
    return json.dumps(doc, ensure_ascii=False).encode("utf-8")


def write_inputs(folder: Path, count: int) -> list[Path]:
    """``count`` generated inputs ``t000.json``... in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"t{index:03d}.json"
        path.write_bytes(transcript_bytes(index))
        paths.append(path)
    return paths


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by relative path (hidden ones too: none may be left)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def die_once_then_run(job: BatchJob, marker_dir: str, again: bool = False) -> FileResult:
    """Kill this worker process mid-file the first time a ``flaky`` input is seen (after
    leaving a temporary file beside the output, as a write cut short would), then convert
    normally when the input is retried on another worker. A ``poison`` input kills every
    worker (``again`` marks the batch's rerun of a suspect; it changes nothing here)."""
    if "flaky" in job.source:
        marker = Path(marker_dir, Path(job.source).name + ".died")
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            target = Path(job.outputs[0][1].removeprefix("file://"))
            target.parent.mkdir(parents=True, exist_ok=True)
            (target.parent / f".{target.name}.{os.getpid()}.abc.part").write_bytes(b"half")
            time.sleep(0.2)
            os._exit(1)
    if "poison" in job.source:
        os._exit(1)  # kills every worker it touches
    return run_job(job)


class Substituting(Executor):
    """Any executor, with every job run by ``task`` instead of ``run_job`` (fault injection);
    also shows that a plain Executor subclass plugs into run_batch."""

    def __init__(self, inner: Executor, task: Callable[..., FileResult]) -> None:
        self.inner, self.task = inner, task

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        assert fn in (run_job, run_job_again)
        # A rerun must stay a task of its own (Dask names tasks by function and arguments).
        return self.inner.submit(self.task, *args, again=fn is run_job_again, **kwargs)
