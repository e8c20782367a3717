"""Loaded language, version 2: context-aware word weights, voice, and a sentence score without length artefacts.

Every word of a :class:`compare.text.Document` gets a *loadedness* weight in [0, 1] from the
hand-written lexicon ``compare/data/loaded_lexicon_v2.csv`` (matched on the word or a base form:
``-s``, ``-ed``, ``-ing``, ``-ly``, ``-ness``, ... and on the parts of a hyphenated word) or,
failing that, from the word's VADER valence. Transparent rules over the tokens then take the
weight back where the word is not used as a loaded word:

- **names**: a capitalised word inside a sentence ("Sen. Luther *Strange*"), a word after a title
  abbreviation, a sentence's first word followed by another capitalised word; headlines in title
  case keep their words, except after a title abbreviation;
- **part of speech**: a lexicon entry holds the part of speech of its loaded reading; a verb
  entry after a determiner or possessive is a noun ("His *silence*"), an adjective or noun entry
  after a subject pronoun or before a particle is a verb ("she *woke* up");
- **phrases**: medical, legal and honour phrases ("seriously ill", "severely wounded", "war
  crimes", "Hero of Russia") mask their words; loaded phrases ("witch hunt", "lashed out") count as
  one span;
- **topical words**: words whose valence comes from the reported event ("killed", "attack",
  "crisis") take no VADER weight.

Each span has a **voice**: ``"quoted"`` inside double or single quotation marks or in reported
speech (the clause after a speech verb, "he said that ...", or before a closing attribution,
"..., she said."), else ``"own"`` (the outlet's voice).

The **sentence score** is the probability, under a small logistic model, that the sentence is
loaded: ``1 / (1 + exp(-(b + sum_k c_k x_k)))`` over eight span counts (own-voice weight sums by
category group, the largest own-voice weight, the quoted-voice sum; :func:`span_features`). Every
coefficient is >= 0, so a further loaded word never lowers the score; a sentence without loaded
words gets the base rate whatever its length (no mean over words: a two-word fragment is not
pushed to either end); NaN for a sentence without words. The word-weight settings
(``compare/data/loaded_v2_params.json``) and the model (``compare/data/loaded_v2_model.json``,
``benchmarks/train_loaded_v2.py``) were chosen and fitted with BABE/MBIC left out (see
``docs/benchmarks/loaded_language.md``).
"""

from __future__ import annotations

import functools
import json
import math
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from ...text import Document

from ._loaded_lexicon import (
    LEXICON_FILE,
    LOADED_THRESHOLD,
    MODEL_FILE,
    PARAMS_FILE,
    LoadedSpan,
    _params_tuple,
    _word_weight,
    lexicon,
    params,
)

__all__ = [
    "FEATURES",
    "LEXICON_FILE",
    "LOADED_THRESHOLD",
    "MODEL_FILE",
    "PARAMS_FILE",
    "LoadedSpan",
    "article_loaded_metrics",
    "lexicon",
    "loaded_spans",
    "model_score",
    "params",
    "sentence_loaded_scores",
    "span_features",
]

#: file name of the lexicon inside ``compare/data``
# --------------------------------------------------------------------------------------------
# Word classes for the context rules (closed classes of English; hand-written)
# --------------------------------------------------------------------------------------------
_DETERMINERS = frozenset(
    """
    the a an this that these those his her its their our my your whose no every each any some such
    another either neither what which
    """.split()  # noqa: SIM905
)
_SUBJECT_PRONOUNS = frozenset("i you he she we they who it".split())  # noqa: SIM905
_VERB_MARKERS = frozenset(
    """
    to will would can could should shall may might must do does did don't doesn't didn't won't
    wouldn't can't couldn't shouldn't
    """.split()  # noqa: SIM905
)
_PARTICLES = frozenset("up down out off away back over".split())  # noqa: SIM905
_TITLES = frozenset(
    """
    sen. sens. rep. reps. gov. govs. gen. lt. col. maj. capt. adm. sgt. mr. mrs. ms. dr. prof. rev.
    hon. pres. st. sen rep gov mr mrs ms dr senator representative governor president judge justice
    mayor minister secretary general chairman chairwoman speaker congressman congresswoman
    ambassador prince princess king queen lord lady sir saint pope bishop
    """.split()  # noqa: SIM905
)
_SENTENCE_OPENERS = frozenset("\"“‘'«(:—–-…[")
#: speech and reporting verbs: the clause they govern is reported speech
_SPEECH_VERBS = frozenset(
    """
    said says say saying told tells tell telling asked asks added adds argued argues argue claimed claims
    insisted insists warned warns wrote writes stated states declared declares noted notes explained
    explains suggested suggests contended contends maintained maintains alleged alleges complained
    complains tweeted tweets testified testifies acknowledged acknowledges admitted admits believes
    believed thinks thought predicted predicts conceded concedes recalled recalls announced announces
    replied replies responded responds stressed stresses emphasized emphasised reported reports
    adding arguing claiming insisting warning noting explaining stating declaring suggesting
    """.split()  # noqa: SIM905
)
_FUNCTION_WORDS = frozenset(
    """
    a an the of in on at to for and or but with by from as is are was were be been it that this his
    her their its vs. v. after over into about
    """.split()  # noqa: SIM905
)


