"""Where a line or cue may break: word lists per language and a classifier for word boundaries.

Each boundary between two words gets one :class:`Boundary` class, from the best place to break
(a sentence end) to the places the style guides forbid (Netflix Timed Text Style Guide,
General Requirements §4 "Line Treatment"; BBC Subtitle Guidelines §3.4 "Break at natural
points"; see ``../shared/docs/style-rules.md`` section 4):

- break after punctuation, before a conjunction, before a preposition;
- never separate article/determiner and noun, adjective and noun (approximated: a number or a
  possessive before its noun), first and last name, subject pronoun and verb, auxiliary,
  reflexive pronoun or negation and verb, a verb and its particle; BBC adds preposition and
  its phrase, conjunction and its clause.

Word lists exist for English, Dutch, German, French, Spanish, Italian and Portuguese (data files
``segment/data/words_<code>.json``, :mod:`cuecraft.segment.wordlists`); any other language gets
the neutral profile (punctuation, capitalised name pairs and numbers only).
Japanese, Chinese and Thai are written without spaces between words: their profiles say so and
carry Netflix's per-language row lengths.

Costs for each class live in :mod:`cuecraft.segment.scoring`; this module only classifies.
"""

from __future__ import annotations

import functools
from array import array
from collections import Counter
from collections.abc import Collection, Mapping, MutableSequence, Sequence
from enum import IntEnum
from itertools import compress
from types import ModuleType

import msgspec

from cuecraft.columns import COLUMN_KERNEL
from cuecraft.segment.wordlists import WORD_LISTS

__all__ = [
    "LANGUAGES",
    "NEUTRAL",
    "Boundary",
    "Language",
    "boundary_codes",
    "classify_boundaries",
    "guess_language",
    "language_for",
    "word_key",
]


class Boundary(IntEnum):
    """The kind of a boundary between word ``b`` and word ``b + 1``, best first."""

    SENTENCE = 0
    """Word ``b`` ends a sentence (``.``, ``?``, ``!``, ``…``, ``。``), not an abbreviation."""
    CLAUSE = 1
    """Word ``b`` ends with clause punctuation (``,`` ``;`` ``:`` a dash, ``、``)."""
    BEFORE_CONJUNCTION = 2
    """Word ``b + 1`` is a conjunction or relative pronoun (Netflix: break before it)."""
    BEFORE_PREPOSITION = 3
    """Word ``b + 1`` is a preposition (Netflix: break before it)."""
    BEFORE_OPENING = 4
    """Word ``b + 1`` opens a quotation or parenthesis."""
    BEFORE_PHRASE = 5
    """Word ``b + 1`` starts a noun phrase or clause (a determiner or a subject pronoun)."""
    NEUTRAL = 6
    """Nothing known about this boundary."""
    AFTER_CONJUNCTION = 7
    """Word ``b`` is a conjunction (BBC: do not split it from its clause)."""
    AFTER_AUXILIARY = 8
    """Word ``b`` is an auxiliary or modal verb (Netflix: never split it from its verb)."""
    AFTER_PRONOUN = 9
    """Word ``b`` is a subject pronoun (Netflix: never split it from its verb)."""
    AFTER_PREPOSITION = 10
    """Word ``b`` is a preposition (BBC: do not split it from its phrase)."""
    BEFORE_PARTICLE = 11
    """Word ``b + 1`` is a verb particle or post-verbal negation (``give | up``, ``sais | pas``)."""
    AFTER_NEGATION = 12
    """Word ``b`` is a negation or reflexive pronoun before its verb."""
    AFTER_DETERMINER = 13
    """Word ``b`` is an article, determiner, possessive or number (never split it from its noun)."""
    NAME = 14
    """Two capitalised words of a name (``Simon | Garfunkel``): never split."""
    BEFORE_VERB = 15
    """Word ``b + 1`` is an auxiliary or modal after a content word: the boundary between a
    subject and its verb phrase (``most of our listeners | are older``), a fair row break."""


