"""Sentiment family: VADER parity, aggregates, target-dependent sentiment."""

from __future__ import annotations

import math

import pytest

from compare import analyze_text
from compare.exceptions import InvalidInputError
from compare.scores import sentence_sentiment, target_sentiment
from compare.scores.sentiment import FAMILY, TargetSentiment

TEXT = (
    "The ceasefire is a wonderful achievement. Critics warned of a terrible failure. "
    "The meeting is on Friday."
)


def test_sentence_parity_with_vadersentiment() -> None:
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    sia = SentimentIntensityAnalyzer()
    df = sentence_sentiment(TEXT)
    assert list(df.columns) == ["index", "start", "end", "text", "compound", "pos", "neu", "neg"]
    for row in df.itertuples():
        ref = sia.polarity_scores(row.text)
        assert row.compound == pytest.approx(ref["compound"], abs=1e-4)
        for k in ("pos", "neu", "neg"):
            assert getattr(row, k) == pytest.approx(ref[k], abs=1e-3)
        assert TEXT[row.start : row.end] == row.text


def test_article_metrics() -> None:
    res = FAMILY(analyze_text(TEXT))
    a = res.article
    comps = res.sentences["sentence_compound"]
    assert a["compound_sentiment"] == pytest.approx(sum(comps) / 3)
    assert a["positive_sentence_share"] == pytest.approx(1 / 3)
    assert a["negative_sentence_share"] == pytest.approx(1 / 3)
    assert a["neutral_sentence_share"] == pytest.approx(1 / 3)
    assert -1 <= a["vader_compound_whole_text_saturating"] <= 1
    assert {r["label"] for r in res.tables["evidence"]} == {"positive", "negative"}


def test_whole_text_compound_saturates_but_headline_does_not() -> None:
    one = "The plan is a bad idea."
    res1 = FAMILY(analyze_text(one)).article
    res20 = FAMILY(analyze_text(" ".join([one] * 20))).article
    assert res20["vader_compound_whole_text_saturating"] < res1["vader_compound_whole_text_saturating"] - 0.3
    assert res20["compound_sentiment"] == pytest.approx(res1["compound_sentiment"])


def test_whole_text_score_stays_out_of_the_sentence_cache() -> None:
    # a 100k-article stream filled the 65,536-slot sentence cache with whole article texts
    # (about 13 KB per article per process); the whole-text score lives in the Document's cache
    from compare.scores.sentiment._vader import polarity_scores

    text = "The plan is a bad idea. Critics said so on Monday. The minister disagreed."
    polarity_scores.cache_clear()
    doc = analyze_text(text)
    first = FAMILY(doc).article["vader_compound_whole_text_saturating"]
    assert polarity_scores.cache_info().currsize == 0
    assert first == pytest.approx(polarity_scores(text).compound)


def test_empty_text_is_nan() -> None:
    res = FAMILY(analyze_text(""))
    assert res.article
    assert all(math.isnan(v) for v in res.article.values())
    assert len(sentence_sentiment("")) == 0


def test_target_sentiment_api() -> None:
    s = "Critics slammed Smith for the disastrous, corrupt deal, while Jones was praised as a hero."
    r = target_sentiment(s, s.index("Smith"), s.index("Smith") + 5)
    assert isinstance(r, TargetSentiment)
    assert r.label in {"negative", "neutral", "positive"}
    assert -1 <= r.score <= 1
    assert r.label == "negative"
    # the target may sit in a longer text: only its sentence counts
    t = "A calm day. " + s
    r2 = target_sentiment(t, t.index("Smith"), t.index("Smith") + 5)
    assert r2.label == r.label
    assert r2.score == pytest.approx(r.score)


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (3, 3), (5, 2), (0, 1000)])
def test_target_sentiment_offsets(start: int, end: int) -> None:
    with pytest.raises(InvalidInputError, match="start"):
        target_sentiment("Smith spoke.", start, end)


def test_target_sentiment_types() -> None:
    with pytest.raises(TypeError, match="text"):
        target_sentiment(None, 0, 1)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="start"):
        target_sentiment("Smith spoke.", 0.0, 1)  # type: ignore[arg-type]


