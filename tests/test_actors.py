"""Actor mentions and alias resolution."""

from __future__ import annotations

import pytest

from compare import analyze_text
from compare.actors import KINDS, Mention, actor_mentions, actors_table


def actors_of(text: str, **kw) -> dict[str, list[Mention]]:
    out: dict[str, list[Mention]] = {}
    for m in actor_mentions(text, **kw):
        out.setdefault(m.actor, []).append(m)
    return out


def test_title_is_split_from_name() -> None:
    ms = actor_mentions("Russian President Vladimir Putin spoke on Monday.")
    assert [(m.text, m.actor, m.kind, m.title) for m in ms] == [
        ("Vladimir Putin", "Vladimir Putin", "person", "Russian President")
    ]


def test_surname_and_possessive_merge() -> None:
    text = "Vladimir Putin met aides. Later, Putin’s spokesman said Putin's plan was ready."
    a = actors_of(text)
    assert set(a) == {"Vladimir Putin"}
    assert len(a["Vladimir Putin"]) == 3
    for m in a["Vladimir Putin"]:
        assert text[m.start : m.end] == m.text
        assert not m.text.endswith("s") or m.text.endswith("Putin")


def test_spelling_variants_are_one_actor() -> None:
    text = "Instead of accepting Zelensky’s call, the envoy left. President Zelenskyy said he was ready."
    a = actors_of(text)
    assert "Zelenskyy" in a
    assert len(a["Zelenskyy"]) == 2
    assert not any(k == "Zelensky" for k in a)


def test_honorifics() -> None:
    a = actors_of("Mr. Kim met Sen. Elizabeth Warren. Warren said Mr. Kim was late.")
    assert "Elizabeth Warren" in a
    assert len(a["Elizabeth Warren"]) == 2
    assert "Kim" in a
    assert len(a["Kim"]) == 2
    assert all(m.kind == "person" for m in a["Kim"])


def test_sentence_initial_common_word_is_not_a_name() -> None:
    text = "Officials gathered. Those talks failed. Critics said so. Meanwhile the rain fell."
    assert actor_mentions(text) == []


def test_organisations_and_locations() -> None:
    text = (
        "The Kremlin rejected the plan proposed by the Trump administration, NATO said in Brussels. "
        "The Russian Defense Ministry agreed."
    )
    kinds = {m.actor: m.kind for m in actor_mentions(text)}
    assert kinds["Kremlin"] == "organization"
    assert kinds["Trump administration"] == "organization"
    assert kinds["NATO"] == "organization"
    assert kinds["Brussels"] == "location"
    assert kinds["Russian Defense Ministry"] == "organization"
    assert set(kinds.values()) <= set(KINDS)


def test_alias_table_overrides() -> None:
    text = "The Kremlin said no. Vladimir Putin left."
    a = actors_of(text, aliases={"Kremlin": "Vladimir Putin"})
    assert set(a) == {"Vladimir Putin"}
    assert len(a["Vladimir Putin"]) == 2


def test_descriptive_coreference_is_precise() -> None:
    text = "Ukrainian President Volodymyr Zelenskyy spoke. The talks stalled, the Ukrainian president said."
    a = actors_of(text)
    assert len(a["Volodymyr Zelensky"]) == 2  # the public-figure list's spelling
    # no named Ukrainian president: the description stays unresolved
    assert actor_mentions("The talks stalled, the Ukrainian president said.") == []


def test_deterministic_and_empty() -> None:
    doc = analyze_text("Vladimir Putin spoke.")
    assert actor_mentions(doc) == actor_mentions(doc)
    assert actor_mentions("") == []
    assert actors_table("") == []


def test_bad_arguments() -> None:
    with pytest.raises(TypeError, match="doc"):
        actor_mentions(3)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="aliases"):
        actor_mentions("Putin spoke.", aliases=["Putin"])  # type: ignore[arg-type]


def test_founding_article_actors(founding_article) -> None:
    text = founding_article.title + "\n" + founding_article.text
    rows = {r["actor"]: r for r in actors_table(text)}
    zel = [a for a in rows if a.lower().startswith("zelensk")]
    assert len(zel) == 1, zel  # "Zelensky’s" and "Zelenskyy" are one actor
    assert "Zelensky" in rows[zel[0]]["variants"]
    assert "Zelenskyy" in rows[zel[0]]["variants"]
    putin = rows["Vladimir Putin"]
    assert putin["kind"] == "person"
    assert putin["mentions"] >= 8
    assert "Russian President" in putin["titles"]
    assert rows["Alexander Fomin"]["titles"] == "Deputy Defense Minister"
    assert rows["Turkey"]["kind"] == "location"
    for m in actor_mentions(text):
        assert text[m.start : m.end] == m.text


def test_groups_and_places_are_flagged() -> None:
    kinds = {m.actor: m.kind for m in actor_mentions("Democrats met in Istanbul, and Russians in Ankara.")}
    assert kinds == {"Democrats": "group", "Istanbul": "location", "Russians": "group", "Ankara": "location"}


# ------------------------------------------------------------------------------------------------
# output pinned by golden values (computed before the speed-up; benchmarks/make_golden_sentiment.py)
# ------------------------------------------------------------------------------------------------
GOLDEN = __import__("pathlib").Path(__file__).parent / "data" / "golden" / "sentiment_actors.json"


def _golden() -> list[dict]:
    import json

    return json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_mentions_equal_golden_values() -> None:
    for case in _golden():
        text = case["text"]
        assert [list(m) for m in actor_mentions(text)] == case["mentions"]
        got = actor_mentions(analyze_text(text), aliases={"Kremlin": "Vladimir Putin"})
        assert [list(m) for m in got] == case["mentions_aliases"]


def test_lower_word_lookup_matches_full_scan() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from compare.actors._names import _LOWER_WORD_RE, _occurs_lower

    @settings(max_examples=400, deadline=None)
    @given(st.text(alphabet="ab -'’A.\n_1é", max_size=14), st.text(alphabet="ab-'’A", min_size=1, max_size=3))
    def check(text: str, word: str) -> None:
        hit = _occurs_lower(text, word)
        if hit is not None:  # None: the caller runs the full scan
            assert hit == (word in set(_LOWER_WORD_RE.findall(text)))

    check()
    assert _occurs_lower("a well-known man", "known") is None
    assert _occurs_lower("The trump card", "trump") is True
    assert _occurs_lower("Trump's trumpet", "trump") is False


def test_descriptors_equal_plain_search():
    """The fast descriptor scan gives what a plain regex search over 40 characters gives."""
    import random

    from compare.actors._names import _DESCRIPTOR_PREFIX_RE, _NAME_AFTER_ROLE_RE, _ROLE_RE, _descriptors

    def plain(text):
        for rm in _ROLE_RE.finditer(text):
            if _NAME_AFTER_ROLE_RE.match(text[rm.end() : rm.end() + 4]):
                continue
            pm = _DESCRIPTOR_PREFIX_RE.search(text, max(0, rm.start() - 40), rm.start())
            if pm is None:
                continue
            start = pm.start() if (pm.group("the") or pm.group("dem")) else rm.start()
            yield start, rm.end(), pm.group("the"), pm.group("dem"), rm.group()

    pool = [
        "the ",
        "The",
        " ",
        "\n",
        "Mr. ",
        "Russian ",
        "north  korean ",
        "president",
        "President",
        "leader",
        "prime minister",
        "x",
        "-",
        ".",
        "(",
        "ukrainian",
        "South African ",
        "é",
        "Trump",
    ]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pool) for _ in range(rng.randint(0, 14)))
        assert list(_descriptors(text)) == list(plain(text)), text
