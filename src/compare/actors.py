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
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from functools import cache, lru_cache, partial
from operator import and_, itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from ._actor_lexicon import (
    CONNECTORS,
    DEMONYMS,
    FUNCTION_WORDS,
    GROUP_WORDS,
    HONORIFICS,
    KNOWN_ORGS,
    LOCATIONS,
    NOT_NAMES,
    ORG_HEADS,
    ORG_SUFFIX_LOWER,
    PLACE_HEADS,
    ROLE_WORDS,
    SPEECH_VERBS,
    THING_HEADS,
)
from .text import Document, as_document

if TYPE_CHECKING:  # pragma: no cover
    from .text import Token

__all__ = ["KINDS", "Mention", "actor_mentions", "actors_table", "summarize_mentions"]

#: The kinds of actor a mention can have.
KINDS = ("person", "organization", "location", "group")


class Mention(NamedTuple):
    """One mention of an actor.

    Parameters
    ----------
    start, end : int
        Character offsets of the name in the article text.
    text : str
        The name as written (``text[start:end]``), without title and possessive ending.
    actor : str
        The canonical name of the actor.
    kind : {"person", "organization", "location", "group"}
        What the actor is.
    sentence : int
        Index of the sentence in the Document.
    title : str
        The descriptor before the name ("Russian President", "envoy"), or ``""``.
    """

    start: int
    end: int
    text: str
    actor: str
    kind: str
    sentence: int
    title: str


# ------------------------------------------------------------------------------------------------
# helpers
# ------------------------------------------------------------------------------------------------
_MONTH_NAMES = frozenset({"may", "march", "april", "june", "august"})
_OF_FOR = frozenset({"of", "for"})
_PLACE_PREPOSITIONS = frozenset({"in", "at", "near", "across", "outside", "inside"})
_LOWER_WORD_RE = re.compile(r"(?<![\w'’])[a-z][a-z'’\-]*")
_LOWER_WORD_FULL_RE = re.compile(r"[a-z][a-z'’\-]*")
_LOWER_WORD_CHAR_RE = re.compile(r"[a-z'’\-]")
_WORD_CHAR_RE = re.compile(r"[\w'’]")
_POSSESSIVE_RE = re.compile(r"(?:['’]s|['’])$")
_first_char = itemgetter(0)
_LEADING_THE_RE = re.compile(r"^(?:the|The)\s+")
_NAME_AFTER_ROLE_RE = re.compile(r"\s+(?:[A-Z]|of\b)")
_VICE_BEFORE_RE = re.compile(r"(vice|deputy|former|ex)[\s-]*$")
_VICE_RE = re.compile(r"\b(vice|deputy|former)\b")
_SPACES_RE = re.compile(r"\s+")
_TRANSLIT_ENDING_RE = re.compile(r"(iy|yy|ii|yi|ij|yj)$")
_DOUBLE_RE = re.compile(r"(.)\1+")
_LOCATION_ALIASES = {
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "america": "United States",
    "united states": "United States",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "kiev": "Kyiv",
    "türkiye": "Turkey",
}
_LEADER_ROLES = {
    "president": {"president"},
    "leader": {"president", "prime minister", "premier", "chancellor", "king", "leader", "supreme leader"},
    "prime minister": {"prime minister", "premier"},
    "premier": {"prime minister", "premier"},
    "chancellor": {"chancellor"},
    "dictator": {"president", "leader", "supreme leader", "dictator", "chairman"},
    "foreign minister": {"foreign minister"},
    "defense minister": {"defense minister", "defence minister"},
    "defence minister": {"defense minister", "defence minister"},
}
_DEMONYM_ALT = "|".join(
    sorted((re.escape(d).replace(r"\ ", r"\s+") for d in DEMONYMS if d[0].isalpha()), key=len, reverse=True)
)
_ROLE_ALT = (
    r"president|leader|prime\s+minister|premier|chancellor|foreign\s+minister|defen[cs]e\s+minister|dictator"
)
_ROLE_RE = re.compile(rf"\b(?:{_ROLE_ALT})(?![\w-])", re.IGNORECASE)
_WORD_START_RE = re.compile(r"\b\w")
_DESCRIPTOR_PREFIX_RE = re.compile(
    rf"(?P<the>\b(?:the|mr\.?)\s+)?(?:\b(?P<dem>{_DEMONYM_ALT})\s+)?$",
    re.IGNORECASE,
)


