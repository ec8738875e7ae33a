"""cuecraft's own canonical transcript JSON (``Transcript.model_dump_json()``), read losslessly.

The shape is published as a JSON Schema in ``schema/transcript.schema.json``.
"""

from __future__ import annotations

from typing import Any

from cuecraft.errors import InputError
from cuecraft.model import Transcript
from cuecraft.readers._shapes_whisper import is_canonical as sniff
from cuecraft.readers._spec import MAX_SECONDS, ReaderSpec, check_unicode, validate

__all__ = ["SPEC", "read", "sniff"]


def read(doc: Any, *, source: str, strict: bool = True) -> Transcript:
    """Validate a canonical transcript document.

    Raises:
        SchemaError: with a JSON pointer for every problem.
    """
    if not isinstance(doc, dict):
        raise InputError("expected a JSON object with 'words'", source=source, pointer="")
    _check_times(doc, source=source)  # before the model, whose invariants would say less
    transcript = validate(Transcript, doc, source=source)
    # Checked after the schema, which refuses most garbage quickly. Everything in a canonical
    # document is kept, so every string must be encodable and every integer fit the 64 bits
    # JSON tools can carry (the writer would produce a file that no reader takes back).
    check_unicode(doc, source=source, max_int=2**63 - 1)
    return transcript


_MAX_MS = int(MAX_SECONDS * 1000)


def _check_times(doc: dict[str, Any], *, source: str) -> None:
    """Refuse implausible word times and highlight bounds before the model takes them (#10).

    The model bounds them below only; an ``end_ms`` of 10**400 would validate and then
    overflow the engine's float arithmetic. Anything but a number is left to the schema.
    """
    for array, names, limit in (
        ("words", ("start_ms", "end_ms"), _MAX_MS),
        ("highlights", ("first", "stop"), 2**63 - 1),
    ):
        items = doc.get(array)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if not isinstance(item, dict):
                continue
            for name in names:
                value = item.get(name)
                if (
                    isinstance(value, (int, float))
                    and not isinstance(value, bool)
                    and (value > limit)
                ):
                    raise InputError(
                        f"{name} is implausibly large (over {limit})",
                        source=source,
                        pointer=f"/{array}/{index}/{name}",
                        word_index=index if array == "words" else None,
                    )


SPEC = ReaderSpec(
    name="canonical",
    kind="json",
    extensions=(".cuecraft.json",),
    sniff=sniff,
    read=read,
    description="cuecraft canonical transcript JSON (lossless)",
)
