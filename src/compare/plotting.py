"""Figures with matplotlib, in the scikit-learn "Display" pattern.

Each display first computes a small table (its constructor takes that table), then draws it:

>>> disp = OutletProfileDisplay.from_results(results)        # doctest: +SKIP
>>> disp.plot()                                              # doctest: +SKIP
>>> disp.figure_.savefig("profile.svg")                      # doctest: +SKIP

``plot(*, ax=None)`` draws onto the given Axes (or a new figure), sets ``ax_`` and ``figure_`` and
returns the display. matplotlib is imported inside ``plot`` only, no global style is changed and
``plt.show()`` is never called. :func:`to_svg` turns a figure into an inline SVG string for the
reports (deterministic, with ids unique per figure).

Displays:

- :class:`OutletProfileDisplay`: mean of each metric per outlet with bootstrap intervals;
- :class:`ActorSentimentDisplay`: sentiment toward each actor, actors x outlets;
- :class:`SourceTypeDisplay`: attributed sources by type, per outlet;
- :class:`FrameProfileDisplay`: mean frame scores per outlet;
- :class:`CoverageMatrixDisplay`: which outlet carried, omitted or alone reported each claim;
- :class:`CitationGraphDisplay`: which outlet cites which (outlets on a circle, arrows).
"""

from __future__ import annotations

import hashlib
import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from ._optional import require
from ._sanitize import clean_text
from ._validation import check_columns
from .exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "PALETTE",
    "ActorSentimentDisplay",
    "CitationGraphDisplay",
    "CoverageMatrixDisplay",
    "FrameProfileDisplay",
    "OutletProfileDisplay",
    "SourceTypeDisplay",
    "to_svg",
]

#: Colours used for outlets and categories, in order (matplotlib's "tab10").
PALETTE: tuple[str, ...] = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)

#: Colours of the claim coverage states.
COVERAGE_COLORS: dict[str, str] = {
    "carried": "#4c9a2a",
    "only_here": "#e5a50a",
    "omitted": "#e6e6e6",
}

_SENTIMENT_COLUMNS = ("target_sentiment", "sentiment_mean", "sentence_compound", "compound_sentiment")


def _pyplot(caller: str) -> Any:
    return require("matplotlib.pyplot", extra="plot", caller=caller)


def _new_axes(ax: Any, caller: str, *, figsize: tuple[float, float]) -> Any:
    if ax is not None:
        return ax
    plt = _pyplot(caller)
    _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _plain(label: Any) -> str:
    """``label`` as literal text: a ``$`` is escaped, so that no name reaches the mathtext parser
    (``Money $\\frac{1}{$ News`` would otherwise fail to draw, and ``$5 ... $6`` would turn into
    math), and control characters are replaced (they have no glyph, and reach the report's SVG)."""
    return clean_text(str(label), newlines=False).replace("$", r"\$")


def _cut(label: Any, width: int) -> str:
    text = str(label)
    return text if len(text) <= width else text[: width - 1] + "…"


def _shorten(label: Any, width: int = 28) -> str:
    """``label`` cut to ``width`` characters, as literal text for matplotlib."""
    return _plain(_cut(label, width))


def _table(results: Any, name: str) -> pd.DataFrame:
    import pandas as pd

    df = getattr(results, name, None)
    return df if isinstance(df, pd.DataFrame) else pd.DataFrame()


def _event_filter(df: pd.DataFrame, results: Any, event: str | None) -> pd.DataFrame:
    """Rows of ``df`` that belong to ``event`` (via ``event_id`` or the article ids)."""
    if event is None or df.empty:
        return df
    if "event_id" in df.columns:
        return df[df["event_id"].astype(str) == str(event)]
    articles = _table(results, "articles")
    if "article_id" in df.columns and not articles.empty:
        ids = set(articles.loc[articles["event_id"].astype(str) == str(event), "article_id"])
        return df[df["article_id"].isin(ids)]
    return df


# ----------------------------------------------------------------------------------------------
# SVG export
# ----------------------------------------------------------------------------------------------
_ID_RE = re.compile(r'\bid="([^"]+)"')


