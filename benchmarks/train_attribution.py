"""Learn the attribution tagger's weights from the PolNeAR **train** split.

Writes ``src/compare/data/attribution_model.json`` (the cue vocabulary, decision thresholds, hash
size, the 25 coefficients of the cue model's second stage) and
``src/compare/data/attribution_weights.npz`` (the non-zero weights of the hashed cue and source
models: uint32 indices, float16 weights). The cue model has two stages: the hashed logistic
regression over each candidate's word and context, then a small logistic regression over the
candidates' sentence context (:func:`F.stage2_features`: competing cues in the sentence, adjacent
candidates, quotation) fit on *out-of-fold* first-stage logits (3 inner folds). The regularisation
strengths, the thresholds and the cue-merging gap were chosen by 5-fold cross-validation over the
*train* articles and on the fixed held-out fifth (``split_train``); the dev split is never read
here. The features read two apostrophes as a quotation mark and take every in-sentence colon as
a cue candidate (both adopted on 5-fold train CV; see docs/benchmarks/attribution.md). Besides the learned vocabulary, every form of the
fixed, hand-written list of communication / belief / stance verbs in
``compare/scores/_attribution_verbs.py`` (179 verbs, 1,087 forms; not learned from any data) is a
cue candidate, with seven first-stage templates over "on the list" and three second-stage columns
(``verb_list_only``, ``verb_list``, ``logit*verb_list_only``); adopted on the same 5-fold train CV
(cue F1 +0.008, density Spearman unchanged).

Run: ``.venv/bin/python benchmarks/train_attribution.py``

Data licence: PolNeAR (Newell, Margolin & Ruths, LREC 2018) states no licence; it is a public
research release. The shipped file holds only feature weights (single words and short word pairs
with a number each), no article text. Cite the paper when using the weights.
"""

from __future__ import annotations

import bisect
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from compare._datasets import datasets_dir
from compare.scores.attribution import _features as F
from compare.scores.attribution import _model as M
from compare.text import analyze_text

OUT = ROOT / "src" / "compare" / "data" / "attribution_model.json"
OUT_W = ROOT / "src" / "compare" / "data" / "attribution_weights.npz"

_T_RE = re.compile(r"T\d+\t")
_E_RE = re.compile(r"E\d+\t")


def load_polnear(split: str) -> list[dict]:
    """Articles of a PolNeAR split: text plus gold relations (first annotator of each article).

    Each relation is a dict with ``cue``, ``source``, ``content`` (lists of (start, end)
    segments, possibly empty).
    """
    root = datasets_dir() / "polnear" / split
    seen: set[str] = set()
    out = []
    for f in sorted((root / "attributions").glob("*.ann")):
        art = f.stem.rsplit("_", 1)[0]
        if art in seen:
            continue
        seen.add(art)
        text = (root / "text" / (art + ".txt")).read_text(encoding="utf-8")
        spans: dict[str, tuple[str, list[tuple[int, int]]]] = {}
        rels = []
        for line in f.read_text(encoding="utf-8").splitlines():
            if _T_RE.match(line):
                tid, mid = line.split("\t", 2)[:2]
                role, rest = mid.split(" ", 1)
                segs = [tuple(map(int, s.split())) for s in rest.split(";")]
                spans[tid] = (role, segs)
            elif _E_RE.match(line):
                d = dict(kv.split(":") for kv in line.split("\t")[1].split())
                rels.append(d)
        relations = []
        for d in rels:
            rel = {}
            for key in ("Cue", "Source", "Content"):
                tid = d.get(key)
                rel[key.lower()] = spans[tid][1] if tid in spans else []
            relations.append(rel)
        cues = [segs for role, segs in spans.values() if role == "Cue"]
        out.append({"id": art, "text": text, "relations": relations, "cues": cues})
    return out


def _overlaps(s: int, e: int, segs) -> bool:
    return any(s < b and a < e for a, b in segs)


_DOCS: dict[str, object] = {}


def doc_of(art):
    """The analysed Document of an article (cached: training reads each article several times)."""
    d = _DOCS.get(art["id"])
    if d is None:
        d = _DOCS[art["id"]] = analyze_text(art["text"])
    return d


def cue_examples(articles, vocab):
    """Hashed cue-feature rows and labels for every candidate token."""
    import numpy as np

    X, y = [], []
    for art in articles:
        doc = doc_of(art)
        toks = doc.tokens
        prep = F.Prep(toks, doc.quotes, doc.sentences, vocab)
        idx = M.cue_candidates(prep)
        if not len(idx):
            continue
        gold = sorted(seg for segs in art["cues"] for seg in segs)
        X.append(F.cue_keys(prep, idx))
        y.extend(int(_overlaps(toks[i].start, toks[i].end, gold)) for i in idx.tolist())
    return np.concatenate(X), np.array(y)


