"""File handling for :mod:`cuecraft.api`: bounded reads and atomic, mode-keeping writes.

Reading (issue #10): :func:`read_path` is the one place that opens an input file (``load``,
``check``, ``info``, a batch's local inputs). A file is read through one open handle, at most
``max_bytes + 1`` bytes whatever ``st_size`` claims, so ``/dev/zero``, a FIFO or a file that
grows while read cannot exhaust memory. A path that the OS cannot take (a NUL byte) is an
``InputError``. :func:`reading` and :func:`over_limit` say the same things, the same way, for
inputs opened elsewhere (a stream, an fsspec object).

Writing: the output goes to a temporary file beside the final file and replaces it with
``os.replace`` only once complete, so a crash never leaves half a file. The final file gets
the mode a plain ``open()`` would give it: an existing target keeps its mode, a new one gets
``0o666`` minus the umask. When the target is a symbolic link, the file it points to is
replaced (the temporary file is made beside that file) and the link stays a link.

Temporary files are named ``.<name>.<pid>.<random>.part``. A process killed mid-write
(SIGKILL, power loss) leaves one behind; the next write into the same folder removes those
of earlier runs that are certainly stale: older than :data:`STALE_AFTER_S`, or older than
:data:`DEAD_WRITER_GRACE_S` when the pid in the name is not a running process on this
machine. The age guard is what makes it safe on a folder shared between machines, where a
pid says nothing: no write keeps its temporary file for anything like that long, as the
whole output is rendered in memory first.
"""

from __future__ import annotations

import os
import re
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from cuecraft.errors import CuecraftError, InputError, OutputError

__all__ = [
    "DEAD_WRITER_GRACE_S",
    "STALE_AFTER_S",
    "atomic_write",
    "over_limit",
    "read_bounded",
    "read_path",
    "reading",
    "remove_stale_parts",
    "resolve_target",
]

STALE_AFTER_S = 3600.0
"""A temporary ``.part`` file older than this (by modification time) is stale."""

DEAD_WRITER_GRACE_S = 60.0
"""A ``.part`` file whose writer pid is not running is stale once this old."""

_SWEEP_EVERY_S = 600.0
# Old releases wrote ".<name>.<random>.part" (no pid): those go only by age.
_PART = re.compile(r"\.(?P<name>.+?)\.(?:(?P<pid>\d+)\.)?[a-z0-9_]{8}\.part", re.DOTALL)
_last_sweep: dict[str, float] = {}


ErrorFactory = Callable[..., CuecraftError]
"""Builds the error for an input that cannot be read: ``factory(message, source=label)``
(``InputError`` by default; a house rules file says ``HouseRulesError``)."""


def over_limit(
    label: str,
    max_bytes: int,
    size: int | None = None,
    *,
    what: str = "file",
    error: ErrorFactory = InputError,
) -> CuecraftError:
    """The error for an input over ``max_bytes`` (its ``size`` when known)."""
    shown = f"{size} bytes, over" if size is not None else "over"
    return error(f"{what} is {shown} the {max_bytes}-byte limit", source=label)


@contextmanager
def reading(
    label: str,
    *,
    what: str = "file",
    folder: str = "directory",
    error: ErrorFactory = InputError,
) -> Iterator[None]:
    """Turn what the OS (or a file system) says while opening and reading into one error
    naming ``label``: a missing ``what``, a ``folder`` given for it, a name the OS cannot
    take, anything else unreadable. cuecraft's own errors pass through unchanged."""
    try:
        yield
    except CuecraftError:
        raise
    except FileNotFoundError:
        raise error(f"no such {what}", source=label) from None
    except IsADirectoryError:
        raise error(f"is a {folder}, not a {what}", source=label) from None
    except ValueError as exc:  # "embedded null byte"
        raise error(f"not a usable {what} name ({exc})", source=label) from None
    except OSError as exc:
        raise error(f"cannot read {what}: {exc.strerror or exc}", source=label) from exc


def read_path(
    path: str | os.PathLike[str],
    max_bytes: int,
    *,
    label: str,
    error: ErrorFactory = InputError,
) -> bytes:
    """The bytes of a file, refusing more than ``max_bytes`` (read, not trusted from stat).

    Raises:
        InputError: (or what ``error`` builds) naming ``label`` for a missing file, a
            folder, an unreadable file, a path the OS rejects, or content over the limit.
    """
    with reading(label, error=error), open(path, "rb") as stream:
        info = os.fstat(stream.fileno())
        # A regular file says its size: refuse a huge one without reading it. Devices,
        # pipes and /proc files claim 0 (or anything): the bounded read decides for them.
        if info.st_size > max_bytes:
            raise over_limit(label, max_bytes, info.st_size, error=error)
        data: bytes = read_bounded(stream, max_bytes, size_hint=info.st_size)
    if len(data) > max_bytes:
        raise over_limit(label, max_bytes, error=error)
    return data


