"""Speechmatics results as word columns: the fast path of :mod:`cuecraft.readers.speechmatics`
(issue #12).

The careful path reads the results one by one into a ``Joiner``: each ``word`` result (and
each ``punctuation`` result that ``attaches_to`` ``none``) is a word, each entity is the words
of its ``written_form``, and punctuation glues to the word before (``previous``) or after
(``next``). :func:`result_words` reads the same words column by column, and glues the
punctuation in one loop over the punctuation results alone (a few in ten). It accepts only
results the careful path reads as they are: one alternative each, valid fields, no
``speaker_change`` result and no ``both`` (which joins two words into one); on anything else it
returns None and the reader reads the document word by word.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from itertools import compress, repeat
from operator import itemgetter
from typing import Any

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.readers._spec import distinct_values, plain_numbers, utf8
from cuecraft.readers._vendor import MAX_SECONDS

__all__ = ["ResultWords", "result_words"]

_UNKNOWN_SPEAKER = "UU"
"""Speechmatics' speaker when it does not know (or diarization is off): no speaker."""

_RESULT_FIELDS = ("type", "start_time", "end_time", "alternatives")
_RESULT_OPTIONAL = ("attaches_to", "channel", "written_form")
_ATTACHES = {None, "previous", "next", "none"}
"""The ``attaches_to`` values read here: ``both`` (glue the next word on) is the careful
path's."""


@dataclass
class ResultWords:
    """The words of clean results: texts with their punctuation glued on, times in seconds,
    confidences and speakers as the careful path gives them; and the results themselves (for
    a word's JSON pointer)."""

    texts: list[str]
    starts: list[Any]
    ends: list[Any]
    confidences: list[Any]
    speakers: list[str | None]
    results: list[dict[str, Any]]

    def pointer(self, word: int) -> str:
        """The JSON pointer of the word's result (or ``written_form`` entry), found by
        counting (only a message needs it)."""
        for index, result in enumerate(self.results):
            if result["type"] == "entity":
                forms = result["written_form"]
                if word < len(forms):
                    return f"/results/{index}/written_form/{word}"
                word -= len(forms)
            elif result["type"] != "punctuation" or result.get("attaches_to") == "none":
                if not word:
                    return f"/results/{index}"
                word -= 1
        return "/results"


@dataclass
class _Best:
    """The first (and only) alternative of each result, as columns."""

    contents: list[str]
    confidences: list[Any]
    speakers: list[Any]


def result_words(results: Any) -> ResultWords | None:
    """The words of ``results`` as the careful path reads and glues them, when every result
    is one it reads as it is (see the module docstring); else None."""
    if type(results) is not list or not results:
        return None
    columns = COLUMN_KERNEL.dict_columns(results, _RESULT_FIELDS, _RESULT_OPTIONAL)
    if columns is None:
        return None
    kinds, starts, ends, alternatives, attaches, channels, forms = columns
    count = len(kinds)
    entities = kinds.count("entity")
    # speaker_change (legacy: a paragraph mark) and newer types are the careful path's.
    if kinds.count("word") + kinds.count("punctuation") + entities != count:
        return None
    best = _best(alternatives)
    if best is None:
        return None
    # The times and confidences of word results are the words': table_from_columns checks
    # them. Those of the others (punctuation, entities) only here, as the careful path
    # validates every result's.
    others = list(map(operator.ne, kinds, repeat("word")))
    checked = (starts, ends, best.confidences)
    other_starts, other_ends, other_confidences = (list(compress(c, others)) for c in checked)
    if not plain_numbers(other_starts, MAX_SECONDS) or not plain_numbers(other_ends, MAX_SECONDS):
        return None
    if not plain_numbers([c for c in other_confidences if c is not None], 1.0):
        return None
    distinct = distinct_values(attaches)
    if distinct is None or not set(distinct) <= _ATTACHES:
        return None
    if _labels(channels) is None:
        return None
    is_word = list(map(operator.ne, kinds, repeat("punctuation")))
    if "none" in distinct:  # punctuation that stands alone is a word
        is_word = list(map(operator.or_, is_word, map(operator.eq, attaches, repeat("none"))))
    speakers = _speakers(best.speakers, channels)
    token = [best.contents, starts, ends, best.confidences, speakers, is_word, attaches]
    if entities:
        is_entity = list(map(operator.eq, kinds, repeat("entity")))
        # Only an entity may carry a written form (the careful path validates any other's).
        if forms.count(None) != count - entities:
            return None
        spliced = _with_written_forms(token, compress(range(count), is_entity), forms, channels)
        if spliced is None:
            return None
        token = spliced
    elif forms.count(None) != count:
        return None
    contents, starts, ends, confidences, speakers, is_word, attaches = token
    texts = list(compress(contents, is_word))
    if not texts:
        return None  # no words: the careful path says so
    _glue(texts, contents, attaches, is_word)
    return ResultWords(
        texts=texts,
        starts=list(compress(starts, is_word)),
        ends=list(compress(ends, is_word)),
        confidences=list(compress(confidences, is_word)),
        speakers=list(compress(speakers, is_word)),
        results=results,
    )


