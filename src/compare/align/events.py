"""Same-event clustering: which articles of a corpus cover the same news event.

:func:`align_events` groups articles by text similarity (sparse TF-IDF, headline and lead counted
with extra weight), publication dates (a window) and the rule that one outlet seldom publishes two
articles on one event (a cannot-link constraint). Its cost grows close to linearly with the size of
the corpus: articles are compared only with the articles published within the window, through
sparse matrix products in bounded blocks, and only each article's nearest neighbours enter the
clustering, so no all-pairs matrix is ever built.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

from .._validation import check_choice
from ..exceptions import InvalidInputError
from ..model import Article, Corpus
from ._events_features import (
    LEAD_CHARS,
    LEAD_WEIGHT,
    MAX_CHARS,
    TITLE_WEIGHT,
    StoryFeatures,
    story_features,
    text_story_features,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["EVENT_COLUMNS", "StoryFeatures", "align_events", "story_features", "text_story_features"]

#: Columns of the frame returned by :func:`align_events`, in order.
EVENT_COLUMNS: tuple[str, ...] = (
    "event_id",
    "development_id",
    "article_id",
    "outlet",
    "published",
    "similarity",
    "event_size",
    "development_size",
)

_CALLER = "align_events"
_SAME_OUTLET = ("development", "forbid", "allow")
#: Terms kept per development centroid (a story's developments share few of their heaviest terms).
_CENTROID_TERMS = 1000


def align_events(
    corpus: Corpus | Iterable[Article] | None = None,
    *,
    features: Sequence[StoryFeatures] | None = None,
    window_days: float = 3.0,
    story_window_days: float | None = None,
    same_outlet: str = "development",
    n_neighbors: int = 10,
    model: Mapping[str, Any] | None = None,
    min_probability: float | None = None,
    story_probability: float | None = None,
    title_weight: float = TITLE_WEIGHT,
    lead_weight: float = LEAD_WEIGHT,
    lead_chars: int = LEAD_CHARS,
    max_chars: int = MAX_CHARS,
    max_terms: int = 60,
) -> pd.DataFrame:
    """Group the articles of a corpus into stories and, within each story, its developments.

    A **story** (``event_id``) is what downstream steps compare outlets on: the coverage of one
    news event over several days, with its run-up and aftermath. A **development**
    (``development_id``) is one step of it within a few days ("talks announced", "talks held",
    "prisoners exchanged"). Candidate pairs (each article's nearest neighbours by TF-IDF of
    headline, lead and body, within the story window) get a probability of telling the same
    story from a small pair model (cosine and cosine relative to each article's best match, shared
    names and numbers, date gap, one-to-one best match between two outlets, same outlet, text
    length; see ``compare/data/event_pairs.json``). Developments are clusters of average linkage
    on these probabilities within ``window_days``; stories join developments within
    ``story_window_days`` by single linkage over their centroids' cosines, at a level each corpus
    sets for itself (the widest gap of merge levels within the model's band). The cost grows
    close to linearly with the number of articles.

    Parameters
    ----------
    corpus : Corpus or iterable of Article, optional
        The articles. Their ``published`` may be a date, a timezone-aware datetime or ``None``.
    features : sequence of StoryFeatures, optional
        The articles' :func:`story_features` instead of the corpus (what :func:`compare.analyze`
        passes, computed once per article from its Document). Give exactly one of the two.
    window_days : float
        The dated articles of one development lie at most this many days apart (every pair,
        also through undated members).
    story_window_days : float, optional
        The same for a story (at least ``window_days``; default the larger of 21 and
        ``window_days``: a story's run-up and aftermath, e.g. a death and a funeral 17 days
        apart).
    same_outlet : {"development", "forbid", "allow"}
        ``"development"`` (default) lets one outlet's follow-ups share a story but never puts two
        articles of one outlet in one development; ``"forbid"`` keeps them apart at both levels;
        ``"allow"`` at neither.
    n_neighbors : int
        Candidate neighbours kept per article (the sparse similarity graph's degree).
    model : mapping, optional
        A pair model as in the shipped JSON (``features``, ``coef``, ``intercept``,
        ``min_probability``, ``story``, ``story_probability``, optionally ``story_linkage`` and
        ``story_band_high``); default the shipped one.
    min_probability : float, optional
        Lowest average-linkage probability at which clusters merge into one development; default
        the model's (chosen on its training corpora).
    story_probability : float, optional
        A fixed level at which developments join into one story. Default: the corpus's own level,
        between the model's ``story_probability`` and ``story_band_high`` (the widest gap of the
        merge levels there); the level used is in ``frame.attrs["story_level"]``.
    title_weight, lead_weight, lead_chars, max_chars, max_terms
        How a corpus is turned into features: headline and lead weights, the lead's length and
        the characters read, and the terms kept per article vector.

    Returns
    -------
    pandas.DataFrame
        One row per article, with the columns of :data:`EVENT_COLUMNS`: ``event_id`` (the story:
        ``"e0001"``, ... numbered in order of each story's earliest publication day, undated
        stories last, then of the smallest article id; zero-padded to at least four digits),
        ``development_id`` (``"e0001.1"``, ... numbered alike within the story), ``article_id``,
        ``outlet``, ``published`` (as given, None for features), ``similarity`` (the article's mean
        pair probability with the other members of its development among its candidate
        neighbours, in [0, 1]; NaN for an article alone in its development; higher is more
        confident), ``event_size`` and ``development_size``.
        Rows are sorted by ``event_id``, ``development_id`` then ``article_id``, so the result does
        not depend on the corpus order. ``frame.attrs["story_level"]`` holds the story level used
        (a probability of the story model).

    Raises
    ------
    InvalidInputError
        If the corpus is empty, both or neither of corpus and features are given, or an option is
        out of range.
    TypeError
        If ``corpus`` holds something other than :class:`~compare.model.Article`.

    See Also
    --------
    compare.align.align_claims : Claim alignment within each story.

    Notes
    -----
    Each article becomes a TF-IDF vector (sublinear term frequency, smoothed IDF over the corpus)
    of ``title_weight * headline + lead_weight * lead + body`` counts, pruned to its ``max_terms``
    heaviest terms and L2-normalised. Articles are sorted by day; each block of articles is
    compared, with one sparse matrix product, only with the articles inside the story window, and
    each article keeps its ``n_neighbors`` most similar candidates. Clusters are merged greedily by
    average linkage on the candidate probabilities (pairs that are not candidates count as 0, and
    at most ``n_neighbors`` pairs per member of the smaller cluster are counted, so that two large
    parts of one story can still join), never across a cannot-link and never beyond the window.

    Cost: building features is linear in the text read; the neighbour search costs about ``n``
    times the number of articles inside one story window; undated articles are compared with
    every article (``n_undated * n``).

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
    >>> align_events(Corpus(arts))[["event_id", "development_id", "article_id"]].to_dict("records")
    [{'event_id': 'e0001', 'development_id': 'e0001.1', 'article_id': 'a'}, {'event_id': 'e0001', 'development_id': 'e0001.1', 'article_id': 'b'}, {'event_id': 'e0002', 'development_id': 'e0002.1', 'article_id': 'c'}]
    """
    import pandas as pd

    from ._events_pairs import load_pair_model

    check_choice(same_outlet, _SAME_OUTLET, name="same_outlet", caller=_CALLER)
    _check_number(window_days, "window_days", low=0.0)
    if story_window_days is None:
        story_window_days = max(21.0, float(window_days))
    _check_number(story_window_days, "story_window_days", low=float(window_days))
    _check_int(n_neighbors, "n_neighbors", low=1)
    for name, value in (("min_probability", min_probability), ("story_probability", story_probability)):
        if value is not None:
            _check_number(value, name, low=0.0, high=1.0)
    _check_number(title_weight, "title_weight", low=0.0)
    _check_number(lead_weight, "lead_weight", low=0.0)
    _check_int(lead_chars, "lead_chars", low=0)
    _check_int(max_chars, "max_chars", low=1)
    _check_int(max_terms, "max_terms", low=1)
    try:
        spec = load_pair_model(model)
        p_dev = float(spec["min_probability"] if min_probability is None else min_probability)
        p_story = float(spec["story_probability"] if story_probability is None else story_probability)
    except (ValueError, KeyError, TypeError) as exc:
        msg = f"The 'model' parameter of {_CALLER} is not a usable pair model: {exc!r}"
        raise InvalidInputError(msg) from None

    published: dict[str, Any] = {}
    if (corpus is None) == (features is None):
        msg = f"{_CALLER} needs exactly one of 'corpus' and 'features'."
        raise InvalidInputError(msg)
    if corpus is not None:
        articles = _articles(corpus)
        feats = [text_story_features(a, lead_chars=lead_chars, max_chars=max_chars) for a in articles]
        published = {a.id: a.published for a in articles}
    else:
        feats = _features(features)

    g = candidate_pairs(
        feats,
        window_days=window_days,
        n_neighbors=n_neighbors,
        same_outlet=same_outlet,
        title_weight=title_weight,
        lead_weight=lead_weight,
        max_terms=max_terms,
        background=spec.get("background"),
    )
    feats, days = g.features, g.days
    n = len(feats)
    dev, conf = developments(
        g, spec, p_dev, same_outlet=same_outlet, window_days=window_days, n_neighbors=n_neighbors
    )
    s = development_pairs(g, dev, story_window_days=float(story_window_days), n_neighbors=int(n_neighbors))
    band_high = spec.get("story_band_high") if story_probability is None else None
    story, level = stories(
        g,
        s,
        dev,
        spec,
        p_story,
        same_outlet=same_outlet,
        story_window_days=story_window_days,
        band_high=band_high,
    )

    story_names = _number_clusters(story, days, ids=[f.article_id for f in feats], prefix="e")
    dev_names: dict[int, str] = {}
    for lab in np.unique(story).tolist():
        rows = np.flatnonzero(story == lab)
        sub = _number_clusters(dev[rows], days[rows], ids=[feats[r].article_id for r in rows], prefix="")
        for r, name in zip(rows.tolist(), (sub[d] for d in dev[rows].tolist()), strict=True):
            dev_names[r] = f"{story_names[lab]}.{name}"
    story_sizes = np.bincount(story, minlength=n)
    dev_sizes = np.bincount(dev, minlength=n)

    frame = pd.DataFrame(
        {
            "event_id": [story_names[lab] for lab in story.tolist()],
            "development_id": [dev_names[r] for r in range(n)],
            "article_id": [f.article_id for f in feats],
            "outlet": [f.outlet for f in feats],
            "published": pd.Series([published.get(f.article_id) for f in feats], dtype=object),
            "similarity": conf.astype(np.float64),
            "event_size": story_sizes[story].astype(np.int64),
            "development_size": dev_sizes[dev].astype(np.int64),
        },
        columns=list(EVENT_COLUMNS),
    )
    key = frame["development_id"].str.split(".", n=1).str[1].astype(int)
    frame = frame.assign(_dev=key).sort_values(["event_id", "_dev", "article_id"], kind="stable")
    frame = frame.drop(columns="_dev").reset_index(drop=True)
    frame.attrs["story_level"] = level
    return frame


def developments(
    g: CandidatePairs,
    spec: Mapping[str, Any],
    threshold: float,
    *,
    same_outlet: str,
    window_days: float,
    n_neighbors: int,
) -> tuple[np.ndarray, np.ndarray]:
    """Development label per row of ``g`` (average linkage on the pair model's probabilities) and
    each article's mean probability with the other members of its development."""
    from ._events_graph import agglomerate
    from ._events_pairs import pair_probability

    return agglomerate(
        len(g.features),
        g.a,
        g.b,
        pair_probability(g.x, spec),
        g.outlets,
        threshold=threshold,
        forbid_same_outlet=same_outlet != "allow",
        days=g.days,
        window=float(window_days),
        k_norm=int(n_neighbors),
    )


def stories(
    g: CandidatePairs,
    s: CandidatePairs,
    dev: np.ndarray,
    spec: Mapping[str, Any],
    threshold: float,
    *,
    same_outlet: str,
    story_window_days: float,
    band_high: float | None = None,
) -> tuple[np.ndarray, float]:
    """Story label per row of ``g`` and the level used: developments joined by the story model on
    the pairs ``s``.

    The model's ``story_linkage`` says how: ``"single"`` (the shipped model) joins two stories
    when one pair of their developments reaches the level; ``"average"`` uses weighted average
    linkage (a development pair counts as many article pairs as it joins). With ``band_high``
    (single linkage only), the level is the corpus's own: the widest gap of merge levels between
    ``threshold`` and ``band_high``.
    """
    from ._events_graph import agglomerate, single_link
    from ._events_pairs import pair_probability

    n = len(g.features)
    prob = pair_probability(s.x, spec["story"])
    if spec.get("story_linkage", "average") == "single":
        return single_link(
            n,
            s.a,
            s.b,
            prob,
            g.outlets,
            threshold=threshold,
            forbid_same_outlet=same_outlet == "forbid",
            days=g.days,
            window=float(story_window_days),
            initial=dev,
            band_high=band_high,
        )
    sizes = np.bincount(dev, minlength=n).astype(np.float64)
    story, _ = agglomerate(
        n,
        s.a,
        s.b,
        prob * sizes[s.a] * sizes[s.b],
        g.outlets,
        threshold=threshold,
        forbid_same_outlet=same_outlet == "forbid",
        days=g.days,
        window=float(story_window_days),
        initial=dev,
    )
    return story, float(threshold)


class CandidatePairs(NamedTuple):
    """Candidate pairs and their features (see :func:`candidate_pairs`, :func:`development_pairs`)."""

    features: list[StoryFeatures]
    days: np.ndarray
    outlets: np.ndarray
    a: np.ndarray
    b: np.ndarray
    x: np.ndarray
    vectors: tuple[Any, Any, Any]


def candidate_pairs(
    features: Sequence[StoryFeatures],
    *,
    window_days: float = 3.0,
    n_neighbors: int = 10,
    same_outlet: str = "development",
    title_weight: float = TITLE_WEIGHT,
    lead_weight: float = LEAD_WEIGHT,
    max_terms: int = 60,
    background: Mapping[str, Any] | None = None,
) -> CandidatePairs:
    """Article pairs that may share a development, with their pair features (also for training).

    Returns the features in canonical order (dated by (day, id), then undated by id), their days
    and outlet codes, the pairs ``(a, b)`` (rows of that order, ``a < b``; each article's
    ``n_neighbors`` most similar within ``window_days``, other outlets only unless
    ``same_outlet="allow"``), the feature matrix (pairs x ``PAIR_FEATURES``) and the vectors
    (terms, names, numbers). ``background`` is the pair model's background document frequencies
    (pooled with the corpus's own for IDF).
    """
    from ._events_graph import candidate_edges
    from ._events_pairs import pair_features
    from ._events_vectors import event_vectors

    feats = list(features)
    days = np.array([f.day for f in feats], dtype=np.float64)
    ids = [f.article_id for f in feats]
    order = sorted(
        range(len(feats)),
        key=lambda i: (math.isnan(days[i]), days[i] if not math.isnan(days[i]) else 0.0, ids[i]),
    )
    feats = [feats[i] for i in order]
    days = days[order]
    _, outlet_codes = np.unique(np.array([f.outlet for f in feats], dtype=object), return_inverse=True)
    outlet_codes = outlet_codes.astype(np.int64).ravel()
    x, names_m, numbers_m = event_vectors(
        feats,
        title_weight=float(title_weight),
        lead_weight=float(lead_weight),
        max_terms=int(max_terms),
        background=background,
    )
    a_idx, b_idx, sim = candidate_edges(
        x,
        days,
        outlet_codes,
        window=float(window_days),
        k=int(n_neighbors),
        floor=0.02,
        forbid_same_outlet=same_outlet != "allow",
    )
    xf = pair_features(a_idx, b_idx, sim, names=names_m, numbers=numbers_m, days=days, outlets=outlet_codes)
    return CandidatePairs(feats, days, outlet_codes, a_idx, b_idx, xf, (x, names_m, numbers_m))


def development_pairs(
    g: CandidatePairs, dev: np.ndarray, *, story_window_days: float, n_neighbors: int
) -> CandidatePairs:
    """Pairs of developments that may share a story, with the pair features of their centroids.

    ``dev`` is a development label per row of ``g``. The returned pairs are rows of ``g``: the
    first article of each development stands for it. Outlets do not enter (a story may hold an
    outlet's follow-ups), so ``same_outlet`` is 0 and ``mutual_best`` is over all developments.
    """
    import scipy.sparse as sp
    from sklearn.preprocessing import normalize

    from ._events_graph import candidate_edges
    from ._events_pairs import PAIR_FEATURES, pair_features
    from ._events_vectors import prune_rows

    n = len(g.features)
    codes, inv = np.unique(dev, return_inverse=True)
    inv = inv.ravel()
    d = codes.size
    member = sp.csr_matrix((np.ones(n, dtype=np.float32), (inv, np.arange(n))), shape=(d, n))
    x, names_m, numbers_m = g.vectors
    cx = normalize(prune_rows(sp.csr_matrix(member @ x), _CENTROID_TERMS), copy=False)
    cn = normalize(sp.csr_matrix(member @ names_m), copy=False)
    cnum = normalize(sp.csr_matrix(member @ numbers_m), copy=False)
    dated = ~np.isnan(g.days)
    day_sum = np.bincount(inv[dated], weights=g.days[dated], minlength=d)
    day_cnt = np.bincount(inv[dated], minlength=d)
    with np.errstate(invalid="ignore", divide="ignore"):
        dday = np.where(day_cnt > 0, day_sum / np.maximum(day_cnt, 1), np.nan)
    rep = np.full(d, n, dtype=np.int64)
    np.minimum.at(rep, inv, np.arange(n))
    order = np.lexsort((rep, np.nan_to_num(dday, nan=0.0), np.isnan(dday)))
    cx, cn, cnum, dday_o = cx[order], cn[order], cnum[order], dday[order]
    zeros = np.zeros(d, dtype=np.int64)
    a, b, sim = candidate_edges(
        cx, dday_o, zeros, window=story_window_days, k=n_neighbors, floor=0.02, forbid_same_outlet=False
    )
    xf = pair_features(a, b, sim, names=cn, numbers=cnum, days=dday_o, outlets=zeros)
    xf[:, PAIR_FEATURES.index("same_outlet")] = 0.0
    ra, rb = rep[order[a]], rep[order[b]]
    return CandidatePairs(
        g.features, g.days, g.outlets, np.minimum(ra, rb), np.maximum(ra, rb), xf, (cx, cn, cnum)
    )


def _number_clusters(labels: np.ndarray, days: np.ndarray, *, ids: list[str], prefix: str) -> dict[int, str]:
    """Names by (earliest day, undated last, smallest article id): ``e0001``, ... (``1``, ... without prefix)."""
    first: dict[int, tuple[bool, float, str]] = {}
    for row, lab in enumerate(labels.tolist()):
        key = (math.isnan(days[row]), 0.0 if math.isnan(days[row]) else float(days[row]), ids[row])
        if lab not in first or key < first[lab]:
            first[lab] = key
    ranked = sorted(first, key=first.__getitem__)
    width = max(4, len(str(len(ranked)))) if prefix else 1
    return {lab: f"{prefix}{k + 1:0{width}d}" for k, lab in enumerate(ranked)}


def _features(features: object) -> list[StoryFeatures]:
    if isinstance(features, (str, bytes)) or not isinstance(features, Iterable):
        msg = f"The 'features' parameter of {_CALLER} must be a sequence of StoryFeatures. Got {type(features).__name__} instead."
        raise TypeError(msg)
    feats = list(features)
    for f in feats:
        if not isinstance(f, StoryFeatures):
            msg = f"The 'features' parameter of {_CALLER} must hold StoryFeatures. Got {type(f).__name__} instead."
            raise TypeError(msg)
    if not feats:
        msg = f"The 'features' parameter of {_CALLER} must hold at least one article. Got none."
        raise InvalidInputError(msg)
    if len({f.article_id for f in feats}) != len(feats):
        msg = f"The 'features' parameter of {_CALLER} must have unique article ids."
        raise InvalidInputError(msg)
    return feats


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
