"""AWS Transcribe's fast path (issue #12): a clean output read column by column gives exactly
what the word-by-word path gives (words with their punctuation glued on, times, confidences,
speakers from the items or joined from the speaker segments by times, paragraphs at the audio
segments or the speaker segments, language, job name, diagnostics); anything else goes word by
word, with the same errors and repairs."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import aws_transcribe
from tests.conftest import corpus_dir
from tests.readers.fast_paths import (
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    sometimes_odd,
)


def _seconds(draw: st.DrawFn, ms: int) -> str:
    """``ms`` as AWS writes seconds: ``"4.369"``, in 2018 ``"0.500"``, now and then shorter."""
    return draw(st.sampled_from(["{:.3f}", "{:.4f}", "{:g}"])).format(ms / 1000)


@st.composite
def _word(
    draw: st.DrawFn, at: int, speaker: str, odd: st.SearchStrategy[bool]
) -> tuple[dict[str, Any], int, int]:
    """A pronunciation item starting at or after ``at`` ms, its start and its end in ms;
    where ``odd`` draws True, a field goes wrong (a slip to repair among them)."""
    start = at + draw(st.sampled_from([0, 0, 120, 300]))  # shared times now and then
    if draw(odd):
        start = max(0, at - draw(st.sampled_from([40, 500])))  # before the previous word
    end = start + draw(st.one_of(st.just(0), st.integers(0, 800)))
    if draw(odd):
        end = max(0, start - draw(st.sampled_from([40, 500])))  # before its own start
    times: list[Any] = [_seconds(draw, start), _seconds(draw, end)]
    for index in (0, 1):
        if draw(odd):
            times[index] = draw(st.sampled_from(["-1", "1e2", "NaN", "", "2e9", None, 1.5, True]))
    content: Any = draw(st.sampled_from(["There", "we", "go", "Qué", "it's"]))
    if draw(odd):
        content = draw(st.one_of(st.text(max_size=3), st.sampled_from([5, None, "\ud800"])))
    alternative: dict[str, Any] = {"content": content}
    if draw(st.integers(0, 5)):
        alternative["confidence"] = f"{draw(st.integers(0, 1000)) / 1000:.3f}"
    if draw(odd):
        alternative["confidence"] = draw(st.sampled_from(["1.5", 0.5, "x", "-0.1", None]))
    alternatives: Any = [alternative]
    if draw(odd):
        alternatives = draw(st.sampled_from([[], [alternative, alternative], "x", [None]]))
    item: dict[str, Any] = {
        "type": "word" if draw(odd) else "pronunciation",
        "alternatives": alternatives,
        "start_time": times[0],
        "end_time": times[1],
    }
    if speaker:
        item["speaker_label"] = draw(st.sampled_from(["", 5, None])) if draw(odd) else speaker
    for field in ("start_time", "end_time", "type"):
        if draw(odd):
            del item[field]
    return item, start, end


@st.composite
def _punctuation(draw: st.DrawFn, speaker: str, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A punctuation item: no times; a ``"0.0"`` confidence, or none (2018)."""
    alternative: dict[str, Any] = {"content": draw(st.sampled_from([".", ",", "?", "¿"]))}
    if draw(st.booleans()):
        alternative["confidence"] = "0.0"
    if draw(odd):
        alternative["content"] = draw(st.sampled_from([" ", "", 7]))
    if draw(odd):
        alternative["confidence"] = draw(st.sampled_from(["2", 0]))
    item: dict[str, Any] = {"type": "punctuation", "alternatives": [alternative]}
    if speaker:
        item["speaker_label"] = speaker
    if draw(odd):
        item.update(start_time=draw(st.sampled_from(["1.0", "x", None])), end_time="1.0")
    return item


