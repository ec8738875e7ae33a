"""Subtitle files read for ``cuecraft check``: cues as the file shows them, unrepaired.

The reader registry decides everything: the format is detected as ``convert`` detects it
(:func:`cuecraft.readers.detect`), and the reader's own cue parser reads the cues
(``ReaderSpec.read_cues``, strict), so ``check`` refuses exactly what ``convert`` refuses
(issue #10). A reader that declares a ``frame_rate`` (EBU-STL) gives the file's frame rate
too. Only when no reader recognises a file does this module look further: at the extension
the readers claim (so that a malformed SRT file is refused with its line, not with "no
reader recognises"), and at what the file plainly is instead (a PDF, a Word document,
plain text without a timing line), to say so. Files are read through
:func:`cuecraft._files.read_path`, the one place that opens input files.
"""

from __future__ import annotations

import os
from pathlib import Path

from cuecraft._files import read_path
from cuecraft.errors import FormatDetectionError, InputError, UnknownFormatError
from cuecraft.readers import READERS, RawCue, ReaderSpec, detect, get_reader

__all__ = ["FORMATS", "RawCue", "read_file", "read_subtitle_cues"]

FORMATS = tuple(name for name, spec in READERS.items() if spec.read_cues is not None)
"""The formats ``check`` reads: every reader that reads cues as written."""


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


def _what_else(data: bytes, suffix: str) -> str | None:
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


def _refuse(what: str, source: str) -> InputError:
    return InputError(
        f"not a subtitle file: {what}; check reads {', '.join(FORMATS)} files", source=source
    )


def _json(source: str) -> InputError:
    return InputError(
        "a JSON transcript, not a subtitle file; convert it first, then check the output",
        source=source,
    )


def _by_extension(name: str) -> ReaderSpec | None:
    """The one cue-reading reader that claims the file's extension, if exactly one does."""
    lowered = name.lower()
    claims = [
        spec
        for spec in READERS.values()
        if spec.read_cues is not None and lowered.endswith(spec.extensions)
    ]
    return claims[0] if len(claims) == 1 else None


def _detected(data: bytes, source: str) -> ReaderSpec:
    """The reader for ``data``: the registry's detection, else the extension (see above)."""
    try:
        spec, _ = detect(data, source=source)
        return spec
    except InputError as exc:  # FormatDetectionError, or JSON that does not parse
        head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
        if head[:1] in (b"{", b"["):
            raise _json(source) from None
        what = _what_else(data[:65536], Path(source).suffix.lower())
        if what is not None:
            raise _refuse(what, source) from None
        claimed = _by_extension(source)
        if claimed is not None:
            return claimed
        if not isinstance(exc, FormatDetectionError) or exc.candidates:
            raise
        if b"-->" not in head:
            # Plain text (a TXT transcript, notes): no timing line anywhere in its start.
            raise _refuse("plain text without cue timings (no '-->' line)", source) from None
        raise FormatDetectionError(
            f"no subtitle reader recognises this file; check reads {', '.join(FORMATS)} "
            "files (name one to read it as that format)",
            source=source,
            candidates=(),
        ) from None


def read_subtitle_cues(
    data: bytes, *, source: str = "<bytes>", format: str | None = None
) -> tuple[str, list[RawCue], float | None]:
    """The file's format, its cues as shown, and its frame rate (when the format has one).

    Raises:
        InputError: for a file that is not a subtitle file, is malformed, or has no cues.
    """
    if format is None:
        spec = _detected(data, source)
    else:
        try:
            spec = get_reader(format)
        except UnknownFormatError:
            spec = None
    if spec is not None and spec.kind == "json":
        raise _json(source)
    if spec is None or spec.read_cues is None:
        name = format if spec is None else spec.name
        raise InputError(
            f"cannot check {name!r} files; use one of {', '.join(FORMATS)}", source=source
        )
    cues = list(spec.read_cues(data, source=source))
    if not cues:
        raise InputError(f"no {spec.name.upper()} cues found", source=source)
    frame_rate = spec.frame_rate(data) if spec.frame_rate is not None else None
    return spec.name, cues, None if frame_rate is None else float(frame_rate)


def read_file(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A subtitle file's bytes, at most ``max_bytes`` read whatever the file claims."""
    return read_path(path, max_bytes, label=str(path))
