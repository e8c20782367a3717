"""The public functions of :mod:`compare.actors` (see the package docstring for the rules)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..text import Document, as_document
from ._detect import (
    _detect,
)
from ._names import (
    Mention,
    _strip_possessive,
)
from ._resolve import (
    _resolve,
)

__all__ = ["actor_mentions", "actors_table", "summarize_mentions"]

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


def actor_mentions(
    doc: Document | str,
    *,
    aliases: Mapping[str, str] | None = None,
    outlet: str | None = None,
    known: Mapping[str, str] | None = None,
) -> list[Mention]:
    """Find the actors an article mentions and resolve each mention to a canonical name.

    Parameters
    ----------
    doc : Document or str
        The analysed article (a str is analysed with :func:`~compare.text.analyze_text`).
    aliases : mapping of str to str, optional
        Alias -> canonical name, matched case-insensitively against the name as written (without
        title and possessive). It overrides the built-in merging rules.
    outlet : str, optional
        The article's own outlet: its name in the text ("The Gaze reports") is not an actor
        (listed outlets and publication names never are).
    known : mapping of str to str, optional
        Names known from elsewhere in the corpus (canonical name -> kind, e.g. from the
        mentions of the corpus's cased articles), looked for in lower-case and ALL-CAPS
        sentences besides the shipped public-figure list.

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
    if outlet is not None and not isinstance(outlet, str):
        msg = f"The 'outlet' parameter of actor_mentions must be a str or None. Got {type(outlet).__name__} instead."
        raise TypeError(msg)
    if known is not None and not isinstance(known, Mapping):
        msg = f"The 'known' parameter of actor_mentions must be a mapping of name -> kind. Got {type(known).__name__} instead."
        raise TypeError(msg)
    cands, headlines, caseless = _detect(d)
    return _resolve(d, cands, headlines, table, outlet=outlet, caseless=caseless, corpus_names=known)


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