_CHUNK = 1 << 20


def read_bounded(stream: Any, max_bytes: int, *, size_hint: int = 0) -> Any:
    """At most ``max_bytes + 1`` bytes (or characters) of ``stream``.

    ``read(n)`` on a buffered file allocates ``n`` bytes up front, so it is never asked for
    more than the file's size (its ``size_hint``) or a chunk at a time: a 512 MiB limit costs
    nothing on a small file, and a limit too large to allocate is no error.
    """
    want = max_bytes + 1
    first = stream.read(min(want, size_hint + 1 if size_hint > 0 else _CHUNK))
    parts = [first]
    total = len(first)
    while first and total < want:
        first = stream.read(min(want - total, _CHUNK))
        if first:  # the empty read at the end is no part: a file read whole is not copied
            parts.append(first)
            total += len(first)
    return parts[0] if len(parts) == 1 else parts[0][:0].join(parts)


def resolve_target(target: Path) -> Path:
    """The file a write to ``target`` replaces: the end of its symbolic links, if any."""
    if not target.is_symlink():
        return target
    return Path(os.path.realpath(target))


def _umask() -> int:
    # os.umask() can only be read by setting it, which races with other threads creating
    # files; Linux shows it in /proc (kernel 4.7+), so ask there first.
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _is_stale(entry: os.DirEntry[str], now: float) -> bool:
    match = _PART.fullmatch(entry.name)
    if match is None:
        return False
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not entry.is_file(follow_symlinks=False):
        return False
    age = now - info.st_mtime
    if age > STALE_AFTER_S:
        return True
    pid = match.group("pid")
    return pid is not None and age > DEAD_WRITER_GRACE_S and not _running(int(pid))


def _running(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        # On Windows os.kill(pid, 0) sends CTRL_C_EVENT: rely on the age alone there.
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process (or no answer): treat as alive
    return True


def remove_stale_parts(folder: Path, *, force: bool = False) -> list[Path]:
    """Remove the stale temporary files of killed writers from ``folder``.

    At most one scan per folder every ten minutes (a batch writes thousands of files into one
    folder), unless ``force``. Returns the files removed.
    """
    key = os.path.abspath(folder)
    now_monotonic = time.monotonic()
    if not force and now_monotonic - _last_sweep.get(key, -_SWEEP_EVERY_S) < _SWEEP_EVERY_S:
        return []
    _last_sweep[key] = now_monotonic
    removed: list[Path] = []
    now = time.time()
    try:
        with os.scandir(folder) as entries:
            stale = [
                entry.path
                for entry in entries
                if entry.name.startswith(".")
                and entry.name.endswith(".part")
                and _is_stale(entry, now)
            ]
    except OSError:
        return removed
    for path in stale:
        try:
            os.unlink(path)
        except OSError:
            continue
        removed.append(Path(path))
    return removed


def atomic_write(data: bytes, target: Path) -> None:
    """Write ``data`` to ``target`` all at once (see the module docstring).

    Raises:
        OutputError: naming ``target`` when it cannot be written.
    """
    label = str(target)
    try:
        final = resolve_target(target)
        folder = final.parent if str(final.parent) else Path(".")
        try:
            # Permission bits only: set-id bits are not carried over (as a plain write drops them).
            mode = os.stat(final).st_mode & 0o777
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        remove_stale_parts(folder)
        handle, temporary = tempfile.mkstemp(
            prefix=f".{final.name}.{os.getpid()}.", suffix=".part", dir=folder
        )
    except ValueError as exc:  # "embedded null byte"
        raise OutputError(f"not a usable file name ({exc})", target=label) from None
    except OSError as exc:
        raise OutputError(f"cannot write here: {exc.strerror or exc}", target=label) from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            # mkstemp makes the file 0600; give it the mode open() would have.
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            else:  # Windows before Python 3.13
                os.chmod(temporary, mode)
            os.fsync(stream.fileno())
        os.replace(temporary, final)
    except BaseException as exc:
        Path(temporary).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise OutputError(f"cannot write: {exc.strerror or exc}", target=label) from exc
        raise
