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

A word longer than a row (or than ``max_chars_per_cue``) gets a cue of its own and is reported;
a single word spoken for longer than the duration limits likewise. Nothing is ever split,
dropped or reordered. Ties are broken toward the earliest candidate, so the output is
deterministic.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Sequence

from cuecraft.model import Diagnostic, Word
from cuecraft.segment.boundaries import BoundaryFacts, boundary_facts
from cuecraft.segment.labels import RowLabels, text_width
from cuecraft.segment.layout import CueLayout, diagnose_layout
from cuecraft.segment.linguistics import Language
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import (
    DEFAULT_WEIGHTS,
    Weights,
    duration_cost,
    orphan_cost,
    reading_speed_cost,
    shape_cost,
)

__all__ = ["CueLayout", "diagnose_layout", "layout_optimal"]

_INF = math.inf


def layout_optimal(
    words: Sequence[Word],
    rules: Rules,
    language: Language,
    weights: Weights = DEFAULT_WEIGHTS,
    labels: RowLabels | None = None,
) -> tuple[list[CueLayout], list[Diagnostic]]:
    """Lay words out in cues and rows at the lowest total cost under the hard limits.

    Args:
        words: the transcript's words, in order (at least one).
        rules: limits and preferences (row length already resolved for the language).
        language: word lists for break quality and the row separator.
        weights: the cost model (:data:`~cuecraft.segment.scoring.DEFAULT_WEIGHTS`).
        labels: widths of the speaker labels the writer will add (counted in the rows).

    Returns:
        The cues in order (their row spans cover every word once) and diagnostics for words
        that could not be placed within the limits.
    """
    facts = boundary_facts(words, rules, language, weights)
    layouts = _solve(words, facts, rules, language, weights, labels)
    return layouts, diagnose_layout(words, layouts, rules, labels)


