"""The SBV writer: YouTube's layout, read back by our reader, speaker labels, safety, CLI, check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.api import make_options, render, writer_for
from cuecraft.cli import main
from cuecraft.errors import RulesError, UnencodableError
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.readers import READERS
from cuecraft.readers import sbv as sbv_reader
from cuecraft.segment import Rules, segment
from cuecraft.tools.check import check_file, read_subtitles
from cuecraft.writers import get_writer, sbv
from cuecraft.writers.sbv import SbvOptions
from tests.check.test_check import EXPECTED, HAND_MADE, RULES
from tests.conftest import SAMPLES
from tests.strategies import rules, transcripts
from tests.writers._subtitles import AMBERSCRIPT_CUES, cue, strict_blocks
from tests.writers._subtitles import render as render_text

AMBERSCRIPT_SBV = """\
0:00:00.449,0:00:03.769
Hi, welcome to Amber script, in this short

0:00:03.869,0:00:07.400
video, we would like to show you how
you can use Amber script at its full

0:00:07.500,0:00:10.189
potential. The first
function we would like to show

0:00:10.289,0:00:13.639
you is the edit function.
This allows you to edit errors
"""


def test_amberscript_sample_layout_exactly() -> None:
    text, context = render_text(sbv.SPEC, AMBERSCRIPT_CUES)
    assert text == AMBERSCRIPT_SBV
    assert context.diagnostics == []


def test_registered_under_its_name_and_extension() -> None:
    assert get_writer("sbv") is sbv.SPEC
    assert writer_for("Interview.SBV", None) is sbv.SPEC
    assert sbv.SPEC.takes == "cues"
    assert not sbv.SPEC.binary


def test_crlf_layout() -> None:
    text, _ = render_text(sbv.SPEC, AMBERSCRIPT_CUES[:2], SbvOptions(eol="\r\n"))
    assert text == "\r\n".join(AMBERSCRIPT_SBV.split("\n")[:6]) + "\r\n"


def test_no_cues_writes_an_empty_file() -> None:
    assert render_text(sbv.SPEC, [])[0] == ""


def test_hours_are_not_padded_and_may_grow() -> None:
    text, _ = render_text(
        sbv.SPEC, [cue(3_723_004, 3_723_005, "one"), cue(360_000_000, 360_000_001, "late")]
    )
    assert text == "1:02:03.004,1:02:03.005\none\n\n100:00:00.000,100:00:00.001\nlate\n"
    assert sbv_reader.read_cues(text) == [
        (3_723_004, 3_723_005, ("one",)),
        (360_000_000, 360_000_001, ("late",)),
    ]


# ----------------------------------------------------------------------------- text safety


def test_line_breaks_inside_a_line_become_rows_and_blank_rows_vanish() -> None:
    text, _ = render_text(sbv.SPEC, [cue(0, 1000, "one\n\n  two  \r\nthree\rfour", "   ", "five")])
    assert text == "0:00:00.000,0:00:01.000\none\ntwo\nthree\nfour\nfive\n"


def test_a_cue_without_text_is_skipped_with_a_diagnostic() -> None:
    cues = [cue(0, 1000, "a"), cue(1000, 2000, " ", "\n"), cue(2000, 3000, "b")]
    text, context = render_text(sbv.SPEC, cues)
    assert text == "0:00:00.000,0:00:01.000\na\n\n0:00:02.000,0:00:03.000\nb\n"
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("empty-cue", 1)]


@pytest.mark.parametrize(
    "row",
    [
        "0:00:01.000,0:00:02.000",
        "from 00:00:01,000 to 00:00:02.500",
        " 12:00:01.000 , 0:00:02.5",
    ],
)
def test_a_row_that_looks_like_a_timing_line_cannot_split_the_cue(row: str) -> None:
    text, context = render_text(sbv.SPEC, [cue(0, 1000, "before", row), cue(1000, 2000, "next")])
    read = sbv_reader.read_cues(text)
    assert [(start, [r.replace("\u2236", ":") for r in rows]) for start, _, rows in read] == [
        (0, ["before", row.strip()]),
        (1000, ["next"]),
    ]
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("timing-line-in-text", 0)]
    assert _sniffers(text) == ["sbv"]


def test_one_clock_time_in_a_row_is_written_as_it_is() -> None:
    text, context = render_text(sbv.SPEC, [cue(0, 1000, "at 10:00:00.000 sharp")])
    assert "at 10:00:00.000 sharp\n" in text
    assert context.diagnostics == []


def test_a_br_tag_in_text_is_not_a_row_break() -> None:
    text, context = render_text(sbv.SPEC, [cue(0, 1000, "see [br] and [BR]here")])
    assert text.endswith("see \uff3bbr\uff3d and \uff3bBR\uff3dhere\n")
    assert sbv_reader.read_cues(text)[0][2] == ("see \uff3bbr\uff3d and \uff3bBR\uff3dhere",)
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("break-tag-in-text", 0)]


def test_markup_characters_are_written_as_they_are() -> None:
    text, _ = render_text(sbv.SPEC, [cue(0, 1000, "Tom & Jerry <3 --> 1,2")])
    assert "Tom & Jerry <3 --> 1,2\n" in text


def test_lone_surrogate_is_unencodable_with_the_cue_index() -> None:
    with pytest.raises(UnencodableError) as info:
        render_text(sbv.SPEC, [cue(0, 1000, "ok"), cue(1000, 2000, "bad \ud800")])
    assert info.value.cue_index == 1


def _sniffers(text: str) -> list[str]:
    """The text readers that claim ``text`` (only one may, or detection refuses to guess)."""
    return [spec.name for spec in READERS.values() if spec.kind == "text" and spec.sniff(text)]


# --------------------------------------------------------------------------- speaker labels

NAMES = {"a": "Ann", "b": "Bob"}
LABELLED = [
    cue(0, 1000, ("Hello there,", "a"), ("how are you?", "a")),
    cue(1000, 2000, ("Still me.", "a")),
    cue(2000, 3000, ("Fine.", "b")),
    cue(3000, 4000, ("Nobody", None)),
    cue(4000, 5000, ("Me again", "a"), ("and you", "b")),
]


def test_prefix_labels_each_change_of_speaker() -> None:
    text, _ = render_text(sbv.SPEC, LABELLED, SbvOptions(speaker_labels="prefix"), NAMES)
    assert [block[1:] for block in strict_blocks(text)] == [
        ["Ann: Hello there,", "how are you?"],
        ["Still me."],
        ["Bob: Fine."],
        ["Nobody"],
        ["Ann: Me again", "Bob: and you"],
    ]


def test_chevrons_mark_each_change_of_speaker_youtube_style() -> None:
    text, _ = render_text(sbv.SPEC, LABELLED, SbvOptions(speaker_labels="chevrons"), NAMES)
    assert [block[1:] for block in strict_blocks(text)] == [
        [">> Ann: Hello there,", "how are you?"],
        ["Still me."],
        [">> Bob: Fine."],
        [">> Nobody"],  # a change to an unknown speaker: the chevrons alone
        [">> Ann: Me again", ">> Bob: and you"],
    ]
    back = cuecraft.load(text.encode())
    assert [(w.text, w.speaker) for w in back.words if w.paragraph_start] == [
        ("Hello", "Ann"),
        ("Still", "Ann"),
        ("Fine.", "Bob"),
        ("Nobody", None),  # chevrons mark a change, not who speaks
        ("Me", "Ann"),
    ]
    assert back.words[-1].speaker == "Bob"


def test_chevrons_give_nothing_to_a_first_row_without_a_speaker() -> None:
    cues = [cue(0, 1000, ("intro", None)), cue(1000, 2000, ("x", "a"))]
    text, _ = render_text(sbv.SPEC, cues, SbvOptions(speaker_labels="chevrons"), NAMES)
    assert [block[1:] for block in strict_blocks(text)] == [["intro"], [">> Ann: x"]]


def test_none_mode_writes_no_labels() -> None:
    text, _ = render_text(sbv.SPEC, [cue(0, 1000, ("x", "a"), ("y", "b"))], names=NAMES)
    assert strict_blocks(text)[0][1:] == ["x", "y"]


def test_srt_and_vtt_refuse_the_chevrons_mode() -> None:
    for name in ("srt", "vtt"):
        with pytest.raises(RulesError) as info:
            make_options(get_writer(name), {"speaker_labels": "chevrons"})
        assert info.value.field == "speaker_labels"


def test_options_reject_unknown_and_invalid_values() -> None:
    for options, field in (
        ({"eoll": "\n"}, "eoll"),
        ({"speaker_labels": "dash"}, "speaker_labels"),
        ({"speaker_labels": "voice"}, "speaker_labels"),
        ({"eol": "\r"}, "eol"),
    ):
        with pytest.raises(RulesError) as info:
            make_options(sbv.SPEC, options)
        assert info.value.field == field


def test_options_are_frozen() -> None:
    options = SbvOptions()
    with pytest.raises(ValueError, match="frozen"):
        options.eol = "\r\n"  # type: ignore[misc]


# ------------------------------------------------------------------ write, then read back


def _no_labels(transcript: Transcript) -> Transcript:
    # A row starting with "Word: " is a speaker label to every subtitle reader (SRT too); the
    # property is about words, so colons are kept out of the generated text.
    words = tuple(
        word.model_copy(update={"text": word.text.replace(":", ";")}) for word in transcript.words
    )
    return transcript.model_copy(update={"words": words})


@given(transcripts().map(_no_labels), rules(), st.sampled_from(["\n", "\r\n"]))
def test_our_reader_reads_back_every_word_in_order_and_each_cue_start(
    transcript: Transcript, cue_rules: Rules, eol: str
) -> None:
    cues = segment(transcript, cue_rules)
    data, diagnostics = render(transcript, sbv.SPEC, rules=cue_rules, options={"eol": eol})
    # The writer changes nothing; only the segmenter may warn that a word is wider than a row.
    assert {d.code for d in diagnostics} <= {"word-longer-than-row", "word-longer-than-cue"}
    back = cuecraft.load(data)
    assert back.source.format == "sbv"
    assert [w.text for w in back.words] == [w.text for w in transcript.words]
    starts = [w.start_ms for w in back.words if w.paragraph_start]
    assert starts == [c.start_ms for c in cues if c.text.strip()]
    assert [start for start, _, _ in sbv_reader.read_cues(data)] == starts


@given(transcripts(max_words=40).map(_no_labels))
def test_chevrons_carry_every_named_speaker_through(transcript: Transcript) -> None:
    names = ("Ann", "Bob", "Cy")
    named = transcript.model_copy(
        update={
            "speakers": tuple(
                Speaker(id=s.id, name=names[n]) for n, s in enumerate(transcript.speakers)
            )
        }
    )
    data, _ = render(named, sbv.SPEC, options={"speaker_labels": "chevrons"})
    back = cuecraft.load(data)
    assert [w.text for w in back.words] == [w.text for w in transcript.words]
    by_id = {s.id: s.name for s in named.speakers}
    for original, read in zip(named.words, back.words, strict=True):
        if original.speaker is not None:
            assert read.speaker == by_id[original.speaker]


def test_write_takes_speaker_names_from_the_transcript(tmp_path: Path) -> None:
    transcript = Transcript(
        words=(
            Word(text="Hello.", start_ms=0, end_ms=500, speaker="s1"),
            Word(text="Hi.", start_ms=2000, end_ms=2500, speaker="s2"),
        ),
        speakers=(Speaker(id="s1", name="Zoë Müller"), Speaker(id="s2", name="Sam")),
    )
    target = tmp_path / "out.sbv"
    cuecraft.write(transcript, target, options={"speaker_labels": "chevrons"})
    data = target.read_bytes()
    assert data.startswith(b"0:00:00.000,")
    assert ">> Zoë Müller: Hello.\n".encode() in data
    assert b">> Sam: Hi.\n" in data
    assert not data.startswith(b"\xef\xbb\xbf")


# ---------------------------------------------------------------------------- CLI and check

SAMPLE = SAMPLES / "amberscript" / "interview.json"


def test_cli_converts_to_sbv_and_back_to_srt(tmp_path: Path) -> None:
    sbv_path = tmp_path / "x.sbv"
    srt_path = tmp_path / "x.srt"
    assert main(["convert", str(SAMPLE), "-o", str(sbv_path)]) == 0
    assert main(["convert", str(sbv_path), "-o", str(srt_path)]) == 0
    assert main(["convert", str(sbv_path), "--from", "sbv", "-o", str(tmp_path / "y.sbv")]) == 0
    original = cuecraft.load(SAMPLE)
    via_sbv = cuecraft.load(sbv_path)
    via_srt = cuecraft.load(srt_path)
    assert [w.text for w in via_sbv.words] == [w.text for w in original.words]
    assert [w.text for w in via_srt.words] == [w.text for w in original.words]
    text = sbv_path.read_text(encoding="utf-8")
    assert text.startswith("0:00:00.")
    assert "-->" not in text
    sbv_starts = [w.start_ms for w in via_sbv.words if w.paragraph_start]
    srt_starts = [w.start_ms for w in via_srt.words if w.paragraph_start]
    assert sbv_starts[0] == srt_starts[0]


def test_cli_chevrons_flag(tmp_path: Path) -> None:
    out = tmp_path / "x.sbv"
    assert main(["convert", str(SAMPLE), "-o", str(out), "--speaker-labels", "chevrons"]) == 0
    assert "\n>> " in out.read_text(encoding="utf-8")
    srt_out = tmp_path / "x.srt"
    assert main(["convert", str(SAMPLE), "-o", str(srt_out), "--speaker-labels", "chevrons"]) == 2
    assert not srt_out.exists()


def test_cli_bad_sbv_input_names_the_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.sbv"
    bad.write_text("0:00:01.000,0:00:02.000\nok\n\n0:00:03.000 0:00:04.000\nbroken\n")
    assert main(["convert", str(bad), "-o", str(tmp_path / "out.srt")]) == 1
    err = capsys.readouterr().err
    assert "bad.sbv" in err
    assert "line 4" in err
    assert not (tmp_path / "out.srt").exists()


def test_cuecraft_check_reads_sbv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.sbv"
    assert main(["convert", str(SAMPLE), "-o", str(out)]) == 0
    assert main(["check", str(out)]) == 0
    assert main(["check", str(out), "--format", "json"]) == 0
    capsys.readouterr()
    assert main(["check", str(out), "--format", "json", "--input-format", "sbv"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["files"][0]["format"] == "sbv"
    assert document["files"][0]["cues"] == len(segment(cuecraft.load(SAMPLE)))


def _hand_made_sbv() -> str:
    def clock(value: str) -> str:
        return value.replace(",", ".").removeprefix("0")

    blocks = [
        f"{clock(start)},{clock(end)}\n" + text.replace("\n", "[br]")
        for start, end, text, _ in HAND_MADE
    ]
    return "\n\n".join(blocks) + "\n"


def test_check_finds_each_violation_once_in_an_sbv_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.sbv"
    path.write_text(_hand_made_sbv(), encoding="utf-8")
    report = check_file(path, RULES)
    assert report.format == "sbv"
    assert report.cue_count == len(HAND_MADE)
    assert {finding.code: finding.cue for finding in report.findings} == EXPECTED
    assert len(report.findings) == len(EXPECTED)


def test_check_detects_sbv_by_content_and_subviewer2_headers() -> None:
    body = b"0:00:01.000,0:00:03.000\nHello[br]there\n"
    assert read_subtitles(body, source="no-extension")[:2] == (
        "sbv",
        read_subtitles(body, source="x.sbv")[1],
    )
    header = b"[INFORMATION]\n[END INFORMATION]\n[SUBTITLE]\n00:00:01.00,00:00:03.00\nHi\n"
    kind, cues, _ = read_subtitles(header, source="old.sub")
    assert kind == "sbv"
    assert [(c.start_ms, c.end_ms, c.rows) for c in cues] == [(1000, 3000, ("Hi",))]
