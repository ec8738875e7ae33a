"""The WebVTT writer: Amberscript's layout, read-back by pysubs2 and webvtt-py, escaping, voices."""

from __future__ import annotations

import html
import re

import pytest
import webvtt
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.api import make_options, writer_for
from cuecraft.errors import RulesError, UnencodableError
from cuecraft.model import Cue, Transcript
from cuecraft.segment import Rules, segment
from cuecraft.timing import format_clock
from cuecraft.writers import get_writer, vtt
from cuecraft.writers.vtt import VttOptions, escape
from tests.strategies import rules, transcripts
from tests.writers._subtitles import (
    AMBERSCRIPT_CUES,
    PLAIN_WORD_CHANGES,
    cue,
    number_row_joined,
    pysubs2_text,
    read_with_pysubs2,
    render,
    seed_sample,
    strict_blocks,
)

AMBERSCRIPT_VTT = """\
WEBVTT

1
00:00:00.449 --> 00:00:03.769
Hi, welcome to Amber script, in this short

2
00:00:03.869 --> 00:00:07.400
video, we would like to show you how
you can use Amber script at its full

3
00:00:07.500 --> 00:00:10.189
potential. The first
function we would like to show

4
00:00:10.289 --> 00:00:13.639
you is the edit function.
This allows you to edit errors
"""

_TIMING = re.compile(r"^\d{2,}:\d{2}:\d{2}\.\d{3} --> \d{2,}:\d{2}:\d{2}\.\d{3}$")


def test_amberscript_sample_layout_exactly() -> None:
    text, context = render(vtt.SPEC, AMBERSCRIPT_CUES)
    assert text == AMBERSCRIPT_VTT
    assert context.diagnostics == []


def test_amberscript_sample_with_its_header_matches_the_seed_document() -> None:
    sample = seed_sample("The command returns VTT structured like this")
    if sample is None:
        pytest.skip("seed documents not found beside the project")
    options = VttOptions(header="- created by www.amberscript.com")
    text, _ = render(vtt.SPEC, AMBERSCRIPT_CUES, options)
    assert text == sample
    assert text.replace(" - created by www.amberscript.com", "", 1) == AMBERSCRIPT_VTT


def test_registered_under_its_name_and_extension() -> None:
    assert get_writer("vtt") is vtt.SPEC
    assert writer_for("talk.vtt", None) is vtt.SPEC
    assert vtt.SPEC.takes == "cues"


def _check_read_back(text: str, cues: list[Cue], options: VttOptions) -> None:
    expected_rows = [number_row_joined(c.text.split("\n")) for c in cues]
    # Strict parse of the file itself.
    blocks = strict_blocks(text, options.eol)
    header, cue_blocks = blocks[0], blocks[1:]
    assert header == ["WEBVTT" + (f" {options.header}" if options.header else "")]
    assert len(cue_blocks) == len(cues)
    skip = 1 if options.cue_identifiers else 0
    for number, (block, c, rows) in enumerate(
        zip(cue_blocks, cues, expected_rows, strict=True), start=1
    ):
        if options.cue_identifiers:
            assert block[0] == str(number)
        assert block[skip] == f"{format_clock(c.start_ms, separator='.')} --> " + format_clock(
            c.end_ms, separator="."
        )
        assert _TIMING.match(block[skip])
        assert [html.unescape(row) for row in block[skip + 1 :]] == rows
        assert all("-->" not in row and row.strip() for row in block[skip + 1 :])
    # pysubs2: same count, times and texts (it leaves character references as they are).
    events = read_with_pysubs2(text, "vtt")
    assert len(events) == len(cues)
    for index, (event, c, rows) in enumerate(zip(events, cues, expected_rows, strict=True)):
        assert (event.start, event.end) == (c.start_ms, c.end_ms)
        followed = options.cue_identifiers and index + 1 < len(cues)
        assert html.unescape(event.text) == pysubs2_text(rows, followed_by_number=followed)
    # webvtt-py in strict mode: same again, identifiers included.
    captions = webvtt.WebVTT.from_string(text.replace("\r\n", "\n"), strict=True).captions
    assert len(captions) == len(cues)
    for number, (caption, c) in enumerate(zip(captions, cues, strict=True), start=1):
        assert caption.start_time.in_milliseconds() == c.start_ms
        assert caption.end_time.in_milliseconds() == c.end_ms
        assert html.unescape(caption.text) == c.text
        assert caption.identifier == (str(number) if options.cue_identifiers else None)


@given(
    transcripts(),
    rules(),
    st.builds(
        VttOptions,
        eol=st.sampled_from(["\n", "\r\n"]),
        cue_identifiers=st.booleans(),
        header=st.sampled_from([None, "- created by www.amberscript.com", "Kind: captions"]),
    ),
)
def test_readers_read_back_segmented_transcripts(
    transcript: Transcript, rules: Rules, options: VttOptions
) -> None:
    cues = segment(transcript, rules)
    text, context = render(vtt.SPEC, cues, options)
    # Plain words: only digits, clock times and backslashes ("\\h") can need a change.
    assert {d.code for d in context.diagnostics} <= PLAIN_WORD_CHANGES
    _check_read_back(text, cues, options)


