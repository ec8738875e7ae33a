"""run_batch(executor=...) on executors other than Dask's (issue #16): a process pool gives
the local batch's bytes, and the time limit holds. No optional package needed."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

from cuecraft.batch import BatchJob, FileResult, run_batch, run_job
from tests.batch._generated import Substituting, tree, write_inputs

FORMATS = ["srt", "vtt", "txt"]


def test_a_process_pool_executor_gives_the_same_bytes(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 6)
    local = run_batch([tmp_path / "in"], tmp_path / "local", FORMATS, jobs=1)
    assert local.converted == 6
    with ProcessPoolExecutor(2) as pool:
        report = run_batch([tmp_path / "in"], tmp_path / "out", FORMATS, executor=pool)
    assert report.converted == 6
    assert tree(tmp_path / "out") == tree(tmp_path / "local")


def _slow_for_slow(job: BatchJob, again: bool = False) -> FileResult:
    if "slow" in job.source:
        import time

        time.sleep(2)
    return run_job(job)


def test_the_time_limit_holds_on_an_executor(tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 3)
    (tmp_path / "in" / "t001.json").rename(tmp_path / "in" / "slow.json")
    with ThreadPoolExecutor(2) as pool:
        report = run_batch(
            [tmp_path / "in"],
            tmp_path / "out",
            ["srt"],
            executor=Substituting(pool, _slow_for_slow),
            timeout=0.5,
        )
    by_name = {Path(r.source).name: r for r in report.results}
    assert by_name["slow.json"].status == "failed"
    assert "time limit" in (by_name["slow.json"].error or "")
    assert by_name["t000.json"].status == by_name["t002.json"].status == "converted"


class KilledWorker(Exception):
    """Named as Dask's: what a future raises when the workers running it died."""


def _faulty(job: BatchJob, again: bool = False) -> FileResult:
    if "boom" in job.source:
        raise RuntimeError("a bug in a plug-in")
    if "bystander" in job.source and not again:
        raise KilledWorker("blamed for a neighbour's crash")
    if "culprit" in job.source:
        raise KilledWorker("2 workers died running it")
    return run_job(job)


def test_executor_failures_stay_per_file(tmp_path: Path) -> None:
    """An exception from a future fails its input alone; a file given up on as a worker
    killer is rerun alone once, and failed only if it dies again."""
    write_inputs(tmp_path / "in", 4)
    for index, name in enumerate(("boom", "bystander", "culprit")):
        (tmp_path / "in" / f"t00{index}.json").rename(tmp_path / "in" / f"{name}.json")
    with ThreadPoolExecutor(2) as pool:
        report = run_batch(
            [tmp_path / "in"], tmp_path / "out", ["srt"], executor=Substituting(pool, _faulty)
        )
    by_name = {Path(r.source).name: r for r in report.results}
    assert by_name["t003.json"].status == "converted"
    assert by_name["bystander.json"].status == "converted"
    assert by_name["boom.json"].status == "failed"
    assert "internal error: RuntimeError" in (by_name["boom.json"].error or "")
    assert by_name["culprit.json"].status == "failed"
    assert "every worker that tried this file died" in (by_name["culprit.json"].error or "")
    assert sorted(tree(tmp_path / "out")) == ["bystander.srt", "t003.srt"]
