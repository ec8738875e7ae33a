"""Speechmatics batch transcript reader (``json-v2``): ``results[]`` of words, punctuation and
entities.

Shape (docs/vendor-formats.md, "Speechmatics"; samples corpus/vendors/speechmatics/):
``{format: "2.9", job: {id, ...}, metadata: {transcription_config: {language, diarization},
language_pack_info: {word_delimiter}}, results: [{type, start_time, end_time, alternatives:
[{content, confidence, language, speaker}], attaches_to?, is_eos?, channel?, entity_class?,
spoken_form?, written_form?}]}``.

Mapping:

* ``word`` results are words; ``alternatives[0]`` is the best one;
* ``punctuation`` results glue as ``attaches_to`` says: ``previous`` (the default) to the word
  before, ``next`` to the word after, ``both`` joins the two words into one; ``none`` stands
  alone and becomes a word of its own with its own (zero-length) time;
* ``entity`` results (``enable_entities``) replace the words they cover in the list, so each
  is read once, never beside its words: as the words of its ``written_form`` (each with its
  own times; the written form is the displayed text), or, when that is missing, as one word
  with the entity's ``content`` and span. ``spoken_form`` is not displayed;
* ``speaker`` ``"S1"``... is the speaker id and name; ``"UU"`` (unknown, or diarization off)
  is no speaker; with channel diarization the result's ``channel`` is the speaker;
* a legacy ``speaker_change`` result starts a paragraph at the next word;
* the language is ``metadata.transcription_config.language``.

Left alone: ``language_pack_info.word_delimiter`` (``""`` for Chinese or Japanese, but also
``""`` in a real English 2.8 file) is kept in the metadata only; the model has no way to say
"no space between words".

A clean transcript (one alternative per result, punctuation that attaches to one side or
none, no ``speaker_change``, nothing to repair) is read column by column
(:mod:`cuecraft.readers._speechmatics_columns`, issue #12); anything else word by word
(:func:`read_careful`), which gives the same transcript and says where a problem is
(``tests/readers/test_speechmatics_columns.py`` checks that they agree).
"""

from __future__ import annotations

from typing import Any, Literal

from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Speaker
from cuecraft.readers._shapes_cloud import is_speechmatics as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    table_from_columns,
    valid_or_none,
    validate,
)
from cuecraft.readers._speechmatics_columns import result_words
from cuecraft.readers._vendor import (
    Confidence,
    Joiner,
    RawModel,
    Seconds,
    SpeakerLabel,
    Text,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]

_UNKNOWN_SPEAKER = "UU"


class _RawAlternative(RawModel):
    content: Text
    confidence: Confidence | None = None
    language: Text | None = None
    speaker: SpeakerLabel | None = None


class _RawFormWord(RawModel):
    start_time: Seconds
    end_time: Seconds
    alternatives: list[_RawAlternative] | None = None


class _RawResult(RawModel):
    type: Text
    start_time: Seconds
    end_time: Seconds
    alternatives: list[_RawAlternative] | None = None
    attaches_to: Literal["previous", "next", "both", "none"] | None = None
    channel: SpeakerLabel | None = None
    written_form: list[_RawFormWord] | None = None


class _RawTranscriptionConfig(RawModel):
    language: Text | None = None


class _RawLanguagePack(RawModel):
    word_delimiter: Text | None = None


class _RawMetadata(RawModel):
    transcription_config: _RawTranscriptionConfig | None = None
    language_pack_info: _RawLanguagePack | None = None


class _RawJob(RawModel):
    id: Text | None = None


class _RawDocument(RawModel):
    format: Text | None = None
    job: _RawJob | None = None
    metadata: _RawMetadata | None = None
    results: list[_RawResult]


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a Speechmatics json-v2 transcript.

    A clean transcript is read column by column (:func:`_read_columns`); anything else word
    by word (:func:`read_careful`), which gives the same words and says where a problem is.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a transcript the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    problems = [
        Problem(f"/results/{index}/alternatives", "needs at least one alternative")
        for index, result in enumerate(raw.results)
        if result.type != "speaker_change" and not result.alternatives
    ] + [
        Problem(f"/results/{index}/written_form/{w}/alternatives", "needs at least one alternative")
        for index, result in enumerate(raw.results)
        for w, form in enumerate(result.written_form or ())
        if result.type == "entity" and not form.alternatives
    ]
    if problems:
        raise SchemaError(problems, source=source)
    joiner = Joiner()
    new_paragraph = False

    def add(result: _RawResult | _RawFormWord, pointer: str, channel: str | None) -> None:
        nonlocal new_paragraph
        assert result.alternatives  # checked above / by the caller
        best = result.alternatives[0]
        speaker = best.speaker if best.speaker != _UNKNOWN_SPEAKER else None
        joiner.word(
            WordDraft(
                text=best.content,
                start=result.start_time,
                end=result.end_time,
                confidence=best.confidence,
                speaker=speaker or channel,
                pointer=pointer,
                paragraph_start=new_paragraph,
            )
        )
        new_paragraph = False

    for index, result in enumerate(raw.results):
        pointer = f"/results/{index}"
        if result.type == "speaker_change":
            new_paragraph = True
        elif result.type == "punctuation":
            assert result.alternatives
            attach = result.attaches_to or "previous"
            if attach == "none":
                add(result, pointer, result.channel)
            else:
                joiner.punct(result.alternatives[0].content, attach)
        elif result.type == "entity" and result.written_form:
            for w, form in enumerate(result.written_form):
                add(form, f"{pointer}/written_form/{w}", result.channel)
        else:
            # "word", an entity without written_form, and any newer word-like type.
            add(result, pointer, result.channel)
    drafts = joiner.finish()
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, {}),
        language=_language(raw),
        metadata=_metadata(raw),
        time_fields=("start_time", "end_time"),
    )


def _language(raw: _RawDocument) -> str | None:
    config = raw.metadata.transcription_config if raw.metadata else None
    return config.language if config else None


def _metadata(raw: _RawDocument) -> dict[str, Any]:
    """The job's format, id and word delimiter, where given."""
    metadata: dict[str, Any] = {}
    if raw.format:
        metadata["format"] = raw.format
    if raw.job and raw.job.id:
        metadata["job_id"] = raw.job.id
    pack = raw.metadata.language_pack_info if raw.metadata else None
    if pack and pack.word_delimiter is not None:
        metadata["word_delimiter"] = pack.word_delimiter
    return metadata


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean transcript read column by column, without a model object per
    result (``table_from_columns``), as :mod:`cuecraft.readers.aws_transcribe` does. None
    when a result has more than one alternative, is a ``speaker_change``, attaches ``both``
    ways, or anything else is not plainly valid, or a word needs a repair: then
    :func:`read_careful` reads the transcript word by word and says where."""
    words = result_words(doc.get("results"))
    if words is None:
        return None
    # The transcript's other fields as the careful path validates them (the results aside).
    raw = valid_or_none(_RawDocument, {**doc, "results": []}, source=source)
    if raw is None:
        return None
    used = [label for label in dict.fromkeys(words.speakers) if label is not None]
    return table_from_columns(
        RawColumns(
            words.texts,
            words.starts,
            words.ends,
            pointer=words.pointer,
            confidences=words.confidences,
            speakers=words.speakers,
        ),
        source=source,
        reader=SPEC.name,
        speakers=[Speaker(id=label, name=label) for label in used],
        language=_language(raw),
        metadata=_metadata(raw),
    )


SPEC = ReaderSpec(
    name="speechmatics",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Speechmatics batch transcript (json-v2)",
    schema=_RawDocument,
)
