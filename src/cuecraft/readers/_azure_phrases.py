"""What the three Azure Speech shapes share once parsed: timed phrases to word drafts.

Each shape (batch transcription, fast transcription, Speech SDK results; see
:mod:`cuecraft.readers.azure`) becomes a list of :class:`Phrase`; this module puts the display
text onto lexical words where a shape has only lexical word timings, names speakers and
channels, and merges the channels by time.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from cuecraft.model import Diagnostic, Speaker
from cuecraft.readers._spec import WordDraft
from cuecraft.readers._vendor import speakers_in_order, spread

__all__ = ["Phrase", "TimedWord", "drafts_of", "skipped"]


@dataclass
class TimedWord:
    """One word of a phrase with its time in milliseconds and the pointer of its object."""

    text: str
    start_ms: float
    end_ms: float
    pointer: str
    confidence: float | None = None


@dataclass
class Phrase:
    """A recognised phrase of one channel; ``display`` set when ``words`` are lexical."""

    channel: int
    speaker: str | None
    words: list[TimedWord]
    pointer: str
    display: str | None = None
    display_pointer: str = ""
    notes: list[Diagnostic] = field(default_factory=list)


def skipped(pointer: str, status: object, source: str) -> Diagnostic:
    """The note for a phrase that was not recognised (no words to read)."""
    return Diagnostic(
        code="phrase-not-recognised",
        source=source,
        pointer=pointer,
        message=f"phrase with status {status!r} and no words skipped",
        severity="info",
    )


# A word's key for lining display tokens up with lexical words: case and the punctuation at
# its edges are what the display form adds ("hello" / "Hello,").
_EDGES = re.compile(r"^[\W_]+|[\W_]+$")


def _key(text: str) -> str:
    return _EDGES.sub("", text.casefold())


def _display_words(phrase: Phrase, source: str) -> tuple[list[TimedWord], list[Diagnostic]]:
    """The phrase's display tokens, timed from the lexical words they line up with.

    Tokens that match a lexical word (by :func:`_key`), or a run of tokens as long as the run
    of lexical words it replaces, take those words' times one to one. A run of a different
    length (inverse text normalisation: "two three four" shown as "234") shares the span of
    its lexical words, split by characters. A token with no lexical word gets zero length at
    the boundary; a lexical word the display form leaves out is noted. When fewer than half
    the tokens line up one to one (a script written without spaces, a display text that is
    not this phrase's), the lexical words are kept, with a note.
    """
    words = phrase.words
    tokens = (phrase.display or "").split()
    if not tokens or not words:
        return words, []
    # autojunk off: in a long phrase a frequent word ("the") must still line up.
    keys = [_key(w.text) for w in words]
    matcher = SequenceMatcher(None, keys, [_key(t) for t in tokens], autojunk=False)
    opcodes = matcher.get_opcodes()
    one_to_one = sum(j2 - j1 for _, i1, i2, j1, j2 in opcodes if i2 - i1 == j2 - j1)
    if 2 * one_to_one < len(tokens):
        note = Diagnostic(
            code="display-text-unaligned",
            source=source,
            pointer=phrase.display_pointer,
            message="the display text does not line up with the timed lexical words; "
            "the lexical words (no punctuation or capitals) are read",
            severity="info",
        )
        return words, [note]
    out: list[TimedWord] = []
    notes: list[Diagnostic] = []
    for _, i1, i2, j1, j2 in opcodes:
        run = words[i1:i2]
        if i2 - i1 == j2 - j1:
            out += [
                TimedWord(token, w.start_ms, w.end_ms, w.pointer, w.confidence)
                for token, w in zip(tokens[j1:j2], run, strict=True)
            ]
        elif not run:
            at = words[i1 - 1].end_ms if i1 else words[0].start_ms
            out += [
                TimedWord(token, at, at, words[min(i1, len(words) - 1)].pointer)
                for token in tokens[j1:j2]
            ]
        elif j1 == j2:
            notes.append(
                Diagnostic(
                    code="lexical-word-not-displayed",
                    source=source,
                    pointer=run[0].pointer,
                    message=f"{' '.join(w.text for w in run)!r} is in the lexical words but "
                    "not in the display text, which is read; left out",
                )
            )
        else:
            confidences = [w.confidence for w in run if w.confidence is not None]
            spans = spread(run[0].start_ms, run[-1].end_ms, [len(t) for t in tokens[j1:j2]])
            out += [
                TimedWord(token, start, end, run[0].pointer, min(confidences, default=None))
                for token, (start, end) in zip(tokens[j1:j2], spans, strict=True)
            ]
    return out, notes


def _who(phrase: Phrase, multichannel: bool) -> tuple[str | None, str | None]:
    """The speaker id and name: ``"1"``/"Speaker 1", or per channel ``"C0S1"``/"Channel 0 ..."."""
    speaker = phrase.speaker
    name = None if speaker is None else f"Speaker {speaker}" if speaker.isdigit() else speaker
    if not multichannel:
        return speaker, name
    channel = f"C{phrase.channel}"
    if speaker is None:
        return channel, f"Channel {phrase.channel}"
    return f"{channel}S{speaker}", f"Channel {phrase.channel} {name}"


def drafts_of(
    phrases: Sequence[Phrase], *, source: str
) -> tuple[list[WordDraft], list[Speaker], list[Diagnostic]]:
    """Word drafts in time order, the speakers they use, and the notes made on the way.

    Each phrase starts a paragraph. A channel's phrases are taken in order of their first
    word (stable, so a file's order stands on a tie); the channels then merge by start time.
    """
    multichannel = len({p.channel for p in phrases}) > 1
    notes: list[Diagnostic] = []
    names: dict[str, str] = {}
    by_channel: dict[int, list[tuple[float, list[WordDraft]]]] = {}
    for phrase in phrases:
        notes += phrase.notes
        words = phrase.words
        if phrase.display is not None:
            words, found = _display_words(phrase, source)
            notes += found
        speaker, name = _who(phrase, multichannel)
        if speaker is not None and name is not None:
            names[speaker] = name
        drafts = [
            WordDraft(
                text=word.text,
                start=word.start_ms,
                end=word.end_ms,
                confidence=word.confidence,
                speaker=speaker,
                pointer=word.pointer,
                paragraph_start=w == 0,
                unit="ms",
            )
            for w, word in enumerate(words)
        ]
        if drafts:
            by_channel.setdefault(phrase.channel, []).append((drafts[0].start, drafts))
    streams = [
        [draft for _, group in sorted(groups, key=lambda g: g[0]) for draft in group]
        for groups in by_channel.values()
    ]
    merged = list(heapq.merge(*streams, key=lambda d: d.start))
    return merged, speakers_in_order(merged, names), notes
