"""EBU-STL TTI blocks (EBU Tech 3264 section 3): blocks to subtitles, text fields to rows.

Part of :mod:`cuecraft.readers.stl` (whose docstring states the rules), split out to keep
modules small: extension chains, user-data and reserved blocks, a second GSI block inside
the file (another file appended), and the text field's control codes and characters.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cuecraft.errors import InputError
from cuecraft.formats.stl.iso6937 import TableName, decode_char
from cuecraft.formats.stl.layout import (
    EBN_LAST,
    EBN_USER_DATA,
    GSI_SIZE,
    NEW_ROW,
    TTI,
    TTI_SIZE,
    UNUSED_SPACE,
    gsi_offset,
    is_gsi,
)
from cuecraft.model import Diagnostic
from cuecraft.readers._stl_timeline import Subtitle

__all__ = ["BlockReader"]


class BlockReader:
    """The TTI half of the reader: blocks to subtitles, text fields to rows."""

    def __init__(self, data: bytes, source: str, strict: bool) -> None:
        self.data = data
        self.source = source
        self.strict = strict
        self.notes: list[Diagnostic] = []

    def note(self, code: str, message: str, *, block: int | None = None, **extra: Any) -> None:
        where = f"block {block}: " if block is not None else ""
        self.notes.append(
            Diagnostic(code=code, source=self.source, message=where + message, **extra)
        )

    def fail(self, message: str, *, block: int, offset: int) -> InputError:
        return InputError(message, source=self.source, block=block, offset=offset)

    def embedded_gsi(self, offset: int) -> bool:
        """A whole GSI block where a TTI block should be: another STL file appended."""
        return offset + GSI_SIZE <= len(self.data) and is_gsi(self.data[offset : offset + 11])

    def subtitles(self, origin_of: Callable[[str], int]) -> list[Subtitle]:
        """The subtitles in file order; ``origin_of(tcp)`` gives a later GSI block's origin."""
        count, remainder = divmod(len(self.data) - GSI_SIZE, TTI_SIZE)
        if remainder:
            offset = GSI_SIZE + count * TTI_SIZE
            message = f"truncated TTI block: {remainder} of {TTI_SIZE} bytes"
            if self.strict:
                raise self.fail(message, block=count + 1, offset=offset)
            self.note("stl-truncated", message + "; ignored", block=count + 1)
        subtitles: list[Subtitle] = []
        pending: Subtitle | None = None
        part_origin: int | None = None
        index = 0
        while index < count:
            block = index + 1
            offset = GSI_SIZE + index * TTI_SIZE
            if self.embedded_gsi(offset):
                if pending is not None:
                    self.unfinished(pending)
                    subtitles.append(pending)
                    pending = None
                part_origin = self.second_header(offset, block, origin_of)
                index += GSI_SIZE // TTI_SIZE
                continue
            index += 1
            group, number, extension, cumulative, tci, tco, _, _, comment, text = TTI.unpack(
                self.data[offset : offset + TTI_SIZE]
            )
            if extension == EBN_USER_DATA or 0xF0 <= extension < EBN_USER_DATA:
                kind = "user-data" if extension == EBN_USER_DATA else "reserved"
                self.note(
                    "stl-skipped-block",
                    f"{kind} block (EBN {extension:02X}h) skipped",
                    block=block,
                    severity="info",
                )
                continue
            if pending is not None and (pending.number, pending.group) != (number, group):
                self.unfinished(pending)
                subtitles.append(pending)
                pending = None
            content, _, rest = text.partition(bytes([UNUSED_SPACE]))
            leftover = rest.strip(bytes([UNUSED_SPACE]))
            if leftover:
                # EBU 3264: only 8Fh may follow the first 8Fh; ttconv stops there too.
                shown = leftover[:12].hex(" ").upper() + (" ..." if len(leftover) > 12 else "")
                self.note(
                    "stl-after-padding",
                    f"{len(leftover)} bytes after the unused-space code 8Fh ignored ({shown})",
                    block=block,
                )
            if pending is None:
                pending = Subtitle(
                    block=block,
                    number=number,
                    group=group,
                    cumulative=cumulative,
                    raw_in=tci,
                    raw_out=tco,
                    comment=comment == 1,
                    text=bytearray(content),
                    part_origin=part_origin,
                )
                part_origin = None
            else:
                pending.text += content
            if extension != EBN_LAST:
                if extension != pending.last_extension + 1:
                    self.note(
                        "stl-extension",
                        f"extension block number {extension:02X}h follows "
                        f"{pending.last_extension:02X}h",
                        block=block,
                    )
                pending.last_extension = extension
                continue
            subtitles.append(pending)
            pending = None
        if pending is not None:
            self.unfinished(pending)
            subtitles.append(pending)
        return subtitles

    def unfinished(self, subtitle: Subtitle) -> None:
        self.note(
            "stl-extension",
            f"subtitle {subtitle.number} has no last block (EBN FFh); read as it is",
            block=subtitle.block,
        )

    def second_header(self, offset: int, block: int, origin_of: Callable[[str], int]) -> int:
        """Read the GSI block of an appended file; return the origin of its subtitles."""
        last = block + GSI_SIZE // TTI_SIZE - 1
        header = self.data[offset : offset + GSI_SIZE]
        if header[3:11] != self.data[3:11] or header[12:14] != self.data[12:14]:
            self.note(
                "stl-second-gsi",
                f"the GSI block in blocks {block}-{last} declares {header[3:11]!r} and table "
                f"{header[12:14]!r}; read with the first GSI block's",
                block=block,
            )
        tcp = header[gsi_offset("TCP") : gsi_offset("TCP") + 8].decode("ascii", "replace")
        self.note(
            "stl-second-gsi",
            f"blocks {block}-{last} are another file's GSI block (TCP {tcp!r}): the subtitles "
            "after it are a new part",
            block=block,
        )
        return origin_of(tcp)

    def rows(self, subtitle: Subtitle, table: TableName) -> list[str]:
        rows: list[str] = []
        chars: list[str] = []
        data = bytes(subtitle.text)
        position = 0
        while position < len(data):
            code = data[position]
            if code == NEW_ROW:
                rows.append("".join(chars))
                chars = []
                position += 1
            elif code < 0x20 or 0x80 <= code <= 0x9F:
                # A control code takes a cell on screen: it separates words.
                if 0x86 <= code <= 0x9F:
                    self.note(
                        "stl-reserved-code",
                        f"reserved code {code:02X}h in the text read as a space",
                        block=subtitle.block,
                    )
                chars.append(" ")
                position += 1
            else:
                char, following = decode_char(data, position, table)
                if char is None:
                    shown = data[position:following].hex(" ").upper()
                    self.note(
                        "stl-unknown-character",
                        f"byte(s) {shown} are not a character of the {table} table; read as U+FFFD",
                        block=subtitle.block,
                    )
                    char = "\ufffd"
                chars.append(char)
                position = following
        rows.append("".join(chars))
        return [" ".join(row.split()) for row in rows if row.split()]
