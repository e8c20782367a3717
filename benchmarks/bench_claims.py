"""Benchmark claim alignment (``compare.align.claims``).

1. Paraphrase matching on the hand-made set ``tests/data/paraphrase_claims.jsonl`` (80 news-like
   sentence pairs written for this project: paraphrases, same-event sentences stating other things
   ("topical"), and near-identical sentences stating the opposite ("contradiction")). The pairs carry
   an a-priori split (odd ids: dev, even ids: test). The similarity threshold is chosen on dev (best
   F1) and figures are reported on test; then each pair is put through ``align_claims`` as a
   two-outlet story, with the pair matcher (the default) and without (``match=False``).
2. BASIL informational bias: for each of the 100 events (Fox / NYT / HuffPost), align claims and
   ask whether informational-bias spans (content an outlet chose to include, annotated by BASIL)
   concentrate (a) in sentences one outlet states alone, (b) in the clauses one outlet adds to a
   claim the others carry (``carried_in_part``), against the base rate of inf-bias characters and
   against a window of the same length anywhere in the same sentence, and (c) in claims some outlet
   omits. Then the omission scores per outlet. Nothing is tuned on BASIL.
3. Speed (``--speed``): CPU time of ``align_claims`` per BASIL event with the per-article features
   precomputed (as ``compare.analyze`` calls it), and ``Results.manifest["timings"]["claims"]`` on the
   bundled corpora. Runs against any version of the package (to measure before and after).
4. Candidates (``--candidates``): how many joined pairs the candidate limits keep, against asking the
   pair matcher about every cross-article pair with similarity >= 0.05 (BASIL events 60-89).

Run: ``python benchmarks/bench_claims.py [--speed] [--candidates]`` (reads ``../shared/datasets/basil``).
"""

from __future__ import annotations

import collections
import json
import math
import sys
import time
from pathlib import Path

import numpy as np

from compare import Article
from compare._datasets import datasets_dir
from compare.align._claims_sim import pair_scores
from compare.align.claims import align_claims, claim_features
from compare.text import analyze_text

try:  # the similarity threshold without the matcher (named so since issue 20)
    from compare.align.claims import SIMILARITY_THRESHOLD
except ImportError:  # an older version of the package (speed before/after)
    SIMILARITY_THRESHOLD = 0.2

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
    default_t = SIMILARITY_THRESHOLD
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


def _story(a: str, b: str) -> list[Article]:
    return [Article(id="a", outlet="A", text=a), Article(id="b", outlet="B", text=b)]


def _merged(ca) -> bool:
    ids = ca.claims.groupby("article_id")["claim_id"].agg(set)
    return len(ids) == 2 and bool(ids["a"] & ids["b"])


def _char_f1(pred: tuple[int, int], gold: tuple[int, int]) -> float:
    inter = max(0, min(pred[1], gold[1]) - max(pred[0], gold[0]))
    if not inter:
        return 0.0
    return 2 * inter / ((pred[1] - pred[0]) + (gold[1] - gold[0]))


