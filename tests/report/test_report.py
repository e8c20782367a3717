"""Report building, rendering, determinism, self-containment, PDF and write_reports."""

from __future__ import annotations

import dataclasses
import html.parser
import re
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from compare import Results
from compare.exceptions import InvalidInputError
from compare.report import (
    ArticleBlock,
    FigureBlock,
    Mark,
    build_report,
    render_html,
    write_html,
    write_pdf,
    write_reports,
)
from compare.report.build import format_number, format_pvalue, segment_text

FIXED = "2025-01-01T00:00:00+00:00"


class _Resources(html.parser.HTMLParser):
    """Collect every attribute that could make a browser fetch something."""

    def __init__(self) -> None:
        super().__init__()
        self.fetches: list[str] = []
        self.tags: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            if name in {"src", "srcset", "data", "poster", "background"}:
                self.fetches.append(f"{tag}.{name}={value}")
            if name in {"href", "xlink:href"} and value and not (
                value.startswith(("#", "data:")) or re.fullmatch(r"[A-Za-z0-9._-]+\.(html|pdf)", value)
            ):
                self.fetches.append(f"{tag}.{name}={value}")


def _fetches(text: str) -> list[str]:
    parser = _Resources()
    parser.feed(text)
    found = list(parser.fetches)
    found += re.findall(r"url\((?!#)[^)]*\)", text)  # CSS url() other than SVG fragment refs
    found += re.findall(r"@import", text)
    if "link" in parser.tags or "script" in parser.tags or "iframe" in parser.tags:
        found.append("link/script/iframe tag")
    return found


def _sections(data):
    return {s.id: s for s in data.sections}


@pytest.fixture(scope="module")
def e1_data(fake_results):
    return build_report(fake_results, event="e1", generated=FIXED)


def test_event_report_sections_and_omissions(e1_data):
    data = e1_data
    ids = list(_sections(data))
    assert ids[0] == "summary"
    assert ids[-1] == "methods"
    assert {"coverage", "frames", "readability", "citations", "articles"} <= set(ids)
    # empty tables (actors, attributions, labels) leave their sections out
    assert "actors" not in ids
    assert "sources" not in ids
    assert data.event_id == "e1"
    articles = [b for b in _sections(data)["articles"].blocks if isinstance(b, ArticleBlock)]
    assert [a.article_id for a in articles] == ["a1", "a2"]


def test_evidence_is_highlighted_from_offsets(e1_data):
    data = e1_data
    a1 = next(b for b in _sections(data)["articles"].blocks if isinstance(b, ArticleBlock) and b.article_id == "a1")
    marked = {seg.text: seg for para in a1.paragraphs for seg in para if seg.marks}
    assert marked["refused"].css == "ev-framing"
    assert "frame_conflict" in marked["refused"].title
    assert marked["Reuters"].css == "ev-cite"
    page = render_html(data)
    assert '<mark class="ev-framing" title="frame_conflict (conflict)">refused</mark>' in page
    assert '<mark class="ev-wordchoice" title="loaded_words_per_100_words">snub</mark>' in page


def test_same_input_same_bytes(fake_results, e1_data):
    first = render_html(e1_data)
    second = render_html(build_report(fake_results, event="e1", generated=FIXED))
    assert first == second
    other = render_html(dataclasses.replace(e1_data, generated="2030-01-01T00:00:00+00:00"))
    diff = [(a, b) for a, b in zip(first.splitlines(), other.splitlines(), strict=True) if a != b]
    assert len(diff) == 1
    assert "generated" in diff[0][0]


def test_title_with_script_is_escaped_and_page_is_self_contained(fake_results, e1_data):
    page = render_html(e1_data)
    assert "<script" not in page
    assert "Putin &lt;script&gt;alert(1)&lt;/script&gt; snubs talks" in page
    assert _fetches(page) == []
    assert "<svg" in page
    assert "<style>" in page
    assert fake_results.manifest["corpus"]["hash"] in page  # footer


def test_overview_report(fake_results):
    data = build_report(fake_results, links={"e1": "event-e1.html", "e2": "event-e2.html"}, generated=FIXED)
    ids = list(_sections(data))
    assert ids[0] == "events"
    assert "articles" not in ids
    assert "coverage" not in ids
    page = render_html(data)
    assert 'href="event-e1.html"' in page
    assert 'href="event-e2.html"' in page


def test_missing_tables_do_not_break_the_report(fake_results):
    empty = dict.fromkeys(("coverage", "claims", "citations", "evidence", "reuse"), pd.DataFrame())
    fake_results = Results(
        {**fake_results.tables, **empty},
        corpus=fake_results.corpus,
        config=fake_results.config,
        manifest=fake_results.manifest,
    )
    data = build_report(fake_results, event="e1", generated=FIXED)
    ids = set(_sections(data))
    assert "coverage" not in ids
    assert "citations" not in ids
    assert {"summary", "articles", "methods"} <= ids
    assert render_html(data)


def test_unknown_event_raises(fake_results):
    with pytest.raises(InvalidInputError, match="'event'"):
        build_report(fake_results, event="nope")


def test_write_html_and_pdf(tmp_path, e1_data):
    data = e1_data
    html_path = write_html(data, tmp_path / "r.html")
    assert html_path.read_text(encoding="utf-8") == render_html(data)
    pdf_path = write_pdf(data, tmp_path / "r.pdf")
    blob = pdf_path.read_bytes()
    assert blob.startswith(b"%PDF")
    assert len(blob) > 5000
    with pytest.raises(InvalidInputError, match="'path'"):
        write_pdf(data, tmp_path / "r.html")
    with pytest.raises(InvalidInputError, match="'path'"):
        write_html(data, tmp_path / "r.pdf")


