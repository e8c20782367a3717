"""Claim alignment on real coverage: do labelled claim pairs end in one claim when whole events are aligned?

For each real-coverage set whose texts are in the shared cache (``../shared/real_coverage/<set>.jsonl``;
labels in ``benchmarks/real_coverage/<set>.csv`` and ``<set>.claim_pairs.csv``), the articles of each
development of the story (decoys left out) are aligned as one event with ``align_claims``; each
labelled pair whose two articles are in the same development is then *merged* when the sentences
holding its two spans end in one claim. "One claim" is the gold label same or partial. This measures
the clustering (chains of links included), not the pair model alone.

Settings compared: similarity alone (``match=False``), the pair matcher alone, the matcher plus the
similarity join (shipped), and the shipped join plus an average-linkage check at several values
(``CLUSTER_MIN_SIMILARITY``), chosen leave-one-story-out (accuracy on the other stories; ties: the
smaller value).

Run: ``python benchmarks/bench_claims_rc.py`` (``--look``: the coverage and omission tables of one BASIL
event and one real-coverage development, printed for reading).
"""

from __future__ import annotations

import csv
import json
import math
import time
from pathlib import Path

import numpy as np

import compare.align.claims as claims_mod
from compare import Article
from compare._datasets import datasets_dir
from compare.align.claims import align_claims
from compare.text import analyze_text

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "benchmarks" / "real_coverage"


#: Labelled partial pairs: (id_a, start_a, id_b, start_b) -> (added side, added words, span of that side).
PARTIAL: dict[tuple, tuple] = {}


def load_story(name: str):
    texts_path = datasets_dir().parent / "real_coverage" / f"{name}.jsonl"
    if not texts_path.exists():
        return None
    labels = {r["id"]: r for r in csv.DictReader((SETS / f"{name}.csv").open(encoding="utf-8"))}
    texts = {}
    with texts_path.open(encoding="utf-8") as fh:
        for line in fh:
            r = json.loads(line)
            texts[r["id"]] = r
    groups: dict[tuple[str, str], list[Article]] = {}
    for aid, lab in labels.items():
        if aid not in texts or lab["decoy"] != "0":
            continue
        outlet = lab["outlet_canonical"] or lab["outlet"]
        key = (lab["story"], lab["development"])
        groups.setdefault(key, []).append(Article(id=aid, outlet=outlet, text=texts[aid]["text"]))
    pairs = []
    for r in csv.DictReader((SETS / f"{name}.claim_pairs.csv").open(encoding="utf-8")):
        la, lb = labels[r["id_a"]], labels[r["id_b"]]
        key = (la["story"], la["development"])
        if key != (lb["story"], lb["development"]) or key not in groups or r["id_a"] not in texts:
            continue
        pairs.append((key, r["id_a"], int(r["start_a"]), r["id_b"], int(r["start_b"]), r["label"]))
        if r["label"] == "partial" and r["added_side"] in ("a", "b"):
            PARTIAL[(r["id_a"], int(r["start_a"]), r["id_b"], int(r["start_b"]))] = (
                r["added_side"],
                r["added_words"],
                (int(r["start_a"]), int(r["end_a"]))
                if r["added_side"] == "a"
                else (int(r["start_b"]), int(r["end_b"])),
            )
    used = {p[0] for p in pairs}
    return {k: v for k, v in groups.items() if k in used}, pairs


