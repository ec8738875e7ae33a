"""The penalties the optimal engine minimises; each one small, named and tested alone.

A segmentation's total cost is the sum of

- per boundary between two words (:func:`boundary_costs`): the cost of ending a cue there,
  of breaking the row there, or of keeping both words on one row. The linguistic class of the
  boundary (:class:`~cuecraft.segment.linguistics.Boundary`) sets the base costs and
  :func:`pause_strength` blends them toward the pause costs;
- per cue: :attr:`Weights.cue` (so that the engine does not cut everywhere),
  :func:`duration_cost` and :func:`reading_speed_cost` on the duration the cue can get;
- per multi-row cue: :func:`shape_cost` (balance, pyramid) and :func:`orphan_cost`, and
  :attr:`Weights.dual_speaker` for a dash cue holding two speakers;
- per break that strands a bracket or music note, or splits a sound caption or lyric:
  :attr:`Weights.attach` and :attr:`Weights.keep_together` (:mod:`cuecraft.segment.captions`).

Hard limits (row length, rows, durations, forced boundaries) are not costs: the engine never
considers a layout that breaks one. The default weights were fitted on the TED dev set
(``benchmarks/segmentation_quality.py``): the boundary costs start from the log-odds of a human
cue end / line break per boundary class, then all were tuned by hand for break F1 and Sigma;
``balance`` was chosen by 5-fold cross-validation with the learned costs. For English, a learned
per-boundary correction (:mod:`cuecraft.segment.learned`, applied in
:mod:`cuecraft.segment.boundaries`) refines the class costs by word, length and position.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from cuecraft.segment.learned import BoundaryModel
from cuecraft.segment.linguistics import Boundary
from cuecraft.segment.rules import Rules

__all__ = [
    "DEFAULT_WEIGHTS",
    "Weights",
    "boundary_costs",
    "duration_cost",
    "orphan_cost",
    "pause_strength",
    "reading_speed_cost",
    "shape_cost",
]


def _per_class(**costs: float) -> tuple[float, ...]:
    return tuple(costs[member.name.lower()] for member in Boundary)


@dataclass(frozen=True)
class Weights:
    """Every weight of the cost model. Costs are unitless; only their ratios matter.

    Attributes:
        cue_end: cost of ending a cue at a boundary, indexed by :class:`Boundary`.
        line_end: cost of a row break inside a cue, indexed by :class:`Boundary`.
        keep: cost of keeping the two words of a boundary on one row, by :class:`Boundary`.
        pause_hold: the share of a boundary's class costs that a pause cannot remove, by
            :class:`Boundary`: 0 where a style guide allows a break (the pause decides), more
            where it forbids one (inside a noun phrase, after a preposition, conjunction,
            auxiliary or subject pronoun, inside a name). A silence there is a hesitation,
            not the end of a thought: it makes the break cheaper, never attractive.
        pause_cue_end, pause_line_end, pause_keep: the same three at a full-strength pause
            on a boundary without hold (:func:`pause_strength` blends between the class
            costs and these).
        speaker_cue_end: cost of ending a cue at a speaker change (when that is not forced).
        cue: fixed cost of every cue.
        too_short: cost of a cue that cannot reach the minimum duration, at 0 ms.
        reading_speed: cost per unit of relative excess over the reading-speed limit.
        balance: cost of two rows of a cue differing by a full row length.
        pyramid: extra cost of a top row longer than the one below, per full row length.
        orphan: cost of a row holding a single word when the cue has more.
        dual_speaker: cost of putting two speakers in one dash cue instead of two cues.
        attach: cost of a row or cue end after an opening bracket or music note standing
            alone, or before a closing one (high: only a hard limit should force it).
        keep_together: cost of a cue end inside a bracketed caption or lyric that fits a
            cue, and of a row break inside one that fits a row.
        learned: scale of the learned per-boundary corrections
            (:mod:`cuecraft.segment.learned`; 0 turns them off: the hand rules alone).
        boundary_model: the learned model to use instead of the language's shipped one
            (for cross-validation); it applies only to the language it was fitted on.
    """

    cue_end: tuple[float, ...] = _per_class(
        sentence=0.8,
        clause=1.6,
        before_conjunction=3.1,
        before_preposition=5.5,
        before_opening=6.5,
        before_phrase=7.0,
        neutral=7.4,
        after_conjunction=13.5,
        after_auxiliary=13.0,
        after_pronoun=13.5,
        after_preposition=14.0,
        before_particle=8.0,
        after_negation=13.5,
        after_determiner=14.0,
        name=13.5,
        before_verb=7.4,
    )
    line_end: tuple[float, ...] = _per_class(
        sentence=4.0,
        clause=1.5,
        before_conjunction=0.8,
        before_preposition=0.8,
        before_opening=2.2,
        before_phrase=0.8,
        neutral=2.9,
        after_conjunction=6.4,
        after_auxiliary=5.1,
        after_pronoun=6.0,
        after_preposition=7.3,
        before_particle=2.7,
        after_negation=5.0,
        after_determiner=6.2,
        name=4.2,
        before_verb=0.8,
    )
    keep: tuple[float, ...] = _per_class(
        sentence=3.5,
        clause=1.2,
        before_conjunction=0.0,
        before_preposition=0.0,
        before_opening=0.0,
        before_phrase=0.0,
        neutral=0.0,
        after_conjunction=0.0,
        after_auxiliary=0.0,
        after_pronoun=0.0,
        after_preposition=0.0,
        before_particle=0.0,
        after_negation=0.0,
        after_determiner=0.0,
        name=0.0,
        before_verb=0.0,
    )
    pause_hold: tuple[float, ...] = _per_class(
        sentence=0.0,
        clause=0.0,
        before_conjunction=0.0,
        before_preposition=0.0,
        before_opening=0.0,
        before_phrase=0.0,
        neutral=0.0,
        after_conjunction=0.8,
        after_auxiliary=0.8,
        after_pronoun=0.8,
        after_preposition=0.8,
        before_particle=0.8,
        after_negation=0.8,
        after_determiner=0.8,
        name=0.0,
        before_verb=0.0,
    )
    pause_cue_end: float = 0.0
    pause_line_end: float = 1.5
    pause_keep: float = 6.5
    speaker_cue_end: float = 0.0
    cue: float = 0.5
    too_short: float = 3.0
    reading_speed: float = 1.0
    balance: float = 3.0
    pyramid: float = 0.2
    orphan: float = 1.5
    dual_speaker: float = 1.0
    attach: float = 100.0
    keep_together: float = 25.0
    learned: float = 1.0
    boundary_model: BoundaryModel | None = field(default=None, compare=False)


DEFAULT_WEIGHTS = Weights()


def pause_strength(gap_ms: int, rules: Rules) -> float:
    """How strongly a silence between two words marks a boundary, from 0 to 1.

    Silences of at least ``rules.pause_break_ms`` count fully; shorter ones from half that
    length upward count in proportion; with ``pause_break_ms=None`` pauses count for nothing
    (forced pauses are handled by the engine as hard boundaries).
    """
    threshold = rules.pause_break_ms
    if threshold is None or gap_ms <= threshold / 2:
        return 0.0
    if gap_ms >= threshold:
        return 1.0
    return (gap_ms - threshold / 2) / (threshold / 2)


def boundary_costs(
    boundary: Boundary, strength: float, weights: Weights = DEFAULT_WEIGHTS
) -> tuple[float, float, float]:
    """Costs ``(cue end, row break, keep on one row)`` at one boundary.

    ``strength`` is the boundary's :func:`pause_strength`: at 0 the linguistic class decides,
    at 1 the pause does (a cue end there is as good as at a sentence end, keeping the two words
    on one row is expensive), except for the share ``weights.pause_hold`` of a class the style
    guides forbid to break: a hesitation inside a phrase stays a poor place for a break. Only
    a forced pause or a speaker change (:mod:`cuecraft.segment.boundaries`) overrides that.
    """
    strength *= 1.0 - weights.pause_hold[boundary]
    keep_class = 1.0 - strength
    return (
        weights.cue_end[boundary] * keep_class + weights.pause_cue_end * strength,
        weights.line_end[boundary] * keep_class + weights.pause_line_end * strength,
        weights.keep[boundary] * keep_class + weights.pause_keep * strength,
    )


def duration_cost(available_ms: int, rules: Rules, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Cost of a cue that cannot stay up for ``rules.min_duration_ms``.

    ``available_ms`` is the longest the cue can last before the next one (minus the gap).
    Zero when the minimum is reachable; grows linearly to ``weights.too_short`` at 0 ms.
    Over-long cues are a hard limit, not a cost.
    """
    minimum = rules.min_duration_ms
    if available_ms >= minimum or minimum <= 0:
        return 0.0
    return weights.too_short * (minimum - available_ms) / minimum


