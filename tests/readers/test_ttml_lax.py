"""Regression tests for TTML documents real tools write (issue #9 corpus: astisub, ttconv):
``<tt>`` without a namespace, ``ttp:frameRateMultiplier="1:1"``, documents with no timing.

Each test builds the smallest input that showed the defect and checks what is read now.
"""

from __future__ import annotations

import pytest

import cuecraft
from cuecraft.errors import InputError
from cuecraft.readers import detect
from cuecraft.readers.ttml import read_cues, sniff

TT = "http://www.w3.org/ns/ttml"
TTP = "http://www.w3.org/ns/ttml#parameter"


def _words(transcript: cuecraft.Transcript) -> list[tuple[str, int, int]]:
    return [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


def _codes(transcript: cuecraft.Transcript) -> list[str]:
    return [d.code for d in transcript.diagnostics]


# -- <tt> without the TTML namespace ----------------------------------------------------------

NO_NAMESPACE = b"""<tt>
  <head>
  </head>
  <body>
    <div>
      <p begin="00:00:00.000" end="00:00:01.000"><span>First<br/>Second</span></p>
      <p begin="00:00:01.000" end="00:00:02.000">Third <span>middle</span><br></br>line</p>
    </div>
  </body>
</tt>
"""


def test_a_tt_root_without_namespace_is_detected_and_read() -> None:
    assert sniff(NO_NAMESPACE)
    assert detect(NO_NAMESPACE, source="x")[0].name == "ttml"
    transcript = cuecraft.load(NO_NAMESPACE)  # strict
    assert transcript.source.format == "ttml"
    assert [w.text for w in transcript.words] == ["First", "Second", "Third", "middle", "line"]
    assert transcript.words[2].start_ms == 1000
    (note,) = [d for d in transcript.diagnostics if d.code == "ttml-no-namespace"]
    assert note.severity == "info"
    assert note.message.startswith("line 1:")
    # cuecraft check reads the same cues, rows split at <br>.
    assert read_cues(NO_NAMESPACE) == [
        (0, 1000, ("First", "Second")),
        (1000, 2000, ("Third middle", "line")),
    ]


@pytest.mark.parametrize(
    "data",
    [
        b'<tt xmlns="urn:not-ttml"><body><div><p begin="1s" end="2s">x</p></div></body></tt>',
        b'<tt:tt xmlns:tt="urn:other"><tt:body/></tt:tt>',
        b"<ttx><body/></ttx>",
        b"<tts><body/></tts>",
    ],
)
def test_other_tt_like_roots_are_still_refused(data: bytes) -> None:
    assert not sniff(data)


def test_a_namespaced_document_keeps_unqualified_elements_out() -> None:
    # Only a root in no namespace adopts TTML; in a TTML document an element in no
    # namespace (xmlns="") is still not TTML text.
    doc = (
        f'<tt xmlns="{TT}"><body><div><p begin="1s" end="2s">Kept '
        '<x xmlns="">gone</x></p></div></body></tt>'
    ).encode()
    transcript = cuecraft.load(doc, "ttml")
    assert [w.text for w in transcript.words] == ["Kept"]
    assert "ttml-no-namespace" not in _codes(transcript)


# -- ttp:frameRateMultiplier with a colon -----------------------------------------------------


def _framed(multiplier: str) -> bytes:
    return (
        f'<tt xmlns="{TT}" xmlns:ttp="{TTP}" ttp:frameRate="30" '
        f'ttp:frameRateMultiplier="{multiplier}"><body><div>'
        '<p begin="300f" end="600f">Frames here</p>'
        "</div></body></tt>"
    ).encode()


def test_frame_rate_multiplier_with_a_colon_is_read_as_a_ratio_with_a_note() -> None:
    colon = cuecraft.load(_framed("1000:1001"))
    space = cuecraft.load(_framed("1000 1001"))
    assert _words(colon) == _words(space)
    # 300 frames at 30000/1001 fps: 10.010 s, so the ratio was applied.
    assert colon.words[0].start_ms == 10_010
    (note,) = [d for d in colon.diagnostics if d.code == "ttml-parameter"]
    assert note.severity == "info"
    assert "'1000:1001'" in note.message
    assert "ttml-parameter" not in _codes(space)
    assert cuecraft.load(_framed("1:1")).words[0].start_ms == 10_000


@pytest.mark.parametrize("multiplier", ["1:0", "1:", "1::1", "a:b", "1;1"])
def test_malformed_multipliers_stay_errors(multiplier: str) -> None:
    with pytest.raises(InputError, match="frameRateMultiplier"):
        cuecraft.load(_framed(multiplier), "ttml")


# -- documents with no timing at all ----------------------------------------------------------

UNTIMED = f"""<tt xmlns="{TT}" xml:lang="en">
<head><layout><region xml:id="r1"/></layout></head>
<body region="r1">
<div>
<p>Hi</p>
<p>
   hello <span>my name</span>
is Mathilda    <span> </span>
   and I live here</p>
<p><span> </span></p>
<p>bonjour<br/>mon nom</p>
</div>
</body>
</tt>
"""


def test_untimed_document_is_an_error_in_strict_mode_naming_the_way_out() -> None:
    with pytest.raises(InputError) as caught:
        cuecraft.load(UNTIMED.encode(), "ttml", source="u.ttml")
    assert caught.value.line == 5
    assert "has no timing at all" in str(caught.value)
    assert "strict=False" in str(caught.value)


def test_untimed_document_keeps_every_word_with_made_up_times_when_lenient() -> None:
    transcript = cuecraft.load(UNTIMED.encode(), "ttml", strict=False)
    texts = " ".join(w.text for w in transcript.words)
    assert texts == "Hi hello my name is Mathilda and I live here bonjour mon nom"
    cues = [
        (w.start_ms, w.text) for w in transcript.words if w.paragraph_start
    ]  # one cue per <p>, one after another
    assert [start for start, _ in cues] == [0, 1000, 3733]
    # "Hi": 1 s at least; "hello my name is Mathilda and I live here": 41 characters / 15.
    assert transcript.words[-1].end_ms == 3733 + 1000  # "bonjour mon nom": 15 characters
    (warning,) = [d for d in transcript.diagnostics if d.code == "ttml-no-timing"]
    assert warning.severity == "warning"
    assert warning.message.startswith("line 5:")
    assert "3 <p>" in warning.message
    assert "made up" in warning.message


def test_a_partly_timed_document_is_still_an_error_when_lenient() -> None:
    # Only a document with no time anywhere gets made-up times: here the untimed <p> is a
    # real defect next to timed ones.
    doc = (
        f'<tt xmlns="{TT}"><body><div>\n<p begin="1s" end="2s">Timed</p>\n'
        "<p>Untimed</p>\n</div></body></tt>"
    ).encode()
    with pytest.raises(InputError) as caught:
        cuecraft.load(doc, "ttml", strict=False)
    assert caught.value.line == 3
    assert "no timing at all" not in str(caught.value)


def test_an_untimed_seq_container_gets_made_up_times_too() -> None:
    doc = (
        f'<tt xmlns="{TT}"><body timeContainer="seq">\n<div>\n<p>One</p>\n<p>Two</p>\n</div>\n'
        "<div><p>Three</p></div>\n</body></tt>"
    ).encode()
    with pytest.raises(InputError):
        cuecraft.load(doc, "ttml")
    transcript = cuecraft.load(doc, "ttml", strict=False)
    assert _words(transcript) == [("One", 0, 1000), ("Two", 1000, 2000), ("Three", 2000, 3000)]
    assert _codes(transcript).count("ttml-no-timing") == 1
