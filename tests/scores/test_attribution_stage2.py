"""Tests of the attribution cue tagger's second stage (sentence-context re-scoring)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from compare.scores.attribution import _features as F
from compare.scores.attribution import _model as M
from compare.text import analyze_text


def _cands(text: str):
    model = M.default_model()
    doc = analyze_text(text)
    prep = M.prepare(doc, model)
    idx = M.cue_candidates(prep)
    return doc, prep, idx, model


def test_stage2_features_shape_and_empty():
    _doc, prep, idx, _ = _cands("Officials said the plan would fail.")
    X = F.stage2_features(prep, idx, np.full(len(idx), 2.0))
    assert X.shape == (len(idx), len(F.STAGE2_NAMES))
    empty = F.stage2_features(prep, np.zeros(0, dtype=np.int64), np.zeros(0))
    assert empty.shape == (0, len(F.STAGE2_NAMES))


def test_stage2_competitors_are_per_sentence():
    text = "Smith said the plan was dead. Jones said the vote would come soon enough."
    doc, prep, idx, _ = _cands(text)
    said = [k for k, i in enumerate(idx.tolist()) if doc.tokens[i].text == "said"]
    assert len(said) == 2
    z = np.full(len(idx), -5.0)
    z[said] = 5.0  # two confident cues, one per sentence
    X = F.stage2_features(prep, idx, z)
    col = F.STAGE2_NAMES.index
    # a strong cue in another sentence is no competitor
    assert X[said, col("n_other_strong=1")].sum() == 0
    assert X[said, col("rank=0")].all()

    text2 = "Smith said on Monday that the reporters said nothing about the plan."
    doc2, prep2, idx2, _ = _cands(text2)
    said2 = [k for k, i in enumerate(idx2.tolist()) if doc2.tokens[i].text == "said"]
    z2 = np.full(len(idx2), -5.0)
    z2[said2] = 5.0
    X2 = F.stage2_features(prep2, idx2, z2)
    # the two "said" are more than 3 tokens apart in one sentence: each sees the other
    assert X2[said2, col("n_other_strong=1")].all()
    assert X2[said2[0], col("before_strongest_other")] == 1.0
    assert X2[said2[1], col("before_strongest_other")] == 0.0


def test_shipped_model_has_second_stage_and_it_is_used():
    model = M.default_model()
    assert model.cue_stage2 is not None
    assert model.cue_stage2.shape == (len(F.STAGE2_NAMES) + 1,)
    doc = analyze_text('"We will win," Smith said, and the aides said nothing about the polls.')
    prep = M.prepare(doc, model)
    i1, p1 = M.cue_probs(prep, model)
    i0, p0 = M.cue_probs(prep, dataclasses.replace(model, cue_stage2=None))
    assert np.array_equal(i0, i1)
    assert np.all((p1 >= 0) & (p1 <= 1))
    assert not np.allclose(p0, p1)


def test_model_rejects_mismatched_second_stage():
    model = M.default_model()
    d = {
        "cue_vocab": sorted(model.cue_vocab),
        "cue_weights": {},
        "source_weights": {},
        "cue_threshold": 0.4,
        "cue_grow_threshold": 0.3,
        "source_threshold": 0.4,
        "source_grow_threshold": 0.2,
        "cue_stage2": [0.0, 1.0],
    }
    with pytest.raises(ValueError, match="second-stage"):
        M.TaggerModel.from_dict(d)
    d["cue_stage2"] = None
    assert M.TaggerModel.from_dict(d).cue_stage2 is None
