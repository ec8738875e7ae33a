"""EBU-STL time codes that jump: parts joined together, TCP restarts, impossible time codes.

Regression tests for issue #9 (a broadcast file whose TCI go back after subtitle 54 lost 68 %
of its words) built from small constructed files, plus the check command and boundaries.
"""

from __future__ import annotations

import itertools

import pytest

from cuecraft import api
from cuecraft.errors import InputError
from cuecraft.formats.stl.layout import GSI_SIZE, TTI, TTI_SIZE
from cuecraft.readers.stl import parse
from cuecraft.tools.check import read_subtitles
from cuecraft.writers.stl import StlOptions
from tests.readers.test_stl import corpus_file
from tests.writers.test_stl import render

Timecode = tuple[int, int, int, int]


def tc(text: str) -> Timecode:
    hours, minutes, seconds, frames = (int(part) for part in text.split(":"))
    return hours, minutes, seconds, frames


def block(number: int, time_in: Timecode, time_out: Timecode, text: str, **fields: int) -> bytes:
    tf = text.encode("latin-1") + b"\x8f" * (112 - len(text))
    return TTI.pack(
        fields.get("sgn", 0),
        number,
        fields.get("ebn", 0xFF),
        fields.get("cs", 0),
        bytes(time_in),
        bytes(time_out),
        22,
        2,
        fields.get("cf", 0),
        tf,
    )


def gsi(tcp: str = "00:00:00:00", frame_rate: int = 25) -> bytes:
    options = StlOptions(start_of_programme=tcp, display_standard="open")
    header = bytearray(render([], options)[0][:GSI_SIZE])
    header[3:11] = f"STL{frame_rate}.01".encode()  # 24 fps is outside the spec and the writer
    return bytes(header)


def stl(subtitles: list[tuple[str, str, str]], tcp: str = "00:00:00:00", fps: int = 25) -> bytes:
    blocks = [
        block(number, tc(start), tc(end), text)
        for number, (start, end, text) in enumerate(subtitles, start=1)
    ]
    return gsi(tcp, fps) + b"".join(blocks)


def words(data: bytes, **options: object) -> list[str]:
    transcript = api.load(data, format="stl", **options)  # type: ignore[arg-type]
    return [word.text for word in transcript.words]


def spans(data: bytes, **options: object) -> list[tuple[int, int, str]]:
    document = parse(data, **options)  # type: ignore[arg-type]
    return [(c.start_ms, c.end_ms, " ".join(line.text for line in c.lines)) for c in document.cues]


def notes(data: bytes, code: str, **options: object) -> list[str]:
    document = parse(data, **options)  # type: ignore[arg-type]
    return [note.message for note in document.diagnostics if note.code == code]


def two_parts(restart: str) -> bytes:
    """54 subtitles from 10:00:01:00 two seconds apart, then 20 more from ``restart``."""
    first = [
        (
            f"10:{(1 + 2 * k) // 60:02d}:{(1 + 2 * k) % 60:02d}:00",
            f"10:{(2 + 2 * k) // 60:02d}:{(2 + 2 * k) % 60:02d}:00",
            f"one{k}",
        )
        for k in range(54)
    ]
    hours, minutes, seconds, _ = tc(restart)
    base = (hours * 60 + minutes) * 60 + seconds
    second = []
    for k in range(20):
        start, end = base + 2 * k, base + 2 * k + 1
        second.append(
            (
                f"{start // 3600:02d}:{start // 60 % 60:02d}:{start % 60:02d}:00",
                f"{end // 3600:02d}:{end // 60 % 60:02d}:{end % 60:02d}:00",
                f"two{k}",
            )
        )
    return stl(first + second, tcp="10:00:00:00")


# -- parts -----------------------------------------------------------------------------------


def test_a_second_part_restarting_at_tcp_keeps_every_word_in_file_order() -> None:
    data = two_parts("10:00:05:00")
    expected = [f"one{k}" for k in range(54)] + [f"two{k}" for k in range(20)]
    assert words(data) == expected
    cues = spans(data)
    assert [text for _, _, text in cues] == expected
    # Part one keeps its programme times; part two starts where part one ended (108 s) plus
    # its own lead-in from TCP (5 s), with its own spacing.
    assert cues[0][:2] == (1000, 2000)
    assert cues[53][:2] == (107_000, 108_000)
    assert [c[:2] for c in cues[54:56]] == [(113_000, 114_000), (115_000, 116_000)]
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(cues))
    (message,) = notes(data, "stl-part")
    assert "10:00:05:00" in message
    assert "block 54" in message
    assert [n.pointer for n in parse(data).diagnostics if n.code == "stl-part"] == [None]
    assert any(
        n.code == "stl-part" and n.message.startswith("block 55:") for n in parse(data).diagnostics
    )


