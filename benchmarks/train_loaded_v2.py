"""Fit the sentence model of loaded language v2 and write ``src/compare/data/loaded_v2_model.json``.

Run: ``.venv/bin/python benchmarks/train_loaded_v2.py [--real-coverage DIR]``.

The model is a logistic regression (L2, C = 1) over the eight span features of
:func:`compare.scores.wordchoice._loaded.span_features`, fitted on the sentences of BASIL (lexical-bias
spans) and the real-coverage loaded-language labels, with the shipped word weights
(``loaded_v2_params.json``, chosen with BABE left out): BABE and MBIC stay held out. The file holds
nine numbers and the feature names, no text. The fit must give coefficients >= 0 (a further loaded
word never lowers a score); the script stops otherwise. The feature set and C were compared by
leave-one-dataset-out validation in ``bench_loaded_language_v2.py --grid``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench_loaded_language_v2 import ROOT, auc, basil, fit_model, real_coverage

from compare.scores.wordchoice import _loaded as v2

OUT = ROOT / "src" / "compare" / "data" / v2.MODEL_FILE


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real-coverage", type=Path, default=ROOT / "benchmarks" / "real_coverage")
    args = ap.parse_args(argv)
    articles, _ = basil()
    rc = real_coverage(args.real_coverage)
    corpora = [articles, rc] if rc else [articles]
    model, x, y = fit_model(corpora, v2._params_tuple(), list(range(len(v2.FEATURES))))
    coef = [float(c) for c in model.coef_[0]]
    if min(coef) < 0:
        print(f"a coefficient is negative: {coef}", file=sys.stderr)
        return 1
    data = {
        "about": (
            "Sentence model of compare.scores.wordchoice._loaded: P(loaded) = 1 / (1 + exp(-(intercept + "
            "sum coef_k * x_k))) over the span features (compare.scores.wordchoice._loaded.span_features). "
            "Fitted by benchmarks/train_loaded_v2.py (logistic regression, L2, C=1) with the word weights "
            "of loaded_v2_params.json. Numbers only; no text of any dataset."
        ),
        "licence": "MIT (media-compare); derived numbers only",
        "trained_on": ["BASIL (Fan et al. 2019), 300 articles, lexical-bias sentences"]
        + (["real-coverage loaded-language sentences (media-compare)"] if rc else []),
        "held_out": ["BABE SG1 (Spinde et al. 2021)", "MBIC (Spinde et al. 2021)"],
        "n_sentences": len(y),
        "n_loaded": int(sum(y)),
        "in_sample_auc": round(auc((y, list(model.decision_function(x)))), 4),
        "features": list(v2.FEATURES),
        "coef": [round(c, 6) for c in coef],
        "intercept": round(float(model.intercept_[0]), 6),
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(y)} sentences, in-sample AUC {data['in_sample_auc']}")
    print("coef:", dict(zip(v2.FEATURES, data["coef"], strict=True)), "intercept:", data["intercept"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
