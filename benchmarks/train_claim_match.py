"""Train the claim matcher shipped in ``src/compare/data/claim_match.json`` (and its IDF table).

Data (never copied into the repository):

- ``handmade``: ``tests/data/paraphrase_claims.jsonl`` (80 pairs: paraphrase = same; topical and
  contradiction = different) and ``tests/data/partial_claims.jsonl`` (24 pairs: one sentence plus an
  added clause = partial, with the clause), both written for this project;
- ``msrp``: the *training* split of the Microsoft Research Paraphrase Corpus (Dolan & Brockett
  2005; 4,076 news sentence pairs from news clusters, 67.5% paraphrases), read from
  ``../shared/extra_datasets/msrp/msr_paraphrase_train.txt``; paraphrase = same, else different.
  Its test split is never read;
- ``basil``: pairs built from BASIL (Fan et al. 2019): for every informational-bias span that is a
  proper part of its sentence (at least 3 words, leaving at least 6), the sentence against the
  sentence with the span cut out = partial, the span being the added clause (annotators marked it as
  content the outlet chose to include); and the same sentence against its most similar sentence
  (TF-IDF cosine) in another BASIL event = different.

The IDF table (``claim_idf.json``: document frequencies of stems over sentences, no text) is fitted
on the sentences of BASIL articles and AllSides snippets and roundups (unlabelled text, no pair
data). The logistic regression (weights of the features that count against a match held <= 0, see
``SIGNS``) has its L2 penalty
chosen by 5-fold cross-validation on the training pairs; the three-way thresholds (``same_threshold``, ``partial_coverage``,
``partial_min_words``) by the pooled macro-F1 of the three-way decision on the training pairs that
have three-way labels. ``benchmarks/bench_claim_pairs.py`` repeats the whole procedure with each
dataset left out.

Run: ``.venv/bin/python benchmarks/train_claim_match.py`` (about a minute).
"""

from __future__ import annotations

import argparse
import collections
import json
import math
import re
from pathlib import Path

import numpy as np

from compare._datasets import datasets_dir
from compare.align import _claim_match as cm
from compare.text import analyze_text

ROOT = Path(__file__).resolve().parents[1]
DATA_OUT = ROOT / "src/compare/data"
LABELS3 = ("same", "partial", "different")


# --------------------------------------------------------------------------------------------
# Pair sets
# --------------------------------------------------------------------------------------------
def _pair(dataset: str, a: str, b: str, label: str, **extra) -> dict:
    return {"dataset": dataset, "a": a, "b": b, "label": label, "same": int(label == "same"), **extra}


