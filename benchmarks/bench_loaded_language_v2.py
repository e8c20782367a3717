"""Loaded language v2: cross-dataset validation (tune on one corpus, report on another), and speed.

Run: ``.venv/bin/python benchmarks/bench_loaded_language_v2.py [--grid]``. Prints Markdown tables.

Corpora (read from ``../shared/datasets``; never shipped):

- **BABE** (Spinde et al. 2021), expert labels, one sentence per item. Tuning part: SG2 minus the
  SG1 sentences; report part: SG1. "No agreement" items are left out.
- **MBIC** (Spinde et al. 2021), crowd labels. It shares its sentences with BABE, so it is only
  used as a held-out corpus for settings tuned on BASIL (never on BABE).
- **BASIL** (Fan et al. 2019), 300 articles (Fox, NYT, HuffPost) on 100 events, with lexical-bias
  spans. A sentence is positive when it holds a lexical-bias span, negative otherwise (sentences
  with informational-bias spans only are negatives). Articles are analysed whole (one paragraph
  per BASIL paragraph), so quotations and reported speech are seen in context.
- **Real coverage** (optional): ``benchmarks/real_coverage/*.sentences.csv`` with columns
  ``text`` and ``label`` (1 = loaded/biased, 0 = not), if present.

A sentence's score is ``1 - exp(-sum f * w)`` over the spans that start inside it (``w`` the span
weight, ``f`` the voice factor): the same rule as :func:`sentence_loaded_scores`, applied to the
corpus's own sentence boundaries.

``--grid`` runs the cross-dataset selection of the settings: every setting of the grid is scored
on both sides; the best on one side is reported on the other, in both directions. The shipped
setting (``compare/data/loaded_v2_params.json``) is the one chosen on BASIL (tuned on a corpus of
other origin than BABE/MBIC, whose figures are then held out).
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import statistics
import sys
import time
from pathlib import Path

from scipy.stats import spearmanr
from sklearn.metrics import roc_auc_score

from compare._datasets import datasets_dir
from compare.scores import _loaded_v2 as v2
from compare.scores import loaded_language
from compare.text import analyze_text

ROOT = Path(__file__).resolve().parents[1]


# --------------------------------------------------------------------------------------------
# Corpora: lists of (text, [(start, end, label), ...]) -- one text per item or article
# --------------------------------------------------------------------------------------------
def _babe_frame(name: str):
    import pandas as pd

    return pd.read_csv(datasets_dir() / "babe_mbic" / name, sep=";", encoding="utf-8-sig")


def _items(texts, labels):
    out = []
    for t, lab in zip(texts, labels, strict=True):
        if lab not in ("Biased", "Non-biased"):
            continue
        t = str(t).strip()
        out.append((t, [(0, len(t), int(lab == "Biased"))]))
    return out


def babe() -> dict[str, list]:
    sg1 = _babe_frame("final_labels_SG1.csv")
    sg2 = _babe_frame("final_labels_SG2.csv")
    held = set(sg1["text"].str.strip().str.lower())
    tune = sg2[~sg2["text"].str.strip().str.lower().isin(held)]
    return {
        "BABE tune (SG2 minus SG1)": _items(tune["text"], tune["label_bias"]),
        "BABE report (SG1)": _items(sg1["text"], sg1["label_bias"]),
    }


def mbic() -> list:
    import pandas as pd

    df = pd.read_csv(datasets_dir() / "babe_mbic" / "final_labels_MBIC.from_xlsx.csv")
    return _items(df["text"], df["label_bias"])


def basil() -> tuple[list, list[float]]:
    """BASIL articles as (text, sentence ranges with labels), and lexical spans per 100 words."""
    root = datasets_dir() / "basil"
    out = []
    density = []
    for path in sorted((root / "articles").glob("*/*.json")):
        art = json.loads(Path(path).read_text(encoding="utf-8"))
        year = Path(path).parent.name
        ann_path = root / "annotations" / year / (Path(path).stem + "_ann.json")
        ann = json.loads(ann_path.read_text(encoding="utf-8"))
        lex = {
            int(a["id"][1:])
            for a in ann["phrase-level-annotations"]
            if a["bias"] == "lex" and a["id"] != "title"
        }
        n_lex = sum(1 for a in ann["phrase-level-annotations"] if a["bias"] == "lex" and a["id"] != "title")
        paras = []
        ranges = []
        pos = 0
        k = 0
        for para in art["body-paragraphs"]:
            pieces = []
            for sent in para:
                sent = sent.strip()
                if pieces:
                    pos += 1
                ranges.append((pos, pos + len(sent), int(k in lex)))
                pieces.append(sent)
                pos += len(sent)
                k += 1
            paras.append(" ".join(pieces))
            pos += 1  # the line break
        text = "\n".join(paras)
        out.append((text, ranges))
        n_words = sum(1 for t in analyze_text(text).tokens if t.kind == "word")
        density.append(100.0 * n_lex / n_words if n_words else math.nan)
    return out, density


def real_coverage() -> list:
    out = []
    for path in sorted((ROOT / "benchmarks" / "real_coverage").glob("*.sentences.csv")):
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row.get("label") in ("0", "1"):
                    t = row["text"].strip()
                    out.append((t, [(0, len(t), int(row["label"]))]))
    return out


# --------------------------------------------------------------------------------------------
# Scorers: each maps a corpus to (labels, scores)
# --------------------------------------------------------------------------------------------
#: the Documents of the corpora, kept for the grid (analyze_text's cache holds 512 texts only)
_DOCS: dict[str, object] = {}


def document(text: str):
    doc = _DOCS.get(text)
    if doc is None:
        doc = _DOCS[text] = analyze_text(text)
    return doc


def score_v2(corpus, setting) -> tuple[list[int], list[float]]:
    p = dict(setting)
    key = "loaded_v2" + repr(setting)
    y, s = [], []
    for text, ranges in corpus:
        doc = document(text)
        spans, _ = v2._analyse(doc, setting)
        if setting != v2._params_tuple():
            doc.cache.pop(key, None)  # keep memory flat over the grid
        for start, end, label in ranges:
            total = sum(
                sp.weight * (p["quoted_factor"] if sp.voice == "quoted" else p["own_factor"])
                for sp in spans
                if start <= sp.start < end
            )
            y.append(label)
            s.append(-math.expm1(-total))
    return y, s


def score_vader(corpus) -> tuple[list[int], list[float]]:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    an = SentimentIntensityAnalyzer()
    y, s = [], []
    for text, ranges in corpus:
        for start, end, label in ranges:
            y.append(label)
            s.append(abs(an.polarity_scores(text[start:end])["compound"]))
    return y, s


def score_v1(corpus) -> tuple[list[int], list[float]]:
    y, s = [], []
    for text, ranges in corpus:
        for start, end, label in ranges:
            out = loaded_language(text[start:end])
            sent = out[out["level"] == "sentence"]["weight"]
            y.append(label)
            s.append(float(sent.mean()) if sent.notna().any() else 0.0)
    return y, s


def score_lexicon_count(corpus) -> tuple[list[int], list[float]]:
    """Lexicon-only baseline: v2 lexicon words of weight >= 0.5, no context rules, no VADER."""
    words = v2.lexicon().words
    y, s = [], []
    for text, ranges in corpus:
        doc = document(text)
        for start, end, label in ranges:
            n = 0
            for t in doc.tokens:
                if t.kind != "word" or not (start <= t.start < end):
                    continue
                for form in v2._base_forms(t.text.lower().rstrip("'’")):
                    hit = words.get(form)
                    if hit is not None:
                        n += hit[1] >= v2.LOADED_THRESHOLD
                        break
            y.append(label)
            s.append(float(n))
    return y, s


#: span categories grouped for the learned alternative
_GROUPS = {"extreme_adjective": 1, "positive_loaded": 2, "doubt_marker": 3, "intensifier": 4, "vader": 5}
FEATURES = (
    "own: labels, verbs",
    "own: extreme adjectives",
    "own: praise",
    "own: doubt",
    "own: intensifiers",
    "own: VADER",
    "own: max weight",
    "quoted: sum",
    "has number",
    "has speech verb",
    "quoted share",
    "log words",
)


def features(corpus, setting):
    """Per sentence: sums of own-voice span weights by category group, the largest own weight, the
    quoted sum, and reportage and length cues (for the learned alternative only)."""
    import numpy as np

    rows, y = [], []
    for text, ranges in corpus:
        doc = document(text)
        spans, _ = v2._analyse(doc, setting)
        quoted = v2._quoted_tokens(doc)
        tokens = doc.tokens
        for start, end, label in ranges:
            f = [0.0] * len(FEATURES)
            toks = [i for i, t in enumerate(tokens) if start <= t.start < end]
            words = [i for i in toks if tokens[i].kind == "word"]
            for sp in spans:
                if start <= sp.start < end:
                    if sp.voice == "own":
                        f[_GROUPS.get(sp.category, 0)] += sp.weight
                        f[6] = max(f[6], sp.weight)
                    else:
                        f[7] += sp.weight
            f[8] = float(any(tokens[i].kind == "number" for i in toks))
            f[9] = float(any(tokens[i].text.lower() in v2._SPEECH_VERBS for i in words))
            f[10] = sum(quoted[i] for i in words) / len(words) if words else 0.0
            f[11] = math.log1p(len(words))
            rows.append(f)
            y.append(label)
    return np.array(rows), y


def learned(corpora, setting, pairs) -> None:
    """Logistic regression over span counts, trained on one corpus and scored on another."""
    from sklearn.linear_model import LogisticRegression

    sets = {
        "span counts (features 0-7)": list(range(8)),
        "+ number, speech verb (0-9)": list(range(10)),
        "+ quoted share, log words (0-11)": list(range(12)),
    }
    cache = {}
    print("| features | trained on | AUC there (in-sample) | held-out corpus | AUC held out |")
    print("|---|---|---|---|---|")
    for name, cols in sets.items():
        for tuned, held in pairs:
            for c in [tuned, *held]:
                if c not in cache:
                    cache[c] = features(corpora[c], setting)
            x, y = cache[tuned]
            model = LogisticRegression(C=1.0, max_iter=1000).fit(x[:, cols], y)
            there = auc((y, list(model.decision_function(x[:, cols]))))
            for h in held:
                xh, yh = cache[h]
                print(
                    f"| {name} | {tuned} | {fmt(there)} | {h} | {fmt(auc((yh, list(model.decision_function(xh[:, cols])))))} |"
                )


def auc(ys) -> float:
    y, s = ys
    return float(roc_auc_score(y, s)) if 0 < sum(y) < len(y) else math.nan


# --------------------------------------------------------------------------------------------
# Grid and selection
# --------------------------------------------------------------------------------------------
GRID = {
    "quoted_factor": (0.0, 0.25, 0.5, 1.0),
    "vader_floor": (1.0, 1.4, 1.9, 4.0),
    "vader_scale": (0.4, 0.6, 1.0),
    "vader_positive": (0.0, 0.5, 1.0),
    "stance_compound": (0.0, 0.5),
}


def settings():
    keys = sorted(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        d = dict(zip(keys, values, strict=True))
        if d["vader_floor"] >= 4.0 and (d["vader_scale"] != 1.0 or d["vader_positive"] != 0.0):
            continue  # VADER off: its other settings do not matter
        d["own_factor"] = 1.0
        yield tuple(sorted(d.items()))


def tune_pairs(rc) -> list[tuple[str, list[str]]]:
    """(tuning corpus, held-out corpora) in both directions; BABE and MBIC share their sentences."""
    return [
        ("BABE tune (SG2 minus SG1)", ["BASIL (300 articles)"] + (["real coverage"] if rc else [])),
        ("BASIL (300 articles)", ["BABE report (SG1)", "MBIC (crowd)"] + (["real coverage"] if rc else [])),
    ]


def fmt(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


def show(setting) -> str:
    p = dict(setting)
    return (
        f"quoted {p['quoted_factor']:g}, VADER floor {p['vader_floor']:g} scale {p['vader_scale']:g} "
        f"positive {p['vader_positive']:g}, anti-/pro- {p['stance_compound']:g}"
    )


def speed(articles) -> dict[str, float]:
    docs = [analyze_text(t) for t, _ in articles]
    for d in docs:  # warm the word caches
        v2.sentence_loaded_scores(d)
    times = []
    for d in docs:
        d.cache.clear()
        t0 = time.perf_counter()
        v2.loaded_spans(d)
        v2.sentence_loaded_scores(d)
        v2.article_loaded_metrics(d)
        times.append(time.perf_counter() - t0)
    return {
        "median_ms": 1000 * statistics.median(times),
        "mean_ms": 1000 * statistics.fmean(times),
        "words": statistics.fmean(sum(1 for t in d.tokens if t.kind == "word") for d in docs),
        "n": len(docs),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--grid", action="store_true", help="run the cross-dataset selection of the settings")
    args = ap.parse_args(argv)
    if not (datasets_dir() / "babe_mbic").is_dir() or not (datasets_dir() / "basil").is_dir():
        print("datasets not found; set MEDIA_COMPARE_DATASETS", file=sys.stderr)
        return 1
    corpora = dict(babe())
    basil_articles, basil_density = basil()
    corpora["BASIL (300 articles)"] = basil_articles
    corpora["MBIC (crowd)"] = mbic()
    rc = real_coverage()
    if rc:
        corpora["real coverage"] = rc
    shipped = v2._params_tuple()

    if args.grid:
        tune_sides = {
            "BABE tune (SG2 minus SG1)": "BABE tune (SG2 minus SG1)",
            "BASIL (300 articles)": "BASIL (300 articles)",
        }
        results: dict[tuple, dict[str, float]] = {}
        for setting in settings():
            results[setting] = {name: auc(score_v2(corpora[name], setting)) for name in tune_sides}
        print("### Selection of the settings (grid of", len(results), "settings)\n")
        print("| tuned on | chosen setting | AUC there | held-out corpus | AUC held out |")
        print("|---|---|---|---|---|")
        for tuned, held in tune_pairs(rc):
            best = max(results, key=lambda s, t=tuned: (results[s][t], s))
            for h in held:
                print(
                    f"| {tuned} | {show(best)} | {fmt(results[best][tuned])} | {h} | "
                    f"{fmt(auc(score_v2(corpora[h], best)))} |"
                )
        print()

    print("### Sentence AUC (shipped setting:", show(shipped) + ")\n")
    names = list(corpora)
    print("| scorer | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    scorers = {
        "VADER abs(compound)": score_vader,
        "current scorer (v1, mean per sentence)": score_v1,
        "lexicon-only count (v2 lexicon, no rules)": score_lexicon_count,
        "v2 (shipped)": lambda c: score_v2(c, shipped),
    }
    for label, fn in scorers.items():
        row = [fmt(auc(fn(corpora[n]))) for n in names]
        print(f"| {label} | " + " | ".join(row) + " |")
    print("\n" + " · ".join(f"{n}: {len(score_lexicon_count(corpora[n])[0])} sentences" for n in names))

    # article level on BASIL: loaded words per 100 words vs lexical-bias spans per 100 words
    v2_density = [
        v2.article_loaded_metrics(document(t))["loaded_words_per_100_words"] for t, _ in basil_articles
    ]
    own_density = [
        v2.article_loaded_metrics(document(t))["own_loaded_words_per_100_words"] for t, _ in basil_articles
    ]
    v1_density = []
    for t, _ in basil_articles:
        out = loaded_language(t)
        n_words = sum(1 for tok in analyze_text(t).tokens if tok.kind == "word")
        v1_density.append(100.0 * int((out["level"] == "word").sum()) / n_words)
    print("\n### BASIL articles: loaded words per 100 words vs lexical-bias spans per 100 words (Spearman)\n")
    print("| scorer | Spearman rho |")
    print("|---|---|")
    print(f"| current scorer (v1) | {spearmanr(v1_density, basil_density).statistic:.3f} |")
    print(f"| v2, all voices | {spearmanr(v2_density, basil_density).statistic:.3f} |")
    print(f"| v2, own voice only | {spearmanr(own_density, basil_density).statistic:.3f} |")

    print("\n### Learned alternative: logistic regression over span counts (shipped word weights)\n")
    print("Features: " + "; ".join(f"{i} {n}" for i, n in enumerate(FEATURES)) + ".\n")
    learned(corpora, shipped, tune_pairs(rc))

    sp = speed(basil_articles)
    print("\n### Speed\n")
    print("| what | articles | mean words | median ms / article | mean ms / article |")
    print("|---|---|---|---|---|")
    print(
        f"| v2 spans + sentence scores + article metrics, cache cleared | {sp['n']} | {sp['words']:.0f} | "
        f"{sp['median_ms']:.3f} | {sp['mean_ms']:.3f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
