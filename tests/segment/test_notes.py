"""The segmenter's diagnostics are made when first read (:mod:`cuecraft.segment.notes`, #12):
a conversion makes only the limit warnings it reports, and whoever reads them all gets every
one, in order, the same as before."""

from __future__ import annotations

from array import array

import pytest

from cuecraft.columns import WordTable
from cuecraft.model import Diagnostic
from cuecraft.segment import Rules, segment_table, segment_with_report
from cuecraft.segment.notes import Notes


class _Counted:
    """A diagnostic maker that counts the diagnostics it makes."""

    def __init__(self) -> None:
        self.made = 0

    def __call__(self, code: str, index: int) -> Diagnostic:
        self.made += 1
        return Diagnostic(code=code, message=f"note {index}", cue_index=index)


def _notes(make: _Counted) -> Notes:
    first = Diagnostic(code="word-longer-than-row", message="made already")
    codes = ["reading-speed", "too-short", "reading-speed"]
    return Notes([first], [(code, make, (code, index)) for index, code in enumerate(codes)])


def test_counting_and_picking_by_code_make_only_what_is_asked_for() -> None:
    make = _Counted()
    notes = _notes(make)
    assert len(notes) == 4
    assert notes.codes == ["word-longer-than-row", "reading-speed", "too-short", "reading-speed"]
    assert make.made == 0
    picked = notes.of({"word-longer-than-row", "too-short"})
    assert [d.message for d in picked] == ["made already", "note 1"]
    assert make.made == 1


def test_reading_them_makes_each_once_in_order() -> None:
    make = _Counted()
    notes = _notes(make)
    assert [d.code for d in notes] == notes.codes
    assert [d.cue_index for d in notes[1:]] == [0, 1, 2]
    assert notes[-1].message == "note 2"
    assert make.made == 3
    assert list(notes) == list(notes)
    assert make.made == 3  # made once, kept
    assert notes.of({"reading-speed"}) == [notes[1], notes[3]]
    assert notes == list(notes)


def test_joined_notes_keep_both_in_order_and_stay_unmade() -> None:
    make = _Counted()
    joined = Notes([Diagnostic(code="a", message="first")]) + _notes(make)
    assert joined.codes[:2] == ["a", "word-longer-than-row"]
    assert make.made == 0
    assert [d.message for d in joined][:2] == ["first", "made already"]


def test_notes_are_not_hashable_as_a_list_is_not() -> None:
    with pytest.raises(TypeError):
        hash(Notes())


def _fast_speech(count: int) -> WordTable:
    # Long words, 150 ms apart: every cue is over the reading speed.
    texts = [f"extraordinarily{index}" for index in range(count)]
    starts = array("q", range(0, 150 * count, 150))
    return WordTable(texts, starts, array("q", [start + 140 for start in starts]))


def test_a_segmentation_reports_the_same_diagnostics_read_lazily_or_at_once() -> None:
    words = _fast_speech(60)
    rules = Rules(max_chars_per_row=42)
    table = segment_table(words, rules)
    report = segment_with_report(words.transcript(), rules)
    assert isinstance(table.diagnostics, Notes)
    assert "reading-speed" in table.diagnostics.codes
    assert list(table.diagnostics) == report.diagnostics
    assert table.diagnostics.of({"reading-speed"}) == [
        d for d in report.diagnostics if d.code == "reading-speed"
    ]
