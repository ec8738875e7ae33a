"""Quality checks: any subtitle file (ours or anyone's) measured against segmentation rules.

:func:`check_cues` runs every check over a list of cues and returns a :class:`CheckReport`
with one :class:`Finding` per broken rule per cue, each carrying the cue number (1-based, in
file order) and its time. :func:`read_subtitles` reads SRT, WebVTT, SBV, TTML/DFXP, ASS/SSA
and EBU-STL with the cue parsers of cuecraft's own readers (cues as written, unrepaired), so
``check`` refuses exactly what ``convert`` refuses (:mod:`cuecraft.tools._subtitles`); the
tests read our outputs back with independent readers. The checks and what they measure:

=================== ======== =========================================================
code                severity measures
=================== ======== =========================================================
empty-cue           error    a cue with no visible text
row-too-long        error    the longest row against ``max_chars_per_row``
too-many-rows       error    rows against ``max_rows``
too-long            error    duration against ``max_duration_ms`` and, when set,
                             ``max_row_seconds`` times the number of rows
overlap             error    a cue starting before the previous one ends
reading-speed       warning  characters per second against ``max_chars_per_second``
too-short           warning  duration against ``min_duration_ms``
gap-under-minimum   warning  the gap after the previous cue against the minimum gap
word-longer-than-row warning a row over ``max_chars_per_row`` that holds a single word
                             (after a speaker label or dash), which no segmenter can break
=================== ======== =========================================================

Errors are limits a segmenter can always honour (the Netflix and BBC hard limits on layout).
Warnings are limits the audio itself can make impossible: fast speech breaks the reading
speed, and a short utterance followed at once by the next one cannot last 5/6 s or leave a
2-frame gap without moving away from the speech; likewise a single word wider than a row
(the segmenter reports the same ``word-longer-than-row`` warning when it writes one).
Every limit is inclusive, as the segmenter applies it: a row of exactly
``max_chars_per_row`` characters, a cue of exactly its longest duration or exactly at the
reading speed passes. A report "passes" when it has no errors, or,
with ``strict=True``, no findings at all. Characters are counted as the engine counts them:
code points of each row (NFC), spaces included; reading speed uses the rows' characters
without the line breaks.
"""

from __future__ import annotations

import math
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from cuecraft.model import Cue
from cuecraft.segment import Rules
from cuecraft.timing import format_clock
from cuecraft.tools._subtitles import FORMATS, read_file, read_subtitle_cues

__all__ = [
    "CHECKS",
    "FORMATS",
    "CheckReport",
    "Finding",
    "SubtitleCue",
    "check_cues",
    "check_file",
    "default_tolerance_ms",
    "read_subtitles",
]

Severity = Literal["error", "warning"]

CHECKS: dict[str, tuple[Severity, str]] = {
    "empty-cue": ("error", "cue with no visible text"),
    "row-too-long": ("error", "row longer than max_chars_per_row"),
    "too-many-rows": ("error", "more rows than max_rows"),
    "too-long": ("error", "cue longer than max_duration_ms (or the per-row screen time)"),
    "overlap": ("error", "cue starts before the previous one ends"),
    "reading-speed": ("warning", "characters per second over max_chars_per_second"),
    "too-short": ("warning", "cue shorter than min_duration_ms"),
    "gap-under-minimum": ("warning", "gap after the previous cue under the minimum gap"),
    "word-longer-than-row": ("warning", "a single word longer than max_chars_per_row"),
}
"""Every check: code -> (severity, what it measures), in report order."""


@dataclass(frozen=True)
class SubtitleCue:
    """A cue as a subtitle file shows it: 1-based number in file order, times and rows."""

    number: int
    start_ms: int
    end_ms: int
    rows: tuple[str, ...]

    @classmethod
    def from_cue(cls, number: int, cue: Cue) -> SubtitleCue:
        """Wrap a segmenter :class:`~cuecraft.model.Cue`."""
        return cls(number, cue.start_ms, cue.end_ms, tuple(line.text for line in cue.lines))