def load_handmade() -> list[dict]:
    out = []
    for line in (ROOT / "tests/data/paraphrase_claims.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        label = "same" if r["label"] == 1 else "different"
        out.append(_pair("handmade", r["a"], r["b"], label, kind=r["kind"], three_way=True))
    for line in (ROOT / "tests/data/partial_claims.jsonl").read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        longer = r["a"] if r["longer"] == "a" else r["b"]
        s = longer.index(r["added"])
        out.append(
            _pair(
                "handmade",
                r["a"],
                r["b"],
                "partial",
                kind="partial",
                three_way=True,
                longer=r["longer"],
                added=(s, s + len(r["added"])),
            )
        )
    return out


def msrp_path() -> Path:
    return datasets_dir().parent / "extra_datasets" / "msrp" / "msr_paraphrase_train.txt"


def load_msrp() -> list[dict]:
    path = msrp_path()
    if "test" in path.name:  # never the held-out split
        msg = f"refusing to read {path.name}"
        raise SystemExit(msg)
    out = []
    with path.open(encoding="utf-8-sig") as fh:
        next(fh)
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5 or parts[1] == "-1":  # 4 toy lines added by the source repository
                continue
            label = "same" if parts[0] == "1" else "different"
            out.append(_pair("msrp", parts[3], parts[4], label, kind=label, three_way=False))
    return out


def basil_sentences() -> list[tuple[str, str, int, str, list[dict]]]:
    """(event, outlet, sentence index, sentence, inf spans in it) for every BASIL body sentence."""
    root = datasets_dir() / "basil"
    rows = []
    for art_path in sorted((root / "articles").rglob("*.json")):
        art = json.loads(art_path.read_text(encoding="utf-8"))
        ann_path = root / "annotations" / art_path.parent.name / (art_path.stem + "_ann.json")
        spans = collections.defaultdict(list)
        if ann_path.exists():
            ann = json.loads(ann_path.read_text(encoding="utf-8"))
            for sp in ann.get("phrase-level-annotations", []):
                if sp["bias"] == "inf" and sp["id"].startswith("p"):
                    spans[int(sp["id"][1:])].append(sp)
        flat = [s for para in art["body-paragraphs"] for s in para]
        for i, sent in enumerate(flat):
            rows.append((art["triplet-uuid"], art["source"].lower(), i, sent, spans.get(i, [])))
    return rows


_SPACES = re.compile(r"\s+")


def _cut(sentence: str, start: int, end: int) -> str | None:
    """The sentence without ``[start, end)``, with the punctuation around the cut tidied."""
    left = sentence[:start].rstrip()
    right = sentence[end:].lstrip()
    left = left.rstrip(" ,;:—–-")
    if right[:1] in ",;:—–-":
        right = right[1:].lstrip()
    if left and right and right[:1].isalnum():
        out = left + " " + right
    elif left:
        out = left + right if right[:1] in ".!?\"”'’)" else left + (" " + right if right else "")
    else:
        out = right[:1].upper() + right[1:]
    out = _SPACES.sub(" ", out).strip()
    if out and out[-1] not in ".!?\"”'’":
        out += "."
    return out or None


def load_basil() -> list[dict]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    rows = basil_sentences()
    out = []
    sources = []
    for event, outlet, _si, sent, spans in rows:
        n_words = len(sent.split())
        for sp in spans:
            s, e = sp["start"], sp["end"]
            span = sent[s:e].strip(' "“”')
            sw = len(span.split())
            if sw < 3 or n_words - sw < 6 or sw > 0.7 * n_words:
                continue
            # the span as offsets of its stripped text
            s = sent.index(span, s) if span in sent[s:] else s
            e = s + len(span)
            short = _cut(sent, s, e)
            if short is None or len(short.split()) < 6:
                continue
            out.append(
                _pair(
                    "basil",
                    sent,
                    short,
                    "partial",
                    kind="inf_span_cut",
                    three_way=True,
                    longer="a",
                    added=(s, e),
                    event=event,
                    outlet=outlet,
                )
            )
            sources.append((event, sent))
    # hard negatives: the most similar sentence of another event
    texts = [r[3] for r in rows]
    events = np.array([r[0] for r in rows])
    vec = TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=2).fit(texts)
    m_all = vec.transform(texts)
    seen = set()
    for event, sent in sources:
        if sent in seen:
            continue
        seen.add(sent)
        sims = (m_all @ vec.transform([sent]).T).toarray().ravel()
        sims[events == event] = -1.0
        j = int(np.argmax(sims))
        out.append(
            _pair("basil", sent, texts[j], "different", kind="other_event_nn", three_way=True, event=event)
        )
    return out


def real_coverage_dirs(extra: list[str] | None = None) -> list[Path]:
    """Folders holding ``*.claim_pairs.csv`` label files: the repository's, plus ``extra``."""
    dirs = [ROOT / "benchmarks" / "real_coverage", *(Path(d) for d in extra or [])]
    return [d for d in dirs if d.is_dir()]


