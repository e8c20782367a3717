"""The report's sections (private): one builder per section, from the tables of Results."""

from __future__ import annotations

import json
import math
import re
import warnings
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..exceptions import CompareWarning

if TYPE_CHECKING:  # pragma: no cover
    from ..results import Results

from ._data import (
    ArticleBlock,
    Block,
    FigureBlock,
    LegendBlock,
    LinksBlock,
    ListBlock,
    Mark,
    Section,
    Segment,
    SummaryBlock,
    TableBlock,
    TextBlock,
)
from ._format import (
    _table_block,
    format_number,
    format_pvalue,
    frame_blocks,
    wide_table_blocks,
)

__all__: list[str] = []


# ----------------------------------------------------------------------------------------------
# helpers on results
# ----------------------------------------------------------------------------------------------
def _table(results: Results, name: str) -> pd.DataFrame:
    """A table of ``results`` (an empty frame for a table the run did not make)."""
    return results.tables[name]


def event_ids(results: Results) -> list[str]:
    """The events of ``results`` (from ``results.articles``), sorted."""
    articles = _table(results, "articles")
    if articles.empty or "event_id" not in articles.columns:
        return []
    return sorted({str(e) for e in articles["event_id"].dropna()})


def _registry() -> dict[str, Any]:
    from ..scores import ordered_metrics

    return ordered_metrics()


def _in_scope(df: pd.DataFrame, event: str | None) -> pd.DataFrame:
    """The rows of a profiles or comparisons table for one scope (an event, or the corpus)."""
    if df.empty or "scope" not in df.columns:
        return df
    return df[df["scope"].astype(str) == ("all" if event is None else str(event))].reset_index(drop=True)


def _scope(df: pd.DataFrame, ids: set[str] | None) -> pd.DataFrame:
    if ids is None or df.empty or "article_id" not in df.columns:
        return df
    return df[df["article_id"].astype(str).isin(ids)]


def _family_metrics(articles: pd.DataFrame, family: str) -> list[str]:
    scorers = _registry()
    return [c for c in articles.columns if c in scorers and scorers[c].family == family and scorers[c].level == "article"
            and articles[c].notna().any()]


def _figure(build: Callable[[Any], Any], *, size: tuple[float, float], id_prefix: str, caption: str = "",
            grid: tuple[int, int] | None = None) -> FigureBlock | None:
    """Draw onto a fresh (non-pyplot) Figure and return it as an SVG block; None if drawing fails."""
    from matplotlib.figure import Figure

    from ..plotting import to_svg

    fig = Figure(figsize=size, layout="constrained")
    ax = fig.subplots(*grid, squeeze=False) if grid else fig.subplots()
    try:
        build(ax)
        svg = to_svg(fig, id_prefix=id_prefix)  # drawing happens here too (text layout, mathtext)
    except Exception as exc:  # noqa: BLE001 - one figure that fails must not cost the whole report
        warnings.warn(f"The figure {id_prefix!r} could not be drawn and is left out: {exc}", CompareWarning, stacklevel=3)
        return None
    return FigureBlock(svg=svg, caption=caption)


def _metric_label(metric: str) -> str:
    """The display name of a metric (``Label (unit)``) from the registry."""
    from ._answer import display_name

    return display_name(metric)


#: Column heads of report tables that are not registry metrics.
_HEADS: dict[str, str] = {
    "target_sentiment": "Sentiment toward the actor (-1 to 1)",
    "sentiment_mean": "Sentiment toward the actor (-1 to 1)",
    "sentence_compound": "Sentiment of sentences naming the actor (-1 to 1)",
    "compound_sentiment": "Sentiment (mean sentence score, -1 to 1)",
    "times_quoted": "Times quoted (per article, mean)",
    "mentions": "Mentions (all articles)",
    "articles": "Articles",
    "only_here": "only here",
    "shared_share": "Share of the text shared",
    "copied_share": "Share of the text copied",
    "core_sources": "Core sources",
    "copied_from": "Copied from",
    "cited_outlet": "Cited outlet",
    "other_article_id": "Other article",
    "other_outlet": "Other outlet",
    "article_id": "Article",
    "claim_id": "Claim",
}


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------
def _outlet_means(profiles: pd.DataFrame) -> pd.DataFrame:
    """The outlet rows of a profiles table, with the columns the displays read (``outlet``, ``n``,
    ``mean``: the story-adjusted mean over the corpus, the plain mean within a story)."""
    if profiles.empty:
        return profiles
    rows = profiles[profiles["by"] == "outlet"] if "by" in profiles.columns else profiles
    return _adjusted(rows).assign(outlet=rows["group"], n=rows["n_articles"])


