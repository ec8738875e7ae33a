"""Subtitle files read for ``cuecraft check``: cues as the file shows them, unrepaired.

Each format is read by its own reader's cue parser, so ``check`` validates exactly as
``convert`` does (issue #10: a file ``convert`` refuses is refused here too): SRT and WebVTT
through :func:`cuecraft.readers.srt.read_cues` / :func:`~cuecraft.readers.vtt.read_cues`
(encodings, line endings, malformed timing lines as the reader sees them), SBV and TTML/DFXP
through their cue parsers, EBU-STL through the STL parser in strict mode (its frame rate comes
along), and ASS/SSA through the ASS reader's events (override blocks removed, ``\\N`` rows).
Files are read through :func:`cuecraft._files.read_path`, which reads at most the byte limit
whatever the file claims.
"""

from __future__ import annotations

import os
from pathlib import Path

from cuecraft._files import read_path
from cuecraft.errors import InputError
from cuecraft.readers import ass, sbv, srt, stl, ttml, vtt
from cuecraft.readers._decoding import decode_text

__all__ = ["FORMATS", "RawCue", "read_file", "read_subtitle_cues", "sniff_format"]

RawCue = tuple[int, int, tuple[str, ...]]
"""A cue as shown: start ms, end ms, rows."""

FORMATS = ("srt", "vtt", "stl", "ttml", "sbv", "ass")
"""The formats ``check`` reads."""


# Files people pass to ``check`` that are no subtitle file: leading bytes -> what they are.
_NOT_SUBTITLES = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"{\\rtf", "an RTF document"),
    (b"ID3", "an MP3 audio file"),
    (b"RIFF", "a RIFF (WAV/AVI) media file"),
    (b"OggS", "an Ogg media file"),
    (b"\x1aE\xdf\xa3", "a Matroska/WebM video"),
)


def _not_subtitles(data: bytes, suffix: str) -> str | None:
    """What a file is when it is plainly no subtitle file (None when it may be one)."""
    if data.startswith(b"PK\x03\x04"):
        if b"word/" in data[:65536] or suffix == ".docx":
            return "a Word document (DOCX)"
        if suffix == ".odt" or b"opendocument.text" in data[:4096]:
            return "an OpenDocument text (ODT)"
        return "a ZIP archive"
    for magic, what in _NOT_SUBTITLES:
        if data.startswith(magic):
            return what
    if data[4:8] == b"ftyp":
        return "an MP4/MOV media file"
    return None


def sniff_format(data: bytes, name: str) -> str:
    """The subtitle format of ``data`` (``json`` for a transcript), from content, else name.

    ``not:<what>`` for a file that is plainly no subtitle file (a DOCX, a PDF, plain text
    without a single cue timing line).
    """
    if len(data) >= 11 and data[3:6] == b"STL":  # EBU 3264 GSI: "STL25.01" at bytes 3..10
        return "stl"
    if ttml.sniff(data):
        return "ttml"
    suffix = Path(name).suffix.lower()
    what = _not_subtitles(data[:65536], suffix)
    if what is not None:
        return f"not:{what}"
    text = decode_text(data[:4096], source=name)
    head = text.lstrip("\ufeff \t\r\n")
    if head.startswith("WEBVTT"):
        return "vtt"
    if ass.sniff(text):
        return "ass"
    if suffix == ".sbv" or sbv.sniff(text):
        return "sbv"  # before JSON: a SubViewer 2 header starts with "[INFORMATION]"
    if head[:1] in ("{", "["):
        return "json"
    if suffix in (".vtt", ".stl", ".ass", ".ssa"):
        return "ass" if suffix == ".ssa" else suffix[1:]
    if "-->" not in text and suffix != ".srt":
        # Plain text (a TXT transcript, notes): no timing line anywhere in its start.
        return "not:plain text without cue timings (no '-->' line)"
    return "srt"


def read_subtitle_cues(
    data: bytes, *, source: str = "<bytes>", format: str | None = None
) -> tuple[str, list[RawCue], float | None]:
    """The file's format, its cues as shown, and its frame rate (EBU-STL only).

    Raises:
        InputError: for a file that is not a subtitle file, is malformed, or has no cues.
    """
    kind = format or sniff_format(data, source)
    if kind.startswith("not:"):
        raise InputError(
            f"not a subtitle file: {kind[4:]}; check reads {', '.join(FORMATS)} files",
            source=source,
        )
    if kind == "json":
        raise InputError(
            "a JSON transcript, not a subtitle file; convert it first, then check the output",
            source=source,
        )
    if kind == "ssa":
        kind = "ass"
    if kind not in FORMATS:
        raise InputError(
            f"cannot check {kind!r} files; use one of {', '.join(FORMATS)}", source=source
        )
    frame_rate: float | None = None
    cues: list[RawCue]
    if kind == "stl":
        document = stl.parse(data, source=source, strict=True)
        cues = [
            (cue.start_ms, cue.end_ms, tuple(line.text for line in cue.lines))
            for cue in document.cues
        ]
        frame_rate = float(document.frame_rate)
    elif kind == "ttml":
        cues = ttml.read_cues(data, source=source)
    elif kind == "sbv":
        cues = sbv.read_cues(data, source=source)
    elif kind == "ass":
        cues = ass.read_cues(data, source=source)
    else:
        cues = (srt if kind == "srt" else vtt).read_cues(data, source=source)
    if not cues:
        raise InputError(f"no {kind.upper()} cues found", source=source)
    return kind, cues, frame_rate


def read_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A subtitle file's bytes, at most ``max_bytes`` read whatever the file claims."""
    return read_path(path, max_bytes, label=str(path))
