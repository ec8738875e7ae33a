"""The optimal segmenter: cue boundaries and row breaks chosen together by dynamic programming.

The transcript is first cut at forced boundaries (long pauses; speaker changes unless
two-speaker dash cues are allowed), which no cue may span. Inside each stretch, ``best[j]`` is
the lowest total cost of laying out words ``[0, j)``; for every cue ``[i, j)`` that the hard
limits allow, the engine adds the cue's own cost and the cost of its best row layout::

    best[j] = min over i of  best[i] + cue_end[j - 1] + weights.cue
                             + duration and reading-speed costs of [i, j)
                             + min over row layouts of [i, j) (keep, row-break, shape costs)

Row layouts: the fewest rows the text fits in (Netflix GR §4: keep text on one row unless it
exceeds the limit), more only when the per-row screen time requires them. A cue holds at most
``(max_chars_per_row + 1) * max_rows`` characters, so each word starts a bounded number of
candidate cues and the work is linear in the number of words.

The per-boundary costs and forced boundaries come from :mod:`cuecraft.segment.boundaries`
(including the sound-caption rules of :mod:`cuecraft.segment.captions`); the top row of a cue,
and both rows of a two-speaker cue, leave room for the writer's speaker label
(:mod:`cuecraft.segment.labels`).

The work is done in three steps: :mod:`cuecraft.segment.tables` precomputes what the
recurrence reads per word and per boundary, :mod:`cuecraft.segment.kernel` runs the recurrence
(with :mod:`cuecraft.segment.rowsplit` for cues of three rows or more) and leaves one record
per word position, and :func:`layouts_from_records` walks the records back into cues.

A word longer than a row (or than ``max_chars_per_cue``) gets a cue of its own and is reported;
a single word spoken for longer than the duration limits likewise. Nothing is ever split,
dropped or reordered. Ties are broken toward the earliest candidate, so the output is
deterministic.
"""

from __future__ import annotations

import itertools
import operator
from collections.abc import Collection, MutableSequence, Sequence
from typing import TYPE_CHECKING

from cuecraft.columns import WordTable
from cuecraft.model import Diagnostic
from cuecraft.segment.boundaries import boundary_facts
from cuecraft.segment.compiled import KernelModules, active_kernel
from cuecraft.segment.labels import RowLabels, text_width
from cuecraft.segment.layout import CueLayout, diagnose_layout, diagnose_words
from cuecraft.segment.linguistics import Language
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights

if TYPE_CHECKING:
    from cuecraft.segment.kernel import RECORD, solve
    from cuecraft.segment.tables import build_tables, limits_for
else:  # the compiled kernel, or its Python source (cuecraft.segment.compiled)
    RECORD = active_kernel().kernel.RECORD
    solve = active_kernel().kernel.solve
    build_tables = active_kernel().tables.build_tables
    limits_for = active_kernel().tables.limits_for

__all__ = [
    "CueLayout",
    "diagnose_layout",
    "layout_columns",
    "layout_optimal",
    "layouts_from_records",
    "spans_of",
]


def _widths(texts: Sequence[str], vocabulary: Collection[str]) -> list[int]:
    # Each distinct word measured once: a transcript repeats a few thousand words.
    width_of = {text: text_width(text) for text in vocabulary}
    return list(map(width_of.__getitem__, texts))


def layout_optimal(
    words: WordTable,
    rules: Rules,
    language: Language,
    weights: Weights = DEFAULT_WEIGHTS,
    labels: RowLabels | None = None,
    *,
    kernel: KernelModules | None = None,
) -> tuple[list[CueLayout], list[Diagnostic]]:
    """Lay words out in cues and rows at the lowest total cost under the hard limits.

    Args:
        words: the transcript's words as columns (at least one).
        rules: limits and preferences (row length already resolved for the language).
        language: word lists for break quality and the row separator.
        weights: the cost model (:data:`~cuecraft.segment.scoring.DEFAULT_WEIGHTS`).
        labels: widths of the speaker labels the writer will add (counted in the rows).
        kernel: the kernel modules to run (:func:`~cuecraft.segment.compiled.load_kernel`,
            to compare the compiled kernel with its Python source); None: the active one.

    Returns:
        The cues in order (their row spans cover every word once) and diagnostics for words
        that could not be placed within the limits.
    """
    record, change = _records(words, rules, language, weights, labels, kernel)
    layouts = layouts_from_records(record, change, rules.dual_speaker_dashes)
    return layouts, diagnose_layout(words, layouts, rules, labels)


