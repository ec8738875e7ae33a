"""cuecraft's canonical transcript JSON: lossless, read back by ``readers/canonical.py``."""

from __future__ import annotations

from typing import TextIO

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticSerializationError

from cuecraft.errors import UnencodableError
from cuecraft.model import Transcript
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._vendorjson import surrogate_at

__all__ = ["SPEC", "CanonicalOptions", "write"]


class CanonicalOptions(BaseModel):
    """Options of the canonical JSON writer."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    indent: int | None = Field(default=None, ge=0, le=8)
    """Pretty-print with this indent; None writes one compact line."""


def write(
    transcript: Transcript, out: TextIO, options: CanonicalOptions, context: WriteContext
) -> None:
    """Write the transcript as canonical JSON (UTF-8, no ASCII escaping).

    Raises:
        UnencodableError: for a lone surrogate (a speaker name, metadata...), which UTF-8
            cannot hold; the message names its JSON pointer. The format is lossless, so
            nothing is replaced.
    """
    del context
    try:
        text = transcript.model_dump_json(indent=options.indent)
    except PydanticSerializationError as exc:
        found = surrogate_at(transcript.model_dump())
        if found is None:  # not a surrogate: nothing known to report but the error itself
            raise UnencodableError(f"cannot write canonical JSON: {exc}") from exc
        pointer, char = found
        raise UnencodableError(
            f"{pointer or '/'}: lone surrogate U+{ord(char):04X} cannot be written as UTF-8",
            char=char,
        ) from exc
    out.write(text)
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
