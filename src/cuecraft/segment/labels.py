"""Speaker labels as the segmenter sees them: characters a writer will put before a row.

A writer may lead rows with a speaker label (``Name: ``, YouTube's ``>> Name: ``) or a
dual-speaker dash (``cuecraft.writers._cuetext`` places them). Those characters are on screen
and count in the row width (Netflix EN §5 counts every character of a line), so the
segmenter reserves room for them: ``Rules.row_labels`` says which labels the writer adds and
:func:`label_widths` gives, for each word, the width of the label before a row that starts at
it (#9). The rules mirror the writers':

``prefix``
    ``Name: `` before a row whose speaker differs from the row before it (across cues).
``chevrons``
    ``>> `` there, followed by ``Name: `` when the new speaker is known.
``dash``
    ``-`` before each row that starts a speaker's part of a cue holding two speakers, unless
    the row already starts with ``-``.
``actor``
    ``Name: `` before each row that starts a speaker's part of a cue holding two speakers
    (the ASS ``actor`` mode: one-speaker cues carry the name outside the text).

With labels, a speaker change always falls between rows (a cue boundary, or the row break of
a two-speaker cue), so "the row before" is the word before.
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from cuecraft.columns import WordTable
from cuecraft.display import display_name
from cuecraft.segment.rules import Rules

__all__ = ["RowLabels", "cue_label_chars", "display_name", "label_widths", "text_width"]


def text_width(text: str) -> int:
    """Characters a row shows for ``text``: code points after NFC, as ``cuecraft check``
    counts them."""
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return len(text)
    return len(unicodedata.normalize("NFC", text))


class RowLabels(NamedTuple):
    """Label widths per word index.

    Attributes:
        alone: before a row starting at the word, in a cue of one speaker.
        shared: before a row starting a speaker's part (at the word) of a two-speaker cue.
    """

    alone: list[int]
    shared: list[int]


def label_widths(words: WordTable, rules: Rules) -> RowLabels | None:
    """The label widths ``rules.row_labels`` asks for; None when the writer adds none."""
    mode = rules.row_labels
    if mode == "none":
        return None
    names = words.speaker_names()
    alone: list[int] = []
    shared: list[int] = []
    previous: str | None = None
    for index, (text, speaker) in enumerate(zip(words.texts, words.speakers, strict=True)):
        turn = speaker != previous if index else speaker is not None
        previous = speaker
        name = 0 if speaker is None else text_width(display_name(speaker, names)) + 2
        if mode == "prefix":
            width = name if turn else 0
            alone.append(width)
            shared.append(width)
        elif mode == "chevrons":
            width = 3 + name if turn else 0
            alone.append(width)
            shared.append(width)
        elif mode == "dash":
            shown = (rules.speaker_dash if rules.dual_speaker_dashes else "") + text
            alone.append(0)
            shared.append(0 if shown.startswith("-") else 1)
        else:  # actor
            alone.append(0)
            shared.append(name)
    return RowLabels(alone, shared)


def cue_label_chars(
    rows: tuple[tuple[int, int], ...], words: WordTable, labels: RowLabels | None
) -> int:
    """Label characters the writer adds to one cue laid out as ``rows`` (word spans)."""
    if labels is None:
        return 0
    speakers = words.speakers
    first = rows[0][0]
    shown = {speakers[start] for start, _ in rows}
    if len(shown) == 1:
        return labels.alone[first]
    total = labels.shared[first]
    for start, _ in rows[1:]:
        if speakers[start] != speakers[start - 1]:
            total += labels.shared[start]
    return total
