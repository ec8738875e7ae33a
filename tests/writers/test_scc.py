"""SCC writer: codes, parity, doubling, drop-frame, timing, limits, read back by pycaption and
ttconv (readers we did not write)."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import cuecraft
from cuecraft import cli
from cuecraft.errors import RulesError, UnencodableError
from cuecraft.formats import cea608
from cuecraft.model import Cue, Transcript, Word
from cuecraft.readers import scc as scc_reader
from cuecraft.segment import Rules, segment
from cuecraft.segment.fit import fit_rules
from cuecraft.writers import WriteContext
from cuecraft.writers.scc import SccOptions, _stand_in, display, render
from tests.conftest import SAMPLES
from tests.strategies import transcripts
from tests.writers._subtitles import cue

pycaption = pytest.importorskip("pycaption")
ttconv_reader = pytest.importorskip("ttconv.scc.reader")
ttconv_model = pytest.importorskip("ttconv.model")

SAMPLE = SAMPLES / "amberscript" / "interview.json"
FRAME_MS = 1001 / 30
LINE = re.compile(r"^(\d\d):(\d\d):(\d\d);(\d\d)\t((?:[0-9a-f]{4} )*[0-9a-f]{4})$")


def scc(cues: list[Cue], **options: Any) -> tuple[str, list[str]]:
    context = WriteContext()
    text = render(cues, SccOptions(**options), context)
    return text, [d.code for d in context.diagnostics]


def stream(text: str) -> dict[int, str]:
    """Frame -> word of a file we wrote (checks the layout on the way)."""
    lines = text.split("\n\n")
    assert lines[0] == "Scenarist_SCC V1.0"
    assert lines[-1] == ""
    words: dict[int, str] = {}
    for line in lines[1:-1]:
        match = LINE.match(line)
        assert match, line
        h, m, s, f = (int(match.group(i)) for i in range(1, 5))
        frame = cea608.timecode_to_frame(h, m, s, f, drop=True)
        for offset, word in enumerate(match.group(5).split()):
            assert frame + offset not in words
            words[frame + offset] = word
    return words


def pycaption_read(text: str) -> list[tuple[float, float, str]]:
    captions = pycaption.SCCReader().read(text)
    language = captions.get_languages()[0]
    return [
        (c.start / 1000, c.end / 1000, unindent(c.get_text()))
        for c in captions.get_captions(language)
    ]


def unindent(text: str) -> str:
    """Both readers show a row's indent against the row above as no-break spaces."""
    return "\n".join(row.strip(" \xa0") for row in text.split("\n"))


def ttconv_read(text: str) -> list[tuple[float, float, str]]:
    found: list[tuple[float, float, str]] = []

    def texts(element: Any, out: list[str]) -> None:
        if isinstance(element, ttconv_model.Text):
            out.append(element.get_text())
        elif isinstance(element, ttconv_model.Br):
            out.append("\n")
        else:
            for child in element:
                texts(child, out)

    def walk(element: Any) -> None:
        if isinstance(element, ttconv_model.P):
            out: list[str] = []
            texts(element, out)
            begin, end = element.get_begin(), element.get_end()
            found.append((float(begin) * 1000, float(end) * 1000, unindent("".join(out))))
            return
        for child in element:
            walk(child)

    walk(ttconv_reader.to_model(text).get_body())
    return found


def label_ms(frame: int) -> float:
    h, m, s, f = (int(x) for x in re.split("[:;]", cea608.frame_to_timecode(frame)))
    return ((h * 60 + m) * 60 + s + f / 30) * 1000


def pycaption_clock(text: str) -> Any:
    """pycaption's time of a frame: its line's drop-frame label read as 30 labels a second,
    plus 1/30 s a word after it (it does not apply the drop inside a line)."""
    lines: list[tuple[int, int]] = []
    for first, count in _line_spans(text):
        lines.append((first, count))

    def clock(frame: int) -> float:
        for first, count in lines:
            if first <= frame < first + count:
                return label_ms(first) + (frame - first) * 1000 / 30
        raise AssertionError(f"no word at frame {frame}")

    return clock


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for line in text.split("\n\n")[1:-1]:
        match = LINE.match(line)
        assert match
        h, m, s, f = (int(match.group(i)) for i in range(1, 5))
        spans.append((cea608.timecode_to_frame(h, m, s, f, drop=True), len(match.group(5).split())))
    return spans


