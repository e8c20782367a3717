"""The building blocks of the score registry: :class:`Metric`, :class:`Family`, :class:`FamilyResult`.

A family scores a :class:`~compare.text.Document` and returns a :class:`FamilyResult`; its
:class:`Metric` descriptions say what each number means. The families themselves are listed in one
fixed table, :data:`compare.scores.FAMILIES` (``_registry.py``), never registered by importing a
module.

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

import importlib
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ..actors import Mention
    from ..model import Article
    from ..text import Document

__all__ = ["Family", "FamilyResult", "Metric", "empty_result"]


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
    label : str
        The name people read in reports, tables and figures ("Flesch reading ease"); the metric's
        name when empty.
    unit : str
        The unit of a value, for labels ("per 100 words", "share of sentences", "-1 to 1"), or "".
    """

    name: str
    family: str
    level: str = "article"
    range: tuple[float, float] = (-math.inf, math.inf)
    direction: str = ""
    description: str = ""
    references: tuple[str, ...] = ()
    headline: bool = False
    label: str = ""
    unit: str = ""

    @property
    def display(self) -> str:
        """The label with its unit, for a column head or an axis: "Loaded words (per 100 words)"."""
        label = self.label or self.name.replace("_", " ")
        return f"{label} ({self.unit})" if self.unit else label


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
    """A score family: its metrics, and where its scoring function lives.

    Parameters
    ----------
    name : str
    metrics : tuple of Metric
    implementation : str
        The module that defines ``score(doc, *, article=None, mentions=None, options=None) ->
        FamilyResult``; it is imported on the first call, so listing a family costs nothing.
        ``article`` gives metadata (outlet, title) where a family needs it; ``mentions`` are the
        article's actor mentions, found once per article by the pipeline (a family that needs them
        and gets None finds them itself); ``options`` is a mapping of family options.
    reads : tuple of str
        What the family reads besides the Document: ``"mentions"``, ``"article"``.
    tables : tuple of str
        The tables its results add rows to.
    description : str
    references : tuple of str
    """

    name: str
    metrics: tuple[Metric, ...]
    implementation: str
    reads: tuple[str, ...] = ()
    tables: tuple[str, ...] = ()
    description: str = ""
    references: tuple[str, ...] = ()

    @property
    def score(self) -> Callable[..., FamilyResult]:
        """The scoring function (imports the implementation module on first use)."""
        return importlib.import_module(self.implementation).score  # type: ignore[no-any-return]

    def __call__(
        self,
        doc: Document,
        *,
        article: Article | None = None,
        mentions: Sequence[Mention] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> FamilyResult:
        return self.score(doc, article=article, mentions=mentions, options=options or {})
