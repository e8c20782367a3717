"""Naming: how each outlet names a referent, with shares and intervals (private).

Four dimensions, one tidy table (:data:`NAMING_COLUMNS`):

``name``
    the name as written in each mention of a canonical actor ("Zelensky", "Volodymyr Zelenskyy");
``spelling``
    spelling variants of one word of an actor's name, found from the data: words of the actor's
    mentions that differ by at most two edits and start with the same letter ("Kiev" / "Kyiv",
    "Zelensky" / "Zelenskyy" / "Zelenskiy");
``descriptor``
    the descriptors attached to the actor (titles, epithets, appositions: the ``labels`` table of
    :func:`actor_labels`, or the mention titles);
``term``
    contested terms from a small documented list (``compare/data/contested_terms.csv``): the
    name of the event itself ("invasion" / "special military operation" / "war"), "Kyiv regime" /
    "Ukrainian government", ... (:func:`find_terms`).
"""

from __future__ import annotations

import csv
import functools
import math
import re
from collections.abc import Hashable, Iterable, Mapping
from importlib import resources
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "CONTESTED_TERMS_FILE",
    "NAMING_COLUMNS",
    "TERM_COLUMNS",
    "contested_terms",
    "find_terms",
    "naming_table",
    "wilson_interval",
]

#: file name of the contested-term list inside ``compare/data``
CONTESTED_TERMS_FILE = "contested_terms.csv"
#: columns of :func:`find_terms`
TERM_COLUMNS = ("article_id", "outlet", "topic", "referent", "kind", "variant", "start", "end", "text")
#: columns of :func:`naming_table` (the ``naming`` table)
NAMING_COLUMNS = (
    "referent",
    "referent_kind",
    "dimension",
    "group",
    "form",
    "count",
    "total",
    "share",
    "ci_low",
    "ci_high",
    "ci_method",
    "n_articles",
    "example_article_id",
    "example_start",
    "example_end",
    "evidence",
)
_DIMENSIONS = ("name", "spelling", "descriptor", "term")
_DESCRIPTOR_KINDS = frozenset(["title", "descriptor", "appositive", "predicative"])
_LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


# ---------------------------------------------------------------------------------------------
# intervals
# ---------------------------------------------------------------------------------------------
def wilson_interval(count: int, total: int, *, confidence: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of a proportion ``count / total``.

    Parameters
    ----------
    count, total : int
    confidence : float
        Coverage, in (0, 1).

    Returns
    -------
    (float, float)
        Lower and upper end; ``(nan, nan)`` when ``total`` is 0.

    References
    ----------
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical inference.
    *Journal of the American Statistical Association*, 22(158), 209-212.

    Examples
    --------
    >>> [round(x, 4) for x in wilson_interval(3, 10)]
    [0.1078, 0.6032]
    """
    from statistics import NormalDist

    if total <= 0:
        return math.nan, math.nan
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p = count / total
    denom = 1 + z * z / total
    centre = (p + z * z / (2 * total)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return max(0.0, centre - half), min(1.0, centre + half)


def _bootstrap_intervals(
    per_article: list[list[int]], *, confidence: float, n_boot: int, seed: int
) -> list[tuple[float, float]]:
    """Percentile intervals of each form's share, resampling articles (rows of ``per_article``)."""
    import numpy as np

    counts = np.asarray(per_article, dtype="float64")  # articles x forms
    n = counts.shape[0]
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, n, size=(n_boot, n))
    sums = counts[idx].sum(axis=1)  # n_boot x forms
    totals = sums.sum(axis=1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares = np.where(totals > 0, sums / totals, np.nan)
    lo, hi = (1 - confidence) / 2, 1 - (1 - confidence) / 2
    low = np.nanquantile(shares, lo, axis=0)
    high = np.nanquantile(shares, hi, axis=0)
    return [(float(a), float(b)) for a, b in zip(low, high, strict=True)]


# ---------------------------------------------------------------------------------------------
# contested terms
# ---------------------------------------------------------------------------------------------
def _term_rows() -> tuple[dict[str, str], ...]:
    """The rows of the shipped list (read on each call: a few kilobytes, no cache to bound)."""
    text = resources.files("compare.data").joinpath(CONTESTED_TERMS_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines))


