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
* one input may take at most ``timeout`` seconds (default 300): a file over it is reported as
  failed, the worker running it is recycled, and the batch goes on;
* writes are atomic (``api.write``: temporary file + ``os.replace``). When the batch is
  interrupted (Ctrl-C, SIGTERM) pending jobs are cancelled, running workers are stopped so
  their temporary files are removed, any temporary file left is swept up, and the report says
  which inputs were done and which were not.

The package: :mod:`~cuecraft.batch.plan` (inputs, names, what to write),
:mod:`~cuecraft.batch.job` (one input's work and result), :mod:`~cuecraft.batch.pool`
(worker processes, signals, time limit) and :mod:`~cuecraft.batch.report`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cuecraft import api
from cuecraft.batch.job import (
    DEFAULT_TIMEOUT_S,
    BatchJob,
    FileResult,
    Interrupted,
    OutputResult,
    run_job,
)
from cuecraft.batch.plan import collect_inputs, plan, safe_output_path, safe_stem
from cuecraft.batch.pool import (
    no_signals,
    run_inline,
    run_pool,
    signals_raise,
    sweep_temporary_files,
)
from cuecraft.batch.report import BatchReport
from cuecraft.errors import OutputError, RulesError
from cuecraft.segment.rules import Rules
from cuecraft.writers import get_writer

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "BatchJob",
    "BatchReport",
    "FileResult",
    "Interrupted",
    "OutputResult",
    "collect_inputs",
    "default_jobs",
    "plan",
    "run_batch",
    "run_job",
    "safe_output_path",
    "safe_stem",
]


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
    max_memory_bytes: int | None = None,
    encoding: str | None = None,
    timeout: float | None = DEFAULT_TIMEOUT_S,
    on_result: Callable[[FileResult, int, int], None] | None = None,
    handle_signals: bool = False,
    keep_folders: bool = False,
    name_template: str | None = None,
    reader_options: Mapping[str, Any] | None = None,
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
        max_memory_bytes: refuse inputs estimated to need more memory (see ``api.load``);
            by default the machine's memory shared among the workers.
        encoding: the text encoding of subtitle inputs (detected when None).
        timeout: seconds one input may take (None: no limit); an input over it fails and
            the worker running it is replaced.
        on_result: called after each input with ``(result, done, total)`` (progress bars).
        handle_signals: make SIGTERM stop the batch like Ctrl-C does (the CLI sets this).
        keep_folders: repeat each input's sub-folders (below the input folder it was found
            in) under ``output_dir``, instead of writing every output directly into it.
        name_template: output file names, e.g. ``"{stem}.{input_ext}.{ext}"`` (see
            :func:`cuecraft.batch.plan.output_name`); None: ``<stem><extension>``.
        reader_options: options for every ``load`` (``language``, ``speaker_names``).

    Returns:
        The report; it says whether the batch was interrupted and what was not done.

    Raises:
        UnknownFormatError: for an unknown format.
        RulesError: for invalid writer options.
        OutputError: when the output folder cannot be created.
    """
    started = time.perf_counter()
    timeout = _time_limit(timeout)
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
        max_memory_bytes=_memory_per_worker(max_memory_bytes, jobs, len(inputs)),
        encoding=encoding,
        keep_folders_under=roots,
        name_template=name_template,
        reader_options=reader_options,
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
    signals = signals_raise() if handle_signals else no_signals()
    with signals:
        try:
            if workers == 1:
                run_inline(jobs_list, record, timeout)
            else:
                run_pool(jobs_list, workers, record, timeout)
        except KeyboardInterrupt:
            interrupted = "SIGINT"
        except Interrupted as exc:
            interrupted = exc.signal_name
            if exc.partial is not None:
                record(exc.partial)
        if interrupted is not None:
            sweep_temporary_files(jobs_list)
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


def _memory_per_worker(budget: int | None, jobs: int | None, inputs: int) -> int | None:
    """The default budget is the machine's memory, shared by the workers running at once."""
    if budget is not None:
        return budget
    workers = max(1, min(jobs or os.cpu_count() or 1, inputs))
    return max(1, api.default_max_memory() // workers)


def _time_limit(timeout: float | None) -> float | None:
    if timeout is None:
        return None
    if not timeout > 0:
        raise RulesError(f"must be a positive number of seconds, got {timeout!r}", field="timeout")
    # Timers cannot count past a few decades (time_t); a limit beyond that is no limit.
    return None if timeout > _MAX_TIMEOUT_S else float(timeout)


_MAX_TIMEOUT_S = 1e9


def default_jobs() -> int:
    """The default number of worker processes: the CPU count."""
    return os.cpu_count() or 1
