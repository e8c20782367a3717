"""Tests of compare.stats: bootstrap means, permutation tests, effect sizes, p-value adjustment, and the
story-blocked comparisons (compare_groups, group_profiles)."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scipy import stats as sps

from compare.exceptions import CompareWarning, InvalidInputError, SchemaError
from compare.stats import (
    GROUP_COLUMNS,
    PROFILE_COLUMNS,
    STATUS_NOT_CONNECTED,
    STATUS_TESTED,
    STATUS_TOO_LITTLE,
    adjust_pvalues,
    cliffs_delta,
    cohens_d,
    compare_groups,
    compare_outlets,
    group_profiles,
    hedges_g,
    metric_columns,
    min_attainable_p,
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


# ==============================================================================================
# story-blocked comparisons: compare_groups, group_profiles, min_attainable_p
# ==============================================================================================


def _paired_frame(a_values, b_values, *, story_effects=None, reps_a=1, reps_b=1):
    """Outlets A and B on stories s0..s(m-1); each cell repeated reps times."""
    rows = []
    for i, (va, vb) in enumerate(zip(a_values, b_values, strict=True)):
        shift = 0.0 if story_effects is None else story_effects[i]
        rows += [{"event_id": f"s{i}", "outlet": "A", "x": va + shift}] * reps_a
        rows += [{"event_id": f"s{i}", "outlet": "B", "x": vb + shift}] * reps_b
    return pd.DataFrame(rows)


def _sign_flip_by_hand(d):
    d = np.asarray(d, dtype=float)
    obs = abs(d.mean())
    hits = total = 0
    for signs in itertools.product((1, -1), repeat=len(d)):
        total += 1
        hits += abs((np.asarray(signs) * d).mean()) >= obs - 1e-12
    return hits / total


def test_min_attainable_p_table():
    assert [min_attainable_p(m) for m in range(7)] == [1.0, 1.0, 0.5, 0.25, 0.125, 0.0625, 0.03125]
    assert min_attainable_p(3, 4, unit="outlet") == pytest.approx(1 / 35)
    assert min_attainable_p(3, 3, unit="outlet") == pytest.approx(2 / 20)
    assert min_attainable_p(0, 4, unit="outlet") == 1.0
    with pytest.raises(InvalidInputError, match="'n_b'"):
        min_attainable_p(3, unit="outlet")


def test_six_shared_stories_exact_case_by_hand():
    a = [1.0, 2.0, 0.5, 3.0, 1.0, 0.2]
    b = [0.0, 1.5, 0.0, 2.0, 0.8, 0.0]
    df = _paired_frame(a, b)
    row = compare_groups(df).iloc[0]
    d = np.subtract(a, b)
    assert row["status"] == STATUS_TESTED
    assert (row["group_a"], row["group_b"], row["n_stories"]) == ("A", "B", 6)
    assert row["diff"] == pytest.approx(d.mean())
    assert (row["mean_a"], row["mean_b"]) == (pytest.approx(np.mean(a)), pytest.approx(np.mean(b)))
    half = sps.t.ppf(0.975, 5) * d.std(ddof=1) / math.sqrt(6)
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(d.mean() - half), pytest.approx(d.mean() + half))
    # all six differences positive: only the identity and its mirror reach |mean| -> p = 2 / 64
    assert row["p_value"] == pytest.approx(2 / 64)
    assert row["min_p"] == pytest.approx(2 / 64)
    # sd_within: articles around their story's mean (two articles per story -> 6 degrees of freedom)
    sd = math.sqrt(sum((x - (x + y) / 2) ** 2 + (y - (x + y) / 2) ** 2 for x, y in zip(a, b, strict=True)) / 6)
    assert row["sd_within"] == pytest.approx(sd)
    assert row["std_diff"] == pytest.approx(d.mean() / sd)
    assert row["std_ci_low"] == pytest.approx((d.mean() - half) / sd)
    assert list(compare_groups(df).columns) == list(GROUP_COLUMNS)


def test_five_shared_stories_are_too_little_and_say_so():
    df = _paired_frame([5.0, 6, 7, 8, 9], [0.0, 1, 2, 3, 4])
    row = compare_groups(df).iloc[0]
    assert row["status"] == STATUS_TOO_LITTLE
    assert row["n_stories"] == 5
    assert row["min_p"] == pytest.approx(0.0625)
    assert math.isnan(row["p_value"])
    assert math.isnan(row["p_adjusted"])
    # the estimate and its interval are still reported
    assert row["diff"] == pytest.approx(5.0)
    assert row["ci_low"] == row["ci_high"] == pytest.approx(5.0)
    # a stricter alpha needs more stories; a looser one fewer
    assert compare_groups(df, alpha=0.1).iloc[0]["status"] == STATUS_TESTED


def test_no_shared_story():
    df = pd.DataFrame({"event_id": ["s1", "s2"], "outlet": ["A", "B"], "x": [1.0, 2.0]})
    row = compare_groups(df).iloc[0]
    assert row["status"] == STATUS_TOO_LITTLE
    assert row["n_stories"] == 0
    assert math.isnan(row["diff"])
    assert math.isnan(row["ci_low"])


def test_untested_rows_do_not_count_in_the_adjustment():
    # C is tested against A (6 shared stories); B shares only 2 stories with each
    rows = [{"event_id": f"s{i}", "outlet": o, "x": float(i + (o == "A"))} for i in range(6) for o in "AC"]
    rows += [{"event_id": f"s{i}", "outlet": "B", "x": 0.5} for i in range(2)]
    out = compare_groups(pd.DataFrame(rows)).set_index(["group_a", "group_b"])
    assert out.loc[("A", "C"), "status"] == STATUS_TESTED
    assert out.loc[("A", "B"), "status"] == STATUS_TOO_LITTLE
    assert out.loc[("B", "C"), "status"] == STATUS_TOO_LITTLE
    assert out.loc[("A", "C"), "p_adjusted"] == out.loc[("A", "C"), "p_value"]


def test_sign_flip_pvalue_matches_enumeration_and_monte_carlo():
    rng = np.random.default_rng(5)
    a, b = rng.normal(0.3, 1, 12), rng.normal(0, 1, 12)
    by_hand = _sign_flip_by_hand(a - b)
    # 2**12 = 4096 sign patterns <= n_perm: all enumerated
    assert compare_groups(_paired_frame(a, b)).iloc[0]["p_value"] == pytest.approx(by_hand)
    # n_perm = 1000 < 4096: random sign flips, (1 + hits) / (1 + n_perm), close to the exact value
    mc = compare_groups(_paired_frame(a, b), n_perm=1000, seed=3).iloc[0]["p_value"]
    assert mc != pytest.approx(by_hand, abs=1e-9)
    assert mc == pytest.approx(by_hand, abs=0.04)


def test_blocking_removes_the_story_effect():
    # A and B agree on six shared stories; A alone covered three stories that score far higher
    shared = [1.0, 2.0, 3.0, 1.5, 2.5, 0.5]
    rows = [{"event_id": f"s{i}", "outlet": o, "x": v} for i, v in enumerate(shared) for o in "AB"]
    rows += [{"event_id": f"hot{i}", "outlet": "A", "x": 20.0 + i} for i in range(3)]
    df = pd.DataFrame(rows)
    naive = compare_outlets(df).iloc[0]
    assert naive["diff"] > 5
    row = compare_groups(df).iloc[0]
    assert row["diff"] == 0
    assert row["p_value"] == 1
    profiles = group_profiles(df).set_index("group")
    assert profiles.loc["A", "adjusted_mean"] == pytest.approx(profiles.loc["B", "adjusted_mean"])
    assert profiles.loc["A", "mean"] > profiles.loc["B", "mean"] + 5


def test_several_articles_per_cell_count_once():
    rng = np.random.default_rng(2)
    a, b = rng.normal(size=7), rng.normal(size=7)
    one = compare_groups(_paired_frame(a, b))
    many = compare_groups(_paired_frame(a, b, reps_a=4, reps_b=2))
    cols = ["n_stories", "mean_a", "mean_b", "diff", "ci_low", "ci_high", "p_value"]
    pd.testing.assert_frame_equal(one[cols], many[cols])
    assert many.iloc[0][["n_articles_a", "n_articles_b"]].tolist() == [28, 14]


def test_wide_and_long_forms_agree():
    rng = np.random.default_rng(0)
    df = _paired_frame(rng.normal(size=8), rng.normal(size=8)).assign(y=lambda d: d.x**2)
    df["article_id"] = [f"a{i}" for i in range(len(df))]
    long = df.melt(id_vars=["article_id", "event_id", "outlet"], var_name="metric", value_name="value")
    pd.testing.assert_frame_equal(compare_groups(df), compare_groups(long))
    pd.testing.assert_frame_equal(group_profiles(df), group_profiles(long))


def test_articles_without_a_story_are_left_out_with_a_warning():
    df = _paired_frame([1.0] * 6, [0.0] * 6)
    extra = pd.DataFrame({"event_id": [None], "outlet": ["A"], "x": [100.0]})
    with pytest.warns(CompareWarning, match="1 article"):
        out = compare_groups(pd.concat([df, extra], ignore_index=True))
    assert out.iloc[0]["diff"] == 1.0


# ----------------------------------------------------------------------------------------------
# groups of outlets
# ----------------------------------------------------------------------------------------------
def _grouped_frame(seed=0, n_stories=8, effect=0.0):
    rng = np.random.default_rng(seed)
    rows = []
    for s in range(n_stories):
        story = rng.normal(0, 3)
        for o, group in zip(["RT", "TASS", "Sputnik", "BBC", "Reuters", "AP", "DW"], "SSSIIII", strict=True):
            if rng.random() < 0.2:
                continue
            for _ in range(1 + rng.integers(0, 3)):
                rows.append({"event_id": f"s{s}", "outlet": o, "state": group,
                             "x": story + (effect if group == "S" else 0) + rng.normal()})
    return pd.DataFrame(rows)


def test_group_by_column_or_mapping_agree():
    df = _grouped_frame()
    by_col = compare_groups(df, by="state")
    mapping = dict(zip(df.outlet, df.state, strict=True))
    by_map = compare_groups(df.drop(columns="state"), by=mapping)
    pd.testing.assert_frame_equal(by_col, by_map)
    # names are matched by their normalised key
    spaced = {f" the {k.upper()} (Online) ": v for k, v in mapping.items()}
    pd.testing.assert_frame_equal(by_col, compare_groups(df.drop(columns="state"), by=spaced))
    assert by_col.iloc[0][["group_a", "group_b"]].tolist() == ["I", "S"]
    assert by_col.iloc[0]["n_outlets_a"] == 4


def test_group_story_value_weighs_outlets_equally():
    # group G = {A, B}: A ran 3 articles scoring 3, B one scoring 1 -> the group's story value is 2
    rows = []
    for s in range(6):
        rows += [{"event_id": f"s{s}", "outlet": "A", "x": 3.0}] * 3
        rows += [{"event_id": f"s{s}", "outlet": "B", "x": 1.0}, {"event_id": f"s{s}", "outlet": "C", "x": 0.0}]
    out = compare_groups(pd.DataFrame(rows), by={"A": "G", "B": "G", "C": "H"}).iloc[0]
    assert out["mean_a"] == pytest.approx(2.0)
    assert out["diff"] == pytest.approx(2.0)
    assert (out["n_outlets_a"], out["n_articles_a"]) == (2, 24)


def test_outlets_missing_from_the_mapping_warn():
    df = _grouped_frame()
    with pytest.warns(CompareWarning, match="1 outlet"):
        out = compare_groups(df, by={k: v for k, v in zip(df.outlet, df.state, strict=True) if k != "DW"})
    assert out.iloc[0]["n_outlets_a"] == 3


def test_unit_outlet_exact_case():
    # complete design: every outlet on every story; story-adjusted outlet means are the outlets'
    # means minus a common constant, and the test enumerates the 35 splits of 3 + 4 outlets
    rng = np.random.default_rng(4)
    outlets = ["o1", "o2", "o3", "o4", "o5", "o6", "o7"]
    level = dict(zip(outlets, rng.normal(size=7), strict=True))
    story = rng.normal(0, 5, 5)
    rows = [{"event_id": f"s{s}", "outlet": o, "x": story[s] + level[o] + rng.normal(0, 0.1)}
            for s in range(5) for o in outlets]
    df = pd.DataFrame(rows)
    groups = {o: ("a" if i < 3 else "b") for i, o in enumerate(outlets)}
    row = compare_groups(df, by=groups, unit="outlet").iloc[0]
    means = df.groupby("outlet")["x"].mean()
    x, y = means[outlets[:3]].to_numpy(), means[outlets[3:]].to_numpy()
    assert row["diff"] == pytest.approx(x.mean() - y.mean())
    pooled = np.r_[x, y]
    obs = abs(x.mean() - y.mean())
    hits = sum(
        abs(pooled[list(c)].mean() - np.delete(pooled, list(c)).mean()) >= obs - 1e-12
        for c in itertools.combinations(range(7), 3)
    )
    assert row["p_value"] == pytest.approx(hits / 35)
    assert row["status"] == STATUS_TESTED
    assert (row["n_outlets_a"], row["n_outlets_b"], row["n_stories"]) == (3, 4, 5)
    welch = sps.ttest_ind(x, y, equal_var=False).confidence_interval(0.95)
    assert (row["ci_low"], row["ci_high"]) == (pytest.approx(welch.low), pytest.approx(welch.high))
    # two outlets a side cannot be tested
    two = compare_groups(df[df.outlet.isin(outlets[:2] + outlets[3:5])], by=groups, unit="outlet").iloc[0]
    assert two["status"] == STATUS_TOO_LITTLE
    assert two["min_p"] == pytest.approx(2 / 6)


# ----------------------------------------------------------------------------------------------
# group_profiles
# ----------------------------------------------------------------------------------------------
def test_profiles_balanced_design_are_means_over_stories_with_ols_intervals():
    rng = np.random.default_rng(1)
    rows = [{"event_id": f"s{s}", "outlet": o, "x": float(rng.normal(s, 1))} for s in range(5) for o in "ABC"]
    df = pd.DataFrame(rows)
    out = group_profiles(df).set_index("group")
    assert list(group_profiles(df).columns) == list(PROFILE_COLUMNS)
    means = df.groupby("outlet")["x"].mean()
    assert out["adjusted_mean"].to_numpy() == pytest.approx(means.to_numpy())
    # OLS by hand: x ~ story + outlet with full dummies, residual variance on (15 - 5 - 2) df
    story_d = pd.get_dummies(df.event_id).to_numpy(float)
    outlet_d = pd.get_dummies(df.outlet).to_numpy(float)[:, 1:]
    design = np.c_[story_d, outlet_d]
    beta, *_ = np.linalg.lstsq(design, df.x.to_numpy(), rcond=None)
    resid = df.x.to_numpy() - design @ beta
    sigma2 = resid @ resid / 8
    cov = sigma2 * np.linalg.inv(design.T @ design)
    for i, g in enumerate("ABC"):
        c = np.r_[np.full(5, 1 / 5), np.eye(2)[i - 1] if i else np.zeros(2)]
        assert out.loc[g, "adjusted_mean"] == pytest.approx(c @ beta)
        assert out.loc[g, "se"] == pytest.approx(math.sqrt(c @ cov @ c))
        half = sps.t.ppf(0.975, 8) * out.loc[g, "se"]
        assert out.loc[g, "ci_high"] - out.loc[g, "adjusted_mean"] == pytest.approx(half)
    assert set(out["status"]) == {"estimated"}


def test_profiles_unbalanced_design_match_ols():
    rng = np.random.default_rng(7)
    rows = [{"event_id": f"s{s}", "outlet": o, "x": float(rng.normal(s, 1))}
            for s in range(6) for o in "ABCD" if rng.random() < 0.7 or o == "A"]
    df = pd.DataFrame(rows)
    out = group_profiles(df).set_index("group")
    stories = sorted(df.event_id.unique())
    outlets = sorted(df.outlet.unique())
    story_d = pd.get_dummies(df.event_id).reindex(columns=stories).to_numpy(float)
    outlet_d = pd.get_dummies(df.outlet).reindex(columns=outlets).to_numpy(float)[:, 1:]
    design = np.c_[story_d, outlet_d]
    beta, *_ = np.linalg.lstsq(design, df.x.to_numpy(), rcond=None)
    for i, g in enumerate(outlets):
        c = np.r_[np.full(len(stories), 1 / len(stories)), np.eye(len(outlets) - 1)[i - 1] if i else
                  np.zeros(len(outlets) - 1)]
        assert out.loc[g, "adjusted_mean"] == pytest.approx(c @ beta)


def test_profiles_status_for_unconnected_and_thin_groups():
    rows = [{"event_id": f"s{s}", "outlet": o, "x": float(s + (o == "A"))} for s in range(3) for o in "AB"]
    rows += [{"event_id": "lonely", "outlet": "Z", "x": 5.0}]
    out = group_profiles(pd.DataFrame(rows)).set_index("group")
    assert out.loc["Z", "status"] == STATUS_NOT_CONNECTED
    assert math.isnan(out.loc["Z", "adjusted_mean"])
    assert out.loc["Z", "mean"] == 5.0
    assert out.loc["A", "status"] == "estimated"
    # one story, two outlets: an adjusted mean but no residual degree of freedom
    thin = group_profiles(pd.DataFrame(rows[:2])).set_index("group")
    assert set(thin["status"]) == {STATUS_TOO_LITTLE}
    assert thin["adjusted_mean"].tolist() == pytest.approx([1.0, 0.0])


# ----------------------------------------------------------------------------------------------
# validation
# ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"unit": "article"}, InvalidInputError, "'unit'"),
        ({"unit": "outlet"}, InvalidInputError, "groups of outlets"),
        ({"alpha": 5}, InvalidInputError, "'alpha'"),
        ({"ci": 1.5}, InvalidInputError, "'ci'"),
        ({"n_perm": 10}, InvalidInputError, "'n_perm'"),
        ({"correction": "sidak"}, InvalidInputError, "'correction'"),
        ({"block": "story"}, SchemaError, "story"),
        ({"by": "leaning"}, SchemaError, "leaning"),
        ({"by": ["outlet"]}, TypeError, "'by'"),
        ({"block": "outlet"}, InvalidInputError, "'block'"),
        ({"pairs": [("A", "Z")]}, InvalidInputError, "'pairs'"),
        ({"metrics": ["nope"]}, SchemaError, "nope"),
        ({"by": {"A": "x", " a ": "y"}}, InvalidInputError, "same outlet"),
    ],
)
def test_compare_groups_rejects(kwargs, error, match):
    df = _paired_frame([1.0, 2.0], [0.0, 1.0])
    with pytest.raises(error, match=match):
        compare_groups(df, **kwargs)


def test_empty_input_gives_empty_frames_with_columns():
    df = pd.DataFrame({"event_id": pd.Series([], dtype=object), "outlet": pd.Series([], dtype=object),
                       "x": pd.Series([], dtype=float)})
    assert list(compare_groups(df).columns) == list(GROUP_COLUMNS)
    assert compare_groups(df).empty
    assert list(group_profiles(df).columns) == list(PROFILE_COLUMNS)


# ----------------------------------------------------------------------------------------------
# properties
# ----------------------------------------------------------------------------------------------
@st.composite
def coverage_frames(draw, *, n_outlets=4):
    n_stories = draw(st.integers(2, 9))
    rows = []
    for s in range(n_stories):
        for o in range(n_outlets):
            if draw(st.booleans()) or o < 2:
                for _ in range(draw(st.integers(1, 3))):
                    rows.append({"event_id": f"s{s}", "outlet": f"O{o}", "x": draw(values)})
    order = draw(st.permutations(range(len(rows))))
    return pd.DataFrame([rows[i] for i in order])


_FLIP = {"diff": "neg", "ci_low": "ci_high", "std_diff": "neg", "std_ci_low": "std_ci_high"}


def _orient(df, mapping=None):
    """Rename groups, then orient every row so that group_a < group_b (negating what flips)."""
    out = df.copy()
    if mapping:
        out["group_a"], out["group_b"] = out.group_a.map(mapping), out.group_b.map(mapping)
    flip = (out.group_a > out.group_b).to_numpy()
    src = out.copy()
    for x, y in (("group_a", "group_b"), ("n_outlets_a", "n_outlets_b"), ("n_articles_a", "n_articles_b"),
                 ("mean_a", "mean_b")):
        out.loc[flip, x], out.loc[flip, y] = src.loc[flip, y].to_numpy(), src.loc[flip, x].to_numpy()
    out.loc[flip, "diff"] = -src.loc[flip, "diff"]
    out.loc[flip, "std_diff"] = -src.loc[flip, "std_diff"]
    out.loc[flip, "ci_low"], out.loc[flip, "ci_high"] = -src.loc[flip, "ci_high"], -src.loc[flip, "ci_low"]
    out.loc[flip, "std_ci_low"] = -src.loc[flip, "std_ci_high"]
    out.loc[flip, "std_ci_high"] = -src.loc[flip, "std_ci_low"]
    return out.sort_values(["metric", "group_a", "group_b"]).reset_index(drop=True)


@given(coverage_frames(), st.permutations(["N0", "N1", "N2", "N3"]))
@PROPS
def test_blocked_relabelling_outlets_permutes_the_output(df, names):
    mapping = {f"O{i}": names[i] for i in range(4)}
    before = compare_groups(df, n_perm=200)
    after = compare_groups(df.assign(outlet=df.outlet.map(mapping)), n_perm=200)
    pd.testing.assert_frame_equal(_orient(before, mapping), _orient(after), check_dtype=False, atol=1e-9)
    pb = group_profiles(df).assign(group=lambda d: d.group.map(mapping)).sort_values("group").reset_index(drop=True)
    pa = group_profiles(df.assign(outlet=df.outlet.map(mapping)))
    pd.testing.assert_frame_equal(pb, pa, check_dtype=False, atol=1e-9)


@given(coverage_frames())
@PROPS
def test_blocked_swapping_a_pair_mirrors_the_row(df):
    ab = compare_groups(df, pairs=[("O0", "O1")], n_perm=200)
    ba = compare_groups(df, pairs=[("O1", "O0")], n_perm=200)
    pd.testing.assert_frame_equal(_orient(ab), _orient(ba), check_dtype=False, atol=1e-9)
    np.testing.assert_array_equal(ab["p_value"], ba["p_value"])


@given(coverage_frames(), st.lists(values, min_size=9, max_size=9))
@PROPS
def test_story_effects_change_nothing(df, shifts):
    shift = {f"s{i}": v for i, v in enumerate(shifts)}
    moved = df.assign(x=df.x + df.event_id.map(shift))
    cols = ["status", "n_stories", "diff", "ci_low", "ci_high", "std_diff", "p_value", "p_adjusted"]
    pd.testing.assert_frame_equal(compare_groups(df, n_perm=200)[cols], compare_groups(moved, n_perm=200)[cols],
                                  atol=1e-6, rtol=1e-6)
    before, after = group_profiles(df), group_profiles(moved)
    pd.testing.assert_series_equal(before["se"], after["se"], atol=1e-6, rtol=1e-6)
    ok = (before["status"] != STATUS_NOT_CONNECTED).to_numpy()
    gap_before = before["adjusted_mean"][ok] - before["adjusted_mean"][ok].iloc[0]
    gap_after = after["adjusted_mean"][ok] - after["adjusted_mean"][ok].iloc[0]
    pd.testing.assert_series_equal(gap_before, gap_after, atol=1e-6, rtol=1e-6)


def test_module_doctests():
    import doctest

    import compare.stats._blocked as blocked

    result = doctest.testmod(blocked, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0
    assert result.failed == 0