@dataclass(frozen=True)
class Finding:
    """One broken rule in one cue.

    Attributes:
        code: the check (a key of :data:`CHECKS`).
        severity: ``error`` or ``warning``.
        cue: the cue number, 1-based in file order.
        start_ms, end_ms: the cue's times.
        message: what is wrong, with the measured value and the limit.
        value, limit: the measured value and the rule's limit.
    """

    code: str
    severity: Severity
    cue: int
    start_ms: int
    end_ms: int
    message: str
    value: float
    limit: float

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able dict (times also as ``HH:MM:SS,mmm``)."""
        return {
            "cue": self.cue,
            "start": format_clock(self.start_ms),
            "end": format_clock(self.end_ms),
            "start_ms": self.start_ms,
            "end_ms": self.end_ms,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
            "value": self.value,
            "limit": self.limit,
        }

    def __str__(self) -> str:
        return (
            f"cue {self.cue} {format_clock(self.start_ms)} --> {format_clock(self.end_ms)}: "
            f"{self.severity}: {self.code}: {self.message}"
        )


@dataclass(frozen=True)
class CheckReport:
    """The findings for one file (or list of cues) under one set of rules."""

    source: str
    format: str
    cue_count: int
    rules: Rules
    findings: tuple[Finding, ...] = ()
    tolerance_ms: int = 0
    notes: tuple[str, ...] = field(default=())

    @property
    def errors(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "error")

    @property
    def warnings(self) -> int:
        return sum(1 for finding in self.findings if finding.severity == "warning")

    def counts(self) -> dict[str, int]:
        """Findings per check code, every code present (zero when clean), in report order."""
        counts = dict.fromkeys(CHECKS, 0)
        for finding in self.findings:
            counts[finding.code] += 1
        return counts

    def passed(self, *, strict: bool = False) -> bool:
        """True when nothing breaks the rules (errors only, or any finding when strict)."""
        return not self.findings if strict else self.errors == 0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-able report: source, format, cue count, rules, summary and findings."""
        return {
            "source": self.source,
            "format": self.format,
            "cues": self.cue_count,
            "rules": self.rules.model_dump(mode="json"),
            "tolerance_ms": self.tolerance_ms,
            "errors": self.errors,
            "warnings": self.warnings,
            "summary": {
                code: {"severity": CHECKS[code][0], "count": count}
                for code, count in self.counts().items()
            },
            "findings": [finding.to_dict() for finding in self.findings],
            "notes": list(self.notes),
        }


def _length(row: str) -> int:
    return len(unicodedata.normalize("NFC", row))


# What writers put before a row's words: YouTube chevrons, a "Name: " speaker label, a
# dual-speaker dash (cuecraft.writers._cuetext). A name is at most a few words.
_LEAD = re.compile(r"(?:>>\s*)?(?:[^\s:][^:]{0,40}?:\s+)?(?:[-\u2010\u2013\u2014]\s*)?")


def _single_word(row: str) -> bool:
    """True when a row holds one word only, after any speaker label or dash: no segmenter
    can break it, so a row over the limit is the word's fault, not the layout's."""
    lead = _LEAD.match(row)
    rest = row[lead.end() :] if lead is not None else row
    return len(rest.split()) <= 1


def default_tolerance_ms(frame_rate: float | None) -> int:
    """Slack for times that were rounded: half a frame with a frame rate, else 1 ms."""
    if frame_rate is None:
        return 1
    return math.ceil(500 / frame_rate)


