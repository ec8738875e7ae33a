"""The EBU-STL writer: GSI/TTI layout, ttconv read-back, timing, encoding, limits, properties."""

from __future__ import annotations

import io
import struct
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft import api
from cuecraft.errors import OutputError, RulesError, UnencodableError
from cuecraft.formats.stl.iso6937 import representable
from cuecraft.formats.stl.layout import GSI, GSI_FIELDS, TTI
from cuecraft.model import Cue, Line, Transcript, Word
from cuecraft.readers.stl import parse
from cuecraft.segment.fit import fit_rules
from cuecraft.segment.rules import Rules
from cuecraft.timing import frames_to_ms, ms_to_frames
from cuecraft.writers import WriteContext, get_writer
from cuecraft.writers.stl import SPEC, StlOptions, display, row_capacity, write
from tests.conftest import CORPUS
from tests.strategies import transcripts
from tests.writers._subtitles import ttconv_rows

# -- helpers -----------------------------------------------------------------------------------


def cue(start_ms: int, end_ms: int, *rows: str | tuple[str, str | None]) -> Cue:
    """A cue from row texts (or ``(text, speaker)`` pairs); word spans are made up."""
    lines = []
    for index, row in enumerate(rows):
        text, speaker = (row, None) if isinstance(row, str) else row
        lines.append(Line(text=text, first=index, stop=index + 1, speaker=speaker))
    return Cue(start_ms=start_ms, end_ms=end_ms, lines=tuple(lines))


def render(
    cues: Sequence[Cue],
    options: StlOptions | None = None,
    *,
    language: str | None = None,
    title: str | None = None,
) -> tuple[bytes, WriteContext]:
    context = WriteContext(language=language, title=title)
    out = io.BytesIO()
    write(cues, out, options or StlOptions(), context)
    return out.getvalue(), context


def gsi(data: bytes) -> dict[str, bytes]:
    return dict(zip((name for name, _ in GSI_FIELDS), GSI.unpack(data[:1024]), strict=True))


def tti(data: bytes) -> list[dict[str, Any]]:
    names = ("SGN", "SN", "EBN", "CS", "TCI", "TCO", "VP", "JC", "CF", "TF")
    return [
        dict(zip(names, TTI.unpack(data[offset : offset + 128]), strict=True))
        for offset in range(1024, len(data), 128)
    ]


@dataclass(frozen=True)
class TtconvCue:
    """What ttconv (Sandflow's independent STL reader) shows: time codes and rows."""

    begin: Fraction
    end: Fraction
    lines: tuple[str, ...]

    def frames(self, fps: Fraction) -> tuple[int, int]:
        begin, end = self.begin * fps, self.end * fps
        assert begin.denominator == 1, begin
        assert end.denominator == 1, end
        return int(begin), int(end)


def ttconv_fps(data: bytes) -> Fraction:
    # ttconv's own reading of DFC: STL30.01 is 30000/1001 (drop-frame), STL25.01 is 25.
    return Fraction(30000, 1001) if data[3:11] == b"STL30.01" else Fraction(25)


def ttconv_cues(data: bytes, *, relative_to_tcp: bool = True) -> list[TtconvCue]:
    """The subtitles ttconv reads from ``data``, empty ones left out.

    ttconv ignores the comment flag (CF), so comment blocks are removed first.
    """
    pytest.importorskip("ttconv")
    from ttconv.stl.config import STLReaderConfiguration
    from ttconv.stl.reader import to_model

    blocks = [data[offset : offset + 128] for offset in range(1024, len(data), 128)]
    kept = b"".join(block for block in blocks if block[15] == 0)
    config = STLReaderConfiguration(program_start_tc="TCP" if relative_to_tcp else None)
    document = to_model(io.BytesIO(data[:1024] + kept), config)

    cues = []
    body = document.get_body()
    for div in body or ():
        for paragraph in div:
            lines = tuple(ttconv_rows(paragraph))
            if any(line.strip() for line in lines):
                cues.append(TtconvCue(paragraph.get_begin(), paragraph.get_end(), lines))
    return cues


