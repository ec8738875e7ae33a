"""Rev.ai's elements as word columns: the fast path of :mod:`cuecraft.readers.revai` (issue #12).

The careful path cuts each monologue's elements into words at the spacing elements (``punct``
elements whose value is whitespace), or, in output without any (``skip_punctuation``), at each
``text`` element after the monologue's first; a word is its elements' values concatenated,
from its first timed element's ``ts`` to its latest ``end_ts``, with the lowest confidence.
:func:`element_words` makes the same cuts with C-level maps over whole columns, and accepts
only elements that need no interpolation: ``text`` elements with both times and ``punct``
elements with no time and no confidence, every word holding a ``text`` element. On anything
else it returns None and the reader reads the document word by word.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import accumulate, compress, repeat
from typing import Any

from cuecraft.readers._spec import GroupedColumns, grouped_columns, plain_numbers, utf8
from cuecraft.readers._vendor import MAX_SECONDS

__all__ = ["ElementWords", "element_words"]

_SEPARATOR = "\x00"
"""Put before each word's first element value so that one ``join`` and one ``split`` make
every word's text; a value holding it is left to the careful path."""

_PREFIX = ("", _SEPARATOR)
"""The prefix of an element value, indexed by whether it starts a word."""


@dataclass
class ElementWords:
    """The words of clean monologues: texts with their punctuation glued on, times in seconds
    and confidences as written (the words' first ``text`` element's, widened and lowered by
    the others'), each word's monologue, and its first ``text`` element's flat index."""

    texts: list[str]
    starts: list[Any]
    ends: list[Any]
    confidences: list[Any]
    monologue_of: list[int]
    anchors: list[int]
    grouped: GroupedColumns

    def pointer(self, word: int) -> str:
        """The JSON pointer of the word's first timed element (the careful path's)."""
        return self.grouped.pointer(self.anchors[word])


def element_words(monologues: Any) -> ElementWords | None:
    """The words of ``monologues`` as the careful path cuts and glues them, when every element
    is one it reads as it is (see the module docstring); else None."""
    grouped = grouped_columns(
        monologues,
        "elements",
        ("type", "value"),
        ("ts", "end_ts", "confidence"),
        root="/monologues",
        needs_key=True,
    )
    if grouped is None:
        return None
    kinds, values, starts, ends, confidences = grouped.columns
    if not kinds:
        return None  # no words: the careful path says so
    # "unknown" (<inaudible>, untimed: interpolated with a diagnostic) and any other type
    # are the careful path's. Counted, not hashed: a list where a type belongs counts as
    # neither.
    count = len(kinds)
    texts_count = kinds.count("text")
    if texts_count + kinds.count("punct") != count:
        return None
    try:
        everything = "".join(values)
    except TypeError:  # a value that is not a string
        return None
    if not utf8((everything,)) or _SEPARATOR in everything:
        return None
    is_text = list(map(operator.eq, kinds, repeat("text")))
    is_punct = list(map(operator.not_, is_text))
    text_starts = list(compress(starts, is_text))
    text_ends = list(compress(ends, is_text))
    text_confidences = list(compress(confidences, is_text))
    if not plain_numbers(text_starts, MAX_SECONDS) or not plain_numbers(text_ends, MAX_SECONDS):
        return None
    if not plain_numbers([c for c in text_confidences if c is not None], 1.0):
        return None
    # Punctuation and spaces carry no time and no confidence (a timed one would take part in
    # its word's span, and the careful path validates it): every None is theirs, as the text
    # elements' times are numbers.
    untimed = count - texts_count
    if starts.count(None) != untimed or ends.count(None) != untimed:
        return None
    if confidences.count(None) - text_confidences.count(None) != untimed:
        return None
    spacing = list(map(operator.and_, is_punct, map(str.isspace, values)))
    group_of = grouped.group_of
    first_in_group = list(map(operator.ne, group_of, [-1, *group_of[:-1]]))
    if any(spacing):
        # A word starts at a monologue's first element and after each spacing element;
        # spacing elements belong to no word.
        keep = list(map(operator.not_, spacing))
        after_spacing = [False, *spacing[:-1]]
        starts_word = list(compress(map(operator.or_, first_in_group, after_spacing), keep))
    else:
        # No spacing anywhere (skip_punctuation): a word starts at a monologue's first
        # element and at each of its text elements but the first (punctuation before the
        # first joins it; punctuation after a word stays with it).
        keep = [True] * len(kinds)
        text_groups = list(compress(group_of, is_text))
        first_text = map(operator.ne, text_groups, [-1, *text_groups[:-1]])
        later = compress(compress(range(len(kinds)), is_text), map(operator.not_, first_text))
        starts_word = first_in_group
        for position in later:
            starts_word[position] = True
    if not starts_word:
        return None  # nothing but spacing: no words
    return _words(
        grouped, values, keep, starts_word, is_text, (text_starts, text_ends, text_confidences)
    )


def _words(
    grouped: GroupedColumns,
    values: list[str],
    keep: list[bool],
    starts_word: list[bool],
    is_text: list[bool],
    text_columns: tuple[list[Any], list[Any], list[Any]],
) -> ElementWords | None:
    """The words from the kept elements and the flags of those that start one (``text
    _columns``: the text elements' starts, ends and confidences); None when a word has no
    ``text`` element (no time: the careful path interpolates)."""
    text_starts, text_ends, text_confidences = text_columns
    word_of = list(accumulate(starts_word))  # each kept element's word, from 1
    count = word_of[-1]
    is_kept_text = list(compress(is_text, keep))
    text_word = list(compress(word_of, is_kept_text))
    first_text = list(map(operator.ne, text_word, [0, *text_word[:-1]]))
    if sum(first_text) != count:
        return None
    # No value holds the separator (checked by the caller).
    joined = "".join(
        map(operator.add, map(_PREFIX.__getitem__, starts_word), compress(values, keep))
    )
    word_starts = list(compress(text_starts, first_text))
    word_ends = list(compress(text_ends, first_text))
    word_confidences = list(compress(text_confidences, first_text))
    # A word of several text elements ("co" "-" "founder", "30" "%"): few, in a Python loop.
    for index in compress(range(len(text_word)), map(operator.not_, first_text)):
        word = text_word[index] - 1
        word_ends[word] = max(word_ends[word], text_ends[index])
        confidence = text_confidences[index]
        if confidence is not None:
            lowest = word_confidences[word]
            word_confidences[word] = confidence if lowest is None else min(lowest, confidence)
    kept_groups = list(compress(grouped.group_of, keep))
    return ElementWords(
        texts=joined.split(_SEPARATOR)[1:],
        starts=word_starts,
        ends=word_ends,
        confidences=word_confidences,
        monologue_of=list(compress(kept_groups, starts_word)),
        anchors=list(compress(compress(range(len(values)), is_text), first_text)),
        grouped=grouped,
    )