# A msgspec Struct, not a dataclass: made in C, it compiles no methods from source when
# this module is imported (a frozen dataclass costs about 1 ms of start-up; issue #12).
class Language(msgspec.Struct, frozen=True, dict=True):  # dict: for the cached property
    """Word lists and layout defaults of one language (all words lower case, no punctuation).

    Attributes:
        code: the ISO 639-1 code, or ``"neutral"``.
        determiners: articles, demonstratives, possessives, quantifiers (never break after).
        prepositions: break before, not after.
        conjunctions: coordinating and subordinating conjunctions, relative pronouns.
        pronouns: subject pronouns (never break between one and its verb).
        auxiliaries: auxiliary and modal verb forms (never break before the main verb).
        negations: negations and reflexive pronouns placed before the verb.
        particles: verb particles and post-verbal negations (never break before them).
        abbreviations: words ending in a full stop that do not end a sentence.
        number_abbreviations: abbreviations of "number" ("No.", "Nr."): they end no sentence
            before a number only, so that a whole answer "No." still does.
        fillers: hesitation sounds ("um", "euh"): one inside a phrase does not end it.
        modals: (verb form, link) pairs of modal constructions ("tener que", "avoir à"):
            neither the verb and its link nor the link and the infinitive are split.
        spaces: False for scripts written without spaces between words.
        row_chars: default characters per row for this language, when the user set none.
        chars_per_second: default reading speed for this language, when the user set none.
    """

    code: str
    determiners: frozenset[str] = frozenset()
    prepositions: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    auxiliaries: frozenset[str] = frozenset()
    negations: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    number_abbreviations: frozenset[str] = frozenset()
    fillers: frozenset[str] = frozenset()
    modals: frozenset[tuple[str, str]] = frozenset()
    spaces: bool = True
    row_chars: int | None = None
    chars_per_second: float | None = None

    @functools.cached_property
    def modal_verbs(self) -> frozenset[str]:
        """The verb forms that start a modal construction (the first words of :attr:`modals`)."""
        return frozenset(verb for verb, _ in self.modals)

    @property
    def separator(self) -> str:
        """What joins two words on a row: a space, or nothing for unspaced scripts."""
        return " " if self.spaces else ""


def _listed(code: str) -> Language:
    lists = WORD_LISTS[code]
    words = lists.words
    return Language(
        code=code,
        determiners=words["determiners"],
        prepositions=words["prepositions"],
        conjunctions=words["conjunctions"],
        pronouns=words["pronouns"],
        auxiliaries=words["auxiliaries"],
        negations=words["negations"],
        particles=words["particles"],
        abbreviations=words["abbreviations"],
        number_abbreviations=words["number_abbreviations"],
        fillers=words["fillers"],
        modals=lists.modals,
    )


# Word lists: Netflix English Template §7 (identical to General Requirements §4), BBC §3.4 and
# each language's grammar; the lists themselves are data (segment/data/words_<code>.json,
# read by cuecraft.segment.wordlists).
ENGLISH = _listed("en")
DUTCH = _listed("nl")
GERMAN = _listed("de")
FRENCH = _listed("fr")
SPANISH = _listed("es")
ITALIAN = _listed("it")
PORTUGUESE = _listed("pt")

NEUTRAL = Language(code="neutral")
"""Any other language: punctuation, pauses, capitalised name pairs and numbers only."""

# Scripts without spaces. Row lengths: Netflix Japanese Timed Text Style Guide (13 full-width
# characters per horizontal row), Simplified/Traditional Chinese guides (16), Thai guide (35).
# Reading speeds: Netflix Japanese (4 characters/s, adult) and Chinese (9 characters/s)
# guides (verify against the current revision).
JAPANESE = Language(code="ja", spaces=False, row_chars=13, chars_per_second=4.0)
CHINESE = Language(code="zh", spaces=False, row_chars=16, chars_per_second=9.0)
THAI = Language(code="th", spaces=False, row_chars=35)

LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (ENGLISH, DUTCH, GERMAN, FRENCH, SPANISH, ITALIAN, PORTUGUESE, JAPANESE, CHINESE)
}
LANGUAGES["th"] = THAI
LANGUAGES["yue"] = CHINESE  # Cantonese is written in Chinese characters

_LISTED = ("en", "nl", "de", "fr", "es", "it", "pt")
_FUNCTION_WORDS = {
    code: LANGUAGES[code].determiners
    | LANGUAGES[code].prepositions
    | LANGUAGES[code].conjunctions
    | LANGUAGES[code].pronouns
    | LANGUAGES[code].auxiliaries
    for code in _LISTED
}


def guess_language(texts: Sequence[str], sample: int = 3000) -> Language:
    """The word-listed language whose function words cover the most of the first ``sample``
    words, when it clearly wins (at least 15 % of the words and 1.5 times the runner-up);
    else :data:`NEUTRAL`. For transcripts that do not say their language."""
    counts = dict.fromkeys(_LISTED, 0)
    sampled = texts[:sample]
    seen = len(sampled)
    # Each distinct word looked up once, counted as often as it occurs (a sample of
    # thousands holds a few hundred distinct words).
    for text, times in Counter(sampled).items():
        key = word_key(text)
        for code, vocabulary in _FUNCTION_WORDS.items():
            if key in vocabulary:
                counts[code] += times
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if seen and hits >= 0.15 * seen and hits >= 1.5 * runner_up:
        return LANGUAGES[best]
    return NEUTRAL


