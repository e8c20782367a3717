"""The public functions of :mod:`compare.align.provenance` (see the package docstring)."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..._validation import check_int, check_number
from ...exceptions import InvalidInputError
from ...text import Document, analyze_text
from .._common import as_articles
from ._citations import Citation, extract_citations
from ._gazetteer import Gazetteer, load_gazetteer
from ._reuse import Fingerprinted, candidate_pairs, fingerprint, match_pair

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from ...model import Article

__all__ = [
    "CITATION_COLUMNS",
    "GRAPH_COLUMNS",
    "LABEL_COLUMNS",
    "REUSE_COLUMNS",
    "Gazetteer",
    "ProvenanceFeatures",
    "find_citations",
    "load_gazetteer",
    "provenance_features",
    "provenance_labels",
    "provenance_table",
    "text_reuse",
]

#: Columns of :func:`find_citations`.
CITATION_COLUMNS: tuple[str, ...] = (
    "start",
    "end",
    "mention",
    "cited_outlet",
    "known",
    "cue",
    "cue_start",
    "cue_end",
    "relation",
    "core",
    "sentence",
)
#: Columns of :func:`text_reuse`.
REUSE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "other_article_id",
    "outlet",
    "other_outlet",
    "shared_chars",
    "shared_share",
    "other_shared_chars",
    "other_shared_share",
    "n_passages",
    "passages",
    "direction",
)
#: Columns of :func:`provenance_labels`.
LABEL_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "label",
    "copied_from",
    "copied_share",
    "core_sources",
    "declared_sources",
    "n_citations",
    "unknown_direction_share",
)
#: Columns of the citation graph in :func:`provenance_table`.
GRAPH_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "cited_outlet",
    "n_citations",
    "core",
    "start",
    "end",
    "cues",
)


def _check_share(value: Any, *, name: str, caller: str) -> float:
    return check_number(value, name=name, caller=caller, low=0.0, high=1.0)


@dataclass(frozen=True, slots=True, eq=False)
class ProvenanceFeatures:
    """What provenance needs from one article, found once when the article is analysed.

    Attributes
    ----------
    citations : tuple of Citation
        The article's citations of outlets (rows of :func:`find_citations`).
    fingerprint : Fingerprinted
        The article's hashed word n-grams and winnowed fingerprints, for :func:`text_reuse`.
    ngram, window : int
        The shingle length and winnowing window the fingerprint was made with.
    """

    citations: tuple[Citation, ...]
    fingerprint: Fingerprinted
    ngram: int
    window: int


def provenance_features(
    doc: Document,
    *,
    outlet: str | None = None,
    gazetteer: Any = None,
    lead: int = 2,
    min_repeat: int = 2,
    ngram: int = 6,
    window: int = 4,
) -> ProvenanceFeatures:
    """The citations and the reuse fingerprint of one analysed article.

    Parameters
    ----------
    doc : Document
        The article's analysis (:func:`compare.analyze_text`).
    outlet : str, optional
        The article's own outlet (its self-references are told apart from sources).
    gazetteer : None, str, Path, Gazetteer or rows
        Outlet list; see :func:`load_gazetteer`.
    lead, min_repeat : int
        As for :func:`find_citations`.
    ngram, window : int
        As for :func:`text_reuse`.

    Returns
    -------
    ProvenanceFeatures
    """
    caller = "provenance_features"
    lead = check_int(lead, name="lead", caller=caller, low=0)
    min_repeat = check_int(min_repeat, name="min_repeat", caller=caller, low=1)
    ngram = check_int(ngram, name="ngram", caller=caller, low=1)
    window = check_int(window, name="window", caller=caller, low=1)
    gaz = load_gazetteer(gazetteer)
    cites = extract_citations(doc, gazetteer=gaz, outlet=outlet, lead=lead, min_repeat=min_repeat)
    return ProvenanceFeatures(tuple(cites), fingerprint(doc, ngram=ngram, window=window), ngram, window)


def _features_of(
    arts: list[Article], features: Sequence[ProvenanceFeatures] | None, *, caller: str, **options: Any
) -> list[ProvenanceFeatures]:
    """The given per-article features (checked against the articles), or features found here."""
    if features is None:
        return [provenance_features(analyze_text(a.text), outlet=a.outlet, **options) for a in arts]
    features = list(features)
    if len(features) != len(arts):
        msg = (
            f"The 'features' parameter of {caller} must hold one ProvenanceFeatures per article. "
            f"Got {len(features)} for {len(arts)} articles."
        )
        raise InvalidInputError(msg)
    for f in features:
        if (f.ngram, f.window) != (options.get("ngram", f.ngram), options.get("window", f.window)):
            msg = (
                f"The 'features' parameter of {caller} was made with ngram={f.ngram}, window={f.window}, "
                f"not the requested ngram={options.get('ngram')}, window={options.get('window')}."
            )
            raise InvalidInputError(msg)
    return features


def find_citations(
    text: str,
    *,
    outlet: str | None = None,
    gazetteer: Any = None,
    lead: int = 2,
    min_repeat: int = 2,
) -> pd.DataFrame:
    """Find citations of news outlets in a text.

    A citation is an outlet name (from the gazetteer, or an unknown name that looks like an outlet:
    "Kyiv Daily News", "the newspaper Kommersant") tied to reporting by a cue: "according to",
    "citing", "told", "reported by", "in an interview with", "wrote in", "per", "Read more on", a
    following verb ("Reuters reported", "The Gaze reports"), a following noun ("a Wall Street
    Journal report") or a dateline ("(AP) —"). A bare mention without a cue ("a Fox News host") is
    not a citation.

    Parameters
    ----------
    text : str
        The article text (headline lines included, if any).
    outlet : str, optional
        The article's own outlet. Citations of it (any alias, with or without "the") get
        ``relation="self"``: "As The Gaze reported earlier" is not a source of a Gaze article.
    gazetteer : None, str, Path, Gazetteer or rows
        Outlet list; ``None`` uses the shipped ``compare/data/outlets.csv``. See
        :func:`load_gazetteer`.
    lead : int
        Number of opening sentences that form the lead (a headline-like first line without final
        punctuation is skipped). A source cited in the lead is cited for the core story.
    min_repeat : int
        A source cited in at least this many sentences is also cited for the core story.

    Returns
    -------
    pandas.DataFrame
        One row per citation, in text order, with the columns of :data:`CITATION_COLUMNS`:
        ``start``/``end`` (the outlet mention), ``mention`` (its text), ``cited_outlet``
        (canonical name), ``known`` (in the gazetteer), ``cue`` (the cue text, lower case, or
        ``"dateline"``) with ``cue_start``/``cue_end``, ``relation`` (``"source"`` or ``"self"``),
        ``core`` (a source cited for the core story: in the lead, in a dateline, or in at least
        ``min_repeat`` sentences; never for self-references or "Read more on" links) and
        ``sentence`` (index into ``analyze_text(text).sentences``).

    Raises
    ------
    TypeError
        If ``text`` is not a str.
    InvalidInputError
        If ``lead`` or ``min_repeat`` is not a positive int.

    Examples
    --------
    >>> df = find_citations("Kyiv sent a team, The Gaze reports, citing Reuters.", outlet="The Gaze")
    >>> df[["cited_outlet", "cue", "relation", "core"]].values.tolist()
    [['The Gaze', 'reports', 'self', False], ['Reuters', 'citing', 'source', True]]
    """
    caller = "find_citations"
    doc = analyze_text(text)
    if outlet is not None and not isinstance(outlet, str):
        msg = (
            f"The 'outlet' parameter of {caller} must be a str or None. Got {type(outlet).__name__} instead."
        )
        raise TypeError(msg)
    lead = check_int(lead, name="lead", caller=caller, low=0)
    min_repeat = check_int(min_repeat, name="min_repeat", caller=caller, low=1)
    gaz = load_gazetteer(gazetteer)
    cites = extract_citations(doc, gazetteer=gaz, outlet=outlet, lead=lead, min_repeat=min_repeat)
    return _frame_of([((), c) for c in cites], ())


_CITATION_DTYPES = {
    "start": "int64",
    "end": "int64",
    "cue_start": "int64",
    "cue_end": "int64",
    "sentence": "int64",
    "known": bool,
    "core": bool,
}


def _frame_of(items: list[tuple[tuple, Any]], lead_columns: tuple[str, ...]) -> pd.DataFrame:
    """One DataFrame from (leading values, Citation) pairs, with the documented dtypes."""
    import pandas as pd

    columns = [*lead_columns, *CITATION_COLUMNS]
    data = {name: [lead[k] for lead, _ in items] for k, name in enumerate(lead_columns)}
    for name in CITATION_COLUMNS:
        data[name] = [getattr(c, name) for _, c in items]
    frame = pd.DataFrame(data, columns=columns)
    return frame.astype(_CITATION_DTYPES)


def _when(published: Any) -> tuple[dt.date, dt.datetime | None] | None:
    if published is None:
        return None
    if isinstance(published, dt.datetime):
        return published.date(), published.astimezone(dt.timezone.utc)
    return published, None


def _direction(a: Article, b: Article) -> str:
    """``"from_other"`` if ``b`` is earlier than ``a``, ``"to_other"`` if later, else ``"unknown"``."""
    wa, wb = _when(a.published), _when(b.published)
    if wa is None or wb is None:
        return "unknown"
    if wa[1] is not None and wb[1] is not None:
        ka, kb = wa[1], wb[1]
    else:
        ka, kb = wa[0], wb[0]  # type: ignore[assignment]
    if ka == kb:
        return "unknown"
    return "from_other" if kb < ka else "to_other"


def text_reuse(
    corpus: Any,
    *,
    ngram: int = 6,
    window: int = 4,
    min_share: float = 0.05,
    min_shared: int = 2,
    max_df: int = 50,
    features: Sequence[ProvenanceFeatures] | None = None,
) -> pd.DataFrame:
    """Find passages shared between articles (text reuse) and the likely direction of reuse.

    Parameters
    ----------
    corpus : Corpus or list of Article
        The articles to compare (any number of events and outlets).
    ngram : int
        Words per shingle; shared runs shorter than this are never found.
    window : int
        Winnowing window, in shingles: any shared run of ``ngram + window - 1`` words or more
        leaves a shared fingerprint and makes the pair a candidate.
    min_share : float
        Report a pair only if the shared passages cover at least this share of one of the two
        articles.
    min_shared : int
        Fingerprints two articles must share to be verified.
    max_df : int
        Fingerprints found in more articles than this (boilerplate) are ignored.
    features : sequence of ProvenanceFeatures, optional
        One per article, from :func:`provenance_features` (made with the same ``ngram`` and
        ``window``); the texts are then not analysed again.

    Returns
    -------
    pandas.DataFrame
        One row per ordered pair of articles with reuse (both orders are listed), columns
        :data:`REUSE_COLUMNS`: ``shared_chars`` and ``shared_share`` (chars of ``article_id`` inside
        shared passages, and their share of its text from first to last word),
        ``other_shared_chars``/``other_shared_share`` (the same for the other article),
        ``n_passages``, ``passages`` (list of dicts ``start, end, other_start, other_end`` of
        character offsets) and ``direction``: ``"from_other"`` (the other article is earlier, so
        this one likely reused it), ``"to_other"`` (this one is earlier) or ``"unknown"`` (a date
        missing, or equal dates).

    Raises
    ------
    TypeError
        If ``corpus`` is not a Corpus or a list of Article.
    InvalidInputError
        If a parameter is out of range.

    Notes
    -----
    Winnowing after Schleimer, Wilkerson and Aiken (2003). Candidate pairs come from an inverted
    index of fingerprints, so the cost grows with the total text length (plus the verified pairs),
    not with the square of the number of articles.

    References
    ----------
    .. [1] Schleimer, S., Wilkerson, D. S., Aiken, A. (2003). Winnowing: local algorithms for
       document fingerprinting. SIGMOD 2003, 76-85.
    """
    caller = "text_reuse"
    arts = as_articles(corpus, name="corpus", caller=caller)
    ngram = check_int(ngram, name="ngram", caller=caller, low=1)
    window = check_int(window, name="window", caller=caller, low=1)
    min_shared = check_int(min_shared, name="min_shared", caller=caller, low=1)
    max_df = check_int(max_df, name="max_df", caller=caller, low=2)
    min_share = _check_share(min_share, name="min_share", caller=caller)
    if features is None:
        prints = [fingerprint(analyze_text(a.text), ngram=ngram, window=window) for a in arts]
    else:
        feats = _features_of(arts, features, caller=caller, ngram=ngram, window=window)
        prints = [f.fingerprint for f in feats]
    return _reuse_frame(arts, prints, ngram=ngram, min_share=min_share, min_shared=min_shared, max_df=max_df)


def _reuse_frame(
    arts: list[Article],
    prints: list[Fingerprinted],
    *,
    ngram: int,
    min_share: float,
    min_shared: int,
    max_df: int,
) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for i, j in candidate_pairs(prints, min_shared=min_shared, max_df=max_df):
        res = match_pair(prints[i], prints[j], ngram=ngram)
        if not res["passages"]:
            continue
        pa, pb = prints[i], prints[j]
        share_a = res["a_chars"] / pa.span_chars if pa.span_chars else math.nan
        share_b = res["b_chars"] / pb.span_chars if pb.span_chars else math.nan
        if not max(share_a, share_b) >= min_share:
            continue
        a, b = arts[i], arts[j]
        d_ab = _direction(a, b)
        d_ba = {"from_other": "to_other", "to_other": "from_other"}.get(d_ab, "unknown")
        psg = res["passages"]
        rows.append(
            (
                a.id,
                b.id,
                a.outlet,
                b.outlet,
                res["a_chars"],
                share_a,
                res["b_chars"],
                share_b,
                len(psg),
                [{"start": p[0], "end": p[1], "other_start": p[2], "other_end": p[3]} for p in psg],
                d_ab,
            )
        )
        psg_b = sorted((p[2], p[3], p[0], p[1]) for p in psg)
        rows.append(
            (
                b.id,
                a.id,
                b.outlet,
                a.outlet,
                res["b_chars"],
                share_b,
                res["a_chars"],
                share_a,
                len(psg),
                [{"start": p[0], "end": p[1], "other_start": p[2], "other_end": p[3]} for p in psg_b],
                d_ba,
            )
        )
    frame = pd.DataFrame(rows, columns=list(REUSE_COLUMNS))
    frame = frame.astype(
        {
            "shared_chars": "int64",
            "other_shared_chars": "int64",
            "n_passages": "int64",
            "shared_share": "float64",
            "other_shared_share": "float64",
        }
    )
    return frame.sort_values(["article_id", "other_article_id"], kind="stable").reset_index(drop=True)


def _citations_frame(arts: list[Article], features: list[ProvenanceFeatures]) -> pd.DataFrame:
    items = [((a.id, a.outlet), c) for a, f in zip(arts, features, strict=True) for c in f.citations]
    return _frame_of(items, ("article_id", "outlet"))


def _labels(
    arts: list[Article], citations: pd.DataFrame, reuse: pd.DataFrame, *, copy_share: float, gaz: Gazetteer
) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for a in arts:
        cites = citations[citations["article_id"] == a.id]
        core = sorted(set(cites.loc[cites["core"] & (cites["relation"] == "source"), "cited_outlet"]))
        own = gaz.canonical(a.outlet) or a.outlet
        declared = [c for c in a.cites if (gaz.canonical(c) or c) != own]
        mine = reuse[reuse["article_id"] == a.id]
        earlier = mine[mine["direction"] == "from_other"]
        unknown = mine[mine["direction"] == "unknown"]
        copied_from, copied_share = None, math.nan
        if len(earlier):
            best = earlier.sort_values(["shared_share", "other_article_id"], ascending=[False, True]).iloc[0]
            copied_from, copied_share = best["other_article_id"], float(best["shared_share"])
        unk = float(unknown["shared_share"].max()) if len(unknown) else math.nan
        if copied_from is not None and copied_share >= copy_share:
            label = "copy"
        elif core or declared:
            label = "re-report"
        else:
            label = "original"
        rows.append((a.id, a.outlet, label, copied_from, copied_share, core, declared, len(cites), unk))
    return pd.DataFrame(rows, columns=list(LABEL_COLUMNS)).astype(
        {"copied_share": "float64", "unknown_direction_share": "float64", "n_citations": "int64"}
    )


def provenance_labels(
    corpus: Any,
    *,
    copy_share: float = 0.5,
    gazetteer: Any = None,
    ngram: int = 6,
    min_share: float = 0.05,
) -> pd.DataFrame:
    """Label each article ``original``, ``re-report`` or ``copy``.

    Parameters
    ----------
    corpus : Corpus or list of Article
        The articles to label.
    copy_share : float
        An article is a ``copy`` if passages shared with one *earlier* article cover at least this
        share of its text.
    gazetteer : None, str, Path, Gazetteer or rows
        Outlet list for :func:`find_citations`.
    ngram : int
        Passed to :func:`text_reuse`.
    min_share : float
        Passed to :func:`text_reuse`.

    Returns
    -------
    pandas.DataFrame
        One row per article, columns :data:`LABEL_COLUMNS`: ``label`` (``"copy"``; else
        ``"re-report"`` if it cites another outlet for its core story or its metadata declares one
        in ``Article.cites``; else ``"original"``), ``copied_from`` and ``copied_share`` (the
        earlier article sharing the most text, NaN if none), ``core_sources`` (outlets cited for the
        core story), ``declared_sources`` (``Article.cites`` minus the article's own outlet),
        ``n_citations`` and ``unknown_direction_share`` (largest share shared with an article of
        unknown relative date, NaN if none: a possible copy whose direction dates cannot tell).

    Raises
    ------
    TypeError
        If ``corpus`` is not a Corpus or a list of Article.
    InvalidInputError
        If ``copy_share`` is not in [0, 1].
    """
    return provenance_table(
        corpus, copy_share=copy_share, gazetteer=gazetteer, ngram=ngram, min_share=min_share
    )["labels"]


def provenance_table(
    corpus: Any,
    *,
    gazetteer: Any = None,
    ngram: int = 6,
    min_share: float = 0.05,
    copy_share: float = 0.5,
    lead: int = 2,
    min_repeat: int = 2,
    features: Sequence[ProvenanceFeatures] | None = None,
) -> dict[str, pd.DataFrame]:
    """All provenance tables of a corpus: citations, citation graph, text reuse and labels.

    Parameters
    ----------
    corpus : Corpus or list of Article
        The articles to trace.
    gazetteer : None, str, Path, Gazetteer or rows
        Outlet list; see :func:`load_gazetteer`.
    ngram : int
        Passed to :func:`text_reuse`.
    min_share : float
        Passed to :func:`text_reuse`.
    copy_share : float
        Passed to :func:`provenance_labels`.
    lead : int
        Passed to :func:`find_citations`.
    min_repeat : int
        Passed to :func:`find_citations`.
    features : sequence of ProvenanceFeatures, optional
        One per article, from :func:`provenance_features` with the same options: the texts are then
        not analysed again (this is how :func:`compare.analyze` calls it).

    Returns
    -------
    dict of str to pandas.DataFrame
        ``"citations"``: :func:`find_citations` rows of every article, with ``article_id`` and
        ``outlet`` first; ``"graph"``: one row per citing article and cited outlet (sources only),
        columns :data:`GRAPH_COLUMNS` (``start``/``end`` of the first citation, ``core`` if any
        citation is core, ``cues`` the distinct cues); ``"reuse"``: :func:`text_reuse`;
        ``"labels"``: :func:`provenance_labels`.

    Raises
    ------
    TypeError
        If ``corpus`` is not a Corpus or a list of Article.
    InvalidInputError
        If a parameter is out of range.
    """
    import pandas as pd

    caller = "provenance_table"
    arts = as_articles(corpus, name="corpus", caller=caller)
    copy_share = _check_share(copy_share, name="copy_share", caller=caller)
    lead = check_int(lead, name="lead", caller=caller, low=0)
    min_repeat = check_int(min_repeat, name="min_repeat", caller=caller, low=1)
    min_share = _check_share(min_share, name="min_share", caller=caller)
    gaz = load_gazetteer(gazetteer)
    feats = _features_of(
        arts, features, caller=caller, gazetteer=gaz, lead=lead, min_repeat=min_repeat, ngram=ngram, window=4
    )
    citations = _citations_frame(arts, feats)
    src = citations[citations["relation"] == "source"]
    graph_rows = []
    for (aid, cited), grp in src.groupby(["article_id", "cited_outlet"], sort=True):
        first = grp.sort_values("start").iloc[0]
        graph_rows.append(
            (
                aid,
                first["outlet"],
                cited,
                len(grp),
                bool(grp["core"].any()),
                int(first["start"]),
                int(first["end"]),
                sorted(set(grp["cue"])),
            )
        )
    graph = pd.DataFrame(graph_rows, columns=list(GRAPH_COLUMNS))
    prints = [f.fingerprint for f in feats]
    reuse = _reuse_frame(arts, prints, ngram=ngram, min_share=min_share, min_shared=2, max_df=50)
    labels = _labels(arts, citations, reuse, copy_share=copy_share, gaz=gaz)
    return {"citations": citations, "graph": graph, "reuse": reuse, "labels": labels}
