"""Loaded language v2: leave-one-dataset-out validation, baselines, article checks and speed.

Run: ``.venv/bin/python benchmarks/bench_loaded_language_v2.py [--grid] [--real-coverage DIR]``.
Prints Markdown tables (kept in ``docs/benchmarks/loaded_language.md``).

Corpora (read from ``../shared/datasets`` and ``../shared/real_coverage``; never shipped):

- **BABE** (Spinde et al. 2021), expert labels, one sentence per item. Tuning part: SG2 minus the
  SG1 sentences; report part: SG1. "No agreement" items are left out.
- **MBIC** (Spinde et al. 2021), crowd labels on the same sentences as SG1: reported with BABE,
  never tuned on.
- **BASIL** (Fan et al. 2019), 300 articles (Fox, NYT, HuffPost) on 100 events, with lexical-bias
  spans. A sentence is positive when it holds a lexical-bias span, negative otherwise (sentences
  with informational-bias spans only are negatives). Articles are analysed whole (one paragraph
  per BASIL paragraph), so quotations and reported speech are seen in context.
- **Real coverage**: ``SET.sentences.csv`` label files (``loaded`` / ``neutral`` sentences given as
  offsets) in ``--real-coverage`` (default ``benchmarks/real_coverage``), with the article texts in
  ``../shared/real_coverage/SET.jsonl``. Skipped when absent.
- **AllSides** (Article-Bias-Prediction media-split test set, Baly et al. 2020): article level only,
  partisan (left or right outlet) vs centre; nothing is tuned on it.

A sentence's score is ``1 - exp(-sum f * w)`` over the spans that start inside it (``w`` the span
weight, ``f`` the voice factor): the rule of :func:`sentence_loaded_scores`, applied to the
corpus's own sentence boundaries.

``--grid`` runs the leave-one-dataset-out selection of the scalar settings (voice factor for quoted
speech, VADER floor, scale and positive factor, anti-/pro- compound weight): for each dataset, the
setting with the best mean AUC on the *other* datasets' tuning corpora is scored on it. Settings
are scored from the spans of one permissive analysis (the context rules do not depend on them),
checked against the scorer on the shipped setting. The shipped setting
(``compare/data/loaded_v2_params.json``) is the one chosen with BABE left out, so the BABE SG1 and
MBIC figures are held out.
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
from compare.scores import loaded_language
from compare.scores.wordchoice import _loaded as v2
from compare.scores.wordchoice import _loaded_lexicon as v2lex
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


def allsides_articles() -> list[tuple[str, int]]:
    """Article-Bias-Prediction media-split test articles: (text, 1 for left/right outlets, 0 for centre)."""
    path = datasets_dir() / "article_bias_prediction" / "media_split_test_articles.jsonl"
    out = []
    if not path.is_file():
        return out
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            text = str(row.get("content_original") or "").strip()
            if text:
                out.append((text, int(row["bias_text"] != "center")))
    return out


def article_densities(texts: list[str], p: dict[str, float]) -> dict[str, list[float]]:
    """Per article: loaded words per 100 words (v1; v2 all voices, own voice, voice-weighted by ``p``)."""
    out: dict[str, list[float]] = {"v1": [], "v2 all voices": [], "v2 own voice": [], "v2 voice-weighted": []}
    for t in texts:
        doc = document(t)
        n_words = sum(1 for tok in doc.tokens if tok.kind == "word")
        m = v2.article_loaded_metrics(doc)
        out["v2 all voices"].append(m["loaded_words_per_100_words"])
        out["v2 own voice"].append(m["own_loaded_words_per_100_words"])
        weighted = sum(
            p["quoted_factor"] if sp.voice == "quoted" else p["own_factor"]
            for sp in v2.loaded_spans(doc)
            if sp.weight >= v2.LOADED_THRESHOLD
        )
        out["v2 voice-weighted"].append(100.0 * weighted / n_words if n_words else math.nan)
        v1 = loaded_language(doc)
        out["v1"].append(100.0 * int((v1["level"] == "word").sum()) / n_words if n_words else math.nan)
    return out


def real_coverage(folder: Path) -> list:
    """Hand-labelled sentences of real international coverage (``SET.sentences.csv`` in ``folder``).

    Labels: ``loaded`` = 1, ``neutral`` = 0, as offsets into the article texts, which live in
    ``../shared/real_coverage/SET.jsonl`` (never in the repository).
    """
    texts_dir = datasets_dir().parent / "real_coverage"
    out = []
    for path in sorted(folder.glob("*.sentences.csv")):
        name = path.name.removesuffix(".sentences.csv")
        jsonl = texts_dir / f"{name}.jsonl"
        if not jsonl.is_file():
            continue
        with jsonl.open(encoding="utf-8") as fh:
            texts = {row["id"]: row["text"] for row in map(json.loads, fh)}
        ranges: dict[str, list] = {}
        with path.open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                if row["label"] in ("loaded", "neutral") and row["id"] in texts:
                    ranges.setdefault(row["id"], []).append(
                        (int(row["start"]), int(row["end"]), int(row["label"] == "loaded"))
                    )
        out.extend((texts[i], sorted(r)) for i, r in sorted(ranges.items()))
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
        spans = v2._analyse(doc, setting)
        if setting != v2._params_tuple():
            doc.cache.pop(key, None)  # keep memory flat over the grid
        for start, end, label in ranges:
            total = sum(
                sp.weight * (p["quoted_factor"] if sp.voice == "quoted" else p["own_factor"])
                for sp in spans
                if start <= sp.start < end
            )
            y.append(label)
            s.append(-math.expm1(-round(total, 9)))  # rounded: equal sums tie whatever their order
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
                for form in v2lex.base_forms(t.text.lower().rstrip("'’"), v2lex._SUFFIXES):
                    hit = words.get(form)
                    if hit is not None:
                        n += hit[1] >= v2.LOADED_THRESHOLD
                        break
            y.append(label)
            s.append(float(n))
    return y, s


FEATURES = (*v2.FEATURES, "has_number", "has_speech_verb", "quoted_share", "log_words")


def features(corpus, setting):
    """Per sentence: the model's span features (:func:`compare.scores.wordchoice._loaded.span_features`),
    then reportage and length cues that the shipped model leaves out (compared in the tables)."""
    import numpy as np

    rows, y = [], []
    for text, ranges in corpus:
        doc = document(text)
        spans = v2._analyse(doc, setting)
        quoted = v2._quoted_tokens(doc)
        tokens = doc.tokens
        for start, end, label in ranges:
            toks = [i for i, t in enumerate(tokens) if start <= t.start < end]
            words = [i for i in toks if tokens[i].kind == "word"]
            f = v2.span_features([sp for sp in spans if start <= sp.start < end])
            f.append(float(any(tokens[i].kind == "number" for i in toks)))
            f.append(float(any(tokens[i].text.lower() in v2._SPEECH_VERBS for i in words)))
            f.append(sum(quoted[i] for i in words) / len(words) if words else 0.0)
            f.append(math.log1p(len(words)))
            rows.append(f)
            y.append(label)
    return np.array(rows), y


def fit_model(corpora_list, setting, cols, *, c: float = 1.0):
    """Logistic regression (L2, ``C=c``) on the concatenated corpora's sentence features."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    parts = [features(corpus, setting) for corpus in corpora_list]
    x = np.vstack([p[0] for p in parts])[:, cols]
    y = [v for p in parts for v in p[1]]
    return LogisticRegression(C=c, max_iter=1000).fit(x, y), x, y


