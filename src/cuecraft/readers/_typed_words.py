"""The generic word list decoded straight from its bytes into typed objects (issue #12).

Decoding a large word list to Python dicts costs a dict per word, most of a conversion's
reading time; msgspec decodes the same bytes into small typed structs in under half that time,
checking each field's JSON type as it goes. What it accepts is a document the careful path
reads the same way: an object of ``words`` (and ``language``, ``meta``, ``metadata`` only,
:data:`~cuecraft.readers._shapes_whisper.is_words`), each word an object with a string
``text`` and numeric ``start`` and ``end``, ``speaker`` a string or null, ``confidence`` a
number or null, and neither of canonical JSON's ``start_ms``/``end_ms``. Anything else (a
field of another type, an unknown top-level key, invalid JSON) is None here, and the reader
goes the generic way: decode, sniff, validate with the JSON pointer of every problem.

Standard library and msgspec only: loading tries this before it knows the reader.
"""

# No "from __future__ import annotations": msgspec reads the structs' annotations, which
# name classes local to _build_decoder.
from typing import Any

from cuecraft.readers._jsontext import without_bom

__all__ = ["WordColumns", "decode_words"]

_decoder: Any = None  # msgspec's Decoder for _Document, built on first use


class WordColumns:
    """A clean word list's fields as columns, and its top-level fields as given (absent keys
    left out of ``envelope``)."""

    __slots__ = ("confidences", "ends", "envelope", "speakers", "starts", "texts")

    def __init__(self, document: Any, unset: object) -> None:
        words = document.words
        self.texts: list[Any] = [word.text for word in words]
        self.starts: list[Any] = [word.start for word in words]
        self.ends: list[Any] = [word.end for word in words]
        self.speakers: list[Any] = [word.speaker for word in words]
        confidences = [word.confidence for word in words]
        # None as a whole when no word has one, as the column pass would find it: numbers
        # and None only (the decoder's types), so counting None at C speed is exact.
        self.confidences: list[Any] | None = (
            None if confidences.count(None) == len(confidences) else confidences
        )
        self.envelope: dict[str, Any] = {
            key: value
            for key in ("language", "meta", "metadata")
            if (value := getattr(document, key)) is not unset
        }


def _build_decoder() -> Any:
    import msgspec

    class _Word(msgspec.Struct, gc=False):
        text: str
        start: int | float
        end: int | float
        speaker: str | None = None
        confidence: int | float | None = None
        # Canonical JSON's fields: present, the document is not a word list in seconds.
        start_ms: msgspec.UnsetType = msgspec.UNSET
        end_ms: msgspec.UnsetType = msgspec.UNSET

    class _Document(msgspec.Struct, forbid_unknown_fields=True):
        words: list[_Word]
        language: Any = msgspec.UNSET
        meta: Any = msgspec.UNSET
        metadata: Any = msgspec.UNSET

    return msgspec.json.Decoder(_Document), (msgspec.DecodeError, msgspec.UNSET)


def decode_words(data: bytes | str) -> WordColumns | None:
    """The word list in ``data`` as columns; None when ``data`` is not a clean word list (or
    msgspec is not installed)."""
    global _decoder
    if _decoder is None:
        try:
            _decoder = _build_decoder()
        except ImportError:  # an optional speed-up: the generic path reads everything too
            _decoder = False
    if _decoder is False:
        return None
    decoder, (refused, unset) = _decoder
    try:
        document = decoder.decode(without_bom(data))
    except (refused, ValueError, RecursionError):  # msgspec.ValidationError is a DecodeError
        return None
    if not document.words:
        return None
    return WordColumns(document, unset)
