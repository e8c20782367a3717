"""Tests of compare.stats: bootstrap means, permutation tests, effect sizes, p-value adjustment."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from compare.exceptions import InvalidInputError, SchemaError
from compare.stats import (
    adjust_pvalues,
    cliffs_delta,
    cohens_d,
    compare_outlets,
    hedges_g,
    metric_columns,
    outlet_means,
)

# ----------------------------------------------------------------------------------------------
# strategies
# ----------------------------------------------------------------------------------------------
values = st.floats(min_value=-100, max_value=100, allow_nan=False).map(lambda v: round(v, 3))


@st.composite
def score_frames(draw, *, min_outlets=2, max_outlets=4):
    n_outlets = draw(st.integers(min_outlets, max_outlets))
    outlets = [f"O{i}" for i in range(n_outlets)]
    rows = []
    for outlet in outlets:
        for _ in range(draw(st.integers(1, 5))):
            rows.append(
                {
                    "outlet": outlet,
                    "m1": draw(values),
                    "m2": draw(st.one_of(values, st.just(float("nan")))),
                }
            )
    order = draw(st.permutations(range(len(rows))))
    return pd.DataFrame([rows[i] for i in order])


PROPS = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ----------------------------------------------------------------------------------------------
# adjust_pvalues against hand calculations
# ----------------------------------------------------------------------------------------------
def _holm_by_hand(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def _bh_by_hand(p):
    m = len(p)
    order = sorted(range(m), key=lambda i: p[i])
    out = [0.0] * m
    running = 1.0
    for rank in range(m - 1, -1, -1):
        i = order[rank]
        running = min(running, m / (rank + 1) * p[i])
        out[i] = min(running, 1.0)
    return out


@pytest.mark.parametrize(
    ("p", "method", "expected"),
    [
        ([0.01, 0.04, 0.03], "holm", [0.03, 0.06, 0.06]),
        ([0.01, 0.04, 0.03], "fdr_bh", [0.03, 0.04, 0.04]),
        ([0.01, 0.04, 0.03], "bonferroni", [0.03, 0.12, 0.09]),
        ([0.2, 0.5], "none", [0.2, 0.5]),
        ([0.6, 0.9], "holm", [1.0, 1.0]),
    ],
)
def test_adjust_pvalues_table(p, method, expected):
    assert adjust_pvalues(p, method=method) == pytest.approx(expected, abs=1e-12)


@given(st.lists(st.floats(min_value=0, max_value=1), min_size=1, max_size=30))
@PROPS
def test_adjust_pvalues_matches_hand_and_scipy(p):
    assert adjust_pvalues(p, method="holm") == pytest.approx(_holm_by_hand(p), abs=1e-12)
    bh = adjust_pvalues(p, method="fdr_bh")
    assert bh == pytest.approx(_bh_by_hand(p), abs=1e-12)
    assert bh == pytest.approx(sps.false_discovery_control(p, method="bh"), abs=1e-12)
    # adjusted p-values never fall below the raw ones
    assert np.all(adjust_pvalues(p, method="holm") >= np.asarray(p) - 1e-15)


def test_adjust_pvalues_keeps_nan_out_of_the_count():
    out = adjust_pvalues([0.01, float("nan"), 0.02], method="bonferroni")
    assert math.isnan(out[1])
    assert out[[0, 2]] == pytest.approx([0.02, 0.04])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [({"method": "sidak"}, "'method' parameter"), ({"method": "holm"}, "values in")],
)
def test_adjust_pvalues_rejects(kwargs, match):
    p = [0.5] if kwargs["method"] == "sidak" else [1.5]
    with pytest.raises(InvalidInputError, match=match):
        adjust_pvalues(p, **kwargs)


# ----------------------------------------------------------------------------------------------
# effect sizes against hand calculations
# ----------------------------------------------------------------------------------------------
def test_effect_sizes_by_hand():
    a = [1.0, 2.0, 3.0, 4.0]
    b = [2.0, 4.0, 6.0]
    sp = math.sqrt((3 * np.var(a, ddof=1) + 2 * np.var(b, ddof=1)) / 5)
    d = (2.5 - 4.0) / sp
    assert cohens_d(a, b) == pytest.approx(d)
    dfree = 5
    j = math.gamma(dfree / 2) / (math.sqrt(dfree / 2) * math.gamma((dfree - 1) / 2))
    assert hedges_g(a, b) == pytest.approx(d * j)
    assert hedges_g(a, b) == pytest.approx(d * (1 - 3 / (4 * 7 - 9)), rel=0.02)
    pairs = [(x > y) - (x < y) for x in a for y in b]
    assert cliffs_delta(a, b) == pytest.approx(sum(pairs) / len(pairs))


def test_effect_sizes_undefined_are_nan():
    assert math.isnan(cohens_d([1.0, 1.0], [1.0, 1.0]))
    assert math.isnan(cohens_d([1.0], [2.0]))
    assert math.isnan(cliffs_delta([], [1.0]))
    assert cliffs_delta([1.0, float("nan")], [1.0]) == 0.0


# ----------------------------------------------------------------------------------------------
# compare_outlets
# ----------------------------------------------------------------------------------------------
def test_exact_permutation_pvalue_by_enumeration():
    a = np.array([1.0, 2.0, 3.5])
    b = np.array([4.0, 5.0, 6.0, 2.5])
    df = pd.DataFrame({"outlet": ["A"] * 3 + ["B"] * 4, "x": np.r_[a, b]})
    row = compare_outlets(df, n_perm=1000).iloc[0]
    pooled = np.r_[a, b]
    obs = abs(a.mean() - b.mean())
    hits = total = 0
    for idx in itertools.combinations(range(7), 3):
        mask = np.zeros(7, bool)
        mask[list(idx)] = True
        total += 1
        hits += abs(pooled[mask].mean() - pooled[~mask].mean()) >= obs - 1e-12
    assert row["p_value"] == pytest.approx(hits / total)
    assert row["diff"] == pytest.approx(a.mean() - b.mean())
    assert (row["n_a"], row["n_b"]) == (3, 4)


def test_monte_carlo_pvalue_close_to_exact():
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"outlet": ["A"] * 12 + ["B"] * 12, "x": np.r_[rng.normal(0, 1, 12), rng.normal(1, 1, 12)]})
    mc = compare_outlets(df, n_perm=4000, seed=1).iloc[0]["p_value"]
    ref = sps.permutation_test(
        (df.x[:12].to_numpy(), df.x[12:].to_numpy()),
        lambda x, y, axis: np.mean(x, axis=axis) - np.mean(y, axis=axis),
        n_resamples=20000,
        vectorized=True,
        rng=0,
    ).pvalue
    assert mc == pytest.approx(ref, abs=0.02)
    assert mc > 0


def test_nan_dropped_per_metric_and_counted():
    df = pd.DataFrame(
        {"outlet": ["A", "A", "B", "B", "B"], "x": [1.0, np.nan, 2.0, 3.0, np.nan], "y": [1.0, 2, 3, 4, 5]}
    )
    out = compare_outlets(df).set_index("metric")
    assert out.loc["x", ["n_a", "n_b"]].tolist() == [1, 2]
    assert out.loc["y", ["n_a", "n_b"]].tolist() == [2, 3]


def test_within_event_and_long_form_agree():
    df = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(8)],
            "event_id": ["e1"] * 4 + ["e2"] * 4,
            "outlet": ["A", "A", "B", "B"] * 2,
            "x": [1.0, 2.0, 5.0, 6.0, 3.0, 3.5, 1.0, 0.5],
        }
    )
    wide = compare_outlets(df, within="event_id")
    long = df.melt(id_vars=["article_id", "event_id", "outlet"], var_name="metric", value_name="value")
    from_long = compare_outlets(long, within="event_id")
    assert wide["event_id"].tolist() == ["e1", "e2"]
    pd.testing.assert_frame_equal(wide, from_long)


def test_paired_by_event():
    df = pd.DataFrame(
        {
            "event_id": ["e1", "e1", "e2", "e2", "e3", "e3", "e4"],
            "outlet": ["A", "B"] * 3 + ["A"],
            "x": [1.0, 2.0, 1.0, 3.0, 2.0, 5.0, 9.0],
        }
    )
    row = compare_outlets(df, paired_by="event_id").iloc[0]
    d = np.array([-1.0, -2.0, -3.0])
    assert row["n_pairs"] == 3
    assert row["diff"] == pytest.approx(d.mean())
    assert row["cohens_d"] == pytest.approx(d.mean() / d.std(ddof=1))
    # all 8 sign flips: only the two with all signs equal reach |mean| = 2
    assert row["p_value"] == pytest.approx(2 / 8)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"correction": "sidak"}, InvalidInputError, "'correction'"),
        ({"n_perm": 10}, InvalidInputError, "'n_perm'"),
        ({"by": "source"}, SchemaError, "source"),
        ({"metrics": ["nope"]}, SchemaError, "nope"),
        ({"pairs": [("A", "Z")]}, InvalidInputError, "'pairs'"),
        ({"within": "event_id", "paired_by": "event_id"}, InvalidInputError, "cannot both"),
    ],
)
def test_compare_outlets_rejects(kwargs, error, match):
    df = pd.DataFrame({"outlet": ["A", "B"], "event_id": ["e", "e"], "x": [1.0, 2.0]})
    with pytest.raises(error, match=match):
        compare_outlets(df, **kwargs)


def test_empty_table_gives_empty_frame_with_columns():
    df = pd.DataFrame({"outlet": pd.Series([], dtype=object), "x": pd.Series([], dtype=float)})
    out = compare_outlets(df)
    assert out.empty
    assert {"metric", "outlet_a", "outlet_b", "p_value", "p_adjusted"} <= set(out.columns)
    means = outlet_means(df)
    assert means.empty
    assert {"outlet", "metric", "mean", "ci_low"} <= set(means.columns)


def test_metric_columns_skip_identifiers():
    df = pd.DataFrame({"article_id": ["a"], "start": [0], "outlet": ["A"], "x": [1.0], "flag": [True]})
    assert metric_columns(df) == ["x", "flag"]


# ----------------------------------------------------------------------------------------------
# properties
# ----------------------------------------------------------------------------------------------
@given(score_frames(), st.permutations([f"N{i}" for i in range(4)]))
@PROPS
def test_relabelling_outlets_permutes_the_output(df, new_names):
    mapping = {f"O{i}": new_names[i] for i in range(4)}
    before = compare_outlets(df, n_perm=200)
    after = compare_outlets(df.assign(outlet=df.outlet.map(mapping)), n_perm=200)
    # bring "before" into the new names and orientation
    renamed = before.assign(outlet_a=before.outlet_a.map(mapping), outlet_b=before.outlet_b.map(mapping))
    flip = renamed.outlet_a > renamed.outlet_b
    cols = ["metric", "outlet_a", "outlet_b", "n_a", "n_b", "mean_a", "mean_b", "diff", "cohens_d", "cliffs_delta", "p_value"]
    swapped = renamed.copy()
    swapped.loc[flip, ["outlet_a", "outlet_b"]] = renamed.loc[flip, ["outlet_b", "outlet_a"]].to_numpy()
    swapped.loc[flip, ["n_a", "n_b"]] = renamed.loc[flip, ["n_b", "n_a"]].to_numpy()
    swapped.loc[flip, ["mean_a", "mean_b"]] = renamed.loc[flip, ["mean_b", "mean_a"]].to_numpy()
    for c in ("diff", "cohens_d", "cliffs_delta"):
        swapped.loc[flip, c] = -renamed.loc[flip, c]
    key = ["metric", "outlet_a", "outlet_b"]
    left = swapped[cols].sort_values(key).reset_index(drop=True)
    right = after[cols].sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False, atol=1e-12)

    m_before = outlet_means(df, n_boot=200).assign(outlet=lambda d: d.outlet.map(mapping))
    m_after = outlet_means(df.assign(outlet=df.outlet.map(mapping)), n_boot=200)
    pd.testing.assert_frame_equal(
        m_before.sort_values(["outlet", "metric"]).reset_index(drop=True),
        m_after.sort_values(["outlet", "metric"]).reset_index(drop=True),
    )


@given(score_frames(min_outlets=2, max_outlets=2))
@PROPS
def test_swapping_a_pair_flips_the_sign(df):
    ab = compare_outlets(df, pairs=[("O0", "O1")], n_perm=200)
    ba = compare_outlets(df, pairs=[("O1", "O0")], n_perm=200)
    for c in ("diff", "cohens_d", "hedges_g", "cliffs_delta"):
        np.testing.assert_allclose(ab[c], -ba[c], atol=1e-12)
    np.testing.assert_allclose(ab["p_value"], ba["p_value"])
    assert ab["n_a"].tolist() == ba["n_b"].tolist()


@given(score_frames(), values)
@PROPS
def test_constant_metric_gives_zero_difference_and_p_one(df, constant):
    out = compare_outlets(df.assign(m1=constant), metrics=["m1"], n_perm=200)
    assert np.all(out["diff"] == 0)
    assert np.all(out["p_value"] == 1)
    assert np.all(out["cliffs_delta"] == 0)
    means = outlet_means(df.assign(m1=constant), metrics=["m1"], n_boot=200)
    assert np.all(means["mean"] == constant)
    multi = means[means.n > 1]
    assert np.all((multi.ci_low == constant) & (multi.ci_high == constant))


@given(score_frames(), st.integers(0, 2**16))
@PROPS
def test_same_seed_same_output(df, seed):
    pd.testing.assert_frame_equal(
        compare_outlets(df, n_perm=150, seed=seed), compare_outlets(df, n_perm=150, seed=seed)
    )
    pd.testing.assert_frame_equal(outlet_means(df, n_boot=150, seed=seed), outlet_means(df, n_boot=150, seed=seed))


@given(score_frames())
@PROPS
def test_means_and_intervals_are_consistent(df):
    out = outlet_means(df, n_boot=300)
    for (outlet, metric), row in out.set_index(["outlet", "metric"]).iterrows():
        vals = df.loc[df.outlet == outlet, metric].dropna()
        assert row["n"] == len(vals)
        assert row["mean"] == pytest.approx(vals.mean())
        if len(vals) > 1:
            assert vals.min() - 1e-9 <= row["ci_low"] <= row["mean"] + 1e-9 <= row["ci_high"] + 2e-9
            assert row["ci_high"] <= vals.max() + 1e-9
        else:
            assert math.isnan(row["ci_low"])


def test_bootstrap_interval_covers_and_narrows_with_n():
    rng = np.random.default_rng(0)
    small = pd.DataFrame({"outlet": "A", "x": rng.normal(10, 2, 20)})
    large = pd.DataFrame({"outlet": "A", "x": rng.normal(10, 2, 400)})
    s = outlet_means(small).iloc[0]
    big = outlet_means(large).iloc[0]
    assert s.ci_low < 10 < s.ci_high or abs(s["mean"] - 10) < 1.5
    assert (big.ci_high - big.ci_low) < (s.ci_high - s.ci_low)
    # the percentile interval is close to mean +- 1.96 sd/sqrt(n)
    half = 1.96 * big.sd / math.sqrt(400)
    assert big.ci_high - big.ci_low == pytest.approx(2 * half, rel=0.15)


def test_grouping_by_event_and_outlet():
    df = pd.DataFrame({"event_id": ["e1", "e1", "e2"], "outlet": ["A", "A", "A"], "x": [1.0, 3.0, 7.0]})
    out = outlet_means(df, by=["event_id", "outlet"])
    assert out[["event_id", "outlet", "n", "mean"]].to_dict("records") == [
        {"event_id": "e1", "outlet": "A", "n": 2, "mean": 2.0},
        {"event_id": "e2", "outlet": "A", "n": 1, "mean": 7.0},
    ]