def score_model(corpus, setting) -> tuple[list[int], list[float]]:
    """The shipped scorer: the model of ``loaded_v2_model.json`` on the corpus's own sentences."""
    y, s = [], []
    for text, ranges in corpus:
        doc = document(text)
        spans = v2._analyse(doc, setting)
        for start, end, label in ranges:
            y.append(label)
            s.append(v2.model_score(v2.span_features([sp for sp in spans if start <= sp.start < end])))
    return y, s


FEATURE_SETS = {
    "span features (0-7, shipped)": list(range(8)),
    "+ number, speech verb (0-9)": list(range(10)),
    "+ quoted share, log words (0-11)": list(range(12)),
}


def lodo_models(corpora, lodo, units, cols) -> dict[str, tuple[float, float]]:
    """Per held-out corpus: (in-sample AUC on the other datasets, held-out AUC) of a logistic
    regression fitted on the other datasets' tuning corpora, with the word weights chosen without
    the left-out dataset."""
    out = {}
    for out_name, (_, reports) in units.items():
        setting = lodo[out_name]
        tunes = [corpora[t] for n, (t, _) in units.items() if n != out_name]
        model, x, y = fit_model(tunes, setting, cols)
        there = auc((y, list(model.decision_function(x))))
        for rep in reports:
            xh, yh = features(corpora[rep], setting)
            out[rep] = (there, auc((yh, list(model.decision_function(xh[:, cols])))))
    return out


