"""Error rate and power of the story-blocked comparisons, by simulation.

Simulates coverage data in which outlets do **not** differ and counts how often
:func:`compare.stats.compare_groups` rejects at alpha = 0.05, for each design it ships:

- ``pair / story``: outlet against outlet, one paired difference per shared story, sign-flip test;
- ``groups / story``: group against group (outlets o0-o3 vs o4-o7), same design on group values;
- ``groups / outlet``: group against group, outlets' story-adjusted means permuted among outlets;
- ``pair / articles`` (not shipped for coverage data, shown for contrast):
  :func:`compare.stats.compare_outlets`, a two-sample permutation test of the two outlets'
  articles that ignores the story.

The simulated corpus (defaults): 20 stories and 8 outlets. Story effects are large (SD 2);
each outlet has its own article noise (SD drawn from 0.5-1.5), its own coverage rate (six
outlets cover 50-95% of the stories, two only 15-30%), and its own number of articles per story
(1 + Poisson(lambda), lambda drawn from 0-2). An outlet's take on one story varies (outlet x story
interaction, SD 0.3). Scenarios change one thing at a time: heavy-tailed article noise (t with 3
degrees of freedom); a small corpus (8 stories); selective coverage (outlet o0 covers 95% of the
stories that score above average and 35% of the others, and treats each story as the others
do); outlets that differ (outlet effects SD 0.5) while the groups do not, which is a null for the
group comparisons only.

Each corpus carries several independent metrics (``--metrics``, default 4), all tested. For each
design the tables give the rejection rate of one fixed comparison (o0 vs o1, or G1 vs G2), and for
the outlet pairs also over all 28 pairs, with percentile-bootstrap 95% Monte-Carlo intervals over
corpora (the tests of one corpus are not independent); the share of comparisons that the coverage
allowed to test; and the share of corpora in which Holm's adjustment over all pair rows leaves any
rejection (family-wise error). Power is the rejection rate of the fixed comparison when outlet o0
(or every outlet of G1) scores ``delta`` article-noise SDs higher.

``--real`` prints instead what the designs say on real coverage: the bundled AllSides sample (30
stories, each told by one left-, one center- and one right-rated outlet, 39 outlets in all),
analysed with the default configuration, compared outlet by outlet and by AllSides rating.

Run: ``python benchmarks/bench_stats_null.py [--sims 500] [--metrics 4] [--jobs 2] [--seed 0] [--real]``
"""

from __future__ import annotations

import argparse
import math
import time
import warnings
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from compare.stats import compare_groups, compare_outlets

ALPHA = 0.05
GROUPS = {f"o{i}": ("G1" if i < 4 else "G2") for i in range(8)}


@dataclass(frozen=True)
class Scenario:
    name: str
    stories: int = 20
    outlets: int = 8
    story_sd: float = 2.0
    interaction_sd: float = 0.3
    outlet_sd: float = 0.0  # outlet effects (0: outlets do not differ)
    heavy_tails: bool = False
    selective: bool = False  # outlet o0 covers mostly the stories that score high
    delta_outlet0: float = 0.0  # effect added to outlet o0 (power of the pair tests)
    delta_group1: float = 0.0  # effect added to every outlet of G1 (power of the group tests)
    pair_null: bool = True  # whether the outlet-pair comparisons are under the null


