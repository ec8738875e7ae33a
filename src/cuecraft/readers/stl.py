"""EBU-STL reader (EBU Tech 3264-E): STL bytes back to cues and to a word-timed Transcript.

Layouts are shared with the writer (:mod:`cuecraft.formats.stl.layout`), and so are the
character tables (:mod:`cuecraft.formats.stl.iso6937`) and time codes
(:mod:`cuecraft.formats.stl.timecode`). Spec notes: ../shared/docs/ebu-stl.md.

How a file is read:

* **Times**: timecodes are labels at the nominal rate of the DFC (``STL25.01`` -> 25,
  ``STL30.01`` -> 30; go-astisub's reading, and the one our writer uses), so
  ``HH:MM:SS:FF`` is ``HH:MM:SS`` plus ``FF/fps`` seconds. By default the programme start (TCP)
  is subtracted (``time_origin="tcp"``): a file written with ``start_of_programme=10:00:00:00``
  reads back at the cue times it was written from. ``time_origin="zero"`` keeps the timecodes
  as they are; a timecode ``"HH:MM:SS:FF"`` subtracts that instead. ttconv reads
  ``STL30.01`` as 29.97 fps *drop-frame* timecode, so past the first minute its times drift
  from ours (and from go-astisub's) by 2 frames a minute, 3.6 s an hour. A time code with
  hours over 23, minutes or seconds over 59 or frames at or above the rate (``99:99:99:99``)
  is an error with its block number; ``strict=False`` times that subtitle from its
  neighbours instead (TCI = the previous subtitle's TCO, TCO = the next subtitle's TCI).
* **Parts** (broadcast files joined together): subtitles are read in file order, and the file
  is cut into *parts* where its time code jumps: back by more than
  :data:`~cuecraft.readers._stl_timeline.SPLICE_SECONDS` (a second part or reel appended,
  the time code restarting), across the programme start (subtitles before TCP, then after
  it, or the other way round), or at a second GSI block inside the file (another STL file
  appended whole; its own TCP is that part's origin). The first part counts from the origin;
  every later part keeps its own spacing and starts where the parts before it ended, plus its
  lead-in from its origin. A part before the origin has none of its own: it counts from the
  top of the hour of its first time code if that is less than 10 minutes earlier (reels and
  parts start on the hour; a restart at 00:00:00:00), else from its first subtitle. So nothing
  is skipped and word order is file order;
  each cut is a ``stl-part`` warning naming the block, the jump and where the part was
  placed. A single subtitle that jumps away while the next one goes on from the previous one
  is a typo, not a part: it keeps its place in the file, between its neighbours
  (``stl-timecode-slip``). Smaller disorder inside a part (a jump back of at most
  ``SPLICE_SECONDS``) is sorted by time code in (``stl-order``).
* **Text**: every control code (teletext attributes ``00h``-``1Fh``, open style codes
  ``80h``-``85h``) occupies a cell and so separates words; runs of ``8Ah`` are one row break
  (double-height rows are followed by two); rows are stripped and runs of spaces collapse to
  one; rows with no text are dropped. Extension blocks are joined; in each block the text ends
  at its first ``8Fh`` (as in ttconv; anything but ``8Fh`` after it is a diagnostic).
  Teletext attributes (colours, double height, boxing, flash, mosaics) and open style codes
  are deliberately not kept: only their cell, as a space. Colours are not mapped to speakers.
* **Left out** with a diagnostic: comment subtitles (CF 1, not for transmission), user-data
  and reserved blocks (EBN FEh, F0h-FDh), subtitles with no text.
* **Cumulative sets** (CS 1-3): each subtitle of the set becomes its own cue, ending where the
  next one of the set starts (its rows stay on screen in the file's intent; a transcript only
  needs when each was said).
* **Words**: each cue's rows are split at whitespace (a no-break space too), and the cue's
  time is shared among its words in proportion to their length in characters, counting one
  character for each space between words: a word starts at
  ``start + duration * (characters before it) / (all characters)``. When a cue overlaps the
  next one, its words are spread only up to the next cue's start, so
  word starts never go backwards. No speakers are inferred (dashes stay in the text).

Sloppy but clear files are read with diagnostics instead of failing: space-padded or invalid
GSI numbers, wrong TNB/TNS counts, an unknown language or table code, gaps in extension
numbers, a chain without its last block, a TCO not after its TCI (zero-length cue). Unknown
bytes in the text become U+FFFD with a diagnostic. A file that is too short, has an unknown
disk format code (frame rate), is cut inside a TTI block, or has an impossible timecode
raises :class:`~cuecraft.errors.InputError` with the block number (0 = the GSI block, TTI
blocks from 1) and the byte offset (in the file); ``strict=False`` turns all but the first
into diagnostics (25 fps is assumed, the partial block is ignored).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from cuecraft.errors import InputError
from cuecraft.formats.stl.iso6937 import CHARACTER_TABLES, TableName
from cuecraft.formats.stl.layout import (
    DFC,
    DISPLAY_CODES,
    GSI,
    GSI_FIELDS,
    GSI_SIZE,
    LANGUAGE_TAGS,
    TTI_SIZE,
    gsi_offset,
    is_gsi,
)
from cuecraft.formats.stl.timecode import NOMINAL_RATES, TIMECODE, format_timecode, parse_timecode
from cuecraft.model import Cue, Diagnostic, Line, Transcript
from cuecraft.readers._spec import RawCue, ReaderSpec, WordDraft, assemble
from cuecraft.readers._stl_blocks import BlockReader
from cuecraft.readers._stl_timeline import Subtitle, check_times, place
from cuecraft.timing import frames_to_ms

__all__ = ["SPEC", "StlDocument", "nominal_frame_rate", "parse", "read", "read_cues", "sniff"]

_TABLES: Final[dict[str, TableName]] = {code: name for name, code in CHARACTER_TABLES.items()}
_DISPLAY: Final = {code: name for name, code in DISPLAY_CODES.items()} | {" ": "undefined"}


@dataclass(frozen=True)
class StlDocument:
    """A parsed STL file.

    Attributes:
        header: the GSI fields by their spec names (``"OPT"``, ``"TCP"``...), decoded in the
            file's code page, trailing spaces removed.
        frame_rate: nominal frames per second of the timecodes (25 or 30 in the spec).
        display_standard: ``open``, ``teletext``, ``teletext-level-2`` or ``undefined``.
        character_table: the table the text was decoded with.
        origin_ms: the time subtracted from every timecode (TCP by default).
        cues: the subtitles as cues, times in ms from ``origin_ms``, rows as lines whose word
            spans index ``transcript.words``.
        transcript: the words, or None when the file has no text at all.
        diagnostics: everything tolerated or repaired.
    """

    header: dict[str, str]
    frame_rate: int
    display_standard: str
    character_table: TableName
    origin_ms: int
    cues: list[Cue]
    transcript: Transcript | None
    diagnostics: tuple[Diagnostic, ...] = field(default=())


def nominal_frame_rate(data: bytes) -> int | None:
    """The frame rate the time codes are counted at, from the GSI DFC; None when unknown."""
    match = DFC.match(data[3:11])
    return NOMINAL_RATES.get(match.group(1)) if match else None


def sniff(data: Any) -> bool:
    """A GSI block: three code page digits, then a disk format code like ``STL25.01``."""
    return isinstance(data, bytes) and is_gsi(data)


class _Reader(BlockReader):
    """The GSI half of the reader (the TTI half is :class:`BlockReader`)."""

    def header(self) -> dict[str, str]:
        if len(self.data) < GSI_SIZE:
            raise self.fail(
                f"file is {len(self.data)} bytes; an EBU-STL file starts with a "
                f"{GSI_SIZE}-byte GSI block",
                block=0,
                offset=len(self.data),
            )
        raw = GSI.unpack(self.data[:GSI_SIZE])
        codec = "cp850"
        code_page = raw[0].decode("ascii", errors="replace").strip()
        if code_page in ("437", "850", "860", "863", "865"):
            codec = f"cp{code_page}"
        elif code_page:
            self.note("stl-code-page", f"unknown code page {code_page!r}; read as 850", block=0)
        return {
            name: value.decode(codec, errors="replace").rstrip(" \x00")
            for (name, _), value in zip(GSI_FIELDS, raw, strict=True)
        }

    def number(self, header: dict[str, str], name: str) -> int | None:
        """A numeric GSI field; space padding and junk are tolerated with a diagnostic."""
        raw = self.data[gsi_offset(name) : gsi_offset(name) + dict(GSI_FIELDS)[name]]
        text = raw.decode("ascii", errors="replace")
        if text.isdigit():
            return int(text)
        stripped = text.strip()
        if stripped.isdigit():
            self.note(
                "stl-space-padded",
                f"GSI {name} {text!r} is padded with spaces instead of zeros",
                block=0,
            )
            return int(stripped)
        if stripped:
            self.note("stl-gsi-number", f"GSI {name} {text!r} is not a number; ignored", block=0)
        return None

    def frame_rate(self) -> int:
        match = DFC.match(self.data[3:11])
        rate = nominal_frame_rate(self.data)
        if rate is None:
            message = f"unknown disk format code {self.data[3:11]!r}; expected STL25.01 or STL30.01"
            if self.strict:
                raise self.fail(message, block=0, offset=3)
            self.note("stl-frame-rate", message + "; read as 25 fps", block=0)
            return 25
        if match is not None and match.group(1) not in (b"25", b"30"):
            self.note(
                "stl-frame-rate",
                f"{self.data[3:11].decode()} is not in EBU Tech 3264; timecodes read at "
                f"{rate} frames a second",
                block=0,
            )
        return rate

    def table(self, header: dict[str, str]) -> TableName:
        code = header["CCT"].strip()
        table = _TABLES.get(code)
        if table is None:
            self.note(
                "stl-character-table", f"unknown character table {code!r}; read as Latin", block=0
            )
            return "latin"
        return table


def _origin(time_origin: str, tcp: str, fps: int, reader: _Reader) -> int:
    if time_origin == "zero":
        return 0
    text = tcp if time_origin == "tcp" else time_origin
    frames = parse_timecode(text, fps)
    if frames is not None:
        return frames
    if time_origin != "tcp":
        raise ValueError(f"time_origin {text!r} is not a timecode at {fps} fps")
    if text.strip():
        reader.note("stl-tcp", f"GSI TCP {text!r} is not a timecode; times kept as they are")
    return 0


def _interpolate(words: Sequence[str], start: int, end: int) -> list[tuple[int, int]]:
    """Word times inside [start, end] in proportion to character length (spaces count 1)."""
    total = sum(len(word) for word in words) + len(words) - 1
    duration = end - start
    times: list[tuple[int, int]] = []
    position = 0
    for word in words:
        times.append(
            (
                start + duration * position // total,
                start + duration * (position + len(word)) // total,
            )
        )
        position += len(word) + 1
    return times


def parse(
    data: bytes, *, source: str = "<bytes>", strict: bool = True, time_origin: str = "tcp"
) -> StlDocument:
    """Read an EBU-STL file completely.

    Args:
        data: the file's bytes.
        source: a label for errors and diagnostics.
        strict: when False, a truncated last block and impossible timecodes become
            diagnostics too.
        time_origin: ``"tcp"`` (subtract the GSI programme start), ``"zero"`` (keep the
            timecodes), or a timecode ``"HH:MM:SS:FF"`` to subtract.

    Raises:
        InputError: a file too short for its GSI block, an unknown frame rate, a TTI block cut
            short, an impossible timecode (the last three only when ``strict``); ``block`` and
            ``offset`` say where.
    """
    if time_origin not in ("tcp", "zero") and not TIMECODE.match(time_origin.strip()):
        raise InputError(
            f"time_origin must be 'tcp', 'zero' or HH:MM:SS:FF, got {time_origin!r}",
            source=source,
        )
    reader = _Reader(data, source, strict)
    header = reader.header()
    fps = reader.frame_rate()
    table = reader.table(header)
    display = _DISPLAY.get(header["DSC"][:1] or " ", "undefined")
    for name in ("RN", "TNG", "MNC", "MNR"):
        reader.number(header, name)
    blocks = reader.number(header, "TNB")
    declared = reader.number(header, "TNS")
    try:
        origin = _origin(time_origin, header["TCP"], fps, reader)
    except ValueError as exc:
        raise InputError(str(exc), source=source) from None

    subtitles = reader.subtitles(lambda tcp: _origin(time_origin, tcp, fps, reader))
    count = max(0, (len(data) - GSI_SIZE) // TTI_SIZE)
    if blocks is not None and blocks != count:
        reader.note("stl-count", f"GSI TNB says {blocks} TTI blocks; the file has {count}")
    if declared is not None and declared != len(subtitles):
        reader.note(
            "stl-count", f"GSI TNS says {declared} subtitles; the file has {len(subtitles)}"
        )
    if len({sub.group for sub in subtitles}) > 1:
        reader.note("stl-groups", "several subtitle groups (SGN); all are read, in file order")

    kept: list[Subtitle] = []
    carried: int | None = None  # a second GSI block's origin passes to the next kept subtitle
    for subtitle in subtitles:
        if subtitle.part_origin is not None:
            carried = subtitle.part_origin
        if subtitle.comment:
            reader.note(
                "stl-comment", "comment (CF 1) skipped", block=subtitle.block, severity="info"
            )
            continue
        subtitle.rows = reader.rows(subtitle, table)
        if not subtitle.rows:
            reader.note("stl-empty", "subtitle with no text skipped", block=subtitle.block)
            continue
        subtitle.part_origin, carried = carried, None
        kept.append(subtitle)
    offsets = {sub.block: GSI_SIZE + (sub.block - 1) * TTI_SIZE for sub in kept}
    check_times(kept, fps, origin, strict=strict, source=source, offsets=offsets, note=reader.note)
    for subtitle in kept:
        if subtitle.time_out <= subtitle.time_in:
            reader.note(
                "stl-zero-duration",
                f"time code out {format_timecode(subtitle.time_out, fps)} is not after time "
                f"code in {format_timecode(subtitle.time_in, fps)}; read as a zero-length cue",
                block=subtitle.block,
            )
            subtitle.time_out = subtitle.time_in
    origin_name = "programme start (TCP)" if time_origin == "tcp" else "time origin"
    kept = place(kept, origin, fps, reader.note, origin_name=origin_name)
    if any(sub.cumulative for sub in kept):
        reader.note(
            "stl-cumulative",
            "cumulative set: each subtitle becomes a cue ending where the next one starts",
            severity="info",
        )
        for current, following in itertools.pairwise(kept):
            if current.cumulative in (1, 2) and following.cumulative in (2, 3):
                current.end = max(current.start, min(current.end, following.start))

    drafts: list[WordDraft] = []
    layout: list[tuple[int, int, list[tuple[str, int, int]]]] = []
    for position, subtitle in enumerate(kept):
        start = frames_to_ms(subtitle.start, fps)
        end = frames_to_ms(subtitle.end, fps)
        limit = end
        if position + 1 < len(kept):
            next_start = frames_to_ms(kept[position + 1].start, fps)
            limit = max(start, min(end, next_start))
        words = [word for row in subtitle.rows for word in row.split(" ")]
        times = _interpolate(words, start, limit)
        cue_first = len(drafts)
        spans: list[tuple[str, int, int]] = []
        for row in subtitle.rows:
            first = len(drafts)
            for word in row.split(" "):
                word_start, word_end = times[len(drafts) - cue_first]
                drafts.append(
                    WordDraft(
                        text=word,
                        start=word_start,
                        end=word_end,
                        pointer=f"/tti/{subtitle.block}",
                        unit="ms",
                    )
                )
            spans.append((row, first, len(drafts)))
        layout.append((start, end, spans))
    code = header["LC"].strip().upper()
    language = LANGUAGE_TAGS.get(code)
    if language is None and code not in ("", "00"):
        reader.note("stl-language", f"unknown language code {code!r}", block=0, severity="info")
    transcript: Transcript | None = None
    if drafts:
        transcript = assemble(
            drafts,
            source=source,
            reader="stl",
            strict=strict,
            language=language,
            metadata={
                "frame_rate": fps,
                "display_standard": display,
                "character_table": table,
                "language_code": header["LC"],
                "programme_title": header["OPT"],
                "episode_title": header["OET"],
                "subtitle_list_reference": header["SLR"],
                "start_of_programme": header["TCP"],
                "country": header["CO"],
                "creation_date": header["CD"],
            },
            diagnostics=reader.notes,
        )
    cues = [
        Cue(
            start_ms=start,
            end_ms=end,
            lines=tuple(Line(text=text, first=first, stop=stop) for text, first, stop in spans),
        )
        for start, end, spans in layout
    ]
    return StlDocument(
        header=header,
        frame_rate=fps,
        display_standard=display,
        character_table=table,
        origin_ms=frames_to_ms(origin, fps),
        cues=cues,
        transcript=transcript,
        diagnostics=transcript.diagnostics if transcript is not None else tuple(reader.notes),
    )


def read_cues(
    data: bytes, *, source: str = "<bytes>", strict: bool = True, time_origin: str = "tcp"
) -> list[Cue]:
    """The subtitles of an STL file as cues: times in ms (from the programme start by
    default) and one line per displayed row, with word spans over :func:`read`'s transcript.

    Raises:
        InputError: as :func:`parse`.
    """
    return parse(data, source=source, strict=strict, time_origin=time_origin).cues


def _rows_as_shown(data: bytes, *, source: str) -> list[RawCue]:
    """:func:`read_cues` (strict) as ``(start_ms, end_ms, rows)``: what ``cuecraft check``
    measures."""
    return [
        (cue.start_ms, cue.end_ms, tuple(line.text for line in cue.lines))
        for cue in read_cues(data, source=source)
    ]


def read(data: bytes, *, source: str, strict: bool = True, time_origin: str = "tcp") -> Transcript:
    """Read an STL file as a word-timed transcript (word times interpolated in each cue).

    Raises:
        InputError: as :func:`parse`, and for a file with no subtitle text at all.
    """
    document = parse(data, source=source, strict=strict, time_origin=time_origin)
    if document.transcript is None:
        raise InputError("the STL file has no subtitle text", source=source)
    return document.transcript


SPEC = ReaderSpec(
    name="stl",
    kind="binary",
    extensions=(".stl",),
    sniff=sniff,
    read=read,
    description="EBU-STL (EBU Tech 3264) binary subtitles; word times interpolated per cue",
    options=("time_origin",),
    read_cues=_rows_as_shown,
    frame_rate=nominal_frame_rate,
)
