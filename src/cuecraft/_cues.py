"""Cues that carry their speakers' names, the check that ``rules=`` can apply, and writing
finished output to a stream (binary or text, ``sys.stdout`` included)."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from cuecraft.columns import WordTable
from cuecraft.errors import OutputError, RulesError
from cuecraft.model import Cue, Transcript
from cuecraft.segment import segment as _segment_only
from cuecraft.segment.rules import Rules
from cuecraft.writers import WriterSpec

__all__ = ["check_rules", "name_speakers", "segment", "to_stream"]


def segment(transcript: Transcript, rules: Rules | None = None) -> list[Cue]:
    """Cut a transcript into timed subtitle cues whose rows carry the speakers' names.

    The cues write as well as the transcript itself: ``write(segment(t, rules), "x.vtt")``
    gives ``<v Zoë Müller>`` where the transcript names the speaker (see
    :func:`cuecraft.segment.segment` for the rules).

    >>> import cuecraft
    >>> t = cuecraft.Transcript(
    ...     words=[cuecraft.Word(text="Hi.", start_ms=0, end_ms=800, speaker="s1")],
    ...     speakers=[cuecraft.Speaker(id="s1", name="Zoë")],
    ... )
    >>> [(line.speaker, line.speaker_name) for line in cuecraft.segment(t)[0].lines]
    [('s1', 'Zoë')]
    """
    return name_speakers(_segment_only(transcript, rules), transcript)


def name_speakers(cues: Sequence[Cue], transcript: Transcript) -> list[Cue]:
    """``cues`` with each row's ``speaker_name`` set from the transcript's speakers."""
    names = {speaker.id: speaker.name for speaker in transcript.speakers}
    named: list[Cue] = []
    for cue in cues:
        if any(line.speaker in names and line.speaker_name is None for line in cue.lines):
            lines = tuple(
                line.model_copy(update={"speaker_name": names[line.speaker]})
                if line.speaker in names and line.speaker_name is None
                else line
                for line in cue.lines
            )
            cue = cue.model_copy(update={"lines": lines})
        named.append(cue)
    return named


def check_rules(
    obj: Transcript | WordTable | Sequence[Cue], spec: WriterSpec, rules: Rules | None
) -> None:
    """A ``rules=`` that cannot apply is an error, never silently ignored."""
    if rules is None:
        return
    if not isinstance(obj, (Transcript, WordTable)):
        raise RulesError(
            "cues are already segmented, so rules cannot apply to them; pass the Transcript "
            "with rules=, or segment it with these rules first",
            field="rules",
        )
    if spec.takes == "transcript" and rules.model_fields_set:
        raise RulesError(
            f"the {spec.name} writer writes the whole transcript and never segments, so "
            f"rules cannot apply (see its options: cuecraft formats {spec.name})",
            field="rules",
        )


def to_stream(data: bytes, target: Any, spec: WriterSpec) -> None:
    """Write to a binary stream, or to a text stream (``io.StringIO``, ``sys.stdout``)."""
    if not isinstance(target, io.TextIOBase) and "b" in str(getattr(target, "mode", "b")):
        try:
            target.write(data)
            return
        except TypeError:
            pass  # a text stream that does not say so: write text below
    buffer = getattr(target, "buffer", None)
    if spec.binary:
        if buffer is None:
            raise OutputError(
                f"{spec.name} is a binary format; give a binary stream (e.g. io.BytesIO or "
                "sys.stdout.buffer), or use dumps()"
            )
        target.flush()
        buffer.write(data)
        buffer.flush()
        return
    target.write(data.decode("utf-8"))
