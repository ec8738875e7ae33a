"""ODT writer: read back by LibreOffice (converted to text) and by lxml over the ODF XML.

The LibreOffice tests skip, saying why, when ``soffice`` is not installed (``.ci/run``
installs it).
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from cuecraft import api
from cuecraft.model import Diagnostic, Highlight, Transcript, Word
from cuecraft.writers import get_writer
from tests.writers.test_docx import interview

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "amberscript" / "interview.json"
NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
    "dc": "http://purl.org/dc/elements/1.1/",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
}
PLAIN = {"include_timestamps": False, "include_speakers": False, "title": ""}


def render_odt(
    transcript: Transcript, options: Mapping[str, Any] | None = None, title: str | None = None
) -> tuple[bytes, list[Diagnostic]]:
    return api.render(transcript, get_writer("odt"), options=options, title=title)


def part(data: bytes, name: str) -> Any:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return etree.fromstring(package.read(name))


def soffice_text(files: Mapping[str, bytes], tmp_path: Path) -> dict[str, str]:
    """Each document as LibreOffice's plain-text export (one conversion for all files)."""
    assert SOFFICE is not None
    paths = []
    for name, data in files.items():
        path = tmp_path / f"{name}.odt"
        path.write_bytes(data)
        paths.append(str(path))
    out = tmp_path / "out"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
            str(out),
            *paths,
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    return {
        name: (out / f"{name}.txt").read_text(encoding="utf-8-sig").replace("\r\n", "\n")
        for name in files
    }


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_reads_every_word_in_order(tmp_path: Path) -> None:
    transcript = interview()
    sample = api.load(SAMPLE)
    texts = soffice_text(
        {
            "paragraphs": render_odt(transcript, PLAIN)[0],
            "table": render_odt(transcript, {**PLAIN, "layout": "table"})[0],
            "full": render_odt(transcript, {"timestamp_style": "prefix"}, title="Interview")[0],
            "sample": render_odt(sample, {"min_confidence": 0.8, "layout": "table"})[0],
        },
        tmp_path,
    )
    expected = [word.text for word in transcript.words]
    assert texts["paragraphs"].split() == expected
    assert texts["table"].split() == ["Text", *expected]
    lines = [line for line in texts["paragraphs"].splitlines() if line]
    assert len(lines) == len(transcript.turns())
    full = [line for line in texts["full"].splitlines() if line]
    assert full[0] == "Interview"
    first, _ = transcript.turns()[0]
    name = transcript.speaker_name(transcript.words[first].speaker)
    assert full[1].startswith(f"00:01 {name}: {transcript.words[first].text}")
    tokens = texts["sample"].split()
    position = 0
    for word in sample.words:  # every word in order among timecodes and speaker names
        position = tokens.index(word.text, position) + 1


def _spans(data: bytes) -> list[tuple[str, str | None]]:
    content = part(data, "content.xml")
    return [
        ("".join(span.itertext()), span.get(f"{{{NS['text']}}}style-name"))
        for span in content.iterfind(".//text:span", NS)
    ]


def _text_properties(data: bytes, style: str) -> dict[str, str]:
    content = part(data, "content.xml")
    (found,) = content.xpath(
        f'//style:style[@style:name="{style}"]/style:text-properties', namespaces=NS
    )
    return {etree.QName(key).localname: value for key, value in found.attrib.items()}


def test_highlights_and_review_marks_are_styled_spans() -> None:
    transcript = Transcript(
        words=tuple(
            Word(text=t, start_ms=n * 400, end_ms=n * 400 + 300, confidence=c)
            for n, (t, c) in enumerate([("plain", 0.9), ("marked", 0.9), ("unsure", 0.1)])
        ),
        highlights=(Highlight(first=1, stop=2, color="#00c8ff"),),
    )
    data, notes = render_odt(transcript, {**PLAIN, "min_confidence": 0.5})
    assert notes == []
    spans = dict(_spans(data))
    assert _text_properties(data, str(spans["marked"]))["background-color"] == "#00c8ff"
    assert _text_properties(data, str(spans["unsure"]))["color"] == "#c00000"
    assert "plain" not in "".join(spans)
    waved = render_odt(
        transcript, {**PLAIN, "min_confidence": 0.5, "low_confidence_mark": "underline"}
    )
    style = dict(_spans(waved[0]))["unsure"]
    assert _text_properties(waved[0], str(style))["text-underline-style"] == "wave"


def test_table_has_a_repeating_header_and_one_row_per_turn() -> None:
    transcript = interview()
    content = part(render_odt(transcript, {"layout": "table"})[0], "content.xml")
    (table,) = content.iterfind(".//table:table", NS)
    header = table.find("table:table-header-rows", NS)
    assert header is not None
    assert ["".join(c.itertext()) for c in header.iterfind(".//table:table-cell", NS)] == [
        "Timecode",
        "Speaker",
        "Text",
    ]
    rows = table.findall("table:table-row", NS)
    assert len(rows) == len(transcript.turns())
    cells = ["".join(c.itertext()) for c in rows[1].iterfind("table:table-cell", NS)]
    assert cells[:2] == ["00:00:09", "Tom Becker"]


def test_spaces_and_markup_survive() -> None:
    words = ("<b>", "a  b", "&", '"q"')
    transcript = Transcript(
        words=tuple(
            Word(text=t, start_ms=n * 400, end_ms=n * 400 + 300) for n, t in enumerate(words)
        )
    )
    content = part(render_odt(transcript, PLAIN)[0], "content.xml")
    (paragraph,) = content.iterfind(".//office:text/text:p", NS)
    # ODF collapses plain runs of spaces: a double space must be written as text:s.
    assert paragraph.find("text:s", NS) is not None
    assert "".join(paragraph.itertext()).startswith("<b> a")


def test_package_is_valid_and_deterministic() -> None:
    transcript = interview()
    data, _ = render_odt(transcript, title="Interview")
    assert render_odt(transcript, title="Interview")[0] == data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        first = package.infolist()[0]
        assert first.filename == "mimetype"
        assert first.compress_type == zipfile.ZIP_STORED
        assert package.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    meta = part(data, "meta.xml")
    assert meta.findtext(".//dc:title", namespaces=NS) == "Interview"
    assert meta.findtext(".//meta:creation-date", namespaces=NS) == "2000-01-01T00:00:00"
    dated, _ = render_odt(transcript, {"created": "2024-05-06T07:08:09+02:00"})
    created = part(dated, "meta.xml").findtext(".//meta:creation-date", namespaces=NS)
    assert created == "2024-05-06T05:08:09"


def test_the_cli_writes_the_table_layout(tmp_path: Path) -> None:
    from cuecraft.cli import main

    target = tmp_path / "x.odt"
    assert main(["convert", str(SAMPLE), "-o", str(target), "--layout", "table"]) == 0
    content = part(target.read_bytes(), "content.xml")
    rows = content.findall(".//table:table/table:table-row", NS)
    assert len(rows) == len(api.load(SAMPLE).turns())
