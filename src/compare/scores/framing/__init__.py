"""Framing: the five generic news frames of Semetko & Valkenburg (2000) from documented cue lexicons,
and a trainable classifier for a researcher's own coding scheme.

The family's scoring function and metrics are in :data:`compare.scores.FAMILIES` (``FAMILY`` here);
the public functions below are imported on first use.
"""

from __future__ import annotations

from typing import Any

from ..._lazy import attach

_LAZY = {
    "frames": "._framing",
    "frame_evidence": "._framing",
    "FRAMES": "._framing",
    "FRAME_METRICS": "._framing",
    "HALF_DENSITY": "._framing",
    "PRESENCE_THRESHOLD": "._framing",
    "FrameClassifier": "._classifier",
    "cross_validate_frames": "._classifier",
}

__all__ = ["FAMILY", *sorted(_LAZY)]  # noqa: PLE0604

_getattr, __dir__ = attach(__name__, _LAZY, extra=("FAMILY",))


def __getattr__(name: str) -> Any:
    if name == "FAMILY":
        from .._registry import FAMILIES

        return FAMILIES["framing"]
    return _getattr(name)
