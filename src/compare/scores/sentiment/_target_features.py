"""Features of a target mention in its sentence: the one implementation (private).

Training (``benchmarks/train_target_sentiment.py``), :func:`compare.scores.target_sentiment` and
the sentiment family's actor rows all call :func:`make_batch` and :func:`features`; there is no
second path. Tokens are the :class:`~compare.text.Document`'s (``doc.token_lowers``,
``doc.token_texts``, ``doc.token_kinds``, offsets), never re-tokenised here.

A batch holds the distinct sentences of its targets, token after token. Every token's word is an
id of a :class:`Vocab` (unknown words: 0), and every feature is an array operation over all
targets at once. Features of a target (all from its sentence):

- VADER's scores of the sentence, and VADER's word sentiments (each word's valence after all of
  VADER's rules) summed left of the target, right of it and in its clause;
- lexicon valences (VADER's lexicon, overridden by the portrayal list of
  :mod:`._target_lexicon`; the next three words after a negation flipped) summed over the
  target's clause, each side, by distance; the nearest opinion word on each side; whether the
  clause is negated;
- the target's own descriptors: words before it in its noun phrase ("the Russian dictator X"),
  an appositive ("X, a former comedian,"), the predicate after a copula ("X is clearly unable
  to ..."), the complement of a verb of calling ("calling X a puppet"), their summed valence,
  and incapacity or refusal right after the target ("X failed to");
- reported speech: a verb of saying right after the target, inside a quotation, quotes in the
  sentence; a lone pronoun as target;
- words: unigrams and bigrams in five-word windows by side, the adjacent words, the nearest
  content words after and before the target in its clause, the clause's words, the sentence's
  opinion words by side and all of its words. The target and other capitalised names are masked
  (``<T>``, ``<N>``; numbers ``<D>``), so the model learns contexts, not people.

A binary feature is a key ``(template * size + a) * size + b`` (``a`` = 0 for one word);
:func:`feature_name` spells it (``"L:word"``, ``"L2:word word"``).
"""

from __future__ import annotations

import functools
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from operator import itemgetter, methodcaller
from typing import Any, NamedTuple

import numpy as np

from . import _target_lexicon as lx

__all__ = [
    "DENSE",
    "TEMPLATES",
    "Batch",
    "Features",
    "Vocab",
    "build_vocab",
    "feature_key",
    "feature_name",
    "features",
    "lexicon",
    "make_batch",
    "target_sentence",
]

WINDOW = 5  # words on each side of the target
NEAREST = 10  # the nearest opinion word is looked for this many words away
_SCALE = 3.0  # VADER word-sentiment features are scaled up (less shrunk by the L2 penalty)
NEGATION_FLIP = -0.74  # VADER's N_SCALAR

#: Dense features, in the order of the columns of :attr:`Features.dense`.
DENSE = (
    "bias_compound", "s_pos", "s_neg",
    "clause_val", "clause_pos", "clause_neg", "left_val", "right_val", "near_val",
    "clause_left_val", "clause_right_val",
    "nearest_l", "nearest_l_pos", "nearest_l_neg", "nearest_r", "nearest_r_pos", "nearest_r_neg",
    "clause_vader", "left_vader", "right_vader", "rel_pos", "first", "clause_negated",
    "speaker", "speaker_x_compound", "speaker_x_right", "in_quote", "has_quote", "pronoun",
    "desc_val", "desc_neg", "desc_pos", "incapacity",
)  # fmt: skip
#: Binary feature templates: one word, then two words.
TEMPLATES = ("S", "C", "L", "R", "P1", "N1", "NC", "NC2", "PC", "SL", "SR", "L2", "R2", "N2")
_T = {name: i for i, name in enumerate(TEMPLATES)}
_PAIRS = frozenset(("L2", "R2", "N2"))
_ONE_WORD = np.array([name not in _PAIRS for name in TEMPLATES])
SPECIALS = ("<N>", "<D>", "<T>", "<S>", "</S>")
_TRUE = np.ones(1, dtype=bool)


