"""Cues of three and four rows (#14: CEA-608 captions show up to 4 rows of 32 characters).

The row layout of a cue of three rows or more is searched by
:class:`~cuecraft.segment.rowsplit.RowSplitter`; here it is compared with an exhaustive
search written from :mod:`cuecraft.segment.scoring` alone, and the whole engine with four rows
is held to the invariants of ``test_engine``.
"""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft.model import Transcript, Word
from cuecraft.segment import Rules, segment, segment_with_report
from cuecraft.segment.boundaries import BoundaryFacts
from cuecraft.segment.rowsplit import RowSplitter
from cuecraft.segment.scoring import Weights, orphan_cost, shape_cost
from cuecraft.segment.tables import MAX_ROWS, Tables, build_tables, limits_for
from tests.segment.test_engine import check_invariants
from tests.strategies import segment_rules, transcripts

_DELTAS = st.sampled_from([-5.0, -0.3, 0.0, 0.3, 0.8, 1.5, 2.9, 6.4, 100.0])


def _timed(texts: list[str] | str, step: int = 400) -> Transcript:
    if isinstance(texts, str):
        texts = texts.split()
    words = tuple(
        Word(text=text, start_ms=index * step, end_ms=index * step + step - 50)
        for index, text in enumerate(texts)
    )
    return Transcript(words=words, language="en")


def _reference(
    tables: Tables, i: int, j: int, rows: int, label: int, row_chars: int, weights: Weights
) -> tuple[float, tuple[int, ...]]:
    """Every split of words [i, j) into ``rows`` fitting rows, costed with scoring's own
    functions; the first cheapest in order of the row starts."""
    best: tuple[float, tuple[int, ...]] = (float("inf"), ())
    for starts in itertools.combinations(range(i + 1, j), rows - 1):
        bounds = (i, *starts, j)
        lengths = [
            tables.prefix[stop] - tables.prefix[first] - 1
            for first, stop in itertools.pairwise(bounds)
        ]
        lengths[0] += label
        if max(lengths) > row_chars:
            continue
        counts = tuple(stop - first for first, stop in itertools.pairwise(bounds))
        extra = sum(tables.delta[k - 1] for k in starts)
        extra += shape_cost(tuple(lengths), row_chars, weights)
        extra += orphan_cost(counts, weights)
        if extra < best[0]:
            best = (extra, starts)
    return best


def _splitter_case(
    widths: list[int], line_end: list[float], row_chars: int, weights: Weights
) -> tuple[Tables, RowSplitter]:
    n = len(widths)
    facts = BoundaryFacts(
        cue_end=[0.0] * (n - 1),
        line_end=line_end,
        keep=[0.0] * (n - 1),
        forced=[False] * (n - 1),
        change=[False] * (n - 1),
    )
    limits = limits_for(Rules(max_chars_per_row=row_chars, max_rows=4), weights, " ")
    tables = build_tables(widths, [0] * n, [0] * n, facts, limits)
    return tables, RowSplitter(tables, limits)


_WEIGHTS = st.builds(
    Weights,
    balance=st.sampled_from([0.0, 1.5, 4.0]),
    pyramid=st.sampled_from([0.0, 0.2, 1.0]),
    orphan=st.sampled_from([-1.0, 0.0, 1.5, 6.0]),
)


@given(
    widths=st.one_of(
        st.lists(st.integers(min_value=1, max_value=12), min_size=3, max_size=24),
        # Words all alike: many layouts cost the same, and the first must win.
        st.builds(lambda width, count: [width] * count, st.integers(1, 4), st.integers(3, 40)),
    ),
    data=st.data(),
    rows=st.sampled_from([2, 3, 4]),
    row_chars=st.integers(min_value=12, max_value=40),
    label=st.sampled_from([0, 0, 4]),
    weights=_WEIGHTS,
)
@example(widths=[1] * 27, data=None, rows=3, row_chars=32, label=0, weights=Weights())
def test_row_split_is_the_first_cheapest_of_every_split(
    widths: list[int],
    data: st.DataObject | None,
    rows: int,
    row_chars: int,
    label: int,
    weights: Weights,
) -> None:
    n = len(widths)
    if data is None:  # the example: every break costs the same
        line_end = [6.2] * (n - 1)
    else:
        uniform = data.draw(st.one_of(st.none(), _DELTAS))
        line_end = (
            [uniform] * (n - 1)
            if uniform is not None
            else data.draw(st.lists(_DELTAS, min_size=n - 1, max_size=n - 1))
        )
    tables, splitter = _splitter_case(widths, line_end, row_chars, weights)
    for i, j in itertools.combinations(range(n + 1), 2):
        if not rows <= j - i <= 18:  # longer cues: the reference would take too long
            continue
        extra, *starts = splitter.best(i, j, rows, label)
        expected_extra, expected_starts = _reference(tables, i, j, rows, label, row_chars, weights)
        assert extra == expected_extra, (i, j)
        if expected_starts:
            assert tuple(starts[: rows - 1]) == expected_starts, (i, j)
            assert starts[rows - 1 :] == [-1] * (MAX_ROWS - rows)
        # With a bound to beat (the best the recurrence knows), the answer is the same
        # whenever the cheapest layout beats it, and loses to it otherwise.
        if expected_extra < float("inf"):
            for cost, bound in ((1.0, 1.0 + expected_extra + 0.5), (1.0, 1.0 + expected_extra)):
                bounded_extra, *bounded = splitter.best(i, j, rows, label, cost, bound)
                if cost + expected_extra < bound:
                    assert (bounded_extra, *bounded) == (extra, *starts), (i, j)
                else:
                    assert cost + bounded_extra >= bound, (i, j)


