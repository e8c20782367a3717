"""The framing family's metrics: what each number means, its range, direction and sources."""

from __future__ import annotations

import math

from .._base import Metric
from ._lexicon import FRAMES, HALF_DENSITY

__all__ = ["DESCRIPTION", "FRAME_METRICS", "METRICS", "REFERENCES"]

_REFERENCES = (
    (
        "Semetko, H. A. & Valkenburg, P. M. (2000). Framing European politics: A content analysis of "
        "press and television news. Journal of Communication, 50(2), 93-109."
    ),
)

#: frame -> article metric name
FRAME_METRICS: dict[str, str] = {f: f"frame_{f}" for f in FRAMES}

_DESCRIPTIONS = {
    "conflict": "disagreement between parties, reproach, two sides, winners and losers",
    "human_interest": "a human face or example, emotions, personal stories, private lives",
    "economic": "financial losses or gains, costs, economic consequences",
    "morality": "a moral message, God and religion, social prescriptions",
    "responsibility": "government able to alleviate or responsible, solutions, urgency of action",
}

def _metrics() -> tuple[Metric, ...]:
    article = tuple(
        Metric(
            name=FRAME_METRICS[f],
            family="framing",
            range=(0.0, 1.0),
            direction=f"higher = more {f.replace('_', ' ')} framing cues per word",
            description=f"{f.replace('_', ' ').capitalize()} frame score: {_DESCRIPTIONS[f]} "
            f"(1 - 2^(-density/{HALF_DENSITY[f]}), density = weighted cues per 100 words).",
            references=_REFERENCES,
            headline=True,
        )
        for f in FRAMES
    )
    sentence = tuple(
        Metric(
            name=f"frame_{f}_cues",
            family="framing",
            level="sentence",
            range=(0.0, math.inf),
            direction=f"higher = more {f.replace('_', ' ')} cues in the sentence",
            description=f"Number of {f.replace('_', ' ')} frame cues in the sentence.",
            references=_REFERENCES,
        )
        for f in FRAMES
    )
    return article + sentence


METRICS: tuple[Metric, ...] = _metrics()


DESCRIPTION = "Generic news frames (Semetko & Valkenburg 2000) from documented cue lexicons."
REFERENCES: tuple[str, ...] = _REFERENCES
