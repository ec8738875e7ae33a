"""Batch conversion: many inputs, several output formats each, across worker processes.

:func:`run_batch` is what ``cuecraft batch`` runs. It is built to run unattended:

* inputs are files and folders (walked recursively for files a reader claims by extension;
  hidden files and the output folder are left out), each read with its vendor detected;
* every input gets one output per format, named ``<stem><extension>`` in one output folder
  (with ``keep_folders``, in the same sub-folder as the input has under the folder given as
  input, so that ``amberscript/interview.json`` and ``scribie/interview.json`` both convert);
  two inputs with the same output name (ignoring case) are refused, never written over each
  other, and names are sanitised so that no output can land outside the folder;
* a bad input never stops the batch: it becomes a failed :class:`FileResult` with a one-line
  reason and its location, and the others go on;
* an output newer than its input is skipped unless ``force=True``;
* writes are atomic (``api.write``: temporary file + ``os.replace``). When the batch is
  interrupted (Ctrl-C, SIGTERM) pending jobs are cancelled, running workers are stopped so
  their temporary files are removed, any temporary file left is swept up, and the report says
  which inputs were done and which were not.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
import traceback
import unicodedata
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any, Literal

from pydantic import BaseModel

from cuecraft import api
from cuecraft.errors import (
    CuecraftError,
    InputError,
    OutputError,
    RulesError,
    SegmentationError,
    UnencodableError,
)
from cuecraft.readers import READERS
from cuecraft.segment.rules import Rules
from cuecraft.writers import get_writer

__all__ = [
    "BatchJob",
    "BatchReport",
    "FileResult",
    "Interrupted",
    "OutputResult",
    "collect_inputs",
    "plan",
    "run_batch",
    "run_job",
    "safe_output_path",
    "safe_stem",
]

Status = Literal["converted", "failed", "skipped", "interrupted"]

_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_UNSAFE_CHARS = frozenset('/\\:<>"|?*')
_MAX_NAME_BYTES = 200


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
    explicit_rules: frozenset[str] | None = None
    strict: bool = True
    max_bytes: int = api.MAX_INPUT_BYTES


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


def safe_stem(name: str) -> str:
    """A file name stem that is safe in any output folder on any common file system.

    Path separators, drive colons, control and format characters and the characters Windows
    forbids become ``_``; leading dots and spaces go (no hidden files, no ``..``); Windows
    device names get a ``_`` prefix; the result fits in 200 UTF-8 bytes and is never empty.
    """
    text = unicodedata.normalize("NFC", name)
    cleaned = "".join(
        "_" if char in _UNSAFE_CHARS or unicodedata.category(char) in ("Cc", "Cf", "Cs") else char
        for char in text
    )
    cleaned = cleaned.strip().lstrip(".").strip().rstrip(". ")
    encoded = cleaned.encode("utf-8")[:_MAX_NAME_BYTES]
    cleaned = encoded.decode("utf-8", errors="ignore").rstrip(". ")
    if not cleaned:
        return "untitled"
    if cleaned.split(".")[0].upper() in _RESERVED_NAMES:
        cleaned = "_" + cleaned
    return cleaned


def safe_output_path(folder: str | os.PathLike[str], stem: str, extension: str) -> Path:
    """``folder/<safe stem><extension>``, guaranteed to lie directly inside ``folder``.

    Raises:
        OutputError: if the name would still escape the folder (it cannot after sanitising;
            this is the last line of defence).
    """
    base = Path(folder).resolve()
    target = base / (safe_stem(stem) + extension)
    if target.parent != base or target.name in ("", ".", ".."):
        raise OutputError("output name escapes the output folder", target=str(target))
    return target


def _input_extensions() -> tuple[str, ...]:
    return tuple(sorted({ext.lower() for spec in READERS.values() for ext in spec.extensions}))


def _walk(folder: Path, exclude: Path | None) -> Iterator[Path]:
    extensions = _input_extensions()
    for root, dirs, files in os.walk(folder, followlinks=False):
        here = Path(root)
        dirs[:] = sorted(
            name
            for name in dirs
            if not name.startswith(".") and (exclude is None or (here / name).resolve() != exclude)
        )
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(extensions):
                continue
            yield here / name


def collect_inputs(
    paths: Iterable[str | os.PathLike[str]], *, exclude: str | os.PathLike[str] | None = None
) -> tuple[list[Path], list[FileResult]]:
    """Expand files and folders into the list of input files.

    Files named explicitly are always taken. Folders are walked recursively (symbolic links to
    folders are not followed) for non-hidden files whose extension a reader claims; the
    ``exclude`` folder (the output folder) is never entered. Each file appears once.

    Returns:
        ``(inputs, failures)``: the files, and a failed result for each path that does not
        exist.
    """
    excluded = Path(exclude).resolve() if exclude is not None else None
    inputs: list[Path] = []
    failures: list[FileResult] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found: Iterable[Path] = _walk(path, excluded)
        elif path.exists():
            found = [path]
        else:
            failures.append(
                FileResult(str(path), "failed", error=f"{path}: no such file or folder")
            )
            continue
        for item in found:
            key = item.resolve()
            if key not in seen:
                seen.add(key)
                inputs.append(item)
    return inputs, failures


def _subfolder(path: Path, roots: Sequence[Path]) -> tuple[str, ...]:
    """The folders between the deepest input folder holding ``path`` and the file, made safe
    as names (none for a file named on its own)."""
    resolved = path.resolve()
    holders = [root for root in roots if resolved.is_relative_to(root)]
    if not holders:
        return ()
    root = max(holders, key=lambda folder: len(folder.parts))
    return tuple(safe_stem(part) for part in resolved.parent.relative_to(root).parts)


def _is_newer(output: Path, source: Path) -> bool:
    try:
        return output.stat().st_mtime_ns > source.stat().st_mtime_ns
    except OSError:
        return False


def plan(
    inputs: Sequence[Path],
    output_dir: str | os.PathLike[str],
    formats: Sequence[str],
    *,
    force: bool = False,
    input_format: str | None = None,
    rules: Rules | None = None,
    options: Mapping[str, BaseModel] | None = None,
    explicit_rules: frozenset[str] | None = None,
    strict: bool = True,
    max_bytes: int = api.MAX_INPUT_BYTES,
    keep_folders_under: Sequence[Path] = (),
) -> tuple[list[BatchJob], list[FileResult]]:
    """Decide the outputs of every input: what to write, what to skip, what to refuse.

    ``keep_folders_under`` lists the input folders whose sub-folder structure the outputs
    repeat under ``output_dir`` (empty: every output goes directly into ``output_dir``).

    Returns:
        ``(jobs, results)``: a job for each input with something to write, and a result for
        each input decided here (refused for a name collision, or skipped as up to date).
    """
    specs = [get_writer(name) for name in formats]
    roots = [Path(folder).resolve() for folder in keep_folders_under]
    folders = {path: Path(output_dir, *_subfolder(path, roots)) for path in inputs}

    def name_key(path: Path) -> tuple[str, str]:
        return str(folders[path]).casefold(), safe_stem(path.stem).casefold()

    names: dict[tuple[str, str], list[Path]] = {}
    for path in inputs:
        names.setdefault(name_key(path), []).append(path)
    jobs: list[BatchJob] = []
    results: list[FileResult] = []
    for path in inputs:
        clash = names[name_key(path)]
        if len(clash) > 1:
            others = ", ".join(str(other) for other in clash if other is not path)
            hint = "" if roots else " or pass --keep-folders"
            results.append(
                FileResult(
                    str(path),
                    "failed",
                    error=f"{path}: output name {safe_stem(path.stem)}.* collides with "
                    f"{others}; rename one of them{hint} (nothing was written for either)",
                )
            )
            continue
        to_write: list[tuple[str, str]] = []
        skipped: list[tuple[str, str]] = []
        refused: str | None = None
        for spec in specs:
            target = safe_output_path(folders[path], path.stem, spec.extensions[0])
            if not target.is_relative_to(Path(output_dir).resolve()):
                raise OutputError("output name escapes the output folder", target=str(target))
            if target == path.resolve():
                refused = f"{path}: the {spec.name} output would overwrite the input itself"
                break
            if not force and _is_newer(target, path):
                skipped.append((spec.name, str(target)))
            else:
                to_write.append((spec.name, str(target)))
        if refused is not None:
            results.append(FileResult(str(path), "failed", error=refused))
        elif not to_write:
            results.append(
                FileResult(
                    str(path),
                    "skipped",
                    outputs=tuple(
                        OutputResult(name, target, "skipped") for name, target in skipped
                    ),
                )
            )
        else:
            jobs.append(
                BatchJob(
                    source=str(path),
                    outputs=tuple(to_write),
                    skipped=tuple(skipped),
                    input_format=input_format,
                    rules=rules or Rules(),
                    options=dict(options or {}),
                    explicit_rules=explicit_rules,
                    strict=strict,
                    max_bytes=max_bytes,
                )
            )
    return jobs, results


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _describe(exc: BaseException, source: str) -> tuple[str, str | None]:
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
        transcript = api.load(
            job.source, job.input_format, strict=job.strict, max_bytes=job.max_bytes
        )
    except Exception as exc:
        message, location = _describe(exc, job.source)
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
    for name, target in job.outputs:
        try:
            # With keep_folders an output may go to a sub-folder not made yet.
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            api.write(
                transcript,
                target,
                name,
                rules=job.rules,
                options=job.options.get(name),
                explicit_rules=job.explicit_rules,
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
                words=len(transcript.words),
                seconds=time.perf_counter() - started,
            )
            name = exc.signal_name if isinstance(exc, Interrupted) else "SIGINT"
            raise Interrupted(name, partial) from None
        except Exception as exc:
            message, location = _describe(exc, job.source)
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
        words=len(transcript.words),
        seconds=time.perf_counter() - started,
        detail=first_error[2] if first_error else None,
    )


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
def _signals_raise() -> Iterator[None]:
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
def _no_signals() -> Iterator[None]:
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
    queue: deque[BatchJob], workers: int, record: Callable[[FileResult], None]
) -> list[BatchJob]:
    """Run queued jobs on a fresh pool, at most ``workers`` in flight.

    Returns:
        The jobs that were in flight when a worker died (the pool is then unusable), else [].
    """
    executor = _pool(workers)
    inflight: dict[Future[FileResult], BatchJob] = {}
    try:
        while queue or inflight:
            # At most one job per worker is submitted, so every job in flight is running:
            # when a worker dies, the suspects are exactly these.
            while queue and len(inflight) < workers:
                job = queue.popleft()
                inflight[executor.submit(_worker_run, job)] = job
            completed, _ = wait(inflight, return_when=FIRST_COMPLETED)
            broken: list[BatchJob] = []
            for future in completed:
                job = inflight.pop(future)
                error = future.exception()
                if error is None:
                    record(future.result())
                elif isinstance(error, BrokenProcessPool):
                    broken.append(job)
                else:
                    message, location = _describe(error, job.source)
                    record(FileResult(job.source, "failed", error=message, location=location))
            if broken:
                executor.shutdown(wait=True, cancel_futures=True)
                return broken + list(inflight.values())
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
    return []


def _run_pool(jobs: Sequence[BatchJob], workers: int, record: Callable[[FileResult], None]) -> None:
    """Run the jobs on worker processes; a worker that dies fails only its own input."""
    queue = deque(jobs)
    while queue:
        suspects = _run_round(queue, workers, record)
        if len(suspects) == 1:
            record(_crashed(suspects[0]))
            continue
        # Several jobs were in flight when a worker died: run each alone to find the culprit.
        for job in suspects:
            for culprit in _run_round(deque([job]), 1, record):
                record(_crashed(culprit))


def _sweep_temporary_files(jobs: Sequence[BatchJob]) -> None:
    # api.write's temporary files are named ".<target name>.<random>.part" beside the target.
    # A worker stopped by SIGTERM removes its own; this catches one killed harder.
    for job in jobs:
        for _, target in job.outputs:
            path = Path(target)
            for leftover in path.parent.glob(f".{path.name}.*.part"):
                leftover.unlink(missing_ok=True)


def run_batch(
    paths: Iterable[str | os.PathLike[str]],
    output_dir: str | os.PathLike[str],
    formats: Sequence[str],
    *,
    rules: Rules | None = None,
    options: Mapping[str, BaseModel | Mapping[str, Any]] | None = None,
    explicit_rules: frozenset[str] | None = None,
    input_format: str | None = None,
    jobs: int | None = None,
    force: bool = False,
    strict: bool = True,
    max_bytes: int = api.MAX_INPUT_BYTES,
    on_result: Callable[[FileResult, int, int], None] | None = None,
    handle_signals: bool = False,
    keep_folders: bool = False,
) -> BatchReport:
    """Convert every input to every format in ``output_dir``.

    Args:
        paths: input files and folders (folders are walked recursively).
        output_dir: the folder all outputs go to (created if missing).
        formats: writer names, e.g. ``["srt", "vtt"]``.
        rules: segmentation rules for the subtitle formats.
        options: writer name -> options (a model or a mapping, validated up front).
        explicit_rules: the rule fields the user set (writers adapt the others).
        input_format: a reader name to use for every input instead of detecting it.
        jobs: worker processes (default: the CPU count); 1 runs in this process.
        force: write outputs even when they are newer than their input.
        strict: the readers' strict mode.
        max_bytes: refuse inputs larger than this.
        on_result: called after each input with ``(result, done, total)`` (progress bars).
        handle_signals: make SIGTERM stop the batch like Ctrl-C does (the CLI sets this).
        keep_folders: repeat each input's sub-folders (below the input folder it was found
            in) under ``output_dir``, instead of writing every output directly into it.

    Returns:
        The report; it says whether the batch was interrupted and what was not done.

    Raises:
        UnknownFormatError: for an unknown format.
        RulesError: for invalid writer options.
        OutputError: when the output folder cannot be created.
    """
    started = time.perf_counter()
    specs = [get_writer(name) for name in formats]
    validated = {
        spec.name: api.make_options(spec, (options or {}).get(spec.name)) for spec in specs
    }
    out = Path(output_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(
            f"cannot create the output folder: {exc.strerror or exc}", target=str(out)
        ) from exc
    paths = list(paths)
    inputs, results = collect_inputs(paths, exclude=out)
    roots = [Path(path) for path in paths if keep_folders and Path(path).is_dir()]
    jobs_list, decided = plan(
        inputs,
        out,
        formats,
        force=force,
        input_format=input_format,
        rules=rules,
        options=validated,
        explicit_rules=explicit_rules,
        strict=strict,
        max_bytes=max_bytes,
        keep_folders_under=roots,
    )
    results.extend(decided)
    total = len(results) + len(jobs_list)
    done = 0
    for result in results:
        done += 1
        if on_result is not None:
            on_result(result, done, total)
    finished: dict[str, FileResult] = {}
    interrupted: str | None = None

    def record(result: FileResult) -> None:
        nonlocal done
        finished[result.source] = result
        done += 1
        if on_result is not None:
            on_result(result, done, total)

    workers = max(1, min(jobs or os.cpu_count() or 1, len(jobs_list)))
    signals = _signals_raise() if handle_signals else _no_signals()
    with signals:
        try:
            if workers == 1:
                for job in jobs_list:
                    record(run_job(job))
            else:
                _run_pool(jobs_list, workers, record)
        except KeyboardInterrupt:
            interrupted = "SIGINT"
        except Interrupted as exc:
            interrupted = exc.signal_name
            if exc.partial is not None:
                record(exc.partial)
        if interrupted is not None:
            _sweep_temporary_files(jobs_list)
    not_done = tuple(
        job.source
        for job in jobs_list
        if job.source not in finished or finished[job.source].status == "interrupted"
    )
    ordered = results + [finished[job.source] for job in jobs_list if job.source in finished]
    return BatchReport(
        results=tuple(ordered),
        output_dir=str(out),
        formats=tuple(formats),
        interrupted=interrupted,
        not_done=not_done,
        seconds=time.perf_counter() - started,
    )


def default_jobs() -> int:
    """The default number of worker processes: the CPU count."""
    return os.cpu_count() or 1
