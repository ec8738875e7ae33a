"""The TTML writer: exact layout, ttconv read-back for every time format, offsets, speakers,
escaping, unencodable characters, frame rounding, options, properties and the CLI."""

from __future__ import annotations

import io
import itertools
import logging
import math
import xml.etree.ElementTree as ET
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import cuecraft
from cuecraft import cli
from cuecraft.api import make_options, writer_for
from cuecraft.errors import RulesError, UnencodableError
from cuecraft.model import Cue, Transcript
from cuecraft.segment import Rules, segment
from cuecraft.segment.fit import fit_rules
from cuecraft.timing import fit_spans
from cuecraft.writers import WriteContext, get_writer
from cuecraft.writers.ttml import SPEC, TtmlOptions, display
from tests.conftest import SAMPLES
from tests.strategies import rules, transcripts
from tests.writers._subtitles import AMBERSCRIPT_CUES, SPEAKER_MARK, cue, ttconv_rows

pytest.importorskip("ttconv")

TT = "http://www.w3.org/ns/ttml"
TTM = "http://www.w3.org/ns/ttml#metadata"
TTP = "http://www.w3.org/ns/ttml#parameter"
TTS = "http://www.w3.org/ns/ttml#styling"
XML = "http://www.w3.org/XML/1998/namespace"
NAMES = {"a": "Ann", "b": "Bob <B&B>"}

# -- helpers -----------------------------------------------------------------------------------


def render(
    cues: Sequence[Cue],
    options: TtmlOptions | None = None,
    *,
    names: dict[str, str] | None = None,
    language: str | None = "en",
) -> tuple[bytes, WriteContext]:
    """The writer's bytes, and the context with its diagnostics."""
    context = WriteContext(speaker_names=names or {}, language=language)
    out = io.BytesIO()
    SPEC.write(cues, out, options or TtmlOptions(), context)
    return out.getvalue(), context


@dataclass(frozen=True)
class ReadCue:
    """A ``<p>`` as ttconv (Sandflow's independent TTML/IMSC reader) models it."""

    begin: Fraction
    end: Fraction
    rows: tuple[str, ...]


@dataclass(frozen=True)
class ReadDocument:
    language: str
    cues: list[ReadCue]
    regions: dict[str, dict[str, Any]]


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def _ttconv_complaints() -> Iterator[list[logging.LogRecord]]:
    """ttconv logs what it finds wrong instead of raising: collect its warnings and errors."""
    handler = _Collect()
    logger = logging.getLogger("ttconv")
    logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)


def ttconv_read(data: bytes) -> ReadDocument:
    """What ttconv reads from ``data`` (parsed by the standard library, not by lxml)."""
    from ttconv.imsc.reader import to_model

    with _ttconv_complaints() as complaints:
        document = to_model(ET.ElementTree(ET.fromstring(data)))
    assert document is not None
    assert [record.getMessage() for record in complaints] == []

    cues = []
    for div in document.get_body() or ():
        for paragraph in div:
            begin = paragraph.get_begin() or Fraction(0)
            cues.append(ReadCue(begin, paragraph.get_end(), tuple(ttconv_rows(paragraph))))
    regions = {
        region.get_id(): {style.__name__: region.get_style(style) for style in region.iter_styles()}
        for region in document.iter_regions()
    }
    return ReadDocument(document.get_lang(), cues, regions)


def root(data: bytes) -> ET.Element:
    assert data.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n")
    return ET.fromstring(data)


def effective_rate(frame_rate: float) -> Fraction:
    return {
        23.976: Fraction(24000, 1001),
        24.0: Fraction(24),
        25.0: Fraction(25),
        29.97: Fraction(30000, 1001),
        30.0: Fraction(30),
    }[frame_rate]


def nearest_frame_instant(seconds: Fraction, frame_rate: float) -> Fraction:
    """Brute force: the nearest ``S + F / rate`` with F below the nominal rate (TTML1 media
    time base), the later one when two are equally near."""
    rate = effective_rate(frame_rate)
    nominal = math.ceil(rate)
    whole = math.floor(seconds)
    candidates = [
        Fraction(s) + Fraction(f) / rate
        for s in range(max(whole - 1, 0), whole + 2)
        for f in range(nominal)
    ]
    return min(candidates, key=lambda c: (abs(c - seconds), -c))


def ms(value: int) -> Fraction:
    return Fraction(value, 1000)


# -- registration and exact layout -------------------------------------------------------------


