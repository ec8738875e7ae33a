"""HappyScribe reader: speaker blocks, spacing and punctuation tokens, BOM."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

import cuecraft
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import happyscribe
from tests.conftest import SAMPLES

SAMPLE = SAMPLES / "happyscribe" / "interview.json"


def test_bundled_sample_matches_its_raw_json() -> None:
    data = SAMPLE.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # the sample keeps the BOM HappyScribe may send
    raw = json.loads(data.decode("utf-8-sig"))
    transcript = cuecraft.load(SAMPLE)
    assert transcript.source.format == "happyscribe"
    # Independently: the token texts of a block, concatenated, are the displayed text.
    texts = [text for block in raw for text in "".join(t["text"] for t in block["words"]).split()]
    starts = [
        math.floor(t["data_start"] * 1000 + 0.5)
        for block in raw
        for t in block["words"]
        if t["type"] == "text"
    ]
    assert [w.text for w in transcript.words] == texts
    assert [w.start_ms for w in transcript.words] == starts
    assert len(texts) >= 300
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("S0", "Zoë Müller"),
        ("S1", "José Núñez"),
    ]
    assert sum(w.paragraph_start for w in transcript.words) == len(raw)
    assert [transcript.words[first].speaker for first, _ in transcript.turns()] == [
        f"S{n}" for n in _collapse([block["speaker_number"] for block in raw])
    ]


def _collapse(values: list[int]) -> list[int]:
    return [v for i, v in enumerate(values) if i == 0 or values[i - 1] != v]


def _token(text: str, start: float | None = None, end: float | None = None, **extra: Any) -> Any:
    token: dict[str, Any] = {"text": text, **extra}
    if start is not None:
        token["data_start"] = start
        token["data_end"] = end if end is not None else start
    return token


def _block(*tokens: Any, speaker: str = "Ana", number: int = 0) -> dict[str, Any]:
    return {"speaker": speaker, "speaker_number": number, "words": list(tokens)}


def _read(*blocks: dict[str, Any], strict: bool = True) -> cuecraft.Transcript:
    return cuecraft.load(list(blocks), "happyscribe", strict=strict)


def test_punctuation_glues_to_the_previous_word_which_keeps_its_times() -> None:
    transcript = _read(
        _block(
            _token("Hello", 0.5, 0.9),
            _token(",", 0.9, 1.1, type="punctuation"),
            _token(" "),
            _token("world", 1.2, 1.6),
            _token("!", 1.6),
        )
    )
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("Hello,", 500, 900),
        ("world!", 1200, 1600),
    ]


def test_whitespace_tokens_are_never_words_even_with_times() -> None:
    transcript = _read(
        _block(_token("a", 0, 0.2), _token(" ", 0.2, 0.3), _token("\u00a0\t"), _token("b", 0.3))
    )
    assert [w.text for w in transcript.words] == ["a", "b"]
    assert transcript.diagnostics == ()


def test_leading_punctuation_glues_to_the_next_word() -> None:
    transcript = _read(
        _block(_token("¿", 0.1), _token("Qué", 0.2, 0.4), _token("?", 0.4)),
        _block(_token("…", 1.0), _token(" "), _token("sí", 1.1, 1.3), number=1, speaker="Bea"),
    )
    assert [w.text for w in transcript.words] == ["¿Qué?", "…sí"]
    assert transcript.words[0].start_ms == 200  # the next word keeps its own start


def test_opening_marks_after_spacing_glue_forward_closing_marks_back() -> None:
    transcript = _read(
        _block(
            _token("says", 0, 0.3),
            _token(" "),
            _token("“", 0.3),
            _token("hi", 0.4, 0.6),
            _token("”", 0.6),
            _token(" "),
            _token("(", 0.7),
            _token("twice", 0.8, 1.0),
            _token(")", 1.0),
            _token(".", 1.0),
        )
    )
    assert [w.text for w in transcript.words] == ["says", "“hi”", "(twice)."]


def test_undecided_mark_after_spacing_glues_to_the_next_attached_word() -> None:
    transcript = _read(
        _block(_token("say", 0, 0.3), _token(" "), _token('"', 0.3), _token("cheese", 0.4, 0.8))
    )
    assert [w.text for w in transcript.words] == ["say", '"cheese']


def test_trailing_leading_mark_at_block_end_goes_back_to_the_last_word() -> None:
    transcript = _read(_block(_token("end", 0, 0.3), _token(" "), _token("(", 0.4)))
    assert [w.text for w in transcript.words] == ["end("]


def test_block_with_only_punctuation_is_dropped_with_a_diagnostic() -> None:
    transcript = _read(
        _block(_token("a", 0, 0.3)),
        _block(_token("...", 0.5), number=1, speaker="Bea"),
    )
    assert [w.text for w in transcript.words] == ["a"]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("stray-punctuation", "/1/words/0")
    ]


def test_word_tokens_need_times_spacing_and_punctuation_do_not() -> None:
    with pytest.raises(SchemaError) as caught:
        _read(_block(_token("a", 0, 0.3), _token(" "), _token("b"), _token(",")))
    assert [p.pointer for p in caught.value.problems] == [
        "/0/words/2/data_start",
        "/0/words/2/data_end",
    ]


def test_speaker_ids_come_from_speaker_number_names_from_speaker() -> None:
    transcript = _read(
        _block(_token("a", 0, 0.3), speaker="Zoë Müller", number=3),
        _block(_token("b", 1, 1.3), speaker="José Núñez", number=0),
        _block(_token("c", 2, 2.3), speaker="Zoë Müller", number=3),
    )
    assert [w.speaker for w in transcript.words] == ["S3", "S0", "S3"]
    assert [(s.id, s.name) for s in transcript.speakers] == [
        ("S3", "Zoë Müller"),
        ("S0", "José Núñez"),
    ]
    assert all(w.paragraph_start for w in transcript.words)


def test_missing_speaker_fields() -> None:
    transcript = _read(
        {"speaker_number": 2, "words": [_token("a", 0, 0.3)]},
        {"speaker": "Solo", "words": [_token("b", 1, 1.3)]},
        {"words": [_token("c", 2, 2.3)]},
    )
    assert [w.speaker for w in transcript.words] == ["S2", "Solo", None]
    assert [s.name for s in transcript.speakers] == ["Speaker 2", "Solo"]


def test_renamed_speaker_number_keeps_the_first_name() -> None:
    transcript = _read(
        _block(_token("a", 0, 0.3), speaker="Ana", number=0),
        _block(_token("b", 1, 1.3), speaker="Anna", number=0),
    )
    assert [s.name for s in transcript.speakers] == ["Ana"]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("speaker-renamed", "/1/speaker")
    ]


def test_a_block_without_a_name_renames_no_one() -> None:
    # Blocks that give only the number keep the name given before, and a later name
    # replaces the number's default name: neither is a rename.
    transcript = _read(
        _block(_token("a", 0, 0.3), speaker="Ana", number=0),
        {"speaker_number": 0, "words": [_token("b", 1, 1.3)]},
        {"speaker_number": 1, "words": [_token("c", 2, 2.3)]},
        _block(_token("d", 3, 3.3), speaker="Bea", number=1),
    )
    assert [(s.id, s.name) for s in transcript.speakers] == [("S0", "Ana"), ("S1", "Bea")]
    assert transcript.diagnostics == ()
    assert [w.speaker for w in transcript.words] == ["S0", "S0", "S1", "S1"]


@pytest.mark.parametrize(
    ("tokens", "texts"),
    [
        ((("a", 0), ("(", None), (")", None), (".", None)), ["a()."]),
        ((("a", 0), ("(", None), (")", None), (".", None), ("b", 1)), ["a", "().b"]),
        ((("a", 0), ("“", None), ("”", None)), ["a“”"]),
    ],
)
def test_marks_keep_their_order_when_one_waits_for_the_next_word(
    tokens: tuple[tuple[str, float | None], ...], texts: list[str]
) -> None:
    # An opening mark waits for the next word; a closing mark after it waits with it rather
    # than going back before it ("a).(" was read for "a ( ) .").
    transcript = _read(_block(*(_token(text, start) for text, start in tokens)))
    assert [w.text for w in transcript.words] == texts
    assert "".join(w.text for w in transcript.words) == "".join(text for text, _ in tokens)


def test_bom_is_accepted_in_bytes() -> None:
    payload = json.dumps([_block(_token("a", 0, 0.3))]).encode()
    assert [w.text for w in cuecraft.load(b"\xef\xbb\xbf" + payload).words] == ["a"]


def test_schema_error_pointers() -> None:
    doc = [_block(_token("a", 0, 0.3), _token("b", 0.4, 0.5))]
    doc[0]["speaker_number"] = "0"
    doc[0]["words"][1]["data_end"] = "0.5"
    with pytest.raises(SchemaError) as caught:
        _read(*doc)
    assert [p.pointer for p in caught.value.problems] == [
        "/0/speaker_number",
        "/0/words/1/data_end",
    ]


def test_reversed_word_with_later_punctuation_still_reports_the_word() -> None:
    doc = _block(_token("a", 1.0, 0.5), _token(".", 1.0, 1.2))
    with pytest.raises(InputError) as caught:
        _read(doc)
    assert caught.value.pointer == "/0/words/0/data_end"


def test_sniffer_claims_happyscribe_only() -> None:
    assert happyscribe.sniff([_block(_token("a", 0, 0.3))])
    assert happyscribe.sniff([{"speaker": "A", "data_start": 0, "words": []}])
    # Dumped Whisper/WhisperX segments: words, even a speaker, but no data_start.
    whisperx = [{"start": 0, "end": 1, "speaker": "SPEAKER_00", "words": [{"word": "a"}]}]
    assert not happyscribe.sniff(whisperx)
    assert not happyscribe.sniff([{"word": "a", "start": 0, "end": 1, "conf": 1}])  # Scribie
    assert not happyscribe.sniff({"words": [_token("a", 0, 0.3)]})