def evaluate(
    groups, pairs, *, match: bool, join: float, min_mean: float, veto=None, per_article=None
) -> tuple[np.ndarray, np.ndarray, dict]:
    names = ("JOIN_SIMILARITY", "CLUSTER_MIN_SIMILARITY", "ALIGN_VETO", "CANDIDATES_PER_ARTICLE")
    shipped = {n: getattr(claims_mod, n) for n in names}
    claims_mod.JOIN_SIMILARITY, claims_mod.CLUSTER_MIN_SIMILARITY = join, min_mean
    if veto is not None:
        claims_mod.ALIGN_VETO = veto
    if per_article is not None:
        claims_mod.CANDIDATES_PER_ARTICLE = per_article
    try:
        claim_of, sizes, t, loose = {}, [], 0.0, [0, 0]
        for arts in groups.values():
            t0 = time.process_time()
            ca = align_claims(arts, match=match)
            t += time.process_time() - t0
            for r in ca.claims.itertuples(index=False):
                claim_of[(r.article_id, r.sentence)] = r.claim_id
            sizes += ca.claims.groupby("claim_id")["outlet"].nunique().tolist()
            shared = ca.claims[ca.claims.groupby("claim_id")["outlet"].transform("nunique") > 1]
            loose[0] += int((shared["similarity"] < LOOSE).sum())
            loose[1] += len(shared)
    finally:
        for n, v in shipped.items():
            setattr(claims_mod, n, v)
    texts = {a.id: a.text for arts in groups.values() for a in arts}
    merged, gold = [], []
    for _, ida, sa, idb, sb, label in pairs:
        ka = (ida, analyze_text(texts[ida]).sentence_at(sa))
        kb = (idb, analyze_text(texts[idb]).sentence_at(sb))
        ca, cb = claim_of.get(ka), claim_of.get(kb)
        merged.append(ca is not None and ca == cb)
        gold.append(label in ("same", "partial"))
    return (
        np.array(merged, dtype=bool),
        np.array(gold, dtype=bool),
        {"max_outlets": max(sizes) if sizes else 0, "cpu": t, "loose": loose},
    )


#: A sentence of a claim that two or more outlets state is "loosely attached" when its mean event
#: similarity to the claim's other sentences is below this: a sign of a chain of links.
LOOSE = 0.10

SETTINGS = [
    ("similarity >= 0.20 (match=False)", False, math.inf, 0.0),
    ("pair matcher alone", True, math.inf, 0.0),
    ("matcher + similarity join 0.20 (shipped join)", True, 0.2, 0.0),
    *((f"shipped join + mean similarity >= {m:.2f}", True, 0.2, m) for m in (0.10, 0.15, 0.20, 0.25, 0.30)),
]
#: Variants of the shipped join (label, options): which conflicts keep apart, how many candidates.
VARIANTS = [
    ("shipped join, veto negation + direction only", {"veto": ("negation", "direction")}),
    ("shipped join, veto direction + number + date (no negation)", {"veto": ("direction", "number", "date")}),
    ("shipped join, veto direction only", {"veto": ("direction",)}),
    ("shipped join, no veto", {"veto": ()}),
    ("shipped join, veto negation + direction + number", {"veto": ("negation", "direction", "number")}),
    ("shipped join, 3 candidates per other article", {"per_article": 3}),
    ("shipped join, 5 candidates per other article", {"per_article": 5}),
    ("matcher + similarity join 0.15", {"join": 0.15}),
]


