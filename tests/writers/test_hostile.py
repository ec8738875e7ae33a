"""Regression tests for issue 10 ("Hostile input"), writers: one small constructed input per
defect. Linear-time defects are guarded by a time limit far above the linear cost and far
below the old quadratic one (the limit is a hang guard, not a benchmark)."""

from __future__ import annotations

import io
import json
import re
import sys

import pysubs2
import pytest

import cuecraft
from cuecraft.api import render as render_transcript
from cuecraft.errors import UnencodableError
from cuecraft.model import Cue, Diagnostic, Line, Speaker, Transcript, Word
from cuecraft.writers import WriteContext, _cuetext, get_writer
from cuecraft.writers._document import Token
from cuecraft.writers._styled import merged_runs
from cuecraft.writers.txt import wrap
from tests.hardening.fuzzing import time_limit
from tests.writers._subtitles import cue, render


def _lines_of_one_cue(name: str, text: str) -> list[str]:
    spec = get_writer(name)
    out = io.StringIO(newline="")
    spec.write([cue(0, 1000, text)], out, spec.options(), WriteContext())
    return out.getvalue().splitlines()


# -------------------------------------------------------------------------- linear time


def test_sbv_a_word_of_digits_is_written_in_linear_time() -> None:
    # Was quadratic: 20,000 digits took 16 s (the clock regex retried from every digit).
    with time_limit(10):
        lines = _lines_of_one_cue("sbv", "7" * 200_000)
    assert lines[1] == "7" * 200_000


def test_ass_a_word_of_opening_braces_is_written_in_linear_time() -> None:
    # Was quadratic: 150,000 '{' took 9 s (the override-block regex scanned to the end from
    # every brace).
    with time_limit(10):
        lines = _lines_of_one_cue("ass", "{" * 300_000)
    assert lines[-1].endswith("," + "{" * 300_000)  # a lone '{' makes no block: kept


def test_txt_wrap_of_a_million_word_turn_is_linear() -> None:
    # Was quadratic: the row grew by string concatenation (200k words took 7 s).
    with time_limit(10):
        rows = wrap(["word"] * 1_000_000, None)
    assert rows == [" ".join(["word"] * 1_000_000)]
    assert wrap(["ab", "cd", "ef"], 5) == ["ab cd", "ef"]


def test_docx_runs_of_a_million_word_turn_are_joined_in_linear_time() -> None:
    # Was quadratic: each word was appended to the run's string (a 1M-word turn: minutes).
    # DOCX, ODT, PDF and HTML merge their runs with this one function.
    plain = ("text", None, False)
    tokens = [Token("word", word_index=index) for index in range(1_000_000)]
    with time_limit(10):
        runs = merged_runs(tokens, lambda token: plain, lambda left, right: plain)
    assert runs == [(" ".join(["word"] * 1_000_000), plain)]


# ------------------------------------------------------------------------- SRT safety


def test_srt_markup_in_words_reads_back_with_cuecraft_and_pysubs2() -> None:
    rows = ("say <i>hi</i> {\\b1}now\\N", "a --> b <unk>")
    text, context = render(get_writer("srt"), [cue(0, 1000, *rows)])
    assert "<" not in text
    assert "{" not in text
    assert "\\N" not in text
    assert "-->" not in text.split("\n", 2)[2]  # only the timing line has an arrow
    assert {d.code for d in context.diagnostics} == {
        "arrow-in-text",
        "markup-in-text",
        "override-braces",
        "backslash-escape",
    }
    visible = ["say", "‹i›hi‹/i›", "｛\\b1｝now⧵N", "a", "--›", "b", "‹unk›"]
    # cuecraft's reader used to fail ("malformed timing line") and drop the tags' words.
    back = cuecraft.load(text.encode(), "srt")
    assert [word.text for word in back.words] == visible
    events = pysubs2.SSAFile.from_string(text, format_="srt").events
    assert events[0].plaintext.split() == visible


def test_srt_control_characters_in_a_word_are_removed_and_reported() -> None:
    text, context = render(get_writer("srt"), [cue(0, 1000, "bell\x07 esc\x1b[0m vt\x0bhere")])
    assert text.endswith("\nbell esc[0m vt here\n")
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("control-character", 0)]


def test_srt_a_speaker_name_with_a_lone_surrogate_is_replaced() -> None:
    cues = [cue(0, 1000, ("hi", "a"))]
    text, context = render(
        get_writer("srt"),
        cues,
        get_writer("srt").options(speaker_labels="prefix"),
        {"a": "A\udc80"},
    )
    assert "A\ufffd: hi\n" in text
    text.encode("utf-8")  # writable: the surrogate used to fail at the encoder
    assert [d.code for d in context.diagnostics] == ["speaker-name-replaced"]


# ------------------------------------------------------------------------- VTT safety


