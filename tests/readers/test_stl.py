"""The EBU-STL reader: the shared corpus, agreement with ttconv, round trips, bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from cuecraft import api
from cuecraft.errors import InputError
from cuecraft.model import Cue
from cuecraft.readers import READERS, detect
from cuecraft.readers.stl import SPEC, parse, read, read_cues, sniff
from cuecraft.timing import frames_to_ms, ms_to_frames, parse_timecode
from cuecraft.writers.stl import StlOptions
from tests.conftest import corpus_dir
from tests.writers.test_stl import cue, render, ttconv_cues

# The files that shared/corpus/stl/SOURCES.md lists as OK (hardim11: 0 GSI/TTI errors; its
# cue 53, a box drawn with runs of spaces, decodes differently in ttconv, see below).
OK_FILES = [
    "astisub_example-in.stl",
    "astisub_example-opn-in.stl",
    "hardim11_subs_test_with_audio_v1.stl",
    "irt-scf_test_pipeline_1_1_STL.stl",
    "steering_known_good_open.stl",
    "steering_known_good_teletext.stl",
]

ALL_FILES = [
    *OK_FILES,
    "irt-scf_test_pipeline_2_3_STL.stl",
    "ttconv_cumulative_set.stl",
    "ttconv_irt_requirement-0091-001.stl",
    "ttconv_multi_tti_subtitle.stl",
    "ttconv_test_tcp_processing.stl",
    "ttconv_vp18_3_lines.stl",
]


def corpus_file(name: str) -> bytes:
    path = corpus_dir("stl") / name
    if not path.is_file():
        pytest.skip(f"{name} is not in the shared corpus")
    return path.read_bytes()


def words_of(cues: list[Cue]) -> list[str]:
    return [word for c in cues for line in c.lines for word in line.text.split(" ")]


# -- the corpus ---------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ALL_FILES)
def test_reads_every_corpus_file(name: str) -> None:
    data = corpus_file(name)
    assert sniff(data)
    document = parse(data, source=name)
    assert document.cues
    transcript = read(data, source=name)
    assert [word.text for word in transcript.words] == words_of(document.cues)
    for c in document.cues:
        for line in c.lines:
            spoken = transcript.words[line.first : line.stop]
            assert line.text == " ".join(word.text for word in spoken)
            assert all(c.start_ms <= word.start_ms <= word.end_ms <= c.end_ms for word in spoken)
    assert transcript.source.format == "stl"


def test_detect_finds_stl_in_the_corpus() -> None:
    data = corpus_file("steering_known_good_teletext.stl")
    spec, doc = detect(data, source="x")
    assert spec is SPEC
    assert doc == data
    transcript = api.load(data)
    assert transcript.language == "en"
    assert transcript.source.metadata["programme_title"] == "Test programme"


@pytest.mark.parametrize("name", OK_FILES)
def test_agrees_with_ttconv_on_the_ok_files(name: str) -> None:
    data = corpus_file(name)
    theirs = ttconv_cues(data)
    ours = read_cues(data, source=name)
    assert len(ours) == len(theirs)
    for index, (mine, other) in enumerate(zip(ours, theirs, strict=True)):
        # ttconv decodes A4h as ¤ (the spec's $) and 24h as $ (the spec's ¤): compare modulo
        # that swap (ebu-stl.md §11).
        expected = [line.strip().replace("$", "¤") for line in other.lines if line.strip()]
        got = [line.text.replace("$", "¤") for line in mine.lines]
        if name.startswith("hardim11") and index == 52:
            # Runs of spaces: ttconv drops them all ("O    O" -> "OO"), we keep one.
            got = [line.replace(" ", "") for line in got]
            expected = [line.replace(" ", "") for line in expected]
        assert got == expected, index
        assert other.frames(Fraction(25)) == (
            ms_to_frames(mine.start_ms, 25),
            ms_to_frames(mine.end_ms, 25),
        )


def test_known_good_teletext_matches_its_expected_cues() -> None:
    data = corpus_file("steering_known_good_teletext.stl")
    expected = json.loads(
        (corpus_dir("stl") / "steering_known_good_teletext.expected.json").read_text("utf-8")
    )

    def ms(value: float | str) -> int:
        return parse_timecode(value, 25) if isinstance(value, str) else round(value * 1000)

    got = [(c.start_ms, c.end_ms, [line.text for line in c.lines]) for c in read_cues(data)]
    assert got == [(ms(e["start"]), ms(e["end"]), e["lines"]) for e in expected]


def test_sloppy_files_read_with_diagnostics() -> None:
    def codes(name: str) -> set[str]:
        return {note.code for note in parse(corpus_file(name)).diagnostics}

    assert "stl-space-padded" in codes("irt-scf_test_pipeline_2_3_STL.stl")
    assert {"stl-extension", "stl-space-padded"} <= codes("ttconv_multi_tti_subtitle.stl")
    assert {"stl-part", "stl-count"} <= codes("ttconv_test_tcp_processing.stl")
    assert "stl-cumulative" in codes("ttconv_cumulative_set.stl")
    assert "stl-comment" in codes("steering_known_good_teletext.stl")
    assert "stl-empty" in codes("irt-scf_test_pipeline_1_1_STL.stl")


def test_extension_blocks_and_cumulative_sets() -> None:
    joined = read_cues(corpus_file("ttconv_multi_tti_subtitle.stl"))
    assert [line.text for line in joined[0].lines] == ["Foo Bar Baz"]
    cumulative = read_cues(corpus_file("ttconv_cumulative_set.stl"))
    assert [(c.start_ms, c.end_ms, c.lines[0].text) for c in cumulative[1:]] == [
        (2000, 3000, "1"),
        (3000, 4000, "2"),
        (4000, 5000, "3"),
        (5000, 7000, "4"),
    ]


def test_control_codes_separate_words() -> None:
    cues = read_cues(corpus_file("ttconv_irt_requirement-0091-001.stl"))
    # ttconv glues "black" and "AlphaBlack" across the 00 1D 00 run; each code is a cell.
    assert cues[0].lines[0].text == "AlphaBlack on black AlphaBlack on AlphaBlack"
    rows = read_cues(corpus_file("ttconv_vp18_3_lines.stl"))
    assert [line.text for line in rows[0].lines] == ["This", "is", "row 18"]


# -- round trips ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "options",
    [
        StlOptions(),
        StlOptions(display_standard="open"),
        StlOptions(start_of_programme="10:00:00:00", speaker_colors=True),
        StlOptions(frame_rate=30, start_of_programme="01:00:00:29", double_height=False),
        StlOptions(display_standard="open", vertical_position="top", justification="left"),
    ],
)
def test_round_trip_gives_back_the_cues(options: StlOptions) -> None:
    cues = [
        cue(1000, 3000, "Hello world."),
        cue(3520, 6040, "- Where are you going?", "- To the café in Zürich."),
        cue(7000, 9000, "Ça coûte 5 $, señor Łukasz."),
        cue(10_000, 12_000, ("ÆØÅ æøå ß ♪ “quoted” ‘x’", "a"), ("Ōtsuka Škoda Ærø Čapek", "b")),
        cue(70_000, 75_000, "¿Qué? ¡Sí! ½ ¼ ° ± ² ³ × ÷", "£ ¥ § ¤ © ® ™ ← ↑ → ↓ µ ¶ · ß"),
    ]
    data, _ = render(cues, options)
    document = parse(data)
    assert document.diagnostics == ()
    fps = options.frame_rate
    assert [(c.start_ms, c.end_ms) for c in document.cues] == [
        (
            frames_to_ms(ms_to_frames(c.start_ms, fps), fps),
            frames_to_ms(ms_to_frames(c.end_ms, fps), fps),
        )
        for c in cues
    ]
    assert [[line.text for line in c.lines] for c in document.cues] == [
        [line.text for line in c.lines] for c in cues
    ]
    assert document.transcript is not None
    assert [w.text for w in document.transcript.words] == words_of(cues)


def test_cyrillic_and_greek_round_trip() -> None:
    cues = [cue(0, 2000, "Съешь же ещё этих мягких"), cue(3000, 4000, "булок, да выпей чаю.")]
    document = parse(render(cues, StlOptions(language_code="ru"))[0])
    assert document.character_table == "cyrillic"
    assert [c.lines[0].text for c in document.cues] == [c.lines[0].text for c in cues]
    assert document.transcript is not None
    assert document.transcript.language == "ru"
    greek = [cue(0, 2000, "Ξεσκεπάζω την ψυχοφθόρα βδελυγμία")]
    assert read_cues(render(greek)[0])[0].lines[0].text == greek[0].lines[0].text


def test_time_origin() -> None:
    data, _ = render([cue(1000, 2000, "a")], StlOptions(start_of_programme="10:00:00:00"))
    assert [(c.start_ms, c.end_ms) for c in read_cues(data)] == [(1000, 2000)]
    zero = read_cues(data, time_origin="zero")
    assert [(c.start_ms, c.end_ms) for c in zero] == [(36_001_000, 36_002_000)]
    nine = read_cues(data, time_origin="09:59:59:00")
    assert [(c.start_ms, c.end_ms) for c in nine] == [(2000, 3000)]
    with pytest.raises(InputError):
        read_cues(data, time_origin="soon")
    assert api.load(data, time_origin="zero").words[0].start_ms == 36_001_000


def test_word_times_are_shared_by_character_length() -> None:
    data, _ = render([cue(0, 1000, "a bb"), cue(1000, 2000, "c")])
    transcript = read(data, source="x")
    assert [(w.text, w.start_ms, w.end_ms) for w in transcript.words] == [
        ("a", 0, 250),
        ("bb", 500, 1000),
        ("c", 1000, 2000),
    ]


def test_words_of_an_overlapping_cue_stop_at_the_next_cue() -> None:
    data, _ = render([cue(0, 1000, "one two"), cue(1000, 2000, "three")])
    patched = bytearray(data)
    patched[1024 + 9 : 1024 + 13] = bytes([0, 0, 1, 12])  # TCO of cue 1 -> 1.48 s
    document = parse(bytes(patched))
    assert [(c.start_ms, c.end_ms) for c in document.cues] == [(0, 1480), (1000, 2000)]
    assert document.transcript is not None
    assert [w.start_ms for w in document.transcript.words] == [0, 571, 1000]


# -- sloppy and bad input ----------------------------------------------------------------------


def _two_cues() -> bytes:
    return render([cue(1000, 2000, "one"), cue(3000, 4000, "two")])[0]


def test_file_shorter_than_the_gsi_block() -> None:
    with pytest.raises(InputError) as caught:
        parse(_two_cues()[:500], source="short.stl")
    assert (caught.value.block, caught.value.offset, caught.value.source) == (0, 500, "short.stl")


@pytest.mark.parametrize("cut", [1, 64, 127])
def test_truncated_tti_block(cut: int) -> None:
    data = _two_cues()[:-cut]
    with pytest.raises(InputError) as caught:
        parse(data)
    assert (caught.value.block, caught.value.offset) == (2, 1024 + 128)
    with pytest.raises(InputError) as through_api:
        api.load(data, format="stl")
    assert through_api.value.block == 2
    lenient = parse(data, strict=False)
    assert [c.lines[0].text for c in lenient.cues] == ["one"]
    assert "stl-truncated" in {note.code for note in lenient.diagnostics}


def test_corrupt_timecode() -> None:
    data = bytearray(_two_cues())
    data[1024 + 128 + 6] = 61  # minutes of TCI of block 2
    with pytest.raises(InputError) as caught:
        parse(bytes(data))
    assert (caught.value.block, caught.value.offset) == (2, 1024 + 128 + 5)
    assert "stl-timecode" in {note.code for note in parse(bytes(data), strict=False).diagnostics}


def test_unknown_frame_rate() -> None:
    data = bytearray(_two_cues())
    data[3:11] = b"STL99.01"
    with pytest.raises(InputError) as caught:
        parse(bytes(data))
    assert (caught.value.block, caught.value.offset) == (0, 3)
    assert parse(bytes(data), strict=False).frame_rate == 25
    data[3:11] = b"STL24.01"
    assert parse(bytes(data)).frame_rate == 24


def test_odd_text_bytes_are_reported_not_dropped() -> None:
    data = bytearray(render([cue(0, 1000, "abcdef")], StlOptions(display_standard="open"))[0])
    tf = 1024 + 16
    data[tf + 1] = 0xE5  # unassigned in CCT 00
    data[tf + 3] = 0x86  # reserved code
    data[tf + 4] = 0xC2  # an acute prefix before a digit
    data[tf + 5] = 0x31
    document = parse(bytes(data))
    assert [line.text for line in document.cues[0].lines] == ["a\ufffdc \ufffd1"]
    codes = [note.code for note in document.diagnostics]
    assert codes.count("stl-unknown-character") == 2
    assert "stl-reserved-code" in codes


def test_out_of_order_zero_length_and_user_data() -> None:
    data = bytearray(
        render([cue(1000, 2000, "first"), cue(3000, 4000, "second"), cue(5000, 6000, "x")])[0]
    )
    second, third = 1024 + 128, 1024 + 256
    data[second + 5 : second + 13] = bytes([0, 0, 0, 0, 0, 0, 0, 0])  # TCI = TCO = 0
    data[third + 3] = 0xFE  # user data
    document = parse(bytes(data))
    assert [(c.start_ms, c.end_ms, c.lines[0].text) for c in document.cues] == [
        (0, 0, "second"),
        (1000, 2000, "first"),
    ]
    codes = {note.code for note in document.diagnostics}
    assert {"stl-order", "stl-zero-duration", "stl-skipped-block", "stl-count"} <= codes


def test_no_text_at_all() -> None:
    data = render([])[0]
    assert read_cues(data) == []
    with pytest.raises(InputError):
        read(data, source="empty.stl")


def test_sniff() -> None:
    assert sniff(_two_cues())
    assert not sniff(b'{"words": []}')
    assert not sniff(b"850STL25.0")
    assert not sniff(b"850XYZ25.01" + b" " * 2000)
    assert not sniff("850STL25.01")
    assert READERS["stl"] is SPEC
    assert SPEC.kind == "binary"