def main() -> None:
    stories = {}
    for path in sorted(SETS.glob("*.claim_pairs.csv")):
        name = path.name.removesuffix(".claim_pairs.csv")
        loaded = load_story(name)
        if loaded is None:
            print(f"{name}: texts not in the shared cache; left out")
            continue
        if loaded[1]:
            stories[name] = loaded
    results = {}
    for label, match, join, min_mean in SETTINGS:
        for name, (groups, pairs) in stories.items():
            results[(label, name)] = evaluate(groups, pairs, match=match, join=join, min_mean=min_mean)
    for label, options in VARIANTS:
        opts = {"match": True, "join": 0.2, "min_mean": 0.0, **options}
        for name, (groups, pairs) in stories.items():
            results[(label, name)] = evaluate(groups, pairs, **opts)
    names = list(stories)
    print("\n#### Real coverage: labelled pairs merged when each development is aligned as one event\n")
    print(
        "Pairs within one development: "
        + ", ".join(
            f"{n} {len(stories[n][1])} ({int(sum(p[5] != 'different' for p in stories[n][1]))} one claim)"
            for n in names
        )
        + ".\n"
    )
    print(
        "| setting | "
        + " | ".join(f"{n}: accuracy (precision / recall)" for n in names)
        + " | mean accuracy | largest claim (outlets) | loosely attached sentences | CPU s |"
    )
    print("|---|" + "---|" * (len(names) + 4))

    def acc(label: str, name: str) -> float:
        m, g, _ = results[(label, name)]
        return float((m == g).mean())

    for label in [s[0] for s in SETTINGS] + [v[0] for v in VARIANTS]:
        cells = []
        for n in names:
            m, g, _ = results[(label, n)]
            tp = int((m & g).sum())
            p = tp / m.sum() if m.sum() else math.nan
            r = tp / g.sum() if g.sum() else math.nan
            cells.append(f"{acc(label, n):.3f} ({p:.2f} / {r:.2f})")
        mx = max(results[(label, n)][2]["max_outlets"] for n in names)
        lo = [sum(results[(label, n)][2]["loose"][k] for n in names) for k in (0, 1)]
        cpu = sum(results[(label, n)][2]["cpu"] for n in names)
        print(
            f"| {label} | "
            + " | ".join(cells)
            + f" | {np.mean([acc(label, n) for n in names]):.3f} | {mx} | {lo[0]}/{lo[1]} ({lo[0] / max(1, lo[1]):.3f})"
            + f" | {cpu:.1f} |"
        )
    vetoes = [
        "matcher + similarity join 0.20 (shipped join)",
        "shipped join, veto direction + number + date (no negation)",
        "shipped join, veto direction only",
        "shipped join, no veto",
    ]
    print("\nLeave one story out: which conflicts keep apart (chosen on the other stories' mean accuracy):\n")
    print("| held out | chosen | held-out accuracy | shipped (negation in scope, direction, number, date) |")
    print("|---|---|---|---|")
    for n in names:
        others = [o for o in names if o != n]
        best = max(vetoes, key=lambda v: (np.mean([acc(v, x) for x in others]), v == vetoes[0]))
        print(f"| {n} | {best} | {acc(best, n):.3f} | {acc(vetoes[0], n):.3f} |")
    partial_table(stories)
    guarded = [s for s in SETTINGS if s[0].startswith("shipped join")]
    base = "matcher + similarity join 0.20 (shipped join)"
    print(
        "\nLeave one story out: the average-linkage value (0: off) chosen on the other stories' mean accuracy:\n"
    )
    print("| held out | chosen | held-out accuracy | without the check |")
    print("|---|---|---|---|")
    for n in names:
        others = [o for o in names if o != n]
        options = [(base, 0.0)] + [(s[0], s[3]) for s in guarded]
        best = max(options, key=lambda o: (np.mean([acc(o[0], x) for x in others]), -o[1]))
        print(f"| {n} | {best[1]:.2f} | {acc(best[0], n):.3f} | {acc(base, n):.3f} |")