def _solve(
    words: Sequence[Word],
    facts: BoundaryFacts,
    rules: Rules,
    language: Language,
    weights: Weights,
    labels: RowLabels | None = None,
) -> list[CueLayout]:
    """The dynamic programme over word positions (see the module docstring)."""
    n = len(words)
    sep = len(language.separator)
    row_chars = rules.max_chars_per_row
    max_rows = rules.max_rows
    cue_chars = rules.max_chars_per_cue if rules.max_chars_per_cue is not None else n * 1000
    word_limit = min(row_chars, cue_chars)
    cue_chars_limited = rules.max_chars_per_cue is not None
    gap = rules.gap_ms
    min_duration = rules.min_duration_ms
    cps = rules.max_chars_per_second
    row_ms = None if rules.max_row_seconds is None else rules.max_row_seconds * 1000
    longest = [rules.longest_cue_ms(max(rows, 1)) for rows in range(max_rows + 1)]
    longest_any = longest[max_rows]
    dual = rules.dual_speaker_dashes
    dash = len(rules.speaker_dash) if dual else 0
    dual_weight = weights.dual_speaker
    orphan = weights.orphan
    # alone[i]: label before the top row of a one-speaker cue starting at word i; shared[k]:
    # before a row starting speaker k's part of a two-speaker cue (see segment.labels).
    alone = labels.alone if labels is not None else [0] * n
    shared = labels.shared if labels is not None else [0] * n

    lengths = [text_width(word.text) for word in words]
    starts = [word.start_ms for word in words]
    ends = [word.end_ms for word in words]
    # prefix[k]: characters of words [0, k) plus one separator after each.
    prefix = [0] * (n + 1)
    total = 0
    for k, length in enumerate(lengths):
        total += length + sep
        prefix[k + 1] = total
    # keep_prefix[k]: keep costs of boundaries [0, k). delta[b]: a row break at b instead.
    keep_prefix = [0.0] * (n + 1)
    running = 0.0
    for b, cost in enumerate(facts.keep):
        running += cost
        keep_prefix[b + 1] = running
    keep_prefix[n] = running
    delta = [row - kept for row, kept in zip(facts.line_end, facts.keep, strict=True)]
    negative_delta = min(0.0, min(delta, default=0.0))
    # end_cost[w]: ending a cue after word w, plus the fixed cost of a cue. Forced boundaries
    # and the end of the text cost every layout the same, so only the fixed cost remains.
    end_cost = [cost + weights.cue for cost in facts.cue_end]
    end_cost.append(weights.cue)
    forced = facts.forced
    for b, is_forced in enumerate(forced):
        if is_forced:
            end_cost[b] = weights.cue
    change = facts.change
    end_keep = [end + kept for end, kept in zip(end_cost, keep_prefix[:n], strict=True)]
    one_row_ms = longest[1]
    # next_change[i]: the first speaker-change boundary at or after word i (n - 1: none).
    next_change = [n - 1] * n
    following_change = n - 1
    for b in range(n - 2, -1, -1):
        if change[b]:
            following_change = b
        next_change[b] = following_change
    # top_end[i]: the largest k such that words [i, k) fit on one row (two pointers).
    top_end = [0] * n
    k = 0
    for i in range(n):
        k = max(k, i + 1)
        while k < n and prefix[k + 1] - prefix[i] - sep <= row_chars:
            k += 1
        top_end[i] = k
    # top_row_end[i]: the same for the top row of a cue, after its speaker label (if any).
    top_row_end = top_end
    if labels is not None:
        top_row_end = top_end.copy()
        for i, width in enumerate(alone):
            if width:
                k = i + 1
                while k < n and prefix[k + 1] - prefix[i] - sep + width <= row_chars:
                    k += 1
                top_row_end[i] = k
    shape_by_total = _shape_by_total(row_chars, sep, weights)
    # cap[i]: no cue starting at word i may end after word cap[i] - 1 (a forced boundary, a
    # word too long to share a cue, or a second speaker change in dual mode).
    widths = [length + width for length, width in zip(lengths, alone, strict=True)]
    cap = _caps(widths, forced, change, word_limit)

    best = [_INF] * (n + 1)
    best[0] = 0.0
    back = [0] * (n + 1)
    cut = [-1] * (n + 1)  # start of the second row, -1 for a one-row cue
    cut2 = [-1] * (n + 1)  # start of the third row, -1 unless three rows
    dashed = [False] * (n + 1)

    for i in range(n):
        base = best[i] - keep_prefix[i]  # the keep costs inside the cue: end_keep[w] - keep_i
        start = starts[i]
        p_i = prefix[i]
        top_base = p_i + sep
        label = alone[i]
        one_row = top_row_end[i]  # j <= one_row: the words fit on one row
        two_rows = top_end[one_row] if one_row < n and max_rows >= 2 else one_row
        last = cap[i]
        if max_rows >= 3:
            last = min(last, top_end[two_rows] if two_rows < n else n)
        else:
            last = min(last, two_rows)
        if cue_chars_limited:
            while prefix[last] - top_base > cue_chars and last > i + 1:
                last -= 1
        # Candidates up to fast_end are one-row cues of one speaker: only their cost is
        # needed to discard them, which is what happens to most candidates.
        fast_end = min(one_row, last, next_change[i] + 1)
        change_at = -1
        k_lo = i + 1  # smallest k whose bottom row [k, j) fits; only grows with j
        max_end = max(start, ends[i])
        for j in range(i + 1, last + 1):
            end = ends[j - 1]
            if end > max_end:
                max_end = end
                if max_end - start > longest_any and j > i + 1:
                    break
            elif j == i + 2 and max_end - start > longest_any:
                # A first word spoken longer than the limit stays alone even when the next
                # word ends inside it (max_end did not grow).
                break
            if j <= fast_end and max_end - start <= one_row_ms:
                cost = base + end_keep[j - 1]
                if cost >= best[j]:
                    continue
                rows = 1
            else:
                w = j - 1
                if w > i and change[w - 1]:
                    change_at = w
                rows = 1 if j <= one_row else (2 if j <= two_rows else 3)
                # At exactly rows * row_ms, ceil() below gives the same rows: "> " and ">="
                # agree; a cue of exactly the per-row time stays in its rows.
                if row_ms is not None and max_end - start > rows * row_ms and w > i:
                    rows = math.ceil((max_end - start) / row_ms)
                    if rows > max_rows:
                        break
                    if rows > j - i:
                        continue
                if change_at >= 0:
                    if rows > 2:
                        break
                    rows = 2
                cost = base + end_keep[w]
                if rows == 1:
                    if cost >= best[j]:
                        continue
                elif cost + (rows - 1) * negative_delta >= best[j]:
                    continue
            # Cue-level costs on the time the cue can get before the next one.
            spoken = max_end - start
            chars = prefix[j] - top_base + label
            limit = longest[rows]
            room = limit
            if j < n and starts[j] - gap - start < limit:
                room = starts[j] - gap - start
            available = spoken if room < spoken else room
            # Guards for speed only: both costs are zero at exactly the limit (so "<" or
            # "<=" here give the same layout); the limits themselves are pinned in scoring.
            if available < min_duration:
                cost += duration_cost(available, rules, weights)
            if chars * 1000 > cps * available:
                cost += reading_speed_cost(chars, available, rules, weights)
            if rows == 1:
                if cost < best[j]:
                    best[j] = cost
                    back[j] = i
                    cut[j] = -1
                    dashed[j] = False
                continue
            if change_at >= 0:
                # Two speakers: one row each, both led by the dash (dual mode) and the label.
                k = change_at
                top = prefix[k] - top_base + dash + shared[i]
                bottom = prefix[j] - prefix[k] - sep + dash + shared[k]
                if top > row_chars or bottom > row_chars or top + bottom > cue_chars:
                    continue
                # The row break at the change costs dual_weight instead of its class cost, and
                # each row is a speaker's whole turn: a one-word row is no orphan here.
                kept = keep_prefix[k] - keep_prefix[k - 1]
                extra = dual_weight - kept + shape_by_total[top + bottom + sep][top]
                if cost + extra < best[j]:
                    best[j] = cost + extra
                    back[j] = i
                    cut[j] = k
                    cut2[j] = -1
                    dashed[j] = dual
                continue
            if rows == 2:
                while top_end[k_lo] < j:
                    k_lo += 1
                k_hi = one_row if one_row < w else w
                if k_lo > k_hi or cost + min(delta[k_lo - 1 : k_hi]) >= best[j]:
                    continue
                shape = shape_by_total[chars]
                top_base -= label  # the top row's length includes its label
                best_extra = _INF
                best_k = -1
                for k in range(k_lo, k_hi + 1):
                    extra = delta[k - 1] + shape[prefix[k] - top_base]
                    if extra < best_extra:
                        best_extra = extra
                        best_k = k
                # A single word on the top row (k = i + 1) or the bottom one (k = w) is an
                # orphan; only when the winner is one of those can the orphan cost change it.
                if best_k == i + 1 or best_k == w:
                    best_extra, best_k = _two_rows_with_orphans(
                        i, j, k_lo, k_hi, prefix, top_base, delta, shape, orphan
                    )
                top_base += label
                if cost + best_extra < best[j]:
                    best[j] = cost + best_extra
                    back[j] = i
                    cut[j] = best_k
                    cut2[j] = -1
                    dashed[j] = False
                continue
            split = _best_three_rows(i, j, prefix, sep, row_chars, delta, weights, label)
            if split is not None and cost + split[0] < best[j]:
                best[j] = cost + split[0]
                back[j] = i
                cut[j], cut2[j] = split[1]
                dashed[j] = False

    layouts: list[CueLayout] = []
    j = n
    while j > 0:
        i = back[j]
        bounds = [i]
        if cut[j] >= 0:
            bounds.append(cut[j])
            if cut2[j] >= 0:
                bounds.append(cut2[j])
        bounds.append(j)
        rows_spans = tuple(itertools.pairwise(bounds))
        layouts.append(CueLayout(rows=rows_spans, dashes=dashed[j]))
        j = i
    layouts.reverse()
    return layouts


