"""``Results``: the tables of one analysis, every table's schema in one place, save and load.

:data:`TABLES` documents each table and its columns; :class:`Results` holds them as pandas
DataFrames, with the corpus, the :class:`~compare.RunConfig` and the manifest (package and
dependency versions, parameters, lexicon hashes, corpus hash). :meth:`Results.save` writes Parquet
(and CSV on request) plus ``manifest.json`` and the corpus; :meth:`Results.load` reads them back.

Every offset column (``start``, ``end``, ``*_start``, ``*_end``) points into ``Article.text``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .exceptions import InvalidInputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .config import RunConfig
    from .model import Corpus

__all__ = ["RESULT_TABLES", "TABLES", "Results", "TableSchema", "load_results"]


@dataclass(frozen=True)
class TableSchema:
    """What a table of :class:`Results` holds.

    Parameters
    ----------
    name : str
    description : str
        One row is ...
    columns : mapping of str to str
        The documented columns, in order, with what each holds. Families may add columns (a
        metric per column in ``articles`` and ``sentences``); those are described in
        :data:`compare.scores.SCORERS`.
    """

    name: str
    description: str
    columns: Mapping[str, str]


def _t(name: str, description: str, **columns: str) -> TableSchema:
    return TableSchema(name, description, columns)


_ACTOR = "canonical actor (one per person, place or organisation within the article)"

#: Every table of :class:`Results`, in the order they are saved and shown.
TABLES: dict[str, TableSchema] = {
    t.name: t
    for t in (
        _t(
            "articles",
            "one article: metadata and one column per article-level metric (see compare.scores.SCORERS)",
            article_id="the article's id",
            outlet="the outlet, canonical (see RunConfig.outlets)",
            outlet_as_given="the outlet as the input named it",
            title="headline",
            event_id="the event (story) the article belongs to",
            published="publication date or time, ISO 8601; empty when unknown",
            n_words="word tokens",
            n_sentences="sentences",
        ),
        _t(
            "scores",
            "one article-level metric of one article (the articles table in long form)",
            event_id="event",
            article_id="article",
            outlet="outlet",
            family="score family",
            metric="metric name (compare.scores.SCORERS)",
            value="value; NaN when undefined",
        ),
        _t(
            "sentences",
            "one sentence, with one column per sentence-level metric",
            article_id="article",
            sentence="index of the sentence in the article",
            start="offset of its first character",
            end="offset after its last character",
            text="the sentence",
        ),
        _t(
            "mentions",
            "one mention of an actor, with the name as written and the canonical actor",
            article_id="article",
            outlet="outlet",
            start="offset of the name",
            end="offset after the name",
            text="the name as written (without title and possessive ending)",
            actor=_ACTOR,
            kind="person, organization, location or group",
            sentence="sentence index",
            title="the title or descriptor written before the name, if any",
        ),
        _t(
            "actors",
            "one actor of one article, with each family's columns (sentiment, times quoted, labels)",
            article_id="article",
            outlet="outlet",
            actor=_ACTOR,
            kind="person, organization, location or group",
            mentions="mentions in the article",
        ),
        _t(
            "attributions",
            "one attribution: cue, source and content spans, source type, direct or indirect",
            article_id="article",
            outlet="outlet",
            sentence="sentence index",
            start="offset of the attribution's first character",
            end="offset after its last character",
            cue="the cue (said, according to, ...)",
            source="the source as written",
            source_type="person, official, anonymous, media, document or pronoun",
            kind="direct or indirect",
            actor="the actor the source names, if any",
        ),
        _t(
            "labels",
            "one label (title, descriptor, appositive) or verb an article attaches to an actor",
            article_id="article",
            outlet="outlet",
            actor=_ACTOR,
            label="the words",
            kind="title, descriptor, appositive or predicative",
            sentence="sentence index",
            start="offset",
            end="offset",
            weight="largest loaded-language weight of the label's words",
        ),
        _t(
            "actions",
            "one verb or predicative adjective an article attaches to an actor (what the actor does or is)",
            article_id="article",
            outlet="outlet",
            actor=_ACTOR,
            text="the words",
            kind="verb or adjective",
            sentence="sentence index",
            start="offset",
            end="offset",
            negated="whether the verb is negated",
            in_quote="whether it stands inside a quotation",
            weight="largest loaded-language weight of its words",
        ),
        _t(
            "terms",
            "one use of a contested term (Kiev / Kyiv, 'special military operation' / 'invasion', ...)",
            article_id="article",
            outlet="outlet",
            topic="the contest (compare/data/contested_terms.csv)",
            referent="what the term names",
            kind="place, event, person, group, ...",
            variant="the listed variant",
            start="offset",
            end="offset",
            text="the words as written",
        ),
        _t(
            "naming",
            "one referent, one outlet and one form: how often the outlet names the referent that way",
            referent="the person, place, organisation or event",
            referent_kind="its kind",
            dimension="name (as written), spelling, descriptor or term",
            group="the outlet (or group)",
            form="the form used",
            count="uses of the form",
            total="uses of any form of this dimension by the outlet",
            share="count / total",
            ci_low="lower end of the share's 95% interval",
            ci_high="upper end",
            ci_method="wilson or bootstrap",
            n_articles="the outlet's articles that use the form",
            example_article_id="an article with the form",
            example_start="offset of the example",
            example_end="offset",
            evidence="a few [article_id, start, end] of uses",
        ),
        _t(
            "evidence",
            "the words behind a score",
            article_id="article",
            outlet="outlet",
            family="score family",
            metric="the metric the words count towards",
            start="offset",
            end="offset",
            text="the words",
            weight="what the words add",
            sentence="sentence index",
            label="category (frame, sentiment sign, source type, ...)",
        ),
        _t(
            "events",
            "the story (event_id) and the development within it of one article",
            article_id="article",
            event_id="story: what claims, comparisons and the report group by",
            development_id="development within the story (corpus labels: the story label itself)",
            outlet="outlet",
            source="where the event came from: corpus labels, align_events, none",
        ),
        _t(
            "claims",
            "one sentence of an event aligned to a claim",
            event_id="event",
            claim_id="claim within the event",
            article_id="article",
            outlet="outlet",
            sentence="sentence index",
            start="offset",
            end="offset",
            text="the sentence",
            similarity="mean similarity to the claim's other sentences",
        ),
        _t(
            "coverage",
            "one claim and one outlet of an event: carried, only_here or omitted",
            event_id="event",
            claim_id="claim",
            outlet="outlet",
            status="carried, only_here or omitted",
            n_outlets="outlets that carry the claim",
        ),
        _t(
            "citations",
            "one citation of an outlet in an article",
            article_id="article",
            outlet="the citing outlet",
            start="offset of the cited name",
            end="offset",
            cited_outlet="the cited outlet, canonical",
            cue="citing, told, according to, ...",
            relation="source or self",
            core="cited for the core story",
        ),
        _t(
            "citation_graph",
            "one citing article and one cited outlet (sources only)",
            article_id="article",
            outlet="the citing outlet",
            cited_outlet="the cited outlet",
            n_citations="citations",
        ),
        _t(
            "reuse",
            "one ordered pair of articles sharing passages",
            article_id="article",
            other_article_id="the other article",
            shared_share="share of the article's text in shared passages",
            direction="from_other, to_other or unknown",
        ),
        _t(
            "provenance",
            "one article: original, re-report or copy",
            article_id="article",
            outlet="outlet",
            label="original, re-report or copy",
        ),
        _t(
            "profiles",
            "one outlet or group and one metric within a scope: its mean with an interval",
            scope="'all' (the corpus, stories as blocks) or a story's event id (outlets within it)",
            by="'outlet', or the grouping column (country, leaning, ...) the group comes from",
            metric="metric",
            group="the outlet or group",
            status="estimated, or why no story-adjusted mean exists",
            n_stories="stories the outlet or group covered",
            n_outlets="outlets in the group",
            n_articles="articles",
            mean="plain mean of the outlet's (group's) story means",
            adjusted_mean="mean adjusted for the stories covered (story + outlet model); within a story, the mean",
            se="standard error of the adjusted mean",
            ci_low="lower end of the 95% interval",
            ci_high="upper end of the 95% interval",
        ),
        _t(
            "comparisons",
            "one metric and one pair of outlets (or groups) within a scope: difference with interval, p",
            scope="'all' or a story's event id",
            by="'outlet' or the grouping column",
            design="how the pair was compared (blocked by story: stories or outlets as units; within a story)",
            metric="metric",
            group_a="first outlet or group",
            group_b="second outlet or group",
            unit="story, outlet or article: the independent unit of the test",
            status="tested, or 'too little shared coverage' (no data could give p < 0.05)",
            n_stories="stories both sides covered",
            diff="mean of A minus mean of B, in the metric's units",
            ci_low="lower end of the difference's 95% interval",
            ci_high="upper end",
            std_diff="the difference over the metric's within-story standard deviation",
            p_value="permutation (sign-flip) p-value",
            p_adjusted="Holm-adjusted p-value within the scope and grouping",
        ),
    )
}

#: Names of the tables of :class:`Results`, in the order they are saved and shown.
RESULT_TABLES: tuple[str, ...] = tuple(TABLES)


def _table_docs() -> str:
    lines = []
    for t in TABLES.values():
        lines.append(f"``{t.name}``\n    {t.description}: ``{', '.join(t.columns)}``.")
    return "\n".join(lines)


class Results:
    """The tables of one analysis. Every table is a pandas DataFrame (see :data:`TABLES`).

    Attributes
    ----------
    corpus : Corpus
    config : RunConfig
    manifest : dict
        Versions, parameters, lexicon hashes, corpus hash and date of the run.

    Notes
    -----
    Missing families or steps give empty tables. The tables:

    """

    articles: pd.DataFrame
    scores: pd.DataFrame
    sentences: pd.DataFrame
    mentions: pd.DataFrame
    actors: pd.DataFrame
    attributions: pd.DataFrame
    labels: pd.DataFrame
    actions: pd.DataFrame
    terms: pd.DataFrame
    naming: pd.DataFrame
    evidence: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    coverage: pd.DataFrame
    citations: pd.DataFrame
    citation_graph: pd.DataFrame
    reuse: pd.DataFrame
    provenance: pd.DataFrame
    profiles: pd.DataFrame
    comparisons: pd.DataFrame

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        corpus: Corpus,
        config: RunConfig,
        manifest: Mapping[str, Any],
    ) -> None:
        import pandas as pd

        for name in RESULT_TABLES:
            df = tables.get(name)
            setattr(self, name, df.reset_index(drop=True) if df is not None else pd.DataFrame())
        self.corpus = corpus
        self.config = config
        self.manifest = dict(manifest)

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name."""
        return {name: getattr(self, name) for name in RESULT_TABLES}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(df)}" for n, df in self.tables.items() if len(df))
        return f"Results({sizes})"

    def __eq__(self, other: object) -> bool:
        import pandas as pd

        if not isinstance(other, Results):
            return NotImplemented
        if self.corpus != other.corpus or self.config != other.config or self.manifest != other.manifest:
            return False
        for name in RESULT_TABLES:
            a, b = getattr(self, name), getattr(other, name)
            if a.empty and b.empty:
                continue
            try:
                pd.testing.assert_frame_equal(a, b, check_dtype=False, check_column_type=False)
            except AssertionError:
                return False
        return True

    __hash__ = None  # type: ignore[assignment]

    def _repr_html_(self) -> str:
        from html import escape

        parts = [
            (
                f"<div><strong>media-compare Results</strong>: {len(self.articles)} articles, "
                f"{self.articles['outlet'].nunique() if len(self.articles) else 0} outlets, "
                f"{self.events['event_id'].nunique() if len(self.events) else 0} events</div>"
            )
        ]
        listing = ", ".join(f"<code>{escape(n)}</code> ({len(df)})" for n, df in self.tables.items() if len(df))
        parts.append(f"<div>Tables: {listing}</div>")
        if len(self.articles):
            head = self.articles.drop(columns=["title"], errors="ignore").head(10)
            parts.append(head.to_html(index=False, float_format=lambda x: f"{x:.3g}", max_cols=12))
        return "\n".join(parts)

    def save(self, path: str | Path, *, formats: Sequence[str] = ("parquet",)) -> Path:
        """Write every table, the corpus as ``corpus.jsonl`` and ``manifest.json``.

        Parameters
        ----------
        path : path-like
            The folder (created).
        formats : sequence of {"parquet", "csv"}
            Table formats: Parquet (read back by :meth:`load`), and CSV beside it for spreadsheets
            and other tools (list and dict cells as JSON text).

        Returns
        -------
        pathlib.Path
            The folder written.

        Raises
        ------
        compare.exceptions.InvalidInputError
            If a format is unknown.
        """
        from .io import write_jsonl

        formats = tuple(formats)
        bad = [f for f in formats if f not in ("parquet", "csv")]
        if bad or "parquet" not in formats:
            msg = f"The 'formats' parameter of Results.save must include 'parquet' and may add 'csv'. Got {list(formats)!r}."
            raise InvalidInputError(msg)
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        json_columns = {}
        for name, df in self.tables.items():
            frame, encoded = _encoded(df)
            frame.to_parquet(folder / f"{name}.parquet", index=False)
            if "csv" in formats:
                frame.to_csv(folder / f"{name}.csv", index=False)
            if encoded:
                json_columns[name] = encoded
        write_jsonl(self.corpus, folder / "corpus.jsonl")
        manifest = {
            **self.manifest,
            "config": self.config.to_dict(),
            "tables": list(RESULT_TABLES),
            "json_columns": json_columns,
        }
        (folder / "manifest.json").write_text(
            json.dumps(manifest, indent=2, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        return folder

    @classmethod
    def load(cls, path: str | Path) -> Results:
        """Read a folder written by :meth:`save`.

        Raises
        ------
        compare.exceptions.InvalidInputError
            If the folder or its manifest is missing or unreadable.
        """
        import pandas as pd

        from .config import RunConfig
        from .io import read_jsonl

        folder = Path(path)
        manifest_path = folder / "manifest.json"
        if not manifest_path.is_file():
            msg = f"{folder}: not a saved Results folder (manifest.json is missing)."
            raise InvalidInputError(msg)
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            msg = f"{manifest_path}: cannot read the manifest: {exc}"
            raise InvalidInputError(msg) from exc
        config = RunConfig.from_dict(manifest.pop("config"))
        manifest.pop("tables", None)
        json_columns = manifest.pop("json_columns", {})
        tables = {}
        for name in RESULT_TABLES:
            file = folder / f"{name}.parquet"
            df = pd.read_parquet(file) if file.is_file() else pd.DataFrame()
            for col in json_columns.get(name, []):
                df[col] = df[col].map(lambda v: json.loads(v) if isinstance(v, str) else v).astype(object)
            tables[name] = df
        corpus = read_jsonl(folder / "corpus.jsonl")
        return cls(tables, corpus=corpus, config=config, manifest=manifest)


Results.__doc__ = (Results.__doc__ or "") + "\n".join("    " + line for line in _table_docs().splitlines()) + "\n"


def _encoded(df: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """``df`` with list and dict cells as JSON text, and the names of those columns."""
    frame = df.copy()
    encoded = []
    for col in frame.columns:
        if frame[col].dtype == object:
            sample = frame[col].dropna()
            if len(sample) and any(isinstance(v, (list, tuple, dict)) for v in sample):
                frame[col] = frame[col].map(
                    lambda v: json.dumps(v, sort_keys=True) if isinstance(v, (list, tuple, dict)) else v
                )
                encoded.append(str(col))
    return frame, encoded


def write_table(df: pd.DataFrame, path: Path) -> list[str]:
    """Write ``df`` as Parquet (list and dict cells as JSON text); return those columns' names."""
    frame, encoded = _encoded(df)
    frame.to_parquet(path, index=False)
    return encoded


def load_results(path: str | Path) -> Results:
    """Read a folder written by :meth:`Results.save` (same as :meth:`Results.load`).

    Parameters
    ----------
    path : path-like

    Returns
    -------
    Results
    """
    return Results.load(path)
