"""load / loads / segment / write / dumps / convert: the public functions, and the only code
that opens files.

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

import io
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, BinaryIO

from pydantic import BaseModel

from cuecraft._cues import check_rules as _check_rules
from cuecraft._cues import name_speakers, segment, to_stream
from cuecraft._files import atomic_write
from cuecraft._limits import (
    MAX_INPUT_BYTES,
    MEMORY_FACTORS,
    default_max_memory,
    estimate_memory,
)
from cuecraft._loading import Source, load_words
from cuecraft._reader_options import ReaderOptions
from cuecraft._writing import make_options, writer_for
from cuecraft.columns import WordTable
from cuecraft.errors import InputError, OutputError
from cuecraft.fidelity import check_cue_table, check_cue_texts, check_cues
from cuecraft.model import Cue, Diagnostic, Transcript
from cuecraft.readers import READERS
from cuecraft.segment import (
    Rules,
    Segmentation,
    TableSegmentation,
    fit_rules,
    resolve_rules,
    segment_table,
)
from cuecraft.writers import WRITERS, WriteContext, WriterSpec, get_writer

if TYPE_CHECKING:
    pass

__all__ = [
    "MAX_INPUT_BYTES",
    "MEMORY_FACTORS",
    "Source",
    "convert",
    "default_max_memory",
    "dumps",
    "estimate_memory",
    "load",
    "load_words",
    "loads",
    "make_options",
    "name_speakers",
    "render",
    "segment",
    "write",
    "writer_for",
]


def load(
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
) -> Transcript:
    """Read a transcript from any supported vendor export or subtitle file.

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
    return load_words(
        src,
        format,
        strict=strict,
        source=source,
        max_bytes=max_bytes,
        max_memory_bytes=max_memory_bytes,
        encoding=encoding,
        options=options,
        **reader_options,
    ).transcript()


def loads(
    text: str | bytes,
    format: str | None = None,
    *,
    strict: bool = True,
    source: str = "<string>",
    **options: Any,
) -> Transcript:
    r"""Read a transcript from subtitle or JSON *text* (never a path): the counterpart of
    :func:`dumps`.

    >>> import cuecraft
    >>> t = cuecraft.loads("1\n00:00:01,000 --> 00:00:02,500\nHello there.\n")
    >>> [word.text for word in t.words], t.start_ms, t.end_ms
    (['Hello', 'there.'], 1000, 2500)

    Args:
        text: the content of a file (``str``, or ``bytes`` in any encoding cuecraft detects).
        format: a reader name or alias; detected from the content when None.
        strict, source, options: as for :func:`load`.

    Raises:
        InputError: naming ``source`` and the location of the problem.
    """
    if not isinstance(text, (str, bytes, bytearray)):
        raise InputError(f"loads() takes str or bytes, not {type(text).__name__}", source=source)
    data = text.encode("utf-8") if isinstance(text, str) else bytes(text)
    return load(data, format, strict=strict, source=source, **options)


def _context(
    words: WordTable | None, spec: WriterSpec, title: str | None, cues: Sequence[Cue] = ()
) -> WriteContext:
    if words is None:
        # Cues carry their speakers' names (Line.speaker_name, set by segment()).
        names = {
            line.speaker: line.speaker_name
            for cue in cues
            for line in cue.lines
            if line.speaker is not None and line.speaker_name is not None
        }
        return WriteContext(speaker_names=names, title=title)
    # A document joins words as the segmenter would (none between Japanese words...); the
    # engine knows the languages, so the writer gets the separator instead of asking it.
    separator = resolve_rules(words)[1].separator if spec.takes == "transcript" else " "
    return WriteContext(
        speaker_names=words.speaker_names(),
        language=words.language,
        title=title or (Path(words.source.name).stem if words.source.name else None),
        word_separator=separator,
    )


def render(
    obj: Transcript | WordTable | Sequence[Cue],
    spec: WriterSpec,
    *,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    title: str | None = None,
    segmentation: Segmentation | TableSegmentation | None = None,
) -> tuple[bytes, list[Diagnostic]]:
    """Produce the whole output in memory (so nothing half-written ever reaches a file).

    ``obj`` is a transcript, its words as columns (:func:`load_words`) or cues.
    ``segmentation`` is the Transcript ``obj`` already segmented with the rules this writer
    segments with (``cuecraft.batch`` segments once for every format that shares them); its
    cues are checked against the words and written as if segmented here.

    Raises:
        FidelityError: when the cues do not carry exactly the transcript's words (a bug).
        OutputError: for an object the writer cannot take, or times too large to compute.
    """
    validated = make_options(spec, options)
    cues: Sequence[Cue] = ()
    if isinstance(obj, WordTable):
        words: WordTable | None = obj
    elif isinstance(obj, Transcript):
        try:
            words = WordTable.from_transcript(obj)
        except OverflowError as exc:  # word times are 64-bit columns
            raise OutputError(f"a time too large to write as {spec.name} ({exc})") from exc
    elif isinstance(obj, Sequence):
        words, cues = None, obj
    else:
        raise OutputError(f"cannot write a {type(obj).__name__}; give a Transcript or cues")
    context = _context(words, spec, title, cues)
    try:
        payload = _payload(obj, words, spec, validated, rules, context, segmentation)
        return _run_writer(spec, payload, validated, context), context.diagnostics
    except OverflowError as exc:
        # Times are unbounded integers in the model; one too large for a float (10**400 ms)
        # overflows in the engine or a writer's arithmetic.
        raise OutputError(f"a time too large to write as {spec.name} ({exc})") from exc


