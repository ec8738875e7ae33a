"""WebVTT reader: existing subtitles back to a word-timed transcript.

Cues come from a linear block parser (:mod:`cuecraft.readers._cue_blocks`); word times are
an approximation spread over each cue by character length; overlapping cues are merged;
speakers come from ``<v Name>`` voice spans and ``Name:`` labels decided per file (reader
option ``speaker_labels``).
See :mod:`cuecraft.readers._srt_vtt` and :mod:`cuecraft.readers._subtitles` for the rules.
"""

from __future__ import annotations

from typing import Any

from cuecraft.model import Transcript
from cuecraft.readers._spec import ReaderSpec
from cuecraft.readers._srt_vtt import read_cues as _read_cues
from cuecraft.readers._srt_vtt import read_subtitles

__all__ = ["SPEC", "read", "read_cues", "sniff"]


def sniff(text: Any) -> bool:
    """Text whose first line starts with ``WEBVTT`` (WebVTT section 4.1: the file signature).

    This is also what keeps SRT out: an SRT file never starts with that word.
    """
    return isinstance(text, str) and text.lstrip("\ufeff").startswith("WEBVTT")


def read(
    text: str, *, source: str, strict: bool = True, speaker_labels: str = "auto"
) -> Transcript:
    """Read WebVTT text.

    Args:
        text: the decoded file.
        source: a label for messages (file name).
        strict: when False, repairable cue problems become diagnostics instead of errors.
        speaker_labels: which row-start ``Name:`` prefixes are speaker labels: ``"auto"``
            (decided per file), ``"always"`` or ``"none"`` (see :mod:`._speakers`).

    Raises:
        InputError: with the line number of the cue at fault, or when there is no cue.
        UnknownFormatError: for an unknown ``speaker_labels`` value.

    Example:
        >>> t = read("WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Ana>Hola, Bea.\\n", source="x")
        >>> [(w.text, w.start_ms, w.speaker) for w in t.words]
        [('Hola,', 1000, 'Ana'), ('Bea.', 1555, 'Ana')]
    """
    return read_subtitles(text, "vtt", source=source, strict=strict, speaker_labels=speaker_labels)


def read_cues(
    data: bytes | str, *, source: str = "<bytes>", encoding: str | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The file's cues as ``(start_ms, end_ms, rows)`` as shown, for ``cuecraft check``.

    See :func:`cuecraft.readers._srt_vtt.read_cues`.

    Raises:
        InputError: for a malformed timing line, undecodable bytes or no cue, with the line.
    """
    return _read_cues(data, "vtt", source=source, encoding=encoding)


SPEC = ReaderSpec(
    name="vtt",
    kind="text",
    extensions=(".vtt",),
    sniff=sniff,
    read=read,
    options=("speaker_labels",),
    description="WebVTT subtitles (word times approximated inside each cue)",
    read_cues=read_cues,
)
