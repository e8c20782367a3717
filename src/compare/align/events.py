"""Same-event clustering: which articles of a corpus cover the same news event.

:func:`align_events` groups articles by text similarity (sparse TF-IDF, headline and lead counted
with extra weight), publication dates (a window) and the rule that one outlet seldom publishes two
articles on one event (a cannot-link constraint). Its cost grows close to linearly with the size of
the corpus: articles are compared only with the articles published within the window, through
sparse matrix products in bounded blocks, and only each article's nearest neighbours enter the
clustering, so no all-pairs matrix is ever built.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from .._validation import check_choice
from ..exceptions import InvalidInputError
from ..model import Article, Corpus

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["EVENT_COLUMNS", "align_events"]

#: Columns of the frame returned by :func:`align_events`, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "article_id",
    "outlet",
    "published",
    "similarity",
    "event_size",
)

_CALLER = "align_events"


def align_events(
    corpus: Corpus | Iterable[Article],
    *,
    window_days: float = 3.0,
    threshold: float = 0.08,
    same_outlet: str = "forbid",
    n_neighbors: int = 5,
    title_weight: float = 3.0,
    lead_weight: float = 1.0,
    lead_chars: int = 400,
    max_chars: int = 2000,
    max_terms: int = 60,
) -> pd.DataFrame:
    """Group the articles of a corpus into events (same-event clusters).

    Articles are linked by the cosine similarity of their TF-IDF vectors, only within a window of
    publication days, and clustered by average linkage under a cannot-link rule between articles
    of one outlet. The cost grows close to linearly with the number of articles.

    Parameters
    ----------
    corpus : Corpus or iterable of Article
        The articles. Their ``published`` may be a date, a timezone-aware datetime or ``None``.
    window_days : float
        Two dated articles can be in one event only if their publication days (UTC) differ by at
        most this many days. Articles without a date are compared with every article.
    threshold : float
        Lowest average-linkage cosine similarity at which two clusters are merged, in [0, 1].
        Higher gives smaller, purer events.
    same_outlet : {"forbid", "allow"}
        ``"forbid"`` never puts two articles of one outlet in the same event (a cannot-link
        constraint); ``"allow"`` lifts it (for corpora where outlets run several pieces on one
        event).
    n_neighbors : int
        Candidate neighbours kept per article (the sparse similarity graph's degree).
    title_weight, lead_weight : float
        Extra weight of the headline's and of the lead's term counts.
    lead_chars : int
        Length of the lead, in characters from the start of the text.
    max_chars : int
        Only the first ``max_chars`` characters of the text are read (the event is told early).
    max_terms : int
        Terms kept per article vector (its most heavily weighted ones).

    Returns
    -------
    pandas.DataFrame
        One row per article, with the columns of :data:`EVENT_COLUMNS`: ``event_id`` (``"e0001"``,
        ... numbered in order of each event's earliest publication day, undated events last, then
        of the smallest article id; zero-padded to at least four digits), ``article_id``,
        ``outlet``, ``published`` (as given), ``similarity`` (the article's mean cosine similarity
        to the other members of its event among its candidate neighbours, in [0, 1]; NaN for an
        article alone in its event; higher is more confident) and ``event_size``. Rows are sorted
        by ``event_id`` then ``article_id``, so the result does not depend on the corpus order.

    Raises
    ------
    InvalidInputError
        If the corpus is empty, or an option is out of range.
    TypeError
        If ``corpus`` holds something other than :class:`~compare.model.Article`.

    See Also
    --------
    compare.align.align_claims : Claim alignment within each event.

    Notes
    -----
    Each article becomes a TF-IDF vector (sublinear term frequency, smoothed IDF over the corpus)
    of ``title_weight * headline + lead_weight * lead + body`` counts, pruned to its ``max_terms``
    heaviest terms and L2-normalised. Articles are sorted by day; each block of articles is
    compared, with one sparse matrix product, only with the articles inside the date window, and
    each article keeps its ``n_neighbors`` most similar candidates (same-outlet pairs excluded
    when forbidden). Clusters are then merged greedily by average linkage on this sparse graph
    (pairs that are not candidates count as similarity 0), never across a cannot-link, until no
    pair of clusters reaches ``threshold``. The defaults were chosen on tuning halves of BASIL
    and the AllSides roundups (see ``docs/benchmarks/events.md``).

    Cost: vectorising is linear in the text read (``max_chars`` per article); the neighbour search
    costs about ``n`` times the number of articles inside one window, so it stays close to linear
    while the articles per day stay bounded. Undated articles are compared with every article
    (``n_undated * n``), and a corpus that falls on a single day is compared all against all, in
    blocks of bounded memory.

    Examples
    --------
    >>> from compare import Article, Corpus
    >>> arts = [
    ...     Article(id="a", outlet="A", title="Storm floods coastal town",
    ...             text="A storm flooded the coastal town of Brixham overnight.", published="2024-01-02"),
    ...     Article(id="b", outlet="B", title="Brixham flooded by storm",
    ...             text="Floods hit Brixham after a storm swept the coastal town.", published="2024-01-02"),
    ...     Article(id="c", outlet="A", title="Parliament passes budget",
    ...             text="Parliament passed the annual budget after a long debate.", published="2024-01-03"),
    ... ]
    >>> align_events(Corpus(arts))[["event_id", "article_id"]].to_dict("records")
    [{'event_id': 'e0001', 'article_id': 'a'}, {'event_id': 'e0001', 'article_id': 'b'}, {'event_id': 'e0002', 'article_id': 'c'}]
    """
    import pandas as pd

    from ._events_graph import agglomerate, candidate_edges
    from ._events_vectors import event_vectors

    articles = _articles(corpus)
    check_choice(same_outlet, ("forbid", "allow"), name="same_outlet", caller=_CALLER)
    _check_number(window_days, "window_days", low=0.0)
    _check_number(threshold, "threshold", low=0.0, high=1.0)
    _check_int(n_neighbors, "n_neighbors", low=1)
    _check_number(title_weight, "title_weight", low=0.0)
    _check_number(lead_weight, "lead_weight", low=0.0)
    _check_int(lead_chars, "lead_chars", low=0)
    _check_int(max_chars, "max_chars", low=1)
    _check_int(max_terms, "max_terms", low=1)

    days = np.array([_day(a.published) for a in articles], dtype=np.float64)
    ids = [a.id for a in articles]
    # Canonical order: dated by (day, id), then undated by id. Everything below depends on it only.
    order = sorted(
        range(len(articles)),
        key=lambda i: (math.isnan(days[i]), days[i] if not math.isnan(days[i]) else 0.0, ids[i]),
    )
    arts = [articles[i] for i in order]
    days = days[order]
    outlet_names = [a.outlet for a in arts]
    _, outlet_codes = np.unique(np.array(outlet_names, dtype=object), return_inverse=True)
    outlet_codes = outlet_codes.astype(np.int64)
    forbid = same_outlet == "forbid"

    x = event_vectors(
        [a.title for a in arts],
        [a.text for a in arts],
        title_weight=float(title_weight),
        lead_weight=float(lead_weight),
        lead_chars=int(lead_chars),
        max_chars=int(max_chars),
        max_terms=int(max_terms),
    )
    a_idx, b_idx, sim = candidate_edges(
        x,
        days,
        outlet_codes,
        window=float(window_days),
        k=int(n_neighbors),
        floor=min(float(threshold), 0.05) if threshold > 0 else 1e-9,
        forbid_same_outlet=forbid,
    )
    labels, conf = agglomerate(
        len(arts),
        a_idx,
        b_idx,
        sim,
        outlet_codes,
        threshold=float(threshold),
        forbid_same_outlet=forbid,
        days=days,
        window=float(window_days),
    )

    # Number events by (earliest day, undated last, smallest article id).
    first: dict[int, tuple[bool, float, str]] = {}
    for row, lab in enumerate(labels.tolist()):
        key = (math.isnan(days[row]), 0.0 if math.isnan(days[row]) else float(days[row]), arts[row].id)
        if lab not in first or key < first[lab]:
            first[lab] = key
    ranked = sorted(first, key=first.__getitem__)
    width = max(4, len(str(len(ranked))))
    names = {lab: f"e{k + 1:0{width}d}" for k, lab in enumerate(ranked)}
    sizes = np.bincount(labels, minlength=len(arts))

    frame = pd.DataFrame(
        {
            "event_id": [names[lab] for lab in labels.tolist()],
            "article_id": [a.id for a in arts],
            "outlet": outlet_names,
            "published": pd.Series([a.published for a in arts], dtype=object),
            "similarity": conf.astype(np.float64),
            "event_size": sizes[labels].astype(np.int64),
        },
        columns=list(EVENT_COLUMNS),
    )
    return frame.sort_values(["event_id", "article_id"], kind="stable").reset_index(drop=True)


def _articles(corpus: Corpus | Iterable[Article]) -> list[Article]:
    if isinstance(corpus, (str, bytes)) or not isinstance(corpus, Iterable):
        msg = f"The 'corpus' parameter of {_CALLER} must be a Corpus or an iterable of Article. Got {type(corpus).__name__} instead."
        raise TypeError(msg)
    articles = list(corpus)
    for a in articles:
        if not isinstance(a, Article):
            msg = f"The 'corpus' parameter of {_CALLER} must hold Article objects. Got {type(a).__name__} instead."
            raise TypeError(msg)
    if not articles:
        msg = f"The 'corpus' parameter of {_CALLER} must hold at least one article. Got an empty corpus instead."
        raise InvalidInputError(msg)
    seen: set[str] = set()
    for a in articles:
        if a.id in seen:
            msg = f"The 'corpus' parameter of {_CALLER} must have unique article ids. Got {a.id!r} twice."
            raise InvalidInputError(msg)
        seen.add(a.id)
    return articles


def _day(published: dt.date | dt.datetime | None) -> float:
    """Publication day as a float ordinal (UTC day for datetimes); NaN when unknown."""
    if published is None:
        return math.nan
    if isinstance(published, dt.datetime):
        return float(published.astimezone(dt.timezone.utc).date().toordinal())
    return float(published.toordinal())


def _check_number(value: object, name: str, *, low: float | None = None, high: float | None = None) -> None:
    ok = isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
    if ok and low is not None and value < low:
        ok = False
    if ok and high is not None and value > high:
        ok = False
    if not ok:
        rng = f" in [{low}, {high}]" if high is not None else (f" >= {low}" if low is not None else "")
        msg = f"The '{name}' parameter of {_CALLER} must be a finite number{rng}. Got {value!r} instead."
        raise InvalidInputError(msg)


def _check_int(value: object, name: str, *, low: int) -> None:
    if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
        msg = f"The '{name}' parameter of {_CALLER} must be an int >= {low}. Got {value!r} instead."
        raise InvalidInputError(msg)