def _best(alternatives: list[Any]) -> _Best | None:
    """The one alternative of each result, when each is a list of one dict with a valid
    ``content``, ``language`` and ``speaker`` (the careful path validates every alternative;
    Speechmatics sends one); else None. The confidences are the caller's to check."""
    if set(map(type, alternatives)) != {list} or set(map(len, alternatives)) != {1}:
        return None
    found = COLUMN_KERNEL.dict_columns(
        list(map(itemgetter(0), alternatives)), ("content",), ("confidence", "language", "speaker")
    )
    if found is None:
        return None
    contents, confidences, languages, speakers = found
    try:
        if not utf8(contents):  # joins them: a content that is no string raises
            return None
    except TypeError:
        return None
    if _labels(speakers) is None or _texts(languages) is None:
        return None
    return _Best(contents, confidences, speakers)


def _speakers(speakers: list[Any], channels: list[Any]) -> list[str | None]:
    """Each result's speaker: its alternative's, unless unknown (``"UU"``) or absent; then
    its channel (channel diarization), if any."""
    known = {label: None if label == _UNKNOWN_SPEAKER else label for label in set(speakers)}
    labels: list[str | None] = list(map(known.__getitem__, speakers))
    if channels.count(None) == len(channels):
        return labels
    return [label or channel for label, channel in zip(labels, channels, strict=True)]


def _with_written_forms(
    token: list[list[Any]], positions: Any, forms: list[Any], channels: list[Any]
) -> list[list[Any]] | None:
    """The token columns with each entity replaced by the words of its written form (each
    with its own times and alternative, and the entity's channel), when every written form
    is a non-empty list of clean entries; else None."""
    places = list(positions)
    entries = [forms[place] for place in places]
    if set(map(type, entries)) != {list} or 0 in set(map(len, entries)):
        return None
    flat = [entry for entry_list in entries for entry in entry_list]
    found = COLUMN_KERNEL.dict_columns(flat, ("start_time", "end_time", "alternatives"), ())
    if found is None:
        return None
    starts, ends, alternatives = found
    best = _best(alternatives)
    if (
        best is None
        or not plain_numbers(starts, MAX_SECONDS)
        or not plain_numbers(ends, MAX_SECONDS)
    ):
        return None
    if not plain_numbers([c for c in best.confidences if c is not None], 1.0):
        return None
    entity_channels = [channels[place] for place in places]
    form_channels = [
        channel
        for channel, entry_list in zip(entity_channels, entries, strict=True)
        for _ in entry_list
    ]
    form_token = [
        best.contents,
        starts,
        ends,
        best.confidences,
        _speakers(best.speakers, form_channels),
        [True] * len(flat),
        [None] * len(flat),
    ]
    sizes = list(map(len, entries))
    return [
        _splice(column, places, form_column, sizes)
        for column, form_column in zip(token, form_token, strict=True)
    ]


def _splice(
    column: list[Any], places: list[int], replacements: list[Any], sizes: list[int]
) -> list[Any]:
    """``column`` with the item at each of ``places`` replaced by the next ``sizes`` items of
    ``replacements``."""
    out: list[Any] = []
    previous = 0
    taken = 0
    for place, size in zip(places, sizes, strict=True):
        out += column[previous:place]
        out += replacements[taken : taken + size]
        previous = place + 1
        taken += size
    out += column[previous:]
    return out


def _glue(texts: list[str], contents: list[str], attaches: list[Any], is_word: list[bool]) -> None:
    """Glue each punctuation result onto ``texts`` as the careful path's ``Joiner`` does:
    ``previous`` (the default) to the word before, unless none came yet or a ``next`` one
    waits; ``next`` (and whatever follows it before a word) to the word after, else to the
    last word."""
    prefix = ""
    prefix_word = 0
    prefixes: dict[int, str] = {}
    punctuation = compress(range(len(contents)), map(operator.not_, is_word))
    for earlier, position in enumerate(punctuation):
        words_before = position - earlier  # the results before it, less the punctuation
        if prefix and prefix_word != words_before:
            prefixes[prefix_word] = prefix  # the word it waited for came
            prefix = ""
        if attaches[position] != "next" and words_before and not prefix:
            texts[words_before - 1] += contents[position]
        else:
            if not prefix:
                prefix_word = words_before
            prefix += contents[position]
    if prefix:
        if prefix_word < len(texts):
            prefixes[prefix_word] = prefix
        else:
            texts[-1] += prefix  # no word after: the last word takes it
    for word, text in prefixes.items():
        texts[word] = text + texts[word]


def _texts(values: list[Any]) -> list[Any] | None:
    """The distinct values, when every one is None or a ``Text`` (a string, no lone
    surrogate); else None. Types are checked on the distinct values: no value of another
    type is equal to a string or None, so none hides behind one as a dict key."""
    distinct = distinct_values(values)
    if distinct is None or not set(map(type, distinct)) <= {str, type(None)}:
        return None
    return distinct if utf8([value for value in distinct if value is not None]) else None


def _labels(values: list[Any]) -> list[Any] | None:
    """The distinct values, when every one is None or a ``SpeakerLabel`` (a non-empty
    ``Text``); else None."""
    distinct = _texts(values)
    return None if distinct is None or "" in distinct else distinct
