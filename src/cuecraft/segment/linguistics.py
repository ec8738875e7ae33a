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

Word lists exist for English, Dutch, German, French, Spanish, Italian and Portuguese; any other
language gets the neutral profile (punctuation, capitalised name pairs and numbers only).
Japanese, Chinese and Thai are written without spaces between words: their profiles say so and
carry Netflix's per-language row lengths.

Costs for each class live in :mod:`cuecraft.segment.scoring`; this module only classifies.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

__all__ = [
    "LANGUAGES",
    "NEUTRAL",
    "Boundary",
    "Language",
    "classify_boundaries",
    "guess_language",
    "language_for",
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


@dataclass(frozen=True)
class Language:
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
    spaces: bool = True
    row_chars: int | None = None
    chars_per_second: float | None = None

    @property
    def separator(self) -> str:
        """What joins two words on a row: a space, or nothing for unspaced scripts."""
        return " " if self.spaces else ""


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# English: Netflix English Template §7 (identical to General Requirements §4) and BBC §3.4.
ENGLISH = Language(
    code="en",
    determiners=_words(
        "a an the this these those my your his her its our their some any no every each either "
        "neither another such many much several few both whose one two three four five six "
        "seven eight nine ten twelve twenty hundred thousand million billion"
    ),
    prepositions=_words(
        "of in to for with on at from by about as into like through after over between against "
        "during without before under around among within across behind beyond upon toward "
        "towards onto inside outside along until via per despite near than throughout since"
    ),
    conjunctions=_words(
        "and but or nor so yet because although though while whereas if unless when whenever "
        "where wherever whether that which who whom what how why once"
    ),
    pronouns=_words("i you he she we they"),
    auxiliaries=_words(
        "am is are was were be been being have has had do does did will would shall should "
        "can could may might must i'm you're we're they're i've you've we've they've i'll "
        "you'll he'll she'll we'll they'll it'll i'd you'd he'd she'd we'd they'd it's that's "
        "there's he's she's what's who's here's let's gonna wanna gotta going"
    ),
    negations=_words(
        "not never don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't isn't "
        "aren't wasn't weren't haven't hasn't hadn't mustn't ain't"
    ),
    particles=_words("up out off down away back"),
    abbreviations=_words(
        "mr. mrs. ms. dr. prof. st. sr. jr. vs. etc. e.g. i.e. no. mt. ft. u.s. u.k. a.m. p.m."
    ),
)

DUTCH = Language(
    code="nl",
    determiners=_words(
        "de het een dit deze die dat mijn jouw je zijn haar ons onze hun uw elk elke ieder "
        "iedere geen welk welke sommige veel weinig alle beide twee drie vier vijf tien honderd "
        "duizend miljoen"
    ),
    prepositions=_words(
        "van in op aan met voor naar bij uit over door om tot tegen zonder onder tussen na "
        "sinds tijdens achter boven naast binnen buiten via per rond langs vanaf volgens "
        "behalve dankzij wegens tegenover"
    ),
    conjunctions=_words(
        "en maar of want dus omdat als dat wanneer terwijl hoewel toen zodat voordat nadat "
        "totdat indien tenzij zoals waar wie wat hoe waarom"
    ),
    pronouns=_words("ik jij je hij zij ze wij we jullie u men"),
    auxiliaries=_words(
        "ben bent is zijn was waren heb hebt heeft hebben had hadden word wordt worden werd "
        "werden zal zult zullen zou zouden kan kunt kunnen kon konden moet moeten moest mag "
        "mogen wil wilt willen wilde ga gaat gaan"
    ),
    negations=_words("niet nooit zich mij me"),
    particles=_words("mee terug weg af toe"),
    abbreviations=_words("dhr. mevr. mr. dr. prof. bijv. enz. o.a. d.w.z. nr. ca."),
)

GERMAN = Language(
    code="de",
    determiners=_words(
        "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem "
        "keiner mein meine meinen meinem meiner dein deine deinen sein seine seinen seinem "
        "seiner ihr ihre ihren ihrem ihrer unser unsere unseren euer eure dieser diese dieses "
        "diesen diesem jeder jede jedes jeden jedem welcher welche welches alle manche viele "
        "zwei drei vier fünf zehn hundert tausend"
    ),
    prepositions=_words(
        "in im an am auf aus bei beim mit nach seit von vom zu zum zur für durch gegen ohne "
        "um über unter vor hinter neben zwischen während wegen trotz statt bis ab gegenüber "
        "innerhalb außerhalb"
    ),
    conjunctions=_words(
        "und aber oder denn sondern dass weil wenn als ob obwohl damit bevor nachdem sobald "
        "seitdem falls sodass wie doch also wo warum wer was"
    ),
    pronouns=_words("ich du er sie es wir ihr man"),
    auxiliaries=_words(
        "bin bist ist sind seid war warst waren wart habe hast hat haben habt hatte hatten "
        "werde wirst wird werden werdet wurde wurden kann kannst können könnte könnten muss "
        "musst müssen musste soll sollen sollte will willst wollen wollte darf dürfen möchte mag"
    ),
    negations=_words("nicht nie niemals mich dich sich uns euch"),
    particles=_words("zurück weg los fest hin her heraus hinaus vorbei"),
    abbreviations=_words("hr. fr. dr. prof. bzw. z.b. usw. d.h. nr. ca. vgl."),
)

FRENCH = Language(
    code="fr",
    determiners=_words(
        "le la les l' un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa ses "
        "notre nos votre vos leur leurs chaque quelques plusieurs aucun aucune quel quelle "
        "quels quelles deux trois quatre cinq dix cent mille"
    ),
    prepositions=_words(
        "à de d' en dans sur sous avec sans pour par chez vers entre contre depuis pendant "
        "avant après devant derrière selon parmi malgré jusqu'à près hors envers"
    ),
    conjunctions=_words(
        "et ou mais donc or ni car que qu' quand lorsque parce puisque si comme alors "
        "pourtant tandis qui dont où"
    ),
    pronouns=_words("je j' tu il elle on nous vous ils elles"),
    auxiliaries=_words(
        "suis es est sommes êtes sont étais était étions étiez étaient serai sera serons "
        "seront serait ai as a avons avez ont avais avait avions aviez avaient aura aurait "
        "vais va allons allez vont peux peut pouvons pouvez peuvent pourrait dois doit devons "
        "devez doivent veux veut voulons voulez veulent"
    ),
    negations=_words("ne n' me m' te t' se s' y"),
    particles=_words("pas jamais rien plus"),
    abbreviations=_words("m. mme. mlle. dr. etc. p.ex. cf. n°"),
)

SPANISH = Language(
    code="es",
    determiners=_words(
        "el la los las un una unos unas lo al del este esta estos estas ese esa esos esas "
        "aquel aquella aquellos aquellas mi mis tu tus su sus nuestro nuestra nuestros "
        "nuestras vuestro vuestra cada algún alguna algunos algunas ningún ninguna muchos "
        "muchas varios varias dos tres cuatro cinco diez cien mil"
    ),
    prepositions=_words(
        "a ante bajo con contra de desde durante en entre hacia hasta mediante para por según "
        "sin sobre tras"
    ),
    conjunctions=_words(
        "y e o u pero sino ni que porque pues aunque si cuando mientras como donde quien "
        "quienes cual cuales"
    ),
    pronouns=_words("yo tú él ella nosotros nosotras vosotros vosotras ellos ellas usted ustedes"),
    auxiliaries=_words(
        "he has ha hemos habéis han había habían habrá soy eres es somos sois son era eran "
        "fue fueron estoy estás está estamos están estaba voy vas va vamos van puedo puedes "
        "puede podemos pueden debo debe deben quiero quiere queremos quieren"
    ),
    negations=_words("no nunca jamás me te se nos os"),
    abbreviations=_words("sr. sra. srta. dr. dra. etc. ej. núm. ud. uds."),
)

ITALIAN = Language(
    code="it",
    determiners=_words(
        "il lo la i gli le l' un uno una un' del dello della dei degli delle al allo alla ai "
        "agli alle nel nello nella nei negli nelle sul sulla sui sulle dal dalla dai dalle "
        "questo questa questi queste quel quello quella quei quegli quelle mio mia miei mie "
        "tuo tua tuoi tue suo sua suoi sue nostro nostra vostro vostra ogni qualche alcuni "
        "alcune nessun nessuna due tre quattro cinque dieci cento mille"
    ),
    prepositions=_words(
        "di a da in con su per tra fra senza verso dopo prima durante contro sopra sotto "
        "dentro fuori presso oltre"
    ),
    conjunctions=_words(
        "e ed o od ma però perché poiché se quando mentre come dove che cui quindi dunque "
        "oppure né sebbene benché"
    ),
    pronouns=_words("io tu lui lei noi voi loro egli ella esso essa"),
    auxiliaries=_words(
        "sono sei è siamo siete era erano sarà sarebbe ho hai ha abbiamo avete hanno aveva "
        "avevano avrà avrebbe posso puoi può possiamo potete possono devo deve dobbiamo "
        "devono voglio vuole vogliamo vogliono sto sta stanno"
    ),
    negations=_words("non mai mi ti si ci vi"),
    abbreviations=_words("sig. sig.ra dott. prof. ecc. es. n."),
)

PORTUGUESE = Language(
    code="pt",
    determiners=_words(
        "o a os as um uma uns umas do da dos das no na nos nas ao à aos às pelo pela pelos "
        "pelas num numa este esta estes estas esse essa esses essas aquele aquela meu minha "
        "meus minhas teu tua seu sua seus suas nosso nossa nossos nossas cada algum alguma "
        "alguns algumas nenhum nenhuma muitos muitas vários várias dois duas três quatro "
        "cinco dez cem mil"
    ),
    prepositions=_words(
        "ante após até com contra de desde em entre para perante por sem sob sobre durante segundo"
    ),
    conjunctions=_words(
        "e ou mas porém contudo todavia que porque pois se quando enquanto como embora onde "
        "quem cujo nem logo"
    ),
    pronouns=_words("eu tu ele ela nós vós eles elas você vocês"),
    auxiliaries=_words(
        "sou és é somos são era eram foi foram estou está estamos estão estava tenho tem "
        "temos têm tinha hei há havia vou vai vamos vão posso pode podemos podem devo deve "
        "devemos devem quero quer"
    ),
    negations=_words("não nunca jamais me te se nos vos"),
    abbreviations=_words("sr. sra. dr. dra. etc. ex. nº"),
)

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
    seen = 0
    for text in texts[:sample]:
        key = _key(text)
        seen += 1
        for code, vocabulary in _FUNCTION_WORDS.items():
            if key in vocabulary:
                counts[code] += 1
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


def _key(text: str) -> str:
    """The lookup form of a word: lower case, straight apostrophes, outer punctuation removed."""
    return text.translate(_APOSTROPHES).strip(_STRIP).lower()


def _ends_sentence(text: str, key: str, language: Language) -> bool:
    core = text.rstrip(_CLOSERS)
    if not core or core[-1] not in _SENTENCE_END:
        return False
    if core[-1] == ".":
        if core.endswith(".."):
            return True
        if (key + ".") in language.abbreviations or (key + ".") in ENGLISH.abbreviations:
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


_Facts = tuple[Boundary | None, bool, bool, bool, bool, Boundary | None, Boundary | None]


def _word_facts(text: str, language: Language) -> _Facts:
    """What one word says about the boundaries around it.

    Returns ``(punctuation, capitalised, determiner, quantifier, particle, after, before)``:
    the class its punctuation gives the boundary after it; whether it is capitalised; whether
    it is a listed determiner (article, demonstrative, possessive pronoun), which always binds
    to the next word; whether it is a number or a possessive ``'s``, which binds to a content
    word ("12 slides", "Zoë's café") but not to a function word ("in 1999 | with"); whether it
    is a verb particle; the class of the boundary after it from its word list; the class of
    the boundary before it.
    """
    key = _key(text)
    last = text.rstrip(_CLOSERS)[-1:] or text[-1]
    punctuation: Boundary | None = None
    if last in _SENTENCE_END:
        if _ends_sentence(text, key, language):
            punctuation = Boundary.SENTENCE
        elif last != ".":  # "Mr." or an initial: read on as if there were no full stop
            punctuation = Boundary.CLAUSE
    elif last in _CLAUSE_END or text[-1] in ")]}）":
        punctuation = Boundary.CLAUSE
    determiner = key in language.determiners
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
    particle = key in language.particles
    return punctuation, _is_capitalised(text), determiner, quantifier, particle, after, before


# "have" before an article or a preposition is mostly the main verb ("we have | about forty
# volunteers", "she had | a plan"), where a row may break; before "to" it is a modal ("has to
# read") and stays an auxiliary. English only: other languages' auxiliaries are unaffected.
_HAVE = frozenset({"have", "has", "had"})


def classify_boundaries(texts: Sequence[str], language: Language) -> list[Boundary]:
    """Classify the ``len(texts) - 1`` boundaries between consecutive words.

    ``texts`` are the words as displayed, punctuation attached (``"Hello,"``). The first rule
    that applies wins: punctuation; a capitalised pair (a name); after a determiner; before a
    particle; after a negation, preposition, pronoun, auxiliary or conjunction; before a
    conjunction, preposition, opening quote or a new phrase; else neutral.
    """
    cache: dict[str, _Facts] = {}
    facts = []
    for text in texts:
        known = cache.get(text)
        if known is None:
            known = cache[text] = _word_facts(text, language)
        facts.append(known)
    classes: list[Boundary] = []
    neutral = Boundary.NEUTRAL
    for b in range(len(texts) - 1):
        punctuation, capitalised, determiner, quantifier, _, after, _ = facts[b]
        _, next_capitalised, next_determiner, _, next_particle, next_after, before = facts[b + 1]
        next_auxiliary = next_after is Boundary.AFTER_AUXILIARY
        if punctuation is not None:
            classes.append(punctuation)
        elif capitalised and next_capitalised and not determiner:
            classes.append(Boundary.NAME)
        elif determiner or (quantifier and before is None and not next_determiner):
            classes.append(Boundary.AFTER_DETERMINER)
        elif next_particle:
            classes.append(Boundary.BEFORE_PARTICLE)
        elif (
            after is Boundary.AFTER_AUXILIARY
            and language.code == "en"
            and _key(texts[b]) in _HAVE
            and before in (Boundary.BEFORE_PHRASE, Boundary.BEFORE_PREPOSITION)
            and _key(texts[b + 1]) != "to"
        ):
            classes.append(before)
        elif after is not None:
            classes.append(after)
        elif before is not None:
            classes.append(before)
        elif next_auxiliary:
            classes.append(Boundary.BEFORE_VERB)
        else:
            classes.append(neutral)
    return classes
