"""Per-outlet means with bootstrap intervals, article-level permutation tests, effect sizes.

The functions take a *wide* table (one row per article, one column per metric, as
``Results.articles``) or the *long* score table (``metric`` and ``value`` columns, as
``Results.scores``) and return tidy DataFrames:

- :func:`outlet_means`: one row per outlet (or group) and metric, with the mean and a seeded
  percentile-bootstrap confidence interval;
- :func:`compare_outlets`: one row per ``(event_id?, metric, outlet_a, outlet_b)`` with the
  difference of means, a permutation-test p-value, Cohen's d, Hedges' g, Cliff's delta and a
  p-value adjusted for the many comparisons in the table (Holm or Benjamini-Hochberg);
- :func:`adjust_pvalues`: Holm, Benjamini-Hochberg or Bonferroni adjustment on its own.

Missing values (``NaN``) are dropped per metric, and the counts that remain are reported
(``n``, ``n_a``, ``n_b``). Every random draw comes from :func:`numpy.random.default_rng` seeded
with ``seed``, so reruns give the same numbers. The draws do not depend on the outlets' names,
so relabelling outlets only relabels the output.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from .._validation import check_choice, check_columns
from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CORRECTIONS",
    "adjust_pvalues",
    "cliffs_delta",
    "cohens_d",
    "compare_outlets",
    "hedges_g",
    "metric_columns",
    "outlet_means",
]

#: Multiple-comparison corrections understood by :func:`adjust_pvalues`.
CORRECTIONS: tuple[str, ...] = ("holm", "fdr_bh", "bonferroni", "none")

#: Columns of the results tables that are identifiers or offsets, never metrics.
_NOT_METRICS = frozenset(
    {
        "article_id",
        "other_article_id",
        "event_id",
        "outlet",
        "title",
        "published",
        "sentence",
        "start",
        "end",
        "claim_id",
        "family",
        "metric",
        "value",
    }
)


# ----------------------------------------------------------------------------------------------
# input handling
# ----------------------------------------------------------------------------------------------
def metric_columns(df: pd.DataFrame, *, exclude: Sequence[str] = ()) -> list[str]:
    """Return the numeric columns of a wide table that hold metrics, in table order.

    Identifier and offset columns (``article_id``, ``event_id``, ``start``, ...) and the names in
    ``exclude`` are left out; booleans count as numeric.

    Parameters
    ----------
    df : pandas.DataFrame
        A wide table such as ``Results.articles``.
    exclude : sequence of str
        Further columns to leave out (the grouping columns, say).

    Returns
    -------
    list of str
    """
    import pandas as pd

    skip = _NOT_METRICS | set(exclude)
    return [
        str(c)
        for c in df.columns
        if c not in skip
        and (pd.api.types.is_numeric_dtype(df[c]) or pd.api.types.is_bool_dtype(df[c]))
    ]


def _as_list(value: str | Sequence[str] | None) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _long_form(
    df: pd.DataFrame, *, metrics: Sequence[str] | None, keys: list[str], caller: str
) -> pd.DataFrame:
    """Return ``keys + [metric, value]`` rows with NaN values dropped, in input row order."""
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        msg = f"The 'df' parameter of {caller} must be a pandas DataFrame. Got {type(df).__name__} instead."
        raise TypeError(msg)
    check_columns(df, keys, caller=caller)
    if "metric" in df.columns and "value" in df.columns:
        long = df[[*keys, "metric", "value"]].copy()
        if "article_id" in df.columns:
            long["_unit"] = df["article_id"].astype(str).to_numpy()
        else:
            long["_unit"] = long.groupby([*keys, "metric"], sort=False, dropna=False).cumcount().to_numpy()
        if metrics is not None:
            wanted = list(metrics)
            unknown = sorted(set(wanted) - set(long["metric"].astype(str)))
            if unknown:
                msg = (
                    f"The 'metrics' parameter of {caller} names metrics not in the table: {unknown!r}. "
                    f"Available: {sorted(set(long['metric'].astype(str)))!r}."
                )
                raise InvalidInputError(msg)
            long = long[long["metric"].isin(wanted)]
    else:
        cols = metric_columns(df, exclude=keys) if metrics is None else list(metrics)
        check_columns(df, cols, caller=caller)
        if not cols:
            return pd.DataFrame({**{k: [] for k in keys}, "_unit": [], "metric": [], "value": []})
        parts = []
        for col in cols:
            part = df[keys].copy()
            part["_unit"] = np.arange(len(df))
            part["metric"] = col
            part["value"] = pd.to_numeric(df[col].astype("float64"), errors="coerce")
            parts.append(part)
        long = pd.concat(parts, ignore_index=True)
    long["value"] = pd.to_numeric(long["value"], errors="coerce").astype("float64")
    long = long[np.isfinite(long["value"].to_numpy())]
    long["metric"] = long["metric"].astype(str)
    return long.reset_index(drop=True)


def _key(value: Any) -> Any:
    """Sort key that copes with mixed types and missing values."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return (1, "")
    return (0, str(value))


