"""Regression tests for issues #9 and #10 in the text subtitle readers (SRT, WebVTT, SBV, ASS).

Each test builds the smallest input that showed the defect and checks what is read now.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import cuecraft
from cuecraft.errors import InputError, UnknownFormatError
from cuecraft.readers import ass, detect, srt, vtt


def _srt(*blocks: tuple[str, str]) -> bytes:
    """SRT bytes from (timing, text) pairs, numbered from 1."""
    return "\n".join(
        f"{number}\n{timing}\n{text}\n" for number, (timing, text) in enumerate(blocks, 1)
    ).encode()


def _texts(transcript: cuecraft.Transcript) -> list[str]:
    return [w.text for w in transcript.words]


def _codes(transcript: cuecraft.Transcript) -> list[str]:
    return [d.code for d in transcript.diagnostics]


# -- 1. speaker labels inside subtitle text ------------------------------------------------------


def test_an_ordinary_first_word_and_colon_stays_text() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:03,000", 'Digo: "Le doy un abrazo."'),
        ("00:00:04,000 --> 00:00:06,000", "Thus: what we call a label."),
    )
    transcript = cuecraft.load(data, "srt")
    assert _texts(transcript)[:2] == ["Digo:", '"Le']
    assert "Thus:" in _texts(transcript)
    assert transcript.speakers == ()
    (note,) = [d for d in transcript.diagnostics if d.code == "speaker-labels"]
    assert "'Digo:' (1x)" in note.message


def test_recurring_names_of_a_dialogue_are_labels() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "Anna: Hello."),
        ("00:00:02,000 --> 00:00:03,000", "Ben: Hi."),
        ("00:00:03,000 --> 00:00:04,000", "Anna: How are you?"),
        ("00:00:04,000 --> 00:00:05,000", "Ben: Fine."),
    )
    transcript = cuecraft.load(data, "srt")
    assert [(w.text, w.speaker) for w in transcript.words][:3] == [
        ("Hello.", "Anna"),
        ("Hi.", "Ben"),
        ("How", "Anna"),
    ]
    assert [s.id for s in transcript.speakers] == ["Anna", "Ben"]


def test_bracketed_and_chevron_labels_count_even_once() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "[SPEAKER_01]: Hello there."),
        ("00:00:02,000 --> 00:00:03,000", ">> Maria: Hi."),
    )
    transcript = cuecraft.load(data, "srt")
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Hello", "SPEAKER_01"),
        ("there.", "SPEAKER_01"),
        ("Hi.", "Maria"),
    ]


def test_capitals_are_no_signal_in_a_file_written_in_capitals() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "NOTE: THIS IS ALL CAPS."),
        ("00:00:02,000 --> 00:00:03,000", "SO IS THIS ONE."),
    )
    transcript = cuecraft.load(data, "srt")
    assert _texts(transcript)[0] == "NOTE:"
    mixed = _srt(("00:00:01,000 --> 00:00:02,000", "JOHN: Hello there."))
    assert cuecraft.load(mixed, "srt").words[0].speaker == "JOHN"


def test_speaker_labels_option_overrides_the_file_rule() -> None:
    data = _srt(("00:00:01,000 --> 00:00:02,000", "Thus: we go.\nJOHN: Yes."))
    always = srt.read(data.decode(), source="x", speaker_labels="always")
    assert [(w.text, w.speaker) for w in always.words] == [
        ("we", "Thus"),
        ("go.", "Thus"),
        ("Yes.", "JOHN"),
    ]
    none = srt.read(data.decode() + "\n- >> -Ok\n", source="x", speaker_labels="none")
    assert _texts(none) == ["Thus:", "we", "go.", "JOHN:", "Yes.", "-", ">>", "-Ok"]
    assert none.speakers == ()
    with pytest.raises(UnknownFormatError) as caught:
        srt.read(data.decode(), source="x", speaker_labels="names")
    assert caught.value.known == ("auto", "always", "none")
    assert cuecraft.load(data, "srt", speaker_labels="none").speakers == ()


def test_netflix_dashes_never_invent_speakers(tmp_path: Path) -> None:
    blocks = [
        (f"00:00:{n:02d},000 --> 00:00:{n:02d},900", "-Where are you?\n-Here.") for n in range(20)
    ]
    transcript = cuecraft.load(_srt(*blocks), "srt")
    assert transcript.speakers == ()
    assert _texts(transcript)[:3] == ["Where", "are", "you?"]
    assert len(transcript.words) == 80
    cuecraft.write(transcript, tmp_path / "out.txt")
    assert "Turn" not in (tmp_path / "out.txt").read_text(encoding="utf-8")
    (note,) = [d for d in transcript.diagnostics if d.code == "speaker-labels"]
    assert "40 row-leading dash" in note.message


@pytest.mark.parametrize(
    ("row", "words"),
    [
        ("-5 degrees", ["-5", "degrees"]),
        ("-ish, I guess", ["-ish,", "I", "guess"]),
        ("--more", ["--more"]),
        ("—Hello", ["Hello"]),
        ("- Hello", ["Hello"]),
    ],
)
def test_only_a_dialogue_dash_is_removed(row: str, words: list[str]) -> None:
    transcript = cuecraft.load(_srt(("00:00:01,000 --> 00:00:02,000", row)), "srt")
    assert _texts(transcript) == words


def test_a_last_row_that_is_a_number_is_kept() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "We counted to\n10"),
        ("00:00:03,000 --> 00:00:04,000", "and then to\n20"),
    )
    assert _texts(cuecraft.load(data, "srt")) == [
        "We",
        "counted",
        "to",
        "10",
        "and",
        "then",
        "to",
        "20",
    ]
    # Without blank lines between cues the next number still tells itself apart.
    tight = (
        b"1\n00:00:01,000 --> 00:00:02,000\nWe counted to\n10\n"
        b"2\n00:00:03,000 --> 00:00:04,000\nOk\n"
    )
    assert _texts(cuecraft.load(tight, "srt")) == ["We", "counted", "to", "10", "Ok"]


# -- 2. overlapping and simultaneous cues -------------------------------------------------------


def test_simultaneous_positioned_cues_keep_their_screen_time() -> None:
    data = _srt(
        ("00:00:10,000 --> 00:00:14,000 X1:100 X2:600 Y1:50 Y2:90", "Top line here"),
        ("00:00:10,000 --> 00:00:14,000 X1:100 X2:600 Y1:400 Y2:450", "Bottom line"),
    )
    transcript = cuecraft.load(data, "srt")
    assert _texts(transcript) == ["Top", "line", "here", "Bottom", "line"]
    spans = [(w.start_ms, w.end_ms) for w in transcript.words]
    assert spans[0][0] == 10_000
    assert spans[-1][1] == 14_000
    assert min(end - start for start, end in spans) >= 400  # no 1 ms words
    assert [w.paragraph_start for w in transcript.words].count(True) == 1
    (note,) = [d for d in transcript.diagnostics if d.code == "overlapping-cues-merged"]
    assert "lines 2, 6" in note.message


def test_overlapping_webvtt_cues_are_one_cue_in_file_order() -> None:
    text = (
        "WEBVTT\n\n00:01.000 --> 00:04.000 line:0\nSign: EXIT\n\n"
        "00:02.000 --> 00:03.000\nRun!\n\n00:02.500 --> 00:06.000\nNow.\n\n"
        "00:06.000 --> 00:07.000\nSafe.\n"
    )
    transcript = cuecraft.load(text.encode(), "vtt")
    assert _texts(transcript) == ["Sign:", "EXIT", "Run!", "Now.", "Safe."]
    starts = [w.start_ms for w in transcript.words if w.paragraph_start]
    assert starts == [1000, 6000]
    assert transcript.words[3].end_ms == 6000
    assert _codes(transcript).count("overlapping-cues-merged") == 1


# -- 3. decoding, line endings, timestamps, rolling captions -----------------------------------


def test_ass_with_crlf_line_endings_is_recognised() -> None:
    script = (
        "[Script Info]\r\nScriptType: v4.00+\r\n\r\n[Events]\r\n"
        "Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\r\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Hello\r\n"
    )
    assert ass.sniff(script)
    spec, _ = detect(script.encode(), source="x")
    assert spec.name == "ass"
    assert _texts(ass.read(script, source="x")) == ["Hello"]


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_with_a_byte_order_mark_is_detected_and_read(encoding: str) -> None:
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\nCafé ñandú\r\n"
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    spec, doc = detect(data, source="x")
    assert spec.name == "srt"
    assert _texts(cuecraft.load(data)) == ["Café", "ñandú"]
    assert "\r" not in doc


def test_one_stray_byte_does_not_turn_a_utf8_file_into_cp1252() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "Café au lait"),
        ("00:00:03,000 --> 00:00:04,000", "bad X byte"),
    ).replace(b"X", b"\xe9")  # a lone cp1252 byte on line 7
    transcript = cuecraft.load(data)
    assert _texts(transcript) == ["Café", "au", "lait", "bad", "\ufffd", "byte"]
    (note,) = [d for d in transcript.diagnostics if d.code == "invalid-bytes"]
    assert note.message.startswith("line 7:")


def test_a_file_with_no_utf8_at_all_is_cp1252_with_a_warning() -> None:
    data = "1\n00:00:01,000 --> 00:00:02,000\nCafé crème\n".encode("cp1252")
    transcript = cuecraft.load(data, "srt")
    assert _texts(transcript) == ["Café", "crème"]
    assert "not-utf8" in _codes(transcript)


def test_an_explicit_encoding_is_used_and_checked() -> None:
    from cuecraft.readers import decode

    data = "1\n00:00:01,000 --> 00:00:02,000\nЖизнь\n".encode("koi8-r")
    text = decode(data, "text", source="x", encoding="koi8-r")
    assert "Жизнь" in text
    assert detect(data, source="x", encoding="koi8-r")[0].name == "srt"
    for name in ("klingon", "a\x00", "hex"):  # unknown, a NUL, not a text codec
        with pytest.raises(InputError, match="encoding"):
            decode(data, "text", source="x", encoding=name)
    with pytest.raises(InputError) as caught:
        decode(b"ok\n\xff\n", "text", source="x", encoding="utf-8")
    assert (caught.value.line, caught.value.offset) == (2, 3)


def test_cr_only_line_endings() -> None:
    data = b"WEBVTT\r\r00:01.000 --> 00:02.000\rHello\rthere\r\r00:03.000 --> 00:04.000\rBye\r"
    transcript = cuecraft.load(data, "vtt")
    assert _texts(transcript) == ["Hello", "there", "Bye"]
    assert [w.start_ms for w in transcript.words if w.paragraph_start] == [1000, 3000]


@pytest.mark.parametrize(
    ("timing", "start_ms", "end_ms"),
    [
        ("0:0:0.210 --> 0:0:2.5", 210, 2500),  # MS Teams
        ("01:02.003 --> 01:04.000", 62_003, 64_000),  # mm:ss.ttt
        ("1:00:00.000 --> 1:00:01.000", 3_600_000, 3_601_000),
    ],
)
def test_webvtt_short_timestamps(timing: str, start_ms: int, end_ms: int) -> None:
    transcript = cuecraft.load(f"WEBVTT\n\n{timing}\nHi there\n".encode(), "vtt")
    assert (transcript.words[0].start_ms, transcript.words[-1].end_ms) == (start_ms, end_ms)


# " " stands for the rows of one space YouTube writes (kept out of the source as trailing blanks).
YOUTUBE = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.510 align:start position:0%
" "
hello<00:00:00.560><c> world</c><00:00:01.120><c> this</c>

00:00:02.510 --> 00:00:02.520 align:start position:0%
hello world this
" "

00:00:02.520 --> 00:00:05.000 align:start position:0%
hello world this
is<00:00:03.000><c> a</c><00:00:03.500><c> rolling</c>

00:00:05.000 --> 00:00:05.010 align:start position:0%
is a rolling
" "

00:00:05.010 --> 00:00:07.000 align:start position:0%
is a rolling
caption<00:00:05.500><c> file</c>

00:00:07.000 --> 00:00:07.010 align:start position:0%
caption file
" "

00:00:07.010 --> 00:00:09.000 align:start position:0%
caption file
that<00:00:07.500><c> ends</c>
""".replace('" "', " ")


