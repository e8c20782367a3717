"""Choose how ``align_claims`` joins two sentences: pair matcher alone, or also by event similarity.

``align_claims`` joins a candidate pair when the pair matcher decides *same* or *partial*. The
matcher is lexical with a global IDF; the aligner's similarity (``_claims_sim``, IDF fitted on the
event's sentences) sees story-specific wording differently. This script asks whether to also join
pairs whose similarity is at least ``t`` (a pair with a conflict in ``ALIGN_VETO`` is never joined), and which ``t``, by
leave-one-dataset-out: for each labelled pair set held out, ``t`` is chosen for accuracy (mean over
the other sets) and reported on the held-out one. A pair counts as "one claim" when its label is
same or partial. The similarity's IDF is fitted on each set's own sentences (as the aligner fits it
on one event's). Sets: ``handmade`` and ``basil`` (see ``benchmarks/train_claim_match.py``), plus
``msrp`` and ``real_coverage`` when their files are present.

Caveat: the shipped pair model was trained on all these sets, so its own decisions are in-sample
here; only the join threshold is held out. With handmade, basil and real_coverage (MSRP absent),
t = 0.20 is chosen on all sets together and in two of the three folds (0.30 with real coverage held
out): ``align_claims`` ships 0.20 as ``JOIN_SIMILARITY``.

Run: ``python benchmarks/tune_claim_join.py``
"""

from __future__ import annotations

import math

import numpy as np
import train_claim_match as tcm

from compare.align import _claim_match as cm
from compare.align._claims_sim import pair_scores
from compare.align.claims import ALIGN_VETO, _negation_in_scope

GRID = (*np.round(np.arange(0.15, 0.61, 0.05), 2).tolist(), math.inf)


def load_sets() -> dict[str, list[dict]]:
    sets = {"handmade": tcm.load_handmade(), "basil": tcm.load_basil()}
    for name, loader in (("msrp", tcm.load_msrp), ("real_coverage", tcm.load_real_coverage)):
        try:
            pairs = loader()
        except (FileNotFoundError, OSError) as exc:
            print(f"{name}: not available ({type(exc).__name__}: {exc}); left out")
            continue
        if pairs:
            sets[name] = pairs
    return sets


def score(pairs: list[dict]) -> dict[str, np.ndarray]:
    model = cm.load_model()
    _, sents = tcm.featurize(pairs)
    matches = [
        _negation_in_scope(m, a, b)
        for m, (a, b) in zip(cm.match_features(sents, model=model), sents, strict=True)
    ]
    veto = set(ALIGN_VETO)
    return {
        "y": np.array([p["label"] in ("same", "partial") for p in pairs]),
        "matched": np.array([m.decision in ("same", "partial") for m in matches]),
        "vetoed": np.array([bool(set(m.conflicts) & veto) for m in matches]),
        "conflicts": [set(m.conflicts) for m in matches],
        "sim": pair_scores([p["a"] for p in pairs], [p["b"] for p in pairs]),
    }


def join(s: dict[str, np.ndarray], t: float) -> np.ndarray:
    return (s["matched"] | (s["sim"] >= t)) & ~s["vetoed"]


def acc(s: dict[str, np.ndarray], t: float) -> float:
    return float((join(s, t) == s["y"]).mean())


def main() -> None:
    sets = load_sets()
    scored = {name: score(pairs) for name, pairs in sets.items()}
    print("\n#### Joining pairs in align_claims: matcher alone or also by event similarity >= t\n")
    print("Accuracy of 'one claim' (same or partial) per set, by t (inf: matcher alone):\n")
    print("| t | " + " | ".join(f"{n} ({len(sets[n])})" for n in scored) + " |")
    print("|---|" + "---|" * len(scored))
    for t in GRID:
        print(f"| {t} | " + " | ".join(f"{acc(s, t):.3f}" for s in scored.values()) + " |")
    print("\nLeave one set out (t chosen on the mean accuracy of the other sets, ties: the higher t):\n")
    print("| held out | chosen t | held-out accuracy | matcher alone | similarity >= 0.20 alone |")
    print("|---|---|---|---|---|")
    for name, s in scored.items():
        others = [v for k, v in scored.items() if k != name]
        if not others:
            continue
        best = max(GRID, key=lambda t: (np.mean([acc(o, t) for o in others]), t))
        sim_only = float(((s["sim"] >= 0.2) == s["y"]).mean())
        print(f"| {name} | {best} | {acc(s, best):.3f} | {acc(s, math.inf):.3f} | {sim_only:.3f} |")
    print("\nWhich vetoes (conflicts that keep two sentences apart) to use, matcher alone:\n")
    print("| veto | " + " | ".join(scored) + " |")
    print("|---|" + "---|" * len(scored))
    variants = (
        ("none", set()),
        ("negation (outside an added clause), direction", {"negation", "direction"}),
        ("+ number", {"negation", "direction", "number"}),
        ("+ number, date (align_claims)", {"negation", "direction", "number", "date"}),
    )
    for label, veto in variants:
        cells = []
        for s in scored.values():
            vetoed = np.array([bool(c & veto) for c in s["conflicts"]])
            cells.append(f"{float(((s['matched'] & ~vetoed) == s['y']).mean()):.3f}")
        print(f"| {label} | " + " | ".join(cells) + " |")
    best_all = max(GRID, key=lambda t: (np.mean([acc(o, t) for o in scored.values()]), t))
    print(f"\nOn all sets together: t = {best_all}.")


if __name__ == "__main__":
    main()
