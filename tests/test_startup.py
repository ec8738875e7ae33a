"""Lean start-up (issue #12 item 3): what ``import cuecraft`` and the CLI's light paths import.

Each check runs in a fresh interpreter and reads ``sys.modules``: nothing here measures time
(timings depend on the machine; ``benchmarks/speed.py --startup`` measures them).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cuecraft
from cuecraft import cli
from cuecraft.commands import COMMANDS
from cuecraft.commands._flags import RULES, flag_help, flag_table
from cuecraft.commands._parser import help_wanted, without_help

SRC = Path(cuecraft.__file__).resolve().parent.parent

# Packages a reader or writer needs, and cuecraft's own heavy modules.
HEAVY = ("pydantic", "docx", "lxml", "pysubs2", "fpdf", "odf", "fontTools")
HEAVY_OWN = ("cuecraft.readers", "cuecraft.writers", "cuecraft.model", "cuecraft.api")


def _fresh(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a fresh interpreter that imports this checkout's cuecraft."""
    path = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": path},
        timeout=120,
    )


def _modules_after(statement: str) -> list[str]:
    """The module names loaded after ``statement`` runs in a fresh interpreter."""
    done = _fresh(f"import json, sys\n{statement}\nprint(json.dumps(sorted(sys.modules)))")
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def _heavy(loaded: list[str]) -> list[str]:
    return [
        name
        for name in loaded
        if name.split(".")[0] in HEAVY or name.startswith(HEAVY_OWN) or name == "cuecraft.segment"
    ]


def test_import_cuecraft_imports_no_reader_writer_or_third_party_package() -> None:
    loaded = _modules_after("import cuecraft")
    assert "cuecraft" in loaded
    assert _heavy(loaded) == []
    # nor the dataclasses module, which with inspect and ast is a third of its start-up
    assert "dataclasses" not in loaded


def test_version_flag_imports_no_command() -> None:
    loaded = _modules_after(
        "from cuecraft.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "assert main(['--version']) == 0"
    )
    assert _heavy(loaded) == []
    assert [name for name in loaded if name.startswith("cuecraft.commands.")] == [
        "cuecraft.commands._parser"
    ]


@pytest.mark.parametrize("argv", [["--version"], ["--debug", "--version"], ["--vers"]])
def test_version_flag_prints_the_version(argv: list[str]) -> None:
    done = _fresh("import sys; from cuecraft.cli import main; sys.exit(main(sys.argv[1:]))", *argv)
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"cuecraft {cuecraft.__version__}\n"


def test_python_m_cuecraft_version() -> None:
    done = _fresh("import runpy, sys; sys.argv[1:] = ['--version']; runpy.run_module('cuecraft')")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"cuecraft {cuecraft.__version__}\n"


def test_a_command_imports_no_other_command() -> None:
    loaded = _modules_after("from cuecraft.cli import main\nassert main(['info', '--help']) == 0")
    commands = {name.rsplit(".", 1)[1] for name in loaded if name.startswith("cuecraft.commands.")}
    assert "info" in commands
    assert not commands & {"batch", "check"}, commands


def test_every_public_name_resolves_in_a_fresh_interpreter() -> None:
    done = _fresh(
        "import importlib, cuecraft\n"
        "for name in cuecraft.__all__:\n"
        "    value = getattr(cuecraft, name)\n"
        "    assert value is not None, name\n"
        "print(len(cuecraft.__all__))"
    )
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(cuecraft.__all__)


def test_lazy_names_are_the_objects_of_their_modules() -> None:
    from cuecraft import _interop, api, errors, model, options, readers, segment, writers
    from cuecraft.segment import rules

    assert cuecraft.Rules is rules.Rules
    assert cuecraft.Transcript is model.Transcript
    assert cuecraft.InputError is errors.InputError
    assert cuecraft.load is api.load
    assert cuecraft.to_pysubs2 is _interop.to_pysubs2
    assert (cuecraft.options, cuecraft.readers, cuecraft.writers) == (options, readers, writers)
    assert segment is api.segment  # the function, never the subpackage
    assert set(dir(cuecraft)) >= set(cuecraft.__all__)
    with pytest.raises(AttributeError, match="no attribute 'nope'"):
        getattr(cuecraft, "nope")  # noqa: B009