def test_parity_is_odd_on_every_byte() -> None:
    for byte in range(0x80):
        assert bin(cea608.parity(byte)).count("1") % 2 == 1
        assert cea608.parity(byte) & 0x7F == byte
    text, _ = scc([cue(2000, 4000, "Hello there")])
    for word in stream(text).values():
        for byte in (int(word[:2], 16), int(word[2:], 16)):
            assert bin(byte).count("1") % 2 == 1


def test_drop_frame_time_codes() -> None:
    assert cea608.frame_to_timecode(0) == "00:00:00;00"
    assert cea608.frame_to_timecode(1799) == "00:00:59;29"
    assert cea608.frame_to_timecode(1800) == "00:01:00;02"  # labels 00 and 01 dropped
    assert cea608.frame_to_timecode(17982) == "00:10:00;00"  # but not in the tenth minute
    assert cea608.frame_to_timecode(107892) == "01:00:00;00"  # 29.97 * 3600
    for frame in range(0, 120_000, 7):
        h, m, s, f = (int(x) for x in re.split("[:;]", cea608.frame_to_timecode(frame)))
        assert cea608.timecode_to_frame(h, m, s, f, drop=True) == frame
    with pytest.raises(ValueError, match="does not exist"):
        cea608.timecode_to_frame(0, 1, 0, 0, drop=True)
    assert cea608.ms_to_frame(3_600_000) == 107_892
    assert abs(cea608.frame_to_ms(107_892) - 3_600_000) <= FRAME_MS / 2


def test_pop_on_codes_doubled_and_caption_timed_by_its_eoc() -> None:
    text, notes = scc([cue(5000, 7000, "Hi")])
    words = stream(text)
    frames = sorted(words)
    sequence = [words[f] for f in frames]
    # RCL RCL ENM ENM, PAC row 15 indent 12 twice, TO3 twice (column 15), "Hi", EOC EOC.
    assert sequence[:4] == ["9420", "9420", "94ae", "94ae"]
    assert sequence[4:8] == ["9476", "9476", "9723", "9723"]
    assert sequence[-4:] == ["942f", "942f", "942c", "942c"]
    eoc = frames[sequence.index("942f")]
    edm = frames[sequence.index("942c")]
    assert eoc == cea608.ms_to_frame(5000)  # shown on its start frame
    assert edm == cea608.ms_to_frame(7000)  # erased at its end
    assert notes == []


def test_every_two_byte_code_is_sent_twice() -> None:
    text, _ = scc([cue(3000, 6000, "Zoë: ♪ ¿Qué? ♪", "niño ü")])
    sequence = [w for _, w in sorted(stream(text).items())]
    index = 0
    while index < len(sequence):
        first = int(sequence[index][:2], 16) & 0x7F
        if 0x10 <= first <= 0x1F:
            assert sequence[index + 1] == sequence[index], sequence[index]
            index += 2
        else:
            index += 1


def test_special_and_extended_characters_read_back() -> None:
    rows = ["Zoë Müller: ♪ ¿Qué tal? ♪", "Ça va, niño ½ ® «très» Ü"]
    text, notes = scc([cue(3000, 7000, *rows)])
    assert notes == []
    # Extended characters follow a standard fallback the decoder backspaces over.
    sequence = [w for _, w in sorted(stream(text).items())]
    assert "9225" in sequence  # ü
    for read in (pycaption_read(text), ttconv_read(text)):
        assert [r[2] for r in read] == ["\n".join(rows)]


def test_unencodable_characters_reported_and_replaced() -> None:
    text, notes = scc([cue(3000, 6000, "Łódź — naïve 東京")])
    assert notes == ["scc-replaced"]
    assert [r[2] for r in ttconv_read(text)] == ["?ódz - naïve ??"]
    with pytest.raises(UnencodableError) as info:
        scc([cue(3000, 6000, "Łódź")], unencodable="error")
    assert info.value.char == "Ł"
    assert info.value.cue_index == 0


def test_row_and_caption_limits() -> None:
    scc([cue(3000, 6000, "x" * 32, "y" * 32, "z" * 32, "w" * 32)])  # 32 x 4 fits
    with pytest.raises(UnencodableError, match="32"):
        scc([cue(3000, 6000, "x" * 33)])
    with pytest.raises(UnencodableError, match="4"):
        scc([cue(3000, 6000, "a", "b", "c", "d", "e")])