# Accented Latin text of six languages, each row within 37 characters, no `$` (ttconv reads the
# spec's A4h as ¤), no ― or Đ (ttconv decodes D0h/E2h as — and Ð).
LANGUAGE_SAMPLES: dict[str, list[tuple[str, ...]]] = {
    "fr": [
        ("Ça coûte cher, à côté de l'église.", "Où est la fenêtre ? dit Zoë."),
        ("« Bien sûr », l'œuvre d'Hélène.",),
    ],
    "de": [
        ("Größe über Äpfel, Öl und Übermut.", "Die Straße ist schön."),
        ("Schöne Grüße aus Köln!",),
    ],
    "es": [("¿Dónde está el niño?", "¡Qué año, señora Muñoz!"), ("La canción del pingüino.",)],
    "nl": [("Het café in Zeeuws-Vlaanderen:", "één ĳsje, geëerd en naïef."), ("Tot ziens!",)],
    "pl": [("Zażółć gęślą jaźń.", "Łódź, Kraków i Gdańsk."), ("Źdźbło, ćma i żółw.",)],
    "cs": [
        ("Příliš žluťoučký kůň", "úpěl ďábelské ódy."),
        ("Čeština, Škoda a Řeřicha.",),
    ],
    "ru": [("Привет, мир! Съешь же ещё", "этих мягких французских булок."), ("Ёлка и щука.",)],
    "el": [("Γειά σου, κόσμε!", "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία."), ("Καλημέρα.",)],
}


def sample_cues(language: str) -> list[Cue]:
    cues = []
    clock = 1000
    for rows in LANGUAGE_SAMPLES[language]:
        cues.append(cue(clock, clock + 2480, *rows))
        clock += 3000
    return cues


# -- layout -----------------------------------------------------------------------------------


def test_worked_example_block_is_byte_identical_to_the_spec_example() -> None:
    # ebu-stl.md §9: SN 2 of the steering file, white text (speaker_colors writes 07h).
    path = CORPUS / "stl" / "steering_known_good_teletext.stl"
    if not path.is_file():
        pytest.skip(f"shared corpus not found at {path}")
    reference = path.read_bytes()
    cues = [
        cue(1000, 3000, "Hello world."),
        cue(3520, 6040, "- Where are you going?", "- To the café in Zürich."),
    ]
    data, _ = render(
        cues, StlOptions(start_of_programme="10:00:00:00", speaker_colors=True), language="en"
    )
    assert data[1024 + 128 : 1024 + 256] == reference[1024 + 128 : 1024 + 256]
    assert data[1024:1152] == reference[1024:1152]


def test_gsi_fields() -> None:
    options = StlOptions(
        programme_title="Test programme",
        episode_title="Épisode 1",
        translator_name="Ann Translator",
        subtitle_list_reference="REF-001",
        publisher="Cuecraft",
        country="gbr",
        creation_date=date(2025, 1, 31),
        revision_date=date(2025, 2, 3),
        revision_number=2,
        start_of_programme="10:00:00:00",
    )
    cues = [cue(1000, 3000, "Hello world."), cue(3520, 6040, "Two", "rows")]
    data, context = render(cues, options, language="en-GB")
    header = gsi(data)
    assert len(data) == 1024 + 2 * 128
    assert header["CPN"] == b"850"
    assert header["DFC"] == b"STL25.01"
    assert header["DSC"] == b"1"
    assert header["CCT"] == b"00"
    assert header["LC"] == b"09"
    assert header["OPT"] == b"Test programme".ljust(32)
    assert header["OET"] == "Épisode 1".encode("cp850").ljust(32)
    assert header["TN"] == b"Ann Translator".ljust(32)
    assert header["SLR"] == b"REF-001".ljust(16)
    assert header["PUB"] == b"Cuecraft".ljust(32)
    assert (header["CD"], header["RD"], header["RN"]) == (b"250131", b"250203", b"02")
    assert (header["TNB"], header["TNS"], header["TNG"]) == (b"00002", b"00002", b"001")
    assert (header["MNC"], header["MNR"]) == (b"40", b"23")
    assert (header["TCS"], header["TCP"], header["TCF"]) == (b"1", b"10000000", b"10000100")
    assert (header["TND"], header["DSN"], header["CO"]) == (b"1", b"1", b"GBR")
    assert header["SPARE"] == b" " * 75
    assert header["UDA"] == b" " * 576
    assert context.diagnostics == []


