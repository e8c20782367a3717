"""Sentiment family: VADER per sentence, aggregated per article and per actor.

VADER (Hutto & Gilbert, 2014) is a sentence-level scorer, so every sentence of the
:class:`~compare.text.Document` is scored on its own, with numbers identical to
``SentimentIntensityAnalyzer().polarity_scores(sentence.text)``. The article headline metric is
the **mean sentence compound**; shares of positive, negative and neutral sentences use VADER's
recommended thresholds (compound >= 0.05 positive, <= -0.05 negative).

VADER's compound of the *whole* text is reported only as an extra,
``vader_compound_whole_text_saturating``: its normalisation ``x / sqrt(x^2 + 15)`` saturates as a
text grows (the same sentence repeated 20 times moves from -0.30 to -0.99), so it measures length
as much as tone.

Sentiment *towards* an actor uses :func:`target_sentiment`, a classifier of the sentiment of a
sentence towards one mention in it, trained on NewsMTSC (see ``docs/benchmarks/sentiment.md``).

References
----------
Hutto, C. J. & Gilbert, E. (2014). VADER: A Parsimonious Rule-based Model for Sentiment Analysis
of Social Media Text. ICWSM.

Hamborg, F. & Donnay, K. (2021). NewsMTSC: A Dataset for (Multi-)Target-dependent Sentiment
Classification in Political News Articles. EACL.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

from ...exceptions import InvalidInputError
from ...text import Document, analyze_text, as_document
from .._base import FamilyResult, empty_result
from ._metrics import METRICS as _METRICS
from ._vader import (
    SentimentScores,
    _score,
    details_word_sentiments,
    polarity_scores,
    sentence_details,
    word_sentiments,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ...model import Article

__all__ = [
    "NEGATIVE_THRESHOLD",
    "POSITIVE_THRESHOLD",
    "SentimentScores",
    "TargetSentiment",
    "score",
    "sentence_sentiment",
    "target_sentiment",
]

#: VADER's recommended thresholds on the compound score.
POSITIVE_THRESHOLD = 0.05
NEGATIVE_THRESHOLD = -0.05

class TargetSentiment(NamedTuple):
    """Sentiment of a sentence towards one target mention.

    Parameters
    ----------
    label : {"negative", "neutral", "positive"}
        The most probable class.
    score : float
        P(positive) - P(negative), in [-1, 1] (higher = more positive towards the target).
    """

    label: str
    score: float


# ------------------------------------------------------------------------------------------------
# sentence level
# ------------------------------------------------------------------------------------------------
class _VaderPass(NamedTuple):
    """One VADER pass over a Document's sentences: the scores, and the details from which the
    word sentiments the target classifier reads are taken (converted only when a mention asks)."""

    scores: list[SentimentScores]
    details: list[Any]


def _vader_pass(doc: Document) -> _VaderPass:
    pairs = list(map(sentence_details, [s.text for s in doc.sentences]))
    return _VaderPass([p[0] for p in pairs], [p[1] for p in pairs])


def _doc_scores(doc: Document) -> list[SentimentScores]:
    return _vader_pass(doc).scores


def sentence_sentiment(text_or_doc: str | Document) -> pd.DataFrame:
    """VADER scores of each sentence.

    Parameters
    ----------
    text_or_doc : str or Document
        Text (analysed with :func:`~compare.text.analyze_text`) or an analysed Document.

    Returns
    -------
    pandas.DataFrame
        One row per sentence: ``index, start, end, text, compound, pos, neu, neg``. ``compound``
        is in [-1, 1] (higher = more positive); ``pos``/``neu``/``neg`` are shares in [0, 1].
        The numbers equal ``SentimentIntensityAnalyzer().polarity_scores(sentence)`` (unrounded).
        Empty text gives an empty frame with these columns.

    Raises
    ------
    TypeError
        If ``text_or_doc`` is neither a str nor a Document.

    Examples
    --------
    >>> df = sentence_sentiment("What a wonderful day. The talks collapsed in failure.")
    >>> [round(c, 3) for c in df["compound"]]
    [0.572, -0.66]
    """
    import pandas as pd

    doc = as_document(text_or_doc, name="text_or_doc", caller="sentence_sentiment")
    scores = _doc_scores(doc)
    return pd.DataFrame(
        {
            "index": range(len(doc.sentences)),
            "start": [s.start for s in doc.sentences],
            "end": [s.end for s in doc.sentences],
            "text": [s.text for s in doc.sentences],
            "compound": [s.compound for s in scores],
            "pos": [s.pos for s in scores],
            "neu": [s.neu for s in scores],
            "neg": [s.neg for s in scores],
        },
        columns=["index", "start", "end", "text", "compound", "pos", "neu", "neg"],
    )


# ------------------------------------------------------------------------------------------------
# target-dependent sentiment
# ------------------------------------------------------------------------------------------------
_CLASSES = ("negative", "neutral", "positive")  # the classifier's order (_target_model.CLASSES)


def _label(p: tuple[float, ...]) -> TargetSentiment:
    p0, p1, p2 = p
    # the first most probable class, as max(range(3), key=p.__getitem__)
    best = 0 if p0 >= p1 and p0 >= p2 else 1 if p1 >= p2 else 2
    return TargetSentiment(_CLASSES[best], p2 - p0)


def _sentence_vader(doc: Document, si: int) -> tuple[tuple[float, float, float], Any]:
    """VADER's (compound, pos, neg) and word sentiments of one sentence (both cached by text)."""
    text = doc.sentences[si].text
    sc = polarity_scores(text)
    return (sc.compound, sc.pos, sc.neg), word_sentiments(text)


