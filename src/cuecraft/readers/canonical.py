"""cuecraft's own canonical transcript JSON (``Transcript.model_dump_json()``), read losslessly.

The shape is published as a JSON Schema in ``schema/transcript.schema.json``.
"""

from __future__ import annotations

from typing import Any

from cuecraft.errors import InputError
from cuecraft.model import Transcript
from cuecraft.readers._spec import ReaderSpec, validate

__all__ = ["SPEC", "read", "sniff"]


def sniff(doc: Any) -> bool:
    # Canonical words carry start_ms/end_ms; the generic word list uses start/end in seconds.
    if not isinstance(doc, dict) or not isinstance(doc.get("words"), list) or not doc["words"]:
        return False
    first = doc["words"][0]
    return isinstance(first, dict) and {"text", "start_ms", "end_ms"} <= first.keys()


def read(doc: Any, *, source: str, strict: bool = True) -> Transcript:
    """Validate a canonical transcript document.

    Raises:
        SchemaError: with a JSON pointer for every problem.
    """
    if not isinstance(doc, dict):
        raise InputError("expected a JSON object with 'words'", source=source, pointer="")
    transcript = validate(Transcript, doc, source=source)
    return transcript


SPEC = ReaderSpec(
    name="canonical",
    kind="json",
    extensions=(".cuecraft.json",),
    sniff=sniff,
    read=read,
    description="cuecraft canonical transcript JSON (lossless)",
)
