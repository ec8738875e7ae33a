"""What the XML writers for editing tools (Premiere's xmeml, FCPXML) share: cue texts made
safe for XML 1.0, reported when changed, and the serialised document."""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from cuecraft.model import Diagnostic
from cuecraft.writers._spec import WriteContext

__all__ = ["safe_text", "serialise"]

# XML 1.0 §2.2 Char: tab, LF, CR, U+0020-U+D7FF, U+E000-U+FFFD, U+10000 up. Anything else
# (C0 controls, lone surrogates, U+FFFE/U+FFFF) cannot appear in the document at all.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def safe_text(text: str, cue_index: int, context: WriteContext | None) -> str:
    """``text`` with characters XML cannot hold replaced by U+FFFD, and a diagnostic."""
    cleaned = _NOT_XML.sub("\ufffd", text)
    if cleaned != text and context is not None:
        context.diagnostics.append(
            Diagnostic(
                code="control-character",
                cue_index=cue_index,
                message="a character XML 1.0 cannot hold was written as U+FFFD",
            )
        )
    return cleaned


def serialise(root: ET.Element, out: TextIO, doctype: str | None = None) -> None:
    """Write ``root`` as an indented UTF-8 XML document (declaration, optional DOCTYPE)."""
    ET.indent(root, space="  ")
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    if doctype is not None:
        out.write(doctype + "\n")
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