# --------------------------------------------------------------------------------------------
# Voice: quotation marks and reported speech
# --------------------------------------------------------------------------------------------
_SINGLE_OPEN = frozenset("‘'")
_SINGLE_CLOSE = frozenset("’'")


def _quoted_tokens(doc: Document) -> list[bool]:
    """Per token: inside double quotes (``doc.quotes``), single quotes, or reported speech."""
    tokens = doc.tokens
    n = len(tokens)
    quoted = [False] * n
    if not n:
        return quoted
    # double quotation marks: the Document's quote spans
    if doc.quotes:
        qi = 0
        quotes = sorted((q.inner_start, q.inner_end) for q in doc.quotes)
        for i, t in enumerate(tokens):
            s = t[0]
            while qi < len(quotes) and quotes[qi][1] <= s:
                qi += 1
            if qi < len(quotes) and quotes[qi][0] <= s < quotes[qi][1]:
                quoted[i] = True
    # single quotation marks: an opening mark glued to the next word and preceded by a space or
    # the start, closed by a mark glued to the previous word, within the same paragraph
    open_at = -1
    para_end = -1
    for i, t in enumerate(tokens):
        start, end, text, _s, kind = t
        if start >= para_end and open_at >= 0:
            open_at = -1
        if kind == "punct" and text in _SINGLE_OPEN and open_at < 0:
            nxt = tokens[i + 1] if i + 1 < n else None
            prev_end = tokens[i - 1][1] if i else -1
            if nxt is not None and nxt[0] == end and nxt[4] == "word" and prev_end < start:
                open_at = i
                para_end = _paragraph_end(doc, start)
            continue
        if open_at >= 0:
            closing = (kind == "punct" and text in _SINGLE_CLOSE and tokens[i - 1][1] == start) or (
                kind == "word" and len(text) > 1 and text[-1] in _SINGLE_CLOSE
            )
            if closing:
                for k in range(open_at + 1, i + 1):
                    quoted[k] = True
                open_at = -1
    # reported speech, sentence by sentence
    lows = [t[2].lower() for t in tokens]
    for sent in doc.sentences:
        a, b = sent.token_start, sent.token_end
        _mark_reported(lows, tokens, a, b, quoted)
    return quoted


def _paragraph_end(doc: Document, offset: int) -> int:
    for p in doc.paragraphs:
        if p.start <= offset < p.end:
            return p.end
    return len(doc.text)


def _mark_reported(lows: list[str], tokens: Any, a: int, b: int, quoted: list[bool]) -> None:
    """Mark the reported clause of one sentence (tokens ``a:b``)."""
    for j in range(a, b):
        low = lows[j]
        if low == "according" and j + 1 < b and lows[j + 1] == "to":
            comma = next((k for k in range(j + 2, b) if lows[k] == ","), None)
            if j - a <= 1 and comma is not None:  # "According to X, <reported>."
                _mark(quoted, comma + 1, b)
            elif j > a:  # "<reported>, according to X."
                _mark(quoted, a, j)
            return
        if low not in _SPEECH_VERBS or (j > a and lows[j - 1] in _DETERMINERS):
            continue  # not a speech verb, or a noun ("the claims", "his reports")
        rest = [k for k in range(j + 1, b) if tokens[k][4] != "punct"]
        if len(rest) >= 3:  # "X said (that) <reported>"
            stop = b
            if any(lows[k] in ("who", "which") for k in range(max(a, j - 3), j)):
                stop = next((k for k in range(j + 1, b) if lows[k] == ","), b)
            _mark(quoted, j + 1, stop)
            return
        # "<reported>, X said." : the clause before the last comma
        comma = next((k for k in range(j - 1, max(a, j - 8) - 1, -1) if lows[k] == ","), None)
        if comma is not None and comma > a:
            _mark(quoted, a, comma)
            return


