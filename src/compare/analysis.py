"""One analysis per article: everything later steps need from the text, computed once.

:func:`analyze_article` is the per-article step of :func:`compare.analyze` (run in a worker process
when ``jobs > 1``). It cuts the text once into a :class:`~compare.text.Document`, finds the actor
mentions once, runs every selected score family on them, and extracts what the corpus-level steps
need from the text (:class:`AlignmentFeatures`: story features, claim sentences, citations, reuse
fingerprints), so that no later step reads or tokenises ``Article.text`` again::

    Article ──▶ Document ──▶ mentions ──▶ family results ──▶ rows of the result tables
                   │                                    └──▶ AlignmentFeatures (story, claims, provenance)
                   └── (tokens, sentences, quotes: public arrays every step reads)

The result is typed (:class:`ArticleAnalysis`), and nothing is stored on the Document.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .scores import ALL_FAMILIES
from .text import analyze_text

if TYPE_CHECKING:  # pragma: no cover
    from .actors import Mention
    from .align import ClaimSentence, ProvenanceFeatures, StoryFeatures
    from .model import Article
    from .scores import FamilyResult
    from .text import Document

#: Options of :func:`compare.align.align_events` that act per article (story features).
STORY_OPTIONS = ("lead_chars", "max_chars")

__all__ = [
    "STORY_OPTIONS",
    "AlignmentFeatures",
    "AnalysisSpec",
    "ArticleAnalysis",
    "analyze_article",
    "analyze_chunk",
    "outlet_key",
]


@dataclass(frozen=True, kw_only=True)
class AnalysisSpec:
    """What the per-article step computes: the part of a :class:`~compare.RunConfig` a worker needs.

    Parameters
    ----------
    families : tuple of str
        Score families to run.
    aliases : mapping or None
        Actor alias table (alias -> canonical name).
    family_options : mapping
        Per-family options.
    claims : bool
        Extract claim-alignment features.
    provenance : bool
        Extract citations and reuse fingerprints.
    provenance_options : mapping
        Options of :func:`compare.align.provenance_features` (those of
        :func:`compare.align.provenance_table` that act per article).
    stories : bool
        Extract story features for event alignment (:func:`compare.align.story_features`).
    story_options : mapping
        Options of :func:`compare.align.story_features` (those of
        :func:`compare.align.align_events` that act per article).
    """

    families: tuple[str, ...] = ALL_FAMILIES
    aliases: Mapping[str, str] | None = None
    family_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    claims: bool = False
    provenance: bool = False
    provenance_options: Mapping[str, Any] = field(default_factory=dict)
    stories: bool = False
    story_options: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Any) -> AnalysisSpec:
        """The spec of a :class:`~compare.RunConfig`."""
        per_article = ("gazetteer", "lead", "min_repeat", "ngram")
        return cls(
            families=tuple(config.families),
            aliases=dict(config.aliases) if config.aliases else None,
            family_options={k: dict(v) for k, v in config.family_options.items()},
            claims=bool(config.claims),
            provenance=bool(config.provenance),
            provenance_options={k: v for k, v in config.provenance_options.items() if k in per_article},
            stories=config.events in ("auto", "align"),
            story_options={k: v for k, v in config.event_options.items() if k in STORY_OPTIONS},
        )


@dataclass(frozen=True, slots=True, eq=False)
class AlignmentFeatures:
    """What the corpus-level alignment steps need from one article (small and picklable).

    Attributes
    ----------
    article_id : str
    claims : tuple of ClaimSentence or None
        :func:`compare.align.claim_features` of the article (None when claims are not aligned).
    provenance : ProvenanceFeatures or None
        :func:`compare.align.provenance_features` of the article (None when provenance is off).
    story : StoryFeatures or None
        :func:`compare.align.story_features` of the article (None when events are not aligned).
    """

    article_id: str
    claims: tuple[ClaimSentence, ...] | None = None
    provenance: ProvenanceFeatures | None = None
    story: StoryFeatures | None = None


@dataclass(frozen=True, eq=False)
class ArticleAnalysis:
    """The one analysis of one article.

    Attributes
    ----------
    article : Article
    doc : Document
        The text cut into paragraphs, sentences, tokens and quotes.
    mentions : tuple of Mention
        Every actor mention, found once and read by every family.
    results : dict of str to FamilyResult
        Each family's result, by family name.
    alignment : AlignmentFeatures
        What alignment needs from the text.
    """

    article: Article
    doc: Document
    mentions: tuple[Mention, ...]
    results: dict[str, FamilyResult]
    alignment: AlignmentFeatures

    def rows(self) -> dict[str, Any]:
        """The article's rows of the result tables.

        Returns
        -------
        dict
            ``"article"``: the article row (metadata and article-level metrics); ``"sentences"``: one
            dict per sentence; ``"tables"``: table name -> list of row dicts (``article_id`` and
            ``outlet`` first). The outlet's mentions of itself ("The Gaze reports") are not actors
            of its story and are left out of ``actors``, ``labels`` and ``mentions``.
        """
        from .actors import summarize_mentions

        article, doc = self.article, self.doc
        aid, outlet = article.id, article.outlet
        row: dict[str, Any] = {
            "article_id": aid,
            "outlet": outlet,
            "title": article.title,
            "event_id": article.event,
            "published": None if article.published is None else article.published.isoformat(),
            "n_words": doc.n_words,
            "n_sentences": len(doc.sentences),
        }
        sentences = [
            {"article_id": aid, "sentence": i, "start": s.start, "end": s.end, "text": s.text}
            for i, s in enumerate(doc.sentences)
        ]
        tables: dict[str, list[dict[str, Any]]] = {}
        actors: dict[str, dict[str, Any]] = {}
        for name, result in self.results.items():
            row.update(result.article)
            for metric, values in result.sentences.items():
                if len(values) != len(sentences):
                    msg = (
                        f"Family {name!r} returned {len(values)} values of {metric!r} for {len(sentences)} "
                        f"sentences of article {aid!r}."
                    )
                    raise RuntimeError(msg)
                for srow, value in zip(sentences, values, strict=True):
                    srow[metric] = value
            for table, table_rows in result.tables.items():
                if table == "actors":
                    for r in table_rows:
                        actors.setdefault(r["actor"], {"actor": r["actor"]}).update(r)
                    continue
                if table == "evidence":
                    table_rows = [{"family": name, **r} for r in table_rows]
                tables.setdefault(table, []).extend({"article_id": aid, "outlet": outlet, **r} for r in table_rows)
        own = outlet_key(outlet)
        for name in ("labels", "actions"):  # the outlet's name for itself is not an actor of its story
            if name in tables:
                tables[name] = [r for r in tables[name] if outlet_key(r.get("actor")) != own]
        actors = {name: a for name, a in actors.items() if outlet_key(name) != own}
        if actors:
            # kind and mention counts come from the one shared actor analysis, whichever family named the actor
            base = {r["actor"]: r for r in summarize_mentions(self.mentions)}
            rows = []
            for name, a in sorted(actors.items()):
                known = base.get(name, {})
                rows.append(
                    {
                        "article_id": aid,
                        "outlet": outlet,
                        **a,
                        "kind": a.get("kind") or known.get("kind"),
                        "mentions": a.get("mentions") or known.get("mentions", 0),
                    }
                )
            tables["actors"] = rows
        mentions = [
            {
                "article_id": aid,
                "outlet": outlet,
                "start": m.start,
                "end": m.end,
                "text": m.text,
                "actor": m.actor,
                "kind": m.kind,
                "sentence": m.sentence,
                "title": m.title,
            }
            for m in self.mentions
            if outlet_key(m.actor) != own
        ]
        if mentions:
            tables["mentions"] = mentions
        return {"article": row, "sentences": sentences, "tables": tables}


def outlet_key(name: Any) -> str:
    """An outlet name for comparison: lower case, without a leading "the"."""
    text = str(name or "").strip().lower()
    return text.removeprefix("the ")


def analyze_article(article: Article, spec: AnalysisSpec | None = None) -> ArticleAnalysis:
    """Analyse one article once: Document, actor mentions, every family, alignment features.

    Parameters
    ----------
    article : Article
    spec : AnalysisSpec, optional
        What to compute (default: every family, no alignment features).

    Returns
    -------
    ArticleAnalysis

    Examples
    --------
    >>> from compare import Article
    >>> a = analyze_article(Article(id="a", outlet="X", text="Vladimir Putin said talks failed."))
    >>> [m.actor for m in a.mentions], sorted(a.results)[:2]
    (['Vladimir Putin'], ['attribution', 'framing'])
    """
    from .actors import actor_mentions
    from .scores import FAMILIES

    spec = spec or AnalysisSpec()
    doc = analyze_text(article.text)
    mentions = tuple(actor_mentions(doc, aliases=spec.aliases, outlet=article.outlet))
    results: dict[str, FamilyResult] = {}
    for name in spec.families:
        opts = dict(spec.family_options.get(name) or {})
        if spec.aliases:
            opts.setdefault("aliases", dict(spec.aliases))  # the corpus alias table, for actor resolution
        results[name] = FAMILIES[name](doc, article=article, mentions=mentions, options=opts)
    return ArticleAnalysis(
        article=article, doc=doc, mentions=mentions, results=results, alignment=_alignment_features(article, doc, spec)
    )


def _alignment_features(article: Article, doc: Document, spec: AnalysisSpec) -> AlignmentFeatures:
    claims = prov = None
    if spec.claims:
        from .align import claim_features

        claims = claim_features(doc)
    if spec.provenance:
        from .align import provenance_features

        prov = provenance_features(doc, outlet=article.outlet, **dict(spec.provenance_options))
    story = None
    if spec.stories:
        from .align import story_features

        story = story_features(doc, article, **dict(spec.story_options))
    return AlignmentFeatures(article.id, claims, prov, story)


def analyze_chunk(articles: Sequence[Article], spec: AnalysisSpec) -> tuple[Any, list[AlignmentFeatures]]:
    """Analyse a chunk of articles (the task a worker runs).

    Returns
    -------
    tuple
        The chunk's tables column by column (see :func:`compare._tables.chunk_tables`) and the
        articles' :class:`AlignmentFeatures`, in order.
    """
    from ._parallel import relaxed_gc
    from ._tables import chunk_tables

    rows: list[dict[str, Any]] = []
    alignment: list[AlignmentFeatures] = []
    with relaxed_gc():
        # one article's analysis (its Document: 0.1-0.3 MB) is dropped as soon as its rows are
        # taken, so a worker holds one Document at a time rather than a whole chunk's
        for a in articles:
            x = analyze_article(a, spec)
            rows.append(x.rows())
            alignment.append(x.alignment)
            del x
        return chunk_tables(rows), alignment
