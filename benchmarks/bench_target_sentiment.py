"""Target-dependent sentiment on NewsMTSC devtest_mt: shipped model vs VADER baselines.

Measures macro-F1, per-class F1 and accuracy of :func:`compare.scores.target_sentiment` on
NewsMTSC ``devtest_mt.jsonl`` (sentences with two or more targets; the model is trained and
chosen on ``train.jsonl`` only), next to VADER's compound of the sentence the target is read in
(the Document sentence that contains it) with the +-0.05 thresholds and the majority class, plus
the inference speed of single calls.

Run: ``.venv/bin/python benchmarks/bench_target_sentiment.py``
"""

from __future__ import annotations

import json
import time
from collections import Counter

from compare import analyze_text
from compare._datasets import datasets_dir
from compare.scores import target_sentiment
from compare.scores.sentiment._vader import polarity_scores

LABEL = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
CLASSES = ("negative", "neutral", "positive")


def f1s(gold: list[str], pred: list[str]) -> dict[str, float]:
    out = {}
    for c in CLASSES:
        tp = sum(1 for g, p in zip(gold, pred, strict=False) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred, strict=False) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred, strict=False) if g == c and p != c)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        out[c] = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    out["macro"] = sum(out[c] for c in CLASSES) / 3
    out["accuracy"] = sum(1 for g, p in zip(gold, pred, strict=False) if g == p) / len(gold)
    return out


def vader_label(c: float) -> str:
    return "positive" if c >= 0.05 else "negative" if c <= -0.05 else "neutral"


def main() -> None:
    path = datasets_dir(required=True) / "newsmtsc" / "devtest_mt.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    gold, model, vader = [], [], []
    t0 = time.process_time()
    n = 0
    for row in rows:
        s = row["sentence_normalized"]
        for t in row["targets"]:
            gold.append(LABEL[float(t["polarity"])])
            model.append(target_sentiment(s, t["from"], t["to"]).label)
            n += 1
    elapsed = time.process_time() - t0
    for row in rows:
        doc = analyze_text(row["sentence_normalized"])
        for t in row["targets"]:
            si = doc.sentence_at(t["from"])
            si = (
                si if si is not None else next(i for i, s in enumerate(doc.sentences) if s.start >= t["from"])
            )
            vader.append(vader_label(polarity_scores(doc.sentences[si].text).compound))
    majority = [Counter(gold).most_common(1)[0][0]] * len(gold)
    print(
        f"NewsMTSC devtest_mt: {len(rows)} sentences, {n} targets "
        f"({', '.join(f'{c} {gold.count(c)}' for c in CLASSES)})\n"
    )
    print("| method | macro-F1 | F1 negative | F1 neutral | F1 positive | accuracy |")
    print("|---|---|---|---|---|---|")
    for name, pred in (
        ("target_sentiment (shipped model)", model),
        ("VADER compound of the sentence, +-0.05", vader),
        ("majority class", majority),
    ):
        f = f1s(gold, pred)
        print(
            f"| {name} | {f['macro']:.3f} | {f['negative']:.3f} | {f['neutral']:.3f} | "
            f"{f['positive']:.3f} | {f['accuracy']:.3f} |"
        )
    print(
        f"\nSpeed: {1e6 * elapsed / n:.0f} µs per target (first call includes loading the model), "
        "CPU time, one core; includes analyze_text of each sentence."
    )


if __name__ == "__main__":
    main()
