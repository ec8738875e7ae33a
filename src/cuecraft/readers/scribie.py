"""Scribie JSON reader: a flat array of words with anonymous speaker turns.

Spec: the Scribie API documentation (seed ``002_*.txt``, "The JSON format is an array of
objects"): each object has ``word``, ``start``, ``end``, ``duration``, ``conf`` and, after the
last word of a speaker turn, ``turn`` (and ``turn_conf``). No real export has been seen
(``docs/vendor-formats.md``, section Scribie).

Mapping:

* ``word`` is the text with whatever punctuation Scribie attached; ``start``/``end`` are
  seconds; ``conf`` is the confidence. ``duration`` is redundant and only type-checked.
* ``turn`` is a presence flag: "there is a speaker turn **after** this word". Its value type is
  undocumented, so the reader tests ``"turn" in word`` and never the value (``"turn": 0`` or
  ``false`` still mark a turn). A ``turn`` on the last word changes nothing.
* The JSON names no speakers, and two anonymous speakers cannot be assumed to alternate
  (a third person may speak, or one may speak twice in a row after a pause). So, without names,
  **each turn is its own speaker**: turn k (from 1) gets id ``turnk`` and name ``"Turn k"``.
  The first word of every turn gets ``paragraph_start``.
* ``speaker_names`` (the names given to Scribie when ordering, as in its API option of the
  same name; a comma-separated string is split like the API does) asserts who speaks: turn k
  (from 0) is spoken by ``speaker_names[k % len(speaker_names)]``, i.e. names are assigned to
  turns in order and cycle. Equal names share one speaker: the distinct names, in order of
  first appearance, get ids ``spk1``, ``spk2``... and all of them are listed, used or not.
  An empty sequence means no names.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from pydantic import ConfigDict, TypeAdapter

from cuecraft.columns import COLUMN_KERNEL, WordTable
from cuecraft.errors import InputError, Problem, SchemaError
from cuecraft.model import Speaker
from cuecraft.readers._shapes_cloud import is_scribie as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    table_from_columns,
    validate,
)
from cuecraft.readers._vendor import Confidence as _Confidence
from cuecraft.readers._vendor import Number as _Number
from cuecraft.readers._vendor import RawModel
from cuecraft.readers._vendor import Seconds as _Seconds
from cuecraft.readers._vendor import Text as _Text

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    word: _Text
    start: _Seconds
    end: _Seconds
    duration: _Number | None = None
    conf: _Confidence | None = None
    turn: Any = None  # presence flag: read with "turn" in model_fields_set
    turn_conf: _Confidence | None = None


_DOCUMENT: TypeAdapter[list[_RawWord]] = TypeAdapter(list[_RawWord])


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _names(speaker_names: Sequence[str] | str | None, source: str) -> list[str]:
    if speaker_names is None:
        return []
    if isinstance(speaker_names, str):
        # Scribie's API option is "Comma separated list. Eg. John Doe, Jane Doe".
        speaker_names = [name for name in speaker_names.split(",") if name.strip()]
    if not isinstance(speaker_names, Sequence):
        raise InputError(
            f"speaker_names must be names in order ('Ann,Bob'), got {speaker_names!r}",
            source=source,
        )
    names = []
    for name in speaker_names:
        if not isinstance(name, str) or not name.strip() or _has_surrogate(name):
            raise InputError(
                f"speaker_names must be non-empty strings, got {name!r}", source=source
            )
        names.append(name.strip())
    return names


def read(
    doc: Any,
    *,
    source: str,
    strict: bool = True,
    speaker_names: Sequence[str] | str | None = None,
) -> WordTable:
    """Read a Scribie ``.json`` transcript.

    Args:
        doc: the parsed JSON array.
        source: a label for messages (file name).
        strict: when False, repairable timing slips become diagnostics instead of errors.
        speaker_names: who speaks each turn, cycling (see the module docstring); None numbers
            the turns ("Turn 1", "Turn 2"...).

    Raises:
        SchemaError: with the JSON pointer of every problem, e.g. ``/12/end``.
        InputError: for an empty transcript, a bad ``speaker_names`` or a timing problem beyond
            the repair tolerance.

    Example:
        >>> doc = [{"word": "Hi.", "start": 0, "end": 0.4, "conf": 0.9, "turn": 1},
        ...        {"word": "Hello.", "start": 0.9, "end": 1.3, "conf": 0.8}]
        >>> t = read(doc, source="<json>", speaker_names=["Ann", "Bob"]).transcript()
        >>> [t.speaker_name(w.speaker) for w in t.words]
        ['Ann', 'Bob']
    """
    if not isinstance(doc, list):
        raise SchemaError(
            [Problem("", f"expected a Scribie JSON array, got {type(doc).__name__}")],
            source=source,
        )
    try:
        names: list[str] | None = _names(speaker_names, source)
    except InputError:
        names = None  # the careful path reports it, after any problem of the document
    fast = _read_columns(doc, source=source, names=names) if names is not None else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict, speaker_names=speaker_names)


def _read_columns(doc: list[Any], *, source: str, names: list[str]) -> WordTable | None:
    """The fast path: a clean transcript read column by column (no model object per word),
    as :mod:`cuecraft.readers.words` does; None for anything else, which
    :func:`read_careful` reads word by word and reports where."""
    columns = COLUMN_KERNEL.dict_columns(doc, _FIELDS[:3], _FIELDS[3:])
    if not doc or columns is None:
        return None
    texts, starts, ends, durations, confidences, turn_confidences = columns
    # Only finite numbers or nothing where the careful path type-checks a number.
    for column, limit in ((durations, None), (turn_confidences, 1.0)):
        given = [value for value in column if value is not None]
        if not set(map(type, given)) <= {int, float} or not all(map(math.isfinite, given)):
            return None
        if limit is not None and given and not 0 <= min(given) <= max(given) <= limit:
            return None
    # Turns: "turn" present after a word (the last aside) starts the next one. Every text is
    # a word here (the column pass refuses blank ones), so each turn starts at a word.
    turn_of: list[int] = []
    paragraphs = [0]
    turn = 0
    last = len(doc) - 1
    for index, item in enumerate(doc):
        turn_of.append(turn)
        if "turn" in item and index < last:
            turn += 1
            paragraphs.append(index + 1)
    if names:
        ids = {name: f"spk{number}" for number, name in enumerate(dict.fromkeys(names), 1)}
        speakers = [Speaker(id=ids[name], name=name) for name in ids]
        labels = [ids[names[k % len(names)]] for k in turn_of]
    else:
        speakers = [Speaker(id=f"turn{k}", name=f"Turn {k}") for k in range(1, turn + 2)]
        labels = [f"turn{k + 1}" for k in turn_of]
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: f"/{index}",
            confidences=confidences,
            speakers=labels,
            paragraph_starts=paragraphs,
        ),
        source=source,
        reader="scribie",
        speakers=speakers,
    )


_FIELDS = ("word", "start", "end", "duration", "conf", "turn_conf")
"""A word's fields as the fast path reads them: the three it needs, then the optional ones."""


