"""The style sheet and script the interactive HTML page carries inline (no network).

The script holds no transcript data: it reads the times from the words' ``data-start`` and
``data-end`` attributes, so nothing a transcript contains can end the ``<script>`` element.
"""

from __future__ import annotations

__all__ = ["SCRIPT", "STYLE"]

STYLE = """\
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif;
  line-height: 1.6; max-width: 46rem; margin: 0 auto; padding: 0 1rem 4rem; color: #1a1a1a;
  background: #fff; }
header { position: sticky; top: 0; background: #fff; padding: 0.5rem 0;
  border-bottom: 1px solid #ddd; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
.player audio, .player video { width: 100%; max-height: 40vh; }
.turn { margin: 1.2rem 0; }
.turn-head { font-size: 1rem; margin: 0; font-weight: normal; }
.speaker { font-weight: bold; }
.turn-head .speaker::after { content: ":"; }
.turn p { margin: 0.2rem 0 0; }
a.time { color: #5f5f5f; text-decoration: none; font-variant-numeric: tabular-nums;
  margin-inline-end: 0.5rem; }
a.time:hover, a.time:focus { text-decoration: underline; }
.inline-time { color: #767676; }
mark { color: inherit; }
.review-color .w.review { color: #c00000; }
.review-underline .w.review { text-decoration: underline wavy #c00000; }
.has-media .w { cursor: pointer; }
.has-media .w:hover { text-decoration: underline dotted; }
.w.active { background: #1a56c4; color: #fff; border-radius: 2px; }
table.turns { border-collapse: collapse; width: 100%; }
table.turns th, table.turns td { border: 1px solid #999; padding: 0.3rem 0.5rem;
  vertical-align: top; text-align: start; }
table.turns thead th { background: #eee; }
table.turns th.speaker { white-space: nowrap; }
@media print { header { position: static; } .player { display: none; } }
"""

SCRIPT = """\
(function () {
  "use strict";
  var media = document.getElementById("media");
  if (!media) { return; }
  document.body.classList.add("has-media");
  var words = Array.prototype.slice.call(document.querySelectorAll(".w"));
  var starts = words.map(function (w) { return Number(w.dataset.start); });
  var ends = words.map(function (w) { return Number(w.dataset.end); });
  var active = null;

  // The last word starting at or before ms (binary search: words are in time order).
  function wordAt(ms) {
    var low = 0, high = starts.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (starts[middle] <= ms) { found = middle; low = middle + 1; } else { high = middle - 1; }
    }
    return found >= 0 && ms < Math.max(ends[found], starts[found] + 1) ? words[found] : null;
  }

  function follow() {
    // Rounded to the millisecond: the player may report 16.309999 after a seek to 16.31.
    var word = wordAt(Math.round(media.currentTime * 1000));
    if (word === active) { return; }
    if (active) { active.classList.remove("active"); }
    active = word;
    if (word) { word.classList.add("active"); }
  }

  function seek(ms) {
    media.currentTime = ms / 1000;
    follow();
  }

  document.addEventListener("click", function (event) {
    var target = event.target instanceof Element ? event.target : null;
    var word = target && target.closest(".w");
    if (word) { seek(Number(word.dataset.start)); return; }
    var link = target && target.closest("a.time");
    if (link) { seek(Number(link.dataset.start)); }
  });
  media.addEventListener("timeupdate", follow);
  media.addEventListener("seeking", follow);
  media.addEventListener("seeked", follow);
})();
"""
