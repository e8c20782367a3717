"""Word choice: loaded language; the descriptors (titles, epithets, appositives) and the actions
(verbs, adjectives) an article attaches to each actor; naming per referent and outlet; distinctive
vocabulary between outlets.

The family's scoring function and metrics are in :data:`compare.scores.FAMILIES` (``FAMILY`` here);
the public functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

from ..._lazy import attach

_LAZY = {
    "loaded_language": "._wordchoice",
    "actor_labels": "._wordchoice",
    "actor_actions": "._wordchoice",
    "LABEL_COLUMNS": "._wordchoice",
    "ACTION_COLUMNS": "._wordchoice",
    "LabelRules": "._labels",
    "distinctive_words": "._vocabulary",
    "naming_table": "._naming",
    "find_terms": "._naming",
    "contested_terms": "._naming",
    "wilson_interval": "._naming",
    "NAMING_COLUMNS": "._naming",
    "TERM_COLUMNS": "._naming",
    "log_odds_dirichlet": "._vocabulary",
    "word_counts": "._vocabulary",
    "VOCABULARY_COLUMNS": "._vocabulary",
    "DEFAULT_RULES": "._labels",
    "DESCRIPTOR_KINDS": "._labels",
    "ACTION_KINDS": "._labels",
    "label_table": "._wordchoice",
    "LOADED_THRESHOLD": "._wordchoice",
    "loaded_spans": "._loaded",
    "LoadedSpan": "._loaded_lexicon",
}

__all__ = ["FAMILY", *sorted(_LAZY)]  # noqa: PLE0604

_getattr, __dir__ = attach(__name__, _LAZY, extra=("FAMILY",))


def __getattr__(name: str) -> Any:
    if name == "FAMILY":
        from .._registry import FAMILIES

        return FAMILIES["wordchoice"]
    return _getattr(name)
