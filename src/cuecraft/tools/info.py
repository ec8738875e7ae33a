"""What is in a transcript file: vendor, language, duration, words, speakers, confidence, and
what cuecraft could not map.

:func:`describe` loads a file (vendor detected) and returns a JSON-able :class:`FileInfo`.
"What could not be mapped" has three sources:

* the reader's diagnostics (tokens skipped, highlights dropped, times repaired...), grouped by
  code;
* the vendor metadata the reader kept as is (``SourceInfo.metadata``: ids, file names...);
* for JSON input, the fields the reader does not know. Every JSON reader validates the
  vendor document against private pydantic models (``_Raw*``) that mirror the vendor's
  documented shape and ignore anything else, and names that shape in its spec
  (``ReaderSpec.schema``); the document is walked alongside it and each key it does not
  declare is reported as a path pattern (``/segments/*/words/*/style``) with the number of
  times it occurs. Values a model declares as free-form (``Any``) are not entered.
"""

from __future__ import annotations

import itertools
import os
import statistics
import types
import typing
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from pydantic import BaseModel

from cuecraft import api
from cuecraft._files import read_path
from cuecraft.errors import json_pointer
from cuecraft.model import Transcript
from cuecraft.readers import READERS, decode, detect, get_reader

__all__ = ["FileInfo", "SpeakerInfo", "describe", "describe_transcript", "unknown_fields"]

CONFIDENCE_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 0.95, 1.0)
"""Edges of the confidence histogram (the last bin includes 1.0)."""

LOW_CONFIDENCE = 0.5
"""Words below this confidence are counted as low-confidence."""

_MAX_WALK = 2_000_000
"""Stop looking for unknown fields after this many JSON values (huge inputs stay fast)."""


@dataclass(frozen=True)
class SpeakerInfo:
    """One speaker: id, display name, how many words and how much speech (ms)."""

    id: str
    name: str
    words: int
    speech_ms: int


@dataclass(frozen=True)
class FileInfo:
    """Everything :func:`describe` reports (``asdict`` gives the JSON form)."""

    source: str
    reader: str | None
    reader_description: str
    language: str | None
    start_ms: int
    end_ms: int
    duration_ms: int
    words: int
    characters: int
    paragraphs: int
    speakers: tuple[SpeakerInfo, ...]
    speakers_unused: tuple[str, ...]
    words_without_speaker: int
    confidence: dict[str, Any]
    edited_words: int | None
    highlights: int
    metadata: dict[str, Any]
    diagnostics: dict[str, int]
    diagnostic_examples: tuple[str, ...]
    unknown_fields: dict[str, int] | None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _confidence(transcript: Transcript) -> dict[str, Any]:
    values = [word.confidence for word in transcript.words if word.confidence is not None]
    summary: dict[str, Any] = {
        "words_with": len(values),
        "words_without": len(transcript.words) - len(values),
    }
    if not values:
        return summary
    ordered = sorted(values)
    quartiles = statistics.quantiles(ordered, n=4) if len(ordered) > 1 else [ordered[0]] * 3
    bins = []
    for low, high in itertools.pairwise(CONFIDENCE_BINS):
        last = high == CONFIDENCE_BINS[-1]
        count = sum(1 for v in ordered if low <= v < high or (last and v == high))
        bins.append({"from": low, "to": high, "words": count})
    summary.update(
        {
            "min": round(ordered[0], 4),
            "p25": round(quartiles[0], 4),
            "median": round(quartiles[1], 4),
            "p75": round(quartiles[2], 4),
            "max": round(ordered[-1], 4),
            "mean": round(statistics.fmean(ordered), 4),
            "low": sum(1 for v in ordered if v < LOW_CONFIDENCE),
            "low_threshold": LOW_CONFIDENCE,
            "histogram": bins,
        }
    )
    return summary


def _speakers(transcript: Transcript) -> tuple[tuple[SpeakerInfo, ...], tuple[str, ...], int]:
    words: Counter[str | None] = Counter()
    speech: Counter[str | None] = Counter()
    for word in transcript.words:
        words[word.speaker] += 1
        speech[word.speaker] += word.end_ms - word.start_ms
    infos = tuple(
        SpeakerInfo(speaker.id, speaker.name, words[speaker.id], speech[speaker.id])
        for speaker in transcript.speakers
        if words[speaker.id]
    )
    unused = tuple(speaker.id for speaker in transcript.speakers if not words[speaker.id])
    return infos, unused, words[None]


