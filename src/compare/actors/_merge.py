"""Cross-article merging (private): one outlet's "Biden" and another's "Joe Biden" are one actor."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["merge_actor_names", "rename_actors"]


def merge_actor_names(actors: pd.DataFrame, groups: Mapping[str, str]) -> dict[tuple[str, str], str]:
    """Within each group of articles, map a one-word person name to the one full name ending with it.

    Actors are resolved per article, so one outlet's "Biden" and another's "Joe Biden" are two
    names for one actor. Where, within a group (an event), exactly one multi-word person name ends
    with the same word, the short name maps to it. Ambiguous surnames are left alone.

    Parameters
    ----------
    actors : pandas.DataFrame
        The ``actors`` table of a run (columns ``article_id``, ``actor`` and ``kind``).
    groups : mapping of str to str
        Article id -> group id (event).

    Returns
    -------
    dict
        ``(group, short name) -> full name``.
    """
    import pandas as pd

    if actors.empty or "actor" not in actors.columns:
        return {}
    persons = actors[actors.get("kind", pd.Series(index=actors.index, dtype=object)).eq("person")]
    mapping: dict[tuple[str, str], str] = {}
    by_group: dict[str, set[str]] = {}
    for aid, name in zip(persons["article_id"], persons["actor"], strict=True):
        by_group.setdefault(groups.get(aid, ""), set()).add(str(name))
    for group, names in by_group.items():
        full = [n for n in names if len(n.split()) > 1]
        for short in (n for n in names if len(n.split()) == 1):
            matches = [f for f in full if f.split()[-1] == short]
            if len(matches) == 1:
                mapping[(group, short)] = matches[0]
    return mapping


def rename_actors(
    df: pd.DataFrame, mapping: Mapping[tuple[str, str], str], groups: Mapping[str, str]
) -> pd.DataFrame:
    """Apply :func:`merge_actor_names`'s mapping to a table with ``article_id`` and ``actor``.

    When a name changes, the name as resolved in its article is kept in ``actor_as_written``
    (inserted after ``actor``). The table is returned unchanged (the same object) otherwise.
    """
    if not mapping or df.empty or "actor" not in df.columns:
        return df
    group = df["article_id"].map(groups)
    merged = [mapping.get((g, a), a) if isinstance(a, str) else a for g, a in zip(group, df["actor"], strict=True)]
    if not any(m != a for m, a in zip(merged, df["actor"], strict=True) if isinstance(a, str)):
        return df
    df = df.copy()
    df.insert(list(df.columns).index("actor") + 1, "actor_as_written", df["actor"])
    df["actor"] = merged
    return df
