"""TTML document-level helpers: sniffing, element names, agents, text rows.

Part of :mod:`cuecraft.readers.ttml` (whose docstring states the rules), split out to keep
modules small.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Final

from cuecraft.formats.ttml import METADATA, NAMESPACES, NONSTANDARD, STYLING, XML
from cuecraft.readers._subtitles import SpeakerState, TimedCue, row_label

__all__ = [
    "NOT_TEXT",
    "TtmlCue",
    "adopt_namespace",
    "agent_names",
    "attribute",
    "local",
    "namespace_of",
    "notes_on_reading",
    "sniff",
    "text_rows",
    "words_of",
]

NOT_TEXT: Final = frozenset({"metadata", "set", "animate", "animation", "style", "region"})
# TTML2 tts:ruby values whose text annotates the base text (section 10.2.35).
RUBY_NOT_BASE: Final = frozenset({"text", "textContainer", "delimiter"})
# ttm:role values of text that is not what is said: Apple Music / AMLL lyrics files carry a
# translation and a transliteration of each line inside the line itself.
NOT_SAID: Final = frozenset({"x-translation", "x-roman", "x-transliteration"})

# The root start tag, read one attribute at a time (no repeated group of unbounded parts):
# its name, then name="value" pairs, then ">" or "/>".
_ROOT_NAME: Final = re.compile(r"<(?:([A-Za-z_][\w.\-]*):)?tt(?=[\s/>])")
_ATTRIBUTE: Final = re.compile(r"\s+([^\s=/>]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")
_TAG_END: Final = re.compile(r"\s*/?>")


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


def _prolog_end(head: str) -> int:
    """Where the root element may start: after white space, an XML declaration, processing
    instructions, comments and a DOCTYPE (which parse_xml then refuses with a clear message).

    A plain scan with str.find, linear in the text (a regex with a repeated group of
    unbounded parts took seconds on ``<!DOCTYPE[]]]...``).
    """
    position = 0
    while position < len(head):
        if head[position].isspace():
            position += 1
            continue
        if head.startswith("<?", position):
            end = head.find("?>", position + 2)
            after = end + 2
        elif head.startswith("<!--", position):
            end = head.find("-->", position + 4)
            after = end + 3
        elif head.startswith("<!DOCTYPE", position):
            close = head.find(">", position)
            subset = head.find("[", position, close if close >= 0 else len(head))
            if subset >= 0:  # an internal subset may hold ">": skip to its "]" first
                bracket = head.find("]", subset)
                close = head.find(">", bracket) if bracket >= 0 else -1
            end = close
            after = close + 1
        else:
            break
        if end < 0:
            break
        position = after
    return position


def sniff(data: Any) -> bool:
    """Bytes whose root element is ``tt`` in a TTML or DFXP namespace (no full parse).

    Looks only at the first 16 KiB: a prolog, then the root start tag, whose own namespace
    declaration must bind its prefix (or the default namespace) to one of :data:`NAMESPACES`,
    or an unprefixed ``tt`` declares no namespace at all (read as TTML, see
    :func:`adopt_namespace`).
    XML that is not TTML (DOCX parts, RSS, a ``tt`` element of another namespace) is refused,
    and so is everything the other binary reader claims: an EBU-STL file starts with three
    digits, never with ``<``.
    """
    if not isinstance(data, bytes):
        return False
    head = _head(data)
    name = _ROOT_NAME.match(head, _prolog_end(head))
    if name is None:
        return False
    declared: dict[str | None, str] = {}
    position = name.end()
    while (attribute := _ATTRIBUTE.match(head, position)) is not None:
        key = attribute.group(1)
        value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
        if key == "xmlns":
            declared[None] = value.strip()
        elif key.startswith("xmlns:"):
            declared[key[len("xmlns:") :]] = value.strip()
        position = attribute.end()
    if _TAG_END.match(head, position) is None:
        return False
    if name.group(1) is None and None not in declared:
        return True  # <tt> in no namespace at all (astisub writes it): read as TTML
    return declared.get(name.group(1)) in NAMESPACES


def adopt_namespace(root: Any) -> bool:
    """Put a ``<tt>`` root written without any namespace, and every element in no namespace
    under it, into the TTML namespace; True when it did (the document is read as TTML)."""
    if not isinstance(root.tag, str) or root.tag != "tt":
        return False
    for element in root.iter():
        if isinstance(element.tag, str) and not element.tag.startswith("{"):
            element.tag = f"{{{NAMESPACES[0]}}}{element.tag}"
    return True


def local(element: Any) -> str | None:
    """The local name of a TTML element, or None for other namespaces and comments."""
    tag = element.tag
    # lxml writes a namespaced name as "{namespace}local" (what etree.QName splits).
    if not isinstance(tag, str) or not tag.startswith("{"):
        return None
    namespace, _, name = tag[1:].partition("}")
    return name if namespace in NAMESPACES else None


def namespace_of(element: Any) -> str:
    """The namespace of an element's name ("" for none)."""
    tag = element.tag
    return tag[1:].partition("}")[0] if isinstance(tag, str) and tag.startswith("{") else ""