def test_a_second_part_restarting_at_zero_is_not_skipped() -> None:
    data = two_parts("00:00:03:00")
    assert words(data) == [f"one{k}" for k in range(54)] + [f"two{k}" for k in range(20)]
    cues = spans(data)
    # Before TCP: the part counts from the top of its hour (the time code restarted at
    # zero), so it starts where part one ended (108 s) plus its own lead-in of 3 s.
    assert cues[54][:2] == (111_000, 112_000)
    assert cues[55][:2] == (113_000, 114_000)
    (message,) = notes(data, "stl-part")
    assert message.startswith("block 55:")
    assert "before the programme start" in message


def test_the_same_file_in_lenient_mode_and_through_the_cli(tmp_path: object) -> None:
    from pathlib import Path

    from cuecraft.cli import main

    data = two_parts("10:00:05:00")
    assert words(data, strict=False) == words(data)
    folder = Path(str(tmp_path))
    (folder / "in.stl").write_bytes(data)
    assert main(["convert", str(folder / "in.stl"), "-o", str(folder / "out.srt")]) == 0
    srt = (folder / "out.srt").read_text("utf-8")
    assert all(f"two{k}" in srt for k in range(20))


def test_subtitles_before_tcp_then_the_programme() -> None:
    data = stl(
        [
            ("09:59:50:00", "09:59:52:00", "slate"),
            ("10:00:01:00", "10:00:02:00", "hello"),
            ("10:00:03:00", "10:00:04:00", "world"),
        ],
        tcp="10:00:00:00",
    )
    assert spans(data) == [(0, 2000, "slate"), (3000, 4000, "hello"), (5000, 6000, "world")]
    first, second = notes(data, "stl-part")
    assert first.startswith("block 1:")
    assert second.startswith("block 2:")
    assert "reaches the programme start" in second


def test_ttconv_tcp_processing_keeps_the_block_before_tcp() -> None:
    data = corpus_file("ttconv_test_tcp_processing.stl")
    assert spans(data) == [
        (0, 2000, "Metadata not for display."),
        (2000, 3960, "Start of the program."),
    ]


def test_every_subtitle_before_tcp() -> None:
    data = stl(
        [("00:00:05:00", "00:00:06:00", "a"), ("00:00:08:00", "00:00:09:00", "b")],
        tcp="10:00:00:00",
    )
    assert spans(data) == [(5000, 6000, "a"), (8000, 9000, "b")]
    assert len(notes(data, "stl-part")) == 1


def test_a_reel_before_tcp_counts_from_its_hour() -> None:
    # TCP says 10:00:00:00, the reel's time code starts at 01:00:00:00.
    reel = stl(
        [("01:00:05:00", "01:00:06:00", "a"), ("01:02:00:00", "01:02:01:00", "b")],
        tcp="10:00:00:00",
    )
    assert spans(reel) == [(5000, 6000, "a"), (120_000, 121_000, "b")]
    # 12 minutes into its hour: too far for a lead-in, so it starts at its first subtitle.
    late = stl([("01:12:00:00", "01:12:01:00", "a")], tcp="10:00:00:00")
    assert spans(late) == [(0, 1000, "a")]


def test_time_origin_zero_has_no_programme_start_to_cross() -> None:
    data = two_parts("10:00:05:00")
    cues = spans(data, time_origin="zero")
    assert cues[0][:2] == (36_001_000, 36_002_000)
    assert cues[54][:2] == (36_108_000 + 36_005_000, 36_108_000 + 36_006_000)


def test_an_appended_stl_file_is_a_new_part_with_its_own_tcp() -> None:
    first = stl(
        [("10:00:01:00", "10:00:03:00", "alpha"), ("10:00:04:00", "10:00:06:00", "beta")],
        tcp="10:00:00:00",
    )
    second = stl(
        [("01:00:02:00", "01:00:03:00", "gamma"), ("01:00:04:00", "01:00:05:00", "delta")],
        tcp="01:00:00:00",
    )
    data = first + second  # `cat first.stl second.stl`
    assert spans(data) == [
        (1000, 3000, "alpha"),
        (4000, 6000, "beta"),
        (8000, 9000, "gamma"),  # part one ends at 6 s; lead-in of 2 s from its own TCP
        (10_000, 11_000, "delta"),
    ]
    codes = [n.code for n in parse(data).diagnostics]
    assert "stl-second-gsi" in codes
    assert "stl-part" in codes
    assert any(n.message.startswith("block 3:") for n in parse(data).diagnostics)


def test_a_lone_slip_keeps_its_place_in_the_file() -> None:
    data = stl(
        [
            ("00:01:00:00", "00:01:02:00", "one"),
            ("00:00:10:00", "00:00:11:00", "typo"),  # should have been 00:01:03:00
            ("00:01:05:00", "00:01:06:00", "three"),
        ]
    )
    assert spans(data) == [
        (60_000, 62_000, "one"),
        (62_000, 63_000, "typo"),
        (65_000, 66_000, "three"),
    ]
    (message,) = notes(data, "stl-timecode-slip")
    assert message.startswith("block 2:")


