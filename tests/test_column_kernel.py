"""The compiled column checks (:mod:`cuecraft._column_kernel`) answer as the whole-column
Python they replace in the readers' column pass and :class:`~cuecraft.columns.WordTable`
(#12): the same times, the same None, the same verdict on order, on drawn columns.

Each check runs three ways: compiled (where the extension is built), the kernel's own loops
run as Python, and the whole-column Python the callers use when the kernel is not compiled.
"""

from __future__ import annotations

import itertools
import math
from array import array
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cuecraft
from cuecraft._compiled import is_extension, load_module, pure_python_requested
from cuecraft.columns import COLUMN_KERNEL, WordTable, _known, _nonempty_strings, in_order
from cuecraft.errors import ModelError
from cuecraft.readers._assemble import Interned, interned
from cuecraft.readers._column_pass import _plain_times, nonblank_texts
from cuecraft.readers.words import _word_columns

PURE = load_module("cuecraft._column_kernel", pure=True)
BUILT = load_module("cuecraft._column_kernel", pure=False)
# The kernel's loops run as Python: what the compiled module runs, readable by coverage
# (the callers take the whole-column Python for a kernel that says it is not compiled).
PURE_LOOPS: Any = SimpleNamespace(
    COMPILED=True,
    times_ms=PURE.times_ms,
    in_order=PURE.in_order,
    dict_columns=PURE.dict_columns,
    lookup=PURE.lookup,
    interned=PURE.interned,
    nonblank_texts=PURE.nonblank_texts,
    nonempty_strings=PURE.nonempty_strings,
    known=PURE.known,
)
KERNELS = [pytest.param(PURE_LOOPS, id="python-loops")]
if BUILT.COMPILED:
    KERNELS.append(pytest.param(BUILT, id="compiled"))
# The whole-column Python of the callers: the answer both kernels must give.
REFERENCE: Any = SimpleNamespace(COMPILED=False)


class _Float(float):
    """A float subclass: not plain, in the kernel as in the Python (``type(v) is float``)."""


times = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0.0, max_value=2e6),
    st.integers(min_value=-10, max_value=10**30),
    st.integers(min_value=0, max_value=10**7),
    st.booleans(),
    st.none(),
    st.text(max_size=2),
    st.builds(_Float, st.floats(min_value=0.0, max_value=100.0)),
)


def test_the_kernel_loads_compiled_where_built_and_as_python_on_request() -> None:
    assert PURE.COMPILED is False
    assert not is_extension(PURE)
    assert BUILT.COMPILED is is_extension(BUILT)
    assert COLUMN_KERNEL.COMPILED is (BUILT.COMPILED and not pure_python_requested())


@pytest.mark.parametrize("kernel", KERNELS)
@given(values=st.lists(times, min_size=1, max_size=30), unit=st.sampled_from(["s", "ms"]))
def test_times_are_those_of_the_whole_column_python(
    kernel: Any, values: list[Any], unit: str
) -> None:
    expected = _plain_times(values, unit, kernel=REFERENCE)
    assert _plain_times(values, unit, kernel=kernel) == expected


@pytest.mark.parametrize("kernel", KERNELS)
@given(values=st.lists(st.floats(min_value=0.0, max_value=1e6), min_size=1, max_size=30))
def test_plain_times_are_rounded_half_up_to_the_ms(kernel: Any, values: list[float]) -> None:
    got = _plain_times(values, "s", kernel=kernel)
    assert got is not None
    assert list(got) == [math.floor(value * 1000.0 + 0.5) for value in values]


@pytest.mark.parametrize("kernel", KERNELS)
@pytest.mark.parametrize(
    "bad", [-0.001, math.nan, math.inf, True, "1.0", None, 10**12, _Float(1.0)]
)
def test_one_value_that_is_not_a_plain_time_refuses_the_column(kernel: Any, bad: Any) -> None:
    assert _plain_times([0.5, bad, 1.0], "s", kernel=kernel) is None
    assert _plain_times([0.5, 1.0], "s", kernel=kernel) == array("q", [500, 1000])


@pytest.mark.parametrize("kernel", KERNELS)
def test_an_int_too_large_for_a_float_is_no_plain_time(kernel: Any) -> None:
    # Left to the careful path, which refuses it with its pointer (the compiled loop raises
    # OverflowError converting it, as Python's float() does).
    assert _plain_times([1, 10**400], "ms", kernel=REFERENCE) is None
    assert _plain_times([1, 10**400], "ms", kernel=kernel) is None


