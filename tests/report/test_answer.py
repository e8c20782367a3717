"""The report leads with the answer, reads with display names, and lets the reader switch layers."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from compare import Results
from compare.report import ArticleBlock, FigureBlock, SummaryBlock, TableBlock, build_report, render_html
from compare.report._format import wide_table_blocks
from compare.scores import SCORERS

FIXED = "2025-01-01T00:00:00+00:00"


def _sections(data):
    return {s.id: s for s in data.sections}


def _sentences(section):
    return [
        "".join(text for text, _ in item)
        for b in section.blocks
        if isinstance(b, SummaryBlock)
        for item in b.items
    ]


def test_story_summary_names_the_measure_the_outlets_and_links_the_evidence(fake_results):
    data = build_report(fake_results, event="e1", generated=FIXED)
    assert data.sections[0].id == "answer"
    answer = data.sections[0]
    sentences = _sentences(answer)
    first = sentences[0]
    labels = {
        SCORERS[m].label
        for m in ("compound_sentiment", "frame_conflict", "flesch_reading_ease")
        if m in SCORERS
    }
    assert any(first.startswith(label) for label in labels), first
    assert "The Gaze" in first
    assert "The Wall Street Journal" in first
    assert re.search(r"a difference of \d+\.\d\d", first)
    # one article per outlet: said in words, not as p = 0.5
    assert any("too little shared coverage to test" in s for s in sentences)
    links = [
        href
        for b in answer.blocks
        if isinstance(b, SummaryBlock)
        for item in b.items
        for _, href in item
        if href
    ]
    assert links
    assert all(re.fullmatch(r"#article-a[12]", h) for h in links)
    page = render_html(data)
    for href in links:  # every link lands on an article of the page
        assert f'id="{href[1:]}"' in page


def test_single_outlet_story_says_what_to_add(fake_results):
    data = build_report(fake_results, event="e2", generated=FIXED)
    sentences = _sentences(data.sections[0])
    assert sentences[0].startswith("Only The Gaze covered this story")
    assert "too little shared coverage to test" in sentences[0]


def test_missing_cited_outlet_is_named(fake_results):
    data = build_report(fake_results, event="e1", generated=FIXED)
    assert "The Gaze cites Reuters: add that article to compare them." in _sentences(data.sections[0])


def test_overview_has_one_line_per_story_linking_to_its_report(fake_results):
    links = {"e1": "event-e1.html", "e2": "event-e2.html"}
    data = build_report(fake_results, links=links, generated=FIXED)
    sentences = _sentences(data.sections[0])
    assert any(s.startswith("e1: ") for s in sentences)
    assert any(s.startswith("e2: Only The Gaze") for s in sentences)
    hrefs = [
        h
        for b in data.sections[0].blocks
        if isinstance(b, SummaryBlock)
        for item in b.items
        for _, h in item
        if h
    ]
    assert "event-e1.html#answer" in hrefs
    assert any(h.startswith("event-e1.html#article-") for h in hrefs)


def test_hostile_outlet_names_are_escaped_in_the_summary(fake_results):
    hostile = "<img src=x onerror=alert(1)>"
    tables = {name: df.copy() for name, df in fake_results.tables.items()}
    for df in tables.values():
        for column in ("outlet", "group", "group_a", "group_b"):
            if column in df.columns:
                df[column] = df[column].replace({"The Wall Street Journal": hostile})
    results = Results(
        tables, corpus=fake_results.corpus, config=fake_results.config, manifest=fake_results.manifest
    )
    data = build_report(results, event="e1", generated=FIXED)
    assert any(hostile in s for s in _sentences(data.sections[0]))
    page = render_html(data)
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page


RAW = re.compile(
    r"\b("
    + "|".join(re.escape(m) for m in sorted(SCORERS, key=len, reverse=True) if "_" in m)
    + r"|d_z|target_sentiment|times_quoted)\b"
)


@pytest.mark.parametrize("event", ["e1", None])
def test_no_raw_metric_names_in_heads_captions_or_tooltips(fake_results, event):
    data = build_report(
        fake_results, event=event, links={"e1": "event-e1.html", "e2": "event-e2.html"}, generated=FIXED
    )
    shown = []
    for section in data.sections:
        if section.id == "methods":  # the methods list names each column on purpose
            continue
        shown.append(section.title)
        for block in section.blocks:
            if isinstance(block, TableBlock):
                shown += [*block.columns, block.caption]
                if block.rows and block.columns[0] in {"measure", ""}:
                    shown += [row[0] for row in block.rows]  # transposed: measures are row heads
            elif isinstance(block, FigureBlock):
                shown.append(block.caption)
                shown += re.findall(r"<text[^>]*>([^<]*)</text>", block.svg)
            elif isinstance(block, ArticleBlock):
                shown += [seg.title for para in block.paragraphs for seg in para if seg.marks]
    found = sorted({m.group(0) for text in shown for m in RAW.finditer(text)})
    assert found == []


def test_evidence_layers_switch_without_script_and_print_with_a_legend(fake_results):
    page = render_html(build_report(fake_results, event="e1", generated=FIXED))
    for layer in ("sentiment", "framing", "naming", "attribution", "citations"):
        assert f'<input type="checkbox" class="layer" id="layer-{layer}" checked>' in page
        assert f'<label for="layer-{layer}"' in page
        assert f"#layer-{layer}:not(:checked) ~ article" in page
    assert "<script" not in page
    screen = page[page.index("@media screen") :]
    assert (
        ":not(:checked) ~ article mark.ev-framing" in screen[: screen.index("\n}\n")]
    )  # hiding is screen-only
    assert 'class="print-only hint"' in page  # the PDF gets the legend, not a "hover" hint
    assert "hover" not in page.lower()


def test_sentiment_layers_split_positive_and_negative_and_skip_weak_sentences(fake_results):
    text = fake_results.corpus["a2"].text
    extra = pd.DataFrame(
        {
            "article_id": ["a2", "a2", "a2"],
            "family": ["sentiment"] * 3,
            "metric": ["compound_sentiment"] * 3,
            "sentence": [0, 1, 1],
            "start": [0, 35, 35],
            "end": [34, len(text), len(text)],
            "text": ["", "", ""],
            "weight": [0.8, -0.7, -0.1],
            "label": ["positive", "negative", "negative"],
        }
    )
    tables = dict(fake_results.tables)
    tables["evidence"] = pd.concat([tables["evidence"], extra], ignore_index=True)
    results = Results(
        tables, corpus=fake_results.corpus, config=fake_results.config, manifest=fake_results.manifest
    )
    data = build_report(results, event="e1", generated=FIXED)
    a2 = next(
        b for b in _sections(data)["articles"].blocks if isinstance(b, ArticleBlock) and b.article_id == "a2"
    )
    css = {m.css for para in a2.paragraphs for seg in para for m in seg.marks}
    assert {"ev-pos", "ev-neg"} <= css
    titles = [m.title for para in a2.paragraphs for seg in para for m in seg.marks if m.css == "ev-neg"]
    assert set(titles) == {
        "Sentiment: negative sentence (-0.70)"
    }  # the -0.10 sentence is below the threshold


def test_word_count_is_the_articles_table_one(fake_results):
    data = build_report(fake_results, event="e1", generated=FIXED)
    a1 = next(
        b for b in _sections(data)["articles"].blocks if isinstance(b, ArticleBlock) and b.article_id == "a1"
    )
    assert "14 words" in a1.meta  # n_words of the articles table, not a split of the text


def test_self_citations_are_listed_apart(fake_results):
    tables = dict(fake_results.tables)
    own = tables["citations"].assign(cited_outlet="The Gaze", relation="self", core=False)
    tables["citations"] = pd.concat([tables["citations"], own], ignore_index=True)
    results = Results(
        tables, corpus=fake_results.corpus, config=fake_results.config, manifest=fake_results.manifest
    )
    blocks = _sections(build_report(results, event="e1", generated=FIXED))["citations"].blocks
    tables_ = {b.caption.split(":")[0]: b for b in blocks if isinstance(b, TableBlock)}
    others = tables_["Citations of other outlets"]
    assert [r[others.columns.index("Cited outlet")] for r in others.rows] == ["Reuters"]
    assert len(tables_["Self-citations"].rows) == 1


def test_wide_tables_are_transposed_or_split():
    columns = ("outlet", *(f"m{i}" for i in range(10)))
    few = tuple((f"o{j}", *(str(i) for i in range(10))) for j in range(3))
    (t,) = wide_table_blocks(columns, few, caption="c")
    assert t.columns == ("measure", "o0", "o1", "o2")
    assert len(t.rows) == 10
    many = tuple((f"o{j}", *(str(i) for i in range(10))) for j in range(20))
    parts = wide_table_blocks(columns, many, caption="c", max_values=4)
    assert [len(p.columns) for p in parts] == [5, 5, 3]
    assert all(p.columns[0] == "outlet" and len(p.rows) == 20 for p in parts)
    assert parts[1].caption == "c (2 of 3)"


def test_group_line_names_the_grouping_and_both_groups():
    from compare.report._answer import _group_line

    articles = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["A", "B", "C", "D"],
            "bloc": ["west", "west", "state", None],
            "compound_sentiment": [0.2, 0.4, -0.5, 0.9],
        }
    )
    line = "".join(text for text, _ in _group_line(articles, articles, ["compound_sentiment"], "bloc"))
    assert line.startswith("By bloc: Sentiment")
    assert "west 0.30 (2 outlets) vs state -0.50 (1 outlet)" in line
    assert "a difference of 0.80" in line
    assert _group_line(articles.assign(bloc="west"), articles, ["compound_sentiment"], "bloc") == ()


def test_corpus_answer_counts_and_missing_intervals_read_as_words():
    from compare.report._answer import _corpus_answer

    def row(metric, a, b, n, lo, hi, status="tested"):
        return {
            "scope": "all",
            "by": "group",
            "metric": metric,
            "group_a": a,
            "group_b": b,
            "status": status,
            "n_stories": n,
            "diff": 0.5,
            "ci_low": lo,
            "ci_high": hi,
            "p_value": 0.01,
            "p_adjusted": 0.02,
        }

    comparisons = pd.DataFrame(
        [
            row("frame_conflict", "left", "right", 1, float("nan"), float("nan")),
            row("frame_economic", "left", "right", 7, 0.1, 0.9),
        ]
        + [
            row("frame_conflict", "x", f"y{i}", 1, float("nan"), float("nan"), "too little shared coverage")
            for i in range(1234)
        ]
    )
    text = " ".join(
        "".join(t for t, _ in item) if isinstance(b, SummaryBlock) else ""
        for b in _corpus_answer(comparisons)
        if isinstance(b, SummaryBlock)
        for item in b.items
    )
    assert "1 shared story;" in text
    assert "7 shared stories;" in text
    assert "no interval: too few shared stories" in text
    assert "– to –" not in text
    assert "95% interval of the difference 0.10 to 0.90" in text
    notes = [b for b in _corpus_answer(comparisons) if not isinstance(b, SummaryBlock)]
    assert any("1,234 other comparisons" in " ".join(b.paragraphs) for b in notes)


def test_many_missing_cited_outlets_are_grouped_by_the_cited_outlet():
    from compare.report._answer import MAX_MISSING_LINES, _missing_lines

    few = [("TASS", "Reuters")]
    assert _missing_lines(few) == ["TASS cites Reuters: add that article to compare them."]
    many = [
        ("TASS", "Reuters"),
        ("News.Az", "Reuters"),
        ("feeds.news", "BBC"),
        ("Sino Daily", "AFP"),
        ("hada.news", "BBC"),
    ]
    assert len(many) > MAX_MISSING_LINES
    (line,) = _missing_lines(many)
    # most cited first, ties by name
    assert line.index("BBC (cited by feeds.news, hada.news)") < line.index("Reuters (cited by News.Az, TASS)")
    assert line.index("Reuters (cited by News.Az, TASS)") < line.index("AFP (cited by Sino Daily)")