def test_actor_rows() -> None:
    text = "Vladimir Putin rejected the peace plan and lied. Putin refused to meet anyone."
    res = FAMILY(analyze_text(text))
    rows = {r["actor"]: r for r in res.tables["actors"]}
    r = rows["Vladimir Putin"]
    assert r["mentions"] == 2
    assert r["sentences"] == 2
    assert -1 <= r["target_sentiment"] <= 1
    assert r["target_negative"] + r["target_positive"] <= 2


def test_founding_article_putin_refusal_is_negative(founding_article) -> None:
    text = founding_article.title + "\n" + founding_article.text
    doc = analyze_text(text)
    res = FAMILY(doc)
    comps = res.sentences["sentence_compound"]
    refusal = [
        i
        for i, s in enumerate(doc.sentences)
        if "Putin" in s.text
        and any(w in s.text for w in ("Refuses", "ignored", "lack of seriousness", "casting doubt"))
    ]
    assert len(refusal) >= 3
    assert sum(comps[i] for i in refusal) / len(refusal) < 0
    putin = next(r for r in res.tables["actors"] if r["actor"] == "Vladimir Putin")
    assert putin["target_sentiment"] < 0
    # sentiment towards Putin leans negative in each refusal sentence
    for i in refusal:
        sent = doc.sentences[i].text
        at = sent.index("Putin")
        assert target_sentiment(sent, at, at + 5).score < 0, sent


def test_target_in_trailing_whitespace_is_nan() -> None:
    r = target_sentiment("Smith spoke.   ", 13, 14)
    assert r.label == "neutral"
    assert math.isnan(r.score)


def test_actor_rows_without_target_sentiment() -> None:
    res = FAMILY(analyze_text("Vladimir Putin lied. Putin left."), options={"target_sentiment": False})
    row = res.tables["actors"][0]
    assert row["actor"] == "Vladimir Putin"
    assert row["mentions"] == 2
    assert math.isnan(row["target_sentiment"])
    assert row["sentence_compound"] == pytest.approx(sum(res.sentences["sentence_compound"]) / 2)


# ------------------------------------------------------------------------------------------------
# the fast paths (plain Python and numpy batch) give the numbers of the reference (features +
# predict_proba per target), and the family gives the golden values
# (benchmarks/make_golden_sentiment.py)
# ------------------------------------------------------------------------------------------------
GOLDEN = __import__("pathlib").Path(__file__).parents[1] / "data" / "golden" / "sentiment_actors.json"
# Floating-point sums in another order differ by ~1e-16 (the reference's own order already varies
# between processes: it iterates over a set of words); labels must be identical.
TOL = 1e-12


def _golden() -> list[dict]:
    import json

    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    if isinstance(a, float) or isinstance(b, float):
        if math.isnan(a) or math.isnan(b):
            return math.isnan(a) and math.isnan(b)
        return abs(a - b) <= TOL
    return a == b


def test_batch_classifier_equals_reference() -> None:
    from compare.scores.sentiment import _target_model as tm
    from compare.scores.sentiment._vader import polarity_scores

    items = []
    for case in _golden():
        doc = analyze_text(case["text"])
        for s in doc.sentences:
            sc = polarity_scores(s.text)
            scores = (sc.compound, sc.pos, sc.neg)
            toks = list(doc.tokens[s.token_start : s.token_end])
            for a, t in enumerate(toks):  # every token, pairs of tokens, odd offsets
                items.append((s.text, t.start - s.start, t.end - s.start, scores))
                if a + 1 < len(toks):
                    items.append((s.text, t.start - s.start, toks[a + 1].end - s.start, scores))
            items.append((s.text, 0, len(s.text), scores))
            items.append((s.text, len(s.text) - 1, len(s.text), scores))
    items.append(("", 0, 0, (0.0, 0.0, 0.0)))
    items.append(("   ", 1, 2, (0.0, 0.0, 0.0)))
    fast = tm.predict_spans(items)  # one batch: the vectorised numpy path
    assert len(items) >= tm._BATCH_MIN
    one_by_one = [p for k in range(0, len(items), 3) for p in tm.predict_spans(items[k : k + 3])]
    assert len(fast) == len(one_by_one) == len(items) > 1000
    for item, p, q in zip(items, fast, one_by_one, strict=True):
        ref = tm.predict_proba(tm.features(*item))
        for got in (p, q):
            assert max(abs(x - y) for x, y in zip(got, ref, strict=True)) <= TOL, item
            assert max(range(3), key=lambda i: got[i]) == max(range(3), key=lambda i: ref[i]), item