@pytest.mark.parametrize("kernel", KERNELS)
@given(
    steps=st.lists(st.integers(-50, 400), max_size=30),
    lengths=st.lists(st.integers(-30, 500), max_size=30),
)
def test_order_is_judged_as_the_whole_column_python_does(
    kernel: Any, steps: list[int], lengths: list[int]
) -> None:
    count = min(len(steps), len(lengths))
    starts = array("q", itertools.accumulate(steps[:count], initial=1000))[1:]
    ends = array("q", [start + length for start, length in zip(starts, lengths, strict=False)])
    expected = in_order(starts, ends, kernel=REFERENCE)
    assert expected == (
        all(end >= start for start, end in zip(starts, ends, strict=True))
        and list(starts) == sorted(starts)
    )
    assert in_order(starts, ends, kernel=kernel) is expected
    # Lists (a table built by hand) are judged by the Python whatever the kernel.
    assert in_order(list(starts), list(ends), kernel=kernel) is expected
    assert kernel.in_order(starts, ends) is expected


class _Dict(dict[str, Any]):
    """A dict subclass: the column pass takes only plain dicts (it is the careful path's)."""


keys = st.sampled_from(["text", "start", "end", "speaker", "confidence", "other"])
word_objects = st.one_of(
    st.dictionaries(keys, st.one_of(st.none(), st.integers(0, 9), st.text(max_size=2))),
    st.fixed_dictionaries(
        {"text": st.text(max_size=3), "start": st.floats(0, 9), "end": st.floats(0, 9)},
        optional={"speaker": st.none() | st.text(max_size=2), "confidence": st.floats(0, 1)},
    ),
    st.builds(_Dict, st.fixed_dictionaries({"text": st.just("a"), "start": st.just(0)})),
    st.lists(st.integers(), max_size=2),
    st.none(),
)


@pytest.mark.parametrize("kernel", KERNELS)
@given(words=st.lists(word_objects, min_size=1, max_size=12))
def test_word_columns_are_those_of_the_whole_column_python(kernel: Any, words: list[Any]) -> None:
    expected = _word_columns(words, kernel=REFERENCE)
    assert _word_columns(words, kernel=kernel) == expected


def test_a_word_table_out_of_order_names_the_word_whichever_check_runs() -> None:
    texts = ["a", "b", "c"]
    with pytest.raises(ModelError, match=r"word 2 \('c'\) starts at 5 ms"):
        WordTable(texts, array("q", [0, 10, 5]), array("q", [10, 20, 30]))
    with pytest.raises(ModelError, match=r"word 1 \('b'\) ends at 5 ms, before its start"):
        WordTable(texts, array("q", [0, 10, 20]), array("q", [10, 5, 30]))


def test_a_word_list_loads_its_times_confidences_and_speakers() -> None:
    doc = {
        "words": [
            {"text": "Hello", "start": 0.1, "end": 0.4, "speaker": "A", "confidence": 0.9},
            {"text": "there.", "start": 0.4, "end": 0.9, "speaker": "A"},
            {"text": "Hi", "start": 1.2004, "end": 1.5, "speaker": "B", "confidence": 1},
        ]
    }
    loaded = cuecraft.load(doc, format="words")
    assert [(w.text, w.start_ms, w.end_ms, w.speaker) for w in loaded.words] == [
        ("Hello", 100, 400, "A"),
        ("there.", 400, 900, "A"),
        ("Hi", 1200, 1500, "B"),
    ]
    assert [w.confidence for w in loaded.words] == [0.9, None, 1.0]


@pytest.mark.parametrize("kernel", KERNELS)
@given(keys=st.lists(st.sampled_from(["a", "b", "No.", "é", 7, None]), max_size=40))
def test_lookup_gives_the_table_value_of_every_key(kernel: Any, keys: list[Any]) -> None:
    table = {"a": 0, "b": -3, "No.": 2**62, "é": 5, 7: 1, None: 9}
    got = kernel.lookup(keys, table)
    assert isinstance(got, array)
    assert got.typecode == "q"
    assert list(got) == list(map(table.__getitem__, keys))


