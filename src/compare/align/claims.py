"""Claim alignment within one event: which outlets carry, omit or alone state each claim.

:func:`align_claims` matches sentences across the articles of one event that state the same thing
in other words. Sentences are the Document's (``analyze_text(article.text).sentences``), so every
claim row carries character offsets into ``Article.text``. Similar sentences (TF-IDF over stemmed
content words and character n-grams, plus overlap of numbers and names) are joined into claim
clusters, holding at most one sentence per article. A coverage matrix then tells, for each claim
and outlet, whether the outlet ``carried`` it (with at least one other outlet), ``omitted`` it
(others carried it) or has it ``only_here``.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from ..exceptions import CompareWarning, InvalidInputError
from ..text import Document, analyze_text
from ._common import as_articles

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CLAIM_COLUMNS",
    "COVERAGE_COLUMNS",
    "ClaimAlignment",
    "ClaimSentence",
    "align_claims",
    "claim_features",
]

#: Columns of :attr:`ClaimAlignment.claims`.
CLAIM_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "article_id",
    "outlet",
    "sentence",
    "start",
    "end",
    "text",
    "similarity",
)
#: Columns of :attr:`ClaimAlignment.coverage`.
COVERAGE_COLUMNS: tuple[str, ...] = ("claim_id", "outlet", "status", "n_outlets")
#: Columns of :meth:`ClaimAlignment.summary`.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "outlet",
    "n_articles",
    "n_sentences",
    "n_claims",
    "carried",
    "only_here",
    "omitted",
    "only_here_share",
)
_MAX_SENTENCES = 5000
#: Coverage statuses.
STATUSES: tuple[str, ...] = ("carried", "only_here", "omitted")


@dataclass(frozen=True, eq=False)
class ClaimAlignment:
    """Claims of one event and which outlets carry them. Build it with :func:`align_claims`.

    Parameters
    ----------
    claims, coverage, outlets, threshold
        See Attributes.
    _n_articles : dict
        Articles per outlet (private).

    Attributes
    ----------
    claims : pandas.DataFrame
        One row per sentence placed in a claim, columns :data:`CLAIM_COLUMNS`: ``claim_id``
        (``"c0001"``, ... in order of first appearance), ``article_id``, ``outlet``, ``sentence``
        (index into the article's Document sentences), ``start``/``end`` (offsets into
        ``Article.text``), ``text`` and ``similarity`` (mean similarity to the claim's other
        sentences; NaN for a claim of one sentence).
    coverage : pandas.DataFrame
        One row per claim and outlet, columns :data:`COVERAGE_COLUMNS`: ``status`` is
        ``"carried"`` (the outlet states the claim, and so does at least one other outlet),
        ``"only_here"`` (only this outlet states it) or ``"omitted"`` (this outlet does not state
        it, at least one other does); ``n_outlets`` is how many outlets state the claim.
    outlets : tuple of str
        The outlets of the event, sorted.
    threshold : float
        The similarity threshold used.
    """

    claims: pd.DataFrame
    coverage: pd.DataFrame
    outlets: tuple[str, ...]
    threshold: float
    _n_articles: dict[str, int]

    def __repr__(self) -> str:
        n = self.claims["claim_id"].nunique() if len(self.claims) else 0
        return f"ClaimAlignment(claims={n}, sentences={len(self.claims)}, outlets={list(self.outlets)})"

    @property
    def matrix(self) -> pd.DataFrame:
        """The coverage matrix: claims (rows) by outlets (columns), cells the status."""
        if not len(self.coverage):
            import pandas as pd

            return pd.DataFrame(columns=list(self.outlets), dtype=object)
        return self.coverage.pivot(index="claim_id", columns="outlet", values="status").reindex(
            columns=list(self.outlets)
        )

    def _check_outlet(self, outlet: Any, caller: str) -> str:
        if outlet not in self.outlets:
            msg = (
                f"The 'outlet' parameter of ClaimAlignment.{caller} must be one of {list(self.outlets)!r}. "
                f"Got {outlet!r} instead."
            )
            raise InvalidInputError(msg)
        return outlet

    def unique_to(self, outlet: str) -> pd.DataFrame:
        """Sentences of ``outlet`` whose claim no other outlet states.

        Parameters
        ----------
        outlet : str
            One of :attr:`outlets`.

        Returns
        -------
        pandas.DataFrame
            Rows of :attr:`claims` (same columns), in text order.

        Raises
        ------
        InvalidInputError
            If ``outlet`` is not an outlet of the event.
        """
        outlet = self._check_outlet(outlet, "unique_to")
        cov = self.coverage
        ids = set(cov.loc[(cov["outlet"] == outlet) & (cov["status"] == "only_here"), "claim_id"])
        rows = self.claims[(self.claims["outlet"] == outlet) & self.claims["claim_id"].isin(ids)]
        return rows.reset_index(drop=True)

    def omitted_by(self, outlet: str, *, min_share: float = 0.5) -> pd.DataFrame:
        """Claims that most other outlets carry but ``outlet`` leaves out.

        Parameters
        ----------
        outlet : str
            One of :attr:`outlets`.
        min_share : float
            Keep claims stated by at least this share of the *other* outlets (0.5: at least half).

        Returns
        -------
        pandas.DataFrame
            One row per claim: ``claim_id``, ``n_outlets``, ``share_of_others``, ``outlets``
            (sorted list of outlets stating it) and ``text`` (its first sentence), sorted by
            ``share_of_others`` (descending) then ``claim_id``.

        Raises
        ------
        InvalidInputError
            If ``outlet`` is unknown or ``min_share`` is not in [0, 1].
        """
        import pandas as pd

        outlet = self._check_outlet(outlet, "omitted_by")
        if isinstance(min_share, bool) or not isinstance(min_share, (int, float)) or not 0 <= min_share <= 1:
            msg = f"The 'min_share' parameter of ClaimAlignment.omitted_by must be in [0, 1]. Got {min_share!r}."
            raise InvalidInputError(msg)
        others = len(self.outlets) - 1
        cols = ["claim_id", "n_outlets", "share_of_others", "outlets", "text"]
        if others == 0:
            return pd.DataFrame(columns=cols)
        cov = self.coverage
        ids = cov.loc[(cov["outlet"] == outlet) & (cov["status"] == "omitted"), "claim_id"]
        rows = []
        for cid in ids:
            members = self.claims[self.claims["claim_id"] == cid]
            outlets = sorted(set(members["outlet"]))
            share = len(outlets) / others
            if share >= min_share:
                rows.append((cid, len(outlets), share, outlets, members["text"].iloc[0]))
        out = pd.DataFrame(rows, columns=cols)
        return out.sort_values(
            ["share_of_others", "claim_id"], ascending=[False, True], kind="stable"
        ).reset_index(drop=True)

    def summary(self) -> pd.DataFrame:
        """Per-outlet counts of claims carried, stated only here and omitted.

        Returns
        -------
        pandas.DataFrame
            One row per outlet, columns ``outlet, n_articles, n_sentences, n_claims, carried,
            only_here, omitted, only_here_share`` (``only_here / n_claims``, NaN if the outlet
            states no claim).
        """
        import pandas as pd

        rows = []
        for outlet in self.outlets:
            cov = self.coverage[self.coverage["outlet"] == outlet]
            counts = cov["status"].value_counts()
            carried = int(counts.get("carried", 0))
            only = int(counts.get("only_here", 0))
            n_claims = carried + only
            rows.append(
                (
                    outlet,
                    self._n_articles.get(outlet, 0),
                    int((self.claims["outlet"] == outlet).sum()),
                    n_claims,
                    carried,
                    only,
                    int(counts.get("omitted", 0)),
                    only / n_claims if n_claims else math.nan,
                )
            )
        return pd.DataFrame(rows, columns=list(SUMMARY_COLUMNS))


def _cluster(sim, owner: list[int], threshold: float) -> list[int]:
    """Greedy graph clustering: join edges by falling similarity, one sentence per article per claim."""
    import numpy as np

    n = len(owner)
    parent = list(range(n))
    members: list[set[int]] = [{owner[i]} for i in range(n)]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner_arr = np.asarray(owner)
    iu, ju = np.triu_indices(n, k=1)
    keep = (owner_arr[iu] != owner_arr[ju]) & (sim[iu, ju] >= threshold)
    iu, ju = iu[keep], ju[keep]
    vals = sim[iu, ju]
    order = np.lexsort((ju, iu, -vals))  # by similarity, ties by index: deterministic
    for k in order.tolist():
        a, b = find(int(iu[k])), find(int(ju[k]))
        if a == b or members[a] & members[b]:
            continue
        if a > b:
            a, b = b, a
        parent[b] = a
        members[a] |= members[b]
    return [find(i) for i in range(n)]


class ClaimSentence(NamedTuple):
    """One sentence of an article as claim alignment reads it (see :func:`claim_features`)."""

    sentence: int
    start: int
    end: int
    text: str
    n_words: int
    features: Any  # the similarity features of the sentence (private to the aligner)


def claim_features(doc: Document) -> tuple[ClaimSentence, ...]:
    """The sentences of one analysed article, with what claim alignment compares.

    :func:`compare.analyze` calls this once per article when it analyses the text, and
    :func:`align_claims` reads the result instead of the text.

    Parameters
    ----------
    doc : Document
        The article's analysis (:func:`compare.analyze_text`).

    Returns
    -------
    tuple of ClaimSentence
        One per sentence: index, offsets, text, number of word and number tokens, features.
    """
    from ._claims_sim import sentence_features

    kinds = doc.token_kinds
    feats = sentence_features(doc)
    return tuple(
        ClaimSentence(
            si,
            sent.start,
            sent.end,
            sent.text,
            (sent.token_end - sent.token_start) - kinds[sent.token_start : sent.token_end].count("punct"),
            feats[si],
        )
        for si, sent in enumerate(doc.sentences)
    )


def align_claims(
    articles: Any,
    *,
    threshold: float = 0.2,
    min_words: int = 4,
    features: Sequence[Sequence[ClaimSentence]] | None = None,
) -> ClaimAlignment:
    """Align the claims (sentences) of one event's articles across outlets.

    Parameters
    ----------
    articles : Corpus or list of Article
        The articles of **one** event, from one or more outlets.
    threshold : float
        Similarity in [0, 1] at or above which two sentences of different articles may state the
        same claim. The default 0.2 was chosen on the development half of the hand-made paraphrase
        set in ``tests/data/paraphrase_claims.jsonl`` (see ``docs/benchmarks/claims.md``).
    min_words : int
        Sentences with fewer word tokens (headline fragments, datelines, bylines) are left out.
    features : sequence, optional
        One :func:`claim_features` result per article, in the order of ``articles``: the texts are
        then not analysed again (this is how :func:`compare.analyze` calls it).

    Returns
    -------
    ClaimAlignment
        Claims table, coverage matrix, :meth:`~ClaimAlignment.unique_to`,
        :meth:`~ClaimAlignment.omitted_by` and :meth:`~ClaimAlignment.summary`. Empty input gives
        empty tables with the documented columns.

    Raises
    ------
    TypeError
        If ``articles`` is not a Corpus or a list of Article.
    InvalidInputError
        If ``threshold`` is not in [0, 1] or ``min_words`` is not a positive int.

    Warns
    -----
    CompareWarning
        If there are more than 5,000 sentences: the input is probably more than one event.

    Notes
    -----
    Similarity is a weighted mean of three signals: TF-IDF cosine over light-stemmed content words
    (unigrams and bigrams), TF-IDF cosine over character 3-5-grams within words (both with IDF
    fitted on the event's sentences), and the Jaccard overlap of numbers and capitalised names. It
    is scaled down when the sentences' numbers all disagree or they sit on opposite sides of an
    event direction ("raised"/"cut", "signed"/"vetoed"). Sentence pairs at or above ``threshold``
    are joined greedily, most similar first, never putting two sentences of one article in a
    claim. The result is deterministic: it depends on article order only through claim numbering.
    Lexical similarity cannot see negation or contradiction reliably: check claims whose
    ``similarity`` is near the threshold.

    Examples
    --------
    >>> from compare import Article
    >>> arts = [
    ...     Article(id="a", outlet="A", text="Police arrested three men over the robbery on Monday."),
    ...     Article(id="b", outlet="B", text="Three men were arrested by police over the robbery."),
    ... ]
    >>> ca = align_claims(arts)
    >>> ca.coverage["status"].tolist()
    ['carried', 'carried']
    """
    import numpy as np
    import pandas as pd

    from ._claims_sim import similarity_matrix

    caller = "align_claims"
    arts = as_articles(articles, name="articles", caller=caller)
    if features is None:
        features = [claim_features(analyze_text(a.text)) for a in arts]
    elif len(features) != len(arts):
        msg = (
            f"The 'features' parameter of {caller} must hold one claim_features result per article. "
            f"Got {len(features)} for {len(arts)} articles."
        )
        raise InvalidInputError(msg)
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        msg = f"The 'threshold' parameter of {caller} must be a number in [0, 1]. Got {threshold!r} instead."
        raise InvalidInputError(msg)
    if isinstance(min_words, bool) or not isinstance(min_words, int) or min_words < 1:
        msg = f"The 'min_words' parameter of {caller} must be an int >= 1. Got {min_words!r} instead."
        raise InvalidInputError(msg)
    outlets = tuple(sorted({a.outlet for a in arts}))
    n_articles: dict[str, int] = {}
    for a in arts:
        n_articles[a.outlet] = n_articles.get(a.outlet, 0) + 1

    # sentences to align
    owner: list[int] = []
    meta: list[tuple[str, str, int, int, int, str]] = []
    feats = []
    for ai, (art, sentences) in enumerate(zip(arts, features, strict=True)):
        for cs in sentences:
            if cs.n_words < min_words:
                continue
            owner.append(ai)
            meta.append((art.id, art.outlet, cs.sentence, cs.start, cs.end, cs.text))
            feats.append(cs.features)

    if not meta:
        claims = pd.DataFrame(columns=list(CLAIM_COLUMNS)).astype(
            {"sentence": "int64", "start": "int64", "end": "int64", "similarity": "float64"}
        )
        coverage = pd.DataFrame(columns=list(COVERAGE_COLUMNS)).astype({"n_outlets": "int64"})
        return ClaimAlignment(claims, coverage, outlets, float(threshold), n_articles)

    if len(meta) > _MAX_SENTENCES:
        msg = (
            f"align_claims got {len(meta)} sentences; it compares every pair of sentences of one event "
            "(memory grows with the square). Split the corpus by event first (compare.align.align_events)."
        )
        warnings.warn(msg, CompareWarning, stacklevel=2)
    sim = similarity_matrix(feats)
    roots = _cluster(sim, owner, float(threshold))
    # claim ids in order of first appearance
    ids: dict[int, str] = {}
    for r in roots:
        if r not in ids:
            ids[r] = f"c{len(ids) + 1:04d}"
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        groups.setdefault(r, []).append(i)
    rows = []
    for i, (aid, outlet, si, s, e, text) in enumerate(meta):
        others = [j for j in groups[roots[i]] if j != i]
        similarity = float(np.mean(sim[i, others])) if others else math.nan
        rows.append((ids[roots[i]], aid, outlet, si, s, e, text, similarity))
    claims = pd.DataFrame(rows, columns=list(CLAIM_COLUMNS))
    claims = claims.sort_values(["claim_id", "article_id", "sentence"], kind="stable").reset_index(drop=True)

    cov_rows = []
    carried_by = claims.groupby("claim_id", sort=True)["outlet"].agg(lambda s: set(s))
    for cid, have in carried_by.items():
        k = len(have)
        for outlet in outlets:
            status = ("only_here" if k == 1 else "carried") if outlet in have else "omitted"
            cov_rows.append((cid, outlet, status, k))
    coverage = pd.DataFrame(cov_rows, columns=list(COVERAGE_COLUMNS))
    return ClaimAlignment(claims, coverage, outlets, float(threshold), n_articles)
