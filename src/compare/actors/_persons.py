"""Person names (private): comparison keys, "same person?" and clustering of names.

A person's name is compared on its words with diacritics folded, initials ("J.") and nicknames in
quotes dropped, the Arabic article of a surname dropped ("al-Assad" = "Assad"), and two keys:

- the *surname key*: :func:`~compare.actors._names._translit_key` of the last word (double
  letters collapsed, "-iy/-yy/-ii/-yi/-ij" endings unified, "kh" = "h", "j" = "y", "ks" = "x"...);
- the *first-name key*: the same key, mapped to its group in
  :data:`~compare.actors._lexicon.FIRST_NAME_VARIANTS` ("Volodymyr" = "Vladimir").

Two surnames are the same when their keys are equal or close: at most ``max_edits`` edits apart
(Levenshtein distance on the keys) where the shorter key has at least ``min_len`` letters. The
defaults (one edit from five letters) were chosen by leave-one-dataset-out on the real-coverage
sets and NewsWCL50 (``benchmarks/bench_actors_rc.py --tune``, see ``docs/benchmarks/actors.md``).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from functools import lru_cache

from ._lexicon import FIRST_NAME_VARIANTS
from ._names import _fold, _strip_possessive, _translit_key

__all__: list[str] = []

#: Surname similarity: at most this many edits between the keys ...
MAX_EDITS = 1
#: ... when the shorter key has at least this many letters.
MIN_LEN = 5

_QUOTED_RE = re.compile(r"[‘“\"'][^‘’“”\"']{1,40}[’”\"']|\([^)]{0,60}\)")
_ARTICLE_PREFIX_RE = re.compile(r"^(?:al|el|al-|el-|ad-|as-|ash-|an-|ar-)(?=[a-z])")
_FIRST_GROUP = {_translit_key(w): g[0] for g in FIRST_NAME_VARIANTS for w in g}
_PARTICLES = frozenset({"al", "el", "bin", "ibn", "abu", "de", "van", "von", "der", "da", "di", "la", "le"})


@lru_cache(maxsize=65536)
def person_words(name: str) -> tuple[str, ...]:
    """The folded words of a person's name without initials, nicknames and the possessive."""
    s = _QUOTED_RE.sub(" ", _strip_possessive(name.strip()))
    out = []
    for w in _fold(s).replace("’", "'").split():
        w = w.strip(".,;:'\"*")
        if not w or (len(w) == 1 and w.isalpha()):
            continue
        out.append(w)
    return tuple(out)


@lru_cache(maxsize=65536)
def surname_key(word: str) -> str:
    """The comparison key of a surname ("al-Assad" -> "asad", "Zelenskyy" -> "zelensky")."""
    w = _fold(word).replace("’", "'")
    w = _ARTICLE_PREFIX_RE.sub("", w)
    return _translit_key(w.replace("-", "").replace("'", ""))


@lru_cache(maxsize=65536)
def first_key(word: str) -> str:
    """The comparison key of a first name, equal for listed variants ("Volodymyr" = "Vladimir")."""
    k = _translit_key(_fold(word))
    return _FIRST_GROUP.get(k, k)


def levenshtein(a: str, b: str, limit: int) -> int:
    """Edit distance of ``a`` and ``b``, or ``limit + 1`` as soon as it exceeds ``limit``."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    if la > lb:
        a, b, la, lb = b, a, lb, la
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        best = i
        for j in range(1, lb + 1):
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != b[j - 1]))
            cur[j] = v
            best = min(best, v)
        if best > limit:
            return limit + 1
        prev = cur
    return prev[lb]


def same_surname(a: str, b: str, *, max_edits: int = MAX_EDITS, min_len: int = MIN_LEN) -> bool:
    """Whether two surname keys name the same family (equal, or close and long enough)."""
    if a == b:
        return True
    if max_edits <= 0 or min(len(a), len(b)) < min_len:
        return False
    return levenshtein(a, b, max_edits) <= max_edits


def same_first(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the given names of two full names (all words but the surname) can be one person.

    Equal or variant first names; a first name that is another's middle name ("Tayyip Erdogan",
    "Recep Tayyip Erdogan"); or one edit apart from four letters ("Alsu"/"Alsa").
    """
    fa, fb = first_key(a[0]), first_key(b[0])
    if fa == fb:
        return True
    if fa in {first_key(w) for w in b[1:]} or fb in {first_key(w) for w in a[1:]}:
        return True
    return min(len(fa), len(fb)) >= 4 and levenshtein(fa, fb, 1) <= 1 and fa[0] == fb[0]


def name_parts(name: str) -> tuple[tuple[str, ...], str]:
    """(given names, surname key) of a person's name; given names are empty for a single word."""
    words = person_words(name)
    if not words:
        return (), ""
    # a particle before the last word belongs to the surname ("Al Thani", "bin Salman")
    return tuple(w for w in words[:-1] if w not in _PARTICLES), surname_key(words[-1])


