"""Vendor-JSON writers (amberscript, happyscribe, scribie): what they write is detected as that
vendor and reads back, with our reader, as the same words, times and speakers; an independent
walk of the written JSON (by each vendor's documented shape) finds the same words and times."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from cuecraft import load
from cuecraft.api import render
from cuecraft.errors import UnencodableError, UnknownFormatError
from cuecraft.model import Speaker, Transcript, Word
from cuecraft.readers import detect
from cuecraft.writers import get_writer
from tests.strategies import transcripts

VENDORS = ("amberscript", "happyscribe", "scribie")
SAMPLES = Path(__file__).parent.parent.parent / "samples"


def _punctuation_only(text: str) -> bool:
    return all(unicodedata.category(char).startswith("P") for char in text)


def _written(transcript: Transcript, vendor: str) -> tuple[bytes, Transcript]:
    data, _ = render(transcript, get_writer(vendor))
    spec, doc = detect(data, source=f"out.{vendor}.json")
    assert spec.name == vendor
    return data, spec.read_transcript(doc, source=f"out.{vendor}.json")


def _extract(vendor: str, doc: Any) -> list[tuple[str, int, int]]:
    """Words and times (ms) by each vendor's documented shape, without our readers."""
    if vendor == "amberscript":
        items = [(w["text"], w["start"], w["end"]) for s in doc["segments"] for w in s["words"]]
    elif vendor == "happyscribe":
        items = [(t["text"], t["data_start"], t["data_end"]) for b in doc for t in b["words"]]
    else:
        items = [(w["word"], w["start"], w["end"]) for w in doc]
    return [(text, round(start * 1000), round(end * 1000)) for text, start, end in items]


def _changes(words: tuple[Word, ...]) -> list[int]:
    return [i for i in range(1, len(words)) if words[i].speaker != words[i - 1].speaker]


def _check_speakers(vendor: str, source: Transcript, back: Transcript) -> None:
    if vendor == "amberscript":
        # The ids are the spkids: identical, and every listed speaker is kept.
        assert [w.speaker for w in back.words] == [w.speaker for w in source.words]
        assert back.speakers == source.speakers
    elif vendor == "happyscribe":
        # Ids become S{number}, one per speaker, with the speaker's name.
        mapping: dict[str, str | None] = {}
        for mine, theirs in zip(source.words, back.words, strict=True):
            assert (mine.speaker is None) == (theirs.speaker is None)
            if mine.speaker is not None:
                assert mapping.setdefault(mine.speaker, theirs.speaker) == theirs.speaker
                assert back.speaker_name(theirs.speaker) == source.speaker_name(mine.speaker)
        assert len(set(mapping.values())) == len(mapping)
    else:
        # Scribie's JSON holds only turns: each change of speaker survives, no names.
        assert _changes(back.words) == _changes(source.words)


@pytest.mark.parametrize("vendor", VENDORS)
@given(transcript=transcripts(max_words=40, long_words=False))
def test_written_json_reads_back_as_every_word_time_and_speaker(
    vendor: str, transcript: Transcript
) -> None:
    if vendor == "happyscribe" and any(_punctuation_only(w.text) for w in transcript.words):
        return  # a punctuation-only token is glued by design: see the test below
    data, back = _written(transcript, vendor)
    assert [(w.text, w.start_ms, w.end_ms) for w in back.words] == [
        (w.text, w.start_ms, w.end_ms) for w in transcript.words
    ]
    assert [w.confidence for w in back.words] == [w.confidence for w in transcript.words]
    _check_speakers(vendor, transcript, back)
    independent = _extract(vendor, json.loads(data.decode("utf-8")))
    assert independent == [(w.text, w.start_ms, w.end_ms) for w in transcript.words]


@pytest.mark.parametrize("vendor", VENDORS)
@pytest.mark.parametrize("sample", ["amberscript", "happyscribe", "scribie"])
def test_bundled_samples_convert_to_every_vendor(vendor: str, sample: str) -> None:
    source = load(SAMPLES / sample / "interview.json")
    _, back = _written(source, vendor)
    assert [(w.text, w.start_ms, w.end_ms) for w in back.words] == [
        (w.text, w.start_ms, w.end_ms) for w in source.words
    ]
    _check_speakers(vendor, source, back)