def test_registered_under_its_name_and_both_extensions() -> None:
    assert get_writer("ttml") is SPEC
    assert writer_for("talk.ttml", None) is SPEC
    # #14: .dfxp is the dfxp writer (the same write function, DFXP profile by default).
    assert writer_for("TALK.DFXP", None).name == "dfxp"
    assert writer_for("TALK.DFXP", None).write is SPEC.write
    assert SPEC.takes == "cues"
    assert SPEC.binary


EXPECTED_CLOCK = """\
<?xml version='1.0' encoding='UTF-8'?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" \
xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" \
xml:lang="en" ttp:timeBase="media">
  <head>
    <layout>
      <region xml:id="bottom" tts:origin="10% 10%" tts:extent="80% 80%" \
tts:displayAlign="after" tts:textAlign="center"/>
    </layout>
  </head>
  <body>
    <div region="bottom">
      <p xml:id="sub1" begin="00:00:00.449" end="00:00:03.769">Hi, welcome to Amber script, \
in this short</p>
      <p xml:id="sub2" begin="00:00:03.869" end="00:00:07.400">video, we would like to show \
you how<br/>you can use Amber script at its full</p>
      <p xml:id="sub3" begin="00:00:07.500" end="00:00:10.189">potential. The first<br/>\
function we would like to show</p>
    </div>
  </body>
</tt>
"""

EXPECTED_DFXP_FRAMES_AGENTS = """\
<?xml version='1.0' encoding='UTF-8'?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" \
xmlns:ttp="http://www.w3.org/ns/ttml#parameter" xmlns:tts="http://www.w3.org/ns/ttml#styling" \
xml:lang="nl" ttp:timeBase="media" ttp:frameRate="24" ttp:frameRateMultiplier="1000 1001" \
ttp:profile="http://www.w3.org/ns/ttml/profile/dfxp-presentation">
  <head>
    <metadata>
      <ttm:agent xml:id="speaker1" type="person">
        <ttm:name type="full">Ann</ttm:name>
      </ttm:agent>
      <ttm:agent xml:id="speaker2" type="person">
        <ttm:name type="full">Bob &lt;B&amp;B&gt;</ttm:name>
      </ttm:agent>
    </metadata>
    <layout>
      <region xml:id="top" tts:origin="10% 10%" tts:extent="80% 80%" \
tts:displayAlign="before" tts:textAlign="center"/>
    </layout>
  </head>
  <body>
    <div region="top">
      <p xml:id="sub1" begin="01:00:01:00" end="01:00:02:12" ttm:agent="speaker1">Hello &amp; \
&lt;you&gt;</p>
      <p xml:id="sub2" begin="01:00:02:12" end="01:00:04:00" ttm:agent="speaker1 speaker2">\
<span ttm:agent="speaker1">Yes?</span><br/><span ttm:agent="speaker2">No ]]&gt;</span></p>
      <p xml:id="sub3" begin="01:00:04:00" end="01:00:04:01">short</p>
    </div>
  </body>
</tt>
"""


def test_clock_layout_exactly() -> None:
    data, context = render(AMBERSCRIPT_CUES[:3])
    assert data.decode("utf-8") == EXPECTED_CLOCK
    assert context.diagnostics == []
    assert render(AMBERSCRIPT_CUES[:3])[0] == data  # deterministic


def test_dfxp_frames_agents_offset_and_top_region_exactly() -> None:
    cues = [
        cue(1000, 2500, ("Hello & <you>", "a")),
        cue(2500, 4000, ("Yes?", "a"), ("No ]]>", "b")),
        cue(4000, 4010, "short"),
    ]
    options = TtmlOptions(
        flavour="dfxp",
        time_format="frames",
        frame_rate=23.976,
        start_offset="01:00:00:00",
        speaker_labels="agent",
        region="top",
    )
    data, context = render(cues, options, names=NAMES, language="nl")
    assert data.decode("utf-8") == EXPECTED_DFXP_FRAMES_AGENTS
    # 10 ms is less than a frame: the cue keeps one frame instead of vanishing.
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("ttml-retimed", 2)]
    read = ttconv_read(data)
    assert [c.rows for c in read.cues] == [("Hello & <you>",), ("Yes?", "No ]]>"), ("short",)]


def test_no_cues_is_a_valid_empty_document() -> None:
    data, _ = render([])
    read = ttconv_read(data)
    assert read.cues == []
    assert read.language == "en"


# -- read-back with ttconv, per time format ----------------------------------------------------

SAMPLE_CUES = [
    cue(0, 1234, "First row", "second row"),
    cue(1300, 2961, "Zoë & José"),
    cue(3000, 3040, "tiny"),
    cue(59_990, 61_001, "over a minute"),
    cue(3_599_500, 3_600_700, "over an hour"),
]


