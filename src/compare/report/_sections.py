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
    TableBlock,
    TextBlock,
)
from ._format import (
    _table_block,
    format_number,
    format_pvalue,
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
    return metric.replace("_", " ")


# ----------------------------------------------------------------------------------------------
# sections
# ----------------------------------------------------------------------------------------------
def _outlet_means(profiles: pd.DataFrame) -> pd.DataFrame:
    """The outlet rows of a profiles table, with the columns the displays read (``outlet``, ``n``,
    ``mean``: the story-adjusted mean over the corpus, the plain mean within a story)."""
    if profiles.empty:
        return profiles
    rows = profiles[profiles["by"] == "outlet"] if "by" in profiles.columns else profiles
    mean = rows["adjusted_mean"] if "adjusted_mean" in rows.columns else rows["mean"]
    return rows.assign(outlet=rows["group"], n=rows["n_articles"], mean=mean)


def _summary_section(articles: pd.DataFrame, profiles: pd.DataFrame, *, scope: str, adjusted: bool) -> Section | None:
    """Headline metrics by outlet, from the run's outlet profiles (``Results.profiles``)."""
    from ..scores import SCORERS, headline_metrics

    if articles.empty or "outlet" not in articles.columns:
        return None
    metrics = headline_metrics(articles)
    counts = articles.groupby("outlet").agg(articles=("article_id", "size"), words=("n_words", "mean")) if "n_words" in articles.columns \
        else articles.groupby("outlet").agg(articles=("article_id", "size"))
    means = _outlet_means(profiles) if metrics and not profiles.empty else None
    columns = ["outlet", "articles", *(["mean words"] if "words" in counts.columns else []),
               *(SCORERS[m].display if m in SCORERS else _metric_label(m) for m in metrics)]
    rows = []
    for outlet in sorted(counts.index, key=str):
        row = [str(outlet), str(int(counts.loc[outlet, "articles"]))]
        if "words" in counts.columns:
            row.append(format_number(counts.loc[outlet, "words"], 0))
        for metric in metrics:
            sel = means[(means["outlet"] == outlet) & (means["metric"] == metric)] if means is not None else []
            if len(sel) == 0 or pd.isna(sel.iloc[0]["mean"]):
                row.append("–")
                continue
            m = sel.iloc[0]
            text = format_number(m["mean"])
            if not pd.isna(m["ci_low"]) and not pd.isna(m["ci_high"]):
                text += f" [{format_number(m['ci_low'])}, {format_number(m['ci_high'])}]"
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
    intro = TextBlock((f"{len(articles)} article(s) from {n_out} outlet(s) {scope}. {how}",))
    blocks: list[Block] = [intro, TableBlock(tuple(columns), tuple(rows), (False, True, *([True] * (len(columns) - 2))),
                                            caption="Headline metrics by outlet")]
    if metrics and means is not None and not means.empty and means["ci_low"].notna().any() and n_out <= 15:
        from ..plotting import OutletProfileDisplay

        shown = metrics[:6]
        means = means[means["metric"].isin(shown)]
        n = len(shown)
        cols = min(3, n)
        nrows = math.ceil(n / cols)
        fig = _figure(
            lambda ax: OutletProfileDisplay(means).plot(ax=ax),
            size=(3.0 * cols, nrows * (0.28 * n_out + 1.0)),
            id_prefix="summary-profile-",
            grid=(nrows, cols),
            caption="Outlet profiles: mean (dot) and 95% interval (line) of the first headline metrics.",
        )
        if fig is not None:
            blocks.append(fig)
    return Section("summary", "Outlets side by side", tuple(blocks))


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
    from ..plotting import CoverageMatrixDisplay

    coverage = _table(results, "coverage")
    if event is None or coverage.empty or "event_id" not in coverage.columns:
        return None
    part = coverage[coverage["event_id"].astype(str) == event]
    if part.empty:
        return None
    claims = _table(results, "claims")
    disp = CoverageMatrixDisplay.from_frame(part, claims=claims, event=event)
    n_rows, n_cols = disp.matrix.shape
    blocks: list[Block] = [
        TextBlock((("Claims are sentences aligned across the event's articles. A claim is carried by an outlet "
                   "that has a matching sentence, omitted by one that has none, and only here when a single outlet "
                   "reports it."),))
    ]
    fig = _figure(lambda ax: disp.plot(ax=ax), size=(0.9 * n_cols + 5.5, 0.26 * n_rows + 1.8), id_prefix="coverage-",
                  caption="Claim coverage (claims carried by most outlets first).")
    if fig is not None:
        blocks.append(fig)
    counts = part.groupby(["outlet", "status"]).size().unstack("status", fill_value=0)
    counts = counts.reindex(index=sorted(counts.index, key=str), columns=sorted(counts.columns))
    blocks.append(_table_block(counts.reset_index(), caption="Claims by outlet and status"))
    if not claims.empty and {"claim_id", "outlet", "text"} <= set(claims.columns):
        sub = claims[claims["event_id"].astype(str) == event] if "event_id" in claims.columns else claims
        if not sub.empty:
            view = sub.sort_values(["claim_id", "outlet", "article_id"])[["claim_id", "outlet", "text"]]
            view = view.assign(text=view["text"].map(lambda t: " ".join(str(t).split())))
            blocks.append(_table_block(view, caption="Claims and the sentences behind them"))
    return Section("coverage", "Claim coverage", tuple(blocks))


def _actors_section(actors: pd.DataFrame) -> Section | None:
    from ..plotting import ACTOR_SENTIMENT_COLUMNS, ActorSentimentDisplay

    if actors.empty or not {"actor", "outlet"} <= set(actors.columns):
        return None
    column = next((c for c in ACTOR_SENTIMENT_COLUMNS if c in actors.columns), None)
    blocks: list[Block] = []
    if column is not None and actors[column].notna().any():
        disp = ActorSentimentDisplay.from_frame(actors, column=column, top=15, max_outlets=12)
        n_rows, n_cols = disp.table.shape
        fig = _figure(lambda ax: disp.plot(ax=ax), size=(1.0 * n_cols + 4.5, 0.32 * n_rows + 1.8), id_prefix="actors-",
                      caption=f"Sentiment toward the most-mentioned actors ({column}; blue positive, red negative, "
                              "blank not mentioned), in the outlets that mention them most (at most 12).")
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
    blocks.append(_table_block(table, caption="Actors by outlet (most mentioned first; at most 40 rows)"))
    return Section("actors", "Actors and sentiment", tuple(blocks))


def _sources_section(attributions: pd.DataFrame) -> Section | None:
    from ..plotting import SourceTypeDisplay

    if attributions.empty or not {"outlet", "source_type"} <= set(attributions.columns):
        return None
    disp = SourceTypeDisplay.from_frame(attributions)
    blocks: list[Block] = []
    fig = _figure(lambda ax: disp.plot(ax=ax), size=(7.5, 0.35 * len(disp.counts) + 1.6), id_prefix="sources-",
                  caption="Who is quoted or paraphrased: attributions by source type.")
    if fig is not None:
        blocks.append(fig)
    blocks.append(_table_block(disp.counts.reset_index(), caption="Attributions by outlet and source type"))
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
    size = (7.5, max(2.5, 0.12 * len(frames) * max(n_out, 2) + 1.5)) if n_out <= 8 else (0.9 * len(frames) + 4, 0.25 * n_out + 1.5)
    fig = _figure(lambda ax: disp.plot(ax=ax), size=size,
                  id_prefix="frames-", caption="Mean frame scores per outlet (generic news frames).")
    if fig is not None:
        blocks.append(fig)
    view = disp.means.reset_index()
    view.columns = ["outlet", *[f.removeprefix("frame_").replace("_", " ") for f in frames]]
    blocks.append(_table_block(view, caption="Mean frame scores"))
    return Section("frames", "Framing", tuple(blocks))


def _readability_section(articles: pd.DataFrame) -> Section | None:
    metrics = _family_metrics(articles, "readability") if not articles.empty else []
    metrics = [m for m in metrics if not m.endswith("_docsents")]
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
            _table_block(means, headers={m: _metric_label(m) for m in metrics}, caption="Readability by outlet"),
        ),
    )