def test_youtube_rolling_captions_keep_each_word_once() -> None:
    transcript = cuecraft.load(YOUTUBE.encode(), "vtt")
    assert _texts(transcript) == [
        "hello",
        "world",
        "this",
        "is",
        "a",
        "rolling",
        "caption",
        "file",
        "that",
        "ends",
    ]
    assert [w.start_ms for w in transcript.words if w.paragraph_start] == [0, 2520, 5010, 7010]
    (note,) = [d for d in transcript.diagnostics if d.code == "rolling-captions"]
    assert "6 repeated row(s)" in note.message


def test_repeated_rows_in_an_ordinary_file_are_kept() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "La la la"),
        ("00:00:02,000 --> 00:00:03,000", "La la la"),
        ("00:00:03,000 --> 00:00:04,000", "La la la"),
    )
    assert len(cuecraft.load(data, "srt").words) == 9


# -- 5. no silent change -----------------------------------------------------------------------


def test_ass_overrides_and_breaks_are_srt_markup_but_webvtt_text() -> None:
    row = "{\\an8}Top\\Nrow <i>here</i>"
    from_srt = cuecraft.load(_srt(("00:00:01,000 --> 00:00:02,000", row)), "srt")
    assert _texts(from_srt) == ["Top", "row", "here"]
    (note,) = [d for d in from_srt.diagnostics if d.code == "markup-stripped"]
    assert note.message.startswith("line 3: 3 formatting tag(s) removed")
    from_vtt = cuecraft.load(f"WEBVTT\n\n00:01.000 --> 00:02.000\n{row}\n".encode(), "vtt")
    assert _texts(from_vtt) == ["{\\an8}Top\\Nrow", "here"]


