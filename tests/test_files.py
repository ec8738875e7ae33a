"""Files (issue #10): output modes, symbolic links, stale temporary files, bounded reads, bad
paths, the memory budget, and numbers too large to compute with."""

from __future__ import annotations

import io
import json
import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import cuecraft
from cuecraft import _files, api
from cuecraft.cli import main
from cuecraft.errors import InputError, OutputError, RulesError
from cuecraft.model import Transcript, Word
from tests.conftest import SAMPLES

TALK = SAMPLES / "words" / "talk.words.json"


@pytest.fixture
def transcript() -> Transcript:
    return cuecraft.load(TALK)


@pytest.fixture
def umask() -> Iterator[None]:
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _parts(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir() if path.name.endswith(".part"))


# ----------------------------------------------------------------------------------- modes


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize(("mask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_a_new_output_follows_the_umask(
    transcript: Transcript, tmp_path: Path, mask: int, expected: int
) -> None:
    os.umask(mask)
    target = tmp_path / "out.srt"
    cuecraft.write(transcript, target)
    assert _mode(target) == expected


@pytest.mark.usefixtures("umask")
def test_an_existing_output_keeps_its_mode(transcript: Transcript, tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    target.write_text("old")
    target.chmod(0o640)
    cuecraft.write(transcript, target)
    assert _mode(target) == 0o640
    assert target.read_text().startswith("1\n")


@pytest.mark.usefixtures("umask")
def test_cli_output_mode(tmp_path: Path) -> None:
    target = tmp_path / "out.vtt"
    assert main(["convert", str(TALK), "-o", str(target)]) == 0
    assert _mode(target) == 0o644


# ------------------------------------------------------------------------------ symlinks


def test_a_symlink_target_is_written_through(transcript: Transcript, tmp_path: Path) -> None:
    real_folder = tmp_path / "real"
    real_folder.mkdir()
    real = real_folder / "subtitles.srt"
    real.write_text("old")
    link = tmp_path / "link.srt"
    link.symlink_to(real)
    cuecraft.write(transcript, link)
    assert link.is_symlink()
    assert os.readlink(link) == str(real)
    assert real.read_text().startswith("1\n")
    # The temporary file was made beside the real file, and is gone.
    assert sorted(p.name for p in real_folder.iterdir()) == ["subtitles.srt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.srt", "real"]


def test_a_dangling_symlink_gets_its_file(transcript: Transcript, tmp_path: Path) -> None:
    link = tmp_path / "link.vtt"
    link.symlink_to(tmp_path / "missing.vtt")
    cuecraft.write(transcript, link)
    assert link.is_symlink()
    assert (tmp_path / "missing.vtt").read_text().startswith("WEBVTT")


def test_a_chain_of_symlinks_is_followed(transcript: Transcript, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old")
    (tmp_path / "one.txt").symlink_to(real)
    (tmp_path / "two.txt").symlink_to(tmp_path / "one.txt")
    cuecraft.write(transcript, tmp_path / "two.txt")
    assert (tmp_path / "two.txt").is_symlink()
    assert real.read_text() != "old"


# -------------------------------------------------------------------- stale temporary files


def _killed_writer(folder: Path, name: str) -> Path:
    """A real process that made a temporary file the way write() does, then was SIGKILLed."""
    script = (
        "import os, sys, tempfile, time\n"
        "handle, path = tempfile.mkstemp(prefix=f'.{sys.argv[2]}.{os.getpid()}.', "
        "suffix='.part', dir=sys.argv[1])\n"
        "os.write(handle, b'x' * 4096)\n"
        "print(path, flush=True)\n"
        "time.sleep(60)\n"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(folder), name], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    path = Path(child.stdout.readline().strip())
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)
    child.stdout.close()
    return path


def _age(path: Path, seconds: float) -> None:
    past = time.time() - seconds
    os.utime(path, (past, past))


def test_the_next_write_removes_a_killed_writers_part_file(
    transcript: Transcript, tmp_path: Path
) -> None:
    leftover = _killed_writer(tmp_path, "out.srt")
    assert leftover.exists()
    _age(leftover, _files.DEAD_WRITER_GRACE_S + 30)
    cuecraft.write(transcript, tmp_path / "other.vtt")
    assert not leftover.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.vtt"]


def test_what_is_not_certainly_stale_stays(tmp_path: Path) -> None:
    dead = _killed_writer(tmp_path, "a.srt")  # writer dead, but only just now
    alive = tmp_path / f".b.srt.{os.getppid()}.abcd_123.part"  # a running pid, recent
    mine = tmp_path / f".c.srt.{os.getpid()}.abcd_123.part"  # this very process
    foreign = tmp_path / ".notes.part"  # not our naming pattern, however old
    folder = tmp_path / ".x.srt.1.abcdefgh.part"  # a folder, not a file
    for path in (alive, mine, foreign):
        path.write_bytes(b"x")
    folder.mkdir()
    for path in (alive, mine, foreign, folder):
        _age(path, _files.DEAD_WRITER_GRACE_S + 30)
    assert _files.remove_stale_parts(tmp_path, force=True) == []
    assert {dead, alive, mine, foreign, folder} <= set(tmp_path.iterdir())
    # Past the absolute age limit, any file of our pattern goes (a pid says nothing about
    # another machine sharing the folder, an old release wrote no pid).
    old_style = tmp_path / ".d.srt.k2j4h5g6.part"
    old_style.write_bytes(b"x")
    for path in (dead, alive, old_style):
        _age(path, _files.STALE_AFTER_S + 30)
    removed = _files.remove_stale_parts(tmp_path, force=True)
    assert sorted(removed) == sorted([dead, alive, old_style])
    assert foreign.exists()
    assert folder.is_dir()


def test_a_folder_is_swept_once_in_a_while(tmp_path: Path) -> None:
    assert _files.remove_stale_parts(tmp_path) == []
    stale = tmp_path / ".e.srt.k2j4h5g6.part"
    stale.write_bytes(b"x")
    _age(stale, _files.STALE_AFTER_S + 30)
    assert _files.remove_stale_parts(tmp_path) == []  # swept a moment ago
    assert _files.remove_stale_parts(tmp_path, force=True) == [stale]
    assert _files.remove_stale_parts(tmp_path / "missing", force=True) == []


# --------------------------------------------------------------------------- reading limits


def test_dev_zero_is_refused_without_reading_it_all() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(InputError, match="over the 1048576-byte limit") as caught:
        cuecraft.load("/dev/zero", max_bytes=1024 * 1024)
    assert caught.value.source == "/dev/zero"


def test_a_file_over_the_limit_says_so_with_its_size(tmp_path: Path) -> None:
    # Regression: the size error was raised inside the OS-error mapping and, being a
    # ValueError, came out as "not a usable file name (... over the limit)".
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2000)
    with pytest.raises(InputError) as caught:
        cuecraft.load(big, max_bytes=1000)
    assert str(caught.value) == f"{big}: file is 2000 bytes, over the 1000-byte limit"
    assert caught.value.source == str(big)


def test_read_path_builds_the_callers_error(tmp_path: Path) -> None:
    # One place opens input files; a caller with its own error class (house rules) gets it.
    with pytest.raises(RulesError, match="no such file"):
        _files.read_path(tmp_path / "missing", 10, label="x", error=_LabelledRulesError)
    with pytest.raises(RulesError, match="is a directory, not a file"):
        _files.read_path(tmp_path, 10, label="x", error=_LabelledRulesError)
    (tmp_path / "big").write_bytes(b"12345678901")
    with pytest.raises(RulesError, match="file is 11 bytes, over the 10-byte limit"):
        _files.read_path(tmp_path / "big", 10, label="x", error=_LabelledRulesError)
    with pytest.raises(RulesError, match="not a usable file name"):
        _files.read_path(str(tmp_path / "nul\0byte"), 10, label="x", error=_LabelledRulesError)


class _LabelledRulesError(RulesError):
    def __init__(self, message: str, *, source: str) -> None:
        super().__init__(f"{source}: {message}")


def test_a_fifo_is_read_up_to_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    script = f"open({str(fifo)!r}, 'wb').write(b' ' * 5000)"
    writer = subprocess.Popen([sys.executable, "-c", script])
    try:
        with pytest.raises(InputError, match="over the 1000-byte limit"):
            cuecraft.load(fifo, max_bytes=1000)
    finally:
        writer.wait(timeout=20)


@pytest.mark.parametrize("path", ["talk\0.json", Path("talk\0.json")])
def test_a_path_with_nul_is_an_input_error(path: str | Path) -> None:
    with pytest.raises(InputError, match="not a usable file name") as caught:
        cuecraft.load(path)
    assert caught.value.source == "talk\0.json"


def test_an_output_path_with_nul_is_an_output_error(transcript: Transcript) -> None:
    with pytest.raises(OutputError, match="not a usable file name"):
        cuecraft.write(transcript, "out\0.srt")


def test_cli_nul_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["convert", "a\0b.json", "-o", str(tmp_path / "o.srt")]) == 1
    assert "not a usable file name" in capsys.readouterr().err


