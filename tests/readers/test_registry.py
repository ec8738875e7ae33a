"""The reader registry's infos (what it knows without importing a reader) match the specs."""

from __future__ import annotations

import dataclasses

import pytest

from cuecraft.readers import READERS, ReaderInfo, ReaderSpec, get_reader


@pytest.mark.parametrize("info", READERS.infos(), ids=lambda info: info.name)
def test_each_info_says_what_its_spec_says(info: ReaderInfo) -> None:
    spec = READERS[info.name]
    assert isinstance(spec, ReaderSpec)
    facts = (spec.name, spec.kind, spec.extensions, spec.description, spec.options)
    assert (info.name, info.kind, info.extensions, info.description, info.options) == facts
    assert info.location == f"cuecraft.readers.{info.name}:SPEC"


def test_the_registry_is_sorted_by_name_and_looks_up_by_alias() -> None:
    assert list(READERS) == sorted(READERS)
    assert [info.name for info in READERS.infos()] == list(READERS)
    assert get_reader("WebVTT") is READERS["vtt"]
    assert READERS.get("nope") is None
    assert "srt" in READERS
    assert "nope" not in READERS


def test_a_spec_put_in_the_registry_is_listed_from_itself(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = dataclasses.replace(READERS["srt"], name="fake", extensions=(".fake",))
    monkeypatch.setitem(READERS, "fake", fake)
    assert READERS["fake"] is fake
    assert READERS.info("fake").extensions == (".fake",)
    assert list(READERS)[-1] == "fake"
    monkeypatch.undo()
    assert "fake" not in READERS