def partial_table(stories) -> None:
    """Labelled partial pairs through the shipped aligner: carried in part, by the right outlet, with the clause?"""
    rows = []
    for name, (groups, pairs) in stories.items():
        texts = {a.id: a.text for arts in groups.values() for a in arts}
        outlet_of = {a.id: a.outlet for arts in groups.values() for a in arts}
        claim_of, coverage, group_of = {}, {}, {}
        for gkey, arts in groups.items():
            ca = align_claims(arts)
            for r in ca.claims.itertuples(index=False):
                claim_of[(r.article_id, r.sentence)] = (gkey, r.claim_id)
            for r in ca.coverage.itertuples(index=False):
                coverage[(gkey, r.claim_id, r.outlet)] = r
            group_of.update({a.id: gkey for a in arts})
        for _key, ida, sa, idb, sb, label in pairs:
            info = PARTIAL.get((ida, sa, idb, sb))
            if label != "partial" or info is None:
                continue
            side, words, (ls, le) = info
            longer = ida if side == "a" else idb
            ka = (ida, analyze_text(texts[ida]).sentence_at(sa))
            kb = (idb, analyze_text(texts[idb]).sentence_at(sb))
            merged = claim_of.get(ka) is not None and claim_of.get(ka) == claim_of.get(kb)
            gold = []
            for part in words.split("|"):
                part = part.strip()
                k = texts[longer].find(part, ls, le + 1) if part else -1
                if k >= 0:
                    gold.append((k, k + len(part)))
            found, f1 = False, 0.0
            row = coverage.get((*claim_of[ka], outlet_of[longer])) if merged else None
            if row is not None and row.status == "carried_in_part" and row.part == "adds":
                found = row.evidence_article_id == longer
                if found and gold:
                    g0, g1 = min(a for a, _ in gold), max(b for _, b in gold)
                    inter = max(0, min(row.evidence_end, g1) - max(row.evidence_start, g0))
                    f1 = 2 * inter / ((row.evidence_end - row.evidence_start) + (g1 - g0)) if inter else 0.0
            rows.append((name, merged, found, f1))
    if not rows:
        return
    print("\n#### Real coverage: labelled partial pairs in the shipped alignment\n")
    print(
        "| set | partial pairs | merged into one claim | the longer side's outlet carried in part, adds | "
        "added-clause char F1 (mean over pairs, 0 when not found) |"
    )
    print("|---|---|---|---|---|")
    for name in [*sorted({r[0] for r in rows}), "all"]:
        sub = [r for r in rows if name in ("all", r[0])]
        print(
            f"| {name} | {len(sub)} | {sum(r[1] for r in sub)} | {sum(r[2] for r in sub)} | "
            f"{np.mean([r[3] for r in sub]):.3f} |"
        )


def look() -> None:
    """Coverage and omission of one BASIL event and one real-coverage development, as a researcher reads them."""
    import sys

    import pandas as pd

    from compare.align import omission_scores

    sys.path.insert(0, str(Path(__file__).parent))
    from bench_claims import load_basil

    pd.set_option("display.width", 200)
    pd.set_option("display.max_colwidth", 120)

    def show(ca, label: str) -> None:
        print(f"\n===== {label}: {ca}")
        print(ca.summary().to_string(index=False))
        print(omission_scores(ca.coverage).round(3).to_string(index=False))
        part = ca.coverage[ca.coverage["status"] == "carried_in_part"]
        print(f"\ncarried_in_part rows: {len(part)} (adds {int((part['part'] == 'adds').sum())})")
        for r in part[part["part"] == "adds"].head(10).itertuples():
            print(f"--- {r.claim_id} {r.outlet} adds: {r.evidence_text!r}")
            for s in ca.claims[ca.claims["claim_id"] == r.claim_id].itertuples():
                print(f"     [{s.outlet}] {' '.join(s.text.split())[:200]}")
        sizes = ca.claims.groupby("claim_id")["outlet"].nunique()
        print("claims by number of outlets:", sizes.value_counts().sort_index().to_dict())

    events = load_basil(datasets_dir() / "basil")
    key = sorted(events)[7]
    show(align_claims([a for a, _ in events[key]]), f"BASIL {key}")
    loaded = load_story("rc-prisoner-swap-2024")
    if loaded is None:
        print("rc-prisoner-swap-2024: texts not in the shared cache")
        return
    groups, _ = loaded
    arts = groups[("prisoner-swap-2024", "swap-day")]
    show(align_claims(arts), "prisoner-swap-2024 / swap-day")
    show(
        align_claims(arts, min_group_similarity=0.1),
        "prisoner-swap-2024 / swap-day, min_group_similarity=0.1",
    )


if __name__ == "__main__":
    import sys

    if "--look" in sys.argv:
        look()
    else:
        main()
