"""WebVTT read back by a real browser: headless Chromium parses what we write as a <track>.

The page hands the file's bytes to the browser unchanged (a Blob of type ``text/vtt``), so
Chromium's own WebVTT parser decodes and parses them, and the page prints every cue it found
(id, times, and the text as rendered, voice spans and character references resolved). The
test is skipped, saying why, when Chromium is not installed (``.ci/run`` installs it).
"""

from __future__ import annotations

import base64
import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft.api import render
from cuecraft.model import Cue, Speaker, Transcript, Word
from cuecraft.segment import Rules, segment
from cuecraft.writers import get_writer

CHROMIUM = next(
    (
        found
        for name in ("chromium", "chromium-browser", "google-chrome")
        if (found := shutil.which(name))
    ),
    None,
)
SAMPLE = Path(__file__).resolve().parents[2] / "samples" / "amberscript" / "interview.json"

_PAGE = """<!doctype html>
<html><head><meta charset="utf-8"></head><body><video></video><pre id="out">pending</pre>
<script>
const bytes = Uint8Array.from(atob("{payload}"), c => c.charCodeAt(0));
const track = document.createElement("track");
track.kind = "subtitles";
track.src = URL.createObjectURL(new Blob([bytes], {{type: "text/vtt"}}));
document.querySelector("video").appendChild(track);
track.track.mode = "hidden";
const out = document.getElementById("out");
track.addEventListener("load", () => {{
  out.textContent = JSON.stringify(Array.from(track.track.cues, cue => ({{
    id: cue.id, start: cue.startTime, end: cue.endTime,
    text: cue.getCueAsHTML().textContent,
  }})));
}});
track.addEventListener("error", () => {{ out.textContent = "error"; }});
</script></body></html>
"""
_OUT = re.compile(r'<pre id="out">(.*?)</pre>', re.DOTALL)


def browser_cues(vtt: bytes, tmp_path: Path) -> list[dict[str, Any]]:
    """The cues Chromium parses from ``vtt``: ``[{id, start, end, text}]``, times in seconds."""
    assert CHROMIUM is not None
    page = tmp_path / "page.html"
    page.write_text(_PAGE.format(payload=base64.b64encode(vtt).decode("ascii")), "utf-8")
    # The flags keep a sandboxed, offline machine from stalling the browser (no network, root).
    result = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=10000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=True,
    )
    found = _OUT.search(result.stdout.decode("utf-8"))
    assert found is not None, result.stdout[-2000:]
    shown = html.unescape(found.group(1))
    assert shown not in ("pending", "error"), f"Chromium did not load the track: {shown}"
    cues: list[dict[str, Any]] = json.loads(shown)
    return cues


def _assert_same(parsed: list[dict[str, Any]], cues: list[Cue]) -> None:
    assert len(parsed) == len(cues)
    for number, (seen, cue) in enumerate(zip(parsed, cues, strict=True), start=1):
        assert seen["id"] == str(number)
        assert round(seen["start"] * 1000) == cue.start_ms
        assert round(seen["end"] * 1000) == cue.end_ms
        assert seen["text"] == cue.text


pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed")


@pytest.mark.parametrize("labels", ["none", "voice"])
def test_chromium_reads_the_sample_as_we_wrote_it(tmp_path: Path, labels: str) -> None:
    transcript = cuecraft.load(SAMPLE)
    cues = segment(transcript, Rules())
    data, _ = render(transcript, get_writer("vtt"), options={"speaker_labels": labels})
    # A voice span is markup, not text: the browser shows the rows alone.
    _assert_same(browser_cues(data, tmp_path), cues)


def test_chromium_reads_markup_characters_and_arrows_as_text(tmp_path: Path) -> None:
    texts = ["Tom", "&", "Jerry", "<3", "-->", "a<b>c", "Zoë", "日本語", "עברית."]
    words = tuple(
        Word(text=text, start_ms=i * 500, end_ms=i * 500 + 400, speaker="s")
        for i, text in enumerate(texts)
    )
    transcript = Transcript(words=words, speakers=(Speaker(id="s", name="<Ann & Bo>"),))
    rules = Rules(max_chars_per_row=12, max_row_seconds=None)
    cues = segment(transcript, rules)
    data, _ = render(
        transcript, get_writer("vtt"), rules=rules, options={"speaker_labels": "voice"}
    )
    _assert_same(browser_cues(data, tmp_path), cues)
