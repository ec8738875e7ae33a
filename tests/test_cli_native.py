"""Issue #15, the command line: reader flags, short forms and aliases, focused help, short
usage errors, binary output refused on a terminal, check naming what it was given, batch
settings manifest and name template."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import cuecraft
from cuecraft import cli
from cuecraft.commands._manifest import MANIFEST

DEEPGRAM_LIKE = {
    "words": [
        {"text": "Hola,", "start": 0.0, "end": 0.4, "speaker": "0"},
        {"text": "José.", "start": 0.5, "end": 0.9, "speaker": "0"},
        {"text": "Hola", "start": 3.0, "end": 3.3, "speaker": "1"},
        {"text": "Zoë.", "start": 3.4, "end": 3.8, "speaker": "1"},
    ]
}


def _main(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, list[str]]:
    status = cli.main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err.splitlines()


@pytest.fixture
def words(tmp_path: Path) -> Path:
    path = tmp_path / "call.json"
    path.write_text(json.dumps(DEEPGRAM_LIKE), encoding="utf-8")
    return path


def test_speaker_names_and_language_flags(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "call.vtt"
    argv: list[str | Path] = [words, "-o", out, "--speaker-labels", "voice"]
    argv += ["--speaker-names", "Zoë,José"]
    status, _, err = _main(capsys, "convert", *argv, "--language", "es")
    assert (status, err) == (0, [])
    text = out.read_text(encoding="utf-8")
    assert "<v Zoë>Hola, José." in text
    assert "<v José>Hola Zoë." in text
    ttml = tmp_path / "call.ttml"
    assert _main(capsys, "convert", words, "-o", ttml, "--language", "es")[0] == 0
    assert 'xml:lang="es"' in ttml.read_text(encoding="utf-8")


def test_time_origin_applies_to_stl_input_only(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stl = tmp_path / "call.stl"
    argv = ["--start-of-programme", "10:00:00:00"]
    assert _main(capsys, "convert", words, "-o", stl, *argv)[0] == 0
    srt = tmp_path / "back.srt"
    status, _, err = _main(capsys, "convert", stl, "-o", srt, "--time-origin", "zero")
    assert (status, err) == (0, [])
    assert srt.read_text(encoding="utf-8").startswith("1\n10:00:00,000 --> ")
    status, _, err = _main(capsys, "convert", words, "-o", srt, "--time-origin", "zero")
    assert status == 2
    assert "time_origin" in err[0] or "--time-origin" in err[0]


def test_input_speaker_labels_is_the_readers_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srt = tmp_path / "in.srt"
    rows = ["ANNA: Hi there.", "BOB: Hello.", "ANNA: Bye now.", "BOB: Bye."]
    srt.write_text(
        "".join(
            f"{n + 1}\n00:00:0{2 * n},000 --> 00:00:0{2 * n + 1},000\n{row}\n\n"
            for n, row in enumerate(rows)
        ),
        encoding="utf-8",
    )
    labelled = tmp_path / "labelled.srt"
    plain = tmp_path / "plain.srt"
    assert _main(capsys, "convert", srt, "-o", labelled)[0] == 0
    argv: list[str | Path] = ["-o", plain, "--input-speaker-labels", "none"]
    assert _main(capsys, "convert", srt, *argv)[0] == 0
    assert "ANNA:" not in labelled.read_text(encoding="utf-8")
    assert "ANNA: Hi there." in plain.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["SRT", "subrip", "WebVTT", "dfxp", "Vtt"])
def test_short_forms_and_aliases(
    name: str, words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.bin"
    status, _, err = _main(capsys, "convert", words, "-f", "Words", "-o", out, "-t", name)
    assert (status, err) == (0, [])
    assert out.stat().st_size > 0


def test_convert_help_is_short_and_for_people(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    status, out, _ = _main(capsys, "convert", "--help")
    assert status == 0
    assert len(out.splitlines()) <= 100
    assert "``" not in out
    assert "None" not in out
    assert ":class:" not in out
    for flag in ("-f READER", "-t WRITER", "--speaker-names", "--language", "--help-format"):
        assert flag in out
    assert "--creation-date YYYY" not in out  # a writer's option: cuecraft formats stl


def test_formats_name_and_help_format_show_one_formats_options(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = _main(capsys, "formats", "STL")
    assert status == 0
    assert out.startswith("reader stl")
    assert "--time-origin" in out
    assert "writer stl" in out
    assert "--creation-date YYYY-MM-DD" in out
    assert "--font" not in out  # ASS's, not STL's
    assert _main(capsys, "convert", "--help-format", "stl")[1] == out
    status, _, err = _main(capsys, "formats", "nope")
    assert status == 2
    assert "no format 'nope'" in err[0]


def test_a_writer_registered_later_gets_its_flags_listed(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Every registered writer's fields with a command-line form are listed by name.
    from cuecraft.commands._flags import flag_table
    from cuecraft.writers import WRITERS

    table = flag_table()
    for name in WRITERS:
        status, out, _ = _main(capsys, "formats", name)
        assert status == 0
        for field in WRITERS[name].options.model_fields:
            flag = table.flag_for(name, field)
            assert (flag.option if flag else f"({field})") in out


@pytest.mark.parametrize(
    "argv",
    [
        ["convert", "x.json"],
        ["convert", "x.json", "-o", "x.srt", "--bogus"],
        ["batch", "in", "-o", "out"],
        ["frobnicate"],
    ],
)
def test_usage_errors_are_at_most_three_lines(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = _main(capsys, *argv)
    assert status == 2
    assert 2 <= len(err) <= 3
    assert err[0].startswith("usage: cuecraft")
    assert err[-1].endswith("--help' for more.")


def test_a_bad_value_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = _main(capsys, "convert", "x.json", "-o", "x.srt", "--max-rows", "many")
    assert status == 2
    assert err == [
        "cuecraft: --max-rows: Input should be a valid integer, unable to parse string as an "
        "integer (got 'many')"
    ]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True

    @property
    def buffer(self) -> io.BytesIO:
        return io.BytesIO()


def test_binary_output_to_a_terminal_is_refused(
    words: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    terminal = _Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    status = cli.main(["convert", str(words), "-o", "-", "-t", "stl"])
    err = capsys.readouterr().err
    assert status == 2
    assert "binary format" in err
    assert "terminal" in err
    assert terminal.getvalue() == ""


def test_check_names_what_it_was_given(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for ext in ("docx", "txt", "ass"):
        assert _main(capsys, "convert", words, "-o", tmp_path / f"call.{ext}")[0] == 0
    status, out, err = _main(
        capsys, "check", tmp_path / "call.docx", tmp_path / "call.txt", tmp_path / "call.ass"
    )
    assert status == 1
    assert out.startswith(f"{tmp_path / 'call.ass'} (ass, 2 cues)")
    assert err[0].endswith(
        "not a subtitle file: a Word document (DOCX); check reads ass, sbv, "
        "scc, srt, stl, ttml, vtt files"
    )
    assert "not a subtitle file: plain text without cue timings" in err[1]


def test_plurals(words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"words": DEEPGRAM_LIKE["words"][:1]}), encoding="utf-8")
    srt = tmp_path / "one.srt"
    assert _main(capsys, "convert", one, "-o", srt)[0] == 0
    _, out, _ = _main(capsys, "check", srt)
    assert "(srt, 1 cue)" in out
    assert " 1 cues" not in out
    _, out, _ = _main(capsys, "info", one)
    assert "1 word" in out
    assert "1 words" not in out


def test_batch_rewrites_when_settings_change_and_says_so(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    base: list[str | Path] = ["batch", words, "-o", out, "-t", "srt", "--jobs", "1"]
    status, summary, _ = _main(capsys, *base)
    assert status == 0
    assert "1 converted" in summary
    assert (out / MANIFEST).is_file()
    status, summary, _ = _main(capsys, *base)
    assert "0 converted, 0 failed, 1 skipped" in summary
    status, summary, _ = _main(capsys, *base, "--max-chars-per-row", "20")
    assert "settings changed since the last batch" in summary
    assert "1 converted" in summary
    assert max(len(row) for row in (out / "call.srt").read_text().splitlines()) <= 29
    status, summary, _ = _main(capsys, *base, "--max-chars-per-row", "20")
    assert "1 skipped" in summary
    assert "settings changed" not in summary


def test_batch_name_template_converts_same_stem_inputs(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    srt = tmp_path / "call.srt"
    assert _main(capsys, "convert", words, "-o", srt)[0] == 0
    out = tmp_path / "out"
    status, _, err = _main(capsys, "batch", words, srt, "-o", out, "-t", "vtt", "--jobs", "1")
    assert status == 1
    assert "--name-template" in err[0]
    template = "{stem}.{input_ext}.{ext}"
    argv: list[str | Path] = ["batch", words, srt, "-o", out, "-t", "vtt", "--jobs", "1"]
    argv.append("--name-template")
    status, _, err = _main(capsys, *argv, template)
    assert (status, err) == (0, [])
    assert sorted(p.name for p in out.iterdir() if p.name != MANIFEST) == [
        "call.json.vtt",
        "call.srt.vtt",
    ]
    status, _, err = _main(capsys, *argv, "{stem}")
    assert status == 2
    assert "--name-template" in err[0]


def test_stl_and_docx_carry_todays_date_unless_told(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    transcript = cuecraft.load(words)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    stl = cuecraft.dumps(transcript, "stl")
    assert isinstance(stl, bytes)
    assert stl[224:230].decode() in {
        today.strftime("%y%m%d"),
        (today - datetime.timedelta(1)).strftime("%y%m%d"),
    }
    fixed = cuecraft.dumps(transcript, "stl", options={"creation_date": "2025-01-31"})
    assert isinstance(fixed, bytes)
    assert fixed[224:230] == b"250131"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(24 * 3600 * 365))
    assert cuecraft.dumps(transcript, "stl")[224:230] == b"710101"
    assert os.environ["SOURCE_DATE_EPOCH"]


def test_seconds_choices_take_an_s_as_the_help_says(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "call.txt"
    status, _, err = _main(capsys, "convert", words, "-o", out, "--timestamps-frequency", "10s")
    assert (status, err) == (0, [])
    again = tmp_path / "again.txt"
    assert _main(capsys, "convert", words, "-o", again, "--timestamps-frequency", "10")[0] == 0
    assert out.read_bytes() == again.read_bytes()


def test_a_reader_flag_for_another_reader_is_said_in_cli_terms(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv: list[str | Path] = ["-o", tmp_path / "x.srt", "--time-origin", "zero"]
    status, _, err = _main(capsys, "convert", words, *argv)
    assert status == 2
    assert err == [
        "cuecraft: --time-origin does not apply to this input (words); it is for stl input"
    ]


def test_batch_takes_the_generic_reader_flags(
    words: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    base: list[str | Path] = ["batch", words, "-o", out, "--jobs", "1"]
    status, _, err = _main(capsys, *base, "-t", "ttml", "--language", "es")
    assert (status, err) == (0, [])
    names = ["--speaker-names", "Zoë,José", "--speaker-labels", "voice"]
    status, _, err = _main(capsys, *base, "-t", "vtt", *names)
    assert (status, err) == (0, [])
    assert 'xml:lang="es"' in (out / "call.ttml").read_text(encoding="utf-8")
    assert "<v Zoë>" in (out / "call.vtt").read_text(encoding="utf-8")
    status, _, _ = _main(capsys, "batch", words, "-o", out, "-t", "vtt", "--time-origin", "zero")
    assert status == 2  # a reader-specific flag: convert only


def test_run_batch_rules_serve_formats_that_never_segment(words: Path, tmp_path: Path) -> None:
    from cuecraft.batch import run_batch

    out = tmp_path / "out"
    rules = cuecraft.Rules(max_chars_per_row=20)
    report = run_batch([words], out, ["srt", "docx"], rules=rules, jobs=1)
    assert report.exit_code() == 0
    assert (out / "call.docx").is_file()
    assert max(len(row) for row in (out / "call.srt").read_text().splitlines()) <= 29
