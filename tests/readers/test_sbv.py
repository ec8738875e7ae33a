"""SBV reader: YouTube/Scribie SubViewer cues to words, speakers, SubViewer 2, errors, detection."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.errors import FormatDetectionError, InputError
from cuecraft.readers import READERS, detect, sbv, srt, vtt
from cuecraft.timing import format_clock
from tests.strategies import timed_cues


def _words(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


YOUTUBE = """\
0:00:01.000,0:00:02.000
Hello there,
my friend.

0:00:03.500,0:00:04.000
Bye & <thanks>.
"""


def test_registered_with_only_the_sbv_extension() -> None:
    assert READERS["sbv"] is sbv.SPEC
    assert sbv.SPEC.kind == "text"
    assert sbv.SPEC.extensions == (".sbv",)  # never .sub: MicroDVD uses it too


def test_words_share_the_cue_by_character_length() -> None:
    transcript = cuecraft.load(YOUTUBE.encode(), "sbv")
    # Lengths 5, 6, 2, 7 of 20 over 1000 ms, rows joined, as for SRT.
    assert _words(transcript)[:4] == [
        ("Hello", 1000, 1250),
        ("there,", 1250, 1550),
        ("my", 1550, 1650),
        ("friend.", 1650, 2000),
    ]
    # SBV has no markup: text is kept as written.
    assert [w.text for w in transcript.words[4:]] == ["Bye", "&", "<thanks>."]
    assert [w.paragraph_start for w in transcript.words] == [
        True,
        False,
        False,
        False,
        True,
        False,
        False,
    ]
    assert transcript.words[-1].end_ms == 4000
    assert transcript.speakers == ()
    assert transcript.source.format == "sbv"
    assert transcript.diagnostics == ()


def test_same_words_and_times_as_the_equivalent_srt() -> None:
    as_srt = (
        "1\n00:00:01,000 --> 00:00:02,000\nHello there,\nmy friend.\n\n"
        "2\n00:00:03,500 --> 00:00:04,000\nBye & <thanks>.\n"
    )
    ours = cuecraft.load(YOUTUBE.encode(), "sbv")
    theirs = cuecraft.load(as_srt.encode(), "srt")
    assert _words(ours)[:4] == _words(theirs)[:4]


def test_time_forms_hours_unpadded_or_long_and_short_fractions() -> None:
    text = (
        "0:00:01.2,0:00:01.25\na\n\n"
        "00:00:02.50,00:00:03.500\nb\n\n"
        "1:02:03.004,123:00:00.000\nc\n\n"
        "  200:00:00.000 , 200:00:00.500  \nd\n"
    )
    transcript = cuecraft.load(text.encode(), "sbv", strict=False)
    firsts = [(w.text, w.start_ms) for w in transcript.words]
    assert firsts == [
        ("a", 1200),
        ("b", 2500),
        ("c", 3_723_004),
        ("d", 720_000_000),
    ]
    assert transcript.words[0].end_ms == 1250


def test_chevrons_and_labels_become_speakers() -> None:
    text = """\
0:00:01.000,0:00:03.000
>> ANNA: Are you ready?
>> JOSÉ NÚÑEZ: Almost.

0:00:04.000,0:00:05.000
Give me a minute.

