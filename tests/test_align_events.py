"""Tests of same-event clustering (compare.align.align_events)."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pandas as pd
import pytest

from compare import Article, Corpus, InvalidInputError
from compare.align import align_events
from compare.align.events import EVENT_COLUMNS

EVENTS = {
    "flood": (
        "Storm floods Brixham harbour",
        (
            "Heavy rain and a tidal surge flooded Brixham harbour overnight, forcing fishermen and "
            "residents to evacuate. The coastguard rescued several people from flooded cottages and "
            "the storm damaged boats moored in the harbour."
        ),
    ),
    "budget": (
        "Parliament approves budget with tax rises",
        (
            "Parliament approved the annual budget after a long debate. The finance minister said "
            "the tax rises and spending cuts would reduce the deficit, while the opposition called "
            "the budget unfair to pensioners."
        ),
    ),
    "match": (
        "United win cup final on penalties",
        (
            "United won the cup final on penalties after a goalless draw at the national stadium. "
            "The goalkeeper saved two penalties and the captain lifted the trophy in front of "
            "jubilant supporters."
        ),
    ),
}
OUTLETS = ("Herald", "Tribune", "Gazette")
FILLER = ["reported", "according", "sources", "Tuesday", "local", "officials", "statement", "later"]


def make_corpus(*, dated: bool = True, seed: int = 0) -> Corpus:
    """3 events x 3 outlets; each article rewords its event's lead a little."""
    rng = random.Random(seed)
    arts = []
    for e_index, (event, (title, lead)) in enumerate(EVENTS.items()):
        for o_index, outlet in enumerate(OUTLETS):
            words = lead.split()
            rng.shuffle(words)  # different word order, same vocabulary
            extra = " ".join(rng.choice(FILLER) for _ in range(6))
            arts.append(
                Article(
                    id=f"{event}-{outlet}",
                    outlet=outlet,
                    title=title if o_index != 1 else " ".join(reversed(title.split())),
                    text=" ".join(words) + ". " + extra + ".",
                    published=dt.date(2024, 3, 1 + e_index) if dated else None,
                    event=event,
                )
            )
    return Corpus(arts)


def gold_partition(frame: pd.DataFrame) -> set[frozenset[str]]:
    return {frozenset(g["article_id"]) for _, g in frame.groupby("event_id")}


def expected_partition(corpus: Corpus) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for a in corpus:
        groups.setdefault(a.event, set()).add(a.id)
    return {frozenset(v) for v in groups.values()}


def test_three_events_grouped():
    corpus = make_corpus()
    frame = align_events(corpus)
    assert list(frame.columns) == list(EVENT_COLUMNS)
    assert len(frame) == len(corpus)
    assert gold_partition(frame) == expected_partition(corpus)
    # ids numbered by first date: flood (1 March) is e0001
    assert frame.loc[frame.article_id == "flood-Herald", "event_id"].item() == "e0001"
    assert frame.loc[frame.article_id == "match-Herald", "event_id"].item() == "e0003"
    assert frame["similarity"].between(0, 1).all()
    assert (frame["event_size"] == 3).all()


def test_articles_without_dates_are_grouped_by_text():
    corpus = make_corpus(dated=False)
    frame = align_events(corpus)
    assert gold_partition(frame) == expected_partition(corpus)
    assert frame["published"].isna().all()


def test_mixed_dates_and_timezones():
    arts = list(make_corpus())
    # one undated, one tz-aware datetime late on the previous UTC day
    arts[0] = Article(
        id=arts[0].id,
        outlet=arts[0].outlet,
        title=arts[0].title,
        text=arts[0].text,
        published=None,
        event=arts[0].event,
    )
    tz = dt.timezone(dt.timedelta(hours=5))
    arts[1] = Article(
        id=arts[1].id,
        outlet=arts[1].outlet,
        title=arts[1].title,
        text=arts[1].text,
        published=dt.datetime(2024, 3, 1, 2, 0, tzinfo=tz),
        event=arts[1].event,
    )
    corpus = Corpus(arts)
    frame = align_events(corpus)
    assert gold_partition(frame) == expected_partition(corpus)