def _wordchoice_section(labels: pd.DataFrame, articles: pd.DataFrame) -> Section | None:
    blocks: list[Block] = []
    metrics = _family_metrics(articles, "wordchoice") if not articles.empty else []
    if metrics:
        means = articles.groupby("outlet")[metrics].mean()
        blocks.append(_table_block(means.reindex(sorted(means.index, key=str)).reset_index(),
                                   headers={m: _metric_label(m) for m in metrics}, caption="Word-choice measures by outlet"))
    if not labels.empty and {"actor", "label", "outlet"} <= set(labels.columns):
        table = labels.groupby(["actor", "outlet", "label"]).size().rename("uses").reset_index()
        table = table.sort_values(["actor", "outlet", "uses", "label"], ascending=[True, True, False, True], kind="mergesort")
        blocks.append(_table_block(table.head(50), caption="How each outlet labels the actors (first 50)"))
    if not blocks:
        return None
    return Section("wordchoice", "Word choice", tuple(blocks))


def _citations_section(
    citations: pd.DataFrame, reuse: pd.DataFrame, provenance: pd.DataFrame | None = None
) -> Section | None:
    from ..plotting import CitationGraphDisplay

    blocks: list[Block] = []
    if provenance is not None and not provenance.empty and {"article_id", "label"} <= set(provenance.columns):
        cols = [c for c in ("outlet", "article_id", "label", "core_sources", "copied_from", "copied_share")
                if c in provenance.columns]
        view = provenance.sort_values([c for c in ("outlet", "article_id") if c in cols], kind="mergesort")[cols]
        view = view.assign(**{c: view[c].map(lambda v: ", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
                              for c in ("core_sources",) if c in view.columns})
        blocks.append(_table_block(view, caption="Provenance of each article: original, re-report (cites another "
                                                 "outlet for its core story) or copy (mostly reused text)"))
    if not citations.empty and {"outlet", "cited_outlet"} <= set(citations.columns):
        disp = CitationGraphDisplay.from_frame(citations, relation=None)
        if not disp.edges.empty:
            fig = _figure(lambda ax: disp.plot(ax=ax), size=(7, 6), id_prefix="citations-",
                          caption="Citation graph: an arrow from the citing to the cited outlet.")
            if fig is not None:
                blocks.append(fig)
        cols = [c for c in ("outlet", "article_id", "cited_outlet", "cue", "relation", "core") if c in citations.columns]
        sort = [c for c in ("outlet", "article_id", "start") if c in citations.columns]
        blocks.append(_table_block(citations.sort_values(sort, kind="mergesort")[cols], caption="Citations of other outlets"))
    if not reuse.empty and {"article_id", "other_article_id"} <= set(reuse.columns):
        cols = [c for c in ("article_id", "outlet", "other_article_id", "other_outlet", "shared_share", "direction")
                if c in reuse.columns]
        view = reuse.sort_values(["article_id", "other_article_id"], kind="mergesort")[cols]
        blocks.append(_table_block(view, caption="Text reuse between articles (share of the article's text)"))
    if not blocks:
        return None
    return Section("citations", "Citations and reuse", tuple(blocks))


# --- articles with evidence ---------------------------------------------------------------------
def _spans_for(results: Results, article_id: str) -> list[tuple[int, int, Mark]]:
    spans: list[tuple[int, int, Mark]] = []

    def rows(name: str) -> pd.DataFrame:
        df = _table(results, name)
        if df.empty or "article_id" not in df.columns:
            return df
        return df[df["article_id"].astype(str) == article_id]

    for r in rows("evidence").to_dict("records"):
        family = str(r.get("family") or "score")
        title = str(r.get("metric") or family)
        label = r.get("label")
        if label is not None and str(label) not in {"nan", "None", ""}:
            title += f" ({label})"
        spans.append((r.get("start"), r.get("end"), Mark(f"ev-{_css_name(family)}", title)))
    for r in rows("attributions").to_dict("records"):
        kind = str(r.get("source_type") or "source")
        spans.append((r.get("cue_start"), r.get("cue_end"), Mark("ev-cue", f"attribution cue ({r.get('kind', '')})".replace(" ()", ""))))
        spans.append((r.get("source_start"), r.get("source_end"), Mark("ev-source", f"source: {kind}")))
    for r in rows("labels").to_dict("records"):
        spans.append((r.get("start"), r.get("end"), Mark("ev-label", f"label for {r.get('actor')} ({r.get('kind')})")))
    for r in rows("citations").to_dict("records"):
        spans.append((r.get("start"), r.get("end"), Mark("ev-cite", f"cites {r.get('cited_outlet')}")))
    clean = []
    for start, end, mark in spans:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            continue
        if e > s >= 0:
            clean.append((s, e, mark))
    return clean


_LEGEND: tuple[tuple[str, str], ...] = (
    ("ev-framing", "framing cue"),
    ("ev-sentiment", "sentiment"),
    ("ev-wordchoice", "word choice"),
    ("ev-cue", "attribution cue"),
    ("ev-source", "source"),
    ("ev-label", "actor label"),
    ("ev-cite", "cited outlet"),
)


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
        TextBlock((("Highlighted words are the evidence behind the scores; hover over a highlight to see the "
                   "metric it counts for."),)),
        LegendBlock(_LEGEND),
    ]
    order = articles.sort_values(["outlet", "article_id"], kind="mergesort")
    for row in order.itertuples(index=False):
        aid = str(row.article_id)
        if aid not in corpus:
            continue
        art = corpus[aid]
        spans = _spans_for(results, aid)
        meta = " · ".join(
            p for p in (art.outlet, str(art.published) if art.published else "", f"{len(art.text.split())} words",
                        f"id {aid}") if p
        )
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


def _methods_section(results: Results, articles: pd.DataFrame) -> Section:
    scorers = _registry()
    present = [c for c in articles.columns if c in scorers] if not articles.empty else []
    refs: dict[str, None] = {}
    described = []
    for name in present:
        spec = scorers[name]
        for ref in spec.references:
            refs[ref] = None
        text = f"{name} ({spec.family})"
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
        TextBlock((("Statistics: outlet means carry 95% percentile-bootstrap intervals (2000 resamples, seeded); "
                   "outlet differences use permutation tests (exact when all splits can be enumerated), Hedges' g "
                   "and Cliff's delta, with Holm's adjustment over the comparisons shown. Every random draw is "
                   "seeded, so the same results give the same report."),)),
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


