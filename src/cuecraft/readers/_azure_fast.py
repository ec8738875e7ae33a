"""Azure AI Speech fast transcription response: ``phrases[].words[]`` in milliseconds.

Shape (Microsoft's "Use the fast transcription API" guide and the REST reference of
``Transcriptions - Transcribe``, api-version 2024-11-15; the 2024-05-15-preview names the times
``offset``/``duration``, also in milliseconds): ``{durationMilliseconds, combinedPhrases:
[{channel?, text}], phrases: [{channel?, speaker?, offsetMilliseconds, durationMilliseconds,
text, words?: [{text, offsetMilliseconds, durationMilliseconds}], locale?, confidence}]}``.
The words are in display form already (punctuated, capitalised): the API has no lexical form.
"""

from __future__ import annotations

from typing import Any

from cuecraft.errors import InputError
from cuecraft.readers._azure_phrases import Phrase, TimedWord
from cuecraft.readers._spec import validate
from cuecraft.readers._vendor import Confidence, Milliseconds, RawModel, SpeakerIndex, Text

__all__ = ["RawResult", "phrases"]


class _RawWord(RawModel):
    text: Text
    offsetMilliseconds: Milliseconds | None = None
    durationMilliseconds: Milliseconds | None = None
    offset: Milliseconds | None = None
    duration: Milliseconds | None = None
    confidence: Confidence | None = None


class _RawPhrase(RawModel):
    channel: SpeakerIndex | None = None
    speaker: SpeakerIndex | None = None
    text: Text | None = None
    words: list[_RawWord] | None = None
    locale: Text | None = None


class RawResult(RawModel):
    phrases: list[_RawPhrase]


def _time(word: _RawWord, ga: str, preview: str, named: str, where: str, source: str) -> float:
    # GA names first, the preview's as a fallback; a missing time is named as the file names
    # its times (``named``), so the pointer is where the value belongs.
    value = getattr(word, ga)
    value = getattr(word, preview) if value is None else value
    if value is None:
        raise InputError(f"the word has no {named}", source=source, pointer=f"{where}/{named}")
    return float(value)


def phrases(doc: Any, *, source: str) -> tuple[list[Phrase], str | None, tuple[str, str]]:
    """The phrases, the first locale and the names of the time fields (for error pointers)."""
    raw = validate(RawResult, doc, source=source)
    preview = any(
        word.offsetMilliseconds is None and word.offset is not None
        for phrase in raw.phrases
        for word in phrase.words or ()
    )
    fields = ("offset", "duration") if preview else ("offsetMilliseconds", "durationMilliseconds")
    out = []
    for p, phrase in enumerate(raw.phrases):
        pointer = f"/phrases/{p}"
        if phrase.words is None:
            raise InputError(
                "the phrase has no words; the fast transcription API returns them with "
                "each phrase (this file may have been cut down)",
                source=source,
                pointer=pointer,
            )
        words = []
        for w, word in enumerate(phrase.words):
            where = f"{pointer}/words/{w}"
            start = _time(word, "offsetMilliseconds", "offset", fields[0], where, source)
            length = _time(word, "durationMilliseconds", "duration", fields[1], where, source)
            words.append(TimedWord(word.text, start, start + length, where, word.confidence))
        speaker = None if phrase.speaker is None else str(phrase.speaker)
        out.append(Phrase(phrase.channel or 0, speaker, words, pointer))
    locale = next((p.locale for p in raw.phrases if p.locale), None)
    return out, locale, fields
