"""One batch job: what it converts (:class:`BatchJob`), what happened (:class:`FileResult`),
and :func:`run_job`, which does the work in a worker process (or in the batch process)."""

from __future__ import annotations

import time
import traceback
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from cuecraft import api
from cuecraft.batch.outputs import Segmentations, write_output
from cuecraft.batch.storage import StorageOptions, is_url, read_bytes
from cuecraft.errors import (
    CuecraftError,
    InputError,
    OutputError,
    RulesError,
    SegmentationError,
    UnencodableError,
)
from cuecraft.segment import Rules

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "BatchJob",
    "FileResult",
    "Interrupted",
    "JobTimeout",
    "OutputResult",
    "Status",
    "describe_error",
    "run_job",
    "timed_out",
]

Status = Literal["converted", "failed", "skipped", "interrupted"]

DEFAULT_TIMEOUT_S = 300.0
"""The default time limit for one input (``cuecraft batch --timeout``)."""


class Interrupted(BaseException):
    """Raised in the batch process (and its workers) when SIGTERM arrives."""

    def __init__(self, signal_name: str = "SIGTERM", partial: FileResult | None = None) -> None:
        self.signal_name = signal_name
        self.partial = partial
        super().__init__(signal_name)

    def __reduce__(self) -> tuple[Any, ...]:
        return (Interrupted, (self.signal_name, self.partial))


@dataclass(frozen=True)
class OutputResult:
    """One output of one input: written, skipped (newer than its input) or failed."""

    format: str
    path: str
    status: Literal["written", "skipped", "failed"]
    error: str | None = None
    location: str | None = None


@dataclass(frozen=True)
class FileResult:
    """What happened to one input.

    Attributes:
        source: the input path.
        status: ``converted`` (every asked output written or up to date), ``failed`` (the
            input or at least one output failed) or ``skipped`` (every output was newer).
        reader: the reader (vendor) detected, when the input was read.
        outputs: one record per asked format.
        error: the first failure as one line ``source: location: message``.
        location: where in the input (a JSON pointer, line, block...) or output it failed.
        words: how many words the transcript had.
        seconds: wall time spent on this input.
        detail: the traceback of an unexpected (non-cuecraft) error, for ``--debug``.
    """

    source: str
    status: Status
    reader: str | None = None
    outputs: tuple[OutputResult, ...] = ()
    error: str | None = None
    location: str | None = None
    words: int | None = None
    seconds: float = 0.0
    detail: str | None = None


@dataclass(frozen=True)
class BatchJob:
    """The work for one input, sent to a worker process (everything in it pickles)."""

    source: str
    outputs: tuple[tuple[str, str], ...]
    skipped: tuple[tuple[str, str], ...] = ()
    input_format: str | None = None
    rules: Rules = field(default_factory=Rules)
    options: Mapping[str, BaseModel] = field(default_factory=dict)
    strict: bool = True
    max_bytes: int = api.MAX_INPUT_BYTES
    max_memory_bytes: int | None = None
    encoding: str | None = None
    storage_options: StorageOptions | None = None
    """Per protocol, how to open URL inputs and outputs (see :mod:`cuecraft.batch.storage`)."""
    reader_options: Mapping[str, Any] = field(default_factory=dict)


class JobTimeout(BaseException):
    """Raised inside a job that ran past its time limit (not an Exception: nothing catches it
    on the way, and the atomic write removes its temporary file)."""


def timed_out(job: BatchJob, limit_s: float, seconds: float) -> FileResult:
    """The failed result of a job stopped at its time limit."""
    return FileResult(
        job.source,
        "failed",
        error=f"{job.source}: stopped after {seconds:.0f} s, over the {limit_s:g} s time limit "
        "for one input (timeout=)",
        seconds=seconds,
    )


def _one_line(text: str) -> str:
    return " ".join(text.split())


