"""The outlet gazetteer: canonical outlet names, aliases and one compiled matcher (private).

The shipped list is ``compare/data/outlets.csv`` (columns ``name, aliases, domain, country, type``;
aliases separated by ``|``), written for this project from general knowledge of the news market.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...exceptions import InvalidInputError

__all__ = ["Gazetteer", "load_gazetteer", "normalize_outlet"]

_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
_NORM_RE = re.compile(r"[^\w]+")


def normalize_outlet(name: str) -> str:
    """Lower-case, drop a leading "the" and punctuation: ``"The Gaze"`` -> ``"gaze"``."""
    return _NORM_RE.sub(" ", _THE_RE.sub("", name.strip()).lower()).strip()


def _forms(surface: str) -> list[str]:
    """Surface forms matched for a name or alias (case-sensitive).

    "The X Y" is matched as "The X Y", "the X Y" and "X Y"; a single-word "The X" ("The Gaze",
    "The Hill", "The Sun") needs its article, so that common words are not taken for outlets.
    """
    surface = surface.strip()
    if not surface:
        return []
    m = _THE_RE.match(surface)
    if not m:
        return [surface]
    core = surface[m.end() :]
    forms = ["The " + core, "the " + core]
    if " " in core or not core.isalpha() or core.isupper():
        forms.append(core)
    return forms


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """Known outlets and a matcher over all their names and aliases.

    Attributes
    ----------
    entries : dict
        Canonical name -> row of the CSV (``domain``, ``country``, ``type``, ``aliases``).
    forms : dict
        Surface form -> canonical name.
    """

    entries: dict[str, dict[str, Any]]
    forms: dict[str, str]
    _by_norm: dict[str, str] = field(repr=False)
    pattern: re.Pattern[str] = field(repr=False)

    def canonical(self, name: str) -> str | None:
        """The canonical name of ``name`` (any alias, any case, with or without "the"), or None."""
        if name in self.forms:
            return self.forms[name]
        return self._by_norm.get(normalize_outlet(name))

    def __len__(self) -> int:
        return len(self.entries)


def _trie_regex(words: Iterable[str]) -> str:
    """One regex matching any of ``words``, factored as a character trie (much faster than a flat
    alternation of hundreds of names). Longer matches are tried first at every branch."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        end = "" in node
        branches = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return walk(trie)


def _build(rows: list[dict[str, str]], source: str) -> Gazetteer:
    entries: dict[str, dict[str, Any]] = {}
    forms: dict[str, str] = {}
    by_norm: dict[str, str] = {}
    for i, row in enumerate(rows, start=2):
        name = (row.get("name") or "").strip()
        if not name:
            msg = f"{source}:{i}: the 'name' field is empty."
            raise InvalidInputError(msg)
        aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
        entries[name] = {
            "aliases": tuple(aliases),
            "domain": (row.get("domain") or "").strip(),
            "country": (row.get("country") or "").strip(),
            "type": (row.get("type") or "").strip(),
        }
        for surface in [name, *aliases]:
            by_norm.setdefault(normalize_outlet(surface), name)
            for form in _forms(surface):
                forms.setdefault(form, name)
        domain = entries[name]["domain"]
        if domain:
            forms.setdefault(domain, name)
            by_norm.setdefault(normalize_outlet(domain), name)
    pattern = re.compile(rf"(?<![\w.@/-])(?:{_trie_regex(forms)})(?![\w@]|-\w|\.\w)")
    return Gazetteer(entries=entries, forms=forms, _by_norm=by_norm, pattern=pattern)


@cache
def _default() -> Gazetteer:
    from importlib.resources import files

    text = files("compare.data").joinpath("outlets.csv").read_text(encoding="utf-8")
    return _build(list(csv.DictReader(io.StringIO(text))), "compare/data/outlets.csv")


def load_gazetteer(source: Any = None) -> Gazetteer:
    """Load an outlet gazetteer.

    Parameters
    ----------
    source : None, str, Path, Gazetteer or iterable of mappings
        ``None`` for the shipped list; a CSV path with the columns ``name, aliases, domain,
        country, type``; an existing :class:`Gazetteer`; or rows as mappings.

    Returns
    -------
    Gazetteer
        Canonical names, aliases and a compiled matcher over every surface form.

    Raises
    ------
    InvalidInputError
        If a row has no name or the file lacks the ``name`` column.
    """
    if source is None:
        return _default()
    if isinstance(source, Gazetteer):
        return source
    if isinstance(source, (str, Path)):
        path = Path(source)
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        if rows and "name" not in rows[0]:
            msg = f"{path}: an outlet gazetteer needs a 'name' column. Got {list(rows[0])!r}."
            raise InvalidInputError(msg)
        return _build(rows, str(path))
    rows = [dict(r) for r in source]
    return _build(rows, "<rows>")
