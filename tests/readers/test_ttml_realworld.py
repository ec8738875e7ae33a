"""TTML as real files write it (issue #9/#10): time forms TTML does not allow, roll-up cues
with only a begin, times written from the document start on every level (Apple Music
lyrics), ruby, translations inside a line, simultaneous regions, and hostile values.

The files under tests/data/ttml/ come from public repositories (see SOURCES.md there).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft.errors import InputError
from cuecraft.model import Transcript
from cuecraft.readers.ttml import read, read_cues
from cuecraft.tools.check import read_subtitles

DATA = Path(__file__).resolve().parent.parent / "data" / "ttml"

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
    'xmlns:tts="http://www.w3.org/ns/ttml#styling" '
    'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xml:lang="en">\n'
)


def tt(body: str, head: str = HEAD) -> bytes:
    return (head + body + "\n</tt>\n").encode()


def load(data: bytes, **options: Any) -> Transcript:
    return read(data, source="x.ttml", **options)


def words(transcript: Transcript) -> list[tuple[str, int, int]]:
    return [(word.text, word.start_ms, word.end_ms) for word in transcript.words]


def codes(transcript: Transcript) -> list[str]:
    return [note.code for note in transcript.diagnostics]


# -- files from public repositories ---------------------------------------------------------


def test_netflix_style_dfxp_with_ticks() -> None:
    data = (DATA / "mantas-done_dfxp.dfxp").read_bytes()
    assert read_cues(data) == [
        (137_400, 140_400, ("Senator, we're making", "our final approach into Coruscant.")),
        (3_740_500, 3_742_500, ("Very good, Lieutenant.",)),
    ]
    assert load(data).diagnostics == ()


def test_a_decimal_comma_is_read_with_a_note() -> None:
    data = (DATA / "mantas-done_dfxp_with_different_br.dfxp").read_bytes()
    assert read_cues(data) == [(0, 1000, ("one", "two", "three"))]
    transcript = load(data)
    (note,) = transcript.diagnostics
    assert note.code == "ttml-time-expression"
    assert note.severity == "info"
    assert note.message.startswith("line 17: '00:00:00,000' and 1 more")


def test_times_written_from_the_start_inside_a_timed_div() -> None:
    data = (DATA / "mantas-done_ttml_with_multiple_divs.ttml").read_bytes()
    # The second p says begin="00:00:02.423" inside a div that begins at 1.464 s and ends
    # at 2.423 s: read as TTML it would begin at 3.887 s, after the div, never shown.
    assert read_cues(data) == [
        (1464, 2423, ("Senator, we're making", "our final approach into Coruscant.")),
        (2423, 5432, ("Very good, Lieutenant.",)),
        (10_886, 10_928, ("CLUB SHOU-TIME",)),
    ]
    transcript = load(data)
    assert "ttml-absolute-times" in codes(transcript)
    assert "ttml-outside-parent" in codes(transcript)
    assert [w.text for w in transcript.words][-2:] == ["CLUB", "SHOU-TIME"]


# -- time expressions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "ms", "kind"),
    [
        ("3:58.640", 238_640, "minutes:seconds"),
        ("02:35", 155_000, "minutes:seconds"),
        ("0:59.999", 59_999, "minutes:seconds"),
        ("75:00.5", 4_500_500, "minutes:seconds"),
        ("19.764", 19_764, "seconds without a unit"),
        ("95", 95_000, "seconds without a unit"),
        ("00:00:01,5", 1500, "a decimal comma"),
        ("1:00:00.000", 3_600_000, "hours with one digit"),
    ],
)
def test_time_forms_ttml_does_not_allow(expression: str, ms: int, kind: str) -> None:
    data = tt(f'<body><div>\n<p begin="{expression}" dur="1s">Said.</p>\n</div></body>')
    transcript = load(data)
    assert words(transcript) == [("Said.", ms, ms + 1000)]
    (note,) = transcript.diagnostics
    assert note.code == "ttml-time-expression"
    assert kind in note.message
    assert note.message.startswith(f"line 4: '{expression}' use")


def test_a_duration_in_minutes_and_seconds() -> None:
    data = tt('<body dur="3:58.640"><div><p begin="3:50">Last line</p></div></body>')
    assert read_cues(data) == [(230_000, 238_640, ("Last line",))]


@pytest.mark.parametrize("expression", ["1:60", "1:2", "0:00:60", "１２s", "٣s", "1.5.5", "1:"])
def test_odd_time_values_are_errors_with_the_line(expression: str) -> None:
    odd = f'<p begin="{expression}">Odd.</p>'
    data = tt(f'<body><div>\n<p begin="0s" end="1s">Fine.</p>\n{odd}\n</div></body>')
    with pytest.raises(InputError) as caught:
        load(data)
    assert caught.value.line == 5


# -- roll-up: a begin and no end ------------------------------------------------------------


def test_roll_up_cues_end_where_the_next_begins() -> None:
    data = tt(
        "<body><div>\n"
        '<p begin="1s">first line</p>\n'
        '<p begin="3s">second line</p>\n'
        '<p begin="4.5s">the last one here</p>\n'
        "</div></body>"
    )
    assert read_cues(data) == [
        (1000, 3000, ("first line",)),
        (3000, 4500, ("second line",)),
        (4500, 5633, ("the last one here",)),  # 17 characters at 15 a second
    ]
    transcript = load(data)
    (note,) = [n for n in transcript.diagnostics if n.code == "ttml-open-end"]
    assert note.message.startswith("line 4: 3 cue(s)")
    assert [w.text for w in transcript.words] == [
        "first", "line", "second", "line", "the", "last", "one", "here",
    ]  # fmt: skip


def test_roll_up_spans_with_only_a_begin_and_a_parent_end() -> None:
    data = tt(
        '<body><div end="10s">\n'
        '<p begin="1s"><span begin="0s">one</span> <span begin="1s">two</span></p>\n'
        '<p begin="4s"><span begin="0s">three</span></p>\n'
        "</div></body>"
    )
    # The parent's end closes them: no estimate is needed.
    assert read_cues(data) == [(1000, 10_000, ("one two",)), (4000, 10_000, ("three",))]
    assert "ttml-open-end" not in codes(load(data))


def test_the_last_roll_up_cue_lasts_at_least_a_second() -> None:
    data = tt('<body><div><p begin="2s">Hi</p></div></body>')
    assert read_cues(data) == [(2000, 3000, ("Hi",))]


# -- Apple Music lyrics: times from the start on every level, translations inside -------------

APPLE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" '
    b'xmlns:itunes="http://music.apple.com/lyric-ttml-internal" itunes:timing="Word" '
    b'xml:lang="en">\n'
    b'<head><metadata><ttm:agent type="person" xml:id="v1"/></metadata></head>\n'
    b'<body dur="1:05.000"><div begin="34.181" end="1:05.000">\n'
    b'<p begin="34.181" end="38.471" ttm:agent="v1">'
    b'<span begin="34.181" end="35.525">Gold</span> '
    b'<span begin="35.525" end="38.471">jewelry</span>'
    b'<span ttm:role="x-translation" xml:lang="fr">Bijoux en or</span>'
    b'<span ttm:role="x-roman">gorudo</span></p>\n'
    b'<p begin="40.000" end="44.000"><span begin="40.000" end="42.000">shining</span> '
    b'<span ttm:role="x-bg" begin="42.500" end="44.000">(so bright)</span></p>\n'
    b'<p begin="1:02.000" end="1:04.000">the end</p>\n'
    b"</div></body>\n</tt>\n"
)


def test_apple_music_lyrics_are_read_as_written() -> None:
    assert read_cues(APPLE) == [
        (34_181, 38_471, ("Gold jewelry",)),
        (40_000, 44_000, ("shining (so bright)",)),
        (62_000, 64_000, ("the end",)),
    ]
    transcript = load(APPLE)
    assert [w.text for w in transcript.words] == [
        "Gold", "jewelry", "shining", "(so", "bright)", "the", "end",
    ]  # fmt: skip
    found = codes(transcript)
    assert "ttml-absolute-times" in found
    assert found.count("ttml-left-out") == 2  # one note per kind: x-translation, x-roman
    assert "ttml-time-expression" in found  # "34.181", "1:05.000"


def test_a_conforming_nested_document_is_not_read_as_written() -> None:
    # Nested times that fit inside their parents when read as TTML stay TTML.
    data = tt('<body><div begin="10s" end="20s">\n<p begin="1s" end="2s">inside</p>\n</div></body>')
    assert read_cues(data) == [(11_000, 12_000, ("inside",))]
    assert "ttml-absolute-times" not in codes(load(data))


# -- ruby -----------------------------------------------------------------------------------


def test_ruby_keeps_the_base_text() -> None:
    data = tt(
        '<body><div><p begin="1s" end="3s">'
        '<span tts:ruby="container"><span tts:ruby="base">漢字</span>'
        '<span tts:ruby="textContainer"><span tts:ruby="text">かんじ</span></span></span>'
        "を<ruby>読<rp>(</rp><rt>よ</rt><rp>)</rp></ruby>む"
        "</p></div></body>"
    )
    assert read_cues(data) == [(1000, 3000, ("漢字を読む",))]
    transcript = load(data)
    (note,) = [n for n in transcript.diagnostics if n.code == "ttml-left-out"]
    assert "ruby" in note.message
    assert "left out 4 ruby" in note.message  # textContainer, rp, rt, rp


# -- IMSC: several regions at the same time -------------------------------------------------


def test_simultaneous_cues_in_two_regions_stay_two_cues() -> None:
    data = tt(
        '<head><layout><region xml:id="top"/><region xml:id="bottom"/></layout></head>\n'
        "<body><div>\n"
        '<p region="top" begin="00:00:01.000" end="00:00:03.000">EXIT sign</p>\n'
        '<p region="bottom" begin="00:00:01.000" end="00:00:03.000">Where now?</p>\n'
        '<p region="bottom" begin="00:00:03.000" end="00:00:04.000">This way.</p>\n'
        "</div></body>"
    )
    assert read_cues(data) == [
        (1000, 3000, ("EXIT sign",)),
        (1000, 3000, ("Where now?",)),
        (3000, 4000, ("This way.",)),
    ]
    transcript = load(data)
    assert [w.text for w in transcript.words] == [
        "EXIT", "sign", "Where", "now?", "This", "way.",
    ]  # fmt: skip
    assert all(a.start_ms <= b.start_ms for a, b in itertools.pairwise(transcript.words))
    # check reads the same cues
    kind, cues, _ = read_subtitles(data, source="x.ttml")
    assert kind == "ttml"
    assert [c.rows for c in cues] == [("EXIT sign",), ("Where now?",), ("This way.",)]


# -- hostile input --------------------------------------------------------------------------

TIME_TEXT = st.text(alphabet="0123456789:.,smhft -", max_size=80)


@given(begin=TIME_TEXT, end=TIME_TEXT)
def test_any_time_value_reads_or_fails_with_a_line(begin: str, end: str) -> None:
    data = tt(
        "<body><div>\n"
        '<p begin="0s" end="1s">Fine.</p>\n'
        f'<p begin="{begin}" end="{end}">Odd.</p>\n'
        "</div></body>"
    )
    for strict in (True, False):
        outcome: Transcript | InputError
        try:
            outcome = load(data, strict=strict)
        except InputError as error:
            outcome = error
        if isinstance(outcome, InputError):
            assert outcome.line in (None, 5)
        else:
            assert [w.text for w in outcome.words] == ["Fine.", "Odd."]


@given(cut=st.integers(min_value=0, max_value=len(APPLE)))
def test_a_truncated_document_fails_cleanly(cut: int) -> None:
    outcome: Transcript | InputError
    try:
        outcome = load(APPLE[:cut])
    except InputError as error:
        outcome = error
    if isinstance(outcome, InputError):
        assert outcome.source == "x.ttml"
    else:
        assert APPLE[:cut].rstrip().endswith(b"</tt>")


def test_many_roll_up_cues_stay_fast() -> None:
    body = "".join(f'<p begin="{k}s">w{k}</p>' for k in range(20_000))
    data = tt(f"<body><div>{body}</div></body>")
    started = time.perf_counter()
    assert len(read_cues(data)) == 20_000
    # Generous: quadratic work would take minutes; this is about a second.
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize(
    "head",
    [
        b"<!DOCTYPE[" + b"]" * 16_000,  # took 4 s with the former prolog regex
        b"<!DOCTYPE" + b"[" * 16_000,
        b"<!--" * 4000,
        b"<tt" + b' a="b"' * 2500 + b" !",
        b"<tt a" + b" " * 16_000,
        b"<tt" + b' xmlns="' * 3000,
    ],
)
def test_sniffing_hostile_heads_is_linear(head: bytes) -> None:
    from cuecraft.readers.ttml import sniff

    started = time.perf_counter()
    for _ in range(20):
        assert not sniff(head)
    assert time.perf_counter() - started < 5  # generous: quadratic work takes seconds per call


def test_text_outside_a_p_and_foreign_elements_are_reported() -> None:
    data = tt(
        '<body><div>\nStray words <span>in a span</span>\n<p begin="1s" end="2s">Kept '
        '<x:note xmlns:x="urn:example">not TTML</x:note>words</p>\n</div></body>'
    )
    transcript = load(data)
    assert [w.text for w in transcript.words] == ["Kept", "words"]
    messages = [n.message for n in transcript.diagnostics if n.code == "ttml-left-out"]
    stray = "line 3: left out 2 piece(s) of text outside any <p>"
    assert any(m.startswith(stray) for m in messages)
    assert any("left out 1 element(s) of other namespaces" in m for m in messages)


# -- W3C IMSC test files -------------------------------------------------------------------


def test_roll_up_spans_in_an_untimed_p() -> None:
    data = (DATA / "w3c-imsc-tests_BasicTiming011.ttml").read_bytes()
    ((start, end, rows),) = read_cues(data)
    assert rows == ("This text should", "appear one word", "At a time", "spread over four lines")
    assert start == 188  # the first span's begin, 0.1875 s
    # No end anywhere: the last span begins at 3 s, then 79 characters at 15 a second.
    assert end == 8267
    assert "ttml-open-end" in codes(load(data))


def test_region_timing() -> None:
    data = (DATA / "w3c-imsc-tests_region-timing.ttml").read_bytes()
    # The test file states each interval in its text: "[10s,15s)" and so on.
    cues = read_cues(data)
    for start, end, (row,) in cues:
        interval = row[row.index("[") + 1 : row.index(")")]
        low, high = (int(part.rstrip("s")) * 1000 for part in interval.split(","))
        assert (start, end) == (low, high), row
    assert len(cues) == 5


def test_ruby_containers() -> None:
    data = (DATA / "w3c-imsc-tests_ruby005.ttml").read_bytes()
    cues = read_cues(data)
    assert [rows for _, _, rows in cues] == [("base base base",)] * 6
    (note,) = [n for n in load(data).diagnostics if n.code == "ttml-left-out"]
    assert "left out 6 ruby" in note.message


def test_a_p_outside_the_time_of_its_region_keeps_its_words() -> None:
    data = tt(
        '<head><layout><region xml:id="r" begin="0s" end="5s"/></layout></head>\n'
        '<body><div region="r">\n<p begin="6s" end="7s">Too late.</p>\n</div></body>'
    )
    assert read_cues(data) == [(6000, 7000, ("Too late.",))]
    assert "ttml-outside-parent" in codes(load(data))
