"""Killing a running ``cuecraft batch`` (SIGTERM or SIGINT) leaves no partial output and
says what was done. Runs the real command in a subprocess with worker processes."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cuecraft import api

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")

COPIES = 8
FORMATS = ("srt", "vtt", "txt")


def _command(inputs: Path, out: Path) -> list[str]:
    return [
        sys.executable,
        "-m",
        "cuecraft",
        "batch",
        str(inputs),
        "-o",
        str(out),
        "--to",
        ",".join(FORMATS),
        "--jobs",
        "2",
    ]


def _transcript_json(words: int = 6_000) -> str:
    """A long two-speaker word list (about half a second per format to convert)."""
    rng = random.Random(6)
    vocabulary = "the quick brown fox jumps over a lazy dog, and then, finally. runs away! why?"
    items = []
    clock = 0.0
    for _ in range(words):
        length = rng.choice([0.1, 0.2, 0.3, 0.5])
        items.append(
            {
                "text": rng.choice(vocabulary.split()),
                "start": round(clock, 3),
                "end": round(clock + length, 3),
                "speaker": rng.choice(["Ann", "Bob"]),
            }
        )
        clock += length + rng.choice([0.0, 0.0, 0.05, 0.4, 1.2])
    return json.dumps({"words": items})


def _run_and_kill(tmp_path: Path, signum: int) -> tuple[int, str, Path, Path]:
    inputs = tmp_path / "in"
    inputs.mkdir()
    text = _transcript_json()
    for number in range(COPIES):
        (inputs / f"talk{number:02d}.words.json").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        _command(inputs, out),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        start_new_session=True,  # its own process group, as a terminal job has
    )
    # Wait until the batch is under way (some output exists), then stop it.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if out.is_dir() and any(not p.name.startswith(".") for p in out.iterdir()):
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be interrupted"
    if signum == signal.SIGINT:
        os.killpg(process.pid, signum)  # Ctrl-C: the whole foreground group, workers included
    else:
        process.send_signal(signum)  # kill PID: the batch process alone
    stdout, stderr = process.communicate(timeout=60)
    return process.returncode, stdout + stderr, inputs, out


@pytest.mark.parametrize(
    ("signum", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)], ids=["SIGTERM", "SIGINT"]
)
def test_killed_batch_leaves_only_complete_files(tmp_path: Path, signum: int, status: int) -> None:
    code, output, inputs, out = _run_and_kill(tmp_path, signum)
    assert code == status, output
    name = signal.Signals(signum).name
    assert f"interrupted by {name}" in output
    assert "not done:" in output
    leftovers = [p.name for p in out.iterdir() if p.name.startswith(".") or p.suffix == ".part"]
    assert leftovers == []
    written = sorted(p for p in out.iterdir())
    assert len(written) < COPIES * len(FORMATS), "nothing was left undone"
    # Every file that exists is complete: identical to an uninterrupted conversion.
    transcript = api.load(inputs / "talk00.words.json")
    expected = {}
    for fmt in FORMATS:
        spec = api.writer_for(None, fmt)
        expected[spec.extensions[0]] = api.render(transcript, spec, title="talk00.words")[0]
    for path in written:
        stem, extension = path.name.split(".words", 1)
        assert stem.startswith("talk")
        reference = expected["." + extension.lstrip(".")]
        if extension.endswith("txt"):
            continue  # the TXT carries the file's title; its completeness is its last line
        assert path.read_bytes() == reference, path.name
    # Re-running finishes the job (once is enough to show it).
    if signum != signal.SIGTERM:
        return
    rerun = subprocess.run(
        _command(inputs, out),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert rerun.returncode == 0, rerun.stderr
    # Every output, plus the settings manifest the finished batch leaves (issue #15).
    names = [p.name for p in out.iterdir()]
    assert len(names) == COPIES * len(FORMATS) + 1
    assert ".cuecraft-batch.json" in names
