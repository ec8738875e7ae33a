"""DOCX writer: read back with python-docx, golden paragraphs/runs, LibreOffice, determinism."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import time
import zipfile
from collections.abc import Iterator, Mapping
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run
from hypothesis import given
from hypothesis import strategies as st

from cuecraft import api
from cuecraft.errors import RulesError
from cuecraft.model import Diagnostic, Highlight, Speaker, Transcript, Word
from cuecraft.writers import get_writer
from cuecraft.writers.docx import DEFAULT_CREATED, DocxOptions
from tests.strategies import transcripts

EXPECTED = Path(__file__).resolve().parent / "expected"
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def interview() -> Transcript:
    """Three speakers, 42 s, two highlights (one green), three words at confidence 0.42."""
    return Transcript.model_validate_json((EXPECTED / "interview.input.json").read_text())


def render_docx(
    transcript: Transcript, options: Mapping[str, Any] | None = None, title: str | None = None
) -> tuple[bytes, list[Diagnostic]]:
    return api.render(transcript, get_writer("docx"), options=options, title=title)


def open_docx(data: bytes) -> Document:
    return docx.Document(io.BytesIO(data))


def style_name(block: Paragraph | Table) -> str | None:
    return block.style.name if block.style is not None else None


def _run(run: Run) -> list[Any]:
    """A run as ``[text, {format}]`` with only the formatting that is set."""
    style: dict[str, Any] = {}
    if run.bold:
        style["bold"] = True
    if run.font.highlight_color is not None:
        style["highlight"] = run.font.highlight_color.name
    if run.font.color.rgb is not None:
        style["color"] = str(run.font.color.rgb)
    if run.font.underline is not None:
        style["underline"] = getattr(run.font.underline, "name", run.font.underline)
    return [run.text, style] if style else [run.text]


def extract(data: bytes) -> dict[str, Any]:
    """The document's properties, paragraphs and tables as plain JSON-able data."""
    document = open_docx(data)
    properties = document.core_properties
    body: list[dict[str, Any]] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            body.append({"style": style_name(block), "runs": [_run(r) for r in block.runs]})
        else:
            body.append(
                {
                    "style": style_name(block),
                    "rows": [
                        [[_run(r) for p in cell.paragraphs for r in p.runs] for cell in row.cells]
                        for row in block.rows
                    ],
                }
            )
    return {
        "properties": {
            "title": properties.title,
            "language": properties.language,
            "created": properties.created.isoformat() if properties.created else None,
            "modified": properties.modified.isoformat() if properties.modified else None,
        },
        "body": body,
    }


def texts(document: Document) -> Iterator[str]:
    """Text of each turn: the paragraphs after the title, or the table's last column."""
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows[1:]:
                yield row.cells[-1].text
        elif style_name(block) != "Title":
            yield block.text


def pretty(value: Any, depth: int = 0) -> str:
    """JSON with one run (``["text", {"bold": true}]``) per line, for reviewable diffs."""
    pad = " " * (depth + 1)
    is_run = isinstance(value, list) and value and isinstance(value[0], str)
    if is_run or not isinstance(value, (dict, list)) or not value:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, dict):
        items = [f"{pad}{json.dumps(k)}: {pretty(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + " " * depth + "}"
    items = [pad + pretty(item, depth + 1) for item in value]
    return "[\n" + ",\n".join(items) + "\n" + " " * depth + "]"


def check_golden(request: pytest.FixtureRequest, path: Path, actual: dict[str, Any]) -> None:
    """Compare with an expected JSON file; ``pytest --update-golden`` rewrites it."""
    if request.config.getoption("--update-golden", default=False):
        path.write_text(pretty(actual) + "\n", encoding="utf-8")
    assert path.exists(), f"missing expected file {path.name}; run pytest --update-golden"
    assert actual == json.loads(path.read_text(encoding="utf-8"))


