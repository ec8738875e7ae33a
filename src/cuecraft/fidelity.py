"""The fidelity contract, enforced: the words a writer gets are exactly the loaded words.

Every conversion ends with :func:`check_cues` before anything reaches a file (issue #9). The
cues' rows carry half-open word spans ``[first, stop)``; taken in order they must tile
``range(len(words))`` exactly, and each row's text must be its words' texts. One linear pass,
so it costs next to nothing beside segmentation, and a violation (a bug) raises
:class:`~cuecraft.errors.FidelityError` instead of a plausible file with a word missing.
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections.abc import Sequence

from cuecraft.columns import CueTable, WordTable
from cuecraft.errors import FidelityError
from cuecraft.model import Cue, Word

__all__ = ["check_cue_table", "check_cue_texts", "check_cues"]


def _squeeze(text: str) -> str:
    # Rows join words with a space, or with nothing for scripts written without spaces; a
    # word may hold spaces itself. Compared without whitespace, both joins are the same text.
    return "".join(text.split())


def _covered_later(cues: Sequence[Cue], cue_index: int, word_index: int) -> bool:
    return any(
        line.first <= word_index < line.stop for cue in cues[cue_index:] for line in cue.lines
    )


def check_cues(words: Sequence[Word], cues: Sequence[Cue], *, speaker_dash: str = "-") -> None:
    """Check that ``cues`` carry every word of ``words`` once, in order, with their texts.

    Args:
        words: the loaded transcript's words.
        cues: the cues about to be written.
        speaker_dash: what may lead a row of a two-speaker cue (``Rules.speaker_dash``).

    Raises:
        FidelityError: naming the first word lost, duplicated or reordered, or the first row
            whose text is not its words' texts.
    """
    check_cue_texts([word.text for word in words], cues, speaker_dash=speaker_dash)


def check_cue_texts(texts: Sequence[str], cues: Sequence[Cue], *, speaker_dash: str = "-") -> None:
    """:func:`check_cues` against the words' texts alone (a :class:`WordTable`'s ``texts``).

    Raises:
        FidelityError: as :func:`check_cues`.
    """
    dash = _squeeze(speaker_dash)
    expected = 0
    for cue_index, cue in enumerate(cues):
        for line_index, line in enumerate(cue.lines):
            where = {"cue_index": cue_index, "line_index": line_index}
            if line.stop <= line.first:
                raise FidelityError(
                    "empty", f"row spans no word [{line.first}, {line.stop})", **where
                )
            if line.stop > len(texts):
                raise FidelityError(
                    "unknown",
                    f"row spans words up to {line.stop - 1}, past the last word {len(texts) - 1}",
                    word_index=max(line.first, len(texts)),
                    **where,
                )
            if line.first < expected:
                raise FidelityError(
                    "duplicated",
                    "word written a second time",
                    word_index=line.first,
                    **where,
                )
            if line.first > expected:
                later = _covered_later(cues, cue_index, expected)
                raise FidelityError(
                    "reordered" if later else "missing",
                    "word written out of order" if later else "word missing from the output",
                    word_index=expected,
                    **where,
                )
            text = _squeeze(line.text)
            spoken = "".join(_squeeze(word) for word in texts[line.first : line.stop])
            if text != spoken and not (dash and text == dash + spoken):
                raise FidelityError(
                    "text",
                    f"row text {line.text!r} is not its words' text",
                    word_index=line.first,
                    **where,
                )
            expected = line.stop
    if expected < len(texts):
        raise FidelityError("missing", "word missing from the output", word_index=expected)


def check_cue_table(words: WordTable, table: CueTable) -> None:
    """:func:`check_cues` for cues as a table: they are cut from these very words, and their
    rows tile the words exactly. A table checks this when it is made; this check stands
    between the segmenter and the writer, so that a table changed since (a bug) writes
    nothing. Each row's text is made from its words' texts when it is written, so only the
    spans can go wrong.

    Raises:
        FidelityError: naming the first word lost, duplicated or unknown, or the empty row.
    """
    if table.words is not words:
        raise FidelityError("unknown", "the cues were cut from other words")
    rows = table.row_firsts
    count = len(words)
    tiled = bool(rows) and rows[0] == 0 and rows[-1] == count
    if tiled and all(map(operator.lt, rows, itertools.islice(rows, 1, None))):
        return  # the common case, in one pass at C speed; the loop below says where
    if not rows or rows[0] > 0:
        raise FidelityError("missing", "word missing from the output", word_index=0)
    for row in range(len(rows) - 1):
        first, stop = rows[row], rows[row + 1]
        cue = bisect.bisect_right(table.cue_rows, row) - 1
        where = {"cue_index": cue, "line_index": row - table.cue_rows[cue]}
        if first < 0 or stop > count:
            raise FidelityError(
                "unknown",
                f"row spans words [{first}, {stop}) of {count}",
                word_index=max(first, count) if stop > count else first,
                **where,
            )
        if stop == first:
            raise FidelityError("empty", f"row spans no word [{first}, {stop})", **where)
        if stop < first:
            # The next row starts back at `stop`: the words from there are written again.
            raise FidelityError(
                "duplicated", "word written a second time", word_index=stop, **where
            )
    raise FidelityError("missing", "word missing from the output", word_index=rows[-1])
