"""Word lists of the target-sentiment features (private).

All entries are lower-case, with the straight apostrophe (the feature vocabulary also maps the
curly spelling, ``don’t``, to the same word). :data:`PORTRAYAL` is this project's own list of
words that portray a person or a government (``dictator``, ``regime``, ``puppet``, ``clown``,
``unable``, ``corrupt``, ``statesman``, ...) with valences on VADER's scale (-4 to 4). VADER's
lexicon, made for social media, lacks most of them or rates them otherwise (``comedy`` +1.5,
``strongman`` +0.7); for the target features this list overrides VADER's valence.
"""

from __future__ import annotations

__all__ = [
    "AUXILIARIES",
    "CALLING",
    "CLAUSE_BREAKS",
    "CLAUSE_WORDS",
    "COPULAS",
    "DETERMINERS",
    "INCAPACITY",
    "NEGATIONS",
    "PORTRAYAL",
    "PRONOUNS",
    "QUOTE_CLOSE",
    "QUOTE_OPEN",
    "QUOTE_PLAIN",
    "SPEECH",
    "STOP",
    "SUBJECT_BREAKS",
    "TEXT_BREAKS",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: VADER's negation words (vaderSentiment ``NEGATE``) plus "despite", "no"; any word ending in
#: "n't" negates as well. The next three words' valences are flipped (times -0.74, as VADER does).
NEGATIONS = _words(
    """aint arent cannot cant couldnt darent didnt doesnt ain't aren't can't couldn't daren't didn't
    doesn't dont hadnt hasnt havent isnt mightnt mustnt neither don't hadn't hasn't haven't isn't
    mightn't mustn't neednt needn't never none nope nor not nothing nowhere oughtnt shant shouldnt
    uhuh wasnt werent oughtn't shan't shouldn't uh-uh wasn't weren't without wont wouldnt won't
    wouldn't rarely seldom despite no"""
)
#: Verbs of saying, and of judging someone in words.
SPEECH = _words(
    """said says say told tells added argued asked claimed declared denied explained insisted noted
    replied stated tweeted wrote warned urged announced acknowledged admitted accused blamed praised
    criticized criticised slammed attacked called vowed promised suggested"""
)
PRONOUNS = _words("he she him her his hers they them their it its i we you")
#: Function words: never the "content word" next to the target.
STOP = _words(
    """a an the is was were are be been being has have had do does did will would could should can may
    might must to of in on at by for with from as that this these those it its and or but not also
    still just even already now then there here he she they we i you his her their our my him them
    us me who whom which what"""
)
#: Tokens and words that start a new clause.
CLAUSE_BREAKS = frozenset(',;:—–()[]"“”')
CLAUSE_WORDS = _words(
    "but while although though whereas however because since who which after before when as and"
)
QUOTE_OPEN = frozenset("“")
QUOTE_CLOSE = frozenset("”")
QUOTE_PLAIN = frozenset('"')

# -- the target's own descriptors ("the Russian dictator X", "X, a former comedian,", "X is unable
#    to ...", "calling X a puppet") ---------------------------------------------------------------
#: Punctuation that ends a descriptor.
TEXT_BREAKS = frozenset(',;:.!?()[]"“”—–')
#: Words that end a predicate after the target ("X is unfit and ...").
SUBJECT_BREAKS = _words("and but who which because while")
DETERMINERS = _words("the a an this that his her their its our my your")
COPULAS = _words(
    "is was are were be been being 's seems seemed remains remained became becomes looks looked appears appeared"
)
#: Words allowed between the target and a copula ("X has clearly been ...").
AUXILIARIES = _words(
    """has have had will would could can may might should must not n't never also still clearly
    simply just"""
)
CALLING = _words("call calls called calling dubbed labeled labelled branded branding named")
#: Incapacity and refusal in the target's predicate ("X is unable to", "X failed to").
INCAPACITY = _words("unable incapable failed fails fail cannot can't couldn't unwilling refused refuses")

#: Portrayal words and their valences (VADER's scale), overriding VADER's lexicon.
PORTRAYAL: dict[str, float] = {
    **dict.fromkeys(_words("dictator dictators dictatorship dictatorial"), -2.5),
    **dict.fromkeys(_words("tyrant tyrants tyranny tyrannical nazi nazis"), -3.0),
    **dict.fromkeys(
        _words(
            "despot despotic thug thugs crook crooks conman swindler kleptocrat kleptocracy bigot bigoted deranged"
        ),
        -2.8,
    ),
    **dict.fromkeys(
        _words(
            "autocrat autocrats autocratic clown clowns puppet puppets lackey lackeys inept unfit feckless bumbling extremist extremists propagandist junta"
        ),
        -2.0,
    ),
    **dict.fromkeys(
        _words(
            "buffoon laughingstock warlord unhinged corrupt corruption crooked goon goons xenophobic sexist misogynist misogynistic"
        ),
        -2.5,
    ),
    **dict.fromkeys(_words("stooge henchman henchmen sham demagogue delusional"), -2.2),
    **dict.fromkeys(_words("incompetence"), -2.1),
    **dict.fromkeys(_words("crony cronies charade authoritarian"), -1.8),
    **dict.fromkeys(_words("regime regimes strongman unable erratic"), -1.5),
    **dict.fromkeys(_words("naif theatrics"), -1.2),
    **dict.fromkeys(_words("circus stunt oligarch oligarchs"), -1.0),
    **dict.fromkeys(_words("comedy comedian comic"), -0.5),
    **dict.fromkeys(_words("criminals"), -2.4),
    **dict.fromkeys(_words("statesman stateswoman"), 1.8),
}