def test_batch_with_given_word_sentiments() -> None:
    from compare.scores.sentiment import _target_model as tm
    from compare.scores.sentiment._vader import polarity_scores, word_sentiments

    s = "Critics slammed Smith for the disastrous, corrupt deal, while Jones was praised as a hero."
    sc = polarity_scores(s)
    spans = [(s.index(w), s.index(w) + len(w)) for w in ("Critics", "Smith", "deal", "Jones", "hero")] * 3
    plain = [(s, a, b, (sc.compound, sc.pos, sc.neg)) for a, b in spans]
    given = [(*it, word_sentiments(s)) for it in plain]
    p, q = tm.predict_spans(plain), tm.predict_spans(given)
    assert len(p) == len(spans) >= tm._BATCH_MIN
    for x, y in zip(p, q, strict=True):
        assert max(abs(a - b) for a, b in zip(x, y, strict=True)) <= TOL
    labels = [max(range(3), key=lambda i: x[i]) for x in p]
    assert labels[1] == 0  # Smith: negative


def test_target_sentiment_equals_golden_values() -> None:
    for case in _golden():
        text = case["text"]
        for start, end, label, score in case["targets"]:
            r = target_sentiment(text, start, end)
            assert r.label == label, (start, end)
            assert _same(r.score, score), (start, end)


def test_actor_tables_equal_golden_values() -> None:
    for case in _golden():
        text = case["text"]
        for key, options in (
            ("actors_table", None),
            ("actors_table_locations", {"include_locations": True, "aliases": {"Trump": "DJT"}}),
        ):
            rows = FAMILY(analyze_text(text), options=options).tables["actors"]
            gold = case[key]
            assert [r["actor"] for r in rows] == [g["actor"] for g in gold]
            for r, g in zip(rows, gold, strict=True):
                assert list(r) == list(g)
                assert all(_same(r[k], g[k]) for k in g), (r, g)


@pytest.mark.parametrize(
    "items",
    [
        [("Smith met Jones in Paris on Monday.", 0, 5, (0.0, 0.0, 0.0))] * 3,  # no opinion word
        [
            ("Smith met Jones.", 10, 15, (0.0, 0.0, 0.0)),
            ("", 0, 0, (0.0, 0.0, 0.0)),
            ("Good", 0, 4, (0.4, 1.0, 0.0)),
        ],
        [("Smith", 0, 5, (0.0, 0.0, 0.0))],
        [
            ('He said “Smith is great” and “Jones" is not bad.', 8, 14, (0.5, 0.3, 0.0)),
            ('He said “Smith is great” and “Jones" is not bad.', 30, 35, (0.5, 0.3, 0.0)),
        ],
        [
            ("Don't blame Smith, it isn't his fault.", 12, 17, (0.3, 0.2, 0.1)),
            ("Don't blame Smith, it isn't his fault.", 0, 17, (0.3, 0.2, 0.1)),
        ],
        [  # non-ASCII first letters, a lone surrogate, digits
            ("Émile met İlham and Ölaf in 2024 \ud800 good.", 0, 5, (0.4, 0.2, 0.0)),
            ("Émile met İlham and Ölaf in 2024 \ud800 good.", 10, 15, (0.4, 0.2, 0.0)),
            ("Émile met İlham and Ölaf in 2024 \ud800 good.", 20, 24, (0.4, 0.2, 0.0)),
        ],
        [
            ("a b c", 1, 2, (0.0, 0.0, 0.0)),
            ("a b c", 4, 5, (0.0, 0.0, 0.0)),
            ("a b c", 0, 5, (0.0, 0.0, 0.0)),
        ],
    ],
)
def test_numpy_batch_edge_cases(items) -> None:
    from compare.scores.sentiment import _target_model as tm

    got = tm._predict_batch(items).tolist()
    for item, p in zip(items, got, strict=True):
        ref = tm.predict_proba(tm.features(*item))
        assert max(abs(x - y) for x, y in zip(p, ref, strict=True)) <= TOL, item


def test_label_order_matches_model() -> None:
    from compare.scores.sentiment import _sentiment as sm
    from compare.scores.sentiment import _target_model as tm

    assert sm._CLASSES == tm.CLASSES == tuple(tm.load_model()["classes"])
    assert sm._label((0.4, 0.4, 0.2)).label == "negative"  # ties: the first class, as max()
    assert sm._label((0.2, 0.4, 0.4)).label == "neutral"
