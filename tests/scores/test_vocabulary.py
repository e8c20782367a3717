"""Distinctive vocabulary (issue #17, part 2): Fightin' Words against a hand computation."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from compare.exceptions import InvalidInputError, SchemaError
from compare.scores.wordchoice import VOCABULARY_COLUMNS, distinctive_words, log_odds_dirichlet, word_counts


def _tiny() -> pd.DataFrame:
    return pd.DataFrame({"outlet": ["A", "B", "B"], "text": ["War, war, peace.", "War and peace", "peace talks"]})


def test_hand_computation() -> None:
    # A: war 2, peace 1 (n=3); B: war 1, and 1, peace 2, talks 1 (n=5); prior = pooled counts
    out = distinctive_words(_tiny(), a="A", b="B", story=None).set_index("word")
    alpha = {"war": 3, "peace": 3, "and": 1, "talks": 1}
    a0 = 8
    d_war = math.log((2 + 3) / (3 + a0 - 2 - 3)) - math.log((1 + 3) / (5 + a0 - 1 - 3))
    se_war = math.sqrt(1 / (2 + 3) + 1 / (1 + 3))
    d_talks = math.log((0 + 1) / (3 + a0 - 0 - 1)) - math.log((1 + 1) / (5 + a0 - 1 - 1))
    se_talks = math.sqrt(1 / 1 + 1 / 2)
    assert out.loc["war", "delta"] == pytest.approx(d_war, abs=1e-12)
    assert out.loc["war", "se"] == pytest.approx(se_war, abs=1e-12)
    assert out.loc["war", "z"] == pytest.approx(d_war / se_war, abs=1e-12)
    assert out.loc["talks", "z"] == pytest.approx(d_talks / se_talks, abs=1e-12)
    assert out.loc["war", "prior"] == alpha["war"]
    assert (out["n_a"] == 3).all()
    assert (out["n_b"] == 5).all()
    assert list(distinctive_words(_tiny(), a="A", b="B", story=None).columns) == list(VOCABULARY_COLUMNS)


def test_antisymmetric_and_prior_scale_shrinks() -> None:
    ab = distinctive_words(_tiny(), a="A", b="B", story=None).set_index("word")["z"]
    ba = distinctive_words(_tiny(), a="B", b="A", story=None).set_index("word")["z"]
    pd.testing.assert_series_equal(ab.sort_index(), (-ba).sort_index())
    weak = distinctive_words(_tiny(), a="A", b="B", story=None).set_index("word")
    strong = distinctive_words(_tiny(), a="A", b="B", story=None, prior_scale=10.0).set_index("word")
    assert abs(strong.loc["war", "delta"]) < abs(weak.loc["war", "delta"])


def test_pooled_is_inverse_variance_mean_of_stories() -> None:
    df = pd.DataFrame(
        {
            "outlet": ["A", "B", "A", "B", "C"],
            "event_id": ["s1", "s1", "s2", "s2", "s2"],
            "text": ["invasion invasion war", "operation war", "invasion of the city", "operation in the city", "war"],
        }
    )
    out = distinctive_words(df, a="A", b="B")
    per = out[out["scope"] != "all"]
    pooled = out[out["scope"] == "all"].set_index("word")
    rows = per[per["word"] == "invasion"]
    w = 1 / rows["se"] ** 2
    assert pooled.loc["invasion", "delta"] == pytest.approx(float((w * rows["delta"]).sum() / w.sum()), abs=1e-12)
    assert pooled.loc["invasion", "se"] == pytest.approx(float(w.sum() ** -0.5), abs=1e-12)
    assert pooled.loc["invasion", "n_stories"] == 2
    assert pooled.loc["invasion", "z"] > 0 > pooled.loc["operation", "z"]
    # outlet C's word is in the prior's shape for story s2 (9 words), but C is on neither side and
    # adds no weight: alpha_0 = n_a + n_b = 8, alpha_invasion = 8 x 1/9
    s2 = per[per["scope"] == "s2"].set_index("word")
    assert "war" not in set(s2.index)
    a = 8 / 9
    expected = math.log((1 + a) / (4 + 8 - 1 - a)) - math.log((0 + a) / (4 + 8 - 0 - a))
    assert s2.loc["invasion", "delta"] == pytest.approx(expected, abs=1e-12)


def test_groups_by_mapping_and_sentences_with_articles() -> None:
    sentences = pd.DataFrame({"article_id": ["a", "b", "c"], "text": ["Kyiv regime", "Kyiv government", "Kyiv government"]})
    articles = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "Y", "Z"], "event_id": ["e", "e", "e"]})
    out = distinctive_words(sentences, articles=articles, by={"X": "state", "Y": "west", "Z": "west"}, a="state", b="west")
    top = out[out["scope"] == "all"].iloc[0]
    assert top["word"] == "regime"
    assert top["group_a"] == "state"
    out2 = distinctive_words(sentences, articles=articles, a="X", b=["Y", "Z"], story=None)
    assert out2["group_b"].iloc[0] == "Y + Z"


def test_word_counts_use_document_tokens() -> None:
    assert word_counts(["Zelensky’s U.S. trip: 30 days."]) == {"zelensky’s": 1, "u.s.": 1, "trip": 1, "days": 1}


def test_log_odds_skips_words_without_prior_and_nan_when_undefined() -> None:
    out = log_odds_dirichlet({"a": 1}, {"b": 1}, {"a": 1.0, "b": 0.0})
    assert set(out) == {"a"}
    assert math.isnan(out["a"][0])  # "a" is all of side A and of the prior: odds undefined


def test_errors() -> None:
    df = _tiny()
    with pytest.raises(SchemaError, match="event_id"):
        distinctive_words(df, a="A", b="B")
    with pytest.raises(InvalidInputError, match="share"):
        distinctive_words(df, a="A", b=["A", "B"], story=None)
    with pytest.raises(InvalidInputError, match="'Q'"):
        distinctive_words(df, a="A", b="Q", story=None)
    with pytest.raises(InvalidInputError, match="prior_scale"):
        distinctive_words(df, a="A", b="B", story=None, prior_scale=0.0)
    with pytest.raises(InvalidInputError, match="min_count"):
        distinctive_words(df, a="A", b="B", story=None, min_count=0)
    with pytest.raises(TypeError):
        distinctive_words([1, 2], a="A", b="B")  # type: ignore[arg-type]