def test_defaults_are_deterministic_and_take_title_and_language_from_the_context() -> None:
    cues = [cue(0, 1000, "Hej")]
    first, _ = render(cues, language="sv", title="interview")
    second, _ = render(cues, language="sv", title="interview")
    assert first == second
    header = gsi(first)
    assert header["CD"] == header["RD"] == b"000101"
    assert header["LC"] == b"28"
    assert header["OPT"] == b"interview".ljust(32)
    assert header["CO"] == b"   "
    assert header["TCP"] == b"00000000"


def test_unknown_language_is_00_with_a_note() -> None:
    data, context = render([cue(0, 1000, "Hi")], language="xx-YY")
    assert gsi(data)["LC"] == b"00"
    assert [note.code for note in context.diagnostics] == ["stl-language"]


def test_long_automatic_title_is_cut_with_a_note() -> None:
    data, context = render([cue(0, 1000, "Hi")], title="A" * 40 + "€")
    assert gsi(data)["OPT"] == b"A" * 32
    assert [note.code for note in context.diagnostics] == ["stl-title", "stl-title"]


def test_tti_fields_teletext() -> None:
    cues = [cue(1000, 3000, "One row"), cue(4000, 6000, "Two", "rows")]
    blocks = tti(render(cues)[0])
    assert [block["SN"] for block in blocks] == [1, 2]
    assert [block["EBN"] for block in blocks] == [0xFF, 0xFF]
    assert [block["CS"] for block in blocks] == [0, 0]
    assert [block["CF"] for block in blocks] == [0, 0]
    assert [block["SGN"] for block in blocks] == [0, 0]
    assert [block["VP"] for block in blocks] == [22, 20]
    assert [block["JC"] for block in blocks] == [2, 2]
    assert blocks[0]["TCI"] == bytes([0, 0, 1, 0])
    assert blocks[1]["TCO"] == bytes([0, 0, 6, 0])
    assert blocks[1]["TF"].rstrip(b"\x8f") == (
        b"\x0d\x0b\x0bTwo\x0a\x0a\x8a\x8a\x0d\x0b\x0brows\x0a\x0a"
    )


def test_row_of_37_characters_fits_without_end_box() -> None:
    row = "x" * 37
    text = tti(render([cue(0, 1000, row)])[0])[0]["TF"].rstrip(b"\x8f")
    assert text == b"\x0d\x0b\x0b" + row.encode()
    assert len(text) == 40


def test_normal_height_and_top_position() -> None:
    options = StlOptions(double_height=False, vertical_position="top", justification="left")
    block = tti(render([cue(0, 1000, "a", "b")], options)[0])[0]
    assert block["TF"].rstrip(b"\x8f") == b"\x0b\x0ba\x0a\x0a\x8a\x0b\x0bb\x0a\x0a"
    assert (block["VP"], block["JC"]) == (1, 1)
    options = StlOptions(double_height=False)
    assert [b["VP"] for b in tti(render([cue(0, 1000, "a", "b")], options)[0])] == [22]


def test_open_subtitles_have_no_teletext_codes() -> None:
    options = StlOptions(display_standard="open", justification="none")
    data, _ = render([cue(0, 1000, "Première ligne", "second row")], options)
    block = tti(data)[0]
    assert block["TF"].rstrip(b"\x8f") == b"Premi\xc1ere ligne\x8asecond row"
    assert (block["VP"], block["JC"]) == (22, 0)
    header = gsi(data)
    assert (header["DSC"], header["MNC"], header["MNR"]) == (b"0", b"40", b"23")


