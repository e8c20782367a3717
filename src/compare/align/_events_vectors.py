"""Sparse vectors for event clustering (private), built from per-article story features.

Stateless hashing (scikit-learn's :class:`~sklearn.feature_extraction.text.HashingVectorizer`) keeps memory
bounded and lets the corpus be vectorised in chunks; the document frequencies are then counted over
the whole corpus, so the IDF weights do not depend on the order of the articles. Each term vector
is pruned to its most heavily weighted terms, which keeps the sparse products of the neighbour
search cheap. Names and numbers get binary IDF-weighted vectors of their own.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

    from ._events_features import StoryFeatures

__all__ = ["background_frequencies", "event_vectors", "prune_rows"]

_N_FEATURES = 2**20
_CHUNK = 4096


def _split(text: str) -> list[str]:
    return text.split()


def _hashed(texts: Sequence[str], *, binary: bool = False) -> sp.csr_matrix:
    """Hashed word counts of space-separated words (float32 CSR), in chunks."""
    import scipy.sparse as sp
    from sklearn.feature_extraction.text import HashingVectorizer

    vec = HashingVectorizer(
        n_features=_N_FEATURES,
        analyzer=_split,
        alternate_sign=False,
        norm=None,
        binary=binary,
        dtype=np.float32,
    )
    blocks = [vec.transform(texts[lo : lo + _CHUNK]) for lo in range(0, len(texts), _CHUNK)]
    if not blocks:
        return sp.csr_matrix((0, _N_FEATURES), dtype=np.float32)
    m = sp.vstack(blocks, format="csr") if len(blocks) > 1 else sp.csr_matrix(blocks[0])
    m.sum_duplicates()
    m.eliminate_zeros()
    return m


def background_frequencies(df: Mapping[str, int]) -> np.ndarray:
    """Document frequencies of a background corpus (word -> count) as a hashed array."""
    words = list(df)
    out = np.zeros(_N_FEATURES, dtype=np.float64)
    if words:
        m = _hashed(words, binary=True).tocoo()
        np.add.at(out, m.col, np.asarray([df[w] for w in words], dtype=np.float64)[m.row])
    return out


def _tfidf(
    counts: sp.csr_matrix, *, sublinear: bool, background: tuple[int, np.ndarray] | None = None
) -> sp.csr_matrix:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=_N_FEATURES).astype(np.float64)
    if background is not None:  # pooled with a background corpus: a corpus of one story keeps its words
        n += background[0]
        df += background[1]
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    if sublinear:
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    else:
        counts.data = idf[counts.indices]
    return counts


def event_vectors(
    features: Sequence[StoryFeatures],
    *,
    title_weight: float,
    lead_weight: float,
    max_terms: int,
    background: Mapping[str, Any] | None = None,
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """Return L2-normalised rows (float32 CSR) of terms (TF-IDF, pruned), names and numbers.

    Term counts are ``title_weight * title + lead_weight * lead + body``; term frequency is
    sublinear (``1 + log tf``), IDF is smoothed (``log((1 + n) / (1 + df)) + 1``); names and
    numbers are binary times IDF. ``background`` (``n_documents``, hashed ``terms`` and ``names``
    document frequencies) is pooled with the corpus's own frequencies: in a corpus that is mostly
    one story, the story's words stay informative.
    """
    bg_terms = bg_names = None
    if background is not None:
        bg_terms = (int(background["n_documents"]), background["terms"])
        bg_names = (int(background["n_documents"]), background["names"])
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    counts = _hashed([f.body for f in features])
    if lead_weight:
        counts = counts + lead_weight * _hashed([f.lead for f in features])
    if title_weight:
        counts = counts + title_weight * _hashed([f.title for f in features])
    counts = sp.csr_matrix(counts, dtype=np.float32)
    counts.sum_duplicates()
    counts.eliminate_zeros()
    terms = normalize(
        prune_rows(_tfidf(counts, sublinear=True, background=bg_terms), max_terms), norm="l2", copy=False
    )
    names = normalize(
        _tfidf(_hashed([f.names for f in features], binary=True), sublinear=False, background=bg_names),
        copy=False,
    )
    numbers = normalize(
        _tfidf(_hashed([f.numbers for f in features], binary=True), sublinear=False), copy=False
    )
    return terms, names, numbers


def prune_rows(x: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the ``k`` largest entries of each row (ties broken by column index)."""
    import scipy.sparse as sp

    x.sort_indices()
    lengths = np.diff(x.indptr)
    if k <= 0 or lengths.max(initial=0) <= k:
        return x
    keep = np.ones(x.nnz, dtype=bool)
    data, indptr = x.data, x.indptr
    for row in np.flatnonzero(lengths > k).tolist():
        lo, hi = indptr[row], indptr[row + 1]
        drop = np.argsort(-data[lo:hi], kind="stable")[k:]
        keep[lo + drop] = False
    new_lengths = np.minimum(lengths, k)
    indptr = np.concatenate(([0], np.cumsum(new_lengths)))
    return sp.csr_matrix((x.data[keep], x.indices[keep], indptr), shape=x.shape)
