"""Google's fast path (issue #12): a clean single-channel response read column by column gives
exactly what the word-by-word path gives (v1 and v2 names, ``"1.300s"`` strings and ``{seconds,
nanos}`` objects to the same milliseconds, speaker tags and labels, a paragraph per result, the
diarized last result with its turns, the language, the long-running operation's wrapper);
anything else (several channels, an odd field, a missing time, a repair) goes word by word,
with the same errors and diagnostics."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from hypothesis import strategies as st

from cuecraft.readers import google
from tests.readers.fast_paths import (
    changed_goes_to_careful,
    left_to_careful,
    read_fast_as_careful,
    same_as_careful,
    share_on_fast_path,
    sometimes_odd,
)

DATA = Path(__file__).parent.parent / "data" / "vendors" / "google"

_NANOS = 10**9

# Values the careful path refuses, repairs or reads otherwise, by field.
_ODD_TEXTS = ["", " ", 3, None, "\ud800"]
_ODD_DURATIONS = [
    "1.3",
    "-1s",
    "1.3 s",
    " 1s",
    "1.s",
    ".5s",
    "1.0000000000s",  # ten decimals
    "\u0661s",  # an Arabic-Indic one: read by the careful path's \d
    "1s\n2s",
    "9" * 400 + "s",
    "2000000000s",
    {"seconds": "x"},
    {"seconds": "-1"},
    {"seconds": ""},
    {"seconds": "\u0661"},
    {"seconds": "0" * 30 + "1"},
    {"seconds": True},
    {"seconds": 1.0},
    {"seconds": -1},
    {"seconds": None},
    {"seconds": 10**400},
    {"seconds": 2 * 10**9},
    {"seconds": "1", "extra": 1},
    {"nanos": _NANOS},
    {"nanos": -1},
    {"nanos": 1.5},
    {"nanos": True},
    {"nanos": None},
    {"nanos": 10**400},
    {"seconds": 10**9, "nanos": 5 * 10**8},
    None,
    1.5,
    True,
    ["1s"],
]
_ODD_CONFIDENCES = [1.5, -0.1, "x", True, 10**400, float("nan")]
# True, False and 1.0 are equal to a speaker tag another word may have.
_ODD_TAGS = [-1, True, False, 1.0, "1", 1_000_001, 10**400]
_ODD_LABELS = ["", 5, True, "\ud800", ["A"]]


def _spelled(draw: st.DrawFn, nanoseconds: int, style: str) -> Any:
    """A time of ``nanoseconds`` as a duration string (REST) or object (the clients: members
    that are zero left out now and then, seconds as a string or, rarely, a number)."""
    seconds, nanos = divmod(nanoseconds, _NANOS)
    if style == "text":
        if not nanos:
            return f"{seconds}s"
        digits = f"{nanos:09d}"
        return f"{seconds}.{draw(st.sampled_from([digits, digits.rstrip('0')]))}s"
    value: dict[str, Any] = {"seconds": draw(st.sampled_from([str(seconds)] * 5 + [seconds]))}
    if nanos or draw(st.booleans()):
        value["nanos"] = nanos
    if not seconds and draw(st.booleans()):
        del value["seconds"]
    return value


@st.composite
def _word(
    draw: st.DrawFn,
    at: int,
    before: int,
    naming: tuple[str, str],
    style: str,
    speaker: str,
    odd: st.SearchStrategy[bool],
) -> tuple[Any, int, int]:
    """A word starting at ``at`` ns after a word that started at ``before``; where ``odd``
    draws True, a field goes wrong or is missing, or the times slip (within or beyond the
    repair tolerance); and the next word's ``at`` and ``before``."""
    if draw(odd):
        return draw(st.sampled_from([["x"], "x", None])), at, before
    start = at
    if draw(odd):
        start = max(before - draw(st.sampled_from([50, 500])) * 10**6, 0)
    # Milliseconds as Google writes them, now and then any nanosecond (rounding).
    length = draw(st.sampled_from([0, 10**8, 3 * 10**8]) | st.integers(0, 2 * _NANOS))
    end = start + length
    if draw(odd):
        end = max(start - draw(st.sampled_from([50, 500])) * 10**6, 0)
    text = draw(st.sampled_from(["Hello,", "world.", "Qué", "librivox.org"]))
    word: dict[str, Any] = {
        naming[0]: _spelled(draw, start, style),
        naming[1]: _spelled(draw, end, style),
        "word": draw(st.sampled_from(_ODD_TEXTS)) if draw(odd) else text,
    }
    for key in naming:
        if draw(odd):
            word[key] = draw(st.sampled_from(_ODD_DURATIONS))
    if draw(st.integers(0, 3)) == 0:
        word["confidence"] = draw(
            st.sampled_from(_ODD_CONFIDENCES)
            if draw(odd)
            else st.one_of(st.floats(0, 1), st.sampled_from([0, 1]))
        )
    if speaker == "tag":
        word["speakerTag"] = draw(st.sampled_from(_ODD_TAGS)) if draw(odd) else 0
    elif speaker == "label":
        label = draw(st.sampled_from(["A", "B", "2"]))
        word["speakerLabel"] = draw(st.sampled_from(_ODD_LABELS)) if draw(odd) else label
    for key in ("word", *naming):
        if draw(odd):
            word.pop(key)
    if draw(odd):  # the other naming beside this one: validated, not read
        other = "startTime" if naming[0] == "startOffset" else "startOffset"
        word[other] = draw(st.sampled_from(["0.5s", {"nanos": 1}, *_ODD_DURATIONS]))
    return word, max(end, at), start