def test_open_subtitles_declare_the_longest_row_as_mnc() -> None:
    options = StlOptions(display_standard="open")
    data, _ = render([cue(0, 1000, "x" * 55)], options)
    assert gsi(data)["MNC"] == b"55"


def test_speaker_colours_follow_order_of_appearance() -> None:
    cues = [cue(0, 1000, ("Hi", "a"), ("Yo", "b")), cue(2000, 3000, ("Hey", None), ("Ok", "a"))]
    blocks = tti(render(cues, StlOptions(speaker_colors=True))[0])
    first = blocks[0]["TF"].rstrip(b"\x8f").split(b"\x8a\x8a")
    second = blocks[1]["TF"].rstrip(b"\x8f").split(b"\x8a\x8a")
    assert [row[:2] for row in first] == [b"\x0d\x07", b"\x0d\x03"]
    assert [row[:2] for row in second] == [b"\x0d\x06", b"\x0d\x07"]


def test_whitespace_is_normalised_and_line_breaks_start_rows() -> None:
    data, _ = render(
        [cue(0, 1000, "two  spaces\tand\na break")], StlOptions(display_standard="open")
    )
    assert tti(data)[0]["TF"].rstrip(b"\x8f") == b"two spaces and\x8aa break"


def test_empty_cue_is_skipped_with_a_note() -> None:
    data, context = render([cue(0, 1000, "  "), cue(2000, 3000, "text")])
    assert [block["SN"] for block in tti(data)] == [1]
    assert [(note.code, note.cue_index) for note in context.diagnostics] == [("stl-empty-cue", 0)]


def test_no_cues_is_a_header_only_file() -> None:
    data, _ = render([], StlOptions(start_of_programme="10:00:00:00"))
    header = gsi(data)
    assert len(data) == 1024
    assert (header["TNB"], header["TNS"], header["TNG"]) == (b"00000", b"00000", b"000")
    assert header["TCF"] == header["TCP"] == b"10000000"


# -- timing -----------------------------------------------------------------------------------


def test_times_round_to_frames_and_offset_by_tcp() -> None:
    options = StlOptions(start_of_programme="10:00:00:00")
    blocks = tti(render([cue(1019, 2021, "a"), cue(3999, 61_000, "b")], options)[0])
    assert blocks[0]["TCI"] == bytes([10, 0, 1, 0])  # 1019 ms -> frame 25.475 -> 25
    assert blocks[0]["TCO"] == bytes([10, 0, 2, 1])  # 2021 ms -> frame 50.5 -> 51
    assert blocks[1]["TCI"] == bytes([10, 0, 4, 0])
    assert blocks[1]["TCO"] == bytes([10, 1, 1, 0])


def test_zero_frame_and_overlapping_cues_are_repaired_and_reported() -> None:
    cues = [cue(1000, 1000, "zero"), cue(1010, 2000, "same frame"), cue(1900, 3000, "overlap")]
    data, context = render(cues)
    blocks = tti(data)
    spans = [(block["TCI"], block["TCO"]) for block in blocks]
    assert spans == [
        (bytes([0, 0, 1, 0]), bytes([0, 0, 1, 1])),
        (bytes([0, 0, 1, 1]), bytes([0, 0, 1, 23])),  # 1900 ms is frame 47.5 -> 48
        (bytes([0, 0, 1, 23]), bytes([0, 0, 3, 0])),
    ]
    retimed = [note.cue_index for note in context.diagnostics if note.code == "stl-retimed"]
    assert retimed == [0, 1]


def test_thirty_fps() -> None:
    data, _ = render([cue(1000, 2500, "a")], StlOptions(frame_rate=30))
    assert gsi(data)["DFC"] == b"STL30.01"
    block = tti(data)[0]
    assert (block["TCI"], block["TCO"]) == (bytes([0, 0, 1, 0]), bytes([0, 0, 2, 15]))


