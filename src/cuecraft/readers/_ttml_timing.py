"""TTML timing: how each element's begin and end are found (TTML1 section 10, TTML2 7.2).

Part of :mod:`cuecraft.readers.ttml` (whose docstring states the rules), split out to keep
modules small: :class:`Timing` reads the ``ttp:`` rates and time attributes, resolves
``par``/``seq`` containers, parent ends, times written from the document start, timed
regions, and the ends of roll-up cues.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Iterator
from fractions import Fraction
from typing import Any, Literal

from cuecraft.errors import InputError
from cuecraft.formats.ttml import PARAMETER, XML, parse_time, read_rates
from cuecraft.model import Diagnostic
from cuecraft.readers._spec import MAX_SECONDS
from cuecraft.readers._ttml_document import NOT_TEXT, TtmlCue, adopt_namespace, attribute, local

__all__ = ["Timing", "ms"]


def ms(seconds: Fraction) -> int:
    return math.floor(seconds * 1000 + Fraction(1, 2))


class Timing:
    """The timing half of the TTML reader (the text half is in :mod:`cuecraft.readers.ttml`)."""

    def __init__(self, root: Any, source: str) -> None:
        self.root = root
        self.source = source
        unqualified = adopt_namespace(root)
        if local(root) != "tt":
            raise self.fail("the root element is not a TTML <tt>", root)
        self.notes: list[Diagnostic] = []
        if unqualified:
            self.note(
                "ttml-no-namespace",
                f"line {root.sourceline}: <tt> without the TTML namespace; read as TTML",
                severity="info",
            )
        self.rates = read_rates(
            lambda name: attribute(root, PARAMETER, name),
            lambda message: self.fail(message, root),
        )
        multiplier = attribute(root, PARAMETER, "frameRateMultiplier")
        if multiplier is not None and ":" in multiplier:
            self.note(
                "ttml-parameter",
                f"line {root.sourceline}: ttp:frameRateMultiplier={multiplier!r} is written "
                "with a colon (TTML: two numbers and a space); read as numerator:denominator",
                severity="info",
            )
        if self.rates.time_base == "clock":
            self.note("ttml-clock-time-base", "ttp:timeBase='clock' is read as media time")
        # Non-TTML time expressions met: kind -> (first line, example, count).
        self.nonstandard: dict[str, tuple[int | None, str, int]] = {}
        self.counting = True  # off during the first pass over the times (_absolute_times)
        self.absolute = False
        self.outside: set[str] = set()  # paths of elements reported as outside their parent
        self.regions = self._regions()
        self.cues: list[TtmlCue] = []

    def _regions(self) -> dict[str, tuple[Fraction, Fraction | None]]:
        """Timed regions by ``xml:id`` (TTML2 section 9.3.3: begin and end from 0)."""
        regions = {}
        for element in self.root.iter():
            name = element.get(f"{{{XML}}}id")
            if local(element) != "region" or name is None:
                continue
            begin, end = self._interval(element, Fraction(0), None)
            if element.get("begin") is not None or end is not None:
                regions[name] = (begin or Fraction(0), end)
        return regions

    def fail(self, message: str, element: Any) -> InputError:
        return InputError(message, source=self.source, line=element.sourceline)

    # Times -------------------------------------------------------------------------------

    def note(
        self, code: str, message: str, *, severity: Literal["warning", "info"] = "warning"
    ) -> None:
        self.notes.append(
            Diagnostic(code=code, source=self.source, message=message, severity=severity)
        )

    def _time(self, element: Any, name: str) -> Fraction | None:
        raw = element.get(name)
        if raw is None:
            return None
        parsed = parse_time(raw.strip(), self.rates)
        if parsed is None:
            raise self.fail(f"{name}={raw!r} is not a TTML time expression", element)
        seconds, kind = parsed
        if seconds > MAX_SECONDS:
            raise self.fail(f"{name}={raw!r} is implausibly large", element)
        if kind is not None and self.counting:
            line, example, count = self.nonstandard.get(kind, (element.sourceline, raw, 0))
            self.nonstandard[kind] = (line, example, count + 1)
        return seconds

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
            name = local(child)
            if name is None or not keep(name):
                continue
            child_begin, child_end = self._interval(child, sync, end)
            if sequential:
                sync = child_end  # timeContainer="seq": a child starts when the previous ends
            yield child, name, child_begin, child_end

    def _interval(
        self, element: Any, sync: Fraction | None, parent_end: Fraction | None
    ) -> tuple[Fraction | None, Fraction | None]:
        begin = self._time(element, "begin")
        end = self._time(element, "end")
        duration = self._time(element, "dur")
        if sync is None:
            return None, None
        # TTML counts begin and end from the parent's begin; a document written with times
        # from its start on every level (self.absolute) is read as written.
        origin = Fraction(0) if self.absolute else sync
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
        if path not in self.outside:
            self.outside.add(path)
            self.note(
                "ttml-outside-parent",
                f"line {element.sourceline}: <{local(element)}> begins at {ms(start)} ms, "
                f"after its parent ends ({ms(parent_end)} ms), so TTML never shows it; kept "
                "with its own times",
            )
        return start, stop

    def _inner(self, element: Any, begin: Fraction) -> tuple[list[Fraction], list[Fraction]]:
        """The begins written inside ``element`` (absolute) and the ends of its children
        (a child with no end: the latest end inside it)."""
        begins: list[Fraction] = []
        ends: list[Fraction] = []
        for child, _, child_begin, child_end in self._timed_children(
            element, begin, None, lambda local: local not in NOT_TEXT and local != "br"
        ):
            if child_begin is None:
                continue
            if child.get("begin") is not None:
                begins.append(child_begin)
            inner_begins, inner_ends = self._inner(child, child_begin)
            begins += inner_begins
            if child_end is None:
                child_end = max(inner_ends, default=None)
            if child_end is not None:
                ends.append(child_end)
        return begins, ends

    def _region(self, p: Any) -> tuple[Fraction, Fraction | None] | None:
        """The interval of the region the ``<p>`` is shown in, when that region is timed."""
        for element in (p, *p.iterancestors()):
            name = element.get("region")
            if name is not None:
                return self.regions.get(name.strip())
        return None

    def _absolute_times(self, body: Any) -> bool:
        def children(element: Any) -> Iterator[Any]:
            return (child for child in element if local(child) not in (None, *NOT_TEXT))

        self.counting = False
        try:
            if not written_from_start(body, self._time, children):
                return False
        finally:
            self.counting = True
        self.note(
            "ttml-absolute-times",
            "nested elements carry times from the start of the document, not from their "
            "parent's begin as TTML says; read as written",
            severity="info",
        )
        return True

    def _close_open_ends(self) -> None:
        """Cues with no end anywhere (roll-up) end where the next cue begins."""
        open_cues = [cue for cue in self.cues if cue.open_end]
        if not open_cues:
            return
        ends = roll_up_ends(
            [cue.begin for cue in self.cues],
            [(cue.latest, len(" ".join(cue.text.split()))) for cue in open_cues],
        )
        for cue, end in zip(open_cues, ends, strict=True):
            cue.end_ms = ms(end)
        self.note(
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
