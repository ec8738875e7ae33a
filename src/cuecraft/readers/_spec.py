"""What every reader shares: ReaderSpec, JSON decoding, schema errors as JSON pointers, and
the one place where raw vendor words become a validated Transcript (the sloppiness policy).

Sloppiness policy (documented in the README, tested in tests/readers/test_policy.py):

* a word whose end is before its start by at most ``REPAIR_TOLERANCE_MS`` gets ``end = start``
  and a ``Diagnostic`` (real AWS output has such words); by more, it is an ``InputError`` unless
  ``strict=False``, which repairs it the same way;
* a word that starts before the previous word's start by at most the tolerance is moved to that
  start, with a diagnostic; by more, an error unless ``strict=False``. Words are never reordered;
* overlapping words (starting before the previous one ended) and zero-length words are valid and
  kept as they are;
* negative, NaN or infinite times and confidences outside 0..1 are always errors;
* a token whose text is empty or only whitespace is not a word: it is skipped with a diagnostic;
* a lone surrogate (a JSON ``"\\ud800"`` escape) in any string a reader keeps (word texts,
  speaker names, language, metadata) is always an error with its pointer: no output format
  can encode it, and replacing it with U+FFFD would change the text silently;
* times over 10**9 s (about 31 years) and integers JSON tools cannot carry are errors;
* words known only by their segment (Whisper without word timestamps) get times spread over
  the segment in lenient mode only, with a warning; strict mode says how to get real ones.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from cuecraft._quick import quick_construct
from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError, json_pointer
from cuecraft.model import Transcript
from cuecraft.readers import _decoding, _jsontext
from cuecraft.readers._assemble import (
    MAX_SECONDS,
    REPAIR_TOLERANCE_MS,
    Interned,
    WordDraft,
    assemble,
    assemble_table,
    interned,
)
from cuecraft.readers._column_pass import (
    GroupedColumns,
    RawColumns,
    distinct_values,
    grouped_columns,
    plain_numbers,
    table_from_columns,
    utf8,
)
from cuecraft.readers._values import check_unicode, shown

__all__ = [
    "MAX_SECONDS",
    "REPAIR_TOLERANCE_MS",
    "GroupedColumns",
    "Interned",
    "RawColumns",
    "RawCue",
    "ReadCues",
    "ReaderSpec",
    "WordDraft",
    "assemble",
    "assemble_table",
    "check_unicode",
    "decode_json",
    "decode_text",
    "distinct_values",
    "grouped_columns",
    "interned",
    "plain_numbers",
    "table_from_columns",
    "utf8",
    "valid_or_none",
    "validate",
]

Kind = Literal["json", "text", "binary"]
ReadFunction = Callable[..., Transcript | WordTable]
"""A reader's ``read``: the transcript, or its words as columns (``assemble_table``)."""

RawCue = tuple[int, int, tuple[str, ...]]
"""A cue as a subtitle file shows it: start ms, end ms and its rows."""


class ReadCues(Protocol):
    """``read_cues(data, *, source)``: a subtitle file's cues as written, in file order."""

    def __call__(self, data: bytes, *, source: str) -> Sequence[RawCue]: ...