# -- ttconv reads what we write --------------------------------------------------------------


@pytest.mark.parametrize("display_standard", ["teletext", "open"])
@pytest.mark.parametrize("language", sorted(LANGUAGE_SAMPLES))
def test_ttconv_reads_the_same_texts_and_frames(display_standard: str, language: str) -> None:
    cues = sample_cues(language)
    options = StlOptions(display_standard=display_standard, start_of_programme="10:00:00:00")
    data, context = render(cues, options, language=language)
    expected_table = {"ru": b"01", "el": b"03"}.get(language, b"00")
    assert gsi(data)["CCT"] == expected_table
    read = ttconv_cues(data)
    assert [c.lines for c in read] == [tuple(line.text for line in c.lines) for c in cues]
    assert [c.frames(Fraction(25)) for c in read] == [
        (ms_to_frames(c.start_ms, 25), ms_to_frames(c.end_ms, 25)) for c in cues
    ]
    assert [note.code for note in context.diagnostics if note.severity == "warning"] == []


@pytest.mark.parametrize("display_standard", ["teletext", "open"])
def test_ttconv_at_thirty_fps(display_standard: str) -> None:
    # ttconv reads STL30.01 as 29.97 drop-frame; under one minute no label is dropped, so its
    # frame count equals ours (see the reader's notes on STL30.01).
    cues = [cue(1000, 2500, "Première"), cue(40_033, 59_967, "Deuxième", "ligne")]
    options = StlOptions(display_standard=display_standard, frame_rate=30)
    data, _ = render(cues, options)
    read = ttconv_cues(data)
    assert [c.lines for c in read] == [("Première",), ("Deuxième", "ligne")]
    assert [c.frames(ttconv_fps(data)) for c in read] == [(30, 75), (1201, 1799)]


def test_ttconv_joins_extension_blocks() -> None:
    long_rows = ("é" * 60, "ü" * 59)  # 2 bytes a character: 239 bytes, 3 blocks
    options = StlOptions(display_standard="open")
    data, _ = render([cue(0, 2000, *long_rows), cue(3000, 4000, "next")], options)
    blocks = tti(data)
    assert [block["EBN"] for block in blocks] == [0x00, 0x01, 0xFF, 0xFF]
    assert [block["SN"] for block in blocks] == [1, 1, 1, 2]
    assert gsi(data)["TNB"] == b"00004"
    assert gsi(data)["TNS"] == b"00002"
    # 112 is even, so the first block ends on a full pair...
    assert blocks[0]["TF"][-2:] == b"\xc2e"
    assert [c.lines for c in ttconv_cues(data)] == [long_rows, ("next",)]


def test_extension_never_splits_a_diacritic_from_its_letter() -> None:
    row = "a" + "é" * 70  # the prefix of the 56th é falls on byte 112
    data, _ = render([cue(0, 2000, row)], StlOptions(display_standard="open"))
    blocks = tti(data)
    assert blocks[0]["EBN"] == 0x00
    assert blocks[0]["TF"][-2:] == b"e\x8f"
    assert blocks[1]["TF"][:2] == b"\xc2e"
    assert [c.lines for c in ttconv_cues(data)] == [(row,)]
    assert [c.lines[0].text for c in parse(data).cues] == [row]


def test_dollar_is_a4_as_the_spec_says() -> None:
    block = tti(render([cue(0, 1000, "5 $ and 5 ¤")], StlOptions(display_standard="open"))[0])[0]
    assert block["TF"].rstrip(b"\x8f") == b"5 \xa4 and 5 \xa8"


# -- character tables -------------------------------------------------------------------------


def test_auto_table_and_explicit_codes() -> None:
    data, context = render([cue(0, 1000, "Привет")])
    assert gsi(data)["CCT"] == b"01"
    assert [note.code for note in context.diagnostics] == ["stl-character-table"]
    assert gsi(render([cue(0, 1000, "Καλημέρα")])[0])["CCT"] == b"03"
    assert gsi(render([cue(0, 1000, "שלום")])[0])["CCT"] == b"04"
    assert gsi(render([cue(0, 1000, "مرحبا")])[0])["CCT"] == b"02"
    assert StlOptions(character_table="03").character_table == "greek"


