"""Tests of provenance: citations of outlets and text reuse (compare.align.provenance)."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from compare import Article, Corpus, InvalidInputError
from compare.align.provenance import (
    CITATION_COLUMNS,
    LABEL_COLUMNS,
    REUSE_COLUMNS,
    find_citations,
    load_gazetteer,
    provenance_labels,
    provenance_table,
    text_reuse,
)

SEED = Path(__file__).resolve().parents[2] / "shared" / "seed" / "the-gaze-putin-istanbul.txt"
GOLD = Path(__file__).parent / "data" / "citations_gold.jsonl"

_FILLER = (
    "The ministry said on Tuesday that the new measures would take effect next month. Officials in the "
    "capital described the talks as difficult but constructive. Analysts expect prices to stay high "
    "through the winter, while unions have threatened further strikes. The opposition called for an "
    "inquiry into the handling of the crisis. Residents of the border region were advised to stay "
    "indoors after the overnight shelling. A spokesman for the mayor declined to comment. The "
    "committee will meet again in two weeks to review the figures."
)


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("founding example not found")
    return SEED.read_text(encoding="utf-8")


def test_founding_example_core_source_and_self_references(seed_text):
    df = find_citations(seed_text, outlet="The Gaze")
    assert list(df.columns) == list(CITATION_COLUMNS)
    sources = df[df["relation"] == "source"]
    assert list(sources["cited_outlet"]) == ["The Wall Street Journal"]
    wsj = sources.iloc[0]
    assert bool(wsj["core"])
    assert wsj["cue"] == "citing"
    assert seed_text[wsj["start"] : wsj["end"]] == "The Wall Street Journal"
    selfs = df[df["relation"] == "self"]
    assert set(selfs["cited_outlet"]) == {"The Gaze"}
    assert not selfs["core"].any()
    contexts = [
        seed_text[max(0, s - 20) : e + 20] for s, e in zip(selfs["start"], selfs["end"], strict=False)
    ]
    assert any("As The Gaze reported earlier" in c for c in contexts)
    assert any("Read more on the Gaze" in c for c in contexts)
    assert any("The Gaze reports, citing" in c for c in contexts)
    for row in df.itertuples(index=False):
        assert seed_text[row.cue_start : row.cue_end].lower() == row.cue


def test_outlet_alias_decides_self(seed_text):
    aliased = find_citations(seed_text, outlet="the gaze")
    assert set(aliased.loc[aliased["cited_outlet"] == "The Gaze", "relation"]) == {"self"}
    unknown_owner = find_citations(seed_text)
    assert set(unknown_owner["relation"]) == {"source"}
    wsj_owner = find_citations(seed_text, outlet="WSJ")
    assert set(wsj_owner.loc[wsj_owner["cited_outlet"] == "The Wall Street Journal", "relation"]) == {"self"}


@pytest.mark.parametrize(
    ("text", "outlet", "cue"),
    [
        ("KYIV, Ukraine (AP) — Explosions shook the capital on Friday.", "The Associated Press", "dateline"),
        ("The minister told CNN that talks would resume.", "CNN", "told"),
        ("The plan was first reported by Axios on Tuesday.", "Axios", "first reported by"),
        ("According to Reuters, the ministry confirmed the figures.", "Reuters", "according to"),
        ("In an interview with the BBC, the ambassador defended the deal.", "BBC", "interview with"),
        (
            "The senator wrote in The New York Times that the bill would fail.",
            "The New York Times",
            "wrote in",
        ),
        ("The Kyiv Independent reported that 40 drones were shot down.", "Kyiv Independent", "reported"),
        ("A Wall Street Journal report said the talks had stalled.", "The Wall Street Journal", "report"),
    ],
)
def test_citation_cues(text, outlet, cue):
    df = find_citations(text)
    assert outlet in set(df["cited_outlet"])
    row = df[df["cited_outlet"] == outlet].iloc[0]
    assert row["cue"] == cue
    assert row["relation"] == "source"


def test_unknown_outlets_by_pattern():
    df = find_citations("The Odessa Daily Herald reported that the port had reopened.")
    assert len(df) == 1
    assert not df["known"].iloc[0]
    assert df["cited_outlet"].iloc[0] == "The Odessa Daily Herald"
    df = find_citations("The newspaper Zerkalo Nedeli said the budget would be revised.")
    assert "Zerkalo Nedeli" in set(df["cited_outlet"])


@pytest.mark.parametrize(
    "text",
    [
        "A Fox News host criticised the decision on Tuesday night.",
        "The company, which owns the Daily Mail, said profits rose.",
        "Times Square was packed with tourists on New Year's Eve.",
        "The president spoke to reporters at the White House.",
        "",
    ],
)
def test_mentions_without_cue_are_not_citations(text):
    assert find_citations(text).empty


def test_core_by_repetition():
    text = "Markets were calm on Monday.\nTraders waited for the central bank decision.\nLater in the day, Bloomberg reported that the bank would hold rates.\nBloomberg also reported that two members dissented.\nSeparately, officials told Politico that a new budget was ready."
    df = find_citations(text).set_index("sentence")
    assert df.loc[df["cited_outlet"] == "Bloomberg", "core"].all()
    assert not df.loc[df["cited_outlet"] == "Politico", "core"].any()


def test_gold_citations_precision_recall():
    tp = fp = fn = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        if rec["split"] != "dev":  # the test split is for benchmarks/bench_provenance.py
            continue
        df = find_citations(rec["text"], outlet=rec["outlet"])
        gaz = load_gazetteer()
        pred = {
            (gaz.canonical(o) or o.removeprefix("The "), r)
            for o, r in zip(df["cited_outlet"], df["relation"], strict=False)
        }
        gold = {
            (gaz.canonical(c["outlet"]) or c["outlet"].removeprefix("The "), c["relation"])
            for c in rec["citations"]
        }
        tp, fp, fn = tp + len(pred & gold), fp + len(pred - gold), fn + len(gold - pred)
    assert tp / (tp + fp) >= 0.8
    assert tp / (tp + fn) >= 0.8


def test_custom_gazetteer():
    gaz = load_gazetteer(
        [{"name": "The Daily Quill", "aliases": "Quill", "domain": "", "country": "", "type": ""}]
    )
    df = find_citations("Quill reported a fire at the plant.", gazetteer=gaz)
    assert list(df["cited_outlet"]) == ["The Daily Quill"]
    assert df["known"].all()
    with pytest.raises(InvalidInputError, match="name"):
        load_gazetteer([{"name": "", "aliases": ""}])


def test_find_citations_invalid_options():
    with pytest.raises(TypeError, match="text"):
        find_citations(None)
    with pytest.raises(InvalidInputError, match="lead"):
        find_citations("x", lead=-1)


# -- text reuse -----------------------------------------------------------------------------------
def _near_copy(text: str, rng: random.Random) -> str:
    """Drop one paragraph, swap a few words, add a paragraph of other text."""
    paras = text.split("\n")
    paras.pop(rng.randrange(1, len(paras)))
    out = []
    for p in paras:
        words = p.split(" ")
        for _ in range(max(1, len(words) // 40)):
            k = rng.randrange(len(words))
            words[k] = "substituted"
        out.append(" ".join(words))
    return "\n".join([*out, _FILLER])


@pytest.fixture(scope="module")
def reuse_corpus(seed_text) -> Corpus:
    rng = random.Random(7)
    copy = _near_copy(seed_text, rng)
    other = f"{_FILLER}\nFishermen in the north reported record catches this season, officials said."
    return Corpus(
        [
            Article(id="orig", outlet="The Gaze", text=seed_text, published="2025-05-14T08:00:00+00:00"),
            Article(id="copy", outlet="Copycat Daily", text=copy, published="2025-05-14T12:00:00+00:00"),
            Article(id="other", outlet="Elsewhere", text=other, published="2025-05-13"),
            Article(id="undated", outlet="Nodate", text=seed_text.split("\n", 1)[1][:900]),
        ]
    )


def test_text_reuse_finds_copy_and_direction(reuse_corpus):
    df = text_reuse(reuse_corpus)
    assert list(df.columns) == list(REUSE_COLUMNS)
    row = df[(df["article_id"] == "copy") & (df["other_article_id"] == "orig")].iloc[0]
    assert row["direction"] == "from_other"
    assert row["shared_share"] > 0.6
    back = df[(df["article_id"] == "orig") & (df["other_article_id"] == "copy")].iloc[0]
    assert back["direction"] == "to_other"
    assert back["shared_chars"] == row["other_shared_chars"]
    texts = {a.id: a.text for a in reuse_corpus}
    for p in row["passages"]:
        a_words = re.findall(r"\w+", texts["copy"][p["start"] : p["end"]].lower())
        b_words = re.findall(r"\w+", texts["orig"][p["other_start"] : p["other_end"]].lower())
        assert a_words == b_words
    undated = df[(df["article_id"] == "undated") & (df["other_article_id"] == "orig")]
    assert list(undated["direction"]) == ["unknown"]
    # the filler paragraph shared by 'copy' and 'other' is found too, but nothing links 'other' to 'orig'
    assert df[(df["article_id"] == "other") & (df["other_article_id"] == "orig")].empty


def test_provenance_labels(reuse_corpus):
    labels = provenance_labels(reuse_corpus).set_index("article_id")
    assert list(labels.reset_index().columns) == list(LABEL_COLUMNS)
    assert labels.loc["copy", "label"] == "copy"
    assert labels.loc["copy", "copied_from"] == "orig"
    assert labels.loc["orig", "label"] == "re-report"
    assert labels.loc["orig", "core_sources"] == ["The Wall Street Journal"]
    assert labels.loc["other", "label"] == "original"
    assert labels.loc["undated", "unknown_direction_share"] > 0.5


def test_declared_cites_make_re_report():
    arts = [
        Article(id="a", outlet="X", text="A quiet day at the harbour with few ships.", cites=("Reuters",))
    ]
    assert provenance_labels(arts)["label"].tolist() == ["re-report"]


def test_provenance_table(reuse_corpus):
    tables = provenance_table(reuse_corpus)
    assert set(tables) == {"citations", "graph", "reuse", "labels"}
    graph = tables["graph"]
    gaze = graph[graph["article_id"] == "orig"]
    assert list(gaze["cited_outlet"]) == ["The Wall Street Journal"]
    assert gaze["core"].all()
    cit = tables["citations"]
    assert set(cit.loc[cit["article_id"] == "orig", "relation"]) == {"self", "source"}


def test_reuse_unrelated_articles_no_pairs():
    rng = random.Random(1)
    vocab = [f"w{i}" for i in range(3000)]
    arts = [
        Article(id=str(i), outlet="O", text=" ".join(rng.choice(vocab) for _ in range(200)) + ".")
        for i in range(150)
    ]
    assert text_reuse(arts).empty


@pytest.mark.parametrize("empty", [[], Corpus([])])
def test_empty_input(empty):
    assert text_reuse(empty).empty
    assert list(text_reuse(empty).columns) == list(REUSE_COLUMNS)
    tables = provenance_table(empty)
    assert all(t.empty for t in tables.values())
    assert list(tables["labels"].columns) == list(LABEL_COLUMNS)


def test_text_reuse_invalid_options(reuse_corpus):
    with pytest.raises(InvalidInputError, match="ngram"):
        text_reuse(reuse_corpus, ngram=0)
    with pytest.raises(InvalidInputError, match="min_share"):
        text_reuse(reuse_corpus, min_share=2)
    with pytest.raises(TypeError, match="corpus"):
        text_reuse("text")


@pytest.mark.parametrize(
    "text",
    [
        "Michael Bloomberg said the city was safe.",
        "Mayor Bloomberg said on Monday that taxes would not rise.",
        "Vicente Fox said the wall was a bad idea.",
    ],
)
def test_people_named_like_outlets_are_not_citations(text):
    assert find_citations(text).empty


def test_bare_head_word_resolves_to_named_or_own_outlet():
    text = "The Wall Street Journal reported the talks first. The Journal said Moscow had refused."
    df = find_citations(text)
    assert list(df["cited_outlet"]) == ["The Wall Street Journal"] * 2
    own = find_citations(
        "Senate aides told The Times that 30 Democrats attended.", outlet="The New York Times"
    )
    assert own[["cited_outlet", "relation"]].values.tolist() == [["The New York Times", "self"]]
