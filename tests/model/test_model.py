"""The canonical model: invariants, lossless JSON, published schema."""

from __future__ import annotations

import json

import pytest
from hypothesis import given

from cuecraft.errors import ModelError
from cuecraft.model import Highlight, Speaker, Transcript, Word, transcript_json_schema
from tests.conftest import ROOT
from tests.strategies import transcripts


def _word(text: str, start: int, end: int, speaker: str | None = None) -> Word:
    return Word(text=text, start_ms=start, end_ms=end, speaker=speaker)


@given(transcripts())
def test_canonical_json_round_trip_is_lossless(transcript: Transcript) -> None:
    assert Transcript.model_validate_json(transcript.model_dump_json()) == transcript


def test_empty_transcript_is_rejected() -> None:
    with pytest.raises(ModelError, match="at least one word"):
        Transcript(words=())


def test_end_before_start_is_rejected() -> None:
    with pytest.raises(ModelError, match="before its start"):
        Transcript(words=(_word("a", 100, 50),))


def test_words_must_start_in_order_but_may_overlap() -> None:
    overlapping = Transcript(words=(_word("a", 0, 500), _word("b", 300, 600)))
    assert [w.text for w in overlapping.words] == ["a", "b"]
    with pytest.raises(ModelError, match="before the previous word's start"):
        Transcript(words=(_word("a", 300, 400), _word("b", 200, 600)))


def test_unknown_speaker_is_rejected() -> None:
    with pytest.raises(ModelError, match="unknown speaker"):
        Transcript(words=(_word("a", 0, 1, "spk9"),), speakers=(Speaker(id="spk1", name="A"),))


def test_highlight_outside_words_is_rejected() -> None:
    with pytest.raises(ModelError, match="highlight 0"):
        Transcript(words=(_word("a", 0, 1),), highlights=(Highlight(first=0, stop=2),))


def test_turns_merge_same_speaker_paragraphs() -> None:
    speakers = (Speaker(id="a", name="A"), Speaker(id="b", name="B"))
    words = (
        _word("1", 0, 1, "a"),
        _word("2", 1, 2, "a"),
        _word("3", 2, 3, "b"),
        _word("4", 3, 4, "a"),
    )
    assert Transcript(words=words, speakers=speakers).turns() == [(0, 2), (2, 3), (3, 4)]


def test_published_schema_is_current() -> None:
    published = json.loads((ROOT / "schema" / "transcript.schema.json").read_text("utf-8"))
    assert published == transcript_json_schema()
