"""Distinctive vocabulary (private): frequency against Fightin' Words z-score, scattertext style."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_columns, check_int
from ..exceptions import InvalidInputError
from ._base import PALETTE, _new_axes

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["VocabularyDisplay"]


def _label_offsets(ax: Any, xs: Any, ys: Any, words: list[str], *, size: float = 7.0) -> list[float]:
    """Vertical offsets (points) that keep word labels from overprinting: each label, in turn,
    takes the nearest free slot above or below its point (greedy, in display coordinates)."""
    to_points = 72.0 / ax.figure.dpi
    height = size * 1.25
    placed: list[tuple[float, float, float, float]] = []
    offsets = []
    for x, y, word in zip(xs, ys, words, strict=True):
        px, py = (v * to_points for v in ax.transData.transform((float(x), float(y))))
        width = 0.6 * size * len(word) + 4
        for k in range(40):
            dy = (k + 1) // 2 * height * (1 if k % 2 else -1) if k else 0.0
            box = (px + 4, px + 4 + width, py + dy - height / 2, py + dy + height / 2)
            if not any(box[0] < b[1] and b[0] < box[1] and box[2] < b[3] and b[2] < box[3] for b in placed):
                break
        placed.append(box)
        offsets.append(dy)
    return offsets


class VocabularyDisplay:
    """Words that tell two sides apart: frequency (x, log scale) against z-score (y).

    Each word is a point; words with ``|z|`` above ``threshold`` are coloured by the side they
    favour and the ``top`` words of each side are written beside their point, as in the plots of
    scattertext (Kessler 2017) and of Monroe, Colaresi & Quinn (2008, fig. 3).

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`compare.scores.wordchoice.distinctive_words` for one scope (``word,
        count_a, count_b, z``, and ``group_a``, ``group_b``).
    threshold : float
        ``|z|`` above which a word counts as distinctive (1.96: the 95 % mark).
    """

    def __init__(self, table: pd.DataFrame, *, threshold: float = 1.96) -> None:
        self.table = table
        self.threshold = threshold

    @classmethod
    def from_frame(cls, vocabulary: pd.DataFrame, *, scope: str = "all", threshold: float = 1.96) -> VocabularyDisplay:
        """Take the rows of one scope (a story, or ``"all"`` for the pooled comparison).

        Raises
        ------
        compare.exceptions.SchemaError
            If a column of :func:`~compare.scores.wordchoice.distinctive_words` is missing.
        compare.exceptions.InvalidInputError
            If the table has no row for ``scope``.
        """
        check_columns(vocabulary, ["scope", "word", "count_a", "count_b", "z", "group_a", "group_b"],
                      caller="VocabularyDisplay.from_frame")
        part = vocabulary[vocabulary["scope"].astype(str) == str(scope)]
        if part.empty:
            scopes = sorted(map(str, vocabulary["scope"].unique()))
            msg = f"The 'scope' parameter of VocabularyDisplay.from_frame must be one of {scopes!r}. Got {scope!r} instead."
            raise InvalidInputError(msg)
        return cls(part.reset_index(drop=True), threshold=threshold)

    def plot(self, *, ax: Any = None, top: int = 10, colors: tuple[str, str] | None = None) -> VocabularyDisplay:
        """Draw the scatter plot.

        Parameters
        ----------
        ax : matplotlib Axes, optional
        top : int
            Words labelled on each side (highest ``|z|`` first).
        colors : (str, str), optional
            Colours of side A and side B (grey for words below the threshold).

        Returns
        -------
        VocabularyDisplay
        """
        top = check_int(top, name="top", caller="VocabularyDisplay.plot", low=0)
        ax = _new_axes(ax, "VocabularyDisplay.plot", figsize=(8, 6))
        color_a, color_b = colors or (PALETTE[0], PALETTE[3])
        t = self.table
        freq = (t["count_a"] + t["count_b"]).to_numpy(dtype="float64")
        z = t["z"].to_numpy(dtype="float64")
        side = np.where(z > self.threshold, 1, np.where(z < -self.threshold, -1, 0))
        name_a = str(t["group_a"].iloc[0]) if len(t) else "A"
        name_b = str(t["group_b"].iloc[0]) if len(t) else "B"
        for value, color, label in ((0, "#bbbbbb", f"|z| ≤ {self.threshold:g}"), (1, color_a, name_a), (-1, color_b, name_b)):
            sel = side == value
            ax.scatter(freq[sel], z[sel], s=10, color=color, alpha=0.7, linewidths=0, label=label)
        if len(t):
            ax.set_xscale("log")
        ax.axhline(self.threshold, color="#888888", lw=0.6, ls="--")
        ax.axhline(-self.threshold, color="#888888", lw=0.6, ls="--")
        ax.axhline(0, color="#444444", lw=0.6)
        order = np.argsort(-z, kind="mergesort")
        picked = [i for i in order[:top] if side[i] == 1] + [i for i in order[::-1][:top] if side[i] == -1]
        ax.autoscale_view()
        for i, dy in zip(picked, _label_offsets(ax, freq[picked], z[picked], [str(t["word"].iloc[i]) for i in picked]), strict=True):
            ax.annotate(str(t["word"].iloc[i]), (freq[i], z[i]), xytext=(4, dy), textcoords="offset points",
                        fontsize=7, va="center", color=color_a if side[i] > 0 else color_b,
                        arrowprops={"arrowstyle": "-", "color": "#999999", "lw": 0.4} if dy else None)
        ax.set_xlabel("frequency in both sides (log scale)", fontsize=8)
        ax.set_ylabel(f"z-score (log-odds, Dirichlet prior): + {name_a}, − {name_b}", fontsize=8)
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        scope = str(t["scope"].iloc[0]) if len(t) and "scope" in t.columns else ""
        ax.set_title(f"Distinctive words{': ' + scope if scope and scope != 'all' else ''}", fontsize=10)
        self.ax_ = ax
        self.figure_ = ax.figure
        return self