def test_vtt_a_row_with_two_clock_times_stays_one_cue() -> None:
    rows = ("from 00:00:01.000 to 00:00:02.500", "{\\an8}up \\h")
    text, context = render(get_writer("vtt"), [cue(0, 1000, *rows), cue(1000, 2000, "next")])
    assert "from 00:00:01&#46;000 to 00:00:02&#46;500\n" in text
    assert "&#123;\\an8&#125;up &#92;h\n" in text
    events = pysubs2.SSAFile.from_string(text, format_="vtt").events
    assert len(events) == 2  # pysubs2 took the row for a timing line: three cues
    back = cuecraft.load(text.encode(), "vtt")
    assert [w.text for w in back.words] == [*" ".join(rows).split(), "next"]
    assert {(d.code, d.severity) for d in context.diagnostics} == {
        ("timing-line-in-text", "info"),
        ("override-braces", "info"),
        ("backslash-escape", "info"),
    }


def test_vtt_header_refuses_control_characters() -> None:
    with pytest.raises(ValueError, match="control"):
        get_writer("vtt").options(header="x\x1by")


# ---------------------------------------------------------------------- SBV safety


def test_sbv_leading_chevrons_in_text_are_not_a_speaker_change() -> None:
    text, context = render(get_writer("sbv"), [cue(0, 1000, ">> not a mark", "[br] >>")])
    assert "\n\u203a\u203a not a mark\n\uff3bbr\uff3d >>\n" in text
    back = cuecraft.load(text.encode(), "sbv")
    assert [w.text for w in back.words] == ["\u203a\u203a", "not", "a", "mark", "［br］", ">>"]
    assert back.speakers == ()
    # The leading chevrons are neutralised for every cue writer (speaker-mark-in-text).
    assert {d.code for d in context.diagnostics} == {"speaker-mark-in-text", "break-tag-in-text"}


# ---------------------------------------------------------------------- ASS safety


@pytest.mark.parametrize("speaker", ["\n", "a\nb", "\r\n\x00", "x\udc80"])
def test_ass_a_speaker_id_cannot_break_the_dialogue_line(speaker: str) -> None:
    cues = [cue(0, 1000, ("hello", speaker)), cue(1000, 2000, ("there", speaker))]
    text, _ = render(get_writer("ass"), cues)
    dialogue = [line for line in text.splitlines() if line.startswith("Dialogue:")]
    assert len(dialogue) == 2
    assert [e.plaintext for e in pysubs2.SSAFile.from_string(text).events] == ["hello", "there"]


def test_ass_a_title_with_a_lone_surrogate_is_replaced() -> None:
    spec = get_writer("ass")
    context = WriteContext(title="talk\ud800\x00")
    out = io.StringIO()
    spec.write([cue(0, 1000, "hi")], out, spec.options(), context)
    assert "Title: talk\ufffd\ufffd\n" in out.getvalue()
    assert [d.code for d in context.diagnostics] == ["title-replaced"]


def test_ass_speaker_name_with_a_lone_surrogate_through_the_api() -> None:
    # Was a raw UnicodeEncodeError from the UTF-8 encoder.
    transcript = Transcript(
        words=(Word(text="hi", start_ms=0, end_ms=500, speaker="s"),),
        speakers=(Speaker(id="s", name="Ann\ud800"),),
    )
    data, diagnostics = render_transcript(transcript, get_writer("ass"))
    assert ",Ann\ufffd," in data.decode()
    assert [d.code for d in diagnostics] == ["speaker-name-replaced"]


# ---------------------------------------------------------------- canonical JSON


def test_canonical_a_lone_surrogate_is_unencodable_with_its_pointer() -> None:
    # Was pydantic's PydanticSerializationError.
    transcript = Transcript(
        words=(Word(text="hi", start_ms=0, end_ms=500, speaker="s"),),
        speakers=(Speaker(id="s", name="Ann"), Speaker(id="t", name="Bob\udc80")),
    )
    with pytest.raises(UnencodableError, match=r"^/speakers/1/name: ") as info:
        render_transcript(transcript, get_writer("canonical"))
    assert info.value.char == "\udc80"
    fine = transcript.model_copy(update={"speakers": transcript.speakers[:1]})
    assert (
        json.loads(render_transcript(fine, get_writer("canonical"))[0])["words"][0]["text"] == "hi"
    )


def test_cue_lines_from_the_api_cannot_hold_a_surrogate() -> None:
    cues = [Cue(start_ms=0, end_ms=1000, lines=(Line(text="x\udc80", first=0, stop=1),))]
    for name in ("srt", "vtt", "sbv", "ass", "ttml"):
        with pytest.raises(UnencodableError) as info:
            render_transcript(cues, get_writer(name))
        assert info.value.cue_index == 0


# ------------------------------------------------------------- the printable pre-filter


def test_a_printable_text_holds_nothing_the_row_checks_remove() -> None:
    # _cuetext looks for surrogates and controls only in a row that is not printable
    # (issue #12): no printable code point may be in either class. Every one is checked.
    printable = "".join(char for char in map(chr, range(sys.maxunicode + 1)) if char.isprintable())
    assert re.search(_cuetext._SURROGATE, printable) is None
    assert re.search(_cuetext._CONTROL, printable) is None


@pytest.mark.parametrize("char", ["\x0b", "\x85", "\x9f", "\ufffe", "\uffff", "\x00"])
def test_srt_each_control_class_member_is_removed_and_reported(char: str) -> None:
    notes: list[Diagnostic] = []
    rows = _cuetext._rows(cue(0, 1000, f"a{char}b"), 0, notes)
    assert [row.text for row in rows] in (["ab"], ["a b"])
    assert [note.code for note in notes] == ["control-character"]
