"""Distinctive vocabulary between two outlets or two groups of outlets (private).

Weighted log-odds ratios with an informative Dirichlet prior ("Fightin' Words", Monroe, Colaresi &
Quinn 2008), per story and pooled across stories. Words are the Document's word tokens, lower-cased
(:attr:`compare.text.Document.token_lowers`); nothing here tokenises text itself.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["VOCABULARY_COLUMNS", "distinctive_words", "log_odds_dirichlet", "word_counts"]

#: columns of :func:`distinctive_words`
VOCABULARY_COLUMNS = (
    "scope",
    "word",
    "group_a",
    "group_b",
    "count_a",
    "count_b",
    "n_a",
    "n_b",
    "prior",
    "delta",
    "se",
    "z",
    "n_stories",
)


def word_counts(texts: Iterable[str], *, exclude: frozenset[str] = frozenset()) -> Counter[str]:
    """Counts of the lower-cased word tokens of ``texts`` (Document tokens of kind ``"word"``).

    Parameters
    ----------
    texts : iterable of str
    exclude : frozenset of str
        Lower-cased words not to count (e.g. stop words).

    Returns
    -------
    collections.Counter
        word -> count.

    Examples
    --------
    >>> sorted(word_counts(["The war, the war."]).items())
    [('the', 2), ('war', 2)]
    """
    from ...text import analyze_text

    counts: Counter[str] = Counter()
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            continue
        doc = analyze_text(text)
        counts.update(
            low for low, kind in zip(doc.token_lowers, doc.token_kinds, strict=True) if kind == "word" and low not in exclude
        )
    return counts


def log_odds_dirichlet(
    counts_a: Mapping[str, int],
    counts_b: Mapping[str, int],
    prior: Mapping[str, float],
) -> dict[str, tuple[float, float, float]]:
    """Weighted log-odds ratio of each word between two corpora, with a Dirichlet prior.

    Parameters
    ----------
    counts_a, counts_b : mapping of str to int
        Word counts of the two corpora.
    prior : mapping of str to float
        Prior pseudo-count ``alpha_w`` > 0 of each word; words without a positive prior are left out.

    Returns
    -------
    dict
        word -> ``(delta, se, z)``: the log-odds ratio of A over B (positive = more typical of A),
        its approximate standard error, and ``z = delta / se``; NaN for a word that is all of a
        side's words and of the prior (its odds are undefined).

    Notes
    -----
    With ``y`` the counts, ``n`` the corpus sizes and ``alpha_0 = sum_w alpha_w`` (Monroe, Colaresi
    & Quinn 2008, eqs. 16 and 18-22):

    .. math::

        \\delta_w = \\log\\frac{y^a_w + \\alpha_w}{n^a + \\alpha_0 - y^a_w - \\alpha_w}
                  - \\log\\frac{y^b_w + \\alpha_w}{n^b + \\alpha_0 - y^b_w - \\alpha_w},\\qquad
        \\sigma^2(\\delta_w) \\approx \\frac{1}{y^a_w + \\alpha_w} + \\frac{1}{y^b_w + \\alpha_w}

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature selection
    and evaluation for identifying the content of political conflict. *Political Analysis*, 16(4),
    372-403.

    Examples
    --------
    >>> out = log_odds_dirichlet({"war": 3, "talks": 1}, {"war": 1, "talks": 3}, {"war": 4.0, "talks": 4.0})
    >>> round(out["war"][0], 4), round(out["war"][2], 4)
    (0.6729, 1.1493)
    """
    n_a = sum(counts_a.values())
    n_b = sum(counts_b.values())
    alpha_0 = sum(v for v in prior.values() if v > 0)
    out: dict[str, tuple[float, float, float]] = {}
    for word, alpha in prior.items():
        if not alpha > 0:
            continue
        ya = counts_a.get(word, 0)
        yb = counts_b.get(word, 0)
        se = math.sqrt(1.0 / (ya + alpha) + 1.0 / (yb + alpha))
        rest_a = n_a + alpha_0 - ya - alpha
        rest_b = n_b + alpha_0 - yb - alpha
        if rest_a <= 0 or rest_b <= 0:  # the word is a side's whole vocabulary: odds undefined
            out[word] = (math.nan, se, math.nan)
            continue
        delta = math.log((ya + alpha) / rest_a) - math.log((yb + alpha) / rest_b)
        out[word] = (delta, se, delta / se)
    return out


def _members(value: Hashable | Sequence[Hashable]) -> tuple[Hashable, ...]:
    if isinstance(value, (list, tuple, set, frozenset)):
        return tuple(sorted(value, key=str))
    return (value,)


def _name(members: tuple[Hashable, ...]) -> str:
    return " + ".join(map(str, members))


def distinctive_words(
    frame: pd.DataFrame,
    *,
    a: Hashable | Sequence[Hashable],
    b: Hashable | Sequence[Hashable],
    by: str | Mapping[Hashable, Hashable] = "outlet",
    story: str | None = "event_id",
    text: str = "text",
    articles: pd.DataFrame | None = None,
    prior_scale: float = 1.0,
    min_count: int = 1,
    exclude_stop_words: bool = False,
) -> pd.DataFrame:
    """Words that tell two outlets (or two groups of outlets) apart: Fightin' Words z-scores.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per text: the ``sentences`` table of a run, or articles (``text`` column), with
        the column named by ``by`` (or ``outlet`` when ``by`` is a mapping) and ``story``. A
        ``sentences`` table has neither: pass ``articles`` to join them on ``article_id``.
    a, b : value or sequence of values
        The two sides: values of the ``by`` column (or of the mapping's groups); a sequence
        pools several ("two groups of outlets").
    by : str or mapping
        The column that names a text's side (``"outlet"``, ``"group"``, ...), or a mapping
        outlet -> group applied to the ``outlet`` column.
    story : str or None
        Column of the story (event) of a text: one comparison per story, and a pooled one. None:
        one comparison of all texts (``scope="all"``).
    text : str
        Column of the texts.
    articles : pandas.DataFrame, optional
        Article table (``article_id`` and the columns ``frame`` lacks) to join on ``article_id``.
    prior_scale : float
        Weight of the prior: ``alpha_0 = prior_scale x (n_a + n_b)``, so with 1 the prior weighs as
        much as the two sides' words together; its shape is the word distribution of all texts of
        the scope (both sides and any other outlet of the story): ``alpha_w = alpha_0 x
        count_w / size``. Larger values shrink rare words harder.
    min_count : int
        Keep words used at least this many times by the two sides together (in the scope).
    exclude_stop_words : bool
        Leave out :data:`compare.wordlists.STOP_WORDS`.

    Returns
    -------
    pandas.DataFrame
        Columns ``scope, word, group_a, group_b, count_a, count_b, n_a, n_b, prior, delta, se, z,
        n_stories``, one row per word and scope: each story (``scope`` = the story) and
        ``scope="all"``, pooled over the stories where both sides have text. ``delta`` is the
        log-odds ratio of A over B (positive = more typical of A), ``se`` its standard error,
        ``z = delta / se``; ``|z| > 1.96`` is the usual 95 % mark (a model-based figure, not a
        test corrected for the many words compared). ``n_a``, ``n_b``: words of each side in the
        scope. Sorted by scope, then ``z`` (descending).

    Raises
    ------
    compare.exceptions.SchemaError
        If a needed column is missing.
    compare.exceptions.InvalidInputError
        If ``a`` and ``b`` overlap, a side has no text, or an option is out of range.

    Notes
    -----
    Per story, :func:`log_odds_dirichlet` with an informative prior ``alpha_w = alpha_0 x pi_w``
    (Monroe et al. 2008, section 3.5), ``pi`` the story's word distribution. When the story has
    no other outlet, ``alpha_w`` is the word's count on both sides together, as in the R package
    tidylo. Pooled over stories, the
    per-story estimates are combined with inverse-variance weights (a fixed-effect meta-analysis):
    ``delta = sum(delta_s / se_s^2) / sum(1 / se_s^2)``, ``se = sum(1 / se_s^2) ** -0.5``. Pooling
    the estimates rather than the counts keeps an outlet's share of each story from passing for
    word choice. ``count_*`` and ``n_*`` of the pooled row are sums over those stories.

    References
    ----------
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature selection
    and evaluation for identifying the content of political conflict. *Political Analysis*, 16(4),
    372-403.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({
    ...     "outlet": ["A", "A", "B", "B"],
    ...     "text": ["The invasion went on.", "The invasion of Ukraine.", "The operation went on.", "The special operation."],
    ... })
    >>> out = distinctive_words(df, a="A", b="B", story=None)
    >>> out.iloc[0]["word"], out.iloc[-1]["word"]
    ('invasion', 'operation')
    """
    import pandas as pd

    from ..._validation import check_columns, check_int, check_number
    from ...exceptions import InvalidInputError
    from ...wordlists import STOP_WORDS

    caller = "distinctive_words"
    if not isinstance(frame, pd.DataFrame):
        msg = f"{caller} expects a pandas DataFrame as 'frame'. Got {type(frame).__name__} instead."
        raise TypeError(msg)
    check_int(min_count, name="min_count", caller=caller, low=1)
    prior_scale = check_number(prior_scale, name="prior_scale", caller=caller, low=0.0)
    if not prior_scale > 0:
        msg = f"The 'prior_scale' parameter of {caller} must be > 0. Got {prior_scale!r} instead."
        raise InvalidInputError(msg)
    df = frame
    if articles is not None:
        check_columns(df, ["article_id"], caller=caller)
        check_columns(articles, ["article_id"], caller=caller)
        extra = [c for c in articles.columns if c not in df.columns or c == "article_id"]
        df = df.merge(articles[extra].drop_duplicates("article_id"), on="article_id", how="left")
    column = "outlet" if isinstance(by, Mapping) else by
    check_columns(df, [text, column, *([story] if story else [])], caller=caller)
    side_of = df[column].map(by) if isinstance(by, Mapping) else df[column]
    side_a, side_b = _members(a), _members(b)
    if set(side_a) & set(side_b):
        msg = f"The 'a' and 'b' parameters of {caller} must not share a value. Got {side_a!r} and {side_b!r}."
        raise InvalidInputError(msg)
    exclude = frozenset(STOP_WORDS) if exclude_stop_words else frozenset()
    scopes = [None] if story is None else sorted(df[story].dropna().unique(), key=str)
    in_a = side_of.isin(side_a)
    in_b = side_of.isin(side_b)
    for side, mask in ((side_a, in_a), (side_b, in_b)):
        if not mask.any():
            msg = f"{caller}: no text of {_name(side)!r} in column {column!r}. Values: {sorted(map(str, side_of.dropna().unique()))!r}."
            raise InvalidInputError(msg)
    rows: list[dict[str, Any]] = []
    pooled: dict[str, list[float]] = {}  # word -> [sum w*delta, sum w, count_a, count_b, prior, n_stories]
    n_tot = [0, 0]
    for scope in scopes:
        here = pd.Series(True, index=df.index) if scope is None else (df[story] == scope)
        if not (here & in_a).any() or not (here & in_b).any():
            continue
        ca = word_counts(df.loc[here & in_a, text], exclude=exclude)
        cb = word_counts(df.loc[here & in_b, text], exclude=exclude)
        n_a, n_b = sum(ca.values()), sum(cb.values())
        if not n_a or not n_b:
            continue
        background = word_counts(df.loc[here, text], exclude=exclude)
        size = sum(background.values())
        alpha_0 = prior_scale * (n_a + n_b)
        prior = {w: alpha_0 * c / size for w, c in background.items()}
        n_tot[0] += n_a
        n_tot[1] += n_b
        for word, (delta, se, z) in log_odds_dirichlet(ca, cb, prior).items():
            ya, yb = ca.get(word, 0), cb.get(word, 0)
            if ya + yb == 0 or math.isnan(delta):
                continue
            acc = pooled.setdefault(word, [0.0, 0.0, 0, 0, 0.0, 0])
            weight = 1.0 / (se * se)
            acc[0] += weight * delta
            acc[1] += weight
            acc[2] += ya
            acc[3] += yb
            acc[4] += prior[word]
            acc[5] += 1
            if story is not None and ya + yb >= min_count:
                rows.append(
                    {
                        "scope": str(scope), "word": word, "count_a": ya, "count_b": yb, "n_a": n_a, "n_b": n_b,
                        "prior": prior[word], "delta": delta, "se": se, "z": z, "n_stories": 1,
                    }
                )
    for word, (swd, sw, ya, yb, prior_sum, k) in pooled.items():
        if ya + yb < min_count:
            continue
        delta = swd / sw
        se = 1.0 / math.sqrt(sw)
        rows.append(
            {
                "scope": "all", "word": word, "count_a": int(ya), "count_b": int(yb), "n_a": n_tot[0], "n_b": n_tot[1],
                "prior": prior_sum, "delta": delta, "se": se, "z": delta / se, "n_stories": int(k),
            }
        )
    out = pd.DataFrame(rows, columns=[c for c in VOCABULARY_COLUMNS if c not in ("group_a", "group_b")])
    out.insert(2, "group_a", _name(side_a))
    out.insert(3, "group_b", _name(side_b))
    out = out.sort_values(["scope", "z", "word"], ascending=[True, False, True], kind="mergesort").reset_index(drop=True)
    return out.astype(
        {"count_a": "int64", "count_b": "int64", "n_a": "int64", "n_b": "int64", "prior": "float64",
         "delta": "float64", "se": "float64", "z": "float64", "n_stories": "int64"}
    )