def contested_terms() -> pd.DataFrame:
    """The shipped list of contested terms (``compare/data/contested_terms.csv``).

    Returns
    -------
    pandas.DataFrame
        Columns ``topic, referent, kind, variant, cues, source, licence_note``: one row per
        variant of a contested name; ``cues`` are words (separated by ``|``) one of which must
        occur in an article for the topic's variants to be counted there (empty: always);
        ``source`` names the style guide, glossary, law or regulator statement that documents
        the contest.

    Examples
    --------
    >>> terms = contested_terms()
    >>> sorted(terms.loc[terms.topic == "ukraine-place-names", "variant"])
    ['Kiev', 'Kyiv']
    """
    import pandas as pd

    return pd.DataFrame(list(_term_rows()), columns=["topic", "referent", "kind", "variant", "cues", "source", "licence_note"])


def _words_of(text: str) -> tuple[str, ...]:
    from ...text import analyze_text

    doc = analyze_text(text)
    return tuple(low for low, kind in zip(doc.token_lowers, doc.token_kinds, strict=True) if kind == "word")


class _TermIndex(NamedTuple):
    variants: dict[tuple[str, ...], list[tuple[str, str, str, str]]]
    cues: dict[str, frozenset[str]]
    by_first: dict[str, list[tuple[str, ...]]]


def _term_index(table: pd.DataFrame) -> _TermIndex:
    """The term list as word-tuple keys, longest first, with each topic's cue words."""
    from ..._validation import check_columns

    check_columns(table, ["topic", "referent", "variant"], caller="find_terms")
    variants: dict[tuple[str, ...], list[tuple[str, str, str, str]]] = {}
    cues: dict[str, frozenset[str]] = {}
    for r in table.to_dict("records"):
        key = _words_of(str(r["variant"]))
        if not key:
            continue
        variants.setdefault(key, []).append((str(r["topic"]), str(r["referent"]), str(r.get("kind", "") or ""), str(r["variant"])))
        raw = r.get("cues", "")
        words = frozenset(w.strip().lower() for w in str(raw if isinstance(raw, str) else "").split("|") if w.strip())
        cues[str(r["topic"])] = cues.get(str(r["topic"]), frozenset()) | words
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for key in sorted(variants, key=len, reverse=True):
        by_first.setdefault(key[0], []).append(key)
    return _TermIndex(variants, cues, by_first)


@functools.cache
def _shipped_term_index() -> _TermIndex:
    return _term_index(contested_terms())


def _doc_terms(doc: Any, index: _TermIndex, *, present: set[str] | None = None) -> list[dict[str, Any]]:
    """The contested terms a Document uses: ``topic, referent, kind, variant, start, end, text``
    rows (offsets into ``doc.text``); ``present`` are the article's words, for the topics' cues."""
    lows = doc.token_lowers
    kinds = doc.token_kinds
    present = set(lows) if present is None else present
    rows = []
    i = 0
    while i < len(lows):
        found = None
        if kinds[i] == "word":
            for key in index.by_first.get(lows[i], ()):
                if tuple(lows[i : i + len(key)]) == key and all(k == "word" for k in kinds[i : i + len(key)]):
                    found = key
                    break
        if found is None:
            i += 1
            continue
        start, end = doc.token_starts[i], doc.token_ends[i + len(found) - 1]
        for topic, referent, kind, variant in index.variants[found]:
            if index.cues.get(topic) and not (index.cues[topic] & present):
                continue
            rows.append(
                {"topic": topic, "referent": referent, "kind": kind, "variant": variant, "start": start, "end": end,
                 "text": doc.text[start:end]}
            )
        i += len(found)
    return rows


def document_terms(doc: Any) -> list[dict[str, Any]]:
    """The shipped contested terms one analysed article uses (rows of :func:`find_terms` without
    ``article_id`` and ``outlet``); the word-choice family calls this once per article.

    Parameters
    ----------
    doc : Document

    Returns
    -------
    list of dict
    """
    return _doc_terms(doc, _shipped_term_index())


