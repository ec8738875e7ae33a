"""TXT writer: every option against an expected file, the seeds' own samples, properties."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cuecraft import api
from cuecraft.errors import RulesError
from cuecraft.model import Diagnostic, Highlight, Speaker, Transcript, Word
from cuecraft.writers import get_writer
from cuecraft.writers.txt import TxtOptions, wrap
from tests.conftest import SHARED
from tests.strategies import transcripts

EXPECTED = Path(__file__).resolve().parent / "expected"
SEEDS = SHARED / "seeds"

AMBERSCRIPT_SAMPLE = (
    "Hi, welcome to Amber script, in this short video, we would like to show you how you can "
    "use Amber script at its full potential. The first function we would like to show you is "
    "the edit function. This allows you to edit errors"
)

# Scribie's TXT sample (seed 002): (start in seconds, speaker id, text) per turn.
SCRIBIE_TURNS = (
    (1.3, "spk1", "Hello."),
    (5.2, "spk2", "Hello."),
    (7.1, "spk1", "Yes. Rajiv can you hear me."),
    (10.0, "spk2", "Yeah, I can hear you."),
    (11.4, "spk1", "Hi. This is Austin Taun from Taipei, Taiwan."),
    (17.2, "spk2", "Hi Austin. How are you."),
    (
        19.0,
        "spk1",
        "I'm fine. Okay, so today, Rajiv could you first introduce yourself a little bit.",
    ),
)


def interview() -> Transcript:
    """Three speakers, 42 s, two highlights, low-confidence words, a same-speaker paragraph."""
    return Transcript.model_validate_json((EXPECTED / "interview.input.json").read_text())


def amberscript_sample() -> Transcript:
    """The words of Amberscript's TXT sample, timed like its JSON sample (0.45 s, 1.11 s...)."""
    words = []
    for index, text in enumerate(AMBERSCRIPT_SAMPLE.split()):
        start = 450 if index == 0 else 1110 + 330 * (index - 1)
        words.append(Word(text=text, start_ms=start, end_ms=start + 300, speaker="spk1"))
    return Transcript(words=tuple(words), speakers=(Speaker(id="spk1", name="Speaker 1"),))


