"""The per-input time limit and dead workers (issue #10): a stuck or killed input fails alone
and the batch goes on.

A FIFO with no writer is a real stuck input: opening it blocks in the kernel, as a file on
a hung network mount does.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from cuecraft.batch import BatchReport, FileResult, run_batch
from cuecraft.cli import main
from cuecraft.errors import RulesError
from tests.conftest import SAMPLES

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX FIFOs and signals")

TALK = SAMPLES / "words" / "talk.words.json"


@pytest.fixture
def stuck(tmp_path: Path) -> Iterator[Path]:
    fifo = tmp_path / "in" / "stuck.words.json"
    fifo.parent.mkdir()
    os.mkfifo(fifo)
    yield fifo
    # Release anything still blocked on it (a worker of a failed test).
    try:
        descriptor = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        return
    os.close(descriptor)


def _good(folder: Path, count: int) -> list[Path]:
    paths = []
    for number in range(count):
        path = folder / f"good{number}.words.json"
        path.write_bytes(TALK.read_bytes())
        paths.append(path)
    return paths


def _by_name(report: BatchReport) -> dict[str, FileResult]:
    return {Path(result.source).name: result for result in report.results}


def _leftovers(folder: Path) -> list[str]:
    return [path.name for path in folder.iterdir() if path.name.endswith(".part")]


def test_in_process_a_stuck_input_fails_and_the_batch_goes_on(stuck: Path, tmp_path: Path) -> None:
    good = _good(stuck.parent, 1)
    out = tmp_path / "out"
    started = time.monotonic()
    report = run_batch([stuck, *good], out, ["srt"], jobs=1, timeout=1.0)
    assert time.monotonic() - started < 30
    results = _by_name(report)
    assert results["stuck.words.json"].status == "failed"
    assert "over the 1 s time limit" in (results["stuck.words.json"].error or "")
    assert results["good0.words.json"].status == "converted"
    assert report.exit_code() == 1
    assert sorted(path.name for path in out.iterdir()) == ["good0.words.srt"]
    # The alarm is put back as it was.
    assert signal.getsignal(signal.SIGALRM) == signal.SIG_DFL
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_in_process_a_foreign_alarm_handler_is_left_alone(tmp_path: Path) -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        report = run_batch([TALK], tmp_path / "out", ["srt"], jobs=1, timeout=0.001)
        assert report.converted == 1  # not enforced: SIGALRM belongs to someone else
        assert fired == []
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_with_workers_the_stuck_one_fails_and_the_others_finish(
    stuck: Path, tmp_path: Path
) -> None:
    good = _good(stuck.parent, 3)
    out = tmp_path / "out"
    report = run_batch([stuck, *good], out, ["srt", "txt"], jobs=2, timeout=8.0)
    results = _by_name(report)
    assert results["stuck.words.json"].status == "failed"
    assert "time limit" in (results["stuck.words.json"].error or "")
    for path in good:
        assert results[path.name].status == "converted", results[path.name]
    assert len(list(out.iterdir())) == 2 * len(good)
    assert _leftovers(out) == []


def test_jobs_in_flight_when_the_pool_is_recycled_start_again(stuck: Path, tmp_path: Path) -> None:
    """The stuck input goes over its limit while another is running: that one is stopped with
    the pool and runs again on the new pool."""
    late = stuck.parent / "late.words.json"  # a FIFO whose writer comes only after the limit
    os.mkfifo(late)
    good = _good(stuck.parent, 1)
    writers: list[threading.Thread] = []

    def feed() -> None:
        with open(late, "wb") as stream:  # blocks until a worker opens it again
            stream.write(TALK.read_bytes())

    def on_result(result: FileResult, done: int, total: int) -> None:
        if Path(result.source) == stuck:
            writers.append(threading.Thread(target=feed, daemon=True))
            writers[-1].start()

    # stuck and good0 start; good0 ends and late starts; stuck's limit recycles the pool
    # while late is blocked; late runs again and now gets its content.
    out = tmp_path / "out"
    report = run_batch([stuck, *good, late], out, ["srt"], jobs=2, timeout=6.0, on_result=on_result)
    results = _by_name(report)
    assert results["stuck.words.json"].status == "failed"
    assert results["good0.words.json"].status == "converted"
    assert results["late.words.json"].status == "converted", results["late.words.json"]
    assert sorted(path.name for path in out.iterdir()) == ["good0.words.srt", "late.words.srt"]
    for writer in writers:
        writer.join(timeout=10)


def _parents() -> dict[int, int]:
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(entry.name)] = int(fields[1])
    return parents


def _children(pid: int) -> list[int]:
    return [child for child, parent in _parents().items() if parent == pid]


def _descendants(pid: int) -> list[int]:
    parents = _parents()
    found: list[int] = []
    frontier = [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found.extend(children)
        frontier.extend(children)
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_killed_worker_fails_only_its_own_input(stuck: Path, tmp_path: Path) -> None:
    good = _good(stuck.parent, 1)
    out = tmp_path / "out"
    reports: list[BatchReport] = []
    thread = threading.Thread(
        target=lambda: reports.append(run_batch([stuck, *good], out, ["srt"], jobs=2, timeout=None))
    )
    thread.start()
    deadline = time.monotonic() + 60
    while not (out / "good0.words.srt").exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)
    # As the OOM killer would: SIGKILL, no clean-up. The workers are the forkserver's
    # children, our grandchildren (our children are the forkserver and resource tracker).
    children = _children(os.getpid())
    workers = [pid for pid in _descendants(os.getpid()) if pid not in children]
    assert workers
    for pid in workers:
        os.kill(pid, signal.SIGKILL)
    thread.join(timeout=120)
    assert not thread.is_alive()
    results = _by_name(reports[0])
    assert results["good0.words.json"].status == "converted"
    assert results["stuck.words.json"].status == "failed"
    assert "worker process died" in (results["stuck.words.json"].error or "")


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_when_several_were_in_flight_each_runs_again_alone(stuck: Path, tmp_path: Path) -> None:
    """A worker dies with two jobs in flight: neither is blamed; each runs again alone (and
    here, stuck both, each then meets its time limit)."""
    other = stuck.parent / "stuck2.words.json"
    os.mkfifo(other)
    reports: list[BatchReport] = []
    out = tmp_path / "out"
    thread = threading.Thread(
        target=lambda: reports.append(run_batch([stuck, other], out, ["srt"], jobs=2, timeout=4))
    )
    thread.start()
    deadline = time.monotonic() + 30
    workers: list[int] = []
    while len(workers) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
        children = _children(os.getpid())
        workers = [pid for pid in _descendants(os.getpid()) if pid not in children]
    time.sleep(0.5)  # both jobs are blocked opening their FIFO
    os.kill(workers[0], signal.SIGKILL)
    thread.join(timeout=120)
    assert not thread.is_alive()
    for result in reports[0].results:
        assert result.status == "failed"
        assert "time limit" in (result.error or ""), result.error


def test_a_bad_time_limit_is_refused(tmp_path: Path) -> None:
    for value in (0, -1.0, float("nan")):
        with pytest.raises(RulesError) as caught:
            run_batch([TALK], tmp_path / "out", ["srt"], timeout=value)
        assert caught.value.field == "timeout"


@pytest.mark.parametrize(
    ("value", "status"), [("0", 0), ("30", 0), ("-1", 2), ("soon", 2), ("inf", 2)]
)
def test_cli_timeout_flag(
    tmp_path: Path, value: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["batch", str(TALK), "-o", str(tmp_path / "out"), "--to", "srt", "--timeout", value]
    assert main(args) == status
    if status == 2:
        assert "--timeout" in capsys.readouterr().err


def test_a_limit_too_large_to_time_is_no_limit(tmp_path: Path) -> None:
    for jobs in (1, 2):
        report = run_batch(
            [TALK, SAMPLES / "scribie" / "interview.json"],
            tmp_path / str(jobs),
            ["srt"],
            jobs=jobs,
            timeout=1e300,
        )
        assert report.converted == 2


def test_cli_names_the_flag_of_the_limit(
    stuck: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["batch", str(stuck), str(TALK), "-o", str(tmp_path / "out"), "--to", "srt"]
    assert main([*args, "--jobs", "1", "--timeout", "1"]) == 1
    captured = capsys.readouterr()
    assert f"failed: {stuck}: stopped after 1 s, over the 1 s time limit" in captured.err
    assert "(--timeout)" in captured.err
    assert "1 converted, 1 failed" in captured.out
