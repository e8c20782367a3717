"""Sentiment: VADER per sentence (identical to vaderSentiment), aggregated per article, and sentiment
towards each actor mention (a classifier trained on NewsMTSC).

The family's scoring function and metrics are in :data:`compare.scores.FAMILIES` (``FAMILY`` here);
the public functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

from ..._lazy import attach

_LAZY = {
    "sentence_sentiment": "._sentiment",
    "target_sentiment": "._sentiment",
    "TargetSentiment": "._sentiment",
    "POSITIVE_THRESHOLD": "._sentiment",
    "NEGATIVE_THRESHOLD": "._sentiment",
    "SentimentScores": "._vader",
    "polarity_scores": "._vader",
}

__all__ = ["FAMILY", *sorted(_LAZY)]  # noqa: PLE0604

_getattr, __dir__ = attach(__name__, _LAZY, extra=("FAMILY",))


def __getattr__(name: str) -> Any:
    if name == "FAMILY":
        from .._registry import FAMILIES

        return FAMILIES["sentiment"]
    return _getattr(name)
