"""Google Cloud Speech-to-Text reader: ``results[].alternatives[0].words[]`` (v1 and v2).

Shape (docs/vendor-formats.md, "Google Cloud Speech-to-Text"; Google's REST reference for
``RecognizeResponse``/``LongRunningRecognizeResponse`` (v1) and ``BatchRecognizeResults`` (v2),
https://cloud.google.com/speech-to-text/docs/reference/rest; real files in
tests/data/vendors/google/): ``{results: [{alternatives: [{transcript, confidence, words:
[{startTime | startOffset, endTime | endOffset, word, confidence?, speakerTag? |
speakerLabel?}]}], channelTag?, resultEndTime? | resultEndOffset?, languageCode?}],
totalBilledTime?}``. The long-running operation that wraps it (``{name, metadata, done,
response: {...}}``) is read too.

Mapping:

* times are protobuf ``Duration`` values: ``"1.300s"`` strings in REST JSON, or ``{seconds:
  "5", nanos: 400000000}`` objects as the Node/Python clients print them (either member may be
  missing and then is 0, as protobuf omits zero fields); v1 names them ``startTime``/``endTime``,
  v2 ``startOffset``/``endOffset``. A word with no start or end is an error with its pointer;
* only the first (most likely) alternative of each result is read; the word text carries its
  punctuation when automatic punctuation was on;
* ``speakerTag`` (v1, an integer; 0 means "not diarized") becomes speaker ``"1"``, named
  ``"Speaker 1"``; ``speakerLabel`` (v2, a string) is used as it is;
* with diarization, v1 repeats every word of the recording in the **last** result, with
  speaker tags, after results that have none (Google's diarization guide). When the last
  result's words carry speakers and start again at or before the first result's first word,
  only that last result is read, with a paragraph at each change of speaker and at the first
  word of each result it repeats; otherwise results are read in order, each one a paragraph;
* multichannel audio (``channelTag`` 1, 2... on results): the channels' words are merged by
  start time, and the channel is part of the speaker id (``"C1"``, ``"C1S2"`` when diarized);
* the first result's ``languageCode`` is the language.

A clean single-channel response (v1 or v2 names, duration strings or objects, speaker tags or
labels or none, the diarized repeat included; nothing to repair) is read column by column
(:mod:`cuecraft.readers._google_columns`, issue #12); anything else (several channels, results
with and without a channel, anything odd) word by word (:func:`read_careful`), which gives the
same transcript and says where a problem is (``tests/readers/test_google_columns.py`` checks
that they agree).
"""

from __future__ import annotations

import heapq
import operator
import re
from itertools import compress
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field

from cuecraft.columns import WordTable
from cuecraft.errors import InputError
from cuecraft.model import Speaker
from cuecraft.readers._google_columns import clean_texts, result_words
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_cloud import google_response
from cuecraft.readers._shapes_cloud import is_google as sniff
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
    MAX_SECONDS,
    Confidence,
    RawModel,
    SpeakerIndex,
    SpeakerLabel,
    Text,
    mark_paragraphs,
    paragraph_indices,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]

_DURATION = re.compile(r"(\d+(\.\d{1,9})?)s")


def _duration(value: object) -> object:
    # A protobuf Duration: "1.300s" in REST JSON, {seconds, nanos} from the client libraries.
    if isinstance(value, str):
        match = _DURATION.fullmatch(value)
        if match is None:
            raise ValueError(f"expected a duration like '1.300s', got {value!r}")
        return float(match.group(1))
    if isinstance(value, dict):
        unknown = set(value) - {"seconds", "nanos"}
        if unknown:
            raise ValueError(f"unexpected duration member {sorted(unknown)[0]!r}")
        seconds = value.get("seconds", 0)
        nanos = value.get("nanos", 0)
        if isinstance(seconds, str) and seconds.isdigit():
            seconds = int(seconds)
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise ValueError(f"duration seconds must be a whole number, got {seconds!r}")
        if isinstance(nanos, bool) or not isinstance(nanos, int) or not 0 <= nanos < 10**9:
            raise ValueError(f"duration nanos must be 0..999999999, got {nanos!r}")
        if seconds > MAX_SECONDS:
            raise ValueError(f"duration {seconds} s is implausibly large")
        return seconds + nanos / 1e9
    raise ValueError(f"expected a duration string or object, got {type(value).__name__}")