def _caps(lengths: list[int], forced: list[bool], change: list[bool], word_limit: int) -> list[int]:
    """For each word i, the largest j such that a cue ``[i, j)`` crosses no forced boundary,
    holds no word too long to share a cue (such a word stands alone), and, in dual-speaker
    mode, no more than one speaker change."""
    n = len(lengths)
    cap = [n] * n
    limit = n
    first_change = second_change = n
    for i in range(n - 1, -1, -1):
        if i < n - 1:
            if forced[i]:
                limit = i + 1
            if change[i]:
                first_change, second_change = i, first_change
        if lengths[i] > word_limit:
            cap[i] = i + 1
            limit = i
            continue
        cap[i] = min(limit, second_change + 1)
    return cap


def _two_rows_with_orphans(
    i: int,
    j: int,
    k_lo: int,
    k_hi: int,
    prefix: list[int],
    top_base: int,
    delta: list[float],
    shape: list[float],
    orphan: float,
) -> tuple[float, int]:
    """Cheapest second-row start ``k`` in ``[k_lo, k_hi]`` for the cue ``[i, j)``, counting
    :func:`~cuecraft.segment.scoring.orphan_cost` for a one-word top or bottom row."""
    best_extra = _INF
    best_k = -1
    for k in range(k_lo, k_hi + 1):
        extra = delta[k - 1] + shape[prefix[k] - top_base]
        extra += orphan * ((k == i + 1) + (k == j - 1))
        if extra < best_extra:
            best_extra = extra
            best_k = k
    return best_extra, best_k


@functools.lru_cache(maxsize=16)
def _shape_by_total(row_chars: int, sep: int, weights: Weights) -> list[list[float]]:
    """:func:`shape_cost` of two rows, by total characters and top-row length.

    ``table[total][top]`` is the cost of a top row of ``top`` characters and a bottom row of
    ``total - top - sep``; impossible combinations are infinite.
    """
    size = 2 * row_chars + sep
    table = []
    for total in range(size + 1):
        row = []
        for top in range(row_chars + 1):
            bottom = total - top - sep
            if 0 <= bottom <= row_chars:
                row.append(shape_cost((top, bottom), row_chars, weights))
            else:
                row.append(_INF)
        table.append(row)
    return table


def _best_three_rows(
    i: int,
    j: int,
    prefix: list[int],
    sep: int,
    row_chars: int,
    delta: list[float],
    weights: Weights,
    label: int = 0,
) -> tuple[float, tuple[int, ...]] | None:
    """Cheapest split of words ``[i, j)`` into three fitting rows: (extra cost, row starts);
    ``label`` characters lead the top row."""
    best: tuple[float, tuple[int, ...]] | None = None
    for k1 in range(i + 1, j - 1):
        top = prefix[k1] - prefix[i] - sep + label
        if top > row_chars:
            break
        for k2 in range(k1 + 1, j):
            middle = prefix[k2] - prefix[k1] - sep
            if middle > row_chars:
                break
            bottom = prefix[j] - prefix[k2] - sep
            if bottom > row_chars:
                continue
            extra = (
                delta[k1 - 1]
                + delta[k2 - 1]
                + shape_cost((top, middle, bottom), row_chars, weights)
                + orphan_cost((k1 - i, k2 - k1, j - k2), weights)
            )
            if best is None or extra < best[0]:
                best = (extra, (k1, k2))
    return best
