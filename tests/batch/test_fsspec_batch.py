"""Batch on fsspec URLs (issue #16): ``file://`` and ``memory://`` inputs and outputs give the
bytes the local batch gives, prefixes are listed like folders, up-to-date outputs are skipped,
failures stay per file, and writes never expose part of an output."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cuecraft.batch import run_batch
from cuecraft.batch.storage import is_url, join, list_prefix, read_bytes, write_bytes
from cuecraft.errors import InputError, RulesError
from tests.batch._generated import transcript_bytes, tree, write_inputs

fsspec = pytest.importorskip("fsspec")

FORMATS = ["srt", "vtt", "txt"]


@pytest.fixture
def memory_root() -> Iterator[str]:
    """A fresh ``memory://`` prefix, removed afterwards (the store is process-wide)."""
    root = f"memory://cuecraft-{uuid.uuid4().hex[:8]}"
    yield root
    fs = fsspec.filesystem("memory")
    path = root.removeprefix("memory://")
    if fs.exists(path):
        fs.rm(path, recursive=True)


def _memory_tree(root: str) -> dict[str, bytes]:
    fs = fsspec.filesystem("memory")
    base = "/" + root.removeprefix("memory://")
    return {item[len(base) + 1 :]: fs.cat_file(item) for item in sorted(fs.find(base))}


def _local_reference(tmp_path: Path, count: int) -> dict[str, bytes]:
    write_inputs(tmp_path / "ref-in", count)
    report = run_batch([tmp_path / "ref-in"], tmp_path / "ref-out", FORMATS, jobs=1)
    assert report.converted == count
    return tree(tmp_path / "ref-out")


def test_is_url() -> None:
    assert is_url("s3://bucket/key")
    assert is_url("memory://x")
    assert is_url("file:///tmp/x")
    assert not is_url("C://windows")  # a drive letter is no scheme
    assert not is_url("relative/path.json")
    assert not is_url(Path("/tmp"))


def test_file_urls_give_the_local_bytes(tmp_path: Path) -> None:
    expected = _local_reference(tmp_path, 6)
    write_inputs(tmp_path / "in", 6)
    out = tmp_path / "out"
    report = run_batch([(tmp_path / "in").as_uri()], out.as_uri(), FORMATS, jobs=2)
    assert (report.converted, report.failed) == (6, 0)
    assert report.output_dir == out.as_uri()
    assert tree(out) == expected
    assert all(r.source.startswith("file://") for r in report.results)


def test_memory_in_and_out_gives_the_local_bytes(tmp_path: Path, memory_root: str) -> None:
    expected = _local_reference(tmp_path, 5)
    for index in range(5):
        write_bytes(join(memory_root, "in", f"t{index:03d}.json"), transcript_bytes(index))
    write_bytes(join(memory_root, "in", ".hidden.json"), b"{}")  # hidden: never listed
    seen: list[tuple[int, int]] = []
    report = run_batch(
        [join(memory_root, "in")],
        join(memory_root, "out"),
        FORMATS,
        jobs=4,  # memory:// belongs to this process: run inline whatever jobs says
        on_result=lambda result, done, total: seen.append((done, total)),
    )
    assert (report.converted, report.failed) == (5, 0)
    assert seen == [(n, 5) for n in range(1, 6)]
    got = {k.removeprefix("out/"): v for k, v in _memory_tree(memory_root).items() if "out/" in k}
    assert got == expected


def test_local_inputs_to_memory_output_and_back(tmp_path: Path, memory_root: str) -> None:
    expected = _local_reference(tmp_path, 3)
    write_inputs(tmp_path / "in", 3)
    report = run_batch([tmp_path / "in"], memory_root, FORMATS)
    assert report.converted == 3
    assert _memory_tree(memory_root) == expected
    srts = [join(memory_root, f"t{index:03d}.srt") for index in range(3)]
    back = run_batch(srts, tmp_path / "back", ["vtt"])
    assert (back.converted, back.failed) == (3, 0)
    assert sorted(tree(tmp_path / "back")) == ["t000.vtt", "t001.vtt", "t002.vtt"]


def test_up_to_date_outputs_are_skipped(memory_root: str) -> None:
    for index in range(3):
        write_bytes(join(memory_root, "in", f"t{index}.json"), transcript_bytes(index))
    first = run_batch([join(memory_root, "in")], join(memory_root, "out"), ["srt"])
    assert first.converted == 3
    # Rewrite one input: only that one is converted again.
    write_bytes(join(memory_root, "in", "t1.json"), transcript_bytes(7))
    second = run_batch([join(memory_root, "in")], join(memory_root, "out"), ["srt"])
    assert {r.source.rsplit("/", 1)[-1]: r.status for r in second.results} == {
        "t0.json": "skipped",
        "t1.json": "converted",
        "t2.json": "skipped",
    }
    assert b"archive7 broadcast" in read_bytes(join(memory_root, "out", "t1.srt"), 10**6)
    forced = run_batch([join(memory_root, "in")], join(memory_root, "out"), ["srt"], force=True)
    assert forced.converted == 3


def test_keep_folders_and_collisions_under_a_prefix(memory_root: str) -> None:
    write_bytes(join(memory_root, "in", "a", "x.json"), transcript_bytes(1))
    write_bytes(join(memory_root, "in", "b", "x.json"), transcript_bytes(2))
    refused = run_batch([join(memory_root, "in")], join(memory_root, "out"), ["srt"])
    assert refused.failed == 2
    assert all("collides" in (r.error or "") for r in refused.results)
    kept = run_batch(
        [join(memory_root, "in")], join(memory_root, "out"), ["srt"], keep_folders=True
    )
    assert kept.converted == 2
    assert {"out/a/x.srt", "out/b/x.srt"} <= set(_memory_tree(memory_root))