def test_rules_allow_as_many_rows_as_the_kernel_records() -> None:
    assert Rules(max_rows=MAX_ROWS).max_rows == MAX_ROWS


def test_four_balanced_rows_of_a_cea608_caption() -> None:
    # 16 words of 7 letters: 127 characters, too many for three 32-column rows. With no
    # better place to break, four rows of four words (31 characters each) balance best.
    transcript = _timed(["abcdefg"] * 16)
    rules = Rules(max_chars_per_row=32, max_rows=4, max_row_seconds=None, max_chars_per_second=40.0)
    result = segment_with_report(transcript, rules)
    check_invariants(transcript, rules, result)
    assert [[len(line.text) for line in cue.lines] for cue in result.cues] == [[31, 31, 31, 31]]


def test_four_rows_break_where_the_language_does() -> None:
    text = (
        "When the storm came in over the hills last night, we closed the shutters, "
        "brought the animals into the barn and waited for morning."
    )
    transcript = _timed(text, step=200)
    rules = Rules(max_chars_per_row=32, max_rows=4, max_row_seconds=None)
    cues = segment(transcript, rules)
    assert max(len(cue.lines) for cue in cues) >= 3
    for cue in cues:
        for line in cue.lines:
            assert len(line.text) <= 32
            assert line.text.split()[-1] not in {"the", "over", "into", "for", "and", "we"}


def test_four_rows_only_when_the_text_needs_them() -> None:
    # Netflix GR §4: the fewest rows the text fits in. Four rows allowed change nothing for
    # text that two rows hold.
    transcript = _timed("I ignored my boss's warning, and then I left early.")
    two = segment(transcript, Rules(max_chars_per_row=32))
    four = segment(transcript, Rules(max_chars_per_row=32, max_rows=4))
    assert [cue.lines for cue in four] == [cue.lines for cue in two]


def test_per_row_screen_time_can_ask_for_four_rows() -> None:
    # 6.4 s of speech in one sentence of 63 characters: at 1.7 s per row it needs four rows
    # (or several cues), never a cue held longer than its rows allow.
    transcript = _timed("we walked along the quiet river until the sun went down", 640)
    rules = Rules(max_chars_per_row=32, max_rows=4, max_row_seconds=1.7, max_duration_ms=7000)
    result = segment_with_report(transcript, rules)
    check_invariants(transcript, rules, result)
    for cue in result.cues:
        words = transcript.words[cue.first : cue.stop]
        assert words[-1].end_ms - words[0].start_ms <= 1700 * len(cue.lines)


@given(transcripts(), segment_rules(), st.sampled_from([3, 4]), st.sampled_from([32, 20, 42]))
def test_properties_hold_with_three_and_four_rows(
    transcript: Transcript, drawn: Rules, rows: int, row_chars: int
) -> None:
    fields = drawn.model_dump(exclude_unset=True)
    fields.update(max_rows=rows, max_chars_per_row=row_chars)
    rules = Rules(**fields)
    result = segment_with_report(transcript, rules)
    check_invariants(transcript, rules, result)
    assert all(len(cue.lines) <= rows for cue in result.cues)


@given(transcripts(max_words=40), st.sampled_from(["prefix", "chevrons", "actor", "dash"]))
def test_four_rows_with_speaker_labels_keep_every_limit(transcript: Transcript, mode: str) -> None:
    rules = Rules(max_chars_per_row=32, max_rows=4, row_labels=mode)
    result = segment_with_report(transcript, rules)
    check_invariants(transcript, rules, result)
