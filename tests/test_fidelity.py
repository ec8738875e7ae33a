"""The fidelity contract is enforced (issue #9): a segmenter that loses, duplicates or reorders a
word makes every conversion path raise FidelityError, and nothing is written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

import cuecraft
from cuecraft import api
from cuecraft.batch import outputs, run_batch
from cuecraft.cli import main
from cuecraft.columns import CueTable, WordTable
from cuecraft.errors import FidelityError
from cuecraft.fidelity import check_cues
from cuecraft.model import Cue, Line, Word
from cuecraft.segment import Rules, TableSegmentation, segment, segment_table
from cuecraft.writers import get_writer
from tests.conftest import SAMPLES

TALK = SAMPLES / "words" / "talk.words.json"

Tamper = Callable[[list[Cue]], list[Cue]]


def _words(*texts: str) -> tuple[Word, ...]:
    return tuple(
        Word(text=text, start_ms=500 * index, end_ms=500 * index + 400)
        for index, text in enumerate(texts)
    )


def _cue(words: tuple[Word, ...], *spans: tuple[int, int], dash: str = "") -> Cue:
    lines = tuple(
        Line(text=dash + " ".join(w.text for w in words[first:stop]), first=first, stop=stop)
        for first, stop in spans
    )
    return Cue(start_ms=0, end_ms=100, lines=lines)


def _respan(cue: Cue, spans: list[tuple[int, int]], texts: list[str]) -> Cue:
    lines = tuple(
        Line(text=" ".join(texts[first:stop]), first=first, stop=stop) for first, stop in spans
    )
    return cue.model_copy(update={"lines": lines})


def _rows(cues: list[Cue]) -> list[tuple[int, int]]:
    return [(line.first, line.stop) for cue in cues for line in cue.lines]


def _rebuild(cues: list[Cue], rows: list[tuple[int, int]], texts: list[str]) -> list[Cue]:
    """One cue per row, with the rows' texts made from their (tampered) spans."""
    return [_respan(cues[0], [row], texts) for row in rows]


def _tampering(kind: str, texts: list[str]) -> Tamper:
    def tamper(cues: list[Cue]) -> list[Cue]:
        rows = [(index, index + 1) for index in range(len(texts))]
        if kind == "drop":
            del rows[3]
        elif kind == "duplicate":
            rows.insert(4, (3, 4))
        elif kind == "reorder":
            rows[3], rows[4] = rows[4], rows[3]
        elif kind == "text":
            return [
                cues[0].model_copy(
                    update={"lines": (cues[0].lines[0].model_copy(update={"text": "Hello"}),)}
                ),
                *cues[1:],
            ]
        return _rebuild(cues, rows, texts)

    return tamper


EXPECTED = {"drop": "missing", "duplicate": "duplicated", "reorder": "reordered", "text": "text"}


def _tampered_table(kind: str, table: CueTable) -> CueTable:
    """``table`` changed after it was made (a bug in the segmenter): a table checks itself
    when it is made, and the check between segmenter and writer must still catch this."""
    rows = list(table.row_firsts)
    if kind == "drop":
        rows[-1] -= 1
    elif kind == "duplicate":
        rows[4] = rows[3] - 1  # row 3 runs backwards: the next row writes its first word again
    elif kind == "empty":
        rows[4] = rows[3]
    elif kind == "foreign":
        table.words = WordTable.from_transcript(cuecraft.load(TALK))
    table.row_firsts = rows
    return table


TABLE_EXPECTED = {
    "drop": ("missing", -1),
    "duplicate": ("duplicated", -2),
    "empty": ("empty", None),
    "foreign": ("unknown", None),
}


