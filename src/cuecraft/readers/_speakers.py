"""Speaker labels inside subtitle text: which row-start ``Name:`` prefixes are labels, per file.

The subtitle readers (SRT, WebVTT, SBV, ASS, TTML) call :func:`row_label` on every row. It is
run twice over a file: first to collect every candidate label, then, once the file's rule is
decided (:meth:`SpeakerState.decide`), to strip the labels and set the speaker.

**Candidates.** At the start of a row, after optional spaces and an optional dialogue dash
(``-``, ``–``, ``—``) or chevrons (``>>``):

* ``[Anything]:`` (up to 32 characters in the brackets), e.g. ``[SPEAKER_01]:``, or any
  ``Name:`` after ``>>`` (YouTube's ``>> ANNA:``): both count as bracketed below;
* or one to four words, the first starting with a capital letter, the others with a capital
  or a digit (``JOHN``, ``Zoë Müller``, ``Dr. Smith``, ``Speaker 2``), with a colon right after
  the last one, then a space or the row's end.

**Which candidates are labels** (``speaker_labels``, a reader option):

* ``"auto"`` (the default) decides per file: a bracketed candidate is a label; a candidate in
  capitals (``JOHN:``, ``DR. SMITH:``) is a label unless most rows of the file are in capitals
  anyway; any other candidate is a label only when the file has at least two such names that
  each occur at least twice (a dialogue, labelled consistently). So ``Thus: what we call`` or
  a single ``Digo: "Le doy..."`` stays text;
* ``"always"``: every candidate is a label (how cuecraft read them before issue #9);
* ``"none"``: rows are read as written: no label, and dashes and chevrons stay text too
  (for files where none of them marks a speaker).

A label's dash or chevrons and the label itself leave the text; the name becomes the
speaker's id and name, and holds until the next label or speaker-change mark, across cues.

**Dialogue dashes and chevrons** leading a row without a label (``- Now?``, Netflix's
``-Now?``, YouTube's ``>> Now?``) say that the speaker changed, not who speaks. They are
speaker-change marks, not words: removed from the text (counted in the ``speaker-labels``
note), and the speaker becomes unknown (None) until the next label. They never create a
speaker (no "Turn 1" ... "Turn 156"). A dash is one of ``-``, ``–``, ``—`` followed by a
space, the row's end, or a character that is not a lower-case letter, a digit or another
dash: ``-5``, ``-ish`` and ``--`` are text.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Final, Literal

from cuecraft.model import Speaker

__all__ = ["SPEAKER_LABELS", "SpeakerLabels", "SpeakerState", "parse_label", "row_label"]

SpeakerLabels = Literal["auto", "always", "none"]
SPEAKER_LABELS: Final[tuple[str, ...]] = ("auto", "always", "none")

_DASHES: Final = "-\u2013\u2014"
_MAX_NAME: Final = 32
_MAX_WORDS: Final = 4
# How far into a row a label may reach: a lead mark, four words and a colon. Bounding the
# scan keeps a row's cost constant whatever its length.
_WINDOW: Final = 96


@dataclass(frozen=True)
class Label:
    """A candidate label at the start of a row."""

    name: str
    end: int  # index in the row just after the label's colon and spaces
    bracketed: bool  # "[SPEAKER_01]:", or a label after ">>": a label whatever its case
    capitals: bool


def _lead_end(row: str) -> tuple[int, str]:
    """Index after leading spaces and a dash or chevrons (and their spaces); which mark."""
    index = len(row) - len(row.lstrip())
    mark = ""
    if row.startswith(">>", index):
        index += 2
        while index < len(row) and row[index] == ">":
            index += 1
        mark = ">>"
    elif index < len(row) and row[index] in _DASHES:
        following = row[index + 1 : index + 2]
        # "-5", "--", "-ish": text. "- Hi", "-Hi" (Netflix's dash has no space), "-¿Qué?": a dash.
        if following in _DASHES or following.isdigit() or following.islower():
            return index, ""
        index += 1
        mark = "-"
    while index < len(row) and row[index].isspace():
        index += 1
    return index, mark


def _word_ok(word: str, first: bool) -> bool:
    if not word[0].isupper() and (first or not word[0].isdigit()):
        return False
    return all(ch.isalnum() or ch in "'.-’_" for ch in word)


def parse_label(row: str) -> Label | None:
    """The candidate label leading ``row``, if any (see the module docstring)."""
    start, mark = _lead_end(row)
    head = row[start : start + _WINDOW]
    chevrons = mark == ">>"
    if head.startswith("["):
        close = head.find("]")
        inner = head[1:close].strip() if close > 0 else ""
        after = close + 1
        if not inner or "[" in inner or len(inner) > _MAX_NAME or head[after : after + 1] != ":":
            return None
        if head[after + 1 : after + 2] not in ("", " ", "\t"):
            return None
        return Label(inner, start + after + 1 + _spaces(head, after + 1), True, False)
    words = head.split(None, _MAX_WORDS)[:_MAX_WORDS]
    for count, word in enumerate(words, start=1):
        if word.endswith(":") and len(word) > 1:
            name = " ".join([*words[: count - 1], word[:-1]])
            if not all(_word_ok(w, n == 0) for n, w in enumerate(name.split())):
                return None
            if len(name) > _MAX_NAME:
                return None
            colon = _nth_word_end(head, count)
            letters = [ch for ch in name if ch.isalpha()]
            capitals = len(letters) >= 2 and name.upper() == name
            return Label(name, start + colon + _spaces(head, colon), chevrons, capitals)
        if ":" in word:
            return None
    return None


def _spaces(text: str, index: int) -> int:
    count = 0
    while index + count < len(text) and text[index + count].isspace():
        count += 1
    return count


def _nth_word_end(text: str, count: int) -> int:
    index = 0
    for _ in range(count):
        index += _spaces(text, index)
        while index < len(text) and not text[index].isspace():
            index += 1
    return index


class SpeakerState:
    """The speaker state while reading: the current speaker, every speaker met, the label rule.

    Created collecting (first pass); :meth:`decide` returns the state for the second pass.
    """

    def __init__(self, mode: SpeakerLabels = "auto", *, collecting: bool = False) -> None:
        self.mode: SpeakerLabels = mode
        self.collecting = collecting
        self.current: str | None = None
        self.known: dict[str, Speaker] = {}
        self.accepted: set[str] = set()
        self.counts: Counter[str] = Counter()
        self.bracketed: set[str] = set()
        self.capitals: set[str] = set()
        self.rows = 0
        self.capital_rows = 0
        self.marks = 0  # dashes and chevrons removed, for the note

    def name(self, name: str) -> None:
        self.current = name
        self.known.setdefault(name, Speaker(id=name, name=name))

    def change(self) -> None:
        """A speaker-change mark without a name: who speaks next is unknown."""
        self.current = None

    def collect(self, row: str, label: Label | None) -> None:
        rest = row[label.end :] if label else row
        if any(ch.isalpha() for ch in rest[:_WINDOW]):
            self.rows += 1
            self.capital_rows += rest.isupper()
        if label is None:
            return
        self.counts[label.name] += 1
        if label.bracketed:
            self.bracketed.add(label.name)
        if label.capitals:
            self.capitals.add(label.name)

    def decide(self) -> SpeakerState:
        """The state for the reading pass, with this file's labels decided."""
        decided = SpeakerState(self.mode)
        if self.mode == "always":
            decided.accepted = set(self.counts)
        elif self.mode == "auto":
            shouting = self.capital_rows * 2 > self.rows
            strong = self.bracketed | (set() if shouting else self.capitals)
            recurring = {name for name, n in self.counts.items() if n >= 2 and name not in strong}
            decided.accepted = strong | (recurring if len(recurring) >= 2 else set())
        decided.counts = self.counts
        return decided

    def rejected(self) -> list[str]:
        """Candidates of the file that were not taken as labels, most frequent first."""
        return [name for name, _ in self.counts.most_common() if name not in self.accepted]


def row_label(text: str, speakers: SpeakerState) -> str:
    """Strip a leading speaker label from a row, updating the speaker state; return the rest.

    A dash or chevrons without a label are removed too, and make the speaker unknown;
    with ``speaker_labels="none"`` the row is returned as it is.
    """
    if speakers.mode == "none":
        return text
    label = parse_label(text)
    if speakers.collecting:
        speakers.collect(text, label)
        return text
    if label is not None and label.name in speakers.accepted:
        speakers.name(label.name)
        return text[label.end :]
    end, mark = _lead_end(text)
    if not mark:
        return text
    speakers.change()
    speakers.marks += 1
    return text[end:]
