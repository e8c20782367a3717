"""Tests of claim alignment (compare.align.claims)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from compare import Article, Corpus, InvalidInputError
from compare.align._claims_sim import pair_scores
from compare.align.claims import CLAIM_COLUMNS, COVERAGE_COLUMNS, align_claims

PAIRS = Path(__file__).parent / "data" / "paraphrase_claims.jsonl"


@pytest.fixture(scope="module")
def event() -> list[Article]:
    a = (
        "Russian President Vladimir Putin has sent a team of junior officials to the talks in Istanbul.\n"
        "The delegation will be led by presidential aide Vladimir Medinsky.\n"
        "Secretary of State Marco Rubio is expected to arrive in Istanbul by Friday."
    )
    b = (
        "Putin dispatched a delegation of low-ranking officials to Istanbul for the negotiations.\n"
        "Medinsky, an aide to the president, will head the delegation.\n"
        "The weather in the city was unusually warm for May, with crowds on the Bosphorus ferries."
    )
    c = (
        "Vladimir Putin sent junior officials to the Istanbul talks instead of going himself.\n"
        "Zelenskyy said he does not believe Putin will be brave enough to come to Istanbul.\n"
        "Ukraine has asked its allies for more air defence systems ahead of the summer."
    )
    return [
        Article(id="a1", outlet="Alpha", text=a, published="2025-05-14"),
        Article(id="b1", outlet="Beta", text=b, published="2025-05-14"),
        Article(id="c1", outlet="Gamma", text=c, published="2025-05-15"),
    ]


def _claim_of(ca, article_id: str, sentence: int) -> str:
    rows = ca.claims[(ca.claims["article_id"] == article_id) & (ca.claims["sentence"] == sentence)]
    assert len(rows) == 1
    return rows["claim_id"].iloc[0]


def test_coverage_statuses_on_three_outlets(event):
    ca = align_claims(event)
    assert list(ca.claims.columns) == list(CLAIM_COLUMNS)
    assert list(ca.coverage.columns) == list(COVERAGE_COLUMNS)
    shared = _claim_of(ca, "a1", 0)
    assert _claim_of(ca, "b1", 0) == shared == _claim_of(ca, "c1", 0)
    medinsky = _claim_of(ca, "a1", 1)
    assert _claim_of(ca, "b1", 1) == medinsky
    matrix = ca.matrix
    assert set(matrix.loc[shared]) == {"carried"}
    assert matrix.loc[medinsky].to_dict() == {"Alpha": "carried", "Beta": "carried", "Gamma": "omitted"}
    weather = _claim_of(ca, "b1", 2)
    assert matrix.loc[weather].to_dict() == {"Alpha": "omitted", "Beta": "only_here", "Gamma": "omitted"}
    # every outlet has exactly one status per claim
    assert ca.coverage.groupby("claim_id").size().eq(3).all()


def test_unique_omitted_and_summary(event):
    ca = align_claims(event)
    uniq = ca.unique_to("Beta")
    assert "weather" in " ".join(uniq["text"])
    assert not uniq["text"].str.contains("Medinsky").any()
    omitted = ca.omitted_by("Gamma")
    assert any("Medinsky" in t for t in omitted["text"])
    assert (omitted["share_of_others"] >= 0.5).all()
    strict = ca.omitted_by("Gamma", min_share=1.0)
    assert all(s == 1.0 for s in strict["share_of_others"])
    summary = ca.summary().set_index("outlet")
    for outlet in ca.outlets:
        row = summary.loc[outlet]
        assert row["n_claims"] == row["carried"] + row["only_here"]
        assert row["n_claims"] + row["omitted"] == ca.claims["claim_id"].nunique()
    with pytest.raises(InvalidInputError, match="outlet"):
        ca.unique_to("Nobody")


def test_offsets_and_one_sentence_per_article(event):
    ca = align_claims(event)
    texts = {a.id: a.text for a in event}
    for row in ca.claims.itertuples(index=False):
        assert texts[row.article_id][row.start : row.end] == row.text
    assert not ca.claims.duplicated(["claim_id", "article_id"]).any()
    singletons = ca.claims["claim_id"].map(ca.claims["claim_id"].value_counts()) == 1
    assert ca.claims.loc[singletons, "similarity"].isna().all()
    assert (ca.claims.loc[~singletons, "similarity"] >= ca.threshold).all()


def test_deterministic_and_order_invariant(event):
    def partition(ca):
        groups = ca.claims.groupby("claim_id")[["article_id", "sentence"]].apply(
            lambda g: frozenset(zip(g["article_id"], g["sentence"], strict=False))
        )
        return set(groups)

    one, two = align_claims(event), align_claims(Corpus(event))
    assert one.claims.equals(two.claims)
    assert one.coverage.equals(two.coverage)
    assert partition(align_claims(event[::-1])) == partition(one)


def test_threshold_extremes(event):
    loose, strict = align_claims(event, threshold=0.0), align_claims(event, threshold=1.0)
    assert strict.claims["claim_id"].nunique() == len(strict.claims)  # nothing merges
    assert loose.claims["claim_id"].nunique() < strict.claims["claim_id"].nunique()
    # even at 0, a claim never holds two sentences of one article
    assert not loose.claims.duplicated(["claim_id", "article_id"]).any()


def test_short_sentences_left_out():
    arts = [
        Article(id="x", outlet="X", text="WASHINGTON\nThe senate passed the budget bill on Friday night."),
        Article(id="y", outlet="Y", text="By Jane Doe\nSenators approved the budget bill late on Friday."),
    ]
    ca = align_claims(arts)
    assert len(ca.claims) == 2
    assert ca.claims["claim_id"].nunique() == 1


@pytest.mark.parametrize("empty", [[], Corpus([])])
def test_empty_input(empty):
    ca = align_claims(empty)
    assert ca.claims.empty
    assert ca.coverage.empty
    assert list(ca.claims.columns) == list(CLAIM_COLUMNS)
    assert ca.summary().empty
    assert ca.matrix.empty


def test_single_short_article():
    ca = align_claims([Article(id="x", outlet="X", text="Hi.")])
    assert ca.claims.empty
    row = ca.summary().iloc[0]
    assert row["n_claims"] == 0
    assert math.isnan(row["only_here_share"])


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"threshold": 1.5}, InvalidInputError),
        ({"threshold": -0.1}, InvalidInputError),
        ({"min_words": 0}, InvalidInputError),
    ],
)
def test_invalid_options(event, kwargs, error):
    with pytest.raises(error, match=next(iter(kwargs))):
        align_claims(event, **kwargs)


def test_invalid_input_type():
    with pytest.raises(TypeError, match="articles"):
        align_claims("not a corpus")
    with pytest.raises(TypeError, match="Article"):
        align_claims([{"id": "x"}])


def test_paraphrase_pairs_score_above_other_pairs():
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) >= 60
    scores = pair_scores([r["a"] for r in rows], [r["b"] for r in rows])
    assert np.all((scores >= 0) & (scores <= 1))
    kinds = np.array([r["kind"] for r in rows])
    para, topical = scores[kinds == "paraphrase"], scores[kinds == "topical"]
    # a paraphrase should beat a same-event sentence that says something else most of the time
    wins = (para[:, None] > topical[None, :]).mean()
    assert wins > 0.9
    threshold = align_claims.__kwdefaults__["threshold"]
    assert (para >= threshold).mean() >= 0.8
    assert (topical >= threshold).mean() <= 0.2


def test_conflicting_numbers_and_directions_lower_similarity():
    base = "The central bank raised interest rates by a quarter point on Wednesday."
    same = "On Wednesday the central bank increased interest rates by a quarter point."
    opposite = "The central bank cut interest rates by a quarter point on Wednesday."
    s = pair_scores([base, base], [same, opposite])
    assert s[0] > s[1]


def test_outlet_relabelling_keeps_coverage(event):
    from dataclasses import replace

    names = {"Alpha": "Zeta", "Beta": "Eta", "Gamma": "Theta"}
    renamed = [replace(a, outlet=names[a.outlet]) for a in event]
    one, two = align_claims(event), align_claims(renamed)
    mapped = one.coverage.assign(outlet=one.coverage["outlet"].map(names))
    key = ["claim_id", "outlet"]
    left = mapped.sort_values(key).reset_index(drop=True)
    right = two.coverage.sort_values(key).reset_index(drop=True)
    assert left.equals(right)


def test_two_articles_of_one_outlet_count_once():
    text_a = "Police arrested three men over the robbery at the jewellery shop on Monday."
    text_b = "Three men were arrested by police over the jewellery shop robbery."
    arts = [
        Article(id="x1", outlet="X", text=text_a),
        Article(id="x2", outlet="X", text=text_b),
        Article(id="y1", outlet="Y", text="The city council approved a new budget for parks and libraries."),
    ]
    ca = align_claims(arts)
    robbery = _claim_of(ca, "x1", 0)
    assert _claim_of(ca, "x2", 0) == robbery
    assert ca.matrix.loc[robbery].to_dict() == {"X": "only_here", "Y": "omitted"}
    assert ca.summary().set_index("outlet").loc["X", "n_articles"] == 2
