"""Rev.ai transcript reader (``application/vnd.rev.transcript.v1.0+json``):
``monologues[].elements[]`` where punctuation and even spaces are elements.

Shape (docs/vendor-formats.md, "Rev.ai"; sample corpus/vendors/rev-ai/startup-talk-1spk.json):
``{monologues: [{speaker, speaker_info?: {id, display_name}, elements: [{type, value, ts?,
end_ts?, confidence?}]}]}``; ``type`` is ``"text"`` (a word, timed), ``"punct"`` (punctuation
or a single space, untimed) or ``"unknown"`` (``"<inaudible>"``, untimed).

Mapping: the elements of a monologue, concatenated, are the transcript text, with the spaces
exactly where Rev.ai put them; a word is a run of elements between spacing elements. So
``"Hi" "," " " "my"`` gives ``Hi,`` and ``my``, and ``"co" "-" "founder"`` and ``"30" "%"``
(no space between) give ``co-founder`` and ``30%``, spanning their first to their last timed
element, with the lowest confidence. Output made with ``skip_punctuation`` has no spacing
elements at all; then every ``text`` element starts a word (and any punctuation stays with
the word before it). A word with no timed element (``<inaudible>``)
is kept, with times interpolated between its neighbours and a diagnostic.

Speakers: ``speaker`` 0, 1... becomes ``"S0"``, ``"S1"``..., named by
``speaker_info.display_name`` (or a ``speaker_name``) when given, else ``"Speaker 0"``...
Each monologue starts a paragraph.

A clean transcript (every ``text`` element timed, punctuation and spaces untimed, nothing
to interpolate or repair) is read column by column (:mod:`cuecraft.readers._revai_columns`,
issue #12); anything else word by word (:func:`read_careful`), which gives the same transcript
and says where a problem is (``tests/readers/test_revai_columns.py`` checks that they agree).
"""

from __future__ import annotations

from itertools import compress
from typing import Any

from cuecraft.columns import WordTable
from cuecraft.model import Speaker
from cuecraft.readers._revai_columns import element_words
from cuecraft.readers._shapes_cloud import is_revai as sniff
from cuecraft.readers._spec import (
    RawColumns,
    ReaderSpec,
    WordDraft,
    assemble_table,
    table_from_columns,
    valid_or_none,
    validate,
)
from cuecraft.readers._vendor import (
    Confidence,
    RawModel,
    Seconds,
    Slot,
    SpeakerIndex,
    Text,
    interpolate,
    speakers_in_order,
)

__all__ = ["SPEC", "read", "sniff"]


class _RawElement(RawModel):
    type: Text
    value: Text
    ts: Seconds | None = None
    end_ts: Seconds | None = None
    confidence: Confidence | None = None


class _RawSpeakerInfo(RawModel):
    display_name: Text | None = None


class _RawMonologue(RawModel):
    speaker: SpeakerIndex | None = None
    speaker_name: Text | None = None
    speaker_info: _RawSpeakerInfo | None = None
    elements: list[_RawElement]


class _RawDocument(RawModel):
    monologues: list[_RawMonologue]


def _is_spacing(element: _RawElement) -> bool:
    return element.type == "punct" and element.value.isspace()


def _speaker_names(raw: _RawDocument) -> dict[str, str]:
    """Each speaker id's name, from the first monologue of that speaker."""
    names: dict[str, str] = {}
    for monologue in raw.monologues:
        if monologue.speaker is not None:
            label = (
                monologue.speaker_info.display_name if monologue.speaker_info else None
            ) or monologue.speaker_name
            names.setdefault(f"S{monologue.speaker}", label or f"Speaker {monologue.speaker}")
    return names


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a Rev.ai transcript.

    A clean transcript is read column by column (:func:`_read_columns`); anything else word
    by word (:func:`read_careful`), which gives the same words and says where a problem is.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    fast = _read_columns(doc, source=source) if isinstance(doc, dict) else None
    if fast is not None:
        return fast
    return read_careful(doc, source=source, strict=strict)


