"""Benchmark: generic news frames and FrameClassifier on the Narrative Frames Corpus.

Run ``.venv/bin/python benchmarks/bench_frames.py`` (add ``--quick`` for 3 outer folds). It prints
Markdown tables (kept in ``docs/benchmarks/frames.md``):

1. the **untrained** frame scores (``compare.scores.frames``): per-frame ROC AUC, and F1 at the fixed,
   documented presence threshold 0.5 and at a threshold tuned by 5-fold CV (tuned on 4 folds, applied
   to the 5th);
2. :class:`~compare.scores.FrameClassifier` by 5-fold CV (``cross_validate_frames``: metrics on each
   held-out fold, averaged over folds), next to a plain TF-IDF + logistic regression baseline
   evaluated the same way (same folds: ``KFold(5, shuffle=True, random_state=0)``);
3. speed of the untrained scores per article.

Data: ``<datasets>/narrative_frames/articles_metadata.tsv`` (Frermann et al. 2023; MIT licence; about
60% of the 428 articles; the rest is held back for evaluation elsewhere). Labels are the aggregated
binary frames RE (resolution = responsibility), HI, CO, MO, EC. The one article without labels is
dropped; the malformed value ``"False)"`` is read as False.
"""

from __future__ import annotations

import argparse
import sys
import time
import timeit

import numpy as np
import pandas as pd

from compare._datasets import datasets_dir

__all__ = ["FRAME_COLUMNS", "load_narrative_frames", "main", "markdown_table"]

#: Narrative Frames Corpus column -> our frame name
FRAME_COLUMNS = {
    "CO": "conflict",
    "HI": "human_interest",
    "EC": "economic",
    "MO": "morality",
    "RE": "responsibility",
}


def load_narrative_frames() -> tuple[list[str], pd.DataFrame]:
    """Texts and a 0/1 label DataFrame (columns: our frame names) of the Narrative Frames Corpus."""
    path = datasets_dir(required=True) / "narrative_frames" / "articles_metadata.tsv"
    df = pd.read_csv(path, sep="\t")
    labels = {}
    keep = np.ones(len(df), dtype=bool)
    for col, frame in FRAME_COLUMNS.items():
        raw = df[col].astype("string").str.strip().str.rstrip(")")
        keep &= raw.isin(["True", "False"]).to_numpy()
        labels[frame] = (raw == "True").fillna(False).astype(int).to_numpy()
    Y = pd.DataFrame(labels)[keep].reset_index(drop=True)
    texts = df.loc[keep, "text"].astype(str).tolist()
    return texts, Y


def markdown_table(df: pd.DataFrame, *, digits: int = 3) -> str:
    """A Markdown table of ``df`` (floats to ``digits`` decimals; no extra dependency)."""

    def fmt(v: object) -> str:
        if isinstance(v, float | np.floating):
            return "nan" if np.isnan(v) else f"{v:.{digits}f}"
        return str(v)

    head = "| " + " | ".join(map(str, df.columns)) + " |"
    rule = "|" + "|".join("---" for _ in df.columns) + "|"
    body = ["| " + " | ".join(fmt(v) for v in row) + " |" for row in df.itertuples(index=False)]
    return "\n".join([head, rule, *body])


def _untrained(texts: list[str], Y: pd.DataFrame, *, folds: int) -> pd.DataFrame:
    from sklearn.metrics import f1_score, roc_auc_score
    from sklearn.model_selection import KFold

    import compare.scores as cs
    from compare.scores.framing import PRESENCE_THRESHOLD

    S = pd.DataFrame([cs.frames(t) for t in texts])
    rows = []
    kf = KFold(n_splits=folds, shuffle=True, random_state=0)
    for frame in FRAME_COLUMNS.values():
        y, s = Y[frame].to_numpy(), S[frame].to_numpy()
        cv_pred = np.zeros(len(y), dtype=int)
        grid = np.linspace(0.02, 0.98, 49)
        for train, test in kf.split(s):
            f1s = [f1_score(y[train], s[train] >= t, zero_division=0.0) for t in grid]
            cv_pred[test] = s[test] >= grid[int(np.argmax(f1s))]
        rows.append(
            {
                "frame": frame,
                "positives": int(y.sum()),
                "roc_auc": roc_auc_score(y, s),
                "f1@0.5": f1_score(y, s >= PRESENCE_THRESHOLD, zero_division=0.0),
                "f1@cv threshold": f1_score(y, cv_pred, zero_division=0.0),
                "share predicted@0.5": float((s >= PRESENCE_THRESHOLD).mean()),
            }
        )
    out = pd.DataFrame(rows)
    macro = {c: out[c].mean() for c in out.columns if c not in ("frame", "positives")}
    macro.update({"frame": "macro", "positives": int(out["positives"].sum())})
    return pd.concat([out, pd.DataFrame([macro])], ignore_index=True)