def test_unencodable_character_is_an_error_naming_cue_and_character() -> None:
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "fine"), cue(2000, 3000, "costs 5 €")])
    assert (caught.value.cue_index, caught.value.char) == (1, "€")


def test_latin_letter_outside_iso_6937_is_unencodable() -> None:
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "ǹ")])
    assert caught.value.char == "ǹ"


def test_replace_mode_lists_every_replacement() -> None:
    cues = [cue(0, 1000, "5 € … 6 €"), cue(2000, 3000, "ǹ — ok")]
    data, context = render(cues, StlOptions(unencodable="replace", display_standard="open"))
    assert [block["TF"].rstrip(b"\x8f") for block in tti(data)] == [b"5 EUR ... 6 EUR", b"n - ok"]
    notes = [(note.code, note.cue_index, note.message) for note in context.diagnostics]
    assert [(code, index) for code, index, _ in notes] == [("stl-replaced", 0)] * 2 + [
        ("stl-replaced", 1)
    ] * 2
    assert "'€' (U+20AC) written as 'EUR' 2 times" in notes[0][2]


def test_explicit_table_that_lacks_the_text() -> None:
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "Привет é")], StlOptions(character_table="cyrillic"))
    assert caught.value.char == "é"


# -- limits -----------------------------------------------------------------------------------


def test_row_wider_than_teletext_is_refused() -> None:
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "ok"), cue(2000, 3000, "x" * 38)])
    assert caught.value.cue_index == 1


def test_row_wider_than_declared_mnc_is_refused() -> None:
    options = StlOptions(display_standard="open", max_displayable_chars=20)
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "x" * 21)], options)
    assert caught.value.cue_index == 0


def test_too_many_rows_is_refused() -> None:
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, *["row"] * 12)])
    assert caught.value.cue_index == 0
    render([cue(0, 1000, *["row"] * 11)])  # 11 double-height rows fill 22 rows


def test_time_past_midnight_is_refused() -> None:
    options = StlOptions(start_of_programme="23:59:00:00")
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, "a"), cue(59_000, 61_000, "b")], options)
    assert caught.value.cue_index == 1


def test_subtitle_longer_than_241_blocks_is_refused() -> None:
    rows = ["é" * 99] * 99  # open grid of 99 rows; about 19.7 kB of text
    options = StlOptions(display_standard="open", max_displayable_rows=99)
    with pytest.raises(UnencodableError) as caught:
        render([cue(0, 1000, *rows * 2)], options)
    assert caught.value.cue_index == 0
    data, _ = render([cue(0, 1000, *rows)], options)
    blocks = tti(data)
    assert 176 <= len(blocks) <= 241
    assert [block["EBN"] for block in blocks] == [*range(len(blocks) - 1), 0xFF]


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"frame_rate": 24}, "frame_rate"),
        ({"display_standard": "teletext-3"}, "display_standard"),
        ({"character_table": "klingon"}, "character_table"),
        ({"code_page": 1252}, "code_page"),
        ({"language_code": "xx"}, "language_code"),
        ({"language_code": "80"}, "language_code"),
        ({"country": "GB"}, "country"),
        ({"start_of_programme": "10:00:00"}, "start_of_programme"),
        ({"start_of_programme": "24:00:00:00"}, "start_of_programme"),
        ({"start_of_programme": "10:00:00:25"}, "start_of_programme"),
        ({"revision_date": "1999-12-31"}, "revision_date"),
        ({"revision_number": 100}, "revision_number"),
        ({"programme_title": "x" * 33}, "programme_title"),
        ({"subtitle_list_reference": "x" * 17}, "subtitle_list_reference"),
        ({"translator_name": "日本"}, "translator_name"),
        ({"max_displayable_chars": 41}, "max_displayable_chars"),
        ({"max_displayable_rows": 24}, "max_displayable_rows"),
        ({"max_displayable_chars": 100, "display_standard": "open"}, "max_displayable_chars"),
        ({"unencodable": "ignore"}, "unencodable"),
        ({"frame": 25}, "frame"),
    ],
)
def test_out_of_range_options(options: dict[str, Any], field: str) -> None:
    with pytest.raises(RulesError) as direct:
        StlOptions(**options)
    assert direct.value.field == field
    with pytest.raises(RulesError) as via_api:
        api.make_options(SPEC, options)
    assert via_api.value.field == field