def read_careful(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """:func:`read` word by word: every field validated, every problem located (the fast
    path's reference, and what reads a transcript the fast path leaves)."""
    raw = validate(_RawDocument, doc, source=source)
    spaced = any(_is_spacing(e) for m in raw.monologues for e in m.elements)
    # One chunk per word: (monologue index, [(element index, element)]).
    chunks: list[tuple[int, list[tuple[int, _RawElement]]]] = []
    names = _speaker_names(raw)
    for m, monologue in enumerate(raw.monologues):
        current: list[tuple[int, _RawElement]] = []
        for e, element in enumerate(monologue.elements):
            if _is_spacing(element):
                if current:
                    chunks.append((m, current))
                current = []
                continue
            if (
                not spaced
                and element.type != "punct"
                and any(el.type != "punct" for _, el in current)
            ):
                # No spacing elements anywhere: each word element starts a new word, and
                # punctuation stays with the word before it (or the next, when it opens).
                chunks.append((m, current))
                current = []
            current.append((e, element))
        if current:
            chunks.append((m, current))
    slots: list[Slot] = []
    drafts: list[WordDraft] = []
    previous_monologue = -1
    for m, chunk in chunks:
        timed = [(e, el) for e, el in chunk if el.ts is not None and el.end_ts is not None]
        anchor = timed[0][0] if timed else chunk[0][0]
        pointer = f"/monologues/{m}/elements/{anchor}"
        slots.append(
            Slot(
                start=timed[0][1].ts if timed else None,
                end=max(el.end_ts for _, el in timed if el.end_ts is not None) if timed else None,
                pointer=pointer,
            )
        )
        confidences = [el.confidence for _, el in chunk if el.confidence is not None]
        speaker = raw.monologues[m].speaker
        drafts.append(
            WordDraft(
                text="".join(el.value for _, el in chunk),
                start=0.0,
                end=0.0,
                confidence=min(confidences) if confidences else None,
                speaker=None if speaker is None else f"S{speaker}",
                pointer=pointer,
                paragraph_start=m != previous_monologue,
            )
        )
        previous_monologue = m
    notes = interpolate(slots, source=source, why="this element has no timestamps")
    for draft, slot in zip(drafts, slots, strict=True):
        draft.start = slot.start if slot.start is not None else 0.0
        draft.end = slot.end if slot.end is not None else 0.0
    return assemble_table(
        drafts,
        source=source,
        reader=SPEC.name,
        strict=strict,
        speakers=speakers_in_order(drafts, names),
        diagnostics=notes,
        time_fields=("ts", "end_ts"),
    )


def _read_columns(doc: dict[str, Any], *, source: str) -> WordTable | None:
    """The fast path: a clean transcript read column by column, without a model object per
    element (``table_from_columns``), as :mod:`cuecraft.readers.aws_transcribe` does. None
    when an element is untimed text, timed punctuation, of another type, or anything else is
    not plainly valid, or a word needs a repair: then :func:`read_careful` reads the
    transcript word by word and says where."""
    words = element_words(doc.get("monologues"))
    if words is None:
        return None
    # The transcript's other fields as the careful path validates them (the elements aside;
    # element_words checked that every monologue is a dict with a list of elements).
    bare = {**doc, "monologues": [{**group, "elements": []} for group in words.grouped.groups]}
    raw = valid_or_none(_RawDocument, bare, source=source)
    if raw is None:
        return None
    by_monologue = [
        None if monologue.speaker is None else f"S{monologue.speaker}"
        for monologue in raw.monologues
    ]
    labels = list(map(by_monologue.__getitem__, words.monologue_of))
    monologue_of = words.monologue_of
    changes = map(int.__ne__, monologue_of, [-1, *monologue_of[:-1]])
    names = _speaker_names(raw)
    used = [label for label in dict.fromkeys(labels) if label is not None]
    return table_from_columns(
        RawColumns(
            words.texts,
            words.starts,
            words.ends,
            pointer=words.pointer,
            confidences=words.confidences,
            speakers=labels,
            paragraph_starts=list(compress(range(len(monologue_of)), changes)),
        ),
        source=source,
        reader=SPEC.name,
        speakers=[Speaker(id=label, name=names[label]) for label in used],
    )


SPEC = ReaderSpec(
    name="revai",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Rev.ai transcript JSON (monologues and elements)",
    schema=_RawDocument,
)
