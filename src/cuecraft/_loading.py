"""Reading: what :func:`cuecraft.load` does, returning the words as columns.

One function reads every kind of input (:func:`load_words`): the source is read within its
limits (:mod:`cuecraft._sources`), the format detected or decoded, the reader run, and the
generic reader options applied. :func:`cuecraft.load` builds the pydantic model from it.
"""

from __future__ import annotations

import inspect
import os
from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from cuecraft import _reader_options
from cuecraft._gc import paused_gc
from cuecraft._limits import MAX_INPUT_BYTES, check_memory, default_max_memory, limit
from cuecraft._reader_options import ReaderOptions
from cuecraft._sources import is_ssafile
from cuecraft._sources import read_source as _read_source
from cuecraft.columns import WordTable
from cuecraft.errors import InputError, RulesError, UnknownFormatError
from cuecraft.readers import decode, detect, get_reader, read_typed

if TYPE_CHECKING:
    import pysubs2

    from cuecraft.readers import ReaderSpec

__all__ = ["Source", "load_words"]

# A string, so that pysubs2 loads only for a caller who has an SSAFile (or writes ASS).
Source: TypeAlias = (
    "str | os.PathLike[str] | bytes | bytearray | IO[bytes] | IO[str] | dict[str, Any] "
    "| list[Any] | pysubs2.SSAFile"
)
"""What :func:`load` reads: a path, bytes, a stream, parsed JSON, or a ``pysubs2.SSAFile``."""


def load_words(
    src: Source,
    format: str | None = None,
    *,
    strict: bool = True,
    source: str | None = None,
    max_bytes: int = MAX_INPUT_BYTES,
    max_memory_bytes: int | None = None,
    encoding: str | None = None,
    options: ReaderOptions | Mapping[str, Any] | None = None,
    **reader_options: Any,
) -> WordTable:
    """Read a transcript from any supported vendor export or subtitle file, as columns.

    :func:`cuecraft.load` is this function's :meth:`~cuecraft.columns.WordTable.transcript`;
    the words as columns cost a tenth of the memory of :class:`~cuecraft.model.Word` objects
    and write as well (:func:`cuecraft.write` takes them), which is how ``cuecraft convert``
    reads.

    Args:
        src: a path, bytes, a binary or text stream, already-parsed JSON (dict or list), or a
            ``pysubs2.SSAFile``. A ``str`` is always a path: read text with :func:`loads`.
        format: a reader name or alias, any case (see ``cuecraft formats``); detected from
            content when None. An ``SSAFile`` is read as ASS.
        strict: when False, repairable problems become ``transcript.diagnostics``.
        source: a label for error messages (defaults to the path or ``<bytes>``).
        max_bytes: refuse inputs larger than this (counted while reading, so a device or a
            pipe that never ends is refused too).
        max_memory_bytes: refuse up front an input whose conversion is estimated
            (:func:`estimate_memory`) to need more memory than this; default: the machine's
            physical memory (:func:`default_max_memory`).
        encoding: the text encoding of a subtitle file (e.g. ``"cp1252"``, ``"utf-16"``);
            detected when None.
        options: reader options as a :class:`~cuecraft.options.ReaderOptions` or a mapping.
        **reader_options: reader options as keywords: ``speaker_names`` (names in order of
            first appearance, or an id -> name mapping) and ``language`` for every reader;
            the others as the reader lists them (``cuecraft formats NAME``), e.g.
            ``time_origin`` for STL.

    Raises:
        InputError: (or a subclass) naming the file and location of the problem.
        UnknownFormatError: for an unknown ``format``.
        RulesError: for a limit that is not a positive whole number.
    """
    base = options.given() if isinstance(options, ReaderOptions) else dict(options or {})
    given = {**base, **reader_options}
    max_bytes = limit(max_bytes, "max_bytes")
    budget = default_max_memory() if max_memory_bytes is None else max_memory_bytes
    budget = limit(budget, "max_memory_bytes")
    if is_ssafile(src) and format is None:
        format = "ass"
    data, label = _read_source(src, max_bytes)
    label = source or label
    check_memory(data, budget, label)
    # Handed over in a list that _load empties, so that the file's bytes go as soon as they
    # are decoded (67 MB of a million-word JSON, at the peak while the words are read).
    held = [data]
    del data
    try:
        return _load(held, format, strict=strict, label=label, encoding=encoding, **given)
    except InputError as exc:
        raise exc.with_source(label) from exc.__cause__
    except RecursionError as exc:
        raise InputError("document nested too deeply", source=label) from exc
    except (OverflowError, MemoryError) as exc:
        what = "a number too large" if isinstance(exc, OverflowError) else "too much memory"
        raise InputError(f"cannot read: {what} ({exc})", source=label) from exc


def _load(
    held: list[Any],
    format: str | None,
    *,
    strict: bool,
    label: str,
    encoding: str | None,
    **options: Any,
) -> WordTable:
    # The encoding keyword of detect/decode is passed only when given, so that a reader
    # registry without it still serves every other call.
    extra: dict[str, Any] = {} if encoding is None else {"encoding": encoding}
    if extra and "encoding" not in inspect.signature(detect).parameters:
        raise RulesError("the readers of this version cannot take an encoding", field="encoding")
    data = held.pop()
    with paused_gc():
        # A large clean document of a typed reader: straight from the bytes (issue #12).
        typed = None if extra else read_typed(data, format, source=label, options=options)
        if typed is not None:
            spec, table = typed
            del data
            _check_options(spec, options)
            return _reader_options.apply(table, _generic(spec, options), source=label)
        if format is None:
            spec, doc = detect(data, source=label, **extra)
        else:
            spec = get_reader(format)
            doc = decode(data, spec.kind, source=label, **extra)
    del data
    _check_options(spec, options)
    own = {key: value for key, value in options.items() if key in spec.options}
    with paused_gc():
        read = spec.read(doc, source=label, strict=strict, **own)
        del doc  # the decoded document is not needed once the words are read
        table = read if isinstance(read, WordTable) else WordTable.from_transcript(read)
    return _reader_options.apply(table, _generic(spec, options), source=label)


def _check_options(spec: ReaderSpec, options: dict[str, Any]) -> None:
    """Raise UnknownFormatError for an option neither ``spec`` nor every reader takes."""
    accepted = (*spec.options, *_reader_options.GENERIC)
    unknown = sorted(set(options) - set(accepted))
    if unknown:
        raise UnknownFormatError(
            unknown[0], sorted(set(accepted)), what=f"option for reader {spec.name}:"
        )


def _generic(spec: ReaderSpec, options: dict[str, Any]) -> dict[str, Any]:
    """The options ``spec`` does not take itself (applied to what it read)."""
    return {key: value for key, value in options.items() if key not in spec.options}
