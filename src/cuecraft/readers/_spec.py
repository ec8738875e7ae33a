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

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from cuecraft.errors import InputError, Problem, SchemaError, json_pointer
from cuecraft.model import Diagnostic, Highlight, SourceInfo, Speaker, Transcript, Word
from cuecraft.readers import _decoding, _jsontext
from cuecraft.readers._values import check_string, check_unicode, shown
from cuecraft.timing import seconds_to_ms

__all__ = [
    "MAX_SECONDS",
    "REPAIR_TOLERANCE_MS",
    "RawCue",
    "ReadCues",
    "ReaderSpec",
    "WordDraft",
    "assemble",
    "check_unicode",
    "decode_json",
    "decode_text",
    "validate",
]

REPAIR_TOLERANCE_MS = 100
"""Largest timing slip (ms) that strict mode still repairs, with a warning."""

MAX_SECONDS = 1e9
# Largest value of each unit that needs no check beyond being a non-negative number.
_FAST_LIMIT = {"s": MAX_SECONDS, "ms": MAX_SECONDS * 1000.0}
"""Times beyond this (about 31 years) are refused rather than overflowing."""

Kind = Literal["json", "text", "binary"]
ReadFunction = Callable[..., Transcript]

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


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unexpected field"
    given = error.get("input")
    got = shown(given) if not isinstance(given, (dict, list)) else type(given).__name__
    return f"{error.get('msg', 'invalid value')} (got {got})"


@dataclass
class WordDraft:
    """A vendor word before validation: times in seconds or ms, and where it came from."""

    text: str
    start: float
    end: float
    pointer: str
    confidence: float | None = None
    speaker: str | None = None
    pristine: bool | None = None
    paragraph_start: bool = False
    unit: Literal["s", "ms"] = "s"
    confidence_field: str = "confidence"
    text_field: str = "text"