Columns = tuple[MutableSequence[int], MutableSequence[int], bytes]
"""A layout as :func:`spans_of` gives it: row firsts, cue rows and dash flags."""


def layout_columns(
    words: WordTable,
    rules: Rules,
    language: Language,
    weights: Weights = DEFAULT_WEIGHTS,
    labels: RowLabels | None = None,
    *,
    kernel: KernelModules | None = None,
) -> tuple[Columns, list[Diagnostic]]:
    """:func:`layout_optimal` as the columns of a :class:`~cuecraft.columns.CueTable`
    (:func:`spans_of`), without a :class:`CueLayout` per cue when the kernel is compiled."""
    record, change = _records(words, rules, language, weights, labels, kernel)
    cue_kernel = (kernel or active_kernel()).cue_kernel
    dual = rules.dual_speaker_dashes
    columns: Columns
    if cue_kernel.COMPILED:
        # The speaker changes mark dash cues only: without those, not even converted.
        changes: Sequence[bool] = change if dual else ()
        columns = cue_kernel.columns_from_records(record, changes, dual, RECORD)
        row_firsts, cue_rows, _ = columns
        cue_firsts = [row_firsts[row] for row in cue_rows]
    else:
        from cuecraft.segment import python_steps  # only run as Python (compiled: above)

        columns, cue_firsts = python_steps.columns_of_records(record, change, dual, RECORD)
    # The cues of one word (a few in a hundred), found with whole-list passes.
    sizes = map(operator.sub, itertools.islice(cue_firsts, 1, None), cue_firsts)
    ones = itertools.compress(itertools.count(), map(operator.eq, sizes, itertools.repeat(1)))
    singles = [(cue, cue_firsts[cue]) for cue in ones]
    return columns, diagnose_words(words, singles, rules, labels)


def _records(
    words: WordTable,
    rules: Rules,
    language: Language,
    weights: Weights,
    labels: RowLabels | None,
    kernel: KernelModules | None,
) -> tuple[MutableSequence[int], list[bool]]:
    """The kernel's records of the best layout (:func:`~cuecraft.segment.kernel.solve`) and
    the boundaries where a two-speaker cue may break its row."""
    vocabulary = set(words.texts)  # for every per-word pass, found once
    facts = boundary_facts(
        words.texts,
        words.starts,
        words.ends,
        words.speakers,
        rules,
        language,
        weights,
        None if kernel is None else kernel.boundary_kernel,
        vocabulary,
    )
    build, limits_of, run = build_tables, limits_for, solve
    if kernel is not None:
        build, limits_of, run = (
            kernel.tables.build_tables,
            kernel.tables.limits_for,
            kernel.kernel.solve,
        )
    limits = limits_of(rules, weights, language.separator)
    tables = build(
        _widths(words.texts, vocabulary),
        words.starts,
        words.ends,
        facts,
        limits,
        None if labels is None else (labels.alone, labels.shared),
    )
    return run(tables, limits), facts.change


def layouts_from_records(
    record: MutableSequence[int], change: Sequence[bool], dual_speaker_dashes: bool
) -> list[CueLayout]:
    """The cues of the best layout, from the kernel's records (:func:`~cuecraft.segment.
    kernel.solve`), walking back from the end of the text.

    A cue is a two-speaker dash cue when dashes are allowed and its second row starts a new
    speaker's turn: the kernel breaks a cue's row at a speaker change only in that layout.
    """
    layouts: list[CueLayout] = []
    j = len(record) // RECORD - 1
    while j > 0:
        at = j * RECORD
        i = record[at]
        starts = [k for k in record[at + 1 : at + RECORD] if k >= 0]
        bounds = [i, *starts, j]
        dashes = dual_speaker_dashes and bool(starts) and change[starts[0] - 1]
        layouts.append(CueLayout(rows=tuple(itertools.pairwise(bounds)), dashes=dashes))
        j = i
    layouts.reverse()
    return layouts


def spans_of(layouts: Sequence[CueLayout]) -> tuple[list[int], list[int], bytes]:
    """The layouts as the columns of a :class:`~cuecraft.columns.CueTable`: the first word
    of every row (then the number of words), the first row of every cue (then the number of
    rows), and each cue's dash flag."""
    row_firsts = [first for layout in layouts for first, _ in layout.rows]
    row_firsts.append(layouts[-1].stop if layouts else 0)
    cue_rows = [0, *itertools.accumulate(len(layout.rows) for layout in layouts)]
    return row_firsts, cue_rows, bytes(layout.dashes for layout in layouts)
