"""The whole cuecraft exception hierarchy; every error says where it happened.

```
CuecraftError
├── UnknownFormatError (ValueError)    .format .known          load(format=...) or write(...)
├── InputError (ValueError)            .source .pointer .word_index .line .column .block .offset
│   ├── FormatDetectionError           .candidates
│   └── SchemaError                    .problems (all of them, not just the first)
│       └── ModelError                 a model object (Word, Cue, Transcript...) built with bad data
├── RulesError                         .field
├── SegmentationError                  .word_index
├── FidelityError                      .problem .word_index .cue_index .line_index
└── OutputError                        .target
    └── UnencodableError               .cue_index .char
```

``FidelityError`` is never the input's fault: it says that the words about to be written are
not exactly the words loaded (one lost, duplicated or reordered), which is a bug in cuecraft.

Errors store facts as attributes and build their message from them, so that a caller can
act on the location (``exc.pointer == "/segments/0/words/2/start"``) without parsing text.
All of them pickle (a multiprocessing batch sends them between processes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

__all__ = [
    "CuecraftError",
    "FidelityError",
    "FormatDetectionError",
    "InputError",
    "ModelError",
    "OutputError",
    "Problem",
    "RulesError",
    "SchemaError",
    "SegmentationError",
    "UnencodableError",
    "UnknownFormatError",
    "json_pointer",
]


def json_pointer(parts: Iterable[str | int]) -> str:
    """Build an RFC 6901 JSON pointer from path parts (``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in parts)


class CuecraftError(Exception):
    """Base class of every error cuecraft raises on purpose."""

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuild from the stored facts: the default pickling passes only the message.
        return (_rebuild, (type(self), self.__dict__.copy(), str(self)))


def _rebuild(cls: type[CuecraftError], state: dict[str, Any], message: str) -> CuecraftError:
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    error.__dict__.update(state)
    return error


class UnknownFormatError(CuecraftError, ValueError):
    """A format name (or file extension) that no reader or writer handles."""

    def __init__(self, format: str, known: Sequence[str], *, what: str = "format") -> None:
        self.format = format
        self.known = tuple(known)
        self.what = what
        super().__init__(f"unknown {what} {format!r}; known: {', '.join(self.known)}")


class InputError(CuecraftError, ValueError):
    """Input that cannot be read; the location fields say where the problem is.

    Attributes:
        source: the file name or label of the input (``"<bytes>"`` when there is none).
        pointer: RFC 6901 JSON pointer into a JSON input.
        word_index: index of the word in the resulting transcript.
        line, column: 1-based position in a text input (SRT, VTT).
        block, offset: TTI block number and byte offset in a binary input (EBU-STL).
    """

    def __init__(
        self,
        message: str,
        *,
        source: str | None = None,
        pointer: str | None = None,
        word_index: int | None = None,
        line: int | None = None,
        column: int | None = None,
        block: int | None = None,
        offset: int | None = None,
    ) -> None:
        self.reason = message
        self.source = source
        self.pointer = pointer
        self.word_index = word_index
        self.line = line
        self.column = column
        self.block = block
        self.offset = offset
        super().__init__(self._format())

    def location(self) -> str:
        """The location part of the message, e.g. ``/segments/3/words/12/end``."""
        parts: list[str] = []
        if self.pointer is not None:
            parts.append(self.pointer or "/")
        if self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.block is not None:
            parts.append(f"block {self.block}")
        if self.offset is not None:
            parts.append(f"byte {self.offset}")
        if self.word_index is not None:
            parts.append(f"word {self.word_index}")
        return ", ".join(parts)

    def _format(self) -> str:
        prefix = [p for p in (self.source, self.location()) if p]
        return ": ".join([*prefix, self.reason])

    def with_source(self, source: str | None) -> InputError:
        """This error, naming ``source`` if it named no file yet (``api.load`` adds it)."""
        if self.source is None and source:
            self.source = source
            self.args = (self._format(),)
        return self


class FormatDetectionError(InputError):
    """No reader, or more than one, recognises the input; pass ``format=`` explicitly."""

    def __init__(self, message: str, *, source: str | None = None, candidates: Sequence[str] = ()):
        self.candidates = tuple(candidates)
        super().__init__(message, source=source)


class Problem(NamedTuple):
    """One schema problem: where (JSON pointer) and what was expected."""

    # A named tuple, not a dataclass: ``import cuecraft`` loads this module, and the
    # dataclasses module with a frozen dataclass would add a third to its start-up (issue #12).

    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class SchemaError(InputError):
    """Input whose structure does not match the vendor's documented shape.

    ``problems`` holds every problem found; ``pointer`` is the first one's location.
    """

    def __init__(self, problems: Sequence[Problem], *, source: str | None = None) -> None:
        self.problems = tuple(problems)
        first = self.problems[0] if self.problems else Problem("", "invalid document")
        more = len(self.problems) - 1
        message = first.message + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
        super().__init__(message, source=source, pointer=first.pointer)


