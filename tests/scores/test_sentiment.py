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
# the target classifier: one feature implementation (_target_features) for training, single
# targets and the family's batches; golden values from benchmarks/make_golden_sentiment.py
# ------------------------------------------------------------------------------------------------
GOLDEN = __import__("pathlib").Path(__file__).parents[1] / "data" / "golden" / "sentiment_actors.json"
# Sums in another order (another batch) differ by ~1e-16; labels must be identical.
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


def _vader(doc, si):  # type: ignore[no-untyped-def]
    from compare.scores.sentiment._vader import polarity_scores, word_sentiments

    s = polarity_scores(doc.sentences[si].text)
    return (s.compound, s.pos, s.neg), word_sentiments(doc.sentences[si].text)


def _name_items(text: str) -> list[tuple]:
    doc = analyze_text(text)
    items = []
    for si, s in enumerate(doc.sentences):
        for i in range(s.token_start, s.token_end):  # every token, token pairs, odd offsets
            items.append((doc, si, doc.token_starts[i], doc.token_ends[i]))
            if i + 1 < s.token_end:
                items.append((doc, si, doc.token_starts[i], doc.token_ends[i + 1]))
        items.append((doc, si, s.start, s.end))
        items.append((doc, si, s.end - 1, s.end))
    return items


def test_prediction_is_the_model_over_the_named_features() -> None:
    # the model's key table and vocabulary give exactly the sum of the named features' weights
    # (the names the training script writes), whatever words the model does not know
    import numpy as np

    from compare.scores.sentiment import _target_features as tf
    from compare.scores.sentiment import _target_model as tm

    model = tm.load_model()
    import json
    from importlib import resources

    weights = json.loads((resources.files("compare") / "data" / tm.MODEL_FILE).read_text(encoding="utf-8"))
    items = [it for case in _golden()[:3] for it in _name_items(case["text"])]
    batch = tf.make_batch(items, _vader)
    probs = tm.predict_batch(batch)
    full = tf.build_vocab(batch.lowers)  # a training vocabulary: every word known
    f = tf.features(batch, full)
    z = f.dense @ model.dense + model.intercept
    w = weights["weights"]
    for k, key in zip(f.owner.tolist(), f.key.tolist(), strict=True):
        z[k] += w.get(tf.feature_name(key, full), (0.0, 0.0, 0.0))
    z = np.exp(z - z.max(axis=1, keepdims=True))
    z /= z.sum(axis=1, keepdims=True)
    assert len(items) > 500
    assert np.abs(z - probs).max() <= TOL


def test_feature_names_round_trip() -> None:
    from compare.scores.sentiment import _target_features as tf

    doc = analyze_text("Critics called Smith a corrupt puppet, and Smith’s aides didn't object.")
    batch = tf.make_batch([(doc, 0, 15, 20), (doc, 0, 42, 49)], _vader)
    vocab = tf.build_vocab(batch.lowers)
    f = tf.features(batch, vocab)
    names = [tf.feature_name(k, vocab) for k in f.key.tolist()]
    assert [tf.feature_key(n, vocab) for n in names] == f.key.tolist()
    first = {n for o, n in zip(f.owner.tolist(), names, strict=True) if o == 0}
    assert {"P1:called", "N1:a", "N2:a corrupt", "R2:corrupt puppet", "SR:puppet", "S:<N>"} <= first
    assert "S:smith" not in first  # the target is not a sentence word
    dense = dict(zip(tf.DENSE, f.dense[0].tolist(), strict=True))
    assert dense["desc_val"] < 0  # "called Smith a corrupt puppet": its own descriptors
    assert dense["desc_neg"] == 1.0


def test_batches_give_the_same_numbers_as_single_targets() -> None:
    from compare.scores.sentiment import _target_model as tm

    items = [it for case in _golden() for it in _name_items(case["text"])]
    together = tm.predict(items, _vader)
    alone = [tm.predict(items[k : k + 1], _vader)[0] for k in range(0, len(items), 7)]
    assert len(items) > 1000
    for k, p in zip(range(0, len(items), 7), alone, strict=True):
        assert abs(together[k] - p).max() <= TOL, items[k][1:]