# ----------------------------------------------------------------------------------------------
# effect sizes
# ----------------------------------------------------------------------------------------------
def cohens_d(a: Any, b: Any) -> float:
    """Cohen's d: the difference of means in units of the pooled standard deviation.

    Parameters
    ----------
    a, b : array-like of float
        The two samples; NaNs are dropped.

    Returns
    -------
    float
        ``(mean(a) - mean(b)) / s_pooled`` with ``s_pooled`` from the ``ddof=1`` variances. Positive
        when ``a`` is larger. NaN when fewer than three values remain or the pooled deviation is 0.

    References
    ----------
    Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences* (2nd ed.).
    """
    x, y = _clean(a), _clean(b)
    return float(_cohens_d(x, y))


def hedges_g(a: Any, b: Any) -> float:
    """Hedges' g: Cohen's d times the exact small-sample correction ``J(n_a + n_b - 2)``.

    Parameters
    ----------
    a, b : array-like of float

    Returns
    -------
    float
        Bias-corrected standardised difference; NaN where :func:`cohens_d` is.

    References
    ----------
    Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and related
    estimators. *Journal of Educational Statistics*, 6(2), 107-128.
    """
    x, y = _clean(a), _clean(b)
    return float(_cohens_d(x, y) * _hedges_j(len(x) + len(y) - 2))


def cliffs_delta(a: Any, b: Any) -> float:
    """Cliff's delta: P(a > b) - P(a < b) over all pairs, in [-1, 1].

    Parameters
    ----------
    a, b : array-like of float

    Returns
    -------
    float
        Positive when values of ``a`` tend to be larger; NaN if either sample is empty.

    References
    ----------
    Cliff, N. (1993). Dominance statistics: Ordinal analyses to answer ordinal questions.
    *Psychological Bulletin*, 114(3), 494-509.
    """
    return float(_cliffs_delta(_clean(a), _clean(b)))


def _clean(values: Any) -> np.ndarray:
    arr = np.asarray(values, dtype="float64").ravel()
    return arr[np.isfinite(arr)]


def _cohens_d(x: np.ndarray, y: np.ndarray) -> float:
    na, nb = len(x), len(y)
    if na == 0 or nb == 0 or na + nb < 3:
        return math.nan
    va = x.var(ddof=1) if na > 1 else 0.0
    vb = y.var(ddof=1) if nb > 1 else 0.0
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    if not pooled > 0:
        return math.nan
    return (x.mean() - y.mean()) / pooled


def _hedges_j(df: float) -> float:
    """Exact bias correction J(df) = Gamma(df/2) / (sqrt(df/2) Gamma((df-1)/2))."""
    if df < 2:
        return math.nan
    return math.exp(math.lgamma(df / 2) - math.lgamma((df - 1) / 2)) / math.sqrt(df / 2)


