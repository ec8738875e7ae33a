"""Hostile EBU-STL input (issue #10): every failure is an InputError with a block, never a raw
exception, and whatever is read keeps its invariants (words in cue order, starts monotonic).
"""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft.errors import InputError
from cuecraft.formats.stl.layout import GSI_SIZE, TTI_SIZE
from cuecraft.readers.stl import StlDocument, parse
from cuecraft.tools.check import read_subtitles
from cuecraft.writers.stl import StlOptions
from tests.writers.test_stl import cue, render

VALID = render(
    [
        cue(1000, 2500, "Hello there,", "my friend."),
        cue(3000, 4000, "Ça va? Très bien."),
        cue(5000, 7000, "A third one,", "long enough for words."),
    ],
    StlOptions(start_of_programme="10:00:00:00"),
)[0]


def check(data: bytes) -> None:
    """Read strictly and leniently (and as `cuecraft check` does): only InputError may escape."""
    for strict in (True, False):
        outcome: StlDocument | InputError
        try:
            outcome = parse(data, source="h.stl", strict=strict)
        except InputError as error:
            outcome = error
        if isinstance(outcome, InputError):
            assert outcome.source == "h.stl"
            assert outcome.block is not None
        else:
            invariants(outcome)
    checked: object
    try:
        checked = read_subtitles(data, source="h.stl", format="stl")
    except InputError as error:
        checked = error
    assert not isinstance(checked, InputError) or checked.source == "h.stl"


def invariants(document: StlDocument) -> None:
    cues = document.cues
    assert all(a.start_ms <= b.start_ms for a, b in itertools.pairwise(cues))
    assert all(0 <= c.start_ms <= c.end_ms for c in cues)
    if document.transcript is None:
        assert not cues
        return
    words = [w.text for w in document.transcript.words]
    assert words == [w for c in cues for line in c.lines for w in line.text.split(" ")]


@given(
    edits=st.lists(
        st.tuples(st.integers(0, len(VALID) - 1), st.integers(0, 255)), min_size=1, max_size=12
    )
)
@example(edits=[(GSI_SIZE + 3, 0x00)])  # EBN 00 on the first block: a chain that never ends
@example(edits=[(GSI_SIZE + 4, 0xFF)])  # CS FFh
@example(edits=[(GSI_SIZE + 5 + k, 99) for k in range(4)])  # TCI 99:99:99:99
@example(edits=[(3, ord("X"))])  # DFC garbage
@example(edits=[(k, 0xFF) for k in range(256, 264)])  # TCP garbage
@example(edits=[(GSI_SIZE + TTI_SIZE + 3, 0xFE)])  # user data block
def test_random_byte_edits(edits: list[tuple[int, int]]) -> None:
    data = bytearray(VALID)
    for position, value in edits:
        data[position] = value
    check(bytes(data))


@given(cut=st.integers(0, len(VALID)))
def test_truncated_anywhere(cut: int) -> None:
    check(VALID[:cut])


@given(garbage=st.binary(min_size=GSI_SIZE, max_size=GSI_SIZE))
def test_gsi_garbage(garbage: bytes) -> None:
    check(b"850STL25.01" + garbage[11:] + VALID[GSI_SIZE:])


@given(blocks=st.lists(st.binary(min_size=TTI_SIZE, max_size=TTI_SIZE), max_size=6))
def test_tti_garbage(blocks: list[bytes]) -> None:
    check(VALID[:GSI_SIZE] + b"".join(blocks))


@given(
    times=st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 70), st.integers(0, 70), st.integers(0, 40)),
        min_size=1,
        max_size=8,
    )
)
def test_any_time_codes(times: list[tuple[int, int, int, int]]) -> None:
    data = bytearray(VALID)
    for index, value in enumerate(times):
        block, field = divmod(index, 2)
        if block >= 3:
            break
        offset = GSI_SIZE + block * TTI_SIZE + (5 if field == 0 else 9)
        data[offset : offset + 4] = bytes(value)
    check(bytes(data))


def test_two_files_appended_and_cut_inside_the_second_gsi() -> None:
    joined = VALID + VALID
    check(joined)
    check(joined[: len(VALID) + 500])  # the second GSI block cut short: blocks of garbage
    check(joined[: len(VALID) + GSI_SIZE])  # a second GSI block and nothing after it


def test_many_parts_stay_linear() -> None:
    import time

    from tests.readers.test_stl_timeline import block, gsi

    # 6000 subtitles at 0, 20 and 40 s, again and again: 2000 parts, each going back 40 s.
    blocks = []
    for number in range(1, 6001):
        second = (0, 20, 40)[(number - 1) % 3]
        blocks.append(block(number, (0, 0, second, 0), (0, 0, second, 12), f"w{number}"))
    data = gsi() + b"".join(blocks)
    started = time.perf_counter()
    document = parse(data)
    assert time.perf_counter() - started < 30  # generous: quadratic work takes minutes
    assert document.transcript is not None
    assert [w.text for w in document.transcript.words] == [f"w{n}" for n in range(1, 6001)]
    assert sum(note.code == "stl-part" for note in document.diagnostics) == 1999
    invariants(document)


def test_a_slip_goes_between_its_neighbours_even_when_they_overlap() -> None:
    from tests.readers.test_stl_timeline import block, gsi

    data = gsi() + b"".join(
        [
            block(1, (0, 1, 0, 0), (0, 1, 4, 0), "one"),
            block(2, (0, 0, 5, 0), (0, 0, 6, 0), "slip"),
            block(3, (0, 1, 2, 0), (0, 1, 5, 0), "three"),  # starts before "one" ends
        ]
    )
    document = parse(data)
    assert [(c.start_ms, c.end_ms, c.lines[0].text) for c in document.cues] == [
        (60_000, 64_000, "one"),
        (62_000, 62_000, "slip"),
        (62_000, 65_000, "three"),
    ]
