"""Each cost function alone: its zero point, its direction, its scale."""

from __future__ import annotations

import pytest

from cuecraft.segment.linguistics import Boundary
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import (
    DEFAULT_WEIGHTS,
    Weights,
    boundary_costs,
    duration_cost,
    orphan_cost,
    pause_strength,
    reading_speed_cost,
    shape_cost,
)


def test_weights_have_one_cost_per_boundary_class() -> None:
    for table in (DEFAULT_WEIGHTS.cue_end, DEFAULT_WEIGHTS.line_end, DEFAULT_WEIGHTS.keep):
        assert len(table) == len(Boundary)
        assert all(cost >= 0 for cost in table)


def test_cue_end_cost_follows_the_style_guides_order() -> None:
    ends = DEFAULT_WEIGHTS.cue_end
    assert ends[Boundary.SENTENCE] < ends[Boundary.CLAUSE] < ends[Boundary.NEUTRAL]
    for never in (
        Boundary.AFTER_DETERMINER,
        Boundary.AFTER_PRONOUN,
        Boundary.AFTER_AUXILIARY,
        Boundary.AFTER_PREPOSITION,
        Boundary.NAME,
    ):
        assert ends[never] > ends[Boundary.NEUTRAL]
        assert DEFAULT_WEIGHTS.line_end[never] > DEFAULT_WEIGHTS.line_end[Boundary.NEUTRAL]
    rows = DEFAULT_WEIGHTS.line_end
    assert rows[Boundary.BEFORE_CONJUNCTION] < rows[Boundary.NEUTRAL]
    assert rows[Boundary.BEFORE_PREPOSITION] < rows[Boundary.NEUTRAL]


@pytest.mark.parametrize(
    ("gap", "strength"), [(-50, 0.0), (0, 0.0), (150, 0.0), (225, 0.5), (300, 1.0), (9000, 1.0)]
)
def test_pause_strength_ramps_up_to_the_pause_threshold(gap: int, strength: float) -> None:
    assert pause_strength(gap, Rules(pause_break_ms=300)) == pytest.approx(strength)


def test_pauses_can_be_ignored() -> None:
    assert pause_strength(5000, Rules(pause_break_ms=None)) == 0.0


def test_boundary_costs_blend_from_class_to_pause() -> None:
    weights = DEFAULT_WEIGHTS
    neutral = boundary_costs(Boundary.NEUTRAL, 0.0, weights)
    assert neutral == (
        weights.cue_end[Boundary.NEUTRAL],
        weights.line_end[Boundary.NEUTRAL],
        weights.keep[Boundary.NEUTRAL],
    )
    # A boundary the grammar allows: at a full pause the pause decides alone.
    paused = boundary_costs(Boundary.NEUTRAL, 1.0, weights)
    assert paused == (weights.pause_cue_end, weights.pause_line_end, weights.pause_keep)
    half = boundary_costs(Boundary.NEUTRAL, 0.5, weights)
    assert half[0] == pytest.approx((neutral[0] + weights.pause_cue_end) / 2)
    # A pause makes a cue end cheaper and keeping the words on one row dearer.
    assert paused[0] < neutral[0]
    assert paused[2] > neutral[2]


def test_duration_cost_is_zero_from_the_minimum_and_grows_below_it() -> None:
    rules = Rules(min_duration_ms=1000)
    weights = Weights(too_short=2.0)
    assert duration_cost(1000, rules, weights) == 0.0
    assert duration_cost(999, rules, weights) > 0.0  # one ms under the minimum
    assert duration_cost(5000, rules, weights) == 0.0
    assert duration_cost(500, rules, weights) == pytest.approx(1.0)
    assert duration_cost(0, rules, weights) == pytest.approx(2.0)
    assert duration_cost(0, Rules(min_duration_ms=0), weights) == 0.0


def test_reading_speed_cost_is_relative_excess_over_the_limit() -> None:
    rules = Rules(max_chars_per_second=20.0)
    weights = Weights(reading_speed=1.0)
    assert reading_speed_cost(40, 2000, rules, weights) == 0.0  # exactly 20 cps
    assert reading_speed_cost(41, 2000, rules, weights) > 0.0  # one character over
    assert reading_speed_cost(40, 4000, rules, weights) == 0.0
    assert reading_speed_cost(40, 1000, rules, weights) == pytest.approx(1.0)  # 40 cps
    assert reading_speed_cost(40, 0, rules, weights) == pytest.approx(4.0)  # capped
    assert reading_speed_cost(400, 10, rules, weights) == pytest.approx(4.0)


def test_shape_cost_prefers_balanced_rows_and_a_pyramid() -> None:
    weights = Weights(balance=1.0, pyramid=0.5)
    assert shape_cost((30,), 42, weights) == 0.0
    assert shape_cost((20, 20), 42, weights) == 0.0
    balanced = shape_cost((19, 21), 42, weights)
    unbalanced = shape_cost((10, 30), 42, weights)
    assert balanced < unbalanced
    assert unbalanced == pytest.approx(20 / 42)
    pyramid, top_heavy = shape_cost((15, 25), 42, weights), shape_cost((25, 15), 42, weights)
    assert pyramid < top_heavy
    assert top_heavy - pyramid == pytest.approx(0.5 * 10 / 42)
    assert shape_cost((10, 20, 30), 42, weights) < shape_cost((30, 20, 10), 42, weights)


def test_orphan_cost_counts_single_word_rows_in_multi_row_cues() -> None:
    weights = Weights(orphan=1.5)
    assert orphan_cost((1,), weights) == 0.0  # a one-word cue is not an orphan row
    assert orphan_cost((3, 4), weights) == 0.0
    assert orphan_cost((3, 1), weights) == 1.5
    assert orphan_cost((1, 1, 2), weights) == 3.0


@pytest.mark.parametrize(
    "boundary",
    [
        Boundary.AFTER_DETERMINER,
        Boundary.AFTER_PREPOSITION,
        Boundary.AFTER_PRONOUN,
        Boundary.AFTER_AUXILIARY,
        Boundary.AFTER_CONJUNCTION,
        Boundary.AFTER_NEGATION,
        Boundary.BEFORE_PARTICLE,
    ],
)
def test_a_pause_never_makes_a_forbidden_break_attractive(boundary: Boundary) -> None:
    # #13: a hesitation after "the", "of", "it"... makes the break cheaper, but a cue end
    # there stays dearer than one where the style guides recommend a break, without a pause.
    weights = DEFAULT_WEIGHTS
    silent = boundary_costs(boundary, 0.0, weights)
    paused = boundary_costs(boundary, 1.0, weights)
    recommended = boundary_costs(Boundary.BEFORE_PREPOSITION, 0.0, weights)
    assert paused[0] < silent[0]
    assert paused[0] > recommended[0]
    assert paused[1] > boundary_costs(Boundary.NEUTRAL, 1.0, weights)[1]


def test_pause_hold_is_per_class_and_zero_where_breaks_are_allowed() -> None:
    weights = DEFAULT_WEIGHTS
    assert len(weights.pause_hold) == len(Boundary)
    for boundary in (Boundary.SENTENCE, Boundary.CLAUSE, Boundary.BEFORE_CONJUNCTION):
        assert weights.pause_hold[boundary] == 0.0
    unheld = Weights(pause_hold=(0.0,) * len(Boundary))
    assert boundary_costs(Boundary.AFTER_DETERMINER, 1.0, unheld) == (
        unheld.pause_cue_end,
        unheld.pause_line_end,
        unheld.pause_keep,
    )