@pytest.mark.parametrize(
    "timing",
    [
        "9999:00:00,000 --> 9999:00:01,000",
        "00:75:00,000 --> 00:76:00,000",
        "00:00:01,0000 --> 00:00:02,000",
    ],
)
def test_implausible_times_are_errors_with_the_line(timing: str) -> None:
    data = _srt(("00:00:00,000 --> 00:00:00,500", "Fine."), (timing, "Broken."))
    with pytest.raises(InputError) as caught:
        cuecraft.load(data, "srt")
    assert caught.value.line == 6
    lenient = cuecraft.load(data, "srt", strict=False)
    assert _texts(lenient) == ["Fine."]
    assert "malformed-timing" in _codes(lenient)


def test_an_arrow_in_the_text_keeps_its_cue() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:02,000", "Go this way -->"),
        ("00:00:03,000 --> 00:00:04,000", "--> or that way"),
    )
    assert _texts(cuecraft.load(data, "srt")) == [
        "Go",
        "this",
        "way",
        "-->",
        "-->",
        "or",
        "that",
        "way",
    ]


def test_text_before_the_first_cue_is_reported() -> None:
    data = b"Subtitles by someone\n\n" + _srt(("00:00:01,000 --> 00:00:02,000", "Hi"))
    transcript = cuecraft.load(data, "srt")
    assert _texts(transcript) == ["Hi"]
    (note,) = [d for d in transcript.diagnostics if d.code == "text-outside-cues"]
    assert note.message.startswith("line 1:")


