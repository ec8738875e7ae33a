"""The canonical word-timed model: Word, Speaker, Transcript, and the Cue/Line a segmenter makes.

No I/O here: readers build these objects and writers consume them. Times are integer
milliseconds. The invariants of a transcript are checked in one place,
:meth:`Transcript._check_invariants`. The canonical JSON form is pydantic's own
(``transcript.model_dump_json()`` / ``Transcript.model_validate_json(text)``) and is lossless;
its JSON Schema is :func:`transcript_json_schema`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, JsonValue, ValidationError, model_validator
from typing_extensions import Self

from cuecraft._quick import QuickMeta, quick_construction, quick_construction_up_to
from cuecraft.errors import ModelError

__all__ = [
    "Cue",
    "CuecraftModel",
    "Diagnostic",
    "Highlight",
    "Line",
    "SourceInfo",
    "Speaker",
    "Transcript",
    "Word",
    "transcript_json_schema",
]

# Validators are built on first use (defer_build): a conversion on columns never makes a
# Word, Cue or Transcript, and building them at import cost start-up (issue #12).
_FROZEN = ConfigDict(frozen=True, extra="forbid", defer_build=True)

# What ``help()`` and ``dir()`` show of pydantic's own API: the few methods a user needs.
_PYDANTIC_SHOWN = frozenset(
    {
        "model_copy",
        "model_dump",
        "model_dump_json",
        "model_validate",
        "model_validate_json",
    }
)


class _ReadableMeta(QuickMeta):
    """Keeps ``help(Transcript)`` to cuecraft's own fields and methods.

    pydantic's BaseModel has some 40 inherited methods (most deprecated); listed in full,
    ``help(cuecraft)`` ran to 5,000 lines.
    """

    def __dir__(cls) -> list[str]:
        names = set(_PYDANTIC_SHOWN) | {"__init__", "__doc__", "__module__"}
        for klass in cls.__mro__:
            if klass.__module__ == __name__:
                # pydantic's generated class attributes (__pydantic_core_schema__...) are
                # plumbing, not API.
                names.update(n for n in vars(klass) if not n.startswith("__"))
        names.update(getattr(cls, "model_fields", {}))
        return sorted(names)


class CuecraftModel(BaseModel, metaclass=_ReadableMeta):
    """Base of the model classes: a validation error is a :class:`~cuecraft.ModelError`.

    Building an object with bad data (``Word(text="", start_ms=0, end_ms=1)``) or validating
    data into one (``Transcript.model_validate(data)``) raises ModelError with a JSON pointer
    to each problem, never pydantic's ``ValidationError``.
    """

    model_config = ConfigDict(defer_build=True)

    def __init__(self, /, **data: Any) -> None:
        """Build the object from its fields as keywords; ModelError when they do not fit."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ModelError.from_validation(exc, type(self).__name__) from None

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate ``obj`` (a dict, say) into this model; ModelError when it does not fit."""
        try:
            return super().model_validate(obj, *args, **kwargs)
        except ValidationError as exc:
            raise ModelError.from_validation(exc, cls.__name__) from None

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        """Validate JSON text into this model; raises ModelError when it does not fit."""
        try:
            return super().model_validate_json(json_data, *args, **kwargs)
        except ValidationError as exc:
            raise ModelError.from_validation(exc, cls.__name__) from None


@quick_construction_up_to(64)
class Diagnostic(CuecraftModel):
    """A problem that was repaired or tolerated, with the same location fields as an error.

    Readers record one for each repair (say, a word whose end was a few ms before its start),
    so nothing is changed silently.
    """

    model_config = _FROZEN

    code: str = Field(description="stable machine-readable kind, e.g. 'end-before-start'")
    message: str
    source: str | None = None
    pointer: str | None = None
    word_index: int | None = None
    cue_index: int | None = None
    severity: Literal["warning", "info"] = "warning"

    def __str__(self) -> str:
        where = [p for p in (self.source, self.pointer) if p]
        if self.word_index is not None:
            where.append(f"word {self.word_index}")
        if self.cue_index is not None:
            where.append(f"cue {self.cue_index + 1}")
        return ": ".join([*where, self.message])


class Word(CuecraftModel):
    """One timed word, with the punctuation that is attached to it (``"Hi,"``).

    Attributes:
        text: the word as displayed, never empty, no leading or trailing whitespace.
        start_ms, end_ms: time span in integer milliseconds; zero length is allowed.
        confidence: recogniser confidence 0..1, or None when the vendor gives none.
        speaker: id of a :class:`Speaker` of the transcript, or None.
        pristine: Amberscript's flag; False marks a word a human edited. None when unknown.
        paragraph_start: True where the vendor starts a new paragraph or block at this word
            (Amberscript segment, HappyScribe block, Scribie turn).
    """

    model_config = _FROZEN

    text: str = Field(min_length=1)
    start_ms: int = Field(ge=0)
    end_ms: int = Field(ge=0)
    confidence: float | None = Field(default=None, ge=0.0, le=1.0)
    speaker: str | None = None
    pristine: bool | None = None
    paragraph_start: bool = False


@quick_construction
class Speaker(CuecraftModel):
    """A speaker: a stable id (the vendor's, e.g. ``spk1``) and a display name."""

    model_config = _FROZEN

    id: str = Field(min_length=1)
    name: str


class Highlight(CuecraftModel):
    """A highlighted passage: the half-open span ``[first, stop)`` of word indices."""

    model_config = _FROZEN

    first: int = Field(ge=0)
    stop: int = Field(ge=0)
    label: str | None = None
    color: str | None = None


@quick_construction
class SourceInfo(CuecraftModel):
    """Where a transcript came from: reader name, file label and vendor metadata kept as is."""

    model_config = _FROZEN

    format: str | None = None
    name: str | None = None
    metadata: dict[str, JsonValue] = Field(default_factory=dict)


class Transcript(CuecraftModel):
    """A whole word-timed transcript.

    Invariants (checked here, once): at least one word; every word ends no earlier than it
    starts; each word starts no earlier than the previous one; each word's speaker is one of
    ``speakers``; speaker ids are unique; highlights lie inside the word range.
    Overlapping words (a word starting before the previous one ended) are allowed: real
    recognisers produce them and the order of starts is what matters.
    """

    model_config = _FROZEN

    words: tuple[Word, ...]
    speakers: tuple[Speaker, ...] = ()
    language: str | None = None
    source: SourceInfo = Field(default_factory=SourceInfo)
    highlights: tuple[Highlight, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()

    @model_validator(mode="after")
    def _check_invariants(self) -> Transcript:
        if not self.words:
            raise ValueError("a transcript needs at least one word")
        speaker_ids = [speaker.id for speaker in self.speakers]
        known = set(speaker_ids)
        if len(known) != len(speaker_ids):
            raise ValueError(f"speaker ids must be unique, got {speaker_ids}")
        previous_start = 0
        for index, word in enumerate(self.words):
            if word.end_ms < word.start_ms:
                raise ValueError(
                    f"word {index} ({word.text!r}) ends at {word.end_ms} ms, "
                    f"before its start {word.start_ms} ms"
                )
            if word.start_ms < previous_start:
                raise ValueError(
                    f"word {index} ({word.text!r}) starts at {word.start_ms} ms, "
                    f"before the previous word's start {previous_start} ms"
                )
            if word.speaker is not None and word.speaker not in known:
                raise ValueError(f"word {index} has unknown speaker {word.speaker!r}")
            previous_start = word.start_ms
        for index, highlight in enumerate(self.highlights):
            if not highlight.first < highlight.stop <= len(self.words):
                raise ValueError(
                    f"highlight {index} spans words [{highlight.first}, {highlight.stop}) "
                    f"outside [0, {len(self.words)})"
                )
        return self

    @property
    def start_ms(self) -> int:
        return self.words[0].start_ms

    @property
    def end_ms(self) -> int:
        return max(word.end_ms for word in self.words)

    def speaker_name(self, speaker_id: str | None) -> str | None:
        """Display name of a speaker id (the id itself when the speaker is not listed)."""
        if speaker_id is None:
            return None
        for speaker in self.speakers:
            if speaker.id == speaker_id:
                return speaker.name
        return speaker_id

    def turns(self) -> list[tuple[int, int]]:
        """Speaker turns as half-open word spans: a new turn at every change of speaker.

        Consecutive paragraphs of the same speaker are one turn (an Amberscript segment is a
        paragraph, not a turn). Scribie's anonymous turns carry distinct speaker ids.
        """
        spans: list[tuple[int, int]] = []
        first = 0
        for index in range(1, len(self.words)):
            if self.words[index].speaker != self.words[index - 1].speaker:
                spans.append((first, index))
                first = index
        spans.append((first, len(self.words)))
        return spans

    def highlighted(self) -> list[bool]:
        """One flag per word: True when the word lies inside any highlight."""
        flags = [False] * len(self.words)
        for highlight in self.highlights:
            for index in range(highlight.first, highlight.stop):
                flags[index] = True
        return flags


class Line(CuecraftModel):
    """One displayed row of a cue and the span ``[first, stop)`` of words it came from."""

    model_config = _FROZEN

    text: str
    first: int = Field(ge=0)
    stop: int = Field(ge=0)
    speaker: str | None = None
    """The speaker id of the row's words (the transcript's :class:`Speaker` id)."""
    speaker_name: str | None = None
    """The speaker's display name, so that written cues name speakers as the transcript
    does (:func:`cuecraft.segment` fills it in; None: the id is shown)."""


class Cue(CuecraftModel):
    """One subtitle: a time span and its rows (top to bottom)."""

    model_config = _FROZEN

    start_ms: int = Field(ge=0)
    end_ms: int = Field(ge=0)
    lines: tuple[Line, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _check_span(self) -> Cue:
        if self.end_ms < self.start_ms:
            raise ValueError(f"cue ends at {self.end_ms} ms, before its start {self.start_ms} ms")
        return self

    @property
    def text(self) -> str:
        """The rows joined with newlines."""
        return "\n".join(line.text for line in self.lines)

    @property
    def first(self) -> int:
        return self.lines[0].first

    @property
    def stop(self) -> int:
        return self.lines[-1].stop


def transcript_json_schema() -> dict[str, Any]:
    """The JSON Schema of the canonical transcript JSON (published as schema/transcript.json)."""
    return Transcript.model_json_schema(mode="serialization")
