"""Score families: readability, sentiment, attribution, framing and word choice.

Each family is a package (``compare.scores.sentiment``, ...) with a small public face. The families
and every metric they report are listed in one fixed table: :data:`FAMILIES` (family name ->
:class:`Family`) and :data:`SCORERS` (metric name -> :class:`Metric`, with range, direction and
references). A family's implementation is imported when it first scores a Document, so
``import compare.scores`` stays cheap.

Public functions (each takes plain text, or a :class:`~compare.text.Document`):

- readability: :func:`readability_scores` and the single formulas (``flesch_reading_ease``, ...);
- sentiment: :func:`sentence_sentiment`, :func:`target_sentiment`;
- attribution: :func:`attributions`;
- framing: :func:`frames`, :func:`frame_evidence`, :class:`FrameClassifier`, :func:`cross_validate_frames`;
- word choice: :func:`loaded_language`, :func:`actor_labels`, :func:`label_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._lazy import attach
from ._base import Family, FamilyResult, Metric, empty_result
from ._registry import ALL_FAMILIES, FAMILIES, SCORERS

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

_LAZY: dict[str, str] = {
    "readability_scores": ".readability",
    "flesch_reading_ease": ".readability",
    "flesch_kincaid_grade": ".readability",
    "gunning_fog": ".readability",
    "smog_index": ".readability",
    "coleman_liau_index": ".readability",
    "automated_readability_index": ".readability",
    "dale_chall_readability_score": ".readability",
    "linsear_write_formula": ".readability",
    "text_standard": ".readability",
    "sentence_sentiment": ".sentiment",
    "target_sentiment": ".sentiment",
    "attributions": ".attribution",
    "frames": ".framing",
    "frame_evidence": ".framing",
    "FrameClassifier": ".framing",
    "cross_validate_frames": ".framing",
    "loaded_language": ".wordchoice",
    "actor_labels": ".wordchoice",
    "label_table": ".wordchoice",
}

__all__ = [  # noqa: PLE0604 - the lazily imported public names are added below
    "ALL_FAMILIES",
    "FAMILIES",
    "SCORERS",
    "Family",
    "FamilyResult",
    "Metric",
    "empty_result",
    "headline_metrics",
    "load_families",
    "ordered_metrics",
    *sorted(_LAZY),
]

__getattr__, __dir__ = attach(__name__, _LAZY, extra=__all__)


def load_families(names: Sequence[str] | None = None) -> dict[str, Family]:
    """The families called ``names`` (all by default), in the order given.

    Raises
    ------
    compare.exceptions.InvalidInputError
        If a name is not a known family.
    """
    from ..exceptions import InvalidInputError

    wanted = list(FAMILIES) if names is None else list(names)
    unknown = [n for n in wanted if n not in FAMILIES]
    if unknown:
        msg = f"Unknown score families {unknown!r}; known families are {list(FAMILIES)!r}."
        raise InvalidInputError(msg)
    return {n: FAMILIES[n] for n in wanted}


def ordered_metrics() -> dict[str, Metric]:
    """Every metric, ordered by family (as in :data:`FAMILIES`) then definition.

    Returns
    -------
    dict
        Metric name -> :class:`Metric` (the same mapping as :data:`SCORERS`).
    """
    return dict(SCORERS)


def headline_metrics(articles: pd.DataFrame) -> list[str]:
    """The headline metrics (``Metric.headline``) present in an article table, in registry order.

    Parameters
    ----------
    articles : pandas.DataFrame
        A wide table such as ``Results.articles``.

    Returns
    -------
    list of str
        The present headline metrics; if there are none, the first six metric columns.
    """
    from ..stats import metric_columns

    present = metric_columns(articles, exclude=("n_words", "n_sentences"))
    chosen = [m for m, spec in SCORERS.items() if spec.headline and spec.level == "article" and m in present]
    return chosen or present[:6]
