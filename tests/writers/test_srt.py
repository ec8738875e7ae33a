"""The SRT writer: Amberscript's exact layout, read-back by pysubs2, speaker labels, safety."""

from __future__ import annotations

import re
from pathlib import Path

import pysubs2
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cuecraft
from cuecraft.api import make_options, writer_for
from cuecraft.errors import RulesError, UnencodableError
from cuecraft.model import Cue, Speaker, Transcript, Word
from cuecraft.segment import Rules, segment
from cuecraft.timing import format_clock
from cuecraft.writers import get_writer, srt
from cuecraft.writers.srt import SrtOptions
from tests.strategies import rules, transcripts
from tests.writers._subtitles import (
    AMBERSCRIPT_CUES,
    LOOK_ALIKES,
    PLAIN_WORD_CHANGES,
    cue,
    number_row_joined,
    pysubs2_text,
    read_with_pysubs2,
    render,
    seed_sample,
    strict_blocks,
)

AMBERSCRIPT_SRT = """\
1
00:00:00,449 --> 00:00:03,769
Hi, welcome to Amber script, in this short

2
00:00:03,869 --> 00:00:07,400
video, we would like to show you how
you can use Amber script at its full

3
00:00:07,500 --> 00:00:10,189
potential. The first
function we would like to show

4
00:00:10,289 --> 00:00:13,639
you is the edit function.
This allows you to edit errors
"""

_TIMING = re.compile(r"^\d{2,}:\d{2}:\d{2},\d{3} --> \d{2,}:\d{2}:\d{2},\d{3}$")


def test_amberscript_sample_layout_exactly() -> None:
    text, context = render(srt.SPEC, AMBERSCRIPT_CUES)
    assert text == AMBERSCRIPT_SRT
    assert context.diagnostics == []


def test_amberscript_sample_matches_the_seed_document() -> None:
    sample = seed_sample("The command returns SRT structured like this")
    if sample is None:
        pytest.skip("seed documents not found beside the project")
    assert sample == AMBERSCRIPT_SRT


def test_registered_under_its_name_and_extension() -> None:
    assert get_writer("srt") is srt.SPEC
    assert writer_for("Interview.SRT", None) is srt.SPEC
    assert srt.SPEC.takes == "cues"
    assert not srt.SPEC.binary


def _check_read_back(text: str, cues: list[Cue], eol: str = "\n") -> None:
    expected_rows = [number_row_joined(c.text.split("\n")) for c in cues]
    # Strict parse of the file itself: numbers from 1, one timing line, the rows, no empties.
    blocks = strict_blocks(text, eol) if cues else []
    assert len(blocks) == len(cues)
    for number, (block, c, rows) in enumerate(
        zip(blocks, cues, expected_rows, strict=True), start=1
    ):
        assert block[0] == str(number)
        assert _TIMING.match(block[1])
        assert [row.translate(LOOK_ALIKES) for row in block[2:]] == rows
        assert all(row.strip() for row in block[2:])
        assert block[1] == f"{format_clock(c.start_ms)} --> {format_clock(c.end_ms)}"
    # Independent read-back with pysubs2: same count, times (ms) and texts.
    events = read_with_pysubs2(text, "srt")
    assert len(events) == len(cues)
    for index, (event, c, rows) in enumerate(zip(events, cues, expected_rows, strict=True)):
        assert (event.start, event.end) == (c.start_ms, c.end_ms)
        expected = pysubs2_text(rows, followed_by_number=index + 1 < len(cues))
        assert event.text.translate(LOOK_ALIKES) == expected


@given(transcripts(), rules())
@example(Transcript(words=(Word(text="\\h", start_ms=0, end_ms=0),), language="en"), Rules())
def test_pysubs2_reads_back_segmented_transcripts(transcript: Transcript, rules: Rules) -> None:
    cues = segment(transcript, rules)
    text, context = render(srt.SPEC, cues)
    # Plain words: only digits, clock times and backslashes ("\\h") can need a change.
    assert {d.code for d in context.diagnostics} <= PLAIN_WORD_CHANGES
    _check_read_back(text, cues)


@given(transcripts(max_words=30), st.sampled_from(["\n", "\r\n"]))
def test_line_endings(transcript: Transcript, eol: str) -> None:
    cues = segment(transcript)
    text, _ = render(srt.SPEC, cues, SrtOptions(eol=eol))
    if eol == "\r\n":
        assert text.count("\n") == text.count("\r\n")
    else:
        assert "\r" not in text
    _check_read_back(text, cues, eol)