@pytest.mark.parametrize("kernel", KERNELS)
def test_lookup_of_a_missing_key_raises_key_error(kernel: Any) -> None:
    with pytest.raises(KeyError):
        kernel.lookup(["a", "z"], {"a": 1})


def _copied(text: str) -> str:
    """An equal string that is another object (a decoder makes one per word)."""
    return (text + "!")[:-1]


class _Str(str):
    """A str subclass: not a plain text, in the kernel as in the Python."""


# Equal values of other types (1, 1.0, True) and equal strings that are other objects.
labels = st.one_of(
    st.sampled_from(["a", "b", "", None, 1, 1.0, True, 0, False, "No."]),
    st.text(max_size=3).map(_copied),
)


def _shape(column: Interned) -> tuple[list[tuple[type, Any]], list[tuple[type, Any]], list[int]]:
    """The values and the distinct values with their types, and which distinct object each
    value is: what two interned columns must share."""
    objects = [id(value) for value in column.distinct]
    return (
        [(type(value), value) for value in column.values],
        [(type(value), value) for value in column.distinct],
        [objects.index(id(value)) for value in column.values],
    )


@pytest.mark.parametrize("kernel", KERNELS)
@given(values=st.lists(labels, max_size=30))
def test_a_column_is_interned_as_the_whole_column_python_does(
    kernel: Any, values: list[Any]
) -> None:
    assert _shape(interned(values, kernel=kernel)) == _shape(interned(values, kernel=REFERENCE))


@pytest.mark.parametrize("kernel", KERNELS)
def test_an_unhashable_value_is_refused_by_interning(kernel: Any) -> None:
    for use in (kernel, REFERENCE):
        with pytest.raises(TypeError, match="unhashable"):
            interned(["a", ["b"]], kernel=use)


# What str.isspace calls whitespace (ASCII, the separators \x1c-\x1f, NEL, no-break and
# ideographic spaces, the line separator), one character that is not (zero width space),
# and letters.
_SPACES = " \t\n\x0b\x0c\r\x1c\x1f\x85\xa0\u1680\u2000\u2028\u3000\u200b"
texts = st.one_of(
    st.text(alphabet=st.sampled_from([*_SPACES, "a", "é", "."]), max_size=4).map(_copied),
    st.sampled_from(["a", " a", "a ", "", " ", None, 5, b"a", _Str("a"), _Str(" ")]),
)


@pytest.mark.parametrize("kernel", KERNELS)
@given(values=st.lists(texts, max_size=20))
@example(values=["a", "bb\u3000", "\x85c", "\u200b", " dd ", _copied("bb\u3000"), _copied("dd")])
def test_texts_are_stripped_and_interned_as_the_whole_column_python_does(
    kernel: Any, values: list[Any]
) -> None:
    expected = nonblank_texts(values, kernel=REFERENCE)
    got = nonblank_texts(values, kernel=kernel)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert _shape(got) == _shape(expected)
        assert got.values == [text.strip() for text in values]


@pytest.mark.parametrize("kernel", KERNELS)
@given(values=st.lists(texts, min_size=1, max_size=20))
def test_texts_are_judged_non_empty_strings_as_the_whole_column_python_does(
    kernel: Any, values: list[Any]
) -> None:
    expected = _nonempty_strings(values, kernel=REFERENCE)
    assert expected == all(type(text) is str and text != "" for text in values)
    assert _nonempty_strings(values, kernel=kernel) is expected
    assert kernel.nonempty_strings(values) is expected


@pytest.mark.parametrize("kernel", KERNELS)
@given(
    values=st.lists(st.sampled_from(["a", "b", "c", None, 1]), max_size=30),
    allowed=st.sets(st.sampled_from(["a", "b", None, True])),
)
def test_speakers_are_known_as_the_whole_column_python_finds(
    kernel: Any, values: list[Any], allowed: set[Any]
) -> None:
    expected = set(values) <= allowed
    assert _known(values, allowed, kernel=REFERENCE) is expected
    assert _known(values, allowed, kernel=kernel) is expected
    assert kernel.known(values, allowed) is expected


@pytest.mark.parametrize("kernel", KERNELS)
def test_an_unhashable_speaker_raises_as_the_set_does(kernel: Any) -> None:
    with pytest.raises(TypeError, match="unhashable"):
        _known(["a", ["b"]], {"a"}, kernel=kernel)
