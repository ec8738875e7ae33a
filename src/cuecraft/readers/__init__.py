"""Reader registry: one module per input format, registered here, and content sniffing.

A new reader is one module ending in ``SPEC = ReaderSpec(...)`` plus one entry in ``_INFOS``
with the facts listing and lookup need (name, kind, extensions, description, options), so
that the module is imported only when its format is read or sniffed (issue #12: lean
start-up; ``tests/readers/test_registry.py`` checks each entry against its spec).
"""

from __future__ import annotations

import codecs
import functools
import importlib
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from cuecraft._registry import LazyRegistry
from cuecraft.errors import FormatDetectionError, InputError, UnknownFormatError

if TYPE_CHECKING:
    from cuecraft.columns import WordTable
    from cuecraft.readers._spec import RawCue, ReaderSpec

__all__ = [
    "ALIASES",
    "READERS",
    "RawCue",
    "ReaderInfo",
    "ReaderSpec",
    "decode",
    "detect",
    "get_reader",
    "read_typed",
]


class ReaderInfo(NamedTuple):
    """What the registry knows of a reader without importing it: the fields of its
    :class:`~cuecraft.readers._spec.ReaderSpec` that listing, lookup and sniffing by kind
    need, and ``location``, the ``module:attribute`` of the spec itself."""

    name: str
    kind: Literal["json", "text", "binary"]
    extensions: tuple[str, ...]
    description: str
    options: tuple[str, ...] = ()
    location: str = ""
    sniffer: str = ""
    """``module:function`` of a sniffer that answers as the spec's ``sniff`` does without
    importing the reader; empty where only the spec has one (the readers of text and binary
    formats, and any spec put into the registry at run time)."""
    typed: bool = False
    """Its spec reads large clean documents straight from the bytes (``read_bytes``), and
    what that accepts only this reader claims: loading tries it before detecting."""


_WHISPER_SHAPES = frozenset({"canonical", "whisper", "whisper_timestamped", "whisperx", "words"})
"""JSON readers whose sniffers are in ``_shapes_whisper``; the others' are in ``_shapes_cloud``."""


def _reader(
    name: str,
    kind: Literal["json", "text", "binary"],
    extensions: tuple[str, ...],
    description: str,
    options: tuple[str, ...] = (),
    *,
    typed: bool = False,
) -> ReaderInfo:
    # Every JSON sniffer is in one of the two light shape modules, named is_<reader>.
    shapes = "_shapes_whisper" if name in _WHISPER_SHAPES else "_shapes_cloud"
    sniffer = f"{__name__}.{shapes}:is_{name}" if kind == "json" else ""
    return ReaderInfo(
        name, kind, extensions, description, options, f"{__name__}.{name}:SPEC", sniffer, typed
    )


def _describe(spec: ReaderSpec) -> ReaderInfo:
    return ReaderInfo(spec.name, spec.kind, spec.extensions, spec.description, spec.options)


_INFOS: tuple[ReaderInfo, ...] = (
    _reader(
        "amberscript",
        "json",
        (".json",),
        "Amberscript export-json (and the deprecated export?format=json)",
        ("language",),
    ),
    _reader(
        "ass",
        "text",
        (".ass", ".ssa"),
        "Advanced SubStation Alpha and SSA scripts (Aegisub; word times approximated)",
        ("speaker_labels",),
    ),
    _reader("assemblyai", "json", (".json",), "AssemblyAI transcript (GET /v2/transcript/{id})"),
    _reader("aws_transcribe", "json", (".json",), "AWS Transcribe job output (asrOutput.json)"),
    _reader(
        "azure",
        "json",
        (".json",),
        "Azure AI Speech: batch transcription, fast transcription or Speech SDK results",
    ),
    _reader(
        "canonical", "json", (".cuecraft.json",), "cuecraft canonical transcript JSON (lossless)"
    ),
    _reader(
        "deepgram",
        "json",
        (".json",),
        "Deepgram /v1/listen response (pre-recorded, or streaming Results messages)",
    ),
    _reader(
        "google",
        "json",
        (".json",),
        "Google Cloud Speech-to-Text response (v1/v2, REST or client JSON)",
    ),
    _reader(
        "happyscribe",
        "json",
        (".json",),
        "HappyScribe JSON export (speaker blocks of typed tokens)",
    ),
    _reader("revai", "json", (".json",), "Rev.ai transcript JSON (monologues and elements)"),
    _reader(
        "sbv",
        "text",
        (".sbv",),
        "SubViewer/YouTube SBV subtitles (word times approximated inside each cue)",
        ("speaker_labels",),
    ),
    _reader(
        "scc",
        "text",
        (".scc",),
        "Scenarist SCC broadcast captions (CEA-608 pop-on, roll-up, paint-on)",
        ("speaker_labels",),
    ),
    _reader(
        "scribie",
        "json",
        (".json",),
        "Scribie JSON transcript (word array with turn flags)",
        ("speaker_names",),
    ),
    _reader("speechmatics", "json", (".json",), "Speechmatics batch transcript (json-v2)"),
    _reader(
        "srt",
        "text",
        (".srt",),
        "SubRip subtitles (word times approximated inside each cue)",
        ("speaker_labels",),
    ),
    _reader(
        "stl",
        "binary",
        (".stl",),
        "EBU-STL (EBU Tech 3264) binary subtitles; word times interpolated per cue",
        ("time_origin",),
    ),
    _reader(
        "ttml",
        "binary",
        (".ttml", ".dfxp", ".xml"),
        "TTML, DFXP, EBU-TT-D and IMSC1 subtitles (word times approximated in each cue)",
    ),
    _reader(
        "vtt",
        "text",
        (".vtt",),
        "WebVTT subtitles (word times approximated inside each cue)",
        ("speaker_labels",),
    ),
    _reader(
        "whisper",
        "json",
        (".json",),
        "OpenAI Whisper JSON (local, faster-whisper dump, API verbose_json with words)",
    ),
    _reader(
        "whisper_timestamped",
        "json",
        (".json",),
        "whisper-timestamped (linto-ai) JSON with word confidences",
    ),
    _reader(
        "whisperx",
        "json",
        (".json",),
        "WhisperX JSON (aligned words with scores, diarized speakers)",
    ),
    _reader(
        "words",
        "json",
        (".words.json", ".json"),
        "generic word list JSON: {words: [{text, start, end, speaker?, confidence?}]}",
        ("language",),
        typed=True,
    ),
)