def _mention_targets(doc: Document, mentions: Sequence[Any], vader: _VaderPass) -> list[TargetSentiment]:
    """Target sentiment of each mention (``start``, ``end``, ``sentence``), in one batch."""
    from ._target_model import predict

    scores, details = vader.scores, vader.details

    def sentence_vader(_doc: Document, si: int) -> tuple[tuple[float, float, float], Any]:
        sc = scores[si]
        return (sc.compound, sc.pos, sc.neg), details_word_sentiments(details[si])

    items = [(doc, m.sentence, m.start, m.end) for m in mentions]
    return [_label(p) for p in predict(items, sentence_vader).tolist()]


def target_sentiment(text: str, start: int, end: int) -> TargetSentiment:
    """Sentiment of ``text`` towards the target mention ``text[start:end]``.

    Only the sentence containing the target is read (``text`` may be a sentence or a whole
    article). A linear classifier (trained on NewsMTSC train; see Notes) reads VADER's scores
    and lexicon valences scoped to the target's clause and sides, how the text portrays the
    target itself (its descriptors, "the Russian dictator X", "X is unable to ..."), reported
    speech, and the words around the target. The sentiment family scores an article's actor
    mentions with the same features, in one batch.

    Parameters
    ----------
    text : str
        A sentence, or a longer text containing the target.
    start, end : int
        Character offsets of the target, ``0 <= start < end <= len(text)``.

    Returns
    -------
    TargetSentiment
        ``label`` in {"negative", "neutral", "positive"}; ``score`` = P(positive) - P(negative)
        in [-1, 1] (higher = more positive towards the target). If no sentence starts at or
        after the target (it lies in trailing whitespace), ``("neutral", nan)``. A target in
        the whitespace between two sentences is read in the next sentence.

    Raises
    ------
    TypeError
        If ``text`` is not a str or an offset is not an int.
    InvalidInputError
        If the offsets are out of range or ``start >= end``.

    Notes
    -----
    Macro-F1 over the three classes: 0.665 in 5-fold cross-validation on NewsMTSC train and
    0.653 on ``devtest_mt`` (VADER's sentence compound: 0.525 and 0.503);
    ``docs/benchmarks/sentiment.md`` has the measured figures and
    ``benchmarks/train_target_sentiment.py`` regenerates the weights.

    References
    ----------
    Hamborg, F. & Donnay, K. (2021). NewsMTSC. EACL.

    Examples
    --------
    >>> s = "Critics slammed Smith for the disastrous, corrupt deal."
    >>> target_sentiment(s, 16, 21).label
    'negative'
    """
    if not isinstance(text, str):
        msg = f"The 'text' parameter of target_sentiment must be a str. Got {type(text).__name__} instead."
        raise TypeError(msg)
    for name, value in (("start", start), ("end", end)):
        if not isinstance(value, int) or isinstance(value, bool):
            msg = f"The '{name}' parameter of target_sentiment must be an int. Got {type(value).__name__} instead."
            raise TypeError(msg)
    if not (0 <= start < end <= len(text)):
        msg = (
            "The 'start' and 'end' parameters of target_sentiment must satisfy 0 <= start < end <= "
            f"len(text) = {len(text)}. Got start={start}, end={end} instead."
        )
        raise InvalidInputError(msg)
    from ._target_features import target_sentence
    from ._target_model import predict

    doc = analyze_text(text)
    si = target_sentence(doc, start)  # in whitespace between sentences: the next sentence
    if si is None:  # only whitespace from the target on: nothing to judge
        return TargetSentiment("neutral", math.nan)
    return _label(tuple(predict([(doc, si, start, end)], _sentence_vader)[0].tolist()))


# ------------------------------------------------------------------------------------------------
# the family
# ------------------------------------------------------------------------------------------------
_ACTOR_KINDS = frozenset({"person", "organization", "group"})


