"""HappyScribe JSON writer: the export format ``json``, read back by
:mod:`cuecraft.readers.happyscribe`.

Format: HappyScribe's export API (seed ``003_*.txt``, export format ``json``) and the public
parsers of the downloaded file (``docs/vendor-formats.md``, section HappyScribe): a top-level
array of speaker blocks::

    [{"speaker": "Ana", "speaker_number": 0, "data_start": 0.5, "data_end": 2.1,
      "words": [{"text": "Hola,", "type": "text", "data_start": 0.5, "data_end": 0.9,
                 "confidence": 0.98}, ...]}]

Mapping: a block is a run of words of one speaker, and each paragraph starts a new one; times
are seconds; ``speaker_number`` is the speaker's position in the transcript's speaker list
(from 0) and ``speaker`` its name, so the reader gives every word back its speaker (as
``S{number}``) with its name; a block of words with no speaker has neither field. Every token
is a word of ``type`` ``"text"`` that carries its punctuation; no spacing tokens are written
(two of the three known parsers join tokens with a space, and the cuecraft reader re-spaces
from token boundaries).

Limit: the HappyScribe reader glues a token made only of punctuation (``"—"``, ``"..."``) to
its neighbour, as HappyScribe's own punctuation tokens need. Such a word is written as it is
and reported (code ``punctuation-token``): read back, it joins the word before it.
"""

from __future__ import annotations

import unicodedata
from typing import Any, TextIO

from cuecraft.model import Diagnostic, Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._vendorjson import VendorJsonOptions, dump, runs, seconds

__all__ = ["SPEC", "HappyScribeOptions", "write"]


class HappyScribeOptions(VendorJsonOptions):
    """Options of the HappyScribe JSON writer (``indent``)."""


def _punctuation_only(text: str) -> bool:
    return all(unicodedata.category(char).startswith("P") for char in text)


def write(
    transcript: Transcript, out: TextIO, options: HappyScribeOptions, context: WriteContext
) -> None:
    """Write the transcript as a HappyScribe JSON export.

    Raises:
        UnencodableError: for a lone surrogate (UTF-8 cannot hold it), with its JSON pointer.
    """
    numbers = {speaker.id: n for n, speaker in enumerate(transcript.speakers)}
    blocks: list[dict[str, Any]] = []
    for first, stop in runs(transcript):
        words = transcript.words[first:stop]
        block: dict[str, Any] = {}
        speaker = words[0].speaker
        if speaker is not None:
            block["speaker"] = transcript.speaker_name(speaker)
            block["speaker_number"] = numbers.get(speaker, len(numbers))
            numbers.setdefault(speaker, len(numbers))
        block["data_start"] = seconds(words[0].start_ms)
        block["data_end"] = seconds(max(word.end_ms for word in words))
        tokens = []
        for offset, word in enumerate(words):
            token: dict[str, Any] = {
                "text": word.text,
                "type": "text",
                "data_start": seconds(word.start_ms),
                "data_end": seconds(word.end_ms),
            }
            if word.confidence is not None:
                token["confidence"] = word.confidence
            tokens.append(token)
            if _punctuation_only(word.text):
                context.diagnostics.append(
                    Diagnostic(
                        code="punctuation-token",
                        word_index=first + offset,
                        message=f"the word {word.text!r} is only punctuation: HappyScribe "
                        "readers glue it to the word before it",
                    )
                )
        block["words"] = tokens
        blocks.append(block)
    dump(blocks, out, options.indent, vendor="HappyScribe")


SPEC = WriterSpec(
    name="happyscribe",
    extensions=(".happyscribe.json",),
    takes="transcript",
    binary=False,
    options=HappyScribeOptions,
    write=write,
    description="HappyScribe JSON export (speaker blocks of words)",
)
