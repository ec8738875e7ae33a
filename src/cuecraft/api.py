"""load / segment / write / convert: the public functions, and the only code that opens files.

Writes are atomic: output goes to a temporary file in the target's folder, which replaces the
target only when the whole output was written. A failed conversion leaves no file behind and
an existing target untouched. The output gets the mode a plain ``open()`` would give it (an
existing target keeps its mode, a new file follows the umask); a target that is a symbolic
link has the file it points to replaced. See :mod:`cuecraft._files` for the details, and for
how temporary files left by a killed process are cleaned up.

Every conversion ends with the fidelity check (:mod:`cuecraft.fidelity`): the cues handed to
a writer carry exactly the loaded words, in order, or :class:`~cuecraft.errors.FidelityError`
is raised and nothing is written.

Limits: ``load`` refuses input over ``max_bytes`` (read, never trusted from the file's
claimed size) and input whose estimated memory need is over ``max_memory_bytes``.
"""

from __future__ import annotations

import inspect
import io
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from pydantic import BaseModel, ValidationError

from cuecraft._files import atomic_write, read_bounded, read_path
from cuecraft._gc import paused_gc
from cuecraft.errors import InputError, OutputError, RulesError, UnknownFormatError
from cuecraft.fidelity import check_cues
from cuecraft.model import Cue, Diagnostic, Transcript
from cuecraft.readers import READERS, decode, detect, get_reader
from cuecraft.segment import segment_with_report
from cuecraft.segment.rules import Rules
from cuecraft.writers import WRITERS, WriteContext, WriterSpec, get_writer

__all__ = [
    "MAX_INPUT_BYTES",
    "MEMORY_FACTORS",
    "Source",
    "convert",
    "default_max_memory",
    "estimate_memory",
    "load",
    "make_options",
    "render",
    "write",
    "writer_for",
]

Source = (
    str | os.PathLike[str] | bytes | bytearray | IO[bytes] | IO[str] | dict[str, Any] | list[Any]
)

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Inputs larger than this are refused (override with ``max_bytes=``)."""


MEMORY_FACTORS = {"json": 60, "other": 130}
"""Peak memory of a conversion per input byte, measured as the peak RSS growth over ``load`` +
``segment`` + ``write`` (``python benchmarks/memory_factor.py``, CPython 3.11): compact
word-list JSON of one- and two-letter words needs 41-53x its size, SRT cues of short words
116-120x. Rounded up; used by :func:`estimate_memory`."""


def estimate_memory(data: Any) -> int:
    """Bytes of memory a conversion of ``data`` (raw input) is estimated to need at peak."""
    if not isinstance(data, (bytes, str)):
        return 0  # parsed JSON: already in memory, and its size is not cheap to tell
    head = data[:64].lstrip()
    json_like = head[:1] in (b"{", b"[", "{", "[", b"\xef", "\ufeff")
    return len(data) * MEMORY_FACTORS["json" if json_like else "other"]


def default_max_memory() -> int:
    """The default memory budget: this machine's physical memory (8 GiB when unknown)."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 8 * 1024**3
    return pages * page_size if pages > 0 and page_size > 0 else 8 * 1024**3


