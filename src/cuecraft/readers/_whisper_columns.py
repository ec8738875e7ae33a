"""Word pieces glued as columns: the Whisper reader's fast path (issue #12) mirrors its careful
path's gluing of an entry without a leading space to the one before (whisper.cpp's tokens,
and real openai-whisper output too: Catalan elisions and clitics come as entries of their
own, ``" l"`` + ``"'esquelet"``, ``" fer"`` + ``"-los"``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from itertools import compress
from operator import itemgetter, not_
from typing import Any

from cuecraft.readers._vendor import MAX_SECONDS

__all__ = ["glue", "glued_entries", "unglued_index"]


def glued_entries(texts: list[str], firsts: list[int], group_of: list[int]) -> list[int]:
    """The indices (ascending) of the entries the careful path glues to the entry before: in
    a segment where at least half of the entries after the first have a leading space, each
    later one without. Judged for non-blank texts only (the careful path leaves blank entries
    out of the count): the caller refuses the others."""
    # The entries without a leading space, found with C-level maps (a Python loop over every
    # word cost a sixth of the fast path); then those that are not a segment's first.
    spaced = map(str.isspace, map(itemgetter(slice(0, 1)), texts))
    first = set(firsts)
    bare = [index for index in compress(range(len(texts)), map(not_, spaced)) if index not in first]
    if not bare:
        return []
    counts = Counter(group_of[index] for index in bare)
    sizes = Counter(group_of)
    gluing = {group for group, count in counts.items() if 2 * count <= sizes[group] - 1}
    return [index for index in bare if group_of[index] in gluing]


def glue(
    columns: list[list[Any]], firsts: list[int], glued: list[int]
) -> tuple[list[list[Any]], list[int]] | None:
    """The columns (texts, starts, ends, confidences) with each run of ``glued`` entries
    merged into the entry before it, as :func:`cuecraft.readers._vendor.merge` does (texts
    stripped and joined, the latest end, the lowest confidence), and the paragraph starts
    renumbered; None when a value in a merged run is not one the careful path accepts (it
    validates every entry, glued or not, before it merges)."""
    texts, starts, ends, confidences = (list(column) for column in columns)
    runs: list[tuple[int, int]] = []  # (the entry glued into, the run's stop)
    for index in glued:
        if runs and runs[-1][1] == index:
            runs[-1] = (runs[-1][0], index + 1)
        else:
            runs.append((index - 1, index + 1))
    for target, stop in runs:
        run = range(target, stop)
        if not all(_seconds(starts[i]) and _seconds(ends[i]) for i in run):
            return None
        given = [confidences[i] for i in run if confidences[i] is not None]
        if not all(_confidence(value) for value in given):
            return None
        texts[target] = "".join(texts[i].strip() for i in run)
        ends[target] = max(ends[i] for i in run)
        confidences[target] = min(given) if given else None
    keep = bytearray(b"\x01") * len(texts)
    for index in glued:
        keep[index] = 0
    merged = [list(compress(column, keep)) for column in (texts, starts, ends, confidences)]
    # A glued entry is never a segment's first: each first moves back by the glued before it.
    return merged, [index - bisect_left(glued, index) for index in firsts]


def unglued_index(index: int, glued: list[int]) -> int:
    """The index before gluing of the entry at ``index`` after it."""
    for entry in glued:
        if entry > index:
            break
        index += 1
    return index


# The careful path's Seconds and Confidence: a number (not a bool) in range, so not NaN nor
# infinite; compared, not converted, so that a huge integer cannot overflow.
def _seconds(value: Any) -> bool:
    return type(value) in (int, float) and 0 <= value <= MAX_SECONDS


def _confidence(value: Any) -> bool:
    return type(value) in (int, float) and 0 <= value <= 1
