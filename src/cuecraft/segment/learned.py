"""Learned corrections to the per-boundary costs, fitted on human subtitles (#13).

The hand rules (:mod:`cuecraft.segment.linguistics` classes, :mod:`cuecraft.segment.scoring`
costs) are the prior. For a language with training data, a small log-linear model adds, at each
boundary, a correction to the cost of ending a cue there and of breaking the row there: it was
fitted (multinomial logistic regression: no break / row break / cue end, with the hand costs as
a fixed offset) on human subtitles by ``benchmarks/train_boundary_weights.py``, which writes
``data/boundary_weights_<code>.json``. Languages without such a file behave exactly as before.

The model is a sum of table look-ups, each one readable in the JSON file:

- the boundary's :class:`~cuecraft.segment.linguistics.Boundary` class;
- the pause: where the hand model lets a pause decide (its strength, :func:`~cuecraft.segment.
  scoring.pause_strength`, times ``1 - pause_hold`` of the class), the other terms shrink in
  the same proportion, so that a clear pause still ends a cue and a hesitation still never
  makes a forbidden break attractive;
- the word before the boundary: its identity (frequent words only), its length and its final
  punctuation; the word after it: its identity, its length, whether it is capitalised;
- the position in the sentence: words since the sentence began, words until it ends;
- the position in the clause, in characters (in steps of :data:`CHAR_STEP`): since the last
  sentence or clause end (:attr:`~cuecraft.segment.linguistics.Boundary.CLAUSE`: a comma...),
  until the next one. A break this far from the last strong boundary leaves this much text
  before it: where a clause fits one or two rows, they tell how balanced a row break there
  would leave them, and how long a cue ending there would be.

A positive score makes a break more likely than the hand costs say, so it lowers that cost.
Plain Python at run time: no numpy, no machine-learning library.
"""

from __future__ import annotations

import itertools
import json
import operator
from array import array
from collections.abc import Collection, Iterable, Mapping, MutableSequence, Sequence
from functools import cache
from types import ModuleType

import msgspec

from cuecraft._package_data import package_text
from cuecraft.columns import COLUMN_KERNEL
from cuecraft.segment.linguistics import Boundary, word_key

__all__ = [
    "CHAR_STEP",
    "MAX_CHARS",
    "MAX_LENGTH",
    "MAX_POSITION",
    "PUNCTUATION",
    "BoundaryInputs",
    "BoundaryModel",
    "boundary_inputs",
    "load_model",
    "model_from_json",
    "punctuation_index",
    "residual_parts",
    "residuals",
    "word_terms",
]

MAX_LENGTH = 10
"""Word lengths (characters of the look-up form) are counted up to this; longer share it."""
MAX_POSITION = 12
"""Sentence positions (words since the start, words to the end) are counted up to this."""
CHAR_STEP = 6
"""Clause positions in characters (with the spaces) are counted in steps of this..."""
MAX_CHARS = 14
"""...up to this many steps (84 characters: two rows of 42); longer share the last."""
PUNCTUATION = (",", ".", "?", "!", ";", ":", "-", '"', ")")
"""Final characters of the word before a boundary that get their own weight (index + 1;
0 is any other ending). Dashes of every kind count as ``-``, closing quotes as ``"``."""
_PUNCT_INDEX = {mark: index + 1 for index, mark in enumerate(PUNCTUATION)}
_PUNCT_INDEX.update({"–": 7, "—": 7, "”": 8, "»": 8, "’": 8, "'": 8, "]": 9, "…": 2, "。": 2})

Pair = tuple[float, float]
"""(cue end, row break) weights of one feature."""


def punctuation_index(text: str) -> int:
    """The :data:`PUNCTUATION` slot of a word's last character (0: none of them)."""
    return _PUNCT_INDEX.get(text[-1:], 0)


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class BoundaryInputs(msgspec.Struct, frozen=True):
    """What the model reads at each boundary ``b`` (between word ``b`` and word ``b + 1``).

    Attributes:
        classes: the boundary class (a :class:`~cuecraft.segment.linguistics.Boundary` or
            its value).
        pause: the pause strength times ``1 - pause_hold`` of the class.
        since: words of the sentence up to word ``b`` (1 to :data:`MAX_POSITION`).
        until: words of the sentence from word ``b + 1`` (1 to :data:`MAX_POSITION`).
        since_chars: characters (with spaces) from the last sentence or clause end to the end
            of word ``b``, in steps of :data:`CHAR_STEP` (0 to :data:`MAX_CHARS`); empty when
            the texts were not given.
        until_chars: the same from word ``b + 1`` to the next sentence or clause end.
    """

    classes: Sequence[int]
    pause: Sequence[float]
    since: Sequence[int]
    until: Sequence[int]
    since_chars: Sequence[int] = ()
    until_chars: Sequence[int] = ()