0:00:06.000,0:00:08.000
>> Now?
>>Now.
- Dash too.
"""
    transcript = cuecraft.load(text.encode(), "sbv")
    # Chevrons and dashes without a label say the speaker changed, not who speaks: the
    # speaker becomes unknown, no "turnK" speaker is invented (issue #9).
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Are", "ANNA"),
        ("you", "ANNA"),
        ("ready?", "ANNA"),
        ("Almost.", "JOSÉ NÚÑEZ"),
        ("Give", "JOSÉ NÚÑEZ"),  # a label holds until the next one
        ("me", "JOSÉ NÚÑEZ"),
        ("a", "JOSÉ NÚÑEZ"),
        ("minute.", "JOSÉ NÚÑEZ"),
        ("Now?", None),
        ("Now.", None),
        ("Dash", None),
        ("too.", None),
    ]
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("ANNA", "ANNA"),
        ("JOSÉ NÚÑEZ", "JOSÉ NÚÑEZ"),
    ]


def test_chevrons_and_negative_numbers_are_kept() -> None:
    text = "0:00:01.000,0:00:02.000\n3 >> 2 and -5 degrees\n>> -5 degrees\n>>\n"
    transcript = cuecraft.load(text.encode(), "sbv")
    words = ["3", ">>", "2", "and", "-5", "degrees", "-5", "degrees"]
    assert [w.text for w in transcript.words] == words
    assert {w.speaker for w in transcript.words} == {None}


def test_br_tags_are_row_breaks() -> None:
    text = "0:00:01.000,0:00:02.000\nfirst row[br]second[BR]third\n"
    assert sbv.read_cues(text.encode()) == [(1000, 2000, ("first row", "second", "third"))]
    transcript = cuecraft.load(text.encode(), "sbv")
    assert [w.text for w in transcript.words] == ["first", "row", "second", "third"]


def test_a_timing_line_starts_a_cue_even_without_a_blank_line() -> None:
    text = "0:00:01.000,0:00:02.000\none\n0:00:03.000,0:00:04.000\ntwo\n"
    assert sbv.read_cues(text) == [(1000, 2000, ("one",)), (3000, 4000, ("two",))]


def test_crlf_cr_bom_and_trailing_blank_lines() -> None:
    text = "\ufeff\r\n" + YOUTUBE.replace("\n", "\r\n") + "\r\n\r\n"
    assert _words(cuecraft.load(text.encode(), "sbv")) == _words(
        cuecraft.load(YOUTUBE.encode(), "sbv")
    )
    assert _words(cuecraft.load(YOUTUBE.replace("\n", "\r").encode(), "sbv")) == _words(
        cuecraft.load(YOUTUBE.encode(), "sbv")
    )


def test_cp1252_fallback_like_srt() -> None:
    data = "0:00:01.000,0:00:02.000\nCafé\n".encode("cp1252")
    assert [w.text for w in cuecraft.load(data, "sbv").words] == ["Café"]


def test_a_cue_without_text_is_a_note() -> None:
    text = "0:00:01.000,0:00:02.000\n\n0:00:03.000,0:00:04.000\nword\n"
    transcript = cuecraft.load(text.encode(), "sbv")
    assert [w.text for w in transcript.words] == ["word"]
    assert [(d.code, d.severity) for d in transcript.diagnostics] == [("empty-cue", "info")]
    assert "line 1" in transcript.diagnostics[0].message


SUBVIEWER2 = """\
[INFORMATION]
[TITLE]The Age of Gods
[AUTHOR]
[SOURCE]
[FILEPATH]
[DELAY]0
[COMMENT]
[END INFORMATION]
[SUBTITLE]
[COLF]&HFFFFFF,[STYLE]bd,[SIZE]18,[FONT]Arial
00:00:41.00,00:00:44.40
The Age of Gods was closing.[br]Eternity had come to an end.

