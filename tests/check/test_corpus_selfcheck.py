"""What convert writes from real vendor files passes check with the same rules (#9).

Reads the shared corpus (``../shared/corpus/vendors``; skipped when it is not beside the
project): every vendor JSON, converted to SRT under several rule sets (defaults, frame rates,
Teletext rows with speaker labels, the presets), read back with the independent reader check
uses, and checked with the same rules: no error at all.
"""

from __future__ import annotations

from typing import Any

import pytest

from cuecraft import api, house_rules
from cuecraft.segment import Rules
from cuecraft.tools.check import check_cues, default_tolerance_ms, read_subtitles
from cuecraft.writers import WRITERS
from tests.conftest import corpus_dir

CONFIGS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "defaults": ({}, {}),
    "25 fps": ({"frame_rate": 25.0}, {}),
    "23.976 fps, 1 s per row": ({"frame_rate": 23.976, "max_row_seconds": 1.0}, {}),
    "29.97 fps, one row": ({"frame_rate": 29.97, "max_rows": 1}, {}),
    "37 chars, prefix labels": ({"max_chars_per_row": 37}, {"speaker_labels": "prefix"}),
}
PRESETS = ["netflix-en", "bbc-teletext", "amberscript-default"]


def _convert_and_check(rules: Rules, options: Any, writer: str = "srt") -> list[str]:
    failures = []
    for path in sorted(corpus_dir("vendors").glob("*/*.json")):
        transcript = api.load(path, strict=False)
        data, _ = api.render(transcript, WRITERS[writer], rules=rules, options=options)
        _, cues, _ = read_subtitles(data, source=f"out.{writer}", format=writer)
        tolerance = default_tolerance_ms(rules.frame_rate)
        report = check_cues(cues, rules, tolerance_ms=tolerance)
        failures += [f"{path.name}: {f}" for f in report.findings if f.severity == "error"]
    return failures


@pytest.mark.parametrize("config", list(CONFIGS))
def test_vendor_files_convert_to_srt_that_passes_check(config: str) -> None:
    fields, options = CONFIGS[config]
    assert _convert_and_check(Rules(**fields), options) == []


@pytest.mark.parametrize("preset", PRESETS)
def test_vendor_files_pass_check_under_each_preset(preset: str) -> None:
    rules = house_rules.resolve(preset)
    assert _convert_and_check(rules.rules, rules.options_for("srt")) == []


TED_TALKS = ["ted0007", "ted0033", "ted0046"]


@pytest.mark.parametrize("talk", TED_TALKS)
@pytest.mark.parametrize("input_format", ["srt", "vtt"])
def test_subtitle_files_resegmented_pass_check(talk: str, input_format: str) -> None:
    # Re-segmenting subtitles: TED's own SRT, and the same talk as WebVTT, read back as words.
    path = corpus_dir("segmentation", "ted_dev") / f"{talk}.orig.srt"
    transcript = api.load(path, strict=False)
    if input_format == "vtt":
        vtt, _ = api.render(transcript, WRITERS["vtt"])
        transcript = api.load(vtt, format="vtt", strict=False)
    variants: list[dict[str, Any]] = [
        {},
        {"frame_rate": 25.0, "max_chars_per_row": 37},
        {"frame_rate": 24.0, "max_row_seconds": 1.0},
        {"max_rows": 1},
    ]
    for fields in variants:
        rules = Rules(**fields)
        data, _ = api.render(transcript, WRITERS["srt"], rules=rules)
        _, cues, _ = read_subtitles(data, source="out.srt", format="srt")
        report = check_cues(cues, rules, tolerance_ms=default_tolerance_ms(rules.frame_rate))
        assert [str(f) for f in report.findings if f.severity == "error"] == [], fields
