"""Editing-tool writers: Avid markers and MAXQDA read back by small independent parsers of
their documented formats; Premiere XML by OpenTimelineIO's FCP 7 adapter (same number of
items, same frames); FCPXML by an independent parse (OpenTimelineIO's FCPX adapter loads the
project but ignores captions and titles, so it cannot count them)."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import opentimelineio as otio  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cuecraft import load
from cuecraft.api import render
from cuecraft.errors import RulesError
from cuecraft.model import Cue, Transcript, Word
from cuecraft.segment import Rules, segment
from cuecraft.writers import get_writer
from cuecraft.writers._timecode import TimecodeOptions
from tests.strategies import transcripts

SAMPLE = Path(__file__).parent.parent.parent / "samples" / "amberscript" / "interview.json"
EXACT = {23.976: Fraction(24000, 1001), 24.0: Fraction(24), 25.0: Fraction(25),
         29.97: Fraction(30000, 1001), 30.0: Fraction(30)}  # fmt: skip
RATES = st.sampled_from(sorted(EXACT))


def _frame(ms: int, rate: float) -> int:
    # Independent of the writer: nearest frame at the exact rate, halves up.
    return int(Fraction(ms, 1000) * EXACT[rate] + Fraction(1, 2))


def _spans(cues: list[Cue], rate: float) -> list[tuple[int, int]]:
    out = []
    for cue in cues:
        start = _frame(cue.start_ms, rate)
        out.append((start, max(start + 1, _frame(cue.end_ms, rate))))
    return out


def _cues(transcript: Transcript, rate: float) -> list[Cue]:
    return list(segment(transcript, Rules(frame_rate=rate)))


def _text(cue: Cue) -> str:
    return " ".join(line.text for line in cue.lines)


def _tc_to_frames(label: str, rate: float) -> int:
    """SMPTE label to a frame count: non-drop, or drop-frame when ';' separates the frames."""
    hours, minutes, seconds, frame = (int(p) for p in re.split("[:;]", label))
    base = round(EXACT[rate])
    count = ((hours * 60 + minutes) * 60 + seconds) * base + frame
    if ";" in label:
        total_minutes = hours * 60 + minutes
        count -= 2 * (total_minutes - total_minutes // 10)
    return count


# --- Avid ---------------------------------------------------------------------------------


def _avid(data: bytes) -> list[list[str]]:
    lines = data.decode("utf-8").split("\n")
    assert lines[-1] == ""
    rows = [line.split("\t") for line in lines[:-1]]
    assert all(len(row) == 6 for row in rows)
    return rows


@settings(max_examples=40)
@given(transcript=transcripts(max_words=40, long_words=False), rate=RATES)
def test_avid_markers_one_per_cue_at_its_frames(transcript: Transcript, rate: float) -> None:
    cues = _cues(transcript, rate)
    data, _ = render(cues, get_writer("avid"), options={"frame_rate": rate})
    rows = _avid(data)
    assert len(rows) == len(cues)
    for row, cue, (start, end) in zip(rows, cues, _spans(cues, rate), strict=True):
        name, timecode, track, color, comment, duration = row
        assert (name, track, color) == ("cuecraft", "V1", "red")
        assert _tc_to_frames(timecode, rate) == start
        assert int(duration) == end - start
        assert comment == _text(cue)


def test_avid_drop_frame_offset_and_labels() -> None:
    source = load(SAMPLE)
    options = {"frame_rate": 29.97, "drop_frame": True, "start_offset": "01:00:00;00"}
    cues = _cues(source, 29.97)
    rows = _avid(render(cues, get_writer("avid"), options=options)[0])
    hour = _tc_to_frames("01:00:00;00", 29.97)
    for row, (start, _) in zip(rows, _spans(cues, 29.97), strict=True):
        assert ";" in row[1]
        assert _tc_to_frames(row[1], 29.97) == hour + start
    # Every word of the transcript, in order, across the comments.
    assert " ".join(r[4] for r in rows).split() == [w.text for w in source.words]


def test_avid_tab_in_text_becomes_a_space_with_a_diagnostic() -> None:
    cue = Cue(start_ms=0, end_ms=1000, lines=({"text": "a\tb", "first": 0, "stop": 1},))
    data, notes = render([cue], get_writer("avid"))
    assert _avid(data)[0][4] == "a b"
    assert [n.code for n in notes] == ["control-in-text"]


def test_drop_frame_needs_29_97() -> None:
    with pytest.raises(RulesError, match=r"29\.97"):
        TimecodeOptions(frame_rate=25, drop_frame=True)
    with pytest.raises(RulesError, match="frame 25"):
        TimecodeOptions(frame_rate=25, start_offset="01:00:00:25")


# --- MAXQDA -------------------------------------------------------------------------------

_F4 = re.compile(r"^#(\d{2}):(\d{2}):(\d{2})-(\d)#(.*)$")


def _maxqda(data: bytes) -> list[tuple[int, str | None, str]]:
    """Paragraphs separated by a blank line, each '#hh:mm:ss-x#Name: text' (CRLF); as in
    MAXQDA's focus-group import, the text before a paragraph's first colon is the speaker."""
    text = data.decode("utf-8")
    assert text.endswith("\r\n")
    out = []
    for paragraph in text[:-2].split("\r\n\r\n"):
        match = _F4.match(paragraph)
        assert match is not None, paragraph
        h, m, s, tenth = (int(match.group(i)) for i in range(1, 5))
        name, colon, rest = match.group(5).partition(": ")
        speaker, body = (name, rest) if colon and ":" not in name else (None, match.group(5))
        out.append((((h * 60 + m) * 60 + s) * 1000 + tenth * 100, speaker, body))
    return out


@given(transcript=transcripts(max_words=40, long_words=False))
def test_maxqda_paragraphs_carry_every_word_and_their_start(transcript: Transcript) -> None:
    data, _ = render(transcript, get_writer("maxqda"))
    paragraphs = _maxqda(data)
    written = " ".join(p[2] for p in paragraphs).replace("\u2236", ":").split()
    assert written == [w.text for w in transcript.words]
    starts = {w.start_ms for w in transcript.words}
    for ms, name, _ in paragraphs:
        assert any(ms <= start < ms + 100 for start in starts)
        if transcript.speakers:
            assert name in {s.name for s in transcript.speakers}
        else:
            assert name is None


def test_maxqda_sample_speakers_and_offset() -> None:
    source = load(SAMPLE)
    data, _ = render(source, get_writer("maxqda"), options={"start_offset": "10:00:00.000"})
    paragraphs = _maxqda(data)
    assert paragraphs[0][0] == 36_000_000 + source.words[0].start_ms // 100 * 100
    assert [p[1] for p in paragraphs[:2]] == [source.speakers[0].name, source.speakers[1].name]


def test_maxqda_unlabelled_colon_is_not_read_as_a_speaker() -> None:
    source = Transcript(
        words=(
            Word(text="John:", start_ms=0, end_ms=500),
            Word(text="hello:", start_ms=600, end_ms=900),
            Word(text="x", start_ms=1000, end_ms=1100),
        )
    )
    data, notes = render(source, get_writer("maxqda"))
    assert _maxqda(data) == [(0, None, "John\u2236 hello\u2236 x")]
    assert [n.code for n in notes] == ["colon-in-text"]


@pytest.mark.parametrize(
    ("style", "expected"),
    [("f4", "#01:02:03-4#"), ("brackets", "[01:02:03]"), ("parentheses", "(01:02:03.45)")],
)
def test_maxqda_stamp_styles(style: str, expected: str) -> None:
    from cuecraft.writers.maxqda import stamp

    assert stamp(3_723_456, style) == expected


# --- Premiere (FCP 7 XML) -------------------------------------------------------------------


def _otio_fcp7(data: bytes, tmp_path: Path) -> Any:
    path = tmp_path / "out.xml"
    path.write_bytes(data)
    return otio.adapters.read_from_file(str(path), adapter_name="fcp_xml")


@pytest.mark.parametrize("rate", sorted(EXACT))
@pytest.mark.parametrize("mode", ["markers", "titles"])
def test_premiere_read_by_opentimelineio(rate: float, mode: str, tmp_path: Path) -> None:
    source = load(SAMPLE)
    cues = _cues(source, rate)
    options = {"frame_rate": rate, "mode": mode, "start_offset": "01:00:00:00"}
    timeline = _otio_fcp7(render(cues, get_writer("premiere"), options=options)[0], tmp_path)
    spans = _spans(cues, rate)
    if mode == "markers":
        got = [
            (m.marked_range.start_time.value, m.marked_range.end_time_exclusive().value, m.name)
            for m in timeline.tracks.markers
        ]
        assert got == [(s, e, _text(c)) for (s, e), c in zip(spans, cues, strict=True)]
    else:
        (track,) = timeline.tracks
        clips = [item for item in track if isinstance(item, otio.schema.Clip)]
        ranges = [track.range_of_child(clip) for clip in clips]
        assert [(r.start_time.value, r.end_time_exclusive().value) for r in ranges] == spans
        assert {clip.media_reference.generator_kind for clip in clips} == {"Text"}
    assert timeline.global_start_time.to_frames() == _tc_to_frames("01:00:00:00", rate)


@settings(max_examples=30)
@given(transcript=transcripts(max_words=40, long_words=False), rate=RATES)
def test_premiere_markers_match_the_cues_for_any_transcript(
    transcript: Transcript, rate: float
) -> None:
    cues = _cues(transcript, rate)
    data, _ = render(cues, get_writer("premiere"), options={"frame_rate": rate})
    timeline = otio.adapters.read_from_string(data.decode("utf-8"), adapter_name="fcp_xml")
    got = [
        (m.marked_range.start_time.value, m.marked_range.end_time_exclusive().value, m.name)
        for m in timeline.tracks.markers
    ]
    assert got == [(s, e, _text(c)) for (s, e), c in zip(_spans(cues, rate), cues, strict=True)]


# --- FCPXML ---------------------------------------------------------------------------------


def _seconds(value: str) -> Fraction:
    assert value.endswith("s")
    number, _, denominator = value[:-1].partition("/")
    return Fraction(int(number), int(denominator or 1))


@settings(max_examples=30)
@given(transcript=transcripts(max_words=40, long_words=False), rate=RATES)
def test_fcpxml_captions_at_whole_frames(transcript: Transcript, rate: float) -> None:
    cues = _cues(transcript, rate)
    data, _ = render(cues, get_writer("fcpxml"), options={"frame_rate": rate})
    root = ET.fromstring(data)
    format_element = root.find("resources/format")
    assert format_element is not None
    frame = _seconds(format_element.get("frameDuration", ""))
    assert frame == 1 / EXACT[rate]
    gap = root.find("library/event/project/sequence/spine/gap")
    assert gap is not None
    captions = gap.findall("caption")
    assert len(captions) == len(cues)
    base = _seconds(gap.get("start", "0s"))
    for caption, cue, (start, end) in zip(captions, cues, _spans(cues, rate), strict=True):
        offset = (_seconds(caption.get("offset", "")) - base) / frame
        duration = _seconds(caption.get("duration", "")) / frame
        assert (offset, duration) == (Fraction(start), Fraction(end - start))
        assert "".join(caption.itertext()).split() == _text(cue).split()


@pytest.mark.parametrize("mode", ["captions", "titles"])
def test_fcpxml_loads_in_opentimelineio(mode: str, tmp_path: Path) -> None:
    data, _ = render(load(SAMPLE), get_writer("fcpxml"), options={"mode": mode})
    path = tmp_path / "out.fcpxml"
    path.write_bytes(data)
    collection = otio.adapters.read_from_file(str(path), adapter_name="fcpx_xml")
    (timeline,) = list(collection)
    assert timeline.name == "interview"
    root = ET.fromstring(data)
    tag = "caption" if mode == "captions" else "title"
    assert len(root.findall(f".//gap/{tag}")) == len(_cues(load(SAMPLE), 25.0))


def test_every_new_writer_is_listed_with_its_flags() -> None:
    from cuecraft.commands.formats import describe

    writers = {w["name"]: w for w in describe()["writers"]}
    for name in ("avid", "premiere", "fcpxml", "maxqda", "amberscript", "happyscribe", "scribie"):
        assert name in writers
    flags = {o["flag"] for o in writers["avid"]["options"]}
    assert {"--frame-rate", "--start-offset", "--drop-frame"} <= flags


@pytest.mark.parametrize(
    ("name", "flags"),
    [
        (
            "out.avid.txt",
            ["--frame-rate", "29.97", "--drop-frame", "--start-offset", "01:00:00;00"],
        ),
        ("out.premiere.xml", ["--mode", "titles", "--frame-rate", "25"]),
        ("out.fcpxml", ["--mode", "titles"]),
        ("out.maxqda.txt", ["--timestamp-format", "brackets"]),
        ("out.amberscript.json", []),
        ("out.happyscribe.json", ["--indent", "2"]),
        ("out.scribie.json", []),
    ],
)
def test_cli_writes_each_new_format_from_its_extension(
    name: str, flags: list[str], tmp_path: Path
) -> None:
    from cuecraft.cli import main

    target = tmp_path / name
    assert main(["convert", str(SAMPLE), "-o", str(target), *flags]) == 0
    text = target.read_text(encoding="utf-8")
    # Every word of the sample is in the output, in order.
    words = [w.text for w in load(SAMPLE).words]
    position = 0
    for word in words:
        position = text.index(word, position)  # raises ValueError when missing


def test_cli_reads_the_real_google_files(tmp_path: Path) -> None:
    from cuecraft.cli import main

    data = Path(__file__).parent.parent / "data" / "vendors" / "google"
    target = tmp_path / "out.srt"
    assert main(["convert", str(data / "vatican-news-words.json"), "-o", str(target)]) == 0
    assert "Vatican" in target.read_text(encoding="utf-8")
