"""SubStation Alpha v4 (SSA) writer: the ASS writer's mapping, written by pysubs2 as SSA.

Everything but the file layout is :mod:`cuecraft.writers.ass` (same options, escaping, times
and speakers). pysubs2 writes ``ScriptType: v4.00``, a ``[V4 Styles]`` section with SSA's
colours and alignment numbers, and ``Marked=0`` in place of the ASS layer. Use it for players
that predate ASS; anything recent reads ``.ass``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from cuecraft.model import Cue
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers.ass import AssOptions, display, write_as

__all__ = ["SPEC", "write"]


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: AssOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as SSA v4 (see :mod:`cuecraft.writers.ass` for the mapping).

    Raises:
        UnencodableError: for a lone surrogate, or a cue ending after 9:59:59.99.
    """
    write_as("ssa", cues, out, options, context)


SPEC = WriterSpec(
    name="ssa",
    extensions=(".ssa",),
    takes="cues",
    binary=False,
    options=AssOptions,
    write=write,
    description="SubStation Alpha v4 (the ASS writer's mapping, in the older SSA layout)",
    display=display,
)
