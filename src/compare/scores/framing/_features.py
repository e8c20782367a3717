"""Frame-lexicon features for :class:`~compare.scores.FrameClassifier` (private).

For each text: per frame the cue density (weighted cues per 100 words, as in the untrained scores)
and ``log1p`` of the weighted count, and per codebook question the density of its cues. These are
dense features, standardised by the classifier and appended to its TF-IDF features.
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ._lexicon import FRAMES, MIN_WORDS, counted_weights, load_lexicon, scan

__all__ = ["lexicon_feature_names", "lexicon_features"]


@functools.cache
def _questions() -> tuple[str, ...]:
    lex = load_lexicon()
    qs: set[str] = {"E1", "E2", "H1", "H4"}  # rules add these
    for table in (lex.exact, lex.prefixes):
        for cues in table.values():
            qs.update(c.question for c in cues)
    for table2 in (lex.multi, lex.multi_prefix):
        for entries in table2.values():
            for _, cues in entries:
                qs.update(c.question for c in cues)
    return tuple(sorted(qs))


def lexicon_feature_names() -> list[str]:
    """Names of the columns of :func:`lexicon_features`."""
    names = [f"density_{f}" for f in FRAMES] + [f"log_count_{f}" for f in FRAMES]
    return names + [f"density_{q}" for q in _questions()]


@functools.lru_cache(maxsize=8192)
def _features_one(text: str) -> tuple[float, ...]:
    from ...text import analyze_text

    doc = analyze_text(text)
    hits = scan(doc)
    qs = _questions()
    q_index = {q: i for i, q in enumerate(qs)}
    raw = [0.0] * len(FRAMES)
    per_q = [0.0] * len(qs)
    for h, w in zip(hits, counted_weights(hits), strict=True):
        raw[h.cue.frame] += w
        per_q[q_index[h.cue.question]] += w
    denom = max(doc.n_words, MIN_WORDS)
    return (
        tuple(100.0 * r / denom for r in raw)
        + tuple(math.log1p(r) for r in raw)
        + tuple(100.0 * r / denom for r in per_q)
    )


def lexicon_features(texts: list[str]) -> np.ndarray:
    """Dense lexicon features, shape ``(len(texts), len(lexicon_feature_names()))``."""
    return np.array([_features_one(t) for t in texts], dtype=float).reshape(len(texts), -1)
