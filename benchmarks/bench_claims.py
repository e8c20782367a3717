"""Benchmark claim alignment (``compare.align.claims``).

1. Paraphrase matching on the hand-made set ``tests/data/paraphrase_claims.jsonl`` (80 news-like
   sentence pairs written for this project: paraphrases, same-event sentences stating other things
   ("topical"), and near-identical sentences stating the opposite ("contradiction")). The pairs carry
   an a-priori split (odd ids: dev, even ids: test). The threshold is chosen on dev (best F1) and
   figures are reported on test, at that threshold and at the shipped default of ``align_claims``.
2. BASIL informational bias: for each of the 100 events (Fox / NYT / HuffPost), align claims and
   ask whether sentences stated by one outlet only ("only_here") hold informational-bias spans
   (content an outlet chose to include, annotated by BASIL) more often than sentences whose claim
   another outlet also carries. Nothing is tuned on BASIL.

Run: ``.venv/bin/python benchmarks/bench_claims.py`` (needs ``../shared/datasets/basil``).
"""

from __future__ import annotations

import collections
import json
import math
import time
from pathlib import Path

import numpy as np

from compare import Article
from compare._datasets import datasets_dir
from compare.align._claims_sim import pair_scores
from compare.align.claims import align_claims
from compare.text import analyze_text

ROOT = Path(__file__).resolve().parents[1]
PAIRS = ROOT / "tests" / "data" / "paraphrase_claims.jsonl"


def prf(pred: np.ndarray, gold: np.ndarray) -> tuple[float, float, float]:
    tp = int((pred & gold).sum())
    p = tp / pred.sum() if pred.sum() else math.nan
    r = tp / gold.sum() if gold.sum() else math.nan
    f = 2 * p * r / (p + r) if p + r else math.nan
    return p, r, f


def paraphrase_table() -> list[str]:
    from sklearn.metrics import roc_auc_score

    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = pair_scores([r["a"] for r in rows], [r["b"] for r in rows])  # IDF on all sentences, no labels
    gold = np.array([r["label"] == 1 for r in rows])
    dev = np.array([r["split"] == "dev" for r in rows])
    test = ~dev
    best_t, best_f = 0.0, -1.0
    for t in np.round(np.arange(0.05, 0.9, 0.01), 2):
        f = prf(scores[dev] >= t, gold[dev])[2]
        if f > best_f + 1e-12:
            best_t, best_f = float(t), f
    default_t = align_claims.__kwdefaults__["threshold"]
    out = [
        "### Paraphrase matching (hand-made pairs; threshold chosen on dev, reported on test)",
        "",
        (
            f"Pairs: {len(rows)} (dev {int(dev.sum())}, test {int(test.sum())}); "
            f"test kinds: {dict(collections.Counter(r['kind'] for r, t in zip(rows, test, strict=False) if t))}."
        ),
        f"Test ROC AUC of the similarity: {roc_auc_score(gold[test], scores[test]):.3f}.",
        "",
        "| threshold | split | precision | recall | F1 | false-match rate (topical) | false-match rate (contradiction) |",
        "|---|---|---|---|---|---|---|",
    ]
    kinds = np.array([r["kind"] for r in rows])
    for name, t in (("dev-best", best_t), ("shipped default", default_t)):
        for split, mask in (("dev", dev), ("test", test)):
            p, r, f = prf(scores[mask] >= t, gold[mask])
            fm = []
            for kind in ("topical", "contradiction"):
                km = mask & (kinds == kind)
                fm.append(f"{(scores[km] >= t).mean():.2f} ({int((scores[km] >= t).sum())}/{int(km.sum())})")
            out.append(f"| {name} {t:.2f} | {split} | {p:.3f} | {r:.3f} | {f:.3f} | {fm[0]} | {fm[1]} |")
    return out


