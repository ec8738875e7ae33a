"""A pause of the cyclic garbage collector while many small objects are built at once."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["paused_gc"]


@contextmanager
def paused_gc() -> Iterator[None]:
    """Suspend automatic collection for the block, then restore the collector's state.

    Loading or segmenting a long transcript allocates hundreds of thousands of objects that
    all stay alive; every allocation threshold crossed starts a collection that frees nothing
    and rescans a growing heap. Pausing it takes a third off loading 100k words
    (``benchmarks/segmentation_speed.py``). Reference counting still frees garbage at once,
    and a collection runs as usual once the block is left.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
