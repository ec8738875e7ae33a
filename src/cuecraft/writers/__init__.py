"""Writer registry: one module per output format, registered here.

A new writer is one module ending in ``SPEC = WriterSpec(...)`` plus one entry in ``_SPECS``.
A subtitle writer also says what its display can show (``display=``, returning a
:class:`~cuecraft.display.Display`); the rules are fitted to it before segmenting.
"""

from __future__ import annotations

from cuecraft.display import Display
from cuecraft.errors import UnknownFormatError
from cuecraft.writers import (
    amberscript,
    ass,
    avid,
    canonical,
    dfxp,
    docx,
    fcpxml,
    happyscribe,
    html,
    maxqda,
    odt,
    pdf,
    premiere,
    sbv,
    scc,
    scribie,
    srt,
    ssa,
    stl,
    ttml,
    txt,
    vtt,
)
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["WRITERS", "Display", "WriteContext", "WriterSpec", "get_writer"]

_SPECS: tuple[WriterSpec, ...] = (
    amberscript.SPEC,
    ass.SPEC,
    avid.SPEC,
    canonical.SPEC,
    dfxp.SPEC,
    dfxp.ADB_SPEC,
    docx.SPEC,
    fcpxml.SPEC,
    happyscribe.SPEC,
    html.SPEC,
    maxqda.SPEC,
    odt.SPEC,
    pdf.SPEC,
    premiere.SPEC,
    sbv.SPEC,
    scc.SPEC,
    scribie.SPEC,
    srt.SPEC,
    ssa.SPEC,
    stl.SPEC,
    ttml.SPEC,
    txt.SPEC,
    vtt.SPEC,
)

WRITERS: dict[str, WriterSpec] = {spec.name: spec for spec in sorted(_SPECS, key=lambda s: s.name)}


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
