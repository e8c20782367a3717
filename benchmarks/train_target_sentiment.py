"""Train the target-dependent sentiment model shipped in ``src/compare/data/target_sentiment.json``.

Reads NewsMTSC ``train.jsonl`` only. Each sentence is analysed with :func:`compare.analyze_text`
and each target read in the Document sentence that contains it, as the library does; the features
are those of ``compare.scores.sentiment._target_features`` (the one implementation the library
uses), with a vocabulary of every training word. A multinomial logistic regression is chosen by
5-fold cross-validation on train (folds grouped by NewsMTSC sentence; macro-F1; also reported on
train's multi-target sentences, a proxy for devtest_mt), refitted on all of train, and its
coefficients written as JSON (feature name -> one coefficient per class), rounded to 4 decimals
and pruned of binary features whose coefficients are all below ``--prune``.

With ``--baseline`` it also prints, on the same folds, the cross-validated macro-F1 of VADER's
sentence compound (+-0.05 thresholds) and of the majority class.

NewsMTSC: Hamborg & Donnay (EACL 2021), https://github.com/fhamborg/NewsMTSC, MIT licence.

Run: ``.venv/bin/python benchmarks/train_target_sentiment.py`` (about 10 minutes on 2 cores).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from compare import analyze_text
from compare._datasets import datasets_dir
from compare.scores.sentiment import _target_features as tf
from compare.scores.sentiment import _target_model as tm
from compare.scores.sentiment._vader import polarity_scores, word_sentiments

LABELS = {2.0: 0, 4.0: 1, 6.0: 2}


def vader(doc, si):  # type: ignore[no-untyped-def]
    s = polarity_scores(doc.sentences[si].text)
    return (s.compound, s.pos, s.neg), word_sentiments(doc.sentences[si].text)


def load(path: Path) -> tuple[list[tuple], np.ndarray, np.ndarray]:
    """Targets as ``(doc, sentence, start, end)``, their labels and their NewsMTSC sentence."""
    items, ys, groups = [], [], []
    with path.open(encoding="utf-8") as fh:
        for gi, line in enumerate(fh):
            row = json.loads(line)
            doc = analyze_text(row["sentence_normalized"])
            for t in row["targets"]:
                si = tf.target_sentence(doc, t["from"])
                if si is None:
                    continue
                items.append((doc, si, t["from"], t["to"]))
                ys.append(LABELS[float(t["polarity"])])
                groups.append(gi)
    return items, np.array(ys), np.array(groups)


def design(items: list[tuple], min_df: int):  # type: ignore[no-untyped-def]
    """The design matrix (dense columns, then binary ones seen in >= min_df targets) and names."""
    import scipy.sparse as sp

    batch = tf.make_batch(items, vader)
    vocab = tf.build_vocab(batch.lowers)
    f = tf.features(batch, vocab)
    keys, df = np.unique(f.key, return_counts=True)
    kept = keys[df >= min_df]
    sel = np.isin(f.key, kept)
    cols = np.searchsorted(kept, f.key[sel])
    binary = sp.csr_matrix((np.ones(int(sel.sum())), (f.owner[sel], cols)), shape=(len(items), len(kept)))
    X = sp.hstack([sp.csr_matrix(f.dense), binary]).tocsr()
    names = [*tf.DENSE, *(tf.feature_name(k, vocab) for k in kept.tolist())]
    return X, names


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "src/compare/data" / tm.MODEL_FILE)
    )
    ap.add_argument("--prune", type=float, default=0.02)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation, use --C")
    ap.add_argument("--C", type=float, default=0.05)
    ap.add_argument("--grid", type=float, nargs="+", default=[0.03, 0.05, 0.08])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--baseline", action="store_true", help="also print VADER and majority on the folds")
    args = ap.parse_args()

    from joblib import Parallel, delayed
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    root = datasets_dir(required=True) / "newsmtsc"
    items, y, groups = load(root / "train.jsonl")
    X, names = design(items, args.min_df)
    print(f"train targets: {X.shape[0]}, features: {X.shape[1]}")
    folds = list(GroupKFold(n_splits=5).split(X, y, groups))
    multi = np.bincount(groups)[groups] >= 2  # multi-target sentences of train

    def model(C: float, cw: str | None = None) -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=5000, class_weight=cw)

    def fold(c: float, w: str, tr: np.ndarray, te: np.ndarray) -> tuple[float, float]:
        pred = model(c, None if w == "none" else w).fit(X[tr], y[tr]).predict(X[te])
        mt = multi[te]
        return f1_score(y[te], pred, average="macro"), f1_score(y[te][mt], pred[mt], average="macro")

    if args.baseline:
        comp = np.array([vader(doc, si)[0][0] for doc, si, _, _ in items])
        vpred = np.where(comp >= 0.05, 2, np.where(comp <= -0.05, 0, 1))
        for name, pred in (("VADER sentence compound, +-0.05", vpred), ("majority class", None)):
            scores = []
            for tr, te in folds:
                p = vpred[te] if pred is not None else np.full(len(te), np.bincount(y[tr]).argmax())
                scores.append(f1_score(y[te], p, average="macro"))
            print(f"{name}: CV macro-F1 {np.mean(scores):.4f} ({' '.join(f'{s:.4f}' for s in scores)})")

    C, cw = args.C, None
    if not args.no_cv:
        best = (-1.0, C, "none")
        for c, w in [(c, w) for c in args.grid for w in ("none", "balanced")]:
            res = Parallel(n_jobs=args.jobs)(delayed(fold)(c, w, tr, te) for tr, te in folds)
            scores = [r[0] for r in res]
            mean = float(np.mean(scores))
            print(
                f"C={c}, class_weight={w}: CV macro-F1 {mean:.4f} "
                f"({' '.join(f'{s:.4f}' for s in scores)}; multi-target sentences "
                f"{np.mean([r[1] for r in res]):.4f})",
                flush=True,
            )
            best = max(best, (mean, c, w))
        C, cw = best[1], (None if best[2] == "none" else best[2])
    clf = model(C, cw).fit(X, y)
    weights = {}
    for j, name in enumerate(names):
        col = clf.coef_[:, j]
        if j < len(tf.DENSE) or np.max(np.abs(col)) >= args.prune:
            weights[str(name)] = [round(float(v), 4) for v in col]
    data = {
        "description": "Target-dependent sentiment: multinomial logistic regression on NewsMTSC train "
        "(Hamborg & Donnay, EACL 2021; MIT licence). Regenerate with benchmarks/train_target_sentiment.py.",
        "classes": list(tm.CLASSES),
        "C": C,
        "class_weight": cw or "none",
        "min_df": args.min_df,
        "prune": args.prune,
        "intercept": [round(float(v), 4) for v in clf.intercept_],
        "weights": weights,
    }
    out = Path(args.out)
    out.write_text(
        json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=False), encoding="utf-8"
    )
    print(
        f"C={C}, class_weight={cw}; wrote {len(weights)} features to {out.name} ({out.stat().st_size / 1e3:.0f} kB)"
    )


if __name__ == "__main__":
    main()
