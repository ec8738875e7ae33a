"""Cue timing: from word times to cue times, extended toward the minimum duration and the
reading speed without overlapping the next cue minus the gap, optionally snapped to frames."""

from __future__ import annotations

from collections.abc import Sequence

from cuecraft.model import Cue, Line, Transcript
from cuecraft.segment.rules import Rules
from cuecraft.timing import frames_to_ms, ms_to_frames

__all__ = ["time_cues"]


def time_cues(
    transcript: Transcript, layout: Sequence[tuple[int, int, Sequence[Line]]], rules: Rules
) -> list[Cue]:
    """Give each laid-out cue its times.

    A cue starts at its first word's start and ends at its last word's end (the latest end
    among its words). It is then extended toward ``min_duration_ms`` and toward the duration
    its text needs at ``max_chars_per_second``, but never past the next cue's start minus the
    gap, and never beyond the per-row screen-time limit. With a frame rate, times snap to
    frames and no cue collapses to zero frames.
    """
    words = transcript.words
    starts = [words[first].start_ms for first, _, _ in layout]
    natural_ends = [max(w.end_ms for w in words[first:stop]) for first, stop, _ in layout]
    cues: list[Cue] = []
    gap = rules.gap_ms
    for index, (_, _, lines) in enumerate(layout):
        start = starts[index]
        end = max(natural_ends[index], start)
        chars = sum(len(line.text) for line in lines)
        wanted = max(rules.min_duration_ms, round(chars * 1000 / rules.max_chars_per_second))
        limit = rules.max_cue_ms(len(lines))
        if limit is not None:
            wanted = min(wanted, limit)
        target = max(end, start + wanted)
        if index + 1 < len(layout):
            ceiling = starts[index + 1] - gap
            target = min(target, max(end, ceiling))
            # Words may overlap across the boundary; a cue still never runs into the next one.
            target = min(target, starts[index + 1])
            end = min(end, starts[index + 1])
        end = max(target, start) if target >= start else start
        cues.append(Cue(start_ms=start, end_ms=end, lines=tuple(lines)))
    if rules.frame_rate is not None:
        cues = _snap(cues, rules.frame_rate)
    return cues


def _snap(cues: list[Cue], fps: float) -> list[Cue]:
    snapped: list[Cue] = []
    previous_end_frame = 0
    for index, cue in enumerate(cues):
        start_frame = max(ms_to_frames(cue.start_ms, fps), previous_end_frame)
        end_frame = max(ms_to_frames(cue.end_ms, fps), start_frame + 1)
        if index + 1 < len(cues):
            next_start = ms_to_frames(cues[index + 1].start_ms, fps)
            if end_frame > next_start and next_start > start_frame:
                end_frame = next_start
        previous_end_frame = end_frame
        snapped.append(
            cue.model_copy(
                update={
                    "start_ms": frames_to_ms(start_frame, fps),
                    "end_ms": frames_to_ms(end_frame, fps),
                }
            )
        )
    return snapped
