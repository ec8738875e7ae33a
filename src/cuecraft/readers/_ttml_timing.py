"""TTML timing: how each element's begin and end are found (TTML1 section 10, TTML2 7.2).

Part of :mod:`cuecraft.readers.ttml` (whose docstring states the rules), split out to keep
modules small. Functions over a :class:`Context` (the document's rates, whether its times are
written from the start, its timed regions) and a :class:`Findings` record (the notes made on
the way): the ``ttp:`` rates and time attributes, ``par``/``seq`` containers, parent ends,
times written from the document start, timed regions, and the ends of roll-up cues.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from cuecraft.errors import InputError
from cuecraft.formats.ttml import PARAMETER, XML, Rates, parse_time, read_rates
from cuecraft.model import Diagnostic
from cuecraft.readers._spec import MAX_SECONDS
from cuecraft.readers._ttml_document import NOT_TEXT, TtmlCue, attribute, local

__all__ = [
    "Context",
    "Findings",
    "Interval",
    "absolute_times",
    "close_open_ends",
    "fail",
    "inner_times",
    "interval",
    "ms",
    "rates_of",
    "region_of",
    "regions_of",
    "timed_children",
]

Interval = tuple[Fraction | None, Fraction | None]
"""A begin and an end in seconds; None where it cannot be determined or is left open."""


def ms(seconds: Fraction) -> int:
    return math.floor(seconds * 1000 + Fraction(1, 2))


def fail(source: str, message: str, element: Any) -> InputError:
    return InputError(message, source=source, line=element.sourceline)


@dataclass
class Findings:
    """What reading a document noticed, in the order it was noticed."""

    source: str
    notes: list[Diagnostic] = field(default_factory=list)
    # Non-TTML time expressions met: kind -> (first line, example, count).
    nonstandard: dict[str, tuple[int | None, str, int]] = field(default_factory=dict)
    left_out: dict[str, tuple[int | None, int]] = field(default_factory=dict)  # kind -> line, n
    outside: set[str] = field(default_factory=set)  # paths reported as outside their parent
    unknown_agents: set[str] = field(default_factory=set)
    made_up: list[int | None] = field(default_factory=list)  # lines of <p> given made-up times

    def note(
        self, code: str, message: str, *, severity: Literal["warning", "info"] = "warning"
    ) -> None:
        self.notes.append(
            Diagnostic(code=code, source=self.source, message=message, severity=severity)
        )


@dataclass(frozen=True)
class Context:
    """How the document's times read: its rates, whether nested times count from the document
    start (``absolute``), its timed regions, and where findings go."""

    source: str
    rates: Rates
    findings: Findings
    absolute: bool = False
    regions: dict[str, tuple[Fraction, Fraction | None]] = field(default_factory=dict)
    counting: bool = True  # count non-TTML time expressions (off for a first look)


def rates_of(root: Any, findings: Findings) -> Rates:
    """The root's ``ttp:`` rates, with a note on a lax multiplier or the clock time base."""
    rates = read_rates(
        lambda name: attribute(root, PARAMETER, name),
        lambda message: fail(findings.source, message, root),
    )
    multiplier = attribute(root, PARAMETER, "frameRateMultiplier")
    if multiplier is not None and ":" in multiplier:
        findings.note(
            "ttml-parameter",
            f"line {root.sourceline}: ttp:frameRateMultiplier={multiplier!r} is written "
            "with a colon (TTML: two numbers and a space); read as numerator:denominator",
            severity="info",
        )
    if rates.time_base == "clock":
        findings.note("ttml-clock-time-base", "ttp:timeBase='clock' is read as media time")
    return rates


def regions_of(root: Any, context: Context) -> dict[str, tuple[Fraction, Fraction | None]]:
    """Timed regions by ``xml:id`` (TTML2 section 9.3.3: begin and end from 0)."""
    regions = {}
    for element in root.iter():
        name = element.get(f"{{{XML}}}id")
        if local(element) != "region" or name is None:
            continue
        begin, end = interval(element, Fraction(0), None, context)
        if element.get("begin") is not None or end is not None:
            regions[name] = (begin or Fraction(0), end)
    return regions