# ------------------------------------------------------------------------------- escaping


def test_escaping_of_ampersand_and_angle_brackets() -> None:
    assert escape("a --> <b> & c &amp;") == "a --&gt; &lt;b&gt; &amp; c &amp;amp;"
    text, _ = render(vtt.SPEC, [cue(0, 1000, "Tom & Jerry <3 -->", "x>y")])
    assert text.endswith("00:00:00.000 --> 00:00:01.000\nTom &amp; Jerry &lt;3 --&gt;\nx&gt;y\n")
    assert text.count("-->") == 1


@given(st.text(alphabet="<>&-v ab\n;", min_size=1, max_size=30))
def test_text_never_carries_markup_or_an_arrow(raw: str) -> None:
    text, _ = render(vtt.SPEC, [cue(0, 1000, raw)])
    body = text.split("00:00:00.000 --> 00:00:01.000\n", 1)[1] if raw.strip() else ""
    assert "-->" not in body
    assert "<" not in body
    assert ">" not in body
    rows = [r.strip() for r in raw.split("\n") if r.strip()]
    # A row's leading ">>" (a change of speaker for readers) is written as the look-alike "››".
    rows = ["\u203a\u203a" + r[2:] if r.startswith(">>") else r for r in rows]
    assert html.unescape(body).split("\n")[:-1] == rows


def test_header_must_be_one_line_without_an_arrow() -> None:
    for bad in ("two\nlines", "a --> b", "cr\r"):
        with pytest.raises(RulesError) as info:
            make_options(vtt.SPEC, {"header": bad})
        assert info.value.field == "header"
    assert VttOptions(header="  ").header is None


def test_without_identifiers() -> None:
    text, _ = render(vtt.SPEC, AMBERSCRIPT_CUES[:1], VttOptions(cue_identifiers=False))
    assert (
        text
        == "WEBVTT\n\n00:00:00.449 --> 00:00:03.769\nHi, welcome to Amber script, in this short\n"
    )


def test_crlf() -> None:
    text, _ = render(vtt.SPEC, AMBERSCRIPT_CUES, VttOptions(eol="\r\n"))
    assert text == AMBERSCRIPT_VTT.replace("\n", "\r\n")


def test_no_cues_writes_only_the_header() -> None:
    assert render(vtt.SPEC, [], VttOptions(header="empty"))[0] == "WEBVTT empty\n"


def test_lone_surrogate_is_unencodable() -> None:
    with pytest.raises(UnencodableError) as info:
        render(vtt.SPEC, [cue(0, 1000, "\udcff")])
    assert info.value.cue_index == 0


def test_a_cue_without_text_is_skipped_with_a_diagnostic() -> None:
    text, context = render(vtt.SPEC, [cue(0, 1000, " \n "), cue(1000, 2000, "b")])
    assert text == "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nb\n"
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("empty-cue", 0)]


# --------------------------------------------------------------------------- speaker labels

NAMES = {"a": "Ann", "b": "Bob <B&B>"}


def _rows(text: str) -> list[list[str]]:
    return [block[2:] for block in strict_blocks(text)[1:]]


def test_voice_spans() -> None:
    cues = [
        cue(0, 1000, ("Hello there,", "a"), ("how are you?", "a")),
        cue(1000, 2000, ("Fine.", "b"), ("And you?", "a")),
        cue(2000, 3000, ("Nobody", None)),
        cue(3000, 4000, ("Ann", "a"), ("nobody", None)),
    ]
    text, _ = render(vtt.SPEC, cues, VttOptions(speaker_labels="voice"), NAMES)
    assert _rows(text) == [
        ["<v Ann>Hello there,", "how are you?"],
        ["<v Bob &lt;B&amp;B&gt;>Fine.</v>", "<v Ann>And you?</v>"],
        ["Nobody"],
        ["<v Ann>Ann</v>", "nobody"],
    ]
    captions = webvtt.WebVTT.from_string(text, strict=True).captions
    assert [caption.voice for caption in captions] == [
        "Ann",
        "Bob &lt;B&amp;B&gt;",
        None,
        "Ann",
    ]
    assert [caption.text for caption in captions] == [c.text for c in cues]


def test_prefix_and_dash_labels_are_escaped_like_the_text() -> None:
    cues = [cue(0, 1000, ("Hi", "b")), cue(1000, 2000, ("Yes?", "a"), ("No.", "b"))]
    text, _ = render(vtt.SPEC, cues, VttOptions(speaker_labels="prefix"), NAMES)
    assert _rows(text) == [["Bob &lt;B&amp;B&gt;: Hi"], ["Ann: Yes?", "Bob &lt;B&amp;B&gt;: No."]]
    text, _ = render(vtt.SPEC, cues, VttOptions(speaker_labels="dash"), NAMES)
    assert _rows(text) == [["Hi"], ["-Yes?", "-No."]]


def test_options_reject_unknown_fields() -> None:
    with pytest.raises(RulesError) as info:
        make_options(vtt.SPEC, {"voice": True})
    assert info.value.field == "voice"
