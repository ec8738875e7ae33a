"""Segmentation rules: one frozen, validated model with documented defaults and sources.

Sources, as named in ``../shared/docs/style-rules.md``: "Netflix GR" = Netflix Timed Text Style
Guide, General Requirements; "Netflix EN" = the English (USA) guide; "BBC" = BBC Subtitle
Guidelines; "Amberscript" = the Amberscript export API (seeds 000 and 001).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator

from cuecraft._quick import quick_construction
from cuecraft._validated import SettingsModel
from cuecraft.errors import RulesError
from cuecraft.formats.timecode import FRAME_RATES, known_frame_rate

__all__ = ["AMBERSCRIPT_PARAMETERS", "FRAME_RATES", "Rules", "known_frame_rate"]


AMBERSCRIPT_PARAMETERS: dict[str, tuple[str, float, float]] = {
    "maxCharsPerRow": ("max_chars_per_row", 30, 45),
    "maxNumberOfRows": ("max_rows", 1, 2),
    "maxScreenTimePerRowSeconds": ("max_row_seconds", 0.1, 3600),
    "maxCharsPerSubtitle": ("max_chars_per_cue", 1, 400),
    "subtitleDurationMax": ("max_duration_ms", 1, 3_600_000),
}
"""Amberscript export parameter -> (Rules field, lowest, highest accepted value).