# ----------------------------------------------------------------------------- memory budget


def test_memory_estimate_uses_the_measured_factors() -> None:
    assert api.estimate_memory(b'{"words": []}') == 13 * api.MEMORY_FACTORS["json"]
    assert api.estimate_memory(b"  [1]") == 5 * api.MEMORY_FACTORS["json"]
    assert api.estimate_memory(b"1\n00:00:01,000") == 14 * api.MEMORY_FACTORS["other"]
    assert api.estimate_memory({"words": []}) == 0
    assert api.default_max_memory() >= 1024**3


def test_over_the_memory_budget_is_refused_up_front() -> None:
    data = TALK.read_bytes()
    need = len(data) * api.MEMORY_FACTORS["json"]
    with pytest.raises(InputError, match="max_memory_bytes") as caught:
        cuecraft.load(data, max_memory_bytes=need - 1)
    assert "memory" in caught.value.reason
    assert cuecraft.load(data, max_memory_bytes=need).words
    with pytest.raises(InputError, match="memory"):
        cuecraft.convert(TALK, io.BytesIO(), output_format="srt", max_memory_bytes=1000)


@pytest.mark.parametrize("value", [0, -1, True, 1.5])
def test_limits_must_be_positive_whole_numbers(value: object) -> None:
    with pytest.raises(RulesError) as caught:
        cuecraft.load(TALK, max_memory_bytes=value)  # type: ignore[arg-type]
    assert caught.value.field == "max_memory_bytes"
    with pytest.raises(RulesError):
        cuecraft.load(TALK, max_bytes=value)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", ["convert", "batch"])
