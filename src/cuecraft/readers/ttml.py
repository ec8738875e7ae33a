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
  ``timeContainer="par"`` a child's times count from its parent's begin; in ``"seq"`` from
  the end of the previous sibling. An element with neither ``end`` nor ``dur`` ends with its
  parent, and no child outlasts its parent. When the ``<p>`` and its ancestors leave the end
  open, the latest end among the ``<span>`` elements inside it is the cue's end. A cue whose
  begin or end still cannot be determined is an :class:`~cuecraft.errors.InputError` with the
  ``<p>``'s line. Time expressions: clock time ``HH:MM:SS``, ``HH:MM:SS.fff``,
  ``HH:MM:SS:FF`` and ``HH:MM:SS:FF.sub`` (frames at ``ttp:frameRate`` times
  ``ttp:frameRateMultiplier``, default 30 fps; sub-frames at ``ttp:subFrameRate``), and offset
  time ``12.5s``, ``500ms``, ``2h``, ``3m``, ``100f``, ``4000t`` (ticks at ``ttp:tickRate``;
  when it is absent, the effective frame rate times the sub-frame rate if ``ttp:frameRate`` is
  given, else 1). With ``ttp:timeBase="smpte"`` a clock time with frames is a timecode label:
  frames are counted at the nominal rate (``dropMode="dropNTSC"`` skips the dropped labels)
  and converted at the effective rate. ``timeBase="clock"`` is read like media time.
* **Order**: times in a ``par`` container do not depend on document order (a document may
  hold one ``div`` per region), so cues are sorted by begin time, with a note when that
  changes their order. Then the sloppiness policy of SRT/VTT applies
  (:func:`cuecraft.readers._subtitles.transcript_from_cues`): a cue ending before it begins
  by at most ``REPAIR_TOLERANCE_MS`` is repaired with a diagnostic; by more it is an error
  with the ``<p>``'s line unless ``strict=False``.
* **Text**: ``<br/>`` is a row break; ``<span>`` text is kept (styling is ignored);
  ``metadata``, ``set`` and ``animate`` elements and elements of other namespaces are not
  text. Whitespace is collapsed (``xml:space="default"``); with ``xml:space="preserve"`` a
  line feed is a row break too. lxml has already decoded character references.
* **Words**: as for SRT/VTT, each cue's time is shared among its words in proportion to their
  length, not overlapping the next cue; every cue's first word gets ``paragraph_start``.
