"""Facts about each boundary between two words, for the optimal segmenter.

For the boundary after word ``b``: the cost of ending a cue there, of breaking the row there
and of keeping both words on one row (the linguistic class of the boundary blended with the
pause, :mod:`cuecraft.segment.scoring`; the attach and keep-together costs of sound captions
and lyrics, :mod:`cuecraft.segment.captions`), whether a cue must end there (a long pause, a
speaker change) and whether a two-speaker cue may break its row there.
"""

from __future__ import annotations

import itertools
import operator
from array import array
from collections.abc import Collection, Iterable, Mapping, MutableSequence, Sequence
from types import ModuleType
from typing import NamedTuple

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.segment.captions import attachments, repeated_sentences
from cuecraft.segment.labels import text_width
from cuecraft.segment.learned import boundary_inputs, load_model, residual_parts
from cuecraft.segment.linguistics import Boundary, Language, boundary_codes, word_key
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import Weights, boundary_costs, pause_strength

__all__ = [
    "BoundaryFacts",
    "Pauses",
    "boundary_classes",
    "boundary_facts",
    "pause_strengths",
    "pauses",
]


class BoundaryFacts(NamedTuple):
    """Per-boundary costs and flags (index ``b`` is the boundary after word ``b``)."""

    cue_end: MutableSequence[float]
    line_end: MutableSequence[float]
    keep: MutableSequence[float]
    forced: list[bool]
    change: list[bool]


def boundary_facts(
    texts: Sequence[str],
    starts: Sequence[int],
    ends: Sequence[int],
    speakers: Sequence[str | None],
    rules: Rules,
    language: Language,
    weights: Weights,
    classifier: ModuleType | None = None,
    vocabulary: Collection[str] | None = None,
) -> BoundaryFacts:
    """The facts of every boundary of the words given as columns (text, start and end ms,
    speaker id per word; :class:`cuecraft.columns.WordTable` holds them). ``classifier``:
    the :mod:`~cuecraft.segment.boundary_kernel` to classify with (None: the active one);
    ``vocabulary``: the distinct texts, when the caller has them."""
    texts = list(texts)
    # Found once for every per-word pass below (each looks at a distinct word only once).
    vocabulary = set(texts) if vocabulary is None else vocabulary
    if classifier is None:
        # Resolved once here for the classes, the learned terms and the costs below.
        from cuecraft.segment.compiled import active_kernel  # the kernel imports this module

        classifier = active_kernel().boundary_kernel
    # Each distinct word's look-up form, for the classes and the learned terms.
    keys = {text: word_key(text) for text in vocabulary}
    classes, repeats = boundary_classes(texts, language, classifier, vocabulary, keys)
    forced_pause = rules.forced_pause_break_ms
    dual = rules.dual_speaker_dashes
    speaker_forces = rules.new_cue_on_speaker_change and not dual
    # A speaker label leads a row, so with labels a speaker change never falls inside a row:
    # it ends the cue, or (two rows allowed) breaks the row of a two-speaker cue.
    split_turns = rules.row_labels != "none" and not speaker_forces and not dual
    if split_turns and rules.max_rows < 2:
        speaker_forces = True
    row_change = dual or (split_turns and not speaker_forces)
    gaps: list[int] | None = None  # n - 1 of them
    if COLUMN_KERNEL.COMPILED and _long_arrays(starts, ends):
        gaps = COLUMN_KERNEL.gaps(starts, ends)  # one typed pass
    if gaps is None:
        gaps = list(map(operator.sub, itertools.islice(starts, 1, None), ends))
    limit = forced_pause if forced_pause is not None else max(gaps, default=0) + 1
    # The compiled kernel reads the strengths as C doubles: made as such, not converted.
    silences = pauses(gaps, rules, repeats, limit, doubles=classifier.COMPILED)
    strengths = silences.strengths
    learned = _learned(texts, classes, silences, language, weights, classifier, keys)
    if classifier.COMPILED:
        cue_end, line_end, keep = _compiled_costs(classifier, classes, strengths, weights, learned)
    else:
        cue_end, line_end, keep = _hand_costs(classes, strengths, weights, learned)
    forced = [False] * len(gaps)
    for b in silences.forced:
        forced[b] = True
    change = [False] * len(gaps)
    # Only the boundaries where the speaker changes (a few in a hundred), found at C speed.
    changed: list[int] = []
    if COLUMN_KERNEL.COMPILED:
        changed = COLUMN_KERNEL.changes(speakers)  # one typed pass
    elif speakers.count(speakers[0]) != len(speakers):
        differs = map(operator.ne, speakers, itertools.islice(speakers, 1, None))
        changed = list(itertools.compress(itertools.count(), differs))
    for b in changed:
        cue_end[b] = min(cue_end[b], weights.speaker_cue_end)
        forced[b] = forced[b] or speaker_forces
        change[b] = row_change
    _attach(texts, rules, language, weights, cue_end, line_end, vocabulary)
    # The forced boundaries, each once (a long pause can also be a speaker change).
    must_end = set(silences.forced).union(changed) if speaker_forces else silences.forced
    _lone_last_number(texts, must_end, weights, line_end)
    return BoundaryFacts(cue_end, line_end, keep, forced, change)


