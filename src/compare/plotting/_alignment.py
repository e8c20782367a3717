"""Alignment (private): the claim coverage matrix and the citation graph."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_columns
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..results import Results

from ._base import (
    COVERAGE_COLORS,
    _cut,
    _event_filter,
    _new_axes,
    _table,
    plain_label,
    short_label,
)

__all__ = ["CitationGraphDisplay", "CoverageMatrixDisplay"]


# ----------------------------------------------------------------------------------------------
# claim coverage
# ----------------------------------------------------------------------------------------------
class CoverageMatrixDisplay:
    """Which outlets carried, omitted or alone reported each claim of an event.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Claims as index, outlets as columns, status (``carried``, ``carried_in_part``, ``omitted``,
        ``only_here``) as values.
    labels : mapping, optional
        Claim id -> short text shown on the axis.
    """

    def __init__(self, matrix: pd.DataFrame, *, labels: dict[str, str] | None = None) -> None:
        self.matrix = matrix
        self.labels = dict(labels or {})

    @classmethod
    def from_results(cls, results: Results, *, event: str | None = None, max_claims: int = 40) -> CoverageMatrixDisplay:
        """Coverage matrix of one event (``event`` may be omitted when there is one)."""
        coverage = _table(results, "coverage")
        claims = _table(results, "claims")
        return cls.from_frame(coverage, claims=claims, event=event, max_claims=max_claims)

    @classmethod
    def from_frame(
        cls,
        coverage: pd.DataFrame,
        *,
        claims: pd.DataFrame | None = None,
        event: str | None = None,
        max_claims: int = 40,
    ) -> CoverageMatrixDisplay:
        """Build from a coverage table ``event_id, claim_id, outlet, status``."""
        check_columns(coverage, ["event_id", "claim_id", "outlet", "status"], caller="CoverageMatrixDisplay.from_frame")
        events = sorted(set(coverage["event_id"].astype(str)))
        if event is None:
            if len(events) > 1:
                msg = f"CoverageMatrixDisplay: the table holds {len(events)} events; pass event= (one of {events[:5]!r}...)."
                raise InvalidInputError(msg)
            event = events[0] if events else None
        part = coverage[coverage["event_id"].astype(str) == str(event)]
        matrix = part.pivot_table(index="claim_id", columns="outlet", values="status", aggfunc="first")
        matrix = matrix.reindex(index=sorted(matrix.index), columns=sorted(matrix.columns)).fillna("omitted")
        # claims carried by most outlets first, then by id
        carried = (matrix != "omitted").sum(axis=1)
        order = sorted(matrix.index, key=lambda c: (-int(carried[c]), str(c)))
        matrix = matrix.loc[order[:max_claims]]
        labels: dict[str, str] = {}
        if claims is not None and not claims.empty and {"claim_id", "text"} <= set(claims.columns):
            sub = claims[claims["event_id"].astype(str) == str(event)] if "event_id" in claims.columns else claims
            for cid, text in sub.drop_duplicates("claim_id")[["claim_id", "text"]].itertuples(index=False):
                labels[str(cid)] = f"{cid}: {_cut(' '.join(str(text).split()), 48)}"
        return cls(matrix, labels=labels)

    def plot(self, *, ax: Any = None, colors: dict[str, str] | None = None) -> CoverageMatrixDisplay:
        """Draw the claims x outlets grid, coloured by status.

        Returns
        -------
        CoverageMatrixDisplay
        """
        from matplotlib.colors import ListedColormap
        from matplotlib.patches import Patch

        palette = {**COVERAGE_COLORS, **(colors or {})}
        states = list(palette)
        n_rows, n_cols = self.matrix.shape
        ax = _new_axes(ax, "CoverageMatrixDisplay.plot", figsize=(1.0 * n_cols + 5, 0.28 * n_rows + 1.8))
        codes = self.matrix.apply(lambda col: col.map({s: i for i, s in enumerate(states)})).to_numpy(dtype="float64")
        ax.imshow(np.ma.masked_invalid(codes), cmap=ListedColormap([palette[s] for s in states]), vmin=-0.5,
                  vmax=len(states) - 0.5, aspect="auto", interpolation="nearest")
        ax.set_xticks(range(n_cols))
        ax.set_xticklabels([short_label(c, 20) for c in self.matrix.columns], rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels([plain_label(self.labels.get(str(c), str(c))) for c in self.matrix.index], fontsize=7)
        ax.set_xticks(np.arange(-0.5, n_cols, 1), minor=True)
        ax.set_yticks(np.arange(-0.5, n_rows, 1), minor=True)
        ax.grid(which="minor", color="white", linewidth=1)
        ax.tick_params(which="minor", length=0)
        ax.legend(handles=[Patch(color=palette[s], label=s.replace("_", " ")) for s in states], fontsize=7,
                  loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_title("Claim coverage", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self


# ----------------------------------------------------------------------------------------------
# citation graph
# ----------------------------------------------------------------------------------------------
class CitationGraphDisplay:
    """Who cites whom: outlets on a circle, an arrow from the citing to the cited outlet.

    Parameters
    ----------
    edges : pandas.DataFrame
        ``outlet, cited_outlet, count``.
    """

    def __init__(self, edges: pd.DataFrame) -> None:
        check_columns(edges, ["outlet", "cited_outlet", "count"], caller="CitationGraphDisplay")
        self.edges = edges

    @classmethod
    def from_results(
        cls, results: Results, *, event: str | None = None, relation: str | None = "source"
    ) -> CitationGraphDisplay:
        """Count ``results.citations`` by citing and cited outlet (``relation`` filters, None keeps all)."""
        return cls.from_frame(_event_filter(_table(results, "citations"), results, event), relation=relation)

    @classmethod
    def from_frame(cls, citations: pd.DataFrame, *, relation: str | None = "source") -> CitationGraphDisplay:
        """Build from a citations table with ``outlet`` and ``cited_outlet`` columns."""
        import pandas as pd

        check_columns(citations, ["outlet", "cited_outlet"], caller="CitationGraphDisplay.from_frame")
        part = citations
        if relation is not None and "relation" in part.columns:
            part = part[part["relation"] == relation]
        part = part.dropna(subset=["cited_outlet"])
        if part.empty:
            return cls(pd.DataFrame({"outlet": [], "cited_outlet": [], "count": []}))
        edges = part.groupby(["outlet", "cited_outlet"]).size().rename("count").reset_index()
        return cls(edges.sort_values(["outlet", "cited_outlet"]).reset_index(drop=True))

    def plot(self, *, ax: Any = None, color: str = "#1f77b4") -> CitationGraphDisplay:
        """Draw the graph: node size by times cited, arrow width by number of citations.

        Returns
        -------
        CitationGraphDisplay
        """
        nodes = sorted(set(self.edges["outlet"].astype(str)) | set(self.edges["cited_outlet"].astype(str)))
        ax = _new_axes(ax, "CitationGraphDisplay.plot", figsize=(7, 6))
        n = len(nodes)
        angle = {name: math.pi / 2 - 2 * math.pi * i / max(n, 1) for i, name in enumerate(nodes)}
        pos = {name: (math.cos(a), math.sin(a)) for name, a in angle.items()}
        cited = self.edges.groupby("cited_outlet")["count"].sum().to_dict()
        top = max([1, *cited.values()])
        for row in self.edges.itertuples(index=False):
            src, dst = pos[str(row.outlet)], pos[str(row.cited_outlet)]
            if src == dst:
                ax.annotate("", xy=(src[0] * 1.12, src[1] * 1.12 + 0.02), xytext=(src[0] * 1.12, src[1] * 1.12 - 0.02),
                            arrowprops={"arrowstyle": "-|>", "connectionstyle": "arc3,rad=2.5", "color": color})
                continue
            ax.annotate(
                "",
                xy=dst,
                xytext=src,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": color,
                    "alpha": 0.7,
                    "linewidth": 0.8 + 1.5 * math.log1p(row.count),
                    "shrinkA": 10,
                    "shrinkB": 12,
                    "connectionstyle": "arc3,rad=0.08",
                },
            )
        for name, (x, y) in pos.items():
            size = 60 + 240 * cited.get(name, 0) / top
            ax.scatter([x], [y], s=size, color="#ffffff", edgecolors="#333333", zorder=3)
            ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
            ax.text(x * 1.1, y * 1.12, short_label(name, 26), ha=ha, va="center", fontsize=7)
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title("Citations (arrow: citing → cited)", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self

