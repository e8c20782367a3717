"""Sentence similarity for claim alignment (private).

Three signals, all computed from Document tokens:

- TF-IDF cosine over light-stemmed content words (unigrams and bigrams);
- TF-IDF cosine over character 3-5-grams within words (robust to inflection and spelling);
- overlap of "anchors": numbers and capitalised names (Jaccard), which paraphrases keep.

The combined score is a weighted mean; when both sentences hold numbers and none agree, the score
is multiplied by ``conflict_penalty`` (a different figure usually means a different claim), and
likewise when the two sentences sit on opposite sides of a small list of event directions
("raised" / "cut", "signed" / "vetoed", "won" / "lost").
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .._accel import speedups
from ..text import Document, Token
from ..wordlists import CLAIM_STOP_WORDS

__all__ = ["WEIGHTS", "SentenceFeatures", "pair_scores", "sentence_features", "similarity_matrix"]

#: Weights of (word cosine, char cosine, anchor overlap) and the number-mismatch factor.
WEIGHTS = {"word": 0.45, "char": 0.35, "anchor": 0.30, "conflict_penalty": 0.4}

_STOP = CLAIM_STOP_WORDS
# opposite directions of the same kind of event; a pair that sits on both sides of a class
# ("raised" vs "cut", "signed" vs "vetoed") is unlikely to state the same claim
_OPPOSITES = {
    "amount": (
        (
            "rise rises rose risen raise raised raises increase increased increases jump jumped climb climbed "
            "gain gained grow grew growth soar soared surge surged higher up boost boosted expand expanded"
        ),
        (
            "fall falls fell fallen cut cuts drop dropped decrease decreased decline declined slip slipped "
            "plunge plunged lower lowered down shrink shrank slump slumped reduce reduced tumble tumbled"
        ),
    ),
    "decision": (
        (
            "approve approved pass passed sign signed accept accepted back backed support supported allow "
            "allowed allows uphold upheld endorse endorsed confirm confirmed admit admitted"
        ),
        (
            "reject rejected veto vetoed block blocked oppose opposed ban bans banned deny denied refuse "
            "refused overturn overturned strike struck"
        ),
    ),
    "outcome": (
        "win won wins victory survive survived beat keep kept increased praised",
        "lose lost loses defeat defeated fired ousted resign resigned",
    ),
    "state": (
        "open opened reopen reopened resume resumed start started hire hired build built",
        "close closed shut halt halted stop stopped suspend suspended fire lay demolish demolished",
    ),
    "harm": ("injured wounded hurt", "killed died dead death deaths"),
    "extent": ("highest most largest best", "lowest least smallest worst"),
}
_NEG = frozenset({"not", "no", "never", "nor", "n't", "without"})
_SUFFIXES = ("ations", "ation", "ments", "ment", "ings", "ing", "ied", "ies", "edly", "ed", "es", "ly", "s")
_NUM_CLEAN = re.compile(r"[$€£¥,%]")
_WORD_NUMS = {
    "one": "1",
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "hundred": "100",
    "thousand": "1000",
    "million": "1000000",
    "billion": "1000000000",
    "first": "1",
    "second": "2",
    "third": "3",
    "fourth": "4",
    "fifth": "5",
}


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light suffix-stripping stem ("officials" -> "official", "dispatched" -> "dispatch")."""
    w = word.lower().replace("’", "'")
    w = w.removesuffix("'s")
    if len(w) <= 4:
        return w
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            base = w[: -len(suf)]
            if suf in ("ied", "ies"):
                return base + "y"
            if len(base) > 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]  # stopped -> stop
            return base
    return w


@lru_cache(maxsize=1)
def _opposite_index() -> dict[str, tuple[str, int]]:
    index: dict[str, tuple[str, int]] = {}
    for cls, (pos, neg) in _OPPOSITES.items():
        for sign, words in ((1, pos), (-1, neg)):
            for w in words.split():
                index.setdefault(w, (cls, sign))
    return index


@dataclass(frozen=True, slots=True)
class SentenceFeatures:
    """What the similarity needs from one sentence."""

    stems: tuple[str, ...]
    chars: str
    numbers: frozenset[str]
    names: frozenset[str]
    polarity: frozenset[tuple[str, int]]


