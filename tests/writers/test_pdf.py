"""PDF writer: read back by poppler (pdftotext, pdffonts, pdftoppm), never by our own code.

Skipped, saying why, when poppler-utils is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from cuecraft import api
from cuecraft.model import Diagnostic, Highlight, Speaker, Transcript, Word
from cuecraft.writers import get_writer
from tests.writers.test_docx import interview

PDFTOTEXT = shutil.which("pdftotext")
PDFTOPPM = shutil.which("pdftoppm")
PDFFONTS = shutil.which("pdffonts")
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "amberscript" / "interview.json"
pytestmark = pytest.mark.skipif(
    not (PDFTOTEXT and PDFTOPPM and PDFFONTS), reason="poppler-utils is not installed"
)

PLAIN = {"include_timestamps": False, "include_speakers": False, "title": ""}


def render_pdf(
    transcript: Transcript, options: Mapping[str, Any] | None = None, title: str | None = None
) -> tuple[bytes, list[Diagnostic]]:
    return api.render(transcript, get_writer("pdf"), options=options, title=title)


def poppler(tool: str, data: bytes, tmp_path: Path, *args: str) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        # pdffonts prints to stdout; the others need "-" as their output file.
        [tool, *args, str(path), *([] if tool == PDFFONTS else ["-"])],
        capture_output=True,
        check=True,
        timeout=120,
    )
    return result.stdout.decode("utf-8")


def pdf_words(data: bytes, tmp_path: Path, *args: str) -> list[str]:
    assert PDFTOTEXT is not None
    text = poppler(PDFTOTEXT, data, tmp_path, *args)
    # pdftotext marks right-to-left runs with bidi embedding controls; they are not text.
    return re.sub("[\u202a-\u202e\u200e\u200f]", "", text).split()


def page_texts(data: bytes, tmp_path: Path) -> list[str]:
    assert PDFTOTEXT is not None
    return poppler(PDFTOTEXT, data, tmp_path).split("\f")[:-1]


def words(texts: list[str], start_ms: int = 0, speaker: str | None = None) -> tuple[Word, ...]:
    return tuple(
        Word(text=t, start_ms=start_ms + 400 * n, end_ms=start_ms + 400 * n + 300, speaker=speaker)
        for n, t in enumerate(texts)
    )


def without_footers(tokens: list[str]) -> list[str]:
    text = " ".join(tokens)
    return re.sub(r"Page \d+ of \d+", " ", text).split()


@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_pdftotext_reads_every_word_in_order(tmp_path: Path, layout: str) -> None:
    transcript = interview()
    data, notes = render_pdf(transcript, {**PLAIN, "layout": layout}, title=None)
    assert notes == []
    tokens = without_footers(pdf_words(data, tmp_path))
    if layout == "table":
        assert tokens[0] == "Text"  # the header row
        tokens = tokens[1:]
    assert tokens == [word.text for word in transcript.words]


def test_turns_show_title_timestamp_and_speaker(tmp_path: Path) -> None:
    transcript = interview()
    data, _ = render_pdf(transcript, title="Interview")
    text = poppler(str(PDFTOTEXT), data, tmp_path)
    lines = [line for line in text.splitlines() if line.strip()]
    assert lines[0] == "Interview"
    for first, _stop in transcript.turns():
        word = transcript.words[first]
        stamp = f"00:00:{word.start_ms // 1000:02d}"
        name = transcript.speaker_name(word.speaker)
        assert stamp in lines
        assert any(line.startswith(f"{name}: {word.text}") for line in lines), name


def test_table_header_repeats_on_every_page_and_pages_are_numbered(tmp_path: Path) -> None:
    many = [f"word{n}" for n in range(1500)]
    turns = words(many[:700], speaker="a") + words(many[700:], start_ms=700 * 400, speaker="b")
    transcript = Transcript(
        words=turns, speakers=(Speaker(id="a", name="Ann"), Speaker(id="b", name="Bo"))
    )
    data, _ = render_pdf(transcript, {"layout": "table"})
    pages = page_texts(data, tmp_path)
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "Timecode" in page, number
        assert "Speaker" in page, number
    tokens = without_footers(pdf_words(data, tmp_path, "-layout"))
    assert [t for t in tokens if t.startswith("word")] == many


def test_accented_cyrillic_greek_and_rtl_words_are_embedded_and_extracted(tmp_path: Path) -> None:
    texts = ["Zoë", "Núñez", "façade", "Привет,", "мир", "Καλημέρα", "κόσμε", "Łódź", "Ærø"]
    hebrew = ["שלום", "עולם"]
    arabic = ["مرحبا", "بالعالم"]
    transcript = Transcript(
        words=words(texts, speaker="a")
        + words(hebrew, 10_000, speaker="b")
        + words(arabic, 20_000, speaker="c"),
        speakers=tuple(Speaker(id=name, name=name) for name in "abc"),
    )
    data, notes = render_pdf(transcript, PLAIN, title=None)
    assert notes == []
    assert without_footers(pdf_words(data, tmp_path))[: len(texts)] == texts
    extracted = set(pdf_words(data, tmp_path))
    assert set(hebrew + arabic) <= extracted
    fonts = poppler(str(PDFFONTS), data, tmp_path).splitlines()[2:]
    assert fonts
    assert all("DejaVu" in line and " yes " in line for line in fonts)  # embedded subsets


def test_a_right_to_left_turn_is_laid_out_from_the_right(tmp_path: Path) -> None:
    hebrew = ["אחת", "שתיים", "שלוש"]
    transcript = Transcript(words=words(hebrew))
    data, _ = render_pdf(transcript, PLAIN, title=None)
    boxes = re.findall(
        r'<word xMin="([\d.]+)"[^>]*>([^<]+)</word>',
        poppler(str(PDFTOTEXT), data, tmp_path, "-bbox"),
    )
    # -bbox gives each word's glyphs in visual order: a Hebrew word comes out reversed.
    x = {text[::-1]: float(left) for left, text in boxes}
    assert x["אחת"] > x["שתיים"] > x["שלוש"]  # the first word is rightmost
    assert x["אחת"] > 400  # flush right on a 595 pt page


def test_cjk_without_a_font_is_reported_not_silently_blank(tmp_path: Path) -> None:
    transcript = Transcript(words=words(["hello", "日本語", "world"]))
    _, notes = render_pdf(transcript, PLAIN)
    assert [(note.code, note.word_index) for note in notes] == [("missing-glyph", 1)]
    assert "U+65E5" in notes[0].message


def test_a_word_longer_than_the_line_is_split_not_lost(tmp_path: Path) -> None:
    long = "x" * 300
    transcript = Transcript(words=words(["before", long, "after"]))
    data, _ = render_pdf(transcript, PLAIN, title=None)
    tokens = without_footers(pdf_words(data, tmp_path))
    assert tokens[0] == "before"
    assert tokens[-1] == "after"
    assert "".join(tokens[1:-1]) == long


def _pixels(data: bytes, tmp_path: Path) -> set[tuple[int, int, int]]:
    path = tmp_path / "render.pdf"
    path.write_bytes(data)
    subprocess.run(
        [str(PDFTOPPM), "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")],
        check=True,
        timeout=120,
    )
    (image,) = tmp_path.glob("p*.png")
    with Image.open(image) as page:
        counts = page.convert("RGB").getcolors(maxcolors=1 << 24) or []
        return {
            (colour[0], colour[1], colour[2])
            for _count, colour in counts
            if isinstance(colour, tuple)
        }


def test_pdftoppm_renders_highlights_and_review_marks(tmp_path: Path) -> None:
    transcript = Transcript(
        words=tuple(
            Word(text=t, start_ms=n * 400, end_ms=n * 400 + 300, confidence=c)
            for n, (t, c) in enumerate([("plain", 0.9), ("marked", 0.9), ("unsure", 0.1)])
        ),
        highlights=(Highlight(first=1, stop=2, color="#00c8ff"),),
    )
    colours = _pixels(render_pdf(transcript, {"min_confidence": 0.5})[0], tmp_path)
    assert (0x00, 0xC8, 0xFF) in colours  # the highlight's background
    # Dark red review text (anti-aliased: a pixel close to it).
    assert any(r > 0x90 and g < 0x30 and b < 0x30 for r, g, b in colours)
    (tmp_path / "b").mkdir()
    plain = _pixels(render_pdf(transcript, {"show_highlights": False})[0], tmp_path / "b")
    assert (0x00, 0xC8, 0xFF) not in plain
    assert not any(r > 0x90 and g < 0x30 and b < 0x30 for r, g, b in plain)


def test_output_is_deterministic_and_dated_by_the_option(tmp_path: Path) -> None:
    transcript = interview()
    first, _ = render_pdf(transcript)
    assert render_pdf(transcript)[0] == first
    assert b"D:20000101000000" in first.replace(b"'", b"")
    dated, _ = render_pdf(transcript, {"created": "2024-05-06T07:08:09Z"})
    assert b"D:20240506070809" in dated.replace(b"'", b"")


def test_the_bundled_sample_converts_from_the_cli(tmp_path: Path) -> None:
    from cuecraft.cli import main

    target = tmp_path / "x.pdf"
    assert main(["convert", str(SAMPLE), "-o", str(target), "--layout", "table"]) == 0
    transcript = api.load(SAMPLE)
    tokens = without_footers(pdf_words(target.read_bytes(), tmp_path, "-layout"))
    # Every word of the transcript, in order, among the timecodes and speaker names.
    position = 0
    for word in transcript.words:
        position = tokens.index(word.text, position) + 1