# -- 4. linear time --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "data"),
    [
        # Each took minutes or more before (cubic or quadratic regex work: 2,000 spaces after
        # "<v" took 7 s, 40,000 newlines in a cue over 20 s, 16,000 "{\\" in ASS 0.4 s).
        ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n<v" + " " * 200_000 + "x\n"),
        ("srt", "1\n00:00:01,000 --> 00:00:02,000\nx" + "\n" * 400_000 + "5 x\n"),
        ("srt", "1\n00:00:01,000 --> 00:00:02,000\n<v" + " " * 200_000 + "x\n"),
        ("vtt", "WEBVTT\r\r" + "00:01.000 --> 00:02.000\rhello there\r\r" * 20_000),
        ("vtt", "WEBVTT\n\n00:01.000 --> 00:02.000\n" + "<v " * 100_000 + "\n"),
        ("srt", "1\n00:00:01,000 --> 00:00:02,000\n" + "{\\" * 200_000 + "\n"),
        (
            "ass",
            "[Script Info]\nScriptType: v4.00+\n\n[Events]\n"
            "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,," + "{\\" * 400_000 + "x\n",
        ),
        (
            "ass",
            "[Script Info]\n" + "\n" * 400_000 + "[Events]\n"
            "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,x\n",
        ),
    ],
)
def test_pathological_inputs_finish(fmt: str, data: str) -> None:
    try:
        transcript = cuecraft.load(data.encode(), fmt, strict=False)
    except InputError:
        return  # a clean refusal is fine; the point is that it finishes
    assert transcript.words


# -- the pieces other code uses ----------------------------------------------------------------


def test_read_cues_gives_the_rows_as_shown_without_repair() -> None:
    data = _srt(
        ("00:00:01,000 --> 00:00:04,000", "<i>- JOHN: Hi</i>\nWe counted to\n10"),
        ("00:00:02,000 --> 00:00:03,000", "{\\an8}Sign"),
    )
    assert srt.read_cues(data, source="x.srt") == [
        (1000, 4000, ("- JOHN: Hi", "We counted to", "10")),
        (2000, 3000, ("Sign",)),
    ]
    text = "WEBVTT\n\n00:01.000 --> 00:02.000\n<v Ann>Hi &amp; bye\n"
    assert vtt.read_cues(text.encode()) == [(1000, 2000, ("Hi & bye",))]
    with pytest.raises(InputError) as caught:
        srt.read_cues(b"1\n00:00:01,000 --> 00:00:0x,000\nBad\n")
    assert caught.value.line == 2


@pytest.mark.parametrize("fmt", ["srt", "vtt", "sbv", "ass"])
def test_every_text_subtitle_reader_takes_the_option_and_reports_decoding(fmt: str) -> None:
    body = {
        "srt": "1\n00:00:01,000 --> 00:00:02,000\nThus: café\n",
        "vtt": "WEBVTT\n\n00:01.000 --> 00:02.000\nThus: café\n",
        "sbv": "0:00:01.000,0:00:02.000\nThus: café\n",
        "ass": "[Script Info]\n\n[Events]\n"
        "Dialogue: 0,0:00:01.00,0:00:02.00,Default,,0,0,0,,Thus: café\n",
    }[fmt]
    data = body.encode("cp1252")
    transcript = cuecraft.load(data, fmt, speaker_labels="always")
    assert [(w.text, w.speaker) for w in transcript.words] == [("café", "Thus")]
    assert "not-utf8" in _codes(transcript)
    assert _texts(cuecraft.load(data, fmt)) == ["Thus:", "café"]
