"""Property tests (Hypothesis) for the readers and the scorers on arbitrary Unicode, including lone
surrogates and control characters (issue #19).

Readers: what is written as JSONL, CSV or a Markdown file with YAML front matter reads back equal,
whatever the characters; arbitrary bytes under any suffix never raise and are always accounted
for. Scorers: every public text scorer of :mod:`compare.scores` and every registered family
returns, on any text, NaN or a value in its documented range, and never raises.
"""

from __future__ import annotations

import csv
import datetime as dt
import inspect
import json
import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from compare import Article, Corpus, FieldError, analyze_text
from compare.io import read_article_file, read_csv, read_folder, read_jsonl, write_jsonl

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# every code point, lone surrogates and control characters included
ANY_CHAR = st.characters(exclude_categories=())
any_text = st.text(ANY_CHAR, max_size=80)
nonblank = any_text.filter(lambda s: s.strip())
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**12), 10**12) | st.floats(allow_nan=False, allow_infinity=False) | any_text,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(any_text, children, max_size=3),
    max_leaves=8,
)
published = st.none() | st.dates(min_value=dt.date(1000, 1, 1)) | st.datetimes(
    min_value=dt.datetime(1000, 1, 2),  # noqa: DTZ001
    max_value=dt.datetime(9999, 12, 30),  # noqa: DTZ001
    timezones=st.sampled_from([dt.timezone.utc, dt.timezone(dt.timedelta(hours=5, minutes=30)), dt.timezone(-dt.timedelta(hours=7))]),
)
articles = st.builds(
    Article,
    id=nonblank,
    outlet=nonblank,
    text=nonblank,
    title=any_text,
    published=published,
    url=st.none() | any_text,
    authors=st.lists(st.text(ANY_CHAR, min_size=1, max_size=10), max_size=3).map(tuple),
    event=st.none() | any_text,
    cites=st.lists(st.text(ANY_CHAR, min_size=1, max_size=10), max_size=2).map(tuple),
    extra=st.dictionaries(any_text, _json, max_size=3),
)


def _no_surrogates(value) -> bool:
    return not any(0xD800 <= ord(c) <= 0xDFFF for c in json.dumps(value, ensure_ascii=False))


@SETTINGS
@given(articles)
def test_articles_hold_no_lone_surrogates(article):
    assert _no_surrogates(article.to_dict())
    json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8")


@SETTINGS
@given(st.dictionaries(st.sampled_from(["id", "outlet", "text", "title", "published", "url", "authors", "event", "extra"]),
                       _json, max_size=9))
def test_from_dict_raises_only_field_errors(record):
    try:
        Article.from_dict(record)
    except FieldError as exc:
        field = exc.field
    else:
        return
    assert field in {"id", "outlet", "text", "title", "published", "url", "authors", "event", "extra", "language", "cites"}


@SETTINGS
@given(st.lists(articles, max_size=4, unique_by=lambda a: a.id).map(Corpus))
def test_jsonl_round_trip(tmp_path_factory, corpus):
    path = tmp_path_factory.mktemp("jsonl") / "c.jsonl"
    write_jsonl(corpus, path)
    assert read_jsonl(path, on_error="raise") == corpus


def _csv_row(a: Article) -> list[str]:
    d = a.to_dict()
    return [
        d["id"], d["outlet"], d["title"], d["text"], d["published"] or "", d["url"] or "",
        json.dumps(d["authors"], ensure_ascii=False), d["language"], d["event"] or "",
        json.dumps(d["cites"], ensure_ascii=False), json.dumps(d["extra"], ensure_ascii=False),
    ]


_CSV_HEADER = ["id", "outlet", "title", "text", "published", "url", "authors", "language", "event", "cites", "extra"]


@SETTINGS
@given(st.lists(articles, max_size=4, unique_by=lambda a: a.id).map(Corpus))
def test_csv_round_trip(tmp_path_factory, corpus):
    # a CSV cannot hold NUL (such rows are listed as binary data): see test_csv_nul_rows_are_listed
    assume(all("\x00" not in "".join(_csv_row(a)) for a in corpus))
    path = tmp_path_factory.mktemp("csv") / "c.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(_CSV_HEADER)
        writer.writerows(_csv_row(a) for a in corpus)
    back = read_csv(path, on_error="raise")
    assert back == corpus


def test_csv_nul_rows_are_listed(tmp_path):
    path = tmp_path / "c.csv"
    path.write_text("id,outlet,text\na,X,fine\nb,X,nul\x00here\n", encoding="utf-8")
    corpus = read_csv(path)
    assert corpus.ids == ["a"]
    assert corpus.rejected[0].source.endswith("c.csv:3")


