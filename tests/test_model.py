from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import Article, Corpus, InvalidInputError
from compare.io import read_jsonl, read_parquet, write_jsonl, write_parquet


def test_article_normalises_and_validates():
    a = Article(id="a1", outlet="X", text="Some text.", published="2025-05-13", authors="A. B, C. D")
    assert a.published == dt.date(2025, 5, 13)
    assert a.authors == ("A. B", "C. D")
    assert a.language == "en"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": "", "outlet": "X", "text": "t"}, "id"),
        ({"id": "a", "outlet": "", "text": "t"}, "outlet"),
        ({"id": "a", "outlet": "X", "text": "   "}, "text"),
        ({"id": "a", "outlet": "X", "text": "t", "published": "13/05/2025"}, "published"),
        ({"id": "a", "outlet": "X", "text": "t", "published": dt.datetime(2025, 5, 13, 9)}, "published"),  # noqa: DTZ001
        ({"id": "a", "outlet": "X", "text": "t", "extra": {"x": object()}}, "extra"),
        ({"id": "a", "outlet": "X", "text": "t", "authors": [1]}, "authors"),
    ],
)
def test_article_errors_name_the_field(kwargs, field):
    with pytest.raises(InvalidInputError, match=field):
        Article(**kwargs)


def test_timezone_aware_datetime_kept():
    ts = dt.datetime(2025, 5, 13, 9, 30, tzinfo=dt.timezone.utc)
    assert Article(id="a", outlet="X", text="t", published=ts).published == ts
    parsed = Article(id="a", outlet="X", text="t", published="2025-05-13T09:30:00Z").published
    assert parsed == ts


def test_corpus_rejects_duplicate_ids():
    a = Article(id="a", outlet="X", text="t")
    with pytest.raises(InvalidInputError, match="Duplicate article id 'a'"):
        Corpus([a, a])


def test_corpus_views(tiny_corpus):
    assert len(tiny_corpus) == 6
    assert tiny_corpus.events == ["flood", "strike"]
    assert tiny_corpus["flood-daily"].outlet == "Daily Ledger"
    s = tiny_corpus.summary()
    assert s["outlets"] == {"City Wire": 2, "Daily Ledger": 2, "Morning Post": 2}
    assert tiny_corpus.content_hash() == Corpus(reversed(list(tiny_corpus))).content_hash()


def test_from_frame_column_mapping():
    df = pd.DataFrame({"body": ["Text one.", "Text two."], "source": ["A", "B"], "uid": ["1", "2"], "k": [1, 2]})
    c = Corpus.from_frame(df, columns={"text": "body", "outlet": "source", "id": "uid"})
    assert [a.outlet for a in c] == ["A", "B"]
    assert c["2"].extra == {"k": 2}


def test_from_frame_missing_column_lists_available():
    df = pd.DataFrame({"body": ["x"], "source": ["A"]})
    with pytest.raises(InvalidInputError, match=r"needs the columns \['id', 'text'\].*Available columns"):
        Corpus.from_frame(df, columns={"outlet": "source"})


# -- round trips -----------------------------------------------------------------------------------
_text = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=60).filter(lambda s: s.strip())
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=10),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=5), children, max_size=3),
    max_leaves=6,
)
_published = st.none() | st.dates(min_value=dt.date(1900, 1, 1)) | st.datetimes(
    min_value=dt.datetime(1950, 1, 1),  # noqa: DTZ001
    max_value=dt.datetime(2100, 1, 1),  # noqa: DTZ001
    timezones=st.just(dt.timezone.utc),
)
articles = st.builds(
    Article,
    id=_text,
    outlet=_text,
    text=_text,
    title=st.text(max_size=30),
    published=_published,
    url=st.none() | st.just("https://example.org/a"),
    authors=st.lists(st.text(min_size=1, max_size=10), max_size=3).map(tuple),
    event=st.none() | _text,
    cites=st.lists(st.text(min_size=1, max_size=10), max_size=2).map(tuple),
    extra=st.dictionaries(st.text(min_size=1, max_size=8), _json, max_size=3),
)
corpora = st.lists(articles, max_size=5, unique_by=lambda a: a.id).map(Corpus)


