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
from cuecraft._validated import SettingsModel
from cuecraft.writers import WRITERS, _ttml_options, ass, canonical, docx, sbv, srt, stl, txt, vtt

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


class _RulesErrors(SettingsModel):
    """Mixin: a bad value is a :class:`~cuecraft.RulesError` naming the option, never
    pydantic's ``ValidationError``. The classes here subclass the writers' own models, so
    their instances are accepted wherever those are."""


class AssOptions(_RulesErrors, ass.AssOptions):
    __doc__ = ass.AssOptions.__doc__


class CanonicalOptions(_RulesErrors, canonical.CanonicalOptions):
    __doc__ = canonical.CanonicalOptions.__doc__


class DocxOptions(_RulesErrors, docx.DocxOptions):
    __doc__ = docx.DocxOptions.__doc__


class SbvOptions(_RulesErrors, sbv.SbvOptions):
    __doc__ = sbv.SbvOptions.__doc__


class SrtOptions(_RulesErrors, srt.SrtOptions):
    __doc__ = srt.SrtOptions.__doc__


class StlOptions(_RulesErrors, stl.StlOptions):
    __doc__ = stl.StlOptions.__doc__


class TtmlOptions(_RulesErrors, _ttml_options.TtmlOptions):
    __doc__ = _ttml_options.TtmlOptions.__doc__


class TxtOptions(_RulesErrors, txt.TxtOptions):
    __doc__ = txt.TxtOptions.__doc__


class VttOptions(_RulesErrors, vtt.VttOptions):
    __doc__ = vtt.VttOptions.__doc__


WRITER_OPTIONS: dict[str, type[BaseModel]] = {name: spec.options for name, spec in WRITERS.items()}
"""Writer name -> its options model (the writer's own class)."""


def __getattr__(name: str) -> Any:
    # Writers added after this list was written: their options by class name.
    for model in WRITER_OPTIONS.values():
        if model.__name__ == name:
            return model
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
