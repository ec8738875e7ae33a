"""Interactive HTML writer: read back by lxml's HTML parser and by headless Chromium.

The browser tests load the written page beside a silent WAV file as its media, click words and
timestamps, and read the player's ``currentTime``; they also collect every console error and
uncaught exception. They skip, saying why, when Chromium is not installed (``.ci/run``
installs it).
"""

from __future__ import annotations

import html as html_lib
import json
import re
import wave
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import lxml.html
import pytest
from hypothesis import given, settings

from cuecraft import api
from cuecraft.model import Diagnostic, Highlight, Speaker, Transcript, Word
from cuecraft.writers import get_writer
from cuecraft.writers._document import clean_text
from tests.strategies import transcripts
from tests.writers._browser import CHROMIUM, dump_dom
from tests.writers.test_docx import interview

SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "amberscript" / "interview.json"
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


def render_html(
    transcript: Transcript, options: Mapping[str, Any] | None = None, title: str | None = None
) -> tuple[str, list[Diagnostic]]:
    data, notes = api.render(transcript, get_writer("html"), options=options, title=title)
    return data.decode("utf-8"), notes


def parse(page: str) -> Any:
    return lxml.html.document_fromstring(page)


def hostile() -> Transcript:
    """Words a page must show as text: markup, entities, quotes and a script end tag."""
    texts = ["<b>bold</b>", "&amp;", "a&b", '"quoted"', "it's", "</script><script>x()</script>"]
    texts += ["<!--", "-->", "\u05e9\u05dc\u05d5\u05dd"]
    words = [
        Word(text=text, start_ms=1000 * n, end_ms=1000 * n + 500, speaker="s1")
        for n, text in enumerate(texts)
    ]
    return Transcript(words=tuple(words), speakers=(Speaker(id="s1", name='<i>"Ann" & co</i>'),))


# ------------------------------------------------------------------ structure, read by lxml


def test_every_word_is_a_span_with_its_times_in_order() -> None:
    transcript = interview()
    document = parse(render_html(transcript)[0])
    spans = document.xpath('//span[contains(concat(" ", @class, " "), " w ")]')
    assert [span.text_content() for span in spans] == [word.text for word in transcript.words]
    assert [(int(s.get("data-start")), int(s.get("data-end"))) for s in spans] == [
        (word.start_ms, word.end_ms) for word in transcript.words
    ]


@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_turns_have_time_links_and_speaker_labels(layout: str) -> None:
    transcript = interview()
    document = parse(render_html(transcript, {"layout": layout}, title="Interview")[0])
    assert [h.text_content() for h in document.xpath("//h1")] == ["Interview"]
    links = document.xpath('//a[@class="time"]')
    turns = transcript.turns()
    assert len(links) == len(turns)
    for number, (link, (first, _)) in enumerate(zip(links, turns, strict=True), start=1):
        assert link.get("href") == f"#turn-{number}"
        assert document.get_element_by_id(f"turn-{number}") is not None
        assert int(link.get("data-start")) == transcript.words[first].start_ms
    speakers = [s.text_content() for s in document.find_class("speaker")]
    assert speakers == [transcript.speaker_name(transcript.words[f].speaker) for f, _ in turns]
    if layout == "table":
        assert [th.text_content() for th in document.xpath("//thead//th")] == [
            "Timecode",
            "Speaker",
            "Text",
        ]
    else:
        assert len(document.xpath("//section/h2")) == len(turns)


def test_highlights_are_marks_and_low_confidence_words_are_flagged() -> None:
    transcript = interview()
    document = parse(render_html(transcript, {"min_confidence": 0.5})[0])
    marked = [m.text_content() for m in document.xpath("//mark")]
    expected = [
        " ".join(w.text for w in transcript.words[h.first : h.stop]) for h in transcript.highlights
    ]
    assert marked == expected
    flagged = [s.text_content() for s in document.find_class("review")]
    low = [w.text for w in transcript.words if w.confidence is not None and w.confidence < 0.5]
    assert flagged == low
    hidden = parse(render_html(transcript, {"show_highlights": False})[0])
    assert hidden.xpath("//mark") == []


