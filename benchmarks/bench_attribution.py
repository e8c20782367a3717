"""Benchmark attribution extraction on PolNeAR (cue, source, content spans; density per article).

Prints a Markdown table: precision / recall / F1 with any-overlap and exact matching for cue,
source and content spans, and the Spearman correlation of per-article attributions per 100 words
(predicted vs gold), on the dev split and, for reference, on train (which the weights were learned
from). Also the speed per article.

Run: ``.venv/bin/python benchmarks/bench_attribution.py`` (needs ../shared/datasets/polnear).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from compare.scores.attribution import extract_attributions
from compare.text import analyze_text


def _match(pred, gold, exact):
    """One-to-one greedy matching; returns (n matched)."""
    used = set()
    m = 0
    for ps, pe in pred:
        for j, (gs, ge) in enumerate(gold):
            if j in used:
                continue
            ok = (ps == gs and pe == ge) if exact else (ps < ge and gs < pe)
            if ok:
                used.add(j)
                m += 1
                break
    return m


def _prf(tp_p, n_p, tp_g, n_g):
    p = tp_p / n_p if n_p else float("nan")
    r = tp_g / n_g if n_g else float("nan")
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _strip(text, s, e):
    while s < e and text[s] in ' \n\t"“”':
        s += 1
    while e > s and text[e - 1] in ' \n\t"“”.,':
        e -= 1
    return s, e


def evaluate(articles, *, model=None, quotes_alone=False):
    """Span scores and density correlation over PolNeAR-style articles."""
    from scipy.stats import spearmanr

    counts = {k: {"overlap": [0, 0, 0, 0], "exact": [0, 0, 0, 0]} for k in ("cue", "source", "content")}
    dens_p, dens_q, dens_g = [], [], []
    for art in articles:
        text = art["text"]
        doc = analyze_text(text)
        rows = extract_attributions(doc, quotes_alone=quotes_alone, model=model)
        pred = {
            "cue": [(r.cue_start, r.cue_end) for r in rows if r.cue_start is not None],
            "source": [(r.source_start, r.source_end) for r in rows if r.source_start is not None],
            "content": [
                _strip(text, r.content_start, r.content_end) for r in rows if r.content_start is not None
            ],
        }
        gold = {
            k: [(rel[k][0][0], rel[k][-1][1]) for rel in art["relations"] if rel[k]]
            for k in ("cue", "source", "content")
        }
        gold["content"] = [_strip(text, s, e) for s, e in gold["content"]]
        for k in counts:
            for mode in ("overlap", "exact"):
                c = counts[k][mode]
                ex = mode == "exact"
                c[0] += _match(pred[k], gold[k], ex)
                c[1] += len(pred[k])
                c[2] += _match(gold[k], pred[k], ex)
                c[3] += len(gold[k])
        n_words = doc.n_words or 1
        dens_p.append(100 * len(rows) / n_words)
        dens_q.append(100 * len(extract_attributions(doc, quotes_alone=True, model=model)) / n_words)
        dens_g.append(100 * len(art["relations"]) / n_words)
    out = {k: {mode: _prf(*counts[k][mode]) for mode in counts[k]} for k in counts}
    out["spearman"] = float(spearmanr(dens_p, dens_g).statistic)
    out["spearman_quotes_alone"] = float(spearmanr(dens_q, dens_g).statistic)
    return out


def _speed(articles, reps=3):
    """Milliseconds of CPU time (``time.process_time``) per 600 words for the extraction alone
    (Documents already built, new Documents each round so nothing is cached), best of ``reps``;
    once with the actor mentions computed as part of it, once with them given (as in ``analyze``,
    which finds an article's mentions once for every family)."""
    from compare.actors import actor_mentions
    from compare.scores.attribution import _model as M
    from compare.scores.attribution._attribution import _extract

    model = M.default_model()
    _extract(analyze_text(articles[0]["text"]), outlet=None, quotes_alone=True, model=model, mentions=None)  # warm-up
    out = {}
    for with_actors in (True, False):
        best = float("inf")
        for _ in range(reps):
            docs = [analyze_text(a["text"]) for a in articles]
            found = [None if with_actors else actor_mentions(d) for d in docs]
            n_words = sum(d.n_words for d in docs)
            t = time.process_time()
            for d, mentions in zip(docs, found, strict=True):
                _extract(d, outlet=None, quotes_alone=True, model=model, mentions=mentions)
            best = min(best, time.process_time() - t)
        out[with_actors] = 1000 * best / n_words * 600
    return out


def main():
    from train_attribution import load_polnear

    print("| split | span | P (overlap) | R (overlap) | F1 (overlap) | P (exact) | R (exact) | F1 (exact) |")
    print("|---|---|---|---|---|---|---|---|")
    dens = {}
    for split in ("dev", "train"):
        arts = load_polnear(split)
        r = evaluate(arts)
        dens[split] = (r["spearman"], r["spearman_quotes_alone"], len(arts))
        for k in ("cue", "source", "content"):
            o, e = r[k]["overlap"], r[k]["exact"]
            print(
                f"| {split} | {k} | {o[0]:.3f} | {o[1]:.3f} | {o[2]:.3f} | {e[0]:.3f} | {e[1]:.3f} | {e[2]:.3f} |"
            )
    print()
    print(
        "| split | articles | Spearman, cue-marked attributions per 100 words (headline metric) | Spearman, + quotation-only rows |"
    )
    print("|---|---|---|---|")
    for split, (rho, rho_q, n) in dens.items():
        print(f"| {split} | {n} | {rho:.3f} | {rho_q:.3f} |")
    print()
    ms = _speed(load_polnear("dev"))
    print(
        f"Speed (CPU time, best of 3 on dev, Document already built): {ms[True]:.2f} ms per 600 words "
        f"including actor linking; {ms[False]:.2f} ms with the actor mentions already cached."
    )


if __name__ == "__main__":
    main()
