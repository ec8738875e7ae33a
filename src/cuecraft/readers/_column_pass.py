"""The column pass: the words of a clean document checked column by column.

The fast path of the big JSON readers: it accepts only input on which the word-by-word pass
(:func:`cuecraft.readers._assemble.assemble_table`) would repair nothing and refuse nothing
(every text a non-blank string, every time a plain number in range, times in order,
confidences in 0..1) and then gives the same columns; on anything else it returns None and the
reader takes the careful path, whose messages say what is wrong and where.
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Callable, Sequence
from itertools import repeat
from types import ModuleType
from typing import Any, Literal, NamedTuple

from cuecraft.columns import COLUMN_KERNEL, WordTable, in_order
from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._assemble import PLAIN_LIMIT, Interned, finish_table, interned

__all__ = [
    "GroupedColumns",
    "RawColumns",
    "distinct_values",
    "grouped_columns",
    "nonblank_texts",
    "plain_numbers",
    "table_from_columns",
    "utf8",
]


class RawColumns(NamedTuple):
    """A vendor's words as columns, before validation (the fast path's input).

    ``pointer(i)`` is the JSON pointer of word ``i``'s object; ``unit`` is the unit of every
    time; ``speakers`` may come :class:`~cuecraft.readers._assemble.Interned` (a reader that
    has looked at the distinct labels already); ``paragraph_starts`` are the indices of words
    that start a paragraph.
    """

    texts: list[Any]
    starts: list[Any]
    ends: list[Any]
    pointer: Callable[[int], str]
    unit: Literal["s", "ms"] = "s"
    confidences: list[Any] | None = None
    speakers: list[Any] | Interned | None = None
    pristine: list[Any] | None = None
    paragraph_starts: Sequence[int] = ()


def plain_numbers(values: list[Any], limit: float) -> bool:
    """Whether every value is a plain number (not a bool) in ``0..limit``, as the readers'
    ``Seconds`` and ``Confidence`` validate them; an integer too large for a float is not.

    Whole-column operations at C speed: the types as a set; the sum, which is not finite
    when any value is NaN or infinite (min and max are meaningless then); min and max.
    """
    if not values:
        return True
    if not set(map(type, values)) <= {float, int}:
        return False
    try:
        return math.isfinite(sum(values)) and min(values) >= 0 and max(values) <= limit
    except OverflowError:  # 10**400 written out: the careful path says where
        return False


def _plain_times(
    values: list[Any], unit: str, kernel: ModuleType = COLUMN_KERNEL
) -> array[int] | None:
    """The values in ms when every one is a plain number in range, else None.

    Made straight into a 64-bit column: a list of a million int objects would hold 36 MB at
    the document's peak for nothing (issue #12). ``kernel``: the
    :mod:`~cuecraft._column_kernel` to use where it is compiled.
    """
    scale = 1000.0 if unit == "s" else 1.0
    if kernel.COMPILED:
        try:
            times: array[int] | None = kernel.times_ms(values, scale, PLAIN_LIMIT[unit])
        except OverflowError:  # an int too large for a float, as plain_numbers judges it
            return None
        return times
    if not plain_numbers(values, PLAIN_LIMIT[unit]):
        return None
    # floor(v * scale + 0.5), as C-level maps: every value is >= 0 (checked above), where
    # int() truncating is floor.
    scaled = map(operator.mul, values, repeat(scale))
    return array("q", map(int, map(operator.add, scaled, repeat(0.5))))


def distinct_values(values: Sequence[Any]) -> list[Any] | None:
    """The distinct values in first-seen order, or None when one cannot be a dict key (a
    list where a label belongs: the careful path says where)."""
    try:
        return list(dict.fromkeys(values))
    except TypeError:
        return None


class GroupedColumns(NamedTuple):
    """The words of a document that groups them (segments, monologues), flattened: the
    groups; one column per field; the flat index of each group's first word (groups with
    words only); each word's group; and the JSON pointer of a word from its flat index."""

    groups: list[dict[str, Any]]
    columns: list[list[Any]]
    firsts: list[int]
    group_of: list[int]
    pointer: Callable[[int], str]

    def per_word(self, key: str) -> list[Any]:
        """Each word's value of its group's ``key`` (None where the group has none): what a
        segment gives once for all its words, such as its speaker."""
        of_group = [group.get(key) for group in self.groups]
        return [of_group[group] for group in self.group_of]

    def raw(
        self,
        *,
        confidences: list[Any] | None = None,
        speakers: list[Any] | None = None,
        pristine: list[Any] | None = None,
    ) -> RawColumns:
        """The words for :func:`table_from_columns`: the first three columns as text, start
        and end (in seconds), a paragraph at each group's first word."""
        texts, starts, ends = self.columns[:3]
        return RawColumns(
            texts,
            starts,
            ends,
            pointer=self.pointer,
            confidences=confidences,
            speakers=speakers,
            pristine=pristine,
            paragraph_starts=self.firsts,
        )


