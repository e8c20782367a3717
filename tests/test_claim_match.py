"""The pairwise claim matcher: same / partial / different, added clause, explicit conflicts (issue #20)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from compare.align import _claim_match as cm
from compare.exceptions import InvalidInputError
from compare.text import analyze_text

DATA = Path(__file__).parent / "data"


def _match(a: str, b: str, **kw) -> tuple[cm.ClaimMatch, str]:
    da, db = analyze_text(a), analyze_text(b)
    r = (
        cm.match_claims(da, 0, db, 0)
        if not kw
        else cm.match_features([(cm.claim_sentence(da, 0), cm.claim_sentence(db, 0))], **kw)[0]
    )
    longer = a if r.longer == "a" else b
    return r, " | ".join(longer[s:e] for s, e in r.added)


def test_added_clause_is_found_with_offsets():
    a = "Officials have documented more than 17,000 disappearances since the war began, but the actual figure may be much higher."
    b = "Officials have documented more than 17,000 disappearances since the war began."
    r, added = _match(a, b)
    assert r.decision == "partial"
    assert r.longer == "a"
    assert added == "but the actual figure may be much higher"
    # the same with the sides swapped
    r2, added2 = _match(b, a)
    assert (r2.decision, r2.longer, added2) == ("partial", "b", added)


def test_added_clause_offsets_point_into_the_article():
    text = "Headline here\nThe minister resigned on Tuesday after weeks of pressure, which surprised her own party."
    other = "The minister resigned on Tuesday after weeks of pressure."
    da, db = analyze_text(text), analyze_text(other)
    r = cm.match_claims(da, 1, db, 0)
    assert r.decision == "partial"
    assert r.longer == "a"
    ((s, e),) = r.added
    assert text[s:e] == "which surprised her own party"


def test_identical_and_unrelated():
    s = "The central bank raised interest rates by a quarter of a percentage point on Wednesday."
    same, _ = _match(s, s)
    assert same.decision == "same"
    assert same.probability > 0.9
    other, _ = _match(s, "Flooding closed three schools in the northern province after days of heavy rain.")
    assert other.decision == "different"
    assert other.probability < 0.2
    assert same.probability > other.probability


def test_features_are_symmetric_and_finite():
    a = cm.claim_text("Putin sent a team of junior officials to the talks in Istanbul on Monday.")
    b = cm.claim_text("Russian President Vladimir Putin dispatched low-ranking officials to Istanbul.")
    fa, fb = cm.pair_features(a, b), cm.pair_features(b, a)
    assert fa.shape == (len(cm.FEATURES),)
    assert np.all(np.isfinite(fa))
    np.testing.assert_allclose(fa, fb)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The council paid $US346,807 to the firm.", [(346807.0, 346807.0, False, "$")]),
        ("The council paid 346,807 dollars to the firm.", [(346807.0, 346807.0, False, "$")]),
        ("It raised $3.5 billion in May.", [(3.5e9, 3.5e9, False, "$")]),
        ("About 700 Uruguayan peacekeepers left.", [(700.0, 700.0, True, "")]),
        ("Between 60-70 people came in 2019.", [(60.0, 70.0, False, ""), (2019.0, 2019.0, False, "year")]),
        ("Prices rose 4.5 percent.", [(4.5, 4.5, False, "%")]),
        ("Two men were arrested.", [(2.0, 2.0, False, "")]),
    ],
)
def test_numbers_are_read_with_value_and_unit(text, expected):
    assert list(cm.claim_text(text).numbers) == expected


def test_currency_forms_agree_and_near_numbers_do_not_conflict():
    r, _ = _match(
        "The council paid $US346,807 to the contractor.",
        "The council paid 346,807 dollars to the contractor.",
    )
    assert "number" not in r.conflicts
    assert r.decision == "same"
    r, _ = _match(
        "About 700 Uruguayan peacekeepers are deployed in the region.",
        "Approximately 600 Uruguayan troops are deployed in the region.",
    )
    assert "number" not in r.conflicts
    r, _ = _match("The storm killed 12 people in the town.", "The storm killed 40 people in the town.")
    assert "number" in r.conflicts


@pytest.mark.parametrize(
    ("a", "b", "conflict"),
    [
        ("The Senate approved the bill on Tuesday.", "The Senate rejected the bill on Tuesday.", "direction"),
        (
            "The Senate approved the bill on Tuesday.",
            "The Senate did not approve the bill on Tuesday.",
            "negation",
        ),
        ("The storm killed 12 people on Monday.", "The storm killed 12 people on Friday.", "date"),
        ("The plant opened in March 2019.", "The plant opened in March 2021.", "date"),
    ],
)
def test_explicit_conflicts(a, b, conflict):
    r, _ = _match(a, b)
    assert conflict in r.conflicts
    # a model that vetoes the conflict never calls the pair the same claim
    model = replace(cm.load_model(), veto=(conflict,), same_threshold=0.0)
    r2, _ = _match(a, b, model=model)
    assert r2.decision != "same"
    # without the veto the same pair at threshold 0 is "same" (unless it is partial)
    model = replace(cm.load_model(), veto=(), same_threshold=0.0)
    r3, _ = _match(a, b, model=model)
    assert r3.decision in ("same", "partial")


def test_no_conflict_for_agreeing_pairs():
    r, _ = _match(
        "The Senate approved the bill on Tuesday.", "On Tuesday the bill was approved by the Senate."
    )
    assert r.conflicts == ()


def test_surname_matches_full_name():
    a = cm.claim_text("Zelensky met Erdogan in Ankara on Monday.")
    b = cm.claim_text("Volodymyr Zelensky met Recep Tayyip Erdogan in Ankara on Monday.")
    r = cm.match_features([(a, b)])[0]
    assert r.decision == "same"
    assert r.coverage_b == pytest.approx(1.0)


def test_shipped_model_matches_features():
    raw = json.loads((Path(cm.__file__).parents[1] / "data" / "claim_match.json").read_text(encoding="utf-8"))
    assert tuple(raw["features"]) == cm.FEATURES
    model = cm.load_model()
    assert 0.0 < model.same_threshold < 1.0
    assert set(model.veto) <= set(cm.CONFLICTS)
    bad = {**raw, "features": raw["features"][:-1]}
    with pytest.raises(InvalidInputError, match="'features' field"):
        cm.model_from_dict(bad)


def test_handmade_partial_pairs():
    """Most hand-made partial pairs are found, with the right side and most of the clause."""
    rows = [
        json.loads(line) for line in (DATA / "partial_claims.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    found = 0
    overlap = []
    for r in rows:
        m, added = _match(r["a"], r["b"])
        if m.decision == "partial" and m.longer == r["longer"]:
            found += 1
            gold = set(r["added"].split())
            overlap.append(len(gold & set(added.split())) / len(gold))
    assert found >= 0.75 * len(rows)
    assert np.mean(overlap) >= 0.8


def test_validation():
    doc = analyze_text("One sentence here.")
    with pytest.raises(TypeError, match="'doc_a' parameter of match_claims must be a Document"):
        cm.match_claims("text", 0, doc, 0)  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="'sent_b' parameter of match_claims"):
        cm.match_claims(doc, 0, doc, 3)
    assert cm.match_features([]) == []


def test_sentences_are_read_per_document_sentence():
    doc = analyze_text("First sentence here. Second sentence there.")
    first = cm.claim_sentences(doc)
    assert cm.claim_sentences(doc) == first
    assert len(first) == 2
    assert doc.text[first[1].start : first[1].end] == "Second sentence there."
