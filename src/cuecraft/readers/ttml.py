"""TTML reader (W3C TTML1/TTML2, DFXP, EBU-TT-D, IMSC1 text): existing subtitles back to words.

Spec: W3C TTML1 and TTML2: the timing attributes (``begin``, ``end``, ``dur``,
``timeContainer``), time expressions (TTML1 section 10.3.1), the ``ttp:`` parameters and
``ttm:agent``. DFXP is TTML1 under its draft namespaces (``http://www.w3.org/2006/10/ttaf1`` and
``http://www.w3.org/2006/04/ttaf1``; CaptionSync's ``.dfxp``, seed 004). EBU-TT-D and IMSC1 text
documents are TTML and read the same way. The XML is parsed only by
:func:`cuecraft._xml.parse_xml` (no DTDs, no entities).

How a document is read:

* **Cues**: every ``<p>`` with text is a cue; ``<p>`` elements with no text are ignored.
* **Times**: ``begin``, ``end`` and ``dur`` on ``body``, ``div``, ``p``. In the default
  ``timeContainer="par"`` a child's times count from its parent's begin; in ``"seq"`` from the
  end of the previous sibling. An element with neither ``end`` nor ``dur`` ends with its parent,
  and no child outlasts its parent. When the ``<p>`` and its ancestors leave the end open, the
  latest end among the ``<span>`` elements inside it is the cue's end; when nothing gives one
  (roll-up captions: each ``<p>``, or each span in it, has only a begin), the cue ends where the
  next cue begins, the last one after a reading time of 15 characters a second from its latest
  begin (``ttml-open-end``); an untimed ``<p>`` whose text is all in timed spans begins with the
  first of them. TTML2 region timing applies: a ``<p>`` is shown only while its region
  (``region`` on it or an ancestor) is active, and an untimed one for all of that time. A
  ``<p>`` with no time on itself, its spans, an ancestor or its region, or one whose begin
  depends on an unknown end in a ``seq`` container, is an :class:`~cuecraft.errors.InputError`
  with its line. A document with **no timing at all** (no ``begin``, ``end`` or ``dur``
  anywhere: by TTML semantics its text is shown for the whole document, as in ttconv's test
  files) is that error too; with ``strict=False`` every word is kept with made-up times: each
  ``<p>`` becomes a cue right after the previous one, lasting ``max(1 s, characters / 15)``
  (a normal reading speed), with one ``ttml-no-timing`` warning saying so. A ``<p>`` that
  begins after its parent (or region) ends, which TTML would never show, keeps its words and
  its own times (``ttml-outside-parent``). Documents that write every level's times from the
  document start (Apple Music lyrics: ``<div begin="34.181">`` around ``<p begin="34.181">``)
  are read as written when reading them as TTML would put some element
  after its parent's end while reading them as written puts every one inside
  (``ttml-absolute-times``). Time expressions: clock time ``HH:MM:SS``, ``HH:MM:SS.fff``,
  ``HH:MM:SS:FF`` and ``HH:MM:SS:FF.sub`` (frames at ``ttp:frameRate`` times
  ``ttp:frameRateMultiplier``, default 30 fps; sub-frames at ``ttp:subFrameRate``), and offset
  time ``12.5s``, ``500ms``, ``2h``, ``3m``, ``100f``, ``4000t`` (ticks at ``ttp:tickRate``;
  when it is absent, the effective frame rate times the sub-frame rate if ``ttp:frameRate`` is
  given, else 1). With ``ttp:timeBase="smpte"`` a clock time with frames is a timecode label:
  frames are counted at the nominal rate (``dropMode="dropNTSC"`` skips the dropped labels) and
  converted at the effective rate. ``timeBase="clock"`` is read like media time. Forms real
  files use that TTML does not allow are read as meant, with one ``ttml-time-expression`` note
  per form: ``3:58.640`` (minutes:seconds), ``19.764`` (seconds without a unit),
  ``00:00:01,500`` (decimal comma), ``1:00:00.000`` (one-digit hours).
* **Order**: times in a ``par`` container do not depend on document order (a document may
  hold one ``div`` per region), so cues are sorted by begin time, with a note when that
  changes their order. Then the sloppiness policy of SRT/VTT applies
  (:func:`cuecraft.readers._subtitles.transcript_from_cues`): a cue ending before it begins
  by at most ``REPAIR_TOLERANCE_MS`` is repaired with a diagnostic; by more it is an error
  with the ``<p>``'s line unless ``strict=False``.
* **Text**: ``<br/>`` is a row break; ``<span>`` text is kept (styling is ignored);
  ``metadata``, ``set`` and ``animate`` elements and elements of other namespaces are not
  text. Whitespace is collapsed (``xml:space="default"``); with ``xml:space="preserve"`` a
  line feed is a row break too. lxml has already decoded character references. Left out on
  purpose, with one ``ttml-left-out`` note per kind: ruby annotations (``<rt>``, ``<rp>``,
  spans with ``tts:ruby`` ``text``, ``textContainer`` or ``delimiter``; the base text is
  kept), spans whose ``ttm:role`` is ``x-translation``, ``x-roman`` or
  ``x-transliteration`` (Apple Music lyrics carry each line's translation inside it), text in
  a ``body`` or ``div`` outside any ``<p>`` and elements of other namespaces inside a ``<p>``
  (TTML shows neither).
* **Regions**: cues shown at the same time in different regions (IMSC) stay separate cues
  with their own times; :func:`~cuecraft.readers._subtitles.transcript_from_cues` decides how
  simultaneous cues become words.
* **Words**: as for SRT/VTT, each cue's time is shared among its words in proportion to their
  length, not overlapping the next cue; every cue's first word gets ``paragraph_start``. The
  times of spans inside a cue (word-timed lyrics, roll-up) are not used as word times.
* **Speakers**: ``ttm:agent`` on the ``<p>``, a ``<span>`` or an ancestor names the speaker
  through its ``ttm:agent`` definition (the ``ttm:name`` of type ``full``, else the first
  name, else the agent's ``xml:id``). Rows without an agent use the ``Name:`` prefix and
  dialogue-dash rules of the SRT/VTT readers. A speaker holds until the next one.
* **Language**: ``xml:lang`` on ``tt`` becomes ``Transcript.language``.
* **Lax documents** real tools write: a ``<tt>`` root with no namespace at all (astisub) is
  read as TTML, its unqualified elements as TTML elements (``ttml-no-namespace`` note);
  ``ttp:frameRateMultiplier="1:1"`` (a colon instead of TTML's space) is read as
  numerator:denominator (``ttml-parameter`` note).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction
from typing import Any, Final

from cuecraft.formats.ttml import METADATA, NAMESPACES, XML
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._languages import language_code
from cuecraft.readers._spec import MAX_SECONDS, ReaderSpec
from cuecraft.readers._subtitles import transcript_from_cues
from cuecraft.readers._ttml_document import (
    NOT_TEXT,
    TtmlCue,
    adopt_namespace,
    agent_names,
    namespace_of,
    notes_on_reading,
    sniff,
    text_rows,
    words_of,
)
from cuecraft.readers._ttml_document import attribute as _attribute
from cuecraft.readers._ttml_document import local as _local
from cuecraft.readers._ttml_timing import (
    Context,
    Findings,
    Interval,
    absolute_times,
    close_open_ends,
    fail,
    inner_times,
    interval,
    ms,
    rates_of,
    region_of,
    regions_of,
    timed_children,
)

__all__ = ["NAMESPACES", "SPEC", "read", "read_cues", "sniff"]


_READING_RATE: Final = 15  # characters a second, for made-up times of untimed documents


def _untimed(root: Any) -> bool:
    """No element of the document has a begin, end or dur: nothing says when text is shown."""
    return not any(
        element.get(name) is not None
        for element in root.iter()
        if isinstance(element.tag, str)
        for name in ("begin", "end", "dur")
    )


@dataclass(frozen=True)
class _Document:
    """A parsed ``<tt>`` with what the whole document says: timing, agents, and whether
    times are made up (lenient reading of a document with no timing at all)."""

    root: Any
    timing: Context
    agents: dict[str, str]
    make_up_times: bool

    @property
    def findings(self) -> Findings:
        return self.timing.findings


def _document(root: Any, source: str, strict: bool) -> _Document:
    findings = Findings(source)
    unqualified = adopt_namespace(root)
    if _local(root) != "tt":
        raise fail(source, "the root element is not a TTML <tt>", root)
    if unqualified:
        findings.note(
            "ttml-no-namespace",
            f"line {root.sourceline}: <tt> without the TTML namespace; read as TTML",
            severity="info",
        )
    timing = Context(source, rates_of(root, findings), findings)
    timing = replace(timing, regions=regions_of(root, timing))  # region times: not absolute
    return _Document(root, timing, agent_names(root), not strict and _untimed(root))


def _agent(element: Any, inherited: str | None, document: _Document) -> str | None:
    value = _attribute(element, METADATA, "agent")
    if value is None:
        return inherited
    findings = document.findings
    names = []
    for identifier in value.split():
        name = document.agents.get(identifier)
        if name is None:
            name = identifier
            if identifier not in findings.unknown_agents:
                findings.unknown_agents.add(identifier)
                findings.note(
                    "ttml-unknown-agent",
                    f"line {element.sourceline}: ttm:agent {identifier!r} is not defined; its "
                    "id is used as the speaker's name",
                )
        names.append(name)
    distinct = list(dict.fromkeys(names))
    # Several agents on one element say who speaks in it, not which words are whose.
    return distinct[0] if len(distinct) == 1 else inherited


def _space(element: Any, preserve: bool) -> bool:
    value = element.get(f"{{{XML}}}space")
    return preserve if value is None else value.strip() == "preserve"


def _cues(root: Any, source: str, *, strict: bool) -> tuple[list[TtmlCue], list[Diagnostic]]:
    """The document's cues in document order, and the notes made reading them."""
    document = _document(root, source, strict)
    findings = document.findings
    space = _space(root, preserve=False)
    agent = _agent(root, None, document)
    body = None
    for child in root:
        if _local(child) == "body":
            body = child
    cues: list[TtmlCue] = []
    if body is not None:
        if absolute_times(body, document.timing):
            document = replace(document, timing=replace(document.timing, absolute=True))
        begin, end = interval(body, Fraction(0), None, document.timing)
        body_agent = _agent(body, agent, document)
        _walk(body, (begin, end), body_agent, _space(body, space), document, cues)
    if not cues:
        where = body if body is not None else root  # an element without children is falsy
        raise fail(source, "no <p> with text in this TTML document", where)
    close_open_ends(cues, findings)
    for code, message in notes_on_reading(findings.nonstandard, findings.left_out):
        findings.note(code, message, severity="info")
    if findings.made_up:
        findings.note(
            "ttml-no-timing",
            f"line {findings.made_up[0]}: this document has no timing at all (TTML shows "
            "untimed text for the whole document); the times are made up: each of the "
            f"{len(findings.made_up)} <p> follows the previous one for its length at "
            f"{_READING_RATE} characters a second (at least 1 s)",
        )
    return cues, findings.notes