class _NoAliasDumper:
    @staticmethod
    def dump(data) -> str:
        import yaml

        class Dumper(yaml.SafeDumper):
            def ignore_aliases(self, data):  # noqa: ARG002 - a writer must not emit aliases
                return True

        # allow_unicode=False: PyYAML writes U+0085 and U+2028 raw inside quotes when allowed, where
        # YAML reads them as line breaks (folded to spaces); escaped, every character round-trips
        return yaml.dump(data, Dumper=Dumper, allow_unicode=False, sort_keys=False)


@SETTINGS
@given(articles)
def test_front_matter_round_trip(tmp_path_factory, article):
    body = article.text
    assume(body == body.strip("\n") and "\x00" not in body and "\ufeff" not in body[:1])
    header = {k: v for k, v in article.to_dict().items() if k != "text"}
    header["title"] = article.title
    path = tmp_path_factory.mktemp("fm") / "a.md"
    path.write_text("---\n" + _NoAliasDumper.dump(header) + "---\n" + body + "\n", encoding="utf-8")
    back = read_article_file(path)
    expected = Article(**{**article.to_dict(), "text": body.strip("\n")})
    assert back == expected


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400), st.sampled_from([".md", ".txt", ".jsonl", ".csv", ".tsv", ".parquet", ".bin"]))
def test_arbitrary_bytes_are_read_or_listed(tmp_path_factory, data, suffix):
    folder = tmp_path_factory.mktemp("bytes")
    (folder / "good.md").write_text("---\noutlet: Good\n---\nA good article. Two sentences.\n", encoding="utf-8")
    (folder / f"fuzz{suffix}").write_bytes(data)
    corpus = read_folder(folder)
    assert "good" in corpus.ids
    for rej in corpus.rejected:
        assert "fuzz" in rej.source
    if suffix in (".md", ".txt", ".bin"):
        assert len(corpus) + len(corpus.rejected) == 2


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=300) | st.text(ANY_CHAR, max_size=300).map(lambda s: s.encode("utf-8", "surrogatepass")))
def test_arbitrary_html_is_read_or_listed(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("html")
    (folder / "page.html").write_bytes(data)
    corpus = read_folder(folder, defaults={"outlet": "Fuzz"})
    assert len(corpus) + len(corpus.rejected) == 1


# -- scorers -------------------------------------------------------------------------------------
def _text_scorers():
    import compare.scores as S

    out = {}
    for name in S.__all__:
        fn = getattr(S, name)
        if not callable(fn) or isinstance(fn, type):
            continue
        params = list(inspect.signature(fn).parameters.values())
        if params and params[0].name in ("text", "text_or_doc") and all(
            p.default is not inspect.Parameter.empty or p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:]
        ):
            out[name] = fn
    return out


TEXT_SCORERS = _text_scorers()


def test_the_scorers_are_found():
    assert {"attributions", "sentence_sentiment", "loaded_language", "readability_scores", "frames", "flesch_reading_ease"} <= set(
        TEXT_SCORERS
    )


def _check_value(name: str, value) -> None:
    from compare.scores import SCORERS

    if isinstance(value, float):
        if math.isnan(value):
            return
        assert math.isfinite(value) or name not in SCORERS, (name, value)
        if name in SCORERS:
            lo, hi = SCORERS[name].range
            assert lo <= value <= hi, (name, value)


scorer_text = st.text(ANY_CHAR, max_size=120) | st.lists(
    st.sampled_from(["He said", '"', "\u201c", "\u201d", "Ann Ortiz", "told reporters", ".", "!", "\n", "\x1b[31m", "\ud800",
                     "$", "\u202e", "U.S.", "'s", "\x00", "according to", " ", "Mr.", "-", "\t"]),
    max_size=40,
).map("".join)


@pytest.mark.parametrize("name", sorted(TEXT_SCORERS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=scorer_text)
def test_public_scorers_on_any_text(name, text):
    import pandas as pd

    result = TEXT_SCORERS[name](text)
    if isinstance(result, dict):
        for key, value in result.items():
            _check_value(key, value)
    elif isinstance(result, pd.DataFrame):
        for col in result.columns:
            if result[col].dtype == object:
                for v in result[col]:
                    if isinstance(v, str):
                        v.encode("utf-8")
    else:
        _check_value(name, result)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=scorer_text)
def test_families_and_target_sentiment_on_any_text(text):
    from compare.scores import FAMILIES, load_families, target_sentiment

    load_families()
    doc = analyze_text(text)
    assert len(doc.text) == len(text)
    for family in FAMILIES.values():
        result = family(doc)
        for key, value in result.article.items():
            _check_value(key, value)
        for key, values in result.sentences.items():
            assert len(values) == len(doc.sentences)
            for v in values:
                _check_value(key, v)
    if text:
        target_sentiment(text, 0, max(1, len(text) // 2))

