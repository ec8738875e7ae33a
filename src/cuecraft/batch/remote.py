"""Planning a batch whose inputs or output folder are URLs (issue #16).

The same decisions as :mod:`~cuecraft.batch.plan` makes for local files: prefixes are listed
for the extensions a reader claims (hidden names and the output prefix left out), each output
is ``<safe stem><extension>`` under the output prefix (with ``keep_folders``, under the same
sub-prefix the input has), two inputs with one output name are both refused, and an output
newer than its input is skipped unless ``force``. Local paths may be mixed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from cuecraft.batch.job import BatchJob, FileResult
from cuecraft.batch.plan import (
    collect_inputs,
    input_extensions,
    place,
    safe_output_path,
    safe_stem,
)
from cuecraft.batch.storage import (
    StorageOptions,
    is_url,
    join,
    list_prefix,
    modified_ns,
    relative_parts,
)
from cuecraft.errors import CuecraftError
from cuecraft.writers import get_writer

__all__ = ["Found", "collect_locations", "plan_locations"]


@dataclass(frozen=True)
class Found:
    """One input: its URL or path, and the sub-folders it had below the input named."""

    source: str
    folders: tuple[str, ...] = ()


def collect_locations(
    paths: Iterable[str], *, output_dir: str, options: StorageOptions | None = None
) -> tuple[list[Found], list[FileResult]]:
    """Expand URLs and local paths into inputs, each once, in the order given."""
    extensions = input_extensions()
    found: list[Found] = []
    failures: list[FileResult] = []
    seen: set[str] = set()
    out_prefix = output_dir.rstrip("/") + "/"
    for raw in paths:
        items: list[Found] = []
        if is_url(raw):
            try:
                urls = list_prefix(raw, extensions, options)
            except CuecraftError as exc:
                failures.append(FileResult(raw, "failed", error=str(exc)))
                continue
            if urls is None:
                failures.append(FileResult(raw, "failed", error=f"{raw}: no such object or prefix"))
                continue
            items = [
                Found(url, tuple(safe_stem(part) for part in relative_parts(url, raw)))
                for url in urls
                if url == raw or not url.startswith(out_prefix)
            ]
        else:
            exclude = None if is_url(output_dir) else output_dir
            paths_found, missing = collect_inputs([raw], exclude=exclude)
            failures.extend(missing)
            root = Path(raw).resolve() if Path(raw).is_dir() else None
            for path in paths_found:
                parts = path.resolve().parent.relative_to(root).parts if root is not None else ()
                items.append(Found(str(path), tuple(safe_stem(part) for part in parts)))
        for item in items:
            key = item.source if is_url(item.source) else str(Path(item.source).resolve())
            if key not in seen:
                seen.add(key)
                found.append(item)
    return found, failures


def _stem(source: str) -> str:
    return PurePosixPath(source.rsplit("/", 1)[-1]).stem if is_url(source) else Path(source).stem


def _target(output_dir: str, folders: tuple[str, ...], stem: str, extension: str) -> str:
    if is_url(output_dir):
        return join(output_dir, *folders, safe_stem(stem) + extension)
    return str(safe_output_path(Path(output_dir, *folders), stem, extension))


def _newer(target: str, source: str, options: StorageOptions | None) -> bool:
    written, read = modified_ns(target, options), modified_ns(source, options)
    return written is not None and read is not None and written > read


def plan_locations(
    inputs: Sequence[Found],
    output_dir: str,
    formats: Sequence[str],
    *,
    force: bool = False,
    job: BatchJob | None = None,
    keep_folders: bool = False,
) -> tuple[list[BatchJob], list[FileResult]]:
    """Decide what to write, skip or refuse for every input (see the module docstring).

    ``job`` is the template of every job (see :func:`cuecraft.batch.plan.plan`); its
    ``storage_options`` also open the outputs to compare their times with the inputs'.
    """
    specs = [get_writer(name) for name in formats]

    def folders(item: Found) -> tuple[str, ...]:
        return item.folders if keep_folders else ()

    def name_key(item: Found) -> tuple[tuple[str, ...], str]:
        return tuple(p.casefold() for p in folders(item)), safe_stem(_stem(item.source)).casefold()

    template = job or BatchJob(source="", outputs=())
    storage_options = template.storage_options
    names: dict[tuple[tuple[str, ...], str], list[str]] = {}
    for item in inputs:
        names.setdefault(name_key(item), []).append(item.source)
    jobs: list[BatchJob] = []
    results: list[FileResult] = []
    for item in inputs:
        source = item.source
        clash = names[name_key(item)]
        if len(clash) > 1:
            others = ", ".join(other for other in clash if other != source)
            hint = "" if keep_folders else " or pass keep_folders=True"
            results.append(
                FileResult(
                    source,
                    "failed",
                    error=f"{source}: output name {safe_stem(_stem(source))}.* collides with "
                    f"{others}; rename one of them{hint} (nothing was written for either)",
                )
            )
            continue
        to_write: list[tuple[str, str]] = []
        skipped: list[tuple[str, str]] = []
        refused: str | None = None
        for spec in specs:
            target = _target(output_dir, folders(item), _stem(source), spec.extensions[0])
            if target == source or (
                not is_url(source) and not is_url(target) and Path(target) == Path(source).resolve()
            ):
                refused = f"{source}: the {spec.name} output would overwrite the input itself"
                break
            if not force and _newer(target, source, storage_options):
                skipped.append((spec.name, target))
            else:
                to_write.append((spec.name, target))
        place(source, (to_write, skipped, refused), template, jobs, results)
    return jobs, results
