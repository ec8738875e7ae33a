"""Google's results as word columns: the fast path of :mod:`cuecraft.readers.google` (issue #12).

The careful path validates every result, alternative and word with pydantic, times being
protobuf ``Duration`` values (``"1.300s"`` strings, or ``{seconds, nanos}`` objects from the
client libraries), and makes a draft per word of each result's first alternative.
:func:`result_words` reads the same words as columns, with the durations converted to the
same floats (``float("1.300")``; ``seconds + nanos / 1e9``), and accepts only what that path
reads as it is: on anything else it returns None and the reader reads the document word by
word, which says what is wrong and where.
"""

from __future__ import annotations

import operator
import re
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Any

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.readers._spec import MAX_SECONDS, distinct_values, plain_numbers, utf8

__all__ = ["ResultWords", "clean_texts", "durations", "result_words", "speaker_labels"]

_OPTIONAL = (
    "startTime",
    "endTime",
    "startOffset",
    "endOffset",
    "confidence",
    "speakerTag",
    "speakerLabel",
)
"""A word's fields beside its ``word``, as the careful path's ``_RawWord`` declares them."""

_NOT_DURATION = str.maketrans("", "", "0123456789.")
"""Deletes the digits and dots of duration strings: an ``s`` and a newline are left of each."""

_DOTS = re.compile(r"\.[0-9]*\.|\.[0-9]{10}")
"""A second dot in a number, or a tenth decimal (the careful path reads nanoseconds)."""

_MAX_SPEAKER = 1_000_000
"""The largest ``speakerTag`` ``SpeakerIndex`` (readers/_vendor.py) accepts."""

_MAX_DIGITS = 18
"""The longest ``seconds`` string read here; a longer one (a huge or zero-padded number) is
the careful path's, whose ``int()`` refuses more than 4,300 digits."""


@dataclass
class ResultWords:
    """The words of the results' first alternatives, flattened: the text column, times in
    seconds as the careful path converts them, confidences as written, speaker ids; the flat
    index of each result's first word (results with words only) and the JSON pointer of each
    word's result."""

    texts: list[Any]
    starts: list[float]
    ends: list[float]
    confidences: list[Any]
    speakers: list[str | None]
    firsts: list[int]
    places: list[str]

    def pointer(self, word: int) -> str:
        """The JSON pointer of a word (only a message needs it)."""
        result = sum(first <= word for first in self.firsts) - 1
        offset = word - self.firsts[result]
        return f"{self.places[result]}/alternatives/0/words/{offset}"


def result_words(results: Any, root: str) -> tuple[list[Any], ResultWords] | None:
    """The results with their first alternative's words taken out (for the careful path's
    validation of the rest) and those words as columns, when every word is one the careful
    path reads as it is: a dict with a ``word``, a start and an end (v1 ``startTime``/
    ``endTime`` or v2 ``startOffset``/``endOffset``) that are valid durations, a valid
    speaker tag or label or none; else None. The texts and confidences are the caller's to
    check."""
    if type(results) is not list:
        return None
    bare: list[Any] = []
    flat: list[Any] = []
    firsts: list[int] = []
    places: list[str] = []
    for index, result in enumerate(results):
        if type(result) is not dict:
            return None
        alternatives = result.get("alternatives", [])
        if type(alternatives) is not list:
            return None
        if not alternatives:
            bare.append(result)
            continue
        best = alternatives[0]
        if type(best) is not dict:
            return None
        words = best.get("words", [])
        if type(words) is not list:
            return None
        if words:
            firsts.append(len(flat))
            places.append(f"{root}/results/{index}")
            flat += words
        bare.append({**result, "alternatives": [{**best, "words": []}, *alternatives[1:]]})
    if not flat:
        return None  # no words: the careful path says so
    columns = COLUMN_KERNEL.dict_columns(flat, ("word",), _OPTIONAL)
    if columns is None:
        return None
    texts, start_times, end_times, start_offsets, end_offsets, confidences, tags, labels = columns
    starts, ends = _times(start_times, start_offsets), _times(end_times, end_offsets)
    speakers = speaker_labels(tags, labels)
    if starts is None or ends is None or speakers is None:
        return None
    found = ResultWords(texts, starts, ends, confidences, speakers, firsts, places)
    return bare, found


def _times(times: list[Any], offsets: list[Any]) -> list[float] | None:
    """A word's v2 offset, else its v1 time, as the careful path takes them; None when one
    is missing or not a valid duration (the careful path validates a time beside an offset
    too, though it reads the offset)."""
    count = len(times)
    if offsets.count(None) == count:
        return durations(times)
    if times.count(None) == count:
        return durations(offsets)
    # Both namings in one response (a hand-made document): a few words, word by word.
    pairs = list(zip(times, offsets, strict=True))
    hidden = [time for time, offset in pairs if time is not None and offset is not None]
    if hidden and durations(hidden) is None:
        return None
    return durations([time if offset is None else offset for time, offset in pairs])


