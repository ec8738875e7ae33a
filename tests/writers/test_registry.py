"""The writer registry's infos (what it knows without importing a writer) match the specs."""

from __future__ import annotations

import dataclasses

import pytest

from cuecraft.writers import WRITERS, WriterInfo, WriterSpec, get_writer


@pytest.mark.parametrize("info", WRITERS.infos(), ids=lambda info: info.name)
def test_each_info_says_what_its_spec_says(info: WriterInfo) -> None:
    spec = WRITERS[info.name]
    assert isinstance(spec, WriterSpec)
    facts = (spec.name, spec.extensions, spec.takes, spec.binary, spec.description)
    assert (info.name, info.extensions, info.takes, info.binary, info.description) == facts


def test_the_registry_is_sorted_by_name_and_looks_up_by_alias() -> None:
    assert list(WRITERS) == sorted(WRITERS)
    assert get_writer("SubRip") is WRITERS["srt"]
    assert WRITERS["adb.dfxp"].name == "adb.dfxp"


def test_a_replaced_spec_is_the_one_looked_up(monkeypatch: pytest.MonkeyPatch) -> None:
    original = WRITERS["txt"]
    replaced = dataclasses.replace(original, description="replaced")
    monkeypatch.setitem(WRITERS, "txt", replaced)
    assert get_writer("txt") is replaced
    assert WRITERS.info("txt").description == "replaced"
    monkeypatch.undo()
    assert get_writer("txt") is original
    assert WRITERS.info("txt").description == original.description
