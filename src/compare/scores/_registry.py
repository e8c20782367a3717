"""The fixed table of score families and their metrics.

Every family is listed here, with its metrics (read from the family's light ``_metrics`` module)
and the module that implements it (imported only when the family first scores a Document). The
table does not depend on which modules a process has imported, so the pipeline, the report and a
worker process all see the same :data:`FAMILIES` and :data:`SCORERS`.
"""

from __future__ import annotations

from dataclasses import replace

from ._base import Family, Metric
from ._display import DISPLAY
from .attribution import _metrics as _attribution
from .framing import _metrics as _framing
from .readability import _metrics as _readability
from .sentiment import _metrics as _sentiment
from .wordchoice import _metrics as _wordchoice

__all__ = ["ALL_FAMILIES", "FAMILIES", "SCORERS"]

_TABLE: tuple[Family, ...] = (
    Family(
        name="readability",
        metrics=_readability.METRICS,
        implementation="compare.scores.readability._readability",
        description=_readability.DESCRIPTION,
        references=_readability.REFERENCES,
    ),
    Family(
        name="sentiment",
        metrics=_sentiment.METRICS,
        implementation="compare.scores.sentiment._sentiment",
        reads=("mentions",),
        tables=("actors", "evidence"),
        description=_sentiment.DESCRIPTION,
        references=_sentiment.REFERENCES,
    ),
    Family(
        name="attribution",
        metrics=_attribution.METRICS,
        implementation="compare.scores.attribution._attribution",
        reads=("mentions", "article"),
        tables=("attributions", "actors", "evidence"),
        description=_attribution.DESCRIPTION,
        references=_attribution.REFERENCES,
    ),
    Family(
        name="framing",
        metrics=_framing.METRICS,
        implementation="compare.scores.framing._framing",
        tables=("evidence",),
        description=_framing.DESCRIPTION,
        references=_framing.REFERENCES,
    ),
    Family(
        name="wordchoice",
        metrics=_wordchoice.METRICS,
        implementation="compare.scores.wordchoice._wordchoice",
        reads=("mentions",),
        tables=("labels", "actors", "evidence"),
        description=_wordchoice.DESCRIPTION,
        references=_wordchoice.REFERENCES,
    ),
)

def _labelled(family: Family) -> Family:
    """The family with each metric's label and unit from :data:`._display.DISPLAY`."""
    metrics = tuple(
        replace(m, label=m.label or DISPLAY[m.name][0], unit=m.unit or DISPLAY[m.name][1])
        if m.name in DISPLAY
        else m
        for m in family.metrics
    )
    return replace(family, metrics=metrics)


_TABLE = tuple(map(_labelled, _TABLE))

#: Family names, in the order a run scores them.
ALL_FAMILIES: tuple[str, ...] = tuple(f.name for f in _TABLE)
#: family name -> Family
FAMILIES: dict[str, Family] = {f.name: f for f in _TABLE}
#: metric name -> Metric, over all families, in family then definition order
SCORERS: dict[str, Metric] = {m.name: m for f in _TABLE for m in f.metrics}

if len(SCORERS) != sum(len(f.metrics) for f in _TABLE):  # pragma: no cover - a programming error
    raise RuntimeError("two families define a metric of the same name")
