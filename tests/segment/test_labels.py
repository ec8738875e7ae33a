"""Speaker labels count in the row width (#9): the segmenter, the writers and check agree."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from cuecraft.cli import main
from cuecraft.columns import WordTable
from cuecraft.display import Display
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.segment import resolve_rules, segment, segment_with_report
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.labels import label_widths
from cuecraft.segment.rules import Rules
from cuecraft.tools.check import SubtitleCue, check_cues
from cuecraft.writers import ass, sbv, srt, vtt
from cuecraft.writers._cuetext import plan
from cuecraft.writers._spec import WriteContext
from tests.conftest import SAMPLES
from tests.strategies import segment_rules, transcripts


def _transcript(
    texts: list[str], speakers: list[str | None], names: dict[str, str] | None = None
) -> Transcript:
    words = tuple(
        Word(text=text, start_ms=400 * i, end_ms=400 * i + 300, speaker=speaker)
        for i, (text, speaker) in enumerate(zip(texts, speakers, strict=True))
    )
    known = sorted({s for s in speakers if s is not None})
    names = names or {}
    return Transcript(
        words=words,
        speakers=tuple(Speaker(id=s, name=names.get(s, s)) for s in known),
        language="en",
    )


def test_label_widths_follow_the_writers_rules() -> None:
    transcript = _transcript(
        ["a", "b", "c", "-d", "e"], ["A", "A", "B", None, "B"], {"A": "Ann", "B": "Bo  Li"}
    )
    table = WordTable.from_transcript(transcript)
    prefix = label_widths(table, Rules(row_labels="prefix"))
    chevrons = label_widths(table, Rules(row_labels="chevrons"))
    dash = label_widths(table, Rules(row_labels="dash"))
    actor = label_widths(table, Rules(row_labels="actor"))
    assert label_widths(table, Rules()) is None
    assert prefix is not None
    assert chevrons is not None
    assert dash is not None
    assert actor is not None
    # "Ann: " at the first row, "Bo Li: " (one space) at each change to B, none for no speaker.
    assert prefix.alone == [5, 0, 7, 0, 7]
    # ">> " at every change, also to an unknown speaker; nothing before the first row.
    assert chevrons.alone == [8, 0, 10, 3, 10]
    # Dashes and actor names only where a cue holds two speakers; no second dash on "-d".
    assert dash.alone == [0] * 5
    assert dash.shared == [1, 1, 1, 0, 1]
    assert actor.shared == [5, 5, 7, 0, 7]


def test_prefix_label_pushes_words_to_the_next_row() -> None:
    # "Absolutely, certainly" (21) fits a 22-character row, but not after "Ann: " (5).
    transcript = _transcript(["Absolutely,", "certainly"], ["A", "A"], {"A": "Ann"})
    (plain,) = segment(transcript, Rules(max_chars_per_row=22))
    assert [line.text for line in plain.lines] == ["Absolutely, certainly"]
    (labelled,) = segment(transcript, Rules(max_chars_per_row=22, row_labels="prefix"))
    assert [line.text for line in labelled.lines] == ["Absolutely,", "certainly"]


def test_a_row_exactly_the_limit_with_its_label_stays_one_row() -> None:
    transcript = _transcript(["Absolutely,", "certainly"], ["A", "A"], {"A": "Ann"})
    (cue,) = segment(transcript, Rules(max_chars_per_row=26, row_labels="prefix"))
    assert len(cue.lines) == 1  # "Ann: Absolutely, certainly" is exactly 26


def test_a_word_wider_than_a_row_after_its_label_is_reported() -> None:
    transcript = _transcript(["Extraordinarily"], ["A"], {"A": "Annabel"})
    result = segment_with_report(transcript, Rules(max_chars_per_row=20, row_labels="prefix"))
    assert [d.code for d in result.diagnostics] == ["word-longer-than-row"]
    row = "Annabel: Extraordinarily"
    report = check_cues([SubtitleCue(1, 0, 2000, (row,))], Rules(max_chars_per_row=20))
    assert [(f.code, f.severity) for f in report.findings] == [("word-longer-than-row", "warning")]


def test_labels_split_a_shared_cue_at_the_speaker_change() -> None:
    # Without new cues at speaker changes, a label must still start a row.
    transcript = _transcript(["Yes", "no", "maybe", "so"], ["A", "A", "B", "B"])
    rules = Rules(new_cue_on_speaker_change=False, row_labels="prefix", pause_break_ms=None)
    for cue in segment(transcript, rules):
        for line in cue.lines:
            speakers = {w.speaker for w in transcript.words[line.first : line.stop]}
            assert len(speakers) == 1


_WRITERS = [
    ("srt", "prefix"),
    ("srt", "dash"),
    ("vtt", "prefix"),
    ("sbv", "chevrons"),
    ("ass", "actor"),
    ("ass", "prefix"),
]


def _shown_rows(writer: str, mode: str, transcript: Transcript, rules: Rules) -> list[SubtitleCue]:
    """The rows as the writer shows them, labels included (without format escaping)."""
    cues = segment(transcript, rules)
    names = {speaker.id: speaker.name for speaker in transcript.speakers}
    context = WriteContext(speaker_names=names)
    shown = []
    if writer == "ass" and mode == "actor":
        for number, cue in enumerate(plan(cues, "none", context), start=1):
            _, texts = ass._actor_rows(cue, names)
            shown.append(SubtitleCue(number, cue.start_ms, cue.end_ms, tuple(texts)))
        return shown
    row_text = {"srt": srt._row_text, "sbv": sbv._row_text}.get(writer, srt._row_text)
    label_mode = "prefix" if writer == "ass" else mode
    for number, cue in enumerate(plan(cues, label_mode, context), start=1):  # type: ignore[arg-type]
        rows = tuple(row_text(row) for row in cue.rows)
        shown.append(SubtitleCue(number, cue.start_ms, cue.end_ms, rows))
    return shown


def _adjusted(writer: str, mode: str, rules: Rules) -> Rules:
    module = {"srt": srt, "vtt": vtt, "sbv": sbv, "ass": ass}[writer]
    options = module.SPEC.options(speaker_labels=mode)
    assert module.SPEC.display is not None
    return fit_rules(rules, module.SPEC.display(options))


@given(transcripts(long_words=False), segment_rules(), st.sampled_from(_WRITERS))
@example(
    _transcript(["Absolutely,", "certainly"], ["A", "A"], {"A": "Ann"}),
    Rules(max_chars_per_row=22),
    ("srt", "prefix"),
)
def test_labelled_rows_pass_check_with_the_same_rules(
    transcript: Transcript, rules: Rules, writer_mode: tuple[str, str]
) -> None:
    writer, mode = writer_mode
    adjusted = _adjusted(writer, mode, rules)
    applied, _ = resolve_rules(transcript, adjusted)
    shown = _shown_rows(writer, mode, transcript, adjusted)
    report = check_cues(shown, applied, tolerance_ms=0)
    assert report.errors == 0, [str(f) for f in report.findings if f.severity == "error"]


def test_bundled_sample_with_prefix_labels_passes_check(tmp_path: Path) -> None:
    # The reproduction in #9: 4 rows of 38-41 characters before the labels were counted.
    source = SAMPLES / "amberscript" / "interview.json"
    for name in ("x.vtt", "x.srt"):
        out = tmp_path / name
        flags = ["--max-chars-per-row", "37"]
        convert = ["convert", str(source), "-o", str(out), "--speaker-labels", "prefix"]
        assert main([*convert, *flags]) == 0
        assert main(["check", str(out), *flags]) == 0


@pytest.mark.parametrize("mode", ["prefix", "chevrons", "dash", "actor"])
def test_label_rules_reserve_room_only_for_visible_labels(mode: str) -> None:
    assert fit_rules(Rules(), Display(row_labels=mode)).row_labels == mode
    for invisible in ("none", "voice", "agent"):
        assert fit_rules(Rules(), Display(row_labels=invisible)).row_labels == "none"
