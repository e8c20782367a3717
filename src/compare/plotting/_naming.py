"""Naming (private): how each outlet names one referent, shares with intervals."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_columns, check_int
from ..exceptions import InvalidInputError
from ._base import PALETTE, _new_axes, short_label

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["NamingDisplay"]


class NamingDisplay:
    """Shares of the forms each side uses for one referent, with their intervals (a dot plot).

    One row per side (outlet or group), one colour per form; the dot is the share of the side's
    uses, the bar its interval, the number at the right the side's uses in all.

    Parameters
    ----------
    shares : pandas.DataFrame
        Sides as index, forms as columns, shares in [0, 1] (NaN: the side does not name the
        referent).
    low, high : pandas.DataFrame
        Same shape: the ends of the intervals.
    totals : pandas.Series
        Uses per side.
    referent, dimension : str
        What is shown (for the title).
    """

    def __init__(
        self,
        shares: pd.DataFrame,
        *,
        low: pd.DataFrame,
        high: pd.DataFrame,
        totals: pd.Series,
        referent: str = "",
        dimension: str = "",
    ) -> None:
        self.shares = shares
        self.low = low
        self.high = high
        self.totals = totals
        self.referent = referent
        self.dimension = dimension

    @classmethod
    def from_frame(
        cls,
        naming: pd.DataFrame,
        *,
        referent: str,
        dimension: str = "name",
        top: int = 6,
        max_groups: int | None = None,
    ) -> NamingDisplay:
        """Take one referent and dimension of a :func:`~compare.scores.wordchoice.naming_table`.

        Parameters
        ----------
        naming : pandas.DataFrame
        referent : str
        dimension : {"name", "spelling", "descriptor", "term"}
        top : int
            Forms kept (most used overall first).
        max_groups : int, optional
            Sides kept (most uses first); all by default.

        Raises
        ------
        compare.exceptions.SchemaError
            If a column of the naming table is missing.
        compare.exceptions.InvalidInputError
            If the table has no row for ``referent`` and ``dimension``.
        """
        caller = "NamingDisplay.from_frame"
        check_columns(naming, ["referent", "dimension", "group", "form", "count", "total", "share", "ci_low", "ci_high"], caller=caller)
        top = check_int(top, name="top", caller=caller, low=1)
        part = naming[(naming["referent"] == referent) & (naming["dimension"] == dimension)]
        if part.empty:
            known = sorted(naming.loc[naming["dimension"] == dimension, "referent"].astype(str).unique())[:20]
            msg = (
                f"{caller}: no {dimension!r} rows for referent {referent!r}. "
                f"Referents with such rows include {known!r}."
            )
            raise InvalidInputError(msg)
        forms = part.groupby("form")["count"].sum().reset_index().sort_values(["count", "form"], ascending=[False, True])
        keep = forms["form"].head(top).tolist()
        totals = part.groupby("group")["total"].max()
        if max_groups is not None:
            totals = totals.reset_index().sort_values(["total", "group"], ascending=[False, True]).head(max_groups)
            totals = totals.set_index("group")["total"]
        groups = sorted(totals.index, key=str)
        part = part[part["form"].isin(keep) & part["group"].isin(groups)]

        def pivot(column: str) -> pd.DataFrame:
            table = part.pivot_table(index="group", columns="form", values=column, aggfunc="first")
            return table.reindex(index=groups, columns=keep)

        return cls(
            pivot("share"),
            low=pivot("ci_low"),
            high=pivot("ci_high"),
            totals=totals.reindex(groups),
            referent=referent,
            dimension=dimension,
        )

    def plot(self, *, ax: Any = None, colors: list[str] | None = None) -> NamingDisplay:
        """Draw the dot plot.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        colors : list of str, optional
            One colour per form.

        Returns
        -------
        NamingDisplay
        """
        n_groups, n_forms = self.shares.shape
        ax = _new_axes(ax, "NamingDisplay.plot", figsize=(7.5, 0.45 * n_groups + 1.8))
        palette = list(colors or PALETTE)
        offsets = np.linspace(-0.3, 0.3, n_forms) if n_forms > 1 else np.zeros(1)
        shares = self.shares.to_numpy(dtype="float64")
        low = self.low.to_numpy(dtype="float64")
        high = self.high.to_numpy(dtype="float64")
        y = np.arange(n_groups)
        for j, form in enumerate(self.shares.columns):
            color = palette[j % len(palette)]
            ok = np.isfinite(shares[:, j])
            err = np.vstack([shares[ok, j] - low[ok, j], high[ok, j] - shares[ok, j]])
            ax.errorbar(shares[ok, j], y[ok] + offsets[j], xerr=np.clip(err, 0, None), fmt="o", ms=4, color=color,
                        ecolor=color, elinewidth=1, capsize=2, label=short_label(form, 30))
        ax.set_yticks(y)
        ax.set_yticklabels([short_label(g, 26) for g in self.shares.index], fontsize=8)
        for i, total in enumerate(self.totals.to_numpy()):
            ax.text(1.02, i, f"n={int(total)}", fontsize=7, va="center", transform=ax.get_yaxis_transform())
        ax.set_ylim(n_groups - 0.5, -0.5)
        ax.set_xlim(0, 1)
        ax.set_xlabel("share of the side's uses (dot) and interval (bar)", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.08, 1.0), frameon=False)
        ax.set_title(f"{short_label(self.referent, 40)}: {self.dimension}", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self
