"""Hypothesis strategies for vendor payloads, valid and with one field corrupted.

Each strategy builds a JSON document in one vendor's shape together with what a correct reader
must produce (word texts in order, start/end in ms), computed here from the generated values,
not by our readers. Times are generated as integer milliseconds and written as seconds, so the
expected millisecond value is exact.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

VENDORS = ("amberscript", "scribie", "happyscribe", "words")

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Payload:
    """A vendor document and the words a reader must produce from it."""

    vendor: str
    doc: Any
    texts: list[str]
    starts_ms: list[int]
    ends_ms: list[int]
    word_paths: list[Path]  # where each word's JSON object is
    time_keys: tuple[str, str] = ("start", "end")
    text_key: str = "text"
    containers: list[Path] = field(default_factory=list)  # lists whose type can be broken


@dataclass(frozen=True)
class Corrupted:
    """A payload with one field broken, and the JSON pointer of that field."""

    vendor: str
    doc: Any
    pointer: str
    kind: str
    repairable: bool = False  # strict=False repairs it (an end before start, not negative)


def pointer_of(path: Path) -> str:
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


_LETTERS = st.characters(categories=("Lu", "Ll", "Nd"), max_codepoint=0x24F)
_TEXT = st.builds(
    lambda core, mark: core + mark,
    st.text(alphabet=_LETTERS, min_size=1, max_size=9),
    st.sampled_from(["", "", "", ",", ".", "?", "!"]),
)


def _seconds(ms: int, whole_as_int: bool) -> float | int:
    # Vendors write whole seconds as JSON ints (Amberscript "4", Deepgram "6").
    if whole_as_int and ms % 1000 == 0:
        return ms // 1000
    return ms / 1000


@st.composite
def _timed(draw: st.DrawFn, min_words: int = 1, max_words: int = 25) -> list[tuple[str, int, int]]:
    count = draw(st.integers(min_value=min_words, max_value=max_words))
    clock = draw(st.integers(min_value=0, max_value=5_000))
    words = []
    for _ in range(count):
        clock += draw(st.sampled_from([0, 0, 10, 40, 300, 1200, 2000]))
        duration = draw(st.sampled_from([0, 1, 90, 240, 500, 1300]))
        words.append((draw(_TEXT), clock, clock + duration))
        clock += duration
    return words


def _cuts(draw: st.DrawFn, count: int) -> list[int]:
    """Sorted positions (0 < p < count) where a new segment/block/turn starts."""
    if count < 2:
        return []
    chosen = draw(st.sets(st.integers(min_value=1, max_value=count - 1), max_size=5))
    return sorted(chosen)


def _groups(count: int, cuts: list[int]) -> list[range]:
    bounds = [0, *cuts, count]
    return [range(bounds[i], bounds[i + 1]) for i in range(len(bounds) - 1)]


@st.composite
def amberscript(draw: st.DrawFn) -> Payload:
    timed = draw(_timed())
    offset_ms = draw(st.sampled_from([0, 0, 1500, 60_000]))
    whole_as_int = draw(st.booleans())
    speakers = [{"spkid": f"spk{n}", "name": f"Speaker {n}"} for n in (1, 2, 3)]
    segments = []
    paths: list[Path] = []
    containers: list[Path] = [("segments",)]
    for s, group in enumerate(_groups(len(timed), _cuts(draw, len(timed)))):
        words = []
        for w, index in enumerate(group):
            text, start, end = timed[index]
            word: dict[str, Any] = {
                "start": _seconds(start, whole_as_int),
                "end": _seconds(end, whole_as_int),
                "text": text,
            }
            word["duration"] = draw(
                st.sampled_from([None, (end - start) / 1000 + 2e-8, (end - start) / 1000])
            )
            word["conf"] = draw(st.sampled_from([None, 1, 0.5, 0.93]))
            if draw(st.booleans()):
                word["pristine"] = draw(st.booleans())
            words.append(word)
            paths.append(("segments", s, "words", w))
        segments.append({"speaker": draw(st.sampled_from(["spk1", "spk2"])), "words": words})
        containers.append(("segments", s, "words"))
    doc: dict[str, Any] = {"id": "job", "speakers": speakers, "segments": segments}
    if offset_ms or draw(st.booleans()):
        doc["startTimeOffset"] = _seconds(offset_ms, whole_as_int)
    if draw(st.booleans()):
        doc["highlights"] = []
    return Payload(
        "amberscript",
        doc,
        [t for t, _, _ in timed],
        [start + offset_ms for _, start, _ in timed],
        [end + offset_ms for _, _, end in timed],
        paths,
        containers=containers,
    )


@st.composite
def scribie(draw: st.DrawFn) -> Payload:
    timed = draw(_timed())
    turn_after = {index - 1 for index in _cuts(draw, len(timed))}
    doc = []
    for index, (text, start, end) in enumerate(timed):
        word: dict[str, Any] = {
            "word": text,
            "start": start / 1000,
            "end": end / 1000,
            "duration": round((end - start) / 1000, 2),
            "conf": draw(st.sampled_from([0.5, 1, 0.999])),
        }
        if index in turn_after:
            word["turn"] = draw(st.sampled_from([1, True, 0, None, "AT"]))
            word["turn_conf"] = 0.9
        doc.append(word)
    return Payload(
        "scribie",
        doc,
        [t for t, _, _ in timed],
        [s for _, s, _ in timed],
        [e for _, _, e in timed],
        [(i,) for i in range(len(timed))],
        text_key="word",
    )


@st.composite
def happyscribe(draw: st.DrawFn) -> Payload:
    timed = draw(_timed())
    blocks = []
    paths: list[Path] = []
    containers: list[Path] = []
    texts: list[str] = []
    ends: list[int] = []
    spacing = draw(st.booleans())  # explicit " " tokens, or none at all
    for b, group in enumerate(_groups(len(timed), _cuts(draw, len(timed)))):
        number = draw(st.integers(min_value=0, max_value=2))
        tokens: list[dict[str, Any]] = []
        for index in group:
            text, start, end = timed[index]
            if tokens and spacing:
                tokens.append({"text": " ", "type": "spacing"})
            # Split trailing punctuation into its own token, as a tokenizer would.
            core, mark = (text[:-1], text[-1]) if text[-1] in ",.?!" else (text, "")
            paths.append((b, "words", len(tokens)))
            tokens.append(
                {
                    "text": core,
                    "type": "text",
                    "data_start": start / 1000,
                    "data_end": end / 1000,
                    "confidence": draw(st.sampled_from([0.5, 1, 0.97])),
                }
            )
            mark_end = end + draw(st.sampled_from([0, 0, 30]))  # the word keeps its end
            if mark:
                tokens.append(
                    {
                        "text": mark,
                        "type": "punctuation",
                        "data_start": end / 1000,
                        "data_end": mark_end / 1000,
                    }
                )
            texts.append(text)
            ends.append(end)
        blocks.append(
            {
                "speaker": f"Person {number}",
                "speaker_number": number,
                "data_start": timed[group[0]][1] / 1000,
                "data_end": timed[group[-1]][2] / 1000,
                "words": tokens,
            }
        )
        containers.append((b, "words"))
    return Payload(
        "happyscribe",
        blocks,
        texts,
        [s for _, s, _ in timed],
        ends,
        paths,
        time_keys=("data_start", "data_end"),
        containers=containers,
    )


@st.composite
def words(draw: st.DrawFn) -> Payload:
    timed = draw(_timed())
    items = []
    for text, start, end in timed:
        item: dict[str, Any] = {"text": text, "start": start / 1000, "end": end / 1000}
        speaker = draw(st.sampled_from([None, "S1", "Zoë Müller"]))
        if speaker is not None:
            item["speaker"] = speaker
        if draw(st.booleans()):
            item["confidence"] = draw(st.sampled_from([None, 0.25, 1]))
        items.append(item)
    doc: dict[str, Any] = {"words": items}
    if draw(st.booleans()):
        doc["meta"] = {"source": "generated"}
    return Payload(
        "words",
        doc,
        [t for t, _, _ in timed],
        [s for _, s, _ in timed],
        [e for _, _, e in timed],
        [("words", i) for i in range(len(timed))],
        containers=[("words",)],
    )


STRATEGIES = {
    "amberscript": amberscript,
    "scribie": scribie,
    "happyscribe": happyscribe,
    "words": words,
}


def payloads(vendor: str) -> st.SearchStrategy[Payload]:
    return STRATEGIES[vendor]()


def _get(doc: Any, path: Path) -> Any:
    for part in path:
        doc = doc[part]
    return doc


_WRONG_TYPES = ["1.5", True, [1], {"x": 1}, None]
CORRUPTIONS = (
    "wrong-type-time",
    "wrong-type-text",
    "surrogate-text",
    "missing-time",
    "missing-text",
    "nan",
    "infinity",
    "negative",
    "huge",
    "reversed",
    "confidence",
    "container",
)


@st.composite
def corrupted(draw: st.DrawFn, vendor: str) -> Corrupted:
    """A valid payload with exactly one field broken."""
    payload = draw(payloads(vendor))
    doc = copy.deepcopy(payload.doc)
    kind = draw(st.sampled_from(CORRUPTIONS))
    if kind == "container" and not payload.containers:
        kind = "nan"
    index = draw(st.integers(min_value=0, max_value=len(payload.word_paths) - 1))
    word_path = payload.word_paths[index]
    word = _get(doc, word_path)
    end_key = payload.time_keys[1]
    confidence_key = {"amberscript": "conf", "scribie": "conf"}.get(vendor, "confidence")
    target: Path
    if kind == "wrong-type-time":
        key = draw(st.sampled_from(payload.time_keys))
        # None is a valid "absent" for HappyScribe's optional token times; use a string there.
        word[key] = draw(st.sampled_from(_WRONG_TYPES[:4]))
        target = (*word_path, key)
    elif kind == "wrong-type-text":
        word[payload.text_key] = draw(st.sampled_from([12, None, ["a"], False]))
        target = (*word_path, payload.text_key)
    elif kind == "surrogate-text":
        # What a JSON "\ud800" escape decodes to: no output format can encode it.
        word[payload.text_key] = "ok\ud800"
        target = (*word_path, payload.text_key)
    elif kind == "missing-time":
        key = draw(st.sampled_from(payload.time_keys))
        del word[key]
        target = (*word_path, key)
    elif kind == "missing-text":
        del word[payload.text_key]
        target = (*word_path, payload.text_key)
    elif kind in ("nan", "infinity", "negative", "huge"):
        key = draw(st.sampled_from(payload.time_keys))
        word[key] = {"nan": math.nan, "infinity": math.inf, "negative": -1.5, "huge": 1e306}[kind]
        target = (*word_path, key)
    elif kind == "reversed":
        slip_ms = draw(st.integers(min_value=101, max_value=100_000))
        start_ms = payload.starts_ms[index] - _offset_ms(payload)
        word[end_key] = (start_ms - slip_ms) / 1000
        target = (*word_path, end_key)
        return Corrupted(vendor, doc, pointer_of(target), kind, start_ms - slip_ms >= 0)
    elif kind == "confidence":
        word[confidence_key] = draw(st.sampled_from([1.5, -0.1, "high", math.nan]))
        target = (*word_path, confidence_key)
    else:
        path = draw(st.sampled_from(payload.containers))
        parent = _get(doc, path[:-1])
        parent[path[-1]] = draw(st.sampled_from(["words", 3, {"a": 1}]))
        target = path
    return Corrupted(vendor, doc, pointer_of(target), kind)


def _offset_ms(payload: Payload) -> int:
    if payload.vendor != "amberscript":
        return 0
    offset: float = payload.doc.get("startTimeOffset", 0)
    return round(offset * 1000)


def resolve(doc: Any, pointer: str) -> Any:
    """Follow an RFC 6901 pointer; raise LookupError when it leads nowhere."""
    if pointer == "":
        return doc
    if not pointer.startswith("/"):
        raise LookupError(f"not a JSON pointer: {pointer!r}")
    for raw in pointer[1:].split("/"):
        part = raw.replace("~1", "/").replace("~0", "~")
        if isinstance(doc, list):
            if not part.isdigit() or int(part) >= len(doc):
                raise LookupError(f"no index {part} in {pointer!r}")
            doc = doc[int(part)]
        elif isinstance(doc, dict):
            if part not in doc:
                raise LookupError(f"no key {part!r} in {pointer!r}")
            doc = doc[part]
        else:
            raise LookupError(f"cannot descend into a {type(doc).__name__} at {part!r}")
    return doc
