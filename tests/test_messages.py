"""Messages in the user's terms (issue #9): the library names its parameters, the CLI its flags.

Each case feeds a real failing input through the command line and checks the flag is named
and the API spelling is not; the mapping itself is tested on its own below.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import cuecraft
from cuecraft.cli import main
from cuecraft.commands._report import in_cli_terms, plural
from cuecraft.errors import FormatDetectionError, InputError, OutputError, RulesError
from tests.conftest import SAMPLES

API_SPELLINGS = ("format=", "strict=False", "unencodable=", "keep_folders", "max_memory_bytes")


def _run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = main([str(arg) for arg in args])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def _no_api_terms(text: str) -> None:
    for spelling in API_SPELLINGS:
        assert spelling not in text, text


@pytest.fixture
def backwards(tmp_path: Path) -> Path:
    """A word list whose first word ends 500 ms before it starts (beyond the repair)."""
    path = tmp_path / "backwards.json"
    words = [{"text": "a", "start": 1.0, "end": 0.5}, {"text": "b", "start": 1.0, "end": 1.5}]
    path.write_text(json.dumps({"words": words}), encoding="utf-8")
    return path


def test_the_library_speaks_of_parameters(backwards: Path) -> None:
    with pytest.raises(InputError, match=r"pass strict=False"):
        cuecraft.load(backwards)
    with pytest.raises(FormatDetectionError, match=r"pass format="):
        cuecraft.load(b"just some words\n")


def test_timing_beyond_repair_says_lenient(
    backwards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _run(capsys, "convert", backwards, "-o", tmp_path / "o.srt")
    assert status == 1
    assert "pass --lenient" in err
    _no_api_terms(err)
    subtitle = tmp_path / "backwards.srt"
    subtitle.write_text("1\n00:00:05,000 --> 00:00:03,000\nOne\n", encoding="utf-8")
    status, _, err = _run(capsys, "convert", subtitle, "-o", tmp_path / "o.vtt")
    assert (status, "pass --lenient" in err) == (1, True)
    _no_api_terms(err)


def test_undetectable_input_says_from(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.srt"
    text.write_text("just some words\n", encoding="utf-8")
    status, _, err = _run(capsys, "convert", text, "-o", tmp_path / "o.vtt")
    assert status == 1
    assert err.startswith(f"cuecraft: {text}: no reader recognises")
    assert "pass --from one of: " in err
    _no_api_terms(err)
    # check names the reader with its own flag.
    status, _, err = _run(capsys, "check", text)
    assert status == 1
    _no_api_terms(err)
    status, out, _ = _run(capsys, "check", text, "--format", "json")
    assert status == 1
    assert "format=" not in json.loads(out)["unreadable"][0]["error"]


def test_writer_advice_names_flags(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "emoji.json"
    words = [{"text": "Hi", "start": 0.0, "end": 0.4}, {"text": "😀", "start": 0.5, "end": 1.0}]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    status, _, err = _run(capsys, "convert", source, "-o", tmp_path / "o.stl")
    assert status == 1
    assert "pass --unencodable replace" in err
    assert "another --character-table" in err
    _no_api_terms(err)
    # The flag it suggests works.
    assert (
        main(["convert", str(source), "-o", str(tmp_path / "o.stl"), "--unencodable", "replace"])
        == 0
    )


def test_a_writers_rule_error_names_the_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    talk = SAMPLES / "words" / "talk.words.json"
    status, _, err = _run(
        capsys, "convert", talk, "-o", tmp_path / "o.stl", "--max-chars-per-row", "60"
    )
    assert status == 2
    assert err.startswith("cuecraft: invalid max_chars_per_row (--max-chars-per-row): 60 ")


def test_batch_failures_name_flags(
    backwards: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tree = tmp_path / "in"
    for vendor in ("amberscript", "scribie"):
        (tree / vendor).mkdir(parents=True)
        shutil.copyfile(SAMPLES / vendor / "interview.json", tree / vendor / "x.json")
    shutil.copyfile(backwards, tree / "backwards.json")
    status, out, err = _run(capsys, "batch", tree, "-o", tmp_path / "out", "--to", "srt")
    assert status == 1
    assert "or pass --keep-folders" in err
    assert "pass --lenient" in err
    _no_api_terms(err)
    assert "0 converted, 3 failed, 0 skipped (0 files written" in out


def test_plurals(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    subtitle = tmp_path / "one.srt"
    subtitle.write_text("1\n00:00:01,000 --> 00:00:03,000\nHello there.\n", encoding="utf-8")
    status, out, _ = _run(capsys, "check", subtitle)
    assert status == 0
    assert out.splitlines()[0] == f"{subtitle} (srt, 1 cue): passed: 0 errors, 0 warnings"
    talk = SAMPLES / "words" / "talk.words.json"
    status, out, _ = _run(capsys, "batch", talk, "-o", tmp_path / "out", "--to", "srt")
    assert status == 0
    assert "(1 file written to" in out
    assert (plural(1, "error"), plural(0, "error"), plural(2, "match", "matches")) == (
        "1 error",
        "0 errors",
        "2 matches",
    )


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (InputError("pass format= one of: srt"), "pass --from one of: srt"),
        (OutputError("cannot tell the output format; pass format="), "pass --to"),
        (InputError("or pass strict=False)"), "or pass --lenient)"),
        (InputError("with strict=True"), "with --strict"),
        (InputError("raise it (max_memory_bytes=)"), "raise it (--max-memory)"),
        (InputError("pass max_bytes=1000"), "pass --max-bytes 1000"),
        (InputError("try encoding='cp1252'"), "try --input-encoding cp1252"),
        (OutputError("pass unencodable='replace'"), "pass --unencodable replace"),
        (OutputError('pass eol="\\r\\n"'), "pass --eol \\r\\n"),
        (OutputError("needs dual_speaker_dashes=True"), "needs --dual-speaker-dashes"),
        (OutputError("with dual_speaker_dashes=False"), "with --no-dual-speaker-dashes"),
        (OutputError("pick another character_table"), "pick another --character-table"),
        (InputError("a.json: /frame_rate: bad"), "a.json: /frame_rate: bad"),
        (InputError("got 'some_thing=3' and foo=1"), "got 'some_thing=3' and foo=1"),
        (RulesError("too big", field="max_rows"), "invalid max_rows (--max-rows): too big"),
        (RulesError("too big", field="rules.max_rows"), "rules.max_rows: too big"),
        (RulesError("not allowed", field="timeout"), "invalid timeout (--timeout): not allowed"),
    ],
)
def test_the_mapping(message: Exception, expected: str) -> None:
    assert in_cli_terms(message).endswith(expected)


def test_texts_say_which_way_format_goes() -> None:
    assert in_cli_terms("pass format=", reading=False) == "pass --to"
    assert in_cli_terms("pass format=") == "pass --from"
    assert in_cli_terms("pass format=", reader_flag="--input-format") == "pass --input-format"
