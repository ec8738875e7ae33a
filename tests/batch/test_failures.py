"""How each kind of failure is reported by a batch: where it happened, which output, and that
the other outputs and inputs go on."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import threading
import time
from pathlib import Path

import pytest

from cuecraft import api
from cuecraft.batch import BatchReport, FileResult, run_batch
from cuecraft.batch.job import describe_error
from cuecraft.cli import main
from cuecraft.errors import (
    CuecraftError,
    InputError,
    OutputError,
    RulesError,
    SegmentationError,
    UnencodableError,
)
from cuecraft.segment import Rules
from cuecraft.writers import WRITERS
from tests.conftest import SAMPLES

TALK = SAMPLES / "words" / "talk.words.json"


def _only(report: BatchReport) -> FileResult:
    (result,) = report.results
    return result


@pytest.fixture
def talk(tmp_path: Path) -> Path:
    path = tmp_path / "in" / "talk.json"
    path.parent.mkdir()
    shutil.copyfile(TALK, path)
    return path


def test_an_output_folder_that_is_a_file_is_refused(talk: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file")
    with pytest.raises(OutputError) as caught:
        run_batch([talk], blocker / "sub", ["srt"], jobs=1)
    assert caught.value.target == str(blocker / "sub")


def test_an_unwritable_output_fails_alone(talk: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "talk.srt").mkdir(parents=True)  # a folder where the SRT would go
    # Newer than the input: still no up-to-date output (it used to be skipped as one).
    os.utime(talk, (time.time() - 60, time.time() - 60))
    result = _only(run_batch([talk], out, ["srt", "vtt"], jobs=1))
    assert result.status == "failed"
    statuses = {output.format: output.status for output in result.outputs}
    assert statuses == {"srt": "failed", "vtt": "written"}
    assert result.location == str(out / "talk.srt")
    assert result.error is not None
    assert result.error.endswith("(writing srt)")
    assert (out / "talk.vtt").read_text(encoding="utf-8").startswith("WEBVTT")


def test_an_unencodable_character_names_its_cue(tmp_path: Path) -> None:
    source = tmp_path / "emoji.json"
    words = [{"text": "Hi", "start": 0.0, "end": 0.4}, {"text": "😀", "start": 3.0, "end": 3.5}]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    result = _only(run_batch([source], tmp_path / "out", ["stl", "srt"], jobs=1))
    assert result.status == "failed"
    assert result.location is not None
    assert result.location.startswith("cue ")
    assert [output.status for output in result.outputs] == ["failed", "written"]


def test_a_rule_a_writer_cannot_hold_names_the_field(talk: Path, tmp_path: Path) -> None:
    rules = Rules(max_chars_per_row=60)
    report = run_batch(
        [talk],
        tmp_path / "out",
        ["stl", "srt"],
        jobs=1,
        rules=rules,  # max_chars_per_row is in rules.model_fields_set: the user's choice
    )
    result = _only(report)
    assert (result.status, result.location) == ("failed", "max_chars_per_row")
    assert [output.status for output in result.outputs] == ["failed", "written"]


def test_a_bug_in_a_writer_is_an_internal_error_with_its_traceback(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object) -> None:
        raise ZeroDivisionError("division by zero")

    monkeypatch.setitem(WRITERS, "srt", dataclasses.replace(WRITERS["srt"], write=broken))
    result = _only(run_batch([talk], tmp_path / "out", ["srt"], jobs=1))
    assert result.status == "failed"
    assert result.error is not None
    assert "internal error: ZeroDivisionError" in result.error
    assert result.detail is not None
    assert "Traceback" in result.detail
    args = ["batch", str(talk), "-o", str(tmp_path / "cli"), "--to", "srt", "--jobs", "1"]
    assert main([*args, "--debug"]) == 1
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError" in err
    assert "Traceback (most recent call last):" in err
    assert main(args) == 1
    assert "Traceback" not in capsys.readouterr().err


def test_signals_are_left_alone_outside_the_main_thread(talk: Path, tmp_path: Path) -> None:
    reports: list[BatchReport] = []
    thread = threading.Thread(
        target=lambda: reports.append(
            run_batch([talk], tmp_path / "out", ["srt"], jobs=1, handle_signals=True)
        )
    )
    thread.start()
    thread.join(timeout=60)
    assert reports[0].converted == 1


def test_an_interrupted_batch_sweeps_temporary_files_of_killed_writers(
    talk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    # What a worker killed with SIGKILL mid-write left, moments ago.
    leftover = out / ".talk.srt.99999999.abcdefgh.part"
    leftover.write_bytes(b"half a file")

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    report = run_batch([talk], out, ["srt"], jobs=1)
    monkeypatch.undo()
    assert report.interrupted == "SIGINT"
    assert list(out.iterdir()) == []


def test_a_symlinked_output_sub_folder_pointing_away_is_refused(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    (tree / "vendor").mkdir(parents=True)
    (tree / "other").mkdir()
    shutil.copyfile(TALK, tree / "vendor" / "talk.json")
    shutil.copyfile(TALK, tree / "other" / "talk.json")
    out = tmp_path / "out"
    out.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (out / "vendor").symlink_to(elsewhere)
    report = run_batch([tree], out, ["srt"], jobs=1, keep_folders=True)
    results = {Path(result.source).parent.name: result for result in report.results}
    assert results["vendor"].status == "failed"
    assert "outside" in (results["vendor"].error or "")
    assert results["other"].status == "converted"  # the batch went on
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize(
    ("error", "location"),
    [
        (InputError("bad", source="a.json", pointer="/x"), "/x"),
        (InputError("bad", source="a.json"), None),
        (UnencodableError("no", target="o.stl", cue_index=2), "cue 3"),
        (UnencodableError("no", target="o.stl"), "o.stl"),
        (OutputError("cannot write", target="o.srt"), "o.srt"),
        (SegmentationError("no room", word_index=7), "word 7"),
        (SegmentationError("no room"), None),
        (RulesError("too big", field="max_rows"), "max_rows"),
        (ValueError("a bug"), None),
    ],
)
def test_each_error_is_described_with_its_location(
    error: BaseException, location: str | None
) -> None:
    message, where = describe_error(error, "a.json")
    assert where == location
    assert message.startswith("a.json: ")
    assert message.count("a.json") == 1
    internal = not isinstance(error, CuecraftError)  # InputError is a ValueError too
    assert ("internal error: ValueError" in message) == internal


def test_the_default_memory_budget_is_shared_by_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs = []
    for number in range(2):
        path = tmp_path / f"talk{number}.json"
        shutil.copyfile(TALK, path)
        inputs.append(path)
    need = api.estimate_memory(TALK.read_bytes())
    # A machine with room for one such conversion and a half.
    monkeypatch.setattr(api, "default_max_memory", lambda: need * 3 // 2)
    alone = run_batch(inputs, tmp_path / "one", ["srt"], jobs=1)
    assert alone.converted == 2
    # Two at once would not fit: each input is refused up front, before it is parsed.
    shared = run_batch(inputs, tmp_path / "two", ["srt"], jobs=2)
    assert shared.failed == 2
    assert all("memory" in (result.error or "") for result in shared.results)
    # An explicit budget is per input.
    explicit = run_batch(inputs, tmp_path / "three", ["srt"], jobs=2, max_memory_bytes=need)
    assert explicit.converted == 2
