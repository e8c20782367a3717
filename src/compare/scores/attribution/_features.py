"""Token features for the attribution tagger (shared by inference and ``benchmarks/train_attribution.py``).

Two linear models read these features:

- the **cue** model scores each candidate token (a word whose lower-case form is in the cue
  vocabulary or in the fixed list of communication / belief / stance verbs of
  :mod:`._attribution_verbs`, or a colon / dash before a quotation): is it part of an
  attribution cue?
- the **source** model scores each token near a cue: is it part of that cue's source?

Features are *hashed*: every token gets integer ids (CRC-32 of its lower-case form, stem and
suffix) once per Document, each feature template combines a few ids into one 64-bit key with
numpy, and the key's top ``HASH_BITS`` bits index a weight vector. Scoring all candidates of a
document is one fancy-indexing sum, and the shipped weights are the non-zero entries of that
vector (plain JSON).
"""

from __future__ import annotations

import itertools
import threading
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np

from ._verbs import VERB_FORMS

__all__ = [
    "HASH_BITS",
    "PRONOUNS",
    "STAGE2_NAMES",
    "Prep",
    "cue_keys",
    "quote_flags",
    "source_keys",
    "stage2_features",
    "stem",
]

#: Size of the hashed feature space (2 ** HASH_BITS weights).
HASH_BITS = 20

#: Personal pronouns that can be a source.
PRONOUNS = frozenset(
    [
        "he",
        "she",
        "they",
        "we",
        "i",
        "it",
        "you",
        "who",
        "his",
        "her",
        "their",
        "its",
        "them",
        "him",
        "us",
        "me",
    ]
)

