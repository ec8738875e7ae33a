"""Facts about each boundary between two words, for the optimal segmenter.

For the boundary after word ``b``: the cost of ending a cue there, of breaking the row there
and of keeping both words on one row (the linguistic class of the boundary blended with the
pause, :mod:`cuecraft.segment.scoring`; the attach and keep-together costs of sound captions
and lyrics, :mod:`cuecraft.segment.captions`), whether a cue must end there (a long pause, a
speaker change) and whether a two-speaker cue may break its row there.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cuecraft.model import Word
from cuecraft.segment.captions import attachments, repeated_sentences
from cuecraft.segment.labels import text_width
from cuecraft.segment.linguistics import Boundary, Language, classify_boundaries
from cuecraft.segment.rules import Rules
from cuecraft.segment.scoring import Weights, boundary_costs, pause_strength

__all__ = ["BoundaryFacts", "boundary_facts"]


@dataclass(frozen=True)
class BoundaryFacts:
    """Per-boundary costs and flags (index ``b`` is the boundary after word ``b``)."""

    cue_end: list[float]
    line_end: list[float]
    keep: list[float]
    forced: list[bool]
    change: list[bool]


def boundary_facts(
    words: Sequence[Word], rules: Rules, language: Language, weights: Weights
) -> BoundaryFacts:
    texts = [word.text for word in words]
    classes = classify_boundaries(texts, language)
    repeats = set(repeated_sentences(texts))
    for b in repeats:
        classes[b] = Boundary.CLAUSE
    cue_end: list[float] = []
    line_end: list[float] = []
    keep: list[float] = []
    forced: list[bool] = []
    change: list[bool] = []
    forced_pause = rules.forced_pause_break_ms
    dual = rules.dual_speaker_dashes
    speaker_forces = rules.new_cue_on_speaker_change and not dual
    # A speaker label leads a row, so with labels a speaker change never falls inside a row:
    # it ends the cue, or (two rows allowed) breaks the row of a two-speaker cue.
    split_turns = rules.row_labels != "none" and not speaker_forces and not dual
    if split_turns and rules.max_rows < 2:
        speaker_forces = True
    row_change = dual or (split_turns and not speaker_forces)
    strengths: dict[int, float] = {}
    costs: dict[tuple[Boundary, float], tuple[float, float, float]] = {}
    previous = words[0]
    for b, boundary in enumerate(classes):
        word = words[b + 1]
        gap = word.start_ms - previous.end_ms
        strength = strengths.get(gap)
        if strength is None:
            strength = strengths[gap] = pause_strength(gap, rules)
        if b in repeats and gap < rules.min_duration_ms:
            # "No. | No." with a breath between: cut there, each repeat would be too short
            # to read (#9); a pause long enough for the minimum duration still counts.
            strength = 0.0
        triple = costs.get((boundary, strength))
        if triple is None:
            triple = costs[boundary, strength] = boundary_costs(boundary, strength, weights)
        end_cost, row_cost, keep_cost = triple
        new_speaker = word.speaker != previous.speaker
        if new_speaker and weights.speaker_cue_end < end_cost:
            end_cost = weights.speaker_cue_end
        cue_end.append(end_cost)
        line_end.append(row_cost)
        keep.append(keep_cost)
        forced.append(
            (forced_pause is not None and gap >= forced_pause) or (new_speaker and speaker_forces)
        )
        change.append(new_speaker and row_change)
        previous = word
    _attach(texts, rules, language, weights, cue_end, line_end)
    _lone_last_number(texts, forced, weights, line_end)
    return BoundaryFacts(cue_end, line_end, keep, forced, change)


def _lone_last_number(
    texts: list[str], forced: list[bool], weights: Weights, line_end: list[float]
) -> None:
    """Price a row break before a bare number that must end its cue ("This is row | 18" at
    the end of the text or before a forced boundary): a last row of digits only reads as the
    next cue's number to SRT readers, and a number alone on a row is an orphan."""
    last = len(texts) - 1
    ends = [b for b, is_forced in enumerate(forced) if is_forced] if any(forced) else []
    for word in [*ends, last]:
        if word > 0 and texts[word].isdigit():
            line_end[word - 1] += weights.attach


def _attach(
    texts: list[str],
    rules: Rules,
    language: Language,
    weights: Weights,
    cue_end: list[float],
    line_end: list[float],
) -> None:
    """Price breaks that strand a bracket or music note, or split a caption (#9; see
    :mod:`cuecraft.segment.captions`). Costs, not limits, so a hard limit can still win."""
    found = attachments(texts)
    for b, glued in enumerate(found.glue):
        if glued:
            cue_end[b] += weights.attach
            line_end[b] += weights.attach
    sep = len(language.separator)
    rows = rules.max_rows
    for first, last in found.spans:
        width = sum(text_width(text) for text in texts[first : last + 1]) + sep * (last - first)
        fits_row = width <= rules.max_chars_per_row
        if not fits_row and width > rows * rules.max_chars_per_row + (rows - 1) * sep:
            continue  # longer than a cue: break it where it reads best
        for b in range(first, last):
            cue_end[b] += weights.keep_together
            if fits_row:
                line_end[b] += weights.keep_together
