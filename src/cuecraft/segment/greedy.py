"""The greedy baseline segmenter: fill rows word by word under the hard limits.

It honours max_chars_per_row, max_rows, max_chars_per_cue and the duration limits as hard
limits, starts a new cue at every speaker change and at forced pauses, and never splits, drops
or reorders a word (a word longer than a row gets a cue of its own). It is the baseline the
optimal engine is measured against (``Rules(engine="greedy")``).
"""

from __future__ import annotations

from cuecraft.model import Line, Transcript
from cuecraft.segment.labels import RowLabels, text_width
from cuecraft.segment.rules import Rules

__all__ = ["greedy_spans", "segment_greedy"]


def greedy_spans(
    transcript: Transcript, rules: Rules, separator: str = " ", labels: RowLabels | None = None
) -> list[list[tuple[int, int]]]:
    """Cue layout as lists of row spans ``(first, stop)`` over word indices.

    With ``labels``, a speaker change always starts a cue and the speaker label counts in
    the width of the cue's top row.
    """
    words = transcript.words
    sep = len(separator)
    cue_limit = rules.max_chars_per_cue
    word_limit = min(rules.max_chars_per_row, cue_limit or rules.max_chars_per_row)
    alone = labels.alone if labels is not None else [0] * len(words)
    cues: list[list[tuple[int, int]]] = []
    rows: list[tuple[int, int]] = []
    row_first = 0
    row_chars = text_width(words[0].text) + alone[0]
    cue_chars = row_chars
    cue_start_ms = words[0].start_ms
    cue_end_ms = words[0].end_ms
    for index in range(1, len(words)):
        word = words[index]
        length = text_width(word.text)
        previous = words[index - 1]
        new_cue = (
            (
                (rules.new_cue_on_speaker_change or labels is not None)
                and word.speaker != previous.speaker
            )
            or (
                rules.forced_pause_break_ms is not None
                and word.start_ms - previous.end_ms >= rules.forced_pause_break_ms
            )
            # A word too long for a row (or cue) stands alone in its cue.
            or length + alone[index] > word_limit
            or text_width(previous.text) + alone[index - 1] > word_limit
        )
        fits_row = row_chars + sep + length <= rules.max_chars_per_row
        fits_cue = cue_limit is None or cue_chars + sep + length <= cue_limit
        rows_needed = len(rows) + (1 if fits_row else 2)
        spoken = max(cue_end_ms, word.end_ms) - cue_start_ms
        too_long = spoken > rules.longest_cue_ms(min(rows_needed, rules.max_rows))
        if not new_cue and fits_row and fits_cue and not too_long:
            row_chars += sep + length
            cue_chars += sep + length
            cue_end_ms = max(cue_end_ms, word.end_ms)
            continue
        rows.append((row_first, index))
        if new_cue or too_long or not fits_cue or rows_needed > rules.max_rows:
            cues.append(rows)
            rows = []
            cue_start_ms = word.start_ms
            cue_end_ms = word.end_ms
            cue_chars = length + alone[index]
            row_first, row_chars = index, length + alone[index]
            continue
        cue_chars += sep + length
        cue_end_ms = max(cue_end_ms, word.end_ms)
        row_first, row_chars = index, length
    rows.append((row_first, len(words)))
    cues.append(rows)
    return cues


def segment_greedy(transcript: Transcript, rules: Rules) -> list[tuple[int, int, list[Line]]]:
    """Greedy layout as ``(first, stop, lines)`` triples; timing is applied by the caller."""
    layout = []
    for rows in greedy_spans(transcript, rules):
        lines = [
            Line(
                text=" ".join(w.text for w in transcript.words[first:stop]),
                first=first,
                stop=stop,
                speaker=transcript.words[first].speaker,
            )
            for first, stop in rows
        ]
        layout.append((rows[0][0], rows[-1][1], lines))
    return layout