def load_real_coverage(extra: list[str] | None = None) -> list[dict]:
    """Claim pairs labelled on real coverage (``SET.claim_pairs.csv``, texts in ``../shared/real_coverage``).

    Labels: same / partial / different; for partial, ``added_side`` (a or b) and ``added_words``
    (the added words, parts joined by ``|``), located in the longer sentence as the gold span.
    """
    import csv

    texts_dir = datasets_dir().parent / "real_coverage"
    out = []
    seen = set()
    for d in real_coverage_dirs(extra):
        for path in sorted(d.glob("*.claim_pairs.csv")):
            story = path.name.removesuffix(".claim_pairs.csv")
            if story in seen:
                continue
            seen.add(story)
            texts = {}
            if not (texts_dir / f"{story}.jsonl").exists():  # the shared cache may hold only some sets
                print(f"real coverage: no texts for {story} in {texts_dir}; its pairs are left out")
                continue
            with (texts_dir / f"{story}.jsonl").open(encoding="utf-8") as fh:
                for line in fh:
                    r = json.loads(line)
                    texts[r["id"]] = r["text"]
            with path.open(encoding="utf-8", newline="") as fh:
                for row in csv.DictReader(fh):
                    a = texts[row["id_a"]][int(row["start_a"]) : int(row["end_a"])]
                    b = texts[row["id_b"]][int(row["start_b"]) : int(row["end_b"])]
                    extra_fields = {"kind": row["label"], "three_way": True, "story": story}
                    if row["label"] == "partial":
                        side = row["added_side"]
                        longer = a if side == "a" else b
                        spans = []
                        for part in row["added_words"].split("|"):
                            part = part.strip()
                            k = longer.find(part) if part else -1
                            if k >= 0:
                                spans.append((k, k + len(part)))
                        if spans:
                            extra_fields.update(
                                longer=side,
                                added=(min(s for s, _ in spans), max(e for _, e in spans)),
                                added_parts=tuple(spans),
                            )
                    out.append(_pair("real_coverage", a, b, row["label"], **extra_fields))
    return out


def load_all(real_coverage: list[str] | None = None) -> list[dict]:
    return load_handmade() + load_msrp() + load_basil() + load_real_coverage(real_coverage)


# --------------------------------------------------------------------------------------------
# IDF table
# --------------------------------------------------------------------------------------------
def idf_corpus() -> list[str]:
    """Unlabelled sentences for the IDF table: BASIL articles, AllSides snippets and roundups."""
    texts = [r[3] for r in basil_sentences()]
    path = datasets_dir() / "allsides_neus" / "headline_11_2021-10-19_crawled_all.jsonl"
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            story = json.loads(line)
            texts.extend(story.get("roundup", []))
            for side in story.get("news", {}).values():
                texts.append(side.get("newsTitle", ""))
                texts.extend(side.get("newBody", []))
    src = datasets_dir() / "allsides_neus" / "naacl2022_lrc_roundup_random_order_probe" / "train.source"
    with src.open(encoding="utf-8") as fh:
        for line in fh:
            texts.extend(re.split(r"\s*\[SEP\]\s*|TITLE=>|ARTICLE=>", line))
    return [t for t in texts if t and t.strip()]


def build_idf(texts: list[str], *, min_df: int = 2) -> dict:
    df: collections.Counter = collections.Counter()
    n = 0
    for t in texts:
        doc = analyze_text(t)
        for i in range(len(doc.sentences)):
            cs = cm.claim_sentence(doc, i)
            df.update({s for s, c in zip(cs.stems, cs.content, strict=True) if c and not s.startswith("#")})
            n += 1
    return {
        "n_documents": n,
        "min_df": min_df,
        "source": "sentences of BASIL articles and AllSides roundups and snippets (counts only)",
        "df": {w: c for w, c in sorted(df.items()) if c >= min_df},
    }


# --------------------------------------------------------------------------------------------
# Features, fitting, thresholds
# --------------------------------------------------------------------------------------------
def featurize(pairs: list[dict]) -> tuple[np.ndarray, list[tuple]]:
    read = {}

    def get(text: str):
        if text not in read:
            read[text] = cm.claim_text(text)
        return read[text]

    sents = [(get(p["a"]), get(p["b"])) for p in pairs]
    x = np.vstack([cm.pair_features(a, b) for a, b in sents])
    return x, sents


