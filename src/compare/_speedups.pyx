# cython: language_level=3, boundscheck=False, wraparound=False, initializedcheck=False, cdivision=True
"""Compiled kernels (Cython), optional: :mod:`compare._accel` selects them when this extension
was built and ``MEDIA_COMPARE_PURE_PYTHON`` is not set, else the pure-Python versions.

Each kernel here has a pure-Python twin that is the specification; ``tests/test_accel.py`` runs
both on the same inputs and asserts identical outputs. Keep a kernel only if it is measurably
faster on its step (``benchmarks/bench_accel.py``).
"""

import numpy as np

from libc.stdint cimport int64_t, uint64_t

__all__ = ["reuse_shingles"]

cdef uint64_t _MULT = 0x9E3779B97F4A7C15ULL


def reuse_shingles(tuple texts, tuple kinds, tuple starts, tuple ends, Py_ssize_t ngram,
                   Py_ssize_t window, dict cache, object token_hash):
    """Word-token offsets, n-gram shingle hashes and winnowed minima of one Document.

    Twin of the pure-Python body of :func:`compare.align.provenance._reuse.fingerprint`; returns
    ``(shingles, tok_start, tok_end, minima)`` where ``minima`` still has to go through
    ``np.unique``.
    """
    cdef Py_ssize_t n_all = len(texts), n = 0, i, j, k, n_sh, s
    cdef uint64_t v, m
    for i in range(n_all):
        if kinds[i] != "punct":
            n += 1
    tok_start = np.empty(n, dtype=np.int64)
    tok_end = np.empty(n, dtype=np.int64)
    th = np.empty(n, dtype=np.uint64)
    cdef int64_t[::1] ms = tok_start
    cdef int64_t[::1] me = tok_end
    cdef uint64_t[::1] mth = th
    j = 0
    for i in range(n_all):
        if kinds[i] == "punct":
            continue
        ms[j] = starts[i]
        me[j] = ends[i]
        word = (<str>texts[i]).lower()
        if "’" in word:
            word = word.replace("’", "'")
        h = cache.get(word)
        if h is None:
            h = token_hash(word)
        mth[j] = <uint64_t>h
        j += 1
    n_sh = n - ngram + 1
    if n_sh <= 0:
        empty = np.zeros(0, dtype=np.uint64)
        return empty, tok_start, tok_end, empty
    shingles = np.zeros(n_sh, dtype=np.uint64)
    cdef uint64_t[::1] msh = shingles
    for s in range(n_sh):
        v = 0
        for k in range(ngram):
            v = v * _MULT + mth[s + k]
        v ^= v >> 31
        v = v * _MULT
        v ^= v >> 29
        msh[s] = v
    cdef Py_ssize_t n_win = n_sh - window + 1 if n_sh > window else 1
    cdef Py_ssize_t width = window if n_sh > window else n_sh
    minima = np.empty(n_win, dtype=np.uint64)
    cdef uint64_t[::1] mmin = minima
    for s in range(n_win):
        m = msh[s]
        for k in range(1, width):
            if msh[s + k] < m:
                m = msh[s + k]
        mmin[s] = m
    return shingles, tok_start, tok_end, minima
