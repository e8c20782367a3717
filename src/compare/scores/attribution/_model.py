"""The learned part of attribution extraction: cue tagging and source spans.

Weights live in ``compare/data/attribution_weights.npz`` (vocabulary and thresholds in
``attribution_model.json``; regenerate with ``benchmarks/train_attribution.py``; learned from the
PolNeAR train split). A model is two logistic scorers over the hashed features of
:mod:`._attribution_features`; a document's candidates are scored in one numpy gather-and-sum.
Besides the learned cue vocabulary, every form of a fixed, hand-written list of communication,
belief and stance verbs (:mod:`._attribution_verbs`) is a cue candidate. The cue scorer has a
second stage: a small logistic regression re-scores each candidate from its
first-stage logit and its sentence context (competing candidates, adjacent ones, quotation), one
matrix product per document.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from typing import Any

import numpy as np

from . import _features as F

__all__ = [
    "TaggerModel",
    "cue_candidates",
    "cue_probs",
    "default_model",
    "find_source",
    "prepare",
    "source_candidates",
    "source_probs",
    "tag_cues",
]

_WINDOW = 10  # tokens either side of a cue searched for its source
_FAR = 40  # beyond the window, the first tokens of the sentence (its subject) up to this far
_SRC_PUNCT = frozenset({".", "'", "’", "-", "&"})
#: Function words that never head a source.
_NOT_HEAD = frozenset(
    [
        "and",
        "or",
        "but",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "as",
        "that",
        "this",
        "than",
        "then",
        "also",
        "not",
        "no",
        "about",
        "after",
        "before",
        "over",
        "under",
        "into",
        "during",
        "while",
        "which",
        "what",
        "when",
        "where",
        "how",
        "if",
        "whether",
        "is",
        "are",
        "was",
        "were",
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
        "can",
        "could",
        "should",
        "may",
        "might",
        "more",
        "most",
        "much",
        "very",
        "so",
        "just",
        "only",
        "even",
        "still",
    ]
)


#: Cues whose source follows them.
_RIGHT_SOURCE_CUES = frozenset({"according", "citing", "quoting", "per", "cited by", "via"})


def source_candidates(toks: Any, lo: int, hi: int, cs: int, ce: int) -> list[int]:
    """Token indices searched for the source of the cue tokens ``cs:ce`` in sentence ``lo:hi``."""
    out = []
    a = max(lo, cs - _WINDOW)
    if a > lo and cs - lo <= _FAR:
        out.extend(
            i for i in range(lo, min(lo + 6, a)) if toks[i].kind != "punct" or toks[i].text in _SRC_PUNCT
        )
    for i in range(a, min(hi, ce + _WINDOW)):
        if cs <= i < ce:
            continue
        tk = toks[i]
        if tk.kind == "punct" and tk.text not in _SRC_PUNCT:
            continue
        out.append(i)
    return out


@dataclass(frozen=True, eq=False)
class TaggerModel:
    """Weights (dense hashed vectors) and thresholds of the cue and source scorers."""

    cue_vocab: frozenset[str]
    cue_weights: np.ndarray
    source_weights: np.ndarray
    cue_threshold: float = 0.4
    cue_grow_threshold: float = 0.3
    source_threshold: float = 0.3
    source_grow_threshold: float = 0.3
    merge_gap: int = 0
    #: second-stage coefficients over :data:`._attribution_features.STAGE2_NAMES`, intercept last
    #: (None: the first-stage probabilities are used as they are)
    cue_stage2: np.ndarray | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> TaggerModel:
        """Build from the JSON structure written by the training script (sparse ``{index: weight}``)."""
        if int(d.get("hash_bits", F.HASH_BITS)) != F.HASH_BITS:
            raise ValueError("attribution model was trained with another hash size")
        return cls(
            cue_vocab=frozenset(d["cue_vocab"]),
            cue_weights=_dense(d["cue_weights"]),
            source_weights=_dense(d["source_weights"]),
            cue_threshold=float(d["cue_threshold"]),
            cue_grow_threshold=float(d["cue_grow_threshold"]),
            source_threshold=float(d["source_threshold"]),
            source_grow_threshold=float(d["source_grow_threshold"]),
            merge_gap=int(d.get("merge_gap", 0)),
            cue_stage2=_stage2(d.get("cue_stage2")),
            meta=dict(d.get("meta", {})),
        )


def _stage2(v: Any) -> np.ndarray | None:
    if v is None:
        return None
    a = np.asarray(v, dtype=np.float64)
    if a.shape != (len(F.STAGE2_NAMES) + 1,):
        raise ValueError("attribution model: second-stage coefficients do not match the features")
    return a


def _dense(w: Any) -> np.ndarray:
    out = np.zeros(1 << F.HASH_BITS, dtype=np.float64)
    if isinstance(w, np.ndarray):
        out[:] = w
        return out
    if w:
        idx = np.fromiter((int(k) for k in w), dtype=np.int64, count=len(w))
        out[idx] = np.fromiter(w.values(), dtype=np.float64, count=len(w))
    return out


@cache
def default_model() -> TaggerModel:
    """The shipped model (read once): ``attribution_model.json`` (vocabulary, thresholds) and
    ``attribution_weights.npz`` (the non-zero hashed weights)."""
    data = files("compare.data")
    d = json.loads(data.joinpath("attribution_model.json").read_text(encoding="utf-8"))
    wf = d.get("weights_file")
    if wf:
        with data.joinpath(wf).open("rb") as fh, np.load(fh, allow_pickle=False) as z:
            d["cue_weights"] = _from_sparse(z["cue_idx"], z["cue_w"])
            d["source_weights"] = _from_sparse(z["source_idx"], z["source_w"])
    return TaggerModel.from_dict(d)


def _from_sparse(idx: np.ndarray, w: np.ndarray) -> np.ndarray:
    out = np.zeros(1 << F.HASH_BITS, dtype=np.float32)
    out[idx.astype(np.int64)] = w.astype(np.float32)
    return out


def prepare(doc: Any, model: TaggerModel) -> F.Prep:
    """The per-document arrays for ``model``."""
    return F.Prep(doc.tokens, doc.quotes, doc.sentences, model.cue_vocab)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30.0, 30.0)))


def cue_candidates(prep: F.Prep) -> np.ndarray:
    """Indices of the tokens the cue model scores: cue-vocabulary words, forms of the listed
    communication / belief / stance verbs (:mod:`._attribution_verbs`), a colon or dash followed
    by a quotation mark ("X: “...”"), and any colon with more of its sentence after it
    ("Graham: Trump is ...", "Q: ...")."""
    return np.flatnonzero(((prep.invocab | prep.verb) & prep.word) | prep.pcand)


def cue_probs(prep: F.Prep, model: TaggerModel) -> tuple[np.ndarray, np.ndarray]:
    """Candidate token indices and their cue probabilities.

    The first stage is one hashed dot product per candidate; when the model has a second stage,
    its logistic re-scoring over the candidates' sentence context (:func:`F.stage2_features`)
    gives the probabilities.
    """
    idx = cue_candidates(prep)
    if not len(idx):
        return idx, np.zeros(0)
    keys = F.cue_keys(prep, idx)
    z = model.cue_weights[keys].sum(axis=1, dtype=np.float64)
    s2 = model.cue_stage2
    if s2 is not None:
        z = F.stage2_features(prep, idx, z) @ s2[:-1] + s2[-1]
    return idx, _sigmoid(z)


def tag_cues(doc: Any, model: TaggerModel, prep: F.Prep) -> list[tuple[int, int, float]]:  # noqa: ARG001
    """Cue token ranges ``(first, last + 1, probability)`` over ``doc.tokens``.

    Each candidate token is scored; a token at or above ``cue_threshold`` seeds a cue, and
    adjacent candidates (same sentence) at or above ``cue_grow_threshold`` join it.
    """
    idx, probs = cue_probs(prep, model)
    keep = probs >= model.cue_grow_threshold
    idx = idx[keep].tolist()
    probs = probs[keep].tolist()
    lo = prep.lo
    seed_t = model.cue_threshold
    out: list[tuple[int, int, float]] = []
    run_s = run_e = -2
    best = 0.0
    for i, p in zip(idx, probs, strict=True):
        if i == run_e and lo[i] == lo[run_s]:
            run_e = i + 1
            best = max(best, p)
            continue
        if run_s >= 0 and best >= seed_t:
            out.append((run_s, run_e, best))
        run_s, run_e, best = i, i + 1, p
    if run_s >= 0 and best >= seed_t:
        out.append((run_s, run_e, best))
    if model.merge_gap > 0 and len(out) > 1:
        out = _merge(out, prep, model.merge_gap)
    return out


def _merge(cues: list[tuple[int, int, float]], prep: F.Prep, gap: int) -> list[tuple[int, int, float]]:
    """Join cues of one sentence separated by at most ``gap`` tokens, none of them punctuation
    ("asked [Clinton] about", "told reporters"): PolNeAR marks such phrases as one cue."""
    out = [cues[0]]
    lo = prep.lo
    punct = prep.c_punct
    for cs, ce, p in cues[1:]:
        ps, pe, pp = out[-1]
        if lo[cs] == lo[ps] and cs - pe <= gap and punct[cs] == punct[pe]:
            out[-1] = (ps, ce, max(p, pp))
        else:
            out.append((cs, ce, p))
    return out


def _candidate_matrix(
    prep: F.Prep, cues: list[tuple[int, int, float]]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[int]]:
    """:func:`source_candidates` for all cues at once (same tokens, same order)."""
    c = np.array([(cs, ce) for cs, ce, _ in cues], dtype=np.int64)
    cs, ce = c[:, 0:1], c[:, 1:2]
    lo, hi = prep.lo[cs], prep.hi[cs]
    ok = prep.srcok
    a = np.maximum(lo, cs - _WINDOW)
    # the first tokens of the sentence (its subject), when the window does not reach them
    i1 = lo + np.arange(6)[None, :]
    m1 = (i1 < a) & (a > lo) & (cs - lo <= _FAR)
    # the window around the cue
    width = int((ce - cs).max())
    i2 = cs + np.arange(-_WINDOW, _WINDOW + width)[None, :]
    m2 = (i2 >= a) & (i2 < np.minimum(hi, ce + _WINDOW)) & ((i2 < cs) | (i2 >= ce))
    idx = np.concatenate([i1, i2], axis=1)
    mask = np.concatenate([m1, m2], axis=1)
    n = len(ok)
    mask &= ok[np.clip(idx, 0, n - 1)]
    rows = np.nonzero(mask)[0]
    return idx[mask], cs[rows, 0], ce[rows, 0], mask.sum(axis=1).tolist()


def source_probs(
    model: TaggerModel, prep: F.Prep, cues: list[tuple[int, int, float]]
) -> list[dict[int, float]]:
    """For each cue, ``{token: probability of being in its source}`` over its search window."""
    if not cues:
        return []
    cand, cs_a, ce_a, sizes = _candidate_matrix(prep, cues)
    if not len(cand):
        return [{} for _ in cues]
    keys = F.source_keys(prep, cand, cs_a, ce_a)
    pr = _sigmoid(model.source_weights[keys].sum(axis=1)).tolist()
    cand = cand.tolist()
    out = []
    k = 0
    for n in sizes:
        out.append(dict(zip(cand[k : k + n], pr[k : k + n], strict=True)))
        k += n
    return out


def find_source(
    doc: Any,
    model: TaggerModel,
    all_probs: dict[int, float],
    cue: tuple[int, int],
    lo: int,
    hi: int,
    taken: set[int],
) -> tuple[int, int, float] | None:
    """The source token range for the cue ``(first, last + 1)`` within sentence tokens ``lo:hi``.

    Returns ``(first, last + 1, probability)`` or None when no token reaches ``source_threshold``.
    Tokens in ``taken`` (other cues) are never part of a source.
    """
    toks = doc.tokens
    cs, ce = cue
    cue_word = toks[cs].text.lower()
    probs = {i: p for i, p in all_probs.items() if i not in taken}
    heads = [i for i in probs if toks[i].kind == "word" and toks[i].text.lower() not in _NOT_HEAD]
    last = toks[ce - 1].text.lower()
    if cue_word in _RIGHT_SOURCE_CUES or last in _RIGHT_SOURCE_CUES:
        # "according to X", "citing X", "quoting X": the source follows the cue
        right = [i for i in heads if i >= ce]
        if right and max(probs[i] for i in right) >= model.source_threshold:
            heads = right
        else:
            np_span = _noun_phrase_after(toks, ce, hi, taken)
            if np_span is not None:
                return np_span[0], np_span[1], model.source_threshold
    if not heads:
        return None
    head = max(heads, key=probs.__getitem__)
    ph = probs[head]
    if ph < model.source_threshold:
        return None
    g = model.source_grow_threshold
    s = e = head
    while s - 1 in probs and probs[s - 1] >= g and not (cs <= s - 1 < ce):
        s -= 1
    while e + 1 in probs and probs[e + 1] >= g and not (cs <= e + 1 < ce):
        e += 1
    # complete a capitalised name or title ("The Wall Street Journal", "Deputy Defense Minister X")
    if toks[head].text[:1].isupper():
        while e + 1 < hi and not (cs <= e + 1 < ce) and e + 1 not in taken and _capword(toks[e + 1]):
            e += 1
        while s - 1 >= lo and not (cs <= s - 1 < ce) and s - 1 not in taken and _capword(toks[s - 1]):
            s -= 1
        if s - 1 >= lo and toks[s - 1].text.lower() == "the" and not (cs <= s - 1 < ce):
            s -= 1
    # no function word at the edges ("As The Gaze" -> "The Gaze"), except a leading determiner
    while s < head and toks[s].text.lower() in _NOT_HEAD and toks[s].text.lower() not in _DETS:
        s += 1
    while e > head and toks[e].text.lower() in _NOT_HEAD:
        e -= 1
    if e + 1 == cs and s < e and _possessive_name(toks[e].text):
        # a nominal cue owned by a name ("Instead of accepting [Zelensky’s] call for talks"):
        # the source is the name with its capitalised title, not the words before it
        k = e
        while k - 1 >= s and (
            _capword(toks[k - 1])
            or (toks[k - 1].text == "." and k - 2 >= s and _capword(toks[k - 2]))  # "Mr." "Pres."
        ):
            k -= 1
        if k - 1 >= s and toks[k - 1].text.lower() in _DETS:
            k -= 1
        s = k
    return s, e + 1, ph


def _possessive_name(text: str) -> bool:
    """A capitalised word with a possessive ending ("Zelensky’s", "Kremlin's")."""
    return text[:1].isupper() and text.endswith(("’s", "'s")) and len(text) > 2


_DETS = frozenset({"the", "a", "an"})
_NP_STOP = frozenset(
    {"that", "who", "which", "whose", "on", "in", "at", "to", "for", "as", "and", "but", "when"}
)


def _noun_phrase_after(toks: Any, i: int, hi: int, taken: set[int]) -> tuple[int, int] | None:
    """The noun phrase starting at token ``i`` ("according to [Western diplomats], ..."), up to a
    punctuation mark or a clause word; None if it does not start with a determiner or a content word."""
    if i >= hi or toks[i].kind != "word" or i in taken:
        return None
    first = toks[i].text.lower()
    if first in _NOT_HEAD and first not in _DETS:
        return None
    j = i
    while j < hi and j - i < 8 and j not in taken:
        t = toks[j]
        if t.kind == "punct" and t.text not in _SRC_PUNCT:
            break
        if t.text.lower() in _NP_STOP:
            break
        j += 1
    while j > i and (toks[j - 1].kind == "punct" or toks[j - 1].text.lower() in _NOT_HEAD):
        j -= 1
    return (i, j) if j > i else None


def _capword(tok: Any) -> bool:
    return tok.kind == "word" and tok.text[:1].isupper() and tok.text.lower() not in _NOT_HEAD