class Vocab(NamedTuple):
    """Word ids and what the features need to know of each word (arrays indexed by id)."""

    ids: dict[str, int]  # word (both apostrophes) -> id >= 1; unknown words are 0
    words: tuple[str, ...]  # id -> word ("" for 0)
    val: Any  # lexicon valence
    flags: dict[str, Any]  # name -> bool array


_FLAG_WORDS = {
    "neg": lx.NEGATIONS,
    "brk": lx.CLAUSE_BREAKS | lx.CLAUSE_WORDS,
    "speech": lx.SPEECH,
    "pronoun": lx.PRONOUNS,
    "stop": lx.STOP,
    "q_open": lx.QUOTE_OPEN,
    "q_close": lx.QUOTE_CLOSE,
    "q_plain": lx.QUOTE_PLAIN,
    "text_break": lx.TEXT_BREAKS,
    "subject_break": lx.TEXT_BREAKS | lx.SUBJECT_BREAKS,
    "call_break": frozenset(",;.") | lx.SUBJECT_BREAKS,
    "pre_break": lx.TEXT_BREAKS | lx.STOP | lx.SPEECH,
    "det": lx.DETERMINERS,
    "copula": lx.COPULAS,
    "aux": lx.AUXILIARIES,
    "calling": lx.CALLING,
    "incapacity": lx.INCAPACITY,
    "not": frozenset(("not",)),
    "able": frozenset(("able", "capable")),
    "comma": frozenset(","),
}


@functools.cache
def lexicon() -> dict[str, float]:
    """Valence of each word: VADER's lexicon, overridden by :data:`._target_lexicon.PORTRAYAL`."""
    from ._vader import _tables

    return {**_tables().lexicon, **lx.PORTRAYAL}


def build_vocab(words: Iterable[str]) -> Vocab:
    """A vocabulary of ``words`` plus every word a lexicon, a word list or a template names."""
    lex = lexicon()
    every = set(words) | set(lex) | set(SPECIALS)
    for members in _FLAG_WORDS.values():
        every |= members
    every = {w.replace("’", "'") for w in every}
    ordered = ("", *sorted(every))
    ids = {w: i for i, w in enumerate(ordered) if i}
    for w, i in list(ids.items()):
        if "'" in w:
            ids[w.replace("'", "’")] = i
    size = len(ordered)
    val = np.zeros(size)
    for w, v in lex.items():
        val[ids[w.replace("’", "'")]] = v
    flags = {}
    for name, members in _FLAG_WORDS.items():
        arr = np.zeros(size, dtype=bool)
        arr[[ids[w.replace("’", "'")] for w in members]] = True
        flags[name] = arr
    ends_nt = np.array([w.endswith("n't") for w in ordered], dtype=bool)
    # a word ending in n't negates, and so does incapacity ("unable to understand")
    flags["neg"] = flags["neg"] | ends_nt | flags["incapacity"]
    return Vocab(ids=ids, words=ordered, val=val, flags=flags)


def feature_name(key: int, vocab: Vocab) -> str:
    """The name of the binary feature ``key`` (``"L:word"``, ``"L2:word word"``)."""
    size = len(vocab.words)
    tpl, rest = divmod(int(key), size * size)
    a, b = divmod(rest, size)
    name = TEMPLATES[tpl]
    if name in _PAIRS:
        return f"{name}:{vocab.words[a]} {vocab.words[b]}"
    return f"{name}:{vocab.words[b]}"


def feature_key(name: str, vocab: Vocab) -> int | None:
    """The key of the binary feature ``name`` (None if a word is not in ``vocab``)."""
    size = len(vocab.words)
    tpl, _, rest = name.partition(":")
    parts = rest.split(" ") if tpl in _PAIRS else [rest]
    ids = [vocab.ids.get(w) for w in parts]
    if any(i is None for i in ids):
        return None
    a, b = (ids[0], ids[1]) if len(ids) == 2 else (0, ids[0])
    return (_T[tpl] * size + a) * size + b  # type: ignore[operator]