def grouped_columns(
    groups: Any,
    key: str,
    required: tuple[str, ...],
    optional: tuple[str, ...],
    *,
    root: str,
    needs_key: bool,
) -> GroupedColumns | None:
    """The ``key`` lists of ``groups`` as columns (``required`` fields, then ``optional``
    ones, None where absent), when ``groups`` is a list of dicts whose ``key`` is a list of
    dicts holding the required fields; a group without ``key`` (or with null) has no words
    unless ``needs_key``. Else None. ``root`` is the groups' JSON pointer (``/segments``)."""
    if type(groups) is not list or not all(type(group) is dict for group in groups):
        return None
    columns: list[list[Any]] = [[] for _ in required + optional]
    firsts: list[int] = []
    group_of: list[int] = []
    for index, group in enumerate(groups):
        items = group.get(key)
        if items is None and not needs_key:
            continue
        if type(items) is not list:
            return None
        found = COLUMN_KERNEL.dict_columns(items, required, optional)
        if found is None:
            return None
        if items:
            firsts.append(len(group_of))
        group_of += [index] * len(items)
        for column, values in zip(columns, found, strict=True):
            column += values

    def pointer(flat: int) -> str:
        for index, group in enumerate(groups):
            count = len(group.get(key) or ())
            if flat < count:
                return f"{root}/{index}/{key}/{flat}"
            flat -= count
        return root

    return GroupedColumns(groups, columns, firsts, group_of, pointer)


def nonblank_texts(texts: list[Any], kernel: ModuleType = COLUMN_KERNEL) -> Interned | None:
    """The texts stripped, :class:`~cuecraft.readers._assemble.Interned`, when every one is a
    ``str`` (not a subclass) with more than whitespace in it (and there is one); else None.
    ``kernel``: the :mod:`~cuecraft._column_kernel` to use where it is compiled."""
    if not texts:
        return None
    if kernel.COMPILED and type(texts) is list:
        seen: dict[str, str] = {}
        shared: list[str] | None = kernel.nonblank_texts(texts, seen)
        return None if shared is None else Interned(shared, list(seen))
    if set(map(type, texts)) != {str}:
        return None
    stripped = list(map(str.strip, texts))
    if not all(stripped):
        return None
    return interned(stripped, kernel)


def utf8(texts: Sequence[str]) -> bool:
    """Whether no text holds a lone surrogate (which no output format can encode)."""
    try:
        "".join(texts).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def table_from_columns(
    raw: RawColumns,
    *,
    source: str,
    reader: str,
    speakers: Sequence[Speaker] = (),
    language: str | None = None,
    metadata: dict[str, Any] | None = None,
    diagnostics: Sequence[Diagnostic] = (),
    start_offset_ms: int = 0,
) -> WordTable | None:
    """The words of a clean document, checked column by column; None when any word needs
    the word-by-word pass (:func:`assemble_table`) to be repaired, skipped or refused."""
    try:
        return _checked_table(
            raw,
            source=source,
            reader=reader,
            speakers=speakers,
            language=language,
            metadata=metadata,
            diagnostics=diagnostics,
            start_offset_ms=start_offset_ms,
        )
    except OverflowError:
        # An integer too large for a float (10**400 written out in full) in a time or a
        # confidence: the column checks convert before they compare, and the careful path
        # refuses it with its JSON pointer.
        return None


def _checked_table(
    raw: RawColumns,
    *,
    source: str,
    reader: str,
    speakers: Sequence[Speaker],
    language: str | None,
    metadata: dict[str, Any] | None,
    diagnostics: Sequence[Diagnostic],
    start_offset_ms: int,
) -> WordTable | None:
    texts = nonblank_texts(raw.texts)
    # A lone surrogate is in a distinct text if it is in any: those few are checked.
    if texts is None or not utf8(texts.distinct):
        return None
    n = len(texts.values)
    starts = _plain_times(raw.starts, raw.unit)
    ends = _plain_times(raw.ends, raw.unit)
    if starts is None or ends is None:
        return None
    if start_offset_ms:
        starts = array("q", [start + start_offset_ms for start in starts])
        ends = array("q", [end + start_offset_ms for end in ends])
    if not in_order(starts, ends):
        return None
    confidences = raw.confidences
    if confidences is not None:
        given = [c for c in confidences if c is not None]
        if given:
            if not plain_numbers(given, 1.0):
                return None
            confidences = [None if c is None else float(c) for c in confidences]
        else:
            confidences = None
    labels = raw.speakers
    if labels is None:
        labels = Interned([None] * n, [None])
    elif not isinstance(labels, Interned):
        try:
            labels = interned(labels)
        except TypeError:  # a list where a label belongs: the careful path says where
            return None
    if not set(map(type, labels.distinct)) <= {str, type(None)}:
        return None
    if not utf8([label for label in labels.distinct if label]):
        return None
    pristine = raw.pristine
    if pristine is not None and not set(map(type, pristine)) <= {bool, type(None)}:
        return None
    return finish_table(
        texts=texts,
        starts=starts,
        ends=ends,
        confidences=confidences,
        speakers=labels,
        pristine=pristine,
        paragraphs=raw.paragraph_starts,
        source=source,
        reader=reader,
        listed=speakers,
        language=language,
        metadata=metadata,
        highlights=(),
        notes=list(diagnostics),
    )