def build_vocab(articles, *, min_count=1, min_rate=0.0):
    cue_c, all_c = Counter(), Counter()
    for art in articles:
        doc = doc_of(art)
        gold = [seg for segs in art["cues"] for seg in segs]
        for t in doc.tokens:
            if t.kind != "word":
                continue
            w = t.text.lower()
            all_c[w] += 1
            if _overlaps(t.start, t.end, gold):
                cue_c[w] += 1
    return {w for w, c in cue_c.items() if c >= min_count and c / all_c[w] >= min_rate}, cue_c, all_c


def source_examples(articles, vocab=()):
    """Hashed source-feature rows and labels for the tokens near each gold cue."""
    import numpy as np

    X, y = [], []
    for art in articles:
        doc = doc_of(art)
        toks = doc.tokens
        prep = F.Prep(toks, doc.quotes, doc.sentences, vocab)
        starts = [t.start for t in toks]
        cand, csl, cel, lab = [], [], [], []
        for rel in art["relations"]:
            if not rel["cue"]:
                continue
            cs_char, ce_char = rel["cue"][0][0], rel["cue"][-1][1]
            idx = [
                i
                for i in range(max(0, bisect.bisect_left(starts, cs_char) - 1), len(toks))
                if toks[i].start < ce_char
                if toks[i].end > cs_char
            ]
            if not idx:
                continue
            cs, ce = idx[0], idx[-1] + 1
            sent = doc.sentences[toks[cs].sentence]
            lo, hi = sent.token_start, sent.token_end
            if toks[ce - 1].sentence != toks[cs].sentence:
                continue
            for i in M.source_candidates(toks, lo, hi, cs, ce):
                cand.append(i)
                csl.append(cs)
                cel.append(ce)
                lab.append(int(_overlaps(toks[i].start, toks[i].end, rel["source"])))
        if cand:
            X.append(F.source_keys(prep, np.array(cand), np.array(csl), np.array(cel)))
            y.extend(lab)
    return np.concatenate(X), np.array(y)


def fit_linear(K, y, *, C, min_count=3, prune=0.02):
    """Logistic regression over hashed feature indices ``K`` (rows x templates).

    Returns ``{index: weight}`` with the intercept folded into the bias template's index.
    """
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression

    n, t = K.shape
    D = 1 << F.HASH_BITS
    flat = K.ravel().astype(np.int64)
    cnt = np.bincount(flat, minlength=D)
    cols, inv = np.unique(flat, return_inverse=True)
    keep = cnt[cols] >= min_count
    A = sp.csr_matrix((np.ones(n * t), inv, np.arange(0, n * t + 1, t)), shape=(n, len(cols)))
    A.sum_duplicates()
    A = sp.csr_matrix(A[:, np.flatnonzero(keep)])
    cols = cols[keep]
    m = LogisticRegression(C=C, max_iter=3000, solver="liblinear", dual=True).fit(A, y)
    coef = np.zeros(D)
    coef[cols] = m.coef_.ravel()
    bias_idx = int(K[0, 0])
    coef[bias_idx] += float(m.intercept_[0])
    nz = np.flatnonzero(np.abs(coef) >= prune)
    if bias_idx not in set(nz.tolist()):
        nz = np.append(nz, bias_idx)
    return {str(int(i)): round(float(coef[i]), 3) for i in nz}


DEFAULT_THRESHOLDS = {
    # chosen on a held-out fifth of train (``--tune``; see docs/benchmarks/attribution.md)
    "cue_threshold": 0.35,
    "cue_grow_threshold": 0.2,
    "source_threshold": 0.4,
    "source_grow_threshold": 0.2,
    # cues of one sentence at most this many tokens apart (no punctuation between) are one cue
    "merge_gap": 3,
}


def cue_logits(art, vocab, weights):
    """The analysed article's cue-candidate arrays: ``(prep, idx, first-stage logits, labels)``."""
    import numpy as np

    doc = doc_of(art)
    toks = doc.tokens
    prep = F.Prep(toks, doc.quotes, doc.sentences, vocab)
    idx = M.cue_candidates(prep)
    if not len(idx):
        return prep, idx, np.zeros(0), np.zeros(0, dtype=int)
    z = weights[F.cue_keys(prep, idx)].sum(axis=1)
    gold = sorted(seg for segs in art["cues"] for seg in segs)
    y = np.array([int(_overlaps(toks[i].start, toks[i].end, gold)) for i in idx.tolist()])
    return prep, idx, z, y


