"""cuecraft's canonical transcript JSON: lossless, read back by ``readers/canonical.py``."""

from __future__ import annotations

from typing import TextIO

from pydantic import BaseModel, ConfigDict, Field

from cuecraft.model import Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "CanonicalOptions", "write"]


class CanonicalOptions(BaseModel):
    """Options of the canonical JSON writer."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    indent: int | None = Field(default=None, ge=0, le=8)
    """Pretty-print with this indent; None writes one compact line."""


def write(
    transcript: Transcript, out: TextIO, options: CanonicalOptions, context: WriteContext
) -> None:
    """Write the transcript as canonical JSON (UTF-8, no ASCII escaping)."""
    del context
    out.write(transcript.model_dump_json(indent=options.indent))
    out.write("\n")


SPEC = WriterSpec(
    name="canonical",
    extensions=(".cuecraft.json",),
    takes="transcript",
    binary=False,
    options=CanonicalOptions,
    write=write,
    description="cuecraft canonical transcript JSON (lossless, with a JSON Schema)",
)