def find_terms(frame: pd.DataFrame, *, terms: pd.DataFrame | None = None, text: str = "text") -> pd.DataFrame:
    """Where each article uses a contested term, with offsets.

    Parameters
    ----------
    frame : pandas.DataFrame
        Articles (``article_id``, ``outlet`` and ``text`` columns; ``id`` is accepted for
        ``article_id``, as in :meth:`compare.Corpus.to_frame`), or the ``sentences`` table of a
        run (``article_id``, ``start``, ``text``; offsets are then shifted by each sentence's
        ``start``, and ``outlet`` is taken from the frame if present).
    terms : pandas.DataFrame, optional
        A term list with the columns of :func:`contested_terms` (``cues`` and ``kind`` may be
        left out); default: the shipped list.
    text : str
        Column of the texts.

    Returns
    -------
    pandas.DataFrame
        Columns ``article_id, outlet, topic, referent, kind, variant, start, end, text``: one row
        per use; ``text`` is the words as written (``Article.text[start:end]``).

    Raises
    ------
    compare.exceptions.SchemaError
        If a needed column is missing.

    Notes
    -----
    Matching is on the Document's word tokens, case-insensitive, longest variant first, so
    "special military operation" is not also counted as "military operation", and "Kyiv regime"
    not also as "Kyiv". A topic's variants count in an article only if one of its cue words
    occurs in that article.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["The Kiev regime and the special military operation in Ukraine."]})
    >>> find_terms(df)[["variant", "text"]].values.tolist()
    [['Kiev regime', 'Kiev regime'], ['special military operation', 'special military operation']]
    """
    import pandas as pd

    from ..._validation import check_columns
    from ...text import analyze_text

    caller = "find_terms"
    if "article_id" not in frame.columns and "id" in frame.columns:
        frame = frame.rename(columns={"id": "article_id"})
    check_columns(frame, ["article_id", text], caller=caller)
    index = _shipped_term_index() if terms is None else _term_index(terms)
    offsets = "start" in frame.columns and "sentence" in frame.columns
    # per article: (base offset, Document) pieces
    pieces: dict[str, list[tuple[int, Any]]] = {}
    outlets: dict[str, Any] = {}
    for r in frame.to_dict("records"):
        value = r[text]
        if not isinstance(value, str) or not value:
            continue
        aid = str(r["article_id"])
        pieces.setdefault(aid, []).append((int(r["start"]) if offsets else 0, analyze_text(value)))
        outlets.setdefault(aid, r.get("outlet"))
    rows = []
    for aid, docs in pieces.items():
        present = set()
        for _base, doc in docs:
            present.update(doc.token_lowers)
        for base, doc in docs:
            for hit in _doc_terms(doc, index, present=present):
                rows.append(
                    {"article_id": aid, "outlet": outlets[aid], **hit, "start": base + hit["start"], "end": base + hit["end"]}
                )
    out = pd.DataFrame(rows, columns=list(TERM_COLUMNS))
    return out.astype({"start": "int64", "end": "int64"})


# ---------------------------------------------------------------------------------------------
# spelling variants found from the data
# ---------------------------------------------------------------------------------------------
def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Levenshtein distance, stopped early above ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
        if min(cur) > limit:
            return limit + 1
        prev = cur
    return prev[-1]


_INFLECTIONS = ("s", "es", "i", "a", "n")


def _inflected(a: str, b: str) -> bool:
    """Whether one word is the other plus an inflection ("Force"/"Forces", "Israel"/"Israeli",
    "Fadeev"/"Fadeeva", "Electronic"/"Electronics"): another word, not another spelling."""
    short, long_ = sorted((a, b), key=len)
    return long_.startswith(short) and long_[len(short) :] in _INFLECTIONS


def _spelling_clusters(words: Iterable[str]) -> dict[str, str]:
    """Map each word (lower case) to its cluster's key: words of four or more letters with the same
    first letter, within two edits of a member of the cluster (single linkage), unless one is the
    other plus an inflection (:func:`_inflected`)."""
    items = sorted({w for w in words if len(w) >= 4})
    parent = {w: w for w in items}

    def find(w: str) -> str:
        while parent[w] != w:
            parent[w] = parent[parent[w]]
            w = parent[w]
        return w

    for i, a in enumerate(items):
        for b in items[i + 1 :]:
            if a[0] == b[0] and _edit_distance(a, b) <= 2 and not _inflected(a, b):
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[max(ra, rb)] = min(ra, rb)
    return {w: find(w) for w in items}


