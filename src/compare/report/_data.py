"""The plain data of a report (private): sections of typed blocks, no HTML."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ArticleBlock", "Block", "FigureBlock", "LegendBlock", "LinksBlock", "ListBlock", "Mark", "ReportData", "Section", "Segment", "SummaryBlock", "TableBlock", "TextBlock"]


# ----------------------------------------------------------------------------------------------
# data classes
# ----------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TextBlock:
    """Paragraphs of plain text (escaped when rendered)."""

    paragraphs: tuple[str, ...]
    kind: str = field(default="text", init=False)


@dataclass(frozen=True)
class SummaryBlock:
    """Plain-language sentences, each a tuple of ``(text, link)`` parts (``link`` empty: no link)."""

    items: tuple[tuple[tuple[str, str], ...], ...]
    kind: str = field(default="summary", init=False)


@dataclass(frozen=True)
class ListBlock:
    """A bulleted (or numbered) list of plain-text items."""

    items: tuple[str, ...]
    ordered: bool = False
    kind: str = field(default="list", init=False)


@dataclass(frozen=True)
class LinksBlock:
    """Links to other report files: ``(href, label, note)`` triples."""

    links: tuple[tuple[str, str, str], ...]
    kind: str = field(default="links", init=False)


@dataclass(frozen=True)
class LegendBlock:
    """A colour legend: ``(css class, label)`` pairs drawn as sample highlights.

    With ``layers`` (``(layer id, label, ((css class, label), ...))`` triples) it is also the
    switch of the evidence layers: one checkbox per layer (CSS only, no script) that shows or
    hides that layer's highlights in the articles after it; in print every layer shows.
    """

    items: tuple[tuple[str, str], ...]
    layers: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = ()
    kind: str = field(default="legend", init=False)


@dataclass(frozen=True)
class TableBlock:
    """A table of already formatted cells.

    ``numeric`` flags the columns to right-align.
    """

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...] = ()
    caption: str = ""
    kind: str = field(default="table", init=False)


@dataclass(frozen=True)
class FigureBlock:
    """An SVG figure (produced by :func:`compare.plotting.to_svg`, inlined as markup)."""

    svg: str
    caption: str = ""
    kind: str = field(default="figure", init=False)


@dataclass(frozen=True)
class Mark:
    """One highlight: a CSS class (``ev-framing``, ``ev-cue``, ...) and a tooltip."""

    css: str
    title: str


@dataclass(frozen=True)
class Segment:
    """A piece of article text and the highlights covering all of it."""

    text: str
    marks: tuple[Mark, ...] = ()

    @property
    def css(self) -> str:
        """Space-separated classes of the marks."""
        return " ".join(dict.fromkeys(m.css for m in self.marks))

    @property
    def title(self) -> str:
        """Tooltips of the marks, joined."""
        return "; ".join(dict.fromkeys(m.title for m in self.marks))


@dataclass(frozen=True)
class ArticleBlock:
    """One article: metadata and its text as paragraphs of highlighted segments."""

    article_id: str
    outlet: str
    title: str
    meta: str
    paragraphs: tuple[tuple[Segment, ...], ...]
    n_marks: int = 0
    kind: str = field(default="article", init=False)


Block = TextBlock | SummaryBlock | ListBlock | LinksBlock | LegendBlock | TableBlock | FigureBlock | ArticleBlock


@dataclass(frozen=True)
class Section:
    """A report section: an anchor id, a title and its blocks."""

    id: str
    title: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class ReportData:
    """Everything a report shows, as plain data.

    Attributes
    ----------
    title, subtitle : str
    sections : tuple of Section
    version : str
        media-compare version that wrote the report.
    corpus_hash : str
        Content hash of the corpus (``Corpus.content_hash``).
    generated : str
        Generation timestamp (the only part that changes between two runs on the same input).
    event_id : str or None
        The event of a per-event report; None for the overview.
    """

    title: str
    subtitle: str
    sections: tuple[Section, ...]
    version: str
    corpus_hash: str
    generated: str
    event_id: str | None = None
    home: str | None = None

    def _repr_html_(self) -> str:
        """The rendered report in an ``<iframe srcdoc>``, so its CSS cannot restyle the notebook."""
        from html import escape

        from .render import render_html

        return (
            f'<iframe srcdoc="{escape(render_html(self), quote=True)}" title="{escape(self.title, quote=True)}" '
            'style="width: 100%; height: 640px; border: 1px solid #ddd;"></iframe>'
        )


