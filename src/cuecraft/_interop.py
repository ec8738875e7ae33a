"""pysubs2 interoperability: an ``SSAFile`` out (:func:`to_pysubs2`); one comes in through
:func:`cuecraft.load` (:mod:`cuecraft._sources`).

Both go through cuecraft's own ASS reader and writer, so the rules that hold for an ``.ass``
file hold here too: escaping of ``{`` and backslashes, speaker names in the Actor field, and
the fidelity check of every word.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cuecraft.errors import OutputError
from cuecraft.model import Cue, Transcript
from cuecraft.segment.rules import Rules

__all__ = ["to_pysubs2"]


def to_pysubs2(
    obj: Transcript | Sequence[Cue],
    rules: Rules | None = None,
    *,
    options: Any = None,
) -> Any:
    """A ``pysubs2.SSAFile`` of a transcript (segmented with ``rules``) or of cues.

    Speaker names go to each event's ``name`` (the Actor field) as the ASS writer puts them;
    ``options`` are the ASS writer's (:class:`cuecraft.writers.ass.AssOptions`).

    >>> import cuecraft
    >>> t = cuecraft.Transcript(words=[cuecraft.Word(text="Hello.", start_ms=0, end_ms=900)])
    >>> subs = cuecraft.to_pysubs2(t)
    >>> [(event.start, event.end, event.text) for event in subs]
    [(0, 900, 'Hello.')]

    Raises:
        RulesError: for ``rules`` given with cues (they are already segmented).
    """
    from cuecraft import api

    data = api.dumps(obj, "ass", rules=rules, options=options)
    import pysubs2

    try:
        return pysubs2.SSAFile.from_string(data if isinstance(data, str) else data.decode())
    except Exception as exc:  # pysubs2 raises plain exceptions for what it cannot parse
        raise OutputError(f"pysubs2 cannot read the ASS cuecraft wrote: {exc}") from exc