def same_person(a: str, b: str, *, max_edits: int = MAX_EDITS, min_len: int = MIN_LEN) -> bool:
    """Whether two full names (two words or more) can be the same person."""
    ga, sa = name_parts(a)
    gb, sb = name_parts(b)
    if not sa or not sb or not same_surname(sa, sb, max_edits=max_edits, min_len=min_len):
        return False
    if not ga or not gb:
        return True
    return same_first(ga, gb)


class _UnionFind:
    def __init__(self, items: Iterable[str]) -> None:
        self.parent = {x: x for x in items}

    def find(self, x: str) -> str:
        p = self.parent
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def cluster_persons(
    counts: Mapping[str, int],
    *,
    preferred: Mapping[str, str] | None = None,
    max_edits: int = MAX_EDITS,
    min_len: int = MIN_LEN,
) -> dict[str, str]:
    """Map every person name to its canonical name.

    Parameters
    ----------
    counts : mapping of str to int
        Person names (as resolved per article) and their number of mentions.
    preferred : mapping of str to str, optional
        Known names (folded words joined by a space) -> the canonical spelling to use for them
        (the public-figure list); a cluster holding a known name takes that spelling.
    max_edits, min_len : int
        Surname similarity (see :func:`same_surname`).

    Returns
    -------
    dict
        Name -> canonical name (every name of ``counts``; unchanged names map to themselves).

    Notes
    -----
    Full names (two words or more) are joined when :func:`same_person` holds; a single word
    (a surname, or "Xi" for "Xi Jinping") joins the cluster whose surname (or family-name-first
    given name) it matches, the one with most mentions if several do; singles that match no full
    name are joined among themselves by surname. Within a cluster, full names whose given names
    conflict are never joined through a third name: each name joins the first cluster it is
    compatible with, in order of mentions. The canonical name is the known spelling, else the
    most mentioned full name (ties: the longer, then alphabetical).
    """
    preferred = preferred or {}
    full = [n for n in counts if len(person_words(n)) >= 2]
    singles = [n for n in counts if len(person_words(n)) == 1]
    full.sort(key=lambda n: (-counts[n], -len(n), n))
    # blocking: by first letter of the surname key (with the key length for the fuzzy test)
    clusters: list[list[str]] = []
    by_letter: dict[str, list[int]] = defaultdict(list)
    for n in full:
        g, s = name_parts(n)
        placed = False
        for ci in by_letter.get(s[:1], ()):
            members = clusters[ci]
            if all(same_person(n, m, max_edits=max_edits, min_len=min_len) for m in members):
                members.append(n)
                placed = True
                break
        if not placed:
            by_letter[s[:1]].append(len(clusters))
            clusters.append([n])
    total = [sum(counts[m] for m in c) for c in clusters]
    out: dict[str, str] = {}

    def canonical(members: list[str]) -> str:
        for m in members:
            p = preferred.get(" ".join(person_words(m)))
            if p is not None:
                return p
        return max(members, key=lambda m: (counts[m], len(m), m))

    names = [canonical(c) for c in clusters]
    for c, name in zip(clusters, names, strict=True):
        for m in c:
            out[m] = name
    # singles: a surname, or the first word of a family-name-first name ("Xi")
    firsts: dict[str, list[int]] = defaultdict(list)
    for ci, c in enumerate(clusters):
        for m in c:
            w = person_words(m)
            if len(w) >= 2:
                firsts[w[0]].append(ci)
    rest: list[str] = []
    for n in sorted(singles, key=lambda n: (-counts[n], n)):
        key = surname_key(person_words(n)[0])
        hits = [
            ci for ci in by_letter.get(key[:1], ())
            if any(same_surname(key, name_parts(m)[1], max_edits=max_edits, min_len=min_len) for m in clusters[ci])
        ]
        if not hits:
            fw = person_words(n)[0]
            hits = sorted(set(firsts.get(fw, ())))
            if len(hits) != 1:
                hits = []
        if hits:
            best = max(hits, key=lambda ci: (total[ci], -ci))
            out[n] = names[best]
        else:
            rest.append(n)
    # singles with no full name: the most mentioned spelling of each surname
    groups: list[list[str]] = []
    for n in rest:  # in order of mentions
        key = surname_key(person_words(n)[0])
        for g in groups:
            if same_surname(key, surname_key(person_words(g[0])[0]), max_edits=max_edits, min_len=min_len):
                g.append(n)
                break
        else:
            groups.append([n])
    for g in groups:
        name = None
        for m in g:
            name = preferred.get(" ".join(person_words(m)))
            if name is not None:
                break
        if name is None:
            name = max(g, key=lambda m: (counts[m], len(m), m))
        for m in g:
            out[m] = name
    return out
