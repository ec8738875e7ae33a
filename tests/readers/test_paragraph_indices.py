"""``paragraph_indices``: the first word at or after each paragraph start, compared in whole
milliseconds rounded as :func:`cuecraft.timing.seconds_to_ms` rounds; its C-speed conversion
of the word starts (issue #12) must give what one ``seconds_to_ms`` call per word gives."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given
from hypothesis import strategies as st

from cuecraft.readers._vendor import _rounded_ms, paragraph_indices
from cuecraft.timing import seconds_to_ms


def _reference(word_starts: Sequence[float], starts: Sequence[float], scale: float) -> list[int]:
    """The definition, one word at a time."""
    word_ms = [seconds_to_ms(start * scale) for start in word_starts]
    found: list[int] = []
    cursor = 0
    for start in sorted(starts):
        start_ms = seconds_to_ms(start * scale)
        while cursor < len(word_ms) and word_ms[cursor] < start_ms:
            cursor += 1
        if cursor == len(word_ms):
            break
        found.append(cursor)
        cursor += 1
    return found


# Halves of a millisecond and their neighbours are where rounding shows.
_SECONDS = st.one_of(
    st.floats(0, 4000, allow_nan=False),
    st.integers(0, 4_000_000).map(lambda half_ms: half_ms / 2000),
    st.integers(0, 4_000_000).map(lambda half_ms: half_ms / 2000 + 1e-12),
    st.integers(1, 4_000_000).map(lambda half_ms: half_ms / 2000 - 1e-12),
    st.integers(0, 4000),
)
_MILLISECONDS = st.one_of(
    st.integers(0, 2**52), st.floats(0, 4e6, allow_nan=False), st.just(0.5), st.just(2.5)
)


@given(st.lists(_SECONDS, max_size=40).map(sorted), st.lists(_SECONDS, max_size=6))
def test_seconds_round_as_seconds_to_ms(words: list[float], starts: list[float]) -> None:
    assert list(paragraph_indices(words, starts)) == _reference(words, starts, 1.0)


@given(st.lists(_MILLISECONDS, max_size=40).map(sorted), st.lists(_MILLISECONDS, max_size=6))
def test_milliseconds_round_as_seconds_to_ms(words: list[float], starts: list[float]) -> None:
    found = paragraph_indices(words, starts, unit="ms")
    assert list(found) == _reference(words, starts, 0.001)


@given(st.lists(_SECONDS, max_size=60))
def test_word_starts_convert_as_seconds_to_ms(words: list[float]) -> None:
    assert list(_rounded_ms(words, 1.0)) == [seconds_to_ms(start) for start in words]


@given(st.lists(_MILLISECONDS, max_size=60))
def test_word_starts_in_ms_convert_as_seconds_to_ms(words: list[float]) -> None:
    assert list(_rounded_ms(words, 0.001)) == [seconds_to_ms(start * 0.001) for start in words]


def test_a_word_at_half_a_millisecond_rounds_up() -> None:
    # 0.0005 s is 0.5 ms: seconds_to_ms gives 1 ms, so a paragraph at 1 ms starts there.
    assert paragraph_indices([0.0, 0.0005], [0.001]) == [1]