def _baseline(texts: list[str], Y: pd.DataFrame, *, folds: int) -> pd.DataFrame:
    """TF-IDF words + logistic regression at threshold 0.5 (the issue's baseline); fold means."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score, roc_auc_score
    from sklearn.model_selection import KFold
    from sklearn.pipeline import make_pipeline

    kf = KFold(n_splits=folds, shuffle=True, random_state=0)
    arr = np.asarray(texts, dtype=object)
    rows = []
    for frame in FRAME_COLUMNS.values():
        y = Y[frame].to_numpy()
        f1s, aucs = [], []
        for train, test in kf.split(arr):
            model = make_pipeline(TfidfVectorizer(sublinear_tf=True), LogisticRegression(max_iter=2000))
            model.fit(list(arr[train]), y[train])
            p = model.predict_proba(list(arr[test]))[:, 1]
            f1s.append(f1_score(y[test], p >= 0.5, zero_division=0.0))
            aucs.append(roc_auc_score(y[test], p))
        rows.append({"label": frame, "f1": float(np.mean(f1s)), "roc_auc": float(np.mean(aucs))})
    out = pd.DataFrame(rows)
    return pd.concat(
        [out, pd.DataFrame([{"label": "macro", "f1": out["f1"].mean(), "roc_auc": out["roc_auc"].mean()}])],
        ignore_index=True,
    )


def _speed(texts: list[str]) -> float:
    """Best-of-5 CPU milliseconds per article of the untrained scores (Documents built beforehand).

    CPU time (``time.process_time``) rather than wall time, so that other processes on a shared
    machine do not inflate the figure.
    """
    from compare.scores.framing._lexicon import frame_scores, load_lexicon, scan
    from compare.text import analyze_text

    docs = [analyze_text(t) for t in texts]
    lex = load_lexicon()
    for d in docs:
        scan(d, lex)
        _ = d.n_words

    def run() -> None:
        for d in docs:
            frame_scores(scan(d, lex), d.n_words)

    return min(timeit.repeat(run, number=1, repeat=5, timer=time.process_time)) / len(docs) * 1e3


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print Markdown tables."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 outer folds instead of 5")
    args = parser.parse_args(argv)
    folds = 3 if args.quick else 5

    from compare.scores import cross_validate_frames

    texts, Y = load_narrative_frames()
    n_words = np.mean([len(t.split()) for t in texts])
    print(f"Narrative Frames Corpus (available part): {len(texts)} articles, mean {n_words:.0f} words\n")

    print("## Untrained frame scores (`compare.scores.frames`)\n")
    print(markdown_table(_untrained(texts, Y, folds=folds)))

    print(f"\n## FrameClassifier, {folds}-fold CV (`cross_validate_frames`, default parameters)\n")
    t0 = time.perf_counter()
    res = cross_validate_frames(texts, Y, cv=folds, random_state=0)
    elapsed = time.perf_counter() - t0
    print(markdown_table(res))
    print(f"\n({elapsed:.0f} s for {folds} folds)")

    print(f"\n## Baseline: TF-IDF + logistic regression, threshold 0.5, {folds}-fold CV\n")
    print(markdown_table(_baseline(texts, Y, folds=folds)))

    print("\n## Speed of the untrained scores\n")
    ms = _speed(texts)
    print(f"{ms:.3f} CPU ms per article (mean {n_words:.0f} words; Documents built beforehand; best of 5)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
