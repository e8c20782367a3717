"""Run the per-article work of :func:`compare.analyze` on Dask (``dask.distributed``).

The scoring of each article is independent, so it maps over partitions of a Dask bag on any Dask
cluster: a :class:`~dask.distributed.LocalCluster` on one machine, or a real cluster of many.
The corpus-level steps (events, claims, provenance) then run where this function is called, on the
gathered per-article tables, so the result equals ``compare.analyze`` on the same corpus.

Pointing it at a real cluster::

    from dask.distributed import Client
    client = Client("tcp://scheduler-host:8786")      # or dask_jobqueue / dask-kubernetes clusters
    client.upload_file(...)  # not needed when media-compare is installed on every worker
    results = compare.distributed.analyze_distributed(corpus, client=client, npartitions=200)

Every worker needs ``pip install "media-compare[dask]"`` at the same version as the client (the
manifest records the client's versions). Workers need no access to the input files: articles are
shipped to them inside the task graph (for large corpora, build a bag from files the workers can
read, e.g. ``dask.bag.read_text("s3://bucket/articles-*.jsonl").map(json.loads)``, and pass it in).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ._optional import require
from ._tables import ChunkTables, combine
from .analysis import AlignmentFeatures, AnalysisSpec, analyze_chunk
from .config import RunConfig
from .exceptions import InvalidInputError
from .model import Article, Corpus
from .pipeline import finish
from .results import Results

__all__ = ["analyze_distributed", "score_partition"]


def score_partition(
    records: Iterable[Article | Mapping[str, Any]],
    spec: AnalysisSpec,
    *,
    with_records: bool = True,
) -> list[tuple[ChunkTables, list[AlignmentFeatures], list[dict[str, Any]]]]:
    """Analyse one partition of articles (Article objects or article dicts); runs on a worker.

    Returns
    -------
    list
        One item: the partition's tables column by column (joined by the client), the articles'
        alignment features (claims, provenance) and, if ``with_records``, the articles as dicts
        (to rebuild the corpus from a bag or dataframe input). Columns pickle several times smaller
        than row dicts, and the worker, not the client, builds them.
    """
    articles = [rec if isinstance(rec, Article) else Article.from_dict(rec) for rec in records]
    tables, features = analyze_chunk(articles, spec)
    return [(tables, features, [a.to_dict() for a in articles] if with_records else [])]


def analyze_distributed(
    articles: Corpus | Any,
    *,
    client: Any = None,
    config: RunConfig | None = None,
    npartitions: int | None = None,
) -> Results:
    """Score articles on a Dask cluster and return the same :class:`~compare.Results` as ``analyze``.

    Parameters
    ----------
    articles : Corpus, dask.bag.Bag or dask.dataframe.DataFrame
        A Corpus is split into ``npartitions`` partitions. A bag holds :class:`~compare.Article`
        objects or article dicts; a dataframe has the columns of :meth:`Corpus.to_frame`.
    client : dask.distributed.Client, optional
        The cluster to use; by default the current client, or Dask's default scheduler.
    config : RunConfig, optional
        As for :func:`compare.analyze`. Dask decides the parallelism of the per-article step;
        ``jobs`` only lets the claims step use a process pool in this (the client's) process.
    npartitions : int, optional
        Partitions for a Corpus input (default: about 100 articles each).

    Returns
    -------
    Results
        Row order follows the input order, so the tables equal those of ``compare.analyze``.

    Raises
    ------
    ImportError
        If Dask is not installed (``pip install "media-compare[dask]"``).
    TypeError
        If ``articles`` is of another type.

    Examples
    --------
    >>> from dask.distributed import Client, LocalCluster  # doctest: +SKIP
    >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
    ...     results = analyze_distributed(corpus, client=client)  # doctest: +SKIP
    """
    db = require("dask.bag", extra="dask", caller="analyze_distributed")
    cfg = config or RunConfig()
    if isinstance(articles, Corpus):
        if len(articles) == 0:
            msg = "The 'articles' parameter of analyze_distributed is an empty corpus."
            raise InvalidInputError(msg)
        parts = npartitions or max(1, min(len(articles), -(-len(articles) // 100)))
        bag = db.from_sequence(list(articles), npartitions=parts)
        corpus: Corpus | None = articles
    elif isinstance(articles, db.Bag):
        bag, corpus = articles, None
    elif type(articles).__module__.startswith("dask") and hasattr(articles, "to_bag"):
        bag, corpus = articles.to_bag(format="dict"), None
    else:
        msg = (
            "The 'articles' parameter of analyze_distributed must be a Corpus, a dask Bag or a dask DataFrame. "
            f"Got {type(articles).__name__} instead."
        )
        raise TypeError(msg)
    scored = bag.map_partitions(score_partition, AnalysisSpec.from_config(cfg), with_records=corpus is None)
    parts = client.gather(client.compute(scored)) if client is not None else scored.compute()
    # a partition of a bag may be empty; its tables are then empty too
    chunks = [tables for tables, _, _ in parts if tables["articles"][0]]
    features = [f for _, feats, _ in parts for f in feats]
    if corpus is None:
        records = [r for _, _, recs in parts for r in recs]
        if not records:
            msg = "The 'articles' parameter of analyze_distributed holds no articles."
            raise InvalidInputError(msg)
        corpus = Corpus((Article.from_dict(r) for r in records), name="dask")
    return finish(corpus, combine(chunks), cfg, features=features)
