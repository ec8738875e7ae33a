"""Real subtitle files made by others (tests/data/subtitles, see SOURCES.md), read back.

Each file is checked against an independent reader where one exists (webvtt-py for SRT and
WebVTT, pysubs2 for ASS): the same words in the same order, and the cue times, allowing only
for what our readers document (speaker-change dashes removed, overlapping cues merged).
"""

from __future__ import annotations

import re
from pathlib import Path

import pysubs2
import pytest
import webvtt

import cuecraft
from cuecraft.readers import detect

DATA = Path(__file__).parent.parent / "data" / "subtitles"
FILES = sorted(path for path in DATA.iterdir() if path.suffix in (".srt", ".vtt", ".ass"))
# What SubRip players render as formatting (our SRT rule), and a tag the row also closes;
# a lone unknown tag is text.
_SRT_MARKUP = re.compile(r"\{\\[^{}]*\}|</?(?:[ibusIBUS]|font|FONT)\b[^<>]*>")
_CLOSED = re.compile(r"</([A-Za-z]+)>")


def _srt_plain(row: str) -> str:
    row = _SRT_MARKUP.sub("", row)
    for name in set(_CLOSED.findall(row)):
        row = re.sub(rf"</?{name}\b[^<>]*>", "", row)
    return row


def _ms(clock: str) -> int:
    hours, minutes, seconds = clock.split(":")
    return round((int(hours) * 3600 + int(minutes) * 60 + float(seconds)) * 1000)


def _independent(path: Path) -> list[tuple[int, int, list[str]]]:
    """Cues as another library reads them: (start_ms, end_ms, words)."""
    if path.suffix == ".ass":
        events = [e for e in pysubs2.load(str(path)).events if not e.is_comment]
        return [(e.start, e.end, e.plaintext.split()) for e in events]
    vtt = webvtt.read(str(path)) if path.suffix == ".vtt" else webvtt.from_srt(str(path))
    cues = []
    for caption in vtt.captions:
        raw = caption.raw_text.split("\n")
        text = caption.text if path.suffix == ".vtt" else "\n".join(map(_srt_plain, raw))
        rows = text.split("\n")
        # A row-leading dialogue dash is a speaker-change mark, not a word (our rule).
        rows = [row[1:] if row.startswith("- ") else row for row in rows]
        cues.append((_ms(caption.start), _ms(caption.end), " ".join(rows).split()))
    return cues


def test_the_data_folder_documents_every_file() -> None:
    sources = (DATA / "SOURCES.md").read_text(encoding="utf-8")
    assert FILES
    for path in FILES:
        assert f"`{path.name}`" in sources, path.name


@pytest.mark.parametrize("path", FILES, ids=[path.name for path in FILES])
def test_real_file_reads_like_an_independent_reader(path: Path) -> None:
    spec, _ = detect(path.read_bytes(), source=path.name)
    assert spec.name == path.suffix[1:]
    transcript = cuecraft.load(path)
    theirs = _independent(path)
    assert [w.text for w in transcript.words] == [word for _, _, words in theirs for word in words]
    # Overlapping cues are one cue: from the first start to the latest end of its run.
    groups: list[tuple[int, int, bool]] = []  # start, end, has words
    for start, end, words in theirs:
        if groups and start < groups[-1][1]:
            first, last, filled = groups[-1]
            groups[-1] = (first, max(last, end), filled or bool(words))
        else:
            groups.append((start, end, bool(words)))
    firsts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    stops = [*firsts[1:], len(transcript.words)]
    assert [
        (transcript.words[a].start_ms, transcript.words[b - 1].end_ms)
        for a, b in zip(firsts, stops, strict=True)
    ] == [(start, end) for start, end, filled in groups if filled]
    starts = [w.start_ms for w in transcript.words]
    assert starts == sorted(starts)


def test_vtt_example_voices_merges_and_notes() -> None:
    transcript = cuecraft.load(DATA / "pysubs2_vtt_example.vtt")
    speakers = {w.text: w.speaker for w in transcript.words}
    assert (speakers["lime."], speakers["coffee?"], speakers["today."]) == (
        "Salame",
        "Fred",
        "Bill",
    )
    codes = [d.code for d in transcript.diagnostics]
    assert codes.count("overlapping-cues-merged") == 3
    assert "markup-stripped" in codes


def test_srt_alignment_tags_are_stripped_and_reported() -> None:
    transcript = cuecraft.load(DATA / "ttconv_alignment.srt")
    assert [w.text for w in transcript.words][:5] == ["V:", "Bottom", "-", "H:", "Left"]
    assert transcript.speakers == ()  # "V:" is one recurring name: not a dialogue
    (note,) = [d for d in transcript.diagnostics if d.code == "markup-stripped"]
    assert note.message.startswith("line 3: 9 formatting tag(s) removed")


def test_srt_tags_the_row_closes_are_markup_and_lone_ones_text() -> None:
    transcript = cuecraft.load(DATA / "ttconv_extended-tags.srt")
    assert [w.text for w in transcript.words] == ["Hello", "my", "name", "is", "Bob"]
    assert any(d.code == "markup-stripped" for d in transcript.diagnostics)
    lone = cuecraft.load(b"1\n00:00:01,000 --> 00:00:02,000\n<LAUGHING> Hello <unk>\n")
    assert [w.text for w in lone.words] == ["<LAUGHING>", "Hello", "<unk>"]
