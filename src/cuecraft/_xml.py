"""The one way cuecraft parses XML: lxml with a hardened parser that refuses DTDs and entities.

Any XML input (a TTML/DFXP reader, DOCX internals) must go through :func:`parse_xml`. The
parser never loads a DTD, never resolves an entity, never touches the network and keeps
lxml's ``huge_tree`` protection on; on top of that a document that declares a DOCTYPE at all
is refused, so neither an external entity (XXE) nor an entity bomb ("billion laughs") gets a
chance. XML needs no DTD in any format we read (TTML, EBU-TT and OOXML are schema-based).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from cuecraft.errors import InputError

__all__ = ["MAX_XML_BYTES", "hardened_parser", "parse_xml"]

MAX_XML_BYTES = 64 * 1024 * 1024
"""XML inputs larger than this are refused before parsing."""


def hardened_parser() -> Any:
    """A new lxml parser that loads no DTD, resolves no entity and reads nothing remote."""
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,
        collect_ids=False,
        remove_pis=True,
    )


def _declares_dtd(data: bytes) -> bool:
    # A cheap early refusal before any parsing; the parsed tree is checked again below, which
    # also covers encodings (UTF-16) where these ASCII bytes would not appear.
    head = data.lstrip()
    return b"<!DOCTYPE" in head or b"<!ENTITY" in head


def parse_xml(data: bytes, *, source: str = "<xml>", max_bytes: int = MAX_XML_BYTES) -> Any:
    """Parse an XML document safely and return its root element.

    Raises:
        InputError: for a document over ``max_bytes``, one that declares a DTD or entities,
            one with entity references, or malformed XML (with line and column).
    """
    if len(data) > max_bytes:
        raise InputError(
            f"XML is {len(data)} bytes, over the {max_bytes}-byte limit", source=source
        )
    if _declares_dtd(data):
        raise InputError(
            "XML with a DOCTYPE or entity declarations is refused (no DTDs, no entities)",
            source=source,
        )
    try:
        root = etree.fromstring(data, hardened_parser())
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        raise InputError(
            f"invalid XML: {exc.msg}", source=source, line=line, column=column or None
        ) from exc
    info = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None:
        raise InputError("XML with a DOCTYPE is refused (no DTDs, no entities)", source=source)
    for _ in root.iter(etree.Entity):
        raise InputError("XML entity references are refused", source=source)
    return root
