"""AWS Transcribe job output reader: ``results.items[]`` of pronunciations and punctuation.

Shape (docs/vendor-formats.md, "AWS Transcribe"; samples corpus/vendors/aws-transcribe/):
``{jobName, accountId, status, results: {transcripts: [{transcript}], items: [{type,
alternatives: [{content, confidence}], start_time, end_time, speaker_label?, id?}],
speaker_labels?: {speakers, segments: [{start_time, end_time, speaker_label, items: [{start_time,
end_time, speaker_label}]}]}, audio_segments?: [{id, items: [int]}], language_code?}}``.

Mapping:

* every number is a string (``"4.369"``, ``"0.998"``): parsed, and a string that is not a
  decimal number is a schema error at its pointer; ``alternatives[0]`` is the word;
* ``punctuation`` items have no times and glue to the previous word (to the next one when
  they open the transcript);
* the speaker is the item's ``speaker_label`` (newer output); older output only lists speakers
  in ``speaker_labels.segments[].items``, joined to the words by their start and end times;
  ids stay ``spk_0``... and are their own names, as in the AWS console;
* paragraphs start at each ``audio_segments`` entry (newer output), else at each speaker
  segment of ``speaker_labels``;
* a ``pronunciation`` item without times is a schema error (the item must be timed).

Quirks: 2018 output has punctuation alternatives without ``confidence`` and an item whose
``end_time`` is 40 ms before its ``start_time`` (repaired by the shared policy, with a
diagnostic).

A clean output (every number a plain decimal string, one alternative per item, no word to
repair) is read column by column (:mod:`cuecraft.readers._aws_transcribe_columns`, issue #12);
anything else word by word (:func:`read_careful`), which gives the same transcript and says
where a problem is (``tests/readers/test_aws_transcribe_columns.py`` checks that they agree).
"""

from __future__ import annotations

from collections import deque
from typing import Any, Literal

from pydantic import Field

from cuecraft.columns import WordTable
from cuecraft.errors import Problem, SchemaError
from cuecraft.model import Speaker
from cuecraft.readers._aws_transcribe_columns import SegmentColumns, item_columns, segment_columns
from cuecraft.readers._shapes_cloud import is_aws_transcribe as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    table_from_columns,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import (
    DecimalConfidence,
    DecimalSeconds,
    Joiner,
    RawModel,
    SpeakerLabel,
    Text,
    mark_paragraphs,
    paragraph_indices,
    speakers_in_order,
)
from cuecraft.timing import seconds_to_ms

__all__ = ["SPEC", "read", "sniff"]


class _RawAlternative(RawModel):
    content: Text
    confidence: DecimalConfidence | None = None


class _RawItem(RawModel):
    type: Literal["pronunciation", "punctuation"]
    alternatives: list[_RawAlternative] = Field(min_length=1)
    start_time: DecimalSeconds | None = None
    end_time: DecimalSeconds | None = None
    speaker_label: SpeakerLabel | None = None
    id: int | None = None


class _RawSegmentItem(RawModel):
    start_time: DecimalSeconds
    end_time: DecimalSeconds
    speaker_label: SpeakerLabel | None = None


class _RawSpeakerSegment(RawModel):
    start_time: DecimalSeconds
    end_time: DecimalSeconds
    speaker_label: SpeakerLabel
    items: list[_RawSegmentItem] = Field(default_factory=list)


class _RawSpeakerLabels(RawModel):
    segments: list[_RawSpeakerSegment] = Field(default_factory=list)


class _RawAudioSegment(RawModel):
    items: list[int] = Field(default_factory=list)


class _RawResults(RawModel):
    items: list[_RawItem]
    speaker_labels: _RawSpeakerLabels | None = None
    audio_segments: list[_RawAudioSegment] | None = None
    language_code: Text | None = None


