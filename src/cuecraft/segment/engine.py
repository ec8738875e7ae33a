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

A word longer than a row (or than ``max_chars_per_cue``) gets a cue of its own and is reported;
a single word spoken for longer than the duration limits likewise. Nothing is ever split,
dropped or reordered. Ties are broken toward the earliest candidate, so the output is
deterministic.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from cuecraft.model import Diagnostic, Word
from cuecraft.segment.linguistics import Language, classify_boundaries
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import (
    DEFAULT_WEIGHTS,
    Weights,
    boundary_costs,
    duration_cost,
    orphan_cost,
    pause_strength,
    reading_speed_cost,
    shape_cost,
)

__all__ = ["CueLayout", "layout_optimal"]

_INF = math.inf


@dataclass(frozen=True)
class CueLayout:
    """One cue as word spans: ``rows`` are half-open ``(first, stop)`` spans, top to bottom.

    ``dashes`` is True for a two-speaker cue whose rows are each led by the speaker dash.
    """

    rows: tuple[tuple[int, int], ...]
    dashes: bool = False

    @property
    def first(self) -> int:
        return self.rows[0][0]

    @property
    def stop(self) -> int:
        return self.rows[-1][1]


@dataclass(frozen=True)
class _Boundaries:
    """Per-boundary facts (index ``b`` is the boundary after word ``b``)."""

    cue_end: list[float]
    line_end: list[float]
    keep: list[float]
    forced: list[bool]
    change: list[bool]


def _boundaries(
    words: Sequence[Word], rules: Rules, language: Language, weights: Weights
) -> _Boundaries:
    classes = classify_boundaries([word.text for word in words], language)
    cue_end: list[float] = []
    line_end: list[float] = []
    keep: list[float] = []
    forced: list[bool] = []
    change: list[bool] = []
    forced_pause = rules.forced_pause_break_ms
    dual = rules.dual_speaker_dashes
    speaker_forces = rules.new_cue_on_speaker_change and not dual
    strengths: dict[int, float] = {}
    for b, boundary in enumerate(classes):
        gap = words[b + 1].start_ms - words[b].end_ms
        strength = strengths.get(gap)
        if strength is None:
            strength = strengths[gap] = pause_strength(gap, rules)
        end_cost, row_cost, keep_cost = boundary_costs(boundary, strength, weights)
        new_speaker = words[b + 1].speaker != words[b].speaker
        if new_speaker:
            end_cost = min(end_cost, weights.speaker_cue_end)
        cue_end.append(end_cost)
        line_end.append(row_cost)
        keep.append(keep_cost)
        forced.append(
            (forced_pause is not None and gap >= forced_pause) or (new_speaker and speaker_forces)
        )
        change.append(new_speaker and dual)
    return _Boundaries(cue_end, line_end, keep, forced, change)