def test_write_reports_html(tmp_path, fake_results, capsys):
    paths = write_reports(fake_results, tmp_path / "out", formats=("html",), progress=False, generated=FIXED)
    names = [p.name for p in paths]
    assert names == ["index.html", "event-e1.html", "event-e2.html"]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"#]+)"', index):
        assert (tmp_path / "out" / href).is_file()
    event_page = (tmp_path / "out" / "event-e1.html").read_text(encoding="utf-8")
    assert 'href="index.html"' in event_page
    assert capsys.readouterr().err == ""  # progress=False is silent
    with pytest.raises(InvalidInputError, match="'formats'"):
        write_reports(fake_results, tmp_path, formats=("docx",))


@pytest.mark.slow
def test_write_reports_in_parallel_writes_the_same_files(tmp_path, fake_results):
    one = write_reports(fake_results, tmp_path / "one", formats=("html", "pdf"), progress=False, generated=FIXED)
    two = write_reports(
        fake_results, tmp_path / "two", formats=("html", "pdf"), progress=False, generated=FIXED, jobs=2
    )
    assert [p.name for p in two] == [p.name for p in one]  # same order: index first, then events
    for a, b in zip(one, two, strict=True):
        assert a.read_bytes() == b.read_bytes()  # HTML and PDF are deterministic
    for bad in (0, -1, 1.5, True):
        with pytest.raises(InvalidInputError, match="'jobs'"):
            write_reports(fake_results, tmp_path / "bad", formats=("html",), progress=False, jobs=bad)


def test_figures_have_unique_ids_across_the_page(e1_data):
    data = e1_data
    page = render_html(data)
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))
    assert sum(isinstance(b, FigureBlock) for s in data.sections for b in s.blocks) >= 2


@pytest.mark.parametrize(("value", "expected"), [(1.234, "1.23"), (float("nan"), "–"), (3, "3"), (-0.0001, "0.00"), (None, "–")])
def test_format_number(value, expected):
    assert format_number(value) == expected


@pytest.mark.parametrize(("value", "expected"), [(0.0004, "<0.001"), (0.04567, "0.046"), (float("nan"), "–"), (1.0, "1.000")])
def test_format_pvalue(value, expected):
    assert format_pvalue(value) == expected


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet="ab <&\n", min_size=0, max_size=40))
    n = len(text)
    spans = draw(
        st.lists(
            st.tuples(st.integers(-2, n + 2), st.integers(-2, n + 2), st.sampled_from(["ev-a", "ev-b"])), max_size=6
        )
    )
    return text, [(s, e, Mark(c, c)) for s, e, c in spans]


@given(texts_and_spans())
@settings(max_examples=60, deadline=None)
def test_segments_rebuild_the_text_and_carry_the_right_marks(case):
    text, spans = case
    paragraphs = segment_text(text, spans)
    kept = [line for line in text.split("\n") if line.strip()]
    assert ["".join(s.text for s in p) for p in paragraphs] == kept
    # each character's marks are exactly the spans covering it
    offset_of = {}
    pos = 0
    for line in text.split("\n"):
        offset_of[line] = offset_of.get(line, pos)
        pos += len(line) + 1
    pos = 0
    line_starts = []
    for line in text.split("\n"):
        line_starts.append((pos, line))
        pos += len(line) + 1
    starts = [s for s, line in line_starts if line.strip()]
    for start, para in zip(starts, paragraphs, strict=True):
        i = start
        for seg in para:
            for k in range(len(seg.text)):
                covering = {m.css for s, e, m in spans if s <= i + k < e}
                assert {m.css for m in seg.marks} == covering
            i += len(seg.text)


@pytest.mark.slow
def test_report_from_a_real_analysis(tmp_path):
    import compare

    texts = {
        ("e1", "Alpha"): "Officials said the talks failed. Critics blamed the government for the crisis.",
        ("e1", "Beta"): "The talks failed, officials said on Tuesday. Families fear more violence.",
        ("e2", "Alpha"): "Prices rose sharply. Economists warned of a costly recession.",
        ("e2", "Beta"): "Prices rose again, the central bank said. Workers protested the cuts.",
    }
    corpus = compare.Corpus(
        [compare.Article(id=f"{e}-{o}", outlet=o, title=f"{o} on {e}", text=t, event=e) for (e, o), t in texts.items()]
    )
    results = compare.analyze(corpus, families=["readability", "sentiment", "framing"], progress=False)
    paths = write_reports(results, tmp_path, formats=("html",), progress=False, generated=FIXED)
    assert [p.name for p in paths] == ["index.html", "event-e1.html", "event-e2.html"]
    page = Path(paths[1]).read_text(encoding="utf-8")
    assert "Alpha on e1" in page
    assert _fetches(page) == []


def test_overview_counts_the_developments_of_a_story(fake_results):
    events = fake_results.tables["events"].copy()
    events["development_id"] = events["event_id"].astype(str) + ".1"
    first = events.index[events["event_id"].astype(str) == "e1"][0]
    events.loc[first, "development_id"] = "e1.2"  # story e1 has two developments, e2 one
    results = Results(
        {**fake_results.tables, "events": events},
        corpus=fake_results.corpus,
        config=fake_results.config,
        manifest=fake_results.manifest,
    )
    page = render_html(build_report(results, generated=FIXED))
    assert "2 developments" in page
    assert page.count("developments") == 1