def read_careful(
    doc: Any,
    *,
    source: str,
    strict: bool = True,
    speaker_names: Sequence[str] | str | None = None,
) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a transcript the fast path leaves)."""
    raw = validate(_DOCUMENT, doc, source=source)
    names = _names(speaker_names, source)
    ids = {name: f"spk{number}" for number, name in enumerate(dict.fromkeys(names), 1)}
    speakers: list[Speaker] = [Speaker(id=ids[name], name=name) for name in ids]
    drafts: list[WordDraft] = []
    turn = 0
    turn_opened = True  # the next word with text starts a turn
    for index, word in enumerate(raw):
        if names:
            speaker = ids[names[turn % len(names)]]
        else:
            speaker = f"turn{turn + 1}"
            if turn_opened and word.word.strip():
                speakers.append(Speaker(id=speaker, name=f"Turn {turn + 1}"))
        starts = turn_opened and bool(word.word.strip())
        drafts.append(
            WordDraft(
                text=word.word,
                start=word.start,
                end=word.end,
                pointer=f"/{index}",
                confidence=word.conf,
                speaker=speaker,
                paragraph_start=starts,
            )
        )
        if starts:
            turn_opened = False
        # The doc: "The presence of this indicates that there is a speaker turn after this
        # word" -- test presence, never the value.
        if "turn" in word.model_fields_set and index < len(raw) - 1 and not turn_opened:
            turn += 1
            turn_opened = True
    return assemble_table(drafts, source=source, reader="scribie", strict=strict, speakers=speakers)


SPEC = ReaderSpec(
    name="scribie",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Scribie JSON transcript (word array with turn flags)",
    options=("speaker_names",),
    schema=list[_RawWord],
)
