"""The TTML/DFXP reader: time expressions, inheritance, text, agents, detection, errors."""

from __future__ import annotations

import random
import xml.etree.ElementTree as ElementTree
from fractions import Fraction
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pysubs2
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cuecraft
from cuecraft import cli
from cuecraft.errors import FormatDetectionError, InputError
from cuecraft.readers import READERS, detect, srt, stl
from cuecraft.readers.ttml import NAMESPACES, SPEC, sniff

TT = "http://www.w3.org/ns/ttml"
DECLARATIONS = (
    'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" '
    'xmlns:tts="http://www.w3.org/ns/ttml#styling" '
    'xmlns:ttm="http://www.w3.org/ns/ttml#metadata"'
)


def _tt(body: str, *, attributes: str = "", head: str = "", namespace: str = TT) -> str:
    """A TTML document: the body's content starts on line 5."""
    declarations = DECLARATIONS.replace(TT, namespace)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tt xmlns="{namespace}" {declarations} xml:lang="en" {attributes}>\n'
        f"<head>{head}</head>\n"
        "<body>\n"
        f"{body}\n"
        "</body>\n"
        "</tt>\n"
    )


def _load(doc: str, **options: Any) -> cuecraft.Transcript:
    return cuecraft.load(doc.encode("utf-8"), "ttml", **options)


def _line(doc: str, marker: str) -> int:
    return next(n for n, line in enumerate(doc.splitlines(), 1) if marker in line)


def _words(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


def _cues(transcript: cuecraft.Transcript) -> list[tuple[int, int, str]]:
    """(start, end, text) of each cue, from the words' paragraph starts."""
    words = transcript.words
    firsts = [i for i, w in enumerate(words) if w.paragraph_start]
    stops = [*firsts[1:], len(words)]
    return [
        (words[a].start_ms, words[b - 1].end_ms, " ".join(w.text for w in words[a:b]))
        for a, b in zip(firsts, stops, strict=True)
    ]


# -- time expressions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "attributes", "expected_ms"),
    [
        ("00:00:01", "", 1000),
        ("00:00:01.5", "", 1500),
        ("01:02:03.004", "", 3_723_004),
        ("100:00:00.000", "", 360_000_000),  # hours have two or more digits
        ("00:00:01:15", 'ttp:frameRate="25"', 1600),
        ("00:00:01:15", "", 1500),  # 30 frames a second by default
        ("00:00:01:15.1", 'ttp:frameRate="25" ttp:subFrameRate="2"', 1620),
        ("00:00:10:00", 'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"', 10_000),
        ("12.5s", "", 12_500),
        ("500ms", "", 500),
        ("2h", "", 7_200_000),
        ("3m", "", 180_000),
        ("1.5m", "", 90_000),
        ("100f", 'ttp:frameRate="25"', 4000),
        ("300f", 'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001"', 10_010),
        ("4000t", 'ttp:tickRate="1000"', 4000),
        ("30t", "", 30_000),  # no frame rate: one tick a second
        ("100t", 'ttp:frameRate="25"', 4000),  # ticks at the frame rate
        ("100t", 'ttp:frameRate="25" ttp:subFrameRate="2"', 2000),
        # SMPTE time base: frame labels at the nominal rate, drop-frame skips 2 a minute.
        ("00:00:10:00", 'ttp:timeBase="smpte" ttp:frameRateMultiplier="1000 1001"', 10_010),
        (
            "00:01:00:02",
            'ttp:timeBase="smpte" ttp:frameRateMultiplier="1000 1001" ttp:dropMode="dropNTSC"',
            60_060,
        ),
        (" 1s ", "", 1000),  # surrounding whitespace is allowed (XML attribute)
    ],
)
def test_time_expressions(expression: str, attributes: str, expected_ms: int) -> None:
    doc = _tt(f'<div><p begin="{expression}" dur="1s">Hi</p></div>', attributes=attributes)
    assert _words(_load(doc)) == [("Hi", expected_ms, expected_ms + 1000)]