def _adjusted(rows: pd.DataFrame) -> pd.DataFrame:
    """``mean``: the story-adjusted mean where there is one, else the plain mean (``plain`` True)."""
    if "adjusted_mean" not in rows.columns:
        return rows.assign(plain=False)
    plain = rows["adjusted_mean"].isna() & rows["mean"].notna()
    return rows.assign(mean=rows["adjusted_mean"].where(~plain, rows["mean"]), plain=plain)


def group_columns(results: Results) -> list[str]:
    """The grouping columns of the run (``RunConfig.groups``) that its outlet table can give."""
    groups = list(getattr(results.config, "groups", None) or ())
    if "profiles" in results.tables and "by" in results.profiles.columns:
        groups = [g for g in dict.fromkeys([*groups, *results.profiles["by"].astype(str)]) if g != "outlet"]
    return groups


def with_groups(results: Results, articles: pd.DataFrame) -> pd.DataFrame:
    """``articles`` with the run's grouping columns from its outlet table (unchanged if the table
    cannot be read, e.g. saved results moved without their outlet file)."""
    groups = [g for g in group_columns(results) if g not in articles.columns]
    if not groups or articles.empty or "outlet" not in articles.columns:
        return articles
    try:
        from ..config import outlet_table

        table = outlet_table(results.config)
        groups = [g for g in groups if g in getattr(table, "columns", groups)]
        return table.annotate(articles, groups=groups).assign(outlet=articles["outlet"].to_numpy()) if groups else articles
    except Exception:  # noqa: BLE001 - the groups are an addition; the report stands without them
        return articles


def _summary_section(articles: pd.DataFrame, profiles: pd.DataFrame, *, scope: str, adjusted: bool,
                     groups: Sequence[str] = ()) -> Section | None:
    """Headline metrics by outlet (and by group), from the run's profiles (``Results.profiles``)."""
    from ..scores import headline_metrics

    if articles.empty or "outlet" not in articles.columns:
        return None
    metrics = headline_metrics(articles)
    groups = [g for g in groups if g in articles.columns]
    agg: dict[str, tuple[str, Any]] = {"articles": ("article_id", "size")}
    if "n_words" in articles.columns:
        agg["words"] = ("n_words", "mean")
    for g in groups:
        agg[f"group:{g}"] = (g, "first")
    counts = articles.groupby("outlet").agg(**agg)
    means = _outlet_means(profiles) if metrics and not profiles.empty else None
    columns = ["outlet", *groups, "articles", *(["words per article"] if "words" in counts.columns else []),
               *(_metric_label(m) for m in metrics)]
    plain_used = False
    rows = []
    for outlet in sorted(counts.index, key=str):
        row = [str(outlet), *(_cell_text(counts.loc[outlet, f"group:{g}"]) for g in groups), str(int(counts.loc[outlet, "articles"]))]
        if "words" in counts.columns:
            row.append(format_number(counts.loc[outlet, "words"], 0))
        for metric in metrics:
            sel = means[(means["outlet"] == outlet) & (means["metric"] == metric)] if means is not None else []
            if len(sel) == 0 or pd.isna(sel.iloc[0]["mean"]):
                row.append("–")
                continue
            text, plain = _mean_text(sel.iloc[0])
            plain_used |= plain and adjusted
            row.append(text)
        rows.append(tuple(row))
    n_out = len(counts)
    how = (
        "Each cell is the outlet's mean adjusted for the stories it covered (a story + outlet model, so an outlet "
        "that covered only grim stories does not look grim for that reason), with its 95% interval in brackets."
        if adjusted
        else "Each cell is the mean over the outlet's articles; where an outlet has more than one article, the 95% "
        "percentile-bootstrap interval follows in brackets."
    )
    if plain_used:
        how += (" A value marked * is the outlet's plain mean: it shares no story with the other outlets, so its "
                "mean cannot be adjusted for the stories it covered.")
    intro = TextBlock((f"{len(articles)} article(s) from {n_out} outlet(s) {scope}. {how}",))
    keys = 1 + len(groups)
    blocks: list[Block] = [intro, *wide_table_blocks(tuple(columns), tuple(rows), caption="Headline measures by outlet",
                                                     keys=keys, max_values=4)]
    blocks += _group_tables(profiles, metrics)
    return Section("summary", "Outlets side by side", tuple(blocks))


def _cell_text(value: Any) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) or str(value) in {"nan", "None", ""} else str(value)


def _mean_text(m: pd.Series) -> tuple[str, bool]:
    plain = bool(m.get("plain", False))
    text = format_number(m["mean"]) + ("*" if plain else "")
    if not plain and not pd.isna(m["ci_low"]) and not pd.isna(m["ci_high"]):
        text += f" [{format_number(m['ci_low'])}, {format_number(m['ci_high'])}]"
    return text, plain


