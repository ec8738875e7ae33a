"""The command line: ``cli.main([...])`` in process and ``python -m cuecraft`` as a user runs it."""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, Literal

import pytest
from pydantic import BaseModel, ConfigDict

import cuecraft
from cuecraft import cli
from cuecraft.api import render
from cuecraft.commands import COMMANDS
from cuecraft.commands._common import UsageError
from cuecraft.commands._flags import RULES, build_flag_table, flag_table
from cuecraft.commands._setting_flags import add_setting_flags
from cuecraft.commands._settings import settings_from_args
from cuecraft.errors import UnencodableError
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.readers import READERS
from cuecraft.segment import Rules
from cuecraft.writers import WRITERS, WriterSpec, get_writer
from tests.conftest import SAMPLES

# ---------------------------------------------------------------------------------- fixtures


def _transcript() -> Transcript:
    words = [
        ("Hello", 0, 400, "s1"),
        ("and", 450, 600, "s1"),
        ("welcome", 650, 1000, "s1"),
        ("to", 1050, 1200, "s1"),
        ("the", 1250, 1400, "s1"),
        ("show.", 1450, 1800, "s1"),
        ("Thanks", 2600, 2900, "s2"),
        ("a", 2950, 3000, "s2"),
        ("lot!", 3050, 3400, "s2"),
    ]
    return Transcript(
        words=tuple(Word(text=t, start_ms=s, end_ms=e, speaker=p) for t, s, e, p in words),
        speakers=(Speaker(id="s1", name="Ann"), Speaker(id="s2", name="Bob")),
        language="en",
    )


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    """A canonical transcript JSON file (the canonical reader needs no vendor reader)."""
    path = tmp_path / "talk.cuecraft.json"
    path.write_text(_transcript().model_dump_json(), encoding="utf-8")
    return path


@pytest.fixture
def failing_writers(monkeypatch: pytest.MonkeyPatch) -> None:
    """SRT and VTT writers that write half their output, then fail (as a writer may)."""

    def half_then_fail(cues: Any, out: Any, options: Any, context: Any) -> None:
        out.write("1\n00:00:00,000 --> ")
        raise UnencodableError("cannot encode", cue_index=1, char="x")

    for name in ("srt", "vtt"):
        monkeypatch.setitem(WRITERS, name, dataclasses.replace(WRITERS[name], write=half_then_fail))


def _expected(name: str, rules: Rules | None = None, **options: Any) -> bytes:
    transcript = cuecraft.load(_transcript().model_dump_json().encode(), "canonical")
    return render(transcript, get_writer(name), rules=rules, options=options)[0]


def _main(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, list[str]]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


# ----------------------------------------------------------------------------- conversions


