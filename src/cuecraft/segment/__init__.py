"""Segmentation: a Transcript in, subtitle cues out. Pure and deterministic; no file formats.

``segment(transcript, rules)`` lays words out in cues and rows (``rules.engine`` picks the
algorithm: :func:`~cuecraft.segment.engine.layout_optimal` or the greedy baseline) and then
times the cues (:func:`cuecraft.segment.timing.time_layout`).
``segment_with_report`` returns the same cues plus the diagnostics: words that could not be
placed within the limits (``word-longer-than-row``, ``word-longer-than-cue``), cues that had to
start late (``start-delayed``), and, as ``info``, cues under the minimum duration or over the
reading speed because the speech left no room.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from cuecraft._gc import paused_gc
from cuecraft.model import Cue, Diagnostic, Line, Transcript
from cuecraft.segment.compiled import kernel_mode
from cuecraft.segment.engine import CueLayout, diagnose_layout, layout_optimal
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.greedy import greedy_spans
from cuecraft.segment.labels import cue_label_chars, label_widths
from cuecraft.segment.linguistics import Language, guess_language, language_for
from cuecraft.segment.rules import FRAME_RATES, Rules
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights
from cuecraft.segment.timing import time_layout

__all__ = [
    "FRAME_RATES",
    "Rules",
    "Segmentation",
    "fit_rules",
    "kernel_mode",
    "resolve_rules",
    "segment",
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


def resolve_rules(transcript: Transcript, rules: Rules | None = None) -> tuple[Rules, Language]:
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
    with paused_gc():
        return _segment(transcript, rules, weights)


def _segment(transcript: Transcript, rules: Rules | None, weights: Weights) -> Segmentation:
    rules, language = resolve_rules(transcript, rules)
    words = transcript.words
    labels = label_widths(transcript, rules)
    if rules.engine == "greedy":
        layouts = [
            CueLayout(rows=tuple(rows))
            for rows in greedy_spans(transcript, rules, language.separator, labels)
        ]
        diagnostics = diagnose_layout(words, layouts, rules, labels)
    else:
        layouts, diagnostics = layout_optimal(words, rules, language, weights, labels)
    texts = [word.text for word in words]
    triples = [_lines(texts, transcript, layout, rules, language) for layout in layouts]
    extra = None
    if labels is not None:
        extra = [cue_label_chars(layout.rows, transcript, labels) for layout in layouts]
    cues, notes = time_layout(transcript, triples, rules, extra_chars=extra)
    return Segmentation(cues=cues, diagnostics=diagnostics + notes, rules=rules)


def _lines(
    texts: Sequence[str],
    transcript: Transcript,
    layout: CueLayout,
    rules: Rules,
    language: Language,
) -> tuple[int, int, list[Line]]:
    joiner = language.separator
    dash = rules.speaker_dash if layout.dashes else ""
    lines = [
        Line(
            text=dash + joiner.join(texts[first:stop]),
            first=first,
            stop=stop,
            speaker=transcript.words[first].speaker,
        )
        for first, stop in layout.rows
    ]
    return layout.first, layout.stop, lines
