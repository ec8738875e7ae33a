"""PDF, ODT and interactive HTML on real vendor exports made by others (the shared corpus).

Each file is read with our readers, written in the three formats, and read back by tools we
did not write: lxml's HTML parser (every word a span with its times), poppler's pdftotext
(every word, in order) and the ODF XML through lxml. Skipped when the corpus is not beside the
repository; the PDF part when poppler-utils is missing. The files are the smaller ones of each
vendor, to keep the run short (the 30-minute files add time, not cases).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from cuecraft import api
from cuecraft.model import Transcript
from cuecraft.writers import get_writer
from cuecraft.writers._document import clean_text
from tests.conftest import CORPUS

VENDORS = CORPUS / "vendors"
MAX_BYTES = 200_000
FILES = (
    sorted(p for p in VENDORS.rglob("*.json") if p.stat().st_size <= MAX_BYTES)
    if VENDORS.is_dir()
    else []
)
PDFTOTEXT = shutil.which("pdftotext")
PLAIN = {"include_timestamps": False, "include_speakers": False, "title": ""}
TEXT_NS = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"


def _words(transcript: Transcript) -> list[str]:
    """The words a document shows: cleaned of control characters, empty ones left out."""
    texts = (clean_text(word.text)[0] for word in transcript.words)
    return [text for text in texts if text]


def _case(path: Path) -> str:
    return f"{path.parent.name}/{path.name}"


@pytest.mark.skipif(not FILES, reason=f"shared corpus not found at {VENDORS}")
@pytest.mark.parametrize("path", FILES, ids=_case)
def test_real_exports_keep_every_word(path: Path, tmp_path: Path) -> None:
    transcript = api.load(path, strict=False)
    expected = _words(transcript)
    assert expected

    page, _ = api.render(transcript, get_writer("html"), options={"media": "x.mp3"})
    spans = lxml.html.document_fromstring(page.decode("utf-8")).find_class("w")
    assert [span.text_content() for span in spans] == expected
    starts = [int(span.get("data-start")) for span in spans]
    assert starts == sorted(starts)

    odt, _ = api.render(transcript, get_writer("odt"), options={**PLAIN, "layout": "table"})
    with zipfile.ZipFile(io.BytesIO(odt)) as package:
        content = etree.fromstring(package.read("content.xml"))
    cells = content.iter(f"{{{TEXT_NS}}}p")
    odt_text = " ".join("".join(cell.itertext()) for cell in cells)
    assert odt_text.split() == ["Text", *" ".join(expected).split()]

    if PDFTOTEXT is None:
        pytest.skip("poppler-utils is not installed (the HTML and ODT parts passed)")
    pdf, notes = api.render(transcript, get_writer("pdf"), options=PLAIN)
    (tmp_path / "x.pdf").write_bytes(pdf)
    result = subprocess.run(
        [PDFTOTEXT, str(tmp_path / "x.pdf"), "-"], capture_output=True, check=True, timeout=120
    )
    text = re.sub(r"Page \d+ of \d+", " ", result.stdout.decode("utf-8"))
    assert text.split() == " ".join(expected).split()
    assert not [note for note in notes if note.code == "missing-glyph"]
