"""SubRip (SRT) reader: existing subtitles back to a word-timed transcript.

Cues come from a linear block parser (:mod:`cuecraft.readers._cue_blocks`); word times are
an approximation spread over each cue by character length; overlapping cues are merged;
speakers come from ``Name:`` labels decided per file (reader option ``speaker_labels``).
See :mod:`cuecraft.readers._srt_vtt` and :mod:`cuecraft.readers._subtitles` for the rules.
"""

from __future__ import annotations

import re
from typing import Any

from cuecraft.model import Transcript
from cuecraft.readers._spec import ReaderSpec
from cuecraft.readers._srt_vtt import read_cues as _read_cues
from cuecraft.readers._srt_vtt import read_subtitles

__all__ = ["SPEC", "read", "read_cues", "sniff"]

# An SRT timing line: "00:00:01,000 --> 00:00:02,500" (a dot for the comma is tolerated, and
# so are times without milliseconds, "00:01:39 --> 00:01:41", as astisub writes them).
_TIME = r"\d{1,2}:\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?"
_TIMING = re.compile(rf"^[ \t]*{_TIME}[ \t]*-->[ \t]*{_TIME}", re.M)


def sniff(text: Any) -> bool:
    """Text with an SRT timing line within its first 4 KiB that is not WebVTT or SubStation.

    WebVTT cues use the same arrow (and pysubs2 tolerates a dot in SRT times), so a text
    starting with ``WEBVTT`` is left to the VTT reader; ASS/SSA files are excluded the way
    pysubs2 excludes them (``[Script Info]``).
    """
    if not isinstance(text, str):
        return False
    head = text[:4096]
    if head.lstrip().startswith("WEBVTT") or "[Script Info]" in head:
        return False
    return _TIMING.search(head) is not None


def read(
    text: str, *, source: str, strict: bool = True, speaker_labels: str = "auto"
) -> Transcript:
    """Read SRT text.

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
        >>> t = read("1\\n00:00:01,000 --> 00:00:02,000\\nJOHN: Hello there.\\n", source="x")
        >>> [(w.text, w.start_ms, w.speaker) for w in t.words]
        [('Hello', 1000, 'JOHN'), ('there.', 1454, 'JOHN')]
    """
    return read_subtitles(text, "srt", source=source, strict=strict, speaker_labels=speaker_labels)


def read_cues(
    data: bytes | str, *, source: str = "<bytes>", encoding: str | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """The file's cues as ``(start_ms, end_ms, rows)`` as shown, for ``cuecraft check``.

    See :func:`cuecraft.readers._srt_vtt.read_cues`.

    Raises:
        InputError: for a malformed timing line, undecodable bytes or no cue, with the line.
    """
    return _read_cues(data, "srt", source=source, encoding=encoding)


SPEC = ReaderSpec(
    name="srt",
    kind="text",
    extensions=(".srt",),
    sniff=sniff,
    read=read,
    options=("speaker_labels",),
    description="SubRip subtitles (word times approximated inside each cue)",
    read_cues=read_cues,
)