def _stray_text(element: Any, findings: Findings) -> None:
    """Count text in a body or div that no <p> holds: TTML never shows it."""
    pieces = [element.text] + [child.tail for child in element]
    pieces += [
        "".join(child.itertext())
        for child in element
        if _local(child) not in (None, "div", "p", *NOT_TEXT)  # a span straight in a div
    ]
    stray = sum(1 for piece in pieces if piece and piece.strip())
    if stray:
        line, count = findings.left_out.get("stray", (element.sourceline, 0))
        findings.left_out["stray"] = (line, count + stray)


def _walk(
    element: Any,
    span: Interval,
    agent: str | None,
    preserve: bool,
    document: _Document,
    cues: list[TtmlCue],
) -> None:
    """Add the cues of the ``<div>`` and ``<p>`` elements in ``element`` to ``cues``."""
    _stray_text(element, document.findings)
    for child, local, child_begin, child_end in timed_children(
        element, *span, lambda local: local in ("div", "p"), document.timing
    ):
        child_agent = _agent(child, agent, document)
        child_preserve = _space(child, preserve)
        if local == "div":
            _walk(child, (child_begin, child_end), child_agent, child_preserve, document, cues)
            continue
        cue = _paragraph(
            child, (child_begin, child_end), child_agent, child_preserve, document, cues
        )
        if cue is not None:
            cues.append(cue)


