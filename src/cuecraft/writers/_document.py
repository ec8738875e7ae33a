"""What the transcript documents (TXT, DOCX) share: options, paragraphs, clocks and labels.

Paragraphs follow speaker turns (:meth:`Transcript.turns`), not subtitle cues (issue 5). The
options mirror the vendors' document exports: Amberscript ``export-txt`` (includeTimestamps,
includeSpeakers, highlightsOnly; seeds 000/001), Scribie's TXT (``MM:SS Name: text`` with
``speaker_tracking_format`` initials or full names; seed 002) and HappyScribe's export options
(show_timestamps, timestamps_frequency 5s..60s, show_speakers; seed 003).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, field_validator

from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._spec import WriteContext

__all__ = [
    "Block",
    "DocumentOptions",
    "Token",
    "clean_text",
    "cleaned",
    "clock",
    "initials",
    "plan_blocks",
]

_HOUR_MS = 3_600_000

# Characters an XML 1.0 document cannot hold, or that only garble a text file: C0/C1 controls,
# lone surrogates (from JSON "\ud800" escapes) and the non-characters U+FFFE/U+FFFF.
_LINE_BREAKING = frozenset("\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029")
# Every character clean_text() changes: C0/C1 controls (category Cc), surrogates (Cs),
# U+FFFE/U+FFFF and the line separators.
_NEEDS_CLEANING = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff\u2028\u2029]")


class DocumentOptions(BaseModel):
    """Options shared by the TXT and DOCX writers."""

    # No use_attribute_docstrings: pydantic would read and parse this module's source at import
    # for it. The field docstrings below still reach --help and ``cuecraft formats``: the CLI
    # reads them from the source itself, only when it builds help (commands/_flags.py).
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    include_timestamps: bool = True
    """Show each paragraph's start time (Amberscript includeTimestamps, default true;
    HappyScribe show_timestamps)."""

    include_speakers: bool = True
    """Show the speaker's name at the start of each turn (Amberscript includeSpeakers,
    default true; HappyScribe show_speakers)."""

    highlights_only: bool = False
    """Keep only the highlighted passages, one paragraph each (Amberscript highlightsOnly,
    HappyScribe show_highlights_only)."""

    timestamps_frequency: Literal[5, 10, 15, 20, 30, 60] | None = None
    """Seconds between inline timecodes such as ``[00:00:10]`` inside the text: one before the
    first word of each new interval (HappyScribe timestamps_frequency: 5, 10, 15, 20, 30 or
    60; "10s" is accepted too). None: no inline timecodes."""

    timestamp_style: Literal["line", "prefix"] = "line"
    """``line``: the time ``HH:MM:SS`` on its own line above each turn (Amberscript).
    ``prefix``: ``MM:SS Name: text``, the time leading the turn, with hours only when the
    recording is an hour or longer (Scribie)."""

    speaker_label: Literal["name", "initials"] = "name"
    """``name``: the speaker's display name at every turn. ``initials``: the full name at a
    speaker's first turn, initials afterwards (Scribie speaker_tracking_format)."""

    @field_validator("timestamps_frequency", mode="before")
    @classmethod
    def _accept_seconds_text(cls, value: Any) -> Any:
        # HappyScribe spells the values "5s".."60s"; command-line flags arrive as text.
        if isinstance(value, str):
            digits = value.strip().removesuffix("s").strip()
            if digits.isdigit():
                return int(digits)
        return value


@dataclass(frozen=True)
class Token:
    """One unit of a paragraph's text: a word (``word_index`` set) or an inline timecode."""

    text: str
    word_index: int | None = None
    space: str = " "
    """What goes between the token before and this one: a space, or nothing between two words
    of a language written without spaces (Japanese, Chinese, Thai)."""


@dataclass(frozen=True)
class Block:
    """One paragraph of a transcript document: a speaker turn, or a highlighted passage.

    Attributes:
        start_ms: start of the paragraph's first word.
        timestamp: the formatted start time, or None when timestamps are off.
        speaker: the label to show (name or initials), or None.
        tokens: the words, and inline timecodes between them, in order.
    """

    start_ms: int
    timestamp: str | None
    speaker: str | None
    tokens: tuple[Token, ...]


def clean_text(text: str) -> tuple[str, list[str]]:
    """Remove what a document cannot hold; return the text and the characters removed.

    Control characters, lone surrogates and U+FFFE/U+FFFF are dropped; line-breaking
    characters (tab, newline, U+2028...) become a space so that a word stays on its line.
    """
    if not _NEEDS_CLEANING.search(text):  # the usual case: one C-level scan, no loop
        return text, []
    removed: list[str] = []
    kept: list[str] = []
    for char in text:
        if char in _LINE_BREAKING:
            removed.append(char)
            kept.append(" ")
        elif unicodedata.category(char) in ("Cc", "Cs") or char in "\ufffe\uffff":
            removed.append(char)
        else:
            kept.append(char)
    if not removed:
        return text, removed
    return re.sub(" {2,}", " ", "".join(kept)).strip(), removed


def cleaned(text: str, diagnostics: list[Diagnostic], *, what: str, word_index: int | None) -> str:
    """:func:`clean_text` that records a diagnostic when something was removed."""
    result, removed = clean_text(text)
    if removed:
        codes = ", ".join(dict.fromkeys(f"U+{ord(char):04X}" for char in removed))
        outcome = f"kept {result!r}" if result else "nothing is left"
        diagnostics.append(
            Diagnostic(
                code="control-character",
                message=f"{what} {text!r} has characters a document cannot hold ({codes}); "
                f"{outcome}",
                word_index=word_index,
            )
        )
    return result


