"""``cuecraft batch``: many transcripts to several formats, in parallel, safe to run unattended.

    cuecraft batch downloads/ -o subtitles/ -t srt,vtt,stl --rules netflix-en --jobs 8
    cuecraft batch ep.json ep.srt -o out/ -t vtt --name-template '{stem}.{input_ext}.{ext}'

Inputs are files and folders (walked recursively); each input's vendor is detected. Outputs
are ``<stem>.<ext>`` in the output folder (or ``--name-template``); see :mod:`cuecraft.batch`
for collisions, skipping and interruption. An output is stale when its input is newer or
when the settings changed since the last batch into that folder
(:mod:`cuecraft.commands._manifest`). The summary goes to standard output, one line per
failure to standard error; ``--json`` prints the whole report as JSON instead. Exit status:
0 when every input was converted or skipped, 1 when any failed, 2 for a usage error, 130/143
when interrupted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from pydantic import BaseModel

from cuecraft.batch import (
    DEFAULT_TIMEOUT_S,
    BatchReport,
    FileResult,
    dask_executor,
    default_jobs,
    run_batch,
)
from cuecraft.batch.plan import output_name
from cuecraft.batch.storage import is_url
from cuecraft.commands._common import Subparsers, UsageError, add_debug_flag
from cuecraft.commands._flags import RULES
from cuecraft.commands._manifest import (
    changed_formats,
    fingerprints,
    read_manifest,
    write_manifest,
)
from cuecraft.commands._reader_flags import add_reader_flags, reader_options
from cuecraft.commands._report import in_cli_terms, plural
from cuecraft.commands._setting_flags import add_setting_flags, table_for
from cuecraft.commands._settings import resolve_settings, settings_from_args
from cuecraft.commands.convert import add_strictness_flags
from cuecraft.commands.formats import HelpFormatAction
from cuecraft.commands.rules import add_house_rules_flag, add_input_flags
from cuecraft.errors import CuecraftError
from cuecraft.readers import get_reader
from cuecraft.segment import Rules
from cuecraft.writers import WriterSpec, get_writer

__all__ = ["Progress", "add_parser", "run"]


def add_parser(subparsers: Subparsers) -> None:
    """Add the ``batch`` sub-parser."""
    parser = subparsers.add_parser(
        "batch",
        help="convert many transcripts to several formats at once",
        usage="%(prog)s INPUT... -o OUTDIR -t FORMATS [options]",
        description=(
            "Convert every input (files, and folders walked recursively) to each format given "
            "by -t/--to, in parallel. A bad input never stops the batch: it is reported with "
            "its location and the exit status is 1. Outputs newer than their input are skipped "
            "unless --force or the settings changed since the last batch into OUTDIR. Two "
            "inputs with the same output name are refused, never overwritten (see "
            "--name-template). Each format's options: cuecraft formats NAME."
        ),
    )
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="transcript files or folders")
    parser.add_argument(
        "-o", "--output-dir", required=True, metavar="OUTDIR", help="folder for every output"
    )
    parser.add_argument(
        "-t",
        "--to",
        dest="to_formats",
        required=True,
        metavar="FORMATS",
        help="comma-separated output formats, e.g. srt,vtt,stl,txt,docx (see: cuecraft formats)",
    )
    parser.add_argument(
        "-f", "--from", dest="from_format", metavar="READER", help="input format for every input"
    )
    parser.add_argument("--help-format", action=HelpFormatAction)
    parser.add_argument(
        "--name-template",
        metavar="TEMPLATE",
        help="output file names from {stem}, {input_ext} and {ext}, e.g. "
        "'{stem}.{input_ext}.{ext}' for ep.json and ep.srt in one folder",
    )
    add_house_rules_flag(parser)
    parser.add_argument(
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help=f"worker processes (default: the CPU count, {default_jobs()} here)",
    )
    parser.add_argument(
        "--dask-scheduler",
        metavar="ADDRESS",
        help="run the jobs on the Dask cluster whose scheduler is at ADDRESS "
        "(tcp://host:8786; needs cuecraft[dask] here and on the workers)",
    )
    parser.add_argument("--force", action="store_true", help="rewrite outputs even when up to date")
    parser.add_argument(
        "--keep-folders",
        action="store_true",
        help="repeat each input's sub-folders under OUTDIR (same-named files in different "
        "folders then convert instead of colliding)",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="no progress bar and no summary; failures only"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the whole report as JSON on standard output"
    )
    add_strictness_flags(parser, lenient="repair what can be repaired instead of failing the input")
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT_S,
        metavar="SECONDS",
        help="time limit for one input; one over it is reported as failed and the batch goes "
        f"on (default: {DEFAULT_TIMEOUT_S:g}; 0 for none)",
    )
    add_input_flags(parser)
    add_reader_flags(parser, generic_only=True)
    add_debug_flag(parser)
    add_setting_flags(parser)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _seconds(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not (value >= 0 and value < float("inf")):
        raise argparse.ArgumentTypeError(f"must be 0 (no limit) or more, got {text!r}")
    return value or None


def _formats(text: str) -> list[WriterSpec]:
    names = [name.strip().lower() for name in text.split(",") if name.strip()]
    if not names:
        raise UsageError("--to needs at least one format")
    specs = [get_writer(name) for name in dict.fromkeys(names)]
    extensions: dict[str, str] = {}
    for spec in specs:
        extension = spec.extensions[0]
        if extension in extensions:
            raise UsageError(
                f"--to: {extensions[extension]} and {spec.name} both write {extension} files"
            )
        extensions[extension] = spec.name
    return specs


def _applies(owner: str, spec: WriterSpec) -> bool:
    return owner == spec.name or (owner == RULES and spec.takes == "cues")


def _settings(
    args: argparse.Namespace, specs: Sequence[WriterSpec]
) -> tuple[Rules, dict[str, BaseModel]]:
    """Rules and each writer's options from the flags and ``--rules``; flags win.

    A flag must apply to at least one of the chosen writers; it is applied to each writer
    that uses it.
    """
    table = table_for(args, specs)
    given = [flag for flag in table.flags if hasattr(args, flag.dest)]
    for flag in given:
        if not any(_applies(owner, spec) for owner in flag.owners for spec in specs):
            if flag.owners == [RULES]:
                why = "none of them segments (rules apply to subtitle formats)"
            else:
                why = f"it is an option of {', '.join(o for o in flag.owners if o != RULES)}"
            names = ", ".join(spec.name for spec in specs)
            raise UsageError(f"{flag.option} does not apply to any of {names} ({why})")
    rules = Rules()
    options: dict[str, BaseModel] = {}
    for spec in specs:
        mine = {
            flag.dest: getattr(args, flag.dest)
            for flag in given
            if any(_applies(owner, spec) for owner in flag.owners)
        }
        settings = settings_from_args(argparse.Namespace(**mine), spec, table)
        spec_rules, spec_options = resolve_settings(spec, settings, args.house_rules)
        options[spec.name] = spec_options
        if spec_rules is not None:
            rules = spec_rules
    return rules, options


class Progress:
    """A one-line progress bar on a terminal's standard error (nothing when not a TTY)."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled and stream.isatty()
        self.failed = 0
        self.shown = False

    def __call__(self, result: FileResult, done: int, total: int) -> None:
        if result.status == "failed":
            self.failed += 1
        if not self.enabled:
            return
        width = shutil.get_terminal_size((80, 20)).columns
        bar_width = max(10, min(30, width - 50))
        filled = round(bar_width * done / max(total, 1))
        failed = f", {self.failed} failed" if self.failed else ""
        head = f"[{'#' * filled}{'.' * (bar_width - filled)}] {done}/{total}{failed} "
        name = result.source[-max(0, width - len(head) - 1) :]
        self.stream.write("\r" + (head + name).ljust(width - 1)[: width - 1])
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            width = shutil.get_terminal_size((80, 20)).columns
            self.stream.write("\r" + " " * (width - 1) + "\r")
            self.stream.flush()
            self.shown = False