00:00:55.00,00:00:58.40
The heavens shook as the armies
"""


def test_subviewer2_header_centiseconds_and_br() -> None:
    transcript = cuecraft.load(SUBVIEWER2.encode(), "sbv")
    assert [w.start_ms for w in transcript.words if w.paragraph_start] == [41_000, 55_000]
    assert transcript.words[0].text == "The"
    assert transcript.words[11].end_ms == 44_400
    assert " ".join(w.text for w in transcript.words[5:12]) == (
        "closing. Eternity had come to an end."
    )
    assert transcript.diagnostics == ()
    assert sbv.sniff(SUBVIEWER2)
    assert sbv.read_cues(SUBVIEWER2)[0] == (
        41_000,
        44_400,
        ("The Age of Gods was closing.", "Eternity had come to an end."),
    )


def test_subviewer2_delay_is_not_applied_and_says_so() -> None:
    transcript = cuecraft.load(SUBVIEWER2.replace("[DELAY]0", "[DELAY]25").encode(), "sbv")
    assert transcript.words[0].start_ms == 41_000
    assert [d.code for d in transcript.diagnostics] == ["sbv-delay-ignored"]
    assert "line 6" in transcript.diagnostics[0].message


# ------------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("", 1),
        ("\n\n", 1),
        ("[INFORMATION]\n[TITLE]x\n[END INFORMATION]\n[SUBTITLE]\n", 5),
    ],
)
def test_no_cues_is_an_input_error_with_a_line(text: str, line: int) -> None:
    with pytest.raises(InputError, match="no cues") as caught:
        cuecraft.load(text.encode(), "sbv")
    assert caught.value.line == line


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("just some words\n", 1),
        ("\n\n1\n0:00:01.000,0:00:02.000\nSRT-like number\n", 3),
        ("0:00:01.000 --> 0:00:02.000\nSRT arrow\n", 1),
        ("0:00:01,000,0:00:02,000\ncomma fraction\n", 1),
        ("0:00:01.0000,0:00:02.000\nfour digits\n", 1),
        ("0:60:01.000,0:00:02.000\nminutes\n", 1),
        ("0:00:01.000\nonly one time\n", 1),
        (YOUTUBE + "\n0:00:05.000,0:00:0x.000\nBroken.\n\n0:00:07.000,0:00:08.000\nFine.\n", 8),
        (YOUTUBE + "\nstray text after a blank row\n", 8),
    ],
)
def test_malformed_timing_line_reports_its_line(text: str, line: int) -> None:
    with pytest.raises(InputError, match="expected a timing line") as caught:
        cuecraft.load(text.encode(), "sbv")
    assert (caught.value.line, caught.value.column) == (line, 1)


def test_lenient_mode_skips_a_malformed_block_with_a_diagnostic() -> None:
    text = YOUTUBE + "\n0:00:05.000,0:00:0x.000\nBroken.\n\n0:00:07.000,0:00:08.000\nFine.\n"
    transcript = cuecraft.load(text.encode(), "sbv", strict=False)
    assert [w.text for w in transcript.words][-2:] == ["<thanks>.", "Fine."]
    assert [d.code for d in transcript.diagnostics] == ["malformed-timing"]
    assert transcript.diagnostics[0].message.startswith("line 8: ")


def test_lenient_mode_with_only_malformed_blocks_still_has_no_cues() -> None:
    with pytest.raises(InputError, match="no cues"):
        cuecraft.load(b"nothing here\n", "sbv", strict=False)


def test_cue_ending_before_it_starts_small_is_repaired_large_is_an_error() -> None:
    small = "0:00:02.000,0:00:01.950\nOops.\n"
    transcript = cuecraft.load(small.encode(), "sbv")
    assert _words(transcript) == [("Oops.", 2000, 2000)]
    assert [(d.code, d.cue_index) for d in transcript.diagnostics] == [("end-before-start", 0)]
    large = "0:00:00.500,0:00:01.000\nFine.\n\n0:00:05.000,0:00:01.000\nOops.\n"
    with pytest.raises(InputError, match="ends 4000 ms before it starts") as caught:
        cuecraft.load(large.encode(), "sbv")
    assert caught.value.line == 4
    assert _words(cuecraft.load(large.encode(), "sbv", strict=False))[-1] == ("Oops.", 5000, 5000)


def test_cue_starting_before_the_previous_one_is_an_error_in_strict_mode() -> None:
    text = "0:00:05.000,0:00:06.000\nLate.\n\n0:00:01.000,0:00:02.000\nEarly.\n"
    with pytest.raises(InputError, match="before the previous cue") as caught:
        cuecraft.load(text.encode(), "sbv")
    assert caught.value.line == 4
    lenient = cuecraft.load(text.encode(), "sbv", strict=False)
    assert [w.text for w in lenient.words] == ["Late.", "Early."]  # never reordered
    # Moved to 5.000, "Early." now overlaps "Late." (to 6.000): one cue, the time shared.
    assert [(w.start_ms, w.end_ms) for w in lenient.words] == [(5000, 5454), (5454, 6000)]


def test_implausibly_large_time_is_an_error_with_its_line() -> None:
    text = "0:00:01.000,0:00:02.000\nok\n\n999999999:00:00.000,999999999:00:01.000\nlate\n"
    with pytest.raises(InputError, match="implausibly large") as caught:
        cuecraft.load(text.encode(), "sbv", strict=False)
    assert caught.value.line == 4


def test_cues_without_words_give_no_transcript() -> None:
    with pytest.raises(InputError, match="no words"):
        cuecraft.load(b"0:00:01.000,0:00:02.000\n>>\n", "sbv")


def test_lone_surrogate_is_an_input_error_with_its_position() -> None:
    with pytest.raises(InputError) as caught:
        sbv.read("0:00:01.000,0:00:02.000\nbad \ud800 text\n", source="x.sbv")
    assert (caught.value.line, caught.value.column) == (2, 5)


def test_read_cues_errors_carry_the_line() -> None:
    with pytest.raises(InputError) as caught:
        sbv.read_cues(b"0:00:01.000,0:00:02.000\nok\n\nbad\n", source="x.sbv")
    assert (caught.value.source, caught.value.line) == ("x.sbv", 4)


# ---------------------------------------------------------------------------- detection


def test_detected_from_content_and_no_other_reader_claims_it() -> None:
    for text in (YOUTUBE, "\ufeff\n\n" + YOUTUBE, YOUTUBE.replace("\n", "\r\n")):
        spec, _ = detect(text.encode(), source="x")
        assert spec.name == "sbv"
        matching = [s.name for s in READERS.values() if s.kind == "text" and s.sniff(text)]
        assert matching == ["sbv"]
    assert cuecraft.load(YOUTUBE.encode()).source.format == "sbv"


def test_sniff_leaves_srt_vtt_and_plain_text_alone() -> None:
    srt_text = "1\n00:00:01,000 --> 00:00:02,000\nHi\n"
    vtt_text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n"
    for other in (srt_text, vtt_text, "plain text\n0:00:01.000,0:00:02.000\n", "", "[]"):
        assert not sbv.sniff(other), other
    assert not sbv.sniff(b"0:00:01.000,0:00:02.000\nbytes\n")
    assert detect(srt_text.encode(), source="a")[0].name == "srt"
    assert detect(vtt_text.encode(), source="b")[0].name == "vtt"
    assert not srt.sniff(YOUTUBE)
    assert not vtt.sniff(YOUTUBE)
    with pytest.raises(FormatDetectionError) as caught:
        detect(b"plain text, no cues", source="d")
    assert caught.value.candidates == ()


def test_subviewer2_header_needs_a_timing_line_to_be_sniffed() -> None:
    assert sbv.sniff(SUBVIEWER2)
    assert not sbv.sniff("[INFORMATION]\n[TITLE]x\n[END INFORMATION]\n")


# --------------------------------------------------------------- generated files, read back


@given(cues=timed_cues(max_rows=3), separator=st.sampled_from(["\n", "[br]"]))
def test_generated_files_keep_words_and_cue_times(
    cues: list[tuple[int, int, list[list[str]]]], separator: str
) -> None:
    blocks = [
        f"{format_clock(start, separator='.', hours_digits=1)},"
        f"{format_clock(end, separator='.', hours_digits=1)}\n"
        + separator.join(" ".join(row) for row in rows)
        for start, end, rows in cues
    ]
    text = "\n\n".join(blocks) + "\n"
    transcript = cuecraft.load(text.encode())
    assert transcript.source.format == "sbv"
    assert [w.text for w in transcript.words] == [
        word for _, _, rows in cues for row in rows for word in row
    ]
    firsts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    assert [transcript.words[i].start_ms for i in firsts] == [start for start, _, _ in cues]
    stops = [*firsts[1:], len(transcript.words)]
    assert [transcript.words[i - 1].end_ms for i in stops] == [end for _, end, _ in cues]
    assert [rows for _, _, rows in sbv.read_cues(text)] == [
        tuple(" ".join(row) for row in rows) for _, _, rows in cues
    ]


def test_subviewer2_header_is_detected_not_taken_for_json() -> None:
    # "[INFORMATION]" starts with a bracket, as a JSON array does; detection must look further.
    data = b"[INFORMATION]\n[TITLE]x\n[END INFORMATION]\n00:00:01.20,00:00:03.50\nHi[br]there\n"
    transcript = cuecraft.load(data)
    assert transcript.source.format == "sbv"
    assert [w.text for w in transcript.words] == ["Hi", "there"]
