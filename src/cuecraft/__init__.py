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

Files: ``cuecraft.load(path)``, ``cuecraft.write(obj, path)``; pysubs2: ``load(ssafile)``
and :func:`to_pysubs2`; option models: :mod:`cuecraft.options`.
"""

from cuecraft import options, readers, writers
from cuecraft._interop import to_pysubs2
from cuecraft.api import convert, dumps, load, loads, segment, write
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
from cuecraft.model import Cue, Diagnostic, Highlight, Line, SourceInfo, Speaker, Transcript, Word
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
    "__version__",
    "convert",
    "dumps",
    "load",
    "loads",
    "options",
    "readers",
    "segment",
    "to_pysubs2",
    "write",
    "writers",
]
