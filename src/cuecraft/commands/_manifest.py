"""The settings manifest of a batch output folder: ``.cuecraft-batch.json``.

``cuecraft batch`` skips an output that is newer than its input. Run again with other rules
or options, that skipped every file and converted nothing. So each batch records, per
output format, a fingerprint of the settings it wrote with (rules, the writer's options,
how inputs are read, the name template); an output is stale when its input changed *or*
its format's fingerprint did, and the summary says so.

The manifest is written only after a batch that was not interrupted: an interrupted batch
leaves the old fingerprints, so the next run still rewrites what was not done.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from cuecraft._files import atomic_write

__all__ = ["MANIFEST", "changed_formats", "fingerprints", "read_manifest", "write_manifest"]

MANIFEST = ".cuecraft-batch.json"
_VERSION = 1


def _jsonable(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(key): _jsonable(item) for key, item in sorted(value.items())}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(item) for item in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    return value if isinstance(value, (str, int, float, bool, type(None))) else str(value)


def fingerprints(
    formats: Sequence[str],
    *,
    rules: BaseModel | None,
    options: Mapping[str, BaseModel],
    reading: Mapping[str, Any],
) -> dict[str, str]:
    """Format name -> a short hash of everything that decides its output's content."""
    result: dict[str, str] = {}
    for name in formats:
        document = {
            "rules": _jsonable(rules),
            "options": _jsonable(options.get(name)),
            "reading": _jsonable(reading),
        }
        text = json.dumps(document, sort_keys=True, ensure_ascii=False)
        result[name] = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return result


def read_manifest(folder: str | os.PathLike[str]) -> dict[str, str]:
    """The fingerprints recorded in ``folder`` (empty when there is no readable manifest)."""
    try:
        data = json.loads(Path(folder, MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    formats = data.get("formats") if isinstance(data, dict) else None
    if not isinstance(formats, dict):
        return {}
    return {str(k): str(v) for k, v in formats.items() if isinstance(v, str)}


def changed_formats(old: Mapping[str, str], new: Mapping[str, str]) -> list[str]:
    """Formats written before with other settings (a format never written is not changed)."""
    return [name for name, value in new.items() if name in old and old[name] != value]


def write_manifest(folder: str | os.PathLike[str], fingerprints: Mapping[str, str]) -> None:
    """Record ``fingerprints`` in ``folder``, keeping those of other formats."""
    merged = {**read_manifest(folder), **fingerprints}
    document = {"cuecraft_batch_manifest": _VERSION, "formats": dict(sorted(merged.items()))}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    atomic_write(text.encode("utf-8"), Path(folder, MANIFEST))