def test_times_inherit_from_body_and_div() -> None:
    doc = _tt(
        """<div begin="5s">
  <p begin="1s" end="2s">Offset by the div.</p>
  <div begin="10s" end="20s">
    <p>Untimed, so the div's times.</p>
    <p begin="3s">Begins only, so ends with the div.</p>
    <p begin="8s" end="30s">Clipped to the div.</p>
  </div>
</div>""",
    )
    doc = doc.replace("<body>", '<body begin="100ms">')
    assert [(start, end) for start, end, _ in _cues(_load(doc))] == [
        (6_100, 7_100),
        (15_100, 25_100),  # three cues overlapping in time are merged into one
    ]


def test_dur_and_end_together_take_the_earlier() -> None:
    doc = _tt(
        '<div><p begin="1s" dur="2s">A</p><p begin="4s" end="9s" dur="1s">B</p>'
        '<p begin="6s" end="7s" dur="5s">C</p></div>'
    )
    assert [(s, e) for s, e, _ in _cues(_load(doc))] == [(1000, 3000), (4000, 5000), (6000, 7000)]


def test_seq_container_starts_each_child_after_the_previous() -> None:
    doc = _tt(
        '<div timeContainer="seq" begin="1s">'
        '<p dur="2s">One</p><p begin="1s" dur="1s">Two</p><p dur="500ms">Three</p></div>'
    )
    assert [(s, e) for s, e, _ in _cues(_load(doc))] == [(1000, 3000), (4000, 5000), (5000, 5500)]


def test_end_of_a_p_from_its_timed_spans() -> None:
    doc = _tt(
        '<div><p begin="2s"><span begin="0s" end="1s">Word</span> '
        '<span begin="1s" end="1.5s">timed.</span></p></div>'
    )
    assert _cues(_load(doc)) == [(2000, 3500, "Word timed.")]


# -- text ------------------------------------------------------------------------------------


def test_br_span_whitespace_and_references() -> None:
    doc = _tt(
        """<div>
<p begin="0s" end="2s" tts:color="yellow">  Hel<span tts:fontStyle="italic">lo</span>,
   <span>big</span>
   world<br/>Fish &amp; chips&#x21;<!-- not text --><metadata>not text</metadata></p>
</div>"""
    )
    transcript = _load(doc)
    assert [w.text for w in transcript.words] == ["Hello,", "big", "world", "Fish", "&", "chips!"]
    assert transcript.words[0].paragraph_start
    assert transcript.words[-1].end_ms == 2000


def test_line_feeds_break_rows_only_with_xml_space_preserve() -> None:
    body = '<div><p begin="0s" end="2s"{space}>- Ready?\n- Yes.</p></div>'
    collapsed = _load(_tt(body.format(space="")))
    # One row: only its leading dash is a speaker-change mark, the second dash is text. A dash
    # says the speaker changed, not who speaks: no speaker is invented for it.
    assert [(w.text, w.speaker) for w in collapsed.words] == [
        ("Ready?", None),
        ("-", None),
        ("Yes.", None),
    ]
    preserved = _load(_tt(body.format(space=' xml:space="preserve"')))
    assert [(w.text, w.speaker) for w in preserved.words] == [("Ready?", None), ("Yes.", None)]


def test_words_share_the_cue_by_length_and_stop_at_the_next_cue() -> None:
    doc = _tt(
        '<div><p begin="1s" end="5s">A long first cue here.</p>'
        '<p begin="2s" end="3s">Overlap.</p></div>'
    )
    transcript = _load(doc)
    starts = [w.start_ms for w in transcript.words]
    assert starts == sorted(starts)
    # The overlapping cues are merged into one cue, 1 s to 5 s, words in file order.
    assert [w.text for w in transcript.words][-1] == "Overlap."
    assert transcript.words[0].start_ms == 1000
    assert transcript.words[-1].end_ms == 5000  # the last word still ends with the cue
    assert _words(_load(_tt('<div><p begin="1s" end="2s">Hello <br/>friend</p></div>'))) == [
        ("Hello", 1000, 1454),
        ("friend", 1454, 2000),
    ]