def _long_arrays(*columns: Sequence[int]) -> bool:
    # Word times as WordTable holds them: 64-bit arrays.
    return all(isinstance(column, array) and column.typecode == "q" for column in columns)


def _hand_costs(
    classes: Sequence[int],
    strengths: Sequence[float],
    weights: Weights,
    learned: tuple[Sequence[float], Sequence[float]] | None,
) -> tuple[list[float], list[float], list[float]]:
    """Cue-end, row-break and keep costs per boundary (:func:`~cuecraft.segment.scoring.
    boundary_costs`), lowered by the learned corrections, never below 0."""
    # Whole-list passes rather than one loop with branches: this runs on every boundary.
    # Classes are numbers that index lists; most boundaries have no pause.
    calm = [boundary_costs(member, 0.0, weights) for member in Boundary]
    paused = {
        (boundary, strength): boundary_costs(Boundary(boundary), strength, weights)
        for boundary, strength in zip(classes, strengths, strict=True)
        if strength
    }
    triples = [
        paused[boundary, strength] if strength else calm[boundary]
        for boundary, strength in zip(classes, strengths, strict=True)
    ]
    keep = [triple[2] for triple in triples]
    if learned is None:
        return [triple[0] for triple in triples], [triple[1] for triple in triples], keep
    # The learned model's log-odds lower (or raise) the hand costs; never below 0.
    end_scores, row_scores = learned
    cue_end = [
        e if (e := t[0] - s) > 0.0 else 0.0 for t, s in zip(triples, end_scores, strict=True)
    ]
    line_end = [
        r if (r := t[1] - s) > 0.0 else 0.0 for t, s in zip(triples, row_scores, strict=True)
    ]
    return cue_end, line_end, keep


def _compiled_costs(
    kernel: ModuleType,
    classes: Sequence[int],
    strengths: Sequence[float],
    weights: Weights,
    learned: tuple[Sequence[float], Sequence[float]] | None,
) -> tuple[MutableSequence[float], MutableSequence[float], MutableSequence[float]]:
    """:func:`_hand_costs` in the compiled kernel (the form of
    :func:`~cuecraft.segment.scoring.boundary_costs` is built into it: a test pins both)."""
    table = [
        value
        for member in Boundary
        for value in (
            weights.cue_end[member],
            weights.line_end[member],
            weights.keep[member],
            weights.pause_hold[member],
        )
    ]
    pause = (weights.pause_cue_end, weights.pause_line_end, weights.pause_keep)
    costs: tuple[MutableSequence[float], MutableSequence[float], MutableSequence[float]]
    costs = kernel.hand_costs(classes, strengths, table, pause, learned or ((), ()))
    return costs


def boundary_classes(
    texts: list[str],
    language: Language,
    classifier: ModuleType | None = None,
    vocabulary: Collection[str] | None = None,
    keys: Mapping[str, str] | None = None,
) -> tuple[MutableSequence[int], set[int]]:
    """The class of every boundary (a :class:`~cuecraft.segment.linguistics.Boundary`
    value), and the boundaries between repeated sentences ("No. | No."), which count as
    clause ends. ``vocabulary`` and ``keys``: as for :func:`~cuecraft.segment.linguistics.
    boundary_codes`."""
    classes = boundary_codes(texts, language, classifier, vocabulary, keys)
    repeats = set(repeated_sentences(texts, vocabulary=vocabulary))
    clause = int(Boundary.CLAUSE)
    for b in repeats:
        classes[b] = clause
    return classes, repeats


class Pauses(NamedTuple):
    """The silences between words, per boundary (:func:`pauses`)."""

    strengths: MutableSequence[float]
    """The :func:`~cuecraft.segment.scoring.pause_strength` of every boundary."""
    paused: list[int]
    """The boundaries whose strength is not 0, in order."""
    forced: list[int]
    """The boundaries whose silence forces a cue end (at least the limit), in order."""


