"""HappyScribe JSON reader: an array of speaker blocks, each a list of typed tokens.

Spec: HappyScribe's export API (seed ``003_*.txt``, export format ``json``) and three
independent public parsers of the downloaded file (``docs/vendor-formats.md``, section
HappyScribe): ``[{speaker, speaker_number, data_start, data_end, words: [{text, type,
data_start, data_end, confidence}]}]``, times in seconds. Files may start with a UTF-8 BOM
(``decode_json`` drops it). No real export has been seen, and the values of ``type`` are
unknown, so tokens are classified by their text, never by ``type``:

* a whitespace-only (or empty) token is spacing, never a word;
* a punctuation-only token (every character in a Unicode ``P*`` category) is glued to a
  neighbouring word of the same block, and the word keeps its own times: to the previous
  word; to the next word instead when the mark opens (``Ps``/``Pi``
  categories, ``¿``, ``¡``), when spacing separates it from the previous word but not from the
  next one, or when no word precedes it in the block. A mark with no word at all in its block
  is dropped with a ``stray-punctuation`` diagnostic;
* every other token is a word, and needs ``data_start``/``data_end``.

Speakers: the id is ``S{speaker_number}`` (``speaker`` itself when there is no number) and the
name is ``speaker`` (``"Speaker {n}"`` when absent). A number that reappears under another name
keeps its first name, with a ``speaker-renamed`` diagnostic. Each block is a paragraph: its
first word gets ``paragraph_start``.

A clean export is read column by column (``_read_columns``, issue #12): the tokens' fields as
columns, each distinct token text classified once, and only the punctuation tokens placed one
by one, by the rules above. It gives what the token-by-token :func:`read_careful` gives, and
leaves to it anything it would report or repair (a field of the wrong type, a word without
times, a stray mark, a renamed speaker, a timing slip).
"""

from __future__ import annotations

import operator
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass
from itertools import compress, repeat
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter

from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._shapes_cloud import is_happyscribe as sniff
from cuecraft.readers._spec import (
    MAX_SECONDS,
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    distinct_values,
    grouped_columns,
    plain_numbers,
    table_from_columns,
    utf8,
    validate,
)
from cuecraft.readers._vendor import Confidence as _Confidence
from cuecraft.readers._vendor import RawModel
from cuecraft.readers._vendor import Seconds as _Seconds
from cuecraft.readers._vendor import Text as _Text

__all__ = ["SPEC", "read", "sniff"]


_VENDOR = ConfigDict(extra="ignore", frozen=True)  # unknown vendor fields are tolerated

_OPENING = frozenset("¿¡")  # Po in Unicode, but they open a Spanish question or exclamation


class _RawToken(RawModel):
    model_config = _VENDOR

    text: _Text
    type: _Text | None = None
    # Optional here because spacing and punctuation tokens may come without times; a word
    # token without them is reported by read() with the same kind of pointer.
    data_start: _Seconds | None = None
    data_end: _Seconds | None = None
    confidence: _Confidence | None = None


class _RawBlock(RawModel):
    model_config = _VENDOR

    speaker: _Text | None = None
    # Bounded, so that the id "S{number}" stays a short string.
    speaker_number: Annotated[int, Field(strict=True, ge=0, le=1_000_000)] | None = None
    data_start: _Seconds | None = None
    data_end: _Seconds | None = None
    words: list[_RawToken]


_DOCUMENT: TypeAdapter[list[_RawBlock]] = TypeAdapter(list[_RawBlock])


def _is_punctuation(text: str) -> bool:
    return bool(text) and all(unicodedata.category(char).startswith("P") for char in text)


def _is_opening(text: str) -> bool:
    return all(char in _OPENING or unicodedata.category(char) in ("Ps", "Pi") for char in text)