_QUOTE_CHARS = frozenset('"“”«»„')
_SRC_LIKE = frozenset(["he", "she", "they", "we", "i", "who", "officials", "sources"])
_MODAL = frozenset(
    ["to", "will", "would", "could", "can", "may", "might", "should", "must", "did", "does", "do"]
)
_NEG = frozenset(["not", "n't", "never", "no"])
_COMMA = frozenset([",", ";", ":"])
_FUNC = frozenset(
    ["the", "a", "an", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from"]
)

_PUNCT_CUES = frozenset({":", "—", "–"})
_SRC_PUNCT = frozenset({".", "'", "’", "-", "&"})
_QUOTE_OPEN = frozenset('"“«„')
_M1 = np.uint64(0x9E3779B97F4A7C15)
_M2 = np.uint64(0xC2B2AE3D27D4EB4F)
_SHIFT = np.uint64(64 - HASH_BITS)

_ID_CACHE: dict[str, int] = {}


def _wid(s: str) -> int:
    v = _ID_CACHE.get(s)
    if v is None:
        v = zlib.crc32(s.encode("utf-8")) + 1
        if len(_ID_CACHE) < 100_000:
            _ID_CACHE[s] = v
    return v


class _Table:
    """Token-text table (grown as new texts are seen): lower-case form, ids (word, stem, suffix,
    shape) and flag bits, so a Document's token arrays are one dict look-up per token and one
    numpy gather."""

    def __init__(self) -> None:
        self.row: dict[str, int] = {}
        self.low: list[str] = []
        self.ids = np.zeros((4096, 5), dtype=np.uint64)
        self.vocab: dict[int, tuple[Any, np.ndarray]] = {}

    def add(self, text: str) -> int:
        q = text in _QUOTE_CHARS
        w = "<q>" if q else text.lower()
        flags = (
            q
            | (w in PRONOUNS) << 1
            | (w in _SRC_LIKE) << 2
            | (w in _MODAL) << 3
            | (w in _NEG) << 4
            | (w in _FUNC) << 5
            | (w in _COMMA) << 6
            | (w == "that") << 7
            | (w in _PUNCT_CUES) << 8
            | (text in _SRC_PUNCT) << 9
            | (w in VERB_FORMS) << 10
        )
        k = len(self.low)
        if k >= len(self.ids):
            self.ids = np.concatenate([self.ids, np.zeros_like(self.ids)])
        self.ids[k] = (_wid(w), _wid(stem(w)), _wid("~" + w[-3:]), _shape(text), flags)
        self.low.append(w)
        self.row[text] = k
        return k

    def __len__(self) -> int:
        return len(self.row)

    def clear(self) -> None:
        """Start afresh (the table is a memo: the same ids are given again)."""
        with _LOCK:
            self.__init__()  # type: ignore[misc]

    def rows(self, texts: list[str]) -> np.ndarray:
        get = self.row.get
        r = [get(x, -1) for x in texts]
        if -1 in r:
            with _LOCK:
                if len(self.row) > _TABLE_MAX:  # an unbounded stream of new texts: start afresh
                    self.__init__()
                r = [self.row[t] if t in self.row else self.add(t) for t in texts]
        return np.array(r, dtype=np.int64)

    def in_vocab(self, rows: np.ndarray, vocab: Any) -> np.ndarray:
        n = len(self.low)
        got = self.vocab.get(id(vocab))
        if got is None or got[0] is not vocab:
            got = (vocab, np.zeros(0, dtype=bool))
        if len(got[1]) < n:
            new = np.array([w in vocab for w in self.low[len(got[1]) : n]], dtype=bool)
            got = (vocab, np.concatenate([got[1], new]))
            self.vocab[id(vocab)] = got
        return got[1][rows]


_LOCK = threading.Lock()
_TABLE = _Table()
# rows of the table before it starts afresh: about 250 bytes each (two strings, a dict entry, ids);
# 100,000 distinct token texts cover a news stream's working vocabulary
_TABLE_MAX = 100_000


def quote_flags(tokens: Sequence, quotes: Sequence) -> list[bool]:
    """For each token, whether it lies inside a quotation (marks excluded)."""
    flags = [False] * len(tokens)
    if not quotes:
        return flags
    qi = 0
    nq = len(quotes)
    for i, tok in enumerate(tokens):
        s = tok.start
        while qi < nq and quotes[qi].inner_end <= s:
            qi += 1
        if qi < nq and quotes[qi].inner_start <= s < quotes[qi].inner_end:
            flags[i] = True
    return flags


def stem(w: str) -> str:
    """A crude lemma: "says", "said", "saying" stay apart, but "warns"/"warned"/"warning" -> "warn"."""
    for suf in ("ing", "ed", "es", "s"):
        if len(w) > len(suf) + 2 and w.endswith(suf):
            return w[: -len(suf)]
    return w


def _shape(text: str) -> int:
    c = text[:1]
    if not c:
        return 0
    if c.isupper():
        return 1
    if c.isalpha():
        return 2
    if c.isdigit():
        return 3
    return 4


class Prep:
    """Per-document token arrays the feature functions read (computed once per Document).

    Attributes are numpy arrays over ``doc.tokens``: ids of the lower-case word (``wid``), stem
    (``sid``) and 3-letter suffix (``s3``), shape code, sentence bounds ``lo``/``hi``, flags (among
    them ``verb``: a word form of :data:`._attribution_verbs.VERB_FORMS`) and prefix sums of
    quotation marks, commas and "that".
    """

    def __init__(self, tokens: Sequence, quotes: Sequence, sentences: Sequence, vocab: Any = ()) -> None:
        n = len(tokens)
        # columns of the token tuples (start, end, text, sentence, kind), transposed in C
        cols = list(zip(*tokens, strict=True)) if n else [(), (), (), (), ()]
        texts = cols[2]
        rows = _TABLE.rows(texts)
        self.n = n
        ids = _TABLE.ids[rows]
        self.wid, self.sid, self.s3, self.shape = ids[:, 0], ids[:, 1], ids[:, 2], ids[:, 3]
        fl = ids[:, 4].astype(np.int64)
        self.isq = (fl & 1).astype(bool)
        self.pron = (fl & 2).astype(bool)
        self.srclike = (fl & 4).astype(bool)
        self.modal = (fl & 8).astype(bool)
        self.neg = (fl & 16).astype(bool)
        self.func = (fl & 32).astype(bool)
        comma = (fl & 64).astype(bool)
        that = (fl & 128).astype(bool)
        kinds = cols[4]
        self.word = np.array([k == "word" for k in kinds], dtype=bool)
        #: a form of a listed communication / belief / stance verb (:mod:`._attribution_verbs`)
        self.verb = ((fl & 1024) > 0) & self.word
        #: may be (part of) a source: not punctuation, or one of . ' ’ - &
        notp = np.array([k != "punct" for k in kinds], dtype=bool)
        self.srcok = notp | ((fl & 512) > 0)
        self.c_punct = _csum(~notp)
        starts = np.array(cols[0], dtype=np.int64)
        quotes = [(q.inner_start, q.inner_end) for q in quotes]
        # two adjacent apostrophes ('') are a quotation mark too: some sources write quotations
        # ''like this'', and the Document's quotation finder does not see them
        got = _apostrophe_quotes(cols, sentences) if "'" in texts else None
        if got is not None:
            self.isq = self.isq.copy()
            self.isq[got[0]] = True
            quotes = sorted(quotes + got[1])
        if quotes:
            qs = np.array([q[0] for q in quotes], dtype=np.int64)
            qe = np.array([q[1] for q in quotes], dtype=np.int64)
            order = np.argsort(qs, kind="stable")
            qs, qe = qs[order], qe[order]
            k = np.searchsorted(qs, starts, side="right") - 1
            self.inq = (k >= 0) & (starts < qe[np.maximum(k, 0)])
        else:
            self.inq = np.zeros(n, dtype=bool)
        self.invocab = _TABLE.in_vocab(rows, vocab) if n else np.zeros(0, dtype=bool)
        pc = np.zeros(n, dtype=bool)
        for j in np.flatnonzero(fl & 256).tolist():
            # a colon or dash before a quotation mark, and any colon with more of its sentence after
            # it ("Trump: ...", "Q: ...")
            if (
                j + 1 < n
                and cols[3][j + 1] == cols[3][j]
                and (texts[j + 1] in _QUOTE_OPEN or self.isq[j + 1] or texts[j] == ":")
            ):
                pc[j] = True
        self.pcand = pc
        cap = (self.shape == 1) & ~self.func
        lo = np.zeros(n, dtype=np.int64)
        hi = np.zeros(n, dtype=np.int64)
        sq = np.zeros(n, dtype=bool)
        para0 = np.zeros(n, dtype=bool)
        cq = _csum(self.isq)
        for k, s in enumerate(sentences):
            lo[s.token_start : s.token_end] = s.token_start
            hi[s.token_start : s.token_end] = s.token_end
            sq[s.token_start : s.token_end] = cq[s.token_end] > cq[s.token_start]
            para0[s.token_start : s.token_end] = k == 0
        self.lo, self.hi, self.sentq, self.first = lo, hi, sq, para0
        self.c_q = cq
        self.c_comma = _csum(comma)
        self.c_that = _csum(that)
        self.c_cap = _csum(cap)
        self.c_pron = _csum(self.pron)
        self.c_neg = _csum(self.neg)


def _apostrophe_quotes(
    cols: list[Any], sentences: Sequence
) -> tuple[np.ndarray, list[tuple[int, int]]] | None:
    """Quotation marks written as two apostrophes: the token indices of both apostrophes of every
    mark, and the inner ``(start, end)`` character spans of the quotations they delimit (marks
    alternate open / close within a paragraph; an unclosed one runs to the paragraph's end)."""
    texts, starts, ends, sent = cols[2], cols[0], cols[1], cols[3]
    n = len(texts)
    ap = [j for j, t in enumerate(texts) if t == "'"]
    pairs = [j for j, k in itertools.pairwise(ap) if k == j + 1 and ends[j] == starts[k]]
    if len(pairs) < 2:
        return None
    marks = np.array(pairs + [j + 1 for j in pairs], dtype=np.int64)
    spans: list[tuple[int, int]] = []
    open_at = -1
    open_par = -1
    par_end: dict[int, int] = {}
    for s in sentences:
        if s.token_end > s.token_start:
            par_end[s.paragraph] = ends[min(s.token_end, n) - 1]
    for j in pairs:
        par = sentences[sent[j]].paragraph
        if open_at >= 0 and par != open_par:
            spans.append((open_at, par_end[open_par]))
            open_at = -1
        if open_at < 0:
            open_at, open_par = ends[j + 1], par
        else:
            spans.append((open_at, starts[j]))
            open_at = -1
    if open_at >= 0:
        spans.append((open_at, par_end[open_par]))
    return marks, spans


def _csum(a: np.ndarray) -> np.ndarray:
    out = np.zeros(len(a) + 1, dtype=np.int64)
    np.cumsum(a, out=out[1:])
    return out


def _any(c: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether the flag with prefix sums ``c`` is set anywhere in ``[a, b)`` (element-wise)."""
    return c[np.maximum(b, a)] > c[a]


_U = np.uint64


def _hash_all(spec: list[tuple[Any, ...]], m: int) -> np.ndarray:
    """Hashed indices (``m`` rows, one column per template) of the templates ``spec`` (a list of
    id-column tuples; template ``t`` is ``spec[t]``), computed together."""
    T = len(spec)
    L = max(len(c) for c in spec) or 1
    V = np.zeros((L, T, m), dtype=np.uint64)
    for t, cols in enumerate(spec):
        for j, c in enumerate(cols):
            V[j, t] = c
    x = np.array([((t + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF for t in range(T)], dtype=np.uint64)
    x = np.broadcast_to(x[:, None], (T, m))
    for j in range(L):
        x = (x ^ V[j]) * _M2
        x ^= x >> _U(29)
    return ((x * _M1) >> _SHIFT).T


def _key(t: int, *cols: Any) -> np.ndarray:
    """Hashed feature index of template ``t`` combined with the id columns ``cols``."""
    x = np.array([((t + 1) * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF], dtype=np.uint64)
    for c in cols:
        x = (x ^ np.asarray(c, dtype=np.uint64)) * _M2
        x ^= x >> np.uint64(29)
    return (x * _M1) >> _SHIFT


def _nb(arr: np.ndarray, j: np.ndarray, ok: np.ndarray, pad: int) -> np.ndarray:
    jj = np.minimum(np.maximum(j, 0), max(len(arr) - 1, 0))
    return np.where(ok, arr[jj] if len(arr) else pad, np.uint64(pad))


def cue_keys(p: Prep, idx: np.ndarray) -> np.ndarray:
    """Hashed feature indices (rows: the tokens ``idx``; one column per template) for the cue model."""
    i = np.asarray(idx, dtype=np.int64)
    lo, hi = p.lo[i], p.hi[i]
    w, st, sh = p.wid[i], p.sid[i], p.shape[i]
    p1 = _nb(p.wid, i - 1, i - 1 >= lo, 1)
    p2 = _nb(p.wid, i - 2, i - 2 >= lo, 1)
    n1 = _nb(p.wid, i + 1, i + 1 < hi, 2)
    n2 = _nb(p.wid, i + 2, i + 2 < hi, 2)
    ps = _nb(p.shape, i - 1, i - 1 >= lo, 5)
    ns = _nb(p.shape, i + 1, i + 1 < hi, 6)
    rel = (i - lo) / np.maximum(1, hi - lo)
    pos = np.where(rel < 0.2, 0, np.where(rel > 0.7, 2, 1)).astype(np.uint64)
    b3, a4 = np.maximum(lo, i - 3), np.minimum(hi, i + 4)
    qb = _any(p.c_q, b3, i).astype(np.uint64)
    qa = _any(p.c_q, i + 1, a4).astype(np.uint64)
    that3 = _any(p.c_that, i + 1, a4).astype(np.uint64)
    comL = _any(p.c_comma, np.maximum(lo, i - 4), i).astype(np.uint64)
    comR = _any(p.c_comma, i + 1, np.minimum(hi, i + 2)).astype(np.uint64)
    inq = p.inq[i].astype(np.uint64)
    srcnb = (_nb(p.srclike, i - 1, i - 1 >= lo, 0) | _nb(p.srclike, i + 1, i + 1 < hi, 0)).astype(np.uint64)
    capL = _any(p.c_cap, b3, i).astype(np.uint64)
    capR = _any(p.c_cap, i + 1, a4).astype(np.uint64)
    pronL = _any(p.c_pron, b3, i).astype(np.uint64)
    pronR = _any(p.c_pron, i + 1, a4).astype(np.uint64)
    neg = _any(p.c_neg, b3, i).astype(np.uint64)
    modal = _nb(p.modal, i - 1, i - 1 >= lo, 0).astype(np.uint64)
    sq = p.sentq[i].astype(np.uint64)
    first = p.first[i].astype(np.uint64)
    ctx = qb * 1 + qa * 2 + inq * 4 + sq * 8
    # the verb list (alone, with the vocabulary flag, and with a little context)
    vb = p.verb[i].astype(np.uint64)
    vbv = vb + 2 * p.invocab[i].astype(np.uint64)
    spec = [
        (),
        (w,),
        (p.s3[i],),
        (p1,),
        (p2,),
        (n1,),
        (n2,),
        (p1, w),
        (w, n1),
        (p2, p1, w),
        (sh, ps, ns),
        (w, ps),
        (w, ns),
        (pos,),
        (w, pos),
        (st,),
        (st, ps),
        (st, ns),
        (st, srcnb),
        (that3,),
        (st, that3),
        (comL,),
        (st, comL),
        (ctx,),
        (w, ctx),
        (st, capL, capR),
        (st, pronL, pronR),
        (st, neg, modal),
        (st, comR),
        (w, first),
        (st, p2),
        (st, n2),
        (capL, capR, pronL, pronR, ctx),
        (vbv,),
        (vb, ps, ns),
        (vb, that3),
        (vb, pronL, capL),
        (vb, comL),
        (vb, inq),
        (vb, p.s3[i]),
    ]
    return _hash_all(spec, len(i))


def source_keys(p: Prep, idx: np.ndarray, cs: np.ndarray, ce: np.ndarray) -> np.ndarray:
    """Hashed feature indices for the source model: token ``idx[k]`` as (part of) the source of
    the cue tokens ``cs[k]:ce[k]``."""
    i = np.asarray(idx, dtype=np.int64)
    cs = np.asarray(cs, dtype=np.int64)
    ce = np.asarray(ce, dtype=np.int64)
    lo, hi = p.lo[i], p.hi[i]
    left = i < cs
    d = np.where(left, cs - i, i - ce + 1)
    db = np.where(d <= 4, d, np.where(d <= 8, 5, np.where(d <= 10, 6, 7))).astype(np.uint64)
    side = left.astype(np.uint64)
    ba = np.where(left, i + 1, ce)
    bb = np.where(left, cs, i)
    comma = _any(p.c_comma, ba, bb).astype(np.uint64)
    quote = _any(p.c_q, ba, bb).astype(np.uint64)
    capb = _any(p.c_cap, ba, bb).astype(np.uint64)
    w = p.wid[i]
    sh = p.shape[i]
    kind = np.where(p.pron[i], np.uint64(7), sh)
    p1 = _nb(p.wid, i - 1, i - 1 >= lo, 1)
    n1 = _nb(p.wid, i + 1, i + 1 < hi, 2)
    ps = _nb(p.shape, i - 1, i - 1 >= lo, 5)
    ns = _nb(p.shape, i + 1, i + 1 < hi, 6)
    cue = p.wid[cs]
    cl = p.wid[ce - 1]
    inq = p.inq[i].astype(np.uint64)
    sstart = (i - lo <= 1).astype(np.uint64)
    sd = side * 8 + db
    spec = [
        (),
        (w,),
        (p.s3[i],),
        (sh,),
        (kind,),
        (sd,),
        (sd, kind),
        (p1,),
        (n1,),
        (ps, sh),
        (sh, ns),
        (cue,),
        (cue, side),
        (cue, sd, kind),
        (comma, sd),
        (quote, side),
        (inq,),
        (sstart, kind, db),
        (w, side),
        (p1, side),
        (cl, side),
        (capb, side, kind),
        (comma, quote, side, kind),
        (cue, comma, side),
        (n1, side),
    ]
    return _hash_all(spec, len(i))


#: Names of the columns of :func:`stage2_features` (the order the shipped coefficients follow).
STAGE2_NAMES = (
    "logit",
    "p>=0.2",
    "p>=0.3",
    "p>=0.4",
    "p>=0.5",
    "p>=0.6",
    "p>=0.8",
    "other>=0.3",
    "other>=0.5",
    "other>=0.7",
    "n_other_strong=1",
    "n_other_strong>=2",
    "adjacent>=0.3",
    "adjacent>=0.5",
    "rank=0",
    "rank=1",
    "before_strongest_other",
    "in_quote_with_strong_cue_outside",
    "in_quote",
    "logit*other>=0.5",
    "logit*in_quote",
    "verb_list_only",
    "verb_list",
    "logit*verb_list_only",
)


_P_BINS = np.array([0.2, 0.3, 0.4, 0.5, 0.6, 0.8])
_OTHER_BINS = np.array([0.3, 0.5, 0.7])


def stage2_features(p: Prep, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Sentence-context features of the cue candidates ``idx`` given their first-stage logits ``z``
    (columns :data:`STAGE2_NAMES`).

    The second stage re-scores each candidate knowing its competitors in the sentence: "other"
    candidates are those more than 3 tokens away (a separate cue: a nested report, or a stronger
    cue the candidate competes with), "adjacent" ones are 1-3 tokens away (the rest of a
    multi-word cue: "told reporters", "in a statement"). All candidates of a document are
    compared at once, sentence by sentence (one matrix per document). The last three columns
    flag a candidate from the fixed verb list (:mod:`._attribution_verbs`), and one from the list
    only (not in the learned cue vocabulary), alone and times its logit.
    """
    i = np.asarray(idx, dtype=np.int64)
    z = np.asarray(z, dtype=np.float64)
    n = len(i)
    if not n:
        return np.zeros((0, len(STAGE2_NAMES)))
    pr = 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))
    lo = p.lo[i]
    inq = p.inq[i]
    # candidates are in token order, so a sentence's candidates are contiguous: compare each
    # candidate with the (at most G) candidates of its own sentence, padded to one matrix
    new = np.empty(n, dtype=bool)
    new[0] = True
    np.not_equal(lo[1:], lo[:-1], out=new[1:])
    first = np.flatnonzero(new)
    g = np.cumsum(new) - 1
    gs = first[g]
    ge = np.append(first[1:], n)[g]
    G = int((ge - gs).max())
    X = np.empty((n, len(STAGE2_NAMES)))
    # rows in blocks, so that the block x G matrices stay small; a sentence with more than
    # 2 * _WINDOW + 1 candidates (none in the news datasets has 60; a text without full stops
    # has thousands) compares each candidate with its _WINDOW nearest on either side only,
    # which keeps time and memory linear in the number of candidates
    for a in range(0, n, _BLOCK):
        rows = np.arange(a, min(n, a + _BLOCK))
        if G <= 2 * _WINDOW + 1:
            m = gs[rows, None] + np.arange(G)[None, :]
            valid = m < ge[rows, None]
        else:
            m = rows[:, None] + np.arange(-_WINDOW, _WINDOW + 1)[None, :]
            valid = (m >= gs[rows, None]) & (m < ge[rows, None])
        _stage2_rows(X, rows, np.clip(m, 0, n - 1), valid, i, z, pr, inq)
    vb = p.verb[i]
    X[:, 21] = vb & ~p.invocab[i]
    X[:, 22] = vb
    X[:, 23] = z * X[:, 21]
    return X


