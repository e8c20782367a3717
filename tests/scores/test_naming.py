"""Naming table (issue #17, part 1): forms, spellings, descriptors and contested terms per outlet."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from compare import Article, Corpus
from compare.exceptions import InvalidInputError, SchemaError
from compare.scores.wordchoice import (
    NAMING_COLUMNS,
    TERM_COLUMNS,
    actor_labels,
    contested_terms,
    find_terms,
    naming_table,
    wilson_interval,
)

TEXTS = {
    ("a1", "West Wire"): "Volodymyr Zelenskyy spoke in Kyiv. Russia's full-scale invasion goes on, Zelenskyy said.",
    ("a2", "West Wire"): "President Volodymyr Zelenskyy left Kyiv. The war in Ukraine continued.",
    ("b1", "State Line"): "The Kiev regime refused. Volodymyr Zelensky met generals in Kiev about the special military operation.",
    ("b2", "State Line"): "On Monday, illegitimate Ukrainian President Volodymyr Zelensky spoke in Kiev on the conflict in Ukraine.",
}


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    from compare.actors import actor_mentions
    from compare.text import analyze_text

    mentions, labels = [], []
    for (aid, outlet), text in TEXTS.items():
        doc = analyze_text(text)
        ms = actor_mentions(doc)
        mentions += [{"article_id": aid, "outlet": outlet, **m._asdict()} for m in ms]
        lab = actor_labels(doc, mentions=ms)
        labels.append(lab.assign(article_id=aid, outlet=outlet))
    articles = pd.DataFrame([{"article_id": a, "outlet": o, "text": t} for (a, o), t in TEXTS.items()])
    return {"mentions": pd.DataFrame(mentions), "labels": pd.concat(labels), "articles": articles}


def test_schema_and_offsets(tables: dict[str, pd.DataFrame]) -> None:
    t = naming_table(tables["mentions"], tables["labels"], terms=find_terms(tables["articles"]))
    assert list(t.columns) == list(NAMING_COLUMNS)
    assert set(t["dimension"]) == {"name", "spelling", "descriptor", "term"}
    texts = {a: txt for (a, _o), txt in TEXTS.items()}
    for r in t.itertuples():
        assert r.count <= r.total
        assert r.share == pytest.approx(r.count / r.total)
        assert 0 <= r.ci_low <= r.share <= r.ci_high <= 1
        for aid, start, end in r.evidence:
            written = texts[aid][start:end]
            assert written.casefold().replace("’", "'") in {r.form.casefold(), "the " + r.form.casefold(), "a " + r.form.casefold()}
        assert [r.example_article_id, r.example_start, r.example_end] == r.evidence[0]


def test_kiev_kyiv_and_zelensky_spellings_per_outlet(tables: dict[str, pd.DataFrame]) -> None:
    t = naming_table(tables["mentions"], tables["labels"])
    sp = t[t["dimension"] == "spelling"]
    kyiv = sp[sp["referent"] == "Kyiv"].set_index("group")
    assert kyiv.loc["West Wire", "form"] == "Kyiv"
    assert kyiv.loc["West Wire", "count"] == 2
    assert kyiv.loc["State Line", "form"] == "Kiev"
    assert kyiv.loc["State Line", "count"] == 3  # "the Kiev regime", "in Kiev" twice
    zel = sp[sp["referent"].str.contains("Zelensk")]
    got = {(g, f): c for g, f, c in zip(zel["group"], zel["form"], zel["count"], strict=True)}
    assert got == {("West Wire", "Zelenskyy"): 3, ("State Line", "Zelensky"): 2}
    assert len(set(zel["referent"])) == 1  # one referent for both spellings


def test_descriptors_keep_their_modifiers(tables: dict[str, pd.DataFrame]) -> None:
    t = naming_table(tables["mentions"], tables["labels"], dimensions=["descriptor"])
    forms = set(t.loc[t["group"] == "State Line", "form"])
    assert "illegitimate Ukrainian President" in forms
    assert "President" in set(t.loc[t["group"] == "West Wire", "form"])


def test_contested_terms_found_with_offsets(tables: dict[str, pd.DataFrame]) -> None:
    terms = find_terms(tables["articles"])
    assert list(terms.columns) == list(TERM_COLUMNS)
    found = set(zip(terms["article_id"], terms["variant"], strict=True))
    assert {("a1", "full-scale invasion"), ("a2", "war"), ("b1", "Kiev regime"), ("b1", "special military operation"),
            ("b2", "conflict")} <= found
    assert ("a1", "invasion") not in found  # the longer variant wins
    assert ("b1", "military operation") not in found
    texts = {a: txt for (a, _o), txt in TEXTS.items()}
    for r in terms.itertuples():
        assert texts[r.article_id][r.start : r.end] == r.text
    t = naming_table(tables["mentions"], terms=terms, dimensions=["term"])
    war = t[t["referent"] == "the war (the event)"].set_index(["group", "form"])
    assert war.loc[("State Line", "special military operation"), "share"] == pytest.approx(0.5)


def test_terms_need_a_cue_word() -> None:
    df = pd.DataFrame({"article_id": ["x"], "outlet": ["o"], "text": ["The war on drugs and the trade war."]})
    assert find_terms(df).empty  # no cue of the Russia-Ukraine topic in the article


def test_terms_on_sentences_table_use_article_offsets() -> None:
    text = "Talks stalled. The Kiev regime refused."
    sentences = pd.DataFrame({"article_id": ["x", "x"], "sentence": [0, 1], "start": [0, 15],
                              "text": ["Talks stalled.", "The Kiev regime refused."]})
    terms = find_terms(sentences)
    row = terms[terms["variant"] == "Kiev regime"].iloc[0]
    assert text[row.start : row.end] == "Kiev regime"


def test_shipped_list_has_sources() -> None:
    terms = contested_terms()
    assert len(terms) >= 30
    assert terms["source"].str.len().min() > 10
    assert terms["licence_note"].notna().all()
    pairs = terms.groupby(["topic", "referent"])["variant"].nunique()
    assert (pairs >= 2).all()  # every entry is contested: two or more variants


def test_groups_by_mapping_and_bootstrap(tables: dict[str, pd.DataFrame]) -> None:
    groups = {"West Wire": "western", "State Line": "state"}
    t = naming_table(tables["mentions"], dimensions=["spelling"], by=groups, interval="bootstrap", n_boot=200)
    assert set(t["group"]) == {"western", "state"}
    assert set(t["ci_method"]) == {"bootstrap"}
    again = naming_table(tables["mentions"], dimensions=["spelling"], by=groups, interval="bootstrap", n_boot=200)
    pd.testing.assert_frame_equal(t, again)
    arts = pd.DataFrame({"article_id": ["a1", "a2", "b1", "b2"], "country": ["US", "US", "RU", "RU"]})
    by_country = naming_table(tables["mentions"].drop(columns="outlet"), dimensions=["name"], by="country", articles=arts)
    assert set(by_country["group"]) == {"US", "RU"}


def test_wilson_interval() -> None:
    low, high = wilson_interval(3, 10)
    # hand computation: z = 1.959964, p = 0.3
    z = 1.959963984540054
    centre = (0.3 + z * z / 20) / (1 + z * z / 10)
    half = z / (1 + z * z / 10) * math.sqrt(0.3 * 0.7 / 10 + z * z / 400)
    assert (low, high) == pytest.approx((centre - half, centre + half), abs=1e-12)
    assert all(math.isnan(x) for x in wilson_interval(0, 0))


def test_variants_of_different_people_stay_apart() -> None:
    m = pd.DataFrame({
        "article_id": ["a", "a"], "outlet": ["o", "o"], "start": [0, 10], "end": [7, 19],
        "text": ["Navalny", "Navalnaya"], "actor": ["Alexei Navalny", "Yulia Navalnaya"], "kind": ["person", "person"],
    })
    t = naming_table(m, dimensions=["name"])
    assert set(t["referent"]) == {"Alexei Navalny", "Yulia Navalnaya"}


def test_errors(tables: dict[str, pd.DataFrame]) -> None:
    with pytest.raises(SchemaError, match="actor"):
        naming_table(tables["mentions"].drop(columns="actor"))
    with pytest.raises(InvalidInputError, match="dimensions"):
        naming_table(tables["mentions"], dimensions=["nickname"])
    with pytest.raises(InvalidInputError, match="interval"):
        naming_table(tables["mentions"], interval="exact")
    with pytest.raises(InvalidInputError, match="confidence"):
        naming_table(tables["mentions"], confidence=1.0)
    with pytest.raises(SchemaError, match="group"):
        naming_table(tables["mentions"], by="group")


def test_pipeline_tables_work(tiny_corpus: Corpus) -> None:
    import compare

    res = compare.analyze(Corpus([*tiny_corpus, Article(id="k", outlet="Daily Ledger", text=TEXTS[("b1", "State Line")])]))
    t = naming_table(res.mentions, res.labels, terms=find_terms(res.corpus.to_frame()))
    assert {"name", "term"} <= set(t["dimension"])
