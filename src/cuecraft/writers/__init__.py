"""Writer registry: one module per output format, registered here.

A new writer is one module ending in ``SPEC = WriterSpec(...)`` plus one entry in ``_SPECS``.
"""

from __future__ import annotations

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

__all__ = ["WRITERS", "WriteContext", "WriterSpec", "get_writer"]

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


def get_writer(name: str) -> WriterSpec:
    """The writer registered under ``name``.

    Raises:
        UnknownFormatError: naming the known writers.
    """
    try:
        return WRITERS[name]
    except KeyError:
        raise UnknownFormatError(name, sorted(WRITERS), what="output format") from None