def _group_tables(profiles: pd.DataFrame, metrics: Sequence[str]) -> list[Block]:
    """Headline measures by group, one table per grouping column of the profiles."""
    if profiles.empty or "by" not in profiles.columns:
        return []
    blocks: list[Block] = []
    for by in sorted(set(profiles["by"].astype(str)) - {"outlet"}):
        part = _adjusted(profiles[profiles["by"] == by])
        names = sorted(set(part["group"].astype(str)), key=str)
        sizes = part.groupby("group")[["n_outlets", "n_articles"]].max() if {"n_outlets", "n_articles"} <= set(part.columns) else None
        rows = []
        for name in names:
            row = [name]
            if sizes is not None:
                row += [format_number(int(sizes.loc[name, "n_outlets"]), 0), format_number(int(sizes.loc[name, "n_articles"]), 0)]
            for metric in metrics:
                sel = part[(part["group"].astype(str) == name) & (part["metric"] == metric)]
                row.append("–" if sel.empty or pd.isna(sel.iloc[0]["mean"]) else _mean_text(sel.iloc[0])[0])
            rows.append(tuple(row))
        columns = (by, *(("outlets", "articles") if sizes is not None else ()), *(_metric_label(m) for m in metrics))
        blocks += wide_table_blocks(columns, tuple(rows), caption=f"Headline measures by group ({by})",
                                    keys=1 + (2 if sizes is not None else 0), max_values=4, transpose_up_to=0)
    return blocks


def _differences_section(comparisons: pd.DataFrame, *, max_rows: int = 40) -> Section | None:
    """Pairwise outlet (and group) differences, from the run's comparisons (``Results.comparisons``)."""
    from ..scores import SCORERS

    if comparisons.empty:
        return None
    tested = comparisons[comparisons["status"] == "tested"].dropna(subset=["p_value"])
    untested = comparisons[comparisons["status"] != "tested"]
    notes = []
    if len(untested):
        pairs = untested[["by", "group_a", "group_b"]].drop_duplicates()
        notes.append(
            f"{len(pairs)} pair(s) share too few stories to test (a permutation test over stories needs at least "
            "6 shared stories to reach p < 0.05); their differences are in the comparisons table, without p."
        )
    if tested.empty:
        return Section("differences", "Differences between outlets", (TextBlock(tuple(notes or ["Nothing could be tested."])),))
    tested = tested.sort_values(["p_adjusted", "p_value", "metric", "group_a", "group_b"], kind="mergesort")
    shown = tested.head(max_rows)
    design = shown["design"].iloc[0] if "design" in shown.columns else ""

    def interval(r: pd.Series) -> str:
        if pd.isna(r["ci_low"]) if "ci_low" in r else True:
            return format_number(r["diff"])
        return f"{format_number(r['diff'])} [{format_number(r['ci_low'])}, {format_number(r['ci_high'])}]"

    view = pd.DataFrame(
        {
            "metric": [SCORERS[m].display if m in SCORERS else _metric_label(m) for m in shown["metric"]],
            "A": shown["group_a"].astype(str),
            "B": shown["group_b"].astype(str),
            "stories": shown["n_stories"] if "n_stories" in shown.columns else "",
            "difference A − B [95% CI]": [interval(r) for _, r in shown.iterrows()],
            "p": shown["p_value"],
            "p (Holm)": shown["p_adjusted"],
        }
    )
    block = _table_block(view, caption="Pairwise differences, smallest adjusted p first",
                         formats={"p": format_pvalue, "p (Holm)": format_pvalue})
    notes.insert(0, f"Design: {design}. p-values are adjusted with Holm's method within each comparison table.")
    if len(tested) > max_rows:
        notes.append(f"The {max_rows} comparisons with the smallest adjusted p are shown.")
    return Section("differences", "Differences between outlets", (TextBlock(tuple(notes)), block))


def _coverage_section(results: Results, event: str | None) -> Section | None:
    from ._claims import claims_section  # the claim section lives in its own module

    return claims_section(results, event)


#: With at most this many outlets, a table (transposed: one column per outlet) shows the frame and
#: source profiles and no figure is drawn (it would repeat the table and costs a third of a story
#: report's rendering time).
_FIGURE_FROM = 8


