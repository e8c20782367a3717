"""Target-dependent sentiment model (private): features and a shipped linear classifier.

The classifier is a multinomial logistic regression trained on NewsMTSC ``train.jsonl`` (Hamborg &
Donnay, EACL 2021; MIT licence) by ``benchmarks/train_target_sentiment.py`` and shipped as JSON
weights (``compare/data/target_sentiment.json``: feature name -> one coefficient per class). It is
loaded on first use; inference is plain Python (no scikit-learn).

Features of a target mention in a sentence (all computed from the sentence alone):

- VADER compound/pos/neg of the whole sentence, and VADER compound of the target's clause and of
  the text left and right of the target;
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

Two paths compute the same numbers. :func:`features` + :func:`predict_proba` is the reference
(readable, one feature dict per target; the training script uses it). :func:`predict_spans` is
what the library calls: it analyses each sentence once for all its targets (tokens, valences,
clauses, masked words and the sum of the sentence-word weights), maps features straight to rows of
the weight matrix, and scores a whole article's targets with one sparse product (numpy). Results
agree with the reference up to the order of floating-point additions (|difference| ~1e-16; the
reference's own order varies between processes, as it iterates over a set), which
``tests/scores/test_sentiment.py`` checks.
"""

from __future__ import annotations

import functools
import itertools
import json
import math
import re
from bisect import bisect_left, bisect_right
from importlib import resources
from typing import Any

from ._vader import polarity_scores

__all__ = ["MODEL_FILE", "features", "load_model", "predict_proba", "predict_spans", "vader_lexicon"]

MODEL_FILE = "target_sentiment.json"
CLASSES = ("negative", "neutral", "positive")

_TOKEN_RE = re.compile(r"\w+(?:['’\-]\w+)*|[^\w\s]")
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


