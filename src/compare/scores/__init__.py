"""Score families: readability, sentiment, attribution, framing and word choice.

Every family registers its metrics in :data:`SCORERS` (metric name -> :class:`Metric`, with range,
direction and references) and itself in :data:`FAMILIES`. Family modules are imported on first use,
so ``import compare.scores`` stays cheap.

Public functions (each takes plain text, or a :class:`~compare.text.Document`):

- readability: :func:`readability_scores` and the single formulas (``flesch_reading_ease``, ...);
- sentiment: :func:`sentence_sentiment`, :func:`target_sentiment`;
- attribution: :func:`attributions`;
- framing: :func:`frames`, :class:`FrameClassifier`, :func:`cross_validate_frames`;
- word choice: :func:`loaded_language`, :func:`actor_labels`.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._registry import FAMILIES, SCORERS, Family, FamilyResult, Metric, register

#: family name -> module that defines it, imported by :func:`load_families`.
FAMILY_MODULES: dict[str, str] = {
    "readability": "compare.scores.readability",
    "sentiment": "compare.scores.sentiment",
    "attribution": "compare.scores.attribution",
    "framing": "compare.scores.framing",
    "wordchoice": "compare.scores.wordchoice",
}

# public name -> module that defines it (imported lazily by __getattr__)
_LAZY: dict[str, str] = {
    "readability_scores": "compare.scores.readability",
    "flesch_reading_ease": "compare.scores.readability",
    "flesch_kincaid_grade": "compare.scores.readability",
    "gunning_fog": "compare.scores.readability",
    "smog_index": "compare.scores.readability",
    "coleman_liau_index": "compare.scores.readability",
    "automated_readability_index": "compare.scores.readability",
    "dale_chall_readability_score": "compare.scores.readability",
    "linsear_write_formula": "compare.scores.readability",
    "text_standard": "compare.scores.readability",
    "sentence_sentiment": "compare.scores.sentiment",
    "target_sentiment": "compare.scores.sentiment",
    "attributions": "compare.scores.attribution",
    "frames": "compare.scores.framing",
    "frame_evidence": "compare.scores.framing",
    "FrameClassifier": "compare.scores.frame_classifier",
    "cross_validate_frames": "compare.scores.frame_classifier",
    "loaded_language": "compare.scores.wordchoice",
    "actor_labels": "compare.scores.wordchoice",
    "label_table": "compare.scores.wordchoice",
}

__all__ = [  # noqa: PLE0604 - the lazily imported public names are added below
    "FAMILIES",
    "FAMILY_MODULES",
    "SCORERS",
    "Family",
    "FamilyResult",
    "Metric",
    "load_families",
    "ordered_metrics",
    "register",
    *sorted(_LAZY),
]


def load_families(names: list[str] | tuple[str, ...] | None = None) -> dict[str, Family]:
    """Import the family modules (all, or ``names``) and return the registered families.

    Raises
    ------
    compare.exceptions.InvalidInputError
        If a name is not a known family.
    """
    from ..exceptions import InvalidInputError

    wanted = list(FAMILY_MODULES) if names is None else list(names)
    unknown = [n for n in wanted if n not in FAMILY_MODULES]
    if unknown:
        msg = f"Unknown score families {unknown!r}; known families are {list(FAMILY_MODULES)!r}."
        raise InvalidInputError(msg)
    for name in wanted:
        importlib.import_module(FAMILY_MODULES[name])
    return {n: FAMILIES[n] for n in wanted if n in FAMILIES}


def ordered_metrics() -> dict[str, Metric]:
    """Every registered metric, ordered by family (as in :data:`FAMILY_MODULES`) then definition.

    Loads all families first, so the result does not depend on which modules were imported
    before: reports and tables built from it are the same in every process.

    Returns
    -------
    dict
        Metric name -> :class:`Metric`.
    """
    return {m.name: m for family in load_families().values() for m in family.metrics}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = importlib.import_module(_LAZY[name])
        return getattr(module, name)
    msg = f"module 'compare.scores' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