def describe_error(exc: BaseException, source: str) -> tuple[str, str | None]:
    """``(one-line reason, location)`` for an error raised while converting ``source``."""
    location: str | None = None
    if isinstance(exc, InputError):
        location = exc.location() or None
    elif isinstance(exc, UnencodableError):
        location = f"cue {exc.cue_index + 1}" if exc.cue_index is not None else exc.target
    elif isinstance(exc, OutputError):
        location = exc.target
    elif isinstance(exc, SegmentationError):
        location = f"word {exc.word_index}" if exc.word_index is not None else None
    elif isinstance(exc, RulesError):
        location = exc.field
    message = _one_line(str(exc))
    if not isinstance(exc, CuecraftError):
        message = f"internal error: {type(exc).__name__}: {message}"
    if not message.startswith(source):
        message = f"{source}: {message}"
    return message, location


def run_job(job: BatchJob) -> FileResult:
    """Convert one input to each of its outputs (this runs in a worker process).

    Never raises for a bad input or a failing writer: every failure is recorded in the
    result. Only an interruption (:class:`Interrupted`, ``KeyboardInterrupt``) propagates.
    """
    started = time.perf_counter()
    skipped = tuple(OutputResult(name, target, "skipped") for name, target in job.skipped)
    try:
        # A URL is fetched whole here, on the worker: the job itself carries only its name.
        source: str | bytes = job.source
        if is_url(job.source):
            source = read_bytes(job.source, job.max_bytes, job.storage_options)
        transcript = api.load_words(
            source,
            job.input_format,
            source=job.source,
            strict=job.strict,
            max_bytes=job.max_bytes,
            max_memory_bytes=job.max_memory_bytes,
            encoding=job.encoding,
            **job.reader_options,
        )
    except Exception as exc:
        message, location = describe_error(exc, job.source)
        detail = None if isinstance(exc, CuecraftError) else traceback.format_exc()
        return FileResult(
            job.source,
            "failed",
            outputs=skipped,
            error=message,
            location=location,
            seconds=time.perf_counter() - started,
            detail=detail,
        )
    outputs: list[OutputResult] = list(skipped)
    first_error: tuple[str, str | None, str | None] | None = None
    # One segmentation per distinct fitted rule set serves every format of this input (#12).
    segmentations = Segmentations(transcript)
    for name, target in job.outputs:
        try:
            write_output(
                transcript,
                name,
                target,
                rules=job.rules,
                options=job.options.get(name),
                segmentations=segmentations,
                storage_options=job.storage_options,
            )
        except (KeyboardInterrupt, Interrupted) as exc:
            # Stopped between or inside writes: the outputs written so far are complete
            # (atomic writes); report them with the interruption.
            partial = FileResult(
                job.source,
                "interrupted",
                reader=transcript.source.format,
                outputs=tuple(outputs),
                error=f"{job.source}: interrupted before every output was written",
                words=len(transcript),
                seconds=time.perf_counter() - started,
            )
            name = exc.signal_name if isinstance(exc, Interrupted) else "SIGINT"
            raise Interrupted(name, partial) from None
        except Exception as exc:
            message, location = describe_error(exc, job.source)
            message = f"{message} (writing {name})"
            detail = None if isinstance(exc, CuecraftError) else traceback.format_exc()
            outputs.append(OutputResult(name, target, "failed", message, location))
            first_error = first_error or (message, location, detail)
        else:
            outputs.append(OutputResult(name, target, "written"))
    order = {name: index for index, (name, _) in enumerate((*job.skipped, *job.outputs))}
    outputs.sort(key=lambda out: order.get(out.format, 0))
    return FileResult(
        job.source,
        "failed" if first_error else "converted",
        reader=transcript.source.format,
        outputs=tuple(outputs),
        error=first_error[0] if first_error else None,
        location=first_error[1] if first_error else None,
        words=len(transcript),
        seconds=time.perf_counter() - started,
        detail=first_error[2] if first_error else None,
    )
