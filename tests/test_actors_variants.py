"""Issue #16, parts 3-4: one actor per person across spellings, no outlets or fragments as actors,
persons in lower-case and ALL-CAPS text, and names as written kept beside the canonical actor."""

from __future__ import annotations

import pandas as pd
import pytest

from compare.actors import actor_mentions, actors_table, merge_actor_names, rename_actors


def merged(names: list[str]) -> dict[str, str]:
    """Canonical name of each per-article person name, merged across articles of one story."""
    ids = [f"a{i}" for i in range(len(names))]
    df = pd.DataFrame({"article_id": ids, "actor": names, "kind": "person", "mentions": 1})
    mapping = merge_actor_names(df, dict.fromkeys(ids, "s"))
    return {n: mapping.get(("s", n), n) for n in names}


@pytest.mark.parametrize(
    "names",
    [
        ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelenskiy", "Zelenskij", "Vladimir Zelensky", "Zelenskyy"],
        ["Alexei Navalny", "Navalnyi", "Aleksei Navalny", "Alexey Navalny"],
        ["Bashar al-Assad", "Assad", "Bashar Assad", "al-Assad"],
        ["Abu Mohammed al-Jolani", "Abu Mohammed al-Julani", "Jolani"],
        ["Joe Biden", "Biden"],
        ["Donald Trump", "Donald J. Trump", "Trump"],
        ["Dmitry Peskov", "Dmitri Peskov", "Peskov"],
        ["Roman Seleznev", "Roman Seleznyov"],
    ],
)
def test_spelling_variants_are_one_actor_across_articles(names) -> None:
    canon = set(merged(names).values())
    assert len(canon) == 1, canon


def test_relatives_and_namesakes_stay_apart() -> None:
    canon = merged(["Alexei Navalny", "Yulia Navalnaya", "Navalny", "Bashar al-Assad", "Hafez al-Assad"])
    assert canon["Navalny"] == canon["Alexei Navalny"]
    assert canon["Yulia Navalnaya"] != canon["Alexei Navalny"]
    assert canon["Hafez al-Assad"] != canon["Bashar al-Assad"]


def test_listed_public_figures_get_one_spelling() -> None:
    a = actor_mentions("Ukrainian President Volodymyr Zelenskyy spoke. Zelenskyy left.")
    b = actor_mentions("Vladimir Zelensky spoke. Zelensky’s aide left.")
    assert {m.actor for m in a} == {m.actor for m in b} == {"Volodymyr Zelensky"}
    assert [m.text for m in b] == ["Vladimir Zelensky", "Zelensky"]  # possessive dropped, spelling kept


def test_within_article_variants_merge() -> None:
    text = "Donald J. Trump spoke. President Donald Trump left. Navalnyʼs widow spoke; Alexei Navalny died."
    actors = {m.actor for m in actor_mentions(text) if m.kind == "person"}
    assert actors == {"Donald Trump", "Alexei Navalny"}


@pytest.mark.parametrize(
    "text",
    [
        "The Northern Ledger reports that the talks failed.",
        "Reuters said the talks failed, according to the Wall Street Journal.",
        "The talks failed, TASS reported, citing Pravda and the New York Times.",
        "AP Photo: the talks failed.",
    ],
)
def test_outlets_are_never_actors(text) -> None:
    assert [m for m in actor_mentions(text) if m.kind != "location"] == []


def test_own_outlet_is_not_an_actor() -> None:
    text = "Kremlin spokesman Dmitry Peskov told Gazeta Nova that the Gazeta Nova story was wrong."
    got = {m.actor for m in actor_mentions(text, outlet="Gazeta Nova")}
    assert got == {"Dmitry Peskov", "Kremlin"}


def test_fragments_are_not_actors() -> None:
    text = (
        "Trump's special envoy to the Middle East Steve Witkoff arrived. "
        "President of Ukraine Volodymyr Zelensky met Bashar al-Assad of Syria. "
        "Paul Whelan for Viktor Bout was the deal."
    )
    ms = actor_mentions(text)
    persons = {m.text for m in ms if m.kind == "person"}
    assert persons == {"Steve Witkoff", "Volodymyr Zelensky", "Bashar al-Assad", "Paul Whelan", "Viktor Bout"}
    assert {m.text for m in ms if m.kind == "location"} >= {"Middle East", "Syria"}


TEXT = (
    "Russian President Vladimir Putin met journalist Evan Gershkovich's lawyers in Moscow. "
    "US President Joe Biden said Gershkovich and Alsu Kurmasheva were free. Biden thanked Turkey."
)


@pytest.mark.parametrize("transform", [str.lower, str.upper])
def test_persons_are_found_without_capitals(transform) -> None:
    ms = actor_mentions(transform(TEXT))
    persons = {m.actor for m in ms if m.kind == "person"}
    assert {"Vladimir Putin", "Joe Biden", "Evan Gershkovich", "Alsu Kurmasheva"} <= persons
    places = {m.actor for m in ms if m.kind == "location"}
    assert {"Moscow", "Turkey"} <= places
    for m in ms:
        assert transform(TEXT)[m.start : m.end] == m.text  # as written, in lower or upper case


def test_known_names_from_the_corpus_are_found_in_lower_case() -> None:
    text = "rico krieger was pardoned and flown home; krieger thanked the minister."
    assert {m.actor for m in actor_mentions(text) if m.kind == "person"} == set()
    got = [m for m in actor_mentions(text, known={"Rico Krieger": "person"}) if m.kind == "person"]
    assert [(m.text, m.actor) for m in got] == [("rico krieger", "Rico Krieger"), ("krieger", "Rico Krieger")]


def test_cased_text_ignores_the_lower_case_rules() -> None:
    # a lower-case sentence inside a cased article is not searched for names
    text = "Officials met on Monday. the talks with minister petrovsky went on. Vladimir Putin spoke."
    assert {m.actor for m in actor_mentions(text)} == {"Vladimir Putin"}


def test_names_as_written_survive() -> None:
    text = "Shelling hit Kiev. Later, Kyiv said the strike on Kiev killed two."
    ms = [m for m in actor_mentions(text) if m.kind == "location"]
    assert [(m.text, m.actor) for m in ms] == [("Kiev", "Kyiv"), ("Kyiv", "Kyiv"), ("Kiev", "Kyiv")]
    (row,) = [r for r in actors_table(text) if r["actor"] == "Kyiv"]
    assert row["variants"] == "Kiev; Kyiv"


def test_rename_keeps_the_article_level_name() -> None:
    df = pd.DataFrame({"article_id": ["a", "b"], "actor": ["Joe Biden", "Biden"], "kind": "person"})
    groups = {"a": "s", "b": "s"}
    out = rename_actors(df, merge_actor_names(df, groups), groups)
    assert list(out["actor"]) == ["Joe Biden", "Joe Biden"]
    assert list(out["actor_in_article"]) == ["Joe Biden", "Biden"]


def test_bad_options_raise() -> None:
    with pytest.raises(TypeError, match="'outlet' parameter of actor_mentions"):
        actor_mentions("Putin spoke.", outlet=3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="'known' parameter of actor_mentions"):
        actor_mentions("Putin spoke.", known=["Putin"])  # type: ignore[arg-type]
