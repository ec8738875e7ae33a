"""Amberscript highlights: spans of the export's words, read after the words (they need the
final word times). The element shape is undocumented; see :mod:`cuecraft.readers.amberscript`
for the two shapes accepted and what happens to the others."""

from __future__ import annotations

import math
from typing import Any

from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Diagnostic, Highlight, Transcript
from cuecraft.readers._spec import WordDraft
from cuecraft.timing import seconds_to_ms

__all__ = ["highlights", "kept_indices"]


def kept_indices(drafts: list[WordDraft]) -> list[int | None]:
    """Transcript word index of each vendor word (None for blank tokens assemble() skipped)."""
    indices: list[int | None] = []
    count = 0
    for draft in drafts:
        if draft.text.strip():
            indices.append(count)
            count += 1
        else:
            indices.append(None)
    return indices


def highlights(
    elements: list[Any],
    transcript: Transcript,
    kept: list[int | None],
    offset_ms: int,
    *,
    source: str,
    strict: bool,
) -> tuple[list[Highlight], list[Diagnostic]]:
    highlights: list[Highlight] = []
    notes: list[Diagnostic] = []
    problems: list[Problem] = []
    for index, element in enumerate(elements):
        pointer = f"/highlights/{index}"
        try:
            span = _highlight_span(element, pointer, transcript, kept, offset_ms)
        except _Unsupported as exc:
            problems.append(Problem(exc.pointer, exc.message))
            notes.append(
                Diagnostic(
                    code="unsupported-highlight",
                    source=source,
                    pointer=exc.pointer,
                    message=f"{exc.message}; highlight dropped",
                )
            )
            continue
        if span is None:
            notes.append(
                Diagnostic(
                    code="empty-highlight",
                    source=source,
                    pointer=pointer,
                    message="highlight covers no word; dropped",
                )
            )
            continue
        first, stop = span
        label = element.get("label")
        color = element.get("color")
        highlights.append(Highlight(first=first, stop=stop, label=label, color=color))
    if problems and strict:
        raise SchemaError(problems, source=source)
    return highlights, notes


class _Unsupported(Exception):
    def __init__(self, pointer: str, message: str) -> None:
        self.pointer = pointer
        self.message = message
        super().__init__(message)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def _highlight_span(
    element: Any, pointer: str, transcript: Transcript, kept: list[int | None], offset_ms: int
) -> tuple[int, int] | None:
    """The word span ``(first, stop)`` of one highlight element, None when it covers none."""
    if not isinstance(element, dict):
        raise _Unsupported(pointer, f"highlight must be an object, got {type(element).__name__}")
    for key in ("label", "color"):
        if element.get(key) is not None and not isinstance(element[key], str):
            raise _Unsupported(f"{pointer}/{key}", f"{key} must be a string")
    by_time = {"start", "end"} <= element.keys()
    by_index = {"first", "stop"} <= element.keys()
    if by_time == by_index:
        raise _Unsupported(
            pointer,
            "unsupported highlight shape (expected {start, end} in seconds "
            "or {first, stop} word indices)",
        )
    if by_time:
        for key in ("start", "end"):
            if not _is_number(element[key]) or not 0 <= element[key] <= 1e9:
                raise _Unsupported(f"{pointer}/{key}", f"{key} must be seconds in 0..1e9")
        start_ms = seconds_to_ms(element["start"]) + offset_ms
        end_ms = seconds_to_ms(element["end"]) + offset_ms
        if end_ms < start_ms:
            raise _Unsupported(f"{pointer}/end", "end is before start")
        inside = [
            index
            for index, word in enumerate(transcript.words)
            if start_ms <= word.start_ms and word.end_ms <= end_ms
        ]
        return (inside[0], inside[-1] + 1) if inside else None
    for key in ("first", "stop"):
        value = element[key]
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= len(kept):
            raise _Unsupported(f"{pointer}/{key}", f"{key} must be a word index in 0..{len(kept)}")
    if element["stop"] < element["first"]:
        raise _Unsupported(f"{pointer}/stop", "stop is before first")
    mapped = [i for i in kept[element["first"] : element["stop"]] if i is not None]
    return (mapped[0], mapped[-1] + 1) if mapped else None
