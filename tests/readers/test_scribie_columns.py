"""Scribie's fast path (issue #12): a clean transcript read column by column gives exactly
what the word-by-word path gives (words, times, confidences, turns as speakers or as the
given names, paragraphs); anything else goes word by word, with the same errors."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import scribie
from tests.readers.fast_paths import same_as_careful, sometimes_odd

_NAMES = [None, ["Ann", "Bob"], "Ann, Bob, Ann", ["Ann"], [""], 5]


@st.composite
def _word(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word starting at ``at`` s; where ``odd`` draws True, a field goes wrong."""
    start: Any = draw(st.sampled_from([-1, "1", True])) if draw(odd) else at
    end: Any = draw(st.sampled_from([-1, None])) if draw(odd) else at + draw(st.floats(0, 2))
    texts = st.sampled_from(["Hi.", "Hello", "there,"])
    word: dict[str, Any] = {
        "word": draw(st.sampled_from(["", " ", 3]) if draw(odd) else texts),
        "start": start,
        "end": end,
    }
    for key, good, bad in (
        ("conf", st.floats(0, 1), st.sampled_from([1.2, "x"])),
        ("duration", st.floats(0, 3), st.sampled_from(["1", True])),
        ("turn_conf", st.floats(0, 1), st.sampled_from([2, "x"])),
    ):
        if draw(st.booleans()):
            word[key] = draw(bad if draw(odd) else st.one_of(st.none(), good))
    if draw(st.integers(0, 3)) == 0:
        word["turn"] = draw(st.sampled_from([1, 0, False, None, "x"]))
    return word


@st.composite
def _transcript(draw: st.DrawFn) -> list[dict[str, Any]]:
    """A transcript, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 10)
    items: list[dict[str, Any]] = []
    at = 0.0
    for _ in range(draw(st.integers(0, 8))):
        item = draw(_word(at, odd))
        items.append(item)
        at = item["end"] if type(item["end"]) is float else at
    return items


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(doc=_transcript(), names=st.sampled_from(_NAMES))
def test_reading_a_transcript_gives_what_the_word_by_word_path_gives(
    doc: list[dict[str, Any]], names: Any
) -> None:
    same_as_careful(scribie.read, scribie.read_careful, doc, speaker_names=names)


_CLEAN = [
    {"word": "Hi.", "start": 0, "end": 0.4, "conf": 0.9, "turn": 1},
    {"word": "Hello.", "start": 0.9, "end": 1.3, "conf": 0.8, "duration": 0.4},
    {"word": "Yes.", "start": 1.5, "end": 1.9, "turn": None},
    {"word": "Good.", "start": 2.5, "end": 2.9, "turn": 0},
]


@pytest.mark.parametrize("names", [None, ["Ann", "Bob"], "Ann,Bob,Cy"])
def test_a_clean_transcript_takes_the_fast_path(names: Any) -> None:
    listed = scribie._names(names, "t.json")
    assert scribie._read_columns(_CLEAN, source="t.json", names=listed) is not None
    assert same_as_careful(scribie.read, scribie.read_careful, _CLEAN, speaker_names=names)[0]


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc[1].update(word=" "), "a blank word"),
        (lambda doc: doc[1].update(duration="0.4"), "a duration that is not a number"),
        (lambda doc: doc[1].update(turn_conf=1.5), "a turn confidence above 1"),
        (lambda doc: doc[1].update(start=True), "a boolean time"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    doc = [dict(item) for item in _CLEAN]
    change(doc)
    assert scribie._read_columns(doc, source="t.json", names=[]) is None, why
    same_as_careful(scribie.read, scribie.read_careful, doc)
