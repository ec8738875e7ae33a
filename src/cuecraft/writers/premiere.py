"""Adobe Premiere Pro sequence writer: Final Cut Pro 7 XML (``xmeml``), which Premiere imports
with File > Import, the cues as sequence markers or as text titles.

Format: Apple's "Final Cut Pro XML Interchange Format" (xmeml version 4/5, the DTD and
reference in the Final Cut Pro 7 XML developer documentation: ``sequence`` with ``rate``
(``timebase`` and ``ntsc``), ``timecode`` (``string``, ``frame``, ``displayformat`` DF/NDF),
``media/video/track`` with ``generatoritem`` elements, and ``marker`` elements with ``name``,
``comment``, ``in`` and ``out`` in frames); Adobe's "Final Cut Pro XML" import notes for
Premiere Pro (sequence markers and the FCP "Text" generator come in as markers and titles).
HappyScribe's "Premiere Pro (.xml)" export (seed ``003_*.txt``) is such a sequence.

Mapping: one sequence named after the title, at ``frame_rate`` (23.976 and 29.97 are
``ntsc`` TRUE on a 24 or 30 timebase), starting at the ``start_offset`` time code (DF with
``drop_frame``). ``mode="markers"`` (default) writes each cue as a sequence marker: its rows
joined with a space as the name, the speaker's name as the comment, ``in``/``out`` the cue's
frames counted from the sequence start. ``mode="titles"`` writes each cue as a "Text"
generator item on video track 1, its rows separated by line breaks, placed at the cue's frames.
A cue shorter than a frame still lasts one.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TextIO
from xml.etree import ElementTree as ET

from cuecraft.display import Display
from cuecraft.formats.timecode import frames, nominal
from cuecraft.model import Cue
from cuecraft.writers._cuetext import plan
from cuecraft.writers._editxml import safe_text, serialise
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._timecode import TimecodeOptions, label, offset_frames

__all__ = ["SPEC", "PremiereOptions", "write"]


class PremiereOptions(TimecodeOptions):
    """Options of the Premiere Pro (FCP 7 XML) writer.

    Example: titles on a 25 fps sequence starting at ten hours::

        PremiereOptions(mode="titles", start_offset="10:00:00:00")
    """

    mode: Literal["markers", "titles"] = "markers"
    """Cues as sequence markers (default) or as Text generator titles on video track 1."""

    speaker_labels: Literal["none", "prefix"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker)."""


def _sub(parent: ET.Element, tag: str, text: str | int | None = None) -> ET.Element:
    element = ET.SubElement(parent, tag)
    if text is not None:
        element.text = str(text)
    return element


def _rate(parent: ET.Element, options: PremiereOptions) -> None:
    rate = _sub(parent, "rate")
    _sub(rate, "timebase", nominal(options.frame_rate))
    _sub(rate, "ntsc", "TRUE" if options.frame_rate in (23.976, 29.97) else "FALSE")


def _title(
    track: ET.Element, number: int, text: str, start: int, end: int, opts: PremiereOptions
) -> None:
    item = _sub(track, "generatoritem", None)
    item.set("id", f"Text {number}")
    _sub(item, "name", "Text")
    _sub(item, "enabled", "TRUE")
    _sub(item, "duration", end - start)
    _rate(item, opts)
    _sub(item, "start", start)
    _sub(item, "end", end)
    _sub(item, "in", 0)
    _sub(item, "out", end - start)
    effect = _sub(item, "effect")
    _sub(effect, "name", "Text")
    _sub(effect, "effectid", "Text")
    _sub(effect, "effectcategory", "Text")
    _sub(effect, "effecttype", "generator")
    _sub(effect, "mediatype", "video")
    parameter = _sub(effect, "parameter")
    _sub(parameter, "parameterid", "str")
    _sub(parameter, "name", "Text")
    _sub(parameter, "value", text)


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: PremiereOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as an FCP 7 XML sequence for Premiere Pro."""
    options = options or PremiereOptions()
    names = dict(context.speaker_names) if context is not None else {}
    planned = plan(cues, options.speaker_labels, context)
    spans = []
    for cue in planned:
        start = frames(cue.start_ms, options.frame_rate)
        spans.append((start, max(start + 1, frames(cue.end_ms, options.frame_rate))))
    root = ET.Element("xmeml", version="4")
    sequence = _sub(root, "sequence")
    sequence.set("id", "sequence-1")
    _sub(sequence, "name", (context.title if context else None) or "cuecraft")
    _sub(sequence, "duration", max((end for _, end in spans), default=0))
    _rate(sequence, options)
    timecode = _sub(sequence, "timecode")
    _rate(timecode, options)
    offset = offset_frames(options)
    _sub(timecode, "string", label(offset, options))
    _sub(timecode, "frame", offset)
    _sub(timecode, "displayformat", "DF" if options.drop_frame else "NDF")
    media = _sub(sequence, "media")
    track = _sub(_sub(media, "video"), "track")
    for number, (cue, (start, end)) in enumerate(zip(planned, spans, strict=True), start=1):
        rows = [row.text if row.label is None else f"{row.label}: {row.text}" for row in cue.rows]
        if options.mode == "titles":
            text = safe_text("\r".join(rows), cue.index, context)
            _title(track, number, text, start, end, options)
            continue
        marker = _sub(sequence, "marker")
        _sub(marker, "name", safe_text(" ".join(rows), cue.index, context))
        speakers = dict.fromkeys(row.speaker for row in cue.rows if row.speaker is not None)
        comment = ", ".join(names.get(s, s) for s in speakers)
        _sub(marker, "comment", safe_text(comment, cue.index, context))
        _sub(marker, "in", start)
        _sub(marker, "out", end)
    serialise(root, out, "<!DOCTYPE xmeml>")


def display(options: PremiereOptions) -> Display:
    """Frame timing at the sequence rate (unless the rules set another), and room for speaker
    labels (``WriterSpec.display``)."""
    return Display(
        name="Premiere Pro sequences",
        frame_rate=options.frame_rate,
        row_labels=options.speaker_labels,
    )


SPEC = WriterSpec(
    name="premiere",
    extensions=(".premiere.xml",),
    takes="cues",
    binary=False,
    options=PremiereOptions,
    write=write,
    display=display,
    description="Adobe Premiere Pro sequence (FCP 7 XML / xmeml; markers or titles)",
)
