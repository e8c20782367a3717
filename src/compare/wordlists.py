"""Word lists shared across the package, in one place.

Each list says what it is for and who reads it. Where two steps need different lists (the sentence
splitter needs the verbs that follow a closing quotation, the word-choice labels the verbs that
introduce reported speech), they are separate named lists here rather than copies in each module,
so a change to one is a visible, reviewed change. Lists frozen together with learned weights (the
attribution verbs, the target-sentiment model's features) live beside their model, where changing
them means retraining.
"""

from __future__ import annotations

import functools
from importlib.util import find_spec
from pathlib import Path

__all__ = [
    "CLAIM_STOP_WORDS",
    "LABEL_REPORT_VERBS",
    "LABEL_STOP_WORDS",
    "QUOTE_SPEECH_VERBS",
    "REPORTING_VERBS",
    "SPEECH_VERBS",
    "STOP_WORDS",
    "dale_chall_easy_words",
]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: Verbs of saying that may follow a quotation ending in ?, ! or . without ending the sentence
#: ("Is that you?" Weiner replied.); read by the sentence splitter (compare.text).
QUOTE_SPEECH_VERBS: frozenset[str] = _words(
    """
    added adds answered argued asked asks continued declared demanded explained insisted joked laughed
    noted quipped recalled replied replies responded said says shouted stated told tweeted writes wrote
    """
)

#: Reporting words whose presence lowers a sentence's loaded-language score (word choice).
REPORTING_VERBS: frozenset[str] = _words(
    """
    according added announced confirmed explained noted reported reports said say says stated tells told
    wrote
    """
)

#: Verbs that introduce reported speech after an actor and an appositive (word-choice labels).
LABEL_REPORT_VERBS: frozenset[str] = _words(
    """
    according add added adds argue argued argues believe believed believes claim claimed claims note
    noted notes report reported reports said say says tell tells told
    """
)

#: Verbs of saying in all their forms: the union of the lists above, for new code that needs
#: "a verb of saying" without a reason to differ.
SPEECH_VERBS: frozenset[str] = QUOTE_SPEECH_VERBS | REPORTING_VERBS | LABEL_REPORT_VERBS

#: Function words left out of claim-similarity stems (compare.align claims).
CLAIM_STOP_WORDS: frozenset[str] = _words(
    """
    a about above according after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from further
    had has have having he her here hers herself him himself his how i if in into is it its itself just
    may me might more most mr mrs ms must my myself no nor not of off on once one ones only or other our
    ours ourselves out over own s said same say says shall she should so some such t tell than that the
    their theirs them themselves then there these they this those through to told too under until up
    very was we were what when where which while who whom why will with would you your yours yourself
    yourselves
    """
)

#: Words that are never the content of an actor label: determiners, pronouns, conjunctions,
#: prepositions, quantifiers (word-choice labels).
LABEL_STOP_WORDS: frozenset[str] = _words(
    """
    a about after again all already also although an and another any as at because before both but by
    during each either even every few for from he her here herself him himself his how i if in into it
    its itself just least less many me more most much my myself neither no nor not of on only onto or
    other our ourselves over own same several she so some still such than that the their them themselves
    then there these they this those though to too under us very we what when where which while who whom
    whose why with yet you your yourself
    """
)

#: English stop words: the union of the lists above.
STOP_WORDS: frozenset[str] = CLAIM_STOP_WORDS | LABEL_STOP_WORDS


@functools.cache
def dale_chall_easy_words() -> frozenset[str]:
    """The Dale-Chall list of easy English words, as textstat ships it (``resources/en/easy_words.txt``).

    Read from the installed textstat package's data without importing textstat (whose import pulls
    in NLTK). Readability's difficult-word counts and the caseless actor finder ("is this a common
    word?") both read it.

    Returns
    -------
    frozenset of str
    """
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        msg = "textstat is not installed; it is a core dependency of media-compare."
        raise ImportError(msg)
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "en" / "easy_words.txt"
    with path.open() as f:  # text mode, as textstat reads it
        return frozenset(ln.strip() for ln in f)