def simulate(sc: Scenario, rng: np.random.Generator, n_metrics: int) -> pd.DataFrame:
    """One corpus: rows (event_id, outlet, x0, x1, ...), one column per simulated metric.

    The metrics share the corpus (which outlet covered which story, with how many articles); their
    story effects, outlet x story takes and article noise are drawn independently, except under
    selective coverage, where all metrics share the story effect that drives o0's coverage.
    """
    n_o = sc.outlets
    coverage = np.r_[rng.uniform(0.5, 0.95, n_o - 2), rng.uniform(0.15, 0.3, 2)]
    coverage[:2] = np.maximum(coverage[:2], 0.8)  # the fixed pair is well covered
    lam = rng.uniform(0.0, 2.0, n_o)
    noise_sd = rng.uniform(0.5, 1.5, n_o)
    effect = rng.normal(0, sc.outlet_sd, (n_o, n_metrics)) if sc.outlet_sd else np.zeros((n_o, n_metrics))
    effect[0] += sc.delta_outlet0
    effect[:4] += sc.delta_group1
    stories, outlets, values = [], [], []
    for s in range(sc.stories):
        story = rng.normal(0, sc.story_sd, n_metrics)
        if sc.selective:
            story[:] = story[0]
        for o in range(n_o):
            rate = (0.95 if story[0] > 0 else 0.35) if (sc.selective and o == 0) else coverage[o]
            if rng.random() > rate:
                continue
            k = 1 + rng.poisson(lam[o])
            take = rng.normal(0, sc.interaction_sd, n_metrics)
            if sc.heavy_tails:
                noise = rng.standard_t(3, (k, n_metrics)) / math.sqrt(3.0)  # unit variance
            else:
                noise = rng.standard_normal((k, n_metrics))
            stories += [f"s{s:02d}"] * k
            outlets += [f"o{o}"] * k
            values.append(story + effect[o] + take + noise_sd[o] * noise)
    data = np.concatenate(values)
    out = pd.DataFrame({"event_id": stories, "outlet": outlets})
    for j in range(n_metrics):
        out[f"x{j}"] = data[:, j]
    return out


def one_run(args: tuple[Scenario, int, int, bool]) -> dict[str, float]:
    """Tests and rejections of every design on one simulated corpus (summed over its metrics)."""
    sc, seed, n_metrics, full = args
    rng = np.random.default_rng([seed, 20250618])
    df = simulate(sc, rng, n_metrics)
    metrics = [f"x{j}" for j in range(n_metrics)]
    out: dict[str, float] = {}

    def count(key: str, rows: pd.DataFrame) -> None:
        tested = rows["status"] == "tested"
        out[f"{key}:n"] = len(rows)
        out[f"{key}:tested"] = float(tested.sum())
        out[f"{key}:rejected"] = float((tested & (rows["p_value"] < ALPHA)).sum())

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if full:
            pairs = compare_groups(df, metrics=metrics, n_perm=2000, seed=seed)
            count("all pairs", pairs)
            tested = pairs[pairs["status"] == "tested"]
            out["fwer"] = float((tested["p_adjusted"] < ALPHA).any())
            fixed = pairs[(pairs.group_a == "o0") & (pairs.group_b == "o1")]
        else:
            fixed = compare_groups(df, metrics=metrics, pairs=[("o0", "o1")], n_perm=2000, seed=seed)
        count("pair/story", fixed)
        naive = compare_outlets(df, metrics=metrics, pairs=[("o0", "o1")], n_perm=2000, seed=seed)
        count("pair/articles", naive.assign(status="tested"))
        for unit in ("story", "outlet"):
            count(f"groups/{unit}", compare_groups(df, by=GROUPS, metrics=metrics, unit=unit, n_perm=2000, seed=seed))
    return out


def wilson(k: float, n: int) -> tuple[float, float]:
    if n == 0:
        return math.nan, math.nan
    z = 1.959964
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def rate(res: list[dict[str, float]], key: str, seed: int) -> tuple[float, float, float]:
    """Rejections / tests over all corpora, with a percentile-bootstrap interval over corpora."""
    num = np.array([r[f"{key}:rejected"] for r in res])
    den = np.array([r[f"{key}:tested"] for r in res])
    if den.sum() == 0:
        return math.nan, math.nan, math.nan
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(num), (2000, len(num)))
    ratios = num[idx].sum(axis=1) / np.maximum(den[idx].sum(axis=1), 1)
    lo, hi = np.quantile(ratios, [0.025, 0.975])
    return float(num.sum() / den.sum()), float(lo), float(hi)