@pytest.mark.parametrize("time_format", ["clock", "offset"])
def test_millisecond_formats_read_back_exactly(time_format: str) -> None:
    data, context = render(SAMPLE_CUES, TtmlOptions(time_format=time_format))
    assert context.diagnostics == []
    read = ttconv_read(data)
    assert [(c.begin, c.end) for c in read.cues] == [
        (ms(c.start_ms), ms(c.end_ms)) for c in SAMPLE_CUES
    ]
    assert ["\n".join(c.rows) for c in read.cues] == [c.text for c in SAMPLE_CUES]


def test_offset_format_writes_seconds() -> None:
    data, _ = render([cue(12_345, 13_000, "a")], TtmlOptions(time_format="offset"))
    paragraph = root(data).find(f".//{{{TT}}}p")
    assert paragraph is not None
    assert (paragraph.get("begin"), paragraph.get("end")) == ("12.345s", "13.000s")


@pytest.mark.parametrize(
    ("frame_rate", "frame_rate_attribute", "multiplier"),
    [
        (23.976, "24", "1000 1001"),
        (24.0, "24", None),
        (25.0, "25", None),
        (29.97, "30", "1000 1001"),
        (30.0, "30", None),
    ],
)
def test_frames_read_back_at_the_nearest_frame(
    frame_rate: float, frame_rate_attribute: str, multiplier: str | None
) -> None:
    options = TtmlOptions(time_format="frames", frame_rate=frame_rate)
    data, context = render(SAMPLE_CUES, options)
    tt = root(data)
    assert tt.get(f"{{{TTP}}}frameRate") == frame_rate_attribute
    assert tt.get(f"{{{TTP}}}frameRateMultiplier") == multiplier
    assert tt.get(f"{{{TTP}}}timeBase") == "media"
    read = ttconv_read(data)
    retimed = {d.cue_index for d in context.diagnostics if d.code == "ttml-retimed"}
    assert retimed <= {2}  # only the 40 ms cue can round to nothing
    for index, (original, got) in enumerate(zip(SAMPLE_CUES, read.cues, strict=True)):
        assert got.begin == nearest_frame_instant(ms(original.start_ms), frame_rate)
        if index not in retimed:
            assert got.end == nearest_frame_instant(ms(original.end_ms), frame_rate)
        assert got.end > got.begin
    for text in (p.get("begin") or "" for p in tt.iter(f"{{{TT}}}p")):
        assert len(text.split(":")) == 4


def test_frames_use_frame_numbers_below_the_nominal_rate() -> None:
    # 29.97: 0.99 s is nearer the next second than frame 29 (0.9676 s); 1.965 s is frame 29.
    data, _ = render([cue(990, 1965, "a")], TtmlOptions(time_format="frames", frame_rate=29.97))
    paragraph = root(data).find(f".//{{{TT}}}p")
    assert paragraph is not None
    assert (paragraph.get("begin"), paragraph.get("end")) == ("00:00:01:00", "00:00:01:29")
    read = ttconv_read(data)
    assert (read.cues[0].begin, read.cues[0].end) == (Fraction(1), 1 + Fraction(29 * 1001, 30000))


# -- start offset --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("start_offset", "frame_rate", "seconds"),
    [
        ("10:00:00:00", 25.0, Fraction(36000)),
        ("01:00:00:12", 25.0, Fraction(3600) + Fraction(12, 25)),
        ("00:00:01:15", 29.97, 1 + Fraction(15 * 1001, 30000)),
        ("00:00:01.500", 25.0, Fraction(3, 2)),
    ],
)
@pytest.mark.parametrize("time_format", ["clock", "offset", "frames"])
def test_start_offset_is_added_to_every_time(
    start_offset: str, frame_rate: float, seconds: Fraction, time_format: str
) -> None:
    options = TtmlOptions(
        time_format=time_format,
        frame_rate=frame_rate,
        start_offset=start_offset,
    )
    assert options.offset_seconds == seconds
    data, _ = render(SAMPLE_CUES, options)
    read = ttconv_read(data)
    for original, got in zip(SAMPLE_CUES, read.cues, strict=True):
        exact = seconds + ms(original.start_ms)
        if time_format == "frames":
            assert got.begin == nearest_frame_instant(exact, frame_rate)
        else:
            assert got.begin == Fraction(math.floor(exact * 1000 + Fraction(1, 2)), 1000)