# ------------------------------------------------------------------------------------------------
# batches
# ------------------------------------------------------------------------------------------------
class Batch(NamedTuple):
    """The distinct sentences of some targets, token after token, and the targets' token ranges."""

    lowers: list[str]  # lower-cased token texts
    upper: Any  # first character upper-case
    alpha: Any  # first character a letter
    number: Any  # first character a digit or a currency sign (as the Document's number tokens)
    nt: Any  # ends in "n't" (a negation, whether the vocabulary knows the word or not)
    sent: Any  # sentence of each token (in the batch)
    lo: Any  # first token of each sentence
    hi: Any  # end (exclusive) of each sentence's tokens
    wsent: Any  # VADER word sentiment carried by each token
    scores: Any  # (sentences, 3): VADER compound, pos, neg
    target_sent: Any  # sentence of each target
    t0: Any  # first token of each target (-1: a sentence without tokens)
    t1: Any  # last token of each target


_FIRST = itemgetter(0)
_ENDS_NT = methodcaller("endswith", ("n't", "n’t"))


@functools.cache
def _ascii_classes() -> Any:
    """(3, 128) table: upper-case, letter, digit or currency sign, for each ASCII code point."""
    chars = [chr(c) for c in range(128)]
    return np.array(
        [
            [c.isupper() for c in chars],
            [c.isalpha() for c in chars],
            [c.isdigit() or c == "$" for c in chars],
        ],
        dtype=bool,
    )


