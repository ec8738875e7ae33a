"""The shapes of the Whisper family's JSON and of the generic word lists, for detection.

As in :mod:`cuecraft.readers._shapes_cloud`: every JSON input meets every JSON sniffer, so the
sniffers need only the standard library and detecting a file imports only the reader that
matched (issue #12: lean start-up). Each reader's ``sniff`` is its function here.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "SAMPLE_WORDS",
    "is_array_word",
    "is_canonical",
    "is_whisper",
    "is_whisper_cpp",
    "is_whisper_timestamped",
    "is_whisperx",
    "is_words",
    "sample_words",
    "sampled_word_keys",
]

SAMPLE_WORDS = 50
"""Words a sniffer looks at: enough to tell the Whisper tools apart."""

_WORDS_TOP_LEVEL = frozenset({"words", "meta", "metadata", "language"})
"""The only top-level keys of a generic word list."""


def sampled_word_keys(segments: list[Any]) -> tuple[set[str], int] | None:
    """The keys of the word objects in the first segments, and how many words were looked at
    (about :data:`SAMPLE_WORDS`, enough to tell the Whisper tools apart); None when a word
    is not an object."""
    keys: set[str] = set()
    seen = 0
    for segment in segments[:SAMPLE_WORDS]:
        words = segment.get("words") if isinstance(segment, dict) else None
        for word in words[:SAMPLE_WORDS] if isinstance(words, list) else ():
            if not isinstance(word, dict):
                return None
            keys |= word.keys()
            seen += 1
        if seen >= SAMPLE_WORDS:
            break
    return keys, seen


def sample_words(segments: Any) -> list[Any]:
    """Up to a few dozen word items from the first segments (enough to tell the tools apart)."""
    found: list[Any] = []
    for segment in segments[:SAMPLE_WORDS] if isinstance(segments, list) else ():
        words = segment.get("words") if isinstance(segment, dict) else None
        if isinstance(words, list):
            found.extend(words[: SAMPLE_WORDS - len(found)])
        if len(found) >= SAMPLE_WORDS:
            break
    return found


def is_array_word(item: Any) -> bool:
    """A word as a four-item array whose third item is its text."""
    return isinstance(item, list) and len(item) == 4 and isinstance(item[2], str)


def is_whisper_cpp(doc: Any) -> bool:
    """whisper.cpp's JSON: a ``transcription`` list of segments with ``offsets``/``timestamps``."""
    items = doc.get("transcription") if isinstance(doc, dict) else None
    first = items[0] if isinstance(items, list) and items else None
    return isinstance(first, dict) and bool({"offsets", "timestamps"} & first.keys())


def _segments_are_whisper(segments: Any) -> bool:
    words = sample_words(segments)
    if not words:
        # No word timestamps at all: claim it only by Whisper's own segment fields, so that
        # read() can say what is missing (WhisperX's unaligned output has neither field).
        first = segments[0] if isinstance(segments, list) and segments else None
        return isinstance(first, dict) and {"seek", "tokens"} <= first.keys()
    if all(is_array_word(w) for w in words):
        return True
    keys: set[str] = set()
    for word in words:
        if not isinstance(word, dict):
            return False
        keys |= word.keys()
    # "word" (not "text") excludes whisper-timestamped, Amberscript and HappyScribe words; no
    # "score" excludes WhisperX, whose aligned words always carry one.
    return "word" in keys and "text" not in keys and "score" not in keys


