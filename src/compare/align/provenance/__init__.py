"""Provenance: who cites whom, and who reuses whose text.

- :func:`find_citations` finds citations of other outlets in one text ("citing The Wall Street
  Journal", "told CNN", "according to Reuters", "(AP) —") and tells references to the article's own
  outlet ("As The Gaze reported earlier", "Read more on the Gaze") apart from sources;
- :func:`text_reuse` finds passages shared between articles by winnowing hashed word n-grams,
  with the likely direction of reuse by publication date;
- :func:`provenance_labels` labels each article ``original``, ``re-report`` or ``copy``;
- :func:`provenance_table` returns all of these tables for a corpus, plus the citation graph;
- :func:`provenance_features` is the per-article part (citations and fingerprint), which
  :func:`compare.analyze` computes once when it analyses an article, so that the corpus-level
  tables never read the texts again.

Every row that rests on text carries character offsets into ``Article.text``.
"""

from __future__ import annotations

from ..._lazy import attach

_LAZY = dict.fromkeys(
    (
        "CITATION_COLUMNS",
        "GRAPH_COLUMNS",
        "LABEL_COLUMNS",
        "REUSE_COLUMNS",
        "Gazetteer",
        "ProvenanceFeatures",
        "find_citations",
        "load_gazetteer",
        "provenance_features",
        "provenance_labels",
        "provenance_table",
        "text_reuse",
    ),
    "._provenance",
)

__all__ = sorted(_LAZY)  # noqa: PLE0605

__getattr__, __dir__ = attach(__name__, _LAZY)
