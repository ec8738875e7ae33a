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
"""

from __future__ import annotations

from typing import Any

from cuecraft.columns import WordTable
from cuecraft.readers._shapes_cloud import is_revai as sniff
from cuecraft.readers._spec import ReaderSpec, WordDraft, assemble_table, validate
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


def read(doc: Any, *, source: str, strict: bool = True) -> WordTable:
    """Read a Rev.ai transcript.

    Raises:
        SchemaError: with a JSON pointer for every problem.
        InputError: for an empty transcript or times out of order.
    """
    raw = validate(_RawDocument, doc, source=source)
    spaced = any(_is_spacing(e) for m in raw.monologues for e in m.elements)
    # One chunk per word: (monologue index, [(element index, element)]).
    chunks: list[tuple[int, list[tuple[int, _RawElement]]]] = []
    names: dict[str, str] = {}
    for m, monologue in enumerate(raw.monologues):
        if monologue.speaker is not None:
            label = (
                monologue.speaker_info.display_name if monologue.speaker_info else None
            ) or monologue.speaker_name
            names.setdefault(f"S{monologue.speaker}", label or f"Speaker {monologue.speaker}")
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


SPEC = ReaderSpec(
    name="revai",
    kind="json",
    extensions=(".json",),
    sniff=sniff,
    read=read,
    description="Rev.ai transcript JSON (monologues and elements)",
    schema=_RawDocument,
)