def _made_up_times(
    p: Any, rows: list[Any], document: _Document, cues: list[TtmlCue]
) -> tuple[Fraction, Fraction]:
    """Times for an untimed <p> in an untimed document: after the previous cue, for as
    long as its text takes to read."""
    begin = Fraction(cues[-1].end_ms, 1000) if cues else Fraction(0)
    words = " ".join("".join(piece for piece, _ in row) for row in rows).split()
    characters = len(" ".join(words))  # as shown: white space collapsed
    document.findings.made_up.append(p.sourceline)
    return begin, begin + max(Fraction(1), Fraction(characters, _READING_RATE))


def _paragraph(
    p: Any,
    span: Interval,
    agent: str | None,
    preserve: bool,
    document: _Document,
    cues: list[TtmlCue],
) -> TtmlCue | None:
    """The cue of a ``<p>`` shown during ``span`` (None: no text)."""
    findings, source = document.findings, document.timing.source
    rows = text_rows(
        p,
        agent,
        preserve,
        lambda element, inherited: _agent(element, inherited, document),
        _space,
        findings.left_out,
    )
    if not any(piece.strip() for row in rows for piece, _ in row):
        return None
    begin, end = span
    if begin is None and document.make_up_times:
        begin = Fraction(0)  # an untimed seq container: made-up times below
    if begin is None:
        raise fail(
            source,
            "cannot tell when this cue begins: it follows, in a seq container, an element "
            "whose end is not known",
            p,
        )
    inner_begins, inner_ends = inner_times(p, begin, document.timing)
    if end is None:
        end = max(inner_ends, default=None)
    if p.get("begin") is None and inner_begins and not (p.text or "").strip():
        begin = max(begin, min(inner_begins))  # roll-up spans: shown from the first one
    timed = inner_begins or any(e.get("begin") is not None for e in (p, *p.iterancestors()))
    region = region_of(p, document.timing)
    if region is not None and not timed and end is None:
        begin, end = region  # TTML2 region timing: shown while its region is active
    elif region is not None:
        clipped = (max(begin, region[0]), region[1] if end is None else end)
        if region[1] is not None and clipped[1] is not None:
            clipped = (clipped[0], min(clipped[1], region[1]))
        if clipped[1] is None or clipped[1] > clipped[0]:
            begin, end = clipped
        else:
            findings.note(
                "ttml-outside-parent",
                f"line {p.sourceline}: shown outside the time of its region "
                f"{p.get('region') or ''} (TTML would never show it); kept with its own times",
            )
    elif end is None and not timed and document.make_up_times:
        begin, end = _made_up_times(p, rows, document, cues)
    elif end is None and not timed:
        # Roll-up cues have a begin of their own; a document with no time on the way
        # to this text says nothing about when it is shown.
        raise fail(
            source,
            "cannot tell when this cue is shown: neither the <p>, its spans, an enclosing "
            "div or body nor its region has a begin, end or dur"
            + (
                " (the document has no timing at all; pass strict=False to read it with "
                "made-up times)"
                if _untimed(document.root)
                else ""
            ),
            p,
        )
    if begin > MAX_SECONDS or (end is not None and end > MAX_SECONDS):
        raise fail(source, "cue time is implausibly large", p)
    text = " / ".join("".join(piece for piece, _ in row).strip() for row in rows)
    cue = TtmlCue(ms(begin), ms(begin if end is None else end), text, p.sourceline)
    cue.rows, cue.begin, cue.open_end = rows, begin, end is None
    cue.latest = max([begin, *inner_begins])
    return cue


