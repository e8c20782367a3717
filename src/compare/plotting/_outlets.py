"""Outlet profiles (private): means with intervals per outlet, and frame profiles."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_columns
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..results import Results

from ._base import (
    PALETTE,
    _event_filter,
    _new_axes,
    _pyplot,
    _table,
    plain_label,
    short_label,
)

__all__ = ["FrameProfileDisplay", "OutletProfileDisplay", "frame_columns", "headline_metrics"]


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
        from ..stats import outlet_means

        means = outlet_means(df, metrics=metrics, by=by, n_boot=n_boot, seed=seed)
        return cls(means.rename(columns={by: "outlet"}))

    @classmethod
    def from_results(
        cls,
        results: Results,
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
            panel.set_yticklabels([short_label(o) for o in outlets], fontsize=8)
            panel.set_ylim(len(outlets) - 0.5, -0.5)
            panel.set_title(plain_label(metric), fontsize=9)
            panel.tick_params(axis="x", labelsize=8)
            panel.grid(axis="x", alpha=0.3)
        for extra in axes[len(metrics):]:
            extra.set_visible(False)
        self.ax_ = axes[: len(metrics)]
        self.figure_ = axes[0].figure
        return self


def headline_metrics(articles: pd.DataFrame) -> list[str]:
    """Headline metrics present in an article table (see :func:`compare.scores.headline_metrics`)."""
    from .. import scores

    return scores.headline_metrics(articles)


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
    def from_results(cls, results: Results, *, event: str | None = None) -> FrameProfileDisplay:
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
        from .._validation import check_choice

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
            ax.set_yticklabels([short_label(o) for o in outlets], fontsize=7)
            ax.figure.colorbar(image, ax=ax, shrink=0.6, label="mean frame score")
        else:
            ax = _new_axes(ax, "FrameProfileDisplay.plot", figsize=(7, 0.3 * len(frames) * max(1, len(outlets)) / 2 + 2))
            palette = list(colors or PALETTE)
            height = 0.8 / max(1, len(outlets))
            for i, outlet in enumerate(outlets):
                values = self.means.loc[outlet].to_numpy(dtype="float64")
                ypos = np.arange(len(frames)) - 0.4 + height * (i + 0.5)
                ax.barh(ypos, np.nan_to_num(values), height=height, color=palette[i % len(palette)], label=short_label(outlet))
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
        from ..scores import SCORERS

        registered = [c for c in cols if c in SCORERS and SCORERS[c].family == "framing" and SCORERS[c].level == "article"]
    except Exception:  # noqa: BLE001  # pragma: no cover
        registered = []
    if registered:
        return registered
    return [c for c in cols if c.startswith("frame_") and not c.endswith("_cues")]


