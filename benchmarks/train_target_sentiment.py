"""Train the target-dependent sentiment model shipped in ``src/compare/data/target_sentiment.json``.

Trains a multinomial logistic regression on NewsMTSC ``train.jsonl`` only (features from
``compare.scores.sentiment._target_model.features``), picks the regularisation strength by 5-fold
cross-validation on train (macro-F1, folds grouped by sentence), and writes the coefficients as
JSON (feature name -> one coefficient per class), rounded to 4 decimals and pruned of features
whose coefficients are all below ``--prune``.

NewsMTSC: Hamborg & Donnay (EACL 2021), https://github.com/fhamborg/NewsMTSC, MIT licence.

The features include VADER's word sentiments of the sentence (each word's valence after all of
VADER's rules, from one VADER pass over the sentence), summed left of the target, right of it and
in its clause and normalised as VADER normalises a compound; before, VADER was re-run on those
three pieces of text for every target, which cost three VADER passes per target for no gain in
cross-validated macro-F1 (see ``docs/benchmarks/sentiment.md``).

Run: ``.venv/bin/python benchmarks/train_target_sentiment.py`` (a few minutes on one core).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from compare._datasets import datasets_dir
from compare.scores.sentiment import _target_model as tm
from compare.scores.sentiment._vader import polarity_scores

LABELS = {2.0: 0, 4.0: 1, 6.0: 2}


def load(path: Path) -> tuple[list[dict[str, float]], np.ndarray, np.ndarray]:
    feats, ys, groups = [], [], []
    with path.open(encoding="utf-8") as fh:
        for gi, line in enumerate(fh):
            row = json.loads(line)
            s = row["sentence_normalized"]
            sc = polarity_scores(s)
            for t in row["targets"]:
                feats.append(tm.features(s, t["from"], t["to"], (sc.compound, sc.pos, sc.neg)))
                ys.append(LABELS[float(t["polarity"])])
                groups.append(gi)
    return feats, np.array(ys), np.array(groups)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--out", default=str(Path(__file__).resolve().parents[1] / "src/compare/data" / tm.MODEL_FILE)
    )
    ap.add_argument("--prune", type=float, default=0.02)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--no-cv", action="store_true", help="skip cross-validation, use --C")
    ap.add_argument("--C", type=float, default=0.1)
    ap.add_argument("--grid", type=float, nargs="+", default=[0.03, 0.05, 0.1])
    args = ap.parse_args()

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    root = datasets_dir(required=True) / "newsmtsc"
    X_dicts, y, groups = load(root / "train.jsonl")
    # vocabulary: drop sparse features seen in fewer than min_df training targets
    counts: dict[str, int] = {}
    for d in X_dicts:
        for k in d:
            counts[k] = counts.get(k, 0) + 1
    keep = {k for k, c in counts.items() if c >= args.min_df}
    X_dicts = [{k: v for k, v in d.items() if k in keep} for d in X_dicts]
    vec = DictVectorizer()
    X = vec.fit_transform(X_dicts)
    print(f"train targets: {X.shape[0]}, features: {X.shape[1]}")

    def model(C: float, cw: str | None = None) -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=3000, class_weight=cw)

    C, cw = args.C, None
    if not args.no_cv:
        best = (-1.0, C, "none")
        # multi-target sentences of train: a proxy for devtest_mt, within train
        multi = np.bincount(groups)[groups] >= 2
        for c, w in [(c, w) for c in args.grid for w in ("none", "balanced")]:
            scores, multi_scores = [], []
            for tr, te in GroupKFold(n_splits=5).split(X, y, groups):
                m = model(c, None if w == "none" else w).fit(X[tr], y[tr])
                pred = m.predict(X[te])
                scores.append(f1_score(y[te], pred, average="macro"))
                mt = multi[te]
                multi_scores.append(f1_score(y[te][mt], pred[mt], average="macro"))
            mean = float(np.mean(scores))
            print(
                f"C={c}, class_weight={w}: CV macro-F1 {mean:.4f} (multi-target sentences {np.mean(multi_scores):.4f})"
            )
            best = max(best, (mean, c, w))
        C, cw = best[1], (None if best[2] == "none" else best[2])
    clf = model(C, cw).fit(X, y)
    names = vec.get_feature_names_out()
    weights = {}
    for j, name in enumerate(names):
        col = clf.coef_[:, j]
        if np.max(np.abs(col)) >= args.prune:
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
    out.write_text(json.dumps(data, separators=(",", ":"), sort_keys=True), encoding="utf-8")
    print(
        f"C={C}, class_weight={cw}; wrote {len(weights)} features to {out} ({out.stat().st_size / 1e3:.0f} kB)"
    )


if __name__ == "__main__":
    main()