def _to_ms(value: float, unit: str, what: str, draft: WordDraft, source: str) -> int:
    # Fast path for the plain, plausible number nearly every word has; anything else goes
    # through the checks below, which say what is wrong.
    kind = type(value)
    if (kind is float or kind is int) and 0 <= value <= _FAST_LIMIT[unit]:
        scaled = value * 1000.0 if unit == "s" else float(value)
        return math.floor(scaled + 0.5)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(
            f"{what} must be a number, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise InputError(
            f"{what} must be a finite number, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    if value < 0:
        raise InputError(
            f"{what} must not be negative, got {shown(value)}",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    # Compared before any division: an integer too large for a float must not overflow.
    if value > _FAST_LIMIT[unit]:
        raise InputError(
            f"{what} {shown(value)} is implausibly large (over {MAX_SECONDS:.0e} s)",
            source=source,
            pointer=f"{draft.pointer}/{what}",
        )
    seconds = value if unit == "s" else value / 1000.0
    return seconds_to_ms(seconds)  # at most 10**12 ms: the limit above bounds it


def assemble(
    drafts: Sequence[WordDraft],
    *,
    source: str,
    reader: str,
    strict: bool,
    speakers: Sequence[Speaker] = (),
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    highlights: Sequence[Highlight] = (),
    diagnostics: Sequence[Diagnostic] = (),
    start_offset_ms: int = 0,
    time_fields: tuple[str, str] = ("start", "end"),
) -> Transcript:
    """Turn vendor word drafts into a validated Transcript, applying the sloppiness policy.

    Args:
        drafts: the words in document order, each with the JSON pointer of its object.
        time_fields: the vendor's names of the start/end fields, for error pointers.
        start_offset_ms: added to every time (Amberscript ``startTimeOffset``).

    Raises:
        InputError: for an empty transcript, bad times or a timing slip beyond the tolerance
            in strict mode.
    """
    start_field, end_field = time_fields
    notes = list(diagnostics)
    words: list[Word] = []
    previous_start = 0
    for draft in drafts:
        if not isinstance(draft.text, str):
            raise InputError(
                f"text must be a string, got {type(draft.text).__name__}",
                source=source,
                pointer=f"{draft.pointer}/{draft.text_field}",
            )
        try:
            draft.text.encode("utf-8")
        except UnicodeEncodeError as exc:
            # A JSON "\ud800" escape decodes to a lone surrogate no output format can hold.
            raise InputError(
                f"text is not valid Unicode (lone surrogate at character {exc.start})",
                source=source,
                pointer=f"{draft.pointer}/{draft.text_field}",
            ) from None
        text = draft.text.strip()
        if not text:
            notes.append(
                # Spacing, not a word (whisper-timestamped emits " " tokens between phrases):
                # nothing is lost, so this is a note, not a warning.
                Diagnostic(
                    code="empty-word",
                    source=source,
                    pointer=draft.pointer,
                    message="token with no text skipped",
                    severity="info",
                )
            )
            continue
        start_ms = _to_ms(draft.start, draft.unit, start_field, draft, source)
        end_ms = _to_ms(draft.end, draft.unit, end_field, draft, source)
        start_ms += start_offset_ms
        end_ms += start_offset_ms
        index = len(words)
        if end_ms < start_ms:
            slip = start_ms - end_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"{end_field} {end_ms / 1000:.3f} s is before {start_field} "
                    f"{start_ms / 1000:.3f} s (by {slip} ms; at most {REPAIR_TOLERANCE_MS} ms "
                    "is repaired, or pass strict=False)",
                    source=source,
                    pointer=f"{draft.pointer}/{end_field}",
                    word_index=index,
                )
            notes.append(
                Diagnostic(
                    code="end-before-start",
                    source=source,
                    pointer=f"{draft.pointer}/{end_field}",
                    word_index=index,
                    message=f"end was {slip} ms before start; set end = start",
                )
            )
            end_ms = start_ms
        if start_ms < previous_start:
            slip = previous_start - start_ms
            if strict and slip > REPAIR_TOLERANCE_MS:
                raise InputError(
                    f"{start_field} {start_ms / 1000:.3f} s is before the previous word's start "
                    f"{previous_start / 1000:.3f} s (by {slip} ms; words must be in time order)",
                    source=source,
                    pointer=f"{draft.pointer}/{start_field}",
                    word_index=index,
                )
            notes.append(
                Diagnostic(
                    code="start-out-of-order",
                    source=source,
                    pointer=f"{draft.pointer}/{start_field}",
                    word_index=index,
                    message=f"started {slip} ms before the previous word; "
                    "moved to the previous word's start",
                )
            )
            start_ms = previous_start
            end_ms = max(end_ms, start_ms)
        confidence = draft.confidence
        if confidence is not None and (
            isinstance(confidence, bool)
            or not isinstance(confidence, (int, float))
            or not math.isfinite(confidence)
            or not 0.0 <= confidence <= 1.0
        ):
            raise InputError(
                f"confidence must be a number in 0..1, got {shown(confidence)}",
                source=source,
                pointer=f"{draft.pointer}/{draft.confidence_field}",
                word_index=index,
            )
        if not isinstance(draft.speaker, (str, type(None))) or not isinstance(
            draft.pristine, (bool, type(None))
        ):
            raise InputError(
                f"speaker must be a string and pristine a boolean, got {shown(draft.speaker)} "
                f"and {shown(draft.pristine)}",
                source=source,
                pointer=draft.pointer,
                word_index=index,
            )
        words.append(
            Word(
                text=text,
                start_ms=start_ms,
                end_ms=end_ms,
                confidence=None if confidence is None else float(confidence),
                speaker=draft.speaker,
                pristine=draft.pristine,
                paragraph_start=bool(draft.paragraph_start) or index == 0,
            )
        )
        previous_start = start_ms
    if not words:
        raise InputError("the transcript has no words", source=source)
    # A safety net: each reader checks the vendor strings it keeps, with their pointers.
    for speaker in speakers:
        check_string(speaker.name, None, source, what=f"speaker {speaker.id!r} name")
    if language is not None:
        check_string(language, None, source, what="language")
    check_unicode(metadata or {}, source=source, pointer="")
    listed = {speaker.id for speaker in speakers}
    extra = [
        Speaker(id=s, name=s)
        for s in dict.fromkeys(w.speaker for w in words)
        if s is not None and s not in listed
    ]
    for speaker in extra:
        notes.append(
            Diagnostic(
                code="unlisted-speaker",
                source=source,
                message=f"speaker {speaker.id!r} is used but not listed; named by its id",
            )
        )
    try:
        return Transcript(
            words=tuple(words),
            speakers=(*speakers, *extra),
            language=language,
            source=SourceInfo(format=reader, name=source, metadata=metadata or {}),
            highlights=tuple(highlights),
            diagnostics=tuple(notes),
        )
    except ValidationError as exc:
        raise InputError(str(exc.errors()[0].get("msg")), source=source) from exc
