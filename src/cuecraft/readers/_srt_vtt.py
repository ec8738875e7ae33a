"""SubRip and WebVTT text: cues from the block parser, markup, rolling captions, words.

:func:`read_subtitles` reads SRT and WebVTT: cues come from the linear block parser of
:mod:`cuecraft.readers._cue_blocks`, their rows' text from :func:`clean_row`, and the rest
(overlaps, word times, speakers) from :func:`cuecraft.readers._subtitles.transcript_from_cues`.

**Text, SRT**: the tags SubRip players render (``<i>``, ``<b>``, ``<u>``, ``<s>``,
``<font ...>``, any case) and ASS override blocks (``{\\an8}``, which many SRT files carry)
are removed, ``\\N`` and ``\\n`` are row breaks and ``\\h`` a space. Any other tag is markup
too when the same row closes it (``<bold>my</bold>``); a lone one (``<LAUGHING>``, ``<unk>``)
is kept as text, and ``&amp;`` is text.

**Text, WebVTT**: tags (``<i>``, ``<c.yellow>``, ``<lang en>``, ``<00:00:01.000>``; a
WebVTT player shows no tag) are removed and character references decoded (``&amp;`` is
``&``); ``{\\an8}`` and ``\\N`` are not WebVTT markup and stay text. A voice span ``<v Name>``
or ``<v.loud Name>`` changes the speaker there.

Removed markup is reported once per file (``markup-stripped``, info: the count, the first
line and a few examples).

**Rolling captions** (YouTube's automatic captions): when most cues start with the previous
cue's last row(s), and at least three of them add new text after it, the file rolls, and
each cue's repeated leading rows are dropped, so each word is kept once; cues that only
repeat are dropped. A WebVTT file with YouTube's signature (inline word timestamps
``<00:05:04.199>`` and ``<c>`` spans) rolls whatever the count: a short clip has too few
cues for the rule above. A ``rolling-captions`` note gives the count.

Decoding notes (a fallback encoding, replaced bytes: :mod:`cuecraft.readers._decoding`)
become the transcript's diagnostics.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field
from typing import Final

from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._cue_blocks import Format, parse_blocks
from cuecraft.readers._decoding import decode_text, decoding_notes, normalise_newlines
from cuecraft.readers._subtitles import (
    SpeakerState,
    TimedCue,
    check_speaker_labels,
    check_unicode,
    row_label,
    transcript_from_cues,
)

__all__ = ["clean_row", "read_cues", "read_subtitles"]

# Each alternative scans to the next "<" or ">" (or "{", "}") at most: linear on any text.
_TAG_VTT: Final = re.compile(r"</?[A-Za-z][^<>]*>|<\d[\d:.]*>")
# SRT: a tag name, then ">" or a blank and attributes; only the names below are markup.
_TAG_SRT: Final = re.compile(r"</?([A-Za-z]{1,8})(?:[ \t][^<>]*)?>|\{\\[^{}]*\}")
_SRT_TAG_NAMES: Final = frozenset({"i", "b", "u", "s", "font"})
# "<v" and optional classes, one blank, then the name up to ">": the parts are disjoint
# (no "\s+" next to a lazy "[^<>]*?" as before, which was cubic on "<v" and many spaces).
_VOICE: Final = re.compile(r"<v(?:\.[^\s<>]*)?[ \t]([^<>]*)>")
_SRT_BREAK: Final = re.compile(r"\\[Nn]")
# YouTube's automatic captions: inline word timestamps and <c> spans (both in one file).
_YOUTUBE_TIME: Final = re.compile(r"<\d{1,2}:\d\d:\d\d\.\d{3}>")
_YOUTUBE_SPAN: Final = re.compile(r"<c[.>]")
_ROLLING_MIN: Final = 3
_ROLLING_ROWS: Final = 3  # a rolling window repeats at most this many rows


@dataclass
class _TextCue(TimedCue):
    """An SRT or WebVTT cue: its rows as written, each with its line number."""

    rows: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Markup:
    """Markup removed from a file's text, for one note: how much, and where first."""

    count: int = 0
    first_line: int | None = None
    examples: list[str] = field(default_factory=list)

    def saw(self, line: int, tags: list[str]) -> None:
        tags = [tag for tag in tags if not tag.startswith(("<v", "</v"))]  # voices: speakers
        if not tags:
            return
        self.count += len(tags)
        if self.first_line is None:
            self.first_line = line
        for tag in tags:
            if len(self.examples) < 3 and tag[:20] not in self.examples:
                self.examples.append(tag[:20])


def _srt_tag_names(row: str) -> frozenset[str]:
    """The tag names that are markup in this SRT row: the ones players render, and any
    other name the row also closes (``<bold>my</bold>``)."""
    closed = {
        m.group(1).lower() for m in _TAG_SRT.finditer(row) if m.group(1) and m.group()[1] == "/"
    }
    return _SRT_TAG_NAMES | closed


def _srt_markup(match: re.Match[str], names: frozenset[str]) -> str:
    name = match.group(1)
    return "" if name is None or name.lower() in names else match.group()


def _tags(row: str, fmt: Format) -> list[str]:
    """The markup :func:`clean_row` removes from ``row``."""
    if fmt == "vtt":
        return [m.group() for m in _TAG_VTT.finditer(row)]
    names = _srt_tag_names(row)
    return [m.group() for m in _TAG_SRT.finditer(row) if not _srt_markup(m, names)]


def clean_row(text: str, fmt: Format) -> str:
    """One row's text without markup (see the module docstring)."""
    if fmt == "vtt":
        return html.unescape(_TAG_VTT.sub("", text))
    names = _srt_tag_names(text)
    return _TAG_SRT.sub(lambda m: _srt_markup(m, names), text).replace("\\h", " ")