def language_for(code: str | None) -> Language:
    """The profile for a BCP 47 or vendor language code (``en-US``, ``nl_NL``, ``zh-Hant``).

    Only the primary subtag counts; unknown or missing codes give :data:`NEUTRAL`.
    """
    if not code:
        return NEUTRAL
    primary = code.replace("_", "-").split("-", 1)[0].strip().lower()
    return LANGUAGES.get(primary, NEUTRAL)


_CLOSERS = "\"')]}»”’›」』）"
_OPENERS = "\"'([{«“‘‹「『（¿¡"
_SENTENCE_END = ".?!…。？！"
_CLAUSE_END = ",;:–—-、，；："
_STRIP = _CLOSERS + _OPENERS + _SENTENCE_END + _CLAUSE_END + "*_"
_CONTRACTIONS = ("n't", "'m", "'re", "'ve", "'ll", "'d")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def word_key(text: str) -> str:
    """The lookup form of a word: lower case, straight apostrophes, outer punctuation removed."""
    return text.translate(_APOSTROPHES).strip(_STRIP).lower()


def _ends_sentence(text: str, key: str, language: Language) -> bool:
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] not in _SENTENCE_END:
        return False
    if core[-1] == ".":
        if core.endswith(".."):
            return True
        # Only this language's list: Spanish "No." is the word "no" (#13). "No." before a
        # number is settled by classify_boundaries, which sees the next word.
        if (key + ".") in language.abbreviations:
            return False
        # An initial ("J.") or an acronym with full stops ("U.S.") seldom ends a sentence.
        stem = core.lstrip(_OPENERS)[:-1]
        if len(stem) == 1 and stem.isupper():
            return False
    return True


def _is_number(key: str) -> bool:
    return bool(key) and key.replace(",", "").replace(".", "").isdigit()


def _is_capitalised(text: str) -> bool:
    stripped = text.lstrip(_OPENERS)
    return bool(stripped) and stripped[0].isupper() and stripped != "I"


def _word_code(text: str, key: str, language: Language, kernel: ModuleType) -> int:
    """What one word says about the boundaries around it, packed for the kernel
    (:func:`cuecraft.segment.boundary_kernel.pack`).

    The class its punctuation gives the boundary after it; whether it is capitalised; whether
    it is a listed determiner (article, demonstrative, possessive pronoun), which always binds
    to the next word; whether it is a number or a possessive ``'s``, which binds to a content
    word ("12 slides", "Zoë's café") but not to a function word ("in 1999 | with"); whether it
    is a verb particle; the class of the boundary after it from its word list; the class of
    the boundary before it; and what the rules about its neighbours ask (a filler, "have",
    "to", "No.", a leading digit). ``key``: its :func:`word_key`.
    """
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    punctuation: Boundary | None = None
    if last in _SENTENCE_END:
        if _ends_sentence(text, key, language):
            punctuation = Boundary.SENTENCE
        elif last != ".":  # "Mr." or an initial: read on as if there were no full stop
            punctuation = Boundary.CLAUSE
    elif last in _CLAUSE_END or text[-1] in ")]}）":
        punctuation = Boundary.CLAUSE
    # "A." or "This." ends something: an article or determiner with a full stop is not one.
    determiner = key in language.determiners and last not in _SENTENCE_END
    quantifier = not determiner and (
        _is_number(key) or (key.endswith("'s") and key not in language.auxiliaries)
    )
    after: Boundary | None = None
    if key in language.negations:
        after = Boundary.AFTER_NEGATION
    elif key in language.prepositions and key not in language.conjunctions:
        after = Boundary.AFTER_PREPOSITION
    elif key in language.pronouns:
        after = Boundary.AFTER_PRONOUN
    elif key in language.auxiliaries or key.endswith(_CONTRACTIONS):
        after = Boundary.AFTER_AUXILIARY
    elif key in language.conjunctions:
        after = Boundary.AFTER_CONJUNCTION
    before: Boundary | None = None
    if key in language.conjunctions:
        before = Boundary.BEFORE_CONJUNCTION
    elif key in language.prepositions:
        before = Boundary.BEFORE_PREPOSITION
    elif text[:1] in _OPENERS:
        before = Boundary.BEFORE_OPENING
    elif key in language.determiners or key in language.pronouns:
        before = Boundary.BEFORE_PHRASE
    none = kernel.NONE
    code: int = kernel.pack(
        none if punctuation is None else int(punctuation),
        none if after is None else int(after),
        none if before is None else int(before),
        capitalised=_is_capitalised(text),
        determiner=determiner,
        quantifier=quantifier,
        particle=key in language.particles,
        filler=key in language.fillers,
        # "have" before an article or a preposition is mostly the main verb ("we have |
        # about forty volunteers", "she had | a plan"); before "to" it is a modal ("has to
        # read") and stays an auxiliary. English only.
        have=language.code == "en" and key in _HAVE,
        to=key == "to",
        # "No. 5": the abbreviation; a whole answer "No." still ends a sentence (#13).
        number_abbreviation=text.endswith(".") and key + "." in language.number_abbreviations,
        starts_with_digit=text[:1].isdigit(),
    )
    return code