def _mark(quoted: list[bool], i: int, j: int) -> None:
    for k in range(i, j):
        quoted[k] = True


# --------------------------------------------------------------------------------------------
# The analysis
# --------------------------------------------------------------------------------------------
def _is_cap(text: str) -> bool:
    return text[:1].isupper()


#: per setting, lower-cased word -> (weight, category, pos); bounded, cleared by ``_analyse``
_WEIGHT_MEMO: dict[tuple[tuple[str, float], ...], dict[str, tuple[float, str, str]]] = {}


def _names(tokens: Any, widx: list[int], texts: list[str], lows: list[str], a: int) -> list[bool]:
    """Per word of a sentence: whether it is (part of) a name; ``a`` is the sentence's first token."""
    caps = [_is_cap(t) for t in texts]
    content = [k for k, w in enumerate(lows) if w not in _FUNCTION_WORDS]
    headline = len(content) >= 3 and sum(caps[k] for k in content) >= 0.6 * len(content)
    name = [False] * len(widx)
    for k in range(len(widx)):
        if not caps[k]:
            continue
        i = widx[k]
        prev_tok = tokens[i - 1] if i > a else None
        initial = k == 0 or (
            prev_tok is not None and prev_tok[4] == "punct" and prev_tok[2] in _SENTENCE_OPENERS
        )
        prev_low = prev_tok[2].lower() if prev_tok is not None else ""
        after_title = k > 0 and (prev_low in _TITLES or (prev_low == "." and lows[k - 1] in _TITLES))
        if k > 0 and name[k - 1] and caps[k - 1] and widx[k - 1] == i - 1:
            name[k] = True  # a chain of capitalised words after a name
        elif after_title or not (headline or initial or texts[k].isupper()):
            name[k] = True
        elif not headline and initial and k + 1 < len(widx):
            name[k] = caps[k + 1] and lows[k + 1] not in _FUNCTION_WORDS and widx[k + 1] == i + 1
        if k > 1 and lows[k - 1] == "of" and name[k - 2]:
            name[k] = True
    return name


def _analyse(doc: Document, setting: tuple[tuple[str, float], ...] | None = None) -> list[LoadedSpan]:
    """The spans of ``doc`` (all weights) under ``setting`` (default: the shipped parameters)."""
    if setting is None:
        setting = _params_tuple()
    phrases = lexicon().phrases
    tokens = doc.tokens
    quoted = _quoted_tokens(doc)
    if len(_WEIGHT_MEMO) > 64 or sum(map(len, _WEIGHT_MEMO.values())) > 100_000:
        _WEIGHT_MEMO.clear()  # bounded: a grid search passes many settings
    weights = _WEIGHT_MEMO.setdefault(setting, {})
    spans: list[LoadedSpan] = []
    for si, sent in enumerate(doc.sentences):
        a, b = sent.token_start, sent.token_end
        widx = [i for i in range(a, b) if tokens[i][4] == "word"]
        if not widx:
            continue
        texts = [tokens[i][2].rstrip("'’") or tokens[i][2] for i in widx]
        lows = [t.lower() for t in texts]
        masked = [False] * len(widx)
        # phrases first: neutral ones mask their words, loaded ones become one span
        for k, low in enumerate(lows):
            cands = phrases.get(low)
            if not cands or masked[k]:
                continue
            for words, category, weight in cands:
                m = len(words)
                if tuple(lows[k : k + m]) == words:
                    for x in range(k, k + m):
                        masked[x] = True
                    if weight > 0:
                        i0, i1 = widx[k], widx[k + m - 1]
                        voice = "quoted" if quoted[i0] else "own"
                        start = tokens[i0][0]
                        end = tokens[i1][0] + len(texts[k + m - 1])
                        spans.append(
                            LoadedSpan(i0, si, start, end, doc.text[start:end], category, weight, voice)
                        )
                    break
        # word weights, then the context rules for the words that have one
        found = []
        for k, low in enumerate(lows):
            info = weights.get(low)
            if info is None:
                info = weights[low] = _word_weight(low, setting)
            if info[0] > 0.0 and not masked[k]:
                found.append((k, info))
        if not found:
            continue
        name = _names(tokens, widx, texts, lows, a) if any(texts[k][:1].isupper() for k, _ in found) else None
        for k, (w, category, pos) in found:
            if name is not None and name[k]:
                continue
            if pos != "any" and not _pos_ok(pos, lows, k):
                continue
            i = widx[k]
            voice = "quoted" if quoted[i] else "own"
            start = tokens[i][0]
            word = texts[k][:-2] if lows[k].endswith(("'s", "’s")) else texts[k]  # regime's -> regime
            spans.append(LoadedSpan(i, si, start, start + len(word), word, category, w, voice))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