@settings(max_examples=40, deadline=None)
@given(corpora)
def test_roundtrip_jsonl(tmp_path_factory, corpus):
    path = tmp_path_factory.mktemp("rt") / "c.jsonl"
    write_jsonl(corpus, path)
    assert read_jsonl(path, on_error="raise") == corpus


@settings(max_examples=30, deadline=None)
@given(corpora.filter(len))
def test_roundtrip_parquet(tmp_path_factory, corpus):
    path = tmp_path_factory.mktemp("rt") / "c.parquet"
    write_parquet(corpus, path)
    assert read_parquet(path, on_error="raise") == corpus


@settings(max_examples=40, deadline=None)
@given(corpora)
def test_roundtrip_frame(corpus):
    assert Corpus.from_frame(corpus.to_frame(), on_error="raise") == corpus


def test_jsonl_is_one_object_per_line(tmp_path, tiny_corpus):
    path = write_jsonl(tiny_corpus, tmp_path / "c.jsonl")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 6
    assert json.loads(lines[0])["id"] == "flood-daily"


# -- structured errors and limits (issue #19) --------------------------------------------------------
@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"id": True, "outlet": "X", "text": "t"}, "id"),
        ({"id": "a", "outlet": 5, "text": "t"}, "outlet"),
        ({"id": "a", "outlet": "X", "text": "t", "published": "2025-13-45"}, "published"),
        ({"id": "a", "outlet": "X", "text": "t", "event": True}, "event"),
        ({"id": "a", "outlet": "X", "text": "t", "event": 1.5}, "event"),
        ({"id": "a", "outlet": "X", "text": "t", "authors": {"x": 1}}, "authors"),
        ({"id": "a", "outlet": "X", "text": "t", "cites": 3}, "cites"),
        ({"id": "a", "outlet": "X", "text": "t", "extra": "abc"}, "extra"),
        ({"id": "a", "outlet": "X", "text": "t", "extra": {"n": 10**5000}}, "extra"),
        ({"id": "a", "outlet": "X", "text": "t", "title": "t" * 100_001}, "title"),
        ({"id": "a", "outlet": "X", "text": "t", "language": ""}, "language"),
    ],
)
def test_field_errors_carry_the_field_and_record(kwargs, field):
    from compare import FieldError

    with pytest.raises(FieldError) as info:
        Article(**kwargs)
    assert info.value.field == field
    if field != "id":
        assert info.value.record == "a"


def test_event_label_may_be_an_integer():
    assert Article(id="a", outlet="X", text="t", event=7).event == "7"


def test_from_dict_extra_must_be_a_mapping():
    from compare import FieldError

    for bad in ("abc", [1, 2, 3], 5):
        with pytest.raises(FieldError, match="'extra' must be a mapping") as info:
            Article.from_dict({"id": "a", "outlet": "X", "text": "t", "extra": bad})
        assert info.value.field == "extra"


def test_extra_nesting_limit():
    from compare import FieldError
    from compare._limits import MAX_NESTING

    def nest(n):
        value = []
        for _ in range(n):
            value = [value]
        return value

    Article(id="a", outlet="X", text="t", extra={"k": nest(MAX_NESTING - 1)})
    with pytest.raises(FieldError, match="nested more than"):
        Article(id="a", outlet="X", text="t", extra={"k": nest(MAX_NESTING + 1)})
    with pytest.raises(FieldError, match="nested more than"):  # no RecursionError, however deep
        Article(id="a", outlet="X", text="t", extra={"k": nest(100_000)})


def test_table_rows_with_bad_json_are_rejected_not_fatal():
    df = pd.DataFrame({"id": ["1", "2"], "outlet": ["A", "B"], "text": ["x", "y"], "extra": ['{"a": 1}', "{not json"]})
    c = Corpus.from_frame(df, on_error="reject")
    assert c.ids == ["1"]
    assert c["1"].extra == {"a": 1}
    assert c.rejected[0].field == "extra"