@st.composite
def _response(draw: st.DrawFn) -> dict[str, Any]:
    """A response (v1 or v2 names, string or object times, speaker tags, labels or none,
    now and then diarized: a last result that repeats every word with a speaker tag), with
    a channel on every result or none; clean or (half the time) with fields gone wrong."""
    odd = sometimes_odd(draw, draw(st.sampled_from([10, 30, 120])))
    naming = draw(st.sampled_from([("startTime", "endTime"), ("startOffset", "endOffset")]))
    style = draw(st.sampled_from(["text", "object"]))
    speaker = draw(st.sampled_from(["none", "tag", "label"]))
    channel = draw(st.sampled_from([None, 0, 1]))
    results: list[Any] = []
    repeated: list[Any] = []
    at = before = 0
    for _ in range(draw(st.integers(0, 4))):
        words: list[Any] = []
        for _ in range(draw(st.integers(0, 5))):
            word, at, before = draw(_word(at, before, naming, style, speaker, odd))
            words.append(word)
        alternative: dict[str, Any] = {"transcript": "x", "confidence": 0.9, "words": words}
        if not words and draw(st.booleans()):
            del alternative["words"]
        if draw(odd):
            alternative[draw(st.sampled_from(["transcript", "words"]))] = 5
        result: dict[str, Any] = {"alternatives": [alternative]}
        if draw(st.integers(0, 9)) == 0:
            result["alternatives"] = []
        elif draw(st.integers(0, 5)) == 0:  # maxAlternatives: validated, not read
            other = copy.deepcopy(alternative)
            result["alternatives"].append(
                draw(st.sampled_from([other, {}, "x"])) if draw(odd) else other
            )
        if channel is not None:
            result["channelTag"] = (
                draw(st.sampled_from([channel + 1, None, True])) if draw(odd) else channel
            )
        if draw(st.integers(0, 2)) == 0:
            language = draw(st.sampled_from(["en-us", "de-DE", ""]))
            result["languageCode"] = draw(st.sampled_from([5, "\ud800"])) if draw(odd) else language
        if draw(odd):
            result = draw(st.sampled_from([{"alternatives": None}, "x", None]))
        results.append(result)
        repeated += [copy.deepcopy(w) for w in words if isinstance(w, dict)]
    if naming[0] == "startTime" and repeated and draw(st.integers(0, 3)) == 0:
        # Diarized v1: the last result repeats the recording with speaker tags 1 and 2.
        for word in repeated:
            tag = draw(st.sampled_from([1, 1, 2]))
            word["speakerTag"] = draw(st.sampled_from([0, *_ODD_TAGS])) if draw(odd) else tag
        last: dict[str, Any] = {"alternatives": [{"transcript": "x", "words": repeated}]}
        if channel is not None:
            last["channelTag"] = channel
        results.append(last)
    body: dict[str, Any] = {"results": results, "totalBilledTime": "15s"}
    if draw(odd):
        body = draw(st.sampled_from([{}, {"results": None}, {"results": {}}]))
    if draw(st.integers(0, 4)) == 0:  # a long-running operation
        return {"name": "1", "done": True, "response": body}
    return body