def test_cli_max_memory(tmp_path: Path, command: str, capsys: pytest.CaptureFixture[str]) -> None:
    args = {
        "convert": ["convert", str(TALK), "-o", str(tmp_path / "o.srt")],
        "batch": ["batch", str(TALK), "-o", str(tmp_path / "out"), "--to", "srt"],
    }[command]
    assert main([*args, "--max-memory", "1M"]) == 1
    error = capsys.readouterr().err
    assert "memory" in error
    assert "--max-memory" in error  # the CLI names its own flag, not max_memory_bytes=
    assert "max_memory_bytes" not in error
    assert main([*args, "--max-memory", "2G"]) == 0


# ---------------------------------------------------------------------------- huge numbers


def test_a_time_too_large_for_a_float_is_an_output_error(tmp_path: Path) -> None:
    huge = Transcript(words=(Word(text="a", start_ms=10**400, end_ms=10**400),))
    for name in ("out.srt", "out.stl", "out.vtt", "out.ttml"):
        with pytest.raises(OutputError) as caught:
            cuecraft.write(huge, tmp_path / name)
        assert caught.value.target == str(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_huge_numbers_in_input_are_input_errors() -> None:
    for value in (1e308, 10**400):
        payload = json.dumps({"words": [{"text": "a", "start": value, "end": value}]})
        with pytest.raises(InputError):
            cuecraft.load(payload.encode())


def _catches_sigterm(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    for line in status.read_text().splitlines() if status.exists() else []:
        if line.startswith("SigCgt:"):
            return bool(int(line.split()[1], 16) >> (signal.SIGTERM - 1) & 1)
    return False


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc")
def test_sigterm_during_convert_leaves_no_temporary_file(tmp_path: Path) -> None:
    """SIGTERM (a service manager stopping the job) ends convert with 143 and cleans up."""
    words = [
        {"text": f"word{n % 50}", "start": n * 0.3, "end": n * 0.3 + 0.2} for n in range(200_000)
    ]
    source = tmp_path / "long.json"
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    child = subprocess.Popen(
        [sys.executable, "-m", "cuecraft", "convert", str(source), "-o", str(out / "long.srt")],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(Path(cuecraft.__file__).parent.parent)},
    )
    # Signal once the command runs (its SIGTERM handler is in place), as a service manager
    # stopping a long conversion would.
    deadline = time.monotonic() + 60
    while not _catches_sigterm(child.pid) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)
    child.send_signal(signal.SIGTERM)
    _, stderr = child.communicate(timeout=120)
    if child.returncode == 0:
        pytest.skip("the conversion finished before the signal (a very fast machine)")
    assert child.returncode == 143, stderr
    assert "terminated" in stderr
    assert _parts(out) == []
    assert list(out.iterdir()) == []


def test_a_huge_size_limit_is_no_limit() -> None:
    assert cuecraft.load(TALK, max_bytes=10**30, max_memory_bytes=10**30).words
    with open(TALK, "rb") as stream:
        assert cuecraft.load(stream, max_bytes=10**30).words


@pytest.mark.parametrize("kind", [io.BytesIO, io.StringIO])
def test_bounded_reads_stop_just_past_the_limit(kind: type[io.IOBase]) -> None:
    size = 3 * (1 << 20) + 5
    content = b"x" * size if kind is io.BytesIO else "x" * size
    assert len(_files.read_bounded(kind(content), size)) == size  # type: ignore[call-arg]
    assert len(_files.read_bounded(kind(content), size - 1)) == size  # type: ignore[call-arg]
    assert len(_files.read_bounded(kind(content), 10)) == 11  # type: ignore[call-arg]
    assert len(_files.read_bounded(kind(content), 10, size_hint=4)) == 11  # type: ignore[call-arg]


class _RecordedReads:
    """A stream that keeps what each read returned."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.given: list[bytes] = []

    def read(self, size: int) -> bytes:
        chunk, self.data = self.data[:size], self.data[size:]
        self.given.append(chunk)
        return chunk


def test_a_file_read_in_one_read_is_returned_as_read_not_copied() -> None:
    stream = _RecordedReads(b"x" * 1000)
    data = _files.read_bounded(stream, 10**6, size_hint=1000)
    assert data == b"x" * 1000
    assert data is stream.given[0]  # the empty read at the end joined nothing to it
    assert stream.given[1:] == [b""]