def test_rules_fit_the_display() -> None:
    rules = fit_rules(Rules(), display(SccOptions()))
    assert rules.max_chars_per_row == 32
    assert rules.frame_rate == 29.97
    assert fit_rules(Rules(max_chars_per_row=30), display(SccOptions())).max_chars_per_row == 30
    with pytest.raises(RulesError) as info:
        fit_rules(Rules(max_chars_per_row=37), display(SccOptions()))
    assert info.value.field == "max_chars_per_row"
    # A default the user did not set (a house default of 3 rows) adapts to the window.
    unset = Rules.model_construct(_fields_set=set(), **Rules(max_rows=3).model_dump())
    rolled = fit_rules(unset, display(SccOptions(caption_mode="roll-up")))
    assert rolled.max_rows == 2
    with pytest.raises(RulesError):
        fit_rules(Rules(max_rows=3), display(SccOptions(caption_mode="roll-up")))


def test_segmented_sample_rows_fit_32_columns() -> None:
    transcript = cuecraft.load(SAMPLE)
    rules = fit_rules(Rules(), display(SccOptions()))
    cues = segment(transcript, rules)
    assert max(len(line.text) for c in cues for line in c.lines) <= 32
    assert any(len(line.text) > 28 for c in cues for line in c.lines)  # the limit is used


def test_load_never_starts_before_the_previous_caption_is_shown() -> None:
    # Back-to-back short cues: each load must wait for the previous EOC pair.
    cues = [cue(1000 + 600 * k, 1600 + 600 * k, "A fairly long row of text here") for k in range(5)]
    text, notes = scc(cues)
    words = stream(text)
    eocs = [f for f, w in sorted(words.items()) if w == "942f"]
    rcls = [f for f, w in sorted(words.items()) if w == "9420"]
    assert len(eocs) == 10
    assert len(rcls) == 10
    for k in range(1, 5):
        assert rcls[2 * k] > eocs[2 * k - 1]  # load k starts after caption k-1's EOC pair
    assert "scc-retimed" in notes


def test_read_back_by_pycaption_and_ttconv_within_a_frame() -> None:
    transcript = cuecraft.load(SAMPLE)
    cues = segment(transcript, fit_rules(Rules(), display(SccOptions())))
    context = WriteContext()
    text = render(cues, SccOptions(), context)
    moved = {d.cue_index for d in context.diagnostics if d.code == "scc-retimed"}
    erased_late = {d.cue_index for d in context.diagnostics if d.message.startswith("erased at")}
    expected = [("\n".join(line.text for line in c.lines), c) for c in cues]
    by_ttconv = ttconv_read(text)
    by_pycaption = pycaption_read(text)
    assert [r[2] for r in by_ttconv] == [e[0] for e in expected]
    assert [r[2] for r in by_pycaption] == [e[0] for e in expected]
    clock = pycaption_clock(text)
    for index, ((_, c), tt, pc) in enumerate(zip(expected, by_ttconv, by_pycaption, strict=True)):
        if index in erased_late:  # reported: its erase kept clear of a doubled code
            assert 0 < tt[1] - c.end_ms <= 3 * FRAME_MS
            continue
        # Never shown before its start frame (a load is placed to end on it, or later).
        assert cea608.ms_to_frame(round(tt[0])) >= cea608.ms_to_frame(c.start_ms)
        if index not in moved:  # a cue reported as moved starts late, by design
            assert abs(tt[0] - c.start_ms) <= FRAME_MS
            assert abs(pc[0] - clock(cea608.ms_to_frame(c.start_ms))) <= FRAME_MS
        if index + 1 not in moved:  # else the erase shares the frames of that late load
            handed_over = index + 1 < len(cues) and (
                cea608.ms_to_frame(cues[index + 1].start_ms) - cea608.ms_to_frame(c.end_ms) <= 3
            )
            if handed_over:  # no EDM: the next caption replaces this one
                assert tt[1] == by_ttconv[index + 1][0]
                assert pc[1] == by_pycaption[index + 1][0]
            else:
                assert abs(tt[1] - c.end_ms) <= FRAME_MS
                assert abs(pc[1] - clock(cea608.ms_to_frame(c.end_ms))) <= FRAME_MS
    assert len(moved) < len(cues) // 4


def test_roll_up_read_back() -> None:
    cues = [cue(2000, 4000, "first row here"), cue(6000, 8000, "second row", "third row")]
    text, _ = scc(cues, caption_mode="roll-up", roll_up_rows=3)
    sequence = [w for _, w in sorted(stream(text).items())]
    assert sequence[:4] == ["9426", "9426", "94ad", "94ad"]  # RU3, CR
    read = cuecraft.load(text.encode(), format="scc")
    assert [w.text for w in read.words] == ["first", "row", "here", "second", "row", "third", "row"]
    assert abs(read.words[0].start_ms - 2000) <= FRAME_MS


