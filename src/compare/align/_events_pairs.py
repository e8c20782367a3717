"""Pair model of event alignment (private): features of candidate pairs and their probability.

A candidate pair (two articles among each other's nearest neighbours) is described by features that
do not depend on one corpus's scale of similarity: the TF-IDF cosine and the same cosine relative to
each article's best match (short texts have low cosines throughout, so the relative one carries
over), shared names and numbers, the date gap, whether both articles are each other's best match
among the other's outlet (the one-to-one structure of per-outlet coverage) and the same outlet.
Two logistic regressions on these features, fitted by
``benchmarks/train_events.py`` and shipped as ``compare/data/event_pairs.json``, give the
probability that two articles report the same development (``coef``, ``intercept``) and that two
developments (their centroids) belong to the same story (``story``: ``coef``, ``intercept``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["PAIR_FEATURES", "load_pair_model", "pair_features", "pair_probability"]

#: Names of the pair features, in the order of the columns of :func:`pair_features`.
PAIR_FEATURES: tuple[str, ...] = (
    "cosine",
    "relative_cosine",
    "names",
    "numbers",
    "gap_days",
    "undated",
    "same_outlet",
    "mutual_best",
)

#: The gap in days is capped here (pairs further apart than the story window are never candidates).
_GAP_CAP = 14.0


def _row_cosines(m: sp.csr_matrix, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosine of rows ``a[k]`` and ``b[k]`` of an L2-normalised CSR matrix, for every k."""
    if not a.size:
        return np.zeros(0, dtype=np.float64)
    out = np.empty(a.size, dtype=np.float64)
    step = 200_000
    for lo in range(0, a.size, step):
        hi = min(a.size, lo + step)
        prod = m[a[lo:hi]].multiply(m[b[lo:hi]])
        out[lo:hi] = np.asarray(prod.sum(axis=1)).ravel()
    return out


def pair_features(
    a: np.ndarray,
    b: np.ndarray,
    sim: np.ndarray,
    *,
    names: sp.csr_matrix,
    numbers: sp.csr_matrix,
    days: np.ndarray,
    outlets: np.ndarray,
) -> np.ndarray:
    """Feature matrix (pairs x :data:`PAIR_FEATURES`) of the candidate pairs ``(a, b, sim)``."""
    n = days.size
    sim = sim.astype(np.float64)
    best = np.zeros(n, dtype=np.float64)
    if a.size:
        np.maximum.at(best, a, sim)
        np.maximum.at(best, b, sim)
    with np.errstate(invalid="ignore", divide="ignore"):
        rel = np.where(sim > 0, sim / np.maximum(best[a], best[b]), 0.0)
    # one-to-one: b is a's best among b's outlet, and a is b's best among a's outlet
    n_out = int(outlets.max(initial=0)) + 1
    best_by = np.zeros(n * n_out, dtype=np.float64) if n * n_out <= 50_000_000 else None
    if best_by is not None and a.size:
        np.maximum.at(best_by, a * n_out + outlets[b], sim)
        np.maximum.at(best_by, b * n_out + outlets[a], sim)
        mutual = (sim >= best_by[a * n_out + outlets[b]]) & (sim >= best_by[b * n_out + outlets[a]])
    else:
        mutual = np.zeros(a.size, dtype=bool)
    gap = np.abs(days[a] - days[b])
    undated = np.isnan(gap)
    gap = np.where(undated, 0.0, np.minimum(gap, _GAP_CAP)) / 7.0
    return np.column_stack(
        (
            sim,
            rel,
            _row_cosines(names, a, b),
            _row_cosines(numbers, a, b),
            gap,
            undated.astype(np.float64),
            (outlets[a] == outlets[b]).astype(np.float64),
            mutual.astype(np.float64),
        )
    )


@lru_cache(maxsize=1)
def _shipped() -> dict[str, Any]:
    text = resources.files("compare.data").joinpath("event_pairs.json").read_text(encoding="utf-8")
    return _prepare(json.loads(text))


def load_pair_model(model: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The pair model: the one given (a mapping as in the JSON file) or the shipped one."""
    return dict(_shipped()) if model is None else _prepare(model)


def _prepare(model: Mapping[str, Any]) -> dict[str, Any]:
    spec = dict(model)
    names = tuple(spec.get("features", ()))
    if names != PAIR_FEATURES:
        msg = f"The event pair model has features {names!r}; align_events expects {PAIR_FEATURES!r}."
        raise ValueError(msg)
    spec["coef"] = np.asarray(spec["coef"], dtype=np.float64)
    story = dict(spec["story"])
    story["coef"] = np.asarray(story["coef"], dtype=np.float64)
    if story["coef"].shape != (len(PAIR_FEATURES),) or spec["coef"].shape != (len(PAIR_FEATURES),):
        msg = f"The event pair model must have {len(PAIR_FEATURES)} weights per level."
        raise ValueError(msg)
    spec["story"] = story
    bg = spec.get("background")
    if bg is not None and "terms" not in bg:
        from ._events_vectors import background_frequencies

        spec["background"] = {
            "n_documents": int(bg["n_documents"]),
            "terms": background_frequencies(bg["df"]),
            "names": background_frequencies(bg["names_df"]),
        }
    return spec


def pair_probability(x: np.ndarray, model: Mapping[str, Any]) -> np.ndarray:
    """Probability of the same story for each row of :func:`pair_features`."""
    z = x @ np.asarray(model["coef"], dtype=np.float64) + float(model["intercept"])
    return 1.0 / (1.0 + np.exp(-z))
