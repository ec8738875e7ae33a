"""The boundary classes by distinct word pairs (:func:`cuecraft.segment.boundary_kernel.
classify_pairs`, what the Python kernel runs) against the per-boundary loop
(:func:`~cuecraft.segment.boundary_kernel.classify_codes`, what the compiled one runs)."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft.segment.compiled import active_kernel, load_kernel
from cuecraft.segment.linguistics import Boundary
from tests.segment.test_boundary_kernel import FLAGS, word_codes

KERNELS = [load_kernel(pure=True).boundary_kernel, active_kernel().boundary_kernel]
PURE = KERNELS[0]


@st.composite
def transcripts_of_codes(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    """Word codes from a small vocabulary (as in a transcript: few distinct codes, many
    words, so that the pairs are used), and modal flags now and then."""
    vocabulary = draw(st.lists(word_codes(), min_size=1, max_size=4))
    size = draw(st.integers(0, 120))  # often past 3 * distinct², where pairs are used
    codes = draw(st.lists(st.sampled_from(vocabulary), min_size=size, max_size=size))
    count = max(len(codes) - 1, 0)
    modal = draw(
        st.one_of(
            st.just([]),
            st.lists(st.sampled_from([0, 0, 0, 1]), min_size=count, max_size=count),
        )
    )
    return codes, modal


FILLER = PURE.pack(
    PURE.NONE,
    PURE.NONE,
    PURE.NONE,
    **dict.fromkeys(
        (
            "capitalised",
            "determiner",
            "quantifier",
            "particle",
            "have",
            "to",
            "number_abbreviation",
            "starts_with_digit",
        ),
        False,
    ),
    filler=True,
)
THE = PURE.pack(
    PURE.NONE,
    PURE.NONE,
    int(Boundary.BEFORE_PHRASE),
    **dict.fromkeys(
        (
            "capitalised",
            "quantifier",
            "particle",
            "filler",
            "have",
            "to",
            "number_abbreviation",
            "starts_with_digit",
        ),
        False,
    ),
    determiner=True,
)

PLAIN = PURE.pack(PURE.NONE, PURE.NONE, PURE.NONE, **dict.fromkeys(FLAGS, False))


@given(transcripts_of_codes())
@example(([THE, FILLER, FILLER, THE] * 10, []))  # "the um uh the ...": fillers in a row
@example(([THE, FILLER] * 10, [0, 1] * 9 + [1]))  # a modal flag on the last boundary
@example(([PLAIN] * 20, [1] + [0] * 18))  # "tengo | que | ir": both boundaries
def test_pairs_classify_as_the_loop(drawn: tuple[list[int], list[int]]) -> None:
    codes, modal = drawn
    expected = list(PURE.classify_codes(codes, modal))
    for kernel in KERNELS:
        assert list(kernel.classify_pairs(codes, modal)) == expected
