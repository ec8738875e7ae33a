"""Inputs and outputs named by fsspec URLs (``s3://``, ``gs://``, ``az://``, ``file://``,
``memory://``): listing a prefix, reading, writing whole objects, and their dates.

fsspec is optional (``pip install 'cuecraft[s3]'``, ``[gcs]``, ``[azure]``, or ``[fsspec]``
for ``file://`` and ``memory://`` alone); plain paths never import it. Issue #16.

Writes never expose half an output. A local file system gets a temporary file then a rename
(``api``'s atomic write); a store with a real rename (SFTP, HDFS) gets a temporary key then a
rename; an object store (S3, GCS, Azure Blob, memory) gets one PUT of the complete bytes, which
the store makes visible all at once or not at all.

``storage_options`` map a protocol to the keyword arguments of its file system, e.g.
``{"s3": {"endpoint_url": "http://127.0.0.1:9000"}}``; they travel inside each batch job so
worker processes and Dask workers open the store the same way.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Mapping
from pathlib import Path, PurePosixPath
from typing import Any

from cuecraft._files import atomic_write, over_limit, reading
from cuecraft.errors import InputError, OutputError

__all__ = [
    "StorageOptions",
    "file_system",
    "is_url",
    "join",
    "list_prefix",
    "local_path",
    "modified_ns",
    "read_bytes",
    "relative_parts",
    "sweep_local_parts",
    "write_bytes",
]

StorageOptions = Mapping[str, Mapping[str, Any]]
"""Protocol name (``s3``, ``gs``...) -> keyword arguments for that file system."""

# A scheme of two letters or more: "C:\\..." and "C:/..." stay Windows paths.
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")

# Stores whose rename is a real rename (a metadata change, not a copy then a delete).
_RENAMING = frozenset({"sftp", "ssh", "hdfs", "webhdfs", "arrow_hdfs"})


def is_url(location: str | object) -> bool:
    """Whether ``location`` is a URL (``s3://bucket/key``) rather than a local path."""
    return isinstance(location, str) and _URL.match(location) is not None


def file_system(url: str, options: StorageOptions | None = None) -> tuple[Any, str]:
    """``(fsspec file system, path within it)`` for ``url``.

    Raises:
        OutputError: when fsspec, or the package for this protocol, is not installed, or the
            URL names no known protocol.
    """
    try:
        from fsspec.core import split_protocol, url_to_fs
    except ImportError:
        raise OutputError(
            "URLs need fsspec: pip install 'cuecraft[fsspec]' (or [s3], [gcs], [azure])",
            target=url,
        ) from None
    protocol = split_protocol(url)[0] or "file"
    kwargs = dict((options or {}).get(protocol, {}))
    try:
        return url_to_fs(url, **kwargs)  # type: ignore[no-any-return]
    except ImportError as exc:
        extra = {"s3": "s3", "s3a": "s3", "gs": "gcs", "gcs": "gcs", "az": "azure"}.get(protocol)
        hint = f"pip install 'cuecraft[{extra}]'" if extra else str(exc)
        raise OutputError(f"no file system for {protocol}:// ({hint})", target=url) from None
    except ValueError as exc:
        raise OutputError(f"not a usable URL ({exc})", target=url) from None


def local_path(url: str, options: StorageOptions | None = None) -> Path | None:
    """The local path a ``file://`` URL names (None for any other store)."""
    fs, path = file_system(url, options)
    return Path(path) if _is_local(fs) else None


def _is_local(fs: Any) -> bool:
    protocol = fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)
    return "file" in protocol or "local" in protocol


def join(base: str, *parts: str) -> str:
    """``base/part/...`` for a URL (never a backslash, whatever the OS)."""
    return "/".join([base.rstrip("/"), *parts])


def relative_parts(url: str, prefix: str) -> tuple[str, ...]:
    """The folder parts between ``prefix`` and the object ``url`` names (both URLs)."""
    inner = PurePosixPath(url.split("://", 1)[1])
    outer = PurePosixPath(prefix.split("://", 1)[1].rstrip("/") or "/")
    try:
        return inner.parent.relative_to(outer).parts
    except ValueError:
        return ()


def list_prefix(
    url: str, extensions: tuple[str, ...], options: StorageOptions | None = None
) -> list[str] | None:
    """The objects under ``url`` whose names end in one of ``extensions``, as URLs in name
    order; ``[url]`` when it names one object; None when nothing is there.

    Hidden names (a part starting with ``.``) are left out, as for local folders.
    """
    fs, path = file_system(url, options)
    try:
        if fs.isfile(path):
            return [url]
        if not fs.isdir(path):
            return None
        found = sorted(fs.find(path))
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise InputError(f"cannot list: {exc}", source=url) from exc
    base = path.rstrip("/")
    urls: list[str] = []
    for item in found:
        below = item[len(base) :].lstrip("/") if item.startswith(base) else item
        if any(part.startswith(".") for part in below.split("/")):
            continue
        if item.lower().endswith(extensions):
            urls.append(join(url, below))
    return urls


def modified_ns(url: str, options: StorageOptions | None = None) -> int | None:
    """When the object was last written (nanoseconds since the epoch), None when unknown or
    absent (a folder counts as absent: it is no output)."""
    fs, path = file_system(url, options)
    try:
        if not fs.isfile(path):
            return None
        when = fs.modified(path)
    except (OSError, NotImplementedError):
        return None
    try:
        return int(when.timestamp() * 1_000_000_000)
    except (AttributeError, OverflowError, ValueError):
        return None


def read_bytes(url: str, max_bytes: int, options: StorageOptions | None = None) -> bytes:
    """The whole object, refusing one over ``max_bytes``.

    Raises:
        InputError: naming ``url`` when it is missing, a prefix, unreadable or too large.
    """
    try:
        fs, path = file_system(url, options)
    except OutputError as exc:
        raise InputError(str(exc).removeprefix(f"{url}: "), source=url) from None
    with reading(url, what="object", folder="prefix (folder)"):
        size = fs.size(path)
        if size is not None and size > max_bytes:
            raise over_limit(url, max_bytes, size, what="object")
        data = fs.cat_file(path)
    if len(data) > max_bytes:
        raise over_limit(url, max_bytes, what="object")
    return bytes(data)


def write_bytes(url: str, data: bytes, options: StorageOptions | None = None) -> None:
    """Store ``data`` at ``url`` so that no reader ever sees part of it.

    Raises:
        OutputError: naming ``url`` when it cannot be written.
    """
    fs, path = file_system(url, options)
    if _is_local(fs):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        atomic_write(data, Path(path))
        return
    protocols = set(fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))
    try:
        if protocols & _RENAMING:
            parent, name = path.rsplit("/", 1) if "/" in path else ("", path)
            temporary = f"{parent}/.{name}.{secrets.token_hex(6)}.part"
            fs.makedirs(parent, exist_ok=True)
            fs.pipe_file(temporary, data)
            fs.mv(temporary, path)
        else:
            # One PUT of the complete bytes: object stores publish it whole or not at all.
            fs.pipe_file(path, data)
    except OSError as exc:
        raise OutputError(f"cannot write: {exc}", target=url) from exc


def sweep_local_parts(url: str, options: StorageOptions | None = None) -> None:
    """Remove temporary files a killed writer left beside a ``file://`` output."""
    try:
        path = local_path(url, options)
    except OutputError:
        return
    if path is None:
        return
    for leftover in path.parent.glob(f".{path.name}.*.part"):
        leftover.unlink(missing_ok=True)