def test_reading_a_response_gives_what_the_word_by_word_path_gives() -> None:
    share = share_on_fast_path(google, _response())
    assert share <= 0.8  # the odd half must mostly leave it


def _word_of(text: str, start: Any, end: Any, **fields: Any) -> dict[str, Any]:
    return {"startTime": start, "endTime": end, "word": text, **fields}


def _clean() -> dict[str, Any]:
    """A v1 response from a client library: object times (zero members left out), two
    results, speaker tag 0 (not diarized), a channel and a language on each result."""
    first = [
        _word_of("Hello,", {}, {"nanos": 500000000}, speakerTag=0, confidence=0.9),
        _word_of("world.", {"nanos": 500000000}, {"seconds": "1", "nanos": 1}, speakerTag=0),
    ]
    second = [
        _word_of("Qué", {"seconds": "2"}, {"seconds": "2", "nanos": 400000000}, speakerTag=0),
        _word_of("tal", {"seconds": "2", "nanos": 400000000}, {"seconds": 3}, speakerTag=0),
    ]
    return {
        "results": [
            {
                "alternatives": [
                    {"transcript": "Hello, world.", "confidence": 0.9, "words": first}
                ],
                "channelTag": 1,
                "resultEndTime": {"seconds": "1", "nanos": 100000000},
                "languageCode": "en-us",
            },
            {"alternatives": [{}], "channelTag": 1},
            {
                "alternatives": [{"transcript": "Qué tal", "words": second}],
                "channelTag": 1,
                "languageCode": "es-es",
            },
        ],
        "totalBilledTime": {"seconds": "3"},
    }


def _v2() -> dict[str, Any]:
    """A v2 response: string offsets, speaker labels."""
    words = [
        {"startOffset": "0s", "endOffset": "0.300s", "word": "Here's", "speakerLabel": "A"},
        {"startOffset": "0.300s", "endOffset": "0.4005s", "word": "to", "speakerLabel": "2"},
        {"startOffset": "1s", "endOffset": "1.100000001s", "word": "you.", "speakerLabel": "A"},
    ]
    return {"results": [{"alternatives": [{"words": words}], "languageCode": "en-US"}]}


def _diarized() -> dict[str, Any]:
    """A diarized v1 response: two results without speakers, then every word again with a
    speaker tag."""
    one = [_word_of("One.", "0s", "0.300s"), _word_of("Two", "0.300s", "0.600s")]
    two = [_word_of("three.", "1s", "1.300s"), _word_of("Four.", "1.300s", "1.500s")]
    tags = [1, 1, 1, 2]
    repeated = [dict(word, speakerTag=tag) for word, tag in zip(one + two, tags, strict=True)]
    return {"results": [{"alternatives": [{"words": w}]} for w in (one, two, repeated)]}