def attribute(element: Any, namespaces: tuple[str, ...], name: str) -> str | None:
    for namespace in namespaces:
        value = element.get(f"{{{namespace}}}{name}")
        if value is not None:
            return str(value)
    return None


def agent_names(root: Any) -> dict[str, str]:
    """Speaker names by ``xml:id`` of every ``ttm:agent`` definition in the document."""
    agents: dict[str, str] = {}
    actors: dict[str, str] = {}
    defined: list[str] = []
    for namespace in METADATA:
        for agent in root.iter(f"{{{namespace}}}agent"):
            identifier = agent.get(f"{{{XML}}}id")
            if not identifier:
                continue
            defined.append(identifier)
            names = [
                (item.get("type"), " ".join("".join(item.itertext()).split()))
                for item in agent
                if isinstance(item.tag, str) and item.tag.rpartition("}")[2] == "name"
            ]
            names = [(kind, name) for kind, name in names if name]
            full = [name for kind, name in names if kind == "full"]
            if full or names:
                agents[identifier] = (full or [names[0][1]])[0]
            for item in agent:
                if isinstance(item.tag, str) and item.tag.rpartition("}")[2] == "actor":
                    actors[identifier] = item.get("agent", "")
    # A character without a name of its own is named by the actor who plays it.
    for identifier, actor in actors.items():
        if identifier not in agents and actor in agents:
            agents[identifier] = agents[actor]
    # An agent with no name at all is still defined: its id names it.
    for identifier in defined:
        agents.setdefault(identifier, identifier)
    return agents


Rows = list[list[tuple[str, str | None]]]


def _left_out(element: Any, name: str | None) -> str | None:
    """Why an element's text is not words said (a ruby annotation, a translation)."""
    if name in ("rt", "rp") or attribute(element, STYLING, "ruby") in RUBY_NOT_BASE:
        return "ruby"
    role = attribute(element, METADATA, "role")
    return role if role in NOT_SAID else None


def text_rows(
    p: Any,
    agent: str | None,
    preserve: bool,
    agent_of: Callable[[Any, str | None], str | None],
    space_of: Callable[[Any, bool], bool],
    left_out: dict[str, tuple[int | None, int]],
) -> Rows:
    """The rows of a ``<p>``: text pieces with the agent of each.

    ``agent_of``/``space_of`` give an element's agent and ``xml:space`` from its parent's;
    text that is not said (ruby annotations, ``ttm:role`` translations) is counted in
    ``left_out`` by kind, with the line of the first one.
    """
    rows: Rows = [[]]

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
            name = local(child)
            kind = _left_out(child, name)
            if kind is not None:
                line, count = left_out.get(kind, (child.sourceline, 0))
                left_out[kind] = (line, count + 1)
            elif name == "br":
                rows.append([])
            elif name is not None and name not in NOT_TEXT:
                # span, and any other TTML element that holds text: keep its words.
                visit(child, agent_of(child, agent), space_of(child, preserve))
            elif name is None and isinstance(child.tag, str) and "".join(child.itertext()).strip():
                line, count = left_out.get("foreign", (child.sourceline, 0))
                left_out["foreign"] = (line, count + 1)
            if child.tail:
                add(child.tail, agent, preserve)

    visit(p, agent, preserve)
    return rows


@dataclass
class TtmlCue(TimedCue):
    """A cue with its rows; each row is text pieces with the agent (speaker) of each."""

    rows: Rows = field(default_factory=list)
    begin: Fraction = Fraction(0)
    open_end: bool = False  # no end anywhere: set from the next cue's begin
    latest: Fraction = Fraction(0)  # the latest begin written in it (roll-up spans)


def words_of(cue: TtmlCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
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


def notes_on_reading(
    nonstandard: dict[str, tuple[int | None, str, int]],
    left_out: dict[str, tuple[int | None, int]],
) -> list[tuple[str, str]]:
    """``(code, message)`` of the info notes: time forms TTML does not allow (kind -> first
    line, example, count) and text left out on purpose (kind -> first line, count)."""
    notes = []
    for kind, (line, example, count) in nonstandard.items():
        more = f" and {count - 1} more time(s)" if count > 1 else ""
        notes.append(
            (
                "ttml-time-expression",
                f"line {line}: {example!r}{more} use {NONSTANDARD[kind]}, which TTML does not "
                "allow; read as meant",
            )
        )
    for kind, (line, count) in left_out.items():
        what = {
            "ruby": "ruby annotation(s) (rt, rp, tts:ruby text; the base text is kept)",
            "stray": "piece(s) of text outside any <p> (TTML shows only text in a <p>)",
            "foreign": "element(s) of other namespaces with text inside a <p> (not TTML text)",
        }.get(kind, f"span(s) with ttm:role {kind!r} (not the words said)")
        notes.append(("ttml-left-out", f"line {line}: left out {count} {what}"))
    return notes