* **Speakers**: ``ttm:agent`` on the ``<p>``, a ``<span>`` or an ancestor names the speaker
  through its ``ttm:agent`` definition (the ``ttm:name`` of type ``full``, else the first
  name, else the agent's ``xml:id``). Rows without an agent use the ``Name:`` prefix and
  dialogue-dash rules of the SRT/VTT readers. A speaker holds until the next one.
* **Language**: ``xml:lang`` on ``tt`` becomes ``Transcript.language``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from lxml import etree

from cuecraft._xml import parse_xml
from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._languages import language_code
from cuecraft.readers._spec import MAX_SECONDS, ReaderSpec
from cuecraft.readers._subtitles import SpeakerState, TimedCue, row_label, transcript_from_cues

__all__ = ["NAMESPACES", "SPEC", "read", "read_cues", "sniff"]

NAMESPACES: Final = (
    "http://www.w3.org/ns/ttml",  # TTML1, TTML2, EBU-TT-D, IMSC1
    "http://www.w3.org/2006/10/ttaf1",  # DFXP (TTML1 candidate recommendation)
    "http://www.w3.org/2006/04/ttaf1",  # DFXP (first working drafts)
)
"""The namespaces of the root ``tt`` element that this reader accepts."""

_PARAMETER: Final = tuple(f"{ns}#parameter" for ns in NAMESPACES)
_METADATA: Final = tuple(f"{ns}#metadata" for ns in NAMESPACES)
_XML: Final = "http://www.w3.org/XML/1998/namespace"
_NOT_TEXT: Final = frozenset({"metadata", "set", "animate", "animation", "style", "region"})
_MAX_EXPRESSION: Final = 64  # characters; keeps int() far from Python's digit limit

# A prolog (XML declaration, comments, processing instructions, a DOCTYPE, which parse_xml
# then refuses with a clear message), then the root start tag with its attributes.
_PROLOG: Final = re.compile(
    r"\A(?:\s+|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]|\[.*?\])*>)*", re.DOTALL
)
_ROOT_TAG: Final = re.compile(
    r"<(?:([A-Za-z_][\w.\-]*):)?tt((?:\s+[^\s=/>]+\s*=\s*(?:\"[^\"]*\"|'[^']*'))*)\s*/?>"
)
_NAMESPACE_DECLARATION: Final = re.compile(r"xmlns(?::([\w.\-]+))?\s*=\s*([\"'])(.*?)\2")
_CLOCK: Final = re.compile(r"(\d{2,}):(\d{2}):(\d{2})(?:\.(\d+)|:(\d{2,})(?:\.(\d+))?)?")
_OFFSET: Final = re.compile(r"(\d+)(?:\.(\d+))?(h|ms|m|s|f|t)")
_UNIT_SECONDS: Final = {
    "h": Fraction(3600),
    "m": Fraction(60),
    "s": Fraction(1),
    "ms": Fraction(1, 1000),
}
_POSITIVE: Final = re.compile(r"\s*([1-9]\d{0,8})\s*")
_MULTIPLIER: Final = re.compile(r"\s*([1-9]\d{0,8})\s+([1-9]\d{0,8})\s*")


def _head(data: bytes) -> str:
    """The first bytes as text, decoded just well enough to read tag and namespace names."""
    head = data[:16384]
    for bom, codec in (
        (b"\xff\xfe\x00\x00", "utf-32-le"),
        (b"\x00\x00\xfe\xff", "utf-32-be"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
        (b"\xef\xbb\xbf", "utf-8"),
    ):
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, errors="ignore")
    # XML 1.0 appendix F: without a byte order mark the first "<" tells UTF-16 apart.
    if head.startswith(b"<\x00"):
        return head.decode("utf-16-le", errors="ignore")
    if head.startswith(b"\x00<"):
        return head.decode("utf-16-be", errors="ignore")
    # Every other encoding XML allows is ASCII-compatible for the names looked at here.
    return head.decode("latin-1")


def sniff(data: Any) -> bool:
    """Bytes whose root element is ``tt`` in a TTML or DFXP namespace (no full parse).

    Looks only at the first 16 KiB: a prolog, then the root start tag, whose own namespace
    declaration must bind its prefix (or the default namespace) to one of :data:`NAMESPACES`.
    XML that is not TTML (DOCX parts, RSS, a ``tt`` element of another namespace) is refused,
    and so is everything the other binary reader claims: an EBU-STL file starts with three
    digits, never with ``<``.
    """
    if not isinstance(data, bytes):
        return False
    head = _head(data)
    prolog = _PROLOG.match(head)
    tag = _ROOT_TAG.match(head, prolog.end() if prolog else 0)
    if tag is None:
        return False
    prefix = tag.group(1)
    return any(
        declared.group(1) == prefix and declared.group(3).strip() in NAMESPACES
        for declared in _NAMESPACE_DECLARATION.finditer(tag.group(2))
    )


@dataclass(frozen=True)
class _Rates:
    """The parameters that turn time expressions into seconds (TTML2 section 7.2)."""

    frame_rate: Fraction  # effective: ttp:frameRate times ttp:frameRateMultiplier
    nominal_frame_rate: int
    sub_frame_rate: int
    tick_rate: Fraction
    time_base: str
    drop_mode: str


@dataclass
class _TtmlCue(TimedCue):
    """A cue with its rows; each row is text pieces with the agent (speaker) of each."""

    rows: list[list[tuple[str, str | None]]] = field(default_factory=list)
    begin: Fraction = Fraction(0)


def _local(element: Any) -> str | None:
    """The local name of a TTML element, or None for other namespaces and comments."""
    if not isinstance(element.tag, str):
        return None
    name = etree.QName(element)
    return name.localname if name.namespace in NAMESPACES else None


def _attribute(element: Any, namespaces: tuple[str, ...], name: str) -> str | None:
    for namespace in namespaces:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return str(value)
    return None


def _ms(seconds: Fraction) -> int:
    return math.floor(seconds * 1000 + Fraction(1, 2))


class _Reader:
    def __init__(self, root: Any, source: str) -> None:
        self.root = root
        self.source = source
        if _local(root) != "tt":
            raise self.fail("the root element is not a TTML <tt>", root)
        self.notes: list[Diagnostic] = []
        self.rates = self._rates()
        self.agents = self._agents()
        self.unknown_agents: set[str] = set()
        self.cues: list[_TtmlCue] = []

    def fail(self, message: str, element: Any) -> InputError:
        return InputError(message, source=self.source, line=element.sourceline)

    # Parameters and agents ---------------------------------------------------------------

    def _parameter(self, name: str, pattern: re.Pattern[str]) -> re.Match[str] | None:
        value = _attribute(self.root, _PARAMETER, name)
        if value is None:
            return None
        match = pattern.fullmatch(value)
        if match is None:
            expected = "two positive integers" if pattern is _MULTIPLIER else "a positive integer"
            raise self.fail(f"ttp:{name}={value!r} must be {expected}", self.root)
        return match

    def _choice(self, name: str, default: str, allowed: tuple[str, ...]) -> str:
        value = (_attribute(self.root, _PARAMETER, name) or default).strip()
        if value not in allowed:
            raise self.fail(f"ttp:{name}={value!r} must be one of {', '.join(allowed)}", self.root)
        return value

    def _rates(self) -> _Rates:
        frame_rate = self._parameter("frameRate", _POSITIVE)
        multiplier = self._parameter("frameRateMultiplier", _MULTIPLIER)
        sub_frame_rate = self._parameter("subFrameRate", _POSITIVE)
        tick_rate = self._parameter("tickRate", _POSITIVE)
        nominal = int(frame_rate.group(1)) if frame_rate else 30  # ttp:frameRate: default 30
        effective = Fraction(nominal) * (
            Fraction(int(multiplier.group(1)), int(multiplier.group(2))) if multiplier else 1
        )
        sub_frames = int(sub_frame_rate.group(1)) if sub_frame_rate else 1
        if tick_rate:
            ticks = Fraction(int(tick_rate.group(1)))
        else:
            # ttp:tickRate, when absent: the effective frame rate times the sub-frame rate if a
            # frame rate is given, else one tick a second.
            ticks = effective * sub_frames if frame_rate else Fraction(1)
        time_base = self._choice("timeBase", "media", ("media", "smpte", "clock"))
        drop_mode = self._choice("dropMode", "nonDrop", ("nonDrop", "dropNTSC", "dropPAL"))
        if time_base == "smpte" and drop_mode == "dropPAL":
            raise self.fail("ttp:dropMode='dropPAL' is not supported", self.root)
        if time_base == "clock":
            self.notes.append(
                Diagnostic(
                    code="ttml-clock-time-base",
                    source=self.source,
                    message="ttp:timeBase='clock' is read as media time",
                )
            )
        return _Rates(effective, nominal, sub_frames, ticks, time_base, drop_mode)

    def _agents(self) -> dict[str, str]:
        """Speaker names by ``xml:id`` of every ``ttm:agent`` definition in the document."""
        agents: dict[str, str] = {}
        actors: dict[str, str] = {}
        defined: list[str] = []
        for namespace in _METADATA:
            for agent in self.root.iter(f"{{{namespace}}}agent"):
                identifier = agent.get(f"{{{_XML}}}id")
                if not identifier:
                    continue
                defined.append(identifier)
                names = [
                    (item.get("type"), " ".join("".join(item.itertext()).split()))
                    for item in agent
                    if isinstance(item.tag, str) and etree.QName(item).localname == "name"
                ]
                names = [(kind, name) for kind, name in names if name]
                full = [name for kind, name in names if kind == "full"]
                if full or names:
                    agents[identifier] = (full or [names[0][1]])[0]
                for item in agent:
                    if isinstance(item.tag, str) and etree.QName(item).localname == "actor":
                        actors[identifier] = item.get("agent", "")
        # A character without a name of its own is named by the actor who plays it.
        for identifier, actor in actors.items():
            if identifier not in agents and actor in agents:
                agents[identifier] = agents[actor]
        # An agent with no name at all is still defined: its id names it.
        for identifier in defined:
            agents.setdefault(identifier, identifier)
        return agents

    def _agent(self, element: Any, inherited: str | None) -> str | None:
        value = _attribute(element, _METADATA, "agent")
        if value is None:
            return inherited
        names = []
        for identifier in value.split():
            name = self.agents.get(identifier)
            if name is None:
                name = identifier
                if identifier not in self.unknown_agents:
                    self.unknown_agents.add(identifier)
                    self.notes.append(
                        Diagnostic(
                            code="ttml-unknown-agent",
                            source=self.source,
                            message=f"line {element.sourceline}: ttm:agent {identifier!r} is "
                            "not defined; its id is used as the speaker's name",
                        )
                    )
            names.append(name)
        distinct = list(dict.fromkeys(names))
        # Several agents on one element say who speaks in it, not which words are whose.
        return distinct[0] if len(distinct) == 1 else inherited

    # Times -------------------------------------------------------------------------------

    def _time(self, element: Any, name: str) -> Fraction | None:
        raw = element.get(name)
        if raw is None:
            return None
        text = raw.strip()
        seconds = self._seconds(text) if len(text) <= _MAX_EXPRESSION else None
        if seconds is None:
            raise self.fail(f"{name}={raw!r} is not a TTML time expression", element)
        if seconds > MAX_SECONDS:
            raise self.fail(f"{name}={raw!r} is implausibly large", element)
        return seconds

    def _seconds(self, text: str) -> Fraction | None:
        rates = self.rates
        offset = _OFFSET.fullmatch(text)
        if offset:
            count = Fraction(f"{offset.group(1)}.{offset.group(2) or 0}")
            unit = offset.group(3)
            if unit == "f":
                return count / rates.frame_rate
            if unit == "t":
                return count / rates.tick_rate
            return count * _UNIT_SECONDS[unit]
        clock = _CLOCK.fullmatch(text)
        if clock is None:
            return None
        hours, minutes, seconds = (int(clock.group(n)) for n in (1, 2, 3))
        if minutes > 59 or seconds > 59:
            return None
        whole = (hours * 60 + minutes) * 60 + seconds
        if clock.group(4) is not None:
            return whole + Fraction(f"0.{clock.group(4)}")
        if clock.group(5) is None:
            return Fraction(whole)
        frames = int(clock.group(5))
        sub_frames = int(clock.group(6) or 0)
        if frames >= rates.nominal_frame_rate or sub_frames >= rates.sub_frame_rate:
            return None
        fraction = Fraction(sub_frames, rates.sub_frame_rate)
        if rates.time_base != "smpte":
            return whole + (frames + fraction) / rates.frame_rate
        # SMPTE labels count frames at the nominal rate; drop-frame labels skip frames 0 and 1
        # of every minute not divisible by ten (SMPTE ST 12-1).
        label = whole * rates.nominal_frame_rate + frames
        if rates.drop_mode == "dropNTSC":
            total_minutes = hours * 60 + minutes
            label -= 2 * (total_minutes - total_minutes // 10)
        return (label + fraction) / rates.frame_rate

    def _container(self, element: Any) -> str:
        value = (element.get("timeContainer") or "par").strip()
        if value not in ("par", "seq"):
            raise self.fail(f"timeContainer={value!r} must be par or seq", element)
        return value

    def _timed_children(
        self,
        element: Any,
        begin: Fraction | None,
        end: Fraction | None,
        keep: Callable[[str], bool],
    ) -> Iterator[tuple[Any, str, Fraction | None, Fraction | None]]:
        """Each timed child with its absolute begin and end (None: cannot be determined)."""
        sequential = self._container(element) == "seq"
        sync = begin
        for child in element:
            local = _local(child)
            if local is None or not keep(local):
                continue
            child_begin, child_end = self._interval(child, sync, end)
            if sequential:
                sync = child_end  # timeContainer="seq": a child starts when the previous ends
            yield child, local, child_begin, child_end

    def _interval(
        self, element: Any, sync: Fraction | None, parent_end: Fraction | None
    ) -> tuple[Fraction | None, Fraction | None]:
        begin = self._time(element, "begin")
        end = self._time(element, "end")
        duration = self._time(element, "dur")
        if sync is None:
            return None, None
        start = sync + (begin or 0)
        stop = None if end is None else sync + end
        if duration is not None:
            stop = start + duration if stop is None else min(stop, start + duration)
        if stop is None:
            return start, parent_end  # no end of its own: it ends with its parent
        return start, stop if parent_end is None else min(stop, parent_end)

    def _latest_end(self, element: Any, begin: Fraction) -> Fraction | None:
        ends: list[Fraction] = []
        for child, _, child_begin, child_end in self._timed_children(
            element, begin, None, lambda local: local not in _NOT_TEXT and local != "br"
        ):
            if child_begin is None:
                continue
            if child_end is None:
                child_end = self._latest_end(child, child_begin)
            if child_end is not None:
                ends.append(child_end)
        return max(ends, default=None)

    # Structure and text ------------------------------------------------------------------

    def read(self) -> list[_TtmlCue]:
        space = self._space(self.root, preserve=False)
        agent = self._agent(self.root, None)
        body = None
        for child in self.root:
            if _local(child) == "body":
                body = child
        if body is not None:
            begin, end = self._interval(body, Fraction(0), None)
            self._walk(body, begin, end, self._agent(body, agent), self._space(body, space))
        if not self.cues:
            where = body if body is not None else self.root
            raise self.fail("no <p> with text in this TTML document", where)
        return self.cues

    def _space(self, element: Any, preserve: bool) -> bool:
        value = element.get(f"{{{_XML}}}space")
        return preserve if value is None else value.strip() == "preserve"

    def _walk(
        self,
        element: Any,
        begin: Fraction | None,
        end: Fraction | None,
        agent: str | None,
        preserve: bool,
    ) -> None:
        for child, local, child_begin, child_end in self._timed_children(
            element, begin, end, lambda local: local in ("div", "p")
        ):
            child_agent = self._agent(child, agent)
            child_preserve = self._space(child, preserve)
            if local == "div":
                self._walk(child, child_begin, child_end, child_agent, child_preserve)
            else:
                self._paragraph(child, child_begin, child_end, child_agent, child_preserve)

    def _paragraph(
        self,
        p: Any,
        begin: Fraction | None,
        end: Fraction | None,
        agent: str | None,
        preserve: bool,
    ) -> None:
        rows = self._rows(p, agent, preserve)
        if not any(piece.strip() for row in rows for piece, _ in row):
            return
        if begin is None:
            raise self.fail(
                "cannot tell when this cue begins: it follows, in a seq container, an element "
                "whose end is not known",
                p,
            )
        if end is None:
            end = self._latest_end(p, begin)
        if end is None:
            raise self.fail(
                "cannot tell when this cue ends: neither the <p>, its spans nor an enclosing "
                "div or body has an end or dur",
                p,
            )
        if begin > MAX_SECONDS or end > MAX_SECONDS:
            raise self.fail("cue time is implausibly large", p)
        text = " / ".join("".join(piece for piece, _ in row).strip() for row in rows)
        self.cues.append(_TtmlCue(_ms(begin), _ms(end), text, p.sourceline, rows=rows, begin=begin))

    def _rows(
        self, p: Any, agent: str | None, preserve: bool
    ) -> list[list[tuple[str, str | None]]]:
        rows: list[list[tuple[str, str | None]]] = [[]]

        def add(text: str, agent: str | None, preserve: bool) -> None:
            # xml:space="preserve": a line feed is a row break; by default ("default") it is
            # whitespace like any other, and whitespace runs collapse.
            parts = text.split("\n") if preserve else [text]
            rows[-1].append((parts[0], agent))
            for part in parts[1:]:
                rows.append([(part, agent)])

        def visit(element: Any, agent: str | None, preserve: bool) -> None:
            if element.text:
                add(element.text, agent, preserve)
            for child in element:
                local = _local(child)
                if local == "br":
                    rows.append([])
                elif local is not None and local not in _NOT_TEXT:
                    # span, and any other TTML element that holds text: keep its words.
                    visit(child, self._agent(child, agent), self._space(child, preserve))
                if child.tail:
                    add(child.tail, agent, preserve)

        visit(p, agent, preserve)
        return rows


def _words_of(cue: _TtmlCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    words: list[tuple[str, str | None]] = []
    for row in cue.rows:
        text = "".join(piece for piece, _ in row)
        if all(agent is None for _, agent in row):
            words.extend((word, speakers.current) for word in row_label(text, speakers).split())
            continue
        owners = [agent for piece, agent in row for _ in piece]
        for word in re.finditer(r"\S+", text):
            owner = owners[word.start()]
            if owner is not None:
                speakers.name(owner)
            words.append((word.group(), speakers.current))
    return words


def read_cues(data: bytes, *, source: str = "<bytes>") -> list[tuple[int, int, tuple[str, ...]]]:
    """The document's cues as ``(start_ms, end_ms, rows)`` in document order, as written.

    For checking a TTML file against subtitle rules (``cuecraft check``): no repair, no words.

    Raises:
        InputError: as :func:`read` does.
    """
    cues = _Reader(parse_xml(data, source=source), source).read()
    return [
        (cue.start_ms, cue.end_ms, tuple("".join(piece for piece, _ in row) for row in cue.rows))
        for cue in cues
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
    root = parse_xml(data, source=source)
    reader = _Reader(root, source)
    cues = reader.read()
    ordered = sorted(cues, key=lambda cue: cue.begin)
    moved = next((a for a, b in zip(cues, ordered, strict=True) if a is not b), None)
    if moved is not None:
        reader.notes.append(
            Diagnostic(
                code="ttml-order",
                source=source,
                severity="info",
                message=f"line {moved.line}: cues are not in document order by time "
                "(TTML times do not depend on it); sorted by begin time",
            )
        )
    namespace = etree.QName(root).namespace or ""
    metadata: dict[str, Any] = {"namespace": namespace}
    return transcript_from_cues(
        ordered,
        _words_of,
        source=source,
        reader="ttml",
        strict=strict,
        notes=reader.notes,
        language=language_code(root.get(f"{{{_XML}}}lang")),
        metadata=metadata,
    )


SPEC = ReaderSpec(
    name="ttml",
    kind="binary",  # parsed from bytes: the XML declaration may name UTF-16 or another encoding
    extensions=(".ttml", ".dfxp", ".xml"),
    sniff=sniff,
    read=read,
    description="TTML, DFXP, EBU-TT-D and IMSC1 subtitles (word times approximated in each cue)",
)
