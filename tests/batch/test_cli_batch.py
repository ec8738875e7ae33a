"""``cuecraft batch`` on the command line: summary, failures, exit status, usage errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cuecraft.cli import main
from tests.conftest import SAMPLES


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copyfile(SAMPLES / "amberscript" / "interview.json", folder / "amber.json")
    shutil.copyfile(SAMPLES / "words" / "talk.words.json", folder / "talk.json")
    (folder / "broken.json").write_text('{"segments": [}', encoding="utf-8")
    return folder


def test_summary_and_failures(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["batch", str(inputs), "-o", str(out), "--to", "srt,vtt", "--jobs", "1"]) == 1
    captured = capsys.readouterr()
    assert "2 converted, 1 failed, 0 skipped (4 files written" in captured.out
    assert f"failed: {inputs / 'broken.json'}: line 1, column 15: invalid JSON" in captured.err
    assert "\r" not in captured.err  # no progress bar when stderr is not a terminal
    # The settings manifest (issue #15) sits beside the outputs.
    assert sorted(p.name for p in out.iterdir()) == [
        ".cuecraft-batch.json",
        "amber.srt",
        "amber.vtt",
        "talk.srt",
        "talk.vtt",
    ]
    # Again: everything up to date is skipped; the broken file still fails.
    assert main(["batch", str(inputs), "-o", str(out), "--to", "srt,vtt", "--quiet"]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "broken.json" in captured.err


def test_json_report(inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (inputs / "broken.json").unlink()
    code = main(["batch", str(inputs), "-o", str(tmp_path / "o"), "--to", "txt", "--json"])
    assert code == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["converted"], report["failed"], report["written"]) == (2, 0, 2)
    assert {Path(r["source"]).name: r["reader"] for r in report["results"]} == {
        "amber.json": "amberscript",
        "talk.json": "words",
    }


def test_rules_and_flags(inputs: Path, tmp_path: Path) -> None:
    (inputs / "broken.json").unlink()
    out = tmp_path / "out"
    args = ["batch", str(inputs), "-o", str(out), "--to", "srt,txt", "--jobs", "1"]
    assert main([*args, "--rules", "bbc-teletext", "--max-chars-per-row", "30"]) == 0
    rows = (out / "amber.srt").read_text("utf-8").splitlines()
    assert max(len(row) for row in rows if "-->" not in row) <= 30
    # The flag is also TXT's wrap width (the parser was built with the rules' flags alone).
    unwrapped = main(["batch", str(inputs), "-o", str(tmp_path / "plain"), "--to", "txt"])
    assert unwrapped == 0
    wrapped = (out / "amber.txt").read_text("utf-8").splitlines()
    assert max(len(row) for row in wrapped) <= 30
    assert (
        max(len(row) for row in (tmp_path / "plain" / "amber.txt").read_text("utf-8").splitlines())
        > 30
    )
    assert main([*args, "--force", "--speaker-labels", "prefix"]) == 0  # an SRT option
    assert ": " in (out / "amber.srt").read_text("utf-8")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--to", "srt,rtf"], "unknown output format 'rtf'"),
        (["--to", "txt", "--max-rows", "1"], "does not apply to any of txt"),
        (["--to", "srt", "--rules", "nope"], "no preset of that name"),
        (["--to", "srt", "--from", "nope"], "unknown input format 'nope'"),
        (["--to", "srt", "--jobs", "0"], "must be at least 1"),
    ],
)
def test_usage_errors(
    inputs: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    assert main(["batch", str(inputs), "-o", str(tmp_path / "out"), *extra]) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