def _features(tokens: Sequence[Token] | Sequence[tuple[str, str]]) -> SentenceFeatures:
    stems: list[str] = []
    numbers: set[str] = set()
    names: set[str] = set()
    words: list[str] = []
    polarity: set[tuple[str, int]] = set()
    opposites = _opposite_index()
    first_word = True
    for tok in tokens:
        text, kind = (tok.text, tok.kind) if isinstance(tok, Token) else tok
        if kind == "punct":
            continue
        low = text.lower().replace("’", "'")
        if kind == "number":
            n = _NUM_CLEAN.sub("", text).rstrip(".")
            n = re.sub(r"(st|nd|rd|th|s)$", "", n)
            if n:
                numbers.add(n)
            stems.append("#" + n)
            words.append(low)
            first_word = False
            continue
        if low in _WORD_NUMS:
            numbers.add(_WORD_NUMS[low])
        words.append(low)
        if low in opposites:
            polarity.add(opposites[low])
        if text[:1].isupper() and (not first_word or text.isupper()) and low not in _STOP:
            names.add(stem(low))
        first_word = False
        if low in _STOP or len(low) < 2:
            if low in _NEG:
                stems.append("NOT")
            continue
        stems.append(stem(low))
    return SentenceFeatures(
        tuple(stems), " ".join(words), frozenset(numbers), frozenset(names), frozenset(polarity)
    )


def sentence_features(doc: Document) -> list[SentenceFeatures]:
    """Features of every sentence of ``doc``."""
    return [_features(doc.sentence_tokens(i)) for i in range(len(doc.sentences))]


def _ngrams(stems: tuple[str, ...]) -> list[str]:
    return [*stems, *(a + " " + b for a, b in itertools.pairwise(stems))]


def _vectors(feats: Sequence[SentenceFeatures]):
    vectorizer = _tfidf_class()
    word = vectorizer(analyzer=_ngrams, sublinear_tf=True, norm="l2")
    char = vectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, norm="l2")
    wv = word.fit_transform([f.stems for f in feats]) if any(f.stems for f in feats) else None
    cv = char.fit_transform([f.chars for f in feats]) if any(f.chars for f in feats) else None
    return wv, cv


#: [the TfidfVectorizer subclass that runs its vocabulary loops in the compiled kernels], made once
_fast_tfidf_class: list[type] = []