def layout_optimal(
    words: Sequence[Word],
    rules: Rules,
    language: Language,
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[list[CueLayout], list[Diagnostic]]:
    """Lay words out in cues and rows at the lowest total cost under the hard limits.

    Args:
        words: the transcript's words, in order.
        rules: limits and preferences (row length already resolved for the language).
        language: word lists for break quality and the row separator.
        weights: the cost model (:data:`~cuecraft.segment.scoring.DEFAULT_WEIGHTS`).

    Returns:
        The cues in order (their row spans cover every word once) and diagnostics for words
        that could not be placed within the limits.
    """
    n = len(words)
    facts = _boundaries(words, rules, language, weights)
    layouts: list[CueLayout] = []
    first = 0
    for b in range(n - 1):
        if facts.forced[b]:
            layouts.extend(_solve(words, first, b + 1, facts, rules, language, weights))
            first = b + 1
    layouts.extend(_solve(words, first, n, facts, rules, language, weights))
    return layouts, _diagnose(words, layouts, rules, language)


def _solve(
    words: Sequence[Word],
    lo: int,
    hi: int,
    facts: _Boundaries,
    rules: Rules,
    language: Language,
    weights: Weights,
) -> list[CueLayout]:
    """Optimal layout of words ``[lo, hi)``, a stretch without forced boundaries."""
    n_total = len(words)
    m = hi - lo
    sep = len(language.separator)
    row_chars = rules.max_chars_per_row
    max_rows = rules.max_rows
    cue_chars = rules.max_chars_per_cue if rules.max_chars_per_cue is not None else _INF
    word_limit = min(row_chars, cue_chars)
    gap = rules.gap_ms
    row_ms = None if rules.max_row_seconds is None else rules.max_row_seconds * 1000
    longest = [rules.longest_cue_ms(rows) for rows in range(max_rows + 1)]
    dash = len(rules.speaker_dash)
    cue_weight = weights.cue
    dual_weight = weights.dual_speaker

    # Local arrays: index k is word lo + k; boundary arrays: index k is after word lo + k.
    texts_len = [len(words[lo + k].text) for k in range(m)]
    starts = [words[lo + k].start_ms for k in range(m)]
    ends = [words[lo + k].end_ms for k in range(m)]
    next_start = words[hi].start_ms if hi < n_total else None
    prefix = [0] * (m + 1)  # prefix[k]: characters of words [0, k) plus a separator after each
    for k in range(m):
        prefix[k + 1] = prefix[k] + texts_len[k] + sep
    keep_prefix = [0.0] * (m + 1)  # keep_prefix[k]: keep costs of boundaries [0, k)
    delta = [0.0] * max(m - 1, 0)  # cost of a row break instead of keeping, per boundary
    cue_end = [0.0] * m  # cost of ending a cue after word k (0 at the end of the stretch)
    change = [False] * max(m - 1, 0)
    for k in range(m - 1):
        b = lo + k
        keep_prefix[k + 1] = keep_prefix[k] + facts.keep[b]
        delta[k] = facts.line_end[b] - facts.keep[b]
        cue_end[k] = facts.cue_end[b]
        change[k] = facts.change[b]
    if m:
        keep_prefix[m] = keep_prefix[m - 1]
        cue_end[m - 1] = 0.0  # the stretch ends at a forced boundary or the end of the text
    min_delta = min(delta, default=0.0)
    shape2 = _shape_table(row_chars, weights)
    orphan2 = {
        (a, b): orphan_cost((a, b), weights) for a in (1, 2) for b in (1, 2)
    }  # 2 stands for "two or more words"

    best = [_INF] * (m + 1)
    best[0] = 0.0
    back = [0] * (m + 1)
    chosen: list[tuple[tuple[int, ...], bool]] = [((), False)] * (m + 1)

    for i in range(m):
        base = best[i]
        start = starts[i]
        max_end = start
        greedy_rows = 0
        row_len = row_chars + 1  # forces a new row for the first word
        changes = 0
        change_at = -1
        k_hi = i + 1  # largest k whose top row [i, k) fits
        while k_hi < m and prefix[k_hi + 1] - prefix[i] - sep <= row_chars:
            k_hi += 1
        k_lo = i + 1
        for j in range(i + 1, m + 1):
            w = j - 1  # the word this candidate adds
            length = texts_len[w]
            if w > i:
                if length > word_limit or texts_len[i] > word_limit:
                    break
                if change[w - 1]:
                    changes += 1
                    if changes > 1:
                        break
                    change_at = w
            if row_len + sep + length <= row_chars:
                row_len += sep + length
            else:
                greedy_rows += 1
                row_len = length
            if ends[w] > max_end:
                max_end = ends[w]
            chars = prefix[j] - prefix[i] - sep
            spoken = max_end - start
            if w == i:
                rows = 1  # a single word always gets a cue, whatever its length
            else:
                # These only grow with j: once over a limit, no longer cue from i fits either.
                if greedy_rows > max_rows or chars > cue_chars or spoken > longest[max_rows]:
                    break
                rows = greedy_rows
                if row_ms is not None and spoken > rows * row_ms:
                    rows = math.ceil(spoken / row_ms)
                if changes:
                    if rows > 2:
                        break
                    rows = 2
                if rows > j - i:
                    continue
            # Cue-level costs on the time the cue can get before the next one.
            limit = longest[min(rows, max_rows)]
            following = starts[j] if j < m else next_start
            room = limit if following is None else min(following - gap - start, limit)
            available = spoken if room < spoken else room
            cost = base + cue_end[w] + cue_weight
            if available < rules.min_duration_ms:
                cost += duration_cost(available, rules, weights)
            if chars * 1000 > rules.max_chars_per_second * available:
                cost += reading_speed_cost(chars, available, rules, weights)
            keep_sum = keep_prefix[w] - keep_prefix[i]
            if rows == 1:
                total = cost + keep_sum
                if total < best[j]:
                    best[j] = total
                    back[j] = i
                    chosen[j] = ((), False)
                continue
            if cost + keep_sum + (rows - 1) * min(min_delta, 0.0) >= best[j]:
                continue
            if changes:
                k = change_at
                top = prefix[k] - prefix[i] - sep + dash
                bottom = prefix[j] - prefix[k] - sep + dash
                if top > row_chars or bottom > row_chars:
                    continue
                extra = (
                    delta[k - 1]
                    + shape2[top][bottom]
                    + orphan2[(min(k - i, 2), min(j - k, 2))]
                    + dual_weight
                )
                total = cost + keep_sum + extra
                if total < best[j]:
                    best[j] = total
                    back[j] = i
                    chosen[j] = ((k,), True)
                continue
            if rows == 2:
                # Both rows must fit: the top row ends at k <= k_hi, the bottom row from k_lo.
                while k_lo < j and prefix[j] - prefix[k_lo] - sep > row_chars:
                    k_lo += 1
                best_extra = _INF
                best_k = -1
                top_start = prefix[i]
                for k in range(k_lo, min(k_hi, j - 1) + 1):
                    top = prefix[k] - top_start - sep
                    bottom = prefix[j] - prefix[k] - sep
                    extra = (
                        delta[k - 1]
                        + shape2[top][bottom]
                        + orphan2[(1 if k - i == 1 else 2, 1 if j - k == 1 else 2)]
                    )
                    if extra < best_extra:
                        best_extra = extra
                        best_k = k
                if best_k < 0:
                    continue
                total = cost + keep_sum + best_extra
                if total < best[j]:
                    best[j] = total
                    back[j] = i
                    chosen[j] = ((best_k,), False)
                continue
            split = _best_three_rows(i, j, prefix, sep, row_chars, delta, weights)
            if split is None:
                continue
            extra, cuts = split
            total = cost + keep_sum + extra
            if total < best[j]:
                best[j] = total
                back[j] = i
                chosen[j] = (cuts, False)

    layouts: list[CueLayout] = []
    j = m
    while j > 0:
        i = back[j]
        cuts, dashes = chosen[j]
        bounds = (i, *cuts, j)
        rows = tuple((lo + a, lo + b) for a, b in zip(bounds, bounds[1:]))
        layouts.append(CueLayout(rows=rows, dashes=dashes))
        j = i
    layouts.reverse()
    return layouts


def _shape_table(row_chars: int, weights: Weights) -> list[list[float]]:
    """:func:`shape_cost` of every pair of row lengths up to ``row_chars``, as a lookup table."""
    return [
        [shape_cost((top, bottom), row_chars, weights) for bottom in range(row_chars + 1)]
        for top in range(row_chars + 1)
    ]


def _best_three_rows(
    i: int,
    j: int,
    prefix: list[int],
    sep: int,
    row_chars: int,
    delta: list[float],
    weights: Weights,
) -> tuple[float, tuple[int, ...]] | None:
    """Cheapest split of words ``[i, j)`` into three fitting rows: (extra cost, row starts)."""
    best: tuple[float, tuple[int, ...]] | None = None
    for k1 in range(i + 1, j - 1):
        top = prefix[k1] - prefix[i] - sep
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


def _diagnose(
    words: Sequence[Word], layouts: Sequence[CueLayout], rules: Rules, language: Language
) -> list[Diagnostic]:
    """Report the words the hard limits could not hold (each placed alone in its cue)."""
    diagnostics: list[Diagnostic] = []
    limit = rules.max_chars_per_row
    if rules.max_chars_per_cue is not None:
        limit = min(limit, rules.max_chars_per_cue)
    for index, layout in enumerate(layouts):
        if layout.stop - layout.first != 1:
            continue
        word = words[layout.first]
        if len(word.text) > limit:
            diagnostics.append(
                Diagnostic(
                    code="word-longer-than-row",
                    message=(
                        f"word {word.text[:30]!r}{'...' if len(word.text) > 30 else ''} has "
                        f"{len(word.text)} characters, more than the {limit} a row allows; "
                        "it is placed alone, unsplit"
                    ),
                    word_index=layout.first,
                    cue_index=index,
                )
            )
        spoken = word.end_ms - word.start_ms
        if spoken > rules.longest_cue_ms(1):
            diagnostics.append(
                Diagnostic(
                    code="word-longer-than-cue",
                    message=(
                        f"word {word.text[:30]!r} is spoken for {spoken} ms, longer than a cue "
                        f"may last ({rules.longest_cue_ms(1)} ms); it is placed alone"
                    ),
                    word_index=layout.first,
                    cue_index=index,
                )
            )
    return diagnostics