def _limit(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RulesError(f"must be a whole number of bytes >= 1, got {value!r}", field=name)
    # A limit past what an index can count is no limit (read(10**30) would overflow).
    return min(value, sys.maxsize - 1)


def _check_memory(data: Any, budget: int, label: str) -> None:
    need = estimate_memory(data)
    if need > budget:
        raise InputError(
            f"converting this input would need about {_mib(need)} of memory, over the "
            f"{_mib(budget)} budget; split the input, or raise the budget (max_memory_bytes=)",
            source=label,
        )


def _mib(size: int) -> str:
    return f"{size / 1024**2:,.0f} MiB" if size >= 1024**2 else f"{size} bytes"


def _read_source(src: Any, max_bytes: int) -> tuple[Any, str]:
    """Raw content and a source label for any accepted kind of input."""
    if isinstance(src, (dict, list)):
        return src, "<json>"
    if isinstance(src, (bytes, bytearray)):
        if len(src) > max_bytes:
            raise InputError(
                f"input is {len(src)} bytes, over the {max_bytes}-byte limit", source="<bytes>"
            )
        return bytes(src), "<bytes>"
    if isinstance(src, (str, os.PathLike)):
        label = os.fsdecode(src)
        return read_path(src, max_bytes, label=label), label
    if hasattr(src, "read"):
        label = str(getattr(src, "name", "<stream>"))
        try:
            data = read_bounded(src, max_bytes)
        except OSError as exc:
            raise InputError(f"cannot read stream: {exc}", source=label) from exc
        if len(data) > max_bytes:
            raise InputError(f"input is over the {max_bytes}-byte limit", source=label)
        return (data.encode("utf-8") if isinstance(data, str) else data), label
    raise InputError(f"cannot load a {type(src).__name__}; give a path, bytes, a stream or JSON")


def load(
    src: Source,
    format: str | None = None,
    *,
    strict: bool = True,
    source: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_memory_bytes: int | None = None,
    encoding: str | None = None,
    **options: Any,
) -> Transcript:
    """Read a transcript from any supported vendor export or subtitle file.

    Args:
        src: a path, bytes, a binary or text stream, or already-parsed JSON (dict or list).
        format: a reader name (see ``cuecraft formats``); detected from content when None.
        strict: when False, repairable problems become ``transcript.diagnostics``.
        source: a label for error messages (defaults to the path or ``<bytes>``).
        max_bytes: refuse inputs larger than this (counted while reading, so a device or a
            pipe that never ends is refused too).
        max_memory_bytes: refuse up front an input whose conversion is estimated
            (:func:`estimate_memory`) to need more memory than this; default: the machine's
            physical memory (:func:`default_max_memory`).
        encoding: the text encoding of a subtitle file (e.g. ``"cp1252"``, ``"utf-16"``);
            detected when None.
        **options: reader options, e.g. ``speaker_names=[...]`` for Scribie.

    Raises:
        InputError: (or a subclass) naming the file and location of the problem.
        UnknownFormatError: for an unknown ``format``.
        RulesError: for a limit that is not a positive whole number.
    """
    max_bytes = _limit(max_bytes, "max_bytes")
    budget = default_max_memory() if max_memory_bytes is None else max_memory_bytes
    budget = _limit(budget, "max_memory_bytes")
    data, label = _read_source(src, max_bytes)
    label = source or label
    _check_memory(data, budget, label)
    try:
        return _load(data, format, strict=strict, label=label, encoding=encoding, **options)
    except InputError as exc:
        raise exc.with_source(label) from exc.__cause__
    except RecursionError as exc:
        raise InputError("document nested too deeply", source=label) from exc
    except (OverflowError, MemoryError) as exc:
        what = "a number too large" if isinstance(exc, OverflowError) else "too much memory"
        raise InputError(f"cannot read: {what} ({exc})", source=label) from exc


def _load(
    data: Any,
    format: str | None,
    *,
    strict: bool,
    label: str,
    encoding: str | None,
    **options: Any,
) -> Transcript:
    # The encoding keyword of detect/decode is passed only when given, so that a reader
    # registry without it still serves every other call.
    extra: dict[str, Any] = {} if encoding is None else {"encoding": encoding}
    if extra and "encoding" not in inspect.signature(detect).parameters:
        raise RulesError("the readers of this version cannot take an encoding", field="encoding")
    with paused_gc():
        if format is None:
            spec, doc = detect(data, source=label, **extra)
        else:
            spec = get_reader(format)
            doc = decode(data, spec.kind, source=label, **extra)
    unknown = sorted(set(options) - set(spec.options))
    if unknown:
        raise UnknownFormatError(
            unknown[0], spec.options or ("(none)",), what=f"option for reader {spec.name}:"
        )
    with paused_gc():
        return spec.read(doc, source=label, strict=strict, **options)


def writer_for(target: str | os.PathLike[str] | None, format: str | None) -> WriterSpec:
    """The writer named by ``format``, else the one for the target's extension."""
    if format is not None:
        return get_writer(format)
    if target is None or str(target) == "-":
        raise OutputError("cannot tell the output format; pass format=", target=str(target))
    name = Path(target).name.lower()
    matches = [
        spec for spec in WRITERS.values() if any(name.endswith(ext) for ext in spec.extensions)
    ]
    if not matches:
        known = sorted(ext for spec in WRITERS.values() for ext in spec.extensions)
        raise UnknownFormatError(Path(target).suffix or name, known, what="output extension")
    # The longest matching extension wins (".cuecraft.json" over ".json").
    return max(matches, key=lambda s: max(len(e) for e in s.extensions if name.endswith(e)))


def make_options(spec: WriterSpec, options: BaseModel | Mapping[str, Any] | None) -> BaseModel:
    """Validate writer options (a model instance or a mapping) for ``spec``.

    Raises:
        RulesError: naming the option that is wrong.
    """
    if isinstance(options, spec.options):
        return options
    if isinstance(options, BaseModel):
        raise RulesError(
            f"the {spec.name} writer takes {spec.options.__name__}, not {type(options).__name__}",
            field="options",
        )
    try:
        return spec.options.model_validate(dict(options or {}))
    except ValidationError as exc:
        raise RulesError.from_validation(exc) from None


def _context(transcript: Transcript | None, title: str | None) -> WriteContext:
    if transcript is None:
        return WriteContext(title=title)
    return WriteContext(
        speaker_names={speaker.id: speaker.name for speaker in transcript.speakers},
        language=transcript.language,
        title=title or (Path(transcript.source.name).stem if transcript.source.name else None),
    )


def render(
    obj: Transcript | Sequence[Cue],
    spec: WriterSpec,
    *,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    title: str | None = None,
    explicit_rules: frozenset[str] | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Produce the whole output in memory (so nothing half-written ever reaches a file).

    Raises:
        FidelityError: when the cues do not carry exactly the transcript's words (a bug).
        OutputError: for an object the writer cannot take, or times too large to compute.
    """
    validated = make_options(spec, options)
    transcript = obj if isinstance(obj, Transcript) else None
    context = _context(transcript, title)
    try:
        payload = _payload(obj, transcript, spec, validated, rules, explicit_rules, context)
        return _run_writer(spec, payload, validated, context), context.diagnostics
    except OverflowError as exc:
        # Times are unbounded integers in the model; one too large for a float (10**400 ms)
        # overflows in the engine or a writer's arithmetic.
        raise OutputError(f"a time too large to write as {spec.name} ({exc})") from exc


# The segmenter's warnings that `cuecraft check` reports too (a limit no layout can meet).
_LIMIT_WARNINGS = frozenset({"word-longer-than-row", "word-longer-than-cue"})


def _payload(
    obj: Transcript | Sequence[Cue],
    transcript: Transcript | None,
    spec: WriterSpec,
    options: BaseModel,
    rules: Rules | None,
    explicit_rules: frozenset[str] | None,
    context: WriteContext,
) -> Any:
    """What the writer takes: the transcript itself, or cues checked against its words.

    The segmenter's warnings about a limit no layout can hold (one word wider than a row, or
    longer than a cue) join the writer's diagnostics, so ``convert`` reports what ``check``
    will find.
    """
    if spec.takes == "transcript":
        if transcript is None:
            raise OutputError(f"the {spec.name} writer needs a Transcript, not cues")
        return transcript  # the loaded words themselves: nothing can be lost on the way
    if transcript is None:
        return list(obj)
    rules = rules or Rules()
    if spec.adjust_rules is not None:
        explicit = explicit_rules if explicit_rules is not None else rules.model_fields_set
        rules = spec.adjust_rules(rules, options, frozenset(explicit))
    result = segment_with_report(transcript, rules)
    cues = result.cues
    context.diagnostics.extend(d for d in result.diagnostics if d.code in _LIMIT_WARNINGS)
    # Issue #9: what reaches the writer is exactly the loaded words, or nothing is written.
    check_cues(transcript.words, cues, speaker_dash=rules.speaker_dash)
    return cues


def _run_writer(spec: WriterSpec, payload: Any, options: BaseModel, context: WriteContext) -> bytes:
    buffer = io.BytesIO()
    if spec.binary:
        spec.write(payload, buffer, options, context)
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        spec.write(payload, text, options, context)
        text.flush()
        text.detach()
    return buffer.getvalue()


def write(
    obj: Transcript | Sequence[Cue],
    target: str | os.PathLike[str] | BinaryIO,
    format: str | None = None,
    *,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    title: str | None = None,
    explicit_rules: frozenset[str] | None = None,
) -> list[Diagnostic]:
    """Write a transcript (segmented on the way for subtitle formats) or cues.

    Args:
        obj: a Transcript, or cues from :func:`cuecraft.segment`.
        target: a path (``-`` for standard output) or a binary stream.
        format: a writer name; taken from the target's extension when None.
        rules: segmentation rules for subtitle formats (``Rules()`` when None).
        options: the writer's options model, or a mapping validated into it.
        title: document or programme title for formats that carry one.

    Returns:
        What the writer replaced or tolerated (empty when nothing was).

    Raises:
        OutputError: when the target cannot be written or the object does not suit the format.
        UnknownFormatError: for an unknown format or extension.
        RulesError: for invalid writer options.
    """
    if isinstance(target, (str, os.PathLike)):
        spec = writer_for(target, format)
    else:
        spec = writer_for(None, format)
    label = os.fsdecode(target) if isinstance(target, (str, os.PathLike)) else None
    try:
        data, notes = render(
            obj, spec, rules=rules, options=options, title=title, explicit_rules=explicit_rules
        )
    except OutputError as exc:
        raise exc.with_target(label) from exc.__cause__
    if not isinstance(target, (str, os.PathLike)):
        target.write(data)
    elif str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(data, Path(target))
    return notes


def convert(
    src: Source,
    target: str | os.PathLike[str] | BinaryIO,
    *,
    input_format: str | None = None,
    output_format: str | None = None,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    strict: bool = True,
    max_bytes: int = MAX_INPUT_BYTES,
    max_memory_bytes: int | None = None,
    encoding: str | None = None,
    **reader_options: Any,
) -> Transcript:
    """Load ``src`` and write it to ``target`` in one call; returns the loaded transcript.

    The keywords are those of :func:`load` and :func:`write` (``input_format`` and
    ``output_format`` are their ``format``).
    """
    transcript = load(
        src,
        input_format,
        strict=strict,
        max_bytes=max_bytes,
        max_memory_bytes=max_memory_bytes,
        encoding=encoding,
        **reader_options,
    )
    write(transcript, target, output_format, rules=rules, options=options)
    return transcript


def known_formats() -> tuple[list[str], list[str]]:
    """Names of the registered readers and writers."""
    return sorted(READERS), sorted(WRITERS)