def test_start_offset_in_broadcast_frames() -> None:
    options = TtmlOptions(time_format="frames", start_offset="10:00:00:00")
    data, _ = render([cue(1000, 2040, "a")], options)
    paragraph = root(data).find(f".//{{{TT}}}p")
    assert paragraph is not None
    assert (paragraph.get("begin"), paragraph.get("end")) == ("10:00:01:00", "10:00:02:01")


# -- speakers ----------------------------------------------------------------------------------

SPEAKER_CUES = [
    cue(0, 1000, ("Hello there,", "a"), ("how are you?", "a")),
    cue(1000, 2000, ("Fine.", "b"), ("And you?", "a")),
    cue(2000, 3000, ("Nobody", None)),
    cue(3000, 4000, ("Ann", "a"), ("nobody", None)),
]


def test_agents_are_declared_once_and_referenced_by_each_paragraph() -> None:
    data, _ = render(SPEAKER_CUES, TtmlOptions(speaker_labels="agent"), names=NAMES)
    tt = root(data)
    agents = tt.findall(f"{{{TT}}}head/{{{TT}}}metadata/{{{TTM}}}agent")
    assert [(a.get(f"{{{XML}}}id"), a.get("type")) for a in agents] == [
        ("speaker1", "person"),
        ("speaker2", "person"),
    ]
    assert [a.findtext(f"{{{TTM}}}name") for a in agents] == ["Ann", "Bob <B&B>"]
    assert [name.get("type") for name in tt.iter(f"{{{TTM}}}name")] == ["full", "full"]
    paragraphs = list(tt.iter(f"{{{TT}}}p"))
    assert [p.get(f"{{{TTM}}}agent") for p in paragraphs] == [
        "speaker1",
        "speaker2 speaker1",
        None,
        "speaker1",
    ]
    # A cue with several speakers says who speaks each row.
    assert [s.get(f"{{{TTM}}}agent") for s in paragraphs[1].iter(f"{{{TT}}}span")] == [
        "speaker2",
        "speaker1",
    ]
    assert [s.text for s in paragraphs[3].iter(f"{{{TT}}}span")] == ["Ann"]
    read = ttconv_read(data)
    assert ["\n".join(c.rows) for c in read.cues] == [c.text for c in SPEAKER_CUES]


def test_agents_only_for_speakers_that_are_written() -> None:
    data, _ = render([cue(0, 1000, "no speaker")], TtmlOptions(speaker_labels="agent"))
    assert root(data).find(f"{{{TT}}}head/{{{TT}}}metadata") is None


def test_prefix_labels_like_srt() -> None:
    data, _ = render(SPEAKER_CUES, TtmlOptions(speaker_labels="prefix"), names=NAMES)
    read = ttconv_read(data)
    assert [c.rows for c in read.cues] == [
        ("Ann: Hello there,", "how are you?"),
        ("Bob <B&B>: Fine.", "Ann: And you?"),
        ("Nobody",),
        ("Ann: Ann", "nobody"),
    ]
    assert b"Bob &lt;B&amp;B&gt;: Fine." in data


def test_no_labels_by_default() -> None:
    data, _ = render(SPEAKER_CUES, names=NAMES)
    assert b"agent" not in data
    assert [c.rows[0] for c in ttconv_read(data).cues] == ["Hello there,", "Fine.", "Nobody", "Ann"]


# -- text: escaping, characters ------------------------------------------------------------------


def test_escaping_of_ampersand_angle_brackets_and_cdata_end() -> None:
    rows = ("Tom & Jerry <3 </p>", "a ]]> b", "&amp; stays text")
    data, _ = render([cue(0, 1000, *rows)])
    assert b"Tom &amp; Jerry &lt;3 &lt;/p&gt;<br/>a ]]&gt; b<br/>&amp;amp; stays text" in data
    assert b"]]>" not in data
    assert ttconv_read(data).cues[0].rows == rows


@pytest.mark.parametrize(
    ("char", "kept"),
    [
        ("\x00", "badtext"),
        ("\x07", "badtext"),
        ("\x0b", "bad text"),
        ("\x0c", "bad text"),
        ("\x1b", "badtext"),
        ("\x1f", "bad text"),
        ("\x85", "bad text"),
        ("\ufffe", "badtext"),
        ("\uffff", "badtext"),
    ],
)
def test_characters_xml_cannot_hold_are_removed_and_reported(char: str, kept: str) -> None:
    # Issue 10: control characters are neutralised in every cue writer (they used to make
    # the TTML writer fail); one that separates words becomes a space.
    cues = [cue(0, 1000, "fine"), cue(1000, 2000, f"bad{char}text")]
    data, context = render(cues)
    assert [cue.rows for cue in ttconv_read(data).cues] == [("fine",), (kept,)]
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("control-character", 1)]