def _actors_section(actors: pd.DataFrame) -> Section | None:
    from ..plotting import ACTOR_SENTIMENT_COLUMNS, ActorSentimentDisplay

    if actors.empty or not {"actor", "outlet"} <= set(actors.columns):
        return None
    column = next((c for c in ACTOR_SENTIMENT_COLUMNS if c in actors.columns), None)
    blocks: list[Block] = []
    n_outlets = actors["outlet"].nunique()
    few_outlets = n_outlets <= _FIGURE_FROM
    if column is not None and actors[column].notna().any() and 1 < n_outlets <= _FIGURE_FROM:  # one outlet: the table below
        disp = ActorSentimentDisplay.from_frame(actors, column=column, top=15, max_outlets=_FIGURE_FROM)
        grid = disp.table.map(lambda v: "–" if pd.isna(v) else f"{v:+.2f}")
        grid = grid.reindex(columns=sorted(grid.columns, key=str))
        blocks.append(TableBlock(("actor", *map(str, grid.columns)), tuple((str(a), *row) for a, row in zip(grid.index, grid.to_numpy().tolist(), strict=True)),
                                 (False, *([True] * grid.shape[1])),
                                 caption=f"{_HEADS.get(column, _metric_label(column))} for the most-mentioned actors "
                                         "(+ positive, − negative, – not mentioned)"))
    elif column is not None and actors[column].notna().any() and not few_outlets and actors["actor"].nunique() >= 3:
        disp = ActorSentimentDisplay.from_frame(actors, column=column, top=15, max_outlets=8)
        n_rows, n_cols = disp.table.shape
        fig = _figure(lambda ax: disp.plot(ax=ax), size=(0.65 * n_cols + 3.6, 0.3 * n_rows + 1.8), id_prefix="actors-",
                      caption=f"{_HEADS.get(column, _metric_label(column))} for the most-mentioned actors (blue positive, "
                              "red negative, blank not mentioned), in the outlets that mention them most (at most 8).")
        if fig is not None:
            blocks.append(fig)
    agg: dict[str, tuple[str, str]] = {"articles": ("article_id", "nunique")}
    if "mentions" in actors.columns:
        agg["mentions"] = ("mentions", "sum")
    for col in (column, "times_quoted"):
        if col and col in actors.columns:
            agg[col] = (col, "mean")
    table = actors.groupby(["actor", "outlet"]).agg(**agg).reset_index()
    sort_cols = ["mentions", "actor", "outlet"] if "mentions" in table.columns else ["actor", "outlet"]
    table = table.sort_values(sort_cols, ascending=[False, True, True][-len(sort_cols):], kind="mergesort").head(40)
    blocks.append(_table_block(table, caption="Actors by outlet (most mentioned first; at most 40 rows). Times quoted is "
                                              "the mean per article that mentions the actor, so 1.50 means quoted three "
                                              "times in two articles.", headers=_HEADS))
    return Section("actors", "Actors and sentiment", tuple(blocks))


def _sources_section(attributions: pd.DataFrame) -> Section | None:
    from ..plotting import SourceTypeDisplay

    if attributions.empty or not {"outlet", "source_type"} <= set(attributions.columns):
        return None
    disp = SourceTypeDisplay.from_frame(attributions)
    blocks: list[Block] = []
    fig = None if len(disp.counts) <= _FIGURE_FROM else _figure(lambda ax: disp.plot(ax=ax), size=(7.5, 0.35 * len(disp.counts) + 1.6), id_prefix="sources-",
                  caption="Who is quoted or paraphrased: attributions by source type.")
    if fig is not None:
        blocks.append(fig)
    blocks += frame_blocks(disp.counts.reset_index(), caption="Attributions by outlet and source type", max_values=7,
                           row_head="source type")
    if "kind" in attributions.columns:
        kinds = attributions.groupby(["outlet", "kind"]).size().unstack("kind", fill_value=0)
        kinds = kinds.reindex(index=sorted(kinds.index, key=str), columns=sorted(kinds.columns, key=str))
        blocks.append(_table_block(kinds.reset_index(), caption="Direct and indirect attributions"))
    return Section("sources", "Sources and attribution", tuple(blocks))


def _frames_section(articles: pd.DataFrame) -> Section | None:
    from ..plotting import FrameProfileDisplay, frame_columns

    frames = [c for c in frame_columns(articles) if articles[c].notna().any()] if not articles.empty else []
    if not frames:
        return None
    disp = FrameProfileDisplay.from_frame(articles, frames=frames)
    n_out = len(disp.means)
    blocks: list[Block] = []
    shown = set(_headline(articles))
    size = (7.5, max(2.5, 0.12 * len(frames) * max(n_out, 2) + 1.5)) if n_out <= 8 else (0.9 * len(frames) + 4, 0.25 * n_out + 1.5)
    fig = None if n_out <= _FIGURE_FROM else _figure(lambda ax: disp.plot(ax=ax), size=size,
                  id_prefix="frames-", caption="Mean frame scores per outlet (generic news frames).")
    if fig is not None:
        blocks.append(fig)
    rest = [f for f in frames if f not in shown]
    if rest:
        view = disp.means[rest].reset_index()
        blocks += frame_blocks(view, caption="Mean frame scores (0 to 1)", max_values=5,
                               headers={f: _short_label(f) for f in rest})
    if len(rest) < len(frames):
        blocks.insert(0, TextBlock((("Generic news frames, each scored 0 to 1 from its cue words per 100 words (the "
                                    "highlights of the frame layer in the articles). The outlets' frame scores, with their "
                                    "intervals, are in the table \u201cHeadline measures by outlet\u201d above."),)))
    if not blocks:
        return None
    return Section("frames", "Framing", tuple(blocks))