def _cliffs_delta(x: np.ndarray, y: np.ndarray) -> float:
    if len(x) == 0 or len(y) == 0:
        return math.nan
    ys = np.sort(y)
    less = np.searchsorted(ys, x, side="left")  # y values below each x
    greater = len(ys) - np.searchsorted(ys, x, side="right")  # y values above each x
    return float((less.sum() - greater.sum()) / (len(x) * len(y)))


# ----------------------------------------------------------------------------------------------
# multiple comparisons
# ----------------------------------------------------------------------------------------------
def adjust_pvalues(pvalues: Any, *, method: str = "holm") -> np.ndarray:
    """Adjust p-values for multiple comparisons.

    Parameters
    ----------
    pvalues : array-like of float
        Raw p-values; NaNs are left NaN and do not count as tests.
    method : {"holm", "fdr_bh", "bonferroni", "none"}
        ``"holm"`` controls the family-wise error rate (Holm 1979); ``"fdr_bh"`` the false
        discovery rate (Benjamini & Hochberg 1995); ``"bonferroni"`` multiplies by the number of
        tests; ``"none"`` returns the p-values unchanged.

    Returns
    -------
    numpy.ndarray
        Adjusted p-values in the input order, capped at 1.

    Raises
    ------
    InvalidInputError
        If ``method`` is unknown or a p-value lies outside [0, 1].

    References
    ----------
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
    Journal of Statistics*, 6(2), 65-70.

    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate. *Journal of the
    Royal Statistical Society B*, 57(1), 289-300.

    Examples
    --------
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="holm").round(3).tolist()
    [0.03, 0.06, 0.06]
    >>> adjust_pvalues([0.01, 0.04, 0.03], method="fdr_bh").round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    check_choice(method, CORRECTIONS, name="method", caller="adjust_pvalues")
    p = np.asarray(pvalues, dtype="float64").ravel()
    out = np.full(p.shape, np.nan)
    ok = ~np.isnan(p)
    q = p[ok]
    if np.any((q < 0) | (q > 1)):
        msg = "The 'pvalues' parameter of adjust_pvalues must hold values in [0, 1]."
        raise InvalidInputError(msg)
    m = len(q)
    if m == 0:
        return out
    if method == "none":
        adj = q.copy()
    elif method == "bonferroni":
        adj = np.minimum(q * m, 1.0)
    else:
        order = np.argsort(q, kind="mergesort")
        ranked = q[order]
        rank = np.arange(1, m + 1)
        if method == "holm":
            adj_sorted = np.maximum.accumulate(np.minimum((m - rank + 1) * ranked, 1.0))
        else:  # fdr_bh
            adj_sorted = np.minimum.accumulate((m / rank * ranked)[::-1])[::-1]
            adj_sorted = np.minimum(adj_sorted, 1.0)
        adj = np.empty(m)
        adj[order] = adj_sorted
    out[ok] = adj
    return out


# ----------------------------------------------------------------------------------------------
# bootstrap means
# ----------------------------------------------------------------------------------------------
def outlet_means(
    df: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    by: str | Sequence[str] = "outlet",
    n_boot: int = 2000,
    ci: float = 0.95,
    seed: int = 0,
) -> pd.DataFrame:
    """Mean of each metric per outlet (or group), with a percentile-bootstrap interval.

    Parameters
    ----------
    df : pandas.DataFrame
        Wide (one column per metric, e.g. ``Results.articles``) or long (``metric`` and ``value``
        columns, e.g. ``Results.scores``).
    metrics : sequence of str, optional
        Metrics to summarise; by default every numeric non-identifier column (wide) or every
        metric in the table (long).
    by : str or sequence of str
        Grouping column(s); ``["event_id", "outlet"]`` gives one row per event and outlet.
    n_boot : int
        Bootstrap resamples (>= 100).
    ci : float
        Confidence level of the interval, in (0, 1).
    seed : int
        Seed of the resampling. The resamples of a group depend only on ``seed`` and the group's
        number of values, so the output does not depend on group names or order.

    Returns
    -------
    pandas.DataFrame
        Columns ``*by, metric, n, mean, sd, ci_low, ci_high``, sorted by group and metric. ``n``
        counts the non-missing values; ``sd`` uses ``ddof=1``; the interval is NaN when ``n < 2``.

    Raises
    ------
    SchemaError
        If a grouping or metric column is missing.
    InvalidInputError
        If ``n_boot`` or ``ci`` is out of range.

    Notes
    -----
    The interval is the percentile bootstrap (Efron & Tibshirani 1993): the ``(1 - ci)/2`` and
    ``(1 + ci)/2`` quantiles of the means of ``n_boot`` resamples drawn with replacement.

    References
    ----------
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": ["A", "A", "B"], "score": [1.0, 3.0, 5.0]})
    >>> outlet_means(df)[["outlet", "metric", "n", "mean"]].to_dict("records")
    [{'outlet': 'A', 'metric': 'score', 'n': 2, 'mean': 2.0}, {'outlet': 'B', 'metric': 'score', 'n': 1, 'mean': 5.0}]
    """
    import pandas as pd

    caller = "outlet_means"
    keys = _as_list(by)
    if not keys:
        msg = f"The 'by' parameter of {caller} must name at least one column."
        raise InvalidInputError(msg)
    if not (isinstance(n_boot, int) and n_boot >= 100):
        msg = f"The 'n_boot' parameter of {caller} must be an int >= 100. Got {n_boot!r} instead."
        raise InvalidInputError(msg)
    if not (isinstance(ci, float) and 0 < ci < 1):
        msg = f"The 'ci' parameter of {caller} must be a float in (0, 1). Got {ci!r} instead."
        raise InvalidInputError(msg)
    long = _long_form(df, metrics=metrics, keys=keys, caller=caller)
    columns = [*keys, "metric", "n", "mean", "sd", "ci_low", "ci_high"]
    if long.empty:
        return pd.DataFrame({c: pd.Series(dtype="float64" if c not in [*keys, "metric"] else object)
                             for c in columns})
    lo_q, hi_q = (1 - ci) / 2, (1 + ci) / 2
    grouped = long.groupby([*keys, "metric"], sort=False, dropna=False)
    codes = grouped.ngroup().to_numpy()
    order = np.argsort(codes, kind="stable")
    vals = long["value"].to_numpy()[order]
    sizes = np.bincount(codes)
    offsets = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    firsts = vals[offsets]
    means = firsts + np.add.reduceat(vals - np.repeat(firsts, sizes), offsets) / sizes
    sq = np.add.reduceat((vals - np.repeat(means, sizes)) ** 2, offsets)
    with np.errstate(invalid="ignore", divide="ignore"):
        sds = np.where(sizes > 1, np.sqrt(sq / (sizes - 1)), np.nan)
    lows = np.full(len(sizes), np.nan)
    highs = np.full(len(sizes), np.nan)
    for n in np.unique(sizes[sizes > 1]):
        which = np.flatnonzero(sizes == n)
        idx = np.random.default_rng([seed, int(n)]).integers(0, n, size=(n_boot, n))
        # resample every group of this size with the same indices: (groups, n) -> (groups, n_boot)
        chunk = max(1, 2_000_000 // (n_boot * int(n)))
        for c in range(0, len(which), chunk):
            part = which[c : c + chunk]
            mat = vals[offsets[part][:, None] + np.arange(n)[None, :]]
            base = mat[:, :1]
            boots = base + (mat - base)[:, idx].mean(axis=2)
            lows[part], highs[part] = np.quantile(boots, [lo_q, hi_q], axis=1)
    # a constant sample gives identical resample means: the interval is exactly the mean
    lows = np.minimum(lows, means)
    highs = np.maximum(highs, means)
    first = long.iloc[order[offsets]]
    out = first[[*keys, "metric"]].reset_index(drop=True)
    out["n"] = sizes.astype("int64")
    out["mean"] = means
    out["sd"] = sds
    out["ci_low"] = lows
    out["ci_high"] = highs
    return _sort(out, [*keys, "metric"])


def _sort(df: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    if df.empty:
        return df.reset_index(drop=True)
    columns = [[_key(v) for v in df[k].tolist()] for k in keys]
    tuples = list(zip(*columns, strict=True))
    order = sorted(range(len(df)), key=tuples.__getitem__)
    return df.iloc[order].reset_index(drop=True)


# ----------------------------------------------------------------------------------------------
# permutation tests
# ----------------------------------------------------------------------------------------------
def _split_matrix(n: int, k: int, n_perm: int, seed: int) -> tuple[np.ndarray, bool]:
    """Membership matrix (rows = random or all splits of n items, 1.0 = in the first k).

    Returns the float matrix and whether it enumerates every split (exact test).
    """
    if math.comb(n, k) <= n_perm:
        combos = list(itertools.combinations(range(n), k))
        mat = np.zeros((len(combos), n))
        rows = np.repeat(np.arange(len(combos)), k)
        mat[rows, np.asarray(combos, dtype=np.intp).ravel()] = 1.0
        return mat, True
    rng = np.random.default_rng([seed, n, k])
    first = rng.permuted(np.tile(np.arange(n, dtype=np.int32), (n_perm, 1)), axis=1)[:, :k]
    mat = np.zeros((n_perm, n))
    np.put_along_axis(mat, first, 1.0, axis=1)
    return mat, False


def _sign_matrix(m: int, n_perm: int, seed: int) -> tuple[np.ndarray, bool]:
    """Rows of +-1 signs: all 2**m sign flips if few enough, else random ones."""
    if 2**m <= n_perm:
        grid = np.array(list(itertools.product((1.0, -1.0), repeat=m)))
        return grid, True
    rng = np.random.default_rng([seed, m, 2])
    return rng.choice(np.array([1.0, -1.0]), size=(n_perm, m)), False


def _perm_pvalues(pooled: np.ndarray, is_a: np.ndarray, n_perm: int, seed: int) -> np.ndarray:
    """Two-sided permutation p-values of the difference of means, one per column.

    ``pooled`` (n x m) holds m metrics measured on the n units of both groups, in a fixed order
    that does not depend on the labels; ``is_a`` marks the first group. The split matrix depends
    only on the sample sizes and the seed, so the result is symmetric in the two groups and
    ignores their names.
    """
    n = len(pooled)
    k = int(min(is_a.sum(), n - is_a.sum()))
    mat, exact = _split_matrix(n, k, n_perm, seed)
    total = pooled.sum(axis=0)
    sum_first = mat @ pooled
    stats = np.abs(sum_first / k - (total - sum_first) / (n - k))
    observed = np.abs(_mean(pooled[is_a]) - _mean(pooled[~is_a]))
    tol = 1e-9 * np.maximum(1.0, np.abs(pooled).max(axis=0))
    hits = np.count_nonzero(stats >= observed - tol, axis=0)
    if exact:
        return hits / len(stats)
    return (hits + 1) / (len(stats) + 1)


def _paired_pvalue(d: np.ndarray, n_perm: int, seed: int, cache: dict) -> float:
    """Two-sided sign-flip p-value of the mean paired difference."""
    m = len(d)
    key = ("sign", m)
    if key not in cache:
        cache[key] = _sign_matrix(m, n_perm, seed)
    signs, exact = cache[key]
    stats = signs @ d / m
    observed = abs(d.mean())
    tol = 1e-9 * max(1.0, float(np.abs(d).max()))
    hits = int(np.count_nonzero(np.abs(stats) >= observed - tol))
    if exact:
        return hits / len(stats)
    return (hits + 1) / (len(stats) + 1)


def compare_outlets(
    df: pd.DataFrame,
    *,
    metrics: Sequence[str] | None = None,
    by: str = "outlet",
    within: str | None = None,
    paired_by: str | None = None,
    pairs: Sequence[tuple[str, str]] | None = None,
    n_perm: int = 2000,
    seed: int = 0,
    correction: str = "holm",
) -> pd.DataFrame:
    """Compare every pair of outlets on every metric: difference, permutation test, effect sizes.

    Parameters
    ----------
    df : pandas.DataFrame
        Wide (``Results.articles``) or long (``Results.scores``) table.
    metrics : sequence of str, optional
        Metrics to compare; by default all (see :func:`outlet_means`).
    by : str
        Column naming the groups to compare (the outlet).
    within : str, optional
        Compare separately within each value of this column (``"event_id"``: outlet against
        outlet on the same event); it becomes the first output column.
    paired_by : str, optional
        Pair the outlets' values by this column (``"event_id"``): each outlet's values are
        averaged per event, and only events that both outlets covered are compared, with a
        sign-flip permutation test of the mean paired difference. Cannot be combined with
        ``within``.
    pairs : sequence of (str, str), optional
        The pairs to compare, in the orientation wanted; by default every pair of distinct
        values of ``by`` in sorted order (``outlet_a < outlet_b``).
    n_perm : int
        Permutations per test (>= 100). When the number of distinct splits (or sign flips) is at
        most ``n_perm``, all of them are enumerated and the p-value is exact; otherwise it is
        ``(1 + hits) / (1 + n_perm)`` (Phipson & Smyth 2010).
    seed : int
        Seed of the random permutations; they depend only on the seed and the sample sizes.
    correction : {"holm", "fdr_bh", "bonferroni", "none"}
        Adjustment applied over all the p-values of the returned table (see
        :func:`adjust_pvalues`).

    Returns
    -------
    pandas.DataFrame
        One row per ``(within?, metric, outlet_a, outlet_b)``, sorted, with columns
        ``[within], metric, outlet_a, outlet_b, n_a, n_b, mean_a, mean_b, diff, cohens_d,
        hedges_g, cliffs_delta, p_value, p_adjusted`` (and ``n_pairs`` when ``paired_by`` is
        given). ``diff = mean_a - mean_b``; a positive effect size means ``outlet_a`` scores
        higher. ``p_value`` is two-sided, NaN when a group has no values. Paired comparisons
        report ``cohens_d`` as d_z (mean over standard deviation of the paired differences),
        ``hedges_g`` as d_z with the small-sample correction, and Cliff's delta over the paired
        event means.

    Raises
    ------
    SchemaError
        If a column is missing.
    InvalidInputError
        If an option is out of range or ``pairs`` names an unknown outlet.

    References
    ----------
    Good, P. (2005). *Permutation, Parametric and Bootstrap Tests of Hypotheses* (3rd ed.).

    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero. *Statistical
    Applications in Genetics and Molecular Biology*, 9(1).

    See Also
    --------
    compare.stats.compare_groups : outlets or groups of outlets compared across the stories they
        share, with the story as a blocking factor, intervals and a "too little shared coverage"
        status; use it for coverage data, where articles on one story are not independent.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"outlet": list("AAABBB"), "x": [1.0, 2, 3, 4, 5, 6]})
    >>> row = compare_outlets(df).iloc[0]
    >>> row["diff"], row["p_value"]
    (np.float64(-3.0), np.float64(0.1))
    """
    import pandas as pd

    caller = "compare_outlets"
    check_choice(correction, CORRECTIONS, name="correction", caller=caller)
    if not (isinstance(n_perm, int) and n_perm >= 100):
        msg = f"The 'n_perm' parameter of {caller} must be an int >= 100. Got {n_perm!r} instead."
        raise InvalidInputError(msg)
    if within is not None and paired_by is not None:
        msg = f"The 'within' and 'paired_by' parameters of {caller} cannot both be given."
        raise InvalidInputError(msg)
    keys = [by] + ([within] if within else []) + ([paired_by] if paired_by else [])
    long = _long_form(df, metrics=metrics, keys=keys, caller=caller)
    all_groups = sorted({str(v) for v in df[by].dropna().unique()})
    pair_list = _pair_list(all_groups, pairs, caller)
    columns = [
        *([within] if within else []),
        "metric",
        "outlet_a",
        "outlet_b",
        "n_a",
        "n_b",
        *(["n_pairs"] if paired_by else []),
        "mean_a",
        "mean_b",
        "diff",
        "cohens_d",
        "hedges_g",
        "cliffs_delta",
        "p_value",
        "p_adjusted",
    ]
    long[by] = long[by].astype(str)
    cache: dict = {}
    rows: list[tuple] = []
    if paired_by:
        for metric, mpart in long.groupby("metric", sort=False):
            table = mpart.groupby([paired_by, by], sort=True)["value"].mean().unstack(by)
            columns_of = {str(c): table[c].to_numpy(dtype="float64") for c in table.columns}
            for a, b in pair_list:
                rows.append((metric, a, b, *_paired_row(columns_of, a, b, n_perm, seed, cache)))
    elif not long.empty:
        wide = long.groupby(["_unit", "metric"], sort=True)["value"].mean().unstack("metric")
        metric_names = [str(m) for m in wide.columns]
        info = long.drop_duplicates("_unit").set_index("_unit").reindex(wide.index)
        values = wide.to_numpy(dtype="float64")
        groups = info[by].to_numpy()
        if within:
            codes, labels = info[within].factorize(sort=False, use_na_sentinel=False)
            for code, label in enumerate(labels):
                sel = codes == code
                stratum_rows = _unpaired_rows(values[sel], groups[sel], metric_names, pair_list, n_perm, seed)
                rows.extend((label, *r) for r in stratum_rows)
        else:
            rows.extend(_unpaired_rows(values, groups, metric_names, pair_list, n_perm, seed))
    if not rows:
        empty = {c: pd.Series(dtype="float64") for c in columns}
        for c in ([within] if within else []) + ["metric", "outlet_a", "outlet_b"]:
            empty[c] = pd.Series(dtype=object)
        return pd.DataFrame(empty)
    out = pd.DataFrame([(*r, math.nan) for r in rows], columns=columns)
    for c in ("n_a", "n_b", *(["n_pairs"] if paired_by else [])):
        out[c] = out[c].astype("int64")
    out = _sort(out, [*([within] if within else []), "metric", "outlet_a", "outlet_b"])
    out["p_adjusted"] = adjust_pvalues(out["p_value"].to_numpy(), method=correction)
    return out


def _unpaired_rows(
    values: np.ndarray, groups: np.ndarray, metrics: list[str], pair_list: list[tuple[str, str]], n_perm: int, seed: int
) -> list:
    """Rows ``(metric, a, b, n_a, n_b, mean_a, mean_b, diff, d, g, delta, p)`` for one stratum.

    ``values`` is units x metrics (NaN where missing), ``groups`` the outlet of each unit.
    Metrics observed on the same units are tested together (one matrix product per pair).
    """
    present = set(groups.tolist())
    rows = []
    finite = np.isfinite(values)
    for a, b in pair_list:
        if a not in present and b not in present:
            continue
        sel_a, sel_b = groups == a, groups == b
        both = sel_a | sel_b
        patterns: dict[bytes, list[int]] = {}
        for j in range(len(metrics)):
            patterns.setdefault((finite[:, j] & both).tobytes(), []).append(j)
        for cols in patterns.values():
            rows_mask = finite[:, cols[0]] & both
            pooled = values[rows_mask][:, cols]  # units in table order, whatever the labels
            is_a = sel_a[rows_mask]
            x, y = pooled[is_a], pooled[~is_a]
            na, nb = len(x), len(y)
            if na == 0 and nb == 0:
                continue
            pvals = _perm_pvalues(pooled, is_a, n_perm, seed) if na and nb else np.full(len(cols), math.nan)
            mean_a, mean_b, d, g, delta = _effect_sizes(x, y)
            for i, j in enumerate(cols):
                rows.append(
                    (metrics[j], a, b, na, nb, float(mean_a[i]), float(mean_b[i]), float(mean_a[i] - mean_b[i]),
                     float(d[i]), float(g[i]), float(delta[i]), float(pvals[i]))
                )
    return rows


def _mean(x: np.ndarray) -> Any:
    """Column means computed around the first row, so a constant column gives its value exactly."""
    return x[0] + (x - x[0]).mean(axis=0)


def _effect_sizes(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, ...]:
    """Column-wise means, Cohen's d, Hedges' g and Cliff's delta of x (n_a x m) and y (n_b x m)."""
    na, nb, m = len(x), len(y), x.shape[1]
    nan = np.full(m, np.nan)
    mean_a = _mean(x) if na else nan
    mean_b = _mean(y) if nb else nan
    if na and nb and na + nb >= 3:
        ss = ((x - mean_a) ** 2).sum(axis=0) + ((y - mean_b) ** 2).sum(axis=0)
        pooled = np.sqrt(ss / (na + nb - 2))
        with np.errstate(invalid="ignore", divide="ignore"):
            d = np.where(pooled > 0, (mean_a - mean_b) / np.where(pooled > 0, pooled, 1.0), np.nan)
        g = d * _hedges_j(na + nb - 2)
    else:
        d = g = nan
    if not (na and nb):
        delta = nan
    elif na * nb * m <= 2_000_000:
        delta = np.sign(x[:, None, :] - y[None, :, :]).sum(axis=(0, 1)) / (na * nb)
    else:
        delta = np.array([_cliffs_delta(x[:, j], y[:, j]) for j in range(m)])
    return mean_a, mean_b, d, g, delta


