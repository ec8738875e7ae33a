"""load / segment / write / convert: the public functions, and the only code that opens files.

Writes are atomic: output goes to a temporary file in the target's folder, which replaces the
target only when the whole output was written. A failed conversion leaves no file behind and
an existing target untouched.
"""

from __future__ import annotations

import io
import os
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, BinaryIO

from pydantic import BaseModel, ValidationError

from cuecraft._gc import paused_gc
from cuecraft.errors import CuecraftError, InputError, OutputError, RulesError, UnknownFormatError
from cuecraft.model import Cue, Diagnostic, Transcript
from cuecraft.readers import READERS, decode, detect, get_reader
from cuecraft.segment import segment
from cuecraft.segment.rules import Rules
from cuecraft.writers import WRITERS, WriteContext, WriterSpec, get_writer

__all__ = [
    "Source",
    "convert",
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
        path = Path(src)
        label = str(path)
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(
                    f"file is {size} bytes, over the {max_bytes}-byte limit", source=label
                )
            return path.read_bytes(), label
        except FileNotFoundError:
            raise InputError("no such file", source=label) from None
        except IsADirectoryError:
            raise InputError("is a directory, not a file", source=label) from None
        except OSError as exc:
            raise InputError(f"cannot read file: {exc.strerror or exc}", source=label) from exc
    if hasattr(src, "read"):
        label = str(getattr(src, "name", "<stream>"))
        try:
            data = src.read(max_bytes + 1)
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
    **options: Any,
) -> Transcript:
    """Read a transcript from any supported vendor export or subtitle file.

    Args:
        src: a path, bytes, a binary or text stream, or already-parsed JSON (dict or list).
        format: a reader name (see ``cuecraft formats``); detected from content when None.
        strict: when False, repairable problems become ``transcript.diagnostics``.
        source: a label for error messages (defaults to the path or ``<bytes>``).
        max_bytes: refuse inputs larger than this.
        **options: reader options, e.g. ``speaker_names=[...]`` for Scribie.

    Raises:
        InputError: (or a subclass) naming the file and location of the problem.
        UnknownFormatError: for an unknown ``format``.
    """
    data, label = _read_source(src, max_bytes)
    label = source or label
    with paused_gc():
        if format is None:
            spec, doc = detect(data, source=label)
        else:
            spec = get_reader(format)
            doc = decode(data, spec.kind, source=label)
    unknown = sorted(set(options) - set(spec.options))
    if unknown:
        raise UnknownFormatError(
            unknown[0], spec.options or ("(none)",), what=f"option for reader {spec.name}:"
        )
    try:
        with paused_gc():
            return spec.read(doc, source=label, strict=strict, **options)
    except CuecraftError:
        raise
    except RecursionError as exc:
        raise InputError("document nested too deeply", source=label) from exc


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
    """Produce the whole output in memory (so nothing half-written ever reaches a file)."""
    validated = make_options(spec, options)
    transcript = obj if isinstance(obj, Transcript) else None
    context = _context(transcript, title)
    if spec.takes == "transcript":
        if transcript is None:
            raise OutputError(f"the {spec.name} writer needs a Transcript, not cues")
        payload: Any = transcript
    elif transcript is not None:
        rules = rules or Rules()
        if spec.adjust_rules is not None:
            explicit = explicit_rules if explicit_rules is not None else rules.model_fields_set
            rules = spec.adjust_rules(rules, validated, frozenset(explicit))
        payload = segment(transcript, rules)
    else:
        payload = list(obj)
    buffer = io.BytesIO()
    if spec.binary:
        spec.write(payload, buffer, validated, context)
    else:
        text = io.TextIOWrapper(buffer, encoding="utf-8", newline="")
        spec.write(payload, text, validated, context)
        text.flush()
        text.detach()
    return buffer.getvalue(), context.diagnostics


def _atomic_write(data: bytes, target: Path) -> None:
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", target=str(target)) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, target)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", target=str(target)) from exc
        raise


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
    data, notes = render(
        obj, spec, rules=rules, options=options, title=title, explicit_rules=explicit_rules
    )
    if not isinstance(target, (str, os.PathLike)):
        target.write(data)
    elif str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _atomic_write(data, Path(target))
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
    **reader_options: Any,
) -> Transcript:
    """Load ``src`` and write it to ``target`` in one call; returns the loaded transcript."""
    transcript = load(src, input_format, strict=strict, **reader_options)
    write(transcript, target, output_format, rules=rules, options=options)
    return transcript


def known_formats() -> tuple[list[str], list[str]]:
    """Names of the registered readers and writers."""
    return sorted(READERS), sorted(WRITERS)
