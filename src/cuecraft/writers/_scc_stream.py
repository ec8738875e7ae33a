"""The SCC writer's stream layout: each cue's words on frames, one word a frame.

A cue's words must put its showing word (the first EOC of a pop-on load, the first character
of a roll-up row) on the cue's start frame, so they start that many frames earlier; never
before the previous cue's words are all out (a load must not overwrite the caption still
being built). The previous cue's erase (EDM EDM) goes on its end frame, inside the next load
if need be, and is left out when the next cue shows within ``HAND_OVER`` frames of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from cuecraft.formats import cea608
from cuecraft.model import Diagnostic

__all__ = ["HAND_OVER", "Block", "schedule"]

# A gap this short (frames) is not erased: the next EOC replaces the caption (an EDM pair
# there would end right before the EOC, which pycaption, for one, misreads).
HAND_OVER: Final = 3


@dataclass
class Block:
    """One cue's words, the index of the word that shows it, and its wanted frames."""

    index: int
    words: list[tuple[int, int]]
    anchor: int
    start: int
    end: int


def _place(block: Block, floor: int, erase: int | None) -> tuple[list[int], int | None]:
    """Frames for the block's words (anchor on ``block.start`` if it fits after ``floor``)
    and for an erase pair at ``erase`` (moved to ``floor`` if earlier), skipped by the block."""
    if erase is not None:
        erase = max(erase, floor)
    taken = {erase, erase + 1} if erase is not None else set()

    pairs = _pair_starts(block.words)

    def lay(first: int) -> list[int]:
        frames, frame = [], first
        for index in range(len(block.words)):
            # A doubled code is never split by the erase: a decoder drops a repeat only when
            # it directly follows the first copy (else it would act twice: "¿¿").
            while frame in taken or (index in pairs and frame + 1 in taken):
                frame += 1
            frames.append(frame)
            frame += 1
        return frames

    # The anchor's frame only grows with the first frame; skipped frames (the erase, a pair
    # kept whole) push it later. Take the earliest first frame that shows the cue no earlier
    # than its start, and no earlier than the floor.
    first = max(block.start - block.anchor, floor)
    frames = lay(first)
    while first > floor:
        earlier = lay(first - 1)
        if earlier[block.anchor] < block.start:
            break
        first, frames = first - 1, earlier
    return frames, erase


def _pair_starts(words: list[tuple[int, int]]) -> set[int]:
    """Indices of the first copy of each doubled two-byte code."""
    starts: set[int] = set()
    index = 0
    while index < len(words):
        if 0x10 <= words[index][0] <= 0x1F and words[index + 1 : index + 2] == [words[index]]:
            starts.add(index)
            index += 2
        else:
            index += 1
    return starts


def schedule(blocks: list[Block], notes: list[Diagnostic]) -> dict[int, tuple[int, int]]:
    """Frame -> word for the whole stream, in time order, reporting moved cues."""
    stream: dict[int, tuple[int, int]] = {}
    floor = 0
    pending_end: int | None = None  # end frame of the cue on screen, not yet erased
    previous: int | None = None  # that cue's index
    for block in blocks:
        frames, _ = _place(block, floor, None)
        erase: int | None = None
        if pending_end is not None and pending_end + HAND_OVER < frames[block.anchor]:
            # Keeping doubled codes whole can push the load a frame off; an erase one or two
            # frames late costs less than a late caption.
            options = [_place(block, floor, pending_end + delay) for delay in range(3)]
            frames, erase = min(options, key=lambda option: option[0][block.anchor])
        if erase is not None:
            stream[erase] = stream[erase + 1] = cea608.EDM
            if pending_end is not None and erase != pending_end and previous is not None:
                notes.append(
                    Diagnostic(
                        code="scc-retimed",
                        cue_index=previous,
                        message=f"erased at {cea608.frame_to_timecode(erase)} instead of "
                        f"{cea608.frame_to_timecode(pending_end)}, in the next caption's "
                        "load (kept clear of its doubled codes)",
                    )
                )
        for frame, word in zip(frames, block.words, strict=True):
            stream[frame] = word
        shown = frames[block.anchor]
        end = max(block.end, shown + 1)
        if shown != block.start or end != block.end:
            notes.append(
                Diagnostic(
                    code="scc-retimed",
                    cue_index=block.index,
                    message=f"shown {cea608.frame_to_timecode(shown)}-"
                    f"{cea608.frame_to_timecode(end)} instead of "
                    f"{cea608.frame_to_timecode(block.start)}-"
                    f"{cea608.frame_to_timecode(block.end)}: its {len(block.words)} words "
                    "(2 bytes a frame) did not fit before it",
                )
            )
        floor = max(frames[-1] + 1, (erase + 2) if erase is not None else 0)
        pending_end, previous = end, block.index
    if pending_end is not None:
        last = max(pending_end, floor)
        stream[last] = stream[last + 1] = cea608.EDM
    return stream
