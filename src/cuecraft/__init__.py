"""cuecraft: word-timed transcripts from any vendor to professional subtitles and documents.

>>> import cuecraft
>>> transcript = cuecraft.loads('{"words": [{"text": "Hello", "start": 0.0, "end": 0.5}, '
...                             '{"text": "world.", "start": 0.6, "end": 1.2}]}')
>>> cues = cuecraft.segment(transcript, cuecraft.Rules(max_chars_per_row=37))
>>> print(cuecraft.dumps(cues, "vtt"), end="")
WEBVTT
<BLANKLINE>
1
00:00:00.000 --> 00:00:01.200
Hello world.

Files: ``cuecraft.load(path)``, ``cuecraft.write(obj, path)``; a large file's words as
columns, without an object per word: ``cuecraft.load_words(path)`` (a :class:`WordTable`,
which ``write`` and ``dumps`` take too); pysubs2: ``load(ssafile)``
and :func:`to_pysubs2`; option models: :mod:`cuecraft.options`.
"""

# The public names load on first use (PEP 562), so that ``import cuecraft`` and
# ``cuecraft --version`` import no reader, writer, pydantic model or third-party package
# (issue #12: start-up was 0.45 s). Type checkers and documentation tools read the imports
# under TYPE_CHECKING, which name the same objects.

import importlib
import sys
import types
import typing

# The exceptions are plain classes over the standard library: loaded at once, so that
# ``except cuecraft.InputError`` costs nothing to name.
from cuecraft.errors import (
    CuecraftError,
    FidelityError,
    FormatDetectionError,
    InputError,
    ModelError,
    OutputError,
    RulesError,
    SchemaError,
    SegmentationError,
    UnencodableError,
    UnknownFormatError,
)

if typing.TYPE_CHECKING:
    from cuecraft import options, readers, writers
    from cuecraft._interop import to_pysubs2
    from cuecraft.api import convert, dumps, load, load_words, loads, segment, write
    from cuecraft.columns import WordTable
    from cuecraft.model import (
        Cue,
        Diagnostic,
        Highlight,
        Line,
        SourceInfo,
        Speaker,
        Transcript,
        Word,
    )
    from cuecraft.segment import Rules

__version__ = "0.1.0"

__all__ = [
    "Cue",
    "CuecraftError",
    "Diagnostic",
    "FidelityError",
    "FormatDetectionError",
    "Highlight",
    "InputError",
    "Line",
    "ModelError",
    "OutputError",
    "Rules",
    "RulesError",
    "SchemaError",
    "SegmentationError",
    "SourceInfo",
    "Speaker",
    "Transcript",
    "UnencodableError",
    "UnknownFormatError",
    "Word",
    "WordTable",
    "__version__",
    "convert",
    "dumps",
    "load",
    "load_words",
    "loads",
    "options",
    "readers",
    "segment",
    "to_pysubs2",
    "write",
    "writers",
]

# Public name -> the module that defines it ("" for the submodule of that name).
_SOURCES: dict[str, str] = {
    **dict.fromkeys(("options", "readers", "writers"), ""),
    "to_pysubs2": "cuecraft._interop",
    **dict.fromkeys(
        ("convert", "dumps", "load", "load_words", "loads", "segment", "write"), "cuecraft.api"
    ),
    "WordTable": "cuecraft.columns",
    **dict.fromkeys(
        ("Cue", "Diagnostic", "Highlight", "Line", "SourceInfo", "Speaker", "Transcript", "Word"),
        "cuecraft.model",
    ),
    "Rules": "cuecraft.segment",
}


def _resolve(name: str) -> object:
    """Import the object behind a public name and keep it, so the next access is plain."""
    source = _SOURCES.get(name)
    if source is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    if source:
        value = getattr(importlib.import_module(source), name)
    else:
        value = importlib.import_module(f"{__name__}.{name}")
    globals()[name] = value
    return value


def _names() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(types.ModuleType):
    """The package object: ``cuecraft.segment`` stays the function, never the subpackage.

    Importing a submodule binds it as an attribute of its package. The eager package bound
    the function ``segment`` after its imports, so it always won; lazily, the first
    ``import cuecraft.segment`` (by cuecraft.api, or by a user) would replace the function.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name == "segment" and isinstance(value, types.ModuleType):
            return  # the subpackage stays reachable as sys.modules["cuecraft.segment"]
        super().__setattr__(name, value)


if not typing.TYPE_CHECKING:  # mypy would type every unknown attribute as __getattr__'s result
    __getattr__ = _resolve
    __dir__ = _names

sys.modules[__name__].__class__ = _Package
