"""cuecraft: word-timed transcripts from any vendor to professional subtitles and documents.

>>> import cuecraft
>>> transcript = cuecraft.load("samples/amberscript/interview.json")    # doctest: +SKIP
>>> cues = cuecraft.segment(transcript, cuecraft.Rules(max_chars_per_row=37))  # doctest: +SKIP
>>> cuecraft.write(cues, "interview.srt")                             # doctest: +SKIP
"""

from cuecraft import readers, writers
from cuecraft.api import convert, load, write
from cuecraft.errors import (
    CuecraftError,
    FidelityError,
    FormatDetectionError,
    InputError,
    OutputError,
    RulesError,
    SchemaError,
    SegmentationError,
    UnencodableError,
    UnknownFormatError,
)
from cuecraft.model import Cue, Diagnostic, Highlight, Line, SourceInfo, Speaker, Transcript, Word
from cuecraft.segment import Rules, segment

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
    "load",
    "readers",
    "segment",
    "write",
    "writers",
]