def _time(element: Any, name: str, context: Context) -> Fraction | None:
    raw = element.get(name)
    if raw is None:
        return None
    parsed = parse_time(raw.strip(), context.rates)
    if parsed is None:
        raise fail(context.source, f"{name}={raw!r} is not a TTML time expression", element)
    seconds, kind = parsed
    if seconds > MAX_SECONDS:
        raise fail(context.source, f"{name}={raw!r} is implausibly large", element)
    if kind is not None and context.counting:
        found = context.findings.nonstandard
        line, example, count = found.get(kind, (element.sourceline, raw, 0))
        found[kind] = (line, example, count + 1)
    return seconds


def _container(element: Any, source: str) -> str:
    value = (element.get("timeContainer") or "par").strip()
    if value not in ("par", "seq"):
        raise fail(source, f"timeContainer={value!r} must be par or seq", element)
    return value


def timed_children(
    element: Any,
    begin: Fraction | None,
    end: Fraction | None,
    keep: Callable[[str], bool],
    context: Context,
) -> Iterator[tuple[Any, str, Fraction | None, Fraction | None]]:
    """Each timed child with its absolute begin and end (None: cannot be determined)."""
    sequential = _container(element, context.source) == "seq"
    sync = begin
    for child in element:
        name = local(child)
        if name is None or not keep(name):
            continue
        child_begin, child_end = interval(child, sync, end, context)
        if sequential:
            sync = child_end  # timeContainer="seq": a child starts when the previous ends
        yield child, name, child_begin, child_end


def interval(
    element: Any, sync: Fraction | None, parent_end: Fraction | None, context: Context
) -> Interval:
    """The absolute begin and end of ``element`` whose parent (or previous sibling in a
    ``seq``) sets ``sync`` and ends at ``parent_end``."""
    begin = _time(element, "begin", context)
    end = _time(element, "end", context)
    duration = _time(element, "dur", context)
    if sync is None:
        return None, None
    # TTML counts begin and end from the parent's begin; a document written with times
    # from its start on every level (context.absolute) is read as written.
    origin = Fraction(0) if context.absolute else sync
    start = sync if begin is None else origin + begin
    stop = None if end is None else origin + end
    if duration is not None:
        stop = start + duration if stop is None else min(stop, start + duration)
    if parent_end is None or (stop is not None and stop <= parent_end):
        return start, stop  # no end at all (None): the cue ends where the next begins
    if parent_end > start:
        return start, parent_end if stop is None else min(stop, parent_end)
    # It begins when its parent has ended: TTML would never show it. Keep its words.
    path = element.getroottree().getpath(element)  # lxml proxies have no stable id()
    if path not in context.findings.outside:
        context.findings.outside.add(path)
        context.findings.note(
            "ttml-outside-parent",
            f"line {element.sourceline}: <{local(element)}> begins at {ms(start)} ms, "
            f"after its parent ends ({ms(parent_end)} ms), so TTML never shows it; kept "
            "with its own times",
        )
    return start, stop


def inner_times(
    element: Any, begin: Fraction, context: Context
) -> tuple[list[Fraction], list[Fraction]]:
    """The begins written inside ``element`` (absolute) and the ends of its children
    (a child with no end: the latest end inside it)."""
    begins: list[Fraction] = []
    ends: list[Fraction] = []
    for child, _, child_begin, child_end in timed_children(
        element, begin, None, lambda local: local not in NOT_TEXT and local != "br", context
    ):
        if child_begin is None:
            continue
        if child.get("begin") is not None:
            begins.append(child_begin)
        inner_begins, inner_ends = inner_times(child, child_begin, context)
        begins += inner_begins
        if child_end is None:
            child_end = max(inner_ends, default=None)
        if child_end is not None:
            ends.append(child_end)
    return begins, ends


