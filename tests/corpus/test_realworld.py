"""Real files made by others, through every writer: every word once, in order; `check` clean.

The corpus is ``tests/data/realworld/<reader>/`` (provenance and licences in its SOURCES.md)
plus, when it is beside the project, ``../shared/corpus/vendors/*/*.json`` and
``../shared/corpus/stl/*.stl``. ``manifest.toml`` beside SOURCES.md says per file which reader
must be detected, whether it is loaded with ``strict=False``, which writers run on it, and
which (file, writer) cases are known to fail today (strict xfail with the defect's category:
when the fix lands, the case passes, the xfail turns into a failure, and the mark is removed).

For each file:

- ``test_load``: cuecraft detects the expected reader and loads it; the words loaded are the
  words of the raw file as a reader we did not write sees them (pysubs2, webvtt-py or ttconv
  for subtitles; a few lines per vendor for JSON; see ``_oracle.py``): the same number, in
  the same order (compared without surrounding punctuation and case, see
  :func:`_oracle.word_keys`), up to the manifest's ``count_offset`` explained labels.
- ``test_write[case]``: the output of each writer (and of five speaker-label variants, so
  labels and their row width are exercised), read back by a reader we did not write
  (pysubs2, webvtt-py, ttconv, python-docx, json), holds exactly the loaded words, once each,
  in order (tokens compared after the documented writer neutralisations of
  :func:`_oracle.normalise`, and without the labels the variant adds); for subtitle outputs,
  ``cuecraft.tools.check`` with the rules the file was segmented with (after the writer's own
  display, :func:`cuecraft.segment.fit.fit_rules`) reports no error.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cuecraft.api import load, make_options, render
from cuecraft.errors import CuecraftError
from cuecraft.model import Transcript
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.rules import Rules
from cuecraft.tools.check import SubtitleCue, check_cues, default_tolerance_ms, read_subtitles
from cuecraft.writers import get_writer
from tests.conftest import CORPUS, ROOT
from tests.corpus import _oracle

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - the tomli backport on Python 3.10
    tomllib = pytest.importorskip("tomli")

HERE = ROOT / "tests" / "data" / "realworld"

MANIFEST = tomllib.loads((HERE / "manifest.toml").read_text(encoding="utf-8"))

WRITERS = ("srt", "vtt", "stl", "ttml", "sbv", "ass", "ssa", "txt", "docx", "canonical")
SUBTITLE_WRITERS = frozenset({"srt", "vtt", "stl", "ttml", "sbv", "ass", "ssa"})
# Options that keep writer-added text (speaker names, timecodes) out of the word stream, so
# what is compared is the words alone; every writer's own layout is still exercised.
WRITER_OPTIONS: dict[str, dict[str, Any]] = {
    "ass": {"speaker_labels": "none"},
    "ssa": {"speaker_labels": "none"},
    "txt": {"include_speakers": False, "include_timestamps": False},
    "docx": {"include_speakers": False, "include_timestamps": False, "title": ""},
}
# Speaker-label variants: the same writers with their speaker labels on, so that label
# layout (which takes row width) is exercised on every file with speakers. The label text the
# writer adds is taken off each row before comparing (see ``_strip_labels``).
LABEL_VARIANTS: dict[str, tuple[str, dict[str, Any]]] = {
    "srt-prefix": ("srt", {"speaker_labels": "prefix"}),
    "srt-dash": ("srt", {"speaker_labels": "dash"}),
    "vtt-voice": ("vtt", {"speaker_labels": "voice"}),
    "sbv-chevrons": ("sbv", {"speaker_labels": "chevrons"}),
    "ass-prefix": ("ass", {"speaker_labels": "prefix"}),
}
CASES = WRITERS + tuple(LABEL_VARIANTS)
RULES = Rules()


@dataclass(frozen=True)
class Entry:
    """One corpus file and what the manifest says about it."""

    key: str
    path: Path
    reader: str
    lenient: bool
    writers: tuple[str, ...]
    xfail: dict[str, str] = field(default_factory=dict)
    count_offset: int = 0
    independent_count: bool = True
    independent_order: bool = True


def _entry(key: str, path: Path, spec: dict[str, Any]) -> Entry:
    return Entry(
        key=key,
        path=path,
        reader=spec["reader"],
        lenient=bool(spec.get("lenient", False)),
        writers=tuple(spec.get("writers", CASES if spec.get("speakers", True) else WRITERS)),
        xfail=dict(spec.get("xfail", {})),
        count_offset=int(spec.get("count_offset", 0)),
        independent_count=bool(spec.get("independent_count", True)),
        independent_order=bool(spec.get("independent_order", True)),
    )


def _entries() -> list[Entry]:
    files: dict[str, Any] = MANIFEST["files"]
    entries = []
    for path in sorted(p for p in HERE.rglob("*") if p.is_file()):
        if path.parent == HERE:
            continue  # SOURCES.md, manifest.toml
        key = path.relative_to(HERE).as_posix()
        assert key in files, f"{key} is missing from manifest.toml"
        entries.append(_entry(key, path, files[key]))
    shared: dict[str, Any] = MANIFEST.get("shared", {})
    for key, spec in sorted(shared.items()):
        entries.append(_entry("shared/" + key, CORPUS / key, spec))
    return entries


ENTRIES = _entries()


def _marks(entry: Entry, case: str) -> list[pytest.MarkDecorator]:
    marks = []
    if entry.key.startswith("shared/"):
        marks.append(
            pytest.mark.skipif(
                not entry.path.is_file(), reason=f"shared corpus not found at {entry.path}"
            )
        )
    reason = entry.xfail.get(case)
    if reason:
        marks.append(pytest.mark.xfail(strict=True, reason=reason))
    return marks


LOAD_CASES = [pytest.param(e, id=e.key, marks=_marks(e, "load")) for e in ENTRIES]
WRITE_CASES = [
    pytest.param(e, case, id=f"{e.key}-{case}", marks=_marks(e, case))
    for e in ENTRIES
    for case in e.writers
]


_LOADED: dict[str, Transcript] = {}


def _load(entry: Entry) -> Transcript:
    """Each file is loaded once per session (every writer case reuses it)."""
    if entry.key not in _LOADED:
        _LOADED[entry.key] = load(entry.path, strict=not entry.lenient)
    return _LOADED[entry.key]


def _loaded_tokens(transcript: Transcript) -> list[str]:
    return _oracle.normalise(" ".join(word.text for word in transcript.words))


def _first_difference(expected: list[str], got: list[str]) -> str:
    for index, (want, have) in enumerate(zip(expected, got, strict=False)):
        if want != have:
            return (
                f"token {index}: expected {want!r}, got {have!r}; "
                f"expected ...{' '.join(expected[max(0, index - 4) : index + 5])}... "
                f"got ...{' '.join(got[max(0, index - 4) : index + 5])}..."
            )
    shorter, what = (got, "missing") if len(got) < len(expected) else (expected, "extra")
    longer = expected if what == "missing" else got
    return f"{what} tokens from {len(shorter)}: {' '.join(longer[len(shorter) : len(shorter) + 8])}"


@pytest.mark.parametrize("entry", LOAD_CASES)
def test_load(entry: Entry) -> None:
    transcript = _load(entry)
    assert transcript.source.format == entry.reader
    assert transcript.words, "no words loaded"
    if not entry.independent_count:
        return
    theirs = _oracle.word_keys(_oracle.source_tokens(entry.path, entry.reader))
    ours = _oracle.word_keys(_loaded_tokens(transcript))
    offset = entry.count_offset
    assert len(ours) == len(theirs) - offset, (
        f"loaded {len(ours)} words, the raw file has {len(theirs)}"
        + (f" of which {offset} are not words (manifest)" if offset else "")
    )
    # The same words in the same order; count_offset words (labels, or text the independent
    # reader misses when negative) may be missing from one side.
    if not entry.independent_order:
        return
    if offset >= 0:
        assert _oracle.is_subsequence(ours, theirs), _first_difference(theirs, ours)
    else:
        assert _oracle.is_subsequence(theirs, ours), _first_difference(ours, theirs)


def _strip_labels(text: str, case: str, names: list[str]) -> str:
    """``text`` without the speaker labels the ``case`` variant's writer put at row starts."""
    if case not in LABEL_VARIANTS:
        return text
    style = case.split("-", 1)[1]
    rows = []
    for row in text.split("\n"):
        if style == "dash":
            row = row[1:].lstrip() if row.startswith("-") else row
        elif style in ("prefix", "chevrons"):
            if style == "chevrons" and row.startswith(">> "):
                row = row[3:]
            for name in names:  # longest first: "Speaker 10" before "Speaker 1"
                if row.startswith(f"{name}: "):
                    row = row[len(name) + 2 :]
                    break
        rows.append(row)
    return "\n".join(rows)


