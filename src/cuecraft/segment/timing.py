"""Cue timing: from word times to cue times.

Each cue starts at its first word's start and ends at its last word's end (the latest end among
its words). It is then extended toward the minimum duration and toward the time its text needs
at the reading-speed limit, never past the next cue's start minus the minimum gap (Netflix GR
§1, §3, §7: the out-time may be extended for reading speed). When the next cue starts too soon
for the gap, this cue's end is pulled back so that the gap holds. A cue that still falls short
of the minimum duration starts earlier, into the free time before it (never closer than the
gap to the previous cue), as far as the minimum needs (#9).

No cue lasts longer than its duration limit (the per-row screen time times its rows, and
``max_duration_ms``), measured as a checker measures it: in whole milliseconds after every time
is rounded. A single word spoken for longer than that is shown for the limit only: the viewer
has read it by then, and the next cue still starts on time.

With a frame rate, every time is snapped to frame boundaries, the gap is counted in whole frames
and no cue is shorter than one frame. Without one, no cue is shorter than 1 ms.

Degenerate input (two cues whose first words start at the same instant, zero-length words)
could leave no room at all; then the later cue starts just after the earlier one plus the gap,
and a ``start-delayed`` diagnostic says so. Cues therefore never overlap, always keep the gap
and never collapse to zero length.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from types import ModuleType

from cuecraft.model import Cue, Diagnostic, Line, Transcript
from cuecraft.segment.notes import Notes, Pending
from cuecraft.segment.rules import Rules
from cuecraft.timing import frames_to_ms

__all__ = ["time_cue_firsts", "time_cues", "time_layout", "time_span_notes", "time_spans"]


def time_cues(
    transcript: Transcript, layout: Sequence[tuple[int, int, Sequence[Line]]], rules: Rules
) -> list[Cue]:
    """Give each laid-out cue ``(first, stop, lines)`` its times (see the module docstring)."""
    return time_layout(transcript, layout, rules)[0]


def _longest_units(start: int, limit_ms: int, scale: float, to_ms: Callable[[int], int]) -> int:
    """The most units a cue starting at ``start`` may last so that its length in ms, after
    both ends are rounded to ms, stays within ``limit_ms`` (never below one unit)."""
    units = max(1, math.floor(limit_ms * scale + 1e-9))
    while units > 1 and to_ms(start + units) - to_ms(start) > limit_ms:
        units -= 1
    return units


def _earliest_start(
    end: int, minimum_ms: int, floor: int, scale: float, to_ms: Callable[[int], int]
) -> int:
    """The latest start, not before ``floor``, that makes a cue ending at ``end`` last
    ``minimum_ms`` (``floor`` when even that is too late)."""
    start = end - max(1, math.ceil(minimum_ms * scale - 1e-9))
    while start < end - 1 and to_ms(end) - to_ms(start + 1) >= minimum_ms:
        start += 1
    while to_ms(end) - to_ms(start) < minimum_ms and start > floor:
        start -= 1
    return max(start, floor)


def time_layout(
    transcript: Transcript,
    layout: Sequence[tuple[int, int, Sequence[Line]]],
    rules: Rules,
    *,
    chars_per_second: float | None = None,
    extra_chars: Sequence[int] | None = None,
) -> tuple[list[Cue], list[Diagnostic]]:
    """Time the cues and report the ones that miss a timing target.

    Args:
        transcript: the words the layout refers to.
        layout: ``(first, stop, lines)`` per cue, in order, covering the words.
        rules: duration, reading speed, gap and frame-rate rules.
        chars_per_second: reading speed to time for, when it differs from the rules' (a
            language default); ``rules.max_chars_per_second`` when None.
        extra_chars: per cue, characters a writer adds to its rows (speaker labels), read
            with the text; none when None.

    Returns:
        The cues, and ``info`` diagnostics for cues under the minimum duration or over the
        reading speed, ``warning`` ones for cues that had to start after their first word.
    """
    chars = [sum(len(line.text) for line in lines) for _, _, lines in layout]
    if extra_chars is not None:
        chars = [count + extra for count, extra in zip(chars, extra_chars, strict=True)]
    starts, ends, diagnostics = time_spans(
        [word.start_ms for word in transcript.words],
        [word.end_ms for word in transcript.words],
        [(first, stop) for first, stop, _ in layout],
        chars,
        [len(lines) for _, _, lines in layout],
        rules,
        chars_per_second=chars_per_second,
    )
    cues = [
        Cue(start_ms=start, end_ms=end, lines=tuple(lines))
        for start, end, (_, _, lines) in zip(starts, ends, layout, strict=True)
    ]
    return cues, diagnostics


def time_spans(
    word_starts_ms: Sequence[int],
    word_ends_ms: Sequence[int],
    spans: Sequence[tuple[int, int]],
    chars: Sequence[int],
    row_counts: Sequence[int],
    rules: Rules,
    *,
    chars_per_second: float | None = None,
    kernel: ModuleType | None = None,
) -> tuple[list[int], list[int], list[Diagnostic]]:
    """:func:`time_span_notes` with the diagnostics made."""
    starts, ends, notes = time_span_notes(
        word_starts_ms,
        word_ends_ms,
        spans,
        chars,
        row_counts,
        rules,
        chars_per_second=chars_per_second,
        kernel=kernel,
    )
    return starts, ends, list(notes)


def time_span_notes(
    word_starts_ms: Sequence[int],
    word_ends_ms: Sequence[int],
    spans: Sequence[tuple[int, int]],
    chars: Sequence[int],
    row_counts: Sequence[int],
    rules: Rules,
    *,
    chars_per_second: float | None = None,
    kernel: ModuleType | None = None,
) -> tuple[list[int], list[int], Notes]:
    """Time cues given as word spans (the engine's form; :func:`time_layout` for lines).

    Args:
        word_starts_ms, word_ends_ms: the words' times.
        spans: ``(first, stop)`` word span of each cue, in order, covering the words.
        chars: characters each cue shows (its rows, with any labels the writer adds).
        row_counts: rows of each cue (the duration limit grows with them).
        rules, chars_per_second: as for :func:`time_layout`.
        kernel: the :mod:`~cuecraft.segment.cue_kernel` to time with when it is compiled
            (None: the active one); run as Python, the loop here does the same.

    Returns:
        The cues' start and end ms, and the diagnostics of :func:`time_layout`, made when
        first read (:class:`~cuecraft.segment.notes.Notes`).
    """
    cps = chars_per_second or rules.max_chars_per_second
    kernel = _cue_kernel(kernel)
    if kernel.COMPILED:
        firsts = [first for first, _ in spans]
        stops = [stop for _, stop in spans]
        columns = (word_starts_ms, word_ends_ms, firsts, stops, chars, row_counts)
        return _kernel_times(kernel, columns, rules, cps)
    fps = rules.frame_rate
    scale = 1.0 if fps is None else fps / 1000.0
    gap = _gap_units(rules)

    def unit(ms: float) -> int:
        return math.floor(ms * scale + 0.5)

    def to_ms(value: int) -> int:
        return value if fps is None else frames_to_ms(value, fps)

    count = len(spans)
    minimum = rules.min_duration_ms
    # The duration limit of a cue of r rows, for every r that occurs.
    limits = {rows: rules.longest_cue_ms(rows) for rows in set(row_counts)}
    if fps is None:
        from cuecraft.segment import python_steps  # only run as Python (compiled: the kernel)

        timed = python_steps.time_in_ms(
            word_starts_ms, word_ends_ms, spans, chars, row_counts, rules, cps
        )
        if timed is not None:
            return timed
    ends = word_ends_ms
    word_starts = [unit(word_starts_ms[first]) for first, _ in spans]
    cue_starts: list[int] = []
    cue_ends: list[int] = []
    diagnostics: list[Pending] = []
    previous_end: int | None = None
    for index, (first, stop) in enumerate(spans):
        start = word_starts[index]
        floor = 0 if previous_end is None else previous_end + gap
        if start < floor:
            delayed = start
            start = floor
            by_ms = to_ms(start) - to_ms(delayed)
            diagnostics.append((*_DELAYED, (index, first, by_ms, minimum)))
        last_end = ends[first] if stop - first == 1 else max(ends[first:stop])
        spoken_end = max(unit(last_end), start)
        shown = chars[index]
        wanted = max(minimum, shown * 1000.0 / cps)
        limit_ms = limits[row_counts[index]]
        longest = _longest_units(start, limit_ms, scale, to_ms)
        # A word spoken longer than the limit is shown for the limit only (#9).
        end = min(max(spoken_end, start + unit(wanted)), start + longest)
        if index + 1 < count:
            end = min(end, word_starts[index + 1] - gap)
        end = max(end, start + 1)
        if to_ms(end) - to_ms(start) < minimum and start > floor:
            # Still short: start earlier, into the free time before the cue (#9), within the
            # limit counted back from the end.
            earlier = _earliest_start(end, min(minimum, limit_ms), floor, scale, to_ms)
            while to_ms(end) - to_ms(earlier) > limit_ms:
                earlier += 1
            start = min(start, earlier)
        previous_end = end
        start_ms, end_ms = to_ms(start), to_ms(end)
        cue_starts.append(start_ms)
        cue_ends.append(end_ms)
        duration = end_ms - start_ms
        if duration < minimum:
            diagnostics.append((*_TOO_SHORT, (index, first, duration, minimum)))
        if shown * 1000 > cps * max(duration, 1):
            diagnostics.append((*_TOO_FAST, (index, first, shown, duration, cps)))
    return cue_starts, cue_ends, Notes(pending=diagnostics)


def time_cue_firsts(
    word_starts_ms: Sequence[int],
    word_ends_ms: Sequence[int],
    cue_firsts: Sequence[int],
    chars: Sequence[int],
    row_counts: Sequence[int],
    rules: Rules,
    *,
    kernel: ModuleType | None = None,
) -> tuple[list[int], list[int], Notes]:
    """:func:`time_span_notes` of cues that follow one another word after word, given by
    the first word of each, then the word count (cue ``c`` holds the words from
    ``cue_firsts[c]`` up to ``cue_firsts[c + 1]``): the engine's form. Compiled, the kernel
    reads these as they are, with no span per cue."""
    kernel = _cue_kernel(kernel)
    if not kernel.COMPILED:
        spans = list(itertools.pairwise(cue_firsts))
        return time_span_notes(
            word_starts_ms, word_ends_ms, spans, chars, row_counts, rules, kernel=kernel
        )
    firsts, stops = cue_firsts[:-1], cue_firsts[1:]
    columns = (word_starts_ms, word_ends_ms, firsts, stops, chars, row_counts)
    return _kernel_times(kernel, columns, rules, rules.max_chars_per_second)


def _cue_kernel(kernel: ModuleType | None) -> ModuleType:
    if kernel is None:
        from cuecraft.segment.compiled import active_kernel  # the kernel imports the engine

        kernel = active_kernel().cue_kernel
    return kernel


def _gap_units(rules: Rules) -> int:
    """The minimum gap between cues in the units cues are timed in (ms or frames)."""
    if rules.frame_rate is None:
        return rules.gap_ms
    # Whole frames, at least the gap in ms (the 0.02 absorbs the rounding of 2 frames to ms).
    scale = rules.frame_rate / 1000.0
    return max(0, math.ceil(rules.gap_ms * scale - 0.02))


def _kernel_times(
    kernel: ModuleType,
    columns: tuple[Sequence[int], ...],
    rules: Rules,
    cps: float,
) -> tuple[list[int], list[int], Notes]:
    """Cue times from the compiled kernel (``columns``: word starts and ends, and per cue
    its first word, its stop, its characters and its rows), with their diagnostics."""
    word_starts_ms, word_ends_ms, firsts, stops, chars, row_counts = columns
    minimum = rules.min_duration_ms
    # The duration limit of a cue of r rows, for every r that occurs.
    limits = {rows: rules.longest_cue_ms(rows) for rows in set(row_counts)}
    fps = rules.frame_rate
    starts, ends, events = kernel.time_cues(
        word_starts_ms,
        word_ends_ms,
        firsts,
        stops,
        chars,
        [limits[rows] for rows in row_counts],
        0.0 if fps is None else fps,
        _gap_units(rules),
        minimum,
        cps,
    )
    notes = {kernel.DELAYED: _DELAYED, kernel.TOO_SHORT: _TOO_SHORT}
    pending: list[Pending] = [
        (*notes[kind], (index, firsts[index], value, minimum))
        if kind in notes
        else (*_TOO_FAST, (index, firsts[index], chars[index], value, cps))
        for kind, index, value in events
    ]
    return list(starts), list(ends), Notes(pending=pending)


def _delayed(cue: int, first: int, by_ms: int, minimum: int) -> Diagnostic:
    return Diagnostic(
        code="start-delayed",
        message=(
            f"starts {by_ms} ms after its first word so that the previous cue stays visible "
            "and the gap holds"
        ),
        word_index=first,
        cue_index=cue,
    )


def _too_short(cue: int, first: int, duration: int, minimum: int) -> Diagnostic:
    return Diagnostic(
        code="too-short",
        message=(
            f"lasts {duration} ms, under the {minimum} ms minimum: "
            "the speech around it leaves no more room"
        ),
        word_index=first,
        cue_index=cue,
        severity="info",
    )


def _too_fast(cue: int, first: int, shown: int, duration: int, cps: float) -> Diagnostic:
    return Diagnostic(
        code="reading-speed",
        message=(
            f"{shown * 1000 / max(duration, 1):.1f} characters per second, over "
            f"the {cps:g} limit: the speech is faster than the text can be read"
        ),
        word_index=first,
        cue_index=cue,
        severity="info",
    )


# Each diagnostic's code and the function that makes it (Notes makes it when first read).
_DELAYED = ("start-delayed", _delayed)
_TOO_SHORT = ("too-short", _too_short)
_TOO_FAST = ("reading-speed", _too_fast)