@st.composite
def _output(draw: st.DrawFn) -> dict[str, Any]:
    """A job output, newer (labels on the items) or older (labels only in the speaker
    segments) or undiarized; clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, draw(st.sampled_from([15, 60, 250])))  # a few fields, or many
    on_items, diarized, with_ids = draw(st.booleans()), draw(st.booleans()), draw(st.booleans())
    items: list[dict[str, Any]] = []
    runs: list[tuple[str, list[tuple[int, int]]]] = []  # each segment's speaker and word times
    if draw(st.integers(0, 4)) == 0:
        items.append(draw(_punctuation("spk_0" if on_items else "", odd)))  # an opening "¿"
    at = 0
    for _ in range(draw(st.integers(0, 10))):
        speaker = draw(st.sampled_from(["spk_0", "spk_1"]))
        label = speaker if on_items else ""
        item, start, end = draw(_word(at, label, odd))
        if not runs or runs[-1][0] != speaker or draw(st.integers(0, 5)) == 0:
            runs.append((speaker, []))
        runs[-1][1].append((start, end))
        items.append(item)
        at = max(at, start)
        if draw(st.integers(0, 2)) == 0:
            items.append(draw(_punctuation(label, odd)))
    if with_ids:
        for index, item in enumerate(items):
            item["id"] = draw(st.sampled_from(["3", True, 2.5])) if draw(odd) else index
    results: dict[str, Any] = {"transcripts": [{"transcript": "..."}], "items": items}
    if diarized:
        results["speaker_labels"] = {"speakers": 2, "segments": _segments(draw, runs, odd)}
        if draw(odd):
            results["speaker_labels"] = draw(st.sampled_from([None, [], {"segments": None}]))
    if with_ids and draw(st.booleans()):
        bounds = sorted(draw(st.lists(st.integers(0, len(items)), max_size=3)))
        edges = [0, *bounds, len(items)]
        results["audio_segments"] = [
            {"id": n, "items": list(range(first, stop))}
            for n, (first, stop) in enumerate(pairwise(edges))
        ]
        if draw(odd):
            results["audio_segments"].append(
                {"id": 9, "items": draw(st.sampled_from([["0"], [99]]))}
            )
    if draw(st.booleans()):
        results["language_code"] = 5 if draw(odd) else "en-US"
    doc: dict[str, Any] = {"accountId": "1", "status": "COMPLETED", "results": results}
    if draw(st.booleans()):
        doc["jobName"] = 5 if draw(odd) else "job"
    return doc


def _segments(
    draw: st.DrawFn, runs: list[tuple[str, list[tuple[int, int]]]], odd: st.SearchStrategy[bool]
) -> list[dict[str, Any]]:
    """The speaker segments: each run's span, and its words' times as items (written
    differently from the words now and then, ``"0.1"`` for ``"0.100"``)."""
    segments: list[dict[str, Any]] = []
    for speaker, times in runs:
        entries: list[dict[str, Any]] = []
        for start, end in times:
            entry: dict[str, Any] = {
                "start_time": _seconds(draw, start),
                "end_time": _seconds(draw, end),
            }
            if draw(st.integers(0, 3)):
                # Else the segment's label holds; an item's own label wins over it.
                entry["speaker_label"] = draw(st.sampled_from([speaker, speaker, "spk_2"]))
            if draw(odd):
                entry[draw(st.sampled_from(["start_time", "end_time", "speaker_label"]))] = draw(
                    st.sampled_from(["9.9", None, "", 3])
                )
            entries.append(entry)
        # The segment starts at its first item, or a little or much earlier: its first
        # item's start marks the paragraph.
        first = times[0][0] - draw(st.sampled_from([0, 0, 11, 400]))
        segment: dict[str, Any] = {
            "start_time": _seconds(draw, max(0, first)),
            "end_time": _seconds(draw, times[-1][1]),
            "speaker_label": speaker,
            "items": entries,
        }
        if draw(odd):
            segment["items"] = draw(st.sampled_from([None, "x", []]))
        if draw(odd):
            del segment["speaker_label"]
        segments.append(segment)
    return segments


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_output(), strict=st.booleans())
def test_reading_an_output_gives_what_the_word_by_word_path_gives(
    doc: dict[str, Any], strict: bool
) -> None:
    same_as_careful(aws_transcribe.read, aws_transcribe.read_careful, doc, strict=strict)


def _long(name: str = "interview-2spk-long.json") -> Path:
    return corpus_dir("vendors", "aws-transcribe") / name


def _pronunciation(doc: dict[str, Any], index: int = 0) -> dict[str, Any]:
    items = [item for item in doc["results"]["items"] if item["type"] == "pronunciation"]
    word: dict[str, Any] = items[index]
    return word


def _older(doc: dict[str, Any]) -> None:
    """Labels only in the speaker segments, as in older output (still the fast path)."""
    for item in doc["results"]["items"]:
        item.pop("speaker_label", None)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: _pronunciation(doc, 1).update(end_time="4.22"), "an end to repair"),
        (lambda doc: _pronunciation(doc, 1).update(end_time="4.0"), "an end to refuse"),
        (lambda doc: _pronunciation(doc).update(start_time=4.03), "a JSON number time"),
        (lambda doc: _pronunciation(doc).update(start_time="4.03e0"), "an exponent"),
        (lambda doc: _pronunciation(doc)["alternatives"].append({"content": "x"}), "two"),
        (lambda doc: _pronunciation(doc).update(id="3"), "an id the careful path converts"),
        (lambda doc: _pronunciation(doc)["alternatives"][0].update(content=" "), "a blank"),
        (lambda doc: doc["results"]["speaker_labels"].update(segments=None), "null segments"),
        (lambda doc: doc["results"]["items"][3].update(start_time="x"), "a punctuation time"),
        (lambda doc: doc["results"].update(language_code=5), "a language that is no string"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    left_to_careful(aws_transcribe, _long(), change)


def test_real_outputs_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(aws_transcribe, [_long()])
    # Older output's shape (speakers joined by times), from the same words.
    doc = json.loads(_long().read_text(encoding="utf-8"))
    _older(doc)
    assert aws_transcribe._read_columns(doc, source="t.json") is not None
    kind, transcript = same_as_careful(aws_transcribe.read, aws_transcribe.read_careful, doc)
    assert kind == "ok"
    assert len(transcript["speakers"]) == 2


def test_the_2018_output_with_a_reversed_word_goes_word_by_word() -> None:
    # Its end 40 ms before its start is repaired with a diagnostic: the careful path's work.
    left_to_careful(aws_transcribe, _long("legacy-2018-guitar-lesson.json"), lambda doc: None)
