"""Regression tests for SRT and WebVTT files real tools write (issue #9 corpus: astisub,
webvtt-py's YouTube sample): short times, cues without numbers, UTF-16, rolling captions.

Each test builds the smallest input that showed the defect and checks what is read now.
"""

from __future__ import annotations

import time

import pytest

import cuecraft
from cuecraft.errors import InputError
from cuecraft.readers import detect


def _texts(transcript: cuecraft.Transcript) -> list[str]:
    return [w.text for w in transcript.words]


def _cue_times(transcript: cuecraft.Transcript) -> list[tuple[int, int]]:
    """(start, end) of each cue: from a paragraph start to the last word before the next."""
    starts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    ends = [*starts[1:], len(transcript.words)]
    return [
        (transcript.words[a].start_ms, transcript.words[b - 1].end_ms)
        for a, b in zip(starts, ends, strict=True)
    ]


# -- times without milliseconds, short fractions --------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "timing", "start_ms", "end_ms"),
    [
        ("srt", "00:01:39 --> 00:01:41,04", 99_000, 101_040),  # astisub: no ms, ",04" = 40 ms
        ("srt", "00:01:39,5 --> 00:01:40", 99_500, 100_000),
        ("srt", "00:02:04,08 --> 00:02:07,12 X1:40 X2:600 Y1:20 Y2:50", 124_080, 127_120),
        ("vtt", "00:01:39 --> 00:01:41.04 region:bill", 99_000, 101_040),
        ("vtt", "00:01:39\t-->\t00:01:41.04\talign:left", 99_000, 101_040),
        ("vtt", "1:00:00 --> 1:00:02.1", 3_600_000, 3_602_100),
    ],
)
def test_short_times_are_read_in_strict_mode_with_a_note(
    fmt: str, timing: str, start_ms: int, end_ms: int
) -> None:
    if fmt == "vtt":
        data = f"WEBVTT\n\n00:00:00.500 --> 00:00:01.000\nFirst\n\n{timing}\nHello there\n"
    else:
        data = f"1\n00:00:00,500 --> 00:00:01,000\nFirst\n\n2\n{timing}\nHello there\n"
    transcript = cuecraft.load(data.encode(), fmt)  # strict
    assert _texts(transcript) == ["First", "Hello", "there"]
    assert _cue_times(transcript)[-1] == (start_ms, end_ms)
    (note,) = [d for d in transcript.diagnostics if d.code == "short-time"]
    assert note.severity == "info"
    timing_line = data.split("\n").index(timing) + 1
    assert note.message.startswith(f"line {timing_line}: 1 timing line(s)")


def test_full_times_give_no_short_time_note() -> None:
    data = b"1\n00:00:01,000 --> 00:00:02,000\nHello\n"
    assert "short-time" not in [d.code for d in cuecraft.load(data, "srt").diagnostics]


@pytest.mark.parametrize(
    "timing",
    [
        "01:39 --> 01:41",  # no hours and no fraction: minutes:seconds or hours:minutes?
        "9999:00:00 --> 9999:00:01",
        "00:75:00 --> 00:76:00",
        "00:00:61 --> 00:00:62",
        "00:00:01,0000 --> 00:00:02",
    ],
)
def test_implausible_or_ambiguous_short_times_stay_errors(timing: str) -> None:
    data = f"1\n00:00:00,000 --> 00:00:00,500\nFine.\n\n2\n{timing}\nBroken.\n".encode()
    with pytest.raises(InputError) as caught:
        cuecraft.load(data, "srt")
    assert caught.value.line == 6
    lenient = cuecraft.load(data, "srt", strict=False)
    assert _texts(lenient) == ["Fine."]
    assert "malformed-timing" in [d.code for d in lenient.diagnostics]