def test_crlf_layout() -> None:
    text, _ = render(srt.SPEC, AMBERSCRIPT_CUES[:2], SrtOptions(eol="\r\n"))
    assert text == "\r\n".join(AMBERSCRIPT_SRT.split("\n")[:8]) + "\r\n"


def test_no_cues_writes_an_empty_file() -> None:
    assert render(srt.SPEC, [])[0] == ""


def test_hours_beyond_99_are_refused_naming_the_cue() -> None:
    # Issue 10: "100:00:00,000" was written, and pysubs2 and our reader read it as 0 h.
    cues = [cue(0, 1000, "early"), cue(359_999_000, 360_000_001, "late")]
    with pytest.raises(UnencodableError) as info:
        render(srt.SPEC, cues)
    assert info.value.cue_index == 1
    text, _ = render(srt.SPEC, [cue(359_999_000, 359_999_999, "last")])
    assert "99:59:59,000 --> 99:59:59,999" in text


# ----------------------------------------------------------------------------- text safety


def test_line_breaks_inside_a_line_become_rows_and_blank_rows_vanish() -> None:
    cues = [cue(0, 1000, "one\n\n  two  \r\nthree\rfour", "   ", "five")]
    text, _ = render(srt.SPEC, cues)
    assert text == "1\n00:00:00,000 --> 00:00:01,000\none\ntwo\nthree\nfour\nfive\n"


def test_unicode_line_separator_is_kept_as_text() -> None:
    text, _ = render(srt.SPEC, [cue(0, 1000, "a\u2028b")])
    assert "a\u2028b\n" in text


def test_a_cue_without_text_is_skipped_with_a_diagnostic_and_numbers_stay_consecutive() -> None:
    cues = [cue(0, 1000, "a"), cue(1000, 2000, " ", "\n"), cue(2000, 3000, "b")]
    text, context = render(srt.SPEC, cues)
    assert [block[0] for block in strict_blocks(text)] == ["1", "2"]
    assert "b\n" in text
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("empty-cue", 1)]


def test_arrow_in_text_is_neutralised_and_reported() -> None:
    # Issue 10: cuecraft's reader took the row for a malformed timing line.
    text, context = render(srt.SPEC, [cue(0, 1000, "a --> b ---> c")])
    assert "a --\u203a b ---\u203a c\n" in text
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("arrow-in-text", 0)]


def test_a_row_that_looks_like_a_timing_line_cannot_split_the_cue() -> None:
    row = "from 00:00:01,000 to 00:00:02.500"
    text, context = render(srt.SPEC, [cue(0, 1000, row), cue(1000, 2000, "next")])
    subs = pysubs2.SSAFile.from_string(text, format_="srt")
    assert [line.text.replace("\u2236", ":") for line in subs] == [row, "next"]
    assert "\u2060" not in text  # no invisible character: the words read back are visible
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("timing-line-in-text", 0)]


def test_one_clock_time_in_a_row_is_written_as_it_is() -> None:
    text, context = render(srt.SPEC, [cue(0, 1000, "at 10:00:00,000 sharp")])
    assert "at 10:00:00,000 sharp\n" in text
    assert context.diagnostics == []


def test_markup_characters_are_written_as_they_are() -> None:
    text, _ = render(srt.SPEC, [cue(0, 1000, "Tom & Jerry <3")])
    assert "Tom & Jerry <3\n" in text


def test_lone_surrogate_is_unencodable_with_the_cue_index() -> None:
    with pytest.raises(UnencodableError) as info:
        render(srt.SPEC, [cue(0, 1000, "ok"), cue(1000, 2000, "bad \ud800")])
    assert info.value.cue_index == 1
    assert info.value.char == "\ud800"


# --------------------------------------------------------------------------- speaker labels

NAMES = {"a": "Ann", "b": "Bob"}


def test_prefix_labels_each_change_of_speaker() -> None:
    cues = [
        cue(0, 1000, ("Hello there,", "a"), ("how are you?", "a")),
        cue(1000, 2000, ("Still me.", "a")),
        cue(2000, 3000, ("Fine.", "b")),
        cue(3000, 4000, ("Nobody", None)),
        cue(4000, 5000, ("Me again", "a"), ("and you", "b")),
    ]
    text, _ = render(srt.SPEC, cues, SrtOptions(speaker_labels="prefix"), NAMES)
    rows = [block[2:] for block in strict_blocks(text)]
    assert rows == [
        ["Ann: Hello there,", "how are you?"],
        ["Still me."],
        ["Bob: Fine."],
        ["Nobody"],
        ["Ann: Me again", "Bob: and you"],
    ]