def test_date_window_separates_identical_texts():
    a = Article(
        id="a", outlet="X", title="Storm floods harbour", text=EVENTS["flood"][1], published="2024-03-01"
    )
    b = Article(
        id="b", outlet="Y", title="Storm floods harbour", text=EVENTS["flood"][1], published="2024-05-01"
    )
    frame = align_events(Corpus([a, b]), window_days=3)
    assert frame["event_id"].nunique() == 2
    assert frame["similarity"].isna().all()  # alone in their events
    # two days apart: together within a 3-day window, apart when both windows are 1 day
    b = Article(
        id="b", outlet="Y", title="Storm floods harbour", text=EVENTS["flood"][1], published="2024-03-03"
    )
    assert len(set(align_events(Corpus([a, b]), window_days=3)["event_id"])) == 1
    assert align_events(Corpus([a, b]), window_days=1, story_window_days=1)["event_id"].nunique() == 2


def test_cannot_link_same_outlet():
    text = EVENTS["budget"][1]
    arts = [
        Article(id=f"{o}{k}", outlet=o, title="Budget approved", text=text, published="2024-03-01")
        for o in ("A", "B")
        for k in range(2)
    ]
    frame = align_events(Corpus(arts), same_outlet="forbid")
    for _, group in frame.groupby("event_id"):
        assert group["outlet"].is_unique
    assert frame["event_id"].nunique() == 2
    allowed = align_events(Corpus(arts), same_outlet="allow")
    assert len(set(allowed["event_id"])) == 1


def test_deterministic_under_shuffling():
    corpus = make_corpus()
    base = align_events(corpus)
    arts = list(corpus)
    for seed in range(3):
        random.Random(seed).shuffle(arts)
        again = align_events(Corpus(arts))
        pd.testing.assert_frame_equal(base, again)


def test_event_ids_are_zero_padded_and_ordered():
    frame = align_events(make_corpus())
    ids = sorted(frame["event_id"].unique())
    assert ids == [f"e{k:04d}" for k in range(1, len(ids) + 1)]


def test_empty_corpus_raises():
    with pytest.raises(InvalidInputError, match="corpus"):
        align_events(Corpus([]))


def test_single_article():
    a = Article(id="only", outlet="X", text="A lone article about nothing much.")
    frame = align_events(Corpus([a]))
    assert frame["event_id"].tolist() == ["e0001"]
    assert np.isnan(frame["similarity"].item())


def test_accepts_list_and_rejects_other_types():
    arts = list(make_corpus())
    assert len(align_events(arts)) == len(arts)
    with pytest.raises(TypeError, match="corpus"):
        align_events("not a corpus")
    with pytest.raises(TypeError, match="Article"):
        align_events([1, 2])


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("min_probability", 1.5),
        ("story_probability", -0.1),
        ("window_days", -1),
        ("window_days", float("nan")),
        ("same_outlet", "maybe"),
        ("n_neighbors", 0),
        ("max_terms", 2.5),
    ],
)
def test_invalid_options(option, value):
    with pytest.raises(InvalidInputError, match=option):
        align_events(make_corpus(), **{option: value})


def test_probability_one_gives_singletons():
    frame = align_events(make_corpus(), min_probability=1.0, story_probability=1.0)
    assert frame["event_id"].nunique() == len(frame)


def test_synthetic_corpus_recovered():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    try:
        from synthetic import generate_corpus
    finally:
        sys.path.pop(0)
    from sklearn.metrics import adjusted_rand_score

    corpus = generate_corpus(400, seed=3)
    frame = align_events(corpus)
    gold = {a.id: a.event for a in corpus}
    assert adjusted_rand_score([gold[i] for i in frame["article_id"]], frame["event_id"]) > 0.95
    for _, group in frame.groupby("event_id"):
        assert group["outlet"].is_unique


@pytest.mark.datasets
def test_basil_events():
    from compare._datasets import datasets_dir

    folder = datasets_dir() / "basil"
    if not folder.is_dir():
        pytest.skip("BASIL not available")
    import json

    from sklearn.metrics import adjusted_rand_score

    arts = []
    for f in sorted((folder / "articles").rglob("*.json")):
        d = json.loads(f.read_text(encoding="utf-8"))
        text = "\n".join(" ".join(p) for p in d["body-paragraphs"])
        arts.append(
            Article(
                id=f.stem,
                outlet=d["source"].lower(),
                title=d["title"],
                text=text,
                published=d["date"],
                event=d["triplet-uuid"],
            )
        )
    frame = align_events(Corpus(arts))
    gold = {a.id: a.event for a in arts}
    assert adjusted_rand_score([gold[i] for i in frame["article_id"]], frame["event_id"]) > 0.97


