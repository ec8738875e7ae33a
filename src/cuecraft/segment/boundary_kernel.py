# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The per-boundary loops of the cost model: the boundary classifier's rules and the learned
model's sums (issue #12: together a fifth of a 100k-word conversion in Python).

Classes (:mod:`cuecraft.segment.linguistics`): the classifier looks each distinct word up
once (word lists, punctuation, capitals) and packs what it found into one integer per word
(:func:`pack`); :func:`classify_codes` then gives every boundary its class from the codes of
the two words around it. The rules, in the order the first one that applies wins, are those
of :func:`~cuecraft.segment.linguistics.classify_boundaries`; the class numbers are the
values of :class:`~cuecraft.segment.linguistics.Boundary`. Run as Python,
:func:`classify_pairs` gives the same classes faster.

Learned corrections (:mod:`cuecraft.segment.learned`): :func:`learned_scores` adds up the
model's table entries at each boundary, as :func:`~cuecraft.segment.learned.residuals` does
with complex numbers, to the bit. Run as Python, that module's list comprehension is faster
than this loop and is used instead.

Written in Cython's pure Python mode, like the kernel (:mod:`cuecraft.segment.kernel`):
compiled, the columns are ``array`` objects read as typed memoryviews; run as Python, lists.
``tests/segment/test_boundary_kernel.py`` checks both modes against each other.
"""

from __future__ import annotations

import contextlib
import itertools
from array import array
from collections.abc import MutableSequence, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cuecraft import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft import _cython as cython

__all__ = [
    "COMPILED",
    "NONE",
    "classify_codes",
    "classify_pairs",
    "hand_costs",
    "learned_scores",
    "pack",
    "positions",
]

COMPILED = bool(cython.compiled)
"""True when this module runs compiled (Python code may then leave loops to it)."""


def _longs(values: Sequence[int]) -> Sequence[int]:
    # An input column as C long longs; one that already is one is read in place (no copy).
    return values if isinstance(values, array) and values.typecode == "q" else array("q", values)


def _doubles(values: Sequence[float]) -> Sequence[float]:
    # An input column as C doubles; one that already is one is read in place (no copy).
    return values if isinstance(values, array) and values.typecode == "d" else array("d", values)


NONE = 31
"""No class: what :func:`pack` takes for a word that gives a boundary none."""

# Compiled, these are C constants; the loop would look a Python global up at every use.
# The classes (Boundary values) the rules name:
_SENTENCE = cython.declare(cython.Py_ssize_t, 0)
_CLAUSE = cython.declare(cython.Py_ssize_t, 1)
_BEFORE_CONJUNCTION = cython.declare(cython.Py_ssize_t, 2)
_BEFORE_PREPOSITION = cython.declare(cython.Py_ssize_t, 3)
_BEFORE_PHRASE = cython.declare(cython.Py_ssize_t, 5)
_NEUTRAL = cython.declare(cython.Py_ssize_t, 6)
_AUXILIARY = cython.declare(cython.Py_ssize_t, 8)
_AFTER_PRONOUN = cython.declare(cython.Py_ssize_t, 9)
_BEFORE_PARTICLE = cython.declare(cython.Py_ssize_t, 11)
_AFTER_DETERMINER = cython.declare(cython.Py_ssize_t, 13)
_NAME = cython.declare(cython.Py_ssize_t, 14)
_BEFORE_VERB = cython.declare(cython.Py_ssize_t, 15)
# Classes inside a phrase (a hesitation there continues the phrase), as a bit set:
# AFTER_CONJUNCTION, AFTER_AUXILIARY, AFTER_PRONOUN, AFTER_PREPOSITION, AFTER_NEGATION,
# AFTER_DETERMINER.
_BINDING = cython.declare(
    cython.Py_ssize_t, (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10) | (1 << 12) | (1 << 13)
)
# A word's code: three 5-bit fields (the class its punctuation gives the boundary after it,
# the class its word list gives the boundary after it, and the one before it; NONE when
# there is none), then one bit per fact (see pack).
_NONE = cython.declare(cython.Py_ssize_t, 31)
_FIELD = cython.declare(cython.Py_ssize_t, 31)
_AFTER_SHIFT = cython.declare(cython.Py_ssize_t, 5)
_BEFORE_SHIFT = cython.declare(cython.Py_ssize_t, 10)
_CAPITALISED = cython.declare(cython.Py_ssize_t, 1 << 15)
_DETERMINER = cython.declare(cython.Py_ssize_t, 1 << 16)
_QUANTIFIER = cython.declare(cython.Py_ssize_t, 1 << 17)
_PARTICLE = cython.declare(cython.Py_ssize_t, 1 << 18)
_FILLER = cython.declare(cython.Py_ssize_t, 1 << 19)
_HAVE = cython.declare(cython.Py_ssize_t, 1 << 20)
_TO = cython.declare(cython.Py_ssize_t, 1 << 21)
_NUMBER_ABBREVIATION = cython.declare(cython.Py_ssize_t, 1 << 22)
_STARTS_WITH_DIGIT = cython.declare(cython.Py_ssize_t, 1 << 23)


def pack(
    punctuation: int,
    after: int,
    before: int,
    *,
    capitalised: bool,
    determiner: bool,
    quantifier: bool,
    particle: bool,
    filler: bool,
    have: bool,
    to: bool,
    number_abbreviation: bool,
    starts_with_digit: bool,
) -> int:
    """One word's code.

    Args:
        punctuation: the class its punctuation gives the boundary after it, or :data:`NONE`.
        after: the class its word list gives the boundary after it, or :data:`NONE`.
        before: the class its word list gives the boundary before it, or :data:`NONE`.
        capitalised: capitalised, and not "I" (two in a row are a name).
        determiner: a listed determiner without a full stop (it binds to the next word).
        quantifier: a number or a possessive ``'s`` (it binds to a content word).
        particle: a verb particle or post-verbal negation.
        filler: a hesitation sound ("um").
        have: English "have", "has" or "had" (the main verb before an article).
        to: the word "to" (after "have": the modal "have to").
        number_abbreviation: "No." and the like, with the full stop (no sentence end before
            a digit).
        starts_with_digit: its first character is a digit.
    """
    flags = (
        (_CAPITALISED if capitalised else 0)
        | (_DETERMINER if determiner else 0)
        | (_QUANTIFIER if quantifier else 0)
        | (_PARTICLE if particle else 0)
        | (_FILLER if filler else 0)
        | (_HAVE if have else 0)
        | (_TO if to else 0)
        | (_NUMBER_ABBREVIATION if number_abbreviation else 0)
        | (_STARTS_WITH_DIGIT if starts_with_digit else 0)
    )
    return int(punctuation | after << _AFTER_SHIFT | before << _BEFORE_SHIFT | flags)


def classify_codes(codes: Sequence[int], modal_pairs: Sequence[int]) -> MutableSequence[int]:
    """The class of each of the ``len(codes) - 1`` boundaries between the words whose codes
    are given (:func:`pack`). ``modal_pairs[b]`` is 1 where words ``b`` and ``b + 1`` form a
    modal construction of the language; empty when the language has none."""
    n: cython.Py_ssize_t = len(codes)
    count: cython.Py_ssize_t = n - 1 if n > 0 else 0
    found_classes: MutableSequence[int]
    if cython.compiled:
        word_codes: Sequence[int] = _longs(codes)
        pair_flags: Sequence[int] = (
            _longs(modal_pairs) if len(modal_pairs) else array("q", [0]) * count
        )
        found_classes = array("q", [0]) * count
    else:  # lists: pure Python indexes them faster than arrays
        word_codes = codes
        pair_flags = modal_pairs if len(modal_pairs) else [0] * count
        found_classes = [0] * count
    words = cython.declare(cython.longlong[::1], word_codes)
    pairs = cython.declare(cython.longlong[::1], pair_flags)
    classes = cython.declare(cython.longlong[::1], found_classes)
    b: cython.Py_ssize_t
    word: cython.Py_ssize_t
    following: cython.Py_ssize_t
    punctuation: cython.Py_ssize_t
    after: cython.Py_ssize_t
    before: cython.Py_ssize_t
    found: cython.Py_ssize_t
    for b in range(count):
        word = words[b]
        following = words[b + 1]
        punctuation = word & _FIELD
        after = (word >> _AFTER_SHIFT) & _FIELD
        before = (following >> _BEFORE_SHIFT) & _FIELD
        if (
            punctuation == _SENTENCE
            and word & _NUMBER_ABBREVIATION
            and following & _STARTS_WITH_DIGIT
        ):
            punctuation = _NONE  # "No. 5": the abbreviation; a whole answer "No." ends (#13)
        elif punctuation == _CLAUSE and word & _DETERMINER and following & _FILLER:
            punctuation = _NONE  # "the, um": a hesitation inside the phrase, not a clause end
        if punctuation != _NONE:
            found = punctuation
        elif word & _CAPITALISED and following & _CAPITALISED and not word & _DETERMINER:
            found = _NAME
        elif word & _DETERMINER and ((following >> _AFTER_SHIFT) & _FIELD) == _AUXILIARY:
            found = _AFTER_PRONOUN  # "this | is": a demonstrative pronoun, a verb's subject
        elif word & _DETERMINER or (
            word & _QUANTIFIER and before == _NONE and not following & _DETERMINER
        ):
            found = _AFTER_DETERMINER
        elif following & _PARTICLE:
            found = _BEFORE_PARTICLE
        elif pairs[b] or (b > 0 and pairs[b - 1]):
            found = _AUXILIARY  # "tengo | que ir", "tengo que | ir": one verb phrase (#13)
        elif (
            after == _AUXILIARY
            and word & _HAVE
            and before in (_BEFORE_PHRASE, _BEFORE_PREPOSITION)
            and not following & _TO
        ):
            found = before  # "we have | about forty volunteers": the main verb
        elif after == _AFTER_PRONOUN and before in (_BEFORE_CONJUNCTION, _BEFORE_PREPOSITION):
            found = before  # an object pronoun ("apply it | to"): no verb follows it
        elif after != _NONE:
            found = after
        elif before != _NONE:
            found = before
        elif ((following >> _AFTER_SHIFT) & _FIELD) == _AUXILIARY:
            found = _BEFORE_VERB
        else:
            found = _NEUTRAL
        classes[b] = found
    # A filler inside a phrase ("the um | email") binds like the boundary before it.
    for b in range(1, count):
        word = words[b]
        if word & _FILLER and (word & _FIELD) == _NONE and (_BINDING >> classes[b - 1]) & 1:
            classes[b] = classes[b - 1]
    return found_classes


def classify_pairs(codes: Sequence[int], modal_pairs: Sequence[int]) -> list[int]:
    """:func:`classify_codes` as Python runs it fastest (compiled, that is used instead).

    A boundary's first class depends only on its two words' codes and on whether it is in a
    modal construction, and a transcript has a few dozen distinct codes: every pair of them
    is classified once by :func:`classify_codes`, the pairs laid end to end, each followed
    by a full stop (so that no filler among them inherits a class from another pair); the
    rare fillers are then seen to in order, as there."""
    count = len(codes) - 1
    distinct = list(set(codes))
    if 3 * len(distinct) ** 2 > count:  # few words: the loop is as fast
        return list(classify_codes(codes, modal_pairs))
    stop = _NONE << _AFTER_SHIFT | _NONE << _BEFORE_SHIFT  # punctuation: a sentence end
    keys = [(word, following) for word in distinct for following in distinct]
    found = classify_codes([code for key in keys for code in (*key, stop)], [])
    class_of = dict(zip(keys, found[::3], strict=True))
    classes = list(map(class_of.__getitem__, itertools.pairwise(codes)))
    modal = set(itertools.compress(range(count), modal_pairs))
    modal.update([b + 1 for b in modal if b + 1 < count])  # and the boundary after it
    if modal:
        keys = list({(codes[b], codes[b + 1]) for b in modal})
        laid = [code for key in keys for code in (*key, stop)]
        in_modal = dict(zip(keys, classify_codes(laid, [1, 0, 0] * len(keys))[::3], strict=True))
        for b in modal:
            classes[b] = in_modal[codes[b], codes[b + 1]]
    fillers = [code for code in distinct if code & _FILLER and (code & _FIELD) == _NONE]
    # A filler inside a phrase ("the um | email") binds like the boundary before it.
    for b in sorted(b for code in fillers for b in _positions(codes, code, count)):
        if (_BINDING >> classes[b - 1]) & 1:
            classes[b] = classes[b - 1]
    return classes


def _positions(codes: Sequence[int], code: int, stop: int) -> list[int]:
    # The indices 1 .. stop - 1 of a rare code, found by C-speed scans.
    found: list[int] = []
    at = 0
    with contextlib.suppress(ValueError):
        while True:
            at = codes.index(code, at + 1, stop)
            found.append(at)
    return found


def learned_scores(
    classes: Sequence[int],
    since: Sequence[int],
    until: Sequence[int],
    since_chars: Sequence[int],
    until_chars: Sequence[int],
    word_ids: Sequence[int],
    pause: Sequence[float],
    tables: Sequence[Sequence[float]],
    pause_pair: tuple[float, float],
    span: int,
) -> tuple[MutableSequence[float], MutableSequence[float]]:
    """The learned model's scores at every boundary, cue end and row break apart
    (:func:`cuecraft.segment.learned.residuals` gives them as complex numbers; the same
    sums in the same order, to the bit).

    Per boundary ``b``: its class, sentence positions, clause positions in characters (both
    empty when the model has none) and pause input; ``word_ids``: per word, its row in the
    word tables. ``tables``: ``(context, lefts, rights, before, after)``, each a flat list of
    (cue end, row break) pairs: context by ``class * span² + since * span + until``, lefts
    and rights by word id, before and after by character step. ``pause_pair``: the pause
    term the pause input blends toward.
    """
    count: cython.Py_ssize_t = len(classes)
    with_chars: cython.bint = len(since_chars) > 0
    end_out: MutableSequence[float] = array("d", [0.0]) * count
    row_out: MutableSequence[float] = array("d", [0.0]) * count
    kinds = cython.declare(cython.longlong[::1], _longs(classes))
    sinces = cython.declare(cython.longlong[::1], _longs(since))
    untils = cython.declare(cython.longlong[::1], _longs(until))
    befores_at = cython.declare(cython.longlong[::1], _longs(since_chars if with_chars else [0]))
    afters_at = cython.declare(cython.longlong[::1], _longs(until_chars if with_chars else [0]))
    ids = cython.declare(cython.longlong[::1], _longs(word_ids))
    pauses = cython.declare(cython.double[::1], _doubles(pause))
    context = cython.declare(cython.double[::1], array("d", tables[0]))
    lefts = cython.declare(cython.double[::1], array("d", tables[1]))
    rights = cython.declare(cython.double[::1], array("d", tables[2]))
    befores = cython.declare(cython.double[::1], array("d", tables[3] or [0.0]))
    afters = cython.declare(cython.double[::1], array("d", tables[4] or [0.0]))
    ends = cython.declare(cython.double[::1], end_out)
    rows = cython.declare(cython.double[::1], row_out)
    pause_end: float = pause_pair[0]
    pause_row: float = pause_pair[1]
    # Typed: `span` is a Python int, and the loop would multiply by it as one.
    width: cython.Py_ssize_t = span
    square: cython.Py_ssize_t = width * width
    b: cython.Py_ssize_t
    at: cython.Py_ssize_t
    left: cython.Py_ssize_t
    right: cython.Py_ssize_t
    end: float
    row: float
    strength: float
    keep: float
    for b in range(count):
        left = 2 * ids[b]
        right = 2 * ids[b + 1]
        at = 2 * (kinds[b] * square + sinces[b] * width + untils[b])
        # Left to right, as the complex sum lefts + rights + context (+ before + after).
        end = lefts[left] + rights[right]
        row = lefts[left + 1] + rights[right + 1]
        end = end + context[at]
        row = row + context[at + 1]
        if with_chars:
            end = end + befores[2 * befores_at[b]]
            row = row + befores[2 * befores_at[b] + 1]
            end = end + afters[2 * afters_at[b]]
            row = row + afters[2 * afters_at[b] + 1]
        strength = pauses[b]
        if strength != 0.0:
            # score * (1 - strength) + strength * pause, as complex arithmetic does it
            # (a real factor is the complex number (x, 0), so the zero terms stay).
            keep = 1.0 - strength
            ends[b] = (end * keep - row * 0.0) + (strength * pause_end - 0.0 * pause_row)
            rows[b] = (end * 0.0 + row * keep) + (strength * pause_row + 0.0 * pause_end)
        else:
            ends[b] = end
            rows[b] = row
    return end_out, row_out


def positions(
    classes: Sequence[int], lengths: Sequence[int], cap: int, step: int, chars_cap: int
) -> tuple[MutableSequence[int], MutableSequence[int], MutableSequence[int], MutableSequence[int]]:
    """The learned model's position inputs at every boundary ``b``, as
    :func:`cuecraft.segment.learned.boundary_inputs` computes them with list operations:
    words of the sentence up to word ``b`` and from word ``b + 1`` (each at most ``cap``),
    and, when the words' ``lengths`` are given (else empty), the characters with spaces of
    the clause up to the end of word ``b`` and from word ``b + 1``, in steps of ``step``
    (at most ``chars_cap``)."""
    count: cython.Py_ssize_t = len(classes)
    n: cython.Py_ssize_t = count + 1
    top: cython.Py_ssize_t = cap
    since_out: MutableSequence[int] = array("q", [0]) * count
    until_out: MutableSequence[int] = array("q", [0]) * count
    kinds = cython.declare(cython.longlong[::1], _longs(classes))
    since = cython.declare(cython.longlong[::1], since_out)
    until = cython.declare(cython.longlong[::1], until_out)
    b: cython.Py_ssize_t
    w: cython.Py_ssize_t
    first: cython.Py_ssize_t = 0  # the first word of the sentence (clause) of word b
    last: cython.Py_ssize_t = n - 1  # the last word of the sentence (clause) of word w
    for b in range(count):
        since[b] = min(b - first + 1, top)
        if kinds[b] == _SENTENCE:
            first = b + 1
    for w in range(n - 1, 0, -1):
        if w < count and kinds[w] == _SENTENCE:
            last = w
        until[w - 1] = min(last - w + 1, top)
    if not len(lengths):
        return since_out, until_out, array("q"), array("q")
    since_chars_out: MutableSequence[int] = array("q", [0]) * count
    until_chars_out: MutableSequence[int] = array("q", [0]) * count
    since_chars = cython.declare(cython.longlong[::1], since_chars_out)
    until_chars = cython.declare(cython.longlong[::1], until_chars_out)
    # offsets[w]: characters before word w, each word followed by a space.
    offsets_out: MutableSequence[int] = array("q", [0]) * (n + 1)
    offsets = cython.declare(cython.longlong[::1], offsets_out)
    sizes = cython.declare(cython.longlong[::1], _longs(lengths))
    for w in range(n):
        offsets[w + 1] = offsets[w] + sizes[w] + 1
    steps: cython.Py_ssize_t = step
    most: cython.Py_ssize_t = chars_cap
    limit: cython.Py_ssize_t = steps * (most + 1)
    distance: cython.Py_ssize_t
    first = 0
    for b in range(count):
        distance = offsets[b + 1] - offsets[first] - 1
        since_chars[b] = distance // steps if distance < limit else most
        if kinds[b] == _SENTENCE or kinds[b] == _CLAUSE:
            first = b + 1
    last = n - 1
    for w in range(n - 1, 0, -1):
        if w < count and (kinds[w] == _SENTENCE or kinds[w] == _CLAUSE):
            last = w
        distance = offsets[last + 1] - 1 - offsets[w]
        until_chars[w - 1] = distance // steps if distance < limit else most
    return since_out, until_out, since_chars_out, until_chars_out


def hand_costs(
    classes: Sequence[int],
    strengths: Sequence[float],
    table: Sequence[float],
    pause: tuple[float, float, float],
    scores: tuple[Sequence[float], Sequence[float]],
) -> tuple[MutableSequence[float], MutableSequence[float], MutableSequence[float]]:
    """The cue-end, row-break and keep costs of every boundary, as
    :func:`cuecraft.segment.scoring.boundary_costs` gives them (to the bit: the same
    operations in the same order), lowered by the learned ``scores`` (cue end, row break;
    both empty for none) and never below 0, as :func:`~cuecraft.segment.boundaries.
    boundary_facts` does.

    ``table``: per class, its cue-end, row-break and keep costs and its pause hold, one
    class after the other; ``pause``: the cue-end, row-break and keep costs of a full pause.
    """
    count: cython.Py_ssize_t = len(classes)
    learned: cython.bint = len(scores[0]) > 0
    end_out: MutableSequence[float] = array("d", [0.0]) * count
    row_out: MutableSequence[float] = array("d", [0.0]) * count
    keep_out: MutableSequence[float] = array("d", [0.0]) * count
    kinds = cython.declare(cython.longlong[::1], _longs(classes))
    pauses = cython.declare(cython.double[::1], _doubles(strengths))
    costs = cython.declare(cython.double[::1], array("d", table))
    end_scores = cython.declare(cython.double[::1], _doubles(scores[0] if learned else [0.0]))
    row_scores = cython.declare(cython.double[::1], _doubles(scores[1] if learned else [0.0]))
    ends = cython.declare(cython.double[::1], end_out)
    rows = cython.declare(cython.double[::1], row_out)
    keeps = cython.declare(cython.double[::1], keep_out)
    pause_end: float = pause[0]
    pause_row: float = pause[1]
    pause_keep: float = pause[2]
    b: cython.Py_ssize_t
    at: cython.Py_ssize_t
    strength: float
    keep_class: float
    end: float
    row: float
    for b in range(count):
        at = 4 * kinds[b]
        strength = pauses[b] * (1.0 - costs[at + 3])
        keep_class = 1.0 - strength
        end = costs[at] * keep_class + pause_end * strength
        row = costs[at + 1] * keep_class + pause_row * strength
        keeps[b] = costs[at + 2] * keep_class + pause_keep * strength
        if learned:
            end = end - end_scores[b]
            row = row - row_scores[b]
            if not end > 0.0:
                end = 0.0
            if not row > 0.0:
                row = 0.0
        ends[b] = end
        rows[b] = row
    return end_out, row_out, keep_out