def _pos_ok(pos: str, lows: list[str], k: int) -> bool:
    """Whether the context allows the loaded reading's part of speech ``pos`` for word ``k``."""
    prev = lows[k - 1] if k else ""
    nxt = lows[k + 1] if k + 1 < len(lows) else ""
    prev_possessive = prev.endswith(("'s", "’s"))
    if pos == "verb":
        return not (prev in _DETERMINERS or prev_possessive)
    # adjective or noun readings: not after a subject pronoun, a modal or "to", nor before a particle
    return not (prev in _SUBJECT_PRONOUNS or prev in _VERB_MARKERS or nxt in _PARTICLES)


# --------------------------------------------------------------------------------------------
# The sentence model: a logistic regression over span counts
# --------------------------------------------------------------------------------------------
#: the features of a sentence, in the order of the model's coefficients
FEATURES = (
    "own_labels_verbs",
    "own_extreme_adjectives",
    "own_praise",
    "own_doubt",
    "own_intensifiers",
    "own_vader",
    "own_max_weight",
    "quoted_sum",
)
_GROUP = {
    "extreme_adjective": 1,
    "positive_loaded": 2,
    "doubt_marker": 3,
    "intensifier": 4,
    "vader": 5,
}  # every other category (labels, verbs, phrases, stance compounds): 0


def span_features(spans: list[LoadedSpan]) -> list[float]:
    """The model's features of a piece of text from its spans (all weights, as ``min_weight=0``).

    Parameters
    ----------
    spans : list of LoadedSpan
        The spans of one sentence (or of any piece of text).

    Returns
    -------
    list of float
        Sums of own-voice span weights by category group (labels and verbs, extreme adjectives,
        praise, doubt markers, intensifiers, VADER words), the largest own-voice weight, and the
        sum of quoted-voice weights; the order of :data:`FEATURES`.
    """
    f = [0.0] * len(FEATURES)
    for sp in spans:
        if sp.voice == "own":
            f[_GROUP.get(sp.category, 0)] += sp.weight
            f[6] = max(f[6], sp.weight)
        else:
            f[7] += sp.weight
    return f


@functools.cache
def _model() -> tuple[tuple[float, ...], float]:
    path = resources.files("compare").joinpath("data", MODEL_FILE)
    with path.open(encoding="utf-8") as fh:
        data = json.load(fh)
    if tuple(data["features"]) != FEATURES:  # pragma: no cover - a stale weights file
        msg = f"compare/data/{MODEL_FILE}: features {data['features']!r} do not match {FEATURES!r}."
        raise ValueError(msg)
    return tuple(float(c) for c in data["coef"]), float(data["intercept"])


