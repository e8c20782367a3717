"""Alignment: which articles cover the same event, which claims they share, who re-reports whom.

- :func:`align_events` groups a corpus into same-event clusters (:mod:`compare.align.events`);
- :func:`align_claims` aligns claims (sentences) within an event (:mod:`compare.align.claims`);
- :func:`find_citations`, :func:`text_reuse` and :func:`provenance_table` trace citations of other
  outlets and reused text (:mod:`compare.align.provenance`).

The submodules are imported on first use, so ``import compare.align`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "EVENT_COLUMNS": "compare.align.events",
    "align_events": "compare.align.events",
    "ClaimAlignment": "compare.align.claims",
    "align_claims": "compare.align.claims",
    "find_citations": "compare.align.provenance",
    "load_gazetteer": "compare.align.provenance",
    "provenance_labels": "compare.align.provenance",
    "provenance_table": "compare.align.provenance",
    "text_reuse": "compare.align.provenance",
}

__all__ = sorted(_LAZY)  # noqa: PLE0605 - the lazily imported public names


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module 'compare.align' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted(__all__)
