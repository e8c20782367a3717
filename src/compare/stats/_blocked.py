"""Story-blocked comparisons of outlets and groups of outlets (private; see :mod:`compare.stats`).

Coverage data are not a sample of independent articles: an outlet writes several articles on one
story, outlets cover different sets of stories, and stories differ far more from one another than
outlets do. The functions here therefore work on *cells*, one per story and outlet (the mean of
that outlet's articles on that story), and let every comparison rest on the stories themselves:

- :func:`compare_groups` compares two outlets, or two groups of outlets, story by story. With
  ``unit="story"`` each shared story gives one paired difference, tested with an exact (or
  Monte-Carlo) sign-flip permutation test; with ``unit="outlet"`` each outlet's story-adjusted
  mean is one observation, and the group labels are permuted among the outlets.
- :func:`group_profiles` gives each outlet's (or group's) story-adjusted mean with an interval,
  from the additive model ``cell = story + group`` (least-squares means), for forest plots.

The reasoning, and the error rates measured by simulation, are in ``docs/statistics.md``.
"""

from __future__ import annotations

import functools
import math
import warnings
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_choice
from ..exceptions import CompareWarning, InvalidInputError
from ._basic import CORRECTIONS, _long_form, _pair_list, _sign_matrix, _sort, _split_matrix, adjust_pvalues

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "GROUP_COLUMNS",
    "PROFILE_COLUMNS",
    "STATUS_ESTIMATED",
    "STATUS_NOT_CONNECTED",
    "STATUS_TESTED",
    "STATUS_TOO_LITTLE",
    "UNITS",
    "compare_groups",
    "group_profiles",
    "min_attainable_p",
]

#: Units of analysis understood by :func:`compare_groups`.
UNITS: tuple[str, ...] = ("story", "outlet")
#: ``status`` of a comparison that was tested.
STATUS_TESTED = "tested"
#: ``status`` of a comparison (or profile) whose coverage cannot give a test (or an interval).
STATUS_TOO_LITTLE = "too little shared coverage"
#: ``status`` of a profile with a story-adjusted mean and interval.
STATUS_ESTIMATED = "estimated"
#: ``status`` of a profile whose outlet or group shares no story, directly or through others,
#: with the rest of the table, so that no story-adjusted mean exists.
STATUS_NOT_CONNECTED = "no story shared with the others"

#: Columns of :func:`compare_groups`, in order.
GROUP_COLUMNS: tuple[str, ...] = (
    "metric", "group_a", "group_b", "unit", "status", "n_stories", "n_outlets_a", "n_outlets_b",
    "n_articles_a", "n_articles_b", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "sd_within",
    "std_diff", "std_ci_low", "std_ci_high", "min_p", "p_value", "p_adjusted",
)
#: Columns of :func:`group_profiles`, in order.
PROFILE_COLUMNS: tuple[str, ...] = (
    "metric", "group", "status", "n_stories", "n_outlets", "n_articles", "mean", "adjusted_mean", "se",
    "ci_low", "ci_high",
)

_INT_COLUMNS = ("n_stories", "n_outlets_a", "n_outlets_b", "n_articles_a", "n_articles_b", "n_outlets", "n_articles")


# ----------------------------------------------------------------------------------------------
# design minimum
# ----------------------------------------------------------------------------------------------
def min_attainable_p(n_a: int, n_b: int | None = None, *, unit: str = "story") -> float:
    """Return the smallest two-sided p-value a design can give, whatever the data.

    Parameters
    ----------
    n_a : int
        ``unit="story"``: the number of shared stories (paired differences). ``unit="outlet"``:
        the number of outlets in the first group.
    n_b : int, optional
        ``unit="outlet"`` only: the number of outlets in the second group.
    unit : {"story", "outlet"}
        The design, as in :func:`compare_groups`.

    Returns
    -------
    float
        ``2 / 2**m`` for the sign-flip test over ``m`` stories (all differences of one sign is
        the most extreme outcome, and so is its mirror image); ``1 / C(n_a + n_b, n_a)`` for the
        permutation of group labels among outlets (``2 / C`` when ``n_a == n_b``, where a split
        and its mirror give the same statistic). ``1.0`` when nothing can be tested.

    Examples
    --------
    >>> min_attainable_p(5), min_attainable_p(6)
    (0.0625, 0.03125)
    >>> round(min_attainable_p(3, 4, unit="outlet"), 4)
    0.0286
    """
    check_choice(unit, UNITS, name="unit", caller="min_attainable_p")
    if unit == "story":
        return 1.0 if n_a < 1 else min(1.0, 2.0 ** (1 - n_a))
    if n_b is None:
        msg = "The 'n_b' parameter of min_attainable_p is needed with unit='outlet'."
        raise InvalidInputError(msg)
    if n_a < 1 or n_b < 1:
        return 1.0
    splits = math.comb(n_a + n_b, n_a)
    return min(1.0, (2.0 if n_a == n_b else 1.0) / splits)


