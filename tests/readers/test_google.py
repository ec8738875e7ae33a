"""Google Cloud Speech-to-Text reader: duration strings and objects, v1/v2 names, the
diarized last result, channels; real client output from tests/data/vendors/google/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from cuecraft import load
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import detect
from cuecraft.readers._google_columns import durations
from cuecraft.readers.google import SPEC, Duration
from tests.conftest import corpus_dir

read = SPEC.read_transcript  # the reader as a Transcript (it builds columns)

DATA = Path(__file__).parent.parent / "data" / "vendors" / "google"


@pytest.mark.parametrize(
    ("name", "count"),
    [("librivox-lost-king-longrunning.json", 107), ("vatican-news-words.json", 115)],
)
def test_real_client_output_reads_every_word_with_its_time(name: str, count: int) -> None:
    path = DATA / name
    raw = json.loads(path.read_text(encoding="utf-8"))
    spec, _ = detect(path.read_bytes(), source=name)
    assert spec.name == "google"
    transcript = load(path)
    words = [w for r in raw["results"] for w in r["alternatives"][0].get("words", [])]
    assert len(transcript.words) == len(words) == count
    assert [w.text for w in transcript.words] == [w["word"] for w in words]
    # Independently: {seconds: "S", nanos: N} in milliseconds, zero members omitted.
    for got, word in zip(transcript.words, words, strict=True):
        start = word["startTime"]
        want = int(start.get("seconds", "0")) * 1000 + start.get("nanos", 0) // 1_000_000
        assert got.start_ms == want
    # speakerTag 0 means "not diarized": no speakers are invented.
    assert transcript.speakers == ()


def test_real_longrunning_results_each_start_a_paragraph() -> None:
    transcript = load(DATA / "librivox-lost-king-longrunning.json")
    starts = [i for i, w in enumerate(transcript.words) if w.paragraph_start]
    assert starts == [0, 7, 18, 61, 90]


def _doc(words: list[dict[str, Any]], **result: Any) -> dict[str, Any]:
    return {"results": [{"alternatives": [{"transcript": "x", "words": words}], **result}]}


def test_v2_offsets_and_labels() -> None:
    doc = _doc(
        [
            {"startOffset": "1s", "endOffset": "4.200s", "word": "Here's", "speakerLabel": "A"},
            {"startOffset": "4.200s", "endOffset": "4.400s", "word": "to", "speakerLabel": "B"},
        ],
        languageCode="en-us",
    )
    transcript = read(doc, source="v2.json")
    assert [(w.start_ms, w.end_ms, w.speaker) for w in transcript.words] == [
        (1000, 4200, "A"),
        (4200, 4400, "B"),
    ]
    assert transcript.language is not None
    assert transcript.language.lower().startswith("en")


def test_diarized_last_result_replaces_the_untagged_repeats() -> None:
    untagged = [{"startTime": "0s", "endTime": "0.300s", "word": "hi"}]
    tagged = [
        {"startTime": "0s", "endTime": "0.300s", "word": "hi", "speakerTag": 1},
        {"startTime": "0.300s", "endTime": "0.600s", "word": "there", "speakerTag": 2},
    ]
    second = {k: v for k, v in tagged[1].items() if k != "speakerTag"}
    doc = {
        "results": [
            {"alternatives": [{"words": untagged}]},
            {"alternatives": [{"words": [second]}]},
            {"alternatives": [{"words": tagged}]},
        ]
    }
    transcript = read(doc, source="d.json")
    assert [(w.text, w.speaker) for w in transcript.words] == [("hi", "1"), ("there", "2")]
    assert [s.name for s in transcript.speakers] == ["Speaker 1", "Speaker 2"]
    assert [w.paragraph_start for w in transcript.words] == [True, True]


def test_diarized_repeat_keeps_the_repeated_results_as_paragraphs() -> None:
    # One speaker across two results: the second result still starts a paragraph, so a long
    # one-speaker stretch is not one paragraph of the whole recording.
    first = [{"startTime": "0s", "endTime": "0.300s", "word": "One."}]
    second = [{"startTime": "1s", "endTime": "1.300s", "word": "Two."}]
    tagged = [dict(word, speakerTag=1) for word in first + second]
    doc = {"results": [{"alternatives": [{"words": w}]} for w in (first, second, tagged)]}
    transcript = read(doc, source="d.json")
    assert [w.text for w in transcript.words] == ["One.", "Two."]
    assert [w.paragraph_start for w in transcript.words] == [True, True]


def test_real_diarized_client_output_reads_the_tagged_repeat_once() -> None:
    path = corpus_dir("vendors", "google") / "bbc-rte-diarized.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    transcript = load(path)
    repeat = raw["results"][-1]["alternatives"][0]["words"]
    assert [(w.text, w.speaker) for w in transcript.words] == [
        (w["word"], str(w["speakerTag"])) for w in repeat
    ]
    # The 56 results it repeats keep their starts as paragraph starts.
    starts = {
        int(r["alternatives"][0]["words"][0]["startTime"].get("seconds", "0")) * 1000
        + r["alternatives"][0]["words"][0]["startTime"].get("nanos", 0) // 1_000_000
        for r in raw["results"][:-1]
    }
    marked = {w.start_ms for w in transcript.words if w.paragraph_start}
    assert starts <= marked


def test_word_without_time_offsets_says_how_to_get_them() -> None:
    with pytest.raises(InputError, match="enableWordTimeOffsets") as caught:
        read(_doc([{"word": "hi", "endTime": "1s"}]), source="n.json")
    assert caught.value.pointer == "/results/0/alternatives/0/words/0/startTime"


@pytest.mark.parametrize("bad", ["1.3", "-1s", "1.3 s", "abc", {"seconds": "x"}, {"nanos": 10**9}])
def test_malformed_durations_are_schema_errors_at_the_field(bad: Any) -> None:
    with pytest.raises(SchemaError) as caught:
        read(_doc([{"word": "hi", "startTime": bad, "endTime": "1s"}]), source="b.json")
    assert caught.value.pointer == "/results/0/alternatives/0/words/0/startTime"


@pytest.mark.parametrize(
    "doc",
    [
        {"format": "2.9", "results": [{"alternatives": [{"content": "a"}]}]},  # Speechmatics
        {"results": [{"type": "word", "start_time": 0, "alternatives": [{"content": "a"}]}]},
        {"results": {"channels": [{"alternatives": []}]}},  # Deepgram
        {"results": []},
    ],
)
def test_sniffer_leaves_other_vendors_alone(doc: Any) -> None:
    from cuecraft.readers.google import sniff

    assert not sniff(doc)


# The fast path's conversion of a column of durations (readers/_google_columns.py) against
# the careful path's Duration, one value at a time.
_DURATION = TypeAdapter(Duration)
_NANOS = 10**9

_SECONDS = st.one_of(
    st.integers(-2, 2 * 10**9),
    st.text("0123456789\u0661 -", max_size=20),
    st.sampled_from([None, True, 1.0, 10**400, "0" * 19 + "1", "9" * 5000]),
)
_NANOS_VALUES = st.one_of(st.integers(-1, _NANOS), st.sampled_from([None, True, 0.5, 10**400, "5"]))


@st.composite
def _duration_value(draw: st.DrawFn) -> Any:
    """A string made of what duration strings are made of, or an object with or without
    each member (or another), of any type: mostly valid, often not."""
    if draw(st.booleans()):
        digits = st.text("0123456789", min_size=1, max_size=11)
        fraction = st.text("0123456789", max_size=11).map(lambda text: "." + text)
        plausible = st.tuples(digits, fraction | st.just("")).map(lambda p: p[0] + p[1] + "s")
        return draw(plausible | st.text("0123456789.s\n \u0661-e", max_size=14))
    value: dict[str, Any] = {}
    if draw(st.booleans()):
        value["seconds"] = draw(_SECONDS)
    if draw(st.booleans()):
        value["nanos"] = draw(_NANOS_VALUES)
    if draw(st.integers(0, 9)) == 0:
        value["millis"] = 1
    return value


@settings(max_examples=500)
@given(values=st.lists(_duration_value(), min_size=1, max_size=4))
def test_durations_are_what_the_careful_path_validates(values: list[Any]) -> None:
    expected: list[float] | None
    try:
        expected = [_DURATION.validate_python(value) for value in values]
    except ValidationError:
        expected = None
    found = durations(values)
    # The fast path may leave a valid column to the careful path (Unicode digits, a long
    # string of seconds), never read one otherwise.
    assert found is None or found == expected
    if not any(map(_left, values)):
        assert found == expected


def _left(value: Any) -> bool:
    """Whether the fast path leaves a valid duration to the careful path."""
    if isinstance(value, str):
        return not value.isascii()
    seconds = value.get("seconds")
    return isinstance(seconds, str) and (not seconds.isascii() or len(seconds) > 18)