class _RawDocument(RawModel):
    job_name: Text | None = Field(default=None, alias="jobName")
    status: Text | None = None
    results: _RawResults


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read an AWS Transcribe job output (asrOutput.json).

    A clean output is read column by column (:func:`_read_columns`); anything else word by
    word (:func:`read_careful`), which gives the same words and says where a problem is.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order beyond the tolerance.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads an output the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    results = raw.results
    problems = [
        Problem(f"/results/items/{index}/{field}", "missing required field")
        for index, item in enumerate(results.items)
        if item.type == "pronunciation"
        for field in ("start_time", "end_time")
        if getattr(item, field) is None
    ]
    if problems:
        raise SchemaError(problems, source=source)
    by_times = _segment_speakers(results.speaker_labels)
    joiner = Joiner()
    word_ids: dict[int, int] = {}
    for index, item in enumerate(results.items):
        best = item.alternatives[0]
        if item.type == "punctuation":
            joiner.punct(best.content)
            continue
        # Checked above: a pronunciation without times is a schema problem.
        assert item.start_time is not None
        assert item.end_time is not None
        key = (seconds_to_ms(item.start_time), seconds_to_ms(item.end_time))
        speaker = item.speaker_label or _take(by_times.get(key))
        if item.id is not None:
            word_ids[item.id] = len(joiner.drafts)
        joiner.word(
            WordDraft(
                text=best.content,
                start=item.start_time,
                end=item.end_time,
                confidence=best.confidence,
                speaker=speaker,
                pointer=f"/results/items/{index}",
            )
        )
    drafts = joiner.finish()
    if results.audio_segments:
        for segment in results.audio_segments:
            first = next((word_ids[i] for i in segment.items if i in word_ids), None)
            if first is not None:
                drafts[first].paragraph_start = True
    elif results.speaker_labels and results.speaker_labels.segments:
        mark_paragraphs(
            drafts,
            (
                segment.items[0].start_time if segment.items else segment.start_time
                for segment in results.speaker_labels.segments
            ),
        )
    metadata: dict[str, Any] = {}
    if raw.job_name is not None:
        metadata["job_name"] = raw.job_name
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, {}),
        language=results.language_code,
        metadata=metadata,
        time_fields=("start_time", "end_time"),
    )


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean output read column by column, without a model object per item
    or per speaker-segment item (``table_from_columns``), as :mod:`cuecraft.readers.words`
    does. None when an item has more than one alternative, a number is not a plain decimal
    string (``"4.369"``, as AWS writes them), a word needs a repair, or anything else is not
    plainly valid: then :func:`read_careful` reads the output word by word and says where."""
    results = doc.get("results")
    if type(results) is not dict:
        return None
    words = item_columns(results.get("items"))
    if words is None:
        return None
    # The output's other fields as the careful path validates them (the items aside).
    rest = {**results, "items": []}
    segments = SegmentColumns([], [], [], [], [])
    if results.get("speaker_labels") is not None:
        found = segment_columns(results["speaker_labels"], words)
        if found is None:
            return None
        rest["speaker_labels"], segments = found
    raw = valid_or_none(_RawDocument, {**doc, "results": rest}, source=source)
    if raw is None:
        return None
    labels = words.labels
    speaker_labels = raw.results.speaker_labels
    if segments.starts and None in labels:
        assert speaker_labels is not None  # the segments' items come from it
        # Older output: words without a label take theirs from the segments, by times.
        by_times: dict[tuple[int, int], deque[str]] = {}
        for start, end, label, segment in zip(
            segments.starts, segments.ends, segments.labels, segments.segment_of, strict=True
        ):
            key = (seconds_to_ms(start), seconds_to_ms(end))
            by_times.setdefault(key, deque()).append(
                label or speaker_labels.segments[segment].speaker_label
            )
        labels = [
            label or _take(by_times.get((seconds_to_ms(start), seconds_to_ms(end))))
            for label, start, end in zip(labels, words.starts, words.ends, strict=True)
        ]
    paragraphs: list[int] = []
    if raw.results.audio_segments:
        word_of_id = {item: index for index, item in enumerate(words.ids) if item is not None}
        firsts = {
            next((word_of_id[i] for i in segment.items if i in word_of_id), None)
            for segment in raw.results.audio_segments
        }
        paragraphs = sorted(first for first in firsts if first is not None)
    elif speaker_labels and speaker_labels.segments:
        paragraphs = paragraph_indices(
            words.starts,
            [
                segment.start_time if first is None else segments.starts[first]
                for segment, first in zip(speaker_labels.segments, segments.firsts, strict=True)
            ],
        )
    used = [label for label in dict.fromkeys(labels) if label is not None]
    return table_from_columns(
        RawColumns(
            words.texts,
            words.starts,
            words.ends,
            pointer=words.pointer,
            confidences=words.confidences,
            speakers=labels,
            paragraph_starts=paragraphs,
        ),
        source=source,
        reader=SPEC.name,
        speakers=[Speaker(id=label, name=label) for label in used],
        language=raw.results.language_code,
        metadata={} if raw.job_name is None else {"job_name": raw.job_name},
    )


def _segment_speakers(labels: _RawSpeakerLabels | None) -> dict[tuple[int, int], deque[str]]:
    """Speakers by word (start, end) in ms, from the speaker segments' items, in order.

    Two words can share their times (overlapping speech, zero-length words): the k-th word
    with given times takes the k-th segment item with those times.
    """
    found: dict[tuple[int, int], deque[str]] = {}
    for segment in labels.segments if labels else ():
        for item in segment.items:
            key = (seconds_to_ms(item.start_time), seconds_to_ms(item.end_time))
            found.setdefault(key, deque()).append(item.speaker_label or segment.speaker_label)
    return found


def _take(queue: deque[str] | None) -> str | None:
    if not queue:
        return None
    # The last one stays for any further word with the same times.
    return queue.popleft() if len(queue) > 1 else queue[0]


SPEC = ReaderSpec(
    name="aws_transcribe",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="AWS Transcribe job output (asrOutput.json)",
    schema=_RawDocument,
)
