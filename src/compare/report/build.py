"""Turn :class:`~compare.pipeline.Results` into plain report data (no HTML here).

A :class:`ReportData` is a list of :class:`Section` objects, each a list of typed blocks:
:class:`TextBlock`, :class:`TableBlock`, :class:`FigureBlock` (an inline SVG string),
:class:`ArticleBlock` (article text cut into segments with highlight marks),
:class:`ListBlock` and :class:`LinksBlock`. The renderer has one template macro per block kind, so
a new table in the results needs a new section builder here and, at most, a new macro.

Every number is formatted here with a fixed format, every table is sorted, and the figures are
deterministic SVG, so the same results give the same report apart from :attr:`ReportData.generated`.
A section whose table is missing or empty is left out.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from typing import TYPE_CHECKING

from ..exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ..results import Results

from ._data import (
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
)
from ._format import format_number, format_pvalue
from ._sections import (
    _actors_section,
    _articles_section,
    _citations_section,
    _coverage_section,
    _differences_section,
    _events_section,
    _frames_section,
    _in_scope,
    _methods_section,
    _readability_section,
    _rejected_section,
    _scope,
    _sources_section,
    _summary_section,
    _table,
    _wordchoice_section,
    event_ids,
    group_columns,
    segment_text,
    with_groups,
)

__all__ = [
    "ArticleBlock",
    "FigureBlock",
    "LegendBlock",
    "LinksBlock",
    "ListBlock",
    "Mark",
    "ReportData",
    "Section",
    "Segment",
    "SummaryBlock",
    "TableBlock",
    "TextBlock",
    "build_report",
    "event_ids",
    "format_number",
    "format_pvalue",
    "segment_text",
]


# ----------------------------------------------------------------------------------------------
# public entry point
# ----------------------------------------------------------------------------------------------
def build_report(
    results: Results,
    *,
    event: str | None = None,
    links: Mapping[str, str] | None = None,
    home: str | None = None,
    generated: str | None = None,
) -> ReportData:
    """Build the data of one report from analysis results.

    Parameters
    ----------
    results : compare.Results
        The output of :func:`compare.analyze` (or :func:`compare.load_results`).
    event : str, optional
        Report on this event only; by default an overview of all events (with paired outlet
        comparisons across events).
    links : mapping, optional
        Event id -> relative link to that event's report, shown in the overview.
    home : str, optional
        Relative link back to the overview, shown in a per-event report.
    generated : str, optional
        Generation timestamp; defaults to the current UTC time. Pass a fixed value to get
        byte-identical output.

    Notes
    -----
    The report only formats ``results``: its statistics are the run's ``profiles`` and
    ``comparisons`` tables (see :class:`compare.RunConfig` for their resamples and seed).

    Returns
    -------
    ReportData

    Raises
    ------
    InvalidInputError
        If ``event`` is not an event of the results.
    """
    import pandas as pd

    from .. import __version__

    all_articles = _table(results, "articles")
    if event is not None:
        event = str(event)
        known = event_ids(results)
        if event not in known:
            msg = f"The 'event' parameter of build_report must be one of the results' events. Got {event!r}; known: {known[:10]!r}."
            raise InvalidInputError(msg)
        articles = all_articles[all_articles["event_id"].astype(str) == event]
        ids: set[str] | None = set(articles["article_id"].astype(str))
    else:
        articles = all_articles
        ids = None
    if "outlet" in articles.columns:
        articles = articles.sort_values(["outlet", "article_id"], kind="mergesort").reset_index(drop=True)

    def table(name: str) -> pd.DataFrame:
        return _scope(_table(results, name), ids)

    scope = "on this event" if event is not None else f"over {len(event_ids(results))} event(s)"
    sections: list[Section | None] = []
    if event is None:
        sections.append(_events_section(results, links))
        sections.append(_rejected_section(results))
    from ._answer import answer_section

    sections.insert(0, answer_section(results, event, articles, links=links))
    sections += [
        _summary_section(with_groups(results, articles), _in_scope(results.profiles, event), scope=scope,
                         adjusted=event is None, groups=group_columns(results)),
        _differences_section(_in_scope(results.comparisons, event)),
        _coverage_section(results, event),
        _actors_section(table("actors")),
        _sources_section(table("attributions")),
        _frames_section(articles),
        _readability_section(articles),
        _wordchoice_section(table("labels"), articles),
        _citations_section(table("citations"), table("reuse"), table("provenance"), overview=event is None),
    ]
    if event is not None:
        sections.append(_articles_section(results, articles))
    sections.append(_methods_section(results, articles, overview=f"{home}#methods" if event is not None and home else None))
    manifest = dict(results.manifest)
    corpus = results.corpus
    corpus_hash = str((manifest.get("corpus") or {}).get("hash") or corpus.content_hash())
    if event is not None:
        titles = articles["title"].dropna().astype(str) if "title" in articles.columns else pd.Series([], dtype=str)
        title = f"Event {event}"
        subtitle = titles.iloc[0] if len(titles) else ""
    else:
        title = f"media-compare report: {corpus.name}"
        subtitle = f"{len(all_articles)} articles, {all_articles['outlet'].nunique() if 'outlet' in all_articles else 0} outlets, {len(event_ids(results))} events"
    if generated is None:
        generated = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()
    return ReportData(
        title=title,
        subtitle=subtitle,
        sections=tuple(s for s in sections if s is not None),
        version=__version__,
        corpus_hash=corpus_hash,
        generated=generated,
        event_id=event,
        home=home,
    )

