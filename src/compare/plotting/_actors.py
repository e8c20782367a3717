"""Actors and sources (private): sentiment toward actors, sources by type."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_columns
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..results import Results

from ._base import (
    ACTOR_SENTIMENT_COLUMNS,
    SOURCE_TYPE_COLORS,
    _event_filter,
    _new_axes,
    _table,
    plain_label,
    short_label,
    stable_color,
)

__all__ = ["ActorSentimentDisplay", "SourceTypeDisplay"]

#: Colour-bar labels of the actor sentiment columns (display names, not column names).
_COLUMN_LABELS = {
    "target_sentiment": "sentiment toward the actor (-1 to 1)",
    "sentiment_mean": "sentiment toward the actor (-1 to 1)",
    "sentence_compound": "sentiment of sentences naming the actor (-1 to 1)",
    "compound_sentiment": "sentiment (-1 to 1)",
}


# ----------------------------------------------------------------------------------------------
# actor sentiment
# ----------------------------------------------------------------------------------------------
class ActorSentimentDisplay:
    """Sentiment toward each actor by outlet (a heat map, actors x outlets).

    Parameters
    ----------
    table : pandas.DataFrame
        Actors as index, outlets as columns, mean sentiment in [-1, 1] as values (NaN where the
        outlet does not mention the actor).
    counts : pandas.DataFrame, optional
        Same shape: the number of articles behind each cell.
    column : str
        Name of the sentiment measure shown.
    """

    def __init__(self, table: pd.DataFrame, *, counts: pd.DataFrame | None = None, column: str = "sentiment") -> None:
        self.table = table
        self.counts = counts
        self.column = column

    @classmethod
    def from_results(
        cls, results: Results, *, event: str | None = None, column: str | None = None, top: int = 12
    ) -> ActorSentimentDisplay:
        """Mean sentiment toward the ``top`` most-mentioned actors, per outlet."""
        return cls.from_frame(_event_filter(_table(results, "actors"), results, event), column=column, top=top)

    @classmethod
    def from_frame(
        cls, actors: pd.DataFrame, *, column: str | None = None, top: int = 12, max_outlets: int | None = None
    ) -> ActorSentimentDisplay:
        """Build from an actors table (``actor, outlet, mentions`` and a sentiment column).

        ``top`` actors (most mentions first) are kept, and at most ``max_outlets`` outlets (those
        mentioning these actors most), all by default. Rows without a value in ``column`` (places,
        which the sentiment family skips by default) are left out, so a blank cell always means
        "not mentioned by this outlet".
        """
        check_columns(actors, ["actor", "outlet"], caller="ActorSentimentDisplay.from_frame")
        if column is None:
            column = next((c for c in ACTOR_SENTIMENT_COLUMNS if c in actors.columns), None)
            if column is None:
                msg = (
                    "ActorSentimentDisplay.from_frame: the actors table has no sentiment column "
                    f"(one of {list(ACTOR_SENTIMENT_COLUMNS)!r}). Available: {list(actors.columns)!r}."
                )
                raise InvalidInputError(msg)
        check_columns(actors, [column], caller="ActorSentimentDisplay.from_frame")
        actors = actors[actors[column].notna()]
        weight = actors["mentions"] if "mentions" in actors.columns else 1
        ranked = (
            actors.assign(_w=weight).groupby("actor")["_w"].sum().reset_index()
            .sort_values(["_w", "actor"], ascending=[False, True])
        )
        keep = ranked["actor"].head(top).tolist()
        part = actors[actors["actor"].isin(keep)]
        if max_outlets is not None:
            by_outlet = part.assign(_w=weight).groupby("outlet")["_w"].sum().reset_index()
            chosen = by_outlet.sort_values(["_w", "outlet"], ascending=[False, True])["outlet"].head(max_outlets)
            part = part[part["outlet"].isin(set(chosen))]
        table = part.pivot_table(index="actor", columns="outlet", values=column, aggfunc="mean", dropna=False)
        counts = part.pivot_table(index="actor", columns="outlet", values=column, aggfunc="count", dropna=False)
        table = table.reindex(index=keep, columns=sorted(table.columns))
        counts = counts.reindex(index=keep, columns=sorted(counts.columns))
        return cls(table, counts=counts, column=column)

    def plot(self, *, ax: Any = None, cmap: str = "RdBu", annotate: bool = True) -> ActorSentimentDisplay:
        """Draw the heat map (blue = positive, red = negative; blank = not mentioned).

        Parameters
        ----------
        ax : matplotlib Axes, optional
        cmap : str
            A diverging colormap name.
        annotate : bool
            Write the value in each cell.

        Returns
        -------
        ActorSentimentDisplay
        """
        n_rows, n_cols = self.table.shape
        ax = _new_axes(ax, "ActorSentimentDisplay.plot", figsize=(1.1 * n_cols + 3, 0.4 * n_rows + 1.5))
        values = self.table.to_numpy(dtype="float64")
        masked = np.ma.masked_invalid(values)
        image = ax.imshow(masked, cmap=cmap, vmin=-1, vmax=1, aspect="auto")
        ax.set_facecolor("#ffffff")
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels([short_label(c, 20) for c in self.table.columns], rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels([short_label(a, 30) for a in self.table.index], fontsize=8)
        if annotate:
            for i in range(n_rows):
                for j in range(n_cols):
                    if np.isfinite(values[i, j]):
                        color = "white" if abs(values[i, j]) > 0.6 else "black"
                        ax.text(j, i, f"{values[i, j]:+.2f}", ha="center", va="center", fontsize=8, color=color)
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=plain_label(_COLUMN_LABELS.get(self.column, self.column.replace("_", " "))))
        ax.set_title("Sentiment toward actors", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self


# ----------------------------------------------------------------------------------------------
# sources by type
# ----------------------------------------------------------------------------------------------
class SourceTypeDisplay:
    """Attributed sources by type, per outlet (stacked shares).

    Parameters
    ----------
    counts : pandas.DataFrame
        Outlets as index, source types as columns, numbers of attributions as values.
    """

    def __init__(self, counts: pd.DataFrame) -> None:
        self.counts = counts

    @classmethod
    def from_results(cls, results: Results, *, event: str | None = None) -> SourceTypeDisplay:
        """Count ``results.attributions`` by outlet and ``source_type``."""
        return cls.from_frame(_event_filter(_table(results, "attributions"), results, event))

    @classmethod
    def from_frame(cls, attributions: pd.DataFrame) -> SourceTypeDisplay:
        """Build from an attributions table with ``outlet`` and ``source_type`` columns."""
        check_columns(attributions, ["outlet", "source_type"], caller="SourceTypeDisplay.from_frame")
        counts = (
            attributions.assign(source_type=attributions["source_type"].fillna("unknown").astype(str))
            .groupby(["outlet", "source_type"]).size().unstack("source_type", fill_value=0)
        )
        counts = counts.reindex(index=sorted(counts.index), columns=sorted(counts.columns))
        return cls(counts)

    def plot(self, *, ax: Any = None, colors: Sequence[str] | None = None) -> SourceTypeDisplay:
        """Draw one horizontal bar per outlet, split by source type (shares, with totals).

        Returns
        -------
        SourceTypeDisplay
        """
        n = len(self.counts)
        ax = _new_axes(ax, "SourceTypeDisplay.plot", figsize=(7, 0.4 * n + 1.5))
        totals = self.counts.sum(axis=1).to_numpy(dtype="float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = self.counts.to_numpy(dtype="float64") / np.where(totals > 0, totals, np.nan)[:, None]
        left = np.zeros(n)
        for j, kind in enumerate(self.counts.columns):
            width = np.nan_to_num(shares[:, j])
            color = colors[j % len(colors)] if colors else stable_color(kind, SOURCE_TYPE_COLORS)
            ax.barh(range(n), width, left=left, color=color, label=plain_label(kind))
            left += width
        ax.set_yticks(range(n))
        ax.set_yticklabels([f"{short_label(o)} (n={int(t)})" for o, t in zip(self.counts.index, totals, strict=True)], fontsize=8)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attributions", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_title("Sources by type", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self