``maxCharsPerRow`` (30-45, default 42), ``maxNumberOfRows`` (1-2, default 2) and
``maxScreenTimePerRowSeconds`` (default 2) are the current export-srt/vtt/stl options (seed 000);
``maxCharsPerSubtitle`` (default 50, "a subtitle frame has two lines") and
``subtitleDurationMax`` (default 4500 ms) belong to the deprecated ``GET /jobs/export``
(seed 001, "Export a finished file to several formats").
"""

_AMBERSCRIPT_IGNORED = frozenset({"jobId", "apiKey", "format"})


@quick_construction
class Rules(SettingsModel):
    """How transcripts are cut into cues and rows.

    The first three fields mirror Amberscript's export options (seed 000: maxCharsPerRow,
    maxNumberOfRows, maxScreenTimePerRowSeconds); the rest come from professional style
    guides (Netflix Timed Text Style Guide, BBC Subtitle Guidelines; see
    ``../shared/docs/style-rules.md``). :meth:`from_amberscript` maps Amberscript's parameter
    names, including the deprecated pair maxCharsPerSubtitle / subtitleDurationMax.

    Hard limits (the engine never breaks them, except for a single word that cannot fit):
    ``max_chars_per_row``, ``max_rows``, ``max_chars_per_cue``, ``max_row_seconds``,
    ``max_duration_ms`` (on the spoken span of a cue and on the cue as timed, to the
    millisecond after frame snapping; a single word spoken longer is shown for the limit),
    forced pauses and speaker changes. Rows count the speaker labels a writer adds
    (``row_labels``).
    Targets (optimised, reported when missed): ``min_duration_ms``, ``max_chars_per_second``,
    ``min_gap_ms`` where the audio leaves no room.

    Inconsistent values raise :class:`~cuecraft.errors.RulesError` naming the field.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    max_chars_per_row: int = Field(default=42, ge=1, le=200)
    """Characters per row, spaces included (Amberscript default 42, allows 30-45; Netflix EN
    42). Languages written without spaces use their own default when this is not set: Japanese
    13, Chinese 16, Thai 35 (Netflix per-language guides)."""

    max_rows: int = Field(default=2, ge=1, le=4)
    """Rows per cue, 1-4 (Amberscript maxNumberOfRows, default 2; Netflix GR §4: 2; BBC §3.3
    allows 3 when no picture information is hidden; CEA-608 captions show up to 4)."""

    max_row_seconds: float | None = Field(default=2.0, gt=0)
    """Seconds of screen time per row: a cue of k rows lasts at most k times this
    (Amberscript maxScreenTimePerRowSeconds, default 2.0). None switches the limit off."""

    min_duration_ms: int = Field(default=833, ge=0)
    """Shortest cue in ms, a target reached by extending the out-time, then the in-time into
    free time before the cue (Netflix GR §1: 5/6 s)."""

    max_duration_ms: int = Field(default=7000, gt=0)
    """Longest cue in ms, a hard limit (Netflix GR §1: 7 s)."""

    max_chars_per_second: float = Field(default=17.0, gt=0)
    """Reading speed limit in characters per second, spaces included (Netflix EN §2 adult
    English 17; children 13; 20-21 is common elsewhere)."""

    min_gap_ms: int | None = Field(default=None, ge=0, le=10_000)
    """Gap between consecutive cues in ms; None means 2 frames at ``frame_rate``, or 80 ms
    (2 frames at 25 fps) without one (Netflix GR §3 "Frame Gap": 2 frames)."""

    frame_rate: float | None = None
    """Frame rate to snap cue times to (23.976, 24, 25, 29.97 or 30); None: no snapping."""

    new_cue_on_speaker_change: bool = True
    """Start a new cue whenever the speaker changes (Netflix EN, BBC)."""

    dual_speaker_dashes: bool = False
    """Allow two speakers in one cue, one per row, each row led by ``speaker_dash``
    (Netflix EN "Dual speakers"); needs ``max_rows`` >= 2."""

    speaker_dash: str = Field(default="-", min_length=1, max_length=3)
    """What leads each row of a two-speaker cue: Netflix EN uses a hyphen without a space,
    several other Netflix languages a hyphen and a space (``"- "``)."""

    row_labels: Literal["none", "prefix", "chevrons", "dash", "actor"] = "none"
    """Speaker labels the writer puts before rows, counted in the row width: prefix ('Name: '
    at each change of speaker), chevrons ('>> Name: ' there), dash ('-' before each speaker's
    rows in a cue holding two speakers), actor ('Name: ' there, ASS). The writers set it from
    their speaker_labels option; with labels, a speaker change always starts a row."""

    pause_break_ms: int | None = Field(default=300, ge=0)
    """A silence at least this long between words strongly suggests a cue boundary (TED
    subtitles end a cue at every pause of 0.3 s or more; stable-ts splits at 0.5 s).
    None: pauses carry no weight."""

    forced_pause_break_ms: int | None = Field(default=1500, ge=0)
    """A silence at least this long always ends the cue. None: no forced pause."""

    max_chars_per_cue: int | None = Field(default=None, ge=1)
    """Characters per cue, rows joined without their line break (the deprecated Amberscript
    maxCharsPerSubtitle, default 50 there). None: only the row limits apply."""

    language: str | None = None
    """Language for linguistic break rules (``en``, ``nl-NL``...); None takes the transcript's
    language. Word lists: en, nl, de, fr, es, it, pt; ja, zh and th join words without
    spaces; anything else breaks on punctuation and pauses only."""

    engine: Literal["optimal", "greedy"] = "optimal"
    """``optimal`` minimises the total cost; ``greedy`` is the simple baseline."""

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
        if self.max_row_seconds is not None and self.max_row_seconds * 1000 < self.min_duration_ms:
            raise RulesError(
                f"a one-row cue could last at most {self.max_row_seconds:g} s, less than "
                f"min_duration_ms {self.min_duration_ms} ms",
                field="max_row_seconds",
            )
        if self.dual_speaker_dashes and self.max_rows < 2:
            raise RulesError(
                "needs max_rows of at least 2 (one row per speaker)", field="dual_speaker_dashes"
            )
        if self.speaker_dash.strip() == "" or "\n" in self.speaker_dash:
            raise RulesError("must be visible text without line breaks", field="speaker_dash")
        return self

    @classmethod
    def from_amberscript(cls, params: Mapping[str, Any] | None = None, /, **more: Any) -> Rules:
        """Rules from Amberscript export parameters (their camelCase names, as in the API).

        ``maxCharsPerRow``, ``maxNumberOfRows`` and ``maxScreenTimePerRowSeconds`` map one to
        one. The deprecated pair (seed 001, ``GET /jobs/export``) maps as follows:

        - ``maxCharsPerSubtitle`` N ("a subtitle frame has two lines") becomes
          ``max_chars_per_cue=N`` with ``max_rows=2`` and, unless ``maxCharsPerRow`` is also
          given, ``max_chars_per_row=min(42, N)``;
        - ``subtitleDurationMax`` M (ms) becomes ``max_duration_ms=M`` and, unless
          ``maxScreenTimePerRowSeconds`` is also given, switches the per-row limit off (that
          endpoint had none); ``min_duration_ms`` is lowered to M if it was above.

        ``jobId``, ``apiKey`` and ``format`` are ignored; snake_case Rules fields may be mixed
        in and win. Values outside Amberscript's documented ranges raise
        :class:`~cuecraft.errors.RulesError` naming the Amberscript parameter.

        >>> rules = Rules.from_amberscript(maxCharsPerSubtitle=50, subtitleDurationMax=4500)
        >>> rules.max_chars_per_cue, rules.max_duration_ms
        (50, 4500)
        """
        given = {**(params or {}), **more}
        fields: dict[str, Any] = {}
        for name, value in given.items():
            if name in _AMBERSCRIPT_IGNORED:
                continue
            if name in cls.model_fields:
                continue
            if name not in AMBERSCRIPT_PARAMETERS:
                known = ", ".join(sorted(AMBERSCRIPT_PARAMETERS))
                raise RulesError(f"unknown Amberscript parameter; known: {known}", field=name)
            target, low, high = AMBERSCRIPT_PARAMETERS[name]
            number = _number(name, value)
            if not low <= number <= high:
                raise RulesError(f"must be between {low:g} and {high:g}, got {value!r}", field=name)
            fields[target] = number
        if "maxCharsPerSubtitle" in given:
            fields["max_rows"] = fields.get("max_rows", 2)
            if "maxCharsPerRow" not in given:
                fields["max_chars_per_row"] = min(42, int(fields["max_chars_per_cue"]))
        if "subtitleDurationMax" in given:
            if "maxScreenTimePerRowSeconds" not in given:
                fields["max_row_seconds"] = None
            default_min = cls.model_fields["min_duration_ms"].default
            fields["min_duration_ms"] = min(default_min, int(fields["max_duration_ms"]))
        for int_field in ("max_chars_per_row", "max_rows", "max_chars_per_cue", "max_duration_ms"):
            if int_field in fields:
                value = fields[int_field]
                if value != int(value):
                    raise RulesError(f"must be a whole number, got {value!r}", field=int_field)
                fields[int_field] = int(value)
        fields.update({k: v for k, v in given.items() if k in cls.model_fields})
        return cls(**fields)

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

    def longest_cue_ms(self, rows: int) -> int:
        """Longest allowed cue with ``rows`` rows: the tighter of both duration limits."""
        per_row = self.max_cue_ms(rows)
        return self.max_duration_ms if per_row is None else min(per_row, self.max_duration_ms)


def _number(name: str, value: Any) -> float:
    if isinstance(value, bool):
        raise RulesError(f"must be a number, got {value!r}", field=name)
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise RulesError(f"must be a number, got {value!r}", field=name) from None
    if not math.isfinite(number):
        raise RulesError(f"must be a finite number, got {value!r}", field=name)
    return number