def _headline(articles: pd.DataFrame) -> list[str]:
    from ..scores import headline_metrics

    return headline_metrics(articles)


def _short_label(metric: str) -> str:
    from ._answer import short_name

    return short_name(metric)


def _readability_section(articles: pd.DataFrame) -> Section | None:
    metrics = _family_metrics(articles, "readability") if not articles.empty else []
    shown = set(_headline(articles))  # in the headline table already
    metrics = [m for m in metrics if not m.endswith("_docsents") and m not in shown]
    if not metrics:
        return None
    means = articles.groupby("outlet")[metrics].mean()
    means = means.reindex(sorted(means.index, key=str)).reset_index()
    return Section(
        "readability",
        "Readability",
        (
            TextBlock((("Mean readability per outlet. Flesch reading ease: higher is easier; the grade-level "
                       "formulas (Flesch-Kincaid, Fog, SMOG, Coleman-Liau, ARI, Dale-Chall): higher is harder."),)),
            *frame_blocks(means, headers={m: _metric_label(m) for m in metrics}, caption="Readability by outlet"),
        ),
    )


def _wordchoice_section(labels: pd.DataFrame, articles: pd.DataFrame) -> Section | None:
    blocks: list[Block] = []
    metrics = _family_metrics(articles, "wordchoice") if not articles.empty else []
    metrics = [m for m in metrics if m not in set(_headline(articles))]  # in the headline table already
    if metrics:
        means = articles.groupby("outlet")[metrics].mean()
        blocks += frame_blocks(means.reindex(sorted(means.index, key=str)).reset_index(),
                               headers={m: _metric_label(m) for m in metrics}, caption="Word-choice measures by outlet")
    if not labels.empty and {"actor", "label", "outlet"} <= set(labels.columns):
        table = labels.groupby(["actor", "outlet", "label"]).size().rename("uses").reset_index()
        table = table.sort_values(["actor", "outlet", "uses", "label"], ascending=[True, True, False, True], kind="mergesort")
        blocks.append(_table_block(table.head(50), caption="How each outlet labels the actors (first 50)"))
    if not blocks:
        return None
    return Section("wordchoice", "Word choice", tuple(blocks))


def _citations_section(
    citations: pd.DataFrame, reuse: pd.DataFrame, provenance: pd.DataFrame | None = None, *, overview: bool = False
) -> Section | None:
    """Provenance, the citation graph, citations (self-citations apart) and reuse.

    In the overview (``overview=True``) the per-article tables are counted per outlet instead:
    the story reports list them article by article.
    """
    from ..plotting import CitationGraphDisplay

    blocks: list[Block] = []
    if overview and provenance is not None and not provenance.empty and {"outlet", "label"} <= set(provenance.columns):
        counts = provenance.groupby(["outlet", "label"]).size().unstack("label", fill_value=0)
        counts = counts.reindex(index=sorted(counts.index, key=str), columns=sorted(counts.columns, key=str))
        blocks.append(_table_block(counts.reset_index(), caption="Provenance: articles per outlet that are originals, "
                                                                 "re-reports (cite another outlet for their core story) or copies"))
    elif provenance is not None and not provenance.empty and {"article_id", "label"} <= set(provenance.columns):
        cols = [c for c in ("outlet", "article_id", "label", "core_sources", "copied_from", "copied_share")
                if c in provenance.columns]
        view = provenance.sort_values([c for c in ("outlet", "article_id") if c in cols], kind="mergesort")[cols]
        view = view.assign(**{c: view[c].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
                              for c in ("core_sources",) if c in view.columns})
        blocks.append(_table_block(view, headers=_HEADS, caption="Provenance of each article: original, re-report (cites another "
                                                 "outlet for its core story) or copy (mostly reused text)"))
    if not citations.empty and {"outlet", "cited_outlet"} <= set(citations.columns):
        is_self = _self_citations(citations)
        others, selfs = citations[~is_self], citations[is_self]
        if not others.empty:
            disp = CitationGraphDisplay.from_frame(others, relation=None)
            if not disp.edges.empty:
                fig = _figure(lambda ax: disp.plot(ax=ax), size=(6, 5), id_prefix="citations-",
                              caption="Citation graph: an arrow from the citing to the cited outlet (self-citations are "
                                      "listed apart below).")
                if fig is not None:
                    blocks.append(fig)
        cols = [c for c in ("outlet", "article_id", "cited_outlet", "cue", "relation", "core") if c in citations.columns]
        sort = [c for c in ("outlet", "article_id", "start") if c in citations.columns]
        if overview:
            if not others.empty:
                pairs = others.groupby(["outlet", "cited_outlet"]).size().rename("citations").reset_index()
                blocks.append(_table_block(pairs.sort_values(["outlet", "cited_outlet"], kind="mergesort"),
                                           caption="Citations of other outlets (each story report lists them one by one)",
                                           headers=_HEADS))
            if not selfs.empty:
                own = selfs.groupby("outlet").size().rename("self-citations").reset_index()
                blocks.append(_table_block(own, caption="Self-citations: an outlet naming itself as a source "
                                                        "(\u201ctold NBC News\u201d)"))
        elif not others.empty:
            blocks.append(_table_block(others.sort_values(sort, kind="mergesort")[cols], caption="Citations of other outlets",
                                       headers=_HEADS))
        if not overview and not selfs.empty:
            blocks.append(_table_block(selfs.sort_values(sort, kind="mergesort")[[c for c in cols if c != "cited_outlet"]],
                                       caption="Self-citations: an outlet naming itself as a source (\u201ctold NBC News\u201d)",
                                       headers=_HEADS))
    if not overview and not reuse.empty and {"article_id", "other_article_id"} <= set(reuse.columns):
        cols = [c for c in ("article_id", "outlet", "other_article_id", "other_outlet", "shared_share", "direction")
                if c in reuse.columns]
        view = reuse.sort_values(["article_id", "other_article_id"], kind="mergesort")[cols]
        blocks.append(_table_block(view, caption="Text reuse between articles (share of the article's text)", headers=_HEADS))
    if not blocks:
        return None
    return Section("citations", "Citations and reuse", tuple(blocks))


