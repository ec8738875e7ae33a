"""The reader registry's infos (what it knows without importing a reader) match the specs."""

from __future__ import annotations

import dataclasses
import importlib

import pytest

from cuecraft.errors import FormatDetectionError
from cuecraft.readers import READERS, ReaderInfo, ReaderSpec, detect, get_reader


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


@pytest.mark.parametrize("info", READERS.infos(), ids=lambda info: info.name)
def test_every_json_reader_sniffs_with_its_light_sniffer(info: ReaderInfo) -> None:
    # Detection calls the registry's sniffer instead of importing every JSON reader for its
    # spec's; the two must be one function, so they cannot answer differently.
    if info.kind != "json":
        assert info.sniffer == ""
        return
    module, _, function = info.sniffer.partition(":")
    assert module in ("cuecraft.readers._shapes_cloud", "cuecraft.readers._shapes_whisper")
    assert READERS[info.name].sniff is getattr(importlib.import_module(module), function)


def test_a_json_spec_put_in_the_registry_is_sniffed_by_its_own_sniff(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    claims_x = dataclasses.replace(READERS["words"], name="mine", sniff=lambda doc: "x" in doc)
    monkeypatch.setitem(READERS, "mine", claims_x)
    assert READERS.info("mine").sniffer == ""
    spec, _ = detect({"x": 1}, source="mine.json")
    assert spec is claims_x
    # A sniffer that raises answers no, as every sniffer must.
    monkeypatch.setitem(READERS, "mine", dataclasses.replace(claims_x, sniff=_raises))
    with pytest.raises(FormatDetectionError, match="no reader recognises"):
        detect({"x": 1}, source="mine.json")


def _raises(doc: object) -> bool:
    raise RuntimeError("odd input")
