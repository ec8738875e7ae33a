"""Cue text shared by the SRT, WebVTT and SBV writers: safe rows and speaker labels.

These formats end a cue at the first blank line, so a cue's rows must never be empty and must
never hold a line break of their own. :func:`plan` turns cues into rows that are safe for
each of them and decides, once, where a speaker label goes. The modes are:

``none``
    No labels.
``prefix``
    ``Name: `` leads a row whose speaker differs from the speaker of the row before it (for
    the first row of a cue, the last row of the previous cue). So a label appears at every
    change of speaker, and at the first row of the file when it has a speaker. Rows without a
    speaker get no label.
``dash``
    Netflix dual-speaker style (Netflix English Timed Text Style Guide, "Dual Speakers": a
    hyphen without a space, one speaker per row). Only in a cue whose rows carry more than
    one speaker (``None`` counts as a speaker of its own): each row that starts a speaker's
    part of the cue (the first row, and each row whose speaker differs from the row above)
    is led by ``-``, unless it already starts with ``-`` (the segmenter writes the dashes
    itself under ``Rules.dual_speaker_dashes``, counted in the row length; they are never
    doubled). A continuation row of the same speaker is not dashed. Cues with one speaker are
    unchanged, and nothing depends on the previous cue.
``voice`` (WebVTT only)
    A WebVTT voice span ``<v Name>`` opens at each row that starts a speaker's part of a cue
    (the first row, or a change of speaker within the cue), like ``dash`` but in every cue.
``chevrons`` (SBV only)
    YouTube style: ``>>`` leads a row whose speaker differs from the speaker of the row
    before it (across cues, as for ``prefix``), followed by ``Name: `` when the new speaker
    is known. A change to a row without a speaker gets ``>>`` alone; the first row of the
    file gets nothing when it has no speaker.

Speaker names come from :attr:`WriteContext.speaker_names` (the speaker id when a name is
missing or blank). Line breaks and runs of whitespace in a name become one space.

Labels are added by the writer, after segmentation, yet they are on screen and count in the
row width. So each writer that adds them declares its label mode
(``WriterSpec.display``, :class:`~cuecraft.display.Display`); the rules are fitted to it
before segmenting, ``Rules.row_labels`` tells the segmenter which labels will come, and it
reserves their room (:mod:`cuecraft.segment.labels`, #9). Cues that were segmented without
it (cues handed to the writer directly) can still end up longer than the limit.

Characters no subtitle format can carry (issue 10): in cue text, control characters (C0 and
C1 other than the tab and line breaks; one that separates words, such as a vertical tab, becomes
a space) and the non-characters U+FFFE and U+FFFF are removed with a ``control-character``
diagnostic, and a lone surrogate is an
:class:`~cuecraft.errors.UnencodableError` naming the cue. In a speaker name
(:func:`display_names`) each of them becomes U+FFFD, with a ``speaker-name-replaced``
diagnostic, so a name is never empty and never breaks a line or a file's encoding.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Literal, NamedTuple

import msgspec

from cuecraft.columns import CueTable
from cuecraft.display import display_name
from cuecraft.errors import UnencodableError
from cuecraft.model import Cue, Diagnostic
from cuecraft.writers._neutral import lead_mark
from cuecraft.writers._spec import WriteContext

__all__ = [
    "LabelMode",
    "PlannedCue",
    "Row",
    "display_names",
    "plan",
    "speaker_name",
    "table_rows",
]

LabelMode = Literal["none", "prefix", "dash", "voice", "chevrons"]

# Only these three end a line for SRT/WebVTT parsers (WebVTT "line terminator"; Python's
# universal newlines). U+2028 and friends are ordinary characters there and stay in the text.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# The character classes below are patterns, compiled by re (and kept in its cache) the first
# time a text needs them: compiling classes that span the whole BMP costs a conversion some
# 2 ms of start-up (issue #12), and a clean file never needs them.
_SURROGATE = "[\ud800-\udfff]"
# What a row must not hold: C0/C1 controls except the tab and the line breaks split on above,
# and the non-characters U+FFFE/U+FFFF (XML cannot hold them; players show boxes).
_CONTROL = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]"
# What a speaker name must not hold (whitespace is collapsed to a space before this).
_BAD_IN_NAME = "[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"


class Row(NamedTuple):
    """One output row of a cue.

    Attributes:
        text: the row's text, stripped, never empty, without line breaks (not yet escaped).
        speaker: the speaker id of the :class:`~cuecraft.model.Line` the row came from.
        label: the speaker name to print before the text (``prefix`` and ``chevrons``
            modes), else None.
        dash: True when the row is led by ``-`` (``dash`` mode).
        voice: the speaker name of a voice span opening at this row (``voice`` mode).
        chevrons: True when the row is led by ``>>`` (``chevrons`` mode).
    """

    text: str
    speaker: str | None
    label: str | None = None
    dash: bool = False
    voice: str | None = None
    chevrons: bool = False


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class PlannedCue(msgspec.Struct, frozen=True):
    """A cue ready to print: its index among the input cues, its times and its rows."""

    index: int
    start_ms: int
    end_ms: int
    rows: tuple[Row, ...]


def speaker_name(speaker: str, names: Mapping[str, str]) -> str:
    """Display name of a speaker id: its listed name on one line, else the id itself (the
    segmenter measures labels with the same function)."""
    return display_name(speaker, names)


def display_names(cues: Sequence[Cue], context: WriteContext | None) -> dict[str, str]:
    """Speaker id -> the name to write, for every speaker of ``cues``: :func:`speaker_name`
    with control characters, lone surrogates and U+FFFE/U+FFFF replaced by U+FFFD.

    Each replacement is reported once per speaker (``speaker-name-replaced``).
    """
    names = context.speaker_names if context is not None else {}
    shown: dict[str, str] = {}
    for index, cue in enumerate(cues):
        for line in cue.lines:
            if line.speaker is None or line.speaker in shown:
                continue
            raw = speaker_name(line.speaker, names)
            name = re.sub(_BAD_IN_NAME, "\ufffd", raw)
            shown[line.speaker] = name
            if name != raw and context is not None:
                context.diagnostics.append(
                    Diagnostic(
                        code="speaker-name-replaced",
                        cue_index=index,
                        message=f"speaker name {raw!r} holds characters no subtitle file can "
                        f"carry (control characters, lone surrogates); written as {name!r}",
                    )
                )
    return shown


_MARK = (
    "a row starting with '>>' or '[...]:' would be read back as a speaker mark and lose it; "
    "written with a look-alike ('\u203a\u203a', '\uff3b...\uff3d:')"
)


def _rows(cue: Cue, cue_index: int, notes: list[Diagnostic]) -> list[Row]:
    """Split each line at embedded line breaks, strip, and drop what is left empty."""
    rows: list[Row] = []
    for line in cue.lines:
        text = line.text
        # Surrogates, controls and non-characters are all unprintable: most rows skip this.
        if not text.isprintable():
            text = _without_controls(text, cue_index, notes)
        for piece in _LINE_BREAK.split(text):
            text, marked = lead_mark(piece.strip())
            if marked:
                notes.append(
                    Diagnostic(code="speaker-mark-in-text", cue_index=cue_index, message=_MARK)
                )
            if text:
                rows.append(Row(text=text, speaker=line.speaker))
    return rows


def _without_controls(text: str, cue_index: int, notes: list[Diagnostic]) -> str:
    """``text`` without its control characters (reported); an error for a lone surrogate."""
    bad = re.search(_SURROGATE, text)
    if bad is not None:
        raise UnencodableError(
            f"lone surrogate U+{ord(bad.group()):04X} cannot be written as UTF-8",
            cue_index=cue_index,
            char=bad.group(),
        )
    if re.search(_CONTROL, text):
        removed = sorted({f"U+{ord(char):04X}" for char in re.findall(_CONTROL, text)})
        # A control that separates words (vertical tab, form feed, information separators,
        # NEL) becomes a space, so that the words stay apart.
        text = re.sub(_CONTROL, lambda match: " " if match.group().isspace() else "", text)
        notes.append(
            Diagnostic(
                code="control-character",
                cue_index=cue_index,
                message=f"control characters removed from the text ({', '.join(removed)})",
            )
        )
    return text


def _turn_starts(rows: Sequence[Row]) -> list[bool]:
    """For each row of one cue: does it start a speaker's part (first row or a change)?"""
    return [i == 0 or row.speaker != rows[i - 1].speaker for i, row in enumerate(rows)]