#: Features that are evidence *against* the same claim (unmatched or added words, conflicts,
#: length differences): their weights are held <= 0 (bounded L-BFGS), so that no corpus can teach
#: the model that, say, a negation mismatch makes two sentences more alike. The overlap features
#: stay free. Compared on cached features with all signs free and with the overlap features held
#: >= 0 too (see docs/benchmarks/claim_pairs.md); this variant was chosen on those LODO figures.
NEGATIVE = frozenset(
    {
        "added_run_max",
        "added_run_min",
        "added_idf_max",
        "added_idf_min",
        "num_unmatched_max",
        "num_conflict",
        "date_conflict",
        "names_unmatched_max",
        "names_unmatched_min",
        "neg_mismatch",
        "direction_conflict",
        "conflict_x_cov",
        "neg_x_cov",
        "unmatched_max",
        "unmatched_min",
        "unmatched_idf_max",
        "unmatched_idf_min",
        "len_log_ratio",
        "len_diff",
        "said_mismatch",
    }
)
SIGNS = np.array([-1 if f in NEGATIVE else 0 for f in cm.FEATURES])


def fit_lr(x: np.ndarray, y: np.ndarray, *, c: float):
    """Logistic regression on standardised features, L2 penalty ``c``, weights of ``NEGATIVE`` <= 0.

    Returns (mean, scale, coef, intercept).
    """
    from scipy.optimize import minimize

    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    n, d = z.shape

    def objective(theta):
        beta, b0 = theta[:d], theta[d]
        s = z @ beta + b0
        loss = np.logaddexp(0.0, s) - y * s
        g = 1.0 / (1.0 + np.exp(-s)) - y
        grad = np.r_[z.T @ g / n + c * beta, g.mean()]
        return loss.mean() + c * float(beta @ beta) / 2.0, grad

    bounds = [(0.0, None) if sg > 0 else ((None, 0.0) if sg < 0 else (None, None)) for sg in SIGNS]
    res = minimize(objective, np.zeros(d + 1), jac=True, method="L-BFGS-B", bounds=[*bounds, (None, None)])
    return mean, scale, res.x[:d], float(res.x[d])


def choose_c(x: np.ndarray, y: np.ndarray, grid=(1e-3, 1e-2)) -> float:
    """The penalty with the best 5-fold cross-validated ROC-AUC on the training pairs."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    def cv_auc(c: float) -> float:
        scores = []
        for tr, te in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
            mean, scale, coef, b0 = fit_lr(x[tr], y[tr], c=c)
            scores.append(roc_auc_score(y[te], ((x[te] - mean) / scale) @ coef + b0))
        return float(np.mean(scores))

    return float(max(grid, key=cv_auc))


def model_dict(
    mean,
    scale,
    coef,
    intercept,
    *,
    same_threshold,
    partial_coverage,
    partial_min_words,
    partial_loose_coverage,
    partial_min_probability,
    veto,
    info,
) -> dict:
    return {
        "features": list(cm.FEATURES),
        "mean": [round(float(v), 6) for v in mean],
        "scale": [round(float(v), 6) for v in scale],
        "coef": [round(float(v), 6) for v in coef],
        "intercept": round(float(intercept), 6),
        "same_threshold": same_threshold,
        "partial_coverage": partial_coverage,
        "partial_min_words": partial_min_words,
        "partial_loose_coverage": partial_loose_coverage,
        "partial_min_probability": partial_min_probability,
        "veto": list(veto),
        "info": info,
    }


def macro_f1(gold: list[str], pred: list[str]) -> float:
    """Macro-F1 over the labels present in ``gold``."""
    scores = []
    for lab in sorted(set(gold)):
        tp = sum(g == lab and p == lab for g, p in zip(gold, pred, strict=True))
        fp = sum(g != lab and p == lab for g, p in zip(gold, pred, strict=True))
        fn = sum(g == lab and p != lab for g, p in zip(gold, pred, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return float(np.mean(scores)) if scores else math.nan


def accuracy_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The probability threshold with the best accuracy (ties: the one nearest 0.5)."""
    cands = np.unique(np.round(p, 3))
    accs = [((p >= t) == (y == 1)).mean() for t in cands]
    best = max(accs)
    ok = [t for t, a in zip(cands, accs, strict=True) if a >= best - 1e-12]
    return float(min(ok, key=lambda t: abs(t - 0.5)))


