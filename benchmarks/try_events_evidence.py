"""Experiments on the story and development levels of event alignment that were not kept (issue 16).

Two questions, each answered leaving one dataset out in the way ``train_events.py lodo`` does
(each corpus scored with the background frequencies of the other corpora, AllSides included):

``actors``
    Do the named actors of :func:`compare.actors.actor_mentions` (canonical persons and
    organisations, spelling variants merged: a person's key is the transliteration key of the
    surname) help tell a story's developments from a decoy that shares its words? Each article
    keeps its ``top`` actors (most mentions); a development's actor vector sums its articles'
    (log counts, corpus IDF); the story score of a pair of developments becomes
    ``(1 - a) * centroid cosine + a * actor cosine``. The story band is refitted per fold on the
    other corpora (balanced mean story ARI, as ``train_events.fit``), with the shipped development
    model. ``a = 0`` reproduces the shipped method's held-out story ARI.
``development``
    Does the development merge level generalise, or would a level derived from the corpus (the
    widest plateau of the number of developments over a fine grid of levels within a band chosen
    on the other corpora) or a level chosen on a wider grid do better? Development ARI per corpus.

Run ``python benchmarks/try_events_evidence.py actors`` or ``... development``. The real-coverage
texts come from ``../shared/real_coverage``; the figures are in ``docs/benchmarks/events.md``.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import Counter
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
try:
    import compare  # noqa: F401
except ImportError:  # pragma: no cover
    sys.path.insert(0, str(HERE.parent / "src"))

import train_events as te

from compare.align._events_pairs import PAIR_FEATURES, load_pair_model
from compare.align.events import stories

COS = PAIR_FEATURES.index("cosine")
KINDS = {"p": ("person",), "po": ("person", "organization"), "pol": ("person", "organization", "location")}


def _actor_keys(corpus) -> dict[str, Counter]:
    """Per article: canonical actor key -> mentions (persons by surname key, others lower-cased)."""
    from compare.actors import actor_mentions
    from compare.actors._persons import person_words, surname_key
    from compare.text import analyze_text

    out = {}
    for a in corpus:
        c: Counter = Counter()
        for m in actor_mentions(analyze_text(a.text), outlet=a.outlet):
            if m.kind == "person":
                w = person_words(m.actor)
                c[(m.kind, surname_key(w[-1]) if w else m.actor.lower())] += 1
            else:
                c[(m.kind, m.actor.lower())] += 1
        out[a.id] = c
    return out


def _prepared(data: dict, allsides, only: tuple[str, ...] | None = None) -> dict:
    """Each corpus (of ``only``) prepared with the background frequencies of all the other corpora."""
    raw = json.loads(te.MODEL_PATH.read_text(encoding="utf-8"))
    out = {}
    for name, corpus in data.items():
        if only is not None and name not in only:
            continue
        others = {k: v for k, v in data.items() if k != name}
        if allsides is not None:
            others["allsides"] = allsides
        spec = load_pair_model({**raw, "background": te.background(others)})
        out[name] = te.Prepared(name, corpus, spec), spec
    return out


def _actor_similarity(p, dev: np.ndarray, s, keys: dict, kinds: tuple[str, ...], top: int) -> np.ndarray:
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    vocab: dict = {}
    rows, cols = [], []
    for r, i in enumerate(p.ids):
        c = [(k, v) for k, v in keys[i].items() if k[0] in kinds]
        for k, _ in sorted(c, key=lambda kv: (-kv[1], kv[0]))[:top]:
            rows.append(r)
            cols.append(vocab.setdefault(k, len(vocab)))
    n = len(p.ids)
    m = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(n, max(1, len(vocab))))
    idf = np.log((1 + n) / (1 + np.asarray(m.sum(0)).ravel())) + 1
    codes, inv = np.unique(dev, return_inverse=True)
    inv = inv.ravel()
    member = sp.csr_matrix((np.ones(n), (inv, np.arange(n))), shape=(codes.size, n))
    cm = sp.csr_matrix(member @ m)
    cm.data = np.log1p(cm.data)
    cm = normalize(sp.csr_matrix(cm.multiply(idf[None, :])))
    return np.asarray(cm[inv[s.a]].multiply(cm[inv[s.b]]).sum(1)).ravel()


def actors(data: dict, allsides) -> None:
    from sklearn.metrics import adjusted_rand_score

    raw = json.loads(te.MODEL_PATH.read_text(encoding="utf-8"))
    w_cos, b0 = float(raw["coef"][COS]), float(raw["intercept"])

    def prob(c: float) -> float:
        return 1.0 / (1.0 + math.exp(-(w_cos * c + b0)))

    prep = _prepared(data, allsides)
    state = {}
    for name, (p, spec) in prep.items():
        dev = p.developments(spec, raw["min_probability"])
        state[name] = (p, spec, dev, p.dev_pairs(dev), _actor_keys(p.corpus))
    bands = [(lo, hi) for lo in te.BAND_LOW for hi in te.BAND_HIGH]

    def story_ari(name: str, score: np.ndarray, lo: float, hi: float) -> float:
        p, spec, dev, s, _ = state[name]
        x = s.x.copy()
        x[:, COS] = score
        pred, _ = stories(
            p.g,
            s._replace(x=x),
            dev,
            spec,
            prob(lo),
            same_outlet="development",
            story_window_days=te.STORY_WINDOW,
            band_high=prob(hi),
        )
        return adjusted_rand_score(p.labels("story").astype(str), pred)

    names = list(data)
    print("| story score | " + " | ".join(names) + " | real-coverage mean |")
    print("|---" * (len(names) + 2) + "|")

    def run(label: str, scores: dict) -> None:
        table = {n: {b: story_ari(n, scores[n], *b) for b in bands} for n in names}
        held = {}
        for h in names:
            train = [n for n in names if n != h]
            groups = [
                [n for n in train if not n.startswith("rc-")],
                [n for n in train if n.startswith("rc-")],
            ]

            def score(b, groups=groups, table=table):
                return np.mean([np.mean([table[n][b] for n in g]) for g in groups if g])

            best = max(bands, key=lambda b: (round(float(score(b)), 4), b[1], b[0]))
            held[h] = table[h][best]
        rc = np.mean([held[n] for n in names if n.startswith("rc-")])
        print(f"| {label} | " + " | ".join(f"{held[n]:.4f}" for n in names) + f" | {rc:.4f} |", flush=True)

    cos = {n: state[n][3].x[:, COS].copy() for n in names}
    run("centroid cosine (shipped)", cos)
    for kinds in ("p", "po", "pol"):
        for top in (5, 10):
            sim = {
                n: _actor_similarity(state[n][0], state[n][2], state[n][3], state[n][4], KINDS[kinds], top)
                for n in names
            }
            for a in (0.2, 0.35, 0.5):
                run(
                    f"(1 - {a}) cosine + {a} actors ({'/'.join(KINDS[kinds])}, top {top})",
                    {n: (1 - a) * cos[n] + a * sim[n] for n in names},
                )


def development(data: dict, allsides) -> None:
    from sklearn.metrics import adjusted_rand_score

    if allsides is not None:
        data = {**data, "allsides": allsides}
    raw = json.loads(te.MODEL_PATH.read_text(encoding="utf-8"))
    shipped = load_pair_model({k: v for k, v in raw.items() if k != "background"})
    logits = np.round(np.arange(-3.0, 1.41, 0.1), 1)
    levels = 1.0 / (1.0 + np.exp(-logits))
    res = {}
    for name, (p, _) in _prepared(
        {k: v for k, v in data.items() if k != "allsides"}, data.get("allsides")
    ).items():
        res[name] = p
    if "allsides" in data:
        others = {k: v for k, v in data.items() if k != "allsides"}
        res["allsides"] = te.Prepared(
            "allsides", data["allsides"], load_pair_model({**raw, "background": te.background(others)})
        )
    counts, aris, counts_fixed, aris_fixed = {}, {}, {}, {}
    for name, p in res.items():
        lab = p.labels("development").astype(str)
        devs = [p.developments(shipped, float(t)) for t in levels]
        counts[name] = [len(np.unique(d)) for d in devs]
        aris[name] = [adjusted_rand_score(lab, d) for d in devs]
        fixed_devs = [p.developments(shipped, float(t)) for t in te.DEV_GRID]
        counts_fixed[name] = [len(np.unique(d)) for d in fixed_devs]
        aris_fixed[name] = [adjusted_rand_score(lab, d) for d in fixed_devs]

    def plateau(name: str, lo: float, hi: float) -> int:
        idx = [i for i in range(len(logits)) if lo <= logits[i] <= hi]
        best, pick, i = -1, idx[-1], 0
        while i < len(idx):
            j = i
            while j + 1 < len(idx) and counts[name][idx[j + 1]] == counts[name][idx[i]]:
                j += 1
            if j - i > best:
                best, pick = j - i, idx[(i + j) // 2]
            i = j + 1
        return pick

    bands = [
        (lo, hi) for lo in np.arange(-3.0, -0.49, 0.5) for hi in np.arange(-1.0, 1.41, 0.5) if hi > lo + 0.4
    ]
    print(
        "| held out | development ARI: fixed level, grid 0.3–0.7 (shipped) | fixed level, grid 0.05–0.8 "
        "| corpus's own level (widest plateau in a learned band) | best level in hindsight |"
    )
    print("|---|---|---|---|---|")
    names = list(res)
    for h in names:
        train = [n for n in names if n != h]

        def mean(i: int, train=train) -> float:
            return float(np.mean([aris[n][i] for n in train]))

        fixed = max(
            range(len(te.DEV_GRID)),
            key=lambda i, train=train: (
                np.mean([aris_fixed[n][i] for n in train]),
                -abs(te.DEV_GRID[i] - 0.5),
            ),
        )
        wide = max(range(len(levels)), key=mean)
        band = max(bands, key=lambda b, train=train: np.mean([aris[n][plateau(n, *b)] for n in train]))
        own = plateau(h, *band)
        best = int(np.argmax(aris[h]))
        print(
            f"| {h} | {aris_fixed[h][fixed]:.4f} ({te.DEV_GRID[fixed]:.2f}, {counts_fixed[h][fixed]}) "
            f"| {aris[h][wide]:.4f} ({levels[wide]:.2f}, {counts[h][wide]}) "
            f"| {aris[h][own]:.4f} ({levels[own]:.2f}, {counts[h][own]}) "
            f"| {aris[h][best]:.4f} ({levels[best]:.2f}, {counts[h][best]}) |",
            flush=True,
        )


def _major(labels: np.ndarray, dev: np.ndarray) -> dict:
    out = {}
    for d in np.unique(dev).tolist():
        values, counts = np.unique(labels[dev == d], return_counts=True)
        out[d] = values[np.argmax(counts)]
    return out


def diagnose(data: dict, allsides) -> None:
    """Why neither helps: actor cosines of candidate development pairs (main story with itself, main
    story with a decoy), and how the predicted developments split the gold ones."""
    from bench_events import bcubed

    raw = json.loads(te.MODEL_PATH.read_text(encoding="utf-8"))
    prep = _prepared(data, allsides, only=tuple(k for k in data if k.startswith("rc-")))
    print(
        "| set | story pairs: centroid cosine / actor cosine (person/organization, top 10) of main-story pairs, "
        "min–max (median) | the same of main-story–decoy pairs | development B3 precision / recall "
        "| gold developments split | of their parts, all undated |"
    )
    print("|---|---|---|---|---|---|")
    for name, (p, spec) in prep.items():
        dev = p.developments(spec, raw["min_probability"])
        s = p.dev_pairs(dev)
        sim = _actor_similarity(p, dev, s, _actor_keys(p.corpus), KINDS["po"], 10)
        story = p.labels("story").astype(str)
        decoy = {a.event for a in p.corpus if a.extra.get("decoy") == "1"}
        major = _major(story, dev)
        sa = np.array([major[dev[i]] for i in s.a.tolist()], dtype=object)
        sb = np.array([major[dev[i]] for i in s.b.tolist()], dtype=object)
        main_a, main_b = ~np.isin(sa, list(decoy)), ~np.isin(sb, list(decoy))
        both = main_a & main_b
        mixed = main_a ^ main_b

        def stats(mask: np.ndarray, s=s, sim=sim) -> str:
            c, v = s.x[mask, COS], sim[mask]
            if not mask.any():
                return "–"
            return (
                f"{c.min():.2f}–{c.max():.2f} ({np.median(c):.2f}) / {v.min():.2f}–{v.max():.2f} ({np.median(v):.2f}), "
                f"{int(mask.sum())} pairs"
            )

        gold = p.labels("development").astype(str)
        prec, rec, _ = bcubed(list(gold), list(dev))
        undated = np.isnan(p.g.days)
        split = parts_undated = parts = 0
        for g in np.unique(gold).tolist():
            mine = np.unique(dev[gold == g]).tolist()
            if len(mine) > 1:
                split += 1
                parts += len(mine)
                parts_undated += sum(bool(undated[(dev == d) & (gold == g)].all()) for d in mine)
        print(
            f"| {name} | {stats(both)} | {stats(mixed)} | {prec:.3f} / {rec:.3f} | {split} of {len(set(gold))} "
            f"| {parts_undated} of {parts} |"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("mode", choices=("actors", "development", "diagnose"))
    args = ap.parse_args(argv)
    data = te.corpora()
    allsides = data.pop("allsides", None)
    missing = [s for s in te.RC_SETS if s not in data]
    if missing:
        print(f"real-coverage texts not in {te.RC_CACHE}: {', '.join(missing)} (left out)")
    {"actors": actors, "development": development, "diagnose": diagnose}[args.mode](data, allsides)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
