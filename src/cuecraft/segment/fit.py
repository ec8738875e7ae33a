"""Fitting the user's rules to what a writer's display can show, once, before segmenting.

A writer declares its :class:`~cuecraft.display.Display` as data; :func:`fit_rules` is the one
place that reads it. Which fields the user chose is ``rules.model_fields_set`` (a field given
to ``Rules(...)``, by a flag or by a house rules file): those are honoured or refused with a
:class:`~cuecraft.errors.RulesError` naming the field, before anything is segmented; the
defaults adapt to the display.
"""

from __future__ import annotations

from typing import Any

from cuecraft.display import VISIBLE_LABELS, Display
from cuecraft.errors import RulesError
from cuecraft.segment.rules import Rules

__all__ = ["fit_rules"]


def _close(rate: float, rates: tuple[float, ...]) -> bool:
    return any(abs(rate - other) < 1e-6 for other in rates)


def _limit(rules: Rules, display: Display, field: str, what: str) -> int | None:
    """The display's limit for ``field`` when the rule asks for more, else None."""
    limit: int | None = getattr(display, field)
    value: int = getattr(rules, field)
    if limit is None or value <= limit:
        return None
    if field in rules.model_fields_set:
        raise RulesError(
            f"{value} {what} do not fit {display.name}, which shows at most {limit}", field=field
        )
    return limit


def _frame_rate(rules: Rules, display: Display) -> tuple[bool, float | None]:
    """(change needed, the frame rate to segment at)."""
    if display.frame_rate is None:
        return False, rules.frame_rate
    rate = rules.frame_rate
    explicit = "frame_rate" in rules.model_fields_set
    fits = rate is not None and (display.frame_rates is None or _close(rate, display.frame_rates))
    if fits:
        return False, rate
    if explicit and rate is not None:
        rates = display.frame_rates or (display.frame_rate,)
        option = f"set {display.frame_rate_option} or " if display.frame_rate_option else ""
        raise RulesError(
            f"{rate:g} fps cues cannot be written to {display.name}, which runs at "
            f"{' or '.join(f'{r:g}' for r in rates)} fps; {option}leave the rule's frame_rate "
            "unset",
            field="frame_rate",
        )
    if explicit and not display.frames_required:
        return False, None  # the user switched snapping off, and the format allows it
    return True, display.frame_rate


def fit_rules(rules: Rules, display: Display | None) -> Rules:
    """``rules`` fitted to ``display`` (``rules`` itself when nothing changes).

    - A row width or row count the user did not set is lowered to what the display holds
      (42 -> 37 characters on a boxed double-height teletext row); one the user set above it
      is an error.
    - The frame rate, when the user set none, becomes the file's (cues snap to its frames);
      one the file cannot carry is an error. Formats timed in frames replace an unset rate
      even when the user switched it off.
    - A writer that prints speaker labels before rows sets ``row_labels``, so that the
      segmenter reserves their room.

    The fitted values count as set (``model_fields_set``), so the language defaults
    (:func:`cuecraft.segment.resolve_rules`) do not replace them.

    Raises:
        RulesError: naming the rule field the display cannot honour.
    """
    if display is None:
        return rules
    updates: dict[str, Any] = {}
    if display.row_labels in VISIBLE_LABELS and rules.row_labels != display.row_labels:
        updates["row_labels"] = display.row_labels
    for field, what in (("max_chars_per_row", "characters per row"), ("max_rows", "rows")):
        limit = _limit(rules, display, field, what)
        if limit is not None:
            updates[field] = limit
    change, rate = _frame_rate(rules, display)
    if change:
        updates["frame_rate"] = rate
    return rules.model_copy(update=updates) if updates else rules
