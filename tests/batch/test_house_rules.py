"""House rules files and presets: every option, validated, errors naming file and key."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from cuecraft import house_rules
from cuecraft.cli import main
from cuecraft.errors import RulesError
from cuecraft.house_rules import HouseRulesError
from cuecraft.segment import Rules
from cuecraft.writers import WRITERS

needs_toml = pytest.mark.skipif(
    sys.version_info < (3, 11) and not __import__("importlib").util.find_spec("tomli"),
    reason="TOML needs Python 3.11 or tomli",
)


@needs_toml
def test_toml_file(tmp_path: Path) -> None:
    path = tmp_path / "house.toml"
    path.write_text(
        'description = "ours"\n'
        '[rules]\nmax_chars_per_row = 37\nmax_row_seconds = "none"\nframe_rate = 25.0\n'
        '[writers.srt]\neol = "\\r\\n"\nspeaker_labels = "prefix"\n',
        encoding="utf-8",
    )
    house = house_rules.load(path)
    assert house.description == "ours"
    assert house.rules.max_chars_per_row == 37
    assert house.rules.max_row_seconds is None
    assert house.rules.model_fields_set == {"max_chars_per_row", "max_row_seconds", "frame_rate"}
    assert house.options_for("srt") == WRITERS["srt"].options(eol="\r\n", speaker_labels="prefix")
    assert house.options_for("vtt") is None


def test_json_file(tmp_path: Path) -> None:
    path = tmp_path / "house.json"
    path.write_text(json.dumps({"rules": {"max_rows": 1, "min_gap_ms": None}}), encoding="utf-8")
    house = house_rules.load(path)
    assert (house.rules.max_rows, house.rules.min_gap_ms) == (1, None)


@pytest.mark.parametrize(
    ("document", "field"),
    [
        ({"rules": {"max_rows": 9}}, "rules.max_rows"),
        ({"rules": {"max_chars_per_rows": 9}}, "rules.max_chars_per_rows"),
        ({"rules": {"min_duration_ms": 9000, "max_duration_ms": 1000}}, "rules.min_duration_ms"),
        ({"rules": "strict"}, "rules"),
        ({"writers": {"srt": {"eol": "\t"}}}, "writers.srt.eol"),
        ({"writers": {"srt": {"colour": "red"}}}, "writers.srt.colour"),
        ({"writers": {"rtf": {}}}, "writers.rtf"),
        ({"writers": []}, "writers"),
        ({"segmentation": {}}, "segmentation"),
        ({"description": 3}, "description"),
    ],
)
def test_errors_name_file_and_key(tmp_path: Path, document: object, field: str) -> None:
    path = tmp_path / "house.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(HouseRulesError) as caught:
        house_rules.load(path)
    error = caught.value
    assert (error.source, error.field) == (str(path), field)
    assert str(error).startswith(f"{path}: {field}: ")
    assert isinstance(error, RulesError)


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("bad.json", "{", "invalid JSON"),
        ("bad.toml", "[rules\n", "invalid TOML"),
        ("list.json", "[1]", "expected a table"),
        ("missing.toml", None, "no such file"),
    ],
)
def test_unreadable_files(tmp_path: Path, name: str, text: str | None, message: str) -> None:
    if name.endswith(".toml") and text is not None and sys.version_info < (3, 11):
        pytest.skip("TOML needs Python 3.11")
    path = tmp_path / name
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(HouseRulesError, match=message) as caught:
        house_rules.load(path)
    assert caught.value.source == str(path)


def test_errors_pickle() -> None:
    import pickle

    error = HouseRulesError("bad", source="h.toml", field="rules.max_rows")
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.source, clone.field, str(clone)) == (error.source, error.field, str(error))


@needs_toml
def test_presets() -> None:
    names = [preset.name for preset in house_rules.list_presets()]
    assert names == ["amberscript-default", "bbc-teletext", "netflix-en"]
    netflix = house_rules.resolve("netflix-en")
    assert (netflix.rules.max_chars_per_row, netflix.rules.max_chars_per_second) == (42, 17.0)
    assert house_rules.resolve("bbc-teletext").rules.max_chars_per_row == 37
    assert house_rules.resolve("amberscript-default").rules.max_row_seconds == 2.0
    for name in names:
        text = house_rules.preset_text(name)
        # Every value carries its source in a comment.
        for line in text.splitlines():
            if "=" in line and not line.startswith(("#", "description")):
                assert "#" in line.split("=", 1)[1], f"{name}: no source for {line!r}"
    with pytest.raises(HouseRulesError, match="presets: amberscript-default"):
        house_rules.resolve("netflix")


def test_flags_override_the_file(tmp_path: Path) -> None:
    path = tmp_path / "house.json"
    path.write_text(json.dumps({"rules": {"max_chars_per_row": 30, "max_rows": 1}}))
    merged = house_rules.merge(house_rules.load(path), {"max_rows": 2}, {"srt": {"eol": "\r\n"}})
    assert (merged.rules.max_chars_per_row, merged.rules.max_rows) == (30, 2)
    assert merged.rules.model_fields_set == {"max_chars_per_row", "max_rows"}
    assert merged.options_for("srt") == WRITERS["srt"].options(eol="\r\n")
    merged = house_rules.merge(house_rules.load(path), Rules(max_rows=2))
    assert merged.rules.max_rows == 2


@needs_toml
def test_rules_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--list"]) == 0
    assert "netflix-en" in capsys.readouterr().out
    assert main(["rules", "--show", "bbc-teletext"]) == 0
    shown = capsys.readouterr().out
    assert "max_chars_per_row = 37" in shown
    assert main(["rules", "--validate", "bbc-teletext"]) == 0
    resolved = capsys.readouterr().out
    # What --validate prints is itself a valid house rules file with the same values.
    path = tmp_path / "resolved.toml"
    path.write_text(resolved, encoding="utf-8")
    again = house_rules.load(path)
    original = house_rules.resolve("bbc-teletext")
    assert again.rules == original.rules
    assert again.writer_options == original.writer_options
    assert main(["rules", "--show", "nope"]) == 2
    assert "unknown preset" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"rules": {"max_rows": 0}}')
    assert main(["rules", "--validate", str(bad)]) == 2
    assert f"{bad}: rules.max_rows:" in capsys.readouterr().err