def test_lone_surrogate_is_unencodable() -> None:
    with pytest.raises(UnencodableError) as info:
        render([cue(0, 1000, "\udcff")])
    assert info.value.cue_index == 0


@pytest.mark.parametrize("labels", ["agent", "prefix"])
def test_a_speaker_name_xml_cannot_hold_is_replaced_and_reported(labels: str) -> None:
    cues = [cue(0, 1000, ("hi", None)), cue(1000, 2000, ("there", "a"))]
    data, context = render(cues, TtmlOptions(speaker_labels=labels), names={"a": "A\x01nn"})
    assert "A\ufffdnn".encode() in data
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("speaker-name-replaced", 1)]


def test_other_unicode_is_written_as_utf8() -> None:
    rows = ("Zoë \u2028 \U0001f469\u200d\U0001f467 مرحبا", "tab\there")
    data, context = render([cue(0, 1000, *rows)])
    assert context.diagnostics == []
    assert "Zoë".encode() in data
    assert ttconv_read(data).cues[0].rows == rows


def test_a_cue_without_text_is_skipped_with_a_diagnostic() -> None:
    data, context = render([cue(0, 1000, " \n "), cue(1000, 2000, "b")])
    read = ttconv_read(data)
    assert [c.rows for c in read.cues] == [("b",)]
    assert b'xml:id="sub1"' in data
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [("empty-cue", 0)]


def test_line_breaks_inside_a_line_become_rows() -> None:
    data, _ = render([cue(0, 1000, "one\ntwo\r\nthree")])
    assert ttconv_read(data).cues[0].rows == ("one", "two", "three")


def test_indentation_never_enters_a_paragraph() -> None:
    data, _ = render(SPEAKER_CUES, TtmlOptions(speaker_labels="agent"), names=NAMES)
    for paragraph in root(data).iter(f"{{{TT}}}p"):
        for node in paragraph.iter():
            assert "\n" not in (node.text or "")
            if node is not paragraph:
                assert "\n" not in (node.tail or "")


# -- frame rounding never collapses or overlaps ------------------------------------------------


def test_fit_spans_examples() -> None:
    assert fit_spans([]) == []
    assert fit_spans([(5, 5)]) == [(5, 6)]
    assert fit_spans([(0, 0), (0, 3), (2, 5)]) == [(0, 1), (1, 2), (2, 5)]
    assert fit_spans([(0, 10), (4, 6), (8, 12)]) == [(0, 4), (4, 6), (8, 12)]
    assert fit_spans([(3, 3), (3, 3), (3, 3)]) == [(3, 4), (4, 5), (5, 6)]
    assert fit_spans([(0, 2), (2, 4)]) == [(0, 2), (2, 4)]


@given(
    st.lists(
        st.tuples(st.integers(0, 50), st.integers(0, 10)).map(lambda s: (s[0], s[0] + s[1])),
        max_size=12,
    ).map(sorted)
)
def test_fit_spans_properties(spans: list[tuple[int, int]]) -> None:
    fitted = fit_spans(spans)
    assert len(fitted) == len(spans)
    for (start, end), (raw_start, _) in zip(fitted, spans, strict=True):
        assert end > start
        assert start >= raw_start
    for (_, end), (start, _) in itertools.pairwise(fitted):
        assert end <= start
    # What needs no change is not changed.
    if all(e > s for s, e in spans) and all(e <= s for (_, e), (s, _) in itertools.pairwise(spans)):
        assert fitted == spans


def test_frame_rounding_keeps_short_and_adjacent_cues_apart() -> None:
    # At 25 fps (40 ms frames) these round into the same frames.
    cues = [cue(1000, 1010, "a"), cue(1010, 1019, "b"), cue(1019, 1100, "c")]
    data, context = render(cues, TtmlOptions(time_format="frames", frame_rate=25))
    read = ttconv_read(data)
    assert [c.rows for c in read.cues] == [("a",), ("b",), ("c",)]
    frame = Fraction(1, 25)
    assert [(c.begin, c.end) for c in read.cues] == [
        (1, 1 + frame),
        (1 + frame, 1 + 2 * frame),
        (1 + 2 * frame, 1 + 3 * frame),
    ]
    assert [(d.code, d.cue_index) for d in context.diagnostics] == [
        ("ttml-retimed", 0),
        ("ttml-retimed", 1),
        ("ttml-retimed", 2),
    ]


