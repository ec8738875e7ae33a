"""The greedy baseline segmenter: fill rows word by word under the hard limits.

It honours max_chars_per_row, max_rows and max_row_seconds as hard limits, starts a new cue at
every speaker change and at long pauses, and never splits, drops or reorders a word (a word
longer than a row gets a row of its own). It is the baseline the optimal engine is measured
against.
"""

from __future__ import annotations

from cuecraft.model import Line, Transcript
from cuecraft.segment.rules import Rules

__all__ = ["greedy_spans", "segment_greedy"]


def greedy_spans(transcript: Transcript, rules: Rules) -> list[list[tuple[int, int]]]:
    """Cue layout as lists of row spans ``(first, stop)`` over word indices."""
    words = transcript.words
    cues: list[list[tuple[int, int]]] = []
    rows: list[tuple[int, int]] = []
    row_first = 0
    row_chars = 0
    cue_start_ms = words[0].start_ms
    for index, word in enumerate(words):
        length = len(word.text)
        if index == 0:
            row_first, row_chars = 0, length
            continue
        previous = words[index - 1]
        new_cue = (rules.new_cue_on_speaker_change and word.speaker != previous.speaker) or (
            rules.forced_pause_break_ms is not None
            and word.start_ms - previous.end_ms >= rules.forced_pause_break_ms
        )
        fits_row = row_chars + 1 + length <= rules.max_chars_per_row
        rows_if_new_row = len(rows) + 2
        limit = rules.max_cue_ms(len(rows) + (1 if fits_row else 2))
        too_long = limit is not None and word.end_ms - cue_start_ms > limit
        if not new_cue and fits_row and not too_long:
            row_chars += 1 + length
            continue
        rows.append((row_first, index))
        if new_cue or too_long or rows_if_new_row > rules.max_rows:
            cues.append(rows)
            rows = []
            cue_start_ms = word.start_ms
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
