"""Word lists of the languages the segmenter knows, read from data files (#11, #13).

Each language with word lists has ``data/words_<code>.json`` in this package (en, nl, de, fr,
es, it, pt): lower-case words without outer punctuation (abbreviations keep their full stops).
:mod:`cuecraft.segment.linguistics` builds its
:class:`~cuecraft.segment.linguistics.Language` profiles from them and documents what each list
means. Sources: Netflix Timed Text Style Guide (General Requirements §4 and the per-language
guides), BBC Subtitle Guidelines §3.4, and the grammars of each language for the closed word
classes.

Keys of each file (besides ``language``, ``name`` and free-text ``notes``):

``determiners``, ``prepositions``, ``conjunctions``, ``pronouns`` (subject pronouns),
``auxiliaries``, ``negations`` (and reflexive/clitic pronouns before the verb), ``particles``
(verb particles, post-verbal negations), ``abbreviations`` (never end a sentence),
``number_abbreviations`` (abbreviations of "number": only before a digit, so that a whole
answer "No." still ends its sentence), ``fillers`` (hesitation sounds): lists of words;
``modals``: modal constructions, a list of ``{"verbs": [...], "links": [...]}`` groups (the verb
and its link, and the link and the infinitive after it, are never split: "tengo que | ir",
"j'ai à | faire").
"""

from __future__ import annotations

import json
from typing import NamedTuple

from cuecraft._package_data import package_text

__all__ = ["LISTED", "LIST_NAMES", "WORD_LISTS", "WordLists", "load_word_lists"]

LIST_NAMES = (
    "determiners",
    "prepositions",
    "conjunctions",
    "pronouns",
    "auxiliaries",
    "negations",
    "particles",
    "abbreviations",
    "number_abbreviations",
    "fillers",
)
"""The plain word lists of every language file (``modals`` is the one structured list)."""

LISTED = ("en", "nl", "de", "fr", "es", "it", "pt")
"""The languages with a word-list file."""


class WordLists(NamedTuple):
    """One language's lists: ``words[name]`` for each of :data:`LIST_NAMES`, and the modal
    constructions as (verb form, link) pairs."""

    code: str
    words: dict[str, frozenset[str]]
    modals: frozenset[tuple[str, str]]


def load_word_lists(code: str) -> WordLists:
    """The lists of ``data/words_<code>.json``; a missing list is an error in the data."""
    text = package_text(__package__, __file__, "data", f"words_{code}.json")
    if text is None:
        raise FileNotFoundError(f"cuecraft's word lists for {code!r} are missing")
    data = json.loads(text)
    words = {name: frozenset(data[name]) for name in LIST_NAMES}
    modals = frozenset(
        (verb, link)
        for group in data["modals"]
        for verb in group["verbs"]
        for link in group["links"]
    )
    return WordLists(code=code, words=words, modals=modals)


WORD_LISTS: dict[str, WordLists] = {code: load_word_lists(code) for code in LISTED}
