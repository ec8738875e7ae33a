"""Batch conversion: inputs, names, skipping, collisions, failures with locations, workers."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pysubs2
import pytest

from cuecraft.batch import (
    BatchJob,
    FileResult,
    collect_inputs,
    plan,
    run_batch,
    run_job,
    safe_output_path,
    safe_stem,
)
from cuecraft.errors import InputError
from cuecraft.writers import WRITERS
from tests.conftest import SAMPLES, corpus_dir

FORMATS = [name for name in ("srt", "vtt", "stl", "txt", "docx") if name in WRITERS]


def _inputs(folder: Path) -> dict[str, Path]:
    """The bundled samples under distinct names, plus broken files, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    good = {
        "amber.json": SAMPLES / "amberscript" / "interview.json",
        "happy.json": SAMPLES / "happyscribe" / "interview.json",
        "scribie.json": SAMPLES / "scribie" / "interview.json",
    }
    paths = {}
    for name, source in good.items():
        paths[name] = folder / name
        shutil.copyfile(source, paths[name])
    doc = json.loads((SAMPLES / "amberscript" / "interview.json").read_text("utf-8"))
    doc["segments"][1]["words"][2]["end"] = "soon"
    broken = {
        "invalid.json": b'{"segments": [',
        "schema.json": json.dumps(doc).encode(),
        "unknown.json": b'{"hello": "world"}',
        "empty.json": b"",
    }
    for name, data in broken.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


# ----------------------------------------------------------------------------- inputs, names


def test_collect_inputs_walks_folders(tmp_path: Path) -> None:
    (tmp_path / "in" / "deep" / "deeper").mkdir(parents=True)
    (tmp_path / "in" / ".hidden").mkdir()
    for name in (
        "a.json",
        "deep/b.srt",
        "deep/deeper/c.vtt",
        "notes.md",
        ".d.json",
        ".hidden/e.json",
    ):
        (tmp_path / "in" / name).write_text("{}")
    (tmp_path / "in" / "out").mkdir()
    (tmp_path / "in" / "out" / "old.json").write_text("{}")
    explicit = tmp_path / "notes.md"
    explicit.write_text("x")
    inputs, failures = collect_inputs(
        [tmp_path / "in", explicit, tmp_path / "in" / "a.json", tmp_path / "missing"],
        exclude=tmp_path / "in" / "out",
    )
    names = [path.relative_to(tmp_path).as_posix() for path in inputs]
    assert names == ["in/a.json", "in/deep/b.srt", "in/deep/deeper/c.vtt", "notes.md"]
    assert [failure.source for failure in failures] == [str(tmp_path / "missing")]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("interview", "interview"),
        ("../../etc/passwd", "_.._etc_passwd"),
        ("/abs/path", "_abs_path"),
        ("..", "untitled"),
        (".hidden", "hidden"),
        ("a\\b:c*d?e", "a_b_c_d_e"),
        ("con", "_con"),
        ("LPT1.backup", "_LPT1.backup"),
        ("tab\there\x00nul", "tab_here_nul"),
        ("rtl\u202eevil", "rtl_evil"),
        ("  spaced. ", "spaced"),
        ("", "untitled"),
        ("Zoë Müller – 中文", "Zoë Müller – 中文"),
    ],
)
def test_safe_stem(name: str, expected: str) -> None:
    assert safe_stem(name) == expected


def test_safe_stem_is_bounded() -> None:
    assert len(safe_stem("é" * 500).encode("utf-8")) <= 200


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "..", "a/../../b", "\x00", "C:\\x"])
def test_outputs_stay_in_the_folder(tmp_path: Path, name: str) -> None:
    target = safe_output_path(tmp_path, name, ".srt")
    assert target.parent == tmp_path.resolve()


