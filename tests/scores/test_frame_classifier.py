"""Tests of FrameClassifier and cross_validate_frames (compare.scores.framing._classifier)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.utils.estimator_checks import parametrize_with_checks

from compare.exceptions import CompareWarning, InvalidInputError
from compare.scores import FrameClassifier, cross_validate_frames

_CONFLICT = [
    "Critics slammed the minister and opponents accused him of lying.",
    "The rivals clashed in parliament as the dispute deepened.",
    "Protesters condemned the deal and the opposition rejected it.",
    "The two parties traded blame in a bitter feud over the vote.",
]
_ECONOMIC = [
    "The plan will cost taxpayers billions and prices will rise.",
    "Jobs were lost as the economy slowed and the budget deficit grew.",
    "Investors worried about profits, wages and the cost of loans.",
    "The tax increase will hit consumers and small businesses.",
]
_NEUTRAL = [
    "The museum opens at nine and closes at five on weekdays.",
    "The river runs past the old mill in the green valley.",
    "The festival features music, food stalls and a parade.",
    "The library added a reading room on the second floor.",
]
TEXTS = (_CONFLICT + _ECONOMIC + _NEUTRAL) * 3
LABELS = (["conflict"] * 4 + ["economic"] * 4 + ["none"] * 4) * 3
MULTI = pd.DataFrame(
    {
        "conflict": ([1] * 4 + [0] * 4 + [0] * 4) * 3,
        "economic": ([0] * 4 + [1] * 4 + [0] * 4) * 3,
    }
)


# sklearn's common checks feed numeric arrays; a text classifier rejects them by design. These are the
# checks that need numeric X (or numeric-only behaviour), so they cannot apply to a text estimator.
_NUMERIC_X = "needs numeric 2-D X; FrameClassifier takes texts (a list or Series of str)"
_EXPECTED_FAILED = dict.fromkeys(
    [
        "check_estimators_dtypes",
        "check_fit_score_takes_y",
        "check_sample_weight_equivalence_on_dense_data",
        "check_sample_weight_equivalence_on_sparse_data",
        "check_sample_weights_not_an_array",
        "check_sample_weights_list",
        "check_sample_weights_shape",
        "check_sample_weights_not_overwritten",
        "check_estimators_fit_returns_self",
        "check_complex_data",
        "check_dtype_object",
        "check_estimators_empty_data_messages",
        "check_pipeline_consistency",
        "check_estimators_nan_inf",
        "check_estimators_overwrite_params",
        "check_estimator_sparse_array",
        "check_estimator_sparse_matrix",
        "check_estimator_sparse_tag",
        "check_estimators_pickle",
        "check_f_contiguous_array_estimator",
        "check_classifier_data_not_an_array",
        "check_classifiers_one_label",
        "check_classifiers_classes",
        "check_classifiers_train",
        "check_classifiers_regression_target",
        "check_supervised_y_2d",
        "check_decision_proba_consistency",
        "check_requires_y_none",
        "check_n_features_in_after_fitting",
        "check_fit_check_is_fitted",
        "check_n_features_in",
        "check_fit2d_predict1d",
        "check_methods_subset_invariance",
        "check_fit2d_1sample",
        "check_fit2d_1feature",
        "check_fit1d",
        "check_methods_sample_order_invariance",
        "check_classifier_multioutput",
        "check_classifiers_multilabel_representation_invariance",
        "check_classifiers_multilabel_output_format_predict",
        "check_classifiers_multilabel_output_format_predict_proba",
        "check_classifiers_multilabel_output_format_decision_function",
        "check_readonly_memmap_input",
        "check_dont_overwrite_parameters",
        "check_positive_only_tag_during_fit",
        "check_dict_unchanged",
        "check_class_weight_classifiers",
        "check_fit_idempotent",
    ],
    _NUMERIC_X,
)


#: a small model for fast tests (no character n-grams)
FAST = {"min_df": 1, "char_ngram_range": None}


def _expected_failed(_estimator):
    return _EXPECTED_FAILED


@parametrize_with_checks([FrameClassifier(**FAST)], expected_failed_checks=_expected_failed)
def test_sklearn_compatible(estimator, check):
    check(estimator)


def test_params_stored_unchanged_and_clone():
    clf = FrameClassifier(word_ngram_range=(1, 3), char_ngram_range=None, C=3.0, threshold=0.4, min_df=1)
    params = clf.get_params()
    assert params["word_ngram_range"] == (1, 3)
    assert params["char_ngram_range"] is None
    assert params["threshold"] == 0.4
    other = clone(clf)
    assert other.get_params() == params
    assert not hasattr(other, "estimators_")


def test_multiclass_fit_predict():
    clf = FrameClassifier(**FAST, threshold=0.5)
    assert clf.fit(TEXTS, LABELS) is clf
    assert list(clf.classes_) == ["conflict", "economic", "none"]
    pred = clf.predict(
        ["Opponents attacked and condemned the minister.", "Prices and taxes rose, costing jobs."]
    )
    assert list(pred) == ["conflict", "economic"]
    proba = clf.predict_proba(TEXTS[:5])
    assert proba.shape == (5, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0)
    assert clf.decision_function(TEXTS[:5]).shape == (5, 3)


def test_multilabel_dataframe_and_array():
    clf = FrameClassifier(**FAST, inner_cv=3, random_state=0).fit(pd.Series(TEXTS), MULTI)
    assert list(clf.classes_) == ["conflict", "economic"]
    assert clf.thresholds_.shape == (2,)
    assert ((clf.thresholds_ > 0) & (clf.thresholds_ < 1)).all()
    pred = clf.predict(TEXTS)
    assert pred.shape == (len(TEXTS), 2)
    assert (pred == MULTI.to_numpy()).mean() > 0.9
    proba = clf.predict_proba(TEXTS)
    assert proba.shape == (len(TEXTS), 2)
    assert ((proba >= 0) & (proba <= 1)).all()
    dec = clf.decision_function(TEXTS)
    np.testing.assert_array_equal(pred, (dec >= 0).astype(int))
    arr = FrameClassifier(**FAST, threshold=0.5).fit(TEXTS, MULTI.to_numpy())
    assert list(arr.classes_) == [0, 1]


def test_binary_labels_and_threshold():
    y = np.array(LABELS) == "conflict"
    clf = FrameClassifier(**FAST, threshold="cv", inner_cv=3, random_state=0).fit(TEXTS, y)
    assert list(clf.classes_) == [False, True]
    assert clf.predict_proba(TEXTS).shape == (len(TEXTS), 2)
    d = clf.decision_function(TEXTS)
    assert d.shape == (len(TEXTS),)
    np.testing.assert_array_equal(clf.predict(TEXTS), d >= 0)
    assert clf.predict(TEXTS)[:4].all()


def test_lexicon_features_optional():
    with_lex = FrameClassifier(**FAST, threshold=0.5).fit(TEXTS, LABELS)
    without = FrameClassifier(**FAST, threshold=0.5, use_lexicon=False).fit(TEXTS, LABELS)
    assert with_lex.n_features_ > without.n_features_
    assert without.lexicon_mean_ is None


@pytest.mark.parametrize(
    ("X", "error", "match"),
    [
        ("one text", TypeError, "not a single str"),
        ([1, 2, 3], TypeError, "Item 0 is int"),
        (np.zeros((3, 2)), InvalidInputError, "1-D"),
        ([], InvalidInputError, "empty"),
    ],
)
def test_bad_texts(X, error, match):
    with pytest.raises(error, match=match):
        FrameClassifier().fit(X, [0, 1, 0])


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"threshold": 1.5}, "'threshold'"),
        ({"inner_cv": 1}, "'inner_cv'"),
        ({"class_weight": "x"}, "'class_weight'"),
    ],
)
def test_bad_params(params, match):
    with pytest.raises(InvalidInputError, match=match):
        FrameClassifier(**FAST, **params).fit(TEXTS, LABELS)


def test_one_class_and_bad_y():
    with pytest.raises(InvalidInputError, match="two classes"):
        FrameClassifier(**FAST).fit(TEXTS, ["x"] * len(TEXTS))
    with pytest.raises(InvalidInputError, match="one row per text"):
        FrameClassifier(**FAST).fit(TEXTS, LABELS[:-1])
    with pytest.raises(InvalidInputError, match="indicator"):
        FrameClassifier(**FAST).fit(TEXTS, np.full((len(TEXTS), 2), 2))
    y = MULTI.assign(never=0)
    with pytest.warns(CompareWarning, match="'never'"):
        clf = FrameClassifier(**FAST, threshold=0.5).fit(TEXTS, y)
    assert (clf.predict(TEXTS)[:, 2] == 0).all()


def test_unfitted_raises():
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        FrameClassifier().predict(["text"])


def test_cross_validate_frames_multilabel():
    res = cross_validate_frames(TEXTS, MULTI, cv=3, estimator=FrameClassifier(**FAST, inner_cv=2))
    assert list(res["label"]) == ["conflict", "economic", "macro"]
    assert list(res.columns) == [
        "label",
        "precision",
        "recall",
        "f1",
        "roc_auc",
        "f1_std",
        "roc_auc_std",
        "support",
        "n",
    ]
    assert (res["roc_auc"] > 0.8).all()
    assert res.loc[2, "f1"] == pytest.approx(res.loc[:1, "f1"].mean())
    assert res["n"].eq(len(TEXTS)).all()


def test_cross_validate_frames_multiclass_and_errors():
    res = cross_validate_frames(TEXTS, LABELS, cv=3, estimator=FrameClassifier(**FAST, threshold=0.5))
    assert list(res["label"]) == ["conflict", "economic", "none", "macro"]
    assert res["support"].iloc[:3].tolist() == [12, 12, 12]
    with pytest.raises(InvalidInputError, match="'cv'"):
        cross_validate_frames(TEXTS, LABELS, cv=1)
    with pytest.raises(InvalidInputError, match="one row per text"):
        cross_validate_frames(TEXTS, LABELS[:-2], cv=3)


def test_cross_validate_frames_rare_label_one_class_training_fold():
    # Regression: a rare label whose positives all fall in one held-out fold leaves that fold's
    # training part one-class; the constant model used to score +-inf and roc_auc_score raised
    # ValueError. Now the scores are finite and that fold's AUC is NaN, with a warning.
    from sklearn.model_selection import KFold

    first_test = next(KFold(n_splits=3, shuffle=True, random_state=0).split(TEXTS))[1]
    rare = np.zeros(len(TEXTS), dtype=int)
    rare[first_test[:3]] = 1
    y = MULTI.assign(rare=rare)
    with pytest.warns(CompareWarning) as record:  # also the fit's "only one value" warning
        res = cross_validate_frames(
            TEXTS, y, cv=3, random_state=0, estimator=FrameClassifier(**FAST, inner_cv=2)
        )
    assert any(
        "ROC AUC is undefined" in str(w.message) and "'rare' (fold 1)" in str(w.message) for w in record
    )
    row = res.set_index("label").loc["rare"]
    assert row["support"] == 3
    assert np.isfinite(res.set_index("label").loc[["conflict", "economic"], "roc_auc"]).all()
    # the one-class fold is left out; the other folds have no positives, so the AUC is undefined
    assert np.isnan(row["roc_auc"])
    with pytest.warns(CompareWarning, match="'never'"):
        clf = FrameClassifier(**FAST, threshold=0.5).fit(TEXTS, MULTI.assign(never=0))
    assert np.isfinite(clf.decision_function(TEXTS)).all()