Duration = Annotated[
    float, BeforeValidator(_duration), Field(ge=0, le=MAX_SECONDS, allow_inf_nan=False)
]


class _RawWord(RawModel):
    model_config = ConfigDict(populate_by_name=True)

    word: Text
    startTime: Duration | None = None
    endTime: Duration | None = None
    startOffset: Duration | None = None
    endOffset: Duration | None = None
    confidence: Confidence | None = None
    speakerTag: SpeakerIndex | None = None
    speakerLabel: SpeakerLabel | None = None


class _RawAlternative(RawModel):
    transcript: Text | None = None
    words: list[_RawWord] = Field(default_factory=list)


class _RawResult(RawModel):
    alternatives: list[_RawAlternative] = Field(default_factory=list)
    channelTag: SpeakerIndex | None = None
    languageCode: Text | None = None


class _RawResponse(RawModel):
    results: list[_RawResult]


def _speaker(word: _RawWord, channel: int | None, multichannel: bool) -> str | None:
    if word.speakerLabel is not None:
        speaker: str | None = word.speakerLabel
    elif word.speakerTag:
        speaker = str(word.speakerTag)
    else:
        speaker = None
    if not multichannel:
        return speaker
    prefix = f"C{channel if channel is not None else 0}"
    return prefix if speaker is None else f"{prefix}S{speaker}"


def _name(speaker_id: str, multichannel: bool) -> str:
    if not multichannel:
        return f"Speaker {speaker_id}" if speaker_id.isdigit() else speaker_id
    channel, _, speaker = speaker_id[1:].partition("S")
    return f"Channel {channel}" + (f" Speaker {speaker}" if speaker else "")


def _drafts(result: _RawResult, pointer: str, multichannel: bool, source: str) -> list[WordDraft]:
    if not result.alternatives:
        return []
    drafts = []
    for w, word in enumerate(result.alternatives[0].words):
        where = f"{pointer}/alternatives/0/words/{w}"
        start = word.startOffset if word.startOffset is not None else word.startTime
        end = word.endOffset if word.endOffset is not None else word.endTime
        if start is None or end is None:
            v2 = word.startOffset is not None or word.endOffset is not None
            field = ("start" if start is None else "end") + ("Offset" if v2 else "Time")
            raise InputError(
                f"the word has no {field}; request word time offsets (enableWordTimeOffsets)",
                source=source,
                pointer=f"{where}/{field}",
            )
        drafts.append(
            WordDraft(
                text=word.word,
                start=start,
                end=end,
                confidence=word.confidence,
                speaker=_speaker(word, result.channelTag, multichannel),
                pointer=where,
                text_field="word",
            )
        )
    if drafts:
        drafts[0].paragraph_start = True
    return drafts


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a Google Cloud Speech-to-Text response (v1 or v2, REST or client JSON).

    A clean response is read column by column (:func:`_read_columns`); anything else word by
    word (:func:`read_careful`), which gives the same words and says where a problem is.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for words without times, an empty transcript or times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a response the fast path leaves)."""
    body, root = google_response(doc)
    raw = validate(_RawResponse, body, source=source, root=root)
    channels = {r.channelTag for r in raw.results if r.channelTag is not None}
    multichannel = len(channels) > 1
    per_result = [
        _drafts(result, f"{root}/results/{i}", multichannel, source)
        for i, result in enumerate(raw.results)
    ]
    filled = [drafts for drafts in per_result if drafts]
    if (
        not multichannel
        and len(filled) > 1
        and all(d.speaker is not None for d in filled[-1])
        and filled[-1][0].start <= filled[0][0].start
    ):
        # Diarized v1: the last result repeats the whole recording with speaker tags.
        drafts = filled[-1]
        _mark_turns(drafts, [group[0].start for group in filled[:-1]])
    else:
        by_channel: dict[int | None, list[WordDraft]] = {}
        for result, group in zip(raw.results, per_result, strict=True):
            by_channel.setdefault(result.channelTag, []).extend(group)
        drafts = list(heapq.merge(*by_channel.values(), key=lambda d: d.start))
    names = {d.speaker: _name(d.speaker, multichannel) for d in drafts if d.speaker is not None}
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, names),
        language=_language(raw),
        time_fields=("startOffset", "endOffset") if _is_v2(raw) else ("startTime", "endTime"),
    )


def _language(raw: _RawResponse) -> str | None:
    """The first result's ``languageCode`` that is not empty, as a BCP 47 tag."""
    return language_code(next((r.languageCode for r in raw.results if r.languageCode), None))


