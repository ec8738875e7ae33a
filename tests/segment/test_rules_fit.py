"""Rules fitted to a writer's display, once: segment.fit.fit_rules and its callers."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from cuecraft import api
from cuecraft.commands._common import UsageError
from cuecraft.commands._settings import Settings, resolve_settings
from cuecraft.display import Display
from cuecraft.errors import RulesError
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.segment import resolve_rules
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.rules import Rules
from cuecraft.writers import WRITERS, get_writer
from tests.conftest import SAMPLES

TELETEXT = Display(
    name="a teletext screen",
    max_chars_per_row=37,
    max_rows=2,
    frame_rate=25.0,
    frame_rates=(25.0,),
    frame_rate_option="the STL frame_rate option",
)


def test_defaults_adapt_and_count_as_set() -> None:
    fitted = fit_rules(Rules(), TELETEXT)
    assert (fitted.max_chars_per_row, fitted.max_rows, fitted.frame_rate) == (37, 2, 25.0)
    # The fitted width is the display's: a language default (Japanese 13) does not replace it.
    transcript = Transcript(words=(Word(text="今日", start_ms=0, end_ms=500),), language="ja")
    assert resolve_rules(transcript, fitted)[0].max_chars_per_row == 37
    assert resolve_rules(transcript, Rules())[0].max_chars_per_row == 13


def test_nothing_to_fit_returns_the_same_rules() -> None:
    rules = Rules(max_chars_per_row=30, frame_rate=25)
    assert fit_rules(rules, TELETEXT) is rules
    assert fit_rules(rules, None) is rules
    assert fit_rules(rules, Display()) is rules


@pytest.mark.parametrize(
    ("rules", "field"),
    [
        (Rules(max_chars_per_row=38), "max_chars_per_row"),
        (Rules(max_rows=3), "max_rows"),
        (Rules(frame_rate=29.97), "frame_rate"),
    ],
)
def test_a_value_the_user_set_beyond_the_display_names_its_field(rules: Rules, field: str) -> None:
    with pytest.raises(RulesError) as caught:
        fit_rules(rules, TELETEXT)
    assert caught.value.field == field
    assert "a teletext screen" in str(caught.value)
    if field == "frame_rate":
        assert "set the STL frame_rate option or leave" in str(caught.value)


def test_the_same_values_as_defaults_adapt() -> None:
    # The same numbers, not set by the user (a rule left at a non-default value by code).
    unset = Rules.model_construct(
        _fields_set=set(), **Rules(max_chars_per_row=60, max_rows=3, frame_rate=30).model_dump()
    )
    fitted = fit_rules(unset, TELETEXT)
    assert (fitted.max_chars_per_row, fitted.max_rows, fitted.frame_rate) == (37, 2, 25.0)


def test_a_frame_rate_switched_off_stays_off_unless_the_format_needs_frames() -> None:
    off = Rules(frame_rate=None)
    assert fit_rules(off, TELETEXT).frame_rate is None
    framed = Display(frame_rate=29.97, frame_rates=(29.97,), frames_required=True)
    assert fit_rules(off, framed).frame_rate == 29.97
    # Any rate is fine where the rate is only a default (an editing project's).
    project = Display(frame_rate=24.0)
    assert fit_rules(Rules(), project).frame_rate == 24.0
    assert fit_rules(Rules(frame_rate=30), project).frame_rate == 30.0


def test_only_visible_labels_reserve_room() -> None:
    assert fit_rules(Rules(), Display(row_labels="chevrons")).row_labels == "chevrons"
    assert fit_rules(Rules(row_labels="prefix"), Display(row_labels="voice")).row_labels == (
        "prefix"
    )


def test_every_cue_writer_declares_a_display_and_fits_default_rules() -> None:
    for spec in WRITERS.values():
        if spec.takes != "cues":
            assert spec.display is None, spec.name
            continue
        assert spec.display is not None, spec.name
        fitted = fit_rules(Rules(), spec.display(spec.options()))
        assert fitted.max_chars_per_row <= Rules().max_chars_per_row


def test_writers_do_not_import_the_engine() -> None:
    folder = Path(api.__file__).parent / "writers"
    for path in sorted(folder.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                assert not node.module.startswith("cuecraft.segment"), path.name


def test_api_refuses_a_user_rule_the_display_cannot_hold_before_segmenting() -> None:
    transcript = Transcript(words=(Word(text="hi", start_ms=0, end_ms=500),))
    # Pop-on captions hold 4 rows; a roll-up window of 2 does not hold 3.
    data, _ = api.render(transcript, get_writer("scc"), rules=Rules(max_rows=3))
    assert data
    with pytest.raises(RulesError) as caught:
        api.render(
            transcript,
            get_writer("scc"),
            rules=Rules(max_rows=3),
            options={"caption_mode": "roll-up", "roll_up_rows": 2},
        )
    assert caught.value.field == "max_rows"


def _house(tmp_path: Path, text: str) -> str:
    path = tmp_path / "house.toml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_settings_take_the_file_then_the_flags(tmp_path: Path) -> None:
    house = _house(tmp_path, '[rules]\nmax_chars_per_row = 30\n[writers.srt]\neol = "\\r\\n"\n')
    srt = get_writer("srt")
    rules, options = resolve_settings(srt, Settings({"max_rows": 1}, {}), house)
    assert rules is not None
    assert (rules.max_chars_per_row, rules.max_rows) == (30, 1)
    assert rules.model_fields_set == {"max_chars_per_row", "max_rows"}
    assert options.model_dump()["eol"] == "\r\n"
    rules, options = resolve_settings(srt, Settings({}, {"eol": "\n"}), house)
    assert rules is not None
    assert rules.model_fields_set == {"max_chars_per_row"}
    assert options.model_dump()["eol"] == "\n"
    # A writer that never segments gets no rules, whatever the file says.
    assert resolve_settings(get_writer("txt"), Settings({}, {}), house)[0] is None


def test_an_inconsistent_flag_over_the_file_names_the_flag(tmp_path: Path) -> None:
    house = _house(tmp_path, "[rules]\nmin_duration_ms = 2000\n")
    with pytest.raises(UsageError, match=r"max_duration_ms \(--max-duration-ms\)|min_duration"):
        resolve_settings(get_writer("srt"), Settings({"max_duration_ms": 1000}, {}), house)


def test_convert_cli_fits_house_rules_to_the_display(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from cuecraft.cli import main

    source = SAMPLES / "amberscript" / "interview.json"
    out = tmp_path / "x.stl"
    # Not set by the file: the STL display lowers the row width to 37, so this converts.
    assert main(["convert", str(source), "-o", str(out)]) == 0
    house = _house(tmp_path, "[rules]\nmax_chars_per_row = 40\n")
    # Set by the file: 40 does not fit a teletext row, an error naming the field.
    assert main(["convert", str(source), "-o", str(out), "--rules", house]) != 0
    assert "max_chars_per_row" in capsys.readouterr().err


@pytest.mark.parametrize("writer", ["ass", "ssa"])
def test_substation_actor_labels_are_counted_in_the_row(writer: str) -> None:
    # Regression: SSA shares ASS's speaker_labels but declared no display, so its
    # 'Name: ' labels were not reserved and rows ran past max_chars_per_row.
    names = {"A": "Annabelle", "B": "Bartholomew"}
    texts = [("Yes", "A"), ("indeed.", "A"), ("Absolutely", "B"), ("certainly", "B")]
    transcript = Transcript(
        words=tuple(
            Word(text=text, start_ms=i * 300, end_ms=i * 300 + 250, speaker=speaker)
            for i, (text, speaker) in enumerate(texts)
        ),
        speakers=tuple(Speaker(id=key, name=name) for key, name in names.items()),
    )
    rules = Rules(max_chars_per_row=22, dual_speaker_dashes=True)
    data, _ = api.render(
        transcript, get_writer(writer), rules=rules, options={"speaker_labels": "actor"}
    )
    rows = [
        row
        for line in data.decode("utf-8").splitlines()
        if line.startswith("Dialogue:")
        for row in line.split(",", 9)[9].split("\\N")
    ]
    assert rows
    assert all(len(row) <= 22 for row in rows), rows
