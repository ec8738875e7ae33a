"""What every writer shares: WriterSpec and the context a cue writer gets besides its cues."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from cuecraft.display import Display
from cuecraft.model import Diagnostic

__all__ = ["WriteContext", "WriterSpec"]


@dataclass(frozen=True)
class WriteContext:
    """Facts from the transcript that a cue writer may need (it never sees the transcript).

    Attributes:
        speaker_names: speaker id -> display name.
        language: the transcript language (BCP 47 or vendor code), if known.
        title: a title for formats that carry one (the source file name by default).
        diagnostics: a writer appends what it replaced or tolerated (never silent loss).
        word_separator: what joins two words of the transcript's language (a space, or
            nothing for Japanese, Chinese, Thai), as the segmenter joins them; set by
            :func:`cuecraft.api.render` for writers that take the transcript.
    """

    speaker_names: Mapping[str, str] = field(default_factory=dict)
    language: str | None = None
    title: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)
    word_separator: str = " "


@dataclass(frozen=True)
class WriterSpec:
    """A writer's registration.

    ``write(obj, out, options, context)`` gets cues (``takes="cues"``) or the transcript
    (``takes="transcript"``), an open stream (text or binary by ``binary``), a validated
    ``options`` instance and a :class:`WriteContext`. ``display(options)`` says, as data,
    what the format can show with those options (row width, rows, frame rates, speaker
    labels); the segmentation rules are fitted to it before segmenting
    (:func:`cuecraft.segment.fit.fit_rules`).

    ``tables``: a cue writer whose ``write`` also takes the cues as a
    :class:`~cuecraft.columns.CueTable` (word spans and times), which a conversion hands it
    instead of building a :class:`~cuecraft.model.Cue` per cue.
    """

    name: str
    extensions: tuple[str, ...]
    takes: Literal["cues", "transcript"]
    binary: bool
    options: type[BaseModel]
    write: Callable[[Any, Any, Any, WriteContext], None]
    description: str
    display: Callable[[Any], Display] | None = None
    tables: bool = False