@dataclass(frozen=True)
class ReaderSpec:
    """A reader's registration: its name, the kind of input it takes, and its functions.

    ``sniff`` gets the decoded input (parsed JSON, text, or bytes by ``kind``) and answers
    whether this reader recognises it. ``read(doc, *, source, strict, **options)`` builds the
    transcript. ``options`` names the keyword options ``read`` accepts.

    What the tools (``cuecraft check``, ``cuecraft info``) ask of a reader, when it can say:

    * ``read_cues`` reads a subtitle file's cues as written (no repair, no words), strictly,
      as ``read`` would refuse it; a reader without it reads no cues (a transcript format).
    * ``frame_rate(data)`` is the frame rate a file declares for its times (EBU-STL's GSI),
      or None: times rounded to frames get half a frame of slack.
    * ``schema`` is the vendor document's raw shape as ``read`` validates it: a pydantic model
      or an annotation over them (``list[_RawWord]``, a union of document shapes). Fields it
      does not declare are what the reader ignores; None when it declares no shape.

    ``read_bytes(data, *, source, **options)`` (JSON readers, optional) reads a clean
    document of this format straight from its bytes or text, decoded into typed objects
    rather than dicts, or returns None and leaves it to ``decode``/``read``. A document it
    accepts must be one that only this reader's ``sniff`` claims (the registry's ``typed``
    readers are tried before detection; tests/readers/test_typed.py checks it).
    """

    name: str
    kind: Kind
    extensions: tuple[str, ...]
    sniff: Callable[[Any], bool]
    read: ReadFunction
    description: str
    options: tuple[str, ...] = field(default=())
    read_cues: ReadCues | None = None
    frame_rate: Callable[[bytes], float | None] | None = None
    schema: object = None
    read_bytes: Callable[..., WordTable | None] | None = None

    def read_transcript(
        self, doc: Any, *, source: str, strict: bool = True, **options: Any
    ) -> Transcript:
        """:attr:`read` as a :class:`~cuecraft.model.Transcript`, whether the reader builds
        one or the words as columns (:class:`~cuecraft.columns.WordTable`)."""
        read = self.read(doc, source=source, strict=strict, **options)
        return read.transcript() if isinstance(read, WordTable) else read


def decode_json(data: bytes | str, *, source: str) -> Any:
    """Parse JSON (a UTF-8 BOM is allowed); every failure carries a line and column.

    Beyond syntax errors: an empty input says so; an integer literal too long for Python
    (over ``sys.get_int_max_str_digits()`` digits) and nesting too deep are located; a text
    that is plainly another format (WebVTT, SRT, TTML...) is named, for a JSON reader forced
    with ``format=`` (issue #10).
    """
    return _jsontext.decode(data, source=source)


def decode_text(data: bytes | str, *, source: str, encoding: str | None = None) -> str:
    """Decode a subtitle text file; see :func:`cuecraft.readers._decoding.decode_text`.

    BOMs (UTF-8/16/32), ``encoding=`` when given, else UTF-8 with a warned fallback to
    Windows-1252 or U+FFFD; line endings become ``\\n``. The result is a ``DecodedText``
    (a str) whose ``diagnostics`` the text readers add to the transcript.
    """
    return _decoding.decode_text(data, source=source, encoding=encoding)


T = TypeVar("T")


def validate(shape: type[T] | TypeAdapter[T], doc: Any, *, source: str, root: str = "") -> T:
    """Validate ``doc`` against a raw vendor shape; every problem becomes a JSON pointer.

    Raises:
        SchemaError: with all problems, the first one's pointer as ``pointer``.
    """
    try:
        if isinstance(shape, TypeAdapter):
            return shape.validate_python(doc)
        assert issubclass(shape, BaseModel)
        return shape.model_validate(doc)
    except ValidationError as exc:
        problems = [
            Problem(root + json_pointer(error["loc"]), _explain(error)) for error in exc.errors()
        ]
        raise SchemaError(problems, source=source) from exc
    except RecursionError as exc:
        raise SchemaError([Problem(root, "document nested too deeply")], source=source) from exc


def valid_or_none(shape: type[T], doc: Any, *, source: str) -> T | None:
    """:func:`validate`, or None where it would raise: a fast path that meets a problem in a
    document's other fields leaves it to the careful path, which reports it together with
    any problem of the words."""
    if isinstance(doc, dict) and issubclass(shape, BaseModel):
        quick = quick_construct(shape, doc)  # no validator built for a bare document
        if quick is not None:
            return cast("T", quick)
    try:
        return validate(shape, doc, source=source)
    except SchemaError:
        return None


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unexpected field"
    given = error.get("input")
    got = shown(given) if not isinstance(given, (dict, list)) else type(given).__name__
    return f"{error.get('msg', 'invalid value')} (got {got})"