def test_convert_srt_from_the_extension(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "talk.srt"
    status, stdout, stderr = _main(capsys, "convert", talk, "-o", out)
    assert (status, stdout, stderr) == (0, "", [])
    assert out.read_bytes() == _expected("srt")
    assert out.read_bytes().startswith(b"1\n00:00:00,000 --> ")


def test_convert_with_detection_and_with_from(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "talk.vtt"
    assert _main(capsys, "convert", talk, "-o", out, "--from", "canonical")[0] == 0
    assert out.read_bytes() == _expected("vtt")
    out.unlink()
    assert _main(capsys, "convert", talk, "-o", out)[0] == 0
    assert out.read_bytes() == _expected("vtt")


def test_to_overrides_the_extension(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "subtitles.txt"
    assert _main(capsys, "convert", talk, "-o", out, "--to", "srt")[0] == 0
    assert out.read_bytes() == _expected("srt")


def test_rule_flags_and_amberscript_aliases(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "talk.srt"
    argv: list[str | Path] = [
        "convert",
        talk,
        "-o",
        out,
        "--max-chars-per-row",
        "12",
        "--max-rows",
        "1",
    ]
    assert _main(capsys, *argv, "--max-screen-time-per-row", "1.5")[0] == 0
    rules = Rules(max_chars_per_row=12, max_rows=1, max_row_seconds=1.5)
    assert out.read_bytes() == _expected("srt", rules)
    assert _main(capsys, *argv, "--no-max-screen-time", "--no-new-cue-on-speaker-change")[0] == 0
    rules = Rules(
        max_chars_per_row=12, max_rows=1, max_row_seconds=None, new_cue_on_speaker_change=False
    )
    assert out.read_bytes() == _expected("srt", rules)
    assert _main(capsys, *argv, "--max-number-of-rows", "2", "--engine", "greedy")[0] == 0
    assert out.read_bytes() == _expected(
        "srt", Rules(max_chars_per_row=12, max_rows=2, engine="greedy")
    )


def test_writer_option_flags(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "talk.vtt"
    argv: list[str | Path] = [
        "convert",
        talk,
        "-o",
        out,
        "--speaker-labels",
        "voice",
        "--no-cue-identifiers",
    ]
    assert _main(capsys, *argv, "--header", "Kind: captions")[0] == 0
    expected = _expected(
        "vtt", speaker_labels="voice", cue_identifiers=False, header="Kind: captions"
    )
    assert out.read_bytes() == expected
    assert b"<v Ann>Hello" in expected


@pytest.mark.parametrize("name", ["srt", "vtt"])
def test_a_shared_flag_applies_to_whichever_writer_is_used(
    name: str, talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / f"talk.{name}"
    argv: list[str | Path] = [
        "convert",
        talk,
        "-o",
        out,
        "--eol",
        "\\r\\n",
        "--speaker-labels",
        "prefix",
    ]
    assert _main(capsys, *argv)[0] == 0
    data = out.read_bytes()
    assert data == _expected(name, eol="\r\n", speaker_labels="prefix")
    assert data.count(b"\n") == data.count(b"\r\n") > 0
    assert b"Ann: Hello" in data


def test_strict_and_lenient_are_exclusive(talk: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, stderr = _main(capsys, "convert", talk, "-o", "x.srt", "--strict", "--lenient")
    assert status == 2
    assert len(stderr) <= 3  # issue #15: usage, error, where help is
    assert "not allowed with argument" in stderr[1]


def test_lenient_repairs_with_warnings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if "words" not in READERS:
        pytest.skip("the words reader is not registered yet")
    path = tmp_path / "slip.words.json"
    words = [
        {"text": "One", "start": 0.0, "end": 0.5},
        {"text": "two", "start": 1.0, "end": 0.4},
        {"text": "three", "start": 1.6, "end": 2.0},
    ]
    path.write_text(json.dumps({"words": words}), encoding="utf-8")
    out = tmp_path / "slip.srt"
    status, _, stderr = _main(capsys, "convert", path, "-o", out)
    assert status == 1
    assert len(stderr) == 1
    assert stderr[0].startswith(f"cuecraft: {path}: /words/1/end")
    assert not out.exists()
    status, _, stderr = _main(capsys, "convert", path, "-o", out, "--lenient")
    assert status == 0
    assert stderr
    assert all(line.startswith("warning: ") for line in stderr)
    assert "/words/1/end" in stderr[0]
    assert out.exists()


def test_writer_diagnostics_are_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    transcript = Transcript(words=(Word(text="a-->b", start_ms=0, end_ms=900),))
    path = tmp_path / "arrow.cuecraft.json"
    path.write_text(transcript.model_dump_json(), encoding="utf-8")
    status, _, stderr = _main(capsys, "convert", path, "-o", tmp_path / "arrow.srt")
    assert status == 0
    assert stderr == [
        "warning: cue 1: '-->' would be read as a malformed timing line; written as '--\u203a'"
    ]


def test_house_rules_with_flags_on_top(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    house = tmp_path / "house.json"
    house.write_text(
        json.dumps({"rules": {"max_chars_per_row": 12}, "writers": {"srt": {"eol": "\r\n"}}}),
        encoding="utf-8",
    )
    out = tmp_path / "talk.srt"
    assert _main(capsys, "convert", talk, "-o", out, "--rules", house, "--max-rows", "1")[0] == 0
    assert out.read_bytes() == _expected("srt", Rules(max_chars_per_row=12, max_rows=1), eol="\r\n")
    status, _, stderr = _main(capsys, "convert", talk, "-o", out, "--rules", tmp_path / "no.toml")
    assert status == 2
    assert stderr == [f"cuecraft: {tmp_path / 'no.toml'}: no such file"]


def test_transcript_writers_take_their_own_flags(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    if "txt" not in WRITERS:
        pytest.skip("the txt writer is not registered yet")
    out = tmp_path / "talk.txt"
    # --max-chars-per-row is a rule for subtitles and the wrap width of TXT: one flag, both.
    assert _main(capsys, "convert", talk, "-o", out, "--max-chars-per-row", "20")[0] == 0
    assert out.read_bytes() == _expected("txt", max_chars_per_row=20)
    status, _, stderr = _main(capsys, "convert", talk, "-o", out, "--max-rows", "1")
    assert status == 2
    assert stderr == [
        "cuecraft: --max-rows does not apply to the txt writer "
        "(it writes the whole transcript and never segments)"
    ]


# ------------------------------------------------------------------------------ usage errors


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["-o", "talk.xyz"], "cuecraft: unknown output extension '.xyz'; known: "),
        (["-o", "talk.srt", "--to", "nope"], "cuecraft: unknown output format 'nope'; known: "),
        (["-o", "talk.srt", "--from", "nope"], "cuecraft: unknown input format 'nope'; known: "),
        (["-o", "talk.srt", "--max-rows", "9"], "cuecraft: invalid max_rows (--max-rows): "),
        (["-o", "talk.srt", "--max-rows", "two"], "cuecraft: --max-rows: Input should be a valid"),
        (
            ["-o", "talk.srt", "--min-duration-ms", "9000"],
            "cuecraft: invalid min_duration_ms (--min-duration-ms): 9000 ms exceeds",
        ),
        (
            ["-o", "talk.srt", "--header", "x"],
            "cuecraft: --header does not apply to the srt writer (it is an option of vtt)",
        ),
        (
            ["-o", "talk.srt", "--speaker-labels", "voice"],
            "cuecraft: --speaker-labels: 'voice' is not valid for the srt writer; "
            "choose from none, prefix, dash",
        ),
        (
            ["-o", "talk.vtt", "--header", "a --> b"],
            "cuecraft: invalid header (--header): Value error, must not contain '-->'",
        ),
        (["-o", "-"], "cuecraft: writing to standard output (-o -) needs -t/--to WRITER"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str],
    expected: str,
    talk: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    status, stdout, stderr = _main(capsys, "convert", talk, *argv)
    assert status == 2
    assert stdout == ""
    assert len(stderr) == 1
    assert stderr[0].startswith(expected)
    assert [p.name for p in tmp_path.iterdir()] == [talk.name]


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "in.json"],
        ["convert", "in.json", "-o", "x.srt", "--no-such-flag"],
        ["convert", "in.json", "-o", "x.srt", "--speaker-labels", "loud"],
        [
            "convert",
            "in.json",
            "-o",
            "x.srt",
            "--max-screen-time-per-row",
            "2",
            "--no-max-screen-time",
        ],
        ["frobnicate"],
        [],
    ],
)
def test_argparse_usage_errors_exit_2(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    status, _, stderr = _main(capsys, *argv)
    assert status == 2
    assert stderr[0].startswith("usage: cuecraft")


def test_version_and_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert _main(capsys, "--version") == (0, f"cuecraft {cuecraft.__version__}\n", [])
    status, stdout, _ = _main(capsys, "convert", "--help")
    assert status == 0
    for flag in ("--max-chars-per-row N", "--max-rows N", "--max-screen-time-per-row S"):
        assert flag in stdout
    assert "--no-max-row-seconds" in stdout
    # Issue #15: writer options are listed per format, not in convert --help.
    assert "--speaker-labels {" not in stdout
    status, stdout, _ = _main(capsys, "convert", "--help-format", "vtt")
    assert status == 0
    # One shared flag; its choices are the union over the writers that have the option.
    shown = stdout.split("--speaker-labels {", 1)[1].split("}", 1)[0].split(",")
    assert {"none", "prefix", "dash", "agent", "voice", "chevrons"} <= set(shown)
    assert "--eol {\\n,\\r\\n}" in stdout


# ------------------------------------------------------------------------------ bad input


def test_missing_input_is_one_line_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "missing.json"
    status, _, stderr = _main(capsys, "convert", missing, "-o", tmp_path / "out.srt")
    assert status == 1
    assert stderr == [f"cuecraft: {missing}: no such file"]


def test_invalid_json_names_line_and_column(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"words": [\n  {"text": "a",, }\n]}', encoding="utf-8")
    status, _, stderr = _main(capsys, "convert", path, "-o", tmp_path / "out.srt")
    assert status == 1
    assert len(stderr) == 1
    assert stderr[0].startswith(f"cuecraft: {path}: line 2, column ")


@pytest.mark.usefixtures("failing_writers")
def test_failed_conversion_leaves_no_file_and_keeps_an_existing_one(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new.srt"
    status, _, stderr = _main(capsys, "convert", talk, "-o", new)
    # A writer's error that names no file gets the output's name (issue #9).
    assert (status, stderr) == (1, [f"cuecraft: {new}: cue 2: cannot encode"])
    assert not new.exists()
    existing = tmp_path / "existing.vtt"
    existing.write_text("precious", encoding="utf-8")
    assert _main(capsys, "convert", talk, "-o", existing)[0] == 1
    assert existing.read_text(encoding="utf-8") == "precious"
    assert _main(capsys, "convert", tmp_path / "missing.json", "-o", existing)[0] == 1
    assert existing.read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing.vtt", "talk.cuecraft.json"]


def test_debug_shows_the_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "missing.json"
    status, _, stderr = _main(capsys, "convert", missing, "-o", tmp_path / "o.srt", "--debug")
    assert status == 1
    assert stderr[0] == "Traceback (most recent call last):"
    assert stderr[-1] == f"cuecraft: {missing}: no such file"
    status, _, stderr = _main(capsys, "--debug", "convert", missing, "-o", tmp_path / "o.srt")
    assert stderr[0] == "Traceback (most recent call last):"


def test_an_unexpected_exception_is_an_internal_error(
    talk: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise ZeroDivisionError("oops")

    monkeypatch.setattr("cuecraft.commands.convert.write", boom)
    status, _, stderr = _main(capsys, "convert", talk, "-o", tmp_path / "o.srt")
    assert status == 1
    assert stderr == [
        "cuecraft: internal error: ZeroDivisionError: oops (run with --debug for a traceback)"
    ]


# ---------------------------------------------------------------------------- the formats


def test_formats_table(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, _ = _main(capsys, "formats")
    assert status == 0
    lines = stdout.splitlines()
    assert lines[0] == "readers (-f/--from):"
    assert "writers (-t/--to):" in lines
    srt_line = next(line for line in lines if line.split()[:1] == ["srt"] and ".srt" in line)
    assert get_writer("srt").description in stdout
    assert srt_line.split()[1] == ".srt"
    for name in [*READERS, *WRITERS]:
        assert any(line.split()[:1] == [name] for line in lines)


def test_formats_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, stdout, _ = _main(capsys, "formats", "--json")
    assert status == 0
    data = json.loads(stdout)
    assert [r["name"] for r in data["readers"]] == list(READERS)
    assert [w["name"] for w in data["writers"]] == list(WRITERS)
    vtt = next(w for w in data["writers"] if w["name"] == "vtt")
    assert vtt["extensions"] == [".vtt"]
    assert vtt["takes"] == "cues"
    header = next(o for o in vtt["options"] if o["name"] == "header")
    assert header == {"name": "header", "flag": "--header", "default": None}


# ------------------------------------------------------------------ the registry and flags


def test_every_command_is_a_module_with_add_parser_and_run() -> None:
    assert list(COMMANDS)[:2] == ["convert", "formats"]
    for name, command in COMMANDS.items():
        assert command.__name__ == f"cuecraft.commands.{name}"  # type: ignore[attr-defined]
        assert callable(command.add_parser)
        assert callable(command.run)
    parser = cli.build_parser()
    subparsers = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    assert list(subparsers.choices) == list(COMMANDS)


def test_every_rule_and_writer_option_of_a_flaggable_type_has_a_flag() -> None:
    table = flag_table()
    for name in Rules.model_fields:
        assert table.flag_for(RULES, name) is not None, name
    for spec in WRITERS.values():
        for name, info in spec.options.model_fields.items():
            if info.annotation in (list, dict):
                continue
            assert table.flag_for(spec.name, name) is not None, (spec.name, name)


class _LaterOptions(BaseModel):
    """Options of a writer registered later (flags appear with no CLI change)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    eol: Literal["\n", "\r\n", "\r"] = "\n"
    frame_rate: Literal[25, 30] = 25
    shout: bool = False
    stamp: datetime.date = datetime.date(2000, 1, 1)
    limit: int | None = 3
    output: str = ""
    tags: tuple[str, ...] = ()


def _later_writer(takes: Literal["cues", "transcript"] = "cues") -> WriterSpec:
    return WriterSpec(
        name="later",
        extensions=(".later",),
        takes=takes,
        binary=False,
        options=_LaterOptions,
        write=lambda *args: None,
        description="a writer added after the CLI",
    )


def _parse(writers: dict[str, WriterSpec], *argv: str) -> tuple[Any, argparse.Namespace]:
    table = build_flag_table(Rules, writers, frozenset({"output"}))
    parser = argparse.ArgumentParser(exit_on_error=False)
    add_setting_flags(parser, table)
    return table, parser.parse_args(list(argv))


def test_flags_are_generated_for_a_writer_registered_later() -> None:
    writers = {"srt": get_writer("srt"), "later": _later_writer()}
    table, args = _parse(
        writers,
        "--shout",
        "--stamp",
        "2024-02-29",
        "--no-limit",
        "--frame-rate",
        "30",
        "--eol",
        "\\r",
        "--later-output",
        "x",
    )
    assert table.flag_for("later", "tags") is None  # a tuple has no command-line form
    assert table.flag_for("later", "output").option == "--later-output"  # reserved name
    assert table.flag_for("later", "eol") is table.flag_for("srt", "eol")
    assert table.flag_for("later", "frame_rate") is table.flag_for(RULES, "frame_rate")
    settings = settings_from_args(args, writers["later"], table)
    assert settings.rule_values == {"frame_rate": 30.0}
    assert settings.option_values == {
        "shout": True,
        "stamp": datetime.date(2024, 2, 29),
        "limit": None,
        "frame_rate": 30,
        "eol": "\r",
        "output": "x",
    }
    # The same --eol and --frame-rate applied to SRT: its own field, and the rule only.
    _, args = _parse(writers, "--eol", "\\r\\n", "--frame-rate", "24")
    settings = settings_from_args(args, writers["srt"], table)
    assert settings.option_values == {"eol": "\r\n"}
    assert settings.rule_values == {"frame_rate": 24.0}
    with pytest.raises(UsageError, match="--frame-rate: '24' is not valid for the later writer"):
        settings_from_args(args, writers["later"], table)
    with pytest.raises(UsageError, match="--eol: '\\\\\\\\r' is not valid for the srt writer"):
        settings_from_args(_parse(writers, "--eol", "\\r")[1], writers["srt"], table)
    with pytest.raises(UsageError, match="--shout does not apply to the srt writer"):
        settings_from_args(_parse(writers, "--no-shout")[1], writers["srt"], table)


def test_rule_flags_do_not_apply_to_transcript_writers() -> None:
    writers = {"later": _later_writer("transcript")}
    table, args = _parse(writers, "--max-rows", "1")
    with pytest.raises(UsageError, match="--max-rows does not apply to the later writer"):
        settings_from_args(args, writers["later"], table)
    table, args = _parse(writers, "--frame-rate", "25")
    assert settings_from_args(args, writers["later"], table).rule_values == {}


# -------------------------------------------------------------- python -m cuecraft, for real


def _run(
    *argv: str | Path, cwd: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "cuecraft", *map(str, argv)],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_module_entry_point_exit_codes(talk: Path, tmp_path: Path) -> None:
    ok = _run("convert", talk, "-o", "talk.srt", cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, b"")
    assert (tmp_path / "talk.srt").read_bytes() == _expected("srt")
    usage = _run("convert", talk, "-o", "talk.unknown", cwd=tmp_path)
    assert usage.returncode == 2
    assert usage.stderr.decode().startswith("cuecraft: unknown output extension")
    bad = _run("convert", talk, "-o", "talk.srt", "--max-rows", "0", cwd=tmp_path)
    assert bad.returncode == 2
    assert b"max_rows (--max-rows)" in bad.stderr


def test_module_unreadable_input_is_one_line_without_traceback(tmp_path: Path) -> None:
    (tmp_path / "garbage.json").write_bytes(b"\xff\xfe not json")
    result = _run("convert", "garbage.json", "-o", "out.srt", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.decode().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("cuecraft: garbage.json: ")
    assert b"Traceback" not in result.stderr
    assert not (tmp_path / "out.srt").exists()
    debug = _run("convert", "garbage.json", "-o", "out.srt", "--debug", cwd=tmp_path)
    assert debug.returncode == 1
    assert b"Traceback (most recent call last)" in debug.stderr


def test_module_stdin_to_stdout(tmp_path: Path) -> None:
    payload = _transcript().model_dump_json().encode()
    result = _run("convert", "-", "-o", "-", "--to", "vtt", cwd=tmp_path, stdin=payload)
    assert (result.returncode, result.stderr) == (0, b"")
    assert result.stdout == _expected("vtt")
    result = _run("convert", "-", "-o", "-", cwd=tmp_path, stdin=payload)
    assert result.returncode == 2
    assert result.stdout == b""
    result = _run("convert", "-", "-o", "-", "--to", "srt", cwd=tmp_path, stdin=b"")
    assert result.returncode == 1
    assert result.stderr.decode().startswith("cuecraft: <stdin>: ")
    assert list(tmp_path.iterdir()) == []


def test_in_process_stdin_and_stdout(
    capsysbinary: pytest.CaptureFixture[bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    payload = _transcript().model_dump_json().encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))
    assert cli.main(["convert", "-", "-o", "-", "--to", "srt"]) == 0
    assert capsysbinary.readouterr().out == _expected("srt")


# ------------------------------------------------------------------------ bundled samples


def test_amberscript_sample(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sample = SAMPLES / "amberscript" / "interview.json"
    if not sample.exists() or "amberscript" not in READERS:
        pytest.skip("samples/amberscript/interview.json or its reader is not there yet")
    out = tmp_path / "interview.srt"
    status, _, stderr = _main(capsys, "convert", sample, "-o", out, "--speaker-labels", "prefix")
    assert (status, stderr) == (0, [])
    transcript = cuecraft.load(sample)
    expected = render(transcript, get_writer("srt"), options={"speaker_labels": "prefix"})[0]
    assert out.read_bytes() == expected
    first_speaker = transcript.speakers[0].name
    assert out.read_text(encoding="utf-8").split("\n")[2].startswith(f"{first_speaker}: ")
