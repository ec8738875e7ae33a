"""EBU-STL files from public repositories (tests/data/stl/SOURCES.md), read end to end."""

from __future__ import annotations

from pathlib import Path

from cuecraft import api
from cuecraft.readers.stl import parse
from cuecraft.tools.check import read_subtitles

DATA = Path(__file__).resolve().parent.parent / "data" / "stl"


def test_every_subtitle_before_tcp_is_read_from_zero() -> None:
    data = (DATA / "irt-scf_requirement-0193-001.stl").read_bytes()
    document = parse(data)
    assert [(c.start_ms, c.end_ms) for c in document.cues] == [
        (0, 3000),
        (5000, 6640),
        (11_000, 15_000),
    ]
    assert [line.text for line in document.cues[1].lines] == ["10:00:00:00"]
    (note,) = [n for n in document.diagnostics if n.code == "stl-part"]
    assert note.message.startswith("block 1: time code in 00:00:00:00 is before the programme")
    words = [word.text for word in api.load(data).words]
    assert words[:3] == ["Test:", "Time", "code"]
    assert words[-3:] == ["End", "of", "Test."]


def test_a_small_disorder_is_sorted_and_cyrillic_decoded() -> None:
    data = (DATA / "irt-scf_requirement-0218-002.stl").read_bytes()
    document = parse(data)
    assert document.character_table == "cyrillic"
    assert [(c.start_ms, c.lines[0].text) for c in document.cues] == [
        (0, "Test: Character code table 01"),
        (5000, "The following subtitle contains the"),
        (11_000, "End of Test."),
        (11_880, "Я"),
    ]
    assert {n.code for n in document.diagnostics} >= {"stl-order"}
    assert "stl-part" not in {n.code for n in document.diagnostics}


def test_a_real_30_fps_file_cut_short() -> None:
    data = (DATA / "mantas-done_ebu_stl_iso6937.stl").read_bytes()
    document = parse(data)
    assert document.frame_rate == 30
    assert [(c.start_ms, c.end_ms) for c in document.cues] == [
        (3_599_967, 3_603_267),  # 00:59:59:29 -> 01:00:03:08 at 30 frames a second
        (3_603_367, 3_605_633),
    ]
    assert [line.text for line in document.cues[0].lines] == [
        "Les réalisateurs de ce film ont passé",
        "plus de deux ans sur la route",
    ]
    assert "stl-count" in {n.code for n in document.diagnostics}  # TNB 1144 for 2 blocks
    kind, cues, frame_rate = read_subtitles(data, source="x.stl")
    assert (kind, len(cues), frame_rate) == ("stl", 2, 30.0)
