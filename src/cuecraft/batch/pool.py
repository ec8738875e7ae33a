"""Running batch jobs: worker processes, signals, crashed workers and the time limit.

Jobs run on a :class:`~concurrent.futures.ProcessPoolExecutor` with at most one job per
worker, so every job in flight is running. A worker that dies fails only its own input (when
several were in flight, each is rerun alone to find it). A job over its time limit is
reported as failed and the pool is recycled: its workers are stopped (SIGTERM, then SIGKILL
for one stuck in C code), their temporary files removed, and the other jobs that were in
flight start again on a fresh pool. With one worker the jobs run in the batch process and
the limit is a ``SIGALRM`` timer (main thread only, when no other alarm handler is set).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from cuecraft.batch.job import (
    BatchJob,
    FileResult,
    Interrupted,
    JobTimeout,
    describe_error,
    run_job,
    timed_out,
)
from cuecraft.batch.storage import is_url, sweep_local_parts
from cuecraft.batch.window import Window

__all__ = ["no_signals", "run_inline", "run_pool", "signals_raise", "sweep_temporary_files"]

Record = Callable[[FileResult], None]

_busy = False
"""In a worker: True while a job runs (SIGTERM then interrupts the job, else exits quietly)."""


def _raise_interrupted(signum: int, frame: FrameType | None) -> None:
    del frame
    raise Interrupted(signal.Signals(signum).name)


def _worker_sigterm(signum: int, frame: FrameType | None) -> None:
    if _busy:
        # Raised inside api.write, this removes the temporary file before the worker stops.
        _raise_interrupted(signum, frame)
    sys.exit(0)


def _worker_init() -> None:
    # The batch process decides when to stop: a terminal's Ctrl-C reaches the whole process
    # group, so workers ignore SIGINT and are stopped with SIGTERM.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _worker_sigterm)


def _worker_run(job: BatchJob) -> FileResult:
    global _busy
    _busy = True
    try:
        return run_job(job)
    finally:
        _busy = False


def _one_shot(signum: int, frame: FrameType | None) -> None:
    # The first signal stops the batch; later ones are ignored until the clean-up (stopping
    # workers, removing temporary files) is over, so a second Ctrl-C cannot leave debris.
    del frame
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Interrupted(signal.Signals(signum).name)


@contextmanager
def signals_raise() -> Iterator[None]:
    """In the main thread, make SIGINT and SIGTERM stop the batch (once)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous_term = signal.signal(signal.SIGTERM, _one_shot)
    previous_int = signal.signal(signal.SIGINT, _one_shot)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous_term)
        signal.signal(signal.SIGINT, previous_int)


@contextmanager
def no_signals() -> Iterator[None]:
    yield


def _pool(workers: int) -> ProcessPoolExecutor:
    # forkserver where available: fork() from a process with threads is unsafe (Python 3.12
    # warns), and spawn re-imports everything per worker. The server preloads cuecraft once.
    methods = multiprocessing.get_all_start_methods()
    method = "forkserver" if "forkserver" in methods else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["cuecraft.batch"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_worker_init)


