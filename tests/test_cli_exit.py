"""The ``cuecraft`` program's entry (issue #12): :func:`cuecraft.cli.console_main` leaves the
interpreter's shutdown no collection to run (:func:`gc.freeze`), and :func:`cuecraft.cli.main`,
which tests and tools call in their own process, leaves the collector as it found it."""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cuecraft
from cuecraft.cli import main

SRC = Path(cuecraft.__file__).resolve().parent.parent
ROOT = SRC.parent


def _talk(folder: Path) -> Path:
    source = folder / "talk.json"
    words = [
        {"text": f"word{i}.", "start": i * 0.5, "end": i * 0.5 + 0.4, "speaker": f"S{i % 2}"}
        for i in range(40)
    ]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    return source


def _python(*args: str) -> subprocess.CompletedProcess[str]:
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
        timeout=120,
    )


def test_the_program_writes_what_main_writes(tmp_path: Path) -> None:
    # Nothing of the output waits for the shutdown that console_main shortens.
    source = _talk(tmp_path)
    done = _python("-m", "cuecraft", "convert", str(source), "-o", str(tmp_path / "program.srt"))
    assert done.returncode == 0, done.stderr
    assert main(["convert", str(source), "-o", str(tmp_path / "main.srt")]) == 0
    written = (tmp_path / "program.srt").read_bytes()
    assert written == (tmp_path / "main.srt").read_bytes()
    assert written.count(b" --> ") >= 2


def test_console_main_freezes_what_is_left(tmp_path: Path) -> None:
    source = _talk(tmp_path)
    code = (
        "import gc, json, sys\n"
        "from cuecraft.cli import console_main\n"
        "sys.argv = ['cuecraft', *sys.argv[1:]]\n"
        "status = console_main()\n"
        "print(json.dumps([status, gc.get_freeze_count(), gc.isenabled()]))\n"
    )
    done = _python("-c", code, "convert", str(source), "-o", str(tmp_path / "t.srt"))
    assert done.returncode == 0, done.stderr
    status, frozen, enabled = json.loads(done.stdout.splitlines()[-1])
    assert status == 0
    assert frozen > 1000  # every module and class the conversion imported
    assert enabled


@pytest.mark.parametrize("enabled", [True, False])
def test_main_leaves_the_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    source = _talk(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"words": [{"text": "Hi.", "start": 2, "end": 1}]}', encoding="utf-8")
    frozen = gc.get_freeze_count()
    was = gc.isenabled()
    (gc.enable if enabled else gc.disable)()
    try:
        assert main(["convert", str(source), "-o", str(tmp_path / "t.srt")]) == 0
        assert gc.isenabled() is enabled
        assert main(["convert", str(bad), "-o", str(tmp_path / "bad.srt")]) == 1
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
    assert gc.get_freeze_count() == frozen


def test_both_program_entries_are_console_main() -> None:
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '\n[project.scripts]\ncuecraft = "cuecraft.cli:console_main"\n' in project
    assert "console_main()" in (SRC / "cuecraft" / "__main__.py").read_text(encoding="utf-8")
