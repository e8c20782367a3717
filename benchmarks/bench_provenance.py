"""Benchmark provenance (``compare.align.provenance``).

1. Text reuse on synthetic copies: the 300 BASIL articles are the originals; 100 of them (seeded
   choice) get a near-copy published a day later, edited at one of three strengths (word
   substitutions, dropped and reordered paragraphs, a paragraph of another article appended,
   truncation). Same-event BASIL articles from other outlets are natural hard negatives (they share
   quotes). Measured: copy labels (``provenance_labels``: label ``copy`` with the right source) as
   precision / recall, pair recall of ``text_reuse``, direction accuracy, and run time as the corpus
   grows (near-linear cost).
2. Citation detection on ``tests/data/citations_gold.jsonl``: hand-written sentences with the
   cited outlets and relation (source / self). The ``dev`` part was written while the patterns were
   developed; the ``test`` part was written afterwards and not used to change them.

Run: ``.venv/bin/python benchmarks/bench_provenance.py`` (needs ``../shared/datasets/basil``).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import random
import time
from pathlib import Path

from compare import Article
from compare._datasets import datasets_dir
from compare.align.provenance import find_citations, load_gazetteer, provenance_labels, text_reuse

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "data" / "citations_gold.jsonl"
EDITS = {
    "light": {"sub": 0.03, "drop": 1, "shuffle": False, "keep": 1.0},
    "medium": {"sub": 0.08, "drop": 2, "shuffle": True, "keep": 1.0},
    "heavy": {"sub": 0.15, "drop": 2, "shuffle": True, "keep": 0.6},
}


def load_basil_articles(root: Path) -> list[Article]:
    arts = []
    for f in sorted((root / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(p) for p in d["body-paragraphs"])
        arts.append(Article(id=f.stem, outlet=d["source"].lower(), text=text, published=d.get("date")))
    return arts


def near_copy(art: Article, donor: Article, level: str, rng: random.Random, idx: int) -> Article:
    e = EDITS[level]
    paras = [p for p in art.text.split("\n") if p.strip()]
    for _ in range(min(e["drop"], max(0, len(paras) - 2))):
        paras.pop(rng.randrange(len(paras)))
    if e["shuffle"] and len(paras) > 3:
        i = rng.randrange(len(paras) - 1)
        paras[i], paras[i + 1] = paras[i + 1], paras[i]
    keep = max(1, math.ceil(len(paras) * e["keep"]))
    paras = paras[:keep]
    out = []
    for p in paras:
        words = p.split(" ")
        for _ in range(int(len(words) * e["sub"])):
            words[rng.randrange(len(words))] = rng.choice(["reportedly", "officials", "new", "major", "said"])
        out.append(" ".join(words))
    donor_paras = [p for p in donor.text.split("\n") if p.strip()]
    out.append(donor_paras[len(donor_paras) // 2])
    published = art.published + dt.timedelta(days=1) if art.published else None
    return Article(id=f"copy{idx:03d}_{level}", outlet="Copy Desk", text="\n".join(out), published=published)


def reuse_table() -> list[str]:
    root = datasets_dir() / "basil"
    if not root.is_dir():
        return ["BASIL not found: reuse benchmark skipped."]
    originals = load_basil_articles(root)
    rng = random.Random(2024)
    chosen = rng.sample(range(len(originals)), 100)
    levels = list(EDITS)
    copies, gold = [], {}
    for k, i in enumerate(chosen):
        donor = originals[(i + 37) % len(originals)]
        c = near_copy(originals[i], donor, levels[k % 3], rng, k)
        copies.append(c)
        gold[c.id] = originals[i].id
    corpus = originals + copies
    t0 = time.perf_counter()
    reuse = text_reuse(corpus)
    t_reuse = time.perf_counter() - t0
    labels = provenance_labels(corpus)
    lab = labels.set_index("article_id")
    out = [
        "### Text reuse on synthetic near-copies of BASIL articles",
        "",
        (
            f"Corpus: {len(originals)} BASIL originals + {len(copies)} near-copies "
            f"({', '.join(f'{sum(1 for c in copies if c.id.endswith(lv))} {lv}' for lv in levels)}); "
            "defaults (ngram=6, window=4, min_share=0.05, copy_share=0.5)."
        ),
        "",
        "| edit level | copies | pair found by text_reuse | direction correct | labelled copy of the right source | mean shared_share |",
        "|---|---|---|---|---|---|",
    ]
    for lv in [*levels, "all"]:
        ids = [c for c in gold if lv == "all" or c.endswith(lv)]
        found = dir_ok = lab_ok = 0
        shares = []
        for cid in ids:
            row = reuse[(reuse["article_id"] == cid) & (reuse["other_article_id"] == gold[cid])]
            if len(row):
                found += 1
                dir_ok += int(row["direction"].iloc[0] == "from_other")
                shares.append(float(row["shared_share"].iloc[0]))
            lab_ok += int(lab.loc[cid, "label"] == "copy" and lab.loc[cid, "copied_from"] == gold[cid])
        out.append(
            f"| {lv} | {len(ids)} | {found}/{len(ids)} | {dir_ok}/{found} | {lab_ok}/{len(ids)} | "
            f"{sum(shares) / len(shares):.3f} |"
        )
    predicted = labels[labels["label"] == "copy"]
    correct = sum(1 for r in predicted.itertuples(index=False) if gold.get(r.article_id) == r.copied_from)
    false_orig = int((predicted["article_id"].isin([a.id for a in originals])).sum())
    recall = sum(
        1 for c in gold if lab.loc[c, "label"] == "copy" and lab.loc[c, "copied_from"] == gold[c]
    ) / len(gold)
    prec = correct / len(predicted) if len(predicted) else math.nan
    orig_pairs = reuse[
        reuse["article_id"].isin([a.id for a in originals])
        & reuse["other_article_id"].isin([a.id for a in originals])
    ]
    out += [
        "",
        (
            f"Copy labels: precision {prec:.3f} ({correct}/{len(predicted)}), recall {recall:.3f}; "
            f"BASIL originals wrongly labelled copy: {false_orig}/{len(originals)}."
        ),
        (
            f"Pairs of BASIL originals reported by text_reuse (shared quotes and wire text across outlets): "
            f"{len(orig_pairs) // 2} unordered pairs, median shared_share "
            f"{orig_pairs['shared_share'].median() if len(orig_pairs) else float('nan'):.3f}."
        ),
        "",
        (
            f"Wall time of text_reuse on these {len(corpus)} articles: {t_reuse:.2f} s (machine shared with "
            "other jobs)."
        ),
    ]
    out += scaling_rows()
    return out


def scaling_rows() -> list[str]:
    """CPU time of text_reuse as the corpus grows (distinct real articles, no planted copies)."""
    path = datasets_dir() / "article_bias_prediction" / "media_split_test_articles.jsonl"
    if not path.exists():
        return ["", "article_bias_prediction not found: scaling skipped."]
    recs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    arts = [
        Article(id=str(i), outlet=r.get("source") or "?", text=r.get("content_original") or r.get("content"))
        for i, r in enumerate(recs)
        if (r.get("content_original") or r.get("content") or "").strip()
    ]
    out = [
        "",
        (
            "Scaling: CPU time (``time.process_time``) of the stages of text_reuse on distinct real articles "
            "(Article-Bias-Prediction texts, used for timing only; no planted copies). Candidate pairs come "
            "from the fingerprint index; only they are verified."
        ),
        "",
        (
            "| articles | words | analyze_text s | fingerprint s | index -> candidates s | candidate pairs | verify s | "
            "pairs reported | all pairs |"
        ),
        "|---|---|---|---|---|---|---|---|---|",
    ]
    from compare.align._prov_reuse import candidate_pairs, fingerprint, match_pair

    from compare.text import _build

    for n in (len(arts) // 4, len(arts) // 2, len(arts)):
        sub = arts[:n]
        t0 = time.process_time()
        docs = [_build(a.text) for a in sub]
        t1 = time.process_time()
        prints = [fingerprint(d, ngram=6, window=4) for d in docs]
        t2 = time.process_time()
        cands = candidate_pairs(prints, min_shared=2, max_df=50)
        t3 = time.process_time()
        for i, j in cands:
            match_pair(prints[i], prints[j], ngram=6)
        t4 = time.process_time()
        n_rep = len(text_reuse(sub)) // 2
        words = sum(a.n_words for a in sub)
        out.append(
            f"| {n} | {words} | {t1 - t0:.2f} | {t2 - t1:.2f} | {t3 - t2:.3f} | {len(cands)} | {t4 - t3:.2f} | "
            f"{n_rep} | {n * (n - 1) // 2} |"
        )
    return out


def citation_table() -> list[str]:
    gaz = load_gazetteer()

    def key(name: str) -> str:
        return gaz.canonical(name) or name.removeprefix("The ")

    out = [
        "### Citation detection on hand-labelled sentences",
        "",
        "A prediction counts if the cited outlet (canonical name) and the relation (source / self) match.",
        "",
        "| split | sentences | gold citations | precision | recall | F1 |",
        "|---|---|---|---|---|---|",
    ]
    recs = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    misses = []
    for split in ("dev", "test"):
        tp = fp = fn = 0
        sub = [r for r in recs if r["split"] == split]
        for r in sub:
            df = find_citations(r["text"], outlet=r["outlet"])
            pred = {(key(o), rel) for o, rel in zip(df["cited_outlet"], df["relation"], strict=False)}
            gold = {(key(c["outlet"]), c["relation"]) for c in r["citations"]}
            tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
            if split == "test" and pred != gold:
                misses.append(f"- missed {sorted(gold - pred)}, extra {sorted(pred - gold)}: {r['text']}")
        p = tp / (tp + fp) if tp + fp else math.nan
        rc = tp / (tp + fn) if tp + fn else math.nan
        f = 2 * p * rc / (p + rc) if p + rc else math.nan
        n_gold = sum(len(r["citations"]) for r in sub)
        out.append(f"| {split} | {len(sub)} | {n_gold} | {p:.3f} | {rc:.3f} | {f:.3f} |")
    if misses:
        out += ["", "Errors on the test split:", "", *misses]
    return out


def main() -> None:
    lines = ["## Provenance benchmark", "", *citation_table(), "", *reuse_table()]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