def to_svg(fig: Any, *, id_prefix: str | None = None) -> str:
    """Render a matplotlib figure as an SVG string for inlining in HTML.

    The output is deterministic (``svg.hashsalt`` is fixed and the date metadata dropped), has no
    XML prolog or DOCTYPE, keeps text as (escaped, searchable) ``<text>`` elements, and prefixes
    every ``id`` (and every reference to it) so that several figures can share one HTML page.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    id_prefix : str, optional
        Prefix of the element ids; by default derived from a hash of the SVG itself.

    Returns
    -------
    str
        An ``<svg>`` element.
    """
    mpl = require("matplotlib", extra="plot", caller="to_svg")
    buf = io.StringIO()
    with mpl.rc_context({"svg.hashsalt": "media-compare", "svg.fonttype": "none", "svg.image_inline": True}):
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    start = svg.find("<svg")
    svg = svg[start:] if start >= 0 else svg
    if id_prefix is None:
        id_prefix = "f" + hashlib.sha1(svg.encode("utf-8")).hexdigest()[:8] + "-"
    ids = set(_ID_RE.findall(svg))
    if ids:
        pattern = re.compile(r'(id="|href="#|url\(#)(' + "|".join(re.escape(i) for i in sorted(ids, key=len, reverse=True)) + r')(?=[")])')
        svg = pattern.sub(lambda m: m.group(1) + id_prefix + m.group(2), svg)
    return svg.strip() + "\n"


# ----------------------------------------------------------------------------------------------
# outlet profile
# ----------------------------------------------------------------------------------------------
class OutletProfileDisplay:
    """Mean of each metric per outlet, with bootstrap confidence intervals (one panel per metric).

    Parameters
    ----------
    means : pandas.DataFrame
        The output of :func:`compare.stats.outlet_means`: ``outlet, metric, n, mean, ci_low,
        ci_high``.

    Attributes
    ----------
    ax_ : numpy.ndarray of matplotlib Axes
        One Axes per metric, after :meth:`plot`.
    figure_ : matplotlib.figure.Figure
    """

    def __init__(self, means: pd.DataFrame) -> None:
        check_columns(means, ["outlet", "metric", "mean", "ci_low", "ci_high"], caller="OutletProfileDisplay")
        self.means = means

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        metrics: Sequence[str] | None = None,
        by: str = "outlet",
        n_boot: int = 2000,
        seed: int = 0,
    ) -> OutletProfileDisplay:
        """Compute the means from an article table (wide or long) and return the display."""
        from .stats import outlet_means

        means = outlet_means(df, metrics=metrics, by=by, n_boot=n_boot, seed=seed)
        return cls(means.rename(columns={by: "outlet"}))

    @classmethod
    def from_results(
        cls,
        results: Any,
        *,
        metrics: Sequence[str] | None = None,
        event: str | None = None,
        n_boot: int = 2000,
        seed: int = 0,
    ) -> OutletProfileDisplay:
        """Profile of ``results.articles`` (one event, or all) over ``metrics`` (default: headline metrics)."""
        articles = _event_filter(_table(results, "articles"), results, event)
        if metrics is None:
            metrics = headline_metrics(articles)
        return cls.from_frame(articles, metrics=metrics, n_boot=n_boot, seed=seed)

    def plot(self, *, ax: Any = None, ncols: int = 3, colors: Sequence[str] | None = None) -> OutletProfileDisplay:
        """Draw one panel per metric: a dot per outlet with its interval.

        Parameters
        ----------
        ax : Axes or array of Axes, optional
            At least as many Axes as metrics; by default a new figure with ``ncols`` columns.
        ncols : int
            Columns of the new figure's grid.
        colors : sequence of str, optional
            One colour per outlet (cycled); defaults to :data:`PALETTE`.

        Returns
        -------
        OutletProfileDisplay
        """
        metrics = list(dict.fromkeys(self.means["metric"].tolist()))
        outlets = sorted(set(self.means["outlet"].astype(str)))
        if not metrics:
            msg = "OutletProfileDisplay.plot: there is no metric to draw."
            raise InvalidInputError(msg)
        if ax is None:
            plt = _pyplot("OutletProfileDisplay.plot")
            cols = min(ncols, len(metrics))
            rows = math.ceil(len(metrics) / cols)
            _, ax = plt.subplots(
                rows, cols, figsize=(3.2 * cols, 0.35 * len(outlets) * rows + 1.2 * rows), layout="constrained",
                squeeze=False,
            )
        axes = np.atleast_1d(np.asarray(ax, dtype=object)).ravel()
        if len(axes) < len(metrics):
            msg = f"OutletProfileDisplay.plot needs {len(metrics)} Axes (one per metric); got {len(axes)}."
            raise InvalidInputError(msg)
        palette = list(colors or PALETTE)
        ypos = {o: i for i, o in enumerate(outlets)}
        for panel, metric in zip(axes, metrics, strict=False):
            part = self.means[self.means["metric"] == metric]
            y = np.array([ypos[str(o)] for o in part["outlet"]], dtype=float)
            color = [palette[int(i) % len(palette)] for i in y]
            lo, hi = part["ci_low"].to_numpy(dtype="float64"), part["ci_high"].to_numpy(dtype="float64")
            ok = np.isfinite(lo) & np.isfinite(hi)
            if ok.any():
                panel.hlines(y[ok], lo[ok], hi[ok], colors=[c for c, k in zip(color, ok, strict=True) if k],
                             linewidth=2, alpha=0.6)
            panel.scatter(part["mean"].to_numpy(dtype="float64"), y, c=color, s=25, zorder=3)
            panel.set_yticks(range(len(outlets)))
            panel.set_yticklabels([_shorten(o) for o in outlets], fontsize=8)
            panel.set_ylim(len(outlets) - 0.5, -0.5)
            panel.set_title(metric, fontsize=9)
            panel.tick_params(axis="x", labelsize=8)
            panel.grid(axis="x", alpha=0.3)
        for extra in axes[len(metrics):]:
            extra.set_visible(False)
        self.ax_ = axes[: len(metrics)]
        self.figure_ = axes[0].figure
        return self