def _transcript(*texts: str, speakers: tuple[str | None, ...] = ()) -> Transcript:
    names = tuple(dict.fromkeys(s for s in speakers if s is not None))
    return Transcript(
        words=tuple(
            Word(
                text=text,
                start_ms=1000 * i,
                end_ms=1000 * i + 500,
                speaker=speakers[i] if speakers else None,
            )
            for i, text in enumerate(texts)
        ),
        speakers=tuple(Speaker(id=s, name=s.upper()) for s in names),
    )


def test_amberscript_keeps_highlights_and_pristine_flags() -> None:
    from cuecraft.model import Highlight

    base = _transcript("a", "b", "c", speakers=("s1", "s1", "s2"))
    words = (base.words[0].model_copy(update={"pristine": False}), *base.words[1:])
    source = base.model_copy(
        update={"words": words, "highlights": (Highlight(first=1, stop=3, label="x"),)}
    )
    _, back = _written(source, "amberscript")
    assert [w.pristine for w in back.words] == [False, None, None]
    assert [(h.first, h.stop, h.label) for h in back.highlights] == [(1, 3, "x")]


def test_amberscript_segments_break_at_paragraphs_and_speakers() -> None:
    source = _transcript("a", "b", "c", "d", speakers=("s1", "s1", "s2", "s2"))
    words = list(source.words)
    words[1] = words[1].model_copy(update={"paragraph_start": True})
    data, _ = render(source.model_copy(update={"words": tuple(words)}), get_writer("amberscript"))
    doc = json.loads(data)
    assert [(s["speaker"], [w["text"] for w in s["words"]]) for s in doc["segments"]] == [
        ("s1", ["a"]),
        ("s1", ["b"]),
        ("s2", ["c", "d"]),
    ]
    assert doc["segments"][0]["words"][0] == {
        "start": 0,
        "end": 0.5,
        "duration": 0.5,
        "text": "a",
        "conf": None,
    }


def test_scribie_marks_a_turn_after_the_last_word_of_each_speaker() -> None:
    data, _ = render(_transcript("a", "b", "c", speakers=("x", "y", "y")), get_writer("scribie"))
    assert ["turn" in w for w in json.loads(data)] == [True, False, False]


def test_scribie_names_come_back_through_speaker_names() -> None:
    source = _transcript("a", "b", "c", speakers=("x", "y", "x"))
    data, _ = render(source, get_writer("scribie"))
    back = load(data, format="scribie", speaker_names=["X", "Y"])
    assert [back.speaker_name(w.speaker) for w in back.words] == ["X", "Y", "X"]


def test_happyscribe_reports_a_punctuation_only_word() -> None:
    data, notes = render(_transcript("a", "—", "b"), get_writer("happyscribe"))
    assert [(d.code, d.word_index) for d in notes] == [("punctuation-token", 1)]
    back = load(data)
    assert [w.text for w in back.words] == ["a—", "b"]


@pytest.mark.parametrize("vendor", VENDORS)
def test_lone_surrogate_in_a_speaker_name_is_an_unencodable_error(vendor: str) -> None:
    source = _transcript("a", "b", speakers=("x", "y"))
    odd = source.model_copy(
        update={"speakers": (Speaker(id="x", name="\ud800"), source.speakers[1])}
    )
    if vendor == "scribie":
        odd = odd.model_copy(
            update={"words": (odd.words[0].model_copy(update={"text": "a\ud800"}), odd.words[1])}
        )
    with pytest.raises(UnencodableError, match="U\\+D800"):
        render(odd, get_writer(vendor))


@pytest.mark.parametrize("vendor", VENDORS)
def test_output_extension_selects_the_vendor_writer(vendor: str) -> None:
    from cuecraft.api import writer_for

    assert writer_for(f"out.{vendor}.json", None).name == vendor
    # A bare .json names no vendor: no writer is guessed.
    with pytest.raises(UnknownFormatError):
        writer_for("out.json", None)
