"""media-compare: compare how news outlets covered the same event.

The core API:

- :func:`read_corpus` reads article folders, JSONL / CSV / Parquet, saved HTML pages and research
  datasets into a :class:`Corpus` of :class:`Article`;
- :func:`analyze_text` cuts a text once into a :class:`~compare.text.Document` (sentences, tokens,
  quotes with offsets);
- :func:`analyze` scores and aligns a corpus into :class:`Results` (tidy DataFrames with evidence
  offsets).

Score families live in :mod:`compare.scores`, alignment in :mod:`compare.align`, statistics in
:mod:`compare.stats`, figures in :mod:`compare.plotting` and reports in :mod:`compare.report`.
Heavy modules are imported only when used, so ``import compare`` is fast.
"""

from __future__ import annotations

import importlib
from typing import Any

from .exceptions import CompareError, CompareWarning, FieldError, InvalidInputError, ReadError, SchemaError
from .model import Article, Corpus, Rejection
from .text import Document, analyze_text

__version__ = "0.1.0"

_LAZY = {
    "read_corpus": "compare.io",
    "analyze": "compare.pipeline",
    "Results": "compare.results",
    "RunConfig": "compare.config",
    "load_results": "compare.results",
    "bundled_corpus": "compare.io",
}

__all__ = [
    "Article",
    "CompareError",
    "CompareWarning",
    "Corpus",
    "Document",
    "FieldError",
    "InvalidInputError",
    "ReadError",
    "Rejection",
    "Results",
    "RunConfig",
    "SchemaError",
    "__version__",
    "analyze",
    "analyze_text",
    "bundled_corpus",
    "load_results",
    "read_corpus",
]


#: Subpackages and modules reachable as attributes (``compare.scores.frames(text)``), imported on first use.
_SUBMODULES = frozenset(
    {
        "actors",
        "align",
        "analysis",
        "caches",
        "config",
        "distributed",
        "io",
        "model",
        "pipeline",
        "plotting",
        "report",
        "results",
        "scores",
        "stats",
        "text",
    }
)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    msg = f"module 'compare' has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted({*__all__, *_SUBMODULES})
