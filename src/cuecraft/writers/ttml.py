"""TTML writer (W3C TTML1, "Timed Text Markup Language 1", Second Edition), with a DFXP flavour.

One document, UTF-8 with an XML declaration, built with lxml and indented two spaces::

    <?xml version='1.0' encoding='UTF-8'?>
    <tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm=... xmlns:ttp=... xmlns:tts=...
        xml:lang="en" ttp:timeBase="media">
      <head>
        <layout>
          <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%"
                  tts:displayAlign="after" tts:textAlign="center"/>
        </layout>
      </head>
      <body>
        <div region="bottom">
          <p xml:id="sub1" begin="00:00:00.449" end="00:00:03.769">Hi, welcome<br/>to it</p>
        </div>
      </body>
    </tt>

What this writer does:

* **Cues**: each cue is one ``<p>`` (``xml:id`` ``sub1``, ``sub2``... counting the cues
  written) whose rows are separated by ``<br/>``; text is escaped by lxml (``&``, ``<``, and
  ``>`` so that ``]]>`` never appears). Rows come from :func:`cuecraft.writers._cuetext.plan`,
  so a cue without text is skipped with an ``empty-cue`` diagnostic, as in SRT and WebVTT.
  Only the structure is indented: the inside of a ``<p>`` is written as it is, so the
  indentation never adds white space to the text.
* **Times** (TTML1 §10.3.1, ``ttp:timeBase="media"``, the only time base IMSC1 and EBU-TT-D
  allow): ``clock`` ``HH:MM:SS.mmm``, ``offset`` ``12.345s``, or ``frames`` ``HH:MM:SS:FF``
  with ``ttp:frameRate`` and, for 23.976 and 29.97, ``ttp:frameRateMultiplier="1000 1001"``.
  In the media time base ``HH:MM:SS:FF`` means ``HH:MM:SS`` seconds plus ``FF`` frames of
  the effective rate, so each time goes to the nearest such instant. ``start_offset`` (a
  broadcast ``HH:MM:SS:FF`` or ``HH:MM:SS.mmm``, CaptionSync's "offset timecode") is added
  to every time. Rounding never makes a cue vanish or overlap
  (:func:`cuecraft.timing.fit_spans`): a cue lasts at least one unit (a millisecond, or a
  frame), starts no earlier than the previous one ends, and ends where the next one starts
  if it would run into it. A cue moved by more
  than that rounding gets a ``ttml-retimed`` diagnostic.
* **Speakers** (``speaker_labels``): ``prefix`` writes ``Name: `` like SRT; ``agent`` declares
  one ``ttm:agent`` (``type="person"``, with a ``ttm:name``) per speaker in
  ``head/metadata`` and names the cue's speakers in ``p/@ttm:agent`` (TTML1 §12.1.4, §12.2.1);
  in a cue with several speakers each row is also a ``<span ttm:agent>``.
* **Language**: ``xml:lang`` is required on ``tt`` (TTML1 §7.1.1); the ``language`` option,
  else the transcript's language, else ``und`` (BCP 47 "undetermined").
* **Characters** XML 1.0 cannot hold: C0 controls other than tab, U+FFFE and U+FFFF are
  removed from cue text with a ``control-character`` diagnostic (and replaced by U+FFFD in
  speaker names; see :mod:`cuecraft.writers._cuetext`); a lone surrogate raises
  :class:`~cuecraft.errors.UnencodableError` naming the cue. Options and time units live in
  :mod:`cuecraft.writers._ttml_options` and :mod:`cuecraft.formats.ttml`.

**DFXP** (the ``dfxp`` and ``adb.dfxp`` writers of :mod:`cuecraft.writers.dfxp` are this writer
with another default flavour). "DFXP" (Distribution Format Exchange Profile) was the name of
TTML1 until it became a Recommendation in 2010; today's DFXP consumers (pycaption's DFXPWriter,
YouTube, Brightcove, Netflix and Amazon DFXP deliveries) read the TTML1 namespace
``http://www.w3.org/ns/ttml``. So ``flavour="dfxp"`` writes the same document in that namespace
and declares the DFXP presentation profile (``ttp:profile``, TTML1 §6.2.8). The 2006 Candidate
Recommendation namespace ``http://www.w3.org/2006/10/ttaf1`` is never written: TTML1 readers
(ttconv, IMSC players, browsers) do not accept it, and the players that required it (Adobe
Flash's FLVPlaybackCaptioning) are gone. ``flavour="adb.dfxp"`` is CaptionSync's ``.adb.xml``
"DFXP timed text for Flash ... uses dur syntax, also used for Panopto" (CaptionSync, "List of
all Output Formats" and "Different Flavors of CaptionSync's TTML Output"): the DFXP document
with ``begin`` and ``dur`` in place of ``begin`` and ``end``; ``timing="begin-dur"`` asks for
``dur`` in any flavour.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, BinaryIO, Final

from cuecraft.display import Display
from cuecraft.errors import UnencodableError
from cuecraft.formats.ttml import DFXP_PROFILE as _DFXP_PROFILE
from cuecraft.formats.ttml import LANGUAGE_TAG, RATES
from cuecraft.formats.ttml import TT as _TT
from cuecraft.formats.ttml import TTM as _TTM
from cuecraft.formats.ttml import TTP as _TTP
from cuecraft.formats.ttml import TTS as _TTS
from cuecraft.formats.ttml import XML as _XML
from cuecraft.model import Cue, Diagnostic
from cuecraft.timing import fit_spans
from cuecraft.writers._cuetext import (
    PlannedCue,
    Row,
    display_names,
    plan,
    speaker_name,
)
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._ttml_options import Clock, TtmlOptions

__all__ = ["SPEC", "TtmlOptions", "display", "render", "write"]

_NSMAP: Final = {None: _TT, "ttm": _TTM, "ttp": _TTP, "tts": _TTS}

# XML 1.0 §2.2 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000 up. Rows never hold
# LF or CR (plan() splits them), so these are what cannot be written.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(name: str, namespace: str | None = None) -> str:
    return f"{{{namespace or _TT}}}{name}"


def display(options: TtmlOptions) -> Display:
    """What a TTML file can show (``WriterSpec.display``): with ``time_format="frames"`` cue
    times are frames at ``frame_rate``, so segmentation snaps to them (minimum gaps and
    durations survive the rounding); a different rule frame rate the user set is an error.
    Room for ``prefix`` speaker labels is reserved in each row."""
    if options.time_format != "frames":
        return Display(name="TTML", row_labels=options.speaker_labels)
    return Display(
        name=f"TTML frames at {options.frame_rate:g} fps",
        frame_rate=options.frame_rate,
        frame_rates=(options.frame_rate,),
        frames_required=True,
        frame_rate_option="the TTML frame_rate option",
        row_labels=options.speaker_labels,
    )


def _check_text(text: str, cue_index: int, what: str = "text") -> str:
    bad = _NOT_XML.search(text)
    if bad is not None:
        char = bad.group()
        kind = "non-character" if char in "\ufffe\uffff" else "control character"
        raise UnencodableError(
            f"{what}: {kind} U+{ord(char):04X} cannot be written in XML 1.0 (TTML)",
            cue_index=cue_index,
            char=char,
        )
    return text


def _document_language(options: TtmlOptions, context: WriteContext) -> str:
    if options.language is not None:
        return options.language
    given = (context.language or "").strip()
    if not given:
        return "und"
    tag = given.replace("_", "-")
    if LANGUAGE_TAG.match(tag):
        return tag
    context.diagnostics.append(
        Diagnostic(
            code="ttml-language",
            severity="info",
            message=f"language {given!r} is not a BCP 47 tag; xml:lang written as 'und'",
        )
    )
    return "und"


def _append_text(parent: Any, text: str) -> None:
    """Add text after the last child of ``parent`` (or as its text when it has none)."""
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _row_text(row: Row, cue_index: int) -> str:
    text = _check_text(row.text, cue_index)
    if row.label is not None:
        return f"{_check_text(row.label, cue_index, 'speaker name')}: {text}"
    return text


class _Agents:
    """The ``ttm:agent`` declarations: one per speaker, in order of first appearance."""

    def __init__(self, names: dict[str, str]) -> None:
        self.names = names
        self.ids: dict[str, str] = {}
        self.declared: list[tuple[str, str]] = []

    def id_for(self, speaker: str, cue_index: int) -> str:
        if speaker not in self.ids:
            name = _check_text(speaker_name(speaker, self.names), cue_index, "speaker name")
            self.ids[speaker] = f"speaker{len(self.ids) + 1}"
            self.declared.append((self.ids[speaker], name))
        return self.ids[speaker]


def _paragraph(
    parent: Any,
    cue: PlannedCue,
    number: int,
    span: tuple[str, str],
    agents: _Agents | None,
    dur: bool = False,
) -> None:
    from lxml import etree

    p = etree.SubElement(parent, _xml("p"))
    p.set(_xml("id", _XML), f"sub{number}")
    p.set("begin", span[0])
    p.set("dur" if dur else "end", span[1])
    speakers = list(dict.fromkeys(row.speaker for row in cue.rows if row.speaker is not None))
    several = agents is not None and len({row.speaker for row in cue.rows}) > 1
    if agents is not None and speakers:
        p.set(_xml("agent", _TTM), " ".join(agents.id_for(s, cue.index) for s in speakers))
    for position, row in enumerate(cue.rows):
        if position:
            etree.SubElement(p, _xml("br"))
        text = _row_text(row, cue.index)
        if several and agents is not None and row.speaker is not None:
            element = etree.SubElement(p, _xml("span"))
            element.set(_xml("agent", _TTM), agents.id_for(row.speaker, cue.index))
            element.text = text
        else:
            _append_text(p, text)


def _indent(element: Any, level: int = 0) -> None:
    """Indent the structure two spaces a level, never inside an element that holds text."""
    children = list(element)
    if not children or element.tag == _xml("p") or (element.text or "").strip():
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in children:
        _indent(child, level + 1)
        child.tail = inner
    children[-1].tail = "\n" + "  " * level


def render(cues: Sequence[Cue], options: TtmlOptions, context: WriteContext) -> bytes:
    """The whole TTML document for ``cues`` (see :func:`write`)."""
    notes = context.diagnostics
    planned = plan(cues, "prefix" if options.speaker_labels == "prefix" else "none", context)
    agents = _Agents(display_names(cues, context)) if options.speaker_labels == "agent" else None

    clock = Clock(options)
    rounded = [(clock.units(cue.start_ms), clock.units(cue.end_ms)) for cue in planned]
    spans = fit_spans(rounded)
    for cue, before, after in zip(planned, rounded, spans, strict=True):
        if before != after:
            notes.append(
                Diagnostic(
                    code="ttml-retimed",
                    cue_index=cue.index,
                    message=f"{clock.text(before[0])}-{clock.text(before[1])} written as "
                    f"{clock.text(after[0])}-{clock.text(after[1])} so that the cue lasts at "
                    f"least one {clock.unit_name} and does not overlap its neighbours",
                )
            )

    from lxml import etree  # loaded only when TTML is written

    tt = etree.Element(_xml("tt"), nsmap=_NSMAP)
    tt.set(_xml("lang", _XML), _document_language(options, context))
    tt.set(_xml("timeBase", _TTP), "media")
    if options.time_format == "frames":
        nominal, multiplier = RATES[options.frame_rate]
        tt.set(_xml("frameRate", _TTP), str(nominal))
        if multiplier != 1:
            tt.set(
                _xml("frameRateMultiplier", _TTP),
                f"{multiplier.numerator} {multiplier.denominator}",
            )
    if options.flavour in ("dfxp", "adb.dfxp"):
        tt.set(_xml("profile", _TTP), _DFXP_PROFILE)

    head = etree.SubElement(tt, _xml("head"))
    body = etree.SubElement(tt, _xml("body"))
    div = etree.SubElement(body, _xml("div"))
    div.set("region", options.region)
    dur = options.uses_dur
    for number, (cue, (start, end)) in enumerate(zip(planned, spans, strict=True), start=1):
        # dur: the units from begin to end, written as a time expression (TTML1 §10.3.1).
        last = clock.text(end - start) if dur else clock.text(end)
        _paragraph(div, cue, number, (clock.text(start), last), agents, dur)

    if agents is not None and agents.declared:
        metadata = etree.SubElement(head, _xml("metadata"))
        for agent_id, name in agents.declared:
            agent = etree.SubElement(metadata, _xml("agent", _TTM))
            agent.set(_xml("id", _XML), agent_id)
            agent.set("type", "person")
            element = etree.SubElement(agent, _xml("name", _TTM))
            element.set("type", "full")
            element.text = name
    layout = etree.SubElement(head, _xml("layout"))
    region = etree.SubElement(layout, _xml("region"))
    region.set(_xml("id", _XML), options.region)
    region.set(_xml("origin", _TTS), "10% 10%")
    region.set(_xml("extent", _TTS), "80% 80%")
    region.set(_xml("displayAlign", _TTS), "after" if options.region == "bottom" else "before")
    region.set(_xml("textAlign", _TTS), "center")

    _indent(tt)
    data: bytes = etree.tostring(tt, xml_declaration=True, encoding="UTF-8")
    return data + b"\n"


def write(
    cues: Sequence[Cue],
    out: BinaryIO,
    options: TtmlOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as a TTML (or DFXP) document.

    Args:
        cues: the cues in time order (times in ms from the start of the media).
        out: a binary stream; the document is UTF-8 with an XML declaration.
        options: times, language, speakers and layout (``TtmlOptions()`` when None).
        context: the transcript's language and speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for a lone surrogate (no UTF-8 encoding), naming the cue.
    """
    options = options or TtmlOptions()
    context = context or WriteContext()
    out.write(render(cues, options, context))


SPEC = WriterSpec(
    name="ttml",
    # .dfxp is the dfxp writer's (writers/dfxp.py), which writes the DFXP profile by default.
    extensions=(".ttml",),
    takes="cues",
    binary=True,
    options=TtmlOptions,
    write=write,
    description="TTML1 / DFXP timed text (clock, offset or frame times; speakers as agents)",
    display=display,
)