@pytest.mark.parametrize(
    "first",
    [
        "import cuecraft.segment",
        "from cuecraft.segment import Rules",
        "import cuecraft.api",
        "cuecraft.load",
        "cuecraft.Transcript",
    ],
)
def test_segment_stays_the_function_whatever_is_imported_first(first: str) -> None:
    done = _fresh(
        f"import cuecraft\n{first}\n"
        "from cuecraft import segment\n"
        "from cuecraft.api import segment as function\n"
        "assert cuecraft.segment is function and segment is function, cuecraft.segment\n"
        "assert type(__import__('sys').modules['cuecraft.segment']).__name__ == 'module'"
    )
    assert done.returncode == 0, done.stderr


# Third-party packages that only some formats need (issue #12: none on the light paths).
FORMAT_LIBRARIES = ("lxml", "docx", "pysubs2", "fpdf", "uharfbuzz", "odf", "dask", "fsspec")

_CLI = "import sys\nfrom cuecraft.cli import main\nassert main(sys.argv[1:]) == 0, sys.argv\n"


def _modules_of_cli(*argv: str) -> list[str]:
    """The module names loaded after ``cuecraft ARGV`` runs in a fresh interpreter."""
    done = _fresh(f"{_CLI}import json\nprint(json.dumps(sorted(sys.modules)))", *argv)
    assert done.returncode == 0, done.stderr
    loaded: list[str] = json.loads(done.stdout.splitlines()[-1])
    return loaded


def _format_libraries(loaded: list[str]) -> list[str]:
    return [name for name in loaded if name.split(".")[0] in FORMAT_LIBRARIES]