_HAVE = frozenset({"have", "has", "had"})


def word_codes(keys: Mapping[str, str], language: Language, kernel: ModuleType) -> dict[str, int]:
    """The :func:`_word_code` of each distinct text (``keys``: each one's :func:`word_key`).

    Most words are plain: letters only, in none of the lists a code looks at. Such a word
    has no punctuation, opens nothing, is no number, possessive or contraction, and its key
    is itself in lower case: its code says only whether it is capitalised, so it is one of
    two codes, found without the look-ups of :func:`_word_code`."""
    listed = _coded_words(language)
    none = kernel.NONE
    facts = dict.fromkeys(_FACTS, False)
    plain: int = kernel.pack(none, none, none, **facts)
    capital: int = kernel.pack(none, none, none, **{**facts, "capitalised": True})
    return {
        text: (
            (capital if text[0].isupper() and text != "I" else plain)
            if text.isalpha() and key not in listed
            else _word_code(text, key, language, kernel)
        )
        for text, key in keys.items()
    }


# The facts a code packs (boundary_kernel.pack), none of them true of a plain word.
_FACTS = ["capitalised", "determiner", "quantifier", "particle", "filler", "have", "to"]
_FACTS += ["number_abbreviation", "starts_with_digit"]


@functools.cache
def _coded_words(language: Language) -> frozenset[str]:
    """Every listed word :func:`_word_code` looks a key up in (a plain word is in none)."""
    lists = (language.determiners, language.prepositions, language.conjunctions)
    more = (language.pronouns, language.auxiliaries, language.negations, language.particles)
    return frozenset().union(*lists, *more, language.fillers, _HAVE, {"to"})


def classify_boundaries(texts: Sequence[str], language: Language) -> list[Boundary]:
    """Classify the ``len(texts) - 1`` boundaries between consecutive words.

    ``texts`` are the words as displayed, punctuation attached (``"Hello,"``). The first rule
    that applies wins: punctuation; a capitalised pair (a name); after a determiner; before a
    particle; inside a modal construction; after a negation, preposition, pronoun, auxiliary
    or conjunction; before a conjunction, preposition, opening quote or a new phrase; else
    neutral. Then hesitations: a filler inside a phrase ("the um | email") binds like the
    word before it.
    """
    return list(map(_CLASSES.__getitem__, boundary_codes(texts, language)))


def boundary_codes(
    texts: Sequence[str],
    language: Language,
    kernel: ModuleType | None = None,
    vocabulary: Collection[str] | None = None,
    keys: Mapping[str, str] | None = None,
) -> MutableSequence[int]:
    """:func:`classify_boundaries` as the classes' numbers (what the engine indexes tables
    with). Each distinct word is looked up once; the per-boundary rules run in
    :mod:`cuecraft.segment.boundary_kernel` (compiled where built; ``kernel``: that module
    as :func:`~cuecraft.segment.compiled.load_kernel` gave it, to compare both modes;
    ``vocabulary``: the distinct texts, and ``keys``: their :func:`word_key`, when the
    caller has them)."""
    if kernel is None:
        # Imported here: loading the kernel imports the engine's modules, which import this.
        from cuecraft.segment.compiled import active_kernel

        kernel = active_kernel().boundary_kernel
    if keys is None:
        distinct = set(texts) if vocabulary is None else vocabulary
        keys = {text: word_key(text) for text in distinct}
    key_of = keys
    code_of = word_codes(key_of, language, kernel)
    codes: Sequence[int]
    modal_pairs: MutableSequence[int] = []
    if kernel.COMPILED:
        # Straight into the C long longs the kernel reads: no Python int per word.
        codes = COLUMN_KERNEL.lookup(texts, code_of)
    else:
        codes = list(map(code_of.__getitem__, texts))
    # Modal constructions: only where a word is the first of one (a handful of words).
    firsts = {text for text, key in key_of.items() if key in language.modal_verbs}
    if firsts and len(texts) > 1:
        count = len(texts) - 1
        modal_pairs = array("q", bytes(8 * count)) if kernel.COMPILED else [0] * count
        found = (
            COLUMN_KERNEL.where(texts, firsts)  # one typed pass
            if COLUMN_KERNEL.COMPILED
            else compress(range(count), map(firsts.__contains__, texts))
        )
        for b in found:
            if b < count and (key_of[texts[b]], key_of[texts[b + 1]]) in language.modals:
                modal_pairs[b] = 1
    classes: MutableSequence[int]
    if kernel.COMPILED:
        classes = kernel.classify_codes(codes, modal_pairs)
    else:
        classes = kernel.classify_pairs(codes, modal_pairs)
    return classes


_CLASSES = tuple(Boundary)