def clock(ms: int, *, hours: bool) -> str:
    """``HH:MM:SS`` (or ``MM:SS`` without hours), truncated to the second.

    Truncated, not rounded: Amberscript writes ``00:00:00`` for a turn starting at 0.45 s.
    """
    total = ms // 1000
    if hours:
        return f"{total // 3600:02d}:{total // 60 % 60:02d}:{total % 60:02d}"
    return f"{total // 60:02d}:{total % 60:02d}"


def initials(name: str) -> str:
    """Scribie-style initials: the first character of each word, upper-cased."""
    return "".join(part[0] for part in name.split()).upper()


def _spans(transcript: Transcript, highlights_only: bool) -> list[tuple[int, int]]:
    """Half-open word spans of the paragraphs: turns, or highlighted runs inside turns."""
    turns = transcript.turns()
    if not highlights_only:
        return turns
    flags = transcript.highlighted()
    spans: list[tuple[int, int]] = []
    for first, stop in turns:
        start: int | None = None
        for index in range(first, stop):
            if flags[index] and start is None:
                start = index
            elif not flags[index] and start is not None:
                spans.append((start, index))
                start = None
        if start is not None:
            spans.append((start, stop))
    return spans


class _Labels:
    """Speaker labels in document order: names, or Scribie initials after the first turn."""

    def __init__(
        self, transcript: Transcript, options: DocumentOptions, diagnostics: list[Diagnostic]
    ) -> None:
        self._enabled = options.include_speakers
        self._names: dict[str, str] = {}
        self._short: dict[str, str] = {}
        self._seen: set[str] = set()
        if not self._enabled:
            return
        used = dict.fromkeys(word.speaker for word in transcript.words if word.speaker is not None)
        for speaker_id in used:
            self._names[speaker_id] = cleaned(
                transcript.speaker_name(speaker_id) or speaker_id,
                diagnostics,
                what="speaker name",
                word_index=None,
            )
        if options.speaker_label != "initials":
            return
        groups: dict[str, set[str]] = {}
        for name in self._names.values():
            if name:
                groups.setdefault(initials(name), set()).add(name)
        for speaker_id, name in self._names.items():
            if name and len(groups[initials(name)]) == 1:
                self._short[speaker_id] = initials(name)
        clashes = sorted(key for key, group in groups.items() if len(group) > 1)
        if clashes:
            # Two people both shown as "AT" would make the document ambiguous.
            diagnostics.append(
                Diagnostic(
                    code="initials-clash",
                    message=f"speakers share the initials {', '.join(clashes)}; "
                    "their full names are shown at every turn",
                    severity="info",
                )
            )

    def __call__(self, speaker_id: str | None) -> str | None:
        if not self._enabled or speaker_id is None or not self._names.get(speaker_id):
            return None
        if speaker_id in self._short and speaker_id in self._seen:
            return self._short[speaker_id]
        self._seen.add(speaker_id)
        return self._names[speaker_id]


def plan_blocks(
    transcript: Transcript, options: DocumentOptions, context: WriteContext
) -> list[Block]:
    """The paragraphs of a transcript document, ready for a writer to lay out.

    Args:
        transcript: the transcript to lay out.
        options: which parts to show (timestamps, speakers, highlights only...).
        context: its ``diagnostics`` receive one record per cleaned word and other
            tolerated problems; its ``word_separator`` joins words (none for Japanese...).

    Returns:
        One block per speaker turn (or per highlighted passage with ``highlights_only``).
        Every word that survives cleaning appears in exactly one block, in order.
    """
    hours = options.timestamp_style == "line" or transcript.end_ms >= _HOUR_MS
    # The segmenter's separator (set by the API), so documents and subtitles join words alike.
    word_space = context.word_separator
    diagnostics = context.diagnostics
    texts = [
        cleaned(word.text, diagnostics, what="word", word_index=index)
        for index, word in enumerate(transcript.words)
    ]
    spans = _spans(transcript, options.highlights_only)
    if options.highlights_only and not spans:
        diagnostics.append(
            Diagnostic(
                code="no-highlights",
                message="highlights_only is set but the transcript has no highlights; "
                "the document has no text",
            )
        )
    label = _Labels(transcript, options, diagnostics)
    interval_ms = (options.timestamps_frequency or 0) * 1000
    last_interval = -1
    blocks: list[Block] = []
    for first, stop in spans:
        indices = [index for index in range(first, stop) if texts[index]]
        if not indices:
            continue
        start_ms = transcript.words[first].start_ms
        timestamp = clock(start_ms, hours=hours) if options.include_timestamps else None
        if timestamp is not None and interval_ms:
            last_interval = start_ms // interval_ms
        tokens: list[Token] = []
        for index in indices:
            word_start = transcript.words[index].start_ms
            if interval_ms and word_start // interval_ms > last_interval:
                last_interval = word_start // interval_ms
                tokens.append(Token(f"[{clock(word_start, hours=hours)}]"))
            after_word = bool(tokens) and tokens[-1].word_index is not None
            tokens.append(Token(texts[index], index, word_space if after_word else " "))
        blocks.append(
            Block(
                start_ms=start_ms,
                timestamp=timestamp,
                speaker=label(transcript.words[first].speaker),
                tokens=tuple(tokens),
            )
        )
    return blocks