class ModelError(SchemaError):
    """A model object (:class:`~cuecraft.Word`, :class:`~cuecraft.Transcript`...) built or
    validated with bad data; ``problems`` point into the data given (``/words/2/end_ms``).

    It replaces pydantic's ``ValidationError`` so that every error cuecraft raises is a
    :class:`CuecraftError`.
    """

    @classmethod
    def from_validation(cls, exc: Any, model: str) -> ModelError:
        """Every problem of a pydantic ``ValidationError`` raised while building ``model``."""
        problems: list[Problem] = []
        for error in exc.errors():
            pointer = json_pointer(error["loc"])
            inner = (error.get("ctx") or {}).get("error")
            if isinstance(inner, ModelError):  # a nested model's own error: keep its problems
                problems += [Problem(pointer + p.pointer, p.message) for p in inner.problems]
            else:
                problems.append(Problem(pointer, f"{model}: {_explain(error)}"))
        return cls(problems)


def _explain(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "missing":
        return "missing required field"
    if kind == "extra_forbidden":
        return "unexpected field"
    message = str(error.get("msg", "invalid value")).removeprefix("Value error, ")
    given = error.get("input")
    if kind == "value_error" or isinstance(given, (dict, list, tuple)):
        return message
    shown = repr(given)
    return f"{message} (got {shown if len(shown) <= 60 else shown[:57] + '...'})"


class RulesError(CuecraftError):
    """Segmentation or writer options that are out of range or inconsistent."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        self.reason = message
        super().__init__(f"{field}: {message}" if field else message)

    @classmethod
    def from_validation(cls, exc: Any) -> RulesError:
        """The first problem of a pydantic ``ValidationError`` on options, naming its field."""
        error = exc.errors()[0]
        field = ".".join(str(part) for part in error["loc"]) or None
        return cls(f"{error['msg']} (got {error.get('input')!r})", field=field)


class SegmentationError(CuecraftError):
    """The engine could not place a word under the rules."""

    def __init__(self, message: str, *, word_index: int | None = None) -> None:
        self.word_index = word_index
        self.reason = message
        super().__init__(f"word {word_index}: {message}" if word_index is not None else message)


class FidelityError(CuecraftError):
    """The cues about to be written do not carry exactly the loaded words, in order.

    Raised by the check at the end of every conversion instead of writing a file that lost,
    duplicated or reordered a word. It is a bug in cuecraft, never a problem of the input.

    Attributes:
        problem: ``missing``, ``duplicated``, ``reordered``, ``unknown`` (a span past the
            last word), ``empty`` (a row with no word) or ``text`` (a row whose text is not
            its words').
        word_index: the first word concerned.
        cue_index, line_index: the cue and row (0-based) where it was found, when in one.
    """

    def __init__(
        self,
        problem: str,
        message: str,
        *,
        word_index: int | None = None,
        cue_index: int | None = None,
        line_index: int | None = None,
    ) -> None:
        self.problem = problem
        self.word_index = word_index
        self.cue_index = cue_index
        self.line_index = line_index
        self.reason = message
        where = []
        if cue_index is not None:
            row = f" row {line_index + 1}" if line_index is not None else ""
            where.append(f"cue {cue_index + 1}{row}")
        if word_index is not None:
            where.append(f"word {word_index}")
        prefix = ", ".join(where)
        super().__init__(
            (f"{prefix}: " if prefix else "")
            + f"{message} (a bug in cuecraft: nothing was written; please report it)"
        )


class OutputError(CuecraftError):
    """Output that cannot be written (wrong object for the format, unwritable target...)."""

    def __init__(self, message: str, *, target: str | None = None) -> None:
        self.target = target
        self.reason = message
        super().__init__(f"{target}: {message}" if target else message)

    def with_target(self, target: str | None) -> OutputError:
        """This error, naming ``target`` if it named no file yet (``api.write`` adds it)."""
        if self.target is None and target:
            self.target = target
            self.args = (f"{target}: {self.reason}",)
        return self


class UnencodableError(OutputError):
    """A character the output format (or its chosen code table) cannot represent."""

    def __init__(
        self,
        message: str,
        *,
        target: str | None = None,
        cue_index: int | None = None,
        char: str | None = None,
    ) -> None:
        self.cue_index = cue_index
        self.char = char
        where = f"cue {cue_index + 1}: " if cue_index is not None else ""
        super().__init__(where + message, target=target)
