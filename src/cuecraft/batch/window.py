"""The jobs in flight on an executor, and when each was handed over (for the time limit).

Both ways of running a batch, cuecraft's own worker pool (:mod:`~cuecraft.batch.pool`) and
any executor (:mod:`~cuecraft.batch.executor`), keep a bounded window of submitted jobs: fill
it from the queue, wait until one finishes or the oldest reaches the time limit, settle what
finished. What they do with a dead worker or a late job differs, and stays with them.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait

from cuecraft.batch.job import BatchJob, FileResult

__all__ = ["Window"]


class Window:
    """Submitted jobs by future, each with the monotonic time it was submitted."""

    def __init__(self) -> None:
        self.inflight: dict[Future[FileResult], BatchJob] = {}
        self.started: dict[Future[FileResult], float] = {}

    def fill(
        self,
        queue: deque[BatchJob],
        limit: int,
        submit: Callable[[BatchJob], Future[FileResult]],
    ) -> None:
        """Submit queued jobs, in order, until ``limit`` are in flight."""
        while queue and len(self.inflight) < limit:
            job = queue.popleft()
            future = submit(job)
            self.inflight[future], self.started[future] = job, time.monotonic()

    def next_done(self, timeout: float | None) -> Iterator[tuple[Future[FileResult], BatchJob]]:
        """Wait for a job to finish, or for the oldest to reach ``timeout`` seconds; then the
        jobs that finished, each taken out of the window as it is handed over (one not handed
        over yet when the caller is interrupted is still in flight, for its clean-up)."""
        left = None
        if timeout is not None:
            left = max(0.0, min(self.started.values()) + timeout - time.monotonic())
        done, _ = wait(list(self.inflight), timeout=left, return_when=FIRST_COMPLETED)
        for future in done:
            job = self.inflight.pop(future)
            del self.started[future]
            yield future, job

    def late(self, timeout: float, now: float) -> list[Future[FileResult]]:
        """The futures in flight for ``timeout`` seconds or more at ``now``."""
        return [future for future, at in self.started.items() if now - at >= timeout]
