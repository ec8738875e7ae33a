"""Every registered writer, given a transcript full of hostile text, writes a file that reads
back with the same number of cues, or raises a cuecraft error: never another exception.

Hostile text: control characters, NUL, escape sequences, right-to-left and mixed scripts,
combining marks, emoji, and text that looks like subtitle syntax (``-->``, ``WEBVTT``, tags,
blank lines) and must not create, merge or break cues.
"""

from __future__ import annotations

import io
from typing import Any

import pysubs2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from cuecraft.api import make_options, render
from cuecraft.errors import CuecraftError
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.readers import sbv
from cuecraft.segment import Rules, segment
from cuecraft.segment.fit import fit_rules
from cuecraft.writers import WRITERS, get_writer
from tests.hardening.fuzzing import time_limit

_AWKWARD = [
    "-->",
    "00:00:01,000 --> 00:00:02,000",
    "WEBVTT",
    "NOTE",
    "<v Bob>",
    "</c>",
    "<b>&amp;</b>",
    "&nbsp;",
    "a\nb",
    "\n\n",
    "x\r\ny",
    "\u2028",
    "\x00",
    "\x1b[31m",
    "\x07bell",
    "\x7f",
    "\ufeffbom",
    "\u200b",
    "\u202eevil",
    "مرحبا",
    "שלום",
    "Zoë",
    "中文",
    "Ελληνικά",
    "Кириллица",
    "e\u0301",
    "👩‍👩‍👧‍👦",
    "{\\i1}",
    "1",
    "-",
    "--",
    "...",
    "x" * 120,
]

_TEXT = st.one_of(
    st.sampled_from(_AWKWARD),
    st.text(st.characters(codec="utf-8"), min_size=1, max_size=12),
).filter(lambda text: text.strip() != "")


@st.composite
def hostile_transcripts(draw: st.DrawFn) -> Transcript:
    count = draw(st.integers(min_value=1, max_value=25))
    names = draw(st.lists(_TEXT, min_size=1, max_size=3))
    speakers = tuple(Speaker(id=f"s{i}", name=name) for i, name in enumerate(names))
    ids: list[str | None] = [speaker.id for speaker in speakers] + [None]
    words = []
    clock = 0
    for _ in range(count):
        clock += draw(st.sampled_from([0, 0, 40, 300, 2500]))
        length = draw(st.sampled_from([0, 0, 120, 700, 9000]))
        words.append(
            Word(
                text=draw(_TEXT),
                start_ms=clock,
                end_ms=clock + length,
                speaker=draw(st.sampled_from(ids)),
                confidence=draw(st.sampled_from([None, 0.0, 0.5, 1.0])),
            )
        )
        clock += length
    language = draw(st.sampled_from([None, "en", "ar", "he", "zh", "", "x\x00", "../../x"]))
    return Transcript(words=tuple(words), speakers=speakers, language=language)


def _read_back(name: str, data: bytes) -> int | None:
    """The cue count a reader finds (None when we have none for the format): pysubs2 for
    SRT, WebVTT, ASS and SSA, lxml for TTML (a ``p`` per cue), cuecraft's SBV cue reader."""
    if name in ("srt", "vtt", "ass", "ssa"):
        return len(pysubs2.SSAFile.from_string(data.decode("utf-8"), format_=name))
    if name == "ttml":
        return len(etree.fromstring(data).findall(".//{http://www.w3.org/ns/ttml}p"))
    if name == "sbv":
        return len(sbv.read_cues(data))
    return None


# Speaker labels put names in the text or in fields: hostile names must not break structure.
_LABELS: dict[str, dict[str, Any]] = {
    "srt": {"speaker_labels": "prefix"},
    "vtt": {"speaker_labels": "voice"},
    "sbv": {"speaker_labels": "chevrons"},
    "ass": {"speaker_labels": "actor"},
    "ssa": {"speaker_labels": "prefix"},
    "ttml": {"speaker_labels": "agent"},
}


@pytest.mark.parametrize(
    ("writer", "options"),
    [*((name, None) for name in sorted(WRITERS)), *sorted(_LABELS.items())],
)
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(transcript=hostile_transcripts())
def test_hostile_transcripts(
    writer: str, options: dict[str, Any] | None, transcript: Transcript
) -> None:
    spec = get_writer(writer)
    with time_limit(20):
        try:
            data, diagnostics = render(transcript, spec, options=options)
        except CuecraftError:
            return
    assert isinstance(data, bytes)
    # A cue left without text (its words were only control characters) is skipped, with
    # an empty-cue diagnostic.
    skipped = sum(d.code == "empty-cue" for d in diagnostics)
    rules = Rules()
    if spec.display is not None:  # label modes reserve row room: the writer's rules
        rules = fit_rules(rules, spec.display(make_options(spec, options)))
    expected = len(segment(transcript, rules)) - skipped
    if expected == 0 and writer == "sbv":
        # Nothing visible was left to write (every cue skipped, reported): SBV has no header,
        # so the file is empty, and our reader rightly finds no cue in it.
        assert data == b""
        return
    count = _read_back(writer, data)
    if count is not None:
        assert count == expected, data.decode("utf-8")[:2000]
    if writer == "docx":
        import docx

        docx.Document(io.BytesIO(data))  # a file Word can open
