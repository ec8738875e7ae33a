"""AWS Transcribe's items and speaker-segment items as columns: the fast path of
:mod:`cuecraft.readers.aws_transcribe` (issue #12).

Each function accepts only what the reader's careful path (its pydantic models, then the
``Joiner``) reads as it is, and gives the same values; on anything else it returns None and
the reader reads the output word by word.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.readers._spec import MAX_SECONDS, distinct_values, utf8

__all__ = ["ItemColumns", "SegmentColumns", "item_columns", "segment_columns"]


@dataclass
class ItemColumns:
    """The words of clean items: texts with their punctuation glued on, times in seconds,
    confidences, speaker labels and ids; and the indices of the punctuation items."""

    texts: list[str]
    starts: list[float]
    ends: list[float]
    confidences: list[float | None]
    labels: list[str | None]
    ids: list[int | None]
    punctuation: list[int]
    written: tuple[list[str], list[str]]
    """The words' starts and ends as written (``"4.369"``)."""

    def pointer(self, word: int) -> str:
        """The JSON pointer of a word's item."""
        index = word
        for position in self.punctuation:  # each punctuation item before it shifts it
            if position > index:
                break
            index += 1
        return f"/results/items/{index}"


def item_columns(items: Any) -> ItemColumns | None:
    """The items as word columns, when every item is one the careful path reads as it is:
    a ``pronunciation`` or ``punctuation`` dict with exactly one alternative, decimal
    strings for numbers, a non-empty string label or none, an int id or none; else None."""
    if type(items) is not list or not items:
        return None
    columns = COLUMN_KERNEL.dict_columns(items, _ITEM_FIELDS[:2], _ITEM_FIELDS[2:])
    if columns is None:
        return None
    kinds, alternatives, starts, ends, labels, ids = columns
    distinct = distinct_values(kinds)
    if distinct is None or not set(distinct) <= {"pronunciation", "punctuation"}:
        return None
    # One alternative each: the careful path validates every alternative, and AWS sends one.
    if set(map(type, alternatives)) != {list} or set(map(len, alternatives)) != {1}:
        return None
    best = COLUMN_KERNEL.dict_columns(
        list(map(itemgetter(0), alternatives)), ("content",), ("confidence",)
    )
    if best is None:
        return None
    contents, confidences = best
    if set(map(type, contents)) != {str} or not utf8(contents) or not _labels(labels):
        return None
    if not set(map(type, ids)) <= {int, type(None)}:
        return None  # the careful path reads "3", 3.0 and true as ids
    is_word = list(map(operator.eq, kinds, repeat("pronunciation")))
    not_word = list(map(operator.not_, is_word))
    start_texts, end_texts = list(compress(starts, is_word)), list(compress(ends, is_word))
    word_starts = _decimals(start_texts, MAX_SECONDS)
    word_ends = _decimals(end_texts, MAX_SECONDS)
    # Punctuation has no times, or valid ones (no word takes them).
    others = [t for t in (*compress(starts, not_word), *compress(ends, not_word)) if t is not None]
    if word_starts is None or word_ends is None or not word_starts:
        return None
    if _decimals(others, MAX_SECONDS) is None:
        return None
    # Confidences are validated on every item; parsed once per distinct string (AWS writes
    # three decimals: a thousand strings at most).
    given = distinct_values([c for c in confidences if c is not None])
    parsed = None if given is None else _decimals(given, 1.0)
    if given is None or parsed is None:
        return None
    confidence_of = dict(zip(given, parsed, strict=True))
    punctuation = list(compress(range(len(items)), not_word))
    return ItemColumns(
        texts=_glued(contents, is_word, punctuation),
        starts=word_starts,
        ends=word_ends,
        confidences=list(map(confidence_of.get, compress(confidences, is_word))),
        labels=list(compress(labels, is_word)),
        ids=list(compress(ids, is_word)),
        punctuation=punctuation,
        written=(start_texts, end_texts),
    )


