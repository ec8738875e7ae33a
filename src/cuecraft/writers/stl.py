"""EBU-STL writer (EBU Tech 3264-E): one 1024-byte GSI block, then 128-byte TTI blocks.

Spec summary, reader quirks and checklist: ../shared/docs/ebu-stl.md. What this writer does:

* **GSI**: every field from :class:`StlOptions` or computed (counts, TCF, MNC/MNR). Numbers are
  zero-padded digits, free text is space padded in the DOS code page ``code_page``. No clock is
  read: the creation date is an option with a fixed default, so output is byte-stable.
* **Times**: cue times (ms from programme start) become frames at the nominal rate of
  ``frame_rate`` (``round(ms * fps / 1000)``), plus ``start_of_programme`` (TCP). Rounding never
  makes a cue vanish or overlap: a cue lasts at least one frame, starts no earlier than the
  previous cue ends, and ends where the next one starts if it would run into it. Any cue moved
  by more than that rounding is reported as a ``stl-retimed`` diagnostic.
* **Teletext** (``display_standard="teletext"``, the default): each row is
  ``[0D double height] [colour] 0B 0B text [0A 0A]``: boxed (two start-box codes, as teletext
  requires), double height by default, the end-box pair only when it still fits the 40 cells.
  Rows are separated by ``8A 8A`` after double-height rows (``8A`` otherwise), and the
  subtitle is bottom-aligned: VP 22 for one double-height row, 20 for two. With the defaults a
  row holds 37 visible characters (40 cells minus ``0D 0B 0B``), 36 with ``speaker_colors``.
* **Open subtitling** (``display_standard="open"``): plain rows separated by ``8A``, no
  teletext codes (go-astisub rejects a whole open file that has any); VP counts rows on a grid
  of MNR rows, bottom row = MNR.
* **Text** is NFC-normalised; runs of spaces and tabs become one space (ttconv glues the words
  around a double space); a line break inside a line starts a new row.
  Characters are encoded in the chosen table (:mod:`cuecraft.formats.stl.iso6937`): accented Latin
  letters as diacritic prefix + base letter. A character the table lacks is an
  :class:`~cuecraft.errors.UnencodableError` naming the cue and the character, or, with
  ``unencodable="replace"``, its documented replacement plus a ``stl-replaced`` diagnostic for
  every cue and character replaced.
* **Extension blocks** carry a text field longer than 112 bytes (same SN, EBN 00, 01, ... and
  FF for the last). A diacritic prefix is never split from its letter; in that one case the
  non-final block ends with one ``8F``.
* Limits that make a cue impossible to write (a row wider than the display, more rows than
  the screen, a time past 23:59:59) raise :class:`~cuecraft.errors.UnencodableError` with the
  cue index. :func:`display` declares what the display holds and the default rules are
  fitted to it, so with default rules these never happen; a row limit the user set above
  what the display holds is a :class:`~cuecraft.errors.RulesError` before anything is segmented.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import BinaryIO, Final

from cuecraft._dates import today
from cuecraft.errors import OutputError, UnencodableError
from cuecraft.formats.stl.iso6937 import (
    CHARACTER_TABLES,
)
from cuecraft.formats.stl.layout import (
    DISPLAY_CODES,
    EBN_LAST,
    GSI,
    GSI_FIELDS,
    TELETEXT_COLUMNS,
    TELETEXT_ROWS,
    TTI,
)
from cuecraft.formats.stl.timecode import timecode_bytes
from cuecraft.model import Cue, Diagnostic
from cuecraft.timing import fit_spans, ms_to_frames
from cuecraft.writers._spec import WriteContext, WriterSpec
from cuecraft.writers._stl_options import (
    DEFAULT_CREATION_DATE,
    FREE_TEXT,
    TIMECODE,
    StlOptions,
    display,
    grid_rows,
    is_teletext,
    language_code,
    row_capacity,
    row_height,
)
from cuecraft.writers._stl_text import (
    Encoder,
    Subtitle,
    choose_table,
    cue_rows,
    encode_text_field,
    split_blocks,
)

__all__ = [
    "DEFAULT_CREATION_DATE",
    "SPEC",
    "StlOptions",
    "display",
    "language_code",
    "render",
    "row_capacity",
    "write",
]

MAX_SUBTITLES: Final = 0xFFFF
"""SN is two bytes."""

_JUSTIFICATION_CODES: Final = {"none": 0, "left": 1, "center": 2, "right": 3}
_MAX_TIMECODE_SECONDS: Final = 24 * 3600


_SIZES: Final[dict[str, int]] = dict(GSI_FIELDS)


def _frames(
    cues: Sequence[Cue], indices: Sequence[int], fps: int, notes: list[Diagnostic]
) -> list[tuple[int, int]]:
    """In/out frames for the cues written: rounded, at least one frame, never overlapping."""
    starts = [ms_to_frames(cues[i].start_ms, fps) for i in indices]
    ends = [ms_to_frames(cues[i].end_ms, fps) for i in indices]
    spans = fit_spans(list(zip(starts, ends, strict=True)))
    for k, (index, (start, end)) in enumerate(zip(indices, spans, strict=True)):
        if (start, end) != (starts[k], ends[k]):
            notes.append(
                Diagnostic(
                    code="stl-retimed",
                    cue_index=index,
                    message=f"frames {starts[k]}-{ends[k]} written as {start}-{end} so that "
                    "the subtitle lasts at least one frame and does not overlap its "
                    "neighbours",
                )
            )
    return spans


def _timecode_digits(frames: int, fps: int) -> str:
    """TCP/TCF of the GSI block: ``HHMMSSFF`` in ASCII digits."""
    return "".join(f"{part:02d}" for part in timecode_bytes(frames, fps))


def _free_text(value: str, size: int, codec: str) -> bytes:
    return value.encode(codec).ljust(size, b" ")


def _auto_title(title: str, codec: str, notes: list[Diagnostic]) -> str:
    """The conversion's title as OPT: characters the code page lacks become '?', and it is
    cut to 32 bytes, each reported (the user did not choose this text)."""
    fitted = title.encode(codec, errors="replace").decode(codec)
    if fitted != title:
        notes.append(
            Diagnostic(
                code="stl-title",
                message=f"programme title {title!r}: characters outside code page "
                f"{codec[2:]} written as '?'",
            )
        )
    if len(fitted) > _SIZES["OPT"]:
        notes.append(
            Diagnostic(
                code="stl-title",
                message=f"programme title {title!r} cut to its first {_SIZES['OPT']} "
                "characters (OPT holds 32)",
            )
        )
        fitted = fitted[: _SIZES["OPT"]]
    return fitted


def _yymmdd(day: date) -> str:
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"


def render(cues: Sequence[Cue], options: StlOptions, context: WriteContext) -> bytes:
    """The whole STL file for ``cues`` (see :func:`write`)."""
    notes = context.diagnostics
    fps = options.frame_rate
    subtitles: list[Subtitle] = []
    for index, cue in enumerate(cues):
        rows = cue_rows(cue)
        if not rows:
            notes.append(
                Diagnostic(code="stl-empty-cue", cue_index=index, message="no text; not written")
            )
            continue
        subtitles.append(Subtitle(index, rows))
    if len(subtitles) > MAX_SUBTITLES:
        raise OutputError(
            f"{len(subtitles)} subtitles; an EBU-STL file numbers at most {MAX_SUBTITLES}"
        )

    if options.character_table == "auto":
        table = choose_table(subtitles)
        if table != "latin":
            notes.append(
                Diagnostic(
                    code="stl-character-table",
                    severity="info",
                    message=f"character table {table} (CCT {CHARACTER_TABLES[table]}) chosen "
                    "for the text",
                )
            )
    else:
        table = options.character_table
    encoder = Encoder(table, replace=options.unencodable == "replace")

    tcp = TIMECODE.match(options.start_of_programme)
    assert tcp is not None  # validated by StlOptions
    hours, minutes, seconds, frame = (int(part) for part in tcp.groups())
    tcp_frames = ((hours * 60 + minutes) * 60 + seconds) * fps + frame
    limit = _MAX_TIMECODE_SECONDS * fps
    spans = _frames(cues, [sub.index for sub in subtitles], fps, notes)

    teletext = is_teletext(options)
    height = row_height(options)
    grid = grid_rows(options)
    colours: dict[str | None, int] = {}
    blocks: list[bytes] = []
    widest = 0
    first_in: int | None = None
    for number, (subtitle, (start, end)) in enumerate(zip(subtitles, spans, strict=True), start=1):
        if tcp_frames + end >= limit:
            raise UnencodableError(
                "ends after 23:59:59 in timecode (start_of_programme plus the cue's end); "
                "an STL timecode has no day",
                cue_index=subtitle.index,
            )
        text_field, row_width = encode_text_field(subtitle, options, encoder, colours)
        notes.extend(encoder.notes(subtitle.index))
        widest = max(widest, row_width)
        row_count = len(subtitle.rows)
        if options.vertical_position == "top":
            vertical = 1
        elif teletext:
            vertical = TELETEXT_ROWS + 1 - row_count * height
        else:
            vertical = grid - row_count + 1
        time_in = timecode_bytes(tcp_frames + start, fps)
        time_out = timecode_bytes(tcp_frames + end, fps)
        if first_in is None:
            first_in = tcp_frames + start
        chunks = split_blocks(text_field, table, subtitle.index)
        for position, chunk in enumerate(chunks):
            extension = EBN_LAST if position == len(chunks) - 1 else position
            blocks.append(
                TTI.pack(
                    0,  # SGN: one subtitle group
                    number,  # SN, from 1
                    extension,
                    0,  # CS: not a cumulative set
                    time_in,
                    time_out,
                    vertical,
                    _JUSTIFICATION_CODES[options.justification],
                    0,  # CF: subtitle text, not a comment
                    chunk,
                )
            )
    if len(blocks) > 99999:
        raise OutputError(f"{len(blocks)} TTI blocks; TNB holds at most 99999")

    if options.language_code is not None:
        language = options.language_code
    else:
        language = language_code(context.language) or "00"
        if context.language and language == "00":
            notes.append(
                Diagnostic(
                    code="stl-language",
                    severity="info",
                    message=f"language {context.language!r} has no EBU code; LC written as 00",
                )
            )
    codec = f"cp{options.code_page}"
    free_text = {gsi: getattr(options, name) or "" for name, gsi in FREE_TEXT.items()}
    if options.programme_title is None and context.title:
        free_text["OPT"] = _auto_title(context.title, codec, notes)
    if teletext:
        columns = options.max_displayable_chars or TELETEXT_COLUMNS
    else:
        columns = options.max_displayable_chars or max(TELETEXT_COLUMNS, widest)
    created = options.creation_date or today()
    revision = options.revision_date or created
    values: dict[str, bytes] = {
        "CPN": f"{options.code_page:03d}".encode(),
        "DFC": f"STL{fps}.01".encode(),
        "DSC": DISPLAY_CODES[options.display_standard].encode(),
        "CCT": CHARACTER_TABLES[table].encode(),
        "LC": language.encode(),
        "CD": _yymmdd(created).encode(),
        "RD": _yymmdd(revision).encode(),
        "RN": f"{options.revision_number:02d}".encode(),
        "TNB": f"{len(blocks):05d}".encode(),
        "TNS": f"{len(subtitles):05d}".encode(),
        "TNG": b"001" if subtitles else b"000",
        "MNC": f"{columns:02d}".encode(),
        "MNR": f"{grid:02d}".encode(),
        "TCS": b"1" if options.timecodes_for_use else b"0",
        "TCP": _timecode_digits(tcp_frames, fps).encode(),
        "TCF": _timecode_digits(first_in if first_in is not None else tcp_frames, fps).encode(),
        "TND": b"1",
        "DSN": b"1",
        "CO": (options.country or "").encode().ljust(3, b" "),
    }
    for gsi, text in free_text.items():
        values[gsi] = _free_text(text, _SIZES[gsi], codec)
    header = GSI.pack(*(values.get(name, b"").ljust(size, b" ") for name, size in GSI_FIELDS))
    return header + b"".join(blocks)


def write(
    cues: Sequence[Cue],
    out: BinaryIO,
    options: StlOptions | None = None,
    context: WriteContext | None = None,
) -> None:
    """Write cues as an EBU-STL file.

    Args:
        cues: the cues in time order (times in ms from programme start).
        out: a binary stream.
        options: GSI fields and layout (``StlOptions()`` when None).
        context: the transcript's language and title, and where diagnostics go.

    Raises:
        UnencodableError: a character outside the character table (unless
            ``unencodable="replace"``), or a cue the display cannot show (too wide, too many
            rows, past 23:59:59); ``cue_index`` says which.
        OutputError: more subtitles or blocks than the GSI counters hold.
    """
    options = options or StlOptions()
    context = context or WriteContext()
    out.write(render(cues, options, context))


SPEC = WriterSpec(
    name="stl",
    extensions=(".stl",),
    takes="cues",
    binary=True,
    options=StlOptions,
    write=write,
    description="EBU-STL (EBU Tech 3264) binary subtitles, teletext or open",
    display=display,
)
