"""Cross-article merging (private): one outlet's "Biden" and another's "Joe Biden" are one actor."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ._gazetteer import public_figures
from ._persons import MAX_EDITS, MIN_LEN, cluster_persons

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["merge_actor_names", "rename_actors"]


def merge_actor_names(
    actors: pd.DataFrame,
    groups: Mapping[str, str],
    *,
    max_edits: int = MAX_EDITS,
    min_len: int = MIN_LEN,
) -> dict[tuple[str, str], str]:
    """Within each group of articles (a story), map the names of one person to one canonical name.

    Actors are resolved per article, so one outlet's "Biden" and another's "Joe Biden", or
    "Volodymyr Zelenskyy", "Vladimir Zelensky" and "Zelensky", are names of one actor. Within a
    group, person names are clustered by surname (transliteration and spelling variants, the
    Arabic article, initials and possessives ignored) and compatible given names ("Volodymyr" =
    "Vladimir", "Donald J." = "Donald"); a surname alone joins the most mentioned full name with
    that surname. The canonical name is the spelling of the shipped public-figure list when the
    person is listed, else the most mentioned full name.

    Parameters
    ----------
    actors : pandas.DataFrame
        The ``actors`` table of a run (columns ``article_id``, ``actor``, ``kind``, and
        ``mentions`` if available: names are weighted by their mentions).
    groups : mapping of str to str
        Article id -> group id (story or event).
    max_edits, min_len : int
        Two surnames whose keys are at most ``max_edits`` edits apart are one surname when the
        shorter key has at least ``min_len`` letters (defaults chosen by leave-one-dataset-out,
        see ``docs/benchmarks/actors.md``).

    Returns
    -------
    dict
        ``(group, name) -> canonical name`` for every person name that changes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"article_id": ["a", "b", "c"], "kind": ["person"] * 3,
    ...                    "actor": ["Volodymyr Zelenskyy", "Vladimir Zelensky", "Zelenskiy"]})
    >>> sorted(merge_actor_names(df, {"a": "s", "b": "s", "c": "s"}).items())  # doctest: +NORMALIZE_WHITESPACE
    [(('s', 'Vladimir Zelensky'), 'Volodymyr Zelensky'), (('s', 'Volodymyr Zelenskyy'), 'Volodymyr Zelensky'),
     (('s', 'Zelenskiy'), 'Volodymyr Zelensky')]
    """
    import pandas as pd

    if actors.empty or "actor" not in actors.columns:
        return {}
    kinds = actors["kind"] if "kind" in actors.columns else pd.Series("person", index=actors.index)
    persons = actors[kinds.eq("person")]
    weights = persons["mentions"] if "mentions" in persons.columns else pd.Series(1, index=persons.index)
    by_group: dict[str, Counter[str]] = {}
    for aid, name, n in zip(persons["article_id"], persons["actor"], weights, strict=True):
        if not isinstance(name, str):
            continue
        w = int(n) if isinstance(n, (int, float)) and not math.isnan(n) and n > 0 else 1
        by_group.setdefault(groups.get(aid, ""), Counter())[name] += w
    preferred = public_figures()[0]
    mapping: dict[tuple[str, str], str] = {}
    for group, counts in by_group.items():
        for name, canon in cluster_persons(counts, preferred=preferred, max_edits=max_edits, min_len=min_len).items():
            if canon != name:
                mapping[(group, name)] = canon
    return mapping


def rename_actors(
    df: pd.DataFrame, mapping: Mapping[tuple[str, str], str], groups: Mapping[str, str]
) -> pd.DataFrame:
    """Apply :func:`merge_actor_names`'s mapping to a table with ``article_id`` and ``actor``.

    When a name changes, the name as resolved in its article is kept in ``actor_in_article``
    (inserted after ``actor``). The table is returned unchanged (the same object) otherwise.

    Notes
    -----
    ``actor_in_article`` is the article-level canonical name ("Biden" where the article only
    says "Mr. Biden"; "Kyiv" where it says "Kiev"), not the text as written: an actor row sums
    several mentions, each with its own surface form. The names as written are the mentions'
    ``text`` (:class:`~compare.actors.Mention`, :func:`mentions_table`).
    """
    if not mapping or df.empty or "actor" not in df.columns:
        return df
    group = df["article_id"].map(groups)
    merged = [mapping.get((g, a), a) if isinstance(a, str) else a for g, a in zip(group, df["actor"], strict=True)]
    if not any(m != a for m, a in zip(merged, df["actor"], strict=True) if isinstance(a, str)):
        return df
    df = df.copy()
    df.insert(list(df.columns).index("actor") + 1, "actor_in_article", df["actor"])
    df["actor"] = merged
    return df
