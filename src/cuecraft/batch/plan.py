"""Planning a batch: inputs found in folders, safe output names, what to write or skip."""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from cuecraft.batch.job import BatchJob, FileResult, OutputResult
from cuecraft.errors import OutputError, RulesError
from cuecraft.readers import READERS
from cuecraft.writers import get_writer

__all__ = [
    "collect_inputs",
    "input_extensions",
    "output_name",
    "place",
    "plan",
    "safe_output_path",
    "safe_stem",
]

_RESERVED_NAMES = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{n}" for n in range(1, 10)]
    + [f"LPT{n}" for n in range(1, 10)]
)
_UNSAFE_CHARS = frozenset('/\\:<>"|?*')
_MAX_NAME_BYTES = 200


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


_TEMPLATE_FIELDS = ("stem", "input_ext", "ext")


def output_name(template: str | None, source: Path, extension: str) -> str:
    """An output's file name: ``<stem><extension>``, or ``template`` filled in.

    The template's fields are ``{stem}`` (the input's name without its extension),
    ``{input_ext}`` (the input's extension without the dot) and ``{ext}`` (the output's,
    without the dot), e.g. ``{stem}.{input_ext}.{ext}`` for ``ep.json`` and ``ep.srt`` side
    by side. The name is made safe like a stem (:func:`safe_stem`).

    Raises:
        RulesError: for a template with another field, or without ``{ext}`` (every format
            would get the same name).
    """
    if template is None:
        return source.stem + extension
    if "{ext}" not in template:
        raise RulesError("must contain {ext}, or every format gets one name", field="name_template")
    values = {
        "stem": source.stem,
        "input_ext": source.suffix.lstrip("."),
        "ext": extension.lstrip("."),
    }
    try:
        return template.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError) as exc:
        known = ", ".join("{" + name + "}" for name in _TEMPLATE_FIELDS)
        raise RulesError(
            f"{template!r} is not a name template ({exc!r}); fields: {known}",
            field="name_template",
        ) from None


def input_extensions() -> tuple[str, ...]:
    """The file name endings some reader claims (what a folder walk picks up)."""
    return tuple(sorted({ext.lower() for info in READERS.infos() for ext in info.extensions}))


def _walk(folder: Path, exclude: Path | None) -> Iterator[Path]:
    extensions = input_extensions()
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
    """Whether ``output`` is an up-to-date output: a file (a folder of that name is no
    output, whatever its date) modified after ``source``."""
    try:
        info = output.stat()
        return stat.S_ISREG(info.st_mode) and info.st_mtime_ns > source.stat().st_mtime_ns
    except OSError:
        return False


def place(
    source: str,
    decided: tuple[list[tuple[str, str]], list[tuple[str, str]], str | None],
    template: BatchJob,
    jobs: list[BatchJob],
    results: list[FileResult],
) -> None:
    """File one input's outputs, ``(to write, skipped, refused)``, as a result or a job.

    A refused output fails the input; all outputs up to date skip it; otherwise it becomes a
    job with the ``template``'s settings (the same for every input of the batch).
    """
    to_write, skipped, refused = decided
    if refused is not None:
        results.append(FileResult(source, "failed", error=refused))
    elif not to_write:
        outputs = tuple(OutputResult(name, target, "skipped") for name, target in skipped)
        results.append(FileResult(source, "skipped", outputs=outputs))
    else:
        jobs.append(
            replace(template, source=source, outputs=tuple(to_write), skipped=tuple(skipped))
        )


def plan(
    inputs: Sequence[Path],
    output_dir: str | os.PathLike[str],
    formats: Sequence[str],
    *,
    force: bool = False,
    job: BatchJob | None = None,
    keep_folders_under: Sequence[Path] = (),
    name_template: str | None = None,
) -> tuple[list[BatchJob], list[FileResult]]:
    """Decide the outputs of every input: what to write, what to skip, what to refuse.

    ``keep_folders_under`` lists the input folders whose sub-folder structure the outputs
    repeat under ``output_dir`` (empty: every output goes directly into ``output_dir``).
    ``name_template`` names the outputs (:func:`output_name`). ``job`` is the template of
    every job: what it reads and writes with (rules, options, limits...); its source and
    outputs are filled in per input (default: a job with default settings).

    Returns:
        ``(jobs, results)``: a job for each input with something to write, and a result for
        each input decided here (refused for a name collision, or skipped as up to date).
    """
    specs = [get_writer(name) for name in formats]
    roots = [Path(folder).resolve() for folder in keep_folders_under]
    folders = {path: Path(output_dir, *_subfolder(path, roots)) for path in inputs}

    def shown_name(path: Path) -> str:
        if name_template is None:
            return safe_stem(path.stem) + ".*"
        return safe_stem(output_name(name_template, path, ".*"))

    def name_key(path: Path) -> tuple[str, str]:
        return str(folders[path]).casefold(), shown_name(path).casefold()

    template = job or BatchJob(source="", outputs=())
    names: dict[tuple[str, str], list[Path]] = {}
    for path in inputs:
        names.setdefault(name_key(path), []).append(path)
    jobs: list[BatchJob] = []
    results: list[FileResult] = []
    for path in inputs:
        clash = names[name_key(path)]
        if len(clash) > 1:
            others = ", ".join(str(other) for other in clash if other is not path)
            hint = "" if roots else " or pass keep_folders=True"
            results.append(
                FileResult(
                    str(path),
                    "failed",
                    error=f"{path}: output name {shown_name(path)} collides with {others}; "
                    f"rename one of them{hint}, or name outputs with --name-template "
                    "'{stem}.{input_ext}.{ext}' (nothing was written for either)",
                )
            )
            continue
        to_write: list[tuple[str, str]] = []
        skipped: list[tuple[str, str]] = []
        refused: str | None = None
        for spec in specs:
            if name_template is None:
                target = safe_output_path(folders[path], path.stem, spec.extensions[0])
            else:
                name = output_name(name_template, path, spec.extensions[0])
                target = safe_output_path(folders[path], name, "")
            if not target.is_relative_to(Path(output_dir).resolve()):
                # A sub-folder of the output folder that is a symbolic link elsewhere.
                refused = f"{path}: the {spec.name} output {target} would land outside {output_dir}"
                break
            if target == path.resolve():
                refused = f"{path}: the {spec.name} output would overwrite the input itself"
                break
            if not force and _is_newer(target, path):
                skipped.append((spec.name, str(target)))
            else:
                to_write.append((spec.name, str(target)))
        place(str(path), (to_write, skipped, refused), template, jobs, results)
    return jobs, results
