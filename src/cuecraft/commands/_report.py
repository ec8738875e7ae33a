"""What the commands print: errors in the CLI's own terms, diagnostics, exit statuses.

Messages (issue #9): the library speaks of its parameters (``pass format=``,
``pass strict=False``, ``unencodable='replace'``); everything the CLI prints goes through
:func:`in_cli_terms`, the one place that turns those into the flags a command line user
types (``--from``/``--to``, ``--lenient``, ``--unencodable replace``). A RulesError's field
is named with its flag too.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType
from typing import TYPE_CHECKING, TextIO

from cuecraft.commands._common import UsageError
from cuecraft.errors import CuecraftError, OutputError, RulesError, UnknownFormatError

if TYPE_CHECKING:
    from cuecraft.commands._flags import Flag
    from cuecraft.model import Diagnostic

__all__ = [
    "Terminated",
    "exit_status",
    "in_cli_terms",
    "plural",
    "print_diagnostics",
    "print_error",
    "run_guarded",
]

# load()/convert()/run_batch() keywords -> the flags that set them. ``format=`` is --from for
# a reader (an input error) and --to for a writer; keyword=value forms of rule and writer
# option fields come from the flag table.
_KEYWORD_FLAGS = {
    "input_format": "--from",
    "output_format": "--to",
    "max_bytes": "--max-bytes",
    "max_memory_bytes": "--max-memory",
    "encoding": "--input-encoding",
    "timeout": "--timeout",
    "jobs": "--jobs",
    "force": "--force",
    "keep_folders": "--keep-folders",
    "name_template": "--name-template",
    "speaker_names": "--speaker-names",
    "time_origin": "--time-origin",
}
_KEYWORD = re.compile(r"\b([a-z][a-z0-9_]*)=(?:'([^']*)'|\"([^\"]*)\"|([\w.\-]+))?")


def _flag_of(field: str) -> Flag | None:
    """The generated flag of a rule or writer-option field named ``field``, if any."""
    # Imported here: the flag table loads every writer's options, which only a message
    # naming a field needs (issue #12: ``cuecraft formats`` and ``--version`` stay lean).
    from cuecraft.commands._flags import flag_table

    return next((f for f in flag_table().flags if any(t.field == field for t in f.targets)), None)


def _keyword_as_flag(
    name: str, value: str | None, *, reading: bool, reader_flag: str
) -> str | None:
    if name == "strict" and value in ("False", "True"):
        return "--lenient" if value == "False" else "--strict"
    if name == "format":
        flag = reader_flag if reading else "--to"
    elif name in _KEYWORD_FLAGS:
        flag = _KEYWORD_FLAGS[name]
    else:
        found = _flag_of(name)
        if found is None:
            return None
        flag = found.option
        if found.is_bool and value in ("True", "False"):
            return flag if value == "True" else f"--no-{found.key}"
    if value in (None, "", "True"):
        return flag
    return f"{flag} {value}"


def in_cli_terms(
    message: object, *, reading: bool | None = None, reader_flag: str = "--from"
) -> str:
    """``message`` with the library's parameter spellings replaced by the CLI's flags.

    Args:
        message: an exception or text. An error's class tells whether ``format=`` means the
            reader (InputError: ``--from``) or the writer (``--to``).
        reading: override that (for texts that are no exception).
        reader_flag: the command's flag naming the reader (``check`` has ``--input-format``).
    """
    if reading is None:
        reading = not isinstance(message, OutputError)
    text = str(message)
    if isinstance(message, RulesError) and message.field and "(--" not in text:
        flag = _flag_of(message.field)
        name = _KEYWORD_FLAGS.get(message.field) or (flag.option if flag else None)
        if name is not None:
            text = f"invalid {message.field} ({name}): {message.reason}"

    def replace(match: re.Match[str]) -> str:
        value = next((group for group in match.groups()[1:] if group is not None), None)
        flag = _keyword_as_flag(match.group(1), value, reading=reading, reader_flag=reader_flag)
        return match.group(0) if flag is None else flag

    text = _KEYWORD.sub(replace, text)
    if isinstance(message, OutputError):
        # A writer's advice names its options bare ("pick another character_table"). Only
        # there: an input error's JSON pointer may hold a vendor key of the same spelling.
        text = _BARE.sub(lambda match: _bare_flag(match.group(0)), text)
    return text


_BARE = re.compile(r"(?<![\w./=-])[a-z]+(?:_[a-z0-9]+)+(?![\w=])")


def _bare_flag(name: str) -> str:
    flag = _flag_of(name)
    return name if flag is None else flag.option


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """``1 error``, ``2 errors``, ``0 files`` (``nouns`` for an irregular plural)."""
    return f"{count} {noun if count == 1 else (nouns or noun + 's')}"


def _one_line(text: str) -> str:
    return " ".join(part.strip() for part in text.splitlines() if part.strip()) or "error"


def print_error(message: object, *, stream: TextIO | None = None) -> None:
    """Print ``cuecraft: <message>`` as one line on stderr."""
    print(f"cuecraft: {_one_line(str(message))}", file=stream or sys.stderr)


def print_diagnostics(diagnostics: Sequence[Diagnostic], *, stream: TextIO | None = None) -> None:
    """Print each diagnostic as one ``warning: ...`` (or ``info: ...``) line on stderr."""
    for diagnostic in diagnostics:
        print(f"{diagnostic.severity}: {_one_line(str(diagnostic))}", file=stream or sys.stderr)


def exit_status(exc: BaseException) -> int:
    """2 for usage errors (bad flags, formats, rules), 1 for failed input or output."""
    if isinstance(exc, (UsageError, UnknownFormatError, RulesError)):
        return 2
    return 1


def run_guarded(run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command, turning errors into one stderr line and an exit status.

    Tracebacks are printed only with ``--debug``. An unexpected exception is a bug: it is
    reported as an internal error (status 1).
    """
    debug = bool(getattr(args, "debug", False))
    try:
        with _terminate_raises():
            return run(args)
    except KeyboardInterrupt:
        print_error("interrupted")
        return 130
    except Terminated:
        print_error("terminated")
        return 143
    except BrokenPipeError:
        # The reader of our standard output went away (``| head``): nothing more to say.
        _silence_stdout()
        return 1
    except CuecraftError as exc:
        if debug:
            traceback.print_exc()
        print_error(in_cli_terms(exc))
        return exit_status(exc)
    except Exception as exc:
        if debug:
            traceback.print_exc()
        hint = "" if debug else " (run with --debug for a traceback)"
        print_error(f"internal error: {type(exc).__name__}: {exc}{hint}")
        return 1


class Terminated(BaseException):
    """SIGTERM arrived: raised where the program is, so that ``finally`` clauses and the
    atomic write's clean-up run (the default action kills the process on the spot and
    leaves a half-written temporary file behind)."""


def _raise_terminated(signum: int, frame: FrameType | None) -> None:
    del signum, frame
    raise Terminated


@contextmanager
def _terminate_raises() -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _raise_terminated)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass
