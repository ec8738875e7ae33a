"""Azure AI Speech reader: batch transcription, fast transcription and Speech SDK results.

One reader name, ``azure``, for the three JSON shapes an Azure Speech user can have; which one
a file is follows from its keys (the three share none), so ``--from azure`` and detection
work on each:

* **batch transcription** result file (this module; Microsoft's "Get batch transcription
  results" page, https://learn.microsoft.com/azure/ai-services/speech-service/batch-transcription-get,
  and the result schema ``transcriptionresult_v3_2.schema.json``): ``{source, timestamp,
  durationInTicks, duration, combinedRecognizedPhrases: [...], recognizedPhrases:
  [{recognitionStatus, channel, speaker?, offsetInTicks, durationInTicks, locale?, nBest:
  [{confidence, lexical, itn, maskedITN, display, words?: [{word, offsetInTicks,
  durationInTicks, confidence}], displayWords?: [{displayText, ...same times}]}]}]}``;
* **fast transcription** response (:mod:`cuecraft.readers._azure_fast`): ``{combinedPhrases,
  phrases: [{channel?, speaker?, offsetMilliseconds, durationMilliseconds, text, words:
  [{text, offsetMilliseconds, durationMilliseconds}], locale}]}`` (the preview API's
  ``offset``/``duration`` too);
* **Speech SDK** detailed results, one per phrase, saved as an array
  (:mod:`cuecraft.readers._azure_sdk`): ``[{RecognitionStatus, Offset, Duration, Channel?,
  SpeakerId?, DisplayText, NBest: [{Display, Words: [{Word, Offset, Duration}]}]}]``.

Mapping (the same for the three):

* ticks are 100 ns (``7600000`` = 0.76 s, ints or floats), fast transcription times are ms; a
  word's end is its offset plus its duration;
* **punctuation and capitals.** A subtitle user expects the text Azure displays ("Hello,
  Mary."), not the lexical form ("hello mary"). Batch ``displayWords`` and fast-transcription
  words are timed display words and are read as they are. Batch ``words`` and SDK ``Words``
  are lexical (lower case, no punctuation, numbers spelled out) and the display text exists
  only per phrase (``nBest[0].display``, ``NBest[0].Display``), so its tokens are put onto the
  timed lexical words: a token that matches a lexical word (ignoring case and edge
  punctuation), or a same-length run of differing ones, takes that word's time; a token that
  stands for several words ("234-554-9312" for eleven spoken digits) takes their whole span,
  split by characters when several tokens share one; a token with no spoken word gets zero
  length at the boundary; a lexical word the display form leaves out is a warning
  diagnostic. When fewer than half of a phrase's tokens line up one to one (a language
  written without spaces, or a display text that does not belong to the words) the lexical
  words are read, with an info diagnostic. Every word is thus timed by a word Azure timed;
* a phrase whose status is not ``Success`` (or ``0``) has no words and is skipped with a
  diagnostic; a phrase without word timings (they were not requested) is an error that says
  how to request them;
* each phrase starts a paragraph; a channel's phrases are read in time order;
* ``speaker`` (an integer, batch and fast) becomes ``"1"``, named ``"Speaker 1"``; the SDK's
  ``SpeakerId`` (``"Guest-1"``) is used as it is;
* phrases of several channels (stereo) interleave; they are merged by time and the channel is
  part of the speaker id (``"C0"``, ``"C0S1"``);
* the first phrase's ``locale`` (SDK: ``PrimaryLanguage.Language``) is the language.

Not read: the SDK's JSON-lines logs (one object per line; join them into an array) and
intermediate ("Recognizing") results, which repeat words still being decided.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field

from cuecraft.columns import WordTable
from cuecraft.errors import InputError
from cuecraft.readers import _azure_fast, _azure_sdk
from cuecraft.readers._azure_phrases import Phrase, TimedWord, drafts_of, skipped
from cuecraft.readers._azure_sdk import TICKS_PER_MS, Ticks
from cuecraft.readers._languages import language_code
from cuecraft.readers._shapes_cloud import is_azure as sniff
from cuecraft.readers._shapes_cloud import is_azure_batch, is_azure_fast, is_azure_sdk
from cuecraft.readers._spec import ReaderSpec, assemble_table, validate
from cuecraft.readers._vendor import Confidence, RawModel, SpeakerIndex, Text

__all__ = ["SPEC", "read", "sniff"]


class _RawWord(RawModel):
    word: Text | None = None
    displayText: Text | None = None
    offsetInTicks: Ticks
    durationInTicks: Ticks
    confidence: Confidence | None = None


class _RawBest(RawModel):
    confidence: Confidence | None = None
    display: Text | None = None
    words: list[_RawWord] | None = None
    displayWords: list[_RawWord] | None = None


class _RawPhrase(RawModel):
    recognitionStatus: Text = "Success"
    channel: SpeakerIndex | None = None
    speaker: SpeakerIndex | None = None
    offsetInTicks: Ticks = 0.0
    locale: Text | None = None
    nBest: list[_RawBest] = Field(default_factory=list)


class _RawDocument(RawModel):
    source: Text | None = None
    recognizedPhrases: list[_RawPhrase]


def _batch_words(best: _RawBest, pointer: str, source: str) -> tuple[list[TimedWord], bool]:
    """The phrase's timed words, and whether they are lexical (display text to be put on)."""
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
    timed = []
    for w, word in enumerate(words):
        where = f"{pointer}/nBest/0/{field}/{w}"
        text = word.displayText if text_field == "displayText" else word.word
        if text is None:
            raise InputError(
                f"the word has no {text_field}", source=source, pointer=f"{where}/{text_field}"
            )
        start = word.offsetInTicks / TICKS_PER_MS
        end = (word.offsetInTicks + word.durationInTicks) / TICKS_PER_MS
        timed.append(TimedWord(text, start, end, where, word.confidence))
    return timed, field == "words"


