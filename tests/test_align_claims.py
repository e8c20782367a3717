"""Tests of claim alignment (compare.align.claims)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from compare import Article, Corpus, InvalidInputError
from compare.align import OMISSION_COLUMNS, omission_scores
from compare.align._claims_sim import pair_scores
from compare.align.claims import (
    CANDIDATES_PER_ARTICLE,
    CLAIM_COLUMNS,
    COVERAGE_COLUMNS,
    SIMILARITY_THRESHOLD,
    _candidates,
    align_claims,
    claim_features,
)
from compare.text import analyze_text

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
    threshold = SIMILARITY_THRESHOLD
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


# ----------------------------------------------------------------------------------------------
# the pair matcher inside the aligner: partial claims, conflicts, candidates
# ----------------------------------------------------------------------------------------------
ADDED = "but the actual figure may be much higher"


@pytest.fixture(scope="module")
def partial_event() -> list[Article]:
    return [
        Article(
            id="p1",
            outlet="P",
            text=(
                "The commission has recorded 17,000 disappearances since the war began, "
                f"{ADDED}.\nThe mayor opened a new bridge over the river on Sunday."
            ),
        ),
        Article(
            id="q1",
            outlet="Q",
            text=(
                "Officials said the storm closed schools across the region.\n"
                "The commission has recorded 17,000 disappearances since the war began."
            ),
        ),
    ]


def test_partial_claim_is_carried_in_part_with_the_clause(partial_event):
    ca = align_claims(partial_event)
    cid = _claim_of(ca, "p1", 0)
    assert _claim_of(ca, "q1", 1) == cid
    cov = ca.coverage.set_index(["claim_id", "outlet"])
    adds, lacks = cov.loc[(cid, "P")], cov.loc[(cid, "Q")]
    assert adds["status"] == lacks["status"] == "carried_in_part"
    assert (adds["part"], lacks["part"]) == ("adds", "lacks")
    texts = {a.id: a.text for a in partial_event}
    for row in (adds, lacks):
        # the evidence is the clause P adds, in P's article, whichever side the row describes
        assert row["evidence_article_id"] == "p1"
        assert texts["p1"][row["evidence_start"] : row["evidence_end"]] == row["evidence_text"]
        assert "actual figure may be much higher" in row["evidence_text"]
        assert "17,000" not in row["evidence_text"]
    others = ca.coverage[ca.coverage["status"] != "carried_in_part"]
    assert (others["part"] == "").all()
    assert (others["evidence_start"] == -1).all()
    summary = ca.summary().set_index("outlet")
    assert summary.loc["P", "carried_in_part"] == 1
    assert summary.loc["P", "n_claims"] == summary.loc["P", ["carried", "carried_in_part", "only_here"]].sum()


def test_without_the_matcher_there_is_no_partial(partial_event):
    ca = align_claims(partial_event, match=False)
    assert ca.threshold == SIMILARITY_THRESHOLD
    assert "carried_in_part" not in set(ca.coverage["status"])
    assert _claim_of(ca, "p1", 0) == _claim_of(ca, "q1", 1)
    with pytest.raises(InvalidInputError, match="match"):
        align_claims(partial_event, match="yes")


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (
            "Rebels killed 12 soldiers in an attack on the northern base on Tuesday.",
            "Rebels killed 40 soldiers in an attack on the northern base on Tuesday.",
        ),
        (
            "The senate approved the border security bill after a long debate.",
            "The senate did not approve the border security bill after a long debate.",
        ),
    ],
)
def test_conflicting_numbers_or_negation_are_different_claims(a, b):
    arts = [Article(id="x", outlet="X", text=a), Article(id="y", outlet="Y", text=b)]
    assert align_claims(arts, match=False).claims["claim_id"].nunique() == 1  # similarity alone merges them
    ca = align_claims(arts)
    assert ca.claims["claim_id"].nunique() == 2
    assert set(ca.coverage["status"]) == {"only_here", "omitted"}


def test_conflict_keeps_a_claim_apart_through_a_third_sentence():
    # z is close to both x and y, but x and y conflict on the number: z may join one of them, never both
    arts = [
        Article(id="x", outlet="X", text="Rebels killed 12 soldiers in an attack on the northern base."),
        Article(id="y", outlet="Y", text="Rebels killed 40 soldiers in an attack on the northern base."),
        Article(id="z", outlet="Z", text="Rebels killed soldiers in an attack on the northern base."),
    ]
    ca = align_claims(arts)
    assert _claim_of(ca, "x", 0) != _claim_of(ca, "y", 0)


def test_candidates_grow_linearly():
    rng = np.random.default_rng(0)
    for n_per in (10, 40):
        owner = [a for a in range(3) for _ in range(n_per)]
        sim = rng.random((len(owner), len(owner)))
        sim = (sim + sim.T) / 2
        pairs = _candidates(sim, owner, 0.0, CANDIDATES_PER_ARTICLE)
        assert all(owner[i] != owner[j] and i < j for i, j in pairs)
        # each sentence proposes at most k partners in each other article
        assert len(pairs) <= len(owner) * 2 * CANDIDATES_PER_ARTICLE
        assert len(pairs) >= len(owner) * CANDIDATES_PER_ARTICLE  # and at least its own k per other article
    assert _candidates(np.zeros((2, 2)), [0, 1], 0.5, 2) == []


def test_features_without_the_matchers_reading_still_match(partial_event):
    feats = [
        tuple(cs._replace(reading=None) for cs in claim_features(analyze_text(a.text))) for a in partial_event
    ]
    one = align_claims(partial_event, features=feats)
    two = align_claims(partial_event)
    assert one.coverage.equals(two.coverage)


# ----------------------------------------------------------------------------------------------
# omission scores
# ----------------------------------------------------------------------------------------------
def _coverage(rows):
    import pandas as pd

    return pd.DataFrame(rows, columns=["event_id", "claim_id", "outlet", "status", "part"])


def test_omission_weights_claims_by_the_outlets_that_carry_them():
    rows = []
    # c1: carried by B, C, D; A omits it (weight 3). c2: only B states it; A omits (weight 1).
    # c3: everyone carries it (weight 3 for A). c4: A lacks a clause of it (weight 3, counts 0.5).
    for cid, states in {
        "c1": {"A": "omitted", "B": "carried", "C": "carried", "D": "carried"},
        "c2": {"A": "omitted", "B": "only_here", "C": "omitted", "D": "omitted"},
        "c3": {"A": "carried", "B": "carried", "C": "carried", "D": "carried"},
        "c4": {"A": "carried_in_part", "B": "carried_in_part", "C": "omitted", "D": "omitted"},
    }.items():
        for outlet, status in states.items():
            part = {"A": "lacks", "B": "adds"}.get(outlet, "") if status == "carried_in_part" else ""
            rows.append(("e1", cid, outlet, status, part))
    out = omission_scores(_coverage(rows), n_boot=200)
    assert list(out.columns) == ["event_id", *OMISSION_COLUMNS]
    out = out.set_index("outlet")
    a = out.loc["A"]
    assert a["n_claims"] == 4
    assert a["n_omitted"] == 2
    assert a["n_lacking"] == 1
    assert a["omission"] == pytest.approx((3 * 1 + 1 * 1 + 3 * 0 + 1 * 0.5) / (3 + 1 + 3 + 1))
    assert a["omission_unweighted"] == pytest.approx(0.5)
    assert a["ci_low"] <= a["omission"] <= a["ci_high"]
    assert a["ci_low"] >= 0.0
    assert a["ci_high"] <= 1.0
    # B adds a clause to c4: that is carried, not omitted
    b = out.loc["B"]
    assert b["n_lacking"] == 0
    assert b["omission"] == pytest.approx(0.0)
    # weighting matters: D omits c2 (one other outlet) and c4 (two others)
    d = out.loc["D"]
    assert d["omission"] == pytest.approx((1 + 2) / (2 + 1 + 3 + 2))
    no_partial = omission_scores(_coverage(rows), partial_weight=0.0, n_boot=0).set_index("outlet")
    assert no_partial.loc["A", "omission"] < a["omission"]
    assert math.isnan(no_partial.loc["A", "ci_low"])


def test_omission_is_reproducible_and_checks_input():
    rows = [
        ("e1", f"c{i}", o, "carried" if (i + k) % 3 else "omitted", "")
        for i in range(12)
        for k, o in enumerate("ABC")
    ]
    cov = _coverage(rows)
    assert omission_scores(cov, seed=3).equals(omission_scores(cov, seed=3))
    # an outlet alone in an event has no claims to omit
    alone = omission_scores(_coverage([("e2", "c1", "A", "only_here", "")]))
    assert alone["n_claims"].iloc[0] == 0
    assert math.isnan(alone["omission"].iloc[0])
    with pytest.raises(InvalidInputError, match="status"):
        omission_scores(cov.assign(status="maybe"))
    with pytest.raises(InvalidInputError, match="columns"):
        omission_scores(cov.drop(columns="status"))
    with pytest.raises(InvalidInputError, match="partial_weight"):
        omission_scores(cov, partial_weight=2)
    with pytest.raises(InvalidInputError, match="n_boot"):
        omission_scores(cov, n_boot=-1)
    with pytest.raises(TypeError, match="coverage"):
        omission_scores([1, 2])


def test_omission_on_an_alignment(event):
    ca = align_claims(event)
    out = omission_scores(ca.coverage)
    assert "event_id" not in out.columns
    assert set(out["outlet"]) == set(ca.outlets)
    assert out["omission"].between(0, 1).all()


@pytest.mark.parametrize(
    ("a", "b", "kept"),
    [
        (
            "The senate did not approve the border security bill after a long debate.",
            "The senate approved the border security bill after a long debate.",
            True,
        ),
        (
            "Zelenskyy didn't mince words about who he holds responsible for the death of Navalny.",
            "Zelenskyy said he holds Putin responsible for the death of Navalny.",
            False,
        ),
        (
            "Biden said there was no doubt that Putin was responsible for the death of Navalny.",
            "Biden said Putin was responsible for the death of Navalny.",
            False,
        ),
    ],
)
def test_negation_conflict_only_where_a_stated_word_is_negated(a, b, kept):
    from compare.align._claim_match import claim_sentence, match_features
    from compare.align.claims import _negation_in_scope

    ra, rb = (claim_sentence(analyze_text(t), 0) for t in (a, b))
    m = match_features([(ra, rb)])[0]
    assert "negation" in m.conflicts  # the matcher flags every one-sided negator
    assert ("negation" in _negation_in_scope(m, ra, rb).conflicts) is kept


def test_min_group_similarity_stops_chains():
    # x~y and y~z are each close, x and z share little: a chain joins all three unless groups must be alike
    arts = [
        Article(
            id="x", outlet="X", text="The storm closed every school in the northern region on Monday morning."
        ),
        Article(
            id="y", outlet="Y", text="The storm closed every school in the region and flooded the main roads."
        ),
        Article(id="z", outlet="Z", text="Heavy rain flooded the main roads and the bridge over the river."),
    ]
    loose = align_claims(arts)
    strict = align_claims(arts, min_group_similarity=0.9)
    assert loose.claims.groupby("claim_id")["outlet"].nunique().max() == 3  # the chain, by default
    assert strict.claims.groupby("claim_id")["outlet"].nunique().max() <= 2
    with pytest.raises(InvalidInputError, match="min_group_similarity"):
        align_claims(arts, min_group_similarity=1.5)
