"""Sparse TF-IDF vectors for event clustering (private).

Stateless hashing (scikit-learn's :class:`~sklearn.feature_extraction.text.HashingVectorizer`) keeps
memory bounded and lets the corpus be vectorised in chunks; the document frequencies are then
counted over the whole corpus, so the IDF weights do not depend on the order of the articles.
Headline and lead are counted again with extra weight, and each vector is pruned to its most
heavily weighted terms, which keeps the sparse products of the neighbour search cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["event_vectors"]

_N_FEATURES = 2**20
_CHUNK = 4096
#: Digits and punctuation become spaces: numbers, dates and punctuation say little about the event.
_SEPARATORS = str.maketrans(
    dict.fromkeys(
        "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’«»„‹›–—…•·§¶°±×÷€£¥¢\u00a0",
        " ",
    )
)


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


def _analyzer(text: str) -> list[str]:
    """Lower-cased words of two or more letters, English stop words removed."""
    stop = _stop_words()
    return [w for w in text.lower().translate(_SEPARATORS).split() if len(w) > 1 and w not in stop]


def _vectorizer():
    from sklearn.feature_extraction.text import HashingVectorizer

    return HashingVectorizer(
        n_features=_N_FEATURES,
        alternate_sign=False,
        norm=None,
        analyzer=_analyzer,
        dtype=np.float32,
    )


def event_vectors(
    titles: Sequence[str],
    texts: Sequence[str],
    *,
    title_weight: float,
    lead_weight: float,
    lead_chars: int,
    max_chars: int,
    max_terms: int,
) -> sp.csr_matrix:
    """Return L2-normalised, pruned TF-IDF rows (float32 CSR), one per article.

    Term counts are ``title_weight * title + lead_weight * lead + body`` where ``lead`` is the first
    ``lead_chars`` characters of the text and ``body`` the first ``max_chars``; term frequency is
    sublinear (``1 + log tf``), IDF is smoothed (``log((1 + n) / (1 + df)) + 1``).
    """
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    vec = _vectorizer()
    n = len(texts)
    blocks = []
    for lo in range(0, n, _CHUNK):
        hi = min(n, lo + _CHUNK)
        body = vec.transform([t[:max_chars] for t in texts[lo:hi]])
        counts = body
        if lead_weight:
            counts = counts + lead_weight * vec.transform([t[:lead_chars] for t in texts[lo:hi]])
        if title_weight:
            counts = counts + title_weight * vec.transform(titles[lo:hi])
        counts = sp.csr_matrix(counts, dtype=np.float32)
        counts.sum_duplicates()
        counts.eliminate_zeros()
        blocks.append(counts)
    counts = sp.vstack(blocks, format="csr") if len(blocks) > 1 else blocks[0]
    df = np.bincount(counts.indices, minlength=_N_FEATURES)
    idf = (np.log((1.0 + n) / (1.0 + df)) + 1.0).astype(np.float32)
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    pruned = _prune_rows(counts, max_terms)
    return normalize(pruned, norm="l2", copy=False)


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
