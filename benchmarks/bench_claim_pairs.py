"""Claim-pair benchmark: same / partial / different, leave-one-dataset-out (issue #20).

For each dataset (``handmade``, ``msrp`` = MSRP *train*, ``basil``; see
``benchmarks/train_claim_match.py`` for how each is built) the claim matcher is trained on the
other datasets with the shipped procedure (L2 penalty by cross-validation, the probability threshold by
accuracy, the partial thresholds by three-way macro-F1, all on the training datasets only) and
scored on the held-out one:

- accuracy of "same claim" (probability at or above the threshold) and ROC-AUC of the probability;
- accuracy when only the three-way ``"same"`` counts as same (partial pairs are then not same);
- macro-F1 of the three-way decision (over the labels the dataset has);
- partial pairs: share decided ``"partial"`` with the right longer side, and character-level F1 of
  the added span against the gold clause.

Baselines, with thresholds tuned for accuracy on the same training datasets: TF-IDF cosine (word
unigrams and bigrams, IDF fitted on the training sentences) and the current ``align_claims``
similarity (``compare.align._claims_sim.pair_scores``), also at its shipped threshold 0.20.

A second table shows MSRP train by 10-fold cross-validation (the other datasets always in
training): MSRP's own distribution, for comparison with the LODO figure, not a substitute for it.

Run: ``.venv/bin/python benchmarks/bench_claim_pairs.py`` (a few minutes; reads
``../shared/datasets`` and ``../shared/extra_datasets/msrp/msr_paraphrase_train.txt``).
"""

from __future__ import annotations

import math
import time

import numpy as np
import train_claim_match as tcm

from compare.align import _claim_match as cm
from compare.align._claims_sim import pair_scores

DATASETS = ("handmade", "msrp", "basil", "real_coverage")


def _auc(y: np.ndarray, s: np.ndarray) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, s)) if len(set(y.tolist())) == 2 else math.nan


def _best_threshold(s: np.ndarray, y: np.ndarray) -> float:
    cands = np.unique(np.round(s, 3))
    accs = [((s >= t) == (y == 1)).mean() for t in cands]
    return float(cands[int(np.argmax(accs))])


def _char_f1(pred: tuple, gold: tuple[tuple[int, int], ...]) -> float:
    pchars = set()
    for s, e in pred:
        pchars.update(range(s, e))
    gchars = set()
    for s, e in gold:
        gchars.update(range(s, e))
    inter = len(pchars & gchars)
    if not inter:
        return 0.0
    return 2 * inter / (len(pchars) + len(gchars))


def _fmt(v: float) -> str:
    return "n/a" if v is None or (isinstance(v, float) and math.isnan(v)) else f"{v:.3f}"


def evaluate(model: cm.ClaimModel, pairs: list[dict], x: np.ndarray, sents: list[tuple]) -> dict:
    y = np.array([p["same"] for p in pairs])
    binary = np.array([p["label"] != "partial" for p in pairs])
    probs = model.probability(x)
    matches = [cm.decide(float(pr), a, b, model=model) for pr, (a, b) in zip(probs, sents, strict=True)]
    said_same = np.array([m.decision == "same" for m in matches])
    out = {
        "n": len(pairs),
        "n_binary": int(binary.sum()),
        "acc": float(((probs[binary] >= model.same_threshold) == (y[binary] == 1)).mean()),
        "auc": _auc(y[binary], probs[binary]),
        "acc_same3": float((said_same[binary] == (y[binary] == 1)).mean()),
    }
    idx3 = [i for i, p in enumerate(pairs) if p.get("three_way")]
    out["macro_f1"] = (
        tcm.macro_f1([pairs[i]["label"] for i in idx3], [matches[i].decision for i in idx3])
        if idx3
        else math.nan
    )
    part = [i for i, p in enumerate(pairs) if p["label"] == "partial" and "added" in p]
    if part:
        found = [matches[i].decision == "partial" and matches[i].longer == pairs[i]["longer"] for i in part]
        f1s = [
            _char_f1(matches[i].added, pairs[i].get("added_parts", (pairs[i]["added"],))) if found[k] else 0.0
            for k, i in enumerate(part)
        ]
        out["partial_found"] = float(np.mean(found))
        out["span_f1"] = float(np.mean(f1s))
        hit = [f for f, ok in zip(f1s, found, strict=True) if ok]
        out["span_f1_found"] = float(np.mean(hit)) if hit else math.nan
    else:
        out["partial_found"] = out["span_f1"] = out["span_f1_found"] = math.nan
    return out


