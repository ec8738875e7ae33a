"""Final Cut Pro writer (FCPXML 1.9): a project whose timeline holds the cues as captions (or
titles), for File > Import > XML.

Format: Apple's FCPXML reference (developer.apple.com/documentation/professional_video_applications/
fcpxml_reference: ``fcpxml`` > ``resources`` (``format`` with ``frameDuration``, ``effect`` for
a title) > ``library`` > ``event`` > ``project`` > ``sequence`` (``tcStart``, ``tcFormat``) >
``spine``; captions, FCPXML 1.8 and later, are ``caption`` elements anchored to a story
element with a ``role`` such as ``iTT?captionFormat=ITT.en`` and a ``text`` of ``text-style``
runs; times are rational seconds such as ``1001/30000s``, whole frames of the format).
HappyScribe's "Final Cut Pro" export (seed ``003_*.txt``) is captions on the timeline.

Mapping: one format at ``frame_rate`` (1080p); the sequence starts at the ``start_offset``
time code (``tcStart``; DF or NDF by ``drop_frame``); its spine holds one gap as long as the
cues, and each cue is anchored to it on lane 1 at its start frame, lasting its frames (at
least one): ``mode="captions"`` (default) writes iTT captions in the transcript's language
(``en`` when unknown), ``mode="titles"`` Basic Title clips. Rows are separated by line
breaks inside the text.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Literal, TextIO
from xml.etree import ElementTree as ET

from cuecraft.display import Display
from cuecraft.formats.timecode import EXACT_RATES, frames
from cuecraft.model import Cue
from cuecraft.writers._cuetext import plan
from cuecraft.writers._editxml import safe_text, serialise
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._timecode import TimecodeOptions, offset_frames

__all__ = ["SPEC", "FcpxmlOptions", "rational", "write"]

_FORMAT_NAMES = {
    23.976: "FFVideoFormat1080p2398",
    24.0: "FFVideoFormat1080p24",
    25.0: "FFVideoFormat1080p25",
    29.97: "FFVideoFormat1080p2997",
    30.0: "FFVideoFormat1080p30",
}
_BASIC_TITLE = ".../Titles.localized/Bumper:Opener.localized/Basic Title.localized/Basic Title.moti"


class FcpxmlOptions(TimecodeOptions):
    """Options of the FCPXML writer.

    Example: titles instead of captions, 23.976 fps::

        FcpxmlOptions(mode="titles", frame_rate=23.976)
    """

    mode: Literal["captions", "titles"] = "captions"
    """Cues as iTT captions (default) or as Basic Title clips on lane 1."""

    speaker_labels: Literal["none", "prefix"] = "none"
    """Speaker labels: none; prefix ('Name: ' at each change of speaker)."""


def rational(count: int, rate: float) -> str:
    """``count`` frames at ``rate`` as FCPXML rational seconds (``1001/30000s``, ``0s``)."""
    seconds = Fraction(count) / EXACT_RATES[rate]
    if seconds.denominator == 1:
        return f"{seconds.numerator}s"
    return f"{seconds.numerator}/{seconds.denominator}s"


def _frame_duration(rate: float) -> str:
    step = 1 / EXACT_RATES[rate]
    return f"{step.numerator}/{step.denominator}s"


def _styled_text(parent: ET.Element, text: str, style_id: str, title: bool) -> None:
    holder = ET.SubElement(parent, "text")
    if not title:
        holder.set("placement", "bottom")
    run = ET.SubElement(holder, "text-style", ref=style_id)
    run.text = text
    definition = ET.SubElement(parent, "text-style-def", id=style_id)
    style = ET.SubElement(definition, "text-style")
    style.set("font", "Helvetica")
    style.set("fontSize", "63" if title else "13")
    style.set("fontColor", "1 1 1 1")
    style.set("alignment", "center")


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: FcpxmlOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as an FCPXML 1.9 project."""
    options = options or FcpxmlOptions()
    rate = options.frame_rate
    planned = plan(cues, options.speaker_labels, context)
    spans = []
    for cue in planned:
        start = frames(cue.start_ms, rate)
        spans.append((start, max(start + 1, frames(cue.end_ms, rate))))
    total = max((end for _, end in spans), default=1)
    offset = offset_frames(options)
    title_mode = options.mode == "titles"

    root = ET.Element("fcpxml", version="1.9")
    resources = ET.SubElement(root, "resources")
    ET.SubElement(
        resources,
        "format",
        id="r1",
        name=_FORMAT_NAMES[rate],
        frameDuration=_frame_duration(rate),
        width="1920",
        height="1080",
    )
    if title_mode:
        ET.SubElement(resources, "effect", id="r2", name="Basic Title", uid=_BASIC_TITLE)
    name = (context.title if context else None) or "cuecraft"
    event = ET.SubElement(ET.SubElement(root, "library"), "event", name=name)
    project = ET.SubElement(event, "project", name=name)
    sequence = ET.SubElement(
        project,
        "sequence",
        format="r1",
        duration=rational(total, rate),
        tcStart=rational(offset, rate),
        tcFormat="DF" if options.drop_frame else "NDF",
    )
    spine = ET.SubElement(sequence, "spine")
    gap = ET.SubElement(
        spine,
        "gap",
        name="Gap",
        offset=rational(offset, rate),
        start=rational(offset, rate),
        duration=rational(total, rate),
    )
    language = (context.language if context else None) or "en"
    for number, (cue, (start, end)) in enumerate(zip(planned, spans, strict=True), start=1):
        rows = [row.text if row.label is None else f"{row.label}: {row.text}" for row in cue.rows]
        text = safe_text("\n".join(rows), cue.index, context)
        if title_mode:
            item = ET.SubElement(gap, "title", ref="r2", start=rational(offset, rate))
        else:
            item = ET.SubElement(gap, "caption", role=f"iTT?captionFormat=ITT.{language}")
        item.set("lane", "1")
        item.set("offset", rational(offset + start, rate))
        item.set("duration", rational(end - start, rate))
        item.set("name", safe_text(" ".join(rows), cue.index, None))
        _styled_text(item, text, f"ts{number}", title_mode)
    serialise(root, out, "<!DOCTYPE fcpxml>")


def display(options: FcpxmlOptions) -> Display:
    """Frame timing at the project rate (unless the rules set another), and room for speaker
    labels (``WriterSpec.display``)."""
    return Display(
        name="Final Cut Pro projects",
        frame_rate=options.frame_rate,
        row_labels=options.speaker_labels,
    )


SPEC = WriterSpec(
    name="fcpxml",
    extensions=(".fcpxml",),
    takes="cues",
    binary=False,
    options=FcpxmlOptions,
    write=write,
    display=display,
    description="Final Cut Pro project (FCPXML 1.9; captions or titles)",
)
