"""The columnar core (issue #12): WordTable and CueTable hold the model's invariants, and every
fast path on columns gives exactly what the object path gives."""

from __future__ import annotations

import io
import itertools
import json
import math
from array import array
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import cuecraft
from cuecraft.api import load_words
from cuecraft.columns import CueTable, WordTable
from cuecraft.errors import InputError, ModelError
from cuecraft.model import Highlight, Speaker, Transcript
from cuecraft.readers import words as words_reader
from cuecraft.segment import Rules, segment_table, segment_with_report
from cuecraft.timing import format_clock, format_clocks
from cuecraft.writers import srt, vtt
from cuecraft.writers._cuetext import plan
from cuecraft.writers._spec import WriteContext
from tests.conftest import SAMPLES
from tests.strategies import transcripts

TALK = SAMPLES / "words" / "talk.words.json"


def _table(**changes: Any) -> WordTable:
    columns: dict[str, Any] = {
        "texts": ["Hi", "there", "Ann."],
        "starts": [0, 400, 900],
        "ends": [300, 800, 1400],
        "speakers": ["a", "a", None],
        "speaker_list": [Speaker(id="a", name="Ann")],
    }
    columns.update(changes)
    texts, starts, ends = columns.pop("texts"), columns.pop("starts"), columns.pop("ends")
    return WordTable(texts, starts, ends, **columns)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"texts": [], "starts": [], "ends": [], "speakers": []}, "at least one word"),
        ({"ends": [300, 800]}, "ends has 2 values for 3 words"),
        ({"texts": ["Hi", "", "Ann."]}, "word 1: text must be a non-empty string"),
        ({"starts": [-5, 400, 900]}, "word 0 starts before 0"),
        ({"starts": [0, -5, 900]}, "word 1 starts before 0"),
        ({"ends": [300, 350, 1400]}, "word 1 ('there') ends at 350 ms"),
        ({"starts": [0, 400, 300]}, "word 2 ('Ann.') starts at 300 ms"),
        ({"speakers": ["a", "b", None]}, "word 1 has unknown speaker 'b'"),
        (
            {"speaker_list": [Speaker(id="a", name="A"), Speaker(id="a", name="B")]},
            "speaker ids must be unique",
        ),
        ({"highlights": [Highlight(first=2, stop=4)]}, "highlight 0 spans words [2, 4)"),
    ],
)
def test_a_word_table_refuses_what_a_transcript_refuses(
    changes: dict[str, Any], message: str
) -> None:
    with pytest.raises(ModelError) as caught:
        _table(**changes)
    assert message in str(caught.value)


@settings(max_examples=60, deadline=None)
@given(transcripts())
def test_a_transcript_goes_through_columns_unchanged(transcript: Transcript) -> None:
    table = WordTable.from_transcript(transcript)
    assert table.transcript() is transcript  # kept, not rebuilt
    rebuilt = WordTable(
        list(table.texts),
        table.starts,
        table.ends,
        speakers=table.speakers,
        confidences=table.confidences,
        pristine=table.pristine,
        paragraph_starts=table.paragraph_starts,
        speaker_list=table.speaker_list,
        language=table.language,
        source=table.source,
    )
    assert rebuilt.transcript() == transcript


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts(), st.sampled_from([Rules(), Rules(max_chars_per_row=20, max_rows=1)]))
def test_a_cue_table_gives_the_cues_of_the_object_path(
    transcript: Transcript, rules: Rules
) -> None:
    table = segment_table(WordTable.from_transcript(transcript), rules).table
    assert table.cues() == segment_with_report(transcript, rules).cues
    rows = table.row_firsts
    assert rows[0] == 0
    assert rows[-1] == len(transcript.words)
    assert all(a < b for a, b in itertools.pairwise(rows))


def test_a_cue_table_refuses_rows_that_do_not_tile_the_words() -> None:
    words = _table()
    CueTable(words, [0, 2, 3], [0, 2], [0], [1400])
    for rows, cue_rows in (([0, 2], [0, 1]), ([0, 2, 2, 3], [0, 3]), ([1, 3], [0, 1])):
        with pytest.raises(ModelError):
            CueTable(words, rows, cue_rows, [0], [1400])
    with pytest.raises(ModelError, match="before its start"):
        CueTable(words, [0, 3], [0, 1], [900], [800])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    transcripts(max_words=40, long_words=False),
    st.sampled_from(["none", "prefix", "dash", "voice", "chevrons"]),
)
def test_planning_a_table_equals_planning_its_cues(transcript: Transcript, mode: Any) -> None:
    table = segment_table(WordTable.from_transcript(transcript), Rules()).table
    assert plan(table, mode) == plan(table.cues(), mode)