# The segmenter's warnings that `cuecraft check` reports too (a limit no layout can meet).
_LIMIT_WARNINGS = frozenset({"word-longer-than-row", "word-longer-than-cue"})


def _payload(
    obj: Transcript | WordTable | Sequence[Cue],
    words: WordTable | None,
    spec: WriterSpec,
    options: BaseModel,
    rules: Rules | None,
    context: WriteContext,
    segmentation: Segmentation | TableSegmentation | None = None,
) -> Any:
    """What the writer takes: the transcript itself, or cues checked against its words (as a
    :class:`~cuecraft.columns.CueTable` for a writer that renders from one).

    The segmenter's warnings about a limit no layout can hold (one word wider than a row, or
    longer than a cue) join the writer's diagnostics, so ``convert`` reports what ``check``
    will find.
    """
    if spec.takes == "transcript":
        if words is None:
            raise OutputError(f"the {spec.name} writer needs a Transcript, not cues")
        return words.transcript()  # the loaded words themselves: nothing can be lost on the way
    if words is None:
        return list(obj)  # type: ignore[arg-type]  # cues: a Transcript has its words
    # The user's rules fitted to what this writer can show, once; the fields the user set
    # (rules.model_fields_set) are honoured or refused here, before anything is segmented.
    rules = fit_rules(rules or Rules(), spec.display(options) if spec.display else None)
    if isinstance(segmentation, TableSegmentation):
        result = segmentation
    elif segmentation is not None:
        context.diagnostics.extend(d for d in segmentation.diagnostics if d.code in _LIMIT_WARNINGS)
        # Issue #9: what reaches the writer is exactly the loaded words, or nothing is written.
        check_cues(words.transcript().words, segmentation.cues, speaker_dash=rules.speaker_dash)
        return segmentation.cues
    else:
        result = segment_table(words, rules)
    # Only the limit warnings are made: a long transcript of fast speech has a reading-speed
    # note on most cues (made only when the segmentation's diagnostics are read).
    context.diagnostics.extend(result.diagnostics.of(_LIMIT_WARNINGS))
    check_cue_table(words, result.table)
    if spec.tables:
        return result.table
    cues = result.table.cues()
    check_cue_texts(words.texts, cues, speaker_dash=rules.speaker_dash)
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


def dumps(
    obj: Transcript | WordTable | Sequence[Cue],
    format: str,
    *,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    title: str | None = None,
) -> str | bytes:
    """The output as a ``str`` (text formats) or ``bytes`` (binary ones: STL, DOCX...).

    >>> import cuecraft
    >>> t = cuecraft.Transcript(words=[cuecraft.Word(text="Hello.", start_ms=0, end_ms=1500)])
    >>> print(cuecraft.dumps(t, "srt"), end="")
    1
    00:00:00,000 --> 00:00:01,500
    Hello.

    Args:
        obj: a Transcript (segmented for subtitle formats) or cues from :func:`segment`.
        format: a writer name or alias, any case (``"srt"``, ``"WebVTT"``, ``"dfxp"``).
        rules: segmentation rules for a Transcript written to a subtitle format.
        options: the writer's options model (``cuecraft.options.SrtOptions(...)``) or a dict.
        title: document or programme title for formats that carry one.

    Raises:
        RulesError: for invalid options, or ``rules`` that cannot apply (with cues, or for a
            writer that never segments).
        OutputError: when the object does not suit the format.
    """
    spec = get_writer(format)
    _check_rules(obj, spec, rules)
    data, _ = render(obj, spec, rules=rules, options=options, title=title)
    return data if spec.binary else data.decode("utf-8")


def write(
    obj: Transcript | WordTable | Sequence[Cue],
    target: str | os.PathLike[str] | IO[bytes] | IO[str],
    format: str | None = None,
    *,
    rules: Rules | None = None,
    options: BaseModel | Mapping[str, Any] | None = None,
    title: str | None = None,
) -> list[Diagnostic]:
    """Write a transcript (segmented on the way for subtitle formats) or cues.

    Args:
        obj: a Transcript, or cues from :func:`cuecraft.segment`.
        target: a path (``-`` for standard output), a binary stream, or a text stream such
            as ``io.StringIO`` or ``sys.stdout`` (text formats; a binary format goes to a
            text stream's ``buffer`` when it has one).
        format: a writer name or alias; taken from the target's extension when None.
        rules: segmentation rules for subtitle formats (``Rules()`` when None); an error
            with cues (already segmented) or for a writer that never segments.
        options: the writer's options model, or a mapping validated into it.
        title: document or programme title for formats that carry one.

    Returns:
        What the writer replaced or tolerated (empty when nothing was).

    Raises:
        OutputError: when the target cannot be written or the object does not suit the format.
        UnknownFormatError: for an unknown format or extension.
        RulesError: for invalid writer options or rules that cannot apply.
    """
    path = isinstance(target, (str, os.PathLike))
    spec = writer_for(target if path else None, format)  # type: ignore[arg-type]
    _check_rules(obj, spec, rules)
    label = os.fsdecode(target) if path else None  # type: ignore[arg-type]
    try:
        data, notes = render(obj, spec, rules=rules, options=options, title=title)
    except OutputError as exc:
        raise exc.with_target(label) from exc.__cause__
    if not path:
        to_stream(data, target, spec)
    elif str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        atomic_write(data, Path(target))  # type: ignore[arg-type]
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