def _summary(report: BatchReport, changed: Sequence[str] = ()) -> str:
    parts = [
        f"{report.converted} converted",
        f"{report.failed} failed",
        f"{report.skipped} skipped",
    ]
    line = (
        f"{', '.join(parts)} ({plural(report.written, 'file')} written to "
        f"{report.output_dir} in {report.seconds:.1f} s)"
    )
    if changed:
        line = (
            f"settings changed since the last batch into {report.output_dir} "
            f"({', '.join(changed)}): outputs rewritten even when newer than their input\n" + line
        )
    if report.interrupted:
        line = (
            f"interrupted by {report.interrupted}: {line}; {len(report.not_done)} not done "
            "(no partial files were left)"
        )
    return line


def _print_failures(report: BatchReport, stream: TextIO, *, debug: bool) -> None:
    for result in report.failures():
        # The first failure is the input's unless one of the outputs failed with it.
        writing = any(
            out.status == "failed" and out.error == result.error for out in result.outputs
        )
        print(f"failed: {in_cli_terms(result.error or '', reading=not writing)}", file=stream)
        if debug and result.detail:
            print(result.detail.rstrip(), file=stream)


def run(args: argparse.Namespace) -> int:
    """Run the batch; returns 0, 1 (some input failed), or 130/143 (interrupted)."""
    specs = _formats(args.to_formats)
    rules, options = _settings(args, specs)
    if args.from_format is not None:
        get_reader(args.from_format)  # an unknown reader is a usage error, said up front
    if args.name_template is not None:
        output_name(args.name_template, Path("x.json"), ".srt")  # a bad template: said now
    reading = {
        "from": args.from_format,
        "strict": args.strict,
        "encoding": args.input_encoding,
        "name_template": args.name_template,
        "reader_options": reader_options(args),
    }
    fingerprint = fingerprints(
        [spec.name for spec in specs],
        rules=rules if any(spec.takes == "cues" for spec in specs) else None,
        options=options,
        reading=reading,
    )
    # The settings manifest lives in a local output folder; object stores go without it.
    local_output = not is_url(str(args.output_dir))
    changed = changed_formats(read_manifest(args.output_dir), fingerprint) if local_output else []
    progress = Progress(sys.stderr, enabled=not args.quiet and not args.json)
    with contextlib.ExitStack() as stack:
        executor = None
        if args.dask_scheduler:
            executor = stack.enter_context(dask_executor(args.dask_scheduler))
        stack.callback(progress.close)
        report = run_batch(
            args.inputs,
            args.output_dir,
            [spec.name for spec in specs],
            rules=rules,
            options=options,
            input_format=args.from_format,
            jobs=args.jobs,
            force=args.force or bool(changed),
            strict=args.strict,
            max_bytes=args.max_bytes,
            max_memory_bytes=args.max_memory,
            encoding=args.input_encoding,
            timeout=args.timeout,
            on_result=progress,
            handle_signals=True,
            keep_folders=args.keep_folders,
            name_template=args.name_template,
            reader_options=reader_options(args),
            executor=executor,
        )
    if local_output and not report.interrupted and (report.written or report.skipped):
        try:
            write_manifest(args.output_dir, fingerprint)
        except CuecraftError as exc:
            print(f"warning: settings manifest not written: {exc}", file=sys.stderr)
    _print_failures(report, sys.stderr, debug=bool(getattr(args, "debug", False)))
    if args.json:
        document = {**report.to_dict(), "settings_changed": changed}
        json.dump(document, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    elif not args.quiet or report.interrupted:
        print(_summary(report, changed), file=sys.stdout if not report.interrupted else sys.stderr)
        if report.interrupted and report.not_done and not args.quiet:
            for source in report.not_done:
                print(f"not done: {source}", file=sys.stderr)
    return report.exit_code()
