"""Segmentation: a Transcript in, subtitle cues out. Pure and deterministic; no file formats.

``segment(transcript, rules)`` lays words out in cues and rows (``rules.engine`` picks the
algorithm) and then times the cues (:func:`cuecraft.segment.timing.time_cues`).
"""

from __future__ import annotations

from cuecraft.model import Cue, Transcript
from cuecraft.segment.greedy import segment_greedy
from cuecraft.segment.rules import FRAME_RATES, Rules
from cuecraft.segment.timing import time_cues

__all__ = ["FRAME_RATES", "Rules", "segment"]


def segment(transcript: Transcript, rules: Rules | None = None) -> list[Cue]:
    """Cut a transcript into timed subtitle cues.

    Args:
        transcript: the words to lay out.
        rules: limits and preferences; ``Rules()`` (Amberscript defaults) when None.

    Returns:
        Cues in time order; their lines' word spans cover every word once, in order.
    """
    rules = rules or Rules()
    layout = segment_greedy(transcript, rules)
    return time_cues(transcript, layout, rules)