# -- speakers ---------------------------------------------------------------------------------

AGENTS = """<metadata>
  <ttm:agent xml:id="zoe" type="person">
    <ttm:name type="alias">Zo</ttm:name><ttm:name type="full">Zoë  Müller</ttm:name>
  </ttm:agent>
  <ttm:agent xml:id="jose" type="person"><ttm:name type="family">Núñez</ttm:name></ttm:agent>
  <ttm:agent xml:id="bob" type="character"><ttm:actor agent="jose"/></ttm:agent>
  <ttm:agent xml:id="nameless" type="person"/>
</metadata>"""


def test_agents_name_the_speakers() -> None:
    doc = _tt(
        """<div ttm:agent="zoe">
<p begin="0s" end="1s">Inherited from the div.</p>
<p begin="1s" end="2s" ttm:agent="jose">Hola. <span ttm:agent="bob">Hi!</span> Bye.</p>
<p begin="2s" end="3s" ttm:agent="nameless">Who?</p>
<p begin="3s" end="4s" ttm:agent="ghost">Boo.</p>
<p begin="4s" end="5s" ttm:agent="zoe jose">Both.</p>
</div>
<div><p begin="5s" end="6s">ANN: No agent, a label.</p></div>""",
        head=AGENTS,
    )
    transcript = _load(doc)
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Inherited", "Zoë Müller"),
        ("from", "Zoë Müller"),
        ("the", "Zoë Müller"),
        ("div.", "Zoë Müller"),
        ("Hola.", "Núñez"),
        ("Hi!", "Núñez"),  # a character with no name is named by its actor
        ("Bye.", "Núñez"),
        ("Who?", "nameless"),  # no name: the agent's id
        ("Boo.", "ghost"),  # not defined: its id, with a diagnostic
        ("Both.", "Zoë Müller"),  # two agents: the div's agent still holds
        ("No", "ANN"),
        ("agent,", "ANN"),
        ("a", "ANN"),
        ("label.", "ANN"),
    ]
    assert [s.name for s in transcript.speakers] == [
        "Zoë Müller",
        "Núñez",
        "nameless",
        "ghost",
        "ANN",
    ]
    unknown = [d for d in transcript.diagnostics if d.code == "ttml-unknown-agent"]
    assert len(unknown) == 1
    assert f"line {_line(doc, 'ghost')}" in unknown[0].message


def test_agent_on_a_span_changes_the_speaker_inside_a_cue() -> None:
    doc = _tt(
        '<div><p begin="0s" end="2s"><span ttm:agent="zoe">Hi.</span>'
        '<br/><span ttm:agent="jose">Hey.</span></p></div>',
        head=AGENTS,
    )
    transcript = _load(doc)
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("Hi.", "Zoë Müller"),
        ("Hey.", "Núñez"),
    ]
    assert transcript.turns() == [(0, 1), (1, 2)]


def test_labels_and_dashes_as_in_srt() -> None:
    doc = _tt(
        '<div><p begin="0s" end="2s">ZOË: Are you ready?<br/>- JOSÉ NÚÑEZ: Almost.</p>'
        '<p begin="3s" end="4s">Give me a minute.</p>'
        '<p begin="5s" end="6s">- Now?<br/>- Now.</p></div>'
    )
    srt_text = (
        "1\n00:00:00,000 --> 00:00:02,000\nZOË: Are you ready?\n- JOSÉ NÚÑEZ: Almost.\n\n"
        "2\n00:00:03,000 --> 00:00:04,000\nGive me a minute.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\n- Now?\n- Now.\n"
    )
    ours = _load(doc)
    theirs = cuecraft.load(srt_text.encode(), "srt")
    assert [(w.text, w.speaker, w.start_ms, w.end_ms) for w in ours.words] == [
        (w.text, w.speaker, w.start_ms, w.end_ms) for w in theirs.words
    ]
    assert ours.speakers == theirs.speakers