@pytest.fixture(params=sorted(TABLE_EXPECTED))
def broken_segmenter(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> tuple[str, int | None]:
    """Patch the segmenter the api and batch use so that it breaks the contract in one way
    (batch segments each input once for all its formats, in cuecraft.batch.outputs)."""
    kind: str = request.param
    real = segment_table

    def segmenter(words: WordTable, rules: Rules | None = None) -> TableSegmentation:
        result = real(words, rules)
        return replace(result, table=_tampered_table(kind, result.table))

    monkeypatch.setattr(api, "segment_table", segmenter)
    monkeypatch.setattr(outputs, "segment_table", segmenter)
    problem, word = TABLE_EXPECTED[kind]
    if word == -1:  # the last word
        word = len(cuecraft.load(TALK).words) - 1
    elif word == -2:  # the word before row 3
        word = real(WordTable.from_transcript(cuecraft.load(TALK))).table.row_firsts[3] - 1
    return problem, word


def test_api_write_raises_and_writes_nothing(
    broken_segmenter: tuple[str, int | None], tmp_path: Path
) -> None:
    problem, word = broken_segmenter
    target = tmp_path / "out.srt"
    transcript = cuecraft.load(TALK)
    with pytest.raises(FidelityError) as caught:
        cuecraft.write(transcript, target)
    assert caught.value.problem == problem
    if word is not None:
        assert caught.value.word_index == word
    assert not target.exists()
    with pytest.raises(FidelityError):
        cuecraft.convert(TALK, tmp_path / "out.vtt")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_cues_made_from_the_table_are_checked_too(
    kind: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A writer that takes Cue objects gets them checked word by word and text by text."""
    texts = [word.text for word in cuecraft.load(TALK).words]
    real = CueTable.cues

    def cues(self: CueTable, *, named: bool = False) -> list[Cue]:
        return _tampering(kind, texts)(real(self, named=named))

    monkeypatch.setattr(CueTable, "cues", cues)
    target = tmp_path / "out.ttml"
    assert not get_writer("ttml").tables  # else pick a writer that takes Cue objects
    with pytest.raises(FidelityError) as caught:
        cuecraft.convert(TALK, target)
    assert caught.value.problem == EXPECTED[kind]
    assert not target.exists()


def test_cli_convert_fails_instead_of_exit_0(
    broken_segmenter: tuple[str, int | None],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "out.srt"
    assert main(["convert", str(TALK), "-o", str(target)]) == 1
    error = capsys.readouterr().err
    assert "bug in cuecraft" in error
    assert not target.exists()


def test_batch_reports_the_file_as_failed(
    broken_segmenter: tuple[str, int | None], tmp_path: Path
) -> None:
    report = run_batch([TALK], tmp_path / "out", ["srt", "txt"], jobs=1)
    (result,) = report.results
    assert result.status == "failed"
    assert result.error is not None
    assert "bug in cuecraft" in result.error
    # The transcript writer gets the transcript itself: nothing can be lost on the way.
    statuses = {out.format: out.status for out in result.outputs}
    assert statuses == {"srt": "failed", "txt": "written"}
    assert report.exit_code() == 1


def test_real_conversions_pass(tmp_path: Path) -> None:
    transcript = cuecraft.load(TALK)
    for rules in (Rules(), Rules(max_chars_per_row=12, max_rows=1), Rules(engine="greedy")):
        check_cues(transcript.words, segment(transcript, rules))
    for name in ("out.srt", "out.vtt", "out.txt"):
        cuecraft.convert(TALK, tmp_path / name)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["out.srt", "out.txt", "out.vtt"]


def test_dual_speaker_dashes_pass() -> None:
    words = _words("Hi.", "Hello.")
    check_cues(words, [_cue(words, (0, 1), (1, 2), dash="- ")], speaker_dash="- ")
    check_cues(words, [_cue(words, (0, 1), (1, 2), dash="-")], speaker_dash="-")
    with pytest.raises(FidelityError) as caught:
        check_cues(words, [_cue(words, (0, 1), (1, 2), dash="*")], speaker_dash="-")
    assert (caught.value.problem, caught.value.cue_index) == ("text", 0)


def test_rows_joined_without_spaces_pass() -> None:
    words = _words("今日", "は", "晴れ")
    lines = (Line(text="今日は晴れ", first=0, stop=3),)
    check_cues(words, [Cue(start_ms=0, end_ms=1, lines=lines)])


@pytest.mark.parametrize(
    ("spans", "problem", "word", "cue"),
    [
        ([(0, 2), (3, 4)], "missing", 2, 1),
        ([(0, 2)], "missing", 2, None),
        ([(0, 2), (1, 4)], "duplicated", 1, 1),
        ([(0, 1), (2, 3), (1, 2), (3, 4)], "reordered", 1, 1),
        ([(0, 2), (2, 2), (2, 4)], "empty", None, 1),
        ([(0, 2), (2, 5)], "unknown", 4, 1),
    ],
)
def test_each_violation_is_named(
    spans: list[tuple[int, int]], problem: str, word: int | None, cue: int | None
) -> None:
    words = _words("one", "two", "three", "four")
    cues = [_cue(words, span) for span in spans]
    with pytest.raises(FidelityError) as caught:
        check_cues(words, cues)
    assert (caught.value.problem, caught.value.word_index) == (problem, word)
    assert caught.value.cue_index == cue