def _merge_spelling_variants(names: Mapping[tuple[str, str], int]) -> dict[str, str]:
    """Actor -> referent: actors of one kind whose names differ only in the spelling of a word
    ("Volodymyr Zelenskiy" / "Volodymyr Zelenskyy") are one referent, named after the most
    mentioned. Words pair up in order; a pair differs by at most one edit, both of five or more
    letters, and at least one word is spelt the same ("Navalny" / "Navalnaya" stay apart)."""
    by_kind: dict[tuple[str, int], list[tuple[str, tuple[str, ...]]]] = {}
    for actor, kind in names:
        words = tuple(w.casefold() for w in actor.split())
        by_kind.setdefault((kind, len(words)), []).append((actor, words))
    counts: dict[str, int] = {}
    for (actor, _kind), n in names.items():
        counts[actor] = counts.get(actor, 0) + n
    parent: dict[str, str] = {}

    def find(a: str) -> str:
        while parent.get(a, a) != a:
            a = parent[a]
        return a

    def close(x: str, y: str) -> bool:
        return x == y or (len(x) >= 5 and len(y) >= 5 and x[0] == y[0] and _edit_distance(x, y, 1) <= 1)

    for members in by_kind.values():
        if len(members) < 2 or len(members) > 2000:
            continue
        for i, (a, wa) in enumerate(members):
            for b, wb in members[i + 1 :]:
                if wa != wb and any(x == y for x, y in zip(wa, wb, strict=True)) and all(
                    close(x, y) for x, y in zip(wa, wb, strict=True)
                ):
                    ra, rb = find(a), find(b)
                    if ra != rb:
                        parent[rb] = ra
    groups: dict[str, list[str]] = {}
    for actor in counts:
        groups.setdefault(find(actor), []).append(actor)
    out = {}
    for members in groups.values():
        head = min(members, key=lambda a: (-counts[a], a))
        for a in members:
            out[a] = head
    return out


def _name_words(text: str) -> list[str]:
    return [m.group(0) for m in _WORD.finditer(text) if m.group(0)[:1].isupper()]


# ---------------------------------------------------------------------------------------------
# the table
# ---------------------------------------------------------------------------------------------
def _norm(text: str) -> str:
    return _SPACES.sub(" ", str(text).replace("’", "'")).strip()


def _descriptor_key(text: str) -> str:
    return _LEADING_ARTICLE.sub("", _norm(text)).casefold()


def _group_column(df: pd.DataFrame, by: str | Mapping[Hashable, Hashable], articles: pd.DataFrame | None, caller: str) -> pd.Series:
    from ..._validation import check_columns

    if isinstance(by, Mapping):
        check_columns(df, ["outlet"], caller=caller)
        return df["outlet"].map(by)
    if by in df.columns:
        return df[by]
    if articles is not None and by in articles.columns and "article_id" in df.columns:
        return df["article_id"].map(articles.drop_duplicates("article_id").set_index("article_id")[by])
    check_columns(df, [by], caller=caller)
    return df[by]  # pragma: no cover - check_columns raised