def alignment_pairs_table() -> list[str]:
    """Each hand-made pair as a two-outlet story through align_claims, with and without the matcher."""
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    partial = [
        json.loads(line)
        for line in (ROOT / "tests" / "data" / "partial_claims.jsonl")
        .read_text(encoding="utf-8")
        .splitlines()
        if line.strip()
    ]
    gold = np.array([r["label"] == 1 for r in rows])
    kinds = np.array([r["kind"] for r in rows])
    test = np.array([r["split"] == "test" for r in rows])
    out = [
        "### Pairs as two-outlet stories through `align_claims`",
        "",
        (
            "Each hand-made pair is a story of two one-sentence articles; *merged* means both sentences land in one "
            "claim. The pair model was trained on these sets too (see `docs/benchmarks/claim_pairs.md`), so the "
            "`match=True` rows are in-sample for it; the similarity threshold was chosen on the dev half."
        ),
        "",
        (
            "| aligner | split | accuracy | precision | recall | merged share | topical merged | contradictions merged "
            "| partial pairs merged | partial found (right side) | added-clause char F1 |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for label, match in (("pair matcher (default)", True), ("similarity >= 0.20 (match=False)", False)):
        merged = np.array([_merged(align_claims(_story(r["a"], r["b"]), match=match)) for r in rows])
        found, f1s, pmerged = [], [], []
        for r in partial:
            ca = align_claims(_story(r["a"], r["b"]), match=match)
            pmerged.append(_merged(ca))
            cov = ca.coverage[ca.coverage["status"] == "carried_in_part"]
            adds = cov[cov["part"] == "adds"] if "part" in cov.columns else cov.iloc[:0]
            ok = len(adds) == 1 and adds["outlet"].iloc[0] == r["longer"].upper()
            found.append(ok)
            if ok:
                text = r[r["longer"]]
                k = text.find(r["added"])
                f1s.append(
                    _char_f1(
                        (int(adds["evidence_start"].iloc[0]), int(adds["evidence_end"].iloc[0])),
                        (k, k + len(r["added"])),
                    )
                )
            else:
                f1s.append(0.0)
        for split, mask in (("all", np.ones(len(rows), bool)), ("test", test)):
            m, g = merged[mask], gold[mask]
            p, rcl, _ = prf(m, g)
            topical = mask & (kinds == "topical")
            contra = mask & (kinds == "contradiction")
            part_cells = (
                f"{np.mean(pmerged):.2f} ({sum(pmerged)}/{len(partial)}) | {np.mean(found):.2f} | {np.mean(f1s):.3f}"
                if split == "all"
                else "— | — | —"
            )
            out.append(
                f"| {label} | {split} ({int(mask.sum())}) | {float((m == g).mean()):.3f} | {p:.3f} | {rcl:.3f} | "
                f"{m.mean():.2f} | {int(merged[topical].sum())}/{int(topical.sum())} | "
                f"{int(merged[contra].sum())}/{int(contra.sum())} | {part_cells} |"
            )
    return out


def load_basil(root: Path):
    """Events of (Article, inf-bias spans as (start, end) offsets into the article text)."""
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
        spans = []
        for span in ann.get("phrase-level-annotations", []):
            if span.get("bias") != "inf" or not str(span.get("id", "")).startswith("p"):
                continue
            k = int(span["id"][1:])
            if k < len(offsets):
                spans.append((offsets[k] + int(span["start"]), offsets[k] + int(span["end"])))
        art = Article(id=f.stem, outlet=d["source"].lower(), text=text, published=d.get("date"))
        events[d["triplet-uuid"]].append((art, spans))
    return events


def _inf_mask(length: int, spans) -> np.ndarray:
    mask = np.zeros(length + 1, dtype=bool)
    for s, e in spans:
        mask[max(0, s) : max(0, e)] = True
    return mask


def basil_alignment(events, **options):
    """Align every BASIL event; returns claims, coverage (with event_id) and the inf masks."""
    import pandas as pd

    claim_frames, cov_frames, masks = [], [], {}
    for event_id, items in sorted(events.items()):
        arts = [a for a, _ in items]
        for art, spans in items:
            masks[art.id] = _inf_mask(len(art.text), spans)
        ca = align_claims(arts, **options)
        claim_frames.append(ca.claims.assign(event_id=event_id))
        cov_frames.append(ca.coverage.assign(event_id=event_id))
    return pd.concat(claim_frames, ignore_index=True), pd.concat(cov_frames, ignore_index=True), masks


def rate(c) -> float:
    return c[1] / c[0] if c[0] else math.nan


def basil_table() -> list[str]:
    from scipy.stats import fisher_exact

    from compare.align import omission_scores

    root = datasets_dir() / "basil"
    if not root.is_dir():
        return ["BASIL not found: skipped."]
    events = load_basil(root)
    t0 = time.perf_counter()
    claims, coverage, masks = basil_alignment(events)
    elapsed = time.perf_counter() - t0
    status = coverage.set_index(["event_id", "claim_id", "outlet"])["status"]
    n_events = len(events)
    out = [
        "### BASIL: where informational-bias spans sit",
        "",
        (
            f"{n_events} events, {len(claims)} aligned sentences; `align_claims` with default settings (pair matcher); "
            f"{elapsed:.1f} s in total, including sentence analysis."
        ),
        "",
        "(a) Sentences by the status of their outlet for their claim: share holding an inf-bias span.",
        "",
        "| outlet | only_here | carried_in_part | carried | only_here / carried |",
        "|---|---|---|---|---|",
    ]
    counts: dict[str, dict[str, list[int]]] = collections.defaultdict(
        lambda: collections.defaultdict(lambda: [0, 0])
    )
    for row in claims.itertuples(index=False):
        st = status[(row.event_id, row.claim_id, row.outlet)]
        has = bool(masks[row.article_id][row.start : row.end].any())
        for key in (row.outlet, "all"):
            counts[key][st][0] += 1
            counts[key][st][1] += int(has)
    for outlet in [*sorted(k for k in counts if k != "all"), "all"]:
        c = counts[outlet]
        cells = [
            f"{c[s][1]} / {c[s][0]} ({rate(c[s]):.3f})" for s in ("only_here", "carried_in_part", "carried")
        ]
        out.append(f"| {outlet} | {' | '.join(cells)} | {rate(c['only_here']) / rate(c['carried']):.2f} |")
    o, k = counts["all"]["only_here"], counts["all"]["carried"]
    _, p = fisher_exact([[o[1], o[0] - o[1]], [k[1], k[0] - k[1]]])
    out += ["", f"only_here vs carried, all outlets: Fisher exact p = {p:.3g}.", ""]

    # (b) added clauses
    base_in = base_all = 0
    for row in claims.itertuples(index=False):
        m = masks[row.article_id][row.start : row.end]
        base_in += int(m.sum())
        base_all += len(m)
    adds = coverage[(coverage["status"] == "carried_in_part") & (coverage["part"] == "adds")]
    sent_of = {
        (r.event_id, r.claim_id, r.article_id): (r.start, r.end) for r in claims.itertuples(index=False)
    }
    n_clause = n_overlap = 0
    chars_in = chars_all = 0
    expected = []
    by_outlet: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for r in adds.itertuples(index=False):
        mask = masks[r.evidence_article_id]
        s, e = int(r.evidence_start), int(r.evidence_end)
        seg = mask[s:e]
        n_clause += 1
        hit = bool(seg.any())
        n_overlap += int(hit)
        by_outlet[r.outlet][0] += 1
        by_outlet[r.outlet][1] += int(hit)
        chars_in += int(seg.sum())
        chars_all += e - s
        ss, se = sent_of[(r.event_id, r.claim_id, r.evidence_article_id)]
        width = e - s
        sent_mask = mask[ss:se]
        if len(sent_mask) >= width > 0:  # a window of the same length anywhere in the same sentence
            win = np.convolve(sent_mask.astype(int), np.ones(width, dtype=int), mode="valid") > 0
            expected.append(float(win.mean()))
    out += [
        (
            "(b) Clauses an outlet adds to a claim others carry (`carried_in_part`, part `adds`), against the base rate "
            "of inf-bias characters in aligned sentences and against a window of the same length placed anywhere in "
            "the same sentence."
        ),
        "",
        (
            "| added clauses | overlapping an inf span | same-length window in the same sentence (expected) | "
            "inf share of added-clause characters | inf share of all aligned-sentence characters |"
        ),
        "|---|---|---|---|---|",
        (
            f"| {n_clause} | {n_overlap} ({n_overlap / max(1, n_clause):.3f}) | "
            f"{np.mean(expected) if expected else math.nan:.3f} | {chars_in / max(1, chars_all):.3f} | "
            f"{base_in / max(1, base_all):.3f} |"
        ),
        "",
        _clause_test(n_overlap, expected),
        "",
        "By outlet (added clauses overlapping an inf span): "
        + ", ".join(f"{o} {c[1]}/{c[0]}" for o, c in sorted(by_outlet.items())),
        "",
    ]

    # (c) claims some outlet omits vs claims every outlet carries
    n_out = coverage.groupby(["event_id", "claim_id"])["n_outlets"].first()
    by_k: dict[int, list[int]] = collections.defaultdict(lambda: [0, 0])
    for row in claims.itertuples(index=False):
        kk = int(n_out[(row.event_id, row.claim_id)])
        by_k[kk][0] += 1
        by_k[kk][1] += int(masks[row.article_id][row.start : row.end].any())
    out += [
        "(c) Sentences by how many of the event's outlets state their claim (3: no outlet omits it).",
        "",
        "| outlets stating the claim | sentences | with inf span | rate |",
        "|---|---|---|---|",
        *(f"| {kk} | {c[0]} | {c[1]} | {rate(c):.3f} |" for kk, c in sorted(by_k.items())),
        "",
    ]

    # (d) omission scores
    om = omission_scores(coverage, seed=0)
    out += [
        (
            "(d) Omission scores (`omission_scores`, weighted share of the claims other outlets carry that the outlet "
            "leaves out; per event, then averaged over events)."
        ),
        "",
        "| outlet | events | mean omission | median | mean unweighted | mean claims others carry | mean interval width |",
        "|---|---|---|---|---|---|---|",
    ]
    for outlet, g in om.groupby("outlet"):
        out.append(
            f"| {outlet} | {len(g)} | {g['omission'].mean():.3f} | {g['omission'].median():.3f} | "
            f"{g['omission_unweighted'].mean():.3f} | {g['n_claims'].mean():.1f} | "
            f"{(g['ci_high'] - g['ci_low']).mean():.3f} |"
        )
    # do outlets with more inf spans omit less? per article: inf spans vs omission
    n_spans = {a.id: len(sp) for items in events.values() for a, sp in items}
    n_sent = {
        a.id: max(1, len(analyze_text(a.text).sentences)) for items in events.values() for a, _ in items
    }
    art_of = claims.groupby(["event_id", "outlet"])["article_id"].first()
    xs, ys, dens = [], [], []
    for r in om.itertuples(index=False):
        key = (r.event_id, r.outlet)
        if key in art_of.index and not math.isnan(r.omission):
            xs.append(n_spans.get(art_of[key], 0))
            dens.append(n_spans.get(art_of[key], 0) / n_sent[art_of[key]])
            ys.append(r.omission)
    if len(xs) > 2:
        from scipy.stats import spearmanr

        rho, p_rho = spearmanr(xs, ys)
        rho_d, p_d = spearmanr(dens, ys)
        out += [
            "",
            (
                f"Per article: Spearman correlation of the outlet's omission score with its number of inf-bias spans: "
                f"{rho:.3f} (p = {p_rho:.3g}, n = {len(xs)}); with its inf-bias spans per sentence (length "
                f"removed): {rho_d:.3f} (p = {p_d:.3g})."
            ),
        ]
    return out


def _clause_test(observed: int, expected: list[float]) -> str:
    """Observed overlaps against the sum of per-clause chances (normal approximation, two-sided)."""
    from scipy.stats import norm

    if not expected:
        return "No added clauses to test."
    p = np.asarray(expected)
    mu, sd = float(p.sum()), float(np.sqrt((p * (1 - p)).sum()))
    z = (observed - mu) / sd if sd > 0 else math.nan
    return (
        f"Overlaps observed {observed}, expected {mu:.1f} from same-length windows of the same sentences "
        f"(z = {z:.2f}, two-sided p = {2 * norm.sf(abs(z)):.3g}, normal approximation to the Poisson binomial)."
    )


def _basil_events(first: int, last: int):
    root = datasets_dir() / "basil"
    events = load_basil(root)
    return [[a for a, _ in events[k]] for k in sorted(events)[first:last]]


def speed_table(n_events: int = 30, repeats: int = 3) -> list[str]:
    """CPU time of align_claims per BASIL event (features precomputed) and the claims step on bundled corpora."""
    import compare

    chosen = _basil_events(0, n_events)
    feats = [[claim_features(analyze_text(a.text)) for a in arts] for arts in chosen]
    align_claims(chosen[0], features=feats[0])  # imports and model loading are not timed
    per_event = []
    for _ in range(repeats):
        t0 = time.process_time()
        for arts, f in zip(chosen, feats, strict=True):
            align_claims(arts, features=f)
        per_event.append((time.process_time() - t0) / n_events * 1e3)
    from compare.caches import clear_caches

    clear_caches()  # the matcher's caches (character 3-grams, ...) start cold, as on a new corpus
    docs = [[analyze_text(a.text) for a in arts] for arts in chosen[:10]]
    from compare.align import _claims_sim  # the shipped model and word lists are loaded before timing

    _claims_sim.sentence_features(docs[0][0])
    t0 = time.process_time()
    for ds in docs:
        for d in ds:
            claim_features(d)
    t_feat = (time.process_time() - t0) / 10 * 1e3
    from compare import pipeline

    bundled, bundled_cpu = [], []
    step = pipeline._claim_tables

    def timed(*args, **kwargs):  # CPU time of the same step the manifest times (wall clock)
        t0 = time.process_time()
        out = step(*args, **kwargs)
        bundled_cpu.append(time.process_time() - t0)
        return out

    corpus = compare.bundled_corpus()
    pipeline._claim_tables = timed
    try:
        for _ in range(repeats + 1):  # the first run loads models: not counted
            res = compare.analyze(corpus, config=compare.RunConfig(progress=False))
            bundled.append(res.manifest["timings"]["claims"])
    finally:
        pipeline._claim_tables = step
    bundled, bundled_cpu = bundled[1:], bundled_cpu[1:]
    version = getattr(compare, "__version__", "?")
    return [
        f"#### Speed of claim alignment (package at {Path(compare.__file__).parent}, version {version})",
        "",
        (
            f"| BASIL events | align_claims CPU ms/event (best of {repeats}) | all runs | claim_features CPU ms/event "
            "(per-article step; first 10 events, caches cold) | bundled corpora: claims step CPU s (best of "
            f"{repeats}) | timings['claims'] s, wall, all runs |"
        ),
        "|---|---|---|---|---|---|",
        (
            f"| {n_events} | {min(per_event):.1f} | {', '.join(f'{v:.1f}' for v in per_event)} | {t_feat:.0f} | "
            f"{min(bundled_cpu):.3f} | {', '.join(f'{v:.3f}' for v in bundled)} |"
        ),
    ]


def candidates_table() -> list[str]:
    """Joined pairs kept by the candidate limits, against the matcher on every pair with similarity >= 0.05."""
    import itertools

    import compare.align.claims as claims_mod

    chosen = _basil_events(60, 90)
    feats = [[claim_features(analyze_text(a.text)) for a in arts] for arts in chosen]

    def joined(ca) -> set:
        out = set()
        for _, g in ca.claims.groupby("claim_id"):
            out |= set(itertools.combinations(sorted(zip(g.article_id, g.sentence, strict=True)), 2))
        return out

    shipped = (claims_mod.CANDIDATES_PER_ARTICLE, claims_mod.MIN_COVERAGE)

    def run(k: int, floor: float, min_cov: float):
        claims_mod.CANDIDATES_PER_ARTICLE, claims_mod.MIN_COVERAGE = k, min_cov
        res, t = [], 0.0
        for arts, f in zip(chosen, feats, strict=True):
            t0 = time.process_time()
            res.append(joined(align_claims(arts, features=f, threshold=floor)))
            t += time.process_time() - t0
        return res, t / len(chosen) * 1e3

    try:
        align_claims(chosen[0], features=feats[0])
        ref, t_ref = run(10_000, 0.05, 0.0)
        n_ref = sum(len(r) for r in ref)
        out = [
            (
                "#### Candidate limits (BASIL events 60-89; reference: the matcher on every cross-article pair with "
                f"similarity >= 0.05: {n_ref} joined sentence pairs, {t_ref:.0f} CPU ms/event)"
            ),
            "",
            (
                "| most similar per other article | similarity floor | min coverage | joined pairs kept | extra joined "
                "pairs | CPU ms/event |"
            ),
            "|---|---|---|---|---|---|",
        ]
        for k, floor, min_cov in (
            (1, 0.10, 0.0),
            (2, 0.10, 0.0),
            (3, 0.10, 0.0),
            (2, 0.15, 0.0),
            (2, 0.20, 0.0),
            (2, 0.10, 0.2),
            (2, 0.10, 0.3),
            (2, 0.10, 0.4),
        ):
            res, t = run(k, floor, min_cov)
            kept = sum(len(a & b) for a, b in zip(res, ref, strict=True))
            extra = sum(len(a - b) for a, b in zip(res, ref, strict=True))
            mark = " (shipped)" if (k, floor, min_cov) == (shipped[0], 0.10, shipped[1]) else ""
            out.append(
                f"| {k}{mark} | {floor:.2f} | {min_cov:.1f} | {kept} ({kept / n_ref:.3f}) | {extra} | {t:.0f} |"
            )
    finally:
        claims_mod.CANDIDATES_PER_ARTICLE, claims_mod.MIN_COVERAGE = shipped
    return out


def main() -> None:
    if "--speed" in sys.argv:
        print("\n".join(speed_table()))
        return
    if "--candidates" in sys.argv:
        print("\n".join(candidates_table()))
        return
    lines = [
        "## Claim alignment benchmark",
        "",
        *paraphrase_table(),
        "",
        *alignment_pairs_table(),
        "",
        *basil_table(),
    ]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
