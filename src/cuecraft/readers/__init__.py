"""Reader registry: one module per input format, registered here, and content sniffing.

A new reader is one module ending in ``SPEC = ReaderSpec(...)`` plus one entry in ``_SPECS``.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from cuecraft.errors import FormatDetectionError, InputError, UnknownFormatError
from cuecraft.readers import (
    amberscript,
    ass,
    assemblyai,
    aws_transcribe,
    azure,
    canonical,
    deepgram,
    google,
    happyscribe,
    revai,
    sbv,
    scc,
    scribie,
    speechmatics,
    srt,
    stl,
    ttml,
    vtt,
    whisper,
    whisper_timestamped,
    whisperx,
    words,
)
from cuecraft.readers._spec import RawCue, ReaderSpec, decode_json, decode_text

__all__ = ["ALIASES", "READERS", "RawCue", "ReaderSpec", "decode", "detect", "get_reader"]

_SPECS: tuple[ReaderSpec, ...] = (
    amberscript.SPEC,
    ass.SPEC,
    assemblyai.SPEC,
    aws_transcribe.SPEC,
    azure.SPEC,
    canonical.SPEC,
    deepgram.SPEC,
    google.SPEC,
    happyscribe.SPEC,
    revai.SPEC,
    sbv.SPEC,
    scc.SPEC,
    scribie.SPEC,
    speechmatics.SPEC,
    srt.SPEC,
    stl.SPEC,
    ttml.SPEC,
    vtt.SPEC,
    whisper.SPEC,
    whisper_timestamped.SPEC,
    whisperx.SPEC,
    words.SPEC,
)

READERS: dict[str, ReaderSpec] = {spec.name: spec for spec in sorted(_SPECS, key=lambda s: s.name)}


ALIASES: dict[str, str] = {
    "webvtt": "vtt",
    "subrip": "srt",
    "dfxp": "ttml",
    "ebu-stl": "stl",
    "ebu_stl": "stl",
    "youtube": "sbv",
    "ssa": "ass",  # the ASS reader reads SubStation Alpha v4 scripts too
}
"""Other names of formats (any case): the names other tools use for them."""


def get_reader(name: str) -> ReaderSpec:
    """The reader registered under ``name`` or an alias of it (:data:`ALIASES`), any case.

    Raises:
        UnknownFormatError: naming the known readers.
    """
    key = name.strip().lower() if isinstance(name, str) else name
    key = ALIASES.get(key, key)
    try:
        return READERS[key]
    except KeyError:
        raise UnknownFormatError(name, sorted(READERS), what="input format") from None


def decode(data: bytes | str | Any, kind: str, *, source: str, encoding: str | None = None) -> Any:
    """Decode raw input for a reader of ``kind`` (parsed JSON passes through).

    Args:
        data: bytes, text, or parsed JSON.
        kind: the reader's kind, ``json``, ``text`` or ``binary``.
        source: a label for messages.
        encoding: the text encoding of bytes for a ``text`` or ``json`` reader (a Python codec
            name); None reads byte-order marks, then UTF-8 (text readers fall back as
            :func:`~cuecraft.readers._decoding.decode_text` says). Binary readers (EBU-STL,
            TTML) take the encoding from the file itself, and ignore this.

    Raises:
        InputError: for input of the wrong kind, an unknown encoding, or undecodable bytes.
    """
    if kind == "json":
        if isinstance(data, bytes) and encoding is not None:
            data = decode_text(data, source=source, encoding=encoding)
        return decode_json(data, source=source) if isinstance(data, (bytes, str)) else data
    if kind == "text":
        if not isinstance(data, (bytes, str)):
            raise InputError("expected text input, got parsed JSON", source=source)
        return decode_text(data, source=source, encoding=encoding)
    if isinstance(data, str):
        raise InputError("expected binary input, got text", source=source)
    if not isinstance(data, bytes):
        raise InputError("expected binary input, got parsed JSON", source=source)
    return data


# JSON text starts with an object, or an array whose first value starts like a JSON value.
# "[Script Info]" (ASS/SSA) and "[INFORMATION]" (SubViewer 2) start with a bracket too.
_JSON_START = re.compile(r'[\s\ufeff]*(\{|\[\s*([{\["\-0-9\]]|true|false|null))')


_WIDE_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _looks_like_json(data: bytes | str) -> bool:
    head = data[:1024]
    text = head.decode("utf-8", "replace") if isinstance(head, bytes) else head
    return _JSON_START.match(text) is not None


def detect(
    data: bytes | str | Any, *, source: str, encoding: str | None = None
) -> tuple[ReaderSpec, Any]:
    """Find the one reader that recognises ``data``; return it with the decoded document.

    Args:
        data: bytes, text, or parsed JSON.
        source: a label for messages.
        encoding: the text encoding of the bytes, as for :func:`decode` (binary formats are
            recognised from the bytes first and ignore it).

    Raises:
        FormatDetectionError: when no reader or several readers match (never a guess).
        InputError: when the input is JSON but invalid, or the encoding is unknown or wrong.
    """
    if not isinstance(data, (bytes, str)) or (encoding is None and _looks_like_json(data)):
        kind = "json"
    elif isinstance(data, bytes) and any(
        spec.kind == "binary" and _safe_sniff(spec, data) for spec in READERS.values()
    ):
        kind = "binary"
    else:
        if isinstance(data, bytes) and (encoding is not None or data.startswith(_WIDE_BOMS)):
            # Decode first, so that JSON or a subtitle in UTF-16 is recognised as such.
            data = decode_text(data, source=source, encoding=encoding)
        kind = "json" if _looks_like_json(data) else "text"
    doc = decode(data, kind, source=source)
    matches = [spec for spec in READERS.values() if spec.kind == kind and _safe_sniff(spec, doc)]
    if len(matches) == 1:
        return matches[0], doc
    names = [spec.name for spec in matches]
    if not matches:
        known = ", ".join(sorted(READERS))
        raise FormatDetectionError(
            f"no reader recognises this {kind} input; pass format= one of: {known}",
            source=source,
            candidates=(),
        )
    raise FormatDetectionError(
        f"several readers match ({', '.join(names)}); pass format= to choose",
        source=source,
        candidates=names,
    )


def _safe_sniff(spec: ReaderSpec, doc: Any) -> bool:
    # A sniffer answers a question; it must never turn odd input into a crash.
    try:
        return bool(spec.sniff(doc))
    except Exception:
        return False
