"""The compiled kernel and its Python source give the same layouts (#12 item 2).

The Python source is loaded in-process beside the compiled extension
(:func:`cuecraft.segment.compiled.load_kernel`); the comparisons skip when the extension was
not built (``pip install -e .`` builds it where Cython and a C compiler are available).
CI also runs the engine tests a second time with ``CUECRAFT_PURE_PYTHON=1``.
"""

from __future__ import annotations

import importlib.machinery
import itertools
import math
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import cuecraft
from cuecraft.columns import WordTable
from cuecraft.model import Transcript
from cuecraft.segment import Rules, kernel_mode, resolve_rules, scoring
from cuecraft.segment.compiled import KernelModules, active_kernel, extension_built, load_kernel
from cuecraft.segment.engine import layout_optimal
from cuecraft.segment.labels import label_widths
from cuecraft.segment.layout import CueLayout
from tests.conftest import CORPUS, ROOT
from tests.strategies import segment_rules, transcripts

PURE = load_kernel(pure=True)
COMPILED = active_kernel()
needs_compiled = pytest.mark.skipif(
    not COMPILED.compiled,
    reason="the compiled kernel is not in use (not built, or CUECRAFT_PURE_PYTHON=1)",
)


def _layouts(transcript: Transcript, rules: Rules, kernel: KernelModules) -> list[CueLayout]:
    applied, language = resolve_rules(transcript, rules)
    words = WordTable.from_transcript(transcript)
    labels = label_widths(words, applied)
    return layout_optimal(words, applied, language, labels=labels, kernel=kernel)[0]


def test_the_pure_kernel_is_the_python_source() -> None:
    assert not PURE.compiled
    modules = list(PURE)
    assert len(modules) == 5
    assert all(str(module.__file__).endswith(".py") for module in modules)


