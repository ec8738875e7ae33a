"""Helpers for the SRT and WebVTT writer tests: cues, rendering, and what pysubs2 reads back."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

import pysubs2
from pydantic import BaseModel

from cuecraft.model import Cue, Line
from cuecraft.writers import WriteContext, WriterSpec
from tests.conftest import SHARED


def cue(start_ms: int, end_ms: int, *rows: str | tuple[str, str | None]) -> Cue:
    """A cue from row texts (or ``(text, speaker)`` pairs); word spans are made up."""
    lines = []
    for index, row in enumerate(rows):
        text, speaker = (row, None) if isinstance(row, str) else row
        lines.append(Line(text=text, first=index, stop=index + 1, speaker=speaker))
    return Cue(start_ms=start_ms, end_ms=end_ms, lines=tuple(lines))


# Amberscript's sample export (seed 001, "The command returns SRT structured like this").
AMBERSCRIPT_CUES = [
    cue(449, 3769, "Hi, welcome to Amber script, in this short"),
    cue(3869, 7400, "video, we would like to show you how", "you can use Amber script at its full"),
    cue(7500, 10189, "potential. The first", "function we would like to show"),
    cue(10289, 13639, "you is the edit function.", "This allows you to edit errors"),
]


def render(
    spec: WriterSpec,
    cues: Sequence[Cue],
    options: BaseModel | None = None,
    names: dict[str, str] | None = None,
) -> tuple[str, WriteContext]:
    """The writer's text output, and the context with its diagnostics."""
    context = WriteContext(speaker_names=names or {})
    out = io.StringIO(newline="")
    spec.write(cues, out, options or spec.options(), context)
    return out.getvalue(), context


def seed_sample(marker: str) -> str | None:
    """The fenced sample after ``marker`` in seed 001 (None when the seeds are not beside us)."""
    paths = sorted((SHARED / "seeds").glob("001_*.txt"))
    if not paths:
        return None
    text = paths[0].read_text(encoding="utf-8")
    start = text.index("```", text.index(marker)) + 3
    return text[start : text.index("```", start)].lstrip("\n")


# The look-alikes the SRT and SBV writers put in place of structure, mapped back (issue 10).
LOOK_ALIKES = str.maketrans(
    {"\u2039": "<", "\u203a": ">", "\uff5b": "{", "\uff5d": "}", "\u29f5": "\\", "\u2236": ":"}
)
# What the SRT and WebVTT writers may change in rows of plain words (letters, digits,
# punctuation such as a backslash): the codes of their diagnostics.
PLAIN_WORD_CHANGES = frozenset({"number-row-kept", "backslash-escape", "timing-line-in-text"})

# A dialogue dash or a "Name:" label leading a row is a speaker mark for cuecraft's subtitle
# readers (a reader heuristic: the word is read as a mark, not as text). Round-trip tests keep
# words of that shape out.
SPEAKER_MARK = re.compile(r"^\s*[-–—](?![-\d])|^[^\W\d_][\w'.\-]*:")

_NEXT_NUMBER = re.compile(r"\n+ *\d+ *$")
_DIGITS_ONLY = re.compile(r" *\d+ *")


def number_row_joined(rows: Sequence[str]) -> list[str]:
    """The rows the SRT and WebVTT writers print for a cue with these rows: a last row of
    digits only (which pysubs2 would drop as the next cue's number) followed by a no-break
    space, which pysubs2's pattern does not match."""
    if len(rows) > 1 and _DIGITS_ONLY.fullmatch(rows[-1]):
        return [*rows[:-1], rows[-1].rstrip(" ") + "\u00a0"]
    return list(rows)


def pysubs2_text(rows: Sequence[str], followed_by_number: bool) -> str:
    """What pysubs2 reads back (``SSAEvent.text``) for a cue with these rows.

    pysubs2 joins rows with ``\\N`` and, to drop the number of the next cue, removes one
    trailing all-digit row (``re.sub(r"\\n+ *\\d+ *$", "", s)``). When the next cue's number
    follows, that is what it removes; otherwise (the last cue, or WebVTT without identifiers)
    a genuine all-digit last row goes. That is a pysubs2 heuristic, modelled here, not text
    we lose: the strict parse in each test checks the file itself.
    """
    text = "\n".join(rows)
    if not followed_by_number:
        text = _NEXT_NUMBER.sub("", text)
    return text.replace("\n", r"\N")


def strict_blocks(text: str, eol: str = "\n") -> list[list[str]]:
    """Split subtitle text into blocks at blank lines, refusing stray line endings."""
    if eol == "\r\n":
        assert "\n" not in text.replace("\r\n", "")
        text = text.replace("\r\n", "\n")
    assert "\r" not in text
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    return [block.split("\n") for block in text[:-1].split("\n\n")]


def read_with_pysubs2(text: str, format: str) -> list[pysubs2.SSAEvent]:
    """pysubs2's events for ``text`` read the way a file is read (universal newlines)."""
    stream = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="utf-8")
    return list(pysubs2.SSAFile.from_file(stream, format_=format).events)


def ttconv_rows(element: Any) -> list[str]:
    """The rows of a paragraph of a ttconv document model: its text, split at ``<br/>``."""
    from ttconv import model

    found = [""]

    def walk(node: Any) -> None:
        for child in node:
            if isinstance(child, model.Br):
                found.append("")
            elif isinstance(child, model.Text):
                found[-1] += child.get_text()
            else:
                walk(child)

    walk(element)
    return found
