"""Name helpers shared by detection and resolution (private): possessives, case folding,
transliteration keys, one-edit variants, acronyms, regular expressions, place aliases."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache, partial
from operator import itemgetter
from typing import NamedTuple

from ._lexicon import (
    DEMONYMS,
)

__all__ = ["KINDS", "Mention"]  # and private helpers for _detect, _resolve

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
_POSSESSIVE_RE = re.compile(r"(?:['’ʼ]s|['’ʼ])$")
_first_char = itemgetter(0)
_LEADING_THE_RE = re.compile(r"^(?:the|The)\s+")
_NAME_AFTER_ROLE_RE = re.compile(r"\s+(?:[A-Z]|of\b)")
_VICE_BEFORE_RE = re.compile(r"(vice|deputy|former|ex)[\s-]*$")
_VICE_RE = re.compile(r"\b(vice|deputy|former)\b")
_SPACES_RE = re.compile(r"\s+")
_TRANSLIT_ENDING_RE = re.compile(r"(iy|yy|ii|yi|ij|yj)$")
_DOUBLE_RE = re.compile(r"(.)\1+")
_FINAL_I_RE = re.compile(r"(?<=[a-z]{3})i$")
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
    # Russian "е/ё" written "ye", "yo", "e"; "ж" written "zh", German "sch"; "ks" = "x"
    k = k.replace("sch", "sh").replace("zh", "sh").replace("ks", "x").replace("ye", "e").replace("yo", "e")
    k = _FINAL_I_RE.sub("y", k)  # "Dmitri" = "Dmitry", "Alexei" = "Alexey"
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


