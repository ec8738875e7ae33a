"""A cue as word spans, and the report of words no layout could fit within the limits."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from cuecraft.columns import WordTable
from cuecraft.model import Diagnostic
from cuecraft.segment.labels import RowLabels, text_width
from cuecraft.segment.rules import Rules

__all__ = ["CueLayout", "diagnose_layout", "diagnose_words"]


class CueLayout(NamedTuple):
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


def diagnose_layout(
    words: WordTable,
    layouts: Sequence[CueLayout],
    rules: Rules,
    labels: RowLabels | None = None,
) -> list[Diagnostic]:
    """Report the words the hard limits could not hold (each placed alone in its cue)."""
    singles = [
        (index, layout.first)
        for index, layout in enumerate(layouts)
        if layout.stop - layout.first == 1
    ]
    return diagnose_words(words, singles, rules, labels)


def diagnose_words(
    words: WordTable,
    singles: Iterable[tuple[int, int]],
    rules: Rules,
    labels: RowLabels | None = None,
) -> list[Diagnostic]:
    """:func:`diagnose_layout` for the cues of one word, given as ``(cue index, word)``."""
    diagnostics: list[Diagnostic] = []
    limit = rules.max_chars_per_row
    if rules.max_chars_per_cue is not None:
        limit = min(limit, rules.max_chars_per_cue)
    for index, first in singles:
        text = words.texts[first]
        width = text_width(text)
        label = 0 if labels is None else labels.alone[first]
        if width + label > limit:
            after = f" after its {label}-character speaker label" if label else ""
            diagnostics.append(
                Diagnostic(
                    code="word-longer-than-row",
                    message=(
                        f"word {text[:30]!r}{'...' if len(text) > 30 else ''} has "
                        f"{width} characters{after}, more than the {limit} a row allows; "
                        "it is placed alone, unsplit"
                    ),
                    word_index=first,
                    cue_index=index,
                )
            )
        spoken = words.ends[first] - words.starts[first]
        if spoken > rules.longest_cue_ms(1):
            diagnostics.append(
                Diagnostic(
                    code="word-longer-than-cue",
                    message=(
                        f"word {text[:30]!r} is spoken for {spoken} ms, longer than a cue "
                        f"may last ({rules.longest_cue_ms(1)} ms); it is placed alone"
                    ),
                    word_index=first,
                    cue_index=index,
                )
            )
    return diagnostics