def read_cues(data: bytes, *, source: str = "<bytes>") -> list[tuple[int, int, tuple[str, ...]]]:
    """The document's cues as ``(start_ms, end_ms, rows)`` in document order, as written.

    For checking a TTML file against subtitle rules (``cuecraft check``): no repair, no words.
    Each row's whitespace is collapsed as it is displayed; rows with no text are left out.

    Raises:
        InputError: as :func:`read` does.
    """
    from cuecraft._xml import parse_xml  # lxml loads only when TTML is read

    cues, _ = _cues(parse_xml(data, source=source), source, strict=True)
    texts = [
        [" ".join("".join(piece for piece, _ in row).split()) for row in cue.rows] for cue in cues
    ]
    return [
        (cue.start_ms, cue.end_ms, tuple(row for row in rows if row))
        for cue, rows in zip(cues, texts, strict=True)
    ]


def read(data: bytes, *, source: str, strict: bool = True) -> Transcript:
    """Read a TTML or DFXP document.

    Args:
        data: the file's bytes (the XML declaration names the encoding, UTF-16 included).
        source: a label for messages (file name).
        strict: when False, a cue ending long before it begins is repaired (``end = begin``)
            with a diagnostic instead of raising.

    Raises:
        InputError: for malformed XML, a DOCTYPE or entities, a bad time expression or
            parameter, a cue whose time cannot be determined, or no ``<p>`` with text; with
            the line of the element at fault.

    Example:
        >>> doc = b'<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div>'
        >>> doc += b'<p begin="1s" end="2s">Hello <span>there</span></p></div></body></tt>'
        >>> [(w.text, w.start_ms, w.end_ms) for w in read(doc, source="x").words]
        [('Hello', 1000, 1500), ('there', 1500, 2000)]
    """
    from cuecraft._xml import parse_xml  # lxml loads only when TTML is read

    root = parse_xml(data, source=source)
    cues, notes = _cues(root, source, strict=strict)
    ordered = sorted(cues, key=lambda cue: cue.begin)
    moved = next((a for a, b in zip(cues, ordered, strict=True) if a is not b), None)
    if moved is not None:
        notes.append(
            Diagnostic(
                code="ttml-order",
                source=source,
                severity="info",
                message=f"line {moved.line}: cues are not in document order by time "
                "(TTML times do not depend on it); sorted by begin time",
            )
        )
    namespace = namespace_of(root)
    metadata: dict[str, Any] = {"namespace": namespace}
    return transcript_from_cues(
        ordered,
        words_of,
        source=source,
        reader="ttml",
        strict=strict,
        notes=notes,
        language=language_code(root.get(f"{{{XML}}}lang")),
        metadata=metadata,
    )


SPEC = ReaderSpec(
    name="ttml",
    kind="binary",  # parsed from bytes: the XML declaration may name UTF-16 or another encoding
    extensions=(".ttml", ".dfxp", ".xml"),
    sniff=sniff,
    read=read,
    description="TTML, DFXP, EBU-TT-D and IMSC1 subtitles (word times approximated in each cue)",
    read_cues=read_cues,
)
