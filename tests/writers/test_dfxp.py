"""DFXP writers (CaptionSync's dfxp and adb.dfxp): profile, begin/end or begin/dur, read back
by ttconv and by our TTML reader."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import cuecraft
from cuecraft import cli
from cuecraft.api import writer_for
from cuecraft.segment import Rules, segment
from cuecraft.writers import WriteContext
from cuecraft.writers.dfxp import AdbDfxpOptions, DfxpOptions
from cuecraft.writers.ttml import TtmlOptions, render
from tests.conftest import SAMPLES
from tests.writers._subtitles import AMBERSCRIPT_CUES

ttconv_reader = pytest.importorskip("ttconv.imsc.reader")
ttconv_model = pytest.importorskip("ttconv.model")

TT = "http://www.w3.org/ns/ttml"
TTP = f"{TT}#parameter"
PROFILE = "http://www.w3.org/ns/ttml/profile/dfxp-presentation"
SAMPLE = SAMPLES / "amberscript" / "interview.json"


def paragraphs(data: bytes) -> list[ET.Element]:
    return list(ET.fromstring(data).iter(f"{{{TT}}}p"))


def ttconv_spans(data: bytes) -> list[tuple[float, float]]:
    doc = ttconv_reader.to_model(ET.ElementTree(ET.fromstring(data)))
    spans: list[tuple[float, float]] = []

    def walk(element: object) -> None:
        if isinstance(element, ttconv_model.P):
            begin = element.get_begin()
            end = element.get_end()
            dur = None
            spans.append((float(begin or 0), float(end) if end is not None else float("nan")))
            del dur
            return
        for child in element:  # type: ignore[attr-defined]
            walk(child)

    walk(doc.get_body())
    return spans


def test_extensions_pick_the_flavours() -> None:
    assert writer_for("x.dfxp", None).name == "dfxp"
    assert writer_for("x.dfxp.xml", None).name == "dfxp"
    assert writer_for("x.adb.dfxp", None).name == "adb.dfxp"
    assert writer_for("x.adb.xml", None).name == "adb.dfxp"
    assert writer_for("x.ttml", None).name == "ttml"


def test_dfxp_declares_the_profile_with_begin_end() -> None:
    data = render(AMBERSCRIPT_CUES, DfxpOptions(), WriteContext())
    assert ET.fromstring(data).get(f"{{{TTP}}}profile") == PROFILE
    first = paragraphs(data)[0]
    assert (first.get("begin"), first.get("end"), first.get("dur")) == (
        "00:00:00.449",
        "00:00:03.769",
        None,
    )


def test_adb_dfxp_uses_begin_and_dur_and_reads_back_the_same() -> None:
    adb = render(AMBERSCRIPT_CUES, AdbDfxpOptions(), WriteContext())
    plain = render(AMBERSCRIPT_CUES, DfxpOptions(), WriteContext())
    assert ET.fromstring(adb).get(f"{{{TTP}}}profile") == PROFILE
    for p, cue in zip(paragraphs(adb), AMBERSCRIPT_CUES, strict=True):
        assert p.get("end") is None
        seconds = float((p.get("dur") or "x").rsplit(":", 1)[1])
        assert round(seconds * 1000) == cue.end_ms - cue.start_ms
    # ttconv resolves dur to the same ends as the begin/end document.
    assert ttconv_spans(adb) == ttconv_spans(plain)
    ours = cuecraft.load(adb, format="ttml")
    assert [(w.text, w.start_ms) for w in ours.words] == [
        (w.text, w.start_ms) for w in cuecraft.load(plain, format="ttml").words
    ]


@pytest.mark.parametrize("time_format", ["clock", "offset", "frames"])
def test_dur_where_asked_in_any_flavour(time_format: str) -> None:
    options = TtmlOptions(timing="begin-dur", time_format=time_format, frame_rate=25)
    data = render(AMBERSCRIPT_CUES, options, WriteContext())
    assert all(p.get("dur") and p.get("end") is None for p in paragraphs(data))
    ends = [s[1] for s in ttconv_spans(data)]
    expected = [
        s[1]
        for s in ttconv_spans(
            render(
                AMBERSCRIPT_CUES,
                TtmlOptions(time_format=time_format, frame_rate=25),
                WriteContext(),
            )
        )
    ]
    assert ends == pytest.approx(expected, abs=0.002)
    assert TtmlOptions(flavour="adb.dfxp").uses_dur
    assert not TtmlOptions(flavour="adb.dfxp", timing="begin-end").uses_dur


def test_cli_writes_both_flavours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convert", str(SAMPLE), "-o", "x.dfxp"]) == 0
    assert cli.main(["convert", str(SAMPLE), "-o", "x.adb.dfxp"]) == 0
    assert cli.main(["convert", str(SAMPLE), "-o", "y.dfxp", "--timing", "begin-dur"]) == 0
    expected = segment(cuecraft.load(SAMPLE), Rules())
    for name in ("x.dfxp", "x.adb.dfxp", "y.dfxp"):
        data = (tmp_path / name).read_bytes()
        assert ET.fromstring(data).get(f"{{{TTP}}}profile") == PROFILE
        assert len(paragraphs(data)) == len(expected)
    assert paragraphs((tmp_path / "x.dfxp").read_bytes())[0].get("end") is not None
    assert paragraphs((tmp_path / "x.adb.dfxp").read_bytes())[0].get("dur") is not None
    assert paragraphs((tmp_path / "y.dfxp").read_bytes())[0].get("dur") is not None
