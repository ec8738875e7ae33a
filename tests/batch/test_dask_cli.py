"""``cuecraft batch --dask-scheduler`` against a scheduler and workers started with the
``dask`` command line, as an operator would (issue #16): the same bytes as the local batch.
Everything listens on loopback only."""

from __future__ import annotations

import inspect
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cuecraft import cli
from cuecraft.batch import dask_executor, run_batch
from cuecraft.commands import batch as batch_command
from cuecraft.errors import RulesError
from tests.batch._generated import tree, write_inputs

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``dask scheduler`` and ``dask worker`` (2 processes, 1 thread each) as subprocesses."""
    folder = tmp_path_factory.mktemp("dask")
    address_file = folder / "scheduler.json"
    env = dict(os.environ)
    # The workers import cuecraft (and the tests' helpers) from this checkout.
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")])
    # Their HTTP servers start even without a dashboard: loopback, any port.
    common = ["--host", "127.0.0.1", "--no-dashboard", "--dashboard-address", "127.0.0.1:0"]
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "dask",
                "scheduler",
                "--port",
                "0",
                *common,
                "--scheduler-file",
                str(address_file),
            ],
            env=env,
            cwd=folder,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() or not address_file.read_text().strip():
            if time.monotonic() > deadline:
                pytest.fail("the dask scheduler did not start")
            time.sleep(0.2)
        time.sleep(0.2)
        address = json.loads(address_file.read_text())["address"]
        processes.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "dask",
                    "worker",
                    address,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    *common,
                ],
                env=env,
                cwd=folder,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        import distributed

        with distributed.Client(address, timeout=60) as client:  # type: ignore[no-untyped-call]
            client.wait_for_workers(2, timeout=60)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in reversed(processes):
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _local(tmp_path: Path, count: int) -> dict[str, bytes]:
    write_inputs(tmp_path / "in", count)
    report = run_batch([tmp_path / "in"], tmp_path / "local", ["srt", "vtt"], jobs=1)
    assert report.converted == count
    return tree(tmp_path / "local")


def test_dask_cli_cluster_gives_the_local_bytes(
    scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    expected = _local(tmp_path, 20)
    # Relative paths: the workers run in another folder, so the jobs must carry whole paths.
    monkeypatch.chdir(tmp_path)
    with dask_executor(scheduler) as executor:
        report = run_batch(["in"], "out", ["srt", "vtt"], executor=executor)
    assert (report.converted, report.failed) == (20, 0)
    assert tree(tmp_path / "out") == expected
    assert report.results[0].source == str(tmp_path / "in" / "t000.json")


def test_cuecraft_batch_dask_scheduler_flag(
    scheduler: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if "--dask-scheduler" not in inspect.getsource(batch_command):
        pytest.skip("cuecraft batch has no --dask-scheduler yet (patch in the dask16 notes)")
    expected = _local(tmp_path, 8)
    (tmp_path / "in" / "broken.json").write_bytes(b"[")
    argv = [
        "batch",
        str(tmp_path / "in"),
        "-o",
        (tmp_path / "out").as_uri(),
        "--to",
        "srt,vtt",
        "--dask-scheduler",
        scheduler,
    ]
    code = cli.main(argv)
    captured = capsys.readouterr()
    assert code == 1, captured.err
    assert "broken.json" in captured.err
    assert "8 converted, 1 failed" in captured.out
    assert tree(tmp_path / "out") == expected


def test_an_unreachable_scheduler_is_a_clear_error() -> None:
    with pytest.raises(RulesError) as info, dask_executor("tcp://127.0.0.1:9", connect_timeout_s=1):
        pass
    assert info.value.field == "dask_scheduler"
