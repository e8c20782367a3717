"""Readability: textstat's formulas with its exact numbers, offline, and the same formulas on the
Document's sentences (``*_docsents``).

The family's scoring function and metrics are in :data:`compare.scores.FAMILIES` (``FAMILY`` here);
the public functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

from ..._lazy import attach

_LAZY = {
    "readability_scores": "._readability",
    "flesch_reading_ease": "._readability",
    "flesch_kincaid_grade": "._readability",
    "gunning_fog": "._readability",
    "smog_index": "._readability",
    "coleman_liau_index": "._readability",
    "automated_readability_index": "._readability",
    "dale_chall_readability_score": "._readability",
    "linsear_write_formula": "._readability",
    "text_standard": "._readability",
}

__all__ = ["FAMILY", *sorted(_LAZY)]  # noqa: PLE0604

_getattr, __dir__ = attach(__name__, _LAZY, extra=("FAMILY",))


def __getattr__(name: str) -> Any:
    if name == "FAMILY":
        from .._registry import FAMILIES

        return FAMILIES["readability"]
    return _getattr(name)