def fit_stage2(articles, vocab, *, C_cue=0.3, C2=1.0, inner=3, seed=1):
    """The cue model's second stage: a logistic regression over :func:`F.stage2_features`, fit on
    *out-of-fold* first-stage logits (``inner`` folds of ``articles``), so that it sees logits as
    confident as on unseen text, not the over-fit ones of the training articles. Returns the
    coefficients with the intercept last."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    rng = random.Random(seed)
    ids = [a["id"] for a in articles]
    rng.shuffle(ids)
    X, y = [], []
    for f in range(inner):
        hold = set(ids[f::inner])
        Xc, yc = cue_examples([a for a in articles if a["id"] not in hold], vocab)
        w = M._dense(fit_linear(Xc, yc, C=C_cue))
        for art in articles:
            if art["id"] in hold:
                prep, idx, z, lab = cue_logits(art, vocab, w)
                if len(idx):
                    X.append(F.stage2_features(prep, idx, z))
                    y.append(lab)
    m = LogisticRegression(C=C2, max_iter=5000).fit(np.concatenate(X), np.concatenate(y))
    return [round(float(c), 4) for c in m.coef_.ravel()] + [round(float(m.intercept_[0]), 4)]


def make_model(
    articles, *, C_cue=0.15, C_src=0.3, min_count=2, min_rate=0.03, thresholds=None, stage2=True, C2=1.0
):
    vocab, _, _ = build_vocab(articles, min_count=min_count, min_rate=min_rate)
    Xc, yc = cue_examples(articles, vocab)
    cw = fit_linear(Xc, yc, C=C_cue)
    Xs, ys = source_examples(articles)
    sw = fit_linear(Xs, ys, C=C_src)
    d = {
        "hash_bits": F.HASH_BITS,
        "cue_vocab": sorted(vocab),
        "cue_weights": cw,
        "source_weights": sw,
        **DEFAULT_THRESHOLDS,
    }
    if stage2:
        d["cue_stage2"] = fit_stage2(articles, vocab, C_cue=C_cue, C2=C2)
        d["cue_stage2_features"] = list(F.STAGE2_NAMES)
    if thresholds:
        d.update(thresholds)
    return d


def split_train(train, seed=0):
    """The fixed train hold-out (a fifth of the articles) used for model selection."""
    rng = random.Random(seed)
    ids = [a["id"] for a in train]
    rng.shuffle(ids)
    hold = set(ids[: len(ids) // 5])
    return [a for a in train if a["id"] not in hold], [a for a in train if a["id"] in hold]


def save_model(d):
    """Write the vocabulary and thresholds (JSON) and the hashed weights (compressed NPZ: uint32
    indices, float16 weights)."""
    import numpy as np

    arrays = {}
    for key, name in (("cue_weights", "cue"), ("source_weights", "source")):
        w = d[key]
        idx = np.array(sorted(int(k) for k in w), dtype=np.uint32)
        arrays[name + "_idx"] = idx
        arrays[name + "_w"] = np.array([w[str(int(i))] for i in idx], dtype=np.float16)
    np.savez_compressed(OUT_W, **arrays)
    meta = {k: v for k, v in d.items() if k not in ("cue_weights", "source_weights")}
    meta["weights_file"] = OUT_W.name
    OUT.write_text(json.dumps(meta, sort_keys=True, indent=0), encoding="utf-8")
    for f in (OUT, OUT_W):
        print("wrote", f, f.stat().st_size, "bytes")


if __name__ == "__main__":
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--tune", action="store_true", help="grid-search thresholds on a train hold-out")
    args = ap.parse_args()
    train = load_polnear("train")
    thresholds = {}
    if args.tune:
        from bench_attribution import evaluate

        fit_a, hold_a = split_train(train)
        d = make_model(fit_a)
        best = None
        for ct in (0.3, 0.35, 0.4, 0.45, 0.5):
            for cg in (0.2, 0.3, 0.4):
                if cg > ct:
                    continue
                for st in (0.2, 0.3, 0.4):
                    for sg in (0.2, 0.3, 0.4):
                        th = {
                            "cue_threshold": ct,
                            "cue_grow_threshold": cg,
                            "source_threshold": st,
                            "source_grow_threshold": sg,
                        }
                        model = M.TaggerModel.from_dict({**d, **th})
                        r = evaluate(hold_a, model=model)
                        score = (
                            r["cue"]["overlap"][2] + r["source"]["overlap"][2] + 0.5 * r["cue"]["exact"][2]
                        )
                        print(
                            th, {k: r[k]["overlap"] for k in ("cue", "source")}, round(score, 4), flush=True
                        )
                        if best is None or score > best[0]:
                            best = (score, th)
        thresholds = best[1]
        print("chosen", thresholds)
    d = make_model(train, thresholds=thresholds)
    d["meta"] = {
        "trained_on": "PolNeAR v1.0.0 train split (840 articles, first annotator per article)",
        "licence": "PolNeAR states no licence (public research release); weights only, no text. "
        "Cite Newell, Margolin & Ruths (LREC 2018).",
        "script": "benchmarks/train_attribution.py",
    }
    save_model(d)