# -- namespaces, language, encodings ----------------------------------------------------------


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_dfxp_namespaces(namespace: str) -> None:
    doc = _tt(
        '<div><p begin="00:00:01:00" end="50f">Old <span tts:color="red">school</span>.</p></div>',
        attributes='ttp:frameRate="25"',
        namespace=namespace,
    )
    assert sniff(doc.encode())
    transcript = cuecraft.load(doc.encode())
    assert transcript.source.format == "ttml"
    assert transcript.source.metadata == {"namespace": namespace}
    assert _cues(transcript) == [(1000, 2000, "Old school.")]


def test_ebu_tt_d_with_prefixed_elements() -> None:
    doc = f"""<?xml version="1.0" encoding="UTF-8"?>
<tt:tt xmlns:tt="{TT}" xmlns:ttp="{TT}#parameter" xmlns:ebuttm="urn:ebu:tt:metadata"
  ttp:timeBase="media" ttp:cellResolution="50 30" xml:lang="de-de">
  <tt:head><tt:metadata><ebuttm:documentMetadata/></tt:metadata></tt:head>
  <tt:body><tt:div>
    <tt:p xml:id="s1" begin="00:00:01.000" end="00:00:02.500">
      <tt:span style="white">Grüß Gott,</tt:span><tt:br/><tt:span>Frau Müller.</tt:span>
    </tt:p>
  </tt:div></tt:body>
</tt:tt>"""
    assert sniff(doc.encode())
    transcript = cuecraft.load(doc.encode())
    assert _cues(transcript) == [(1000, 2500, "Grüß Gott, Frau Müller.")]
    assert transcript.language == "de-DE"


def test_xml_lang_becomes_the_language() -> None:
    doc = _tt('<div><p begin="0s" end="1s">Hola.</p></div>').replace('xml:lang="en"', "")
    assert _load(doc).language is None
    assert _load(doc.replace("<tt ", '<tt xml:lang="es-mx" ')).language == "es-MX"
    assert _load(doc.replace("<tt ", '<tt xml:lang="" ')).language is None


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_file(tmp_path: Path, encoding: str) -> None:
    label = {"utf-16": "UTF-16", "utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}.get(
        encoding, "UTF-32"
    )
    doc = _tt('<div><p begin="1s" end="2s">Ça va, Zoë? 你好</p></div>').replace(
        'encoding="UTF-8"', f'encoding="{label}"'
    )
    path = tmp_path / "subtitles.ttml"
    path.write_bytes(doc.encode(encoding))
    assert sniff(path.read_bytes())
    transcript = cuecraft.load(path)
    assert [w.text for w in transcript.words] == ["Ça", "va,", "Zoë?", "你好"]
    assert transcript.source.name == str(path)


# -- detection -------------------------------------------------------------------------------

SIMPLE = _tt('<div><p begin="1s" end="2s">Hello there.</p></div>')


def test_detected_from_bytes_without_a_format() -> None:
    spec, doc = detect(SIMPLE.encode(), source="x")
    assert spec is SPEC
    assert doc == SIMPLE.encode()
    assert READERS["ttml"] is SPEC
    assert SPEC.kind == "binary"
    assert ".dfxp" in SPEC.extensions
    transcript = cuecraft.load(SIMPLE.encode())
    assert _words(transcript) == [("Hello", 1000, 1454), ("there.", 1454, 2000)]
    # A BOM, comments and processing instructions before the root are fine.
    prolog = b'\xef\xbb\xbf<?xml version="1.0"?>\n<!-- made by hand -->\n<?pi x?>\n'
    assert cuecraft.load(prolog + SIMPLE.split("\n", 1)[1].encode()).source.format == "ttml"


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
        b'<tt xmlns="urn:not-ttml"><body><div><p begin="1s" end="2s">x</p></div></body></tt>',
        b'<tt:tt xmlns="http://www.w3.org/ns/ttml" xmlns:tt="urn:other"/>',
        b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        b'<ttx xmlns="http://www.w3.org/ns/ttml"/>',
        b"<!-- <tt xmlns='http://www.w3.org/ns/ttml'> --><root/>",
        b"",
        b"1\n00:00:01,000 --> 00:00:02,000\nHi\n",
    ],
)
def test_sniff_refuses_other_documents(data: bytes) -> None:
    assert not sniff(data)


