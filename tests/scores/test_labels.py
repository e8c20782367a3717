"""Descriptors that are descriptors (issue #17, part 3): noun phrases attached to the right actor;
verbs and adjectives in a separate ``actions`` table."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.scores.wordchoice import (
    ACTION_COLUMNS,
    ACTION_KINDS,
    DESCRIPTOR_KINDS,
    FAMILY,
    LABEL_COLUMNS,
    LabelRules,
    actor_actions,
    actor_labels,
)
from compare.text import analyze_text


def _labels_of(df: pd.DataFrame, name: str) -> set[str]:
    return set(df.loc[df["actor"].str.contains(name), "label"])


def test_founding_article_has_no_verb_or_fragment_among_putins_descriptors(founding_text: str) -> None:
    df = actor_labels(founding_text)
    putin = _labels_of(df, "Putin")
    for word in ("brave enough", "continues", "dispatched", "ignored", "lies"):
        assert word not in putin
    assert {"Russian President", "the Russian leader"} <= putin
    acts = actor_actions(founding_text)
    putin_acts = set(acts.loc[acts["actor"].str.contains("Putin"), "text"])
    assert {"dispatched", "ignored", "continues", "brave enough"} <= putin_acts
    lies = acts[acts["text"] == "lies"]
    assert lies["in_quote"].all()  # "Trump needs to believe that Putin actually lies," Zelenskyy said
    assert set(df["kind"]) <= set(DESCRIPTOR_KINDS)
    assert set(acts["kind"]) <= set(ACTION_KINDS)


def test_modifier_of_a_title_is_kept() -> None:
    df = actor_labels("Zelensky met illegitimate Russian President Vladimir Putin's envoy. "
                      "The disgraced former President Jacob Zuma spoke.")
    assert "illegitimate Russian President" in _labels_of(df, "Putin")
    assert "disgraced former President" in _labels_of(df, "Zuma")


def test_verb_before_a_title_is_not_an_epithet() -> None:
    text = (
        "Yulia Navalnaya accused Russian President Vladimir Putin of lying. Biden called Chancellor Olaf Scholz. "
        "Yulia Navalnaya, his widow, accused President Vladimir Putin of murder."
    )
    df = actor_labels(text)
    assert _labels_of(df, "Putin") == {"Russian President", "President"}
    assert _labels_of(df, "Scholz") == {"Chancellor"}


def test_of_phrase_describes_someone_else() -> None:
    text = "Steve Witkoff, the representative of U.S. Leader Donald Trump, arrived on Friday."
    df = actor_labels(text)
    assert "representative of U.S. Leader" not in _labels_of(df, "Trump")
    assert "U.S. Leader" in _labels_of(df, "Trump")
    assert "the representative of U.S. Leader Donald Trump" in _labels_of(df, "Witkoff")
    # a title with "of" and no role noun after it stays whole
    df = actor_labels("Secretary of State Marco Rubio arrived.")
    assert "Secretary of State" in _labels_of(df, "Rubio")


def test_speaker_after_a_comma_does_not_take_the_phrase_before_it() -> None:
    text = "Vladimir Putin is ready to meet Donald Trump. Talks would involve the Russian president, Yuri Ushakov said."
    df = actor_labels(text)
    assert "the Russian president" not in _labels_of(df, "Ushakov")
    # a real leading apposition still counts
    df = actor_labels("Pyongyang sent its leader, Kim Jong-un, to the summit.")
    assert "its leader" in _labels_of(df, "Kim")


def test_list_of_people_is_not_an_apposition() -> None:
    text = "Antony Blinken, National Security Advisor Jake Sullivan and Vice President Kamala Harris met on Monday."
    df = actor_labels(text)
    assert not any("Sullivan" in label for label in _labels_of(df, "Blinken"))


def test_noun_predicate_is_a_descriptor_adjective_is_an_action() -> None:
    text = "Vladimir Medinsky is a former culture minister. Vladimir Putin will be brave enough to come."
    df = actor_labels(text)
    assert ("a former culture minister", "predicative") in set(zip(df["label"], df["kind"], strict=True))
    acts = actor_actions(text)
    assert ("brave enough", "adjective") in set(zip(acts["text"], acts["kind"], strict=True))
    off = actor_labels(text, rules=LabelRules(predicative=False))
    assert "a former culture minister" not in set(off["label"])


def test_negation_and_offsets() -> None:
    text = "Vladimir Putin has not ignored the offer. Putin rejected it."
    acts = actor_actions(text)
    assert acts.set_index("text")["negated"].to_dict() == {"ignored": True, "rejected": False}
    for r in acts.itertuples():
        assert text[r.start : r.end] == r.text


def test_columns_and_family_tables(founding_text: str) -> None:
    assert list(actor_labels("No names here.").columns) == list(LABEL_COLUMNS)
    assert list(actor_actions("No names here.").columns) == list(ACTION_COLUMNS)
    res = FAMILY(analyze_text(founding_text))
    assert {r["kind"] for r in res.tables["labels"]} <= set(DESCRIPTOR_KINDS)
    assert {r["kind"] for r in res.tables["actions"]} <= set(ACTION_KINDS)
    assert res.tables["actions"]
    assert all(set(r) == set(ACTION_COLUMNS) for r in res.tables["actions"])
    putin = next(r for r in res.tables["actors"] if "Putin" in r["actor"])
    assert "dispatched" in putin["verbs"]
    assert "dispatched" not in putin["labels"]


def test_mentions_argument_gives_the_same_rows(founding_text: str) -> None:
    from compare.actors import actor_mentions

    doc = analyze_text(founding_text)
    pd.testing.assert_frame_equal(actor_labels(doc), actor_labels(doc, mentions=actor_mentions(doc)))


@pytest.mark.parametrize("func", [actor_labels, actor_actions])
def test_type_error(func) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError):
        func(42)


def test_nominal_phrase_switch() -> None:
    text = "North Korean leader Kim Jong Un met Moon Jae-in. Pompeo met the North Korean leader on Sunday."
    on = actor_labels(text, rules=LabelRules(nominal_phrases=True))
    assert "the North Korean leader" in _labels_of(on, "Kim")
    assert "the North Korean leader" not in _labels_of(actor_labels(text), "Kim")  # off by default