# ----------------------------------------------------------------------------------------------
# input
# ----------------------------------------------------------------------------------------------
def _prepare(
    df: pd.DataFrame, *, by: str | Mapping[str, Any], metrics: Sequence[str] | None, block: str, outlet: str,
    caller: str,
) -> pd.DataFrame:
    """Long rows ``_block, _group, _outlet, metric, value`` (finite values, labels as str)."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        msg = f"The 'df' parameter of {caller} must be a pandas DataFrame. Got {type(df).__name__} instead."
        raise TypeError(msg)
    for name, value in (("block", block), ("outlet", outlet)):
        if not isinstance(value, str):
            msg = f"The '{name}' parameter of {caller} must be a column name (str). Got {value!r} instead."
            raise TypeError(msg)
    if isinstance(by, Mapping):
        group_col = None
    elif isinstance(by, str):
        group_col = by
    else:
        msg = (
            f"The 'by' parameter of {caller} must be a column name or a mapping outlet -> group. "
            f"Got {type(by).__name__} instead."
        )
        raise TypeError(msg)
    if block == outlet or (group_col is not None and group_col == block):
        msg = f"The 'block' parameter of {caller} must name the story column, not the groups. Got {block!r}."
        raise InvalidInputError(msg)
    keys = [block, outlet, *([group_col] if group_col not in (None, outlet) else [])]
    long = _long_form(df, metrics=metrics, keys=keys, caller=caller)
    ok = long[outlet].notna().to_numpy()
    if group_col not in (None, outlet):
        ok = ok & long[group_col].notna().to_numpy()
    no_block = ~long[block].notna().to_numpy()
    if (no_block & ok).any():
        n = int(long.loc[no_block & ok, "_unit"].nunique())
        warnings.warn(
            f"{caller}: {n} article(s) have no value in the story column {block!r} and are left out "
            "(a story-blocked comparison needs the story of every article).",
            CompareWarning,
            stacklevel=3,
        )
    long = long[ok & ~no_block]
    out = pd.DataFrame(
        {
            "_block": long[block].astype(str).to_numpy(),
            "_outlet": long[outlet].astype(str).to_numpy(),
            "metric": long["metric"].to_numpy(),
            "value": long["value"].to_numpy(dtype="float64"),
        }
    )
    if group_col is None:
        out["_group"] = out["_outlet"].map(_mapping_lookup(by, out["_outlet"].unique(), caller=caller))  # type: ignore[arg-type]
        missing = sorted(set(out.loc[out["_group"].isna(), "_outlet"]))
        if missing:
            shown = ", ".join(repr(m) for m in missing[:10]) + (" ..." if len(missing) > 10 else "")
            warnings.warn(
                f"{caller}: {len(missing)} outlet(s) are not in the 'by' mapping and are left out: {shown}.",
                CompareWarning,
                stacklevel=3,
            )
            out = out[out["_group"].notna()]
    elif group_col == outlet:
        out["_group"] = out["_outlet"]
    else:
        out["_group"] = long[group_col].astype(str).to_numpy()
    return out.reset_index(drop=True)


def _mapping_lookup(mapping: Mapping[str, Any], outlets: Any, *, caller: str) -> dict[str, str | None]:
    """Outlet name -> group: the mapping's own lookup first, else the :func:`normalize_outlet` key."""
    from ..io.outlets import normalize_outlet

    def usable(v: Any) -> bool:
        return v is not None and not (isinstance(v, float) and math.isnan(v))

    by_key: dict[str, str] = {}
    for k, v in mapping.items():
        if not isinstance(k, str):
            msg = f"The 'by' mapping of {caller} must have outlet names (str) as keys. Got {k!r}."
            raise TypeError(msg)
        if not usable(v):
            continue
        key = normalize_outlet(k)
        if by_key.get(key, str(v)) != str(v):
            msg = (
                f"The 'by' mapping of {caller} gives {k!r} the group {v!r}, but another spelling of the same "
                f"outlet the group {by_key[key]!r}."
            )
            raise InvalidInputError(msg)
        by_key[key] = str(v)
    out: dict[str, str | None] = {}
    for o in map(str, outlets):
        v = mapping.get(o)
        out[o] = str(v) if usable(v) else by_key.get(normalize_outlet(o))
    return out


def _check_common(*, n_perm: int, ci: float, alpha: float, correction: str, caller: str) -> None:
    check_choice(correction, CORRECTIONS, name="correction", caller=caller)
    if not (isinstance(n_perm, int) and not isinstance(n_perm, bool) and n_perm >= 100):
        msg = f"The 'n_perm' parameter of {caller} must be an int >= 100. Got {n_perm!r} instead."
        raise InvalidInputError(msg)
    for name, value in (("ci", ci), ("alpha", alpha)):
        if not (isinstance(value, float) and 0 < value < 1):
            msg = f"The '{name}' parameter of {caller} must be a float in (0, 1). Got {value!r} instead."
            raise InvalidInputError(msg)


