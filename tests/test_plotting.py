"""Tests of compare.plotting: Display objects and SVG export."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from compare import Article, Corpus, Results, RunConfig
from compare.exceptions import InvalidInputError
from compare.plotting import (
    ActorSentimentDisplay,
    CitationGraphDisplay,
    CoverageMatrixDisplay,
    FrameProfileDisplay,
    OutletProfileDisplay,
    SourceTypeDisplay,
    to_svg,
)


@pytest.fixture
def pyplot():
    plt = pytest.importorskip("matplotlib.pyplot")
    plt.close("all")
    yield plt
    plt.close("all")


@pytest.fixture
def results():
    articles = pd.DataFrame(
        {
            "article_id": ["a1", "a2", "a3", "a4", "a5"],
            "outlet": ["Left", "Left", "Right", "Right", "Center"],
            "event_id": ["e1", "e2", "e1", "e2", "e1"],
            "n_words": [100, 120, 90, 80, 110],
            "compound_sentiment": [0.1, 0.3, -0.2, -0.4, 0.0],
            "frame_conflict": [0.5, 0.7, 0.9, 0.8, 0.1],
            "frame_economic": [0.1, 0.0, 0.2, np.nan, 0.6],
        }
    )
    actors = pd.DataFrame(
        {
            "article_id": ["a1", "a3", "a5", "a1"],
            "outlet": ["Left", "Right", "Center", "Left"],
            "actor": ["Putin", "Putin", "Putin", "Zelenskyy"],
            "mentions": [3, 2, 1, 2],
            "target_sentiment": [-0.5, -0.8, 0.0, 0.6],
        }
    )
    attributions = pd.DataFrame(
        {"article_id": ["a1", "a1", "a3"], "outlet": ["Left", "Left", "Right"], "source_type": ["official", "person", "anonymous"]}
    )
    coverage = pd.DataFrame(
        {
            "event_id": ["e1"] * 6,
            "claim_id": ["c1", "c1", "c1", "c2", "c2", "c2"],
            "outlet": ["Left", "Right", "Center"] * 2,
            "status": ["carried", "carried", "omitted", "only_here", "omitted", "omitted"],
        }
    )
    claims = pd.DataFrame({"event_id": ["e1", "e1"], "claim_id": ["c1", "c2"], "text": ["Talks began.", "Putin stayed home."]})
    citations = pd.DataFrame(
        {"article_id": ["a1", "a3"], "outlet": ["Left", "Right"], "cited_outlet": ["Reuters", "Left"], "relation": ["source", "source"]}
    )
    tables = {
        "articles": articles,
        "actors": actors,
        "attributions": attributions,
        "coverage": coverage,
        "claims": claims,
        "citations": citations,
    }
    corpus = Corpus([Article(id=a, outlet=o, text="Talks began.") for a, o in zip(articles["article_id"], articles["outlet"], strict=True)])
    return Results(tables, corpus=corpus, config=RunConfig(), manifest={})


@pytest.mark.parametrize(
    ("factory", "kwargs"),
    [
        (OutletProfileDisplay.from_results, {"metrics": ["compound_sentiment", "frame_conflict"], "n_boot": 200}),
        (ActorSentimentDisplay.from_results, {}),
        (SourceTypeDisplay.from_results, {}),
        (FrameProfileDisplay.from_results, {}),
        (CoverageMatrixDisplay.from_results, {"event": "e1"}),
        (CitationGraphDisplay.from_results, {}),
    ],
)
@pytest.mark.usefixtures("pyplot")
def test_displays_plot_on_new_and_given_axes(results, factory, kwargs):
    disp = factory(results, **kwargs)
    assert disp.plot() is disp
    assert disp.figure_ is not None
    # on given axes
    from matplotlib.figure import Figure

    fig = Figure()
    ax = fig.subplots(1, 2) if isinstance(disp, OutletProfileDisplay) else fig.subplots()
    disp.plot(ax=ax)
    assert disp.figure_ is fig
    svg = to_svg(fig)
    assert svg.startswith("<svg")


def test_actor_table_values(results):
    disp = ActorSentimentDisplay.from_results(results)
    assert list(disp.table.index) == ["Putin", "Zelenskyy"]  # most mentioned first
    assert disp.table.loc["Putin", "Right"] == pytest.approx(-0.8)
    assert np.isnan(disp.table.loc["Zelenskyy", "Right"])


def test_actor_rows_without_sentiment_are_left_out():
    actors = pd.DataFrame(
        {
            "actor": ["Putin", "Russia", "Zelenskyy"],
            "outlet": ["A", "A", "B"],
            "mentions": [3, 9, 1],  # the place is mentioned most but has no sentiment
            "target_sentiment": [-0.5, np.nan, 0.2],
        }
    )
    disp = ActorSentimentDisplay.from_frame(actors)
    assert list(disp.table.index) == ["Putin", "Zelenskyy"]
    assert np.isnan(disp.table.loc["Zelenskyy", "A"])  # blank: not mentioned by A


def test_event_filter_and_profile_values(results):
    disp = OutletProfileDisplay.from_results(results, event="e1", metrics=["frame_conflict"], n_boot=200)
    got = disp.means.set_index("outlet")["mean"].to_dict()
    assert got == pytest.approx({"Center": 0.1, "Left": 0.5, "Right": 0.9})


def test_coverage_matrix_needs_event_when_several(results):
    cov = pd.concat([results.coverage, results.coverage.assign(event_id="e2")])
    with pytest.raises(InvalidInputError, match="event="):
        CoverageMatrixDisplay.from_frame(cov)
    disp = CoverageMatrixDisplay.from_frame(cov, claims=results.claims, event="e1")
    assert disp.matrix.loc["c1", "Left"] == "carried"
    assert list(disp.matrix.index) == ["c1", "c2"]  # most-carried first
    assert "Talks began." in disp.labels["c1"]


def test_source_shares_and_citation_edges(results):
    counts = SourceTypeDisplay.from_results(results).counts
    assert counts.loc["Left"].sum() == 2
    edges = CitationGraphDisplay.from_results(results).edges
    assert set(zip(edges.outlet, edges.cited_outlet, strict=True)) == {("Left", "Reuters"), ("Right", "Left")}


def test_actor_display_without_sentiment_column_raises(results):
    with pytest.raises(InvalidInputError, match="sentiment column"):
        ActorSentimentDisplay.from_frame(results.actors.drop(columns="target_sentiment"))


def test_to_svg_is_deterministic_and_ids_are_unique_per_figure(pyplot, results):
    svgs = []
    for prefix in ("one-", "two-"):
        fig, ax = pyplot.subplots()
        ActorSentimentDisplay.from_results(results).plot(ax=ax)
        svgs.append(to_svg(fig, id_prefix=prefix))
    fig, ax = pyplot.subplots()
    ActorSentimentDisplay.from_results(results).plot(ax=ax)
    again = to_svg(fig, id_prefix="one-")
    assert svgs[0] == again  # same figure, same bytes
    assert not svgs[0].startswith("<?xml")
    assert "<!DOCTYPE" not in svgs[0]
    assert "<dc:date>" not in svgs[0]
    ids = [set(re.findall(r'\bid="([^"]+)"', s)) for s in svgs]
    assert ids[0]
    assert not ids[0] & ids[1]
    assert all(i.startswith("one-") for i in ids[0])
    # every internal reference points at an id of the same figure
    refs = set(re.findall(r'(?:href="#|url\(#)([^")]+)', svgs[0]))
    assert refs <= ids[0]


def test_hostile_labels_are_escaped_in_svg(pyplot):
    actors = pd.DataFrame({"actor": ["<script>alert(1)</script>"], "outlet": ["A&B"], "mentions": [1], "target_sentiment": [0.2]})
    fig, ax = pyplot.subplots()
    ActorSentimentDisplay.from_frame(actors).plot(ax=ax)
    svg = to_svg(fig)
    assert "<script" not in svg


def test_plot_does_not_touch_rcparams(pyplot, results):
    import matplotlib as mpl

    before = dict(mpl.rcParams)
    CitationGraphDisplay.from_results(results).plot()
    to_svg(pyplot.gcf())
    assert dict(mpl.rcParams) == before


@pytest.mark.parametrize("kind", ["bars", "heatmap"])
@pytest.mark.usefixtures("pyplot")
def test_frame_profile_kinds(results, kind):
    disp = FrameProfileDisplay.from_results(results).plot(kind=kind)
    assert disp.ax_.get_title() == "Frame profile"
    assert [t.get_text() for t in (disp.ax_.get_xticklabels() if kind == "heatmap" else disp.ax_.get_yticklabels())] == [
        "conflict",
        "economic",
    ]
    with pytest.raises(InvalidInputError, match="'kind'"):
        disp.plot(kind="pie")