def _paired_row(columns_of: dict[str, np.ndarray], a: str, b: str, n_perm: int, seed: int, cache: dict) -> tuple:
    col_a = columns_of.get(a)
    col_b = columns_of.get(b)
    na = int(np.isfinite(col_a).sum()) if col_a is not None else 0
    nb = int(np.isfinite(col_b).sum()) if col_b is not None else 0
    if col_a is None or col_b is None:
        both = np.empty((0, 2))
    else:
        both = np.column_stack([col_a, col_b])
        both = both[np.isfinite(both).all(axis=1)]
    m = len(both)
    if m == 0:
        return (na, nb, 0, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan, math.nan)
    x, y = both[:, 0], both[:, 1]
    d = x - y
    sd = float(d.std(ddof=1)) if m > 1 else math.nan
    dz = float(d.mean() / sd) if m > 1 and sd > 0 else math.nan
    g = dz * _hedges_j(m - 1) if not math.isnan(dz) else math.nan
    p = _paired_pvalue(d, n_perm, seed, cache)
    return (
        na,
        nb,
        m,
        float(_mean(x)),
        float(_mean(y)),
        float(_mean(x) - _mean(y)),
        dz,
        float(g),
        _cliffs_delta(x, y),
        float(p),
    )


def _pair_list(
    all_groups: Sequence[str], pairs: Sequence[tuple[Any, Any]] | None, caller: str
) -> list[tuple[str, str]]:
    """The pairs to compare: every pair of ``all_groups``, or ``pairs`` checked against them."""
    if pairs is None:
        return list(itertools.combinations(all_groups, 2))
    pair_list = [(str(a), str(b)) for a, b in pairs]
    unknown = sorted({g for p in pair_list for g in p} - set(all_groups))
    if unknown:
        msg = f"The 'pairs' parameter of {caller} names unknown groups {unknown!r}; known: {all_groups!r}."
        raise InvalidInputError(msg)
    return pair_list
