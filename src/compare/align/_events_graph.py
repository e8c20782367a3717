"""Blocked nearest-neighbour search and constrained agglomeration (private).

The rows handed in are sorted by day (undated rows last). Each chunk of rows is compared, with
one sparse matrix product, only with the rows whose day lies within the window (plus the undated
rows); undated rows are compared with every row. The ``k`` best neighbours of each row above a
floor become candidate edges. Agglomeration is average linkage over this sparse graph: the
similarity of two clusters is the sum of their candidate-edge similarities divided by the number
of article pairs between them (pairs that are not candidates count as 0), and two clusters that
would put two articles of one outlet together are never merged when that is forbidden.
"""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["agglomerate", "candidate_edges"]

#: Upper bound on the entries of one dense block of similarities (float32: 4 bytes each).
_BLOCK_ENTRIES = 4_000_000


def candidate_edges(
    x: sp.csr_matrix,
    days: np.ndarray,
    outlets: np.ndarray,
    *,
    window: float,
    k: int,
    floor: float,
    forbid_same_outlet: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return symmetric candidate edges ``(i, j, sim)`` with ``i < j``, deduplicated.

    ``days`` is float with NaN for undated rows, which must come last; dated rows are sorted.
    """
    n = x.shape[0]
    dated = ~np.isnan(days)
    n_dated = int(dated.sum())
    undated_idx = np.arange(n_dated, n)
    xt = x.T.tocsr()
    src_all: list[np.ndarray] = []
    dst_all: list[np.ndarray] = []
    sim_all: list[np.ndarray] = []

    def emit(rows: np.ndarray, cols: np.ndarray) -> None:
        block = (x[rows] @ xt[:, cols]).tocsr()
        r, c, v = _top_k_sparse(
            block,
            rows,
            cols,
            days,
            outlets,
            window=window,
            k=k,
            floor=floor,
            forbid_same_outlet=forbid_same_outlet,
        )
        src_all.append(r)
        dst_all.append(c)
        sim_all.append(v)

    lo = 0
    while lo < n_dated:
        # Grow the chunk while its candidate block stays small.
        step = 256
        while True:
            hi = min(n_dated, lo + step)
            c_lo = int(np.searchsorted(days[:n_dated], days[lo] - window, side="left"))
            c_hi = int(np.searchsorted(days[:n_dated], days[hi - 1] + window, side="right"))
            width = c_hi - c_lo + undated_idx.size
            if hi == n_dated or (hi - lo) * 2 * width > _BLOCK_ENTRIES or step >= 4096:
                break
            step *= 2
        while (hi - lo) > 1 and (hi - lo) * width > _BLOCK_ENTRIES:
            hi = lo + max(1, (hi - lo) // 2)
            c_lo = int(np.searchsorted(days[:n_dated], days[lo] - window, side="left"))
            c_hi = int(np.searchsorted(days[:n_dated], days[hi - 1] + window, side="right"))
            width = c_hi - c_lo + undated_idx.size
        cols = np.concatenate((np.arange(c_lo, c_hi), undated_idx))
        emit(np.arange(lo, hi), cols)
        lo = hi
    if undated_idx.size:
        every = np.arange(n)
        step = max(1, _BLOCK_ENTRIES // max(n, 1))
        for lo in range(n_dated, n, step):
            emit(np.arange(lo, min(n, lo + step)), every)

    if not src_all:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0, dtype=np.float32)
    src = np.concatenate(src_all).astype(np.int64)
    dst = np.concatenate(dst_all).astype(np.int64)
    sim = np.concatenate(sim_all).astype(np.float32)
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    key = a * n + b
    key, first = np.unique(key, return_index=True)
    return a[first], b[first], sim[first]


def agglomerate(
    n: int,
    a: np.ndarray,
    b: np.ndarray,
    sim: np.ndarray,
    outlets: np.ndarray,
    *,
    threshold: float,
    forbid_same_outlet: bool,
    days: np.ndarray | None = None,
    window: float = float("inf"),
    initial: np.ndarray | None = None,
    k_norm: int | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Average-linkage agglomeration over a sparse graph, with cannot-link between outlets.

    When ``days`` is given (float, NaN for undated rows), two clusters are merged only if the dated
    members of the union span at most ``window`` days: the window holds for every pair of dated
    articles in a cluster, so an undated article never bridges two dated ones further apart.
    ``initial`` (a label per row) starts from those clusters instead of single rows. ``k_norm``
    bounds the number of pairs the summed similarity is divided by to ``k_norm`` per member of
    the smaller cluster (each row has only about that many candidate edges), so that two large
    clusters of one story can still merge; None divides by every pair (plain average linkage).

    Returns ``(labels, confidence)``: a cluster label per row (the smallest row in the cluster)
    and, per row, the mean candidate similarity to the other members of its cluster (NaN when it
    has no candidate edge inside its cluster).
    """
    if days is None:
        days = np.full(n, np.nan)
    base = np.arange(n) if initial is None else np.unique(initial, return_inverse=True)[1].ravel()
    m_clusters = int(base.max(initial=-1)) + 1
    ca, cb = base[a], base[b]
    keep = ca != cb
    ca, cb, cs = np.minimum(ca[keep], cb[keep]), np.maximum(ca[keep], cb[keep]), sim[keep].astype(np.float64)
    # adjacency: cluster -> {neighbour cluster: summed similarity}
    adj: list[dict[int, float] | None] = [{} for _ in range(m_clusters)]
    for i, j, s in zip(ca.tolist(), cb.tolist(), cs.tolist(), strict=True):
        adj[i][j] = adj[i].get(j, 0.0) + s
        adj[j][i] = adj[j].get(i, 0.0) + s
    size = np.bincount(base, minlength=m_clusters).tolist()
    members: list[list[int] | None] = [[] for _ in range(m_clusters)]
    for row, c in enumerate(base.tolist()):
        members[c].append(row)
    outset: list[set | None] = [set() for _ in range(m_clusters)]
    for o, c in zip(outlets.tolist(), base.tolist(), strict=True):
        outset[c].add(o)
    lo_day = [np.nan] * m_clusters  # NaN while a cluster has no dated member
    hi_day = [np.nan] * m_clusters
    for d, c in zip(days.astype(np.float64).tolist(), base.tolist(), strict=True):
        lo_day[c], hi_day[c] = _nan_min(lo_day[c], d), _nan_max(hi_day[c], d)

    def link_of(total: float, si: int, sj: int) -> float:
        pairs = si * sj
        if k_norm is not None:
            pairs = min(pairs, k_norm * min(si, sj))
        return total / pairs

    # Heap of (-link, lo, hi). Entries go stale when a cluster grows; a popped entry is checked
    # against the current link and pushed back with it if it changed (links to clusters that did
    # not take part in a merge only fall, so this lazy update keeps the heap order exact).
    heap: list[tuple[float, int, int]] = []
    for i in range(m_clusters):
        for j, w in adj[i].items():
            if i < j:
                link = link_of(w, size[i], size[j])
                if link >= threshold:
                    heap.append((-link, i, j))
    heapq.heapify(heap)
    while heap:
        neg, i, j = heapq.heappop(heap)
        ai = adj[i]
        if ai is None or adj[j] is None:
            continue
        total = ai.get(j)
        if total is None:
            continue
        link = link_of(total, size[i], size[j])
        if link != -neg:
            if link >= threshold:
                heapq.heappush(heap, (-link, i, j))
            continue
        if forbid_same_outlet and not outset[i].isdisjoint(outset[j]):
            continue
        span_lo, span_hi = _nan_min(lo_day[i], lo_day[j]), _nan_max(hi_day[i], hi_day[j])
        if span_hi - span_lo > window:  # NaN (no dated member) compares False
            continue
        # merge the smaller cluster into the larger (ties: into the lower id)
        if size[j] > size[i]:
            i, j = j, i
        ai, aj = adj[i], adj[j]
        ai.pop(j, None)
        aj.pop(i, None)
        size[i] += size[j]
        si = size[i]
        for m, w in aj.items():
            new = ai.get(m, 0.0) + w
            ai[m] = new
            am = adj[m]
            del am[j]
            am[i] = new
            link = link_of(new, si, size[m])
            if link >= threshold:
                heapq.heappush(heap, (-link, i, m) if i < m else (-link, m, i))
        members[i].extend(members[j])
        outset[i] |= outset[j]
        lo_day[i], hi_day[i] = span_lo, span_hi
        members[j] = None
        outset[j] = None
        adj[j] = None

    labels = np.empty(n, dtype=np.int64)
    for i in range(m_clusters):
        if members[i] is not None:
            labels[members[i]] = min(members[i])
    # confidence: mean candidate similarity to co-members
    same = labels[a] == labels[b]
    tot = np.bincount(a[same], weights=sim[same], minlength=n) + np.bincount(
        b[same], weights=sim[same], minlength=n
    )
    cnt = np.bincount(a[same], minlength=n) + np.bincount(b[same], minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        conf = np.where(cnt > 0, tot / np.maximum(cnt, 1), np.nan)
    return labels, conf


def _nan_min(a: float, b: float) -> float:
    """The smaller of two days, ignoring NaN (NaN only when both are)."""
    if a != a:  # noqa: PLR0124 - NaN test without a function call
        return b
    return a if b != b or a <= b else b  # noqa: PLR0124


def _nan_max(a: float, b: float) -> float:
    """The larger of two days, ignoring NaN (NaN only when both are)."""
    if a != a:  # noqa: PLR0124
        return b
    return a if b != b or a >= b else b  # noqa: PLR0124


def _top_k_sparse(
    s: sp.csr_matrix,
    rows: np.ndarray,
    cols: np.ndarray,
    days: np.ndarray,
    outlets: np.ndarray,
    *,
    window: float,
    k: int,
    floor: float,
    forbid_same_outlet: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Top-``k`` admissible entries per row of a sparse similarity block, at least ``floor``."""
    lengths = np.diff(s.indptr)
    r = np.repeat(np.arange(rows.size), lengths)
    c = s.indices
    v = s.data
    ok = v >= floor
    gr, gc = rows[r], cols[c]
    ok &= gr != gc
    if forbid_same_outlet:
        ok &= outlets[gr] != outlets[gc]
    with np.errstate(invalid="ignore"):
        ok &= ~(np.abs(days[gr] - days[gc]) > window)
    r, c, v = r[ok], c[ok], v[ok]
    if not r.size:
        return r, c, v
    order = np.lexsort((c, -v, r))
    r, c, v = r[order], c[order], v[order]
    starts = np.searchsorted(r, r, side="left")
    keep = (np.arange(r.size) - starts) < k
    return rows[r[keep]], cols[c[keep]], v[keep]
