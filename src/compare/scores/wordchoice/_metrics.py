"""The word-choice family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

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
        description=(
            "Loaded words and phrases (weight >= 0.5: the v2 lexicon or VADER valence, not in names, titles, "
            "medical or legal phrases) per 100 words, in any voice."
        ),
        references=_REFS,
        headline=True,
    ),
    Metric(
        name="own_loaded_words_per_100_words",
        family="wordchoice",
        range=(0.0, 100.0),
        direction="higher = more loaded wording in the outlet's own voice",
        description=(
            "Loaded words and phrases per 100 words outside quotation marks and reported speech: the "
            "outlet's own word choice."
        ),
        references=_REFS,
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
        range=(0.0, 1.0),
        direction="higher = more loaded",
        description="Mean of the sentence loaded scores (probabilities that a sentence is loaded).",
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
        range=(0.0, 1.0),
        direction="higher = more loaded",
        description=(
            "Probability that the sentence is loaded: a logistic model over its span counts (own-voice weight "
            "sums by category, the largest own-voice weight, the quoted-voice sum); no mean over words."
        ),
        references=_REFS,
    ),
)

DESCRIPTION = (
    "Loaded language (lexicon + VADER valence) and actor labels (titles, appositives, descriptors, verbs)."
)
REFERENCES: tuple[str, ...] = _REFS
