"""Scribie JSON writer: the ``.json`` transcript of the Scribie API, read back by
:mod:`cuecraft.readers.scribie`.

Format: the Scribie API documentation (seed ``002_*.txt``, "The JSON format is an array of
objects"; ``docs/vendor-formats.md``, section Scribie): a flat array of words::

    [{"word": "Hello.", "start": 0.5, "end": 0.9, "duration": 0.4, "conf": 0.97},
     {"word": "Hi", "start": 1.2, "end": 1.4, "duration": 0.2, "conf": 0.9, "turn": true}, ...]

``turn`` marks "a speaker turn **after** this word": it is written on the last word before
each change of speaker. Scribie's JSON names no speakers (names live in the order's
``speaker_names``), so the speakers come back as turns: the reader gives turn k the speaker
``turnk``, or, given ``speaker_names``, the names in turn order. Who speaks when survives; the
names only through that option. A transcript without speakers gets no ``turn`` marks, so it
reads back as one turn. ``conf`` is ``null`` when unknown; times are seconds.
"""

from __future__ import annotations

from typing import Any, TextIO

from cuecraft.model import Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._vendorjson import VendorJsonOptions, dump, seconds

__all__ = ["SPEC", "ScribieOptions", "write"]


class ScribieOptions(VendorJsonOptions):
    """Options of the Scribie JSON writer (``indent``)."""


def write(
    transcript: Transcript, out: TextIO, options: ScribieOptions, context: WriteContext
) -> None:
    """Write the transcript as a Scribie JSON word array.

    Raises:
        UnencodableError: for a lone surrogate (UTF-8 cannot hold it), with its JSON pointer.
    """
    del context
    words = transcript.words
    doc: list[dict[str, Any]] = []
    for index, word in enumerate(words):
        item: dict[str, Any] = {
            "word": word.text,
            "start": seconds(word.start_ms),
            "end": seconds(word.end_ms),
            "duration": seconds(word.end_ms - word.start_ms),
            "conf": word.confidence,
        }
        if index + 1 < len(words) and words[index + 1].speaker != word.speaker:
            item["turn"] = True
        doc.append(item)
    dump(doc, out, options.indent, vendor="Scribie")


SPEC = WriterSpec(
    name="scribie",
    extensions=(".scribie.json",),
    takes="transcript",
    binary=False,
    options=ScribieOptions,
    write=write,
    description="Scribie JSON transcript (words with speaker turns)",
)