def test_hostile_text_is_escaped_and_stays_text() -> None:
    transcript = hostile()
    page, notes = render_html(transcript, {"media": 'a"b<c>.mp3'}, title="</title><x>")
    assert notes == []
    assert page.count("<script>") == 1  # only ours
    document = parse(page)
    spans = document.find_class("w")
    assert [span.text_content() for span in spans] == [word.text for word in transcript.words]
    assert document.find(".//title").text == "</title><x>"
    assert document.find_class("speaker")[0].text_content() == '<i>"Ann" & co</i>'
    assert document.get_element_by_id("media").get("src") == 'a"b<c>.mp3'


def test_the_page_is_self_contained_and_has_no_player_without_media() -> None:
    page = render_html(interview())[0]
    document = parse(page)
    assert document.xpath("//audio | //video") == []
    assert not re.search(r"(src|href)=\"(https?:)?//", page)
    assert document.xpath("//link | //script[@src] | //img | //iframe") == []


@pytest.mark.parametrize(
    ("media", "kind", "element"),
    [
        ("talk.mp3", "auto", "audio"),
        ("https://example.org/talk.MP4?x=1", "auto", "video"),
        ("talk.ogg", "video", "video"),
    ],
)
def test_media_option_embeds_the_right_player(media: str, kind: str, element: str) -> None:
    document = parse(render_html(interview(), {"media": media, "media_kind": kind})[0])
    (player,) = document.xpath("//audio | //video")
    assert player.tag == element
    assert player.get("src") == media
    assert player.get("controls") is not None


@given(transcripts())
@settings(max_examples=30)
def test_any_transcript_keeps_every_word_in_order(transcript: Transcript) -> None:
    page, _ = render_html(transcript, {"include_timestamps": False})
    spans = parse(page).find_class("w") if transcript.words else []
    shown = [(s.text_content(), int(s.get("data-start"))) for s in spans]
    # Control characters are removed (with a diagnostic); a word of nothing else is left out.
    expected = [(clean_text(w.text)[0], w.start_ms) for w in transcript.words]
    assert shown == [(text, start) for text, start in expected if text]


# ------------------------------------------------------------------ in a real browser

_PROBE_HEAD = """<script>
window.__errors = [];
window.addEventListener("error", function (e) { window.__errors.push(String(e.message)); });
window.addEventListener("unhandledrejection", function (e) {
  window.__errors.push("rejection: " + String(e.reason)); });
var __consoleError = console.error;
console.error = function () { window.__errors.push(Array.from(arguments).join(" "));
  __consoleError.apply(console, arguments); };
</script>"""

_PROBE_END = """<pre id="probe">pending</pre><script>
(function () {
  var media = document.getElementById("media");
  var out = document.getElementById("probe");
  function run() {
    var clicks = [];
    var words = Array.from(document.querySelectorAll(".w"));
    var links = Array.from(document.querySelectorAll("a.time"));
    // Back to front, so every click moves the player (a click to the current time would
    // not prove anything).
    words.slice().reverse().forEach(function (w) {
      w.click();
      clicks.push({kind: "word", text: w.textContent, start: Number(w.dataset.start),
                   time: media.currentTime, active: w.classList.contains("active")});
    });
    links.forEach(function (a) {
      a.click();
      clicks.push({kind: "link", start: Number(a.dataset.start), time: media.currentTime});
    });
    out.textContent = JSON.stringify({clicks: clicks, errors: window.__errors,
                                      duration: media.duration});
  }
  if (media.readyState >= 1) { run(); }
  else {
    media.addEventListener("loadedmetadata", run);
    media.addEventListener("error", function () {
      out.textContent = JSON.stringify({mediaError: String(media.error && media.error.code)});
    });
  }
})();
</script>"""
_PROBE = re.compile(r'<pre id="probe">(.*?)</pre>', re.DOTALL)


def silent_wav(path: Path, seconds: float) -> None:
    """A silent 8 kHz mono WAV: real media the browser can seek in."""
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(8000)
        out.writeframes(b"\x80" * int(8000 * seconds))


