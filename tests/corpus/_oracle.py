"""What the corpus test trusts instead of cuecraft: other people's readers and plain counting.

Every function here reads a file without cuecraft's readers (pysubs2, webvtt-py, ttconv,
python-docx, the json module), so a defect in a cuecraft reader or writer cannot hide itself.

Words are compared as whitespace-separated tokens after :func:`normalise`, which undoes only
what cuecraft's writers are documented to do to text (and nothing a defect could do):

- Unicode NFC; format characters (category Cf: the WORD JOINER U+2060 the SRT, SBV and ASS
  writers put into a would-be timing line, ``[br]`` or ``\\N``; BOMs; zero-width spaces) removed;
- the look-alikes the subtitle writers put for what a reader would take as structure
  (``writers/_neutral.py``), mapped back: fullwidth braces ``｛｝`` for ``{}`` (an override
  block), ``‹›`` for ``<>`` (a tag), ``⧵`` for a backslash (``\\N``), ``∶`` for a clock's
  colon, ``››`` for a row-leading ``>>`` (a change of speaker), ``［］`` for the brackets of a
  row-leading ``[...]:`` (a speaker label);
- no-break spaces as spaces; WebVTT character references decoded (``&amp;`` is how WebVTT
  writes ``&``);
- for EBU-STL read back through ttconv, ``¤`` read as ``$`` (see :func:`normalise`).
"""

from __future__ import annotations

import html
import io
import json
import re
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_TAG = re.compile(r"<[^>]*>")
_LOOK_ALIKES = str.maketrans(
    {
        "\uff5b": "{",
        "\uff5d": "}",
        "\u2039": "<",
        "\u203a": ">",
        "\u29f5": "\\",
        "\u2236": ":",
        "\uff3b": "[",
        "\uff3d": "]",
        "\u00a0": " ",
    }
)


def normalise(text: str, *, fold_currency: bool = False) -> list[str]:
    """The tokens of ``text`` after the writer neutralisations listed in the module docstring.

    ``fold_currency`` reads ``¤`` as ``$``: ttconv decodes both EBU-STL code points A4h ($) and
    A8h (¤) as ``¤``, so a read-back through ttconv cannot tell them apart.
    """
    text = unicodedata.normalize("NFC", text).translate(_LOOK_ALIKES)
    if fold_currency:
        text = text.replace("\u00a4", "$")
    text = "".join(char for char in text if unicodedata.category(char) != "Cf")
    return text.split()


