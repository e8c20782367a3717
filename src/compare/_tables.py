"""Table assembly (private): per-article rows -> columns in the worker -> DataFrames in the parent.

A worker turns the rows of its chunk of articles into columns (:func:`chunk_tables`), which pickle
several times smaller and faster than row dicts; the parent joins the chunks in order
(:func:`combine`). The tables do not depend on how the articles were split into chunks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING, Any

from .scores import SCORERS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["ARTICLE_KEYS", "ChunkTables", "chunk_tables", "combine"]

#: Leading columns of the ``articles`` table (the metric columns follow).
ARTICLE_KEYS = ("article_id", "outlet", "title", "event_id", "published", "n_words", "n_sentences")


def _is_offset(column: str) -> bool:
    return column in ("start", "end", "sentence") or column.endswith(("_start", "_end"))


#: One chunk's tables, column by column: table name -> (number of rows, column name -> values).
ChunkTables = dict[str, tuple[int, dict[str, list[Any]]]]

_MISSING = float("nan")  # what pandas puts in a cell whose row dict lacks the key


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[int, dict[str, list[Any]]]:
    """Row dicts as columns, in the order the keys first appear (as ``pandas.DataFrame(rows)`` does)."""
    keys = dict.fromkeys(chain.from_iterable(rows))
    if len(keys) > 1 and all(len(r) == len(keys) for r in rows):  # every row has every key: transpose in C
        return len(rows), dict(zip(keys, map(list, zip(*map(itemgetter(*keys), rows), strict=True)), strict=True))
    return len(rows), {k: [r.get(k, _MISSING) for r in rows] for k in keys}


def chunk_tables(outputs: Sequence[Mapping[str, Any]]) -> ChunkTables:
    """Turn per-article rows (:meth:`compare.analysis.ArticleAnalysis.rows`) into columns, ready
    to send between processes.

    Columns pickle several times smaller and faster than row dicts, and a worker builds them in
    parallel with the others. :func:`combine` joins the chunks into tables.
    """
    rows: dict[str, list[Mapping[str, Any]]] = {
        "articles": [o["article"] for o in outputs],
        "sentences": [s for o in outputs for s in o["sentences"]],
    }
    for o in outputs:
        for name, table_rows in o["tables"].items():
            rows.setdefault(name, []).extend(table_rows)
    return {name: _columns(table_rows) for name, table_rows in rows.items()}


def _join_columns(parts: Sequence[tuple[int, dict[str, list[Any]]]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    total = 0
    for n, cols in parts:
        for key in cols:
            if key not in columns:
                columns[key] = [_MISSING] * total
        for key, values in columns.items():
            part = cols.get(key)
            values.extend([_MISSING] * n if part is None else part)
        total += n
    return columns


def _frame(rows: list[dict[str, Any]] | dict[str, list[Any]], first: Sequence[str] = ()) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=list(first))
    cols = [c for c in first if c in df.columns] + [c for c in df.columns if c not in first]
    df = df[cols]
    # character offsets are integers; missing spans are <NA>, not NaN floats
    casts = {}
    for col in [c for c in df.columns if _is_offset(str(c)) and df[c].dtype.kind in "fiO"]:
        try:
            casts[str(col)] = df[col].astype("Int64")
        except (TypeError, ValueError):
            pass  # not whole numbers: keep the column as it is
    return df.assign(**casts) if casts else df


def combine(chunks: Sequence[ChunkTables]) -> dict[str, pd.DataFrame]:
    """Join chunks from :func:`chunk_tables`, in order, into result tables (before alignment).

    The tables do not depend on how the articles were split into chunks.
    """
    names = dict.fromkeys(chain(("articles", "sentences"), *chunks))
    first = {"articles": ARTICLE_KEYS, "sentences": ("article_id", "sentence", "start", "end")}
    out = {
        name: _frame(_join_columns([c[name] for c in chunks if name in c]), first.get(name, ("article_id", "outlet")))
        for name in names
    }
    articles = out["articles"]
    metric_cols = [c for c in articles.columns if c in SCORERS]
    long = articles.melt(
        id_vars=["event_id", "article_id", "outlet"], value_vars=metric_cols, var_name="metric", value_name="value"
    )
    long.insert(3, "family", long["metric"].map(lambda m: SCORERS[m].family))
    out["scores"] = long[["event_id", "article_id", "outlet", "family", "metric", "value"]].astype(
        {"value": "float64"}
    )
    return out
