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
* each input is segmented once per set of rules its formats fit them to, and those cues
  serve every format that shares them (:mod:`~cuecraft.batch.outputs`);
* writes are atomic (as ``api.write``: temporary file + ``os.replace``). When the batch is
  interrupted (Ctrl-C, SIGTERM) pending jobs are cancelled, running workers are stopped so
  their temporary files are removed, any temporary file left is swept up, and the report says
  which inputs were done and which were not.

Inputs and the output folder may also be fsspec URLs (``s3://bucket/prefix``, ``file://``,
``memory://``...): prefixes are listed like folders, outputs are stored whole (see
:mod:`~cuecraft.batch.storage`). With ``executor=`` the jobs run on any
:class:`concurrent.futures.Executor`, e.g. a Dask cluster's (:mod:`~cuecraft.batch.executor`),
with the same report, failure isolation and progress.

The package: :mod:`~cuecraft.batch.plan` (inputs, names, what to write),
:mod:`~cuecraft.batch.job` (one input's work and result), :mod:`~cuecraft.batch.outputs`
(one input's outputs, segmented once), :mod:`~cuecraft.batch.pool` (worker processes,
signals, time limit) and :mod:`~cuecraft.batch.report`.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cuecraft import api
from cuecraft.batch.executor import dask_executor, run_executor
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
from cuecraft.batch.remote import collect_locations, plan_locations
from cuecraft.batch.report import BatchReport
from cuecraft.batch.storage import StorageOptions, is_url
from cuecraft.errors import OutputError, RulesError
from cuecraft.segment import Rules
from cuecraft.writers import get_writer

__all__ = [
    "DEFAULT_TIMEOUT_S",
    "BatchJob",
    "BatchReport",
    "FileResult",
    "Interrupted",
    "OutputResult",
    "collect_inputs",
    "dask_executor",
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
    executor: Executor | None = None,
    storage_options: StorageOptions | None = None,
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
        executor: run the jobs on this executor (a Dask ``Client.get_executor()``, a process
            pool...) instead of cuecraft's own worker processes; its workers must be able to
            import cuecraft. ``jobs`` then says how many run at once (default: what the executor
            reports).
        storage_options: per URL protocol, the file system's keyword arguments, e.g.
            ``{"s3": {"endpoint_url": "http://127.0.0.1:9000"}}``.
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
    names = [os.fspath(path) for path in paths]
    out_name = os.fspath(output_dir)
    if executor is not None:
        # Workers may run in another folder, or on another machine sharing the file system.
        names = [name if is_url(name) else os.path.abspath(name) for name in names]
        out_name = out_name if is_url(out_name) else os.path.abspath(out_name)
    remote = is_url(out_name) or any(is_url(name) for name in names)
    in_memory = [name for name in (*names, out_name) if name.startswith("memory://")]
    if in_memory and executor is not None:
        raise RulesError(
            f"{in_memory[0]} lives in this process only; an executor's workers cannot see it",
            field="executor",
        )
    if not is_url(out_name):
        try:
            Path(out_name).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(
                f"cannot create the output folder: {exc.strerror or exc}", target=out_name
            ) from exc
    # With an executor the workers may be other machines: each uses its own memory (None).
    budget = max_memory_bytes
    # What every job reads and writes with; planning fills in each input and its outputs.
    template = BatchJob(
        source="",
        outputs=(),
        input_format=input_format,
        rules=rules or Rules(),
        options=validated,
        strict=strict,
        max_bytes=max_bytes,
        encoding=encoding,
        reader_options=dict(reader_options or {}),
    )
    if remote and name_template is not None:
        raise RulesError(
            "name templates are for local output folders; URL outputs use <stem><extension>",
            field="name_template",
        )
    if remote:
        found, results = collect_locations(names, output_dir=out_name, options=storage_options)
        if executor is None:
            budget = _memory_per_worker(max_memory_bytes, jobs, len(found))
        jobs_list, decided = plan_locations(
            found,
            out_name,
            formats,
            force=force,
            job=replace(template, max_memory_bytes=budget, storage_options=storage_options),
            keep_folders=keep_folders,
        )
    else:
        out = Path(out_name)
        inputs, results = collect_inputs(names, exclude=out)
        roots = [Path(name) for name in names if keep_folders and Path(name).is_dir()]
        if executor is None:
            budget = _memory_per_worker(max_memory_bytes, jobs, len(inputs))
        jobs_list, decided = plan(
            inputs,
            out,
            formats,
            force=force,
            job=replace(template, max_memory_bytes=budget),
            keep_folders_under=roots,
            name_template=name_template,
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
            if executor is not None:
                window = None if jobs is None else 2 * jobs
                run_executor(jobs_list, executor, record, timeout, window=window)
            elif workers == 1 or in_memory:
                # memory:// is this process's own store: worker processes would not share it.
                run_inline(jobs_list, record, timeout)
            else:
                run_pool(jobs_list, workers, record, timeout)
        except KeyboardInterrupt:
            interrupted = "SIGINT"
        except Interrupted as exc:
            interrupted = exc.signal_name
            if exc.partial is not None:
                record(exc.partial)
        if interrupted is not None or executor is not None:
            # An executor's worker that died mid-write (Dask reran its task elsewhere) may
            # have left a temporary file beside an output.
            sweep_temporary_files(jobs_list)
    not_done = tuple(
        job.source
        for job in jobs_list
        if job.source not in finished or finished[job.source].status == "interrupted"
    )
    ordered = results + [finished[job.source] for job in jobs_list if job.source in finished]
    return BatchReport(
        results=tuple(ordered),
        output_dir=out_name if is_url(out_name) else str(Path(out_name)),
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