def run_in_browser(page: str, tmp_path: Path) -> dict[str, Any]:
    """Load the page beside ``media.wav``, click every word and timestamp, report."""
    probed = page.replace("<head>", "<head>" + _PROBE_HEAD, 1).replace(
        "</body>", _PROBE_END + "</body>", 1
    )
    path = tmp_path / "page.html"
    path.write_text(probed, encoding="utf-8")
    dom, log = dump_dom(path, tmp_path / "profile")
    found = _PROBE.search(dom)
    assert found is not None, dom[-2000:]
    report: dict[str, Any] = json.loads(html_lib.unescape(found.group(1)))
    report["log"] = [line for line in log.splitlines() if "CONSOLE" in line]
    return report


@needs_chromium
@pytest.mark.parametrize("layout", ["paragraphs", "table"])
def test_clicking_a_word_seeks_the_player_to_its_start(tmp_path: Path, layout: str) -> None:
    transcript = interview()
    silent_wav(tmp_path / "media.wav", transcript.end_ms / 1000 + 1)
    page = render_html(transcript, {"media": "media.wav", "layout": layout})[0]
    report = run_in_browser(page, tmp_path)
    assert "mediaError" not in report, report
    assert report["errors"] == []
    assert not [line for line in report["log"] if "ERROR" in line or "Uncaught" in line]
    words = [c for c in report["clicks"] if c["kind"] == "word"]
    assert [c["text"] for c in words] == [w.text for w in reversed(transcript.words)]
    for click in words:
        assert click["time"] * 1000 == pytest.approx(click["start"], abs=1)
        assert click["active"], click  # the clicked word is the one highlighted
    links = [c for c in report["clicks"] if c["kind"] == "link"]
    assert len(links) == len(transcript.turns())
    for click in links:
        assert click["time"] * 1000 == pytest.approx(click["start"], abs=1)


@needs_chromium
def test_hostile_words_load_without_errors_and_seek(tmp_path: Path) -> None:
    transcript = hostile()
    silent_wav(tmp_path / "media.wav", transcript.end_ms / 1000 + 1)
    report = run_in_browser(render_html(transcript, {"media": "media.wav"})[0], tmp_path)
    assert report["errors"] == []
    words = [c for c in report["clicks"] if c["kind"] == "word"]
    assert [c["text"] for c in words] == [w.text for w in reversed(transcript.words)]
    assert [c["time"] * 1000 for c in words] == [
        pytest.approx(w.start_ms, abs=1) for w in reversed(transcript.words)
    ]


@needs_chromium
def test_the_bundled_sample_loads_without_errors(tmp_path: Path) -> None:
    transcript = api.load(SAMPLE)
    silent_wav(tmp_path / "media.wav", transcript.end_ms / 1000 + 1)
    page = render_html(transcript, {"media": "media.wav", "min_confidence": 0.6})[0]
    report = run_in_browser(page, tmp_path)
    assert report["errors"] == []
    assert len([c for c in report["clicks"] if c["kind"] == "word"]) == len(transcript.words)


def test_highlight_colours_follow_the_vendor(tmp_path: Path) -> None:
    words = tuple(Word(text=t, start_ms=i * 100, end_ms=i * 100 + 50) for i, t in enumerate("abc"))
    transcript = Transcript(
        words=words,
        highlights=(Highlight(first=0, stop=1, color="#123456"), Highlight(first=2, stop=3)),
    )
    document = parse(render_html(transcript)[0])
    styles = [m.get("style") for m in document.xpath("//mark")]
    assert styles == ["background-color:#123456", "background-color:#ffff00"]


def test_the_cli_writes_the_page_with_a_player(tmp_path: Path) -> None:
    from cuecraft.cli import main

    target = tmp_path / "x.html"
    assert main(["convert", str(SAMPLE), "-o", str(target), "--media", "talk.mp3"]) == 0
    document = parse(target.read_text(encoding="utf-8"))
    assert document.get_element_by_id("media").get("src") == "talk.mp3"
    assert len(document.find_class("w")) == len(api.load(SAMPLE).words)
