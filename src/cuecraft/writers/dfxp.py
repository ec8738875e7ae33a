"""DFXP writers: the TTML writer (:mod:`cuecraft.writers.ttml`) under CaptionSync's DFXP names.

CaptionSync (seed 004) lists result files by extension (``"vtt,adb.dfxp,vtt,scc"``). Two
flavours of its TTML family are written here, each its own format so that the extension
picks it (CaptionSync, "Different Flavors of CaptionSync's TTML Output"):

* ``dfxp`` (``.dfxp``, ``.dfxp.xml``): "timed text ... with Begin/End tags, the most commonly
  used DFXP format": TTML1 declaring the DFXP presentation profile, ``begin`` and ``end``
  (``timing="begin-dur"`` writes ``dur`` instead).
* ``adb.dfxp`` (``.adb.dfxp``, ``.adb.xml``): "DFXP timed text for Flash (uses dur syntax),
  also used for Panopto Lecture Capture systems": the same document with ``begin`` and
  ``dur``.

Every TTML option applies (times in frames, offset, speakers as agents, region).
"""

from __future__ import annotations

from typing import Literal

from cuecraft.writers._spec import WriterSpec
from cuecraft.writers._ttml_options import TtmlOptions
from cuecraft.writers.ttml import display, write

__all__ = ["ADB_SPEC", "SPEC", "AdbDfxpOptions", "DfxpOptions"]


class DfxpOptions(TtmlOptions):
    """TTML options, DFXP by default."""

    flavour: Literal["ttml", "dfxp", "adb.dfxp"] = "dfxp"
    """dfxp (TTML1 declaring the DFXP presentation profile), adb.dfxp (the same with begin and
    dur, for Flash players and Panopto) or ttml (no profile)."""


class AdbDfxpOptions(TtmlOptions):
    """TTML options, CaptionSync's adb.dfxp (DFXP with begin and dur) by default."""

    flavour: Literal["ttml", "dfxp", "adb.dfxp"] = "adb.dfxp"
    """adb.dfxp (DFXP with begin and dur, for Flash players and Panopto), dfxp or ttml."""


SPEC = WriterSpec(
    name="dfxp",
    extensions=(".dfxp", ".dfxp.xml"),
    takes="cues",
    binary=True,
    options=DfxpOptions,
    write=write,
    description="DFXP timed text (TTML1, DFXP profile, begin/end; CaptionSync .dfxp)",
    display=display,
)

ADB_SPEC = WriterSpec(
    name="adb.dfxp",
    extensions=(".adb.dfxp", ".adb.xml"),
    takes="cues",
    binary=True,
    options=AdbDfxpOptions,
    write=write,
    description="CaptionSync adb.dfxp: DFXP with begin/dur (Flash players, Panopto)",
    display=display,
)
