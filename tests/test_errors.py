"""Errors keep their facts as attributes, say where, and survive pickling (pysubs2 issue 97)."""

from __future__ import annotations

import inspect
import pickle
from typing import Any

import pytest

from cuecraft import errors
from cuecraft.commands._common import UsageError
from cuecraft.errors import (
    CuecraftError,
    FidelityError,
    FormatDetectionError,
    InputError,
    ModelError,
    OutputError,
    Problem,
    RulesError,
    SchemaError,
    SegmentationError,
    UnencodableError,
    UnknownFormatError,
    json_pointer,
)
from cuecraft.house_rules import HouseRulesError

SAMPLES: list[tuple[CuecraftError, dict[str, Any]]] = [
    (CuecraftError("plain"), {}),
    (
        UnknownFormatError("xyz", ["srt", "vtt"], what="output format"),
        {"format": "xyz", "known": ("srt", "vtt")},
    ),
    (
        InputError(
            "end is before start",
            source="a.json",
            pointer="/segments/0/words/2/end",
            word_index=2,
            line=3,
            column=4,
            block=5,
            offset=6,
        ),
        {
            "reason": "end is before start",
            "source": "a.json",
            "pointer": "/segments/0/words/2/end",
            "word_index": 2,
            "line": 3,
            "column": 4,
            "block": 5,
            "offset": 6,
        },
    ),
    (
        FormatDetectionError("several match", source="b.json", candidates=["words", "whisper"]),
        {"source": "b.json", "candidates": ("words", "whisper"), "pointer": None},
    ),
    (
        SchemaError(
            [Problem("/segments/0/words/1/start", "missing"), Problem("/speakers", "bad")],
            source="c.json",
        ),
        {
            "problems": (
                Problem("/segments/0/words/1/start", "missing"),
                Problem("/speakers", "bad"),
            ),
            "pointer": "/segments/0/words/1/start",
            "source": "c.json",
        },
    ),
    (
        ModelError([Problem("/words/0/end_ms", "Word: missing required field")]),
        {"problems": (Problem("/words/0/end_ms", "Word: missing required field"),)},
    ),
    (RulesError("must be at most 3", field="max_rows"), {"field": "max_rows"}),
    (SegmentationError("no room", word_index=7), {"word_index": 7}),
    (
        FidelityError("missing", "word missing", word_index=3, cue_index=1, line_index=0),
        {"problem": "missing", "word_index": 3, "cue_index": 1, "line_index": 0},
    ),
    (OutputError("cannot write", target="out/x.srt"), {"target": "out/x.srt"}),
    (
        UnencodableError("not in ISO 6937", target="x.stl", cue_index=4, char="€"),
        {"target": "x.stl", "cue_index": 4, "char": "€"},
    ),
    (
        HouseRulesError("unknown option", source="house.toml", field="rules.max_row"),
        {"source": "house.toml", "field": "rules.max_row"},
    ),
    (UsageError("--header does not apply to the srt writer"), {}),
]


def _error_classes() -> set[type[CuecraftError]]:
    return {
        value
        for value in vars(errors).values()
        if inspect.isclass(value) and issubclass(value, CuecraftError)
    }


def test_every_error_class_has_a_sample() -> None:
    assert _error_classes() <= {type(error) for error, _ in SAMPLES}


@pytest.mark.parametrize(
    ("error", "attributes"), SAMPLES, ids=[type(error).__name__ for error, _ in SAMPLES]
)
@pytest.mark.parametrize("protocol", range(pickle.HIGHEST_PROTOCOL + 1))
def test_pickles_with_its_attributes(
    error: CuecraftError, attributes: dict[str, Any], protocol: int
) -> None:
    copy = pickle.loads(pickle.dumps(error, protocol=protocol))
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert copy.args == error.args
    assert copy.__dict__ == error.__dict__
    for name, value in attributes.items():
        assert getattr(copy, name) == value, name


def test_error_bases() -> None:
    assert issubclass(UnknownFormatError, ValueError)
    assert issubclass(InputError, ValueError)
    assert issubclass(SchemaError, InputError)
    assert issubclass(FormatDetectionError, InputError)
    assert issubclass(UnencodableError, OutputError)
    for cls in _error_classes():
        assert issubclass(cls, CuecraftError)


def test_messages_are_built_from_the_facts() -> None:
    error = InputError("bad", source="a.json", pointer="/x", word_index=1)
    assert str(error) == "a.json: /x, word 1: bad"
    assert error.location() == "/x, word 1"
    assert str(InputError("bad", pointer="")) == "/: bad"
    assert str(SchemaError([Problem("/a", "x"), Problem("/b", "y"), Problem("/c", "z")])).endswith(
        "x (and 2 more problems)"
    )
    assert str(UnencodableError("no", cue_index=0)) == "cue 1: no"
    assert str(RulesError("too big", field="max_rows")) == "max_rows: too big"


def test_json_pointer_escapes_per_rfc_6901() -> None:
    assert json_pointer(["a/b", "m~n", 0]) == "/a~1b/m~0n/0"
    assert json_pointer([]) == ""


def test_fidelity_error_says_where_and_that_it_is_a_bug() -> None:
    error = FidelityError(
        "duplicated", "word written twice", word_index=4, cue_index=2, line_index=1
    )
    assert str(error).startswith("cue 3 row 2, word 4: word written twice")
    assert "bug" in str(error)
    assert str(FidelityError("missing", "lost")).startswith("lost (a bug")


def test_a_file_name_is_added_only_where_none_was_given() -> None:
    bare = InputError("no cues found", line=3)
    assert bare.with_source("a.srt") is bare
    assert str(bare) == "a.srt: line 3: no cues found"
    assert bare.args == (str(bare),)
    named = InputError("bad", source="first.srt")
    assert str(named.with_source("second.srt")) == "first.srt: bad"
    output = UnencodableError("cannot encode", cue_index=1)
    assert str(output.with_target("x.stl")) == "x.stl: cue 2: cannot encode"
    assert output.target == "x.stl"
    assert str(OutputError("no", target="a").with_target("b")) == "a: no"
    copy = pickle.loads(pickle.dumps(bare))
    assert (str(copy), copy.source) == (str(bare), "a.srt")