def check_cues(
    cues: Sequence[SubtitleCue | Cue],
    rules: Rules | None = None,
    *,
    source: str = "<cues>",
    format: str = "cues",
    tolerance_ms: int | None = None,
) -> CheckReport:
    """Run every check over ``cues`` (in file order).

    Args:
        cues: cues as read from a file, or straight from :func:`cuecraft.segment`.
        rules: the limits to check against (``Rules()`` when None).
        source: a label for the report.
        format: the format the cues were read from.
        tolerance_ms: slack for durations and gaps (times rounded to frames); by default half
            a frame at ``rules.frame_rate``, else 1 ms. Overlaps get no slack.

    Returns:
        A report with at most one finding per check per cue.
    """
    rules = rules or Rules()
    tolerance = default_tolerance_ms(rules.frame_rate) if tolerance_ms is None else tolerance_ms
    subtitles = [
        cue if isinstance(cue, SubtitleCue) else SubtitleCue.from_cue(number, cue)
        for number, cue in enumerate(cues, start=1)
    ]
    findings: list[Finding] = []

    def report(cue: SubtitleCue, code: str, message: str, value: float, limit: float) -> None:
        severity = CHECKS[code][0]
        findings.append(
            Finding(code, severity, cue.number, cue.start_ms, cue.end_ms, message, value, limit)
        )

    previous: SubtitleCue | None = None
    for cue in subtitles:
        rows = [row.strip() for row in cue.rows if row.strip()]
        duration = cue.end_ms - cue.start_ms
        if not rows:
            report(cue, "empty-cue", "the cue has no text", 0, 1)
        lengths = [_length(row) for row in rows]
        over = [number for number, length in enumerate(lengths) if length > rules.max_chars_per_row]
        if over:
            breakable = [number for number in over if not _single_word(rows[number])]
            # The longest row that a segmenter could have broken decides; only when every
            # row over the limit is a single word is it a warning (#9).
            number = max(breakable or over, key=lambda n: (lengths[n], -n))
            report(
                cue,
                "row-too-long" if breakable else "word-longer-than-row",
                f"row {number + 1} has {lengths[number]} characters; the limit is "
                f"{rules.max_chars_per_row}"
                + ("" if breakable else " (a single word, which cannot be broken)"),
                lengths[number],
                rules.max_chars_per_row,
            )
        if len(rows) > rules.max_rows:
            report(
                cue,
                "too-many-rows",
                f"{len(rows)} rows; the limit is {rules.max_rows}",
                len(rows),
                rules.max_rows,
            )
        longest = rules.max_duration_ms
        per_row = rules.max_cue_ms(max(len(rows), 1))
        if per_row is not None and per_row < longest:
            longest = per_row
        if duration > longest + tolerance:
            why = "max_duration_ms" if longest == rules.max_duration_ms else "max_row_seconds"
            report(
                cue,
                "too-long",
                f"lasts {duration / 1000:.3f} s; the limit is {longest / 1000:.3f} s ({why})",
                duration,
                longest,
            )
        if rows and duration < rules.min_duration_ms - tolerance:
            report(
                cue,
                "too-short",
                f"lasts {duration / 1000:.3f} s; "
                f"the minimum is {rules.min_duration_ms / 1000:.3f} s",
                duration,
                rules.min_duration_ms,
            )
        characters = sum(lengths)
        # The segmenter's own comparison (characters x 1000 against cps x ms), so both agree
        # exactly at the limit.
        cps = rules.max_chars_per_second
        if rows and duration > 0 and characters * 1000 > cps * (duration + tolerance):
            shown = characters * 1000 / duration
            report(
                cue,
                "reading-speed",
                f"{shown:.1f} characters per second ({characters} in "
                f"{duration / 1000:.3f} s); the limit is {cps:g}",
                round(shown, 3),
                cps,
            )
        if previous is not None:
            gap = cue.start_ms - previous.end_ms
            if gap < 0:
                report(
                    cue,
                    "overlap",
                    f"starts {-gap} ms before cue {previous.number} ends "
                    f"({format_clock(previous.end_ms)})",
                    gap,
                    0,
                )
            elif gap < rules.gap_ms - tolerance:
                report(
                    cue,
                    "gap-under-minimum",
                    f"{gap} ms after cue {previous.number}; the minimum gap is {rules.gap_ms} ms",
                    gap,
                    rules.gap_ms,
                )
        # The next cue is compared with the one that ends last so far, so a cue nested inside
        # a long one is still an overlap.
        if previous is None or cue.end_ms >= previous.end_ms:
            previous = cue
    order = list(CHECKS)
    findings.sort(key=lambda finding: (finding.cue, order.index(finding.code)))
    return CheckReport(
        source=source,
        format=format,
        cue_count=len(subtitles),
        rules=rules,
        findings=tuple(findings),
        tolerance_ms=tolerance,
    )


def read_subtitles(
    data: bytes, *, source: str = "<bytes>", format: str | None = None
) -> tuple[str, list[SubtitleCue], float | None]:
    """Read a subtitle file's cues for checking (see :mod:`cuecraft.tools._subtitles`).

    Args:
        data: the file's bytes.
        source: the file name (its extension decides when the content does not).
        format: a reader that reads cues (``srt``, ``vtt``, ``stl``, ``ttml``, ``sbv``,
            ``ass``) or an alias of one; detected when None.

    Returns:
        ``(format, cues, frame_rate)``; the frame rate is known where the format declares
        one (EBU-STL).

    Raises:
        InputError: for a file that is not a subtitle file or has no cues.
    """
    kind, raw, frame_rate = read_subtitle_cues(data, source=source, format=format)
    cues = [SubtitleCue(number, *cue) for number, cue in enumerate(raw, start=1)]
    return kind, cues, frame_rate


def check_file(
    path: str | os.PathLike[str],
    rules: Rules | None = None,
    *,
    format: str | None = None,
    max_bytes: int | None = None,
) -> CheckReport:
    """Read a subtitle file and check it.

    Raises:
        InputError: when the file cannot be read as a subtitle file.
    """
    from cuecraft.api import MAX_INPUT_BYTES

    source = str(path)
    data = read_file(path, MAX_INPUT_BYTES if max_bytes is None else max_bytes)
    kind, cues, frame_rate = read_subtitles(data, source=source, format=format)
    rules = rules or Rules()
    tolerance = default_tolerance_ms(frame_rate or rules.frame_rate)
    return check_cues(cues, rules, source=source, format=kind, tolerance_ms=tolerance)