def _descriptors(text: str):  # type: ignore[no-untyped-def]
    """Yield (start, end, the, demonym, role) for "the Ukrainian president"-like phrases.

    A role word followed by a name or "of" ("President Trump", "president of ...") is a title,
    not a descriptor: it is not yielded.
    """
    match = _DESCRIPTOR_PREFIX_RE.match
    for rm in _ROLE_RE.finditer(text):
        re_ = rm.end()
        if _NAME_AFTER_ROLE_RE.match(text[re_ : re_ + 4]):
            continue
        rs = rm.start()
        lo = max(0, rs - 40)
        # ``_DESCRIPTOR_PREFIX_RE.search(text, lo, rs)``, tried only where a non-empty match can
        # start (a word start; the match must end in whitespace); else the match is empty
        pm = None
        if rs > lo and text[rs - 1].isspace():
            for wm in _WORD_START_RE.finditer(text, lo, rs):
                pm = match(text, wm.start(), rs)
                if pm is not None:
                    break
        if pm is None or not (pm.group("the") or pm.group("dem")):
            yield rs, rm.end(), None, None, rm.group()
            continue
        yield pm.start(), rm.end(), pm.group("the"), pm.group("dem"), rm.group()


def _occurs_lower(text: str, word: str) -> bool | None:
    """Whether ``_LOWER_WORD_RE.findall(text)`` yields ``word``, found with ``str.find``.

    ``None`` when an occurrence follows a hyphen: the scan may have started a match earlier there
    ("well-known"), so only the full scan can tell.
    """
    if not _LOWER_WORD_FULL_RE.fullmatch(word):
        return False
    n = len(word)
    size = len(text)
    p = text.find(word)
    while p >= 0:
        if p > 0:
            prev = text[p - 1]
            if prev == "-":
                return None
            if _WORD_CHAR_RE.match(prev):
                p = text.find(word, p + 1)
                continue
        if p + n == size or not _LOWER_WORD_CHAR_RE.match(text, p + n):
            return True
        p = text.find(word, p + 1)
    return False


@lru_cache(maxsize=65536)
def _strip_possessive(s: str) -> str:
    return _POSSESSIVE_RE.sub("", s)


@lru_cache(maxsize=65536)
def _bare_low(s: str) -> str:
    """``_strip_possessive(s).lower()`` (in that order: "PUTIN'S" keeps its "'S")."""
    return _POSSESSIVE_RE.sub("", s).lower()


@lru_cache(maxsize=65536)
def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=65536)
def _translit_key(word: str) -> str:
    """A key that is equal for common transliteration variants of a surname."""
    k = _fold(word).replace("’", "'")
    k = _TRANSLIT_ENDING_RE.sub("y", k)
    k = k.replace("kh", "h").replace("ck", "k").replace("ph", "f").replace("w", "v").replace("j", "y")
    return _DOUBLE_RE.sub(r"\1", k)


