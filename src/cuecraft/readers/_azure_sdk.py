"""Azure AI Speech SDK detailed results: ``[{Offset, NBest[0].Words[]}]`` in ticks.

Shape (Microsoft's "Get speech recognition results" guide and the detailed format of the REST
API for short audio, ``format=detailed``; what ``SpeechRecognitionResult.json`` /
``PropertyId.SpeechServiceResponse_JsonResult`` holds, one object per recognised phrase, saved
as a JSON array, or one object alone): ``[{Id?, RecognitionStatus: "Success" | 0, Offset,
Duration, Channel?, SpeakerId?, Type?, DisplayText?, PrimaryLanguage?: {Language},
NBest: [{Confidence, Lexical, ITN, MaskedITN, Display, Words?: [{Word, Offset, Duration,
Confidence?}]}]}]``. Ticks are 100 ns. ``Words`` (with ``RequestWordLevelTimestamps``) are
lexical: the punctuated text is only the phrase's ``Display``, put onto them by
:mod:`cuecraft.readers._azure_phrases`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from cuecraft.errors import InputError
from cuecraft.readers._azure_phrases import Phrase, TimedWord, skipped
from cuecraft.readers._spec import validate

# The SDK's field is named Confidence too, so the type goes by another name here.
from cuecraft.readers._vendor import MAX_SECONDS, RawModel, SpeakerIndex, SpeakerLabel, Text
from cuecraft.readers._vendor import Confidence as Probability

__all__ = ["TICKS_PER_MS", "RawResult", "Ticks", "phrases"]

TICKS_PER_MS = 10_000

Ticks = Annotated[float, Field(ge=0, le=MAX_SECONDS * 10**7, allow_inf_nan=False, strict=True)]


class _RawWord(RawModel):
    Word: Text
    Offset: Ticks
    Duration: Ticks
    Confidence: Probability | None = None


class _RawBest(RawModel):
    Display: Text | None = None
    Words: list[_RawWord] | None = None


class _RawLanguage(RawModel):
    Language: Text | None = None


class RawResult(RawModel):
    # The SDK writes the status as its name ("Success") or, in conversation transcription
    # results, as the enum's number (0 = Success).
    RecognitionStatus: Text | Annotated[int, Field(strict=True)] = "Success"
    Channel: SpeakerIndex | None = None
    SpeakerId: SpeakerLabel | None = None
    DisplayText: Text | None = None
    PrimaryLanguage: _RawLanguage | None = None
    NBest: list[_RawBest] | None = None


_RESULTS = TypeAdapter(list[RawResult])


def phrases(doc: Any, *, source: str) -> tuple[list[Phrase], str | None, tuple[str, str]]:
    """The phrases, the first language and the names of the time fields (for error pointers)."""
    single = isinstance(doc, dict)
    results = (
        [validate(RawResult, doc, source=source)]
        if single
        else validate(_RESULTS, doc, source=source)
    )
    out = []
    for r, result in enumerate(results):
        pointer = "" if single else f"/{r}"
        if result.RecognitionStatus not in ("Success", 0) or not result.NBest:
            note = skipped(pointer, result.RecognitionStatus, source)
            out.append(Phrase(result.Channel or 0, None, [], pointer, notes=[note]))
            continue
        best = result.NBest[0]
        if best.Words is None:
            raise InputError(
                "the result has no word timings; request them with "
                "SpeechConfig.RequestWordLevelTimestamps() and the detailed output format",
                source=source,
                pointer=f"{pointer}/NBest/0",
            )
        words = [
            TimedWord(
                word.Word,
                word.Offset / TICKS_PER_MS,
                (word.Offset + word.Duration) / TICKS_PER_MS,
                f"{pointer}/NBest/0/Words/{w}",
                word.Confidence,
            )
            for w, word in enumerate(best.Words)
        ]
        display, where = best.Display, f"{pointer}/NBest/0/Display"
        if display is None:
            display, where = result.DisplayText, f"{pointer}/DisplayText"
        out.append(Phrase(result.Channel or 0, result.SpeakerId, words, pointer, display, where))
    language = next(
        (r.PrimaryLanguage.Language for r in results if r.PrimaryLanguage is not None), None
    )
    return out, language, ("Offset", "Duration")
