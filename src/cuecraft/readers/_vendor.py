"""Shared pieces of the JSON readers (Whisper family, AWS, Deepgram, AssemblyAI, Rev.ai,
Speechmatics, Amberscript, Happy Scribe, Scribie, the word list): strict field types for the raw
shapes, gluing of separate punctuation tokens,
paragraph marks matched by time, and interpolation of words the engine left untimed.

Nothing here knows a vendor; each reader module documents its own mapping.
"""

from __future__ import annotations

import math
import re
from array import array
from collections.abc import Iterable, Sequence
from typing import Annotated, Literal, TypeGuard

import msgspec
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._spec import WordDraft
from cuecraft.timing import seconds_to_ms


class RawModel(BaseModel):
    """Base of the vendors' raw document models. Their validators are built on first use, not
    at import (``defer_build``): a run reads one format, and building every reader's models
    cost a conversion's start-up tens of milliseconds (issue #12)."""

    model_config = ConfigDict(defer_build=True)


__all__ = [
    "Attach",
    "Confidence",
    "DecimalConfidence",
    "DecimalSeconds",
    "Joiner",
    "Milliseconds",
    "Number",
    "Seconds",
    "Slot",
    "SpeakerIndex",
    "SpeakerLabel",
    "Text",
    "interpolate",
    "mark_paragraphs",
    "speakers_in_order",
    "spread",
]

MAX_SECONDS = 1e9
"""Times beyond ~31 years are garbage, not audio; rejected at validation with a pointer."""

# Strict: a JSON string or boolean where a number belongs is a schema error, not coerced.
Seconds = Annotated[float, Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False, strict=True)]
Milliseconds = Annotated[
    float, Field(ge=0, le=MAX_SECONDS * 1000, allow_inf_nan=False, strict=True)
]
Confidence = Annotated[float, Field(ge=0, le=1, allow_inf_nan=False, strict=True)]
Number = Annotated[float, Field(allow_inf_nan=False, strict=True)]
"""Any finite JSON number (a vendor's duration, checked against end - start)."""


def _utf8(text: str) -> str:
    # A JSON "\ud800" escape decodes to a lone surrogate, which no output can encode; the
    # UnicodeEncodeError is a ValueError, so it becomes a schema problem with a pointer.
    text.encode("utf-8")
    return text


Text = Annotated[str, Field(strict=True), AfterValidator(_utf8)]
"""Any vendor string that reaches the transcript (word texts, language, metadata)."""
SpeakerLabel = Annotated[str, Field(strict=True, min_length=1), AfterValidator(_utf8)]
"""A vendor speaker label; an empty one is a schema error (speaker ids cannot be empty)."""
SpeakerIndex = Annotated[int, Field(ge=0, le=1_000_000, strict=True)]
"""A vendor's integer speaker (Deepgram, Rev.ai): bounded, so the id stays a short string."""

_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _decimal(value: object) -> object:
    # AWS Transcribe writes every number as a string ("4.369", "0.998"). Accept exactly a
    # decimal literal (no "NaN", "inf", "1_000", spaces), or a real JSON number.
    if isinstance(value, str):
        if not _DECIMAL.fullmatch(value):
            raise ValueError(f"expected a decimal number in a string, got {value!r}")
        return float(value)
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueError(f"expected a number or a numeric string, got {type(value).__name__}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError("number too large") from None


DecimalSeconds = Annotated[
    float, BeforeValidator(_decimal), Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)
]
DecimalConfidence = Annotated[
    float, BeforeValidator(_decimal), Field(ge=0, le=1, allow_inf_nan=False)
]

Attach = Literal["previous", "next", "both"]


class Joiner:
    """Builds word drafts from a token stream where punctuation comes as separate tokens.

    ``punct(".", "previous")`` appends to the last word (AWS punctuation items, Speechmatics
    ``attaches_to``); ``"next"`` prefixes the next word (an opening quote); ``"both"`` appends
    to the last word and glues the next word on too (a hyphen in ``co-founder``). Punctuation
    with no word on the side it attaches to goes to the other side, so nothing is dropped.
    """

    def __init__(self) -> None:
        self.drafts: list[WordDraft] = []
        self._prefix = ""
        self._glue_next = False

    def word(self, draft: WordDraft, *, glue: bool = False) -> None:
        """Add a word; with ``glue`` (or after "both" punctuation) it joins the last word."""
        if (glue or self._glue_next) and self.drafts and not draft.paragraph_start:
            merge(self.drafts[-1], draft, joint=self._prefix)
        else:
            draft.text = self._prefix + draft.text
            self.drafts.append(draft)
        self._prefix = ""
        self._glue_next = False

    def punct(self, text: str, attach: Attach = "previous") -> None:
        """Add a punctuation token that attaches as ``attach`` says."""
        if attach in ("previous", "both") and self.drafts and not self._prefix:
            self.drafts[-1].text += text
            self._glue_next = attach == "both"
        else:
            self._prefix += text

    def finish(self) -> list[WordDraft]:
        """The drafts; trailing "next" punctuation joins the last word."""
        if self._prefix and self.drafts:
            self.drafts[-1].text += self._prefix
        self._prefix = ""
        return self.drafts