def test_options_accept_cli_style_values() -> None:
    options = StlOptions(
        start_of_programme="10000000",
        language_code="0f",
        creation_date="2025-01-31",
    )
    assert options.start_of_programme == "10:00:00:00"
    assert options.language_code == "0F"
    assert StlOptions(language_code="nb-NO").language_code == "1E"


# -- rules fitted to the display ---------------------------------------------------------------


def test_default_rules_fit_the_display() -> None:
    rules = fit_rules(Rules(), display(StlOptions()))
    assert (rules.max_chars_per_row, rules.frame_rate) == (37, 25.0)
    assert fit_rules(Rules(), display(StlOptions(speaker_colors=True))).max_chars_per_row == 36
    assert row_capacity(StlOptions(double_height=False)) == 38
    open_rules = fit_rules(Rules(), display(StlOptions(display_standard="open")))
    assert open_rules.max_chars_per_row == 42
    thirty = fit_rules(Rules(frame_rate=29.97), display(StlOptions(frame_rate=30)))
    assert thirty.frame_rate == 29.97


def test_explicit_rules_beyond_the_display_are_an_error_up_front() -> None:
    with pytest.raises(RulesError) as caught:
        fit_rules(Rules(max_chars_per_row=42), display(StlOptions()))
    assert caught.value.field == "max_chars_per_row"
    kept = fit_rules(Rules(max_chars_per_row=30), display(StlOptions()))
    assert kept.max_chars_per_row == 30
    with pytest.raises(RulesError) as caught:
        fit_rules(Rules(frame_rate=24.0), display(StlOptions()))
    assert caught.value.field == "frame_rate"
    with pytest.raises(RulesError) as caught:
        fit_rules(Rules(max_rows=3), display(StlOptions(max_displayable_rows=4)))
    assert caught.value.field == "max_rows"


def test_api_render_with_explicit_rules_fails_before_segmenting() -> None:
    transcript = Transcript(words=(Word(text="hello", start_ms=0, end_ms=500),))
    with pytest.raises(RulesError):
        api.render(transcript, get_writer("stl"), rules=Rules(max_chars_per_row=40))


@given(transcripts(long_words=False))
def test_any_transcript_converts_with_default_rules(transcript: Transcript) -> None:
    data, _ = api.render(
        transcript, SPEC, options={"unencodable": "replace", "character_table": "latin"}
    )
    assert len(data) == 1024 + 128 * int(gsi(data)["TNB"])
    document = parse(data)
    assert all(len(line.text) <= 37 for cue in document.cues for line in cue.lines)
    assert len(document.cues) == int(gsi(data)["TNS"])


def test_convert_through_the_api_reads_back(tmp_path: Any) -> None:
    sentence = "Voilà une phrase assez longue pour remplir deux rangées de sous-titres."
    words = [
        Word(text=text, start_ms=400 * index, end_ms=400 * index + 300)
        for index, text in enumerate(sentence.split(" "))
    ]
    transcript = Transcript(words=tuple(words), language="fr")
    target = tmp_path / "out.stl"
    notes = api.write(transcript, target, options={"start_of_programme": "10:00:00:00"})
    assert notes == []
    data = target.read_bytes()
    assert gsi(data)["LC"] == b"0F"
    assert gsi(data)["OPT"] == b" " * 32
    loaded = api.load(target)
    assert [w.text for w in loaded.words] == [w.text for w in words]
    read = ttconv_cues(data)
    assert " ".join(" ".join(c.lines) for c in read) == " ".join(w.text for w in words)


