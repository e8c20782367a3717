"""Speed of the actors and sentiment modules on BASIL (CPU time per 600-word article).

Builds the Documents of the 300 BASIL articles first (:func:`compare.analyze_text`, not timed), then
times, with :func:`time.process_time` (one core; fairer than wall time on a loaded machine):

- ``actor_mentions`` on each Document;
- sentence VADER (``compare.scores.sentiment._vader.polarity_scores`` of every sentence, plus the
  whole-text compound the family reports);
- target sentiment of every actor mention the family scores (persons, organisations, groups), as
  the family computes it (``sentiment._mention_targets``: one batch per article through
  ``_target_features.features`` and ``_target_model.predict_batch``, the only implementation);
- the whole sentiment family (``FAMILY(doc)`` on fresh Documents: all of the above together).

Each stage runs on fresh Documents with cold result caches (the VADER and per-sentence caches are
cleared before each stage), so no stage reuses another's work. Figures are scaled to
600 words (total CPU time / total words * 600).

Run: ``.venv/bin/python benchmarks/bench_sentiment_speed.py [--repeat N]``
"""

from __future__ import annotations

import argparse
import gc
import time

import compare
import compare.text
from compare._datasets import datasets_dir
from compare.actors import actor_mentions
from compare.scores.sentiment import FAMILY, _vader
from compare.scores.sentiment import _sentiment as sm


def _clear_caches() -> None:
    _vader.polarity_scores.cache_clear()
    _vader.word_sentiments.cache_clear()


def _docs(texts: list[str]) -> list[compare.Document]:
    # fresh Documents (analyze_text keeps recent Documents, with their caches, in an LRU cache)
    build = getattr(compare.text, "_cached_build", None)
    if build is not None and hasattr(build, "cache_clear"):
        build.cache_clear()
    return [compare.analyze_text(t) for t in texts]


def _time(fn, docs) -> float:  # type: ignore[no-untyped-def]
    gc.collect()
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t0


def _targets(doc: compare.Document) -> None:
    ms = [m for m in actor_mentions(doc) if m.kind in sm._ACTOR_KINDS]
    vader = sm._vader_pass(doc)
    t0 = time.process_time()
    sm._mention_targets(doc, ms, vader)
    _targets.elapsed += time.process_time() - t0  # type: ignore[attr-defined]


def _time_targets(texts: list[str]) -> tuple[float, int]:
    _clear_caches()
    docs = _docs(texts)
    _targets.elapsed = 0.0  # type: ignore[attr-defined]
    _time(_targets, docs)
    n = sum(1 for d in docs for m in actor_mentions(d) if m.kind in sm._ACTOR_KINDS)
    return _targets.elapsed, n  # type: ignore[attr-defined]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="runs per stage (the fastest is reported)")
    args = ap.parse_args()
    corpus = compare.read_corpus(datasets_dir(required=True) / "basil")
    texts = [a.text for a in corpus]
    n_words = sum(d.n_words for d in _docs(texts))
    # warm-up: load lexicons and the model once
    for d in _docs(texts[:5]):
        FAMILY(d)
    per600 = 600.0 / n_words * 1000.0
    n_mentions = 0
    best: dict[str, float] = {}
    for _ in range(args.repeat):
        stages: dict[str, float] = {}
        _clear_caches()
        stages["actor_mentions"] = _time(actor_mentions, _docs(texts))
        _clear_caches()
        stages["sentence VADER"] = _time(
            lambda d: (sm._doc_scores(d), _vader.polarity_scores(d.text)), _docs(texts)
        )
        stages["target sentiment (all mentions, family path)"], n_mentions = _time_targets(texts)
        _clear_caches()
        stages["whole sentiment family"] = _time(FAMILY, _docs(texts))
        for k, v in stages.items():
            best[k] = min(best.get(k, float("inf")), v)
    print(f"BASIL: {len(texts)} articles, {n_words} words, {n_mentions} actor mentions scored")
    print()
    print("| stage | ms per 600-word article (CPU) |")
    print("|---|---|")
    for k, v in best.items():
        print(f"| {k} | {v * per600:.3f} |")
    print()
    print(
        "Per actor mention (target sentiment, family path): "
        f"{best['target sentiment (all mentions, family path)'] / n_mentions * 1e6:.1f} µs"
    )


if __name__ == "__main__":
    main()
