"""Whole-column passes over the cues of :func:`cuecraft.segment.segment_table` (each cue's
characters, its times from the cues' first words) against the formulations they replaced."""

from __future__ import annotations

import itertools
import operator
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from cuecraft.segment import _cue_chars
from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.linguistics import CHINESE, ENGLISH
from cuecraft.segment.rules import Rules
from cuecraft.segment.timing import time_cue_firsts, time_span_notes
from tests.segment.test_cue_kernel import RATES, cue_columns, timed_spans

KERNELS = [load_kernel(pure=True).cue_kernel, active_kernel().cue_kernel]


def _chars_per_part(
    texts: list[str], rows: list[int], cue_rows: list[int], dashes: bytes, sep: int, dash: int
) -> list[int]:
    # _cue_chars as it was: words, letters and rows per cue, then the characters.
    firsts = [rows[row] for row in cue_rows]
    lengths = [0, *itertools.accumulate(map(len, texts))]
    words = list(map(operator.sub, itertools.islice(firsts, 1, None), firsts))
    counts = list(map(operator.sub, itertools.islice(cue_rows, 1, None), cue_rows))
    spans = [lengths[first] for first in firsts]
    letters = map(operator.sub, itertools.islice(spans, 1, None), spans)
    gaps = map(operator.mul, map(operator.sub, words, counts), itertools.repeat(sep))
    chars = list(map(operator.add, letters, gaps))
    if dash and any(dashes):
        for cue in itertools.compress(itertools.count(), dashes):
            chars[cue] += dash * counts[cue]
    return chars


@st.composite
def layouts(draw: st.DrawFn) -> tuple[list[str], list[int], list[int], bytes]:
    texts = draw(st.lists(st.text(alphabet="ab-é文", min_size=1, max_size=6), min_size=1))
    count = len(texts)
    inside = draw(st.sets(st.integers(1, count - 1), max_size=count - 1)) if count > 1 else set()
    rows = [0, *sorted(inside), count]
    row_count = len(rows) - 1
    cuts = draw(st.sets(st.integers(1, row_count - 1))) if row_count > 1 else set()
    cue_rows = [0, *sorted(cuts), row_count]
    dashes = bytes(draw(st.lists(st.booleans(), min_size=len(cue_rows) - 1)))
    return texts, rows, cue_rows, dashes[: len(cue_rows) - 1]


@given(layouts(), st.sampled_from([ENGLISH, CHINESE]), st.sampled_from(["-", "- ", "— "]))
def test_cue_characters_are_those_of_words_and_rows(
    layout: tuple[list[str], list[int], list[int], bytes], language: Any, dash: str
) -> None:
    texts, rows, cue_rows, dashes = layout
    rules = Rules(speaker_dash=dash)
    cue_firsts = [rows[row] for row in cue_rows]
    expected = _chars_per_part(
        texts, rows, cue_rows, dashes, len(language.separator), len(rules.speaker_dash)
    )
    assert _cue_chars(texts, cue_firsts, cue_rows, dashes, language, rules) == expected


@given(
    timed=timed_spans(),
    data=st.data(),
    fps=st.sampled_from(RATES),
    gap=st.sampled_from([0, 83]),
    minimum=st.sampled_from([0, 833, 5000]),
    cps=st.sampled_from([5.0, 17.0]),
)
def test_cue_times_from_first_words_are_those_from_spans(
    timed: tuple[list[int], list[int], list[tuple[int, int]]],
    data: st.DataObject,
    fps: float | None,
    gap: int,
    minimum: int,
    cps: float,
) -> None:
    starts, ends, spans = timed
    chars, rows = cue_columns(data, len(spans))
    assume(minimum <= 4000)
    rules = Rules(
        frame_rate=fps,
        min_gap_ms=gap,
        min_duration_ms=minimum,
        max_chars_per_second=cps,
        max_rows=4,
    )
    cue_firsts = [first for first, _ in spans] + [spans[-1][1]]
    for kernel in KERNELS:
        expected = time_span_notes(starts, ends, spans, chars, rows, rules, kernel=kernel)
        found = time_cue_firsts(starts, ends, cue_firsts, chars, rows, rules, kernel=kernel)
        assert found[:2] == expected[:2]
        assert list(found[2]) == list(expected[2])