def _self_citations(citations: pd.DataFrame) -> pd.Series:
    """Rows where an outlet cites itself (``relation == "self"`` or the same name)."""
    same = citations["outlet"].astype(str).str.casefold() == citations["cited_outlet"].astype(str).str.casefold()
    if "relation" in citations.columns:
        same = same | (citations["relation"].astype(str) == "self")
    return same


# --- articles with evidence ---------------------------------------------------------------------
def _spans_for(results: Results, article_id: str) -> list[tuple[int, int, Mark]]:
    spans: list[tuple[int, int, Mark]] = []

    def rows(name: str) -> pd.DataFrame:
        df = _table(results, name)
        if df.empty or "article_id" not in df.columns:
            return df
        return df[df["article_id"].astype(str) == article_id]

    for r in rows("evidence").to_dict("records"):
        mark = _evidence_mark(r)
        if mark is not None:
            spans.append((r.get("start"), r.get("end"), mark))
    for r in rows("attributions").to_dict("records"):
        kind = _present(r.get("source_type")) or "unknown type"
        how = _present(r.get("kind"))
        spans.append((r.get("cue_start"), r.get("cue_end"), Mark("ev-cue", f"Attribution cue{f' ({how})' if how else ''}")))
        spans.append((r.get("source_start"), r.get("source_end"), Mark("ev-source", f"Source: {kind}")))
    for r in rows("labels").to_dict("records"):
        spans.append((r.get("start"), r.get("end"), Mark("ev-label", f"Naming: label for {r.get('actor')} ({r.get('kind')})")))
    for r in rows("citations").to_dict("records"):
        own = str(r.get("relation")) == "self" or str(r.get("cited_outlet")).casefold() == str(r.get("outlet")).casefold()
        spans.append((r.get("start"), r.get("end"), Mark("ev-cite", "Names itself as a source" if own else f"Cites {r.get('cited_outlet')}")))
    clean = []
    for start, end, mark in spans:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if e > s >= 0:
            clean.append((s, e, mark))
    return clean


#: Evidence below these weights is not highlighted (it still counts in the scores): sentences whose
#: sentiment is weak (|compound| < 0.5) and framing cues with weight < 0.5 would drown the rest.
MIN_SENTIMENT = 0.5
MIN_FRAMING = 0.5

#: The evidence layers a reader can switch: (id, label, ((css class, sample label), ...)).
LAYERS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    ("sentiment", "Sentiment", (("ev-pos", "positive sentence"), ("ev-neg", "negative sentence"))),
    ("framing", "Framing", (("ev-framing", "frame cue"),)),
    ("naming", "Naming and word choice", (("ev-wordchoice", "loaded word, hedge"), ("ev-label", "label for an actor"))),
    ("attribution", "Attribution", (("ev-cue", "cue (said, told)"), ("ev-source", "source"))),
    ("citations", "Citations", (("ev-cite", "cited outlet"),)),
)
_LEGEND: tuple[tuple[str, str], ...] = tuple(item for _, _, items in LAYERS for item in items)


def _present(value: Any) -> str:
    return "" if value is None or str(value) in {"nan", "None", "", "<NA>"} else str(value)