def load_basil(root: Path):
    events = collections.defaultdict(list)
    for f in sorted((root / "articles").glob("*/*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        ann_path = root / "annotations" / f.parent.name / (f.stem + "_ann.json")
        ann = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
        paras = d["body-paragraphs"]
        text_parts, offsets, pos = [], [], 0
        for pi, para in enumerate(paras):
            for si, sent in enumerate(para):
                if si:
                    text_parts.append(" ")
                    pos += 1
                offsets.append(pos)
                text_parts.append(sent)
                pos += len(sent)
            if pi < len(paras) - 1:
                text_parts.append("\n")
                pos += 1
        text = "".join(text_parts)
        inf_offsets = []
        for span in ann.get("phrase-level-annotations", []):
            if span.get("bias") != "inf" or not str(span.get("id", "")).startswith("p"):
                continue
            k = int(span["id"][1:])
            if k < len(offsets):
                inf_offsets.append(offsets[k] + int(span["start"]))
        art = Article(id=f.stem, outlet=d["source"].lower(), text=text, published=d.get("date"))
        events[d["triplet-uuid"]].append((art, inf_offsets))
    return events


def basil_counts(events, threshold: float):
    counts = {"only_here": [0, 0], "carried": [0, 0]}  # [sentences, with inf span]
    by_outlet: dict[str, dict[str, list[int]]] = collections.defaultdict(
        lambda: {"only_here": [0, 0], "carried": [0, 0]}
    )
    t0 = time.perf_counter()
    n_sent = 0
    for items in events.values():
        arts = [a for a, _ in items]
        ca = align_claims(arts, threshold=threshold)
        cov = ca.coverage.set_index(["claim_id", "outlet"])["status"]
        inf_sents = {}
        for art, offs in items:
            doc = analyze_text(art.text)
            inf_sents[art.id] = {doc.sentence_at(o) for o in offs} - {None}
        for row in ca.claims.itertuples(index=False):
            status = cov[(row.claim_id, row.outlet)]
            has = row.sentence in inf_sents[row.article_id]
            counts[status][0] += 1
            counts[status][1] += int(has)
            by_outlet[row.outlet][status][0] += 1
            by_outlet[row.outlet][status][1] += int(has)
            n_sent += 1
    elapsed = time.perf_counter() - t0
    return counts, by_outlet, n_sent, elapsed


def rate(c) -> float:
    return c[1] / c[0] if c[0] else math.nan


def basil_table() -> list[str]:
    from scipy.stats import fisher_exact

    root = datasets_dir() / "basil"
    if not root.is_dir():
        return ["BASIL not found: skipped."]
    events = load_basil(root)
    default_t = align_claims.__kwdefaults__["threshold"]
    counts, by_outlet, n_sent, elapsed = basil_counts(events, default_t)

    out = [
        "### BASIL: informational-bias spans in sentences only one outlet states vs shared ones",
        "",
        (
            f"{len(events)} events, {n_sent} aligned sentences; align_claims with default settings; "
            f"{elapsed:.1f} s in total ({1000 * elapsed / max(1, len(events)):.0f} ms per event, including "
            "sentence analysis)."
        ),
        "",
        "| outlet | only_here sentences | with inf span | rate | carried sentences | with inf span | rate | ratio |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for outlet in [*sorted(by_outlet), "all"]:
        c = counts if outlet == "all" else by_outlet[outlet]
        ro, rc = rate(c["only_here"]), rate(c["carried"])
        out.append(
            f"| {outlet} | {c['only_here'][0]} | {c['only_here'][1]} | {ro:.3f} | {c['carried'][0]} | "
            f"{c['carried'][1]} | {rc:.3f} | {ro / rc:.2f} |"
        )
    out += [
        "",
        "Sensitivity to the threshold (all outlets; not used to choose the default):",
        "",
        "| threshold | only_here: inf / sentences | carried: inf / sentences | ratio | Fisher exact p (two-sided) |",
        "|---|---|---|---|---|",
    ]
    for t in (default_t, 0.3, 0.45):
        c = counts if t == default_t else basil_counts(events, t)[0]
        o, k = c["only_here"], c["carried"]
        _, p = fisher_exact([[o[1], o[0] - o[1]], [k[1], k[0] - k[1]]])
        out.append(
            f"| {t:.2f} | {o[1]} / {o[0]} ({rate(o):.3f}) | {k[1]} / {k[0]} ({rate(k):.3f}) | "
            f"{rate(o) / rate(k):.2f} | {p:.3g} |"
        )
    return out


def main() -> None:
    lines = ["## Claim alignment benchmark", "", *paraphrase_table(), "", *basil_table()]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
