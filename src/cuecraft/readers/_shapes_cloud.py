"""The shapes of the vendors' JSON: how detection tells each cloud and seed vendor apart.

Every JSON input is shown to every JSON reader's sniffer, so the sniffers live here, away
from their readers: this module needs only the standard library, and detecting a Deepgram
document imports the Deepgram reader alone, not the pydantic models of the other fourteen
(issue #12: lean start-up). Each reader's ``sniff`` is the function of the same vendor here;
the registry (``cuecraft.readers._INFOS``) names it, and ``tests/readers/test_registry.py``
checks both answer alike. The Whisper family and the generic word lists are in
:mod:`cuecraft.readers._shapes_whisper`.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "google_response",
    "is_amberscript",
    "is_assemblyai",
    "is_aws_transcribe",
    "is_azure",
    "is_azure_batch",
    "is_azure_fast",
    "is_azure_sdk",
    "is_deepgram",
    "is_deepgram_live_result",
    "is_google",
    "is_happyscribe",
    "is_revai",
    "is_scribie",
    "is_speechmatics",
]


def is_amberscript(doc: Any) -> bool:
    """An object with ``segments`` and a ``speakers`` table keyed by ``spkid``.

    Whisper-family output also has ``segments[].words[]`` but never a ``speakers`` list with
    ``spkid`` (WhisperX puts ``"speaker": "SPEAKER_00"`` on segments, with no table), and the
    generic word list has a top-level ``words`` instead of ``segments``.
    """
    if not isinstance(doc, dict):
        return False
    segments, speakers = doc.get("segments"), doc.get("speakers")
    if not isinstance(segments, list) or not isinstance(speakers, list):
        return False
    if speakers:
        return isinstance(speakers[0], dict) and "spkid" in speakers[0]
    # An empty speaker table: only an Amberscript-shaped first word ({text, start, end}
    # inside {speaker, words}) makes it ours.
    first = segments[0] if segments else None
    if not isinstance(first, dict) or not {"speaker", "words"} <= first.keys():
        return False
    words = first["words"]
    return (
        isinstance(words, list)
        and bool(words)
        and isinstance(words[0], dict)
        and {"text", "start", "end"} <= words[0].keys()
    )


def is_assemblyai(doc: Any) -> bool:
    """A transcript object: ``words`` beside ``audio_url`` and ``status``."""
    # The transcript resource always echoes "audio_url" and "status" beside "words"; the
    # generic word list and the OpenAI API words have neither.
    return isinstance(doc, dict) and {"audio_url", "status", "words"} <= doc.keys()


def is_aws_transcribe(doc: Any) -> bool:
    """An object whose ``results`` holds ``items`` and ``transcripts``."""
    # A "results" object holding "items" and "transcripts": Deepgram's "results" holds
    # "channels", Speechmatics' "results" is a list.
    results = doc.get("results") if isinstance(doc, dict) else None
    return (
        isinstance(results, dict)
        and isinstance(results.get("items"), list)
        and isinstance(results.get("transcripts"), list)
    )


def is_azure_batch(doc: Any) -> bool:
    """A batch transcription result: ``recognizedPhrases``."""
    # No other vendor uses the name recognizedPhrases.
    return isinstance(doc, dict) and isinstance(doc.get("recognizedPhrases"), list)


def is_azure_fast(doc: Any) -> bool:
    """A ``phrases`` list beside ``combinedPhrases``, or whose phrases are timed in ms.

    ``phrases`` alone is too common a name; ``combinedPhrases`` is always in the response, and
    a phrase object with ``offsetMilliseconds`` (or the preview's ``offset`` next to ``text``)
    is this API's.
    """
    if not isinstance(doc, dict) or not isinstance(doc.get("phrases"), list):
        return False
    if isinstance(doc.get("combinedPhrases"), list):
        return True
    first = doc["phrases"][0] if doc["phrases"] else None
    return isinstance(first, dict) and (
        "offsetMilliseconds" in first or {"offset", "duration", "text"} <= first.keys()
    )


def _is_azure_sdk_result(item: Any) -> bool:
    return isinstance(item, dict) and (
        "NBest" in item or {"RecognitionStatus", "Offset", "Duration"} <= item.keys()
    )


def is_azure_sdk(doc: Any) -> bool:
    """A result object with ``NBest`` (or ``RecognitionStatus`` and ``Offset``), or a list of them.

    The capitalised names are the SDK's; no other vendor's JSON uses them.
    """
    if isinstance(doc, list):
        return bool(doc) and _is_azure_sdk_result(doc[0])
    return _is_azure_sdk_result(doc)


def is_azure(doc: Any) -> bool:
    """A batch result (``recognizedPhrases``), a fast-transcription response or SDK results."""
    return is_azure_batch(doc) or is_azure_fast(doc) or is_azure_sdk(doc)


def is_deepgram_live_result(item: Any) -> bool:
    """A streaming ``Results`` message with a ``channel`` of ``alternatives``."""
    if not isinstance(item, dict) or item.get("type") != "Results":
        return False
    channel = item.get("channel")
    return isinstance(channel, dict) and isinstance(channel.get("alternatives"), list)


def is_deepgram(doc: Any) -> bool:
    """An object whose ``results`` holds ``channels[].alternatives``, or streaming messages:
    a ``Results`` message, or a list of typed messages with at least one ``Results``."""
    if isinstance(doc, list):
        # Every item a typed message: excludes the other vendors' top-level arrays (Scribie
        # words, HappyScribe blocks, Whisper segment lists), none of which has "type" objects
        # with a "channel".
        return (
            bool(doc)
            and all(isinstance(item, dict) and "type" in item for item in doc[:200])
            and any(is_deepgram_live_result(item) for item in doc)
        )
    if is_deepgram_live_result(doc):
        return True
    # "results.channels[].alternatives": AWS's "results" holds "items", Speechmatics'
    # "results" is a list, and no other vendor nests words under channels.
    results = doc.get("results") if isinstance(doc, dict) else None
    channels = results.get("channels") if isinstance(results, dict) else None
    return (
        isinstance(channels, list)
        and bool(channels)
        and isinstance(channels[0], dict)
        and isinstance(channels[0].get("alternatives"), list)
    )


def google_response(doc: Any) -> tuple[Any, str]:
    """The recognition response in a Google document and its JSON pointer: the document
    itself, or the ``response`` a long-running operation keeps it under."""
    if isinstance(doc, dict) and "results" not in doc and isinstance(doc.get("response"), dict):
        return doc["response"], "/response"
    return doc, ""


def is_google(doc: Any) -> bool:
    """A ``results`` list whose results hold ``alternatives`` and nothing Speechmatics has."""
    body, _ = google_response(doc)
    if not isinstance(body, dict) or "format" in body:
        return False  # Speechmatics json-v2 names its "format" beside its results list
    results = body.get("results")
    if not isinstance(results, list) or not results:
        return False
    # Speechmatics results are typed tokens ("type", "start_time") with alternatives too;
    # Google's results have neither, and their alternatives hold "transcript" or "words".
    for result in results[:3]:
        if not isinstance(result, dict) or {"type", "start_time"} & result.keys():
            return False
        alternatives = result.get("alternatives")
        if not isinstance(alternatives, list):
            return False
        if alternatives and not (
            isinstance(alternatives[0], dict) and {"transcript", "words"} & alternatives[0].keys()
        ):
            return False
    return True


def is_happyscribe(doc: Any) -> bool:
    """A top-level array of blocks with a ``words`` list and HappyScribe's ``data_start``.

    Scribie is also a top-level array, but of single words (``word``, singular). A dumped list
    of Whisper/WhisperX segments has ``words`` (and maybe ``speaker``) too, but ``start``/``end``
    where HappyScribe has ``data_start``/``data_end``; so ``data_start`` is required on the
    block or on its first token.
    """
    first = doc[0] if isinstance(doc, list) and doc else None
    if not isinstance(first, dict) or "word" in first or not isinstance(first.get("words"), list):
        return False
    if "data_start" in first:
        return True
    tokens = first["words"]
    return bool(tokens) and isinstance(tokens[0], dict) and "data_start" in tokens[0]


def is_revai(doc: Any) -> bool:
    """An object with ``monologues[].elements``."""
    # "monologues" is Rev.ai's alone among the supported formats.
    if not isinstance(doc, dict) or not isinstance(doc.get("monologues"), list):
        return False
    first = doc["monologues"][0] if doc["monologues"] else None
    return isinstance(first, dict) and "elements" in first


def is_scribie(doc: Any) -> bool:
    """A top-level array whose first object has ``word``, ``start``, ``end`` and a Scribie key.

    HappyScribe is also a top-level array, but of speaker blocks with ``words`` (plural). A
    dumped Whisper word list has ``word``/``start``/``end`` too, but ``probability`` instead of
    Scribie's ``conf``/``duration``/``turn``, so one of those is required.
    """
    first = doc[0] if isinstance(doc, list) and doc else None
    if not isinstance(first, dict) or "words" in first:
        return False
    return {"word", "start", "end"} <= first.keys() and bool(
        first.keys() & {"conf", "duration", "turn"}
    )


def is_speechmatics(doc: Any) -> bool:
    """A ``results`` list beside a ``format`` version string."""
    # json-v2 names its version in "format" beside a "results" list. AWS and Deepgram keep
    # an object under "results"; Google's results list has no "format".
    return (
        isinstance(doc, dict)
        and isinstance(doc.get("format"), str)
        and isinstance(doc.get("results"), list)
    )
