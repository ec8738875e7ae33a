"""Running batch jobs on any :class:`concurrent.futures.Executor`, e.g. a Dask cluster's
(``Client.get_executor()``): issue #16.

Each job carries the input's path or URL and the settings, never the transcript; each result
is a small :class:`~cuecraft.batch.job.FileResult`. At most as many jobs are in flight as the
executor runs at once, so a million inputs never become a million futures, and the time limit
is counted from when a job was handed to the executor. The window is twice the executor's
parallelism: a worker finishing a job finds the next one already waiting (a round trip to a
scheduler costs more than a small transcript), and a job waits at most for one other before
it starts, so the limit stays meaningful.

Faults are the engine's to retry: Dask reruns the task of a worker that died on another
worker, and gives up on a task that took down ``distributed.scheduler.allowed-failures``
workers (3 by default) with ``KilledWorker``, which becomes this input's failure. Any other
exception a future raises fails its input alone. Dask also blames the tasks queued on a
worker that died, so an input given up on that way is run once more alone before it is
failed. A job over the time limit is reported as failed and its future cancelled; an
executor cannot stop a call already running, so that
worker stays busy until the call returns (a Dask nanny's memory limit, or restarting the
worker, reclaims one stuck for good); outputs are still written whole or not at all.
"""

from __future__ import annotations

import os
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import CancelledError, Executor, Future, wait
from contextlib import contextmanager
from typing import Any

from cuecraft.batch.job import BatchJob, FileResult, describe_error, run_job, timed_out
from cuecraft.batch.window import Window
from cuecraft.errors import RulesError

__all__ = ["dask_executor", "parallelism", "run_executor"]

Record = Callable[[FileResult], None]


def parallelism(executor: Executor, jobs: int | None = None) -> int:
    """How many calls ``executor`` runs at once: ``jobs`` when given, else what the executor
    says (a process pool's workers, a Dask cluster's threads), else the CPU count."""
    if jobs:
        return jobs
    workers = getattr(executor, "_max_workers", None)
    if isinstance(workers, int) and workers > 0:
        return workers
    client = getattr(executor, "_client", None)  # distributed's ClientExecutor
    if client is not None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:
            threads = 0
        if threads > 0:
            return int(threads)
    return os.cpu_count() or 1


def _died(job: BatchJob, error: BaseException) -> FileResult:
    return FileResult(
        job.source,
        "failed",
        error=f"{job.source}: every worker that tried this file died ({error}); out of "
        "memory, or a crash in a library",
    )


def _settle(future: Future[FileResult], job: BatchJob, record: Record) -> BaseException | None:
    """Record a finished job; return the error instead when its workers died (the job may
    only have been next to the one that killed them)."""
    try:
        result = future.result()
    except CancelledError:
        return None  # cancelled by an interruption: reported as not done
    except Exception as error:
        # Dask's KilledWorker and a process pool's BrokenProcessPool: the worker died.
        if type(error).__name__ in ("KilledWorker", "BrokenProcessPool"):
            return error
        message, location = describe_error(error, job.source)
        record(FileResult(job.source, "failed", error=message, location=location))
        return None
    record(result)
    return None


def run_executor(
    jobs: Sequence[BatchJob],
    executor: Executor,
    record: Record,
    timeout: float | None = None,
    *,
    window: int | None = None,
) -> None:
    """Run the jobs on ``executor``, recording each result as its future completes.

    Args:
        jobs: the planned jobs.
        executor: any executor whose workers can import cuecraft.
        record: called with each result, in completion order (the progress bar).
        timeout: seconds one job may take from being handed over (None: no limit).
        window: jobs in flight at once (default: twice :func:`parallelism`).

    On ``KeyboardInterrupt`` (or :class:`~cuecraft.batch.job.Interrupted`) nothing more is
    submitted, the jobs in flight get a few seconds to finish and are recorded, every future
    still not finished is cancelled, and the interruption propagates. (A call still running
    then may yet write its outputs, each whole, after the report calls its input not done.)
    """
    limit = max(1, window or 2 * parallelism(executor))
    suspects = _run_window(deque(jobs), executor, record, timeout, limit)
    # Dask blames every task a dying worker held, queued ones too: rerun each suspect alone,
    # so only a file that kills workers by itself is failed for it.
    for job, _ in suspects:
        rerun = _run_window(deque([job]), executor, record, timeout, 1, task=run_job_again)
        for culprit, error in rerun:
            record(_died(culprit, error))


def _run_window(
    queue: deque[BatchJob],
    executor: Executor,
    record: Record,
    timeout: float | None,
    limit: int,
    *,
    task: Callable[[BatchJob], FileResult] = run_job,
) -> list[tuple[BatchJob, BaseException]]:
    """Run the queue with at most ``limit`` jobs in flight; return the jobs whose workers
    died, each with its error."""
    suspects: list[tuple[BatchJob, BaseException]] = []
    window = Window()
    inflight = window.inflight
    try:
        while queue or inflight:
            window.fill(queue, limit, lambda job: executor.submit(task, job))
            for future, job in window.next_done(timeout):
                died = _settle(future, job, record)
                if died is not None:
                    suspects.append((job, died))
            if timeout is None:
                continue
            now = time.monotonic()
            for future in window.late(timeout, now):
                job = inflight.pop(future)
                seconds = now - window.started.pop(future)
                future.cancel()
                record(timed_out(job, timeout, seconds))
    except BaseException:
        # An executor cannot stop a call that is running, and a cancelled one's outputs could
        # still appear: give the jobs in flight (a few per worker, each small) a moment to
        # finish so the report counts them, then cancel what is left.
        wait(list(inflight), timeout=_GRACE_S)
        for future in inflight:
            future.cancel()
        for future in inflight:
            if future.done() and not future.cancelled():
                died = _settle(future, inflight[future], record)
                if died is not None:
                    record(_died(inflight[future], died))
        raise
    return suspects


_GRACE_S = 5.0
"""After an interruption, how long the jobs in flight may take to finish."""


def run_job_again(job: BatchJob) -> FileResult:
    """:func:`run_job` under another name: Dask names a task after its function and
    arguments, and would hand back the failed task's result for the same name."""
    return run_job(job)


@contextmanager
def dask_executor(address: str, *, connect_timeout_s: float = 30.0) -> Iterator[Executor]:
    """An executor on the Dask scheduler at ``address`` (``tcp://host:8786``).

    Needs ``pip install 'cuecraft[dask]'`` here and on the workers (they import cuecraft).

    Raises:
        RulesError: (field ``dask_scheduler``) when distributed is not installed or the
            scheduler cannot be reached.
    """
    try:
        from distributed import Client
    except ImportError:
        raise RulesError(
            "running on Dask needs distributed: pip install 'cuecraft[dask]'",
            field="dask_scheduler",
        ) from None
    try:
        client: Any = Client(  # type: ignore[no-untyped-call]
            address, timeout=connect_timeout_s, set_as_default=False
        )
    except (OSError, TimeoutError, ValueError) as exc:
        raise RulesError(
            f"cannot reach the Dask scheduler at {address}: {exc}", field="dask_scheduler"
        ) from None
    try:
        # pure=False: every submission is a new task, never a result remembered from before
        # (an output deleted since then must be written again).
        yield client.get_executor(pure=False)
    finally:
        client.close()
