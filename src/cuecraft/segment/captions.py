"""Sound captions, music and repeated phrases: what has to stay together on screen (#9).

Transcripts of subtitle files and some ASR output carry brackets and music notes as words of
their own: ``( PENGUINS CHIRP )``, ``[ Music ]``, ``♪ la la la ♪``. Read as ordinary words,
an opening bracket ends up at the end of a row (``( PENGUINS CHIRP`` / ``) (``). So:

- an opening bracket or quote, or a music note that opens a lyric, standing as a word of its
  own, attaches to the next word: no row or cue ends after it; a closing bracket, quote,
  punctuation mark or closing music note standing alone attaches to the word before it
  (:func:`attachments`, ``glue``);
- a bracketed caption (``(LAUGHTER)``, ``[Music]``, ``( PENGUINS CHIRP )``) or a ``♪ ... ♪``
  lyric is a span that stays on one row when it fits one, and in one cue when it fits one
  (``spans``; the engine prices a break inside it with ``Weights.keep_together``);
- a short sentence said again at once (``No. No. No.``, ``Go! Go!``, ``Thank you. Thank
  you.``) is one utterance, so the boundaries between the repeats are clause boundaries, not
  sentence ends, and a short breath between them is no pause (:func:`repeated_sentences`);
  the engine then keeps them in one cue rather than in cues too short to read.

A music note is a lone ``♪``/``♫`` (or one leading or ending a word); the first of a pair
opens the lyric and the next one closes it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Collection, Sequence
from itertools import compress, islice, repeat
from typing import NamedTuple

from cuecraft.columns import COLUMN_KERNEL

__all__ = ["Attachments", "attachments", "repeated_sentences"]

_OPENING = frozenset("([{“‘«¿¡")
_CLOSING = frozenset(")]}”’».,;:!?…")
_MUSIC = frozenset("♪♫")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_SPAN_WORDS = 24
"""The longest caption or lyric span looked for, in words (longer ones are left alone)."""


class Attachments(NamedTuple):
    """Where rows and cues should not break.

    Attributes:
        glue: per boundary (after word ``b``): True when a row or cue end there would strand
            an opening mark or lead with a closing one.
        spans: ``(first, last)`` word indices of bracketed captions and lyrics, inclusive.
    """

    glue: list[bool]
    spans: list[tuple[int, int]]


def _where(
    texts: Sequence[str], test: Callable[[str], bool], vocabulary: Collection[str] | None
) -> list[int]:
    """The indices of the words for which ``test`` holds, testing each distinct word once
    (a transcript repeats a few thousand words: this runs on every word)."""
    distinct = set(texts) if vocabulary is None else vocabulary
    chosen = {text for text in distinct if test(text)}
    if not chosen:
        return []
    if COLUMN_KERNEL.COMPILED:
        found: list[int] = COLUMN_KERNEL.where(texts, chosen)  # one typed pass
        return found
    return list(compress(range(len(texts)), map(chosen.__contains__, texts)))


def _only(text: str, marks: frozenset[str]) -> bool:
    # Every character a mark (one set operation in C: this runs on every distinct word).
    return bool(text) and marks.issuperset(text)


def _may_attach(text: str) -> bool:
    """Whether the word can glue a boundary or open a span: a lone opening or closing mark,
    a music note, or an opening bracket (a word that merely ends in "." cannot)."""
    return (
        _only(text, _OPENING)
        or _only(text, _CLOSING)
        or not _MUSIC.isdisjoint(text)
        or text[:1] in _PAIRS
    )


def _has_note(text: str) -> bool:
    return not _MUSIC.isdisjoint(text)


_CLOSING_TEXT = "".join(sorted(_CLOSING))


def _music_roles(texts: Sequence[str], vocabulary: Collection[str] | None) -> list[str]:
    """Per word: ``open`` or ``close`` for a music note (alone or at a word's edge), else ``""``."""
    roles = [""] * len(texts)
    inside = False
    for index in _where(texts, _has_note, vocabulary):
        text = texts[index]
        if _only(text, _MUSIC):
            roles[index] = "close" if inside else "open"
            inside = not inside
        elif text[0] in _MUSIC and text[-1] in _MUSIC:
            continue  # "♪la♪": a whole lyric in one word
        elif text[0] in _MUSIC:
            roles[index], inside = "open", True
        elif text.rstrip(_CLOSING_TEXT)[-1:] in _MUSIC:
            roles[index], inside = "close", False
    return roles


def attachments(texts: Sequence[str], vocabulary: Collection[str] | None = None) -> Attachments:
    """Glued boundaries and keep-together spans of a transcript's words (see the module).
    ``vocabulary``: the distinct texts, when the caller has them (else found here)."""
    count = len(texts)
    glue = [False] * max(count - 1, 0)
    spans: list[tuple[int, int]] = []
    # Most words hold no bracket, quote or note and are more than punctuation: only the
    # others need a look.
    marked = _where(texts, _may_attach, vocabulary)
    if not marked:
        return Attachments(glue, spans)
    music = _music_roles(texts, vocabulary)
    for index in marked:
        text = texts[index]
        if index < count - 1 and (
            _only(text, _OPENING) or (music[index] == "open" and _only(text, _MUSIC))
        ):
            glue[index] = True
        if index > 0 and (
            _only(text, _CLOSING) or (music[index] == "close" and _only(text, _MUSIC))
        ):
            glue[index - 1] = True
        closer = _PAIRS.get(text[0])
        if closer is not None and closer not in text:
            for last in range(index + 1, min(count, index + _SPAN_WORDS)):
                if closer in texts[last]:
                    spans.append((index, last))
                    break
                if any(opener in texts[last] for opener in _PAIRS):
                    break
        elif music[index] == "open":
            for last in range(index + 1, min(count, index + _SPAN_WORDS)):
                if music[last] == "close":
                    spans.append((index, last))
                    break
                if music[last] == "open":
                    break
    return Attachments(glue, spans)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


_SENTENCE_END = frozenset(".!?…")
_AFTER_SENTENCE = ")]}”’»\"'"


def _ends_sentence(text: str) -> bool:
    return text[-1] in _SENTENCE_END or text.rstrip(_AFTER_SENTENCE)[-1:] in _SENTENCE_END


def repeated_sentences(
    texts: Sequence[str], max_words: int = 3, vocabulary: Collection[str] | None = None
) -> list[int]:
    """Boundaries between two equal short sentences (at most ``max_words`` words each, ending
    in ``.``, ``!``, ``?`` or ``…``): ``No. | No. | No.`` reads as one utterance.
    ``vocabulary``: the distinct texts, when the caller has them (else found here)."""
    ends = _where(texts[:-1], _ends_sentence, vocabulary)
    repeats: list[int] = []
    starts = [0, *(b + 1 for b in ends)]
    stops = [*(b + 1 for b in ends), len(texts)]
    # Only a sentence as long as the next one, and short, needs a look (found at C speed).
    lengths = list(map(operator.sub, stops, starts))
    same = map(operator.eq, lengths, islice(lengths, 1, None))
    short = map(operator.le, lengths, repeat(max_words))
    for index in compress(range(len(ends)), map(operator.and_, same, short)):
        end = ends[index]
        left, right = (
            texts[starts[index] : stops[index]],
            texts[starts[index + 1] : stops[index + 1]],
        )
        keys = [_key(text) for text in left]
        if any(keys) and keys == [_key(text) for text in right]:
            repeats.append(end)
    return repeats