def test_zero_length_cue_lasts_a_millisecond() -> None:
    data, context = render([cue(500, 500, "flash"), cue(500, 900, "next")])
    read = ttconv_read(data)
    assert [(c.begin, c.end) for c in read.cues] == [(ms(500), ms(501)), (ms(501), ms(900))]
    assert {d.code for d in context.diagnostics} == {"ttml-retimed"}


# -- language, region, flavour -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "transcript_language", "expected"),
    [
        (None, "en", "en"),
        (None, "en_US", "en-US"),
        (None, None, "und"),
        (None, "", "und"),
        ("fr-CA", "en", "fr-CA"),
        ("und", "en", "und"),
    ],
)
def test_language(option: str | None, transcript_language: str | None, expected: str) -> None:
    data, context = render(
        AMBERSCRIPT_CUES[:1], TtmlOptions(language=option), language=transcript_language
    )
    assert root(data).get(f"{{{XML}}}lang") == expected
    assert ttconv_read(data).language == expected
    assert context.diagnostics == []


@pytest.mark.parametrize("bad", ["x\x00", "../../x", "English language"])
def test_a_transcript_language_that_is_no_tag_becomes_und_with_a_note(bad: str) -> None:
    data, context = render(AMBERSCRIPT_CUES[:1], language=bad)
    assert root(data).get(f"{{{XML}}}lang") == "und"
    assert [(d.code, d.severity) for d in context.diagnostics] == [("ttml-language", "info")]


@pytest.mark.parametrize(("region", "align"), [("bottom", "after"), ("top", "before")])
def test_one_region(region: str, align: str) -> None:
    data, _ = render(AMBERSCRIPT_CUES[:1], TtmlOptions(region=region))
    read = ttconv_read(data)
    assert list(read.regions) == [region]
    styles = read.regions[region]
    assert styles["DisplayAlign"].value == align
    assert styles["TextAlign"].value == "center"
    div = root(data).find(f"{{{TT}}}body/{{{TT}}}div")
    assert div is not None
    assert div.get("region") == region


def test_flavours_share_the_ttml1_namespace() -> None:
    ttml_data, _ = render(AMBERSCRIPT_CUES[:2])
    dfxp_data, _ = render(AMBERSCRIPT_CUES[:2], TtmlOptions(flavour="dfxp"))
    assert root(ttml_data).tag == root(dfxp_data).tag == f"{{{TT}}}tt"
    assert root(ttml_data).get(f"{{{TTP}}}profile") is None
    assert (
        root(dfxp_data).get(f"{{{TTP}}}profile")
        == "http://www.w3.org/ns/ttml/profile/dfxp-presentation"
    )
    assert b"ttaf1" not in dfxp_data
    assert ttconv_read(dfxp_data).cues == ttconv_read(ttml_data).cues


# -- options -----------------------------------------------------------------------------------


def test_option_defaults() -> None:
    options = TtmlOptions()
    assert (options.flavour, options.time_format, options.frame_rate) == ("ttml", "clock", 25.0)
    assert (options.start_offset, options.language) == ("00:00:00:00", None)
    assert (options.speaker_labels, options.region) == ("none", "bottom")


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"frame_rate": 26}, "frame_rate"),
        ({"time_format": "smpte"}, "time_format"),
        ({"start_offset": "10:00:00"}, "start_offset"),
        ({"start_offset": "10:00:00;00"}, "start_offset"),
        ({"start_offset": "10:60:00:00"}, "start_offset"),
        ({"start_offset": "10:00:00:25"}, "start_offset"),
        ({"start_offset": "10:00:00:24", "frame_rate": 23.976}, "start_offset"),
        ({"start_offset": "00:00:00.5"}, "start_offset"),
        ({"language": ""}, "language"),
        ({"language": "en US"}, "language"),
        ({"speaker_labels": "voice"}, "speaker_labels"),
        ({"region": "middle"}, "region"),
        ({"flavour": "ttaf1"}, "flavour"),
        ({"namespace": "x"}, "namespace"),
    ],
)
def test_bad_options_name_their_field(values: dict[str, Any], field: str) -> None:
    with pytest.raises(RulesError) as info:
        make_options(SPEC, values)
    assert info.value.field == field
    with pytest.raises(RulesError) as direct:
        TtmlOptions(**values)
    assert direct.value.field == field


def test_options_accept_cli_style_values() -> None:
    options = make_options(
        SPEC, {"frame_rate": "29.97", "start_offset": " 10:00:00:29 ", "language": "pt_BR"}
    )
    assert isinstance(options, TtmlOptions)
    assert (options.frame_rate, options.start_offset, options.language) == (
        29.97,
        "10:00:00:29",
        "pt-BR",
    )
    assert TtmlOptions(frame_rate=23.9760000001).frame_rate == 23.976


