"""Every script in examples/ runs and does what its docstring says (issue #15)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.py"))


def _run(script: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_there_are_examples() -> None:
    assert len(EXAMPLES) >= 4
    for script in EXAMPLES:
        assert script.read_text(encoding="utf-8").startswith('"""'), script.name


@pytest.mark.parametrize("script", EXAMPLES, ids=[path.name for path in EXAMPLES])
def test_example_runs(script: Path, tmp_path: Path) -> None:
    args = [str(tmp_path / "out")] if script.name == "vendor_to_subtitles.py" else []
    result = _run(script, *args, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip()
    # Nothing written where the script was run from (outputs go where they are told).
    assert sorted(p.name for p in tmp_path.iterdir()) == (["out"] if args else [])


def test_vendor_example_writes_three_formats(tmp_path: Path) -> None:
    result = _run(ROOT / "examples" / "vendor_to_subtitles.py", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".srt", ".stl", ".vtt"]
    assert (tmp_path / "interview.stl").read_bytes()[3:11] == b"STL25.01"


def test_name_speakers_example_shows_the_names() -> None:
    result = _run(ROOT / "examples" / "name_speakers.py", cwd=ROOT)
    assert "<v Zoë>¿Cómo estás?" in result.stdout
    assert "<v José>Muy bien." in result.stdout