def test_a_clean_response_takes_the_fast_path() -> None:
    doc = _clean()
    assert google._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(google.read, google.read_careful, doc)
    words = [(w["text"], w["start_ms"], w["end_ms"], w["speaker"]) for w in transcript["words"]]
    assert words == [
        ("Hello,", 0, 500, None),
        ("world.", 500, 1000, None),
        ("Qué", 2000, 2400, None),
        ("tal", 2400, 3000, None),
    ]
    assert [w["paragraph_start"] for w in transcript["words"]] == [True, False, True, False]
    assert transcript["speakers"] == ()
    assert transcript["language"] == "en-US"


def test_v2_offsets_and_labels_on_the_fast_path_too() -> None:
    doc = _v2()
    assert google._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(google.read, google.read_careful, doc)
    words = [(w["start_ms"], w["end_ms"], w["speaker"]) for w in transcript["words"]]
    # 0.4005 s and 1.100000001 s round as the careful path's floats do.
    assert words == [(0, 300, "A"), (300, 401, "2"), (1000, 1100, "A")]
    assert [(s["id"], s["name"]) for s in transcript["speakers"]] == [
        ("A", "A"),
        ("2", "Speaker 2"),
    ]


def test_the_diarized_repeat_on_the_fast_path_too() -> None:
    doc = _diarized()
    assert google._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(google.read, google.read_careful, doc)
    assert [(w["text"], w["speaker"]) for w in transcript["words"]] == [
        ("One.", "1"),
        ("Two", "1"),
        ("three.", "1"),
        ("Four.", "2"),
    ]
    # A turn at each change of speaker and at the first word of each repeated result.
    assert [w["paragraph_start"] for w in transcript["words"]] == [True, False, True, True]


def test_a_long_running_operation_on_the_fast_path_too() -> None:
    doc = {"name": "op", "done": True, "response": _v2()}
    assert google._read_columns(copy.deepcopy(doc), source="t.json") is not None
    assert same_as_careful(google.read, google.read_careful, doc)[0] == "ok"


def test_a_v2_offset_beside_a_v1_time_is_read_instead_on_the_fast_path_too() -> None:
    doc = _clean()
    _words_of(doc)[1].update(startOffset="0.600s", endOffset="0.700s")
    assert google._read_columns(copy.deepcopy(doc), source="t.json") is not None
    _, transcript = same_as_careful(google.read, google.read_careful, doc)
    assert [(w["start_ms"], w["end_ms"]) for w in transcript["words"]][1] == (600, 700)


def _words_of(doc: dict[str, Any], result: int = 0) -> list[Any]:
    words: list[Any] = doc["results"][result]["alternatives"][0]["words"]
    return words