def headline_metrics(articles: pd.DataFrame) -> list[str]:
    """Headline metrics (``Metric.headline``) present in an article table, in registry order."""
    from .scores import ordered_metrics
    from .stats import metric_columns

    present = metric_columns(articles, exclude=("n_words", "n_sentences"))
    chosen = [m for m, spec in ordered_metrics().items() if spec.headline and spec.level == "article" and m in present]
    return chosen or present[:6]


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
        cls, results: Any, *, event: str | None = None, column: str | None = None, top: int = 12
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
            column = next((c for c in _SENTIMENT_COLUMNS if c in actors.columns), None)
            if column is None:
                msg = (
                    "ActorSentimentDisplay.from_frame: the actors table has no sentiment column "
                    f"(one of {list(_SENTIMENT_COLUMNS)!r}). Available: {list(actors.columns)!r}."
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
        ax.set_xticklabels([_shorten(c, 20) for c in self.table.columns], rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels([_shorten(a, 30) for a in self.table.index], fontsize=8)
        if annotate:
            for i in range(n_rows):
                for j in range(n_cols):
                    if np.isfinite(values[i, j]):
                        color = "white" if abs(values[i, j]) > 0.6 else "black"
                        ax.text(j, i, f"{values[i, j]:+.2f}", ha="center", va="center", fontsize=7, color=color)
        ax.figure.colorbar(image, ax=ax, shrink=0.8, label=self.column)
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
    def from_results(cls, results: Any, *, event: str | None = None) -> SourceTypeDisplay:
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
        palette = list(colors or PALETTE)
        totals = self.counts.sum(axis=1).to_numpy(dtype="float64")
        with np.errstate(invalid="ignore", divide="ignore"):
            shares = self.counts.to_numpy(dtype="float64") / np.where(totals > 0, totals, np.nan)[:, None]
        left = np.zeros(n)
        for j, kind in enumerate(self.counts.columns):
            width = np.nan_to_num(shares[:, j])
            ax.barh(range(n), width, left=left, color=palette[j % len(palette)], label=_plain(kind))
            left += width
        ax.set_yticks(range(n))
        ax.set_yticklabels([f"{_shorten(o)} (n={int(t)})" for o, t in zip(self.counts.index, totals, strict=True)], fontsize=8)
        ax.set_ylim(n - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of attributions", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_title("Sources by type", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self


# ----------------------------------------------------------------------------------------------
# frame profile
# ----------------------------------------------------------------------------------------------
class FrameProfileDisplay:
    """Mean frame scores per outlet (grouped bars).

    Parameters
    ----------
    means : pandas.DataFrame
        Outlets as index, frames as columns, mean scores as values.
    """

    def __init__(self, means: pd.DataFrame) -> None:
        self.means = means

    @classmethod
    def from_results(cls, results: Any, *, event: str | None = None) -> FrameProfileDisplay:
        """Average the ``frame_*`` article metrics of ``results.articles`` per outlet."""
        return cls.from_frame(_event_filter(_table(results, "articles"), results, event))

    @classmethod
    def from_frame(cls, articles: pd.DataFrame, *, frames: Sequence[str] | None = None) -> FrameProfileDisplay:
        """Build from an article table; ``frames`` defaults to its ``frame_*`` columns."""
        check_columns(articles, ["outlet"], caller="FrameProfileDisplay.from_frame")
        if frames is None:
            frames = frame_columns(articles)
        if not frames:
            msg = "FrameProfileDisplay.from_frame: the table has no frame columns (frame_*)."
            raise InvalidInputError(msg)
        check_columns(articles, list(frames), caller="FrameProfileDisplay.from_frame")
        means = articles.groupby("outlet")[list(frames)].mean()
        return cls(means.reindex(sorted(means.index)))

    def plot(
        self, *, ax: Any = None, kind: str = "auto", colors: Sequence[str] | None = None, cmap: str = "Oranges"
    ) -> FrameProfileDisplay:
        """Draw grouped bars (one group per frame, one bar per outlet) or a heat map.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        kind : {"auto", "bars", "heatmap"}
            ``"auto"`` draws bars for up to 8 outlets and a heat map (outlets x frames) beyond.
        colors : sequence of str, optional
            Bar colours, one per outlet (cycled).
        cmap : str
            Colormap of the heat map.

        Returns
        -------
        FrameProfileDisplay
        """
        from ._validation import check_choice

        check_choice(kind, ("auto", "bars", "heatmap"), name="kind", caller="FrameProfileDisplay.plot")
        outlets, frames = list(self.means.index), list(self.means.columns)
        labels = [f.removeprefix("frame_").replace("_", " ") for f in frames]
        if kind == "heatmap" or (kind == "auto" and len(outlets) > 8):
            ax = _new_axes(ax, "FrameProfileDisplay.plot", figsize=(0.9 * len(frames) + 3.5, 0.3 * len(outlets) + 1.5))
            values = self.means.to_numpy(dtype="float64")
            image = ax.imshow(np.ma.masked_invalid(values), cmap=cmap, vmin=0, aspect="auto", interpolation="nearest")
            ax.set_xticks(range(len(frames)))
            ax.set_xticklabels(labels, rotation=30, ha="right", fontsize=8)
            ax.set_yticks(range(len(outlets)))
            ax.set_yticklabels([_shorten(o) for o in outlets], fontsize=7)
            ax.figure.colorbar(image, ax=ax, shrink=0.6, label="mean frame score")
        else:
            ax = _new_axes(ax, "FrameProfileDisplay.plot", figsize=(7, 0.3 * len(frames) * max(1, len(outlets)) / 2 + 2))
            palette = list(colors or PALETTE)
            height = 0.8 / max(1, len(outlets))
            for i, outlet in enumerate(outlets):
                values = self.means.loc[outlet].to_numpy(dtype="float64")
                ypos = np.arange(len(frames)) - 0.4 + height * (i + 0.5)
                ax.barh(ypos, np.nan_to_num(values), height=height, color=palette[i % len(palette)], label=_shorten(outlet))
            ax.set_yticks(range(len(frames)))
            ax.set_yticklabels(labels, fontsize=8)
            ax.set_ylim(len(frames) - 0.5, -0.5)
            ax.set_xlabel("mean frame score", fontsize=8)
            ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
            ax.grid(axis="x", alpha=0.3)
        ax.set_title("Frame profile", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self


def frame_columns(articles: pd.DataFrame) -> list[str]:
    """The article-level frame metrics of a table (registry family ``framing``, else ``frame_*``)."""
    cols = [str(c) for c in articles.columns]
    try:
        from .scores import SCORERS

        registered = [c for c in cols if c in SCORERS and SCORERS[c].family == "framing" and SCORERS[c].level == "article"]
    except Exception:  # noqa: BLE001  # pragma: no cover
        registered = []
    if registered:
        return registered
    return [c for c in cols if c.startswith("frame_") and not c.endswith("_cues")]


# ----------------------------------------------------------------------------------------------
# claim coverage
# ----------------------------------------------------------------------------------------------
class CoverageMatrixDisplay:
    """Which outlets carried, omitted or alone reported each claim of an event.

    Parameters
    ----------
    matrix : pandas.DataFrame
        Claims as index, outlets as columns, status (``carried``, ``omitted``, ``only_here``) as
        values.
    labels : mapping, optional
        Claim id -> short text shown on the axis.
    """

    def __init__(self, matrix: pd.DataFrame, *, labels: dict[str, str] | None = None) -> None:
        self.matrix = matrix
        self.labels = dict(labels or {})

    @classmethod
    def from_results(cls, results: Any, *, event: str | None = None, max_claims: int = 40) -> CoverageMatrixDisplay:
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
        ax.set_xticklabels([_shorten(c, 20) for c in self.matrix.columns], rotation=30, ha="right", fontsize=8)
        ax.set_yticks(range(n_rows))
        ax.set_yticklabels([_plain(self.labels.get(str(c), str(c))) for c in self.matrix.index], fontsize=7)
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
        cls, results: Any, *, event: str | None = None, relation: str | None = "source"
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
            ax.text(x * 1.1, y * 1.12, _shorten(name, 26), ha=ha, va="center", fontsize=7)
        ax.set_xlim(-1.6, 1.6)
        ax.set_ylim(-1.4, 1.4)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title("Citations (arrow: citing → cited)", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self
