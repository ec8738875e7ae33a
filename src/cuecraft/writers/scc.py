"""Scenarist SCC writer: CEA-608 broadcast captions (CaptionSync's ``scc`` result, seed 004).

Sources: 47 CFR 15.119 and ANSI/CTA-608-E for the codes and characters, McPoodle's
"Scenarist Closed Caption Format" for the file layout; the tables and what each one gives
are in :mod:`cuecraft.formats.cea608`. What this writer does:

* **File**: ``Scenarist_SCC V1.0``, a blank line, then lines of a drop-frame time code
  ``HH:MM:SS;FF`` (29.97 fps), a tab and 4-hex-digit words, lines separated by a blank line.
  A line's words go out one per frame from its time code on (two bytes a frame), so a line
  starts wherever the previous one left a gap. Every byte carries odd parity; every two-byte
  code (control codes, PACs, tab offsets, special and extended characters) is sent twice, as
  CTA-608-E asks (decoders drop the repeat); a character byte left alone before a two-byte
  code is padded with a null (``80``). Channel 1 (CC1) only.
* **Pop-on** (``caption_mode="pop-on"``, the default): each cue is loaded off screen,
  ``RCL RCL ENM ENM``, then per row a PAC (row, indent) and a tab offset that put the row
  where ``justification`` wants it (centred by default), its characters, then ``EOC EOC``.
  The cue appears when the first EOC arrives, so the load starts that many frames before
  the cue's start, and never before the previous cue's EOC pair has gone out (its memory
  would be overwritten). ``EDM EDM`` erases it at its end, unless the next cue replaces it
  within 3 frames (the usual pop-on hand-over); an EDM that falls inside the next load is
  sent in the middle of it (EDM acts on the displayed memory, the load on the other one),
  never between the two copies of a doubled code. The layout is
  :mod:`cuecraft.writers._scc_stream`. Rows sit at the bottom of the 15-row grid
  (``region="bottom"``: the last row on row 15) or the top (row 1 down).
* **Roll-up** (``caption_mode="roll-up"``): each row is ``RUn RUn CR CR PAC PAC`` and its
  characters, rolling up a window of ``roll_up_rows`` rows (RU2, RU3 or RU4) whose base row
  is 15; the cue starts when its first CR arrives. A pause erases the window (EDM) at the
  cue's end.
* **Times**: cue times become 29.97 fps frames (1001/30 ms each), then the stream is laid
  out as above. A cue that could not be shown on its frame (its load did not fit in the time
  before it), or whose end had to move, gets an ``scc-retimed`` diagnostic saying by how
  much. ``start_offset`` (a drop-frame time code, CaptionSync's offset, e.g. ``01:00:00;00``)
  is where media time 0 falls. A time past 23:59:59;29 is an
  :class:`~cuecraft.errors.UnencodableError`.
* **Characters**: text is NFC-normalised; each character is a standard character, a special
  character (``♪``, ``®``, ``½``, ``à``...) or an extended character (``ü``, ``Ç``,
  ``«``... sent after a standard fallback that the decoder backspaces over). Anything else is
  replaced (``unencodable="replace"``, the default: a single character, the accent-free
  letter when there is one, else ``?``) with an ``scc-replaced`` diagnostic per cue, or is an
  :class:`~cuecraft.errors.UnencodableError` (``unencodable="error"``).
* **Layout**: a row holds 32 characters and a caption 4 rows (15.119);
  :func:`display` declares that (and the roll-up window) and the rules are fitted to it, so
  the engine decides the rows; cues handed in with wider or more rows raise
  :class:`~cuecraft.errors.UnencodableError`. Speaker labels (``>>``, ``Name:``) count in
  the row.

Why not ttconv's or pycaption's SCC writer (both read our output back in the tests): checked
on the sample interview, ttconv 1.2 drops a caption whose load collides with the previous one
with only a log line, rewraps rows greedily, writes a space for any character outside its
table (no extended characters); pycaption 2.3 rewraps with ``textwrap``, writes ``£`` for an
unknown character and silently drops the erase of a caption whose load is late. Both take
their own document model; the cues here are already fitted by the engine.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Final, Literal, TextIO

from pydantic import ConfigDict, field_validator

from cuecraft._validated import SettingsModel
from cuecraft.display import Display
from cuecraft.errors import UnencodableError
from cuecraft.formats import cea608
from cuecraft.model import Cue, Diagnostic
from cuecraft.timing import fit_spans
from cuecraft.writers._cuetext import PlannedCue, Row, plan
from cuecraft.writers._scc_stream import Block, schedule
from cuecraft.writers._spec import WriteContext, WriterSpec

__all__ = ["SPEC", "SccOptions", "display", "render", "write"]

HEADER: Final = "Scenarist_SCC V1.0"
MAX_CAPTION_ROWS: Final = 4
_ADDRESS: Final = (0x14, 0x17)  # first bytes of the row-15 PAC and of tab offsets
_LAST_FRAME: Final = cea608.timecode_to_frame(23, 59, 59, 29, drop=True)
# Single-character stand-ins for common characters CEA-608 lacks (width is kept, so a row
# the engine fitted still fits).
_REPLACEMENTS: Final = {
    "\u2013": "-",
    "\u2014": "-",
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "\u2026": ".",
    "\u201a": ",",
    "\u201e": '"',
    "\u2032": "'",
    "\u2033": '"',
    "\u00b4": "'",
    "`": "'",
    "\u202f": " ",
    "\u2009": " ",
}


class SccOptions(SettingsModel):
    """Options of the SCC writer.

    Example: roll-up captions three rows deep, programme time code from one hour::

        SccOptions(caption_mode="roll-up", roll_up_rows=3, start_offset="01:00:00;00")
    """

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    caption_mode: Literal["pop-on", "roll-up"] = "pop-on"
    """pop-on (each cue loaded off screen, then shown whole) or roll-up (rows scroll up)."""

    roll_up_rows: Literal[2, 3, 4] = 2
    """Rows of the roll-up window (RU2, RU3, RU4); roll-up only."""

    justification: Literal["center", "left"] = "center"
    """Rows centred on the 32-column grid, or starting at column 0."""

    region: Literal["bottom", "top"] = "bottom"
    """Pop-on rows at the bottom of the screen (last row on row 15) or the top (row 1)."""

    start_offset: str = "00:00:00;00"
    """Time code of media time 0, drop-frame HH:MM:SS;FF (CaptionSync's offset timecode),
    e.g. 01:00:00;00."""

    speaker_labels: Literal["none", "chevrons", "prefix"] = "none"
    """none; chevrons ('>> Name: ' at each change of speaker, the US captioning convention);
    prefix ('Name: ')."""

    unencodable: Literal["replace", "error"] = "replace"
    """A character CEA-608 lacks: replace (a look-alike or '?', with a diagnostic) or error."""

    @field_validator("start_offset")
    @classmethod
    def _timecode(cls, value: str) -> str:
        value = value.strip()
        parts = value.replace(";", ":").split(":")
        if len(parts) != 4 or not all(len(part) == 2 and part.isdigit() for part in parts):
            raise ValueError("expected a drop-frame time code HH:MM:SS;FF")
        hours, minutes, seconds, frames = (int(part) for part in parts)
        cea608.timecode_to_frame(hours, minutes, seconds, frames, drop=True)
        return value

    @property
    def offset_frames(self) -> int:
        """``start_offset`` as a 29.97 fps frame count."""
        hours, minutes, seconds, frames = (
            int(part) for part in self.start_offset.replace(";", ":").split(":")
        )
        return cea608.timecode_to_frame(hours, minutes, seconds, frames, drop=True)


def display(options: SccOptions) -> Display:
    """What the CEA-608 display shows (``WriterSpec.display``): rows of at most 32
    characters, captions of at most 4 rows (the roll-up window in roll-up mode), times in
    29.97 fps frames, and room for speaker labels. A limit the user set above it is an error,
    raised before anything is segmented."""
    rows = MAX_CAPTION_ROWS if options.caption_mode == "pop-on" else options.roll_up_rows
    return Display(
        name=f"CEA-608 {options.caption_mode} captions",
        max_chars_per_row=cea608.COLUMNS,
        max_rows=rows,
        frame_rate=29.97,
        frame_rates=(29.97,),
        frames_required=True,
        row_labels=options.speaker_labels,
    )


class _Encoder:
    """Row text to CEA-608 byte pairs, applying the unencodable policy."""

    def __init__(self, options: SccOptions, notes: list[Diagnostic]) -> None:
        self.replace = options.unencodable == "replace"
        self.notes = notes

    def characters(self, text: str, cue_index: int) -> list[tuple[int, ...]]:
        codes: list[tuple[int, ...]] = []
        replaced: list[str] = []
        for char in unicodedata.normalize("NFC", text):
            code = cea608.encode_char(char)
            if code is None:
                if not self.replace:
                    raise UnencodableError(
                        f"character {char!r} (U+{ord(char):04X}) is not in the CEA-608 "
                        "character set; pass unencodable='replace' to substitute it",
                        cue_index=cue_index,
                        char=char,
                    )
                stand_in = _stand_in(char)
                replaced.append(f"{char!r} -> {stand_in!r}")
                code = cea608.encode_char(stand_in)
                assert code is not None  # stand-ins are standard characters
            codes.append(code)
        if replaced:
            shown = ", ".join(dict.fromkeys(replaced))
            self.notes.append(
                Diagnostic(
                    code="scc-replaced",
                    cue_index=cue_index,
                    message=f"characters outside the CEA-608 set replaced: {shown}",
                )
            )
        return codes


def _stand_in(char: str) -> str:
    if char in _REPLACEMENTS:
        return _REPLACEMENTS[char]
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if len(base) == 1 and len(cea608.encode_char(base) or ()) == 1:
        return base
    return " " if char.isspace() else "?"


def _pairs(codes: list[tuple[int, ...]]) -> list[tuple[int, int]]:
    """Character codes to byte pairs: standard bytes two to a pair, each two-byte code on its
    own pair and doubled, a lone byte before it padded with a null."""
    pairs: list[tuple[int, int]] = []
    pending: int | None = None
    for code in codes:
        if len(code) == 3:  # extended: its standard fallback, then its two-byte code
            head: tuple[int, ...] = code[:1]
            double: tuple[int, ...] = code[1:]
        elif len(code) == 2:
            head, double = (), code
        else:
            head, double = code, ()
        for byte in head:
            if pending is None:
                pending = byte
            else:
                pairs.append((pending, byte))
                pending = None
        if double:
            if pending is not None:
                pairs.append((pending, 0x00))
                pending = None
            pairs += [(double[0], double[1])] * 2
    if pending is not None:
        pairs.append((pending, 0x00))
    return pairs


def _row_text(row: Row) -> str:
    text = row.text
    if row.label is not None:
        text = f"{row.label}: {text}"
    if row.chevrons:
        text = f">> {text}" if text else ">>"
    return text


def _position(length: int, options: SccOptions) -> tuple[int, int]:
    """(PAC indent, tab offset) of a row of ``length`` columns."""
    column = (cea608.COLUMNS - length) // 2 if options.justification == "center" else 0
    return column // 4 * 4, column % 4


def _row_words(
    row_number: int, text: str, options: SccOptions, encoder: _Encoder, cue_index: int
) -> list[tuple[int, int]]:
    codes = encoder.characters(text, cue_index)
    if len(codes) > cea608.COLUMNS:
        raise UnencodableError(
            f"row {text!r} has {len(codes)} characters; a CEA-608 row holds {cea608.COLUMNS}",
            cue_index=cue_index,
        )
    indent, tab = _position(len(codes), options)
    words = [cea608.pac(row_number, indent)] * 2
    if tab:
        words += [cea608.TAB_OFFSETS[tab]] * 2
    return words + _pairs(codes)


def _blocks(planned: Sequence[PlannedCue], options: SccOptions, encoder: _Encoder) -> list[Block]:
    offset = options.offset_frames
    frames = [
        (cea608.ms_to_frame(cue.start_ms) + offset, cea608.ms_to_frame(cue.end_ms) + offset)
        for cue in planned
    ]
    blocks: list[Block] = []
    for cue, (start, end) in zip(planned, fit_spans(frames), strict=True):
        texts = [_row_text(row) for row in cue.rows]
        if options.caption_mode == "roll-up":
            words: list[tuple[int, int]] = []
            anchor = 0
            for text in texts:
                words += [cea608.ROLL_UP[options.roll_up_rows]] * 2 + [cea608.CR] * 2
                row = _row_words(cea608.ROWS, text, options, encoder, cue.index)
                # Roll-up text shows as it arrives: the cue starts with its first character.
                anchor = anchor or len(words) + sum(1 for word in row if word[0] in _ADDRESS)
                words += row
            blocks.append(Block(cue.index, words, anchor, start, end))
            continue
        if len(texts) > MAX_CAPTION_ROWS:
            raise UnencodableError(
                f"{len(texts)} rows; a CEA-608 caption shows at most {MAX_CAPTION_ROWS}",
                cue_index=cue.index,
            )
        first_row = cea608.ROWS - len(texts) + 1 if options.region == "bottom" else 1
        words = [cea608.RCL, cea608.RCL, cea608.ENM, cea608.ENM]
        for number, text in enumerate(texts, start=first_row):
            words += _row_words(number, text, options, encoder, cue.index)
        words += [cea608.EOC, cea608.EOC]
        blocks.append(Block(cue.index, words, len(words) - 2, start, end))
    return blocks


def render(cues: Sequence[Cue], options: SccOptions, context: WriteContext) -> str:
    """The whole SCC file for ``cues`` (see :func:`write`)."""
    notes = context.diagnostics
    planned = plan(cues, options.speaker_labels, context)
    blocks = _blocks(planned, options, _Encoder(options, notes))
    stream = schedule(blocks, notes)
    lines: list[str] = []
    words: list[str] = []
    previous = -2
    for frame in sorted(stream):
        if frame > _LAST_FRAME:
            raise UnencodableError(
                "the captions run past 23:59:59;29, the last SCC time code",
                cue_index=blocks[-1].index if blocks else None,
            )
        if frame != previous + 1:
            if words:
                lines.append(" ".join(words))
            words = [cea608.frame_to_timecode(frame) + "\t" + cea608.word_hex(*stream[frame])]
        else:
            words.append(cea608.word_hex(*stream[frame]))
        previous = frame
    if words:
        lines.append(" ".join(words))
    return HEADER + "\n\n" + "".join(line + "\n\n" for line in lines)


def write(
    cues: Sequence[Cue],
    out: TextIO,
    options: SccOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as a Scenarist SCC file (CEA-608 captions, channel 1, 29.97 fps DF).

    Args:
        cues: the cues in time order (times in ms from the start of the media).
        out: a text stream; the file is ASCII.
        options: caption mode, layout, offset and speaker labels (``SccOptions()`` if None).
        context: speaker names, and where diagnostics go.

    Raises:
        UnencodableError: for a row over 32 characters, a caption over 4 rows, a character
            outside CEA-608 with ``unencodable="error"``, or a time past 23:59:59;29.
    """
    options = options or SccOptions()
    context = context or WriteContext()
    out.write(render(cues, options, context))


SPEC = WriterSpec(
    name="scc",
    extensions=(".scc",),
    takes="cues",
    binary=False,
    options=SccOptions,
    write=write,
    description="Scenarist SCC broadcast captions (CEA-608, pop-on or roll-up, 29.97 fps DF)",
    display=display,
)
