"""Segmentation rules: one frozen, validated model with documented defaults and sources."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from cuecraft.errors import RulesError

__all__ = ["FRAME_RATES", "Rules"]

FRAME_RATES = (23.976, 24.0, 25.0, 29.97, 30.0)


class Rules(BaseModel):
    """How transcripts are cut into cues and rows.

    The first three fields mirror Amberscript's export options (seed 000: maxCharsPerRow,
    maxNumberOfRows, maxScreenTimePerRowSeconds); the rest come from professional style
    guides (Netflix Timed Text Style Guide, BBC Subtitle Guidelines; see
    ``../shared/docs/style-rules.md``).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    max_chars_per_row: int = Field(default=42, ge=1, le=200)
    """Characters per row, spaces included (Amberscript default 42, allows 30-45)."""

    max_rows: int = Field(default=2, ge=1, le=3)
    """Rows per cue (Amberscript maxNumberOfRows, default 2)."""

    max_row_seconds: float | None = Field(default=2.0, gt=0)
    """Seconds of screen time per row: a cue of k rows lasts at most k times this
    (Amberscript maxScreenTimePerRowSeconds, default 2.0). None switches the limit off."""

    min_duration_ms: int = Field(default=833, ge=0)
    """Shortest cue (Netflix: 5/6 s = 833 ms)."""

    max_duration_ms: int = Field(default=7000, gt=0)
    """Longest cue (Netflix: 7 s)."""

    max_chars_per_second: float = Field(default=17.0, gt=0)
    """Reading speed limit (Netflix adult English 17; 20-21 is common elsewhere)."""

    min_gap_ms: int | None = Field(default=None, ge=0)
    """Gap between consecutive cues; None means 2 frames at ``frame_rate`` (80 ms at 25 fps)."""

    frame_rate: float | None = None
    """Frame rate to snap cue times to (23.976, 24, 25, 29.97 or 30); None: no snapping."""

    new_cue_on_speaker_change: bool = True
    """Start a new cue whenever the speaker changes."""

    dual_speaker_dashes: bool = False
    """Allow two speakers in one cue, each row led by a dash (Netflix style)."""

    pause_break_ms: int | None = Field(default=300, ge=0)
    """A silence at least this long between words strongly suggests a cue boundary."""

    forced_pause_break_ms: int | None = Field(default=1500, ge=0)
    """A silence at least this long always ends the cue."""

    language: str | None = None
    """Language for linguistic break rules; None takes the transcript's language."""

    engine: Literal["optimal", "greedy"] = "optimal"
    """``optimal`` minimises the total cost; ``greedy`` is the simple baseline."""

    def __init__(self, **data: Any) -> None:
        # One error type for the user: a pydantic field error becomes RulesError naming it.
        try:
            super().__init__(**data)
        except ValidationError as exc:
            error = exc.errors()[0]
            field = ".".join(str(part) for part in error["loc"]) or None
            raise RulesError(f"{error['msg']} (got {error.get('input')!r})", field=field) from None

    @model_validator(mode="after")
    def _check_consistency(self) -> Rules:
        # RulesError is not a ValueError, so pydantic lets it through with its field name.
        if self.min_duration_ms > self.max_duration_ms:
            raise RulesError(
                f"{self.min_duration_ms} ms exceeds max_duration_ms {self.max_duration_ms} ms",
                field="min_duration_ms",
            )
        if self.frame_rate is not None and not any(
            abs(self.frame_rate - rate) < 1e-6 for rate in FRAME_RATES
        ):
            raise RulesError(
                f"must be one of {FRAME_RATES}, got {self.frame_rate}", field="frame_rate"
            )
        if (
            self.pause_break_ms is not None
            and self.forced_pause_break_ms is not None
            and self.forced_pause_break_ms < self.pause_break_ms
        ):
            raise RulesError("must not be below pause_break_ms", field="forced_pause_break_ms")
        return self

    @property
    def gap_ms(self) -> int:
        """The minimum gap in ms: explicit, else 2 frames, else 80 ms (2 frames at 25 fps)."""
        if self.min_gap_ms is not None:
            return self.min_gap_ms
        if self.frame_rate is not None:
            return round(2000 / self.frame_rate)
        return 80

    def max_cue_ms(self, rows: int) -> int | None:
        """Longest allowed cue with ``rows`` rows under the per-row screen-time limit."""
        if self.max_row_seconds is None:
            return None
        return round(rows * self.max_row_seconds * 1000)