# ----------------------------------------------------------------------------------------------
# per-metric building blocks
# ----------------------------------------------------------------------------------------------
class _Cells:
    """The cells of one metric: one per (story, group, outlet), with codes for fast selection."""

    def __init__(self, part: pd.DataFrame) -> None:
        grouped = part.groupby(["_block", "_group", "_outlet"], sort=True)["value"]
        cells = grouped.agg(["mean", "size"]).reset_index()
        self.blocks, self.block = _codes(cells["_block"])
        self.groups, self.group = _codes(cells["_group"])
        self.outlets, self.outlet = _codes(cells["_outlet"])
        self.mean = cells["mean"].to_numpy(dtype="float64")
        self.size = cells["size"].to_numpy(dtype="int64")
        # group-story values: the mean over the group's outlets of their cell means (outlets weigh
        # the same, however many articles each ran)
        gs_key = self.block * len(self.groups) + self.group
        keys, inverse = np.unique(gs_key, return_inverse=True)
        self.gs_block = keys // len(self.groups)
        self.gs_group = keys % len(self.groups)
        self.gs_value = np.bincount(inverse, weights=self.mean) / np.bincount(inverse)
        self.gs_articles = np.bincount(inverse, weights=self.size).astype("int64")
        values = part["value"].to_numpy(dtype="float64")
        self.raw_sum = part.groupby("_group", sort=True)["value"].sum().reindex(self.groups).to_numpy()
        self.raw_n = part.groupby("_group", sort=True)["value"].size().reindex(self.groups).to_numpy()
        self.sd_within = _sd_within(values, part["_block"].to_numpy())

    def matrix(self) -> np.ndarray:
        """Stories x groups matrix of group-story values (NaN where a group did not cover a story)."""
        out = np.full((len(self.blocks), len(self.groups)), np.nan)
        out[self.gs_block, self.gs_group] = self.gs_value
        return out


def _codes(values: Any) -> tuple[list[str], np.ndarray]:
    import pandas as pd

    codes, labels = pd.factorize(pd.Series(values, dtype=object), sort=True)
    return [str(v) for v in labels], codes.astype(np.intp)


def _sd_within(values: np.ndarray, blocks: np.ndarray) -> float:
    """Pooled standard deviation of articles around their story's mean (ddof: one per story)."""
    import pandas as pd

    if len(values) == 0:
        return math.nan
    codes, _ = pd.factorize(blocks)
    n = np.bincount(codes)
    means = np.bincount(codes, weights=values) / n
    dof = len(values) - len(n)
    if dof <= 0:
        return math.nan
    ss = float(((values - means[codes]) ** 2).sum())
    sd = math.sqrt(ss / dof)
    scale = max(1.0, float(np.abs(values).max()))
    return sd if sd > 1e-12 * scale else math.nan


@functools.lru_cache(maxsize=4096)
def _t_quantile(ci: float, dof: float) -> float:
    """Two-sided Student-t critical value for confidence ``ci`` (NaN without degrees of freedom)."""
    from scipy.special import stdtrit  # the t quantile, without importing all of scipy.stats

    return float(stdtrit(dof, (1 + ci) / 2)) if dof > 0 else math.nan


def _t_interval(x: np.ndarray, ci: float) -> tuple[float, float]:
    """Student-t interval of the mean of ``x`` (NaN with fewer than two values)."""
    m = len(x)
    if m < 2:
        return math.nan, math.nan
    centre = float(_centred_mean(x))
    sd = float(np.std(x, ddof=1))
    half = _t_quantile(ci, m - 1) * sd / math.sqrt(m)
    return centre - half, centre + half


def _welch_interval(x: np.ndarray, y: np.ndarray, ci: float) -> tuple[float, float]:
    """Welch interval of ``mean(x) - mean(y)`` (NaN unless both have two values or more)."""
    if len(x) < 2 or len(y) < 2:
        return math.nan, math.nan
    va, vb = float(np.var(x, ddof=1)) / len(x), float(np.var(y, ddof=1)) / len(y)
    diff = float(_centred_mean(x) - _centred_mean(y))
    se = math.sqrt(va + vb)
    if se == 0:
        return diff, diff
    dof = (va + vb) ** 2 / (va**2 / (len(x) - 1) + vb**2 / (len(y) - 1))
    half = _t_quantile(ci, round(dof, 6)) * se
    return diff - half, diff + half


def _centred_mean(x: np.ndarray) -> float:
    """Mean computed around the first value, so that a constant sample gives its value exactly."""
    return float(x[0] + (x - x[0]).mean()) if len(x) else math.nan


#: Sign-flip matrices by (stories, n_perm, seed), and split matrices by (outlets, first group,
#: n_perm, seed): bounded caches, cleared with ``_signs.cache_clear()`` / ``_splits.cache_clear()``.
_signs = functools.lru_cache(maxsize=64)(_sign_matrix)
_splits = functools.lru_cache(maxsize=32)(_split_matrix)


