"""Writer registry: one module per output format, registered here.

A new writer is one module ending in ``SPEC = WriterSpec(...)`` plus one entry in ``_INFOS``
with the facts listing and lookup need (name, extensions, what it takes, binary or text,
description), so that the module is imported only when its format is written (issue #12:
lean start-up; ``tests/writers/test_registry.py`` checks each entry against its spec).
A subtitle writer also says what its display can show (``display=``, returning a
:class:`~cuecraft.display.Display`); the rules are fitted to it before segmenting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal, NamedTuple

from cuecraft._registry import LazyRegistry
from cuecraft.display import Display
from cuecraft.errors import UnknownFormatError

if TYPE_CHECKING:
    from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["WRITERS", "Display", "WriteContext", "WriterInfo", "WriterSpec", "get_writer"]


class WriterInfo(NamedTuple):
    """What the registry knows of a writer without importing it: the fields of its
    :class:`~cuecraft.writers._spec.WriterSpec` that listing and lookup need, and
    ``location``, the ``module:attribute`` of the spec itself."""

    name: str
    extensions: tuple[str, ...]
    takes: Literal["cues", "transcript"]
    binary: bool
    description: str
    location: str = ""


def _writer(
    name: str,
    extensions: tuple[str, ...],
    takes: Literal["cues", "transcript"],
    binary: bool,
    description: str,
    location: str = "",
) -> WriterInfo:
    location = location or f"{name}:SPEC"
    return WriterInfo(name, extensions, takes, binary, description, f"{__name__}.{location}")


def _describe(spec: WriterSpec) -> WriterInfo:
    return WriterInfo(spec.name, spec.extensions, spec.takes, spec.binary, spec.description)


_CUES: Final = "cues"
_TRANSCRIPT: Final = "transcript"
_INFOS: tuple[WriterInfo, ...] = (
    _writer(
        "adb.dfxp",
        (".adb.dfxp", ".adb.xml"),
        _CUES,
        True,
        "CaptionSync adb.dfxp: DFXP with begin/dur (Flash players, Panopto)",
        "dfxp:ADB_SPEC",
    ),
    _writer(
        "amberscript",
        (".amberscript.json",),
        _TRANSCRIPT,
        False,
        "Amberscript export-json (speakers, segments, words, highlights)",
    ),
    _writer(
        "ass",
        (".ass",),
        _CUES,
        False,
        "Advanced SubStation Alpha (Aegisub; one Default style, actor names)",
    ),
    _writer(
        "avid",
        (".avid.txt",),
        _CUES,
        False,
        "Avid Media Composer marker list (Import Markers .txt)",
    ),
    _writer(
        "canonical",
        (".cuecraft.json",),
        _TRANSCRIPT,
        False,
        "cuecraft canonical transcript JSON (lossless, with a JSON Schema)",
    ),
    _writer(
        "dfxp",
        (".dfxp", ".dfxp.xml"),
        _CUES,
        True,
        "DFXP timed text (TTML1, DFXP profile, begin/end; CaptionSync .dfxp)",
    ),
    _writer(
        "docx",
        (".docx",),
        _TRANSCRIPT,
        True,
        "Word transcript: a paragraph per speaker turn, or a timecode | speaker | text table",
    ),
    _writer(
        "fcpxml",
        (".fcpxml",),
        _CUES,
        False,
        "Final Cut Pro project (FCPXML 1.9; captions or titles)",
    ),
    _writer(
        "happyscribe",
        (".happyscribe.json",),
        _TRANSCRIPT,
        False,
        "HappyScribe JSON export (speaker blocks of words)",
    ),
    _writer(
        "html",
        (".html", ".htm"),
        _TRANSCRIPT,
        False,
        "Interactive HTML transcript: one self-contained page, every word timed; with --media "
        "it follows and seeks the player",
    ),
    _writer(
        "maxqda",
        (".maxqda.txt",),
        _TRANSCRIPT,
        False,
        "MAXQDA transcript with time stamps (.txt)",
    ),
    _writer(
        "odt",
        (".odt",),
        _TRANSCRIPT,
        True,
        "OpenDocument transcript: the DOCX paragraphs or timecode | speaker | text table",
    ),
    _writer(
        "pdf",
        (".pdf",),
        _TRANSCRIPT,
        True,
        "PDF transcript: the DOCX content and layouts, page numbers, an embedded Unicode font",
    ),
    _writer(
        "premiere",
        (".premiere.xml",),
        _CUES,
        False,
        "Adobe Premiere Pro sequence (FCP 7 XML / xmeml; markers or titles)",
    ),
    _writer(
        "sbv", (".sbv",), _CUES, False, "SubViewer subtitles (YouTube and Scribie .sbv layout)"
    ),
    _writer(
        "scc",
        (".scc",),
        _CUES,
        False,
        "Scenarist SCC broadcast captions (CEA-608, pop-on or roll-up, 29.97 fps DF)",
    ),
    _writer(
        "scribie",
        (".scribie.json",),
        _TRANSCRIPT,
        False,
        "Scribie JSON transcript (words with speaker turns)",
    ),
    _writer("srt", (".srt",), _CUES, False, "SubRip subtitles (Amberscript export-srt layout)"),
    _writer(
        "ssa",
        (".ssa",),
        _CUES,
        False,
        "SubStation Alpha v4 (the ASS writer's mapping, in the older SSA layout)",
    ),
    _writer(
        "stl",
        (".stl",),
        _CUES,
        True,
        "EBU-STL (EBU Tech 3264) binary subtitles, teletext or open",
    ),
    _writer(
        "ttml",
        (".ttml",),
        _CUES,
        True,
        "TTML1 / DFXP timed text (clock, offset or frame times; speakers as agents)",
    ),
    _writer(
        "txt",
        (".txt",),
        _TRANSCRIPT,
        False,
        "plain-text transcript, one paragraph per speaker turn (Amberscript, Scribie and "
        "HappyScribe layouts)",
    ),
    _writer(
        "vtt",
        (".vtt",),
        _CUES,
        False,
        "WebVTT subtitles (Amberscript export-vtt layout, optional voice spans)",
    ),
)

WRITERS: LazyRegistry[WriterInfo, WriterSpec] = LazyRegistry(
    sorted(_INFOS, key=lambda info: info.name), _describe
)
"""Writer name -> :class:`~cuecraft.writers._spec.WriterSpec` (imported on first lookup);
``WRITERS.info(name)`` and ``WRITERS.infos()`` answer without importing."""


ALIASES: dict[str, str] = {
    "webvtt": "vtt",
    "subrip": "srt",
    "ebu-stl": "stl",
    "ebu_stl": "stl",
    "youtube": "sbv",
}
"""Other names of formats (any case): the names other tools use for them."""


def get_writer(name: str) -> WriterSpec:
    """The writer registered under ``name`` or an alias of it (:data:`ALIASES`), any case.

    Raises:
        UnknownFormatError: naming the known writers.
    """
    key = name.strip().lower() if isinstance(name, str) else name
    key = ALIASES.get(key, key)
    try:
        return WRITERS[key]
    except KeyError:
        raise UnknownFormatError(name, sorted(WRITERS), what="output format") from None


def _attribute(name: str) -> object:
    # The spec classes import pydantic and the model: only when asked for by name.
    if name in ("WriteContext", "WriterSpec"):
        from cuecraft.writers import _spec

        return getattr(_spec, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


if not TYPE_CHECKING:  # for mypy, an unknown name stays an error rather than an object
    __getattr__ = _attribute
