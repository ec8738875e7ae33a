"""Azure AI Speech batch transcription reader: ``recognizedPhrases[].nBest[0].words[]``.

Shape (docs/vendor-formats.md, "Azure Speech"; Microsoft's "Get batch transcription results"
page, https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get, and
the result schema ``transcriptionresult_v3_2.schema.json``): ``{source, timestamp,
durationInTicks, duration, combinedRecognizedPhrases: [{channel, lexical, itn, maskedITN,
display}], recognizedPhrases: [{recognitionStatus, channel, speaker?, offset, duration,
offsetInTicks, durationInTicks, locale?, nBest: [{confidence, lexical, itn, maskedITN, display,
words?: [{word, offset, duration, offsetInTicks, durationInTicks, confidence}], displayWords?:
[{displayText, ...same times}]}]}]}``.

Mapping:

* ticks are 100 ns (``7600000`` = 0.76 s) and may be written as floats (``7600000.0``); a
  word's end is its offset plus its duration;
* ``displayWords`` (with ``displayFormWordLevelTimestampsEnabled``) carry the punctuated,
  capitalised text the user sees and are preferred; otherwise ``words`` (lexical: lower case,
  no punctuation, numbers spelled out) are read, as that is all the file has;
* a phrase whose ``recognitionStatus`` is not ``Success`` has no words and is skipped with a
  diagnostic; a phrase without word timings (word-level timestamps were not requested) is an
  error that says so;
* each phrase starts a paragraph; ``speaker`` (an integer, with diarization) becomes
  ``"1"``, named ``"Speaker 1"``;
* phrases of several channels (stereo) interleave; they are merged by time and the channel is
  part of the speaker id (``"C0"``, ``"C0S1"``);
* the first phrase's ``locale`` is the language.
"""

from __future__ import annotations

import heapq
from typing import Annotated, Any

from pydantic import BaseModel, Field

from cuecraft.errors import InputError
from cuecraft.model import Diagnostic, Transcript
from cuecraft.readers._languages import language_code
from cuecraft.readers._spec import ReaderSpec, WordDraft, assemble, validate
from cuecraft.readers._vendor import MAX_SECONDS, Confidence, SpeakerIndex, Text, speakers_in_order

__all__ = ["SPEC", "read", "sniff"]

_TICKS_PER_MS = 10_000

Ticks = Annotated[float, Field(ge=0, le=MAX_SECONDS * 10**7, allow_inf_nan=False, strict=True)]


class _RawWord(BaseModel):
    word: Text | None = None
    displayText: Text | None = None
    offsetInTicks: Ticks
    durationInTicks: Ticks
    confidence: Confidence | None = None


class _RawBest(BaseModel):
    confidence: Confidence | None = None
    display: Text | None = None
    words: list[_RawWord] | None = None
    displayWords: list[_RawWord] | None = None


class _RawPhrase(BaseModel):
    recognitionStatus: Text = "Success"
    channel: SpeakerIndex | None = None
    speaker: SpeakerIndex | None = None
    offsetInTicks: Ticks = 0.0
    locale: Text | None = None
    nBest: list[_RawBest] = Field(default_factory=list)


class _RawDocument(BaseModel):
    source: Text | None = None
    recognizedPhrases: list[_RawPhrase]


def sniff(doc: Any) -> bool:
    """An object with a ``recognizedPhrases`` list (no other vendor uses the name)."""
    return isinstance(doc, dict) and isinstance(doc.get("recognizedPhrases"), list)


def _speaker(phrase: _RawPhrase, multichannel: bool) -> str | None:
    speaker = None if phrase.speaker is None else str(phrase.speaker)
    if not multichannel:
        return speaker
    channel = f"C{phrase.channel or 0}"
    return channel if speaker is None else f"{channel}S{speaker}"


def _name(speaker_id: str, multichannel: bool) -> str:
    if not multichannel:
        return f"Speaker {speaker_id}"
    channel, _, speaker = speaker_id[1:].partition("S")
    return f"Channel {channel}" + (f" Speaker {speaker}" if speaker else "")


def read(doc: Any, *, source: str, strict: bool = True) -> Transcript:
    """Read an Azure Speech batch transcription result file.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for phrases without word timings, an empty transcript or times out of
            order.
    """
    raw = validate(_RawDocument, doc, source=source)
    multichannel = len({p.channel or 0 for p in raw.recognizedPhrases}) > 1
    notes: list[Diagnostic] = []
    by_channel: dict[int, list[WordDraft]] = {}
    for p, phrase in enumerate(raw.recognizedPhrases):
        pointer = f"/recognizedPhrases/{p}"
        if phrase.recognitionStatus != "Success" or not phrase.nBest:
            notes.append(
                Diagnostic(
                    code="phrase-not-recognised",
                    source=source,
                    pointer=pointer,
                    message=f"phrase with status {phrase.recognitionStatus!r} and no words skipped",
                    severity="info",
                )
            )
            continue
        best = phrase.nBest[0]
        if best.displayWords is not None:
            words, field, text_field = best.displayWords, "displayWords", "displayText"
        elif best.words is not None:
            words, field, text_field = best.words, "words", "word"
        else:
            raise InputError(
                "the phrase has no word timings; request them with wordLevelTimestampsEnabled "
                "(and displayFormWordLevelTimestampsEnabled for punctuated words)",
                source=source,
                pointer=f"{pointer}/nBest/0",
            )
        drafts = by_channel.setdefault(phrase.channel or 0, [])
        for w, word in enumerate(words):
            where = f"{pointer}/nBest/0/{field}/{w}"
            text = word.displayText if text_field == "displayText" else word.word
            if text is None:
                raise InputError(
                    f"the word has no {text_field}", source=source, pointer=f"{where}/{text_field}"
                )
            drafts.append(
                WordDraft(
                    text=text,
                    start=word.offsetInTicks / _TICKS_PER_MS,
                    end=(word.offsetInTicks + word.durationInTicks) / _TICKS_PER_MS,
                    confidence=word.confidence,
                    speaker=_speaker(phrase, multichannel),
                    pointer=where,
                    paragraph_start=w == 0,
                    unit="ms",
                    text_field=text_field,
                )
            )
    merged = list(heapq.merge(*by_channel.values(), key=lambda d: d.start))
    names = {d.speaker: _name(d.speaker, multichannel) for d in merged if d.speaker is not None}
    locale = next((p.locale for p in raw.recognizedPhrases if p.locale), None)
    return assemble(
        merged,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(merged, names),
        language=language_code(locale),
        metadata={"source": raw.source} if raw.source else {},
        diagnostics=notes,
        time_fields=("offsetInTicks", "durationInTicks"),
    )


SPEC = ReaderSpec(
    name="azure",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Azure AI Speech batch transcription result",
    schema=_RawDocument,
)
