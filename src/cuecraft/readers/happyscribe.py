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
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import ConfigDict, Field, TypeAdapter

from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._shapes_cloud import is_happyscribe as sniff
from cuecraft.readers._spec import ReaderSpec, WordDraft, assemble_table, validate
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
                if has_previous and not _is_opening(text) and not (spaced and next_is_word):
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
    if known is None:
        speakers[speaker_id] = Speaker(id=speaker_id, name=name)
    elif known.name != name:
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
