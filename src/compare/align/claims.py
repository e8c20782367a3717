"""Claim alignment within one event: which outlets carry, omit or alone state each claim.

:func:`align_claims` matches sentences across the articles of one event that state the same thing
in other words. Sentences are the Document's (``analyze_text(article.text).sentences``), so every
claim row carries character offsets into ``Article.text``. Similar sentences (TF-IDF over stemmed
content words and character n-grams, plus overlap of numbers and names) are joined into claim
clusters, holding at most one sentence per article: the similarity proposes candidate pairs, the
pair matcher (:mod:`compare.align._claim_match`) decides each one (same claim, one side states more,
or different; a conflict of numbers, dates, negation or direction keeps two sentences apart). A
coverage matrix then tells, for each claim and outlet, whether the outlet ``carried`` it (with at
least one other outlet), ``carried_in_part`` (its sentence adds a clause the others lack, or lacks
one they state: the clause is the evidence), ``omitted`` it (others carried it) or has it
``only_here``. :func:`compare.align.omission_scores` (:mod:`compare.align._omission`) turns the
coverage into a per-outlet omission score.
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
COVERAGE_COLUMNS: tuple[str, ...] = (
    "claim_id",
    "outlet",
    "status",
    "n_outlets",
    "part",
    "evidence_article_id",
    "evidence_start",
    "evidence_end",
    "evidence_text",
)
#: Columns of :meth:`ClaimAlignment.summary`.
SUMMARY_COLUMNS: tuple[str, ...] = (
    "outlet",
    "n_articles",
    "n_sentences",
    "n_claims",
    "carried",
    "carried_in_part",
    "only_here",
    "omitted",
    "only_here_share",
)
_MAX_SENTENCES = 5000
#: Coverage statuses.
STATUSES: tuple[str, ...] = ("carried", "carried_in_part", "only_here", "omitted")
#: What a ``carried_in_part`` outlet does: its sentence ``adds`` a clause, or ``lacks`` one.
PARTS: tuple[str, ...] = ("adds", "lacks")


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
        ``"carried_in_part"`` (the outlet states it, but the pair matcher found its sentence
        only in part equal to another outlet's: it adds a clause that one lacks, or lacks one it
        states), ``"only_here"`` (only this outlet states it) or ``"omitted"`` (this outlet does not
        state it, at least one other does); ``n_outlets`` is how many outlets state the claim.
        For ``carried_in_part``: ``part`` is ``"adds"`` or ``"lacks"``, and
        ``evidence_article_id``, ``evidence_start``, ``evidence_end`` (offsets into that
        article's text) and ``evidence_text`` give the clause added (in this outlet's article) or
        missing (in the other outlet's article); empty strings and -1 otherwise.
    outlets : tuple of str
        The outlets of the event, sorted.
    threshold : float
        The similarity threshold used for candidate pairs.
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
            carried_in_part, only_here, omitted, only_here_share`` (``only_here / n_claims``, NaN
            if the outlet states no claim).
        """
        import pandas as pd

        rows = []
        for outlet in self.outlets:
            cov = self.coverage[self.coverage["outlet"] == outlet]
            counts = cov["status"].value_counts()
            carried = int(counts.get("carried", 0))
            in_part = int(counts.get("carried_in_part", 0))
            only = int(counts.get("only_here", 0))
            n_claims = carried + in_part + only
            rows.append(
                (
                    outlet,
                    self._n_articles.get(outlet, 0),
                    int((self.claims["outlet"] == outlet).sum()),
                    n_claims,
                    carried,
                    in_part,
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


def _candidates(sim, owner: list[int], threshold: float, per_article: int) -> list[tuple[int, int]]:
    """Cross-article sentence pairs ``(i, j)``, ``i < j``, worth asking the pair matcher about.

    A pair is a candidate when its similarity is at least ``threshold`` and ``j`` is among the
    ``per_article`` most similar sentences of its article for ``i``, or ``i`` of its article for
    ``j``: at most ``2 * per_article`` pairs per sentence and other article, so the matcher's cost
    grows linearly with the sentences of an event.
    """
    import numpy as np

    n = len(owner)
    owner_arr = np.asarray(owner)
    s = np.where(owner_arr[:, None] != owner_arr[None, :], sim, -1.0)
    s[s < threshold] = -1.0
    keep = np.zeros((n, n), dtype=bool)
    for art in np.unique(owner_arr).tolist():
        cols = np.flatnonzero(owner_arr == art)
        k = min(per_article, len(cols))
        sub = s[:, cols]
        top = (
            np.argpartition(-sub, k - 1, axis=1)[:, :k]
            if k < len(cols)
            else np.tile(np.arange(len(cols)), (n, 1))
        )
        keep[np.repeat(np.arange(n), top.shape[1]), cols[top.ravel()]] = True
    keep &= s >= 0.0
    keep |= keep.T
    iu, ju = np.nonzero(np.triu(keep, k=1))
    return list(zip(iu.tolist(), ju.tolist(), strict=True))


def _cluster_matched(
    n: int,
    owner: list[int],
    pairs: list[tuple[int, int]],
    matches: list[Any],
    weights: list[float],
    veto: frozenset[str],
    sim: Any = None,
    min_mean: float = 0.0,
) -> list[int]:
    """Join pairs decided same or partial, heaviest (most similar) first; conflicts keep apart.

    Never puts two sentences of one article in a claim, nor two sentences whose pair has a
    conflict in ``veto`` (numbers, dates, negation, direction).
    """
    import numpy as np

    parent = list(range(n))
    members: list[set[int]] = [{owner[i]} for i in range(n)]
    nodes: list[set[int]] = [{i} for i in range(n)]
    apart: list[set[int]] = [set() for _ in range(n)]
    edges = []
    for (i, j), m, w in zip(pairs, matches, weights, strict=True):
        if _vetoed(m, veto):
            apart[i].add(j)
            apart[j].add(i)
        elif m.decision in ("same", "partial"):
            edges.append((-w, i, j))
    edges.sort()

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for _, i, j in edges:
        a, b = find(i), find(j)
        if a == b or members[a] & members[b] or apart[a] & nodes[b]:
            continue
        # average linkage: a chain of pairwise links must not join sentences that share little
        if (
            min_mean > 0.0
            and len(nodes[a]) + len(nodes[b]) > 2
            and float(sim[np.ix_(sorted(nodes[a]), sorted(nodes[b]))].mean()) < min_mean
        ):
            continue
        if a > b:
            a, b = b, a
        parent[b] = a
        members[a] |= members[b]
        nodes[a] |= nodes[b]
        apart[a] |= apart[b]
    return [find(i) for i in range(n)]


def _overlap(a: Any, b: Any) -> float:
    """The larger IDF-weighted share of one sentence's content words the other states (0 if none)."""
    from ._claim_match import _coverage, _matched

    cov_a = _coverage(a, _matched(a, b))
    cov_b = _coverage(b, _matched(b, a))
    return max(0.0 if math.isnan(cov_a) else cov_a, 0.0 if math.isnan(cov_b) else cov_b)


def _vetoed(m: Any, veto: frozenset[str]) -> bool:
    return bool(set(m.conflicts) & veto)


def _negation_in_scope(m: Any, a: Any, b: Any) -> Any:
    """The match, with a negation conflict only where one side negates what the other states.

    The matcher reports a negation conflict whenever one sentence has a negator and the other
    none. That also fires on paraphrases ("didn't mince words", "there was no doubt", "could not
    get access" / "was unable to access") and on a negation inside the clause one side adds
    ("X happened, though he did not say why"). Here a negator counts only outside an added clause
    and only when the content word it negates (the next one) is stated by the other side:
    "did not approve the bill" / "approved the bill" stays a conflict.
    """
    if "negation" not in m.conflicts:
        return m
    from ._claim_match import _NEGATORS

    skip = None
    if m.decision == "partial" and m.added:
        skip = (a if m.longer == "a" else b, m.added[0])

    def negated(x: Any) -> list[str]:
        """Stems of the words x negates, one per negator outside an added clause ("" if none)."""
        out = []
        for k, (w, (s0, e0)) in enumerate(zip(x.lows, x.spans, strict=True)):
            if not (w.replace("'", "") in _NEGATORS or w.endswith("n't")):
                continue
            if skip is not None and skip[0] is x and skip[1][0] <= s0 and e0 <= skip[1][1]:
                continue
            nxt = next((x.stems[t] for t in range(k + 1, len(x.lows)) if x.content[t]), "")
            out.append(nxt)
        return out

    neg_a, neg_b = negated(a), negated(b)
    # the same word on the other side, by its first five letters ("approve" / "approved")
    heads_a = {st[:5] for st in a.content_set}
    heads_b = {st[:5] for st in b.content_set}
    targets = [*((st, heads_b) for st in neg_a), *((st, heads_a) for st in neg_b)]
    if (bool(neg_a) != bool(neg_b)) and any(st and st[:5] in heads for st, heads in targets):
        return m
    return m._replace(conflicts=tuple(c for c in m.conflicts if c != "negation"))


class ClaimSentence(NamedTuple):
    """One sentence of an article as claim alignment reads it (see :func:`claim_features`)."""

    sentence: int
    start: int
    end: int
    text: str
    n_words: int
    features: Any  # the similarity features of the sentence (private to the aligner)
    reading: Any = None  # what the pair matcher reads (compare.align._claim_match.ClaimSentence)


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
        One per sentence: index, offsets, text, number of word and number tokens, similarity
        features and the pair matcher's reading of the sentence.
    """
    from ._claim_match import claim_sentences
    from ._claims_sim import sentence_features

    kinds = doc.token_kinds
    feats = sentence_features(doc)
    readings = claim_sentences(doc)
    return tuple(
        ClaimSentence(
            si,
            sent.start,
            sent.end,
            sent.text,
            (sent.token_end - sent.token_start) - kinds[sent.token_start : sent.token_end].count("punct"),
            feats[si],
            readings[si],
        )
        for si, sent in enumerate(doc.sentences)
    )


#: Similarity at or above which :func:`align_claims` joins two sentences without the pair matcher.
SIMILARITY_THRESHOLD = 0.2
#: Similarity at or above which :func:`align_claims` asks the pair matcher about a pair.
CANDIDATE_THRESHOLD = 0.1
#: Candidate partners per sentence and other article (the most similar ones).
CANDIDATES_PER_ARTICLE = 2
#: Similarity at or above which a candidate pair is joined even when the pair matcher calls it
#: different (unless a conflict in :data:`ALIGN_VETO` keeps it apart): chosen by
#: leave-one-dataset-out in ``benchmarks/tune_claim_join.py`` (0.20 on all sets and in two of four
#: folds; see ``docs/benchmarks/claims.md``).
JOIN_SIMILARITY = 0.2
#: Two groups of sentences join into one claim only if their mean similarity is at least this
#: (average linkage; 0 turns the check off): keeps chains of pairwise links from joining unrelated
#: sentences in stories with many outlets.
CLUSTER_MIN_SIMILARITY = 0.0
#: Candidates whose larger coverage (IDF-weighted share of one side's content words the other
#: states) is below this are not shown to the pair matcher (they may still join by similarity):
#: see the candidate table in ``docs/benchmarks/claims.md``.
MIN_COVERAGE = 0.3
#: Conflicts that keep two sentences out of one claim, whatever the matcher decides: negation,
#: opposite directions ("approved" / "rejected"), numbers that all disagree, other dates.
ALIGN_VETO: tuple[str, ...] = ("negation", "direction", "number", "date")


def align_claims(
    articles: Any,
    *,
    threshold: float | None = None,
    min_words: int = 4,
    match: bool = True,
    min_group_similarity: float | None = None,
    features: Sequence[Sequence[ClaimSentence]] | None = None,
) -> ClaimAlignment:
    """Align the claims (sentences) of one event's articles across outlets.

    Parameters
    ----------
    articles : Corpus or list of Article
        The articles of **one** event, from one or more outlets.
    threshold : float, optional
        Similarity in [0, 1] at or above which two sentences of different articles may state the
        same claim. With ``match=True`` it selects the candidate pairs the pair matcher decides
        (default :data:`CANDIDATE_THRESHOLD`, 0.10); with ``match=False`` it joins them directly
        (default :data:`SIMILARITY_THRESHOLD`, 0.20, chosen on the development half of the
        hand-made paraphrase set; see ``docs/benchmarks/claims.md``).
    min_words : int
        Sentences with fewer word tokens (headline fragments, datelines, bylines) are left out.
    match : bool
        Decide candidate pairs with the pair matcher (same / partial / different, with explicit
        conflicts); False joins on similarity alone, as before (no ``carried_in_part``).
    min_group_similarity : float, optional
        With ``match=True``: two groups of sentences join into one claim only if their mean
        similarity is at least this (average linkage). Default :data:`CLUSTER_MIN_SIMILARITY`
        (0: off, as chosen by leave-one-story-out on real coverage); about 0.2 stops long chains
        of pairwise links in stories with many outlets, at a small cost in recall (see
        ``docs/benchmarks/claims.md``).
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
        If ``threshold`` or ``min_group_similarity`` is not in [0, 1] or ``min_words`` is not a
        positive int.

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
    event direction ("raised"/"cut", "signed"/"vetoed").

    With ``match=True`` (the default) each sentence's :data:`CANDIDATES_PER_ARTICLE` most similar
    sentences of every other article, at or above ``threshold``, are candidates. The pair matcher
    (:func:`compare.align._claim_match.match_features`, a logistic regression over overlap,
    number, date, name, negation and direction features) decides those sharing at least
    :data:`MIN_COVERAGE` of one side's content words: ``same``, ``partial`` (one side states the
    other's claim and adds a clause) or ``different``. Pairs decided same or partial, and pairs
    whose similarity is at least :data:`JOIN_SIMILARITY` (paraphrases in other words, which the
    lexical matcher misses), are joined, most similar first (on real coverage this order kept more
    true pairs than the matcher's probability). A claim never holds two sentences of one article,
    nor two sentences with a conflict in :data:`ALIGN_VETO` (numbers that all disagree, other
    dates, opposite directions, or one side negating a word the other states outside an added
    clause). An outlet whose sentence has a partial link to another outlet's sentence is
    ``carried_in_part``, with the added or missing clause as evidence. With ``match=False``, pairs
    at or above ``threshold`` are joined greedily by similarity. The result is deterministic: it
    depends on article order only through claim numbering.

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
    if not isinstance(match, bool):
        msg = f"The 'match' parameter of {caller} must be True or False. Got {match!r} instead."
        raise InvalidInputError(msg)
    if threshold is None:
        threshold = CANDIDATE_THRESHOLD if match else SIMILARITY_THRESHOLD
    if isinstance(threshold, bool) or not isinstance(threshold, (int, float)) or not 0.0 <= threshold <= 1.0:
        msg = f"The 'threshold' parameter of {caller} must be a number in [0, 1]. Got {threshold!r} instead."
        raise InvalidInputError(msg)
    if min_group_similarity is None:
        min_group_similarity = CLUSTER_MIN_SIMILARITY
    if (
        isinstance(min_group_similarity, bool)
        or not isinstance(min_group_similarity, (int, float))
        or not 0.0 <= min_group_similarity <= 1.0
    ):
        msg = (
            f"The 'min_group_similarity' parameter of {caller} must be a number in [0, 1]. "
            f"Got {min_group_similarity!r} instead."
        )
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
    readings = []
    for ai, (art, sentences) in enumerate(zip(arts, features, strict=True)):
        missing = match and any(cs.reading is None for cs in sentences)
        if missing:  # features made without the matcher's reading: read the text once
            from ._claim_match import claim_sentences

            extra = claim_sentences(analyze_text(art.text))
        for cs in sentences:
            if cs.n_words < min_words:
                continue
            owner.append(ai)
            meta.append((art.id, art.outlet, cs.sentence, cs.start, cs.end, cs.text))
            feats.append(cs.features)
            readings.append(extra[cs.sentence] if missing else cs.reading)

    if not meta:
        claims = pd.DataFrame(columns=list(CLAIM_COLUMNS)).astype(
            {"sentence": "int64", "start": "int64", "end": "int64", "similarity": "float64"}
        )
        coverage = pd.DataFrame(columns=list(COVERAGE_COLUMNS)).astype(
            {"n_outlets": "int64", "evidence_start": "int64", "evidence_end": "int64"}
        )
        return ClaimAlignment(claims, coverage, outlets, float(threshold), n_articles)

    if len(meta) > _MAX_SENTENCES:
        msg = (
            f"align_claims got {len(meta)} sentences; it compares every pair of sentences of one event "
            "(memory grows with the square). Split the corpus by event first (compare.align.align_events)."
        )
        warnings.warn(msg, CompareWarning, stacklevel=2)
    sim = similarity_matrix(feats)
    linked: dict[int, list[tuple[int, Any, bool]]] = {}  # node -> (other node, match, node is side a)
    if match:
        from ._claim_match import ClaimMatch, _conflicts, load_model, match_features

        model = load_model()
        veto = frozenset(ALIGN_VETO)
        candidates = _candidates(sim, owner, float(threshold), CANDIDATES_PER_ARTICLE)
        asked = [(i, j) for i, j in candidates if _overlap(readings[i], readings[j]) >= MIN_COVERAGE]
        answers = match_features([(readings[i], readings[j]) for i, j in asked], model=model)
        decided = {
            (i, j): _negation_in_scope(m, readings[i], readings[j])
            for (i, j), m in zip(asked, answers, strict=True)
        }
        pairs, matches, weights = [], [], []
        for i, j in candidates:
            m = decided.get((i, j))
            close = float(sim[i, j]) >= JOIN_SIMILARITY
            if m is None:
                if not close:
                    continue
                m = ClaimMatch(
                    math.nan, "different", None, (), math.nan, math.nan, _conflicts(readings[i], readings[j])
                )
                m = _negation_in_scope(m, readings[i], readings[j])
            if m.decision == "different" and close:  # paraphrases the lexical matcher misses
                m = m._replace(decision="same")
            pairs.append((i, j))
            matches.append(m)
            weights.append(float(sim[i, j]))  # joined in order of event similarity, as without the matcher
        roots = _cluster_matched(
            len(meta), owner, pairs, matches, weights, veto, sim, float(min_group_similarity)
        )
        for (i, j), m in zip(pairs, matches, strict=True):
            if m.decision in ("same", "partial") and roots[i] == roots[j] and not _vetoed(m, veto):
                linked.setdefault(i, []).append((j, m, True))
                linked.setdefault(j, []).append((i, m, False))
    else:
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
    for root, nodes in sorted(groups.items(), key=lambda kv: ids[kv[0]]):
        have: dict[str, list[int]] = {}
        for i in nodes:
            have.setdefault(meta[i][1], []).append(i)
        k = len(have)
        for outlet in outlets:
            if outlet not in have:
                cov_rows.append((ids[root], outlet, "omitted", k, "", "", -1, -1, ""))
            elif k == 1:
                cov_rows.append((ids[root], outlet, "only_here", k, "", "", -1, -1, ""))
            else:
                status, part, ev_id, ev_start, ev_end, ev_text = _outlet_status(
                    have[outlet], linked, meta, owner, arts
                )
                cov_rows.append((ids[root], outlet, status, k, part, ev_id, ev_start, ev_end, ev_text))
    coverage = pd.DataFrame(cov_rows, columns=list(COVERAGE_COLUMNS))
    return ClaimAlignment(claims, coverage, outlets, float(threshold), n_articles)


def _outlet_status(
    nodes: list[int], linked: dict[int, list[tuple[int, Any, bool]]], meta: list, owner: list[int], arts: list
) -> tuple[str, str, str, int, int, str]:
    """Status of an outlet that states a shared claim: carried, or carried in part with the clause.

    ``carried_in_part`` when the pair matcher found one of its direct links to another outlet's
    sentence partial: the most probable such link gives the evidence (``adds``: the clause its
    sentence adds; ``lacks``: the clause the other outlet's sentence adds). ``carried`` when all
    its links are the same claim (or it was joined without the matcher). In a story with many
    outlets an outlet is thus "in part" as soon as one other outlet tells the claim with more or
    fewer words; the evidence says which.
    """
    outlet = meta[nodes[0]][1]
    best = None
    for i in nodes:
        for j, m, i_is_a in linked.get(i, ()):
            if meta[j][1] == outlet or m.decision != "partial" or not m.added:
                continue
            if best is None or m.probability > best[1].probability:
                best = (i, m, i_is_a, j)
    if best is None:
        return ("carried", "", "", -1, -1, "")
    i, m, i_is_a, j = best
    adds = (m.longer == "a") == i_is_a
    node = i if adds else j
    art = arts[owner[node]]
    start, end = m.added[0]
    return ("carried_in_part", "adds" if adds else "lacks", art.id, int(start), int(end), art.text[start:end])