def reading_speed_cost(
    chars: int, available_ms: int, rules: Rules, weights: Weights = DEFAULT_WEIGHTS
) -> float:
    """Cost of a cue read faster than ``rules.max_chars_per_second`` in the time it can get.

    Proportional to the relative excess: 0 at the limit, ``weights.reading_speed`` at twice it.
    """
    limit = rules.max_chars_per_second
    needed_ms = chars * 1000.0 / limit
    if available_ms >= needed_ms:
        return 0.0
    if available_ms <= 0:
        return weights.reading_speed * 4.0
    return weights.reading_speed * min(needed_ms / available_ms - 1.0, 4.0)


def shape_cost(
    lengths: tuple[int, ...], row_chars: int, weights: Weights = DEFAULT_WEIGHTS
) -> float:
    """Cost of the row lengths of one cue: unbalanced rows, and a top row longer than the next.

    A bottom-heavy "pyramid" (short top row) is preferred to a top-heavy one, as the BBC and
    most vendors do, so that the picture stays clear. One row costs nothing.
    """
    if len(lengths) < 2:
        return 0.0
    spread = (max(lengths) - min(lengths)) / row_chars
    top_heavy = sum(max(0, upper - lower) for upper, lower in itertools.pairwise(lengths))
    return weights.balance * spread + weights.pyramid * top_heavy / row_chars


def orphan_cost(words_per_row: tuple[int, ...], weights: Weights = DEFAULT_WEIGHTS) -> float:
    """Cost of rows holding a single word in a cue of several rows and more words."""
    if len(words_per_row) < 2:
        return 0.0
    return weights.orphan * sum(1 for count in words_per_row if count == 1)