def _label_perm_p(x: np.ndarray, y: np.ndarray, n_perm: int, seed: int) -> float:
    """Two-sided permutation p-value of ``mean(x) - mean(y)``, labels permuted among the units.

    The units are put in the order of their values (ties: second group first), which does not
    depend on the outlets' names; the split matrix depends only on the sizes and the seed.
    """
    pooled = np.concatenate([x, y])
    is_a = np.r_[np.ones(len(x), dtype=bool), np.zeros(len(y), dtype=bool)]
    order = np.lexsort((is_a, pooled))
    pooled, is_a = pooled[order], is_a[order]
    n = len(pooled)
    k = int(min(len(x), len(y)))
    mat, exact = _splits(n, k, n_perm, seed)
    total = pooled.sum()
    first = mat @ pooled
    stats = np.abs(first / k - (total - first) / (n - k))
    observed = abs(_centred_mean(x) - _centred_mean(y))
    tol = 1e-9 * max(1.0, float(np.abs(pooled).max()))
    hits = int(np.count_nonzero(stats >= observed - tol))
    return hits / len(stats) if exact else (hits + 1) / (len(stats) + 1)


def _sign_flip_p(d: np.ndarray, n_perm: int, seed: int, cache: dict) -> float:
    """Two-sided sign-flip p-value of ``mean(d)``: exact when ``2**m <= n_perm``, else Monte Carlo."""
    m = len(d)
    if m not in cache:
        cache[m] = _signs(m, n_perm, seed)
    signs, exact = cache[m]
    stats = np.abs(signs @ d) / m
    observed = abs(float(d.mean()))
    tol = 1e-9 * max(1.0, float(np.abs(d).max()))
    hits = int(np.count_nonzero(stats >= observed - tol))
    return hits / len(stats) if exact else (hits + 1) / (len(stats) + 1)


# ----------------------------------------------------------------------------------------------
# additive model: cell = story + level (least-squares means)
# ----------------------------------------------------------------------------------------------
def _additive_fit(block: np.ndarray, level: np.ndarray, y: np.ndarray, n_levels: int) -> dict[str, Any]:
    """Least-squares means of ``y ~ story + level`` on the largest connected part of the design.

    Returns a dict with ``lsmean`` and ``se`` (per level, NaN outside the part), ``df``
    (residual degrees of freedom), ``member`` (level in the part) and ``cells`` (cell in the part).
    """
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    n = len(y)
    lsmean = np.full(n_levels, np.nan)
    se = np.full(n_levels, np.nan)
    member = np.zeros(n_levels, dtype=bool)
    if n == 0:
        return {"lsmean": lsmean, "se": se, "df": 0, "member": member, "cells": np.zeros(0, dtype=bool)}
    blocks, b = np.unique(block, return_inverse=True)
    n_b = len(blocks)
    graph = coo_matrix((np.ones(n), (b, n_b + level)), shape=(n_b + n_levels, n_b + n_levels))
    _, comp = connected_components(graph, directed=False)
    level_comp = comp[n_b:]
    present = np.zeros(n_levels, dtype=bool)
    present[level] = True
    # the part with the most levels (ties: more cells, then the first)
    best, best_key = -1, (-1, -1)
    for c in np.unique(level_comp[present]):
        key = (int(np.count_nonzero(present & (level_comp == c))), int(np.count_nonzero(comp[b] == c)))
        if key > best_key:
            best, best_key = int(c), key
    cells = comp[b] == best
    member = present & (level_comp == best)
    bb, yy, ll = b[cells], y[cells], level[cells]
    _, bb = np.unique(bb, return_inverse=True)
    s = int(bb.max()) + 1
    m = len(yy)
    counts = np.bincount(bb, minlength=s).astype("float64")
    design = np.zeros((m, n_levels))
    design[np.arange(m), ll] = 1.0
    design = design[:, member]
    # absorb the stories: centre the design and the response within each story
    story_sums = np.zeros((s, design.shape[1]))
    np.add.at(story_sums, bb, design)
    d_tilde = design - story_sums[bb] / counts[bb, None]
    y_tilde = yy - np.bincount(bb, weights=yy, minlength=s)[bb] / counts[bb]
    gram_inv = np.linalg.pinv(d_tilde.T @ d_tilde)
    a = gram_inv @ d_tilde.T  # effects = a @ y (one solution; least-squares means do not depend on which)
    effects = a @ yy
    resid = y_tilde - d_tilde @ effects
    rank = int(np.linalg.matrix_rank(d_tilde)) if d_tilde.size else 0
    dof = m - s - rank
    # least-squares mean of level l = mean over stories of (story effect) + effect_l, linear in y:
    # w_l = u - (u D) A + A[l], with u_i = 1 / (S * n_story(i))
    u = 1.0 / (s * counts[bb])
    base = u - (u @ design) @ a
    weights = base[None, :] + a  # one row per member level
    lsmean[member] = weights @ yy
    if dof > 0:
        sigma2 = float(resid @ resid) / dof
        se[member] = np.sqrt(sigma2 * (weights**2).sum(axis=1))
    return {"lsmean": lsmean, "se": se, "df": dof, "member": member, "cells": cells}


