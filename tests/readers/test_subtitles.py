"""SRT and VTT readers: cues to words (times approximated by length), speakers, errors."""

from __future__ import annotations

import pytest
import webvtt
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.errors import FormatDetectionError, InputError
from cuecraft.readers import detect, srt, vtt
from cuecraft.timing import format_clock
from tests.conftest import corpus_dir
from tests.strategies import timed_cues


def _words(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


SRT = """1
00:00:01,000 --> 00:00:02,000
<i>Hello</i> there,
{\\an8}my friend.

2
00:00:03,500 --> 00:00:04,000
Bye &amp; thanks.
"""


def test_srt_words_share_the_cue_by_character_length() -> None:
    transcript = cuecraft.load(SRT.encode(), "srt")
    # Lengths 5, 6, 2, 7 of 20 over 1000 ms; tags and the SSA override are stripped, rows joined.
    assert _words(transcript)[:4] == [
        ("Hello", 1000, 1250),
        ("there,", 1250, 1550),
        ("my", 1550, 1650),
        ("friend.", 1650, 2000),
    ]
    # SRT has no character references: "&amp;" is text.
    assert [w.text for w in transcript.words[4:]] == ["Bye", "&amp;", "thanks."]
    starts = [w.paragraph_start for w in transcript.words]
    assert starts == [True, False, False, False, True, False, False]
    assert transcript.words[-1].end_ms == 4000
    assert transcript.speakers == ()
    assert transcript.source.format == "srt"


def test_srt_name_prefixes_become_speakers_and_dashes_stay_text() -> None:
    text = """1
00:00:01,000 --> 00:00:03,000
ZOË: Are you ready?
- JOSÉ NÚÑEZ: Almost.

2
00:00:04,000 --> 00:00:05,000
Give me a minute.

3
00:00:06,000 --> 00:00:08,000
- Now?
- Now.
"""
    transcript = cuecraft.load(text.encode(), "srt")
    # Changed for issue #9: a bare dash no longer invents a "turnK" speaker. It says the
    # speaker changed, not who speaks: it is removed and the speaker becomes unknown.
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Are", "ZOË"),
        ("you", "ZOË"),
        ("ready?", "ZOË"),
        ("Almost.", "JOSÉ NÚÑEZ"),
        ("Give", "JOSÉ NÚÑEZ"),  # a label holds until the next one
        ("me", "JOSÉ NÚÑEZ"),
        ("a", "JOSÉ NÚÑEZ"),
        ("minute.", "JOSÉ NÚÑEZ"),
        ("Now?", None),
        ("Now.", None),
    ]
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("ZOË", "ZOË"),
        ("JOSÉ NÚÑEZ", "JOSÉ NÚÑEZ"),
    ]


def test_things_that_look_like_labels_but_are_not() -> None:
    text = """1
00:00:01,000 --> 00:00:02,000
-5 degrees at 10:30: cold
"""
    transcript = cuecraft.load(text.encode(), "srt")
    assert [w.text for w in transcript.words] == ["-5", "degrees", "at", "10:30:", "cold"]
    assert transcript.speakers == ()


VTT = """WEBVTT
Kind: captions

NOTE this comment
spans two lines

STYLE
::cue { color: yellow }

intro
00:00.000 --> 00:01.000 align:start
<v.loud Zoë Müller>Welcome, <b>José</b>.

00:00:01.500 --> 00:00:02.500
<v José Núñez>Thanks &amp; hello.</v>

3
00:00:03.000 --> 00:00:04.000
<c.yellow>Still</c> me.
"""


def test_vtt_voices_notes_styles_identifiers_and_entities() -> None:
    transcript = cuecraft.load(VTT.encode(), "vtt")
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Welcome,", "Zoë Müller"),
        ("José.", "Zoë Müller"),
        ("Thanks", "José Núñez"),
        ("&", "José Núñez"),
        ("hello.", "José Núñez"),
        ("Still", "José Núñez"),
        ("me.", "José Núñez"),
    ]
    assert [w.start_ms for w in transcript.words if w.paragraph_start] == [0, 1500, 3000]
    assert transcript.source.format == "vtt"


