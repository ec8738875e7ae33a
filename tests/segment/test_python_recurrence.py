"""The kernel run as Python (:mod:`cuecraft.segment.python_recurrence`) gives the records of
the loop it stands in for, to the bit: the loop run as Python, and the compiled kernel.

The transcripts here let words overlap (a word may end after the next ones), so that the
latest end of a cue is not its last word's; the rules and weights reach every path of the
loop: speaker changes with and without dashes, words longer than a row, per-row time limits
(with the rounding that lets a cue outlast ``max_rows * max_row_seconds``), one to four rows,
labels, character caps per cue, and shape or orphan costs below zero.
"""

from __future__ import annotations

import dataclasses
from collections.abc import MutableSequence
from pathlib import Path
from typing import Any

import msgspec
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

import cuecraft
from cuecraft.columns import WordTable
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.segment import Rules, python_recurrence, resolve_rules
from cuecraft.segment.boundaries import boundary_facts
from cuecraft.segment.compiled import KernelModules, active_kernel, load_kernel
from cuecraft.segment.labels import label_widths, text_width
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights
from tests.conftest import ROOT
from tests.strategies import segment_rules

PURE = load_kernel(pure=True)
COMPILED = active_kernel()

_TEXT = st.one_of(
    st.text(alphabet="abcdefghij,.?", min_size=1, max_size=9),
    st.text(alphabet="klmnop", min_size=30, max_size=60),  # longer than some rows
)


@st.composite
def overlapping_transcripts(draw: st.DrawFn) -> Transcript:
    """Transcripts whose words start in order but may end in any order, some long after."""
    count = draw(st.integers(min_value=1, max_value=60))
    speakers = (Speaker(id="a", name="Ann"), Speaker(id="b", name="Bo"))
    words = []
    clock = draw(st.integers(min_value=0, max_value=5_000))
    for _ in range(count):
        clock += draw(st.sampled_from([0, 0, 10, 90, 250, 600, 2_500, 20_000]))
        duration = draw(st.sampled_from([0, 80, 200, 350, 700, 1_500, 4_000, 9_000]))
        words.append(
            Word(
                text=draw(_TEXT),
                start_ms=clock,
                end_ms=clock + duration,
                speaker=draw(st.sampled_from(["a", "a", "b", None])),
            )
        )
        if draw(st.booleans()):
            clock += duration  # else the next word starts inside this one
    return Transcript(words=tuple(words), speakers=speakers, language="en")


@st.composite
def any_rules(draw: st.DrawFn) -> Rules:
    fields = draw(segment_rules()).model_dump(exclude_unset=True)
    fields["max_rows"] = draw(st.sampled_from([fields["max_rows"], 1, 2, 4]))
    fields["dual_speaker_dashes"] = fields["max_rows"] >= 2 and draw(st.booleans())
    if draw(st.booleans()):
        fields["row_labels"] = draw(st.sampled_from(["prefix", "chevrons"]))
    return Rules(**{**fields, "engine": "optimal"})


_SHAPE_WEIGHTS = st.sampled_from([None, 0.0, 0.4, -0.3])


@st.composite
def weights(draw: st.DrawFn) -> Weights:
    orphan, balance, pyramid = (draw(_SHAPE_WEIGHTS) for _ in range(3))
    return dataclasses.replace(
        DEFAULT_WEIGHTS,
        orphan=DEFAULT_WEIGHTS.orphan if orphan is None else orphan,
        balance=DEFAULT_WEIGHTS.balance if balance is None else balance,
        pyramid=DEFAULT_WEIGHTS.pyramid if pyramid is None else pyramid,
    )


def _tables(
    transcript: Transcript, rules: Rules, weighted: Weights, kernel: KernelModules
) -> tuple[Any, Any]:
    """The kernel's tables and limits, as the engine builds them (engine._records)."""
    applied, language = resolve_rules(transcript, rules)
    words = WordTable.from_transcript(transcript)
    labels = label_widths(words, applied)
    facts = boundary_facts(
        words.texts,
        words.starts,
        words.ends,
        words.speakers,
        applied,
        language,
        weighted,
        kernel.boundary_kernel,
    )
    limits = kernel.tables.limits_for(applied, weighted, language.separator)
    tables = kernel.tables.build_tables(
        [text_width(text) for text in words.texts],
        words.starts,
        words.ends,
        facts,
        limits,
        None if labels is None else (labels.alone, labels.shared),
    )
    return tables, limits


def _retime(limits: Any, retimed: Retimed) -> Any:
    if retimed is None:
        return limits
    longest_ms, row_ms = retimed
    return msgspec.structs.replace(
        limits, longest_ms=longest_ms[: len(limits.longest_ms)], row_ms=row_ms
    )


def _loop_records(tables: Any, limits: Any) -> MutableSequence[int]:
    """The records of the loop itself (Recurrence.run), run as Python."""
    record: MutableSequence[int] = PURE.tables.int_array((tables.n + 1) * PURE.kernel.RECORD, -1)
    PURE.kernel.Recurrence(tables, limits, record).run(PURE.rowsplit.RowSplitter(tables, limits))
    return record


