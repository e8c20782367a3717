"""The word-choice family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

import math

from .._base import Metric

__all__ = ["DESCRIPTION", "METRICS", "REFERENCES"]

_REFS = (
    (
        "Recasens, M., Danescu-Niculescu-Mizil, C., & Jurafsky, D. (2013). Linguistic models for "
        "analyzing and detecting biased language. ACL."
    ),
    "Spinde, T. et al. (2021). Neural media bias detection using distant supervision with BABE. Findings of EMNLP.",
    (
        "Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment "
        "analysis of social media text. ICWSM."
    ),
    (
        "Hamborg, F., Zhukova, A., & Gipp, B. (2019). Automated identification of media bias by word "
        "choice and labeling in news articles. JCDL."
    ),
)

METRICS: tuple[Metric, ...] = (
    Metric(
        name="loaded_words_per_100_words",
        family="wordchoice",
        range=(0.0, 100.0),
        direction="higher = more loaded (evaluative, pejorative or intensified) wording",
        description="Loaded words (lexicon weight or VADER |valence| weight >= 0.5) per 100 words.",
        references=_REFS,
        headline=True,
    ),
    Metric(
        name="loaded_sentence_share",
        family="wordchoice",
        range=(0.0, 1.0),
        direction="higher = more sentences with loaded wording",
        description="Share of sentences with at least one loaded word.",
        references=_REFS,
    ),
    Metric(
        name="loaded_score_mean",
        family="wordchoice",
        range=(-math.inf, 1.0),
        direction="higher = more loaded",
        description="Mean of the sentence loaded scores.",
        references=_REFS,
    ),
    Metric(
        name="hedge_density",
        family="wordchoice",
        range=(0.0, 100.0),
        direction="higher = more hedged (may, reportedly, apparently ...)",
        description="Hedges per 100 words (hand-written list).",
        references=("Hyland, K. (2005). Metadiscourse. Continuum.",),
    ),
    Metric(
        name="assertive_density",
        family="wordchoice",
        range=(0.0, 100.0),
        direction="higher = more assertive (clearly, in fact, insisted ...)",
        description="Assertive and certainty markers per 100 words (hand-written list).",
        references=("Hooper, J. B. (1975). On assertive predicates. Syntax and Semantics 4.",),
    ),
    Metric(
        name="loaded_score",
        family="wordchoice",
        level="sentence",
        range=(-math.inf, 1.0),
        direction="higher = more loaded",
        description="Sentence loaded score: (sum of loaded-word weights - 0.5 numbers - 0.8 reporting cues) / words.",
        references=_REFS,
    ),
)

DESCRIPTION = (
    "Loaded language (lexicon + VADER valence) and actor labels (titles, appositives, descriptors, verbs)."
)
REFERENCES: tuple[str, ...] = _REFS