def durations(values: list[Any]) -> list[float] | None:
    """Each value as the careful path's ``Duration`` reads it, in seconds, when every one is
    a duration string or object it accepts; else None (a missing time included)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        return _duration_texts(values)
    if kinds == {dict}:
        return _duration_objects(values)
    if kinds != {str, dict}:
        return None
    # Both spellings in one column (a hand-made document): each converted with its kind.
    is_text = [type(value) is str for value in values]
    texts = _duration_texts(list(compress(values, is_text)))
    objects = _duration_objects(list(compress(values, map(operator.not_, is_text))))
    if texts is None or objects is None:
        return None
    from_texts, from_objects = iter(texts), iter(objects)
    return [next(from_texts) if text else next(from_objects) for text in is_text]


def _duration_texts(values: list[str]) -> list[float] | None:
    """``float("1.300")`` of every ``"1.300s"``, when each is what the careful path's
    ``(\\d+(\\.\\d{1,9})?)s`` matches, with ASCII digits (it reads other Unicode digits
    too; those are left to it). Checked on all of them joined, one line each, by C-level
    string methods: a regular expression over the lines took twice as long as the rest of
    the column pass."""
    count = len(values)
    joined = "\n".join(values) + "\n"
    if joined.count("\n") != count:
        return None  # a newline in a value
    # Each line is digits and dots, then one "s" at its end...
    if joined.translate(_NOT_DURATION) != "s\n" * count or joined.count("s\n") != count:
        return None
    # ...starting with a digit, with at most one dot, followed by one to nine digits.
    lines = "\n" + joined
    if "\n." in lines or "\ns" in lines or ".s" in joined or _DOTS.search(joined):
        return None
    seconds = list(map(float, joined[:-2].split("s\n")))
    # Only digits and a dot: never negative or NaN, but a long one is over the limit or inf.
    return seconds if max(seconds) <= MAX_SECONDS else None


def _duration_objects(values: list[dict[str, Any]]) -> list[float] | None:
    """``seconds + nanos / 1e9`` of every ``{seconds, nanos}`` (a missing member is 0, as
    protobuf omits zero fields), the careful path's float exactly: that sum, rounded to ms
    later, is not always the ms the two members would give apart."""
    found = COLUMN_KERNEL.dict_columns(values, (), ("seconds", "nanos"))
    if found is None:
        return None
    seconds, nanos = found
    count = len(values)
    # No other member and no null one (both refused by the careful path): every member of
    # every object is a seconds or nanos that is not None.
    given = 2 * count - seconds.count(None) - nanos.count(None)
    if sum(map(len, values)) != given:
        return None
    whole = _whole_seconds(seconds)
    if whole is None or not set(map(type, nanos)) <= {int, type(None)}:
        return None  # a bool or a float of nanos is refused
    if nanos.count(None):
        nanos = [0 if value is None else value for value in nanos]
    if min(nanos) < 0 or max(nanos) >= 10**9:
        return None
    total = list(map(operator.add, whole, map(operator.truediv, nanos, repeat(1e9))))
    return total if max(total) <= MAX_SECONDS else None


def _whole_seconds(values: list[Any]) -> list[int] | None:
    """The ``seconds`` members as ints (a string of ASCII digits, an int, or absent: 0), when
    each is one the careful path reads, in ``0..MAX_SECONDS``; else None. Converted once per
    distinct value (a transcript has one per second of audio)."""
    kinds = set(map(type, values))
    if kinds == {str}:
        # The clients' own spelling: every one a string, converted at C speed.
        joined = "".join(values)
        if not (joined.isascii() and joined.isdigit()) or "" in values:
            return None
        if max(map(len, values)) > _MAX_DIGITS:
            return None
        whole = list(map(int, values))
        return whole if max(whole) <= MAX_SECONDS else None
    if not kinds <= {str, int, type(None)}:
        return None  # no bool or float: as dict keys they would pass for an int
    distinct = list(dict.fromkeys(values))
    texts = [value for value in distinct if type(value) is str]
    if texts:
        joined = "".join(texts)
        if not (joined.isascii() and joined.isdigit()) or "" in texts:
            return None
        if max(map(len, texts)) > _MAX_DIGITS:
            return None
    value_of = {value: 0 if value is None else int(value) for value in distinct}
    numbers = value_of.values()
    if min(numbers) < 0 or max(numbers) > MAX_SECONDS:
        return None
    return list(map(value_of.__getitem__, values))


def speaker_labels(tags: list[Any], labels: list[Any]) -> list[str | None] | None:
    """Each word's speaker as the careful path gives it: its ``speakerLabel``, else its
    ``speakerTag`` as a string (0: not diarized, no speaker); None when a tag is not an int
    in range or a label not a non-empty string. Types are checked on the whole columns: as
    dict keys, ``True`` and ``1.0`` would pass for ``1``."""
    if not set(map(type, tags)) <= {int, type(None)}:
        return None
    distinct_tags = list(dict.fromkeys(tags))
    numbers = [tag for tag in distinct_tags if tag is not None]
    if numbers and not plain_numbers(numbers, _MAX_SPEAKER):
        return None
    by_tag = {tag: str(tag) if tag else None for tag in distinct_tags}
    from_tags: list[str | None] = list(map(by_tag.__getitem__, tags))
    count = len(labels)
    if labels.count(None) == count:
        return from_tags
    distinct = distinct_values(labels)
    if distinct is None or not set(map(type, distinct)) <= {str, type(None)} or "" in distinct:
        return None
    if not utf8([label for label in distinct if label is not None]):
        return None
    if tags.count(None) == count:
        return labels
    return [tag if label is None else label for label, tag in zip(labels, from_tags, strict=True)]


def clean_texts(texts: list[Any], confidences: list[Any]) -> bool:
    """Whether the careful path would validate these words' texts (strings, no lone
    surrogate; blank ones too) and confidences (plain numbers in 0..1, or none) without a
    problem: for the words a diarized response repeats, which it reads no further."""
    if set(map(type, texts)) != {str} or not utf8(texts):
        return False
    return plain_numbers([c for c in confidences if c is not None], 1.0)
