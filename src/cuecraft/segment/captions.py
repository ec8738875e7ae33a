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

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Attachments", "attachments", "repeated_sentences"]

_OPENING = frozenset("([{“‘«¿¡")
_CLOSING = frozenset(")]}”’».,;:!?…")
_MUSIC = frozenset("♪♫")
_PAIRS = {"(": ")", "[": "]", "{": "}"}
_SPAN_WORDS = 24
"""The longest caption or lyric span looked for, in words (longer ones are left alone)."""


@dataclass(frozen=True)
class Attachments:
    """Where rows and cues should not break.

    Attributes:
        glue: per boundary (after word ``b``): True when a row or cue end there would strand
            an opening mark or lead with a closing one.
        spans: ``(first, last)`` word indices of bracketed captions and lyrics, inclusive.
    """

    glue: list[bool]
    spans: list[tuple[int, int]]


def _only(text: str, marks: frozenset[str]) -> bool:
    return bool(text) and all(char in marks for char in text)


def _music_roles(texts: Sequence[str]) -> list[str]:
    """Per word: ``open`` or ``close`` for a music note (alone or at a word's edge), else ``""``."""
    roles: list[str] = []
    inside = False
    for text in texts:
        lone = _only(text, _MUSIC)
        if lone:
            role = "close" if inside else "open"
            inside = not inside
        elif text[0] in _MUSIC and text[-1] in _MUSIC:
            role = ""  # "♪la♪": a whole lyric in one word
        elif text[0] in _MUSIC:
            role, inside = "open", True
        elif text.rstrip("".join(_CLOSING))[-1:] in _MUSIC:
            role, inside = "close", False
        else:
            role = ""
        roles.append(role)
    return roles


def attachments(texts: Sequence[str]) -> Attachments:
    """Glued boundaries and keep-together spans of a transcript's words (see the module)."""
    count = len(texts)
    music = _music_roles(texts)
    glue = [False] * max(count - 1, 0)
    for b in range(count - 1):
        word, after = texts[b], texts[b + 1]
        lone_music = _only(word, _MUSIC)
        if (_only(word, _OPENING) or (lone_music and music[b] == "open")) or (
            _only(after, _CLOSING) or (_only(after, _MUSIC) and music[b + 1] == "close")
        ):
            glue[b] = True
    spans: list[tuple[int, int]] = []
    for first, text in enumerate(texts):
        closer = _PAIRS.get(text[0])
        if closer is not None and closer not in text:
            for last in range(first + 1, min(count, first + _SPAN_WORDS)):
                if closer in texts[last]:
                    spans.append((first, last))
                    break
                if any(opener in texts[last] for opener in _PAIRS):
                    break
        elif music[first] == "open":
            for last in range(first + 1, min(count, first + _SPAN_WORDS)):
                if music[last] == "close":
                    spans.append((first, last))
                    break
                if music[last] == "open":
                    break
    return Attachments(glue, spans)


def _key(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())


_SENTENCE_END = frozenset(".!?…")


def repeated_sentences(texts: Sequence[str], max_words: int = 3) -> list[int]:
    """Boundaries between two equal short sentences (at most ``max_words`` words each, ending
    in ``.``, ``!``, ``?`` or ``…``): ``No. | No. | No.`` reads as one utterance."""
    ends = [
        b
        for b, text in enumerate(texts[:-1])
        if text.rstrip("".join(_CLOSING - _SENTENCE_END))[-1:] in _SENTENCE_END
    ]
    repeats: list[int] = []
    starts = [0, *(b + 1 for b in ends)]
    stops = [*(b + 1 for b in ends), len(texts)]
    for index, end in enumerate(ends):
        left = [_key(text) for text in texts[starts[index] : stops[index]]]
        right = [_key(text) for text in texts[starts[index + 1] : stops[index + 1]]]
        if left == right and len(left) <= max_words and any(left):
            repeats.append(end)
    return repeats
