"""Plain-text transcript writer: one paragraph per speaker turn, vendor-style timestamps.

Reproduces Amberscript's ``export-txt`` (seeds 000/001: ``00:00:00`` on a line, then
``Speaker 1: text``; options includeTimestamps, includeSpeakers, highlightsOnly,
maxCharsPerRow), Scribie's TXT (seed 002: ``00:05 Rajiv Poddar: Hello.``, initials after a
speaker's first turn) and HappyScribe's inline timecodes (seed 003: timestamps_frequency).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TextIO

from pydantic import Field

from cuecraft.model import Transcript
from cuecraft.writers._document import Block, DocumentOptions, plan_blocks
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "TxtOptions", "wrap", "write"]


class TxtOptions(DocumentOptions):
    """Options of the TXT writer (Amberscript export-txt, Scribie TXT, HappyScribe txt).

    Example: Scribie's layout is ``TxtOptions(timestamp_style="prefix",
    speaker_label="initials")``; Amberscript's is the default.
    """

    max_chars_per_row: int | None = Field(default=None, ge=1)
    """Wrap paragraphs into rows of at most this many characters, breaking only between
    words; a longer word gets a row of its own (Amberscript maxCharsPerRow, default none:
    one line per paragraph)."""

    eol: Literal["\n", "\r\n"] = "\n"
    """Line ending."""


def wrap(units: Sequence[str], width: int | None, spaces: Sequence[str] | None = None) -> list[str]:
    """Greedy word wrap of unbreakable ``units``.

    ``spaces[i]`` goes between ``units[i - 1]`` and ``units[i]`` on one row (a single space
    when not given; nothing between the words of Japanese or Chinese). A unit is never split,
    so a unit longer than ``width`` sits alone on an over-long row.

    >>> wrap(["Speaker 1:", "Hi,", "welcome"], 14)
    ['Speaker 1: Hi,', 'welcome']
    """
    rows: list[str] = []
    # The current row as pieces and its length: joined once when full, so a paragraph of n
    # words costs O(n) even on one endless row (issue 10; ``row += ...`` was quadratic).
    row: list[str] = []
    length = 0
    for index, unit in enumerate(units):
        space = spaces[index] if spaces is not None else " "
        if not length:
            row, length = [unit], len(unit)
        elif width is None or length + len(space) + len(unit) <= width:
            row += (space, unit)
            length += len(space) + len(unit)
        else:
            rows.append("".join(row))
            row, length = [unit], len(unit)
    if length:
        rows.append("".join(row))
    return rows


def _rows(block: Block, options: TxtOptions) -> list[str]:
    """The rows of one paragraph; the timestamp and label stay whole at its start."""
    rows: list[str] = []
    lead: list[str] = []
    if block.timestamp is not None:
        if options.timestamp_style == "line":
            rows.append(block.timestamp)
        else:
            lead.append(block.timestamp)
    if block.speaker is not None:
        lead.append(f"{block.speaker}:")
    units = ([" ".join(lead)] if lead else []) + [token.text for token in block.tokens]
    spaces = ([" "] if lead else []) + [token.space for token in block.tokens]
    return rows + wrap(units, options.max_chars_per_row, spaces)


def write(transcript: Transcript, out: TextIO, options: TxtOptions, context: WriteContext) -> None:
    """Write the transcript as plain text, paragraphs separated by an empty line.

    Args:
        transcript: the transcript; paragraphs follow its speaker turns.
        out: a text stream (the caller chooses the encoding; cuecraft writes UTF-8).
        options: what to show and how to wrap.
        context: receives a diagnostic for every character removed from vendor text.
    """
    blocks = plan_blocks(transcript, options, context)
    paragraphs = [options.eol.join(_rows(block, options)) for block in blocks]
    if paragraphs:
        out.write((options.eol * 2).join(paragraphs) + options.eol)


SPEC = WriterSpec(
    name="txt",
    extensions=(".txt",),
    takes="transcript",
    binary=False,
    options=TxtOptions,
    write=write,
    description="plain-text transcript, one paragraph per speaker turn "
    "(Amberscript, Scribie and HappyScribe layouts)",
)