@pytest.mark.parametrize(("value", "mode"), [("1", "python"), ("0", None), ("", None)])
def test_environment_forces_the_pure_kernel(value: str, mode: str | None) -> None:
    env = {**os.environ, "CUECRAFT_PURE_PYTHON": value, "PYTHONPATH": str(ROOT / "src")}
    shown = subprocess.run(
        [sys.executable, "-c", "from cuecraft.segment import kernel_mode; print(kernel_mode())"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert shown == (mode or ("compiled" if extension_built() else "python"))


def test_kernel_mode_names_the_active_kernel() -> None:
    assert kernel_mode() == ("compiled" if COMPILED.compiled else "python")
    if not os.environ.get("CUECRAFT_PURE_PYTHON"):
        assert COMPILED.compiled == extension_built()


@needs_compiled
@given(transcripts(), segment_rules(), st.sampled_from([None, 3, 4]), st.booleans())
def test_both_modes_lay_out_any_transcript_alike(
    transcript: Transcript, drawn: Rules, rows: int | None, labels: bool
) -> None:
    fields = drawn.model_dump(exclude_unset=True)
    if rows is not None:
        fields["max_rows"] = rows
    if labels:
        fields["row_labels"] = "prefix"
    rules = Rules(**{**fields, "engine": "optimal"})
    assert _layouts(transcript, rules, COMPILED) == _layouts(transcript, rules, PURE)


@given(st.floats(-1e12, 1e12) | st.integers(-(10**12), 10**12).map(float))
def test_the_kernels_ceiling_is_maths(value: float) -> None:
    # Compiled, the recurrence rounds a cue's rows up in C rather than through math.ceil:
    # the layouts above are compared in both modes; here the Python form, negative values too.
    assert PURE.kernel._ceil(value) == math.ceil(value)


def _real_files() -> list[Path]:
    files = sorted((ROOT / "samples").glob("*/*.json"))
    if CORPUS.is_dir():
        files += sorted((CORPUS / "segmentation").glob("*/*.words.json"))[:6]
    return files


@needs_compiled
@pytest.mark.parametrize("path", _real_files(), ids=lambda path: path.name)
def test_both_modes_lay_out_real_files_alike(path: Path) -> None:
    transcript = cuecraft.load(path)
    for rules in (
        Rules(),
        Rules(max_rows=3, max_chars_per_row=32),
        Rules(max_rows=4, max_chars_per_row=32, max_row_seconds=1.5, row_labels="chevrons"),
        Rules(dual_speaker_dashes=True, new_cue_on_speaker_change=False, max_chars_per_cue=60),
    ):
        assert _layouts(transcript, rules, COMPILED) == _layouts(transcript, rules, PURE)


@pytest.mark.parametrize("kernel", [PURE, COMPILED], ids=["python", "active"])
@given(
    available=st.integers(min_value=-100, max_value=10_000),
    minimum=st.sampled_from([0, 1, 833, 1200]),
    chars=st.integers(min_value=0, max_value=400),
    speed=st.sampled_from([13.0, 17.0, 21.5]),
    weight=st.sampled_from([0.0, 1.0, 3.0, 2.7]),
)
def test_in_cue_costs_have_the_form_of_scoring(
    kernel: KernelModules, available: int, minimum: int, chars: int, speed: float, weight: float
) -> None:
    # The kernel evaluates these costs itself; if scoring changes their form, this fails
    # and the kernel must follow.
    rules = Rules(min_duration_ms=minimum, max_chars_per_second=speed, max_row_seconds=None)
    weights = scoring.Weights(too_short=weight, reading_speed=weight)
    if available >= 0:
        assert kernel.kernel.duration_cost(available, minimum, weight) == scoring.duration_cost(
            available, rules, weights
        )
    assert kernel.kernel.reading_speed_cost(
        chars, available, speed, weight
    ) == scoring.reading_speed_cost(chars, available, rules, weights)


@pytest.mark.parametrize("kernel", [PURE, COMPILED], ids=["python", "active"])
@given(
    lengths=st.lists(st.integers(min_value=0, max_value=42), min_size=2, max_size=4),
    row_chars=st.integers(min_value=20, max_value=42),
    balance=st.sampled_from([0.0, 1.5, 2.25]),
    pyramid=st.sampled_from([0.0, 0.2, 0.7]),
)
def test_shape_cost_has_the_form_of_scoring(
    kernel: KernelModules, lengths: list[int], row_chars: int, balance: float, pyramid: float
) -> None:
    top_heavy = sum(max(0, upper - lower) for upper, lower in itertools.pairwise(lengths))
    weights = scoring.Weights(balance=balance, pyramid=pyramid)
    expected = scoring.shape_cost(tuple(lengths), row_chars, weights)
    got = kernel.rowsplit.shape_cost(
        max(lengths) - min(lengths), top_heavy, row_chars, balance, pyramid
    )
    assert got == expected
    assert not math.isnan(got)


def test_an_extension_that_does_not_load_falls_back_to_python(tmp_path: Path) -> None:
    # A kernel extension built for another Python (here: not a library at all) must not
    # break segmentation: the engine warns and runs the Python source.
    package = tmp_path / "cuecraft"
    shutil.copytree(ROOT / "src" / "cuecraft", package, ignore=shutil.ignore_patterns("*.so"))
    (package / "segment" / f"kernel{importlib.machinery.EXTENSION_SUFFIXES[0]}").write_bytes(
        b"not a shared library"
    )
    script = (
        "import cuecraft\n"
        "from cuecraft.segment import kernel_mode\n"
        "t = cuecraft.load({'words': [{'text': 'Hello.', 'start': 0.0, 'end': 0.5}]})\n"
        "print(kernel_mode(), [cue.text for cue in cuecraft.segment(t)])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    env.pop("CUECRAFT_PURE_PYTHON", None)
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    assert done.stdout.split(maxsplit=1) == ["python", "['Hello.']\n"]
    assert "compiled segmentation kernel does not load" in done.stderr