PARTIAL_COVERAGE_GRID = (0.8, 0.9, 0.95, 2.0)  # 2.0: off
PARTIAL_WORDS_GRID = (1, 2, 3, 4, 5)
PARTIAL_LOOSE_GRID = (0.3, 0.4, 0.5, 0.6, 2.0)  # 2.0: off
PARTIAL_PROB_GRID = (0.05, 0.1, 0.2, 0.3)


def per_dataset_macro_f1(gold: list[str], pred: list[str], data: list[str]) -> float:
    """Mean over datasets of the three-way macro-F1 (each dataset counts once)."""
    scores = []
    for d in sorted(set(data)):
        idx = [i for i, x in enumerate(data) if x == d]
        scores.append(macro_f1([gold[i] for i in idx], [pred[i] for i in idx]))
    return float(np.mean(scores))


def choose_three_way(probs: np.ndarray, sents: list[tuple], pairs: list[dict], model: cm.ClaimModel):
    """Partial thresholds by three-way macro-F1 on the training pairs with three-way labels.

    Macro-F1 is averaged over those datasets, each counting once.
    """
    idx = [i for i, p in enumerate(pairs) if p.get("three_way")]
    gold = [pairs[i]["label"] for i in idx]
    data = [pairs[i]["dataset"] for i in idx]
    stats = [cm.partial_stats(*sents[i]) for i in idx]
    vetoed = [bool(set(cm._conflicts(*sents[i])) & set(model.veto)) for i in idx]
    best = None
    for cov in PARTIAL_COVERAGE_GRID:
        for words in PARTIAL_WORDS_GRID:
            for loose in PARTIAL_LOOSE_GRID:
                for pmin in PARTIAL_PROB_GRID if loose <= 1.0 else (2.0,):
                    m = _replace(
                        model,
                        partial_coverage=cov,
                        partial_min_words=words,
                        partial_loose_coverage=loose,
                        partial_min_probability=pmin,
                    )
                    pred = [
                        cm.three_way(float(probs[i]), st[1], st[2], v, m)
                        for i, st, v in zip(idx, stats, vetoed, strict=True)
                    ]
                    f = per_dataset_macro_f1(gold, pred, data)
                    if best is None or f > best[0] + 1e-12:
                        best = (f, cov, words, loose, pmin)
    return best


def _replace(model: cm.ClaimModel, **kw) -> cm.ClaimModel:
    fields = {f: getattr(model, f) for f in cm.ClaimModel.__slots__}
    fields.update(kw)
    return cm.ClaimModel(**fields)


