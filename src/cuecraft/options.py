r"""Option models for every reader and writer, to pass as ``options=`` instead of a dict.

>>> import cuecraft
>>> from cuecraft.options import SrtOptions
>>> t = cuecraft.Transcript(words=[cuecraft.Word(text="Hi.", start_ms=0, end_ms=900)])
>>> cuecraft.dumps(t, "srt", options=SrtOptions(eol="\r\n")).startswith("1\r\n")
True

A writer registered later (see :mod:`cuecraft.writers`) is listed in :data:`WRITER_OPTIONS`
by name and exported here under its class name as well.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from cuecraft._reader_options import ReaderOptions
from cuecraft.writers import WRITERS
from cuecraft.writers._ttml_options import TtmlOptions
from cuecraft.writers.ass import AssOptions
from cuecraft.writers.canonical import CanonicalOptions
from cuecraft.writers.docx import DocxOptions
from cuecraft.writers.sbv import SbvOptions
from cuecraft.writers.srt import SrtOptions
from cuecraft.writers.stl import StlOptions
from cuecraft.writers.txt import TxtOptions
from cuecraft.writers.vtt import VttOptions

__all__ = [
    "WRITER_OPTIONS",
    "AssOptions",
    "CanonicalOptions",
    "DocxOptions",
    "ReaderOptions",
    "SbvOptions",
    "SrtOptions",
    "StlOptions",
    "TtmlOptions",
    "TxtOptions",
    "VttOptions",
]

WRITER_OPTIONS: dict[str, type[BaseModel]] = {name: spec.options for name, spec in WRITERS.items()}
"""Writer name -> its options model."""


def __getattr__(name: str) -> Any:
    # Writers added after this list was written: their options by class name.
    for model in WRITER_OPTIONS.values():
        if model.__name__ == name:
            return model
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