def test_vtt_cue_with_two_voices_changes_speaker_inside_the_cue() -> None:
    text = "WEBVTT\n\n00:01.000 --> 00:03.000\n<v Ann>Hi.</v> <v Bob>Hey.</v>\n"
    transcript = cuecraft.load(text.encode(), "vtt")
    assert [(w.text, w.speaker) for w in transcript.words] == [("Hi.", "Ann"), ("Hey.", "Bob")]
    assert transcript.turns() == [(0, 1), (1, 2)]


@pytest.mark.parametrize(
    "text",
    ["", "\n\n", "1\nHello without times\n", "just some words"],
)
def test_srt_without_cues_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError, match="no cues"):
        cuecraft.load(text.encode(), "srt")


def test_vtt_header_only_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no cues"):
        cuecraft.load(b"WEBVTT\n\nNOTE nothing here\n", "vtt")


def test_cues_without_words_give_no_transcript() -> None:
    with pytest.raises(InputError, match="no words"):
        cuecraft.load(b"1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n", "srt")


def test_malformed_timing_line_reports_its_line() -> None:
    text = SRT + (
        "\n3\n00:00:05,000 --> 00:00:0x,000\nBroken.\n"  # line 11
        "\n4\n00:00:07,000 --> 00:00:08,000\nFine.\n"
    )
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode(), "srt")
    assert (caught.value.line, caught.value.column) == (11, 1)
    lenient = cuecraft.load(text.encode(), "srt", strict=False)
    assert [w.text for w in lenient.words][-2:] == ["thanks.", "Fine."]
    assert [d.code for d in lenient.diagnostics] == ["malformed-timing", "markup-stripped"]


def test_cue_ending_before_it_starts_small_is_repaired_large_is_an_error() -> None:
    small = "1\n00:00:02,000 --> 00:00:01,950\nOops.\n"
    transcript = cuecraft.load(small.encode(), "srt")
    assert _words(transcript) == [("Oops.", 2000, 2000)]
    assert [(d.code, d.cue_index) for d in transcript.diagnostics] == [("end-before-start", 0)]
    large = "1\n00:00:00,500 --> 00:00:01,000\nFine.\n\n2\n00:00:05,000 --> 00:00:01,000\nOops.\n"
    with pytest.raises(InputError) as caught:
        cuecraft.load(large.encode(), "srt")
    assert caught.value.line == 6
    assert _words(cuecraft.load(large.encode(), "srt", strict=False))[-1] == ("Oops.", 5000, 5000)


def test_cue_starting_before_the_previous_one_is_an_error_in_strict_mode() -> None:
    text = "1\n00:00:05,000 --> 00:00:06,000\nLate.\n\n2\n00:00:01,000 --> 00:00:02,000\nEarly.\n"
    with pytest.raises(InputError) as caught:
        cuecraft.load(text.encode(), "srt")
    assert caught.value.line == 6
    lenient = cuecraft.load(text.encode(), "srt", strict=False)
    assert [w.text for w in lenient.words] == ["Late.", "Early."]  # never reordered
    # Moved to 5.000, "Early." now overlaps "Late." (to 6.000): one cue, the time shared.
    assert [(w.start_ms, w.end_ms) for w in lenient.words] == [(5000, 5454), (5454, 6000)]


def test_overlapping_cues_are_merged_into_one_with_a_note() -> None:
    # Changed for issue #9: overlapping cues used to keep their own spans, the first cue's
    # words squeezed before the second's start; now they are one cue, rows stacked.
    text = (
        "1\n00:00:01,000 --> 00:00:05,000\nA long first cue here.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nOverlap.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nAfter.\n"
    )
    transcript = cuecraft.load(text.encode(), "srt")
    words = ["A", "long", "first", "cue", "here.", "Overlap.", "After."]
    assert [w.text for w in transcript.words] == words
    assert [w.start_ms for w in transcript.words if w.paragraph_start] == [1000, 5000]
    assert transcript.words[5].end_ms == 5000  # the merged cue ends with the latest end
    starts = [w.start_ms for w in transcript.words]
    assert starts == sorted(starts)
    (note,) = [d for d in transcript.diagnostics if d.code == "overlapping-cues-merged"]
    assert note.cue_index == 0
    assert "lines 2, 6" in note.message