def pct(x: float) -> str:
    return "–" if math.isnan(x) else f"{100 * x:.1f}%"


def run(sc: Scenario, sims: int, seed: int, jobs: int, n_metrics: int, *, full: bool) -> list[dict[str, float]]:
    tasks = [(sc, seed + i, n_metrics, full) for i in range(sims)]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            return list(pool.map(one_run, tasks, chunksize=max(1, sims // (8 * jobs))))
    return [one_run(t) for t in tasks]


DESIGNS = [
    ("pair/story", "outlet pair, story-paired sign flip (shipped)"),
    ("groups/story", "groups, story-paired sign flip (shipped)"),
    ("groups/outlet", "groups, outlets permuted (shipped)"),
    ("pair/articles", "outlet pair, articles permuted, story ignored (not shipped)"),
]


def real() -> None:
    """The designs on the bundled AllSides sample: outlet pairs, and groups by AllSides rating."""
    import compare
    from compare.plotting import headline_metrics

    start = time.perf_counter()
    corpus = compare.bundled_corpus("allsides-roundups-sample")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        results = compare.analyze(corpus, progress=False)
    articles = results.articles
    side = {a.id: a.extra.get("side") for a in corpus}
    articles = articles.assign(side=articles["article_id"].map(side))
    metrics = headline_metrics(articles)
    pairs = compare_groups(articles, metrics=metrics)
    old = compare_outlets(articles, metrics=metrics, paired_by="event_id")
    old = old[old["n_pairs"] >= 2]
    print(f"## Real coverage: bundled AllSides sample ({len(articles)} articles, "
          f"{articles['outlet'].nunique()} outlets, {articles['event_id'].nunique()} stories, "
          f"{len(metrics)} headline metrics)\n")
    print("| comparison | rows | tested | too little shared coverage | most shared stories | smallest p |")
    print("|---|---:|---:|---:|---:|---:|")
    tested = pairs[pairs["status"] == "tested"]
    print(f"| outlet pairs, `compare_groups` | {len(pairs)} | {len(tested)} | {len(pairs) - len(tested)} | "
          f"{pairs['n_stories'].max()} | {tested['p_value'].min() if len(tested) else '–'} |")
    print(f"| outlet pairs, `compare_outlets(paired_by='event_id')`, rows with >= 2 shared stories | {len(old)} "
          f"| {len(old)} | – | {old['n_pairs'].max()} | {old['p_value'].min():.3f} |")
    for unit in ("story", "outlet"):
        by_side = compare_groups(articles, by="side", metrics=metrics, unit=unit)
        tested = by_side[by_side["status"] == "tested"]
        print(f"| AllSides rating (left / center / right), unit={unit} | {len(by_side)} | {len(tested)} | "
              f"{len(by_side) - len(tested)} | {by_side['n_stories'].max()} | {tested['p_value'].min():.3f} |")
    for unit in ("story", "outlet"):
        by_side = compare_groups(articles, by="side", metrics=metrics, unit=unit)
        top = by_side.sort_values(["p_value", "metric"]).head(4)
        print(f"\nSmallest p-values by AllSides rating, unit={unit} (Holm over {len(by_side)} tested rows):\n")
        print("| metric | a | b | stories | outlets a / b | diff [95% CI] | std diff [95% CI] | p | p (Holm) |")
        print("|---|---|---|---:|---:|---:|---:|---:|---:|")
        for _, r in top.iterrows():
            print(f"| {r['metric']} | {r['group_a']} | {r['group_b']} | {r['n_stories']} | "
                  f"{r['n_outlets_a']} / {r['n_outlets_b']} | {r['diff']:.3f} [{r['ci_low']:.3f}, {r['ci_high']:.3f}] | "
                  f"{r['std_diff']:.2f} [{r['std_ci_low']:.2f}, {r['std_ci_high']:.2f}] | {r['p_value']:.3f} | "
                  f"{r['p_adjusted']:.3f} |")
    print(f"\n{time.perf_counter() - start:.0f} s, analysis included.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sims", type=int, default=500, help="simulated corpora per scenario")
    parser.add_argument("--metrics", type=int, default=4, help="independent metrics per corpus")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--real", action="store_true", help="the designs on the bundled AllSides sample instead")
    args = parser.parse_args()
    if args.real:
        real()
        return
    start = time.perf_counter()
    k = args.metrics
    base = Scenario("outlets do not differ")
    nulls = [
        base,
        replace(base, name="... heavy-tailed article noise (t, 3 df)", heavy_tails=True),
        replace(base, name="... small corpus (8 stories)", stories=8),
        replace(base, name="... selective coverage (o0 covers the high-scoring stories)", selective=True),
        replace(base, name="outlets differ (SD 0.5), groups do not", outlet_sd=0.5, pair_null=False),
    ]
    print(f"## Rejection rate under the null (alpha = {ALPHA}): {args.sims} simulated corpora per scenario, "
          f"{k} independent metrics each\n")
    print("| scenario | design | tests | tested | rejected [95% MC] |")
    print("|---|---|---:|---:|---:|")
    for sc in nulls:
        res = run(sc, args.sims, args.seed, args.jobs, k, full=True)
        rows = [(key, label) for key, label in DESIGNS if sc.pair_null or not key.startswith("pair")]
        if sc.pair_null:
            rows.insert(1, ("all pairs", "all 28 outlet pairs, story-paired sign flip (shipped)"))
        for key, label in rows:
            n = sum(r[f"{key}:n"] for r in res)
            tested = sum(r[f"{key}:tested"] for r in res)
            value, lo, hi = rate(res, key, args.seed)
            print(f"| {sc.name} | {label} | {n:.0f} | {pct(tested / n)} | {pct(value)} [{pct(lo)}, {pct(hi)}] |")
        if sc.pair_null:
            fw = np.array([r["fwer"] for r in res])
            lo, hi = wilson(fw.sum(), len(fw))
            print(f"| {sc.name} | any Holm-adjusted p < {ALPHA} among the {28 * k} pair rows of a run "
                  f"(family-wise error) | {len(fw)} | – | {pct(fw.mean())} [{pct(lo)}, {pct(hi)}] |")
    print(f"\n## Power: rejection rate at alpha = {ALPHA}, {args.sims} corpora x {k} metrics per effect\n")
    print("| effect (article-noise SDs) | outlet pair, story-paired | groups, story-paired | groups, outlets permuted "
          "| outlet pair, articles permuted, story ignored (not shipped) |")
    print("|---:|---:|---:|---:|---:|")
    for delta in (0.25, 0.5, 1.0):
        res_pair = run(replace(base, delta_outlet0=delta), args.sims, args.seed + 10**6, args.jobs, k, full=False)
        res_group = run(replace(base, delta_group1=delta), args.sims, args.seed + 2 * 10**6, args.jobs, k,
                        full=False)
        cells = [f"{delta:g}"]
        for res, key in ((res_pair, "pair/story"), (res_group, "groups/story"), (res_group, "groups/outlet"),
                         (res_pair, "pair/articles")):
            value, lo, hi = rate(res, key, args.seed)
            cells.append(f"{pct(value)} [{pct(lo)}, {pct(hi)}]")
        print("| " + " | ".join(cells) + " |")
    print(f"\nSimulation: {args.sims} corpora x {k} metrics per row, seed {args.seed}, "
          f"{time.perf_counter() - start:.0f} s on {args.jobs} process(es). Intervals: percentile bootstrap over "
          "corpora (2,000 resamples); Wilson for the family-wise rate. Power is the share of the tested "
          "comparisons that reject.")


if __name__ == "__main__":
    main()