def train(pairs: list[dict], x: np.ndarray, sents: list[tuple], *, c: float | None = None):
    """Fit the model on ``pairs``; return (ClaimModel, C).

    The logistic regression and its threshold learn "same" against "different" only: partial pairs
    (a sentence against itself minus a clause) are left to the partial rule, whose thresholds are
    chosen next on the pairs with three-way labels.
    """
    y = np.array([p["same"] for p in pairs])
    binary = np.array([p["label"] != "partial" for p in pairs])
    c = choose_c(x[binary], y[binary]) if c is None else c
    mean, scale, coef, intercept = fit_lr(x[binary], y[binary], c=c)
    tmp = cm.ClaimModel(
        features=cm.FEATURES,
        mean=mean,
        scale=scale,
        coef=coef,
        intercept=intercept,
        same_threshold=0.5,
        partial_coverage=0.8,
        partial_min_words=3,
        partial_loose_coverage=2.0,
        partial_min_probability=2.0,
        veto=(),
        info={},
    )
    probs = tmp.probability(x)
    thr = accuracy_threshold(probs[binary], y[binary])
    tmp = _replace(tmp, same_threshold=thr)
    tmp = _replace(tmp, veto=choose_veto(probs, sents, pairs, tmp))
    if any(p.get("three_way") for p in pairs):
        _, cov, words, loose, pmin = choose_three_way(probs, sents, pairs, tmp)
        tmp = _replace(
            tmp,
            partial_coverage=cov,
            partial_min_words=words,
            partial_loose_coverage=loose,
            partial_min_probability=pmin,
        )
    return tmp, c


VETO_GRID = (
    (),
    ("negation", "direction"),
    ("negation", "direction", "date"),
    ("negation", "direction", "date", "number"),
)


def choose_veto(
    probs: np.ndarray, sents: list[tuple], pairs: list[dict], model: cm.ClaimModel
) -> tuple[str, ...]:
    """The conflicts that veto "same": the grid entry with the best accuracy of "same" vs "different".

    Accuracy is averaged over the training datasets, each counting once: contradictions are rare
    in MSRP and would be outvoted by its size in a pooled accuracy.
    """
    keep = [i for i, p in enumerate(pairs) if p["label"] != "partial"]
    y = np.array([pairs[i]["same"] for i in keep])
    data = np.array([pairs[i]["dataset"] for i in keep])
    conflicts = [cm._conflicts(*sents[i]) for i in keep]
    above = probs[keep] >= model.same_threshold
    best = None
    for veto in VETO_GRID:
        pred = above & np.array([not (set(c) & set(veto)) for c in conflicts])
        acc = float(np.mean([(pred[data == d] == (y[data == d] == 1)).mean() for d in sorted(set(data))]))
        if best is None or acc > best[0] + 1e-12:
            best = (acc, veto)
    return best[1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-idf", action="store_true", help="keep the existing claim_idf.json")
    ap.add_argument(
        "--real-coverage",
        nargs="*",
        default=[],
        help="more folders with SET.claim_pairs.csv files (besides benchmarks/real_coverage)",
    )
    args = ap.parse_args()
    if not args.skip_idf:
        idf = build_idf(idf_corpus())
        (DATA_OUT / "claim_idf.json").write_text(
            json.dumps(idf, separators=(",", ":")) + "\n", encoding="utf-8"
        )
        cm._idf_table.cache_clear()
        print(f"IDF: {idf['n_documents']} sentences, {len(idf['df'])} stems with df >= {idf['min_df']}")
    pairs = load_all(args.real_coverage)
    x, sents = featurize(pairs)
    model, c = train(pairs, x, sents)
    counts = collections.Counter((p["dataset"], p["label"]) for p in pairs)
    info = {
        "trained_on": {f"{d}/{lab}": n for (d, lab), n in sorted(counts.items())},
        "l2_penalty": c,
        "model": "logistic regression, weights of evidence-against features held <= 0 (train_claim_match.py SIGNS)",
        "script": "benchmarks/train_claim_match.py",
    }
    out = model_dict(
        model.mean,
        model.scale,
        model.coef,
        model.intercept,
        same_threshold=round(model.same_threshold, 3),
        partial_coverage=model.partial_coverage,
        partial_min_words=model.partial_min_words,
        partial_loose_coverage=model.partial_loose_coverage,
        partial_min_probability=model.partial_min_probability,
        veto=model.veto,
        info=info,
    )
    (DATA_OUT / "claim_match.json").write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in out.items() if k not in ("mean", "scale")}, indent=1))


if __name__ == "__main__":
    main()