def test_bad_objects_fail_alone_with_their_location(memory_root: str) -> None:
    write_bytes(join(memory_root, "in", "good.json"), transcript_bytes(0))
    write_bytes(join(memory_root, "in", "broken.json"), b'{"segments": [')
    report = run_batch(
        [join(memory_root, "in"), join(memory_root, "missing")], join(memory_root, "o"), ["srt"]
    )
    by_name = {r.source.rsplit("/", 1)[-1]: r for r in report.results}
    assert by_name["good.json"].status == "converted"
    assert by_name["broken.json"].status == "failed"
    assert by_name["broken.json"].error is not None
    assert by_name["broken.json"].error.startswith(join(memory_root, "in", "broken.json"))
    assert by_name["missing"].status == "failed"
    assert report.exit_code() == 1
    assert list(_memory_tree(memory_root)) == ["in/broken.json", "in/good.json", "o/good.srt"]


def test_an_output_prefix_inside_the_input_prefix_is_not_read(memory_root: str) -> None:
    write_bytes(join(memory_root, "t.json"), transcript_bytes(0))
    run_batch([memory_root], join(memory_root, "out"), ["vtt", "txt"])
    again = run_batch([memory_root], join(memory_root, "out"), ["vtt", "txt"], force=True)
    assert [r.source.rsplit("/", 1)[-1] for r in again.results] == ["t.json"]


def test_memory_with_an_executor_is_refused(memory_root: str) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool, pytest.raises(RulesError) as info:
        run_batch([memory_root], join(memory_root, "out"), ["srt"], executor=pool)
    assert info.value.field == "executor"


def test_list_prefix_and_read_errors(memory_root: str) -> None:
    write_bytes(join(memory_root, "p", "a.json"), b"{}")
    write_bytes(join(memory_root, "p", "deep", "b.srt"), b"")
    write_bytes(join(memory_root, "p", "c.bin"), b"")
    assert list_prefix(join(memory_root, "p"), (".json", ".srt")) == [
        join(memory_root, "p", "a.json"),
        join(memory_root, "p", "deep", "b.srt"),
    ]
    assert list_prefix(join(memory_root, "nothing"), (".json",)) is None
    with pytest.raises(InputError) as info:
        read_bytes(join(memory_root, "p", "a.json"), max_bytes=1)
    assert info.value.source == join(memory_root, "p", "a.json")
    with pytest.raises(InputError):
        read_bytes(join(memory_root, "p", "none.json"), max_bytes=10)


def test_a_failed_write_leaves_no_object(memory_root: str, tmp_path: Path) -> None:
    """The output is rendered whole before the one PUT: a writer that fails stores nothing."""
    emoji = transcript_bytes(0).replace(b"archive", "arch\N{GRINNING FACE}".encode())
    write_bytes(join(memory_root, "in", "t.json"), emoji)
    report = run_batch([join(memory_root, "in")], join(memory_root, "out"), ["srt", "stl"])
    statuses = {out.format: out.status for r in report.results for out in r.outputs}
    assert statuses == {"srt": "written", "stl": "failed"}  # STL cannot encode the emoji
    assert report.results[0].location == "cue 1"
    assert set(_memory_tree(memory_root)) == {"in/t.json", "out/t.srt"}


def test_file_url_writes_leave_no_temporary_files(tmp_path: Path) -> None:
    target = (tmp_path / "deep" / "x.srt").as_uri()
    write_bytes(target, b"1\n")
    write_bytes(target, b"2\n")
    assert tree(tmp_path) == {"deep/x.srt": b"2\n"}


# ------------------------------------------------------------------- an S3-compatible endpoint


@pytest.fixture(scope="module")
def s3_endpoint() -> Iterator[dict[str, Any]]:
    """moto's S3 server on loopback, and the s3fs options that reach it."""
    pytest.importorskip("s3fs")
    server_module = pytest.importorskip("moto.server")
    server = server_module.ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    options = {
        "endpoint_url": f"http://{host}:{port}",
        "key": "testing",
        "secret": "testing",
    }
    try:
        yield options
    finally:
        server.stop()


def test_s3_in_and_out_gives_the_local_bytes(tmp_path: Path, s3_endpoint: dict[str, Any]) -> None:
    import s3fs

    expected = _local_reference(tmp_path, 4)
    fs = s3fs.S3FileSystem(**s3_endpoint)
    bucket = f"cuecraft-{uuid.uuid4().hex[:8]}"
    fs.mkdir(bucket)
    for index in range(4):
        fs.pipe_file(f"{bucket}/archive/in/t{index:03d}.json", transcript_bytes(index))
    fs.pipe_file(f"{bucket}/archive/in/broken.json", b"[")
    time.sleep(1.1)  # S3 dates are whole seconds: outputs must be dated after the inputs
    storage = {"s3": s3_endpoint}
    report = run_batch(
        [f"s3://{bucket}/archive/in"],
        f"s3://{bucket}/archive/out",
        FORMATS,
        jobs=2,
        storage_options=storage,
    )
    assert (report.converted, report.failed) == (4, 1)
    fs.invalidate_cache()
    got = {key.rsplit("/", 1)[-1]: fs.cat_file(key) for key in fs.find(f"{bucket}/archive/out")}
    assert got == expected
    again = run_batch(
        [f"s3://{bucket}/archive/in"],
        f"s3://{bucket}/archive/out",
        FORMATS,
        jobs=1,
        storage_options=storage,
    )
    assert (again.skipped, again.converted) == (4, 0)