_TRICKY_TEXT = st.sampled_from(["a", "10", "-->", "<i>", "{x}", "\\N", "01:02:03,000", "[A]:"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(transcripts(max_words=40, long_words=False), st.lists(_TRICKY_TEXT, max_size=3))
def test_subtitles_from_a_table_equal_subtitles_from_its_cues(
    transcript: Transcript, tricky: list[str]
) -> None:
    if tricky:  # words that make the writer change a row, in the file's first rows
        words = [
            w.model_copy(update={"text": t}) for w, t in zip(transcript.words, tricky, strict=False)
        ]
        transcript = transcript.model_copy(
            update={"words": (*words, *transcript.words[len(words) :])}
        )
    table = segment_table(WordTable.from_transcript(transcript), Rules()).table
    for writer in (srt.write, vtt.write):
        fast, slow = io.StringIO(), io.StringIO()
        writer(table, fast)
        writer(table.cues(), slow)
        assert fast.getvalue() == slow.getvalue()


@pytest.mark.parametrize("digits", ["12", "007", "١٢"])
def test_a_table_with_a_last_row_of_digits_is_written_as_its_cues(digits: str) -> None:
    # The table path looks at cues one by one only when some row is all digits; the cue
    # whose last row it is gets the same change and the same diagnostic as on the cue path.
    words = WordTable(
        ["we", "counted", digits, "then", digits],
        [0, 300, 600, 1000, 1400],
        [300, 600, 900, 1300, 1700],
        speakers=[None] * 5,
    )
    table = CueTable(words, [0, 2, 3, 4, 5], [0, 2, 4], [0, 1000], [1000, 2000])
    fast, slow = io.StringIO(), io.StringIO()
    fast_context, slow_context = WriteContext(), WriteContext()
    srt.write(table, fast, None, fast_context)
    srt.write(table.cues(), slow, None, slow_context)
    assert fast.getvalue() == slow.getvalue()
    assert fast.getvalue().count(f"\n{digits}\u00a0\n") == 2
    notes = [(d.code, d.cue_index) for d in fast_context.diagnostics]
    assert notes == [(d.code, d.cue_index) for d in slow_context.diagnostics]
    assert notes == [("number-row-kept", 0), ("number-row-kept", 1)]


@given(st.lists(st.integers(min_value=0, max_value=400 * 3_600_000), max_size=20))
def test_clocks_in_one_pass_equal_clock_by_clock(values: list[int]) -> None:
    for separator in (",", "."):
        assert format_clocks(values, separator=separator) == [
            format_clock(ms, separator=separator) for ms in values
        ]


_NUMBER = st.one_of(
    st.floats(min_value=0, max_value=5000, allow_nan=False),
    st.integers(min_value=0, max_value=5000),
    st.sampled_from([-1, -0.5, True, None, "1.5", math.inf, 1e300, 10**30]),
)
_WORD = st.fixed_dictionaries(
    {"text": st.sampled_from(["Hi", " so ", "", "x\ud800", 5, "ok."]), "start": _NUMBER},
    optional={
        "end": _NUMBER,
        "speaker": st.sampled_from(["A", "B", "", None, 3]),
        "confidence": st.one_of(st.none(), st.floats(0, 1), st.sampled_from([2.0, "x", False])),
    },
)


def _outcome(doc: dict[str, Any]) -> object:
    try:
        return words_reader.read(doc, source="t.json", strict=False).transcript().model_dump()
    except InputError as exc:
        return (type(exc).__name__, str(exc))


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=6))
def test_the_fast_column_pass_equals_the_word_by_word_pass(words: list[dict[str, Any]]) -> None:
    """Whatever the fast pass takes, it reads as the careful pass would; anything else it
    leaves to the careful pass, which says where the problem is."""
    doc = {"words": words}
    fast = _outcome(doc)
    original = words_reader._read_columns
    words_reader._read_columns = lambda *args, **kwargs: None
    try:
        careful = _outcome(doc)
    finally:
        words_reader._read_columns = original
    assert fast == careful


@pytest.mark.parametrize("way", ["careful", "columns", "typed"])
def test_a_table_holds_one_string_per_distinct_text_and_speaker(
    way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    words = [
        {"text": text, "start": index, "end": index + 0.5, "speaker": speaker}
        for index, (text, speaker) in enumerate(
            [("so", "Ann"), (" so", "Ann"), ("yes", "Bo"), ("so ", "Ann"), ("yes", "Bo")]
        )
    ]
    data = json.dumps({"words": words})  # decoded, each value is a string of its own
    if way == "careful":
        monkeypatch.setattr(words_reader, "_read_columns", lambda *args, **kwargs: None)
    if way == "typed":
        pytest.importorskip("msgspec")
        table = words_reader.read_bytes(data, source="t.json")
    else:
        table = words_reader.read(json.loads(data), source="t.json")
    assert table is not None
    assert table.texts == ["so", "so", "yes", "so", "yes"]
    assert table.speakers == ["Ann", "Ann", "Bo", "Ann", "Bo"]
    assert len(set(map(id, table.texts))) == 2
    assert len(set(map(id, table.speakers))) == 2


def test_load_words_is_load_as_columns() -> None:
    table = load_words(TALK)
    transcript = cuecraft.load(TALK)
    assert isinstance(table, WordTable)
    assert table.transcript() == transcript
    assert isinstance(table.starts, array)
    assert table.starts.typecode == "q"
    assert cuecraft.dumps(table, "srt") == cuecraft.dumps(transcript, "srt")