def _is_v2(raw: _RawResponse) -> bool:
    return any(
        word.startOffset is not None
        for result in raw.results
        for alternative in result.alternatives[:1]
        for word in alternative.words
    )


def _mark_turns(drafts: list[WordDraft], result_starts: list[float]) -> None:
    # The repeated result has no paragraphs of its own: a change of speaker starts one, and so
    # does the first word of each result it repeats (Google's own sentence-like segments), so
    # a one-speaker stretch is not one paragraph of the whole recording.
    previous: str | None = None
    for draft in drafts:
        draft.paragraph_start = draft.speaker != previous
        previous = draft.speaker
    mark_paragraphs(drafts, result_starts)


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean single-channel response read column by column, without a model
    object per word (``table_from_columns``), as :mod:`cuecraft.readers.deepgram` does. None
    when the results have channels (several, or some without), or a word or any other field
    is not plainly valid, or a word needs a repair: then :func:`read_careful` reads the
    response word by word and says where."""
    body, root = google_response(doc)
    if type(body) is not dict:
        return None
    found = result_words(body.get("results"), root)
    if found is None:
        return None
    bare_results, words = found
    # The response's other fields as the careful path validates them (the first
    # alternatives' words aside; the other alternatives' words too, as it does).
    raw = valid_or_none(_RawResponse, {**body, "results": bare_results}, source=source)
    if raw is None or len({result.channelTag for result in raw.results}) > 1:
        return None  # channels are merged by time: the careful path
    texts, starts, speakers = words.texts, words.starts, words.speakers
    firsts = words.firsts
    last = firsts[-1]
    confidences = words.confidences
    if len(firsts) > 1 and None not in speakers[last:] and starts[last] <= starts[0]:
        # Diarized v1: the last result repeats the whole recording with speaker tags; the
        # words before it are validated (by the careful path's schema) but not read.
        if not clean_texts(texts[:last], confidences[:last]):
            return None
        texts, starts, speakers = texts[last:], starts[last:], speakers[last:]
        confidences = confidences[last:]
        changes = map(operator.ne, speakers, [None, *speakers[:-1]])
        turns = set(compress(range(len(speakers)), changes))
        repeated = paragraph_indices(starts, [words.starts[first] for first in firsts[:-1]])
        paragraphs: list[int] = sorted(turns.union(repeated))
        ends = words.ends[last:]
        offset = last
    else:
        paragraphs = firsts
        ends = words.ends
        offset = 0
    used = [label for label in dict.fromkeys(speakers) if label is not None]
    return table_from_columns(
        RawColumns(
            texts,
            starts,
            ends,
            pointer=lambda index: words.pointer(index + offset),
            confidences=confidences,
            speakers=speakers,
            paragraph_starts=paragraphs,
        ),
        source=source,
        reader=SPEC.name,
        speakers=[Speaker(id=label, name=_name(label, False)) for label in used],
        language=_language(raw),
    )


SPEC = ReaderSpec(
    name="google",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Google Cloud Speech-to-Text response (v1/v2, REST or client JSON)",
    schema=_RawResponse,
)