def region_of(p: Any, context: Context) -> tuple[Fraction, Fraction | None] | None:
    """The interval of the region the ``<p>`` is shown in, when that region is timed."""
    for element in (p, *p.iterancestors()):
        name = element.get("region")
        if name is not None:
            return context.regions.get(name.strip())
    return None


def absolute_times(body: Any, context: Context) -> bool:
    """Whether the document writes nested times from its start (with a note when it does)."""

    def children(element: Any) -> Iterator[Any]:
        return (child for child in element if local(child) not in (None, *NOT_TEXT))

    first_look = Context(context.source, context.rates, context.findings, counting=False)
    if not written_from_start(body, lambda e, name: _time(e, name, first_look), children):
        return False
    context.findings.note(
        "ttml-absolute-times",
        "nested elements carry times from the start of the document, not from their "
        "parent's begin as TTML says; read as written",
        severity="info",
    )
    return True


def close_open_ends(cues: list[TtmlCue], findings: Findings) -> None:
    """Cues with no end anywhere (roll-up) end where the next cue begins."""
    open_cues = [cue for cue in cues if cue.open_end]
    if not open_cues:
        return
    ends = roll_up_ends(
        [cue.begin for cue in cues],
        [(cue.latest, len(" ".join(cue.text.split()))) for cue in open_cues],
    )
    for cue, end in zip(open_cues, ends, strict=True):
        cue.end_ms = ms(end)
    findings.note(
        "ttml-open-end",
        f"line {open_cues[0].line}: {len(open_cues)} cue(s) have no end (neither the <p>, "
        "its spans nor a parent has end or dur): each ends where the next cue begins, the "
        "last after a reading time of 15 characters a second (at least 1 s)",
    )


def written_from_start(
    body: Any,
    time: Callable[[Any, str], Fraction | None],
    children: Callable[[Any], Iterable[Any]],
) -> bool:
    """Whether nested times count from the document start, not from the parent's begin.

    Apple Music lyrics and other real files write ``<div begin="34.181">`` and inside it
    ``<p begin="34.181">`` meaning the same instant. Read as TTML (from the parent's begin)
    some element would then begin after its parent ends, and never be shown; read as written,
    every element lies inside its parent. Only when both hold is the document read as written,
    and never with a ``seq`` container. ``time(element, name)`` reads a time attribute;
    ``children(element)`` gives the elements that may be timed.
    """
    inside = True
    never_shown = False

    def visit(element: Any, parent_begin: Fraction, parent_end: Fraction | None) -> None:
        nonlocal inside, never_shown
        for child in children(element):
            if (child.get("timeContainer") or "").strip() == "seq":
                inside = False
            begin = time(child, "begin")
            if begin is None:
                visit(child, parent_begin, parent_end)
                continue
            if begin < parent_begin or (parent_end is not None and begin > parent_end):
                inside = False
            if parent_end is not None and parent_begin > 0 and parent_begin + begin >= parent_end:
                never_shown = True  # read from the parent's begin, it would start too late
            end = time(child, "end")
            duration = time(child, "dur")
            visit(child, begin, begin + duration if end is None and duration else end)

    begin = time(body, "begin") or Fraction(0)
    end = time(body, "end")
    duration = time(body, "dur")
    visit(body, begin, begin + duration if end is None and duration else end)
    return inside and never_shown


def roll_up_ends(begins: list[Fraction], open_cues: list[tuple[Fraction, int]]) -> list[Fraction]:
    """Ends for cues that have none: the next later begin among ``begins``; for the last, a
    reading time of 15 characters a second, at least 1 s (``open_cues``: begin, characters).
    """
    starts = sorted(set(begins))
    ends = []
    for begin, characters in open_cues:
        later = bisect.bisect_right(starts, begin)
        if later < len(starts):
            ends.append(starts[later])
        else:
            ends.append(begin + max(Fraction(1), Fraction(characters, 15)))
    return ends