def test_dash_marks_rows_of_a_two_speaker_cue_only() -> None:
    cues = [
        cue(0, 1000, ("Are you coming?", "a"), ("Yes.", "b")),
        cue(1000, 2000, ("One speaker", "a"), ("two rows", "a")),
        cue(2000, 3000, ("Long part", "a"), ("of Ann's", "a"), ("Bob", "b")),
        cue(3000, 4000, ("Unknown", None), ("Ann", "a")),
    ]
    text, _ = render(srt.SPEC, cues, SrtOptions(speaker_labels="dash"), NAMES)
    rows = [block[2:] for block in strict_blocks(text)]
    assert rows == [
        ["-Are you coming?", "-Yes."],
        ["One speaker", "two rows"],
        ["-Long part", "of Ann's", "-Bob"],
        ["-Unknown", "-Ann"],
    ]


def test_dash_never_doubles_the_segmenters_dashes() -> None:
    cues = [cue(0, 1000, ("-Are you coming?", "a"), ("- Yes.", "b"), ("and more", "b"))]
    text, _ = render(srt.SPEC, cues, SrtOptions(speaker_labels="dash"), NAMES)
    assert strict_blocks(text)[0][2:] == ["-Are you coming?", "- Yes.", "and more"]
    transcript = Transcript(
        words=(
            Word(text="Coming?", start_ms=0, end_ms=400, speaker="a"),
            Word(text="Yes.", start_ms=500, end_ms=900, speaker="b"),
        ),
        speakers=(Speaker(id="a", name="Ann"), Speaker(id="b", name="Bob")),
    )
    dialogue = segment(transcript, Rules(dual_speaker_dashes=True))
    plain, _ = render(srt.SPEC, dialogue)
    dashed, _ = render(srt.SPEC, dialogue, SrtOptions(speaker_labels="dash"))
    assert "-Coming?\n-Yes.\n" in plain
    assert dashed == plain


def test_speaker_names_fall_back_to_the_id_and_stay_on_one_line() -> None:
    cues = [
        cue(0, 1000, ("x", "spk1")),
        cue(1000, 2000, ("y", "spk2")),
        cue(2000, 3000, ("z", "c")),
    ]
    names = {"spk2": "  ", "c": "Dr\nWho"}
    text, _ = render(srt.SPEC, cues, SrtOptions(speaker_labels="prefix"), names)
    rows = [block[2:] for block in strict_blocks(text)]
    assert rows == [["spk1: x"], ["spk2: y"], ["Dr Who: z"]]


def test_none_mode_writes_no_labels() -> None:
    text, _ = render(srt.SPEC, [cue(0, 1000, ("x", "a"), ("y", "b"))], names=NAMES)
    assert strict_blocks(text)[0][2:] == ["x", "y"]


def test_write_takes_speaker_names_from_the_transcript(tmp_path: Path) -> None:
    transcript = Transcript(
        words=(
            Word(text="Hello.", start_ms=0, end_ms=500, speaker="s1"),
            Word(text="Hi.", start_ms=2000, end_ms=2500, speaker="s2"),
        ),
        speakers=(Speaker(id="s1", name="Zoë Müller"), Speaker(id="s2", name="Sam")),
    )
    target = tmp_path / "out.srt"
    cuecraft.write(transcript, target, options={"speaker_labels": "prefix"})
    data = target.read_bytes()
    assert "Zoë Müller: Hello.".encode() in data
    assert b"Sam: Hi." in data
    assert not data.startswith(b"\xef\xbb\xbf")


# ---------------------------------------------------------------------------------- options


def test_options_reject_unknown_and_invalid_values() -> None:
    with pytest.raises(RulesError) as info:
        make_options(srt.SPEC, {"eoll": "\n"})
    assert info.value.field == "eoll"
    with pytest.raises(RulesError) as info:
        make_options(srt.SPEC, {"speaker_labels": "voice"})
    assert info.value.field == "speaker_labels"
    with pytest.raises(RulesError) as info:
        make_options(srt.SPEC, {"eol": "\r"})
    assert info.value.field == "eol"


def test_options_are_frozen() -> None:
    options = SrtOptions()
    with pytest.raises(ValueError, match="frozen"):
        options.eol = "\r\n"  # type: ignore[misc]