# ----------------------------------------------------------------------------------------------
# public functions
# ----------------------------------------------------------------------------------------------
def compare_groups(
    df: pd.DataFrame,
    *,
    by: str | Mapping[str, Any] = "outlet",
    metrics: Sequence[str] | None = None,
    block: str = "event_id",
    outlet: str = "outlet",
    unit: str = "story",
    pairs: Sequence[tuple[str, str]] | None = None,
    alpha: float = 0.05,
    ci: float = 0.95,
    n_perm: int = 10_000,
    seed: int = 0,
    correction: str = "holm",
) -> pd.DataFrame:
    """Compare outlets, or groups of outlets, across the stories they share.

    The story is a blocking factor: an outlet's articles on one story are averaged into one
    *cell*, a group's value on a story is the mean of its outlets' cells, and every comparison
    rests on stories that both sides covered (``unit="story"``) or on the outlets' story-adjusted
    means (``unit="outlet"``). Comparisons that the coverage cannot test are marked as such
    instead of being given a p-value that could never be small.

    Parameters
    ----------
    df : pandas.DataFrame
        Wide (one column per metric, as ``Results.articles``) or long (``metric`` and ``value``
        columns, as ``Results.scores``) scores, one row per article, with a story column and an
        outlet column.
    by : str or mapping
        What to compare: ``"outlet"`` (the default: outlet against outlet), another column of
        ``df`` (``"leaning"``, ``"country"``, as added by
        :meth:`compare.io.outlets.OutletTable.annotate`), or a mapping outlet -> group (as
        :meth:`~compare.io.outlets.OutletTable.groups` returns; names are matched exactly, else by
        :func:`~compare.io.outlets.normalize_outlet`). Articles without a group are left out, with a
        :class:`~compare.CompareWarning` for outlets missing from a mapping.
    metrics : sequence of str, optional
        Metrics to compare; by default every numeric, non-identifier column (wide) or every
        metric (long).
    block : str
        The column holding the story (event) of each article.
    outlet : str
        The column holding the outlet of each article.
    unit : {"story", "outlet"}
        The independent unit of the test. ``"story"``: one paired difference per story that both
        sides covered, tested by flipping signs (exact when ``2**n_stories <= n_perm``); the
        conclusion is about *these* outlets, with stories as the sample. ``"outlet"`` (groups
        only): one story-adjusted mean per outlet, from the additive model ``cell = story +
        outlet`` fitted on all cells of the table, and the group labels permuted among the outlets
        (exact when the splits are at most ``n_perm``); the conclusion extends to outlets like
        these, and it needs more outlets.
    pairs : sequence of (str, str), optional
        The pairs to compare, in the orientation wanted; by default every pair of groups in sorted
        order (``group_a < group_b``).
    alpha : float
        Significance level used only to decide the ``status``: a pair is ``"tested"`` when its
        design could reach ``p < alpha`` (see :func:`min_attainable_p`).
    ci : float
        Confidence level of the intervals.
    n_perm : int
        Permutations (or sign flips) per test when they are not all enumerated (>= 100).
    seed : int
        Seed of the random permutations; they depend only on the seed and the sample sizes, so
        relabelling outlets, or swapping ``a`` and ``b``, gives the same p-values.
    correction : {"holm", "fdr_bh", "bonferroni", "none"}
        Multiple-comparison adjustment over all the tested rows of the returned table (every
        metric and pair): Holm's step-down method controls the family-wise error rate,
        Benjamini-Hochberg's the false discovery rate. Rows that were not tested do not count.

    Returns
    -------
    pandas.DataFrame
        One row per ``(metric, group_a, group_b)``, sorted, with the columns of
        :data:`GROUP_COLUMNS`:

        - ``unit``, ``status``: the design; ``"tested"`` or ``"too little shared coverage"``.
        - ``n_stories``: ``unit="story"``, the stories both sides covered; ``unit="outlet"``, the
          stories that inform the two groups' outlets.
        - ``n_outlets_a``, ``n_outlets_b``, ``n_articles_a``, ``n_articles_b``: what entered.
        - ``mean_a``, ``mean_b``, ``diff = mean_a - mean_b``: ``unit="story"``, means over the
          shared stories of each side's story values; ``unit="outlet"``, means of the outlets'
          story-adjusted means. A positive ``diff`` means ``group_a`` scores higher.
        - ``ci_low``, ``ci_high``: interval of ``diff`` in the metric's units (Student t over the
          story differences; Welch over the outlets).
        - ``sd_within``: pooled standard deviation of articles around their story's mean, over all
          the metric's articles; ``std_diff``, ``std_ci_low``, ``std_ci_high``: the difference and
          its interval divided by it (a standardised effect, like Cohen's d, that story effects do
          not inflate).
        - ``min_p``: the smallest p-value the design could give (:func:`min_attainable_p`).
        - ``p_value``: two-sided permutation p-value, NaN unless ``status == "tested"``;
          ``p_adjusted``: after ``correction``.

        Estimates and intervals are given whenever they are defined, also for rows too thin to
        test; NaN marks what is undefined (no shared story; an interval from one difference).

    Raises
    ------
    SchemaError
        If a column is missing.
    InvalidInputError
        If an option is out of range, ``pairs`` names an unknown group, or ``unit="outlet"`` is
        asked with ``by="outlet"``.
    TypeError
        If ``df`` is not a DataFrame or ``by`` is neither a column name nor a mapping.

    See Also
    --------
    group_profiles : story-adjusted means per outlet or group, for forest plots.
    min_attainable_p : how much coverage a test needs.

    Notes
    -----
    With ``unit="story"``, stories are the sample: for the ``m`` stories that both sides covered,
    ``d_s = value_a(s) - value_b(s)``, the estimate is ``mean(d)``, and the p-value is the share of
    the ``2**m`` sign patterns whose ``|mean|`` is at least the observed one (Good 2005). The test
    is exact whenever the ``d_s`` are symmetric about zero under the null, which holds with story
    effects of any size, unequal numbers of articles per cell, and outlet-specific noise. It cannot
    give ``p < 0.05`` with fewer than 6 shared stories, whatever the data.

    With ``unit="outlet"``, the outlets are the sample. The estimate compares the groups' mean
    story-adjusted outlet means; the test permutes group labels among outlets. Use it when the
    question is about kinds of outlets (state-affiliated vs independent) rather than the outlets in
    the table, since then the outlets' own differences are part of the noise.

    References
    ----------
    Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses* (3rd ed.). Springer.

    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian Journal
    of Statistics*, 6(2), 65-70.

    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. *Journal of the
    Royal Statistical Society B*, 57(1), 289-300.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "event_id": [f"s{i}" for i in range(6) for _ in range(2)],
    ...     "outlet": ["A", "B"] * 6,
    ...     "tone": [1.0, 0.0, 2.0, 1.5, 0.5, 0.0, 3.0, 2.0, 1.0, 0.8, 0.2, 0.0]})
    >>> row = compare_groups(df).iloc[0]
    >>> print(row["status"], row["n_stories"], round(row["diff"], 3), row["p_value"])
    tested 6 0.567 0.03125
    >>> compare_groups(df.iloc[:10]).iloc[0]["status"]
    'too little shared coverage'
    """
    import pandas as pd

    caller = "compare_groups"
    _check_common(n_perm=n_perm, ci=ci, alpha=alpha, correction=correction, caller=caller)
    check_choice(unit, UNITS, name="unit", caller=caller)
    if unit == "outlet" and isinstance(by, str) and by == outlet:
        msg = (
            f"The 'unit' parameter of {caller} is 'outlet', which compares groups of outlets; with "
            f"by={outlet!r} each side has one outlet. Use unit='story', or group the outlets with by=."
        )
        raise InvalidInputError(msg)
    long = _prepare(df, by=by, metrics=metrics, block=block, outlet=outlet, caller=caller)
    all_groups = sorted(set(long["_group"]))
    pair_list = _pair_list(all_groups, pairs, caller)
    rows: list[dict[str, Any]] = []
    cache: dict = {}
    for metric, part in long.groupby("metric", sort=True):
        cells = _Cells(part)
        if unit == "story":
            rows.extend(_story_rows(str(metric), cells, pair_list, alpha=alpha, ci=ci, n_perm=n_perm, seed=seed,
                                    cache=cache))
        else:
            rows.extend(_outlet_rows(str(metric), cells, pair_list, alpha=alpha, ci=ci, n_perm=n_perm, seed=seed))
    if not rows:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in GROUP_COLUMNS})
        for c in ("metric", "group_a", "group_b", "unit", "status"):
            out[c] = pd.Series(dtype=object)
        return out
    out = pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    for c in _INT_COLUMNS:
        if c in out.columns:
            out[c] = out[c].astype("int64")
    out = _sort(out, ["metric", "group_a", "group_b"])
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(dtype="float64"), method=correction)
    return out