def _stop_workers(executor: ProcessPoolExecutor, inflight: Iterable[Future[FileResult]]) -> None:
    """Cancel what has not started, stop the running jobs, and wait for the workers to go."""
    # ProcessPoolExecutor has no public way to stop running calls before Python 3.14
    # (terminate_workers); its process table ``_processes`` is typed in typeshed. Take it
    # before shutdown() clears it.
    processes = list((getattr(executor, "_processes", None) or {}).values())
    # Shutting down first queues the sentinels that let each worker exit once its job ends.
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        try:
            if process.is_alive() and process.pid is not None:
                os.kill(process.pid, signal.SIGTERM)
        except (OSError, ValueError):
            pass
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.join(timeout=max(0.1, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join(timeout=1)
        except (OSError, ValueError, AssertionError):
            pass
    # Let the executor's manager thread deliver what the stopped jobs sent back.
    wait(list(inflight), timeout=2)


def _crashed(job: BatchJob) -> FileResult:
    return FileResult(
        job.source,
        "failed",
        error=f"{job.source}: the worker process died while converting this file "
        "(out of memory, or a crash in a library)",
    )


def _run_round(
    queue: deque[BatchJob], workers: int, record: Record, timeout: float | None = None
) -> tuple[list[BatchJob], list[BatchJob]]:
    """Run queued jobs on a fresh pool, at most ``workers`` in flight.

    Returns:
        ``(suspects, requeue)``: the jobs in flight when a worker died (the pool is then
        unusable), and the jobs in flight when another went over the time limit (the pool
        was recycled for it; they start again). Both are empty when the queue ran out.
    """
    executor = _pool(workers)
    window = Window()
    inflight = window.inflight
    try:
        while queue or inflight:
            # At most one job per worker is submitted, so every job in flight is running:
            # when a worker dies, the suspects are exactly these.
            window.fill(queue, workers, lambda job: executor.submit(_worker_run, job))
            broken = [
                job for future, job in window.next_done(timeout) if not _settle(future, job, record)
            ]
            if broken:
                executor.shutdown(wait=True, cancel_futures=True)
                return broken + list(inflight.values()), []
            if timeout is None:
                continue
            late = window.late(timeout, time.monotonic())
            if late:
                return [], _recycle(executor, inflight, window.started, late, record, timeout)
    except BaseException:
        _stop_workers(executor, inflight)
        # A job may have finished before its worker was stopped, or written some of its
        # outputs: say what was done.
        for future in inflight:
            if not future.done() or future.cancelled():
                continue
            error = future.exception()
            if error is None:
                record(future.result())
            elif isinstance(error, Interrupted) and error.partial is not None:
                record(error.partial)
        raise
    executor.shutdown(wait=True)
    return [], []


def _settle(future: Future[FileResult], job: BatchJob, record: Record) -> bool:
    """Record a finished job's result; False when its worker died (the pool is broken)."""
    error = future.exception()
    if error is None:
        record(future.result())
    elif isinstance(error, BrokenProcessPool):
        return False
    else:
        message, location = describe_error(error, job.source)
        record(FileResult(job.source, "failed", error=message, location=location))
    return True


def _recycle(
    executor: ProcessPoolExecutor,
    inflight: dict[Future[FileResult], BatchJob],
    started: dict[Future[FileResult], float],
    late: list[Future[FileResult]],
    record: Record,
    timeout: float,
) -> list[BatchJob]:
    """Fail the late jobs, stop every worker, and return the other jobs to start again.

    ProcessPoolExecutor cannot stop one call, and a job stuck in C code (a regular
    expression, a parser) never sees a Python-level signal, so the whole pool goes.
    """
    now = time.monotonic()
    _stop_workers(executor, inflight)
    sweep_temporary_files(list(inflight.values()))
    requeue: list[BatchJob] = []
    for future, job in inflight.items():
        if future in late:
            record(timed_out(job, timeout, now - started[future]))
        elif future.done() and not future.cancelled() and future.exception() is None:
            record(future.result())  # it finished while the pool was being stopped
        else:
            requeue.append(job)
    return requeue


def run_pool(
    jobs: Sequence[BatchJob], workers: int, record: Record, timeout: float | None = None
) -> None:
    """Run the jobs on worker processes; a worker that dies fails only its own input, and a
    job over ``timeout`` seconds fails alone while the others start again."""
    queue = deque(jobs)
    while queue:
        suspects, requeue = _run_round(queue, workers, record, timeout)
        queue.extendleft(reversed(requeue))
        if len(suspects) == 1:
            record(_crashed(suspects[0]))
            continue
        # Several jobs were in flight when a worker died: run each alone to find the culprit.
        for job in suspects:
            for culprit in _run_round(deque([job]), 1, record, timeout)[0]:
                record(_crashed(culprit))


def run_inline(jobs: Sequence[BatchJob], record: Record, timeout: float | None = None) -> None:
    """Run the jobs one after the other in this process, each within ``timeout`` seconds."""
    for job in jobs:
        started = time.monotonic()
        try:
            with _alarm(timeout):
                result = run_job(job)
        except JobTimeout:
            result = timed_out(job, timeout or 0.0, time.monotonic() - started)
        record(result)


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise JobTimeout


@contextmanager
def _alarm(timeout: float | None) -> Iterator[None]:
    """Raise JobTimeout in this thread after ``timeout`` seconds, where that can be done
    without taking SIGALRM from someone else (main thread, no handler installed)."""
    usable = (
        timeout is not None
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)
    )
    if not usable or timeout is None:
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, timeout)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def sweep_temporary_files(jobs: Sequence[BatchJob]) -> None:
    # api.write's temporary files are named ".<name>.<pid>.<random>.part" beside the target.
    # A worker stopped by SIGTERM removes its own; this catches one killed harder.
    for job in jobs:
        for _, target in job.outputs:
            if is_url(target):
                sweep_local_parts(target, job.storage_options)
                continue
            path = Path(target)
            for leftover in path.parent.glob(f".{path.name}.*.part"):
                leftover.unlink(missing_ok=True)
