"""Azure fast-transcription responses and Speech SDK results (the ``azure`` reader's other two
shapes), and the display text put onto lexical words; small constructed inputs plus real files
in the shared corpus (``../shared/corpus/vendors/azure/``, skipped when absent)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cuecraft import load
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import detect
from cuecraft.readers.azure import SPEC, sniff
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)


def _fast_word(text: str, start: int, length: int, *, preview: bool = False) -> dict[str, Any]:
    names = ("offset", "duration") if preview else ("offsetMilliseconds", "durationMilliseconds")
    return {"text": text, names[0]: start, names[1]: length}


def _fast(*phrases: dict[str, Any]) -> dict[str, Any]:
    return {
        "durationMilliseconds": 9000,
        "combinedPhrases": [{"text": "x"}],
        "phrases": list(phrases),
    }


def _sdk(display: str, words: list[tuple[str, int, int]], **fields: Any) -> dict[str, Any]:
    """One SDK result; word times in ms, written as ticks."""
    result: dict[str, Any] = {
        "Id": "a",
        "RecognitionStatus": "Success",
        "Offset": words[0][1] * 10_000 if words else 0,
        "Duration": 10_000,
        "DisplayText": display,
        "NBest": [
            {
                "Confidence": 0.9,
                "Lexical": " ".join(w for w, _, _ in words),
                "Display": display,
                "Words": [
                    {"Word": w, "Offset": start * 10_000, "Duration": (end - start) * 10_000}
                    for w, start, end in words
                ],
            }
        ],
    }
    result.update(fields)
    return result


# -- fast transcription ----------------------------------------------------------------------


def test_fast_words_are_display_words_in_milliseconds_with_speakers() -> None:
    doc = _fast(
        {
            "speaker": 1,
            "offsetMilliseconds": 40,
            "durationMilliseconds": 600,
            "text": "Hi, Sam.",
            "words": [_fast_word("Hi,", 40, 200), _fast_word("Sam.", 240, 400)],
            "locale": "en-US",
        },
        {
            "speaker": 2,
            "offsetMilliseconds": 900,
            "durationMilliseconds": 300,
            "text": "Hello.",
            "words": [_fast_word("Hello.", 900, 300)],
            "locale": "en-US",
        },
    )
    transcript = read(doc, source="f.json")
    assert [(w.text, w.start_ms, w.end_ms, w.speaker) for w in transcript.words] == [
        ("Hi,", 40, 240, "1"),
        ("Sam.", 240, 640, "1"),
        ("Hello.", 900, 1200, "2"),
    ]
    assert [s.name for s in transcript.speakers] == ["Speaker 1", "Speaker 2"]
    assert [w.paragraph_start for w in transcript.words] == [True, False, True]
    assert transcript.language == "en-US"


def test_fast_preview_names_and_channels_merge_by_time() -> None:
    # The 2024-05-15-preview API: offset/duration (ms); stereo phrases listed channel by channel.
    doc = _fast(
        {
            "channel": 0,
            "offset": 0,
            "duration": 900,
            "text": "a c",
            "words": [
                _fast_word("a", 0, 100, preview=True),
                _fast_word("c", 800, 100, preview=True),
            ],
        },
        {
            "channel": 1,
            "offset": 400,
            "duration": 100,
            "text": "b",
            "words": [_fast_word("b", 400, 100, preview=True)],
        },
    )
    transcript = read(doc, source="f.json")
    assert [(w.text, w.speaker) for w in transcript.words] == [
        ("a", "C0"),
        ("b", "C1"),
        ("c", "C0"),
    ]
    assert [s.name for s in transcript.speakers] == ["Channel 0", "Channel 1"]


def test_fast_phrase_without_words_is_an_error_at_the_phrase() -> None:
    doc = _fast({"offsetMilliseconds": 0, "durationMilliseconds": 5, "text": "Hi."})
    with pytest.raises(InputError) as caught:
        read(doc, source="f.json")
    assert caught.value.pointer == "/phrases/0"


def test_fast_word_without_offset_is_an_error_at_the_missing_field() -> None:
    doc = _fast(
        {
            "offsetMilliseconds": 0,
            "durationMilliseconds": 5,
            "text": "Hi.",
            "words": [{"text": "Hi.", "durationMilliseconds": 5}],
        }
    )
    with pytest.raises(InputError) as caught:
        read(doc, source="f.json")
    assert caught.value.pointer == "/phrases/0/words/0/offsetMilliseconds"


@pytest.mark.parametrize(
    ("field", "bad"), [("offsetMilliseconds", "40"), ("text", 3), ("offsetMilliseconds", -1)]
)
def test_fast_schema_errors_point_at_the_field(field: str, bad: Any) -> None:
    word = _fast_word("Hi.", 40, 200)
    word[field] = bad
    doc = _fast(
        {"offsetMilliseconds": 0, "durationMilliseconds": 5, "text": "Hi.", "words": [word]}
    )
    with pytest.raises(SchemaError) as caught:
        read(doc, source="f.json")
    assert caught.value.pointer == f"/phrases/0/words/0/{field}"


# -- Speech SDK results ----------------------------------------------------------------------


def test_sdk_lexical_words_take_the_display_text() -> None:
    doc = [_sdk("Hello, Mary.", [("hello", 750, 1190), ("mary", 1190, 1600)], SpeakerId="Guest-1")]
    transcript = read(doc, source="s.json")
    assert [(w.text, w.start_ms, w.end_ms, w.speaker) for w in transcript.words] == [
        ("Hello,", 750, 1190, "Guest-1"),
        ("Mary.", 1190, 1600, "Guest-1"),
    ]
    assert [s.name for s in transcript.speakers] == ["Guest-1"]
    assert transcript.diagnostics == ()


def test_sdk_number_shown_as_digits_spans_its_spoken_words() -> None:
    spoken = [
        ("it's", 0, 100),
        ("two", 100, 300),
        ("three", 300, 500),
        ("four", 500, 800),
        ("ok", 900, 1000),
    ]
    transcript = read([_sdk("It's 234. OK.", spoken)], source="s.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("It's", 0, 100),
        ("234.", 100, 800),
        ("OK.", 900, 1000),
    ]


def test_sdk_several_tokens_for_several_words_share_the_span_in_order() -> None:
    spoken = [
        ("a", 0, 100),
        ("one", 100, 200),
        ("two", 200, 300),
        ("three", 300, 400),
        ("b", 400, 500),
    ]
    transcript = read([_sdk("A 1-2 3! B", spoken)], source="s.json")
    words = transcript.words
    assert [w.text for w in words] == ["A", "1-2", "3!", "B"]
    assert (words[1].start_ms, words[2].end_ms) == (100, 400)
    assert words[1].end_ms == words[2].start_ms


def test_sdk_token_without_a_spoken_word_gets_zero_length_and_left_out_words_are_noted() -> None:
    spoken = [("so", 0, 100), ("uh", 100, 200), ("yes", 200, 300), ("yes", 300, 400)]
    transcript = read([_sdk("So yes — yes.", spoken)], source="s.json")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("So", 0, 100),
        ("yes", 200, 300),
        ("—", 300, 300),
        ("yes.", 300, 400),
    ]
    notes = [(d.code, d.pointer) for d in transcript.diagnostics]
    assert notes == [("lexical-word-not-displayed", "/0/NBest/0/Words/1")]


def test_sdk_display_text_that_does_not_line_up_keeps_the_lexical_words() -> None:
    # Chinese display text has no spaces: one token for many timed words.
    spoken = [("你", 0, 100), ("好", 100, 200), ("世界", 200, 400)]
    transcript = read([_sdk("你好，世界。", spoken)], source="s.json")
    assert [w.text for w in transcript.words] == ["你", "好", "世界"]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("display-text-unaligned", "/0/NBest/0/Display")
    ]


def test_sdk_status_as_a_number_and_unrecognised_results() -> None:
    doc = [
        {"RecognitionStatus": "NoMatch", "Offset": 0, "Duration": 10},
        _sdk("Hi.", [("hi", 10, 20)], RecognitionStatus=0, Channel=0),
        {"RecognitionStatus": 1, "Offset": 300_000, "Duration": 10, "NBest": []},
    ]
    transcript = read(doc, source="s.json")
    assert [w.text for w in transcript.words] == ["Hi."]
    assert [(d.code, d.pointer) for d in transcript.diagnostics] == [
        ("phrase-not-recognised", "/0"),
        ("phrase-not-recognised", "/2"),
    ]


def test_sdk_single_result_object_reads_with_pointers_from_the_root() -> None:
    transcript = read(_sdk("Hi there.", [("hi", 0, 10), ("there", 10, 20)]), source="s.json")
    assert [w.text for w in transcript.words] == ["Hi", "there."]
    bad = _sdk("Hi.", [("hi", 0, 10)])
    bad["NBest"][0]["Words"][0]["Offset"] = "0"
    with pytest.raises(SchemaError) as caught:
        read(bad, source="s.json")
    assert caught.value.pointer == "/NBest/0/Words/0/Offset"


def test_sdk_result_without_word_timings_says_how_to_get_them() -> None:
    result = _sdk("Hi.", [("hi", 0, 10)])
    del result["NBest"][0]["Words"]
    with pytest.raises(InputError, match="RequestWordLevelTimestamps") as caught:
        read([result], source="s.json")
    assert caught.value.pointer == "/0/NBest/0"


def test_sniffer_tells_the_three_shapes_from_look_alikes() -> None:
    assert sniff({"recognizedPhrases": []})
    assert sniff({"phrases": [], "combinedPhrases": []})
    assert sniff({"phrases": [{"offsetMilliseconds": 0}]})
    assert sniff([{"RecognitionStatus": "Success", "Offset": 0, "Duration": 1}])
    assert sniff({"NBest": []})
    assert not sniff({"phrases": [{"text": "a"}]})  # a bare "phrases" list is anyone's
    assert not sniff([{"word": "a", "start": 0, "end": 1}])
    assert not sniff([])


# -- real files --------------------------------------------------------------------------------


def test_real_sdk_results_show_itn_numbers_over_the_spoken_digits() -> None:
    path = corpus_dir("vendors", "azure") / "accelerator-sdk-conversation.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert detect(path.read_bytes(), source=path.name)[0].name == "azure"
    transcript = load(path)
    display = [t for r in raw for t in r["NBest"][0]["Display"].split()]
    assert [w.text for w in transcript.words] == display
    # Result 11: "So to confirm, it's 234-554-9312." - the number spans the eleven digits said.
    words = raw[11]["NBest"][0]["Words"]
    number = next(w for w in transcript.words if w.text == "234-554-9312.")
    first, last = words[6], words[-1]
    assert (first["Word"], last["Word"]) == ("two", "two")
    assert number.start_ms == first["Offset"] // 10_000
    assert number.end_ms == (last["Offset"] + last["Duration"]) // 10_000
    assert {s.id for s in transcript.speakers} == {"Guest-1", "Guest-2"}
    assert transcript.diagnostics == ()


def test_real_fast_response_reads_every_word_with_its_millisecond_time() -> None:
    path = corpus_dir("vendors", "azure") / "accelerator-fast-two-channels.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = load(path)
    words = sorted(
        (
            (w["offset"], p["channel"], w["text"], w["duration"])
            for p in raw["phrases"]
            for w in p["words"]
        ),
        key=lambda t: t[:2],
    )
    assert len(transcript.words) == len(words) == 434
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        (text, start, start + length) for start, _, text, length in words
    ]
    assert [s.id for s in transcript.speakers] == ["C0", "C1"]
    assert transcript.language == "en-US"