def _row(metric: str, a: str, b: str, unit: str, **values: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(GROUP_COLUMNS, math.nan)
    row.update(metric=metric, group_a=a, group_b=b, unit=unit, p_adjusted=math.nan, **values)
    sd = row["sd_within"]
    for src, dst in (("diff", "std_diff"), ("ci_low", "std_ci_low"), ("ci_high", "std_ci_high")):
        row[dst] = row[src] / sd if sd > 0 else math.nan  # NaN > 0 is False
    return row


def _story_rows(
    metric: str, cells: _Cells, pair_list: list[tuple[str, str]], *, alpha: float, ci: float, n_perm: int, seed: int,
    cache: dict,
) -> list[dict[str, Any]]:
    n_blocks = len(cells.blocks)
    values = cells.matrix()
    finite = np.isfinite(values)
    articles = np.zeros_like(values)
    articles[cells.gs_block, cells.gs_group] = cells.gs_articles
    col = {g: i for i, g in enumerate(cells.groups)}
    cover: dict[int, np.ndarray] = {}  # group -> stories x its outlets, True where the outlet covered the story

    def outlets_on(i: int | None, shared: np.ndarray) -> int:
        if i is None:
            return 0
        if i not in cover:
            mine = cells.group == i
            codes, local = np.unique(cells.outlet[mine], return_inverse=True)
            mat = np.zeros((n_blocks, len(codes)), dtype=bool)
            mat[cells.block[mine], local] = True
            cover[i] = mat
        return int(cover[i][shared].any(axis=0).sum())

    nothing = np.zeros(n_blocks, dtype=bool)
    rows = []
    for a, b in pair_list:
        ia, ib = col.get(a), col.get(b)
        shared = (finite[:, ia] & finite[:, ib]) if ia is not None and ib is not None else nothing
        m = int(shared.sum())
        min_p = min_attainable_p(m, unit="story")
        if m == 0:
            rows.append(_row(metric, a, b, "story", status=STATUS_TOO_LITTLE, n_stories=0, n_outlets_a=0,
                             n_outlets_b=0, n_articles_a=0, n_articles_b=0, sd_within=cells.sd_within, min_p=min_p))
            continue
        va, vb = values[shared, ia], values[shared, ib]
        d = va - vb
        tested = min_p < alpha
        low, high = _t_interval(d, ci)
        mean_a, mean_b = _centred_mean(va), _centred_mean(vb)
        rows.append(
            _row(
                metric, a, b, "story",
                status=STATUS_TESTED if tested else STATUS_TOO_LITTLE,
                n_stories=m,
                n_outlets_a=outlets_on(ia, shared),
                n_outlets_b=outlets_on(ib, shared),
                n_articles_a=int(articles[shared, ia].sum()),
                n_articles_b=int(articles[shared, ib].sum()),
                mean_a=mean_a,
                mean_b=mean_b,
                diff=mean_a - mean_b,
                ci_low=low,
                ci_high=high,
                sd_within=cells.sd_within,
                min_p=min_p,
                p_value=_sign_flip_p(d, n_perm, seed, cache) if tested else math.nan,
            )
        )
    return rows


def _outlet_rows(
    metric: str, cells: _Cells, pair_list: list[tuple[str, str]], *, alpha: float, ci: float, n_perm: int, seed: int
) -> list[dict[str, Any]]:
    # one unit per (group, outlet); its story-adjusted mean from cell = story + unit
    unit_key = cells.group * len(cells.outlets) + cells.outlet
    units, unit_code = np.unique(unit_key, return_inverse=True)
    unit_group = units // len(cells.outlets)
    fit = _additive_fit(cells.block, unit_code, cells.mean, len(units))
    effect = fit["lsmean"]
    col = {g: i for i, g in enumerate(cells.groups)}
    rows = []
    for a, b in pair_list:
        ia, ib = col.get(a, -1), col.get(b, -1)
        in_a = (unit_group == ia) & np.isfinite(effect)
        in_b = (unit_group == ib) & np.isfinite(effect)
        x, y = effect[in_a], effect[in_b]
        na, nb = len(x), len(y)
        min_p = min_attainable_p(na, nb, unit="outlet")
        tested = na > 0 and nb > 0 and min_p < alpha
        used = fit["cells"] & np.isin(unit_code, np.flatnonzero(in_a | in_b))
        p = _label_perm_p(x, y, n_perm, seed) if tested else math.nan
        low, high = _welch_interval(x, y, ci)
        mean_a, mean_b = _centred_mean(x), _centred_mean(y)
        rows.append(
            _row(
                metric, a, b, "outlet",
                status=STATUS_TESTED if tested else STATUS_TOO_LITTLE,
                n_stories=len(np.unique(cells.block[used])),
                n_outlets_a=na,
                n_outlets_b=nb,
                n_articles_a=int(cells.size[used & (cells.group == ia)].sum()),
                n_articles_b=int(cells.size[used & (cells.group == ib)].sum()),
                mean_a=mean_a,
                mean_b=mean_b,
                diff=mean_a - mean_b,
                ci_low=low,
                ci_high=high,
                sd_within=cells.sd_within,
                min_p=min_p,
                p_value=p,
            )
        )
    return rows


def group_profiles(
    df: pd.DataFrame,
    *,
    by: str | Mapping[str, Any] = "outlet",
    metrics: Sequence[str] | None = None,
    block: str = "event_id",
    outlet: str = "outlet",
    ci: float = 0.95,
) -> pd.DataFrame:
    """Story-adjusted mean of each metric per outlet or group, with an interval (for forest plots).

    An outlet that covered only the grim stories should not look grim for that reason. Each
    outlet's (or group's) mean is therefore adjusted for the stories it covered: the additive
    model ``value(story, group) = story effect + group effect`` is fitted by least squares to the
    cells (a group's value on a story is the mean over its outlets of their mean article), and the
    adjusted mean is the group's least-squares mean, its expected value averaged over all the
    stories of the table.

    Parameters
    ----------
    df : pandas.DataFrame
        Wide or long scores, one row per article (see :func:`compare_groups`).
    by : str or mapping
        ``"outlet"``, a grouping column, or a mapping outlet -> group (see :func:`compare_groups`).
    metrics : sequence of str, optional
        Metrics to summarise (default: all).
    block : str
        The story column.
    outlet : str
        The outlet column.
    ci : float
        Confidence level of the intervals.

    Returns
    -------
    pandas.DataFrame
        One row per ``(metric, group)``, sorted, with the columns of :data:`PROFILE_COLUMNS`:
        ``status`` (``"estimated"``; ``"too little shared coverage"`` when the design leaves no
        residual degree of freedom for an interval; ``"no story shared with the others"`` when the
        group's stories do not connect, directly or through other groups, to the rest of the table),
        ``n_stories``, ``n_outlets``, ``n_articles``, ``mean`` (the plain mean over the group's
        articles), ``adjusted_mean``, ``se`` and the Student-t interval ``ci_low``, ``ci_high``.

    Raises
    ------
    SchemaError
        If a column is missing.
    InvalidInputError
        If an option is out of range.

    See Also
    --------
    compare_groups : tests of the differences.
    compare.stats.outlet_means : plain means with bootstrap intervals, without adjustment.

    Notes
    -----
    The adjusted means are the least-squares ("estimated marginal") means of the additive model
    (Searle, Speed & Milliken 1980), fitted on the largest part of the table whose groups are
    linked by shared stories; adjusted means are comparable within that part only. With every
    group in every story they equal the groups' means over stories. The interval uses the
    model's residual variance, so it treats the outlets of a group as fixed; differences between
    two adjusted means are not tests (use :func:`compare_groups`).

    References
    ----------
    Searle, S. R., Speed, F. M., & Milliken, G. A. (1980). Population marginal means in the
    linear model: An alternative to least squares means. *The American Statistician*, 34(4),
    216-221.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"event_id": ["s1", "s1", "s2", "s2", "s3"], "outlet": ["A", "B", "A", "B", "A"],
    ...                    "tone": [1.0, 0.0, 3.0, 2.5, 9.0]})
    >>> group_profiles(df)[["group", "mean", "adjusted_mean"]].round(2).to_dict("records")
    [{'group': 'A', 'mean': 4.33, 'adjusted_mean': 4.33}, {'group': 'B', 'mean': 1.25, 'adjusted_mean': 3.58}]

    B's plain mean is low because B missed the story on which A scored 9; adjusted for the
    stories, B sits 0.75 below A, as on the two stories both covered.
    """
    import pandas as pd

    caller = "group_profiles"
    if not (isinstance(ci, float) and 0 < ci < 1):
        msg = f"The 'ci' parameter of {caller} must be a float in (0, 1). Got {ci!r} instead."
        raise InvalidInputError(msg)
    long = _prepare(df, by=by, metrics=metrics, block=block, outlet=outlet, caller=caller)
    rows: list[dict[str, Any]] = []
    for metric, part in long.groupby("metric", sort=True):
        cells = _Cells(part)
        fit = _additive_fit(cells.gs_block, cells.gs_group, cells.gs_value, len(cells.groups))
        q = _t_quantile(ci, fit["df"])
        for i, group in enumerate(cells.groups):
            mine = cells.group == i
            member = bool(fit["member"][i])
            est, se = float(fit["lsmean"][i]), float(fit["se"][i])
            if not member:
                status = STATUS_NOT_CONNECTED
            elif math.isnan(se):
                status = STATUS_TOO_LITTLE
            else:
                status = STATUS_ESTIMATED
            rows.append(
                {
                    "metric": str(metric),
                    "group": group,
                    "status": status,
                    "n_stories": len(np.unique(cells.block[mine])),
                    "n_outlets": len(np.unique(cells.outlet[mine])),
                    "n_articles": int(cells.raw_n[i]),
                    "mean": float(cells.raw_sum[i] / cells.raw_n[i]),
                    "adjusted_mean": est,
                    "se": se,
                    "ci_low": est - q * se,
                    "ci_high": est + q * se,
                }
            )
    if not rows:
        out = pd.DataFrame({c: pd.Series(dtype="float64") for c in PROFILE_COLUMNS})
        for c in ("metric", "group", "status"):
            out[c] = pd.Series(dtype=object)
        return out
    out = pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))
    for c in ("n_stories", "n_outlets", "n_articles"):
        out[c] = out[c].astype("int64")
    return _sort(out, ["metric", "group"])
