"""Loaded language on BABE: sentence AUC, word-level precision / recall / F1, and speed.

Run: ``.venv/bin/python benchmarks/bench_loaded_language.py``. Prints Markdown tables.

Split: BABE SG1 (1,700 sentences, 8 expert annotators) is the report set. SG2 contains every SG1
sentence, so the tuning set is SG2 *minus* the SG1 sentences (1,974 sentences); the few scalar
settings of :mod:`compare.scores.wordchoice` (VADER floor 1.4, loaded threshold 0.5, number
penalty 0.5, reporting penalty 0.8) were chosen on that set. Sentences labelled "No agreement" are
left out of the AUC. The lexicon is hand-written (docs/loaded_lexicon.md); no BABE words are shipped.

Word level: per sentence, the set of lower-cased words flagged loaded against the set of
annotated ``biased_words`` (all sentences of the split, biased or not); micro-averaged.
"""

from __future__ import annotations

import ast
import statistics
import sys
import time

import pandas as pd
from sklearn.metrics import roc_auc_score

from compare._datasets import datasets_dir
from compare.scores import loaded_language
from compare.scores.wordchoice import FAMILY
from compare.text import analyze_text


def _read(name: str) -> pd.DataFrame:
    path = datasets_dir() / "babe_mbic" / name
    return pd.read_csv(path, sep=";", encoding="utf-8-sig")


def splits() -> dict[str, pd.DataFrame]:
    sg1 = _read("final_labels_SG1.csv")
    sg2 = _read("final_labels_SG2.csv")
    held = set(sg1["text"].str.strip().str.lower())
    tune = sg2[~sg2["text"].str.strip().str.lower().isin(held)]
    return {"tune: SG2 minus SG1": tune, "report: SG1": sg1}


def evaluate(df: pd.DataFrame) -> dict[str, float]:
    y, s = [], []
    tp = fp = fn = 0
    for text, label, words in zip(df["text"], df["label_bias"], df["biased_words"], strict=True):
        out = loaded_language(text)
        sent = out[out["level"] == "sentence"]["weight"]
        score = float(sent.mean()) if sent.notna().any() else 0.0
        if label in ("Biased", "Non-biased"):
            y.append(label == "Biased")
            s.append(score)
        found = {w.lower() for w in out.loc[out["level"] == "word", "text"]}
        gold = {w.lower().strip() for w in ast.literal_eval(words)} if isinstance(words, str) else set()
        tp += len(found & gold)
        fp += len(found - gold)
        fn += len(gold - found)
    p = tp / (tp + fp) if tp + fp else float("nan")
    r = tp / (tp + fn) if tp + fn else float("nan")
    return {
        "n": len(y),
        "auc": roc_auc_score(y, s),
        "precision": p,
        "recall": r,
        "f1": 2 * p * r / (p + r) if p + r else float("nan"),
    }


def speed() -> dict[str, float]:
    seed = datasets_dir().parent / "seed" / "the-gaze-putin-istanbul.txt"
    base = seed.read_text(encoding="utf-8") if seed.exists() else "Putin refuses to meet. " * 100
    words = base.split()
    texts = [" ".join(words[i:] + words[:i])[:] for i in range(0, 200, 2)]
    texts = [" ".join((t.split() * 3)[:600]) for t in texts]
    docs = [analyze_text(t) for t in texts]
    times = []
    for d in docs:
        t0 = time.perf_counter()
        FAMILY(d, options={"labels": False})
        times.append(time.perf_counter() - t0)
    times_l = []
    for d in docs:
        t0 = time.perf_counter()
        FAMILY(d)
        times_l.append(time.perf_counter() - t0)
    return {
        "loaded_ms": 1000 * statistics.median(times),
        "all_ms": 1000 * statistics.median(times_l),
        "words": statistics.mean(d.n_words for d in docs),
    }


def main() -> int:
    if not (datasets_dir() / "babe_mbic").is_dir():
        print("BABE not found; set MEDIA_COMPARE_DATASETS", file=sys.stderr)
        return 1
    print("| split | sentences (AUC) | sentence AUC | word precision | word recall | word F1 |")
    print("|---|---|---|---|---|---|")
    for name, df in splits().items():
        m = evaluate(df)
        print(
            f"| {name} | {m['n']} | {m['auc']:.3f} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} |"
        )
    sp = speed()
    print()
    print("| speed (median per article, warm caches) | ms |")
    print("|---|---|")
    print(f"| loaded language only ({sp['words']:.0f} words) | {sp['loaded_ms']:.3f} |")
    print(f"| whole family incl. actor labels | {sp['all_ms']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
