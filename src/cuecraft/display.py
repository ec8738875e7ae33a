"""What a writer's display can show, declared as data, and how a speaker's name is shown.

A subtitle format limits what is on screen: EBU-STL teletext rows hold 37 characters with the
default control codes, CEA-608 captions 32 and at most 4 rows, SCC runs at 29.97 fps, and a
writer that puts ``Name: `` before rows needs room for it. Each writer says so with a
:class:`Display` built from its options (``WriterSpec.display``); the engine's
:func:`cuecraft.segment.fit.fit_rules` fits the user's rules to it once, before segmenting.

This module sits at the bottom of the package (it imports nothing from cuecraft), so the
writers can declare their display without importing the engine.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["VISIBLE_LABELS", "Display", "display_name"]

VISIBLE_LABELS = frozenset({"prefix", "chevrons", "dash", "actor"})
"""Speaker-label modes that put text before rows (``Rules.row_labels``); the others (none,
WebVTT voice spans, TTML agents) add nothing on screen."""

_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Display:
    """What one writer, with its options, can show.

    Attributes:
        name: how error messages name the display (``"the EBU-STL teletext display"``).
        max_chars_per_row: characters a row holds; None: no limit of the format's own.
        max_rows: rows a cue can show; None: no limit of the format's own.
        frame_rate: the rate cue times snap to when the user set none (or one of
            ``frame_rates`` is needed); None: the format does not time in frames.
        frame_rates: the rule frame rates the file can carry; None: any (``frame_rate`` is
            then only the default).
        frames_required: True when cues must be snapped to frames even if the user switched
            the rule's frame rate off (frame-timed formats); False keeps the user's None.
        frame_rate_option: the writer option that sets the file's rate, named in the error
            for a rule frame rate the file cannot carry (None when there is no such option).
        row_labels: the speaker-label mode the writer uses (``Rules.row_labels``); only the
            :data:`VISIBLE_LABELS` reserve room in rows.
    """

    name: str = "the display"
    max_chars_per_row: int | None = None
    max_rows: int | None = None
    frame_rate: float | None = None
    frame_rates: tuple[float, ...] | None = None
    frames_required: bool = False
    frame_rate_option: str | None = None
    row_labels: str = "none"


def display_name(speaker: str, names: Mapping[str, str]) -> str:
    """Display name of a speaker id: its listed name on one line, else the id itself (the
    segmenter measures labels with the same function the writers print them with)."""
    name = _WHITESPACE.sub(" ", names.get(speaker) or "").strip()
    return name or _WHITESPACE.sub(" ", speaker).strip() or speaker
