"""Word lists of the languages the segmenter knows, as data (#13).

One entry per language code; each list is a space-separated string of lower-case words without
outer punctuation (abbreviations keep their full stops). :mod:`cuecraft.segment.linguistics`
builds its :class:`~cuecraft.segment.linguistics.Language` profiles from these and documents
what each list means. Sources: Netflix Timed Text Style Guide (General Requirements §4 and the
per-language guides), BBC Subtitle Guidelines §3.4, and the grammars of each language for the
closed word classes.

Keys of each entry:

``determiners``, ``prepositions``, ``conjunctions``, ``pronouns`` (subject pronouns),
``auxiliaries``, ``negations`` (and reflexive/clitic pronouns before the verb), ``particles``
(verb particles, post-verbal negations), ``abbreviations`` (never end a sentence),
``number_abbreviations`` (abbreviations of "number": only before a digit, so that a whole
answer "No." still ends its sentence), ``fillers`` (hesitation sounds), ``modals``: modal
constructions as ``verb-forms|links`` groups separated by ``;`` (the verb and its link, and the
link and the infinitive after it, are never split: "tengo que | ir", "j'ai à | faire").
"""

from __future__ import annotations

__all__ = ["WORD_LISTS"]

WORD_LISTS: dict[str, dict[str, str]] = {
    "en": {
        "determiners": (
            "a an the this these those my your his her its our their some any no every each "
            "either neither another such many much several few both whose one two three four "
            "five six seven eight nine ten twelve twenty hundred thousand million billion"
        ),
        "prepositions": (
            "of in to for with on at from by about as into like through after over between "
            "against during without before under around among within across behind beyond "
            "upon toward towards onto inside outside along until via per despite near than "
            "throughout since"
        ),
        "conjunctions": (
            "and but or nor so yet because although though while whereas if unless when "
            "whenever where wherever whether that which who whom what how why once"
        ),
        # "it" too: "thought it | was" splits a subject from its verb (#13). An object "it" or
        # "you" before a preposition or conjunction is handled in classify_boundaries.
        "pronouns": "i you he she it we they",
        "auxiliaries": (
            "am is are was were be been being have has had do does did will would shall should "
            "can could may might must i'm you're we're they're i've you've we've they've i'll "
            "you'll he'll she'll we'll they'll it'll i'd you'd he'd she'd we'd they'd it's "
            "that's there's he's she's what's who's here's let's gonna wanna gotta going"
        ),
        "negations": (
            "not never don't doesn't didn't won't wouldn't can't cannot couldn't shouldn't "
            "isn't aren't wasn't weren't haven't hasn't hadn't mustn't ain't"
        ),
        "particles": "up out off down away back",
        "abbreviations": (
            "mr. mrs. ms. dr. prof. st. sr. jr. vs. etc. e.g. i.e. mt. ft. u.s. u.k. a.m. p.m."
        ),
        "number_abbreviations": "no. nos. nr.",
        "fillers": "um uh uhm umm er erm hmm mm ah eh",
        "modals": "have has had having ought used able going|to",
    },
    "nl": {
        "determiners": (
            "de het een dit deze die dat mijn jouw je zijn haar ons onze hun uw elk elke ieder "
            "iedere geen welk welke sommige veel weinig alle beide twee drie vier vijf tien "
            "honderd duizend miljoen"
        ),
        "prepositions": (
            "van in op aan met voor naar bij uit over door om tot tegen zonder onder tussen na "
            "sinds tijdens achter boven naast binnen buiten via per rond langs vanaf volgens "
            "behalve dankzij wegens tegenover te"
        ),
        "conjunctions": (
            "en maar of want dus omdat als dat wanneer terwijl hoewel toen zodat voordat nadat "
            "totdat indien tenzij zoals waar wie wat hoe waarom"
        ),
        "pronouns": "ik jij je hij zij ze wij we jullie u men",
        "auxiliaries": (
            "ben bent is zijn was waren heb hebt heeft hebben had hadden word wordt worden werd "
            "werden zal zult zullen zou zouden kan kunt kunnen kon konden moet moeten moest mag "
            "mogen wil wilt willen wilde ga gaat gaan"
        ),
        "negations": "niet nooit zich mij me",
        "particles": "mee terug weg af toe",
        "abbreviations": "dhr. mevr. mr. dr. prof. bijv. enz. o.a. d.w.z. ca. blz. m.b.t.",
        "number_abbreviations": "nr. no.",
        "fillers": "eh uh uhm ehm hm",
        "modals": "hoef hoeft hoeven hoefde probeer probeert proberen|te",
    },
    "de": {
        "determiners": (
            "der die das den dem des ein eine einen einem einer eines kein keine keinen keinem "
            "keiner mein meine meinen meinem meiner dein deine deinen sein seine seinen seinem "
            "seiner ihr ihre ihren ihrem ihrer unser unsere unseren euer eure dieser diese "
            "dieses diesen diesem jeder jede jedes jeden jedem welcher welche welches alle "
            "manche viele zwei drei vier fünf zehn hundert tausend"
        ),
        "prepositions": (
            "in im an am auf aus bei beim mit nach seit von vom zu zum zur für durch gegen ohne "
            "um über unter vor hinter neben zwischen während wegen trotz statt bis ab gegenüber "
            "innerhalb außerhalb"
        ),
        "conjunctions": (
            "und aber oder denn sondern dass weil wenn als ob obwohl damit bevor nachdem sobald "
            "seitdem falls sodass wie doch also wo warum wer was"
        ),
        "pronouns": "ich du er sie es wir ihr man",
        "auxiliaries": (
            "bin bist ist sind seid war warst waren wart habe hast hat haben habt hatte hatten "
            "werde wirst wird werden werdet wurde wurden kann kannst können könnt konnte "
            "konnten könnte könnten muss musst müssen müsst musste mussten müsste soll sollst "
            "sollen sollt sollte sollten will willst wollen wollt wollte wollten darf darfst "
            "dürfen dürft durfte dürfte möchte möchten mag mögen"
        ),
        "negations": "nicht nie niemals mich dich sich uns euch",
        "particles": "zurück weg los fest hin her heraus hinaus vorbei",
        "abbreviations": "hr. fr. dr. prof. bzw. z.b. usw. d.h. ca. vgl. bspw. ggf. evtl.",
        "number_abbreviations": "nr.",
        "fillers": "äh ähm öh hm hmm",
        "modals": "brauche brauchst braucht brauchen hast hat haben habt hatte|zu",
    },
    "fr": {
        "determiners": (
            "le la les l' un une des du au aux ce cet cette ces mon ma mes ton ta tes son sa "
            "ses notre nos votre vos leur leurs chaque quelques plusieurs aucun aucune quel "
            "quelle quels quelles deux trois quatre cinq dix cent mille"
        ),
        "prepositions": (
            "à de d' en dans sur sous avec sans pour par chez vers entre contre depuis pendant "
            "avant après devant derrière selon parmi malgré jusqu'à près hors envers"
        ),
        "conjunctions": (
            "et ou mais donc or ni car que qu' quand lorsque parce puisque si comme alors "
            "pourtant tandis qui dont où"
        ),
        "pronouns": "je j' tu il elle on nous vous ils elles",
        "auxiliaries": (
            "suis es est sommes êtes sont étais était étions étiez étaient serai sera serons "
            "seront serait ai as a avons avez ont avais avait avions aviez avaient aura aurait "
            "vais va allons allez vont peux peut pouvons pouvez peuvent pourrait dois doit "
            "devons devez doivent devait devrait veux veut voulons voulez veulent voudrais "
            "voudrait faut fallait j'ai j'avais"
        ),
        "negations": "ne n' me m' te t' se s' y",
        "particles": "pas jamais rien plus",
        "abbreviations": "m. mme. mlle. dr. etc. p.ex. cf. av. j.-c.",
        "number_abbreviations": "n° no. n.",
        "fillers": "euh heu hum bah ben",
        "modals": (
            "j'ai j'avais ai as a avons avez ont avais avait aurai aura|à; "
            "viens vient venons venez viennent venais venait|de"
        ),
    },
    "es": {
        "determiners": (
            "el la los las un una unos unas lo al del este esta estos estas ese esa esos esas "
            "aquel aquella aquellos aquellas mi mis tu tus su sus nuestro nuestra nuestros "
            "nuestras vuestro vuestra cada algún alguna algunos algunas ningún ninguna muchos "
            "muchas varios varias dos tres cuatro cinco diez cien mil"
        ),
        "prepositions": (
            "a ante bajo con contra de desde durante en entre hacia hasta mediante para por "
            "según sin sobre tras"
        ),
        "conjunctions": (
            "y e o u pero sino ni que porque pues aunque si cuando mientras como donde quien "
            "quienes cual cuales"
        ),
        "pronouns": ("yo tú él ella nosotros nosotras vosotros vosotras ellos ellas usted ustedes"),
        "auxiliaries": (
            "he has ha hemos habéis han había habían habrá soy eres es somos sois son era eran "
            "fue fueron estoy estás está estamos están estaba voy vas va vamos van puedo "
            "puedes puede podemos pueden podía podría debo debes debe debemos deben debería "
            "quiero quieres quiere queremos quieren"
        ),
        "negations": "no nunca jamás me te se nos os",
        "particles": "",
        "abbreviations": "sr. sra. srta. dr. dra. etc. ej. ud. uds. pág. avda.",
        "number_abbreviations": "núm. nº n°",
        # "No." is not listed: in Spanish it is the word "no" (#13).
        "fillers": "eh este em mm",
        "modals": (
            "tengo tienes tiene tenemos tenéis tienen tenía tenían tuve tuvo tendrá tendría "
            "tener hay había habrá hubo haber|que; voy vas va vamos vais van iba iban|a; "
            "acabo acaba acaban acabamos|de"
        ),
    },
    "it": {
        "determiners": (
            "il lo la i gli le l' un uno una un' del dello della dei degli delle al allo alla "
            "ai agli alle nel nello nella nei negli nelle sul sulla sui sulle dal dalla dai "
            "dalle questo questa questi queste quel quello quella quei quegli quelle mio mia "
            "miei mie tuo tua tuoi tue suo sua suoi sue nostro nostra vostro vostra ogni "
            "qualche alcuni alcune nessun nessuna due tre quattro cinque dieci cento mille"
        ),
        "prepositions": (
            "di a da in con su per tra fra senza verso dopo prima durante contro sopra sotto "
            "dentro fuori presso oltre"
        ),
        "conjunctions": (
            "e ed o od ma però perché poiché se quando mentre come dove che cui quindi dunque "
            "oppure né sebbene benché"
        ),
        "pronouns": "io tu lui lei noi voi loro egli ella esso essa",
        "auxiliaries": (
            "sono sei è siamo siete era erano sarà sarebbe ho hai ha abbiamo avete hanno "
            "aveva avevano avrà avrebbe posso puoi può possiamo potete possono potrebbe devo "
            "devi deve dobbiamo dovete devono dovrebbe voglio vuoi vuole vogliamo volete "
            "vogliono vorrei sto stai sta stiamo state stanno"
        ),
        "negations": "non mai mi ti si ci vi",
        "particles": "",
        "abbreviations": "sig. sig.ra dott. prof. ecc. es. pag.",
        "number_abbreviations": "n. nr.",
        "fillers": "ehm eh mmm boh",
        "modals": "ho hai ha abbiamo avete hanno|da; sto stai sta stiamo state stanno|per",
    },
    "pt": {
        "determiners": (
            "o a os as um uma uns umas do da dos das no na nos nas ao à aos às pelo pela pelos "
            "pelas num numa este esta estes estas esse essa esses essas aquele aquela meu "
            "minha meus minhas teu tua seu sua seus suas nosso nossa nossos nossas cada algum "
            "alguma alguns algumas nenhum nenhuma muitos muitas vários várias dois duas três "
            "quatro cinco dez cem mil"
        ),
        "prepositions": (
            "ante após até com contra de desde em entre para perante por sem sob sobre "
            "durante segundo"
        ),
        "conjunctions": (
            "e ou mas porém contudo todavia que porque pois se quando enquanto como embora "
            "onde quem cujo nem logo"
        ),
        "pronouns": "eu tu ele ela nós vós eles elas você vocês",
        "auxiliaries": (
            "sou és é somos são era eram foi foram estou está estamos estão estava tenho tem "
            "temos têm tinha hei há havia vou vai vamos vão posso pode podemos podem podia "
            "poderia devo deve devemos devem devia deveria quero quer queremos querem"
        ),
        "negations": "não nunca jamais me te se nos vos",
        "particles": "",
        "abbreviations": "sr. sra. dr. dra. etc. ex. pág. av.",
        "number_abbreviations": "nº n.º n°",
        "fillers": "é hã hum eh",
        "modals": (
            "tenho tens tem temos têm tinha tinham tive teve terá teria ter|que de; "
            "hei há havemos hão|de; acabo acaba acabam|de"
        ),
    },
}