def test_light_paths_import_no_format_library(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    words = [{"text": f"word{i}.", "start": i * 0.5, "end": i * 0.5 + 0.4} for i in range(20)]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    target = tmp_path / "talk.srt"
    assert _format_libraries(_modules_after("import cuecraft")) == []
    for argv in (["--version"], ["formats"], ["convert", str(source), "-o", str(target)]):
        assert _format_libraries(_modules_of_cli(*argv)) == [], argv
    assert target.read_text(encoding="utf-8").startswith("1\n00:00:00,000 --> ")


def test_formats_imports_no_format_module_and_no_pydantic() -> None:
    loaded = _modules_of_cli("formats")
    assert _heavy(loaded) == [
        name for name in loaded if name in ("cuecraft.readers", "cuecraft.writers")
    ]
    assert not [
        name for name in loaded if name.startswith(("cuecraft.readers.", "cuecraft.writers."))
    ]


def test_a_json_to_srt_conversion_imports_only_json_readers_and_no_house_rules(
    tmp_path: Path,
) -> None:
    source = tmp_path / "talk.json"
    source.write_text('{"words": [{"text": "Hi.", "start": 0, "end": 1}]}', encoding="utf-8")
    loaded = _modules_of_cli("convert", str(source), "-o", str(tmp_path / "talk.srt"))
    readers = [name.rsplit(".", 1)[1] for name in loaded if name.startswith("cuecraft.readers.")]
    # Every JSON sniffer sees the input (detection never guesses), and only the reader that
    # matched is imported; no subtitle reader is.
    assert "words" in readers
    assert not {"amberscript", "deepgram", "whisper", "scribie"} & set(readers)
    assert not {"srt", "vtt", "ass", "sbv", "scc", "stl", "ttml"} & set(readers)
    assert "cuecraft.house_rules" not in loaded


def test_detecting_a_json_document_imports_only_the_reader_that_matched() -> None:
    # Every JSON sniffer sees the input, but they live in two light modules: the other
    # readers' pydantic models are never built (issue #12: lean start-up).
    deepgram = {"results": {"channels": [{"alternatives": [{"transcript": "", "words": []}]}]}}
    loaded = _modules_after(
        f"from cuecraft.readers import detect\nassert detect({deepgram!r}, source='d.json')"
        "[0].name == 'deepgram'"
    )
    readers = [name for name in loaded if name.startswith("cuecraft.readers.")]
    vendors = [name for name in readers if not name.rsplit(".", 1)[1].startswith("_")]
    assert vendors == ["cuecraft.readers.deepgram"]
    assert "cuecraft.readers._shapes_whisper" in loaded


def test_the_json_sniffers_import_no_pydantic() -> None:
    loaded = _modules_after(
        "import cuecraft.readers._shapes_cloud, cuecraft.readers._shapes_whisper"
    )
    assert [name for name in _heavy(loaded) if not name.startswith("cuecraft.readers")] == []
    assert [name for name in loaded if name.startswith("cuecraft.readers.")] == [
        "cuecraft.readers._shapes_cloud",
        "cuecraft.readers._shapes_whisper",
    ]


def test_a_conversion_without_setting_flags_imports_only_its_writer(tmp_path: Path) -> None:
    # The rule and option flags come from every writer's options: a command line that gives
    # none of them builds none, and loads only the writer it writes with (issue #12).
    source = tmp_path / "talk.json"
    source.write_text('{"words": [{"text": "Hi.", "start": 0, "end": 1}]}', encoding="utf-8")
    plain = _modules_of_cli("convert", str(source), "-o", str(tmp_path / "talk.srt"))
    writers = {name for name in plain if name.startswith("cuecraft.writers.")}
    assert "cuecraft.writers.srt" in writers
    assert not {"cuecraft.writers.vtt", "cuecraft.writers.stl", "cuecraft.writers.docx"} & writers
    flagged = _modules_of_cli(
        "convert", str(source), "-o", str(tmp_path / "flagged.srt"), "--max-rows", "1"
    )
    assert "cuecraft.writers.vtt" not in flagged  # a rule flag: the rules' flags only
    with_option = _modules_of_cli(
        "convert", str(source), "-o", str(tmp_path / "eol.srt"), "--eol", "\\r\\n"
    )
    assert "cuecraft.writers.vtt" in with_option  # a writer option: the whole table
    plain_srt = (tmp_path / "talk.srt").read_text(encoding="utf-8")
    assert plain_srt == (tmp_path / "flagged.srt").read_text(encoding="utf-8")
    assert (tmp_path / "eol.srt").read_bytes() == plain_srt.encode().replace(b"\n", b"\r\n")


def test_rule_flags_build_the_rules_flags_alone(tmp_path: Path) -> None:
    # Rule flags need the rules' flags only, also one that a writer shares (txt shares
    # --max-chars-per-row) when that writer is not the one chosen: the result is what the
    # rules say (issue #12: the benchmark's command line stays lean).
    source = tmp_path / "talk.json"
    words = [{"text": f"word{i}", "start": i * 0.5, "end": i * 0.5 + 0.4} for i in range(30)]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    target = tmp_path / "talk.srt"
    flags = ("--max-chars-per-row", "20", "--max-rows", "1", "--max-row-seconds=2")
    loaded = _modules_of_cli("convert", str(source), "-o", str(target), *flags)
    writers = {name for name in loaded if name.startswith("cuecraft.writers.")}
    assert "cuecraft.writers.srt" in writers
    assert not {"cuecraft.writers.txt", "cuecraft.writers.vtt", "cuecraft.writers.stl"} & writers
    rules = cuecraft.Rules(max_chars_per_row=20, max_rows=1, max_row_seconds=2)
    expected = cuecraft.dumps(cuecraft.load(source), "srt", rules=rules)
    assert target.read_text(encoding="utf-8") == expected
    assert max(len(line) for line in expected.splitlines() if "-->" not in line) <= 20


def test_a_shared_rule_flag_reaches_the_writer_that_shares_it(tmp_path: Path) -> None:
    # The parser is built with the rules' flags alone; the TXT writer, chosen afterwards,
    # still gets --max-chars-per-row as its wrap width.
    source = tmp_path / "talk.json"
    words = [{"text": f"word{i}", "start": i * 0.5, "end": i * 0.5 + 0.4} for i in range(30)]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    target = tmp_path / "talk.txt"
    _modules_of_cli("convert", str(source), "-o", str(target), "--max-chars-per-row", "20")
    expected = cuecraft.dumps(cuecraft.load(source), "txt", options={"max_chars_per_row": 20})
    assert target.read_text(encoding="utf-8") == expected
    assert max(len(line) for line in expected.splitlines()) <= 20


def test_a_shared_rule_flag_parses_as_the_rules_flag_alone() -> None:
    # What lets the parser take the rules' flags alone (add_setting_flags): each shared flag
    # has the same form in the whole table (a value, the same choices, a boolean or not).
    from cuecraft.commands._flags import flag_table
    from cuecraft.commands._setting_flags import SHARED_RULE_FLAGS, _accepted, rules_table

    whole = {flag.key: flag for flag in flag_table().flags}
    alone = {flag.key: flag for flag in rules_table().flags}
    for key in SHARED_RULE_FLAGS:
        assert whole[key].is_bool == alone[key].is_bool, key
        assert _accepted(whole[key]) == _accepted(alone[key]), key
        assert whole[key].dest == alone[key].dest, key


def test_table_for_adds_the_chosen_writers_side_of_a_shared_flag() -> None:
    import argparse

    from cuecraft.commands._setting_flags import rules_table, table_for
    from cuecraft.writers import get_writer

    args = argparse.Namespace(setting_flags=rules_table(), setting__max_chars_per_row="20")
    owners = {flag.key: flag.owners for flag in table_for(args, [get_writer("txt")]).flags}
    assert owners["max-chars-per-row"] == ["rules", "txt"]
    assert table_for(args, [get_writer("srt")]) is rules_table()
    unshared = argparse.Namespace(setting_flags=rules_table(), setting__max_rows="1")
    assert table_for(unshared, [get_writer("txt")]) is rules_table()


def test_the_shared_rule_flags_are_the_ones_writers_share() -> None:
    from cuecraft.commands._flags import RULES, flag_table
    from cuecraft.commands._setting_flags import SHARED_RULE_FLAGS

    shared = {
        flag.key: tuple(sorted(owner for owner in flag.owners if owner != RULES))
        for flag in flag_table().flags
        if RULES in flag.owners and flag.owners != [RULES]
    }
    assert shared == {key: tuple(sorted(names)) for key, names in SHARED_RULE_FLAGS.items()}


# ---------------------------------------------------------------------------- the parser


@pytest.mark.parametrize(
    ("argv", "needed"),
    [
        (["convert", "in.json", "-o", "out.srt"], ("convert",)),
        (["--debug", "batch", "in"], ("batch",)),
        (["--deb", "info", "x"], ("info",)),
        (["--version"], ()),
        (["--debug", "--ver"], ()),
        (["--help"], None),
        (["-h", "convert"], None),
        (["--", "convert"], None),
        (["nope"], None),
        (["--debug"], None),
        ([], None),
    ],
)
def test_the_parser_gets_only_the_named_command(
    argv: list[str], needed: tuple[str, ...] | None
) -> None:
    assert cli._needed(argv) == needed


@pytest.mark.parametrize(
    ("argv", "asks"),
    [
        (["convert", "--help"], True),
        (["convert", "-h"], True),
        (["convert", "--help-format", "stl"], True),
        (["convert", "--he"], True),
        (["--help"], True),
        (["convert", "-qh"], True),
        (["convert", "in.json", "-o", "out.srt", "--max-rows", "2"], False),
        (["convert", "-", "-o", "-", "-t", "srt"], False),
        (["convert", "--", "-h"], False),
    ],
)
def test_help_is_asked_for(argv: list[str], asks: bool) -> None:
    assert cli._asks_help(argv) is asks


def test_unknown_command_is_reported_as_before(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["nope"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'nope'" in err
    assert "convert" in err


def test_missing_command_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main([]) == 2
    assert "required: COMMAND" in capsys.readouterr().err


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "--version" in out
    assert "--debug" in out
    for name in COMMANDS:
        assert f"\n    {name} " in out, name


def test_command_help_has_every_rule_flag_with_its_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert cli.main(["convert", "--help"]) == 0
    squeezed = "".join(capsys.readouterr().out.split())
    rule_flags = [flag for flag in flag_table().flags if RULES in flag.owners]
    assert rule_flags
    for flag in rule_flags:
        text = flag_help(flag, brief=True).replace("%%", "%")
        assert text, flag.key
        assert flag.option in squeezed
        assert "".join(text.split()) in squeezed, flag.key


def test_help_wanted_is_scoped() -> None:
    assert help_wanted()
    with without_help():
        assert not help_wanted()
    assert help_wanted()


@pytest.mark.parametrize(
    "argv",
    [
        [
            "convert",
            "in.json",
            "-o",
            "out.srt",
            "--max-chars-per-row",
            "37",
            "--no-max-row-seconds",
        ],
        ["convert", "-", "-o", "-", "-t", "vtt", "--eol", "\\r\\n", "--debug"],
        ["--debug", "batch", "in", "-t", "srt", "-t", "vtt", "--output-dir", "out"],
        ["formats", "stl", "--json"],
        ["rules", "--show", "netflix"],
    ],
)
def test_a_parser_without_help_parses_as_the_whole_parser(argv: list[str]) -> None:
    whole = cli.build_parser().parse_known_args(argv)
    with without_help():
        lean = cli.build_parser(cli._needed(argv)).parse_known_args(argv)
    assert lean == whole
    assert isinstance(lean[0], argparse.Namespace)


_BUILT = """
from pydantic import BaseModel
def _all(klass):
    for sub in klass.__subclasses__():
        yield sub
        yield from _all(sub)
built = sorted({k.__qualname__ for k in _all(BaseModel) if k.__pydantic_complete__})
print(json.dumps([built, "pydantic.plugin._loader" in sys.modules]))
"""


@pytest.mark.parametrize(
    "flags",
    [(), ("--max-chars-per-row", "32", "--max-rows", "1", "--max-row-seconds=2.5", "--eol=\\r\\n")],
)
def test_a_conversion_builds_no_pydantic_validator(tmp_path: Path, flags: tuple[str, ...]) -> None:
    # Values that plainly fit their fields make their objects without a validator
    # (cuecraft._quick): the first one built costs some 50 ms of start-up (issue #12).
    source = tmp_path / "talk.json"
    words = [
        {"text": f"word{i}.", "start": i * 0.5, "end": i * 0.5 + 0.4, "speaker": f"S{i % 2}"}
        for i in range(20)
    ]
    source.write_text(json.dumps({"words": words}), encoding="utf-8")
    target = tmp_path / "talk.srt"
    done = _fresh(f"{_CLI}import json\n{_BUILT}", "convert", str(source), "-o", str(target), *flags)
    assert done.returncode == 0, done.stderr
    built, plugins_looked_up = json.loads(done.stdout.splitlines()[-1])
    assert built == []
    assert not plugins_looked_up
    assert target.read_text(encoding="utf-8").startswith("1")


def test_a_bad_setting_is_still_refused_by_validation(tmp_path: Path) -> None:
    source = tmp_path / "talk.json"
    source.write_text('{"words": [{"text": "Hi.", "start": 0, "end": 1}]}', encoding="utf-8")
    argv = ["convert", str(source), "-o", str(tmp_path / "t.srt"), "--max-rows", "9"]
    done = _fresh("import sys\nfrom cuecraft.cli import main\nsys.exit(main(sys.argv[1:]))", *argv)
    assert done.returncode == 2
    assert "max-rows" in done.stderr
    assert "4" in done.stderr


@pytest.mark.parametrize(
    "sample",
    sorted(str(p.relative_to(SRC.parent)) for p in (SRC.parent / "samples").glob("*/*.json")),
)
def test_converting_a_bundled_sample_builds_no_pydantic_validator(
    tmp_path: Path, sample: str
) -> None:
    # Vendor exports hold metadata, speaker lists and fields the reader ignores: all made
    # without a validator when plainly valid (cuecraft._quick).
    target = tmp_path / "sample.srt"
    argv = ("convert", str(SRC.parent / sample), "-o", str(target))
    done = _fresh(f"{_CLI}import json\n{_BUILT}", *argv)
    assert done.returncode == 0, done.stderr
    built, _ = json.loads(done.stdout.splitlines()[-1])
    assert built == []
    assert target.read_text(encoding="utf-8").startswith("1")
