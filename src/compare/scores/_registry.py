"""The registry of score families and metrics.

Each family module (``readability``, ``sentiment``, ``attribution``, ``framing``) defines one
:class:`Family`: a function that scores a :class:`~compare.text.Document` and returns a
:class:`FamilyResult`, plus the :class:`Metric` descriptions of everything it reports. Registering
it (:func:`register`) puts the family in :data:`FAMILIES` and each metric in :data:`SCORERS`, where
the pipeline, the report and the common tests (``tests/scores/test_common.py``) find them.

A :class:`FamilyResult` has three parts:

``article``
    metric name -> value for the whole article (``NaN`` when undefined, never ``0.0``);
``sentences``
    metric name -> list with one value per sentence of the Document;
``tables``
    table name -> list of row dicts. Known tables: ``"evidence"`` (the words behind a score:
    ``metric, start, end, text, weight`` and optionally ``sentence``, ``label``), ``"actors"`` (one
    row per canonical actor: ``actor`` plus family columns), ``"attributions"``, ``"labels"``.
    The pipeline adds ``article_id`` to every row.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..actors import Mention
    from ..model import Article
    from ..text import Document

__all__ = ["FAMILIES", "SCORERS", "Family", "FamilyResult", "Metric", "empty_result", "register"]


@dataclass(frozen=True)
class Metric:
    """What a metric measures.

    Parameters
    ----------
    name : str
        Column name in the results, unique across families (e.g. ``"flesch_reading_ease"``).
    family : str
    level : {"article", "sentence"}
        ``"sentence"`` metrics appear per sentence *and* are not required at article level.
    range : (float, float)
        Closed interval of possible values (``-inf``/``inf`` allowed).
    direction : str
        What a higher value means ("higher = easier to read").
    description : str
    references : tuple of str
        Papers or software to cite.
    headline : bool
        Shown in report summaries.
    """

    name: str
    family: str
    level: str = "article"
    range: tuple[float, float] = (-math.inf, math.inf)
    direction: str = ""
    description: str = ""
    references: tuple[str, ...] = ()
    headline: bool = False


@dataclass
class FamilyResult:
    """What a family returns for one Document (see the module docstring)."""

    article: dict[str, float] = field(default_factory=dict)
    sentences: dict[str, list[float]] = field(default_factory=dict)
    tables: dict[str, list[dict[str, Any]]] = field(default_factory=dict)


def empty_result(metrics: tuple[Metric, ...]) -> FamilyResult:
    """A result with every article metric NaN and no rows (for empty text)."""
    return FamilyResult(article={m.name: math.nan for m in metrics if m.level == "article"})


@dataclass(frozen=True)
class Family:
    """A score family.

    Parameters
    ----------
    name : str
    score : callable
        ``score(doc, *, article=None, mentions=None, options=None) -> FamilyResult``. ``article``
        gives metadata (outlet, title) where a family needs it; ``mentions`` are the article's
        actor mentions, found once per article by the pipeline (a family that needs them and gets
        None finds them itself); ``options`` is a mapping of family options.
    metrics : tuple of Metric
    description : str
    references : tuple of str
    """

    name: str
    score: Callable[..., FamilyResult]
    metrics: tuple[Metric, ...]
    description: str = ""
    references: tuple[str, ...] = ()

    def __call__(
        self,
        doc: Document,
        *,
        article: Article | None = None,
        mentions: Sequence[Mention] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> FamilyResult:
        return self.score(doc, article=article, mentions=mentions, options=options or {})


#: family name -> Family
FAMILIES: dict[str, Family] = {}
#: metric name -> Metric, over all families
SCORERS: dict[str, Metric] = {}


def register(family: Family) -> Family:
    """Add ``family`` and its metrics to the registry; return it (usable at module level)."""
    for metric in family.metrics:
        other = SCORERS.get(metric.name)
        if other is not None and other.family != family.name:
            msg = f"Metric {metric.name!r} of family {family.name!r} is already registered by {other.family!r}."
            raise ValueError(msg)
    FAMILIES[family.name] = family
    for metric in family.metrics:
        SCORERS[metric.name] = metric
    return family
