"""Amberscript JSON writer: the ``GET /jobs/export-json`` document, read back by
:mod:`cuecraft.readers.amberscript` (and by tools that read Amberscript exports).

Format: the Amberscript API documentation (seeds ``000_*.txt`` and ``001_*.txt``, "export-json")
as checked against real exports (``docs/vendor-formats.md``, section Amberscript)::

    {"id": ..., "filename": ..., "startTimeOffset": 0,
     "speakers": [{"spkid": "spk1", "name": "Speaker 1"}],
     "segments": [{"speaker": "spk1", "words": [
         {"start": 0.98, "end": 1.46, "duration": 0.48, "text": "Estás", "conf": 0.96,
          "pristine": true}]}],
     "highlights": [{"first": 0, "stop": 3, "label": ..., "color": ...}]}

Mapping: every speaker of the transcript is listed (its id is the ``spkid``, so the ids survive
a round trip); a segment is a run of words of one speaker, and each paragraph starts a new one;
times are seconds (ints when whole, as Amberscript writes them) with ``startTimeOffset`` 0 and
``duration = end - start``; ``conf`` is ``null`` when unknown; ``pristine`` is written when the
transcript knows it. Highlights use the word-index shape the reader accepts
(``{"first", "stop"}``, over all words in document order). ``id``, ``recordId`` and
``filename`` come from the source metadata when the transcript was read from Amberscript, else
the title (the source file name).
"""

from __future__ import annotations

from typing import Any, TextIO

from cuecraft.model import Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._vendorjson import VendorJsonOptions, dump, runs, seconds

__all__ = ["SPEC", "AmberscriptOptions", "write"]


class AmberscriptOptions(VendorJsonOptions):
    """Options of the Amberscript JSON writer (``indent``)."""


def _word(transcript: Transcript, index: int) -> dict[str, Any]:
    word = transcript.words[index]
    out: dict[str, Any] = {
        "start": seconds(word.start_ms),
        "end": seconds(word.end_ms),
        "duration": seconds(word.end_ms - word.start_ms),
        "text": word.text,
        "conf": word.confidence,
    }
    if word.pristine is not None:
        out["pristine"] = word.pristine
    return out


def write(
    transcript: Transcript, out: TextIO, options: AmberscriptOptions, context: WriteContext
) -> None:
    """Write the transcript as an Amberscript export-json document.

    Raises:
        UnencodableError: for a lone surrogate (UTF-8 cannot hold it), with its JSON pointer.
    """
    metadata = transcript.source.metadata if transcript.source.format == "amberscript" else {}
    doc: dict[str, Any] = {}
    for key in ("id", "recordId", "filename"):
        value = metadata.get(key)
        if isinstance(value, str):
            doc[key] = value
    doc.setdefault("filename", context.title or transcript.source.name or "")
    doc["startTimeOffset"] = 0
    doc["speakers"] = [{"spkid": s.id, "name": s.name} for s in transcript.speakers]
    doc["segments"] = [
        {
            "speaker": transcript.words[first].speaker,
            "words": [_word(transcript, i) for i in range(first, stop)],
        }
        for first, stop in runs(transcript)
    ]
    highlights = []
    for highlight in transcript.highlights:
        item: dict[str, Any] = {"first": highlight.first, "stop": highlight.stop}
        if highlight.label is not None:
            item["label"] = highlight.label
        if highlight.color is not None:
            item["color"] = highlight.color
        highlights.append(item)
    doc["highlights"] = highlights
    dump(doc, out, options.indent, vendor="Amberscript")


SPEC = WriterSpec(
    name="amberscript",
    extensions=(".amberscript.json",),
    takes="transcript",
    binary=False,
    options=AmberscriptOptions,
    write=write,
    description="Amberscript export-json (speakers, segments, words, highlights)",
)
