"""Limits that protect the user: input size, and linear time on pathological input."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

import cuecraft
from cuecraft.api import MAX_INPUT_BYTES
from cuecraft.cli import main
from cuecraft.errors import InputError
from tests.conftest import ROOT, SAMPLES

SAMPLE = SAMPLES / "words" / "talk.words.json"


def test_default_limit_is_generous() -> None:
    assert MAX_INPUT_BYTES >= 100 * 1024 * 1024


@pytest.mark.parametrize("kind", ["path", "bytes", "stream"])
def test_size_limit(kind: str) -> None:
    data = SAMPLE.read_bytes()
    source: object = {"path": SAMPLE, "bytes": data, "stream": io.BytesIO(data)}[kind]
    with pytest.raises(InputError, match="limit") as caught:
        cuecraft.load(source, max_bytes=len(data) - 1)  # type: ignore[arg-type]
    assert caught.value.source
    assert cuecraft.load(SAMPLE, max_bytes=len(data)).words


@pytest.mark.parametrize("command", ["batch", "check", "info"])
def test_cli_flag(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    subtitle = tmp_path / "a.srt"
    subtitle.write_text(
        "".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n},900\nHello\n\n" for n in range(1, 6))
    )
    args = {
        "batch": ["batch", str(SAMPLE), "-o", str(tmp_path / "out"), "--to", "srt"],
        "check": ["check", str(subtitle)],
        "info": ["info", str(SAMPLE)],
    }[command]
    assert main([*args, "--max-bytes", "100"]) == 1
    assert "100-byte limit" in capsys.readouterr().err
    assert main([*args, "--max-bytes", "50M"]) == 0


def test_cli_flag_rejects_nonsense(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", str(SAMPLE), "--max-bytes", "lots"]) == 2
    assert "expected a size" in capsys.readouterr().err


def test_pathological_benchmark_runs() -> None:
    """The benchmark script runs (its timings are reported, never asserted)."""
    script = ROOT / "benchmarks" / "pathological.py"
    done = subprocess.run(
        [sys.executable, str(script), "--word-lists", "--sizes", "300,600", "--formats", "srt"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "no-punctuation" in done.stdout


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
@pytest.mark.parametrize("command", ["convert", "info", "batch"])
def test_an_endless_input_is_refused_at_the_limit(
    tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """/dev/zero claims size 0; reading it whole would exhaust memory (issue #10)."""
    args = {
        "convert": ["convert", "/dev/zero", "-o", str(tmp_path / "o.srt"), "--from", "srt"],
        "info": ["info", "/dev/zero", "--from", "srt"],
        "batch": ["batch", "/dev/zero", "-o", str(tmp_path / "out"), "--to", "srt"],
    }[command]
    assert main([*args, "--max-bytes", "1M"]) == 1
    assert "over the 1048576-byte limit" in capsys.readouterr().err


def test_a_cue_number_of_thousands_of_digits_is_text_not_a_crash() -> None:
    """Python refuses int() of over 4,300 digits; such a line is no cue number (CI fuzz find)."""
    data = (
        b"1\n00:00:01,000 --> 00:00:02,000\nhi\n"
        + b"9" * 5000
        + b"\n00:00:03,000 --> 00:00:04,000\nthere\n"
    )
    transcript = cuecraft.load(data)
    assert [w.text for w in transcript.words] == ["hi", "9" * 5000, "there"]
