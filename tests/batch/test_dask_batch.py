"""Batch on a real Dask cluster (issue #16): a ``distributed.LocalCluster`` of two worker
processes on loopback gives the local batch's bytes, keeps failures per file, feeds the
progress from the futures, survives a worker killed mid-run, gives up on a file that kills
every worker it touches, and stops cleanly on Ctrl-C."""

from __future__ import annotations

import functools
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cuecraft.batch import FileResult, run_batch
from tests.batch._generated import Substituting, die_once_then_run, tree, write_inputs

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")

FORMATS = ["srt", "vtt", "txt"]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """Two single-threaded worker processes on loopback. A task may take down one worker and
    be retried; the second death fails it (``allowed-failures``: 1 keeps the test short)."""
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        cluster = distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            # The scheduler's HTTP server starts even without a dashboard: loopback, any port.
            dashboard_address="127.0.0.1:0",
        )
        with cluster, distributed.Client(cluster) as dask_client:
            yield dask_client


@functools.cache
def _reference(count: int, folder: str) -> dict[str, bytes]:
    write_inputs(Path(folder, "in"), count)
    report = run_batch([Path(folder, "in")], Path(folder, "out"), FORMATS, jobs=1)
    assert report.converted == count
    return tree(Path(folder, "out"))


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], dict[str, bytes]]:
    folder = tmp_path_factory.mktemp("reference")
    return lambda count: _reference(count, str(folder / str(count)))


def test_hundred_files_on_dask_give_the_local_bytes(
    client: Any, tmp_path: Path, reference: Callable[[int], dict[str, bytes]]
) -> None:
    write_inputs(tmp_path / "in", 100)
    (tmp_path / "in" / "broken.json").write_bytes(b'{"segments": [')
    progress: list[tuple[str, int, int]] = []
    report = run_batch(
        [tmp_path / "in"],
        tmp_path / "out",
        FORMATS,
        executor=client.get_executor(),
        on_result=lambda result, done, total: progress.append((result.status, done, total)),
    )
    assert (report.converted, report.failed, report.interrupted) == (100, 1, None)
    assert tree(tmp_path / "out") == reference(100)
    assert [done for _, done, _ in progress] == list(range(1, 102))
    assert {total for _, _, total in progress} == {101}
    failure = report.failures()[0]
    assert failure.source.endswith("broken.json")
    assert failure.location is not None
    # Ran on the workers, not here: the results came back through the futures.
    assert all(r.reader == "amberscript" for r in report.results if r.status == "converted")


def test_a_worker_dying_mid_file_is_retried_elsewhere(
    client: Any, tmp_path: Path, reference: Callable[[int], dict[str, bytes]]
) -> None:
    write_inputs(tmp_path / "in", 6)
    (tmp_path / "in" / "t002.json").rename(tmp_path / "in" / "flaky.json")
    executor = Substituting(
        client.get_executor(), functools.partial(die_once_then_run, marker_dir=str(tmp_path))
    )
    report = run_batch([tmp_path / "in"], (tmp_path / "out").as_uri(), FORMATS, executor=executor)
    assert (tmp_path / "flaky.json.died").exists()  # a worker really died on it
    assert (report.converted, report.failed) == (6, 0)
    expected = {k.replace("t002", "flaky"): v for k, v in reference(6).items()}
    assert tree(tmp_path / "out") == expected  # no temporary file, nothing missing


def test_a_file_that_kills_every_worker_fails_alone(client: Any, tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 4)
    (tmp_path / "in" / "t001.json").rename(tmp_path / "in" / "poison.json")
    executor = Substituting(
        client.get_executor(), functools.partial(die_once_then_run, marker_dir=str(tmp_path))
    )
    report = run_batch([tmp_path / "in"], tmp_path / "out", ["srt"], executor=executor)
    assert (report.converted, report.failed) == (3, 1)
    failure = report.failures()[0]
    assert failure.source.endswith("poison.json")
    assert "died" in (failure.error or "")
    assert sorted(tree(tmp_path / "out")) == ["t000.srt", "t002.srt", "t003.srt"]
    client.wait_for_workers(2, timeout=60)


def test_a_worker_killed_from_outside_mid_run(
    client: Any, tmp_path: Path, reference: Callable[[int], dict[str, bytes]]
) -> None:
    client.wait_for_workers(2, timeout=60)
    write_inputs(tmp_path / "in", 30)
    pids = list(client.run(os.getpid).values())
    killed: list[int] = []

    def kill_one(result: FileResult, done: int, total: int) -> None:
        if done == 5 and not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    report = run_batch(
        [tmp_path / "in"],
        tmp_path / "out",
        FORMATS,
        executor=client.get_executor(),
        on_result=kill_one,
    )
    assert killed
    assert (report.converted, report.failed) == (30, 0)
    assert tree(tmp_path / "out") == reference(30)
    client.wait_for_workers(2, timeout=60)


def test_ctrl_c_cancels_the_rest_cleanly(client: Any, tmp_path: Path) -> None:
    write_inputs(tmp_path / "in", 20)

    def interrupt(result: FileResult, done: int, total: int) -> None:
        if done == 3:
            raise KeyboardInterrupt

    report = run_batch(
        [tmp_path / "in"],
        tmp_path / "out",
        ["srt"],
        executor=client.get_executor(),
        on_result=interrupt,
    )
    assert report.interrupted == "SIGINT"
    assert report.exit_code() == 130
    done = {r.source for r in report.results if r.status == "converted"}
    assert len(done) >= 3
    assert len(done) + len(report.not_done) == 20
    written = tree(tmp_path / "out")
    assert all(not name.startswith(".") for name in written)  # no temporary files
    assert all(data.startswith(b"1\n") for data in written.values())  # each one complete
