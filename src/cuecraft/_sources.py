"""What :func:`cuecraft.load` accepts, read into raw content and a label for messages."""

from __future__ import annotations

import os
import sys
from typing import Any

from cuecraft._files import over_limit, read_bounded, read_path
from cuecraft.errors import InputError

__all__ = ["is_ssafile", "read_source", "ssafile_bytes"]

# A str that is plainly content, not a file name: several lines, or how JSON and WebVTT start.
_CONTENT_START = ("{", "[", "WEBVTT", "<?xml", "<tt", "[Script Info]")


def _looks_like_content(text: str) -> bool:
    head = text.lstrip("\ufeff \t\r\n")
    return "\n" in text.strip() or head.startswith(_CONTENT_START)


def is_ssafile(obj: Any) -> bool:
    """Whether ``obj`` is a ``pysubs2.SSAFile``.

    Without importing pysubs2: an SSAFile exists only once its module has been imported.
    """
    module = sys.modules.get("pysubs2")
    return module is not None and isinstance(obj, module.SSAFile)


def ssafile_bytes(subs: Any) -> bytes:
    """An SSAFile as the UTF-8 text of an ``.ass`` file, for the ASS reader."""
    return str(subs.to_string("ass")).encode("utf-8")


def read_source(src: Any, max_bytes: int) -> tuple[Any, str]:
    """Raw content and a source label for any accepted kind of input."""
    if isinstance(src, (dict, list)):
        return src, "<json>"
    if isinstance(src, (bytes, bytearray)):
        if len(src) > max_bytes:
            raise over_limit("<bytes>", max_bytes, len(src), what="input")
        return bytes(src), "<bytes>"
    if is_ssafile(src):
        return ssafile_bytes(src), "<SSAFile>"
    if isinstance(src, str) and not os.path.exists(src) and _looks_like_content(src):
        # Never guess that a path is content (or print content as a file name): say so.
        raise InputError(
            "this is subtitle or JSON text, not a file name; read it with cuecraft.loads(text)",
            source="<str>",
        )
    if isinstance(src, (str, os.PathLike)):
        label = os.fsdecode(src)
        return read_path(src, max_bytes, label=label), label
    if hasattr(src, "read"):
        label = str(getattr(src, "name", "<stream>"))
        try:
            data = read_bounded(src, max_bytes)
        except OSError as exc:
            raise InputError(f"cannot read stream: {exc}", source=label) from exc
        if len(data) > max_bytes:
            raise over_limit(label, max_bytes, what="input")
        return (data.encode("utf-8") if isinstance(data, str) else data), label
    raise InputError(
        f"cannot load a {type(src).__name__}; give a path, bytes, a stream, JSON or a "
        "pysubs2.SSAFile (text: cuecraft.loads)"
    )
