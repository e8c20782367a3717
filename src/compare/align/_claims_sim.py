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

import numpy as np

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
    char_grams: tuple[str, ...] | None = None  # character 3-5-grams within words of ``chars``


_SPACES = re.compile(r"\s\s+")


def _char_grams(chars: str) -> tuple[str, ...]:
    """Character 3-5-grams within words, padded with a space: scikit-learn's ``char_wb`` analyzer.

    Made once per sentence when the article is analysed, so that :func:`similarity_matrix` (per
    event) does not cut the text again.
    """
    out: list[str] = []
    for w in _SPACES.sub(" ", chars.lower()).split():
        w = " " + w + " "
        w_len = len(w)
        for n in range(3, 6):
            offset = 0
            out.append(w[offset : offset + n])
            while offset + n < w_len:
                offset += 1
                out.append(w[offset : offset + n])
            if offset == 0:  # a short word counts once
                break
    return tuple(out)


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
    chars = " ".join(words)
    return SentenceFeatures(
        tuple(stems), chars, frozenset(numbers), frozenset(names), frozenset(polarity), _char_grams(chars)
    )


def sentence_features(doc: Document) -> list[SentenceFeatures]:
    """Features of every sentence of ``doc``."""
    return [_features(doc.sentence_tokens(i)) for i in range(len(doc.sentences))]


def _ngrams(stems: tuple[str, ...]) -> list[str]:
    return [*stems, *(a + " " + b for a, b in itertools.pairwise(stems))]


def _grams_of(f: SentenceFeatures) -> tuple[str, ...]:
    return f.char_grams if f.char_grams is not None else _char_grams(f.chars)


def _tfidf(docs: Sequence[Sequence[str]]):
    """Rows of L2-normalised TF-IDF weights, as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``.

    Same weights (``1 + log(tf)`` times ``log((1 + n) / (1 + df)) + 1``, rows scaled to unit
    length); columns in order of first appearance instead of sorted, which changes no dot product.
    Written out because fitting the vectorizer twice per event was most of the time of
    :func:`similarity_matrix`.
    """
    from scipy import sparse

    vocab: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    counts: list[int] = []
    for doc in docs:
        row: dict[int, int] = {}
        for term in doc:
            j = vocab.setdefault(term, len(vocab))
            row[j] = row.get(j, 0) + 1
        indices.extend(row)
        counts.extend(row.values())
        indptr.append(len(indices))
    n = len(docs)
    idx = np.asarray(indices, dtype=np.int64)
    ptr = np.asarray(indptr, dtype=np.int64)
    df = np.bincount(idx, minlength=len(vocab))
    idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
    data = (1.0 + np.log(np.asarray(counts, dtype=float))) * idf[idx]
    rows = np.repeat(np.arange(n), np.diff(ptr))
    norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=n))
    norms[norms == 0] = 1.0
    data /= norms[rows]
    return sparse.csr_matrix((data, idx, ptr), shape=(n, max(1, len(vocab))))


def _vectors(feats: Sequence[SentenceFeatures]):
    wv = _tfidf([_ngrams(f.stems) for f in feats]) if any(f.stems for f in feats) else None
    cv = _tfidf([_grams_of(f) for f in feats]) if any(f.chars for f in feats) else None
    return wv, cv


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