def tfidf_scores(train: list[dict], test: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(
        [p[k] for p in train for k in ("a", "b")]
    )

    def cos(ps):
        a = vec.transform([p["a"] for p in ps])
        b = vec.transform([p["b"] for p in ps])
        return np.asarray(a.multiply(b).sum(axis=1)).ravel()

    return cos(train), cos(test)


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--real-coverage",
        nargs="*",
        default=[],
        help="more folders with SET.claim_pairs.csv files (besides benchmarks/real_coverage)",
    )
    ap.add_argument("--signs", action="store_true", help="only the sign-constraint comparison")
    args = ap.parse_args()
    t0 = time.perf_counter()
    pairs = tcm.load_all(args.real_coverage)
    x, sents = tcm.featurize(pairs)
    if args.signs:
        compare_signs(pairs, x)
        return
    t_feat = time.perf_counter() - t0
    data = np.array([p["dataset"] for p in pairs])
    counts = {d: int((data == d).sum()) for d in DATASETS}

    print("## Claim-pair benchmark (same / partial / different)\n")
    print(
        "Pairs: "
        + ", ".join(
            f"{d} {counts[d]} ("
            + ", ".join(
                f"{lab} {sum(1 for p in pairs if p['dataset'] == d and p['label'] == lab)}"
                for lab in tcm.LABELS3
            )
            + ")"
            for d in DATASETS
        )
        + ".\n"
    )
    print("### Leave-one-dataset-out: trained on the other datasets, scored on the held-out one\n")
    print(
        "Accuracy, ROC-AUC and the baselines are over the same/different pairs (their number in brackets); "
        "'3-way same' counts a pair as same only when the three-way decision says \"same\" (not partial, "
        "no vetoed conflict). Macro-F1 is over the three-way labels the dataset has; 'partial found' is the "
        "share of gold partial pairs decided partial with the right longer side; 'added-span F1' is the "
        "character F1 of the added span against the gold added words (0 when not found).\n"
    )
    print(
        "| held out | pairs (same/different) | accuracy | ROC-AUC | accuracy (3-way same) | 3-way macro-F1 | partial found | "
        "added-span F1 | TF-IDF acc | TF-IDF AUC | current sim acc (tuned) | current sim acc (0.20) | current sim AUC |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    chosen = {}
    for held in DATASETS:
        tr = [i for i, d in enumerate(data) if d != held]
        te = [i for i, d in enumerate(data) if d == held]
        ptr = [pairs[i] for i in tr]
        pte = [pairs[i] for i in te]
        model, c = tcm.train(ptr, x[tr], [sents[i] for i in tr])
        chosen[held] = (
            c,
            model.same_threshold,
            model.partial_coverage,
            model.partial_min_words,
            model.partial_loose_coverage,
            model.partial_min_probability,
            model.veto,
        )
        r = evaluate(model, pte, x[te], [sents[i] for i in te])
        # baselines on same vs different (partial pairs left out, as for the model's accuracy)
        ptr = [p for p in ptr if p["label"] != "partial"]
        pte = [p for p in pte if p["label"] != "partial"]
        ytr = np.array([p["same"] for p in ptr])
        yte = np.array([p["same"] for p in pte])
        s_tr, s_te = tfidf_scores(ptr, pte)
        thr = _best_threshold(s_tr, ytr)
        tf_acc = float(((s_te >= thr) == (yte == 1)).mean())
        cur_tr = pair_scores([p["a"] for p in ptr], [p["b"] for p in ptr])
        cur_te = pair_scores([p["a"] for p in pte], [p["b"] for p in pte])
        cthr = _best_threshold(cur_tr, ytr)
        print(
            f"| {held} | {r['n']} ({r['n_binary']}) | {_fmt(r['acc'])} | {_fmt(r['auc'])} | {_fmt(r['acc_same3'])} | "
            f"{_fmt(r['macro_f1'])} | {_fmt(r['partial_found'])} | {_fmt(r['span_f1'])} | {_fmt(tf_acc)} | "
            f"{_fmt(_auc(yte, s_te))} | {_fmt(float(((cur_te >= cthr) == (yte == 1)).mean()))} | "
            f"{_fmt(float(((cur_te >= 0.2) == (yte == 1)).mean()))} | {_fmt(_auc(yte, cur_te))} |"
        )
    print(
        "\nSettings chosen on the training datasets of each fold (L2 penalty, probability threshold, partial coverage, "
        "partial minimum added words, loose partial coverage and probability (2 = off), conflicts that veto "
        "'same'):\n"
    )
    for held, (c, thr, cov, words, loose, pmin, veto) in chosen.items():
        print(
            f"- without {held}: penalty={c:g}, threshold={thr:.3f}, partial_coverage={cov:g}, "
            f"partial_min_words={words}, partial_loose_coverage={loose:g}, partial_min_probability={pmin:g}, "
            f"veto={list(veto)}"
        )

    # MSRP by cross-validation (its own distribution; the other datasets always train)
    from sklearn.model_selection import StratifiedKFold

    print("\n### MSRP train by 10-fold cross-validation (other datasets always in training)\n")
    m_idx = np.where(data == "msrp")[0]
    o_idx = np.where(data != "msrp")[0]
    ym = np.array([pairs[i]["same"] for i in m_idx])
    probs = np.zeros(len(m_idx))
    accs = []
    c_fold: float | None = None  # C chosen on the first fold's training part, then kept (time)
    for a_tr, a_te in StratifiedKFold(10, shuffle=True, random_state=0).split(m_idx, ym):
        tr = np.concatenate([o_idx, m_idx[a_tr]])
        te = m_idx[a_te]
        model, c_fold = tcm.train([pairs[i] for i in tr], x[tr], [sents[i] for i in tr], c=c_fold)
        probs[a_te] = model.probability(x[te])
        accs.append(float(((probs[a_te] >= model.same_threshold) == (ym[a_te] == 1)).mean()))
    print("| model | accuracy (mean of folds) | ROC-AUC (pooled) | accuracy at 0.5 |")
    print("|---|---|---|---|")
    print(
        f"| claim matcher | {np.mean(accs):.3f} ± {np.std(accs):.3f} | {_auc(ym, probs):.3f} | "
        f"{((probs >= 0.5) == (ym == 1)).mean():.3f} |"
    )
    print(f"| always 'same' | {ym.mean():.3f} | 0.500 | |")

    # speed
    model = cm.load_model()
    sample = sents[:2000]
    t1 = time.perf_counter()
    cm.match_features(sample, model=model)
    t_pair = (time.perf_counter() - t1) / len(sample)
    n_sent = len({id(s) for pair in sents for s in pair})
    print("\n### Speed\n")
    print(
        f"Reading {n_sent} distinct texts and featurising {len(pairs)} pairs: {t_feat:.1f} s in all. "
        f"Features + probability + three-way decision: {t_pair * 1e6:.0f} µs per pair "
        f"(shipped model, {len(sample)} precomputed pairs, one core)."
    )
    align_cost()


def compare_signs(pairs: list[dict], x: np.ndarray) -> None:
    """ROC-AUC of same vs different with three sign constraints: LODO and MSRP 10-fold CV."""
    from sklearn.model_selection import StratifiedKFold

    data = np.array([p["dataset"] for p in pairs])
    y = np.array([p["same"] for p in pairs])
    binary = np.array([p["label"] != "partial" for p in pairs])
    shipped = tcm.SIGNS.copy()
    variants = {
        "all weights free": np.zeros_like(shipped),
        "evidence-against <= 0 (shipped)": shipped,
        "evidence-against <= 0, overlap >= 0": np.array(
            [-1 if f in tcm.NEGATIVE else (0 if f in ("num_both", "len_min") else 1) for f in cm.FEATURES]
        ),
    }
    print("### Sign constraints on the logistic regression (ROC-AUC, same vs different)\n")
    print(
        "| weights | penalty | LODO handmade | LODO msrp | LODO real_coverage | LODO mean | MSRP 10-fold CV |"
    )
    print("|---|---|---|---|---|---|---|")
    m_idx = np.where(data == "msrp")[0]
    o_idx = np.where((data != "msrp") & binary)[0]
    try:
        for name, signs in variants.items():
            tcm.SIGNS = signs
            for c in (1e-3, 1e-2):
                aucs = []
                for held in ("handmade", "msrp", "real_coverage"):
                    tr = np.where((data != held) & binary)[0]
                    te = np.where((data == held) & binary)[0]
                    mean, scale, coef, b0 = tcm.fit_lr(x[tr], y[tr], c=c)
                    aucs.append(_auc(y[te], ((x[te] - mean) / scale) @ coef + b0))
                cv = np.zeros(len(m_idx))
                for a_tr, a_te in StratifiedKFold(10, shuffle=True, random_state=0).split(m_idx, y[m_idx]):
                    tr = np.concatenate([o_idx, m_idx[a_tr]])
                    mean, scale, coef, b0 = tcm.fit_lr(x[tr], y[tr], c=c)
                    cv[a_te] = ((x[m_idx[a_te]] - mean) / scale) @ coef + b0
                cells = " | ".join(_fmt(a) for a in aucs)
                print(
                    f"| {name} | {c:g} | {cells} | {_fmt(float(np.nanmean(aucs)))} | {_fmt(_auc(y[m_idx], cv))} |"
                )
    finally:
        tcm.SIGNS = shipped


def align_cost(n_events: int = 20, *, prefilter: float = 0.10) -> None:
    """What matching candidate pairs would add to ``align_claims`` on BASIL events (an estimate for wiring)."""
    import json

    from compare import Article
    from compare._datasets import datasets_dir
    from compare.align._claims_sim import sentence_features, similarity_matrix
    from compare.align.claims import align_claims
    from compare.text import analyze_text

    root = datasets_dir() / "basil" / "articles"
    events: dict[str, list] = {}
    for path in sorted(root.rglob("*.json")):
        art = json.loads(path.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(p) for p in art["body-paragraphs"])
        events.setdefault(art["triplet-uuid"], []).append(
            Article(id=path.stem, outlet=art["source"].lower(), text=text)
        )
    chosen = [events[k] for k in sorted(events)[:n_events]]
    t_align = t_read = t_match = 0.0
    n_pairs = n_cand = 0
    for arts in chosen:
        t0 = time.perf_counter()
        align_claims(arts)
        t_align += time.perf_counter() - t0
        docs = [analyze_text(a.text) for a in arts]
        t0 = time.perf_counter()
        sents = [(ai, cs) for ai, d in enumerate(docs) for cs in cm.claim_sentences(d)]
        t_read += time.perf_counter() - t0
        feats = [f for d in docs for f in sentence_features(d)]
        sim = similarity_matrix(feats)
        owner = np.array([ai for ai, _ in sents])
        iu, ju = np.triu_indices(len(sents), k=1)
        cross = owner[iu] != owner[ju]
        n_pairs += int(cross.sum())
        keep = cross & (sim[iu, ju] >= prefilter)
        cand = [(sents[i][1], sents[j][1]) for i, j in zip(iu[keep], ju[keep], strict=True)]
        n_cand += len(cand)
        t0 = time.perf_counter()
        cm.match_features(cand)
        t_match += time.perf_counter() - t0
    print(f"\n### Cost of matching inside align_claims (first {n_events} BASIL events, estimate)\n")
    print(
        "| align_claims today | reading sentences for the matcher | matching pairs with similarity >= "
        f"{prefilter:.2f} | cross-article pairs | candidates |"
    )
    print("|---|---|---|---|---|")
    print(
        f"| {t_align / n_events * 1e3:.0f} ms/event | {t_read / n_events * 1e3:.0f} ms/event | "
        f"{t_match / n_events * 1e3:.0f} ms/event | {n_pairs / n_events:.0f}/event | {n_cand / n_events:.0f}/event |"
    )


if __name__ == "__main__":
    main()