# -- properties -------------------------------------------------------------------------------


def _alphabet(table: str) -> list[str]:
    # NBSP splits words when read back (str.split), so it is not part of a word here.
    return sorted(char for char in representable(table) if not char.isspace())  # type: ignore[arg-type]


_ALPHABETS = {table: _alphabet(table) for table in ("latin", "cyrillic", "greek")}


@st.composite
def stl_cues(draw: st.DrawFn) -> tuple[str, str, list[Cue]]:
    table = draw(st.sampled_from(sorted(_ALPHABETS)))
    display = draw(st.sampled_from(["teletext", "open"]))
    width = 37 if display == "teletext" else 80
    word = st.text(alphabet=_ALPHABETS[table], min_size=1, max_size=10)
    row = st.lists(word, min_size=1, max_size=8).map(" ".join).filter(lambda r: len(r) <= width)
    count = draw(st.integers(min_value=1, max_value=6))
    cues = []
    clock = draw(st.integers(min_value=0, max_value=100_000))
    for _ in range(count):
        duration = draw(st.integers(min_value=80, max_value=8000))
        rows = draw(st.lists(row, min_size=1, max_size=3))
        cues.append(cue(clock, clock + duration, *rows))
        clock += duration + draw(st.integers(min_value=80, max_value=5000))
    return table, display, cues


@given(stl_cues(), st.sampled_from([25, 30]), st.sampled_from(["00:00:00:00", "10:00:00:00"]))
def test_write_then_read_is_identity(
    case: tuple[str, str, list[Cue]], fps: int, start: str
) -> None:
    table, display, cues = case
    options = StlOptions(
        character_table=table,
        display_standard=display,
        frame_rate=fps,
        start_of_programme=start,
    )
    data, context = render(cues, options)
    assert context.diagnostics == []
    assert len(data) == 1024 + 128 * int(gsi(data)["TNB"])
    document = parse(data)
    assert [tuple(line.text for line in c.lines) for c in document.cues] == [
        tuple(line.text for line in c.lines) for c in cues
    ]
    assert [(c.start_ms, c.end_ms) for c in document.cues] == [
        (
            frames_to_ms(ms_to_frames(c.start_ms, fps), fps),
            frames_to_ms(ms_to_frames(c.end_ms, fps), fps),
        )
        for c in cues
    ]
    assert document.diagnostics == ()


def test_teletext_rows_never_exceed_40_cells() -> None:
    cues = [cue(0, 1000, "é" * 37, "x" * 36), cue(2000, 3000, ("ü" * 36, "a"))]
    for options in (StlOptions(), StlOptions(speaker_colors=True, double_height=False)):
        try:
            data, _ = render(cues, options)
        except UnencodableError:
            assert options.speaker_colors  # 37 characters need all 37 cells
            continue
        for block in tti(data):
            for row in block["TF"].rstrip(b"\x8f").split(b"\x8a"):
                if row:
                    cells = len(row) - sum(1 for byte in row if 0xC1 <= byte <= 0xCF)
                    assert cells <= 40


def test_struct_layout_matches_the_spec_offsets() -> None:
    offsets = {}
    position = 0
    for name, size in GSI_FIELDS:
        offsets[name] = position
        position += size
    assert (offsets["DFC"], offsets["SLR"], offsets["CD"], offsets["TCP"], offsets["UDA"]) == (
        3,
        208,
        224,
        256,
        448,
    )
    assert struct.calcsize(TTI.format) == 128


def test_writer_is_registered() -> None:
    spec = get_writer("stl")
    assert spec is SPEC
    assert (spec.binary, spec.takes, spec.extensions) == (True, "cues", (".stl",))
    assert api.writer_for("x.STL", None) is SPEC


def test_write_rejects_other_errors_as_output_errors() -> None:
    assert issubclass(UnencodableError, OutputError)
