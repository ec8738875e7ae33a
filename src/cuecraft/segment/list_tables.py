"""The loops of :mod:`cuecraft.segment.tables` as whole-list passes, for the Python kernel.

Run as Python (no C compiler built the kernel), the tables' per-word loops were a tenth of a
100k-word conversion. Each function here gives the list its loop in ``tables`` gives, to the
bit (the same float operations in the same order), with C-speed list operations instead:
``map``, ``itertools.accumulate``, ``collections.Counter``, or, where a loop remains, fewer
operations per step. Compiled, ``tables`` never calls them. ``tests/segment/test_list_tables.py``
compares each one with its loop.

The row widths are display widths, never negative, so the prefix sums never decrease: that
is what lets :func:`bottom_start` count rows instead of moving pointers.
"""

from __future__ import annotations

import itertools
import math
import operator
from collections import Counter
from collections.abc import Sequence
from itertools import compress, islice, repeat

__all__ = ["bottom_start", "caps", "keep_and_delta", "next_change", "prefix", "top_end"]


def prefix(widths: Sequence[int], sep: int) -> list[int]:
    """``tables._prefix``: the width of words ``[0, k)`` plus one separator after each."""
    return list(itertools.accumulate(map(operator.add, widths, repeat(sep)), initial=0))


def keep_and_delta(
    keep: Sequence[float], line_end: Sequence[float]
) -> tuple[list[float], list[float], float]:
    """``tables._keep_and_delta``: the running sum of the keep costs (from 0.0, one addition
    per boundary, as the loop adds them), ``line_end - keep`` and the lowest of those or 0."""
    sums = list(itertools.accumulate(keep, initial=0.0))
    sums.append(sums[-1])
    delta = list(map(operator.sub, line_end, keep))
    # min() keeps its first item and replaces it only by a smaller one, as the loop does
    # with `lowest` from 0.0 (so NaN and -0.0 come out the same too).
    lowest: float = min(itertools.chain((0.0,), delta))
    return sums, delta, lowest


def next_change(change: Sequence[int]) -> list[int]:
    """``tables._next_change``: the first change boundary at or after each word, else
    ``n - 1``; filled a run of words at a time (changes are a few in a hundred)."""
    n = len(change) + 1
    out = [n - 1] * n
    start = 0
    for b in compress(range(n - 1), change):
        out[start : b + 1] = [b] * (b + 1 - start)
        start = b + 1
    return out


def top_end(
    prefix: Sequence[int], sep: int, row_chars: int, labels: Sequence[int] | None
) -> list[int]:
    """``tables._top_end``: for each word ``i``, the largest ``k`` (at least ``i + 1``) with
    ``prefix[k] - prefix[i] - sep (+ its label) <= row_chars``. The same two pointers, with
    a sentinel at the end of the text instead of a bound check at every step."""
    n = len(prefix) - 1
    reach = sep + row_chars
    following: list[float] = list(islice(prefix, 1, None))  # following[k]: prefix[k + 1]
    following.append(math.inf)  # no text fits past the end
    out: list[int] = []
    append = out.append
    k = 0
    for i, base in enumerate(islice(prefix, n)):
        if k <= i:
            k = i + 1
        limit = base + reach
        while following[k] <= limit:
            k += 1
        append(k)
    if labels is not None:
        # A label shortens its own row only: scan those rows alone.
        for i in compress(range(n), labels):
            end = i + 1
            limit = prefix[i] + reach - labels[i]
            while following[end] <= limit:
                end += 1
            out[i] = end
    return out


def bottom_start(top_end: Sequence[int]) -> list[int]:
    """``tables._bottom_start`` from ``tables._top_end`` (no labels) of the same prefix sums:
    the smallest ``k`` whose row reaches word ``j - 1`` (``top_end[k] >= j``), which, as
    ``top_end`` never decreases, is how many rows stop short of it (index 0 is 0).

    ``top_end[k] >= j`` holds exactly where the loop stops: ``prefix[j] - prefix[k] - sep
    <= row_chars``, or ``k = j - 1``."""
    n = len(top_end)
    stops = Counter(top_end)
    return list(itertools.accumulate(map(stops.get, range(n), repeat(0)), initial=0))


def caps(
    widths: Sequence[int],
    alone: Sequence[int],
    forced: Sequence[bool],
    change: Sequence[int],
    word_limit: int,
) -> list[int]:
    """``tables._caps``: for each word ``i``, the first stop after it (a forced boundary's
    next word, a word too long to share a cue, or ``n``), or just after the second speaker
    change from it if that comes first; ``i + 1`` for a word too long to share a cue.
    Filled a run of words at a time: stops and changes are a few in a hundred words."""
    n = len(widths)
    too_long = list(
        compress(range(n), map(operator.gt, map(operator.add, widths, alone), repeat(word_limit)))
    )
    stops = {b + 1 for b in compress(range(n - 1), forced)}
    stops.update(too_long)
    out: list[int] = []
    for stop in sorted(stops):
        out += [stop] * (stop - len(out))  # the words from the previous stop up to this one
    out += [n] * (n - len(out))
    changes = list(compress(range(n - 1), change))
    start = 0
    for first, second in itertools.pairwise(changes):
        # Words start..first have `first` as their first change and `second` as the next.
        out[start : first + 1] = map(min, out[start : first + 1], repeat(second + 1))
        start = first + 1
    for word in too_long:
        out[word] = word + 1
    return out
