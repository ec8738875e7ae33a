"""Shared test fixtures: project paths, the shared corpus (skipped when absent), profiles."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

settings.register_profile("dev", max_examples=60, deadline=None)
# CI explores a fixed set of examples (derandomize), so a run that passed here passes there;
# `big` (and the dev profile) draw fresh examples each run to find new cases.
settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("big", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Writers stamp today's date (EBU-STL CD/RD, DOCX properties) unless SOURCE_DATE_EPOCH is
# set: the expected files were made at 2000-01-01 (issue #15 keeps them byte-stable).
os.environ.setdefault("SOURCE_DATE_EPOCH", "946684800")


def corpus_dir(*parts: str) -> Path:
    """A folder of the shared corpus, or skip the test when the corpus is not beside us."""
    path = CORPUS.joinpath(*parts)
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite the expected golden files from the current output (review the diff)",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True under ``pytest --update-golden``: golden tests rewrite their expected files."""
    return bool(request.config.getoption("--update-golden"))