def naming_table(
    mentions: pd.DataFrame,
    labels: pd.DataFrame | None = None,
    *,
    terms: pd.DataFrame | None = None,
    by: str | Mapping[Hashable, Hashable] = "outlet",
    articles: pd.DataFrame | None = None,
    dimensions: Iterable[str] = _DIMENSIONS,
    interval: str = "wilson",
    confidence: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
    max_evidence: int = 3,
    merge_variants: bool = True,
) -> pd.DataFrame:
    """How each outlet (or group of outlets) names each referent: forms, counts, shares, evidence.

    Parameters
    ----------
    mentions : pandas.DataFrame
        The ``mentions`` table of a run (``article_id, outlet, start, end, text, actor, kind``;
        ``title`` is used for descriptors when ``labels`` is None).
    labels : pandas.DataFrame, optional
        The ``labels`` table (descriptors: ``article_id, outlet, actor, label, kind, start,
        end``). Rows whose actor is not a named actor of ``mentions`` (unnamed groups such as
        "junior officials") are left out.
    terms : pandas.DataFrame, optional
        Uses of contested terms (:func:`find_terms`); the ``term`` dimension is empty without it.
    by : str or mapping
        Column that names the side (``"outlet"``, or a column of ``articles`` such as ``"group"``
        or ``"country"``, joined on ``article_id``), or a mapping outlet -> group.
    articles : pandas.DataFrame, optional
        Article table (``article_id`` and the ``by`` column), when ``by`` is not in the tables.
    dimensions : iterable of str
        Which of ``"name"``, ``"spelling"``, ``"descriptor"``, ``"term"`` to compute.
    interval : {"wilson", "bootstrap"}
        ``"wilson"``: Wilson score interval, treating every use as independent;
        ``"bootstrap"``: percentile interval from resampling the side's articles (uses within
        an article move together; ``n_boot`` resamples, ``seed``).
    confidence : float
        Interval coverage, in (0, 1).
    n_boot, seed : int
        Bootstrap resamples and random seed (``interval="bootstrap"`` only).
    max_evidence : int
        Occurrences kept in ``evidence`` per row (first in article and offset order).
    merge_variants : bool
        Treat actors of one kind whose names differ only in the spelling of a word ("Volodymyr
        Zelenskiy" / "Volodymyr Zelenskyy", left apart by the actor resolution) as one referent,
        named after the most mentioned; their ``labels`` follow.

    Returns
    -------
    pandas.DataFrame
        One row per referent, dimension, side and form, columns :data:`NAMING_COLUMNS`:

        - ``referent``: the canonical actor, or the referent of a contested term ("the war (the
          event)"); ``referent_kind``: person, organization, location, group (from the
          mentions), or the term list's kind (event, place, organisation, group);
        - ``dimension``: ``name``, ``spelling``, ``descriptor`` or ``term``;
        - ``group``: the side (outlet or group); ``form``: the form as written (the most
          frequent writing of forms that differ only in case, apostrophe or a leading article);
        - ``count``: uses of the form; ``total``: uses of all forms of the referent in this
          dimension by this side (for ``spelling``: of all spellings of the same word);
          ``share = count / total``, with ``ci_low``, ``ci_high`` and
          ``ci_method`` (``"wilson"`` or ``"bootstrap"``);
        - ``n_articles``: the side's articles that use the form;
        - ``example_article_id, example_start, example_end``: the first use, and ``evidence``:
          up to ``max_evidence`` uses as ``[article_id, start, end]`` lists (offsets into
          ``Article.text``).

        Sorted by referent, dimension, group, count (descending) and form. A ``spelling`` row
        exists only for a word with two or more spellings in the whole table.

    Raises
    ------
    compare.exceptions.SchemaError
        If a needed column is missing.
    compare.exceptions.InvalidInputError
        If an option is out of range or a dimension is unknown.

    See Also
    --------
    find_terms : Uses of contested terms.
    actor_labels : Descriptors per actor.

    Notes
    -----
    Shares are of uses, so an article that names a referent often weighs more; the Wilson
    interval treats the uses as independent and is too narrow when an outlet repeats itself
    within articles; the article bootstrap does not assume that.

    Examples
    --------
    >>> import pandas as pd
    >>> mentions = pd.DataFrame({
    ...     "article_id": ["a1", "a1", "a2"], "outlet": ["X", "X", "Y"], "start": [0, 20, 0], "end": [4, 24, 4],
    ...     "text": ["Kyiv", "Kyiv", "Kiev"], "actor": ["Kyiv"] * 3, "kind": ["location"] * 3,
    ... })
    >>> t = naming_table(mentions, dimensions=["spelling"])
    >>> t[["group", "form", "count", "share"]].values.tolist()
    [['X', 'Kyiv', 2, 1.0], ['Y', 'Kiev', 1, 1.0]]
    """
    import pandas as pd

    from ..._validation import check_choice, check_columns, check_int, check_number
    from ...exceptions import InvalidInputError

    caller = "naming_table"
    check_columns(mentions, ["article_id", "start", "end", "text", "actor"], caller=caller)
    dims = tuple(dimensions)
    bad = [d for d in dims if d not in _DIMENSIONS]
    if bad:
        msg = f"The 'dimensions' parameter of {caller} must contain only {list(_DIMENSIONS)!r}. Got {bad!r} instead."
        raise InvalidInputError(msg)
    check_choice(interval, ["wilson", "bootstrap"], name="interval", caller=caller)
    confidence = check_number(confidence, name="confidence", caller=caller, low=0.0, high=1.0)
    if not 0 < confidence < 1:
        msg = f"The 'confidence' parameter of {caller} must be in (0, 1). Got {confidence!r} instead."
        raise InvalidInputError(msg)
    check_int(n_boot, name="n_boot", caller=caller, low=1)
    check_int(seed, name="seed", caller=caller, low=0)
    check_int(max_evidence, name="max_evidence", caller=caller, low=1)

    # uses: referent, referent_kind, dimension, group, key, written form, article_id, start, end
    uses: list[tuple[str, str, str, Any, str, str, str, int, int]] = []
    if any(d in dims for d in ("name", "spelling", "descriptor")):
        m = mentions.assign(_group=_group_column(mentions, by, articles, caller))
        m = m[m["_group"].notna() & m["actor"].notna()]
    else:
        m = mentions.iloc[0:0].assign(_group=None)
    rename: dict[str, str] = {}
    if merge_variants and len(m):
        kind_col = m["kind"].astype(str) if "kind" in m.columns else pd.Series("", index=m.index)
        sizes = m.assign(_k=kind_col).groupby(["actor", "_k"]).size()
        rename = _merge_spelling_variants({(str(a), str(k)): int(n) for (a, k), n in sizes.items()})
        m = m.assign(actor=m["actor"].astype(str).map(lambda a: rename.get(a, a)))
    kinds = (
        m.groupby("actor")["kind"].agg(lambda s: s.mode().iloc[0] if len(s.mode()) else "")
        if "kind" in m.columns
        else pd.Series(dtype=object)
    )
    records = m.to_dict("records")
    if "name" in dims:
        for r in records:
            form = _norm(r["text"])
            uses.append((str(r["actor"]), str(kinds.get(r["actor"], "")), "name", r["_group"], form.casefold(), form,
                         str(r["article_id"]), int(r["start"]), int(r["end"])))
    if "spelling" in dims:
        by_actor: dict[str, list[dict[str, Any]]] = {}
        for r in records:
            by_actor.setdefault(str(r["actor"]), []).append(r)
        for actor, rs in by_actor.items():
            clusters = _spelling_clusters(w.casefold() for r in rs for w in _name_words(str(r["text"])))
            members: dict[str, set[str]] = {}
            for w, key in clusters.items():
                members.setdefault(key, set()).add(w)
            varied = {key for key, ws in members.items() if len(ws) > 1}
            if not varied:
                continue
            for r in rs:
                text = str(r["text"])
                for mw in _WORD.finditer(text):
                    word = mw.group(0)
                    key = clusters.get(word.casefold())
                    if key in varied and word[:1].isupper():
                        start = int(r["start"]) + mw.start()
                        uses.append((actor, str(kinds.get(actor, "")), "spelling", r["_group"], f"{key}\x00{word.casefold()}",
                                     word, str(r["article_id"]), start, start + len(word)))
    if "descriptor" in dims:
        named = set(m["actor"].astype(str))
        if labels is not None:
            check_columns(labels, ["article_id", "actor", "label", "start", "end"], caller=caller)
            lab = labels.assign(_group=_group_column(labels, by, articles, caller))
            if "kind" in lab.columns:
                lab = lab[lab["kind"].isin(_DESCRIPTOR_KINDS)]
            for r in lab[lab["_group"].notna()].to_dict("records"):
                actor = rename.get(str(r["actor"]), str(r["actor"]))
                if actor not in named:
                    continue
                form = _LEADING_ARTICLE.sub("", _norm(r["label"]))
                cut = len(_norm(r["label"])) - len(form)
                uses.append((actor, str(kinds.get(actor, "")), "descriptor", r["_group"], _descriptor_key(r["label"]), form,
                             str(r["article_id"]), int(r["start"]) + cut, int(r["end"])))
        elif "title" in m.columns:
            for r in records:
                title = r.get("title")
                if not isinstance(title, str) or not title.strip():
                    continue
                form = _norm(title)
                uses.append((str(r["actor"]), str(kinds.get(r["actor"], "")), "descriptor", r["_group"], _descriptor_key(title),
                             form, str(r["article_id"]), int(r["start"]), int(r["end"])))
    if "term" in dims and terms is not None:
        check_columns(terms, ["article_id", "referent", "variant", "start", "end"], caller=caller)
        t = terms.assign(_group=_group_column(terms, by, articles, caller))
        for r in t[t["_group"].notna()].to_dict("records"):
            uses.append((str(r["referent"]), str(r.get("kind", "") or "term"), "term", r["_group"], str(r["variant"]).casefold(),
                         str(r["variant"]), str(r["article_id"]), int(r["start"]), int(r["end"])))

    rows = _aggregate(uses, interval=interval, confidence=confidence, n_boot=n_boot, seed=seed, max_evidence=max_evidence)
    out = pd.DataFrame(rows, columns=list(NAMING_COLUMNS))
    if out.empty:
        return out
    order = {d: i for i, d in enumerate(_DIMENSIONS)}
    out = out.assign(_d=out["dimension"].map(order), _g=out["group"].astype(str))
    out = out.sort_values(["referent", "_d", "_g", "count", "form"], ascending=[True, True, True, False, True], kind="mergesort")
    out = out.drop(columns=["_d", "_g"]).reset_index(drop=True)
    return out.astype({"count": "int64", "total": "int64", "n_articles": "int64", "example_start": "int64", "example_end": "int64"})


