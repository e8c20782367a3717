"""The shipped target-sentiment classifier (private): weights and prediction.

A multinomial logistic regression over the features of :mod:`._target_features`, trained on
NewsMTSC ``train.jsonl`` (Hamborg & Donnay, EACL 2021; MIT licence) by
``benchmarks/train_target_sentiment.py`` and shipped as JSON (``compare/data/target_sentiment.json``:
feature name -> one coefficient per class). It is loaded on first use; prediction is numpy only
(no scikit-learn): the features of a whole batch, one product with the dense weights and one
look-up of the binary features' keys in the model's sorted keys.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from importlib import resources
from typing import Any, NamedTuple

import numpy as np

from ._target_features import DENSE, VaderFn, Vocab, build_vocab, feature_key, features, make_batch

__all__ = ["CLASSES", "MODEL_FILE", "Model", "load_model", "predict", "predict_batch"]

MODEL_FILE = "target_sentiment.json"
CLASSES = ("negative", "neutral", "positive")


class Model(NamedTuple):
    """The classifier in the form prediction needs."""

    vocab: Vocab
    intercept: Any  # (3,)
    dense: Any  # (len(DENSE), 3)
    keys: Any  # sorted int64 keys of the binary features
    weights: Any  # (len(keys) + 1, 3); the last row, zeros, for keys outside the model
    meta: dict[str, Any]  # everything else the file holds (C, class weight, ...)


def model_from_weights(data: dict[str, Any]) -> Model:
    """A :class:`Model` from the file's content (``intercept``; ``weights``: name -> 3 coefficients).

    Dense features are named as in :data:`._target_features.DENSE`; every other name is a binary
    feature (``"L:word"``, ``"L2:word word"``).
    """
    weights = data["weights"]
    dense = np.zeros((len(DENSE), 3))
    index = {name: i for i, name in enumerate(DENSE)}
    sparse = {}
    for name, coef in weights.items():
        if name in index:
            dense[index[name]] = coef
        else:
            sparse[name] = coef
    words = set()
    for name in sparse:
        words.update(name.partition(":")[2].split(" "))
    vocab = build_vocab(words)
    pairs = sorted((feature_key(name, vocab), coef) for name, coef in sparse.items())
    keys = np.array([k for k, _ in pairs], dtype=np.int64)
    mat = np.zeros((len(pairs) + 1, 3))
    if pairs:
        mat[:-1] = np.array([c for _, c in pairs], dtype=float)
    meta = {k: v for k, v in data.items() if k not in ("weights", "intercept")}
    return Model(vocab, np.asarray(data["intercept"], dtype=float), dense, keys, mat, meta)


@functools.cache
def load_model() -> Model:
    """The shipped model (read once per process)."""
    text = (resources.files("compare") / "data" / MODEL_FILE).read_text(encoding="utf-8")
    return model_from_weights(json.loads(text))


def predict_batch(batch: Any, model: Model | None = None) -> Any:
    """Class probabilities (negative, neutral, positive) of every target of a batch, (n, 3)."""
    mdl = model if model is not None else load_model()
    f = features(batch, mdl.vocab)
    z = f.dense @ mdl.dense + mdl.intercept
    if len(f.key) and len(mdl.keys):
        pos = np.minimum(np.searchsorted(mdl.keys, f.key), len(mdl.keys) - 1)
        row = np.where(mdl.keys[pos] == f.key, pos, len(mdl.keys))
        flat = (f.owner[:, None] * 3 + np.arange(3)).ravel()  # (target, class) of each weight
        z += np.bincount(flat, weights=mdl.weights[row].ravel(), minlength=3 * len(z)).reshape(-1, 3)
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def predict(items: Sequence[tuple[Any, int, int, int]], vader: VaderFn, model: Model | None = None) -> Any:
    """Class probabilities of targets ``(doc, sentence, start, end)`` (see :func:`make_batch`)."""
    if not items:
        return np.zeros((0, 3))
    return predict_batch(make_batch(items, vader), model)