def test_rules_snap_to_the_file_frames_only_for_frames() -> None:
    frames = TtmlOptions(time_format="frames", frame_rate=29.97)
    assert fit_rules(Rules(), display(frames)).frame_rate == 29.97
    # A frame rate the user did not set (model_fields_set) gives way to the file's.
    unset = Rules.model_construct(_fields_set=set(), **Rules(frame_rate=25).model_dump())
    assert fit_rules(unset, display(frames)).frame_rate == 29.97
    assert fit_rules(Rules(frame_rate=29.97), display(frames)).frame_rate == 29.97
    with pytest.raises(RulesError) as info:
        fit_rules(Rules(frame_rate=25), display(frames))
    assert info.value.field == "frame_rate"
    assert fit_rules(Rules(), display(TtmlOptions())) == Rules()
    assert fit_rules(Rules(frame_rate=24), display(TtmlOptions())) == Rules(frame_rate=24)


# -- properties ----------------------------------------------------------------------------------

OFFSETS = ["00:00:00:00", "10:00:00:00", "00:59:59:12", "01:00:00.250"]


@st.composite
def ttml_options(draw: st.DrawFn) -> TtmlOptions:
    return TtmlOptions(
        flavour=draw(st.sampled_from(["ttml", "dfxp"])),
        time_format=draw(st.sampled_from(["clock", "offset", "frames"])),
        frame_rate=draw(st.sampled_from([23.976, 24.0, 25.0, 29.97, 30.0])),
        start_offset=draw(st.sampled_from(OFFSETS)),
        speaker_labels=draw(st.sampled_from(["none", "agent", "prefix"])),
        region=draw(st.sampled_from(["bottom", "top"])),
    )


def expected_texts(cues: Sequence[Cue], names: dict[str, str], *, prefix: bool) -> list[str]:
    """Each cue's text; with ``prefix``, ``Name: `` wherever the speaker changes (as SRT)."""
    texts = []
    previous: str | None = None
    for c in cues:
        rows = []
        for line in c.lines:
            if prefix and line.speaker is not None and line.speaker != previous:
                rows.append(f"{names[line.speaker]}: {line.text}")
            else:
                rows.append(line.text)
            previous = line.speaker
        texts.append("\n".join(rows))
    return texts


@given(transcripts(), rules(), ttml_options())
def test_ttconv_reads_back_segmented_transcripts(
    transcript: Transcript, rules: Rules, options: TtmlOptions
) -> None:
    cues = segment(transcript, rules)
    names = {speaker.id: speaker.name for speaker in transcript.speakers}
    data, context = render(cues, options, names=names, language=transcript.language)
    read = ttconv_read(data)
    assert read.language == "en"
    assert len(read.cues) == len(cues)
    prefix = options.speaker_labels == "prefix"
    assert ["\n".join(c.rows) for c in read.cues] == expected_texts(cues, names, prefix=prefix)
    retimed = {d.cue_index for d in context.diagnostics if d.code == "ttml-retimed"}
    assert {d.code for d in context.diagnostics} <= {"ttml-retimed"}
    offset = options.offset_seconds
    rate = options.effective_frame_rate
    for index, (original, got) in enumerate(zip(cues, read.cues, strict=True)):
        assert got.end > got.begin
        if options.time_format == "frames":
            for time in (got.begin, got.end):
                frame = (time - math.floor(time)) * rate
                assert frame.denominator == 1
                assert frame < math.ceil(rate)
            if index not in retimed:
                half_frame = 1 / (2 * rate)
                assert abs(got.begin - offset - ms(original.start_ms)) <= half_frame
                assert abs(got.end - offset - ms(original.end_ms)) <= half_frame
        elif index not in retimed:
            shift = Fraction(math.floor(offset * 1000 + Fraction(1, 2)), 1000)
            assert (got.begin, got.end) == (
                shift + ms(original.start_ms),
                shift + ms(original.end_ms),
            )
    for before, after in itertools.pairwise(read.cues):
        assert before.end <= after.begin


@given(transcripts(max_words=30), ttml_options())
def test_write_through_the_api_adjusts_rules_and_reads_back(
    transcript: Transcript, options: TtmlOptions
) -> None:
    data, _ = cuecraft.api.render(transcript, SPEC, options=options)
    read = ttconv_read(data)
    rules = fit_rules(Rules(), display(options))
    assert len(read.cues) == len(segment(transcript, rules))


