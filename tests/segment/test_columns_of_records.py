"""The layout columns walked straight from the kernel's records (:func:`cuecraft.segment.
python_steps.columns_of_records`, what the Python kernel runs) against the cue layouts they
replace (``spans_of(layouts_from_records(...))``) and the compiled walk."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.engine import layouts_from_records, spans_of
from cuecraft.segment.kernel import RECORD
from cuecraft.segment.python_steps import columns_of_records

KERNELS = [load_kernel(pure=True).cue_kernel, active_kernel().cue_kernel]


@st.composite
def records(draw: st.DrawFn) -> tuple[list[int], list[bool]]:
    """The records of a random layout of ``n`` words (cues of 1 to RECORD rows), with
    arbitrary values where no cue ends, and random speaker changes."""
    n = draw(st.integers(0, 40))
    record = draw(
        st.lists(st.integers(-1, n), min_size=(n + 1) * RECORD, max_size=(n + 1) * RECORD)
    )
    j = n
    while j > 0:
        first = draw(st.integers(max(0, j - 8), j - 1))
        inside = st.sets(st.integers(first + 1, j - 1), max_size=RECORD - 1)
        starts = sorted(draw(inside)) if first + 1 < j else []
        record[j * RECORD : (j + 1) * RECORD] = [first, *starts] + [-1] * (RECORD - 1 - len(starts))
        j = first
    change = draw(st.lists(st.booleans(), min_size=max(n - 1, 0), max_size=max(n - 1, 0)))
    return record, change


@given(records(), st.booleans())
@example(([], []), False)
@example(([-1] * RECORD, []), True)
@example(([-1] * 4 * RECORD + [0, 1, 2] + [-1] * (RECORD - 3), [True, False, True]), True)
def test_columns_are_those_of_the_layouts(drawn: tuple[list[int], list[bool]], dual: bool) -> None:
    record, change = drawn
    (row_firsts, cue_rows, dashes), cue_firsts = columns_of_records(record, change, dual, RECORD)
    expected = spans_of(layouts_from_records(record, change, dual))
    assert (row_firsts, cue_rows, dashes) == expected
    assert cue_firsts == [expected[0][row] for row in expected[1]]
    for kernel in KERNELS:
        if kernel.COMPILED and record:
            walked = kernel.columns_from_records(record, change, dual, RECORD)
            assert (list(walked[0]), list(walked[1]), walked[2]) == expected
            if not dual:
                # Without dash cues the changes are never read: the engine gives none.
                assert kernel.columns_from_records(record, (), dual, RECORD) == walked