def describe_transcript(
    transcript: Transcript, *, reader: str | None = None, unknown: dict[str, int] | None = None
) -> FileInfo:
    """The facts of an already-loaded transcript.

    Args:
        transcript: the transcript.
        reader: the reader that read it (default: ``transcript.source.format``).
        unknown: the fields the reader ignored (see :func:`unknown_fields`).
    """
    reader = reader or transcript.source.format
    spec = READERS.get(reader or "")
    speakers, unused, anonymous = _speakers(transcript)
    codes = Counter(diagnostic.code for diagnostic in transcript.diagnostics)
    examples = tuple(str(diagnostic) for diagnostic in transcript.diagnostics[:5])
    pristine = [word.pristine for word in transcript.words if word.pristine is not None]
    return FileInfo(
        source=transcript.source.name or "<input>",
        reader=reader,
        reader_description=spec.description if spec else "",
        language=transcript.language,
        start_ms=transcript.start_ms,
        end_ms=transcript.end_ms,
        duration_ms=transcript.end_ms - transcript.start_ms,
        words=len(transcript.words),
        characters=sum(len(word.text) for word in transcript.words),
        paragraphs=sum(1 for word in transcript.words if word.paragraph_start),
        speakers=speakers,
        speakers_unused=unused,
        words_without_speaker=anonymous,
        confidence=_confidence(transcript),
        edited_words=sum(1 for flag in pristine if not flag) if pristine else None,
        highlights=len(transcript.highlights),
        metadata=dict(transcript.source.metadata),
        diagnostics=dict(sorted(codes.items())),
        diagnostic_examples=examples,
        unknown_fields=unknown,
    )


# ------------------------------------------------------------------------- unknown fields


