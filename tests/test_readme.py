"""The README is the front door: its quick-start conversions and its Python example must work.

The commands are taken from the README itself, so a README edit that breaks them fails here.
The virtual-environment and pip steps are what CI does anyway (``.ci/run``); only the
``cuecraft`` invocations are run, in-process, from a folder that holds the bundled samples.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cuecraft import cli

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _quick_start_commands() -> list[list[str]]:
    """Every ``.venv/bin/cuecraft ...`` step of the README's shell blocks, as argument lists."""
    commands: list[list[str]] = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.DOTALL):
        for step in re.split(r"&&|\n", block):
            words = shlex.split(step, comments=True)
            if words and words[0] == ".venv/bin/cuecraft":
                commands.append(words[1:])
    return commands


@pytest.fixture
def in_project_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    (tmp_path / "out").mkdir()  # the quick start's `mkdir -p out`
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_readme_has_a_quick_start_conversion() -> None:
    assert any(command[0] == "convert" for command in _quick_start_commands())


def test_quick_start_conversions_work(in_project_copy: Path) -> None:
    for command in _quick_start_commands():
        assert cli.main(command) == 0, command
        output = in_project_copy / command[command.index("-o") + 1]
        assert output.stat().st_size > 0
    srt = (in_project_copy / "out" / "interview.srt").read_text(encoding="utf-8")
    assert srt.startswith("1\n00:00:00,")
    vtt = (in_project_copy / "out" / "interview.vtt").read_text(encoding="utf-8")
    assert vtt.startswith("WEBVTT")


def test_python_example_runs(in_project_copy: Path) -> None:
    blocks = re.findall(r"```python\n(.*?)```", README, re.DOTALL)
    assert blocks, "the README shows the Python API"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme"})
    assert (in_project_copy / "interview.srt").stat().st_size > 0
    assert (in_project_copy / "interview.docx").read_bytes().startswith(b"PK")