def test_undated_article_never_bridges_the_window():
    """The window holds for every pair of dated articles in an event, also through undated ones."""
    title, text = EVENTS["flood"]
    arts = [
        Article(id="early", outlet="X", title=title, text=text, published="2024-03-01"),
        Article(id="late", outlet="Y", title=title, text=text, published="2024-03-20"),
        Article(id="undated", outlet="Z", title=title, text=text, published=None),
    ]
    frame = align_events(Corpus(arts), window_days=3)
    event = dict(zip(frame["article_id"], frame["event_id"], strict=True))
    assert event["early"] != event["late"]
    assert event["undated"] in {event["early"], event["late"]}  # it joins one of them, not both


def test_features_from_document_match_the_text_and_give_the_same_events():
    from compare.align import story_features, text_story_features
    from compare.text import analyze_text

    corpus = make_corpus()
    for a in corpus:
        from_doc = story_features(analyze_text(a.text), a)
        from_text = text_story_features(a)
        assert (from_doc.title, from_doc.lead, from_doc.body) == (
            from_text.title,
            from_text.lead,
            from_text.body,
        )
        assert from_doc.n_words == from_text.n_words
    by_text = align_events(corpus)
    by_features = align_events(features=[story_features(analyze_text(a.text), a) for a in corpus])
    assert gold_partition(by_text) == gold_partition(by_features)
    with pytest.raises(InvalidInputError):
        align_events(corpus, features=[text_story_features(a) for a in corpus])
    with pytest.raises(InvalidInputError):
        align_events()


def test_developments_nest_in_stories_and_follow_ups_share_a_story():
    title, text = EVENTS["budget"]
    arts = [
        Article(id="a1", outlet="A", title=title, text=text, published="2024-03-01"),
        Article(id="b1", outlet="B", title=title, text=text, published="2024-03-01"),
        Article(
            id="a2", outlet="A", title=title, text=text + " Pensioners protested.", published="2024-03-02"
        ),
    ]
    frame = align_events(Corpus(arts))
    assert len(set(frame["event_id"])) == 1  # the follow-up of outlet A joins the story
    # never two articles of one outlet in one development
    for _, group in frame.groupby("development_id"):
        assert group["outlet"].is_unique
    assert all(d.startswith(e + ".") for e, d in zip(frame["event_id"], frame["development_id"], strict=True))
    assert (
        frame.groupby("event_id")["development_size"].sum() >= frame.groupby("event_id")["event_size"].first()
    ).all()
    forbid = align_events(Corpus(arts), same_outlet="forbid")
    for _, group in forbid.groupby("event_id"):
        assert group["outlet"].is_unique


def test_a_bad_pair_model_is_a_clear_error():
    corpus = make_corpus()
    for model in ({"features": ["x"]}, {"features": None}, {}):
        with pytest.raises(InvalidInputError, match="pair model"):
            align_events(corpus, model=model)


def test_background_frequencies_keep_the_words_of_a_one_story_corpus():
    """Pooled with background frequencies, a word in every article of the corpus keeps its weight."""
    from compare.align._events_vectors import background_frequencies, event_vectors
    from compare.align.events import text_story_features

    arts = [
        Article(id=f"a{k}", outlet=f"O{k}", text=f"Prisoner swap in Ankara. Detail {w} was reported.")
        for k, w in enumerate(("alpha", "beta", "gamma"))
    ]
    feats = [text_story_features(a) for a in arts]
    own, _, _ = event_vectors(feats, title_weight=3.0, lead_weight=1.0, max_terms=60)
    background = {
        "n_documents": 1000,
        "terms": background_frequencies({"prisoner": 2, "swap": 2, "detail": 900}),
        "names": background_frequencies({}),
    }
    pooled, _, _ = event_vectors(
        feats, title_weight=3.0, lead_weight=1.0, max_terms=60, background=background
    )
    own_sim = (own[0] @ own[1].T).toarray().item()
    pooled_sim = (pooled[0] @ pooled[1].T).toarray().item()
    assert pooled_sim > own_sim  # "prisoner" and "swap" are rare in the background: they count