def model_score(features: list[float]) -> float:
    """The model's probability that a piece of text with these features is loaded.

    Parameters
    ----------
    features : list of float
        From :func:`span_features`.

    Returns
    -------
    float
        ``1 / (1 + exp(-(b + sum_k c_k x_k)))`` with the shipped coefficients (all >= 0), in (0, 1).
    """
    coef, intercept = _model()
    z = intercept + sum(c * x for c, x in zip(coef, features, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


# --------------------------------------------------------------------------------------------
# Public-ish entry points
# --------------------------------------------------------------------------------------------
def loaded_spans(doc: Document, *, min_weight: float = LOADED_THRESHOLD) -> list[LoadedSpan]:
    """The loaded words and phrases of a Document, in text order.

    Parameters
    ----------
    doc : Document
        From :func:`compare.analyze_text`.
    min_weight : float
        Keep spans of at least this weight. The default keeps the words counted as loaded; 0 keeps
        every span that adds to the sentence score, including weakly valenced VADER words.

    Returns
    -------
    list of LoadedSpan
        One row per loaded word or phrase: ``token`` (index into ``doc.tokens`` of its first
        word), ``sentence``, ``start``, ``end`` (``doc.text[start:end] == text``), ``text``,
        ``category`` (a lexicon category, ``"vader"`` or ``"stance_compound"``), ``weight`` in
        (0, 1], and ``voice`` (``"own"`` or ``"quoted"``).

    Examples
    --------
    >>> from compare import analyze_text
    >>> [s.text for s in loaded_spans(analyze_text("The regime's illegitimate sham vote."))]
    ['regime', 'illegitimate', 'sham']
    """
    return [s for s in _analyse(doc) if s.weight >= min_weight]


def sentence_loaded_scores(doc: Document) -> list[float]:
    """The loaded score of each sentence: the probability that it is loaded (higher = more loaded).

    Parameters
    ----------
    doc : Document
        From :func:`compare.analyze_text`.

    Returns
    -------
    list of float
        One value per sentence of ``doc``, in (0, 1): the logistic model of
        ``compare/data/loaded_v2_model.json`` over the sentence's span counts
        (:func:`span_features`); NaN for a sentence without words. A sentence without loaded words
        gets the model's base rate, whatever its length.

    Notes
    -----
    Not a mean over words: the features are sums and a maximum of span weights, and every
    coefficient is >= 0, so adding a loaded word never lowers the score and a short sentence is
    not scored higher for being short. Quoted and reported speech has its own coefficient, lower
    than the outlet's own voice.

    Examples
    --------
    >>> from compare import analyze_text
    >>> added, whinged, long_plain = sentence_loaded_scores(
    ...     analyze_text("He added. He whinged. The committee will meet again on Thursday.")
    ... )
    >>> added == long_plain < whinged
    True
    """
    return _sentence_scores(doc, _analyse(doc))


def _sentence_scores(doc: Document, spans: list[LoadedSpan]) -> list[float]:
    by_sentence: dict[int, list[LoadedSpan]] = {}
    for sp in spans:
        by_sentence.setdefault(sp.sentence, []).append(sp)
    kinds = doc.token_kinds
    scores = []
    for si, sent in enumerate(doc.sentences):
        if "word" not in kinds[sent.token_start : sent.token_end]:
            scores.append(math.nan)
        else:
            scores.append(model_score(span_features(by_sentence.get(si, []))))
    return scores


def article_loaded_metrics(doc: Document) -> dict[str, float]:
    """The article metrics of the wordchoice family, computed from the v2 spans and scores.

    Parameters
    ----------
    doc : Document
        From :func:`compare.analyze_text`.

    Returns
    -------
    dict of str to float
        ``loaded_words_per_100_words`` (spans of weight >= :data:`LOADED_THRESHOLD`, any voice,
        per 100 words), ``own_loaded_words_per_100_words`` (own voice only),
        ``loaded_sentence_share`` (share of sentences with such a span) and ``loaded_score_mean``
        (mean sentence score, :func:`sentence_loaded_scores`); all NaN for a text without words.
    """
    return _article_metrics(doc, *analyse(doc))


def analyse(doc: Document) -> tuple[list[LoadedSpan], list[float]]:
    """Every span of ``doc`` (all weights) and every sentence's score, in one pass (the family's call)."""
    spans = _analyse(doc)
    return spans, _sentence_scores(doc, spans)


def _article_metrics(doc: Document, spans: list[LoadedSpan], scores: list[float]) -> dict[str, float]:
    n_words = doc.token_kinds.count("word")
    if n_words == 0:
        nan = math.nan
        return {
            "loaded_words_per_100_words": nan,
            "own_loaded_words_per_100_words": nan,
            "loaded_sentence_share": nan,
            "loaded_score_mean": nan,
        }
    loaded = [s for s in spans if s.weight >= LOADED_THRESHOLD]
    valid = [x for x in scores if not math.isnan(x)]
    return {
        "loaded_words_per_100_words": 100.0 * len(loaded) / n_words,
        "own_loaded_words_per_100_words": 100.0 * sum(s.voice == "own" for s in loaded) / n_words,
        "loaded_sentence_share": len({s.sentence for s in loaded}) / len(doc.sentences),
        "loaded_score_mean": sum(valid) / len(valid) if valid else math.nan,
    }

