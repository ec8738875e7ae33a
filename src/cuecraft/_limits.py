"""Input limits: the size cap and the memory estimate that ``load`` checks before reading."""

from __future__ import annotations

import os
import sys
from typing import Any

from cuecraft.errors import InputError, RulesError

__all__ = [
    "MAX_INPUT_BYTES",
    "MEMORY_FACTORS",
    "check_memory",
    "default_max_memory",
    "estimate_memory",
    "limit",
]

MAX_INPUT_BYTES = 512 * 1024 * 1024
"""Inputs larger than this are refused (override with ``max_bytes=``)."""


MEMORY_FACTORS = {"json": 60, "other": 130}
"""Peak memory of a conversion per input byte, measured as the peak RSS growth over ``load`` +
``segment`` + ``write`` (``python benchmarks/memory_factor.py``, CPython 3.11): compact
word-list JSON of one- and two-letter words needs 41-53x its size, SRT cues of short words
116-120x. Rounded up; used by :func:`estimate_memory`."""


def estimate_memory(data: Any) -> int:
    """Bytes of memory a conversion of ``data`` (raw input) is estimated to need at peak."""
    if not isinstance(data, (bytes, str)):
        return 0  # parsed JSON: already in memory, and its size is not cheap to tell
    head = data[:64].lstrip()
    json_like = head[:1] in (b"{", b"[", "{", "[", b"\xef", "\ufeff")
    return len(data) * MEMORY_FACTORS["json" if json_like else "other"]


def default_max_memory() -> int:
    """The default memory budget: this machine's physical memory (8 GiB when unknown)."""
    try:
        pages = os.sysconf("SC_PHYS_PAGES")
        page_size = os.sysconf("SC_PAGE_SIZE")
    except (AttributeError, ValueError, OSError):
        return 8 * 1024**3
    return pages * page_size if pages > 0 and page_size > 0 else 8 * 1024**3


def limit(value: int, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise RulesError(f"must be a whole number of bytes >= 1, got {value!r}", field=name)
    # A limit past what an index can count is no limit (read(10**30) would overflow).
    return min(value, sys.maxsize - 1)


def check_memory(data: Any, budget: int, label: str) -> None:
    need = estimate_memory(data)
    if need > budget:
        raise InputError(
            f"converting this input would need about {_mib(need)} of memory, over the "
            f"{_mib(budget)} budget; split the input, or raise the budget (max_memory_bytes=)",
            source=label,
        )


def _mib(size: int) -> str:
    return f"{size / 1024**2:,.0f} MiB" if size >= 1024**2 else f"{size} bytes"