def _tfidf_class() -> type:
    """scikit-learn's ``TfidfVectorizer``, or, when the compiled kernels are built, a subclass whose
    per-feature Python loops run compiled: counting ``char_wb`` n-grams (``_count_vocab``),
    renumbering the sorted vocabulary (``_sort_features``) and the no-op pruning of the default
    ``min_df``/``max_df`` (``_limit_features``). IDF, norms and the matrix layout are
    scikit-learn's own, so the matrices are identical (``tests/test_accel.py``)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    fast = speedups()
    if fast is None:
        return TfidfVectorizer
    if not _fast_tfidf_class:
        _fast_tfidf_class.append(_make_fast_tfidf_class(TfidfVectorizer, fast))
    return _fast_tfidf_class[0]


def _make_fast_tfidf_class(base: type, fast: Any) -> type:
    class FastTfidfVectorizer(base):  # type: ignore[misc, valid-type]
        _sparse_type: type | None = None
        _limit_returns_pair: bool | None = None

        def _count_vocab(self, raw_documents: Any, fixed_vocab: bool) -> Any:
            plain = self.preprocessor is None and self.strip_accents is None and self.lowercase
            if fixed_vocab or self.analyzer != "char_wb" or not plain:
                return super()._count_vocab(raw_documents, fixed_vocab)
            if FastTfidfVectorizer._sparse_type is None:  # the matrix type this scikit-learn returns
                FastTfidfVectorizer._sparse_type = type(super()._count_vocab(["probe"], False)[1])
            docs = [self.decode(d) for d in raw_documents]
            vocabulary, j_indices, values, indptr = fast.char_wb_count_vocab(docs, *self.ngram_range)
            if not vocabulary:
                raise ValueError("empty vocabulary; perhaps the documents only contain stop words")
            dtype = np.int64 if indptr[-1] > np.iinfo(np.int32).max else np.int32
            X = FastTfidfVectorizer._sparse_type(
                (
                    np.asarray(values, dtype=np.intc),
                    np.asarray(j_indices, dtype=dtype),
                    np.asarray(indptr, dtype=dtype),
                ),
                shape=(len(indptr) - 1, len(vocabulary)),
                dtype=self.dtype,
            )
            X.sort_indices()
            return vocabulary, X

        def _limit_features(
            self, X: Any, vocabulary: dict, high: Any = None, low: Any = None, limit: Any = None
        ) -> Any:
            n_docs = X.shape[0]
            if limit is not None or high is None or low is None or high < n_docs or low > 1:
                return super()._limit_features(X, vocabulary, high, low, limit)
            # every feature occurs in 1..n_docs documents: nothing is pruned, and the vocabulary
            # keeps its numbers; what scikit-learn returns then is the same matrix, all columns kept
            if FastTfidfVectorizer._limit_returns_pair is None:
                probe = super()._limit_features(X[:1, :1], {"probe": 0}, 1, 1, None)
                FastTfidfVectorizer._limit_returns_pair = isinstance(probe, tuple)
            kept = X[:, np.arange(X.shape[1])]
            return (kept, set()) if FastTfidfVectorizer._limit_returns_pair else kept

        def _sort_features(self, X: Any, vocabulary: dict) -> Any:
            map_index = fast.sorted_feature_map(sorted(vocabulary.items()), vocabulary)
            X.indices = map_index.astype(X.indices.dtype, copy=False).take(X.indices, mode="clip")
            return X

    return FastTfidfVectorizer


def _binary(sets: Sequence[frozenset], vocab: dict) -> tuple[list[int], list[int]]:
    rows, cols = [], []
    for i, items in enumerate(sets):
        for item in items:
            rows.append(i)
            cols.append(vocab.setdefault(item, len(vocab)))
    return rows, cols


def _anchor_matrix(
    fa: Sequence[SentenceFeatures], fb: Sequence[SentenceFeatures]
) -> tuple[np.ndarray, np.ndarray]:
    """Anchor Jaccard (NaN where neither side has anchors) and conflict mask, vectorised."""
    from scipy import sparse

    def mat(sets_a, sets_b):
        vocab: dict = {}
        ra, ca = _binary(sets_a, vocab)
        rb, cb = _binary(sets_b, vocab)
        v = max(1, len(vocab))
        ma = sparse.csr_matrix((np.ones(len(ra)), (ra, ca)), shape=(len(sets_a), v))
        mb = sparse.csr_matrix((np.ones(len(rb)), (rb, cb)), shape=(len(sets_b), v))
        inter = (ma @ mb.T).toarray()
        size_a = np.asarray(ma.sum(axis=1)).ravel()
        size_b = np.asarray(mb.sum(axis=1)).ravel()
        return inter, size_a, size_b

    inter, sa, sb = mat([f.numbers | f.names for f in fa], [f.numbers | f.names for f in fb])
    union = sa[:, None] + sb[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        jac = np.where(union > 0, inter / np.where(union > 0, union, 1), np.nan)
    n_inter, na, nb = mat([f.numbers for f in fa], [f.numbers for f in fb])
    conflict = (na[:, None] > 0) & (nb[None, :] > 0) & (n_inter == 0)
    for cls in _OPPOSITES:
        a_pos = np.array([(cls, 1) in f.polarity for f in fa])
        a_neg = np.array([(cls, -1) in f.polarity for f in fa])
        b_pos = np.array([(cls, 1) in f.polarity for f in fb])
        b_neg = np.array([(cls, -1) in f.polarity for f in fb])
        conflict |= (a_pos[:, None] & b_neg[None, :] & ~b_pos[None, :]) | (
            a_neg[:, None] & b_pos[None, :] & ~b_neg[None, :]
        )
    return jac, conflict


def _combine(
    word: np.ndarray, char: np.ndarray, anchor: np.ndarray, mismatch: np.ndarray, weights: dict
) -> np.ndarray:
    w_word, w_char, w_anchor = weights["word"], weights["char"], weights["anchor"]
    has_anchor = ~np.isnan(anchor)
    num = w_word * word + w_char * char + np.where(has_anchor, w_anchor * np.nan_to_num(anchor), 0.0)
    den = w_word + w_char + np.where(has_anchor, w_anchor, 0.0)
    score = num / den
    return np.where(mismatch, score * weights["conflict_penalty"], score)


def similarity_matrix(feats: Sequence[SentenceFeatures], *, weights: dict | None = None) -> np.ndarray:
    """Square similarity matrix in [0, 1] of sentences, IDF fitted on these sentences."""
    weights = WEIGHTS if weights is None else weights
    n = len(feats)
    if n == 0:
        return np.zeros((0, 0))
    wv, cv = _vectors(feats)
    word = (wv @ wv.T).toarray() if wv is not None else np.zeros((n, n))
    char = (cv @ cv.T).toarray() if cv is not None else np.zeros((n, n))
    anchor, mismatch = _anchor_matrix(feats, feats)
    return np.clip(_combine(word, char, anchor, mismatch, weights), 0.0, 1.0)


def pair_scores(a: Sequence[str], b: Sequence[str], *, weights: dict | None = None) -> np.ndarray:
    """Similarity of each pair ``(a[k], b[k])``, IDF fitted on all the sentences given."""
    from ..text import analyze_text

    weights = WEIGHTS if weights is None else weights
    feats = [_features(analyze_text(t).tokens) for t in [*a, *b]]
    wv, cv = _vectors(feats)
    n = len(a)
    out = np.empty(n)
    for k in range(n):
        i, j = k, n + k
        w = float((wv[i] @ wv[j].T).toarray()[0, 0]) if wv is not None else 0.0
        c = float((cv[i] @ cv[j].T).toarray()[0, 0]) if cv is not None else 0.0
        anc, mis = _anchor_matrix([feats[i]], [feats[j]])
        out[k] = float(_combine(np.array([[w]]), np.array([[c]]), anc, mis, weights)[0, 0])
    return out
