"""Sparse vectors for event clustering (private), built from per-article story features.

Stateless hashing (scikit-learn's :class:`~sklearn.feature_extraction.FeatureHasher`) keeps memory
bounded and lets the corpus be vectorised in chunks; the document frequencies are then counted over
the whole corpus, so the IDF weights do not depend on the order of the articles. Each term vector
is pruned to its most heavily weighted terms, which keeps the sparse products of the neighbour
search cheap. Names and numbers get binary IDF-weighted vectors of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

    from ._events_features import StoryFeatures

__all__ = ["event_vectors"]

_N_FEATURES = 2**20
_CHUNK = 4096


def _hashed(rows: Sequence[Sequence[tuple[str, float]]]) -> sp.csr_matrix:
    import scipy.sparse as sp
    from sklearn.feature_extraction import FeatureHasher

    hasher = FeatureHasher(n_features=_N_FEATURES, input_type="pair", alternate_sign=False, dtype=np.float32)
    blocks = [hasher.transform(rows[lo : lo + _CHUNK]) for lo in range(0, len(rows), _CHUNK)] or [
        sp.csr_matrix((0, _N_FEATURES), dtype=np.float32)
    ]
    m = sp.vstack(blocks, format="csr") if len(blocks) > 1 else sp.csr_matrix(blocks[0])
    m.sum_duplicates()
    m.eliminate_zeros()
    return m


def _tfidf(counts: sp.csr_matrix, *, sublinear: bool) -> sp.csr_matrix:
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=_N_FEATURES)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    if sublinear:
        counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    else:
        counts.data = np.ones_like(counts.data) * idf[counts.indices]
    return counts


def event_vectors(
    features: Sequence[StoryFeatures], *, max_terms: int
) -> tuple[sp.csr_matrix, sp.csr_matrix, sp.csr_matrix]:
    """Return L2-normalised rows (float32 CSR) of terms (TF-IDF, pruned), names and numbers.

    Term frequency is sublinear (``1 + log tf``) on the weighted counts, IDF is smoothed
    (``log((1 + n) / (1 + df)) + 1``); names and numbers are binary times IDF.
    """
    from sklearn.preprocessing import normalize

    terms = _tfidf(_hashed([f.terms for f in features]), sublinear=True)
    terms = normalize(_prune_rows(terms, max_terms), norm="l2", copy=False)
    names = normalize(
        _tfidf(_hashed([[(w, 1.0) for w in f.names] for f in features]), sublinear=False), copy=False
    )
    numbers = normalize(
        _tfidf(_hashed([[(w, 1.0) for w in f.numbers] for f in features]), sublinear=False), copy=False
    )
    return terms, names, numbers


def _prune_rows(x: sp.csr_matrix, k: int) -> sp.csr_matrix:
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