def test_plan_refuses_collisions(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = tmp_path / "a" / "Talk.json"
    second = tmp_path / "b" / "talk.json"
    other = tmp_path / "b" / "other.json"
    for path in (first, second, other):
        path.write_text("{}")
    jobs, results = plan([first, second, other], tmp_path / "out", ["srt"])
    assert [job.source for job in jobs] == [str(other)]
    assert {result.source for result in results} == {str(first), str(second)}
    assert all(
        result.status == "failed" and "collides" in (result.error or "") for result in results
    )


def test_keep_folders_converts_same_named_files_into_their_sub_folders(tmp_path: Path) -> None:
    tree = tmp_path / "in"
    for vendor in ("amberscript", "scribie"):
        (tree / vendor / "2026").mkdir(parents=True)
        shutil.copyfile(SAMPLES / vendor / "interview.json", tree / vendor / "2026" / "x.json")
    loose = tmp_path / "loose.json"
    shutil.copyfile(SAMPLES / "happyscribe" / "interview.json", loose)
    out = tmp_path / "out"

    refused = run_batch([tree, loose], out, ["srt"], jobs=1)
    assert refused.failed == 2
    # The library names its parameter; the CLI says --keep-folders (tests/test_messages.py).
    assert all("keep_folders=True" in (r.error or "") for r in refused.failures())

    report = run_batch([tree, loose], out, ["srt"], jobs=1, keep_folders=True)
    assert report.failed == 0
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.srt"))
    assert written == ["amberscript/2026/x.srt", "loose.srt", "scribie/2026/x.srt"]
    again = run_batch([tree, loose], out, ["srt"], jobs=1, keep_folders=True)
    assert again.skipped == 3  # outputs in sub-folders are found again and are up to date


def test_plan_refuses_overwriting_the_input(tmp_path: Path) -> None:
    source = tmp_path / "talk.srt"
    source.write_text("1\n00:00:00,000 --> 00:00:01,000\nHi\n")
    jobs, results = plan([source], tmp_path, ["srt"])
    assert not jobs
    assert "overwrite the input" in (results[0].error or "")


def test_plan_skips_outputs_newer_than_their_input(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    source.write_text("{}")
    out = tmp_path / "out"
    out.mkdir()
    newer, older = out / "talk.srt", out / "talk.vtt"
    newer.write_text("x")
    older.write_text("x")
    stamp = source.stat().st_mtime_ns
    os.utime(newer, ns=(stamp + 10**9, stamp + 10**9))
    os.utime(older, ns=(stamp - 10**9, stamp - 10**9))
    jobs, _ = plan([source], out, ["srt", "vtt"])
    assert jobs[0].outputs == ((("vtt", str(older.resolve()))),)
    assert jobs[0].skipped == (("srt", str(newer.resolve())),)
    jobs, _ = plan([source], out, ["srt", "vtt"], force=True)
    assert [name for name, _ in jobs[0].outputs] == ["srt", "vtt"]


# ------------------------------------------------------------------------------- conversion


def test_run_job_reports_the_location(tmp_path: Path) -> None:
    paths = _inputs(tmp_path / "in")
    job = BatchJob(source=str(paths["schema.json"]), outputs=(("srt", str(tmp_path / "x.srt")),))
    result = run_job(job)
    assert result.status == "failed"
    assert result.location == "/segments/1/words/2/end"
    assert result.error is not None
    assert result.error.startswith(str(paths["schema.json"]) + ": /segments/1/words/2/end: ")
    assert "\n" not in result.error
    assert not (tmp_path / "x.srt").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_batch_converts_good_files_and_reports_bad_ones(tmp_path: Path, jobs: int) -> None:
    paths = _inputs(tmp_path / "in")
    out = tmp_path / "out"
    seen: list[tuple[str, int, int]] = []
    report = run_batch(
        [tmp_path / "in"],
        out,
        FORMATS,
        jobs=jobs,
        on_result=lambda result, done, total: seen.append((result.source, done, total)),
    )
    by_name = {Path(result.source).name: result for result in report.results}
    assert {name for name, r in by_name.items() if r.status == "converted"} == {
        "amber.json",
        "happy.json",
        "scribie.json",
    }
    failed = {name: r for name, r in by_name.items() if r.status == "failed"}
    assert set(failed) == {"invalid.json", "schema.json", "unknown.json", "empty.json"}
    assert failed["invalid.json"].location == "line 1, column 15"
    assert failed["schema.json"].location == "/segments/1/words/2/end"
    for result in failed.values():
        assert result.error is not None
        assert result.error.startswith(str(paths[Path(result.source).name]))
    assert report.exit_code() == 1
    assert [done for _, done, _ in seen] == list(range(1, 8))
    for stem in ("amber", "happy", "scribie"):
        for name in FORMATS:
            assert (out / f"{stem}{WRITERS[name].extensions[0]}").stat().st_size > 0
        subtitles = pysubs2.load(str(out / f"{stem}.srt"))
        assert len(subtitles) > 10
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert not any((out / f"{name}.srt").exists() for name in ("invalid", "schema", "unknown"))


def test_rerun_skips_then_force_rewrites(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    shutil.copyfile(SAMPLES / "words" / "talk.words.json", source)
    out = tmp_path / "out"
    first = run_batch([source], out, ["srt", "txt"], jobs=1)
    assert (first.converted, first.written) == (1, 2)
    second = run_batch([source], out, ["srt", "txt"], jobs=1)
    assert (second.skipped, second.written) == (1, 0)
    assert second.exit_code() == 0
    third = run_batch([source], out, ["srt", "txt"], jobs=1, force=True)
    assert (third.converted, third.written) == (1, 2)
    source.touch()  # the input changed: converted again without --force
    stamp = (out / "talk.srt").stat().st_mtime_ns
    os.utime(source, ns=(stamp + 10**9, stamp + 10**9))
    fourth = run_batch([source], out, ["srt", "txt"], jobs=1)
    assert fourth.written == 2


def test_report_pickles_and_serialises(tmp_path: Path) -> None:
    import pickle

    paths = _inputs(tmp_path / "in")
    report = run_batch(
        [paths["amber.json"], paths["invalid.json"]], tmp_path / "out", ["srt"], jobs=1
    )
    assert pickle.loads(pickle.dumps(report)) == report
    document = json.loads(json.dumps(report.to_dict()))
    assert (document["converted"], document["failed"]) == (1, 1)


def test_missing_input_is_a_failure_not_a_crash(tmp_path: Path) -> None:
    report = run_batch([tmp_path / "nope.json"], tmp_path / "out", ["srt"], jobs=1)
    assert report.failed == 1
    assert isinstance(report.results[0], FileResult)


def test_input_size_limit(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    shutil.copyfile(SAMPLES / "words" / "talk.words.json", source)
    report = run_batch([source], tmp_path / "out", ["srt"], jobs=1, max_bytes=1000)
    assert report.failed == 1
    assert "limit" in (report.results[0].error or "")


def test_unknown_format_is_refused_up_front(tmp_path: Path) -> None:
    from cuecraft.errors import UnknownFormatError

    with pytest.raises(UnknownFormatError):
        run_batch([tmp_path], tmp_path / "out", ["srt", "nope"])


# ------------------------------------------------------------------------------ the corpus


CORPUS_READERS = {
    "amberscript": "amberscript",
    "assemblyai": "assemblyai",
    "aws-transcribe": "aws_transcribe",
    "deepgram": "deepgram",
    "rev-ai": "revai",
    "speechmatics": "speechmatics",
    "whisper-timestamped": "whisper_timestamped",
}


def test_corpus_batch(tmp_path: Path) -> None:
    """Every real vendor export converts to every format; broken files beside them are each
    reported with their location; the batch runs on worker processes."""
    vendors = corpus_dir("vendors")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "truncated.json").write_bytes(
        (vendors / "amberscript" / "radio-arg-anunciador-2spk.json").read_bytes()[:5000]
    )
    (broken / "garbage.json").write_bytes(b'{"segments": "\xff\xfe"}')
    good = sorted(vendors.glob("*/*.json"))
    report = run_batch([vendors, broken], tmp_path / "out", FORMATS, jobs=2)
    results = {Path(r.source).name: r for r in report.results}
    for path in good:
        result = results[path.name]
        assert result.status == "converted", result.error
        assert result.reader == CORPUS_READERS.get(path.parent.name, result.reader)
        assert [out.status for out in result.outputs] == ["written"] * len(FORMATS)
    assert results["truncated.json"].status == "failed"
    assert results["truncated.json"].location is not None  # line and column of the cut
    assert results["garbage.json"].status == "failed"
    assert results["garbage.json"].location is not None  # the byte that is not UTF-8
    assert report.exit_code() == 1


def test_interrupted_in_process_leaves_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C in the middle of a write (simulated) removes the temporary file."""
    source = tmp_path / "talk.json"
    shutil.copyfile(SAMPLES / "words" / "talk.words.json", source)

    def interrupt(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupt)
    report = run_batch([source], tmp_path / "out", ["srt", "vtt"], jobs=1)
    monkeypatch.undo()
    assert report.interrupted == "SIGINT"
    assert report.not_done == (str(source),)
    assert report.exit_code() == 130
    assert list((tmp_path / "out").iterdir()) == []


def test_input_error_pickles_through_workers() -> None:
    import pickle

    error = InputError("bad", source="x.json", pointer="/a/0")
    clone = pickle.loads(pickle.dumps(error))
    assert (clone.source, clone.pointer, str(clone)) == ("x.json", "/a/0", str(error))
