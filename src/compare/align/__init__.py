"""Alignment: which articles cover the same event, which claims they share, who re-reports whom.

- :func:`align_events` groups a corpus into stories and their developments (:mod:`compare.align.events`),
  from the per-article :func:`story_features`;
- :func:`align_claims` aligns claims (sentences) within an event (:mod:`compare.align.claims`), and
  :func:`omission_scores` scores how much of a story each outlet leaves out;
- :func:`find_citations`, :func:`text_reuse` and :func:`provenance_table` trace citations of other
  outlets and reused text (:mod:`compare.align.provenance`).

The submodules are imported on first use, so ``import compare.align`` stays cheap.
"""

from __future__ import annotations

from .._lazy import attach

_LAZY = {
    "EVENT_COLUMNS": ".events",
    "align_events": ".events",
    "StoryFeatures": ".events",
    "story_features": ".events",
    "text_story_features": ".events",
    "ClaimAlignment": ".claims",
    "ClaimSentence": ".claims",
    "align_claims": ".claims",
    "claim_features": ".claims",
    "OMISSION_COLUMNS": "._omission",
    "omission_scores": "._omission",
    "ProvenanceFeatures": ".provenance",
    "find_citations": ".provenance",
    "load_gazetteer": ".provenance",
    "provenance_features": ".provenance",
    "provenance_labels": ".provenance",
    "provenance_table": ".provenance",
    "text_reuse": ".provenance",
}

__all__ = sorted(_LAZY)  # noqa: PLE0605 - the lazily imported public names

__getattr__, __dir__ = attach(__name__, _LAZY)