def merge(into: WordDraft, other: WordDraft, *, joint: str = "") -> None:
    """Glue ``other`` onto ``into``: texts joined, span widened, the lower confidence kept."""
    into.text += joint + other.text
    into.end = max(into.end, other.end)
    if other.confidence is not None:
        into.confidence = (
            other.confidence if into.confidence is None else min(into.confidence, other.confidence)
        )
    if into.speaker is None:
        into.speaker = other.speaker


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class Slot(msgspec.Struct):
    """A word's time span before interpolation: ``None`` where the engine gave no time.

    ``lower``/``upper`` bound the word when its neighbours are missing (its segment's span).
    """

    start: float | None
    end: float | None
    pointer: str
    lower: float | None = None
    upper: float | None = None


def interpolate(slots: Sequence[Slot], *, source: str, why: str) -> list[Diagnostic]:
    """Give untimed words times between their timed neighbours, evenly; one diagnostic each.

    A word is untimed when its start or its end is missing. A run of untimed words shares the
    gap from the previous word's end (or its segment start) to the next word's start (or its
    segment end); when the neighbours overlap, the words get zero length at the gap. Starts
    never pass the next timed word's start, so the word order stays valid.
    """
    notes: list[Diagnostic] = []
    index = 0
    count = len(slots)
    while index < count:
        if slots[index].start is not None and slots[index].end is not None:
            index += 1
            continue
        stop = index
        while stop < count and (slots[stop].start is None or slots[stop].end is None):
            stop += 1
        previous_end = slots[index - 1].end if index > 0 else None
        next_start = slots[stop].start if stop < count else None
        lefts = [x for x in (previous_end, slots[index].lower) if x is not None]
        left = max(lefts) if lefts else 0.0
        if index > 0:
            left = max(left, slots[index - 1].start or 0.0)
        rights = [x for x in (next_start, slots[stop - 1].upper) if x is not None]
        right = min(rights) if rights else left
        if next_start is not None:
            left = min(left, next_start)
        right = max(right, left)
        step = (right - left) / (stop - index)
        for offset, slot in enumerate(slots[index:stop]):
            slot.start = left + offset * step
            slot.end = left + (offset + 1) * step
            notes.append(
                Diagnostic(
                    code="interpolated-time",
                    source=source,
                    pointer=slot.pointer,
                    message=f"{why}; times interpolated between its neighbours",
                )
            )
        index = stop
    return notes


def mark_paragraphs(
    drafts: Sequence[WordDraft], starts: Iterable[float], *, unit: Literal["s", "ms"] = "s"
) -> None:
    """Flag ``paragraph_start`` on the first word at or after each paragraph start time.

    Vendors give paragraphs (utterances, speaker segments) as time spans rather than word
    indices; the paragraph's own start may be a few ms before its first word's start.
    """
    for index in paragraph_indices([draft.start for draft in drafts], starts, unit=unit):
        drafts[index].paragraph_start = True


def paragraph_indices(
    word_starts: Sequence[float], starts: Iterable[float], *, unit: Literal["s", "ms"] = "s"
) -> list[int]:
    """The index of the first word at or after each paragraph start time, in order (what
    :func:`mark_paragraphs` flags; the column fast paths take the indices)."""
    scale = 1.0 if unit == "s" else 0.001
    word_ms = _rounded_ms(word_starts, scale)
    found: list[int] = []
    cursor = 0
    for start in sorted(starts):
        if not math.isfinite(start):
            continue
        start_ms = seconds_to_ms(start * scale)
        while cursor < len(word_ms) and word_ms[cursor] < start_ms:
            cursor += 1
        if cursor == len(word_ms):
            break
        found.append(cursor)
        cursor += 1
    return found


def _rounded_ms(starts: Sequence[float], scale: float) -> Sequence[int]:
    """``seconds_to_ms(start * scale)`` of every start: a column fast path reads 100k of
    them here (issue #12), so at C speed where the result is the same."""
    if scale == 1.0 and COLUMN_KERNEL.COMPILED:
        try:
            # floor(start * 1000.0 + 0.5): seconds_to_ms's steps for a start in range.
            found: array[int] | None = COLUMN_KERNEL.times_ms(list(starts), 1000.0, MAX_SECONDS)
        except OverflowError:
            found = None
        if found is not None:
            return found
    elif scale != 1.0 and _whole_ms(starts):
        # (start * 0.001) * 1000 is off by far less than 0.5 from a whole start.
        return list(starts)
    return [seconds_to_ms(start * scale) for start in starts]


def _whole_ms(starts: Sequence[float]) -> TypeGuard[Sequence[int]]:
    """Whether every start is an int (not a bool) in ``0..2**50``."""
    if not starts or set(map(type, starts)) != {int}:
        return False
    return min(starts) >= 0 and max(starts) < 2**50


def speakers_in_order(drafts: Iterable[WordDraft], names: dict[str, str]) -> list[Speaker]:
    """The speakers the words use, in order of first use, named from ``names`` (else the id)."""
    ids = dict.fromkeys(d.speaker for d in drafts if d.speaker is not None)
    return [Speaker(id=speaker, name=names.get(speaker, speaker)) for speaker in ids]


def spread(start: float, end: float, lengths: Sequence[int]) -> list[tuple[float, float]]:
    """Split ``start..end`` into consecutive spans proportional to ``lengths``.

    For words known only by their segment (Whisper without word timestamps): a word gets the
    share of the segment its characters have, as the SRT reader does inside a cue. The last
    span ends exactly at ``end``; a zero total gives every word an equal share.
    """
    total = sum(lengths)
    weights = list(lengths) if total > 0 else [1] * len(lengths)
    total = sum(weights)
    span = end - start
    bounds = [start]
    running = 0
    for weight in weights:
        running += weight
        bounds.append(start + span * running / total)
    bounds[-1] = end
    return [(bounds[i], bounds[i + 1]) for i in range(len(weights))]
