"""What every writer shares: WriterSpec and the context a cue writer gets besides its cues."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel

from cuecraft.model import Diagnostic
from cuecraft.segment.rules import Rules

__all__ = ["WriteContext", "WriterSpec"]


@dataclass(frozen=True)
class WriteContext:
    """Facts from the transcript that a cue writer may need (it never sees the transcript).

    Attributes:
        speaker_names: speaker id -> display name.
        language: the transcript language (BCP 47 or vendor code), if known.
        title: a title for formats that carry one (the source file name by default).
        diagnostics: a writer appends what it replaced or tolerated (never silent loss).
    """

    speaker_names: Mapping[str, str] = field(default_factory=dict)
    language: str | None = None
    title: str | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)


@dataclass(frozen=True)
class WriterSpec:
    """A writer's registration.

    ``write(obj, out, options, context)`` gets cues (``takes="cues"``) or the transcript
    (``takes="transcript"``), an open stream (text or binary by ``binary``), a validated
    ``options`` instance and a :class:`WriteContext`. ``adjust_rules(rules, options,
    explicit)`` lets a format fit the segmentation rules to what it can display (EBU-STL
    teletext rows); ``explicit`` names the rule fields the user set.
    """

    name: str
    extensions: tuple[str, ...]
    takes: Literal["cues", "transcript"]
    binary: bool
    options: type[BaseModel]
    write: Callable[..., None]
    description: str
    adjust_rules: Callable[[Rules, Any, frozenset[str]], Rules] | None = None
