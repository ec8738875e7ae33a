"""SCC reader: real files made by others (compared with pycaption's and ttconv's readings),
errors with line numbers, round trip through our writer, and fuzzing."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.errors import CuecraftError, FormatDetectionError, InputError
from cuecraft.readers import detect, scc
from cuecraft.segment import Rules, segment
from cuecraft.segment.fit import fit_rules
from cuecraft.writers import WriteContext
from cuecraft.writers.scc import SccOptions, display, render
from tests.conftest import SAMPLES

pycaption = pytest.importorskip("pycaption")
ttconv_reader = pytest.importorskip("ttconv.scc.reader")
ttconv_model = pytest.importorskip("ttconv.model")

DATA = Path(__file__).parent.parent / "data" / "scc"
FRAME_MS = 1001 / 30
HEADER = "Scenarist_SCC V1.0\n\n"


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def ours(path: Path) -> list[tuple[int, int, str]]:
    return [(s, e, flat(" ".join(rows))) for s, e, rows in scc.read_cues(path.read_bytes())]


def pycaption_read(path: Path) -> list[tuple[float, float, str]]:
    captions = pycaption.SCCReader().read(path.read_text())
    language = captions.get_languages()[0]
    return [
        (c.start / 1000, c.end / 1000, flat(c.get_text())) for c in captions.get_captions(language)
    ]


def ttconv_texts(path: Path) -> list[str]:
    found: list[str] = []

    def texts(element: Any, out: list[str]) -> None:
        if isinstance(element, ttconv_model.Text):
            out.append(element.get_text())
        elif isinstance(element, ttconv_model.Br):
            out.append(" ")
        else:
            for child in element:
                texts(child, out)

    def walk(element: Any) -> None:
        if isinstance(element, ttconv_model.P):
            out: list[str] = []
            texts(element, out)
            found.append(flat("".join(out)))
            return
        for child in element:
            walk(child)

    walk(ttconv_reader.to_model(path.read_text()).get_body())
    return found


@pytest.mark.parametrize(
    "name",
    ["caption-inspector_Plan9fromOuterSpace.scc", "pycaption_example.scc", "ttconv_pop-on.scc"],
)
def test_pop_on_files_read_as_pycaption_reads_them(name: str) -> None:
    mine, theirs = ours(DATA / name), pycaption_read(DATA / name)
    assert [m[2] for m in mine] == [t[2] for t in theirs]
    # pycaption reads a drop-frame label as 30 labels a second, which runs up to two frames
    # behind the real 29.97 fps frame inside each minute.
    for m, t in zip(mine, theirs, strict=True):
        assert abs(m[0] - t[0]) <= 2 * FRAME_MS


def test_plan9_is_read_whole() -> None:
    path = DATA / "caption-inspector_Plan9fromOuterSpace.scc"
    transcript = cuecraft.load(path)
    assert transcript.source.format == "scc"
    assert len(ours(path)) == 664
    assert [w.text for w in transcript.words[:4]] == ["Criswell", "Predicts...", "Greetings,", "my"]
    starts = [w.start_ms for w in transcript.words]
    assert starts == sorted(starts)


@pytest.mark.parametrize("name", ["ttconv_paint-on.scc", "ttconv_mix-rows-roll-up.scc"])
def test_paint_on_and_roll_up_words_as_ttconv_reads_them(name: str) -> None:
    # ttconv shows roll-up as the whole window at each row; its last rows are the words.
    mine = " ".join(m[2] for m in ours(DATA / name))
    words = mine.split()
    theirs = " ".join(ttconv_texts(DATA / name)).split()
    for word in words:
        assert word in theirs


def test_special_extended_and_redundant_codes() -> None:
    cues = ours(DATA / "ttconv_mix-rows-roll-up.scc")
    texts = [c[2] for c in cues]
    assert "®°½" in texts  # 9132 9132: the repeat of a two-byte code is dropped
    assert "ABCDEû" in texts
    assert "AND IMPROVING THE LIVES OF ALL" in texts  # mid-row codes show as spaces
    assert (
        ours(DATA / "pycaption_example.scc")[0][2]
        == "Letra traducida al Español ♪ ¡Uooye! ¡Vámonos! ♪"
    )


def test_sniff_and_detect() -> None:
    data = (DATA / "ttconv_pop-on.scc").read_bytes()
    spec, _ = detect(data, source="x")
    assert spec.name == "scc"
    assert scc.sniff("\ufeff\n" + HEADER)
    assert not scc.sniff("WEBVTT\n\n")
    with pytest.raises(FormatDetectionError):
        detect(b"Scenarist_SCX\n", source="x")


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("WEBVTT\n", 1, 1),
        (HEADER + "00:00:01;00\t9420 94zz\n", 3, 18),
        (HEADER + "00:00:01;00\t9420 9420\n\nnot a line\n", 5, 1),
        (HEADER + "00:01:00;00\t9420\n", 3, 1),  # a dropped frame label
        (HEADER + "00:00:05;00\t9420\n\n00:00:04;00\t9420\n", 5, 1),  # out of order
        (HEADER + "00:00:01;00\t9420 9420 942c 942c\n", 1, None),  # nothing shown
    ],
)
def test_errors_say_where(text: str, line: int, column: int | None) -> None:
    with pytest.raises(InputError) as info:
        scc.read(text, source="x.scc")
    assert info.value.line == line
    assert info.value.column == column


def test_out_of_order_lines_read_in_lenient_mode() -> None:
    text = (
        HEADER
        + "00:00:05;00\t9420 9420 9470 9470 c8e9 942f 942f\n\n"
        + "00:00:04;00\t9420 9420 9470 9470 4f6b 942f 942f 942c 942c\n"
    )
    transcript = scc.read(text, source="x", strict=False)
    assert [w.text for w in transcript.words] == ["Hi", "Ok"]
    assert "scc-out-of-order" in [d.code for d in transcript.diagnostics]


def test_parity_errors_and_overflow_are_reported() -> None:
    # c8 69: 'H' then 'i' with its parity bit missing (69h has four one bits).
    text = HEADER + "00:00:01;00\t9420 9420 9470 9470 c869 942f 942f\n"
    transcript = scc.read(text, source="x")
    assert [w.text for w in transcript.words] == ["Hi"]
    assert "scc-parity" in [d.code for d in transcript.diagnostics]
    long_row = "9420 9420 947c 947c " + " ".join(["c1c1"] * 6) + " 942f 942f"
    transcript = scc.read(HEADER + "00:00:01;00\t" + long_row + "\n", source="x")
    assert transcript.words[0].text == "A" * 12  # from column 28: none lost
    assert "scc-row-overflow" in [d.code for d in transcript.diagnostics]


def test_round_trip_through_our_writer() -> None:
    transcript = cuecraft.load(SAMPLES / "amberscript" / "interview.json")
    cues = segment(transcript, fit_rules(Rules(), display(SccOptions())))
    text = render(cues, SccOptions(), WriteContext())
    back = scc.read(text, source="x.scc")
    assert [w.text for w in back.words] == [w.text for w in transcript.words]
    shown = scc.read_cues(text)
    assert [" ".join(rows) for _, _, rows in shown] == [
        " ".join(line.text for line in c.lines) for c in cues
    ]


def test_time_is_linear_in_the_file() -> None:
    block = "9420 9420 94ae 94ae 9470 9470 c8e9 2080 942f 942f"
    lines = [f"00:{m:02d}:{s:02d};10\t{block}" for m in range(0, 50) for s in range(0, 60, 2)]
    shown = scc.read_cues(HEADER + "\n\n".join(lines) + "\n")
    assert len(shown) == len(lines)


words = st.sampled_from(
    [
        "9420",
        "942c",
        "942f",
        "94ae",
        "9425",
        "94ad",
        "9429",
        "9470",
        "91b0",
        "9137",
        "9220",
        "c1c2",
        "80c1",
        "8080",
        "97a1",
        "1320",
        "9152",
        "1c20",
        "942a",
        "9421",
        "9424",
        "zz12",
    ]
)


@given(
    st.lists(
        st.tuples(
            st.text(alphabet="0123456789:;., ", max_size=14),
            st.lists(words | st.text(max_size=5), max_size=12),
        ),
        max_size=8,
    )
)
def test_fuzz_only_cuecraft_errors(lines: list[tuple[str, list[str]]]) -> None:
    text = HEADER + "\n\n".join(f"{time}\t{' '.join(ws)}" for time, ws in lines)
    for strict in (True, False):
        with contextlib.suppress(CuecraftError):
            scc.read(text, source="fuzz", strict=strict)


@given(st.lists(words, max_size=60), st.integers(0, 200_000))
def test_fuzz_valid_lines_decode(stream: list[str], frame: int) -> None:
    from cuecraft.formats import cea608

    text = (
        HEADER + cea608.frame_to_timecode(frame) + "\t" + " ".join(w for w in stream if w != "zz12")
    )
    try:
        transcript = scc.read(text, source="fuzz")
    except InputError as exc:
        where = exc.line
        transcript = None
    if transcript is None:
        assert where is not None  # every error says where
        return
    starts = [w.start_ms for w in transcript.words]
    assert starts == sorted(starts)


def test_cuecraft_check_reads_scc(tmp_path: Path) -> None:
    # `cuecraft check` reads SCC through the reader's cues as shown: what convert wrote with
    # four-row captions passes check with the same rules, and too many rows is an error.
    from cuecraft.tools.check import check_file

    target = tmp_path / "interview.scc"
    rules = Rules(max_rows=4, max_row_seconds=7.0)
    cuecraft.convert(SAMPLES / "amberscript" / "interview.json", target, rules=rules)
    report = check_file(target, rules)
    assert report.format == "scc"
    assert report.errors == 0
    assert check_file(target, Rules(max_rows=1, max_row_seconds=7.0)).errors > 0