_BLOCK = 4096
_WINDOW = 64


def _stage2_rows(X, rows, m, valid, i, z, pr, inq) -> None:
    """Fill ``X[rows]`` (columns 0-20): ``m`` indexes each row's sentence companions, ``valid`` masks padding."""
    ir, zr, prr, inqr = i[rows], z[rows], pr[rows], inq[rows]
    P = pr[m]
    dist = np.abs(i[m] - ir[:, None])
    far = valid & (dist > 3)
    adj = valid & (dist > 0) & (dist <= 3)
    pf = np.where(far, P, -1.0)
    jj = pf.argmax(axis=1)
    k = np.arange(len(rows))
    top = pf[k, jj]
    has = top >= 0.0
    mo = np.where(has, top, 0.0)
    strong = far & (P >= 0.4)
    ns = strong.sum(axis=1)
    before = has & (ir < i[m[k, jj]])
    qstrong = inqr & (strong & ~inq[m]).any(axis=1)
    ma = np.where(adj, P, 0.0).max(axis=1)
    rank = (valid & (prr[:, None] < P)).sum(axis=1)
    X[rows, 0] = zr
    X[rows, 1:7] = prr[:, None] >= _P_BINS
    X[rows, 7:10] = mo[:, None] >= _OTHER_BINS
    X[rows, 10] = ns == 1
    X[rows, 11] = ns >= 2
    X[rows, 12] = ma >= 0.3
    X[rows, 13] = ma >= 0.5
    X[rows, 14] = rank == 0
    X[rows, 15] = rank == 1
    X[rows, 16] = before
    X[rows, 17] = qstrong
    X[rows, 18] = inqr
    X[rows, 19] = zr * X[rows, 8]
    X[rows, 20] = zr * X[rows, 18]