def pauses(
    gaps: Sequence[int],
    rules: Rules,
    repeats: Collection[int],
    limit: int | None = None,
    *,
    doubles: bool = False,
) -> Pauses:
    """The :func:`~cuecraft.segment.scoring.pause_strength` of every boundary, from the
    silences between words (none between repeats too short to show alone), and where the
    silences are at least ``limit`` ms (None: nowhere). ``doubles``: the strengths as an
    array of C doubles (else a list)."""
    count = len(gaps)
    strengths: MutableSequence[float] = array("d", bytes(8 * count)) if doubles else [0.0] * count
    by_gap = {gap: pause_strength(gap, rules) for gap in set(gaps)}
    # Only the boundaries with a pause or a forced break need a look (a few in a hundred):
    # found by their gaps, at C speed.
    marked_gaps = {
        gap for gap, strength in by_gap.items() if strength or (limit is not None and gap >= limit)
    }
    marked: list[int] = []
    if marked_gaps and COLUMN_KERNEL.COMPILED:
        marked = COLUMN_KERNEL.where(gaps, marked_gaps)  # one typed pass
    elif marked_gaps:
        marked = list(itertools.compress(range(count), map(marked_gaps.__contains__, gaps)))
    minimum = rules.min_duration_ms
    paused: list[int] = []
    for b in marked:
        gap = gaps[b]
        strength = by_gap[gap]
        # "No. | No." with a breath between: cut there, each repeat would be too short to
        # read (#9); a pause long enough for the minimum duration still counts.
        if strength and (gap >= minimum or b not in repeats):
            strengths[b] = strength
            paused.append(b)
    forced = [] if limit is None else [b for b in marked if gaps[b] >= limit]
    return Pauses(strengths, paused, forced)


def pause_strengths(gaps: Sequence[int], rules: Rules, repeats: set[int]) -> list[float]:
    """The :func:`~cuecraft.segment.scoring.pause_strength` of every boundary, from the
    silences between words (none between repeats too short to show alone): the strengths
    of :func:`pauses`."""
    return list(pauses(gaps, rules, repeats).strengths)


def _learned(
    texts: list[str],
    classes: Sequence[int],
    silences: Pauses,
    language: Language,
    weights: Weights,
    kernel: ModuleType | None,
    keys: Mapping[str, str],
) -> tuple[Sequence[float], Sequence[float]] | None:
    """The learned corrections (cue end, row break) scaled by the weights, or None when the
    language has no model (:mod:`cuecraft.segment.learned`) or the weights turn it off.
    ``keys``: the :func:`~cuecraft.segment.linguistics.word_key` of each distinct text."""
    if weights.learned <= 0.0 or not classes:
        return None
    model = weights.boundary_model or load_model(language.code)
    if model is None or model.language != language.code:
        return None
    inputs = boundary_inputs(
        classes,
        silences.strengths,
        weights.pause_hold,
        texts,
        kernel,
        keys.keys(),
        silences.paused,
    )
    scales = (weights.learned * model.cue_end_scale, weights.learned * model.line_end_scale)
    return residual_parts(model, texts, inputs, scales, kernel, keys=keys)


def _lone_last_number(
    texts: list[str], ends: Iterable[int], weights: Weights, line_end: MutableSequence[float]
) -> None:
    """Price a row break before a bare number that must end its cue ("This is row | 18" at
    the end of the text or before a forced boundary, ``ends``: each once): a last row of
    digits only reads as the next cue's number to SRT readers, and a number alone on a row
    is an orphan."""
    last = len(texts) - 1
    for word in [*ends, last]:
        if word > 0 and texts[word].isdigit():
            line_end[word - 1] += weights.attach


def _attach(
    texts: list[str],
    rules: Rules,
    language: Language,
    weights: Weights,
    cue_end: MutableSequence[float],
    line_end: MutableSequence[float],
    vocabulary: Collection[str],
) -> None:
    """Price breaks that strand a bracket or music note, or split a caption (#9; see
    :mod:`cuecraft.segment.captions`). Costs, not limits, so a hard limit can still win."""
    found = attachments(texts, vocabulary)
    for b in itertools.compress(itertools.count(), found.glue):
        cue_end[b] += weights.attach
        line_end[b] += weights.attach
    sep = len(language.separator)
    rows = rules.max_rows
    for first, last in found.spans:
        width = sum(text_width(text) for text in texts[first : last + 1]) + sep * (last - first)
        fits_row = width <= rules.max_chars_per_row
        if not fits_row and width > rows * rules.max_chars_per_row + (rows - 1) * sep:
            continue  # longer than a cue: break it where it reads best
        for b in range(first, last):
            cue_end[b] += weights.keep_together
            if fits_row:
                line_end[b] += weights.keep_together
