"""Rules: defaults from the sources, RulesError naming the field, the Amberscript mapping."""

from __future__ import annotations

import ast
import inspect
import itertools

import pytest

from cuecraft.errors import RulesError
from cuecraft.segment import rules as rules_module
from cuecraft.segment.rules import Rules


def test_defaults_follow_the_sources() -> None:
    rules = Rules()
    assert (rules.max_chars_per_row, rules.max_rows, rules.max_row_seconds) == (42, 2, 2.0)
    assert (rules.min_duration_ms, rules.max_duration_ms) == (833, 7000)
    assert rules.max_chars_per_second == 17.0
    assert rules.gap_ms == 80  # 2 frames at 25 fps when no frame rate is set
    assert rules.new_cue_on_speaker_change
    assert not rules.dual_speaker_dashes
    assert rules.engine == "optimal"


def test_every_field_has_a_docstring() -> None:
    # Other engineers build CLI flags and help texts from these docstrings.
    tree = ast.parse(inspect.getsource(rules_module))
    body = next(
        node.body for node in tree.body if isinstance(node, ast.ClassDef) and node.name == "Rules"
    )
    documented = {
        statement.target.id
        for statement, following in itertools.pairwise(body)
        if isinstance(statement, ast.AnnAssign)
        and isinstance(statement.target, ast.Name)
        and isinstance(following, ast.Expr)
        and isinstance(following.value, ast.Constant)
        and isinstance(following.value.value, str)
    }
    assert set(Rules.model_fields) - documented == set()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"max_chars_per_row": 0}, "max_chars_per_row"),
        ({"max_rows": 5}, "max_rows"),
        ({"max_row_seconds": 0}, "max_row_seconds"),
        ({"min_duration_ms": 8000}, "min_duration_ms"),
        ({"max_chars_per_second": -1}, "max_chars_per_second"),
        ({"frame_rate": 26.0}, "frame_rate"),
        ({"pause_break_ms": 900, "forced_pause_break_ms": 500}, "forced_pause_break_ms"),
        ({"max_row_seconds": 0.5}, "max_row_seconds"),
        ({"dual_speaker_dashes": True, "max_rows": 1}, "dual_speaker_dashes"),
        ({"speaker_dash": " "}, "speaker_dash"),
        ({"max_chars_per_cue": 0}, "max_chars_per_cue"),
        ({"engine": "magic"}, "engine"),
        ({"no_such_rule": 1}, "no_such_rule"),
    ],
)
def test_inconsistent_rules_name_the_field(fields: dict[str, object], field: str) -> None:
    with pytest.raises(RulesError) as caught:
        Rules(**fields)
    assert caught.value.field == field
    assert str(caught.value).startswith(field)


def test_rules_are_frozen() -> None:
    with pytest.raises(Exception, match="frozen"):
        Rules().max_rows = 3  # type: ignore[misc]


def test_gap_is_two_frames_at_the_frame_rate() -> None:
    assert Rules(frame_rate=24.0).gap_ms == 83
    assert Rules(frame_rate=25.0).gap_ms == 80
    assert Rules(frame_rate=30.0, min_gap_ms=120).gap_ms == 120


def test_longest_cue_takes_the_tighter_limit() -> None:
    rules = Rules(max_row_seconds=2.0, max_duration_ms=7000)
    assert [rules.longest_cue_ms(rows) for rows in (1, 2, 3)] == [2000, 4000, 6000]
    assert Rules(max_row_seconds=4.0).longest_cue_ms(2) == 7000
    assert Rules(max_row_seconds=None).longest_cue_ms(1) == 7000


def test_amberscript_current_parameters_map_one_to_one() -> None:
    rules = Rules.from_amberscript(
        {"maxCharsPerRow": 37, "maxNumberOfRows": 1, "maxScreenTimePerRowSeconds": 3}
    )
    assert (rules.max_chars_per_row, rules.max_rows, rules.max_row_seconds) == (37, 1, 3.0)


def test_amberscript_deprecated_pair_maps_onto_cue_limits() -> None:
    # Seed 001, GET /jobs/export: maxCharsPerSubtitle 50 (two lines), subtitleDurationMax 4500.
    rules = Rules.from_amberscript(maxCharsPerSubtitle=50, subtitleDurationMax=4500)
    assert rules.max_chars_per_cue == 50
    assert rules.max_rows == 2
    assert rules.max_chars_per_row == 42
    assert rules.max_duration_ms == 4500
    assert rules.max_row_seconds is None
    narrow = Rules.from_amberscript(maxCharsPerSubtitle=30, subtitleDurationMax=600)
    assert narrow.max_chars_per_row == 30
    assert narrow.min_duration_ms == 600  # lowered so that the rules stay consistent


def test_amberscript_mapping_keeps_explicit_values_and_ignores_job_parameters() -> None:
    rules = Rules.from_amberscript(
        {"jobId": "x", "apiKey": "y", "format": "srt", "maxCharsPerSubtitle": 80},
        maxCharsPerRow=40,
        frame_rate=25.0,
    )
    assert (rules.max_chars_per_row, rules.max_chars_per_cue, rules.frame_rate) == (40, 80, 25.0)


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"maxCharsPerRow": 50}, "maxCharsPerRow"),
        ({"maxNumberOfRows": 3}, "maxNumberOfRows"),
        ({"maxCharsPerRow": "wide"}, "maxCharsPerRow"),
        ({"maxCharsPerRow": 40.5}, "max_chars_per_row"),
        ({"subtitleDurationMax": True}, "subtitleDurationMax"),
        ({"maxScreenTimePerRow": 2}, "maxScreenTimePerRow"),
    ],
)
def test_amberscript_mapping_errors_name_the_parameter(
    params: dict[str, object], field: str
) -> None:
    with pytest.raises(RulesError) as caught:
        Rules.from_amberscript(params)
    assert caught.value.field == field