def _aggregate(
    uses: list[tuple[str, str, str, Any, str, str, str, int, int]],
    *,
    interval: str,
    confidence: float,
    n_boot: int,
    seed: int,
    max_evidence: int,
) -> list[dict[str, Any]]:
    from collections import Counter

    uses = sorted(uses, key=lambda u: (u[0], u[2], str(u[3]), u[6], u[7], u[4]))
    # a stratum: referent, dimension, side (and, for spellings, the word whose spellings compete)
    strata: dict[tuple[str, str, Any, str], list[tuple[str, str, str, Any, str, str, str, int, int]]] = {}
    for u in uses:
        strata.setdefault((u[0], u[2], u[3], u[4].split("\x00")[0] if u[2] == "spelling" else ""), []).append(u)
    # display form of a key: its most frequent writing in the whole table (ties: first in order)
    writings: dict[tuple[str, str, str], Counter[str]] = {}
    for u in uses:
        writings.setdefault((u[0], u[2], u[4]), Counter())[u[5]] += 1
    rows = []
    for (referent, dimension, group, _word), us in strata.items():
        total = len(us)
        keys = sorted({u[4] for u in us})
        by_key = {k: [u for u in us if u[4] == k] for k in keys}
        if interval == "bootstrap":
            arts = sorted({u[6] for u in us})
            pos = {a: i for i, a in enumerate(arts)}
            per_article = [[0] * len(keys) for _ in arts]
            for j, k in enumerate(keys):
                for u in by_key[k]:
                    per_article[pos[u[6]]][j] += 1
            cis = _bootstrap_intervals(per_article, confidence=confidence, n_boot=n_boot, seed=seed)
        else:
            cis = [wilson_interval(len(by_key[k]), total, confidence=confidence) for k in keys]
        for k, ci in zip(keys, cis, strict=True):
            ku = by_key[k]
            first = ku[0]
            rows.append(
                {
                    "referent": referent,
                    "referent_kind": first[1],
                    "dimension": dimension,
                    "group": group,
                    "form": writings[(referent, dimension, k)].most_common(1)[0][0],
                    "count": len(ku),
                    "total": total,
                    "share": len(ku) / total,
                    "ci_low": ci[0],
                    "ci_high": ci[1],
                    "ci_method": interval,
                    "n_articles": len({u[6] for u in ku}),
                    "example_article_id": first[6],
                    "example_start": first[7],
                    "example_end": first[8],
                    "evidence": [[u[6], u[7], u[8]] for u in ku[:max_evidence]],
                }
            )
    return rows
