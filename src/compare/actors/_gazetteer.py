"""Shipped name lists (private): outlets (never actors) and public figures (canonical spellings,
and names to find in lower-case or all-caps text).

- ``compare/data/outlets.csv`` (also read by :mod:`compare.align.provenance`): every outlet name
  and alias, folded; a name in this list, with or without a leading "The", is a publication.
- ``compare/data/public_figures.csv``: ``name, aliases, group``; see ``compare/data/README.md``.
"""

from __future__ import annotations

import csv
import io
import re
from functools import cache
from importlib.resources import files

from ._lexicon import EXTRA_OUTLETS
from ._names import _fold
from ._persons import person_words, surname_key

__all__: list[str] = []

_THE_RE = re.compile(r"^the\s+")
_SPACE_RE = re.compile(r"[\s\u00a0\u200b\u200c\u200d\ufeff]+")
_SUFFIX_RE = re.compile(r"\s*\([^)]*\)\s*$")


def outlet_key(name: str) -> str:
    """Folded outlet name: lower case, spaces collapsed, no leading "the", no "(Online)" suffix."""
    s = _SPACE_RE.sub(" ", _fold(name)).strip().replace("’", "'")
    s = _SUFFIX_RE.sub("", s)
    s = s.removesuffix("'s").removesuffix("'")
    return _THE_RE.sub("", s)


def _read(name: str) -> list[dict[str, str]]:
    text = files("compare.data").joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(io.StringIO(text)))


@cache
def outlet_names() -> frozenset[str]:
    """Folded names and aliases of the shipped outlets (see :func:`outlet_key`)."""
    out = set()
    for row in _read("outlets.csv"):
        for n in [row["name"], *(row.get("aliases") or "").split("|")]:
            if n.strip():
                out.add(outlet_key(n))
        dom = (row.get("domain") or "").strip().lower()
        if dom:
            out.add(dom)
    out |= EXTRA_OUTLETS
    out.discard("")
    return frozenset(out)


@cache
def public_figures() -> tuple[dict[str, str], dict[str, str], dict[tuple[str, ...], str]]:
    """The public-figure list as three lookups.

    Returns
    -------
    tuple
        ``preferred``: folded full name or alias (words joined by a space) -> canonical name;
        ``by_surname``: surname key -> canonical name, for surnames that only one listed person
        has; ``ngrams``: tuple of folded words of every name and alias (and of the surname alone
        where unique and at least five letters long) -> canonical name, for lower-case and
        all-caps text.
    """
    preferred: dict[str, str] = {}
    surnames: dict[str, set[str]] = {}
    ngrams: dict[tuple[str, ...], str] = {}
    for row in _read("public_figures.csv"):
        name = row["name"].strip()
        for n in [name, *(row.get("aliases") or "").split("|")]:
            n = n.strip()
            if not n:
                continue
            words = person_words(n)
            preferred[" ".join(words)] = name
            ngrams[tuple(_fold(w) for w in n.replace("’", "'").split())] = name
            if len(words) >= 2:
                surnames.setdefault(surname_key(words[-1]), set()).add(name)
    by_surname = {k: next(iter(v)) for k, v in surnames.items() if len(v) == 1}
    return preferred, by_surname, ngrams
