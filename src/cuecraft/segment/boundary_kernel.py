# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False
"""The per-boundary loop of the boundary classifier (:mod:`cuecraft.segment.linguistics`).

The classifier looks each distinct word up once (word lists, punctuation, capitals) and packs
what it found into one integer per word (:func:`pack`); this loop then gives every boundary
its class from the codes of the two words around it, in C when compiled (issue #12: the
per-boundary rules were a tenth of a 100k-word conversion). The rules, in the order the first
one that applies wins, are those of
:func:`~cuecraft.segment.linguistics.classify_boundaries`; the class numbers are the values
of :class:`~cuecraft.segment.linguistics.Boundary` (``tests/segment/test_boundary_kernel.py``
checks both against the word-by-word rules).

Written in Cython's pure Python mode, like the kernel (:mod:`cuecraft.segment.kernel`):
compiled, the codes are an ``array('q')`` read as a typed memoryview; run as Python, a list.
"""

from __future__ import annotations

from array import array
from collections.abc import MutableSequence, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cuecraft.segment import _cython as cython
else:
    try:
        import cython
    except ModuleNotFoundError:  # run as Python: the annotations only need to exist
        from cuecraft.segment import _cython as cython

__all__ = ["NONE", "classify_codes", "pack"]

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
        word_codes: Sequence[int] = array("q", codes)
        pair_flags: Sequence[int] = (
            array("q", modal_pairs) if len(modal_pairs) else array("q", [0]) * count
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