def boundary_inputs(
    classes: Sequence[int],
    strengths: Sequence[float],
    hold: Sequence[float],
    texts: Sequence[str] | None = None,
    kernel: ModuleType | None = None,
    vocabulary: Collection[str] | None = None,
    paused: Iterable[int] | None = None,
) -> BoundaryInputs:
    """The per-boundary inputs of the model from the boundary classes and pause strengths
    (``hold`` is :attr:`~cuecraft.segment.scoring.Weights.pause_hold`), and with ``texts``
    (the words) the clause positions in characters. The positions are counted by
    :func:`cuecraft.segment.boundary_kernel.positions` when it is compiled (``kernel``: as
    for :func:`residual_parts`), else with list operations here. ``vocabulary``: the
    distinct texts, and ``paused``: the boundaries whose strength is not 0, in order, when
    the caller has them."""
    if len(strengths) != len(classes):
        raise ValueError("one pause strength per boundary class")
    if kernel is None:
        from cuecraft.segment.compiled import active_kernel  # the kernel imports this module

        kernel = active_kernel().boundary_kernel
    # Most boundaries have no pause: set only those that do (in the C doubles the compiled
    # kernel reads, where it is in use).
    count = len(strengths)
    pause: MutableSequence[float] = (
        array("d", bytes(8 * count)) if kernel.COMPILED else [0.0] * count
    )
    if paused is None:
        paused = itertools.compress(itertools.count(), strengths)
    for b in paused:
        pause[b] = strengths[b] * (1.0 - hold[classes[b]])
    if kernel.COMPILED:
        lengths: Sequence[int] = ()
        if texts is not None:
            distinct = set(texts) if vocabulary is None else vocabulary
            lengths = COLUMN_KERNEL.lookup(texts, {text: len(text) for text in distinct})
        counted = kernel.positions(classes, lengths, MAX_POSITION, CHAR_STEP, MAX_CHARS)
        return BoundaryInputs(classes, pause, *counted)
    count = len(classes)
    sentence = int(Boundary.SENTENCE)
    cap = MAX_POSITION
    ramp = list(range(1, cap + 1))
    # Sentence by sentence (words start..end; the last word ends the text): list operations
    # rather than a loop over every boundary.
    ends = list(
        itertools.compress(range(count), map(operator.eq, classes, itertools.repeat(sentence)))
    )
    ends.append(count)
    since: list[int] = []
    until: list[int] = []
    start = 0
    for end in ends:
        length = end - start + 1
        counts = ramp[:length] if length <= cap else ramp + [cap] * (length - cap)
        since += counts  # boundaries start .. end
        until += counts[::-1]  # boundaries start - 1 .. end - 1
        start = end + 1
    del since[count:]
    del until[0]
    since_chars: list[int] = []
    until_chars: list[int] = []
    if texts is not None:
        clause = int(Boundary.CLAUSE)
        clause_ends = list(
            itertools.compress(range(count), map({sentence, clause}.__contains__, classes))
        )
        clause_ends.append(count)
        since_chars, until_chars = _char_positions(texts, clause_ends)
    return BoundaryInputs(classes, pause, since, until, since_chars, until_chars)