def _sweep_records(tables: Any, limits: Any) -> MutableSequence[int]:
    record: MutableSequence[int] = PURE.tables.int_array((tables.n + 1) * PURE.kernel.RECORD, -1)
    recurrence = PURE.kernel.Recurrence(tables, limits, record)
    splitter = PURE.rowsplit.RowSplitter(tables, limits)
    kernel = PURE.kernel
    assert python_recurrence.run(
        recurrence, splitter, kernel.duration_cost, kernel.reading_speed_cost
    )
    return record


Retimed = tuple[tuple[int, ...], float] | None
"""Time limits to put in place of the rules' (``longest_ms``, ``row_ms``), or None."""

# Limits no Rules give: cues of more rows allowed less time, a per-row limit that rows do not
# follow, none at all (paths of the loop the rules' limits never take).
_RETIMED = st.one_of(
    st.none(),
    st.tuples(
        st.lists(st.integers(min_value=0, max_value=12_000), min_size=5, max_size=5).map(tuple),
        st.sampled_from([0.0, 700.0, 1333.75, 2000.0]),
    ),
)


def _assert_same_records(
    transcript: Transcript, rules: Rules, weighted: Weights, retimed: Retimed = None
) -> None:
    tables, limits = _tables(transcript, rules, weighted, PURE)
    limits = _retime(limits, retimed)
    expected = list(_loop_records(tables, limits))
    assert list(_sweep_records(tables, limits)) == expected
    assert list(PURE.kernel.solve(tables, limits)) == expected  # the solve() the engine calls
    if COMPILED.compiled:
        compiled_tables, compiled_limits = _tables(transcript, rules, weighted, COMPILED)
        compiled_limits = _retime(compiled_limits, retimed)
        assert list(COMPILED.kernel.solve(compiled_tables, compiled_limits)) == expected


@given(overlapping_transcripts(), any_rules(), weights(), _RETIMED)
@example(  # the first word ends after the time limit of any cue: it stands alone
    Transcript(
        words=(
            Word(text="long", start_ms=0, end_ms=9_000),
            Word(text="a", start_ms=10, end_ms=20),
            Word(text="b", start_ms=30, end_ms=40),
        )
    ),
    Rules(engine="optimal", max_row_seconds=1.5),
    DEFAULT_WEIGHTS,
    None,
)
@example(  # a cue may last longer than max_rows * max_row_seconds (2 * 1333.75 rounds up)
    Transcript(
        words=tuple(Word(text=f"w{k}", start_ms=k * 380, end_ms=k * 380 + 300) for k in range(12))
    ),
    Rules(engine="optimal", max_row_seconds=1.33375, max_rows=2, max_duration_ms=7000),
    DEFAULT_WEIGHTS,
    None,
)
def test_the_python_path_gives_the_loops_records(
    transcript: Transcript, rules: Rules, weighted: Weights, retimed: Retimed
) -> None:
    _assert_same_records(transcript, rules, weighted, retimed)


@given(overlapping_transcripts())
def test_tables_outside_the_proofs_fall_back_to_the_loop(transcript: Transcript) -> None:
    # Words that do not start in order (no Transcript allows it) leave the scans unsound:
    # run() declines, and solve() runs the loop.
    tables, limits = _tables(transcript, Rules(engine="optimal"), DEFAULT_WEIGHTS, PURE)
    shuffled = msgspec.structs.replace(tables, starts=list(reversed(tables.starts)))
    if list(shuffled.starts) == sorted(shuffled.starts):
        return
    recurrence = PURE.kernel.Recurrence(shuffled, limits, [-1] * 4 * (tables.n + 1))
    kernel = PURE.kernel
    splitter = PURE.rowsplit.RowSplitter(shuffled, limits)
    assert not python_recurrence.run(
        recurrence, splitter, kernel.duration_cost, kernel.reading_speed_cost
    )
    assert recurrence.record == [-1] * 4 * (tables.n + 1)  # nothing written
    assert list(PURE.kernel.solve(shuffled, limits)) == list(_loop_records(shuffled, limits))


def _samples() -> list[Path]:
    return sorted((ROOT / "samples").glob("*/*.json"))


@pytest.mark.parametrize("path", _samples(), ids=lambda path: path.name)
def test_the_python_path_gives_the_loops_records_on_samples(path: Path) -> None:
    transcript = cuecraft.load(path)
    for rules in (
        Rules(engine="optimal"),
        Rules(engine="optimal", max_rows=3, max_chars_per_row=32, max_row_seconds=1.5),
        Rules(engine="optimal", max_rows=4, max_row_seconds=None, row_labels="chevrons"),
        Rules(
            engine="optimal",
            dual_speaker_dashes=True,
            new_cue_on_speaker_change=False,
            max_chars_per_cue=60,
        ),
    ):
        _assert_same_records(transcript, rules, DEFAULT_WEIGHTS)
    # Shape costs below zero: _two_rows's early exit is no longer implied by the bound.
    below_zero = dataclasses.replace(DEFAULT_WEIGHTS, balance=-0.5, orphan=-0.2)
    _assert_same_records(transcript, Rules(engine="optimal"), below_zero)