def _first_classes(firsts: str) -> tuple[Any, Any, Any]:
    """Upper-case, letter, and digit-or-currency flags of each character of ``firsts``."""
    codes = np.frombuffer(firsts.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    upper, alpha, number = _ascii_classes()[:, np.minimum(codes, 127)]
    for i in np.flatnonzero(codes > 127).tolist():
        ch = firsts[i]
        upper[i], alpha[i], number[i] = ch.isupper(), ch.isalpha(), ch.isdigit() or ch in "€£¥"
    return upper, alpha, number


VaderFn = Callable[[Any, int], tuple[tuple[float, float, float], Sequence[tuple[int, float]]]]


def make_batch(items: Sequence[tuple[Any, int, int, int]], vader: VaderFn) -> Batch:
    """A :class:`Batch` of targets given as ``(doc, sentence, start, end)``.

    ``start``/``end`` are character offsets in ``doc.text`` (clipped to the sentence); a target
    that overlaps no token is its nearest token. ``vader(doc, sentence)`` gives the sentence's
    ``(compound, pos, neg)`` and its VADER word sentiments (``(offset in the sentence, value)``).
    """
    slot: dict[tuple[int, int], int] = {}
    lowers: list[str] = []
    texts: list[str] = []
    sent_lo: list[int] = []
    sent_hi: list[int] = []
    scores: list[tuple[float, float, float]] = []
    wpos: list[int] = []
    wval: list[float] = []
    target_sent: list[int] = []
    t0s: list[int] = []
    t1s: list[int] = []
    for doc, si, start, end in items:
        key = (id(doc), si)
        j = slot.get(key)
        sentence = doc.sentences[si]
        ts, te = sentence.token_start, sentence.token_end
        base = len(lowers)
        if j is None:
            j = slot[key] = len(sent_lo)
            lowers.extend(doc.token_lowers[ts:te])
            texts.extend(doc.token_texts[ts:te])
            sent_lo.append(base)
            sent_hi.append(len(lowers))
            sc, ws = vader(doc, si)
            scores.append(sc)
            ends = doc.token_ends
            for off, v in ws:  # the token in which VADER's (whitespace) word starts
                k = bisect_right(ends, sentence.start + off, ts, te)
                if k < te:
                    wpos.append(base + k - ts)
                    wval.append(v)
        else:
            base = sent_lo[j]
        target_sent.append(j)
        if ts == te:
            t0s.append(-1)
            t1s.append(-1)
            continue
        starts, ends = doc.token_starts, doc.token_ends
        start, end = max(start, sentence.start), min(end, sentence.end)
        a = bisect_right(ends, start, ts, te)
        b = bisect_left(starts, end, ts, te) - 1
        if a > b:  # between tokens: the nearest one
            a = b = min(range(ts, te), key=lambda i: min(abs(starts[i] - start), abs(ends[i] - end)))
        t0s.append(base + a - ts)
        t1s.append(base + b - ts)
    n = len(lowers)
    upper, alpha, number = _first_classes("".join(map(_FIRST, texts)))
    lo = np.array(sent_lo, dtype=np.intp)
    hi = np.array(sent_hi, dtype=np.intp)
    wsent = np.zeros(n)
    np.add.at(wsent, np.array(wpos, dtype=np.intp), np.array(wval, dtype=float))
    return Batch(
        lowers=lowers,
        upper=upper,
        alpha=alpha,
        number=number,
        nt=np.fromiter(map(_ENDS_NT, lowers), dtype=bool, count=n),
        sent=np.repeat(np.arange(len(sent_lo)), hi - lo),
        lo=lo,
        hi=hi,
        wsent=wsent,
        scores=np.array(scores, dtype=float).reshape(len(scores), 3),
        target_sent=np.array(target_sent, dtype=np.intp),
        t0=np.array(t0s, dtype=np.intp),
        t1=np.array(t1s, dtype=np.intp),
    )


# ------------------------------------------------------------------------------------------------
# features
# ------------------------------------------------------------------------------------------------
class Features(NamedTuple):
    """Features of a batch's targets: dense columns (:data:`DENSE`) and binary (target, key) pairs."""

    dense: Any  # (targets, len(DENSE))
    owner: Any  # target of each binary feature (sorted, no duplicate pair)
    key: Any  # its key (int64)


def _ranges(first: Any, counts: Any) -> tuple[Any, Any]:
    """(owner, index) of every index in ``[first[k], first[k] + counts[k])``, for every k."""
    counts = np.maximum(counts, 0)
    owner = np.repeat(np.arange(len(counts)), counts)
    offset = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return owner, np.repeat(first, counts) + offset


def _cum(x: Any) -> Any:
    """Running sums with a leading 0: the sum over ``[a, b)`` is ``c[b] - c[a]``."""
    return np.concatenate(([0], np.cumsum(x)))


def _next(mask: Any, n: int) -> Any:
    """For each index i, the first j >= i with ``mask[j]`` (n if none); index n gives n."""
    idx = np.where(mask, np.arange(n), n)
    return np.concatenate((np.minimum.accumulate(idx[::-1])[::-1], [n]))


def features(batch: Batch, vocab: Vocab) -> Features:
    """The features of every target of ``batch``, with the word ids of ``vocab``."""
    b = batch
    n_tok = len(b.lowers)
    m = len(b.t0)
    size = len(vocab.words)
    fl = vocab.flags
    dense = np.zeros((m, len(DENSE)))
    col = {name: i for i, name in enumerate(DENSE)}
    sc = b.scores[b.target_sent] if m else np.zeros((0, 3))
    dense[:, 0:3] = sc
    empty = Features(dense, np.zeros(0, dtype=np.intp), np.zeros(0, dtype=np.int64))
    good = np.flatnonzero(b.t0 >= 0)
    if not len(good) or not n_tok:
        return empty
    ids = np.fromiter(map(vocab.ids.get, b.lowers, repeat(0)), dtype=np.intp, count=n_tok)
    loc = np.arange(n_tok) - b.lo[b.sent]
    # valences, flipped for three words after a negation (in the same sentence)
    trig = fl["neg"][ids] | b.nt
    vals = vocab.val[ids]
    if trig.any():
        flip = np.zeros(n_tok, dtype=bool)
        for d in (1, 2, 3):
            flip[d:] |= trig[:-d] & (loc[d:] >= d)
        vals = np.where(flip, NEGATION_FLIP * vals, vals)
    cid = np.cumsum(fl["brk"][ids] | (loc == 0))  # clause of each token
    mask_n = b.upper & (loc > 0) & ~fl["pronoun"][ids]
    mask_d = b.number & ~mask_n
    wid = np.where(mask_n, vocab.ids["<N>"], np.where(mask_d, vocab.ids["<D>"], ids))
    content = b.alpha & ~mask_n & ~mask_d & ~fl["stop"][ids]

    sid = b.target_sent[good]
    t0, t1 = b.t0[good], b.t1[good]
    lo, hi = b.lo[sid], b.hi[sid]
    n_t = len(good)
    every = np.arange(n_t)
    tc = cid[t0]
    c_first = np.searchsorted(cid, tc, side="left")
    c_last = np.searchsorted(cid, tc, side="right") - 1
    out: dict[str, Any] = {}
    owners: list[Any] = []  # binary features: owner, template, first word (0: one word), word
    tpls: list[int] = []
    firsts: list[Any] = []
    words: list[Any] = []

    def binary(owner: Any, tpl: str, a: Any, w: Any) -> None:
        owners.append(owner)
        tpls.append(_T[tpl])
        firsts.append(a)
        words.append(w)

    # opinion words of the sentence outside the target: (target, token) pairs
    nz = np.flatnonzero(vals != 0)
    f_nz = np.searchsorted(nz, lo)
    pk, pj = _ranges(f_nz, np.searchsorted(nz, hi) - f_nz)
    pi = nz[pj]
    left = pi < t0[pk]
    keep = left | (pi > t1[pk])
    pk, pi, left = pk[keep], pi[keep], left[keep]
    right = ~left
    v = vals[pi]
    dist = np.where(left, t0[pk] - pi, pi - t1[pk])
    inc = cid[pi] == tc[pk]

    def total(sel: Any, w: Any) -> Any:
        return np.bincount(pk[sel], weights=w[sel], minlength=n_t)

    right_sum = total(right, v)
    out["left_val"] = total(left, v) / 4.0
    out["right_val"] = right_sum / 4.0
    out["near_val"] = np.bincount(pk, weights=v / (1.0 + dist), minlength=n_t)
    out["clause_val"] = total(inc, v) / 4.0
    out["clause_pos"] = total(inc & (v > 0), v) / 4.0
    out["clause_neg"] = -total(inc & (v < 0), v) / 4.0
    out["clause_left_val"] = total(inc & left, v) / 4.0
    out["clause_right_val"] = total(inc & right, v) / 4.0
    binary(pk[left], "SL", 0, wid[pi[left]])
    binary(pk[right], "SR", 0, wid[pi[right]])
    for side, sel in (("l", left & (dist <= NEAREST)), ("r", right & (dist <= NEAREST))):
        # pairs are sorted by target, then token: the nearest is the last (left) or first (right)
        sk, si = pk[sel], pi[sel]
        change = sk[1:] != sk[:-1]
        edge = np.flatnonzero(np.concatenate((change, _TRUE) if side == "l" else (_TRUE, change)))[: len(sk)]
        nv = np.zeros(n_t)
        nv[sk[edge]] = vals[si[edge]]
        out["nearest_" + side] = nv / 4.0
        out["nearest_" + side + "_pos"] = nv > 0
        out["nearest_" + side + "_neg"] = nv < 0
    # VADER word sentiments left, right and in the clause (outside the target)
    cw = _cum(b.wsent)
    inside = cw[np.minimum(t1, c_last) + 1] - cw[t0]
    for name, x in (
        ("left_vader", cw[t0] - cw[lo]),
        ("right_vader", cw[hi] - cw[t1 + 1]),
        ("clause_vader", cw[c_last + 1] - cw[c_first] - inside),
    ):
        out[name] = _SCALE * np.where(x != 0, x / np.sqrt(x * x + 15.0), 0.0)
    out["rel_pos"] = (t0 - lo) / np.maximum(hi - lo, 1)
    out["first"] = (t0 - lo) <= 1
    neg_c = _cum(fl["neg"][ids])
    out["clause_negated"] = neg_c[c_last + 1] > neg_c[c_first]

    # words: windows, adjacent words, pairs
    wpad = np.concatenate((wid, [0]))  # index n_tok: no word
    ipad = np.concatenate((ids, [0]))
    nxt = np.concatenate((wid[1:], [0, 0]))
    lw = t0[:, None] + np.arange(-WINDOW, 0)
    lw = np.where(lw >= lo[:, None], lw, n_tok)
    rw = t1[:, None] + np.arange(1, WINDOW + 1)
    rw = np.where(rw < hi[:, None], rw, n_tok)
    own5 = np.repeat(every, WINDOW)
    binary(own5, "L", 0, wpad[lw].ravel())
    binary(own5, "R", 0, wpad[rw].ravel())
    own4 = np.repeat(every, WINDOW - 1)
    lw2 = lw[:, :-1].ravel()
    ok = lw2 < n_tok
    binary(own4[ok], "L2", wpad[lw2[ok]], nxt[lw2[ok]])
    rw2 = np.where(rw[:, 1:] < n_tok, rw[:, :-1], n_tok).ravel()
    ok = rw2 < n_tok
    binary(own4[ok], "R2", wpad[rw2[ok]], nxt[rw2[ok]])
    binary(every, "P1", 0, np.where(t0 > lo, wpad[np.maximum(t0 - 1, 0)], vocab.ids["<S>"]))
    has1 = t1 + 1 < hi
    binary(every, "N1", 0, np.where(has1, wpad[np.minimum(t1 + 1, n_tok)], vocab.ids["</S>"]))
    sel = np.flatnonzero(t1 + 2 < hi)
    binary(sel, "N2", wid[t1[sel] + 1], wid[t1[sel] + 2])
    # nearest content words in the target's clause
    nc_next = _next(content, n_tok)
    nc_prev = np.maximum.accumulate(np.where(content, np.arange(n_tok), -1))
    nc1 = nc_next[t1 + 1]
    ok1 = nc1 <= c_last
    sel = np.flatnonzero(ok1)
    binary(sel, "NC", 0, wid[nc1[sel]])
    nc2 = nc_next[np.minimum(nc1 + 1, n_tok)]
    sel = np.flatnonzero(ok1 & (nc2 <= c_last))
    binary(sel, "NC2", 0, wid[nc2[sel]])
    pc = np.where(t0 > 0, nc_prev[np.maximum(t0 - 1, 0)], -1)
    sel = np.flatnonzero(pc >= c_first)
    binary(sel, "PC", 0, wid[pc[sel]])
    # the clause's and the sentence's words outside the target
    ck, cj = _ranges(np.concatenate((c_first, t1 + 1)), np.concatenate((t0 - c_first, c_last - t1)))
    binary(ck % n_t, "C", 0, wid[cj])
    sk, sj = _ranges(np.concatenate((lo, t1 + 1)), np.concatenate((t0 - lo, hi - t1 - 1)))
    binary(sk % n_t, "S", 0, wid[sj])

    # the target's descriptors: its noun phrase, an appositive, a copula's predicate, a calling
    cv = _cum(vals)
    dv = np.zeros(n_t)
    prev_pre = np.maximum.accumulate(np.where(fl["pre_break"][ids], np.arange(n_tok), -1))
    p_lo = np.maximum.reduce([lo, t0 - 4, np.where(t0 > 0, prev_pre[np.maximum(t0 - 1, 0)], -1) + 1])
    dv += np.where(p_lo < t0, cv[t0] - cv[np.minimum(p_lo, t0)], 0.0)
    tb_next = _next(fl["text_break"][ids], n_tok)
    a0 = np.minimum(t1 + 2, n_tok)
    a_end = np.minimum(tb_next[a0], hi)
    first_ok = ~(fl["stop"][ids] & ~fl["det"][ids])
    app = has1 & fl["comma"][ipad[np.minimum(t1 + 1, n_tok)]] & (a0 < a_end) & (a_end - a0 <= 8)
    app &= first_ok[np.minimum(a0, n_tok - 1)]
    dv += np.where(app, cv[a_end] - cv[a0], 0.0)
    p = t1 + 1
    for _ in range(3):
        p = np.where((p < hi) & fl["aux"][ipad[np.minimum(p, n_tok)]], p + 1, p)
    cop = (p < hi) & fl["copula"][ipad[np.minimum(p, n_tok)]]
    c0 = np.minimum(p + 1, n_tok)
    c_end = np.minimum.reduce([_next(fl["subject_break"][ids], n_tok)[c0], c0 + 6, hi])
    dv += np.where(cop & (c0 < c_end), cv[np.maximum(c_end, c0)] - cv[c0], 0.0)
    call = (t0 > lo) & fl["calling"][ipad[np.maximum(t0 - 1, 0)]]
    k0 = np.minimum(t1 + 1, n_tok)
    k_end = np.minimum.reduce([_next(fl["call_break"][ids], n_tok)[k0], k0 + 6, hi])
    dv += np.where(call & (k0 < k_end), cv[np.maximum(k_end, k0)] - cv[k0], 0.0)
    out["desc_val"] = dv / 4.0
    out["desc_neg"] = dv < 0
    out["desc_pos"] = dv > 0
    incap = fl["incapacity"][ids] | (fl["not"][ids] & fl["able"][np.concatenate((ids[1:], [0]))])
    ic = _cum(incap)
    i_end = np.minimum.reduce(
        [t1 + 8, hi, np.searchsorted(cid, cid[np.minimum(t1 + 1, n_tok - 1)], side="right")]
    )
    out["incapacity"] = has1 & (ic[np.maximum(i_end, t1 + 1)] > ic[t1 + 1])

    # reported speech, quotation, pronoun
    speech = fl["speech"][ipad]
    sp = (has1 & speech[np.minimum(t1 + 1, n_tok)]) | ((t1 + 2 < hi) & speech[np.minimum(t1 + 2, n_tok)])
    out["speaker"] = sp
    out["speaker_x_compound"] = np.where(sp, sc[good, 0], 0.0)
    out["speaker_x_right"] = np.where(sp, right_sum / 4.0, 0.0)
    q_open, q_close, q_plain = (_cum(fl[k][ids]) for k in ("q_open", "q_close", "q_plain"))
    opens = (q_open[t0] - q_open[lo]) + (q_plain[t0] - q_plain[lo]) % 2
    out["in_quote"] = opens > q_close[t0] - q_close[lo]
    out["has_quote"] = (q_open[hi] - q_open[lo]) + (q_close[hi] - q_close[lo]) + (
        q_plain[hi] - q_plain[lo]
    ) > 0
    out["pronoun"] = (t0 == t1) & fl["pronoun"][ids[t0]]

    for name, x in out.items():
        dense[good, col[name]] = x
    w = np.concatenate(words)
    lengths = [len(x) for x in words]
    a = np.zeros(len(w), dtype=np.intp)
    for at, first, n in zip(np.cumsum([0, *lengths[:-1]]).tolist(), firsts, lengths, strict=True):
        if n and not isinstance(first, int):  # word pairs
            a[at : at + n] = first
    tpl = np.repeat(np.array(tpls, dtype=np.int64), lengths)
    # no feature of an unknown word (id 0): the model has none, and training knows every word
    ok = (w != 0) & ((a != 0) | _ONE_WORD[tpl])
    span = np.int64(len(TEMPLATES)) * size * size
    pair = good[np.concatenate(owners)[ok]].astype(np.int64) * span + (tpl[ok] * size + a[ok]) * size + w[ok]
    pair.sort()  # distinct (target, key) pairs: binary features
    pair = pair[np.concatenate((_TRUE, pair[1:] != pair[:-1]))] if len(pair) else pair
    return Features(dense, (pair // span).astype(np.intp), pair % span)


def target_sentence(doc: Any, start: int) -> int | None:
    """The sentence a target starting at ``start`` is read in: the one containing ``start``, else
    (whitespace between sentences) the next one; None if no sentence starts at or after it."""
    si = doc.sentence_at(start)
    if si is None:
        si = next((i for i, s in enumerate(doc.sentences) if s.start >= start), None)
    return si
