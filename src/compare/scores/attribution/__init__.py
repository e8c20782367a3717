"""Attribution: who is given voice. Cues, sources, contents and source types of every attribution
(a two-stage model learned from PolNeAR, with rules for content spans and source types).

The family's scoring function and metrics are in :data:`compare.scores.FAMILIES` (``FAMILY`` here);
the public functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

from ..._lazy import attach

_LAZY = {
    "attributions": "._attribution",
    "extract_attributions": "._attribution",
    "Attribution": "._attribution",
    "SOURCE_TYPES": "._attribution",
}

__all__ = ["FAMILY", *sorted(_LAZY)]  # noqa: PLE0604

_getattr, __dir__ = attach(__name__, _LAZY, extra=("FAMILY",))


def __getattr__(name: str) -> Any:
    if name == "FAMILY":
        from .._registry import FAMILIES

        return FAMILIES["attribution"]
    return _getattr(name)
