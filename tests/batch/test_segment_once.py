"""A batch segments each input once per set of fitted rules, not once per format (#12)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import cuecraft
import cuecraft.batch.outputs as batch_outputs
from cuecraft import api
from cuecraft.batch import BatchJob, run_batch, run_job
from cuecraft.columns import WordTable
from cuecraft.errors import SegmentationError
from cuecraft.segment import Rules, TableSegmentation, segment_table
from cuecraft.writers import get_writer
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "amberscript" / "interview.json"


def _count_segmentations(monkeypatch: pytest.MonkeyPatch) -> list[Rules]:
    """Every segmentation made, by the batch or inside ``api.render``: the rules of each."""
    made: list[Rules] = []

    def counting(words: WordTable, rules: Rules | None = None) -> TableSegmentation:
        made.append(rules or Rules())
        return segment_table(words, rules)

    for where in ("cuecraft.api", "cuecraft.batch.outputs"):
        monkeypatch.setattr(f"{where}.segment_table", counting)
    return made


def _one_by_one(source: Path, name: str, rules: Rules | None = None, options: Any = None) -> bytes:
    """The bytes ``api`` writes for one format, segmenting for that format alone."""
    transcript = cuecraft.load(source)
    data, _ = api.render(transcript, get_writer(name), rules=rules or Rules(), options=options)
    return data


def test_three_formats_with_one_rule_set_segment_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    made = _count_segmentations(monkeypatch)
    report = run_batch([SAMPLE], tmp_path / "out", ["srt", "vtt", "ttml"], jobs=1)
    assert [result.status for result in report.results] == ["converted"]
    assert len(made) == 1
    made.clear()
    for name, extension in (("srt", ".srt"), ("vtt", ".vtt"), ("ttml", ".ttml")):
        written = (tmp_path / "out" / f"interview{extension}").read_bytes()
        assert written == _one_by_one(SAMPLE, name), name
    assert len(made) == 3  # the reference above segmented once per format


def test_formats_whose_display_fits_other_rules_get_their_own_segmentation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # EBU-STL fits the rules to its teletext rows and frame rate: SRT and WebVTT share one
    # segmentation, STL has its own.
    made = _count_segmentations(monkeypatch)
    rules = Rules(max_rows=2)
    report = run_batch([SAMPLE], tmp_path / "out", ["srt", "stl", "vtt"], rules=rules, jobs=1)
    assert [result.status for result in report.results] == ["converted"]
    assert len(made) == 2
    assert made[0] != made[1]
    for name in ("srt", "stl", "vtt"):
        written = (tmp_path / "out" / f"interview.{name}").read_bytes()
        assert written == _one_by_one(SAMPLE, name, rules), name


def test_writer_options_that_change_the_fitted_rules_split_the_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # SRT speaker prefixes take room in the row; WebVTT voice spans take none.
    made = _count_segmentations(monkeypatch)
    options = {"srt": {"speaker_labels": "prefix"}, "vtt": {"speaker_labels": "voice"}}
    formats = ["srt", "vtt", "ttml"]
    report = run_batch([SAMPLE], tmp_path / "out", formats, options=options, jobs=1)
    assert [result.status for result in report.results] == ["converted"]
    assert len(made) == 2
    assert {rules.row_labels for rules in made} == {"prefix", Rules().row_labels}
    for name in formats:
        written = (tmp_path / "out" / f"interview.{name}").read_bytes()
        assert written == _one_by_one(SAMPLE, name, options=options.get(name)), name


def test_rules_equal_in_value_but_not_in_what_was_set_are_not_shared() -> None:
    # Language defaults replace only the fields the user left unset, so Rules() and
    # Rules(max_chars_per_row=42) may segment differently although they compare equal.
    segmentations = batch_outputs.Segmentations(api.load_words(SAMPLE))
    default = Rules()
    explicit = Rules(max_chars_per_row=default.max_chars_per_row)
    assert default == explicit
    first = segmentations.get(default)
    assert segmentations.get(Rules()) is first
    assert segmentations.get(explicit) is not first
    assert len(segmentations) == 2


def test_a_segmentation_failure_fails_every_format_that_shares_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Rules] = []

    def failing(words: WordTable, rules: Rules | None = None) -> TableSegmentation:
        calls.append(rules or Rules())
        raise SegmentationError("no layout fits", word_index=7)

    for where in ("cuecraft.api", "cuecraft.batch.outputs"):
        monkeypatch.setattr(f"{where}.segment_table", failing)
    job = BatchJob(
        source=str(SAMPLE),
        outputs=(
            ("srt", str(tmp_path / "a.srt")),
            ("txt", str(tmp_path / "a.txt")),
            ("vtt", str(tmp_path / "a.vtt")),
        ),
    )
    result = run_job(job)
    assert len(calls) == 1
    by_format = {output.format: output for output in result.outputs}
    assert result.status == "failed"
    assert by_format["txt"].status == "written"  # a transcript format never segments
    for name in ("srt", "vtt"):
        assert by_format[name].status == "failed"
        assert by_format[name].location == "word 7"
        assert "no layout fits" in str(by_format[name].error)
        assert not (tmp_path / f"a.{name}").exists()