@dataclass
class _Pending:
    """Punctuation waiting for the next word of its block."""

    text: str
    pointer: str


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a HappyScribe JSON export.

    Args:
        doc: the parsed JSON array.
        source: a label for messages (file name).
        strict: when False, repairable timing slips become diagnostics instead of errors.

    Raises:
        SchemaError: with the JSON pointer of every problem, e.g. ``/2/words/7/data_end``.
        InputError: for an empty transcript or a timing problem beyond the repair tolerance.

    Example:
        >>> doc = [{"speaker": "Ana", "speaker_number": 0, "words": [
        ...     {"text": "Hola", "type": "text", "data_start": 0.5, "data_end": 0.9},
        ...     {"text": ",", "type": "punctuation", "data_start": 0.9, "data_end": 0.9},
        ...     {"text": " ", "type": "spacing", "data_start": 0.9, "data_end": 0.9},
        ...     {"text": "Bea", "type": "text", "data_start": 1.0, "data_end": 1.3}]}]
        >>> read(doc, source="<json>").texts  # the words as columns (a WordTable)
        ['Hola,', 'Bea']
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, list) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` token by token: every field validated, every problem located (the fast
    path's reference, and what reads an export the fast path leaves)."""
    if not isinstance(doc, list):
        raise SchemaError(
            [Problem("", f"expected a HappyScribe JSON array, got {type(doc).__name__}")],
            source=source,
        )
    raw = validate(_DOCUMENT, doc, source=source)
    speakers: dict[str, Speaker] = {}
    notes: list[Diagnostic] = []
    problems: list[Problem] = []
    drafts: list[WordDraft] = []
    for b, block in enumerate(raw):
        speaker = _speaker(block, b, speakers, notes, source)
        block_first = len(drafts)
        pending: list[_Pending] = []
        spaced = False  # spacing seen since the last word of this block
        for t, token in enumerate(block.words):
            pointer = f"/{b}/words/{t}"
            text = token.text.strip()
            if not text:
                spaced = True
                continue
            if _is_punctuation(text):
                has_previous = len(drafts) > block_first
                next_is_word = _next_is_attached_word(block.words, t)
                # A mark after one still waiting for the next word waits too: glued back, it
                # would come before the waiting one ("a ( ) ." as "a).(").
                back = not pending and not _is_opening(text) and not (spaced and next_is_word)
                if has_previous and back:
                    # The word keeps its own times: a mark's later end would also hide a word
                    # whose end is before its start.
                    drafts[-1].text += text
                else:
                    pending.append(_Pending(text, pointer))
                spaced = token.text != token.text.rstrip()
                continue
            missing = [key for key in ("data_start", "data_end") if getattr(token, key) is None]
            for key in missing:
                problems.append(Problem(f"{pointer}/{key}", "missing required field"))
            if token.data_start is None or token.data_end is None:
                continue
            drafts.append(
                WordDraft(
                    text="".join(p.text for p in pending) + text,
                    start=token.data_start,
                    end=token.data_end,
                    pointer=pointer,
                    confidence=token.confidence,
                    speaker=speaker,
                    paragraph_start=len(drafts) == block_first,
                )
            )
            pending.clear()
            spaced = token.text != token.text.rstrip()  # "word " carries its own spacing
        if pending:
            if len(drafts) > block_first:
                drafts[-1].text += "".join(p.text for p in pending)
            else:
                notes.extend(
                    Diagnostic(
                        code="stray-punctuation",
                        source=source,
                        pointer=p.pointer,
                        message=f"punctuation {p.text!r} has no word to attach to; dropped",
                    )
                    for p in pending
                )
    if problems:
        raise SchemaError(problems, source=source)
    return assemble_table(
        drafts,
        source=source,
        reader="happyscribe",
        strict=strict,
        speakers=list(speakers.values()),
        diagnostics=notes,
        time_fields=("data_start", "data_end"),
    )


def _next_is_attached_word(tokens: list[_RawToken], index: int) -> bool:
    """Whether the token after ``index`` is a word with no spacing in between."""
    if index + 1 >= len(tokens):
        return False
    text = tokens[index + 1].text
    return bool(text.strip()) and text == text.lstrip() and not _is_punctuation(text.strip())


def _read_columns(doc: list[Any], *, source: str) -> WordTable | None:
    """The fast path: a clean export read column by column, without a model object per
    token (``table_from_columns``); None for anything :func:`read_careful` would report,
    repair or drop, which it then reads token by token and says where."""
    grouped = grouped_columns(
        doc, "words", _TOKEN_FIELDS[:1], _TOKEN_FIELDS[1:], root="", needs_key=True
    )
    if grouped is None:
        return None
    texts, starts, ends, confidences, kinds_given = grouped.columns
    if not texts or set(map(type, texts)) != {str} or not utf8(texts):
        return None
    # Every token's other fields as the careful path's model types them, spacing and marks
    # included (their times and confidences are checked, though never used).
    given = distinct_values(kinds_given)
    if given is None or not set(map(type, given)) <= {str, type(None)}:
        return None
    if not utf8([kind for kind in given if kind is not None]):
        return None
    limits = ((starts, MAX_SECONDS), (ends, MAX_SECONDS), (confidences, 1.0))
    if not all(
        plain_numbers([v for v in column if v is not None], limit) for column, limit in limits
    ):
        return None
    blocks = _valid_blocks(doc, source)
    if blocks is None:
        return None
    notes: list[Diagnostic] = []
    speakers: dict[str, Speaker] = {}
    label_of = [_speaker(block, b, speakers, notes, source) for b, block in enumerate(blocks)]
    if notes:
        return None  # a renamed speaker: the careful path reports it
    # What each token is, decided once per distinct text (a transcript has a few thousand).
    kind_of = {text: _kind(text) for text in dict.fromkeys(texts)}
    kinds = list(map(kind_of.__getitem__, texts))
    is_word = list(map(operator.eq, kinds, repeat(_WORD)))
    words = list(compress(range(len(texts)), is_word))
    glued = _glued(texts, kinds, grouped.group_of, words)
    if glued is None:
        return None  # a mark with no word in its block: dropped with a diagnostic
    word_texts = list(compress(texts, is_word))
    for index, text in glued.items():
        word_texts[index] = text
    block_of = list(compress(grouped.group_of, is_word))
    # Each block is a paragraph: its first word starts one.
    paragraphs = [0] if block_of else []
    paragraphs += compress(range(1, len(block_of)), map(operator.ne, block_of[1:], block_of))
    return table_from_columns(
        RawColumns(
            word_texts,
            list(compress(starts, is_word)),
            list(compress(ends, is_word)),
            pointer=lambda index: grouped.pointer(words[index]),
            confidences=list(compress(confidences, is_word)),
            speakers=list(map(label_of.__getitem__, block_of)),
            paragraph_starts=paragraphs,
        ),
        source=source,
        reader="happyscribe",
        speakers=list(speakers.values()),
    )


_TOKEN_FIELDS = ("text", "data_start", "data_end", "confidence", "type")
"""A token's fields as the fast path reads them: the one every token has, then the others."""

_SPACING, _WORD, _MARK, _OPENING_MARK = range(4)
"""What a token is, by its text, as :func:`read_careful` tells."""


def _kind(text: str) -> int:
    stripped = text.strip()
    if not stripped:
        return _SPACING
    if not _is_punctuation(stripped):
        return _WORD
    return _OPENING_MARK if _is_opening(stripped) else _MARK


def _valid_blocks(doc: list[Any], source: str) -> list[_RawBlock] | None:
    """The blocks' own fields, validated by the careful path's model (their tokens aside);
    None when it would report one, which it does together with any problem of the tokens."""
    try:
        return validate(_DOCUMENT, [{**block, "words": []} for block in doc], source=source)
    except SchemaError:
        return None


def _glued(
    texts: list[str], kinds: list[int], block_of: list[int], words: list[int]
) -> dict[int, str] | None:
    """The text of every word that takes punctuation, by word number, glued as
    :func:`read_careful` glues it; None when a mark has no word in its block.

    ``words`` are the token positions of the words. Only the marks are visited: a mark goes
    back to the block's previous word unless it opens or sits spaced before an attached
    word; else forward to the block's next word, or back at the end of the block when there
    is none (after the marks glued back, as the careful path appends its pending marks last).
    A mark after one that waits for the next word waits too, as in the careful path.
    """
    fronts: dict[int, str] = {}
    backs: dict[int, str] = {}
    ends: dict[int, str] = {}
    count = len(texts)
    waiting = (-1, -1)  # (block, next word) of the last mark that did not go back
    for position in compress(range(count), map(operator.ge, kinds, repeat(_MARK))):
        block = block_of[position]
        after = bisect_left(words, position)  # the first word after the mark
        has_previous = after > 0 and block_of[words[after - 1]] == block
        has_next = after < len(words) and block_of[words[after]] == block
        mark = texts[position].strip()
        before = texts[position - 1] if position and block_of[position - 1] == block else None
        spaced = before is not None and (not before.strip() or before != before.rstrip())
        following = position + 1 < count and block_of[position + 1] == block
        attached = (
            following
            and kinds[position + 1] == _WORD
            and texts[position + 1] == texts[position + 1].lstrip()
        )
        back = kinds[position] == _MARK and not (spaced and attached)
        if has_previous and back and waiting != (block, after):
            backs[after - 1] = backs.get(after - 1, "") + mark
            continue
        waiting = (block, after)
        if has_next:
            fronts[after] = fronts.get(after, "") + mark
        elif has_previous:
            ends[after - 1] = ends.get(after - 1, "") + mark
        else:
            return None
    return {
        word: fronts.get(word, "")
        + texts[words[word]].strip()
        + backs.get(word, "")
        + ends.get(word, "")
        for word in fronts.keys() | backs.keys() | ends.keys()
    }


def _speaker(
    block: _RawBlock,
    index: int,
    speakers: dict[str, Speaker],
    notes: list[Diagnostic],
    source: str,
) -> str | None:
    if block.speaker_number is not None:
        speaker_id = f"S{block.speaker_number}"
        name = block.speaker if block.speaker else f"Speaker {block.speaker_number}"
    elif block.speaker:
        speaker_id = name = block.speaker
    else:
        return None
    known = speakers.get(speaker_id)
    if known is None or (known.name == f"Speaker {block.speaker_number}" and block.speaker):
        # New, or named for the first time after blocks that gave only its number.
        speakers[speaker_id] = Speaker(id=speaker_id, name=name)
    elif block.speaker and known.name != name:  # a block without a name renames nothing
        notes.append(
            Diagnostic(
                code="speaker-renamed",
                source=source,
                pointer=f"/{index}/speaker",
                message=f"speaker {speaker_id} is named {known.name!r} earlier and {name!r} "
                "here; the first name is kept",
            )
        )
    return speaker_id


SPEC = ReaderSpec(
    name="happyscribe",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="HappyScribe JSON export (speaker blocks of typed tokens)",
    schema=list[_RawBlock],
)
