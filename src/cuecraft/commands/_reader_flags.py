"""Reader options as flags: ``--speaker-names``, ``--language``, ``--time-origin``,
``--input-speaker-labels``, and a generated ``--<option>`` for any other option a reader
registers (``ReaderSpec.options``), so that a reader added later gets its flag too.

``speaker_labels`` is the subtitle readers' option; its flag is ``--input-speaker-labels``
because ``--speaker-labels`` is the writers' (how speakers are shown in the output).
"""

from __future__ import annotations

import argparse
from typing import Any

from cuecraft._reader_options import GENERIC
from cuecraft.readers import READERS

__all__ = ["READER_FLAGS", "add_reader_flags", "reader_flag", "reader_options"]

# option name -> (flag, metavar or choices, help)
READER_FLAGS: dict[str, tuple[str, str | tuple[str, ...], str]] = {
    "speaker_names": (
        "--speaker-names",
        "NAMES",
        "name the speakers, in order of first appearance ('Zoë,José') or by id "
        "('spk_0=Zoë,spk_1=José'); any reader",
    ),
    "language": (
        "--language",
        "TAG",
        "the transcript's language (es, nl-NL...) for line breaks and for formats that "
        "carry it (TTML, STL, DOCX); any reader",
    ),
    "time_origin": (
        "--time-origin",
        "tcp|zero|HH:MM:SS:FF",
        "STL input: subtract the programme start (tcp, default), nothing (zero) or a timecode",
    ),
    "speaker_labels": (
        "--input-speaker-labels",
        ("auto", "always", "none"),
        "subtitle input: which row-start 'Name:' prefixes are speaker labels (default: auto)",
    ),
}


def reader_flag(name: str) -> tuple[str, str | tuple[str, ...], str]:
    """(flag, metavar or choices, help) of a reader option."""
    if name in READER_FLAGS:
        return READER_FLAGS[name]
    readers = ", ".join(sorted(info.name for info in READERS.infos() if name in info.options))
    return f"--input-{name.replace('_', '-')}", "VALUE", f"reader option of {readers}"


def _dest(name: str) -> str:
    return f"reader__{name}"


def add_reader_flags(parser: argparse.ArgumentParser, *, generic_only: bool = False) -> None:
    """Add one flag per reader option (absent from the namespace unless given).

    ``generic_only``: just the options every reader takes (``batch`` mixes readers).
    """
    group = parser.add_argument_group("reading", "How the input is read (reader options).")
    names = dict.fromkeys(GENERIC if generic_only else READER_FLAGS)
    if not generic_only:
        names.update(dict.fromkeys(name for info in READERS.infos() for name in info.options))
    for name in names:
        flag, shape, text = reader_flag(name)
        extra: dict[str, Any] = (
            {"choices": shape} if isinstance(shape, tuple) else {"metavar": shape}
        )
        group.add_argument(flag, dest=_dest(name), default=argparse.SUPPRESS, help=text, **extra)


def reader_options(args: argparse.Namespace) -> dict[str, Any]:
    """The reader options the user gave, as ``load()`` keywords."""
    prefix = _dest("")
    return {
        key[len(prefix) :]: value
        for key, value in vars(args).items()
        if key.startswith(prefix) and value is not None
    }