def test_start_offset_and_speaker_chevrons() -> None:
    cues = [cue(2000, 4000, ("Hello", "A")), cue(5000, 7000, ("Bye", "B"))]
    context = WriteContext(speaker_names={"A": "Ann", "B": "Bob"})
    text = render(cues, SccOptions(start_offset="01:00:00;00", speaker_labels="chevrons"), context)
    assert min(stream(text)) >= cea608.timecode_to_frame(0, 59, 58, 0, drop=True)
    assert [r[2] for r in ttconv_read(text)] == [">> Ann: Hello", ">> Bob: Bye"]
    with pytest.raises(RulesError):
        SccOptions(start_offset="01:01:00;00")  # a dropped label


def test_cli_convert_and_formats(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convert", str(SAMPLE), "-o", "x.scc"]) == 0
    text = (tmp_path / "x.scc").read_text()
    assert text.startswith("Scenarist_SCC V1.0\n\n")
    words = [w.text for w in cuecraft.load(tmp_path / "x.scc").words]
    assert words == [w.text for w in cuecraft.load(SAMPLE).words]
    assert cli.main(["convert", str(SAMPLE), "-o", "y.scc", "--max-chars-per-row", "40"]) == 2
    out = io.StringIO()
    monkeypatch.setattr("sys.stdout", out)
    assert cli.main(["formats"]) == 0
    listed = out.getvalue()
    assert re.search(r"^  scc\s+\.scc", listed, re.MULTILINE)
    assert listed.count("Scenarist SCC") == 2  # reader and writer


@settings(deadline=None)
@given(transcripts(max_words=40, long_words=False))
def test_any_transcript_round_trips_through_scc(transcript: Transcript) -> None:
    cues = segment(transcript, fit_rules(Rules(), display(SccOptions())))
    context = WriteContext()
    text = render(cues, SccOptions(), context)
    back = scc_reader.read(text, source="x.scc", speaker_labels="none")

    def shown(word: str) -> str:
        return "".join(c if cea608.encode_char(c) else _stand_in(c) for c in word)

    assert [w.text for w in back.words] == [shown(w.text) for w in transcript.words]
    starts = [w.start_ms for w in back.words]
    assert starts == sorted(starts)


def test_an_erase_never_splits_a_doubled_code() -> None:
    # Regression (found by the round trip above): an EDM landing between the two copies of
    # "¿" made decoders show it twice. Slide the previous cue's end across the next load.
    for end_ms in range(2000, 4200, 33):
        text, _ = scc([cue(500, end_ms, "Before"), cue(4300, 6000, "¿Qué? ♪ ¿Sí? ♪ ¡Olé! Ü")])
        words = stream(text)
        run_word, run_length, previous = "", 0, -2
        for frame in sorted(words):
            word = words[frame]
            if word == run_word and frame == previous + 1:
                run_length += 1
            else:
                if 0x10 <= int(run_word[:2] or "0", 16) & 0x7F <= 0x1F:
                    assert run_length % 2 == 0, (end_ms, run_word)
                run_word, run_length = word, 1
            previous = frame
        back = scc_reader.read(text, source="x")
        assert [w.text for w in back.words] == ["Before", "¿Qué?", "♪", "¿Sí?", "♪", "¡Olé!", "Ü"]


def test_four_row_captions_from_the_engine_read_back() -> None:
    # Issue #14: CEA-608 pop-on captions hold 4 rows of 32 columns, and the engine fills them
    # when the user allows 4 rows; pycaption and ttconv read the same rows back.
    sentence = (
        "the committee agreed that the new building should open next spring and that every "
        "department would move in before the summer holidays begin in the north of the country."
    )
    text = sentence.split(" ")
    transcript = Transcript(
        words=tuple(
            Word(text=t, start_ms=i * 250, end_ms=i * 250 + 240) for i, t in enumerate(text)
        )
    )
    rules = fit_rules(Rules(max_rows=4, max_row_seconds=None), display(SccOptions()))
    cues = segment(transcript, rules)
    assert max(len(c.lines) for c in cues) == 4
    assert all(len(line.text) <= 32 for c in cues for line in c.lines)
    written = render(cues, SccOptions(), WriteContext())
    expected = ["\n".join(line.text for line in c.lines) for c in cues]
    assert [r[2] for r in ttconv_read(written)] == expected
    assert [r[2] for r in pycaption_read(written)] == expected
    assert " ".join(expected).split() == text