CASES: dict[str, dict[str, Any]] = {
    "interview.paragraphs": {"min_confidence": 0.5},
    "interview.table": {
        "layout": "table",
        "min_confidence": 0.5,
        "low_confidence_mark": "underline",
    },
    "interview.scribie": {
        "timestamp_style": "prefix",
        "speaker_label": "initials",
        "timestamps_frequency": 10,
        "show_highlights": False,
    },
    "interview.table-text-only": {
        "layout": "table",
        "include_timestamps": False,
        "include_speakers": False,
    },
    "interview.highlights-only": {"highlights_only": True, "title": "Quotes"},
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_docx_matches_expected_paragraphs_and_runs(
    request: pytest.FixtureRequest, case: str
) -> None:
    data, notes = render_docx(interview(), CASES[case])
    assert notes == []
    check_golden(request, EXPECTED / f"{case}.docx.json", extract(data))


@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_python_docx_reads_back_every_word_in_order(layout: str) -> None:
    transcript = interview()
    options = {"layout": layout, "include_timestamps": False, "include_speakers": False}
    data, _ = render_docx(transcript, options)
    turns = list(texts(open_docx(data)))
    assert len(turns) == len(transcript.turns())
    assert " ".join(turns).split() == [word.text for word in transcript.words]


def test_each_paragraph_has_its_timestamp_and_bold_speaker() -> None:
    transcript = interview()
    document = open_docx(render_docx(transcript)[0])
    paragraphs = [p for p in document.paragraphs if style_name(p) != "Title"]
    assert len(paragraphs) == len(transcript.turns())
    for paragraph, (first, _) in zip(paragraphs, transcript.turns(), strict=True):
        seconds = transcript.words[first].start_ms // 1000
        name = transcript.speaker_name(transcript.words[first].speaker)
        assert paragraph.runs[0].text == f"00:00:{seconds:02d}\n"
        assert paragraph.runs[1].text == f"{name}:"
        assert paragraph.runs[1].bold


def test_table_layout_has_a_repeating_header_and_one_row_per_turn() -> None:
    transcript = interview()
    document = open_docx(render_docx(transcript, {"layout": "table"})[0])
    (table,) = document.tables
    assert [cell.text for cell in table.rows[0].cells] == ["Timecode", "Speaker", "Text"]
    header = table.rows[0]._tr.trPr
    assert header is not None
    assert header.find(qn("w:tblHeader")) is not None
    assert len(table.rows) == 1 + len(transcript.turns())
    assert [cell.text for cell in table.rows[2].cells][:2] == ["00:00:09", "Tom Becker"]


def test_highlighted_words_are_highlighted_runs() -> None:
    transcript = interview()
    document = open_docx(render_docx(transcript)[0])
    marked = [
        (run.text, run.font.highlight_color.name)
        for paragraph in document.paragraphs
        for run in paragraph.runs
        if run.font.highlight_color is not None
    ]
    assert marked == [
        ("It is a strange job,", "YELLOW"),
        ("old, so nitrate film needs a cold room and", "BRIGHT_GREEN"),  # "#00ff00"
    ]
    flags = transcript.highlighted()
    assert " ".join(text for text, _ in marked).split() == [
        word.text for word, flag in zip(transcript.words, flags, strict=True) if flag
    ]


@pytest.mark.parametrize(("mark", "attribute"), [("color", "color"), ("underline", "underline")])
def test_low_confidence_words_are_marked_for_review(mark: str, attribute: str) -> None:
    transcript = interview()
    options = {"min_confidence": 0.5, "low_confidence_mark": mark}
    body = extract(render_docx(transcript, options)[0])["body"]
    marked = [
        run[0]
        for block in body
        for run in block.get("runs", [])
        if len(run) > 1 and attribute in run[1] and not run[0].startswith("00:")
    ]
    low = [w.text for w in transcript.words if w.confidence is not None and w.confidence < 0.5]
    assert marked == low == ["Becker,", "nitrate", "frames"]


def test_no_review_marks_without_a_threshold() -> None:
    body = extract(render_docx(interview(), {"show_highlights": False})[0])["body"]
    styles = [run[1] for block in body for run in block.get("runs", []) if len(run) > 1]
    assert all(set(style) <= {"bold", "color"} for style in styles)
    assert all(style.get("color") in (None, "767676") for style in styles)


def test_core_properties_title_language_and_fixed_date() -> None:
    data, _ = render_docx(interview())
    properties = open_docx(data).core_properties
    assert properties.title == "archive-interview"  # the source file's name
    assert properties.language == "en"
    assert properties.created == properties.modified == DEFAULT_CREATED
    assert properties.author == ""
    assert properties.comments == ""


def test_given_title_and_date_win() -> None:
    created = datetime(2024, 5, 6, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    data, _ = render_docx(interview(), {"created": created}, title="Given")
    document = open_docx(data)
    assert document.core_properties.title == "Given"
    assert document.paragraphs[0].text == "Given"
    assert document.core_properties.created == datetime(2024, 5, 6, 7, 30, tzinfo=timezone.utc)
    data, _ = render_docx(interview(), {"title": "Option"}, title="Given")
    assert open_docx(data).core_properties.title == "Option"
    data, _ = render_docx(interview(), {"title": ""}, title="Given")
    assert style_name(open_docx(data).paragraphs[0]) != "Title"


def test_proofing_language_follows_the_transcript() -> None:
    data, _ = render_docx(interview().model_copy(update={"language": "nl-NL"}))
    styles = zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml").decode()
    assert '<w:lang w:val="nl-NL"' in styles


def test_output_is_byte_identical_whatever_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = render_docx(interview())
    # python-docx stamps zip entries with the current time; a later clock must not matter.
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    second, _ = render_docx(interview())
    assert first == second
    entries = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert {entry.date_time for entry in entries} == {(1980, 1, 1, 0, 0, 0)}
    assert "docProps/thumbnail.jpeg" not in [entry.filename for entry in entries]


def test_control_characters_are_cleaned_never_a_corrupt_file() -> None:
    words = (
        Word(text="Hello\x0b", start_ms=0, end_ms=100, speaker="s"),
        Word(text="wo\x01rld", start_ms=100, end_ms=200, speaker="s"),
        Word(text="\x1b", start_ms=200, end_ms=300, speaker="s"),
        Word(text="tab\tbed", start_ms=300, end_ms=400, speaker="s"),
    )
    transcript = Transcript(words=words, speakers=(Speaker(id="s", name="Ev\x00e"),))
    data, notes = render_docx(transcript, title="ti\x02tle")
    document = open_docx(data)
    assert document.paragraphs[0].text == "title"
    assert document.paragraphs[1].text == "00:00:00\nEve: Hello world tab bed"
    assert [(note.code, note.word_index) for note in notes] == [
        ("control-character", None),  # title
        ("control-character", 0),
        ("control-character", 1),
        ("control-character", 2),
        ("control-character", 3),
        ("control-character", None),  # speaker name
    ]


def test_long_title_is_kept_in_the_heading_and_cut_in_the_properties() -> None:
    data, notes = render_docx(interview(), title="t" * 300)
    document = open_docx(data)
    assert document.paragraphs[0].text == "t" * 300
    assert document.core_properties.title == "t" * 255
    assert [note.code for note in notes] == ["title-truncated"]


def test_vendor_highlight_colours_map_to_word_highlights() -> None:
    words = tuple(Word(text=f"w{n}", start_ms=n * 100, end_ms=n * 100 + 50) for n in range(4))
    highlights = (
        Highlight(first=0, stop=1, color="pink"),
        Highlight(first=1, stop=2, color="#1010F0"),
        Highlight(first=2, stop=3, color="not a colour"),
    )
    document = open_docx(render_docx(Transcript(words=words, highlights=highlights))[0])
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    found = {run.text.strip(): run.font.highlight_color for run in runs}
    assert found["w0"] is not None
    assert found["w0"].name == "PINK"
    assert found["w1"] is not None
    assert found["w1"].name == "BLUE"
    assert found["w2"] is not None
    assert found["w2"].name == "YELLOW"
    assert found["w3"] is None


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"timestamps_frequency": 7}, "timestamps_frequency"),
        ({"layout": "grid"}, "layout"),
        ({"min_confidence": 1.5}, "min_confidence"),
        ({"low_confidence_mark": "blink"}, "low_confidence_mark"),
        ({"created": "yesterday"}, "created"),
        ({"max_chars_per_row": 40}, "max_chars_per_row"),  # a TXT option Word has no use for
    ],
)
def test_bad_options_fail_before_writing_and_name_the_option(
    tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    with pytest.raises(RulesError) as caught:
        api.write(interview(), tmp_path / "out.docx", options=options)
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


def test_docx_is_chosen_by_extension(tmp_path: Path) -> None:
    target = tmp_path / "interview.docx"
    assert api.writer_for(target, None).name == "docx"
    api.write(interview(), target, options=DocxOptions(layout="table"))
    assert target.read_bytes() == render_docx(interview(), {"layout": "table"})[0]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_libreoffice_converts_the_document_to_pdf(tmp_path: Path, layout: str) -> None:
    assert SOFFICE is not None
    source = tmp_path / f"interview-{layout}.docx"
    api.write(interview(), source, options={"layout": layout, "min_confidence": 0.5})
    profile = (tmp_path / "profile").as_uri()  # a private profile: runs in parallel safely
    command = [SOFFICE, "--headless", f"-env:UserInstallation={profile}", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), str(source)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    pdf = source.with_suffix(".pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    pdftotext = shutil.which("pdftotext")
    if pdftotext is not None:
        text = subprocess.run(
            [pdftotext, str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        assert "Tom Becker" in text
        assert "archive." in text


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    remaining: Iterator[str] = iter(haystack)
    return all(any(item == needle for item in remaining) for needle in needles)


@given(
    transcripts(max_words=40),
    st.fixed_dictionaries(
        {
            "layout": st.sampled_from(["paragraphs", "table"]),
            "timestamp_style": st.sampled_from(["line", "prefix"]),
            "speaker_label": st.sampled_from(["name", "initials"]),
            "timestamps_frequency": st.sampled_from([None, 5]),
            "min_confidence": st.sampled_from([None, 0.5]),
        }
    ),
)
def test_every_word_appears_in_order(transcript: Transcript, options: dict[str, Any]) -> None:
    data, _ = render_docx(transcript, options)
    words = " ".join(texts(open_docx(data))).split()
    assert _is_subsequence([word.text for word in transcript.words], words)


@given(transcripts(max_words=40))
def test_plain_paragraphs_are_exactly_the_words(transcript: Transcript) -> None:
    options = {"include_timestamps": False, "include_speakers": False}
    data, _ = render_docx(transcript, options)
    assert " ".join(texts(open_docx(data))).split() == [word.text for word in transcript.words]


def test_words_of_a_language_without_spaces_are_joined_without_spaces() -> None:
    words = tuple(
        Word(text=text, start_ms=i * 300, end_ms=i * 300 + 250, speaker="s1")
        for i, text in enumerate(["今日", "は", "いい", "天気", "です", "ね。"])
    )
    transcript = Transcript(words=words, speakers=(Speaker(id="s1", name="Aiko"),), language="ja")
    data, _ = render_docx(transcript, {"include_timestamps": False})
    assert "今日はいい天気ですね。" in "".join(texts(open_docx(data)))