def _char_positions(texts: Sequence[str], ends: list[int]) -> tuple[list[int], list[int]]:
    """Characters of the span up to word ``b`` and from word ``b + 1``, as steps, at each
    boundary ``b`` (``ends``: the words that end a span, the last one included)."""
    step, cap = CHAR_STEP, MAX_CHARS
    limit = step * (cap + 1)
    steps = [distance // step for distance in range(limit)]
    # offsets[i]: characters before word i, each word followed by a space. Per word, where its
    # span begins (+ 1) and ends (- 1, no space after the last word): list arithmetic, then one
    # pass per direction (this runs on every boundary).
    offsets = list(itertools.accumulate(map(operator.add, map(len, texts), itertools.repeat(1))))
    offsets.insert(0, 0)
    firsts: list[int] = []
    lasts: list[int] = []
    start = 0
    for end in ends:
        count = end + 1 - start
        firsts += [offsets[start] + 1] * count
        lasts += [offsets[end + 1] - 1] * count
        start = end + 1
    ends_at = offsets[1 : len(texts)]  # characters through word b, with its space
    since = [
        steps[d] if (d := at - first) < limit else cap
        for at, first in zip(ends_at, firsts, strict=False)
    ]
    until = [
        steps[d] if (d := last - at) < limit else cap
        for at, last in zip(ends_at, lasts[1:], strict=True)
    ]
    return since, until


class BoundaryModel(msgspec.Struct, frozen=True):
    """The fitted tables of one language (see the module docstring); every entry is a
    ``(cue end, row break)`` pair of log-odds added to the hand model's."""

    language: str
    cue_end_scale: float
    line_end_scale: float
    classes: tuple[Pair, ...]
    pause: Pair
    left_words: dict[str, Pair]
    right_words: dict[str, Pair]
    left_length: tuple[Pair, ...]
    right_length: tuple[Pair, ...]
    left_punctuation: tuple[Pair, ...]
    right_capitalised: Pair
    since: tuple[Pair, ...]
    until: tuple[Pair, ...]
    since_chars: tuple[Pair, ...] = ()
    until_chars: tuple[Pair, ...] = ()

    def left(self, text: str, key: str | None = None) -> Pair:
        """The contribution of a word standing before a boundary (``key``: its
        :func:`~cuecraft.segment.linguistics.word_key`, when the caller has it)."""
        key = word_key(text) if key is None else key
        word = self.left_words.get(key, (0.0, 0.0))
        length = self.left_length[min(len(key), MAX_LENGTH)]
        mark = self.left_punctuation[punctuation_index(text)]
        return (word[0] + length[0] + mark[0], word[1] + length[1] + mark[1])

    def right(self, text: str, key: str | None = None) -> Pair:
        """The contribution of a word standing after a boundary (``key``: as for
        :meth:`left`)."""
        key = word_key(text) if key is None else key
        word = self.right_words.get(key, (0.0, 0.0))
        length = self.right_length[min(len(key), MAX_LENGTH)]
        capital = self.right_capitalised if text[:1].isupper() else (0.0, 0.0)
        return (word[0] + length[0] + capital[0], word[1] + length[1] + capital[1])


def _pairs(values: Sequence[Sequence[float]]) -> tuple[Pair, ...]:
    return tuple((float(end), float(row)) for end, row in values)


def model_from_json(data: dict[str, object]) -> BoundaryModel:
    """A :class:`BoundaryModel` from the JSON written by the training script."""

    def table(name: str) -> tuple[Pair, ...]:
        value = data[name]
        assert isinstance(value, list)
        return _pairs(value)

    def words(name: str) -> dict[str, Pair]:
        value = data[name]
        assert isinstance(value, dict)
        return {key: (float(pair[0]), float(pair[1])) for key, pair in value.items()}

    classes = data["classes"]
    assert isinstance(classes, dict)
    scale = data["scale"]
    assert isinstance(scale, dict)
    return BoundaryModel(
        language=str(data["language"]),
        cue_end_scale=float(scale["cue_end"]),
        line_end_scale=float(scale["line_end"]),
        classes=_pairs([classes[member.name.lower()] for member in Boundary]),
        pause=table("pause")[0],
        left_words=words("left_words"),
        right_words=words("right_words"),
        left_length=table("left_length"),
        right_length=table("right_length"),
        left_punctuation=table("left_punctuation"),
        right_capitalised=table("right_capitalised")[0],
        since=table("since"),
        until=table("until"),
        since_chars=table("since_chars") if "since_chars" in data else (),
        until_chars=table("until_chars") if "until_chars" in data else (),
    )


@cache
def load_model(code: str) -> BoundaryModel | None:
    """The shipped model of a language (``data/boundary_weights_<code>.json``), or None."""
    text = package_text(__package__, __file__, "data", f"boundary_weights_{code}.json")
    if text is None:
        return None
    return model_from_json(json.loads(text))


def residuals(
    model: BoundaryModel,
    texts: Sequence[str],
    inputs: BoundaryInputs,
    scales: tuple[float, float] = (1.0, 1.0),
) -> list[complex]:
    """The model's scores at every boundary, in log-odds times ``scales``, as complex
    numbers: the real part for the cue end, the imaginary part for the row break."""
    ends, rows = residual_parts(model, texts, inputs, scales)
    return [complex(end, row) for end, row in zip(ends, rows, strict=True)]


def residual_parts(
    model: BoundaryModel,
    texts: Sequence[str],
    inputs: BoundaryInputs,
    scales: tuple[float, float] = (1.0, 1.0),
    kernel: ModuleType | None = None,
    vocabulary: Collection[str] | None = None,
    keys: Mapping[str, str] | None = None,
) -> tuple[Sequence[float], Sequence[float]]:
    """:func:`residuals` as two columns (cue end, row break): what the engine reads. The sums
    run in :mod:`~cuecraft.segment.boundary_kernel` when it is compiled (``kernel``: that
    module as :func:`~cuecraft.segment.compiled.load_kernel` gave it; None: the active one),
    else as complex sums here (one addition sums both parts: faster in Python than the
    kernel's loop run as Python). ``vocabulary``: the distinct texts, when the caller has
    them (each one's terms are its own, whatever the order), and ``keys``: their
    :func:`~cuecraft.segment.linguistics.word_key`, when it has those."""
    end_scale, row_scale = scales
    span = MAX_POSITION + 1
    # context[class * span² + since * span + until]: the class and sentence-position terms.
    context = [
        complex(
            (kind[0] + since[0] + until[0]) * end_scale,
            (kind[1] + since[1] + until[1]) * row_scale,
        )
        for kind in model.classes
        for since in model.since
        for until in model.until
    ]
    if keys is None:
        distinct = list(dict.fromkeys(texts) if vocabulary is None else vocabulary)
        keys = {text: word_key(text) for text in distinct}
    else:
        distinct = list(keys)
    left_terms, right_terms = word_terms(model, distinct, list(keys.values()), scales)
    with_chars = bool(model.since_chars and inputs.since_chars)
    before = [complex(end * end_scale, row * row_scale) for end, row in model.since_chars]
    after = [complex(end * end_scale, row * row_scale) for end, row in model.until_chars]
    pause = complex(model.pause[0] * end_scale, model.pause[1] * row_scale)
    if kernel is None:
        from cuecraft.segment.compiled import active_kernel  # the kernel imports this module

        kernel = active_kernel().boundary_kernel
    if kernel.COMPILED:
        ids = {text: index for index, text in enumerate(distinct)}
        return kernel.learned_scores(  # type: ignore[no-any-return]
            inputs.classes,
            inputs.since,
            inputs.until,
            inputs.since_chars if with_chars else (),
            inputs.until_chars if with_chars else (),
            COLUMN_KERNEL.lookup(texts, ids),
            inputs.pause,
            [_flat(table) for table in (context, left_terms, right_terms, before, after)],
            (pause.real, pause.imag),
            span,
        )
    lefts = dict(zip(distinct, left_terms, strict=True))
    rights = dict(zip(distinct, right_terms, strict=True))
    square = span * span
    if with_chars:
        # The clause positions in characters, in the same pass.
        scores = [
            lefts[left]
            + rights[right]
            + context[boundary * square + since * span + until]
            + before[since_chars]
            + after[until_chars]
            for boundary, left, right, since, until, since_chars, until_chars in zip(
                inputs.classes,
                texts,
                texts[1:],
                inputs.since,
                inputs.until,
                inputs.since_chars,
                inputs.until_chars,
                strict=False,
            )
        ]
    else:
        scores = [
            lefts[left] + rights[right] + context[boundary * square + since * span + until]
            for boundary, left, right, since, until in zip(
                inputs.classes, texts, texts[1:], inputs.since, inputs.until, strict=False
            )
        ]
    # A pause decides where it may (the hand model blends toward the pause costs): the
    # correction of the linguistic costs shrinks in the same proportion.
    # Only the boundaries with a pause (a few in a hundred), found at C speed.
    for b in itertools.compress(itertools.count(), inputs.pause):
        strength = inputs.pause[b]
        scores[b] = scores[b] * (1.0 - strength) + strength * pause
    return [score.real for score in scores], [score.imag for score in scores]


def word_terms(
    model: BoundaryModel, texts: Sequence[str], keys: Sequence[str], scales: tuple[float, float]
) -> tuple[list[complex], list[complex]]:
    """:meth:`BoundaryModel.left` and :meth:`~BoundaryModel.right` of each of ``texts``
    (distinct words; ``keys``: their :func:`~cuecraft.segment.linguistics.word_key`) times
    ``scales``, as complex numbers (cue end, row break): the same sums in the same order,
    term by term over the list rather than in two calls per word."""
    end_scale, row_scale = scales
    zero = (0.0, 0.0)
    lengths = [min(len(key), MAX_LENGTH) for key in keys]
    marks = [model.left_punctuation[_PUNCT_INDEX.get(text[-1:], 0)] for text in texts]
    lefts = [
        complex(
            (word[0] + length[0] + mark[0]) * end_scale, (word[1] + length[1] + mark[1]) * row_scale
        )
        for word, length, mark in zip(
            map(model.left_words.get, keys, itertools.repeat(zero)),
            map(model.left_length.__getitem__, lengths),
            marks,
            strict=True,
        )
    ]
    capital = model.right_capitalised
    capitals = [capital if text[:1].isupper() else zero for text in texts]
    rights = [
        complex(
            (word[0] + length[0] + upper[0]) * end_scale,
            (word[1] + length[1] + upper[1]) * row_scale,
        )
        for word, length, upper in zip(
            map(model.right_words.get, keys, itertools.repeat(zero)),
            map(model.right_length.__getitem__, lengths),
            capitals,
            strict=True,
        )
    ]
    return lefts, rights


def _flat(values: Sequence[complex]) -> list[float]:
    """(cue end, row break) pairs one after the other, as the kernel reads its tables."""
    return [part for value in values for part in (value.real, value.imag)]