def features(
    sentence: str, start: int, end: int, sentence_scores: tuple[float, float, float]
) -> dict[str, float]:
    """Feature dict of the target ``sentence[start:end]``.

    ``sentence_scores`` is VADER's (compound, pos, neg) for the whole sentence.
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
    f["clause_vader"] = _DENSE * polarity_scores(sentence[cs:ce]).compound if ce > cs else 0.0
    left_text = sentence[: toks[t0][0]]
    right_text = sentence[toks[t1][1] :]
    f["left_vader"] = _DENSE * polarity_scores(left_text).compound if left_text.strip() else 0.0
    f["right_vader"] = _DENSE * polarity_scores(right_text).compound if right_text.strip() else 0.0
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
        "n",
        "nz",
        "s_rows",
        "s_sum",
        "starts",
        "toks",
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


@functools.lru_cache(maxsize=4096)
def _sentence_context(sentence: str) -> _Sentence:
    """One pass over the sentence: what ``_analyse_sentence`` and ``_base_words`` give, and more."""
    lex = vader_lexicon()
    index = _index()[0]
    weights = load_model()["weights"]
    zero_row = len(index)
    norm = sentence.replace("’", "'")  # same length: offsets are unchanged
    spans = [m.span() for m in _TOKEN_RE.finditer(norm)]
    lowered = norm.lower()
    per_char = len(lowered) == len(norm) and "Σ" not in norm  # lower-casing is per character here
    toks = []
    vals = []
    clauses = []
    words = []
    starts = []
    ends = []
    nz = []
    bounds: dict[int, list[int]] = {}
    negated = set()
    counts: dict[str, int] = {}
    neg_left = 0
    c = 0
    negate = _NEGATE
    breaks = _CLAUSE_BREAK_OR_WORD
    pronouns = _PRONOUNS
    get = lex.get
    has_quote = False
    bound = bounds[0] = [0, -1]
    for i, (a, b) in enumerate(spans):
        low = lowered[a:b] if per_char else norm[a:b].lower()
        txt = sentence[a:b]
        toks.append((a, b, low, txt))
        starts.append(a)
        ends.append(b)
        v = get(low, 0.0)
        if v:
            if neg_left > 0:
                v = -0.74 * v
            nz.append(i)
        vals.append(v)
        is_neg = low in negate
        if is_neg or low.endswith("n't"):
            neg_left = 3
        elif neg_left:
            neg_left -= 1
        if low in breaks:
            c += 1
            bound = bounds[c] = [i, i]
        else:
            bound[1] = i
        if is_neg:
            negated.add(c)
        clauses.append(c)
        if i > 0 and txt[:1].isupper() and low not in pronouns:
            w = "<N>"
        elif low[:1].isdigit():
            w = "<D>"
        else:
            w = low
            if not has_quote and low in '“”"':
                has_quote = True
        words.append(w)
        counts[w] = counts.get(w, 0) + 1
    if bounds[0][1] < 0:
        del bounds[0]
    ctx = _Sentence()
    ctx.toks = toks
    ctx.vals = vals
    ctx.clauses = clauses
    ctx.words = words
    ctx.n = len(toks)
    ctx.starts = starts
    ctx.ends = ends
    ctx.nz = nz
    ctx.clause_bounds = bounds
    ctx.clause_negated = negated
    ctx.counts = counts
    s_rows = {}
    s0 = s1 = s2 = 0.0
    for w in counts:
        name = "S:" + w
        coef = weights.get(name)
        if coef is not None:
            s_rows[w] = index[name]
            s0 += coef[0]
            s1 += coef[1]
            s2 += coef[2]
        else:
            s_rows[w] = zero_row
    ctx.s_rows = s_rows
    ctx.s_sum = (s0, s1, s2)
    ctx.has_quote = has_quote
    return ctx


def _target_rows(
    sentence: str, ctx: _Sentence, start: int, end: int, sentence_scores: tuple[float, float, float]
) -> tuple[dict[int, float], bool]:
    """The features of ``features(sentence, start, end, ...)`` as weight-matrix row -> value.

    The second item says whether the sentence's "S:" words (``ctx.s_sum``) are to be added; the
    dict then holds -1 for the words that occur only inside the target (they are masked).
    Features outside the model map to the zero row.
    """
    index = _index()[0]
    z = len(index)
    get = index.get
    toks = ctx.toks
    vals = ctx.vals
    clauses = ctx.clauses
    n = ctx.n
    feat: dict[int, float] = {
        get("bias_compound", z): sentence_scores[0],
        get("s_pos", z): sentence_scores[1],
        get("s_neg", z): sentence_scores[2],
    }
    # tokens overlapping [start, end): tokens are sorted and disjoint
    t0 = bisect_right(ctx.ends, start)
    t1 = bisect_left(ctx.starts, end) - 1
    if t0 > t1:
        if not n:
            return feat, False
        t0 = t1 = min(range(n), key=lambda i: min(abs(toks[i][0] - start), abs(toks[i][1] - end)))
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
    feat[get("clause_val", z)] = clause_sum / 4.0
    feat[get("clause_pos", z)] = clause_pos / 4.0
    feat[get("clause_neg", z)] = clause_neg / 4.0
    feat[get("left_val", z)] = left_sum / 4.0
    feat[get("right_val", z)] = right_sum / 4.0
    feat[get("near_val", z)] = near
    feat[get("clause_left_val", z)] = cl_left / 4.0
    feat[get("clause_right_val", z)] = cl_right / 4.0
    for i in range(t0 - 1, max(-1, t0 - 1 - _WINDOW * 2), -1):
        if vals[i]:
            feat[get("nearest_l", z)] = vals[i] / 4.0
            feat[get("nearest_l_pos" if vals[i] > 0 else "nearest_l_neg", z)] = 1.0
            break
    for i in range(t1 + 1, min(n, t1 + 1 + _WINDOW * 2)):
        if vals[i]:
            feat[get("nearest_r", z)] = vals[i] / 4.0
            feat[get("nearest_r_pos" if vals[i] > 0 else "nearest_r_neg", z)] = 1.0
            break
    c_first, c_last = ctx.clause_bounds[tclause]
    cs, ce = toks[c_first][0], toks[c_last][1]
    feat[get("clause_vader", z)] = _DENSE * polarity_scores(sentence[cs:ce]).compound if ce > cs else 0.0
    left_text = sentence[: toks[t0][0]]
    right_text = sentence[toks[t1][1] :]
    feat[get("left_vader", z)] = _DENSE * polarity_scores(left_text).compound if left_text.strip() else 0.0
    feat[get("right_vader", z)] = _DENSE * polarity_scores(right_text).compound if right_text.strip() else 0.0
    feat[get("rel_pos", z)] = t0 / max(n, 1)
    feat[get("first", z)] = 1.0 if t0 <= 1 else 0.0

    words = ctx.words
    lw = words[max(0, t0 - _WINDOW) : t0]
    rw = words[t1 + 1 : t1 + 1 + _WINDOW]
    for w in lw:
        feat[get("L:" + w, z)] = 1.0
    for w in rw:
        feat[get("R:" + w, z)] = 1.0
    for a, b in itertools.pairwise(lw):
        feat[get("L2:" + a + "_" + b, z)] = 1.0
    for a, b in itertools.pairwise(rw):
        feat[get("R2:" + a + "_" + b, z)] = 1.0
    feat[get("P1:" + (words[t0 - 1] if t0 > 0 else "<S>"), z)] = 1.0
    feat[get("N1:" + (words[t1 + 1] if t1 + 1 < n else "</S>"), z)] = 1.0
    if t1 + 2 < n:
        feat[get("N2:" + words[t1 + 1] + "_" + words[t1 + 2], z)] = 1.0
    found = 0
    for i in range(t1 + 1, c_last + 1):
        w = words[i]
        if w not in _STOP and w[:1].isalpha():
            feat[get(("NC:" if not found else "NC2:") + w, z)] = 1.0
            found += 1
            if found == 2:
                break
    if tclause in ctx.clause_negated:
        feat[get("clause_negated", z)] = 1.0
    for i in range(t0 - 1, c_first - 1, -1):
        w = words[i]
        if w not in _STOP and w[:1].isalpha():
            feat[get("PC:" + w, z)] = 1.0
            break
    for i in range(c_first, t0):
        feat[get("C:" + words[i], z)] = 1.0
    for i in range(t1 + 1, c_last + 1):
        feat[get("C:" + words[i], z)] = 1.0
    for i in ctx.nz:
        if i < t0:
            feat[get("SL:" + words[i], z)] = 1.0
        elif i > t1:
            feat[get("SR:" + words[i], z)] = 1.0
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
    feat[get("S:<T>", z)] = 1.0
    speaker_x = 0.0
    if t1 + 1 < n and (toks[t1 + 1][2] in _SPEECH or (t1 + 2 < n and toks[t1 + 2][2] in _SPEECH)):
        feat[get("speaker", z)] = 1.0
        speaker_x = sentence_scores[0]
        feat[get("speaker_x_right", z)] = right_sum / 4.0
    feat[get("speaker_x_compound", z)] = speaker_x
    if _in_quote(sentence, toks[t0][0]):
        feat[get("in_quote", z)] = 1.0
    if ctx.has_quote:
        feat[get("has_quote", z)] = 1.0
    if t0 == t1 and toks[t0][2] in _PRONOUNS:
        feat[get("pronoun", z)] = 1.0
    return feat, True


@functools.cache
def _row_weights() -> list[tuple[float, float, float]]:
    """The rows of the weight matrix as tuples (the last one all zeros)."""
    return [tuple(r) for r in _index()[1].tolist()]


def _predict_one(
    sentence: str, start: int, end: int, sentence_scores: tuple[float, float, float]
) -> tuple[float, float, float]:
    ctx = _sentence_context(sentence)
    feat, with_s = _target_rows(sentence, ctx, start, end, sentence_scores)
    z0, z1, z2 = _index()[2]
    if with_s:
        z0 += ctx.s_sum[0]
        z1 += ctx.s_sum[1]
        z2 += ctx.s_sum[2]
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


def predict_spans(
    items: list[tuple[str, int, int, tuple[float, float, float]]],
) -> list[tuple[float, float, float]]:
    """Class probabilities of many targets at once.

    ``items`` holds ``(sentence, start, end, sentence_scores)`` per target, as for
    :func:`features`. The result equals ``predict_proba(features(...))`` for each item, up to the
    order of floating-point additions (about 1e-15; the order of ``features`` itself varies
    between processes, as it iterates over a set of words): the features of a sentence are
    computed once for all its targets, and the linear part is one sparse product.
    """
    if not items:
        return []
    if len(items) <= 4:  # too few for numpy's fixed costs: plain Python sums
        return [_predict_one(*item) for item in items]
    import numpy as np

    _, mat, intercept = _index()
    rows: list[int] = []
    values: list[float] = []
    owner: list[int] = []
    offsets: list[tuple[float, float, float]] = []
    zero = (0.0, 0.0, 0.0)
    for k, (sentence, start, end, scores) in enumerate(items):
        ctx = _sentence_context(sentence)
        feat, with_s = _target_rows(sentence, ctx, start, end, scores)
        offsets.append(ctx.s_sum if with_s else zero)
        rows.extend(feat)
        values.extend(feat.values())
        owner.extend([k] * len(feat))
    m = len(items)
    r = np.fromiter(rows, dtype=np.intp, count=len(rows))
    v = np.fromiter(values, dtype=float, count=len(values))
    o = np.fromiter(owner, dtype=np.intp, count=len(owner))
    contrib = mat[r] * v[:, None]
    z = np.array(offsets, dtype=float).reshape(m, 3)
    for c in range(3):
        z[:, c] += np.bincount(o, weights=contrib[:, c], minlength=m) + intercept[c]
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return [tuple(p) for p in z.tolist()]