def test_srt_without_sequence_numbers_keeps_every_cue() -> None:
    data = (
        b"00:01:39 --> 00:01:41,04\n(deep rumbling)\n\n"
        b"00:02:04,08 --> 00:02:07,12\nHow did we\nend up here?\n\n"
        b"00:02:12.16 --> 00:02:15.20\n10\n"
    )
    transcript = cuecraft.load(data)
    assert transcript.source.format == "srt"
    # The last "10" is a row: after a cue without numbers it is text, not an identifier.
    expected = "(deep rumbling) How did we end up here? 10"
    assert " ".join(_texts(transcript)) == expected
    assert _cue_times(transcript) == [(99_000, 101_040), (124_080, 127_120), (132_160, 135_200)]


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_utf16_with_a_bom_and_short_times_is_detected_and_read(fmt: str) -> None:
    text = (
        "WEBVTT\r\n\r\n" if fmt == "vtt" else "1\r\n"
    ) + "00:01:39 --> 00:01:41.04\r\nCafé crème\r\n"
    data = text.encode("utf-16")  # with a byte order mark
    assert detect(data, source="x")[0].name == fmt
    transcript = cuecraft.load(data)
    assert _texts(transcript) == ["Café", "crème"]
    assert _cue_times(transcript) == [(99_000, 101_040)]


def test_webvtt_settings_after_a_short_time_are_not_words() -> None:
    data = (
        b"WEBVTT\n\nREGION\nid:bill\n\n1\n00:01:39 --> 00:01:41.04 region:bill\n(rumbling)\n\n"
        b"2\n00:02:04.08 --> 00:02:07.12  region:fred position:10%,line-left align:left\nMAN\n"
    )
    assert _texts(cuecraft.load(data, "vtt")) == ["(rumbling)", "MAN"]


def test_short_timing_lines_stay_linear() -> None:
    many = "".join(
        f"{m // 60:02}:{m % 60:02}:{s:02} --> {m // 60:02}:{m % 60:02}:{s:02},5\nx\n\n"
        for m in range(100)
        for s in range(50)
    )
    hostile = "1\n" + "1:" * 200_000 + "1 --> 00:00:01\nx\n"
    started = time.perf_counter()
    assert len(cuecraft.load(many.encode(), "srt", strict=False).words) == 5_000
    with pytest.raises(InputError):
        cuecraft.load(hostile.encode(), "srt")
    assert time.perf_counter() - started < 30  # generous: quadratic work takes minutes


# -- YouTube automatic captions --------------------------------------------------------------

# The shape of webvtt-py's youtube sample: too few cues for the general rolling rule, a timing
# line straight after a cue's text (no blank line), word timestamps and <c> spans.
YOUTUBE_SHORT = """WEBVTT
Kind: captions
Language: en

00:04:46.070 --> 00:04:46.470 align:start position:0%
yeah

00:04:46.470 --> 00:05:04.080 align:start position:0%
yeah
<c.colorCCCCCC>what</c>
00:05:04.080 --> 00:05:05.069 align:start position:0%
this<00:05:04.199><c> will</c><00:05:04.379><c> happen</c>

00:05:05.069 --> 00:05:05.400 align:start position:0%
this will<c.colorE5E5E5> happen</c>
"""


def test_a_short_youtube_file_keeps_each_word_once() -> None:
    transcript = cuecraft.load(YOUTUBE_SHORT.encode(), "vtt")
    assert _texts(transcript) == ["yeah", "what", "this", "will", "happen"]
    # The timing line without a blank line before it starts a new cue; none became words.
    starts = [w.start_ms for w in transcript.words if w.paragraph_start]
    assert starts == [286_070, 286_470, 304_080]
    (note,) = [d for d in transcript.diagnostics if d.code == "rolling-captions"]
    assert "2 repeated row(s) removed, 1 cue(s)" in note.message


def test_the_same_short_file_without_youtube_markup_keeps_its_repeats() -> None:
    plain = YOUTUBE_SHORT
    for tag in ("<c.colorCCCCCC>", "<c.colorE5E5E5>", "<c>", "</c>"):
        plain = plain.replace(tag, "")
    plain = plain.replace("<00:05:04.199>", " ").replace("<00:05:04.379>", " ")
    transcript = cuecraft.load(plain.encode(), "vtt")
    assert " ".join(_texts(transcript)) == "yeah yeah what this will happen this will happen"
    assert "rolling-captions" not in [d.code for d in transcript.diagnostics]


def test_youtube_markup_without_repeats_loses_nothing() -> None:
    data = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello<00:00:01.500><c> world</c>\n\n"
        b"00:00:02.000 --> 00:00:03.000\nhello<00:00:02.500><c> again</c>\n"
    )
    assert _texts(cuecraft.load(data, "vtt")) == ["hello", "world", "hello", "again"]