READERS: LazyRegistry[ReaderInfo, ReaderSpec] = LazyRegistry(
    sorted(_INFOS, key=lambda info: info.name), _describe
)
"""Reader name -> :class:`~cuecraft.readers._spec.ReaderSpec` (imported on first lookup);
``READERS.info(name)`` and ``READERS.infos()`` answer without importing."""


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
    from cuecraft.readers._spec import decode_json, decode_text

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


def read_typed(
    data: bytes | str | Any,
    format: str | None,
    *,
    source: str,
    options: dict[str, Any],
) -> tuple[ReaderSpec, WordTable] | None:
    """Large JSON input read straight from its bytes, without a dict per word, by the reader
    it is for: ``format``'s, or with None the ``typed`` reader whose ``read_bytes`` accepts
    it (a document it accepts is one no other reader claims). None when no typed reader
    reads it cleanly: then :func:`detect` (or :func:`decode`) and the reader's ``read`` go
    on as always, and say what is wrong.

    ``options`` are the reader's own (the caller has checked them); smaller input is decoded
    the generic way (msgspec would not pay for its import).
    """
    from cuecraft.readers._jsontext import fast_worthwhile

    if not isinstance(data, (bytes, str)) or not fast_worthwhile(data):
        return None
    if format is None:
        names = [info.name for info in READERS.infos() if info.typed]
    else:
        names = [get_reader(format).name]
    for name in names:
        spec = READERS[name]
        if spec.read_bytes is None:
            continue
        own = {key: value for key, value in options.items() if key in spec.options}
        table = spec.read_bytes(data, source=source, **own)
        if table is not None:
            return spec, table
    return None


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
    elif isinstance(data, bytes) and _claimants("binary", data):
        kind = "binary"
    else:
        if isinstance(data, bytes) and (encoding is not None or data.startswith(_WIDE_BOMS)):
            from cuecraft.readers._spec import decode_text

            # Decode first, so that JSON or a subtitle in UTF-16 is recognised as such.
            data = decode_text(data, source=source, encoding=encoding)
        kind = "json" if _looks_like_json(data) else "text"
    doc = decode(data, kind, source=source)
    names = _claimants(kind, doc)
    if len(names) == 1:
        return READERS[names[0]], doc
    if not names:
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


def _claimants(kind: str, doc: Any) -> list[str]:
    """The names of the readers of ``kind`` whose sniffers recognise ``doc``."""
    return [info.name for info in READERS.infos() if info.kind == kind and _safe_sniff(info, doc)]


def _safe_sniff(info: ReaderInfo, doc: Any) -> bool:
    # A light sniffer where the registry names one: a JSON input then imports only the reader
    # that matched, not the pydantic models of all fifteen (only readers of the input's kind
    # are ever imported: a JSON input never loads the XML ones).
    sniff = _light_sniffer(info.sniffer) if info.sniffer else READERS[info.name].sniff
    # A sniffer answers a question; it must never turn odd input into a crash.
    try:
        return bool(sniff(doc))
    except Exception:
        return False


@functools.cache
def _light_sniffer(location: str) -> Callable[[Any], bool]:
    module, _, function = location.partition(":")
    sniff: Callable[[Any], bool] = getattr(importlib.import_module(module), function)
    return sniff


def _attribute(name: str) -> object:
    # The spec classes import pydantic and the model: only when asked for by name.
    if name in ("RawCue", "ReaderSpec"):
        from cuecraft.readers import _spec

        return getattr(_spec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if not TYPE_CHECKING:  # for mypy, an unknown name stays an error rather than an object
    __getattr__ = _attribute
