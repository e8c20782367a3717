"""A trainable frame classifier for a researcher's own hand-coded articles.

:class:`FrameClassifier` is a scikit-learn estimator whose input is raw text (a list or Series of
str). It learns any label set: one label per article (binary or multi-class, ``y`` 1-D) or several
frames per article (multi-label, ``y`` a 2-D 0/1 indicator array or DataFrame). Features are TF-IDF
word n-grams, TF-IDF character n-grams and the generic frame-lexicon features of
:mod:`compare.scores.framing` (cue densities per frame and per codebook question). Each label gets
a class-balanced logistic regression; its decision threshold is tuned by inner cross-validation to
maximise F1 (frames are often rare, so the default 0.5 threshold gives poor recall).

:func:`cross_validate_frames` reports per-label precision, recall, F1 and ROC AUC from
out-of-fold predictions.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.utils.validation import check_is_fitted

from ...exceptions import CompareWarning, InvalidInputError

__all__ = ["FrameClassifier", "cross_validate_frames"]


def _check_texts(X: Any, *, caller: str) -> list[str]:
    """Return ``X`` as a list of str; raise for anything else (numeric arrays included)."""
    if isinstance(X, str):
        msg = f"The 'X' parameter of {caller} must be a list or Series of str (one per article), not a single str."
        raise TypeError(msg)
    if isinstance(X, pd.DataFrame):
        if X.shape[1] != 1:
            msg = f"The 'X' parameter of {caller} must be one column of texts. Got a DataFrame with {X.shape[1]} columns."
            raise InvalidInputError(msg)
        X = X.iloc[:, 0]
    if isinstance(X, np.ndarray) and X.ndim != 1:
        msg = f"The 'X' parameter of {caller} must be 1-D (one text per article). Got an array of shape {X.shape}."
        raise InvalidInputError(msg)
    try:
        items = list(X)
    except TypeError as exc:
        msg = (
            f"The 'X' parameter of {caller} must be a list or Series of str. Got {type(X).__name__} instead."
        )
        raise TypeError(msg) from exc
    for i, t in enumerate(items):
        if not isinstance(t, str):
            msg = (
                f"The 'X' parameter of {caller} must hold str (article texts). "
                f"Item {i} is {type(t).__name__} instead."
            )
            raise TypeError(msg)
    if not items:
        msg = f"The 'X' parameter of {caller} is empty; at least one text is needed."
        raise InvalidInputError(msg)
    return items


def _logit(p: float) -> float:
    p = min(max(p, 1e-12), 1 - 1e-12)
    return math.log(p / (1 - p))


class FrameClassifier(ClassifierMixin, BaseEstimator):
    """Classify news articles into frames, trained on hand-coded texts.

    Parameters
    ----------
    word_ngram_range : tuple of (int, int), default=(1, 2)
        Word n-grams for the word TF-IDF block.
    char_ngram_range : tuple of (int, int) or None, default=(2, 5)
        Character n-grams (within word boundaries) for the character TF-IDF block; None drops it.
    use_lexicon : bool, default=True
        Append the frame-lexicon features (cue densities per frame and codebook question,
        standardised, scaled by ``lexicon_weight``).
    lexicon_weight : float, default=0.3
        Scale of the standardised lexicon features relative to the (unit-norm) TF-IDF blocks.
    min_df : int or float, default=2
        Minimum document frequency of an n-gram (see :class:`~sklearn.feature_extraction.text.TfidfVectorizer`).
    max_features : int or None, default=None
        Maximum n-grams per TF-IDF block.
    C : float, default=10.0
        Inverse regularisation strength of the logistic regressions.
    class_weight : "balanced", dict or None, default="balanced"
        ``"balanced"`` reweights classes inversely to their frequency; a dict is passed to the
        logistic regressions (binary and multi-label models see classes 0 and 1).
    threshold : "cv" or float, default="cv"
        Decision threshold on each label's predicted probability: ``"cv"`` tunes it by inner
        cross-validation to maximise F1 (binary and multi-label ``y``); a float in (0, 1) fixes it.
        Multi-class ``y`` always predicts the most probable class.
    inner_cv : int, default=5
        Folds of the inner cross-validation used to tune thresholds.
    random_state : int or None, default=None
        Seed of the inner cross-validation splits.

    Attributes
    ----------
    classes_ : ndarray
        Class labels (1-D ``y``) or label names (multi-label ``y``: DataFrame columns or 0..L-1).
    multilabel_ : bool
        Whether ``y`` was 2-D.
    thresholds_ : ndarray
        Probability threshold per label (per positive class for binary ``y``).
    estimators_ : list
        Fitted logistic regressions (one per label; one multinomial model for multi-class ``y``).
    word_vectorizer_, char_vectorizer_ : TfidfVectorizer or None
    lexicon_mean_, lexicon_scale_ : ndarray or None
        Standardisation of the lexicon features.
    n_features_ : int
        Number of features of the combined matrix.

    See Also
    --------
    cross_validate_frames : Out-of-fold per-label precision, recall, F1 and ROC AUC.
    compare.scores.frames : Untrained generic frame scores.

    Examples
    --------
    >>> texts = ["Critics slammed the plan.", "Prices rose and jobs were lost.",
    ...          "Opponents attacked the minister.", "The budget cost taxpayers billions."] * 3
    >>> y = ["conflict", "economic", "conflict", "economic"] * 3
    >>> clf = FrameClassifier(min_df=1, threshold=0.5).fit(texts, y)
    >>> str(clf.predict(["Rivals clashed over the plan."])[0])
    'conflict'
    """

    def __init__(
        self,
        *,
        word_ngram_range: tuple[int, int] = (1, 2),
        char_ngram_range: tuple[int, int] | None = (2, 5),
        use_lexicon: bool = True,
        lexicon_weight: float = 0.3,
        min_df: float = 2,
        max_features: int | None = None,
        C: float = 10.0,
        class_weight: str | dict[Any, float] | None = "balanced",
        threshold: str | float = "cv",
        inner_cv: int = 5,
        random_state: int | None = None,
    ) -> None:
        self.word_ngram_range = word_ngram_range
        self.char_ngram_range = char_ngram_range
        self.use_lexicon = use_lexicon
        self.lexicon_weight = lexicon_weight
        self.min_df = min_df
        self.max_features = max_features
        self.C = C
        self.class_weight = class_weight
        self.threshold = threshold
        self.inner_cv = inner_cv
        self.random_state = random_state

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        tags.classifier_tags.multi_label = True
        tags.target_tags.multi_output = True
        return tags

    # ------------------------------------------------------------------ features
    def _check_params(self) -> None:
        if not (
            self.threshold == "cv" or (isinstance(self.threshold, float | int) and 0 < self.threshold < 1)
        ):
            msg = f"The 'threshold' parameter of FrameClassifier must be 'cv' or a float in (0, 1). Got {self.threshold!r} instead."
            raise InvalidInputError(msg)
        if not (isinstance(self.inner_cv, int) and self.inner_cv >= 2):
            msg = f"The 'inner_cv' parameter of FrameClassifier must be an int >= 2. Got {self.inner_cv!r} instead."
            raise InvalidInputError(msg)
        if not (self.class_weight in ("balanced", None) or isinstance(self.class_weight, dict)):
            msg = f"The 'class_weight' parameter of FrameClassifier must be 'balanced', a dict or None. Got {self.class_weight!r} instead."
            raise InvalidInputError(msg)

    def _features(self, texts: list[str], *, fit: bool) -> Any:
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfVectorizer

        blocks = []
        if fit:
            self.word_vectorizer_ = TfidfVectorizer(
                ngram_range=tuple(self.word_ngram_range),
                min_df=self.min_df,
                max_features=self.max_features,
                sublinear_tf=True,
                strip_accents="unicode",
            )
            blocks.append(self.word_vectorizer_.fit_transform(texts))
            if self.char_ngram_range is not None:
                self.char_vectorizer_ = TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngram_range),
                    min_df=self.min_df,
                    max_features=self.max_features,
                    sublinear_tf=True,
                    strip_accents="unicode",
                )
                blocks.append(self.char_vectorizer_.fit_transform(texts))
            else:
                self.char_vectorizer_ = None
        else:
            blocks.append(self.word_vectorizer_.transform(texts))
            if self.char_vectorizer_ is not None:
                blocks.append(self.char_vectorizer_.transform(texts))
        if self.use_lexicon:
            from ._features import lexicon_features

            F = lexicon_features(texts)
            if fit:
                self.lexicon_mean_ = F.mean(axis=0)
                scale = F.std(axis=0)
                scale[scale == 0] = 1.0
                self.lexicon_scale_ = scale
            F = (F - self.lexicon_mean_) / self.lexicon_scale_
            blocks.append(sp.csr_matrix(F * (self.lexicon_weight / math.sqrt(F.shape[1]))))
        elif fit:
            self.lexicon_mean_ = None
            self.lexicon_scale_ = None
        return sp.hstack(blocks, format="csr")

    # ------------------------------------------------------------------ fit
    def _base(self, *, binary: bool = True) -> Any:
        from sklearn.linear_model import LogisticRegression

        solver = "liblinear" if binary else "lbfgs"  # liblinear: fast on few, wide samples
        return LogisticRegression(
            C=self.C, class_weight=self.class_weight, solver=solver, dual=binary, max_iter=2000
        )

    def _fit_binary(self, Z: Any, y: np.ndarray, label: Any) -> tuple[Any, float]:
        """One label: a logistic regression and its probability threshold."""
        counts = np.bincount(y, minlength=2)
        if counts.min() == 0:
            msg = f"FrameClassifier: label {label!r} has only one value in the training data; it is always predicted as {int(y[0])}."
            warnings.warn(msg, CompareWarning, stacklevel=3)
            return int(y[0]), 0.5
        if self.threshold == "cv":
            n_splits = min(self.inner_cv, int(counts.min()))
            if n_splits >= 2:
                return self._base().fit(Z, y), self._tune_threshold(Z, y, n_splits)
            return self._base().fit(Z, y), 0.5
        return self._base().fit(Z, y), float(self.threshold)

    def _tune_threshold(self, Z: Any, y: np.ndarray, n_splits: int) -> float:
        """The probability threshold that maximises F1 on inner out-of-fold predictions.

        Out-of-fold probabilities of a stratified ``n_splits``-fold split are pooled; the threshold
        is the midpoint between the F1-best score and the next lower one (so it generalises to
        unseen scores), clipped to (0.01, 0.99).
        """
        from sklearn.metrics import precision_recall_curve
        from sklearn.model_selection import StratifiedKFold

        cv = StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=self.random_state)
        oof = np.zeros(len(y))
        for train, test in cv.split(np.zeros(len(y)), y):
            if np.unique(y[train]).size < 2:
                return 0.5
            oof[test] = self._base().fit(Z[train], y[train]).predict_proba(Z[test])[:, 1]
        precision, recall, thresholds = precision_recall_curve(y, oof)
        with np.errstate(divide="ignore", invalid="ignore"):
            f1 = np.where(precision + recall > 0, 2 * precision * recall / (precision + recall), 0.0)[:-1]
        best = int(np.argmax(f1))
        below = oof[oof < thresholds[best]]
        threshold = (thresholds[best] + below.max()) / 2 if below.size else thresholds[best]
        return float(np.clip(threshold, 0.01, 0.99))

    def fit(self, X: Sequence[str] | pd.Series, y: Any) -> FrameClassifier:
        """Fit on texts ``X`` and labels ``y``.

        Parameters
        ----------
        X : list or Series of str
            Article texts.
        y : array-like of shape (n,) or (n, n_labels), or DataFrame
            One label per text (binary or multi-class), or a 0/1 indicator matrix (multi-label;
            a DataFrame's columns name the labels).

        Returns
        -------
        FrameClassifier
            ``self``, fitted.

        Raises
        ------
        TypeError
            If ``X`` is not a sequence of str.
        compare.exceptions.InvalidInputError
            If ``X`` and ``y`` differ in length, ``y`` has fewer than two classes, or a parameter
            is invalid.
        """
        self._check_params()
        texts = _check_texts(X, caller="FrameClassifier.fit")
        if isinstance(y, pd.DataFrame):
            names = np.asarray(list(y.columns), dtype=object)
            Y = y.to_numpy()
        else:
            Y = np.asarray(y)
            names = np.arange(Y.shape[1]) if Y.ndim == 2 else None
        if Y.ndim not in (1, 2) or Y.shape[0] != len(texts):
            msg = f"The 'y' parameter of FrameClassifier.fit must have one row per text ({len(texts)}). Got shape {Y.shape}."
            raise InvalidInputError(msg)
        Z = self._features(texts, fit=True)
        self.n_features_ = Z.shape[1]
        if Y.ndim == 2:
            try:
                Yi = Y.astype(float)
            except (TypeError, ValueError) as exc:
                msg = "The 'y' parameter of FrameClassifier.fit is 2-D, so it must be a 0/1 indicator matrix."
                raise InvalidInputError(msg) from exc
            if not np.isin(Yi, (0.0, 1.0)).all():
                msg = "The 'y' parameter of FrameClassifier.fit is 2-D, so it must be a 0/1 indicator matrix."
                raise InvalidInputError(msg)
            self.multilabel_ = True
            self.classes_ = names
            fitted = [self._fit_binary(Z, Yi[:, j].astype(int), names[j]) for j in range(Yi.shape[1])]
            self.estimators_ = [f[0] for f in fitted]
            self.thresholds_ = np.array([f[1] for f in fitted])
            return self
        self.multilabel_ = False
        self.classes_ = np.unique(Y)
        if len(self.classes_) < 2:
            msg = f"The 'y' parameter of FrameClassifier.fit needs at least two classes. Got {list(self.classes_)!r}."
            raise InvalidInputError(msg)
        if len(self.classes_) == 2:
            est, thr = self._fit_binary(Z, (self.classes_[1] == Y).astype(int), self.classes_[1])
            self.estimators_ = [est]
            self.thresholds_ = np.array([thr])
        else:
            self.estimators_ = [self._base(binary=False).fit(Z, Y)]
            self.thresholds_ = np.array([math.nan])
        return self

    # ------------------------------------------------------------------ predict
    def _transform(self, X: Any, caller: str) -> Any:
        check_is_fitted(self, "estimators_")
        texts = _check_texts(X, caller=caller)
        return self._features(texts, fit=False)

    @staticmethod
    def _label_decision(est: Any, Z: Any) -> np.ndarray:
        if isinstance(est, int):  # constant label: a finite constant of the right sign
            return np.full(Z.shape[0], 1.0 if est == 1 else -1.0)
        return est.decision_function(Z)

    def decision_function(self, X: Sequence[str] | pd.Series) -> np.ndarray:
        """Return signed scores: positive means the label is predicted.

        Parameters
        ----------
        X : list or Series of str
            Article texts.

        Returns
        -------
        ndarray
            Shape ``(n,)`` for binary ``y`` and ``(n, n_labels)`` for multi-label ``y`` (the logistic
            regression's decision minus the logit of the tuned threshold); ``(n, n_classes)`` for
            multi-class ``y``.
        """
        Z = self._transform(X, "FrameClassifier.decision_function")
        if not self.multilabel_ and len(self.classes_) > 2:
            return self.estimators_[0].decision_function(Z)
        cols = [
            self._label_decision(est, Z) - _logit(thr)
            for est, thr in zip(self.estimators_, self.thresholds_, strict=True)
        ]
        out = np.column_stack(cols)
        return out if self.multilabel_ else out[:, 0]

    def predict_proba(self, X: Sequence[str] | pd.Series) -> np.ndarray:
        """Return the logistic regressions' probabilities (before threshold tuning).

        Parameters
        ----------
        X : list or Series of str
            Article texts.

        Returns
        -------
        ndarray
            ``(n, 2)`` for binary ``y``, ``(n, n_classes)`` for multi-class ``y`` and
            ``(n, n_labels)`` (probability of each label) for multi-label ``y``.
        """
        Z = self._transform(X, "FrameClassifier.predict_proba")
        if not self.multilabel_ and len(self.classes_) > 2:
            return self.estimators_[0].predict_proba(Z)
        cols = []
        for est in self.estimators_:
            if isinstance(est, int):
                cols.append(np.full(Z.shape[0], float(est)))
            else:
                cols.append(est.predict_proba(Z)[:, 1])
        P = np.column_stack(cols)
        if self.multilabel_:
            return P
        return np.column_stack([1 - P[:, 0], P[:, 0]])

    def predict(self, X: Sequence[str] | pd.Series) -> np.ndarray:
        """Predict labels.

        Parameters
        ----------
        X : list or Series of str
            Article texts.

        Returns
        -------
        ndarray
            Shape ``(n,)`` of class labels (1-D ``y``) or ``(n, n_labels)`` of 0/1 (multi-label ``y``).
        """
        D = self.decision_function(X)
        if self.multilabel_:
            return (D >= 0).astype(int)
        if len(self.classes_) == 2:
            return self.classes_[(D >= 0).astype(int)]
        return self.classes_[np.argmax(D, axis=1)]


def cross_validate_frames(
    texts: Sequence[str] | pd.Series,
    labels: Any,
    *,
    cv: int = 5,
    random_state: int | None = 0,
    estimator: FrameClassifier | None = None,
) -> pd.DataFrame:
    """Out-of-fold precision, recall, F1 and ROC AUC per label of a :class:`FrameClassifier`.

    Parameters
    ----------
    texts : list or Series of str
        Article texts.
    labels : array-like or DataFrame
        As ``y`` of :meth:`FrameClassifier.fit`: 1-D labels or a 2-D 0/1 indicator (multi-label).
    cv : int, default=5
        Number of folds (stratified for 1-D labels, shuffled K-fold for multi-label).
    random_state : int or None, default=0
        Seed of the fold split (and of the estimator's inner CV when it has none).
    estimator : FrameClassifier, optional
        The (unfitted) model to evaluate; cloned for every fold. Default: ``FrameClassifier()``.

    Returns
    -------
    pandas.DataFrame
        One row per label (the positive class for binary labels, every class for multi-class
        labels) and a final ``"macro"`` row (unweighted mean over the label rows), with columns
        ``label, precision, recall, f1, roc_auc`` (each the mean over the folds of the metric on
        the held-out fold, as :func:`sklearn.model_selection.cross_validate` reports),
        ``f1_std, roc_auc_std`` (their standard deviation over folds), ``support`` (positives in
        all texts) and ``n``. Folds where a value is undefined (no positives, no predicted
        positives; ROC AUC also when the fold's training part has only one class of the label,
        with a :class:`~compare.exceptions.CompareWarning`) are left out of its mean; a value
        undefined in every fold is NaN.

    Raises
    ------
    compare.exceptions.InvalidInputError
        If ``cv`` is not an int >= 2 or exceeds the number of texts.

    Examples
    --------
    >>> texts = ["Critics slammed the plan.", "Prices rose and jobs were lost."] * 6
    >>> res = cross_validate_frames(texts, ["conflict", "economic"] * 6, cv=2,
    ...                             estimator=FrameClassifier(min_df=1, threshold=0.5))
    >>> list(res["label"])
    ['economic', 'macro']
    """
    from sklearn.metrics import precision_recall_fscore_support, roc_auc_score
    from sklearn.model_selection import KFold, StratifiedKFold

    items = _check_texts(texts, caller="cross_validate_frames")
    if not (isinstance(cv, int) and 2 <= cv <= len(items)):
        msg = f"The 'cv' parameter of cross_validate_frames must be an int in [2, {len(items)}]. Got {cv!r} instead."
        raise InvalidInputError(msg)
    model = FrameClassifier() if estimator is None else estimator
    if model.get_params().get("random_state") is None:
        model = clone(model).set_params(random_state=random_state)
    multilabel = isinstance(labels, pd.DataFrame) or np.asarray(labels).ndim == 2
    Y = labels.to_numpy() if isinstance(labels, pd.DataFrame) else np.asarray(labels)
    n = len(items)
    if Y.shape[0] != n:
        msg = f"The 'labels' parameter of cross_validate_frames must have one row per text ({n}). Got {Y.shape[0]}."
        raise InvalidInputError(msg)
    arr = np.asarray(items, dtype=object)
    if multilabel:
        splitter = KFold(n_splits=cv, shuffle=True, random_state=random_state)
        splits = splitter.split(arr)
        names = list(labels.columns) if isinstance(labels, pd.DataFrame) else list(range(Y.shape[1]))
        truth = Y.astype(int)
    else:
        splitter = StratifiedKFold(n_splits=cv, shuffle=True, random_state=random_state)
        splits = splitter.split(arr, Y)
        classes = np.unique(Y)
        names = classes[1:].tolist() if len(classes) == 2 else classes.tolist()
        truth = np.column_stack([(c == Y).astype(int) for c in names])
    per_fold: list[np.ndarray] = []  # (n_labels, 4) per fold: precision, recall, f1, roc_auc
    no_auc: list[str] = []  # "label (fold k)" whose AUC is NaN because the training part was one-class
    for k, (train, test) in enumerate(splits):
        fitted = clone(model).fit(
            list(arr[train]), labels.iloc[train] if isinstance(labels, pd.DataFrame) else Y[train]
        )
        test_texts = list(arr[test])
        D = fitted.decision_function(test_texts)
        P = fitted.predict(test_texts)
        scores = np.zeros((len(test), len(names)))
        preds = np.zeros((len(test), len(names)), dtype=int)
        if multilabel:
            scores, preds = D, P
        elif len(names) == 1:
            scores[:, 0] = D
            preds[:, 0] = names[0] == P
        else:
            proba = fitted.predict_proba(test_texts)
            classes = list(fitted.classes_)
            for j, c in enumerate(names):
                scores[:, j] = proba[:, classes.index(c)] if c in classes else 0.0
                preds[:, j] = c == P
        fold = np.full((len(names), 4), np.nan)
        for j in range(len(names)):
            t, p = truth[test, j], preds[:, j]
            if t.sum() == 0:
                continue  # precision, recall, F1 and AUC undefined in this fold
            prec, rec, f1, _ = precision_recall_fscore_support(t, p, average="binary", zero_division=np.nan)
            auc = np.nan
            if t.sum() < len(t):  # both classes in the held-out fold
                one_class_train = truth[train, j].min() == truth[train, j].max()
                if one_class_train or not np.isfinite(scores[:, j]).all():
                    no_auc.append(f"{names[j]!r} (fold {k + 1})")
                else:
                    auc = roc_auc_score(t, scores[:, j])
            fold[j] = (prec, rec, f1, auc)
        per_fold.append(fold)
    if no_auc:
        msg = (
            "cross_validate_frames: ROC AUC is undefined (NaN, left out of the mean) for "
            f"{', '.join(no_auc)}: the training part of the fold had only one class of the label, "
            "so the model cannot rank the held-out texts. Use fewer folds or more texts."
        )
        warnings.warn(msg, CompareWarning, stacklevel=2)
    stack = np.stack(per_fold)  # (folds, labels, 4)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns give NaN, as documented
        mean = np.nanmean(stack, axis=0)
        std = np.nanstd(stack, axis=0)
    out = pd.DataFrame(
        {
            "label": pd.Series(names, dtype=object),
            "precision": mean[:, 0],
            "recall": mean[:, 1],
            "f1": mean[:, 2],
            "roc_auc": mean[:, 3],
            "f1_std": std[:, 2],
            "roc_auc_std": std[:, 3],
            "support": truth.sum(axis=0).astype(int),
            "n": n,
        }
    )
    macro = {c: out[c].mean() for c in ("precision", "recall", "f1", "roc_auc", "f1_std", "roc_auc_std")}
    macro.update({"label": "macro", "support": int(out["support"].sum()), "n": n})
    out = pd.concat([out, pd.DataFrame([macro])], ignore_index=True)
    out["label"] = out["label"].astype(object)
    return out
