"""The report of a whole batch: every input's result, and what an interruption left undone."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from cuecraft.batch.job import FileResult, Status

__all__ = ["BatchReport"]


@dataclass(frozen=True)
class BatchReport:
    """Every input's result, plus what an interruption left undone."""

    results: tuple[FileResult, ...]
    output_dir: str
    formats: tuple[str, ...]
    interrupted: str | None = None
    not_done: tuple[str, ...] = ()
    seconds: float = 0.0

    def _count(self, status: Status) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def converted(self) -> int:
        return self._count("converted")

    @property
    def failed(self) -> int:
        return self._count("failed")

    @property
    def skipped(self) -> int:
        return self._count("skipped")

    @property
    def written(self) -> int:
        """How many output files were written."""
        return sum(
            1 for result in self.results for out in result.outputs if out.status == "written"
        )

    def failures(self) -> list[FileResult]:
        return [result for result in self.results if result.status == "failed"]

    def exit_code(self) -> int:
        """0 when all went well, 1 when any input failed, 128 + signal when interrupted."""
        if self.interrupted == "SIGINT":
            return 130
        if self.interrupted is not None:
            return 143
        return 1 if self.failed else 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able form of the whole report."""
        return {
            "output_dir": self.output_dir,
            "formats": list(self.formats),
            "converted": self.converted,
            "failed": self.failed,
            "skipped": self.skipped,
            "written": self.written,
            "interrupted": self.interrupted,
            "not_done": list(self.not_done),
            "seconds": round(self.seconds, 3),
            "results": [asdict(result) for result in self.results],
        }
