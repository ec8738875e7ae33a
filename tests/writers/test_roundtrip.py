"""Write hostile text through every subtitle writer, read it back, get the same words (issue 10).

Words are built from what each format could take for markup or structure: angle brackets and
tags, braces and override blocks, backslash sequences, ``-->``, ``[br]``, ``>>``, character
references, clock times and timing lines, rows of digits only, control characters and other
Unicode. Each file is read back by cuecraft's reader and, where one exists, by a reader we did
not write (pysubs2 for SRT, WebVTT, ASS and SSA; webvtt-py for WebVTT; ttconv for TTML). The
words must come back in the same order, modulo the documented neutralisation, which
:func:`expected_words` applies: control characters are removed (one that separates words
becomes a space), and the look-alikes the SRT, SBV and ASS writers put in place of structure
(``‹ › ｛ ｝ ⧵ ∶ ［ ］``) are folded back on both sides. Character references in WebVTT are
decoded for the independent readers, which leave them as written.

What is *not* generated, because the reader and not the writer decides it (helper
"subtitles" owns those readers): a word starting with a dialogue dash, and a capitalised
word ending with a colon (cuecraft reads both as speaker marks at the start of a row).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from typing import Any

import pysubs2
import pytest
import webvtt
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cuecraft
from cuecraft.api import render
from cuecraft.model import Transcript, Word
from cuecraft.writers import get_writer
from tests.writers._subtitles import SPEAKER_MARK

SUBTITLE_WRITERS = ("srt", "vtt", "sbv", "ass", "ssa", "ttml")

_PIECES = [
    "<",
    ">",
    "{",
    "}",
    "\\",
    "-->",
    "\\N",
    "\\n",
    "\\h",
    "\\{",
    "[br]",
    "[BR]",
    ">>",
    "&",
    "&amp;",
    "&#58;",
    "&lt;",
    ":",
    ",",
    ".",
    "00:00:01,000",
    "00:00:02.500",
    "0:00:03.000,0:00:04.000",
    "12:34.567",
    "100:00:00,000",
    "<i>",
    "</i>",
    "<unk>",
    "<v bob>",
    "<00:00:01.000>",
    "{\\b1}",
    "{\\an8}",
    "12",
    "007",
    "1",
    "é",
    "ß",
    "中文",
    "مرحبا",
    "\u200b",
    "\u2028",
    "\ufeff",
    "\t",
    "\x00",
    "\x07",
    "\x0b",
    "\x1b",
    "\x1f",
    "\x7f",
    "\x85",
    "\ufffe",
    "a",
    "b",
    "xyz",
]

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_FOLD = str.maketrans(
    {
        "\u2039": "<",
        "\u203a": ">",
        "\uff5b": "{",
        "\uff5d": "}",
        "\u29f5": "\\",
        "\u2236": ":",
        "\uff3b": "[",
        "\uff3d": "]",
    }
)


def _word_text(pieces: list[str]) -> str:
    return "".join(pieces).strip()


_WORD = (
    st.lists(st.sampled_from(_PIECES), min_size=1, max_size=4)
    .map(_word_text)
    .filter(lambda text: text != "" and not SPEAKER_MARK.match(text))
)


@st.composite
def hostile_transcripts(draw: st.DrawFn) -> Transcript:
    texts = draw(st.lists(_WORD, min_size=1, max_size=24))
    words = []
    clock = 0
    for text in texts:
        clock += draw(st.sampled_from([0, 80, 400, 2500]))
        length = draw(st.sampled_from([0, 200, 700]))
        words.append(Word(text=text, start_ms=clock, end_ms=clock + length))
        clock += length
    return Transcript(words=tuple(words), language="en")


def _fold(words: list[str]) -> list[str]:
    return " ".join(words).translate(_FOLD).split()


def expected_words(transcript: Transcript) -> list[str]:
    """The words every reader must give back: controls removed, look-alikes folded."""
    text = " ".join(word.text for word in transcript.words)
    text = _CONTROL.sub(lambda match: " " if match.group().isspace() else "", text)
    return _fold(text.split())


def _split_rows(text: str) -> list[str]:
    return text.replace("\\N", "\n").split()


def _independent(name: str, data: bytes) -> list[tuple[str, list[str]]]:
    """(reader, words) for each independent reader of the format."""
    text = data.decode("utf-8")
    found: list[tuple[str, list[str]]] = []
    if name in ("srt", "vtt", "ass", "ssa"):
        events = pysubs2.SSAFile.from_string(text, format_=name).events
        # plaintext drops override blocks {...} and turns \N into a line break: anything of
        # ours it would drop or break shows up as a missing or split word.
        joined = " ".join(event.plaintext for event in events)
        found.append(
            ("pysubs2", html.unescape(joined).split() if name == "vtt" else joined.split())
        )
    if name == "vtt":
        captions = webvtt.WebVTT.from_string(text, strict=True).captions
        found.append(("webvtt-py", html.unescape(" ".join(c.text for c in captions)).split()))
    if name == "ttml":
        found.append(("ttconv", _ttconv_words(data)))
    return found


def _ttconv_words(data: bytes) -> list[str]:
    from ttconv import model
    from ttconv.imsc.reader import to_model

    document = to_model(ET.ElementTree(ET.fromstring(data)))
    assert document is not None
    texts: list[str] = []

    def walk(node: Any) -> None:
        for child in node:
            if isinstance(child, model.Text):
                texts.append(child.get_text())
            elif isinstance(child, model.Br):
                texts.append(" ")
            else:
                walk(child)

    walk(document.get_body() or ())
    return " ".join(texts).split()


def _ours(name: str, data: bytes) -> list[str]:
    transcript = cuecraft.load(data, "ass" if name == "ssa" else name)
    return [word.text for word in transcript.words]


@pytest.mark.parametrize("name", SUBTITLE_WRITERS)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(transcript=hostile_transcripts())
@example(
    transcript=Transcript(words=(Word(text="00:00:01,000 00:00:02,000", start_ms=0, end_ms=9),))
)
@example(transcript=Transcript(words=(Word(text="0:00:01.000,0:00:02.000", start_ms=0, end_ms=9),)))
@example(
    transcript=Transcript(words=(Word(text="a <i>b</i> {\\b1}c\\Nd -->", start_ms=0, end_ms=9),))
)
def test_the_same_words_come_back(name: str, transcript: Transcript) -> None:
    expected = expected_words(transcript)
    data, _ = render(transcript, get_writer(name))
    if not expected:  # only control characters: every cue was skipped
        return
    assert _fold(_ours(name, data)) == expected, data.decode("utf-8")[-1500:]
    for reader, words in _independent(name, data):
        assert _fold(words) == expected, (reader, data.decode("utf-8")[-1500:])


@pytest.mark.parametrize("name", ["srt", "vtt"])
@pytest.mark.parametrize("last_row", ["12", " 007 ", "١٢"])
def test_a_last_row_of_digits_comes_back(name: str, last_row: str) -> None:
    # pysubs2 (and our reader, through it) dropped a cue's last all-digit row as the number
    # of the next cue; the writers join it to the row before (a documented layout change).
    from cuecraft.model import Cue, Line

    cues = [
        Cue(
            start_ms=0,
            end_ms=1000,
            lines=(Line(text="we counted", first=0, stop=2), Line(text=last_row, first=2, stop=3)),
        ),
        Cue(start_ms=1000, end_ms=2000, lines=(Line(text="then", first=3, stop=4),)),
    ]
    data, diagnostics = render(cues, get_writer(name))
    assert [(d.code, d.cue_index) for d in diagnostics] == [("number-row-kept", 0)]
    events = pysubs2.SSAFile.from_string(data.decode(), format_=name).events
    assert [e.plaintext.split() for e in events] == [["we", "counted", last_row.strip()], ["then"]]
    assert _ours(name, data) == ["we", "counted", last_row.strip(), "then"]