def test_family_batch_equals_target_sentiment() -> None:
    # the family (one batch per article, VADER details of its pass) and target_sentiment (one
    # target, its own VADER call) give the same numbers
    text = _golden()[0]["text"]
    res = FAMILY(analyze_text(text))
    from compare.actors import actor_mentions

    ms = [m for m in actor_mentions(text) if m.kind in {"person", "organization", "group"}]
    per: dict[str, list[float]] = {}
    for m in ms:
        per.setdefault(m.actor, []).append(target_sentiment(text, m.start, m.end).score)
    rows = {r["actor"]: r for r in res.tables["actors"]}
    assert per
    for actor, scores in per.items():
        assert rows[actor]["target_sentiment"] == pytest.approx(math.fsum(scores) / len(scores), abs=TOL)


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
    ("text", "start", "end"),
    [
        ("Smith met Jones in Paris on Monday.", 0, 5),  # no opinion word
        ("Smith met Jones.", 5, 6),  # whitespace between tokens: the nearest token
        ("Good", 0, 4),
        ('He said “Smith is great” and “Jones" is not bad.', 8, 14),
        ('He said “Smith is great” and “Jones" is not bad.', 30, 35),
        ("Don't blame Smith, it isn't his fault.", 0, 17),
        ("Émile met İlham and Ölaf in 2024 \ud800 good.", 10, 15),  # non-ASCII, a lone surrogate
        ("a b c", 0, 5),
        ("$5 for Smith’s 2nd try", 7, 14),
    ],
)
def test_odd_targets(text: str, start: int, end: int) -> None:
    r = target_sentiment(text, start, end)
    assert r.label in {"negative", "neutral", "positive"}
    assert -1 <= r.score <= 1


def test_label_order_matches_model() -> None:
    from compare.scores.sentiment import _sentiment as sm
    from compare.scores.sentiment import _target_model as tm

    assert sm._CLASSES == tm.CLASSES == tuple(tm.load_model().meta["classes"])
    assert sm._label((0.4, 0.4, 0.2)).label == "negative"  # ties: the first class, as max()
    assert sm._label((0.2, 0.4, 0.4)).label == "neutral"


# ------------------------------------------------------------------------------------------------
# portrayal (issue #17): how a text portrays the target moves the score, not only the tone of
# the sentence
# ------------------------------------------------------------------------------------------------
def _score(sentence: str, target: str) -> float:
    at = sentence.index(target)
    return target_sentiment(sentence, at, at + len(target)).score


@pytest.mark.parametrize(
    ("portrayed", "plain", "target"),
    [
        (
            "Zelensky is clearly unable to fully understand how political processes function.",
            "Zelensky is clearly able to fully understand how political processes function.",
            "Zelensky",
        ),
        (
            "The Russian dictator Putin arrived in Beijing on Monday.",
            "The Russian president Putin arrived in Beijing on Monday.",
            "Putin",
        ),
        (
            "Zelensky, who used to star in comedy shows, now plays the role of a war leader.",
            "Zelensky, who used to work in television, now plays the role of a war leader.",
            "Zelensky",
        ),
        (
            "Critics called Assad a puppet of Moscow at the summit.",
            "Critics called Assad an ally of Moscow at the summit.",
            "Assad",
        ),
        (
            "The Kremlin regime announced new talks on Monday.",
            "The Kremlin government announced new talks on Monday.",
            "Kremlin",
        ),
    ],
)
def test_portrayal_moves_the_target_score(portrayed: str, plain: str, target: str) -> None:
    assert _score(portrayed, target) < _score(plain, target) - 0.1


def test_unable_to_understand_is_negative() -> None:
    # the example scored +0.33 towards Zelensky
    s = "Zelensky is clearly unable to fully understand how political processes function."
    assert _score(s, "Zelensky") < 0
