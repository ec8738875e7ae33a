"""Amberscript's fast path (issue #12): a clean export read column by column gives exactly
what the word-by-word path gives (words, times, confidences, pristine flags, speakers,
paragraphs, metadata, diagnostics); anything else is left to the word-by-word path, so its
errors and repairs are the same as before."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import amberscript
from tests.conftest import SAMPLES, corpus_dir
from tests.readers.fast_paths import same_as_careful, sometimes_odd, word_groups

_numbers = st.one_of(
    st.integers(min_value=-2, max_value=10**5),
    st.floats(min_value=-2, max_value=1e5, allow_nan=False, allow_infinity=False),
)


@st.composite
def _word(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` (seconds); where ``odd`` draws True, a field goes wrong."""
    start = draw(_numbers) if draw(odd) else at
    length = draw(st.one_of(st.integers(0, 2), st.floats(0, 2)))
    end = draw(_numbers) if draw(odd) else start + length
    texts = st.sampled_from(["Hola", " que ", "tal."])
    word: dict[str, Any] = {
        "text": draw(st.text(max_size=3) if draw(odd) else texts),
        "start": start,
        "end": end,
    }
    if draw(st.booleans()):
        exact = end - start if isinstance(end, (int, float)) else 0
        # Off by nothing, within the 0.05 s tolerance, beyond it; or not a number.
        offsets: list[Any] = [0, 0.01, -0.04, 0.06, -0.2, 1]
        durations = [*(exact + offset for offset in offsets), None]
        word["duration"] = draw(st.sampled_from(["1", True] if draw(odd) else durations))
    if draw(st.booleans()):
        confidence = st.floats(1.01, 2) if draw(odd) else st.one_of(st.none(), st.floats(0, 1))
        word["conf"] = draw(confidence)
    if draw(st.booleans()):
        word["pristine"] = 1 if draw(odd) else draw(st.one_of(st.booleans(), st.none()))
    return word


@st.composite
def _export(draw: st.DrawFn) -> dict[str, Any]:
    """An export, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 10)
    ids = ["spk1", "spk2"]
    if draw(odd):
        ids = draw(st.lists(st.sampled_from(["spk1", "spk2", "spk3", ""]), max_size=3))
    speakers = [{"spkid": spkid, "name": f"Name {spkid}"} for spkid in ids]
    groups, _ = word_groups(draw, _word, odd)
    segments = [
        {
            "speaker": draw(st.sampled_from(["spk9", 3] if draw(odd) else ["spk1", "spk2", None])),
            "words": items,
        }
        for items in groups
    ]
    doc: dict[str, Any] = {"speakers": speakers, "segments": segments}
    if draw(st.booleans()):
        doc["startTimeOffset"] = -1 if draw(odd) else draw(st.sampled_from([0, 0.5, 2]))
    if draw(st.booleans()):
        doc["filename"] = 5 if draw(odd) else "a.mp3"
    if draw(st.booleans()):
        doc["highlights"] = [{"first": 0, "stop": 1}] if draw(odd) else []
    return doc


def _same_as_careful(doc: dict[str, Any], language: str | None = None) -> tuple[str, Any]:
    return same_as_careful(amberscript.read, amberscript.read_careful, doc, language=language)


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_export(), language=st.sampled_from([None, "es"]))
def test_reading_an_export_gives_what_the_word_by_word_path_gives(
    doc: dict[str, Any], language: str | None
) -> None:
    _same_as_careful(doc, language)


def test_a_clean_export_takes_the_fast_path() -> None:
    doc = json.loads((SAMPLES / "amberscript" / "interview.json").read_text(encoding="utf-8"))
    table = amberscript._read_columns(doc, source="a.json", language=None)
    assert table is not None
    assert _same_as_careful(doc)[0] == "ok"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc["segments"][0]["words"][0].update(duration=99), "duration mismatch"),
        (lambda doc: doc.update(highlights=[{"first": 0, "stop": 1}]), "highlights"),
        (lambda doc: doc["segments"][0].update(speaker="nobody"), "unlisted speaker"),
        (lambda doc: doc["segments"][0]["words"][0].update(text=" "), "a blank token"),
        (lambda doc: doc["segments"][0]["words"][0].update(start="1"), "a string time"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    doc = json.loads((SAMPLES / "amberscript" / "interview.json").read_text(encoding="utf-8"))
    change(doc)
    assert amberscript._read_columns(doc, source="a.json", language=None) is None, why
    _same_as_careful(doc)


def test_real_exports_read_fast_as_word_by_word() -> None:
    files = sorted(corpus_dir("vendors", "amberscript").glob("*.json"))
    assert files
    fast = 0
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        fast += amberscript._read_columns(doc, source=path.name, language=None) is not None
        assert _same_as_careful(doc)[0] == "ok", path
    assert fast == len(files)  # real exports are clean: none needs the word-by-word path
