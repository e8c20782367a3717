"""Fast VADER vs vaderSentiment: sentences per second and mismatches, BASIL + PolNeAR.

Run: ``.venv/bin/python benchmarks/bench_vader.py``.

Sentences: BASIL's annotated sentences (``body-paragraphs``, all 300 articles) and PolNeAR's
train and dev texts split into sentences by :func:`compare.text.analyze_text`. Each sentence is
scored by ``SentimentIntensityAnalyzer().polarity_scores`` (the naive loop) and by our scorer
(``compare.scores.sentiment._vader``, without its per-sentence result cache, so no sentence is scored
twice for free); a mismatch is any difference in the returned dict (our unrounded values rounded
as vaderSentiment rounds them). Times are CPU seconds of this process, best of 3.
"""

from __future__ import annotations

import json
import sys
import time

from compare._datasets import datasets_dir
from compare.scores.sentiment import _vader
from compare.text import analyze_text


def sentences() -> tuple[list[str], int]:
    root = datasets_dir(required=True)
    out: list[str] = []
    for file in sorted((root / "basil" / "articles").rglob("*.json")):
        data = json.loads(file.read_text(encoding="utf-8"))
        for paragraph in data["body-paragraphs"]:
            out.extend(paragraph)
    n_basil = len(out)
    for split in ("train", "dev"):
        for file in sorted((root / "polnear" / split).rglob("*.txt")):
            out.extend(s.text for s in analyze_text(file.read_text(encoding="utf-8")).sentences)
    return out, n_basil


def best_of(fn, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        fn()
        times.append(time.process_time() - t0)
    return min(times)


def main() -> int:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sents, n_basil = sentences()
    analyzer = SentimentIntensityAnalyzer()
    _vader._tables()
    reference = [analyzer.polarity_scores(s) for s in sents]
    ours = [_vader._score(s) for s in sents]
    mismatches = sum(1 for r, o in zip(reference, ours, strict=True) if r != _vader.rounded_scores(o))

    t_ref = best_of(lambda: [analyzer.polarity_scores(s) for s in sents])
    t_ours = best_of(lambda: [_vader._score(s) for s in sents])
    n = len(sents)
    words = sum(len(s.split()) for s in sents)

    print(
        f"# VADER on {n} sentences (BASIL {n_basil}, PolNeAR train+dev {n - n_basil}; {words / n:.1f} words/sentence)\n"
    )
    print(f"Python {sys.version.split()[0]}, one process, CPU time, best of 3\n")
    print("| scorer | seconds | sentences/s | speed-up |")
    print("|---|---|---|---|")
    print(f"| vaderSentiment `polarity_scores` loop | {t_ref:.3f} | {n / t_ref:.0f} | 1.0 |")
    print(f"| compare.scores.sentiment._vader | {t_ours:.3f} | {n / t_ours:.0f} | {t_ref / t_ours:.1f} |")
    print(f"\nMismatches (any value of the rounded dict differs): {mismatches} of {n}")
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