def auc(ys) -> float:
    y, s = ys
    return float(roc_auc_score(y, s)) if 0 < sum(y) < len(y) else math.nan


# --------------------------------------------------------------------------------------------
# Grid and selection
# --------------------------------------------------------------------------------------------
GRID = {
    "quoted_factor": (0.0, 0.125, 0.25, 0.375, 0.5, 0.75, 1.0),
    "vader_floor": (0.0, 0.5, 1.0, 1.4, 1.9, 2.4, 4.0),
    "vader_scale": (0.1, 0.2, 0.3, 0.4, 0.6, 0.8, 1.0),
    "vader_positive": (0.0, 0.25, 0.5, 0.75, 1.0),
    "stance_compound": (0.0, 0.25, 0.5),
}


def settings():
    keys = sorted(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        d = dict(zip(keys, values, strict=True))
        if d["vader_floor"] >= 4.0 and (d["vader_scale"] != 1.0 or d["vader_positive"] != 0.0):
            continue  # VADER off: its other settings do not matter
        d["own_factor"] = 1.0
        yield tuple(sorted(d.items()))


#: the setting that lets every candidate span through: all VADER words, all stance compounds
_CAPTURE = (
    ("own_factor", 1.0),
    ("quoted_factor", 1.0),
    ("stance_compound", 1.0),
    ("vader_floor", 0.0),
    ("vader_positive", 1.0),
    ("vader_scale", 1.0),
)


def _alternatives(word: str, vl: dict[str, float], lex: dict) -> list[tuple[int, float, float]]:
    """Weight sources of a word, as _word_weight sees them: (0, lexicon weight, 0) or (1, 0, valence)."""
    for form in v2lex.base_forms(word, v2lex._SUFFIXES):
        if form in lex:
            return [(0, lex[form][1], 0.0)]
    if "-" in word:
        out = []
        for part in (x for x in word.split("-") if x):
            hit = next((lex[f] for f in v2lex.base_forms(part, v2lex._SUFFIXES) if f in lex), None)
            if hit is not None and hit[0] == "topical":
                continue  # as _word_weight: a topical part adds nothing
            out.extend(_alternatives(part, vl, lex))
        return out
    for form in v2lex.base_forms(word, v2lex._SUFFIXES):
        if form in vl:
            return [(1, 0.0, vl[form])]
    return []


def candidates(corpus):
    """The spans of every setting at once, as arrays, so that a setting is scored without re-analysis.

    The context rules (names, part of speech, phrases, voice) do not depend on the setting; only
    the weights of VADER words and stance compounds, and the voice factor, do.
    """
    import numpy as np

    vl = v2._vader()
    lex = v2.lexicon().words
    y, rng, quoted, stance_ok = [], [], [], []
    alt_span, alt_kind, alt_lexw, alt_val = [], [], [], []
    r = 0
    for text, ranges in corpus:
        doc = document(text)
        spans = v2._analyse(doc, _CAPTURE)
        doc.cache.pop("loaded_v2" + repr(_CAPTURE), None)
        for start, end, label in ranges:
            y.append(label)
            for sp in spans:
                if not start <= sp.start < end:
                    continue
                k = len(rng)
                rng.append(r)
                quoted.append(sp.voice == "quoted")
                word = sp.text.lower()
                parts = [x for x in word.split("-") if x]
                stance_ok.append(" " not in word and len(parts) == 2 and parts[0] in ("anti", "pro"))
                alts = [(0, sp.weight, 0.0)] if " " in word else _alternatives(word, vl, lex)
                for kind, w, valence in alts:
                    alt_span.append(k)
                    alt_kind.append(kind)
                    alt_lexw.append(w)
                    alt_val.append(valence)
            r += 1
    arrays = (y, rng, quoted, stance_ok, alt_span, alt_kind, alt_lexw, alt_val)
    return tuple(np.array(a) for a in arrays)


def fast_auc(cand, setting) -> float:
    """AUC of ``setting`` from :func:`candidates` (the same scores as :func:`score_v2`)."""
    import numpy as np

    y, rng, quoted, stance_ok, alt_span, alt_kind, alt_lexw, alt_val = cand
    p = dict(setting)
    mag = np.abs(alt_val)
    floor = p["vader_floor"]
    span = max(4.0 - floor, 1e-12)  # floor 4 switches VADER off
    vw = np.where(mag > floor, np.minimum(1.0, p["vader_scale"] * (mag - floor) / span), 0.0)
    vw = np.where(alt_val > 0, vw * p["vader_positive"], vw)
    aw = np.where(alt_kind == 0, alt_lexw, vw)
    w = np.zeros(len(rng))
    np.maximum.at(w, alt_span, aw)
    w = np.where((w == 0) & stance_ok, p["stance_compound"], w)
    f = np.where(quoted, p["quoted_factor"], p["own_factor"])
    total = np.bincount(rng, weights=w * f, minlength=len(y)) if len(rng) else np.zeros(len(y))
    return auc((list(y), list(-np.expm1(-np.round(total, 9)))))


def fmt(x: float) -> str:
    return "n/a" if math.isnan(x) else f"{x:.3f}"


def show(setting) -> str:
    p = dict(setting)
    return (
        f"quoted {p['quoted_factor']:g}, VADER floor {p['vader_floor']:g} scale {p['vader_scale']:g} "
        f"positive {p['vader_positive']:g}, anti-/pro- {p['stance_compound']:g}"
    )


def speed(articles) -> dict[str, float]:
    """Wall and CPU time per article of spans, sentence scores and article metrics (cache cleared)."""
    docs = [analyze_text(t) for t, _ in articles]
    for d in docs:  # warm the word caches
        v2.sentence_loaded_scores(d)
    wall, cpu = [], []
    for d in docs:
        d.cache.clear()
        t0, c0 = time.perf_counter(), time.process_time()
        v2.loaded_spans(d)
        v2.sentence_loaded_scores(d)
        v2.article_loaded_metrics(d)
        wall.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    return {
        "median_ms": 1000 * statistics.median(wall),
        "mean_ms": 1000 * statistics.fmean(wall),
        "cpu_ms": 1000 * statistics.fmean(cpu),
        "words": statistics.fmean(sum(1 for t in d.tokens if t.kind == "word") for d in docs),
        "n": len(docs),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--grid", action="store_true", help="run the leave-one-dataset-out selection of the settings"
    )
    ap.add_argument(
        "--real-coverage",
        type=Path,
        default=ROOT / "benchmarks" / "real_coverage",
        help="folder with the real-coverage SET.sentences.csv label files",
    )
    args = ap.parse_args(argv)
    if not (datasets_dir() / "babe_mbic").is_dir() or not (datasets_dir() / "basil").is_dir():
        print("datasets not found; set MEDIA_COMPARE_DATASETS", file=sys.stderr)
        return 1
    corpora = dict(babe())
    basil_articles, basil_density = basil()
    corpora["BASIL (300 articles)"] = basil_articles
    corpora["MBIC (crowd)"] = mbic()
    rc = real_coverage(args.real_coverage)
    if rc:
        corpora["real coverage"] = rc
    shipped = v2._params_tuple()  # word weights
    with (Path(v2.__file__).parents[1] / "data" / v2.PARAMS_FILE).open(encoding="utf-8") as fh:
        selection = json.load(fh)["selection"]
    shipped_rule = tuple(sorted({**dict(shipped), **selection}.items()))  # + the rule's voice factors

    units = {  # dataset -> (tuning corpus, report corpora)
        "BABE": ("BABE tune (SG2 minus SG1)", ["BABE report (SG1)", "MBIC (crowd)"]),
        "BASIL": ("BASIL (300 articles)", ["BASIL (300 articles)"]),
    }
    if rc:
        units["real coverage"] = ("real coverage", ["real coverage"])
    lodo: dict[str, tuple] = {}
    if args.grid:
        cands = {tune: candidates(corpora[tune]) for tune, _ in units.values()}
        for name, cand in cands.items():  # the fast scores are the scorer's own
            fast, slow = fast_auc(cand, shipped_rule), auc(score_v2(corpora[name], shipped_rule))
            assert abs(fast - slow) < 1e-9, (name, fast, slow)
        grid = list(settings())
        results = {st: {name: fast_auc(c, st) for name, c in cands.items()} for st in grid}
        print(f"### Leave-one-dataset-out selection of the word weights (grid of {len(grid)} settings)\n")
        print("Sentences scored with the saturating-sum rule. The setting with the best mean AUC on the")
        print("other datasets' tuning corpora is scored on the dataset left out.\n")
        print("| left out | tuned on | chosen setting | mean AUC there | held-out corpus | AUC held out |")
        print("|---|---|---|---|---|---|")
        for out_name, (_, reports) in units.items():
            tunes = [t for n, (t, _) in units.items() if n != out_name]
            best = max(grid, key=lambda st, ts=tunes: (statistics.fmean(results[st][t] for t in ts), st))
            lodo[out_name] = best
            there = statistics.fmean(results[best][t] for t in tunes)
            for rep in reports:
                print(
                    f"| {out_name} | {' + '.join(tunes)} | {show(best)} | {fmt(there)} | {rep} | "
                    f"{fmt(auc(score_v2(corpora[rep], best)))} |"
                )
        same = lodo["BABE"] == shipped_rule
        print(f"\nShipped setting (`{v2.PARAMS_FILE}`): {show(shipped_rule)}; ", end="")
        print("it is the one chosen with BABE left out." if same else "NOT the BABE-left-out choice.")
        print()

    print("### Sentence AUC\n")
    print(f"Shipped word weights and rule voice factors: {show(shipped_rule)}.\n")
    names = list(corpora)
    print("| scorer | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    scorers = {
        "VADER abs(compound)": score_vader,
        "current scorer (v1, mean per sentence)": score_v1,
        "lexicon-only count (v2 lexicon, no rules)": score_lexicon_count,
        "v2 rule: 1 - exp(-sum f w), shipped weights": lambda c: score_v2(c, shipped_rule),
        "**v2 model (shipped)**": lambda c: score_model(c, shipped),
    }
    for label, fn in scorers.items():
        row = [fmt(auc(fn(corpora[n]))) for n in names]
        print(f"| {label} | " + " | ".join(row) + " |")
    lodo_model = {}
    if lodo:
        held = {rep: lodo[u] for u, (_, reps) in units.items() for rep in reps}
        row = [fmt(auc(score_v2(corpora[n], held[n]))) if n in held else "(tuning part)" for n in names]
        print("| v2 rule, leave-one-dataset-out | " + " | ".join(row) + " |")
        lodo_model = lodo_models(corpora, lodo, units, FEATURE_SETS["span features (0-7, shipped)"])
        row = [fmt(lodo_model[n][1]) if n in lodo_model else "(tuning part)" for n in names]
        print("| **v2 model, leave-one-dataset-out** | " + " | ".join(row) + " |")
    print("\n" + " · ".join(f"{n}: {len(score_lexicon_count(corpora[n])[0])} sentences" for n in names))

    # article level: BASIL lexical-bias density; AllSides outlet side (partisan vs centre)
    basil_d = article_densities([t for t, _ in basil_articles], selection)
    allsides = allsides_articles()
    sides_d = article_densities([t for t, _ in allsides], selection) if allsides else {}
    print("\n### Articles: loaded words per 100 words\n")
    print(
        "BASIL: Spearman correlation with the article's lexical-bias spans per 100 words (300 articles). "
        f"AllSides: AUC of partisan (left or right) vs centre outlets ({len(allsides)} articles of the "
        "Article-Bias-Prediction media-split test set; outlet-level labels).\n"
    )
    print("| density | BASIL Spearman rho | AllSides partisan vs centre AUC |")
    print("|---|---|---|")
    for name, values in basil_d.items():
        rho = spearmanr(values, basil_density).statistic
        side = auc(([y for _, y in allsides], sides_d[name])) if allsides else math.nan
        print(f"| {name} | {rho:.3f} | {fmt(side)} |")

    if lodo:
        print("\n### Sentence model: feature sets, leave-one-dataset-out\n")
        print("Features: " + "; ".join(f"{i} {n}" for i, n in enumerate(FEATURES)) + ".\n")
        print("| features | held-out corpus | AUC on the other datasets (in-sample) | AUC held out |")
        print("|---|---|---|---|")
        for fs_name, cols in FEATURE_SETS.items():
            res = lodo_model if cols == list(range(8)) else lodo_models(corpora, lodo, units, cols)
            for rep, (there, held_auc) in res.items():
                print(f"| {fs_name} | {rep} | {fmt(there)} | {fmt(held_auc)} |")

    sp = speed(basil_articles)
    print("\n### Speed\n")
    print("| what | articles | mean words | median wall ms / article | mean wall ms | mean CPU ms |")
    print("|---|---|---|---|---|---|")
    print(
        f"| v2 spans + sentence scores + article metrics, cache cleared | {sp['n']} | {sp['words']:.0f} | "
        f"{sp['median_ms']:.3f} | {sp['mean_ms']:.3f} | {sp['cpu_ms']:.3f} |"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