def _subtitle_errors(writer: str, data: bytes, rules: Rules) -> list[str]:
    if writer in ("ass", "ssa"):
        import pysubs2

        events = pysubs2.SSAFile.from_string(data.decode("utf-8-sig"), format_=writer).events
        cues = [
            SubtitleCue(n, int(e.start), int(e.end), tuple(e.plaintext.split("\n")))
            for n, e in enumerate((e for e in events if not e.is_comment), start=1)
        ]
        frame_rate = None
    else:
        _, cues, frame_rate = read_subtitles(data, source=f"out.{writer}", format=writer)
    tolerance = default_tolerance_ms(frame_rate or rules.frame_rate)
    report = check_cues(cues, rules, format=writer, tolerance_ms=tolerance)
    return [str(finding) for finding in report.findings if finding.severity == "error"]


@pytest.mark.parametrize(("entry", "case"), WRITE_CASES)
def test_write(entry: Entry, case: str) -> None:
    try:
        transcript = _load(entry)
    except CuecraftError:
        if "load" not in entry.xfail:
            raise
        pytest.xfail(f"cannot load: {entry.xfail['load']}")  # test_load holds the strict mark
    writer, option_values = LABEL_VARIANTS.get(case, (case, WRITER_OPTIONS.get(case, {})))
    spec = get_writer(writer)
    options = make_options(spec, option_values)
    data, _notes = render(transcript, spec, rules=RULES, options=options)
    names = sorted({speaker.name for speaker in transcript.speakers}, key=len, reverse=True)

    fold = writer == "stl"
    expected = _oracle.normalise(" ".join(w.text for w in transcript.words), fold_currency=fold)
    text = _strip_labels(_oracle.output_text(writer, data), case, names)
    got = _oracle.normalise(text, fold_currency=fold)
    assert got == expected, _first_difference(expected, got)

    if writer in SUBTITLE_WRITERS:
        rules = fit_rules(RULES, spec.display(options) if spec.display else None)
        errors = _subtitle_errors(writer, data, rules)
        assert not errors, f"check reports {len(errors)} errors, first: {errors[0]}"


def test_manifest_is_consistent() -> None:
    """Every manifest entry names a corpus file and only known cases (a typo marks nothing)."""
    on_disk = {
        p.relative_to(HERE).as_posix() for p in HERE.rglob("*") if p.is_file() and p.parent != HERE
    }
    assert set(MANIFEST["files"]) == on_disk
    for entry in ENTRIES:
        assert set(entry.writers) <= set(CASES), entry.key
        assert set(entry.xfail) <= {"load", *entry.writers}, entry.key