def _evidence_mark(r: Mapping[str, Any]) -> Mark | None:
    """The highlight of one evidence row, or None when it is below the layer's threshold."""
    from ._answer import short_name

    family = str(r.get("family") or "score")
    metric = _present(r.get("metric"))
    label = _present(r.get("label")).replace("_", " ")
    try:
        weight = float(r.get("weight"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        weight = math.nan
    if family == "sentiment":
        if not abs(weight) >= MIN_SENTIMENT:
            return None
        css = "ev-pos" if weight > 0 else "ev-neg"
        return Mark(css, f"Sentiment: {'positive' if weight > 0 else 'negative'} sentence ({weight:+.2f})")
    if family == "framing":
        if not (weight >= MIN_FRAMING or math.isnan(weight)):
            return None
        return Mark("ev-framing", f"{short_name(metric)} cue" if metric else "Frame cue")
    if family == "wordchoice":
        return Mark("ev-wordchoice", f"{short_name(metric)}{f': {label}' if label else ''}" if metric else "Word choice")
    if family == "attribution":
        return None  # drawn from the attributions table (cue and source apart)
    return Mark(f"ev-{_css_name(family)}", short_name(metric) if metric else family)


def _css_name(text: str) -> str:
    return re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "x"


def segment_text(text: str, spans: Sequence[tuple[int, int, Mark]]) -> tuple[tuple[Segment, ...], ...]:
    """Cut ``text`` into paragraphs of segments, each with the marks that cover it.

    Parameters
    ----------
    text : str
    spans : sequence of (start, end, Mark)
        Character offsets into ``text``; out-of-range parts are clipped.

    Returns
    -------
    tuple of tuple of Segment
        One tuple per paragraph (lines of ``text``); the segments' texts concatenate to the
        paragraph.
    """
    n = len(text)
    clipped = [(max(0, s), min(n, e), m) for s, e, m in spans if min(n, e) > max(0, s)]
    cuts = {0, n}
    for s, e, _ in clipped:
        cuts.update((s, e))
    for i, ch in enumerate(text):
        if ch == "\n":
            cuts.update((i, i + 1))
    points = sorted(cuts)
    paragraphs: list[tuple[Segment, ...]] = []
    current: list[Segment] = []
    # sort spans once; for each elementary piece collect covering marks
    ordered = sorted(clipped, key=lambda t: (t[0], t[1], t[2].css, t[2].title))
    for a, b in pairwise(points):
        piece = text[a:b]
        if piece == "\n":
            if current:
                paragraphs.append(tuple(current))
            current = []
            continue
        marks = tuple(dict.fromkeys(m for s, e, m in ordered if s <= a and e >= b))
        if current and current[-1].marks == marks:
            current[-1] = Segment(current[-1].text + piece, marks)
        else:
            current.append(Segment(piece, marks))
    if current:
        paragraphs.append(tuple(current))
    return tuple(p for p in paragraphs if "".join(s.text for s in p).strip())


def _articles_section(results: Results, articles: pd.DataFrame) -> Section | None:
    corpus = results.corpus
    if articles.empty or corpus is None:
        return None
    blocks: list[Block] = [
        TextBlock(((f"Highlighted words are the evidence behind the scores (sentences with sentiment of at least "
                   f"{MIN_SENTIMENT} either way and framing cues of weight {MIN_FRAMING} or more; weaker evidence still "
                   "counts in the scores)."),)),
        LegendBlock(_LEGEND, layers=LAYERS),
    ]
    order = articles.sort_values(["outlet", "article_id"], kind="mergesort")
    for row in order.itertuples(index=False):
        aid = str(row.article_id)
        if aid not in corpus:
            continue
        art = corpus[aid]
        spans = _spans_for(results, aid)
        n_words = getattr(row, "n_words", None)
        words = f"{int(n_words)} words" if n_words is not None and not pd.isna(n_words) else ""
        meta = " · ".join(p for p in (art.outlet, str(art.published) if art.published else "", words, f"id {aid}") if p)
        blocks.append(ArticleBlock(aid, art.outlet, art.title or aid, meta, segment_text(art.text, spans), len(spans)))
    return Section("articles", "Articles with their evidence", tuple(blocks))


# --- methods appendix ---------------------------------------------------------------------------
def _flatten(prefix: str, value: Any, out: list[tuple[str, str]]) -> None:
    if isinstance(value, Mapping):
        for k in sorted(value, key=str):
            _flatten(f"{prefix}.{k}" if prefix else str(k), value[k], out)
    elif isinstance(value, (list, tuple)):
        out.append((prefix, json.dumps(list(value), ensure_ascii=False, default=str)))
    else:
        out.append((prefix, "–" if value is None else str(value)))


def _designs(results: Results) -> str:
    comparisons = results.comparisons if "comparisons" in results.tables else pd.DataFrame()
    if comparisons.empty or "design" not in comparisons.columns:
        return "design as in the comparisons table"
    return "; ".join(sorted({str(d) for d in comparisons["design"].dropna()})) or "design as in the comparisons table"


def _methods_section(results: Results, articles: pd.DataFrame, *, overview: str | None = None) -> Section:
    """Methods, references and the run manifest; in a story report with an overview to link to
    (``overview``: its ``#methods`` link), one paragraph and the link instead (every story report
    would repeat the same pages)."""
    if overview is not None:
        return Section("methods", "Methods and references", (
            SummaryBlock(((("Statistics, the measures' definitions, references and the run manifest are in the ", ""),
                           ("overview's methods section", overview), (".", "")),)),
        ))
    scorers = _registry()
    present = [c for c in articles.columns if c in scorers] if not articles.empty else []
    refs: dict[str, None] = {}
    described = []
    for name in present:
        spec = scorers[name]
        for ref in spec.references:
            refs[ref] = None
        text = f"{spec.display}, column {name} ({spec.family})"
        if spec.description:
            text += f": {spec.description}"
        if spec.direction:
            text += f" Direction: {spec.direction}."
        described.append(text)
    refs.update(dict.fromkeys([
        "Efron, B. & Tibshirani, R. J. (1993). An Introduction to the Bootstrap. Chapman & Hall.",
        "Good, P. (2005). Permutation, Parametric and Bootstrap Tests of Hypotheses (3rd ed.). Springer.",
        "Holm, S. (1979). A simple sequentially rejective multiple test procedure. Scandinavian Journal of Statistics, 6(2), 65-70.",
        "Hedges, L. V. (1981). Distribution theory for Glass's estimator of effect size and related estimators. Journal of Educational Statistics, 6(2), 107-128.",
        "Cliff, N. (1993). Dominance statistics: Ordinal analyses to answer ordinal questions. Psychological Bulletin, 114(3), 494-509.",
    ]))
    manifest = dict(results.manifest)
    flat: list[tuple[str, str]] = []
    _flatten("", manifest, flat)
    blocks: list[Block] = [
        TextBlock((("Statistics (the run's profiles and comparisons tables; docs/statistics.md): over the corpus, "
                   "each outlet's or group's mean is adjusted for the stories it covered, with a 95% interval; outlets "
                   "and groups are compared across the stories they share, the story as a blocking factor "
                   f"({_designs(results)}), with the difference, its 95% interval, a standardised effect size and "
                   "Holm's adjustment; a pair sharing too few stories is reported as \u201ctoo little shared coverage "
                   "to test\u201d. Within a story, an outlet with several articles gets a 95% percentile-bootstrap "
                   "interval. Every random draw is seeded, so the same results give the same report."),)),
    ]
    if described:
        blocks.append(ListBlock(tuple(sorted(described))))
    blocks.append(ListBlock(tuple(sorted(refs)), ordered=True))
    if flat:
        blocks.append(TableBlock(("key", "value"), tuple(flat), (False, False), caption="Run manifest"))
    return Section("methods", "Methods and references", tuple(blocks))


# --- index ---------------------------------------------------------------------------------------
def _events_section(results: Results, links: Mapping[str, str] | None) -> Section | None:
    articles = _table(results, "articles")
    if articles.empty or "event_id" not in articles.columns:
        return None
    events = _table(results, "events")
    developments: dict[str, int] = {}
    if not events.empty and {"event_id", "development_id"} <= set(events.columns):
        developments = events.groupby(events["event_id"].astype(str))["development_id"].nunique().to_dict()
    rows = []
    for event in event_ids(results):
        part = articles[articles["event_id"].astype(str) == event]
        title = str(part.sort_values("article_id")["title"].iloc[0]) if "title" in part.columns and len(part) else ""
        n_dev = int(developments.get(event, 1))
        dev_note = f" · {n_dev} developments" if n_dev > 1 else ""
        note = f"{len(part)} articles · {part['outlet'].nunique()} outlets{dev_note} · {title}"
        rows.append(((links or {}).get(event, ""), event, note))
    blocks: list[Block] = []
    if links:
        blocks.append(LinksBlock(tuple(r for r in rows if r[0])))
        missing = [r for r in rows if not r[0]]
        if missing:
            blocks.append(ListBlock(tuple(f"{e}: {n}" for _, e, n in missing)))
    else:
        blocks.append(ListBlock(tuple(f"{e}: {n}" for _, e, n in rows)))
    unassigned = int(articles["event_id"].isna().sum())
    if unassigned:
        blocks.append(TextBlock((f"{unassigned} article(s) are not part of any event.",)))
    return Section("events", f"Events ({len(rows)})", tuple(blocks))


def _rejected_section(results: Results) -> Section | None:
    rejected = list(results.corpus.rejected)
    if not rejected:
        return None
    return Section("rejected", "Inputs that could not be read", (ListBlock(tuple(sorted(str(r) for r in rejected))),))


