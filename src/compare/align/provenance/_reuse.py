"""Text reuse by winnowing over hashed word n-grams (private).

Each article's words become 64-bit hashes of word n-grams ("shingles"); winnowing keeps the
minimum hash of every window of ``window`` consecutive shingles as the article's fingerprints
(Schleimer, Wilkerson & Aiken 2003), which guarantees that any shared run of at least
``ngram + window - 1`` words leaves a shared fingerprint. An inverted index from fingerprint to
articles yields candidate pairs without comparing every pair of texts; each candidate pair is then
verified on all its shingles, and matching shingles on one diagonal are merged into passages.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from ..._accel import speedups
from ...text import Document

__all__ = ["Fingerprinted", "candidate_pairs", "fingerprint", "match_pair"]

_MASK = np.uint64(0xFFFFFFFFFFFFFFFF)
_MULT = np.uint64(0x9E3779B97F4A7C15)
_token_cache: dict[str, int] = {}


def _token_hash(word: str) -> int:
    h = _token_cache.get(word)
    if h is None:
        b = word.encode("utf-8")
        h = (zlib.crc32(b) << 32) | zlib.crc32(b, 0x5BD1E995)
        if len(_token_cache) < 500_000:
            _token_cache[word] = h
    return h


@dataclass(frozen=True, eq=False)
class Fingerprinted:
    """One article's shingles: hashes, token offsets and winnowed fingerprints."""

    shingles: np.ndarray  # uint64, one per n-gram start
    tok_start: np.ndarray  # char offset of each word token
    tok_end: np.ndarray
    fingerprints: np.ndarray  # unique uint64 fingerprint hashes
    span_chars: int  # chars from first to last token


def fingerprint(doc: Document, *, ngram: int, window: int) -> Fingerprinted:
    """Hash the word n-grams of ``doc`` and winnow them (compiled kernel when built)."""
    fast = speedups()
    if fast is None:
        return _fingerprint_py(doc, ngram=ngram, window=window)
    shingles, starts, ends, minima = fast.reuse_shingles(
        doc.token_texts,
        doc.token_kinds,
        doc.token_starts,
        doc.token_ends,
        ngram,
        window,
        _token_cache,
        _token_hash,
    )
    span = int(ends[-1] - starts[0]) if len(starts) else 0
    return Fingerprinted(shingles, starts, ends, np.unique(minima), span)


def _fingerprint_py(doc: Document, *, ngram: int, window: int) -> Fingerprinted:
    """The pure-Python :func:`fingerprint` (the specification of the compiled kernel)."""
    toks = [t for t in doc.tokens if t.kind != "punct"]
    starts = np.fromiter((t.start for t in toks), dtype=np.int64, count=len(toks))
    ends = np.fromiter((t.end for t in toks), dtype=np.int64, count=len(toks))
    span = int(ends[-1] - starts[0]) if len(toks) else 0
    n_sh = len(toks) - ngram + 1
    if n_sh <= 0:
        empty = np.zeros(0, dtype=np.uint64)
        return Fingerprinted(empty, starts, ends, empty, span)
    th = np.fromiter(
        (_token_hash(t.text.lower().replace("’", "'")) for t in toks), dtype=np.uint64, count=len(toks)
    )
    h = np.zeros(n_sh, dtype=np.uint64)
    for k in range(ngram):
        h = (h * _MULT + th[k : k + n_sh]) & _MASK
    h ^= h >> np.uint64(31)
    h = (h * _MULT) & _MASK
    h ^= h >> np.uint64(29)
    if n_sh <= window:
        fps = np.unique(h[[int(np.argmin(h))]])
    else:
        view = np.lib.stride_tricks.sliding_window_view(h, window)
        pos = view.argmin(axis=1) + np.arange(len(view))
        fps = np.unique(h[pos])
    return Fingerprinted(h, starts, ends, fps, span)


def candidate_pairs(prints: list[Fingerprinted], *, min_shared: int, max_df: int) -> list[tuple[int, int]]:
    """Pairs of article indices sharing at least ``min_shared`` fingerprints.

    Fingerprints found in more than ``max_df`` articles (boilerplate) are ignored, which bounds the
    work per fingerprint, so the cost grows with the number of fingerprints, not of article pairs.
    """
    if not prints:
        return []
    hashes = np.concatenate([p.fingerprints for p in prints])
    owners = np.concatenate([np.full(len(p.fingerprints), i, dtype=np.int64) for i, p in enumerate(prints)])
    if len(hashes) == 0:
        return []
    order = np.lexsort((owners, hashes))
    hashes, owners = hashes[order], owners[order]
    cuts = np.flatnonzero(np.diff(hashes)) + 1
    bounds = np.concatenate([[0], cuts, [len(hashes)]])
    sizes = np.diff(bounds)
    counts: Counter[tuple[int, int]] = Counter()
    for g in np.flatnonzero((sizes >= 2) & (sizes <= max_df)):
        members = owners[bounds[g] : bounds[g + 1]].tolist()
        for a_i in range(len(members)):
            a = members[a_i]
            for b in members[a_i + 1 :]:
                counts[(a, b)] += 1
    return sorted(pair for pair, c in counts.items() if c >= min_shared)


def _positions(h: np.ndarray) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for i, v in enumerate(h.tolist()):
        out[v].append(i)
    return out


def _union_chars(intervals: list[tuple[int, int]]) -> int:
    total, cur_s, cur_e = 0, -1, -1
    for s, e in sorted(intervals):
        if s > cur_e:
            total += max(0, cur_e - cur_s)
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    return total + max(0, cur_e - cur_s)


def match_pair(a: Fingerprinted, b: Fingerprinted, *, ngram: int, max_repeat: int = 4) -> dict:
    """Shared passages of two fingerprinted texts and the share of each that they cover."""
    common = np.intersect1d(a.shingles, b.shingles, assume_unique=False)
    if len(common) == 0:
        return {"passages": [], "a_chars": 0, "b_chars": 0}
    common_set = set(common.tolist())
    a_sel = np.flatnonzero(np.isin(a.shingles, common))
    b_pos: dict[int, list[int]] = defaultdict(list)
    for j in np.flatnonzero(np.isin(b.shingles, common)).tolist():
        b_pos[int(b.shingles[j])].append(j)
    hits: list[tuple[int, int]] = []
    for i in a_sel.tolist():
        v = int(a.shingles[i])
        if v not in common_set:
            continue
        js = b_pos[v]
        if len(js) > max_repeat:
            continue
        hits.extend((j - i, i) for j in js)
    hits.sort()
    passages = []
    run_start = None
    prev_d = prev_i = None
    for d, i in [*hits, (None, None)]:
        if run_start is not None and (d != prev_d or i != prev_i + 1):
            i0, i1 = run_start, prev_i + ngram - 1
            j0, j1 = i0 + prev_d, i1 + prev_d
            passages.append(
                (int(a.tok_start[i0]), int(a.tok_end[i1]), int(b.tok_start[j0]), int(b.tok_end[j1]))
            )
            run_start = None
        if d is None:
            break
        if run_start is None:
            run_start = i
        prev_d, prev_i = d, i
    passages.sort()
    return {
        "passages": passages,
        "a_chars": _union_chars([(p[0], p[1]) for p in passages]),
        "b_chars": _union_chars([(p[2], p[3]) for p in passages]),
    }