_ITEM_FIELDS = ("type", "alternatives", "start_time", "end_time", "speaker_label", "id")
"""An item's fields as the fast path reads them: the two it needs, then the optional ones."""


def _glued(contents: list[str], is_word: list[bool], punctuation: list[int]) -> list[str]:
    """The words' texts with each punctuation item glued to the word before it (to the
    first word when it comes before any), as the careful path's ``Joiner`` does."""
    texts = list(compress(contents, is_word))
    prefix = ""
    for earlier, position in enumerate(punctuation):
        words_before = position - earlier  # the items before it, less the punctuation
        if words_before:
            texts[words_before - 1] += contents[position]
        else:
            prefix += contents[position]
    if prefix:
        texts[0] = prefix + texts[0]
    return texts


@dataclass
class SegmentColumns:
    """The items of the speaker segments, flattened: times in seconds, labels, each item's
    segment, and the flat index of each segment's first item (None for a segment without)."""

    starts: list[float]
    ends: list[float]
    labels: list[str | None]
    segment_of: list[int]
    firsts: list[int | None]


def segment_columns(labels: Any, words: ItemColumns) -> tuple[Any, SegmentColumns] | None:
    """``speaker_labels`` with its segments' items taken out (for :func:`valid_or_none`) and
    those items as columns, when each is a dict with decimal-string times and a valid label
    or none; else None. Times written exactly as the ``words``' are parsed once, there."""
    if type(labels) is not dict:
        return None
    segments = labels.get("segments")
    if segments is None:  # absent (no segments), or null (the careful path reports it)
        return labels, SegmentColumns([], [], [], [], [])
    if type(segments) is not list or not all(type(segment) is dict for segment in segments):
        return None
    flat: list[Any] = []
    segment_of: list[int] = []
    firsts: list[int | None] = []
    for index, segment in enumerate(segments):
        entries = segment.get("items", [])
        if type(entries) is not list:
            return None
        firsts.append(len(flat) if entries else None)
        flat += entries
        segment_of += [index] * len(entries)
    columns = COLUMN_KERNEL.dict_columns(flat, ("start_time", "end_time"), ("speaker_label",))
    if columns is None or not _labels(columns[2]):
        return None
    # In newer output the segments' items repeat the words' times, in order.
    starts = words.starts if columns[0] == words.written[0] else _decimals(columns[0], MAX_SECONDS)
    ends = words.ends if columns[1] == words.written[1] else _decimals(columns[1], MAX_SECONDS)
    if starts is None or ends is None:
        return None
    stripped = {**labels, "segments": [{**segment, "items": []} for segment in segments]}
    return stripped, SegmentColumns(starts, ends, columns[2], segment_of, firsts)


_NOT_DECIMAL = str.maketrans("", "", "0123456789.")
"""Deletes what a plain decimal string is made of: whatever is left is not one."""


def _decimals(values: list[Any], limit: float) -> list[float] | None:
    """``float`` of every value, when each is a string of ASCII digits with at most one dot
    (what ``DecimalSeconds`` reads as ``float(value)``) in ``0..limit``; else None. A sign,
    an exponent or a JSON number is valid too, but left to the careful path."""
    if not values:
        return []
    try:
        written = "".join(values)
    except TypeError:  # not all strings
        return None
    if written.translate(_NOT_DECIMAL):
        return None
    try:
        floats = list(map(float, values))
    except ValueError:  # "", "." or "1.2.3"
        return None
    return floats if max(floats) <= limit else None  # a huge one is inf


def _labels(values: list[Any]) -> bool:
    """Whether every value is None or a ``SpeakerLabel`` (a non-empty string, no lone
    surrogate)."""
    distinct = distinct_values(values)
    if distinct is None or not set(map(type, distinct)) <= {str, type(None)} or "" in distinct:
        return False
    return utf8([value for value in distinct if value is not None])