def _actor_rows(
    doc: Document, vader: _VaderPass, mentions: Sequence[Any], options: Mapping[str, Any]
) -> list[dict[str, Any]]:
    scores = vader.scores
    include_locations = bool(options.get("include_locations", False))
    with_target = bool(options.get("target_sentiment", True))
    kept = [m for m in mentions if include_locations or m.kind in _ACTOR_KINDS]
    if with_target:
        targets = _mention_targets(doc, kept, vader)
    else:
        targets = [TargetSentiment("", math.nan)] * len(kept)
    per: dict[str, dict[str, Any]] = {}
    for m, ts in zip(kept, targets, strict=True):
        sc = scores[m.sentence]
        r = per.get(m.actor)
        if r is None:
            r = per[m.actor] = {
                "actor": m.actor,
                "kind": m.kind,
                "mentions": 0,
                "_targets": [],
                "_sentences": {},
                "target_negative": 0,
                "target_positive": 0,
            }
        r["mentions"] += 1
        r["_targets"].append(ts.score)
        r["_sentences"][m.sentence] = sc.compound
        if ts.label == "negative":
            r["target_negative"] += 1
        elif ts.label == "positive":
            r["target_positive"] += 1
    rows = []
    for r in per.values():
        targets = r.pop("_targets")
        sents = r.pop("_sentences")
        comps = list(sents.values())
        r["target_sentiment"] = math.fsum(targets) / len(targets) if with_target else math.nan
        if not with_target:
            r["target_negative"] = r["target_positive"] = math.nan
        r["sentence_compound"] = sum(comps) / len(comps)
        r["sentences"] = len(comps)
        r["negative_sentences"] = sum(1 for c in comps if c <= NEGATIVE_THRESHOLD)
        r["positive_sentences"] = sum(1 for c in comps if c >= POSITIVE_THRESHOLD)
        rows.append(r)
    rows.sort(key=lambda r: (-r["mentions"], r["actor"]))
    return rows


def score(
    doc: Document,
    *,
    article: Article | None = None,
    mentions: Sequence[Any] | None = None,
    options: Mapping[str, Any] | None = None,
) -> FamilyResult:
    """Score a Document: article aggregates, sentence scores, actor rows and evidence.

    Parameters
    ----------
    doc : Document
        The analysed article.
    article : Article, optional
        Unused (the family needs only the text).
    options : mapping, optional
        ``aliases`` (alias -> canonical actor, passed to :func:`compare.actors.actor_mentions`);
        ``include_locations`` (bool, default False: actor rows skip places);
        ``target_sentiment`` (bool, default True: classify the sentiment towards each actor
        mention with :func:`target_sentiment`; False skips it, about 0.05 ms CPU per mention when
        an article's mentions are scored together, and leaves the target columns NaN).

    Returns
    -------
    FamilyResult
        ``article``: the metrics of :data:`FAMILY` (NaN for empty text). ``sentences``:
        ``sentence_compound``, ``sentence_pos``, ``sentence_neu``, ``sentence_neg``. ``tables``:
        ``"actors"`` (actor, kind, mentions, target_sentiment = mean P(pos) - P(neg) over mentions,
        target_negative / target_positive = mentions so labelled, sentence_compound = mean over
        the distinct sentences that mention the actor, sentences, negative_sentences,
        positive_sentences) and ``"evidence"`` (every non-neutral sentence: metric, start, end,
        text, weight = compound, sentence, label).
    """
    del article  # the family needs only the text
    options = options or {}
    if not doc.sentences:
        return empty_result(_METRICS)
    if mentions is None:
        from ...actors import actor_mentions

        mentions = actor_mentions(doc, aliases=options.get("aliases"))
    vader = _vader_pass(doc)
    scores = vader.scores
    comps = [s.compound for s in scores]
    n = len(comps)
    n_pos = sum(1 for c in comps if c >= POSITIVE_THRESHOLD)
    n_neg = sum(1 for c in comps if c <= NEGATIVE_THRESHOLD)
    # not through polarity_scores' sentence cache: a stream of articles would fill it with whole texts
    whole = _score(doc.text).compound
    article_metrics = {
        "compound_sentiment": math.fsum(comps) / n,
        "positive_sentence_share": n_pos / n,
        "negative_sentence_share": n_neg / n,
        "neutral_sentence_share": (n - n_pos - n_neg) / n,
        "vader_compound_whole_text_saturating": whole,
    }
    evidence = []
    for i, (s, c) in enumerate(zip(doc.sentences, comps, strict=False)):
        if c >= POSITIVE_THRESHOLD or c <= NEGATIVE_THRESHOLD:
            evidence.append(
                {
                    "metric": "compound_sentiment",
                    "start": s.start,
                    "end": s.end,
                    "text": s.text,
                    "weight": c,
                    "sentence": i,
                    "label": "positive" if c > 0 else "negative",
                }
            )
    return FamilyResult(
        article=article_metrics,
        sentences={
            "sentence_compound": comps,
            "sentence_pos": [s.pos for s in scores],
            "sentence_neu": [s.neu for s in scores],
            "sentence_neg": [s.neg for s in scores],
        },
        tables={"actors": _actor_rows(doc, vader, mentions, options), "evidence": evidence},
    )
