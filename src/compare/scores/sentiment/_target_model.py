"""Target-dependent sentiment model (private): features and a shipped linear classifier.

The classifier is a multinomial logistic regression trained on NewsMTSC ``train.jsonl`` (Hamborg &
Donnay, EACL 2021; MIT licence) by ``benchmarks/train_target_sentiment.py`` and shipped as JSON
weights (``compare/data/target_sentiment.json``: feature name -> one coefficient per class). It is
loaded on first use; inference is plain Python and numpy (no scikit-learn).

Features of a target mention in a sentence (all computed from the sentence alone):

- VADER compound/pos/neg of the whole sentence, and VADER's word sentiments (each word's valence
  after all of VADER's rules, from the sentence's one VADER pass) summed over the target's clause
  and over the text left and right of the target, normalised as VADER normalises a compound;
- VADER lexicon valences (VADER's negation words flip the next three words), summed over the
  target's clause (and its left/right part), each side of the target, weighted by
  ``1 / (1 + distance)``, plus the nearest opinion word on each side and whether the clause is
  negated;
- reported speech: the target is followed by a verb of saying, lies inside a quotation, or the
  sentence quotes someone;
- words: unigrams and bigrams in a window of five words on each side (tagged by side), the
  adjacent words, the nearest content word before and the first two after the target within its
  clause (a stand-in for the governing verb), the clause's words, the sentence's words, and its
  opinion words tagged by side of the target. The target itself and other capitalised names are
  masked (``<T>``, ``<N>``), so the model learns contexts, not people.

Three paths compute the same numbers. :func:`features` + :func:`predict_proba` is the reference
(readable, one feature dict per target; the training script uses it). :func:`predict_spans` is
what the library calls. For a few targets it uses :func:`_predict_one` (plain Python: each
sentence analysed once for all its targets, features mapped straight to rows of the weight
matrix through per-word memos). For ``_BATCH_MIN`` targets or more (an article's actor mentions)
it uses :func:`_predict_batch`: the distinct sentences are tokenised as one string, each token's
properties are one look-up of its word id (numpy arrays indexed by id), and every feature is an
array operation over all targets at once, ending in one sparse product. Results agree with the
reference up to the order of floating-point additions (|difference| ~1e-16), which
``tests/scores/test_sentiment.py`` checks.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import operator
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from importlib import resources
from typing import Any, NamedTuple

from ._vader import word_sentiments

__all__ = ["MODEL_FILE", "features", "load_model", "predict_proba", "predict_spans", "vader_lexicon"]

MODEL_FILE = "target_sentiment.json"
CLASSES = ("negative", "neutral", "positive")

_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
_SPLIT_TOKEN_RE = re.compile("(" + _TOKEN_RE.pattern + ")")
_CLAUSE_BREAK = frozenset(',;:—–()[]"“”')
_CLAUSE_WORDS = frozenset(
    [
        "but",
        "while",
        "although",
        "though",
        "whereas",
        "however",
        "because",
        "since",
        "who",
        "which",
        "after",
        "before",
        "when",
        "as",
        "and",
    ]
)
_CLAUSE_BREAK_OR_WORD = _CLAUSE_BREAK | _CLAUSE_WORDS
_NEGATE = frozenset(
    [
        "aint",
        "arent",
        "cannot",
        "cant",
        "couldnt",
        "darent",
        "didnt",
        "doesnt",
        "ain't",
        "aren't",
        "can't",
        "couldn't",
        "daren't",
        "didn't",
        "doesn't",
        "dont",
        "hadnt",
        "hasnt",
        "havent",
        "isnt",
        "mightnt",
        "mustnt",
        "neither",
        "don't",
        "hadn't",
        "hasn't",
        "haven't",
        "isn't",
        "mightn't",
        "mustn't",
        "neednt",
        "needn't",
        "never",
        "none",
        "nope",
        "nor",
        "not",
        "nothing",
        "nowhere",
        "oughtnt",
        "shant",
        "shouldnt",
        "uhuh",
        "wasnt",
        "werent",
        "oughtn't",
        "shan't",
        "shouldn't",
        "uh-uh",
        "wasn't",
        "weren't",
        "without",
        "wont",
        "wouldnt",
        "won't",
        "wouldn't",
        "rarely",
        "seldom",
        "despite",
        "no",
    ]
)
_SPEECH = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "added",
        "argued",
        "asked",
        "claimed",
        "declared",
        "denied",
        "explained",
        "insisted",
        "noted",
        "replied",
        "stated",
        "tweeted",
        "wrote",
        "warned",
        "urged",
        "announced",
        "acknowledged",
        "admitted",
        "accused",
        "blamed",
        "praised",
        "criticized",
        "criticised",
        "slammed",
        "attacked",
        "called",
        "vowed",
        "promised",
        "suggested",
    ]
)
_PRONOUNS = frozenset(
    ["he", "she", "him", "her", "his", "hers", "they", "them", "their", "it", "its", "i", "we", "you"]
)
_WINDOW = 5
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "could",
        "should",
        "can",
        "may",
        "might",
        "must",
        "to",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "and",
        "or",
        "but",
        "not",
        "also",
        "still",
        "just",
        "even",
        "already",
        "now",
        "then",
        "there",
        "here",
        "he",
        "she",
        "they",
        "we",
        "i",
        "you",
        "his",
        "her",
        "their",
        "our",
        "my",
        "him",
        "them",
        "us",
        "me",
        "who",
        "whom",
        "which",
        "what",
    ]
)
_QUOTE_TOKENS = frozenset('“”"')
_M_START = re.Match.start
_M_END = re.Match.end
_M_GROUP = re.Match.group
_FIRST = operator.itemgetter(0)
_ENDS_NT = operator.methodcaller("endswith", "n't")
_BATCH_MIN = 12  # from about this many targets on, the numpy path is faster
_DENSE = 3.0  # scale of dense features (less shrunk by the L2 penalty)


@functools.cache
def vader_lexicon() -> dict[str, float]:
    """VADER's word valences (lower-case word -> mean rating in [-4, 4])."""
    path = resources.files("vaderSentiment") / "vader_lexicon.txt"
    lex: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                lex[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return lex


@functools.lru_cache(maxsize=4096)
def _analyse_sentence(
    sentence: str,
) -> tuple[tuple[tuple[int, int, str, str], ...], tuple[float, ...], tuple[int, ...]]:
    """Tokens (start, end, lower, text), their valences (negation applied) and clause ids."""
    lex = vader_lexicon()
    norm = sentence.replace("’", "'")  # same length: offsets are unchanged
    spans = [m.span() for m in _TOKEN_RE.finditer(norm)]
    lowered = norm.lower()
    if len(lowered) == len(norm) and "Σ" not in norm:  # lower-casing is per character here
        lows = [lowered[a:b] for a, b in spans]
    else:
        lows = [norm[a:b].lower() for a, b in spans]
    toks = [(a, b, low, sentence[a:b]) for (a, b), low in zip(spans, lows, strict=True)]
    vals = []
    clauses = []
    neg_left = 0
    c = 0
    negate = _NEGATE
    breaks = _CLAUSE_BREAK_OR_WORD
    get = lex.get
    for low in lows:
        v = get(low, 0.0)
        if neg_left > 0 and v:
            v = -0.74 * v
        vals.append(v)
        if low in negate or low.endswith("n't"):
            neg_left = 3
        elif neg_left:
            neg_left -= 1
        if low in breaks:
            c += 1
        clauses.append(c)
    return tuple(toks), tuple(vals), tuple(clauses)


@functools.lru_cache(maxsize=4096)
def _base_words(sentence: str) -> tuple[str, ...]:
    """Lower-case words with names (capitalised, not sentence-initial) as <N> and numbers as <D>."""
    toks = _analyse_sentence(sentence)[0]
    out = []
    for i, (_, _, low, txt) in enumerate(toks):
        if txt[:1].isupper() and i > 0 and low not in _PRONOUNS:
            out.append("<N>")
        elif low[:1].isdigit():
            out.append("<D>")
        else:
            out.append(low)
    return tuple(out)


def _in_quote(sentence: str, pos: int) -> bool:
    before = sentence[:pos]
    opens = before.count("“") + before.count('"') % 2
    closes = before.count("”")
    return opens > closes


def _normalize(x: float) -> float:
    """VADER's normalisation of a sum of word sentiments to [-1, 1]."""
    return x / math.sqrt(x * x + 15.0) if x else 0.0


def features(
    sentence: str,
    start: int,
    end: int,
    sentence_scores: tuple[float, float, float],
    word_sents: tuple[tuple[int, float], ...] | None = None,
) -> dict[str, float]:
    """Feature dict of the target ``sentence[start:end]``.

    ``sentence_scores`` is VADER's (compound, pos, neg) for the whole sentence; ``word_sents``
    its word sentiments (:func:`compare.scores._vader.word_sentiments`, computed if None).
    """
    toks, vals, clauses = _analyse_sentence(sentence)
    n = len(toks)
    tgt = [i for i, t in enumerate(toks) if t[0] < end and start < t[1]]
    if not tgt:  # offsets between tokens: the nearest token
        nearest = (
            min(range(n), key=lambda i: min(abs(toks[i][0] - start), abs(toks[i][1] - end))) if n else None
        )
        tgt = [nearest] if nearest is not None else []
    f: dict[str, float] = {
        "bias_compound": sentence_scores[0],
        "s_pos": sentence_scores[1],
        "s_neg": sentence_scores[2],
    }
    if not tgt:
        return f
    t0, t1 = tgt[0], tgt[-1]
    tclause = clauses[t0]
    clause_sum = left_sum = right_sum = near = 0.0
    clause_pos = clause_neg = 0.0
    for i, v in enumerate(vals):
        if not v or t0 <= i <= t1:
            continue
        d = t0 - i if i < t0 else i - t1
        if i < t0:
            left_sum += v
        else:
            right_sum += v
        near += v / (1.0 + d)
        if clauses[i] == tclause:
            clause_sum += v
            if v > 0:
                clause_pos += v
            else:
                clause_neg -= v
    f["clause_val"] = clause_sum / 4.0
    f["clause_pos"] = clause_pos / 4.0
    f["clause_neg"] = clause_neg / 4.0
    f["left_val"] = left_sum / 4.0
    f["right_val"] = right_sum / 4.0
    f["near_val"] = near
    # valence by side within the target's clause, and the nearest opinion words on each side
    cl_left = sum(v for i, v in enumerate(vals[:t0]) if clauses[i] == tclause)
    cl_right = sum(v for i, v in enumerate(vals[t1 + 1 :], start=t1 + 1) if clauses[i] == tclause)
    f["clause_left_val"] = cl_left / 4.0
    f["clause_right_val"] = cl_right / 4.0
    for side, rng in (
        ("l", range(t0 - 1, max(-1, t0 - 1 - _WINDOW * 2), -1)),
        ("r", range(t1 + 1, min(n, t1 + 1 + _WINDOW * 2))),
    ):
        for i in rng:
            if vals[i]:
                f["nearest_" + side] = vals[i] / 4.0
                f["nearest_" + side + ("_pos" if vals[i] > 0 else "_neg")] = 1.0
                break
    # VADER (with its rules) on the target's clause and on each side of the target
    c_idx = [i for i in range(n) if clauses[i] == tclause]
    cs, ce = toks[c_idx[0]][0], toks[c_idx[-1]][1]
    if word_sents is None:
        word_sents = word_sentiments(sentence)
    a, b = toks[t0][0], toks[t1][1]
    lv = sum(v for o, v in word_sents if o < a)
    rv = sum(v for o, v in word_sents if o >= b)
    cv = sum(v for o, v in word_sents if cs <= o < ce and not a <= o < b)
    f["clause_vader"] = _DENSE * _normalize(cv)
    f["left_vader"] = _DENSE * _normalize(lv)
    f["right_vader"] = _DENSE * _normalize(rv)
    f["speaker_x_compound"] = 0.0
    f["rel_pos"] = t0 / max(n, 1)
    f["first"] = 1.0 if t0 <= 1 else 0.0

    words = list(_base_words(sentence))
    for i in range(t0, t1 + 1):
        words[i] = "<T>"
    # target-adjacent words and windows
    lw = list(words[max(0, t0 - _WINDOW) : t0])
    rw = list(words[t1 + 1 : t1 + 1 + _WINDOW])
    for w in lw:
        f["L:" + w] = 1.0
    for w in rw:
        f["R:" + w] = 1.0
    for a, b in itertools.pairwise(lw):
        f["L2:" + a + "_" + b] = 1.0
    for a, b in itertools.pairwise(rw):
        f["R2:" + a + "_" + b] = 1.0
    f["P1:" + (words[t0 - 1] if t0 > 0 else "<S>")] = 1.0
    f["N1:" + (words[t1 + 1] if t1 + 1 < n else "</S>")] = 1.0
    if t1 + 2 < n:
        f["N2:" + words[t1 + 1] + "_" + words[t1 + 2]] = 1.0
    # nearest content words in the target's clause (a stand-in for the verb governing the target)
    found = 0
    for i in range(t1 + 1, n):
        if clauses[i] != tclause:
            break
        if words[i] not in _STOP and words[i][:1].isalpha():
            f[("NC:" if not found else "NC2:") + words[i]] = 1.0
            found += 1
            if found == 2:
                break
    if any(toks[i][2] in _NEGATE for i in range(n) if clauses[i] == tclause):
        f["clause_negated"] = 1.0
    for i in range(t0 - 1, -1, -1):
        if clauses[i] != tclause:
            break
        if words[i] not in _STOP and words[i][:1].isalpha():
            f["PC:" + words[i]] = 1.0
            break
    # clause words
    for i in range(n):
        if clauses[i] == tclause and not (t0 <= i <= t1):
            f["C:" + words[i]] = 1.0
        if vals[i] and not (t0 <= i <= t1):  # opinion words of the sentence, by side of the target
            f[("SL:" if i < t0 else "SR:") + words[i]] = 1.0
    for w in set(words):
        f["S:" + w] = 1.0
    # reported speech and quotation
    after = {toks[i][2] for i in range(t1 + 1, min(n, t1 + 3))}
    if after & _SPEECH:
        f["speaker"] = 1.0
        f["speaker_x_compound"] = sentence_scores[0]
        f["speaker_x_right"] = right_sum / 4.0
    if _in_quote(sentence, toks[t0][0]):
        f["in_quote"] = 1.0
    if any(t[2] in '“”"' for t in toks):
        f["has_quote"] = 1.0
    if toks[t0][2] in _PRONOUNS and t0 == t1:
        f["pronoun"] = 1.0
    return f


@functools.cache
def load_model() -> dict[str, Any]:
    """The shipped model: ``classes``, ``intercept`` and ``weights`` (feature -> coefficients)."""
    path = resources.files("compare") / "data" / MODEL_FILE
    data = json.loads(path.read_text(encoding="utf-8"))
    data["weights"] = {k: tuple(v) for k, v in data["weights"].items()}
    return data


def predict_proba(feats: dict[str, float], model: dict[str, Any] | None = None) -> tuple[float, ...]:
    """Class probabilities (negative, neutral, positive) of a feature dict."""
    m = model if model is not None else load_model()
    w = m["weights"]
    z0, z1, z2 = m["intercept"]
    get = w.get
    for name, value in feats.items():
        coef = get(name)
        if coef is not None:
            z0 += coef[0] * value
            z1 += coef[1] * value
            z2 += coef[2] * value
    z = (z0, z1, z2)
    top = max(z)
    ex = [math.exp(v - top) for v in z]
    s = sum(ex)
    return tuple(e / s for e in ex)


# ------------------------------------------------------------------------------------------------
# fast path: all targets of a sentence at once (same features and numbers as ``features`` +
# ``predict_proba``, up to the order of floating-point additions)
# ------------------------------------------------------------------------------------------------
class _Sentence:
    """Per-sentence features shared by every target of the sentence."""

    __slots__ = (
        "clause_bounds",
        "clause_negated",
        "clauses",
        "counts",
        "ends",
        "has_quote",
        "lows",
        "n",
        "nz",
        "s_rows",
        "s_sum",
        "starts",
        "vals",
        "words",
    )


@functools.cache
def _index() -> tuple[dict[str, int], Any, tuple[float, float, float]]:
    """Feature name -> row of the weight matrix, the matrix (numpy, (F + 1) x 3) and the intercept.

    Row ``F`` (``len(index)``) is all zeros: features outside the model map there.
    """
    import numpy as np

    m = load_model()
    names = list(m["weights"])
    index = {name: i for i, name in enumerate(names)}
    mat = np.zeros((len(names) + 1, 3))
    if names:
        mat[:-1] = np.array([m["weights"][k] for k in names], dtype=float).reshape(len(names), 3)
    return index, mat, tuple(m["intercept"])


class _WordRows(dict[str, tuple[int, Any]]):
    """Memo: word -> (row of its "S:" feature, its coefficients or None)."""

    def __missing__(self, word: str) -> tuple[int, Any]:
        index = _index()[0]
        name = "S:" + word
        coef = load_model()["weights"].get(name)
        value = (index[name], coef) if coef is not None else (len(index), None)
        if len(self) < 1 << 15:  # bounded: a long stream of new words must not grow memory
            self[word] = value
        return value


@functools.cache
def _s_info() -> _WordRows:
    return _WordRows()


@functools.cache
def _lex_get() -> Any:
    return vader_lexicon().get


@functools.lru_cache(maxsize=8192)
def _sentence_context(sentence: str) -> _Sentence:
    """One pass over the sentence: what ``_analyse_sentence`` and ``_base_words`` give, and more.

    The per-token work runs in C where it can (``map``, ``accumulate``, ``compress``, ``Counter``);
    the Python loop over tokens is needed only for sentences with a negation word.
    """
    norm = sentence.replace("’", "'")  # same length: offsets are unchanged
    matches = list(_TOKEN_RE.finditer(norm))
    n = len(matches)
    starts = list(map(_M_START, matches))
    ends = list(map(_M_END, matches))
    texts = list(map(_M_GROUP, matches))
    lows = list(map(str.lower, texts))
    vals = list(map(_lex_get(), lows, itertools.repeat(0.0, n)))
    negate = _NEGATE
    neg_free = negate.isdisjoint(lows)
    if not neg_free or "n't" in norm.lower():
        # VADER-style negation: the next three words after a negation word are flipped
        neg_left = 0
        for i, low in enumerate(lows):
            if neg_left > 0 and vals[i]:
                vals[i] = -0.74 * vals[i]
            if low in negate or low.endswith("n't"):
                neg_left = 3
            elif neg_left:
                neg_left -= 1
    flags = list(map(_CLAUSE_BREAK_OR_WORD.__contains__, lows))
    clauses = list(itertools.accumulate(flags, initial=0))[1:]
    bounds: dict[int, list[int]] = {}
    breaks = list(itertools.compress(range(n), flags))
    if not breaks:
        if n:
            bounds[0] = [0, n - 1]
    else:
        if breaks[0] > 0:
            bounds[0] = [0, breaks[0] - 1]
        for k, (a, b) in enumerate(itertools.pairwise([*breaks, n]), start=1):
            bounds[k] = [a, b - 1]
    negated = set() if neg_free else {clauses[i] for i, low in enumerate(lows) if low in negate}
    words = lows.copy()
    if n:
        pronouns = _PRONOUNS
        for i in itertools.compress(range(1, n), map(str.isupper, map(_FIRST, texts[1:]))):
            if lows[i] not in pronouns:
                words[i] = "<N>"
        for i in itertools.compress(range(n), map(str.isdigit, map(_FIRST, lows))):
            if words[i] != "<N>":
                words[i] = "<D>"
    counts = Counter(words)
    ctx = _Sentence()
    ctx.lows = lows
    ctx.vals = vals
    ctx.clauses = clauses
    ctx.words = words
    ctx.n = n
    ctx.starts = starts
    ctx.ends = ends
    ctx.nz = list(itertools.compress(range(n), vals))
    ctx.clause_bounds = bounds
    ctx.clause_negated = negated
    ctx.counts = counts
    s_rows = {}
    s0 = s1 = s2 = 0.0
    s_info = _s_info()
    for w in counts:
        row, coef = s_info[w]
        s_rows[w] = row
        if coef is not None:
            s0 += coef[0]
            s1 += coef[1]
            s2 += coef[2]
    ctx.s_rows = s_rows
    ctx.s_sum = (s0, s1, s2)
    ctx.has_quote = not _QUOTE_TOKENS.isdisjoint(lows)
    return ctx


_FIXED = (
    "bias_compound",
    "s_pos",
    "s_neg",
    "clause_val",
    "clause_pos",
    "clause_neg",
    "left_val",
    "right_val",
    "near_val",
    "clause_left_val",
    "clause_right_val",
    "nearest_l",
    "nearest_l_pos",
    "nearest_l_neg",
    "nearest_r",
    "nearest_r_pos",
    "nearest_r_neg",
    "clause_vader",
    "left_vader",
    "right_vader",
    "rel_pos",
    "first",
    "clause_negated",
    "S:<T>",
    "speaker",
    "speaker_x_right",
    "speaker_x_compound",
    "in_quote",
    "has_quote",
    "pronoun",
    "P1:<S>",
    "N1:</S>",
)


@functools.cache
def _fixed_rows() -> tuple[int, ...]:
    """Weight-matrix rows of the features with fixed names, in the order of ``_FIXED``."""
    index = _index()[0]
    z = len(index)
    return tuple(index.get(name, z) for name in _FIXED)


class _PrefixRows(dict[Any, int]):
    """Memo: word (or pair of words) -> row of the feature ``prefix + word`` (``a + "_" + b``)."""

    def __init__(self, prefix: str) -> None:
        super().__init__()
        self.prefix = prefix

    def __missing__(self, key: Any) -> int:
        index = _index()[0]
        name = self.prefix + (key if isinstance(key, str) else key[0] + "_" + key[1])
        row = index.get(name, len(index))
        if len(self) < 1 << 15:  # bounded: a long stream of new words must not grow memory
            self[key] = row
        return row


@functools.cache
def _prefix_rows(prefix: str) -> _PrefixRows:
    return _PrefixRows(prefix)


def _target_rows(
    sentence: str,
    ctx: _Sentence,
    start: int,
    end: int,
    sentence_scores: tuple[float, float, float],
    word_sents: tuple[tuple[int, float], ...],
) -> tuple[dict[int, float], bool]:
    """The features of ``features(sentence, start, end, ...)`` as weight-matrix row -> value.

    The second item says whether the sentence's "S:" words (``ctx.s_sum``) are to be added; the
    dict then holds -1 for the words that occur only inside the target (they are masked).
    Features outside the model map to the zero row. Rows of feature names are memoised per word
    (``_prefix_rows``), so no feature name is built here.
    """
    (
        r_bias,
        r_spos,
        r_sneg,
        r_clause_val,
        r_clause_pos,
        r_clause_neg,
        r_left_val,
        r_right_val,
        r_near_val,
        r_cl_left,
        r_cl_right,
        r_nearest_l,
        r_nearest_l_pos,
        r_nearest_l_neg,
        r_nearest_r,
        r_nearest_r_pos,
        r_nearest_r_neg,
        r_clause_vader,
        r_left_vader,
        r_right_vader,
        r_rel_pos,
        r_first,
        r_clause_negated,
        r_s_target,
        r_speaker,
        r_speaker_x_right,
        r_speaker_x_compound,
        r_in_quote,
        r_has_quote,
        r_pronoun,
        r_p1_start,
        r_n1_end,
    ) = _fixed_rows()
    starts = ctx.starts
    ends = ctx.ends
    lows = ctx.lows
    vals = ctx.vals
    clauses = ctx.clauses
    n = ctx.n
    feat: dict[int, float] = {
        r_bias: sentence_scores[0],
        r_spos: sentence_scores[1],
        r_sneg: sentence_scores[2],
    }
    # tokens overlapping [start, end): tokens are sorted and disjoint
    t0 = bisect_right(ends, start)
    t1 = bisect_left(starts, end) - 1
    if t0 > t1:
        if not n:
            return feat, False
        t0 = t1 = min(range(n), key=lambda i: min(abs(starts[i] - start), abs(ends[i] - end)))
    tclause = clauses[t0]
    clause_sum = left_sum = right_sum = near = 0.0
    clause_pos = clause_neg = 0.0
    cl_left = cl_right = 0.0
    for i in ctx.nz:
        if t0 <= i <= t1:
            continue
        v = vals[i]
        if i < t0:
            left_sum += v
            near += v / (1.0 + (t0 - i))
        else:
            right_sum += v
            near += v / (1.0 + (i - t1))
        if clauses[i] == tclause:
            clause_sum += v
            if v > 0:
                clause_pos += v
            else:
                clause_neg -= v
            if i < t0:
                cl_left += v
            else:
                cl_right += v
    feat[r_clause_val] = clause_sum / 4.0
    feat[r_clause_pos] = clause_pos / 4.0
    feat[r_clause_neg] = clause_neg / 4.0
    feat[r_left_val] = left_sum / 4.0
    feat[r_right_val] = right_sum / 4.0
    feat[r_near_val] = near
    feat[r_cl_left] = cl_left / 4.0
    feat[r_cl_right] = cl_right / 4.0
    for i in range(t0 - 1, max(-1, t0 - 1 - _WINDOW * 2), -1):
        if vals[i]:
            feat[r_nearest_l] = vals[i] / 4.0
            feat[r_nearest_l_pos if vals[i] > 0 else r_nearest_l_neg] = 1.0
            break
    for i in range(t1 + 1, min(n, t1 + 1 + _WINDOW * 2)):
        if vals[i]:
            feat[r_nearest_r] = vals[i] / 4.0
            feat[r_nearest_r_pos if vals[i] > 0 else r_nearest_r_neg] = 1.0
            break
    c_first, c_last = ctx.clause_bounds[tclause]
    cs, ce = starts[c_first], ends[c_last]
    a, b = starts[t0], ends[t1]
    lv = rv = cv = 0.0
    for o, v in word_sents:
        if o < a:
            lv += v
        elif o >= b:
            rv += v
        if cs <= o < ce and not a <= o < b:
            cv += v
    feat[r_clause_vader] = _DENSE * _normalize(cv)
    feat[r_left_vader] = _DENSE * _normalize(lv)
    feat[r_right_vader] = _DENSE * _normalize(rv)
    feat[r_rel_pos] = t0 / max(n, 1)
    feat[r_first] = 1.0 if t0 <= 1 else 0.0

    words = ctx.words
    lw = words[max(0, t0 - _WINDOW) : t0]
    rw = words[t1 + 1 : t1 + 1 + _WINDOW]
    rows = _prefix_rows("L:")
    for w in lw:
        feat[rows[w]] = 1.0
    rows = _prefix_rows("R:")
    for w in rw:
        feat[rows[w]] = 1.0
    rows = _prefix_rows("L2:")
    for pair in itertools.pairwise(lw):
        feat[rows[pair]] = 1.0
    rows = _prefix_rows("R2:")
    for pair in itertools.pairwise(rw):
        feat[rows[pair]] = 1.0
    feat[_prefix_rows("P1:")[words[t0 - 1]] if t0 > 0 else r_p1_start] = 1.0
    feat[_prefix_rows("N1:")[words[t1 + 1]] if t1 + 1 < n else r_n1_end] = 1.0
    if t1 + 2 < n:
        feat[_prefix_rows("N2:")[words[t1 + 1], words[t1 + 2]]] = 1.0
    found = 0
    for i in range(t1 + 1, c_last + 1):
        w = words[i]
        if w not in _STOP and w[:1].isalpha():
            feat[_prefix_rows("NC2:" if found else "NC:")[w]] = 1.0
            found += 1
            if found == 2:
                break
    if tclause in ctx.clause_negated:
        feat[r_clause_negated] = 1.0
    for i in range(t0 - 1, c_first - 1, -1):
        w = words[i]
        if w not in _STOP and w[:1].isalpha():
            feat[_prefix_rows("PC:")[w]] = 1.0
            break
    rows = _prefix_rows("C:")
    for w in words[c_first:t0]:
        feat[rows[w]] = 1.0
    for w in words[t1 + 1 : c_last + 1]:
        feat[rows[w]] = 1.0
    rows_l = _prefix_rows("SL:")
    rows_r = _prefix_rows("SR:")
    for i in ctx.nz:
        if i < t0:
            feat[rows_l[words[i]]] = 1.0
        elif i > t1:
            feat[rows_r[words[i]]] = 1.0
    # sentence words: ctx.s_sum, minus the words that occur only inside the target, plus <T>
    counts = ctx.counts
    s_rows = ctx.s_rows
    if t0 == t1:
        w = words[t0]
        if counts[w] == 1:
            feat[s_rows[w]] = -1.0
    else:
        inside: dict[str, int] = {}
        for i in range(t0, t1 + 1):
            inside[words[i]] = inside.get(words[i], 0) + 1
        for w, k in inside.items():
            if k >= counts[w]:
                feat[s_rows[w]] = -1.0
    feat[r_s_target] = 1.0
    speaker_x = 0.0
    if t1 + 1 < n and (lows[t1 + 1] in _SPEECH or (t1 + 2 < n and lows[t1 + 2] in _SPEECH)):
        feat[r_speaker] = 1.0
        speaker_x = sentence_scores[0]
        feat[r_speaker_x_right] = right_sum / 4.0
    feat[r_speaker_x_compound] = speaker_x
    if _in_quote(sentence, a):
        feat[r_in_quote] = 1.0
    if ctx.has_quote:
        feat[r_has_quote] = 1.0
    if t0 == t1 and lows[t0] in _PRONOUNS:
        feat[r_pronoun] = 1.0
    return feat, True


@functools.cache
def _row_weights() -> list[tuple[float, float, float]]:
    """The rows of the weight matrix as tuples (the last one all zeros)."""
    return [tuple(r) for r in _index()[1].tolist()]


def _item_rows(item: tuple[Any, ...]) -> tuple[dict[int, float], tuple[float, float, float]]:
    """Feature rows of one ``predict_spans`` item and the constant it adds (its "S:" words)."""
    sentence, start, end, scores = item[:4]
    word_sents = item[4] if len(item) > 4 else word_sentiments(sentence)
    ctx = _sentence_context(sentence)
    feat, with_s = _target_rows(sentence, ctx, start, end, scores, word_sents)
    return feat, (ctx.s_sum if with_s else (0.0, 0.0, 0.0))


def _predict_one(item: tuple[Any, ...]) -> tuple[float, float, float]:
    feat, (z0, z1, z2) = _item_rows(item)
    i0, i1, i2 = _index()[2]
    z0 += i0
    z1 += i1
    z2 += i2
    weights = _row_weights()
    for r, value in feat.items():
        w = weights[r]
        z0 += w[0] * value
        z1 += w[1] * value
        z2 += w[2] * value
    top = max(z0, z1, z2)
    e0, e1, e2 = math.exp(z0 - top), math.exp(z1 - top), math.exp(z2 - top)
    total = e0 + e1 + e2
    return (e0 / total, e1 / total, e2 / total)


def predict_spans(items: list[tuple[Any, ...]]) -> list[tuple[float, float, float]]:
    """Class probabilities of many targets at once.

    ``items`` holds ``(sentence, start, end, sentence_scores)`` or ``(sentence, start, end,
    sentence_scores, word_sents)`` per target, as for :func:`features` (``word_sents`` is
    computed when missing). The result equals ``predict_proba(features(...))`` for each item, up
    to the order of floating-point additions (about 1e-15; the order of ``features`` itself
    varies between processes, as it iterates over a set of words). A few items are scored one
    by one in plain Python (:func:`_predict_one`); more take the vectorised :func:`_predict_batch`.
    """
    if not items:
        return []
    if len(items) < _BATCH_MIN:  # too few for numpy's fixed costs: plain Python sums
        return [_predict_one(item) for item in items]
    return [tuple(p) for p in _predict_batch(items).tolist()]


# ------------------------------------------------------------------------------------------------
# vectorised path: all targets of a batch (an article) at once with numpy
# ------------------------------------------------------------------------------------------------
_UNIGRAM_PREFIXES = ("L", "R", "C", "S", "SL", "SR", "P1", "N1", "NC", "NC2", "PC")
_BIGRAM_PREFIXES = ("L2", "R2", "N2")


class _Vocab(NamedTuple):
    ids: dict[str, int]  # lower-case word -> id (0: a word with no property and no feature)
    size: int
    val: Any  # per id: VADER lexicon valence
    brk: Any  # clause break
    neg: Any  # negation word
    speech: Any  # verb of saying
    pronoun: Any
    quote: Any
    stop: Any
    rows: dict[str, Any]  # unigram prefix -> per id: row of the feature prefix + word
    pairs: dict[str, tuple[Any, Any]]  # bigram prefix -> (sorted keys id_a * size + id_b, rows)
    id_n: int  # "<N>"
    id_d: int  # "<D>"


@functools.cache
def _vocab() -> _Vocab:
    """Every word with a lexicon valence, a special role or a feature of the model, as ids."""
    import numpy as np

    index, _mat, _ = _index()
    z = len(index)
    lex = vader_lexicon()
    unigram: dict[str, list[tuple[str, int]]] = {p: [] for p in _UNIGRAM_PREFIXES}
    bigram: dict[str, list[tuple[str, str, int]]] = {p: [] for p in _BIGRAM_PREFIXES}
    words = set(lex) | _NEGATE | _SPEECH | _PRONOUNS | _STOP | _CLAUSE_BREAK_OR_WORD | _QUOTE_TOKENS
    words |= {"<N>", "<D>"}
    for name, row in index.items():
        prefix, sep, rest = name.partition(":")
        if not sep:
            continue
        if prefix in unigram:
            unigram[prefix].append((rest, row))
            words.add(rest)
        elif prefix in bigram:
            # "a_b": words may contain "_", so every split is registered (the key is unique)
            for p, ch in enumerate(rest):
                if ch == "_":
                    a, b = rest[:p], rest[p + 1 :]
                    bigram[prefix].append((a, b, row))
                    words.add(a)
                    words.add(b)
    ids = {w: i for i, w in enumerate(sorted(words), start=1)}
    size = len(ids) + 1

    def flags(members: Any) -> Any:
        out = np.zeros(size, dtype=bool)
        out[[ids[w] for w in members]] = True
        return out

    val = np.zeros(size)
    for w, v in lex.items():
        val[ids[w]] = v
    rows = {}
    for prefix, entries in unigram.items():
        r = np.full(size, z, dtype=np.intp)
        for w, row in entries:
            r[ids[w]] = row
        rows[prefix] = r
    pairs = {}
    for prefix, entries in bigram.items():
        keys = np.array([ids[a] * size + ids[b] for a, b, _ in entries], dtype=np.int64)
        prow = np.array([row for _, _, row in entries], dtype=np.intp)
        order = np.argsort(keys, kind="stable")
        pairs[prefix] = (keys[order], prow[order])
    return _Vocab(
        ids=ids,
        size=size,
        val=val,
        brk=flags(_CLAUSE_BREAK_OR_WORD),
        neg=flags(_NEGATE),
        speech=flags(_SPEECH),
        pronoun=flags(_PRONOUNS),
        quote=flags(_QUOTE_TOKENS),
        stop=flags(_STOP),
        rows=rows,
        pairs=pairs,
        id_n=ids["<N>"],
        id_d=ids["<D>"],
    )


_TRUE = (True,)
_ZERO = (0,)


class _AsciiTable:
    """Lazy boolean tables over the 128 ASCII code points (numpy is imported on first use)."""

    def __init__(self, test: Any) -> None:
        self.test = test
        self.table: Any = None

    def __getitem__(self, codes: Any) -> Any:
        if self.table is None:
            import numpy as np

            self.table = np.array([self.test(chr(c)) for c in range(128)], dtype=bool)
        return self.table[codes]


_ASCII_UPPER = _AsciiTable(str.isupper)
_ASCII_DIGIT = _AsciiTable(str.isdigit)
_ASCII_ALPHA = _AsciiTable(str.isalpha)


def _ranges(first: Any, counts: Any) -> tuple[Any, Any]:
    """(owner, index) of every index in ``[first[k], first[k] + counts[k])``, for every k."""
    import numpy as np

    counts = np.maximum(counts, 0)
    total = int(counts.sum())
    owner = np.repeat(np.arange(len(counts)), counts)
    offset = np.arange(total) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.repeat(first, counts) + offset


def _sum_rows(owner: Any, rows: Any, n: int) -> Any:
    """Sum of the (k, 3) ``rows`` per ``owner`` (an (n, 3) array), with one ``bincount``."""
    import numpy as np

    flat = (owner[:, None] * 3 + np.arange(3)).ravel()
    return np.bincount(flat, weights=rows.ravel(), minlength=3 * n).reshape(n, 3)


def _pair_rows(voc: _Vocab, prefix: str, key: Any) -> Any:
    """Rows of the bigram features ``prefix`` with keys ``id_a * size + id_b`` (zero row if none)."""
    import numpy as np

    keys, rows = voc.pairs[prefix]
    z = len(_index()[0])
    if not len(keys):
        return np.full(key.shape, z, dtype=np.intp)
    pos = np.minimum(np.searchsorted(keys, key), len(keys) - 1)
    return np.where(keys[pos] == key, rows[pos], z)


def _predict_batch(items: list[tuple[Any, ...]]) -> Any:
    """Class probabilities of ``items`` (as :func:`predict_spans`), as an (m, 3) numpy array.

    The same features as :func:`_target_rows`, computed for all targets at once: the distinct
    sentences are tokenised as one string, every per-token property is one look-up of the word's
    id in :func:`_vocab` (numpy arrays indexed by id), and every feature is an array operation
    over targets (windows, clause ranges and the sentence's opinion words as index arrays).
    Targets that overlap no token (or sentences without tokens) take :func:`_predict_one`.
    """
    import numpy as np

    voc = _vocab()
    index, mat, intercept = _index()
    len(index)
    fixed = dict(zip(_FIXED, _fixed_rows(), strict=True))
    m = len(items)
    # distinct sentences, joined by newlines (no token crosses a newline)
    sent_of: dict[str, int] = {}
    sents: list[str] = []
    given_ws: list[Any] = []
    item_sid = np.empty(m, dtype=np.intp)
    for k, item in enumerate(items):
        s = item[0]
        j = sent_of.get(s)
        if j is None:
            j = sent_of[s] = len(sents)
            sents.append(s)
            given_ws.append(item[4] if len(item) > 4 else None)
        item_sid[k] = j
    lens = np.fromiter(map(len, sents), dtype=np.intp, count=len(sents))
    bases = np.cumsum(lens + 1) - (lens + 1)
    joined = "\n".join(sents).replace("’", "'")
    # split with one group: [gap, token, gap, token, ..., gap] (no match objects); the offsets are
    # running sums of the lengths
    parts = _SPLIT_TOKEN_RE.split(joined)
    n_tok = len(parts) // 2
    bounds = np.cumsum(np.fromiter(map(len, parts), dtype=np.intp, count=len(parts)))
    starts = bounds[0:-1:2]
    ends = bounds[1::2]
    lows = list(map(str.lower, parts[1::2]))
    ids = np.fromiter(map(voc.ids.get, lows, itertools.repeat(0, n_tok)), dtype=np.intp, count=n_tok)
    lo_s = np.searchsorted(starts, bases)
    hi_s = np.searchsorted(starts, bases + lens)
    tok_sid = np.searchsorted(bases, starts, side="right") - 1
    loc = np.arange(n_tok) - lo_s[tok_sid]
    # valences, flipped for three words after a negation (in the same sentence)
    vals = voc.val[ids]
    negw = voc.neg[ids]
    trig = negw
    if "n't" in joined or "N'T" in joined or "N't" in joined or "n'T" in joined:
        trig = trig | np.fromiter(map(_ENDS_NT, lows), dtype=bool, count=n_tok)
    if trig.any():
        flip = np.zeros(n_tok, dtype=bool)
        for d in (1, 2, 3):
            flip[d:] |= trig[:-d] & (loc[d:] >= d)
        vals = np.where(flip & (vals != 0), -0.74 * vals, vals)
    # clauses: a new one at each sentence start and each break word
    cid = np.cumsum(voc.brk[ids] | (loc == 0))
    # masked words: names (capitalised, not sentence-initial, not pronouns) and numbers
    # (the class of each token's first character, from its code point: a table for ASCII)
    first = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)[starts]
    ascii_first = np.minimum(first, 127)
    upper, digit, alpha = _ASCII_UPPER[ascii_first], _ASCII_DIGIT[ascii_first], _ASCII_ALPHA[ascii_first]
    for i in np.flatnonzero(first > 127).tolist():
        ch = joined[starts[i]]
        upper[i], digit[i], alpha[i] = ch.isupper(), ch.isdigit(), ch.isalpha()
    mask_n = upper & (loc > 0) & ~voc.pronoun[ids]
    mask_d = digit & ~mask_n
    wid = np.where(mask_n, voc.id_n, np.where(mask_d, voc.id_d, ids))
    content = alpha & ~mask_n & ~voc.stop[ids]
    # sentence words ("S:"): the distinct words of each sentence, and each token's word count
    size = voc.size
    skey = tok_sid * size + wid
    order = np.argsort(skey, kind="stable")
    sorted_key = skey[order]
    new_key = np.empty(n_tok, dtype=bool)
    new_key[:1] = True
    np.not_equal(sorted_key[1:], sorted_key[:-1], out=new_key[1:])
    group = np.cumsum(new_key) - 1
    uniq = sorted_key[new_key]
    tok_count = np.empty(n_tok, dtype=np.intp)
    tok_count[order] = np.bincount(group)[group]
    s_w = mat[voc.rows["S"][uniq % size]]
    s_owner = uniq // size
    n_s = len(sents)
    s_sum = _sum_rows(s_owner, s_w, n_s)
    has_quote = np.bincount(tok_sid, weights=voc.quote[ids], minlength=n_s) > 0

    # targets
    sid = item_sid
    base = bases[sid]
    ga = base + np.fromiter((it[1] for it in items), dtype=np.intp, count=m)
    gb = base + np.fromiter((it[2] for it in items), dtype=np.intp, count=m)
    lo = lo_s[sid]
    hi = hi_s[sid]
    t0 = np.searchsorted(ends, ga, side="right")
    t1 = np.minimum(np.searchsorted(starts, gb, side="left") - 1, hi - 1)
    ok = (t0 <= t1) & (t0 < hi) & (t0 >= lo)
    out = np.empty((m, 3))
    bad = np.flatnonzero(~ok)
    for k in bad.tolist():
        out[k] = _predict_one(items[k])
    good = np.flatnonzero(ok)
    if not len(good):
        return out
    sid, lo, hi, t0, t1 = sid[good], lo[good], hi[good], t0[good], t1[good]
    n_t = len(good)
    scores = np.array([items[k][3][:3] for k in good.tolist()], dtype=float).reshape(n_t, 3)
    tc = cid[t0]
    c_first = np.searchsorted(cid, tc, side="left")
    c_last = np.searchsorted(cid, tc, side="right") - 1
    a = starts[t0]
    b = ends[t1]
    n = hi - lo
    dense: dict[str, Any] = {
        "bias_compound": scores[:, 0],
        "s_pos": scores[:, 1],
        "s_neg": scores[:, 2],
        "rel_pos": (t0 - lo) / np.maximum(n, 1),
        "first": ((t0 - lo) <= 1).astype(float),
    }
    bin_k: list[Any] = []
    bin_r: list[Any] = []

    def binary(owner: Any, rows: Any) -> None:
        bin_k.append(owner)
        bin_r.append(rows)

    every = np.arange(n_t)
    # opinion words of the sentence (outside the target)
    nz = np.flatnonzero(vals != 0)
    f_nz = np.searchsorted(nz, lo)
    pk, pj = _ranges(f_nz, np.searchsorted(nz, hi) - f_nz)
    pi = nz[pj]
    left = pi < t0[pk]
    keep = left | (pi > t1[pk])
    pk, pi, left = pk[keep], pi[keep], left[keep]
    v = vals[pi]
    dist = np.where(left, t0[pk] - pi, pi - t1[pk])
    inc = cid[pi] == tc[pk]

    def total(sel: Any, w: Any) -> Any:
        return np.bincount(pk[sel], weights=w[sel], minlength=n_t)

    right = ~left
    right_sum = total(right, v)
    dense["left_val"] = total(left, v) / 4.0
    dense["right_val"] = right_sum / 4.0
    dense["near_val"] = np.bincount(pk, weights=v / (1.0 + dist), minlength=n_t)
    dense["clause_val"] = total(inc, v) / 4.0
    dense["clause_pos"] = total(inc & (v > 0), v) / 4.0
    dense["clause_neg"] = -total(inc & (v < 0), v) / 4.0
    dense["clause_left_val"] = total(inc & left, v) / 4.0
    dense["clause_right_val"] = total(inc & right, v) / 4.0
    binary(pk[left], voc.rows["SL"][wid[pi[left]]])
    binary(pk[right], voc.rows["SR"][wid[pi[right]]])
    for side, sel in (("l", left & (dist <= 10)), ("r", right & (dist <= 10))):
        # pairs are sorted by target, then token: the nearest is the last (left) or first (right)
        sk, si = pk[sel], pi[sel]
        change = sk[1:] != sk[:-1]
        edge = np.flatnonzero(np.concatenate((change, _TRUE) if side == "l" else (_TRUE, change)))
        edge = edge[: len(sk)]  # (no pair: no edge)
        nv = np.zeros(n_t)
        nv[sk[edge]] = vals[si[edge]]
        dense["nearest_" + side] = nv / 4.0
        dense["nearest_" + side + "_pos"] = nv > 0
        dense["nearest_" + side + "_neg"] = nv < 0
    # VADER word sentiments: left, right and in the target's clause
    ws_off: list[int] = []
    ws_val: list[float] = []
    ws_cnt = np.zeros(n_s, dtype=np.intp)
    for j, (s, ws) in enumerate(zip(sents, given_ws, strict=True)):
        if ws is None:
            ws = word_sentiments(s)
        ws_cnt[j] = len(ws)
        b0 = int(bases[j])
        for o, wv in ws:
            ws_off.append(b0 + o)
            ws_val.append(wv)
    w_first = np.cumsum(ws_cnt) - ws_cnt
    qk, qj = _ranges(w_first[sid], ws_cnt[sid])
    wo = np.array(ws_off, dtype=np.intp)[qj] if ws_off else np.zeros(0, dtype=np.intp)
    wv = np.array(ws_val, dtype=float)[qj] if ws_val else np.zeros(0)
    cs, ce = starts[c_first], ends[c_last]
    lv = np.bincount(qk, weights=np.where(wo < a[qk], wv, 0.0), minlength=n_t)
    rv = np.bincount(qk, weights=np.where(wo >= b[qk], wv, 0.0), minlength=n_t)
    in_c = (cs[qk] <= wo) & (wo < ce[qk]) & ~((a[qk] <= wo) & (wo < b[qk]))
    cv = np.bincount(qk, weights=np.where(in_c, wv, 0.0), minlength=n_t)
    for name, x in (("clause_vader", cv), ("left_vader", lv), ("right_vader", rv)):
        dense[name] = _DENSE * np.where(x != 0, x / np.sqrt(x * x + 15.0), 0.0)
    # word windows, adjacent words and word pairs
    # (windows as target x position matrices; positions outside the sentence take the zero row)
    wid_pad = np.concatenate((wid, _ZERO))  # index n_tok: no word
    nxt = np.concatenate((wid[1:], _ZERO, _ZERO))
    lw = t0[:, None] + np.arange(-_WINDOW, 0)
    lw = np.where(lw >= lo[:, None], lw, n_tok)
    rw = t1[:, None] + np.arange(1, _WINDOW + 1)
    rw = np.where(rw < hi[:, None], rw, n_tok)
    owner5 = np.repeat(every, _WINDOW)
    binary(owner5, voc.rows["L"][wid_pad[lw]].ravel())
    binary(owner5, voc.rows["R"][wid_pad[rw]].ravel())
    # word pairs (j, j + 1) inside each window (key -1: no pair)
    owner4 = np.repeat(every, _WINDOW - 1)
    lw2 = lw[:, :-1].ravel()
    binary(owner4, _pair_rows(voc, "L2", np.where(lw2 < n_tok, wid_pad[lw2] * size + nxt[lw2], -1)))
    rw2 = np.where(rw[:, 1:] < n_tok, rw[:, :-1], n_tok).ravel()
    binary(owner4, _pair_rows(voc, "R2", np.where(rw2 < n_tok, wid_pad[rw2] * size + nxt[rw2], -1)))
    binary(every, np.where(t0 > lo, voc.rows["P1"][wid[np.maximum(t0 - 1, 0)]], fixed["P1:<S>"]))
    has1 = t1 + 1 < hi
    binary(every, np.where(has1, voc.rows["N1"][wid[np.minimum(t1 + 1, n_tok - 1)]], fixed["N1:</S>"]))
    sel = np.flatnonzero(t1 + 2 < hi)
    binary(sel, _pair_rows(voc, "N2", wid[t1[sel] + 1] * size + wid[t1[sel] + 2]))
    # nearest content words in the target's clause
    ar = np.arange(n_tok)
    nc_next = np.concatenate((np.minimum.accumulate(np.where(content, ar, n_tok)[::-1])[::-1], [n_tok]))
    nc_prev = np.maximum.accumulate(np.where(content, ar, -1))
    nc1 = nc_next[t1 + 1]
    ok1 = nc1 <= c_last
    sel = np.flatnonzero(ok1)
    binary(sel, voc.rows["NC"][wid[nc1[sel]]])
    nc2 = nc_next[np.minimum(nc1 + 1, n_tok)]
    sel = np.flatnonzero(ok1 & (nc2 <= c_last))
    binary(sel, voc.rows["NC2"][wid[nc2[sel]]])
    pc = np.where(t0 > 0, nc_prev[np.maximum(t0 - 1, 0)], -1)
    sel = np.flatnonzero(pc >= c_first)
    binary(sel, voc.rows["PC"][wid[pc[sel]]])
    # the clause's words outside the target, and whether the clause holds a negation word
    ck, cj = _ranges(np.concatenate((c_first, t1 + 1)), np.concatenate((t0 - c_first, c_last - t1)))
    binary(ck % n_t, voc.rows["C"][wid[cj]])
    neg_cum = np.concatenate(([0], np.cumsum(negw)))
    dense["clause_negated"] = neg_cum[c_last + 1] > neg_cum[c_first]
    # reported speech, quotation, pronoun
    speech = voc.speech[ids]
    sp = (has1 & speech[np.minimum(t1 + 1, n_tok - 1)]) | (
        (t1 + 2 < hi) & speech[np.minimum(t1 + 2, n_tok - 1)]
    )
    dense["speaker"] = sp
    dense["speaker_x_compound"] = np.where(sp, scores[:, 0], 0.0)
    dense["speaker_x_right"] = np.where(sp, right_sum / 4.0, 0.0)
    # inside a quotation (as _in_quote): every quotation mark is a token of its own
    q_open = np.concatenate(([0], np.cumsum(ids == voc.ids["“"])))
    q_close = np.concatenate(([0], np.cumsum(ids == voc.ids["”"])))
    q_plain = np.concatenate(([0], np.cumsum(ids == voc.ids['"'])))
    opens = (q_open[t0] - q_open[lo]) + (q_plain[t0] - q_plain[lo]) % 2
    dense["in_quote"] = opens > q_close[t0] - q_close[lo]
    dense["has_quote"] = has_quote[sid]
    dense["pronoun"] = (t0 == t1) & voc.pronoun[ids[t0]]
    dense["S:<T>"] = np.ones(n_t)

    # linear part: intercept + sentence words + dense features + distinct binary features
    z = s_sum[sid] + np.asarray(intercept)
    names = list(dense)
    dmat = np.array([dense[k] for k in names], dtype=float).T
    z += dmat @ mat[[fixed[k] for k in names]]
    bk = np.concatenate(bin_k)
    br = np.concatenate(bin_r)
    n_rows = len(mat)
    key = bk * n_rows + br
    key.sort()
    if len(key) > 1:
        key = key[np.concatenate(([True], key[1:] != key[:-1]))]
    bk, br = key // n_rows, key % n_rows
    z += _sum_rows(bk, mat[br], n_t)
    # words that occur in the sentence only inside the target are not sentence words
    if (t0 == t1).all():  # one token per target
        sel = np.flatnonzero(tok_count[t0] == 1)
        z[sel] -= mat[voc.rows["S"][wid[t0[sel]]]]
    else:
        tk, ti = _ranges(t0, t1 - t0 + 1)
        key = tk * size + wid[ti]
        order = np.argsort(key, kind="stable")
        key, ti = key[order], ti[order]
        start = np.flatnonzero(np.concatenate((_TRUE, key[1:] != key[:-1])))
        inside = np.diff(np.concatenate((start, [len(key)])))
        sel = start[inside >= tok_count[ti[start]]]
        z -= _sum_rows(key[sel] // size, mat[voc.rows["S"][wid[ti[sel]]]], n_t)
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    out[good] = z
    return out