def _label(
    rows: list[Row], mode: LabelMode, previous: list[str | None], names: Mapping[str, str]
) -> list[Row]:
    # ``previous`` holds the speaker of the last row labelled so far (a one-item cell).
    labelled: list[Row] = []
    starts = _turn_starts(rows)
    several = len({row.speaker for row in rows}) > 1
    for row, starts_turn in zip(rows, starts, strict=True):
        name = speaker_name(row.speaker, names) if row.speaker is not None else None
        if mode == "prefix" and name is not None and row.speaker != previous[0]:
            row = Row(row.text, row.speaker, label=name)
        elif mode == "dash" and several and starts_turn and not row.text.startswith("-"):
            row = Row(row.text, row.speaker, dash=True)
        elif mode == "voice" and name is not None and starts_turn:
            row = Row(row.text, row.speaker, voice=name)
        elif mode == "chevrons" and row.speaker != previous[0]:
            row = Row(row.text, row.speaker, label=name, chevrons=True)
        previous[0] = row.speaker
        labelled.append(row)
    return labelled


def plan(
    cues: Sequence[Cue] | CueTable, mode: LabelMode, context: WriteContext | None = None
) -> list[PlannedCue]:
    """Rows and speaker labels of every cue that has text.

    A cue whose text is empty or only whitespace is skipped (it cannot be written without a
    blank line) and reported in ``context.diagnostics``. ``cues`` may be a
    :class:`~cuecraft.columns.CueTable`: the same rows, without a Cue object per cue.

    Raises:
        UnencodableError: for a lone surrogate, which has no UTF-8 encoding.
    """
    if isinstance(cues, CueTable):
        fast = _plan_table(cues, mode, context)
        if fast is not None:
            return fast
        cues = cues.cues()
    named = mode in ("prefix", "voice", "chevrons")
    names = display_names(cues, context) if named else {}
    notes = context.diagnostics if context is not None else []
    previous: list[str | None] = [None]
    planned: list[PlannedCue] = []
    for index, cue in enumerate(cues):
        rows = _rows(cue, index, notes)
        if not rows:
            if context is not None:
                context.diagnostics.append(
                    Diagnostic(
                        code="empty-cue",
                        cue_index=index,
                        message="cue has no text; skipped",
                    )
                )
            continue
        if mode != "none":
            rows = _label(rows, mode, previous, names)
        planned.append(PlannedCue(index, cue.start_ms, cue.end_ms, tuple(rows)))
    return planned