def _rows(block_rows: list[tuple[int, str]], fmt: Format) -> list[tuple[int, str]]:
    if fmt == "vtt":
        return block_rows
    return [(number, part) for number, row in block_rows for part in _SRT_BREAK.split(row)]


def _row_words(row: str, fmt: Format, speakers: SpeakerState) -> list[tuple[str, str | None]]:
    """The words of one row with their speakers; updates the speaker state."""
    words: list[tuple[str, str | None]] = []
    pieces = _VOICE.split(row) if fmt == "vtt" else [row]  # text, voice, text, voice, text...
    for position, piece in enumerate(pieces):
        if position % 2:
            voice = clean_row(piece, fmt).strip()
            if voice:
                speakers.name(voice)
            continue
        text = clean_row(piece, fmt)
        if position == 0:
            text = row_label(text, speakers)
        words.extend((word, speakers.current) for word in text.split())
    return words


def _youtube(cues: list[_TextCue], fmt: Format) -> bool:
    """WebVTT with YouTube's automatic-caption signature: word timestamps and ``<c>`` spans."""
    if fmt != "vtt":
        return False
    rows = [row for cue in cues for _, row in cue.rows]
    return any(_YOUTUBE_TIME.search(row) for row in rows) and any(
        _YOUTUBE_SPAN.search(row) for row in rows
    )


def _drop_rolling_repeats(
    cues: list[_TextCue], fmt: Format, *, source: str, notes: list[Diagnostic]
) -> list[_TextCue]:
    """Rolling captions: drop each cue's rows that repeat the previous cue's last rows."""
    plain = [
        [(" ".join(clean_row(row, fmt).split()), (n, row)) for n, row in cue.rows] for cue in cues
    ]
    plain = [[entry for entry in rows if entry[0]] for rows in plain]
    repeats: list[int] = [0]
    rolling = pure = 0
    for previous, current in itertools.pairwise(plain):
        texts, before = [text for text, _ in current], [text for text, _ in previous]
        size = next(
            (
                k
                for k in range(min(len(texts), len(before), _ROLLING_ROWS), 0, -1)
                if texts[:k] == before[-k:]
            ),
            0,
        )
        repeats.append(size)
        if size and size < len(texts):
            rolling += 1
        elif size:
            pure += 1
    pairs = len(cues) - 1
    if not (rolling or pure) or (
        not _youtube(cues, fmt) and (rolling < _ROLLING_MIN or (rolling + pure) * 5 < pairs * 4)
    ):
        return cues
    kept: list[_TextCue] = []
    for cue, rows, size in zip(cues, plain, repeats, strict=True):
        if size < len(rows):
            cue.rows = [entry for _, entry in rows[size:]]
            kept.append(cue)
    dropped = sum(repeats)
    notes.append(
        Diagnostic(
            code="rolling-captions",
            source=source,
            severity="info",
            message=(
                f"rolling captions (each cue repeats the previous cue's last row): {dropped} "
                f"repeated row(s) removed, {len(cues) - len(kept)} cue(s) that only repeated "
                "were dropped"
            ),
        )
    )
    return kept


def read_subtitles(
    text: str,
    fmt: Format,
    *,
    source: str,
    strict: bool,
    speaker_labels: str = "auto",
) -> Transcript:
    """Read SRT or VTT text into a transcript (see the module docstring for the mapping).

    Raises:
        InputError: with the line number of the cue at fault, or when there is no cue or word.
        UnknownFormatError: for an unknown ``speaker_labels`` value.
    """
    mode = check_speaker_labels(speaker_labels)
    check_unicode(text, source)
    notes = decoding_notes(text)
    text = normalise_newlines(text.removeprefix("\ufeff"))
    blocks = parse_blocks(text, fmt, source=source, strict=strict, notes=notes)
    markup = _Markup()
    cues: list[_TextCue] = []
    for block in blocks:
        rows = _rows(block.rows, fmt)
        for number, row in rows:
            markup.saw(number, _tags(row, fmt))
        joined = "\n".join(row for _, row in rows)
        cues.append(_TextCue(block.start_ms, block.end_ms, joined, block.line, rows))
    if markup.count:
        notes.append(
            Diagnostic(
                code="markup-stripped",
                source=source,
                severity="info",
                message=(
                    f"line {markup.first_line}: {markup.count} formatting tag(s) removed "
                    f"({', '.join(markup.examples)}...)"
                ),
            )
        )
    cues = _drop_rolling_repeats(cues, fmt, source=source, notes=notes)

    def words_of(cue: _TextCue, speakers: SpeakerState) -> list[tuple[str, str | None]]:
        return [word for _, row in cue.rows for word in _row_words(row, fmt, speakers)]

    return transcript_from_cues(
        cues, words_of, source=source, reader=fmt, strict=strict, notes=notes, speaker_labels=mode
    )


def read_cues(
    data: bytes | str, fmt: Format, *, source: str = "<bytes>", encoding: str | None = None
) -> list[tuple[int, int, tuple[str, ...]]]:
    """An SRT or WebVTT file's cues as ``(start_ms, end_ms, rows)``, in file order, as shown.

    For checking a file against subtitle rules (``cuecraft check``): the same linear parser
    as :func:`read_subtitles`, rows without markup (as a player shows them; labels, dashes
    and chevrons kept), no repair, no merging, no words.

    Raises:
        InputError: for a malformed timing line, undecodable bytes or no cue, with the line.
    """
    text = decode_text(data, source=source, encoding=encoding)
    check_unicode(text, source)
    blocks = parse_blocks(text, fmt, source=source, strict=True, notes=[])
    return [
        (
            block.start_ms,
            block.end_ms,
            tuple(clean_row(row, fmt) for _, row in _rows(block.rows, fmt)),
        )
        for block in blocks
    ]
