"""load(encoding=) and --input-encoding: a subtitle file in a legacy code page reads right.

The readers take ``encoding=`` in ``readers.detect``/``readers.decode`` (the subtitles
helper's branch); until that is merged these tests skip, except the guard's own test.
"""

from __future__ import annotations

import inspect
from pathlib import Path
from typing import Any

import pytest

import cuecraft
from cuecraft import _loading, readers
from cuecraft.cli import main
from cuecraft.errors import RulesError

needs_encoding = pytest.mark.skipif(
    "encoding" not in inspect.signature(readers.detect).parameters,
    reason="needs readers.detect(encoding=) from the subtitles branch",
)

SRT = "1\n00:00:01,000 --> 00:00:02,500\nПривет, мир!\n\n2\n00:00:03,000 --> 00:00:04,000\nДа.\n"
WORDS = ["Привет,", "мир!", "Да."]


@pytest.fixture
def cp1251(tmp_path: Path) -> Path:
    path = tmp_path / "russian.srt"
    path.write_bytes(SRT.encode("cp1251"))
    return path


@needs_encoding
@pytest.mark.parametrize("format", [None, "srt"])
def test_load_with_an_encoding(cp1251: Path, format: str | None) -> None:
    transcript = cuecraft.load(cp1251, format, encoding="cp1251")
    assert [word.text for word in transcript.words] == WORDS
    # Without it the bytes are not UTF-8, and the fallback cannot know the code page.
    assert [word.text for word in cuecraft.load(cp1251, format).words] != WORDS


@needs_encoding
def test_convert_passes_the_encoding(cp1251: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.vtt"
    cuecraft.convert(cp1251, target, encoding="cp1251")
    assert "Привет, мир!" in target.read_text(encoding="utf-8")


@needs_encoding
def test_cli_convert_input_encoding(cp1251: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.srt"
    assert main(["convert", str(cp1251), "-o", str(target), "--input-encoding", "cp1251"]) == 0
    assert "Привет, мир!" in target.read_text(encoding="utf-8")


@needs_encoding
def test_cli_batch_input_encoding(cp1251: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["batch", str(cp1251), "-o", str(out), "--to", "txt", "--input-encoding", "cp1251"]
    assert main(args) == 0
    assert "Привет, мир!" in (out / "russian.txt").read_text(encoding="utf-8")


@needs_encoding
def test_an_unknown_encoding_is_an_input_error(
    cp1251: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(cuecraft.InputError):
        cuecraft.load(cp1251, encoding="no-such-codec")
    args = ["convert", str(cp1251), "-o", str(tmp_path / "o.srt"), "--input-encoding", "nope"]
    assert main(args) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1
    assert str(cp1251) in error


def test_readers_without_the_keyword_refuse_it_clearly(
    cp1251: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def detect(data: Any, *, source: str) -> Any:
        raise AssertionError("not to be called with an encoding it cannot take")

    monkeypatch.setattr(_loading, "detect", detect)
    with pytest.raises(RulesError) as caught:
        cuecraft.load(cp1251, encoding="cp1251")
    assert caught.value.field == "encoding"
