"""Google Cloud Speech-to-Text reader: duration strings and objects, v1/v2 names, the
diarized last result, channels; real client output from tests/data/vendors/google/."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft import load
from cuecraft.errors import InputError, SchemaError
from cuecraft.readers import detect
from cuecraft.readers.google import read
from tests.readers.vendor_payloads import (
    OPTIONAL_NUMBER,
    TEXT,
    Case,
    Expected,
    Kind,
    ScriptWord,
    check_corruption,
    check_detected,
    check_round,
    scripts,
)

# A duration is a string or an object: "negative" has no numeric form to corrupt.
DURATION: tuple[Kind, ...] = ("type", "missing", "nan")

DATA = Path(__file__).parent.parent / "data" / "vendors" / "google"


def _string(ms: int) -> str:
    # Google writes "0s", "1s", "1.300s": no fraction for whole seconds, else 3 digits.
    whole, part = divmod(ms, 1000)
    return f"{whole}s" if part == 0 else f"{whole}.{part:03d}s"


def _object(ms: int) -> dict[str, Any]:
    # The client libraries print {seconds: "5", nanos: N} and omit zero members.
    whole, part = divmod(ms, 1000)
    out: dict[str, Any] = {}
    if whole:
        out["seconds"] = str(whole)
    if part:
        out["nanos"] = part * 1_000_000
    return out


def _groups(script: list[ScriptWord]) -> list[list[ScriptWord]]:
    groups: list[list[ScriptWord]] = []
    for word in script:
        if word.paragraph or not groups:
            groups.append([])
        groups[-1].append(word)
    return groups


@st.composite
def google_cases(draw: st.DrawFn) -> Case:
    """v1 REST strings, v1 client objects or v2 offsets; plain, diarized or multichannel."""
    script = draw(scripts())
    style = draw(st.sampled_from(["v1", "client", "v2"]))
    mode = draw(st.sampled_from(["plain", "diarized", "channels"]))
    names = ("startOffset", "endOffset") if style == "v2" else ("startTime", "endTime")
    time = _object if style == "client" else _string

    def word(w: ScriptWord, speaker: bool) -> dict[str, Any]:
        out: dict[str, Any] = {
            names[0]: time(w.start_ms),
            names[1]: time(w.end_ms),
            "word": w.shown,
            "confidence": w.confidence,
        }
        if speaker:
            if style == "v2":
                out["speakerLabel"] = str(w.speaker + 1)
            else:
                out["speakerTag"] = w.speaker + 1
        return out

    results: list[dict[str, Any]] = []
    for group in _groups(script):
        result: dict[str, Any] = {
            "alternatives": [
                {
                    "transcript": " ".join(w.shown for w in group),
                    "confidence": 0.9,
                    "words": [word(w, False) for w in group],
                }
            ],
            "languageCode": "en-us",
        }
        if mode == "channels":
            result["channelTag"] = group[0].speaker + 1
        results.append(result)
    first = 0
    if mode == "diarized":
        first = len(results)
        results.append({"alternatives": [{"words": [word(w, True) for w in script]}]})
    payload: dict[str, Any] = {"results": results}
    if draw(st.booleans()):
        payload = {"name": "123", "done": True, "response": payload}
    root = "/response" if "response" in payload else ""

    multichannel = mode == "channels" and len({w.speaker for w in script}) > 1
    if mode == "channels":
        # Each channel's words in order; channels merged by start, earlier channel first on ties.
        order: dict[int, int] = {}
        for group in _groups(script):
            order.setdefault(group[0].speaker, len(order))
        chans = [_channel_of(script, i) for i in range(len(script))]
        ranked = sorted(range(len(script)), key=lambda i: (script[i].start_ms, order[chans[i]]))
        expected = [
            Expected(
                script[i].shown,
                script[i].start_ms,
                script[i].end_ms,
                f"C{chans[i] + 1}" if multichannel else None,
                script[i].confidence,
            )
            for i in ranked
        ]
    else:
        expected = [
            Expected(
                w.shown,
                w.start_ms,
                w.end_ms,
                str(w.speaker + 1) if mode == "diarized" else None,
                w.confidence,
            )
            for w in script
        ]
    targets = []
    index = 0
    for r, result in enumerate(results[first:], start=first):
        for i, _ in enumerate(result["alternatives"][0]["words"]):
            base = f"{root}/results/{r}/alternatives/0/words/{i}"
            targets += [
                (f"{base}/word", TEXT),
                (f"{base}/{names[0]}", DURATION),
                (f"{base}/{names[1]}", DURATION),
                (f"{base}/confidence", OPTIONAL_NUMBER),
            ]
            index += 1
    return Case("google", payload, expected, targets)


def _channel_of(script: list[ScriptWord], index: int) -> int:
    # A word's channel is the speaker of its paragraph (how google_cases tags results).
    speaker = script[0].speaker
    for i, word in enumerate(script[: index + 1]):
        if word.paragraph or i == 0:
            speaker = word.speaker
    return speaker


@given(google_cases())
def test_generated_payloads_read_into_the_right_words(case: Case) -> None:
    check_round(case)


@given(google_cases(), st.data())
def test_corrupted_payloads_raise_input_errors_at_the_leaf(case: Case, data: st.DataObject) -> None:
    check_corruption(case, data.draw)


@given(google_cases())
def test_generated_payloads_are_detected(case: Case) -> None:
    check_detected(case)


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