def decode(data: bytes) -> str:
    """Subtitle bytes as text: BOM first (UTF-8, UTF-16), then UTF-8, then Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252")


# -- subtitle files, read by other people's readers ------------------------------------------


def _pysubs2_text(text: str, format: str) -> str:
    import pysubs2

    # pysubs2 parses CR-only files only after universal-newline translation, as from a file.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pysubs2 warns about style fields it cannot parse
        events = pysubs2.SSAFile.from_string(text, format_=format).events
    return "\n".join(event.plaintext for event in events if not event.is_comment)


def _webvtt_text(text: str, format: str) -> str:
    import webvtt

    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    captions = webvtt.from_buffer(lines, format=format).captions
    raw = "\n".join(caption.raw_text for caption in captions)
    # WebVTT has tags and character references; SBV has neither (its text is literal).
    return html.unescape(_TAG.sub("", raw)) if format == "vtt" else raw


def _ttconv_rows(element: Any) -> Iterator[str]:
    from ttconv import model

    for child in element:
        if isinstance(child, model.Br):
            yield "\n"
        elif isinstance(child, model.Text):
            yield child.get_text()
        else:
            yield from _ttconv_rows(child)
            if isinstance(child, model.P):
                yield "\n"


def _ttconv_ttml_text(data: bytes) -> str:
    from ttconv.imsc import reader

    document = reader.to_model(ET.ElementTree(ET.fromstring(data)))
    body = document.get_body() if document is not None else None
    return "".join(_ttconv_rows(body)) if body is not None else ""


def _ttconv_stl_text(data: bytes) -> str:
    from ttconv.stl import reader

    # ttconv ignores the comment flag (CF): comment blocks are left out first.
    blocks = [data[offset : offset + 128] for offset in range(1024, len(data), 128)]
    kept = b"".join(block for block in blocks if len(block) == 128 and block[15] == 0)
    document = reader.to_model(io.BytesIO(data[:1024] + kept))
    body = document.get_body()
    return "".join(_ttconv_rows(body)) if body is not None else ""


def _docx_text(data: bytes) -> str:
    import docx

    document = docx.Document(io.BytesIO(data))
    parts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def output_text(writer: str, data: bytes) -> str:
    """The text a reader we did not write sees in ``data``, the output of ``writer``."""
    if writer in ("srt", "ass", "ssa"):
        return _pysubs2_text(data.decode("utf-8-sig"), writer)
    if writer in ("vtt", "sbv"):
        return _webvtt_text(data.decode("utf-8-sig"), writer)
    if writer == "ttml":
        return _ttconv_ttml_text(data)
    if writer == "stl":
        return _ttconv_stl_text(data)
    if writer == "docx":
        return _docx_text(data)
    if writer == "canonical":
        return " ".join(word["text"] for word in json.loads(data)["words"])
    if writer == "txt":
        return data.decode("utf-8")
    raise ValueError(f"no independent reader for {writer}")


# -- independent word counts of the source files ----------------------------------------------


def _subtitle_tokens(path: Path, reader: str) -> list[str]:
    data = path.read_bytes()
    if reader == "stl":
        text = _ttconv_stl_text(data)
    elif reader == "ttml":
        text = _ttconv_ttml_text(data)
    elif reader == "sbv":
        text = _webvtt_text(decode(data), "sbv")
    else:
        kind = {"srt": "srt", "vtt": "vtt", "ass": "ass"}[reader]
        if reader == "ass" and path.suffix == ".ssa":
            kind = "ssa"
        text = _pysubs2_text(decode(data), kind)
    return normalise(text)


def _items(doc: Any, *keys: str) -> list[Any]:
    for key in keys:
        doc = doc.get(key, []) if isinstance(doc, dict) else []
    return doc if isinstance(doc, list) else []


def _whisper_text(doc: dict[str, Any]) -> str:
    segments = _items(doc, "segments")
    if segments and all(isinstance(s.get("words"), list) for s in segments):
        # Whisper's word tokens carry their own leading space.
        return "".join(w["word"] for s in segments for w in s["words"])
    return " ".join(s["text"] for s in segments)


def _deepgram_words(doc: dict[str, Any]) -> list[Any]:
    channel = doc["results"]["channels"][0] if "results" in doc else doc["channel"]
    return list(channel["alternatives"][0]["words"])


def _speechmatics_tokens(doc: dict[str, Any]) -> list[str]:
    # Punctuation joins the word it "attaches_to" (previous by default, next, both or none).
    text = ""
    glue_next = False
    for result in _items(doc, "results"):
        content = result["alternatives"][0]["content"] if result.get("alternatives") else ""
        if result.get("type") == "punctuation":
            attaches = result.get("attaches_to", "previous")
            text += ("" if attaches in ("previous", "both") else " ") + content
            glue_next = attaches in ("next", "both")
        elif result.get("type") in ("word", "entity"):
            text += ("" if glue_next else " ") + content
            glue_next = False
    return text.split()


def _azure_tokens(doc: Any) -> list[str]:
    """Azure batch, fast-transcription or SDK results: the display text, in time order.

    Timed display words (batch ``displayWords``, fast-transcription ``words``) are ordered by
    their own offset; where a phrase has only lexical words the phrase's display text is what
    a reader shows, ordered by the phrase's offset. Channels interleave in time.
    """
    timed: list[tuple[float, int, str]] = []
    if isinstance(doc, list):  # Speech SDK results, one per phrase
        for result in doc:
            if result.get("NBest"):
                display = result["NBest"][0].get("Display", result.get("DisplayText", ""))
                timed.append((result["Offset"], result.get("Channel", 0), display))
    elif "phrases" in doc:  # fast transcription, milliseconds
        for phrase in doc["phrases"]:
            for word in phrase["words"]:
                offset = word.get("offsetMilliseconds", word.get("offset"))
                timed.append((offset, phrase.get("channel", 0), word["text"]))
    else:  # batch transcription, ticks
        for phrase in doc["recognizedPhrases"]:
            if not phrase.get("nBest"):
                continue
            best = phrase["nBest"][0]
            if "displayWords" in best:
                for word in best["displayWords"]:
                    timed.append(
                        (word["offsetInTicks"], phrase.get("channel", 0), word["displayText"])
                    )
            else:
                timed.append((phrase["offsetInTicks"], phrase.get("channel", 0), best["display"]))
    return " ".join(text for _, _, text in sorted(timed, key=lambda t: t[:2])).split()


def _google_tokens(doc: Any) -> list[str]:
    """Google Speech-to-Text: the first alternative's words, result after result.

    With diarization (v1) the last result repeats every word with a ``speakerTag``; then it
    alone is the transcript. Channels interleave in time (ordered by start, then channel).
    """
    body = doc.get("response", doc) if "results" not in doc else doc
    results = [r for r in body["results"] if r.get("alternatives")]
    groups = [(r, r["alternatives"][0].get("words", [])) for r in results]
    groups = [(r, words) for r, words in groups if words]
    if len(groups) > 1 and all(w.get("speakerTag") for w in groups[-1][1]):
        return " ".join(w["word"] for w in groups[-1][1]).split()
    if len({r.get("channelTag") for r, _ in groups}) <= 1:
        return " ".join(w["word"] for _, words in groups for w in words).split()

    def seconds(value: Any) -> float:
        if isinstance(value, str):
            return float(value.rstrip("s"))
        return int(value.get("seconds", 0)) + int(value.get("nanos", 0)) / 1e9

    timed = [
        (seconds(w.get("startOffset", w.get("startTime"))), r.get("channelTag", 0), w["word"])
        for r, words in groups
        for w in words
    ]
    return " ".join(t[2] for t in sorted(timed, key=lambda t: t[:2])).split()


def _json_tokens(path: Path, reader: str) -> list[str]:
    doc = json.loads(path.read_bytes())
    if reader == "whisper":
        return _whisper_text(doc).split()
    if reader == "whisperx":
        if _items(doc, "segments"):
            words = [w["word"] for s in doc["segments"] for w in s.get("words", [])]
        else:
            words = [w["word"] for w in _items(doc, "word_segments")]
        return " ".join(words).split()
    if reader == "whisper_timestamped":
        return " ".join(w["text"] for s in doc["segments"] for w in s["words"]).split()
    if reader == "deepgram":
        words = _deepgram_words(doc)
        return " ".join(w.get("punctuated_word", w["word"]) for w in words).split()
    if reader == "assemblyai":
        return " ".join(w["text"] for w in doc["words"]).split()
    if reader == "revai":
        elements = [e for m in doc["monologues"] for e in m["elements"]]
        return "".join(e["value"] for e in elements).split()
    if reader == "speechmatics":
        return _speechmatics_tokens(doc)
    if reader == "aws_transcribe":
        items = doc["results"]["items"]
        contents = [i["alternatives"][0]["content"] for i in items if i["type"] == "pronunciation"]
        return " ".join(contents).split()
    if reader == "azure":
        return _azure_tokens(doc)
    if reader == "google":
        return _google_tokens(doc)
    if reader == "amberscript":
        return " ".join(w["text"] for s in doc["segments"] for w in s["words"]).split()
    raise ValueError(f"no independent reading for {reader}")


def source_tokens(path: Path, reader: str) -> list[str]:
    """The tokens of the source file's text, read without cuecraft."""
    if path.suffix == ".json":
        return _json_tokens(path, reader)
    return _subtitle_tokens(path, reader)


_EDGE_PUNCTUATION = "".join(
    chr(c) for c in range(0x2FFF) if unicodedata.category(chr(c)).startswith("P")
)


def word_keys(tokens: Iterable[str]) -> list[str]:
    """The word-like tokens, trimmed of leading and trailing punctuation and casefolded.

    This is what "the same words in the same order" compares between a source file and what
    cuecraft loaded: vendors keep punctuation as separate items that cuecraft glues to a word,
    so the punctuation around a word is not compared, only the words and their order. ``¤``
    is read as ``$`` (ttconv cannot tell the two EBU-STL code points apart, see
    :func:`normalise`).
    """
    keys = []
    for token in tokens:
        if any(char.isalnum() for char in token):
            keys.append(token.strip(_EDGE_PUNCTUATION).casefold().replace("\u00a4", "$"))
    return keys


def is_subsequence(short: list[str], long: list[str]) -> bool:
    """True when ``short`` is ``long`` with some items left out (order kept)."""
    items = iter(long)
    return all(any(item == wanted for item in items) for wanted in short)
