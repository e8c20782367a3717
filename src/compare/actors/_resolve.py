"""Resolution (private): the kind of each candidate, aliases, canonical names and descriptive
coreference ("the Ukrainian president")."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping
from functools import cache, lru_cache

from ..text import Document
from ._caseless import caseless_mentions
from ._gazetteer import outlet_key, outlet_names, public_figures
from ._lexicon import (
    CREDIT_WORDS,
    DEMONYMS,
    FUNCTION_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    LOCATIONS,
    MEDIA_HEADS,
    ORG_HEADS,
    PUBLISH_VERBS,
    ROLE_WORDS,
    SPEECH_VERBS,
)
from ._names import (
    _LEADER_ROLES,
    _LEADING_THE_RE,
    _LOCATION_ALIASES,
    _LOWER_WORD_RE,
    _SPACES_RE,
    _VICE_BEFORE_RE,
    _VICE_RE,
    Mention,
    _Cand,
    _descriptors,
    _edit1,
    _fold,
    _is_acronym,
    _new_cand,
    _new_mention,
    _occurs_lower,
    _strip_possessive,
    _translit_key,
    _with_kind,
)
from ._persons import cluster_persons

__all__ = []

# ------------------------------------------------------------------------------------------------
# resolution
# ------------------------------------------------------------------------------------------------
_GENERIC = (ROLE_WORDS | ORG_HEADS | HONORIFICS) - KNOWN_ORGS - LOCATIONS - DEMONYMS - set(_LOCATION_ALIASES)


def _is_outlet(doc: Document, c: _Cand, own: str | None) -> bool:
    """Whether a candidate names a publication: a listed outlet, the article's own outlet, a name
    ending in a publication word ("Journal", "Ledger"), or "the X" followed by "reports"."""
    names = outlet_names()
    key = outlet_key(c.name)
    if key in names or key == own:
        return True
    if c.title:
        full = outlet_key(doc.text[c.title_start : c.end])
        if full in names or full == own:
            return True
    words = key.split()
    if not words:
        return False
    if words[-1] in MEDIA_HEADS and (len(words) > 1 or c.title or c.kind != "person"):
        return True
    n = len(words)
    if n > 1:
        # an outlet with a credit word ("AP Photo", "AFP Agency") or inside a longer run
        # ("Pulitzer Prize-winning Washington Post Opinions")
        for a in range(n):
            for b in range(n, a, -1):
                if (b - a >= 2 or a == 0) and " ".join(words[a:b]) in names:
                    rest = words[:a] + words[b:]
                    if b - a >= 2 or all(w in CREDIT_WORDS for w in rest):
                        return True
        if words[-2:] in (["news", "agency"], ["press", "agency"]):
            return True
    if len(words) == 1 or c.kind in {"organization", "single"}:
        si = doc.sentences[c.sentence]
        x = bisect_left(doc.token_starts, c.end, si.token_start, si.token_end)
        while x < si.token_end and doc.token_kinds[x] != "word":
            x += 1
        if x < si.token_end and doc.token_lowers[x] in PUBLISH_VERBS:
            before = doc.text[max(0, c.title_start - 4) : c.title_start].lower()
            return before.endswith("the ") or c.kind == "organization"
    return False


@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _SPACES_RE.split(name) if w and not (len(w.rstrip(".")) == 1 and w.endswith(".")))


def _resolve(
    doc: Document,
    cands: list[_Cand],
    headlines: list[int],
    aliases: dict[str, str],
    *,
    outlet: str | None = None,
    caseless: list[int] | None = None,
    corpus_names: Mapping[str, str] | None = None,
) -> list[Mention]:
    text = doc.text
    toks = doc.tokens
    lower_words: set[str] | None = None
    seen: dict[str, bool] = {}

    def seen_lower(word: str) -> bool:
        """Whether ``word`` (lower case) occurs in lower case in the text."""
        nonlocal lower_words
        if lower_words is not None:
            return word in lower_words
        hit = seen.get(word)
        if hit is None:
            hit = _occurs_lower(text, word)
            if hit is None:  # the full scan decides
                lower_words = set(_LOWER_WORD_RE.findall(text))
                return word in lower_words
            seen[word] = hit
        return hit

    def speech_after(c: _Cand) -> bool:
        """Whether the first token after the candidate (in its sentence) is a verb of saying."""
        si = doc.sentences[c.sentence]
        x = bisect_left(doc.token_starts, c.end, si.token_start, si.token_end)
        return x < si.token_end and doc.token_lowers[x] in SPEECH_VERBS

    # 1. full person names -> clusters keyed by (first-name key, surname key)
    full_counts: Counter[str] = Counter()
    for c in cands:
        if c.kind == "person" and len(_name_words(c.name)) >= 2:
            full_counts[c.name] += 1
    titled_singles = {c.name for c in cands if c.kind == "person" and len(_name_words(c.name)) == 1}
    # surname key -> list of full names
    by_surname: dict[str, list[str]] = defaultdict(list)
    for full in full_counts:
        by_surname[_translit_key(_name_words(full)[-1])].append(full)

    surname_keys = list(by_surname)

    by_first: dict[str, list[str]] = defaultdict(list)
    for full in full_counts:
        by_first[_name_words(full)[0]].append(full)

    @cache  # per document: a name recurs in many candidates
    def match_surname(word: str) -> list[str]:
        key = _translit_key(word)
        if key in by_surname:
            return by_surname[key]
        firsts = by_first.get(word)
        if firsts is not None and len(firsts) == 1:
            return firsts  # "Kim" for "Kim Jong Un", "Xi" for "Xi Jinping" (family name first)
        f = _fold(word)
        if len(f) >= 6:
            for sk in surname_keys:
                fulls = by_surname[sk]
                if _edit1(f, _fold(_name_words(fulls[0])[-1])):
                    return fulls
        return []

    # 2. decide the kind of each single-word candidate
    resolved: list[_Cand] = []
    single_names: Counter[str] = Counter()
    for c in cands:
        kind = c.kind
        if kind == "place?":
            if c.name.lower() in aliases or match_surname(c.name) or c.name in titled_singles:
                kind = "person"
        elif kind in {"single", "person"} and len(_name_words(c.name)) == 1:
            if (
                c.name.lower() in aliases
                or match_surname(c.name)
                or c.name in titled_singles
                or (not c.sentence_initial and speech_after(c))
            ):
                kind = "person"
            elif kind == "single":
                kind = ""
        if kind:
            resolved.append(c if kind == c.kind else _with_kind(c, kind))
        else:
            resolved.append(c)
    person_singles = {c.name for c in resolved if c.kind == "person" and len(_name_words(c.name)) == 1}
    # unresolved singles become persons when the same word is a person elsewhere (spelling variants too)
    final: list[_Cand] = []
    for c in resolved:
        if c.kind == "place?":
            final.append(_with_kind(c, "person" if c.name in person_singles else "location"))
            continue
        if c.kind == "single":
            low = c.name.lower()
            if c.name in person_singles or (
                (not c.sentence_initial or (low not in FUNCTION_WORDS and not seen_lower(low)))
                and any(_translit_key(c.name) == _translit_key(p) for p in person_singles)
            ):
                final.append(_with_kind(c, "person"))
            continue
        if (
            c.sentence_initial
            and c.kind == "person"
            and not c.title
            and len(_name_words(c.name)) == 1
            and (c.name.lower() in FUNCTION_WORDS or seen_lower(c.name.lower()))
        ):
            continue  # an ordinary word that starts a sentence
        final.append(c)
    for c in final:
        if c.kind == "person" and len(_name_words(c.name)) == 1:
            single_names[c.name] += 1

    # 3. headlines: only known names count
    known: dict[str, str] = {}
    for c in final:
        for w in _name_words(c.name):
            if c.kind == "person" and w == _name_words(c.name)[-1]:
                known.setdefault(w.lower(), "person")
        if c.kind != "person":
            known.setdefault(c.name.lower(), c.kind)
    for a in aliases:
        known.setdefault(a, "person")
    for si in headlines:
        sent = doc.sentences[si]
        for t in toks[sent.token_start : sent.token_end]:
            if t.kind != "word" or not t.text[:1].isupper():
                continue
            bare = _strip_possessive(t.text)
            low = bare.lower()
            kind = known.get(low)
            if kind is None:
                if low in LOCATIONS or low in _LOCATION_ALIASES:
                    kind = "location"
                elif low in KNOWN_ORGS or (_is_acronym(bare) and low not in DEMONYMS):
                    kind = "organization"
                elif len(low) >= 6 and any(
                    _translit_key(bare) == _translit_key(p) or _edit1(_fold(bare), _fold(p))
                    for p in single_names
                ):
                    kind = "person"
            if kind:
                final.append(_new_cand((t.start, t.start + len(bare), bare, kind, si, "", t.start, False)))

    # 4. canonical names
    # persons: full-name clusters, singles attach to the most mentioned full name with that surname
    surname_total: Counter[str] = Counter()
    for c in final:
        if c.kind == "person":
            surname_total[c.name] += 1

    person_counts: Counter[str] = Counter(c.name for c in final if c.kind == "person")
    canon_of = cluster_persons(person_counts, preferred=public_figures()[0])

    def person_canonical(name: str) -> str:
        return canon_of.get(name, name)

    out: list[Mention] = []
    own = outlet_key(outlet) if outlet else None
    for c in final:
        low = c.name.lower()
        if c.kind != "location" and low not in aliases and _is_outlet(doc, c, own):
            continue  # a publication ("Reuters", "The Northern Ledger reports") is never an actor
        if c.kind != "location" and low in _GENERIC and low not in aliases:
            continue  # a lone "Minister", "Office", "Police": nobody named
        if low in aliases:
            actor = aliases[low]
        elif c.kind == "person":
            actor = person_canonical(c.name)
            if actor.lower() in aliases:
                actor = aliases[actor.lower()]
        elif c.kind == "location":
            actor = _LOCATION_ALIASES.get(low, c.name)
        elif c.kind == "organization":
            actor = _LEADING_THE_RE.sub("", c.name)
        else:
            actor = c.name
        out.append(_new_mention((c.start, c.end, text[c.start : c.end], actor, c.kind, c.sentence, c.title)))

    # 5. descriptive coreference: "the Ukrainian president" -> the one person with that title
    titles_by_actor: dict[str, set[str]] = defaultdict(set)
    for m in out:
        if m.kind == "person" and m.title:
            titles_by_actor[m.actor].add(m.title.lower())
    if titles_by_actor:
        taken = [(m.start, m.end) for m in out]
        hits_memo: dict[tuple[str | None, str], list[str]] = {}
        for s, e, the, dem, role_text in _descriptors(text):
            if dem is not None and not dem[0].isupper():
                continue
            if dem is None and the is None:
                continue
            if (
                dem is None
                and the is not None
                and s > 0
                and text[s - 1 : s] not in {" ", "\n", "(", "“", '"'}
            ):
                continue
            before = text[max(0, s - 12) : s].lower()
            if _VICE_BEFORE_RE.search(before):
                continue
            demonym = _SPACES_RE.sub(" ", dem.lower()) if dem else None
            role = _SPACES_RE.sub(" ", role_text.lower())
            hits = hits_memo.get((demonym, role))
            if hits is None:
                accepted = _LEADER_ROLES.get(role, {role})
                hits = hits_memo[(demonym, role)] = [
                    a
                    for a, ts in titles_by_actor.items()
                    if any(
                        (demonym is None or f" {demonym} " in f" {t} ")
                        and any(r in t for r in accepted)
                        and not _VICE_RE.search(t)
                        for t in ts
                    )
                ]
            if len(hits) != 1:
                continue
            if any(a < e and s < b for a, b in taken):
                continue
            si = doc.sentence_at(s)
            if si is None:
                continue
            out.append(_new_mention((s, e, text[s:e], hits[0], "person", si, "")))
    if caseless:
        seen_names = {_fold(m.text): (m.actor, m.kind) for m in out}
        out.extend(m for m in caseless_mentions(doc, caseless, seen_names, corpus_names) if not (own and outlet_key(m.actor) == own))
    out.sort(key=lambda m: (m.start, m.end))
    # drop duplicates / overlaps (keep the first, longest)
    dedup: list[Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    return dedup