def scribie_sample() -> Transcript:
    """The turns of Scribie's TXT sample, speakers named through speaker_names."""
    words: list[Word] = []
    for number, (start_s, speaker, text) in enumerate(SCRIBIE_TURNS):
        start_ms = round(start_s * 1000)
        next_ms = (
            round(SCRIBIE_TURNS[number + 1][0] * 1000) if number + 1 < len(SCRIBIE_TURNS) else None
        )
        parts = text.split()
        step = 300 if next_ms is None else (next_ms - start_ms) // len(parts)
        for index, part in enumerate(parts):
            begin = start_ms + index * step
            words.append(Word(text=part, start_ms=begin, end_ms=begin + step // 2, speaker=speaker))
    speakers = (Speaker(id="spk1", name="Austin Tuan"), Speaker(id="spk2", name="Rajiv Poddar"))
    return Transcript(words=tuple(words), speakers=speakers)


def long_recording() -> Transcript:
    """Over an hour long: Scribie's clock gains hours."""
    return Transcript(
        words=(
            Word(text="Still", start_ms=3_598_400, end_ms=3_598_900, speaker="a"),
            Word(text="here?", start_ms=3_599_000, end_ms=3_599_600, speaker="a"),
            Word(text="Yes.", start_ms=3_723_004, end_ms=3_723_500, speaker="b"),
        ),
        speakers=(Speaker(id="a", name="Ada Lovelace"), Speaker(id="b", name="Bob")),
    )


def render_txt(transcript: Transcript, options: Mapping[str, Any] | None = None) -> str:
    data, _ = api.render(transcript, get_writer("txt"), options=options)
    return data.decode("utf-8")


def check_golden(request: pytest.FixtureRequest, path: Path, actual: bytes) -> None:
    """Compare with an expected file; ``pytest --update-golden`` rewrites it."""
    if request.config.getoption("--update-golden", default=False):
        path.write_bytes(actual)
    assert path.exists(), f"missing expected file {path.name}; run pytest --update-golden"
    assert actual == path.read_bytes()


CASES: dict[str, tuple[Callable[[], Transcript], dict[str, Any]]] = {
    # Each TXT option on the interview, alone, then the combinations vendors export.
    "interview.default": (interview, {}),
    "interview.no-timestamps": (interview, {"include_timestamps": False}),
    "interview.no-speakers": (interview, {"include_speakers": False}),
    "interview.plain": (interview, {"include_timestamps": False, "include_speakers": False}),
    "interview.highlights-only": (interview, {"highlights_only": True}),
    "interview.max-chars-30": (interview, {"max_chars_per_row": 30}),
    "interview.frequency-10": (interview, {"timestamps_frequency": 10}),
    "interview.frequency-5-untimed": (
        interview,
        {"timestamps_frequency": 5, "include_timestamps": False},
    ),
    "interview.prefix": (interview, {"timestamp_style": "prefix"}),
    "interview.initials": (interview, {"speaker_label": "initials"}),
    "interview.crlf": (interview, {"eol": "\r\n", "max_chars_per_row": 42}),
    "long.prefix": (long_recording, {"timestamp_style": "prefix"}),
    # The seeds' own samples.
    "seed-001-amberscript": (amberscript_sample, {}),
    "seed-000-amberscript": (amberscript_sample, {"include_timestamps": False}),
    "seed-002-scribie": (
        scribie_sample,
        {"timestamp_style": "prefix", "speaker_label": "initials"},
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_txt_matches_expected_file(request: pytest.FixtureRequest, case: str) -> None:
    make, options = CASES[case]
    data, _ = api.render(make(), get_writer("txt"), options=options)
    check_golden(request, EXPECTED / f"{case}.txt", data)


def _seed(name: str) -> str:
    matches = sorted(SEEDS.glob(f"{name}_*.txt"))
    if not matches:
        pytest.skip(f"seed {name} not found in {SEEDS}")
    return matches[0].read_text(encoding="utf-8")


def test_seed_001_sample_is_reproduced_exactly() -> None:
    seed = _seed("001")
    found = re.search(r"returns TXT structured like this:\s*```\n(.*?)```", seed, re.S)
    assert found is not None
    assert render_txt(amberscript_sample()) == found.group(1)


def test_seed_000_sample_is_reproduced_exactly() -> None:
    # The current Amberscript page shows the same export without its timestamp line.
    seed = _seed("000")
    found = re.search(r"returns TXT structured like this:\n(.*?\n)", seed)
    assert found is not None
    assert render_txt(amberscript_sample(), {"include_timestamps": False}) == found.group(1)


def test_seed_002_scribie_sample_is_reproduced() -> None:
    seed = _seed("002")
    found = re.search(r"\n----\n(.*?)\n\.\.\.\n", seed, re.S)
    assert found is not None
    # Scribie's sample has stray trailing spaces on some lines (words joined with " ").
    sample = "\n".join(line.rstrip() for line in found.group(1).splitlines()) + "\n"
    options = {"timestamp_style": "prefix", "speaker_label": "initials"}
    assert render_txt(scribie_sample(), options) == sample


def test_defaults_are_amberscript_export_txt() -> None:
    options = TxtOptions()
    assert options.include_timestamps
    assert options.include_speakers
    assert not options.highlights_only
    assert options.max_chars_per_row is None
    assert options.timestamp_style == "line"
    assert options.speaker_label == "name"


def test_paragraphs_follow_speaker_turns_not_vendor_paragraphs() -> None:
    transcript = interview()
    text = render_txt(transcript, {"include_timestamps": False})
    assert len(text.strip().split("\n\n")) == len(transcript.turns()) == 6
    assert sum(word.paragraph_start for word in transcript.words) == 7


def test_hours_appear_in_scribie_style_only_for_long_recordings() -> None:
    assert render_txt(scribie_sample(), {"timestamp_style": "prefix"}).startswith("00:01 ")
    text = render_txt(long_recording(), {"timestamp_style": "prefix"})
    assert text.splitlines()[0].startswith("00:59:58 ")
    assert text.splitlines()[2].startswith("01:02:03 ")


def test_initials_clash_falls_back_to_full_names() -> None:
    words = tuple(
        Word(text=text, start_ms=n * 1000, end_ms=n * 1000 + 500, speaker=speaker)
        for n, (text, speaker) in enumerate([("a", "x"), ("b", "y"), ("c", "x"), ("d", "y")])
    )
    speakers = (Speaker(id="x", name="Anna Taylor"), Speaker(id="y", name="Austin Tuan"))
    transcript = Transcript(words=words, speakers=speakers)
    data, notes = api.render(transcript, get_writer("txt"), options={"speaker_label": "initials"})
    assert "AT:" not in data.decode()
    assert data.decode().count("Anna Taylor:") == 2
    assert [note.code for note in notes] == ["initials-clash"]


def test_highlights_only_without_highlights_is_empty_with_a_warning() -> None:
    data, notes = api.render(
        interview().model_copy(update={"highlights": ()}),
        get_writer("txt"),
        options={"highlights_only": True},
    )
    assert data == b""
    assert [note.code for note in notes] == ["no-highlights"]


def test_highlights_only_splits_a_turn_into_its_highlighted_passages() -> None:
    words = tuple(Word(text=f"w{n}", start_ms=n * 1000, end_ms=n * 1000 + 500) for n in range(6))
    transcript = Transcript(
        words=words, highlights=(Highlight(first=1, stop=2), Highlight(first=3, stop=5))
    )
    text = render_txt(transcript, {"highlights_only": True})
    assert text == "00:00:01\nw1\n\n00:00:03\nw3 w4\n"


def test_control_characters_are_removed_with_a_diagnostic() -> None:
    words = (
        Word(text="bell\x07", start_ms=0, end_ms=100),
        Word(text="two\nlines", start_ms=100, end_ms=200),
        Word(text="\x00", start_ms=200, end_ms=300),
        Word(text="end\ufffe", start_ms=300, end_ms=400),
    )
    data, notes = api.render(
        Transcript(words=words), get_writer("txt"), options={"include_timestamps": False}
    )
    assert data.decode("utf-8") == "bell two lines end\n"
    assert [(note.code, note.word_index) for note in notes] == [
        ("control-character", 0),
        ("control-character", 1),
        ("control-character", 2),
        ("control-character", 3),
    ]
    assert all(isinstance(note, Diagnostic) for note in notes)


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"timestamps_frequency": 7}, "timestamps_frequency"),
        ({"timestamps_frequency": "7s"}, "timestamps_frequency"),
        ({"max_chars_per_row": 0}, "max_chars_per_row"),
        ({"timestamp_style": "scribie"}, "timestamp_style"),
        ({"speaker_label": "nicknames"}, "speaker_label"),
        ({"eol": "\r"}, "eol"),
        ({"includeTimestamps": False}, "includeTimestamps"),
    ],
)
def test_bad_options_fail_before_writing_and_name_the_option(
    tmp_path: Path, options: dict[str, Any], field: str
) -> None:
    target = tmp_path / "out.txt"
    with pytest.raises(RulesError) as caught:
        api.write(interview(), target, options=options)
    assert caught.value.field == field
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("value", [10, "10", "10s", " 10s "])
def test_timestamps_frequency_accepts_happyscribe_spelling(value: object) -> None:
    options = api.make_options(get_writer("txt"), {"timestamps_frequency": value})
    assert isinstance(options, TxtOptions)
    assert options.timestamps_frequency == 10


