"""Fit the learned boundary costs (``cuecraft.segment.learned``) on human subtitles (#13).

    python benchmarks/train_boundary_weights.py [--out FILE] [--cv] [--scales E,R ...]

Reads the 30 TED talks of ``../shared/corpus/segmentation/ted_dev`` (the engine input
``NAME.words.json`` and the human ``NAME.ref.srt``), and at every boundary between two words
notes what the human subtitler did there: nothing, a row break or a cue end. It then fits a
multinomial logistic regression over those three outcomes whose offset is the hand model's own
cost difference (``cuecraft.segment.scoring``: ending a cue, or breaking the row, instead of
keeping the words together), so that the fitted weights are corrections to the hand rules in
log-odds, shrunk toward zero (L2) where the data say little. Features: see the docstring of
``cuecraft.segment.learned``. Boundaries a long pause forces (1.5 s) are left out: no cost
decides them.

The fit is plain numpy (full-batch L-BFGS, fixed iterations, no randomness): the same data give
the same file, byte for byte. It writes ``src/cuecraft/segment/data/boundary_weights_en.json``
(``--out`` to choose) from all 30 talks. ``--cv`` instead reports the cross-validated break F1
on ted_dev (and Sigma, when the shared scorer and sacrebleu are there): 5 folds by talk (talk
``i`` of the sorted names is in fold ``i % 5``); each fold is segmented with a model fitted on
the other four. ``--scales`` tries several (cue end, row break) scales of the learned term under
CV, ``--weights`` other ``Weights`` values. MuST-Cinema amara and the real-speech files are
never used here: they are for reporting only (``benchmarks/segmentation_quality.py``).

Where the shipped values come from (the scorer's venv, from the project root)::

    python benchmarks/train_boundary_weights.py --cv --no-char-positions   # without clause chars
    python benchmarks/train_boundary_weights.py --scales 0.5,0.5 0.5,0.6 0.5,0.75 0.5,0.9 \
        0.5,1.0 0.45,0.6 0.55,0.75 0.6,0.6 0.6,0.75                       # SCALES: (0.5, 0.75)
    python benchmarks/train_boundary_weights.py --weights "balance=4" "too_short=10"  # kept
    python benchmarks/train_boundary_weights.py                            # the shipped file

Needs numpy (e.g. the scorer's venv, see ``benchmarks/segmentation_quality.py``); cuecraft at
run time reads the JSON with no numpy.
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import json
import shutil
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from cuecraft.segment import Rules, segment_with_report
from cuecraft.segment.boundaries import boundary_classes, boundary_facts, pause_strengths
from cuecraft.segment.labels import text_width
from cuecraft.segment.learned import (
    MAX_CHARS,
    MAX_LENGTH,
    MAX_POSITION,
    PUNCTUATION,
    BoundaryModel,
    boundary_inputs,
    model_from_json,
    punctuation_index,
    residuals,
)
from cuecraft.segment.linguistics import Boundary, language_for, word_key
from cuecraft.segment.scoring import DEFAULT_WEIGHTS, Weights

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "segmentation" / "ted_dev"
OUT = ROOT / "src" / "cuecraft" / "segment" / "data" / "boundary_weights_en.json"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from segmentation_quality import TED_RULES, import_scorer, load_words, write_srt  # noqa: E402

FOLDS = 5
VOCABULARY = 150
"""Words with their own weight: the most frequent look-up forms of the training talks."""
L2 = 2.0
"""Ridge penalty per weight (in units of one boundary's log-loss)."""
ITERATIONS = 300
ROW_MODEL = True
"""Fit the row-break term on where humans break the row inside their two-row cues (a choice
among the places that fit), rather than on every boundary."""
ROW_LEVEL = 0.0
"""Added to the hand cost of every row break after centring (``--row-level``; CV-tuned)."""
ROW_CLASSES = False
"""Let the row-break term re-weigh the boundary classes too (``--row-classes``)."""
LEARN_CLASSES = False
"""The boundary class and the pause stay the hand rules' (the prior): the model corrects them
by words and positions only. (True lets it re-weigh the classes too; worse under CV.)"""
CHAR_POSITIONS = True
"""Learn the clause positions in characters too (``--no-char-positions`` to compare)."""
SCALES = (0.5, 0.75)
"""Default (cue end, row break) scale of the learned term, chosen under CV (see --scales and
benchmarks/README.md: row 0.75 of 0.5, 0.6, 0.75, 0.9, 1.0 gives the best eol F1 and Sigma)."""
NONE, ROW, CUE = 0, 1, 2


@dataclass
class Talk:
    """One talk's boundaries: inputs of the model, hand offsets, human outcome."""

    name: str
    texts: list[str]
    classes: list[Boundary]
    pause: list[float]
    since: list[int]
    until: list[int]
    since_chars: list[int]
    until_chars: list[int]
    offsets: Any  # (boundaries, 3) float array: hand log-odds of none / row / cue
    labels: Any  # (boundaries,) int array
    usable: Any  # (boundaries,) bool array: not forced
    widths: list[int]


def human_breaks(path: Path, texts: list[str]) -> list[int]:
    """The human outcome at each word boundary of ``texts``, from a reference SRT whose rows
    hold the same words (a word may hold spaces: its tokens are matched one by one)."""
    tokens: list[int] = []
    for block in path.read_text(encoding="utf-8-sig").replace("\r\n", "\n").split("\n\n"):
        lines = [line for line in block.strip().split("\n") if line.strip()]
        if len(lines) < 3 or "-->" not in lines[1]:
            continue
        for row_index, row in enumerate(lines[2:]):
            count = len(row.split())
            tokens.extend([NONE] * (count - 1))
            tokens.append(CUE if row_index == len(lines) - 3 else ROW)
    outcome: list[int] = []
    position = 0
    for text in texts:
        position += len(text.split())
        outcome.append(tokens[position - 1])
    if position != len(tokens):
        raise ValueError(f"{path}: {len(tokens)} reference tokens, {position} in the words")
    return outcome[:-1]


def load_talk(words_path: Path, rules: Rules = TED_RULES) -> Talk:
    transcript = load_words(str(words_path))
    words = transcript.words
    texts = [word.text for word in words]
    language = language_for("en")
    classes, repeats = boundary_classes(texts, language)
    gaps = [word.start_ms - previous.end_ms for previous, word in itertools.pairwise(words)]
    strengths = pause_strengths(gaps, rules, repeats)
    hand = boundary_facts(
        texts,
        [w.start_ms for w in words],
        [w.end_ms for w in words],
        [w.speaker for w in words],
        rules,
        language,
        replace(DEFAULT_WEIGHTS, learned=0.0),
    )
    inputs = boundary_inputs(classes, strengths, DEFAULT_WEIGHTS.pause_hold, texts)
    keep = np.array(hand.keep)
    offsets = np.stack(
        [
            np.zeros(len(keep)),
            -(np.array(hand.line_end) - keep),
            -(np.array(hand.cue_end) + DEFAULT_WEIGHTS.cue - keep),
        ],
        axis=1,
    )
    name = words_path.name[: -len(".words.json")]
    labels = np.array(human_breaks(words_path.parent / f"{name}.ref.srt", texts))
    return Talk(
        name=name,
        texts=texts,
        classes=classes,
        pause=list(inputs.pause),
        since=list(inputs.since),
        until=list(inputs.until),
        since_chars=list(inputs.since_chars),
        until_chars=list(inputs.until_chars),
        offsets=offsets,
        labels=labels,
        usable=~np.array(hand.forced),
        widths=[text_width(text) for text in texts],
    )


@dataclass(frozen=True)
class Columns:
    """Where each feature group starts in the weight matrix."""

    vocabulary: tuple[str, ...]

    @property
    def sizes(self) -> dict[str, int]:
        k = len(self.vocabulary)
        return {
            "classes": len(Boundary),
            "pause": 1,
            "left_words": k,
            "right_words": k,
            "left_length": MAX_LENGTH + 1,
            "right_length": MAX_LENGTH + 1,
            "left_punctuation": len(PUNCTUATION) + 1,
            "right_capitalised": 1,
            "since": MAX_POSITION + 1,
            "until": MAX_POSITION + 1,
            "since_chars": MAX_CHARS + 1,
            "until_chars": MAX_CHARS + 1,
        }

    @property
    def starts(self) -> dict[str, int]:
        start = 0
        starts = {}
        for group, size in self.sizes.items():
            starts[group] = start
            start += size
        return starts

    @property
    def total(self) -> int:
        return sum(self.sizes.values())


def design(talk: Talk, columns: Columns) -> tuple[Any, Any]:
    """Sparse rows: (indices, values), each (boundaries, 12): one active column per group."""
    starts = columns.starts
    index = {word: i for i, word in enumerate(columns.vocabulary)}
    miss = -1
    rows_i = []
    rows_v = []
    for b, boundary in enumerate(talk.classes):
        before, after = talk.texts[b], talk.texts[b + 1]
        left_key, right_key = word_key(before), word_key(after)
        left_word = index.get(left_key, miss)
        right_word = index.get(right_key, miss)
        entries = [
            (starts["classes"] + int(boundary), 1.0 if LEARN_CLASSES else 0.0),
            (starts["pause"], talk.pause[b] if LEARN_CLASSES else 0.0),
            (starts["left_words"] + max(left_word, 0), 1.0 if left_word >= 0 else 0.0),
            (starts["right_words"] + max(right_word, 0), 1.0 if right_word >= 0 else 0.0),
            (starts["left_length"] + min(len(left_key), MAX_LENGTH), 1.0),
            (starts["right_length"] + min(len(right_key), MAX_LENGTH), 1.0),
            (starts["left_punctuation"] + punctuation_index(before), 1.0),
            (starts["right_capitalised"], 1.0 if after[:1].isupper() else 0.0),
            (starts["since"] + talk.since[b], 1.0),
            (starts["until"] + talk.until[b], 1.0),
            (starts["since_chars"] + talk.since_chars[b], 1.0 if CHAR_POSITIONS else 0.0),
            (starts["until_chars"] + talk.until_chars[b], 1.0 if CHAR_POSITIONS else 0.0),
        ]
        rows_i.append([i for i, _ in entries])
        # As at run time: a pause shrinks every term but its own (see cuecraft.segment.learned).
        shrink = 1.0 - talk.pause[b]
        rows_v.append([v if i == starts["pause"] else v * shrink for i, v in entries])
    return np.array(rows_i, dtype=np.int64), np.array(rows_v)


def fit(talks: list[Talk]) -> BoundaryModel:
    """The model fitted on ``talks`` (deterministic)."""
    return model_from_json(to_json(*fit_raw(talks), SCALES))


def fit_raw(talks: list[Talk]) -> tuple[Any, Columns]:
    """The fitted weights, (columns, 2) for (row break, cue end), and their columns."""
    counts: Counter[str] = Counter()
    for talk in talks:
        counts.update(word_key(text) for text in talk.texts)
    vocabulary = tuple(
        word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    )[:VOCABULARY]
    columns = Columns(vocabulary)
    parts = [design(talk, columns) for talk in talks]
    usable = np.concatenate([talk.usable for talk in talks])
    idx = np.concatenate([p[0] for p in parts])[usable]
    val = np.concatenate([p[1] for p in parts])[usable]
    offsets = np.concatenate([talk.offsets for talk in talks])[usable]
    labels = np.concatenate([talk.labels for talk in talks])[usable]
    weights = _lbfgs(idx, val, offsets, labels, columns.total)
    if ROW_MODEL:
        weights[:, 0], shape = fit_rows(talks, columns)
        print(f"  (balance, pyramid) implied: {shape}", file=sys.stderr)
    return weights, columns


def _loss(
    flat: Any, idx: Any, val: Any, offsets: Any, labels: Any, total: int
) -> tuple[float, Any]:
    """Mean softmax log-loss + L2, and its gradient. ``flat`` holds the weights (total, 2) for
    (row break, cue end) and then the two scales of the hand offsets (not penalised)."""
    w = flat[:-2].reshape(total, 2)
    alpha = flat[-2:]
    scores = (w[idx] * val[:, :, None]).sum(axis=1)  # (n, 2)
    logits = np.zeros((len(labels), 3))
    logits[:, 1:] = alpha * offsets[:, 1:] + scores
    logits -= logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    n = len(labels)
    loss = -np.log(p[np.arange(n), labels] + 1e-300).sum() + 0.5 * L2 * (w * w).sum()
    residual = p.copy()
    residual[np.arange(n), labels] -= 1.0
    grad = np.zeros((total, 2))
    for k in (0, 1):
        contrib = val * residual[:, k + 1 : k + 2]
        grad[:, k] = np.bincount(idx.ravel(), weights=contrib.ravel(), minlength=total)
    grad += L2 * w
    grad_alpha = (residual[:, 1:] * offsets[:, 1:]).sum(axis=0)
    return float(loss / n), np.concatenate([grad.ravel(), grad_alpha]) / n


def _lbfgs(idx: Any, val: Any, offsets: Any, labels: Any, total: int) -> Any:
    """Fit the outcome model. Returns the weights in cost units of the hand model: log-odds
    divided by the offset's fitted scale."""
    start = np.zeros(total * 2 + 2)
    start[-2:] = 1.0
    x = minimise(lambda flat: _loss(flat, idx, val, offsets, labels, total), start)
    print(f"  fit: offset scales row {x[-2]:.3f} cue {x[-1]:.3f}", file=sys.stderr)
    return x[:-2].reshape(total, 2) / x[-2:]


def minimise(function: Any, x: Any) -> Any:
    """L-BFGS (memory 10, backtracking line search, fixed iteration cap): deterministic."""
    f, g = function(x)
    history: list[tuple[Any, Any]] = []
    for _ in range(ITERATIONS):
        q = g.copy()
        alphas = []
        for s, y in reversed(history):
            a = (s @ q) / (y @ s)
            alphas.append(a)
            q -= a * y
        if history:
            s, y = history[-1]
            q *= (s @ y) / (y @ y)
        for (s, y), a in zip(history, reversed(alphas), strict=True):
            q += s * (a - (y @ q) / (y @ s))
        direction = -q
        step = 1.0
        while True:
            candidate = x + step * direction
            f_new, g_new = function(candidate)
            if f_new <= f + 1e-4 * step * (g @ direction) or step < 1e-8:
                break
            step *= 0.5
        s, y = candidate - x, g_new - g
        if y @ s > 1e-12:
            history = [*history[-9:], (s, y)]
        x, f, g = candidate, f_new, g_new
        if np.abs(g).max() < 1e-7:
            break
    return x


def row_candidates(talk: Talk, columns: Columns, row_chars: int = 42) -> tuple[Any, ...]:
    """Every place the row of each human two-row cue could break, with both rows fitting:
    (design indices, values, hand row cost, balance spread, top-heavy share, group, chosen)."""
    idx, val = design(talk, columns)
    out: list[tuple[int, float, float, float, int, bool]] = []
    group = 0
    first = 0
    labels = talk.labels.tolist()
    n = len(talk.texts)
    rows = -talk.offsets[:, 1]
    for last in range(n):
        if last < n - 1 and labels[last] != CUE:
            continue
        breaks = [b for b in range(first, last) if labels[b] == ROW]
        if len(breaks) == 1:
            cands = []
            for k in range(first, last):
                top = sum(talk.widths[first : k + 1]) + (k - first)
                bottom = sum(talk.widths[k + 1 : last + 1]) + (last - k - 1)
                if top <= row_chars and bottom <= row_chars:
                    spread = abs(top - bottom) / row_chars
                    heavy = max(0, top - bottom) / row_chars
                    cands.append((k, float(rows[k]), spread, heavy, group, k == breaks[0]))
            if len(cands) > 1 and any(c[5] for c in cands):
                out.extend(cands)
                group += 1
        first = last + 1
    ks = np.array([c[0] for c in out], dtype=np.int64)
    return (
        idx[ks],
        val[ks],
        np.array([c[1] for c in out]),
        np.array([c[2] for c in out]),
        np.array([c[3] for c in out]),
        np.array([c[4] for c in out], dtype=np.int64),
        np.array([c[5] for c in out]),
    )


def fit_rows(talks: list[Talk], columns: Columns) -> tuple[Any, tuple[float, float]]:
    """Conditional logit over the row-break position inside human two-row cues: the weights
    (columns,) in hand cost units, and the (balance, pyramid) weights the data imply."""
    parts = [row_candidates(talk, columns) for talk in talks]
    offset = 0
    pieces = []
    for part in parts:
        groups = part[5] + offset
        offset = int(groups.max()) + 1 if len(groups) else offset
        pieces.append((*part[:5], groups, part[6]))
    idx, val, row, spread, heavy, group, chosen = (
        np.concatenate([p[i] for p in pieces]) for i in range(7)
    )
    if ROW_CLASSES:  # the class column takes the (pause-shrunk) value every group carries
        val = val.copy()
        val[:, 0] = val[:, 4]
    starts = np.flatnonzero(np.r_[True, group[1:] != group[:-1]])
    total = columns.total
    m = len(starts)

    def loss(flat: Any) -> tuple[float, Any]:
        w = flat[:-3]
        a_row, a_bal, a_pyr = flat[-3:]
        score = w[idx].__mul__(val).sum(axis=1) - a_row * row - a_bal * spread - a_pyr * heavy
        top = np.maximum.reduceat(score, starts)
        e = np.exp(score - top[group])
        z = np.add.reduceat(e, starts)
        p = e / z[group]
        value = -(score[chosen] - top - np.log(z)).sum() + 0.5 * L2 * (w * w).sum()
        r = p - chosen
        g = np.bincount(idx.ravel(), weights=(val * r[:, None]).ravel(), minlength=total)
        g += L2 * w
        extra = np.array([-(r * row).sum(), -(r * spread).sum(), -(r * heavy).sum()])
        return float(value / m), np.concatenate([g, extra]) / m

    start = np.zeros(total + 3)
    start[-3:] = (1.0, 1.5, 0.2)  # fixed, so that the file does not depend on Weights
    x = minimise(loss, start)
    a_row, a_bal, a_pyr = x[-3:]
    print(
        f"  rows: {m} cues, scales row {a_row:.3f} balance {a_bal:.3f} pyramid {a_pyr:.3f}",
        file=sys.stderr,
    )
    weights = x[:-3] / a_row
    # A choice inside a cue does not fix the level of the term: centre it on the candidates,
    # so that it moves the row break inside a cue without making two-row cues cheaper
    # overall. The class column (always one active, not learned) carries the shift.
    level = (weights[idx] * val).sum(axis=1).mean() + ROW_LEVEL
    classes = columns.starts["classes"]
    weights[classes : classes + len(Boundary)] -= level
    return weights, (float(a_bal / a_row), float(a_pyr / a_row))


def to_json(weights: Any, columns: Columns, scales: tuple[float, float]) -> dict[str, Any]:
    """The JSON of the model: (cue end, row break) pairs, rounded to 4 decimals."""

    def pairs(group: str) -> list[list[float]]:
        start = columns.starts[group]
        block = weights[start : start + columns.sizes[group]]
        return [[round(float(cue), 4), round(float(row), 4)] for row, cue in block]

    classes = pairs("classes")
    return {
        "about": (
            "Learned boundary costs of cuecraft.segment.learned: (cue end, row break) log-odds "
            "added to the hand rules; written by benchmarks/train_boundary_weights.py"
        ),
        "language": "en",
        "trained_on": "ted_dev (30 TED talks, ../shared/corpus/segmentation/ted_dev)",
        "features": {"vocabulary": len(columns.vocabulary), "l2": L2, "iterations": ITERATIONS},
        "scale": {"cue_end": scales[0], "line_end": scales[1]},
        "classes": {member.name.lower(): classes[member] for member in Boundary},
        "pause": pairs("pause"),
        "left_words": dict(zip(columns.vocabulary, pairs("left_words"), strict=True)),
        "right_words": dict(zip(columns.vocabulary, pairs("right_words"), strict=True)),
        "left_length": pairs("left_length"),
        "right_length": pairs("right_length"),
        "left_punctuation": pairs("left_punctuation"),
        "right_capitalised": pairs("right_capitalised"),
        "since": pairs("since"),
        "until": pairs("until"),
        "since_chars": pairs("since_chars"),
        "until_chars": pairs("until_chars"),
    }


def load_talks() -> list[Talk]:
    return [load_talk(path) for path in sorted(CORPUS.glob("*.words.json"))]


def folds(talks: list[Talk]) -> list[tuple[list[Talk], list[Talk]]]:
    """(training, held-out) talks of each fold: talk ``i`` (sorted by name) is in fold i % 5."""
    return [
        (
            [t for i, t in enumerate(talks) if i % FOLDS != k],
            [t for i, t in enumerate(talks) if i % FOLDS == k],
        )
        for k in range(FOLDS)
    ]


def fold_models(talks: list[Talk]) -> dict[str, BoundaryModel]:
    """For each talk, the model fitted without the talk's fold."""
    models: dict[str, BoundaryModel] = {}
    for training, held_out in folds(talks):
        model = fit(training)
        for talk in held_out:
            models[talk.name] = model
    return models


def with_scales(model: BoundaryModel, scales: tuple[float, float]) -> BoundaryModel:
    return replace(model, cue_end_scale=scales[0], line_end_scale=scales[1])


def break_f1(talks: list[Talk], weights_for: dict[str, Weights]) -> dict[str, float]:
    """Pooled break F1 (cue end, row break, any) of the engine on ``talks``, and Sigma when
    the shared scorer can run here (``../shared/bench/segquality``, needs sacrebleu)."""
    tp = Counter[str]()
    hyp = Counter[str]()
    ref = Counter[str]()
    scorer = import_scorer()
    try:
        importlib.import_module("sacrebleu")
    except ImportError:
        scorer = None
    out = tempfile.mkdtemp(prefix="cuecraft-train-")
    for talk in talks:
        transcript = load_words(str(CORPUS / f"{talk.name}.words.json"))
        cues = segment_with_report(transcript, TED_RULES, weights=weights_for[talk.name]).cues
        write_srt(cues, str(Path(out) / f"{talk.name}.srt"))
        mine: dict[int, int] = {}
        for cue in cues:
            for number, line in enumerate(cue.lines):
                last = line.stop - 1
                if last < len(talk.labels):
                    mine[last] = CUE if number == len(cue.lines) - 1 else ROW
        for b, label in enumerate(talk.labels.tolist()):
            got = mine.get(b, NONE)
            for kind, code in (("eob", CUE), ("eol", ROW)):
                tp[kind] += got == code and label == code
                hyp[kind] += got == code
                ref[kind] += label == code
            tp["any"] += got != NONE and label != NONE
            hyp["any"] += got != NONE
            ref["any"] += label != NONE
    scores = {kind: 2 * tp[kind] / max(hyp[kind] + ref[kind], 1) for kind in ("any", "eob", "eol")}
    if scorer is not None and len(talks) == len(list(CORPUS.glob("*.ref.srt"))):
        scores["Sigma"] = scorer.score(scorer.pairs_from_args(str(CORPUS), out), do_suber=False)[
            "Sigma"
        ]
    shutil.rmtree(out)
    return scores


def check_runtime(model: BoundaryModel, weights: Any, columns: Columns, talk: Talk) -> None:
    """The run-time scorer (pure Python) must give the numpy design's scores."""
    idx, val = design(talk, columns)
    expected = (weights[idx] * val[:, :, None]).sum(axis=1)
    if not LEARN_CLASSES:  # the class column then only carries the level of the row term
        level = weights[columns.starts["classes"] + np.array(talk.classes, dtype=np.int64)]
        expected += level * (1.0 - np.array(talk.pause))[:, None]
    inputs = boundary_inputs(
        talk.classes, [0.0] * len(talk.classes), DEFAULT_WEIGHTS.pause_hold, talk.texts
    )
    inputs = replace(inputs, pause=talk.pause)
    scores = np.array(residuals(model, talk.texts, inputs))
    got = np.stack([scores.imag, scores.real], axis=1)
    if np.abs(got - expected).max() > 1e-3:  # the JSON rounds to 4 decimals
        raise AssertionError(f"run-time scores differ from training on {talk.name}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="the JSON file to write")
    parser.add_argument("--cv", action="store_true", help="report 5-fold CV break F1 instead")
    parser.add_argument(
        "--scales", nargs="*", default=[], help="(cue end,row break) scales to try under CV"
    )
    parser.add_argument(
        "--weights",
        nargs="*",
        default=[],
        metavar="NAME=VALUE",
        help="Weights values to try under CV (each one alone), e.g. balance=3",
    )
    parser.add_argument("--vocabulary", type=int, default=VOCABULARY, help="words with a weight")
    parser.add_argument(
        "--row-classes", action="store_true", default=ROW_CLASSES, help="see ROW_CLASSES"
    )
    parser.add_argument("--row-level", type=float, default=ROW_LEVEL, help="see ROW_LEVEL")
    parser.add_argument("--l2", type=float, default=L2, help="ridge penalty per weight")
    parser.add_argument(
        "--no-char-positions",
        dest="char_positions",
        action="store_false",
        default=CHAR_POSITIONS,
        help="see CHAR_POSITIONS",
    )
    args = parser.parse_args(argv)
    settings = {
        "VOCABULARY": args.vocabulary,
        "L2": args.l2,
        "ROW_LEVEL": args.row_level,
        "CHAR_POSITIONS": args.char_positions,
    }
    globals().update(settings, ROW_CLASSES=args.row_classes)
    if not CORPUS.is_dir():
        print(f"skipped: no training data at {CORPUS} (needs ../shared)")
        return 0
    talks = load_talks()
    if args.cv or args.scales or args.weights:
        models = fold_models(talks)
        hand = {talk.name: replace(DEFAULT_WEIGHTS, learned=0.0) for talk in talks}
        print("hand rules only:", _fmt(break_f1(talks, hand)))
        tried = [tuple(float(v) for v in s.split(",")) for s in args.scales] or [SCALES]
        variants = [("", DEFAULT_WEIGHTS)]
        for setting in args.weights:
            changes: dict[str, Any] = {
                key: float(v) for key, v in (p.split("=") for p in setting.split(";"))
            }
            variants.append((setting, replace(DEFAULT_WEIGHTS, **changes)))
        for label, base in variants:
            for scales in tried:
                weights = {
                    name: replace(base, boundary_model=with_scales(model, (scales[0], scales[1])))
                    for name, model in models.items()
                }
                print(
                    f"learned, scales {scales} {label}, 5-fold CV:",
                    _fmt(break_f1(talks, weights)),
                    flush=True,
                )
        return 0
    weights, columns = fit_raw(talks)
    data = to_json(weights, columns, SCALES)
    check_runtime(model_from_json(data), weights, columns, talks[0])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out} ({len(talks)} talks)")
    return 0


def _fmt(scores: dict[str, float]) -> str:
    return " ".join(
        f"{kind} {value:.2f}" if kind == "Sigma" else f"{kind} {value:.4f}"
        for kind, value in scores.items()
    )


if __name__ == "__main__":
    raise SystemExit(main())