def _strip(annotation: Any) -> list[Any]:
    """The concrete alternatives of an annotation (Annotated and Optional removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _strip(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [alt for arg in typing.get_args(annotation) for alt in _strip(arg)]
    if annotation is type(None):
        return []
    return [annotation]


def _field_names(model: type[BaseModel]) -> dict[str, Any]:
    names: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        names[name] = info.annotation
        for alias in (info.alias, info.validation_alias):
            if isinstance(alias, str):
                names[alias] = info.annotation
    return names


def _best_model(value: dict[str, Any], models: list[type[BaseModel]]) -> type[BaseModel] | None:
    if not models:
        return None
    return max(models, key=lambda model: len(value.keys() & _field_names(model).keys()))


def _walk(
    value: Any, annotation: Any, path: tuple[str, ...], found: Counter[str], budget: list[int]
) -> None:
    stack: list[tuple[Any, Any, tuple[str, ...]]] = [(value, annotation, path)]
    while stack:
        value, annotation, path = stack.pop()
        budget[0] -= 1
        if budget[0] < 0:
            return
        alternatives = _strip(annotation)
        if isinstance(value, dict):
            models = [
                alt for alt in alternatives if isinstance(alt, type) and issubclass(alt, BaseModel)
            ]
            model = _best_model(value, models)
            if model is None:
                continue  # a free-form object (Any, dict, JsonValue): not ours to judge
            names = _field_names(model)
            for key, item in value.items():
                if key in names:
                    stack.append((item, names[key], (*path, key)))
                else:
                    found[json_pointer((*path, key))] += 1
        elif isinstance(value, list):
            items: list[Any] = []
            for alt in alternatives:
                origin = typing.get_origin(alt)
                if origin in (list, tuple, typing.Sequence, set, frozenset):
                    args = typing.get_args(alt)
                    items.extend(arg for arg in args if arg is not Ellipsis)
            if not items:
                continue
            element: Any = items[0] if len(items) == 1 else typing.Union[tuple(items)]  # noqa: UP007
            for item in value:
                stack.append((item, element, (*path, "*")))


def unknown_fields(doc: Any, reader: str) -> dict[str, int] | None:
    """Keys of a JSON document that the reader's raw schema (``ReaderSpec.schema``) does not
    declare.

    Returns:
        Path pattern (``*`` for any array index) -> occurrences, sorted; None when the reader
        declares no schema (nothing can be said).
    """
    schema = get_reader(reader).schema
    if schema is None:
        return None
    found: Counter[str] = Counter()
    _walk(doc, schema, (), found, [_MAX_WALK])
    return dict(sorted(found.items()))


def describe(
    src: str | os.PathLike[str],
    format: str | None = None,
    *,
    strict: bool = False,
    max_bytes: int = api.MAX_INPUT_BYTES,
) -> FileInfo:
    """Load a file and describe it.

    Args:
        src: the file.
        format: a reader name; detected from content when None.
        strict: the readers' strict mode (off by default: ``info`` shows what was repaired).
        max_bytes: refuse inputs larger than this.

    Raises:
        InputError: when the file cannot be read.
    """
    label = str(src)
    data = read_path(src, max_bytes, label=label)  # bounded: /dev/zero is refused, not read
    if format is None:
        spec, doc = detect(data, source=label)
    else:
        spec = get_reader(format)
        doc = decode(data, spec.kind, source=label)
    transcript = api.load(
        doc if spec.kind == "json" else data, spec.name, strict=strict, source=label
    )
    unknown = unknown_fields(doc, spec.name) if spec.kind == "json" else None
    return describe_transcript(transcript, reader=spec.name, unknown=unknown)


def iter_lines(info: FileInfo) -> Iterator[str]:
    """The human-readable form of ``info``, line by line."""
    yield f"file:        {info.source}"
    yield f"format:      {info.reader} ({info.reader_description})"
    yield f"language:    {info.language or 'unknown'}"
    yield (
        f"duration:    {_clock(info.duration_ms)} "
        f"({_clock(info.start_ms)} to {_clock(info.end_ms)})"
    )
    yield (
        f"words:       {info.words} ({_n(info.characters, 'character')}, "
        f"{_n(info.paragraphs, 'paragraph')})"
    )
    if info.speakers or info.words_without_speaker:
        yield f"speakers:    {len(info.speakers)}"
        for speaker in info.speakers:
            yield (
                f"  {speaker.id}: {speaker.name} - {_n(speaker.words, 'word')}, "
                f"{_clock(speaker.speech_ms)} of speech"
            )
        if info.words_without_speaker:
            yield f"  (no speaker): {_n(info.words_without_speaker, 'word')}"
    if info.speakers_unused:
        yield f"  listed but unused: {', '.join(info.speakers_unused)}"
    confidence = info.confidence
    if confidence.get("words_with"):
        yield (
            f"confidence:  min {confidence['min']}, median {confidence['median']}, "
            f"mean {confidence['mean']}, max {confidence['max']}; "
            f"{_n(confidence['low'], 'word')} below {confidence['low_threshold']}"
        )
        for bin in confidence["histogram"]:
            bar = "#" * round(40 * bin["words"] / max(1, confidence["words_with"]))
            yield f"  {bin['from']:.2f}-{bin['to']:.2f} {bin['words']:>7} {bar}"
        if confidence["words_without"]:
            yield f"  {_n(confidence['words_without'], 'word')} without a confidence"
    else:
        yield "confidence:  none given"
    if info.edited_words is not None:
        yield f"edited:      {_n(info.edited_words, 'word')} edited by a person (pristine false)"
    if info.highlights:
        yield f"highlights:  {info.highlights}"
    if info.metadata:
        yield "metadata:    " + ", ".join(f"{k}={_short(v)}" for k, v in info.metadata.items())
    if info.diagnostics:
        yield "not mapped or repaired (diagnostics):"
        for code, count in info.diagnostics.items():
            yield f"  {code}: {count}"
        for example in info.diagnostic_examples:
            yield f"    e.g. {example}"
    if info.unknown_fields:
        yield "fields the reader ignores:"
        for pattern, count in info.unknown_fields.items():
            yield f"  {pattern} ({count}x)"
    elif info.unknown_fields is not None:
        yield "fields the reader ignores: none"


def _clock(ms: int) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:d}:{minutes:02d}:{rest / 1000:06.3f}"


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else value
    return text if len(text) <= 40 else text[:37] + "..."


def _n(count: int, noun: str) -> str:
    """``1 word``, ``2 words``."""
    return f"{count} {noun if count == 1 else noun + 's'}"
