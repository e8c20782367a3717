"""Actors on real international coverage: one canonical actor per person, no outlets, no junk.

Reads the real-coverage label files ``<set>.actors.csv`` (columns ``actor, kind, forms``: every
person, place, organisation or group named in at least two articles of the set, with every surface
form seen in the texts; outlets named in the texts as ``kind=outlet``) and the texts in
``../shared/real_coverage/<set>.jsonl`` (read with :func:`compare.read_corpus`).

Every article is analysed as the pipeline does it (:func:`compare.actors.actor_mentions` on the
article text, with the article's outlet), then the actors of the whole set are merged across
articles with :func:`compare.actors.merge_actor_names` (the set is one group, as one story is in
a run). Each predicted mention is matched to the labelled form it sits in (forms are found in the
texts as written, whole words; nested forms such as "Kremlin" in "Kremlin spokesman Dmitry
Peskov" count as their own occurrence), and each canonical actor is mapped to the labelled actor
most of its matched mentions belong to.

Figures per set (and on lower-cased and upper-cased copies of every text):

- *persons*: labelled persons whose forms occur in the texts;
- *split*: labelled persons whose mentions went to two or more canonical actors (should be 0),
  and the number of extra actors;
- *wrong merges*: canonical actors holding mentions of two or more labelled persons;
- *outlets as actors*: canonical actors with a mention inside a labelled outlet name;
- *junk*: canonical actors found in two or more articles that match no labelled form (the labels
  cover every actor named in two or more articles), plus mentions that run over a labelled name
  ("Middle East Steve Witkoff");
- *places as persons*: mentions of labelled places predicted as persons;
- *recall*: share of the labelled occurrences (persons; places; organisations and groups) with a
  predicted mention whose canonical actor maps to the right labelled actor.

Run: ``.venv/bin/python benchmarks/bench_actors_rc.py [--labels DIR ...] [--cache DIR] [--case lower]``
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

from compare import read_corpus
from compare.actors import actor_mentions, merge_actor_names
from compare.text import analyze_text

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DEFAULT_LABELS = HERE / "real_coverage"
DEFAULT_CACHE = ROOT.parent / "shared" / "real_coverage"
CASES = ("as written", "lower", "upper")


def read_labels(path: Path) -> list[tuple[str, str, list[str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [(r["actor"], r["kind"], [f for f in r["forms"].split("|") if f]) for r in csv.DictReader(fh)]


def transform(s: str, case: str) -> str:
    return s.lower() if case == "lower" else s.upper() if case == "upper" else s


def find_forms(text: str, labels, case: str) -> list[tuple[int, int, str, str, str]]:
    """Every whole-word occurrence of every labelled form: (start, end, actor, kind, form)."""
    occ = []
    for actor, kind, forms in labels:
        for form in forms:
            f = transform(form, case)
            for m in re.finditer(re.escape(f), text):
                s, e = m.start(), m.end()
                if s > 0 and (text[s - 1].isalnum() and f[0].isalnum()):
                    continue
                if e < len(text) and (text[e].isalnum() and f[-1].isalnum()):
                    continue
                occ.append((s, e, actor, kind, form))
    return occ


def top_level(occ):
    """Occurrences not inside a longer occurrence (the labelled mentions proper)."""
    occ = sorted(set(occ), key=lambda o: (o[0], -(o[1] - o[0])))
    out, end = [], -1
    for o in occ:
        if o[0] >= end or o[1] > end:
            out.append(o)
            end = o[1]
    return out


def match(m, occ):
    """The labelled occurrence a predicted mention belongs to, or None."""
    best, key = None, None
    for o in occ:
        if not (m.start < o[1] and o[0] < m.end):
            continue
        contains = o[0] <= m.start and m.end <= o[1]
        exact = o[0] == m.start and o[1] - m.end <= 2  # possessive
        k = (contains, exact, -(o[1] - o[0]) if contains else min(o[1], m.end) - max(o[0], m.start))
        if key is None or k > key:
            best, key = o, k
    return best


_CACHE: dict = {}


def run_set(name: str, labels, corpus, case: str, outlet_gold: set[str], merge_options=None):  # noqa: ARG001
    arts = list(corpus)
    mentions_by = {}
    occ_by = {}
    elapsed = 0.0
    cached = _CACHE.get((name, case))
    if cached is not None:
        mentions_by, occ_by = cached
        arts = []
    elif arts:  # warm-up: word lists and caches are loaded once per process, not timed
        actor_mentions(analyze_text(transform(arts[0].text, case)))
        actor_mentions(analyze_text(arts[0].text.upper()))  # the word lists of caseless text
    for a in arts:
        text = transform(a.text, case)
        doc = analyze_text(text)
        t0 = time.process_time()
        try:
            ms = actor_mentions(doc, outlet=a.outlet)
        except TypeError:  # before the outlet option
            ms = actor_mentions(doc)
        elapsed += time.process_time() - t0
        mentions_by[a.id] = ms
        occ_by[a.id] = find_forms(text, labels, case)
    _CACHE[(name, case)] = (mentions_by, occ_by)
    # cross-article merging, as the pipeline does it (one group: the set)
    rows = []
    for aid, ms in mentions_by.items():
        c = Counter((m.actor, m.kind) for m in ms)
        rows.extend({"article_id": aid, "actor": a, "kind": k, "mentions": n} for (a, k), n in c.items())
    actors_df = pd.DataFrame(rows, columns=["article_id", "actor", "kind", "mentions"])
    groups = dict.fromkeys(mentions_by, name)
    mapping = merge_actor_names(actors_df, groups, **(merge_options or {}))

    def canon(m):
        return mapping.get((name, m.actor), m.actor)

    kind_of = {a: k for a, k, _ in labels}
    # predicted canonical -> gold actors of its matched mentions
    pred_gold: dict[str, Counter] = defaultdict(Counter)
    pred_articles: dict[str, set] = defaultdict(set)
    pred_kind: dict[str, Counter] = defaultdict(Counter)
    overlong = []
    places_as_persons = 0
    pap: list[str] = []
    missed: Counter = Counter()
    matched = []  # (article, occurrence, canonical, kind)
    for aid, ms in mentions_by.items():
        occ = occ_by[aid]
        for m in ms:
            c = canon(m)
            pred_articles[c].add(aid)
            pred_kind[c][m.kind] += 1
            o = match(m, occ)
            if o is None:
                continue
            pred_gold[c][o[2]] += 1
            matched.append((aid, o, c, m.kind))
            if not (o[0] <= m.start and m.end <= o[1]) and not any(
                p[0] <= m.start and m.end <= p[1] for p in occ
            ):
                overlong.append(m.text)
            if kind_of[o[2]] == "location" and m.kind == "person":
                places_as_persons += 1
                pap.append(m.text)
    gold_of = {c: g.most_common(1)[0][0] for c, g in pred_gold.items()}
    # split persons
    canon_of_person: dict[str, set] = defaultdict(set)
    for c, g in gold_of.items():
        if kind_of[g] == "person" and pred_kind[c].most_common(1)[0][0] == "person":
            canon_of_person[g].add(c)
    split = {g: cs for g, cs in canon_of_person.items() if len(cs) > 1}
    wrong = {
        c: sorted(g) for c, g in pred_gold.items()
        if sum(1 for a in g if kind_of[a] == "person") > 1 and pred_kind[c].most_common(1)[0][0] == "person"
    }
    outlets = sorted({c for c, g in pred_gold.items() if any(kind_of[a] == "outlet" for a in g)})
    junk = sorted(
        c for c in pred_articles
        if c not in pred_gold and len(pred_articles[c]) >= 2
    )
    # recall over the labelled (top-level) occurrences
    hit = {(aid, o[0], o[1]) for aid, o, c, k in matched if gold_of.get(c) == o[2]}
    hit_any = defaultdict(set)
    for aid, o, _c, _k in matched:
        hit_any[aid].add((o[0], o[1]))
    rec = defaultdict(lambda: [0, 0])
    persons = set()
    for aid, occ in occ_by.items():
        ms = mentions_by[aid]
        for o in top_level(occ):
            kind = kind_of[o[2]]
            if kind == "outlet":
                continue
            group = {"person": "person", "location": "location"}.get(kind, "org/group")
            if kind == "person":
                persons.add(o[2])
            rec[group][1] += 1
            # a hit: some mention inside this occurrence whose canonical actor maps to this actor
            ok = any(
                m.start < o[1] and o[0] < m.end and gold_of.get(canon(m)) == o[2] for m in ms
            )
            rec[group][0] += ok
            if not ok:
                missed[(kind, o[4])] += 1
    del hit
    return {
        "articles": len(mentions_by),
        "persons": len(persons),
        "split": split,
        "wrong": wrong,
        "outlets": outlets,
        "junk": junk,
        "overlong": overlong,
        "places_as_persons": places_as_persons,
        "pap": pap,
        "missed": missed,
        "recall": {k: (v[0] / v[1] if v[1] else float("nan"), v[1]) for k, v in rec.items()},
        "ms_per_article": 1e3 * elapsed / max(1, len(arts)),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--labels", type=Path, action="append", help="folder(s) with <set>.actors.csv")
    ap.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    ap.add_argument("--case", choices=[*CASES, "all"], default="all")
    ap.add_argument("--details", action="store_true", help="list split persons, merges, outlets, junk")
    ap.add_argument("--tune", action="store_true", help="leave-one-set-out choice of the surname similarity")
    ap.add_argument("sets", nargs="*")
    args = ap.parse_args(argv)
    label_files = {}
    for d in args.labels or [DEFAULT_LABELS]:
        for p in sorted(d.glob("*.actors.csv")):
            label_files[p.name.removesuffix(".actors.csv")] = p
    names = args.sets or sorted(label_files)
    cases = CASES if args.case == "all" else (args.case,)
    actor_mentions(analyze_text("Warm-up: President Joe Biden met putin. president joe biden."))  # load the lists once
    if args.tune:
        return tune(names, label_files, args.cache)
    print("| set | case | articles | persons | split | extra actors | wrong merges | outlets as actors | junk (≥2 articles) | over-long names | places as persons | recall persons | recall places | recall orgs/groups | ms/article |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    details = []
    for name in names:
        cache = args.cache / f"{name}.jsonl"
        if name not in label_files or not cache.exists():
            print(f"skipped {name}: labels or texts missing", file=sys.stderr)
            continue
        labels = read_labels(label_files[name])
        corpus = read_corpus(cache)
        outlet_gold = {a for a, k, _ in labels if k == "outlet"}
        for case in cases:
            r = run_set(name, labels, corpus, case, outlet_gold)
            rc = r["recall"]

            def f(k, rc=rc):
                v = rc.get(k)
                return "–" if v is None else f"{v[0]:.3f} (n={v[1]})"

            extra = sum(len(v) - 1 for v in r["split"].values())
            print(
                f"| {name} | {case} | {r['articles']} | {r['persons']} | {len(r['split'])} | {extra} | "
                f"{len(r['wrong'])} | {len(r['outlets'])} | {len(r['junk'])} | {len(r['overlong'])} | "
                f"{r['places_as_persons']} | {f('person')} | {f('location')} | {f('org/group')} | "
                f"{r['ms_per_article']:.2f} |"
            )
            details.append((name, case, r))
    if args.details:
        for name, case, r in details:
            print(f"\n### {name}, {case}\n")
            for g, cs in sorted(r["split"].items()):
                print(f"- split: {g}: {sorted(cs)}")
            for c, gs in sorted(r["wrong"].items()):
                print(f"- wrong merge: {c}: {gs}")
            print(f"- outlets as actors: {r['outlets']}")
            print(f"- junk: {r['junk']}")
            print(f"- over-long: {sorted(set(r['overlong']))}")
            print(f"- places as persons: {sorted(Counter(r['pap']).items())}")
            print(f"- most missed forms: {r['missed'].most_common(25)}")
    return 0


GRID = [(0, 99), (1, 5), (1, 6), (1, 7), (1, 8), (2, 7), (2, 8), (2, 9), (2, 10)]


def tune(names, label_files, cache_dir) -> int:
    """Leave one set out: choose (max_edits, min_len) on the other sets, report on the one left out.

    The cost of a setting on a set is the number of split persons plus twice the number of wrong
    merges (a wrong merge mixes two people's figures; a split only leaves one person's figures in
    two rows), on the texts as written and lower-cased.
    """
    cost: dict[tuple[str, tuple[int, int]], tuple[int, int]] = {}
    sets = [n for n in names if n in label_files and (cache_dir / f"{n}.jsonl").exists()]
    for name in sets:
        labels = read_labels(label_files[name])
        corpus = read_corpus(cache_dir / f"{name}.jsonl")
        for g in GRID:
            split = wrong = 0
            for case in ("as written", "lower"):
                r = run_set(name, labels, corpus, case, set(), {"max_edits": g[0], "min_len": g[1]})
                split += len(r["split"])
                wrong += len(r["wrong"])
            cost[(name, g)] = (split, wrong)
    print("| setting (max_edits, min_len) | " + " | ".join(f"{n} split / wrong" for n in sets) + " |")
    print("|---|" + "---|" * len(sets))
    for g in GRID:
        print(f"| {g} | " + " | ".join(f"{cost[(n, g)][0]} / {cost[(n, g)][1]}" for n in sets) + " |")
    print("\n| left out | chosen on the others | split / wrong on the left-out set | best possible there |")
    print("|---|---|---|---|")

    def c(n, g):
        return cost[(n, g)][0] + 2 * cost[(n, g)][1]

    for held in sets:
        others = [n for n in sets if n != held]
        best = min(GRID, key=lambda g: (sum(c(n, g) for n in others), GRID.index(g)))
        oracle = min(c(held, g) for g in GRID)
        print(f"| {held} | {best} | {cost[(held, best)][0]} / {cost[(held, best)][1]} | cost {oracle} (chosen: {c(held, best)}) |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
