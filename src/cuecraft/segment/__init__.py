"""Segmentation: a Transcript in, subtitle cues out. Pure and deterministic; no file formats.

``segment(transcript, rules)`` lays words out in cues and rows (``rules.engine`` picks the
algorithm: :func:`~cuecraft.segment.engine.layout_optimal` or the greedy baseline) and then
times the cues (:func:`cuecraft.segment.timing.time_layout`).
``segment_table`` does the same on the words as columns (:class:`~cuecraft.columns.WordTable`)
and returns the cues as word spans and times (:class:`~cuecraft.columns.CueTable`): the
conversion's hot path, which builds no object per word or cue.
``segment_with_report`` returns the cues plus the diagnostics: words that could not be
placed within the limits (``word-longer-than-row``, ``word-longer-than-cue``), cues that had to
start late (``start-delayed``), and, as ``info``, cues under the minimum duration or over the
reading speed because the speech left no room.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Sequence
from dataclasses import dataclass, field

from cuecraft._gc import paused_gc
from cuecraft.columns import COLUMN_KERNEL, CueTable, WordTable
from cuecraft.model import Cue, Diagnostic, Transcript
from cuecraft.segment.compiled import kernel_mode
from cuecraft.segment.engine import (
    CueLayout,
    diagnose_layout,
    layout_columns,
    spans_of,
)
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.greedy import greedy_spans
from cuecraft.segment.labels import cue_label_chars, label_widths
from cuecraft.segment.linguistics import Language, guess_language, language_for
from cuecraft.segment.notes import Notes
from cuecraft.segment.rules import FRAME_RATES, Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights
from cuecraft.segment.timing import time_cue_firsts

__all__ = [
    "FRAME_RATES",
    "Rules",
    "Segmentation",
    "TableSegmentation",
    "fit_rules",
    "kernel_mode",
    "resolve_rules",
    "segment",
    "segment_table",
    "segment_with_report",
]


@dataclass(frozen=True)
class Segmentation:
    """The result of :func:`segment_with_report`.

    Attributes:
        cues: the timed cues, in order; their lines' word spans cover every word once.
        diagnostics: what could not be done within the rules (see the module docstring).
        rules: the rules as applied (language defaults filled in).
    """

    cues: list[Cue]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    rules: Rules = field(default_factory=Rules)


@dataclass(frozen=True)
class TableSegmentation:
    """The result of :func:`segment_table`: the cues as a :class:`~cuecraft.columns.CueTable`,
    with the diagnostics and rules of :class:`Segmentation`."""

    table: CueTable
    diagnostics: Notes = field(default_factory=Notes)
    """What :attr:`Segmentation.diagnostics` says, made when first read (a conversion reads
    only the limit warnings: :meth:`~cuecraft.segment.notes.Notes.of`)."""
    rules: Rules = field(default_factory=Rules)


def resolve_rules(
    transcript: Transcript | WordTable, rules: Rules | None = None
) -> tuple[Rules, Language]:
    """The rules and language profile to segment ``transcript`` with.

    The language is ``rules.language``, else the transcript's, else the word-listed language
    whose function words dominate the text (:func:`~cuecraft.segment.linguistics.
    guess_language`; the neutral profile when none does). A language with its own row
    length or reading speed (Japanese, Chinese, Thai) replaces the defaults of the fields the
    user did not set.
    """
    rules = rules or Rules()
    code = rules.language or transcript.language
    if code:
        language = language_for(code)
    elif isinstance(transcript, WordTable):
        language = guess_language(transcript.texts)
    else:
        language = guess_language([word.text for word in transcript.words])
    update: dict[str, object] = {}
    if language.row_chars is not None and "max_chars_per_row" not in rules.model_fields_set:
        update["max_chars_per_row"] = language.row_chars
    if (
        language.chars_per_second is not None
        and "max_chars_per_second" not in rules.model_fields_set
    ):
        update["max_chars_per_second"] = language.chars_per_second
    if update:
        rules = Rules(**{**rules.model_dump(exclude_unset=True), **update})
    return rules, language


def segment(transcript: Transcript, rules: Rules | None = None) -> list[Cue]:
    """Cut a transcript into timed subtitle cues.

    Args:
        transcript: the words to lay out.
        rules: limits and preferences; ``Rules()`` (Amberscript defaults) when None.

    Returns:
        Cues in time order; their lines' word spans cover every word once, in order.
    """
    return segment_with_report(transcript, rules).cues


def segment_with_report(
    transcript: Transcript, rules: Rules | None = None, *, weights: Weights = DEFAULT_WEIGHTS
) -> Segmentation:
    """Cut a transcript into timed cues and report what the rules could not hold.

    Args:
        transcript: the words to lay out.
        rules: limits and preferences; ``Rules()`` when None.
        weights: the optimal engine's cost model (for tuning; the defaults are fitted).

    Returns:
        A :class:`Segmentation`: cues, diagnostics (each with ``cue_index`` and
        ``word_index``) and the rules as applied.
    """
    result = segment_table(WordTable.from_transcript(transcript), rules, weights=weights)
    with paused_gc():
        cues = result.table.cues()
    return Segmentation(cues=cues, diagnostics=list(result.diagnostics), rules=result.rules)


def segment_table(
    words: WordTable, rules: Rules | None = None, *, weights: Weights = DEFAULT_WEIGHTS
) -> TableSegmentation:
    """:func:`segment_with_report` on the words as columns, with the cues as a table.

    Args:
        words: the words to lay out.
        rules: limits and preferences; ``Rules()`` when None.
        weights: the optimal engine's cost model.

    Returns:
        A :class:`TableSegmentation`: the cues as word spans and times, the diagnostics and
        the rules as applied.
    """
    with paused_gc():
        return _segment(words, rules, weights)


def _segment(words: WordTable, rules: Rules | None, weights: Weights) -> TableSegmentation:
    rules, language = resolve_rules(words, rules)
    labels = label_widths(words, rules)
    row_firsts: Sequence[int]
    cue_rows: Sequence[int]
    if rules.engine == "greedy":
        layouts = [
            CueLayout(rows=tuple(rows))
            for rows in greedy_spans(words.transcript(), rules, language.separator, labels)
        ]
        diagnostics = diagnose_layout(words, layouts, rules, labels)
        row_firsts, cue_rows, dashes = spans_of(layouts)
    else:
        (row_firsts, cue_rows, dashes), diagnostics = layout_columns(
            words, rules, language, weights, labels
        )
    cue_firsts = [row_firsts[row] for row in cue_rows]  # then the word count
    chars = _cue_chars(words.texts, cue_firsts, cue_rows, dashes, language, rules)
    if labels is not None:
        extra = [
            cue_label_chars(
                tuple(itertools.pairwise(row_firsts[first_row : stop_row + 1])), words, labels
            )
            for first_row, stop_row in itertools.pairwise(cue_rows)
        ]
        chars = [count + more for count, more in zip(chars, extra, strict=True)]
    row_counts = list(map(operator.sub, itertools.islice(cue_rows, 1, None), cue_rows))
    starts, ends, notes = time_cue_firsts(
        words.starts, words.ends, cue_firsts, chars, row_counts, rules
    )
    table = CueTable(
        words,
        row_firsts,
        cue_rows,
        starts,
        ends,
        dashes=dashes,
        separator=language.separator,
        speaker_dash=rules.speaker_dash,
    )
    return TableSegmentation(table=table, diagnostics=Notes(diagnostics) + notes, rules=rules)


def _cue_chars(
    texts: Sequence[str],
    cue_firsts: Sequence[int],
    cue_rows: Sequence[int],
    dashes: bytes,
    language: Language,
    rules: Rules,
) -> list[int]:
    """Characters each cue shows: its rows' texts (words, separators, dashes), as
    ``len(line.text)`` counts them, from prefix sums of the word lengths (``cue_firsts``:
    each cue's first word, then the word count; ``cue_rows``: each cue's first row, then
    the row count)."""
    lengths: Sequence[int]
    if COLUMN_KERNEL.COMPILED:
        lengths = COLUMN_KERNEL.length_sums(texts)  # one typed pass
    else:
        lengths = [0, *itertools.accumulate(map(len, texts))]
    sep = len(language.separator)
    dash = len(rules.speaker_dash)
    # A cue shows its words' letters and a separator after each word but the last of a row.
    # Counted from the start of the text to each cue's first word (the letters, and a
    # separator per word less one per row), a cue's characters are the difference between
    # its count and the next cue's: whole-column operations over the cues (a loop per cue
    # cost more than the rest).
    before = [
        lengths[first] + sep * (first - row)
        for first, row in zip(cue_firsts, cue_rows, strict=True)
    ]
    chars = list(map(operator.sub, itertools.islice(before, 1, None), before))
    if dash and any(dashes):
        # The dash before each row of a two-speaker cue.
        for cue in itertools.compress(itertools.count(), dashes):
            chars[cue] += dash * (cue_rows[cue + 1] - cue_rows[cue])
    return chars