def is_whisper(doc: Any) -> bool:
    """Whisper words (``word`` + ``probability``, no ``score``) in segments, a faster-whisper
    segment list, or the API's top-level ``words`` of ``{word, start, end}``."""
    if isinstance(doc, list):
        # faster-whisper segments dumped as a list. HappyScribe blocks (also a list with
        # "words") carry "speaker"/"data_start"; Scribie items carry "word" and no "words".
        first = doc[0] if doc else None
        return (
            isinstance(first, dict)
            and {"start", "end", "text"} <= first.keys()
            and ("words" in first or {"seek", "tokens"} <= first.keys())
            and not {"speaker", "data_start", "word"} & first.keys()
            and _segments_are_whisper(doc)
        )
    if not isinstance(doc, dict):
        return False
    if is_whisper_cpp(doc):
        # whisper.cpp -oj/-ojf: "transcription" segments with "offsets"; no other vendor
        # has a "transcription" list.
        return True
    words = doc.get("words")
    if isinstance(words, list) and words:
        # OpenAI API verbose_json: top-level words of {word, start, end}. The generic word
        # list, cuecraft's canonical JSON and AssemblyAI all use "text" for the word.
        first = words[0]
        return (
            isinstance(first, dict)
            and {"word", "start", "end"} <= first.keys()
            and "text" not in first
        )
    segments = doc.get("segments")
    if not isinstance(segments, list) or not segments or "word_segments" in doc:
        # "word_segments" is WhisperX's flat word list: that file belongs to the WhisperX reader.
        return False
    if "speakers" in doc:
        return False
    if doc.get("task") in ("transcribe", "translate") and not sample_words(segments):
        # The OpenAI API's verbose_json without word timestamps: its segments may come
        # without Whisper's "seek"/"tokens" (other servers of the same API), but "task" says it.
        first = segments[0]
        return isinstance(first, dict) and {"start", "end", "text"} <= first.keys()
    return _segments_are_whisper(segments)


def is_whisper_timestamped(doc: Any) -> bool:
    """Whisper-style segments whose words say ``text`` (not ``word``)."""
    if not isinstance(doc, dict) or "speakers" in doc or "word_segments" in doc:
        # Amberscript (also segments[].words[].text) lists "speakers"; WhisperX has
        # "word_segments".
        return False
    segments = doc.get("segments")
    if not isinstance(segments, list) or not segments:
        return False
    first = segments[0]
    # Whisper-style segments carry their own start/end/text; Amberscript segments do not.
    if not isinstance(first, dict) or not {"start", "end", "text"} <= first.keys():
        return False
    sampled = sampled_word_keys(segments)
    if sampled is None:
        return False
    keys, seen = sampled
    # "text" where Whisper, faster-whisper and WhisperX say "word"; no Amberscript "conf".
    return bool(seen) and {"text", "start", "end"} <= keys and not {"word", "conf"} & keys


def is_whisperx(doc: Any) -> bool:
    """Segment words of ``{word, start, end, score}``, or a ``word_segments`` list."""
    if not isinstance(doc, dict) or not isinstance(doc.get("segments"), list):
        return False
    sampled = sampled_word_keys(doc["segments"])
    if sampled is None:
        return False
    keys, seen = sampled
    if not seen:
        # Only the flat word list: a WhisperX result whose segments were trimmed of words.
        flat = doc.get("word_segments")
        return (
            isinstance(flat, list)
            and bool(flat)
            and isinstance(flat[0], dict)
            and ("word" in flat[0])
        )
    # Whisper-family words use "word" (whisper-timestamped and Amberscript use "text").
    # WhisperX marks itself by the alignment "score" or the "word_segments" copy; Whisper
    # words carry "probability" instead and Whisper files have no "word_segments".
    return (
        "word" in keys
        and not {"text", "probability"} & keys
        and ("score" in keys or "word_segments" in doc)
    )


def is_words(doc: Any) -> bool:
    """An object of ``words`` (and ``meta``/``metadata``/``language`` only), seconds per word.

    Excluded explicitly: the canonical format (its words have ``start_ms``); AssemblyAI, which
    also has a top-level ``words`` of ``{text, start, end}`` but in milliseconds and beside
    many other keys (``id``, ``status``, ``audio_url``...); the OpenAI ``verbose_json``
    (``word`` instead of ``text``, beside ``task``/``duration``); Amberscript and the Whisper
    family, which nest words inside ``segments``.
    """
    if not isinstance(doc, dict) or not doc.keys() <= _WORDS_TOP_LEVEL:
        return False
    words = doc.get("words")
    if not isinstance(words, list) or not words or not isinstance(words[0], dict):
        return False
    first = words[0]
    return {"text", "start", "end"} <= first.keys() and not first.keys() & {"start_ms", "end_ms"}


def is_canonical(doc: Any) -> bool:
    """cuecraft's canonical JSON: ``words`` of ``{text, start_ms, end_ms}``."""
    # Canonical words carry start_ms/end_ms; the generic word list uses start/end in seconds.
    if not isinstance(doc, dict) or not isinstance(doc.get("words"), list) or not doc["words"]:
        return False
    first = doc["words"][0]
    return isinstance(first, dict) and {"text", "start_ms", "end_ms"} <= first.keys()
