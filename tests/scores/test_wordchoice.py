"""Tests of the word-choice family: loaded language and actor labels."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from compare._datasets import datasets_dir
from compare.exceptions import InvalidInputError, SchemaError
from compare.scores import SCORERS, actor_labels, load_families, loaded_language
from compare.scores.wordchoice import FAMILY, actor_actions, label_table
from compare.text import analyze_text

SEED = Path(__file__).resolve().parents[2].parent / "shared" / "seed" / "the-gaze-putin-istanbul.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    path = datasets_dir().parent / "seed" / "the-gaze-putin-istanbul.txt"
    if not path.exists():
        path = SEED
    if not path.exists():
        pytest.skip("founding article not available")
    return path.read_text(encoding="utf-8")


def test_family_registered() -> None:
    fams = load_families(["wordchoice"])
    assert fams["wordchoice"] is FAMILY
    for name in ("loaded_words_per_100_words", "loaded_sentence_share", "hedge_density", "loaded_score"):
        assert SCORERS[name].family == "wordchoice"
    assert SCORERS["loaded_words_per_100_words"].headline


@pytest.mark.parametrize("text", ["", "   \n  ", "...", "42 17"])
def test_empty_text_gives_nan(text: str) -> None:
    doc = analyze_text(text)
    res = FAMILY(doc)
    assert res.article
    assert all(math.isnan(v) for v in res.article.values())
    assert len(res.sentences.get("loaded_score", [])) == len(doc.sentences)


def test_capitulation_flagged_with_offsets(seed_text: str) -> None:
    df = loaded_language(seed_text)
    words = df[df["level"] == "word"]
    assert "capitulation" in set(words["text"].str.lower())
    for row in words.itertuples():
        assert seed_text[row.start : row.end] == row.text
        assert 0.5 <= row.weight <= 1.0
    sentences = df[df["level"] == "sentence"]
    assert len(sentences) == len(analyze_text(seed_text).sentences)


def test_founding_article_labels(seed_text: str) -> None:
    df = actor_labels(seed_text)
    labels = set(df["label"])
    for expected in ("junior officials", "Putin’s aide", "a former culture minister"):
        assert expected in labels
    actions = actor_actions(seed_text)
    putin_verbs = set(actions.loc[actions["actor"].str.contains("Putin") & (actions["kind"] == "verb"), "text"])
    assert "dispatched" in putin_verbs
    assert set(df["kind"]) <= {"title", "descriptor", "appositive", "predicative"}
    for row in df.itertuples():
        assert seed_text[row.start : row.end] == row.label
    medinsky = df[df["actor"].str.contains("Medinsky")]
    assert {"Putin’s aide", "a former culture minister"} <= set(medinsky["label"])


def test_family_tables_have_evidence_and_labels(seed_text: str) -> None:
    doc = analyze_text(seed_text)
    res = FAMILY(doc)
    assert len(res.sentences["loaded_score"]) == len(doc.sentences)
    assert 0 < res.article["loaded_words_per_100_words"] < 100
    assert 0 < res.article["loaded_sentence_share"] <= 1
    ev = res.tables["evidence"]
    assert ev
    for row in ev:
        assert {"metric", "sentence", "start", "end", "text", "weight", "label"} <= set(row)
        assert seed_text[row["start"] : row["end"]] == row["text"]
        assert row["metric"] in SCORERS
    assert res.tables["labels"]
    no_labels = FAMILY(doc, options={"labels": False})
    assert "labels" not in no_labels.tables


def test_loaded_sentence_scores_higher_than_neutral() -> None:
    neutral = "The committee met on Tuesday and said it would publish 12 reports in March."
    loaded = "The radical mob brazenly smeared the disgraced regime with absurd lies."
    s_neutral = loaded_language(neutral).query("level == 'sentence'")["weight"].iloc[0]
    s_loaded = loaded_language(loaded).query("level == 'sentence'")["weight"].iloc[0]
    assert s_loaded > s_neutral
    words = set(loaded_language(loaded).query("level == 'word'")["text"].str.lower())
    assert {"radical", "mob", "brazenly", "smeared", "absurd", "lies"} <= words


def test_morphology_and_topical_words() -> None:
    df = loaded_language(
        "Officials said three people were killed. Critics slammed the shockingly reckless plan."
    )
    words = set(df.query("level == 'word'")["text"].str.lower())
    assert "killed" not in words  # event word, not the writer's evaluation
    assert {"slammed", "shockingly", "reckless"} <= words


def test_voice_tells_quoted_words_from_the_outlets_own() -> None:
    df = loaded_language('He called it "an absurd farce." The plan was absurd.')
    w = df.query("level == 'word' and text == 'absurd'")
    assert sorted(w["voice"].tolist()) == ["own", "quoted"]


@pytest.mark.parametrize("func", [loaded_language, actor_labels])
def test_type_error(func) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="text_or_doc"):
        func(42)


def test_appositive_and_title_patterns() -> None:
    text = (
        "Sergei Lavrov, the foreign minister of Russia, said the talks failed. "
        "Chancellor Olaf Scholz has repeatedly rejected the plan."
    )
    df = actor_labels(text)
    lav = df[df["actor"].str.contains("Lavrov")]
    assert "the foreign minister of Russia" in set(lav.loc[lav["kind"] == "appositive", "label"])
    actions = actor_actions(text)
    assert "said" in set(actions.loc[actions["actor"].str.contains("Lavrov"), "text"])
    scholz = actions[actions["actor"].str.contains("Scholz")]
    assert "rejected" in set(scholz.loc[scholz["kind"] == "verb", "text"])


def test_label_table_pivot() -> None:
    rows = pd.DataFrame(
        {
            "actor": ["Putin", "Putin", "Putin", "Putin"],
            "label": ["dictator", "dictator", "Russian President", "refuses"],
            "kind": ["descriptor", "descriptor", "title", "verb"],
            "outlet": ["A", "A", "B", "B"],
            "article_id": ["a1", "a2", "b1", "b1"],
        }
    )
    table = label_table(rows)
    assert list(table.columns) == ["A", "B"]
    assert table.loc["Putin", "A"] == "dictator (2)"
    assert table.loc["Putin", "B"].split("; ") == ["Russian President (1)", "refuses (1)"]
    only_verbs = label_table(rows, kinds=("verb",))
    assert list(only_verbs.columns) == ["B"]
    assert label_table(rows, min_count=2).loc["Putin", "A"] == "dictator (2)"


def test_label_table_errors() -> None:
    with pytest.raises(SchemaError, match="outlet"):
        label_table(pd.DataFrame({"actor": [], "label": [], "kind": []}))
    rows = pd.DataFrame({"actor": ["x"], "label": ["y"], "kind": ["verb"], "outlet": ["o"]})
    with pytest.raises(InvalidInputError, match="min_count"):
        label_table(rows, min_count=0)
    with pytest.raises(InvalidInputError, match="kinds"):
        label_table(rows, kinds=("adverb",))


def test_deterministic_and_whitespace_invariant(seed_text: str) -> None:
    a = FAMILY(analyze_text(seed_text)).article
    b = FAMILY(analyze_text(seed_text.replace("\n", "\n\n") + "  ")).article
    assert a == pytest.approx(b)


@pytest.mark.datasets
def test_babe_sample_auc() -> None:
    path = datasets_dir() / "babe_mbic" / "final_labels_SG1.csv"
    if not path.exists():
        pytest.skip("BABE not available")
    df = pd.read_csv(path, sep=";", encoding="utf-8-sig")
    df = df[df["label_bias"].isin(["Biased", "Non-biased"])].head(200)
    scores = []
    for text in df["text"]:
        s = [
            v
            for v in FAMILY(analyze_text(text), options={"labels": False}).sentences["loaded_score"]
            if not math.isnan(v)
        ]
        scores.append(sum(s) / len(s) if s else 0.0)
    biased = [x for x, y in zip(scores, df["label_bias"] == "Biased", strict=True) if y]
    other = [x for x, y in zip(scores, df["label_bias"] == "Biased", strict=True) if not y]
    # AUC = P(score of a biased sentence > score of a non-biased one), ties count half
    wins = sum((b > o) + 0.5 * (b == o) for b in biased for o in other)
    assert wins / (len(biased) * len(other)) > 0.65


def test_leading_appositive_predicate_and_actor_rows() -> None:
    text = (
        "Pyongyang sent its leader, Kim Jong-un, to the summit. "
        "Mr. Trump was furious about the leak. "
        "The decision to send Medinsky — a former culture minister — signals a lack of seriousness."
    )
    df = actor_labels(text)
    kim = df[df["actor"].str.contains("Kim")]
    assert "its leader" in set(kim.loc[kim["kind"] == "appositive", "label"])
    trump = df[df["actor"].str.contains("Trump")]
    assert "furious" not in set(trump["label"])  # an adjective said of him is not a descriptor ...
    actions = actor_actions(text)
    said_of_trump = actions[actions["actor"].str.contains("Trump")]
    assert ("furious", "adjective") in set(zip(said_of_trump["text"], said_of_trump["kind"], strict=True))  # ... but an action row
    assert "Mr." not in set(trump["label"])  # honorifics are not labels
    medinsky = df[df["actor"].str.contains("Medinsky")]
    assert "signals" not in set(medinsky["label"])  # the subject is "decision", not Medinsky
    res = FAMILY(analyze_text(text))
    actors = {r["actor"]: r for r in res.tables["actors"]}
    kim_row = next(v for k, v in actors.items() if "Kim" in k)
    assert "its leader" in kim_row["labels"]


def test_label_table_merges_surnames() -> None:
    rows = pd.DataFrame(
        {
            "actor": ["Donald Trump", "Trump", "Kim"],
            "label": ["President", "President", "leader"],
            "kind": ["title", "title", "appositive"],
            "outlet": ["A", "B", "A"],
        }
    )
    table = label_table(rows)
    assert set(table.index) == {"Donald Trump", "Kim"}
    assert table.loc["Donald Trump", "B"] == "President (1)"
    assert "Trump" in set(label_table(rows, merge_surnames=False).index)


def test_phrasal_verb_and_title() -> None:
    text = "Senator Ted Cruz lashed out at the press on Friday."
    cruz = actor_labels(text)
    cruz = cruz[cruz["actor"].str.contains("Cruz")]
    acts = actor_actions(text)
    assert "lashed out" in set(acts.loc[acts["actor"].str.contains("Cruz") & (acts["kind"] == "verb"), "text"])
    assert "Senator" in set(cruz.loc[cruz["kind"] == "title", "label"])