def _batch(doc: Any, source: str) -> tuple[list[Phrase], str | None, dict[str, Any]]:
    raw = validate(_RawDocument, doc, source=source)
    phrases = []
    for p, phrase in enumerate(raw.recognizedPhrases):
        pointer = f"/recognizedPhrases/{p}"
        channel = phrase.channel or 0
        if phrase.recognitionStatus != "Success" or not phrase.nBest:
            note = skipped(pointer, phrase.recognitionStatus, source)
            phrases.append(Phrase(channel, None, [], pointer, notes=[note]))
            continue
        best = phrase.nBest[0]
        words, lexical = _batch_words(best, pointer, source)
        speaker = None if phrase.speaker is None else str(phrase.speaker)
        display = best.display if lexical else None
        phrases.append(
            Phrase(channel, speaker, words, pointer, display, f"{pointer}/nBest/0/display")
        )
    locale = next((p.locale for p in raw.recognizedPhrases if p.locale), None)
    return phrases, locale, {"source": raw.source} if raw.source else {}


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read an Azure Speech batch result, fast-transcription response or SDK results.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for phrases without word timings, an empty transcript or times out of
            order.
    """
    metadata: dict[str, Any] = {}
    if is_azure_batch(doc):
        phrases, locale, metadata = _batch(doc, source)
        time_fields = ("offsetInTicks", "durationInTicks")
    elif is_azure_fast(doc):
        phrases, locale, time_fields = _azure_fast.phrases(doc, source=source)
    elif is_azure_sdk(doc):
        phrases, locale, time_fields = _azure_sdk.phrases(doc, source=source)
    else:
        # Named explicitly (--from azure) on something that is none of the three.
        phrases, locale, metadata = _batch(doc, source)
        time_fields = ("offsetInTicks", "durationInTicks")
    drafts, speakers, notes = drafts_of(phrases, source=source)
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers,
        language=language_code(locale),
        metadata=metadata,
        diagnostics=notes,
        time_fields=time_fields,
    )


SPEC = ReaderSpec(
    name="azure",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Azure AI Speech: batch transcription, fast transcription or Speech SDK results",
    # What info compares the document with: any of the three shapes.
    schema=_RawDocument | _azure_fast.RawResult | _azure_sdk.RawResult | list[_azure_sdk.RawResult],
)
