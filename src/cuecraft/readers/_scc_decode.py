"""CEA-608 channel-1 decoder for the SCC reader: byte pairs in frame order to timed rows.

A small model of a 15.119 decoder (tables in :mod:`cuecraft.formats.cea608`): two caption
memories of 15 rows by 32 columns, a cursor, and the mode set by RCL (pop-on), RU2-RU4
(roll-up) or RDC (paint-on). What it reports, for the reader to make cues of:

* **pop-on**: each EOC that puts text on screen is a caption, from that frame until the
  display next changes (EDM, the next EOC, or a roll-up/paint-on write);
* **roll-up and paint-on**: text goes straight to the screen, so each run of characters
  written after a CR, PAC or mode change is a caption of one row, from the frame of its
  first character until the next such run starts or the screen is erased.

A two-byte code identical to the pair just before it is the redundant copy and is ignored
(CTA-608-E). Channel 2 codes (first byte 18h-1Fh) switch to channel 2, whose data is skipped
until a channel-1 code; text mode (TR, RTD) is skipped the same way. Bytes whose parity is
wrong are decoded anyway (the reader counts them). Every step is O(1) but a row snapshot
(32 characters), so decoding is linear in the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cuecraft.formats import cea608

__all__ = ["Decoder", "Shown"]


@dataclass
class Shown:
    """Rows shown from ``start`` (a frame) until ``end`` (None while still on screen)."""

    start: int
    rows: list[str]
    line: int
    end: int | None = None


def _blank() -> dict[int, list[str]]:
    return {}


@dataclass
class Decoder:
    """Feed byte pairs (parity stripped) with their frame; read :attr:`shown` at the end."""

    shown: list[Shown] = field(default_factory=list)
    mode: str = "pop-on"
    channel_one: bool = True
    text_mode: bool = False
    displayed: dict[int, list[str]] = field(default_factory=_blank)
    hidden: dict[int, list[str]] = field(default_factory=_blank)
    row: int = cea608.ROWS
    column: int = 0
    depth: int = 2
    previous: tuple[int, int] | None = None
    direct: Shown | None = None  # the roll-up/paint-on run being written
    open: list[Shown] = field(default_factory=list)  # captions on screen, not yet ended
    ignored: int = 0
    overflow: int = 0

    def _memory(self) -> dict[int, list[str]]:
        return self.hidden if self.mode == "pop-on" else self.displayed

    def _close(self, frame: int) -> None:
        for shown in self.open:
            shown.end = frame
        self.open.clear()
        self.direct = None

    def _start(self, shown: Shown) -> None:
        # A caption ends when the next one starts (a roll-up row stays on screen, but its
        # words were spoken before the next row's).
        self._close(shown.start)
        self.open.append(shown)
        self.shown.append(shown)

    def _write(self, char: str, frame: int, line: int) -> None:
        memory = self._memory()
        cells = memory.setdefault(self.row, [" "] * cea608.COLUMNS)
        if self.column >= len(cells):
            # Past column 32 a decoder overwrites the last cell (15.119); the words matter
            # more here than the screen, so the row grows (and the overflow is counted).
            self.overflow += 1
            cells.extend(" " * (self.column + 1 - len(cells)))
        cells[self.column] = char
        self.column += 1
        if self.mode == "pop-on":
            return
        if self.direct is None:
            run = Shown(frame, [""], line)
            self._start(run)
            self.direct = run
        self.direct.rows[0] += char

    def _backspace(self) -> None:
        if self.column == 0:
            return
        self.column -= 1
        cells = self._memory().get(self.row)
        if cells is not None and self.column < len(cells):
            cells[self.column] = " "
        if self.mode != "pop-on" and self.direct is not None:
            self.direct.rows[0] = self.direct.rows[0][:-1]

    def _end_run(self) -> None:
        # A new run starts at the next character; the old one stays on screen.
        if self.direct is not None:
            self.direct = None

    def _control(self, second: int, frame: int, line: int) -> None:
        if second == 0x20:  # RCL
            self.mode, self.text_mode = "pop-on", False
        elif second == 0x21:  # BS
            self._backspace()
        elif second == 0x24:  # DER
            cells = self._memory().get(self.row)
            if cells is not None:
                del cells[self.column :]
        elif 0x25 <= second <= 0x27:  # RU2-RU4
            if self.mode != "roll-up":
                self._close(frame)
                self.displayed, self.hidden = {}, {}
            self.mode, self.text_mode, self.depth = "roll-up", False, second - 0x23
            self.column = 0
            self._end_run()
        elif second == 0x29:  # RDC
            self.mode, self.text_mode = "paint-on", False
            self._end_run()
        elif second in (0x2A, 0x2B):  # TR, RTD: text service, not captions
            self.text_mode = True
        elif second == 0x2C:  # EDM
            self.displayed = {}
            self._close(frame)
        elif second == 0x2D:  # CR
            if self.mode == "roll-up":
                top = self.row - self.depth + 1
                self.displayed = {
                    row - 1: cells for row, cells in self.displayed.items() if top < row <= self.row
                }
                self.column = 0
            self._end_run()
        elif second == 0x2E:  # ENM
            self.hidden = {}
        elif second == 0x2F:  # EOC
            self.displayed, self.hidden = self.hidden, self.displayed
            self.mode = "pop-on"
            self._close(frame)
            rows = [
                "".join(cells).strip()
                for _, cells in sorted(self.displayed.items())
                if "".join(cells).strip()
            ]
            if rows:
                self._start(Shown(frame, rows, line))

    def feed(self, first: int, second: int, frame: int, line: int) -> None:
        """Decode one byte pair (7-bit bytes) sent at ``frame`` from file line ``line``."""
        if 0x10 <= first <= 0x1F:
            if self.previous == (first, second):
                self.previous = None  # the redundant copy
                return
            self.previous = (first, second)
            self.channel_one = first < 0x18
            if not self.channel_one:
                return
            self._code(first, second, frame, line)
            return
        self.previous = None
        if not self.channel_one or self.text_mode or (first < 0x10 and first != 0):
            return  # channel 2, text service, or XDS (field 2)
        for byte in (first, second):
            if byte >= 0x20:
                self._write(cea608.STANDARD[byte], frame, line)

    def _code(self, first: int, second: int, frame: int, line: int) -> None:
        position = cea608.pac_position(first, second)
        if position is not None:
            if self.text_mode:
                return
            self.row, self.column = position
            self._end_run()
        elif first == 0x14 and 0x20 <= second <= 0x2F:
            self._control(second, frame, line)
        elif self.text_mode:
            return
        elif first == 0x17 and 0x21 <= second <= 0x23:  # tab offsets
            self.column += second - 0x20
        elif first == 0x11 and 0x20 <= second <= 0x2F:  # mid-row code: shown as a space
            self._write(" ", frame, line)
        elif first == 0x11 and 0x30 <= second <= 0x3F:
            char = cea608.SPECIAL[second]
            self._write(" " if char == "\u00a0" else char, frame, line)
        elif (first, second) in cea608.EXTENDED:
            self._backspace()
            self._write(cea608.EXTENDED[(first, second)][0], frame, line)
        else:
            self.ignored += 1

    def finish(self, frame: int) -> list[Shown]:
        """Close what is still on screen at ``frame`` and return every caption shown."""
        self._close(frame)
        return self.shown