# -- files and the command line ------------------------------------------------------------------


def test_write_is_atomic_when_a_cue_is_unencodable(tmp_path: Path) -> None:
    target = tmp_path / "out.ttml"
    target.write_bytes(b"previous")
    with pytest.raises(UnencodableError):
        cuecraft.write([cue(0, 1000, "lone \udc80")], target)
    assert target.read_bytes() == b"previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttml"]


SAMPLE = SAMPLES / "amberscript" / "interview.json"


def test_cli_converts_to_ttml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli.main(["convert", str(SAMPLE), "-o", "x.ttml"]) == 0
    data = (tmp_path / "x.ttml").read_bytes()
    tt = root(data)
    assert tt.get(f"{{{TTP}}}frameRate") is None
    expected = segment(cuecraft.load(SAMPLE), Rules())
    read = ttconv_read(data)
    assert [(c.begin, c.end) for c in read.cues] == [
        (ms(c.start_ms), ms(c.end_ms)) for c in expected
    ]
    assert ["\n".join(c.rows) for c in read.cues] == [c.text for c in expected]


def test_cli_converts_to_dfxp_in_frames(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    argv = ["convert", str(SAMPLE), "-o", "x.dfxp", "--time-format", "frames", "--frame-rate", "25"]
    assert cli.main(argv) == 0
    data = (tmp_path / "x.dfxp").read_bytes()
    tt = root(data)
    assert tt.get(f"{{{TTP}}}frameRate") == "25"
    expected = segment(cuecraft.load(SAMPLE), Rules(frame_rate=25))
    read = ttconv_read(data)
    # Segmented at 25 fps, so every time is already on a frame: nothing moves.
    assert [(c.begin, c.end) for c in read.cues] == [
        (ms(c.start_ms), ms(c.end_ms)) for c in expected
    ]
    for paragraph in tt.iter(f"{{{TT}}}p"):
        assert len((paragraph.get("begin") or "").split(":")) == 4


def test_cli_flags_for_speakers_offset_and_flavour(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    argv = [
        "convert",
        str(SAMPLE),
        "-o",
        "x.dfxp",
        "--flavour",
        "dfxp",
        "--speaker-labels",
        "agent",
        "--start-offset",
        "10:00:00:00",
        "--time-format",
        "offset",
        "--region",
        "top",
        "--language",
        "en-GB",
    ]
    assert cli.main(argv) == 0
    tt = root((tmp_path / "x.dfxp").read_bytes())
    assert tt.get(f"{{{XML}}}lang") == "en-GB"
    assert tt.get(f"{{{TTP}}}profile") is not None
    assert [a.findtext(f"{{{TTM}}}name") for a in tt.iter(f"{{{TTM}}}agent")] == [
        "Zoë Müller",
        "José Núñez",
    ]
    first = next(tt.iter(f"{{{TT}}}p"))
    assert (first.get("begin") or "").startswith("3600")
    assert first.get(f"{{{TTM}}}agent") == "speaker1"


@pytest.mark.parametrize(
    "flags",
    [
        ["--speaker-labels", "voice"],
        ["--start-offset", "10:00:00:25"],
        ["--time-format", "smpte"],
        ["--frame-rate", "26"],
    ],
)
def test_cli_refuses_bad_ttml_flags(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flags: list[str]
) -> None:
    out = tmp_path / "x.ttml"
    assert cli.main(["convert", str(SAMPLE), "-o", str(out), *flags]) == 2
    assert not out.exists()
    assert capsys.readouterr().err.strip()


# ---------------------------------------------------------------- our writer, our reader


@given(transcripts(), st.sampled_from(["clock", "offset"]))
def test_our_reader_reads_back_every_word_and_cue_time(
    transcript: Transcript, time_format: str
) -> None:
    from cuecraft.api import render
    from cuecraft.readers import ttml as ttml_reader
    from cuecraft.segment import Rules, segment

    # A row starting with "Name:" or a dialogue dash is a speaker mark for our subtitle
    # readers (a reader heuristic, not the writer's to change): keep such words out.
    assume(not any(SPEAKER_MARK.match(word.text) for word in transcript.words))
    cues = segment(transcript, Rules())
    data, _ = render(transcript, writer_for("x.ttml", None), options={"time_format": time_format})
    back = ttml_reader.read(data, source="x.ttml", strict=False)
    assert [w.text for w in back.words] == " ".join(w.text for w in transcript.words).split()
    starts = {w.start_ms for w in back.words if w.paragraph_start}
    written = {cue.start_ms for cue in cues if cue.text.strip()}
    assert starts <= written