def test_detection_is_unambiguous_against_stl_and_srt() -> None:
    stl_bytes = (
        b"850STL25.01" + b" " * 1013 + b"\x00" * 128
    )  # a GSI-like start is all STL needs to claim it
    assert stl.sniff(stl_bytes)
    assert not sniff(stl_bytes)
    assert not stl.sniff(SIMPLE.encode())
    assert not srt.sniff(SIMPLE)
    matching = [s.name for s in READERS.values() if s.kind == "binary" and s.sniff(SIMPLE.encode())]
    assert matching == ["ttml"]
    # A text that is not TTML is still text, not binary.
    assert detect(b"1\n00:00:01,000 --> 00:00:02,000\nHi\n", source="a.srt")[0].name == "srt"
    with pytest.raises(FormatDetectionError):
        detect(b"<rss/>", source="feed.xml")


# -- the command line ------------------------------------------------------------------------


def test_cli_converts_ttml_to_srt(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "x.ttml"
    source.write_text(
        _tt(
            '<div><p begin="00:00:01.000" end="00:00:03.000">Hello there,<br/>my friend.</p>'
            '<p begin="4s" end="6s">Goodbye.</p></div>'
        ),
        encoding="utf-8",
    )
    target = tmp_path / "x.srt"
    assert cli.main(["convert", str(source), "-o", str(target)]) == 0
    assert capsys.readouterr().err == ""
    events = pysubs2.SSAFile.from_string(target.read_text(encoding="utf-8"), format_="srt")
    assert [(e.start, e.end, e.plaintext.split()) for e in events] == [
        (1000, 3000, ["Hello", "there,", "my", "friend."]),
        (4000, 6000, ["Goodbye."]),
    ]
    bad = tmp_path / "bad.dfxp"
    bad.write_text(_tt('<div><p begin="1x" end="2s">Oops</p></div>'), encoding="utf-8")
    assert cli.main(["convert", str(bad), "-o", str(tmp_path / "bad.srt")]) == 1
    assert f"{bad}: line 5: " in capsys.readouterr().err


# -- errors ----------------------------------------------------------------------------------


def _error(doc: str | bytes, **options: Any) -> InputError:
    data = doc.encode() if isinstance(doc, str) else doc
    with pytest.raises(InputError) as caught:
        cuecraft.load(data, "ttml", source="bad.ttml", **options)
    assert caught.value.source == "bad.ttml"
    return caught.value


def test_malformed_xml_has_its_line() -> None:
    doc = _tt('<div><p begin="1s" end="2s">Open</div>')
    assert _error(doc).line == _line(doc, "Open")


@pytest.mark.parametrize(
    "expression",
    ["1x", "00:60:00", "00:00:60", "00:00:01:30", "0:60", "1:2", "1,5", "00:00:01,", "-1s",
     "1.s", "00:00:01:10.2", "9" * 80 + "s", "99999999999h", "", "1e3", "1_000", "1:00:00:00:00"],
)  # fmt: skip
def test_bad_time_expressions_have_their_line(expression: str) -> None:
    doc = _tt(f'<div>\n<p begin="0s" end="1s">Fine.</p>\n<p begin="{expression}">Bad.</p>\n</div>')
    error = _error(doc)
    assert error.line == _line(doc, "Bad.")
    assert "begin=" in str(error)


@pytest.mark.parametrize(
    "attributes",
    [
        'ttp:frameRate="abc"',
        'ttp:frameRate="0"',
        'ttp:frameRateMultiplier="1000"',
        'ttp:tickRate="-5"',
        'ttp:timeBase="local"',
        'ttp:timeBase="smpte" ttp:dropMode="dropPAL"',
    ],
)
def test_bad_parameters_name_the_tt_element(attributes: str) -> None:
    doc = _tt('<div><p begin="1s" end="2s">Hi</p></div>', attributes=attributes)
    assert _error(doc).line == 2


def test_bad_time_container_has_its_line() -> None:
    doc = _tt('<div timeContainer="excl"><p begin="1s" end="2s">Hi</p></div>')
    assert _error(doc).line == 5


@pytest.mark.parametrize(
    "body",
    [
        "",
        '<div><p begin="1s" end="2s">   </p><p begin="1s" end="2s"><br/></p></div>',
        "<div>text outside a p is not a cue</div><div><p><metadata>x</metadata></p></div>",
    ],
)
def test_no_p_with_text_names_the_body(body: str) -> None:
    doc = _tt(body)
    error = _error(doc)
    assert "no <p> with text" in str(error)
    assert error.line == _line(doc, "<body>")


def test_no_body_names_the_root() -> None:
    doc = f'<tt xmlns="{TT}">\n<head/>\n</tt>'
    assert _error(doc).line == 1


def test_a_root_that_is_not_tt_is_refused_with_its_line() -> None:
    assert _error('<?xml version="1.0"?>\n<html/>').line == 2


def test_cue_time_that_cannot_be_determined_has_its_line() -> None:
    # A begin without any end is roll-up (test_ttml_realworld.py); no time at all is an error.
    untimed = _tt("<div>\n<p>No times anywhere.</p>\n</div>")
    assert _error(untimed).line == _line(untimed, "No times")
    after_open = _tt('<div timeContainer="seq">\n<p begin="1s">A</p>\n<p dur="1s">B</p>\n</div>')
    # A (begin, no end) is roll-up, but in a seq container B's begin depends on A's end.
    assert _error(after_open).line == _line(after_open, ">B<")
    # Textless p elements are not cues, so their missing times do not matter.
    assert _cues(_load(_tt('<div><p/><p begin="1s" end="2s">Ok</p><p> </p></div>'))) == [
        (1000, 2000, "Ok")
    ]


def test_cue_ending_before_it_begins_small_is_repaired_large_is_an_error() -> None:
    small = _tt('<div><p begin="2s" end="1950ms">Oops.</p></div>')
    transcript = _load(small)
    assert _words(transcript) == [("Oops.", 2000, 2000)]
    assert [(d.code, d.cue_index) for d in transcript.diagnostics] == [("end-before-start", 0)]
    large = _tt('<div>\n<p begin="0s" end="1s">Fine.</p>\n<p begin="5s" end="1s">Oops.</p>\n</div>')
    assert _error(large).line == _line(large, "Oops.")
    assert _words(_load(large, strict=False))[-1] == ("Oops.", 5000, 5000)
    # A p that begins after its div has ended would never be shown: its words are kept, with
    # its own times and a warning (it used to be an error).
    late = _tt('<div end="3s">\n<p begin="4s" end="5s">Too late.</p>\n</div>')
    transcript = _load(late)
    assert _words(transcript) == [("Too", 4000, 4375), ("late.", 4375, 5000)]
    (note,) = [d for d in transcript.diagnostics if d.code == "ttml-outside-parent"]
    assert note.message.startswith(f"line {_line(late, 'Too late.')}:")


def test_cues_out_of_document_order_are_sorted_with_a_note() -> None:
    doc = _tt(
        '<div region="top"><p begin="3s" end="4s">Second.</p></div>\n'
        '<div region="bottom"><p begin="1s" end="2s">First.</p></div>'
    )
    transcript = _load(doc)
    assert [w.text for w in transcript.words] == ["First.", "Second."]
    notes = [d for d in transcript.diagnostics if d.code == "ttml-order"]
    assert [d.severity for d in notes] == ["info"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE tt [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<tt xmlns="http://www.w3.org/ns/ttml"><body><div>
<p begin="0s" end="1s">&lol4;</p></div></body></tt>"""


@pytest.mark.parametrize("format", ["ttml", None])
def test_billion_laughs_and_external_entities_are_refused(
    tmp_path: Path, format: str | None
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xxe = (
        f'<?xml version="1.0"?>\n<!DOCTYPE tt [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>\n'
        f'<tt xmlns="{TT}"><body><div><p begin="0s" end="1s">&xxe;</p></div></body></tt>'
    )
    for doc in (BILLION_LAUGHS, xxe, xxe.replace('"?>', '" encoding="UTF-16"?>', 1)):
        data = doc.encode("utf-16" if "UTF-16" in doc else "utf-8")
        with pytest.raises(InputError) as caught:
            cuecraft.load(data, format, source="evil.ttml")
        assert "TOP SECRET" not in str(caught.value)
        assert caught.value.source == "evil.ttml"
        if format is not None:
            assert "DOCTYPE" in str(caught.value)


def test_hostile_mutations_raise_input_errors_only() -> None:
    original = _tt(
        '<div begin="1s"><p begin="00:00:01:12" end="3s" ttm:agent="zoe">Hi <span>you</span>'
        '<br/>there</p><p begin="4000t" dur="20f">- JO: Yes.</p></div>',
        attributes='ttp:frameRate="25" ttp:tickRate="1000"',
        head=AGENTS,
    ).encode()
    generator = random.Random(20240601)
    pieces = [b"<", b">", b'"', b"&", b"0", b":", b"<br/>", b"\x00", b"\xff", b"</p>", b"<p>"]
    for _ in range(300):
        data = bytearray(original)
        for _ in range(generator.randint(1, 6)):
            position = generator.randrange(len(data))
            piece = generator.choice(pieces)
            data[position : position + generator.randint(0, 3)] = piece
        for strict in (True, False):
            outcome = _outcome(bytes(data), strict=strict)
            assert outcome.source == "<bytes>" if isinstance(outcome, InputError) else outcome.words


def _outcome(data: bytes, *, strict: bool) -> cuecraft.Transcript | InputError:
    """A transcript or the InputError; any other exception escapes and fails the test."""
    try:
        return cuecraft.load(data, "ttml", strict=strict)
    except InputError as error:
        return error


# -- agreement with ttconv -------------------------------------------------------------------


def _ttconv_cues(doc: str) -> list[tuple[int, int, str]]:
    """(begin, end, text) of each p, as ttconv's model has them (times relative to parents)."""
    from ttconv import model
    from ttconv.imsc import reader

    document = reader.to_model(ElementTree.ElementTree(ElementTree.fromstring(doc)))
    assert document is not None
    cues: list[tuple[int, int, str]] = []

    def text(element: Any) -> str:
        if isinstance(element, model.Text):
            return str(element.get_text())
        if isinstance(element, model.Br):
            return " "
        return "".join(text(child) for child in element)

    def walk(element: Any, offset: Fraction) -> None:
        begin = offset + (element.get_begin() or 0)
        if isinstance(element, model.P):
            end = offset + element.get_end()
            ms = [int(value * 1000 + Fraction(1, 2)) for value in (begin, end)]
            cues.append((ms[0], ms[1], " ".join(text(element).split())))
            return
        for child in element:
            walk(child, begin)

    walk(document.get_body(), Fraction(0))
    return cues


def test_cue_texts_and_times_agree_with_ttconv() -> None:
    doc = _tt(
        """<div begin="2s">
  <p begin="00:00:01:12" end="00:00:02:29">Hello <span>there</span>,<br/>friend.</p>
  <p begin="35000000t" end="40000000t">Tick <span>tock</span>.</p>
  <p begin="150f" dur="45f">Frames at 29.97.</p>
  <p begin="00:00:10.5" end="12s">Clock and offset.</p>
</div>
<div begin="20s"><p begin="1.5m" end="00:01:32:15">Later.</p></div>""",
        attributes=(
            'ttp:frameRate="30" ttp:frameRateMultiplier="1000 1001" ttp:tickRate="10000000"'
        ),
    )
    theirs = _ttconv_cues(doc)
    assert len(theirs) == 5
    assert _cues(_load(doc)) == theirs


# -- property: what we write as TTML reads back ------------------------------------------------

# A word never starts with ">>": leading a row, that is a speaker-change mark, not a word
# (the writers never produce one: they write a look-alike, writers/_neutral.lead_mark).
_WORD = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzäöüßé.,?!'&<>\"", min_size=1, max_size=10
).filter(lambda word: not word.startswith(">>"))


@st.composite
def _documents(draw: st.DrawFn) -> tuple[str, list[tuple[int, int, list[list[str]]]]]:
    """A TTML document of non-overlapping cues in random divs and time expressions."""
    cues: list[tuple[int, int, list[list[str]]]] = []
    clock = draw(st.integers(min_value=0, max_value=10_000))
    for _ in range(draw(st.integers(min_value=1, max_value=8))):
        clock += draw(st.integers(min_value=0, max_value=3000))
        duration = draw(st.integers(min_value=0, max_value=6000))
        rows = draw(st.lists(st.lists(_WORD, min_size=1, max_size=6), min_size=1, max_size=3))
        cues.append((clock, clock + duration, rows))
        clock += duration

    def expression(ms: int) -> str:
        style = draw(st.sampled_from(["clock", "ms", "s", "ticks"]))
        if style == "clock":
            return (
                f"{ms // 3_600_000:02}:{ms // 60_000 % 60:02}:{ms // 1000 % 60:02}.{ms % 1000:03}"
            )
        if style == "s":
            return f"{ms / 1000:.3f}s"
        return f"{ms}t" if style == "ticks" else f"{ms}ms"

    divs: list[str] = []
    index = 0
    while index < len(cues):
        size = draw(st.integers(min_value=1, max_value=len(cues) - index))
        group = cues[index : index + size]
        offset = draw(st.integers(min_value=0, max_value=group[0][0]))
        paragraphs = []
        for start, end, rows in group:
            text = "<br/>".join(
                f"<span>{escape(' '.join(row))}</span>"
                if draw(st.booleans())
                else escape(" ".join(row))
                for row in rows
            )
            timing = f'begin="{expression(start - offset)}" '
            if draw(st.booleans()):
                timing += f'end="{expression(end - offset)}"'
            else:
                timing += f'dur="{expression(end - start)}"'
            paragraphs.append(f"<p {timing}>{text}</p>")
        divs.append(f'<div begin="{expression(offset)}">{"".join(paragraphs)}</div>')
        index += size
    return _tt("\n".join(divs), attributes='ttp:tickRate="1000"'), cues


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(document=_documents())
def test_generated_ttml_reads_back_the_same_words_inside_their_cues(
    document: tuple[str, list[tuple[int, int, list[list[str]]]]],
) -> None:
    doc, cues = document
    transcript = cuecraft.load(doc.encode("utf-8"))
    expected = [word for _, _, rows in cues for row in rows for word in " ".join(row).split()]
    assert [w.text for w in transcript.words] == expected
    position = 0
    for start, end, rows in cues:
        count = len(" ".join(" ".join(row) for row in rows).split())
        words = transcript.words[position : position + count]
        assert words[0].paragraph_start
        assert words[0].start_ms == start
        assert words[-1].end_ms == end
        assert all(start <= w.start_ms <= w.end_ms <= end for w in words)
        position += count
