"""Template tests: hostile input comes out escaped; every block kind has a macro."""

from __future__ import annotations

import dataclasses

import jinja2
import pytest

from compare.report import (
    ArticleBlock,
    FigureBlock,
    LegendBlock,
    LinksBlock,
    ListBlock,
    Mark,
    ReportData,
    Section,
    Segment,
    SummaryBlock,
    TableBlock,
    TextBlock,
    render_html,
)
from compare.report.render import environment

HOSTILE = '<script>alert("x")</script>'


def _data(**overrides):
    blocks = (
        TextBlock((HOSTILE,)),
        ListBlock((HOSTILE,)),
        LinksBlock((("event-x.html", HOSTILE, HOSTILE),)),
        LegendBlock((("ev-framing", HOSTILE),)),
        LegendBlock((("ev-pos", HOSTILE),), layers=(("sentiment", HOSTILE, (("ev-pos", HOSTILE),)),)),
        SummaryBlock((((HOSTILE, ""), (HOSTILE, "event-x.html#article-a1")),)),
        TableBlock((HOSTILE,), ((HOSTILE,),), (False,), caption=HOSTILE),
        ArticleBlock(
            HOSTILE,
            HOSTILE,
            HOSTILE,
            HOSTILE,
            ((Segment("plain "), Segment(HOSTILE, (Mark("ev-framing", HOSTILE),))),),
            1,
        ),
    )
    base = {
        "title": HOSTILE,
        "subtitle": HOSTILE,
        "sections": (Section("s1", HOSTILE, blocks),),
        "version": "0.0",
        "corpus_hash": "abc",
        "generated": "2025-01-01T00:00:00+00:00",
    }
    return ReportData(**{**base, **overrides})


def test_hostile_text_is_escaped_everywhere():
    html = render_html(_data())
    assert "<script" not in html
    assert html.count("&lt;script&gt;") >= 14  # summary sentences and layer labels too
    # the highlight is built from the escaped segment, with an escaped tooltip
    assert '<mark class="ev-framing" title="&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;">&lt;script&gt;' in html


def test_every_block_kind_has_a_macro():
    env = environment()
    module = env.get_template("blocks.html").module
    kinds = {f.default for cls in (TextBlock, SummaryBlock, ListBlock, LinksBlock, LegendBlock, TableBlock, FigureBlock, ArticleBlock)
             for f in dataclasses.fields(cls) if f.name == "kind"}
    for kind in kinds:
        assert callable(getattr(module, kind)), kind


def test_environment_autoescapes_strings_and_is_strict():
    env = environment()
    assert env.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ missing.attr }}").render()


def test_figure_svg_is_inlined_not_escaped():
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt"><rect id="f-r" width="1" height="1"/></svg>'
    data = _data(sections=(Section("fig", "Figure", (FigureBlock(svg, caption=HOSTILE),)),))
    html = render_html(data)
    assert svg in html
    assert "<script" not in html


def test_render_html_rejects_other_objects():
    with pytest.raises(TypeError, match="ReportData"):
        render_html({"title": "x"})


def test_repr_html_is_isolated_and_escaped():
    page = _data()._repr_html_()
    assert page.startswith("<iframe srcdoc=")
    assert "<script" not in page
    assert "<style>" not in page  # the report's CSS stays inside the iframe document