def test_txt_is_chosen_by_extension_and_written_atomically(tmp_path: Path) -> None:
    target = tmp_path / "interview.txt"
    assert api.writer_for(target, None).name == "txt"
    api.write(interview(), target)
    assert target.read_bytes() == (EXPECTED / "interview.default.txt").read_bytes()


def test_wrap_never_splits_a_word() -> None:
    assert wrap(["a", "bb", "ccc"], 4) == ["a bb", "ccc"]
    assert wrap(["short", "unbreakable-long-word", "x"], 8) == [
        "short",
        "unbreakable-long-word",
        "x",
    ]
    assert wrap([], 10) == []
    assert wrap(["a", "b"], None) == ["a b"]


def _is_subsequence(needles: list[str], haystack: list[str]) -> bool:
    remaining: Iterator[str] = iter(haystack)
    return all(any(item == needle for item in remaining) for needle in needles)


@given(transcripts())
def test_plain_text_is_exactly_the_words_in_order(transcript: Transcript) -> None:
    text = render_txt(transcript, {"include_timestamps": False, "include_speakers": False})
    assert text.split() == [word.text for word in transcript.words]


@given(
    transcripts(),
    st.fixed_dictionaries(
        {
            "timestamp_style": st.sampled_from(["line", "prefix"]),
            "speaker_label": st.sampled_from(["name", "initials"]),
            "timestamps_frequency": st.sampled_from([None, 5, 60]),
            "max_chars_per_row": st.one_of(st.none(), st.integers(min_value=1, max_value=60)),
        }
    ),
)
def test_every_word_appears_in_order(transcript: Transcript, options: dict[str, Any]) -> None:
    text = render_txt(transcript, options)
    assert _is_subsequence([word.text for word in transcript.words], text.split())
    width = options["max_chars_per_row"]
    if width is not None:
        for row in text.splitlines():
            assert len(row) <= width or " " not in row.removeprefix(_lead(row))


def _lead(row: str) -> str:
    """The unbreakable start of a row: ``00:01 Speaker 1:`` (timestamp and label)."""
    found = re.match(r"(\d\d:)+\d\d( (Speaker \d+|S\d+):)?|(Speaker \d+|S\d+):", row)
    return found.group(0) if found else ""


def _japanese() -> Transcript:
    texts = ["今日", "は", "いい", "天気", "です", "ね。"]
    words = tuple(
        Word(text=text, start_ms=i * 1000, end_ms=i * 1000 + 800, speaker="s1")
        for i, text in enumerate(texts)
    )
    return Transcript(words=words, speakers=(Speaker(id="s1", name="Aiko"),), language="ja")


def test_words_of_a_language_without_spaces_are_joined_without_spaces() -> None:
    # An inline timecode keeps its spaces; the words around it do not get any.
    text = render_txt(_japanese(), {"timestamps_frequency": 5})
    assert text == "00:00:00\nAiko: 今日はいい天気です [00:00:05] ね。\n"
    wrapped = render_txt(_japanese(), {"include_timestamps": False, "max_chars_per_row": 9})
    assert wrapped == "Aiko: 今日は\nいい天気ですね。\n"