def test_small_disorder_inside_a_part_is_sorted() -> None:
    data = stl(
        [
            ("00:00:10:00", "00:00:12:00", "b"),
            ("00:00:08:00", "00:00:09:00", "a"),
            ("00:00:13:00", "00:00:14:00", "c"),
        ]
    )
    assert [text for _, _, text in spans(data)] == ["a", "b", "c"]
    assert notes(data, "stl-order")
    assert not notes(data, "stl-part")


def test_a_jump_of_exactly_the_threshold_is_disorder_and_one_frame_more_a_part() -> None:
    near = stl([("00:00:20:00", "00:00:21:00", "x"), ("00:00:10:00", "00:00:11:00", "y")])
    assert not notes(near, "stl-part")
    far = stl([("00:00:20:00", "00:00:21:00", "x"), ("00:00:09:24", "00:00:11:00", "y")])
    assert notes(far, "stl-part")
    assert [text for _, _, text in spans(far)] == ["x", "y"]


# -- impossible time codes ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fps", "time_in"),
    [(25, "00:00:01:24"), (30, "00:00:01:29"), (25, "23:59:59:24"), (24, "00:00:01:23")],
)
def test_the_last_frame_of_a_second_is_valid(fps: int, time_in: str) -> None:
    hours, minutes, seconds, frames = tc(time_in)
    end = f"{hours:02d}:{minutes:02d}:{seconds:02d}:{frames:02d}"
    data = stl([(time_in, end, "edge")], fps=fps)
    (cue,) = parse(data).cues
    assert cue.start_ms == ((hours * 60 + minutes) * 60 + seconds) * 1000 + round(
        frames * 1000 / fps
    )


@pytest.mark.parametrize(
    ("time_in", "fps"),
    [
        ("99:99:99:99", 25),
        ("00:00:01:25", 25),
        ("00:00:01:30", 30),
        ("24:00:00:00", 25),
        ("00:60:00:00", 25),
        ("00:00:60:00", 25),
    ],
)
def test_impossible_time_codes_are_errors_with_the_block(time_in: str, fps: int) -> None:
    data = stl(
        [
            ("00:00:01:00", "00:00:02:00", "fine"),
            (time_in, "00:00:05:00", "bad"),
            ("00:00:06:00", "00:00:07:00", "after"),
        ],
        fps=fps,
    )
    with pytest.raises(InputError) as caught:
        parse(data)
    assert (caught.value.block, caught.value.offset) == (2, GSI_SIZE + TTI_SIZE + 5)
    assert "strict=False" in str(caught.value)
    with pytest.raises(InputError) as checked:
        read_subtitles(data, source="x.stl")
    assert checked.value.block == 2
    # Lenient: timed from its neighbours, every word kept in order.
    assert spans(data, strict=False)[1] == (2000, 5000, "bad")
    assert words(data, strict=False) == ["fine", "bad", "after"]


def test_an_impossible_time_code_out_ends_at_the_next_subtitle() -> None:
    data = stl([("00:00:01:00", "99:99:99:99", "first"), ("00:00:04:00", "00:00:05:00", "second")])
    with pytest.raises(InputError) as caught:
        parse(data)
    assert (caught.value.block, caught.value.offset) == (1, GSI_SIZE + 9)
    assert spans(data, strict=False) == [(1000, 4000, "first"), (4000, 5000, "second")]
    assert notes(data, "stl-timecode", strict=False)


def test_a_comment_with_an_impossible_time_code_does_not_matter() -> None:
    data = (
        gsi()
        + block(1, (99, 99, 99, 99), (99, 99, 99, 99), "note", cf=1)
        + block(2, (0, 0, 1, 0), (0, 0, 2, 0), "text")
    )
    assert spans(data) == [(1000, 2000, "text")]


# -- text that is not read -------------------------------------------------------------------


def test_bytes_after_the_padding_are_reported() -> None:
    raw = bytearray(stl([("00:00:01:00", "00:00:02:00", "kept")]))
    raw[GSI_SIZE + 16 + 20 : GSI_SIZE + 16 + 25] = b"lost?"
    document = parse(bytes(raw))
    assert [c.lines[0].text for c in document.cues] == ["kept"]
    (note,) = [n for n in document.diagnostics if n.code == "stl-after-padding"]
    assert note.message.startswith("block 1:")


def test_check_refuses_what_convert_refuses(tmp_path: object) -> None:
    from pathlib import Path

    from cuecraft.cli import main

    truncated = stl([("00:00:01:00", "00:00:02:00", "one"), ("00:00:03:00", "00:00:04:00", "two")])
    with pytest.raises(InputError) as caught:
        read_subtitles(truncated[:-5], source="cut.stl")
    assert caught.value.block == 2
    folder = Path(str(tmp_path))
    (folder / "bad.stl").write_bytes(stl([("00:00:01:00", "00:00:01:25", "frames")]))
    assert main(["check", str(folder / "bad.stl")]) == 1
    assert main(["convert", str(folder / "bad.stl"), "-o", str(folder / "bad.srt")]) == 1
    (folder / "good.stl").write_bytes(two_parts("10:00:05:00"))
    assert main(["convert", str(folder / "good.stl"), "-o", str(folder / "good.srt")]) == 0
