"""HappyScribe's fast path (issue #12): a clean export read column by column gives exactly
what the token-by-token path gives (words with their punctuation glued back or forward,
spacing dropped, times, confidences, speakers, a paragraph per block); anything else (a field
of the wrong type, a word without times, a mark with no word in its block, a renamed speaker,
a timing slip) is left to the token-by-token path, so its errors, notes and repairs are the
same as before."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cuecraft.readers import happyscribe
from tests.conftest import CORPUS, SAMPLES
from tests.readers.fast_paths import read_fast_as_careful, same_as_careful, sometimes_odd

SAMPLE = SAMPLES / "happyscribe" / "interview.json"

# Token texts the careful path tells apart: words (one with its own trailing space, one with a
# leading space, so a mark before it is not "attached"), closing and opening marks, marks
# that open without being Ps/Pi (¿ ¡), undecided quotes, a mark carrying its spacing, spacing.
_WORDS = ["Hola", "que", "tal", "sí ", " ya", "New York"]
_MARKS = [",", ".", "?", "...", "¿", "¡", "“", "”", "(", ")", '"', ", ", "?!"]
_SPACING = [" ", "", "\u00a0", "  \t"]
_ODD_TEXTS = [3, None, "\ud800", "a\ud800"]
_ODD_NUMBERS = ["1", -1, True, None, float("nan"), 2e9, 10**400]
_ODD_CONFIDENCES = [1.5, -0.1, "0.5", False, 10**400]


@st.composite
def _token(draw: st.DrawFn, at: float, odd: st.SearchStrategy[bool]) -> dict[str, Any]:
    """A word, mark or spacing token at ``at`` s; where ``odd`` draws True, a field goes
    wrong (or a time goes back, which the careful path repairs or refuses)."""
    kind = draw(st.sampled_from(["word", "word", "mark", "spacing"]))
    texts = {"word": _WORDS, "mark": _MARKS, "spacing": _SPACING}[kind]
    token: dict[str, Any] = {"text": draw(st.sampled_from(texts))}
    if draw(odd):
        token["text"] = draw(st.sampled_from(_ODD_TEXTS))
    if draw(st.booleans()):
        token["type"] = draw(st.sampled_from([5, "\ud800", None])) if draw(odd) else kind
    # Words need times; marks and spacing have them or not.
    if kind == "word" or draw(st.booleans()):
        start: Any = at
        if draw(odd):
            start = draw(st.sampled_from([*_ODD_NUMBERS, at - 0.05, at - 1]))
        end: Any = (start if type(start) is float else at) + draw(st.sampled_from([0, 0.2, 0.5]))
        if draw(odd):
            end = draw(st.sampled_from([*_ODD_NUMBERS, at - 0.05, at - 1]))
        token.update(data_start=start, data_end=end)
        if draw(odd):
            del token[draw(st.sampled_from(["data_start", "data_end"]))]
    if draw(st.booleans()):
        token["confidence"] = (
            draw(st.sampled_from(_ODD_CONFIDENCES))
            if draw(odd)
            else draw(st.one_of(st.none(), st.just(1), st.floats(0, 1)))
        )
    return token


@st.composite
def _export(draw: st.DrawFn) -> list[Any]:
    """An export, clean or (half the time) with a few fields gone wrong."""
    odd = sometimes_odd(draw, 12)
    blocks: list[Any] = []
    at = 0.0
    for _ in range(draw(st.integers(0, 4))):
        tokens: list[Any] = []
        for _ in range(draw(st.integers(0, 7))):
            token = draw(_token(at, odd))
            tokens.append(token)
            end = token.get("data_end")
            if type(end) is float and end > at:
                at = end
        if tokens and not any(t.get("text") in _WORDS for t in tokens) and not draw(odd):
            # A clean block with marks has a word for them (else: stray punctuation).
            tokens.append({"text": "fin", "type": "word", "data_start": at, "data_end": at})
        number = draw(st.sampled_from([0, 1, 2, None]))
        block: dict[str, Any] = {"words": tokens}
        if number is not None:
            block["speaker_number"] = number
        if draw(st.booleans()):
            block["speaker"] = f"Name {number}"  # one name per number: no renaming
        if draw(st.booleans()):
            block.update(data_start=0.0, data_end=at)
        if draw(odd):
            key, value = draw(
                st.sampled_from(
                    [
                        ("speaker_number", "0"),
                        ("speaker_number", -1),
                        ("speaker_number", True),
                        ("speaker_number", 2_000_000),
                        ("speaker", 5),
                        ("speaker", ""),
                        ("speaker", "\ud800"),
                        ("speaker", "Someone else"),  # renamed when the number is known
                        ("data_start", -1),
                        ("data_end", "1"),
                        ("words", None),
                        ("words", "x"),
                        ("words", [7]),
                        ("words", [{"type": "word"}]),
                    ]
                )
            )
            block[key] = value
        blocks.append(block if not draw(odd) else draw(st.sampled_from([block, 5, [block]])))
    return blocks


def test_reading_an_export_gives_what_the_token_by_token_path_gives() -> None:
    taken: list[bool] = []

    @settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow])
    @given(doc=_export(), strict=st.booleans())
    def check(doc: list[Any], strict: bool) -> None:
        taken.append(happyscribe._read_columns(copy.deepcopy(doc), source="t.json") is not None)
        same_as_careful(happyscribe.read, happyscribe.read_careful, doc, strict=strict)

    check()
    share = sum(taken) / len(taken)
    print(f"happyscribe fast path: {sum(taken)} of {len(taken)} examples ({share:.0%})")
    assert share >= 0.2, f"only {share:.0%} of the examples took the fast path"


def _sample() -> list[Any]:
    loaded: list[Any] = json.loads(SAMPLE.read_text(encoding="utf-8-sig"))
    return loaded


def test_the_bundled_sample_takes_the_fast_path() -> None:
    doc = _sample()
    assert happyscribe._read_columns(copy.deepcopy(doc), source="t.json") is not None
    assert same_as_careful(happyscribe.read, happyscribe.read_careful, doc)[0] == "ok"


def test_real_exports_read_fast_as_token_by_token() -> None:
    folder = CORPUS / "vendors" / "happyscribe"
    if not folder.is_dir():
        # No real HappyScribe export with a usable licence has been found
        # (corpus/vendors/SOURCES.md): nothing to read until one is.
        pytest.skip(f"no HappyScribe exports in the shared corpus ({folder})")
    read_fast_as_careful(happyscribe, sorted(folder.glob("*.json")))


def _token_at(text: str, at: float | None = None, **extra: Any) -> dict[str, Any]:
    token: dict[str, Any] = {"text": text, **extra}
    if at is not None:
        token.update(data_start=at, data_end=at)
    return token


# Punctuation placed as the careful path's rules say (tests/readers/test_happyscribe.py),
# and what each gives.
_GLUED = [
    (["¿", "Qué", "?"], ["¿Qué?"]),
    (["says", " ", "“", "hi", "”", " ", "(", "twice", ")", "."], ["says", "“hi”", "(twice)."]),
    (["say", " ", '"', "cheese"], ["say", '"cheese']),
    (["end", " ", "("], ["end("]),
    (["a", "(", ")", "."], ["a()."]),  # marks after a waiting one wait with it, in order
    (["a", "(", ")", ".", "b"], ["a", "().b"]),
    (["a", " ", '"', " ya"], ['a"', "ya"]),  # a spaced mark before a spaced word: back
    (["a", ". ", '"', "b"], ["a.", '"b']),  # spaced by the mark's own trailing space
    (["a", "", '"', "b"], ["a", '"b']),  # an empty token is spacing too
    (["a ", '"', "b"], ["a", '"b']),  # spaced by the word's own trailing space
    (["…", " ", "sí"], ["…sí"]),
]


@pytest.mark.parametrize(("texts", "words"), _GLUED)
def test_punctuation_is_glued_on_the_fast_path(texts: list[str], words: list[str]) -> None:
    tokens = [_token_at(text, float(i) if text.strip() else None) for i, text in enumerate(texts)]
    doc = [{"speaker": "Ana", "speaker_number": 0, "words": tokens}]
    assert happyscribe._read_columns(copy.deepcopy(doc), source="t.json") is not None
    kind, transcript = same_as_careful(happyscribe.read, happyscribe.read_careful, doc)
    assert kind == "ok"
    assert [word["text"] for word in transcript["words"]] == words


def _set(pointer: str, value: Any) -> Any:
    """A change of the sample: the value at a JSON pointer (of existing keys) set."""

    def change(doc: Any) -> None:
        *path, last = pointer.strip("/").split("/")
        node = doc
        for key in path:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[int(last) if isinstance(node, list) else last] = value

    return change


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (lambda doc: doc.append({"speaker_number": 1, "words": [_token_at(".", 99)]}), "stray"),
        (_set("/1/speaker", "Someone else"), "a renamed speaker (speaker-renamed note)"),
        (lambda doc: doc[0]["words"][0].pop("data_end"), "a word without data_end"),
        (_set("/0/words/1/data_start", "0.95"), "a spacing token with a string time"),
        (_set("/0/words/3/confidence", 1.5), "a mark with a confidence above 1"),
        (_set("/0/words/3/data_start", 10**400), "a mark with a huge integer time"),
        (_set("/0/words/1/type", 5), "a type that is not a string"),
        (_set("/0/words/1/text", " \ud800"), "a lone surrogate in a spacing token"),
        (_set("/0/speaker_number", "0"), "a speaker number as a string"),
        (_set("/0/data_end", -1), "a negative block time"),
        (_set("/0/words/0/data_end", 0.6), "a word ending before it starts (repaired)"),
        (_set("/0/words/2/data_start", 0.5), "a word starting before the previous one"),
        (_set("/0/words/0/text", None), "a text that is not a string"),
        (_set("/0/words", None), "a block without tokens"),
    ],
)
def test_what_needs_the_careful_path_goes_there(change: Any, why: str) -> None:
    doc = _sample()
    change(doc)
    assert happyscribe._read_columns(copy.deepcopy(doc), source="t.json") is None, why
    for strict in (True, False):
        same_as_careful(happyscribe.read, happyscribe.read_careful, doc, strict=strict)
