"""The sentiment family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

from .._base import Metric

__all__ = ["DESCRIPTION", "METRICS", "REFERENCES"]

_VADER_REF = (
    "Hutto, C. J. & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment Analysis "
    "of Social Media Text. ICWSM."
)
_NEWSMTSC_REF = (
    "Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment "
    "Classification in Political News Articles. EACL."
)


METRICS: tuple[Metric, ...] = (
    Metric(
        name="compound_sentiment",
        family="sentiment",
        range=(-1.0, 1.0),
        direction="higher = more positive",
        description="Mean VADER compound score over the article's sentences (each sentence scored alone).",
        references=(_VADER_REF,),
        headline=True,
    ),
    Metric(
        name="positive_sentence_share",
        family="sentiment",
        range=(0.0, 1.0),
        direction="higher = more positive sentences",
        description="Share of sentences with VADER compound >= 0.05.",
        references=(_VADER_REF,),
        headline=True,
    ),
    Metric(
        name="negative_sentence_share",
        family="sentiment",
        range=(0.0, 1.0),
        direction="higher = more negative sentences",
        description="Share of sentences with VADER compound <= -0.05.",
        references=(_VADER_REF,),
        headline=True,
    ),
    Metric(
        name="neutral_sentence_share",
        family="sentiment",
        range=(0.0, 1.0),
        direction="higher = more neutral sentences",
        description="Share of sentences with -0.05 < VADER compound < 0.05.",
        references=(_VADER_REF,),
    ),
    Metric(
        name="vader_compound_whole_text_saturating",
        family="sentiment",
        range=(-1.0, 1.0),
        direction="higher = more positive, but saturates with length",
        description=(
            "VADER compound of the whole text scored as one string. Not a headline metric: VADER's "
            "normalisation saturates with length (a text repeated 20 times moves from -0.30 to -0.99), "
            "so long articles drift to +-1. Use compound_sentiment instead."
        ),
        references=(_VADER_REF,),
    ),
    Metric(
        name="sentence_compound",
        family="sentiment",
        level="sentence",
        range=(-1.0, 1.0),
        direction="higher = more positive",
        description="VADER compound score of the sentence.",
        references=(_VADER_REF,),
    ),
    Metric(
        name="sentence_pos",
        family="sentiment",
        level="sentence",
        range=(0.0, 1.0),
        direction="higher = more positive words",
        description="VADER share of positive words in the sentence.",
        references=(_VADER_REF,),
    ),
    Metric(
        name="sentence_neu",
        family="sentiment",
        level="sentence",
        range=(0.0, 1.0),
        direction="higher = more neutral words",
        description="VADER share of neutral words in the sentence.",
        references=(_VADER_REF,),
    ),
    Metric(
        name="sentence_neg",
        family="sentiment",
        level="sentence",
        range=(0.0, 1.0),
        direction="higher = more negative words",
        description="VADER share of negative words in the sentence.",
        references=(_VADER_REF,),
    ),
)

DESCRIPTION = "VADER sentiment per sentence, aggregated per article; sentiment towards actors."
REFERENCES: tuple[str, ...] = (_VADER_REF, _NEWSMTSC_REF)
