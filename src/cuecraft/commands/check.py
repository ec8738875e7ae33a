"""``cuecraft check``: a quality report for subtitle files (SRT, WebVTT, EBU-STL, TTML, SBV, ASS).

    cuecraft check episode.srt --rules netflix-en
    cuecraft check out/*.vtt --max-chars-per-row 37 --format json

For each file: a summary table (one row per check) and one line per finding with the cue
number and time. Exit status: 0 when no file breaks a rule (errors; with ``--strict`` also
warnings), 1 otherwise or when a file cannot be read, 2 for a usage error. See
:mod:`cuecraft.tools.check` for what each check measures and which are errors.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

from cuecraft.commands._common import Subparsers, add_debug_flag
from cuecraft.commands._report import in_cli_terms, plural, print_error
from cuecraft.commands._setting_flags import add_setting_flags, rules_table
from cuecraft.commands._settings import resolve_settings, settings_from_args
from cuecraft.commands.rules import add_house_rules_flag, add_max_bytes_flag
from cuecraft.errors import CuecraftError
from cuecraft.segment import Rules
from cuecraft.tools.check import CHECKS, FORMATS, CheckReport, check_file
from cuecraft.writers import WRITERS, WriterSpec

__all__ = ["add_parser", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``check`` sub-parser."""
    parser = subparsers.add_parser(
        "check",
        help="check subtitle files against segmentation rules",
        description=(
            "Measure subtitle files (SRT, WebVTT, EBU-STL, TTML/DFXP, SBV, ASS/SSA) against "
            "the rules: rows over the limit, too many rows, reading speed, too short or too "
            "long cues, overlaps, gaps under the minimum, empty cues. Errors break the rules; "
            "warnings are limits that fast or dense speech can make impossible (reading "
            "speed, minimum duration and gap). Exit status 1 when any file has errors (or, "
            "with --strict, warnings)."
        ),
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="subtitle files to check")
    add_house_rules_flag(parser)
    parser.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="report as text (default) or JSON",
    )
    parser.add_argument(
        "--strict", action="store_true", help="warnings fail the check too (exit status 1)"
    )
    parser.add_argument(
        "--input-format",
        choices=FORMATS,
        default=None,
        help="read every file as this format (default: detected)",
    )
    add_max_bytes_flag(parser)
    add_debug_flag(parser)
    add_setting_flags(parser, rules_table())  # check measures cues: it writes nothing


def _cue_writer() -> WriterSpec:
    # The rule flags apply to writers that segment; any of them stands for "cues" here.
    return next(spec for spec in WRITERS.values() if spec.takes == "cues")


def _rules(args: argparse.Namespace) -> Rules:
    spec = _cue_writer()
    settings = settings_from_args(args, spec, rules_table())
    rules, _ = resolve_settings(spec, settings, args.house_rules)
    return rules or Rules()


def _limit(code: str, rules: Rules) -> str:
    limits = {
        "empty-cue": "text required",
        "row-too-long": f"{rules.max_chars_per_row} characters",
        "too-many-rows": f"{rules.max_rows} rows",
        "too-long": f"{rules.max_duration_ms / 1000:g} s"
        + (f" or {rules.max_row_seconds:g} s per row" if rules.max_row_seconds else ""),
        "overlap": "none",
        "reading-speed": f"{rules.max_chars_per_second:g} characters/s",
        "too-short": f"{rules.min_duration_ms / 1000:g} s",
        "gap-under-minimum": f"{rules.gap_ms} ms",
        "word-longer-than-row": f"{rules.max_chars_per_row} characters",
    }
    return limits.get(code, "")


def _text(report: CheckReport, *, strict: bool) -> Iterator[str]:
    verdict = "passed" if report.passed(strict=strict) else "FAILED"
    yield (
        f"{report.source} ({report.format}, {plural(report.cue_count, 'cue')}): {verdict}: "
        f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')}"
    )
    yield f"  {'check':<20} {'severity':<8} {'count':>6}  limit"
    for code, count in report.counts().items():
        severity = CHECKS[code][0]
        yield f"  {code:<20} {severity:<8} {count:>6}  {_limit(code, report.rules)}"
    for finding in report.findings:
        yield f"  {finding}"


def run(args: argparse.Namespace) -> int:
    """Check every file; returns 0 when all pass, else 1."""
    rules = _rules(args)
    reports: list[CheckReport] = []
    unreadable: list[dict[str, str]] = []
    for path in args.files:
        try:
            reports.append(
                check_file(path, rules, format=args.input_format, max_bytes=args.max_bytes)
            )
        except CuecraftError as exc:
            message = in_cli_terms(exc, reader_flag="--input-format")
            unreadable.append({"source": path, "error": message})
            if args.format == "text":
                print_error(message)
    passed = not unreadable and all(report.passed(strict=args.strict) for report in reports)
    if args.format == "json":
        document = {
            "passed": passed,
            "strict": args.strict,
            "files": [report.to_dict() for report in reports],
            "unreadable": unreadable,
        }
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for index, report in enumerate(reports):
            if index:
                print()
            for line in _text(report, strict=args.strict):
                print(line)
    return 0 if passed else 1