def table_rows(table: CueTable) -> list[str] | None:
    """The text of every row of ``table`` (the dash of a two-speaker cue included) when its
    words need none of :func:`plan`'s repairs: no control character, line break or surrogate
    in any word, no word that could make a speaker mark. None otherwise: then the cues are
    planned one by one."""
    texts = table.words.texts
    # Joined with nothing: a mark made across two words only sends the table the slow way.
    whole = "".join(texts)
    # Surrogates, controls and line breaks are all unprintable: one fast scan clears a
    # clean file of them all.
    if not whole.isprintable() and (
        re.search(_SURROGATE, whole) or re.search(_CONTROL, whole) or "\n" in whole or "\r" in whole
    ):
        return None
    if ">>" in whole or "[" in whole:
        return None
    separator = table.separator
    firsts = table.row_firsts
    rows = [separator.join(texts[first:stop]) for first, stop in itertools.pairwise(firsts)]
    if any(table.dashes):
        dash, cue_rows = table.speaker_dash, table.cue_rows
        for cue in itertools.compress(range(len(table)), table.dashes):
            for row in range(cue_rows[cue], cue_rows[cue + 1]):
                rows[row] = dash + rows[row]
    return rows


def _plan_table(
    table: CueTable, mode: LabelMode, context: WriteContext | None
) -> list[PlannedCue] | None:
    """:func:`plan` for a table whose rows need no repair (:func:`table_rows`) and whose
    speaker names are clean. None otherwise: then the cues are planned one by one, as given."""
    names: dict[str, str] = {}
    if mode in ("prefix", "voice", "chevrons"):
        given = context.speaker_names if context is not None else {}
        for speaker in dict.fromkeys(table.words.speakers):
            if speaker is not None:
                names[speaker] = speaker_name(speaker, given)
        if any(re.search(_BAD_IN_NAME, name) for name in names.values()):
            return None
    texts = table_rows(table)
    if texts is None:
        return None
    previous: list[str | None] = [None]
    planned: list[PlannedCue] = []
    starts, ends, cue_rows = table.starts, table.ends, table.cue_rows
    speakers = table.words.speakers
    firsts = table.row_firsts
    for index in range(len(table)):
        rows = [
            Row(texts[row], speakers[firsts[row]])
            for row in range(cue_rows[index], cue_rows[index + 1])
        ]
        if mode != "none":
            rows = _label(rows, mode, previous, names)
        planned.append(PlannedCue(index, starts[index], ends[index], tuple(rows)))
    return planned
