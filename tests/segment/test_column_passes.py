"""The typed passes the boundary facts use when compiled (:func:`cuecraft._column_kernel.
where` for the words to look at again, :func:`~cuecraft._column_kernel.changes` for the
speaker changes) against the whole-list operations they replace."""

from __future__ import annotations

import itertools
import operator
from array import array

from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft._compiled import load_module

KERNELS = [
    load_module("cuecraft._column_kernel", pure=True),
    load_module("cuecraft._column_kernel", pure=False),
]
WORDS = st.sampled_from(["(", "the", "No.", "♪", "", "Zoë"])


@given(st.lists(WORDS, max_size=30), st.sets(WORDS))
@example(["the"] * 5, {"the"})
def test_where_finds_the_chosen_words(texts: list[str], chosen: set[str]) -> None:
    expected = list(itertools.compress(range(len(texts)), map(chosen.__contains__, texts)))
    for kernel in KERNELS:
        assert kernel.where(texts, chosen) == expected
        assert kernel.where(texts, frozenset(chosen)) == expected


@given(st.lists(st.sampled_from(["A", "B", None, "spk_1"]), max_size=30))
@example(["A", "A", None, None, "A"])
def test_changes_are_where_neighbours_differ(speakers: list[str | None]) -> None:
    differs = map(operator.ne, speakers, itertools.islice(speakers, 1, None))
    expected = list(itertools.compress(itertools.count(), differs))
    for kernel in KERNELS:
        assert kernel.changes(speakers) == expected


@given(st.lists(st.text(max_size=8), max_size=30))
def test_length_sums_are_the_running_lengths(texts: list[str]) -> None:
    expected = [0, *itertools.accumulate(map(len, texts))]
    for kernel in KERNELS:
        assert list(kernel.length_sums(texts)) == expected


@given(st.lists(st.tuples(st.integers(0, 2**62), st.integers(0, 2**62)), max_size=30))
@example([(0, 2**62), (2**62, 0)])
def test_gaps_are_the_silences_after_each_word(times: list[tuple[int, int]]) -> None:
    starts, ends = array("q", [s for s, _ in times]), array("q", [e for _, e in times])
    expected = list(map(operator.sub, itertools.islice(starts, 1, None), ends))
    for kernel in KERNELS:
        assert kernel.gaps(starts, ends) == expected


def test_gaps_of_negative_times_are_left_to_python() -> None:
    # From below 0 a difference could overflow 64 bits: the caller subtracts Python ints.
    for kernel in KERNELS:
        assert kernel.gaps(array("q", [0, -(2**63)]), array("q", [2**63 - 1, 0])) is None
