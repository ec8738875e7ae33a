"""Quality checks: each violation found exactly once, our own output clean under each preset."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cuecraft import house_rules
from cuecraft.batch import run_batch
from cuecraft.cli import main
from cuecraft.errors import InputError
from cuecraft.segment import Rules
from cuecraft.tools.check import CHECKS, SubtitleCue, check_cues, check_file, read_subtitles
from tests.conftest import SAMPLES

RULES = Rules(
    max_chars_per_row=20,
    max_rows=2,
    max_row_seconds=None,
    min_duration_ms=1000,
    max_duration_ms=5000,
    max_chars_per_second=10,
    min_gap_ms=100,
)
RULE_FLAGS = [
    "--max-chars-per-row=20",
    "--max-rows=2",
    "--no-max-row-seconds",
    "--min-duration-ms=1000",
    "--max-duration-ms=5000",
    "--max-chars-per-second=10",
    "--min-gap-ms=100",
]

# One cue per violation (and good cues around them): (start, end, text, expected finding).
HAND_MADE: list[tuple[str, str, str, str | None]] = [
    ("00:00:00,000", "00:00:02,000", "Hello there", None),
    ("00:00:03,000", "00:00:06,000", "This row is far too long", "row-too-long"),
    ("00:00:07,000", "00:00:09,000", "One\nTwo\nThree", "too-many-rows"),
    ("00:00:10,000", "00:00:16,000", "Long", "too-long"),
    ("00:00:17,000", "00:00:17,500", "Hi", "too-short"),
    ("00:00:18,000", "00:00:19,200", "Speak fast now", "reading-speed"),
    ("00:00:19,100", "00:00:21,100", "Overlap", "overlap"),
    ("00:00:21,150", "00:00:23,150", "Close", "gap-under-minimum"),
    ("00:00:24,000", "00:00:26,000", "", "empty-cue"),
    ("00:00:27,000", "00:00:30,000", "Supercalifragilistic!!", "word-longer-than-row"),
    ("00:00:31,000", "00:00:33,000", "Bye", None),
]


def _srt() -> str:
    blocks = [
        f"{number}\n{start} --> {end}\n{text}\n"
        for number, (start, end, text, _) in enumerate(HAND_MADE, start=1)
    ]
    return "\n".join(blocks)


def _vtt() -> str:
    blocks = [
        f"{start.replace(',', '.')} --> {end.replace(',', '.')}\n{text}\n"
        for start, end, text, _ in HAND_MADE
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)


EXPECTED = {code: number for number, (*_, code) in enumerate(HAND_MADE, start=1) if code}


def test_hand_made_file_covers_every_check() -> None:
    assert set(EXPECTED) == set(CHECKS)


@pytest.mark.parametrize(("name", "text"), [("bad.srt", _srt()), ("bad.vtt", _vtt())])
def test_each_violation_reported_exactly_once(tmp_path: Path, name: str, text: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    report = check_file(path, RULES)
    assert report.cue_count == len(HAND_MADE)
    found = {finding.code: finding.cue for finding in report.findings}
    assert len(report.findings) == len(CHECKS)
    assert found == EXPECTED
    assert report.counts() == dict.fromkeys(CHECKS, 1)
    assert report.errors == 5
    assert report.warnings == 4
    assert not report.passed()
    overlap = next(f for f in report.findings if f.code == "overlap")
    assert (overlap.start_ms, overlap.end_ms) == (19_100, 21_100)


def test_cli_reports_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.srt"
    path.write_text(_srt(), encoding="utf-8")
    assert main(["check", str(path), *RULE_FLAGS]) == 1
    out = capsys.readouterr().out
    assert "FAILED: 5 errors, 4 warnings" in out
    assert "cue 2 00:00:03,000 --> 00:00:06,000: error: row-too-long" in out
    assert main(["check", str(path), *RULE_FLAGS, "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    findings = document["files"][0]["findings"]
    assert {f["code"]: f["cue"] for f in findings} == EXPECTED
    assert document["files"][0]["summary"]["overlap"] == {"severity": "error", "count": 1}
    assert findings[0]["start"] == "00:00:03,000"


def test_warnings_fail_only_when_strict(tmp_path: Path) -> None:
    path = tmp_path / "slow.srt"
    path.write_text("1\n00:00:00,000 --> 00:00:00,400\nHi\n", encoding="utf-8")
    assert main(["check", str(path), *RULE_FLAGS]) == 0
    assert main(["check", str(path), *RULE_FLAGS, "--strict"]) == 1


def test_unreadable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    transcript = tmp_path / "t.json"
    shutil.copyfile(SAMPLES / "words" / "talk.words.json", transcript)
    assert main(["check", str(transcript), str(tmp_path / "missing.srt")]) == 1
    err = capsys.readouterr().err
    assert "not a subtitle file" in err
    assert "missing.srt: no such file" in err
    with pytest.raises(InputError):
        read_subtitles(b"just words, no cues", source="x.srt")


def test_per_row_screen_time_and_nested_overlap() -> None:
    rules = Rules(max_row_seconds=1.0, min_duration_ms=0, max_chars_per_second=100)
    cues = [
        SubtitleCue(1, 0, 10_000, ("a long cue",)),  # 10 s: over 1 s x 1 row and over 7 s
        SubtitleCue(2, 1_000, 1_500, ("inside",)),  # inside cue 1
        SubtitleCue(3, 2_000, 2_500, ("still inside",)),  # also inside cue 1
    ]
    report = check_cues(cues, rules)
    assert [(f.cue, f.code) for f in report.findings] == [
        (1, "too-long"),
        (2, "overlap"),
        (3, "overlap"),
    ]
    assert "max_row_seconds" in report.findings[0].message


def test_frame_tolerance() -> None:
    # At 25 fps a 40 ms frame rounds times: half a frame of slack on durations and gaps.
    rules = Rules(frame_rate=25.0, min_gap_ms=80, min_duration_ms=1000)
    cues = [SubtitleCue(1, 0, 980, ("Hi",)), SubtitleCue(2, 1040, 3000, ("there",))]
    assert check_cues(cues, rules).findings == ()
    assert check_cues(cues, rules, tolerance_ms=0).counts()["too-short"] == 1


# ----------------------------------------------------------------- our own output, presets

SAMPLE_INPUTS = {
    "amber.json": SAMPLES / "amberscript" / "interview.json",
    "happy.json": SAMPLES / "happyscribe" / "interview.json",
    "scribie.json": SAMPLES / "scribie" / "interview.json",
    "talk.json": SAMPLES / "words" / "talk.words.json",
}


@pytest.mark.parametrize("preset", [p.name for p in house_rules.list_presets()])
def test_our_output_passes_under_each_preset(tmp_path: Path, preset: str) -> None:
    for name, source in SAMPLE_INPUTS.items():
        shutil.copyfile(source, tmp_path / name)
    house = house_rules.resolve(preset)
    formats = ["srt", "vtt", "stl", "ttml"]
    report = run_batch(
        [tmp_path / name for name in SAMPLE_INPUTS],
        tmp_path / "out",
        formats,
        rules=house.rules,
        options=house.writer_options,
        jobs=1,
    )
    assert report.failed == 0, [r.error for r in report.failures()]
    outputs = sorted((tmp_path / "out").iterdir())
    assert len(outputs) == len(SAMPLE_INPUTS) * len(formats)
    for path in outputs:
        checked = check_file(path, house.rules)
        assert checked.errors == 0, [str(f) for f in checked.findings if f.severity == "error"]
        assert checked.cue_count > 10


def test_check_command_under_a_preset(tmp_path: Path) -> None:
    shutil.copyfile(SAMPLE_INPUTS["amber.json"], tmp_path / "amber.json")
    assert (
        main(
            [
                "convert",
                str(tmp_path / "amber.json"),
                "-o",
                str(tmp_path / "a.srt"),
                "--rules",
                "netflix-en",
            ]
        )
        == 0
    )
    assert main(["check", str(tmp_path / "a.srt"), "--rules", "netflix-en"]) == 0


def test_ttml_is_checked_as_written(tmp_path: Path) -> None:
    path = tmp_path / "x.ttml"
    path.write_text(
        '<tt xmlns="http://www.w3.org/ns/ttml" xml:lang="en"><body><div>'
        '<p begin="00:00:01.000" end="00:00:03.000">A fine first row<br/>and a second one</p>'
        '<p begin="00:00:02.500" end="00:00:04.000">This row is far too long for the limit of '
        "forty-two characters</p></div></body></tt>",
        encoding="utf-8",
    )
    report = check_file(path, Rules(max_row_seconds=None))
    assert report.cue_count == 2
    assert sorted((f.code, f.cue) for f in report.findings) == [
        ("overlap", 2),
        ("reading-speed", 2),
        ("row-too-long", 2),
    ]