_CHANGES = [
    pytest.param(
        lambda doc: doc["results"][0].update(channelTag=2), id="two channels (merged by time)"
    ),
    pytest.param(lambda doc: doc["results"][0].pop("channelTag"), id="a result without channel"),
    pytest.param(lambda doc: doc["results"][0].update(channelTag=True), id="a boolean channel"),
    pytest.param(lambda doc: _words_of(doc)[1].pop("endTime"), id="a word without its end"),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime=None), id="a word with a null start"
    ),
    pytest.param(lambda doc: _words_of(doc)[1].update(startTime="0.5"), id="no unit"),
    pytest.param(lambda doc: _words_of(doc)[1].update(startTime="\u0661s"), id="a Unicode digit"),
    pytest.param(lambda doc: _words_of(doc)[1].update(startTime=0.5), id="a number time"),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime={"seconds": "0", "nanos": 5e8}),
        id="float nanos",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime={"seconds": None}), id="null seconds"
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime={"seconds": "0", "millis": 5}),
        id="another duration member",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime={"seconds": 10**400}),
        id="a huge integer of seconds",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startTime={"nanos": 10**400}),
        id="a huge integer of nanos",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(startOffset={"seconds": "x"}),
        id="a bad v2 offset beside the v1 time",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[0].update(
            startTime={"nanos": 550000000}, endTime={"nanos": 600000000}
        ),
        id="a start after the next word's, to repair",
    ),
    pytest.param(
        lambda doc: _words_of(doc)[1].update(endTime={"nanos": 450000000}),
        id="an end before the start, to repair",
    ),
    pytest.param(lambda doc: _words_of(doc)[1].update(word=" "), id="a blank word"),
    pytest.param(lambda doc: _words_of(doc)[1].update(word=5), id="a word that is a number"),
    pytest.param(lambda doc: _words_of(doc)[1].update(confidence=10**400), id="a huge confidence"),
    pytest.param(lambda doc: _words_of(doc)[1].update(confidence=True), id="a boolean confidence"),
    pytest.param(lambda doc: _words_of(doc)[1].update(speakerTag=True), id="a boolean speaker"),
    pytest.param(lambda doc: _words_of(doc)[1].update(speakerTag=1.0), id="a float speaker"),
    pytest.param(lambda doc: _words_of(doc)[1].update(speakerTag=-1), id="a negative speaker"),
    pytest.param(lambda doc: _words_of(doc)[1].update(speakerLabel=""), id="an empty label"),
    pytest.param(
        lambda doc: doc["results"][0]["alternatives"].append({"words": [{"word": 5}]}),
        id="a bad word in a second alternative",
    ),
    pytest.param(
        lambda doc: doc["results"][0]["alternatives"][0].update(transcript=5),
        id="a transcript that is not a string",
    ),
    pytest.param(lambda doc: doc["results"][0].update(languageCode=5), id="a number language"),
    pytest.param(lambda doc: doc["results"].append({"alternatives": None}), id="null alternatives"),
    pytest.param(lambda doc: _words_of(doc).append("x"), id="a word that is no object"),
]


@pytest.mark.parametrize("change", _CHANGES)
def test_what_needs_the_careful_path_goes_there(change: Any) -> None:
    changed_goes_to_careful(google, _clean(), change)


@pytest.mark.parametrize("change", _CHANGES)
def test_a_real_response_changed_goes_to_the_careful_path(change: Any) -> None:
    left_to_careful(google, DATA / "librivox-lost-king-longrunning.json", change)


_DIARIZED_CHANGES = [
    pytest.param(
        lambda doc: _words_of(doc, 0)[0].update(confidence=1.5),
        id="a confidence out of range in a repeated result",
    ),
    pytest.param(
        lambda doc: _words_of(doc, 0)[0].update(word="\ud800"),
        id="a lone surrogate in a repeated result",
    ),
    pytest.param(
        lambda doc: _words_of(doc, 1)[0].update(startTime="1"),
        id="a bad time in a repeated result",
    ),
    pytest.param(
        lambda doc: _words_of(doc, 2)[3].update(startTime="0.950s"),
        id="a repeated word to repair",
    ),
]


@pytest.mark.parametrize("change", _DIARIZED_CHANGES)
def test_what_needs_the_careful_path_in_a_diarized_response_goes_there(change: Any) -> None:
    changed_goes_to_careful(google, _diarized(), change)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda doc: _words_of(doc, 0)[0].update(word=" "), id="a blank word"),
        pytest.param(
            lambda doc: _words_of(doc, 0)[1].update(startTime="0.200s"), id="a word to repair"
        ),
        pytest.param(
            lambda doc: _words_of(doc, 2)[0].pop("speakerTag"), id="an untagged repeat (read all)"
        ),
        pytest.param(
            lambda doc: _words_of(doc, 2)[0].update(startTime="0.100s"),
            id="a repeat that starts later (read all)",
        ),
    ],
)
def test_a_diarized_response_changed_reads_as_word_by_word(change: Any) -> None:
    # What the careful path does not read (the repeated results' words but for their
    # starts) or reads otherwise, on the fast path or not.
    doc = _diarized()
    change(doc)
    for strict in (True, False):
        same_as_careful(google.read, google.read_careful, doc, strict=strict)


def test_real_responses_read_fast_as_word_by_word() -> None:
    read_fast_as_careful(google, sorted(DATA.glob("*.json")))