def _edit1(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by at most one insertion, deletion or substitution."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def _is_acronym(s: str) -> bool:
    letters = s.replace(".", "").replace("-", "")
    return len(letters) >= 2 and letters.isupper() and letters.isalpha()


class _Cand(NamedTuple):
    start: int
    end: int
    name: str  # surface name without title/possessive
    kind: str  # person / organization / location / group / single (unresolved)
    sentence: int
    title: str
    title_start: int
    sentence_initial: bool


_new_mention = partial(tuple.__new__, Mention)
_new_cand = partial(tuple.__new__, _Cand)


def _with_kind(c: _Cand, kind: str) -> _Cand:
    """``c._replace(kind=kind)``, without namedtuple's slow ``_replace``."""
    return tuple.__new__(_Cand, (c[0], c[1], c[2], kind, c[4], c[5], c[6], c[7]))


# ------------------------------------------------------------------------------------------------
# detection
# ------------------------------------------------------------------------------------------------
def _is_headline(toks: tuple[Token, ...]) -> bool:
    """Title case without a final full stop (a headline or a 'read more' line)."""
    if not toks or toks[-1].text in {".", "!", "?", "”", '"', "…"}:
        return False
    words = [t for t in toks if t.kind == "word" and len(t.text) > 3]
    if len(words) < 4:
        return False
    caps = sum(1 for t in words if t.text[0].isupper())
    return caps / len(words) >= 0.7


def _runs(toks: tuple[Token, ...], cap: list[bool], doc: Document, off: int) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs (connectors, honorific dots and initials inside).

    ``toks`` is ``doc.tokens[off:...]`` (one sentence), ``cap[i]`` says whether ``toks[i]`` is a
    capitalised word; the Document's token columns are read instead of the tokens.
    """
    texts = doc.token_texts
    starts = doc.token_starts
    ends = doc.token_ends
    kinds = doc.token_kinds
    out = []
    n = len(toks)
    i = 0
    while i < n:
        if not cap[i]:
            try:
                i = cap.index(True, i + 1)
            except ValueError:
                break
            continue
        j = i + 1
        while j < n:
            ptext = texts[off + j - 1]
            if ptext[-1] in "'’" or ptext[-2:] in {"'s", "’s"}:  # a possessive ends the name
                break
            if cap[j] and starts[off + j] - ends[off + j - 1] <= 1:
                j += 1
                continue
            nxt_cap = j + 1 < n and cap[j + 1]
            if not nxt_cap:
                break
            ttext = texts[off + j]
            if (
                ttext == "."
                and starts[off + j] == ends[off + j - 1]
                and (ptext.lower() in HONORIFICS or (len(ptext) == 1 and ptext.isupper()))
            ):
                j += 2
                continue
            if kinds[off + j] == "word" and ttext in CONNECTORS:
                j += 2
                continue
            break
        out.append((i, j))
        i = j
    return out


def _classify_run(
    doc: Document, toks: tuple[Token, ...], i: int, j: int, si: int, is_first: bool, off: int = 0
) -> list[_Cand]:
    """Candidates of the run ``toks[i:j]``; ``toks`` is ``doc.tokens[off:...]`` (one sentence)."""
    text = doc.text
    all_lows = doc.token_lowers
    all_kinds = doc.token_kinds
    all_texts = doc.token_texts
    # drop leading function words ("The", "In") and note "the"
    k = i
    has_the = i > 0 and all_lows[off + i - 1] == "the"
    while k < j and all_kinds[off + k] == "word" and all_lows[off + k] in FUNCTION_WORDS:
        has_the = all_lows[off + k] == "the"
        k += 1
    if k >= j:
        return []
    sentence_initial = is_first and k == i
    # split at never-names (days, months)
    pieces: list[tuple[int, int]] = []
    s = k
    for m in range(k, j):
        low_m = _bare_low(all_texts[off + m])
        if low_m in NOT_NAMES and not (m > k and low_m in _MONTH_NAMES):  # "Theresa May" is a name
            if m > s:
                pieces.append((s, m))
            s = m + 1
    if s < j:
        pieces.append((s, j))
    if len(pieces) != 1 or pieces[0] != (k, j):
        out = []
        for a, b in pieces:
            while a < b and all_kinds[off + a] != "word":
                a += 1
            if a < b:
                out.extend(_classify_run(doc, toks, a, b, si, is_first and a == i, off))
        return out
    last = toks[j - 1]
    last_bare = _strip_possessive(last.text)
    end = last.start + len(last_bare)
    full = text[toks[k].start : end]
    full_low = full.lower()
    if j - k == 1 and all_kinds[off + k] == "word":  # a one-word run (most runs)
        lows = [all_lows[off + k]]
    else:
        lows = [all_lows[x] for x in range(off + k, off + j) if all_kinds[x] == "word"]
    lows[-1] = _strip_possessive(lows[-1])
    # organisations
    if lows[-1] in THING_HEADS:
        return []  # "North American Free Trade Agreement", "Cold War", "Winter Olympics"
    if lows[-1] in PLACE_HEADS or full_low in LOCATIONS:
        return [_new_cand((toks[k].start, end, full, "location", si, "", toks[k].start, sentence_initial))]
    is_org = (
        lows[-1] in ORG_HEADS
        or (
            len(lows) > 1
            and any(lows[x] in ORG_HEADS and lows[x + 1] in _OF_FOR for x in range(len(lows) - 1))
        )
        or full_low in KNOWN_ORGS
        or (
            len(lows) == 1
            and _is_acronym(last_bare)
            and full_low not in LOCATIONS
            and full_low not in DEMONYMS
        )
    )
    nxt = toks[j] if j < len(toks) else None
    if (
        not is_org
        and nxt is not None
        and last_bare == last.text
        and nxt.kind == "word"
        and nxt.text.lower() in ORG_SUFFIX_LOWER
    ):
        nb = _strip_possessive(nxt.text)
        end = nxt.start + len(nb)
        return [
            _new_cand(
                (toks[k].start, end, text[toks[k].start : end], "organization", si, "", toks[k].start, False)
            )
        ]
    if is_org:
        # "Russian Defense Ministry" keeps its adjective; a leading title word does not belong to it
        return [
            _new_cand((toks[k].start, end, full, "organization", si, "", toks[k].start, sentence_initial))
        ]
    if full_low in GROUP_WORDS:  # "Russians", "Democrats"
        return [_new_cand((toks[k].start, end, full, "group", si, "", toks[k].start, sentence_initial))]
    # split title from name: the title ends at the last role/honorific/demonym word followed by a name
    name_k = k
    m = k
    while m < j:
        low = all_lows[off + m]
        if all_kinds[off + m] != "word":
            m += 1
            continue
        if low in HONORIFICS or low in ROLE_WORDS or low in DEMONYMS or low in CONNECTORS:
            m += 1
            name_k = m
            continue
        # a place or a name before a role word ("Moscow Mayor", "Trump envoy") belongs to the title
        if low in LOCATIONS and any(
            x.kind == "word" and ((r := x.text.lower()) in ROLE_WORDS or r in HONORIFICS)
            for x in toks[m + 1 : j]
        ):
            m += 1
            name_k = m
            continue
        break
    while name_k < j and all_kinds[off + name_k] != "word":
        name_k += 1
    # lower-case role words right before the run ("national security adviser Keith Kellogg")
    title_start = toks[k].start
    b = i - 1
    while (
        b >= 0 and all_kinds[off + b] == "word" and (bt := all_texts[off + b]).islower() and bt in ROLE_WORDS
    ):
        title_start = toks[b].start
        b -= 1
    if b >= 0 and title_start < toks[k].start and _strip_possessive(toks[b].text) != toks[b].text:
        pass  # "Putin's aide": the possessor is its own mention; the title is the role word
    if name_k >= j:
        return []  # only a title ("Senior U.S. officials"): nothing named here
    start = toks[name_k].start
    name = text[start:end]
    title = text[title_start:start].strip()
    low = name.lower()
    if low in _LOCATION_ALIASES or low in LOCATIONS:
        kind = "location"
    elif low in GROUP_WORDS:
        kind = "group"
    elif low in DEMONYMS or low.rsplit(" ", 1)[-1] in DEMONYMS:
        return []  # an adjective ("Central American")
    elif title or all_kinds[off + name_k : off + j].count("word") >= 2:
        kind = "person"
    elif has_the:
        kind = "organization"
    elif i > 0 and toks[i - 1].text in _PLACE_PREPOSITIONS:
        kind = "place?"  # "in Tijuana": a place unless the word is a person's name elsewhere
    elif (
        nxt is not None
        and last_bare == last.text
        and nxt.kind == "word"
        and nxt.text.islower()
        and nxt.text in ROLE_WORDS
        and nxt.text not in DEMONYMS
    ):
        kind = "person"  # "Trump envoy", "Putin aide"
    else:
        kind = "single"
    return [
        _new_cand(
            (
                start,
                end,
                name,
                kind,
                si,
                title,
                title_start if title else start,
                sentence_initial and name_k == k,
            )
        )
    ]


def _detect(doc: Document) -> tuple[list[_Cand], list[int]]:
    cands: list[_Cand] = []
    headlines: list[int] = []
    tokens = doc.tokens
    kinds = doc.token_kinds
    lows = doc.token_lowers
    # capitalised words, with C-level maps: kind is "word" and the first character is upper case
    cap_all = list(map(and_, map("word".__eq__, kinds), map(str.isupper, map(_first_char, doc.token_texts))))
    function_words = FUNCTION_WORDS
    for si, sent in enumerate(doc.sentences):
        a, b = sent.token_start, sent.token_end
        cap = cap_all[a:b]
        if True not in cap:  # no capitalised word: neither a headline nor a name
            continue
        toks = tokens[a:b]
        if _is_headline(toks):
            headlines.append(si)
            continue
        try:
            first_word: int | None = kinds.index("word", a, b) - a
        except ValueError:
            first_word = None
        for i, j in _runs(toks, cap, doc, a):
            if j == i + 1 and lows[a + i] in function_words:
                continue  # a lone capitalised function word ("The", "But"): nothing named
            cands.extend(_classify_run(doc, toks, i, j, si, i == first_word, a))
    return cands, headlines


# ------------------------------------------------------------------------------------------------
# resolution
# ------------------------------------------------------------------------------------------------
@lru_cache(maxsize=65536)
def _name_words(name: str) -> tuple[str, ...]:
    return tuple(w for w in _SPACES_RE.split(name) if w and not (len(w.rstrip(".")) == 1 and w.endswith(".")))


def _resolve(
    doc: Document, cands: list[_Cand], headlines: list[int], aliases: dict[str, str]
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

    @cache  # per document
    def person_canonical(name: str) -> str:
        words = _name_words(name)
        if len(words) >= 2:
            fulls = match_surname(words[-1])
            first = _fold(words[0])
            same = [f for f in fulls if _fold(_name_words(f)[0]) == first]
            if same:
                return max(same, key=lambda f: (full_counts[f], len(f), f))
            return name
        fulls = match_surname(name)
        if fulls:
            return max(fulls, key=lambda f: (full_counts[f], len(f), f))
        # a surname with no full name: the most frequent spelling among its variants
        key = _translit_key(name)
        f = _fold(name)
        variants = [
            s for s in single_names if _translit_key(s) == key or (len(f) >= 6 and _edit1(_fold(s), f))
        ]
        if not variants:
            return name
        return max(variants, key=lambda s: (single_names[s], len(s), s))

    out: list[Mention] = []
    for c in final:
        low = c.name.lower()
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
    out.sort(key=lambda m: (m.start, m.end))
    # drop duplicates / overlaps (keep the first, longest)
    dedup: list[Mention] = []
    for m in out:
        if dedup and m.start < dedup[-1].end:
            continue
        dedup.append(m)
    return dedup


# ------------------------------------------------------------------------------------------------
# public API
# ------------------------------------------------------------------------------------------------
def _check_aliases(aliases: Mapping[str, str] | None, caller: str) -> dict[str, str]:
    if aliases is None:
        return {}
    if not isinstance(aliases, Mapping):
        msg = f"The 'aliases' parameter of {caller} must be a mapping of alias -> canonical name. Got {type(aliases).__name__} instead."
        raise TypeError(msg)
    out = {}
    for k, v in aliases.items():
        if not isinstance(k, str) or not isinstance(v, str):
            msg = f"The 'aliases' parameter of {caller} must map str to str. Got {k!r}: {v!r}."
            raise TypeError(msg)
        out[_strip_possessive(k.strip()).lower()] = v
    return out


def actor_mentions(doc: Document | str, *, aliases: Mapping[str, str] | None = None) -> list[Mention]:
    """Find the actors an article mentions and resolve each mention to a canonical name.

    Parameters
    ----------
    doc : Document or str
        The analysed article (a str is analysed with :func:`~compare.text.analyze_text`).
    aliases : mapping of str to str, optional
        Alias -> canonical name, matched case-insensitively against the name as written (without
        title and possessive). It overrides the built-in merging rules.

    Returns
    -------
    list of Mention
        In text order, non-overlapping. ``kind`` is one of ``"person"``, ``"organization"``,
        ``"location"``, ``"group"``; filter out ``"location"`` to keep only actors proper.

    Raises
    ------
    TypeError
        If ``doc`` is neither a Document nor a str, or ``aliases`` is not a str -> str mapping.

    Notes
    -----
    The rules are described in the module docstring.

    Examples
    --------
    >>> ms = actor_mentions("Russian President Vladimir Putin spoke. Putin’s aide left.")
    >>> [(m.text, m.actor, m.title) for m in ms]
    [('Vladimir Putin', 'Vladimir Putin', 'Russian President'), ('Putin', 'Vladimir Putin', '')]
    """
    d = as_document(doc, name="doc", caller="actor_mentions")
    table = _check_aliases(aliases, "actor_mentions")
    cands, headlines = _detect(d)
    return _resolve(d, cands, headlines, table)


def actors_table(doc: Document | str, *, aliases: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
    """One row per canonical actor of an article.

    Parameters
    ----------
    doc : Document or str
        The analysed article (a str is analysed first).
    aliases : mapping of str to str, optional
        See :func:`actor_mentions`.

    Returns
    -------
    list of dict
        Keys: ``actor``, ``kind``, ``mentions`` (count), ``sentences`` (distinct sentences),
        ``first_start``, ``first_end``, ``first_sentence``, ``variants`` (distinct surface forms,
        joined by ``"; "``), ``titles`` (distinct titles, joined by ``"; "``). Sorted by number
        of mentions (descending), then first appearance.

    Examples
    --------
    >>> rows = actors_table("Zelensky’s call was clear. President Zelenskyy said no. Zelenskyy left.")
    >>> [(r["actor"], r["mentions"]) for r in rows]
    [('Zelenskyy', 3)]
    """
    return summarize_mentions(actor_mentions(doc, aliases=aliases))


def summarize_mentions(mentions: Sequence[Mention]) -> list[dict[str, Any]]:
    """The rows of :func:`actors_table` from mentions already found (one row per actor).

    Parameters
    ----------
    mentions : sequence of Mention
        From :func:`actor_mentions`.

    Returns
    -------
    list of dict
        As :func:`actors_table`.
    """
    rows: dict[str, dict[str, Any]] = {}
    for m in mentions:
        r = rows.get(m.actor)
        if r is None:
            r = rows[m.actor] = {
                "actor": m.actor,
                "kind": Counter(),
                "mentions": 0,
                "sentences": set(),
                "first_start": m.start,
                "first_end": m.end,
                "first_sentence": m.sentence,
                "variants": [],
                "titles": [],
            }
        r["kind"][m.kind] += 1
        r["mentions"] += 1
        r["sentences"].add(m.sentence)
        if m.text not in r["variants"]:
            r["variants"].append(m.text)
        if m.title and m.title not in r["titles"]:
            r["titles"].append(m.title)
    out = []
    for r in rows.values():
        r["kind"] = r["kind"].most_common(1)[0][0]
        r["sentences"] = len(r["sentences"])
        r["variants"] = "; ".join(r["variants"])
        r["titles"] = "; ".join(r["titles"])
        out.append(r)
    out.sort(key=lambda r: (-r["mentions"], r["first_start"]))
    return out