def test_lone_surrogate_in_text_input_is_an_input_error_with_its_position() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\nbad \ud800 text\n"
    with pytest.raises(InputError) as caught:
        srt.read(text, source="x.srt")
    assert (caught.value.line, caught.value.column) == (3, 5)


def test_detect_keeps_srt_and_vtt_apart() -> None:
    assert detect(SRT.encode(), source="a")[0].name == "srt"
    assert detect(VTT.encode(), source="b")[0].name == "vtt"
    assert detect(b"\xef\xbb\xbf" + VTT.encode(), source="c")[0].name == "vtt"
    # A VTT body with comma times is still VTT by its signature, never SRT.
    assert not srt.sniff("WEBVTT\n\n00:00:01,000 --> 00:00:02,000\nHi\n")
    assert not vtt.sniff(SRT)
    with pytest.raises(FormatDetectionError) as caught:
        detect(b"plain text, no cues", source="d")
    assert caught.value.candidates == ()


def _clock_ms(clock: str) -> int:
    hours, minutes, seconds = clock.replace(",", ".").split(":")
    whole, _, millis = seconds.partition(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(whole)) * 1000 + int(millis.ljust(3, "0"))


def test_corpus_srt_agrees_with_an_independent_reader() -> None:
    folder = corpus_dir("segmentation", "ted_dev")
    path = sorted(folder.glob("*.ref.srt"))[0]
    cues = [cue for cue in webvtt.from_srt(str(path)).captions if cue.text.split()]
    transcript = cuecraft.load(path)
    firsts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    assert len(firsts) == len(cues)
    assert [transcript.words[i].start_ms for i in firsts] == [_clock_ms(c.start) for c in cues]
    bounds = [*firsts, len(transcript.words)]
    assert [transcript.words[stop - 1].end_ms for stop in bounds[1:]] == [
        _clock_ms(c.end) for c in cues
    ]
    for number, cue in enumerate(cues):
        ours = [w.text for w in transcript.words[bounds[number] : bounds[number + 1]]]
        theirs = cue.text.split()
        # Ours drops only speaker labels, so it is what remains of theirs, in order.
        iterator = iter(theirs)
        assert all(word in iterator for word in ours), (number, ours, theirs)
        assert len(theirs) - len(ours) <= 4


@given(cues=timed_cues(max_rows=2), fmt=st.sampled_from(["srt", "vtt"]))
def test_generated_subtitles_keep_words_and_cue_times(
    cues: list[tuple[int, int, list[list[str]]]], fmt: str
) -> None:
    separator = "," if fmt == "srt" else "."
    blocks = [
        f"{number}\n{format_clock(start, separator=separator)} --> "
        f"{format_clock(end, separator=separator)}\n" + "\n".join(" ".join(row) for row in rows)
        for number, (start, end, rows) in enumerate(cues, 1)
    ]
    text = ("WEBVTT\n\n" if fmt == "vtt" else "") + "\n\n".join(blocks) + "\n"
    transcript = cuecraft.load(text.encode(), fmt)
    assert [w.text for w in transcript.words] == [
        word for _, _, rows in cues for row in rows for word in row
    ]
    firsts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    assert [transcript.words[i].start_ms for i in firsts] == [start for start, _, _ in cues]
    stops = [*firsts[1:], len(transcript.words)]
    assert [transcript.words[i - 1].end_ms for i in stops] == [end for _, end, _ in cues]
    assert all(w.start_ms <= w.end_ms for w in transcript.words)
